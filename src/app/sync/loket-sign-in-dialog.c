// SPDX-License-Identifier: GPL-3.0-or-later
// LoketSignInDialog: POST /session through a new LoketSyncEngine, then its first round.
#include "config.h"

#include "loket-sign-in-dialog.h"

#include <glib/gi18n.h>

#include "loket-store-sync.h"

struct _LoketSignInDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkWidget      *cancel_button;
  GtkWidget      *sign_in_button;
  GtkStack       *stack;
  AdwEntryRow    *server_row;
  AdwEntryRow    *username_row;
  AdwEntryRow    *password_row;
  GtkLabel       *error_label;
  GtkSpinner     *spinner;
  GtkProgressBar *progress_bar;

  LoketStore      *store;
  LoketSyncEngine *engine;
  GCancellable    *cancellable;
  char            *username;
  char            *person_id;
  guint            pulse_id;
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (LoketSignInDialog, loket_sign_in_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_SIGNED_IN,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
set_busy (LoketSignInDialog *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->sign_in_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->username_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
show_error (LoketSignInDialog *self, const char *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

static void
progress_cb (LoketSignInDialog *self, guint64 n_pulled, gint64 cursor)
{
  g_autofree char *text = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%llu event received", "%llu events received", (gulong) n_pulled),
    (unsigned long long) n_pulled);

  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
finish (LoketSignInDialog *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  set_busy (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_SIGNED_IN], 0, self->engine, self->username, self->person_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
first_round_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (LoketSignInDialog) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSyncReport) report = NULL;

  report = loket_sync_engine_sync_finish (LOKET_SYNC_ENGINE (self->engine), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A failed round is not a failed sign-in: the engine retries and the status says why. */
  finish (self);
}

static void
logged_in_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (LoketSignInDialog) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSyncSession) session = NULL;

  session = loket_sync_engine_login_finish (self->engine, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (session == NULL)
    {
      g_autofree char *message = loket_sync_error_to_message (error);

      set_busy (self, FALSE);
      show_error (self, message);
      g_clear_object (&self->engine);
      return;
    }
  g_free (self->username);
  self->username = g_strdup (session->username);
  g_free (self->person_id);
  self->person_id = g_strdup (session->person);

  /* The first round: on a new PC it downloads the agency's data. */
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_visible (self->sign_in_button, FALSE);
  gtk_progress_bar_set_text (self->progress_bar, _ ("Connecting…"));
  self->pulse_id = g_timeout_add (150, pulse_cb, self->progress_bar);
  g_signal_connect_object (self->engine, "progress", G_CALLBACK (progress_cb), self,
                           G_CONNECT_SWAPPED);
  loket_sync_engine_sync_async (self->engine, self->cancellable, first_round_cb,
                                g_object_ref (self));
}

static void
sign_in_clicked_cb (LoketSignInDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStoreSync) journal = NULL;
  g_autofree char *server = NULL;
  const char      *username, *password;

  if (self->busy)
    return;
  server = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (*server == '\0' || *username == '\0' || *password == '\0')
    {
      show_error (self, _ ("Fill in the server address, your username and your password."));
      return;
    }

  journal = loket_store_sync_new (self->store);
  g_clear_object (&self->engine);
  self->engine = loket_sync_engine_new (LOKET_SYNC_JOURNAL (journal), server,
                                        loket_store_get_device_id (self->store), &error);
  if (self->engine == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  /* The rows go insensitive (and the form away): take the focus off them first. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  set_busy (self, TRUE);
  loket_sync_engine_login_async (self->engine, username, password, self->cancellable, logged_in_cb,
                                 g_object_ref (self));
  /* The password is not kept in the form. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
}

static void
cancel_clicked_cb (LoketSignInDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
loket_sign_in_dialog_dispose (GObject *object)
{
  LoketSignInDialog *self = LOKET_SIGN_IN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->engine);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_SIGN_IN_DIALOG);
  G_OBJECT_CLASS (loket_sign_in_dialog_parent_class)->dispose (object);
}

static void
loket_sign_in_dialog_finalize (GObject *object)
{
  LoketSignInDialog *self = LOKET_SIGN_IN_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_free (self->username);
  g_free (self->person_id);
  G_OBJECT_CLASS (loket_sign_in_dialog_parent_class)->finalize (object);
}

static void
loket_sign_in_dialog_class_init (LoketSignInDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_sign_in_dialog_dispose;
  object_class->finalize = loket_sign_in_dialog_finalize;

  signals[SIGNAL_SIGNED_IN]
    = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 3, LOKET_TYPE_SYNC_ENGINE, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/loketapp/Loket/ui/sync/"
                                                             "loket-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketSignInDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LoketSignInDialog, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, LoketSignInDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LoketSignInDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, LoketSignInDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, LoketSignInDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, LoketSignInDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LoketSignInDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LoketSignInDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
loket_sign_in_dialog_init (LoketSignInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

LoketSignInDialog *
loket_sign_in_dialog_new (GtkWindow  *parent,
                          LoketStore *store,
                          const char *server_url,
                          const char *username)
{
  LoketSignInDialog *self;

  g_return_val_if_fail (LOKET_IS_STORE (store), NULL);
  self = g_object_new (LOKET_TYPE_SIGN_IN_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_url != NULL ? server_url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username != NULL ? username : "");
  if (server_url != NULL && *server_url != '\0')
    gtk_widget_grab_focus (
      GTK_WIDGET (username != NULL && *username != '\0' ? self->password_row : self->username_row));
  return self;
}

void
loket_sign_in_dialog_set_credentials (LoketSignInDialog *self,
                                      const char        *server_url,
                                      const char        *username,
                                      const char        *password)
{
  g_return_if_fail (LOKET_IS_SIGN_IN_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_url);
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}

void
loket_sign_in_dialog_submit (LoketSignInDialog *self)
{
  g_return_if_fail (LOKET_IS_SIGN_IN_DIALOG (self));
  sign_in_clicked_cb (self);
}

gboolean
loket_sign_in_dialog_get_busy (LoketSignInDialog *self)
{
  g_return_val_if_fail (LOKET_IS_SIGN_IN_DIALOG (self), FALSE);
  return self->busy;
}

const char *
loket_sign_in_dialog_get_error (LoketSignInDialog *self)
{
  g_return_val_if_fail (LOKET_IS_SIGN_IN_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
           ? gtk_label_get_text (self->error_label)
           : NULL;
}
