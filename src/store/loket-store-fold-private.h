// SPDX-License-Identifier: GPL-3.0-or-later
// One pass over every event that folds each case on a pool of threads (rebuild and check).
#pragma once

#include "loket-case-projector.h"
#include "loket-db.h"

G_BEGIN_DECLS

typedef struct _LoketStoreFoldJob LoketStoreFoldJob;

struct _LoketStoreFoldJob
{
  GPtrArray  *raw; /* the case's events as read (loket-store-fold.c), in append order */
  char       *case_uuid;
  LoketCase  *kase;
  LoketDbRow *row;          /* rebuild: the `cases` row */
  GPtrArray  *dispositions; /* rebuild: its `dispositions` rows, NULL when it has no routing */
  GPtrArray  *chain;        /* rebuild: its `draft_chain` rows, NULL when it has no drafts */
  GError     *error;
  /* Rebuild in place: whether the stored rows already hold what the events give. */
  gboolean case_same;
  gboolean dispositions_same;
};

/* Called on the database thread once per case with its fold (job->kase, or job->error when an
 * event could not be applied). */
typedef gboolean (*LoketStoreCaseFolded) (LoketStoreFoldJob *job,
                                          gpointer           user_data,
                                          GError           **error);

/* Streams every event of @db once and folds each case on the fold threads; @folded runs on the
 * calling (database) thread for each. With @rebuild the jobs also hold the rows to store; with
 * @compare_in_folds they compare them with the stored rows too. @letter_seqs (or NULL) gets the
 * seq of every event a letter table keeps. */
gboolean _loket_store_fold_all_cases (LoketDb              *db,
                                      LoketCaseProjector   *projector,
                                      gboolean              rebuild,
                                      gboolean              compare_in_folds,
                                      LoketStoreCaseFolded  folded,
                                      gpointer              user_data,
                                      GArray               *letter_seqs,
                                      guint                *n_events,
                                      GError              **error);

G_END_DECLS
