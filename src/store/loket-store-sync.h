// SPDX-License-Identifier: GPL-3.0-or-later
// The store's side of sync: a LoketSyncJournal over a LoketStore (outbox, pull cursor, blobs).
#pragma once

#include "loket-store.h"
#include "loket-sync-journal.h"

G_BEGIN_DECLS

/* Events more than this far ahead of the local wall clock are stored (replicas must converge)
 * but do not advance the local clock, so one PC with a wrong date cannot drag every later
 * timestamp of the office into the future. */
#define LOKET_STORE_SYNC_MAX_CLOCK_SKEW_MS (24 * 60 * 60 * (gint64) 1000)

#define LOKET_TYPE_STORE_SYNC (loket_store_sync_get_type ())

G_DECLARE_FINAL_TYPE (LoketStoreSync, loket_store_sync, LOKET, STORE_SYNC, GObject)

/* A LoketSyncJournal reading and writing @store. Its methods block on the store's database
 * thread: call them from a worker thread (the sync engine's), never from the main loop. */
LoketStoreSync *loket_store_sync_new       (LoketStore     *store) G_GNUC_WARN_UNUSED_RESULT;
LoketStore     *loket_store_sync_get_store (LoketStoreSync *self);
/* Events of the last apply_pulled calls whose HLC was too far in the future to be merged into
 * the local clock (see LOKET_STORE_SYNC_MAX_CLOCK_SKEW_MS), since the journal was made. */
guint           loket_store_sync_get_n_future_events (LoketStoreSync *self);

G_END_DECLS
