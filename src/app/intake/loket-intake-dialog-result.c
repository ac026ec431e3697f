// SPDX-License-Identifier: GPL-3.0-or-later
// The intake dialog after "Register": the result, the decisions (complete, return, close) and the
// receipt and return notice (render, save, print).

#include "config.h"

#include <glib/gi18n.h>

#include "loket-format.h"
#include "loket-intake-dialog-private.h"
#include "loket-intake-util.h"
#include "loket-pdf-print.h"
#ifdef LOKET_HAVE_LETTERS
#include "loket-intake-documents.h"
#endif

typedef enum
{
  DOCUMENT_RECEIPT,
  DOCUMENT_RETURN_NOTICE,
} DocumentKind;

/* ---- the stored case ---- */

typedef struct
{
  LoketCase *kase;
  GPtrArray *events;
} LoadedCase;

static void
loaded_case_free (LoadedCase *loaded)
{
  g_clear_object (&loaded->kase);
  g_clear_pointer (&loaded->events, g_ptr_array_unref);
  g_free (loaded);
}

static void
load_case_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LoketStore *store = task_data;
  const char *case_uuid = g_object_get_data (G_OBJECT (task), "loket-case-uuid");
  LoadedCase *loaded = g_new0 (LoadedCase, 1);
  GError     *error = NULL;

  loaded->kase = loket_store_get_case (store, case_uuid, &error);
  if (loaded->kase != NULL)
    loaded->events = loket_store_get_case_events (store, case_uuid, &error);
  if (error != NULL)
    {
      loaded_case_free (loaded);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_case_free);
}

typedef struct
{
  LoketCase           *kase;
  GPtrArray           *events;
  LoketServiceCatalog *catalog;
  LoketWorkCalendar   *calendar;
  LoketOrgChart       *org;
  DocumentKind         kind;
} RenderData;

static void
render_data_free (RenderData *data)
{
  g_clear_object (&data->kase);
  g_clear_pointer (&data->events, g_ptr_array_unref);
  g_clear_object (&data->catalog);
  g_clear_object (&data->calendar);
  g_clear_object (&data->org);
  g_free (data);
}

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
#ifdef LOKET_HAVE_LETTERS
  RenderData *data = task_data;
  GError     *error = NULL;
  GBytes     *pdf;

  if (data->kind == DOCUMENT_RECEIPT)
    pdf = loket_receipt_render (data->kase, data->events, data->catalog, data->calendar, data->org,
                                LOKET_PAPER_A4, &error);
  else
    pdf = loket_return_notice_render (data->kase, data->events, data->catalog, data->calendar,
                                      data->org, LOKET_PAPER_A4, &error);
  if (pdf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pdf, (GDestroyNotify) g_bytes_unref);
#else
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("This build cannot make documents"));
#endif
}

static void
document_rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketIntakeDialog) self = _loket_intake_dialog_weak_steal (user_data);
  RenderData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  GBytes *pdf = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL)
    {
      g_clear_pointer (&pdf, g_bytes_unref);
      return;
    }
  _loket_intake_dialog_add_pending (self, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->receipt_spinner), FALSE);
  gtk_spinner_set_spinning (self->receipt_spinner, FALSE);

  if (pdf == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the reason */
          message = g_strdup_printf (_ ("The document could not be made: %s"), error->message);
          _loket_intake_dialog_toast (self, message);
        }
      return;
    }

  if (data->kind == DOCUMENT_RECEIPT)
    {
      g_clear_pointer (&self->receipt, g_bytes_unref);
      self->receipt = pdf;
    }
  else
    {
      g_clear_pointer (&self->return_notice, g_bytes_unref);
      self->return_notice = pdf;
      gtk_widget_set_visible (GTK_WIDGET (self->return_notice_row), TRUE);
    }
  _loket_intake_dialog_update_actions (self);
}

static void
render_document (LoketIntakeDialog *self, DocumentKind kind)
{
  g_autoptr (GTask) task = NULL;
  RenderData *data;

  if (self->kase == NULL || self->events == NULL)
    return;

  data = g_new0 (RenderData, 1);
  data->kase = g_object_ref (self->kase);
  data->events = g_ptr_array_ref (self->events);
  data->catalog = g_object_ref (self->catalog);
  data->calendar = self->calendar != NULL ? g_object_ref (self->calendar) : NULL;
  data->org = self->org != NULL ? g_object_ref (self->org) : NULL;
  data->kind = kind;

  if (kind == DOCUMENT_RECEIPT)
    {
      g_clear_pointer (&self->receipt, g_bytes_unref);
      gtk_widget_set_visible (GTK_WIDGET (self->receipt_spinner), TRUE);
      gtk_spinner_set_spinning (self->receipt_spinner, TRUE);
    }
  _loket_intake_dialog_add_pending (self, 1);
  task = g_task_new (NULL, self->cancellable, document_rendered_cb,
                     _loket_intake_dialog_weak_new (self));
  g_task_set_source_tag (task, render_document);
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
  g_task_run_in_thread (task, render_thread);
}

static void
fill_result (LoketIntakeDialog *self)
{
  LoketCase *kase = self->kase;
  GTimeZone *tz = self->calendar != NULL ? loket_work_calendar_get_timezone (self->calendar) : NULL;
  LoketService *service
    = loket_service_catalog_lookup (self->catalog, loket_case_get_service_id (kase));
  g_autofree char *deadline = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->result_page), "result-ok");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_page), "result-returned");
  if (loket_case_get_closed_at (kase) != 0)
    adw_status_page_set_title (self->result_page, _ ("Case Registered and Closed"));
  else if (loket_case_get_status (kase) == LOKET_CASE_STATUS_INCOMPLETE)
    adw_status_page_set_title (self->result_page, _ ("File Returned"));
  else if (loket_case_get_complete_at (kase) != 0)
    adw_status_page_set_title (self->result_page, _ ("File Complete"));
  else
    adw_status_page_set_title (self->result_page, _ ("Case Registered"));
  if (loket_case_get_status (kase) == LOKET_CASE_STATUS_INCOMPLETE)
    {
      adw_status_page_set_icon_name (self->result_page, "mail-reply-sender-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_page), "result-returned");
    }
  else
    {
      adw_status_page_set_icon_name (self->result_page, "emblem-ok-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_page), "result-ok");
    }
  adw_status_page_set_description (self->result_page, NULL);

  adw_action_row_set_subtitle (self->agenda_row, loket_case_get_agenda_number (kase));
  adw_action_row_set_subtitle (self->status_row,
                               loket_format_status (loket_case_get_status (kase)));

  if (loket_case_get_closed_at (kase) != 0)
    {
      g_autofree char *closed = loket_format_date_time (loket_case_get_closed_at (kase), tz);

      /* Translators: %s is a date and time */
      deadline = g_strdup_printf (_ ("Served and closed on %s"), closed);
    }
  else if (loket_case_get_status (kase) == LOKET_CASE_STATUS_INCOMPLETE)
    deadline = g_strdup (_ ("Stopped until the missing documents are handed in"));
  else if (loket_case_get_due_at (kase) != 0)
    deadline = loket_intake_is_counter_service (service, loket_case_get_channel (kase))
                 ? loket_format_date_time (loket_case_get_due_at (kase), tz)
                 : loket_format_date (loket_case_get_due_at (kase), tz);
  else if (service != NULL && loket_case_get_complete_at (kase) == 0
           && loket_intake_sla_starts_when_complete (service, loket_case_get_channel (kase)))
    deadline = g_strdup (_ ("Starts when the file is declared complete"));
  else
    deadline = g_strdup (_ ("No deadline"));
  adw_action_row_set_subtitle (self->deadline_row, deadline);
}

static void
case_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketIntakeDialog) self = _loket_intake_dialog_weak_steal (user_data);
  g_autoptr (GError) error = NULL;
  LoadedCase *loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL)
    {
      g_clear_pointer (&loaded, loaded_case_free);
      return;
    }
  _loket_intake_dialog_add_pending (self, -1);
  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _loket_intake_dialog_toast (self, error->message);
      return;
    }

  g_set_object (&self->kase, loaded->kase);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = g_ptr_array_ref (loaded->events);
  loaded_case_free (loaded);

  fill_result (self);
  _loket_intake_dialog_set_state (self, "result");
  _loket_intake_dialog_update_actions (self);
  /* The receipt is almost always handed over: make it now. */
  render_document (self, DOCUMENT_RECEIPT);
  if (loket_case_get_status (self->kase) == LOKET_CASE_STATUS_INCOMPLETE)
    render_document (self, DOCUMENT_RETURN_NOTICE);
}

static void
load_case (LoketIntakeDialog *self)
{
  g_autoptr (GTask) task
    = g_task_new (NULL, self->cancellable, case_loaded_cb, _loket_intake_dialog_weak_new (self));

  g_task_set_source_tag (task, load_case);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "loket-case-uuid", g_strdup (self->case_uuid), g_free);
  _loket_intake_dialog_add_pending (self, 1);
  g_task_run_in_thread (task, load_case_thread);
}

/* ---- registering ---- */

static void
registered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketIntakeDialog) self = _loket_intake_dialog_weak_steal (user_data);
  g_autoptr (GError) error = NULL;
  g_autofree char *case_uuid = NULL;
  g_autofree char *agenda_number = NULL;
  gboolean         ok;

  ok = loket_store_register_case_finish (LOKET_STORE (source), result, &case_uuid, &agenda_number,
                                         &error);
  if (self == NULL)
    return;

  if (!ok)
    {
      _loket_intake_dialog_set_state (self, "form");
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the reason */
          message = g_strdup_printf (_ ("The case was not registered: %s"), error->message);
          _loket_intake_dialog_toast (self, message);
        }
      return;
    }

  /* The draft went with the registration (same transaction). */
  self->draft_dirty = FALSE;
  self->case_uuid = g_steal_pointer (&case_uuid);
  self->agenda_number = g_steal_pointer (&agenda_number);
  gtk_window_set_title (GTK_WINDOW (self), self->agenda_number);
  adw_window_title_set_title (self->window_title, self->agenda_number);
  _loket_intake_dialog_emit_case_registered (self);
  load_case (self);
}

void
_loket_intake_dialog_register (LoketIntakeDialog *self, LoketIntakeOutcome outcome)
{
  if (self->form == NULL || self->saving || self->case_uuid != NULL)
    return;

  /* A pending autosave would only write the draft the registration deletes. */
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_dirty = FALSE;
  _loket_intake_dialog_set_state (self, "saving");
  loket_store_register_case_async (self->store, self->form, NULL, self->author, outcome,
                                   self->cancellable, registered_cb,
                                   _loket_intake_dialog_weak_new (self));
}

/* ---- decisions ---- */

static void
decided_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketIntakeDialog) self = _loket_intake_dialog_weak_steal (user_data);
  g_autoptr (GError) error = NULL;
  gboolean ok = loket_store_case_action_finish (LOKET_STORE (source), result, &error);

  if (self == NULL)
    return;
  _loket_intake_dialog_add_pending (self, -1);
  self->saving = FALSE;
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _loket_intake_dialog_toast (self, error->message);
      _loket_intake_dialog_update_actions (self);
      return;
    }
  _loket_intake_dialog_emit_case_changed (self);
  load_case (self);
}

static void
declare_complete_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketIntakeDialog *self = LOKET_INTAKE_DIALOG (widget);

  _loket_intake_dialog_add_pending (self, 1);
  loket_store_declare_complete_async (self->store, self->case_uuid, self->author, 0,
                                      self->cancellable, decided_cb,
                                      _loket_intake_dialog_weak_new (self));
}

static void
return_response_cb (AdwMessageDialog *dialog, const char *response, LoketIntakeDialog *self)
{
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "loket-note");

  if (!g_str_equal (response, "return"))
    return;
  _loket_intake_dialog_add_pending (self, 1);
  loket_store_return_case_async (self->store, self->case_uuid, self->author, NULL,
                                 gtk_editable_get_text (note), 0, self->cancellable, decided_cb,
                                 _loket_intake_dialog_weak_new (self));
}

static void
return_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketIntakeDialog *self = LOKET_INTAKE_DIALOG (widget);
  g_autoptr (GPtrArray) missing = loket_intake_form_missing_mandatory (self->form);
  g_autoptr (GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;
  GtkWidget        *list;
  GtkWidget        *note;

  if (missing->len > 0)
    {
      g_string_append (body, _ ("These mandatory requirements are missing:"));
      for (guint i = 0; i < missing->len; i++)
        {
          g_string_append (body, "\n• ");
          g_string_append (body, loket_requirement_get_text (g_ptr_array_index (missing, i)));
        }
    }
  else
    g_string_append (body, _ ("Every mandatory requirement is ticked. Say in the note what is "
                              "wrong with the file."));

  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (self), _ ("Return the File?"), body->str));
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  note = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _ ("Note for the applicant"));
  gtk_list_box_append (GTK_LIST_BOX (list), note);
  adw_message_dialog_set_extra_child (dialog, list);
  g_object_set_data (G_OBJECT (dialog), "loket-note", note);

  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "return", _ ("_Return File"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "return", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "return");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (return_response_cb), self, 0);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- saving and printing documents ---- */

static void
document_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketIntakeDialog) self = _loket_intake_dialog_weak_steal (user_data);
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = NULL;

          /* Translators: %s is the reason */
          message = g_strdup_printf (_ ("The document could not be saved: %s"), error->message);
          _loket_intake_dialog_toast (self, message);
        }
    }
  else if (self != NULL)
    _loket_intake_dialog_toast (self, _ ("Document saved"));

  if (self != NULL)
    _loket_intake_dialog_add_pending (self, -1);
}

static void
save_chooser_response_cb (LoketIntakeDialog *self, int response, GtkNativeDialog *chooser)
{
  GBytes *pdf = g_object_get_data (G_OBJECT (chooser), "loket-pdf");

  if (response == GTK_RESPONSE_ACCEPT && pdf != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      _loket_intake_dialog_add_pending (self, 1);
      g_file_replace_contents_bytes_async (
        file, pdf, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, self->cancellable,
        document_written_cb, _loket_intake_dialog_weak_new (self));
    }
  if (self->save_chooser == GTK_FILE_CHOOSER_NATIVE (chooser))
    g_clear_object (&self->save_chooser);
}

static void
save_document (LoketIntakeDialog *self, GBytes *pdf, const char *prefix)
{
  g_autofree char *name = NULL;

  if (pdf == NULL || self->save_chooser != NULL)
    return;

  /* "tanda-terima-00042-K7QF-KTKT-2026.pdf": no slashes in a file name. */
  name = g_strdup_printf ("%s-%s.pdf", prefix, self->agenda_number);
  g_strdelimit (name + strlen (prefix) + 1, "/\\: ", '-');
  self->save_chooser = gtk_file_chooser_native_new (
    _ ("Save Document"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), name);
  g_object_set_data_full (G_OBJECT (self->save_chooser), "loket-pdf", g_bytes_ref (pdf),
                          (GDestroyNotify) g_bytes_unref);
  g_signal_connect_object (self->save_chooser, "response", G_CALLBACK (save_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

static void
print_document (LoketIntakeDialog *self, GBytes *pdf, const char *what)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *job = NULL;

  if (pdf == NULL)
    return;
  job = g_strdup_printf ("%s %s", what, self->agenda_number);
  if (!loket_pdf_print (GTK_WINDOW (self), pdf, job, &error))
    _loket_intake_dialog_toast (self, error->message);
}

static void
save_receipt_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketIntakeDialog *self = LOKET_INTAKE_DIALOG (widget);

  /* Translators: the start of a receipt's file name; keep it ASCII without spaces */
  save_document (self, self->receipt, _ ("tanda-terima"));
}

static void
print_receipt_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketIntakeDialog *self = LOKET_INTAKE_DIALOG (widget);

  print_document (self, self->receipt, _ ("Receipt"));
}

static void
save_return_notice_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketIntakeDialog *self = LOKET_INTAKE_DIALOG (widget);

  /* Translators: the start of a return notice's file name; keep it ASCII without spaces */
  save_document (self, self->return_notice, _ ("pengembalian-berkas"));
}

static void
print_return_notice_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketIntakeDialog *self = LOKET_INTAKE_DIALOG (widget);

  print_document (self, self->return_notice, _ ("Return Notice"));
}

void
_loket_intake_dialog_install_result_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "intake.declare-complete", NULL,
                                   declare_complete_action);
  gtk_widget_class_install_action (widget_class, "intake.return", NULL, return_action);
  gtk_widget_class_install_action (widget_class, "intake.save-receipt", NULL, save_receipt_action);
  gtk_widget_class_install_action (widget_class, "intake.print-receipt", NULL,
                                   print_receipt_action);
  gtk_widget_class_install_action (widget_class, "intake.save-return-notice", NULL,
                                   save_return_notice_action);
  gtk_widget_class_install_action (widget_class, "intake.print-return-notice", NULL,
                                   print_return_notice_action);
}
