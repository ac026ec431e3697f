// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of disposition routing in the store: acts through the engine, refusals that record
// nothing, per-person inboxes, the dispositions table across rebuilds, stand-ins, escalations.
#include "config.h"

#include "loket-error.h"

#include <sqlite3.h>
#include <string.h>
#include "store-test-fixture.h"

#define AG "kopnakertrans-ntt/"
#define KADIS AG "kadis"
#define KABID AG "kabid-ketenagakerjaan"
#define KASI AG "kasi-p3tk"
#define STAF AG "p3tk-1"
#define P_KADIS AG "p-kadis"
#define P_SEKRETARIS AG "p-sekretaris"
#define P_KABID AG "p-kabid-ketenagakerjaan"
#define P_KASI AG "p-kasi-p3tk"
#define P_STAF AG "p-p3tk-1"

static const char *const follow_up[] = { "untuk_ditindaklanjuti", NULL };

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static guint
n_events (Fixture *f, const char *case_uuid)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = loket_store_get_case_events (f->store, case_uuid, &error);

  g_assert_no_error (error);
  return events->len;
}

static LoketInboxCounts
counts_of (Fixture *f, const char *person, gint64 now)
{
  g_autoptr (GError) error = NULL;
  LoketInboxCounts counts;

  g_assert_true (loket_store_count_person_inboxes (f->store, person, now, &counts, &error));
  g_assert_no_error (error);
  return counts;
}

static char *
new_case (Fixture *f, const char *agenda)
{
  g_autoptr (GPtrArray) events = append_case (f, agenda, "Budi", "5371010101900001", T0, 2);

  return g_strdup (case_of (events));
}

static char *
dispose_to (Fixture *f, const char *kase, const char *person, const char *to, const char *parent,
            gint64 due, GError **error)
{
  const char *targets[] = { to, NULL };
  char       *id = NULL;
  gboolean    ok;

  if (parent != NULL)
    ok = loket_store_forward (f->store, kase, person, NULL, parent, targets, follow_up, "Segera",
                              due, &id, error);
  else
    ok = loket_store_dispose (f->store, kase, person, NULL, targets, follow_up, "Segera", due, &id,
                              error);
  g_assert_true (ok == (id != NULL));
  return id;
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *kase = new_case (f, "001/RT/2026");
  g_autofree char *d1 = NULL, *d2 = NULL, *d3 = NULL;
  g_autoptr (LoketDispositionLedger) ledger = NULL;
  g_autoptr (GPtrArray) incoming = NULL;
  g_autoptr (LoketCase) projected = NULL;
  LoketInboxCounts c;
  guint before;

  c = counts_of (f, P_KADIS, 0);
  g_assert_cmpuint (c.counts[LOKET_INBOX_NEEDS_ACTION], ==, 1); /* undisposed case */

  d1 = dispose_to (f, kase, P_KADIS, KABID, NULL, 0, &error);
  g_assert_no_error (error);
  c = counts_of (f, P_KADIS, 0);
  g_assert_cmpuint (c.counts[LOKET_INBOX_NEEDS_ACTION], ==, 0);
  g_assert_cmpuint (c.counts[LOKET_INBOX_SENT], ==, 1);
  c = counts_of (f, P_KABID, 0);
  g_assert_cmpuint (c.counts[LOKET_INBOX_INCOMING], ==, 1);
  g_assert_cmpuint (c.counts[LOKET_INBOX_NEEDS_ACTION], ==, 1);
  g_assert_cmpuint (c.counts[LOKET_INBOX_LATE], ==, 0);
  /* After the default due date it is late. */
  c = counts_of (f, P_KABID, now_s () + 60 * 86400);
  g_assert_cmpuint (c.counts[LOKET_INBOX_LATE], ==, 1);

  incoming = loket_store_list_person_inbox (f->store, P_KABID, LOKET_INBOX_INCOMING, 0, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (incoming->len, ==, 1);
  {
    LoketInboxItem *item = g_ptr_array_index (incoming, 0);
    g_assert_true (item->unread);
    g_assert_cmpstr (item->disposition->id, ==, d1);
    g_assert_cmpstr (item->disposition->from_position, ==, KADIS);
    g_assert_cmpstr (item->disposition->instructions[0], ==, "untuk_ditindaklanjuti");
    g_assert_cmpstr (loket_case_get_agenda_number (item->kase), ==, "001/RT/2026");
  }

  g_assert_true (loket_store_mark_read (f->store, kase, P_KABID, d1, &error));
  g_assert_no_error (error);
  before = n_events (f, kase);
  g_assert_true (loket_store_mark_read (f->store, kase, P_KABID, d1, &error)); /* done already */
  g_assert_no_error (error);
  g_assert_cmpuint (n_events (f, kase), ==, before);
  c = counts_of (f, P_KABID, 0);
  g_assert_cmpuint (c.counts[LOKET_INBOX_INCOMING], ==, 0);
  g_assert_cmpuint (c.counts[LOKET_INBOX_NEEDS_ACTION], ==, 1);

  d2 = dispose_to (f, kase, P_KABID, KASI, d1, 0, &error);
  g_assert_no_error (error);
  d3 = dispose_to (f, kase, P_KASI, STAF, NULL, 0, &error);
  g_assert_no_error (error);
  c = counts_of (f, P_KABID, 0);
  g_assert_cmpuint (c.counts[LOKET_INBOX_NEEDS_ACTION], ==, 0); /* forwarded */
  g_assert_cmpuint (c.counts[LOKET_INBOX_SENT], ==, 1);
  {
    const char *blobs[] = { "0000000000000000000000000000000000000000000000000000000000000000", NULL };
    g_assert_true (loket_store_report (f->store, kase, P_STAF, NULL, d3, "Sudah diperiksa", blobs, &error));
    g_assert_no_error (error);
  }
  c = counts_of (f, P_STAF, 0);
  g_assert_cmpuint (c.counts[LOKET_INBOX_NEEDS_ACTION], ==, 0);
  c = counts_of (f, P_KASI, 0);
  g_assert_cmpuint (c.counts[LOKET_INBOX_SENT], ==, 0);
  g_assert_cmpuint (c.counts[LOKET_INBOX_NEEDS_ACTION], ==, 0);

  projected = loket_store_get_case (f->store, kase, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loket_case_get_holder (projected), ==, KASI);

  ledger = loket_store_get_disposition_ledger (f->store, kase, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loket_disposition_ledger_get_history (ledger)->len, ==, 5);
  g_assert_cmpuint (strlen (loket_disposition_ledger_lookup (ledger, d3, STAF)->report_blobs[0]), ==, 64);
  g_assert_cmpstr (loket_disposition_ledger_lookup (ledger, d3, STAF)->report_note, ==, "Sudah diperiksa");

  /* The dispositions table is rebuilt from the events to the same counts. */
  {
    LoketInboxCounts before_rebuild = counts_of (f, P_KABID, 0), after;
    g_assert_true (loket_store_rebuild_projections (f->store, &error));
    g_assert_no_error (error);
    after = counts_of (f, P_KABID, 0);
    g_assert_cmpmem (&before_rebuild, sizeof before_rebuild, &after, sizeof after);
  }
  assert_check_clean (f->store);
}

static void
test_refusals_record_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *kase = new_case (f, "002/RF/2026");
  g_autofree char *d1 = NULL;
  char *bad;
  guint before = n_events (f, kase);

  bad = dispose_to (f, kase, P_KADIS, AG "kabid-tidak-ada", NULL, 0, &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_null (bad);
  g_clear_error (&error);
  bad = dispose_to (f, kase, P_KADIS, KABID, NULL, now_s () - 86400, &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  bad = dispose_to (f, kase, P_STAF, KABID, NULL, 0, &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_clear_error (&error);
  bad = dispose_to (f, kase, P_KABID, KASI, NULL, 0, &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_clear_error (&error);
  bad = dispose_to (f, "00000000-0000-4000-8000-000000000000", P_KADIS, KABID, NULL, 0, &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (n_events (f, kase), ==, before);

  d1 = dispose_to (f, kase, P_KADIS, KABID, NULL, 0, &error);
  g_assert_no_error (error);
  before = n_events (f, kase);
  g_assert_false (loket_store_withdraw (f->store, kase, P_KABID, d1, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (loket_store_report (f->store, kase, P_KASI, NULL, d1, "x", NULL, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_cmpuint (n_events (f, kase), ==, before);

  /* Withdrawn while unread; then nothing can be done with it. */
  g_assert_true (loket_store_withdraw (f->store, kase, P_KADIS, d1, &error));
  g_assert_no_error (error);
  before = n_events (f, kase);
  g_assert_false (loket_store_mark_read (f->store, kase, P_KABID, d1, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpuint (n_events (f, kase), ==, before);
  g_assert_cmpuint (counts_of (f, P_KABID, 0).counts[LOKET_INBOX_INCOMING], ==, 0);
  g_assert_cmpuint (counts_of (f, P_KADIS, 0).counts[LOKET_INBOX_SENT], ==, 0);
}

static void
act_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  char **out = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (loket_store_workflow_act_finish (LOKET_STORE (source), result, out, &error));
  g_assert_no_error (error);
}

static void
counts_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoketInboxCounts *counts = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (loket_store_count_person_inboxes_finish (LOKET_STORE (source), result, counts, &error));
  g_assert_no_error (error);
  counts->counts[LOKET_INBOX_N_INBOXES - 1] += 1000; /* marks completion */
}

static void
ledger_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoketDispositionLedger **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = loket_store_get_disposition_ledger_finish (LOKET_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture *f, gconstpointer data)
{
  g_autofree char *kase = new_case (f, "003/AS/2026");
  g_autoptr (LoketWorkflowRequest) r = loket_workflow_request_new (LOKET_WORKFLOW_ACTION_DISPOSE, P_KADIS);
  const char *to[] = { KABID, NULL };
  char *id = NULL;
  LoketInboxCounts counts = { { 0 } };

  r->to = g_strdupv ((char **) to);
  r->instructions = g_strdupv ((char **) follow_up);
  loket_store_workflow_act_async (f->store, kase, r, NULL, act_done, &id);
  while (id == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_uuid_string_is_valid (id));
  g_free (id);

  loket_store_count_person_inboxes_async (f->store, P_KABID, 0, NULL, counts_done, &counts);
  while (counts.counts[LOKET_INBOX_N_INBOXES - 1] < 1000)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (counts.counts[LOKET_INBOX_INCOMING], ==, 1);

  {
    g_autoptr (LoketDispositionLedger) ledger = NULL;

    loket_store_get_disposition_ledger_async (f->store, kase, NULL, ledger_done, &ledger);
    while (ledger == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (loket_disposition_ledger_get_dispositions (ledger)->len, ==, 1);
  }
}

static void
test_stand_in (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *kase = new_case (f, "004/SI/2026");
  g_autoptr (LoketStandIn) plh = loket_stand_in_new (P_SEKRETARIS, KADIS, LOKET_STAND_IN_PLH,
                                                     now_s () - 3600, now_s () + 86400);
  g_autoptr (LoketStandIn) bad = loket_stand_in_new ("nobody", KADIS, LOKET_STAND_IN_PLT, 1, 2);
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *d1 = NULL;

  g_assert_false (loket_store_add_stand_in (f->store, bad, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (loket_store_add_stand_in (f->store, plh, &error));
  g_assert_no_error (error);
  g_assert_nonnull (plh->id);
  list = loket_store_list_stand_ins (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);

  /* The Plh. Kepala Dinas sees the Kadis inbox and disposes as the Kadis. */
  g_assert_cmpuint (counts_of (f, P_SEKRETARIS, 0).counts[LOKET_INBOX_NEEDS_ACTION], ==, 1);
  d1 = dispose_to (f, kase, P_SEKRETARIS, KABID, NULL, 0, &error);
  g_assert_no_error (error);

  /* After the period: nothing. The stand-in survives a reopen (it is in the database). */
  reopen (f);
  g_assert_cmpuint (counts_of (f, P_SEKRETARIS, now_s () + 2 * 86400).counts[LOKET_INBOX_SENT], ==, 0);
  g_assert_cmpuint (counts_of (f, P_SEKRETARIS, 0).counts[LOKET_INBOX_SENT], ==, 1);
  g_assert_true (loket_store_remove_stand_in (f->store, plh->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts_of (f, P_SEKRETARIS, 0).counts[LOKET_INBOX_SENT], ==, 0);
}

static void
test_escalation_once (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *kase = new_case (f, "005/ES/2026");
  g_autofree char *d1 = dispose_to (f, kase, P_KADIS, KABID, NULL, now_s () + 3600, &error);
  g_autoptr (GPtrArray) early = NULL;
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (GPtrArray) third = NULL;
  gint64 later = now_s () + 3 * 86400;
  guint  before;

  g_assert_no_error (error);
  early = loket_store_raise_escalations (f->store, "system", now_s (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (early->len, ==, 0);

  before = n_events (f, kase);
  first = loket_store_raise_escalations (f->store, "system", later, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpstr (((LoketEscalation *) g_ptr_array_index (first, 0))->superior_id, ==, KADIS);
  g_assert_cmpuint (n_events (f, kase), ==, before + 1);

  second = loket_store_raise_escalations (f->store, "system", later + 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 0);
  reopen (f);
  third = loket_store_raise_escalations (f->store, "system", later + 120, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (third->len, ==, 0);
  g_assert_cmpuint (n_events (f, kase), ==, before + 1);

  /* The Kepala Dinas gets the notice; the Kabid (the late one) does not. */
  {
    g_autoptr (GPtrArray) notices = loket_store_list_escalated_to_person (f->store, P_KADIS, 0, &error);
    g_autoptr (GPtrArray) none = loket_store_list_escalated_to_person (f->store, P_KABID, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (notices->len, ==, 1);
    g_assert_cmpstr (((LoketInboxItem *) g_ptr_array_index (notices, 0))->disposition->id, ==, d1);
    g_assert_cmpuint (none->len, ==, 0);
  }
  /* Reported: the notice goes away. */
  g_assert_true (loket_store_report (f->store, kase, P_KABID, NULL, d1, "Selesai", NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) notices = loket_store_list_escalated_to_person (f->store, P_KADIS, 0, &error);
    g_assert_cmpuint (notices->len, ==, 0);
  }
}

/* A database from before schema 5 (no rows, no "folded" mark) gets its rows at open. */
static void
test_upgrade_folds_once (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *kase = new_case (f, "006/UP/2026");
  g_autofree char *d1 = dispose_to (f, kase, P_KADIS, KABID, NULL, 0, &error);
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (counts_of (f, P_KABID, 0).counts[LOKET_INBOX_INCOMING], ==, 1);
  loket_store_close (f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM dispositions; DELETE FROM settings WHERE key = "
                                     "'dispositions_folded';", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  reopen (f);
  g_assert_cmpuint (counts_of (f, P_KABID, 0).counts[LOKET_INBOX_INCOMING], ==, 1);
  g_assert_cmpuint (counts_of (f, P_KADIS, 0).counts[LOKET_INBOX_SENT], ==, 1);
  assert_check_clean (f->store);

  /* A row changed behind the store's back is reported by the check, and a rebuild repairs it. */
  loket_store_close (f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE dispositions SET state = 3, is_open = 0", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  reopen (f);
  {
    g_autoptr (LoketStoreCheckReport) report = loket_store_check (f->store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (report->problems->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (report->problems, 0), "dispositions"));
  }
  g_assert_true (loket_store_rebuild_projections (f->store, &error));
  g_assert_no_error (error);
  assert_check_clean (f->store);
  g_assert_cmpuint (counts_of (f, P_KABID, 0).counts[LOKET_INBOX_INCOMING], ==, 1);
  (void) d1;
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/loket/store/routing/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("refusals-record-nothing", test_refusals_record_nothing);
  ADD ("async", test_async);
  ADD ("stand-in", test_stand_in);
  ADD ("escalation-once", test_escalation_once);
  ADD ("upgrade-check-rebuild", test_upgrade_folds_once);
#undef ADD

  return g_test_run ();
}
