// SPDX-License-Identifier: GPL-3.0-or-later
// One pass over every event that folds each case on a pool of threads (rebuild and check).
#include "config.h"

#include "loket-store-fold-private.h"
#include "loket-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-projection-store.h"
#include "loket-store-letter-drafts-private.h"
#include "loket-store-maintenance.h"
#include "loket-store-rows-snapshot.h"

/* Folding runs on a small thread pool while the database thread keeps streaming rows and
 * writing results: the projector is read-only after construction, so cases fold in parallel.
 * The fold threads also make the events from the raw rows and, for a rebuild, the rows to store:
 * the database thread is the narrow part. Results come back in any order; @folded always runs
 * on the database thread. */

#define MAX_CASES_IN_FLIGHT 2048
/* Cases go to the fold threads and come back in batches: one wake-up per case cost the database
 * thread more than reading the case's events. */
#define CASES_PER_BATCH 64

/* One events row as read, the seven texts in one block. */
typedef struct
{
  const char *columns[7]; /* uuid, case_uuid, type, author, device, hlc, body */
  char        data[];
} RawEvent;

typedef struct
{
  LoketCaseProjector *projector;
  GAsyncQueue        *done;    /* GPtrArray (element LoketStoreFoldJob) */
  gboolean            rebuild; /* make the rows to store */
  /* Rebuild in place: the jobs compare their rows with the stored ones, read by another thread
   * while folding starts. Once `loaded`, `stored` is set, or `load_error`. */
  gboolean            compare;
  gboolean            loading;
  const char         *path;
  GMutex              lock;
  GCond               loaded_cond;
  gboolean            loaded;
  LoketRowsSnapshot  *stored;
  GError             *load_error;
} FoldShared;

static RawEvent *
raw_event_new (LoketDbStatement *stmt)
{
  gsize     lengths[7], total = 0;
  RawEvent *raw;
  char     *out;

  for (int i = 0; i < 7; i++)
    {
      const char *text = loket_db_statement_get_text (stmt, i);

      /* Columns are NOT NULL; "" guards against a row edited by hand. */
      lengths[i] = text != NULL ? (gsize) sqlite3_column_bytes (stmt->stmt, i) : 0;
      total += lengths[i] + 1;
    }
  raw = g_malloc (sizeof (RawEvent) + total);
  out = raw->data;
  for (int i = 0; i < 7; i++)
    {
      const char *text = loket_db_statement_get_text (stmt, i);

      if (lengths[i] > 0)
        memcpy (out, text, lengths[i]);
      out[lengths[i]] = '\0';
      raw->columns[i] = out;
      out += lengths[i] + 1;
    }
  return raw;
}

static void
fold_job_free (LoketStoreFoldJob *job)
{
  g_clear_pointer (&job->raw, g_ptr_array_unref);
  g_clear_object (&job->kase);
  g_clear_pointer (&job->row, loket_db_row_free);
  g_clear_pointer (&job->dispositions, g_ptr_array_unref);
  g_clear_pointer (&job->chain, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_free (job->case_uuid);
  g_free (job);
}

static void
fold_job_run (LoketStoreFoldJob *job, FoldShared *shared)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_full (job->raw->len, g_object_unref);
  gboolean routed = FALSE, chained = FALSE;

  for (guint i = 0; i < job->raw->len; i++)
    {
      RawEvent *raw = g_ptr_array_index (job->raw, i);

      /* As loket_event_store_event_from_row() makes them. */
      g_ptr_array_add (events, loket_event_new (raw->columns[0], raw->columns[1], raw->columns[2],
                                                raw->columns[3], raw->columns[4], raw->columns[5],
                                                raw->columns[6]));
      routed = routed || _loket_store_routing_is_routing_type (raw->columns[2]);
      chained = chained || _loket_store_chain_is_chain_type (raw->columns[2]);
    }
  g_clear_pointer (&job->raw, g_ptr_array_unref);

  /* project() folds in place; apply() would copy the case for every event. */
  job->kase = loket_case_projector_project (shared->projector, events, &job->error);
  if (job->kase != NULL && shared->rebuild)
    {
      const char *service_id = loket_case_get_service_id (job->kase);

      job->row = loket_projection_store_case_row (
        job->kase, loket_store_maintenance_service_name (shared->projector, service_id));
      /* The same fold as _loket_store_routing_refresh_case() on append. */
      if (routed)
        {
          g_autoptr (LoketDispositionLedger) ledger
            = loket_disposition_ledger_new_from_events (job->case_uuid, events, &job->error);

          if (ledger != NULL)
            job->dispositions = _loket_store_routing_ledger_rows (ledger);
        }
      /* The same fold as _loket_store_chain_refresh_case() on append. */
      if (chained)
        job->chain = _loket_store_chain_rows (job->case_uuid, events);
      /* Only the rows are stored; the case would be freed on the database thread. */
      g_clear_object (&job->kase);
    }
}

/* Rebuild in place: compares the job's rows with the stored ones, read before the database
 * thread wrote anything (each case's rows are written once, by its own job). */
static void
fold_job_compare (LoketStoreFoldJob *job, FoldShared *shared)
{
  if (job->error != NULL || job->row == NULL)
    return;
  if (shared->stored == NULL)
    {
      job->error = g_error_copy (shared->load_error);
      return;
    }
  job->case_same = _loket_rows_snapshot_case_equal (shared->stored, job->row);
  job->dispositions_same
    = job->dispositions == NULL
      || _loket_rows_snapshot_dispositions_equal (shared->stored, job->case_uuid,
                                                  job->dispositions);
  if (job->case_same)
    g_clear_pointer (&job->row, loket_db_row_free);
}

static void
fold_batch_run (gpointer data, gpointer user_data)
{
  GPtrArray  *batch = data;
  FoldShared *shared = user_data;

  if (shared->loading)
    {
      g_mutex_lock (&shared->lock);
      while (!shared->loaded)
        g_cond_wait (&shared->loaded_cond, &shared->lock);
      g_mutex_unlock (&shared->lock);
    }
  for (guint i = 0; i < batch->len; i++)
    {
      fold_job_run (g_ptr_array_index (batch, i), shared);
      if (shared->compare)
        fold_job_compare (g_ptr_array_index (batch, i), shared);
    }
  g_async_queue_push (shared->done, batch);
}

/* Writes (when @ok) or drops the results of a batch back from the fold threads. */
static gboolean
finish_batch (GPtrArray     *batch,
              gboolean       ok,
              LoketStoreCaseFolded folded,
              gpointer       user_data,
              GError       **error)
{
  for (guint i = 0; i < batch->len; i++)
    {
      LoketStoreFoldJob *job = g_ptr_array_index (batch, i);

      if (ok)
        ok = folded (job, user_data, error);
      fold_job_free (job);
    }
  g_ptr_array_unref (batch);
  return ok;
}

/* A case whose events are still being read: how many are still to come. */
typedef struct
{
  guint      remaining;
  GPtrArray *raw; /* (element RawEvent), in append order; the projector sorts them */
} PendingCase;

static void
pending_case_free (PendingCase *pending)
{
  g_clear_pointer (&pending->raw, g_ptr_array_unref);
  g_free (pending);
}

static void
add_job (GPtrArray *batch, char *case_uuid, GPtrArray *raw)
{
  LoketStoreFoldJob *job = g_new0 (LoketStoreFoldJob, 1);

  job->case_uuid = case_uuid;
  job->raw = raw;
  g_ptr_array_add (batch, job);
}

/* Whether a read-only connection to @db's file sees what the database thread sees before it
 * writes: in WAL mode a reader reads beside the write transaction (in rollback-journal mode it
 * would wait for it); an in-memory database has no file. */
static gboolean
can_read_beside (LoketDb *db)
{
  g_autoptr (LoketDbStatement) stmt = NULL;
  const char *path = loket_db_get_path (db);
  gboolean    have_row = FALSE;

  if (path == NULL || g_strcmp0 (path, ":memory:") == 0)
    return FALSE;
  stmt = loket_db_prepare (db, "PRAGMA journal_mode", NULL);
  return stmt != NULL && loket_db_statement_step (stmt, &have_row, NULL) && have_row
         && g_ascii_strcasecmp (loket_db_statement_get_text (stmt, 0), "wal") == 0;
}

static gpointer
load_snapshot_thread (gpointer data)
{
  FoldShared        *shared = data;
  g_autoptr (GError) error = NULL;
  LoketRowsSnapshot *stored = _loket_rows_snapshot_load (shared->path, &error);

  g_mutex_lock (&shared->lock);
  shared->stored = stored;
  if (stored == NULL)
    shared->load_error = g_error_new (error->domain, error->code,
                                      _ ("The stored rows could not be read: %s"), error->message);
  shared->loaded = TRUE;
  g_cond_broadcast (&shared->loaded_cond);
  g_mutex_unlock (&shared->lock);
  return NULL;
}

/* Streams every event once and folds each case as soon as its last event has been read.
 * Events are read in append order (sequential pages) rather than in (case, HLC) index order:
 * on a database larger than memory the index walk was random I/O and most of a rebuild. The
 * number of events per case comes first from the index alone, so each case's events are held
 * only while they are being read (append order keeps a case's events close together). */
gboolean
_loket_store_fold_all_cases (LoketDb             *db,
                             LoketCaseProjector  *projector,
                             gboolean             rebuild,
                             gboolean             compare_in_folds,
                             LoketStoreCaseFolded folded,
                             gpointer             user_data,
                             GArray              *letter_seqs,
                             guint               *n_events,
                             GError             **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;
  g_autoptr (GAsyncQueue) done = g_async_queue_new ();
  g_autoptr (GHashTable) pending
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pending_case_free);
  FoldShared   shared = { .projector = projector, .done = done, .rebuild = rebuild };
  GThread     *loading = NULL;
  guint        n_threads = CLAMP (g_get_num_processors (), 1, 4);
  GThreadPool *pool;
  guint        in_flight = 0; /* cases pushed to the pool and not yet finished */
  gboolean     have_row, ok = TRUE;
  GPtrArray   *batch;
  GPtrArray   *back;

  *n_events = 0;
  stmt = loket_db_prepare (db, "SELECT case_uuid, count(*) FROM events GROUP BY case_uuid", error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      PendingCase *p;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;
      p = g_new0 (PendingCase, 1);
      p->remaining = (guint) loket_db_statement_get_int64 (stmt, 1);
      g_hash_table_insert (pending, g_strdup (loket_db_statement_get_text (stmt, 0)), p);
    }
  g_clear_pointer (&stmt, loket_db_statement_release);

  stmt = loket_db_prepare (db,
                           "SELECT uuid, case_uuid, type, author, device, hlc, body, seq FROM "
                           "events ORDER BY seq",
                           error);
  if (stmt == NULL)
    return FALSE;
  /* The stored rows are read while this thread reads the events; the fold threads wait for them.
   * From here on every path joins this thread. */
  g_mutex_init (&shared.lock);
  g_cond_init (&shared.loaded_cond);
  shared.compare = compare_in_folds;
  if (compare_in_folds && can_read_beside (db))
    {
      shared.loading = TRUE;
      shared.path = loket_db_get_path (db);
      loading = g_thread_new ("loket-rebuild-rows", load_snapshot_thread, &shared);
    }
  else if (compare_in_folds)
    {
      /* Nothing can read beside this connection: read here, before anything is written. */
      shared.stored = _loket_rows_snapshot_read (db, error);
      if (shared.stored == NULL)
        {
          g_mutex_clear (&shared.lock);
          g_cond_clear (&shared.loaded_cond);
          return FALSE;
        }
    }
  batch = g_ptr_array_new_full (CASES_PER_BATCH, NULL);
  pool = g_thread_pool_new (fold_batch_run, &shared, n_threads, FALSE, NULL);

  for (;;)
    {
      const char  *case_uuid;
      char        *key = NULL;
      PendingCase *p = NULL;

      if (!loket_db_statement_step (stmt, &have_row, error))
        {
          ok = FALSE;
          break;
        }
      if (!have_row)
        break;
      case_uuid = loket_db_statement_get_text (stmt, 1);
      if (case_uuid == NULL
          || !g_hash_table_lookup_extended (pending, case_uuid, (gpointer *) &key, (gpointer *) &p))
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_CORRUPT,
                       _ ("The events changed while they were being read"));
          ok = FALSE;
          break;
        }
      if (p->raw == NULL)
        p->raw = g_ptr_array_new_full (p->remaining, g_free);
      g_ptr_array_add (p->raw, raw_event_new (stmt));
      (*n_events)++;
      if (letter_seqs != NULL)
        {
          const char *type = ((RawEvent *) g_ptr_array_index (p->raw, p->raw->len - 1))->columns[2];

          if (LOKET_STORE_IS_LETTER_TYPE (type))
            {
              gint64 seq = loket_db_statement_get_int64 (stmt, 7);

              g_array_append_val (letter_seqs, seq);
            }
        }

      if (--p->remaining > 0)
        continue;
      g_hash_table_steal (pending, key);
      add_job (batch, key, g_steal_pointer (&p->raw));
      pending_case_free (p);
      if (batch->len < CASES_PER_BATCH)
        continue;
      in_flight += batch->len;
      g_thread_pool_push (pool, batch, NULL);
      batch = g_ptr_array_new_full (CASES_PER_BATCH, NULL);

      /* Write what is ready; wait only when too much is pending. */
      while (ok
             && (back = in_flight >= MAX_CASES_IN_FLIGHT ? g_async_queue_pop (done)
                                                         : g_async_queue_try_pop (done)))
        {
          in_flight -= back->len;
          ok = finish_batch (back, ok, folded, user_data, error);
        }
      if (!ok)
        break;
    }
  if (ok && g_hash_table_size (pending) > 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_CORRUPT,
                   _ ("The events changed while they were being read"));
      ok = FALSE;
    }

  if (ok && batch->len > 0)
    {
      in_flight += batch->len;
      g_thread_pool_push (pool, batch, NULL);
    }
  else
    finish_batch (batch, FALSE, folded, user_data, NULL);

  /* Let every job finish (they use the projector and the stored rows), then write or drop
   * their results. */
  g_thread_pool_free (pool, FALSE, TRUE);
  if (loading != NULL)
    g_thread_join (loading);
  g_clear_pointer (&shared.stored, _loket_rows_snapshot_free);
  g_clear_error (&shared.load_error);
  g_mutex_clear (&shared.lock);
  g_cond_clear (&shared.loaded_cond);
  while (in_flight > 0)
    {
      back = g_async_queue_pop (done);
      in_flight -= back->len;
      ok = finish_batch (back, ok, folded, user_data, error);
    }
  return ok;
}
