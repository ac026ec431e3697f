// SPDX-License-Identifier: GPL-3.0-or-later
// The report's definitions on hand-made cases (working days, SLA %, median, 90th percentile,
// complaints), the office checks, and importing a holiday file.
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "loket-case.h"
#include "loket-error.h"
#include "loket-office-profile.h"
#include "loket-report.h"
#include "loket-service-catalog.h"
#include "loket-work-calendar.h"

#define SERVICE "kopnakertrans-ntt/rekomendasi-rekrutmen-akad"
#define COMPLAINT "dinsos-ntt/pengaduan-masyarakat"

static gint64
wita (int y, int m, int d, int hour)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_autoptr (GDateTime) dt = g_date_time_new (tz, y, m, d, hour, 0, 0);

  return g_date_time_to_unix (dt);
}

static LoketCase *
closed_case (const char *uuid,
             const char *service,
             const char *channel,
             gint64      received,
             gint64      closed,
             gint64      due)
{
  LoketCase       *kase = loket_case_new (uuid);
  g_autofree char *agency = g_strndup (service, strchr (service, '/') - service);

  loket_case_set_agency_id (kase, agency);
  loket_case_set_service_id (kase, service);
  loket_case_set_channel (kase, channel);
  loket_case_set_received_at (kase, received);
  loket_case_set_complete_at (kase, received);
  loket_case_set_due_at (kase, due);
  if (closed != 0)
    {
      loket_case_set_closed_at (kase, closed);
      loket_case_set_status (kase, LOKET_CASE_STATUS_CLOSED);
    }
  else
    loket_case_set_status (kase, LOKET_CASE_STATUS_IN_PROCESS);
  return kase;
}

static void
test_figures (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (&error);
  g_autoptr (LoketWorkCalendar) calendar = loket_work_calendar_new_default (&error);
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) outcomes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (LoketReport) report = NULL;
  LoketReportParams       params = { 0 };
  const LoketReportTable *services, *complaints;
  const LoketReportRow   *row;
  gint64                  mon = wita (2026, 3, 2, 9); /* Monday 2 March 2026 */

  g_assert_no_error (error);
  /* Working days after the start date: Tue 1, Wed 2, Thu 3, Fri 4; then Mon 9 is the 5th. */
  g_ptr_array_add (cases, closed_case ("00000000-0000-4000-8000-000000000001", SERVICE, "surat",
                                       mon, wita (2026, 3, 3, 10), wita (2026, 3, 9, 23)));
  g_ptr_array_add (cases, closed_case ("00000000-0000-4000-8000-000000000002", SERVICE, "surat",
                                       mon, wita (2026, 3, 5, 10), wita (2026, 3, 9, 23)));
  g_ptr_array_add (cases, closed_case ("00000000-0000-4000-8000-000000000003", SERVICE, "surat",
                                       mon, wita (2026, 3, 9, 10), wita (2026, 3, 9, 23)));
  /* Late: closed after its deadline (6 working days). */
  g_ptr_array_add (cases, closed_case ("00000000-0000-4000-8000-000000000004", SERVICE, "surat",
                                       mon, wita (2026, 3, 10, 10), wita (2026, 3, 9, 23)));
  /* Open and late at "now"; open with no deadline. */
  g_ptr_array_add (cases, closed_case ("00000000-0000-4000-8000-000000000005", SERVICE, "surat",
                                       mon, 0, wita (2026, 3, 9, 23)));
  g_ptr_array_add (
    cases, closed_case ("00000000-0000-4000-8000-000000000006", SERVICE, "surat", mon, 0, 0));
  /* Received before the period, completed in it. */
  g_ptr_array_add (cases, closed_case ("00000000-0000-4000-8000-000000000007", SERVICE, "surat",
                                       wita (2026, 2, 27, 9), wita (2026, 3, 3, 9),
                                       wita (2026, 3, 9, 23)));
  /* Complaints: one referred, one open. */
  g_ptr_array_add (cases, closed_case ("00000000-0000-4000-8000-000000000008", COMPLAINT, "surat",
                                       mon, wita (2026, 3, 4, 9), 0));
  g_hash_table_insert (outcomes, "00000000-0000-4000-8000-000000000008", "dirujuk");
  g_ptr_array_add (cases, closed_case ("00000000-0000-4000-8000-000000000009", COMPLAINT,
                                       "sp4n_lapor", mon, 0, 0));

  g_date_clear (&params.from, 1);
  g_date_clear (&params.to, 1);
  g_date_set_dmy (&params.from, 1, 3, 2026);
  g_date_set_dmy (&params.to, 31, 3, 2026);
  params.now = wita (2026, 3, 12, 12);
  report = loket_report_compute (&params, cases, outcomes, catalog, NULL, calendar, &error);
  g_assert_no_error (error);

  services = loket_report_get_table (report, "services");
  row = loket_report_table_lookup (services, SERVICE);
  g_assert_nonnull (row);
  g_assert_cmpfloat (row->values[LOKET_REPORT_SERVICE_RECEIVED], ==, 6);
  g_assert_cmpfloat (row->values[LOKET_REPORT_SERVICE_COMPLETED], ==, 5);
  g_assert_cmpfloat (row->values[LOKET_REPORT_SERVICE_WITHIN_SLA], ==, 4);
  g_assert_cmpfloat (row->values[LOKET_REPORT_SERVICE_SLA_PERCENT], ==, 80);
  g_assert_cmpfloat (row->values[LOKET_REPORT_SERVICE_LATE_NOW], ==, 1);
  /* Durations 1, 3, 5, 6 and (Fri 27 Feb → Tue 3 Mar) 2: sorted 1 2 3 5 6. */
  g_assert_cmpfloat (row->values[LOKET_REPORT_SERVICE_MEDIAN_DAYS], ==, 3);
  g_assert_cmpfloat (row->values[LOKET_REPORT_SERVICE_P90_DAYS], ==, 6);

  complaints = loket_report_get_table (report, "complaints");
  g_assert_cmpuint (complaints->rows->len, ==, 2);
  row = loket_report_table_lookup (complaints, "surat/dirujuk");
  g_assert_nonnull (row);
  g_assert_cmpstr (row->labels[1], ==, "Dirujuk ke instansi lain");
  row = loket_report_table_lookup (complaints, "sp4n_lapor/-");
  g_assert_nonnull (row);
  g_assert_cmpstr (row->labels[1], ==, "Dalam proses");

  /* Even count: the mean of the two middle values. */
  g_ptr_array_remove_index (cases, 6);
  g_clear_pointer (&report, loket_report_free);
  report = loket_report_compute (&params, cases, outcomes, catalog, NULL, calendar, &error);
  row = loket_report_table_lookup (loket_report_get_table (report, "services"), SERVICE);
  g_assert_cmpfloat (row->values[LOKET_REPORT_SERVICE_MEDIAN_DAYS], ==, 4);

  /* The CSV writes "" for no figure and quotes what needs it. */
  {
    g_autofree char *csv = loket_report_to_csv (report);

    g_assert_true (g_str_has_prefix (csv, "Laporan Kinerja Pelayanan\r\n"));
    g_assert_nonnull (strstr (csv, "Periode,1 Maret 2026 s.d. 31 Maret 2026\r\n"));
  }
}

static void
test_bad_period (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketWorkCalendar) calendar = loket_work_calendar_new_default (&error);
  g_autoptr (GPtrArray) cases = g_ptr_array_new ();
  LoketReportParams params = { 0 };
  LoketReport      *report;

  g_date_clear (&params.from, 1);
  g_date_clear (&params.to, 1);
  g_date_set_dmy (&params.from, 2, 3, 2026);
  g_date_set_dmy (&params.to, 1, 3, 2026);
  report = loket_report_compute (&params, cases, NULL, NULL, NULL, calendar, &error);
  g_assert_null (report);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
}

static void
test_office_checks (void)
{
  static const guchar png_head[]
    = { 0x89, 'P',  'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0,
        0,    0x10, 0,   0,   0,    0,    1,    8,    6, 0, 0, 0,  0,   0,   0,   0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) wide = g_bytes_new_static (png_head, sizeof png_head);
  g_autoptr (GBytes) text = g_bytes_new_static ("hello, not a png at all, really not", 35);

  g_assert_true (loket_office_check_server_url ("https://loket.example.go.id", NULL));
  g_assert_true (loket_office_check_server_url ("http://127.0.0.1:8080", NULL));
  g_assert_true (loket_office_check_server_url ("", NULL));
  g_assert_false (loket_office_check_server_url ("http://loket.example.go.id", &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (loket_office_check_server_url ("loket.example.go.id", &error));
  g_clear_error (&error);

  g_assert_false (loket_office_check_letterhead ("1\n2\n3\n4\n5\n6\n7", &error));
  g_assert_nonnull (strstr (error->message, "at most 6"));
  g_clear_error (&error);
  g_assert_true (loket_office_check_letterhead ("PEMERINTAH\nDINAS", NULL));

  g_assert_false (loket_office_check_logo_png (text, &error));
  g_assert_nonnull (strstr (error->message, "PNG"));
  g_clear_error (&error);
  /* 4096 × 1 px */
  g_assert_false (loket_office_check_logo_png (wide, &error));
  g_assert_nonnull (strstr (error->message, "4096"));
  g_clear_error (&error);

  g_assert_true (loket_office_check_signing_key ("pkcs11:token=Kadis", NULL));
  g_assert_false (loket_office_check_signing_key ("/tmp/kunci.pem", &error));
  g_clear_error (&error);
  g_assert_false (loket_office_check_signing_key ("/nonexistent/kunci.p12", &error));
  g_assert_nonnull (strstr (error->message, "does not exist"));
}

static void
test_holiday_import (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-holidays-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *good = g_build_filename (dir, "2026-revisi.json", NULL);
  g_autoptr (LoketWorkCalendar) calendar = NULL;
  GDate day;
  int   year = 0;

  g_assert_true (g_file_set_contents (
    bad, "{\"year\": 2026, \"holidays\": [{\"date\": \"2026-13-01\"}]}", -1, NULL));
  g_assert_false (loket_work_calendar_import_file (bad, &year, &error));
  g_assert_nonnull (strstr (error->message, "bad.json"));
  g_assert_nonnull (strstr (error->message, "$.holidays[0].date"));
  g_clear_error (&error);

  /* A revised 2026 with one extra day replaces the built-in 2026. */
  g_assert_true (g_file_set_contents (good,
                                      "{\"year\": 2026, \"status\": \"official\", \"holidays\": ["
                                      "{\"date\": \"2026-03-03\", \"name\": \"Libur Uji\","
                                      " \"kind\": \"cuti_bersama\"}]}",
                                      -1, NULL));
  g_assert_true (loket_work_calendar_import_file (good, &year, &error));
  g_assert_no_error (error);
  g_assert_cmpint (year, ==, 2026);
  calendar = loket_work_calendar_new_default (&error);
  g_assert_no_error (error);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 3, 3, 2026);
  g_assert_cmpstr (loket_work_calendar_get_holiday (calendar, &day), ==, "Libur Uji");
  g_date_set_dmy (&day, 16, 2, 2026); /* in the built-in 2026 file only */
  g_assert_null (loket_work_calendar_get_holiday (calendar, &day));
  g_unlink (bad);
  g_unlink (good);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/loket/core/report/figures", test_figures);
  g_test_add_func ("/loket/core/report/bad-period", test_bad_period);
  g_test_add_func ("/loket/core/office/checks", test_office_checks);
  g_test_add_func ("/loket/core/work-calendar/import", test_holiday_import);
  return g_test_run ();
}
