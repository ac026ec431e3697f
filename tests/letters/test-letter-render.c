// SPDX-License-Identifier: GPL-3.0-or-later
// Every letter kind renders for a sample case; the mandatory parts are in the PDF text, in order.
#include "config.h"

#include <string.h>

#include <poppler.h>

#include "letters-test-case.h"
#include "loket-error.h"
#include "loket-letter-date.h"
#include "loket-intake-documents.h"
#include "loket-letter-case-fields.h"
#include "loket-letter-renderer.h"
#include "loket-letter-template.h"
#include "loket-test-utils.h"

#define AKAD "kopnakertrans-ntt/rekomendasi-rekrutmen-akad"
#define PP "kopnakertrans-ntt/pengesahan-peraturan-perusahaan"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static GBytes *
render_kind (LettersTestCase *tc, const char *kind, LoketPaperSize paper)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetter) letter = loket_letter_new_for_case (
    kind, tc->kase, tc->events, tc->catalog, tc->calendar, tc->org, LETTERS_TEST_NOW, &error);
  GBytes *pdf;

  g_assert_no_error (error);
  pdf = loket_letter_render (letter, paper, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  return pdf;
}

/* Asserts that @needles occur in @text in this order. */
static char *
squash (const char *text)
{
  g_autoptr (GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
}

/* (whitespace and line breaks count as one space) */
static void
assert_in_order (const char *raw, const char *const *needles)
{
  g_autofree char *text = squash (raw);
  const char      *at = text;

  for (guint i = 0; needles[i] != NULL; i++)
    {
      const char *found = strstr (at, needles[i]);

      if (found == NULL)
        g_error ("“%s” not found (in order) in:\n%s", needles[i], text);
      at = found + strlen (needles[i]);
    }
}

static void
dump (const char *kind, GBytes *pdf)
{
  const char      *dir = g_getenv ("LOKET_LETTERS_DUMP");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_strdup_printf ("%s/%s.pdf", dir, kind);
  g_assert_true (
    g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
}

static cairo_status_t
append_png (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static guint
count_images (GBytes *pdf)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PopplerDocument) doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_autoptr (PopplerPage) page = NULL;
  GList *images;
  guint  n;

  g_assert_no_error (error);
  page = poppler_document_get_page (doc, 0);
  images = poppler_page_get_image_mapping (page);
  n = g_list_length (images);
  poppler_page_free_image_mapping (images);
  return n;
}

static void
test_every_kind (void)
{
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", TRUE);
  g_auto (GStrv) kinds = loket_letter_template_list_kinds ();

  g_assert_cmpuint (g_strv_length (kinds), ==, 16);
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autoptr (GBytes) pdf = render_kind (tc, kinds[i], LOKET_PAPER_F4);
      g_autofree char *text = letters_test_pdf_text (pdf);

      dump (kinds[i], pdf);
      g_assert_cmpuint (g_bytes_get_size (pdf), >, 1000);
      g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF-"));
      /* the kop and the letter id are on every kind */
      assert_in_order (text, (const char *const[]){ "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR",
                                                    "ID naskah", NULL });
    }
}

static void
test_keputusan_order (void)
{
  g_autoptr (LettersTestCase) tc = letters_test_case_new (PP, "surat", TRUE);
  g_autoptr (GBytes) pdf = render_kind (tc, "surat_keputusan", LOKET_PAPER_F4);
  g_autofree char *text = letters_test_pdf_text (pdf);

  dump ("sk-pp", pdf);
  assert_in_order (text, (const char *const[]){ "DINAS KOPERASI",
                                                "KEPUTUSAN KEPALA DINAS KOPERASI",
                                                "NOMOR",
                                                "TENTANG",
                                                "PENGESAHAN PERATURAN PERUSAHAAN",
                                                "Menimbang",
                                                "Mengingat",
                                                "MEMUTUSKAN",
                                                "Menetapkan",
                                                "KESATU",
                                                "KEDUA",
                                                "KETIGA",
                                                "KEEMPAT",
                                                "Ditetapkan di Kupang",
                                                "pada tanggal 5 Oktober 2026",
                                                "KEPALA DINAS KOPERASI",
                                                "Stefanus Leo",
                                                "NIP. 196704281990091925",
                                                "Tembusan",
                                                NULL });
  g_assert_null (strstr (text, "KELIMA"));
  /* a keputusan writes its signer without academic titles (Pasal 44 ayat 1) */
  g_assert_null (strstr (text, "S.Sos."));
  /* poppler reads the a./b./c. markers as a column of their own: check the considerations and the
   * laws sit between MENIMBANG and MEMUTUSKAN */
  assert_in_order (text, (const char *const[]){ "Menimbang", "bahwa", "bahwa berdasarkan",
                                                "Undang-Undang Nomor 25", "Tata Naskah Dinas",
                                                "MEMUTUSKAN", NULL });
}

static void
test_korespondensi_order (void)
{
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", TRUE);
  g_autoptr (GBytes) pdf = render_kind (tc, "rekomendasi", LOKET_PAPER_F4);
  g_autofree char *text = letters_test_pdf_text (pdf);

  g_assert_cmpuint (letters_test_pdf_pages (pdf), ==, 1);
  assert_in_order (text,
                   (const char *const[]){
                     "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR", "Kupang, 5 Oktober 2026", "Nomor",
                     "Sifat", "Lampiran", "Hal", "Yth. Maria Goreti Lado",
                     "Nomor 005/PTFKM/IX/2026", "tanggal 25 September 2026", "5371014506900002",
                     "KEPALA DINAS KOPERASI", "Stefanus Leo", "Pembina Utama Muda (IV/c)",
                     "NIP. 196704281990091925", "Tembusan", NULL });
}

static void
test_receipt (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", TRUE);
  g_autoptr (GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GDateTime) due = NULL;
  g_autofree char *due_text = NULL;

  /* 21 hari kerja from 29 September 2026 */
  g_assert_cmpint (loket_case_get_due_at (tc->kase), >, 0);
  due = g_date_time_new_from_unix_utc (loket_case_get_due_at (tc->kase) + 8 * 3600);
  due_text = g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (due),
                              loket_letter_month_name (g_date_time_get_month (due)),
                              g_date_time_get_year (due));
  pdf = loket_receipt_render (tc->kase, tc->events, tc->catalog, tc->calendar, tc->org,
                              LOKET_PAPER_F4, &error);
  g_assert_no_error (error);
  text = letters_test_pdf_text (pdf);
  dump ("receipt", pdf);
  assert_in_order (
    text, (const char *const[]){ "TANDA TERIMA", "560/0412/P3TK/2026",
                                 "Senin, 28 September 2026 pukul 09.00 WITA",
                                 "Rekomendasi Rekrutmen dan Seleksi Calon Tenaga Kerja AKAD",
                                 "Surat", "Maria Goreti Lado", "PT Flobamora Karya Mandiri",
                                 "Berkas yang Diterima", "Wajib", "Ada (1 berkas)", "21 hari kerja",
                                 due_text, "Pengaduan", "SP4N-LAPOR!", "Petugas Penerima", NULL });
}

static void
test_receipt_incomplete (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", FALSE);
  g_autoptr (GBytes) pdf = loket_receipt_render (tc->kase, tc->events, tc->catalog, tc->calendar,
                                                 tc->org, LOKET_PAPER_A4, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = letters_test_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "dihitung sejak berkas dinyatakan lengkap"));
  g_assert_nonnull (strstr (text, "Tidak ada"));
  g_assert_null (strstr (text, "paling lambat"));
}

static void
test_return_notice (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", FALSE);
  g_autoptr (GBytes) none = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autofree char *text = NULL;

  none = loket_return_notice_render (tc->kase, tc->events, tc->catalog, tc->calendar, tc->org,
                                     LOKET_PAPER_F4, &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_null (none);
  g_clear_error (&error);

  letters_test_case_add (tc, "case.returned", "2026-09-28T10:00:00+08:00",
                         "{\"at\":\"2026-09-28T10:00:00+08:00\",\"missing\":[\"r2\"],"
                         "\"note\":\"Fotokopi tidak terbaca\"}");
  pdf = loket_return_notice_render (tc->kase, tc->events, tc->catalog, tc->calendar, tc->org,
                                    LOKET_PAPER_F4, &error);
  g_assert_no_error (error);
  text = letters_test_pdf_text (pdf);
  dump ("return-notice", pdf);
  assert_in_order (
    text, (const char *const[]){ "PEMBERITAHUAN PENGEMBALIAN BERKAS", "560/0412/P3TK/2026",
                                 "dikembalikan pada tanggal 28 September 2026",
                                 "Daftar Isian Kegiatan", "Catatan petugas: Fotokopi tidak terbaca",
                                 "Yang perlu dilakukan", "SP4N-LAPOR!", NULL });
  /* only the requirement the event names */
  g_assert_null (strstr (text, "Surat Persetujuan Penempatan"));
}

static void
test_paper_sizes (void)
{
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", TRUE);
  LoketPaperSize papers[] = { LOKET_PAPER_F4, LOKET_PAPER_A4 };
  double         heights[] = { 330, 297 };
  double         widths[] = { 215, 210 };

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autoptr (GBytes) pdf = render_kind (tc, "rekomendasi", papers[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (PopplerDocument) doc = poppler_document_new_from_bytes (pdf, NULL, &error);
      g_autoptr (PopplerPage) page = NULL;
      double w, h;

      g_assert_no_error (error);
      page = poppler_document_get_page (doc, 0);
      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, widths[i] * 72 / 25.4, 0.5);
      g_assert_cmpfloat_with_epsilon (h, heights[i] * 72 / 25.4, 0.5);
    }
}

/* A long letter continues on further pages, each numbered "- n -", tables repeat their header. */
static void
test_multi_page (void)
{
  g_autoptr (LoketLetter) letter
    = loket_letter_new ("surat_jawaban", LOKET_LETTER_LAYOUT_KORESPONDENSI);
  LoketLetterSignature sig
    = { LOKET_DELEGATION_AN, "KEPALA DINAS SOSIAL",      "Sekretaris",
        "Serafina Bria",     "Pembina Tingkat I (IV/b)", "197305031996062793" };
  LoketLetterBlock *list, *table;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  loket_letter_set_id (letter, "00000000-0000-8000-8000-000000000001");
  loket_letter_add_line (letter, LOKET_LETTER_KOP, "PEMERINTAH PROVINSI CONTOH");
  loket_letter_add_line (letter, LOKET_LETTER_KOP, "DINAS SOSIAL");
  loket_letter_set_text (letter, LOKET_LETTER_PLACE, "Kupang");
  loket_letter_set_text (letter, LOKET_LETTER_DATE, "9 Desember 2022");
  loket_letter_add_line (letter, LOKET_LETTER_ADDRESSEE, "Yth. Penerima");
  for (guint i = 0; i < 12; i++)
    loket_letter_add_paragraph (
      letter, "Lorem ipsum dolor sit amet, consectetur adipiscing elit, "
              "sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. "
              "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris "
              "nisi ut aliquip ex ea commodo consequat.");
  list = loket_letter_add_list (letter, LOKET_LIST_LETTERS);
  for (guint i = 0; i < 10; i++)
    loket_letter_block_add_item (list, "butir daftar yang cukup panjang untuk satu baris penuh");
  table = loket_letter_add_table (letter, 2, (const char *const[]){ "Kolom A", "Kolom B", NULL },
                                  (const double[]){ 1, 3 });
  for (guint i = 0; i < 40; i++)
    loket_letter_block_add_row (table, (const char *const[]){ "x", "baris tabel", NULL });
  loket_letter_set_signature (letter, &sig);
  loket_letter_set_text (letter, LOKET_LETTER_FOOTER, "Catatan kaki setiap halaman");

  pdf = loket_letter_render (letter, LOKET_PAPER_A4, &error);
  g_assert_no_error (error);
  text = letters_test_pdf_text (pdf);
  g_assert_cmpuint (letters_test_pdf_pages (pdf), >=, 3);
  /* poppler drops the spaces of "- 2 -" */
  assert_in_order (text, (const char *const[]){ "-2-", "Kolom A", "-3-", "Kolom A",
                                                "a.n. KEPALA DINAS SOSIAL", "Sekretaris,",
                                                "Serafina Bria", "NIP. 197305031996062793", NULL });
  {
    g_auto (GStrv) parts = g_strsplit (text, "Catatan kaki setiap halaman", -1);
    g_assert_cmpuint (g_strv_length (parts) - 1, ==, letters_test_pdf_pages (pdf));
  }
}

static void
test_missing_field (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetterTemplate) tmpl = NULL;
  g_autoptr (LoketLetterFields) fields = loket_letter_fields_new ();
  g_autoptr (LoketLetter) letter = NULL;
  const char *json = "{\"kind\":\"uji\",\"name\":\"Uji\",\"layout\":\"judul\",\"kop\":[],"
                     "\"signature\":false,\"body\":[{\"type\":\"paragraph\","
                     "\"text\":\"Halo {nama}, nomor {nomor_tidak_ada}\"}]}";

  tmpl = loket_letter_template_new_from_data ("uji.json", json, -1, &error);
  g_assert_no_error (error);
  loket_letter_fields_set (fields, "nama", "Ani");
  letter = loket_letter_template_fill (tmpl, fields, &error);
  g_assert_null (letter);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "uji.json"));
  g_assert_nonnull (strstr (error->message, "nomor_tidak_ada"));
  g_clear_error (&error);

  /* optional placeholders, filters, "if" and literal braces */
  g_clear_object (&tmpl);
  tmpl = loket_letter_template_new_from_data (
    "uji2.json",
    "{\"kind\":\"uji\",\"name\":\"Uji\",\"layout\":\"judul\",\"kop\":[],\"signature\":false,"
    "\"body\":[{\"type\":\"paragraph\",\"text\":\"{nama|upper}{x?} {{kurung}}\"},"
    "{\"type\":\"paragraph\",\"if\":\"x\",\"text\":\"{x}\"}]}",
    -1, &error);
  g_assert_no_error (error);
  letter = loket_letter_template_fill (tmpl, fields, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loket_letter_get_blocks (letter)->len, ==, 1);
  g_assert_cmpstr (
    ((LoketLetterBlock *) g_ptr_array_index (loket_letter_get_blocks (letter), 0))->text, ==,
    "ANI {kurung}");

  /* malformed templates */
  g_clear_object (&tmpl);
  tmpl = loket_letter_template_new_from_data ("rusak.json",
                                              "{\"kind\":\"x\",\"name\":\"X\","
                                              "\"layout\":\"miring\"}",
                                              -1, &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "rusak.json"));
  g_assert_null (tmpl);
  g_clear_error (&error);
  tmpl = loket_letter_template_new_from_data ("rusak.json",
                                              "{\"kind\":\"x\",\"name\":\"X\","
                                              "\"layout\":\"judul\",\"nomer\":\"1\"}",
                                              -1, &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "nomer"));
  g_clear_error (&error);
  g_assert_null (loket_letter_template_new_for_kind ("tidak_ada", &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
}

/* Every letter kind a catalog product names has a template. */
static void
test_catalog_kinds (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (&error);
  GPtrArray *services;
  guint      checked = 0;

  g_assert_no_error (error);
  services = loket_service_catalog_get_services (catalog);
  for (guint i = 0; i < services->len; i++)
    {
      const char *const *kinds = loket_service_get_product_kinds (g_ptr_array_index (services, i));

      for (guint j = 0; kinds != NULL && kinds[j] != NULL; j++)
        {
          g_autoptr (LoketLetterTemplate) tmpl = NULL;

          if (g_str_equal (kinds[j], "none") || g_str_equal (kinds[j], "other"))
            continue;
          tmpl = loket_letter_template_new_for_kind (kinds[j], &error);
          g_assert_no_error (error);
          g_assert_cmpstr (loket_letter_template_get_kind (tmpl), ==, kinds[j]);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 20);
  for (const char *const *k = (const char *const[]){ "tanda_terima", "pengembalian_berkas",
                                                     "lembar_disposisi", "nota_dinas", NULL };
       *k != NULL; k++)
    {
      g_autoptr (LoketLetterTemplate) tmpl = loket_letter_template_new_for_kind (*k, &error);
      g_assert_no_error (error);
    }
}

static void
test_dates_and_ordinals (void)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 ("2022-12-09T08:05:00+08:00", NULL);
  g_autoptr (GDateTime) local = loket_letter_local_time (g_date_time_to_unix (dt), "Asia/Jakarta");
  g_autofree char *date = loket_letter_format_date (dt);
  g_autofree char *time = loket_letter_format_time (local);
  const char      *expected[]
    = { "KESATU",  "KEDUA",     "KETIGA",     "KEEMPAT",   "KELIMA",    "KEENAM",
        "KETUJUH", "KEDELAPAN", "KESEMBILAN", "KESEPULUH", "KESEBELAS", "KEDUA BELAS" };

  g_assert_cmpstr (date, ==, "9 Desember 2022");
  g_assert_cmpstr (time, ==, "07.05 WIB");
  g_assert_cmpstr (loket_letter_weekday_name (dt), ==, "Jumat");
  g_assert_cmpstr (loket_letter_month_name (5), ==, "Mei");
  g_assert_null (loket_letter_month_name (13));
  {
    g_autofree char *a = loket_letter_name_without_titles ("Dr. Ir. Stefanus Leo, S.Sos., M.Si.");
    g_autofree char *b = loket_letter_name_without_titles ("Maria Goreti Lado");
    g_autofree char *c = loket_letter_name_without_titles ("drs. Yohanes Bere, M.M.");
    g_assert_cmpstr (a, ==, "Stefanus Leo");
    g_assert_cmpstr (b, ==, "Maria Goreti Lado");
    g_assert_cmpstr (c, ==, "Yohanes Bere");
  }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *ordinal = loket_letter_ordinal_upper (i + 1);
      g_assert_cmpstr (ordinal, ==, expected[i]);
    }
  {
    g_autofree char *o = loket_letter_ordinal_upper (21);
    g_assert_cmpstr (o, ==, "KEDUA PULUH SATU");
  }
}

static void
test_qr_payload (void)
{
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetter) a
    = loket_letter_new_for_case ("rekomendasi", tc->kase, tc->events, tc->catalog, tc->calendar,
                                 tc->org, LETTERS_TEST_NOW, &error);
  g_autoptr (LoketLetter) b
    = loket_letter_new_for_case ("rekomendasi", tc->kase, tc->events, tc->catalog, tc->calendar,
                                 tc->org, LETTERS_TEST_NOW + 86400, &error);
  g_autofree char *payload = loket_letter_get_qr_payload (a);
  g_autofree char *id = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *digest_b = loket_letter_compute_digest (b);
  g_autofree char *again = loket_letter_id_for_case (LETTERS_TEST_CASE, "rekomendasi", 1);
  g_autofree char *other = loket_letter_id_for_case (LETTERS_TEST_CASE, "rekomendasi", 2);

  g_assert_no_error (error);
  g_assert_true (loket_letter_parse_qr_payload (payload, &id, &digest));
  g_assert_cmpstr (id, ==, loket_letter_get_id (a));
  g_assert_cmpstr (id, ==, again);
  g_assert_cmpstr (id, !=, other);
  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_cmpuint (strlen (digest), ==, 64);
  /* the date is part of the content, so another day is another digest */
  g_assert_cmpstr (digest, !=, digest_b);
  g_assert_false (loket_letter_parse_qr_payload ("https://example.org", NULL, NULL));
}

static void
rendered (GObject *source, GAsyncResult *result, gpointer data)
{
  GBytes **out = data;
  g_autoptr (GError) error = NULL;

  *out = loket_letter_render_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetter) letter
    = loket_letter_new_for_case ("nota_dinas", tc->kase, tc->events, tc->catalog, tc->calendar,
                                 tc->org, LETTERS_TEST_NOW, &error);
  GBytes          *pdf = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  loket_letter_render_async (letter, LOKET_PAPER_F4, NULL, rendered, &pdf);
  while (pdf == NULL)
    g_main_context_iteration (NULL, TRUE);
  text = letters_test_pdf_text (pdf);
  assert_in_order (text, (const char *const[]){ "NOTA DINAS", "Yth.", "Dari", "Tembusan", "Tanggal",
                                                "Sifat", "Lampiran", "Hal", NULL });
  g_bytes_unref (pdf);
}

/* Someone else signs: a.n. the head with their own jabatan; Plt. as the head. */
static void
test_signer_delegation (void)
{
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetterFields) fields = loket_letter_fields_new_for_case (
    tc->kase, tc->events, tc->catalog, tc->calendar, tc->org, LETTERS_TEST_NOW, &error);
  GPtrArray         *people = loket_org_chart_get_people (tc->org, "kopnakertrans-ntt");
  const LoketPerson *secretary = NULL;
  LoketDelegation    delegations[] = { LOKET_DELEGATION_AN, LOKET_DELEGATION_PLT };
  const char        *prefixes[] = { "a.n. KEPALA DINAS KOPERASI", "Plt. KEPALA DINAS KOPERASI" };

  g_assert_no_error (error);
  for (guint i = 0; i < people->len; i++)
    {
      const LoketPerson   *person = g_ptr_array_index (people, i);
      const LoketPosition *position
        = loket_org_chart_lookup_position (tc->org, person->position_id);

      if (position->role == LOKET_ROLE_SECRETARY)
        secretary = person;
    }
  g_assert_nonnull (secretary);

  for (guint i = 0; i < G_N_ELEMENTS (delegations); i++)
    {
      g_autoptr (LoketLetter) letter = NULL;
      g_autoptr (GBytes) pdf = NULL;
      g_autofree char *text = NULL;
      g_autofree char *nip = g_strdup_printf ("NIP. %s", secretary->nip);

      g_assert_true (
        loket_letter_fields_set_signer (fields, tc->org, secretary->id, delegations[i], &error));
      g_assert_no_error (error);
      letter = loket_letter_new_from_fields ("rekomendasi", fields, "id", &error);
      g_assert_no_error (error);
      pdf = loket_letter_render (letter, LOKET_PAPER_F4, &error);
      g_assert_no_error (error);
      text = letters_test_pdf_text (pdf);
      assert_in_order (
        text, (const char *const[]){ prefixes[i], "Sekretaris", secretary->name, nip, NULL });
    }
  g_assert_false (loket_letter_fields_set_signer (fields, tc->org, "kopnakertrans-ntt/tidak-ada",
                                                  LOKET_DELEGATION_NONE, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
}

/* The office's logo replaces the emblem: one more image in the PDF; a non-PNG is refused. */
static void
test_logo (void)
{
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetter) letter
    = loket_letter_new_for_case ("rekomendasi", tc->kase, tc->events, tc->catalog, tc->calendar,
                                 tc->org, LETTERS_TEST_NOW, &error);
  cairo_surface_t *logo = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 64, 64);
  g_autoptr (GByteArray) png = g_byte_array_new ();
  g_autoptr (GBytes) png_bytes = NULL;
  g_autoptr (GBytes) not_png = g_bytes_new_static ("GIF89a", 6);
  g_autoptr (GBytes) with_emblem = NULL;
  g_autoptr (GBytes) with_logo = NULL;

  g_assert_no_error (error);
  cairo_surface_write_to_png_stream (logo, append_png, png);
  cairo_surface_destroy (logo);
  png_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&png));

  with_emblem = loket_letter_render (letter, LOKET_PAPER_F4, &error);
  g_assert_no_error (error);
  g_assert_false (loket_letter_set_logo_png (letter, not_png));
  g_assert_null (loket_letter_get_logo_png (letter));
  g_assert_true (loket_letter_set_logo_png (letter, png_bytes));
  with_logo = loket_letter_render (letter, LOKET_PAPER_F4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_images (with_emblem) + 1, ==, count_images (with_logo));
}

/* $LOKET_LETTERS_DIR holds an office's own templates and logo. */
static void
test_letters_dir (void)
{
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", TRUE);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-letters-dir-XXXXXX", &error);
  g_autofree char *json = g_build_filename (dir, "rekomendasi.json", NULL);
  g_autofree char *logo = g_build_filename (dir, "logo.png", NULL);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 32, 32);
  g_autoptr (LoketLetter) letter = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (cairo_surface_write_to_png (image, logo), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (image);
  g_assert_true (g_file_set_contents (json,
                                      "{\"kind\":\"rekomendasi\",\"name\":\"Rekomendasi\","
                                      "\"layout\":\"judul\",\"title\":[\"REKOMENDASI KANTOR\"],"
                                      "\"body\":[{\"type\":\"paragraph\",\"text\":\"Untuk "
                                      "{applicant_name}.\"}]}",
                                      -1, NULL));
  g_setenv ("LOKET_LETTERS_DIR", dir, TRUE);
  letter = loket_letter_new_for_case ("rekomendasi", tc->kase, tc->events, tc->catalog,
                                      tc->calendar, tc->org, LETTERS_TEST_NOW, &error);
  g_unsetenv ("LOKET_LETTERS_DIR");
  g_assert_no_error (error);
  g_assert_nonnull (loket_letter_get_logo_png (letter));
  pdf = loket_letter_render (letter, LOKET_PAPER_F4, &error);
  g_assert_no_error (error);
  text = letters_test_pdf_text (pdf);
  assert_in_order (text,
                   (const char *const[]){ "REKOMENDASI KANTOR", "Untuk Maria Goreti Lado.", NULL });
  g_assert_cmpuint (count_images (pdf), ==, 2); /* the logo and the QR code */
  loket_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loket/letters/render/every-kind", test_every_kind);
  g_test_add_func ("/loket/letters/render/keputusan-order", test_keputusan_order);
  g_test_add_func ("/loket/letters/render/korespondensi-order", test_korespondensi_order);
  g_test_add_func ("/loket/letters/render/paper-sizes", test_paper_sizes);
  g_test_add_func ("/loket/letters/render/multi-page", test_multi_page);
  g_test_add_func ("/loket/letters/render/async", test_async);
  g_test_add_func ("/loket/letters/render/signer-delegation", test_signer_delegation);
  g_test_add_func ("/loket/letters/render/logo", test_logo);
  g_test_add_func ("/loket/letters/template/letters-dir", test_letters_dir);
  g_test_add_func ("/loket/letters/intake/receipt", test_receipt);
  g_test_add_func ("/loket/letters/intake/receipt-incomplete", test_receipt_incomplete);
  g_test_add_func ("/loket/letters/intake/return-notice", test_return_notice);
  g_test_add_func ("/loket/letters/template/missing-field", test_missing_field);
  g_test_add_func ("/loket/letters/template/catalog-kinds", test_catalog_kinds);
  g_test_add_func ("/loket/letters/model/dates-and-ordinals", test_dates_and_ordinals);
  g_test_add_func ("/loket/letters/model/qr-payload", test_qr_payload);
  return g_test_run ();
}
