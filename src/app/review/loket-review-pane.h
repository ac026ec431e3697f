// SPDX-License-Identifier: GPL-3.0-or-later
// The document review pane: a PDF (or PNG/JPEG) with page thumbnails, zoom, rotation, "go to
// page", search (Ctrl+F, Enter / Shift+Enter), text selection and Ctrl+C, a password prompt
// for encrypted PDFs, clear error pages for damaged files, and the signature panel.
//
// For review comments (other panes build on this):
//  * loket_review_pane_set_region_mode (pane, TRUE): dragging over a page then draws a
//    rectangle and emits "region-selected" (guint page, double x, double y, double width,
//    double height) — PDF points, origin at the top left of the unrotated page, page 0-based
//    (the `comment.added` event's "page"/"rect", src/core/EVENTS.md).
//  * loket_review_pane_set_markers (pane, model): draws every LoketReviewMarker of @model
//    (page, rect, text, resolved; loket-review-marker.h) over its page and redraws when the
//    model changes. Resolved markers are grey.
#pragma once

#include <adwaita.h>

#include "loket-review-marker.h"
#include "loket-review-view.h"

G_BEGIN_DECLS

typedef enum
{
  LOKET_REVIEW_STATE_EMPTY,
  LOKET_REVIEW_STATE_LOADING,
  LOKET_REVIEW_STATE_READY,
  LOKET_REVIEW_STATE_NEEDS_PASSWORD,
  LOKET_REVIEW_STATE_ERROR,
} LoketReviewState;

#define LOKET_TYPE_REVIEW_PANE (loket_review_pane_get_type ())

G_DECLARE_FINAL_TYPE (LoketReviewPane, loket_review_pane, LOKET, REVIEW_PANE, GtkWidget)

GtkWidget        *loket_review_pane_new               (void) G_GNUC_WARN_UNUSED_RESULT;

/* Loading (in a thread); "state" tells how it went. */
void              loket_review_pane_load_bytes        (LoketReviewPane *self,
                                                       GBytes          *bytes);
void              loket_review_pane_load_file         (LoketReviewPane *self,
                                                       GFile           *file);
/* Tries @password on the encrypted document (state NEEDS_PASSWORD). */
void              loket_review_pane_unlock            (LoketReviewPane *self,
                                                       const char      *password);
/* Shows the error page for a document that could not even be read (e.g. a missing blob). */
void              loket_review_pane_show_error        (LoketReviewPane *self,
                                                       const GError    *error);
LoketReviewState  loket_review_pane_get_state         (LoketReviewPane *self);
/* Why the state is ERROR (or the wrong password), NULL otherwise. */
const GError     *loket_review_pane_get_error         (LoketReviewPane *self);

guint             loket_review_pane_get_n_pages       (LoketReviewPane *self);
/* 0-based */
guint             loket_review_pane_get_page          (LoketReviewPane *self);
void              loket_review_pane_set_page          (LoketReviewPane *self,
                                                       guint            page);
/* (transfer none) */
LoketReviewView  *loket_review_pane_get_view          (LoketReviewPane *self);

/* Search as if typed in the search bar (which opens). */
void              loket_review_pane_search            (LoketReviewPane *self,
                                                       const char      *text);
gboolean          loket_review_pane_get_search_finished (LoketReviewPane *self);
guint             loket_review_pane_get_n_hits        (LoketReviewPane *self);
/* Index of the current hit, -1 when none. (transfer none) for the hit itself. */
int               loket_review_pane_get_current_hit   (LoketReviewPane *self);
LoketSearchHit   *loket_review_pane_get_current_hit_object (LoketReviewPane *self);

/* (element LoketSignatureInfo) filled once "signatures-checked" turns TRUE. (transfer none) */
GListModel       *loket_review_pane_get_signatures    (LoketReviewPane *self);
gboolean          loket_review_pane_get_signatures_checked (LoketReviewPane *self);
/* The banner's text ("" when hidden), for tests. */
const char       *loket_review_pane_get_signature_summary (LoketReviewPane *self);

void              loket_review_pane_set_region_mode   (LoketReviewPane *self,
                                                       gboolean         region_mode);
/* (element LoketReviewMarker), NULL for none */
void              loket_review_pane_set_markers       (LoketReviewPane *self,
                                                       GListModel      *markers);

G_END_DECLS
