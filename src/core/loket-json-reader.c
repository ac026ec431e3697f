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

/* ---- The light tree ------------------------------------------------------------------------ */

#define BLOCK_VALUES 64

typedef struct _Block Block;
struct _Block
{
  Block         *next;
  guint          used;
  LoketJsonValue values[BLOCK_VALUES];
};

struct _LoketJsonDoc
{
  LoketJsonValue *root;
  Block          *blocks; /* the first one is allocated with the document */
  char           *out;    /* next free byte of strings[] */
  Block           first;
  char            strings[]; /* unescaped strings and names, NUL-terminated */
};

typedef struct
{
  const char   *p;
  const char   *end;
  LoketJsonDoc *doc;
} DocReader;

static LoketJsonValue *doc_read_value (DocReader *r, guint depth);

static LoketJsonValue *
new_value (LoketJsonDoc *doc, LoketJsonType type)
{
  LoketJsonValue *value;

  if (doc->blocks->used == BLOCK_VALUES)
    {
      Block *block = g_new (Block, 1);

      block->next = doc->blocks;
      block->used = 0;
      doc->blocks = block;
    }
  value = &doc->blocks->values[doc->blocks->used++];
  value->type = type;
  value->n_children = 0;
  value->name = NULL;
  value->next = NULL;
  value->v.first = NULL;
  return value;
}

/* Like read_string(), after the opening quote, into the document's string space. */
static const char *
doc_read_string (DocReader *r)
{
  char       *start = r->doc->out;
  char       *out = start;
  const char *run = r->p;

  while (r->p < r->end && *r->p != '"' && *r->p != '\\' && (guchar) *r->p >= 0x20)
    r->p++;
  memcpy (out, run, r->p - run);
  out += r->p - run;

  while (r->p < r->end)
    {
      char c = *r->p++;

      if (c == '"')
        {
          *out++ = '\0';
          r->doc->out = out;
          return start;
        }
      if ((guchar) c < 0x20)
        return NULL;
      if (c != '\\')
        {
          *out++ = c;
          continue;
        }
      if (r->p >= r->end)
        return NULL;
      c = *r->p++;
      switch (c)
        {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '/': *out++ = '/'; break;
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'u':
          {
            Reader hex = { r->p, r->end };
            int cp = hex4 (&hex);

            if (cp < 0)
              return NULL;
            if (cp >= 0xD800 && cp <= 0xDBFF)
              {
                int low;

                if (!literal (&hex, "\\u") || (low = hex4 (&hex)) < 0xDC00 || low > 0xDFFF)
                  return NULL;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
              }
            else if (cp >= 0xDC00 && cp <= 0xDFFF)
              return NULL;
            if (cp == 0)
              return NULL; /* would cut the C string short */
            r->p = hex.p;
            /* At most 4 bytes, never more than the 6 or 12 escaped ones. */
            out += g_unichar_to_utf8 ((gunichar) cp, out);
            break;
          }
        default:
          return NULL;
        }
    }
  return NULL;
}

static LoketJsonValue *
doc_read_number (DocReader *r)
{
  Reader          sub = { r->p, r->end };
  JsonNode       *node = NULL;
  LoketJsonValue *value;

  /* Small and rare in event bodies: reuse the json-glib path's rules exactly. */
  node = read_number (&sub);
  if (node == NULL)
    return NULL;
  r->p = sub.p;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      value = new_value (r->doc, LOKET_JSON_INT);
      value->v.integer = json_node_get_int (node);
    }
  else
    {
      value = new_value (r->doc, LOKET_JSON_DOUBLE);
      value->v.number = json_node_get_double (node);
    }
  json_node_unref (node);
  return value;
}

static void
doc_skip_space (DocReader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
    r->p++;
}

static LoketJsonValue *
doc_read_container (DocReader *r, guint depth, gboolean object)
{
  LoketJsonValue *container = new_value (r->doc, object ? LOKET_JSON_OBJECT : LOKET_JSON_ARRAY);
  LoketJsonValue *last = NULL;
  char            close = object ? '}' : ']';

  doc_skip_space (r);
  if (r->p < r->end && *r->p == close)
    {
      r->p++;
      return container;
    }
  for (;;)
    {
      const char     *name = NULL;
      LoketJsonValue *value;

      if (object)
        {
          doc_skip_space (r);
          if (r->p >= r->end || *r->p != '"')
            return NULL;
          r->p++;
          if ((name = doc_read_string (r)) == NULL)
            return NULL;
          doc_skip_space (r);
          if (r->p >= r->end || *r->p != ':')
            return NULL;
          r->p++;
        }
      if ((value = doc_read_value (r, depth + 1)) == NULL)
        return NULL;
      value->name = name;
      if (last == NULL)
        container->v.first = value;
      else
        last->next = value;
      last = value;
      container->n_children++;
      doc_skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == close)
        {
          r->p++;
          return container;
        }
      return NULL;
    }
}

static LoketJsonValue *
doc_read_value (DocReader *r, guint depth)
{
  LoketJsonValue *value;
  Reader          lit;

  if (depth > MAX_DEPTH)
    return NULL;
  doc_skip_space (r);
  if (r->p >= r->end)
    return NULL;
  lit.p = r->p;
  lit.end = r->end;
  switch (*r->p)
    {
    case '{':
    case '[':
      r->p++;
      return doc_read_container (r, depth, r->p[-1] == '{');
    case '"':
      {
        const char *s;

        r->p++;
        if ((s = doc_read_string (r)) == NULL)
          return NULL;
        value = new_value (r->doc, LOKET_JSON_STRING);
        value->v.string = s;
        return value;
      }
    case 't':
    case 'f':
      if (!literal (&lit, *r->p == 't' ? "true" : "false"))
        return NULL;
      value = new_value (r->doc, LOKET_JSON_BOOLEAN);
      value->v.boolean = *r->p == 't';
      r->p = lit.p;
      return value;
    case 'n':
      if (!literal (&lit, "null"))
        return NULL;
      r->p = lit.p;
      return new_value (r->doc, LOKET_JSON_NULL);
    default:
      return doc_read_number (r);
    }
}

LoketJsonDoc *
loket_json_doc_read (const char *text, gsize length)
{
  LoketJsonDoc *doc;
  DocReader     r;

  g_return_val_if_fail (text != NULL, NULL);

  /* Unescaping never makes a string longer; one NUL per string, at most one per two bytes. */
  doc = g_malloc (sizeof (LoketJsonDoc) + length + length / 2 + 2);
  doc->blocks = &doc->first;
  doc->first.next = NULL;
  doc->first.used = 0;
  doc->out = doc->strings;
  r.p = text;
  r.end = text + length;
  r.doc = doc;
  doc->root = doc_read_value (&r, 0);
  doc_skip_space (&r);
  if (doc->root == NULL || r.p != r.end)
    {
      loket_json_doc_free (doc);
      return NULL;
    }
  return doc;
}

const LoketJsonValue *
loket_json_doc_get_root (const LoketJsonDoc *doc)
{
  return doc->root;
}

void
loket_json_doc_free (LoketJsonDoc *doc)
{
  if (doc == NULL)
    return;
  while (doc->blocks != &doc->first)
    {
      Block *next = doc->blocks->next;

      g_free (doc->blocks);
      doc->blocks = next;
    }
  g_free (doc);
}

const LoketJsonValue *
loket_json_value_get_member (const LoketJsonValue *object, const char *name)
{
  const LoketJsonValue *found = NULL;

  if (object == NULL || object->type != LOKET_JSON_OBJECT)
    return NULL;
  for (const LoketJsonValue *m = object->v.first; m != NULL; m = m->next)
    if (strcmp (m->name, name) == 0)
      found = m;
  return found;
}

const LoketJsonValue *
loket_json_value_get_element (const LoketJsonValue *array, guint index)
{
  const LoketJsonValue *e;

  if (array == NULL || array->type != LOKET_JSON_ARRAY || index >= array->n_children)
    return NULL;
  for (e = array->v.first; index > 0; index--)
    e = e->next;
  return e;
}

/* ---- Times ------------------------------------------------------------------------------------ */

static gboolean
digits (const char *p, int n, int *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      value = value * 10 + (p[i] - '0');
    }
  *out = value;
  return TRUE;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static gint64
days_from_civil (int y, int m, int d)
{
  int    era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (gint64) era * 146097 + doe - 719468;
}

gboolean
loket_iso8601_to_unix (const char *text, gint64 *out)
{
  int      year, month, day, hour, minute, second, off_h = 0, off_m = 0, sign = 1;
  gsize    len;
  gboolean fast;

  g_return_val_if_fail (text != NULL, FALSE);

  /* "YYYY-MM-DDTHH:MM:SS" then "Z", "±HH" or "±HH:MM"; anything else is GLib's to judge. */
  len = strlen (text);
  fast = len >= 20 && digits (text, 4, &year) && text[4] == '-' && digits (text + 5, 2, &month)
         && text[7] == '-' && digits (text + 8, 2, &day) && text[10] == 'T'
         && digits (text + 11, 2, &hour) && text[13] == ':' && digits (text + 14, 2, &minute)
         && text[16] == ':' && digits (text + 17, 2, &second);
  if (fast)
    {
      const char *zone = text + 19;

      if (len == 20 && *zone == 'Z')
        ;
      else if ((*zone == '+' || *zone == '-') && (len == 22 || (len == 25 && zone[3] == ':'))
               && digits (zone + 1, 2, &off_h) && (len == 22 || digits (zone + 4, 2, &off_m)))
        sign = *zone == '-' ? -1 : 1;
      else
        fast = FALSE;
    }
  /* Only values GLib certainly accepts as they are. */
  if (fast && year >= 1000 && month >= 1 && month <= 12 && day >= 1
      && day <= g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year) && hour <= 23
      && minute <= 59 && second <= 59 && off_h <= 14 && off_m <= 59)
    {
      *out = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second
             - sign * (off_h * 3600 + off_m * 60);
      return TRUE;
    }

  {
    g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

    if (time == NULL)
      return FALSE;
    *out = g_date_time_to_unix (time);
    return TRUE;
  }
}
