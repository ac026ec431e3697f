// SPDX-License-Identifier: GPL-3.0-or-later
// Whole-database work on the database thread: projection rebuild and the integrity check.
#include "config.h"

#include "loket-store-maintenance.h"
#include "loket-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-event-store.h"
#include "loket-projection-store.h"
#include "loket-search-index.h"
#include "loket-store-letter-drafts-private.h"
#include "loket-store-rows-snapshot.h"

typedef struct _FoldJob FoldJob;

/* Called on the database thread once per case with its fold (job->kase, or job->error when an
 * event could not be applied). */
typedef gboolean (*CaseFoldedFunc) (FoldJob *job, gpointer user_data, GError **error);

const char *
loket_store_maintenance_service_name (LoketCaseProjector *projector, const char *service_id)
{
  LoketServiceCatalog *catalog;
  LoketService        *service;

  if (service_id == NULL || projector == NULL)
    return NULL;
  catalog = loket_case_projector_get_catalog (projector);
  service = catalog != NULL ? loket_service_catalog_lookup (catalog, service_id) : NULL;
  return service != NULL ? loket_service_get_name (service) : NULL;
}

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

struct _FoldJob
{
  GPtrArray  *raw; /* (element RawEvent) of one case, in append order */
  char       *case_uuid;
  LoketCase  *kase;
  LoketDbRow *row;          /* rebuild: the `cases` row */
  GPtrArray  *dispositions; /* rebuild: its `dispositions` rows, NULL when it has no routing */
  GPtrArray  *chain;        /* rebuild: its `draft_chain` rows, NULL when it has no drafts */
  GError     *error;
  /* Rebuild in place: whether a fold thread compared the rows with the stored ones (else the
   * database thread does), and what it found. */
  gboolean compared;
  gboolean case_same;
  gboolean dispositions_same;
};

typedef struct
{
  LoketCaseProjector *projector;
  GAsyncQueue        *done;    /* GPtrArray (element FoldJob) */
  gboolean            rebuild; /* make the rows to store */
  /* Rebuild in place: the stored rows, read by another thread while folding starts. Once
   * `loaded`, `stored` is set, or NULL (the database thread compares then). */
  gboolean            loading;
  const char         *path;
  GMutex              lock;
  GCond               loaded_cond;
  gboolean            loaded;
  LoketRowsSnapshot  *stored;
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
fold_job_free (FoldJob *job)
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
fold_job_run (FoldJob *job, FoldShared *shared)
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
          else
            g_clear_object (&job->kase);
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
fold_job_compare (FoldJob *job, LoketRowsSnapshot *stored)
{
  if (job->error != NULL || job->row == NULL)
    return;
  job->case_same = _loket_rows_snapshot_case_equal (stored, job->row);
  job->dispositions_same
    = job->dispositions == NULL
      || _loket_rows_snapshot_dispositions_equal (stored, job->case_uuid, job->dispositions);
  job->compared = TRUE;
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
      if (shared->stored != NULL)
        fold_job_compare (g_ptr_array_index (batch, i), shared->stored);
    }
  g_async_queue_push (shared->done, batch);
}

/* Writes (when @ok) or drops the results of a batch back from the fold threads. */
static gboolean
finish_batch (GPtrArray     *batch,
              gboolean       ok,
              CaseFoldedFunc folded,
              gpointer       user_data,
              GError       **error)
{
  for (guint i = 0; i < batch->len; i++)
    {
      FoldJob *job = g_ptr_array_index (batch, i);

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
  FoldJob *job = g_new0 (FoldJob, 1);

  job->case_uuid = case_uuid;
  job->raw = raw;
  g_ptr_array_add (batch, job);
}

/* Streams every event once and folds each case as soon as its last event has been read.
 * Events are read in append order (sequential pages) rather than in (case, HLC) index order:
 * on a database larger than memory the index walk was random I/O and most of a rebuild. The
 * number of events per case comes first from the index alone, so each case's events are held
 * only while they are being read (append order keeps a case's events close together). */
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

  if (stored == NULL)
    g_debug ("Rebuild: the database thread compares the rows (%s)", error->message);
  g_mutex_lock (&shared->lock);
  shared->stored = stored;
  shared->loaded = TRUE;
  g_cond_broadcast (&shared->loaded_cond);
  g_mutex_unlock (&shared->lock);
  return NULL;
}

static gboolean
fold_all_cases (LoketDb            *db,
                LoketCaseProjector *projector,
                gboolean            rebuild,
                gboolean            compare_in_folds,
                CaseFoldedFunc      folded,
                gpointer            user_data,
                GArray             *letter_seqs,
                guint              *n_events,
                GError            **error)
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
  if (compare_in_folds && can_read_beside (db))
    {
      shared.loading = TRUE;
      shared.path = loket_db_get_path (db);
      loading = g_thread_new ("loket-rebuild-rows", load_snapshot_thread, &shared);
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

typedef struct
{
  LoketDb *db;
  gboolean bulk;           /* the tables were emptied and their indexes dropped: plain inserts */
  guint    n_cases;        /* cases folded */
  guint    n_written;      /* cases whose rows were written */
  guint    n_dispositions; /* dispositions rows folded */
} RebuildData;

static gboolean
store_folded_case (FoldJob *job, gpointer user_data, GError **error)
{
  RebuildData *data = user_data;
  gboolean     case_written = TRUE, dispositions_written = FALSE;

  if (job->error != NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, "case %s: %s", job->case_uuid,
                   job->error->message);
      return FALSE;
    }
  data->n_cases++;
  if (job->dispositions != NULL)
    data->n_dispositions += job->dispositions->len;
  if (data->bulk)
    {
      if (!loket_projection_store_insert_row (data->db, job->row, error)
          || (job->dispositions != NULL
              && !_loket_store_routing_insert_rows (data->db, job->dispositions, error)))
        return FALSE;
    }
  /* Rows that already hold exactly what the events give are left as they are. */
  else if (job->compared)
    {
      case_written = !job->case_same;
      dispositions_written = job->dispositions != NULL && !job->dispositions_same;
      if ((case_written && !loket_projection_store_upsert_row (data->db, job->row, error))
          || (dispositions_written
              && !_loket_store_routing_replace_rows (data->db, job->case_uuid, job->dispositions,
                                                     error)))
        return FALSE;
    }
  else if (!loket_projection_store_sync_row (data->db, job->row, &case_written, error)
           || (job->dispositions != NULL
               && !_loket_store_routing_sync_rows (data->db, job->case_uuid, job->dispositions,
                                                   &dispositions_written, error)))
    return FALSE;
  if (case_written || dispositions_written)
    data->n_written++;
  /* `draft_chain` was emptied: its few rows per case are inserted again. */
  return job->chain == NULL || _loket_store_chain_insert_rows (data->db, job->chain, error);
}

/* After a rebuild that kept the rows: drops rows no events stand for any more, recounts the
 * inbox counters and rebuilds the search index unless it matches the rows. */
static gboolean
finish_in_place (LoketDb *db, RebuildData *data, GError **error)
{
  gint64   n_rows = 0;
  gboolean search_intact = FALSE;

  if (!loket_db_query_int64 (db, "SELECT count(*) FROM cases", &n_rows, error))
    return FALSE;
  if (n_rows != data->n_cases
      && !loket_db_exec (db, "DELETE FROM cases WHERE uuid NOT IN (SELECT case_uuid FROM events)",
                         error))
    return FALSE;
  if (!loket_db_query_int64 (db, "SELECT count(*) FROM dispositions", &n_rows, error))
    return FALSE;
  /* Every case with routing events was compared; the rest must have no rows. */
  if (n_rows != data->n_dispositions
      && !loket_db_exec (db,
                         "DELETE FROM dispositions WHERE case_uuid NOT IN (SELECT case_uuid FROM "
                         "events WHERE type IN ('disposition.sent', 'disposition.read', "
                         "'disposition.reported', 'disposition.withdrawn', 'escalation.raised'))",
                         error))
    return FALSE;
  if (!loket_db_exec (db,
                      "DELETE FROM case_counts;"
                      "INSERT INTO case_counts (unit_id, status_rank, n) SELECT "
                      "coalesce(unit_id, ''), status_rank, count(*) FROM cases GROUP BY 1, 2;",
                      error)
      || !loket_search_index_check (db, &search_intact, error))
    return FALSE;
  return search_intact || loket_search_index_rebuild (db, error);
}

/* Fills LOKET_STORE_LETTER_SEQS with @seqs. */
static gboolean
mark_letter_events (LoketDb *db, GArray *seqs, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;

  if (!loket_db_exec (db,
                      "DROP TABLE IF EXISTS " LOKET_STORE_LETTER_SEQS ";"
                      "CREATE TABLE " LOKET_STORE_LETTER_SEQS " (seq INTEGER PRIMARY KEY)",
                      error))
    return FALSE;
  stmt = loket_db_prepare (db, "INSERT OR IGNORE INTO " LOKET_STORE_LETTER_SEQS " (seq) VALUES (?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < seqs->len; i++)
    {
      sqlite3_reset (stmt->stmt);
      loket_db_statement_bind_int64 (stmt, 1, g_array_index (seqs, gint64, i));
      if (!loket_db_statement_run (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
rebuild_in_transaction (LoketDb *db, LoketCaseProjector *projector, guint *n_events, GError **error)
{
  g_autoptr (GPtrArray) index_sql = NULL;
  g_autoptr (GArray) letter_seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  RebuildData data = { db, FALSE, 0, 0, 0 };
  gint64      n_rows = 0, t0 = g_get_monotonic_time ();
  gboolean    ok;

  /* An empty `cases` table (a new or migrated database) is filled with plain inserts, its
   * indexes built once after the rows are in: far cheaper than maintaining them. Otherwise
   * each folded case is compared with its stored rows, and only differing rows are written. */
  if (!loket_db_query_int64 (db, "SELECT count(*) FROM (SELECT 1 FROM cases LIMIT 1)", &n_rows,
                             error))
    return FALSE;
  data.bulk = n_rows == 0;
  if (!loket_db_exec (db, "DELETE FROM draft_chain", error))
    return FALSE;
  if (data.bulk)
    {
      index_sql = loket_projection_store_suspend_indexes (db, error);
      if (index_sql == NULL
          || !loket_db_exec (db, "DELETE FROM cases; DELETE FROM dispositions", error))
        return FALSE;
    }
  ok = fold_all_cases (db, projector, TRUE, !data.bulk, store_folded_case, &data, letter_seqs,
                       n_events, error);
  g_debug ("Rebuild: folded %u events of %u cases in %.3f s, %u cases written (%s)", *n_events,
           data.n_cases, (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC, data.n_written,
           data.bulk ? "bulk" : "in place");
  if (!ok)
    return FALSE;
  if (data.bulk)
    ok = loket_projection_store_resume_indexes (db, index_sql, error)
         && loket_search_index_rebuild (db, error);
  else
    ok = finish_in_place (db, &data, error);
  g_debug ("Rebuild: cases, dispositions and draft chains stored at %.3f s",
           (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);
  /* The other tables kept from events refill themselves (each reads its own event types), from
   * the events marked during the one pass above rather than from another scan of them all. */
  ok = ok && mark_letter_events (db, letter_seqs, error)
       && _loket_store_letter_drafts_rebuild_marked (db, error)
       && _loket_store_numbering_rebuild_marked (db, error)
       && loket_db_exec (db, "DROP TABLE " LOKET_STORE_LETTER_SEQS, error);
  g_debug ("Rebuild: drafts and numbers refilled at %.3f s",
           (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);
  return ok;
}

gboolean
loket_store_maintenance_rebuild (LoketDb            *db,
                                 LoketCaseProjector *projector,
                                 guint              *n_events,
                                 GError            **error)
{
  gint64   start = g_get_monotonic_time ();
  guint    n = 0;
  gboolean ok;

  if (!loket_db_map_file (db, TRUE, error))
    return FALSE;
  if (!loket_db_begin (db, error))
    {
      loket_db_map_file (db, FALSE, NULL);
      return FALSE;
    }
  ok = rebuild_in_transaction (db, projector, &n, error) && loket_db_commit (db, error);
  if (!ok)
    {
      loket_db_rollback (db);
      loket_db_clear_cache (db);
    }
  loket_db_map_file (db, FALSE, NULL);
  if (!ok)
    return FALSE;
  g_debug ("Rebuilt the projections of %u events in %.3f s", n,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  if (n_events != NULL)
    *n_events = n;
  return TRUE;
}

/* Check */

static void
add_problem (LoketStoreCheckReport *report, char *line)
{
  g_ptr_array_add (report->problems, line);
}

static gboolean
check_integrity (LoketDb *db, LoketStoreCheckReport *report, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (db, "PRAGMA integrity_check", error);
  gboolean have_row;

  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      const char *line;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        return TRUE;
      line = loket_db_statement_get_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        add_problem (report, g_strdup_printf (_ ("database: %s"), line));
    }
}

static gboolean
check_chains (LoketDb *db, LoketStoreCheckReport *report, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;
  g_autofree char *case_uuid = NULL;
  g_autofree char *prev_stored = NULL;
  gint64           expected_seq = 0;
  gboolean         have_row;

  stmt = loket_db_prepare (db,
                           "SELECT " LOKET_EVENT_STORE_COLUMNS " FROM events "
                           "ORDER BY case_uuid, case_seq",
                           error);
  if (stmt == NULL)
    return FALSE;

  for (;;)
    {
      g_autoptr (LoketEvent) event = NULL;
      g_autofree char *recomputed = NULL;
      const char      *stored_prev, *stored_hash, *uuid;
      gint64           seq;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;

      if (case_uuid == NULL || strcmp (case_uuid, loket_db_statement_get_text (stmt, 1)) != 0)
        {
          g_free (case_uuid);
          case_uuid = g_strdup (loket_db_statement_get_text (stmt, 1));
          g_clear_pointer (&prev_stored, g_free);
          prev_stored = g_strdup ("");
          expected_seq = 1;
          report->n_cases++;
        }

      uuid = loket_db_statement_get_text (stmt, 0);
      stored_prev = loket_db_statement_get_text (stmt, 7);
      stored_hash = loket_db_statement_get_text (stmt, 8);
      seq = loket_db_statement_get_int64 (stmt, 9);
      report->n_events++;

      if (seq != expected_seq)
        add_problem (report, g_strdup_printf (_ ("case %s: event %s (#%d): out of "
                                                 "sequence, expected #%d"),
                                              case_uuid, uuid, (int) seq, (int) expected_seq));
      if (g_strcmp0 (stored_prev, prev_stored) != 0)
        add_problem (report, g_strdup_printf (_ ("case %s: event %s (#%d): does not "
                                                 "link to the previous event"),
                                              case_uuid, uuid, (int) seq));

      event = loket_event_store_event_from_row (stmt);
      recomputed = loket_event_compute_hash (event, stored_prev);
      if (g_strcmp0 (recomputed, stored_hash) != 0)
        add_problem (report, g_strdup_printf (_ ("case %s: event %s (#%d): hash "
                                                 "mismatch"),
                                              case_uuid, uuid, (int) seq));

      g_free (prev_stored);
      prev_stored = g_strdup (stored_hash);
      expected_seq = seq + 1;
    }
  return TRUE;
}

typedef struct
{
  LoketDb               *db;
  LoketStoreCheckReport *report;
  guint                  n_folded;
} CheckData;

static gboolean
compare_folded_case (FoldJob *job, gpointer user_data, GError **error)
{
  CheckData  *data = user_data;
  const char *uuid = job->case_uuid;
  LoketCase  *kase = job->kase;
  GError     *apply_error = job->error;
  g_autoptr (LoketCase) stored = NULL;
  g_autoptr (GError) local_error = NULL;

  data->n_folded++;
  if (apply_error != NULL)
    {
      add_problem (data->report, g_strdup_printf (_ ("case %s: cannot be projected: %s"), uuid,
                                                  apply_error->message));
      return TRUE;
    }

  stored = loket_projection_store_load (data->db, uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (stored == NULL)
    add_problem (data->report, g_strdup_printf (_ ("case %s: projection missing"), uuid));
  else if (!loket_case_equal (stored, kase))
    add_problem (data->report,
                 g_strdup_printf (_ ("case %s: stored projection differs from its events"), uuid));
  return TRUE;
}

static gboolean
check_projections (LoketDb               *db,
                   LoketCaseProjector    *projector,
                   LoketStoreCheckReport *report,
                   GError               **error)
{
  CheckData data = { db, report, 0 };
  g_autoptr (LoketDbStatement) orphans = NULL;
  gint64   n_rows = 0;
  gboolean have_row;
  guint    n_events;

  gint64   n_wrong_counts = 0;
  gboolean search_intact;

  if (!fold_all_cases (db, projector, FALSE, FALSE, compare_folded_case, &data, NULL, &n_events,
                       error)
      || !loket_db_query_int64 (db, "SELECT count(*) FROM cases", &n_rows, error))
    return FALSE;

  /* The inbox counters kept by triggers must match the rows. */
  if (!loket_db_query_int64 (db,
                             "WITH stored AS (SELECT unit_id, status_rank, n FROM case_counts "
                             "WHERE n <> 0), actual AS (SELECT coalesce(unit_id, ''), status_rank, "
                             "count(*) FROM cases GROUP BY 1, 2) SELECT (SELECT count(*) FROM "
                             "(SELECT * FROM stored EXCEPT SELECT * FROM actual)) + (SELECT "
                             "count(*) FROM (SELECT * FROM actual EXCEPT SELECT * FROM stored))",
                             &n_wrong_counts, error))
    return FALSE;
  if (n_wrong_counts > 0)
    add_problem (report, g_strdup (_ ("inbox counters: they differ from the stored cases")));
  if (!loket_search_index_check (db, &search_intact, error))
    return FALSE;
  if (!search_intact)
    add_problem (report, g_strdup (_ ("search index: it differs from the stored cases")));

  if (n_rows == data.n_folded)
    return TRUE;

  orphans = loket_db_prepare (db,
                              "SELECT uuid FROM cases WHERE uuid NOT IN "
                              "(SELECT case_uuid FROM events)",
                              error);
  if (orphans == NULL)
    return FALSE;
  for (;;)
    {
      if (!loket_db_statement_step (orphans, &have_row, error))
        return FALSE;
      if (!have_row)
        return TRUE;
      add_problem (report, g_strdup_printf (_ ("case %s: projection without events"),
                                            loket_db_statement_get_text (orphans, 0)));
    }
}

static gboolean
check_blobs (LoketDb *db, LoketBlobStore *blobs, LoketStoreCheckReport *report, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (db, "SELECT sha256 FROM blobs", error);
  gboolean have_row;

  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      g_autoptr (GError) blob_error = NULL;
      g_autoptr (GBytes) bytes = NULL;
      const char *sha256;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        return TRUE;
      sha256 = loket_db_statement_get_text (stmt, 0);
      report->n_blobs++;
      bytes = loket_blob_store_read (blobs, sha256, &blob_error);
      if (g_error_matches (blob_error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND))
        add_problem (report, g_strdup_printf (_ ("blob %s: missing"), sha256));
      else if (blob_error != NULL)
        add_problem (report, g_strdup_printf (_ ("blob %s: %s"), sha256, blob_error->message));
    }
}

LoketStoreCheckReport *
loket_store_maintenance_check (LoketDb            *db,
                               LoketCaseProjector *projector,
                               LoketBlobStore     *blobs,
                               GError            **error)
{
  g_autoptr (LoketStoreCheckReport) report = g_new0 (LoketStoreCheckReport, 1);

  report->problems = g_ptr_array_new_with_free_func (g_free);

  /* One read transaction: every part sees the same snapshot. */
  if (!loket_db_map_file (db, TRUE, error))
    return NULL;
  if (!loket_db_exec (db, "BEGIN", error))
    {
      loket_db_map_file (db, FALSE, NULL);
      return NULL;
    }
  if (!check_integrity (db, report, error) || !check_chains (db, report, error)
      || !check_projections (db, projector, report, error)
      || !check_blobs (db, blobs, report, error)
      || !_loket_store_routing_check (db, report->problems, error)
      || !_loket_store_letter_tables_check (db, report->problems, error)
      || !_loket_store_chain_check (db, report->problems, error))
    {
      loket_db_rollback (db);
      loket_db_map_file (db, FALSE, NULL);
      return NULL;
    }
  loket_db_rollback (db);
  loket_db_map_file (db, FALSE, NULL);
  return g_steal_pointer (&report);
}
