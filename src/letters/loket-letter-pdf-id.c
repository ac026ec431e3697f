// SPDX-License-Identifier: GPL-3.0-or-later
// Reads back the letter id that the renderer writes into a letter PDF (its /Subject entry).
#include "config.h"

#include <string.h>

#include "loket-letter-pdf-id.h"

#define MAX_ID 100

static const char *
find_last (const char *data, gsize len, const char *needle)
{
  gsize nlen = strlen (needle);

  if (len < nlen)
    return NULL;
  for (gsize i = len - nlen + 1; i-- > 0;)
    if (data[i] == needle[0] && memcmp (data + i, needle, nlen) == 0)
      return data + i;
  return NULL;
}

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

/* A PDF literal string "(…)" starting at @p: escapes \n \( \) \\ and octal. */
static GString *
read_literal (const char *p, const char *end)
{
  g_autoptr (GString) out = g_string_new (NULL);
  int depth = 1;

  for (p++; p < end && out->len <= 4 * MAX_ID; p++)
    {
      if (*p == '\\' && p + 1 < end)
        {
          p++;
          if (*p >= '0' && *p <= '7')
            {
              int v = 0;

              for (int i = 0; i < 3 && p < end && *p >= '0' && *p <= '7'; i++, p++)
                v = v * 8 + (*p - '0');
              p--;
              g_string_append_c (out, (char) v);
            }
          else
            g_string_append_c (out, *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p == 't' ? '\t' : *p);
          continue;
        }
      if (*p == '(')
        depth++;
      else if (*p == ')' && --depth == 0)
        return g_steal_pointer (&out);
      g_string_append_c (out, *p);
    }
  return NULL;
}

/* A PDF hex string "<…>" starting at @p. */
static GString *
read_hex (const char *p, const char *end)
{
  g_autoptr (GString) out = g_string_new (NULL);
  int high = -1;

  for (p++; p < end && out->len <= 4 * MAX_ID; p++)
    {
      int v;

      if (*p == '>')
        {
          if (high >= 0)
            g_string_append_c (out, (char) (high << 4));
          return g_steal_pointer (&out);
        }
      if (g_ascii_isspace (*p))
        continue;
      v = hex_value (*p);
      if (v < 0)
        return NULL;
      if (high < 0)
        high = v;
      else
        {
          g_string_append_c (out, (char) (high << 4 | v));
          high = -1;
        }
    }
  return NULL;
}

char *
loket_letter_id_from_pdf (GBytes *pdf)
{
  gsize len = 0;
  const char *data = pdf != NULL ? g_bytes_get_data (pdf, &len) : NULL;
  const char *end = data + len;
  const char *p;
  g_autoptr (GString) raw = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  if (data == NULL || len == 0)
    return NULL;
  p = find_last (data, len, "/Subject");
  if (p == NULL)
    return NULL;
  for (p += strlen ("/Subject"); p < end && g_ascii_isspace (*p); p++)
    ;
  if (p >= end)
    return NULL;
  if (*p == '(')
    raw = read_literal (p, end);
  else if (*p == '<')
    raw = read_hex (p, end);
  if (raw == NULL)
    return NULL;
  /* UTF-16BE with a byte-order mark: keep only ASCII (an id is ASCII) */
  if (raw->len >= 2 && (guchar) raw->str[0] == 0xFE && (guchar) raw->str[1] == 0xFF)
    {
      for (gsize i = 2; i + 1 < raw->len; i += 2)
        {
          if (raw->str[i] != 0)
            return NULL;
          g_string_append_c (text, raw->str[i + 1]);
        }
    }
  else
    g_string_append_len (text, raw->str, (gssize) raw->len);
  if (text->len == 0 || text->len > MAX_ID)
    return NULL;
  for (gsize i = 0; i < text->len; i++)
    if (!g_ascii_isgraph (text->str[i]))
      return NULL;
  return g_strdup (text->str);
}
