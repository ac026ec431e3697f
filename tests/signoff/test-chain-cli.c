// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli draft submit|paraf|return|comment|resolve|chain|queue|sign` on a real database:
// the engine's refusals reach the exit status and stderr, and the signed file passes pdfsig.
#include "config.h"

#include <string.h>

#include "loket-store-letter-drafts.h"
#include "loket-test-utils.h"
#include "pades-fixture.h"
#include "signoff-test-util.h"

#define AG SIGNOFF_AG

static LoketStore *
open_store (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (&error);
  g_autoptr (LoketWorkCalendar) calendar = loket_work_calendar_new_default (&error);
  g_autoptr (LoketCaseProjector) projector = loket_case_projector_new (catalog, calendar);
  LoketStore *store = loket_store_open (db, projector, &error);

  g_assert_no_error (error);
  return store;
}

static void run_ok (LoketCliRun *r, const char *first, ...) G_GNUC_NULL_TERMINATED;

static void
run_ok (LoketCliRun *r, const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  loket_cli_run_clear (r);
  loket_test_run_cli (r, (const char *const *) args->pdata);
  if (r->status != 0)
    g_printerr ("%s", r->err);
}

static void
test_cli_chain (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-chain-cli-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "loket.db", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "signed", NULL);
  g_autofree char *draft = NULL;
  g_autofree char *kase = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *report = NULL;
  g_autoptr (LoketStore) store = open_store (db);
  g_auto (LoketCliRun) r = { 0 };
  PadesFixture    *pki = pades_fixture_new ();
  g_autofree char *pdf = NULL;
  g_auto (GStrv) fields = NULL;

  kase = signoff_test_prepare (store, "0099/CLI/2026", FALSE, &draft);
  loket_store_close (store);
  g_clear_object (&store);

  run_ok (&r, "draft", "submit", "--db", db, "--case", kase, "--draft", draft, "--as",
          SIGNOFF_P_STAF, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, AG "kasi-p3tk"));

  /* Out of turn: refused, exit 1, the reason on stderr. */
  run_ok (&r, "draft", "paraf", "--db", db, "--case", kase, "--draft", draft, "--as",
          AG "p-kabid-ketenagakerjaan", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Kepala Seksi"));

  run_ok (&r, "draft", "queue", "--db", db, "--as", AG "p-kasi-p3tk", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, draft));
  run_ok (&r, "draft", "comment", "--db", db, "--case", kase, "--draft", draft, "--as",
          AG "p-kasi-p3tk", "--text", "Periksa NPWP", "--page", "1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  comment = g_strstrip (g_strdup (r.out));
  run_ok (&r, "draft", "paraf", "--db", db, "--case", kase, "--draft", draft, "--as",
          AG "p-kasi-p3tk", NULL);
  g_assert_cmpint (r.status, ==, 0);

  /* A return needs a note. */
  run_ok (&r, "draft", "return", "--db", db, "--case", kase, "--draft", draft, "--as",
          AG "p-kabid-ketenagakerjaan", NULL);
  g_assert_cmpint (r.status, ==, 1);
  run_ok (&r, "draft", "return", "--db", db, "--case", kase, "--draft", draft, "--as",
          AG "p-kabid-ketenagakerjaan", "--note", "Lengkapi dasar hukum", "--to", AG "p3tk-1",
          NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, AG "p3tk-1"));

  /* The drafter revises (the editor's job; here through the store) and resubmits. */
  store = open_store (db);
  {
    g_autoptr (LoketDraftVersion) v1 = loket_store_load_letter_draft (store, draft, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (loket_store_revise_letter_draft (store, draft, 1, SIGNOFF_P_STAF, AG "p3tk-1",
                                                       v1->content, "Dasar hukum", 0, &error),
                      ==, 2);
    g_assert_no_error (error);
  }
  loket_store_close (store);
  g_clear_object (&store);
  run_ok (&r, "draft", "resolve", "--db", db, "--case", kase, "--comment", comment, "--as",
          SIGNOFF_P_STAF, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_ok (&r, "draft", "submit", "--db", db, "--case", kase, "--draft", draft, "--as",
          SIGNOFF_P_STAF, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_ok (&r, "draft", "paraf", "--db", db, "--case", kase, "--draft", draft, "--as",
          AG "p-kasi-p3tk", "--version", "1", NULL);
  g_assert_cmpint (r.status, ==, 1); /* stale version */
  run_ok (&r, "draft", "paraf", "--db", db, "--case", kase, "--draft", draft, "--as",
          AG "p-kasi-p3tk", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_ok (&r, "draft", "paraf", "--db", db, "--case", kase, "--draft", draft, "--as",
          AG "p-kabid-ketenagakerjaan", NULL);
  g_assert_cmpint (r.status, ==, 0);

  /* Signing before the last paraf: nothing to sign. */
  run_ok (&r, "draft", "sign", "--db", db, "--case", kase, "--draft", draft, "--as",
          SIGNOFF_P_KADIS, "--key", pki->signer_p12, "--password-file", pki->password_file, NULL);
  g_assert_cmpint (r.status, ==, 1);
  run_ok (&r, "draft", "paraf", "--db", db, "--case", kase, "--draft", draft, "--as",
          AG "p-sekretaris", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, AG "kadis"));

  run_ok (&r, "draft", "sign", "--db", db, "--all", "--as", SIGNOFF_P_KADIS, "--key",
          pki->signer_p12, "--password-file", pki->password_file, "--output", out_dir, NULL);
  g_assert_cmpint (r.status, ==, 0);
  fields = g_strsplit (g_strstrip (r.out), "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 4);
  g_assert_cmpstr (fields[0], ==, draft);
  pdf = g_strdup_printf ("%s/%s.pdf", out_dir, fields[1]);
  g_assert_cmpint (loket_test_run_tool (&report, "pdfsig", pdf, NULL), ==, 0);
  g_assert_nonnull (strstr (report, "Signature is Valid."));

  run_ok (&r, "draft", "chain", "--db", db, "--case", kase, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "signed"));
  g_assert_nonnull (strstr (r.out, "Lengkapi dasar hukum"));

  /* The tables are projections: a rebuild and a check agree with the events. */
  run_ok (&r, "rebuild", "--db", db, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_ok (&r, "check", "--db", db, NULL);
  g_assert_cmpint (r.status, ==, 0);

  pades_fixture_free (pki);
  loket_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loket/signoff/cli-chain", test_cli_chain);
  return g_test_run ();
}
