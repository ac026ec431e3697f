// SPDX-License-Identifier: GPL-3.0-or-later
// LoketWindow's sync: the header-bar status, "Sinkronkan sekarang", the sign-in dialog (when a
// server is configured it replaces the local account picker) and refreshing after a round.
#include "config.h"

#include <glib/gi18n.h>

#include "loket-window-private.h"
#include "sync/loket-sign-in-dialog.h"

#define SYNC_INTERVAL_S 30

gboolean
_loket_window_sync_configured (LoketWindow *self)
{
  g_autofree char *url = NULL;

  if (self->settings == NULL)
    return FALSE;
  url = g_settings_get_string (self->settings, "server-url");
  return *url != '\0';
}

static void
refresh_after_round (LoketWindow *self)
{
  if (self->store == NULL || self->sync_engine == NULL
      || loket_sync_engine_get_syncing (self->sync_engine))
    return;
  /* Pulled events may have changed any case: list and count again. */
  self->sync_refreshing = TRUE;
  if (_loket_window_is_person_inbox (self))
    _loket_window_load_person_inbox (self);
  else if (self->cases != NULL)
    loket_case_list_model_refresh (self->cases);
  _loket_window_refresh_inboxes (self);
  self->sync_refreshing = FALSE;
}

static void
signed_in_cb (LoketWindow     *self,
              LoketSyncEngine *engine,
              const char      *username,
              const char      *person_id)
{
  if (self->sync_engine != NULL)
    g_signal_handlers_disconnect_by_func (self->sync_engine, refresh_after_round, self);
  g_set_object (&self->sync_engine, engine);
  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "server-url", loket_sync_engine_get_base_url (engine));
      g_settings_set_string (self->settings, "server-username", username);
    }
  loket_sync_indicator_set_engine (self->sync_status, engine);
  g_signal_connect_object (engine, "notify::syncing", G_CALLBACK (refresh_after_round), self,
                           G_CONNECT_SWAPPED);
  loket_sync_engine_start (engine, SYNC_INTERVAL_S);

  /* The server's account decides who works here, not the local picker. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->account_button), FALSE);
  if (person_id != NULL && *person_id != '\0')
    loket_window_set_person (self, person_id);
  refresh_after_round (self);
}

/* Closed without signing in (e.g. the server cannot be reached this morning): the PC still
 * works offline, people are chosen from the local list as without a server. */
static void
sign_in_closed_cb (LoketWindow *self)
{
  if (self->sync_engine != NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->account_button), TRUE);
  if (self->person_id == NULL && self->workflow != NULL)
    loket_account_button_popup (self->account_button);
}

static void
open_sign_in (LoketWindow *self)
{
  g_autofree char   *url = NULL;
  g_autofree char   *username = NULL;
  LoketSignInDialog *dialog;

  if (self->store == NULL)
    return;
  if (self->sign_in_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->sign_in_dialog));
      return;
    }
  if (self->settings != NULL)
    {
      url = g_settings_get_string (self->settings, "server-url");
      username = g_settings_get_string (self->settings, "server-username");
    }
  dialog = loket_sign_in_dialog_new (GTK_WINDOW (self), self->store, url, username);
  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (signed_in_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (sign_in_closed_cb), self,
                           G_CONNECT_SWAPPED);
  self->sign_in_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->sign_in_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_in_action (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  open_sign_in (LOKET_WINDOW (data));
}

static void
sync_now_action (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  LoketWindow *self = LOKET_WINDOW (data);

  if (self->sync_engine == NULL)
    open_sign_in (self);
  else
    loket_sync_engine_sync_now (self->sync_engine);
}

static const GActionEntry sync_actions[] = {
  { "sync-now", sync_now_action, NULL, NULL, NULL, { 0 } },
  { "sign-in", sign_in_action, NULL, NULL, NULL, { 0 } },
};

void
_loket_window_setup_sync (LoketWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), sync_actions, G_N_ELEMENTS (sync_actions),
                                   self);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_status), _loket_window_sync_configured (self));
}

void
_loket_window_sync_ready (LoketWindow *self)
{
  /* With a server, signing in is real authentication: ask at start. */
  if (!_loket_window_sync_configured (self))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->sync_status), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->account_button), FALSE);
  open_sign_in (self);
}

void
_loket_window_sync_changed (LoketWindow *self)
{
  if (self->sync_engine != NULL && !self->sync_refreshing
      && !loket_sync_engine_get_syncing (self->sync_engine))
    loket_sync_engine_notify_changed (self->sync_engine);
}

void
_loket_window_dispose_sync (LoketWindow *self)
{
  if (self->sign_in_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->sign_in_dialog, sign_in_closed_cb, self);
      gtk_window_destroy (GTK_WINDOW (self->sign_in_dialog));
    }
  if (self->sync_engine != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->sync_engine, refresh_after_round, self);
      loket_sync_engine_stop (self->sync_engine);
    }
  g_clear_object (&self->sync_engine);
}

LoketSyncEngine *
loket_window_get_sync_engine (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);
  return self->sync_engine;
}
