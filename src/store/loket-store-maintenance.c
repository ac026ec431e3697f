// SPDX-License-Identifier: GPL-3.0-or-later
// Whole-database work on the database thread: the projection rebuild.
#include "config.h"

#include "loket-store-maintenance.h"
#include "loket-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-projection-store.h"
#include "loket-search-index.h"
#include "loket-store-fold-private.h"
#include "loket-store-letter-drafts-private.h"

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

typedef struct
{
  LoketDb *db;
  gboolean bulk;           /* the tables were emptied and their indexes dropped: plain inserts */
  guint    n_cases;        /* cases folded */
  guint    n_written;      /* cases whose rows were written */
  guint    n_dispositions; /* dispositions rows folded */
} RebuildData;

static gboolean
store_folded_case (LoketStoreFoldJob *job, gpointer user_data, GError **error)
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
  /* Rows that already hold exactly what the events give are left as they are (the fold
   * threads compared them with the stored ones). */
  else
    {
      case_written = !job->case_same;
      dispositions_written = job->dispositions != NULL && !job->dispositions_same;
      if ((case_written && !loket_projection_store_upsert_row (data->db, job->row, error))
          || (dispositions_written
              && !_loket_store_routing_replace_rows (data->db, job->case_uuid, job->dispositions,
                                                     error)))
        return FALSE;
    }
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
  ok = _loket_store_fold_all_cases (db, projector, TRUE, !data.bulk, store_folded_case, &data, letter_seqs,
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
