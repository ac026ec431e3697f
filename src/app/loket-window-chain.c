// SPDX-License-Identifier: GPL-3.0-or-later
// LoketWindow: the review chain — the case pane's chain panel and the sign dialog
// ("Tandatangani", one PIN for several letters), opened from a draft or with win.sign-letters.

#include "config.h"

#include <glib/gi18n.h>

#include "chain/loket-sign-dialog.h"
#include "loket-window-private.h"

static void
chain_changed_cb (LoketWindow *self, const char *case_uuid)
{
  if (self->store == NULL)
    return;
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
  chain_changed_cb (self, NULL);
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
