// SPDX-License-Identifier: GPL-3.0-or-later
// The signature list of the review pane's document layer, on PDFs signed by our PAdES signer:
// valid, tampered (one byte flipped in the signed range), signed twice, and unsigned.

#include "config.h"

#include <glib/gstdio.h>

#include "loket-pdf-document.h"
#include "loket-pdf-signer.h"
#include "loket-signature-info.h"
#include "loket-signer-pkcs12.h"
#include "pades-fixture.h"

static PadesFixture *fx;

static void
sign (const char *in, const char *out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPkcs12Signer) signer
    = loket_pkcs12_signer_new (fx->signer_p12, "rahasia", &error);
  LoketPdfSignOptions options = { .reason = "Penetapan surat", .location = "Kupang" };

  g_assert_no_error (error);
  g_assert_true (loket_pdf_sign_file (in, out, LOKET_SIGNER (signer), &options, NULL, &error));
  g_assert_no_error (error);
}

static GPtrArray *
signatures_of (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPdfDocument) doc = loket_pdf_document_new_from_file (file, NULL, NULL, &error);
  GPtrArray *signatures;

  g_assert_no_error (error);
  signatures = loket_pdf_document_get_signatures (doc, NULL, &error);
  g_assert_no_error (error);
  return signatures;
}

static void
test_valid (void)
{
  g_autofree char *out = pades_fixture_path (fx, "valid.pdf");
  g_autoptr (GPtrArray) signatures = NULL;
  LoketSignatureInfo *info;

  sign (fx->input_pdf, out);
  signatures = signatures_of (out);
  g_assert_cmpuint (signatures->len, ==, 1);
  info = signatures->pdata[0];
  g_assert_cmpint (loket_signature_info_get_status (info), ==, LOKET_SIGNATURE_VALID);
  g_assert_true (loket_signature_info_get_covers_document (info));
  g_assert_true (loket_signature_info_is_intact (info));
  g_assert_cmpstr (loket_signature_info_get_signer_name (info), ==, "Siti Rahmawati");
  g_assert_nonnull (loket_signature_info_get_signing_time (info));
  /* The throwaway CA is not trusted by this computer, and the panel must say so. */
  g_assert_cmpint (loket_signature_info_get_certificate (info), !=, LOKET_CERTIFICATE_TRUSTED);
}

static void
test_tampered (void)
{
  g_autofree char *out = pades_fixture_path (fx, "tampered.pdf");
  g_autoptr (GPtrArray) signatures = NULL;
  LoketSignatureInfo *info;

  sign (fx->input_pdf, out);
  /* Byte 10 is in the binary comment after the header: inside the signed range. */
  pades_flip_byte (out, 10);
  signatures = signatures_of (out);
  g_assert_cmpuint (signatures->len, ==, 1);
  info = signatures->pdata[0];
  g_assert_cmpint (loket_signature_info_get_status (info), ==, LOKET_SIGNATURE_CHANGED);
  g_assert_false (loket_signature_info_is_intact (info));
}

static void
test_signed_twice (void)
{
  g_autofree char *once = pades_fixture_path (fx, "once.pdf");
  g_autofree char *twice = pades_fixture_path (fx, "twice.pdf");
  g_autoptr (GPtrArray) signatures = NULL;

  sign (fx->input_pdf, once);
  sign (once, twice);
  signatures = signatures_of (twice);
  g_assert_cmpuint (signatures->len, ==, 2);
  /* Both hold, but the document changed (the second signature was added) after the first. */
  g_assert_cmpint (loket_signature_info_get_status (signatures->pdata[0]), ==,
                   LOKET_SIGNATURE_VALID);
  g_assert_false (loket_signature_info_get_covers_document (signatures->pdata[0]));
  g_assert_cmpint (loket_signature_info_get_status (signatures->pdata[1]), ==,
                   LOKET_SIGNATURE_VALID);
  g_assert_true (loket_signature_info_get_covers_document (signatures->pdata[1]));
}

static void
test_unsigned (void)
{
  g_autoptr (GPtrArray) signatures = signatures_of (fx->input_pdf);

  g_assert_cmpuint (signatures->len, ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  fx = pades_fixture_new ();
  g_test_add_func ("/cm/review/doc/signatures/valid", test_valid);
  g_test_add_func ("/cm/review/doc/signatures/tampered", test_tampered);
  g_test_add_func ("/cm/review/doc/signatures/signed-twice", test_signed_twice);
  g_test_add_func ("/cm/review/doc/signatures/unsigned", test_unsigned);
  status = g_test_run ();
  pades_fixture_free (fx);
  return status;
}
