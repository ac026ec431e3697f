// SPDX-License-Identifier: GPL-3.0-or-later
// The FTS5 index over cases: agenda number, applicant name, NIK, subject, service name.
#pragma once

#include "loket-db.h"

G_BEGIN_DECLS

/* Turns free text into a safe FTS5 query: each whitespace-separated token becomes a quoted
 * prefix phrase ("tok"*, inner quotes doubled); tokens are ANDed. Tokens without a letter or
 * digit are dropped. NULL when nothing is left to search for. */
char    *loket_search_index_make_query (const char *text) G_GNUC_WARN_UNUSED_RESULT;

/* (Re)indexes the case stored in row @case_id of `cases`. */
gboolean loket_search_index_update     (LoketDb    *db,
                                        gint64      case_id,
                                        const char *agenda_number,
                                        const char *applicant_name,
                                        const char *applicant_nik,
                                        const char *subject,
                                        const char *service_name,
                                        GError    **error);
/* Empties the index and fills it again from `cases` in one statement. */
gboolean loket_search_index_rebuild    (LoketDb    *db,
                                        GError    **error);

G_END_DECLS
