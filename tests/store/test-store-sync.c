// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStoreSync (the store's LoketSyncJournal) on real SQLite files: outbox, pull cursor,
// out-of-order pulls, atomic pages, blobs, clocks far in the future.
#include "config.h"

#include <glib/gstdio.h>

#include "loket-error.h"
#include "loket-hlc.h"
#include "loket-store-sync.h"
#include "store-test-fixture.h"

/* Two stores: `a` (the fixture's) and `b`, a second replica in the same folder. */
typedef struct
{
  Fixture         f;
  LoketStore     *b;
  LoketStoreSync *ja;
  LoketStoreSync *jb;
} Pair;

static void
pair_set_up (Pair *p, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path_b = NULL;

  fixture_set_up (&p->f, data);
  path_b = g_build_filename (p->f.dir, "b", "loket.db", NULL);
  p->b = loket_store_open (path_b, p->f.projector, &error);
  g_assert_no_error (error);
  p->ja = loket_store_sync_new (p->f.store);
  p->jb = loket_store_sync_new (p->b);
}

static void
pair_tear_down (Pair *p, gconstpointer data)
{
  g_clear_object (&p->ja);
  g_clear_object (&p->jb);
  loket_store_close (p->b);
  g_clear_object (&p->b);
  fixture_tear_down (&p->f, data);
}

static guint64
pending (LoketStoreSync *journal)
{
  g_autoptr (GError) error = NULL;
  guint64 n = 999;

  g_assert_true (loket_sync_journal_count_pending (LOKET_SYNC_JOURNAL (journal), &n, &error));
  g_assert_no_error (error);
  return n;
}

static guint
count_events (LoketStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStoreCheckReport) report = loket_store_check (store, &error);

  g_assert_no_error (error);
  return report->n_events;
}

static gint64
cursor (LoketStoreSync *journal)
{
  g_autoptr (GError) error = NULL;
  gint64 seq = -1;

  g_assert_true (loket_sync_journal_get_cursor (LOKET_SYNC_JOURNAL (journal), &seq, &error));
  g_assert_no_error (error);
  return seq;
}

/* Fresh LoketEvent objects with the same envelope (as the wire would give them). */
static GPtrArray *
copy_events (GPtrArray *events, gboolean reverse)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < events->len; i++)
    {
      LoketEvent *e = g_ptr_array_index (events, reverse ? events->len - 1 - i : i);
      g_ptr_array_add (copy,
                       loket_event_new (loket_event_get_uuid (e), loket_event_get_case_uuid (e),
                                        loket_event_get_event_type (e), loket_event_get_author (e),
                                        loket_event_get_device (e), loket_event_get_hlc (e),
                                        loket_event_get_body (e)));
    }
  return copy;
}

static void
assert_same_case (LoketStore *a, LoketStore *b, const char *case_uuid)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCase) ca = loket_store_get_case (a, case_uuid, &error);
  g_autoptr (LoketCase) cb = NULL;

  g_assert_no_error (error);
  cb = loket_store_get_case (b, case_uuid, &error);
  g_assert_no_error (error);
  g_assert_true (loket_case_equal (ca, cb));
}

static void
test_outbox (Pair *p, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events
    = append_case (&p->f, "001/T/2026", "Ani Lado", "5371014101900004", T0, 5);
  g_autoptr (GPtrArray) batch = NULL;
  const char *acked[3];

  g_assert_cmpuint (pending (p->ja), ==, 5);
  g_assert_cmpint (cursor (p->ja), ==, 0);

  /* In local append order, limited. */
  batch = loket_sync_journal_pending_events (LOKET_SYNC_JOURNAL (p->ja), 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      LoketEvent *e = g_ptr_array_index (batch, i);
      g_assert_cmpstr (loket_event_get_uuid (e), ==,
                       loket_event_get_uuid (g_ptr_array_index (events, i)));
      /* The chain goes with the event (the server checks it). */
      g_assert_nonnull (loket_event_get_hash (e));
    }

  acked[0] = loket_event_get_uuid (g_ptr_array_index (batch, 0));
  acked[1] = "00000000-0000-4000-8000-000000000000"; /* unknown: ignored */
  acked[2] = NULL;
  g_assert_true (loket_sync_journal_mark_pushed (LOKET_SYNC_JOURNAL (p->ja), acked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pending (p->ja), ==, 4);
  /* Idempotent: an acknowledgement repeated after a lost reply changes nothing. */
  g_assert_true (loket_sync_journal_mark_pushed (LOKET_SYNC_JOURNAL (p->ja), acked, &error));
  g_assert_cmpuint (pending (p->ja), ==, 4);

  /* Survives a restart. */
  reopen (&p->f);
  g_clear_object (&p->ja);
  p->ja = loket_store_sync_new (p->f.store);
  g_assert_cmpuint (pending (p->ja), ==, 4);
  g_clear_pointer (&batch, g_ptr_array_unref);
  batch = loket_sync_journal_pending_events (LOKET_SYNC_JOURNAL (p->ja), 100, &error);
  g_assert_cmpuint (batch->len, ==, 4);
  g_assert_cmpstr (loket_event_get_uuid (g_ptr_array_index (batch, 0)), ==,
                   loket_event_get_uuid (g_ptr_array_index (events, 1)));
}

static void
test_apply_out_of_order (Pair *p, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events
    = append_case (&p->f, "002/T/2026", "Budi Lado", "5371010101900001", T0, 7);
  g_autoptr (GPtrArray) reversed = copy_events (events, TRUE);
  g_autoptr (GPtrArray) page1 = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) page2 = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) again = copy_events (events, FALSE);

  /* The newest events first, the oldest later: each late event re-projects the case. */
  for (guint i = 0; i < reversed->len; i++)
    g_ptr_array_add (i < 4 ? page1 : page2, g_object_ref (g_ptr_array_index (reversed, i)));
  g_assert_true (loket_sync_journal_apply_pulled (LOKET_SYNC_JOURNAL (p->jb), page1, 4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cursor (p->jb), ==, 4);
  g_assert_true (loket_sync_journal_apply_pulled (LOKET_SYNC_JOURNAL (p->jb), page2, 7, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cursor (p->jb), ==, 7);

  assert_same_case (p->f.store, p->b, case_of (events));
  /* Pulled events are on the server already: nothing to push. */
  g_assert_cmpuint (pending (p->jb), ==, 0);
  /* The local chain is valid and the projection is the fold. */
  assert_check_clean (p->b);

  /* A page repeated (crash before the reply was used): no duplicate, cursor never goes back. */
  g_assert_true (loket_sync_journal_apply_pulled (LOKET_SYNC_JOURNAL (p->jb), again, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_events (p->b), ==, 7);
  g_assert_cmpint (cursor (p->jb), ==, 7);

  /* Its own events coming back from the server count as acknowledged. */
  g_assert_cmpuint (pending (p->ja), ==, 7);
  g_assert_true (loket_sync_journal_apply_pulled (LOKET_SYNC_JOURNAL (p->ja), again, 7, &error));
  g_assert_cmpuint (pending (p->ja), ==, 0);
}

static void
test_apply_atomic (Pair *p, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events
    = append_case (&p->f, "003/T/2026", "Citra Lado", "5371014101900002", T0, 4);
  g_autoptr (GPtrArray) page = copy_events (events, FALSE);

  /* One bad event in the page: nothing of it is kept, the cursor stays. */
  g_ptr_array_add (page, loket_event_new (NULL, case_of (events), "comment.added", "x", "pc",
                                          "not-a-clock", "{}"));
  g_assert_false (loket_sync_journal_apply_pulled (LOKET_SYNC_JOURNAL (p->jb), page, 5, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpuint (count_events (p->b), ==, 0);
  g_assert_cmpint (cursor (p->jb), ==, 0);

  /* A body that is not a JSON object is refused the same way. */
  g_ptr_array_remove_index (page, page->len - 1);
  g_ptr_array_add (page, loket_event_new (NULL, case_of (events), "comment.added", "x", "pc",
                                          "001790816400000-000000", "[1]"));
  g_assert_false (loket_sync_journal_apply_pulled (LOKET_SYNC_JOURNAL (p->jb), page, 5, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_cmpint (cursor (p->jb), ==, 0);
}

static void
test_concurrent_merge (Pair *p, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events
    = append_case (&p->f, "004/T/2026", "Dewi Lado", "5371014101900006", T0, 2);
  g_autoptr (GPtrArray) to_b = copy_events (events, FALSE);
  g_autoptr (GPtrArray) extra_a = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) extra_b = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) a_to_b = NULL;
  g_autoptr (GPtrArray) b_to_a = NULL;

  g_assert_true (loket_sync_journal_apply_pulled (LOKET_SYNC_JOURNAL (p->jb), to_b, 2, &error));
  g_assert_no_error (error);

  /* Both replicas comment offline, interleaved in time. */
  for (guint i = 0; i < 3; i++)
    {
      g_ptr_array_add (extra_a, store_test_event (case_of (events), "comment.added",
                                                  T0 + 7200 + i * 60, 0, "{\"text\":\"a\"}"));
      g_ptr_array_add (extra_b, store_test_event (case_of (events), "comment.added",
                                                  T0 + 7200 + i * 60 + 30, 0, "{\"text\":\"b\"}"));
    }
  g_assert_true (loket_store_append_events (p->f.store, extra_a, &error));
  g_assert_true (loket_store_append_events (p->b, extra_b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pending (p->jb), ==, 3);

  a_to_b = copy_events (extra_a, TRUE);
  b_to_a = copy_events (extra_b, FALSE);
  g_assert_true (loket_sync_journal_apply_pulled (LOKET_SYNC_JOURNAL (p->jb), a_to_b, 5, &error));
  g_assert_true (loket_sync_journal_apply_pulled (LOKET_SYNC_JOURNAL (p->ja), b_to_a, 8, &error));
  g_assert_no_error (error);

  assert_same_case (p->f.store, p->b, case_of (events));
  /* Local work stays pending until the server acknowledges it. */
  g_assert_cmpuint (pending (p->jb), ==, 3);
  assert_check_clean (p->f.store);
  assert_check_clean (p->b);
}

static void
test_blobs (Pair *p, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_bytes_new_static ("%PDF-1.4 scan", 13);
  g_autoptr (GBytes) wrong = g_bytes_new_static ("%PDF-1.4 scam", 13);
  g_autofree char *sha = loket_store_add_blob (p->f.store, bytes, &error);
  g_autoptr (GPtrArray) out = NULL;
  g_autoptr (GPtrArray) missing = NULL;
  g_autoptr (GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GBytes) read = NULL;
  g_autofree char *body = NULL;
  gboolean         present = TRUE;

  g_assert_no_error (error);
  out = loket_sync_journal_pending_blobs (LOKET_SYNC_JOURNAL (p->ja), &error);
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpstr (out->pdata[0], ==, sha);
  read = loket_sync_journal_read_blob (LOKET_SYNC_JOURNAL (p->ja), sha, &error);
  g_assert_true (g_bytes_equal (read, bytes));
  g_assert_true (loket_sync_journal_mark_blob_pushed (LOKET_SYNC_JOURNAL (p->ja), sha, &error));
  g_clear_pointer (&out, g_ptr_array_unref);
  out = loket_sync_journal_pending_blobs (LOKET_SYNC_JOURNAL (p->ja), &error);
  g_assert_cmpuint (out->len, ==, 0);

  /* B pulls an event that refers to the blob: it wants it. */
  body = g_strdup_printf ("{\"sha256\":\"%s\",\"file_name\":\"ktp.pdf\"}", sha);
  g_ptr_array_add (page, store_test_event ("7d5b2c1e-0000-4000-8000-000000000001",
                                           "document.attached", T0, 0, body));
  g_assert_true (loket_sync_journal_apply_pulled (LOKET_SYNC_JOURNAL (p->jb), page, 1, &error));
  g_assert_no_error (error);
  missing = loket_sync_journal_missing_blobs (LOKET_SYNC_JOURNAL (p->jb), &error);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (missing->pdata[0], ==, sha);
  g_assert_true (loket_sync_journal_has_blob (LOKET_SYNC_JOURNAL (p->jb), sha, &present, &error));
  g_assert_false (present);

  /* Bytes that do not match the hash are refused and not stored. */
  g_assert_false (loket_sync_journal_write_blob (LOKET_SYNC_JOURNAL (p->jb), sha, wrong, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (
    loket_sync_journal_write_blob (LOKET_SYNC_JOURNAL (p->jb), "../etc", bytes, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_true (loket_sync_journal_write_blob (LOKET_SYNC_JOURNAL (p->jb), sha, bytes, &error));
  g_assert_no_error (error);
  g_assert_true (loket_sync_journal_has_blob (LOKET_SYNC_JOURNAL (p->jb), sha, &present, &error));
  g_assert_true (present);
  g_clear_pointer (&missing, g_ptr_array_unref);
  missing = loket_sync_journal_missing_blobs (LOKET_SYNC_JOURNAL (p->jb), &error);
  g_assert_cmpuint (missing->len, ==, 0);
  /* Downloaded, so not uploaded again. */
  g_clear_pointer (&out, g_ptr_array_unref);
  out = loket_sync_journal_pending_blobs (LOKET_SYNC_JOURNAL (p->jb), &error);
  g_assert_cmpuint (out->len, ==, 0);
}

static void
test_future_clock (Pair *p, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GPtrArray) events = NULL;

  /* A PC whose date is a year ahead: its event is kept (replicas converge)… */
  g_ptr_array_add (page, store_test_event ("7d5b2c1e-0000-4000-8000-000000000002", "comment.added",
                                           now_s + 365 * 86400, 0, "{\"text\":\"future\"}"));
  g_ptr_array_add (page, store_test_event ("7d5b2c1e-0000-4000-8000-000000000002", "comment.added",
                                           now_s - 60, 0, "{\"text\":\"now\"}"));
  g_assert_true (loket_sync_journal_apply_pulled (LOKET_SYNC_JOURNAL (p->jb), page, 2, &error));
  g_assert_no_error (error);
  events = loket_store_get_case_events (p->b, "7d5b2c1e-0000-4000-8000-000000000002", &error);
  g_assert_cmpuint (events->len, ==, 2);
  /* …but not merged into this PC's clock; the plausible one is. */
  g_assert_cmpuint (loket_store_sync_get_n_future_events (p->jb), ==, 1);
}

static void
test_migrated_database (Pair *p, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events
    = append_case (&p->f, "005/T/2026", "Eka Lado", "5371014101900008", T0, 3);
  int version = loket_store_get_schema_version (p->f.store);

  /* Schema 10 or later: the outbox exists and took these events. */
  g_assert_cmpint (version, >=, 10);
  g_assert_cmpuint (pending (p->ja), ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn)                                                                              \
  g_test_add ("/cm/store/sync/" path, Pair, NULL, pair_set_up, fn, pair_tear_down)
  ADD ("outbox", test_outbox);
  ADD ("apply-out-of-order", test_apply_out_of_order);
  ADD ("apply-atomic", test_apply_atomic);
  ADD ("concurrent-merge", test_concurrent_merge);
  ADD ("blobs", test_blobs);
  ADD ("future-clock", test_future_clock);
  ADD ("migrated-database", test_migrated_database);
#undef ADD
  return g_test_run ();
}
