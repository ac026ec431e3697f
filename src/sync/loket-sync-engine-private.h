// SPDX-License-Identifier: GPL-3.0-or-later
// Steps of a sync round kept out of loket-sync-engine.c: number leases (loket-sync-leases.c).
#pragma once

#include "loket-sync-client.h"
#include "loket-sync-engine.h"

G_BEGIN_DECLS

/* Engine thread: the result of an async call, waited for by iterating the thread-default main
 * context (the engine's own): pass _loket_sync_wait_cb and a zeroed LoketSyncWait, then call
 * _loket_sync_wait_for(). The caller unrefs the result. */
typedef struct
{
  GAsyncResult *result;
} LoketSyncWait;

void          _loket_sync_wait_cb  (GObject      *source,
                                    GAsyncResult *result,
                                    gpointer      wait);
GAsyncResult *_loket_sync_wait_for (LoketSyncWait *wait);

/* A register with fewer unused leased numbers than this gets a new block... */
#define LOKET_SYNC_LEASE_THRESHOLD 10
/* ...of this many numbers. */
#define LOKET_SYNC_LEASE_BLOCK 50

/* Engine thread, after the pull: leases a block for every register of @agency running low
 * (LoketSyncJournal.lease_needs), records it, then numbers the letters left pending. Waits by
 * iterating the thread-default main context. */
gboolean _loket_sync_run_leases   (LoketSyncJournal *journal,
                                   LoketSyncClient  *client,
                                   const char       *agency,
                                   const char       *device,
                                   gint64            now,
                                   LoketSyncReport  *report,
                                   GCancellable     *cancellable,
                                   GError          **error);
/* Checks a lease the server granted against what was asked; *@expires: its end (Unix s).
 * LOKET_ERROR_INVALID_DATA saying what is wrong. */
gboolean _loket_sync_lease_check  (const LoketSyncLease *lease,
                                   const char           *agency,
                                   const char           *register_id,
                                   int                   year,
                                   gint64                count,
                                   gint64                now,
                                   gint64               *expires,
                                   GError              **error);

/* Engine thread, after the leases: downloads the reference documents that changed (If-None-Match)
 * into @dir (loket-sync-reference.c). A damaged document is refused and reported; the copy the
 * PC had stays. */
gboolean _loket_sync_run_reference (LoketSyncClient  *client,
                                    const char       *dir,
                                    const char       *agency,
                                    LoketSyncReport  *report,
                                    GCancellable     *cancellable,
                                    GError          **error);

G_END_DECLS
