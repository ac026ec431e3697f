// SPDX-License-Identifier: GPL-3.0-or-later
// Throwaway PKI, PDFs and external tools for the signing tests.
#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "loket-pdf-signature-verify.h"
#include "loket-test-utils.h"
#include "pades-fixture.h"

char *
pades_fixture_path (PadesFixture *fx, const char *name)
{
  return g_build_filename (fx->dir, name, NULL);
}

static void
write_file (const char *path, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
certtool (PadesFixture *fx, const char *what, ...)
{
  g_autofree char *out = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int         status;
  const char *arg;
  va_list     ap;

  g_ptr_array_add (argv, "certtool");
  va_start (ap, what);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (fx->dir, (char **) argv->pdata, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &out, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("certtool %s failed: %s", what, out);
}

/* A key, a certificate from @template signed by the CA, and a PKCS#12 of both. */
static char *
make_p12 (PadesFixture *fx, const char *name, const char *template)
{
  g_autofree char *tmpl = g_strdup_printf ("%s.tmpl", name);
  g_autofree char *key = g_strdup_printf ("%s.key", name);
  g_autofree char *pem = g_strdup_printf ("%s.pem", name);
  g_autofree char *p12 = g_strdup_printf ("%s.p12", name);
  g_autofree char *tmpl_path = pades_fixture_path (fx, tmpl);

  write_file (tmpl_path, template);
  certtool (fx, "key", "--generate-privkey", "--key-type", "rsa", "--bits", "2048", "--outfile",
            key, NULL);
  certtool (fx, "certificate", "--generate-certificate", "--load-privkey", key,
            "--load-ca-certificate", "ca.pem", "--load-ca-privkey", "ca.key", "--template", tmpl,
            "--outfile", pem, NULL);
  certtool (fx, "p12", "--to-p12", "--load-privkey", key, "--load-certificate", pem,
            "--load-ca-certificate", "ca.pem", "--p12-name", name, "--password", "rahasia",
            "--outder", "--outfile", p12, NULL);
  return pades_fixture_path (fx, p12);
}

static void
make_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 609.45, 935.43); /* F4 */
  cairo_t         *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 14);
  cairo_move_to (cr, 72, 100);
  cairo_show_text (cr, "Surat Rekomendasi Nomor 500.15/7/Disnakertrans/2026");
  cairo_show_page (cr);
  cairo_move_to (cr, 72, 100);
  cairo_show_text (cr, "Halaman 2");
  cairo_show_page (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

PadesFixture *
pades_fixture_new (void)
{
  PadesFixture *fx = g_new0 (PadesFixture, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *ca_tmpl = NULL;

  fx->dir = g_dir_make_tmp ("loket-pades-XXXXXX", &error);
  g_assert_no_error (error);
  ca_tmpl = pades_fixture_path (fx, "ca.tmpl");
  write_file (ca_tmpl,
              "cn = \"Loket Uji Root CA\"\norganization = \"Pemerintah Kabupaten Contoh\"\n"
              "country = ID\nserial = 1\nexpiration_days = 3650\nca\ncert_signing_key\n"
              "crl_signing_key\n");
  certtool (fx, "ca key", "--generate-privkey", "--key-type", "rsa", "--bits", "2048", "--outfile",
            "ca.key", NULL);
  certtool (fx, "ca", "--generate-self-signed", "--load-privkey", "ca.key", "--template", "ca.tmpl",
            "--outfile", "ca.pem", NULL);
  fx->ca_pem = pades_fixture_path (fx, "ca.pem");

  fx->signer_p12
    = make_p12 (fx, "signer",
                "cn = \"Siti Rahmawati\"\norganization = \"Pemerintah Kabupaten Contoh\"\n"
                "country = ID\nserial = 1001\nexpiration_days = 365\nsigning_key\n"
                "non_repudiation\n");
  fx->signer_pem = pades_fixture_path (fx, "signer.pem");
  fx->signer_key = pades_fixture_path (fx, "signer.key");
  fx->expired_p12 = make_p12 (fx, "expired",
                              "cn = \"Budi Lama\"\nserial = 1002\n"
                              "activation_date = \"2020-01-01 00:00:00 UTC\"\n"
                              "expiration_date = \"2021-01-01 00:00:00 UTC\"\n"
                              "signing_key\nnon_repudiation\n");
  fx->future_p12 = make_p12 (fx, "future",
                             "cn = \"Budi Nanti\"\nserial = 1003\n"
                             "activation_date = \"2090-01-01 00:00:00 UTC\"\n"
                             "expiration_date = \"2091-01-01 00:00:00 UTC\"\n"
                             "signing_key\nnon_repudiation\n");
  fx->noku_p12 = make_p12 (fx, "noku",
                           "cn = \"Server Enkripsi\"\nserial = 1004\nexpiration_days = 365\n"
                           "encryption_key\n");
  fx->input_pdf = pades_fixture_path (fx, "letter.pdf");
  make_pdf (fx->input_pdf);
  fx->password_file = pades_fixture_path (fx, "password.txt");
  write_file (fx->password_file, "rahasia\n");
  return fx;
}

gboolean
pades_fixture_softhsm (PadesFixture *fx)
{
  g_autofree char *conf = pades_fixture_path (fx, "softhsm2.conf");
  g_autofree char *tokens = pades_fixture_path (fx, "tokens");
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *p11tool = g_find_program_in_path ("p11tool");
  g_autofree char *softhsm = g_find_program_in_path ("softhsm2-util");

  if (p11tool == NULL || softhsm == NULL)
    return FALSE;
  if (g_file_test (tokens, G_FILE_TEST_IS_DIR))
    return TRUE;
  g_assert_cmpint (g_mkdir (tokens, 0700), ==, 0);
  text = g_strdup_printf ("directories.tokendir = %s\nobjectstore.backend = file\n"
                          "log.level = ERROR\n",
                          tokens);
  write_file (conf, text);
  /* Set before GnuTLS first loads the PKCS#11 modules (lazily, in the signer). */
  g_setenv ("SOFTHSM2_CONF", conf, TRUE);
  g_assert_cmpint (loket_test_run_tool (&out, "softhsm2-util", "--init-token", "--free", "--label",
                              "loket-uji", "--so-pin", "12345678", "--pin", "1234", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, "p11tool", "--login", "--set-pin=1234", "--write",
                              "--load-privkey", fx->signer_key, "--label", "penandatangan", "--id",
                              "01", "pkcs11:token=loket-uji", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, "p11tool", "--login", "--set-pin=1234", "--write",
                              "--load-certificate", fx->signer_pem, "--label", "penandatangan",
                              "--id", "01", "pkcs11:token=loket-uji", NULL),
                   ==, 0);
  return TRUE;
}

void
pades_extract_last (const char *pdf, const char *signed_bin, const char *cms_der)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize            len;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (LoketPdfVerification) result = NULL;
  g_autoptr (GByteArray) content = g_byte_array_new ();
  g_autoptr (GByteArray) der = g_byte_array_new ();
  LoketPdfSignature *sig;
  gsize              a, b, c, d;
  int                hi = -1;

  g_file_get_contents (pdf, &data, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_static (data, len);
  result = loket_pdf_verify (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->signatures->len, >, 0);
  sig = result->signatures->pdata[result->signatures->len - 1];
  a = sig->range[0], b = sig->range[1], c = sig->range[2], d = sig->range[3];
  g_assert_cmpuint (c + d, <=, len);
  g_byte_array_append (content, (const guint8 *) data + a, (guint) b);
  g_byte_array_append (content, (const guint8 *) data + c, (guint) d);
  g_file_set_contents (signed_bin, (const char *) content->data, content->len, &error);
  g_assert_no_error (error);

  /* The hex string without its zero padding (our CMS never ends with a zero byte pair of
   * padding inside the DER, so trimming pairs of '0' is exact up to the DER length). */
  for (gsize i = b + 1; i + 1 < c; i++)
    {
      int v = g_ascii_xdigit_value (data[i]);
      if (v < 0)
        continue;
      if (hi < 0)
        hi = v;
      else
        {
          guint8 byte = (guint8) (hi << 4 | v);
          g_byte_array_append (der, &byte, 1);
          hi = -1;
        }
    }
  g_assert_cmpuint (der->len, >, 4);
  g_assert_cmpuint (der->data[0], ==, 0x30);
  g_assert_cmpuint (der->data[1], ==, 0x82); /* a CMS of 256 B – 64 KiB */
  g_byte_array_set_size (der, 4 + (der->data[2] << 8 | der->data[3]));
  g_file_set_contents (cms_der, (const char *) der->data, der->len, &error);
  g_assert_no_error (error);
}

void
pades_flip_byte (const char *path, gsize offset)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize            len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offset, <, len);
  data[offset] ^= 0x01;
  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
}

void
pades_fixture_free (PadesFixture *fx)
{
  loket_test_remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->ca_pem);
  g_free (fx->signer_p12);
  g_free (fx->signer_pem);
  g_free (fx->signer_key);
  g_free (fx->expired_p12);
  g_free (fx->future_p12);
  g_free (fx->noku_p12);
  g_free (fx->input_pdf);
  g_free (fx->password_file);
  g_free (fx);
}
