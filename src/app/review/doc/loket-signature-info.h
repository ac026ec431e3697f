// SPDX-License-Identifier: GPL-3.0-or-later
// One validated signature of a PDF: who signed, when, whether it holds, whether the document
// changed after it. Made by loket_pdf_document_get_signatures () (poppler's validator).
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  LOKET_SIGNATURE_VALID,   /* the signed bytes are unchanged and the CMS checks */
  LOKET_SIGNATURE_CHANGED, /* the signed bytes were changed (digest mismatch) */
  LOKET_SIGNATURE_INVALID, /* the CMS does not check, or cannot be decoded */
} LoketSignatureStatus;

typedef enum
{
  LOKET_CERTIFICATE_TRUSTED,
  LOKET_CERTIFICATE_UNKNOWN_ISSUER, /* no chain to a root this computer trusts */
  LOKET_CERTIFICATE_EXPIRED,
  LOKET_CERTIFICATE_REVOKED,
  LOKET_CERTIFICATE_NOT_VERIFIED,
} LoketCertificateStatus;

#define LOKET_TYPE_SIGNATURE_INFO (loket_signature_info_get_type ())

G_DECLARE_FINAL_TYPE (LoketSignatureInfo, loket_signature_info, LOKET, SIGNATURE_INFO, GObject)

LoketSignatureInfo    *loket_signature_info_new            (const char            *field_name,
                                                            const char            *signer_name,
                                                            GDateTime             *signing_time,
                                                            LoketSignatureStatus   status,
                                                            LoketCertificateStatus certificate,
                                                            gboolean               covers_document) G_GNUC_WARN_UNUSED_RESULT;

const char            *loket_signature_info_get_field_name  (LoketSignatureInfo *self);
/* The signer's name from the certificate; "" when unknown. */
const char            *loket_signature_info_get_signer_name (LoketSignatureInfo *self);
/* (nullable) */
GDateTime             *loket_signature_info_get_signing_time (LoketSignatureInfo *self);
LoketSignatureStatus   loket_signature_info_get_status      (LoketSignatureInfo *self);
LoketCertificateStatus loket_signature_info_get_certificate (LoketSignatureInfo *self);
/* FALSE when bytes were appended after this signature (a later incremental update: another
 * signature, or an edit). */
gboolean               loket_signature_info_get_covers_document (LoketSignatureInfo *self);
/* VALID and covering the whole document. */
gboolean               loket_signature_info_is_intact       (LoketSignatureInfo *self);

G_END_DECLS
