// SPDX-License-Identifier: GPL-3.0-or-later
// Printing a PDF the app made (receipt, return notice, letter drafts): GtkPrintOperation drawing
// poppler pages, on the document's own paper size by default.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Opens the print dialog for @pdf and prints its pages at their size. @job_name names the job.
 * FALSE with an error when @pdf cannot be read. The dialog runs asynchronously. */
gboolean loket_pdf_print (GtkWindow  *parent,
                          GBytes     *pdf,
                          const char *job_name,
                          GError    **error);

/* The same drawing without the dialog, into the PDF file @path (what "Print to File" does); for
 * tests and for checking that the printed pages carry the text. Blocking. */
gboolean loket_pdf_print_export (GBytes     *pdf,
                                 const char *path,
                                 GError    **error);

G_END_DECLS
