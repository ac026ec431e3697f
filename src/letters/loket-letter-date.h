// SPDX-License-Identifier: GPL-3.0-or-later
// Indonesian dates and times for letters ("9 Desember 2022", "09.05 WITA"), independent of the
// locale.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *loket_letter_month_name (int month); /* 1 → "Januari"; NULL when out of range */
/* "9 Desember 2022" */
char *loket_letter_format_date (GDateTime *dt) G_GNUC_WARN_UNUSED_RESULT;
/* "09.05 WITA" (WIB/WITA/WIT from the UTC offset, else "UTC+hh:mm") */
char *loket_letter_format_time (GDateTime *dt) G_GNUC_WARN_UNUSED_RESULT;
/* "Senin" … "Minggu" */
const char *loket_letter_weekday_name (GDateTime *dt);
/* @unix_s in the IANA zone @tz_id (NULL or unknown: Asia/Makassar). (transfer full) */
GDateTime *loket_letter_local_time (gint64 unix_s, const char *tz_id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
