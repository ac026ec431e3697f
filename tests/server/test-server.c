// SPDX-License-Identifier: GPL-3.0-or-later
// loket-server end to end: a real PostgreSQL, the real server process, HTTP over loopback.

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "loket-server-db.h"
#include "loket-sync-protocol.h"
#include "server-fixture.h"

#define PW_ANI "ani-Rahasia-7731"
#define PW_BUDI "budi-Rahasia-4410"
#define PW_WAYAN "wayan-Rahasia-9902"
#define PW_ADMIN "admin-Rahasia-1234"
#define PW_TAMU "tamu-Rahasia-5555"

static LoketTestPg     *pg;
static LoketTestServer *server;
static GPtrArray       *secrets; /* every password and token the tests used */
static gint             hlc_counter;

static char *
url (const char *path)
{
  return g_strconcat (server->url, path, NULL);
}

static char *
login (SoupSession *session, const char *username, const char *password)
{
  char *token = loket_test_login (session, server->url, username, password);

  g_ptr_array_add (secrets, g_strdup (token));
  return token;
}

static LoketEvent *
make_event (const char *case_uuid, const char *type, const char *body)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hlc = g_strdup_printf ("00179%010d-000001", g_atomic_int_add (&hlc_counter, 1));
  g_autofree char *hash = NULL;
  LoketEvent      *event
    = loket_event_new_checked (NULL, case_uuid, type, "person-x", "device-A", hlc, body, &error);

  g_assert_no_error (error);
  hash = loket_event_compute_hash (event, NULL);
  loket_event_set_chain (event, NULL, hash);
  return event;
}

static LoketEvent *
make_registration (const char *case_uuid, const char *agency)
{
  /* A service of the agency's catalog, through a channel it offers: the server checks. */
  gboolean         klungkung = g_str_equal (agency, "disperinaker-klungkung");
  g_autofree char *body = g_strdup_printf (
    "{\"agency\":\"%s\",\"service\":\"%s/%s\",\"channel\":\"%s\","
    "\"received_at\":\"2026-11-20T09:00:00+08:00\","
    "\"parties\":[{\"kind\":\"person\",\"name\":\"Warga Uji\",\"nik\":\"5371000000000001\"}]}",
    agency, agency,
    klungkung ? "kartu-pencari-kerja-ak1" : "data-informasi-publik",
    klungkung ? "tatap_muka" : "surat");

  return make_event (case_uuid, "case.registered", body);
}

/* POST /sync/push; returns the status and (on 200) the parsed reply. */
static guint
push (SoupSession         *session,
      const char          *token,
      GPtrArray           *events,
      LoketSyncPushReply **reply,
      char               **error_code)
{
  g_autofree char *body = NULL;
  g_autofree char *push_url = url ("/sync/push");
  g_autoptr (GBytes) bytes = NULL;
  gsize length;
  guint status;

  body = loket_sync_push_request_to_json ("device-A", events, &length);
  status = loket_test_http (session, "POST", push_url, token, "application/json", body, length,
                            &bytes, NULL);
  if (status == 200 && reply != NULL)
    {
      g_autoptr (GError) error = NULL;

      *reply = loket_sync_push_reply_parse (g_bytes_get_data (bytes, NULL),
                                            g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
    }
  if (status != 200 && error_code != NULL)
    {
      g_autoptr (GError) error = loket_sync_error_from_reply (
        status, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);

      *error_code = g_strdup (loket_sync_error_code_name (error->code));
    }
  if (status != 200 && bytes != NULL)
    g_test_message ("push answered %u: %.*s", status, (int) g_bytes_get_size (bytes),
                    (const char *) g_bytes_get_data (bytes, NULL));
  return status;
}

static LoketSyncPullReply *
pull (SoupSession *session, const char *token, gint64 after, int limit)
{
  g_autofree char *pull_url = g_strdup_printf ("%s/sync/pull?after=%" G_GINT64_FORMAT "&limit=%d",
                                               server->url, after, limit);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  LoketSyncPullReply *reply;

  g_assert_cmpuint (loket_test_http (session, "GET", pull_url, token, NULL, NULL, 0, &bytes, NULL),
                    ==, 200);
  reply = loket_sync_pull_reply_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       &error);
  g_assert_no_error (error);
  return reply;
}

static GPtrArray *
new_case (const char *agency, guint n_more, char **case_uuid_out)
{
  g_autofree char *case_uuid = g_uuid_string_random ();
  GPtrArray       *events = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (events, make_registration (case_uuid, agency));
  for (guint i = 0; i < n_more; i++)
    g_ptr_array_add (events, make_event (case_uuid, "comment.added", "{\"text\":\"lihat\"}"));
  if (case_uuid_out != NULL)
    *case_uuid_out = g_steal_pointer (&case_uuid);
  return events;
}

static void
assert_serving (SoupSession *session)
{
  g_autofree char *health = url ("/health");

  g_assert_cmpuint (loket_test_http (session, "GET", health, NULL, NULL, NULL, 0, NULL, NULL), ==,
                    200);
}

/* ---- Tests ------------------------------------------------------------------------------ */

static void
test_login (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *token = login (session, "ani", PW_ANI);
  g_autofree char *session_url = url ("/session");
  g_autofree char *wrong = loket_sync_session_request_to_json ("ani", "not-the-password", "d");
  g_autofree char *nobody = loket_sync_session_request_to_json ("nobody", "whatever-pass", "d");
  g_autoptr (GBytes) reply = NULL;

  g_assert_cmpuint (strlen (token), ==, 64);
  g_assert_cmpuint (loket_test_http (session, "POST", session_url, NULL, "application/json", wrong,
                                     strlen (wrong), &reply, NULL),
                    ==, 401);
  g_assert_nonnull (strstr (g_bytes_get_data (reply, NULL), "\"login_failed\""));
  g_assert_cmpuint (loket_test_http (session, "POST", session_url, NULL, "application/json", nobody,
                                     strlen (nobody), NULL, NULL),
                    ==, 401);

  /* DELETE /session ends the token. */
  g_assert_cmpuint (
    loket_test_http (session, "DELETE", session_url, token, NULL, NULL, 0, NULL, NULL), ==, 200);
  {
    g_autofree char *pull_url = url ("/sync/pull");

    g_assert_cmpuint (loket_test_http (session, "GET", pull_url, token, NULL, NULL, 0, NULL, NULL),
                      ==, 401);
  }
}

static void
test_throttled (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *session_url = url ("/session");
  g_autofree char *wrong = loket_sync_session_request_to_json ("tamu", "wrong-password", "d");
  g_autofree char *right = loket_sync_session_request_to_json ("tamu", PW_TAMU, "d");
  g_autoptr (SoupMessageHeaders) headers = NULL;

  for (int i = 0; i < 5; i++)
    g_assert_cmpuint (loket_test_http (session, "POST", session_url, NULL, "application/json",
                                       wrong, strlen (wrong), NULL, NULL),
                      ==, 401);
  /* Locked now, even with the right password. */
  g_assert_cmpuint (loket_test_http (session, "POST", session_url, NULL, "application/json", right,
                                     strlen (right), NULL, &headers),
                    ==, 429);
  g_assert_cmpint (atoi (soup_message_headers_get_one (headers, "Retry-After")), >=, 1);
  /* Other users are not locked out. */
  g_free (login (session, "budi", PW_BUDI));
}

static guint
login_from (SoupSession *session, const char *address, const char *username, const char *password)
{
  g_autofree char *session_url = url ("/session");
  g_autofree char *body = loket_sync_session_request_to_json (username, password, "d");
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", session_url);
  g_autoptr (GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr (GBytes) reply = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Forwarded-For", address);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  return soup_message_get_status (msg);
}

/* Behind a trusted proxy (127.0.0.1 here), failures count per forwarded client address. */
static void
test_address_throttle (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();

  for (int i = 0; i < 50; i++)
    {
      g_autofree char *nobody = g_strdup_printf ("nobody%d", i);

      g_assert_cmpuint (login_from (session, "10.9.9.9", nobody, "wrong-password"), ==, 401);
    }
  g_assert_cmpuint (login_from (session, "10.9.9.9", "budi", PW_BUDI), ==, 429);
  /* A client cannot escape by claiming another address: the proxy's entry is the last one. */
  g_assert_cmpuint (login_from (session, "10.9.9.8, 10.9.9.9", "budi", PW_BUDI), ==, 429);
  g_assert_cmpuint (login_from (session, "10.9.9.8", "budi", PW_BUDI), ==, 200);
}

static void
test_tokens (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *pull_url = url ("/sync/pull");
  g_autofree char *token = login (session, "ani", PW_ANI);
  g_autofree char *hash = NULL;
  g_autofree char *forged = g_strnfill (64, 'a');
  g_autoptr (PGconn) conn = NULL;

  g_assert_cmpuint (loket_test_http (session, "GET", pull_url, NULL, NULL, NULL, 0, NULL, NULL), ==,
                    401);
  g_assert_cmpuint (loket_test_http (session, "GET", pull_url, forged, NULL, NULL, 0, NULL, NULL),
                    ==, 401);
  g_assert_cmpuint (loket_test_http (session, "GET", pull_url, "short", NULL, NULL, 0, NULL, NULL),
                    ==, 401);
  g_assert_cmpuint (loket_test_http (session, "GET", pull_url, token, NULL, NULL, 0, NULL, NULL),
                    ==, 200);

  /* Expire it in the database: the same token is refused. */
  conn = loket_pg_connect (pg->conninfo, &error);
  g_assert_no_error (error);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  {
    const char *params[] = { hash };

    g_assert_true (loket_pg_exec (conn,
                                  "UPDATE sessions SET expires_at = now() - interval '1 minute'"
                                  " WHERE token_hash = $1",
                                  1, params, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpuint (loket_test_http (session, "GET", pull_url, token, NULL, NULL, 0, NULL, NULL),
                    ==, 401);
}

static void
test_push_idempotent (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *token = login (session, "ani", PW_ANI);
  g_autofree char *case_uuid = NULL;
  g_autoptr (GPtrArray) events = new_case ("dinsos-ntt", 4, &case_uuid);
  g_autoptr (LoketSyncPushReply) first = NULL;
  g_autoptr (LoketSyncPushReply) second = NULL;
  g_autoptr (LoketSyncPullReply) pulled = NULL;
  gint64 before;

  {
    g_autoptr (LoketSyncPullReply) head = pull (session, token, 0, 1000);

    before = head->last_seq;
    while (head->more)
      {
        g_autoptr (LoketSyncPullReply) next = pull (session, token, before, 1000);

        before = next->last_seq;
        head->more = next->more;
      }
  }

  g_assert_cmpuint (push (session, token, events, &first, NULL), ==, 200);
  g_assert_cmpuint (first->accepted_uuids->len, ==, 5);
  g_assert_cmpuint (first->duplicates->len, ==, 0);
  for (guint i = 1; i < 5; i++)
    g_assert_cmpint (g_array_index (first->accepted_seqs, gint64, i), >,
                     g_array_index (first->accepted_seqs, gint64, i - 1));

  g_assert_cmpuint (push (session, token, events, &second, NULL), ==, 200);
  g_assert_cmpuint (second->duplicates->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpstr (second->accepted_uuids->pdata[i], ==, first->accepted_uuids->pdata[i]);
      g_assert_cmpint (g_array_index (second->accepted_seqs, gint64, i), ==,
                       g_array_index (first->accepted_seqs, gint64, i));
    }

  /* Stored once, byte for byte. */
  pulled = pull (session, token, before, 1000);
  g_assert_cmpuint (pulled->events->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      LoketEvent *sent = events->pdata[i];
      LoketEvent *got = pulled->events->pdata[i];

      g_assert_cmpstr (loket_event_get_uuid (got), ==, loket_event_get_uuid (sent));
      g_assert_cmpstr (loket_event_get_body (got), ==, loket_event_get_body (sent));
      g_assert_cmpstr (loket_event_get_hash (got), ==, loket_event_get_hash (sent));
    }

  /* A later event of the now known case needs no registration in its batch. */
  {
    g_autoptr (GPtrArray) later = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (later, make_event (case_uuid, "case.paused",
                                        "{\"reason\":\"x\",\"at\":\"2026-11-20T10:00:00+08:00\"}"));
    g_assert_cmpuint (push (session, token, later, NULL, NULL), ==, 200);
  }
}

typedef struct
{
  const char         *token;
  GPtrArray          *events;
  LoketSyncPushReply *reply;
  guint               status;
} ConcurrentPush;

static gpointer
concurrent_push (gpointer data)
{
  ConcurrentPush *job = data;
  g_autoptr (SoupSession) session = soup_session_new ();

  job->status = push (session, job->token, job->events, &job->reply, NULL);
  return NULL;
}

/* Two PCs push the same batch at the same moment: stored once, both told the same seqs. */
static void
test_push_concurrent_same_batch (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *token = login (session, "ani", PW_ANI);
  g_autoptr (GPtrArray) events = new_case ("dinsos-ntt", 199, NULL);
  ConcurrentPush jobs[4];
  GThread       *threads[4];
  guint          fresh = 0;

  for (guint i = 0; i < 4; i++)
    {
      jobs[i] = (ConcurrentPush){ token, events, NULL, 0 };
      threads[i] = g_thread_new ("push", concurrent_push, &jobs[i]);
    }
  for (guint i = 0; i < 4; i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (jobs[i].status, ==, 200);
      g_assert_cmpuint (jobs[i].reply->accepted_uuids->len, ==, 200);
      if (jobs[i].reply->duplicates->len == 0)
        fresh++;
      else
        g_assert_cmpuint (jobs[i].reply->duplicates->len, ==, 200);
      for (guint e = 0; e < 200; e++)
        g_assert_cmpint (g_array_index (jobs[i].reply->accepted_seqs, gint64, e), ==,
                         g_array_index (jobs[0].reply->accepted_seqs, gint64, e));
    }
  g_assert_cmpuint (fresh, ==, 1);
  for (guint i = 0; i < 4; i++)
    loket_sync_push_reply_free (jobs[i].reply);
}

static void
test_push_other_agency (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *ani = login (session, "ani", PW_ANI);
  g_autofree char *wayan = login (session, "wayan", PW_WAYAN);
  g_autofree char *case_uuid = NULL;
  g_autoptr (GPtrArray) events = new_case ("dinsos-ntt", 1, &case_uuid);
  g_autoptr (GPtrArray) intrusion = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) foreign_registration = new_case ("dinsos-ntt", 0, NULL);
  g_autoptr (LoketSyncPullReply) seen = NULL;
  g_autofree char *code = NULL;
  gint64           after = 0;

  g_assert_cmpuint (push (session, ani, events, NULL, NULL), ==, 200);

  /* Wayan (Klungkung) writes into a Dinsos NTT case, or registers a case for Dinsos NTT. */
  g_ptr_array_add (intrusion, make_event (case_uuid, "comment.added", "{\"text\":\"x\"}"));
  g_assert_cmpuint (push (session, wayan, intrusion, NULL, &code), ==, 403);
  g_assert_cmpstr (code, ==, "forbidden");
  g_assert_cmpuint (push (session, wayan, foreign_registration, NULL, NULL), ==, 403);

  /* Nor does Wayan pull any Dinsos NTT event. */
  do
    {
      g_clear_pointer (&seen, loket_sync_pull_reply_free);
      seen = pull (session, wayan, after, 1000);
      for (guint i = 0; i < seen->events->len; i++)
        g_assert_cmpstr (loket_event_get_case_uuid (seen->events->pdata[i]), !=, case_uuid);
      after = seen->last_seq;
    }
  while (seen->more);
}

static void
test_push_unknown_case (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *token = login (session, "ani", PW_ANI);
  g_autofree char *case_uuid = g_uuid_string_random ();
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) ok = new_case ("dinsos-ntt", 0, NULL);
  g_autofree char *code = NULL;

  /* One good case and one the server never saw: the whole batch is refused. */
  g_ptr_array_add (events, g_object_ref (ok->pdata[0]));
  g_ptr_array_add (events, make_event (case_uuid, "comment.added", "{\"text\":\"x\"}"));
  g_assert_cmpuint (push (session, token, events, NULL, &code), ==, 422);
  g_assert_cmpstr (code, ==, "invalid_event");
  g_assert_cmpuint (push (session, token, ok, NULL, NULL), ==, 200);
}

/* A body that breaks its type's contract would stop every PC at the same page of its pull (a PC
 * does not store what it cannot fold): the server refuses the batch and names the event. */
static void
test_push_body_contract (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *token = login (session, "ani", PW_ANI);
  g_autofree char *case_uuid = NULL;
  g_autoptr (GPtrArray) ok = new_case ("dinsos-ntt", 1, &case_uuid);
  g_autofree char *other_uuid = g_uuid_string_random ();
  const char *bad[][2] = {
    /* a pause without its time */
    { "case.paused", "{\"reason\":\"menunggu berkas\"}" },
    /* a read of a disposition named by a number */
    { "disposition.read", "{\"id\":5}" },
    /* a closing time that is no time */
    { "case.closed", "{\"at\":\"kemarin\"}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (LoketEvent) broken = make_event (case_uuid, bad[i][0], bad[i][1]);
      g_autofree char *code = NULL;

      for (guint j = 0; j < ok->len; j++)
        g_ptr_array_add (events, g_object_ref (ok->pdata[j]));
      g_ptr_array_add (events, g_object_ref (broken));
      g_assert_cmpuint (push (session, token, events, NULL, &code), ==, 422);
      g_assert_cmpstr (code, ==, "invalid_event");
    }

  /* A registration of a service the office does not publish. */
  {
    g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
    g_autofree char *code = NULL;

    g_ptr_array_add (events,
                     make_event (other_uuid, "case.registered",
                                 "{\"agency\":\"dinsos-ntt\",\"service\":\"no-such-service\","
                                 "\"channel\":\"surat\",\"received_at\":\"2026-11-20T09:00:00+08:00\","
                                 "\"parties\":[{\"kind\":\"person\",\"name\":\"Warga Uji\","
                                 "\"nik\":\"5371000000000001\"}]}"));
    g_assert_cmpuint (push (session, token, events, NULL, &code), ==, 422);
    g_assert_cmpstr (code, ==, "invalid_event");
  }

  /* Nothing of the refused batches was kept; the good events still go through. */
  {
    g_autoptr (LoketSyncPushReply) reply = NULL;

    g_assert_cmpuint (push (session, token, ok, &reply, NULL), ==, 200);
    g_assert_cmpuint (reply->accepted_uuids->len, ==, ok->len);
    g_assert_cmpuint (reply->duplicates->len, ==, 0);
  }
  assert_serving (session);
}

static void
test_push_forbidden_type (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *staf = login (session, "ani", PW_ANI);
  g_autofree char *pejabat = login (session, "budi", PW_BUDI);
  g_autofree char *admin = login (session, "admin1", PW_ADMIN);
  g_autofree char *case_uuid = NULL;
  g_autoptr (GPtrArray) events = new_case ("dinsos-ntt", 0, &case_uuid);
  g_autoptr (GPtrArray) signing = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *code = NULL;

  g_assert_cmpuint (push (session, staf, events, NULL, NULL), ==, 200);
  g_ptr_array_add (signing, make_event (case_uuid, "letter.signed", "{\"letter_id\":\"l1\"}"));
  g_assert_cmpuint (push (session, staf, signing, NULL, &code), ==, 403);
  g_assert_cmpstr (code, ==, "forbidden");
  g_assert_cmpuint (push (session, admin, signing, NULL, NULL), ==, 403);
  {
    /* An admin-only account manages accounts; it does not read cases either. */
    g_autofree char *pull_url = url ("/sync/pull");

    g_assert_cmpuint (loket_test_http (session, "GET", pull_url, admin, NULL, NULL, 0, NULL, NULL),
                      ==, 403);
  }
  g_assert_cmpuint (push (session, pejabat, signing, NULL, NULL), ==, 200);
}

static void
test_bad_input (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *token = login (session, "ani", PW_ANI);
  g_autofree char *push_url = url ("/sync/push");
  g_autofree char *blob_url = NULL;
  g_autofree char *big = NULL;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "the real bytes", -1);
  g_autoptr (GPtrArray) good = new_case ("dinsos-ntt", 0, NULL);
  gsize big_length = LOKET_SYNC_MAX_JSON_BYTES + 1024;

  g_assert_cmpuint (loket_test_http (session, "POST", push_url, token, "application/json",
                                     "{\"device\":", 10, NULL, NULL),
                    ==, 400);
  assert_serving (session);
  g_assert_cmpuint (loket_test_http (session, "POST", push_url, token, "application/json",
                                     "[1,2,3]", 7, NULL, NULL),
                    ==, 400);
  {
    /* Only below /api/v1; unknown paths and methods are 404. */
    g_autofree char *outside = g_strconcat (server->url, "/../../sync/pull", NULL);
    g_autofree char *unknown = url ("/sync/everything");
    g_autofree char *pull_url = url ("/sync/pull");

    g_assert_cmpuint (loket_test_http (session, "GET", outside, token, NULL, NULL, 0, NULL, NULL),
                      ==, 404);
    g_assert_cmpuint (loket_test_http (session, "GET", unknown, token, NULL, NULL, 0, NULL, NULL),
                      ==, 404);
    g_assert_cmpuint (
      loket_test_http (session, "DELETE", pull_url, token, NULL, NULL, 0, NULL, NULL), ==, 404);
  }
  g_assert_cmpuint (loket_test_http (session, "POST", push_url, token, "text/plain",
                                     "{\"device\":\"d\",\"events\":[]}", 26, NULL, NULL),
                    ==, 415);
  assert_serving (session);

  big = g_malloc (big_length);
  memset (big, ' ', big_length);
  big[0] = '{';
  big[big_length - 1] = '}';
  g_assert_cmpuint (loket_test_http (session, "POST", push_url, token, "application/json", big,
                                     big_length, NULL, NULL),
                    ==, 413);
  {
    g_autoptr (SoupSession) other = soup_session_new ();

    assert_serving (other);
  }

  blob_url = url ("/blobs/");
  g_free (blob_url);
  blob_url = g_strconcat (server->url, "/blobs/", hash, NULL);
  g_assert_cmpuint (loket_test_http (session, "PUT", blob_url, token, "application/octet-stream",
                                     "other bytes", 11, NULL, NULL),
                    ==, 422);
  g_assert_cmpuint (loket_test_http (session, "HEAD", blob_url, token, NULL, NULL, 0, NULL, NULL),
                    ==, 404);
  g_assert_cmpuint (loket_test_http (session, "PUT", blob_url, token, "application/octet-stream",
                                     "the real bytes", 14, NULL, NULL),
                    ==, 201);

  /* A client that sends half a body and stalls holds up nobody; a chunked body is refused. */
  {
    g_autoptr (GSocketClient) client = g_socket_client_new ();
    g_autoptr (GSocketConnection) stalled = NULL;
    g_autoptr (GSocketConnection) chunked = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (GUri) uri = g_uri_parse (server->url, G_URI_FLAGS_NONE, &error);
    g_autoptr (GDataInputStream) in = NULL;
    g_autofree char *head = NULL;
    g_autofree char *chunked_request = NULL;
    g_autofree char *status_line = NULL;

    g_assert_no_error (error);
    stalled = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) g_uri_get_port (uri),
                                               NULL, &error);
    g_assert_no_error (error);
    head = g_strdup_printf ("POST %s/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                            "Content-Length: 5000\r\n\r\n{\"device\":",
                            g_uri_get_path (uri), token);
    g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (stalled)),
                                              head, strlen (head), NULL, NULL, &error));
    g_assert_cmpuint (push (session, token, good, NULL, NULL), ==, 200);

    chunked = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) g_uri_get_port (uri),
                                               NULL, &error);
    g_assert_no_error (error);
    chunked_request
      = g_strdup_printf ("POST %s/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n0\r\n\r\n",
                         g_uri_get_path (uri), token);
    g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (chunked)),
                                              chunked_request, strlen (chunked_request), NULL, NULL,
                                              &error));
    in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (chunked)));
    status_line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (status_line, "HTTP/1.1 400"));
    g_io_stream_close (G_IO_STREAM (stalled), NULL, NULL);
  }

  /* After all that, a good push still works. */
  g_assert_cmpuint (push (session, token, good, NULL, NULL), ==, 200);
}

static void
test_blobs (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *ani = login (session, "ani", PW_ANI);
  g_autofree char *wayan = login (session, "wayan", PW_WAYAN);
  g_autoptr (GByteArray) data = g_byte_array_new ();
  g_autoptr (GBytes) whole = NULL;
  g_autoptr (GBytes) tail = NULL;
  g_autoptr (SoupMessageHeaders) headers = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *blob_url = NULL;

  for (guint i = 0; i < 300000; i++)
    {
      guint8 byte = (guint8) (i * 7 + (i >> 8));

      g_byte_array_append (data, &byte, 1);
    }
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data->data, data->len);
  blob_url = g_strconcat (server->url, "/blobs/", hash, NULL);

  g_assert_cmpuint (loket_test_http (session, "PUT", blob_url, ani, "application/octet-stream",
                                     data->data, data->len, NULL, NULL),
                    ==, 201);
  g_assert_cmpuint (loket_test_http (session, "PUT", blob_url, ani, "application/octet-stream",
                                     data->data, data->len, NULL, NULL),
                    ==, 200);
  g_assert_cmpuint (loket_test_http (session, "HEAD", blob_url, ani, NULL, NULL, 0, NULL, NULL), ==,
                    200);
  g_assert_cmpuint (loket_test_http (session, "GET", blob_url, ani, NULL, NULL, 0, &whole, NULL),
                    ==, 200);
  g_assert_cmpmem (g_bytes_get_data (whole, NULL), g_bytes_get_size (whole), data->data, data->len);

  /* A resumed download. */
  msg = soup_message_new ("GET", blob_url);
  {
    g_autofree char *auth = g_strconcat ("Bearer ", ani, NULL);

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Range", "bytes=123456-");
  }
  tail = soup_session_send_and_read (session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 206);
  g_assert_cmpmem (g_bytes_get_data (tail, NULL), g_bytes_get_size (tail), data->data + 123456,
                   data->len - 123456);
  g_assert_cmpstr (
    soup_message_headers_get_one (soup_message_get_response_headers (msg), "Content-Range"), ==,
    "bytes 123456-299999/300000");

  /* Another agency does not see it. */
  g_assert_cmpuint (loket_test_http (session, "GET", blob_url, wayan, NULL, NULL, 0, NULL, NULL),
                    ==, 404);
}

static void
test_pull_paging (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *token = login (session, "wayan", PW_WAYAN);
  g_autoptr (GPtrArray) events = new_case ("disperinaker-klungkung", 24, NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (LoketSyncPushReply) pushed = NULL;
  gint64 after, previous = 0;
  guint  pages = 0;

  g_assert_cmpuint (push (session, token, events, &pushed, NULL), ==, 200);
  after = g_array_index (pushed->accepted_seqs, gint64, 0) - 1;

  for (;;)
    {
      g_autoptr (LoketSyncPullReply) page = pull (session, token, after, 10);

      pages++;
      g_assert_cmpuint (page->events->len, <=, 10);
      for (guint i = 0; i < page->events->len; i++)
        {
          gint64 seq = g_array_index (page->seqs, gint64, i);

          g_assert_cmpint (seq, >, previous);
          previous = seq;
          g_assert_true (
            g_hash_table_add (seen, g_strdup (loket_event_get_uuid (page->events->pdata[i]))));
        }
      g_assert_cmpint (page->last_seq, >=, after);
      after = page->last_seq;
      if (!page->more)
        break;
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 25);
  g_assert_cmpuint (pages, ==, 3);

  /* Bad paging parameters. */
  {
    g_autofree char *bad = g_strconcat (server->url, "/sync/pull?limit=5000", NULL);

    g_assert_cmpuint (loket_test_http (session, "GET", bad, token, NULL, NULL, 0, NULL, NULL), ==,
                      400);
  }
}

typedef struct
{
  const char *token;
  GMutex     *lock;
  GArray     *blocks; /* pairs first, last */
  guint       failures;
} LeaseWorker;

static gpointer
lease_worker (gpointer data)
{
  LeaseWorker *worker = data;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *lease_url = g_strconcat (server->url, "/numbering/lease", NULL);

  for (int i = 0; i < 8; i++)
    {
      g_autofree char *body
        = loket_sync_lease_request_to_json ("surat-keluar", 2026, 1 + (i * 7) % 13, "device-A");
      g_autoptr (GBytes) reply = NULL;
      g_autoptr (LoketSyncLease) lease = NULL;

      if (loket_test_http (session, "POST", lease_url, worker->token, "application/json", body,
                           strlen (body), &reply, NULL)
          != 200)
        {
          g_atomic_int_inc (&worker->failures);
          continue;
        }
      lease
        = loket_sync_lease_parse (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), NULL);
      if (lease == NULL || lease->last - lease->first + 1 != 1 + (i * 7) % 13)
        {
          g_atomic_int_inc (&worker->failures);
          continue;
        }
      g_mutex_lock (worker->lock);
      g_array_append_val (worker->blocks, lease->first);
      g_array_append_val (worker->blocks, lease->last);
      g_mutex_unlock (worker->lock);
    }
  return NULL;
}

static int
compare_first (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
test_lease_concurrent (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *token = login (session, "budi", PW_BUDI);
  g_autoptr (GArray) blocks = g_array_new (FALSE, FALSE, sizeof (gint64));
  GThread    *threads[16];
  GMutex      lock;
  LeaseWorker worker = { token, &lock, blocks, 0 };
  guint       n;

  g_mutex_init (&lock);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("lease", lease_worker, &worker);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&lock);

  g_assert_cmpuint (worker.failures, ==, 0);
  n = blocks->len / 2;
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (threads) * 8);
  /* Sort the (first, last) pairs by first: each starts right after the one before. */
  qsort (blocks->data, n, 2 * sizeof (gint64), compare_first);
  g_assert_cmpint (g_array_index (blocks, gint64, 0), ==, 1);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (g_array_index (blocks, gint64, 2 * i), ==,
                     g_array_index (blocks, gint64, 2 * i - 1) + 1);

  /* Another agency's register starts at 1 on its own. */
  {
    g_autofree char *wayan = login (session, "wayan", PW_WAYAN);
    g_autofree char *lease_url = g_strconcat (server->url, "/numbering/lease", NULL);
    g_autofree char *body = loket_sync_lease_request_to_json ("surat-keluar", 2026, 5, "d");
    g_autoptr (GBytes) reply = NULL;
    g_autoptr (LoketSyncLease) lease = NULL;

    g_assert_cmpuint (loket_test_http (session, "POST", lease_url, wayan, "application/json", body,
                                       strlen (body), &reply, NULL),
                      ==, 200);
    lease = loket_sync_lease_parse (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), NULL);
    g_assert_cmpint (lease->first, ==, 1);
    g_assert_cmpstr (lease->agency, ==, "disperinaker-klungkung");
  }
}

static void
test_reference (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *token = login (session, "ani", PW_ANI);
  g_autofree char *index_url = url ("/reference");
  g_autofree char *org_url = url ("/reference/org-chart");
  g_autofree char *accounts_url = url ("/reference/accounts");
  g_autoptr (GBytes) index_bytes = NULL;
  g_autoptr (GBytes) org = NULL;
  g_autoptr (GBytes) accounts = NULL;
  g_autoptr (SoupMessageHeaders) headers = NULL;
  g_autoptr (LoketSyncReferenceIndex) index = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) none = NULL;
  g_autofree char *file = NULL;
  g_autofree char *expected_etag = NULL;
  gsize            file_length;

  g_assert_cmpuint (
    loket_test_http (session, "GET", index_url, token, NULL, NULL, 0, &index_bytes, NULL), ==, 200);
  index = loket_sync_reference_index_parse (g_bytes_get_data (index_bytes, NULL),
                                            g_bytes_get_size (index_bytes), NULL);
  g_assert_nonnull (index);
  g_assert_cmpuint (index->names->len, ==, 4);

  /* The org chart is the agency's data file, byte for byte, with its hash as ETag. */
  g_assert_cmpuint (loket_test_http (session, "GET", org_url, token, NULL, NULL, 0, &org, &headers),
                    ==, 200);
  {
    g_autofree char *path
      = g_build_filename (g_getenv ("LOKET_SOURCE_ROOT"), "data", "org", "dinsos-ntt.json", NULL);

    g_assert_true (g_file_get_contents (path, &file, &file_length, NULL));
  }
  g_assert_cmpmem (g_bytes_get_data (org, NULL), g_bytes_get_size (org), file, file_length);
  expected_etag = g_strdup_printf ("\"%s\"", (char *) index->versions->pdata[0]);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "ETag"), ==, expected_etag);

  msg = soup_message_new ("GET", org_url);
  {
    g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match",
                                  expected_etag);
  }
  none = soup_session_send_and_read (session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 304);

  /* Accounts: the agency's users, never a hash. */
  g_assert_cmpuint (
    loket_test_http (session, "GET", accounts_url, token, NULL, NULL, 0, &accounts, NULL), ==, 200);
  {
    g_autofree char *text
      = g_strndup (g_bytes_get_data (accounts, NULL), g_bytes_get_size (accounts));

    g_assert_nonnull (strstr (text, "\"ani\""));
    g_assert_nonnull (strstr (text, "\"dinsos-ntt/p-pencatat-surat\""));
    g_assert_null (strstr (text, "wayan"));
    g_assert_null (strstr (text, "argon2"));
  }
}

static void
test_log_has_no_secrets (void)
{
  g_autofree char *log = loket_test_server_log (server);

  g_assert_nonnull (strstr (log, "POST /session"));
  for (guint i = 0; i < secrets->len; i++)
    if (strstr (log, secrets->pdata[i]) != NULL)
      g_error ("The server log holds a secret (password or token #%u)", i);
}

/* A request whose body is still arriving when SIGTERM comes is finished; then the server exits. */
static void
test_sigterm (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GDataInputStream) in = NULL;
  g_autofree char *token = NULL;
  g_autofree char *status_line = NULL;
  g_autofree char *request = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *log = NULL;
  LoketTestServer *second = loket_test_server_start (pg, NULL);
  GOutputStream   *out;
  const char      *body = "0123456789abcdefghij";

  token = loket_test_login (session, second->url, "ani", PW_ANI);
  g_ptr_array_add (secrets, g_strdup (token));
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, body, -1);
  uri = g_uri_parse (second->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) g_uri_get_port (uri),
                                                NULL, &error);
  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  request
    = g_strdup_printf ("PUT %s/blobs/%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Authorization: Bearer %s\r\nContent-Type: application/octet-stream\r\n"
                       "Content-Length: 20\r\n\r\n0123456789",
                       g_uri_get_path (uri), hash, token);
  g_assert_true (g_output_stream_write_all (out, request, strlen (request), NULL, NULL, &error));
  g_assert_no_error (error);
  g_usleep (300 * 1000);

  g_subprocess_send_signal (second->process, SIGTERM);
  g_usleep (300 * 1000);
  /* Still waiting for our body. */
  g_assert_cmpint (
    kill ((pid_t) g_ascii_strtoll (g_subprocess_get_identifier (second->process), NULL, 10), 0), ==,
    0);
  g_assert_true (g_output_stream_write_all (out, body + 10, 10, NULL, NULL, &error));
  g_assert_no_error (error);

  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  status_line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (status_line);
  g_assert_true (g_str_has_prefix (status_line, "HTTP/1.1 201"));

  log = loket_test_server_log (second);
  g_assert_cmpint (loket_test_server_stop (second), ==, 0);
  g_assert_nonnull (strstr (log, "Stopping: 1 requests in flight"));
}

static void
test_admin_refuses (void)
{
  g_autofree char *err = NULL;

  /* A password on the command line is refused before anything happens. */
  g_assert_cmpint (loket_test_admin_status (pg, NULL, NULL, &err, "create-user", "x", "dinsos-ntt",
                                            "staf", "--password", "on-the-command-line", NULL),
                   ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (loket_test_admin_status (pg, "short", NULL, &err, "create-user", "eko",
                                            "dinsos-ntt", "staf", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "at least 8"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (loket_test_admin_status (pg, "long-enough-pass", NULL, &err, "create-user",
                                            "eko", "dinsos-ntt", "root", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "Unknown role"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (loket_test_admin_status (pg, "long-enough-pass", NULL, &err, "create-user",
                                            "eko", "no-such-agency", "staf", NULL),
                   ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
    loket_test_admin_status (pg, "long-enough-pass", NULL, &err, "reset-password", "nobody", NULL),
    ==, 1);
  g_assert_nonnull (strstr (err, "No such user"));
  g_ptr_array_add (secrets, g_strdup ("long-enough-pass"));

  /* list-users: accounts and roles, no hashes. */
  {
    g_autofree char *out = NULL;

    g_assert_cmpint (
      loket_test_admin_status (pg, NULL, &out, NULL, "list-users", "dinsos-ntt", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "ani\tdinsos-ntt\tstaf\n"));
    g_assert_null (strstr (out, "wayan"));
    g_assert_null (strstr (out, "argon2"));
  }
}

/* PostgreSQL goes away: the server answers 503 (and keeps serving /health), then recovers. */
static void
test_database_outage (void)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *token = login (session, "ani", PW_ANI);
  g_autofree char *pull_url = url ("/sync/pull");
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (SoupMessageHeaders) headers = NULL;
  guint status = 0;

  loket_test_pg_halt (pg);
  g_assert_cmpuint (
    loket_test_http (session, "GET", pull_url, token, NULL, NULL, 0, &reply, &headers), ==, 503);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Retry-After"), ==, "5");
  g_assert_nonnull (strstr (g_bytes_get_data (reply, NULL), "\"unavailable\""));
  assert_serving (session);

  loket_test_pg_resume (pg);
  /* Each worker reconnects on its next job. */
  for (int i = 0; i < 40 && status != 200; i++)
    {
      status = loket_test_http (session, "GET", pull_url, token, NULL, NULL, 0, NULL, NULL);
      if (status != 200)
        g_usleep (100 * 1000);
    }
  g_assert_cmpuint (status, ==, 200);
  for (int i = 0; i < 8; i++)
    g_assert_cmpuint (loket_test_http (session, "GET", pull_url, token, NULL, NULL, 0, NULL, NULL),
                      ==, 200);
}

/* The same server over TLS with a certificate and key from files. */
static void
test_tls (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *dir = g_dir_make_tmp ("loket-tls-XXXXXX", &error);
  g_autofree char *cert = g_build_filename (dir, "server.crt", NULL);
  g_autofree char *key = g_build_filename (dir, "server.key", NULL);
  g_autofree char *extra = NULL;
  g_autofree char *token = NULL;
  g_autofree char *pull_url = NULL;
  g_autofree char *plain = NULL;
  LoketTestServer *tls;
  int              status = 0;
  const char      *argv[] = { "openssl",
                              "req",
                              "-x509",
                              "-newkey",
                              "ec",
                              "-pkeyopt",
                              "ec_paramgen_curve:prime256v1",
                              "-nodes",
                              "-days",
                              "1",
                              "-subj",
                              "/CN=127.0.0.1",
                              "-keyout",
                              key,
                              "-out",
                              cert,
                              NULL };

  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  extra = g_strdup_printf ("[server]\ntls-certificate=%s\ntls-key=%s\n", cert, key);
  tls = loket_test_server_start (pg, extra);
  g_assert_true (g_str_has_prefix (tls->url, "https://127.0.0.1:"));
  token = loket_test_login (session, tls->url, "ani", PW_ANI);
  g_ptr_array_add (secrets, g_strdup (token));
  pull_url = g_strconcat (tls->url, "/sync/pull", NULL);
  g_assert_cmpuint (loket_test_http (session, "GET", pull_url, token, NULL, NULL, 0, NULL, NULL),
                    ==, 200);

  /* Plain HTTP to the TLS port gets no reply. */
  plain = g_strconcat ("http://", tls->url + strlen ("https://"), "/health", NULL);
  g_assert_cmpuint (loket_test_http (session, "GET", plain, NULL, NULL, NULL, 0, NULL, NULL), !=,
                    200);

  g_assert_cmpint (loket_test_server_stop (tls), ==, 0);
  g_remove (cert);
  g_remove (key);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  secrets = g_ptr_array_new_with_free_func (g_free);
  for (const char *const *pw
       = (const char *const[]){ PW_ANI, PW_BUDI, PW_WAYAN, PW_ADMIN, PW_TAMU, NULL };
       *pw != NULL; pw++)
    g_ptr_array_add (secrets, g_strdup (*pw));

  pg = loket_test_pg_start ();
  {
    g_autofree char *org
      = g_build_filename (g_getenv ("LOKET_SOURCE_ROOT"), "data", "org", "dinsos-ntt.json", NULL);

    loket_test_admin (pg, NULL, "import-org", org, NULL);
    loket_test_admin (pg, NULL, "import-org", org, NULL); /* again: an update, not an error */
  }
  loket_test_admin (pg, NULL, "create-agency", "disperinaker-klungkung", "Disperinaker", NULL);
  loket_test_admin (pg, NULL, "create-unit", "disperinaker-klungkung", "disperinaker-klungkung",
                    "Disperinaker", NULL);
  loket_test_admin (pg, NULL, "create-person", "disperinaker-klungkung",
                    "disperinaker-klungkung/p-wayan", "Wayan", "disperinaker-klungkung", NULL);
  loket_test_admin (pg, PW_ANI, "create-user", "ani", "dinsos-ntt", "staf",
                    "dinsos-ntt/p-pencatat-surat", NULL);
  loket_test_admin (pg, PW_BUDI, "create-user", "budi", "dinsos-ntt", "pejabat", NULL);
  loket_test_admin (pg, PW_ADMIN, "create-user", "admin1", "dinsos-ntt", "admin", NULL);
  loket_test_admin (pg, PW_TAMU, "create-user", "tamu", "dinsos-ntt", "staf", NULL);
  loket_test_admin (pg, "temporary-pass-1", "create-user", "wayan", "disperinaker-klungkung",
                    "staf,pejabat", "disperinaker-klungkung/p-wayan", NULL);
  loket_test_admin (pg, PW_WAYAN, "reset-password", "wayan", NULL);
  g_ptr_array_add (secrets, g_strdup ("temporary-pass-1"));
  server = loket_test_server_start (pg, "[server]\ntrusted-proxies=127.0.0.1\n");

  g_test_add_func ("/server/session/login", test_login);
  g_test_add_func ("/server/session/throttled", test_throttled);
  g_test_add_func ("/server/session/tokens", test_tokens);
  g_test_add_func ("/server/session/address-throttle", test_address_throttle);
  g_test_add_func ("/server/push/idempotent", test_push_idempotent);
  g_test_add_func ("/server/push/concurrent-same-batch", test_push_concurrent_same_batch);
  g_test_add_func ("/server/push/other-agency", test_push_other_agency);
  g_test_add_func ("/server/push/unknown-case", test_push_unknown_case);
  g_test_add_func ("/server/push/body-contract", test_push_body_contract);
  g_test_add_func ("/server/push/forbidden-type", test_push_forbidden_type);
  g_test_add_func ("/server/push/bad-input", test_bad_input);
  g_test_add_func ("/server/blobs/put-get-range", test_blobs);
  g_test_add_func ("/server/pull/paging", test_pull_paging);
  g_test_add_func ("/server/lease/concurrent", test_lease_concurrent);
  g_test_add_func ("/server/reference/etag-and-accounts", test_reference);
  g_test_add_func ("/server/shutdown/sigterm-finishes-requests", test_sigterm);
  g_test_add_func ("/server/tls/certificate-files", test_tls);
  g_test_add_func ("/server/admin/refuses", test_admin_refuses);
  g_test_add_func ("/server/zy-database/outage", test_database_outage);
  /* Last: reads the log every other test wrote. */
  g_test_add_func ("/server/zz-log/no-secrets", test_log_has_no_secrets);

  status = g_test_run ();

  g_assert_cmpint (loket_test_server_stop (server), ==, 0);
  loket_test_pg_stop (pg);
  g_ptr_array_unref (secrets);
  return status;
}
