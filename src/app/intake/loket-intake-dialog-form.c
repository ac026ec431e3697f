// SPDX-License-Identifier: GPL-3.0-or-later
// The intake dialog's form: parties, the incoming letter, the checklist and its attachments.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-format.h"
#include "loket-intake-dialog-private.h"
#include "loket-intake-util.h"
#include "loket-party-row.h"
#include "loket-requirement-row.h"

static guint64
size_limit (LoketIntakeDialog *self)
{
  int megabytes
    = self->settings != NULL ? g_settings_get_int (self->settings, "attachment-size-limit-mb") : 50;

  return (guint64) MAX (megabytes, 1) * 1024 * 1024;
}

/* ---- parties ---- */

static void
retitle_parties (LoketIntakeDialog *self)
{
  for (guint i = 0; i < self->party_rows->len; i++)
    {
      LoketPartyRow   *row = g_ptr_array_index (self->party_rows, i);
      g_autofree char *title = NULL;

      if (i == 0)
        title = g_strdup (_ ("Applicant"));
      else
        /* Translators: the title of the 2nd, 3rd… party of a case */
        title = g_strdup_printf (_ ("Party %u"), i + 1);
      loket_party_row_set_title (row, title);
      loket_party_row_set_removable (row, i > 0);
    }
}

static void
party_remove_cb (LoketIntakeDialog *self, LoketPartyRow *row)
{
  guint position;

  if (!g_ptr_array_find (self->party_rows, row, &position))
    return;
  gtk_box_remove (self->parties_box, GTK_WIDGET (row));
  g_ptr_array_remove_index (self->party_rows, position);
  loket_intake_form_remove_party (self->form, position);
  retitle_parties (self);
}

static void
append_party_row (LoketIntakeDialog *self, LoketParty *party)
{
  GtkWidget *row = loket_party_row_new (party);

  loket_party_row_set_quick (LOKET_PARTY_ROW (row),
                             loket_intake_form_is_counter_service (self->form));
  g_signal_connect_object (row, "remove", G_CALLBACK (party_remove_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->parties_box, row);
  g_ptr_array_add (self->party_rows, row);
  retitle_parties (self);
}

static void
add_party_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketIntakeDialog *self = LOKET_INTAKE_DIALOG (widget);
  g_autoptr (LoketParty) party = loket_party_new (LOKET_PARTY_PERSON);
  LoketPartyRow *row;

  loket_intake_form_add_party (self->form, party);
  append_party_row (self, party);
  row = g_ptr_array_index (self->party_rows, self->party_rows->len - 1);
  loket_party_row_focus (row);
}

/* ---- attachments ---- */

typedef struct
{
  gpointer             weak; /* the dialog */
  LoketRequirementRow *row;
  LoketIntakeForm     *form;
  char                *requirement_id;
} ImportData;

static void
import_data_free (ImportData *data)
{
  if (data->weak != NULL)
    g_object_unref (_loket_intake_dialog_weak_steal (data->weak));
  g_clear_object (&data->row);
  g_clear_object (&data->form);
  g_free (data->requirement_id);
  g_free (data);
}

static void
file_imported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ImportData *data = user_data;
  g_autoptr (LoketIntakeDialog) self = _loket_intake_dialog_weak_steal (data->weak);
  g_autoptr (LoketAttachment) attachment = NULL;
  g_autoptr (GError) error = NULL;

  data->weak = NULL;
  attachment = loket_store_add_blob_from_file_finish (LOKET_STORE (source), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      import_data_free (data);
      return;
    }

  loket_requirement_row_set_busy (data->row, FALSE);
  if (attachment == NULL)
    {
      loket_requirement_row_set_error (data->row, error->message);
      _loket_intake_dialog_toast (self, error->message);
    }
  else
    {
      loket_requirement_row_set_error (data->row, NULL);
      if (!loket_intake_form_add_attachment (data->form, data->requirement_id, attachment, &error))
        loket_requirement_row_set_error (data->row, error->message);
    }
  _loket_intake_dialog_add_pending (self, -1);
  import_data_free (data);
}

static void
files_added_cb (LoketIntakeDialog *self, GdkFileList *files, LoketRequirementRow *row)
{
  for (GSList *l = gdk_file_list_get_files (files); l != NULL; l = l->next)
    {
      ImportData *data = g_new0 (ImportData, 1);

      data->weak = _loket_intake_dialog_weak_new (self);
      data->row = g_object_ref (row);
      data->form = g_object_ref (self->form);
      data->requirement_id
        = g_strdup (loket_requirement_get_id (loket_requirement_row_get_requirement (row)));
      loket_requirement_row_set_busy (row, TRUE);
      _loket_intake_dialog_add_pending (self, 1);
      loket_store_add_blob_from_file_async (self->store, l->data, size_limit (self),
                                            self->cancellable, file_imported_cb, data);
    }
}

/* ---- building the form ---- */

static void
clear_form_widgets (LoketIntakeDialog *self)
{
  for (guint i = 0; i < self->party_rows->len; i++)
    gtk_box_remove (self->parties_box, g_ptr_array_index (self->party_rows, i));
  g_ptr_array_set_size (self->party_rows, 0);
  for (guint i = 0; i < self->requirement_rows->len; i++)
    adw_preferences_group_remove (self->requirements_group,
                                  g_ptr_array_index (self->requirement_rows, i));
  g_ptr_array_set_size (self->requirement_rows, 0);
}

static void
set_entry (AdwEntryRow *row, const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
fill_service (LoketIntakeDialog *self)
{
  LoketService      *service = loket_intake_form_get_service (self->form);
  const char        *channel = loket_intake_form_get_channel (self->form);
  const char *const *channels = loket_service_get_channels (service);
  LoketAgency       *agency
    = loket_service_catalog_lookup_agency (self->catalog, loket_service_get_agency_id (service));
  const LoketUnit *unit
    = self->org != NULL
        ? loket_org_chart_lookup_unit (self->org, loket_service_get_unit_id (service))
        : NULL;
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *sla = loket_intake_format_sla (service, channel);
  g_autofree char *sla_text = NULL;
  guint            selected = 0;

  /* Translators: the agency and unit of a service ("Dinas Sosial · Bidang Rehabilitasi Sosial") */
  subtitle = g_strdup_printf (_ ("%s · %s"), agency != NULL ? loket_agency_get_name (agency) : "",
                              unit != NULL ? unit->name : loket_service_get_unit_id (service));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->service_row),
                                 loket_service_get_name (service));
  adw_action_row_set_subtitle (self->service_row, subtitle);
  adw_window_title_set_subtitle (self->window_title, loket_service_get_name (service));

  /* Switching the channel keeps the service: the combo's model stays (replacing it from its own
   * ::notify::selected would free the selection that is emitting). */
  if (self->channels == NULL || channels == NULL
      || !g_strv_equal ((const char *const *) self->channels, channels))
    {
      g_clear_pointer (&self->channels, g_strfreev);
      self->channels = g_strdupv ((char **) channels);
      for (guint i = 0; channels != NULL && channels[i] != NULL; i++)
        gtk_string_list_append (labels, loket_format_channel (channels[i]));
      adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (labels));
    }
  for (guint i = 0; self->channels != NULL && self->channels[i] != NULL; i++)
    if (g_strcmp0 (self->channels[i], channel) == 0)
      selected = i;
  if (adw_combo_row_get_selected (self->channel_row) != selected)
    adw_combo_row_set_selected (self->channel_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->channel_row), g_strv_length (self->channels) > 1);

  if (*sla == '\0')
    sla_text = g_strdup (_ ("No time limit"));
  else if (loket_intake_sla_starts_when_complete (service, channel))
    /* Translators: %s is a time limit ("14 working days") */
    sla_text = g_strdup_printf (_ ("%s, counted from when the file is declared complete"), sla);
  else
    /* Translators: %s is a time limit ("14 working days") */
    sla_text = g_strdup_printf (_ ("%s, counted from receipt"), sla);
  adw_action_row_set_subtitle (self->sla_row, sla_text);
}

static void
fill_letter (LoketIntakeDialog *self)
{
  const char *channel = loket_intake_form_get_channel (self->form);
  gboolean    letter = g_strcmp0 (channel, "surat") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->letter_group),
                          letter || loket_intake_form_get_has_letter (self->form));
  set_entry (self->letter_number_row, loket_intake_form_get_letter_number (self->form));
  set_entry (self->letter_date_row, loket_intake_form_get_letter_date (self->form));
  set_entry (self->letter_sender_row, loket_intake_form_get_letter_sender (self->form));
  adw_combo_row_set_selected (self->letter_sifat_row,
                              loket_intake_form_get_letter_sifat (self->form));
  self->letter_date_visited
    = loket_intake_has_text (loket_intake_form_get_letter_date (self->form));
}

void
_loket_intake_dialog_set_form (LoketIntakeDialog *self, LoketIntakeForm *form)
{
  GPtrArray *requirements;
  gboolean   quick;

  if (self->form != NULL)
    g_signal_handlers_disconnect_by_func (self->form, _loket_intake_dialog_form_changed, self);
  self->updating = TRUE;
  clear_form_widgets (self);
  g_set_object (&self->form, form);

  fill_service (self);
  quick = loket_intake_form_is_counter_service (form);
  gtk_widget_set_visible (self->quick_box, quick);

  if (loket_intake_form_get_n_parties (form) == 0)
    {
      g_autoptr (LoketParty) party = loket_party_new (LOKET_PARTY_PERSON);

      loket_intake_form_add_party (form, party);
    }
  for (guint i = 0; i < loket_intake_form_get_n_parties (form); i++)
    append_party_row (self, loket_intake_form_get_party (form, i));

  set_entry (self->subject_row, loket_intake_form_get_subject (form));
  /* On the "surat" channel the incoming letter is part of the case: its fields are required. */
  if (g_strcmp0 (loket_intake_form_get_channel (form), "surat") == 0
      && !loket_intake_form_get_has_letter (form))
    loket_intake_form_set_letter (form, "", "", "", LOKET_LETTER_SIFAT_BIASA);
  fill_letter (self);

  requirements = loket_intake_form_get_requirements (form);
  for (guint i = 0; i < requirements->len; i++)
    {
      GtkWidget *row = loket_requirement_row_new (form, g_ptr_array_index (requirements, i));

      g_signal_connect_object (row, "files-added", G_CALLBACK (files_added_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->requirements_group, row);
      g_ptr_array_add (self->requirement_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->requirements_group), requirements->len > 0);

  g_signal_connect_object (form, "changed", G_CALLBACK (_loket_intake_dialog_form_changed), self,
                           G_CONNECT_SWAPPED);
  self->updating = FALSE;

  _loket_intake_dialog_set_state (self, "form");
  _loket_intake_dialog_update_actions (self);
}

/* A new form for @service_id on @channel that keeps what was typed in the old one. */
static void
replace_form (LoketIntakeDialog *self, const char *service_id, const char *channel)
{
  g_autoptr (LoketIntakeForm) form = NULL;
  g_autoptr (GError) error = NULL;

  form = loket_intake_form_new (self->catalog, service_id, channel, &error);
  if (form == NULL)
    {
      _loket_intake_dialog_toast (self, error->message);
      return;
    }

  if (self->form != NULL)
    {
      for (guint i = 0; i < loket_intake_form_get_n_parties (self->form); i++)
        loket_intake_form_add_party (form, loket_intake_form_get_party (self->form, i));
      loket_intake_form_set_subject (form, loket_intake_form_get_subject (self->form));
      if (loket_intake_form_get_has_letter (self->form))
        loket_intake_form_set_letter (form, loket_intake_form_get_letter_number (self->form),
                                      loket_intake_form_get_letter_date (self->form),
                                      loket_intake_form_get_letter_sender (self->form),
                                      loket_intake_form_get_letter_sifat (self->form));
      /* The draft follows the new form. */
      g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
      _loket_intake_dialog_delete_draft (self, self->form);
      self->draft_stored = FALSE;
    }

  _loket_intake_dialog_set_form (self, form);
  _loket_intake_dialog_form_changed (self);
}

/* ---- callbacks ---- */

static void
service_chosen_cb (LoketIntakeDialog *self, LoketService *service)
{
  const char *const *channels = loket_service_get_channels (service);

  if (self->form != NULL
      && g_strcmp0 (loket_service_get_id (loket_intake_form_get_service (self->form)),
                    loket_service_get_id (service))
           == 0)
    {
      _loket_intake_dialog_set_state (self, "form");
      return;
    }
  replace_form (self, loket_service_get_id (service), channels != NULL ? channels[0] : NULL);
  /* The officer types the applicant's NIK next. */
  if (self->party_rows->len > 0)
    loket_party_row_focus (g_ptr_array_index (self->party_rows, 0));
}

static void
channel_selected_cb (LoketIntakeDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->channel_row);

  if (self->updating || self->form == NULL || self->channels == NULL
      || selected >= g_strv_length (self->channels))
    return;
  if (g_strcmp0 (self->channels[selected], loket_intake_form_get_channel (self->form)) == 0)
    return;
  replace_form (self, loket_service_get_id (loket_intake_form_get_service (self->form)),
                self->channels[selected]);
}

static void
subject_changed_cb (LoketIntakeDialog *self)
{
  if (self->updating || self->form == NULL)
    return;
  loket_intake_form_set_subject (self->form,
                                 gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
}

static void
letter_changed_cb (LoketIntakeDialog *self)
{
  const char *number = gtk_editable_get_text (GTK_EDITABLE (self->letter_number_row));
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->letter_date_row));
  const char *sender = gtk_editable_get_text (GTK_EDITABLE (self->letter_sender_row));
  guint       sifat = adw_combo_row_get_selected (self->letter_sifat_row);

  if (self->updating || self->form == NULL)
    return;

  if (strlen (date) >= strlen ("YYYY-MM-DD"))
    self->letter_date_visited = TRUE;
  /* A letter is part of the "surat" channel; elsewhere it is optional. */
  if (g_strcmp0 (loket_intake_form_get_channel (self->form), "surat") == 0
      || loket_intake_has_text (number) || loket_intake_has_text (date)
      || loket_intake_has_text (sender))
    loket_intake_form_set_letter (self->form, number, date, sender,
                                  sifat <= LOKET_LETTER_SIFAT_RAHASIA ? sifat
                                                                      : LOKET_LETTER_SIFAT_BIASA);
  else
    loket_intake_form_clear_letter (self->form);
}

static void
letter_date_left_cb (LoketIntakeDialog *self)
{
  if (loket_intake_has_text (gtk_editable_get_text (GTK_EDITABLE (self->letter_date_row))))
    self->letter_date_visited = TRUE;
  _loket_intake_dialog_update_actions (self);
}

/* ---- package-private ---- */

void
_loket_intake_dialog_init_form (LoketIntakeDialog *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (focus, "leave", G_CALLBACK (letter_date_left_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->letter_date_row), focus);
}

void
_loket_intake_dialog_install_form_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, service_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, channel_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, subject_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, letter_changed_cb);
  gtk_widget_class_install_action (widget_class, "intake.add-party", NULL, add_party_action);
}
