// SPDX-License-Identifier: GPL-3.0-or-later
// Reads back the letter id that the renderer writes into a letter PDF (its /Subject entry).
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The letter id of a PDF rendered by loket_letter_render() (also after signing: incremental
 * updates keep it), read from the last /Subject string of the document information; it is the
 * id of the QR payload and of the "ID naskah" line. NULL when the PDF has none or it is not a
 * plausible id (1–100 printable ASCII characters). No PDF library needed, no rendering. */
char *loket_letter_id_from_pdf (GBytes *pdf) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
