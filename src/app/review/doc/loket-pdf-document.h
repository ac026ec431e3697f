// SPDX-License-Identifier: GPL-3.0-or-later
// A document to review: a PDF (poppler-glib) or a PNG/JPEG image shown as a one-page document.
// GTK-free. Every poppler call takes the document's lock; the review pane opens documents with
// loket_render_queue_load_async, so that its render worker is the only thread that ever calls
// poppler (loket-render-queue.h).
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define LOKET_DOC_ERROR (loket_doc_error_quark ())

typedef enum
{
  LOKET_DOC_ERROR_CORRUPT,        /* not a PDF/PNG/JPEG, or a PDF poppler cannot read */
  LOKET_DOC_ERROR_TRUNCATED,      /* a PDF whose end is missing (no %%EOF) */
  LOKET_DOC_ERROR_NEEDS_PASSWORD, /* encrypted: ask for the password, then load again with it */
  LOKET_DOC_ERROR_BAD_PASSWORD,   /* encrypted and the given password does not open it */
  LOKET_DOC_ERROR_PAGE,           /* a page number outside the document */
} LoketDocError;

GQuark loket_doc_error_quark (void);

typedef enum
{
  LOKET_DOC_KIND_PDF,
  LOKET_DOC_KIND_IMAGE,
} LoketDocKind;

/* A rectangle on a page in PDF points, origin at the top left of the unrotated page. */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} LoketDocRect;

#define LOKET_TYPE_PDF_DOCUMENT (loket_pdf_document_get_type ())

G_DECLARE_FINAL_TYPE (LoketPdfDocument, loket_pdf_document, LOKET, PDF_DOCUMENT, GObject)

/* Blocking (worker threads and tests). @password may be NULL. */
LoketPdfDocument *loket_pdf_document_new_from_bytes (GBytes        *bytes,
                                                     const char    *password,
                                                     GError       **error) G_GNUC_WARN_UNUSED_RESULT;
LoketPdfDocument *loket_pdf_document_new_from_file  (GFile         *file,
                                                     const char    *password,
                                                     GCancellable  *cancellable,
                                                     GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* Reads (@file) or takes (@bytes; exactly one of the two) and parses in a thread. */
void              loket_pdf_document_load_async     (GBytes              *bytes,
                                                     GFile               *file,
                                                     const char          *password,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
LoketPdfDocument *loket_pdf_document_load_finish    (GAsyncResult        *result,
                                                     GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Any thread: fixed at load time, no lock needed. */
LoketDocKind loket_pdf_document_get_kind      (LoketPdfDocument *self);
guint        loket_pdf_document_get_n_pages   (LoketPdfDocument *self);
/* Size of @page in points, unrotated. */
void         loket_pdf_document_get_page_size (LoketPdfDocument *self,
                                               guint             page,
                                               double           *width,
                                               double           *height);
/* The document's bytes as loaded. (transfer none) */
GBytes      *loket_pdf_document_get_bytes     (LoketPdfDocument *self);

/* ---- Worker side: these call poppler (under the document's lock) ------------------------- */

/* @page drawn at @scale (pixels per point) turned clockwise by @rotation (0, 90, 180, 270) on
 * white: an ARGB32 image surface. Checks @cancellable before and after drawing. */
cairo_surface_t *loket_pdf_document_render_page     (LoketPdfDocument *self,
                                                     guint             page,
                                                     double            scale,
                                                     int               rotation,
                                                     GCancellable     *cancellable,
                                                     GError          **error) G_GNUC_WARN_UNUSED_RESULT;
/* Places of @text on @page, ignoring case and diacritics ("kepala" finds "Képala").
 * (element LoketDocRect) */
GArray          *loket_pdf_document_find_text       (LoketPdfDocument *self,
                                                     guint             page,
                                                     const char       *text) G_GNUC_WARN_UNUSED_RESULT;
/* The text a drag from the top left to the bottom right corner of @area selects, in reading
 * order ("" when none). */
char            *loket_pdf_document_get_text        (LoketPdfDocument   *self,
                                                     guint               page,
                                                     const LoketDocRect *area) G_GNUC_WARN_UNUSED_RESULT;
/* The rectangles of the glyphs that drag selects, for drawing it. (element LoketDocRect) */
GArray          *loket_pdf_document_get_selection   (LoketPdfDocument   *self,
                                                     guint               page,
                                                     const LoketDocRect *area) G_GNUC_WARN_UNUSED_RESULT;
/* Validates every signature (loket-signature-info.h). (element LoketSignatureInfo) */
GPtrArray       *loket_pdf_document_get_signatures  (LoketPdfDocument *self,
                                                     GCancellable     *cancellable,
                                                     GError          **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
