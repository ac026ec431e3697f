// SPDX-License-Identifier: GPL-3.0-or-later
// Laporan: the service performance report of a period in a window, with a bar chart drawn with
// Cairo, its tables, and export to CSV, XLSX and PDF.
#pragma once

#include <adwaita.h>

#include "loket-org-chart.h"
#include "loket-report.h"
#include "loket-service-catalog.h"
#include "loket-store.h"
#include "loket-work-calendar.h"

G_BEGIN_DECLS

#define LOKET_TYPE_REPORT_VIEW (loket_report_view_get_type ())

G_DECLARE_FINAL_TYPE (LoketReportView, loket_report_view, LOKET, REPORT_VIEW, AdwWindow)

/* The period starts as 1 January of @now's year up to @now's date; the report is counted at
 * once (in a worker thread). */
LoketReportView *loket_report_view_new        (GtkWindow           *parent,
                                               LoketStore          *store,
                                               LoketServiceCatalog *catalog,
                                               LoketOrgChart       *org,
                                               LoketWorkCalendar   *calendar,
                                               gint64               now) G_GNUC_WARN_UNUSED_RESULT;

/* Sets the period (local dates, inclusive) and counts again. */
void             loket_report_view_set_period (LoketReportView *self,
                                               const GDate     *from,
                                               const GDate     *to);
/* The report shown, or NULL while counting or after an error. (transfer none) */
LoketReport     *loket_report_view_get_report (LoketReportView *self);
gboolean         loket_report_view_is_loading (LoketReportView *self);

/* Writes the report shown to @file as "csv", "xlsx" or "pdf" in a worker thread (what the
 * Export menu does after the file chooser). */
void             loket_report_view_export_async  (LoketReportView     *self,
                                                  const char          *format,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         loket_report_view_export_finish (LoketReportView     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
