// SPDX-License-Identifier: GPL-3.0-or-later
// Renders a LoketLetter to PDF with Cairo and Pango: kop, body, signature, QR code, page numbers.
#pragma once

#include <gio/gio.h>

#include "loket-letter.h"

G_BEGIN_DECLS

/* The PDF bytes of @letter on @paper. Fonts are embedded (subsets); text is extractable. */
GBytes *loket_letter_render (LoketLetter   *letter,
                             LoketPaperSize paper,
                             GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* Renders in a GTask thread; @letter must not be changed until it finishes. */
void    loket_letter_render_async (LoketLetter        *letter,
                                   LoketPaperSize      paper,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
GBytes *loket_letter_render_finish (GAsyncResult *result, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* Writes @bytes to @path atomically (temporary file + rename): on error nothing is left behind. */
gboolean loket_letter_write_file (GBytes *bytes, const char *path, GError **error);

/* The font family letters use ("Liberation Sans"; Arial metrics). */
const char *loket_letter_renderer_get_font_family (void);

G_END_DECLS
