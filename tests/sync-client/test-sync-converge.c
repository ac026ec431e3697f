// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 7 acceptance: three PCs work offline on the same cases at once, then sync in different
// orders through a real loket-server on PostgreSQL. Every replica ends with the same events and
// the same projections; concurrent dispositions are both kept and flagged.
#include "config.h"

#include "loket-disposition-ledger.h"
#include "sync-fixture.h"

#define T_MS ((gint64) 1790816400000) /* 2026-10-01 09:00 WITA */

typedef struct
{
  SyncCluster *cluster;
  char        *db[3];
  const char  *user[3];
  const char  *device[3];
  const char  *person[3];
  GHashTable  *created; /* every event UUID appended by the test */
} Office;

static void
office_set_up (Office *o, gconstpointer data)
{
  const char *users[] = { "kadis", "sekretaris", "staf" };
  const char *devices[] = { "pc-kadis", "pc-sekretaris", "pc-loket" };
  const char *people[]
    = { "kopnakertrans-ntt/kadis", "kopnakertrans-ntt/sekretaris", "kopnakertrans-ntt/staf-loket" };

  o->cluster = sync_cluster_start ();
  o->created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("client-%u.db", i);
      o->db[i] = g_build_filename (o->cluster->dir, name, NULL);
      o->user[i] = users[i];
      o->device[i] = devices[i];
      o->person[i] = people[i];
    }
}

static void
office_tear_down (Office *o, gconstpointer data)
{
  for (guint i = 0; i < 3; i++)
    g_free (o->db[i]);
  g_hash_table_unref (o->created);
  sync_cluster_free (o->cluster);
}

static void
append (Office *o, guint client, GPtrArray *events)
{
  for (guint i = 0; i < events->len; i++)
    g_hash_table_add (o->created, g_strdup (loket_event_get_uuid (g_ptr_array_index (events, i))));
  sync_append (o->db[client], events);
}

static LoketEvent *
event (Office     *o,
       guint       client,
       const char *case_uuid,
       const char *type,
       gint64      ms,
       const char *body)
{
  return sync_event (case_uuid, type, o->person[client], o->device[client], ms, body);
}

static char *
disposition_body (const char *from, const char *to)
{
  g_autofree char *id = g_uuid_string_random ();

  return g_strdup_printf ("{\"id\":\"%s\",\"from\":\"%s\",\"to\":[\"%s\"],"
                          "\"instruction\":\"untuk_ditindaklanjuti\"}",
                          id, from, to);
}

static void
sync_ok (Office *o, guint client)
{
  g_autofree char *out = NULL;

  if (!sync_run_cli (o->cluster, o->db[client], o->cluster->url, o->user[client], &out))
    g_error ("sync of client %u failed: %s", client, out);
}

/* The three invariants: nothing acknowledged is lost, nothing is duplicated, all converge. */
static void
assert_converged (Office *o)
{
  g_autoptr (GHashTable) on_server = sync_server_uuids (o->cluster, "kadis");
  g_autofree char *first = NULL;
  GHashTableIter   iter;
  gpointer         uuid;

  g_assert_cmpuint (g_hash_table_size (on_server), ==, g_hash_table_size (o->created));
  g_hash_table_iter_init (&iter, o->created);
  while (g_hash_table_iter_next (&iter, &uuid, NULL))
    g_assert_true (g_hash_table_contains (on_server, uuid));

  for (guint i = 0; i < 3; i++)
    {
      guint            n = 0;
      g_autofree char *digest = sync_replica_digest (o->db[i], &n);

      g_assert_cmpuint (n, ==, g_hash_table_size (o->created));
      g_assert_cmpuint (sync_replica_pending (o->db[i]), ==, 0);
      sync_assert_replica_clean (o->db[i]);
      if (first == NULL)
        first = g_strdup (digest);
      else
        g_assert_cmpstr (digest, ==, first);
    }
}

static void
run_office_day (Office *o, const guint *order, guint n_order)
{
  g_autofree char *case1 = NULL, *case2 = NULL, *case3 = NULL, *case4 = NULL;
  g_autoptr (GPtrArray) intake = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) a = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) b = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) c = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (LoketDispositionLedger) ledger = NULL;
  g_autofree char *body_a = NULL, *body_b = NULL, *sha = NULL;
  g_autofree char *draft_id = g_uuid_string_random ();
  g_autofree char *draft_body = NULL, *submit_body = NULL, *paraf_body = NULL;
  g_autofree char *draft_comment = NULL, *comment_id = g_uuid_string_random ();
  guint            n_sent = 0, n_concurrent = 0;

  /* Morning: the front desk registers three cases; everyone syncs. */
  {
    g_autoptr (GPtrArray) e1 = sync_new_case (o->person[2], o->device[2], T_MS, &case1);
    g_autoptr (GPtrArray) e2 = sync_new_case (o->person[2], o->device[2], T_MS + 60000, &case2);
    g_autoptr (GPtrArray) e3 = sync_new_case (o->person[2], o->device[2], T_MS + 120000, &case3);
    g_ptr_array_extend_and_steal (intake, g_steal_pointer (&e1));
    g_ptr_array_extend_and_steal (intake, g_steal_pointer (&e2));
    g_ptr_array_extend_and_steal (intake, g_steal_pointer (&e3));
  }
  /* …and a reply letter for case 2 goes up for paraf (Sekretaris, then the Kepala Dinas). */
  draft_body = g_strdup_printf (
    "{\"draft_id\":\"%s\",\"version\":1,\"kind\":\"rekomendasi\","
    "\"content\":{\"kind\":\"rekomendasi\",\"fields\":{\"hal\":\"Rekomendasi\"}},"
    "\"position\":\"kopnakertrans-ntt/staf-loket\",\"at\":\"2026-10-01T10:00:00+08:00\"}",
    draft_id);
  submit_body = g_strdup_printf (
    "{\"draft_id\":\"%s\",\"version\":1,\"position\":\"kopnakertrans-ntt/staf-loket\","
    "\"route\":[\"kopnakertrans-ntt/sekretaris\",\"kopnakertrans-ntt/kepala-dinas\"],"
    "\"at\":\"2026-10-01T10:05:00+08:00\"}",
    draft_id);
  g_ptr_array_add (intake, event (o, 2, case2, "draft.created", T_MS + 3600000, draft_body));
  g_ptr_array_add (intake, event (o, 2, case2, "draft.submitted", T_MS + 3900000, submit_body));
  append (o, 2, intake);
  sync_ok (o, 2);
  sync_ok (o, 0);
  sync_ok (o, 1);

  /* The network goes down. All three work on the same cases at once. */
  body_a = disposition_body ("kopnakertrans-ntt/kepala-dinas", "kopnakertrans-ntt/kabid-penta");
  body_b = disposition_body ("kopnakertrans-ntt/sekretaris", "kopnakertrans-ntt/kasubag-umum");
  g_ptr_array_add (a, event (o, 0, case1, "disposition.sent", T_MS + 4 * 3600000, body_a));
  g_ptr_array_add (a, event (o, 0, case2, "comment.added", T_MS + 4 * 3600000 + 5,
                             "{\"text\":\"Segera diproses\"}"));
  /* The Sekretaris disposes case 1 too, a little earlier, on another PC: concurrent. */
  g_ptr_array_add (b, event (o, 1, case1, "disposition.sent", T_MS + 3 * 3600000, body_b));
  g_ptr_array_add (b, event (o, 1, case3, "comment.added", T_MS + 5 * 3600000,
                             "{\"text\":\"Lengkapi surat pengantar\"}"));
  /* The front desk: comments (one with an earlier clock than everything above), a check and
   * a new case. */
  g_ptr_array_add (c, event (o, 2, case1, "comment.added", T_MS + 2 * 3600000,
                             "{\"text\":\"Pemohon menelepon\"}"));
  g_ptr_array_add (c, event (o, 2, case3, "requirement.checked", T_MS + 6 * 3600000,
                             "{\"requirement\":\"r1\",\"satisfied\":true}"));
  /* …with a scanned document: the blob goes up before its event, and down to the others. */
  {
    g_autoptr (LoketStore) desk = sync_open_store (o->db[2]);
    g_autoptr (GBytes) scan = g_bytes_new_static ("%PDF-1.4\n% surat pengantar\n", 28);
    g_autofree char *body = NULL;

    sha = loket_store_add_blob (desk, scan, &error);
    g_assert_no_error (error);
    loket_store_close (desk);
    body = g_strdup_printf ("{\"requirement\":\"r1\",\"sha256\":\"%s\","
                            "\"file_name\":\"pengantar.pdf\"}",
                            sha);
    g_ptr_array_add (c, event (o, 2, case3, "document.attached", T_MS + 6 * 3600000 + 1, body));
  }
  {
    g_autoptr (GPtrArray) e4
      = sync_new_case (o->person[2], o->device[2], T_MS + 7 * 3600000, &case4);
    g_ptr_array_extend_and_steal (c, g_steal_pointer (&e4));
  }
  /* Offline too: the Sekretaris parafs the draft while the Kepala Dinas comments on it. */
  paraf_body = g_strdup_printf (
    "{\"draft_id\":\"%s\",\"version\":1,\"position\":\"kopnakertrans-ntt/sekretaris\","
    "\"final\":true,\"at\":\"2026-10-01T14:00:00+08:00\"}",
    draft_id);
  draft_comment = g_strdup_printf (
    "{\"id\":\"%s\",\"draft_id\":\"%s\",\"version\":1,\"page\":0,"
    "\"rect\":[72,120,300,40],\"text\":\"Periksa dasar hukum\","
    "\"position\":\"kopnakertrans-ntt/kepala-dinas\",\"at\":\"2026-10-01T14:01:00+08:00\"}",
    comment_id, draft_id);
  g_ptr_array_add (b, event (o, 1, case2, "draft.paraf", T_MS + 5 * 3600000, paraf_body));
  g_ptr_array_add (a, event (o, 0, case2, "comment.added", T_MS + 5 * 3600000 + 60000,
                             draft_comment));
  append (o, 0, a);
  append (o, 1, b);
  append (o, 2, c);

  /* Back online, in the order given (twice over, so that everyone hears from everyone). */
  for (guint i = 0; i < n_order; i++)
    sync_ok (o, order[i]);

  assert_converged (o);
  /* Every PC has the scan, byte for byte. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (LoketStore) s = sync_open_store (o->db[i]);
      g_autoptr (GBytes) bytes = loket_store_read_blob (s, sha, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), ==, 28);
      loket_store_close (s);
    }

  /* Both dispositions of case 1 are kept, and shown as concurrent. */
  store = sync_open_store (o->db[order[0]]);
  /* The paraf made offline counts everywhere: the draft of case 2 awaits the signature. */
  {
    g_autoptr (LoketCase) kase2 = loket_store_get_case (store, case2, &error);

    g_assert_no_error (error);
    g_assert_cmpint (loket_case_get_status (kase2), ==, LOKET_CASE_STATUS_AWAITING_SIGNATURE);
  }
  events = loket_store_get_case_events (store, case1, &error);
  g_assert_no_error (error);
  ledger = loket_disposition_ledger_new_from_events (case1, events, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < loket_disposition_ledger_get_history (ledger)->len; i++)
    {
      LoketDispositionStep *step
        = g_ptr_array_index (loket_disposition_ledger_get_history (ledger), i);
      if (step->kind != LOKET_DISPOSITION_STEP_SENT)
        continue;
      n_sent++;
      n_concurrent += step->concurrent;
    }
  g_assert_cmpuint (n_sent, ==, 2);
  g_assert_cmpuint (n_concurrent, ==, 2);
  g_assert_cmpuint (loket_disposition_ledger_get_dispositions (ledger)->len, ==, 2);
  loket_store_close (store);
}

static void
test_order_front_desk_first (Office *o, gconstpointer data)
{
  const guint order[] = { 2, 0, 1, 2, 0 };

  run_office_day (o, order, G_N_ELEMENTS (order));
}

static void
test_order_sekretaris_first (Office *o, gconstpointer data)
{
  const guint order[] = { 1, 0, 2, 1, 0 };

  run_office_day (o, order, G_N_ELEMENTS (order));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cm/sync/converge/front-desk-first", Office, NULL, office_set_up,
              test_order_front_desk_first, office_tear_down);
  g_test_add ("/cm/sync/converge/sekretaris-first", Office, NULL, office_set_up,
              test_order_sekretaris_first, office_tear_down);
  return g_test_run ();
}
