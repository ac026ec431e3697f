// SPDX-License-Identifier: GPL-3.0-or-later
// A window showing one document in the review pane (case attachments, "Open Document…").
#pragma once

#include <adwaita.h>

#include "loket-review-pane.h"

G_BEGIN_DECLS

#define LOKET_TYPE_REVIEW_WINDOW (loket_review_window_get_type ())

G_DECLARE_FINAL_TYPE (LoketReviewWindow, loket_review_window, LOKET, REVIEW_WINDOW, AdwWindow)

/* @title: the file name shown in the header bar. */
LoketReviewWindow *loket_review_window_new      (GtkApplication    *application,
                                                 const char        *title) G_GNUC_WARN_UNUSED_RESULT;
LoketReviewPane   *loket_review_window_get_pane (LoketReviewWindow *self);

/* Opens @file in a new window of @application and presents it. (transfer none) */
LoketReviewWindow *loket_review_window_open_file  (GtkApplication *application,
                                                   GFile          *file);
LoketReviewWindow *loket_review_window_open_bytes (GtkApplication *application,
                                                   GBytes         *bytes,
                                                   const char     *title);

G_END_DECLS
