// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the local signers: certificate checks and CMS assembly with GnuTLS.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/pkcs7.h>
#include <string.h>

#include "loket-error.h"
#include "loket-signer-private.h"

/* Appends a DER tag-length-value to @out. */
static void
der_append (GByteArray *out, guint8 tag, const guint8 *data, gsize len)
{
  guint8 head[6];
  guint  n = 0;

  head[n++] = tag;
  if (len < 0x80)
    head[n++] = (guint8) len;
  else if (len <= 0xff)
    {
      head[n++] = 0x81;
      head[n++] = (guint8) len;
    }
  else if (len <= 0xffff)
    {
      head[n++] = 0x82;
      head[n++] = (guint8) (len >> 8);
      head[n++] = (guint8) len;
    }
  else
    {
      head[n++] = 0x83;
      head[n++] = (guint8) (len >> 16);
      head[n++] = (guint8) (len >> 8);
      head[n++] = (guint8) len;
    }
  g_byte_array_append (out, head, n);
  g_byte_array_append (out, data, (guint) len);
}

static void
der_wrap (GByteArray *out, guint8 tag, GByteArray *inner)
{
  der_append (out, tag, inner->data, inner->len);
}

/* SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
 * ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING (SHA-256, the default algorithm),
 *                            issuerSerial SEQUENCE { GeneralNames { [4] Name }, INTEGER } } */
GBytes *
_loket_signer_signing_certificate_v2 (gnutls_x509_crt_t crt, GError **error)
{
  gnutls_datum_t der = { NULL, 0 };
  gnutls_datum_t issuer = { NULL, 0 };
  guint8         hash[32];
  guint8         serial[64];
  size_t         serial_len = sizeof serial;
  g_autoptr (GByteArray) names = g_byte_array_new ();
  g_autoptr (GByteArray) general_names = g_byte_array_new ();
  g_autoptr (GByteArray) issuer_serial = g_byte_array_new ();
  g_autoptr (GByteArray) cert_id = g_byte_array_new ();
  g_autoptr (GByteArray) certs = g_byte_array_new ();
  g_autoptr (GByteArray) out = g_byte_array_new ();
  int ret;

  ret = gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der);
  if (ret >= 0)
    ret = gnutls_hash_fast (GNUTLS_DIG_SHA256, der.data, der.size, hash);
  gnutls_free (der.data);
  if (ret >= 0)
    ret = gnutls_x509_crt_get_raw_issuer_dn (crt, &issuer);
  if (ret >= 0)
    ret = gnutls_x509_crt_get_serial (crt, serial, &serial_len);
  if (ret < 0)
    {
      gnutls_free (issuer.data);
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("The signing certificate cannot be read: %s"), gnutls_strerror (ret));
      return NULL;
    }

  der_append (names, 0xa4, issuer.data, issuer.size); /* directoryName [4] EXPLICIT Name */
  gnutls_free (issuer.data);
  der_wrap (general_names, 0x30, names);
  g_byte_array_append (issuer_serial, general_names->data, general_names->len);
  der_append (issuer_serial, 0x02, serial, serial_len);

  der_append (cert_id, 0x04, hash, sizeof hash);
  der_wrap (cert_id, 0x30, issuer_serial);
  der_wrap (certs, 0x30, cert_id);
  {
    g_autoptr (GByteArray) seq = g_byte_array_new ();
    der_wrap (seq, 0x30, certs);
    der_wrap (out, 0x30, seq);
  }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

char *
_loket_signer_crt_common_name (gnutls_x509_crt_t crt)
{
  char   buf[512];
  size_t len = sizeof buf;

  if (gnutls_x509_crt_get_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, buf, &len) >= 0)
    return g_strndup (buf, len);
  len = sizeof buf;
  if (gnutls_x509_crt_get_dn (crt, buf, &len) >= 0)
    return g_strndup (buf, len);
  return g_strdup ("?");
}

GBytes *
_loket_signer_crt_der (gnutls_x509_crt_t crt)
{
  gnutls_datum_t der = { NULL, 0 };
  GBytes        *bytes;

  if (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &der) < 0)
    return NULL;
  bytes = g_bytes_new (der.data, der.size);
  gnutls_free (der.data);
  return bytes;
}

gboolean
_loket_signer_check_certificate (gnutls_x509_crt_t crt, GError **error)
{
  time_t       now = time (NULL);
  time_t       not_before = gnutls_x509_crt_get_activation_time (crt);
  time_t       not_after = gnutls_x509_crt_get_expiration_time (crt);
  unsigned int usage = 0;
  unsigned int critical = 0;
  int          ret;

  if (not_after != (time_t) -1 && now > not_after)
    {
      g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (not_after);
      g_autofree char *date = g_date_time_format (when, "%Y-%m-%d");
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                   _("The signing certificate expired on %s"), date);
      return FALSE;
    }
  if (not_before != (time_t) -1 && now < not_before)
    {
      g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (not_before);
      g_autofree char *date = g_date_time_format (when, "%Y-%m-%d");
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                   _("The signing certificate is not valid before %s"), date);
      return FALSE;
    }
  ret = gnutls_x509_crt_get_key_usage (crt, &usage, &critical);
  if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
    return TRUE; /* no key usage extension: not restricted (RFC 5280 §4.2.1.3) */
  if (ret < 0 || (usage & (GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_NON_REPUDIATION)) == 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                   _("The certificate is not for signing: its key usage allows neither digital "
                      "signatures nor non-repudiation"));
      return FALSE;
    }
  return TRUE;
}

/* Signs a probe with @key and checks it with @crt: proves the PIN and that the two belong
 * together before any document is touched. */
gboolean
_loket_signer_check_key (gnutls_x509_crt_t crt, gnutls_privkey_t key, GError **error)
{
  static const char       probe[] = "loket signing key check";
  gnutls_datum_t          data = { (unsigned char *) probe, sizeof probe - 1 };
  gnutls_datum_t          sig = { NULL, 0 };
  gnutls_pubkey_t         pub = NULL;
  gnutls_sign_algorithm_t algo;
  int                     pk;
  int                     ret;

  ret = gnutls_privkey_sign_data (key, GNUTLS_DIG_SHA256, 0, &data, &sig);
  if (ret == GNUTLS_E_PKCS11_PIN_ERROR || ret == GNUTLS_E_PKCS11_USER_ERROR)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN, _("Wrong PIN for the signing key"));
      return FALSE;
    }
  if (ret == GNUTLS_E_PKCS11_PIN_LOCKED)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                   _("The PIN of the signing token is locked"));
      return FALSE;
    }
  if (ret < 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED, _("The signing key cannot sign: %s"),
                   gnutls_strerror (ret));
      return FALSE;
    }
  pk = gnutls_privkey_get_pk_algorithm (key, NULL);
  algo = gnutls_pk_to_sign (pk, GNUTLS_DIG_SHA256);
  ret = gnutls_pubkey_init (&pub);
  if (ret >= 0)
    ret = gnutls_pubkey_import_x509 (pub, crt, 0);
  if (ret >= 0)
    ret = gnutls_pubkey_verify_data2 (pub, algo, 0, &data, &sig);
  gnutls_free (sig.data);
  if (pub != NULL)
    gnutls_pubkey_deinit (pub);
  if (ret < 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("The signing key does not belong to the certificate"));
      return FALSE;
    }
  return TRUE;
}

GBytes *
_loket_signer_make_cms (gnutls_x509_crt_t  crt,
                        gnutls_x509_crt_t *chain,
                        guint              n_chain,
                        gnutls_privkey_t   key,
                        GBytes            *content,
                        GError           **error)
{
  g_autoptr (GBytes) esscert = NULL;
  gnutls_pkcs7_t       p7 = NULL;
  gnutls_pkcs7_attrs_t attrs = NULL;
  gnutls_datum_t       attr;
  gnutls_datum_t       data;
  gnutls_datum_t       der = { NULL, 0 };
  gsize                len;
  GBytes              *result = NULL;
  int                  ret;

  if (!_loket_signer_check_certificate (crt, error))
    return NULL;
  esscert = _loket_signer_signing_certificate_v2 (crt, error);
  if (esscert == NULL)
    return NULL;

  attr.data = (unsigned char *) g_bytes_get_data (esscert, &len);
  attr.size = (unsigned int) len;
  data.data = (unsigned char *) g_bytes_get_data (content, &len);
  data.size = (unsigned int) len;

  ret = gnutls_pkcs7_init (&p7);
  if (ret >= 0)
    ret = gnutls_pkcs7_add_attr (&attrs, LOKET_OID_SIGNING_CERTIFICATE_V2, &attr, 0);
  /* Detached (no EMBED_DATA) and no INCLUDE_TIME: PAdES puts the time in /M. */
  if (ret >= 0)
    ret = gnutls_pkcs7_sign (p7, crt, key, &data, attrs, NULL, GNUTLS_DIG_SHA256,
                             GNUTLS_PKCS7_INCLUDE_CERT);
  for (guint i = 0; ret >= 0 && i < n_chain; i++)
    ret = gnutls_pkcs7_set_crt (p7, chain[i]);
  if (ret >= 0)
    ret = gnutls_pkcs7_export2 (p7, GNUTLS_X509_FMT_DER, &der);

  if (ret == GNUTLS_E_PKCS11_PIN_ERROR || ret == GNUTLS_E_PKCS11_USER_ERROR)
    g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN, _("Wrong PIN for the signing key"));
  else if (ret < 0)
    g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED, _("Signing failed: %s"),
                 gnutls_strerror (ret));
  else
    result = g_bytes_new (der.data, der.size);

  gnutls_free (der.data);
  gnutls_pkcs7_attrs_deinit (attrs);
  if (p7 != NULL)
    gnutls_pkcs7_deinit (p7);
  return result;
}
