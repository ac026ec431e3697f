// SPDX-License-Identifier: GPL-3.0-or-later
// Letter benchmark: one-page surat rekomendasi (fill the template + render the PDF) per second on
// one core. Prints figures next to the target; never fails on speed.
#include "config.h"

#include "bench-row.h"

#include <stdio.h>
#include <time.h>

#include "letters-test-case.h"
#include "loket-intake-documents.h"
#include "loket-letter-case-fields.h"
#include "loket-letter-renderer.h"

static int seconds = 3;

static GOptionEntry entries[] = { { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds,
                                    "Run each measurement this long (default 3)", "S" },
                                  { NULL } };

typedef GBytes *(*RenderFunc) (LettersTestCase *tc, GError **error);

static GBytes *
render_rekomendasi (LettersTestCase *tc, GError **error)
{
  g_autoptr (LoketLetter) letter
    = loket_letter_new_for_case ("rekomendasi", tc->kase, tc->events, tc->catalog, tc->calendar,
                                 tc->org, LETTERS_TEST_NOW, error);

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

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Rates are per CPU second of this thread ("on one core"), so other load on the machine does not
 * count; the wall-clock rate is printed too. */
static void
measure (LettersTestCase *tc, const char *what, RenderFunc func, double target)
{
  g_autoptr (GError) error = NULL;
  gint64 start, elapsed;
  guint  n = 0;
  gsize  bytes = 0;
  double per_second, cpu_start, wall_rate;

  g_bytes_unref (func (tc, &error)); /* warm up: fonts, resources */
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
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
  per_second = n / (cpu_seconds () - cpu_start);
  wall_rate = n / (elapsed / (double) G_USEC_PER_SEC);
  {
    g_autofree char *target_text = target > 0 ? g_strdup_printf (">= %.0f /s", target) : NULL;
    g_autofree char *row = g_strdup_printf ("%s (per CPU s)", what);

    loket_bench_row (row, per_second, "letters/s", target_text != NULL ? target_text : "(info)");
  }
  if (target > 0)
    printf ("%-46s %7.1f /s per CPU s (%.2f ms; wall %.1f /s; %zu bytes) target >= %.0f /s: %s\n",
            what, per_second, 1000.0 / per_second, wall_rate, bytes / n, target,
            per_second >= target ? "met" : "NOT MET");
  else
    printf ("%-46s %7.1f /s per CPU s (%.2f ms; wall %.1f /s; %zu bytes)\n", what, per_second,
            1000.0 / per_second, wall_rate, bytes / n);
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
