// SPDX-License-Identifier: GPL-3.0-or-later
// loket-cli dispose and inbox end to end: refusals exit 1 and record nothing.
#include <glib/gstdio.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <gio/gio.h>

#include "loket-test-utils.h"

#define AG "kopnakertrans-ntt/"

static char *tmpdir;
static char *db;

static JsonObject *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* An open case of the demo database and its event count. */
static char *
open_case (gint64 *n_events)
{
  g_auto (LoketCliRun) r = { 0 };
  g_autoptr (JsonObject) root = NULL;
  JsonArray *cases;

  loket_test_run_cliv (&r, "cases", "--db", db, "--json", "--limit", "0", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse (r.out);
  cases = json_object_get_array_member (root, "cases");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      if (g_strcmp0 (json_object_get_string_member (c, "status"), "closed") != 0)
        {
          *n_events = json_object_get_int_member (c, "events");
          return g_strdup (json_object_get_string_member (c, "uuid"));
        }
    }
  g_assert_not_reached ();
}

static gint64
events_of (const char *uuid)
{
  g_auto (LoketCliRun) r = { 0 };
  g_autoptr (JsonObject) root = NULL;
  JsonArray *cases;

  loket_test_run_cliv (&r, "cases", "--db", db, "--json", "--limit", "0", NULL);
  root = parse (r.out);
  cases = json_object_get_array_member (root, "cases");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      if (g_strcmp0 (json_object_get_string_member (c, "uuid"), uuid) == 0)
        return json_object_get_int_member (c, "events");
    }
  g_assert_not_reached ();
}

static void
test_refusals (void)
{
  gint64 n = 0;
  g_autofree char *kase = open_case (&n);
  static const struct
  {
    const char *as, *to, *due, *expect;
  } refused[] = {
    { AG "p-kadis", AG "kabid-yang-tidak-ada", NULL, "no position" },
    { AG "p-kadis", AG "kabid-ketenagakerjaan", "2020-01-01", "in the past" },
    { AG "p-p3tk-1", AG "kabid-ketenagakerjaan", NULL, "cannot dispose" },
    { AG "p-kadis", AG "kasi-p3tk", NULL, "directly below" },
    { "orang-asing", AG "kabid-ketenagakerjaan", NULL, "not a person" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto (LoketCliRun) r = { 0 };

      if (refused[i].due != NULL)
        loket_test_run_cliv (&r, "dispose", "--db", db, "--case", kase, "--as", refused[i].as, "--to",
                 refused[i].to, "--instruction", "untuk_ditindaklanjuti", "--due", refused[i].due,
                 NULL);
      else
        loket_test_run_cliv (&r, "dispose", "--db", db, "--case", kase, "--as", refused[i].as, "--to",
                 refused[i].to, "--instruction", "untuk_ditindaklanjuti", NULL);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, refused[i].expect));
      g_assert_cmpstr (r.out, ==, "");
    }
  g_assert_cmpint (events_of (kase), ==, n);

  /* Usage errors: exit 2. */
  {
    g_auto (LoketCliRun) r = { 0 };
    loket_test_run_cliv (&r, "dispose", "--db", db, "--case", kase, "--as", AG "p-kadis", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "--to"));
  }
  {
    g_auto (LoketCliRun) r = { 0 };
    loket_test_run_cliv (&r, "dispose", "--db", db, "--case", kase, "--as", AG "p-kadis", "--to",
             AG "kabid-ketenagakerjaan", "--instruction", "untuk_diketahui", "--due", "besok", NULL);
    g_assert_cmpint (r.status, ==, 2);
  }
  g_assert_cmpint (events_of (kase), ==, n);
}

static void
test_dispose_and_inbox (void)
{
  gint64 n = 0;
  g_autofree char *kase = open_case (&n);
  g_auto (LoketCliRun) d = { 0 };
  g_auto (LoketCliRun) in = { 0 };
  g_auto (LoketCliRun) text = { 0 };
  g_auto (LoketCliRun) unknown = { 0 };
  g_autoptr (JsonObject) root = NULL;
  g_autofree char *id = NULL;
  JsonArray *incoming;
  gboolean found = FALSE;

  loket_test_run_cliv (&d, "dispose", "--db", db, "--case", kase, "--as", AG "p-kadis", "--to",
           AG "kabid-ketenagakerjaan", "--instruction", "untuk_ditindaklanjuti,koordinasikan",
           "--note", "Segera diproses", "--due", "2099-01-05", NULL);
  g_assert_cmpint (d.status, ==, 0);
  id = g_strstrip (g_strdup (d.out));
  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_cmpint (events_of (kase), ==, n + 1);

  loket_test_run_cliv (&in, "inbox", "--db", db, "--as", AG "p-kabid-ketenagakerjaan", "--json", "--limit", "1000", NULL);
  g_assert_cmpint (in.status, ==, 0);
  root = parse (in.out);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "counts"), "incoming"), >=, 1);
  incoming = json_object_get_array_member (json_object_get_object_member (root, "items"), "incoming");
  for (guint i = 0; i < json_array_get_length (incoming); i++)
    {
      JsonObject *item = json_array_get_object_element (incoming, i);
      JsonObject *disp = json_object_get_object_member (item, "disposition");

      if (g_strcmp0 (json_object_get_string_member (disp, "id"), id) != 0)
        continue;
      found = TRUE;
      g_assert_true (json_object_get_boolean_member (item, "unread"));
      g_assert_cmpstr (json_object_get_string_member (disp, "from"), ==, AG "kadis");
      g_assert_cmpstr (json_object_get_string_member (disp, "note"), ==, "Segera diproses");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (disp, "instructions")), ==, 2);
      g_assert_cmpstr (json_object_get_string_member (disp, "due_at"), ==, "2099-01-05T15:59:59Z");
    }
  g_assert_true (found);

  loket_test_run_cliv (&text, "inbox", "--db", db, "--as", AG "p-kabid-ketenagakerjaan", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Incoming dispositions"));

  loket_test_run_cliv (&unknown, "inbox", "--db", db, "--as", "orang-asing", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "not a person"));
}

static char *
run_ok (const char *first, ...)
{
  g_auto (LoketCliRun) r = { 0 };
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list ap;
  const char *arg;

  g_ptr_array_add (args, (gpointer) first);
  va_start (ap, first);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  loket_test_run_cli (&r, (const char *const *) args->pdata);
  if (r.status != 0)
    g_printerr ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  return g_strstrip (g_strdup (r.out));
}

static void
test_chain_and_history (void)
{
  gint64 n = 0;
  g_autofree char *kase = open_case (&n);
  g_autofree char *d1 = NULL, *d2 = NULL, *out = NULL, *history = NULL;
  g_autoptr (JsonObject) root = NULL;
  JsonArray *steps;
  g_auto (LoketCliRun) again = { 0 };

  d1 = run_ok ("dispose", "--db", db, "--case", kase, "--as", AG "p-kadis", "--to",
               AG "kabid-ketenagakerjaan", "--instruction", "pelajari_dan_laporkan", NULL);
  g_free (run_ok ("disposition", "--db", db, "--case", kase, "--as", AG "p-kabid-ketenagakerjaan",
                  "--read", d1, NULL));
  d2 = run_ok ("dispose", "--db", db, "--case", kase, "--as", AG "p-kabid-ketenagakerjaan", "--to",
               AG "kasi-p3tk", "--instruction", "siapkan_konsep_jawaban", "--parent", d1, NULL);
  out = run_ok ("disposition", "--db", db, "--case", kase, "--as", AG "p-kasi-p3tk", "--report", d2,
                "--note", "Konsep sudah disiapkan", NULL);
  g_assert_cmpstr (out, ==, "");

  /* A read disposition cannot be withdrawn: exit 1, a clear message. */
  loket_test_run_cliv (&again, "disposition", "--db", db, "--case", kase, "--as", AG "p-kadis", "--withdraw",
           d1, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "withdrawn"));

  history = run_ok ("disposition", "--db", db, "--case", kase, "--history", NULL);
  root = parse (history);
  g_assert_cmpstr (json_object_get_string_member (root, "holder"), ==, AG "kabid-ketenagakerjaan");
  steps = json_object_get_array_member (root, "history");
  g_assert_cmpuint (json_array_get_length (steps), >=, 4);
  {
    JsonObject *last = json_array_get_object_element (steps, json_array_get_length (steps) - 1);
    g_assert_cmpstr (json_object_get_string_member (last, "step"), ==, "reported");
    g_assert_cmpstr (json_object_get_string_member (last, "note"), ==, "Konsep sudah disiapkan");
    g_assert_cmpstr (json_object_get_string_member (last, "person"), ==, AG "p-kasi-p3tk");
  }
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("loket-cli-routing-XXXXXX", NULL);
  db = g_build_filename (tmpdir, "routing.db", NULL);
  {
    g_auto (LoketCliRun) r = { 0 };
    loket_test_run_cliv (&r, "demo", "--db", db, "--cases", "150", "--seed", "11", "--agency",
             "kopnakertrans-ntt", "--now", "2026-11-20", "-q", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_test_add_func ("/loket/cli/routing/refusals", test_refusals);
  g_test_add_func ("/loket/cli/routing/dispose-and-inbox", test_dispose_and_inbox);
  g_test_add_func ("/loket/cli/routing/chain-and-history", test_chain_and_history);
  ret = g_test_run ();
  loket_test_remove_tree (tmpdir);
  g_free (db);
  g_free (tmpdir);
  return ret;
}
