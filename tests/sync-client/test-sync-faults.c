// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 7 faults, nothing mocked: loket-server SIGKILLed in the middle of a push and of a pull,
// the connection cut after the request and before the reply, the same batch delivered twice, a
// client SIGKILLed while it applies a pull, PostgreSQL restarted during a push. After recovery:
// no acknowledged event lost, none duplicated, all replicas converge.
#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include <string.h>

#include "loket-sync-client.h"
#include "store-test-events.h"
#include "sync-fixture.h"

#define T_MS ((gint64) 1790816400000)

typedef struct
{
  SyncCluster *cluster;
  SyncProxy   *proxy;
  char        *a; /* the PC that writes */
  char        *b; /* a new PC that downloads */
  GHashTable  *created;
} Faults;

static void
faults_set_up (Faults *f, gconstpointer data)
{
  f->cluster = sync_cluster_start ();
  f->proxy = sync_proxy_new (f->cluster->port);
  f->a = g_build_filename (f->cluster->dir, "a.db", NULL);
  f->b = g_build_filename (f->cluster->dir, "b.db", NULL);
  f->created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
faults_tear_down (Faults *f, gconstpointer data)
{
  sync_proxy_free (f->proxy);
  g_free (f->a);
  g_free (f->b);
  g_hash_table_unref (f->created);
  sync_cluster_free (f->cluster);
}

/* @n_cases whole cases (7 events each: registered … closed) on PC a. */
static void
write_cases (Faults *f, guint n_cases)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *agenda = g_strdup_printf ("%u/F/2026", i + 1);
      StoreTestCase    spec
        = { uuid, agenda, "Maria Bunga", "5371014101900002", NULL, T_MS / 1000 + i * 60, 7 };
      g_autoptr (GPtrArray) events = store_test_case_events (&spec);

      for (guint j = 0; j < events->len; j++)
        g_hash_table_add (f->created,
                          g_strdup (loket_event_get_uuid (g_ptr_array_index (events, j))));
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&events));
    }
  sync_append (f->a, all);
}

static void
sync_until_ok (Faults *f, const char *db, const char *url)
{
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      if (sync_run_cli (f->cluster, db, url, "kadis", NULL))
        return;
      g_usleep (250 * 1000);
    }
  g_error ("%s never synced", db);
}

static void
assert_invariants (Faults *f)
{
  g_autoptr (GHashTable) on_server = NULL;
  g_autofree char *digest_a = NULL, *digest_b = NULL;
  guint            n_a = 0, n_b = 0;
  GHashTableIter   iter;
  gpointer         uuid;

  /* Recovery: both PCs sync again. */
  sync_until_ok (f, f->a, f->cluster->url);
  sync_until_ok (f, f->b, f->cluster->url);

  /* Nothing lost, nothing twice (sync_server_uuids asserts uniqueness and seq order). */
  on_server = sync_server_uuids (f->cluster, "kadis");
  g_assert_cmpuint (g_hash_table_size (on_server), ==, g_hash_table_size (f->created));
  g_hash_table_iter_init (&iter, f->created);
  while (g_hash_table_iter_next (&iter, &uuid, NULL))
    g_assert_true (g_hash_table_contains (on_server, uuid));

  g_assert_cmpuint (sync_replica_pending (f->a), ==, 0);
  digest_a = sync_replica_digest (f->a, &n_a);
  digest_b = sync_replica_digest (f->b, &n_b);
  g_assert_cmpuint (n_a, ==, g_hash_table_size (f->created));
  g_assert_cmpuint (n_b, ==, n_a);
  g_assert_cmpstr (digest_a, ==, digest_b);
  sync_assert_replica_clean (f->a);
  sync_assert_replica_clean (f->b);
}

static void
kill_server_cb (gpointer data)
{
  sync_cluster_kill_server (((Faults *) data)->cluster);
}

static void
test_server_killed_mid_push (Faults *f, gconstpointer data)
{
  write_cases (f, 200); /* 1400 events: 3 batches */
  sync_proxy_arm (f->proxy, "POST /api/v1/sync/push", 2, SYNC_PROXY_CALLBACK, kill_server_cb, f);
  g_assert_false (sync_run_cli (f->cluster, f->a, sync_proxy_get_url (f->proxy), "kadis", NULL));
  g_assert_true (sync_proxy_fired (f->proxy));
  /* The first batch was acknowledged before the crash. */
  g_assert_cmpuint (sync_replica_pending (f->a), <, 1400);
  g_assert_cmpuint (sync_replica_pending (f->a), >=, 1400 - 2 * 500);

  sync_cluster_start_server (f->cluster);
  assert_invariants (f);
}

static void
test_server_killed_mid_pull (Faults *f, gconstpointer data)
{
  write_cases (f, 200);
  sync_until_ok (f, f->a, f->cluster->url);
  sync_proxy_arm (f->proxy, "GET /api/v1/sync/pull", 2, SYNC_PROXY_CALLBACK, kill_server_cb, f);
  g_assert_false (sync_run_cli (f->cluster, f->b, sync_proxy_get_url (f->proxy), "kadis", NULL));
  g_assert_true (sync_proxy_fired (f->proxy));
  /* The first page is applied and stays consistent. */
  sync_assert_replica_clean (f->b);

  sync_cluster_start_server (f->cluster);
  assert_invariants (f);
}

static void
test_reply_lost (Faults *f, gconstpointer data)
{
  g_autofree char *out = NULL;

  write_cases (f, 30);
  /* The server stores the batch; the reply never reaches the client. */
  sync_proxy_arm (f->proxy, "POST /api/v1/sync/push", 1, SYNC_PROXY_DROP_REPLY, NULL, NULL);
  g_assert_false (sync_run_cli (f->cluster, f->a, sync_proxy_get_url (f->proxy), "kadis", NULL));
  g_assert_true (sync_proxy_fired (f->proxy));
  g_assert_cmpuint (sync_replica_pending (f->a), ==, 210);
  /* Sent again: the server recognises every event (same seqs), nothing is stored twice. */
  g_assert_true (sync_run_cli (f->cluster, f->a, sync_proxy_get_url (f->proxy), "kadis", &out));
  g_assert_nonnull (strstr (out, "pushed: 210 events (210 already on the server)"));

  /* A pull whose reply is lost is simply asked again (libsoup itself resends an idempotent
   * GET whose kept-alive connection closed without a reply; else the next round does). */
  sync_proxy_arm (f->proxy, "GET /api/v1/sync/pull", 1, SYNC_PROXY_DROP_REPLY, NULL, NULL);
  sync_run_cli (f->cluster, f->b, sync_proxy_get_url (f->proxy), "kadis", NULL);
  g_assert_true (sync_proxy_fired (f->proxy));
  sync_assert_replica_clean (f->b);
  assert_invariants (f);
}

typedef struct
{
  GAsyncResult *result;
} Wait;

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

static void
test_same_batch_twice (Faults *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSyncClient) client = loket_sync_client_new (f->cluster->url, &error);
  g_autoptr (LoketSyncSession) session = NULL;
  g_autoptr (LoketSyncPushReply) first = NULL;
  g_autoptr (LoketSyncPushReply) second = NULL;
  g_autoptr (GPtrArray) batch = NULL;
  Wait w1 = { 0 }, w2 = { 0 }, w3 = { 0 };

  write_cases (f, 10);
  {
    g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr (LoketStore) s = sync_open_store (f->a);
    g_autoptr (GPtrArray) cases = NULL;
    LoketCaseQuery query = { 0 };

    cases = loket_store_list_cases (s, &query, 0, 100, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < cases->len; i++)
      {
        g_autoptr (GPtrArray) ce = loket_store_get_case_events (
          s, loket_case_get_uuid (g_ptr_array_index (cases, i)), &error);
        g_assert_no_error (error);
        g_ptr_array_extend_and_steal (events, g_steal_pointer (&ce));
      }
    loket_store_close (s);
    batch = g_steal_pointer (&events);
  }
  g_assert_cmpuint (batch->len, ==, 70);

  g_assert_no_error (error);
  loket_sync_client_login_async (client, "kadis", SYNC_PASSWORD, "test", NULL, wait_cb, &w1);
  session = loket_sync_client_login_finish (client, wait_for (&w1), &error);
  g_assert_no_error (error);
  loket_sync_client_push_async (client, "test", batch, NULL, wait_cb, &w2);
  first = loket_sync_client_push_finish (client, wait_for (&w2), &error);
  g_assert_no_error (error);
  loket_sync_client_push_async (client, "test", batch, NULL, wait_cb, &w3);
  second = loket_sync_client_push_finish (client, wait_for (&w3), &error);
  g_assert_no_error (error);
  g_object_unref (w1.result);
  g_object_unref (w2.result);
  g_object_unref (w3.result);

  /* Same events, same seqs; the second time every one is a duplicate. */
  g_assert_cmpuint (first->accepted_uuids->len, ==, 70);
  g_assert_cmpuint (first->duplicates->len, ==, 0);
  g_assert_cmpuint (second->accepted_uuids->len, ==, 70);
  g_assert_cmpuint (second->duplicates->len, ==, 70);
  for (guint i = 0; i < 70; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (first->accepted_uuids, i), ==,
                       g_ptr_array_index (second->accepted_uuids, i));
      g_assert_cmpint (g_array_index (first->accepted_seqs, gint64, i), ==,
                       g_array_index (second->accepted_seqs, gint64, i));
    }
  /* PC a itself still thinks they are pending: its push is a third delivery. */
  assert_invariants (f);
}

typedef struct
{
  GSubprocess *process;
  guint        delay_ms;
} Killer;

static gpointer
killer_thread (gpointer data)
{
  Killer *killer = data;

  g_usleep (killer->delay_ms * 1000);
  g_subprocess_send_signal (killer->process, SIGKILL);
  return NULL;
}

static GThread *killer;

static void
kill_client_later_cb (gpointer data)
{
  killer = g_thread_new ("killer", killer_thread, data);
}

static void
test_client_killed_while_applying (Faults *f, gconstpointer data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);

  write_cases (f, 300); /* 2100 events: 5 pages */
  sync_until_ok (f, f->a, f->cluster->url);
  for (guint round = 0; round < 4; round++)
    {
      g_autoptr (GSubprocess) process = NULL;
      Killer k = { 0 };

      process = sync_spawn_cli (f->cluster, f->b, sync_proxy_get_url (f->proxy), "kadis");
      k.process = process;
      /* Killed a moment after a page's request went out: while it arrives or is applied. */
      k.delay_ms = g_rand_int_range (rand, 20, 200);
      sync_proxy_arm (f->proxy, "GET /api/v1/sync/pull", 1 + round % 2, SYNC_PROXY_CALLBACK,
                      kill_client_later_cb, &k);
      g_subprocess_wait (process, NULL, NULL);
      if (killer != NULL)
        g_thread_join (g_steal_pointer (&killer));
      g_test_message ("round %u: killed after %u ms: %s", round, k.delay_ms,
                      g_subprocess_get_if_signaled (process) ? "killed" : "finished first");
      /* Whatever moment it died at, the database holds whole pages and is consistent. */
      sync_assert_replica_clean (f->b);
    }
  assert_invariants (f);
}

static void
restart_pg_cb (gpointer data)
{
  sync_cluster_restart_pg (((Faults *) data)->cluster);
}

static void
test_postgres_restarted_during_push (Faults *f, gconstpointer data)
{
  write_cases (f, 200);
  sync_proxy_arm (f->proxy, "POST /api/v1/sync/push", 2, SYNC_PROXY_CALLBACK, restart_pg_cb, f);
  /* It may fail (503) or succeed if the server retried; either way nothing is lost. */
  sync_run_cli (f->cluster, f->a, sync_proxy_get_url (f->proxy), "kadis", NULL);
  g_assert_true (sync_proxy_fired (f->proxy));
  sync_until_ok (f, f->a, sync_proxy_get_url (f->proxy));
  assert_invariants (f);
}

static void
test_clear_failures (Faults *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *wrong = g_build_filename (f->cluster->dir, "wrong", NULL);
  g_autofree char *cli
    = g_build_filename (g_getenv ("LOKET_BUILD_ROOT"), "src/cli/loket-cli", NULL);
  g_autoptr (GError) error = NULL;
  int status = 0;

  write_cases (f, 1);
  /* A wrong password: exit 1, said in the user's words, nothing changed. */
  g_assert_true (g_file_set_contents (wrong, "salah-sandi-99\n", -1, NULL));
  {
    const char      *argv[] = { cli,      "sync",     "--db",
                                f->a,     "--server", f->cluster->url,
                                "--user", "kadis",    "--password-file",
                                wrong,    NULL };
    g_autofree char *err = NULL;
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_nonnull (strstr (err, "Wrong username or password."));
  }
  g_assert_cmpuint (sync_replica_pending (f->a), ==, 7);
  /* The server away: exit 1, "cannot be reached", the work stays pending. */
  sync_cluster_kill_server (f->cluster);
  g_clear_pointer (&out, g_free);
  g_assert_false (sync_run_cli (f->cluster, f->a, f->cluster->url, "kadis", &out));
  g_assert_nonnull (strstr (out, "The server cannot be reached. Changes are kept on this PC."));
  g_assert_cmpuint (sync_replica_pending (f->a), ==, 7);
  sync_cluster_start_server (f->cluster);
  assert_invariants (f);
}

/* A PC whose outbox holds an event its user may not write (a staf account with a disposition):
 * the server refuses the batch, the PC says so, keeps the event, and still receives the others'
 * work. */
static void
test_refused_event (Faults *f, gconstpointer data)
{
  g_autoptr (GPtrArray) bad = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *out = NULL;
  g_autofree char *case_uuid = NULL;
  guint            n_b = 0;

  write_cases (f, 3);
  sync_until_ok (f, f->a, f->cluster->url);
  {
    g_autoptr (GPtrArray) intake = sync_new_case ("staf", "pc-b", T_MS, &case_uuid);
    g_ptr_array_extend_and_steal (bad, g_steal_pointer (&intake));
  }
  g_ptr_array_add (bad, sync_event (case_uuid, "disposition.sent", "staf", "pc-b", T_MS + 1000,
                                    "{\"id\":\"x\",\"from\":\"a\",\"to\":[\"b\"],"
                                    "\"instruction\":\"untuk_ditindaklanjuti\"}"));
  sync_append (f->b, bad);

  g_assert_false (sync_run_cli (f->cluster, f->b, f->cluster->url, "staf", &out));
  g_assert_nonnull (strstr (out, "The server refused a change"));
  /* Kept, and the office's 21 events arrived all the same. */
  g_assert_cmpuint (sync_replica_pending (f->b), ==, bad->len);
  g_free (sync_replica_digest (f->b, &n_b));
  g_assert_cmpuint (n_b, ==, 21 + bad->len);
  sync_assert_replica_clean (f->b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn)                                                                              \
  g_test_add ("/cm/sync/faults/" path, Faults, NULL, faults_set_up, fn, faults_tear_down)
  ADD ("server-killed-mid-push", test_server_killed_mid_push);
  ADD ("server-killed-mid-pull", test_server_killed_mid_pull);
  ADD ("reply-lost", test_reply_lost);
  ADD ("same-batch-twice", test_same_batch_twice);
  ADD ("client-killed-while-applying", test_client_killed_while_applying);
  ADD ("postgres-restarted-during-push", test_postgres_restarted_during_push);
  ADD ("clear-failures", test_clear_failures);
  ADD ("refused-event", test_refused_event);
#undef ADD
  return g_test_run ();
}
