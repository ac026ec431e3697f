// SPDX-License-Identifier: GPL-3.0-or-later
// The service performance report as a PDF with the office's kop (Cairo + Pango).
#include "config.h"

#include "loket-report-export.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "loket-error.h"
#include "loket-letter-renderer.h"

#define MM (72.0 / 25.4)
#define PAGE_WIDTH (297 * MM) /* A4 landscape */
#define PAGE_HEIGHT (210 * MM)
#define LEFT (20 * MM)
#define RIGHT (PAGE_WIDTH - 15 * MM)
#define TOP (15 * MM)
#define BOTTOM (PAGE_HEIGHT - 15 * MM)
#define CELL_PAD (1.5 * MM)

typedef struct
{
  cairo_t      *cr;
  PangoContext *pango;
  double        y;
  guint         page;
} Pdf;

static cairo_status_t
append_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *
layout_new (Pdf           *p,
            const char    *text,
            double         size,
            gboolean       bold,
            double         width,
            PangoAlignment align)
{
  PangoLayout *layout = pango_layout_new (p->pango);
  g_autoptr (PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, loket_letter_renderer_get_font_family ());
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
draw (Pdf *p, PangoLayout *layout, double x, double y)
{
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, layout);
}

static void
page_footer (Pdf *p)
{
  g_autofree char *text = g_strdup_printf ("Halaman %u", p->page);
  g_autoptr (PangoLayout) l = layout_new (p, text, 8, FALSE, RIGHT - LEFT, PANGO_ALIGN_RIGHT);

  draw (p, l, LEFT, BOTTOM + 4 * MM);
}

static void
new_page (Pdf *p)
{
  page_footer (p);
  cairo_show_page (p->cr);
  p->page++;
  p->y = TOP;
}

static void
need (Pdf *p, double height)
{
  if (p->y + height > BOTTOM)
    new_page (p);
}

/* Text flowing at the left margin (or centred), page breaks included. */
static void
flow (Pdf *p, const char *text, double size, gboolean bold, PangoAlignment align)
{
  g_autoptr (PangoLayout) l = layout_new (p, text, size, bold, RIGHT - LEFT, align);
  double h = layout_height (l);

  need (p, h);
  draw (p, l, LEFT, p->y);
  p->y += h;
}

typedef struct
{
  const guchar *data;
  gsize         size;
  gsize         offset;
} PngReader;

static cairo_status_t
read_png (void *closure, unsigned char *data, unsigned int length)
{
  PngReader *r = closure;

  if (r->offset + length > r->size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, r->data + r->offset, length);
  r->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The logo in a @size box at (x, y), keeping its aspect; FALSE if it is not a readable PNG. */
static gboolean
draw_logo (Pdf *p, GBytes *png, double x, double y, double size)
{
  PngReader        reader = { NULL, 0, 0 };
  cairo_surface_t *image;
  double           w, h, scale;
  gboolean         ok;

  if (png == NULL)
    return FALSE;
  reader.data = g_bytes_get_data (png, &reader.size);
  image = cairo_image_surface_create_from_png_stream (read_png, &reader);
  ok = cairo_surface_status (image) == CAIRO_STATUS_SUCCESS;
  if (ok)
    {
      w = cairo_image_surface_get_width (image);
      h = cairo_image_surface_get_height (image);
      ok = w > 0 && h > 0;
    }
  if (ok)
    {
      scale = size / MAX (w, h);
      cairo_save (p->cr);
      cairo_translate (p->cr, x + (size - w * scale) / 2, y + (size - h * scale) / 2);
      cairo_scale (p->cr, scale, scale);
      cairo_set_source_surface (p->cr, image, 0, 0);
      cairo_paint (p->cr);
      cairo_restore (p->cr);
    }
  cairo_surface_destroy (image);
  return ok;
}

static void
draw_kop (Pdf *p, const LoketReportPdfOptions *options)
{
  const char *const *lines = options != NULL ? options->letterhead : NULL;
  double             logo = 22 * MM, start = p->y;

  if (lines == NULL || lines[0] == NULL)
    return;
  draw_logo (p, options->logo_png, LEFT, p->y, logo);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* PEMERINTAH … / DINAS … / address lines: the last name line is the largest. */
      guint  n = g_strv_length ((char **) lines);
      guint  names = n > 2 ? 2 : MIN (n, 1u);
      double size = i >= names ? 9.5 : i + 1 == names ? 15 : 13;
      g_autoptr (PangoLayout) l
        = layout_new (p, lines[i], size, i < names, RIGHT - LEFT - 2 * logo, PANGO_ALIGN_CENTER);

      draw (p, l, LEFT + logo, p->y);
      p->y += layout_height (l);
    }
  p->y = MAX (p->y, start + logo) + 2 * MM;
  cairo_set_line_width (p->cr, 2.0);
  cairo_move_to (p->cr, LEFT, p->y);
  cairo_line_to (p->cr, RIGHT, p->y);
  cairo_stroke (p->cr);
  cairo_set_line_width (p->cr, 0.6);
  cairo_move_to (p->cr, LEFT, p->y + 2.5);
  cairo_line_to (p->cr, RIGHT, p->y + 2.5);
  cairo_stroke (p->cr);
  p->y += 6 * MM;
}

/* Column widths: the label columns share what the number columns leave. */
static void
column_widths (const LoketReportTable *table, double *widths)
{
  guint  n = table->n_labels + table->n_values;
  double number_width = table->n_values > 2 ? 25 * MM : 30 * MM;
  double labels = RIGHT - LEFT - number_width * table->n_values;

  for (guint i = 0; i < n; i++)
    widths[i] = i < table->n_labels ? labels / table->n_labels : number_width;
}

/* One row of cells; returns its height. Draws only when @draw_it. */
static double
table_row (Pdf                    *p,
           const LoketReportTable *table,
           const char *const      *cells,
           gboolean                header,
           gboolean                total,
           const double           *widths,
           gboolean                draw_it)
{
  guint n = table->n_labels + table->n_values;
  g_autoptr (GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double height = 0, x = LEFT;

  for (guint i = 0; i < n; i++)
    {
      PangoLayout *l = layout_new (p, cells[i], 8.5, header || total, widths[i] - 2 * CELL_PAD,
                                   header                ? PANGO_ALIGN_CENTER
                                   : i < table->n_labels ? PANGO_ALIGN_LEFT
                                                         : PANGO_ALIGN_RIGHT);

      height = MAX (height, layout_height (l));
      g_ptr_array_add (layouts, l);
    }
  height += 2 * CELL_PAD;
  if (!draw_it)
    return height;
  if (header)
    {
      cairo_set_source_rgb (p->cr, 0.88, 0.88, 0.88);
      cairo_rectangle (p->cr, LEFT, p->y, RIGHT - LEFT, height);
      cairo_fill (p->cr);
      cairo_set_source_rgb (p->cr, 0, 0, 0);
    }
  cairo_set_line_width (p->cr, 0.5);
  for (guint i = 0; i < n; i++)
    {
      draw (p, g_ptr_array_index (layouts, i), x + CELL_PAD, p->y + CELL_PAD);
      cairo_rectangle (p->cr, x, p->y, widths[i], height);
      cairo_stroke (p->cr);
      x += widths[i];
    }
  return height;
}

static void
draw_table (Pdf *p, const LoketReportTable *table, guint number)
{
  guint                   n = table->n_labels + table->n_values;
  g_autofree double      *widths = g_new0 (double, n);
  g_autofree const char **headings = g_new0 (const char *, n);
  g_autofree char        *title = g_strdup_printf ("%u. %s", number, table->title);
  double                  header_height;

  column_widths (table, widths);
  for (guint i = 0; i < n; i++)
    headings[i]
      = i < table->n_labels ? table->label_headings[i] : table->value_headings[i - table->n_labels];
  header_height = table_row (p, table, headings, TRUE, FALSE, widths, FALSE);
  need (p, 8 * MM + 2 * header_height);
  flow (p, title, 10.5, TRUE, PANGO_ALIGN_LEFT);
  p->y += 1.5 * MM;
  p->y += table_row (p, table, headings, TRUE, FALSE, widths, TRUE);
  if (table->rows->len == 0)
    {
      const char *empty[8] = { "Tidak ada data pada periode ini", "", "", "", "", "", "", "" };

      p->y += table_row (p, table, empty, FALSE, FALSE, widths, TRUE);
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      const LoketReportRow *row = g_ptr_array_index (table->rows, r);
      g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      double h;

      for (guint i = 0; i < table->n_labels; i++)
        g_ptr_array_add (cells, g_strdup (row->labels[i]));
      for (guint i = 0; i < table->n_values; i++)
        {
          char *text = loket_report_format_value (table, i, row->values[i]);

          if (*text == '\0')
            {
              g_free (text);
              text = g_strdup ("–");
            }
          g_ptr_array_add (cells, text);
        }
      h = table_row (p, table, (const char *const *) cells->pdata, FALSE, *row->key == '\0', widths,
                     FALSE);
      if (p->y + h > BOTTOM)
        {
          new_page (p);
          p->y += table_row (p, table, headings, TRUE, FALSE, widths, TRUE);
        }
      p->y += table_row (p, table, (const char *const *) cells->pdata, FALSE, *row->key == '\0',
                         widths, TRUE);
    }
  p->y += 6 * MM;
}

static void
draw_signature (Pdf *p, const LoketReportPdfOptions *options, LoketReport *report)
{
  g_autofree char *date = loket_report_format_as_of (report);
  g_autofree char *line1 = NULL;
  double           x = RIGHT - 85 * MM, width = 85 * MM;
  const char      *texts[5];
  guint            n = 0;

  if (options == NULL || options->head_name == NULL)
    return;
  line1
    = options->place != NULL ? g_strdup_printf ("%s, %s", options->place, date) : g_strdup (date);
  need (p, 45 * MM);
  texts[n++] = line1;
  texts[n++] = options->head_title != NULL ? options->head_title : "Kepala Dinas";
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (PangoLayout) l = layout_new (p, texts[i], 10, FALSE, width, PANGO_ALIGN_CENTER);

      draw (p, l, x, p->y);
      p->y += layout_height (l);
    }
  p->y += 20 * MM;
  {
    g_autoptr (PangoLayout) name
      = layout_new (p, options->head_name, 10, TRUE, width, PANGO_ALIGN_CENTER);

    pango_layout_set_attributes (name, NULL);
    draw (p, name, x, p->y);
    p->y += layout_height (name);
  }
  if (options->head_nip != NULL && *options->head_nip != '\0')
    {
      g_autofree char *nip = g_strdup_printf ("NIP. %s", options->head_nip);
      g_autoptr (PangoLayout) l = layout_new (p, nip, 10, FALSE, width, PANGO_ALIGN_CENTER);

      draw (p, l, x, p->y);
      p->y += layout_height (l);
    }
}

GBytes *
loket_report_render_pdf (LoketReport *report, const LoketReportPdfOptions *options, GError **error)
{
  static const char *const notes[] = {
    "Diterima: berkas yang diterima dalam periode. Selesai: berkas yang ditutup dalam periode.",
    "Tepat waktu: berkas selesai paling lambat pada batas waktu standar pelayanan (dihitung dalam "
    "hari kerja sejak berkas diterima atau dinyatakan lengkap, sesuai standar pelayanan; waktu "
    "menunggu pemohon tidak dihitung). Persentase dihitung dari berkas selesai yang memiliki batas "
    "waktu.",
    "Median dan persentil 90: jumlah hari kerja dari dimulainya waktu pelayanan sampai berkas "
    "selesai (hari libur nasional, cuti bersama dan hari penundaan tidak dihitung).",
    "Terlambat saat ini dan dalam proses saat ini: keadaan pada tanggal laporan dibuat.",
    NULL,
  };
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autofree char *period = NULL;
  g_autofree char *period_line = NULL;
  g_autofree char *upper = NULL;
  cairo_surface_t *surface;
  cairo_status_t   status;
  Pdf              p = { 0 };

  g_return_val_if_fail (report != NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (append_to_array, out, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Loket");
  p.cr = cairo_create (surface);
  p.pango = pango_cairo_create_context (p.cr);
  p.page = 1;
  p.y = TOP;
  cairo_set_source_rgb (p.cr, 0, 0, 0);

  draw_kop (&p, options);
  upper = g_utf8_strup (report->title, -1);
  flow (&p, upper, 13, TRUE, PANGO_ALIGN_CENTER);
  if (report->agency_name != NULL)
    flow (&p, report->agency_name, 11, FALSE, PANGO_ALIGN_CENTER);
  period = loket_report_format_period (report);
  period_line = g_strdup_printf ("Periode %s", period);
  flow (&p, period_line, 11, FALSE, PANGO_ALIGN_CENTER);
  p.y += 6 * MM;

  for (guint i = 0; i < report->tables->len; i++)
    draw_table (&p, g_ptr_array_index (report->tables, i), i + 1);

  flow (&p, "Keterangan:", 9, TRUE, PANGO_ALIGN_LEFT);
  for (guint i = 0; notes[i] != NULL; i++)
    flow (&p, notes[i], 8.5, FALSE, PANGO_ALIGN_LEFT);
  p.y += 6 * MM;
  draw_signature (&p, options, report);
  page_footer (&p);

  g_object_unref (p.pango);
  cairo_destroy (p.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED, _ ("Could not render the report: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
