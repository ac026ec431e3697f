// SPDX-License-Identifier: GPL-3.0-or-later
// LoketSigner: makes a detached PAdES-B-B CMS signature over the bytes it is given.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LOKET_TYPE_SIGNER (loket_signer_get_type ())
G_DECLARE_INTERFACE (LoketSigner, loket_signer, LOKET, SIGNER, GObject)

struct _LoketSignerInterface
{
  GTypeInterface parent_iface;

  /* Returns the DER of a detached CMS SignedData over @content (PAdES-B-B signed attributes:
   * contentType, messageDigest, signing-certificate-v2; no signing-time). */
  GBytes *(*sign_cms)        (LoketSigner  *self,
                              GBytes       *content,
                              GCancellable *cancellable,
                              GError      **error);
  /* The signer's display name (the certificate's common name). */
  char   *(*dup_signer_name) (LoketSigner  *self);
  /* The signing certificate (DER), e.g. to show who signs and until when before signing. */
  GBytes *(*dup_certificate) (LoketSigner  *self);
};

GBytes *loket_signer_sign_cms        (LoketSigner  *self,
                                      GBytes       *content,
                                      GCancellable *cancellable,
                                      GError      **error) G_GNUC_WARN_UNUSED_RESULT;
char   *loket_signer_dup_signer_name (LoketSigner  *self) G_GNUC_WARN_UNUSED_RESULT;
GBytes *loket_signer_dup_certificate (LoketSigner  *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
