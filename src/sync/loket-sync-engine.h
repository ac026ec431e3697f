// SPDX-License-Identifier: GPL-3.0-or-later
// LoketSyncEngine: background sync of a LoketSyncJournal with loket-server (DESIGN.md §4).
#pragma once

#include <gio/gio.h>

#include "loket-sync-journal.h"
#include "loket-sync-protocol.h"

G_BEGIN_DECLS

typedef enum
{
  LOKET_SYNC_STATUS_IDLE,    /* never synced in this session */
  LOKET_SYNC_STATUS_SYNCED,  /* nothing pending after the last round */
  LOKET_SYNC_STATUS_PENDING, /* local changes wait for the next round */
  LOKET_SYNC_STATUS_OFFLINE, /* the server could not be reached; retried with backoff */
  LOKET_SYNC_STATUS_ERROR,   /* the server refused (see error-code / error-message) */
} LoketSyncStatus;

/* What one round did. */
typedef struct
{
  guint  n_blobs_pushed;
  guint  n_pushed;       /* events acknowledged by the server */
  guint  n_duplicates;   /* of those, already stored by an earlier (interrupted) push */
  guint  n_pulled;       /* events received (already present ones included) */
  guint  n_pages;
  guint  n_blobs_pulled;
  gint64 cursor;         /* after the round */
  guint  n_leases;       /* blocks of letter numbers leased (DESIGN.md §8) */
  guint  n_numbered;     /* letters pending a number that got one */
  guint  n_reference;    /* reference documents downloaded (changed ones only) */
} LoketSyncReport;

void             loket_sync_report_free (LoketSyncReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSyncReport, loket_sync_report_free)

#define LOKET_TYPE_SYNC_ENGINE (loket_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (LoketSyncEngine, loket_sync_engine, LOKET, SYNC_ENGINE, GObject)

/* A round pushes pending blobs, then pending events (batches of LOKET_SYNC_MAX_PUSH_EVENTS),
 * and only then pulls pages (applying each in one local transaction), then downloads the blobs
 * pulled events refer to. Everything runs on the engine's own thread; results, signals and
 * property notifications arrive on the thread-default main context of the caller of _new.
 * @device: this PC's device id (LoketStore's). LOKET_ERROR_INVALID_DATA for a bad @base_url. */
LoketSyncEngine *loket_sync_engine_new      (LoketSyncJournal *journal,
                                             const char       *base_url,
                                             const char       *device,
                                             GError          **error) G_GNUC_WARN_UNUSED_RESULT;
const char      *loket_sync_engine_get_base_url (LoketSyncEngine *self);

/* POST /session; the token is kept (in memory only) for the next rounds. */
void              loket_sync_engine_login_async  (LoketSyncEngine     *self,
                                                  const char          *username,
                                                  const char          *password,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
LoketSyncSession *loket_sync_engine_login_finish (LoketSyncEngine     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error) G_GNUC_WARN_UNUSED_RESULT;
/* A token from an earlier login (e.g. kept by the app for this run). */
void              loket_sync_engine_set_token    (LoketSyncEngine     *self,
                                                  const char          *token);

/* One round now (queued after a running one). */
void             loket_sync_engine_sync_async  (LoketSyncEngine     *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
LoketSyncReport *loket_sync_engine_sync_finish (LoketSyncEngine     *self,
                                                GAsyncResult        *result,
                                                GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Automatic rounds: every @interval_s seconds, soon after notify_changed, and after failures
 * with exponential backoff and jitter (2 s doubling up to 5 min) while offline. */
void     loket_sync_engine_start           (LoketSyncEngine *self,
                                            guint            interval_s);
void     loket_sync_engine_stop            (LoketSyncEngine *self);
/* Local data changed: sync within a second or so (several calls make one round). */
void     loket_sync_engine_notify_changed  (LoketSyncEngine *self);
/* "Sinkronkan sekarang": a round now, ignoring backoff. */
void     loket_sync_engine_sync_now        (LoketSyncEngine *self);

LoketSyncStatus loket_sync_engine_get_status        (LoketSyncEngine *self);
guint64         loket_sync_engine_get_n_pending     (LoketSyncEngine *self);
gint64          loket_sync_engine_get_offline_since (LoketSyncEngine *self); /* Unix s, 0 */
gboolean        loket_sync_engine_get_syncing       (LoketSyncEngine *self);
/* The last failure's wire code ("unauthorized", …, "offline"), or NULL. */
const char     *loket_sync_engine_get_error_code    (LoketSyncEngine *self);
/* One line for the header bar, translated: "Synced", "3 changes waiting", "Offline since 10:42",
 * or the last error. (transfer full) */
char           *loket_sync_engine_describe_status   (LoketSyncEngine *self) G_GNUC_WARN_UNUSED_RESULT;

/* The user's language for a failure of the engine or client (never the server's English text).
 * (transfer full) */
char           *loket_sync_error_to_message         (const GError    *error) G_GNUC_WARN_UNUSED_RESULT;
/* The wire code of a failure: "offline" for network errors, else LOKET_SYNC_ERROR's names,
 * "local" for a local (store) error. */
const char     *loket_sync_error_to_code            (const GError    *error);

G_END_DECLS
