// SPDX-License-Identifier: GPL-3.0-or-later
// Service performance report: figures per service, unit, officer and complaint channel.
#include "config.h"

#include "loket-report.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "loket-agency.h"
#include "loket-case.h"
#include "loket-error.h"
#include "loket-service.h"

static const char *const month_names[]
  = { "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
      "Juli",    "Agustus",  "September", "Oktober", "November", "Desember" };

static char *format_date (const GDate *date);

/* ---- Tables ------------------------------------------------------------------------------- */

static void
row_free (gpointer data)
{
  LoketReportRow *row = data;

  g_free (row->key);
  g_strfreev (row->labels);
  g_free (row->values);
  g_free (row);
}

static void
table_free (gpointer data)
{
  LoketReportTable *table = data;

  g_free (table->id);
  g_free (table->title);
  g_strfreev (table->label_headings);
  g_strfreev (table->value_headings);
  g_free (table->decimals);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

static LoketReportTable *
table_new (const char        *id,
           const char        *title,
           const char *const *label_headings,
           const char *const *value_headings,
           const guint       *decimals)
{
  LoketReportTable *table = g_new0 (LoketReportTable, 1);

  table->id = g_strdup (id);
  table->title = g_strdup (title);
  table->label_headings = g_strdupv ((char **) label_headings);
  table->value_headings = g_strdupv ((char **) value_headings);
  table->n_labels = g_strv_length (table->label_headings);
  table->n_values = g_strv_length (table->value_headings);
  table->decimals = g_memdup2 (decimals, sizeof (guint) * table->n_values);
  table->rows = g_ptr_array_new_with_free_func (row_free);
  return table;
}

static LoketReportRow *
table_add_row (LoketReportTable *table, const char *key)
{
  LoketReportRow *row = g_new0 (LoketReportRow, 1);

  row->key = g_strdup (key);
  row->labels = g_new0 (char *, table->n_labels + 1);
  row->values = g_new0 (double, table->n_values);
  g_ptr_array_add (table->rows, row);
  return row;
}

static int
compare_rows_by_label (gconstpointer a, gconstpointer b)
{
  const LoketReportRow *ra = *(LoketReportRow *const *) a;
  const LoketReportRow *rb = *(LoketReportRow *const *) b;

  for (guint i = 0; ra->labels[i] != NULL && rb->labels[i] != NULL; i++)
    {
      int c = g_utf8_collate (ra->labels[i], rb->labels[i]);

      if (c != 0)
        return c;
    }
  return strcmp (ra->key, rb->key);
}

/* ---- Figures ------------------------------------------------------------------------------ */

typedef struct
{
  guint   received;
  guint   completed;
  guint   completed_with_deadline;
  guint   within_sla;
  guint   open_now;
  guint   late_now;
  GArray *days; /* double: working days to complete */
} Tally;

static Tally *
tally_new (void)
{
  Tally *t = g_new0 (Tally, 1);

  t->days = g_array_new (FALSE, FALSE, sizeof (double));
  return t;
}

static void
tally_free (gpointer data)
{
  Tally *t = data;

  g_array_unref (t->days);
  g_free (t);
}

static Tally *
tally_for (GHashTable *tallies, const char *key)
{
  Tally *t = g_hash_table_lookup (tallies, key);

  if (t == NULL)
    {
      t = tally_new ();
      g_hash_table_insert (tallies, g_strdup (key), t);
    }
  return t;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median_of (GArray *days)
{
  guint n = days->len;

  if (n == 0)
    return NAN;
  g_array_sort (days, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (days, double, n / 2);
  return (g_array_index (days, double, n / 2 - 1) + g_array_index (days, double, n / 2)) / 2.0;
}

static double
p90_of (GArray *days)
{
  guint n = days->len, rank;

  if (n == 0)
    return NAN;
  g_array_sort (days, compare_doubles);
  rank = (guint) ceil (0.9 * n);
  return g_array_index (days, double, MAX (rank, 1) - 1);
}

static double
percent (guint part, guint whole)
{
  return whole == 0 ? NAN : 100.0 * part / whole;
}

static void
local_date (LoketWorkCalendar *calendar, gint64 t, GDate *date)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);
  g_autoptr (GDateTime) local
    = g_date_time_to_timezone (dt, loket_work_calendar_get_timezone (calendar));

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

/* Unix s of 00:00 local time on @date. */
static gint64
local_midnight (LoketWorkCalendar *calendar, const GDate *date)
{
  g_autoptr (GDateTime) dt
    = g_date_time_new (loket_work_calendar_get_timezone (calendar), g_date_get_year (date),
                       g_date_get_month (date), g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (dt);
}

/* Working dates in (start date, end date], leaving out dates touched by a pause. */
static double
working_days_to_complete (LoketWorkCalendar *calendar, gint64 start, gint64 end, GArray *pauses)
{
  GDate d, last;
  guint n = 0;

  if (end <= start)
    return 0;
  local_date (calendar, start, &d);
  local_date (calendar, end, &last);
  for (g_date_add_days (&d, 1); g_date_compare (&d, &last) <= 0; g_date_add_days (&d, 1))
    {
      gboolean paused = FALSE;

      if (!loket_work_calendar_is_working_day (calendar, &d))
        continue;
      for (guint i = 0; pauses != NULL && i < pauses->len && !paused; i++)
        {
          const LoketPause *p = &g_array_index (pauses, LoketPause, i);
          gint64            ps = MAX (p->start, start), pe = p->end == 0 ? end : MIN (p->end, end);
          GDate             a, b;

          if (pe < ps)
            continue;
          local_date (calendar, ps, &a);
          local_date (calendar, pe, &b);
          paused = g_date_compare (&a, &d) <= 0 && g_date_compare (&d, &b) <= 0;
        }
      if (!paused)
        n++;
    }
  return n;
}

static gint64
clock_start (LoketCase *kase, LoketService *service)
{
  const LoketSlaClause *clause
    = service != NULL ? loket_service_get_deadline_clause (service, loket_case_get_channel (kase))
                      : NULL;

  if (clause != NULL && clause->clock_start == LOKET_SLA_START_COMPLETE
      && loket_case_get_complete_at (kase) > 0)
    return loket_case_get_complete_at (kase);
  return loket_case_get_received_at (kase);
}

static gboolean
is_complaint_service (const char *service_id)
{
  const char *slash = service_id != NULL ? strchr (service_id, '/') : NULL;

  return slash != NULL && g_str_has_prefix (slash + 1, "pengaduan");
}

const char *
loket_report_channel_label (const char *channel)
{
  static const struct
  {
    const char *id, *label;
  } labels[] = {
    { "tatap_muka", "Tatap muka" },   { "surat", "Surat" },       { "sp4n_lapor", "SP4N-LAPOR!" },
    { "kotak_saran", "Kotak saran" }, { "email", "Surel" },       { "telepon", "Telepon" },
    { "online", "Daring" },           { "website", "Situs web" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (channel, labels[i].id) == 0)
      return labels[i].label;
  return channel != NULL ? channel : "-";
}

const char *
loket_report_outcome_label (const char *outcome)
{
  if (outcome == NULL)
    return "Dalam proses";
  if (strcmp (outcome, "selesai") == 0)
    return "Selesai ditindaklanjuti";
  if (strcmp (outcome, "tidak_ditindaklanjuti") == 0)
    return "Tidak dapat ditindaklanjuti";
  if (strcmp (outcome, "dirujuk") == 0)
    return "Dirujuk ke instansi lain";
  return outcome;
}

static void
fill_tally_row (LoketReportRow *row, Tally *t)
{
  row->values[LOKET_REPORT_SERVICE_RECEIVED] = t->received;
  row->values[LOKET_REPORT_SERVICE_COMPLETED] = t->completed;
  row->values[LOKET_REPORT_SERVICE_WITHIN_SLA] = t->within_sla;
  row->values[LOKET_REPORT_SERVICE_SLA_PERCENT]
    = percent (t->within_sla, t->completed_with_deadline);
  row->values[LOKET_REPORT_SERVICE_LATE_NOW] = t->late_now;
  row->values[LOKET_REPORT_SERVICE_MEDIAN_DAYS] = median_of (t->days);
  row->values[LOKET_REPORT_SERVICE_P90_DAYS] = p90_of (t->days);
}

static char *
officer_name (LoketOrgChart *org, const char *position_id)
{
  g_autoptr (GPtrArray) holders
    = org != NULL ? loket_org_chart_get_holders (org, position_id) : NULL;
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; holders != NULL && i < holders->len; i++)
    {
      const LoketPerson *p = g_ptr_array_index (holders, i);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, p->name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* @name, with " (<agency short name>)" when @several; ids start with "<agency>/". */
static char *
with_agency (LoketServiceCatalog *catalog, gboolean several, const char *name, const char *id)
{
  g_autofree char *agency_id = NULL;
  const char      *slash = strchr (id, '/');
  LoketAgency     *agency;

  if (!several || slash == NULL || catalog == NULL)
    return g_strdup (name);
  agency_id = g_strndup (id, slash - id);
  agency = loket_service_catalog_lookup_agency (catalog, agency_id);
  if (agency == NULL)
    return g_strdup (name);
  return g_strdup_printf ("%s (%s)", name,
                          loket_agency_get_short_name (agency) != NULL
                            ? loket_agency_get_short_name (agency)
                            : agency_id);
}

LoketReport *
loket_report_compute (const LoketReportParams *params,
                      GPtrArray               *cases,
                      GHashTable              *outcomes,
                      LoketServiceCatalog     *catalog,
                      LoketOrgChart           *org,
                      LoketWorkCalendar       *calendar,
                      GError                 **error)
{
  static const char *const service_labels[] = { "Layanan", NULL };
  static const char *const service_values[]
    = { "Diterima",           "Selesai",           "Selesai tepat waktu",     "Tepat waktu (%)",
        "Terlambat saat ini", "Median hari kerja", "Persentil 90 hari kerja", NULL };
  static const guint       service_decimals[] = { 0, 0, 0, 1, 0, 1, 1 };
  static const char *const unit_labels[] = { "Unit kerja", NULL };
  static const char *const unit_values[]
    = { "Diterima",           "Selesai", "Tepat waktu (%)", "Dalam proses saat ini",
        "Terlambat saat ini", NULL };
  static const guint       unit_decimals[] = { 0, 0, 1, 0, 0 };
  static const char *const officer_labels[] = { "Jabatan", "Pejabat/pegawai", NULL };
  static const char *const officer_values[] = { "Berkas dipegang", "Terlambat", NULL };
  static const guint       officer_decimals[] = { 0, 0 };
  static const char *const complaint_labels[] = { "Saluran", "Hasil penanganan", NULL };
  static const char *const complaint_values[] = { "Jumlah", NULL };
  static const guint       complaint_decimals[] = { 0 };
  g_autoptr (LoketReport) report = NULL;
  g_autoptr (GHashTable) by_service = NULL, by_unit = NULL, by_officer = NULL, complaints = NULL;
  g_autoptr (GHashTable) unit_names = NULL;
  g_autoptr (GHashTable) agencies = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean          several;
  Tally            *total;
  LoketReportTable *table;
  gint64            period_start, period_end;
  GHashTableIter    iter;
  gpointer          key, value;

  g_return_val_if_fail (params != NULL && cases != NULL && calendar != NULL, NULL);

  if (!g_date_valid (&params->from) || !g_date_valid (&params->to))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("The report period needs a valid start and end date"));
      return NULL;
    }
  if (g_date_compare (&params->from, &params->to) > 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("The start of the report period is after its end"));
      return NULL;
    }

  {
    GDate after = params->to;

    g_date_add_days (&after, 1);
    period_start = local_midnight (calendar, &params->from);
    period_end = local_midnight (calendar, &after); /* exclusive */
  }

  by_service = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, tally_free);
  by_unit = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, tally_free);
  by_officer = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, tally_free);
  complaints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  unit_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  total = tally_new ();

  for (guint i = 0; i < cases->len; i++)
    {
      LoketCase    *kase = g_ptr_array_index (cases, i);
      const char   *service_id = loket_case_get_service_id (kase);
      LoketService *service = NULL;
      const char   *unit_key;
      gint64        received = loket_case_get_received_at (kase);
      gint64        closed = loket_case_get_closed_at (kase);
      gint64        due = loket_case_get_due_at (kase);
      gboolean      is_open = loket_case_get_status (kase) != LOKET_CASE_STATUS_CLOSED;
      gboolean      in_received = received >= period_start && received < period_end;
      gboolean      in_completed = !is_open && closed >= period_start && closed < period_end;
      gboolean      open_now = is_open && received < period_end && received <= params->now;
      gboolean      late_now = open_now && due > 0 && due < params->now;
      Tally        *tallies[3] = { NULL, NULL, total };

      if (service_id == NULL)
        continue;
      if (params->agency_id != NULL
          && g_strcmp0 (loket_case_get_agency_id (kase), params->agency_id) != 0)
        continue;
      if (params->service_id != NULL && strcmp (service_id, params->service_id) != 0)
        continue;
      if (!in_received && !in_completed && !open_now)
        continue;

      service = catalog != NULL ? loket_service_catalog_lookup (catalog, service_id) : NULL;
      if (loket_case_get_agency_id (kase) != NULL)
        g_hash_table_add (agencies, (gpointer) loket_case_get_agency_id (kase));
      {
        const char      *unit_id = loket_case_get_unit_id (kase);
        const LoketUnit *division
          = org != NULL && unit_id != NULL ? loket_org_chart_get_division (org, unit_id) : NULL;
        const LoketUnit *unit
          = org != NULL && unit_id != NULL ? loket_org_chart_lookup_unit (org, unit_id) : NULL;

        if (division == NULL)
          division = unit;
        unit_key = division != NULL ? division->id : (unit_id != NULL ? unit_id : "");
        if (!g_hash_table_contains (unit_names, unit_key))
          g_hash_table_insert (
            unit_names, g_strdup (unit_key),
            g_strdup (division != NULL ? division->name : (unit_id != NULL ? unit_id : "-")));
      }
      tallies[0] = tally_for (by_service, service_id);
      tallies[1] = tally_for (by_unit, unit_key);

      for (guint k = 0; k < G_N_ELEMENTS (tallies); k++)
        {
          Tally *t = tallies[k];

          if (in_received)
            t->received++;
          if (open_now)
            t->open_now++;
          if (late_now)
            t->late_now++;
          if (in_completed)
            {
              t->completed++;
              if (due > 0)
                {
                  t->completed_with_deadline++;
                  if (closed <= due)
                    t->within_sla++;
                }
            }
        }
      if (in_completed)
        {
          double days = working_days_to_complete (calendar, clock_start (kase, service), closed,
                                                  loket_case_get_pauses (kase));

          for (guint k = 0; k < G_N_ELEMENTS (tallies); k++)
            g_array_append_val (tallies[k]->days, days);
        }

      if (open_now && loket_case_get_holder (kase) != NULL)
        {
          Tally *t = tally_for (by_officer, loket_case_get_holder (kase));

          t->open_now++;
          if (late_now)
            t->late_now++;
        }

      if (in_received && is_complaint_service (service_id))
        {
          const char      *outcome = is_open || outcomes == NULL
                                       ? NULL
                                       : g_hash_table_lookup (outcomes, loket_case_get_uuid (kase));
          g_autofree char *ckey = g_strdup_printf ("%s/%s", loket_case_get_channel (kase),
                                                   is_open ? "-" : (outcome ? outcome : "selesai"));
          guint            n = GPOINTER_TO_UINT (g_hash_table_lookup (complaints, ckey));

          g_hash_table_insert (complaints, g_steal_pointer (&ckey), GUINT_TO_POINTER (n + 1));
        }
    }

  report = g_new0 (LoketReport, 1);
  g_atomic_ref_count_init (&report->ref_count);
  report->title = g_strdup ("Laporan Kinerja Pelayanan");
  report->from = params->from;
  report->to = params->to;
  report->now = params->now;
  {
    g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (params->now);
    g_autoptr (GDateTime) local
      = g_date_time_to_timezone (utc, loket_work_calendar_get_timezone (calendar));

    report->as_of = g_date_time_format_iso8601 (local);
    local_date (calendar, params->now, &report->as_of_date);
  }
  report->tables = g_ptr_array_new_with_free_func (table_free);
  if (params->agency_id != NULL && org != NULL)
    report->agency_name = g_strdup (loket_org_chart_get_agency_name (org, params->agency_id));
  if (report->agency_name == NULL && params->agency_id != NULL && catalog != NULL)
    {
      LoketAgency *agency = loket_service_catalog_lookup_agency (catalog, params->agency_id);

      if (agency != NULL)
        report->agency_name = g_strdup (loket_agency_get_name (agency));
    }

  /* Over several agencies, names repeat ("Sekretariat"): they get the agency's short name. */
  several = g_hash_table_size (agencies) > 1;

  /* Per service, then a total row. */
  table = table_new ("services", "Kinerja per layanan", service_labels, service_values,
                     service_decimals);
  g_hash_table_iter_init (&iter, by_service);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      LoketService *service = catalog != NULL ? loket_service_catalog_lookup (catalog, key) : NULL;
      LoketReportRow *row = table_add_row (table, key);

      row->labels[0] = with_agency (catalog, several,
                                    service != NULL ? loket_service_get_name (service) : key, key);
      fill_tally_row (row, value);
    }
  g_ptr_array_sort (table->rows, compare_rows_by_label);
  {
    LoketReportRow *row = table_add_row (table, "");

    row->labels[0] = g_strdup ("Jumlah");
    fill_tally_row (row, total);
  }
  g_ptr_array_add (report->tables, table);

  /* Per unit (Bidang, Sekretariat, UPTD). */
  table = table_new ("units", "Kinerja per bidang", unit_labels, unit_values, unit_decimals);
  g_hash_table_iter_init (&iter, by_unit);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Tally          *t = value;
      LoketReportRow *row = table_add_row (table, key);

      row->labels[0] = with_agency (catalog, several, g_hash_table_lookup (unit_names, key), key);
      row->values[0] = t->received;
      row->values[1] = t->completed;
      row->values[2] = percent (t->within_sla, t->completed_with_deadline);
      row->values[3] = t->open_now;
      row->values[4] = t->late_now;
    }
  g_ptr_array_sort (table->rows, compare_rows_by_label);
  g_ptr_array_add (report->tables, table);

  /* Per officer (the position holding open cases). */
  table = table_new ("officers", "Beban kerja per pejabat/pegawai", officer_labels, officer_values,
                     officer_decimals);
  g_hash_table_iter_init (&iter, by_officer);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Tally               *t = value;
      const LoketPosition *pos = org != NULL ? loket_org_chart_lookup_position (org, key) : NULL;
      LoketReportRow      *row = table_add_row (table, key);

      row->labels[0] = with_agency (catalog, several, pos != NULL ? pos->title : key, key);
      row->labels[1] = officer_name (org, key);
      row->values[0] = t->open_now;
      row->values[1] = t->late_now;
    }
  g_ptr_array_sort (table->rows, compare_rows_by_label);
  g_ptr_array_add (report->tables, table);

  /* Complaints by channel and outcome. */
  table = table_new ("complaints", "Pengaduan menurut saluran dan hasil penanganan",
                     complaint_labels, complaint_values, complaint_decimals);
  g_hash_table_iter_init (&iter, complaints);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto (GStrv) parts = g_strsplit (key, "/", 2);
      LoketReportRow *row = table_add_row (table, key);

      row->labels[0] = g_strdup (loket_report_channel_label (parts[0]));
      row->labels[1]
        = g_strdup (loket_report_outcome_label (g_strcmp0 (parts[1], "-") == 0 ? NULL : parts[1]));
      row->values[0] = GPOINTER_TO_UINT (value);
    }
  g_ptr_array_sort (table->rows, compare_rows_by_label);
  g_ptr_array_add (report->tables, table);

  tally_free (total);
  return g_steal_pointer (&report);
}

LoketReport *
loket_report_ref (LoketReport *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
loket_report_free (LoketReport *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->title);
  g_free (self->agency_name);
  g_free (self->as_of);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_free (self);
}

const LoketReportTable *
loket_report_get_table (LoketReport *self, const char *id)
{
  for (guint i = 0; i < self->tables->len; i++)
    {
      LoketReportTable *table = g_ptr_array_index (self->tables, i);

      if (g_strcmp0 (table->id, id) == 0)
        return table;
    }
  return NULL;
}

const LoketReportRow *
loket_report_table_lookup (const LoketReportTable *table, const char *key)
{
  for (guint i = 0; table != NULL && i < table->rows->len; i++)
    {
      LoketReportRow *row = g_ptr_array_index (table->rows, i);

      if (g_strcmp0 (row->key, key) == 0)
        return row;
    }
  return NULL;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%d %s %d", g_date_get_day (date),
                          month_names[g_date_get_month (date) - 1], g_date_get_year (date));
}

char *
loket_report_format_as_of (LoketReport *self)
{
  return format_date (&self->as_of_date);
}

char *
loket_report_format_period (LoketReport *self)
{
  g_autofree char *from = format_date (&self->from);
  g_autofree char *to = format_date (&self->to);

  return g_strdup_printf ("%s s.d. %s", from, to);
}

char *
loket_report_format_value (const LoketReportTable *table, guint column, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  if (isnan (value))
    return g_strdup ("");
  g_snprintf (format, sizeof format, "%%.%uf", MIN (table->decimals[column], 6u));
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}

static void
cell_free (gpointer data)
{
  LoketReportCell *cell = data;

  g_free (cell->text);
  g_free (cell);
}

static void
add_text (GPtrArray *row, const char *text)
{
  LoketReportCell *cell = g_new0 (LoketReportCell, 1);

  cell->text = g_strdup (text != NULL ? text : "");
  g_ptr_array_add (row, cell);
}

static GPtrArray *
new_row (GPtrArray *rows)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (cell_free);

  g_ptr_array_add (rows, row);
  return row;
}

GPtrArray *
loket_report_to_cells (LoketReport *self)
{
  GPtrArray       *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *period = loket_report_format_period (self);
  GPtrArray       *row;

  row = new_row (rows);
  add_text (row, self->title);
  if (self->agency_name != NULL)
    {
      row = new_row (rows);
      add_text (row, self->agency_name);
    }
  row = new_row (rows);
  add_text (row, "Periode");
  add_text (row, period);
  row = new_row (rows);
  add_text (row, "Keadaan per");
  add_text (row, self->as_of);
  new_row (rows);

  for (guint t = 0; t < self->tables->len; t++)
    {
      LoketReportTable *table = g_ptr_array_index (self->tables, t);

      row = new_row (rows);
      add_text (row, table->title);
      row = new_row (rows);
      for (guint i = 0; i < table->n_labels; i++)
        add_text (row, table->label_headings[i]);
      for (guint i = 0; i < table->n_values; i++)
        add_text (row, table->value_headings[i]);
      for (guint r = 0; r < table->rows->len; r++)
        {
          LoketReportRow *rrow = g_ptr_array_index (table->rows, r);

          row = new_row (rows);
          for (guint i = 0; i < table->n_labels; i++)
            add_text (row, rrow->labels[i]);
          for (guint i = 0; i < table->n_values; i++)
            {
              LoketReportCell *cell = g_new0 (LoketReportCell, 1);

              cell->text = loket_report_format_value (table, i, rrow->values[i]);
              cell->is_number = !isnan (rrow->values[i]);
              cell->number = cell->is_number ? g_ascii_strtod (cell->text, NULL) : 0;
              cell->decimals = table->decimals[i];
              g_ptr_array_add (row, cell);
            }
        }
      new_row (rows);
    }
  return rows;
}

static void
append_csv_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
loket_report_to_csv (LoketReport *self)
{
  g_autoptr (GPtrArray) rows = loket_report_to_cells (self);
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          LoketReportCell *cell = g_ptr_array_index (row, c);

          if (c > 0)
            g_string_append_c (out, ',');
          append_csv_field (out, cell->text);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}
