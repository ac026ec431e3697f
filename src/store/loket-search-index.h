// SPDX-License-Identifier: GPL-3.0-or-later
// The FTS5 index over cases: agenda number, applicant name, NIK, subject, service name.
#pragma once

#include "loket-db.h"

G_BEGIN_DECLS

/* Turns free text into a safe FTS5 query: each whitespace-separated token becomes a quoted
 * prefix phrase ("tok"*, inner quotes doubled); tokens are ANDed. Tokens without a letter or
 * digit are dropped. NULL when nothing is left to search for. */
char *loket_search_index_make_query (const char *text) G_GNUC_WARN_UNUSED_RESULT;

/* Rebuilds the whole index from the `cases` rows (FTS5 'rebuild'); row by row, triggers on
 * `cases` keep it up to date. */
gboolean loket_search_index_rebuild (LoketDb *db, GError **error);

/* FTS5 'integrity-check' against the `cases` rows: *@intact FALSE when they disagree. */
gboolean loket_search_index_check (LoketDb *db, gboolean *intact, GError **error);

G_END_DECLS
