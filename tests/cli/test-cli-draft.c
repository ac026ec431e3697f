// SPDX-License-Identifier: GPL-3.0-or-later
// loket-cli draft new/revise/list and letter --draft end to end: versions, stale revisions,
// bad input exits non-zero and records nothing, no half-written PDF.
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <poppler.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "loket-test-utils.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static char *tmpdir;
static char *db;

/* An open case of the demo database. */
static char *
open_case (void)
{
  g_auto (LoketCliRun) r = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *cases;

  loket_test_run_cliv (&r, "cases", "--db", db, "--json", "--limit", "0", NULL);
  g_assert_cmpint (r.status, ==, 0);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  cases
    = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      if (g_strcmp0 (json_object_get_string_member (c, "status"), "closed") != 0)
        return g_strdup (json_object_get_string_member (c, "uuid"));
    }
  g_assert_not_reached ();
}

static char *
pdf_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  g_autoptr (PopplerDocument) doc = poppler_document_new_from_file (uri, NULL, &error);
  g_autoptr (GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  GString         *text = g_string_new (NULL);
  g_autofree char *raw = NULL;

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);

      g_string_append (text, t);
      g_string_append_c (text, '\n');
    }
  raw = g_string_free (text, FALSE);
  return g_regex_replace_literal (spaces, raw, -1, 0, " ", 0, NULL);
}

static guint
n_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
assert_fails (LoketCliRun *r, int status, const char *needle)
{
  g_assert_cmpint (r->status, ==, status);
  if (strstr (r->err, needle) == NULL)
    g_error ("“%s” not in the error output: %s", needle, r->err);
}

static void
test_versions (void)
{
  g_autofree char *kase = open_case ();
  g_autofree char *draft = NULL;
  g_autofree char *v1_pdf = g_build_filename (tmpdir, "v1.pdf", NULL);
  g_autofree char *v2_pdf = g_build_filename (tmpdir, "v2.pdf", NULL);
  g_autofree char *v1_text = NULL;
  g_autofree char *v2_text = NULL;

  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "new", "--db", db, "--case", kase, "--kind", "rekomendasi",
                         "--author", "kopnakertrans-ntt/p-kasi-p3tk", NULL);
    g_assert_cmpint (r.status, ==, 0);
    draft = g_strstrip (g_strdup (r.out));
    g_assert_true (g_uuid_string_is_valid (draft));
  }
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "revise", "--db", db, "--draft", draft, "--paragraph",
                         "2=Setelah rapat tim teknis permohonan ini dapat kami setujui.", "--field",
                         "hal=Rekomendasi Hasil Rapat", "--note", "paragraf dua", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "2\n");
  }
  /* a change based on version 1 is stale now */
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "revise", "--db", db, "--draft", draft, "--version", "1",
                         "--paragraph", "1=Terlambat.", NULL);
    assert_fails (&r, 1, "version 2 was saved");
  }
  {
    g_auto (LoketCliRun) r = { 0 };
    g_auto (GStrv) lines = NULL;

    loket_test_run_cliv (&r, "draft", "list", "--db", db, "--case", kase, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpuint (n_lines (r.out), ==, 2);
    lines = g_strsplit (r.out, "\n", -1);
    g_assert_true (g_str_has_prefix (lines[0], draft));
    g_assert_nonnull (strstr (lines[0], "\t1\trekomendasi\t"));
    g_assert_nonnull (strstr (lines[1], "\t2\trekomendasi\t"));
    g_assert_true (g_str_has_suffix (lines[1], "\tparagraf dua"));
  }

  /* each version renders as it was saved */
  {
    g_auto (LoketCliRun) r1 = { 0 };
    g_auto (LoketCliRun) r2 = { 0 };

    loket_test_run_cliv (&r1, "letter", "--db", db, "--draft", draft, "--version", "1", "-o",
                         v1_pdf, NULL);
    g_assert_cmpint (r1.status, ==, 0);
    loket_test_run_cliv (&r2, "letter", "--db", db, "--draft", draft, "-o", v2_pdf, NULL);
    g_assert_cmpint (r2.status, ==, 0);
  }
  v1_text = pdf_text (v1_pdf);
  v2_text = pdf_text (v2_pdf);
  g_assert_null (strstr (v1_text, "Setelah rapat tim teknis"));
  g_assert_nonnull (
    strstr (v2_text, "Setelah rapat tim teknis permohonan ini dapat kami setujui."));
  g_assert_nonnull (strstr (v2_text, "Rekomendasi Hasil Rapat"));
  g_assert_nonnull (strstr (v1_text, "Berdasarkan hasil pemeriksaan berkas"));
}

/* `loket-cli rebuild` refills the letter_drafts table from the events. */
static void
test_rebuild (void)
{
  g_autofree char *kase = open_case ();
  g_autofree char *before = NULL;
  sqlite3         *handle = NULL;

  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "list", "--db", db, "--case", kase, NULL);
    g_assert_cmpint (r.status, ==, 0);
    before = g_strdup (r.out);
    g_assert_cmpuint (n_lines (before), >=, 2);
  }
  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM letter_drafts", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (handle);
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "list", "--db", db, "--case", kase, NULL);
    g_assert_cmpstr (r.out, ==, "");
  }
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "rebuild", "--db", db, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "list", "--db", db, "--case", kase, NULL);
    g_assert_cmpstr (r.out, ==, before);
  }
}

static void
test_bad_input (void)
{
  g_autofree char *kase = open_case ();
  g_autofree char *draft = NULL;
  g_autofree char *out = g_build_filename (tmpdir, "ro", "letter.pdf", NULL);
  g_autofree char *ro = g_path_get_dirname (out);
  guint            before;

  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "new", "--db", db, "--case", "00999/NOPE/2026", "--kind",
                         "rekomendasi", NULL);
    assert_fails (&r, 1, "No case");
  }
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "new", "--db", db, "--case", kase, "--kind", "tidak_ada",
                         NULL);
    assert_fails (&r, 1, "tidak_ada");
  }
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "new", "--db", db, "--case", kase, NULL);
    assert_fails (&r, 2, "--kind");
  }
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "list", "--db", db, "--case", kase, NULL);
    g_assert_cmpint (r.status, ==, 0);
    before = n_lines (r.out);
  }
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "new", "--db", db, "--case", kase, "--kind", "surat_izin",
                         NULL);
    g_assert_cmpint (r.status, ==, 0);
    draft = g_strstrip (g_strdup (r.out));
  }
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "revise", "--db", db, "--draft", draft, "--paragraph", "99=x",
                         NULL);
    assert_fails (&r, 1, "no paragraph 99");
  }
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "revise", "--db", db, "--draft", draft, "--field",
                         "Bad Name=x", NULL);
    assert_fails (&r, 1, "--field");
  }
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "revise", "--db", db, "--draft", "no-such-draft",
                         "--paragraph", "1=x", NULL);
    assert_fails (&r, 1, "no-such-draft");
  }
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "letter", "--db", db, "--draft", draft, "--version", "7", "-o", out,
                         NULL);
    assert_fails (&r, 1, "no version 7");
  }
  /* nothing was revised by the refusals */
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "draft", "list", "--db", db, "--case", kase, NULL);
    g_assert_cmpuint (n_lines (r.out), ==, before + 1);
  }
  /* an unwritable folder: an error, and no PDF (nor a temporary file) is left */
  g_assert_cmpint (g_mkdir (ro, 0500), ==, 0);
  {
    g_auto (LoketCliRun) r = { 0 };
    g_autoptr (GDir) dir = NULL;

    loket_test_run_cliv (&r, "letter", "--db", db, "--draft", draft, "-o", out, NULL);
    if (getuid () != 0)
      {
        assert_fails (&r, 1, "letter.pdf");
        dir = g_dir_open (ro, 0, NULL);
        g_assert_null (g_dir_read_name (dir));
      }
  }
  g_chmod (ro, 0700);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("loket-cli-draft-XXXXXX", NULL);
  db = g_build_filename (tmpdir, "drafts.db", NULL);
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "demo", "--db", db, "--cases", "30", "--seed", "5", "--agency",
                         "kopnakertrans-ntt", "--now", "2026-11-20", "-q", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_test_add_func ("/loket/cli/draft/versions", test_versions);
  g_test_add_func ("/loket/cli/draft/bad-input", test_bad_input);
  g_test_add_func ("/loket/cli/draft/rebuild", test_rebuild);
  ret = g_test_run ();
  loket_test_remove_tree (tmpdir);
  g_free (db);
  g_free (tmpdir);
  return ret;
}
