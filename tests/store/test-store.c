// SPDX-License-Identifier: GPL-3.0-or-later
// Tests for LoketStore: events, hash chain, projections, check, search, inboxes, async API.
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "loket-db-migrations.h"
#include "loket-db.h"
#include "loket-error.h"
#include "loket-event-store.h"
#include "loket-projection-store.h"
#include "loket-store.h"
#include "loket-test-utils.h"
#include "store-test-fixture.h"

static void
test_round_trip (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GPtrArray) events
    = append_case (f, "560/0412/P3TK/2026", "Yohanes Bria", "5371010101900001", T0, 4);
  g_autoptr (GPtrArray) back = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (GError) error = NULL;

  reopen (f);
  back = loket_store_get_case_events (f->store, case_of (events), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 4);
  for (guint i = 0; i < back->len; i++)
    {
      LoketEvent *a = g_ptr_array_index (events, i), *b = g_ptr_array_index (back, i);

      g_assert_cmpstr (loket_event_get_uuid (a), ==, loket_event_get_uuid (b));
      g_assert_cmpstr (loket_event_get_event_type (a), ==, loket_event_get_event_type (b));
      g_assert_cmpstr (loket_event_get_hlc (a), ==, loket_event_get_hlc (b));
      g_assert_cmpstr (loket_event_get_body (a), ==, loket_event_get_body (b));
      g_assert_cmpstr (loket_event_get_author (a), ==, loket_event_get_author (b));
      /* The chain: each links to the one before, in append order. */
      g_assert_cmpstr (loket_event_get_hash (a), ==, loket_event_get_hash (b));
      g_assert_cmpuint (strlen (loket_event_get_hash (b)), ==, 64);
      if (i == 0)
        g_assert_true (loket_event_get_prev_hash (b) == NULL
                       || *loket_event_get_prev_hash (b) == '\0');
      else
        g_assert_cmpstr (loket_event_get_prev_hash (b), ==,
                         loket_event_get_hash (g_ptr_array_index (back, i - 1)));
    }

  kase = loket_store_get_case (f->store, case_of (events), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loket_case_get_agenda_number (kase), ==, "560/0412/P3TK/2026");
  g_assert_cmpstr (loket_case_get_applicant_nik (kase), ==, "5371010101900001");
  g_assert_cmpuint (loket_case_get_event_count (kase), ==, 4);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_DRAFTING);
  assert_projection_is_fold (f, case_of (events));

  g_assert_null (loket_store_get_case (f->store, "00000000-0000-4000-8000-000000000000", &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  assert_check_clean (f->store);
}

static void
test_idempotent (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GPtrArray) events
    = append_case (f, "1/A/2026", "Maria Bunga", "5371014101900002", T0, 3);
  g_autoptr (GPtrArray) twice = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) back = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketStoreCheckReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *first_hash = g_strdup (loket_event_get_hash (g_ptr_array_index (events, 0)));

  /* The same events again, plus one new event given twice in one call. */
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (twice, g_object_ref (g_ptr_array_index (events, i)));
  {
    LoketEvent *extra = store_test_event (case_of (events), LOKET_EVENT_COMMENT_ADDED, T0 + 86400,
                                          0, "{\"text\":\"x\"}");
    g_ptr_array_add (twice, extra);
    g_ptr_array_add (twice, g_object_ref (extra));
  }
  g_assert_true (loket_store_append_events (f->store, twice, &error));
  g_assert_no_error (error);
  g_assert_true (loket_store_append_events (f->store, twice, &error));
  g_assert_no_error (error);

  back = loket_store_get_case_events (f->store, case_of (events), &error);
  g_assert_cmpuint (back->len, ==, 4);
  g_assert_cmpstr (loket_event_get_hash (g_ptr_array_index (back, 0)), ==, first_hash);
  kase = loket_store_get_case (f->store, case_of (events), &error);
  g_assert_cmpuint (loket_case_get_event_count (kase), ==, 4);
  report = loket_store_check (f->store, &error);
  g_assert_cmpuint (report->n_events, ==, 4);
  g_assert_cmpuint (report->n_cases, ==, 1);
  g_assert_cmpuint (report->problems->len, ==, 0);
}

static void
test_out_of_order (Fixture *f, gconstpointer user_data)
{
  StoreTestCase spec = { NULL, "7/B/2026", "Agustinus Nahak", "5371010101900003", NULL, T0, 7 };
  g_autoptr (GPtrArray) events = store_test_case_events (&spec);
  g_autoptr (GPtrArray) late = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) early = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (GError) error = NULL;

  /* Events 0, 2, 4, 6 arrive first (one by one); 1, 3, 5 later, as from another device. */
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (i % 2 == 0 ? late : early, g_object_ref (g_ptr_array_index (events, i)));
  for (guint i = 0; i < late->len; i++)
    {
      g_autoptr (GPtrArray) one = g_ptr_array_new ();
      g_ptr_array_add (one, g_ptr_array_index (late, i));
      g_assert_true (loket_store_append_events (f->store, one, &error));
      g_assert_no_error (error);
      assert_projection_is_fold (f, case_of (events));
    }
  g_assert_true (loket_store_append_events (f->store, early, &error));
  g_assert_no_error (error);
  assert_projection_is_fold (f, case_of (events));

  kase = loket_store_get_case (f->store, case_of (events), &error);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_CLOSED);
  g_assert_cmpuint (loket_case_get_event_count (kase), ==, 7);

  /* Read back in (HLC, UUID) order whatever the append order. */
  stored = loket_store_get_case_events (f->store, case_of (events), &error);
  for (guint i = 0; i < stored->len; i++)
    g_assert_cmpstr (loket_event_get_uuid (g_ptr_array_index (stored, i)), ==,
                     loket_event_get_uuid (g_ptr_array_index (events, i)));
  assert_check_clean (f->store);
}

static void
test_all_or_nothing (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GPtrArray) good = append_case (f, "2/C/2026", "Ani Lado", "5371014101900004", T0, 1);
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) back = NULL;
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (batch, store_test_event (case_of (good), LOKET_EVENT_COMMENT_ADDED, T0 + 60, 0,
                                            "{\"text\":\"ok\"}"));
  /* A known type with a body that breaks its rules (no "at"). */
  g_ptr_array_add (batch, store_test_event (case_of (good), LOKET_EVENT_CASE_DECLARED_COMPLETE,
                                            T0 + 120, 0, "{\"when\":\"tomorrow\"}"));
  g_assert_false (loket_store_append_events (f->store, batch, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);

  back = loket_store_get_case_events (f->store, case_of (good), &error);
  g_assert_cmpuint (back->len, ==, 1);
  assert_check_clean (f->store);
}

static void
test_hash_chain_tamper (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GPtrArray) other = append_case (f, "3/D/2026", "Ina Seran", "5371014101900005", T0, 2);
  g_autoptr (GPtrArray) events
    = append_case (f, "4/D/2026", "Paulus Tefa", "5371010101900006", T0, 3);
  g_autoptr (LoketStoreCheckReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sql = NULL;
  LoketEvent      *victim = g_ptr_array_index (events, 1);
  sqlite3         *raw;
  gboolean         found = FALSE;

  loket_store_close (f->store);
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  sql = sqlite3_mprintf ("UPDATE events SET body = '{\"at\":\"2026-10-01T01:00:00Z\",\"x\":1}' "
                         "WHERE uuid = %Q",
                         loket_event_get_uuid (victim));
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (raw), ==, 1);
  sqlite3_free (g_steal_pointer (&sql));
  sqlite3_close (raw);

  reopen (f);
  report = loket_store_check (f->store, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("case %s: event %s (#2): hash mismatch", case_of (events),
                              loket_event_get_uuid (victim));
  for (guint i = 0; i < report->problems->len; i++)
    {
      const char *line = report->problems->pdata[i];

      g_test_message ("problem: %s", line);
      found |= g_str_equal (line, expected);
      /* Only the tampered case is named; no personal data in the report. */
      g_assert_null (strstr (line, case_of (other)));
      g_assert_null (strstr (line, "Paulus"));
    }
  g_assert_true (found);
}

static guint
count_search_in (LoketStore *store, const char *text)
{
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  g_autoptr (GError) error = NULL;
  guint n;

  query->filter = LOKET_CASE_FILTER_NEEDS_ACTION; /* not the FTS-only shortcut */
  query->search = g_strdup (text);
  n = loket_store_count_cases (store, query, &error);
  g_assert_no_error (error);
  return n;
}

/* Derived tables damaged behind the store's back: check names them, a rebuild repairs them. */
static void
test_check_derived_tables (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GPtrArray) events
    = append_case (f, "5/E/2026", "Rosa Lake", "5371014101900011", T0, 2);
  g_autoptr (LoketStoreCheckReport) report = NULL;
  g_autoptr (GError) error = NULL;
  gboolean counters = FALSE, search = FALSE;
  sqlite3 *raw;

  loket_store_close (f->store);
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
                                 "UPDATE case_counts SET n = n + 5;"
                                 "INSERT INTO case_search (rowid, applicant_name) "
                                 "VALUES (999999, 'hantu');",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (raw);

  reopen (f);
  report = loket_store_check (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    {
      const char *line = report->problems->pdata[i];

      g_test_message ("problem: %s", line);
      counters |= g_str_has_prefix (line, "inbox counters:");
      search |= g_str_has_prefix (line, "search index:");
    }
  g_assert_true (counters);
  g_assert_true (search);

  g_assert_true (loket_store_rebuild_projections (f->store, &error));
  g_assert_no_error (error);
  assert_check_clean (f->store);
  g_assert_cmpuint (count_search_in (f->store, "hantu"), ==, 0);
  g_assert_cmpuint (count_search_in (f->store, "rosa"), ==, 1);
}

static void
test_rebuild (Fixture *f, gconstpointer user_data)
{
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *agenda = g_strdup_printf ("%u/R/2026", i + 1);
      g_autofree char *name = g_strdup_printf ("Pemohon %u", i);
      g_autoptr (GPtrArray) events
        = append_case (f, agenda, name, "5371010101900007", T0 + i * 86400, 1 + i % 9);
    }

  before = loket_store_list_cases (f->store, query, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 30);
  g_assert_true (loket_store_rebuild_projections (f->store, &error));
  g_assert_no_error (error);
  after = loket_store_list_cases (f->store, query, 0, 100, &error);
  g_assert_cmpuint (after->len, ==, 30);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (loket_case_equal (before->pdata[i], after->pdata[i]));
  assert_check_clean (f->store);

  /* A search that every case matches lists the same page as no search (it walks the sort
   * index in order rather than sorting the hits). */
  {
    g_autoptr (LoketCaseQuery) searched = loket_case_query_copy (query);
    g_autoptr (GPtrArray) plain_page = NULL;
    g_autoptr (GPtrArray) search_page = NULL;

    searched->search = g_strdup ("pemohon");
    plain_page = loket_store_list_cases (f->store, query, 3, 5, &error);
    search_page = loket_store_list_cases (f->store, searched, 3, 5, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (search_page->len, ==, 5);
    for (guint i = 0; i < 5; i++)
      g_assert_cmpstr (loket_case_get_uuid (plain_page->pdata[i]), ==,
                       loket_case_get_uuid (search_page->pdata[i]));
  }

  /* Search still works after the index was rebuilt in bulk. */
  g_free (query->search);
  query->search = g_strdup ("pemohon 17 18/r");
  g_assert_cmpuint (loket_store_count_cases (f->store, query, &error), ==, 1);
}

static guint
count_search (Fixture *f, const char *text)
{
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  g_autoptr (GError) error = NULL;
  guint n;

  query->search = g_strdup (text);
  n = loket_store_count_cases (f->store, query, &error);
  g_assert_no_error (error);
  return n;
}

static void
test_search (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GPtrArray) a
    = append_case (f, "560/0412/P3TK/2026", "Yohanes Bria", "5371010101900001", T0, 1);
  g_autoptr (GPtrArray) b
    = append_case (f, "560/0413/P3TK/2026", "Maria Yohana Seran", "5301234567890002", T0, 1);
  g_autoptr (GPtrArray) c
    = append_case (f, "088/PHI/2026", "Élise Ndun", "5371014101900003", T0, 1);

  g_assert_cmpuint (count_search (f, ""), ==, 3);
  g_assert_cmpuint (count_search (f, "   "), ==, 3);
  g_assert_cmpuint (count_search (f, "yoh"), ==, 2);      /* name prefix */
  g_assert_cmpuint (count_search (f, "Yoh bria"), ==, 1); /* tokens are ANDed */
  g_assert_cmpuint (count_search (f, "530123"), ==, 1);   /* NIK prefix */
  g_assert_cmpuint (count_search (f, "5371014101900003"), ==, 1);
  g_assert_cmpuint (count_search (f, "560/0413"), ==, 1); /* agenda number */
  g_assert_cmpuint (count_search (f, "P3TK"), ==, 2);
  g_assert_cmpuint (count_search (f, "elise"), ==, 1);     /* diacritics folded */
  g_assert_cmpuint (count_search (f, "rekrutmen"), ==, 3); /* subject / service name */
  g_assert_cmpuint (count_search (f, "nobody"), ==, 0);
  /* FTS5 syntax in user text is just text. */
  g_assert_cmpuint (count_search (f, "\"yoh"), ==, 2);
  g_assert_cmpuint (count_search (f, "yoh* OR NEAR( bria\""), ==, 0);
  g_assert_cmpuint (count_search (f, "- / \" *"), ==, 3);
}

static const LoketInboxCount *
find_count (GPtrArray *counts, const char *key)
{
  for (guint i = 0; i < counts->len; i++)
    if (g_str_equal (((LoketInboxCount *) counts->pdata[i])->key, key))
      return counts->pdata[i];
  return NULL;
}

static void
test_queries (Fixture *f, gconstpointer user_data)
{
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  g_autoptr (GPtrArray) counts = NULL;
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (GError) error = NULL;
  const char *agendas[] = { "10/X/2026", "2/X/2026", "1/X/2026", "33/X/2026", "9/X/2026" };
  guint       steps[] = { 1, 2, 3, 7, 2 };
  gint64      now = T0 + 400 * 86400;

  for (guint i = 0; i < G_N_ELEMENTS (agendas); i++)
    {
      StoreTestCase spec = { NULL,
                             agendas[i],
                             "Pemohon",
                             "5371010101900001",
                             i == 4 ? "kopnakertrans-ntt/bidang-lain" : NULL,
                             T0 + i * 3600,
                             steps[i] };
      g_autoptr (GPtrArray) events = store_test_case_events (&spec);

      g_assert_true (loket_store_append_events (f->store, events, &error));
      g_assert_no_error (error);
    }

  counts = loket_store_count_inboxes (f->store, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (find_count (counts, "all")->count, ==, 5);
  g_assert_cmpuint (find_count (counts, "needs_action")->count, ==, 4); /* one closed */
  g_assert_cmpuint (find_count (counts, "unit:" STORE_TEST_UNIT)->count, ==, 4);
  g_assert_cmpuint (find_count (counts, "unit:kopnakertrans-ntt/bidang-lain")->count, ==, 1);
  /* Three cases were declared complete and are still open: a year later they are late. */
  g_assert_cmpuint (find_count (counts, "overdue")->count, ==, 3);
  g_clear_pointer (&counts, g_ptr_array_unref);
  counts = loket_store_count_inboxes (f->store, T0, &error);
  g_assert_cmpuint (find_count (counts, "overdue")->count, ==, 0);

  query->filter = LOKET_CASE_FILTER_OVERDUE;
  query->now = now;
  g_assert_cmpuint (loket_store_count_cases (f->store, query, &error), ==, 3);

  /* Overdue per unit (the Kepala Dinas's dashboard) equals the overdue rows grouped by unit. */
  {
    g_autoptr (GHashTable) late = loket_store_count_overdue_by_unit (f->store, now, &error);
    g_autoptr (GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr (GPtrArray) rows = loket_store_list_cases (f->store, query, 0, 100, &error);
    GHashTableIter iter;
    gpointer key, value;

    g_assert_no_error (error);
    g_assert_nonnull (late);
    for (guint i = 0; i < rows->len; i++)
      {
        const char *unit = loket_case_get_unit_id (rows->pdata[i]);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (expected, unit));
        g_hash_table_insert (expected, (gpointer) unit, GUINT_TO_POINTER (n + 1));
      }
    g_assert_cmpuint (g_hash_table_size (late), ==, g_hash_table_size (expected));
    g_hash_table_iter_init (&iter, expected);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (late, key)), ==,
                        GPOINTER_TO_UINT (value));
    g_clear_pointer (&late, g_hash_table_unref);
    late = loket_store_count_overdue_by_unit (f->store, T0, &error);
    g_assert_cmpuint (g_hash_table_size (late), ==, 0);
  }
  query->filter = LOKET_CASE_FILTER_UNIT;
  query->unit_id = g_strdup ("kopnakertrans-ntt/bidang-lain");
  g_assert_cmpuint (loket_store_count_cases (f->store, query, &error), ==, 1);
  query->filter = LOKET_CASE_FILTER_ALL;
  query->agency_id = g_strdup ("dinsos-ntt");
  g_assert_cmpuint (loket_store_count_cases (f->store, query, &error), ==, 0);
  g_clear_pointer (&query->agency_id, g_free);

  /* Every filter: the count (which may come from the counters) equals the rows listed. */
  for (LoketCaseFilter filter = LOKET_CASE_FILTER_ALL; filter <= LOKET_CASE_FILTER_UNIT; filter++)
    for (guint with_search = 0; with_search < 2; with_search++)
      {
        g_autoptr (LoketCaseQuery) q = loket_case_query_new ();
        g_autoptr (GPtrArray) rows = NULL;

        q->filter = filter;
        q->unit_id = g_strdup (STORE_TEST_UNIT);
        q->now = now;
        q->search = g_strdup (with_search ? "pemohon" : NULL);
        rows = loket_store_list_cases (f->store, q, 0, 100, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (loket_store_count_cases (f->store, q, &error), ==, rows->len);
      }
  query->filter = LOKET_CASE_FILTER_NEEDS_ACTION;
  g_assert_cmpuint (loket_store_count_cases (f->store, query, &error), ==, 4);
  query->filter = LOKET_CASE_FILTER_ALL;

  /* Natural order of agenda numbers, both directions, paged. */
  query->sort = LOKET_CASE_SORT_AGENDA_NUMBER;
  page = loket_store_list_cases (f->store, query, 0, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpstr (loket_case_get_agenda_number (page->pdata[0]), ==, "1/X/2026");
  g_assert_cmpstr (loket_case_get_agenda_number (page->pdata[1]), ==, "2/X/2026");
  g_assert_cmpstr (loket_case_get_agenda_number (page->pdata[2]), ==, "9/X/2026");
  g_clear_pointer (&page, g_ptr_array_unref);
  page = loket_store_list_cases (f->store, query, 3, 3, &error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (loket_case_get_agenda_number (page->pdata[1]), ==, "33/X/2026");
  g_clear_pointer (&page, g_ptr_array_unref);
  query->descending = TRUE;
  page = loket_store_list_cases (f->store, query, 0, 1, &error);
  g_assert_cmpstr (loket_case_get_agenda_number (page->pdata[0]), ==, "33/X/2026");
  g_clear_pointer (&page, g_ptr_array_unref);

  /* Every sort column works and gives every row once. */
  for (LoketCaseSort sort = LOKET_CASE_SORT_AGENDA_NUMBER; sort <= LOKET_CASE_SORT_DUE_AT; sort++)
    {
      query->sort = sort;
      page = loket_store_list_cases (f->store, query, 0, 10, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, 5);
      g_clear_pointer (&page, g_ptr_array_unref);
    }
  query->sort = LOKET_CASE_SORT_STATUS;
  query->descending = FALSE;
  page = loket_store_list_cases (f->store, query, 0, 10, &error);
  g_assert_cmpint (loket_case_get_status (page->pdata[4]), ==, LOKET_CASE_STATUS_CLOSED);
}

static void
test_sort_key (void)
{
  g_autofree char *a = loket_projection_store_sort_key ("2/A");
  g_autofree char *b = loket_projection_store_sort_key ("10/a");
  g_autofree char *c = loket_projection_store_sort_key ("007");
  g_autofree char *d = loket_projection_store_sort_key ("Élise");
  g_autofree char *e = loket_projection_store_sort_key ("élise");

  g_assert_cmpint (strcmp (a, b), <, 0);
  g_assert_cmpstr (c, ==, "000000000007");
  g_assert_cmpstr (d, ==, e);
}

/* The async API completes on the caller's main context. */

typedef struct
{
  GAsyncResult *result;
} AsyncWait;

static void
async_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
async_done (gpointer data)
{
  return ((AsyncWait *) data)->result != NULL;
}

static void
test_async (Fixture *f, gconstpointer user_data)
{
  StoreTestCase spec = { NULL, "5/AS/2026", "Lukas Mau", "5371010101900010", NULL, T0, 3 };
  g_autoptr (GPtrArray) events = store_test_case_events (&spec);
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (GPtrArray) counts = NULL;
  g_autoptr (GError) error = NULL;
  AsyncWait wait = { NULL };

  loket_store_append_events_async (f->store, events, NULL, async_done_cb, &wait);
  g_assert_true (loket_test_wait_until (async_done, &wait, 10000));
  g_assert_true (loket_store_append_events_finish (f->store, wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  loket_store_count_cases_async (f->store, query, NULL, async_done_cb, &wait);
  g_assert_true (loket_test_wait_until (async_done, &wait, 10000));
  g_assert_cmpuint (loket_store_count_cases_finish (f->store, wait.result, &error), ==, 1);
  g_clear_object (&wait.result);

  loket_store_list_cases_async (f->store, query, 0, 10, NULL, async_done_cb, &wait);
  g_assert_true (loket_test_wait_until (async_done, &wait, 10000));
  page = loket_store_list_cases_finish (f->store, wait.result, &error);
  g_assert_cmpuint (page->len, ==, 1);
  g_clear_object (&wait.result);

  loket_store_count_inboxes_async (f->store, T0, NULL, async_done_cb, &wait);
  g_assert_true (loket_test_wait_until (async_done, &wait, 10000));
  counts = loket_store_count_inboxes_finish (f->store, wait.result, &error);
  g_assert_cmpuint (((LoketInboxCount *) counts->pdata[0])->count, ==, 1);
  g_clear_object (&wait.result);

  loket_store_get_case_events_async (f->store, case_of (events), NULL, async_done_cb, &wait);
  g_assert_true (loket_test_wait_until (async_done, &wait, 10000));
  g_clear_pointer (&page, g_ptr_array_unref);
  page = loket_store_get_case_events_finish (f->store, wait.result, &error);
  g_assert_cmpuint (page->len, ==, 3);
  g_clear_object (&wait.result);

  /* A cancelled request reports G_IO_ERROR_CANCELLED. */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_cancellable_cancel (cancellable);
    loket_store_count_cases_async (f->store, query, cancellable, async_done_cb, &wait);
    g_assert_true (loket_test_wait_until (async_done, &wait, 10000));
    loket_store_count_cases_finish (f->store, wait.result, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_clear_object (&wait.result);
  }

  /* Open asynchronously: the same database, in a GTask thread. */
  {
    g_autoptr (LoketStore) second = NULL;

    loket_store_close (f->store);
    loket_store_open_async (f->path, f->projector, NULL, async_done_cb, &wait);
    g_assert_true (loket_test_wait_until (async_done, &wait, 10000));
    second = loket_store_open_finish (wait.result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (loket_store_get_path (second), ==, f->path);
    g_assert_cmpuint (loket_store_count_cases (second, query, &error), ==, 1);
    g_clear_object (&wait.result);

    /* A closed store answers with an error, not a crash. */
    g_assert_cmpuint (loket_store_count_cases (f->store, query, &error), ==, 0);
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FAILED);
    g_clear_error (&error);
    g_set_object (&f->store, second);
  }

  /* Releasing the store right after an async call is safe. */
  loket_store_count_cases_async (f->store, query, NULL, async_done_cb, &wait);
  g_clear_object (&f->store);
  g_assert_true (loket_test_wait_until (async_done, &wait, 10000));
  g_clear_object (&wait.result);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                                            \
  g_test_add ("/loket/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("events/round-trip", test_round_trip);
  ADD ("events/idempotent", test_idempotent);
  ADD ("events/out-of-order", test_out_of_order);
  ADD ("events/all-or-nothing", test_all_or_nothing);
  ADD ("check/hash-chain-tamper", test_hash_chain_tamper);
  ADD ("projections/rebuild", test_rebuild);
  ADD ("check/derived-tables", test_check_derived_tables);
  ADD ("search/narrows", test_search);
  ADD ("queries/inboxes-filters-sort", test_queries);
  ADD ("async/complete-on-main-context", test_async);
#undef ADD
  g_test_add_func ("/loket/store/projections/sort-key", test_sort_key);

  return g_test_run ();
}
