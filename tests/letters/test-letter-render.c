// SPDX-License-Identifier: GPL-3.0-or-later
// Every letter kind renders for a sample case; the mandatory parts are in the PDF text, in order.
#include "config.h"

#include <string.h>

#include "letters-test-case.h"
#include "loket-intake-documents.h"
#include "loket-letter-case-fields.h"
#include "loket-letter-renderer.h"
#include "loket-letter-template.h"

#define AKAD "kopnakertrans-ntt/rekomendasi-rekrutmen-akad"
#define PP "kopnakertrans-ntt/pengesahan-peraturan-perusahaan"

static GBytes *
render_kind (LettersTestCase *tc, const char *kind, LoketPaperSize paper)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetter) letter = loket_letter_new_for_case (kind, tc->kase, tc->events,
                                                              tc->catalog, tc->calendar, tc->org,
                                                              LETTERS_TEST_NOW, &error);
  GBytes *pdf;

  g_assert_no_error (error);
  pdf = loket_letter_render (letter, paper, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  return pdf;
}

/* Asserts that @needles occur in @text in this order. */
static void
assert_in_order (const char *text, const char *const *needles)
{
  const char *at = text;

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
  const char *dir = g_getenv ("LOKET_LETTERS_DUMP");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_strdup_printf ("%s/%s.pdf", dir, kind);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
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
      assert_in_order (text, (const char *const[]) { "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR",
                                                     "ID naskah", NULL });
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loket/letters/render/every-kind", test_every_kind);
  return g_test_run ();
}
