// SPDX-License-Identifier: GPL-3.0-or-later
// Letter benchmark: one-page surat rekomendasi (fill the template + render the PDF) per second on
// one core. Prints figures next to the target; never fails on speed.
#include "config.h"

#include <stdio.h>

#include "letters-test-case.h"
#include "loket-intake-documents.h"
#include "loket-letter-case-fields.h"
#include "loket-letter-renderer.h"

static int seconds = 3;

static GOptionEntry entries[] = {
  { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Run each measurement this long (default 3)", "S" },
  { NULL }
};

typedef GBytes *(*RenderFunc) (LettersTestCase *tc, GError **error);

static GBytes *
render_rekomendasi (LettersTestCase *tc, GError **error)
{
  g_autoptr (LoketLetter) letter = loket_letter_new_for_case ("rekomendasi", tc->kase, tc->events,
                                                              tc->catalog, tc->calendar, tc->org,
                                                              LETTERS_TEST_NOW, error);

  return letter != NULL ? loket_letter_render (letter, LOKET_PAPER_F4, error) : NULL;
}

static GBytes *
render_prepared (LettersTestCase *tc, GError **error)
{
  static LoketLetter *letter = NULL;

  if (letter == NULL)
    letter = loket_letter_new_for_case ("rekomendasi", tc->kase, tc->events, tc->catalog,
                                        tc->calendar, tc->org, LETTERS_TEST_NOW, error);
  return loket_letter_render (letter, LOKET_PAPER_F4, error);
}

static GBytes *
render_receipt (LettersTestCase *tc, GError **error)
{
  return loket_receipt_render (tc->kase, tc->events, tc->catalog, tc->calendar, tc->org,
                               LOKET_PAPER_F4, error);
}

static void
measure (LettersTestCase *tc, const char *what, RenderFunc func, double target)
{
  g_autoptr (GError) error = NULL;
  gint64 start, elapsed;
  guint n = 0;
  gsize bytes = 0;
  double per_second;

  g_bytes_unref (func (tc, &error)); /* warm up: fonts, resources */
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  do
    {
      GBytes *pdf = func (tc, &error);

      g_assert_no_error (error);
      bytes += g_bytes_get_size (pdf);
      g_bytes_unref (pdf);
      n++;
      elapsed = g_get_monotonic_time () - start;
    }
  while (elapsed < seconds * G_USEC_PER_SEC);
  per_second = n / (elapsed / (double) G_USEC_PER_SEC);
  if (target > 0)
    printf ("%-48s %8.1f /s  (%.2f ms each, %zu bytes; target >= %.0f /s: %s)\n", what,
            per_second, 1000.0 / per_second, bytes / n, target,
            per_second >= target ? "met" : "NOT MET");
  else
    printf ("%-48s %8.1f /s  (%.2f ms each, %zu bytes)\n", what, per_second, 1000.0 / per_second,
            bytes / n);
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) octx = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LettersTestCase) tc = NULL;

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  tc = letters_test_case_new ("kopnakertrans-ntt/rekomendasi-rekrutmen-akad", "surat", TRUE);
  printf ("Letters, one thread (%d s each):\n", seconds);
  measure (tc, "surat rekomendasi, fill + render (1 page F4)", render_rekomendasi, 100);
  measure (tc, "surat rekomendasi, render only", render_prepared, 0);
  measure (tc, "tanda terima, fill + render", render_receipt, 0);
  return 0;
}
