// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's office menu: Reports, Preferences (Ctrl+,), Back Up… and Restore….

#include "config.h"

#include <glib/gi18n.h>

#include "loket-backup.h"
#include "loket-office-profile.h"
#include "loket-store-report.h"
#ifdef LOKET_HAVE_LETTERS
#include "loket-letter-office.h"
#endif
#include "loket-window-private.h"
#include "preferences/loket-preferences-window.h"
#include "reports/loket-report-view.h"

/* ---- a backup or restore running in a worker thread, with a progress dialog ---- */

typedef struct
{
  LoketWindow      *window;   /* owned */
  AdwMessageDialog *dialog;   /* weak */
  GtkProgressBar   *progress; /* weak */
  GCancellable     *cancellable;
  char             *archive;
  char             *db_path;
  LoketStore       *store;    /* backup: the open store */
  double            fraction; /* written by the worker, read in idle callbacks */
  guint             idle_id;
  GMutex            lock;
} OfficeJob;

static void
office_job_free (OfficeJob *job)
{
  if (job->idle_id != 0)
    g_source_remove (job->idle_id);
  if (job->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (job->dialog), (gpointer *) &job->dialog);
  if (job->progress != NULL)
    g_object_remove_weak_pointer (G_OBJECT (job->progress), (gpointer *) &job->progress);
  g_clear_object (&job->window);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->store);
  g_free (job->archive);
  g_free (job->db_path);
  g_mutex_clear (&job->lock);
  g_free (job);
}

static gboolean
show_progress_idle (gpointer data)
{
  OfficeJob *job = data;

  g_mutex_lock (&job->lock);
  job->idle_id = 0;
  if (job->progress != NULL)
    gtk_progress_bar_set_fraction (job->progress, job->fraction);
  g_mutex_unlock (&job->lock);
  return G_SOURCE_REMOVE;
}

static void
progress_cb (guint64 done, guint64 total, gpointer data)
{
  OfficeJob *job = data;

  g_mutex_lock (&job->lock);
  job->fraction = total > 0 ? (double) done / total : 0;
  if (job->idle_id == 0)
    job->idle_id = g_idle_add (show_progress_idle, job);
  g_mutex_unlock (&job->lock);
}

static void
progress_response_cb (AdwMessageDialog *dialog, const char *response, gpointer data)
{
  OfficeJob *job = data;

  if (g_strcmp0 (response, "cancel") == 0)
    g_cancellable_cancel (job->cancellable);
}

static OfficeJob *
office_job_new (LoketWindow *self, const char *heading, const char *archive)
{
  OfficeJob *job = g_new0 (OfficeJob, 1);
  GtkWidget *bar = gtk_progress_bar_new ();

  g_mutex_init (&job->lock);
  job->window = g_object_ref (self);
  job->cancellable = g_cancellable_new ();
  job->archive = g_strdup (archive);
  job->db_path = g_strdup (self->db_path);
  job->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, archive));
  adw_message_dialog_add_response (job->dialog, "cancel", _ ("_Cancel"));
  adw_message_dialog_set_close_response (job->dialog, "cancel");
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  adw_message_dialog_set_extra_child (job->dialog, bar);
  job->progress = GTK_PROGRESS_BAR (bar);
  g_object_add_weak_pointer (G_OBJECT (job->dialog), (gpointer *) &job->dialog);
  g_object_add_weak_pointer (G_OBJECT (job->progress), (gpointer *) &job->progress);
  g_signal_connect (job->dialog, "response", G_CALLBACK (progress_response_cb), job);
  gtk_window_present (GTK_WINDOW (job->dialog));
  return job;
}

static void
office_job_close_dialog (OfficeJob *job)
{
  if (job->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_func (job->dialog, progress_response_cb, job);
      gtk_window_destroy (GTK_WINDOW (job->dialog));
    }
}

/* ---- back up ---- */

static void
backup_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  OfficeJob *job = task_data;
  GError    *error = NULL;

  if (loket_backup_create (job->store, job->archive, cancellable, progress_cb, job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
backup_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OfficeJob   *job = g_task_get_task_data (G_TASK (result));
  LoketWindow *self = job->window;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  office_job_close_dialog (job);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    /* Translators: a toast; %s is the archive's file name */
    message = g_strdup_printf (_ ("Backup saved to %s"), job->archive);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (_ ("Backup cancelled"));
  else
    message = g_strdup_printf (_ ("The backup failed: %s"), error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
_loket_window_start_backup (LoketWindow *self, const char *archive)
{
  OfficeJob *job;
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (self->store != NULL);

  job = office_job_new (self, _ ("Backing Up…"), archive);
  job->store = g_object_ref (self->store);
  task = g_task_new (NULL, job->cancellable, backup_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) office_job_free);
  g_task_run_in_thread (task, backup_thread);
}

/* ---- restore ---- */

static void
restore_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  OfficeJob *job = task_data;
  GError    *error = NULL;

  /* Confirmed by the user: the database is replaced (it is written beside and renamed). */
  if (loket_backup_restore (job->archive, job->db_path, TRUE, cancellable, progress_cb, job,
                            &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
restore_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OfficeJob      *job = g_task_get_task_data (G_TASK (result));
  LoketWindow    *self = job->window;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr (GError) error = NULL;
  LoketWindow *fresh;
  gboolean     ok = g_task_propagate_boolean (G_TASK (result), &error);

  office_job_close_dialog (job);
  /* The store was closed for the restore: a new window opens the database (the restored one, or
   * the old one, untouched, when the restore failed). */
  fresh = loket_window_new (app);
  loket_window_open (fresh, job->db_path);
  gtk_window_present (GTK_WINDOW (fresh));
  if (!ok)
    {
      g_autofree char *message
        = g_strdup_printf (_ ("The restore failed; nothing was changed: %s"), error->message);

      adw_toast_overlay_add_toast (fresh->toast_overlay, adw_toast_new (message));
    }
  else
    adw_toast_overlay_add_toast (fresh->toast_overlay, adw_toast_new (_ ("Backup restored")));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
confirm_restore_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  LoketWindow     *self = user_data;
  g_autofree char *archive = g_strdup (g_object_get_data (G_OBJECT (dialog), "loket-archive"));
  OfficeJob       *job;
  g_autoptr (GTask) task = NULL;

  g_signal_handlers_disconnect_by_func (dialog, confirm_restore_cb, user_data);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (g_strcmp0 (response, "restore") != 0 || self->store == NULL)
    return;
  /* Nothing may write to the database while it is replaced. */
  _loket_window_close_intake (self);
  loket_store_close (self->store);
  job = office_job_new (self, _ ("Restoring…"), archive);
  task = g_task_new (NULL, job->cancellable, restore_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) office_job_free);
  g_task_run_in_thread (task, restore_thread);
}

static void
verify_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError          *error = NULL;
  LoketBackupInfo *info = loket_backup_verify (task_data, cancellable, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) loket_backup_info_free);
}

static void
verified_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketWindow) self = _loket_window_weak_steal (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketBackupInfo) info = g_task_propagate_pointer (G_TASK (result), &error);
  const char       *archive = g_task_get_task_data (G_TASK (result));
  AdwMessageDialog *dialog;
  g_autofree char  *body = NULL;

  if (self == NULL)
    return;
  if (info == NULL)
    {
      /* A damaged or foreign archive: nothing happens but a clear message. */
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
        GTK_WINDOW (self), _ ("This Backup Cannot Be Restored"), error->message));
      adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  /* Translators: %s is when the backup was made, %u the number of attachments */
  body = g_strdup_printf (_ ("The backup made at %s, with %u attachments, will replace the "
                             "database this computer uses now. Work recorded since that backup is "
                             "lost."),
                          info->created_at, info->n_blobs);
  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (self), _ ("Replace the Current Database?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "restore", _ ("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "loket-archive", g_strdup (archive), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_restore_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_loket_window_start_restore (LoketWindow *self, const char *archive)
{
  g_autoptr (GTask) task
    = g_task_new (NULL, self->cancellable, verified_cb, _loket_window_weak_new (self));

  g_task_set_task_data (task, g_strdup (archive), g_free);
  g_task_run_in_thread (task, verify_thread);
}

/* ---- actions ---- */

static void
chooser_response_cb (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  g_autoptr (LoketWindow) self = _loket_window_weak_steal (user_data);
  gboolean backup = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "loket-backup"));
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file != NULL ? g_file_get_path (file) : NULL;
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  if (self == NULL || path == NULL || self->store == NULL)
    return;
  if (backup)
    _loket_window_start_backup (self, path);
  else
    _loket_window_start_restore (self, path);
}

static void
choose_archive (LoketWindow *self, gboolean backup)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (
    backup ? _ ("Back Up Loket") : _ ("Restore a Backup"), GTK_WINDOW (self),
    backup ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
    backup ? _ ("_Back Up") : _ ("_Open"), _ ("_Cancel"));
  gtk_file_filter_set_name (filter, _ ("Loket backups"));
  gtk_file_filter_add_pattern (filter, "*.lbak");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (backup)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *name = g_date_time_format (now, "loket-%Y%m%d-%H%M.lbak");

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_object_set_data (G_OBJECT (chooser), "loket-backup", GINT_TO_POINTER (backup));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb),
                    _loket_window_weak_new (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
backup_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  choose_archive (user_data, TRUE);
}

static void
restore_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  choose_archive (user_data, FALSE);
}

GtkWindow *
_loket_window_show_reports (LoketWindow *self)
{
  LoketReportView *view;

  g_return_val_if_fail (self->store != NULL, NULL);

  view = loket_report_view_new (GTK_WINDOW (self), self->store, self->catalog, self->org,
                                self->calendar, self->now);
  gtk_window_present (GTK_WINDOW (view));
  return GTK_WINDOW (view);
}

GtkWindow *
_loket_window_show_preferences (LoketWindow *self)
{
  LoketPreferencesWindow *prefs;

  g_return_val_if_fail (self->store != NULL, NULL);

  prefs
    = loket_preferences_window_new (GTK_WINDOW (self), self->store, self->calendar, self->settings);
  gtk_window_present (GTK_WINDOW (prefs));
  return GTK_WINDOW (prefs);
}

static void
reports_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  _loket_window_show_reports (user_data);
}

static void
preferences_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  _loket_window_show_preferences (user_data);
}

static const GActionEntry office_actions[] = {
  { .name = "reports", .activate = reports_action_cb },
  { .name = "preferences", .activate = preferences_action_cb },
  { .name = "backup", .activate = backup_action_cb },
  { .name = "restore", .activate = restore_action_cb },
};

void
_loket_window_setup_office (LoketWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), office_actions,
                                   G_N_ELEMENTS (office_actions), self);
  _loket_window_update_office_actions (self);
}

#ifdef LOKET_HAVE_LETTERS
static void
profile_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr (GHashTable) office = loket_store_get_settings (task_data, "office.", NULL);
  g_autoptr (LoketOfficeProfile) profile = loket_office_profile_new_from_settings (office);

  /* Letters made in this process (receipts, lembar disposisi) carry the office's own kop. */
  loket_letter_set_office_profile (profile);
  g_task_return_boolean (task, TRUE);
}
#endif

/* Reads the office profile for the letters, off the main thread. */
void
_loket_window_load_office_profile (LoketWindow *self)
{
#ifdef LOKET_HAVE_LETTERS
  g_autoptr (GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, profile_thread);
#endif
}

void
_loket_window_update_office_actions (LoketWindow *self)
{
  if (self->store != NULL)
    _loket_window_load_office_profile (self);
  for (guint i = 0; i < G_N_ELEMENTS (office_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), office_actions[i].name);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->store != NULL);
    }
}
