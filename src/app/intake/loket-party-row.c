// SPDX-License-Identifier: GPL-3.0-or-later
// One party of a new case: a person (NIK, name, address, phone, e-mail) or an organisation.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-id-numbers.h"
#include "loket-party-row.h"

#define NIK_LENGTH 16

struct _LoketPartyRow
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkToggleButton     *person_button;
  GtkToggleButton     *organisation_button;
  GtkButton           *remove_button;
  AdwEntryRow         *nik_row;
  GtkListBoxRow       *nik_error_row;
  GtkLabel            *nik_error_label;
  AdwEntryRow         *name_row;
  AdwEntryRow         *legal_number_row;
  AdwEntryRow         *contact_person_row;
  AdwEntryRow         *address_row;
  AdwEntryRow         *phone_row;
  AdwEntryRow         *email_row;
  GtkListBoxRow       *email_error_row;
  GtkLabel            *email_error_label;

  guint quick : 1;
  guint nik_visited : 1;   /* left once, or 16 characters typed: errors show as you type */
  guint email_visited : 1;
  guint filling : 1;       /* set_from_json: no ::changed per field */
};

G_DEFINE_FINAL_TYPE (LoketPartyRow, loket_party_row, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_CHANGED,
  SIGNAL_REMOVE,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (row_text (row)));
}

static gboolean
nik_is_valid (LoketPartyRow *self, GError **error)
{
  g_autofree char *nik = stripped_text (self->nik_row);

  if (*nik == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("Enter the NIK of the person: 16 digits from the KTP"));
      return FALSE;
    }
  return loket_nik_validate (nik, error);
}

static gboolean
email_is_valid (LoketPartyRow *self)
{
  g_autofree char *email = stripped_text (self->email_row);
  const char      *at;

  if (*email == '\0')
    return TRUE;
  at = strchr (email, '@');
  return at != NULL && at != email && strchr (at + 1, '@') == NULL && strchr (at + 1, '.') != NULL
         && at[strlen (at) - 1] != '.' && strchr (email, ' ') == NULL;
}

static void
set_row_error (AdwEntryRow *row, GtkListBoxRow *error_row, GtkLabel *label, const char *message)
{
  if (message != NULL)
    {
      gtk_label_set_label (label, message);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_visible (GTK_WIDGET (error_row), message != NULL);
}

static void
update_errors (LoketPartyRow *self)
{
  gboolean organisation = loket_party_row_get_is_organisation (self);
  g_autoptr (GError) error = NULL;

  if (!organisation && self->nik_visited && !nik_is_valid (self, &error))
    set_row_error (self->nik_row, self->nik_error_row, self->nik_error_label, error->message);
  else
    set_row_error (self->nik_row, self->nik_error_row, self->nik_error_label, NULL);

  if (self->email_visited && !email_is_valid (self))
    set_row_error (self->email_row, self->email_error_row, self->email_error_label,
                   _ ("This does not look like an e-mail address (name@example.com)"));
  else
    set_row_error (self->email_row, self->email_error_row, self->email_error_label, NULL);
}

static void
update_visibility (LoketPartyRow *self)
{
  gboolean organisation = loket_party_row_get_is_organisation (self);

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
emit_changed (LoketPartyRow *self)
{
  if (!self->filling)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
kind_toggled_cb (LoketPartyRow *self, GtkToggleButton *button)
{
  /* Both buttons of the group toggle; react once. */
  if (!gtk_toggle_button_get_active (button))
    return;
  update_visibility (self);
  emit_changed (self);
}

static void
nik_changed_cb (LoketPartyRow *self)
{
  if (strlen (row_text (self->nik_row)) >= NIK_LENGTH)
    self->nik_visited = TRUE;
  update_errors (self);
  emit_changed (self);
}

static void
field_changed_cb (LoketPartyRow *self, AdwEntryRow *row)
{
  if (row == self->email_row && self->email_visited)
    update_errors (self);
  emit_changed (self);
}

static void
remove_clicked_cb (LoketPartyRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

static void
nik_focus_left_cb (LoketPartyRow *self)
{
  if (*row_text (self->nik_row) != '\0')
    self->nik_visited = TRUE;
  update_errors (self);
}

static void
email_focus_left_cb (LoketPartyRow *self)
{
  self->email_visited = TRUE;
  update_errors (self);
}

static void
watch_focus_leave (LoketPartyRow *self, AdwEntryRow *row, GCallback callback)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (focus, "leave", callback, self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
}

static void
loket_party_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LOKET_TYPE_PARTY_ROW);

  G_OBJECT_CLASS (loket_party_row_parent_class)->dispose (object);
}

static void
loket_party_row_class_init (LoketPartyRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_party_row_dispose;

  /* ::changed: a field or the kind changed. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
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
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, nik_error_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, nik_error_label);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, legal_number_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, contact_person_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, address_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, email_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, email_error_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPartyRow, email_error_label);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, nik_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
loket_party_row_init (LoketPartyRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  watch_focus_leave (self, self->nik_row, G_CALLBACK (nik_focus_left_cb));
  watch_focus_leave (self, self->email_row, G_CALLBACK (email_focus_left_cb));
  update_visibility (self);
}

GtkWidget *
loket_party_row_new (void)
{
  return g_object_new (LOKET_TYPE_PARTY_ROW, NULL);
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

gboolean
loket_party_row_get_is_organisation (LoketPartyRow *self)
{
  g_return_val_if_fail (LOKET_IS_PARTY_ROW (self), FALSE);

  return gtk_toggle_button_get_active (self->organisation_button);
}

void
loket_party_row_set_is_organisation (LoketPartyRow *self, gboolean is_organisation)
{
  g_return_if_fail (LOKET_IS_PARTY_ROW (self));

  gtk_toggle_button_set_active (is_organisation ? self->organisation_button : self->person_button,
                                TRUE);
}

gboolean
loket_party_row_is_valid (LoketPartyRow *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (LOKET_IS_PARTY_ROW (self), FALSE);

  name = stripped_text (self->name_row);
  if (*name == '\0')
    return FALSE;
  if (!loket_party_row_get_is_organisation (self) && !nik_is_valid (self, NULL))
    return FALSE;
  return self->quick || email_is_valid (self);
}

gboolean
loket_party_row_is_empty (LoketPartyRow *self)
{
  AdwEntryRow *rows[] = { self->nik_row,          self->name_row,    self->legal_number_row,
                          self->contact_person_row, self->address_row, self->phone_row,
                          self->email_row };

  g_return_val_if_fail (LOKET_IS_PARTY_ROW (self), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (*row_text (rows[i]) != '\0')
      return FALSE;
  return TRUE;
}

void
loket_party_row_show_errors (LoketPartyRow *self)
{
  g_return_if_fail (LOKET_IS_PARTY_ROW (self));

  self->nik_visited = TRUE;
  self->email_visited = TRUE;
  update_errors (self);
}

static void
set_member (JsonObject *object, const char *name, AdwEntryRow *row)
{
  g_autofree char *text = stripped_text (row);

  if (*text != '\0')
    json_object_set_string_member (object, name, text);
}

JsonObject *
loket_party_row_to_json (LoketPartyRow *self)
{
  JsonObject *party;

  g_return_val_if_fail (LOKET_IS_PARTY_ROW (self), NULL);

  party = json_object_new ();
  if (loket_party_row_get_is_organisation (self))
    {
      json_object_set_string_member (party, "kind", "organisation");
      set_member (party, "name", self->name_row);
      if (!self->quick)
        set_member (party, "legal_number", self->legal_number_row);
      set_member (party, "contact_person", self->contact_person_row);
    }
  else
    {
      json_object_set_string_member (party, "kind", "person");
      set_member (party, "nik", self->nik_row);
      set_member (party, "name", self->name_row);
    }
  if (!self->quick)
    set_member (party, "address", self->address_row);
  set_member (party, "phone", self->phone_row);
  if (!self->quick)
    set_member (party, "email", self->email_row);
  return party;
}

static void
fill_row (AdwEntryRow *row, JsonObject *party, const char *member)
{
  const char *text = json_object_get_string_member_with_default (party, member, "");

  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

void
loket_party_row_set_from_json (LoketPartyRow *self, JsonObject *party)
{
  g_return_if_fail (LOKET_IS_PARTY_ROW (self));
  g_return_if_fail (party != NULL);

  self->filling = TRUE;
  loket_party_row_set_is_organisation (
    self, g_strcmp0 (json_object_get_string_member_with_default (party, "kind", "person"),
                     "organisation")
            == 0);
  fill_row (self->nik_row, party, "nik");
  fill_row (self->name_row, party, "name");
  fill_row (self->legal_number_row, party, "legal_number");
  fill_row (self->contact_person_row, party, "contact_person");
  fill_row (self->address_row, party, "address");
  fill_row (self->phone_row, party, "phone");
  fill_row (self->email_row, party, "email");
  self->filling = FALSE;
  /* A restored NIK is judged at once. */
  self->nik_visited = *row_text (self->nik_row) != '\0';
  update_errors (self);
  emit_changed (self);
}
