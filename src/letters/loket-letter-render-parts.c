// SPDX-License-Identifier: GPL-3.0-or-later
// The fixed parts of a letter: kop, the head of each layout, SK parts, signature block, tembusan,
// QR.
#include "config.h"

#include <string.h>

#include "loket-letter-render-private.h"

#define LABEL_WIDTH (30 * LOKET_MM) /* "Menimbang", "Nomor", "Lampiran" */
#define COLON_WIDTH (4 * LOKET_MM)

void   loket_letter_render_items (LoketPage     *p,
                                  GPtrArray     *items,
                                  LoketListStyle style,
                                  double         indent,
                                  gboolean       justify);
void   loket_letter_render_head (LoketPage *p);
void   loket_letter_render_sk_parts (LoketPage *p);
void   loket_letter_render_closing (LoketPage *p, GError **error);
double loket_letter_body_indent (LoketPage *p);

static const char *
text_or (LoketPage *p, LoketLetterText part, const char *fallback)
{
  const char *value = loket_letter_get_text (p->letter, part);

  return value != NULL && *value != '\0' ? value : fallback;
}

static void
centred (LoketPage *p, const char *text, LoketFont font, gboolean underline, double width_fraction)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *markup = underline ? g_strdup_printf ("<u>%s</u>", escaped) : NULL;
  double           width = loket_page_text_width (p) * width_fraction;
  g_autoptr (PangoLayout) layout = loket_page_layout (p, underline ? markup : escaped, TRUE, font,
                                                      width, PANGO_ALIGN_CENTER, FALSE);

  loket_page_flow (p, layout, p->left + (loket_page_text_width (p) - width) / 2);
}

typedef struct
{
  const guint8 *data;
  gsize         left;
} PngReader;

static cairo_status_t
read_png (void *closure, unsigned char *data, unsigned int length)
{
  PngReader *reader = closure;

  if (length > reader->left)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data, length);
  reader->data += length;
  reader->left -= length;
  return CAIRO_STATUS_SUCCESS;
}

/* The office's logo, scaled into the @size box keeping its aspect; FALSE when there is none or
 * it cannot be read (the emblem is drawn instead). */
static gboolean
draw_logo (LoketPage *p, GBytes *png, double x, double y, double size)
{
  PngReader        reader;
  cairo_surface_t *image;
  double           w, h, scale;

  if (png == NULL)
    return FALSE;
  reader.data = g_bytes_get_data (png, &reader.left);
  image = cairo_image_surface_create_from_png_stream (read_png, &reader);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      g_debug ("The letter's logo is not a readable PNG image");
      cairo_surface_destroy (image);
      return FALSE;
    }
  w = cairo_image_surface_get_width (image);
  h = cairo_image_surface_get_height (image);
  scale = size / MAX (w, h);
  cairo_save (p->cr);
  cairo_translate (p->cr, x + (size - w * scale) / 2, y + (size - h * scale) / 2);
  cairo_scale (p->cr, scale, scale);
  cairo_set_source_surface (p->cr, image, 0, 0);
  cairo_paint (p->cr);
  cairo_restore (p->cr);
  cairo_surface_destroy (image);
  return TRUE;
}

static void
draw_kop (LoketPage *p)
{
  GPtrArray *lines = loket_letter_get_list (p->letter, LOKET_LETTER_KOP);
  double     emblem = 24 * LOKET_MM;
  double     text_x = p->left + emblem + 2 * LOKET_MM;
  double     text_w = p->right - text_x;
  double     y = p->y;

  if (lines->len == 0)
    return;

  if (!draw_logo (p, loket_letter_get_logo_png (p->letter), p->left - 8 * LOKET_MM, p->y, emblem))
    loket_letter_draw_emblem (p->cr, p->left - 8 * LOKET_MM, p->y, emblem);
  for (guint i = 0; i < lines->len; i++)
    {
      LoketFont font = i == 0   ? LOKET_FONT_KOP_GOV
                       : i == 1 ? LOKET_FONT_KOP_AGENCY
                                : LOKET_FONT_KOP_LINE;
      g_autoptr (PangoLayout) layout = loket_page_layout (p, g_ptr_array_index (lines, i), FALSE,
                                                          font, text_w, PANGO_ALIGN_CENTER, FALSE);
      loket_page_draw_at (p, layout, text_x, y);
      y += loket_page_layout_height (layout);
    }
  y = MAX (y, p->y + emblem) + 2 * LOKET_MM;
  cairo_set_line_width (p->cr, 2.2);
  cairo_move_to (p->cr, p->left - 8 * LOKET_MM, y);
  cairo_line_to (p->cr, p->right, y);
  cairo_stroke (p->cr);
  cairo_set_line_width (p->cr, 0.7);
  cairo_move_to (p->cr, p->left - 8 * LOKET_MM, y + 2.2);
  cairo_line_to (p->cr, p->right, y + 2.2);
  cairo_stroke (p->cr);
  p->y = y + 7 * LOKET_MM;
}

/* "label : value" without rules, at the left margin. */
static void
label_row (LoketPage *p, const char *label, const char *value, double label_width)
{
  g_autoptr (PangoLayout) l
    = loket_page_layout (p, label, FALSE, LOKET_FONT_BODY, label_width, PANGO_ALIGN_LEFT, FALSE);
  g_autoptr (PangoLayout) c
    = loket_page_layout (p, ":", FALSE, LOKET_FONT_BODY, COLON_WIDTH, PANGO_ALIGN_LEFT, FALSE);
  g_autoptr (PangoLayout) v = loket_page_layout (
    p, value, FALSE, LOKET_FONT_BODY, loket_page_text_width (p) - label_width - COLON_WIDTH,
    PANGO_ALIGN_LEFT, FALSE);

  loket_page_need (p, loket_page_layout_height (l));
  loket_page_draw_at (p, l, p->left, p->y);
  loket_page_draw_at (p, c, p->left + label_width, p->y);
  loket_page_flow (p, v, p->left + label_width + COLON_WIDTH);
}

static void
title_block (LoketPage *p, gboolean underline_first)
{
  GPtrArray *title = loket_letter_get_list (p->letter, LOKET_LETTER_TITLE);

  for (guint i = 0; i < title->len; i++)
    centred (p, g_ptr_array_index (title, i), LOKET_FONT_TITLE, underline_first && i == 0, 0.9);
}

void
loket_letter_render_head (LoketPage *p)
{
  LoketLetterLayout layout = loket_letter_get_layout (p->letter);
  GPtrArray        *addressee = loket_letter_get_list (p->letter, LOKET_LETTER_ADDRESSEE);
  const char       *number = text_or (p, LOKET_LETTER_NUMBER, NULL);
  const char       *subject = text_or (p, LOKET_LETTER_SUBJECT, NULL);

  draw_kop (p);

  switch (layout)
    {
      case LOKET_LETTER_LAYOUT_KORESPONDENSI:
        {
          g_autofree char *date = g_strdup_printf ("%s, %s", text_or (p, LOKET_LETTER_PLACE, "…"),
                                                   text_or (p, LOKET_LETTER_DATE, "…"));
          double           x = p->left + loket_page_text_width (p) * 0.55;
          g_autoptr (PangoLayout) d = loket_page_layout (p, date, FALSE, LOKET_FONT_BODY,
                                                         p->right - x, PANGO_ALIGN_LEFT, FALSE);

          loket_page_draw_at (p, d, x, p->y);
          p->y += loket_page_layout_height (d) + 4 * LOKET_MM;
          label_row (p, "Nomor", text_or (p, LOKET_LETTER_NUMBER, "-"), 25 * LOKET_MM);
          label_row (p, "Sifat", text_or (p, LOKET_LETTER_SIFAT, "Biasa"), 25 * LOKET_MM);
          label_row (p, "Lampiran", text_or (p, LOKET_LETTER_LAMPIRAN, "-"), 25 * LOKET_MM);
          label_row (p, "Hal", text_or (p, LOKET_LETTER_HAL, "-"), 25 * LOKET_MM);
          p->y += 6 * LOKET_MM;
          for (guint i = 0; i < addressee->len; i++)
            {
              g_autoptr (PangoLayout) a
                = loket_page_layout (p, g_ptr_array_index (addressee, i), FALSE, LOKET_FONT_BODY,
                                     loket_page_text_width (p) * 0.6, PANGO_ALIGN_LEFT, FALSE);
              loket_page_flow (p, a, p->left);
            }
          p->y += 6 * LOKET_MM;
          break;
        }
      case LOKET_LETTER_LAYOUT_JUDUL:
        title_block (p, TRUE);
        if (number != NULL)
          {
            g_autofree char *line = g_strdup_printf ("NOMOR : %s", number);
            centred (p, line, LOKET_FONT_BODY, FALSE, 0.9);
          }
        if (subject != NULL)
          centred (p, subject, LOKET_FONT_BOLD, FALSE, 0.8);
        p->y += 7 * LOKET_MM;
        break;
      case LOKET_LETTER_LAYOUT_KEPUTUSAN:
        title_block (p, FALSE);
        if (number != NULL)
          {
            g_autofree char *line = g_strdup_printf ("NOMOR %s", number);
            centred (p, line, LOKET_FONT_TITLE, FALSE, 0.9);
          }
        p->y += 3 * LOKET_MM;
        centred (p, "TENTANG", LOKET_FONT_TITLE, FALSE, 0.9);
        p->y += 3 * LOKET_MM;
        if (subject != NULL)
          centred (p, subject, LOKET_FONT_TITLE, FALSE, 0.8);
        p->y += 6 * LOKET_MM;
        if (text_or (p, LOKET_LETTER_ISSUER, NULL) != NULL)
          centred (p, text_or (p, LOKET_LETTER_ISSUER, NULL), LOKET_FONT_TITLE, FALSE, 0.9);
        p->y += 6 * LOKET_MM;
        break;
      case LOKET_LETTER_LAYOUT_NOTA_DINAS:
        {
          GPtrArray *tembusan = loket_letter_get_list (p->letter, LOKET_LETTER_TEMBUSAN);
          g_autoptr (GString) copies = g_string_new (NULL);

          title_block (p, FALSE);
          if (number != NULL)
            {
              g_autofree char *line = g_strdup_printf ("NOMOR %s", number);
              centred (p, line, LOKET_FONT_BODY, FALSE, 0.9);
            }
          p->y += 6 * LOKET_MM;
          for (guint i = 0; i < tembusan->len; i++)
            g_string_append_printf (copies, "%s%s", i > 0 ? "; " : "",
                                    (char *) g_ptr_array_index (tembusan, i));
          label_row (p, "Yth.", addressee->len > 0 ? g_ptr_array_index (addressee, 0) : "-",
                     LABEL_WIDTH);
          label_row (p, "Dari", text_or (p, LOKET_LETTER_FROM, "-"), LABEL_WIDTH);
          label_row (p, "Tembusan", copies->len > 0 ? copies->str : "-", LABEL_WIDTH);
          label_row (p, "Tanggal", text_or (p, LOKET_LETTER_DATE, "-"), LABEL_WIDTH);
          label_row (p, "Sifat", text_or (p, LOKET_LETTER_SIFAT, "Biasa"), LABEL_WIDTH);
          label_row (p, "Lampiran", text_or (p, LOKET_LETTER_LAMPIRAN, "-"), LABEL_WIDTH);
          label_row (p, "Hal", text_or (p, LOKET_LETTER_HAL, "-"), LABEL_WIDTH);
          p->y += 2 * LOKET_MM;
          cairo_set_line_width (p->cr, 1.0);
          cairo_move_to (p->cr, p->left, p->y);
          cairo_line_to (p->cr, p->right, p->y);
          cairo_stroke (p->cr);
          p->y += 6 * LOKET_MM;
          break;
        }
      default:
        g_assert_not_reached ();
    }
}

double
loket_letter_body_indent (LoketPage *p)
{
  return 0;
}

static void
labelled_items (LoketPage *p, const char *label, GPtrArray *items, LoketListStyle style)
{
  g_autoptr (PangoLayout) l = NULL;
  g_autoptr (PangoLayout) c = NULL;

  if (items->len == 0)
    return;
  l = loket_page_layout (p, label, FALSE, LOKET_FONT_BODY, LABEL_WIDTH, PANGO_ALIGN_LEFT, FALSE);
  c = loket_page_layout (p, ":", FALSE, LOKET_FONT_BODY, COLON_WIDTH, PANGO_ALIGN_LEFT, FALSE);
  loket_page_need (p, 3 * loket_page_layout_height (l));
  loket_page_draw_at (p, l, p->left, p->y);
  loket_page_draw_at (p, c, p->left + LABEL_WIDTH, p->y);
  loket_letter_render_items (p, items, style, LABEL_WIDTH + COLON_WIDTH, TRUE);
  p->y += 4 * LOKET_MM;
}

void
loket_letter_render_sk_parts (LoketPage *p)
{
  GPtrArray  *diktum = loket_letter_get_list (p->letter, LOKET_LETTER_DIKTUM);
  const char *menetapkan = text_or (p, LOKET_LETTER_MENETAPKAN, NULL);

  if (loket_letter_get_layout (p->letter) != LOKET_LETTER_LAYOUT_KEPUTUSAN)
    return;

  labelled_items (p, "Menimbang", loket_letter_get_list (p->letter, LOKET_LETTER_MENIMBANG),
                  LOKET_LIST_LETTERS);
  labelled_items (p, "Mengingat", loket_letter_get_list (p->letter, LOKET_LETTER_MENGINGAT),
                  LOKET_LIST_NUMBERS);
  loket_page_need (p, 40);
  centred (p, "MEMUTUSKAN:", LOKET_FONT_TITLE, FALSE, 0.9);
  p->y += 3 * LOKET_MM;
  if (menetapkan != NULL)
    {
      label_row (p, "Menetapkan", menetapkan, LABEL_WIDTH);
      p->y += 3 * LOKET_MM;
    }
  for (guint i = 0; i < diktum->len; i++)
    {
      g_autofree char *label = loket_letter_ordinal_upper (i + 1);
      g_autoptr (PangoLayout) l = loket_page_layout (p, label, FALSE, LOKET_FONT_BODY, LABEL_WIDTH,
                                                     PANGO_ALIGN_LEFT, FALSE);
      g_autoptr (PangoLayout) c
        = loket_page_layout (p, ":", FALSE, LOKET_FONT_BODY, COLON_WIDTH, PANGO_ALIGN_LEFT, FALSE);
      g_autoptr (PangoLayout) t = loket_page_layout (
        p, g_ptr_array_index (diktum, i), FALSE, LOKET_FONT_BODY,
        loket_page_text_width (p) - LABEL_WIDTH - COLON_WIDTH, PANGO_ALIGN_LEFT, TRUE);

      loket_page_need (p, 2 * loket_page_layout_height (l));
      loket_page_draw_at (p, l, p->left, p->y);
      loket_page_draw_at (p, c, p->left + LABEL_WIDTH, p->y);
      loket_page_flow (p, t, p->left + LABEL_WIDTH + COLON_WIDTH);
      p->y += 3 * LOKET_MM;
    }
  p->y += 3 * LOKET_MM;
}

static void
add_line (GPtrArray *lines, char *line)
{
  g_ptr_array_add (lines, line);
}

void
loket_letter_render_closing (LoketPage *p, GError **error)
{
  const LoketLetterSignature *sig = loket_letter_get_signature (p->letter);
  LoketLetterLayout           layout = loket_letter_get_layout (p->letter);
  GPtrArray                  *tembusan = loket_letter_get_list (p->letter, LOKET_LETTER_TEMBUSAN);
  g_autofree char            *payload = loket_letter_get_qr_payload (p->letter);
  double                      col_x = p->left + loket_page_text_width (p) * 0.5;
  double                      col_w = p->right - col_x;
  g_autofree char            *caption = NULL;
  const char                 *id = loket_letter_get_id (p->letter);
  double                      qr_x, qr_y;

  if (sig != NULL)
    {
      g_autoptr (GPtrArray) above = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) below = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
      const char      *delegation = loket_delegation_to_string (sig->delegation);
      g_autofree char *name_markup = NULL;
      g_autofree char *name_escaped = g_markup_escape_text (sig->name, -1);
      double           height = 0, gap = p->qr_size + 4 * LOKET_MM;
      guint            n_above;
      gboolean         dated
        = layout == LOKET_LETTER_LAYOUT_JUDUL || layout == LOKET_LETTER_LAYOUT_KEPUTUSAN;

      if (layout == LOKET_LETTER_LAYOUT_KEPUTUSAN)
        {
          add_line (above,
                    g_strdup_printf ("Ditetapkan di %s", text_or (p, LOKET_LETTER_PLACE, "…")));
          add_line (above,
                    g_strdup_printf ("pada tanggal %s", text_or (p, LOKET_LETTER_DATE, "…")));
        }
      else if (dated)
        add_line (above, g_strdup_printf ("%s, %s", text_or (p, LOKET_LETTER_PLACE, "…"),
                                          text_or (p, LOKET_LETTER_DATE, "…")));
      switch (sig->delegation)
        {
          case LOKET_DELEGATION_NONE:
            add_line (above, g_strdup_printf ("%s,", sig->principal));
            break;
          case LOKET_DELEGATION_AN:
          case LOKET_DELEGATION_UB:
            add_line (above, g_strdup_printf ("%s %s", delegation, sig->principal));
            add_line (above, g_strdup_printf ("%s,", sig->acting != NULL ? sig->acting : ""));
            break;
          default:
            add_line (above, g_strdup_printf ("%s %s,", delegation, sig->principal));
            if (sig->acting != NULL)
              add_line (above, g_strdup_printf ("%s,", sig->acting));
            break;
        }
      if (sig->rank != NULL)
        add_line (below, g_strdup (sig->rank));
      if (sig->nip != NULL)
        add_line (below, g_strdup_printf ("NIP. %s", sig->nip));

      n_above = above->len;
      for (guint i = 0; i < above->len; i++)
        g_ptr_array_add (layouts,
                         loket_page_layout (p, g_ptr_array_index (above, i), FALSE, LOKET_FONT_BODY,
                                            col_w, PANGO_ALIGN_CENTER, FALSE));
      name_markup = g_strdup_printf ("<b><u>%s</u></b>", name_escaped);
      g_ptr_array_add (layouts, loket_page_layout (p, name_markup, TRUE, LOKET_FONT_BODY, col_w,
                                                   PANGO_ALIGN_CENTER, FALSE));
      for (guint i = 0; i < below->len; i++)
        g_ptr_array_add (layouts,
                         loket_page_layout (p, g_ptr_array_index (below, i), FALSE, LOKET_FONT_BODY,
                                            col_w, PANGO_ALIGN_CENTER, FALSE));
      for (guint i = 0; i < layouts->len; i++)
        height += loket_page_layout_height (g_ptr_array_index (layouts, i));
      height += gap + 4 * LOKET_MM;

      p->y += 4 * LOKET_MM;
      loket_page_need (p, height);
      for (guint i = 0; i < layouts->len; i++)
        {
          PangoLayout *l = g_ptr_array_index (layouts, i);

          if (i == n_above)
            {
              qr_x = col_x + (col_w - p->qr_size) / 2;
              qr_y = p->y + 2 * LOKET_MM;
              if (!g_getenv ("NOQR")
                  && !loket_letter_draw_qr (p->cr, payload, qr_x, qr_y, p->qr_size, error))
                return;
              p->y += gap;
            }
          loket_page_draw_at (p, l, col_x, p->y);
          p->y += loket_page_layout_height (l);
          if (i == 1 && layout == LOKET_LETTER_LAYOUT_KEPUTUSAN)
            {
              /* the rule under "pada tanggal" */
              cairo_set_line_width (p->cr, 0.7);
              cairo_move_to (p->cr, col_x, p->y + 1);
              cairo_line_to (p->cr, p->right, p->y + 1);
              cairo_stroke (p->cr);
              p->y += 3;
            }
        }
      p->y += 8 * LOKET_MM;
    }

  if (tembusan->len > 0 && layout != LOKET_LETTER_LAYOUT_NOTA_DINAS)
    {
      g_autoptr (PangoLayout) head = loket_page_layout (
        p, "Tembusan:", FALSE, LOKET_FONT_BODY, loket_page_text_width (p), PANGO_ALIGN_LEFT, FALSE);

      loket_page_need (p, 3 * loket_page_layout_height (head));
      loket_page_flow (p, head, p->left);
      loket_letter_render_items (p, tembusan, LOKET_LIST_NUMBERS, 0, FALSE);
    }

  if (sig == NULL)
    {
      p->y += 4 * LOKET_MM;
      loket_page_need (p, p->qr_size);
      if (!loket_letter_draw_qr (p->cr, payload, p->left, p->y, p->qr_size, error))
        return;
      p->y += p->qr_size;
    }

  /* the letter id under everything, small: what the QR code says, readable by people */
  caption = g_strdup_printf ("ID naskah %s", id != NULL ? id : "-");
  {
    g_autoptr (PangoLayout) c = loket_page_layout (
      p, caption, FALSE, LOKET_FONT_SMALL, loket_page_text_width (p), PANGO_ALIGN_LEFT, FALSE);
    double y = p->bottom - loket_page_layout_height (c);

    if (p->y > y)
      y = p->y + 2;
    loket_page_draw_at (p, c, p->left, MIN (y, p->page_height - 12 * LOKET_MM));
  }
}
