// SPDX-License-Identifier: GPL-3.0-or-later
// Draft preview benchmark: what the draft editor does after each pause in typing — build the
// letter from the draft, render the PDF, rasterise its page with poppler — timed per stage.
// Figures, not pass/fail.
#include "config.h"

#include <poppler.h>

#include "bench-fixture.h"
#include "letters-test-case.h"
#include "loket-letter-draft.h"
#include "loket-letter-renderer.h"

#define ROUNDS 40
#define SCALE 1.25 /* the editor's pixels per point */

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc, char **argv)
{
  g_autoptr (LettersTestCase) tc
    = letters_test_case_new ("kopnakertrans-ntt/rekomendasi-rekrutmen-akad", "surat", TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetterDraft) draft
    = loket_letter_draft_new_for_case ("rekomendasi", tc->kase, tc->events, tc->catalog,
                                       tc->calendar, tc->org, LETTERS_TEST_NOW, &error);
  g_autoptr (GArray) build_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) render_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) raster_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) total_ms = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_no_error (error);
  for (guint i = 0; i < ROUNDS + 1; i++)
    {
      g_autofree char *text = g_strdup_printf ("Paragraf yang diubah untuk ke-%u kalinya.", i);
      g_autoptr (LoketLetterDraft) copy = NULL;
      g_autoptr (LoketLetter) letter = NULL;
      g_autoptr (GBytes) pdf = NULL;
      PopplerDocument *doc;
      gint64           start = g_get_monotonic_time (), t;
      double           b, r, p;

      /* an edit, then the snapshot the render thread works on */
      loket_letter_draft_set_paragraph (draft, 1, text);
      copy = loket_letter_draft_copy (draft);
      letter = loket_letter_draft_build_letter (copy, "bench", &error);
      g_assert_no_error (error);
      b = ms_since (start);
      t = g_get_monotonic_time ();
      pdf = loket_letter_render (letter, LOKET_PAPER_F4, &error);
      g_assert_no_error (error);
      r = ms_since (t);
      t = g_get_monotonic_time ();
      doc = poppler_document_new_from_bytes (pdf, NULL, &error);
      g_assert_no_error (error);
      for (int n = 0; n < poppler_document_get_n_pages (doc); n++)
        {
          PopplerPage     *page = poppler_document_get_page (doc, n);
          double           w, h;
          cairo_surface_t *surface;
          cairo_t         *cr;

          poppler_page_get_size (page, &w, &h);
          surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (w * SCALE),
                                                (int) (h * SCALE));
          cr = cairo_create (surface);
          cairo_scale (cr, SCALE, SCALE);
          poppler_page_render (page, cr);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          g_object_unref (page);
        }
      g_object_unref (doc);
      p = ms_since (t);
      if (i == 0)
        continue; /* warm-up: fonts, templates */
      g_array_append_val (build_ms, b);
      g_array_append_val (render_ms, r);
      g_array_append_val (raster_ms, p);
      b = ms_since (start);
      g_array_append_val (total_ms, b);
    }
  loket_bench_row ("draft preview: build the letter (median)",
                   loket_bench_percentile (build_ms, 0.5), "ms", "(info)");
  loket_bench_row ("draft preview: render the PDF (median)",
                   loket_bench_percentile (render_ms, 0.5), "ms", "(info)");
  loket_bench_row ("draft preview: rasterise at 1.25 px/pt (median)",
                   loket_bench_percentile (raster_ms, 0.5), "ms", "(info)");
  loket_bench_row ("draft preview: edit to page (p95)", loket_bench_percentile (total_ms, 0.95),
                   "ms", "< 200 ms");
  return 0;
}
