// SPDX-License-Identifier: GPL-3.0-or-later
// LoketPdfValue: a parsed PDF object (dictionary, array, scalar), enough to rewrite objects.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-pdf-object.h"

#define MAX_DEPTH 64

void
loket_pdf_value_free (LoketPdfValue *value)
{
  if (value == NULL)
    return;
  g_free (value->raw);
  g_clear_pointer (&value->items, g_ptr_array_unref);
  g_free (value);
}

LoketPdfValue *
loket_pdf_value_new_raw (LoketPdfKind kind, const char *raw)
{
  LoketPdfValue *value = g_new0 (LoketPdfValue, 1);

  value->kind = kind;
  value->raw = g_strdup (raw);
  if (kind == LOKET_PDF_ARRAY || kind == LOKET_PDF_DICT)
    value->items = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_pdf_value_free);
  return value;
}

LoketPdfValue *
loket_pdf_value_new_ref (guint num, guint gen)
{
  LoketPdfValue *value = loket_pdf_value_new_raw (LOKET_PDF_REF, NULL);

  value->num = num;
  value->gen = gen;
  return value;
}

LoketPdfValue *
loket_pdf_value_new_array (void)
{
  return loket_pdf_value_new_raw (LOKET_PDF_ARRAY, NULL);
}

LoketPdfValue *
loket_pdf_value_copy (const LoketPdfValue *value)
{
  LoketPdfValue *copy = loket_pdf_value_new_raw (value->kind, value->raw);

  copy->num = value->num;
  copy->gen = value->gen;
  if (value->items != NULL)
    for (guint i = 0; i < value->items->len; i++)
      g_ptr_array_add (copy->items, loket_pdf_value_copy (value->items->pdata[i]));
  return copy;
}

static gboolean
is_space (guint8 c)
{
  return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static gboolean
is_delim (guint8 c)
{
  return strchr ("()<>[]{}/%", c) != NULL && c != 0;
}

void
loket_pdf_skip_space (const guint8 *data, gsize len, gsize *pos)
{
  while (*pos < len)
    {
      if (is_space (data[*pos]))
        (*pos)++;
      else if (data[*pos] == '%')
        {
          while (*pos < len && data[*pos] != '\n' && data[*pos] != '\r')
            (*pos)++;
        }
      else
        break;
    }
}

static gboolean
parse_error (GError **error, gsize pos)
{
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
               _("The PDF is damaged: unexpected data at byte %lu"), (unsigned long) pos);
  return FALSE;
}

static char *
regular_token (const guint8 *data, gsize len, gsize *pos)
{
  gsize start = *pos;

  while (*pos < len && !is_space (data[*pos]) && !is_delim (data[*pos]))
    (*pos)++;
  return g_strndup ((const char *) data + start, *pos - start);
}

static gboolean
is_uint (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

static LoketPdfValue *
parse_value (const guint8 *data, gsize len, gsize *pos, guint depth, GError **error)
{
  g_autoptr (LoketPdfValue) value = NULL;
  gsize start;

  loket_pdf_skip_space (data, len, pos);
  if (*pos >= len || depth > MAX_DEPTH)
    return parse_error (error, *pos), NULL;
  start = *pos;

  if (data[*pos] == '<' && *pos + 1 < len && data[*pos + 1] == '<')
    {
      value = loket_pdf_value_new_raw (LOKET_PDF_DICT, NULL);
      *pos += 2;
      for (;;)
        {
          LoketPdfValue *key, *item;

          loket_pdf_skip_space (data, len, pos);
          if (*pos + 1 < len && data[*pos] == '>' && data[*pos + 1] == '>')
            {
              *pos += 2;
              break;
            }
          if (*pos >= len || data[*pos] != '/')
            return parse_error (error, *pos), NULL;
          key = parse_value (data, len, pos, depth + 1, error);
          if (key == NULL)
            return NULL;
          g_ptr_array_add (value->items, key);
          item = parse_value (data, len, pos, depth + 1, error);
          if (item == NULL)
            return NULL;
          g_ptr_array_add (value->items, item);
        }
    }
  else if (data[*pos] == '[')
    {
      value = loket_pdf_value_new_array ();
      (*pos)++;
      for (;;)
        {
          LoketPdfValue *item;

          loket_pdf_skip_space (data, len, pos);
          if (*pos < len && data[*pos] == ']')
            {
              (*pos)++;
              break;
            }
          item = parse_value (data, len, pos, depth + 1, error);
          if (item == NULL)
            return NULL;
          g_ptr_array_add (value->items, item);
        }
    }
  else if (data[*pos] == '(')
    {
      guint nest = 0;

      for (; *pos < len; (*pos)++)
        {
          if (data[*pos] == '\\')
            (*pos)++;
          else if (data[*pos] == '(')
            nest++;
          else if (data[*pos] == ')' && --nest == 0)
            break;
        }
      if (*pos >= len)
        return parse_error (error, start), NULL;
      (*pos)++;
      value = loket_pdf_value_new_raw (LOKET_PDF_STRING, NULL);
      value->raw = g_strndup ((const char *) data + start, *pos - start);
    }
  else if (data[*pos] == '<')
    {
      while (*pos < len && data[*pos] != '>')
        (*pos)++;
      if (*pos >= len)
        return parse_error (error, start), NULL;
      (*pos)++;
      value = loket_pdf_value_new_raw (LOKET_PDF_STRING, NULL);
      value->raw = g_strndup ((const char *) data + start, *pos - start);
    }
  else if (data[*pos] == '/')
    {
      (*pos)++;
      value = loket_pdf_value_new_raw (LOKET_PDF_NAME, NULL);
      value->raw = regular_token (data, len, pos);
    }
  else
    {
      g_autofree char *token = regular_token (data, len, pos);

      if (*token == '\0')
        return parse_error (error, start), NULL;
      if (g_str_equal (token, "true") || g_str_equal (token, "false"))
        value = loket_pdf_value_new_raw (LOKET_PDF_BOOL, token);
      else if (g_str_equal (token, "null"))
        value = loket_pdf_value_new_raw (LOKET_PDF_NULL, token);
      else if (strspn (token, "0123456789+-.") == strlen (token))
        {
          gsize save = *pos;

          value = loket_pdf_value_new_raw (LOKET_PDF_NUMBER, token);
          if (is_uint (token))
            {
              g_autofree char *gen = NULL;

              loket_pdf_skip_space (data, len, pos);
              gen = regular_token (data, len, pos);
              if (is_uint (gen))
                {
                  loket_pdf_skip_space (data, len, pos);
                  if (*pos < len && data[*pos] == 'R'
                      && (*pos + 1 >= len || is_space (data[*pos + 1])
                          || is_delim (data[*pos + 1])))
                    {
                      (*pos)++;
                      g_clear_pointer (&value, loket_pdf_value_free);
                      return loket_pdf_value_new_ref ((guint) strtoul (token, NULL, 10),
                                                      (guint) strtoul (gen, NULL, 10));
                    }
                }
              *pos = save;
            }
        }
      else
        return parse_error (error, start), NULL;
    }
  return g_steal_pointer (&value);
}

LoketPdfValue *
loket_pdf_parse_value (const guint8 *data, gsize len, gsize *pos, GError **error)
{
  return parse_value (data, len, pos, 0, error);
}

LoketPdfValue *
loket_pdf_parse_indirect (const guint8 *data,
                          gsize         len,
                          gsize         offset,
                          guint        *num,
                          guint        *gen,
                          GError      **error)
{
  gsize            pos = offset;
  g_autofree char *n = NULL;
  g_autofree char *g = NULL;
  g_autofree char *kw = NULL;

  loket_pdf_skip_space (data, len, &pos);
  n = regular_token (data, len, &pos);
  loket_pdf_skip_space (data, len, &pos);
  g = regular_token (data, len, &pos);
  loket_pdf_skip_space (data, len, &pos);
  kw = regular_token (data, len, &pos);
  if (!is_uint (n) || !is_uint (g) || !g_str_equal (kw, "obj"))
    return parse_error (error, offset), NULL;
  *num = (guint) strtoul (n, NULL, 10);
  *gen = (guint) strtoul (g, NULL, 10);
  return parse_value (data, len, &pos, 0, error);
}

LoketPdfValue *
loket_pdf_dict_get (const LoketPdfValue *dict, const char *key)
{
  if (dict == NULL || dict->kind != LOKET_PDF_DICT)
    return NULL;
  for (guint i = 0; i + 1 < dict->items->len; i += 2)
    if (loket_pdf_value_is_name (dict->items->pdata[i], key))
      return dict->items->pdata[i + 1];
  return NULL;
}

void
loket_pdf_dict_set (LoketPdfValue *dict, const char *key, LoketPdfValue *value)
{
  g_return_if_fail (dict->kind == LOKET_PDF_DICT);

  for (guint i = 0; i + 1 < dict->items->len; i += 2)
    if (loket_pdf_value_is_name (dict->items->pdata[i], key))
      {
        loket_pdf_value_free (dict->items->pdata[i + 1]);
        dict->items->pdata[i + 1] = value;
        return;
      }
  g_ptr_array_add (dict->items, loket_pdf_value_new_raw (LOKET_PDF_NAME, key));
  g_ptr_array_add (dict->items, value);
}

gboolean
loket_pdf_value_is_name (const LoketPdfValue *value, const char *name)
{
  return value != NULL && value->kind == LOKET_PDF_NAME && g_str_equal (value->raw, name);
}

gboolean
loket_pdf_value_get_int (const LoketPdfValue *value, gint64 *out)
{
  char *end = NULL;

  if (value == NULL || value->kind != LOKET_PDF_NUMBER)
    return FALSE;
  *out = g_ascii_strtoll (value->raw, &end, 10);
  return end != NULL && *end == '\0';
}

GBytes *
loket_pdf_string_decode (const LoketPdfValue *value)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  const char *s;
  gsize       n;

  if (value == NULL || value->kind != LOKET_PDF_STRING)
    return NULL;
  s = value->raw;
  n = strlen (s);
  if (s[0] == '<')
    {
      int hi = -1;

      for (gsize i = 1; i + 1 < n; i++)
        {
          int d = g_ascii_xdigit_value (s[i]);
          if (d < 0)
            continue;
          if (hi < 0)
            hi = d;
          else
            {
              guint8 b = (guint8) (hi << 4 | d);
              g_byte_array_append (out, &b, 1);
              hi = -1;
            }
        }
      if (hi >= 0)
        {
          guint8 b = (guint8) (hi << 4);
          g_byte_array_append (out, &b, 1);
        }
    }
  else
    {
      for (gsize i = 1; i + 1 < n; i++)
        {
          guint8 b = (guint8) s[i];

          if (b == '\\' && i + 2 < n)
            {
              char e = s[++i];
              switch (e)
                {
                  case 'n':
                    b = '\n';
                    break;
                  case 'r':
                    b = '\r';
                    break;
                  case 't':
                    b = '\t';
                    break;
                  case 'b':
                    b = '\b';
                    break;
                  case 'f':
                    b = '\f';
                    break;
                  case '\r':
                    if (s[i + 1] == '\n')
                      i++;
                    continue;
                  case '\n':
                    continue;
                  default:
                    if (e >= '0' && e <= '7')
                      {
                        guint v = (guint) (e - '0');
                        for (int k = 0; k < 2 && i + 2 < n && s[i + 1] >= '0' && s[i + 1] <= '7';
                             k++)
                          v = v * 8 + (guint) (s[++i] - '0');
                        b = (guint8) v;
                      }
                    else
                      b = (guint8) e;
                }
            }
          g_byte_array_append (out, &b, 1);
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

char *
loket_pdf_string_to_utf8 (const LoketPdfValue *value)
{
  g_autoptr (GBytes) bytes = loket_pdf_string_decode (value);
  const guint8 *b;
  gsize         n;

  if (bytes == NULL)
    return NULL;
  b = g_bytes_get_data (bytes, &n);
  if (n >= 2 && b[0] == 0xfe && b[1] == 0xff)
    return g_convert ((const char *) b + 2, (gssize) n - 2, "UTF-8", "UTF-16BE", NULL, NULL, NULL);
  return g_convert ((const char *) b, (gssize) n, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
}

void
loket_pdf_value_serialize (const LoketPdfValue *value, GString *out)
{
  switch (value->kind)
    {
      case LOKET_PDF_NAME:
        g_string_append_c (out, '/');
        g_string_append (out, value->raw);
        break;
      case LOKET_PDF_REF:
        g_string_append_printf (out, "%u %u R", value->num, value->gen);
        break;
      case LOKET_PDF_ARRAY:
        g_string_append_c (out, '[');
        for (guint i = 0; i < value->items->len; i++)
          {
            if (i > 0)
              g_string_append_c (out, ' ');
            loket_pdf_value_serialize (value->items->pdata[i], out);
          }
        g_string_append_c (out, ']');
        break;
      case LOKET_PDF_DICT:
        g_string_append (out, "<<");
        for (guint i = 0; i + 1 < value->items->len; i += 2)
          {
            loket_pdf_value_serialize (value->items->pdata[i], out);
            g_string_append_c (out, ' ');
            loket_pdf_value_serialize (value->items->pdata[i + 1], out);
            g_string_append_c (out, '\n');
          }
        g_string_append (out, ">>");
        break;
      case LOKET_PDF_NULL:
      case LOKET_PDF_BOOL:
      case LOKET_PDF_NUMBER:
      case LOKET_PDF_STRING:
      default:
        g_string_append (out, value->raw);
        break;
    }
}

char *
loket_pdf_text_string (const char *utf8)
{
  g_autoptr (GString) out = NULL;
  gboolean ascii = TRUE;

  for (const char *p = utf8; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
      ascii = FALSE;
  if (ascii)
    {
      out = g_string_new ("(");
      for (const char *p = utf8; *p != '\0'; p++)
        {
          if (*p == '(' || *p == ')' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, ')');
    }
  else
    {
      g_autofree gunichar2 *utf16 = NULL;
      glong                 n = 0;

      out = g_string_new ("<FEFF");
      utf16 = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);
      for (glong i = 0; utf16 != NULL && i < n; i++)
        g_string_append_printf (out, "%04X", utf16[i]);
      g_string_append_c (out, '>');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
