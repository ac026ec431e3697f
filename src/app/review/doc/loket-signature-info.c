// SPDX-License-Identifier: GPL-3.0-or-later
// One validated signature of a PDF.

#include "config.h"

#include "loket-signature-info.h"

struct _LoketSignatureInfo
{
  GObject parent_instance;

  char                  *field_name;
  char                  *signer_name;
  GDateTime             *signing_time;
  LoketSignatureStatus   status;
  LoketCertificateStatus certificate;
  gboolean               covers_document;
};

G_DEFINE_FINAL_TYPE (LoketSignatureInfo, loket_signature_info, G_TYPE_OBJECT)

static void
loket_signature_info_finalize (GObject *object)
{
  LoketSignatureInfo *self = LOKET_SIGNATURE_INFO (object);

  g_free (self->field_name);
  g_free (self->signer_name);
  g_clear_pointer (&self->signing_time, g_date_time_unref);
  G_OBJECT_CLASS (loket_signature_info_parent_class)->finalize (object);
}

static void
loket_signature_info_class_init (LoketSignatureInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_signature_info_finalize;
}

static void
loket_signature_info_init (LoketSignatureInfo *self)
{
}

LoketSignatureInfo *
loket_signature_info_new (const char            *field_name,
                          const char            *signer_name,
                          GDateTime             *signing_time,
                          LoketSignatureStatus   status,
                          LoketCertificateStatus certificate,
                          gboolean               covers_document)
{
  LoketSignatureInfo *self = g_object_new (LOKET_TYPE_SIGNATURE_INFO, NULL);

  self->field_name = g_strdup (field_name != NULL ? field_name : "");
  self->signer_name = g_strdup (signer_name != NULL ? signer_name : "");
  self->signing_time = signing_time != NULL ? g_date_time_ref (signing_time) : NULL;
  self->status = status;
  self->certificate = certificate;
  self->covers_document = covers_document;
  return self;
}

const char *
loket_signature_info_get_field_name (LoketSignatureInfo *self)
{
  g_return_val_if_fail (LOKET_IS_SIGNATURE_INFO (self), NULL);
  return self->field_name;
}

const char *
loket_signature_info_get_signer_name (LoketSignatureInfo *self)
{
  g_return_val_if_fail (LOKET_IS_SIGNATURE_INFO (self), NULL);
  return self->signer_name;
}

GDateTime *
loket_signature_info_get_signing_time (LoketSignatureInfo *self)
{
  g_return_val_if_fail (LOKET_IS_SIGNATURE_INFO (self), NULL);
  return self->signing_time;
}

LoketSignatureStatus
loket_signature_info_get_status (LoketSignatureInfo *self)
{
  g_return_val_if_fail (LOKET_IS_SIGNATURE_INFO (self), LOKET_SIGNATURE_INVALID);
  return self->status;
}

LoketCertificateStatus
loket_signature_info_get_certificate (LoketSignatureInfo *self)
{
  g_return_val_if_fail (LOKET_IS_SIGNATURE_INFO (self), LOKET_CERTIFICATE_NOT_VERIFIED);
  return self->certificate;
}

gboolean
loket_signature_info_get_covers_document (LoketSignatureInfo *self)
{
  g_return_val_if_fail (LOKET_IS_SIGNATURE_INFO (self), FALSE);
  return self->covers_document;
}

gboolean
loket_signature_info_is_intact (LoketSignatureInfo *self)
{
  g_return_val_if_fail (LOKET_IS_SIGNATURE_INFO (self), FALSE);
  return self->status == LOKET_SIGNATURE_VALID && self->covers_document;
}
