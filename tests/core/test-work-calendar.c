// SPDX-License-Identifier: GPL-3.0-or-later
// Tests for the working-day calendar: holidays, cuti bersama, deadlines, pauses, bad files.
#include "config.h"

#include "loket-error.h"
#include "loket-work-calendar.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

static LoketWorkCalendar *
default_calendar (void)
{
  g_autoptr(GError) error = NULL;
  LoketWorkCalendar *calendar = loket_work_calendar_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (calendar);
  return calendar;
}

/* Unix time of a WITA wall-clock time. */
static gint64
wita (LoketWorkCalendar *calendar,
      int                year,
      int                month,
      int                day,
      int                hour,
      int                minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (loket_work_calendar_get_timezone (calendar), year,
                                             month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static gint64
end_of (LoketWorkCalendar *calendar,
        int                year,
        int                month,
        int                day)
{
  g_autoptr(GDateTime) dt = g_date_time_new (loket_work_calendar_get_timezone (calendar), year,
                                             month, day, 23, 59, 59);

  return g_date_time_to_unix (dt);
}

static void
assert_deadline_date (LoketWorkCalendar *calendar,
                      gint64             deadline,
                      int                year,
                      int                month,
                      int                day)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (deadline);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc,
                                                        loket_work_calendar_get_timezone (calendar));
  g_autofree char *got = g_date_time_format (local, "%F %T");
  g_autofree char *want = g_strdup_printf ("%04d-%02d-%02d 23:59:59", year, month, day);

  g_assert_cmpstr (got, ==, want);
}

static gboolean
is_working (LoketWorkCalendar *calendar,
            int                year,
            int                month,
            int                day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return loket_work_calendar_is_working_day (calendar, &date);
}

static const char *
holiday (LoketWorkCalendar *calendar,
         int                year,
         int                month,
         int                day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return loket_work_calendar_get_holiday (calendar, &date);
}

static void
test_default_data (void)
{
  g_autoptr(LoketWorkCalendar) calendar = default_calendar ();
  GTimeZone *tz = loket_work_calendar_get_timezone (calendar);
  int first, last;

  loket_work_calendar_get_range (calendar, &first, &last);
  g_assert_cmpint (first, ==, 2024);
  g_assert_cmpint (last, ==, 2027);

  g_assert_cmpint (g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL,
                                                                         1751819400)),
                   ==, 8 * 3600);

  g_assert_nonnull (g_strstr_len (holiday (calendar, 2025, 3, 31), -1, "Idul Fitri"));
  g_assert_nonnull (g_strstr_len (holiday (calendar, 2025, 8, 18), -1, "Cuti bersama"));
  g_assert_nonnull (g_strstr_len (holiday (calendar, 2026, 12, 24), -1, "Cuti bersama"));
  g_assert_null (holiday (calendar, 2025, 7, 7));
}

static void
test_weekends (void)
{
  g_autoptr(LoketWorkCalendar) calendar = default_calendar ();

  g_assert_true (is_working (calendar, 2025, 7, 4));   /* Friday */
  g_assert_false (is_working (calendar, 2025, 7, 5));  /* Saturday */
  g_assert_false (is_working (calendar, 2025, 7, 6));  /* Sunday */
  g_assert_true (is_working (calendar, 2025, 7, 7));   /* Monday */
  /* Outside the data only weekends are known. */
  g_assert_true (is_working (calendar, 2030, 1, 1));
  g_assert_false (is_working (calendar, 2030, 1, 5));

  /* Friday + 1 working day = Monday; Saturday start: Monday is the first working day. */
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2025, 7, 4, 10, 0),
                                                      1, LOKET_SLA_UNIT_WORKING_DAY, NULL, 0),
                        2025, 7, 7);
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2025, 7, 5, 10, 0),
                                                      1, LOKET_SLA_UNIT_WORKING_DAY, NULL, 0),
                        2025, 7, 7);
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2025, 7, 7, 10, 0),
                                                      10, LOKET_SLA_UNIT_WORKING_DAY, NULL, 0),
                        2025, 7, 21);
  /* Fractions round up; 0 working days ends the start day. */
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2025, 7, 7, 10, 0),
                                                      1.5, LOKET_SLA_UNIT_WORKING_DAY, NULL, 0),
                        2025, 7, 9);
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2025, 7, 7, 10, 0),
                                                      0, LOKET_SLA_UNIT_WORKING_DAY, NULL, 0),
                        2025, 7, 7);
}

static void
test_idul_fitri (void)
{
  g_autoptr(LoketWorkCalendar) calendar = default_calendar ();

  /* 2024: 8–12 and 15 April off (10–11 Idul Fitri, the rest cuti bersama). */
  for (int day = 8; day <= 15; day++)
    g_assert_false (is_working (calendar, 2024, 4, day));
  g_assert_true (is_working (calendar, 2024, 4, 5));
  g_assert_true (is_working (calendar, 2024, 4, 16));
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2024, 4, 5, 9, 0),
                                                      21, LOKET_SLA_UNIT_WORKING_DAY, NULL, 0),
                        2024, 5, 17);

  /* 2025: Nyepi 28–29 March, Idul Fitri 31 March–1 April, cuti bersama 2–4 and 7 April. */
  g_assert_false (is_working (calendar, 2025, 3, 28));
  for (int day = 1; day <= 7; day++)
    g_assert_false (is_working (calendar, 2025, 4, day));
  g_assert_true (is_working (calendar, 2025, 4, 8));
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2025, 3, 27, 9, 0),
                                                      21, LOKET_SLA_UNIT_WORKING_DAY, NULL, 0),
                        2025, 5, 8);

  /* 2026: Nyepi 18–19 March, Idul Fitri 21–22 March, cuti bersama 20, 23, 24 March. */
  for (int day = 18; day <= 24; day++)
    g_assert_false (is_working (calendar, 2026, 3, day));
  g_assert_true (is_working (calendar, 2026, 3, 17));
  g_assert_true (is_working (calendar, 2026, 3, 25));
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2026, 3, 17, 9, 0),
                                                      21, LOKET_SLA_UNIT_WORKING_DAY, NULL, 0),
                        2026, 4, 23);
}

static void
test_year_end (void)
{
  g_autoptr(LoketWorkCalendar) calendar = default_calendar ();

  /* Christmas, cuti bersama 26 December, New Year; crosses from one file into the next. */
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2024, 12, 23, 10, 0),
                                                      5, LOKET_SLA_UNIT_WORKING_DAY, NULL, 0),
                        2025, 1, 2);
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2025, 12, 24, 10, 0),
                                                      5, LOKET_SLA_UNIT_WORKING_DAY, NULL, 0),
                        2026, 1, 5);
  /* 2026: cuti bersama is 24 December, before Christmas. */
  g_assert_false (is_working (calendar, 2026, 12, 24));
  g_assert_true (is_working (calendar, 2026, 12, 28));
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2026, 12, 23, 10, 0),
                                                      3, LOKET_SLA_UNIT_WORKING_DAY, NULL, 0),
                        2026, 12, 30);
}

static void
test_time_zone (void)
{
  g_autoptr(LoketWorkCalendar) calendar = default_calendar ();
  /* Sunday 6 July 2025 16:30 UTC is Monday 7 July 00:30 WITA: the local date counts. */
  gint64 start = 1751819400;

  g_assert_cmpint (start, ==, wita (calendar, 2025, 7, 7, 0, 30));
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, start, 1,
                                                      LOKET_SLA_UNIT_WORKING_DAY, NULL, 0),
                        2025, 7, 8);
  g_assert_cmpint (end_of (calendar, 2025, 7, 8), ==, 1751990399);
}

static void
test_pauses_working_days (void)
{
  g_autoptr(LoketWorkCalendar) calendar = default_calendar ();
  gint64 start = wita (calendar, 2025, 7, 7, 9, 0);
  /* Tuesday 8 July 08:00 – Monday 14 July 16:00: five working days touched. */
  LoketPause five[] = { { wita (calendar, 2025, 7, 8, 8, 0), wita (calendar, 2025, 7, 14, 16, 0) } };
  /* A weekend-only pause changes nothing. */
  LoketPause weekend[] = { { wita (calendar, 2025, 7, 12, 8, 0), wita (calendar, 2025, 7, 13, 20, 0) } };
  /* Ending exactly at midnight touches one day only. */
  LoketPause one[] = { { wita (calendar, 2025, 7, 8, 0, 0), wita (calendar, 2025, 7, 9, 0, 0) } };
  /* A pause before the start does not count; nor does one on the start day. */
  LoketPause before[] = { { wita (calendar, 2025, 7, 1, 8, 0), wita (calendar, 2025, 7, 3, 8, 0) },
                          { wita (calendar, 2025, 7, 7, 9, 30), wita (calendar, 2025, 7, 7, 15, 0) } };
  LoketPause open[] = { { wita (calendar, 2025, 7, 8, 8, 0), 0 } };
  gint64 plain, paused;

  plain = loket_work_calendar_deadline (calendar, start, 10, LOKET_SLA_UNIT_WORKING_DAY, NULL, 0);
  paused = loket_work_calendar_deadline (calendar, start, 10, LOKET_SLA_UNIT_WORKING_DAY, five, 1);
  assert_deadline_date (calendar, plain, 2025, 7, 21);
  assert_deadline_date (calendar, paused, 2025, 7, 28);
  g_assert_cmpint (loket_work_calendar_working_days_left (calendar, plain, paused), ==, 5);

  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, start, 10,
                                                      LOKET_SLA_UNIT_WORKING_DAY, weekend, 1),
                        2025, 7, 21);
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, start, 10,
                                                      LOKET_SLA_UNIT_WORKING_DAY, one, 1),
                        2025, 7, 22);
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, start, 10,
                                                      LOKET_SLA_UNIT_WORKING_DAY, before, 2),
                        2025, 7, 21);

  /* Open pause: no deadline while paused, whatever the unit. */
  g_assert_cmpint (loket_work_calendar_deadline (calendar, start, 10, LOKET_SLA_UNIT_WORKING_DAY,
                                                 open, 1), ==, 0);
  g_assert_cmpint (loket_work_calendar_deadline (calendar, start, 30, LOKET_SLA_UNIT_MINUTE,
                                                 open, 1), ==, 0);
}

static void
test_minutes_and_hours (void)
{
  g_autoptr(LoketWorkCalendar) calendar = default_calendar ();
  gint64 start = wita (calendar, 2025, 7, 7, 9, 0);
  LoketPause inside[] = { { wita (calendar, 2025, 7, 7, 9, 10), wita (calendar, 2025, 7, 7, 9, 25) } };
  LoketPause straddling[] = { { wita (calendar, 2025, 7, 7, 8, 50), wita (calendar, 2025, 7, 7, 9, 5) } };
  LoketPause after[] = { { wita (calendar, 2025, 7, 7, 10, 0), wita (calendar, 2025, 7, 7, 11, 0) } };
  /* Unsorted and overlapping pauses */
  LoketPause overlapping[] = { { wita (calendar, 2025, 7, 7, 9, 20), wita (calendar, 2025, 7, 7, 9, 40) },
                               { wita (calendar, 2025, 7, 7, 9, 10), wita (calendar, 2025, 7, 7, 9, 30) } };

  g_assert_cmpint (loket_work_calendar_deadline (calendar, start, 30, LOKET_SLA_UNIT_MINUTE, NULL, 0),
                   ==, start + 30 * 60);
  g_assert_cmpint (loket_work_calendar_deadline (calendar, start, 30, LOKET_SLA_UNIT_MINUTE, inside, 1),
                   ==, wita (calendar, 2025, 7, 7, 9, 45));
  g_assert_cmpint (loket_work_calendar_deadline (calendar, start, 30, LOKET_SLA_UNIT_MINUTE,
                                                 straddling, 1),
                   ==, wita (calendar, 2025, 7, 7, 9, 35));
  g_assert_cmpint (loket_work_calendar_deadline (calendar, start, 30, LOKET_SLA_UNIT_MINUTE, after, 1),
                   ==, start + 30 * 60);
  g_assert_cmpint (loket_work_calendar_deadline (calendar, start, 30, LOKET_SLA_UNIT_MINUTE,
                                                 overlapping, 2),
                   ==, wita (calendar, 2025, 7, 7, 10, 0));
  /* Elapsed time runs through the night and weekends (counter services). */
  g_assert_cmpint (loket_work_calendar_deadline (calendar, start, 2, LOKET_SLA_UNIT_HOUR, NULL, 0),
                   ==, start + 7200);
  g_assert_cmpint (loket_work_calendar_deadline (calendar, start, 72, LOKET_SLA_UNIT_HOUR, NULL, 0),
                   ==, start + 72 * 3600);
  g_assert_cmpint (loket_work_calendar_deadline (calendar, start, 40, LOKET_SLA_UNIT_LESSON_HOUR,
                                                 NULL, 0),
                   ==, start + 40 * 45 * 60);
  g_assert_cmpint (loket_work_calendar_deadline (calendar, start, 1, LOKET_SLA_UNIT_UNSPECIFIED,
                                                 NULL, 0),
                   ==, 0);
}

static void
test_calendar_units (void)
{
  g_autoptr(LoketWorkCalendar) calendar = default_calendar ();
  gint64 start = wita (calendar, 2025, 7, 7, 9, 0);
  LoketPause pause[] = { { wita (calendar, 2025, 7, 10, 9, 0), wita (calendar, 2025, 7, 11, 9, 0) } };

  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, start, 14, LOKET_SLA_UNIT_DAY, NULL, 0),
                        2025, 7, 21);
  /* Calendar days include weekends and holidays. */
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2025, 3, 27, 9, 0),
                                                      7, LOKET_SLA_UNIT_DAY, NULL, 0),
                        2025, 4, 3);
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, start, 2, LOKET_SLA_UNIT_WEEK, NULL, 0),
                        2025, 7, 21);
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2025, 1, 31, 9, 0),
                                                      1, LOKET_SLA_UNIT_MONTH, NULL, 0),
                        2025, 2, 28);
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, wita (calendar, 2024, 2, 29, 9, 0),
                                                      1, LOKET_SLA_UNIT_YEAR, NULL, 0),
                        2025, 2, 28);
  /* A pause touching two dates adds two days. */
  assert_deadline_date (calendar,
                        loket_work_calendar_deadline (calendar, start, 14, LOKET_SLA_UNIT_DAY, pause, 1),
                        2025, 7, 23);
}

static void
test_working_days_left (void)
{
  g_autoptr(LoketWorkCalendar) calendar = default_calendar ();
  gint64 deadline = end_of (calendar, 2025, 7, 21); /* Monday */
  gint64 friday = end_of (calendar, 2025, 7, 25);

  g_assert_cmpint (loket_work_calendar_working_days_left (calendar, wita (calendar, 2025, 7, 7, 10, 0),
                                                          deadline), ==, 10);
  g_assert_cmpint (loket_work_calendar_working_days_left (calendar, wita (calendar, 2025, 7, 18, 16, 0),
                                                          deadline), ==, 1);
  /* Saturday before a Monday deadline: one working day left. */
  g_assert_cmpint (loket_work_calendar_working_days_left (calendar, wita (calendar, 2025, 7, 19, 10, 0),
                                                          deadline), ==, 1);
  g_assert_cmpint (loket_work_calendar_working_days_left (calendar, wita (calendar, 2025, 7, 21, 10, 0),
                                                          deadline), ==, 0);
  g_assert_cmpint (loket_work_calendar_working_days_left (calendar, deadline + 1, deadline), ==, -1);
  g_assert_cmpint (loket_work_calendar_working_days_left (calendar, wita (calendar, 2025, 7, 22, 10, 0),
                                                          deadline), ==, -1);
  g_assert_cmpint (loket_work_calendar_working_days_left (calendar, wita (calendar, 2025, 7, 26, 10, 0),
                                                          deadline), ==, -4);
  /* Late over a weekend is still late. */
  g_assert_cmpint (loket_work_calendar_working_days_left (calendar, wita (calendar, 2025, 7, 26, 10, 0),
                                                          friday), ==, -1);
  /* Holidays do not count: Idul Fitri 2025 between now and the deadline. */
  g_assert_cmpint (loket_work_calendar_working_days_left (calendar, wita (calendar, 2025, 3, 27, 9, 0),
                                                          end_of (calendar, 2025, 4, 8)), ==, 1);
  g_assert_cmpint (loket_work_calendar_working_days_left (calendar, deadline, 0), ==, G_MAXINT);
}

/* Writes @contents as @name into a new temporary directory; returns the directory. */
static char *
write_temp_file (const char *name,
                 const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("loket-holidays-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return dir;
}

static void
remove_temp_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
assert_file_error (const char *contents,
                   const char *expected_message)
{
  g_autofree char *dir = write_temp_file ("2025.json", contents);
  g_autofree char *path = g_build_filename (dir, "2025.json", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketWorkCalendar) calendar = loket_work_calendar_new_from_files (paths, &error);

  g_assert_null (calendar);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  if (!g_str_has_prefix (error->message, expected_message))
    g_error ("got “%s”, expected “%s”", error->message, expected_message);
  remove_temp_dir (dir);
}

static void
test_malformed_files (void)
{
#define ENTRY(d) "{\"date\": \"" d "\", \"name\": \"Libur\", \"kind\": \"libur_nasional\"}"
  assert_file_error ("{\"year\": 2025, \"holidays\": [" ENTRY ("2025-01-01") ", " ENTRY ("2025-01-27")
                     ", " ENTRY ("2025-01-29") ", " ENTRY ("2025-02-30") "]}",
                     "2025.json: $.holidays[3].date: not a date");
  assert_file_error ("{\"year\": 2025, \"holidays\": [" ENTRY ("1 Januari 2025") "]}",
                     "2025.json: $.holidays[0].date: not a date");
  assert_file_error ("{\"year\": 2025, \"holidays\": [" ENTRY ("2024-12-25") "]}",
                     "2025.json: $.holidays[0].date: not in the year 2025");
  assert_file_error ("{\"year\": 2025, \"holidays\": [{\"date\": \"2025-01-01\", \"name\": \"X\", "
                     "\"kind\": \"libur\"}]}",
                     "2025.json: $.holidays[0].kind:");
  assert_file_error ("{\"year\": 2025, \"holidays\": [{\"date\": \"2025-01-01\", \"kind\": "
                     "\"cuti_bersama\"}]}",
                     "2025.json: $.holidays[0].name:");
  assert_file_error ("{\"year\": 2025, \"holidays\": [42]}", "2025.json: $.holidays[0]: not an object");
  assert_file_error ("{\"year\": 2025}", "2025.json: $.holidays: not an array");
  assert_file_error ("{\"year\": \"2025\", \"holidays\": []}", "2025.json: $.year: not a year");
  assert_file_error ("{\"year\": 2025, \"status\": \"draft\", \"holidays\": []}",
                     "2025.json: $.status:");
  assert_file_error ("[1, 2]", "2025.json: $: not an object");
  assert_file_error ("{\"year\": 2025, \"holidays\": [", "2025.json: $: ");
#undef ENTRY
}

static void
test_holidays_dir_override (void)
{
  g_autofree char *dir = write_temp_file ("2030.json",
                                          "{\"year\": 2030, \"holidays\": ["
                                          "{\"date\": \"2030-01-01\", \"name\": \"Tahun Baru\", "
                                          "\"kind\": \"libur_nasional\"},"
                                          "{\"date\": \"2030-01-01\", \"name\": \"Kedua\", "
                                          "\"kind\": \"cuti_bersama\"}]}");
  g_autofree char *empty = NULL;
  g_autoptr(LoketWorkCalendar) calendar = NULL;
  g_autoptr(LoketWorkCalendar) none = NULL;
  g_autoptr(GError) error = NULL;
  int first, last;

  g_setenv ("LOKET_HOLIDAYS_DIR", dir, TRUE);
  calendar = loket_work_calendar_new_default (&error);
  g_assert_no_error (error);
  loket_work_calendar_get_range (calendar, &first, &last);
  g_assert_cmpint (first, ==, 2030);
  g_assert_cmpint (last, ==, 2030);
  g_assert_false (is_working (calendar, 2030, 1, 1));
  g_assert_cmpstr (holiday (calendar, 2030, 1, 1), ==, "Tahun Baru; Kedua");
  /* The shipped data is not loaded: 31 March 2025 is a plain Monday here. */
  g_assert_true (is_working (calendar, 2025, 3, 31));

  empty = g_dir_make_tmp ("loket-holidays-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("LOKET_HOLIDAYS_DIR", empty, TRUE);
  none = loket_work_calendar_new_default (&error);
  g_assert_null (none);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  g_unsetenv ("LOKET_HOLIDAYS_DIR");

  remove_temp_dir (dir);
  remove_temp_dir (empty);
}

static void
test_provisional_2027 (void)
{
  g_autoptr(LoketWorkCalendar) calendar = default_calendar ();

  g_assert_true (loket_work_calendar_year_is_provisional (calendar, 2027));
  g_assert_false (loket_work_calendar_year_is_provisional (calendar, 2026));
  g_assert_false (loket_work_calendar_year_is_provisional (calendar, 2024));
}

static void
test_provisional_2027_file (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/loketapp/Loket/data/holidays/2027.json",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert_nonnull (bytes);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                  "\"status\": \"provisional\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("LOKET_HOLIDAYS_DIR");

  g_test_add_func ("/loket/core/work-calendar/default-data", test_default_data);
  g_test_add_func ("/loket/core/work-calendar/weekends", test_weekends);
  g_test_add_func ("/loket/core/work-calendar/idul-fitri", test_idul_fitri);
  g_test_add_func ("/loket/core/work-calendar/year-end", test_year_end);
  g_test_add_func ("/loket/core/work-calendar/time-zone", test_time_zone);
  g_test_add_func ("/loket/core/work-calendar/pauses-working-days", test_pauses_working_days);
  g_test_add_func ("/loket/core/work-calendar/minutes-and-hours", test_minutes_and_hours);
  g_test_add_func ("/loket/core/work-calendar/calendar-units", test_calendar_units);
  g_test_add_func ("/loket/core/work-calendar/working-days-left", test_working_days_left);
  g_test_add_func ("/loket/core/work-calendar/malformed-files", test_malformed_files);
  g_test_add_func ("/loket/core/work-calendar/holidays-dir-override", test_holidays_dir_override);
  g_test_add_func ("/loket/core/work-calendar/provisional-2027", test_provisional_2027);
  g_test_add_func ("/loket/core/work-calendar/provisional-2027-file", test_provisional_2027_file);

  return g_test_run ();
}
