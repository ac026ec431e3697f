// SPDX-License-Identifier: GPL-3.0-or-later
// Indonesian dates and times for letters, from our own month table (not the locale).
#include "config.h"

#include "loket-letter-date.h"

static const char *const months[]
  = { "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
      "Juli",    "Agustus",  "September", "Oktober", "November", "Desember" };
static const char *const weekdays[]
  = { "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu" };

const char *
loket_letter_month_name (int month)
{
  if (month < 1 || month > 12)
    return NULL;
  return months[month - 1];
}

char *
loket_letter_format_date (GDateTime *dt)
{
  g_return_val_if_fail (dt != NULL, NULL);
  return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (dt),
                          months[g_date_time_get_month (dt) - 1], g_date_time_get_year (dt));
}

char *
loket_letter_format_time (GDateTime *dt)
{
  gint64           offset;
  const char      *zone;
  g_autofree char *other = NULL;

  g_return_val_if_fail (dt != NULL, NULL);

  offset = g_date_time_get_utc_offset (dt) / G_TIME_SPAN_MINUTE;
  switch (offset)
    {
      case 7 * 60:
        zone = "WIB";
        break;
      case 8 * 60:
        zone = "WITA";
        break;
      case 9 * 60:
        zone = "WIT";
        break;
      case 0:
        zone = "UTC";
        break;
      default:
        other = g_strdup_printf ("UTC%c%02d:%02d", offset < 0 ? '-' : '+', (int) ABS (offset) / 60,
                                 (int) ABS (offset) % 60);
        zone = other;
        break;
    }
  return g_strdup_printf ("%02d.%02d %s", g_date_time_get_hour (dt), g_date_time_get_minute (dt),
                          zone);
}

const char *
loket_letter_weekday_name (GDateTime *dt)
{
  g_return_val_if_fail (dt != NULL, NULL);
  return weekdays[g_date_time_get_day_of_week (dt) - 1];
}

GDateTime *
loket_letter_local_time (gint64 unix_s, const char *tz_id)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (tz_id != NULL ? tz_id : "Asia/Makassar");
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_s);

  if (tz == NULL)
    tz = g_time_zone_new_identifier ("Asia/Makassar");
  if (tz == NULL)
    tz = g_time_zone_new_offset (8 * 3600);
  return g_date_time_to_timezone (utc, tz);
}
