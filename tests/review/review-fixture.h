// SPDX-License-Identifier: GPL-3.0-or-later
// Documents the review tests and benchmarks draw with cairo at test time.
#pragma once

#include <gio/gio.h>

#include "loket-test-utils.h" /* loket_test_run_tool() */

G_BEGIN_DECLS

/* Page size of the generated PDFs: A4 in points. */
#define REVIEW_PAGE_WIDTH  595.0
#define REVIEW_PAGE_HEIGHT 842.0
/* Page 0 carries a red box here (points, origin top left). */
#define REVIEW_BOX_X 100.0
#define REVIEW_BOX_Y 100.0
#define REVIEW_BOX_W 100.0
#define REVIEW_BOX_H 50.0

/* Writes an @n_pages A4 PDF to @path: every page says "Halaman N" (1-based) at (72, 200)
 * and a paragraph of text; pages with index % 5 == 3 say "Kepala Dinas" at (72, 300); page 2
 * says "Rékomendasi" at (72, 400); page 0 has the red box. */
void   review_make_pdf   (const char *path,
                          guint       n_pages);
/* The same in memory. */
GBytes *review_make_pdf_bytes (guint n_pages);
/* A @width × @height PNG, white with a blue left half. */
GBytes *review_make_png  (int width,
                          int height);

G_END_DECLS
