// SPDX-License-Identifier: GPL-3.0-or-later
// The review pane's speed: the first page of a 100-page PDF on screen after opening it (a real
// window: Xvfb when there is no display), and one page rendered at 150 dpi next to
// `pdftoppm -r 150` on the same page. Figures, not pass/fail.

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "bench-fixture.h"
#include "loket-review-pane.h"
#include "review-fixture.h"

#define RUNS 7

typedef struct
{
  LoketReviewPane *pane;
  gint64           painted;
} Paint;

static void
after_paint_cb (GdkFrameClock *clock, Paint *paint)
{
  if (paint->painted == 0
      && loket_review_view_get_first_paint_time (loket_review_pane_get_view (paint->pane)) != 0)
    paint->painted = g_get_monotonic_time ();
}

static double
median (GArray *ms)
{
  return loket_bench_percentile (ms, 0.5);
}

static void
bench_first_page (GBytes *pdf)
{
  g_autoptr (GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window = gtk_window_new ();
  Paint      paint = { LOKET_REVIEW_PANE (loket_review_pane_new ()), 0 };
  gulong     handler;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (paint.pane));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window) || gtk_widget_get_frame_clock (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  handler = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                              G_CALLBACK (after_paint_cb), &paint);

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double elapsed;

      paint.painted = 0;
      loket_review_pane_load_bytes (paint.pane, pdf);
      while (paint.painted == 0 && g_get_monotonic_time () - start < 30 * G_USEC_PER_SEC)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (paint.painted, !=, 0);
      elapsed = (paint.painted - start) / 1000.0;
      g_array_append_val (ms, elapsed);
      /* Let the rest of the first screen and the signature check finish before the next run. */
      for (guint i = 0; i < 50; i++)
        g_main_context_iteration (NULL, FALSE);
    }
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), handler);
  loket_bench_row ("review: 100-page PDF, open to first page shown", median (ms), "ms", "<= 150");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Wall time of `pdftoppm -r 150 -f 1 -l @last` (ms). */
static double
run_pdftoppm (const char *pdftoppm, const char *path, const char *out, const char *last)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int    status = 0;

  g_assert_true (g_spawn_sync (NULL,
                               (char *[]){ (char *) pdftoppm, "-r", "150", "-f", "1", "-l",
                                           (char *) last, (char *) path, (char *) out, NULL },
                               NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
                               &error));
  g_assert_no_error (error);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
bench_render (GBytes *pdf, const char *dir)
{
  g_autoptr (GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) ours_open = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) theirs_page = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = g_build_filename (dir, "bench-100.pdf", NULL);
  g_autofree char *out = g_build_filename (dir, "page", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");

  g_assert_true (
    g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  for (guint run = 0; run < RUNS; run++)
    {
      gint64            start = g_get_monotonic_time ();
      LoketPdfDocument *doc = loket_pdf_document_new_from_bytes (pdf, NULL, &error);
      gint64            opened = g_get_monotonic_time ();
      cairo_surface_t  *surface;
      double            render_ms, total_ms;

      g_assert_no_error (error);
      surface = loket_pdf_document_render_page (doc, 0, 150.0 / 72.0, 0, NULL, &error);
      g_assert_no_error (error);
      render_ms = (g_get_monotonic_time () - opened) / 1000.0;
      total_ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ours, render_ms);
      g_array_append_val (ours_open, total_ms);
      cairo_surface_destroy (surface);
      g_object_unref (doc);

      if (pdftoppm != NULL)
        {
          double ms = run_pdftoppm (pdftoppm, path, out, "1");
          double ms11 = run_pdftoppm (pdftoppm, path, out, "11");
          /* pdftoppm's start-up (fontconfig, parsing) dwarfs one page: its cost per page is
           * the difference between 11 pages and 1, over 10. */
          double per_page = (ms11 - ms) / 10.0;

          g_array_append_val (theirs, ms);
          g_array_append_val (theirs_page, per_page);
        }
    }
  loket_bench_row ("review: page 1 at 150 dpi, render only", median (ours), "ms", "-");
  loket_bench_row ("review: page 1 at 150 dpi, open + render", median (ours_open), "ms", "-");
  if (pdftoppm != NULL)
    {
      double theirs_ms = median (theirs);

      loket_bench_row ("review: pdftoppm -r 150, page 1 (whole run)", theirs_ms, "ms", "-");
      loket_bench_row ("review: pdftoppm -r 150, per page (11 - 1 pages)", median (theirs_page),
                       "ms", "-");
      loket_bench_row ("review: open + render / pdftoppm whole run", median (ours_open) / theirs_ms,
                       "x", "<= 1.2");
      loket_bench_row ("review: render / pdftoppm per page", median (ours) / median (theirs_page),
                       "x", "<= 1.2");
    }
}

int
main (int argc, char **argv)
{
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;

  if (!gtk_init_check ())
    {
      /* No display: run again under Xvfb (the window must be real). */
      if (g_getenv ("LOKET_BENCH_UNDER_XVFB") == NULL && g_find_program_in_path ("xvfb-run"))
        {
          g_setenv ("LOKET_BENCH_UNDER_XVFB", "1", TRUE);
          execlp ("xvfb-run", "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", argv[0],
                  (char *) NULL);
        }
      g_printerr ("bench-review: no display and no xvfb-run\n");
      return 77;
    }
  adw_init ();

  dir = g_dir_make_tmp ("loket-bench-review-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = review_make_pdf_bytes (100);
  printf ("\n# Review pane (100-page PDF, %.0f KiB)\n", g_bytes_get_size (pdf) / 1024.0);
  bench_first_page (pdf);
  bench_render (pdf, dir);
  {
    g_autofree char *pdf_path = g_build_filename (dir, "bench-100.pdf", NULL);

    g_unlink (pdf_path);
    for (guint i = 1; i <= 11; i++)
      {
        g_autofree char *name = g_strdup_printf ("page-%03u.ppm", i);
        g_autofree char *ppm = g_build_filename (dir, name, NULL);

        g_unlink (ppm);
      }
    g_rmdir (dir);
  }
  return 0;
}
