// SPDX-License-Identifier: GPL-3.0-or-later
// The app's sync UI against a real loket-server on PostgreSQL: the sign-in dialog (wrong
// password, then the first sync of a new PC with its progress), and the header-bar status.
#include "config.h"

#include <adwaita.h>

#include "loket-sign-in-dialog.h"
#include "loket-sync-indicator.h"
#include "loket-test-utils.h"
#include "loket-ui-test.h"
#include "loket-window.h"
#include "sync-fixture.h"

typedef struct
{
  LoketSyncEngine *engine;
  char            *person;
  gboolean         signed_in;
} SignedIn;

static void
signed_in_cb (LoketSignInDialog *dialog,
              LoketSyncEngine   *engine,
              const char        *username,
              const char        *person,
              SignedIn          *out)
{
  g_set_object (&out->engine, engine);
  out->person = g_strdup (person);
  out->signed_in = TRUE;
}

static gboolean
is_signed_in (gpointer data)
{
  return ((SignedIn *) data)->signed_in;
}

static gboolean
has_error (gpointer data)
{
  return loket_sign_in_dialog_get_error (LOKET_SIGN_IN_DIALOG (data)) != NULL
         && !loket_sign_in_dialog_get_busy (LOKET_SIGN_IN_DIALOG (data));
}

static gboolean
is_synced (gpointer data)
{
  return loket_sync_engine_get_status (LOKET_SYNC_ENGINE (data)) == LOKET_SYNC_STATUS_SYNCED
         && !loket_sync_engine_get_syncing (LOKET_SYNC_ENGINE (data));
}

static void
test_widgets_finalize (void)
{
  GtkWidget *indicator = g_object_ref_sink (loket_sync_indicator_new ());

  g_assert_cmpstr (loket_sync_indicator_get_label (LOKET_SYNC_INDICATOR (indicator)), ==,
                   "Not signed in");
  g_assert_finalize_object (indicator);
}

static void
test_sign_in_and_first_sync (void)
{
  g_autoptr (SyncCluster) cluster = sync_cluster_start ();
  g_autofree char *office = g_build_filename (cluster->dir, "office.db", NULL);
  g_autofree char *new_pc = g_build_filename (cluster->dir, "new-pc.db", NULL);
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget         *indicator = NULL;
  LoketSignInDialog *dialog;
  SignedIn           result = { 0 };
  guint              n_events = 0;

  /* The office already has a case on the server. */
  events = sync_new_case ("kopnakertrans-ntt/staf", "pc-office", 1790816400000, NULL);
  sync_append (office, events);
  g_assert_true (sync_run_cli (cluster, office, cluster->url, "kadis", NULL));

  store = sync_open_store (new_pc);
  dialog = loket_sign_in_dialog_new (NULL, store, cluster->url, NULL);
  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "signed-in", G_CALLBACK (signed_in_cb), &result);
  gtk_window_present (GTK_WINDOW (dialog));

  /* Empty fields: said so, nothing sent. */
  loket_sign_in_dialog_set_credentials (dialog, cluster->url, "", "");
  loket_sign_in_dialog_submit (dialog);
  g_assert_cmpstr (loket_sign_in_dialog_get_error (dialog), ==,
                   "Fill in the server address, your username and your password.");

  /* A wrong password: the server's refusal in the user's words. */
  loket_sign_in_dialog_set_credentials (dialog, cluster->url, "kadis", "salah-sandi-99");
  loket_sign_in_dialog_submit (dialog);
  g_assert_true (loket_test_wait_until (has_error, dialog, 20000));
  g_assert_cmpstr (loket_sign_in_dialog_get_error (dialog), ==, "Wrong username or password.");

  /* The right one: the first sync downloads the office's data, then the dialog closes. */
  loket_sign_in_dialog_set_credentials (dialog, cluster->url, "kadis", SYNC_PASSWORD);
  loket_sign_in_dialog_submit (dialog);
  g_assert_true (loket_test_wait_until (is_signed_in, &result, 30000));
  g_assert_nonnull (result.engine);
  g_assert_true (loket_test_wait_until (is_synced, result.engine, 10000));
  g_free (sync_replica_digest (new_pc, &n_events));
  g_assert_cmpuint (n_events, ==, events->len);

  /* The header-bar status follows the engine. */
  indicator = g_object_ref_sink (loket_sync_indicator_new ());
  loket_sync_indicator_set_engine (LOKET_SYNC_INDICATOR (indicator), result.engine);
  g_assert_cmpstr (loket_sync_indicator_get_label (LOKET_SYNC_INDICATOR (indicator)), ==, "Synced");

  /* Offline: the server goes away, a round fails, the status says since when. */
  sync_cluster_kill_server (cluster);
  {
    g_autoptr (GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
    g_ptr_array_add (more, sync_event (loket_event_get_case_uuid (g_ptr_array_index (events, 0)),
                                       "comment.added", "kopnakertrans-ntt/kadis", "pc-new",
                                       1790816500000, "{\"text\":\"offline\"}"));
    g_assert_true (loket_store_append_events (store, more, &error));
    g_assert_no_error (error);
  }
  loket_sync_engine_sync_now (result.engine);
  while (loket_sync_engine_get_status (result.engine) != LOKET_SYNC_STATUS_OFFLINE)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_str_has_prefix (
    loket_sync_indicator_get_label (LOKET_SYNC_INDICATOR (indicator)), "Offline since "));
  g_assert_cmpuint (loket_sync_engine_get_n_pending (result.engine), ==, 1);

  loket_sync_engine_stop (result.engine);
  g_assert_finalize_object (indicator);
  g_clear_object (&result.engine);
  g_free (result.person);
  g_object_unref (dialog);
  loket_store_close (store);
}

static gboolean
window_ready (gpointer data)
{
  return g_strcmp0 (loket_window_get_state (data), "loading") != 0;
}

static LoketSignInDialog *
find_sign_in_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (LOKET_IS_SIGN_IN_DIALOG (window))
        return LOKET_SIGN_IN_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_sign_in_dialog () != NULL;
}

/* With a server configured the window asks for the server account; the server cannot be
 * reached this morning: said so, and after closing the dialog the PC works offline with the
 * local account list. */
static void
test_window_offline_morning (void)
{
  g_autoptr (GSettings) settings = g_settings_new ("io.github.loketapp.Loket");
  g_autofree char *dir = g_dir_make_tmp ("loket-sync-ui-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "pc.db", NULL);
  g_autoptr (LoketStore) store = sync_open_store (db);
  LoketWindow       *window;
  LoketSignInDialog *dialog;
  GtkWidget         *account_button;

  loket_store_close (store);
  /* Port 9 (discard) on loopback: nothing listens, the connection is refused. */
  g_settings_set_string (settings, "server-url", "http://127.0.0.1:9");
  g_settings_set_string (settings, "current-person", "");

  window = g_object_ref (loket_window_new (NULL));
  loket_window_open (window, db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (loket_test_wait_until (window_ready, window, 30000));
  g_assert_true (loket_test_wait_until (dialog_shown, NULL, 10000));
  dialog = find_sign_in_dialog ();
  account_button = (GtkWidget *) gtk_widget_get_template_child (
    GTK_WIDGET (window), LOKET_TYPE_WINDOW, "account_button");
  g_assert_false (gtk_widget_get_sensitive (account_button));

  loket_sign_in_dialog_set_credentials (dialog, "http://127.0.0.1:9", "kadis", "rahasia-123");
  loket_sign_in_dialog_submit (dialog);
  g_assert_true (loket_test_wait_until (has_error, dialog, 20000));
  g_assert_cmpstr (loket_sign_in_dialog_get_error (dialog), ==,
                   "The server cannot be reached. Changes are kept on this PC.");

  gtk_window_close (GTK_WINDOW (dialog));
  while (find_sign_in_dialog () != NULL)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_sensitive (account_button));
  g_assert_null (loket_window_get_sync_engine (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  g_settings_reset (settings, "server-url");
  loket_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  /* GTK reads the data folder at init: the reference data sync downloads stays out of $HOME. */
  g_autofree char *xdg = g_dir_make_tmp ("loket-sync-ui-xdg-XXXXXX", NULL);
  int              status;

  g_setenv ("XDG_DATA_HOME", xdg, TRUE);
  loket_test_init_ui (&argc, &argv);

  g_test_add_func ("/loket/app/sync/widgets-finalize", test_widgets_finalize);
  g_test_add_func ("/loket/app/sync/sign-in-and-first-sync", test_sign_in_and_first_sync);
  g_test_add_func ("/loket/app/sync/window-offline-morning", test_window_offline_morning);
  status = g_test_run ();
  {
    const char *argv_rm[] = { "rm", "-rf", xdg, NULL };

    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }
  return status;
}
