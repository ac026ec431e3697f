// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli intake` and `loket-cli drafts` end to end: the real executable on real files.
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "loket-test-utils.h"

#define AKAD "kopnakertrans-ntt/rekomendasi-rekrutmen-akad"

static char *tmpdir;

static char *
tmp_file (const char *name, const char *contents, gssize len)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

/* The number of events in @db, from `loket-cli check`; 0 when it does not exist. */
static guint
count_events (const char *db)
{
  g_auto (LoketCliRun) r = { 0 };
  const char *args[] = { "check", "--db", db, NULL };
  guint n = 0;

  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    return 0;
  loket_test_run_cli (&r, args);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (sscanf (r.out, "%u events", &n), ==, 1);
  return n;
}

static void
test_intake_ok (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "ok.db", NULL);
  g_autofree char *party = tmp_file ("org.json", "{\"kind\":\"organisation\",\"name\":\"PT Maju\"}", -1);
  g_autofree char *pdf = tmp_file ("spp.pdf", "%PDF-1.4\nisi\n", -1);
  g_autofree char *attach = g_strconcat ("r1=", pdf, NULL);
  g_autoptr (JsonNode) out = NULL;
  g_auto (LoketCliRun) r = { 0 };
  const char *args[] = { "intake", "--db", db, "--service", AKAD, "--channel", "surat",
                         "--party-json", party, "--attach", attach, "--check", "r2", "--check",
                         "r3", "--check", "r4", "--complete", "--subject", "Rekomendasi AKAD",
                         "--json", NULL };

  loket_test_run_cli (&r, args);
  g_assert_cmpint (r.status, ==, 0);
  out = json_from_string (r.out, NULL);
  g_assert_nonnull (out);
  g_assert_true (g_uuid_string_is_valid (
    json_object_get_string_member (json_node_get_object (out), "case_uuid")));
  g_assert_true (g_str_has_prefix (
    json_object_get_string_member (json_node_get_object (out), "agenda_number"), "00001-"));
  g_assert_nonnull (strstr (
    json_object_get_string_member (json_node_get_object (out), "agenda_number"), "/KTKT/"));
  /* registered, 4 checks, 1 document, declared complete */
  g_assert_cmpuint (count_events (db), ==, 7);

  {
    g_auto (LoketCliRun) c = { 0 };
    const char *cases[] = { "cases", "--db", db, "--json", NULL };
    loket_test_run_cli (&c, cases);
    g_assert_cmpint (c.status, ==, 0);
    g_assert_nonnull (strstr (c.out, "\"in_process\""));
    g_assert_nonnull (strstr (c.out, "PT Maju"));
  }
  {
    g_auto (LoketCliRun) d = { 0 };
    const char *drafts[] = { "drafts", "--db", db, NULL };
    loket_test_run_cli (&d, drafts);
    g_assert_cmpint (d.status, ==, 0);
    g_assert_nonnull (strstr (d.out, "0 drafts"));
  }
}

static void
test_intake_bad_input (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "bad.db", NULL);
  g_autofree char *person = tmp_file ("p.json", "{\"kind\":\"person\",\"nik\":\"5371014101900002\",\"name\":\"Maria\"}", -1);
  g_autofree char *bad_nik = tmp_file ("bad.json", "{\"kind\":\"person\",\"nik\":\"1234\",\"name\":\"Maria\"}", -1);
  g_autofree char *not_json = tmp_file ("x.json", "{kind", -1);
  g_autofree char *fake = tmp_file ("laporan.pdf", "\x89PNG\r\n\x1a\nxxxxxxxx", 16);
  g_autofree char *big = tmp_file ("besar.pdf", "%PDF-1.4\n0123456789012345678901234567890123456789", -1);
  g_autofree char *fake_attach = g_strconcat ("r1=", fake, NULL);
  g_autofree char *big_attach = g_strconcat ("r1=", big, NULL);
  g_autofree char *missing_attach = g_strconcat ("r1=", tmpdir, "/tidak-ada.pdf", NULL);
  static const char *needles[] = { "NIK", "Could not read", "not a PDF file", "too large",
                                   "tidak-ada.pdf", "missing:", "no requirement",
                                   "cannot be requested", "There is no service" };
  const char *const cases[][16] = {
    { "intake", "--db", db, "--service", AKAD, "--channel", "surat", "--party-json", bad_nik, NULL },
    { "intake", "--db", db, "--service", AKAD, "--channel", "surat", "--party-json", not_json, NULL },
    { "intake", "--db", db, "--service", AKAD, "--channel", "surat", "--party-json", person, "--attach", fake_attach, NULL },
    { "intake", "--db", db, "--service", AKAD, "--channel", "surat", "--party-json", person, "--attach", big_attach, "--limit", "20", NULL },
    { "intake", "--db", db, "--service", AKAD, "--channel", "surat", "--party-json", person, "--attach", missing_attach, NULL },
    { "intake", "--db", db, "--service", AKAD, "--channel", "surat", "--party-json", person, "--complete", NULL },
    { "intake", "--db", db, "--service", AKAD, "--channel", "surat", "--party-json", person, "--check", "r42", NULL },
    { "intake", "--db", db, "--service", AKAD, "--channel", "online", "--party-json", person, NULL },
    { "intake", "--db", db, "--service", "nope", "--channel", "surat", "--party-json", person, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (LoketCliRun) r = { 0 };

      loket_test_run_cli (&r, cases[i]);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, needles[i]));
      g_assert_cmpstr (r.out, ==, "");
      g_assert_cmpuint (count_events (db), ==, 0);
    }
  {
    g_auto (LoketCliRun) r = { 0 };
    const char *usage[] = { "intake", "--db", db, "--service", AKAD, NULL };
    loket_test_run_cli (&r, usage);
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto (LoketCliRun) r = { 0 };
    const char *usage[] = { "intake", "--db", db, "--service", AKAD, "--channel", "surat",
                            "--party-json", person, "--attach", "r1", NULL };
    loket_test_run_cli (&r, usage);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "REQUIREMENT=FILE"));
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("loket-test-cli-intake-XXXXXX", NULL);
  g_test_add_func ("/loket/cli/intake/ok", test_intake_ok);
  g_test_add_func ("/loket/cli/intake/bad-input", test_intake_bad_input);
  status = g_test_run ();
  loket_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
