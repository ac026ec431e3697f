// SPDX-License-Identifier: GPL-3.0-or-later
// loket-cli report on a generated database: every figure equals one recomputed here from the raw
// events (read with plain SQL, folded with separate simple code); the XLSX matches the CSV; the
// PDF carries the figures.
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <string.h>

#include "loket-service-catalog.h"
#include "loket-service.h"
#include "loket-test-utils.h"
#include "loket-work-calendar.h"

#define AGENCY "dinsos-ntt"
#define FROM "2026-01-01"
#define TO "2026-09-30"
#define NOW "2026-10-01T16:00:00+08:00"

static char *tmpdir;
static char *db;

/* ---- The independent fold ------------------------------------------------------------------ */

typedef struct
{
  char   *service;
  char   *channel;
  gint64  received, complete, closed;
  char   *outcome;
  GArray *pauses; /* LoketPause */
} RawCase;

static void
raw_case_free (gpointer data)
{
  RawCase *c = data;

  g_free (c->service);
  g_free (c->channel);
  g_free (c->outcome);
  g_array_unref (c->pauses);
  g_free (c);
}

static gint64
iso (JsonObject *body, const char *member)
{
  const char *text = json_object_get_string_member_with_default (body, member, NULL);
  g_autoptr (GDateTime) dt = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static gboolean
clock_running (RawCase *c, const LoketSlaClause *clause)
{
  if (clause == NULL)
    return FALSE;
  return clause->clock_start == LOKET_SLA_START_RECEIPT
         || (clause->clock_start == LOKET_SLA_START_COMPLETE && c->complete != 0);
}

static void
end_pause (RawCase *c, gint64 at)
{
  if (c->pauses->len > 0 && g_array_index (c->pauses, LoketPause, c->pauses->len - 1).end == 0)
    g_array_index (c->pauses, LoketPause, c->pauses->len - 1).end = at;
}

static void
start_pause (RawCase *c, gint64 at)
{
  LoketPause p = { at, 0 };

  if (c->pauses->len > 0 && g_array_index (c->pauses, LoketPause, c->pauses->len - 1).end == 0)
    return;
  g_array_append_val (c->pauses, p);
}

/* case uuid → RawCase, from `SELECT … FROM events` in projection order. */
static GHashTable *
read_raw_cases (LoketServiceCatalog *catalog)
{
  GHashTable *cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, raw_case_free);
  g_autoptr (JsonParser) parser = json_parser_new ();
  sqlite3      *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db, &sql, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (sql,
                                       "SELECT case_uuid, type, body FROM events "
                                       "ORDER BY case_uuid, hlc, uuid",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char           *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char           *type = (const char *) sqlite3_column_text (stmt, 1);
      JsonObject           *body;
      RawCase              *c = g_hash_table_lookup (cases, uuid);
      const LoketSlaClause *clause = NULL;

      g_assert_true (json_parser_load_from_data (
        parser, (const char *) sqlite3_column_text (stmt, 2), -1, NULL));
      body = json_node_get_object (json_parser_get_root (parser));
      if (strcmp (type, "case.registered") == 0)
        {
          if (c != NULL)
            continue;
          c = g_new0 (RawCase, 1);
          c->service = g_strdup (json_object_get_string_member (body, "service"));
          c->channel = g_strdup (json_object_get_string_member (body, "channel"));
          c->received = iso (body, "received_at");
          c->pauses = g_array_new (FALSE, FALSE, sizeof (LoketPause));
          g_hash_table_insert (cases, g_strdup (uuid), c);
          continue;
        }
      g_assert_nonnull (c);
      if (c->closed != 0)
        continue; /* closing is final */
      clause = loket_service_get_deadline_clause (
        loket_service_catalog_lookup (catalog, c->service), c->channel);
      if (strcmp (type, "case.declared_complete") == 0)
        {
          gint64 at = iso (body, "at");

          if (c->complete == 0)
            c->complete = at;
          end_pause (c, at);
        }
      else if (strcmp (type, "case.returned") == 0)
        {
          if (clock_running (c, clause))
            start_pause (c, iso (body, "at"));
        }
      else if (strcmp (type, "case.paused") == 0)
        start_pause (c, iso (body, "at"));
      else if (strcmp (type, "case.resumed") == 0)
        end_pause (c, iso (body, "at"));
      else if (strcmp (type, "case.closed") == 0)
        {
          c->closed = iso (body, "at");
          c->outcome = g_strdup (json_object_get_string_member (body, "outcome"));
          end_pause (c, c->closed);
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (sql);
  return cases;
}

static gint64
clock_of (RawCase *c, const LoketSlaClause *clause)
{
  if (clause != NULL && clause->clock_start == LOKET_SLA_START_COMPLETE)
    return c->complete;
  return c->received;
}

static gint64
due_of (RawCase *c, LoketServiceCatalog *catalog, LoketWorkCalendar *cal)
{
  const LoketSlaClause *clause = loket_service_get_deadline_clause (
    loket_service_catalog_lookup (catalog, c->service), c->channel);
  g_autoptr (GArray) pauses = g_array_new (FALSE, FALSE, sizeof (LoketPause));
  gint64 start;

  if (clause == NULL || clause->unit == LOKET_SLA_UNIT_UNSPECIFIED
      || clause->clock_start == LOKET_SLA_START_EVENT)
    return 0;
  start = clock_of (c, clause);
  if (start == 0)
    return 0;
  for (guint i = 0; i < c->pauses->len; i++)
    {
      LoketPause p = g_array_index (c->pauses, LoketPause, i);

      p.start = MAX (p.start, start);
      g_array_append_val (pauses, p);
    }
  return loket_work_calendar_deadline (cal, start, clause->value_max, clause->unit,
                                       (LoketPause *) pauses->data, pauses->len);
}

static void
local_day (gint64 t, GDate *d)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (dt, tz);

  g_date_set_dmy (d, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

/* Working dates after the start date up to the closing date, minus dates a pause touched. */
static double
days_to_complete (RawCase *c, LoketServiceCatalog *catalog, LoketWorkCalendar *cal)
{
  const LoketSlaClause *clause = loket_service_get_deadline_clause (
    loket_service_catalog_lookup (catalog, c->service), c->channel);
  gint64 start = clause != NULL && clause->clock_start == LOKET_SLA_START_COMPLETE && c->complete
                   ? c->complete
                   : c->received;
  g_autoptr (GHashTable) paused = g_hash_table_new (g_direct_hash, g_direct_equal);
  GDate  day, last;
  double n = 0;

  for (guint i = 0; i < c->pauses->len; i++)
    {
      LoketPause p = g_array_index (c->pauses, LoketPause, i);
      GDate      a, b;

      p.start = MAX (p.start, start);
      p.end = MIN (p.end, c->closed);
      if (p.end < p.start)
        continue;
      g_date_clear (&a, 1);
      g_date_clear (&b, 1);
      local_day (p.start, &a);
      local_day (p.end, &b);
      for (; g_date_compare (&a, &b) <= 0; g_date_add_days (&a, 1))
        g_hash_table_add (paused, GUINT_TO_POINTER (g_date_get_julian (&a)));
    }
  g_date_clear (&day, 1);
  g_date_clear (&last, 1);
  local_day (start, &day);
  local_day (c->closed, &last);
  while (g_date_compare (&day, &last) < 0)
    {
      g_date_add_days (&day, 1);
      if (loket_work_calendar_is_working_day (cal, &day)
          && !g_hash_table_contains (paused, GUINT_TO_POINTER (g_date_get_julian (&day))))
        n++;
    }
  return n;
}

typedef struct
{
  guint   received, completed, with_deadline, within, late;
  GArray *days;
} Expect;

static void
expect_free (gpointer data)
{
  Expect *e = data;

  g_array_unref (e->days);
  g_free (e);
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *v)
{
  if (v->len == 0)
    return NAN;
  g_array_sort (v, cmp_double);
  return v->len % 2
           ? g_array_index (v, double, v->len / 2)
           : (g_array_index (v, double, v->len / 2 - 1) + g_array_index (v, double, v->len / 2))
               / 2;
}

static double
p90 (GArray *v)
{
  guint k;

  if (v->len == 0)
    return NAN;
  g_array_sort (v, cmp_double);
  /* nearest rank: the smallest value with at least 90 % of the values at or below it */
  for (k = 1; k * 10 < v->len * 9; k++)
    ;
  return g_array_index (v, double, k - 1);
}

/* ---- CSV ----------------------------------------------------------------------------------- */

static GPtrArray *
parse_csv_line (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  GString   *cell = g_string_new (NULL);
  gboolean   quoted = FALSE;

  for (const char *p = line; *p; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (cell, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (cell, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (cells, g_string_free (cell, FALSE));
          cell = g_string_new (NULL);
        }
      else
        g_string_append_c (cell, *p);
    }
  g_ptr_array_add (cells, g_string_free (cell, FALSE));
  return cells;
}

/* The rows of the table titled @title: label (first cell) → cells. */
static GHashTable *
csv_table (const char *csv, const char *title, guint n_labels)
{
  GHashTable *rows
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  g_auto (GStrv) lines = g_strsplit (csv, "\r\n", -1);
  guint i = 0;

  while (lines[i] != NULL && strcmp (lines[i], title) != 0)
    i++;
  g_assert_nonnull (lines[i]);
  for (i += 2; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      GPtrArray       *cells = parse_csv_line (lines[i]);
      g_autofree char *key = n_labels == 2 ? g_strdup_printf ("%s|%s", (char *) cells->pdata[0],
                                                              (char *) cells->pdata[1])
                                           : g_strdup (cells->pdata[0]);

      g_hash_table_insert (rows, g_steal_pointer (&key), cells);
    }
  return rows;
}

static void
assert_cell (GPtrArray *cells, guint index, double expected, const char *what)
{
  const char *text = g_ptr_array_index (cells, index);

  if (isnan (expected))
    {
      g_assert_cmpstr (text, ==, "");
      return;
    }
  if (fabs (g_ascii_strtod (text, NULL) - expected) > 0.051)
    g_error ("%s, column %u: report says %s, recomputed %.3f", what, index, text, expected);
}

/* ---- Tests --------------------------------------------------------------------------------- */

static void
test_report_figures (void)
{
  g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (NULL);
  g_autoptr (LoketWorkCalendar) cal = loket_work_calendar_new_default (NULL);
  g_autoptr (GHashTable) raw = NULL;
  g_autoptr (GHashTable) expect
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, expect_free);
  g_autoptr (GHashTable) complaints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) services = NULL;
  g_autoptr (GHashTable) complaint_rows = NULL;
  g_autoptr (GDateTime) now_dt = g_date_time_new_from_iso8601 (NOW, NULL);
  g_autoptr (GDateTime) from_dt = g_date_time_new_from_iso8601 (FROM "T00:00:00+08:00", NULL);
  g_autoptr (GDateTime) end_dt = g_date_time_new_from_iso8601 ("2026-10-01T00:00:00+08:00", NULL);
  g_autofree char *csv = NULL;
  g_auto (LoketCliRun) r = { 0 };
  gint64         now = g_date_time_to_unix (now_dt), from = g_date_time_to_unix (from_dt);
  gint64         end = g_date_time_to_unix (end_dt);
  Expect        *total;
  GHashTableIter iter;
  gpointer       key, value;
  guint          n_late = 0, n_within = 0, n_complaint_outcomes = 0;

  loket_test_run_cliv (&r, "report", "--db", db, "--from", FROM, "--to", TO, "--now", NOW,
                       "--agency", AGENCY, "-o", "-", NULL);
  g_assert_cmpint (r.status, ==, 0);
  csv = g_strdup (r.out);
  g_assert_true (g_str_has_prefix (csv, "Laporan Kinerja Pelayanan\r\n"));

  raw = read_raw_cases (catalog);
  g_assert_cmpuint (g_hash_table_size (raw), >, 500);
  total = g_new0 (Expect, 1);
  total->days = g_array_new (FALSE, FALSE, sizeof (double));
  g_hash_table_insert (expect, g_strdup ("Jumlah"), total);
  g_hash_table_iter_init (&iter, raw);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RawCase      *c = value;
      LoketService *service = loket_service_catalog_lookup (catalog, c->service);
      const char   *name = loket_service_get_name (service);
      gint64        due = due_of (c, catalog, cal);
      gboolean      in_received = c->received >= from && c->received < end;
      gboolean      in_closed = c->closed != 0 && c->closed >= from && c->closed < end;
      gboolean      late = c->closed == 0 && c->received < end && due > 0 && due < now;
      Expect       *e = g_hash_table_lookup (expect, name);
      Expect       *both[2];

      if (!in_received && !in_closed && !late)
        continue;
      if (e == NULL)
        {
          e = g_new0 (Expect, 1);
          e->days = g_array_new (FALSE, FALSE, sizeof (double));
          g_hash_table_insert (expect, g_strdup (name), e);
        }
      both[0] = e;
      both[1] = total;
      for (guint k = 0; k < 2; k++)
        {
          both[k]->received += in_received;
          both[k]->late += late;
          if (in_closed)
            {
              double d = days_to_complete (c, catalog, cal);

              both[k]->completed++;
              both[k]->with_deadline += due > 0;
              both[k]->within += due > 0 && c->closed <= due;
              g_array_append_val (both[k]->days, d);
            }
        }
      n_late += late;
      n_within += in_closed && due > 0 && c->closed <= due;
      if (in_received && strstr (c->service, "/pengaduan") != NULL)
        {
          const char      *ch = strcmp (c->channel, "tatap_muka") == 0    ? "Tatap muka"
                                : strcmp (c->channel, "surat") == 0       ? "Surat"
                                : strcmp (c->channel, "sp4n_lapor") == 0  ? "SP4N-LAPOR!"
                                : strcmp (c->channel, "kotak_saran") == 0 ? "Kotak saran"
                                                                          : c->channel;
          const char      *out = c->closed == 0                           ? "Dalam proses"
                                 : g_strcmp0 (c->outcome, "selesai") == 0 ? "Selesai ditindaklanjuti"
                                 : g_strcmp0 (c->outcome, "dirujuk") == 0 ? "Dirujuk ke instansi lain"
                                 : g_strcmp0 (c->outcome, "tidak_ditindaklanjuti") == 0
                                   ? "Tidak dapat ditindaklanjuti"
                                   : c->outcome;
          g_autofree char *k = g_strdup_printf ("%s|%s", ch, out);
          guint            n = GPOINTER_TO_UINT (g_hash_table_lookup (complaints, k));

          g_hash_table_insert (complaints, g_steal_pointer (&k), GUINT_TO_POINTER (n + 1));
        }
    }
  /* The demo must give the report something to say. */
  g_assert_cmpuint (n_late, >, 0);
  g_assert_cmpuint (n_within, >, 0);

  services = csv_table (csv, "Kinerja per layanan", 1);
  g_assert_cmpuint (g_hash_table_size (services), ==, g_hash_table_size (expect));
  g_hash_table_iter_init (&iter, expect);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Expect    *e = value;
      GPtrArray *cells = g_hash_table_lookup (services, key);

      if (cells == NULL)
        g_error ("No report row for %s", (char *) key);
      g_assert_cmpuint (cells->len, ==, 8);
      assert_cell (cells, 1, e->received, key);
      assert_cell (cells, 2, e->completed, key);
      assert_cell (cells, 3, e->within, key);
      assert_cell (cells, 4, e->with_deadline ? 100.0 * e->within / e->with_deadline : NAN, key);
      assert_cell (cells, 5, e->late, key);
      assert_cell (cells, 6, median (e->days), key);
      assert_cell (cells, 7, p90 (e->days), key);
    }

  complaint_rows = csv_table (csv, "Pengaduan menurut saluran dan hasil penanganan", 2);
  g_assert_cmpuint (g_hash_table_size (complaint_rows), ==, g_hash_table_size (complaints));
  g_hash_table_iter_init (&iter, complaints);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *cells = g_hash_table_lookup (complaint_rows, key);

      if (cells == NULL)
        g_error ("No complaint row for %s", (char *) key);
      assert_cell (cells, 2, GPOINTER_TO_UINT (value), key);
      if (strstr (key, "Dalam proses") == NULL && strstr (key, "Selesai") == NULL)
        n_complaint_outcomes++;
    }
  /* Complaints end in more than one way. */
  g_assert_cmpuint (n_complaint_outcomes, >, 0);
}

static void
test_xlsx_matches_csv (void)
{
  static const char *const script
    = "import csv, sys, openpyxl\n"
      "ws = openpyxl.load_workbook(sys.argv[1])['Laporan']\n"
      "xs = [list(r) for r in ws.iter_rows(values_only=True)]\n"
      "cs = list(csv.reader(open(sys.argv[2], newline='', encoding='utf-8')))\n"
      "def trim(r):\n"
      "    while r and r[-1] in (None, ''): r.pop()\n"
      "    return r\n"
      "xs = [trim(r) for r in xs]; cs = [trim(r) for r in cs]\n"
      "while len(xs) < len(cs) and not cs[len(xs)]: xs.append([])\n"
      "assert len(xs) == len(cs), (len(xs), len(cs))\n"
      "for i, (x, c) in enumerate(zip(xs, cs)):\n"
      "    assert len(x) == len(c), (i, x, c)\n"
      "    for a, b in zip(x, c):\n"
      "        if isinstance(a, (int, float)):\n"
      "            assert abs(a - float(b)) < 1e-9, (i, a, b)\n"
      "        else:\n"
      "            assert (a or '') == b, (i, a, b)\n"
      "print(len(cs))\n";
  g_autofree char *xlsx = g_build_filename (tmpdir, "r.xlsx", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "r.csv", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_auto (LoketCliRun) a = { 0 };
  g_auto (LoketCliRun) b = { 0 };
  g_autoptr (GError) error = NULL;
  /* Debian's python3 (python3-openpyxl), not one a developer put first on PATH. */
  const char *argv[] = { "/usr/bin/python3", "-c", script, xlsx, csv, NULL };
  int         status;

  loket_test_run_cliv (&a, "report", "--db", db, "--from", FROM, "--to", TO, "--now", NOW,
                       "--format", "xlsx", "-o", xlsx, NULL);
  g_assert_cmpint (a.status, ==, 0);
  loket_test_run_cliv (&b, "report", "--db", db, "--from", FROM, "--to", TO, "--now", NOW,
                       "--format", "csv", "-o", csv, NULL);
  g_assert_cmpint (b.status, ==, 0);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("XLSX differs from CSV: %s", err);
  g_assert_cmpint (atoi (out), >, 40);
}

static void
test_pdf (void)
{
  g_autofree char *pdf = g_build_filename (tmpdir, "r.pdf", NULL);
  g_autofree char *out = NULL;
  g_auto (LoketCliRun) a = { 0 };
  g_auto (LoketCliRun) b = { 0 };
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int         status;

  loket_test_run_cliv (&b, "office", "--db", db, "--set", "letterhead", "--value",
                       "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR\nDINAS UJI COBA", NULL);
  g_assert_cmpint (b.status, ==, 0);
  loket_test_run_cliv (&a, "report", "--db", db, "--from", FROM, "--to", TO, "--now", NOW,
                       "--agency", AGENCY, "--format", "pdf", "-o", pdf, NULL);
  g_assert_cmpint (a.status, ==, 0);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "DINAS UJI COBA"));
  g_assert_nonnull (strstr (out, "LAPORAN KINERJA PELAYANAN"));
  g_assert_nonnull (strstr (out, "Periode 1 Januari 2026 s.d. 30 September 2026"));
  g_assert_nonnull (strstr (out, "Pengaduan menurut saluran dan hasil penanganan"));
  g_assert_nonnull (strstr (out, "Jumlah"));
}

static void
test_bad_input (void)
{
  g_auto (LoketCliRun) a = { 0 };
  g_auto (LoketCliRun) b = { 0 };
  g_auto (LoketCliRun) c = { 0 };

  loket_test_run_cliv (&a, "report", "--db", db, "--from", "2026-09-30", "--to", "2026-01-01", "-o",
                       "-", NULL);
  g_assert_cmpint (a.status, ==, 1);
  g_assert_nonnull (strstr (a.err, "after its end"));
  loket_test_run_cliv (&b, "report", "--db", db, "--from", "2026-02-30", "--to", "2026-03-01", "-o",
                       "-", NULL);
  g_assert_cmpint (b.status, ==, 2);
  g_assert_nonnull (strstr (b.err, "YYYY-MM-DD"));
  loket_test_run_cliv (&c, "report", "--db", db, "--from", FROM, "--to", TO, "--format", "doc",
                       "-o", "-", NULL);
  g_assert_cmpint (c.status, ==, 2);
}

/* The office profile: checked on the way in, then carried by the letters made from the database. */
static void
test_office_profile_in_letters (void)
{
  /* A 1 × 1 PNG. */
  static const guchar png[]
    = { 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
        0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
        0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
        0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99,
        0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82 };
  g_autofree char *logo = g_build_filename (tmpdir, "logo.png", NULL);
  g_autofree char *fake = g_build_filename (tmpdir, "logo-fake.png", NULL);
  g_autofree char *receipt = g_build_filename (tmpdir, "receipt.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_auto (LoketCliRun) seven = { 0 };
  g_auto (LoketCliRun) nip = { 0 };
  g_auto (LoketCliRun) bad_logo = { 0 };
  g_auto (LoketCliRun) good_logo = { 0 };
  g_auto (LoketCliRun) kop = { 0 };
  g_auto (LoketCliRun) cases = { 0 };
  g_auto (LoketCliRun) rc = { 0 };
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "pdftotext", receipt, "-", NULL };
  const char *case_uuid;
  int         status;

  loket_test_run_cliv (&seven, "office", "--db", db, "--set", "letterhead", "--value",
                       "1\n2\n3\n4\n5\n6\n7", NULL);
  g_assert_cmpint (seven.status, ==, 1);
  g_assert_nonnull (strstr (seven.err, "at most 6"));
  loket_test_run_cliv (&nip, "office", "--db", db, "--set", "head_nip", "--value", "1234", NULL);
  g_assert_cmpint (nip.status, ==, 1);
  g_assert_nonnull (strstr (nip.err, "18 digits"));
  g_assert_true (g_file_set_contents (fake, "not an image", -1, NULL));
  loket_test_run_cliv (&bad_logo, "office", "--db", db, "--logo", fake, NULL);
  g_assert_cmpint (bad_logo.status, ==, 1);
  g_assert_nonnull (strstr (bad_logo.err, "must be a PNG"));
  g_assert_true (g_file_set_contents (logo, (const char *) png, sizeof png, NULL));
  loket_test_run_cliv (&good_logo, "office", "--db", db, "--logo", logo, NULL);
  g_assert_cmpint (good_logo.status, ==, 0);
  g_assert_nonnull (strstr (good_logo.out, "logo: PNG"));
  loket_test_run_cliv (&kop, "office", "--db", db, "--set", "letterhead", "--value",
                       "PEMERINTAH PROVINSI UJI\nDINAS UJI COBA\nJalan Percobaan Nomor 9", NULL);
  g_assert_cmpint (kop.status, ==, 0);

  loket_test_run_cliv (&cases, "cases", "--db", db, "--json", "--limit", "1", NULL);
  g_assert_cmpint (cases.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, cases.out, -1, NULL));
  case_uuid = json_object_get_string_member (
    json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases"),
      0),
    "uuid");
  loket_test_run_cliv (&rc, "receipt", "--db", db, "--case", case_uuid, "-o", receipt, NULL);
  g_assert_cmpint (rc.status, ==, 0);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "PEMERINTAH PROVINSI UJI"));
  g_assert_nonnull (strstr (text, "DINAS UJI COBA"));
  g_assert_nonnull (strstr (text, "Jalan Percobaan Nomor 9"));
  /* The kop is exactly the office's: not the catalog's contact line. */
  g_assert_null (strstr (text, "Telepon"));
}

/* A register's own number format (Preferences → Numbering) is used when numbering. */
static void
test_own_number_format (void)
{
  g_autoptr (GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (today));
  g_autofree char *expected = g_strdup_printf ("400.9/007/DINSOS-UJI/%s\n", year);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_auto (LoketCliRun) bad = { 0 };
  g_auto (LoketCliRun) own = { 0 };
  g_auto (LoketCliRun) lease = { 0 };
  g_auto (LoketCliRun) cases = { 0 };
  g_auto (LoketCliRun) number = { 0 };
  const char *case_uuid;

  loket_test_run_cliv (&bad, "office", "--db", db, "--register", "dinsos-ntt/surat-keluar",
                       "--template", "400.9/{nomor}/DINSOS", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  loket_test_run_cliv (&own, "office", "--db", db, "--register", "dinsos-ntt/surat-keluar",
                       "--template", "400.9/{urut:3}/DINSOS-UJI/{tahun}", NULL);
  g_assert_cmpint (own.status, ==, 0);
  loket_test_run_cliv (&lease, "lease", "--db", db, "--agency", AGENCY, "--register",
                       "surat-keluar", "--year", year, "--from", "7", "--to", "9", NULL);
  g_assert_cmpint (lease.status, ==, 0);
  loket_test_run_cliv (&cases, "cases", "--db", db, "--json", "--limit", "1", NULL);
  g_assert_true (json_parser_load_from_data (parser, cases.out, -1, NULL));
  case_uuid = json_object_get_string_member (
    json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases"),
      0),
    "uuid");
  loket_test_run_cliv (&number, "number", "--db", db, "--case", case_uuid, "--letter",
                       "surat-uji-1", "--register", "surat-keluar", NULL);
  if (number.status != 0)
    g_error ("number: %s", number.err);
  g_assert_cmpstr (number.out, ==, expected);
}

int
main (int argc, char **argv)
{
  g_auto (LoketCliRun) r = { 0 };
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("loket-report-XXXXXX", NULL);
  db = g_build_filename (tmpdir, "loket.db", NULL);
  loket_test_run_cliv (&r, "demo", "--db", db, "--cases", "1500", "--seed", "11", "--agency",
                       AGENCY, "--now", "2026-10-01", "-q", NULL);
  g_assert_cmpint (r.status, ==, 0);

  g_test_add_func ("/loket/cli/report/figures-equal-raw-events", test_report_figures);
  g_test_add_func ("/loket/cli/report/xlsx-matches-csv", test_xlsx_matches_csv);
  g_test_add_func ("/loket/cli/report/pdf", test_pdf);
  g_test_add_func ("/loket/cli/report/bad-input", test_bad_input);
  g_test_add_func ("/loket/cli/office/profile-in-letters", test_office_profile_in_letters);
  g_test_add_func ("/loket/cli/office/own-number-format", test_own_number_format);
  status = g_test_run ();
  loket_test_remove_tree (tmpdir);
  return status;
}
