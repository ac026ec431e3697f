// SPDX-License-Identifier: GPL-3.0-or-later
// Every stored `cases` and `dispositions` row, read in one pass, for a rebuild to compare with.
#pragma once

#include "loket-db.h"

G_BEGIN_DECLS

typedef struct _LoketRowsSnapshot LoketRowsSnapshot;

/* Reads the rows of the database file @path on a read-only connection of its own, in one read
 * transaction; call it from any thread. Read-only afterwards: fold threads query it at once. */
LoketRowsSnapshot *_loket_rows_snapshot_load (const char *path, GError **error);
/* The same on @db, in the caller's transaction (a database no other connection can read beside). */
LoketRowsSnapshot *_loket_rows_snapshot_read (LoketDb *db, GError **error);
void               _loket_rows_snapshot_free (LoketRowsSnapshot *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketRowsSnapshot, _loket_rows_snapshot_free)

/* Whether the stored `cases` row of @row's case (its value 0) holds exactly @row's values
 * (LOKET_PROJECTION_CASE_ROW_COLUMNS). */
gboolean _loket_rows_snapshot_case_equal         (LoketRowsSnapshot *self,
                                                  const LoketDbRow  *row);
/* Whether the stored `dispositions` rows of @case_uuid are exactly @rows (element LoketDbRow,
 * LOKET_DISPOSITION_COLUMNS and is_open), in any order. */
gboolean _loket_rows_snapshot_dispositions_equal (LoketRowsSnapshot *self,
                                                  const char        *case_uuid,
                                                  GPtrArray         *rows);

G_END_DECLS
