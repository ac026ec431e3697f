// SPDX-License-Identifier: GPL-3.0-or-later
// The sync wire types: round trips and malformed input (src/sync/PROTOCOL.md).

#include "config.h"

#include <string.h>

#include "loket-event-permissions.h"
#include "loket-sync-protocol.h"

#define CASE_UUID "6f1c0a52-3f0e-4c1e-9a43-6d1b2f0c9e11"

static LoketEvent *
make_event (const char *type, const char *body, const char *prev_hash)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *hash = NULL;
  LoketEvent      *event = loket_event_new_checked (uuid, CASE_UUID, type, "person-1", "device-A",
                                                    "001790000000000-000003", body, &error);

  g_assert_no_error (error);
  hash = loket_event_compute_hash (event, prev_hash);
  loket_event_set_chain (event, prev_hash, hash);
  return event;
}

static void
assert_same_event (LoketEvent *a, LoketEvent *b)
{
  g_assert_cmpstr (loket_event_get_uuid (a), ==, loket_event_get_uuid (b));
  g_assert_cmpstr (loket_event_get_case_uuid (a), ==, loket_event_get_case_uuid (b));
  g_assert_cmpstr (loket_event_get_event_type (a), ==, loket_event_get_event_type (b));
  g_assert_cmpstr (loket_event_get_author (a), ==, loket_event_get_author (b));
  g_assert_cmpstr (loket_event_get_device (a), ==, loket_event_get_device (b));
  g_assert_cmpstr (loket_event_get_hlc (a), ==, loket_event_get_hlc (b));
  g_assert_cmpstr (loket_event_get_body (a), ==, loket_event_get_body (b));
  g_assert_cmpstr (loket_event_get_prev_hash (a), ==, loket_event_get_prev_hash (b));
  g_assert_cmpstr (loket_event_get_hash (a), ==, loket_event_get_hash (b));
}

static void
test_push_round_trip (void)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSyncPushRequest) request = NULL;
  g_autofree char *json = NULL;
  g_autofree char *bad = NULL;
  gsize            length = 0;

  /* Odd spacing and key order in the body must survive byte for byte (the hash covers them). */
  g_ptr_array_add (events, make_event ("case.registered", "{ \"agency\" : \"x\",\"n\":1 }", NULL));
  g_ptr_array_add (events, make_event ("comment.added", "{\"text\":\"Lihat \\u00e9 “kutip”\"}",
                                       loket_event_get_hash (events->pdata[0])));

  json = loket_sync_push_request_to_json ("device-A", events, &length);
  g_assert_cmpuint (length, ==, strlen (json));
  request = loket_sync_push_request_parse (json, length, &bad, &error);
  g_assert_no_error (error);
  g_assert_null (bad);
  g_assert_cmpstr (request->device, ==, "device-A");
  g_assert_cmpuint (request->events->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    assert_same_event (events->pdata[i], request->events->pdata[i]);
}

static void
test_event_body_object (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (LoketEvent) event = NULL;
  gint64      seq = -1;
  const char *text = "{\"uuid\":\"0b6b6a8e-8f0d-4b59-9f53-2a3b1f7d6c10\",\"case_uuid\":\"" CASE_UUID
                     "\",\"type\":\"case.paused\",\"author\":\"a\",\"device\":\"d\","
                     "\"hlc\":\"001790000000000-000001\",\"body\":{\"reason\":\"x\"},\"seq\":7}";

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  event = loket_sync_event_from_object (json_node_get_object (json_parser_get_root (parser)), &seq,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, 7);
  g_assert_cmpstr (loket_event_get_body (event), ==, "{\"reason\":\"x\"}");
  g_assert_null (loket_event_get_hash (event));
}

static void
expect_invalid_event (const char *text, LoketSyncError code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSyncPushRequest) request = NULL;
  g_autofree char *bad = NULL;

  request = loket_sync_push_request_parse (text, strlen (text), &bad, &error);
  g_assert_null (request);
  g_assert_error (error, LOKET_SYNC_ERROR, (int) code);
  if (code == LOKET_SYNC_ERROR_INVALID_EVENT)
    g_assert_nonnull (bad);
}

#define EV(extra)                                                                                  \
  "{\"device\":\"d\",\"events\":[{\"uuid\":\"0b6b6a8e-8f0d-4b59-9f53-2a3b1f7d6c10\","              \
  "\"case_uuid\":\"" CASE_UUID "\",\"author\":\"a\",\"device\":\"d\"," extra "}]}"

static void
test_push_malformed (void)
{
  /* Not JSON, not an object, missing members, wrong types. */
  expect_invalid_event ("", LOKET_SYNC_ERROR_BAD_REQUEST);
  expect_invalid_event ("{\"device\":", LOKET_SYNC_ERROR_BAD_REQUEST);
  expect_invalid_event ("[1,2]", LOKET_SYNC_ERROR_BAD_REQUEST);
  expect_invalid_event ("{\"events\":[]}", LOKET_SYNC_ERROR_BAD_REQUEST);
  expect_invalid_event ("{\"device\":\"d\",\"events\":{}}", LOKET_SYNC_ERROR_BAD_REQUEST);
  expect_invalid_event ("{\"device\":5,\"events\":[]}", LOKET_SYNC_ERROR_BAD_REQUEST);
  expect_invalid_event ("{\"device\":\"d\",\"events\":[3]}", LOKET_SYNC_ERROR_INVALID_EVENT);
  expect_invalid_event ("{\"device\":\"d\",\"events\":[\xff]}", LOKET_SYNC_ERROR_BAD_REQUEST);
  /* Envelope rules of core. */
  expect_invalid_event (
    EV ("\"type\":\"Case Registered\",\"hlc\":\"001790000000000-000001\",\"body\":{}"),
    LOKET_SYNC_ERROR_INVALID_EVENT);
  expect_invalid_event (EV ("\"type\":\"case.paused\",\"hlc\":\"yesterday\",\"body\":{}"),
                        LOKET_SYNC_ERROR_INVALID_EVENT);
  expect_invalid_event (
    EV ("\"type\":\"case.paused\",\"hlc\":\"001790000000000-000001\",\"body\":[]"),
    LOKET_SYNC_ERROR_INVALID_EVENT);
  expect_invalid_event (
    EV ("\"type\":\"case.paused\",\"hlc\":\"001790000000000-000001\",\"body_text\":\"[1]\""),
    LOKET_SYNC_ERROR_INVALID_EVENT);
  /* Neither or both bodies. */
  expect_invalid_event (EV ("\"type\":\"case.paused\",\"hlc\":\"001790000000000-000001\""),
                        LOKET_SYNC_ERROR_INVALID_EVENT);
  expect_invalid_event (EV ("\"type\":\"case.paused\",\"hlc\":\"001790000000000-000001\",\"body\":{"
                            "},\"body_text\":\"{}\""),
                        LOKET_SYNC_ERROR_INVALID_EVENT);
  /* A hash that does not match the content. */
  expect_invalid_event (
    EV ("\"type\":\"case.paused\",\"hlc\":\"001790000000000-000001\",\"body_text\":\"{}\","
        "\"hash\":\"0000000000000000000000000000000000000000000000000000000000000000\""),
    LOKET_SYNC_ERROR_INVALID_EVENT);
  expect_invalid_event (
    EV ("\"type\":\"case.paused\",\"hlc\":\"001790000000000-000001\",\"body_text\":\"{}\","
        "\"hash\":\"XYZ\""),
    LOKET_SYNC_ERROR_INVALID_EVENT);
}

static void
test_push_duplicate_and_limit (void)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSyncPushRequest) request = NULL;
  g_autofree char *json = NULL;
  g_autofree char *bad = NULL;
  gsize            length;

  g_ptr_array_add (events, make_event ("case.paused", "{}", NULL));
  g_ptr_array_add (events, g_object_ref (events->pdata[0]));
  json = loket_sync_push_request_to_json ("d", events, &length);
  request = loket_sync_push_request_parse (json, length, &bad, &error);
  g_assert_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INVALID_EVENT);
  g_assert_cmpstr (bad, ==, loket_event_get_uuid (events->pdata[0]));
  g_clear_error (&error);
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&bad, g_free);

  g_ptr_array_set_size (events, 0);
  for (int i = 0; i < LOKET_SYNC_MAX_PUSH_EVENTS + 1; i++)
    g_ptr_array_add (events, make_event ("case.paused", "{}", NULL));
  json = loket_sync_push_request_to_json ("d", events, &length);
  request = loket_sync_push_request_parse (json, length, &bad, &error);
  g_assert_null (request);
  g_assert_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_TOO_LARGE);
}

/* Every prefix and many byte flips of a valid push: each parse fails cleanly or succeeds with
 * events that pass core's checks; none crashes or warns. */
static void
test_push_mangled (void)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *json = NULL;
  gsize            length;
  guint            parsed = 0;

  g_ptr_array_add (events, make_event ("case.registered", "{\"agency\":\"x\",\"n\":[1,2]}", NULL));
  g_ptr_array_add (events, make_event ("comment.added", "{\"text\":\"a\"}", NULL));
  json = loket_sync_push_request_to_json ("device-A", events, &length);

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (LoketSyncPushRequest) request = NULL;
      g_autofree char *bad = NULL;

      request = loket_sync_push_request_parse (json, cut, &bad, &error);
      g_assert_null (request);
      g_assert_nonnull (error);
      g_assert_true (error->domain == LOKET_SYNC_ERROR);
    }

  for (guint round = 0; round < 3000; round++)
    {
      g_autofree char *copy = g_memdup2 (json, length + 1);
      g_autoptr (GError) error = NULL;
      g_autoptr (LoketSyncPushRequest) request = NULL;
      g_autofree char *bad = NULL;
      guint            flips = g_rand_int_range (rand, 1, 4);

      for (guint f = 0; f < flips; f++)
        copy[g_rand_int_range (rand, 0, (gint32) length)] = (char) g_rand_int_range (rand, 1, 256);
      request = loket_sync_push_request_parse (copy, length, &bad, &error);
      if (request != NULL)
        {
          parsed++;
          g_assert_no_error (error);
          for (guint i = 0; i < request->events->len; i++)
            g_assert_true (
              g_uuid_string_is_valid (loket_event_get_uuid (request->events->pdata[i])));
        }
      else
        g_assert_true (error != NULL && error->domain == LOKET_SYNC_ERROR);
    }
  g_test_message ("%u of 3000 mangled pushes still parsed", parsed);
}

static void
test_push_reply (void)
{
  g_autoptr (LoketSyncPushReply) reply = loket_sync_push_reply_new ();
  g_autoptr (LoketSyncPushReply) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  gsize            length;

  loket_sync_push_reply_add_accepted (reply, "0b6b6a8e-8f0d-4b59-9f53-2a3b1f7d6c10", 41, TRUE);
  loket_sync_push_reply_add_accepted (reply, CASE_UUID, 42, FALSE);
  json = loket_sync_push_reply_to_json (reply, &length);
  back = loket_sync_push_reply_parse (json, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->accepted_uuids->len, ==, 2);
  g_assert_cmpstr (back->accepted_uuids->pdata[1], ==, CASE_UUID);
  g_assert_cmpint (g_array_index (back->accepted_seqs, gint64, 0), ==, 41);
  g_assert_cmpint (g_array_index (back->accepted_seqs, gint64, 1), ==, 42);
  g_assert_cmpuint (back->duplicates->len, ==, 1);

  g_clear_pointer (&back, loket_sync_push_reply_free);
  {
    const char *text = "{\"accepted\":[{\"uuid\":\"x\",\"seq\":1}],\"duplicates\":[]}";
    back = loket_sync_push_reply_parse (text, strlen (text), &error);
  }
  g_assert_null (back);
  g_assert_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST);
}

static void
test_pull_reply (void)
{
  g_autoptr (LoketSyncPullReply) reply = loket_sync_pull_reply_new ();
  g_autoptr (LoketSyncPullReply) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketEvent) a = make_event ("case.registered", "{\"agency\":\"x\"}", NULL);
  g_autoptr (LoketEvent) b = make_event ("case.paused", "{}", loket_event_get_hash (a));
  g_autofree char *json = NULL;
  g_autofree char *tampered = NULL;
  gsize            length;

  loket_sync_pull_reply_add_event (reply, a, 5);
  loket_sync_pull_reply_add_event (reply, b, 9);
  reply->more = TRUE;
  json = loket_sync_pull_reply_to_json (reply, &length);
  back = loket_sync_pull_reply_parse (json, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->events->len, ==, 2);
  assert_same_event (a, back->events->pdata[0]);
  assert_same_event (b, back->events->pdata[1]);
  g_assert_cmpint (g_array_index (back->seqs, gint64, 1), ==, 9);
  g_assert_cmpint (back->last_seq, ==, 9);
  g_assert_true (back->more);
  g_clear_pointer (&back, loket_sync_pull_reply_free);

  /* Out-of-order seqs and a changed body (its hash no longer matches) are refused. */
  tampered = g_strdup (json);
  memcpy (strstr (tampered, "\"seq\":9"), "\"seq\":4", 7);
  back = loket_sync_pull_reply_parse (tampered, length, &error);
  g_assert_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_free (tampered);
  tampered = g_strdup (json);
  memcpy (strstr (tampered, "agency"), "agenXY", 6);
  back = loket_sync_pull_reply_parse (tampered, length, &error);
  g_assert_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INVALID_EVENT);
}

static void
test_session (void)
{
  g_autoptr (LoketSyncSession) session = loket_sync_session_new ();
  g_autoptr (LoketSyncSession) back = NULL;
  g_autoptr (LoketSyncSessionRequest) request = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *req_json = NULL;
  const char      *roles[] = { "staf", "pejabat", NULL };
  const char      *text;

  session->token = g_strdup ("abc");
  session->expires_at = g_date_time_new_utc (2026, 11, 22, 10, 0, 0);
  session->username = g_strdup ("ani");
  session->person = g_strdup ("dinsos-ntt/p-01");
  session->agency = g_strdup ("dinsos-ntt");
  session->roles = g_strdupv ((char **) roles);
  json = loket_sync_session_to_json (session);
  back = loket_sync_session_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->token, ==, "abc");
  g_assert_cmpstr (back->agency, ==, "dinsos-ntt");
  g_assert_true (g_date_time_equal (back->expires_at, session->expires_at));
  g_assert_true (loket_sync_session_has_role (back, "pejabat"));
  g_assert_false (loket_sync_session_has_role (back, "kadis"));
  g_clear_pointer (&back, loket_sync_session_free);

  text = "{\"token\":\"t\",\"expires_at\":\"2026-11-22T10:00:00\","
         "\"user\":{\"username\":\"u\",\"agency\":\"a\",\"roles\":[]}}";
  back = loket_sync_session_parse (text, strlen (text), &error);
  g_assert_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST); /* no offset */
  g_clear_error (&error);
  text = "{\"token\":\"t\",\"expires_at\":\"2026-11-22T10:00:00Z\","
         "\"user\":{\"username\":\"u\",\"agency\":\"a\",\"roles\":[\"root\"]}}";
  back = loket_sync_session_parse (text, strlen (text), &error);
  g_assert_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST); /* unknown role */
  g_clear_error (&error);
  text = "{\"token\":\"t\",\"expires_at\":\"2026-11-22T10:00:00Z\","
         "\"user\":{\"username\":\"u\",\"agency\":\"a\",\"roles\":[\"kadis\"]}}";
  back = loket_sync_session_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_true (loket_sync_session_has_role (back, "kadis"));
  g_clear_pointer (&back, loket_sync_session_free);
  text = "{\"token\":\"t\",\"expires_at\":\"2026-11-22T10:00:00Z\","
         "\"user\":{\"username\":\"u\",\"agency\":\"a\",\"roles\":[\"root\"]}}";
  back = loket_sync_session_parse (text, strlen (text), &error);
  g_assert_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST); /* unknown role */
  g_clear_error (&error);

  req_json = loket_sync_session_request_to_json ("ani", "rahasia \"x\"", "dev");
  request = loket_sync_session_request_parse (req_json, strlen (req_json), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->password, ==, "rahasia \"x\"");
  g_clear_pointer (&request, loket_sync_session_request_free);
  text = "{\"username\":\"a\",\"password\":\"\",\"device\":\"d\"}";
  request = loket_sync_session_request_parse (text, strlen (text), &error);
  g_assert_null (request);
  g_assert_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST);
}

static void
test_lease (void)
{
  g_autoptr (LoketSyncLease) lease = loket_sync_lease_new ();
  g_autoptr (LoketSyncLease) back = NULL;
  g_autoptr (LoketSyncLeaseRequest) request = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *req = NULL;

  lease->agency = g_strdup ("dinsos-ntt");
  lease->register_name = g_strdup ("surat-keluar");
  lease->year = 2026;
  lease->first = 101;
  lease->last = 150;
  lease->expires_at = g_date_time_new_utc (2026, 12, 31, 0, 0, 0);
  json = loket_sync_lease_to_json (lease);
  back = loket_sync_lease_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->first, ==, 101);
  g_assert_cmpint (back->last, ==, 150);
  g_assert_cmpint (back->year, ==, 2026);

  req = loket_sync_lease_request_to_json ("surat-keluar", 2026, 50, "dev");
  request = loket_sync_lease_request_parse (req, strlen (req), &error);
  g_assert_no_error (error);
  g_assert_cmpint (request->count, ==, 50);
  g_clear_pointer (&request, loket_sync_lease_request_free);
  g_free (req);
  req = loket_sync_lease_request_to_json ("surat-keluar", 2026, 0, "dev");
  request = loket_sync_lease_request_parse (req, strlen (req), &error);
  g_assert_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_free (req);
  req = loket_sync_lease_request_to_json ("surat-keluar", 1999, 5, "dev");
  request = loket_sync_lease_request_parse (req, strlen (req), &error);
  g_assert_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST);
}

static void
test_reference_index (void)
{
  g_autoptr (LoketSyncReferenceIndex) index = loket_sync_reference_index_new ();
  g_autoptr (LoketSyncReferenceIndex) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *version = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "x", -1);

  loket_sync_reference_index_add (index, "catalog", version);
  loket_sync_reference_index_add (index, "future-thing", version);
  json = loket_sync_reference_index_to_json (index);
  back = loket_sync_reference_index_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->names->len, ==, 1); /* unknown names skipped */
  g_assert_cmpstr (back->versions->pdata[0], ==, version);
}

static void
test_error_body (void)
{
  g_autofree char *json
    = loket_sync_error_body_to_json (LOKET_SYNC_ERROR_INVALID_EVENT, "Bad", CASE_UUID);
  g_autofree char *event = NULL;
  g_autoptr (GError) error = loket_sync_error_from_reply (422, json, strlen (json), &event);
  g_autoptr (GError) fallback = loket_sync_error_from_reply (503, "<html>", 6, NULL);
  const char *teapot = "{\"error\":{\"code\":\"teapot\",\"message\":\"m\"}}";
  g_autoptr (GError) unknown = loket_sync_error_from_reply (418, teapot, strlen (teapot), NULL);
  LoketSyncError code;

  g_assert_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INVALID_EVENT);
  g_assert_cmpstr (error->message, ==, "Bad");
  g_assert_cmpstr (event, ==, CASE_UUID);
  g_assert_error (fallback, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_UNAVAILABLE);
  g_assert_error (unknown, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INTERNAL);
  for (int i = LOKET_SYNC_ERROR_BAD_REQUEST; i <= LOKET_SYNC_ERROR_INTERNAL; i++)
    {
      g_assert_true (loket_sync_error_code_from_name (loket_sync_error_code_name (i), &code));
      g_assert_cmpint (code, ==, i);
      g_assert_cmpuint (loket_sync_error_http_status (i), >=, 400);
    }
}

static void
test_permissions (void)
{
  const char *staf[] = { LOKET_ROLE_STAF, NULL };
  const char *pejabat[] = { LOKET_ROLE_PEJABAT, NULL };
  const char *kadis_admin[] = { LOKET_ROLE_ADMIN, LOKET_ROLE_KADIS, NULL };
  const char *admin[] = { LOKET_ROLE_ADMIN, NULL };

  g_assert_true (loket_event_permission_allows (staf, "case.registered"));
  g_assert_false (loket_event_permission_allows (staf, "letter.signed"));
  g_assert_false (loket_event_permission_allows (staf, "disposition.sent"));
  g_assert_true (loket_event_permission_allows (pejabat, "letter.signed"));
  g_assert_true (loket_event_permission_allows (kadis_admin, "letter.signed"));
  g_assert_false (loket_event_permission_allows (admin, "case.registered"));
  g_assert_false (loket_event_permission_allows (pejabat, "unknown.type"));
  g_assert_false (loket_event_permission_allows (NULL, "case.registered"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/protocol/push/round-trip", test_push_round_trip);
  g_test_add_func ("/sync/protocol/push/body-object", test_event_body_object);
  g_test_add_func ("/sync/protocol/push/malformed", test_push_malformed);
  g_test_add_func ("/sync/protocol/push/duplicate-and-limit", test_push_duplicate_and_limit);
  g_test_add_func ("/sync/protocol/push/mangled", test_push_mangled);
  g_test_add_func ("/sync/protocol/push/reply", test_push_reply);
  g_test_add_func ("/sync/protocol/pull/reply", test_pull_reply);
  g_test_add_func ("/sync/protocol/session", test_session);
  g_test_add_func ("/sync/protocol/lease", test_lease);
  g_test_add_func ("/sync/protocol/reference-index", test_reference_index);
  g_test_add_func ("/sync/protocol/error-body", test_error_body);
  g_test_add_func ("/sync/protocol/permissions", test_permissions);

  return g_test_run ();
}
