// SPDX-License-Identifier: GPL-3.0-or-later
// Reference data from the server (PROTOCOL.md "Reference data"): `loket-cli sync` downloads the
// org chart, catalog, holidays and accounts of the user's agency from a real loket-server,
// stores them per server, asks again only for what changed (If-None-Match), and a damaged
// document is refused with the previous copy kept.
#include "config.h"

#include <string.h>

#include "loket-error.h"
#include "loket-sync-reference.h"
#include "sync-fixture.h"

static char *
read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
sync_ok (SyncCluster *c, const char *db, char **output)
{
  if (!sync_run_cli (c, db, c->url, "staf", output))
    g_error ("sync failed: %s", *output);
}

static void
assert_refused (const char *dir, const char *name, const char *agency, const char *bytes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) damaged = g_bytes_new (bytes, strlen (bytes));
  g_autofree char *before = loket_sync_reference_get_version (dir, name, SYNC_AGENCY);
  g_autofree char *after = NULL;

  g_assert_false (loket_sync_reference_save (dir, name, agency, damaged, &error));
  g_assert_nonnull (error);
  g_test_message ("%s refused: %s", name, error->message);
  after = loket_sync_reference_get_version (dir, name, SYNC_AGENCY);
  g_assert_cmpstr (after, ==, before);
}

static void
test_download (void)
{
  g_autoptr (SyncCluster) c = sync_cluster_start ();
  g_autofree char *xdg = g_build_filename (c->dir, "xdg", NULL);
  g_autofree char *db = g_build_filename (c->dir, "pc.db", NULL);
  g_autofree char *host = g_strdup_printf ("127.0.0.1_%d", c->port);
  g_autofree char *dir = g_build_filename (xdg, "loket", "reference", host, NULL);
  g_autofree char *org_path = g_build_filename (dir, "org", SYNC_AGENCY ".json", NULL);
  g_autofree char *catalog_path = g_build_filename (dir, "catalog", SYNC_AGENCY ".json", NULL);
  g_autofree char *holidays_2026 = g_build_filename (dir, "holidays", "2026.json", NULL);
  g_autofree char *accounts_path = g_build_filename (dir, "accounts.json", NULL);
  g_autofree char *org_source
    = g_build_filename (g_getenv ("LOKET_SOURCE_ROOT"), "data", "org", SYNC_AGENCY ".json", NULL);
  g_autofree char *catalog_source = g_build_filename (g_getenv ("LOKET_SOURCE_ROOT"), "data",
                                                      "catalog", SYNC_AGENCY ".json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autofree char *accounts = NULL;
  g_autofree char *version = NULL;

  /* The loket-cli processes inherit it. */
  g_setenv ("XDG_DATA_HOME", xdg, TRUE);

  sync_ok (c, db, &out);
  g_assert_nonnull (strstr (out, "reference data: 4 documents updated"));
  /* Byte for byte what the server serves (data/ files for org chart and catalog). */
  expected = read_text (org_source);
  got = read_text (org_path);
  g_assert_cmpstr (got, ==, expected);
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&got, g_free);
  expected = read_text (catalog_source);
  got = read_text (catalog_path);
  g_assert_cmpstr (got, ==, expected);
  g_assert_true (g_file_test (holidays_2026, G_FILE_TEST_IS_REGULAR));
  accounts = read_text (accounts_path);
  g_assert_nonnull (strstr (accounts, "\"kadis\""));
  g_assert_null (strstr (accounts, "hash"));

  /* Nothing changed: the server answers 304 to every If-None-Match. */
  g_clear_pointer (&out, g_free);
  sync_ok (c, db, &out);
  g_assert_nonnull (strstr (out, "reference data: 0 documents updated"));

  /* A local copy that no longer matches the server's version is downloaded again. */
  g_assert_true (g_file_set_contents (org_path, "{\"broken\": true}", -1, NULL));
  g_clear_pointer (&out, g_free);
  sync_ok (c, db, &out);
  g_assert_nonnull (strstr (out, "reference data: 1 documents updated"));
  g_clear_pointer (&got, g_free);
  got = read_text (org_path);
  g_clear_pointer (&expected, g_free);
  expected = read_text (org_source);
  g_assert_cmpstr (got, ==, expected);

  /* The app and loket-cli load the downloaded org chart (only this agency's) … */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (LoketOrgChart) chart = loket_sync_reference_org_chart_new (dir, &error);
    g_autoptr (LoketServiceCatalog) catalog = loket_sync_reference_catalog_new (dir, &error);
    g_autoptr (LoketOrgChart) builtin = loket_sync_reference_org_chart_new (NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (loket_org_chart_get_agency_ids (chart)->len, ==, 1);
    g_assert_cmpstr (loket_org_chart_get_agency_ids (chart)->pdata[0], ==, SYNC_AGENCY);
    g_assert_cmpuint (loket_service_catalog_get_agencies (catalog)->len, ==, 1);
    /* … and the built-in one without a server. */
    g_assert_cmpuint (loket_org_chart_get_agency_ids (builtin)->len, >, 1);
  }

  /* loket-cli with LOKET_SERVER_URL lists the downloaded catalog, without it the built-in one. */
  {
    g_autofree char *cli
      = g_build_filename (g_getenv ("LOKET_BUILD_ROOT"), "src", "cli", "loket-cli", NULL);
    const char      *argv_cli[] = { cli, "services", "--json", NULL };
    g_autofree char *with_server = NULL;
    g_autofree char *without = NULL;
    int              status = -1;

    g_setenv ("LOKET_SERVER_URL", c->url, TRUE);
    g_assert_true (g_spawn_sync (NULL, (char **) argv_cli, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &with_server, NULL, &status, NULL));
    g_assert_cmpint (status, ==, 0);
    g_unsetenv ("LOKET_SERVER_URL");
    g_assert_true (g_spawn_sync (NULL, (char **) argv_cli, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &without, NULL, &status, NULL));
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (with_server, "kopnakertrans-ntt/"));
    g_assert_null (strstr (with_server, "dinsos-ntt/"));
    g_assert_nonnull (strstr (without, "dinsos-ntt/"));

    /* A command on the database checks acts against the downloaded org chart. */
    {
      const char *argv_inbox[]
        = { cli, "inbox", "--db", db, "--as", "kopnakertrans-ntt/p-kadis", "--json", NULL };
      g_autofree char *inbox = NULL;
      g_autofree char *inbox_err = NULL;

      g_setenv ("LOKET_SERVER_URL", c->url, TRUE);
      g_assert_true (g_spawn_sync (NULL, (char **) argv_inbox, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &inbox, &inbox_err, &status, NULL));
      g_unsetenv ("LOKET_SERVER_URL");
      g_test_message ("inbox: %s %s", inbox, inbox_err);
      g_assert_cmpint (status, ==, 0);
    }
  }

  /* A damaged document is refused by the app's own loaders; the previous copy stays. */
  version = loket_sync_reference_get_version (dir, "org-chart", SYNC_AGENCY);
  g_assert_nonnull (version);
  assert_refused (dir, "org-chart", SYNC_AGENCY, "{\"agency\": {\"id\": 5}}");
  assert_refused (dir, "org-chart", SYNC_AGENCY, "not json");
  assert_refused (dir, "catalog", SYNC_AGENCY, "{\"agency\": {}, \"services\": 3}");
  assert_refused (dir, "holidays", SYNC_AGENCY, "[{\"year\": 2026, \"holidays\": 7}]");
  assert_refused (dir, "holidays", SYNC_AGENCY, "{}");
  assert_refused (dir, "accounts", SYNC_AGENCY, "[{\"username\": \"x\"}]");
  /* Another agency's org chart is not this agency's. */
  {
    g_autofree char *other_path
      = g_build_filename (g_getenv ("LOKET_SOURCE_ROOT"), "data", "org", "dinsos-ntt.json", NULL);
    g_autofree char *other = read_text (other_path);

    assert_refused (dir, "org-chart", SYNC_AGENCY, other);
  }
  /* An agency id that is not a file name. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) bytes = g_bytes_new_static ("[]", 2);

    g_assert_false (loket_sync_reference_save (dir, "accounts", "../etc", bytes, &error));
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  }
  g_clear_pointer (&got, g_free);
  got = loket_sync_reference_get_version (dir, "org-chart", SYNC_AGENCY);
  g_assert_cmpstr (got, ==, version);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/reference/download", test_download);
  return g_test_run ();
}
