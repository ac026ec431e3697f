// SPDX-License-Identifier: GPL-3.0-or-later
// LoketSyncEngine: rounds (push blobs, push events, pull pages, fetch blobs) on the engine's
// thread; state, timer and backoff on the owner's main context.
//
// Why the order (DESIGN.md §8, PowerSync's model): local writes leave the outbox only when the
// server acknowledged them (mark_pushed after the reply), and the client pulls only after its
// own writes are acknowledged. Every step can be interrupted and repeated: pushes are idempotent
// by event UUID, a pulled page is applied in one transaction together with the cursor.
#include "config.h"

#include "loket-sync-engine.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-sync-client.h"
#include "loket-sync-engine-private.h"
#include "loket-sync-reference.h"

#define PULL_LIMIT LOKET_SYNC_MAX_PULL_LIMIT
#define BACKOFF_FIRST_S 2
#define BACKOFF_MAX_S 300
#define CHANGE_DELAY_MS 800

/* What the engine thread hands to the owner context: a weak reference, so that nothing the
 * engine thread holds keeps the engine alive (its last unref, and so the join of its thread,
 * always happens on the owner's side). */
typedef struct
{
  gatomicrefcount ref_count;
  GWeakRef        engine;
} Shared;

static Shared *
shared_ref (Shared *shared)
{
  g_atomic_ref_count_inc (&shared->ref_count);
  return shared;
}

static void
shared_unref (gpointer data)
{
  Shared *shared = data;

  if (g_atomic_ref_count_dec (&shared->ref_count))
    {
      g_weak_ref_clear (&shared->engine);
      g_free (shared);
    }
}

struct _LoketSyncEngine
{
  GObject parent_instance;

  LoketSyncJournal *journal;
  char             *base_url;
  char             *device;
  GMainContext     *owner_context;

  /* The engine thread and its context; the client lives there. */
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  LoketSyncClient *client;
  char            *agency;      /* of the signed-in user (engine thread only) */
  GCancellable    *cancellable; /* cancelled at dispose */
  Shared          *shared;

  /* State, written on the engine thread under the lock, notified on the owner context. */
  GMutex          lock;
  LoketSyncStatus status;
  guint64         n_pending;
  gint64          offline_since;
  gboolean        syncing;
  char           *error_code;
  char           *error_message;

  /* Owner context only */
  guint    interval_s;
  guint    timer_id;
  guint    change_id;
  guint    failures;
  gboolean round_queued;
  gboolean running;
};

G_DEFINE_FINAL_TYPE (LoketSyncEngine, loket_sync_engine, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STATUS,
  PROP_N_PENDING,
  PROP_OFFLINE_SINCE,
  PROP_SYNCING,
  PROP_ERROR_CODE,
  N_PROPS,
};

enum
{
  SIGNAL_PROGRESS,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

void
loket_sync_report_free (LoketSyncReport *report)
{
  g_free (report);
}

/* ---- Errors ------------------------------------------------------------------------------- */

const char *
loket_sync_error_to_code (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (error->domain == LOKET_SYNC_ERROR)
    return loket_sync_error_code_name (error->code) ?: "internal";
  if (loket_sync_client_error_is_offline (error))
    return "offline";
  return "local";
}

char *
loket_sync_error_to_message (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (error->domain == LOKET_SYNC_ERROR)
    switch ((LoketSyncError) error->code)
      {
        case LOKET_SYNC_ERROR_UNAUTHORIZED:
          return g_strdup (_ ("Your session has ended. Sign in again to sync."));
        case LOKET_SYNC_ERROR_LOGIN_FAILED:
          return g_strdup (_ ("Wrong username or password."));
        case LOKET_SYNC_ERROR_THROTTLED:
          return g_strdup (_ ("Too many attempts. Wait a moment and try again."));
        case LOKET_SYNC_ERROR_FORBIDDEN:
          return g_strdup (_ ("The server refused a change: your account may not make it, or "
                              "the case belongs to another agency."));
        case LOKET_SYNC_ERROR_NOT_FOUND:
          return g_strdup (_ ("The server does not know this address. Check the server address."));
        case LOKET_SYNC_ERROR_HASH_MISMATCH:
          return g_strdup (_ ("An attachment was damaged on the way. It will be sent again."));
        case LOKET_SYNC_ERROR_INVALID_EVENT:
          return g_strdup (
            _ ("The server refused a change as invalid. Contact the administrator."));
        case LOKET_SYNC_ERROR_TOO_LARGE:
          return g_strdup (_ ("A file is too large for the server."));
        case LOKET_SYNC_ERROR_CONFLICT:
          return g_strdup (_ ("The server reported a conflict. Try again."));
        case LOKET_SYNC_ERROR_UNAVAILABLE:
          return g_strdup (_ ("The server is temporarily unavailable. Sync will be retried."));
        case LOKET_SYNC_ERROR_BAD_REQUEST:
        case LOKET_SYNC_ERROR_UNSUPPORTED_MEDIA_TYPE:
          return g_strdup (_ ("The server did not understand this version of Loket. Update the "
                              "application."));
        case LOKET_SYNC_ERROR_INTERNAL:
        default:
          return g_strdup (_ ("The server had an internal error. Sync will be retried."));
      }
  if (loket_sync_client_error_is_offline (error))
    return g_strdup (_ ("The server cannot be reached. Changes are kept on this PC."));
  /* A local failure (the store): its own message is already in the user's language. */
  return g_strdup_printf (_ ("Sync failed on this PC: %s"), error->message);
}

/* ---- State (engine thread → owner context) ------------------------------------------------ */

static gboolean
notify_all_cb (gpointer data)
{
  g_autoptr (LoketSyncEngine) self = g_weak_ref_get (&((Shared *) data)->engine);

  if (self == NULL)
    return G_SOURCE_REMOVE;
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

static void
queue_notify (LoketSyncEngine *self)
{
  g_main_context_invoke_full (self->owner_context, G_PRIORITY_DEFAULT, notify_all_cb,
                              shared_ref (self->shared), shared_unref);
}

static void
set_state (LoketSyncEngine *self,
           gboolean         syncing,
           const GError    *error,
           gboolean         have_pending,
           guint64          n_pending)
{
  {
    g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

    self->syncing = syncing;
    if (have_pending)
      self->n_pending = n_pending;
    if (!syncing)
      {
        g_clear_pointer (&self->error_code, g_free);
        g_clear_pointer (&self->error_message, g_free);
        if (error == NULL)
          {
            self->offline_since = 0;
            self->status
              = self->n_pending > 0 ? LOKET_SYNC_STATUS_PENDING : LOKET_SYNC_STATUS_SYNCED;
          }
        else
          {
            self->error_code = g_strdup (loket_sync_error_to_code (error));
            self->error_message = loket_sync_error_to_message (error);
            if (loket_sync_client_error_is_offline (error))
              {
                if (self->offline_since == 0)
                  self->offline_since = g_get_real_time () / G_USEC_PER_SEC;
                self->status = LOKET_SYNC_STATUS_OFFLINE;
              }
            else
              self->status = LOKET_SYNC_STATUS_ERROR;
          }
      }
  }
  queue_notify (self);
}

/* ---- The round (engine thread) ------------------------------------------------------------ */

void
_loket_sync_wait_cb (GObject *source, GAsyncResult *result, gpointer wait)
{
  ((LoketSyncWait *) wait)->result = g_object_ref (result);
}

GAsyncResult *
_loket_sync_wait_for (LoketSyncWait *wait)
{
  GMainContext *context = g_main_context_get_thread_default ();

  while (wait->result == NULL)
    g_main_context_iteration (context, TRUE);
  return wait->result;
}

typedef struct
{
  Shared *shared;
  guint64 n_pulled;
  gint64  cursor;
} Progress;

static gboolean
progress_cb (gpointer data)
{
  Progress *progress = data;
  g_autoptr (LoketSyncEngine) self = g_weak_ref_get (&progress->shared->engine);

  if (self != NULL)
    g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, progress->n_pulled, progress->cursor);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  shared_unref (progress->shared);
  g_free (progress);
}

static void
emit_progress (LoketSyncEngine *self, guint64 n_pulled, gint64 cursor)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->shared = shared_ref (self->shared);
  progress->n_pulled = n_pulled;
  progress->cursor = cursor;
  g_main_context_invoke_full (self->owner_context, G_PRIORITY_DEFAULT, progress_cb, progress,
                              progress_free);
}

static gboolean
push_blobs (LoketSyncEngine *self,
            LoketSyncReport *report,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr (GPtrArray) hashes = loket_sync_journal_pending_blobs (self->journal, error);

  if (hashes == NULL)
    return FALSE;
  for (guint i = 0; i < hashes->len; i++)
    {
      const char *sha256 = g_ptr_array_index (hashes, i);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GAsyncResult) head = NULL;
      g_autoptr (GAsyncResult) put = NULL;
      LoketSyncWait wait_head = { 0 }, wait_put = { 0 };
      gboolean      present = FALSE;

      loket_sync_client_head_blob_async (self->client, sha256, cancellable, _loket_sync_wait_cb,
                                         &wait_head);
      head = _loket_sync_wait_for (&wait_head);
      if (!loket_sync_client_head_blob_finish (self->client, head, &present, error))
        return FALSE;
      if (!present)
        {
          bytes = loket_sync_journal_read_blob (self->journal, sha256, error);
          if (bytes == NULL)
            return FALSE;
          loket_sync_client_put_blob_async (self->client, sha256, bytes, cancellable,
                                            _loket_sync_wait_cb, &wait_put);
          put = _loket_sync_wait_for (&wait_put);
          if (!loket_sync_client_put_blob_finish (self->client, put, error))
            return FALSE;
        }
      if (!loket_sync_journal_mark_blob_pushed (self->journal, sha256, error))
        return FALSE;
      report->n_blobs_pushed++;
    }
  return TRUE;
}

static gboolean
push_events (LoketSyncEngine *self,
             LoketSyncReport *report,
             GCancellable    *cancellable,
             GError         **error)
{
  for (;;)
    {
      g_autoptr (GPtrArray) batch = NULL;
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (LoketSyncPushReply) reply = NULL;
      g_autoptr (GPtrArray) acked = NULL;
      guint         n_ours = 0;
      LoketSyncWait wait = { 0 };

      batch = loket_sync_journal_pending_events (self->journal, LOKET_SYNC_MAX_PUSH_EVENTS, error);
      if (batch == NULL)
        return FALSE;
      if (batch->len == 0)
        return TRUE;

      loket_sync_client_push_async (self->client, self->device, batch, cancellable,
                                    _loket_sync_wait_cb, &wait);
      result = _loket_sync_wait_for (&wait);
      reply = loket_sync_client_push_finish (self->client, result, error);
      if (reply == NULL)
        return FALSE;

      /* Only what the server says it stored leaves the outbox. */
      acked = g_ptr_array_new ();
      for (guint i = 0; i < reply->accepted_uuids->len; i++)
        for (guint j = 0; j < batch->len; j++)
          if (g_strcmp0 (g_ptr_array_index (reply->accepted_uuids, i),
                         loket_event_get_uuid (g_ptr_array_index (batch, j)))
              == 0)
            {
              g_ptr_array_add (acked, g_ptr_array_index (reply->accepted_uuids, i));
              n_ours++;
              break;
            }
      g_ptr_array_add (acked, NULL);
      if (n_ours == 0)
        {
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INTERNAL,
                       "The server acknowledged none of %u events", batch->len);
          return FALSE;
        }
      if (!loket_sync_journal_mark_pushed (self->journal, (const char *const *) acked->pdata,
                                           error))
        return FALSE;
      report->n_pushed += n_ours;
      report->n_duplicates += reply->duplicates->len;
      g_debug ("Pushed %u events (%u already stored)", n_ours, reply->duplicates->len);
    }
}

/* One pulled page, applied on a worker thread while the engine thread fetches the next one. */
typedef struct
{
  LoketSyncJournal *journal;
  GPtrArray        *events;
  gint64            last_seq;
  gint64            started;
} Apply;

static void
apply_free (gpointer data)
{
  Apply *apply = data;

  g_object_unref (apply->journal);
  g_ptr_array_unref (apply->events);
  g_free (apply);
}

static void
apply_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Apply  *apply = data;
  GError *error = NULL;

  if (loket_sync_journal_apply_pulled (apply->journal, apply->events, apply->last_seq, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Pages are applied in order, each in one transaction with its cursor. The next page is asked
 * for before the current one is applied, and the page is applied on a worker thread, so that
 * this thread's context sends that request and reads its reply meanwhile. */
static gboolean
pull_pages (LoketSyncEngine *self,
            LoketSyncReport *report,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr (LoketSyncPullReply) reply = NULL;
  gint64 cursor = 0;

  if (!loket_sync_journal_get_cursor (self->journal, &cursor, error))
    return FALSE;
  {
    g_autoptr (GAsyncResult) result = NULL;
    LoketSyncWait wait = { 0 };

    loket_sync_client_pull_async (self->client, cursor, PULL_LIMIT, cancellable,
                                  _loket_sync_wait_cb, &wait);
    result = _loket_sync_wait_for (&wait);
    reply = loket_sync_client_pull_finish (self->client, result, error);
    if (reply == NULL)
      return FALSE;
  }
  for (;;)
    {
      g_autoptr (GAsyncResult) next_result = NULL;
      g_autoptr (GAsyncResult) applied = NULL;
      g_autoptr (GError) apply_error = NULL;
      g_autoptr (GTask) task = NULL;
      gboolean      more = reply->more && reply->events->len > 0;
      LoketSyncWait next = { 0 };
      LoketSyncWait apply_wait = { 0 };
      Apply        *apply;

      if (reply->last_seq < cursor)
        {
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INTERNAL,
                       "The server went back from sequence %lld to %lld", (long long) cursor,
                       (long long) reply->last_seq);
          return FALSE;
        }
      if (more)
        loket_sync_client_pull_async (self->client, reply->last_seq, PULL_LIMIT, cancellable,
                                      _loket_sync_wait_cb, &next);

      /* Not cancellable: a page is applied whole or not at all. */
      apply = g_new0 (Apply, 1);
      apply->journal = g_object_ref (self->journal);
      apply->events = g_ptr_array_ref (reply->events);
      apply->last_seq = reply->last_seq;
      apply->started = g_get_monotonic_time ();
      task = g_task_new (NULL, NULL, _loket_sync_wait_cb, &apply_wait);
      g_task_set_task_data (task, apply, apply_free);
      g_task_run_in_thread (task, apply_thread);
      applied = _loket_sync_wait_for (&apply_wait);
      if (g_task_propagate_boolean (G_TASK (applied), &apply_error))
        {
          g_debug ("Applied %u pulled events in %.1f ms", reply->events->len,
                   (g_get_monotonic_time () - apply->started) / 1000.0);
          report->n_pulled += reply->events->len;
          report->n_pages++;
          cursor = reply->last_seq;
          emit_progress (self, report->n_pulled, cursor);
        }
      if (more)
        next_result = _loket_sync_wait_for (&next);
      if (apply_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&apply_error));
          return FALSE;
        }
      if (!more)
        break;
      g_clear_pointer (&reply, loket_sync_pull_reply_free);
      reply = loket_sync_client_pull_finish (self->client, next_result, error);
      if (reply == NULL)
        return FALSE;
    }
  report->cursor = cursor;
  return TRUE;
}

static gboolean
pull_blobs (LoketSyncEngine *self,
            LoketSyncReport *report,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr (GPtrArray) hashes = loket_sync_journal_missing_blobs (self->journal, error);

  if (hashes == NULL)
    return FALSE;
  for (guint i = 0; i < hashes->len; i++)
    {
      const char *sha256 = g_ptr_array_index (hashes, i);
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) local_error = NULL;
      LoketSyncWait wait = { 0 };

      loket_sync_client_get_blob_async (self->client, sha256, cancellable, _loket_sync_wait_cb,
                                        &wait);
      result = _loket_sync_wait_for (&wait);
      bytes = loket_sync_client_get_blob_finish (self->client, result, &local_error);
      if (bytes == NULL)
        {
          /* Not uploaded yet by its author: fetched on a later round. */
          if (g_error_matches (local_error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!loket_sync_journal_write_blob (self->journal, sha256, bytes, error))
        return FALSE;
      report->n_blobs_pulled++;
    }
  return TRUE;
}

/* Leases blocks of letter numbers for the signed-in user's agency; letters it numbers go up in
 * the same round (loket-sync-leases.c). */
static gboolean
lease_numbers (LoketSyncEngine *self,
               LoketSyncReport *report,
               GCancellable    *cancellable,
               GError         **error)
{
  guint n_numbered = report->n_numbered;

  if (self->agency == NULL)
    return TRUE;
  if (!_loket_sync_run_leases (self->journal, self->client, self->agency, self->device, 0, report,
                               cancellable, error))
    return FALSE;
  return report->n_numbered == n_numbered || push_events (self, report, cancellable, error);
}

/* Downloads the reference data that changed (loket-sync-reference.c). */
static gboolean
fetch_reference (LoketSyncEngine *self,
                 LoketSyncReport *report,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autofree char *dir = NULL;

  if (self->agency == NULL)
    return TRUE;
  dir = loket_sync_reference_get_dir (self->base_url);
  return dir == NULL
         || _loket_sync_run_reference (self->client, dir, self->agency, report, cancellable, error);
}

static LoketSyncReport *
run_round (LoketSyncEngine *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (LoketSyncReport) report = g_new0 (LoketSyncReport, 1);
  g_autoptr (GError) local_error = NULL;
  guint64  n_pending = 0;
  gboolean have_pending;

  set_state (self, TRUE, NULL, FALSE, 0);
  if (!loket_sync_client_has_token (self->client))
    g_set_error (&local_error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_UNAUTHORIZED, "Not signed in");
  else if (push_blobs (self, report, cancellable, &local_error))
    {
      g_autoptr (GError) refused = NULL;

      /* An event the server refuses (forbidden, invalid) stays in the outbox and is reported;
       * the PC still receives everyone else's work, or one bad event would cut it off. */
      if (!push_events (self, report, cancellable, &refused)
          && !g_error_matches (refused, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_FORBIDDEN)
          && !g_error_matches (refused, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INVALID_EVENT))
        local_error = g_steal_pointer (&refused);
      else if (pull_pages (self, report, cancellable, &local_error)
               && pull_blobs (self, report, cancellable, &local_error)
               && lease_numbers (self, report, cancellable, &local_error)
               && fetch_reference (self, report, cancellable, &local_error) && refused != NULL)
        local_error = g_steal_pointer (&refused);
    }

  have_pending = loket_sync_journal_count_pending (self->journal, &n_pending, NULL);
  set_state (self, FALSE, local_error, have_pending, n_pending);
  if (local_error != NULL)
    {
      g_debug ("Sync round failed: %s", local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_debug ("Sync round: %u blobs up, %u events up, %u events down in %u pages, %u blobs down",
           report->n_blobs_pushed, report->n_pushed, report->n_pulled, report->n_pages,
           report->n_blobs_pulled);
  return g_steal_pointer (&report);
}

static void
cancel_round_cb (GCancellable *source, gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static gboolean
round_on_thread_cb (gpointer data)
{
  GTask           *task = data;
  LoketSyncEngine *self = g_task_get_task_data (task);
  GError          *error = NULL;
  LoketSyncReport *report;

  g_autoptr (GCancellable) round = g_cancellable_new ();
  GCancellable *caller = g_task_get_cancellable (task);
  gulong        caller_id = 0, engine_id;

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  /* The round stops when the caller cancels or the engine goes away. */
  engine_id = g_cancellable_connect (self->cancellable, G_CALLBACK (cancel_round_cb), round, NULL);
  if (caller != NULL)
    caller_id = g_cancellable_connect (caller, G_CALLBACK (cancel_round_cb), round, NULL);
  if (g_cancellable_set_error_if_cancelled (round, &error))
    report = NULL;
  else
    report = run_round (self, round, &error);
  g_cancellable_disconnect (self->cancellable, engine_id);
  if (caller != NULL)
    g_cancellable_disconnect (caller, caller_id);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) loket_sync_report_free);
  return G_SOURCE_REMOVE;
}

static gpointer
engine_thread (gpointer data)
{
  LoketSyncEngine *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  /* Let queued requests finish with a cancelled error. */
  while (g_main_context_pending (self->context))
    g_main_context_iteration (self->context, FALSE);
  g_clear_object (&self->client);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

typedef struct
{
  LoketSyncEngine *self;
  char            *base_url;
  GError          *error;
  GMutex           lock;
  GCond            cond;
  gboolean         done;
} MakeClient;

static gboolean
make_client_cb (gpointer data)
{
  MakeClient *make = data;

  make->self->client = loket_sync_client_new (make->base_url, &make->error);
  g_mutex_lock (&make->lock);
  make->done = TRUE;
  g_cond_signal (&make->cond);
  g_mutex_unlock (&make->lock);
  return G_SOURCE_REMOVE;
}

/* ---- Login (engine thread) ---------------------------------------------------------------- */

typedef struct
{
  LoketSyncEngine *self; /* unowned: dispose joins the engine thread first */
  char            *username;
  char            *password;
} Login;

static void
login_free (Login *login)
{
  g_free (login->username);
  if (login->password != NULL)
    memset (login->password, 0, strlen (login->password));
  g_free (login->password);
  g_free (login);
}

static void
logged_in_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GTask) task = data;
  GError           *error = NULL;
  LoketSyncSession *session
    = loket_sync_client_login_finish (LOKET_SYNC_CLIENT (source), result, &error);
  Login *login = g_task_get_task_data (task);

  if (session == NULL)
    g_task_return_error (task, error);
  else
    {
      /* The registers the PC leases numbers for are its user's agency's. */
      g_free (login->self->agency);
      login->self->agency = g_strdup (session->agency);
      g_task_return_pointer (task, session, (GDestroyNotify) loket_sync_session_free);
    }
}

static gboolean
login_on_thread_cb (gpointer data)
{
  GTask           *task = data;
  Login           *login = g_task_get_task_data (task);
  LoketSyncEngine *self = login->self;

  loket_sync_client_login_async (self->client, login->username, login->password, self->device,
                                 g_task_get_cancellable (task), logged_in_cb, g_object_ref (task));
  return G_SOURCE_REMOVE;
}

/* ---- Timer and backoff (owner context) ---------------------------------------------------- */

static void schedule (LoketSyncEngine *self, guint delay_ms);

static void
auto_round_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (LoketSyncEngine) self = g_weak_ref_get (&((Shared *) data)->engine);
  g_autoptr (LoketSyncReport) report = NULL;
  g_autoptr (GError) error = NULL;
  guint delay_s;

  shared_unref (data);
  if (self == NULL)
    return;
  report = loket_sync_engine_sync_finish (self, result, &error);
  self->running = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error == NULL)
    {
      self->failures = 0;
      delay_s = self->interval_s;
    }
  else if (loket_sync_client_error_is_offline (error)
           || g_error_matches (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_THROTTLED)
           || g_error_matches (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INTERNAL))
    {
      /* 2, 4, 8 … 300 s, each ×0.5–1.5 so that a whole office coming back online does not
       * knock at once. */
      guint  exponent = MIN (self->failures, 8);
      double base = MIN ((double) BACKOFF_FIRST_S * (1u << exponent), BACKOFF_MAX_S);

      self->failures++;
      delay_s = (guint) MAX (1.0, base * g_random_double_range (0.5, 1.5));
    }
  else
    {
      /* Refused (signed out, forbidden, invalid): retrying at once cannot help. */
      self->failures = 0;
      delay_s = self->interval_s;
    }
  if (self->round_queued)
    {
      self->round_queued = FALSE;
      delay_s = 0;
    }
  if (self->interval_s > 0)
    schedule (self, delay_s * 1000);
}

static gboolean
timer_cb (gpointer data)
{
  LoketSyncEngine *self = data;

  self->timer_id = 0;
  self->change_id = 0;
  if (self->running)
    {
      self->round_queued = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->running = TRUE;
  loket_sync_engine_sync_async (self, self->cancellable, auto_round_cb, shared_ref (self->shared));
  return G_SOURCE_REMOVE;
}

static void
schedule (LoketSyncEngine *self, guint delay_ms)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->change_id = 0;
  self->timer_id = g_timeout_add (delay_ms, timer_cb, self);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
loket_sync_engine_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LoketSyncEngine *self = LOKET_SYNC_ENGINE (object);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  switch (prop_id)
    {
      case PROP_STATUS:
        g_value_set_uint (value, self->status);
        break;
      case PROP_N_PENDING:
        g_value_set_uint64 (value, self->n_pending);
        break;
      case PROP_OFFLINE_SINCE:
        g_value_set_int64 (value, self->offline_since);
        break;
      case PROP_SYNCING:
        g_value_set_boolean (value, self->syncing);
        break;
      case PROP_ERROR_CODE:
        g_value_set_string (value, self->error_code);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_sync_engine_dispose (GObject *object)
{
  LoketSyncEngine *self = LOKET_SYNC_ENGINE (object);

  loket_sync_engine_stop (self);
  g_cancellable_cancel (self->cancellable);
  if (self->thread != NULL)
    {
      g_main_loop_quit (self->loop);
      g_main_context_wakeup (self->context);
      g_thread_join (g_steal_pointer (&self->thread));
    }
  G_OBJECT_CLASS (loket_sync_engine_parent_class)->dispose (object);
}

static void
loket_sync_engine_finalize (GObject *object)
{
  LoketSyncEngine *self = LOKET_SYNC_ENGINE (object);

  g_clear_object (&self->journal);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->shared, shared_unref);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->owner_context, g_main_context_unref);
  g_free (self->base_url);
  g_free (self->device);
  g_free (self->agency);
  g_free (self->error_code);
  g_free (self->error_message);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (loket_sync_engine_parent_class)->finalize (object);
}

static void
loket_sync_engine_class_init (LoketSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = loket_sync_engine_get_property;
  object_class->dispose = loket_sync_engine_dispose;
  object_class->finalize = loket_sync_engine_finalize;

  properties[PROP_STATUS]
    = g_param_spec_uint ("status", NULL, NULL, 0, LOKET_SYNC_STATUS_ERROR, LOKET_SYNC_STATUS_IDLE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] = g_param_spec_uint64 ("n-pending", NULL, NULL, 0, G_MAXUINT64, 0,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE_SINCE] = g_param_spec_int64 (
    "offline-since", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNCING] = g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_CODE] = g_param_spec_string ("error-code", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (n_pulled, cursor) while pages arrive: for the first sync's progress bar. */
  signals[SIGNAL_PROGRESS]
    = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_INT64);
}

static void
loket_sync_engine_init (LoketSyncEngine *self)
{
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
  self->shared = g_new0 (Shared, 1);
  g_atomic_ref_count_init (&self->shared->ref_count);
  g_weak_ref_init (&self->shared->engine, self);
}

/* ---- Public API --------------------------------------------------------------------------- */

LoketSyncEngine *
loket_sync_engine_new (LoketSyncJournal *journal,
                       const char       *base_url,
                       const char       *device,
                       GError          **error)
{
  g_autoptr (LoketSyncEngine) self = NULL;
  MakeClient make = { 0 };
  guint64    n_pending = 0;

  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (journal), NULL);
  g_return_val_if_fail (base_url != NULL && device != NULL, NULL);

  self = g_object_new (LOKET_TYPE_SYNC_ENGINE, NULL);
  self->journal = g_object_ref (journal);
  self->base_url = g_strdup (base_url);
  self->device = g_strdup (device);
  self->owner_context = g_main_context_ref_thread_default ();
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("loket-sync", engine_thread, self);

  /* The client (and its SoupSession) is made on the engine thread that uses it. */
  make.self = self;
  make.base_url = self->base_url;
  g_mutex_init (&make.lock);
  g_cond_init (&make.cond);
  g_main_context_invoke (self->context, make_client_cb, &make);
  g_mutex_lock (&make.lock);
  while (!make.done)
    g_cond_wait (&make.cond, &make.lock);
  g_mutex_unlock (&make.lock);
  g_mutex_clear (&make.lock);
  g_cond_clear (&make.cond);
  if (make.error != NULL)
    {
      g_propagate_error (error, make.error);
      return NULL;
    }
  if (loket_sync_journal_count_pending (journal, &n_pending, NULL))
    self->n_pending = n_pending;
  return g_steal_pointer (&self);
}

const char *
loket_sync_engine_get_base_url (LoketSyncEngine *self)
{
  g_return_val_if_fail (LOKET_IS_SYNC_ENGINE (self), NULL);
  return self->base_url;
}

void
loket_sync_engine_login_async (LoketSyncEngine    *self,
                               const char         *username,
                               const char         *password,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  GTask *task;
  Login *login;

  g_return_if_fail (LOKET_IS_SYNC_ENGINE (self));
  /* No source object: the engine thread must not hold a reference to the engine. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_sync_engine_login_async);
  login = g_new0 (Login, 1);
  login->self = self;
  login->username = g_strdup (username);
  login->password = g_strdup (password);
  g_task_set_task_data (task, login, (GDestroyNotify) login_free);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, login_on_thread_cb, task,
                              g_object_unref);
}

LoketSyncSession *
loket_sync_engine_login_finish (LoketSyncEngine *self, GAsyncResult *result, GError **error)
{
  LoketSyncSession *session;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == loket_sync_engine_login_async,
                        NULL);
  session = g_task_propagate_pointer (G_TASK (result), error);
  if (session != NULL)
    loket_sync_engine_notify_changed (self);
  return session;
}

void
loket_sync_engine_set_token (LoketSyncEngine *self, const char *token)
{
  g_return_if_fail (LOKET_IS_SYNC_ENGINE (self));
  loket_sync_client_set_token (self->client, token);
}

void
loket_sync_engine_sync_async (LoketSyncEngine    *self,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (LOKET_IS_SYNC_ENGINE (self));
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_sync_engine_sync_async);
  g_task_set_task_data (task, self, NULL);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, round_on_thread_cb, task,
                              g_object_unref);
}

LoketSyncReport *
loket_sync_engine_sync_finish (LoketSyncEngine *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == loket_sync_engine_sync_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
loket_sync_engine_start (LoketSyncEngine *self, guint interval_s)
{
  g_return_if_fail (LOKET_IS_SYNC_ENGINE (self));
  self->interval_s = MAX (interval_s, 1);
  schedule (self, 0);
}

void
loket_sync_engine_stop (LoketSyncEngine *self)
{
  g_return_if_fail (LOKET_IS_SYNC_ENGINE (self));
  self->interval_s = 0;
  /* change_id names the same source as timer_id (or none). */
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->change_id = 0;
}

void
loket_sync_engine_notify_changed (LoketSyncEngine *self)
{
  g_return_if_fail (LOKET_IS_SYNC_ENGINE (self));
  if (self->interval_s == 0 || self->change_id != 0)
    return;
  /* Debounced: a burst of writes makes one round. */
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add (CHANGE_DELAY_MS, timer_cb, self);
  self->change_id = self->timer_id;
}

void
loket_sync_engine_sync_now (LoketSyncEngine *self)
{
  g_return_if_fail (LOKET_IS_SYNC_ENGINE (self));
  self->failures = 0;
  if (self->interval_s == 0)
    self->interval_s = 60;
  schedule (self, 0);
}

LoketSyncStatus
loket_sync_engine_get_status (LoketSyncEngine *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return self->status;
}

guint64
loket_sync_engine_get_n_pending (LoketSyncEngine *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return self->n_pending;
}

gint64
loket_sync_engine_get_offline_since (LoketSyncEngine *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return self->offline_since;
}

gboolean
loket_sync_engine_get_syncing (LoketSyncEngine *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return self->syncing;
}

const char *
loket_sync_engine_get_error_code (LoketSyncEngine *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  /* Owner context only: the string changes only there after notify. */
  return self->error_code;
}

char *
loket_sync_engine_describe_status (LoketSyncEngine *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (self->syncing)
    return g_strdup (_ ("Syncing…"));
  switch (self->status)
    {
      case LOKET_SYNC_STATUS_OFFLINE:
        {
          g_autoptr (GDateTime) since = g_date_time_new_from_unix_local (self->offline_since);
          g_autofree char *time = g_date_time_format (since, "%H:%M");
          /* Translators: %s is a time of day, e.g. 10:42 */
          return g_strdup_printf (_ ("Offline since %s"), time);
        }
      case LOKET_SYNC_STATUS_ERROR:
        return g_strdup (self->error_message);
      case LOKET_SYNC_STATUS_PENDING:
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu change waiting",
                                             "%llu changes waiting", (gulong) self->n_pending),
                                (unsigned long long) self->n_pending);
      case LOKET_SYNC_STATUS_SYNCED:
        return g_strdup (_ ("Synced"));
      case LOKET_SYNC_STATUS_IDLE:
      default:
        if (self->n_pending > 0)
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu change waiting",
                                               "%llu changes waiting", (gulong) self->n_pending),
                                  (unsigned long long) self->n_pending);
        return g_strdup (_ ("Not synced yet"));
    }
}
