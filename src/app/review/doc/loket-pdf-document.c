// SPDX-License-Identifier: GPL-3.0-or-later
// A document to review: a PDF or a PNG/JPEG image as a one-page document.
//
// Images are decoded with gdk-pixbuf: it is a GLib image library, not GTK (it links neither GTK
// nor GDK), and unlike cairo alone it reads JPEG, the format scanners and phones produce.

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "loket-pdf-document.h"
#include "loket-signature-info.h"

/* Largest surface a render may produce (bytes): a page at 400 % on a HiDPI screen fits. */
#define MAX_SURFACE_BYTES (256u * 1024u * 1024u)

/* poppler-glib 22.12 defines no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

struct _LoketPdfDocument
{
  GObject parent_instance;

  GMutex       lock; /* held around every poppler call */
  LoketDocKind kind;
  GBytes      *bytes;

  /* PDF */
  PopplerDocument *poppler;

  /* Image */
  cairo_surface_t *image;
  double           image_dpi;

  /* Fixed at load: (element double) width, height of every page */
  GArray *sizes;
};

G_DEFINE_FINAL_TYPE (LoketPdfDocument, loket_pdf_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (loket - doc - error - quark, loket_doc_error)

static gboolean
has_prefix (GBytes *bytes, const char *magic, gsize len)
{
  gsize         size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return size >= len && memcmp (data, magic, len) == 0;
}

static gboolean
is_pdf (GBytes *bytes)
{
  gsize         size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  /* The header may follow up to 1024 bytes of junk (PDF 32000-1 annex H.3). */
  for (gsize i = 0; i + 5 <= size && i < 1024; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

/* The last 1 KiB of a complete PDF holds "%%EOF". */
static gboolean
has_eof_marker (GBytes *bytes)
{
  gsize         size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize         start = size > 1024 ? size - 1024 : 0;

  for (gsize i = size >= 5 ? size - 5 + 1 : 0; i > start; i--)
    if (memcmp (data + i - 1, "%%EOF", 5) == 0)
      return TRUE;
  return FALSE;
}

static void
add_size (LoketPdfDocument *self, double width, double height)
{
  g_array_append_val (self->sizes, width);
  g_array_append_val (self->sizes, height);
}

static gboolean
load_pdf (LoketPdfDocument *self, const char *password, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  int n_pages;

  if (!has_eof_marker (self->bytes))
    {
      g_set_error (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_TRUNCATED,
                   _ ("The PDF file is incomplete: its end is missing (was the download or copy "
                      "interrupted?)"));
      return FALSE;
    }

  if (password == NULL)
    self->poppler = poppler_document_new_from_bytes (self->bytes, NULL, &local_error);
  else
    {
      /* poppler-glib 22.12's new_from_bytes crashes on a wrong password (a NULL dereference in
       * PDFDoc, reproduced here); its stream loader fails cleanly. */
      g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (self->bytes);

      self->poppler = poppler_document_new_from_stream (
        stream, (goffset) g_bytes_get_size (self->bytes), password, NULL, &local_error);
    }
  if (self->poppler == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        {
          if (password == NULL || *password == '\0')
            g_set_error (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_NEEDS_PASSWORD,
                         _ ("The document is protected by a password"));
          else
            g_set_error (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_BAD_PASSWORD,
                         _ ("The password is not correct"));
        }
      else
        g_set_error (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_CORRUPT,
                     _ ("The PDF file is damaged and cannot be read: %s"), local_error->message);
      return FALSE;
    }

  n_pages = poppler_document_get_n_pages (self->poppler);
  if (n_pages <= 0)
    {
      g_set_error (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_CORRUPT,
                   _ ("The PDF file is damaged: it has no pages"));
      return FALSE;
    }
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (self->poppler, i);
      double width = 0, height = 0;

      if (page != NULL)
        poppler_page_get_size (page, &width, &height);
      if (!(width > 0 && height > 0 && width < 20000 && height < 20000))
        width = 595.28, height = 841.89; /* A4: a page without a usable size */
      add_size (self, width, height);
    }
  return TRUE;
}

/* gdk-pixbuf's RGB(A) → cairo's premultiplied native-endian ARGB32. */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int              width = gdk_pixbuf_get_width (pixbuf);
  int              height = gdk_pixbuf_get_height (pixbuf);
  int              channels = gdk_pixbuf_get_n_channels (pixbuf);
  int              src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8    *src = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  int              stride = cairo_image_surface_get_stride (surface);
  guint8          *dst;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  dst = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    {
      const guint8 *s = src + (gsize) y * src_stride;
      guint32      *d = (guint32 *) (gpointer) (dst + (gsize) y * stride);

      for (int x = 0; x < width; x++, s += channels)
        {
          guint a = channels == 4 ? s[3] : 255;
          guint r = (s[0] * a + 127) / 255, g = (s[1] * a + 127) / 255, b = (s[2] * a + 127) / 255;

          d[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static gboolean
load_image (LoketPdfDocument *self, GError **error)
{
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GdkPixbuf) oriented = NULL;
  GdkPixbuf    *pixbuf;
  const char   *option;
  gsize         size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);

  if (!gdk_pixbuf_loader_write (loader, data, size, &local_error)
      || !gdk_pixbuf_loader_close (loader, &local_error))
    {
      g_set_error (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_CORRUPT,
                   _ ("The image is damaged and cannot be read: %s"), local_error->message);
      return FALSE;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_CORRUPT,
                   _ ("The image is damaged and cannot be read"));
      return FALSE;
    }
  /* Phone photos carry their orientation in EXIF. */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  self->image = surface_from_pixbuf (oriented);
  if (self->image == NULL)
    {
      g_set_error (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_CORRUPT, _ ("The image is too large"));
      return FALSE;
    }

  /* Points from pixels: the resolution the file states, else 150 dpi for scans (wider than
   * 1200 px) and 72 dpi (one pixel, one point) for small pictures. */
  option = gdk_pixbuf_get_option (oriented, "x-dpi");
  self->image_dpi = option != NULL ? g_ascii_strtod (option, NULL) : 0;
  if (!(self->image_dpi >= 30 && self->image_dpi <= 2400))
    self->image_dpi = gdk_pixbuf_get_width (oriented) > 1200 ? 150 : 72;
  add_size (self, gdk_pixbuf_get_width (oriented) * 72.0 / self->image_dpi,
            gdk_pixbuf_get_height (oriented) * 72.0 / self->image_dpi);
  return TRUE;
}

static void
loket_pdf_document_finalize (GObject *object)
{
  LoketPdfDocument *self = LOKET_PDF_DOCUMENT (object);

  g_clear_object (&self->poppler);
  g_clear_pointer (&self->image, cairo_surface_destroy);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->sizes, g_array_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (loket_pdf_document_parent_class)->finalize (object);
}

static void
loket_pdf_document_class_init (LoketPdfDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_pdf_document_finalize;
}

static void
loket_pdf_document_init (LoketPdfDocument *self)
{
  g_mutex_init (&self->lock);
  self->sizes = g_array_new (FALSE, FALSE, sizeof (double));
}

LoketPdfDocument *
loket_pdf_document_new_from_bytes (GBytes *bytes, const char *password, GError **error)
{
  g_autoptr (LoketPdfDocument) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (LOKET_TYPE_PDF_DOCUMENT, NULL);
  self->bytes = g_bytes_ref (bytes);

  if (is_pdf (bytes))
    {
      self->kind = LOKET_DOC_KIND_PDF;
      if (!load_pdf (self, password, error))
        return NULL;
    }
  else if (has_prefix (bytes, "\x89PNG\r\n\x1a\n", 8) || has_prefix (bytes, "\xff\xd8\xff", 3))
    {
      self->kind = LOKET_DOC_KIND_IMAGE;
      if (!load_image (self, error))
        return NULL;
    }
  else
    {
      g_set_error (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_CORRUPT,
                   g_bytes_get_size (bytes) == 0
                     ? _ ("The file is empty")
                     : _ ("The file is not a PDF, PNG or JPEG document"));
      return NULL;
    }
  return g_steal_pointer (&self);
}

LoketPdfDocument *
loket_pdf_document_new_from_file (GFile        *file,
                                  const char   *password,
                                  GCancellable *cancellable,
                                  GError      **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;
  return loket_pdf_document_new_from_bytes (bytes, password, error);
}

typedef struct
{
  GBytes *bytes;
  GFile  *file;
  char   *password;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_object (&data->file);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LoadData         *data = task_data;
  GError           *error = NULL;
  LoketPdfDocument *doc;

  if (data->file != NULL)
    doc = loket_pdf_document_new_from_file (data->file, data->password, cancellable, &error);
  else
    doc = loket_pdf_document_new_from_bytes (data->bytes, data->password, &error);
  if (doc == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, doc, g_object_unref);
}

void
loket_pdf_document_load_async (GBytes             *bytes,
                               GFile              *file,
                               const char         *password,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  LoadData *data;

  g_return_if_fail ((bytes == NULL) != (file == NULL));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_pdf_document_load_async);
  data = g_new0 (LoadData, 1);
  data->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  data->file = file != NULL ? g_object_ref (file) : NULL;
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

LoketPdfDocument *
loket_pdf_document_load_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

LoketDocKind
loket_pdf_document_get_kind (LoketPdfDocument *self)
{
  g_return_val_if_fail (LOKET_IS_PDF_DOCUMENT (self), LOKET_DOC_KIND_PDF);
  return self->kind;
}

guint
loket_pdf_document_get_n_pages (LoketPdfDocument *self)
{
  g_return_val_if_fail (LOKET_IS_PDF_DOCUMENT (self), 0);
  return self->sizes->len / 2;
}

void
loket_pdf_document_get_page_size (LoketPdfDocument *self, guint page, double *width, double *height)
{
  g_return_if_fail (LOKET_IS_PDF_DOCUMENT (self));
  g_return_if_fail (page < self->sizes->len / 2);

  if (width != NULL)
    *width = g_array_index (self->sizes, double, page * 2);
  if (height != NULL)
    *height = g_array_index (self->sizes, double, page * 2 + 1);
}

GBytes *
loket_pdf_document_get_bytes (LoketPdfDocument *self)
{
  g_return_val_if_fail (LOKET_IS_PDF_DOCUMENT (self), NULL);
  return self->bytes;
}

static gboolean
check_page (LoketPdfDocument *self, guint page, GError **error)
{
  if (page < loket_pdf_document_get_n_pages (self))
    return TRUE;
  g_set_error (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_PAGE, _ ("The document has no page %u"),
               page + 1);
  return FALSE;
}

cairo_surface_t *
loket_pdf_document_render_page (LoketPdfDocument *self,
                                guint             page,
                                double            scale,
                                int               rotation,
                                GCancellable     *cancellable,
                                GError          **error)
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           width, height;
  int              pw, ph;

  g_return_val_if_fail (LOKET_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (scale > 0, NULL);

  if (!check_page (self, page, error) || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  rotation = ((rotation % 360) + 360) % 360 / 90 * 90;
  loket_pdf_document_get_page_size (self, page, &width, &height);
  pw = (int) ceil (width * scale - 0.01);
  ph = (int) ceil (height * scale - 0.01);
  if ((guint64) pw * ph * 4 > MAX_SURFACE_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _ ("The page is too large to show at %.0f %%"), scale * 100);
      return NULL;
    }
  if (rotation == 90 || rotation == 270)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, ph, pw);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  switch (rotation)
    {
      case 90:
        cairo_translate (cr, ph, 0);
        break;
      case 180:
        cairo_translate (cr, pw, ph);
        break;
      case 270:
        cairo_translate (cr, 0, pw);
        break;
      default:
        break;
    }
  cairo_rotate (cr, rotation * G_PI / 180.0);
  cairo_scale (cr, scale, scale);

  if (self->kind == LOKET_DOC_KIND_PDF)
    {
      g_mutex_lock (&self->lock);
      {
        g_autoptr (PopplerPage) ppage = poppler_document_get_page (self->poppler, page);

        if (ppage != NULL)
          poppler_page_render (ppage, cr);
      }
      g_mutex_unlock (&self->lock);
    }
  else
    {
      cairo_scale (cr, 72.0 / self->image_dpi, 72.0 / self->image_dpi);
      cairo_set_source_surface (cr, self->image, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_CORRUPT,
                   _ ("Page %u could not be drawn: %s"), page + 1,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

GArray *
loket_pdf_document_find_text (LoketPdfDocument *self, guint page, const char *text)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (LoketDocRect));
  double  height;

  g_return_val_if_fail (LOKET_IS_PDF_DOCUMENT (self), hits);
  g_return_val_if_fail (text != NULL, hits);

  if (self->kind != LOKET_DOC_KIND_PDF || *text == '\0'
      || page >= loket_pdf_document_get_n_pages (self))
    return hits;
  loket_pdf_document_get_page_size (self, page, NULL, &height);

  g_mutex_lock (&self->lock);
  {
    g_autoptr (PopplerPage) ppage = poppler_document_get_page (self->poppler, page);
    GList *matches = NULL;

    if (ppage != NULL)
      matches = poppler_page_find_text_with_options (
        ppage, text, POPPLER_FIND_IGNORE_DIACRITICS | POPPLER_FIND_MULTILINE);
    /* poppler answers with the origin at the bottom left */
    for (GList *l = matches; l != NULL; l = l->next)
      {
        PopplerRectangle *r = l->data;
        LoketDocRect rect = { MIN (r->x1, r->x2), height - MAX (r->y1, r->y2), fabs (r->x2 - r->x1),
                              fabs (r->y2 - r->y1) };

        g_array_append_val (hits, rect);
      }
    g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
  }
  g_mutex_unlock (&self->lock);
  return hits;
}

char *
loket_pdf_document_get_text (LoketPdfDocument *self, guint page, const LoketDocRect *area)
{
  char *text = NULL;

  g_return_val_if_fail (LOKET_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (area != NULL, NULL);

  if (self->kind != LOKET_DOC_KIND_PDF || page >= loket_pdf_document_get_n_pages (self))
    return g_strdup ("");

  g_mutex_lock (&self->lock);
  {
    g_autoptr (PopplerPage) ppage = poppler_document_get_page (self->poppler, page);
    PopplerRectangle rect = { area->x, area->y, area->x + area->width, area->y + area->height };

    if (ppage != NULL)
      text = poppler_page_get_selected_text (ppage, POPPLER_SELECTION_GLYPH, &rect);
  }
  g_mutex_unlock (&self->lock);
  return text != NULL ? text : g_strdup ("");
}

GArray *
loket_pdf_document_get_selection (LoketPdfDocument *self, guint page, const LoketDocRect *area)
{
  /* poppler hands the region in whole pixels: ask at 4 px per point, give back points */
  const double scale = 4.0;
  GArray      *rects = g_array_new (FALSE, FALSE, sizeof (LoketDocRect));

  g_return_val_if_fail (LOKET_IS_PDF_DOCUMENT (self), rects);
  g_return_val_if_fail (area != NULL, rects);

  if (self->kind != LOKET_DOC_KIND_PDF || page >= loket_pdf_document_get_n_pages (self))
    return rects;

  g_mutex_lock (&self->lock);
  {
    g_autoptr (PopplerPage) ppage = poppler_document_get_page (self->poppler, page);
    PopplerRectangle rect = { area->x, area->y, area->x + area->width, area->y + area->height };
    cairo_region_t  *region = NULL;

    if (ppage != NULL)
      region = poppler_page_get_selected_region (ppage, scale, POPPLER_SELECTION_GLYPH, &rect);
    for (int i = 0; region != NULL && i < cairo_region_num_rectangles (region); i++)
      {
        cairo_rectangle_int_t r;
        LoketDocRect          out;

        cairo_region_get_rectangle (region, i, &r);
        out = (LoketDocRect){ r.x / scale, r.y / scale, r.width / scale, r.height / scale };
        g_array_append_val (rects, out);
      }
    g_clear_pointer (&region, cairo_region_destroy);
  }
  g_mutex_unlock (&self->lock);
  return rects;
}

/* The end (offset + length of its second part) of every /ByteRange, in file order. */
static GArray *
find_byte_range_ends (GBytes *bytes)
{
  GArray     *ends = g_array_new (FALSE, FALSE, sizeof (guint64));
  gsize       size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *key = "/ByteRange";
  const gsize key_len = strlen (key);

  for (gsize i = 0; i + key_len < size; i++)
    {
      guint64 numbers[4];
      gsize   j = i + key_len;
      int     n = 0;

      if (memcmp (data + i, key, key_len) != 0)
        continue;
      while (j < size && g_ascii_isspace (data[j]))
        j++;
      if (j >= size || data[j] != '[')
        continue;
      j++;
      while (n < 4 && j < size)
        {
          guint64  value = 0;
          gboolean digits = FALSE;

          while (j < size && g_ascii_isspace (data[j]))
            j++;
          while (j < size && g_ascii_isdigit (data[j]) && value < G_MAXUINT32)
            value = value * 10 + (guint64) (data[j++] - '0'), digits = TRUE;
          if (!digits)
            break;
          numbers[n++] = value;
        }
      if (n == 4)
        {
          guint64 end = numbers[2] + numbers[3];

          g_array_append_val (ends, end);
        }
      i = j > i ? j - 1 : i;
    }
  return ends;
}

/* TRUE when nothing but white space follows @end. */
static gboolean
reaches_end (GBytes *bytes, guint64 end)
{
  gsize       size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (end > size)
    return FALSE;
  for (gsize i = end; i < size; i++)
    if (!g_ascii_isspace (data[i]) && data[i] != '\0')
      return FALSE;
  return TRUE;
}

static LoketSignatureStatus
map_signature_status (PopplerSignatureStatus status)
{
  switch (status)
    {
      case POPPLER_SIGNATURE_VALID:
        return LOKET_SIGNATURE_VALID;
      case POPPLER_SIGNATURE_DIGEST_MISMATCH:
        return LOKET_SIGNATURE_CHANGED;
      case POPPLER_SIGNATURE_INVALID:
      case POPPLER_SIGNATURE_DECODING_ERROR:
      case POPPLER_SIGNATURE_GENERIC_ERROR:
      case POPPLER_SIGNATURE_NOT_FOUND:
      case POPPLER_SIGNATURE_NOT_VERIFIED:
      default:
        return LOKET_SIGNATURE_INVALID;
    }
}

static LoketCertificateStatus
map_certificate_status (PopplerCertificateStatus status)
{
  switch (status)
    {
      case POPPLER_CERTIFICATE_TRUSTED:
        return LOKET_CERTIFICATE_TRUSTED;
      case POPPLER_CERTIFICATE_UNTRUSTED_ISSUER:
      case POPPLER_CERTIFICATE_UNKNOWN_ISSUER:
        return LOKET_CERTIFICATE_UNKNOWN_ISSUER;
      case POPPLER_CERTIFICATE_REVOKED:
        return LOKET_CERTIFICATE_REVOKED;
      case POPPLER_CERTIFICATE_EXPIRED:
        return LOKET_CERTIFICATE_EXPIRED;
      case POPPLER_CERTIFICATE_GENERIC_ERROR:
      case POPPLER_CERTIFICATE_NOT_VERIFIED:
      default:
        return LOKET_CERTIFICATE_NOT_VERIFIED;
    }
}

GPtrArray *
loket_pdf_document_get_signatures (LoketPdfDocument *self,
                                   GCancellable     *cancellable,
                                   GError          **error)
{
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) ends = NULL;
  GList   *fields;
  guint    index = 0;
  gboolean all_reach_end = TRUE;
  guint    n_fields;

  g_return_val_if_fail (LOKET_IS_PDF_DOCUMENT (self), NULL);

  if (self->kind != LOKET_DOC_KIND_PDF)
    return g_steal_pointer (&result);

  ends = find_byte_range_ends (self->bytes);
  for (guint i = 0; i < ends->len; i++)
    all_reach_end = all_reach_end && reaches_end (self->bytes, g_array_index (ends, guint64, i));

  g_mutex_lock (&self->lock);
  fields = poppler_document_get_signature_fields (self->poppler);
  n_fields = g_list_length (fields);
  for (GList *l = fields; l != NULL; l = l->next, index++)
    {
      PopplerFormField *field = l->data;
      g_autoptr (GError) local_error = NULL;
      g_autofree char      *name = poppler_form_field_get_name (field);
      PopplerSignatureInfo *info;
      gboolean              covers;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_list_free_full (fields, g_object_unref);
          g_mutex_unlock (&self->lock);
          return NULL;
        }
      info = poppler_form_field_signature_validate_sync (
        field,
        POPPLER_SIGNATURE_VALIDATION_FLAG_VALIDATE_CERTIFICATE
          | POPPLER_SIGNATURE_VALIDATION_FLAG_WITHOUT_OCSP_REVOCATION_CHECK,
        cancellable, &local_error);
      /* Signatures are added in file order, each with its own /ByteRange; when the counts do
       * not match (an unsigned signature field), the document is intact only if every range
       * reaches the end. */
      if (ends->len == n_fields)
        covers = reaches_end (self->bytes, g_array_index (ends, guint64, index));
      else
        covers = all_reach_end && ends->len > 0;

      if (info == NULL)
        {
          g_debug ("signature %s: %s", name, local_error != NULL ? local_error->message : "?");
          g_ptr_array_add (result,
                           loket_signature_info_new (name, NULL, NULL, LOKET_SIGNATURE_INVALID,
                                                     LOKET_CERTIFICATE_NOT_VERIFIED, covers));
          continue;
        }
      g_ptr_array_add (
        result,
        loket_signature_info_new (
          name, poppler_signature_info_get_signer_name (info),
          poppler_signature_info_get_local_signing_time (info),
          map_signature_status (poppler_signature_info_get_signature_status (info)),
          map_certificate_status (poppler_signature_info_get_certificate_status (info)), covers));
      poppler_signature_info_free (info);
    }
  g_list_free_full (fields, g_object_unref);
  g_mutex_unlock (&self->lock);
  return g_steal_pointer (&result);
}
