// SPDX-License-Identifier: GPL-3.0-or-later
// Renders a LoketLetter to PDF: page machinery, body blocks and the public entry points.
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "loket-error.h"
#include "loket-letter-renderer.h"
#include "loket-letter-render-private.h"

#define FONT_FAMILY "Liberation Sans"

/* loket-letter-render-parts.c */
void   loket_letter_render_head (LoketPage *p);
void   loket_letter_render_sk_parts (LoketPage *p);
void   loket_letter_render_closing (LoketPage *p, GError **error);
double loket_letter_body_indent (LoketPage *p);

const char *
loket_letter_renderer_get_font_family (void)
{
  return FONT_FAMILY;
}

PangoLayout *
loket_page_layout (LoketPage     *p,
                   const char    *text,
                   gboolean       markup,
                   LoketFont      font,
                   double         width,
                   PangoAlignment align,
                   gboolean       justify)
{
  PangoLayout *layout = pango_layout_new (p->pango);

  pango_layout_set_font_description (layout, p->fonts[font]);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_justify (layout, justify && !g_getenv ("NOJ"));
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

double
loket_page_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

void
loket_page_draw_at (LoketPage *p, PangoLayout *layout, double x, double y)
{
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, layout);
}

static void
draw_page_furniture (LoketPage *p)
{
  const char *footer = loket_letter_get_text (p->letter, LOKET_LETTER_FOOTER);

  if (p->page > 1)
    {
      g_autofree char *number = g_strdup_printf ("- %u -", p->page);
      g_autoptr (PangoLayout) layout = loket_page_layout (
        p, number, FALSE, LOKET_FONT_BODY, loket_page_text_width (p), PANGO_ALIGN_CENTER, FALSE);
      loket_page_draw_at (p, layout, p->left, 12 * LOKET_MM);
    }
  if (footer != NULL && *footer != '\0')
    {
      g_autoptr (PangoLayout) layout = loket_page_layout (
        p, footer, FALSE, LOKET_FONT_SMALL, loket_page_text_width (p), PANGO_ALIGN_CENTER, FALSE);
      loket_page_draw_at (p, layout, p->left, p->bottom + 4 * LOKET_MM);
    }
}

void
loket_page_break (LoketPage *p)
{
  cairo_show_page (p->cr);
  p->page++;
  p->y = p->top;
  draw_page_furniture (p);
}

void
loket_page_need (LoketPage *p, double height)
{
  if (p->y + height > p->bottom && p->y > p->top + 1)
    loket_page_break (p);
}

void
loket_page_skip (LoketPage *p, double points)
{
  p->y += points;
  if (p->y > p->bottom)
    loket_page_break (p);
}

void
loket_page_flow (LoketPage *p, PangoLayout *layout, double x)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double           origin = p->y; /* where the layout's top would be on this page */

  do
    {
      PangoRectangle logical;
      double         top, bottom;
      int            baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter);
      top = origin + (double) logical.y / PANGO_SCALE;
      bottom = top + (double) logical.height / PANGO_SCALE;
      if (bottom > p->bottom && top > p->top + 1)
        {
          loket_page_break (p);
          origin = p->top - (double) logical.y / PANGO_SCALE;
          bottom = p->top + (double) logical.height / PANGO_SCALE;
        }
      cairo_move_to (p->cr, x + (double) logical.x / PANGO_SCALE,
                     origin + (double) baseline / PANGO_SCALE);
      pango_cairo_show_layout_line (p->cr, pango_layout_iter_get_line_readonly (iter));
      p->y = bottom;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Body blocks */

static void
render_paragraph (LoketPage *p, const char *text, double indent)
{
  double width = loket_page_text_width (p) - indent;
  g_autoptr (PangoLayout) layout
    = loket_page_layout (p, text, FALSE, LOKET_FONT_BODY, width, PANGO_ALIGN_LEFT, TRUE);

  pango_layout_set_indent (layout, (int) (10 * LOKET_MM * PANGO_SCALE));
  loket_page_flow (p, layout, p->left + indent);
  loket_page_skip (p, 6);
}

static void
render_heading (LoketPage *p, const char *text, double indent)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autoptr (PangoLayout) layout
    = loket_page_layout (p, escaped, TRUE, LOKET_FONT_BOLD, loket_page_text_width (p) - indent,
                         PANGO_ALIGN_CENTER, FALSE);

  loket_page_need (p, loket_page_layout_height (layout) + 30);
  loket_page_flow (p, layout, p->left + indent);
  loket_page_skip (p, 6);
}

static char *
list_marker (LoketListStyle style, guint i)
{
  switch (style)
    {
      case LOKET_LIST_LETTERS:
        return i < 26 ? g_strdup_printf ("%c.", 'a' + i)
                      : g_strdup_printf ("%c%c.", 'a' + i / 26 - 1, 'a' + i % 26);
      case LOKET_LIST_BULLETS:
        return g_strdup ("–");
      case LOKET_LIST_NUMBERS:
      default:
        return g_strdup_printf ("%u.", i + 1);
    }
}

/* Items with a hanging indent: the marker, then the text flowing under itself. */
void
loket_letter_render_items (LoketPage     *p,
                           GPtrArray     *items,
                           LoketListStyle style,
                           double         indent,
                           gboolean       justify)
{
  double marker_width = 8 * LOKET_MM;
  double width = loket_page_text_width (p) - indent - marker_width;

  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *marker = list_marker (style, i);
      g_autoptr (PangoLayout) mark = loket_page_layout (p, marker, FALSE, LOKET_FONT_BODY,
                                                        marker_width, PANGO_ALIGN_LEFT, FALSE);
      g_autoptr (PangoLayout) text = loket_page_layout (
        p, g_ptr_array_index (items, i), FALSE, LOKET_FONT_BODY, width, PANGO_ALIGN_LEFT, justify);
      PangoLayoutLine *first = pango_layout_get_line_readonly (text, 0);
      PangoRectangle   logical;

      pango_layout_line_get_extents (first, NULL, &logical);
      loket_page_need (p, (double) logical.height / PANGO_SCALE);
      loket_page_draw_at (p, mark, p->left + indent, p->y);
      loket_page_flow (p, text, p->left + indent + marker_width);
      loket_page_skip (p, 2);
    }
}

static void
render_grid (LoketPage *p, LoketLetterBlock *block, double indent)
{
  gboolean ruled = block->type == LOKET_LETTER_BLOCK_TABLE;
  double   width = loket_page_text_width (p) - indent;
  double   pad = ruled ? 2.5 : 0;
  double   colon = ruled ? 0 : 4 * LOKET_MM;
  guint    n = block->widths->len;
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  double x0 = p->left + indent;

  if (block->columns != NULL)
    g_ptr_array_add (rows, block->columns);
  for (guint i = 0; i < block->rows->len; i++)
    g_ptr_array_add (rows, g_ptr_array_index (block->rows, i));

  for (guint r = 0; r < rows->len; r++)
    {
      char   **cells = g_ptr_array_index (rows, r);
      gboolean header = block->columns != NULL && r == 0;
      g_autoptr (GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
      double height = 0, x;

      for (guint c = 0; c < n; c++)
        {
          double cw
            = g_array_index (block->widths, double, c) * width - 2 * pad - (c == 0 ? colon : 0);
          PangoLayout *layout = loket_page_layout (
            p, cells[c] != NULL ? cells[c] : "", FALSE,
            !ruled   ? LOKET_FONT_BODY
            : header ? LOKET_FONT_TABLE_BOLD
                     : LOKET_FONT_TABLE,
            MAX (cw, 10), header ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT, FALSE);
          g_ptr_array_add (layouts, layout);
          height = MAX (height, loket_page_layout_height (layout));
        }
      height += 2 * pad;
      if (p->y + height > p->bottom && p->y > p->top + 1)
        {
          loket_page_break (p);
          if (ruled && block->columns != NULL && !header)
            {
              /* repeat the header row on the continuation page */
              g_ptr_array_insert (rows, r, block->columns);
              r--;
              continue;
            }
        }
      x = x0;
      for (guint c = 0; c < n; c++)
        {
          double cw = g_array_index (block->widths, double, c) * width;

          loket_page_draw_at (p, g_ptr_array_index (layouts, c), x + pad, p->y + pad);
          if (!ruled && c == 0)
            {
              g_autoptr (PangoLayout) sep = loket_page_layout (p, ":", FALSE, LOKET_FONT_BODY,
                                                               colon, PANGO_ALIGN_LEFT, FALSE);
              loket_page_draw_at (p, sep, x + cw - colon, p->y);
            }
          if (ruled)
            {
              cairo_rectangle (p->cr, x, p->y, cw, height);
              if (header)
                {
                  cairo_save (p->cr);
                  cairo_set_source_rgba (p->cr, 0, 0, 0, 0.06);
                  cairo_fill_preserve (p->cr);
                  cairo_restore (p->cr);
                }
              cairo_set_line_width (p->cr, 0.6);
              cairo_stroke (p->cr);
            }
          x += cw;
        }
      p->y += height + (ruled ? 0 : 2);
    }
  loket_page_skip (p, 8);
}

static void
render_blocks (LoketPage *p)
{
  GPtrArray *blocks = loket_letter_get_blocks (p->letter);
  double     indent = loket_letter_body_indent (p);

  for (guint i = 0; i < blocks->len; i++)
    {
      LoketLetterBlock *block = g_ptr_array_index (blocks, i);

      switch (block->type)
        {
          case LOKET_LETTER_BLOCK_PARAGRAPH:
            render_paragraph (p, block->text, indent);
            break;
          case LOKET_LETTER_BLOCK_HEADING:
            render_heading (p, block->text, indent);
            break;
          case LOKET_LETTER_BLOCK_LIST:
            loket_letter_render_items (p, block->items, block->list_style, indent, TRUE);
            loket_page_skip (p, 4);
            break;
          case LOKET_LETTER_BLOCK_TABLE:
          case LOKET_LETTER_BLOCK_FIELDS:
            render_grid (p, block, indent);
            break;
          default:
            g_assert_not_reached ();
        }
    }
}

/* Public API */

static cairo_status_t
append_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
setup_fonts (LoketPage *p)
{
  static const struct
  {
    double      size;
    PangoWeight weight;
  } specs[LOKET_N_FONTS] = {
    [LOKET_FONT_BODY] = { 12, PANGO_WEIGHT_NORMAL },
    [LOKET_FONT_BOLD] = { 12, PANGO_WEIGHT_BOLD },
    [LOKET_FONT_SMALL] = { 8, PANGO_WEIGHT_NORMAL },
    [LOKET_FONT_KOP_GOV] = { 14, PANGO_WEIGHT_BOLD },
    [LOKET_FONT_KOP_AGENCY] = { 16, PANGO_WEIGHT_BOLD },
    [LOKET_FONT_KOP_LINE] = { 10, PANGO_WEIGHT_NORMAL },
    [LOKET_FONT_TITLE] = { 13, PANGO_WEIGHT_BOLD },
    [LOKET_FONT_TABLE] = { 10.5, PANGO_WEIGHT_NORMAL },
    [LOKET_FONT_TABLE_BOLD] = { 10.5, PANGO_WEIGHT_BOLD },
  };

  for (guint i = 0; i < LOKET_N_FONTS; i++)
    {
      p->fonts[i] = pango_font_description_new ();
      pango_font_description_set_family_static (p->fonts[i], FONT_FAMILY);
      pango_font_description_set_weight (p->fonts[i], specs[i].weight);
      pango_font_description_set_absolute_size (p->fonts[i], specs[i].size * PANGO_SCALE);
    }
}

GBytes *
loket_letter_render (LoketLetter *letter, LoketPaperSize paper, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_sized_new (64 * 1024);
  cairo_surface_t *surface;
  cairo_status_t   status;
  LoketPage        p = { 0 };
  g_autoptr (GError) local_error = NULL;
  g_autofree char *pdf_title = NULL;
  const char      *number;

  g_return_val_if_fail (LOKET_IS_LETTER (letter), NULL);

  p.letter = letter;
  p.page_width = (paper == LOKET_PAPER_A4 ? 210 : 215) * LOKET_MM;
  p.page_height = (paper == LOKET_PAPER_A4 ? 297 : 330) * LOKET_MM;
  /* tata naskah dinas margins: top 2 cm, left 3 cm, right 2 cm, bottom 2 cm */
  p.left = 30 * LOKET_MM;
  p.right = p.page_width - 20 * LOKET_MM;
  p.top = 20 * LOKET_MM;
  p.bottom = p.page_height - 20 * LOKET_MM;
  p.qr_size = 24 * LOKET_MM;
  p.page = 1;

  surface = cairo_pdf_surface_create_for_stream (append_to_array, out, p.page_width, p.page_height);
  number = loket_letter_get_text (letter, LOKET_LETTER_NUMBER);
  pdf_title
    = g_strdup_printf ("%s %s", loket_letter_get_kind (letter), number != NULL ? number : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pdf_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Loket");
  if (loket_letter_get_id (letter) != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                    loket_letter_get_id (letter));
  p.cr = cairo_create (surface);
  p.pango = pango_cairo_create_context (p.cr);
  setup_fonts (&p);
  cairo_set_source_rgb (p.cr, 0, 0, 0);

  draw_page_furniture (&p);
  p.y = p.top - 8 * LOKET_MM; /* the kop sits in the top margin's lower part */
  loket_letter_render_head (&p);
  loket_letter_render_sk_parts (&p);
  render_blocks (&p);
  loket_letter_render_closing (&p, &local_error);

  for (guint i = 0; i < LOKET_N_FONTS; i++)
    pango_font_description_free (p.fonts[i]);
  g_object_unref (p.pango);
  cairo_destroy (p.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED, _ ("Could not render the letter: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LoketLetter   *letter = task_data;
  LoketPaperSize paper = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "paper"));
  GError        *error = NULL;
  GBytes        *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;
  bytes = loket_letter_render (letter, paper, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
loket_letter_render_async (LoketLetter        *letter,
                           LoketPaperSize      paper,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LOKET_IS_LETTER (letter));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_letter_render_async);
  g_task_set_task_data (task, g_object_ref (letter), g_object_unref);
  g_object_set_data (G_OBJECT (task), "paper", GINT_TO_POINTER (paper));
  g_task_run_in_thread (task, render_thread);
}

GBytes *
loket_letter_render_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
loket_letter_write_file (GBytes *bytes, const char *path, GError **error)
{
  gsize       size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr (GError) local_error = NULL;

  /* g_file_set_contents writes a temporary file next to @path and renames it into place. */
  if (!g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 &local_error))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not write “%s”: %s"), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
