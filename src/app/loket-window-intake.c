// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's side of intake: "New Case" (Ctrl+N), and unfinished drafts offered back.

#include "config.h"

#include <glib/gi18n.h>

#include "intake/loket-intake-dialog.h"
#include "loket-format.h"
#include "loket-window-private.h"

static void
case_registered_cb (LoketWindow *self, const char *case_uuid, const char *agenda_number)
{
  g_autofree char *message = NULL;
  AdwToast        *toast;

  /* Translators: a toast; %s is the new case's agenda number */
  message = g_strdup_printf (_ ("Case %s registered"), agenda_number);
  toast = adw_toast_new (message);
  /* Translators: the button of the "Case … registered" toast: show the case in the list */
  adw_toast_set_button_label (toast, _ ("Show"));
  adw_toast_set_action_name (toast, "win.show-case");
  adw_toast_set_action_target_value (toast, g_variant_new_string (agenda_number));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  loket_window_refresh (self);
}

static void
case_changed_cb (LoketWindow *self)
{
  loket_window_refresh (self);
}

/* The open dialog, or NULL. gtk_window_destroy() hides a closed dialog and drops GTK's reference
 * (someone else may still hold one): a hidden dialog is a closed one. */
static GtkWidget *
live_dialog (LoketWindow *self)
{
  if (self->intake_dialog != NULL && !gtk_widget_get_visible (self->intake_dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (self->intake_dialog),
                                    (gpointer *) &self->intake_dialog);
      self->intake_dialog = NULL;
    }
  return self->intake_dialog;
}

static LoketIntakeDialog *
open_dialog (LoketWindow *self)
{
  LoketIntakeDialog *dialog;

  if (live_dialog (self) != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->intake_dialog));
      return LOKET_INTAKE_DIALOG (self->intake_dialog);
    }

  dialog = loket_intake_dialog_new (GTK_WINDOW (self), self->store, self->catalog, self->org,
                                    self->calendar);
  g_signal_connect_object (dialog, "case-registered", G_CALLBACK (case_registered_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "case-changed", G_CALLBACK (case_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->intake_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->intake_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
new_case_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  loket_window_new_case (LOKET_WINDOW (user_data));
}

static void
show_case_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  LoketWindow *self = LOKET_WINDOW (user_data);
  const char  *agenda_number = g_variant_get_string (parameter, NULL);

  g_free (self->select_search);
  self->select_search = g_strdup (agenda_number);
  loket_window_select_inbox (self, "all");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), agenda_number);
}

/* ---- drafts ---- */

static void
draft_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketWindow) self = _loket_window_weak_steal (user_data);
  g_autoptr (GError) error = NULL;
  g_autofree char *json = loket_store_load_draft_finish (LOKET_STORE (source), result, &error);
  g_autoptr (LoketIntakeForm) form = NULL;

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (json != NULL)
    form = loket_intake_form_new_from_json (self->catalog, json, &error);
  if (form == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: a toast; %s is the reason */
      message = g_strdup_printf (_ ("The draft could not be opened: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  loket_intake_dialog_set_form (open_dialog (self), form);
}

static void
resume_draft_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  LoketWindow *self = LOKET_WINDOW (user_data);

  if (self->store == NULL)
    return;
  if (self->draft_toast != NULL)
    adw_toast_dismiss (self->draft_toast);

  loket_store_load_draft_async (self->store, g_variant_get_string (parameter, NULL),
                                self->cancellable, draft_loaded_cb, _loket_window_weak_new (self));
}

static void
drafts_listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketWindow) self = _loket_window_weak_steal (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) drafts = NULL;
  g_autofree char *title = NULL;
  LoketDraftInfo  *latest;
  const char      *service;
  AdwToast        *toast;

  drafts = loket_store_list_drafts_finish (LOKET_STORE (source), result, &error);
  if (self == NULL || drafts == NULL || drafts->len == 0)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The drafts could not be listed: %s", error->message);
      return;
    }

  latest = g_ptr_array_index (drafts, 0);
  service = latest->service_id != NULL
              ? loket_format_service_name (self->catalog, latest->service_id)
              : NULL;
  if (drafts->len > 1)
    /* Translators: a toast at start-up; %u (at least 2) unfinished intakes were kept */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unfinished cases were kept",
                                          "%u unfinished cases were kept", drafts->len),
                             drafts->len);
  else if (service != NULL)
    /* Translators: a toast at start-up; %s is a service name */
    title = g_strdup_printf (_ ("An unfinished case was kept: %s"), service);
  else
    title = g_strdup (_ ("An unfinished case was kept"));

  g_free (self->offered_draft_id);
  self->offered_draft_id = g_strdup (latest->id);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 0);
  /* Translators: the button of the unfinished-case toast (Lanjutkan) */
  adw_toast_set_button_label (toast, _ ("Resume"));
  adw_toast_set_action_name (toast, "win.resume-draft");
  adw_toast_set_action_target_value (toast, g_variant_new_string (latest->id));
  self->draft_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->draft_toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- package-private ---- */

static const GActionEntry intake_actions[] = {
  { .name = "new-case", .activate = new_case_action_cb },
  { .name = "resume-draft", .activate = resume_draft_action_cb, .parameter_type = "s" },
  { .name = "show-case", .activate = show_case_action_cb, .parameter_type = "s" },
};

void
_loket_window_setup_intake (LoketWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), intake_actions,
                                   G_N_ELEMENTS (intake_actions), self);
  _loket_window_update_intake_actions (self);
}

void
_loket_window_update_intake_actions (LoketWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (intake_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), intake_actions[i].name);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->store != NULL);
    }
}

void
_loket_window_offer_drafts (LoketWindow *self)
{
  loket_store_list_drafts_async (self->store, self->cancellable, drafts_listed_cb,
                                 _loket_window_weak_new (self));
}

void
_loket_window_close_intake (LoketWindow *self)
{
  if (live_dialog (self) != NULL)
    gtk_window_destroy (GTK_WINDOW (self->intake_dialog));
  if (self->intake_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->intake_dialog),
                                  (gpointer *) &self->intake_dialog);
  self->intake_dialog = NULL;
  if (self->draft_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->draft_toast), (gpointer *) &self->draft_toast);
  self->draft_toast = NULL;
}

/* ---- public API ---- */

void
loket_window_new_case (LoketWindow *self)
{
  g_return_if_fail (LOKET_IS_WINDOW (self));

  if (self->store == NULL || self->catalog == NULL)
    return;
  open_dialog (self);
}

GtkWindow *
loket_window_get_intake_dialog (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);

  return live_dialog (self) != NULL ? GTK_WINDOW (self->intake_dialog) : NULL;
}

const char *
loket_window_get_offered_draft (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);

  return self->offered_draft_id;
}
