// SPDX-License-Identifier: GPL-3.0-or-later
// The service performance report (src/core/loket-report.h) as an XLSX workbook and as a PDF
// document with the office's letterhead (Indonesian: reports are official documents).
#pragma once

#include <gio/gio.h>

#include "loket-report.h"

G_BEGIN_DECLS

/* What the PDF puts around the tables: the kop and the signature block. Every member may be NULL. */
typedef struct
{
  const char *const *letterhead; /* kop lines, the first ones largest (e.g. PEMERINTAH …, DINAS …) */
  GBytes            *logo_png;   /* the office's logo (PNG) at the left of the kop */
  const char        *place;      /* "Kupang" in "Kupang, 5 Januari 2027" */
  const char        *head_title; /* jabatan of the head of office */
  const char        *head_name;
  const char        *head_nip;
} LoketReportPdfOptions;

/* One worksheet "Laporan" holding exactly the cells of loket_report_to_cells (numbers as
 * numbers), so it matches the CSV. */
gboolean loket_report_write_xlsx (LoketReport                 *report,
                                  const char                  *path,
                                  GError                     **error);

/* A4 landscape PDF: kop, title, period, every table (headings repeated on a new page), the
 * definitions of the figures and the signature block. */
GBytes  *loket_report_render_pdf (LoketReport                 *report,
                                  const LoketReportPdfOptions *options,
                                  GError                     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
