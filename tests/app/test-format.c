// SPDX-License-Identifier: GPL-3.0-or-later
// Unit tests of the texts the UI shows for case fields (no display needed).

#include "config.h"

#include "loket-event.h"
#include "loket-format.h"

static void
test_days_left (void)
{
  g_autofree char *three = loket_format_days_left (3);
  g_autofree char *one = loket_format_days_left (1);
  g_autofree char *today = loket_format_days_left (0);
  g_autofree char *late1 = loket_format_days_left (-1);
  g_autofree char *late2 = loket_format_days_left (-2);

  g_assert_cmpstr (three, ==, "3 working days left");
  g_assert_cmpstr (one, ==, "1 working day left");
  g_assert_cmpstr (today, ==, "Due today");
  g_assert_cmpstr (late1, ==, "Late by 1 working day");
  g_assert_cmpstr (late2, ==, "Late by 2 working days");
}

static void
test_masked_nik (void)
{
  g_autofree char *masked = loket_format_masked_nik ("5371010101900003");
  g_autofree char *short_id = loket_format_masked_nik ("1234");

  g_assert_cmpstr (masked, ==, "5371••••••••0003");
  g_assert_cmpstr (short_id, ==, "1234");
  g_assert_null (loket_format_masked_nik (NULL));
}

static void
test_dates (void)
{
  g_autoptr (GTimeZone) wita = g_time_zone_new_identifier ("+08:00");
  /* 2026-11-22 17:30 UTC is 23 Nov 01:30 in WITA. */
  g_autofree char *date = loket_format_date (1795368600, wita);
  g_autofree char *date_time = loket_format_date_time (1795368600, wita);
  g_autofree char *none = loket_format_date (0, wita);

  g_assert_cmpstr (date, ==, "23 Nov 2026");
  g_assert_cmpstr (date_time, ==, "23 Nov 2026, 01:30");
  g_assert_cmpstr (none, ==, "");
}

static void
test_labels (void)
{
  g_assert_cmpstr (loket_format_status (LOKET_CASE_STATUS_AWAITING_SIGNATURE), ==,
                   "Awaiting signature");
  g_assert_cmpstr (loket_format_status_css_class (LOKET_CASE_STATUS_IN_PROCESS), ==, "in-process");
  g_assert_cmpstr (loket_format_event_type (LOKET_EVENT_DISPOSITION_SENT), ==, "Disposition sent");
  g_assert_cmpstr (loket_format_event_type ("x.unknown"), ==, "x.unknown");
  g_assert_cmpstr (loket_format_channel ("tatap_muka"), ==, "In person");
  g_assert_cmpstr (loket_format_channel ("telepati"), ==, "telepati");
}

static void
test_case_deadline (void)
{
  g_autoptr (LoketCase) placeholder = loket_case_new ("");
  g_autoptr (LoketCase) kase = loket_case_new ("00000000-0000-4000-8000-000000000001");
  g_autofree char *empty = NULL;
  g_autofree char *not_started = NULL;
  g_autofree char *done = NULL;
  const char      *css_class = NULL;

  empty = loket_format_case_deadline (placeholder, NULL, 0, &css_class);
  g_assert_cmpstr (empty, ==, "");
  g_assert_null (css_class);

  loket_case_set_agenda_number (kase, "00001/KTKT/2026");
  not_started = loket_format_case_deadline (kase, NULL, 0, &css_class);
  g_assert_cmpstr (not_started, ==, "Not started");
  g_assert_cmpstr (css_class, ==, "due-done");

  loket_case_set_status (kase, LOKET_CASE_STATUS_CLOSED);
  loket_case_set_closed_at (kase, 1795455000);
  done = loket_format_case_deadline (kase, NULL, 0, &css_class);
  g_assert_cmpstr (done, ==, "Done");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loket/app/format/days-left", test_days_left);
  g_test_add_func ("/loket/app/format/masked-nik", test_masked_nik);
  g_test_add_func ("/loket/app/format/dates", test_dates);
  g_test_add_func ("/loket/app/format/labels", test_labels);
  g_test_add_func ("/loket/app/format/case-deadline", test_case_deadline);

  return g_test_run ();
}
