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

/* Called once per case with the fold of its events, or with @apply_error (and @kase NULL) when
 * one of them could not be applied. */
typedef gboolean (*CaseFoldedFunc) (const char *case_uuid,
                                    LoketCase  *kase,
                                    GError     *apply_error,
                                    gpointer    user_data,
                                    GError    **error);

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
 * Results come back in any order; @folded always runs on the database thread. */

#define MAX_CASES_IN_FLIGHT 2048

typedef struct
{
  GPtrArray *events; /* (element LoketEvent) of one case, in (HLC, UUID) order */
  char      *case_uuid;
  LoketCase *kase;
  GError    *error;
} FoldJob;

typedef struct
{
  LoketCaseProjector *projector;
  GAsyncQueue        *done; /* FoldJob */
} FoldShared;

static void
fold_job_free (FoldJob *job)
{
  g_clear_pointer (&job->events, g_ptr_array_unref);
  g_clear_object (&job->kase);
  g_clear_error (&job->error);
  g_free (job->case_uuid);
  g_free (job);
}

static void
fold_job_run (gpointer data, gpointer user_data)
{
  FoldJob    *job = data;
  FoldShared *shared = user_data;

  /* project() folds in place; apply() would copy the case for every event. */
  job->kase = loket_case_projector_project (shared->projector, job->events, &job->error);
  g_clear_pointer (&job->events, g_ptr_array_unref);
  g_async_queue_push (shared->done, job);
}

static gboolean
finish_job (FoldJob *job, CaseFoldedFunc folded, gpointer user_data, GError **error)
{
  gboolean ok = folded (job->case_uuid, job->kase, job->error, user_data, error);

  fold_job_free (job);
  return ok;
}

/* A case whose events are still being read: how many are still to come. */
typedef struct
{
  guint      remaining;
  GPtrArray *events; /* (element LoketEvent), in append order; the projector sorts them */
} PendingCase;

static void
pending_case_free (PendingCase *pending)
{
  g_clear_pointer (&pending->events, g_ptr_array_unref);
  g_free (pending);
}

static void
push_job (GThreadPool *pool, char *case_uuid, GPtrArray *events)
{
  FoldJob *job = g_new0 (FoldJob, 1);

  job->case_uuid = case_uuid;
  job->events = events;
  g_thread_pool_push (pool, job, NULL);
}

/* Streams every event once and folds each case as soon as its last event has been read.
 * Events are read in append order (sequential pages) rather than in (case, HLC) index order:
 * on a database larger than memory the index walk was random I/O and most of a rebuild. The
 * number of events per case comes first from the index alone, so each case's events are held
 * only while they are being read (append order keeps a case's events close together). */
static gboolean
fold_all_cases (LoketDb            *db,
                LoketCaseProjector *projector,
                CaseFoldedFunc      folded,
                gpointer            user_data,
                guint              *n_events,
                GError            **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;
  g_autoptr (GAsyncQueue) done = g_async_queue_new ();
  g_autoptr (GHashTable) pending
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pending_case_free);
  FoldShared   shared = { projector, done };
  GThreadPool *pool;
  guint        in_flight = 0;
  gboolean     have_row, ok = TRUE;
  FoldJob     *job;

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
                           "SELECT uuid, case_uuid, type, author, device, hlc, body FROM events "
                           "ORDER BY seq",
                           error);
  if (stmt == NULL)
    return FALSE;
  pool
    = g_thread_pool_new (fold_job_run, &shared, CLAMP (g_get_num_processors (), 1, 4), FALSE, NULL);

  for (;;)
    {
      const char *case_uuid;
      char       *key = NULL;
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
      if (p->events == NULL)
        p->events = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (p->events, loket_event_store_event_from_row (stmt));
      (*n_events)++;

      if (--p->remaining > 0)
        continue;
      g_hash_table_steal (pending, key);
      push_job (pool, key, g_steal_pointer (&p->events));
      pending_case_free (p);
      in_flight++;

      /* Write what is ready; wait only when too much is pending. */
      while (ok
             && (job = in_flight >= MAX_CASES_IN_FLIGHT ? g_async_queue_pop (done)
                                                        : g_async_queue_try_pop (done)))
        {
          in_flight--;
          ok = finish_job (job, folded, user_data, error);
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

  /* Let every job finish (they use the projector), then write or drop their results. */
  g_thread_pool_free (pool, FALSE, TRUE);
  for (; in_flight > 0; in_flight--)
    {
      job = g_async_queue_pop (done);
      if (ok)
        ok = finish_job (job, folded, user_data, error);
      else
        fold_job_free (job);
    }
  return ok;
}

typedef struct
{
  LoketDb            *db;
  LoketCaseProjector *projector;
  char               *last_service_id;
  const char         *last_service_name;
} RebuildData;

static gboolean
insert_folded_case (const char *case_uuid,
                    LoketCase  *kase,
                    GError     *apply_error,
                    gpointer    user_data,
                    GError    **error)
{
  RebuildData *data = user_data;
  const char  *service_id;

  if (apply_error != NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, "case %s: %s", case_uuid,
                   apply_error->message);
      return FALSE;
    }
  service_id = loket_case_get_service_id (kase);

  if (g_strcmp0 (service_id, data->last_service_id) != 0)
    {
      g_free (data->last_service_id);
      data->last_service_id = g_strdup (service_id);
      data->last_service_name = loket_store_maintenance_service_name (data->projector, service_id);
    }
  return loket_projection_store_insert_bulk (data->db, kase, data->last_service_name, error);
}

static gboolean
rebuild_in_transaction (LoketDb *db, LoketCaseProjector *projector, guint *n_events, GError **error)
{
  g_autoptr (GPtrArray) index_sql = NULL;
  RebuildData data = { db, projector, NULL, NULL };
  gboolean    ok;

  /* Indexes are built once, after the rows are in: far cheaper than maintaining them. */
  index_sql = loket_projection_store_suspend_indexes (db, error);
  if (index_sql == NULL || !loket_db_exec (db, "DELETE FROM cases", error))
    return FALSE;
  ok = fold_all_cases (db, projector, insert_folded_case, &data, n_events, error);
  g_free (data.last_service_id);
  return ok && loket_projection_store_resume_indexes (db, index_sql, error)
         && loket_search_index_rebuild (db, error) && _loket_store_routing_rebuild (db, error)
         && _loket_store_letter_drafts_rebuild (db, error)
         && _loket_store_numbering_rebuild (db, error) && _loket_store_chain_rebuild (db, error);
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

  if (!loket_db_begin (db, error))
    return FALSE;
  ok = rebuild_in_transaction (db, projector, &n, error) && loket_db_commit (db, error);
  if (!ok)
    {
      loket_db_rollback (db);
      loket_db_clear_cache (db);
    }
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
compare_folded_case (const char *uuid,
                     LoketCase  *kase,
                     GError     *apply_error,
                     gpointer    user_data,
                     GError    **error)
{
  CheckData *data = user_data;
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

  if (!fold_all_cases (db, projector, compare_folded_case, &data, &n_events, error)
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
  if (!loket_db_exec (db, "BEGIN", error))
    return NULL;
  if (!check_integrity (db, report, error) || !check_chains (db, report, error)
      || !check_projections (db, projector, report, error)
      || !check_blobs (db, blobs, report, error)
      || !_loket_store_routing_check (db, report->problems, error)
      || !_loket_store_letter_tables_check (db, report->problems, error)
      || !_loket_store_chain_check (db, report->problems, error))
    {
      loket_db_rollback (db);
      return NULL;
    }
  loket_db_rollback (db);
  return g_steal_pointer (&report);
}
