// SPDX-License-Identifier: GPL-3.0-or-later
// PAdES-B-B signing end to end: our signer, then pdfsig, openssl, certtool and loket-cli verify.
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-pdf-incremental.h"
#include "loket-pdf-signature-verify.h"
#include "loket-pdf-signer.h"
#include "loket-signer-pkcs11.h"
#include "loket-signer-pkcs12.h"
#include "pades-fixture.h"

#ifdef HAVE_POPPLER_GLIB
#include <poppler.h>
#endif

#define TOKEN_URL "pkcs11:token=loket-uji;object=penandatangan"

static PadesFixture *fx;

static char *
cli_path (void)
{
  return g_build_filename (g_getenv ("LOKET_BUILD_ROOT"), "src", "cli", "loket-cli", NULL);
}

static LoketSigner *
pkcs12_signer (void)
{
  g_autoptr (GError) error = NULL;
  LoketPkcs12Signer *signer = loket_pkcs12_signer_new (fx->signer_p12, "rahasia", &error);

  g_assert_no_error (error);
  return LOKET_SIGNER (signer);
}

static void
sign_to (LoketSigner *signer, const char *in, const char *out)
{
  g_autoptr (GError) error = NULL;
  LoketPdfSignOptions options = { .reason = "Penetapan surat", .location = "Kupang" };

  g_assert_true (loket_pdf_sign_file (in, out, signer, &options, NULL, &error));
  g_assert_no_error (error);
}

#ifdef HAVE_POPPLER_GLIB
/* poppler-glib's validator (what the app shows) on the last signature field. */
static PopplerSignatureStatus
poppler_status (const char *pdf)
{
  g_autoptr (GError) error = NULL;
  g_autofree char       *uri = g_filename_to_uri (pdf, NULL, &error);
  PopplerDocument       *doc = poppler_document_new_from_file (uri, NULL, &error);
  GList                 *fields;
  PopplerSignatureInfo  *info;
  PopplerSignatureStatus status;

  g_assert_no_error (error);
  fields = poppler_document_get_signature_fields (doc);
  g_assert_nonnull (fields);
  info = poppler_form_field_signature_validate_sync (
    g_list_last (fields)->data, POPPLER_SIGNATURE_VALIDATION_FLAG_WITHOUT_OCSP_REVOCATION_CHECK,
    NULL, &error);
  g_assert_no_error (error);
  status = poppler_signature_info_get_signature_status (info);
  poppler_signature_info_free (info);
  g_list_free_full (fields, g_object_unref);
  g_object_unref (doc);
  return status;
}
#endif

/* Every independent checker agrees that the last signature of @pdf is (not) valid. */
static void
assert_checkers (const char *pdf, gboolean valid)
{
  g_autofree char *bin = g_strconcat (pdf, ".signed.bin", NULL);
  g_autofree char *cms = g_strconcat (pdf, ".p7s", NULL);
  g_autofree char *cli = cli_path ();
  g_autofree char *out = NULL;
  int              status;

  status = loket_test_run_tool (&out, "pdfsig", pdf, NULL);
  if (valid)
    {
      g_assert_cmpint (status, ==, 0);
      g_assert_nonnull (strstr (out, "Signature is Valid."));
      g_assert_nonnull (strstr (out, "Total document signed"));
      g_assert_nonnull (strstr (out, "ETSI.CAdES.detached"));
      g_assert_nonnull (strstr (out, "Siti Rahmawati"));
    }
  else
    g_assert_nonnull (strstr (out, "Digest Mismatch"));
  g_clear_pointer (&out, g_free);

  pades_extract_last (pdf, bin, cms);
  status = loket_test_run_tool (&out, "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", cms,
                      "-content", bin, "-CAfile", fx->ca_pem, "-purpose", "any", "-out",
                      "/dev/null", NULL);
  if (valid)
    {
      g_assert_cmpint (status, ==, 0);
      g_assert_nonnull (strstr (out, "Verification successful"));
    }
  else
    g_assert_cmpint (status, !=, 0);
  g_clear_pointer (&out, g_free);

  status = loket_test_run_tool (&out, "certtool", "--p7-verify", "--infile", cms, "--inder", "--load-data",
                      bin, "--load-ca-certificate", fx->ca_pem, NULL);
  if (valid)
    {
      g_assert_cmpint (status, ==, 0);
      g_assert_nonnull (strstr (out, "Signature status: ok"));
    }
  else
    g_assert_cmpint (status, !=, 0);
  g_clear_pointer (&out, g_free);

  status = loket_test_run_tool (&out, cli, "verify", "--ca", fx->ca_pem, pdf, NULL);
  g_assert_cmpint (status, ==, valid ? 0 : 1);

#ifdef HAVE_POPPLER_GLIB
  g_assert_cmpint (poppler_status (pdf), ==,
                   valid ? POPPLER_SIGNATURE_VALID : POPPLER_SIGNATURE_DIGEST_MISMATCH);
#endif
}

static void
test_pkcs12_valid (void)
{
  g_autoptr (LoketSigner) signer = pkcs12_signer ();
  g_autofree char *out = pades_fixture_path (fx, "p12-signed.pdf");
  g_autofree char *cms = g_strconcat (out, ".p7s", NULL);
  g_autofree char *print = NULL;

  sign_to (signer, fx->input_pdf, out);
  assert_checkers (out, TRUE);

  /* PAdES-B-B: signing-certificate-v2 present, no signing-time attribute. */
  g_assert_cmpint (
    loket_test_run_tool (&print, "openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", cms, NULL),
    ==, 0);
  g_assert_nonnull (strstr (print, "id-smime-aa-signingCertificateV2"));
  g_assert_nonnull (strstr (print, "messageDigest"));
  g_assert_null (strstr (print, "signingTime"));
}

static void
test_pkcs12_tampered (void)
{
  g_autoptr (LoketSigner) signer = pkcs12_signer ();
  g_autofree char *out = pades_fixture_path (fx, "p12-tampered.pdf");

  sign_to (signer, fx->input_pdf, out);
  /* Byte 10 is in the binary comment after the header: inside the signed range, harmless to
   * the PDF structure, so only the signature can notice. */
  pades_flip_byte (out, 10);
  assert_checkers (out, FALSE);
  {
    g_autofree char *cli = cli_path ();
    g_autofree char *report = NULL;
    g_assert_cmpint (loket_test_run_tool (&report, cli, "verify", "--json", out, NULL), ==, 1);
    g_assert_nonnull (strstr (report, "\"modified\" : true"));
    g_assert_nonnull (strstr (report, "\"digest_matches\" : false"));
  }
}

/* Any one changed byte in the signed range makes the document invalid; and neither the verifier
 * nor the incremental-update reader crash on damaged input (run under ASan to see more). */
static void
test_mutations (void)
{
  g_autoptr (LoketSigner) signer = pkcs12_signer ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = pades_fixture_path (fx, "p12-mutate.pdf");
  g_autofree char *data = NULL;
  g_autoptr (GBytes) original = NULL;
  g_autoptr (LoketPdfVerification) good = NULL;
  LoketPdfSignature *sig;
  gsize              len;

  sign_to (signer, fx->input_pdf, out);
  g_file_get_contents (out, &data, &len, &error);
  g_assert_no_error (error);
  original = g_bytes_new (data, len);
  good = loket_pdf_verify (original, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (good->valid);
  sig = good->signatures->pdata[0];

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *copy = g_memdup2 (data, len);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GBytes) signed_again = NULL;
      g_autoptr (LoketPdfVerification) result = NULL;
      g_autoptr (GError) local_error = NULL;
      gsize offset;

      /* Half anywhere, half in the new revision's objects, xref and trailer. */
      if (i % 2 == 0)
        offset = (gsize) g_test_rand_int_range (0, (gint32) len);
      else
        offset = (gsize) g_test_rand_int_range ((gint32) sig->range[2], (gint32) len);
      if (offset >= sig->range[1] && offset < sig->range[2])
        continue; /* the /Contents string itself is not signed */
      copy[offset] ^= (char) (1 << g_test_rand_int_range (0, 8));
      bytes = g_bytes_new_static (copy, len);

      result = loket_pdf_verify (bytes, fx->ca_pem, &local_error);
      if (result != NULL)
        {
          if (result->valid)
            g_error ("a change at byte %zu went unnoticed", offset);
        }
      else
        g_assert_nonnull (local_error);
      g_clear_error (&local_error);
      signed_again = loket_pdf_sign (bytes, signer, NULL, NULL, &local_error);
      g_assert_true ((signed_again == NULL) == (local_error != NULL));
    }
}

/* A real letter from the renderer (loket-cli letter), signed by loket-cli sign. */
static void
test_signed_letter (void)
{
  g_autofree char *cli = cli_path ();
  g_autofree char *db = pades_fixture_path (fx, "demo.db");
  g_autofree char *letter = pades_fixture_path (fx, "sk.pdf");
  g_autofree char *signed_letter = pades_fixture_path (fx, "sk-signed.pdf");
  g_autofree char *report = NULL;
  g_autofree char *agenda = NULL;

  g_assert_cmpint (
    loket_test_run_tool (&report, cli, "demo", "--db", db, "--cases", "3", "--seed", "7", "-q", NULL), ==, 0);
  g_clear_pointer (&report, g_free);
  g_assert_cmpint (loket_test_run_tool (&report, cli, "cases", "--db", db, NULL), ==, 0);
  agenda = g_strndup (report, strcspn (report, " \t\n"));
  g_assert_cmpuint (strlen (agenda), >, 0);
  g_clear_pointer (&report, g_free);
  g_assert_cmpint (loket_test_run_tool (&report, cli, "letter", "--db", db, "--case", agenda, "--kind",
                              "surat_keputusan", "-o", letter, NULL),
                   ==, 0);
  g_clear_pointer (&report, g_free);
  g_assert_cmpint (loket_test_run_tool (&report, cli, "sign", "--key", fx->signer_p12, "--password-file",
                              fx->password_file, letter, signed_letter, NULL),
                   ==, 0);
  assert_checkers (signed_letter, TRUE);
}

static void
sign_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  if (!loket_pdf_sign_file_finish (result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "done");
}

static void
test_async (void)
{
  g_autoptr (LoketSigner) signer = pkcs12_signer ();
  g_autofree char *out = pades_fixture_path (fx, "p12-async.pdf");
  g_autofree char *cancelled_out = pades_fixture_path (fx, "p12-cancelled.pdf");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  LoketPdfSignOptions options = { .signer_name = "Siti Rahmawati", .page = 1 };
  GError             *error = NULL;

  loket_pdf_sign_file_async (fx->input_pdf, out, signer, &options, NULL, sign_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NONE); /* the success marker */
  g_clear_error (&error);
  assert_checkers (out, TRUE);

  g_cancellable_cancel (cancellable);
  loket_pdf_sign_file_async (fx->input_pdf, cancelled_out, signer, NULL, cancellable, sign_done_cb,
                             &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (cancelled_out, G_FILE_TEST_EXISTS));
}

static void
test_verify_library (void)
{
  g_autoptr (LoketSigner) signer = pkcs12_signer ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = pades_fixture_path (fx, "p12-lib.pdf");
  g_autofree char *data = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (LoketPdfVerification) result = NULL;
  /* Now in WITA, whole seconds (the certificate is valid from the test's start). */
  g_autoptr (GTimeZone) wita = g_time_zone_new_identifier ("+08:00");
  g_autoptr (GDateTime) now = g_date_time_new_now (wita);
  g_autoptr (GDateTime) when
    = g_date_time_new (wita, g_date_time_get_year (now), g_date_time_get_month (now),
                       g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
                       g_date_time_get_minute (now), g_date_time_get_second (now));
  LoketPdfSignOptions options
    = { .signing_time = when, .signer_name = "Dr. Siti Rahmawati, M.Si." };
  LoketPdfSignature *sig;
  gsize              len;

  g_assert_true (loket_pdf_sign_file (fx->input_pdf, out, signer, &options, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (out, &data, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);

  result = loket_pdf_verify (bytes, fx->ca_pem, &error);
  g_assert_no_error (error);
  g_assert_true (result->valid);
  g_assert_false (result->modified_after_signing);
  g_assert_cmpuint (result->signatures->len, ==, 1);
  sig = result->signatures->pdata[0];
  g_assert_cmpstr (sig->signer_name, ==, "Siti Rahmawati");
  g_assert_nonnull (strstr (sig->signer_subject, "O=Pemerintah Kabupaten Contoh"));
  g_assert_cmpstr (sig->sub_filter, ==, "ETSI.CAdES.detached");
  g_assert_true (sig->byte_range_ok && sig->digest_matches && sig->cms_valid);
  g_assert_true (sig->signing_certificate_ok);
  g_assert_true (sig->certificate_valid_at_signing);
  g_assert_true (sig->trusted);
  g_assert_true (sig->covers_whole_document);
  g_assert_null (sig->problem);
  g_assert_nonnull (sig->signing_time);
  g_assert_true (g_date_time_equal (sig->signing_time, when));

  /* The signer hands out its certificate: the one in signer.pem. */
  {
    g_autoptr (GBytes) der = loket_signer_dup_certificate (signer);
    g_autofree char   *pem = NULL;
    g_autofree guchar *expected = NULL;
    gsize              expected_len;
    char              *begin, *end;

    g_file_get_contents (fx->signer_pem, &pem, NULL, &error);
    g_assert_no_error (error);
    begin = strstr (pem, "-----\n") + 6;
    end = strstr (begin, "-----END");
    *end = '\0';
    expected = g_base64_decode (begin, &expected_len);
    g_assert_cmpmem (g_bytes_get_data (der, NULL), g_bytes_get_size (der), expected, expected_len);
  }
  g_assert_cmpint (g_date_time_get_utc_offset (sig->signing_time), ==, 8 * G_TIME_SPAN_HOUR);

  /* The visible appearance names the signer and the Indonesian date. */
  {
    g_autofree char *text = NULL;
    g_autofree char *page = pades_fixture_path (fx, "p12-lib.txt");
    g_assert_cmpint (loket_test_run_tool (NULL, "pdftotext", "-f", "1", "-l", "1", out, page, NULL), ==, 0);
    g_file_get_contents (page, &text, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "Ditandatangani secara elektronik oleh"));
    g_assert_nonnull (strstr (text, "Dr. Siti Rahmawati, M.Si."));
    static const char *const months[]
      = { "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
          "Juli",    "Agustus",  "September", "Oktober", "November", "Desember" };
    g_autofree char *expected
      = g_strdup_printf ("%d %s %d %02d:%02d WITA", g_date_time_get_day_of_month (when),
                         months[g_date_time_get_month (when) - 1], g_date_time_get_year (when),
                         g_date_time_get_hour (when), g_date_time_get_minute (when));
    g_assert_nonnull (strstr (text, expected));
  }
}

/* A /M outside the certificate's validity (backdated) is reported, not trusted. */
static void
test_backdated (void)
{
  g_autoptr (LoketSigner) signer = pkcs12_signer ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = pades_fixture_path (fx, "p12-backdated.pdf");
  g_autofree char *data = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (LoketPdfVerification) result = NULL;
  g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 ("2019-05-01T08:00:00+07:00", NULL);
  LoketPdfSignOptions options = { .signing_time = when };
  LoketPdfSignature  *sig;
  gsize               len;

  g_assert_true (loket_pdf_sign_file (fx->input_pdf, out, signer, &options, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (out, &data, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  result = loket_pdf_verify (bytes, NULL, &error);
  g_assert_no_error (error);
  sig = result->signatures->pdata[0];
  g_assert_true (sig->cms_valid && sig->digest_matches);
  g_assert_false (sig->certificate_valid_at_signing);
  g_assert_false (sig->valid);
  g_assert_nonnull (strstr (sig->problem, "not valid at the signing time"));
  g_assert_false (result->valid);
}

static void
test_modified_after_signing (void)
{
  g_autoptr (LoketSigner) signer = pkcs12_signer ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = pades_fixture_path (fx, "p12-changed.pdf");
  g_autofree char *cli = cli_path ();
  g_autofree char *data = NULL;
  g_autofree char *report = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (LoketPdfDocument) doc = NULL;
  g_autoptr (LoketPdfUpdate) update = NULL;
  g_autoptr (GByteArray) changed = NULL;
  g_autoptr (LoketPdfVerification) result = NULL;
  gsize len;
  guint num;

  sign_to (signer, fx->input_pdf, out);
  /* A later incremental update (an innocent-looking new object) after the signature. */
  g_file_get_contents (out, &data, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  doc = loket_pdf_document_new (bytes, &error);
  g_assert_no_error (error);
  update = loket_pdf_update_new (doc);
  num = loket_pdf_update_new_object (update);
  loket_pdf_update_set_object (update, num, "(diubah)", 8);
  changed = loket_pdf_update_write (update);
  g_file_set_contents (out, (const char *) changed->data, changed->len, &error);
  g_assert_no_error (error);

  g_assert_cmpint (loket_test_run_tool (&report, "pdfsig", out, NULL), ==, 0);
  g_assert_nonnull (strstr (report, "Not total document signed"));
  g_clear_pointer (&report, g_free);

  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = g_bytes_new (changed->data, changed->len);
  result = loket_pdf_verify (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->modified_after_signing);
  g_assert_false (result->valid);
  g_assert_true (((LoketPdfSignature *) result->signatures->pdata[0])->valid);
  g_assert_false (((LoketPdfSignature *) result->signatures->pdata[0])->covers_whole_document);

  g_assert_cmpint (loket_test_run_tool (&report, cli, "verify", "--json", out, NULL), ==, 1);
  g_assert_nonnull (strstr (report, "\"modified\" : true"));
}

static void
test_two_signatures (void)
{
  g_autoptr (LoketSigner) signer = pkcs12_signer ();
  g_autoptr (GError) error = NULL;
  g_autofree char *once = pades_fixture_path (fx, "p12-once.pdf");
  g_autofree char *twice = pades_fixture_path (fx, "p12-twice.pdf");
  g_autofree char *data = NULL;
  g_autofree char *report = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (LoketPdfVerification) result = NULL;
  gsize len;

  sign_to (signer, fx->input_pdf, once);
  sign_to (signer, once, twice);
  g_file_get_contents (twice, &data, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  result = loket_pdf_verify (bytes, fx->ca_pem, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->signatures->len, ==, 2);
  g_assert_true (result->valid);
  g_assert_false (((LoketPdfSignature *) result->signatures->pdata[0])->covers_whole_document);
  g_assert_true (((LoketPdfSignature *) result->signatures->pdata[1])->covers_whole_document);

  g_assert_cmpint (loket_test_run_tool (&report, "pdfsig", twice, NULL), ==, 0);
  g_assert_nonnull (strstr (report, "Signature #2"));
  g_assert_nonnull (strstr (report, "Tanda Tangan 2"));
  g_assert_null (strstr (report, "Digest Mismatch"));
}

static void
assert_sign_error (LoketSigner *signer, const char *in, const char *out, int code)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (loket_pdf_sign_file (in, out, signer, NULL, NULL, &error));
  g_assert_error (error, LOKET_ERROR, code);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_refusals (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPkcs12Signer) bad = NULL;
  g_autoptr (LoketSigner) signer = pkcs12_signer ();
  g_autofree char *out = pades_fixture_path (fx, "never.pdf");
  g_autofree char *not_dir = pades_fixture_path (fx, "a-file");
  g_autofree char *under_file = g_build_filename (not_dir, "out.pdf", NULL);
  g_autofree char *xref_stream = pades_fixture_path (fx, "xref-stream.pdf");
  g_autofree char *encrypted = pades_fixture_path (fx, "encrypted.pdf");
  g_autofree char *text = pades_fixture_path (fx, "text.pdf");

  bad = loket_pkcs12_signer_new (fx->signer_p12, "salah", &error);
  g_assert_null (bad);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "Wrong password"));
  g_assert_null (strstr (error->message, "salah"));
  g_clear_error (&error);

  bad = loket_pkcs12_signer_new (fx->expired_p12, "rahasia", &error);
  g_assert_null (bad);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "expired on 2021-01-01"));
  g_clear_error (&error);

  bad = loket_pkcs12_signer_new (fx->future_p12, "rahasia", &error);
  g_assert_null (bad);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "not valid before 2090-01-01"));
  g_clear_error (&error);

  bad = loket_pkcs12_signer_new (fx->noku_p12, "rahasia", &error);
  g_assert_null (bad);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "not for signing"));
  g_clear_error (&error);

  bad = loket_pkcs12_signer_new (fx->input_pdf, "rahasia", &error);
  g_assert_null (bad);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* A page tree whose node lists itself twice: refused quickly, not an endless walk. */
  {
    g_autofree char *cyclic = pades_fixture_path (fx, "cyclic.pdf");
    GString         *pdf = g_string_new ("%PDF-1.4\n");
    gsize            off1, off2, xref;

    off1 = pdf->len;
    g_string_append (pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    off2 = pdf->len;
    g_string_append (pdf, "2 0 obj\n<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 9 >>\nendobj\n");
    xref = pdf->len;
    g_string_append_printf (pdf,
                            "xref\n0 3\n0000000000 65535 f \n%010zu 00000 n \n%010zu 00000 n \n"
                            "trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                            off1, off2, xref);
    g_file_set_contents (cyclic, pdf->str, (gssize) pdf->len, &error);
    g_assert_no_error (error);
    g_string_free (pdf, TRUE);
    assert_sign_error (signer, cyclic, out, LOKET_ERROR_INVALID_DATA);
  }

  /* Unwritable output: the parent is a regular file. */
  g_file_set_contents (not_dir, "x", 1, &error);
  g_assert_no_error (error);
  assert_sign_error (signer, fx->input_pdf, under_file, LOKET_ERROR_IO);

  /* Unsupported inputs. */
  g_file_set_contents (
    xref_stream,
    "%PDF-1.5\n1 0 obj\n<</Type /XRef /Size 2 /Root 2 0 R /W [1 2 1] /Length 0>>\n"
    "stream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n",
    -1, &error);
  g_assert_no_error (error);
  assert_sign_error (signer, xref_stream, out, LOKET_ERROR_UNSUPPORTED);
  /* "xref" starts at byte 43. */
  g_file_set_contents (encrypted,
                       "%PDF-1.4\n1 0 obj\n<</Type /Catalog>>\nendobj\nxref\n0 2\n"
                       "0000000000 65535 f \n0000000009 00000 n \n"
                       "trailer\n<</Size 2 /Root 1 0 R /Encrypt 3 0 R>>\nstartxref\n43\n%%EOF\n",
                       -1, &error);
  g_assert_no_error (error);
  assert_sign_error (signer, encrypted, out, LOKET_ERROR_UNSUPPORTED);
  g_file_set_contents (text, "Bukan PDF, hanya teks biasa untuk diuji.\n", -1, &error);
  g_assert_no_error (error);
  assert_sign_error (signer, text, out, LOKET_ERROR_INVALID_DATA);
}

static void
test_pkcs11 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPkcs11Signer) signer = NULL;
  g_autoptr (LoketPkcs11Signer) wrong = NULL;
  g_autofree char *out = pades_fixture_path (fx, "hsm-signed.pdf");
  g_autofree char *tampered = pades_fixture_path (fx, "hsm-tampered.pdf");
  g_autofree char *data = NULL;
  gsize            len;

  if (!pades_fixture_softhsm (fx))
    {
      g_test_skip ("softhsm2-util or p11tool missing");
      return;
    }
  wrong = loket_pkcs11_signer_new (TOKEN_URL, "9999", &error);
  g_assert_null (wrong);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "Wrong PIN"));
  g_clear_error (&error);

  signer = loket_pkcs11_signer_new (TOKEN_URL ";type=private", "1234", &error);
  g_assert_no_error (error);
  sign_to (LOKET_SIGNER (signer), fx->input_pdf, out);
  assert_checkers (out, TRUE);

  g_file_get_contents (out, &data, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (tampered, data, (gssize) len, &error);
  g_assert_no_error (error);
  pades_flip_byte (tampered, 10);
  assert_checkers (tampered, FALSE);
}

static void
test_cli (void)
{
  g_autofree char *cli = cli_path ();
  g_autofree char *out = pades_fixture_path (fx, "cli-signed.pdf");
  g_autofree char *never = pades_fixture_path (fx, "cli-never.pdf");
  g_autofree char *bad_pw = pades_fixture_path (fx, "bad-password.txt");
  g_autofree char *pin = pades_fixture_path (fx, "pin.txt");
  g_autofree char *bad_pin = pades_fixture_path (fx, "bad-pin.txt");
  g_autofree char *hsm_out = pades_fixture_path (fx, "cli-hsm.pdf");
  g_autofree char *report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root, *sig;

  g_assert_cmpint (loket_test_run_tool (&report, cli, "sign", "--key", fx->signer_p12, "--password-file",
                              fx->password_file, "--name", "Siti Rahmawati, S.H.", fx->input_pdf,
                              out, NULL),
                   ==, 0);
  g_clear_pointer (&report, g_free);
  g_assert_cmpint (loket_test_run_tool (&report, cli, "verify", "--json", out, NULL), ==, 0);
  json_parser_load_from_data (parser, report, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (root, "valid"));
  g_assert_false (json_object_get_boolean_member (root, "modified"));
  sig = json_array_get_object_element (json_object_get_array_member (root, "signatures"), 0);
  g_assert_cmpstr (json_object_get_string_member (sig, "signer"), ==, "Siti Rahmawati");
  g_assert_nonnull (json_object_get_string_member (sig, "time"));
  g_assert_true (json_object_get_boolean_member (sig, "valid"));
  g_clear_pointer (&report, g_free);

  /* An unsigned PDF is not valid. */
  g_assert_cmpint (loket_test_run_tool (&report, cli, "verify", fx->input_pdf, NULL), ==, 1);
  g_clear_pointer (&report, g_free);

  /* Usage errors: exit 2, nothing written. */
  g_assert_cmpint (loket_test_run_tool (&report, cli, "sign", fx->input_pdf, never, NULL), ==, 2);
  g_clear_pointer (&report, g_free);
  g_assert_cmpint (loket_test_run_tool (&report, cli, "verify", NULL), ==, 2);
  g_clear_pointer (&report, g_free);
  g_assert_cmpint (loket_test_run_tool (&report, cli, "sign", "--key", TOKEN_URL ";pin-value=1234",
                              fx->input_pdf, never, NULL),
                   ==, 2);
  g_clear_pointer (&report, g_free);

  /* Failures: exit 1 with a clear message and no output file. */
  g_file_set_contents (bad_pw, "salah\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loket_test_run_tool (&report, cli, "sign", "--key", fx->signer_p12, "--password-file",
                              bad_pw, fx->input_pdf, never, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (report, "Wrong password"));
  g_clear_pointer (&report, g_free);
  g_assert_cmpint (loket_test_run_tool (&report, cli, "sign", "--key", fx->expired_p12, "--password-file",
                              fx->password_file, fx->input_pdf, never, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (report, "expired"));
  g_clear_pointer (&report, g_free);
  g_assert_cmpint (loket_test_run_tool (&report, cli, "sign", "--key", fx->noku_p12, "--password-file",
                              fx->password_file, fx->input_pdf, never, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (report, "not for signing"));
  g_clear_pointer (&report, g_free);
  g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
  {
    g_autofree char *file = pades_fixture_path (fx, "cli-a-file");
    g_autofree char *under_file = g_build_filename (file, "out.pdf", NULL);

    g_file_set_contents (file, "x", 1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (loket_test_run_tool (&report, cli, "sign", "--key", fx->signer_p12, "--password-file",
                                fx->password_file, fx->input_pdf, under_file, NULL),
                     ==, 1);
    g_assert_nonnull (strstr (report, "Cannot write the signed PDF"));
    g_clear_pointer (&report, g_free);
    g_assert_cmpint (loket_test_run_tool (&report, cli, "sign", "--key", fx->signer_p12, "--password-file",
                                fx->password_file, "--page", "3", fx->input_pdf, never, NULL),
                     ==, 1);
    g_assert_nonnull (strstr (report, "no page 3"));
    g_clear_pointer (&report, g_free);
    g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
  }

  if (!pades_fixture_softhsm (fx))
    return;
  g_file_set_contents (pin, "1234\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (bad_pin, "0000\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loket_test_run_tool (&report, cli, "sign", "--key", TOKEN_URL, "--pin-file", bad_pin,
                              fx->input_pdf, never, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (report, "Wrong PIN"));
  g_assert_null (strstr (report, "0000"));
  g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
  g_clear_pointer (&report, g_free);
  g_assert_cmpint (loket_test_run_tool (&report, cli, "sign", "--key", TOKEN_URL, "--pin-file", pin,
                              fx->input_pdf, hsm_out, NULL),
                   ==, 0);
  g_clear_pointer (&report, g_free);
  g_assert_cmpint (loket_test_run_tool (&report, cli, "verify", "--ca", fx->ca_pem, hsm_out, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  fx = pades_fixture_new ();
  /* poppler's NSS opens $HOME/.pki/nssdb: keep it inside the test's directory. */
  g_setenv ("HOME", fx->dir, TRUE);

  g_test_add_func ("/loket/letters/pades/pkcs12-valid", test_pkcs12_valid);
  g_test_add_func ("/loket/letters/pades/pkcs12-tampered", test_pkcs12_tampered);
  g_test_add_func ("/loket/letters/pades/verify-library", test_verify_library);
  g_test_add_func ("/loket/letters/pades/async", test_async);
  g_test_add_func ("/loket/letters/pades/backdated", test_backdated);
  g_test_add_func ("/loket/letters/pades/mutations", test_mutations);
  g_test_add_func ("/loket/letters/pades/modified-after-signing", test_modified_after_signing);
  g_test_add_func ("/loket/letters/pades/two-signatures", test_two_signatures);
  g_test_add_func ("/loket/letters/pades/refusals", test_refusals);
  g_test_add_func ("/loket/letters/pades/pkcs11", test_pkcs11);
  g_test_add_func ("/loket/letters/pades/cli", test_cli);
  g_test_add_func ("/loket/letters/pades/signed-letter", test_signed_letter);

  status = g_test_run ();
  pades_fixture_free (fx);
  return status;
}
