// SPDX-License-Identifier: GPL-3.0-or-later
// loket-server under load: 20 clients pushing at once (events/s), and the push → pull round
// trip of one event between two clients (p50/p95). A real PostgreSQL and the real server.

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench-fixture.h"
#include "loket-sync-protocol.h"
#include "server-fixture.h"

#define N_CLIENTS 20
#define BATCHES 10
#define BATCH_EVENTS 50
#define ROUND_TRIPS 200
#define PASSWORD "bench-Password-1"

static LoketTestServer *server;
static gint             hlc_counter;

static LoketEvent *
make_event (const char *case_uuid, const char *type, const char *body)
{
  g_autofree char *hlc = g_strdup_printf ("00179%010d-000001", g_atomic_int_add (&hlc_counter, 1));
  g_autofree char *hash = NULL;
  LoketEvent      *event = loket_event_new (NULL, case_uuid, type, "person-x", "bench", hlc, body);

  hash = loket_event_compute_hash (event, NULL);
  loket_event_set_chain (event, NULL, hash);
  return event;
}

static char *
push_body (guint n_events, gsize *length)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *case_uuid = g_uuid_string_random ();

  g_ptr_array_add (
    events, make_event (case_uuid, "case.registered",
                        "{\"agency\":\"dinsos-ntt\",\"service\":\"dinsos-ntt/data-informasi-publik\","
                        "\"channel\":\"surat\",\"received_at\":\"2026-11-20T09:00:00+08:00\","
                        "\"parties\":[{\"kind\":\"person\",\"name\":\"Warga Uji\","
                        "\"nik\":\"5371000000000001\"}]}"));
  for (guint i = 1; i < n_events; i++)
    g_ptr_array_add (events, make_event (case_uuid, "comment.added",
                                         "{\"id\":\"c\",\"page\":0,\"rect\":[1,2,3,4],"
                                         "\"text\":\"Mohon diperbaiki paragraf kedua\"}"));
  return loket_sync_push_request_to_json ("bench", events, length);
}

typedef struct
{
  GMutex lock;
  guint  failures;
  guint  events;
} Totals;

static gpointer
push_client (gpointer data)
{
  Totals *totals = data;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *token = loket_test_login (session, server->url, "bench", PASSWORD);
  g_autofree char *push_url = g_strconcat (server->url, "/sync/push", NULL);

  for (guint b = 0; b < BATCHES; b++)
    {
      gsize            length;
      g_autofree char *body = push_body (BATCH_EVENTS, &length);
      guint status = loket_test_http (session, "POST", push_url, token, "application/json", body,
                                      length, NULL, NULL);

      g_mutex_lock (&totals->lock);
      if (status == 200)
        totals->events += BATCH_EVENTS;
      else
        totals->failures++;
      g_mutex_unlock (&totals->lock);
    }
  return NULL;
}

static gint64
last_seq (SoupSession *session, const char *token, gint64 after)
{
  for (;;)
    {
      g_autofree char *pull_url = g_strdup_printf (
        "%s/sync/pull?after=%" G_GINT64_FORMAT "&limit=1000", server->url, after);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (LoketSyncPullReply) reply = NULL;

      g_assert_cmpuint (
        loket_test_http (session, "GET", pull_url, token, NULL, NULL, 0, &bytes, NULL), ==, 200);
      reply = loket_sync_pull_reply_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                           NULL);
      g_assert_nonnull (reply);
      after = reply->last_seq;
      if (!reply->more)
        return after;
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr (GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (SoupSession) writer = NULL;
  g_autoptr (SoupSession) reader = NULL;
  g_autofree char *writer_token = NULL;
  g_autofree char *reader_token = NULL;
  g_autofree char *push_url = NULL;
  GThread         *threads[N_CLIENTS];
  Totals           totals = { 0 };
  LoketTestPg     *pg;
  gint64           start, after;
  double           seconds;

  g_test_init (&argc, &argv, NULL);
  g_mutex_init (&totals.lock);

  pg = loket_test_pg_start ();
  loket_test_admin (pg, NULL, "create-agency", "dinsos-ntt", "Dinas Sosial NTT", NULL);
  loket_test_admin (pg, PASSWORD, "create-user", "bench", "dinsos-ntt", "staf", NULL);
  server = loket_test_server_start (pg, NULL);

  printf ("loket-server: %d clients × %d pushes of %d events, PostgreSQL 15 on 127.0.0.1\n",
          N_CLIENTS, BATCHES, BATCH_EVENTS);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_CLIENTS; i++)
    threads[i] = g_thread_new ("push", push_client, &totals);
  for (guint i = 0; i < N_CLIENTS; i++)
    g_thread_join (threads[i]);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpuint (totals.failures, ==, 0);
  loket_bench_row ("server: events pushed per second (20 clients)", totals.events / seconds, "ev/s",
                   "");

  /* Round trip: one client pushes one event, another polls until it has it. */
  writer = soup_session_new ();
  reader = soup_session_new ();
  writer_token = loket_test_login (writer, server->url, "bench", PASSWORD);
  reader_token = loket_test_login (reader, server->url, "bench", PASSWORD);
  push_url = g_strconcat (server->url, "/sync/push", NULL);
  after = last_seq (reader, reader_token, 0);
  for (guint i = 0; i < ROUND_TRIPS; i++)
    {
      gsize            length;
      g_autofree char *body = push_body (1, &length);
      gint64           t0 = g_get_monotonic_time ();
      gint64           seen;
      double           elapsed;

      g_assert_cmpuint (loket_test_http (writer, "POST", push_url, writer_token, "application/json",
                                         body, length, NULL, NULL),
                        ==, 200);
      do
        seen = last_seq (reader, reader_token, after);
      while (seen == after);
      after = seen;
      elapsed = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (ms, elapsed);
    }
  loket_bench_row ("server: push → pull round trip p50", loket_bench_percentile (ms, 0.5), "ms",
                   "");
  loket_bench_row ("server: push → pull round trip p95", loket_bench_percentile (ms, 0.95), "ms",
                   "<= 50 ms");

  g_assert_cmpint (loket_test_server_stop (server), ==, 0);
  loket_test_pg_stop (pg);
  g_mutex_clear (&totals.lock);
  return 0;
}
