// SPDX-License-Identifier: GPL-3.0-or-later
// Indonesian working-day calendar: deadlines in working days, days, hours, minutes, with pauses.
#pragma once

#include <glib-object.h>

#include "loket-sla-clause.h"

G_BEGIN_DECLS

/* A stretch of time during which the clock is stopped (waiting on the applicant or an outside body).
 * end == 0 means "still paused". Times are Unix seconds (UTC). */
typedef struct
{
  gint64 start;
  gint64 end;
} LoketPause;

#define LOKET_TYPE_WORK_CALENDAR (loket_work_calendar_get_type ())

G_DECLARE_FINAL_TYPE (LoketWorkCalendar, loket_work_calendar, LOKET, WORK_CALENDAR, GObject)

/* The holidays shipped in data/holidays/ (compiled into resources). */
LoketWorkCalendar *loket_work_calendar_new_default   (GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* Holiday files (JSON, one per year); the error names the file and the JSON path. */
LoketWorkCalendar *loket_work_calendar_new_from_files (const char *const *paths,
                                                       GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* Holiday files an office imported (Preferences, `loket-cli holidays import`) live in
 * $XDG_DATA_HOME/loket/holidays/YYYY.json; new_default uses them instead of the built-in file of
 * the same year. */
char              *loket_work_calendar_get_import_dir (void) G_GNUC_WARN_UNUSED_RESULT;
/* Checks @path with the loader of the built-in files (the error names the file and JSON path)
 * and copies it there; @year gets its year. */
gboolean           loket_work_calendar_import_file    (const char *path,
                                                       int        *year,
                                                       GError    **error);

/* Local time zone of the office: WITA (Asia/Makassar, +08:00) by default. Working days are
 * counted on local dates. */
GTimeZone         *loket_work_calendar_get_timezone  (LoketWorkCalendar *self);

gboolean           loket_work_calendar_is_working_day (LoketWorkCalendar *self,
                                                       GDate             *date);
/* Name of the holiday/cuti bersama on @date, or NULL. */
const char        *loket_work_calendar_get_holiday    (LoketWorkCalendar *self,
                                                       GDate             *date);
/* First and last year the loaded data covers. */
void               loket_work_calendar_get_range      (LoketWorkCalendar *self,
                                                       int               *first_year,
                                                       int               *last_year);

/* TRUE if the holiday file of @year is marked "status": "provisional" (expected dates, not the
 * official SKB yet). */
gboolean           loket_work_calendar_year_is_provisional (LoketWorkCalendar *self,
                                                            int                year);

/* The deadline for @value @unit counted from @start (Unix s), with @pauses not counted.
 * Working days: the deadline is the end of the Nth working day after the start day
 * (the start day itself does not count). Returns 0 for LOKET_SLA_UNIT_UNSPECIFIED.
 *
 * - menit/jam/jam_pelajaran (45 min): elapsed wall time; the paused time is added.
 * - hari_kerja: a start on a non-working day counts from the next working day (Saturday + 1 hari
 *   kerja = Monday, like Friday + 1); the deadline is 23:59:59 local time. Each local working date
 *   touched by a pause (even partly) is skipped, so a pause over 5 working days adds 5.
 *   Outside the years of the loaded holiday files only weekends are known (see get_range).
 * - hari/minggu/bulan/tahun: calendar arithmetic on the local date, 23:59:59 local time of the
 *   resulting day; each local date after the start day touched by a pause adds a day.
 * - Fractional values of day-based units round up.
 * - An open pause (end == 0) means the clock is stopped for an unknown time: the deadline is not
 *   known yet and 0 ("no deadline while paused") is returned. */
gint64             loket_work_calendar_deadline       (LoketWorkCalendar *self,
                                                       gint64             start,
                                                       double             value,
                                                       LoketSlaUnit       unit,
                                                       const LoketPause  *pauses,
                                                       guint              n_pauses);

/* Working days left from @now until @deadline (negative when late; 0 on the last day).
 * Late is always < 0 (−1 on the deadline's own day after the deadline or on a weekend right after
 * it). A @deadline of 0 (none) gives G_MAXINT. */
int                loket_work_calendar_working_days_left (LoketWorkCalendar *self,
                                                          gint64             now,
                                                          gint64             deadline);

G_END_DECLS
