// SPDX-License-Identifier: GPL-3.0-or-later
// The service performance report as an XLSX workbook (libxlsxwriter).
#include "config.h"

#include "loket-report-export.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "loket-error.h"

gboolean
loket_report_write_xlsx (LoketReport *report, const char *path, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *part = NULL;
  lxw_workbook    *workbook;
  lxw_worksheet   *sheet;
  lxw_format      *bold, *decimal1, *integer;
  lxw_error        rc;

  g_return_val_if_fail (report != NULL && path != NULL, FALSE);

  part = g_strconcat (path, ".part", NULL);
  workbook = workbook_new (part);
  if (workbook == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not write “%s”"), path);
      return FALSE;
    }
  sheet = workbook_add_worksheet (workbook, "Laporan");
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  decimal1 = workbook_add_format (workbook);
  format_set_num_format (decimal1, "0.0");
  integer = workbook_add_format (workbook);
  format_set_num_format (integer, "0");
  worksheet_set_column (sheet, 0, 0, 48, NULL);
  worksheet_set_column (sheet, 1, 8, 16, NULL);

  rows = loket_report_to_cells (report);
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          LoketReportCell *cell = g_ptr_array_index (row, c);

          if (cell->is_number)
            worksheet_write_number (sheet, r, c, cell->number,
                                    cell->decimals > 0 ? decimal1 : integer);
          else if (*cell->text != '\0')
            worksheet_write_string (sheet, r, c, cell->text, row->len == 1 ? bold : NULL);
        }
    }
  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR)
    {
      g_unlink (part);
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not write “%s”: %s"), path,
                   lxw_strerror (rc));
      return FALSE;
    }
  if (g_rename (part, path) != 0)
    {
      int saved = errno;

      g_unlink (part);
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not write “%s”: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
