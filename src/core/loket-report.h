// SPDX-License-Identifier: GPL-3.0-or-later
// Service performance report (laporan kinerja pelayanan): figures per service, unit, officer and
// complaint channel over a period, counted in working days. Tables of labels and numbers that the
// exporters (CSV here, XLSX and PDF in src/letters) and the app's report view all read.
#pragma once

#include <glib.h>

#include "loket-org-chart.h"
#include "loket-service-catalog.h"
#include "loket-work-calendar.h"

G_BEGIN_DECLS

/* What a report covers. Dates are local dates of the office (the calendar's time zone), both
 * inclusive. */
typedef struct
{
  GDate       from;
  GDate       to;
  gint64      now;        /* Unix s: "late now" and "open now" are counted at this time */
  const char *agency_id;  /* NULL: every agency */
  const char *service_id; /* NULL: every service */
} LoketReportParams;

/* One row: label cells then numbers. A value of NAN has no figure (e.g. SLA % without a case
 * that had a deadline) and is written as an empty cell. */
typedef struct
{
  char   *key;    /* service id, unit id, position id, "channel/outcome", or "" for a total */
  char  **labels; /* n_labels strings */
  double *values; /* n_values numbers */
} LoketReportRow;

typedef struct
{
  char       *id;             /* "services", "units", "officers", "complaints" */
  char       *title;          /* heading of the table (Indonesian: reports are official) */
  guint       n_labels;
  guint       n_values;
  char      **label_headings; /* n_labels */
  char      **value_headings; /* n_values */
  guint      *decimals;       /* n_values: digits after the point when written */
  GPtrArray  *rows;           /* LoketReportRow */
} LoketReportTable;

typedef struct
{
  char      *title;        /* "Laporan Kinerja Pelayanan" */
  char      *agency_name;  /* NULL when the report covers several agencies */
  GDate      from;
  GDate      to;
  gint64     now;
  char      *as_of;        /* @now in the office's time zone, ISO 8601 with its offset */
  GDate      as_of_date;   /* the local date of @now (the date under the signature) */
  GPtrArray *tables;       /* LoketReportTable: services, units, officers, complaints */
  /* < private > */
  gatomicrefcount ref_count;
} LoketReport;

/* Value columns of the "services" table. */
enum
{
  LOKET_REPORT_SERVICE_RECEIVED,
  LOKET_REPORT_SERVICE_COMPLETED,
  LOKET_REPORT_SERVICE_WITHIN_SLA,
  LOKET_REPORT_SERVICE_SLA_PERCENT,
  LOKET_REPORT_SERVICE_LATE_NOW,
  LOKET_REPORT_SERVICE_MEDIAN_DAYS,
  LOKET_REPORT_SERVICE_P90_DAYS,
  LOKET_REPORT_SERVICE_N_VALUES,
};

/* Computes the report.
 * @cases: (element-type LoketCase) every case the store holds (the filters are applied here);
 * @outcomes: case uuid → outcome string of its case.closed event (may be NULL).
 * Definitions (also printed in the PDF):
 * - received: received_at within the period; completed: closed_at within the period;
 * - within SLA: completed with a deadline (due_at > 0) and closed_at <= due_at; SLA % is
 *   within / completed-with-a-deadline × 100;
 * - late now / open now: open at @now (not closed), received before the end of the period, and
 *   (late) past its deadline at @now;
 * - working days to complete: local working dates after the clock-start date up to and
 *   including the closing date, leaving out every date touched by a pause of the clock; the clock
 *   starts at complete_at for a clause that starts "when complete" (else at received_at).
 *   Median: the middle value (mean of the two middle ones); 90th percentile: nearest rank
 *   (the ⌈0.9·n⌉-th smallest).
 * - complaints: cases of services whose id is "<agency>/pengaduan…", received within the
 *   period, by channel and outcome ("dalam proses" while open).
 * LOKET_ERROR_INVALID_DATA if @from is after @to or a date is invalid. */
LoketReport *loket_report_compute (const LoketReportParams *params,
                                   GPtrArray               *cases,
                                   GHashTable              *outcomes,
                                   LoketServiceCatalog     *catalog,
                                   LoketOrgChart           *org,
                                   LoketWorkCalendar       *calendar,
                                   GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
/* A report is immutable once made; it is reference counted so a worker can write it out while
 * the window moves on. loket_report_free drops one reference. */
LoketReport *loket_report_ref     (LoketReport *self);
void         loket_report_free    (LoketReport *self);

const LoketReportTable *loket_report_get_table (LoketReport *self,
                                                const char  *id);
/* The row with @key, or NULL. */
const LoketReportRow   *loket_report_table_lookup (const LoketReportTable *table,
                                                   const char             *key);

/* "5 Januari 2027": the local date the figures are as of. */
char        *loket_report_format_as_of  (LoketReport *self) G_GNUC_WARN_UNUSED_RESULT;
/* "1 Januari 2026 s.d. 31 Maret 2026". */
char        *loket_report_format_period (LoketReport *self) G_GNUC_WARN_UNUSED_RESULT;
/* One value as written in every export: "" for NAN, else with the column's decimals
 * (a '.' as decimal point). */
char        *loket_report_format_value  (const LoketReportTable *table,
                                         guint                   column,
                                         double                  value) G_GNUC_WARN_UNUSED_RESULT;

/* The whole report as CSV (RFC 4180, UTF-8, CRLF): a title block, then each table as its title
 * line, heading line, rows and an empty line. The XLSX export writes the same cells. */
char        *loket_report_to_csv        (LoketReport *self) G_GNUC_WARN_UNUSED_RESULT;

/* The layout the CSV and XLSX share: rows of cells. A cell is text, or a number when
 * is_number (then text holds it formatted). */
typedef struct
{
  char    *text;
  double   number;
  gboolean is_number;
  guint    decimals;
} LoketReportCell;

/* (transfer full) GPtrArray of GPtrArray of LoketReportCell; an empty row is an empty array. */
GPtrArray   *loket_report_to_cells      (LoketReport *self) G_GNUC_WARN_UNUSED_RESULT;

/* Display names used in the complaint table. */
const char  *loket_report_channel_label (const char *channel);
const char  *loket_report_outcome_label (const char *outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketReport, loket_report_free)

G_END_DECLS
