// SPDX-License-Identifier: GPL-3.0-or-later
// "Bandingkan versi": the paragraphs of one version of a draft, those changed since another
// version highlighted with the older text beneath (loket_letter_draft_diff_paragraphs).
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LOKET_TYPE_COMPARE_DIALOG (loket_compare_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LoketCompareDialog, loket_compare_dialog, LOKET, COMPARE_DIALOG, AdwWindow)

/* @contents: (element JsonNode) the content of versions 1…n (copied); compares version @from
 * with version @to (1-based). */
GtkWidget *loket_compare_dialog_new (GtkWindow *parent,
                                     GPtrArray *contents,
                                     guint      from,
                                     guint      to) G_GNUC_WARN_UNUSED_RESULT;

/* For tests: the indices of the changed paragraphs shown (element guint). */
GPtrArray  *loket_compare_dialog_get_changed (LoketCompareDialog *self);
GtkListBox *loket_compare_dialog_get_list    (LoketCompareDialog *self);

G_END_DECLS
