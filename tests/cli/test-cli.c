// SPDX-License-Identifier: GPL-3.0-or-later
// loket-cli end to end: the real executable on real database files.
#include <glib/gstdio.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <gio/gio.h>

#include "loket-test-utils.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static void
test_usage_errors (void)
{
  {
    g_auto (LoketCliRun) r = { 0 };
    loket_test_run_cliv (&r, NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "loket-cli"));
  }
  {
    g_auto (LoketCliRun) r = { 0 };
    loket_test_run_cliv (&r, "frobnicate", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "frobnicate"));
  }
  {
    g_auto (LoketCliRun) r = { 0 };
    loket_test_run_cliv (&r, "cases", "--bogus-flag", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "--bogus-flag"));
  }
  {
    g_auto (LoketCliRun) r = { 0 };
    loket_test_run_cliv (&r, "demo", "--cases", "10", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "--db"));
  }
  {
    g_autofree char *db = tmp_path ("never.db");
    g_auto (LoketCliRun) r = { 0 };
    loket_test_run_cliv (&r, "demo", "--db", db, "--cases", "0", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *db = tmp_path ("never2.db");
    g_auto (LoketCliRun) r = { 0 };
    loket_test_run_cliv (&r, "demo", "--db", db, "--cases", "5", "--agency", "no-such-agency", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "no-such-agency"));
    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  }
}

static void
test_services_json (void)
{
  g_auto (LoketCliRun) r = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  JsonArray *agencies;
  guint n_services = 0;

  loket_test_run_cliv (&r, "services", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  agencies = json_object_get_array_member (root, "agencies");
  g_assert_cmpuint (json_array_get_length (agencies), ==, 3);
  for (guint i = 0; i < json_array_get_length (agencies); i++)
    {
      JsonObject *agency = json_array_get_object_element (agencies, i);
      n_services += json_array_get_length (json_object_get_array_member (agency, "services"));
    }
  g_assert_cmpuint (n_services, ==, 35);
}

static JsonObject *
parse_object (const char *text, JsonParser *parser)
{
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_demo_cases_check (void)
{
  g_autofree char *db1 = tmp_path ("demo1.db");
  g_autofree char *db2 = tmp_path ("demo2.db");
  g_autoptr (JsonParser) p1 = json_parser_new ();
  g_autoptr (JsonParser) p2 = json_parser_new ();
  JsonObject *o1, *o2;
  JsonArray *cases;
  const char *name = NULL;
  g_auto (LoketCliRun) d1 = { 0 };
  g_auto (LoketCliRun) d2 = { 0 };
  g_auto (LoketCliRun) c1 = { 0 };
  g_auto (LoketCliRun) c2 = { 0 };
  g_auto (LoketCliRun) check = { 0 };
  g_auto (LoketCliRun) search = { 0 };
  g_auto (LoketCliRun) overdue = { 0 };

  loket_test_run_cliv (&d1, "demo", "--db", db1, "--cases", "300", "--seed", "7", "--now", "2026-11-20", "-q", NULL);
  g_assert_cmpint (d1.status, ==, 0);
  loket_test_run_cliv (&d2, "demo", "--db", db2, "--cases", "300", "--seed", "7", "--now", "2026-11-20", "-q", NULL);
  g_assert_cmpint (d2.status, ==, 0);

  /* Deterministic: the same seed and date give the same cases. */
  loket_test_run_cliv (&c1, "cases", "--db", db1, "--limit", "0", "--json", NULL);
  loket_test_run_cliv (&c2, "cases", "--db", db2, "--limit", "0", "--json", NULL);
  g_assert_cmpint (c1.status, ==, 0);
  g_assert_cmpstr (c1.out, ==, c2.out);
  o1 = parse_object (c1.out, p1);
  g_assert_cmpint (json_object_get_int_member (o1, "total"), ==, 300);
  cases = json_object_get_array_member (o1, "cases");
  g_assert_cmpuint (json_array_get_length (cases), ==, 300);

  /* Every state occurs. */
  {
    g_autoptr (GHashTable) states = g_hash_table_new (g_str_hash, g_str_equal);
    for (guint i = 0; i < json_array_get_length (cases); i++)
      {
        JsonObject *c = json_array_get_object_element (cases, i);
        g_hash_table_add (states, (gpointer) json_object_get_string_member (c, "status"));
        if (name == NULL && !json_object_get_null_member (c, "nik"))
          name = json_object_get_string_member (c, "applicant");
      }
    g_assert_cmpuint (g_hash_table_size (states), >=, 6);
  }

  /* Search by the applicant's family name narrows the list. */
  g_assert_nonnull (name);
  loket_test_run_cliv (&search, "cases", "--db", db1, "--search", strrchr (name, ' ') + 1, "--json", NULL);
  g_assert_cmpint (search.status, ==, 0);
  o2 = parse_object (search.out, p2);
  g_assert_cmpint (json_object_get_int_member (o2, "total"), >, 0);
  g_assert_cmpint (json_object_get_int_member (o2, "total"), <, 300);

  loket_test_run_cliv (&overdue, "cases", "--db", db1, "--overdue", NULL);
  g_assert_cmpint (overdue.status, ==, 0);

  loket_test_run_cliv (&check, "check", "--db", db1, NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_nonnull (strstr (check.out, " 0 problems"));
}

static void
test_tampered_event_is_reported (void)
{
  g_autofree char *db = tmp_path ("tamper.db");
  g_autofree char *sql = NULL;
  g_autofree char *stdout_text = NULL;
  g_autoptr (GError) error = NULL;
  int wait_status = 0;
  g_auto (LoketCliRun) demo = { 0 };
  g_auto (LoketCliRun) check = { 0 };
  const char *argv[] = { "sqlite3", db, NULL, NULL };

  loket_test_run_cliv (&demo, "demo", "--db", db, "--cases", "50", "--seed", "3", "-q", NULL);
  g_assert_cmpint (demo.status, ==, 0);

  /* Change one stored event body behind the store's back, as an attacker with file access could. */
  argv[2] = "UPDATE events SET body = replace(body, 'Permohonan', 'Permintaan') "
            "WHERE rowid = (SELECT min(rowid) FROM events WHERE type = 'case.registered');";
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &stdout_text, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  loket_test_run_cliv (&check, "check", "--db", db, NULL);
  g_assert_cmpint (check.status, ==, 1);
  g_assert_nonnull (strstr (check.out, "hash"));
  g_assert_nonnull (strstr (check.out, "case "));
}

static void
test_bad_files (void)
{
  g_autofree char *junk = tmp_path ("junk.db");
  g_autofree char *notdir = tmp_path ("plain-file");
  g_autofree char *under_file = g_build_filename (notdir, "sub", "x.db", NULL);
  g_autofree char *missing = tmp_path ("missing.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len_before, len_after;
  g_auto (LoketCliRun) r1 = { 0 };
  g_auto (LoketCliRun) r2 = { 0 };
  g_auto (LoketCliRun) r3 = { 0 };
  g_auto (LoketCliRun) r4 = { 0 };

  g_assert_true (g_file_set_contents (junk, "this is not a database, just text\n", -1, NULL));
  g_file_get_contents (junk, &before, &len_before, NULL);
  loket_test_run_cliv (&r1, "cases", "--db", junk, NULL);
  g_assert_cmpint (r1.status, ==, 1);
  g_assert_cmpuint (strlen (r1.err), >, 10);
  g_file_get_contents (junk, &after, &len_after, NULL);
  g_assert_cmpmem (before, len_before, after, len_after);

  loket_test_run_cliv (&r2, "check", "--db", junk, NULL);
  g_assert_cmpint (r2.status, ==, 1);

  g_assert_true (g_file_set_contents (notdir, "x", -1, NULL));
  loket_test_run_cliv (&r3, "demo", "--db", under_file, "--cases", "3", "-q", NULL);
  g_assert_cmpint (r3.status, ==, 1);
  g_assert_cmpuint (strlen (r3.err), >, 10);

  loket_test_run_cliv (&r4, "cases", "--db", missing, NULL);
  g_assert_cmpint (r4.status, ==, 1);
  g_assert_nonnull (strstr (r4.err, "missing.db"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* A malformed catalog file stops every command with the file and the JSON path named. */
static void
test_corrupt_catalog (void)
{
  g_autofree char *dir = tmp_path ("bad-catalog");
  g_autofree char *src = g_build_filename (g_getenv ("LOKET_SOURCE_ROOT"), "data", "catalog",
                                           "dinsos-ntt.json", NULL);
  g_autofree char *dst = g_build_filename (dir, "dinsos-ntt.json", NULL);
  g_autofree char *db = tmp_path ("catalog.db");
  g_autofree char *text = NULL;
  g_autoptr (GString) broken = NULL;
  g_auto (LoketCliRun) r1 = { 0 };
  g_auto (LoketCliRun) r2 = { 0 };
  char *unit;

  g_assert_true (g_file_get_contents (src, &text, NULL, NULL));
  broken = g_string_new (text);
  /* Misspell the first SLA unit: "hari_kerja" → "hri_kerja". */
  unit = strstr (broken->str, "\"unit\": \"hari_kerja\"");
  g_assert_nonnull (unit);
  g_string_erase (broken, unit - broken->str + strlen ("\"unit\": \"h"), 1);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (dst, broken->str, -1, NULL));

  g_setenv ("LOKET_CATALOG_DIR", dir, TRUE);
  loket_test_run_cliv (&r1, "services", NULL);
  loket_test_run_cliv (&r2, "demo", "--db", db, "--cases", "3", "-q", NULL);
  g_unsetenv ("LOKET_CATALOG_DIR");

  g_assert_cmpint (r1.status, ==, 1);
  g_assert_nonnull (strstr (r1.err, "dinsos-ntt.json"));
  g_assert_nonnull (strstr (r1.err, "$.services["));
  g_assert_nonnull (strstr (r1.err, "hri_kerja"));
  g_assert_cmpint (r2.status, ==, 1);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("loket-cli-XXXXXX", NULL);
  g_test_add_func ("/loket/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/loket/cli/services-json", test_services_json);
  g_test_add_func ("/loket/cli/demo-cases-check", test_demo_cases_check);
  g_test_add_func ("/loket/cli/tampered-event", test_tampered_event_is_reported);
  g_test_add_func ("/loket/cli/bad-files", test_bad_files);
  g_test_add_func ("/loket/cli/corrupt-catalog", test_corrupt_catalog);
  ret = g_test_run ();
  loket_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
