// SPDX-License-Identifier: GPL-3.0-or-later
// The `cases` table: one row per case (LoketCase plus sort keys), queries for the inboxes.
#pragma once

#include "loket-case.h"
#include "loket-db.h"
#include "loket-store.h"

G_BEGIN_DECLS

/* "Natural" sort key: case-folded, digit runs zero-padded so "2/A" sorts before "10/A". */
char      *loket_projection_store_sort_key    (const char *text) G_GNUC_WARN_UNUSED_RESULT;

/* Inserts or replaces the row of @kase and its search index entry. @service_name is the
 * catalog's display name of its service (may be NULL). */
gboolean   loket_projection_store_save        (LoketDb    *db,
                                               LoketCase  *kase,
                                               const char *service_name,
                                               GError    **error);
/* Bulk variant for rebuilds: plain INSERT, no search index (rebuild that afterwards). */
gboolean   loket_projection_store_insert_bulk (LoketDb    *db,
                                               LoketCase  *kase,
                                               const char *service_name,
                                               GError    **error);
/* The stored row of @case_uuid, or NULL (no error) when there is none. */
LoketCase *loket_projection_store_load        (LoketDb    *db,
                                               const char *case_uuid,
                                               GError    **error);

/* Drops the indexes of `cases` and returns their SQL, to recreate them after a bulk insert. */
GPtrArray *loket_projection_store_drop_indexes   (LoketDb    *db,
                                                  GError    **error);
gboolean   loket_projection_store_create_indexes (LoketDb    *db,
                                                  GPtrArray  *index_sql,
                                                  GError    **error);

gboolean   loket_projection_store_count       (LoketDb              *db,
                                               const LoketCaseQuery *query,
                                               guint                *count,
                                               GError              **error);
GPtrArray *loket_projection_store_list        (LoketDb              *db,
                                               const LoketCaseQuery *query,
                                               guint                 offset,
                                               guint                 limit,
                                               GError              **error);
GPtrArray *loket_projection_store_count_inboxes (LoketDb   *db,
                                                 gint64     now,
                                                 GError   **error);

void       loket_inbox_count_free             (LoketInboxCount *count);

G_END_DECLS
