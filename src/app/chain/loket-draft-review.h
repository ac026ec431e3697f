// SPDX-License-Identifier: GPL-3.0-or-later
// Review of one draft version: the letter rendered into the review pane, the review comments
// drawn over their page regions and listed beside it; "Comment on Region" turns on the pane's
// region mode, a dragged rectangle becomes a `comment.added` with that page and rect (the PDF is
// never modified); comments are resolved from the list.
#pragma once

#include <adwaita.h>

#include "loket-store.h"

G_BEGIN_DECLS

#define LOKET_TYPE_DRAFT_REVIEW (loket_draft_review_get_type ())
G_DECLARE_FINAL_TYPE (LoketDraftReview, loket_draft_review, LOKET, DRAFT_REVIEW, AdwWindow)

/* Reviews version @version (0: the latest) of @draft_id of @case_uuid as @person_id.
 * Signal "changed": a comment was added or resolved. */
GtkWidget *loket_draft_review_new (GtkWindow  *parent,
                                   LoketStore *store,
                                   const char *case_uuid,
                                   const char *draft_id,
                                   guint       version,
                                   const char *person_id) G_GNUC_WARN_UNUSED_RESULT;

/* For tests: the pane, the comment rows, the markers drawn (element LoketReviewMarker), whether
 * rendering or a store call is running, and the question last opened (or NULL). */
GtkWidget  *loket_draft_review_get_pane     (LoketDraftReview *self);
GtkListBox *loket_draft_review_get_comments (LoketDraftReview *self);
GListModel *loket_draft_review_get_markers  (LoketDraftReview *self);
gboolean    loket_draft_review_get_busy     (LoketDraftReview *self);
GtkWidget  *loket_draft_review_get_dialog   (LoketDraftReview *self);

G_END_DECLS
