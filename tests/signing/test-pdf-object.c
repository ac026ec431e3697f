// SPDX-License-Identifier: GPL-3.0-or-later
// The PDF object parser, the incremental-update writer and PDF dates, without external tools.
#include <string.h>

#include "loket-error.h"
#include "loket-pdf-incremental.h"
#include "loket-pdf-object.h"
#include "loket-pdf-signature-verify.h"
#include "loket-pdf-signer.h"

static LoketPdfValue *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  gsize          pos = 0;
  LoketPdfValue *value = loket_pdf_parse_value ((const guint8 *) text, strlen (text), &pos, &error);

  g_assert_no_error (error);
  return value;
}

static char *
serialize (const LoketPdfValue *value)
{
  GString *out = g_string_new (NULL);

  loket_pdf_value_serialize (value, out);
  return g_string_free (out, FALSE);
}

static void
test_parse_dict (void)
{
  g_autoptr (LoketPdfValue) dict = parse ("<< /Type /Page % comment\n /Parent 3 0 R /MediaBox [0 0 "
                                          "609.45 935.43] /Annots [12 0 R 13 1 R] /T (a\\(b\\)c) "
                                          "/H <FEFF0041> /N null /B true /X -1.5 >>");
  const LoketPdfValue *v;
  g_autofree char     *text = NULL;
  g_autoptr (LoketPdfValue) again = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *t = NULL;
  g_autofree char *h = NULL;
  gint64           n;

  g_assert_cmpint (dict->kind, ==, LOKET_PDF_DICT);
  g_assert_true (loket_pdf_value_is_name (loket_pdf_dict_get (dict, "Type"), "Page"));
  v = loket_pdf_dict_get (dict, "Parent");
  g_assert_cmpint (v->kind, ==, LOKET_PDF_REF);
  g_assert_cmpuint (v->num, ==, 3);
  v = loket_pdf_dict_get (dict, "Annots");
  g_assert_cmpint (v->kind, ==, LOKET_PDF_ARRAY);
  g_assert_cmpuint (v->items->len, ==, 2);
  g_assert_cmpuint (((LoketPdfValue *) v->items->pdata[1])->gen, ==, 1);
  v = loket_pdf_dict_get (dict, "MediaBox");
  g_assert_true (loket_pdf_value_get_int (v->items->pdata[1], &n));
  g_assert_false (loket_pdf_value_get_int (v->items->pdata[2], &n));
  t = loket_pdf_string_to_utf8 (loket_pdf_dict_get (dict, "T"));
  g_assert_cmpstr (t, ==, "a(b)c");
  h = loket_pdf_string_to_utf8 (loket_pdf_dict_get (dict, "H"));
  g_assert_cmpstr (h, ==, "A");
  g_assert_null (loket_pdf_dict_get (dict, "Missing"));

  /* Serialize and parse again: the same structure. */
  loket_pdf_dict_set (dict, "Annots", loket_pdf_value_new_array ());
  loket_pdf_dict_set (dict, "New", loket_pdf_value_new_ref (40, 0));
  text = serialize (dict);
  again = parse (text);
  text2 = serialize (again);
  g_assert_cmpstr (text, ==, text2);
  g_assert_cmpuint (loket_pdf_dict_get (again, "New")->num, ==, 40);
  g_assert_cmpuint (loket_pdf_dict_get (again, "Annots")->items->len, ==, 0);
}

static void
test_parse_errors (void)
{
  const char *bad[] = { "<< /A 1", "[1 2", "(unterminated", "<< 1 2 >>", "", "@" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      gsize          pos = 0;
      LoketPdfValue *value
        = loket_pdf_parse_value ((const guint8 *) bad[i], strlen (bad[i]), &pos, &error);
      g_assert_null (value);
      g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
    }
  {
    /* Deep nesting is refused, not a stack overflow. */
    g_autoptr (GError) error = NULL;
    g_autofree char *deep = g_strnfill (100000, '[');
    gsize            pos = 0;
    g_assert_null (loket_pdf_parse_value ((const guint8 *) deep, strlen (deep), &pos, &error));
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  }
}

static void
test_text_string (void)
{
  g_autofree char *ascii = loket_pdf_text_string ("Budi (Kabid)");
  g_autofree char *utf16 = loket_pdf_text_string ("Ni Made Dewi Sukmawati, S.Sos – ř");
  g_autoptr (LoketPdfValue) value = NULL;
  g_autofree char *back = NULL;

  g_assert_cmpstr (ascii, ==, "(Budi \\(Kabid\\))");
  g_assert_true (g_str_has_prefix (utf16, "<FEFF"));
  value = parse (utf16);
  back = loket_pdf_string_to_utf8 (value);
  g_assert_cmpstr (back, ==, "Ni Made Dewi Sukmawati, S.Sos – ř");
}

static void
test_dates (void)
{
  g_autoptr (GDateTime) wita = g_date_time_new_from_iso8601 ("2026-03-09T10:30:05+08:00", NULL);
  g_autoptr (GDateTime) utc = g_date_time_new_from_iso8601 ("2026-03-09T02:30:05Z", NULL);
  g_autofree char *a = loket_pdf_format_date (wita);
  g_autofree char *b = loket_pdf_format_date (utc);
  g_autoptr (GDateTime) pa = loket_pdf_parse_date (a);
  g_autoptr (GDateTime) pb = loket_pdf_parse_date (b);
  g_autoptr (GDateTime) partial = loket_pdf_parse_date ("D:2026");

  g_assert_cmpstr (a, ==, "D:20260309103005+08'00'");
  g_assert_cmpstr (b, ==, "D:20260309023005Z");
  g_assert_true (g_date_time_equal (pa, wita));
  g_assert_true (g_date_time_equal (pb, utc));
  g_assert_nonnull (partial);
  g_assert_cmpint (g_date_time_get_month (partial), ==, 1);
  g_assert_null (loket_pdf_parse_date ("D:20x6"));
  g_assert_null (loket_pdf_parse_date ("kemarin"));
}

/* A minimal classic PDF: catalog 1, pages 2, page 3. */
static GBytes *
minimal_pdf (void)
{
  GString *pdf = g_string_new ("%PDF-1.4\n");
  gsize    off[4];

  off[1] = pdf->len;
  g_string_append (pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  off[2] = pdf->len;
  g_string_append (
    pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 300] >>\nendobj\n");
  off[3] = pdf->len;
  g_string_append (pdf, "3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n");
  off[0] = pdf->len;
  g_string_append_printf (pdf,
                          "xref\n0 4\n0000000000 65535 f \n%010zu 00000 n \n%010zu 00000 n \n"
                          "%010zu 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%zu\n"
                          "%%%%EOF\n",
                          off[1], off[2], off[3], off[0]);
  return g_string_free_to_bytes (pdf);
}

static void
test_incremental (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = minimal_pdf ();
  g_autoptr (LoketPdfDocument) doc = loket_pdf_document_new (pdf, &error);
  g_autoptr (LoketPdfUpdate) update = NULL;
  g_autoptr (GByteArray) out = NULL;
  g_autoptr (GBytes) out_bytes = NULL;
  g_autoptr (LoketPdfDocument) doc2 = NULL;
  g_autoptr (LoketPdfValue) page = NULL;
  g_autoptr (LoketPdfValue) added = NULL;
  g_autoptr (LoketPdfValue) old_page = NULL;
  guint num;

  g_assert_no_error (error);
  update = loket_pdf_update_new (doc);
  num = loket_pdf_update_new_object (update);
  g_assert_cmpuint (num, ==, 4);
  loket_pdf_update_set_object (update, num, "(baru)", 6);
  loket_pdf_update_set_object (update, 3, "<< /Type /Page /Parent 2 0 R /Annots [4 0 R] >>", 47);
  out = loket_pdf_update_write (update);

  /* The original bytes are untouched; the update reads back through /Prev. */
  g_assert_cmpint (memcmp (out->data, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf)), ==, 0);
  out_bytes = g_bytes_new (out->data, out->len);
  doc2 = loket_pdf_document_new (out_bytes, &error);
  g_assert_no_error (error);
  page = loket_pdf_document_get_object (doc2, 3, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loket_pdf_dict_get (page, "Annots"));
  added = loket_pdf_document_get_object (doc2, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added->raw, ==, "(baru)");
  g_assert_nonnull (loket_pdf_dict_get (loket_pdf_document_get_trailer (doc2), "Prev"));
  old_page = loket_pdf_document_get_object (doc, 3, &error);
  g_assert_null (loket_pdf_dict_get (old_page, "Annots"));
  g_assert_null (loket_pdf_document_get_object (doc2, 9, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
}

static void
test_verify_unsigned (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = minimal_pdf ();
  g_autoptr (GBytes) junk = g_bytes_new_static ("hello", 5);
  g_autoptr (LoketPdfVerification) result = loket_pdf_verify (pdf, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (result->signatures->len, ==, 0);
  g_assert_false (result->valid);
  g_assert_false (result->modified_after_signing);
  g_assert_null (loket_pdf_verify (junk, NULL, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
}

static void
test_verify_forged_range (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPdfVerification) result = NULL;
  g_autoptr (GBytes) pdf = NULL;
  /* A /ByteRange that leaves out more than the /Contents string. */
  const char *text = "%PDF-1.4\n5 0 obj\n<< /Type /Sig /ByteRange [0 10 30 5] /Contents <3000> >>\n"
                     "endobj\n%%EOF\n";

  pdf = g_bytes_new_static (text, strlen (text));
  result = loket_pdf_verify (pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->signatures->len, ==, 1);
  g_assert_false (((LoketPdfSignature *) result->signatures->pdata[0])->byte_range_ok);
  g_assert_false (((LoketPdfSignature *) result->signatures->pdata[0])->valid);
  g_assert_nonnull (((LoketPdfSignature *) result->signatures->pdata[0])->problem);
  g_assert_false (result->valid);
}

static void
test_verify_too_many (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPdfVerification) result = NULL;
  g_autoptr (GBytes) pdf = NULL;
  GString *text = g_string_new ("%PDF-1.4\n");

  for (guint i = 0; i < 300; i++)
    g_string_append (text, "/ByteRange [0 1 2 3]\n");
  pdf = g_string_free_to_bytes (text);
  result = loket_pdf_verify (pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->incomplete);
  g_assert_false (result->valid);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loket/letters/pdf-object/parse-dict", test_parse_dict);
  g_test_add_func ("/loket/letters/pdf-object/parse-errors", test_parse_errors);
  g_test_add_func ("/loket/letters/pdf-object/text-string", test_text_string);
  g_test_add_func ("/loket/letters/pdf-object/dates", test_dates);
  g_test_add_func ("/loket/letters/pdf-object/incremental", test_incremental);
  g_test_add_func ("/loket/letters/pdf-object/verify-unsigned", test_verify_unsigned);
  g_test_add_func ("/loket/letters/pdf-object/verify-forged-range", test_verify_forged_range);
  g_test_add_func ("/loket/letters/pdf-object/verify-too-many", test_verify_too_many);

  return g_test_run ();
}
