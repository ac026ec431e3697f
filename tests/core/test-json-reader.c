// SPDX-License-Identifier: GPL-3.0-or-later
// The fast event-body reader must give exactly json-glib's tree, and reject what is not JSON.
#include <json-glib/json-glib.h>
#include <string.h>

#include "loket-json-reader.h"

static JsonNode *
glib_parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, NULL) || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

/* The light tree (loket_json_doc_read) holds the same values as json-glib's. */
static gboolean
doc_equal (const LoketJsonValue *value, JsonNode *node)
{
  switch (value->type)
    {
    case LOKET_JSON_NULL:
      return JSON_NODE_HOLDS_NULL (node);
    case LOKET_JSON_BOOLEAN:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN
             && json_node_get_boolean (node) == value->v.boolean;
    case LOKET_JSON_INT:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
             && json_node_get_int (node) == value->v.integer;
    case LOKET_JSON_DOUBLE:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE
             && json_node_get_double (node) == value->v.number;
    case LOKET_JSON_STRING:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
             && g_strcmp0 (json_node_get_string (node), value->v.string) == 0;
    case LOKET_JSON_ARRAY:
      {
        JsonArray *array;
        guint      i = 0;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return FALSE;
        array = json_node_get_array (node);
        if (json_array_get_length (array) != value->n_children)
          return FALSE;
        for (const LoketJsonValue *e = value->v.first; e != NULL; e = e->next, i++)
          if (e != loket_json_value_get_element (value, i)
              || !doc_equal (e, json_array_get_element (array, i)))
            return FALSE;
        return i == value->n_children;
      }
    case LOKET_JSON_OBJECT:
    default:
      {
        JsonObject *object;
        g_autoptr (GList) names = NULL;
        g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

        if (!JSON_NODE_HOLDS_OBJECT (node))
          return FALSE;
        object = json_node_get_object (node);
        for (const LoketJsonValue *m = value->v.first; m != NULL; m = m->next)
          g_hash_table_add (seen, (gpointer) m->name);
        if (g_hash_table_size (seen) != json_object_get_size (object))
          return FALSE;
        names = json_object_get_members (object);
        for (GList *l = names; l != NULL; l = l->next)
          {
            const LoketJsonValue *m = loket_json_value_get_member (value, l->data);

            if (m == NULL || !doc_equal (m, json_object_get_member (object, l->data)))
              return FALSE;
          }
        return loket_json_value_get_member (value, "no such member") == NULL
               || json_object_has_member (object, "no such member");
      }
    }
}

static void
assert_same (const char *text)
{
  g_autoptr (JsonNode) ours = loket_json_read (text, strlen (text));
  g_autoptr (JsonNode) theirs = glib_parse (text);
  g_autoptr (LoketJsonDoc) doc = loket_json_doc_read (text, strlen (text));

  if (ours == NULL || theirs == NULL || !json_node_equal (ours, theirs))
    g_error ("reader differs from json-glib on: %s", text);
  if (doc == NULL || !doc_equal (loket_json_doc_get_root (doc), theirs))
    g_error ("light tree differs from json-glib on: %s", text);
  /* Integers stay integers and doubles doubles, as the projector reads them. */
  if (JSON_NODE_HOLDS_VALUE (ours))
    g_assert_true (json_node_get_value_type (ours) == json_node_get_value_type (theirs));
}

static void
test_valid (void)
{
  const char *cases[] = {
    "{}", "[]", "{\"a\":1}", " { \"a\" : [ 1 , 2.5 , -3 , 0 , -0.5e3 , 1E2 ] } ", "\"text\"",
    "{\"nik\":\"5371010101900001\",\"name\":\"Ni Luh Sari\",\"n\":9007199254740993}",
    "{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"}", "{\"u\":\"\\u00e9\\u4e2d\\ud83d\\ude00\"}",
    "{\"nested\":{\"x\":[{\"y\":[true,false,null]}]}}", "{\"dup\":1,\"dup\":2}", "true",
    "null", "-9223372036854775808", "9223372036854775807", "{\"é\":\"ünïcödé ✓\"}",
    "{\"at\":\"2026-11-20T09:00:00+08:00\",\"missing\":[\"r1\",\"r2\"],\"note\":\"Berkas\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_same (cases[i]);
}

static void
test_invalid (void)
{
  const char *cases[] = {
    "", " ", "{", "}", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "[1 2]", "01", "1.",
    ".5", "-", "1e", "+1", "\"unterminated", "\"tab\there\"", "\"\\x\"", "\"\\u12\"",
    "\"\\ud800\"", "\"\\udc00\"", "\"\\u0000\"", "{a:1}", "{'a':1}", "tru", "nul", "[1]x",
    "{\"a\":1}{}", "NaN", "Infinity", "[1,2]]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (LoketJsonDoc) doc = loket_json_doc_read (cases[i], strlen (cases[i]));

      if (loket_json_read (cases[i], strlen (cases[i])) != NULL)
        g_error ("reader accepted: %s", cases[i]);
      if (doc != NULL)
        g_error ("light tree reader accepted: %s", cases[i]);
    }
}

static void
test_depth_limit (void)
{
  g_autoptr (GString) deep = g_string_new (NULL);
  g_autoptr (JsonNode) ok = NULL;

  for (int i = 0; i < 60; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 60; i++)
    g_string_append_c (deep, ']');
  ok = loket_json_read (deep->str, deep->len);
  g_assert_nonnull (ok);
  {
    g_autoptr (LoketJsonDoc) doc = loket_json_doc_read (deep->str, deep->len);
    g_assert_nonnull (doc);
  }

  g_string_truncate (deep, 0);
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (loket_json_read (deep->str, deep->len));
  g_assert_null (loket_json_doc_read (deep->str, deep->len));
}

/* loket_iso8601_to_unix() against GLib: same value where GLib reads the text, FALSE where not. */
static void
assert_time_same (const char *text)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);
  gint64   ours = 0;
  gboolean ok = loket_iso8601_to_unix (text, &ours);

  if (ok != (time != NULL) || (ok && ours != g_date_time_to_unix (time)))
    g_error ("time differs from GLib on: %s (%d, %" G_GINT64_FORMAT ")", text, ok, ours);
}

static void
test_times (void)
{
  const char *cases[] = {
    "2025-10-17T10:35:59+08", "2025-10-17T10:35:59+08:00", "2025-10-17T10:35:59Z",
    "2025-10-17T10:35:59-03:30", "2024-02-29T23:59:59+08", "2023-02-29T10:00:00+08",
    "2025-13-01T10:00:00+08", "2025-00-10T10:00:00Z", "2025-04-31T10:00:00Z",
    "2025-10-17T24:00:00Z", "2025-10-17T23:60:00Z", "2025-10-17T23:59:60Z", "2025-10-17T10:35:59",
    "2025-10-17T10:35:59.250+08", "2025-10-17 10:35:59+08", "2025-10-17T10:35:59+0800",
    "2025-10-17T10:35:59+24", "2025-10-17T10:35:59+15:00", "2025-10-17T10:35:59+08:60",
    "1969-12-31T23:59:59Z", "0999-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "20251017T103559Z",
    "2025-10-17T10:35:59+8", "2025-10-17T10:35:59+08:0", "2025-10-17T10:35:59Zx", "", "x",
    "2025-1a-17T10:35:59Z", "2000-02-29T00:00:00-14:00", "2100-02-29T00:00:00Z",
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (17);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_time_same (cases[i]);
  for (int i = 0; i < 20000; i++)
    {
      static const char *zones[] = { "Z", "+08", "+07:00", "-05:30", "+14", "+09:45", "-00" };
      g_autofree char *text = g_strdup_printf (
        "%04d-%02d-%02dT%02d:%02d:%02d%s", g_rand_int_range (rand, 1900, 2200),
        g_rand_int_range (rand, 0, 14), g_rand_int_range (rand, 0, 33),
        g_rand_int_range (rand, 0, 25), g_rand_int_range (rand, 0, 61),
        g_rand_int_range (rand, 0, 61), zones[g_rand_int_range (rand, 0, G_N_ELEMENTS (zones))]);

      assert_time_same (text);
    }
}

static JsonNode *
random_node (GRand *rand, int depth)
{
  int kind = g_rand_int_range (rand, 0, depth > 4 ? 5 : 7);
  JsonNode *node = json_node_alloc ();

  switch (kind)
    {
    case 0: return json_node_init_int (node, (gint64) g_rand_int (rand) * (g_rand_boolean (rand) ? -977 : 1));
    case 1: return json_node_init_double (node, g_rand_double_range (rand, -1e6, 1e6));
    case 2: return json_node_init_boolean (node, g_rand_boolean (rand));
    case 3: return json_node_init_null (node);
    case 4:
      {
        static const char *pieces[] = { "a", "\"", "\\", "/", "\n", "\t", "é", "中", "😀", " ", "\x01", "Kupang" };
        g_autoptr (GString) s = g_string_new (NULL);
        int n = g_rand_int_range (rand, 0, 8);
        for (int i = 0; i < n; i++)
          g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
        return json_node_init_string (node, s->str);
      }
    case 5:
      {
        g_autoptr (JsonArray) array = json_array_new ();
        int n = g_rand_int_range (rand, 0, 5);
        for (int i = 0; i < n; i++)
          json_array_add_element (array, random_node (rand, depth + 1));
        return json_node_init_array (node, array);
      }
    default:
      {
        g_autoptr (JsonObject) object = json_object_new ();
        int n = g_rand_int_range (rand, 0, 5);
        for (int i = 0; i < n; i++)
          {
            g_autofree char *key = g_strdup_printf ("k%d", g_rand_int_range (rand, 0, 6));
            json_object_set_member (object, key, random_node (rand, depth + 1));
          }
        return json_node_init_object (node, object);
      }
    }
}

static void
test_random_documents (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261122);

  for (int i = 0; i < 2000; i++)
    {
      g_autoptr (JsonNode) node = random_node (rand, 0);
      g_autofree char *text = json_to_string (node, i % 2 == 0);

      assert_same (text);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loket/core/json-reader/valid", test_valid);
  g_test_add_func ("/loket/core/json-reader/invalid", test_invalid);
  g_test_add_func ("/loket/core/json-reader/depth-limit", test_depth_limit);
  g_test_add_func ("/loket/core/json-reader/random-documents", test_random_documents);
  g_test_add_func ("/loket/core/json-reader/times", test_times);
  return g_test_run ();
}
