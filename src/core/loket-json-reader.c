// SPDX-License-Identifier: GPL-3.0-or-later
#include "loket-json-reader.h"

#include <errno.h>
#include <string.h>

#define MAX_DEPTH 64

typedef struct
{
  const char *p;
  const char *end;
} Reader;

static JsonNode *read_value (Reader *r, guint depth);

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
    r->p++;
}

static gboolean
literal (Reader *r, const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (r->end - r->p) < n || memcmp (r->p, word, n) != 0)
    return FALSE;
  r->p += n;
  return TRUE;
}

static int
hex4 (Reader *r)
{
  int value = 0;

  if (r->end - r->p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (r->p[i]);
      if (d < 0)
        return -1;
      value = value * 16 + d;
    }
  r->p += 4;
  return value;
}

/* Reads a string after its opening quote into a new buffer. */
static char *
read_string (Reader *r)
{
  const char *start = r->p;
  GString *out;

  /* Fast path: no escapes. */
  while (r->p < r->end && *r->p != '"' && *r->p != '\\' && (guchar) *r->p >= 0x20)
    r->p++;
  if (r->p < r->end && *r->p == '"')
    {
      char *s = g_strndup (start, r->p - start);
      r->p++;
      return s;
    }

  out = g_string_new_len (start, r->p - start);
  while (r->p < r->end)
    {
      char c = *r->p++;

      if (c == '"')
        return g_string_free (out, FALSE);
      if ((guchar) c < 0x20)
        break;
      if (c != '\\')
        {
          g_string_append_c (out, c);
          continue;
        }
      if (r->p >= r->end)
        break;
      c = *r->p++;
      switch (c)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            int cp = hex4 (r);

            if (cp < 0)
              goto fail;
            if (cp >= 0xD800 && cp <= 0xDBFF)
              {
                int low;

                if (!literal (r, "\\u") || (low = hex4 (r)) < 0xDC00 || low > 0xDFFF)
                  goto fail;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
              }
            else if (cp >= 0xDC00 && cp <= 0xDFFF)
              goto fail;
            if (cp == 0)
              goto fail; /* would cut the C string short */
            g_string_append_unichar (out, (gunichar) cp);
            break;
          }
        default:
          goto fail;
        }
    }
fail:
  g_string_free (out, TRUE);
  return NULL;
}

static JsonNode *
read_number (Reader *r)
{
  const char *start = r->p;
  gboolean integral = TRUE;
  char buf[64];
  gsize len;

  if (r->p < r->end && *r->p == '-')
    r->p++;
  if (r->p >= r->end || !g_ascii_isdigit (*r->p))
    return NULL;
  if (*r->p == '0')
    r->p++;
  else
    while (r->p < r->end && g_ascii_isdigit (*r->p))
      r->p++;
  if (r->p < r->end && *r->p == '.')
    {
      integral = FALSE;
      r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return NULL;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E'))
    {
      integral = FALSE;
      r->p++;
      if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
        r->p++;
      if (r->p >= r->end || !g_ascii_isdigit (*r->p))
        return NULL;
      while (r->p < r->end && g_ascii_isdigit (*r->p))
        r->p++;
    }
  len = r->p - start;
  if (len >= sizeof buf)
    return NULL;
  memcpy (buf, start, len);
  buf[len] = '\0';

  if (integral)
    {
      gint64 value;
      char *endp = NULL;

      errno = 0;
      value = g_ascii_strtoll (buf, &endp, 10);
      if (errno == 0 && endp == buf + len)
        return json_node_init_int (json_node_alloc (), value);
    }
  return json_node_init_double (json_node_alloc (), g_ascii_strtod (buf, NULL));
}

static JsonNode *
read_object (Reader *r, guint depth)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      return node;
    }
  for (;;)
    {
      char *key;
      JsonNode *value;

      skip_space (r);
      if (r->p >= r->end || *r->p != '"')
        break;
      r->p++;
      key = read_string (r);
      if (key == NULL)
        break;
      skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        {
          g_free (key);
          break;
        }
      r->p++;
      value = read_value (r, depth + 1);
      if (value == NULL)
        {
          g_free (key);
          break;
        }
      json_object_set_member (object, key, value);
      g_free (key);
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '}')
        {
          r->p++;
          return node;
        }
      break;
    }
  json_node_unref (node);
  return NULL;
}

static JsonNode *
read_array (Reader *r, guint depth)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_init_array (json_node_alloc (), array);

  json_array_unref (array);
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return node;
    }
  for (;;)
    {
      JsonNode *value = read_value (r, depth + 1);

      if (value == NULL)
        break;
      json_array_add_element (array, value);
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == ']')
        {
          r->p++;
          return node;
        }
      break;
    }
  json_node_unref (node);
  return NULL;
}

static JsonNode *
read_value (Reader *r, guint depth)
{
  if (depth > MAX_DEPTH)
    return NULL;
  skip_space (r);
  if (r->p >= r->end)
    return NULL;
  switch (*r->p)
    {
    case '{':
      r->p++;
      return read_object (r, depth);
    case '[':
      r->p++;
      return read_array (r, depth);
    case '"':
      {
        char *s;
        JsonNode *node;

        r->p++;
        s = read_string (r);
        if (s == NULL)
          return NULL;
        node = json_node_init_string (json_node_alloc (), s);
        g_free (s);
        return node;
      }
    case 't':
      return literal (r, "true") ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;
    case 'f':
      return literal (r, "false") ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;
    case 'n':
      return literal (r, "null") ? json_node_init_null (json_node_alloc ()) : NULL;
    default:
      return read_number (r);
    }
}

JsonNode *
loket_json_read (const char *text,
                 gsize       length)
{
  Reader r = { text, text + length };
  JsonNode *node;

  g_return_val_if_fail (text != NULL, NULL);

  node = read_value (&r, 0);
  if (node == NULL)
    return NULL;
  skip_space (&r);
  if (r.p != r.end)
    {
      json_node_unref (node);
      return NULL;
    }
  return node;
}
