// SPDX-License-Identifier: GPL-3.0-or-later
// Checks a PDF's signatures: the CMS, the digest of the byte range and changes after signing.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>
#include <string.h>

#include "loket-error.h"
#include "loket-pdf-object.h"
#include "loket-pdf-signature-verify.h"
#include "loket-signer-private.h"

#define OID_MESSAGE_DIGEST "1.2.840.113549.1.9.4"
#define MAX_OBJ_DISTANCE (1024 * 1024)
#define MAX_CANDIDATES 256 /* more "/ByteRange"s is not a letter: stop, report incomplete */

static void
signature_free (gpointer data)
{
  LoketPdfSignature *sig = data;

  g_free (sig->signer_name);
  g_free (sig->signer_subject);
  g_free (sig->sub_filter);
  g_clear_pointer (&sig->signing_time, g_date_time_unref);
  g_free (sig->problem);
  g_free (sig);
}

void
loket_pdf_verification_free (LoketPdfVerification *verification)
{
  if (verification == NULL)
    return;
  g_ptr_array_unref (verification->signatures);
  g_free (verification);
}

GDateTime *
loket_pdf_parse_date (const char *text)
{
  int              f[6] = { 0, 1, 1, 0, 0, 0 };
  static const int width[6] = { 4, 2, 2, 2, 2, 2 };
  const char      *p = text;
  g_autoptr (GTimeZone) tz = NULL;

  if (p == NULL)
    return NULL;
  if (g_str_has_prefix (p, "D:"))
    p += 2;
  for (guint i = 0; i < 6; i++)
    {
      int v = 0;

      if (!g_ascii_isdigit (*p))
        {
          if (i == 0)
            return NULL;
          break;
        }
      for (int k = 0; k < width[i]; k++, p++)
        {
          if (!g_ascii_isdigit (*p))
            return NULL;
          v = v * 10 + (*p - '0');
        }
      f[i] = v;
    }
  if (*p == '+' || *p == '-')
    {
      int              hh = 0, mm = 0;
      char             sign = *p++;
      g_autofree char *id = NULL;

      if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]))
        {
          hh = (p[0] - '0') * 10 + (p[1] - '0');
          p += 2;
          if (*p == '\'')
            p++;
          if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]))
            mm = (p[0] - '0') * 10 + (p[1] - '0');
        }
      id = g_strdup_printf ("%c%02d:%02d", sign, hh, mm);
      tz = g_time_zone_new_identifier (id);
    }
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  return g_date_time_new (tz, f[0], f[1], f[2], f[3], f[4], f[5]);
}

static void
set_problem (LoketPdfSignature *sig, const char *message)
{
  if (sig->problem == NULL)
    sig->problem = g_strdup (message);
}

/* Finds the nearest "N G obj" before @pos whose object is a dictionary holding @pos. */
static LoketPdfValue *
enclosing_object (const guint8 *data, gsize len, gsize pos)
{
  gsize limit = pos > MAX_OBJ_DISTANCE ? pos - MAX_OBJ_DISTANCE : 0;

  for (gsize i = pos; i >= limit + 3 && i >= 3; i--)
    {
      gsize          start, digits;
      guint          num, gen;
      LoketPdfValue *value;

      if (memcmp (data + i - 3, "obj", 3) != 0 || (i >= 6 && memcmp (data + i - 6, "end", 3) == 0))
        continue;
      /* Back over " G " and "N". */
      start = i - 3;
      while (start > 0
             && (data[start - 1] == ' ' || data[start - 1] == '\r' || data[start - 1] == '\n'))
        start--;
      digits = start;
      while (start > 0 && g_ascii_isdigit (data[start - 1]))
        start--;
      if (start == digits)
        continue;
      while (start > 0 && data[start - 1] == ' ')
        start--;
      while (start > 0 && g_ascii_isdigit (data[start - 1]))
        start--;
      value = loket_pdf_parse_indirect (data, len, start, &num, &gen, NULL);
      if (value != NULL && value->kind == LOKET_PDF_DICT
          && loket_pdf_dict_get (value, "ByteRange") != NULL)
        return value;
      loket_pdf_value_free (value);
    }
  return NULL;
}

static gboolean
is_hex_string (const guint8 *data, gsize a, gsize b)
{
  if (b < a + 2 || data[a] != '<' || data[b - 1] != '>')
    return FALSE;
  for (gsize i = a + 1; i + 1 < b; i++)
    if (!g_ascii_isxdigit (data[i]) && data[i] != ' ' && data[i] != '\n' && data[i] != '\r')
      return FALSE;
  return TRUE;
}

/* The DER of the CMS in the hex string at [a, b), without the zero padding. */
static GBytes *
decode_contents (const guint8 *data, gsize a, gsize b)
{
  g_autoptr (GByteArray) der = g_byte_array_new ();
  int   hi = -1;
  gsize total;

  for (gsize i = a + 1; i + 1 < b; i++)
    {
      int d = g_ascii_xdigit_value (data[i]);
      if (d < 0)
        continue;
      if (hi < 0)
        hi = d;
      else
        {
          guint8 v = (guint8) (hi << 4 | d);
          g_byte_array_append (der, &v, 1);
          hi = -1;
        }
    }
  if (der->len < 2 || der->data[0] != 0x30)
    return NULL;
  if (der->data[1] < 0x80)
    total = 2 + der->data[1];
  else
    {
      guint n = der->data[1] & 0x7f;
      if (n == 0 || n > 4 || der->len < 2 + n)
        return NULL;
      total = 0;
      for (guint i = 0; i < n; i++)
        total = total << 8 | der->data[2 + i];
      total += 2 + n;
    }
  if (total > der->len)
    return NULL;
  g_byte_array_set_size (der, (guint) total);
  return g_byte_array_free_to_bytes (g_steal_pointer (&der));
}

static gboolean
find_attr (gnutls_pkcs7_attrs_t attrs, const char *want, gnutls_datum_t *out)
{
  for (unsigned i = 0;; i++)
    {
      char          *oid = NULL;
      gnutls_datum_t data = { NULL, 0 };
      gboolean       match;

      if (gnutls_pkcs7_get_attr (attrs, i, &oid, &data, 0) < 0)
        return FALSE;
      match = g_strcmp0 (oid, want) == 0; /* @oid is a constant string */
      if (match)
        {
          *out = data;
          return TRUE;
        }
      gnutls_free (data.data);
    }
}

static gboolean
contains (const guint8 *hay, gsize hay_len, const guint8 *needle, gsize needle_len)
{
  for (gsize i = 0; i + needle_len <= hay_len; i++)
    if (memcmp (hay + i, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}

static void
check_cms (LoketPdfSignature       *sig,
           GBytes                  *der,
           const gnutls_datum_t    *content,
           gnutls_x509_trust_list_t trust)
{
  gnutls_pkcs7_t                 p7 = NULL;
  gnutls_pkcs7_signature_info_st info;
  gnutls_x509_crt_t              signer = NULL;
  gnutls_datum_t                 der_datum;
  gnutls_datum_t                 attr = { NULL, 0 };
  gsize                          der_len;
  gboolean                       have_info = FALSE;
  int                            count;

  memset (&info, 0, sizeof info);
  der_datum.data = (unsigned char *) g_bytes_get_data (der, &der_len);
  der_datum.size = (unsigned int) der_len;
  if (gnutls_pkcs7_init (&p7) < 0 || gnutls_pkcs7_import (p7, &der_datum, GNUTLS_X509_FMT_DER) < 0
      || gnutls_pkcs7_get_signature_count (p7) < 1
      || gnutls_pkcs7_get_signature_info (p7, 0, &info) < 0)
    {
      set_problem (sig, _("The signature data cannot be read"));
      goto out;
    }
  have_info = TRUE;

  /* The signer certificate: the embedded one with the signer's issuer and serial number. */
  count = gnutls_pkcs7_get_crt_count (p7);
  for (int i = 0; i < count && signer == NULL; i++)
    {
      gnutls_datum_t    raw = { NULL, 0 };
      gnutls_x509_crt_t crt = NULL;
      guint8            serial[64];
      size_t            serial_len = sizeof serial;
      gnutls_datum_t    issuer = { NULL, 0 };

      if (gnutls_pkcs7_get_crt_raw2 (p7, (unsigned) i, &raw) < 0)
        continue;
      if (gnutls_x509_crt_init (&crt) >= 0
          && gnutls_x509_crt_import (crt, &raw, GNUTLS_X509_FMT_DER) >= 0
          && gnutls_x509_crt_get_serial (crt, serial, &serial_len) >= 0
          && gnutls_x509_crt_get_raw_issuer_dn (crt, &issuer) >= 0
          && serial_len == info.signer_serial.size
          && memcmp (serial, info.signer_serial.data, serial_len) == 0
          && (info.issuer_dn.size == 0
              || (issuer.size == info.issuer_dn.size
                  && memcmp (issuer.data, info.issuer_dn.data, issuer.size) == 0)))
        signer = g_steal_pointer (&crt);
      gnutls_free (issuer.data);
      gnutls_free (raw.data);
      if (crt != NULL)
        gnutls_x509_crt_deinit (crt);
    }
  if (signer == NULL)
    {
      set_problem (sig, _("The signature does not include the signer's certificate"));
      goto out;
    }
  sig->signer_name = _loket_signer_crt_common_name (signer);
  {
    gnutls_datum_t dn = { NULL, 0 };
    if (gnutls_x509_crt_get_dn3 (signer, &dn, 0) >= 0)
      sig->signer_subject = g_strndup ((const char *) dn.data, dn.size);
    gnutls_free (dn.data);
  }
  {
    /* The certificate must have been valid when the document says it was signed (/M). */
    gint64 when = sig->signing_time != NULL ? g_date_time_to_unix (sig->signing_time)
                                            : g_get_real_time () / G_USEC_PER_SEC;
    time_t not_before = gnutls_x509_crt_get_activation_time (signer);
    time_t not_after = gnutls_x509_crt_get_expiration_time (signer);

    sig->certificate_valid_at_signing = (not_before == (time_t) -1 || when >= not_before)
                                        && (not_after == (time_t) -1 || when <= not_after);
    if (!sig->certificate_valid_at_signing)
      set_problem (sig, _("The signer's certificate was not valid at the signing time"));
  }

  /* messageDigest against our own hash of the byte range. */
  if (find_attr (info.signed_attrs, OID_MESSAGE_DIGEST, &attr))
    {
      gnutls_digest_algorithm_t dig = gnutls_sign_get_hash_algorithm (info.algo);
      guint8                    hash[64];
      unsigned                  hash_len = gnutls_hash_get_len (dig);
      const guint8             *md = attr.data;
      gsize                     md_len = attr.size;

      if (md_len >= 2 && md[0] == 0x04 && md[1] == md_len - 2)
        {
          md += 2;
          md_len -= 2;
        }
      if (hash_len > 0 && hash_len <= sizeof hash
          && gnutls_hash_fast (dig, content->data, content->size, hash) >= 0 && md_len == hash_len
          && memcmp (md, hash, hash_len) == 0)
        sig->digest_matches = TRUE;
      gnutls_free (attr.data);
      attr.data = NULL;
    }
  if (!sig->digest_matches)
    set_problem (sig,
                 _("The document was changed after it was signed: its digest does not match"));

  sig->cms_valid = gnutls_pkcs7_verify_direct (p7, signer, 0, content, 0) >= 0;
  if (!sig->cms_valid)
    set_problem (sig, _("The signature is not valid"));

  if (find_attr (info.signed_attrs, LOKET_OID_SIGNING_CERTIFICATE_V2, &attr))
    {
      gnutls_datum_t crt_der = { NULL, 0 };
      guint8         hash[32];

      if (gnutls_x509_crt_export2 (signer, GNUTLS_X509_FMT_DER, &crt_der) >= 0
          && gnutls_hash_fast (GNUTLS_DIG_SHA256, crt_der.data, crt_der.size, hash) >= 0)
        sig->signing_certificate_ok = contains (attr.data, attr.size, hash, sizeof hash);
      gnutls_free (crt_der.data);
      gnutls_free (attr.data);
    }

  if (trust != NULL)
    sig->trusted = gnutls_pkcs7_verify (p7, trust, NULL, 0, 0, content, 0) >= 0;

out:
  if (have_info)
    gnutls_pkcs7_signature_info_deinit (&info);
  if (signer != NULL)
    gnutls_x509_crt_deinit (signer);
  if (p7 != NULL)
    gnutls_pkcs7_deinit (p7);
}

static LoketPdfSignature *
check_signature (const guint8 *data, gsize len, gsize at, gnutls_x509_trust_list_t trust)
{
  g_autoptr (LoketPdfValue) range = NULL;
  g_autoptr (LoketPdfValue) dict = NULL;
  g_autoptr (GBytes) der = NULL;
  g_autoptr (GByteArray) content = NULL;
  LoketPdfSignature   *sig;
  gsize                pos = at + strlen ("/ByteRange");
  gint64               r[4];
  gnutls_datum_t       datum;
  const LoketPdfValue *value;

  range = loket_pdf_parse_value (data, len, &pos, NULL);
  if (range == NULL || range->kind != LOKET_PDF_ARRAY || range->items->len != 4)
    return NULL;
  for (guint i = 0; i < 4; i++)
    if (!loket_pdf_value_get_int (range->items->pdata[i], &r[i]) || r[i] < 0)
      return NULL;

  sig = g_new0 (LoketPdfSignature, 1);
  for (guint i = 0; i < 4; i++)
    sig->range[i] = (gsize) r[i];
  sig->byte_range_ok = r[0] == 0 && r[1] < r[2] && (guint64) r[2] + (guint64) r[3] <= len
                       && is_hex_string (data, (gsize) r[1], (gsize) r[2]);

  dict = enclosing_object (data, len, at);
  if (dict != NULL && dict->kind == LOKET_PDF_DICT)
    {
      g_autofree char *m = loket_pdf_string_to_utf8 (loket_pdf_dict_get (dict, "M"));

      sig->signing_time = loket_pdf_parse_date (m);
      value = loket_pdf_dict_get (dict, "SubFilter");
      if (value != NULL && value->kind == LOKET_PDF_NAME)
        sig->sub_filter = g_strdup (value->raw);
    }

  if (!sig->byte_range_ok)
    {
      set_problem (sig, _("The signed byte range does not cover the document correctly"));
      return sig;
    }
  sig->covers_whole_document = (gsize) (r[2] + r[3]) == len;
  der = decode_contents (data, (gsize) r[1], (gsize) r[2]);
  if (der == NULL)
    {
      set_problem (sig, _("The signature data cannot be read"));
      return sig;
    }
  content = g_byte_array_sized_new ((guint) (r[1] + r[3]));
  g_byte_array_append (content, data, (guint) r[1]);
  g_byte_array_append (content, data + r[2], (guint) r[3]);
  datum.data = content->data;
  datum.size = content->len;
  check_cms (sig, der, &datum, trust);
  sig->valid = sig->byte_range_ok && sig->digest_matches && sig->cms_valid
               && sig->certificate_valid_at_signing;
  return sig;
}

LoketPdfVerification *
loket_pdf_verify (GBytes *pdf, const char *ca_file, GError **error)
{
  g_autoptr (LoketPdfVerification) result = g_new0 (LoketPdfVerification, 1);
  gnutls_x509_trust_list_t trust = NULL;
  const guint8            *data;
  gsize                    len;
  gsize                    last_end = 0;
  guint                    candidates = 0;
  static const char        needle[] = "/ByteRange";

  g_return_val_if_fail (pdf != NULL, NULL);

  data = g_bytes_get_data (pdf, &len);
  result->signatures = g_ptr_array_new_with_free_func (signature_free);
  if (len < 8 || memcmp (data, "%PDF-", 5) != 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("This is not a PDF file"));
      return NULL;
    }
  if (ca_file != NULL)
    {
      if (gnutls_x509_trust_list_init (&trust, 0) < 0
          || gnutls_x509_trust_list_add_trust_file (trust, ca_file, NULL, GNUTLS_X509_FMT_PEM, 0, 0)
               <= 0)
        {
          if (trust != NULL)
            gnutls_x509_trust_list_deinit (trust, 1);
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _("No trusted certificate could be read from “%s”"), ca_file);
          return NULL;
        }
    }

  for (gsize i = 0; i + sizeof needle - 1 <= len; i++)
    {
      LoketPdfSignature *sig;

      if (data[i] != '/' || memcmp (data + i, needle, sizeof needle - 1) != 0)
        continue;
      if (++candidates > MAX_CANDIDATES)
        {
          result->incomplete = TRUE;
          break;
        }
      sig = check_signature (data, len, i, trust);
      if (sig == NULL)
        continue;
      if (trust != NULL && sig->valid && !sig->trusted)
        set_problem (sig, _("The signer's certificate is not issued by a trusted authority"));
      if (sig->byte_range_ok)
        last_end = MAX (last_end, sig->range[2] + sig->range[3]);
      g_ptr_array_add (result->signatures, sig);
    }
  if (trust != NULL)
    gnutls_x509_trust_list_deinit (trust, 1);

  result->modified_after_signing = result->signatures->len > 0 && last_end < len;
  result->valid
    = result->signatures->len > 0 && !result->modified_after_signing && !result->incomplete;
  for (guint i = 0; i < result->signatures->len; i++)
    {
      LoketPdfSignature *sig = result->signatures->pdata[i];
      if (!sig->valid || (trust != NULL && !sig->trusted))
        result->valid = FALSE;
    }
  return g_steal_pointer (&result);
}
