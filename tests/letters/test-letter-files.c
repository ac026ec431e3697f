// SPDX-License-Identifier: GPL-3.0-or-later
// Letters as files, checked with outside tools: pdffonts, pdftoppm (reference PNGs), zbarimg, the
// CLI.
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "letters-test-case.h"
#include "loket-error.h"
#include "loket-letter-case-fields.h"
#include "loket-letter-renderer.h"
#include "loket-letter-template.h"
#include "loket-test-utils.h"

#define AKAD "kopnakertrans-ntt/rekomendasi-rekrutmen-akad"

/* A pixel differs when a channel differs by more than this; a page may differ in this share. */
#define PIXEL_TOLERANCE 48
#define PAGE_TOLERANCE 0.002

typedef struct
{
  char            *dir;
  LettersTestCase *tc;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("loket-letters-XXXXXX", &error);
  g_assert_no_error (error);
  f->tc = letters_test_case_new (AKAD, "surat", TRUE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  loket_test_remove_tree (f->dir);
  g_free (f->dir);
  letters_test_case_free (f->tc);
}

static LoketLetter *
letter_of (Fixture *f, const char *kind)
{
  g_autoptr (GError) error = NULL;
  LoketLetter *letter
    = loket_letter_new_for_case (kind, f->tc->kase, f->tc->events, f->tc->catalog, f->tc->calendar,
                                 f->tc->org, LETTERS_TEST_NOW, &error);

  g_assert_no_error (error);
  return letter;
}

static char *
write_kind (Fixture *f, const char *kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetter) letter = letter_of (f, kind);
  g_autoptr (GBytes) pdf = loket_letter_render (letter, LOKET_PAPER_F4, &error);
  g_autofree char *name = g_strconcat (kind, ".pdf", NULL);
  char            *path = g_build_filename (f->dir, name, NULL);

  g_assert_no_error (error);
  g_assert_true (loket_letter_write_file (pdf, path, &error));
  g_assert_no_error (error);
  return path;
}

/* Runs @argv; returns stdout; asserts the exit status is @expected_status. */
static char *
run (const char *const *argv, int expected_status, char **err)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int   status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, err, &status,
                &error);
  g_assert_no_error (error);
  if (expected_status == 0)
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  else
    g_assert_cmpint (WEXITSTATUS (status), ==, expected_status);
  return out;
}

static void
test_fonts_embedded (Fixture *f, gconstpointer data)
{
  g_auto (GStrv) kinds = loket_letter_template_list_kinds ();

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autofree char *path = write_kind (f, kinds[i]);
      g_autofree char *out = run ((const char *const[]){ "pdffonts", path, NULL }, 0, NULL);
      g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
      guint fonts = 0;

      /* name type… encoding emb sub uni object-number generation: "emb" is 5th from the end */
      for (guint l = 2; lines[l] != NULL; l++)
        {
          g_auto (GStrv) tokens = g_strsplit_set (g_strstrip (lines[l]), " ", -1);
          g_autoptr (GPtrArray) words = g_ptr_array_new ();
          const char *emb;

          for (guint t = 0; tokens[t] != NULL; t++)
            if (*tokens[t] != '\0')
              g_ptr_array_add (words, tokens[t]);
          if (words->len == 0)
            continue;
          g_assert_cmpuint (words->len, >=, 6);
          emb = g_ptr_array_index (words, words->len - 5);
          if (!g_str_equal (emb, "yes"))
            g_error ("%s: font not embedded: %s", kinds[i], lines[l]);
          fonts++;
        }
      g_assert_cmpuint (fonts, >=, 1);
    }
}

static cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  return surface;
}

/* Share of pixels of @a and @b that differ by more than PIXEL_TOLERANCE in a channel; 1 when the
 * sizes differ. */
static double
png_difference (cairo_surface_t *a, cairo_surface_t *b)
{
  int   w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint differing = 0;

  if (w != cairo_image_surface_get_width (b) || h != cairo_image_surface_get_height (b))
    return 1.0;
  for (int y = 0; y < h; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a)
                                             + y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b)
                                             + y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < w; x++)
        for (int shift = 0; shift < 24; shift += 8)
          if (ABS ((int) ((ra[x] >> shift) & 0xff) - (int) ((rb[x] >> shift) & 0xff))
              > PIXEL_TOLERANCE)
            {
              differing++;
              break;
            }
    }
  return (double) differing / ((double) w * h);
}

/* Compares one rendered page with its reference (or replaces the reference when updating). */
static void
compare_page (const char *kind,
              const char *png,
              const char *reference,
              gboolean    update,
              GString    *failures)
{
  cairo_surface_t *actual = load_png (png);
  cairo_surface_t *expected;
  double           difference;

  g_assert_nonnull (actual);
  if (update)
    {
      g_autofree char *contents = NULL;
      gsize            len;

      g_assert_true (g_file_get_contents (png, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (reference, contents, (gssize) len, NULL));
      g_test_message ("updated %s", reference);
    }
  expected = load_png (reference);
  if (expected == NULL)
    {
      g_string_append_printf (
        failures, "%s: no reference %s (LOKET_UPDATE_REFERENCES=1 makes it)\n", kind, reference);
      cairo_surface_destroy (actual);
      return;
    }
  difference = png_difference (actual, expected);
  g_test_message ("%s: %.4f%% of the pixels differ", reference, difference * 100);
  if (difference > PAGE_TOLERANCE)
    {
      g_autofree char *base = g_path_get_basename (reference);
      g_autofree char *kept = g_strdup_printf ("%s/actual-%s", g_get_tmp_dir (), base);
      g_autofree char *contents = NULL;
      gsize            len;

      if (g_file_get_contents (png, &contents, &len, NULL))
        g_file_set_contents (kept, contents, (gssize) len, NULL);
      g_string_append_printf (failures, "%s: %.3f%% of the pixels differ from %s (see %s)\n", kind,
                              difference * 100, reference, kept);
    }
  cairo_surface_destroy (actual);
  cairo_surface_destroy (expected);
}

/* Every page of every kind at 50 dpi against tests/letters/reference/<kind>-<page>.png. */
static void
test_reference_pngs (Fixture *f, gconstpointer data)
{
  g_auto (GStrv) kinds = loket_letter_template_list_kinds ();
  const char *src = g_getenv ("G_TEST_SRCDIR");
  gboolean    update = g_strcmp0 (g_getenv ("LOKET_UPDATE_REFERENCES"), "1") == 0;
  g_autoptr (GString) failures = g_string_new (NULL);

  g_assert_nonnull (src);
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autofree char *path = write_kind (f, kinds[i]);
      g_autofree char *stem = g_build_filename (f->dir, kinds[i], NULL);
      g_autofree char *out
        = run ((const char *const[]){ "pdftoppm", "-r", "50", "-png", path, stem, NULL }, 0, NULL);
      guint page;

      for (page = 1;; page++)
        {
          g_autofree char *png = g_strdup_printf ("%s-%u.png", stem, page);
          g_autofree char *reference
            = g_strdup_printf ("%s/letters/reference/%s-%u.png", src, kinds[i], page);

          if (!g_file_test (png, G_FILE_TEST_EXISTS))
            {
              if (g_file_test (reference, G_FILE_TEST_EXISTS))
                {
                  if (update)
                    g_assert_cmpint (g_unlink (reference), ==, 0);
                  else
                    g_string_append_printf (failures, "%s: page %u is gone\n", kinds[i], page);
                }
              break;
            }
          compare_page (kinds[i], png, reference, update, failures);
        }
      g_assert_cmpuint (page, >, 1);
    }
  if (failures->len > 0)
    g_error ("layout changed:\n%s", failures->str);
}

static void
test_qr_decodes (Fixture *f, gconstpointer data)
{
  g_autoptr (LoketLetter) letter = letter_of (f, "rekomendasi");
  g_autofree char *path = write_kind (f, "rekomendasi");
  g_autofree char *stem = g_build_filename (f->dir, "qr", NULL);
  g_autofree char *png = g_strconcat (stem, ".png", NULL);
  g_autofree char *ignored
    = run ((const char *const[]){ "pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1",
                                  "-singlefile", path, stem, NULL },
           0, NULL);
  g_autofree char *out
    = run ((const char *const[]){ "zbarimg", "--raw", "-q", png, NULL }, 0, NULL);
  g_autofree char *id = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *expected_digest = loket_letter_compute_digest (letter);

  g_strstrip (out);
  g_assert_true (loket_letter_parse_qr_payload (out, &id, &digest));
  g_assert_cmpstr (id, ==, loket_letter_get_id (letter));
  g_assert_cmpstr (digest, ==, expected_digest);
}

static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_unwritable (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) pdf = g_bytes_new_static ("%PDF-1.5\n", 9);
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "tidak-ada", "surat.pdf", NULL);
  g_autofree char *directory = g_build_filename (f->dir, "folder", NULL);

  g_assert_cmpint (g_mkdir (directory, 0755), ==, 0);
  g_assert_false (loket_letter_write_file (pdf, missing, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* the temporary file is written, the rename onto a directory fails: nothing is left behind */
  g_assert_false (loket_letter_write_file (pdf, directory, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (f->dir), ==, 1);
  g_assert_cmpuint (count_entries (directory), ==, 0);

  if (getuid () != 0)
    {
      g_autofree char *locked = g_build_filename (directory, "surat.pdf", NULL);

      g_assert_cmpint (g_chmod (directory, 0555), ==, 0);
      g_assert_false (loket_letter_write_file (pdf, locked, &error));
      g_assert_error (error, LOKET_ERROR, LOKET_ERROR_IO);
      g_assert_cmpint (g_chmod (directory, 0755), ==, 0);
      g_assert_cmpuint (count_entries (directory), ==, 0);
    }
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  const char      *build = g_getenv ("LOKET_BUILD_ROOT");
  g_autofree char *cli = g_build_filename (build, "src", "cli", "loket-cli", NULL);
  g_autofree char *db = g_build_filename (f->dir, "loket.db", NULL);
  g_autofree char *letter = g_build_filename (f->dir, "surat.pdf", NULL);
  g_autofree char *receipt = g_build_filename (f->dir, "tanda-terima.pdf", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "tidak-ada", "surat.pdf", NULL);
  g_autofree char *json = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject   *first;
  const char   *uuid, *agenda, *service_id;
  LoketService *service;

  g_assert_nonnull (build);
  g_free (run (
    (const char *const[]){ cli, "demo", "--db", db, "--cases", "5", "--seed", "7", "-q", NULL }, 0,
    NULL));
  json = run ((const char *const[]){ cli, "cases", "--db", db, "--json", NULL }, 0, NULL);
  root = json_from_string (json, NULL);
  g_assert_nonnull (root);
  first = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "cases"), 0);
  uuid = json_object_get_string_member (first, "uuid");
  agenda = json_object_get_string_member (first, "agenda_number");
  service_id = json_object_get_string_member (first, "service");
  service = loket_service_catalog_lookup (f->tc->catalog, service_id);
  g_assert_nonnull (service);

  out = run ((const char *const[]){ cli, "letter", "--db", db, "--case", uuid, "--kind",
                                    "surat_keputusan", "-o", letter, "--paper", "a4", NULL },
             0, NULL);
  g_clear_pointer (&out, g_free);
  {
    g_autofree char *contents = NULL;
    gsize            len;
    g_autoptr (GBytes) bytes = NULL;
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (letter, &contents, &len, NULL));
    bytes = g_bytes_new (contents, len);
    text = letters_test_pdf_text (bytes);
    g_assert_nonnull (strstr (text, "MEMUTUSKAN"));
    g_assert_nonnull (strstr (text, agenda));
  }

  /* the receipt, found by agenda number */
  out = run (
    (const char *const[]){ cli, "receipt", "--db", db, "--case", agenda, "-o", receipt, NULL }, 0,
    NULL);
  g_clear_pointer (&out, g_free);
  {
    g_autofree char *contents = NULL;
    gsize            len;
    g_autoptr (GBytes) bytes = NULL;
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (receipt, &contents, &len, NULL));
    bytes = g_bytes_new (contents, len);
    text = letters_test_pdf_text (bytes);
    g_assert_nonnull (strstr (text, "TANDA TERIMA"));
    g_assert_nonnull (strstr (text, agenda));
  }

  /* an unwritable output: a clear message, exit 1, no file */
  out = run ((const char *const[]){ cli, "letter", "--db", db, "--case", uuid, "--kind",
                                    "rekomendasi", "-o", bad, NULL },
             1, &err);
  g_assert_nonnull (strstr (err, "Could not write"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* an unknown kind */
  out = run ((const char *const[]){ cli, "letter", "--db", db, "--case", uuid, "--kind",
                                    "surat_cinta", "-o", letter, NULL },
             1, &err);
  g_assert_nonnull (strstr (err, "surat_cinta"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* usage errors */
  out = run ((const char *const[]){ cli, "letter", "--db", db, "--case", uuid, NULL }, 2, &err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run ((const char *const[]){ cli, "letter", "--db", db, "--case", uuid, "--kind",
                                    "rekomendasi", "-o", letter, "--as", "an", NULL },
             2, &err);
  g_assert_nonnull (strstr (err, "--signer"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run ((const char *const[]){ cli, "letter", "--db", db, "--case", uuid, "--kind",
                                    "rekomendasi", "-o", letter, "--signer", "x/y", NULL },
             1, &err);
  g_assert_nonnull (strstr (err, "x/y"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/loket/letters/files/fonts-embedded", Fixture, NULL, fixture_set_up,
              test_fonts_embedded, fixture_tear_down);
  g_test_add ("/loket/letters/files/reference-pngs", Fixture, NULL, fixture_set_up,
              test_reference_pngs, fixture_tear_down);
  g_test_add ("/loket/letters/files/qr-decodes", Fixture, NULL, fixture_set_up, test_qr_decodes,
              fixture_tear_down);
  g_test_add ("/loket/letters/files/unwritable", Fixture, NULL, fixture_set_up, test_unwritable,
              fixture_tear_down);
  g_test_add ("/loket/letters/files/cli", Fixture, NULL, fixture_set_up, test_cli,
              fixture_tear_down);
  return g_test_run ();
}
