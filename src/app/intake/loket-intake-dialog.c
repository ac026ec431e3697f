// SPDX-License-Identifier: GPL-3.0-or-later
// The intake dialog: register a case for any service, check its requirements, hand over a receipt.
// This file holds the form; loket-intake-dialog-result.c saving, the result and the documents.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-format.h"
#include "loket-intake-dialog-private.h"
#include "loket-intake-util.h"
#include "loket-party-row.h"
#include "loket-requirement-row.h"

#define DRAFT_DELAY_MS 1000

G_DEFINE_FINAL_TYPE (LoketIntakeDialog, loket_intake_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_BUSY,
  N_PROPS,
};

enum
{
  SIGNAL_CASE_REGISTERED,
  SIGNAL_CASE_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

/* ---- helpers ---- */

gpointer
_loket_intake_dialog_weak_new (LoketIntakeDialog *self)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, self);
  return weak;
}

LoketIntakeDialog *
_loket_intake_dialog_weak_steal (gpointer weak)
{
  LoketIntakeDialog *self = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  return self;
}

void
_loket_intake_dialog_toast (LoketIntakeDialog *self, const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_loket_intake_dialog_add_pending (LoketIntakeDialog *self, int delta)
{
  gboolean was_busy = self->n_pending > 0;

  g_assert (delta > 0 || self->n_pending >= (guint) -delta);
  self->n_pending += delta;
  if (was_busy != (self->n_pending > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  _loket_intake_dialog_update_actions (self);
}

void
_loket_intake_dialog_set_state (LoketIntakeDialog *self, const char *state)
{
  if (g_strcmp0 (state, loket_intake_dialog_get_state (self)) == 0)
    return;

  self->saving = g_str_equal (state, "saving");
  gtk_stack_set_visible_child_name (self->stack, self->saving ? "form" : state);
  gtk_widget_set_visible (GTK_WIDGET (self->save_spinner), self->saving);
  gtk_spinner_set_spinning (self->save_spinner, self->saving);
  _loket_intake_dialog_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* TRUE when the officer has typed or attached anything worth keeping. */
static gboolean
form_has_content (LoketIntakeDialog *self)
{
  g_autoptr (GPtrArray) attachments = NULL;
  GPtrArray *requirements;

  if (self->form == NULL)
    return FALSE;

  for (guint i = 0; i < loket_intake_form_get_n_parties (self->form); i++)
    {
      LoketParty *party = loket_intake_form_get_party (self->form, i);

      if (loket_intake_has_text (loket_party_get_nik (party))
          || loket_intake_has_text (loket_party_get_name (party))
          || loket_intake_has_text (loket_party_get_address (party))
          || loket_intake_has_text (loket_party_get_phone (party))
          || loket_intake_has_text (loket_party_get_email (party))
          || loket_intake_has_text (loket_party_get_legal_number (party))
          || loket_intake_has_text (loket_party_get_contact_person (party)))
        return TRUE;
    }
  if (loket_intake_has_text (loket_intake_form_get_subject (self->form))
      || loket_intake_has_text (loket_intake_form_get_letter_number (self->form))
      || loket_intake_has_text (loket_intake_form_get_letter_sender (self->form)))
    return TRUE;

  attachments = loket_intake_form_list_all_attachments (self->form);
  if (attachments->len > 0)
    return TRUE;
  requirements = loket_intake_form_get_requirements (self->form);
  for (guint i = 0; i < requirements->len; i++)
    if (loket_intake_form_get_satisfied (
          self->form, loket_requirement_get_id (g_ptr_array_index (requirements, i))))
      return TRUE;
  return FALSE;
}

/* gtk_widget_set_tooltip_text() asks the display where the pointer is each time (an X11 round
 * trip); the hints below are set again on every keystroke, mostly to the same text. */
static void
set_tooltip (GtkWidget *widget, const char *text)
{
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static const char *
problem_message (GPtrArray *problems, const char *field)
{
  for (guint i = 0; i < problems->len; i++)
    {
      LoketFieldProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->field, field) == 0)
        return problem->message;
    }
  return NULL;
}

void
_loket_intake_dialog_update_actions (LoketIntakeDialog *self)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) missing = NULL;
  const char *state = loket_intake_dialog_get_state (self);
  gboolean    on_form = g_str_equal (state, "form");
  gboolean    valid = FALSE;
  gboolean    quick = FALSE;
  gboolean    open_case = FALSE;
  const char *date_problem = NULL;

  if (self->form != NULL)
    {
      problems = loket_intake_form_validate (self->form);
      missing = loket_intake_form_missing_mandatory (self->form);
      valid = problems->len == 0;
      quick = loket_intake_form_is_counter_service (self->form);
      date_problem = problem_message (problems, "letter.date");
    }

  /* Files still being stored would be missing from the case: wait for them. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.save",
                                 on_form && valid && self->n_pending == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.finish",
                                 on_form && valid && quick && missing->len == 0
                                   && self->n_pending == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.add-party", on_form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.change-service", on_form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.cancel", !self->saving);

  /* The save buttons only make sense while filling the form. */
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), on_form || self->saving);
  gtk_widget_set_visible (GTK_WIDGET (self->finish_button), quick && (on_form || self->saving));
  if (quick)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->save_button), "suggested-action");
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  gtk_button_set_label (self->cancel_button,
                        g_str_equal (state, "result") ? _ ("_Close") : _ ("_Cancel"));

  /* Why the form cannot be registered yet. */
  if (problems != NULL && problems->len > 0)
    {
      g_autoptr (GString) hint = g_string_new (_ ("To register this case:"));

      for (guint i = 0; i < problems->len; i++)
        {
          LoketFieldProblem *problem = g_ptr_array_index (problems, i);

          g_string_append (hint, "\n• ");
          g_string_append (hint, problem->message);
        }
      gtk_label_set_label (self->hint_label, hint->str);
      set_tooltip (GTK_WIDGET (self->save_button), hint->str);
    }
  else if (self->n_pending > 0 && on_form)
    {
      gtk_label_set_label (self->hint_label, _ ("Storing the attached files…"));
      set_tooltip (GTK_WIDGET (self->save_button), NULL);
    }
  else if (quick && missing->len > 0)
    {
      g_autofree char *hint = NULL;

      hint = g_strdup_printf (
        /* Translators: quick intake of a counter service; %u is how many items are missing */
        g_dngettext (
          GETTEXT_PACKAGE,
          "To finish the case now with “Done”, tick the %u missing mandatory requirement.",
          "To finish the case now with “Done”, tick the %u missing mandatory requirements.",
          missing->len),
        missing->len);
      gtk_label_set_label (self->hint_label, hint);
      set_tooltip (GTK_WIDGET (self->save_button), NULL);
    }
  else
    {
      gtk_label_set_label (self->hint_label, "");
      set_tooltip (GTK_WIDGET (self->save_button), NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label),
                          *gtk_label_get_label (self->hint_label) != '\0');
  set_tooltip (GTK_WIDGET (self->finish_button),
                               *gtk_label_get_label (self->hint_label) != '\0'
                                 ? gtk_label_get_label (self->hint_label)
                                 : _ ("Register, declare complete and close the case now"));

  /* The letter date is judged once it is complete or left. */
  if (date_problem != NULL && self->letter_date_visited)
    {
      gtk_label_set_label (self->letter_date_error_label, date_problem);
      gtk_widget_add_css_class (GTK_WIDGET (self->letter_date_row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->letter_date_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->letter_date_error_row),
                          date_problem != NULL && self->letter_date_visited);

  /* The decisions on the result page. */
  open_case = self->kase != NULL && loket_case_get_closed_at (self->kase) == 0
              && loket_case_get_complete_at (self->kase) == 0 && !self->saving;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.declare-complete",
                                 open_case && missing != NULL && missing->len == 0);
  /* Returned once, the file waits for the applicant; returning it again says nothing new. */
  gtk_widget_action_set_enabled (
    GTK_WIDGET (self), "intake.return",
    open_case && loket_case_get_status (self->kase) != LOKET_CASE_STATUS_INCOMPLETE);
  /* Once decided, the decisions give way to the hint that says what happened. */
  gtk_widget_set_visible (
    self->decision_box,
    self->kase == NULL
      || (loket_case_get_closed_at (self->kase) == 0 && loket_case_get_complete_at (self->kase) == 0
          && loket_case_get_status (self->kase) != LOKET_CASE_STATUS_INCOMPLETE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.save-receipt", self->receipt != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.print-receipt", self->receipt != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.save-return-notice",
                                 self->return_notice != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.print-return-notice",
                                 self->return_notice != NULL);
  if (self->kase != NULL)
    {
      const char *decision_hint = "";

      if (loket_case_get_closed_at (self->kase) != 0)
        decision_hint = _ ("The case is closed.");
      else if (loket_case_get_complete_at (self->kase) != 0)
        decision_hint = _ ("The file is complete; the case goes on to its unit.");
      else if (loket_case_get_status (self->kase) == LOKET_CASE_STATUS_INCOMPLETE)
        decision_hint = _ ("The file went back to the applicant with the return notice. The "
                           "clock waits until the missing documents are handed in.");
      else if (missing != NULL && missing->len > 0)
        decision_hint = _ ("Mandatory requirements are missing: the file can only be returned.");
      gtk_label_set_label (self->decision_hint_label, decision_hint);
      gtk_widget_set_visible (GTK_WIDGET (self->decision_hint_label), *decision_hint != '\0');
    }
}

/* ---- drafts ---- */

static void
draft_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketIntakeDialog) self = _loket_intake_dialog_weak_steal (user_data);
  g_autoptr (GError) error = NULL;

  if (!loket_store_save_draft_finish (LOKET_STORE (source), result, &error))
    g_warning ("The draft could not be saved: %s", error->message);

  if (self == NULL)
    return;
  if (error == NULL)
    {
      self->n_drafts_saved++;
      self->draft_stored = TRUE;
    }
  _loket_intake_dialog_add_pending (self, -1);
}

static void
save_draft_now (LoketIntakeDialog *self)
{
  g_autofree char *json = NULL;

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  if (self->form == NULL || self->store == NULL || !self->draft_dirty)
    return;

  self->draft_dirty = FALSE;
  json = loket_intake_form_to_json (self->form);
  _loket_intake_dialog_add_pending (self, 1);
  /* No cancellable: a draft saved while the dialog closes must still reach the disk. */
  loket_store_save_draft_async (self->store, loket_intake_form_get_draft_id (self->form), json,
                                NULL, draft_saved_cb, _loket_intake_dialog_weak_new (self));
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  LoketIntakeDialog *self = user_data;

  self->draft_timeout_id = 0;
  save_draft_now (self);
  return G_SOURCE_REMOVE;
}

static void
draft_deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!loket_store_delete_draft_finish (LOKET_STORE (source), result, &error))
    g_warning ("The draft could not be deleted: %s", error->message);
}

void
_loket_intake_dialog_delete_draft (LoketIntakeDialog *self, LoketIntakeForm *form)
{
  if (self->store == NULL || form == NULL)
    return;

  /* Not cancelled with the dialog: discarding must happen even when it closes at once. */
  loket_store_delete_draft_async (self->store, loket_intake_form_get_draft_id (form), NULL,
                                  draft_deleted_cb, NULL);
}

void
_loket_intake_dialog_form_changed (LoketIntakeDialog *self)
{
  if (self->updating)
    return;

  _loket_intake_dialog_update_actions (self);
  if (g_strcmp0 (loket_intake_dialog_get_state (self), "form") != 0)
    return;
  if (!form_has_content (self))
    {
      /* Everything erased: nothing to offer back later. */
      g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
      if (self->draft_stored || self->draft_dirty)
        _loket_intake_dialog_delete_draft (self, self->form);
      self->draft_stored = FALSE;
      self->draft_dirty = FALSE;
      return;
    }
  self->draft_dirty = TRUE;
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_timeout_id = g_timeout_add (DRAFT_DELAY_MS, draft_timeout_cb, self);
}

/* ---- actions ---- */

static void
change_service_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketIntakeDialog *self = LOKET_INTAKE_DIALOG (widget);

  _loket_intake_dialog_set_state (self, "service");
  loket_service_chooser_focus_search (self->service_chooser);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _loket_intake_dialog_register (LOKET_INTAKE_DIALOG (widget), LOKET_INTAKE_REGISTER);
}

static void
finish_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  _loket_intake_dialog_register (LOKET_INTAKE_DIALOG (widget), LOKET_INTAKE_COMPLETE_AND_CLOSE);
}

static void
close_now (LoketIntakeDialog *self)
{
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
discard_response_cb (AdwMessageDialog *dialog, const char *response, LoketIntakeDialog *self)
{
  if (g_str_equal (response, "discard"))
    {
      g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
      self->draft_dirty = FALSE;
      _loket_intake_dialog_delete_draft (self, self->form);
      close_now (self);
    }
  else if (g_str_equal (response, "keep"))
    {
      self->draft_dirty = TRUE;
      save_draft_now (self);
      close_now (self);
    }
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketIntakeDialog *self = LOKET_INTAKE_DIALOG (widget);
  AdwMessageDialog  *dialog;

  if (self->saving)
    return;
  if (g_strcmp0 (loket_intake_dialog_get_state (self), "result") == 0 || !form_has_content (self))
    {
      close_now (self);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (self), _ ("Discard This Case?"),
                            _ ("It has not been registered. Keep it as a draft to finish it "
                               "later, or discard what was entered.")));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Keep Editing"), "discard",
                                    _ ("_Discard"), "keep", _ ("Keep _Draft"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "keep", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ---- */

static gboolean
loket_intake_dialog_close_request (GtkWindow *window)
{
  LoketIntakeDialog *self = LOKET_INTAKE_DIALOG (window);

  if (!self->closing && !self->saving
      && g_strcmp0 (loket_intake_dialog_get_state (self), "result") != 0 && form_has_content (self))
    {
      cancel_action (GTK_WIDGET (self), "intake.cancel", NULL);
      return TRUE;
    }
  if (self->saving)
    return TRUE;

  return GTK_WINDOW_CLASS (loket_intake_dialog_parent_class)->close_request (window);
}

static void
loket_intake_dialog_dispose (GObject *object)
{
  LoketIntakeDialog *self = LOKET_INTAKE_DIALOG (object);

  /* Nothing typed is lost: a pending autosave is written now. */
  if (self->draft_timeout_id != 0)
    save_draft_now (self);
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->save_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
  g_clear_object (&self->save_chooser);
  if (self->form != NULL)
    g_signal_handlers_disconnect_by_func (self->form, _loket_intake_dialog_form_changed, self);
  if (self->party_rows != NULL)
    g_ptr_array_set_size (self->party_rows, 0);
  if (self->requirement_rows != NULL)
    g_ptr_array_set_size (self->requirement_rows, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_INTAKE_DIALOG);

  g_clear_object (&self->form);
  g_clear_object (&self->kase);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  g_clear_object (&self->org);
  g_clear_object (&self->calendar);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (loket_intake_dialog_parent_class)->dispose (object);
}

static void
loket_intake_dialog_finalize (GObject *object)
{
  LoketIntakeDialog *self = LOKET_INTAKE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->party_rows, g_ptr_array_unref);
  g_clear_pointer (&self->requirement_rows, g_ptr_array_unref);
  g_clear_pointer (&self->channels, g_strfreev);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->case_uuid, g_free);
  g_clear_pointer (&self->agenda_number, g_free);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->receipt, g_bytes_unref);
  g_clear_pointer (&self->return_notice, g_bytes_unref);

  G_OBJECT_CLASS (loket_intake_dialog_parent_class)->finalize (object);
}

static void
loket_intake_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LoketIntakeDialog *self = LOKET_INTAKE_DIALOG (object);

  switch (prop_id)
    {
      case PROP_STATE:
        g_value_set_string (value, loket_intake_dialog_get_state (self));
        break;

      case PROP_BUSY:
        g_value_set_boolean (value, loket_intake_dialog_get_busy (self));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_intake_dialog_class_init (LoketIntakeDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = loket_intake_dialog_dispose;
  object_class->finalize = loket_intake_dialog_finalize;
  object_class->get_property = loket_intake_dialog_get_property;
  window_class->close_request = loket_intake_dialog_close_request;

  properties[PROP_STATE]
    = g_param_spec_string ("state", NULL, NULL, "service",
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] = g_param_spec_boolean (
    "busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CASE_REGISTERED]
    = g_signal_new ("case-registered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_CASE_CHANGED]
    = g_signal_new ("case-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (LOKET_TYPE_SERVICE_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/intake/loket-intake-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, finish_button);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, save_spinner);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, service_chooser);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, form_scroller);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, service_row);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, sla_row);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, quick_box);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, parties_box);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, add_party_button);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, letter_group);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, letter_number_row);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, letter_date_row);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, letter_date_error_row);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, letter_date_error_label);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, letter_sender_row);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, letter_sifat_row);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, requirements_group);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, agenda_row);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, decision_box);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, complete_button);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, return_button);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, decision_hint_label);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, receipt_spinner);
  gtk_widget_class_bind_template_child (widget_class, LoketIntakeDialog, return_notice_row);

  gtk_widget_class_install_action (widget_class, "intake.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "intake.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "intake.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "intake.change-service", NULL,
                                   change_service_action);
  _loket_intake_dialog_install_form_callbacks (widget_class);
  _loket_intake_dialog_install_result_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "intake.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "intake.save",
                                       NULL);
}

static void
loket_intake_dialog_init (LoketIntakeDialog *self)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  const char            *real_name = g_get_real_name ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->party_rows = g_ptr_array_new ();
  self->requirement_rows = g_ptr_array_new ();
  self->author
    = g_strdup (real_name != NULL && *real_name != '\0' && g_strcmp0 (real_name, "Unknown") != 0
                  ? real_name
                  : g_get_user_name ());

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "attachment-size-limit-mb"))
    self->settings = g_settings_new (APP_ID);

  _loket_intake_dialog_init_form (self);

  gtk_stack_set_visible_child_name (self->stack, "service");
  _loket_intake_dialog_update_actions (self);
}

/* ---- public API ---- */

LoketIntakeDialog *
loket_intake_dialog_new (GtkWindow           *parent,
                         LoketStore          *store,
                         LoketServiceCatalog *catalog,
                         LoketOrgChart       *org,
                         LoketWorkCalendar   *calendar)
{
  LoketIntakeDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LOKET_IS_STORE (store), NULL);
  g_return_val_if_fail (LOKET_IS_SERVICE_CATALOG (catalog), NULL);
  g_return_val_if_fail (org == NULL || LOKET_IS_ORG_CHART (org), NULL);
  g_return_val_if_fail (calendar == NULL || LOKET_IS_WORK_CALENDAR (calendar), NULL);

  self = g_object_new (LOKET_TYPE_INTAKE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->catalog = g_object_ref (catalog);
  self->org = org != NULL ? g_object_ref (org) : NULL;
  self->calendar = calendar != NULL ? g_object_ref (calendar) : NULL;
  loket_service_chooser_set_catalog (self->service_chooser, catalog, org);
  loket_service_chooser_focus_search (self->service_chooser);
  return self;
}

gboolean
loket_intake_dialog_choose_service (LoketIntakeDialog *self, const char *service_id)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_DIALOG (self), FALSE);

  return loket_service_chooser_choose (self->service_chooser, service_id);
}

void
loket_intake_dialog_set_form (LoketIntakeDialog *self, LoketIntakeForm *form)
{
  g_return_if_fail (LOKET_IS_INTAKE_DIALOG (self));
  g_return_if_fail (LOKET_IS_INTAKE_FORM (form));

  /* A restored draft is in the database already. */
  self->draft_stored = TRUE;
  _loket_intake_dialog_set_form (self, form);
}

LoketIntakeForm *
loket_intake_dialog_get_form (LoketIntakeDialog *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_DIALOG (self), NULL);

  return self->form;
}

const char *
loket_intake_dialog_get_state (LoketIntakeDialog *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_DIALOG (self), NULL);

  if (self->saving)
    return "saving";
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
loket_intake_dialog_get_busy (LoketIntakeDialog *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_DIALOG (self), FALSE);

  return self->n_pending > 0;
}

const char *
loket_intake_dialog_get_case_uuid (LoketIntakeDialog *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_DIALOG (self), NULL);

  return self->case_uuid;
}

const char *
loket_intake_dialog_get_agenda_number (LoketIntakeDialog *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_DIALOG (self), NULL);

  return self->agenda_number;
}

LoketCase *
loket_intake_dialog_get_case (LoketIntakeDialog *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_DIALOG (self), NULL);

  return self->kase;
}

GBytes *
loket_intake_dialog_get_receipt (LoketIntakeDialog *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_DIALOG (self), NULL);

  return self->receipt;
}

GBytes *
loket_intake_dialog_get_return_notice (LoketIntakeDialog *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_DIALOG (self), NULL);

  return self->return_notice;
}

guint
loket_intake_dialog_get_n_drafts_saved (LoketIntakeDialog *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_DIALOG (self), 0);

  return self->n_drafts_saved;
}

void
_loket_intake_dialog_emit_case_registered (LoketIntakeDialog *self)
{
  g_signal_emit (self, signals[SIGNAL_CASE_REGISTERED], 0, self->case_uuid, self->agenda_number);
}

void
_loket_intake_dialog_emit_case_changed (LoketIntakeDialog *self)
{
  g_signal_emit (self, signals[SIGNAL_CASE_CHANGED], 0, self->case_uuid);
}
