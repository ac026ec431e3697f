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

static void
assert_same (const char *text)
{
  g_autoptr (JsonNode) ours = loket_json_read (text, strlen (text));
  g_autoptr (JsonNode) theirs = glib_parse (text);

  if (ours == NULL || theirs == NULL || !json_node_equal (ours, theirs))
    g_error ("reader differs from json-glib on: %s", text);
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
    if (loket_json_read (cases[i], strlen (cases[i])) != NULL)
      g_error ("reader accepted: %s", cases[i]);
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

  g_string_truncate (deep, 0);
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (loket_json_read (deep->str, deep->len));
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
  return g_test_run ();
}
