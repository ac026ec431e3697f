// SPDX-License-Identifier: GPL-3.0-or-later
// Indonesian working-day calendar: holidays and cuti bersama from JSON, deadlines with pauses.
#include "config.h"

#include "loket-work-calendar.h"

#include "loket-error.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HOLIDAYS_RESOURCE_DIR "/io/github/loketapp/Loket/data/holidays/"
/* Longest stretch the calendar walks (about 100 years): guards against absurd values. */
#define MAX_DAYS 36600

struct _LoketWorkCalendar
{
  GObject parent_instance;

  /* Owned references */
  GTimeZone  *timezone;
  GHashTable *holidays; /* julian day (GUINT_TO_POINTER) → name (owned) */
  GHashTable *provisional_years; /* GINT_TO_POINTER (year) */

  int first_year;
  int last_year;
};

G_DEFINE_FINAL_TYPE (LoketWorkCalendar, loket_work_calendar, G_TYPE_OBJECT)

static void
set_invalid (GError    **error,
             const char *file,
             const char *path,
             const char *message)
{
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, "%s: %s: %s", file, path, message);
}

/* "YYYY-MM-DD" → @date; FALSE unless it is exactly that and a real date. */
static gboolean
parse_iso_date (const char *text,
                GDate      *date)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static gboolean
load_holiday_json (LoketWorkCalendar *self,
                   const char        *file,
                   const char        *data,
                   gsize              length,
                   GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonArray *holidays;
  JsonNode *node;
  gint64 year;

  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      set_invalid (error, file, "$", local_error->message);
      return FALSE;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, file, "$", _("not an object"));
      return FALSE;
    }
  root = json_node_get_object (node);

  node = json_object_get_member (root, "year");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < 1900 || json_node_get_int (node) > 9999)
    {
      set_invalid (error, file, "$.year", _("not a year"));
      return FALSE;
    }
  year = json_node_get_int (node);

  node = json_object_get_member (root, "status");
  if (node != NULL
      && (json_node_get_value_type (node) != G_TYPE_STRING
          || (g_strcmp0 (json_node_get_string (node), "official") != 0
              && g_strcmp0 (json_node_get_string (node), "provisional") != 0)))
    {
      set_invalid (error, file, "$.status", _("must be “official” or “provisional”"));
      return FALSE;
    }

  if (node != NULL && g_str_equal (json_node_get_string (node), "provisional"))
    g_hash_table_add (self->provisional_years, GINT_TO_POINTER ((int) year));

  node = json_object_get_member (root, "holidays");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_invalid (error, file, "$.holidays", _("not an array"));
      return FALSE;
    }
  holidays = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (holidays); i++)
    {
      JsonNode *entry = json_array_get_element (holidays, i);
      JsonObject *object;
      const char *date_text = NULL, *name = NULL, *kind = NULL;
      gpointer key;
      const char *existing;
      GDate date;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        {
          g_autofree char *path = g_strdup_printf ("$.holidays[%u]", i);
          set_invalid (error, file, path, _("not an object"));
          return FALSE;
        }
      object = json_node_get_object (entry);

      node = json_object_get_member (object, "date");
      if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
        date_text = json_node_get_string (node);
      if (!parse_iso_date (date_text, &date))
        {
          g_autofree char *path = g_strdup_printf ("$.holidays[%u].date", i);
          set_invalid (error, file, path, _("not a date"));
          return FALSE;
        }
      if (g_date_get_year (&date) != year)
        {
          g_autofree char *path = g_strdup_printf ("$.holidays[%u].date", i);
          g_autofree char *message = g_strdup_printf (_("not in the year %d"), (int) year);
          set_invalid (error, file, path, message);
          return FALSE;
        }

      node = json_object_get_member (object, "name");
      if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
        name = json_node_get_string (node);
      if (name == NULL || *name == '\0')
        {
          g_autofree char *path = g_strdup_printf ("$.holidays[%u].name", i);
          set_invalid (error, file, path, _("missing or empty"));
          return FALSE;
        }

      node = json_object_get_member (object, "kind");
      if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
        kind = json_node_get_string (node);
      if (g_strcmp0 (kind, "libur_nasional") != 0 && g_strcmp0 (kind, "cuti_bersama") != 0)
        {
          g_autofree char *path = g_strdup_printf ("$.holidays[%u].kind", i);
          set_invalid (error, file, path, _("must be “libur_nasional” or “cuti_bersama”"));
          return FALSE;
        }

      /* Two holidays can fall on one date (e.g. Isra Mikraj on Christmas): keep both names. */
      key = GUINT_TO_POINTER (g_date_get_julian (&date));
      existing = g_hash_table_lookup (self->holidays, key);
      if (existing != NULL)
        g_hash_table_insert (self->holidays, key, g_strdup_printf ("%s; %s", existing, name));
      else
        g_hash_table_insert (self->holidays, key, g_strdup (name));
    }

  if (self->first_year == 0 || year < self->first_year)
    self->first_year = (int) year;
  if (year > self->last_year)
    self->last_year = (int) year;

  return TRUE;
}

static GTimeZone *
office_timezone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Asia/Makassar");

  /* Without tzdata WITA is a fixed +08:00 (Indonesia has no daylight saving time). */
  if (tz == NULL)
    tz = g_time_zone_new_offset (8 * 3600);
  return tz;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Local date of the Unix time @t in the office time zone. */
static void
local_date (LoketWorkCalendar *self,
            gint64             t,
            GDate             *date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = NULL;

  g_date_clear (date, 1);
  if (utc == NULL)
    {
      g_date_set_dmy (date, 1, 1, 1970);
      return;
    }
  local = g_date_time_to_timezone (utc, self->timezone);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
}

/* 23:59:59 local time on @date, as Unix seconds. */
static gint64
end_of_day (LoketWorkCalendar *self,
            const GDate       *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new (self->timezone, g_date_get_year (date),
                                             g_date_get_month (date), g_date_get_day (date),
                                             23, 59, 59);

  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static int
compare_pauses (gconstpointer a,
                gconstpointer b)
{
  const LoketPause *pa = a, *pb = b;

  return (pa->start > pb->start) - (pa->start < pb->start);
}

/* Elapsed-time deadline: @seconds of running clock from @start, stopped during @pauses. */
static gint64
elapsed_deadline (gint64            start,
                  gint64            seconds,
                  const LoketPause *pauses,
                  guint             n_pauses)
{
  g_autofree LoketPause *sorted = g_memdup2 (pauses, sizeof (LoketPause) * n_pauses);
  gint64 cursor = start;
  gint64 remaining = seconds;

  if (n_pauses > 0)
    qsort (sorted, n_pauses, sizeof (LoketPause), compare_pauses);

  for (guint i = 0; i < n_pauses; i++)
    {
      const LoketPause *p = &sorted[i];

      if (p->end <= p->start || p->end <= cursor)
        continue;
      if (p->start >= cursor + remaining)
        break;
      if (p->start > cursor)
        remaining -= p->start - cursor;
      cursor = p->end;
    }

  return cursor + remaining;
}

/* The local dates touched by @pauses (julian day → TRUE). */
static GHashTable *
paused_dates (LoketWorkCalendar *self,
              const LoketPause  *pauses,
              guint              n_pauses)
{
  GHashTable *dates = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_pauses; i++)
    {
      GDate first, last;
      guint days = 0;

      if (pauses[i].end <= pauses[i].start)
        continue;
      local_date (self, pauses[i].start, &first);
      /* A pause that ends exactly at midnight does not touch the next day. */
      local_date (self, pauses[i].end - 1, &last);
      while (g_date_compare (&first, &last) <= 0 && days++ < MAX_DAYS)
        {
          g_hash_table_add (dates, GUINT_TO_POINTER (g_date_get_julian (&first)));
          g_date_add_days (&first, 1);
        }
    }

  return dates;
}

static void
loket_work_calendar_finalize (GObject *object)
{
  LoketWorkCalendar *self = LOKET_WORK_CALENDAR (object);

  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_clear_pointer (&self->holidays, g_hash_table_unref);
  g_clear_pointer (&self->provisional_years, g_hash_table_unref);

  G_OBJECT_CLASS (loket_work_calendar_parent_class)->finalize (object);
}

static void
loket_work_calendar_class_init (LoketWorkCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = loket_work_calendar_finalize;
}

static void
loket_work_calendar_init (LoketWorkCalendar *self)
{
  self->timezone = office_timezone ();
  self->holidays = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->provisional_years = g_hash_table_new (NULL, NULL);
}

LoketWorkCalendar *
loket_work_calendar_new_from_files (const char *const *paths,
                                    GError           **error)
{
  g_autoptr(LoketWorkCalendar) self = g_object_new (LOKET_TYPE_WORK_CALENDAR, NULL);

  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *basename = g_path_get_basename (paths[i]);
      g_autoptr(GError) local_error = NULL;
      gsize length;

      if (!g_file_get_contents (paths[i], &contents, &length, &local_error))
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, "%s: %s", basename,
                       local_error->message);
          return NULL;
        }
      if (!load_holiday_json (self, basename, contents, length, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

static LoketWorkCalendar *
new_from_directory (const char *dir_path,
                    GError    **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  dir = g_dir_open (dir_path, 0, error);
  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (paths, compare_strings);

  if (paths->len == 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                   _("No holiday files (*.json) in %s"), dir_path);
      return NULL;
    }
  g_ptr_array_add (paths, NULL);

  return loket_work_calendar_new_from_files ((const char *const *) paths->pdata, error);
}

static GHashTable *list_imported (void);

LoketWorkCalendar *
loket_work_calendar_new_default (GError **error)
{
  g_autoptr(LoketWorkCalendar) self = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GHashTable) imported = NULL;
  GHashTableIter iter;
  gpointer value;
  const char *dir;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_getenv ("LOKET_HOLIDAYS_DIR");
  if (dir != NULL && *dir != '\0')
    return new_from_directory (dir, error);

  names = g_resources_enumerate_children (HOLIDAYS_RESOURCE_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                          error);
  if (names == NULL)
    return NULL;
  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);

  self = g_object_new (LOKET_TYPE_WORK_CALENDAR, NULL);
  imported = list_imported ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (HOLIDAYS_RESOURCE_DIR, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      gsize length;
      const char *data;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      if (g_hash_table_contains (imported, names[i]))
        continue; /* the office imported its own file for that year */
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return NULL;
      data = g_bytes_get_data (bytes, &length);
      if (!load_holiday_json (self, names[i], data, length, error))
        return NULL;
    }
  g_hash_table_iter_init (&iter, imported);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (value, &contents, &length, error)
          || !load_holiday_json (self, value, contents, length, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

char *
loket_work_calendar_get_import_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "loket", "holidays", NULL);
}

/* "YYYY.json" → full path of the files an office imported. */
static GHashTable *
list_imported (void)
{
  g_autofree char *dir_path = loket_work_calendar_get_import_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strlen (name) == 9 && g_str_has_suffix (name, ".json") && g_ascii_isdigit (name[0])
        && g_ascii_isdigit (name[1]) && g_ascii_isdigit (name[2]) && g_ascii_isdigit (name[3]))
      g_hash_table_insert (files, g_strdup (name), g_build_filename (dir_path, name, NULL));
  return files;
}

gboolean
loket_work_calendar_import_file (const char *path, int *year, GError **error)
{
  g_autoptr(LoketWorkCalendar) check = g_object_new (LOKET_TYPE_WORK_CALENDAR, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dest = NULL;
  g_autofree char *base = NULL;
  gsize length;
  int first, last;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  base = g_path_get_basename (path);
  if (length > 1024 * 1024)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("“%s” is too large for a holiday file"), base);
      return FALSE;
    }
  if (!load_holiday_json (check, base, contents, length, error))
    return FALSE;
  loket_work_calendar_get_range (check, &first, &last);
  if (first != last || first < 2000 || first > 2100)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("“%s” must hold the holidays of one year"), base);
      return FALSE;
    }
  dir = loket_work_calendar_get_import_dir ();
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _("Could not create the folder “%s”: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  name = g_strdup_printf ("%04d.json", first);
  dest = g_build_filename (dir, name, NULL);
  if (!g_file_set_contents (dest, contents, length, error))
    return FALSE;
  if (year != NULL)
    *year = first;
  return TRUE;
}

GTimeZone *
loket_work_calendar_get_timezone (LoketWorkCalendar *self)
{
  g_return_val_if_fail (LOKET_IS_WORK_CALENDAR (self), NULL);

  return self->timezone;
}

const char *
loket_work_calendar_get_holiday (LoketWorkCalendar *self,
                                 GDate             *date)
{
  g_return_val_if_fail (LOKET_IS_WORK_CALENDAR (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_hash_table_lookup (self->holidays, GUINT_TO_POINTER (g_date_get_julian (date)));
}

gboolean
loket_work_calendar_is_working_day (LoketWorkCalendar *self,
                                    GDate             *date)
{
  GDateWeekday weekday;

  g_return_val_if_fail (LOKET_IS_WORK_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  weekday = g_date_get_weekday (date);
  if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
    return FALSE;
  return !g_hash_table_contains (self->holidays, GUINT_TO_POINTER (g_date_get_julian (date)));
}

void
loket_work_calendar_get_range (LoketWorkCalendar *self,
                               int               *first_year,
                               int               *last_year)
{
  g_return_if_fail (LOKET_IS_WORK_CALENDAR (self));

  if (first_year != NULL)
    *first_year = self->first_year;
  if (last_year != NULL)
    *last_year = self->last_year;
}

gboolean
loket_work_calendar_year_is_provisional (LoketWorkCalendar *self,
                                         int                year)
{
  g_return_val_if_fail (LOKET_IS_WORK_CALENDAR (self), FALSE);

  return g_hash_table_contains (self->provisional_years, GINT_TO_POINTER (year));
}

static gint64
working_days_deadline (LoketWorkCalendar *self,
                       gint64             start,
                       guint              n_days,
                       const LoketPause  *pauses,
                       guint              n_pauses)
{
  g_autoptr(GHashTable) paused = paused_dates (self, pauses, n_pauses);
  GDate date;
  guint counted = 0;

  local_date (self, start, &date);
  for (guint walked = 0; counted < n_days && walked < MAX_DAYS; walked++)
    {
      g_date_add_days (&date, 1);
      if (loket_work_calendar_is_working_day (self, &date)
          && !g_hash_table_contains (paused, GUINT_TO_POINTER (g_date_get_julian (&date))))
        counted++;
    }

  return end_of_day (self, &date);
}

static gint64
calendar_deadline (LoketWorkCalendar *self,
                   gint64             start,
                   guint              amount,
                   LoketSlaUnit       unit,
                   const LoketPause  *pauses,
                   guint              n_pauses)
{
  g_autoptr(GHashTable) paused = paused_dates (self, pauses, n_pauses);
  GDate date, pause_from;

  local_date (self, start, &date);
  switch (unit)
    {
    case LOKET_SLA_UNIT_DAY:
      g_date_add_days (&date, amount);
      break;
    case LOKET_SLA_UNIT_WEEK:
      g_date_add_days (&date, amount * 7);
      break;
    case LOKET_SLA_UNIT_MONTH:
      g_date_add_months (&date, amount);
      break;
    case LOKET_SLA_UNIT_YEAR:
      g_date_add_years (&date, amount);
      break;
    case LOKET_SLA_UNIT_MINUTE:
    case LOKET_SLA_UNIT_HOUR:
    case LOKET_SLA_UNIT_LESSON_HOUR:
    case LOKET_SLA_UNIT_WORKING_DAY:
    case LOKET_SLA_UNIT_UNSPECIFIED:
    default:
      g_assert_not_reached ();
    }

  /* Each date touched by a pause after the start day adds one day; days added this way can
   * themselves be paused, so walk forward day by day. */
  local_date (self, start, &pause_from);
  for (guint walked = 0; walked < MAX_DAYS; walked++)
    {
      g_date_add_days (&pause_from, 1);
      if (g_date_compare (&pause_from, &date) > 0)
        break;
      if (g_hash_table_contains (paused, GUINT_TO_POINTER (g_date_get_julian (&pause_from))))
        g_date_add_days (&date, 1);
    }

  return end_of_day (self, &date);
}

gint64
loket_work_calendar_deadline (LoketWorkCalendar *self,
                              gint64             start,
                              double             value,
                              LoketSlaUnit       unit,
                              const LoketPause  *pauses,
                              guint              n_pauses)
{
  double amount;

  g_return_val_if_fail (LOKET_IS_WORK_CALENDAR (self), 0);
  g_return_val_if_fail (pauses != NULL || n_pauses == 0, 0);

  if (unit == LOKET_SLA_UNIT_UNSPECIFIED)
    return 0;

  /* An open pause: the clock is stopped and nobody knows until when, so there is no deadline. */
  for (guint i = 0; i < n_pauses; i++)
    if (pauses[i].end == 0)
      return 0;

  /* Values come from catalog files: clamp instead of trusting them. */
  amount = isfinite (value) && value > 0 ? value : 0;
  switch (unit)
    {
    case LOKET_SLA_UNIT_MINUTE:
      return elapsed_deadline (start, (gint64) llround (MIN (amount, 1e8) * 60), pauses,
                               n_pauses);
    case LOKET_SLA_UNIT_HOUR:
      return elapsed_deadline (start, (gint64) llround (MIN (amount, 1e7) * 3600), pauses,
                               n_pauses);
    case LOKET_SLA_UNIT_LESSON_HOUR:
      return elapsed_deadline (start, (gint64) llround (MIN (amount, 1e7) * 45 * 60), pauses,
                               n_pauses);
    case LOKET_SLA_UNIT_WORKING_DAY:
      return working_days_deadline (self, start, (guint) ceil (MIN (amount, MAX_DAYS)), pauses,
                                    n_pauses);
    case LOKET_SLA_UNIT_DAY:
    case LOKET_SLA_UNIT_WEEK:
    case LOKET_SLA_UNIT_MONTH:
    case LOKET_SLA_UNIT_YEAR:
      return calendar_deadline (self, start, (guint) ceil (MIN (amount, 1000)), unit, pauses,
                                n_pauses);
    case LOKET_SLA_UNIT_UNSPECIFIED:
    default:
      return 0;
    }
}

/* Working days in the local dates (@from, @to], @from < @to. */
static int
count_working_days (LoketWorkCalendar *self,
                    const GDate       *from,
                    const GDate       *to)
{
  GDate date = *from;
  int count = 0;

  for (guint walked = 0; walked < MAX_DAYS && g_date_compare (&date, to) < 0; walked++)
    {
      g_date_add_days (&date, 1);
      if (loket_work_calendar_is_working_day (self, &date))
        count++;
    }
  return count;
}

int
loket_work_calendar_working_days_left (LoketWorkCalendar *self,
                                       gint64             now,
                                       gint64             deadline)
{
  GDate today, last_day;

  g_return_val_if_fail (LOKET_IS_WORK_CALENDAR (self), 0);

  if (deadline == 0)
    return G_MAXINT;

  local_date (self, now, &today);
  local_date (self, deadline, &last_day);

  if (now > deadline)
    {
      /* Late: never 0, even on a weekend right after the deadline. */
      int late = g_date_compare (&today, &last_day) > 0
                   ? count_working_days (self, &last_day, &today)
                   : 0;
      return -MAX (late, 1);
    }

  if (g_date_compare (&today, &last_day) >= 0)
    return 0;
  return count_working_days (self, &today, &last_day);
}
