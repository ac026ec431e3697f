// SPDX-License-Identifier: GPL-3.0-or-later
// Page machinery shared by the letter renderer's files: cursor, page breaks, text layouts.
#pragma once

#include <pango/pangocairo.h>

#include "loket-letter.h"

G_BEGIN_DECLS

#define LOKET_MM (72.0 / 25.4)

typedef enum
{
  LOKET_FONT_BODY,       /* 12 pt */
  LOKET_FONT_BOLD,       /* 12 pt bold */
  LOKET_FONT_SMALL,      /* 9 pt */
  LOKET_FONT_KOP_GOV,    /* 14 pt bold */
  LOKET_FONT_KOP_AGENCY, /* 16 pt bold */
  LOKET_FONT_KOP_LINE,   /* 10 pt */
  LOKET_FONT_TITLE,      /* 13 pt bold */
  LOKET_FONT_TABLE,      /* 10.5 pt: ruled table cells */
  LOKET_FONT_TABLE_BOLD, /* 10.5 pt bold: table headers */
  LOKET_N_FONTS,
} LoketFont;

typedef struct
{
  LoketLetter          *letter;
  cairo_t              *cr;
  PangoContext         *pango;
  PangoFontDescription *fonts[LOKET_N_FONTS];
  double                page_width, page_height;
  double                left, right, top, bottom; /* text box on the page, in points */
  double                y;                        /* cursor */
  guint                 page;                     /* 1-based */
  double                qr_size;
} LoketPage;

static inline double
loket_page_text_width (LoketPage *p)
{
  return p->right - p->left;
}

/* A layout of @text (plain, or Pango markup when @markup) @width points wide. */
PangoLayout *loket_page_layout (LoketPage     *p,
                                const char    *text,
                                gboolean       markup,
                                LoketFont      font,
                                double         width,
                                PangoAlignment align,
                                gboolean       justify);
double       loket_page_layout_height (PangoLayout *layout);
/* Draws @layout at (x, y) without moving the cursor. */
void loket_page_draw_at (LoketPage *p, PangoLayout *layout, double x, double y);
/* Draws @layout at the cursor, line by line, breaking to new pages as needed; moves the cursor. */
void loket_page_flow (LoketPage *p, PangoLayout *layout, double x);
/* Starts a new page when @height does not fit below the cursor (and the page is not empty). */
void loket_page_need (LoketPage *p, double height);
void loket_page_break (LoketPage *p);
void loket_page_skip (LoketPage *p, double points);

/* loket-letter-emblem.c: the neutral demo emblem in a @size × @size box at (x, y). */
void loket_letter_draw_emblem (cairo_t *cr, double x, double y, double size);
/* loket-letter-qr.c: the QR code of @payload as @size × @size points at (x, y). */
gboolean loket_letter_draw_qr (cairo_t    *cr,
                               const char *payload,
                               double      x,
                               double      y,
                               double      size,
                               GError    **error);

G_END_DECLS
