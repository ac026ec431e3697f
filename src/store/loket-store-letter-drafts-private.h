// SPDX-License-Identifier: GPL-3.0-or-later
// Database-thread helpers that keep the `letter_drafts` and `letter_numbers` tables in step with
// the events (on append and on rebuild).
#pragma once

#include "loket-db.h"
#include "loket-event.h"

G_BEGIN_DECLS

/* Inside a transaction: records @event in `letter_drafts` when it is a well-formed
 * `draft.created` / `draft.revised` (others, and malformed bodies, are left alone). */
gboolean _loket_store_letter_drafts_apply (LoketDb *db, LoketEvent *event, GError **error);
/* Inside a transaction: refills `letter_drafts` from every draft event. */
gboolean _loket_store_letter_drafts_rebuild (LoketDb *db, GError **error);
/* Inside a transaction the caller rolls back: adds a line to @problems (element utf8) for every
 * draft version or letter number whose row differs from what the events give. */
gboolean _loket_store_letter_tables_check (LoketDb *db, GPtrArray *problems, GError **error);
/* Inside a transaction: makes `letter_numbers` match the `letter.numbered` events: rows no event
 * backs go, numbers only events know are added (loket-store-numbering.c). */
gboolean _loket_store_numbering_rebuild (LoketDb *db, GError **error);
/* The projection rebuild reads every event once and keeps the seq of each `draft.created`,
 * `draft.revised` and `letter.numbered` event in this temp table (seq INTEGER PRIMARY KEY); the
 * _marked variants refill from those events alone instead of scanning all events again. */
#define LOKET_STORE_LETTER_SEQS "temp.rebuild_letter_seqs"
/* Whether @type is one of the event types LOKET_STORE_LETTER_SEQS holds. */
#define LOKET_STORE_IS_LETTER_TYPE(type)                                                           \
  (g_str_equal ((type), "draft.created") || g_str_equal ((type), "draft.revised")                 \
   || g_str_equal ((type), "letter.numbered"))
gboolean _loket_store_letter_drafts_rebuild_marked (LoketDb *db, GError **error);
gboolean _loket_store_numbering_rebuild_marked (LoketDb *db, GError **error);
/* The letter_numbers rows of @case_uuid's `letter.numbered` events (after they are stored). */
gboolean _loket_store_numbering_refresh_case (LoketDb *db, const char *case_uuid, GError **error);

G_END_DECLS
