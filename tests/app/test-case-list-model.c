// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the paged case list model on a real demo database (no display needed).

#include "config.h"

#include "loket-case-list-model.h"
#include "loket-demo.h"
#include "loket-test-utils.h"

#define N_CASES 1000
#define TIMEOUT_MS 30000

static char       *fixture_dir;
static LoketStore *fixture_store;

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_emissions;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->position = position;
  record->removed = removed;
  record->added = added;
  record->n_emissions++;
}

static gboolean
counted (gpointer data)
{
  return !loket_case_list_model_get_loading (data);
}

typedef struct
{
  LoketCaseListModel *model;
  LoketCase          *item;
} Filled;

static gboolean
item_filled (gpointer data)
{
  Filled *filled = data;

  return loket_case_list_model_get_loaded (filled->model, filled->item) != NULL;
}

static gboolean
nothing_in_flight (gpointer data)
{
  return loket_case_list_model_get_n_loading (data) == 0;
}

static void
notify_cb (GObject *object, GParamSpec *pspec, guint *n_notifies)
{
  (*n_notifies)++;
}

static LoketCaseListModel *
new_counted_model (LoketCaseQuery *query, ItemsChanged *record)
{
  LoketCaseListModel *model = loket_case_list_model_new (fixture_store);

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), record);
  loket_case_list_model_set_query (model, query);
  g_assert_true (loket_case_list_model_get_loading (model));
  g_assert_true (loket_test_wait_until (counted, model, TIMEOUT_MS));
  return model;
}

static void
test_counts_without_loading_rows (void)
{
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  ItemsChanged        record = { 0 };
  LoketCaseListModel *model;

  model = new_counted_model (query, &record);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CASES);
  g_assert_cmpuint (record.n_emissions, ==, 1);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, N_CASES);
  /* Counting loaded no page. */
  g_assert_cmpuint (loket_case_list_model_get_n_cached_pages (model), ==, 0);
  g_assert_cmpuint (loket_case_list_model_get_n_loading (model), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_CASES));

  g_assert_finalize_object (model);
}

static void
test_placeholder_filled_in_place (void)
{
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  g_autoptr (GPtrArray) expected = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCase) item = NULL;
  g_autoptr (LoketCase) again = NULL;
  ItemsChanged        record = { 0 };
  LoketCaseListModel *model;
  guint               n_notifies = 0;
  Filled              filled;

  query->sort = LOKET_CASE_SORT_AGENDA_NUMBER;
  model = new_counted_model (query, &record);

  item = g_list_model_get_item (G_LIST_MODEL (model), 550);
  g_assert_nonnull (item);
  /* A placeholder, and its page is on the way. */
  g_assert_null (loket_case_list_model_get_loaded (model, item));
  g_assert_cmpstr (loket_case_get_agenda_number (item), ==, NULL);
  g_assert_cmpuint (loket_case_list_model_get_n_loading (model), ==, 1);
  g_signal_connect (item, "notify::agenda-number", G_CALLBACK (notify_cb), &n_notifies);

  filled.model = model;
  filled.item = item;
  g_assert_true (loket_test_wait_until (item_filled, &filled, TIMEOUT_MS));

  expected = loket_store_list_cases (fixture_store, query, 550, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, ==, 1);
  g_assert_cmpstr (loket_case_get_agenda_number (item), ==,
                   loket_case_get_agenda_number (g_ptr_array_index (expected, 0)));
  g_assert_cmpstr (loket_case_get_uuid (loket_case_list_model_get_loaded (model, item)), ==,
                   loket_case_get_uuid (g_ptr_array_index (expected, 0)));
  g_assert_cmpuint (n_notifies, ==, 1);

  /* The same object comes back while its page is cached. */
  again = g_list_model_get_item (G_LIST_MODEL (model), 550);
  g_assert_true (again == item);
  g_assert_cmpuint (loket_case_list_model_get_n_cached_pages (model), ==, 1);

  g_signal_handlers_disconnect_by_func (item, notify_cb, &n_notifies);
  g_assert_finalize_object (model);
}

static void
test_limits_loads_in_flight (void)
{
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  ItemsChanged        record = { 0 };
  LoketCaseListModel *model;
  guint n_pages = (N_CASES + LOKET_CASE_LIST_MODEL_PAGE_SIZE - 1) / LOKET_CASE_LIST_MODEL_PAGE_SIZE;

  model = new_counted_model (query, &record);

  /* Touch one item of every page at once. */
  for (guint i = 0; i < N_CASES; i += LOKET_CASE_LIST_MODEL_PAGE_SIZE)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  g_assert_cmpuint (loket_case_list_model_get_n_loading (model), <=, 3);
  g_assert_cmpuint (loket_case_list_model_get_n_cached_pages (model), ==, n_pages);

  g_assert_true (loket_test_wait_until (nothing_in_flight, model, TIMEOUT_MS));
  for (guint i = 0; i < N_CASES; i += 37)
    {
      g_autoptr (LoketCase) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_nonnull (loket_case_list_model_get_loaded (model, item));
      g_assert_cmpstr (loket_case_get_agenda_number (item), !=, NULL);
    }

  g_assert_finalize_object (model);
}

static void
test_new_query_replaces_everything (void)
{
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  g_autoptr (LoketCaseQuery) overdue = NULL;
  g_autoptr (LoketCase) stale = NULL;
  g_autoptr (LoketCase) fresh = NULL;
  g_autoptr (GError) error = NULL;
  ItemsChanged        record = { 0 };
  LoketCaseListModel *model;
  guint               n_overdue;

  model = new_counted_model (query, &record);

  /* A page in flight when the query changes is never delivered. */
  stale = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpuint (loket_case_list_model_get_n_loading (model), ==, 1);

  overdue = loket_case_query_copy (query);
  overdue->filter = LOKET_CASE_FILTER_OVERDUE;
  n_overdue = loket_store_count_cases (fixture_store, overdue, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_overdue, <, N_CASES);

  loket_case_list_model_set_query (model, overdue);
  g_assert_cmpuint (loket_case_list_model_get_n_loading (model), ==, 0);
  g_assert_true (loket_test_wait_until (counted, model, TIMEOUT_MS));

  g_assert_cmpuint (record.n_emissions, ==, 2);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, N_CASES);
  g_assert_cmpuint (record.added, ==, n_overdue);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_overdue);
  g_assert_cmpint (loket_case_list_model_get_query (model)->filter, ==, LOKET_CASE_FILTER_OVERDUE);

  g_assert_true (loket_test_wait_until (nothing_in_flight, model, TIMEOUT_MS));
  g_assert_null (loket_case_list_model_get_loaded (model, stale));
  if (n_overdue > 0)
    {
      fresh = g_list_model_get_item (G_LIST_MODEL (model), 0);
      g_assert_true (fresh != stale);
    }

  g_assert_finalize_object (model);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = NULL;
  g_autoptr (LoketWorkCalendar) calendar = NULL;
  g_autoptr (LoketOrgChart) org = NULL;
  g_autoptr (LoketCaseProjector) projector = NULL;
  g_autofree char *db = NULL;
  int              status;

  g_test_init (&argc, &argv, NULL);

  fixture_dir = g_dir_make_tmp ("loket-model-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (fixture_dir, "loket.db", NULL);
  catalog = loket_service_catalog_new_default (&error);
  g_assert_no_error (error);
  calendar = loket_work_calendar_new_default (&error);
  g_assert_no_error (error);
  org = loket_org_chart_new_default (&error);
  g_assert_no_error (error);
  projector = loket_case_projector_new (catalog, calendar);
  fixture_store = loket_store_open (db, projector, &error);
  g_assert_no_error (error);
  g_assert_true (
    loket_demo_populate (fixture_store, catalog, org, N_CASES, 7, NULL, 0, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/loket/app/case-list-model/counts-without-loading-rows",
                   test_counts_without_loading_rows);
  g_test_add_func ("/loket/app/case-list-model/placeholder-filled-in-place",
                   test_placeholder_filled_in_place);
  g_test_add_func ("/loket/app/case-list-model/limits-loads-in-flight",
                   test_limits_loads_in_flight);
  g_test_add_func ("/loket/app/case-list-model/new-query-replaces-everything",
                   test_new_query_replaces_everything);

  status = g_test_run ();

  loket_store_close (fixture_store);
  g_clear_object (&fixture_store);
  loket_test_remove_tree (fixture_dir);
  g_free (fixture_dir);
  return status;
}
