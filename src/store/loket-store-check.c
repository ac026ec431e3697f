// SPDX-License-Identifier: GPL-3.0-or-later
// Whole-database work on the database thread: the integrity check (`loket-cli check`).
#include "config.h"

#include "loket-store-maintenance.h"
#include "loket-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-event-store.h"
#include "loket-projection-store.h"
#include "loket-search-index.h"
#include "loket-store-fold-private.h"
#include "loket-store-letter-drafts-private.h"

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
compare_folded_case (LoketStoreFoldJob *job, gpointer user_data, GError **error)
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

  if (!_loket_store_fold_all_cases (db, projector, FALSE, FALSE, compare_folded_case, &data, NULL, &n_events,
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
