// SPDX-License-Identifier: GPL-3.0-or-later
// LoketWindow: the review chain — the case pane's chain panel and the sign dialog
// ("Tandatangani", one PIN for several letters), opened from a draft or with win.sign-letters.

#include "config.h"

#include <glib/gi18n.h>

#include "chain/loket-sign-dialog.h"
#include "loket-window-private.h"

static void
case_fetch_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError    *error = NULL;
  LoketCase *kase = loket_store_get_case (source, task_data, &error);

  if (kase == NULL)
    g_task_return_error (
      task, error != NULL ? error
                          : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no such case"));
  else
    g_task_return_pointer (task, kase, g_object_unref);
}

static void
case_fetched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketWindow) self = _loket_window_weak_steal (user_data);
  g_autoptr (LoketCase) fresh = g_task_propagate_pointer (G_TASK (result), NULL);
  LoketCase *shown;

  if (self == NULL || fresh == NULL)
    return;
  /* The pane's case (its status pill, holder) follows the act in place. */
  shown = loket_case_view_get_case (self->case_view);
  if (shown != NULL && g_strcmp0 (loket_case_get_uuid (shown), loket_case_get_uuid (fresh)) == 0)
    loket_case_update_from (shown, fresh);
}

static void
refresh_shown_case (LoketWindow *self, const char *case_uuid)
{
  g_autoptr (GTask) task = NULL;

  if (case_uuid == NULL || self->store == NULL)
    return;
  task
    = g_task_new (self->store, self->cancellable, case_fetched_cb, _loket_window_weak_new (self));
  g_task_set_source_tag (task, refresh_shown_case);
  g_task_set_task_data (task, g_strdup (case_uuid), g_free);
  g_task_run_in_thread (task, case_fetch_thread);
}

static void
chain_changed_cb (LoketWindow *self, const char *case_uuid)
{
  if (self->store == NULL)
    return;
  refresh_shown_case (self, case_uuid);
  if (_loket_window_is_person_inbox (self))
    _loket_window_load_person_inbox (self);
  else if (self->cases != NULL)
    loket_case_list_model_refresh (self->cases);
  _loket_window_refresh_inboxes (self);
}

static void
letters_signed_cb (LoketWindow *self, guint n_signed)
{
  g_autofree char *title = NULL;

  /* Translators: a toast after a batch signature */
  title = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%u letter signed", "%u letters signed", n_signed), n_signed);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
  chain_changed_cb (self, loket_case_view_get_case (self->case_view) != NULL
                            ? loket_case_get_uuid (loket_case_view_get_case (self->case_view))
                            : NULL);
  loket_case_view_reload (self->case_view);
}

static void
open_sign_dialog (LoketWindow *self, const char *case_uuid, const char *draft_id)
{
  g_autofree char *key = NULL;
  GtkWidget       *dialog;

  if (self->store == NULL || self->person_id == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_ ("Sign in as a person first")));
      return;
    }
  key = self->settings != NULL ? g_settings_get_string (self->settings, "signing-key")
                               : g_strdup (g_getenv ("LOKET_SIGNING_KEY"));
  if ((key == NULL || *key == '\0') && g_getenv ("LOKET_SIGNING_KEY") != NULL)
    {
      g_free (key);
      key = g_strdup (g_getenv ("LOKET_SIGNING_KEY"));
    }
  dialog = loket_sign_dialog_new (GTK_WINDOW (self), self->store, self->person_id, key, case_uuid,
                                  draft_id);
  g_signal_connect_object (dialog, "signed", G_CALLBACK (letters_signed_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_set_data (G_OBJECT (self), "loket-sign-dialog", dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_requested_cb (LoketWindow *self, const char *case_uuid, const char *draft_id)
{
  open_sign_dialog (self, case_uuid, draft_id);
}

static void
sign_letters_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  open_sign_dialog (LOKET_WINDOW (user_data), NULL, NULL);
}

static const GActionEntry chain_actions[] = {
  { "sign-letters", sign_letters_activated, NULL, NULL, NULL, { 0 } },
};

void
_loket_window_setup_chain (LoketWindow *self)
{
  LoketChainPanel *panel = loket_case_view_get_chain_panel (self->case_view);

  g_action_map_add_action_entries (G_ACTION_MAP (self), chain_actions, G_N_ELEMENTS (chain_actions),
                                   self);
  g_signal_connect_object (panel, "changed", G_CALLBACK (chain_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "sign-requested", G_CALLBACK (sign_requested_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_loket_window_chain_ready (LoketWindow *self)
{
  LoketChainPanel *panel = loket_case_view_get_chain_panel (self->case_view);

  loket_chain_panel_set_context (panel, self->store, self->workflow, self->calendar);
  loket_chain_panel_set_person (panel, self->person_id);
}

void
_loket_window_chain_set_person (LoketWindow *self)
{
  loket_chain_panel_set_person (loket_case_view_get_chain_panel (self->case_view), self->person_id);
}
