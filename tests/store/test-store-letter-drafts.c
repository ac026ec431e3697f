// SPDX-License-Identifier: GPL-3.0-or-later
// Letter drafts in the store: versions as events, stale revisions refused, listing, loading,
// the letter_drafts table rebuilt from the events, concurrent offline versions.
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "loket-error.h"
#include "loket-store-letter-drafts.h"
#include "loket-test-utils.h"
#include "store-test-fixture.h"

#define CONTENT_V1 "{\"kind\":\"rekomendasi\",\"fields\":{\"hal\":\"Satu\"},\"paragraphs\":[\"a\"]}"
#define CONTENT_V2 "{\"kind\":\"rekomendasi\",\"fields\":{\"hal\":\"Dua\"},\"paragraphs\":[\"b\"]}"

static guint
count_type (Fixture *f, const char *case_uuid, const char *type, guint version)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = loket_store_get_case_events (f->store, case_uuid, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      g_autoptr (JsonObject) body = NULL;

      if (!g_str_equal (loket_event_get_event_type (events->pdata[i]), type))
        continue;
      body = loket_event_parse_body (events->pdata[i], &error);
      g_assert_no_error (error);
      if (version == 0 || json_object_get_int_member (body, "version") == version)
        n++;
    }
  return n;
}

static void
test_versions (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) events = append_case (f, "1/K/2026", "A", "5301010101900001", T0, 3);
  const char *kase = case_of (events);
  g_autoptr (GError) error = NULL;
  g_autofree char *draft = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (LoketDraftVersion) v1 = NULL;
  g_autoptr (LoketDraftVersion) latest = NULL;
  g_autoptr (LoketCase) projected = NULL;
  guint version;

  draft = loket_store_create_letter_draft (f->store, kase, "person-staf", "pos-staf", CONTENT_V1,
                                           NULL, T0 + 7200, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (draft));
  version = loket_store_revise_letter_draft (f->store, draft, 1, "person-staf", "pos-staf",
                                             CONTENT_V2, "Hal diganti", T0 + 7300, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 2);
  g_assert_cmpuint (count_type (f, kase, LOKET_EVENT_DRAFT_CREATED, 1), ==, 1);
  g_assert_cmpuint (count_type (f, kase, LOKET_EVENT_DRAFT_REVISED, 2), ==, 1);
  projected = loket_store_get_case (f->store, kase, &error);
  g_assert_cmpint (loket_case_get_status (projected), ==, LOKET_CASE_STATUS_DRAFTING);

  /* a revision of version 1 now is stale: refused, nothing written */
  g_assert_cmpuint (loket_store_revise_letter_draft (f->store, draft, 1, "person-lain", NULL,
                                                     CONTENT_V2, NULL, T0 + 7400, &error),
                    ==, 0);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "version 2 was saved"));
  g_clear_error (&error);
  g_assert_cmpuint (count_type (f, kase, LOKET_EVENT_DRAFT_REVISED, 0), ==, 1);

  list = loket_store_list_letter_drafts (f->store, kase, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  {
    LoketDraftVersion *a = list->pdata[0], *b = list->pdata[1];

    g_assert_cmpstr (a->draft_id, ==, draft);
    g_assert_cmpuint (a->version, ==, 1);
    g_assert_cmpuint (b->version, ==, 2);
    g_assert_cmpstr (a->kind, ==, "rekomendasi");
    g_assert_cmpstr (a->author, ==, "person-staf");
    g_assert_cmpstr (a->position, ==, "pos-staf");
    g_assert_null (a->note);
    g_assert_cmpstr (b->note, ==, "Hal diganti");
    g_assert_cmpint (a->at, ==, T0 + 7200);
    g_assert_null (a->content);
  }

  v1 = loket_store_load_letter_draft (f->store, draft, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (v1->content, ==, CONTENT_V1);
  latest = loket_store_load_letter_draft (f->store, draft, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latest->version, ==, 2);
  g_assert_cmpstr (latest->content, ==, CONTENT_V2);
  g_assert_null (loket_store_load_letter_draft (f->store, draft, 3, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* survives a reopen */
  reopen (f);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = loket_store_list_letter_drafts (f->store, kase, &error);
  g_assert_cmpuint (list->len, ==, 2);
  assert_check_clean (f->store);
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) events = append_case (f, "1/K/2026", "A", "5301010101900001", T0, 3);
  g_autoptr (GPtrArray) closed = append_case (f, "2/K/2026", "B", "5301010101900002", T0, 7);
  const char *kase = case_of (events);
  g_autoptr (GError) error = NULL;
  g_autofree char *draft = NULL;
  const char      *bad[] = { "", "[]", "{\"kind\": 3}", "{\"kind\": \"../x\"}", "{\"kind\": " };

  g_assert_null (loket_store_create_letter_draft (f->store, "no-such-case", "p", NULL, CONTENT_V1,
                                                  NULL, 0, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (loket_store_create_letter_draft (f->store, case_of (closed), "p", NULL, CONTENT_V1,
                                                  NULL, 0, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "2/K/2026"));
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (
        loket_store_create_letter_draft (f->store, kase, "p", NULL, bad[i], NULL, 0, &error));
      g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
  g_assert_cmpuint (loket_store_revise_letter_draft (f->store, "no-such-draft", 1, "p", NULL,
                                                     CONTENT_V1, NULL, 0, &error),
                    ==, 0);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  g_clear_error (&error);

  draft = loket_store_create_letter_draft (f->store, kase, "p", NULL, CONTENT_V1, NULL, 0, &error);
  g_assert_no_error (error);
  /* the kind is the draft's for good */
  g_assert_cmpuint (loket_store_revise_letter_draft (f->store, draft, 1, "p", NULL,
                                                     "{\"kind\":\"surat_izin\"}", NULL, 0, &error),
                    ==, 0);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpuint (count_type (f, kase, LOKET_EVENT_DRAFT_CREATED, 0), ==, 1);
  g_assert_cmpuint (count_type (f, kase, LOKET_EVENT_DRAFT_REVISED, 0), ==, 0);
  /* the closed case got nothing new (its fixture events hold one draft.created already) */
  g_assert_cmpuint (count_type (f, case_of (closed), LOKET_EVENT_DRAFT_CREATED, 0), ==, 1);
}

static char *
draft_rows (Fixture *f)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString      *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT draft_id, version, author, at FROM letter_drafts "
                                       "ORDER BY draft_id, version",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s|%d|%s|%lld\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_int (stmt, 1), sqlite3_column_text (stmt, 2),
                            (long long) sqlite3_column_int64 (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* Two devices revised version 1 offline: both events are kept (the log never loses work), the
 * table shows the one first in (HLC, UUID) order whichever arrived first, and a rebuild from the
 * events gives the same table. */
static void
test_synced_and_rebuild (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) events = append_case (f, "1/K/2026", "A", "5301010101900001", T0, 3);
  const char *kase = case_of (events);
  g_autoptr (GPtrArray) later = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) earlier = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *rebuilt = NULL;
  g_autofree char *body_late = NULL;
  g_autofree char *body_early = NULL;
  g_autoptr (LoketDraftVersion) v2 = NULL;
  sqlite3 *db = NULL;

  draft = loket_store_create_letter_draft (f->store, kase, "person-a", NULL, CONTENT_V1, NULL,
                                           T0 + 3600 * 10, &error);
  g_assert_no_error (error);
  body_late = g_strdup_printf ("{\"draft_id\":\"%s\",\"version\":2,\"kind\":\"rekomendasi\","
                               "\"content\":" CONTENT_V2 "}",
                               draft);
  body_early = g_strdup_printf ("{\"draft_id\":\"%s\",\"version\":2,\"kind\":\"rekomendasi\","
                                "\"content\":" CONTENT_V1 "}",
                                draft);
  g_ptr_array_add (
    later, store_test_event (kase, LOKET_EVENT_DRAFT_REVISED, T0 + 3600 * 12, 0, body_late));
  g_ptr_array_add (
    earlier, store_test_event (kase, LOKET_EVENT_DRAFT_REVISED, T0 + 3600 * 11, 0, body_early));
  g_assert_true (loket_store_append_events (f->store, later, &error));
  g_assert_true (loket_store_append_events (f->store, earlier, &error));
  g_assert_no_error (error);
  v2 = loket_store_load_letter_draft (f->store, draft, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (v2->content, ==, CONTENT_V1);

  rows = draft_rows (f);
  loket_store_close (f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM letter_drafts", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  reopen (f);
  {
    g_autoptr (GPtrArray) none = loket_store_list_letter_drafts (f->store, kase, &error);

    g_assert_cmpuint (none->len, ==, 0);
  }
  /* the check names both missing versions */
  {
    g_autoptr (LoketStoreCheckReport) report = loket_store_check (f->store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (report->problems->len, ==, 2);
    g_assert_nonnull (strstr (g_ptr_array_index (report->problems, 0), draft));
    g_assert_nonnull (strstr (g_ptr_array_index (report->problems, 0), "loket-cli rebuild"));
  }
  g_assert_true (loket_store_rebuild_projections (f->store, &error));
  g_assert_no_error (error);
  rebuilt = draft_rows (f);
  g_assert_cmpstr (rebuilt, ==, rows);
  g_assert_nonnull (strstr (rows, "|2|"));
  assert_check_clean (f->store);
}

static void
on_created (GObject *source, GAsyncResult *result, gpointer data)
{
  gpointer *state = data;

  *(char **) state[0]
    = loket_store_create_letter_draft_finish (LOKET_STORE (source), result, state[1]);
  *(gboolean *) state[2] = TRUE;
}

static void
on_revised (GObject *source, GAsyncResult *result, gpointer data)
{
  gpointer *state = data;

  *(guint *) state[0]
    = loket_store_revise_letter_draft_finish (LOKET_STORE (source), result, state[1]);
  *(gboolean *) state[2] = TRUE;
}

static void
on_listed (GObject *source, GAsyncResult *result, gpointer data)
{
  gpointer *state = data;

  *(GPtrArray **) state[0]
    = loket_store_list_letter_drafts_finish (LOKET_STORE (source), result, state[1]);
  *(gboolean *) state[2] = TRUE;
}

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  gpointer *state = data;

  *(LoketDraftVersion **) state[0]
    = loket_store_load_letter_draft_finish (LOKET_STORE (source), result, state[1]);
  *(gboolean *) state[2] = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

static void
test_async (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) events = append_case (f, "1/K/2026", "A", "5301010101900001", T0, 3);
  g_autoptr (GError) error = NULL;
  g_autofree char *draft = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (LoketDraftVersion) v = NULL;
  guint    version = 0;
  gboolean done = FALSE;

  {
    gpointer state[3] = { &draft, &error, &done };

    loket_store_create_letter_draft_async (f->store, case_of (events), "p", NULL, CONTENT_V1, NULL,
                                           0, NULL, on_created, state);
    g_assert_true (loket_test_wait_until (is_true, &done, 10000));
    g_assert_no_error (error);
  }
  {
    gpointer state[3] = { &version, &error, &done };

    done = FALSE;
    loket_store_revise_letter_draft_async (f->store, draft, 1, "p", NULL, CONTENT_V2, NULL, 0, NULL,
                                           on_revised, state);
    g_assert_true (loket_test_wait_until (is_true, &done, 10000));
    g_assert_no_error (error);
    g_assert_cmpuint (version, ==, 2);
    done = FALSE;
    loket_store_revise_letter_draft_async (f->store, draft, 1, "p", NULL, CONTENT_V2, NULL, 0, NULL,
                                           on_revised, state);
    g_assert_true (loket_test_wait_until (is_true, &done, 10000));
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
    g_clear_error (&error);
  }
  {
    gpointer state[3] = { &list, &error, &done };

    done = FALSE;
    loket_store_list_letter_drafts_async (f->store, case_of (events), NULL, on_listed, state);
    g_assert_true (loket_test_wait_until (is_true, &done, 10000));
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 2);
  }
  {
    gpointer state[3] = { &v, &error, &done };

    done = FALSE;
    loket_store_load_letter_draft_async (f->store, draft, 0, NULL, on_loaded, state);
    g_assert_true (loket_test_wait_until (is_true, &done, 10000));
    g_assert_no_error (error);
    g_assert_cmpstr (v->content, ==, CONTENT_V2);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/loket/store/letter-drafts/versions", test_versions);
  ADD ("/loket/store/letter-drafts/refusals", test_refusals);
  ADD ("/loket/store/letter-drafts/synced-and-rebuild", test_synced_and_rebuild);
  ADD ("/loket/store/letter-drafts/async", test_async);
#undef ADD
  return g_test_run ();
}
