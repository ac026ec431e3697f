// SPDX-License-Identifier: GPL-3.0-or-later
// LoketDraftEditor: the rows of the form — who signs, the text fields, one text view per
// paragraph — and the marks on the paragraphs a version changed.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-draft-editor-private.h"
#include "loket-letter-case-fields.h"

/* The fields shown first, with their labels; every other text field goes under "More Fields". */
static const struct
{
  const char *name;
  const char *label;
} main_fields[] = {
  { "hal", N_ ("Subject line (hal)") },
  { "sifat", N_ ("Nature (sifat)") },
  { "lampiran", N_ ("Attachments (lampiran)") },
  { "letter_number", N_ ("Letter number") },
  { "letter_date", N_ ("Letter date") },
  { "city", N_ ("Place of the date line") },
  { "applicant_name", N_ ("Addressee") },
  { "applicant_address", N_ ("Address of the addressee") },
  { "subject", N_ ("Subject of the application") },
  { "incoming_number", N_ ("Number of the incoming letter") },
  { "incoming_date", N_ ("Date of the incoming letter") },
};

static gboolean
is_main_field (const char *name)
{
  /* the signer row sets these together */
  if (g_str_has_prefix (name, "signer_"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (main_fields); i++)
    if (g_str_equal (main_fields[i].name, name))
      return TRUE;
  return FALSE;
}

static void
field_changed_cb (LoketDraftEditor *self, GtkEditable *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "field");

  if (self->filling || self->draft == NULL || name == NULL)
    return;
  loket_letter_fields_set (loket_letter_draft_get_fields (self->draft), name,
                           gtk_editable_get_text (row));
  _loket_draft_editor_schedule_render (self);
}

static void
paragraph_changed_cb (LoketDraftEditor *self, GtkTextBuffer *buffer)
{
  guint            index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (buffer), "index"));
  g_autofree char *text = NULL;
  GtkTextIter      start, end;

  if (self->filling || self->draft == NULL
      || index >= loket_letter_draft_get_n_paragraphs (self->draft))
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  loket_letter_draft_set_paragraph (self->draft, index, text);
  _loket_draft_editor_schedule_render (self);
}

static GtkWidget *
new_field_row (LoketDraftEditor *self, const char *name, const char *label)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_editable_set_text (GTK_EDITABLE (row), loket_letter_fields_get (
                                               loket_letter_draft_get_fields (self->draft), name));
  gtk_editable_set_editable (GTK_EDITABLE (row), !self->read_only);
  g_object_set_data_full (G_OBJECT (row), "field", g_strdup (name), g_free);
  g_signal_connect_object (row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  return row;
}

static GtkWidget *
new_paragraph_row (LoketDraftEditor *self, guint index)
{
  GtkWidget       *row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "activatable", FALSE, NULL);
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget       *label;
  GtkWidget       *view = gtk_text_view_new ();
  GtkTextBuffer   *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_autofree char *title = g_strdup_printf (_ ("Paragraph %u"), index + 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  g_object_set_data (G_OBJECT (row), "caption", label);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), !self->read_only);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), !self->read_only);
  gtk_widget_add_css_class (view, "draft-paragraph");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_text_buffer_set_text (buffer, loket_letter_draft_get_paragraph (self->draft, index), -1);
  g_object_set_data (G_OBJECT (buffer), "index", GUINT_TO_POINTER (index));
  g_signal_connect_object (buffer, "changed", G_CALLBACK (paragraph_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_ptr_array_add (self->buffers, buffer);
  return row;
}

static void
signer_selected_cb (LoketDraftEditor *self, GParamSpec *pspec, AdwComboRow *row)
{
  guint       selected = adw_combo_row_get_selected (row);
  const char *person;
  gboolean    head = selected == 0;
  g_autoptr (GError) error = NULL;

  if (self->filling || self->draft == NULL || selected >= self->signers->len)
    return;
  person = g_ptr_array_index (self->signers, selected);
  /* the head signs in their own name; anyone else signs for the head (a.n.) */
  if (!loket_letter_fields_set_signer (loket_letter_draft_get_fields (self->draft), self->org,
                                       person, head ? LOKET_DELEGATION_NONE : LOKET_DELEGATION_AN,
                                       &error))
    {
      _loket_draft_editor_show_toast (self, error->message);
      return;
    }
  loket_letter_draft_set_signer (self->draft, person, head ? NULL : "a.n.");
  _loket_draft_editor_schedule_render (self);
}

/* "Signed by": the head of the agency, or the Sekretaris or a Kepala Bidang for the head (a.n.).
 * NULL when the org chart does not know the agency's head. */
static GtkWidget *
new_signer_row (LoketDraftEditor *self)
{
  const char          *agency = loket_case_get_agency_id (self->kase);
  const LoketPosition *head = NULL;
  g_autoptr (GPtrArray) holders = NULL;
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  const char *chosen = loket_letter_draft_get_signer_person (self->draft);
  GPtrArray  *people;
  GtkWidget  *row;
  guint       selected = 0;

  g_ptr_array_set_size (self->signers, 0);
  if (self->org == NULL || agency == NULL
      || (head = loket_org_chart_get_head_position (self->org, agency)) == NULL)
    return NULL;
  holders = loket_org_chart_get_holders (self->org, head->id);
  if (holders->len == 0)
    return NULL;
  {
    const LoketPerson *person = g_ptr_array_index (holders, 0);
    /* Translators: a signer choice: the person and their jabatan */
    g_autofree char *label = g_strdup_printf (_ ("%s, %s"), person->name, head->title);

    gtk_string_list_append (labels, label);
    g_ptr_array_add (self->signers, g_strdup (person->id));
  }
  people = loket_org_chart_get_people (self->org, agency);
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      const LoketPerson   *person = g_ptr_array_index (people, i);
      const LoketPosition *position
        = loket_org_chart_lookup_position (self->org, person->position_id);
      g_autofree char *label = NULL;

      if (position == NULL
          || (position->role != LOKET_ROLE_SECRETARY && position->role != LOKET_ROLE_DIVISION_HEAD))
        continue;
      /* Translators: a signer choice: signing for the head (a.n. = atas nama), the person and
       * their jabatan */
      label = g_strdup_printf (_ ("a.n. %s, %s"), person->name, position->title);
      if (g_strcmp0 (chosen, person->id) == 0)
        selected = self->signers->len;
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->signers, g_strdup (person->id));
    }
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Signed by"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  gtk_widget_set_sensitive (row, !self->read_only);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (signer_selected_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static void
clear_form (LoketDraftEditor *self)
{
  for (guint i = 0; i < self->form_rows->len; i++)
    adw_preferences_group_remove (self->fields_group, g_ptr_array_index (self->form_rows, i));
  for (guint i = 0; i < self->paragraph_rows->len; i++)
    adw_preferences_group_remove (self->paragraphs_group,
                                  g_ptr_array_index (self->paragraph_rows, i));
  g_ptr_array_set_size (self->form_rows, 0);
  g_ptr_array_set_size (self->paragraph_rows, 0);
  g_ptr_array_set_size (self->buffers, 0);
}

void
_loket_draft_editor_fill_form (LoketDraftEditor *self)
{
  LoketLetterFields *fields = loket_letter_draft_get_fields (self->draft);
  g_autoptr (GPtrArray) names = loket_letter_fields_list (fields);
  GtkWidget *more = adw_expander_row_new ();
  guint      n_more = 0;

  self->filling = TRUE;
  clear_form (self);
  {
    GtkWidget *signer = new_signer_row (self);

    if (signer != NULL)
      {
        adw_preferences_group_add (self->fields_group, signer);
        g_ptr_array_add (self->form_rows, signer);
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (main_fields); i++)
    if (loket_letter_fields_get (fields, main_fields[i].name) != NULL)
      {
        GtkWidget *row = new_field_row (self, main_fields[i].name, _ (main_fields[i].label));

        adw_preferences_group_add (self->fields_group, row);
        g_ptr_array_add (self->form_rows, row);
      }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), _ ("More Fields"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (more),
                                 _ ("Everything else the letter is filled with"));
  for (guint i = 0; i < names->len; i++)
    {
      const char      *name = g_ptr_array_index (names, i);
      g_autofree char *label = NULL;

      if (is_main_field (name))
        continue;
      label = g_strdelimit (g_strdup (name), "_", ' ');
      adw_expander_row_add_row (ADW_EXPANDER_ROW (more), new_field_row (self, name, label));
      n_more++;
    }
  if (n_more > 0)
    {
      adw_preferences_group_add (self->fields_group, more);
      g_ptr_array_add (self->form_rows, more);
    }
  else
    g_object_unref (g_object_ref_sink (more));

  for (guint i = 0; i < loket_letter_draft_get_n_paragraphs (self->draft); i++)
    {
      GtkWidget *row = new_paragraph_row (self, i);

      adw_preferences_group_add (self->paragraphs_group, row);
      g_ptr_array_add (self->paragraph_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->paragraphs_group),
                          loket_letter_draft_get_n_paragraphs (self->draft) > 0);
  self->filling = FALSE;
}

void
_loket_draft_editor_mark_changes (LoketDraftEditor *self, LoketLetterDraft *previous)
{
  g_autoptr (GPtrArray) changed = loket_letter_draft_diff_paragraphs (previous, self->draft);

  for (guint i = 0; i < changed->len; i++)
    {
      guint            index = GPOINTER_TO_UINT (g_ptr_array_index (changed, i));
      GtkWidget       *row;
      g_autofree char *caption = NULL;

      if (index >= self->paragraph_rows->len)
        continue;
      row = g_ptr_array_index (self->paragraph_rows, index);
      gtk_widget_add_css_class (row, "draft-changed");
      /* Translators: above a paragraph that the version shown changed */
      caption
        = g_strdup_printf (_ ("Paragraph %u · changed in version %u"), index + 1, self->version);
      gtk_label_set_label (g_object_get_data (G_OBJECT (row), "caption"), caption);
    }
}
