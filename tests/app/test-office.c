// SPDX-License-Identifier: GPL-3.0-or-later
// UI tests of the office menu on a real demo database (suite 'ui', under Xvfb): the Reports
// window, Preferences with its validation messages, and Back Up / Restore with a damaged archive.

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "loket-backup.h"
#include "loket-demo.h"
#include "loket-office-profile.h"
#include "loket-store-report.h"
#include "loket-test-utils.h"
#include "loket-ui-test.h"
#include "loket-window-private.h"
#include "preferences/loket-preferences-window.h"
#include "reports/loket-report-view.h"

#define TIMEOUT_MS 60000

static char  *fixture_dir;
static char  *fixture_db;
static gint64 fixture_now;

static gboolean
list_counted (gpointer data)
{
  LoketCaseListModel *cases = loket_window_get_cases (data);

  return cases != NULL && !loket_case_list_model_get_loading (cases);
}

static gpointer
find_toplevel (GType type, gpointer not_this)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && w != not_this
          && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
report_counted (gpointer data)
{
  return !loket_report_view_is_loading (data) && loket_report_view_get_report (data) != NULL;
}

static void
save_screenshot (GtkWidget *window, const char *name)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (
    g_getenv ("G_TEST_BUILDDIR") != NULL ? g_getenv ("G_TEST_BUILDDIR") : ".", name, NULL);
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static LoketWindow *
open_window (void)
{
  LoketWindow *window = loket_window_new (NULL);

  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  loket_window_set_now (window, fixture_now);
  loket_window_open (window, fixture_db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (loket_test_wait_until (list_counted, window, TIMEOUT_MS));
  return window;
}

typedef struct
{
  gboolean done;
  gboolean ok;
  char    *error;
} Wait;

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->done;
}

static void
exported_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;
  g_autoptr (GError) error = NULL;

  w->ok = loket_report_view_export_finish (LOKET_REPORT_VIEW (source), result, &error);
  w->error = error != NULL ? g_strdup (error->message) : NULL;
  w->done = TRUE;
}

static void
holidays_imported_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;
  g_autoptr (GError) error = NULL;

  w->ok = loket_preferences_window_import_holidays_finish (LOKET_PREFERENCES_WINDOW (source),
                                                           result, &error);
  w->error = error != NULL ? g_strdup (error->message) : NULL;
  w->done = TRUE;
}

static void
test_reports_window (void)
{
  LoketWindow            *window = open_window ();
  LoketReportView        *view;
  LoketReport            *report;
  const LoketReportTable *services;
  const LoketReportRow   *total;
  g_autofree char        *csv_path = g_build_filename (fixture_dir, "report.csv", NULL);
  g_autofree char        *pdf_path = g_build_filename (fixture_dir, "report.pdf", NULL);
  g_autofree char        *csv = NULL;
  g_autoptr (GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr (GFile) pdf_file = g_file_new_for_path (pdf_path);
  Wait   w = { 0 }, w2 = { 0 };
  GDate  from, to;
  double received_year;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reports", NULL));
  view = find_toplevel (LOKET_TYPE_REPORT_VIEW, NULL);
  g_assert_nonnull (view);
  g_assert_true (loket_test_wait_until (report_counted, view, TIMEOUT_MS));
  report = loket_report_view_get_report (view);
  services = loket_report_get_table (report, "services");
  total = loket_report_table_lookup (services, "");
  g_assert_nonnull (total);
  received_year = total->values[LOKET_REPORT_SERVICE_RECEIVED];
  g_assert_cmpfloat (received_year, >, 0);
  g_assert_cmpuint (report->tables->len, ==, 4);
  /* Let it draw (chart and tables), then keep a picture of it. */
  gtk_window_set_default_size (GTK_WINDOW (view), 1180, 800);
  loket_test_wait_until (widget_mapped, view, TIMEOUT_MS);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  save_screenshot (GTK_WIDGET (view), "reports.png");

  /* A shorter period counts fewer cases. */
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 7, 2026);
  g_date_set_dmy (&to, 31, 7, 2026);
  loket_report_view_set_period (view, &from, &to);
  g_assert_true (loket_report_view_is_loading (view));
  g_assert_true (loket_test_wait_until (report_counted, view, TIMEOUT_MS));
  report = loket_report_view_get_report (view);
  total = loket_report_table_lookup (loket_report_get_table (report, "services"), "");
  g_assert_cmpfloat (total->values[LOKET_REPORT_SERVICE_RECEIVED], <, received_year);

  /* Export (what the Export menu does after the file chooser). */
  loket_report_view_export_async (view, "csv", csv_file, NULL, exported_cb, &w);
  g_assert_true (loket_test_wait_until (wait_done, &w, TIMEOUT_MS));
  g_assert_true (w.ok);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "Laporan Kinerja Pelayanan\r\n"));
  g_assert_nonnull (strstr (csv, "1 Juli 2026 s.d. 31 Juli 2026"));
  loket_report_view_export_async (view, "pdf", pdf_file, NULL, exported_cb, &w2);
  g_assert_true (loket_test_wait_until (wait_done, &w2, TIMEOUT_MS));
  g_assert_true (w2.ok);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (GTK_WINDOW (view));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  g_free (w.error);
  g_free (w2.error);
}

static gboolean
prefs_loaded (gpointer data)
{
  return loket_preferences_window_is_loaded (data);
}

static gboolean
message_is_saved (gpointer data)
{
  return g_strcmp0 (loket_preferences_window_get_message (data), "Saved") == 0;
}

static AdwEntryRow *
prefs_row (LoketPreferencesWindow *prefs, const char *name)
{
  GObject *row
    = gtk_widget_get_template_child (GTK_WIDGET (prefs), LOKET_TYPE_PREFERENCES_WINDOW, name);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  return ADW_ENTRY_ROW (row);
}

static void
apply_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static void
test_preferences_validate (void)
{
  LoketWindow            *window = open_window ();
  LoketPreferencesWindow *prefs;
  AdwEntryRow            *server, *nip, *name;
  g_autoptr (GSettings) settings = g_settings_new ("io.github.loketapp.Loket");
  g_autofree char *bad_holidays = g_build_filename (fixture_dir, "2028-bad.json", NULL);
  g_autofree char *good_holidays = g_build_filename (fixture_dir, "2028.json", NULL);
  g_autofree char *imported = NULL;
  g_autoptr (GFile) bad_file = g_file_new_for_path (bad_holidays);
  g_autoptr (GFile) good_file = g_file_new_for_path (good_holidays);
  g_autoptr (GError) error = NULL;
  Wait bad_import = { 0 }, good_import = { 0 };

  /* Ctrl+, opens Preferences. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  prefs = find_toplevel (LOKET_TYPE_PREFERENCES_WINDOW, NULL);
  g_assert_nonnull (prefs);
  g_assert_true (loket_test_wait_until (prefs_loaded, prefs, TIMEOUT_MS));

  /* A bad server address: a clear message, the row marked, nothing stored. */
  server = prefs_row (prefs, "server_row");
  apply_text (server, "ftp://loket.example.go.id");
  g_assert_nonnull (
    strstr (loket_preferences_window_get_message (prefs), "is not a server address"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (server), "error"));
  g_assert_cmpstr (g_settings_get_string (settings, "server-url"), ==, "");
  apply_text (server, "http://loket.example.go.id");
  g_assert_nonnull (strstr (loket_preferences_window_get_message (prefs), "https://"));
  apply_text (server, "https://loket.example.go.id");
  g_assert_cmpstr (loket_preferences_window_get_message (prefs), ==, "Saved");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (server), "error"));
  {
    g_autofree char *url = g_settings_get_string (settings, "server-url");

    g_assert_cmpstr (url, ==, "https://loket.example.go.id");
  }

  /* A NIP that is not one. */
  nip = prefs_row (prefs, "head_nip_row");
  apply_text (nip, "19800101");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (nip), "error"));
  g_assert_cmpstr (loket_preferences_window_get_message (prefs), !=, "Saved");

  /* A good office name is saved in the database. */
  name = prefs_row (prefs, "name_row");
  apply_text (name, "DINAS UJI COBA");
  g_assert_true (loket_test_wait_until (message_is_saved, prefs, TIMEOUT_MS));

  /* The signing key must be a .p12 file that exists, or a pkcs11: URI. */
  apply_text (prefs_row (prefs, "signing_key_row"), "/nonexistent/kunci.p12");
  g_assert_nonnull (strstr (loket_preferences_window_get_message (prefs), "does not exist"));
  apply_text (prefs_row (prefs, "signing_key_row"), "pkcs11:token=Loket");
  g_assert_cmpstr (loket_preferences_window_get_message (prefs), ==, "Saved");

  /* Holidays: a bad file is refused naming the JSON path; a good one is imported. */
  g_assert_true (g_file_set_contents (bad_holidays,
                                      "{\"year\": 2028, \"holidays\": [{\"date\": \"2027-01-01\","
                                      " \"name\": \"Tahun Baru\", \"kind\": \"libur_nasional\"}]}",
                                      -1, NULL));
  loket_preferences_window_import_holidays_async (prefs, bad_file, NULL, holidays_imported_cb,
                                                  &bad_import);
  g_assert_true (loket_test_wait_until (wait_done, &bad_import, TIMEOUT_MS));
  g_assert_false (bad_import.ok);
  g_assert_nonnull (strstr (bad_import.error, "$.holidays[0].date"));
  g_assert_nonnull (strstr (loket_preferences_window_get_message (prefs), "2028-bad.json"));
  g_free (bad_import.error);
  g_assert_true (g_file_set_contents (good_holidays,
                                      "{\"year\": 2028, \"status\": \"official\", \"holidays\": "
                                      "[{\"date\": \"2028-01-01\", \"name\": \"Tahun Baru 2028\","
                                      " \"kind\": \"libur_nasional\"}]}",
                                      -1, NULL));
  loket_preferences_window_import_holidays_async (prefs, good_file, NULL, holidays_imported_cb,
                                                  &good_import);
  g_assert_true (loket_test_wait_until (wait_done, &good_import, TIMEOUT_MS));
  g_assert_cmpstr (good_import.error, ==, NULL);
  g_assert_true (good_import.ok);
  g_assert_nonnull (strstr (loket_preferences_window_get_message (prefs), "2028"));
  g_free (good_import.error);
  imported = g_build_filename (g_get_user_data_dir (), "loket", "holidays", "2028.json", NULL);
  g_assert_true (g_file_test (imported, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr (LoketWorkCalendar) cal = loket_work_calendar_new_default (&error);
    int   first, last;
    GDate day;

    g_assert_no_error (error);
    loket_work_calendar_get_range (cal, &first, &last);
    g_assert_cmpint (last, ==, 2028);
    g_date_clear (&day, 1);
    g_date_set_dmy (&day, 1, 1, 2028);
    g_assert_cmpstr (loket_work_calendar_get_holiday (cal, &day), ==, "Tahun Baru 2028");
  }

  save_screenshot (GTK_WIDGET (prefs), "preferences.png");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "numbering");
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  save_screenshot (GTK_WIDGET (prefs), "preferences-numbering.png");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "connections");
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  save_screenshot (GTK_WIDGET (prefs), "preferences-connections.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);

  /* What was saved is in the database; what was refused is not. */
  {
    g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (NULL);
    g_autoptr (LoketWorkCalendar) calendar = loket_work_calendar_new_default (NULL);
    g_autoptr (LoketCaseProjector) projector = loket_case_projector_new (catalog, calendar);
    g_autoptr (LoketStore) store = loket_store_open (fixture_db, projector, &error);
    g_autofree char *office = NULL, *head_nip = NULL;

    g_assert_no_error (error);
    office = loket_store_get_setting (store, LOKET_OFFICE_NAME, &error);
    g_assert_cmpstr (office, ==, "DINAS UJI COBA");
    head_nip = loket_store_get_setting (store, LOKET_OFFICE_HEAD_NIP, &error);
    g_assert_null (head_nip);
    loket_store_close (store);
  }
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w))
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer heading)
{
  return find_dialog (heading) != NULL;
}

static gboolean
backup_written (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) && find_dialog ("Backing Up…") == NULL;
}

static gboolean
new_window_ready (gpointer old)
{
  LoketWindow *w = find_toplevel (LOKET_TYPE_WINDOW, old);

  return w != NULL && g_strcmp0 (loket_window_get_state (w), "main") == 0;
}

static void
test_backup_and_restore (void)
{
  LoketWindow      *window = open_window ();
  LoketWindow      *fresh;
  g_autofree char  *archive = g_build_filename (fixture_dir, "ui.lbak", NULL);
  g_autofree char  *damaged = g_build_filename (fixture_dir, "ui-damaged.lbak", NULL);
  g_autofree char  *contents = NULL;
  AdwMessageDialog *dialog;
  gsize             len;
  guint             n_cases;

  n_cases = g_list_model_get_n_items (G_LIST_MODEL (loket_window_get_cases (window)));
  _loket_window_start_backup (window, archive);
  g_assert_true (loket_test_wait_until (backup_written, archive, TIMEOUT_MS));
  g_assert_nonnull (loket_backup_verify (archive, NULL, NULL));

  /* A damaged copy is refused with a clear message; nothing else happens. */
  g_assert_true (g_file_get_contents (archive, &contents, &len, NULL));
  contents[len / 2] ^= 0x01;
  g_assert_true (g_file_set_contents (damaged, contents, len, NULL));
  _loket_window_start_restore (window, damaged);
  g_assert_true (
    loket_test_wait_until (dialog_shown, "This Backup Cannot Be Restored", TIMEOUT_MS));
  dialog = find_dialog ("This Backup Cannot Be Restored");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "is damaged"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (loket_window_get_state (window), ==, "main");

  /* A good one asks first; cancelling keeps everything. */
  _loket_window_start_restore (window, archive);
  g_assert_true (loket_test_wait_until (dialog_shown, "Replace the Current Database?", TIMEOUT_MS));
  dialog = find_dialog ("Replace the Current Database?");
  adw_message_dialog_response (dialog, "cancel");
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (find_toplevel (LOKET_TYPE_WINDOW, window));

  /* Confirmed: the database is replaced and a new window shows it. */
  _loket_window_start_restore (window, archive);
  g_assert_true (loket_test_wait_until (dialog_shown, "Replace the Current Database?", TIMEOUT_MS));
  adw_message_dialog_response (find_dialog ("Replace the Current Database?"), "restore");
  g_assert_true (loket_test_wait_until (new_window_ready, window, TIMEOUT_MS));
  fresh = find_toplevel (LOKET_TYPE_WINDOW, window);
  g_assert_true (loket_test_wait_until (list_counted, fresh, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loket_window_get_cases (fresh))), ==,
                    n_cases);
  gtk_window_destroy (GTK_WINDOW (fresh));
  g_object_unref (window);
}

static void
create_demo_database (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (&error);
  g_autoptr (LoketWorkCalendar) calendar = loket_work_calendar_new_default (&error);
  g_autoptr (LoketOrgChart) org = loket_org_chart_new_default (&error);
  g_autoptr (LoketCaseProjector) projector = NULL;
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_from_iso8601 ("2026-10-01T16:00:00+08:00", NULL);

  g_assert_no_error (error);
  fixture_now = g_date_time_to_unix (now);
  fixture_dir = g_dir_make_tmp ("loket-office-XXXXXX", &error);
  g_assert_no_error (error);
  fixture_db = g_build_filename (fixture_dir, "loket.db", NULL);
  projector = loket_case_projector_new (catalog, calendar);
  store = loket_store_open (fixture_db, projector, &error);
  g_assert_no_error (error);
  g_assert_true (loket_demo_populate (store, catalog, org, 1500, 20261001, NULL, fixture_now, NULL,
                                      NULL, &error));
  g_assert_no_error (error);
  loket_store_close (store);
}

int
main (int argc, char *argv[])
{
  int status;

  g_autofree char *data_home = g_dir_make_tmp ("loket-office-data-XXXXXX", NULL);

  /* Imported holiday files go to a throw-away $XDG_DATA_HOME (set before GLib reads it; the
   * system data dirs stay, for the icon theme). */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  loket_test_init_ui (&argc, &argv);
  create_demo_database ();

  g_test_add_func ("/loket/app/office/reports", test_reports_window);
  g_test_add_func ("/loket/app/office/preferences-validate", test_preferences_validate);
  g_test_add_func ("/loket/app/office/backup-and-restore", test_backup_and_restore);
  status = g_test_run ();
  loket_test_remove_tree (fixture_dir);
  loket_test_remove_tree (data_home);
  return status;
}
