// SPDX-License-Identifier: GPL-3.0-or-later
// A rebuild gives exactly the rows the store kept while appending (incremental projection), on a
// demo database with dispositions (draft_chain is compared too; test-store-chain and chain-cli
// rebuild real chains): in place (rows current, rows damaged, orphans, a damaged
// search index) and from emptied tables (the bulk path).
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "loket-db.h"
#include "loket-demo.h"
#include "loket-org-chart.h"
#include "loket-store-maintenance.h"
#include "loket-store.h"
#include "loket-test-utils.h"

typedef struct
{
  char                *dir;
  char                *path;
  LoketServiceCatalog *catalog;
  LoketWorkCalendar   *calendar;
  LoketOrgChart       *org;
  LoketCaseProjector  *projector;
  LoketStore          *store;
} Fixture;

/* Every projection table as text: `cases` without its row ids, `dispositions`, the counters. */
static char *
snapshot (const char *path)
{
  const char *queries[] = {
    "SELECT uuid, agency_id, service_id, service_name, unit_id, channel, agenda_number, subject, "
    "applicant_name, applicant_nik, holder, status, status_rank, is_open, received_at, "
    "complete_at, due_at, closed_at, event_count, last_hlc, pauses, agenda_sort, applicant_sort, "
    "service_sort, due_sort FROM cases ORDER BY uuid",
    "SELECT * FROM dispositions ORDER BY id, position_id",
    "SELECT unit_id, status_rank, n FROM case_counts WHERE n <> 0 ORDER BY 1, 2",
    "SELECT * FROM draft_chain ORDER BY draft_id",
  };
  GString *text = g_string_new (NULL);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              int type = sqlite3_column_type (stmt, c);

              /* The storage class too: "1" and 1 are different rows. */
              g_string_append_printf (text, "%d:%s|", type,
                                      type == SQLITE_NULL ? ""
                                                          : (const char *) sqlite3_column_text (stmt, c));
            }
          g_string_append_c (text, '\n');
        }
      g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);
      g_string_append (text, "--\n");
    }
  sqlite3_close (db);
  return g_string_free (text, FALSE);
}

static void
run_sql (const char *path, const char *sql)
{
  sqlite3 *db;
  char    *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
query_int (const char *path, const char *sql)
{
  sqlite3      *db;
  sqlite3_stmt *stmt;
  gint64        value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *path, const char *sql)
{
  sqlite3      *db;
  sqlite3_stmt *stmt;
  char         *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
open_store (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  f->store = loket_store_open (f->path, f->projector, &error);
  g_assert_no_error (error);
}

static void
close_store (Fixture *f)
{
  loket_store_close (f->store);
  g_clear_object (&f->store);
}

static void
rebuild_and_check (Fixture *f)
{
  g_autoptr (LoketStoreCheckReport) report = NULL;
  g_autoptr (GError) error = NULL;

  open_store (f);
  g_assert_true (loket_store_rebuild_projections (f->store, &error));
  g_assert_no_error (error);
  report = loket_store_check (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("problem: %s", (const char *) report->problems->pdata[i]);
  g_assert_cmpuint (report->problems->len, ==, 0);
  close_store (f);
}

static guint
count_search (Fixture *f, const char *text)
{
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  g_autoptr (GError) error = NULL;
  guint n;

  open_store (f);
  query->search = g_strdup (text);
  n = loket_store_count_cases (f->store, query, &error);
  g_assert_no_error (error);
  close_store (f);
  return n;
}

static void
test_rebuild_matches_incremental (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *incremental = NULL;
  g_autofree char *rebuilt = NULL;
  g_autofree char *trigger = NULL;
  gint64 n_dispositions;

  f.dir = g_dir_make_tmp ("loket-rebuild-XXXXXX", NULL);
  f.path = g_build_filename (f.dir, "demo.db", NULL);
  f.catalog = loket_service_catalog_new_default (&error);
  g_assert_no_error (error);
  f.calendar = loket_work_calendar_new_default (&error);
  g_assert_no_error (error);
  f.org = loket_org_chart_new_default (&error);
  g_assert_no_error (error);
  f.projector = loket_case_projector_new (f.catalog, f.calendar);

  /* The demo appends through the store: these rows are the incremental projection. */
  open_store (&f);
  g_assert_true (loket_demo_populate (f.store, f.catalog, f.org, 400, 7, NULL,
                                      1763780000 /* Nov 2025 */, NULL, NULL, &error));
  g_assert_no_error (error);
  close_store (&f);
  incremental = snapshot (f.path);
  n_dispositions = query_int (f.path, "SELECT count(*) FROM dispositions");
  g_assert_cmpint (n_dispositions, >, 50);
  g_assert_cmpint (query_int (f.path, "SELECT count(*) FROM cases"), ==, 400);

  /* In place, rows current: nothing changes. */
  rebuild_and_check (&f);
  rebuilt = snapshot (f.path);
  g_assert_cmpstr (rebuilt, ==, incremental);
  g_clear_pointer (&rebuilt, g_free);

  /* In place, rows damaged behind the store's back, orphan rows, a search index that no longer
   * matches the rows (a subject changed with its trigger off). */
  trigger = query_text (f.path, "SELECT sql FROM sqlite_master WHERE name = 'cases_search_update'");
  run_sql (f.path,
           "DROP TRIGGER cases_search_update;"
           "UPDATE cases SET holder = 'hantu', agenda_sort = 'zz', subject = 'hantu' "
           "  WHERE id % 7 = 0;"
           "UPDATE cases SET due_at = due_at + 1, pauses = '1:2' WHERE id % 11 = 0;"
           "DELETE FROM cases WHERE id % 13 = 0;"
           "DELETE FROM dispositions WHERE (unicode (substr (id, 1, 1)) + unicode (substr (id, 2, "
           "  1))) % 5 = 0;"
           "UPDATE dispositions SET read_at = read_at + 1, instructions = '[\"x\"]' "
           "  WHERE (unicode (substr (id, 3, 1))) % 3 = 0;"
           "INSERT INTO dispositions (id, position_id, case_uuid, instructions, sent_hlc, sent_at, "
           "  state, is_open) VALUES ('orphan', 'p', 'no-such-case', '[]', '1', 1, 0, 1);"
           "INSERT INTO cases (uuid, status, status_rank, is_open, subject) "
           "  VALUES ('orphan-case', 'registered', 0, 1, 'hantu');"
           "UPDATE case_counts SET n = n + 3;");
  run_sql (f.path, trigger);
  g_assert_cmpuint (count_search (&f, "hantu"), >, 0);
  rebuild_and_check (&f);
  rebuilt = snapshot (f.path);
  g_assert_cmpstr (rebuilt, ==, incremental);
  g_clear_pointer (&rebuilt, g_free);
  g_assert_cmpuint (count_search (&f, "hantu"), ==, 0);

  /* In place on a database in rollback-journal mode, which no second connection can read
   * beside: the stored rows are read on the rebuilding connection itself. */
  run_sql (f.path,
           "UPDATE cases SET holder = 'hantu' WHERE id % 5 = 0;"
           "DELETE FROM dispositions WHERE (unicode (substr (id, 1, 1))) % 4 = 0;");
  {
    g_autoptr (LoketDb) db = loket_db_open (f.path, LOKET_DB_OPEN_READ_WRITE, &error);
    guint n_events = 0;

    g_assert_no_error (error);
    g_assert_true (loket_db_exec (db, "PRAGMA journal_mode = DELETE", &error));
    g_assert_no_error (error);
    g_assert_true (loket_store_maintenance_rebuild (db, f.projector, &n_events, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_events, >, 400);
  }
  rebuilt = snapshot (f.path);
  g_assert_cmpstr (rebuilt, ==, incremental);
  g_clear_pointer (&rebuilt, g_free);

  /* From emptied tables: plain inserts, indexes and search built afterwards. */
  run_sql (f.path, "DELETE FROM cases; DELETE FROM dispositions;");
  g_assert_cmpint (query_int (f.path, "SELECT count(*) FROM cases"), ==, 0);
  rebuild_and_check (&f);
  rebuilt = snapshot (f.path);
  g_assert_cmpstr (rebuilt, ==, incremental);
  g_clear_pointer (&rebuilt, g_free);
  g_assert_cmpint (query_int (f.path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                      "AND tbl_name IN ('cases', 'dispositions')"),
                   >=, 15);
  {
    g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
    g_autoptr (GPtrArray) page = NULL;

    open_store (&f);
    page = loket_store_list_cases (f.store, query, 0, 5, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 5);
    query->search = g_strdup (loket_case_get_applicant_name (page->pdata[0]));
    g_assert_cmpuint (loket_store_count_cases (f.store, query, &error), >, 0);
    g_assert_no_error (error);
    close_store (&f);
  }

  g_clear_object (&f.projector);
  g_clear_object (&f.org);
  g_clear_object (&f.calendar);
  g_clear_object (&f.catalog);
  loket_test_remove_tree (f.dir);
  g_free (f.dir);
  g_free (f.path);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loket/store/rebuild/matches-incremental", test_rebuild_matches_incremental);
  return g_test_run ();
}
