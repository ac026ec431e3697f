// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the projected case object: properties, notifications, copy and equality.

#include "config.h"

#include "loket-case.h"

#define CASE_A "c0ffee00-1234-4abc-8def-0123456789ab"

typedef struct
{
  GPtrArray *names; /* property names notified, in order */
} NotifyLog;

static void
on_notify_cb (GObject *object, GParamSpec *pspec, NotifyLog *log)
{
  g_ptr_array_add (log->names, g_strdup (pspec->name));
}

static gboolean
log_has (NotifyLog *log, const char *name)
{
  for (guint i = 0; i < log->names->len; i++)
    if (g_str_equal (g_ptr_array_index (log->names, i), name))
      return TRUE;
  return FALSE;
}

static LoketCase *
make_full_case (void)
{
  LoketCase *kase = loket_case_new (CASE_A);

  loket_case_set_agency_id (kase, "kopnakertrans-ntt");
  loket_case_set_service_id (kase, "kopnakertrans-ntt/rekomendasi-rekrutmen-akad");
  loket_case_set_unit_id (kase, "bidang-penta");
  loket_case_set_channel (kase, "surat");
  loket_case_set_agenda_number (kase, "500/123/2026");
  loket_case_set_subject (kase, "Rekomendasi rekrutmen AKAD");
  loket_case_set_applicant_name (kase, "PT Contoh Jaya");
  loket_case_set_applicant_nik (kase, NULL);
  loket_case_set_holder (kase, "kabid-penta");
  loket_case_set_status (kase, LOKET_CASE_STATUS_IN_PROCESS);
  loket_case_set_received_at (kase, 1767225600);
  loket_case_set_complete_at (kase, 1767312000);
  loket_case_set_due_at (kase, 1769990400);
  loket_case_set_closed_at (kase, 0);
  loket_case_set_event_count (kase, 7);
  loket_case_set_last_hlc (kase, "001767312000000-000002");
  loket_case_add_pause (kase, 1767400000, 1767500000);

  return kase;
}

static void
test_case_properties (void)
{
  g_autoptr (LoketCase) kase = make_full_case ();
  g_autofree char *uuid = NULL;
  g_autofree char *agenda = NULL;
  g_autofree char *applicant = NULL;
  int              status = -1;
  gint64           due = 0;
  guint            count = 0;

  g_object_get (kase, "uuid", &uuid, "agenda-number", &agenda, "applicant-name", &applicant,
                "status", &status, "due-at", &due, "event-count", &count, NULL);
  g_assert_cmpstr (uuid, ==, CASE_A);
  g_assert_cmpstr (agenda, ==, "500/123/2026");
  g_assert_cmpstr (applicant, ==, "PT Contoh Jaya");
  g_assert_cmpint (status, ==, LOKET_CASE_STATUS_IN_PROCESS);
  g_assert_cmpint (due, ==, 1769990400);
  g_assert_cmpuint (count, ==, 7);

  g_object_set (kase, "holder", "kasi-penta", "status", LOKET_CASE_STATUS_DRAFTING, "closed-at",
                (gint64) 1770000000, "applicant-nik", "5301010101010001", NULL);
  g_assert_cmpstr (loket_case_get_holder (kase), ==, "kasi-penta");
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_DRAFTING);
  g_assert_cmpint (loket_case_get_closed_at (kase), ==, 1770000000);
  g_assert_cmpstr (loket_case_get_applicant_nik (kase), ==, "5301010101010001");

  /* Every getter reads what the setter stored. */
  g_assert_cmpstr (loket_case_get_uuid (kase), ==, CASE_A);
  g_assert_cmpstr (loket_case_get_agency_id (kase), ==, "kopnakertrans-ntt");
  g_assert_cmpstr (loket_case_get_service_id (kase), ==,
                   "kopnakertrans-ntt/rekomendasi-rekrutmen-akad");
  g_assert_cmpstr (loket_case_get_unit_id (kase), ==, "bidang-penta");
  g_assert_cmpstr (loket_case_get_channel (kase), ==, "surat");
  g_assert_cmpstr (loket_case_get_subject (kase), ==, "Rekomendasi rekrutmen AKAD");
  g_assert_cmpint (loket_case_get_received_at (kase), ==, 1767225600);
  g_assert_cmpint (loket_case_get_complete_at (kase), ==, 1767312000);
  g_assert_cmpstr (loket_case_get_last_hlc (kase), ==, "001767312000000-000002");
  g_assert_cmpuint (loket_case_get_pauses (kase)->len, ==, 1);
  g_assert_cmpint (g_array_index (loket_case_get_pauses (kase), LoketPause, 0).end, ==, 1767500000);

  /* Every documented property exists with the right type. */
  {
    const char *strings[]
      = { "agency-id", "service-id",     "unit-id",       "channel", "agenda-number",
          "subject",   "applicant-name", "applicant-nik", "holder",  "last-hlc" };
    const char   *int64s[] = { "received-at", "complete-at", "due-at", "closed-at" };
    GObjectClass *klass = G_OBJECT_GET_CLASS (kase);

    for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
      g_assert_true (G_IS_PARAM_SPEC_STRING (g_object_class_find_property (klass, strings[i])));
    for (guint i = 0; i < G_N_ELEMENTS (int64s); i++)
      g_assert_true (G_IS_PARAM_SPEC_INT64 (g_object_class_find_property (klass, int64s[i])));
    g_assert_true (G_IS_PARAM_SPEC_INT (g_object_class_find_property (klass, "status")));
    g_assert_true (G_IS_PARAM_SPEC_UINT (g_object_class_find_property (klass, "event-count")));
  }
}

static void
test_case_empty (void)
{
  g_autoptr (LoketCase) kase = loket_case_new (CASE_A);

  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_REGISTERED);
  g_assert_null (loket_case_get_agency_id (kase));
  g_assert_null (loket_case_get_holder (kase));
  g_assert_cmpint (loket_case_get_due_at (kase), ==, 0);
  g_assert_cmpuint (loket_case_get_event_count (kase), ==, 0);
  g_assert_cmpuint (loket_case_get_pauses (kase)->len, ==, 0);
  g_assert_false (loket_case_is_overdue (kase, G_MAXINT64));
}

static void
test_case_notify_on_change (void)
{
  g_autoptr (LoketCase) kase = make_full_case ();
  NotifyLog log = { g_ptr_array_new_with_free_func (g_free) };

  g_signal_connect (kase, "notify", G_CALLBACK (on_notify_cb), &log);

  /* Same values: nothing. */
  loket_case_set_holder (kase, "kabid-penta");
  loket_case_set_status (kase, LOKET_CASE_STATUS_IN_PROCESS);
  loket_case_set_due_at (kase, 1769990400);
  loket_case_set_event_count (kase, 7);
  loket_case_set_applicant_nik (kase, NULL);
  g_object_set (kase, "subject", "Rekomendasi rekrutmen AKAD", NULL);
  g_assert_cmpuint (log.names->len, ==, 0);

  /* Changes: one notification each. */
  loket_case_set_holder (kase, "kasi-penta");
  g_assert_cmpuint (log.names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (log.names, 0), ==, "holder");
  loket_case_set_status (kase, LOKET_CASE_STATUS_CLOSED);
  loket_case_set_due_at (kase, 1);
  loket_case_set_event_count (kase, 8);
  loket_case_set_applicant_nik (kase, "5301010101010001");
  loket_case_set_applicant_nik (kase, NULL);
  g_object_set (kase, "subject", "Lain", NULL);
  g_assert_cmpuint (log.names->len, ==, 7);
  g_assert_cmpstr (g_ptr_array_index (log.names, 1), ==, "status");
  g_assert_cmpstr (g_ptr_array_index (log.names, 2), ==, "due-at");
  g_assert_cmpstr (g_ptr_array_index (log.names, 3), ==, "event-count");
  g_assert_cmpstr (g_ptr_array_index (log.names, 4), ==, "applicant-nik");
  g_assert_cmpstr (g_ptr_array_index (log.names, 5), ==, "applicant-nik");
  g_assert_cmpstr (g_ptr_array_index (log.names, 6), ==, "subject");

  g_ptr_array_unref (log.names);
}

static void
test_case_update_from (void)
{
  g_autoptr (LoketCase) src = make_full_case ();
  g_autoptr (LoketCase) dst = loket_case_new (CASE_A);
  NotifyLog log = { g_ptr_array_new_with_free_func (g_free) };

  g_assert_false (loket_case_equal (dst, src));

  /* A placeholder that already knows some fields. */
  loket_case_set_agency_id (dst, "kopnakertrans-ntt");
  loket_case_set_closed_at (dst, 0);

  g_signal_connect (dst, "notify", G_CALLBACK (on_notify_cb), &log);
  loket_case_update_from (dst, src);
  g_assert_true (loket_case_equal (dst, src));
  g_assert_true (loket_case_equal (src, dst));

  /* Changed fields are notified, unchanged ones are not, each once. */
  g_assert_true (log_has (&log, "holder"));
  g_assert_true (log_has (&log, "status"));
  g_assert_true (log_has (&log, "due-at"));
  g_assert_true (log_has (&log, "last-hlc"));
  g_assert_false (log_has (&log, "agency-id"));
  g_assert_false (log_has (&log, "closed-at"));
  g_assert_false (log_has (&log, "applicant-nik"));
  g_assert_cmpuint (log.names->len, ==, 13);

  /* Copying again changes nothing. */
  g_ptr_array_set_size (log.names, 0);
  loket_case_update_from (dst, src);
  g_assert_cmpuint (log.names->len, ==, 0);

  /* The pauses are copied, not shared. */
  loket_case_add_pause (src, 1767600000, 0);
  g_assert_false (loket_case_equal (dst, src));
  loket_case_update_from (dst, src);
  g_assert_true (loket_case_equal (dst, src));
  loket_case_end_pause (src, 1767700000);
  g_assert_cmpint (g_array_index (loket_case_get_pauses (dst), LoketPause, 1).end, ==, 0);
  g_assert_false (loket_case_equal (dst, src));

  g_ptr_array_unref (log.names);
}

static void
test_case_equal (void)
{
  g_autoptr (LoketCase) a = make_full_case ();
  g_autoptr (LoketCase) b = make_full_case ();
  g_autoptr (LoketCase) other = loket_case_new ("c0ffee00-1234-4abc-8def-0123456789ac");

  g_assert_true (loket_case_equal (a, b));

  loket_case_set_subject (b, "x");
  g_assert_false (loket_case_equal (a, b));
  loket_case_set_subject (b, loket_case_get_subject (a));
  g_assert_true (loket_case_equal (a, b));

  loket_case_set_event_count (b, 8);
  g_assert_false (loket_case_equal (a, b));
  loket_case_set_event_count (b, 7);

  loket_case_set_applicant_nik (b, "");
  g_assert_false (loket_case_equal (a, b));
  loket_case_set_applicant_nik (b, NULL);

  loket_case_end_pause (b, 1); /* already ended: no change */
  g_assert_true (loket_case_equal (a, b));
  loket_case_add_pause (b, 1, 2);
  g_assert_false (loket_case_equal (a, b));

  loket_case_update_from (other, a);
  g_assert_false (loket_case_equal (other, a)); /* the UUID is identity, not copied */
}

static void
test_case_overdue (void)
{
  g_autoptr (LoketCase) kase = make_full_case ();
  gint64 due = loket_case_get_due_at (kase);

  g_assert_false (loket_case_is_overdue (kase, due - 1));
  g_assert_false (loket_case_is_overdue (kase, due));
  g_assert_true (loket_case_is_overdue (kase, due + 1));

  loket_case_set_status (kase, LOKET_CASE_STATUS_CLOSED);
  g_assert_false (loket_case_is_overdue (kase, due + 1));

  loket_case_set_status (kase, LOKET_CASE_STATUS_PAUSED);
  loket_case_set_due_at (kase, 0);
  g_assert_false (loket_case_is_overdue (kase, due + 1));
}

static void
test_case_status_strings (void)
{
  const char     *names[] = { "registered", "incomplete",         "in_process", "paused",
                              "drafting",   "awaiting_signature", "signed",     "closed" };
  LoketCaseStatus status;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == LOKET_CASE_STATUS_LAST + 1);

  for (guint i = 0; i <= LOKET_CASE_STATUS_LAST; i++)
    {
      g_assert_cmpstr (loket_case_status_to_string (i), ==, names[i]);
      g_assert_true (loket_case_status_from_string (names[i], &status));
      g_assert_cmpint (status, ==, i);
    }

  status = LOKET_CASE_STATUS_SIGNED;
  g_assert_false (loket_case_status_from_string ("Closed", &status));
  g_assert_false (loket_case_status_from_string ("", &status));
  g_assert_false (loket_case_status_from_string ("in-process", &status));
  g_assert_false (loket_case_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, LOKET_CASE_STATUS_SIGNED);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loket/core/case/properties", test_case_properties);
  g_test_add_func ("/loket/core/case/empty", test_case_empty);
  g_test_add_func ("/loket/core/case/notify-on-change", test_case_notify_on_change);
  g_test_add_func ("/loket/core/case/update-from", test_case_update_from);
  g_test_add_func ("/loket/core/case/equal", test_case_equal);
  g_test_add_func ("/loket/core/case/overdue", test_case_overdue);
  g_test_add_func ("/loket/core/case/status-strings", test_case_status_strings);

  return g_test_run ();
}
