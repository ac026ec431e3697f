// SPDX-License-Identifier: GPL-3.0-or-later
// LoketSigner: makes a detached PAdES-B-B CMS signature over the bytes it is given.
#include "config.h"

#include "loket-signer.h"

G_DEFINE_INTERFACE (LoketSigner, loket_signer, G_TYPE_OBJECT)

static void
loket_signer_default_init (LoketSignerInterface *iface)
{
}

GBytes *
loket_signer_sign_cms (LoketSigner  *self,
                       GBytes       *content,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_return_val_if_fail (LOKET_IS_SIGNER (self), NULL);
  g_return_val_if_fail (content != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return LOKET_SIGNER_GET_IFACE (self)->sign_cms (self, content, cancellable, error);
}

char *
loket_signer_dup_signer_name (LoketSigner *self)
{
  g_return_val_if_fail (LOKET_IS_SIGNER (self), NULL);

  return LOKET_SIGNER_GET_IFACE (self)->dup_signer_name (self);
}

GBytes *
loket_signer_dup_certificate (LoketSigner *self)
{
  g_return_val_if_fail (LOKET_IS_SIGNER (self), NULL);

  return LOKET_SIGNER_GET_IFACE (self)->dup_certificate (self);
}
