// SPDX-License-Identifier: GPL-3.0-or-later
// Whole-database work on the database thread: projection rebuild and the integrity check.
#include "config.h"

#include "loket-store-maintenance.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-event-store.h"
#include "loket-projection-store.h"
#include "loket-search-index.h"

/* Called once per case when its last event has been folded; @apply_error is set when one of its
 * events could not be applied (the fold stopped there). */
typedef gboolean (*CaseFoldedFunc) (LoketCase *kase,
                                    GError    *apply_error,
                                    gpointer   user_data,
                                    GError   **error);

const char *
loket_store_maintenance_service_name (LoketCaseProjector *projector,
                                      const char         *service_id)
{
  LoketServiceCatalog *catalog;
  LoketService *service;

  if (service_id == NULL || projector == NULL)
    return NULL;
  catalog = loket_case_projector_get_catalog (projector);
  service = catalog != NULL ? loket_service_catalog_lookup (catalog, service_id) : NULL;
  return service != NULL ? loket_service_get_name (service) : NULL;
}

/* Streams every event once, in (case, HLC, UUID) order, folding each case in turn. */
static gboolean
fold_all_cases (LoketDb            *db,
                LoketCaseProjector *projector,
                CaseFoldedFunc      folded,
                gpointer            user_data,
                guint              *n_events,
                GError            **error)
{
  g_autoptr(LoketDbStatement) stmt = NULL;
  g_autoptr(LoketCase) kase = NULL;
  g_autoptr(GError) apply_error = NULL;
  gboolean have_row;

  *n_events = 0;
  stmt = loket_db_prepare (db,
                           "SELECT uuid, case_uuid, type, author, device, hlc, body FROM events "
                           "ORDER BY case_uuid, hlc, uuid",
                           error);
  if (stmt == NULL)
    return FALSE;

  for (;;)
    {
      g_autoptr(LoketEvent) event = NULL;
      const char *case_uuid;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;

      case_uuid = loket_db_statement_get_text (stmt, 1);
      if (kase == NULL || strcmp (case_uuid, loket_case_get_uuid (kase)) != 0)
        {
          if (kase != NULL && !folded (kase, apply_error, user_data, error))
            return FALSE;
          g_clear_error (&apply_error);
          g_clear_object (&kase);
          kase = loket_case_new (case_uuid);
        }

      event = loket_event_store_event_from_row (stmt);
      (*n_events)++;
      if (apply_error == NULL && !loket_case_projector_apply (projector, kase, event, &apply_error))
        g_prefix_error (&apply_error, "event %s: ", loket_event_get_uuid (event));
    }

  if (kase != NULL && !folded (kase, apply_error, user_data, error))
    return FALSE;
  return TRUE;
}

typedef struct
{
  LoketDb            *db;
  LoketCaseProjector *projector;
  char               *last_service_id;
  const char         *last_service_name;
} RebuildData;

static gboolean
insert_folded_case (LoketCase *kase,
                    GError    *apply_error,
                    gpointer   user_data,
                    GError   **error)
{
  RebuildData *data = user_data;
  const char *service_id = loket_case_get_service_id (kase);

  if (apply_error != NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, "case %s: %s",
                   loket_case_get_uuid (kase), apply_error->message);
      return FALSE;
    }

  if (g_strcmp0 (service_id, data->last_service_id) != 0)
    {
      g_free (data->last_service_id);
      data->last_service_id = g_strdup (service_id);
      data->last_service_name = loket_store_maintenance_service_name (data->projector, service_id);
    }
  return loket_projection_store_insert_bulk (data->db, kase, data->last_service_name, error);
}

static gboolean
rebuild_in_transaction (LoketDb            *db,
                        LoketCaseProjector *projector,
                        guint              *n_events,
                        GError            **error)
{
  g_autoptr(GPtrArray) index_sql = NULL;
  RebuildData data = { db, projector, NULL, NULL };
  gboolean ok;

  /* Indexes are built once, after the rows are in: far cheaper than maintaining them. */
  index_sql = loket_projection_store_drop_indexes (db, error);
  if (index_sql == NULL || !loket_db_exec (db, "DELETE FROM cases", error))
    return FALSE;
  ok = fold_all_cases (db, projector, insert_folded_case, &data, n_events, error);
  g_free (data.last_service_id);
  return ok && loket_projection_store_create_indexes (db, index_sql, error) &&
         loket_search_index_rebuild (db, error);
}

gboolean
loket_store_maintenance_rebuild (LoketDb            *db,
                                 LoketCaseProjector *projector,
                                 guint              *n_events,
                                 GError            **error)
{
  gint64 start = g_get_monotonic_time ();
  guint n = 0;

  if (!loket_db_begin (db, error))
    return FALSE;
  if (!rebuild_in_transaction (db, projector, &n, error) || !loket_db_commit (db, error))
    {
      loket_db_rollback (db);
      loket_db_clear_cache (db);
      return FALSE;
    }
  g_debug ("Rebuilt the projections of %u events in %.3f s", n,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  if (n_events != NULL)
    *n_events = n;
  return TRUE;
}

/* Check */

static void
add_problem (LoketStoreCheckReport *report,
             char                  *line)
{
  g_ptr_array_add (report->problems, line);
}

static gboolean
check_integrity (LoketDb               *db,
                 LoketStoreCheckReport *report,
                 GError               **error)
{
  g_autoptr(LoketDbStatement) stmt = loket_db_prepare (db, "PRAGMA integrity_check", error);
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
        add_problem (report, g_strdup_printf (_("database: %s"), line));
    }
}

static gboolean
check_chains (LoketDb               *db,
              LoketStoreCheckReport *report,
              GError               **error)
{
  g_autoptr(LoketDbStatement) stmt = NULL;
  g_autofree char *case_uuid = NULL;
  g_autofree char *prev_stored = NULL;
  gint64 expected_seq = 0;
  gboolean have_row;

  stmt = loket_db_prepare (db,
                           "SELECT " LOKET_EVENT_STORE_COLUMNS " FROM events "
                           "ORDER BY case_uuid, case_seq",
                           error);
  if (stmt == NULL)
    return FALSE;

  for (;;)
    {
      g_autoptr(LoketEvent) event = NULL;
      g_autofree char *recomputed = NULL;
      const char *stored_prev, *stored_hash, *uuid;
      gint64 seq;

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
        add_problem (report,
                     g_strdup_printf (_("case %s: event %s (#%" G_GINT64_FORMAT "): out of "
                                        "sequence, expected #%" G_GINT64_FORMAT),
                                      case_uuid, uuid, seq, expected_seq));
      if (g_strcmp0 (stored_prev, prev_stored) != 0)
        add_problem (report,
                     g_strdup_printf (_("case %s: event %s (#%" G_GINT64_FORMAT "): does not "
                                        "link to the previous event"),
                                      case_uuid, uuid, seq));

      event = loket_event_store_event_from_row (stmt);
      recomputed = loket_event_compute_hash (event, stored_prev);
      if (g_strcmp0 (recomputed, stored_hash) != 0)
        add_problem (report,
                     g_strdup_printf (_("case %s: event %s (#%" G_GINT64_FORMAT "): hash "
                                        "mismatch"),
                                      case_uuid, uuid, seq));

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
compare_folded_case (LoketCase *kase,
                     GError    *apply_error,
                     gpointer   user_data,
                     GError   **error)
{
  CheckData *data = user_data;
  g_autoptr(LoketCase) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *uuid = loket_case_get_uuid (kase);

  data->n_folded++;
  if (apply_error != NULL)
    {
      add_problem (data->report, g_strdup_printf (_("case %s: cannot be projected: %s"), uuid,
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
    add_problem (data->report, g_strdup_printf (_("case %s: projection missing"), uuid));
  else if (!loket_case_equal (stored, kase))
    add_problem (data->report,
                 g_strdup_printf (_("case %s: stored projection differs from its events"), uuid));
  return TRUE;
}

static gboolean
check_projections (LoketDb               *db,
                   LoketCaseProjector    *projector,
                   LoketStoreCheckReport *report,
                   GError               **error)
{
  CheckData data = { db, report, 0 };
  g_autoptr(LoketDbStatement) orphans = NULL;
  gint64 n_rows = 0;
  gboolean have_row;
  guint n_events;

  if (!fold_all_cases (db, projector, compare_folded_case, &data, &n_events, error) ||
      !loket_db_query_int64 (db, "SELECT count(*) FROM cases", &n_rows, error))
    return FALSE;
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
      add_problem (report, g_strdup_printf (_("case %s: projection without events"),
                                            loket_db_statement_get_text (orphans, 0)));
    }
}

static gboolean
check_blobs (LoketDb               *db,
             LoketBlobStore        *blobs,
             LoketStoreCheckReport *report,
             GError               **error)
{
  g_autoptr(LoketDbStatement) stmt = loket_db_prepare (db, "SELECT sha256 FROM blobs", error);
  gboolean have_row;

  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      g_autoptr(GError) blob_error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      const char *sha256;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        return TRUE;
      sha256 = loket_db_statement_get_text (stmt, 0);
      report->n_blobs++;
      bytes = loket_blob_store_read (blobs, sha256, &blob_error);
      if (g_error_matches (blob_error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND))
        add_problem (report, g_strdup_printf (_("blob %s: missing"), sha256));
      else if (blob_error != NULL)
        add_problem (report, g_strdup_printf (_("blob %s: %s"), sha256, blob_error->message));
    }
}

LoketStoreCheckReport *
loket_store_maintenance_check (LoketDb            *db,
                               LoketCaseProjector *projector,
                               LoketBlobStore     *blobs,
                               GError            **error)
{
  g_autoptr(LoketStoreCheckReport) report = g_new0 (LoketStoreCheckReport, 1);

  report->problems = g_ptr_array_new_with_free_func (g_free);

  /* One read transaction: every part sees the same snapshot. */
  if (!loket_db_exec (db, "BEGIN", error))
    return NULL;
  if (!check_integrity (db, report, error) || !check_chains (db, report, error) ||
      !check_projections (db, projector, report, error) ||
      !check_blobs (db, blobs, report, error))
    {
      loket_db_rollback (db);
      return NULL;
    }
  loket_db_rollback (db);
  return g_steal_pointer (&report);
}
