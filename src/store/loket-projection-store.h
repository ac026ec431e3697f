// SPDX-License-Identifier: GPL-3.0-or-later
// The `cases` table: one row per case (LoketCase plus sort keys), queries for the inboxes.
#pragma once

#include "loket-case.h"
#include "loket-db.h"
#include "loket-store.h"

G_BEGIN_DECLS

/* The columns of a row from loket_projection_store_case_row(), in its order. */
#define LOKET_PROJECTION_CASE_ROW_COLUMNS                                                          \
  "uuid, agency_id, service_id, unit_id, channel, agenda_number, subject, applicant_name, "        \
  "applicant_nik, holder, status_rank, status, received_at, complete_at, due_at, closed_at, "      \
  "event_count, last_hlc, pauses, service_name, is_open, agenda_sort, applicant_sort, "            \
  "service_sort, due_sort"

/* "Natural" sort key: case-folded, digit runs zero-padded so "2/A" sorts before "10/A". */
char *loket_projection_store_sort_key (const char *text) G_GNUC_WARN_UNUSED_RESULT;

/* Inserts or replaces the row of @kase (triggers update its search entry and the inbox
 * counters). @service_name is the
 * catalog's display name of its service (may be NULL). */
gboolean loket_projection_store_save (LoketDb    *db,
                                      LoketCase  *kase,
                                      const char *service_name,
                                      GError    **error);
/* The values a case is stored with (the sort keys too), for the calls below; no database
 * access, so fold threads make them. */
LoketDbRow *loket_projection_store_case_row (LoketCase  *kase,
                                             const char *service_name);
/* Inserts or updates @row (triggers keep search and counters). */
gboolean    loket_projection_store_upsert_row (LoketDb          *db,
                                               const LoketDbRow *row,
                                               GError          **error);
/* Plain INSERT of @row, between suspend_indexes() and resume_indexes(). */
gboolean    loket_projection_store_insert_row (LoketDb          *db,
                                               const LoketDbRow *row,
                                               GError          **error);
/* Bulk variant for rebuilds, between suspend_indexes() and resume_indexes(): a plain INSERT. */
gboolean loket_projection_store_insert_bulk (LoketDb    *db,
                                             LoketCase  *kase,
                                             const char *service_name,
                                             GError    **error);
/* The stored row of @case_uuid, or NULL (no error) when there is none. */
LoketCase *loket_projection_store_load (LoketDb *db, const char *case_uuid, GError **error);

/* Drops the indexes and triggers of `cases` and `dispositions` and returns their SQL, to
 * recreate them after a bulk insert. */
GPtrArray *loket_projection_store_suspend_indexes (LoketDb *db, GError **error);
/* Recreates them (and recounts case_counts, which the triggers did not maintain meanwhile). */
gboolean loket_projection_store_resume_indexes (LoketDb *db, GPtrArray *index_sql, GError **error);

gboolean   loket_projection_store_count (LoketDb              *db,
                                         const LoketCaseQuery *query,
                                         guint                *count,
                                         GError              **error);
GPtrArray *loket_projection_store_list (LoketDb              *db,
                                        const LoketCaseQuery *query,
                                        guint                 offset,
                                        guint                 limit,
                                        GError              **error);
GPtrArray *loket_projection_store_count_inboxes (LoketDb *db, gint64 now, GError **error);
GHashTable *loket_projection_store_count_overdue_by_unit (LoketDb *db, gint64 now, GError **error);

void loket_inbox_count_free (LoketInboxCount *count);

G_END_DECLS
