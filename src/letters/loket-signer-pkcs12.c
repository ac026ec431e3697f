// SPDX-License-Identifier: GPL-3.0-or-later
// LoketPkcs12Signer: a LoketSigner whose key and certificate come from a PKCS#12 file.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/pkcs12.h>

#include "loket-error.h"
#include "loket-signer-pkcs12.h"
#include "loket-signer-private.h"

struct _LoketPkcs12Signer
{
  GObject parent_instance;

  gnutls_x509_crt_t  crt;
  gnutls_x509_crt_t *extra; /* other certificates of the file (the chain) */
  guint              n_extra;
  gnutls_privkey_t   key;
};

static void loket_pkcs12_signer_iface_init (LoketSignerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LoketPkcs12Signer,
                               loket_pkcs12_signer,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LOKET_TYPE_SIGNER,
                                                      loket_pkcs12_signer_iface_init))

static GBytes *
loket_pkcs12_signer_sign_cms (LoketSigner  *signer,
                              GBytes       *content,
                              GCancellable *cancellable,
                              GError      **error)
{
  LoketPkcs12Signer *self = LOKET_PKCS12_SIGNER (signer);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return _loket_signer_make_cms (self->crt, self->extra, self->n_extra, self->key, content, error);
}

static char *
loket_pkcs12_signer_dup_signer_name (LoketSigner *signer)
{
  return _loket_signer_crt_common_name (LOKET_PKCS12_SIGNER (signer)->crt);
}

static GBytes *
loket_pkcs12_signer_dup_certificate (LoketSigner *signer)
{
  return _loket_signer_crt_der (LOKET_PKCS12_SIGNER (signer)->crt);
}

static void
loket_pkcs12_signer_iface_init (LoketSignerInterface *iface)
{
  iface->dup_certificate = loket_pkcs12_signer_dup_certificate;
  iface->sign_cms = loket_pkcs12_signer_sign_cms;
  iface->dup_signer_name = loket_pkcs12_signer_dup_signer_name;
}

static void
loket_pkcs12_signer_finalize (GObject *object)
{
  LoketPkcs12Signer *self = LOKET_PKCS12_SIGNER (object);

  g_clear_pointer (&self->crt, gnutls_x509_crt_deinit);
  for (guint i = 0; i < self->n_extra; i++)
    gnutls_x509_crt_deinit (self->extra[i]);
  g_free (self->extra);
  g_clear_pointer (&self->key, gnutls_privkey_deinit);

  G_OBJECT_CLASS (loket_pkcs12_signer_parent_class)->finalize (object);
}

static void
loket_pkcs12_signer_class_init (LoketPkcs12SignerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_pkcs12_signer_finalize;
}

static void
loket_pkcs12_signer_init (LoketPkcs12Signer *self)
{
}

LoketPkcs12Signer *
loket_pkcs12_signer_new (const char *path, const char *password, GError **error)
{
  g_autoptr (LoketPkcs12Signer) self = NULL;
  g_autofree char      *contents = NULL;
  gsize                 length = 0;
  gnutls_pkcs12_t       p12 = NULL;
  gnutls_x509_privkey_t xkey = NULL;
  gnutls_x509_crt_t    *chain = NULL;
  unsigned int          chain_len = 0;
  gnutls_x509_crt_t    *extra = NULL;
  unsigned int          extra_len = 0;
  gnutls_datum_t        data;
  int                   ret;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  data.data = (unsigned char *) contents;
  data.size = (unsigned int) length;

  ret = gnutls_pkcs12_init (&p12);
  if (ret >= 0)
    {
      ret = gnutls_pkcs12_import (p12, &data, GNUTLS_X509_FMT_DER, 0);
      if (ret < 0)
        ret = gnutls_pkcs12_import (p12, &data, GNUTLS_X509_FMT_PEM, 0);
      if (ret < 0)
        {
          gnutls_pkcs12_deinit (p12);
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _("“%s” is not a PKCS#12 file"), path);
          return NULL;
        }
    }
  if (ret >= 0)
    {
      /* Check the MAC first: a wrong password shows here with a clear code. */
      ret = gnutls_pkcs12_verify_mac (p12, password != NULL ? password : "");
      if (ret == GNUTLS_E_MAC_VERIFY_FAILED)
        {
          gnutls_pkcs12_deinit (p12);
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                       _("Wrong password for the key file “%s”"), path);
          return NULL;
        }
      ret = gnutls_pkcs12_simple_parse (p12, password != NULL ? password : "", &xkey, &chain,
                                        &chain_len, &extra, &extra_len, NULL, 0);
    }
  if (p12 != NULL)
    gnutls_pkcs12_deinit (p12);
  if (ret == GNUTLS_E_DECRYPTION_FAILED || ret == GNUTLS_E_MAC_VERIFY_FAILED)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                   _("Wrong password for the key file “%s”"), path);
      return NULL;
    }

  self = g_object_new (LOKET_TYPE_PKCS12_SIGNER, NULL);
  if (ret >= 0 && (xkey == NULL || chain_len == 0))
    ret = GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE;
  if (ret >= 0)
    {
      self->crt = chain[0];
      self->n_extra = chain_len - 1 + extra_len;
      self->extra = g_new0 (gnutls_x509_crt_t, self->n_extra + 1);
      for (guint i = 1; i < chain_len; i++)
        self->extra[i - 1] = chain[i];
      for (guint i = 0; i < extra_len; i++)
        self->extra[chain_len - 1 + i] = extra[i];
      chain_len = extra_len = 0;
      ret = gnutls_privkey_init (&self->key);
    }
  if (ret >= 0)
    {
      ret = gnutls_privkey_import_x509 (self->key, xkey, GNUTLS_PRIVKEY_IMPORT_AUTO_RELEASE);
      if (ret >= 0)
        xkey = NULL;
    }
  for (guint i = 0; i < chain_len; i++)
    gnutls_x509_crt_deinit (chain[i]);
  for (guint i = 0; i < extra_len; i++)
    gnutls_x509_crt_deinit (extra[i]);
  gnutls_free (chain);
  gnutls_free (extra);
  if (xkey != NULL)
    gnutls_x509_privkey_deinit (xkey);
  if (ret < 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("The key file “%s” holds no usable key and certificate: %s"), path,
                   gnutls_strerror (ret));
      return NULL;
    }

  if (!_loket_signer_check_certificate (self->crt, error)
      || !_loket_signer_check_key (self->crt, self->key, error))
    return NULL;
  return g_steal_pointer (&self);
}
