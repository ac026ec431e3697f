// SPDX-License-Identifier: GPL-3.0-or-later
// The store test fixture: a fresh store in a temporary folder, and assertions shared by tests.
#include "config.h"

#include "store-test-fixture.h"

#include "loket-test-utils.h"

void
fixture_set_up (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("loket-test-store-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "data", "loket.db", NULL);
  f->projector = store_test_projector_new ();
  f->store = loket_store_open (f->path, f->projector, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

void
fixture_tear_down (Fixture *f, gconstpointer user_data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->projector);
  loket_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

void
reopen (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  g_clear_object (&f->store);
  f->store = loket_store_open (f->path, f->projector, &error);
  g_assert_no_error (error);
}

GPtrArray *
append_case (Fixture    *f,
             const char *agenda,
             const char *name,
             const char *nik,
             gint64      received_at,
             guint       n_events)
{
  StoreTestCase spec = { NULL, agenda, name, nik, NULL, received_at, n_events };
  g_autoptr (GError) error = NULL;
  GPtrArray *events = store_test_case_events (&spec);

  g_assert_true (loket_store_append_events (f->store, events, &error));
  g_assert_no_error (error);
  return events;
}

const char *
case_of (GPtrArray *events)
{
  return loket_event_get_case_uuid (g_ptr_array_index (events, 0));
}

void
assert_check_clean (LoketStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStoreCheckReport) report = loket_store_check (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("problem: %s", (char *) report->problems->pdata[i]);
  g_assert_cmpuint (report->problems->len, ==, 0);
}

void
assert_projection_is_fold (Fixture *f, const char *case_uuid)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = loket_store_get_case_events (f->store, case_uuid, &error);
  g_autoptr (LoketCase) stored = loket_store_get_case (f->store, case_uuid, &error);
  g_autoptr (LoketCase) folded = NULL;

  g_assert_no_error (error);
  folded = loket_case_projector_project (f->projector, events, &error);
  g_assert_no_error (error);
  g_assert_true (loket_case_equal (stored, folded));
}
