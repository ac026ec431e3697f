// SPDX-License-Identifier: GPL-3.0-or-later
// One party of a new case: a person (NIK, name, address, phone, e-mail) or an organisation.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-party-row.h"

#define NIK_LENGTH 16

/* The fields whose problems show under them. */
enum
{
  FIELD_NIK,
  FIELD_NAME,
  FIELD_PHONE,
  FIELD_EMAIL,
  N_FIELDS,
};

static const char *field_names[N_FIELDS] = { "nik", "name", "phone", "email" };

struct _LoketPartyRow
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkToggleButton     *person_button;
  GtkToggleButton     *organisation_button;
  GtkButton           *remove_button;
  AdwEntryRow         *nik_row;
  AdwEntryRow         *name_row;
  AdwEntryRow         *legal_number_row;
  AdwEntryRow         *contact_person_row;
  AdwEntryRow         *address_row;
  AdwEntryRow         *phone_row;
  AdwEntryRow         *email_row;
  GtkListBoxRow       *error_rows[N_FIELDS];
  GtkLabel            *error_labels[N_FIELDS];

  /* Owned references */
  LoketParty *party;
  char       *errors[N_FIELDS]; /* the messages shown, or NULL */

  gboolean visited[N_FIELDS]; /* left once (or, for the NIK, 16 digits typed): errors show */
  guint    quick : 1;
  guint    filling : 1; /* entries being filled from the party */
};

G_DEFINE_FINAL_TYPE (LoketPartyRow, loket_party_row, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_REMOVE,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static AdwEntryRow *
field_row (LoketPartyRow *self, guint field)
{
  switch (field)
    {
      case FIELD_NIK:
        return self->nik_row;
      case FIELD_NAME:
        return self->name_row;
      case FIELD_PHONE:
        return self->phone_row;
      case FIELD_EMAIL:
      default:
        return self->email_row;
    }
}

static void
update_errors (LoketPartyRow *self)
{
  g_autoptr (GPtrArray) problems
    = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_field_problem_free);

  loket_party_validate (self->party, "", problems);
  for (guint f = 0; f < N_FIELDS; f++)
    {
      const char *message = NULL;

      for (guint i = 0; i < problems->len && message == NULL; i++)
        {
          LoketFieldProblem *problem = g_ptr_array_index (problems, i);

          if (g_strcmp0 (problem->field, field_names[f]) == 0)
            message = problem->message;
        }
      if (!self->visited[f] || !gtk_widget_get_visible (GTK_WIDGET (field_row (self, f))))
        message = NULL;

      g_free (self->errors[f]);
      self->errors[f] = g_strdup (message);
      if (message != NULL)
        {
          gtk_label_set_label (self->error_labels[f], message);
          gtk_widget_add_css_class (GTK_WIDGET (field_row (self, f)), "error");
        }
      else
        gtk_widget_remove_css_class (GTK_WIDGET (field_row (self, f)), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->error_rows[f]), message != NULL);
    }
}

static void
update_visibility (LoketPartyRow *self)
{
  gboolean organisation = loket_party_get_kind (self->party) == LOKET_PARTY_ORGANISATION;

  gtk_widget_set_visible (GTK_WIDGET (self->nik_row), !organisation);
  gtk_widget_set_visible (GTK_WIDGET (self->legal_number_row), organisation && !self->quick);
  gtk_widget_set_visible (GTK_WIDGET (self->contact_person_row), organisation);
  gtk_widget_set_visible (GTK_WIDGET (self->address_row), !self->quick);
  gtk_widget_set_visible (GTK_WIDGET (self->email_row), !self->quick);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row),
                                 organisation ? _ ("Organisation Name") : _ ("Full Name"));
  update_errors (self);
}

static void
set_entry (AdwEntryRow *row, const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
fill_from_party (LoketPartyRow *self)
{
  self->filling = TRUE;
  gtk_toggle_button_set_active (loket_party_get_kind (self->party) == LOKET_PARTY_ORGANISATION
                                  ? self->organisation_button
                                  : self->person_button,
                                TRUE);
  set_entry (self->nik_row, loket_party_get_nik (self->party));
  set_entry (self->name_row, loket_party_get_name (self->party));
  set_entry (self->legal_number_row, loket_party_get_legal_number (self->party));
  set_entry (self->contact_person_row, loket_party_get_contact_person (self->party));
  set_entry (self->address_row, loket_party_get_address (self->party));
  set_entry (self->phone_row, loket_party_get_phone (self->party));
  set_entry (self->email_row, loket_party_get_email (self->party));
  self->filling = FALSE;

  /* What a draft brings back is judged at once. */
  for (guint f = 0; f < N_FIELDS; f++)
    self->visited[f] = *gtk_editable_get_text (GTK_EDITABLE (field_row (self, f))) != '\0';
  update_visibility (self);
}

static void
kind_toggled_cb (LoketPartyRow *self, GtkToggleButton *button)
{
  /* Both buttons of the group toggle; react once. */
  if (!gtk_toggle_button_get_active (button) || self->filling)
    return;
  loket_party_set_kind (self->party, button == self->organisation_button ? LOKET_PARTY_ORGANISATION
                                                                         : LOKET_PARTY_PERSON);
  update_visibility (self);
}

static void
field_changed_cb (LoketPartyRow *self, AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (self->filling)
    return;

  if (row == self->nik_row)
    {
      loket_party_set_nik (self->party, text);
      if (strlen (text) >= NIK_LENGTH)
        self->visited[FIELD_NIK] = TRUE;
    }
  else if (row == self->name_row)
    loket_party_set_name (self->party, text);
  else if (row == self->legal_number_row)
    loket_party_set_legal_number (self->party, text);
  else if (row == self->contact_person_row)
    loket_party_set_contact_person (self->party, text);
  else if (row == self->address_row)
    loket_party_set_address (self->party, text);
  else if (row == self->phone_row)
    loket_party_set_phone (self->party, text);
  else if (row == self->email_row)
    loket_party_set_email (self->party, text);
  update_errors (self);
}

static void
remove_clicked_cb (LoketPartyRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

static void
focus_left_cb (GtkEventControllerFocus *focus, LoketPartyRow *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));

  /* A name left empty is not an error until the user tries to save. */
  for (guint f = 0; f < N_FIELDS; f++)
    if (GTK_WIDGET (field_row (self, f)) == row && f != FIELD_NAME)
      self->visited[f] = TRUE;
  update_errors (self);
}

static void
loket_party_row_dispose (GObject *object)
{
  LoketPartyRow *self = LOKET_PARTY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), LOKET_TYPE_PARTY_ROW);
  g_clear_object (&self->party);

  G_OBJECT_CLASS (loket_party_row_parent_class)->dispose (object);
}

static void
loket_party_row_finalize (GObject *object)
{
  LoketPartyRow *self = LOKET_PARTY_ROW (object);

  for (guint f = 0; f < N_FIELDS; f++)
    g_free (self->errors[f]);

  G_OBJECT_CLASS (loket_party_row_parent_class)->finalize (object);
}

static void
loket_party_row_class_init (LoketPartyRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_party_row_dispose;
  object_class->finalize = loket_party_row_finalize;

  /* ::remove: the remove button was clicked. */
  signals[SIGNAL_REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/intake/loket-party-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, group);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, person_button);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, organisation_button);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, nik_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, legal_number_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, contact_person_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, address_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, email_row);
  gtk_widget_class_bind_template_child_full (
    widget_class, "nik_error_row", FALSE, G_STRUCT_OFFSET (LoketPartyRow, error_rows[FIELD_NIK]));
  gtk_widget_class_bind_template_child_full (
    widget_class, "name_error_row", FALSE, G_STRUCT_OFFSET (LoketPartyRow, error_rows[FIELD_NAME]));
  gtk_widget_class_bind_template_child_full (
    widget_class, "phone_error_row", FALSE,
    G_STRUCT_OFFSET (LoketPartyRow, error_rows[FIELD_PHONE]));
  gtk_widget_class_bind_template_child_full (
    widget_class, "email_error_row", FALSE,
    G_STRUCT_OFFSET (LoketPartyRow, error_rows[FIELD_EMAIL]));
  gtk_widget_class_bind_template_child_full (
    widget_class, "nik_error_label", FALSE,
    G_STRUCT_OFFSET (LoketPartyRow, error_labels[FIELD_NIK]));
  gtk_widget_class_bind_template_child_full (
    widget_class, "name_error_label", FALSE,
    G_STRUCT_OFFSET (LoketPartyRow, error_labels[FIELD_NAME]));
  gtk_widget_class_bind_template_child_full (
    widget_class, "phone_error_label", FALSE,
    G_STRUCT_OFFSET (LoketPartyRow, error_labels[FIELD_PHONE]));
  gtk_widget_class_bind_template_child_full (
    widget_class, "email_error_label", FALSE,
    G_STRUCT_OFFSET (LoketPartyRow, error_labels[FIELD_EMAIL]));
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
loket_party_row_init (LoketPartyRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint f = 0; f < N_FIELDS; f++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_object (focus, "leave", G_CALLBACK (focus_left_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (field_row (self, f)), focus);
    }
}

GtkWidget *
loket_party_row_new (LoketParty *party)
{
  LoketPartyRow *self;

  g_return_val_if_fail (LOKET_IS_PARTY (party), NULL);

  self = g_object_new (LOKET_TYPE_PARTY_ROW, NULL);
  self->party = g_object_ref (party);
  fill_from_party (self);
  return GTK_WIDGET (self);
}

LoketParty *
loket_party_row_get_party (LoketPartyRow *self)
{
  g_return_val_if_fail (LOKET_IS_PARTY_ROW (self), NULL);

  return self->party;
}

void
loket_party_row_set_title (LoketPartyRow *self, const char *title)
{
  g_return_if_fail (LOKET_IS_PARTY_ROW (self));

  adw_preferences_group_set_title (self->group, title);
}

void
loket_party_row_set_removable (LoketPartyRow *self, gboolean removable)
{
  g_return_if_fail (LOKET_IS_PARTY_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), removable);
}

void
loket_party_row_set_quick (LoketPartyRow *self, gboolean quick)
{
  g_return_if_fail (LOKET_IS_PARTY_ROW (self));

  self->quick = !!quick;
  update_visibility (self);
}

void
loket_party_row_show_errors (LoketPartyRow *self)
{
  g_return_if_fail (LOKET_IS_PARTY_ROW (self));

  for (guint f = 0; f < N_FIELDS; f++)
    self->visited[f] = TRUE;
  update_errors (self);
}

const char *
loket_party_row_get_error (LoketPartyRow *self, const char *field)
{
  g_return_val_if_fail (LOKET_IS_PARTY_ROW (self), NULL);

  for (guint f = 0; f < N_FIELDS; f++)
    if (g_strcmp0 (field, field_names[f]) == 0)
      return self->errors[f];
  return NULL;
}

void
loket_party_row_focus (LoketPartyRow *self)
{
  g_return_if_fail (LOKET_IS_PARTY_ROW (self));

  gtk_widget_grab_focus (loket_party_get_kind (self->party) == LOKET_PARTY_ORGANISATION
                           ? GTK_WIDGET (self->name_row)
                           : GTK_WIDGET (self->nik_row));
}
