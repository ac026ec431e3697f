// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of case events: validation, hash chain input and ordering.

#include "config.h"

#include "loket-error.h"
#include "loket-event.h"

#include <string.h>

#define UUID_A "0b6b4a2e-3f1c-4d55-9a7e-1c2d3e4f5a6b"
#define UUID_B "7f1e2d3c-4b5a-4697-8877-665544332211"
#define CASE_A "c0ffee00-1234-4abc-8def-0123456789ab"
#define HLC_1 "001700000000000-000000"
#define HLC_2 "001700000000000-000001"

enum
{
  F_UUID,
  F_CASE,
  F_TYPE,
  F_AUTHOR,
  F_DEVICE,
  F_HLC,
  F_BODY,
  N_FIELDS,
};

static const char *const good[N_FIELDS] = {
  UUID_A, CASE_A, "case.registered", "petugas.loket", "pc-loket-01", HLC_1, "{\"subject\":\"x\"}",
};

static LoketEvent *
new_with (guint field, const char *value, GError **error)
{
  const char *f[N_FIELDS];

  memcpy (f, good, sizeof f);
  if (field < N_FIELDS)
    f[field] = value;

  return loket_event_new_checked (f[F_UUID], f[F_CASE], f[F_TYPE], f[F_AUTHOR], f[F_DEVICE],
                                  f[F_HLC], f[F_BODY], error);
}

static void
assert_rejected (guint field, const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketEvent) event = new_with (field, value, &error);

  if (event != NULL)
    g_error ("field %u value “%s” accepted", field, value != NULL ? value : "(null)");
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
}

static void
test_event_checked_accepts (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketEvent) event = new_with (N_FIELDS, NULL, &error);
  g_autoptr (LoketEvent) random = new_with (F_UUID, NULL, &error);
  g_autoptr (JsonObject) body = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (event);
  g_assert_cmpstr (loket_event_get_uuid (event), ==, UUID_A);
  g_assert_cmpstr (loket_event_get_case_uuid (event), ==, CASE_A);
  g_assert_cmpstr (loket_event_get_event_type (event), ==, "case.registered");
  g_assert_cmpstr (loket_event_get_author (event), ==, "petugas.loket");
  g_assert_cmpstr (loket_event_get_device (event), ==, "pc-loket-01");
  g_assert_cmpstr (loket_event_get_hlc (event), ==, HLC_1);
  g_assert_cmpstr (loket_event_get_body (event), ==, "{\"subject\":\"x\"}");
  g_assert_null (loket_event_get_prev_hash (event));
  g_assert_null (loket_event_get_hash (event));

  body = loket_event_parse_body (event, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (body, "subject"), ==, "x");

  /* A NULL uuid gets a random v4 one. */
  g_assert_nonnull (random);
  g_assert_true (g_uuid_string_is_valid (loket_event_get_uuid (random)));
  g_assert_cmpstr (loket_event_get_uuid (random), !=, UUID_A);

  /* Unknown but well-formed types pass (newer clients). */
  {
    g_autoptr (LoketEvent) other = new_with (F_TYPE, "future_thing.happened", &error);
    g_assert_no_error (error);
    g_assert_nonnull (other);
  }
}

static void
test_event_checked_rejects (void)
{
  g_autofree char *long_name = g_strnfill (201, 'a');
  g_autofree char *max_name = g_strnfill (200, 'a');
  g_autofree char *huge_body = NULL;
  g_autoptr (GString) body = g_string_new ("{\"x\":\"");

  while (body->len <= 1024 * 1024)
    g_string_append (body, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  g_string_append (body, "\"}");
  huge_body = g_string_free (g_steal_pointer (&body), FALSE);

  assert_rejected (F_UUID, "not-a-uuid");
  assert_rejected (F_UUID, "");
  assert_rejected (F_CASE, NULL);
  assert_rejected (F_CASE, "");
  assert_rejected (F_CASE, "0b6b4a2e-3f1c-4d55-9a7e-1c2d3e4f5a6");
  assert_rejected (F_TYPE, NULL);
  assert_rejected (F_TYPE, "");
  assert_rejected (F_TYPE, "case");
  assert_rejected (F_TYPE, "Case.registered");
  assert_rejected (F_TYPE, "case.registered.x");
  assert_rejected (F_TYPE, ".registered");
  assert_rejected (F_TYPE, "case.");
  assert_rejected (F_TYPE, "case-x.registered");
  assert_rejected (F_TYPE, "case.registered ");
  assert_rejected (F_AUTHOR, NULL);
  assert_rejected (F_AUTHOR, "");
  assert_rejected (F_AUTHOR, long_name);
  assert_rejected (F_AUTHOR, "bad\xff");
  assert_rejected (F_DEVICE, NULL);
  assert_rejected (F_DEVICE, "");
  assert_rejected (F_DEVICE, long_name);
  assert_rejected (F_DEVICE, "bad\xc3");
  assert_rejected (F_HLC, NULL);
  assert_rejected (F_HLC, "");
  assert_rejected (F_HLC, "1700000000000-0");
  assert_rejected (F_HLC, "001700000000000-00000x");
  assert_rejected (F_BODY, NULL);
  assert_rejected (F_BODY, "");
  assert_rejected (F_BODY, "[]");
  assert_rejected (F_BODY, "\"text\"");
  assert_rejected (F_BODY, "42");
  assert_rejected (F_BODY, "{\"a\":");
  assert_rejected (F_BODY, "{\"a\":\"\xff\"}");
  assert_rejected (F_BODY, huge_body);

  /* Exactly 200 bytes is allowed. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (LoketEvent) event = new_with (F_AUTHOR, max_name, &error);
    g_assert_no_error (error);
  }
}

static void
test_event_hash (void)
{
  g_autoptr (LoketEvent) event = new_with (N_FIELDS, NULL, NULL);
  g_autofree char *h1 = loket_event_compute_hash (event, NULL);
  g_autofree char *h2 = loket_event_compute_hash (event, "");
  g_autofree char *h3 = loket_event_compute_hash (event, NULL);
  g_autofree char *with_prev = loket_event_compute_hash (event, h1);
  const char      *other_values[N_FIELDS] = {
         UUID_B,
         "c0ffee00-1234-4abc-8def-0123456789ac",
         "case.closed",
         "petugas.lain",
         "pc-loket-02",
         HLC_2,
         "{\"subject\":\"y\"}",
  };
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (strlen (h1), ==, 64);
  for (const char *p = h1; *p != '\0'; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));

  /* Stable, and NULL == "" for the first event. */
  g_assert_cmpstr (h1, ==, h2);
  g_assert_cmpstr (h1, ==, h3);
  g_assert_cmpstr (h1, !=, with_prev);

  /* The same fields in a fresh object give the same hash. */
  {
    g_autoptr (LoketEvent) copy = new_with (N_FIELDS, NULL, NULL);
    g_autofree char *h = loket_event_compute_hash (copy, NULL);
    g_assert_cmpstr (h, ==, h1);
  }

  /* Any field changes the hash. */
  g_ptr_array_add (seen, g_strdup (h1));
  g_ptr_array_add (seen, g_strdup (with_prev));
  for (guint f = 0; f < N_FIELDS; f++)
    {
      g_autoptr (LoketEvent) changed = new_with (f, other_values[f], NULL);
      g_autofree char *h = NULL;

      g_assert_nonnull (changed);
      h = loket_event_compute_hash (changed, NULL);
      for (guint i = 0; i < seen->len; i++)
        g_assert_cmpstr (h, !=, g_ptr_array_index (seen, i));
      g_ptr_array_add (seen, g_steal_pointer (&h));
    }

  /* Moving bytes between neighbouring fields changes the hash (length prefixes). */
  {
    g_autoptr (LoketEvent) a
      = loket_event_new (UUID_A, CASE_A, "case.closed", "ab", "c", HLC_1, "{}");
    g_autoptr (LoketEvent) b
      = loket_event_new (UUID_A, CASE_A, "case.closed", "a", "bc", HLC_1, "{}");
    g_autofree char *ha = loket_event_compute_hash (a, NULL);
    g_autofree char *hb = loket_event_compute_hash (b, NULL);
    g_assert_cmpstr (ha, !=, hb);
  }

  /* set_chain stores what the store computed. */
  loket_event_set_chain (event, NULL, h1);
  g_assert_null (loket_event_get_prev_hash (event));
  g_assert_cmpstr (loket_event_get_hash (event), ==, h1);
  loket_event_set_chain (event, h1, with_prev);
  g_assert_cmpstr (loket_event_get_prev_hash (event), ==, h1);
  g_assert_cmpstr (loket_event_get_hash (event), ==, with_prev);
}

static void
test_event_compare (void)
{
  g_autoptr (LoketEvent) a1
    = loket_event_new (UUID_A, CASE_A, "comment.added", "x", "d", HLC_1, "{}");
  g_autoptr (LoketEvent) b1
    = loket_event_new (UUID_B, CASE_A, "comment.added", "x", "d", HLC_1, "{}");
  g_autoptr (LoketEvent) a2
    = loket_event_new (UUID_A, CASE_A, "comment.added", "x", "d", HLC_2, "{}");
  g_autoptr (LoketEvent) b2
    = loket_event_new (UUID_B, CASE_A, "comment.added", "x", "d", HLC_2, "{}");

  g_assert_cmpint (loket_event_compare (a1, a1), ==, 0);
  g_assert_cmpint (loket_event_compare (a1, b1), <, 0);
  g_assert_cmpint (loket_event_compare (b1, a1), >, 0);
  /* HLC first: b1 < a2 although UUID_B > UUID_A. */
  g_assert_cmpint (loket_event_compare (b1, a2), <, 0);
  g_assert_cmpint (loket_event_compare (a2, b1), >, 0);
  g_assert_cmpint (loket_event_compare (a2, b2), <, 0);
}

static void
test_event_parse_body_error (void)
{
  g_autoptr (LoketEvent) event
    = loket_event_new (UUID_A, CASE_A, "comment.added", "x", "d", HLC_1, "[1, 2]");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) body = loket_event_parse_body (event, &error);

  g_assert_null (body);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loket/core/event/checked/accepts", test_event_checked_accepts);
  g_test_add_func ("/loket/core/event/checked/rejects", test_event_checked_rejects);
  g_test_add_func ("/loket/core/event/hash", test_event_hash);
  g_test_add_func ("/loket/core/event/compare", test_event_compare);
  g_test_add_func ("/loket/core/event/parse-body-error", test_event_parse_body_error);

  return g_test_run ();
}
