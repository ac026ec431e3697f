// SPDX-License-Identifier: GPL-3.0-or-later
// Printing a PDF the app made (receipt, return notice, letter drafts): GtkPrintOperation drawing
// poppler pages, on the document's own paper size by default.

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "loket-pdf-print.h"

static void
begin_print_cb (GtkPrintOperation *operation, GtkPrintContext *context, PopplerDocument *document)
{
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (document));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PopplerDocument   *document)
{
  PopplerPage *page = poppler_document_get_page (document, page_nr); /* no autoptr in 22.12 */
  cairo_t     *cr = gtk_print_context_get_cairo_context (context);
  double       page_width;
  double       page_height;
  double       scale;

  if (page == NULL)
    return;

  /* Fit the page (points) into the printable area (the context's units), keeping its shape. */
  poppler_page_get_size (page, &page_width, &page_height);
  scale = MIN (gtk_print_context_get_width (context) / page_width,
               gtk_print_context_get_height (context) / page_height);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
  g_object_unref (page);
}

static void
operation_done_cb (GtkPrintOperation *operation, GtkPrintOperationResult result, gpointer data)
{
  /* The reference loket_pdf_print() kept while the dialog and the job were running. */
  g_object_unref (operation);
}

/* An operation that prints @pdf's pages; NULL when @pdf cannot be read. */
static GtkPrintOperation *
new_operation (GBytes *pdf, const char *job_name, GError **error)
{
  GtkPrintOperation *operation;
  PopplerDocument   *document;

  document = poppler_document_new_from_bytes (pdf, NULL, error);
  if (document == NULL)
    return NULL;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, job_name);
  /* The paper of the document's first page (F4 letters, A4 receipts) is the default. */
  if (poppler_document_get_n_pages (document) > 0)
    {
      PopplerPage *page = poppler_document_get_page (document, 0); /* no autoptr in 22.12 */
      double       width, height;

      poppler_page_get_size (page, &width, &height);
      g_object_unref (page);
      if (width > 0 && height > 0)
        {
          g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
          g_autoptr (GtkPaperSize) paper = NULL;
          g_autofree char *name = g_strdup_printf ("loket_%.0fx%.0fpt", width, height);

          paper = gtk_paper_size_new_custom (name, name, width, height, GTK_UNIT_POINTS);
          gtk_page_setup_set_paper_size (setup, paper);
          gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                                : GTK_PAGE_ORIENTATION_PORTRAIT);
          gtk_print_operation_set_default_page_setup (operation, setup);
        }
    }
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* The handlers keep the document until the operation is done. */
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (begin_print_cb),
                         g_object_ref (document), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), document,
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return operation;
}

gboolean
loket_pdf_print (GtkWindow *parent, GBytes *pdf, const char *job_name, GError **error)
{
  GtkPrintOperation      *operation;
  GtkPrintOperationResult result;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), FALSE);
  g_return_val_if_fail (pdf != NULL, FALSE);

  operation = new_operation (pdf, job_name, error);
  if (operation == NULL)
    return FALSE;

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (operation_done_cb), NULL);
  result
    = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
  /* "done" comes later for a job still running; otherwise it has come or never will. */
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    {
      g_signal_handlers_disconnect_by_func (operation, operation_done_cb, NULL);
      g_object_unref (operation);
    }
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

gboolean
loket_pdf_print_export (GBytes *pdf, const char *path, GError **error)
{
  g_autoptr (GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (pdf != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  operation = new_operation (pdf, path, error);
  if (operation == NULL)
    return FALSE;
  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}
