// SPDX-License-Identifier: GPL-3.0-or-later
// Seeded randomised sync: N clients × M operations (local work, syncs, syncs through faults),
// then the three invariants. The seed is printed; LOKET_SYNC_SEED=<seed> replays a run,
// LOKET_SYNC_OPS=<M> changes its length.
#include "config.h"

#include <signal.h>

#include "sync-fixture.h"

#define N_CLIENTS 3
#define T_MS ((gint64) 1790816400000)

typedef struct
{
  SyncCluster *cluster;
  SyncProxy   *proxy;
  GRand       *rand;
  char        *db[N_CLIENTS];
  GHashTable  *created;          /* event uuid → NULL */
  GPtrArray   *cases;            /* case uuids some client knows (element utf8) */
  GArray      *owner;            /* per case of cases: the client that registered it (guint) */
  GArray      *uploaded;         /* per case of cases: its owner has synced since (gboolean) */
  GPtrArray   *known[N_CLIENTS]; /* cases each client has (element utf8, borrowed) */
  gint64       clock_ms[N_CLIENTS];
} World;

static const char *users[N_CLIENTS] = { "kadis", "sekretaris", "staf" };
static const char *devices[N_CLIENTS] = { "pc-1", "pc-2", "pc-3" };

static void
record (World *w, GPtrArray *events)
{
  for (guint i = 0; i < events->len; i++)
    g_hash_table_add (w->created, g_strdup (loket_event_get_uuid (g_ptr_array_index (events, i))));
}

/* A client's clock: mostly forward, sometimes skewed behind the others. */
static gint64
tick (World *w, guint client)
{
  w->clock_ms[client] += g_rand_int_range (w->rand, 1, 600000);
  return w->clock_ms[client];
}

static void
op_work (World *w, guint client)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_rand_int_range (w->rand, 1, 6);

  for (guint i = 0; i < n; i++)
    {
      if (w->known[client]->len == 0 || g_rand_int_range (w->rand, 0, 4) == 0)
        {
          char *uuid = NULL;
          g_autoptr (GPtrArray) intake
            = sync_new_case (users[client], devices[client], tick (w, client), &uuid);
          gboolean no = FALSE;

          g_ptr_array_add (w->cases, uuid);
          g_array_append_val (w->owner, client);
          g_array_append_val (w->uploaded, no);
          g_ptr_array_add (w->known[client], uuid);
          g_ptr_array_extend_and_steal (events, g_steal_pointer (&intake));
        }
      else
        {
          const char *case_uuid = g_ptr_array_index (
            w->known[client], g_rand_int_range (w->rand, 0, w->known[client]->len));
          g_autofree char *text
            = g_strdup_printf ("{\"text\":\"catatan %u\"}", g_rand_int (w->rand));

          if (client < 2 && g_rand_boolean (w->rand))
            {
              g_autofree char *id = g_uuid_string_random ();
              g_autofree char *body
                = g_strdup_printf ("{\"id\":\"%s\",\"from\":\"pos-%u\",\"to\":[\"pos-x%u\"],"
                                   "\"instruction\":\"untuk_ditindaklanjuti\"}",
                                   id, client, g_rand_int_range (w->rand, 0, 3));
              g_ptr_array_add (events, sync_event (case_uuid, "disposition.sent", users[client],
                                                   devices[client], tick (w, client), body));
            }
          else
            g_ptr_array_add (events, sync_event (case_uuid, "comment.added", users[client],
                                                 devices[client], tick (w, client), text));
        }
    }
  record (w, events);
  sync_append (w->db[client], events);
}

/* After a successful sync a client's own cases are on the server, and the client knows every
 * case the server has, plus its own. A case another client registered offline and has not synced
 * yet is unknown to it: a real officer cannot act on a case that is not on their PC. */
static void
learn_all (World *w, guint client)
{
  for (guint i = 0; i < w->cases->len; i++)
    if (g_array_index (w->owner, guint, i) == client)
      g_array_index (w->uploaded, gboolean, i) = TRUE;
  g_ptr_array_set_size (w->known[client], 0);
  for (guint i = 0; i < w->cases->len; i++)
    if (g_array_index (w->uploaded, gboolean, i) || g_array_index (w->owner, guint, i) == client)
      g_ptr_array_add (w->known[client], g_ptr_array_index (w->cases, i));
}

static void
kill_server_cb (gpointer data)
{
  sync_cluster_kill_server (((World *) data)->cluster);
}

static void
op_sync (World *w, guint client)
{
  const char *prefixes[] = { "POST /api/v1/sync/push", "GET /api/v1/sync/pull" };
  guint       fault = g_rand_int_range (w->rand, 0, 5);
  const char *prefix = prefixes[g_rand_int_range (w->rand, 0, 2)];
  gboolean    ok;

  switch (fault)
    {
      case 0: /* a lost reply */
        sync_proxy_arm (w->proxy, prefix, 1, SYNC_PROXY_DROP_REPLY, NULL, NULL);
        break;
      case 1: /* the server dies mid-request */
        sync_proxy_arm (w->proxy, prefix, 1, SYNC_PROXY_CALLBACK, kill_server_cb, w);
        break;
      default: /* no fault */
        sync_proxy_arm (w->proxy, "no such request", 1, SYNC_PROXY_FORWARD, NULL, NULL);
        break;
    }
  g_test_message ("sync client %u, fault %u on %s", client, fault, prefix);
  ok = sync_run_cli (w->cluster, w->db[client], sync_proxy_get_url (w->proxy), users[client], NULL);
  if (w->cluster->server == NULL)
    sync_cluster_start_server (w->cluster);
  if (ok)
    learn_all (w, client);
  sync_assert_replica_clean (w->db[client]);
}

static void
test_random (void)
{
  g_autoptr (SyncCluster) cluster = sync_cluster_start ();
  World       w = { 0 };
  const char *seed_text = g_getenv ("LOKET_SYNC_SEED");
  const char *ops_text = g_getenv ("LOKET_SYNC_OPS");
  guint32     seed
    = seed_text != NULL ? (guint32) g_ascii_strtoull (seed_text, NULL, 10) : g_random_int ();
  guint n_ops = ops_text != NULL ? (guint) g_ascii_strtoull (ops_text, NULL, 10) : 24;
  g_autoptr (GHashTable) on_server = NULL;
  g_autofree char *first = NULL;
  GHashTableIter   iter;
  gpointer         uuid;

  /* Printed so that a failure can be replayed exactly. */
  g_printerr ("# LOKET_SYNC_SEED=%u LOKET_SYNC_OPS=%u\n", seed, n_ops);
  g_test_message ("LOKET_SYNC_SEED=%u LOKET_SYNC_OPS=%u", seed, n_ops);

  w.cluster = cluster;
  w.proxy = sync_proxy_new (cluster->port);
  w.rand = g_rand_new_with_seed (seed);
  w.created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.cases = g_ptr_array_new_with_free_func (g_free);
  w.owner = g_array_new (FALSE, FALSE, sizeof (guint));
  w.uploaded = g_array_new (FALSE, FALSE, sizeof (gboolean));
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("random-%u.db", i);
      w.db[i] = g_build_filename (cluster->dir, name, NULL);
      w.known[i] = g_ptr_array_new ();
      /* Clocks up to an hour apart. */
      w.clock_ms[i] = T_MS + g_rand_int_range (w.rand, 0, 3600000);
    }

  for (guint op = 0; op < n_ops; op++)
    {
      guint client = g_rand_int_range (w.rand, 0, N_CLIENTS);

      if (g_rand_int_range (w.rand, 0, 2) == 0)
        op_work (&w, client);
      else
        op_sync (&w, client);
    }

  /* Recovery: everyone syncs twice, without faults (the server is restarted by op_sync). */
  sync_proxy_arm (w.proxy, "no such request", 1, SYNC_PROXY_FORWARD, NULL, NULL);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < N_CLIENTS; i++)
      if (!sync_run_cli (cluster, w.db[i], cluster->url, users[i], NULL))
        g_error ("client %u did not recover (LOKET_SYNC_SEED=%u)", i, seed);

  /* 1. No acknowledged event lost and 2. none duplicated (checked by sync_server_uuids). */
  on_server = sync_server_uuids (cluster, "kadis");
  g_assert_cmpuint (g_hash_table_size (on_server), ==, g_hash_table_size (w.created));
  g_hash_table_iter_init (&iter, w.created);
  while (g_hash_table_iter_next (&iter, &uuid, NULL))
    g_assert_true (g_hash_table_contains (on_server, uuid));
  /* 3. All replicas converge. */
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      guint            n = 0;
      g_autofree char *digest = NULL;

      if (!g_file_test (w.db[i], G_FILE_TEST_EXISTS))
        continue;
      digest = sync_replica_digest (w.db[i], &n);
      g_assert_cmpuint (n, ==, g_hash_table_size (w.created));
      g_assert_cmpuint (sync_replica_pending (w.db[i]), ==, 0);
      if (first == NULL)
        first = g_strdup (digest);
      else
        g_assert_cmpstr (digest, ==, first);
    }

  sync_proxy_free (w.proxy);
  g_rand_free (w.rand);
  g_hash_table_unref (w.created);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_free (w.db[i]);
      g_ptr_array_unref (w.known[i]);
    }
  g_ptr_array_unref (w.cases);
  g_array_unref (w.owner);
  g_array_unref (w.uploaded);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cm/sync/random/invariants", test_random);
  return g_test_run ();
}
