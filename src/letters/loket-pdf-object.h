// SPDX-License-Identifier: GPL-3.0-or-later
// LoketPdfValue: a parsed PDF object (dictionary, array, scalar), enough to rewrite objects.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LOKET_PDF_NULL,
  LOKET_PDF_BOOL,
  LOKET_PDF_NUMBER,
  LOKET_PDF_STRING, /* raw holds the string with its delimiters: (…) or <…> */
  LOKET_PDF_NAME,   /* raw holds the name without the slash, as written */
  LOKET_PDF_ARRAY,
  LOKET_PDF_DICT,
  LOKET_PDF_REF,
} LoketPdfKind;

typedef struct _LoketPdfValue LoketPdfValue;

struct _LoketPdfValue
{
  LoketPdfKind kind;
  char        *raw;   /* scalars: the token as written */
  GPtrArray   *items; /* ARRAY: values; DICT: key (NAME), value, key, value… */
  guint        num;   /* REF */
  guint        gen;
};

void           loket_pdf_value_free       (LoketPdfValue *value);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketPdfValue, loket_pdf_value_free)

LoketPdfValue *loket_pdf_value_new_raw    (LoketPdfKind   kind,
                                           const char    *raw);
LoketPdfValue *loket_pdf_value_new_ref    (guint          num,
                                           guint          gen);
LoketPdfValue *loket_pdf_value_new_array  (void);
LoketPdfValue *loket_pdf_value_copy       (const LoketPdfValue *value);

/* Parses one value at *@pos in @data; advances *@pos past it. */
LoketPdfValue *loket_pdf_parse_value      (const guint8  *data,
                                           gsize          len,
                                           gsize         *pos,
                                           GError       **error);
/* Parses "NUM GEN obj VALUE" at @offset (a stream's data is not read). */
LoketPdfValue *loket_pdf_parse_indirect   (const guint8  *data,
                                           gsize          len,
                                           gsize          offset,
                                           guint         *num,
                                           guint         *gen,
                                           GError       **error);
void           loket_pdf_skip_space       (const guint8  *data,
                                           gsize          len,
                                           gsize         *pos);

LoketPdfValue *loket_pdf_dict_get         (const LoketPdfValue *dict,
                                           const char          *key);
/* Takes @value; replaces an existing entry. */
void           loket_pdf_dict_set         (LoketPdfValue *dict,
                                           const char    *key,
                                           LoketPdfValue *value);
gboolean       loket_pdf_value_is_name    (const LoketPdfValue *value,
                                           const char          *name);
gboolean       loket_pdf_value_get_int    (const LoketPdfValue *value,
                                           gint64              *out);
/* The bytes of a STRING value (escapes and hex decoded). */
GBytes        *loket_pdf_string_decode    (const LoketPdfValue *value);
/* A PDF text string (UTF-16BE with BOM, or PDFDocEncoding) as UTF-8. */
char          *loket_pdf_string_to_utf8   (const LoketPdfValue *value);

void           loket_pdf_value_serialize  (const LoketPdfValue *value,
                                           GString             *out);
/* A PDF text string for @utf8: literal if printable ASCII, else hex UTF-16BE with a BOM. */
char          *loket_pdf_text_string      (const char          *utf8);

G_END_DECLS
