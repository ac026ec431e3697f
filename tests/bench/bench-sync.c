// SPDX-License-Identifier: GPL-3.0-or-later
// Sync benchmark on loopback: the first sync of 100,000 events to an empty client (issue 7
// target ≤ 15 s), through a real loket-server on PostgreSQL. LOKET_BENCH_SYNC_EVENTS=N changes
// the number of events.
#include "config.h"

#include <sqlite3.h>
#include <sys/resource.h>

#include "bench-fixture.h"
#include "loket-sync-client.h"
#include "store-test-events.h"
#include "sync-fixture.h"

typedef struct
{
  GAsyncResult *result;
} Wait;

/* One integer a query on the replica gives. */
static gint64
query_int (const char *path, const char *sql)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64        value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
wait_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  ((Wait *) data)->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

int
main (int argc, char **argv)
{
  g_autoptr (SyncCluster) cluster = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSyncClient) client = NULL;
  g_autoptr (LoketSyncSession) session = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autofree char *db = NULL;
  g_autofree char *out = NULL;
  const char      *env = g_getenv ("LOKET_BENCH_SYNC_EVENTS");
  guint            n_events = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 100000;
  guint            n_pushed = 0, n_case = 0;
  double           push_s, first_s, again_s, cpu_s;
  struct rusage    before, after;
  Wait             login = { 0 };

  g_print ("Sync benchmark: %u events, loopback, PostgreSQL + loket-server\n", n_events);
  cluster = sync_cluster_start ();
  client = loket_sync_client_new (cluster->url, &error);
  g_assert_no_error (error);
  loket_sync_client_login_async (client, "kadis", SYNC_PASSWORD, "bench", NULL, wait_cb, &login);
  session = loket_sync_client_login_finish (client, wait_for (&login), &error);
  g_object_unref (login.result);
  g_assert_no_error (error);

  /* The office's history: cases of 10 events (registered, complete, 8 comments). */
  g_timer_start (timer);
  while (n_pushed < n_events)
    {
      g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (LoketSyncPushReply) reply = NULL;
      Wait push = { 0 };

      while (batch->len + 10 <= 500 && n_pushed + batch->len < n_events)
        {
          g_autofree char *uuid = g_uuid_string_random ();
          g_autofree char *agenda = g_strdup_printf ("%u/B/2026", ++n_case);
          StoreTestCase    spec = {
               uuid, agenda, "Yohanes Bria", "5371010101900001", NULL, 1790816400 + n_case * 60, 2
          };
          g_autoptr (GPtrArray) events = store_test_case_events (&spec);

          /* Review comments on the case's draft, as EVENTS.md describes them. */
          for (guint i = 0; i < 8; i++)
            {
              g_autofree char *id = g_uuid_string_random ();
              g_autofree char *body = g_strdup_printf (
                "{\"id\":\"%s\",\"draft_id\":\"draft-1\",\"version\":1,\"page\":0,"
                "\"text\":\"Mohon periksa paragraf %u\",\"position\":\"kasi\"}",
                id, i + 1);

              g_ptr_array_add (events,
                               store_test_event (uuid, "comment.added",
                                                 1790816400 + n_case * 60 + 7200, i + 1, body));
            }
          g_ptr_array_extend_and_steal (batch, g_steal_pointer (&events));
        }
      if (batch->len > n_events - n_pushed)
        g_ptr_array_set_size (batch, n_events - n_pushed);
      loket_sync_client_push_async (client, "bench", batch, NULL, wait_cb, &push);
      reply = loket_sync_client_push_finish (client, wait_for (&push), &error);
      g_object_unref (push.result);
      g_assert_no_error (error);
      n_pushed += batch->len;
    }
  push_s = g_timer_elapsed (timer, NULL);

  db = g_build_filename (cluster->dir, "new-pc.db", NULL);
  getrusage (RUSAGE_CHILDREN, &before);
  g_timer_start (timer);
  if (!sync_run_cli (cluster, db, cluster->url, "kadis", &out))
    g_error ("first sync failed: %s", out);
  first_s = g_timer_elapsed (timer, NULL);
  /* CPU of the loket-cli process alone: the figure that does not depend on a busy machine. */
  getrusage (RUSAGE_CHILDREN, &after);
  cpu_s = (after.ru_utime.tv_sec - before.ru_utime.tv_sec)
          + (after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6
          + (after.ru_stime.tv_sec - before.ru_stime.tv_sec)
          + (after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
  /* The timed part did all of it: every event stored once, every case projected. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM events"), ==, n_pushed);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT uuid) FROM events"), ==, n_pushed);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases"), ==, n_case);
  g_assert_cmpint (query_int (db, "SELECT sum(event_count) FROM cases"), ==, n_pushed);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases WHERE status = 'in_process'"), ==,
                   n_case);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sync_outbox"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_timer_start (timer);
  if (!sync_run_cli (cluster, db, cluster->url, "kadis", &out))
    g_error ("second sync failed: %s", out);
  again_s = g_timer_elapsed (timer, NULL);

  loket_bench_row ("sync: events pushed per second (500/batch)", n_pushed / push_s, "ev/s",
                   "(info)");
  loket_bench_row ("sync: first sync of all events, empty client", first_s, "s", "≤ 15");
  loket_bench_row ("sync: first sync, events applied per second", n_pushed / first_s, "ev/s",
                   "(info)");
  loket_bench_row ("sync: first sync, CPU time of the client", cpu_s, "s", "(info)");
  loket_bench_row ("sync: next sync with nothing new", again_s, "s", "(info)");
  return 0;
}
