// SPDX-License-Identifier: GPL-3.0-or-later
// Dispositions sent at the same time on two PCs (offline) are both kept and flagged concurrent;
// the same acts in sequence, or by one person, are not.
#include "config.h"

#include "loket-disposition-ledger.h"

static LoketEvent *
sent (const char *author, const char *device, const char *hlc, const char *id, const char *parent)
{
  g_autofree char *body
    = g_strdup_printf ("{\"id\":\"%s\",\"from\":\"pos-%s\",\"to\":[\"pos-x\"],\"instruction\":"
                       "\"untuk_ditindaklanjuti\"%s%s%s}",
                       id, author, parent != NULL ? ",\"parent\":\"" : "",
                       parent != NULL ? parent : "", parent != NULL ? "\"" : "");

  return loket_event_new (NULL, "6f1d9c2e-0000-4000-8000-000000000001", "disposition.sent", author,
                          device, hlc, body);
}

static LoketEvent *
withdrawn (const char *author, const char *device, const char *hlc, const char *id)
{
  g_autofree char *body = g_strdup_printf ("{\"id\":\"%s\"}", id);

  return loket_event_new (NULL, "6f1d9c2e-0000-4000-8000-000000000001", "disposition.withdrawn",
                          author, device, hlc, body);
}

static guint
count_concurrent (GPtrArray *events)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketDispositionLedger) ledger = loket_disposition_ledger_new_from_events (
    "6f1d9c2e-0000-4000-8000-000000000001", events, &error);
  GPtrArray *history;
  guint      n = 0;

  g_assert_no_error (error);
  history = loket_disposition_ledger_get_history (ledger);
  for (guint i = 0; i < history->len; i++)
    n += ((LoketDispositionStep *) g_ptr_array_index (history, i))->concurrent;
  return n;
}

static void
test_two_pcs (void)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (events, sent ("kadis", "pc-1", "001790816400000-000000", "d1", NULL));
  g_ptr_array_add (events, sent ("sekretaris", "pc-2", "001790816500000-000000", "d2", NULL));
  g_assert_cmpuint (count_concurrent (events), ==, 2);
}

static void
test_not_concurrent (void)
{
  g_autoptr (GPtrArray) same_person = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) after_withdrawal = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) forward = g_ptr_array_new_with_free_func (g_object_unref);

  /* One person adding a second disposition. */
  g_ptr_array_add (same_person, sent ("kadis", "pc-1", "001790816400000-000000", "d1", NULL));
  g_ptr_array_add (same_person, sent ("kadis", "pc-3", "001790816500000-000000", "d2", NULL));
  g_assert_cmpuint (count_concurrent (same_person), ==, 0);

  /* The first was withdrawn before the second was sent. */
  g_ptr_array_add (after_withdrawal, sent ("kadis", "pc-1", "001790816400000-000000", "d1", NULL));
  g_ptr_array_add (after_withdrawal, withdrawn ("kadis", "pc-1", "001790816450000-000000", "d1"));
  g_ptr_array_add (after_withdrawal,
                   sent ("sekretaris", "pc-2", "001790816500000-000000", "d2", NULL));
  g_assert_cmpuint (count_concurrent (after_withdrawal), ==, 0);

  /* A forward (another parent) is the next step, not a rival. */
  g_ptr_array_add (forward, sent ("kadis", "pc-1", "001790816400000-000000", "d1", NULL));
  g_ptr_array_add (forward, sent ("x", "pc-2", "001790816500000-000000", "d2", "d1"));
  g_assert_cmpuint (count_concurrent (forward), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cm/core/disposition-ledger/concurrent/two-pcs", test_two_pcs);
  g_test_add_func ("/cm/core/disposition-ledger/concurrent/not-concurrent", test_not_concurrent);
  return g_test_run ();
}
