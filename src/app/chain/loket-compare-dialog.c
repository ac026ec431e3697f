// SPDX-License-Identifier: GPL-3.0-or-later
// "Bandingkan versi" (loket-compare-dialog.h).

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "loket-compare-dialog.h"
#include "loket-letter-draft.h"

struct _LoketCompareDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkDropDown *from_dropdown;
  GtkDropDown *to_dropdown;
  GtkLabel    *summary_label;
  GtkListBox  *paragraph_list;

  /* Owned references */
  GPtrArray *contents; /* (element JsonNode) */
  GPtrArray *changed;  /* (element guint) */
};

G_DEFINE_FINAL_TYPE (LoketCompareDialog, loket_compare_dialog, ADW_TYPE_WINDOW)

static LoketLetterDraft *
draft_of (LoketCompareDialog *self, guint version, GError **error)
{
  JsonNode *node = version >= 1 && version <= self->contents->len
                     ? g_ptr_array_index (self->contents, version - 1)
                     : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _ ("This version has no letter content"));
      return NULL;
    }
  return loket_letter_draft_new_from_json (node, error);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
paragraph_row (guint index, const char *text, const char *before)
{
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget       *head = gtk_label_new (NULL);
  GtkWidget       *body = gtk_label_new (text);
  g_autofree char *number = NULL;

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  /* Translators: a paragraph number, then whether it changed */
  number = before != NULL ? g_strdup_printf (_ ("Paragraph %u — changed"), index + 1)
                          : g_strdup_printf (_ ("Paragraph %u"), index + 1);
  gtk_label_set_text (GTK_LABEL (head), number);
  gtk_label_set_xalign (GTK_LABEL (head), 0);
  gtk_widget_add_css_class (head, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_box_append (GTK_BOX (box), head);
  gtk_box_append (GTK_BOX (box), body);
  if (before != NULL)
    {
      g_autofree char *text_before = g_strdup_printf (_ ("Before: %s"), before);
      GtkWidget       *old = gtk_label_new (text_before);

      gtk_label_set_xalign (GTK_LABEL (old), 0);
      gtk_label_set_wrap (GTK_LABEL (old), TRUE);
      gtk_widget_add_css_class (old, "dim-label");
      gtk_widget_add_css_class (old, "chain-before");
      gtk_box_append (GTK_BOX (box), old);
      gtk_widget_add_css_class (box, "chain-changed");
    }
  return box;
}

static void
versions_changed_cb (LoketCompareDialog *self)
{
  guint from = gtk_drop_down_get_selected (self->from_dropdown) + 1;
  guint to = gtk_drop_down_get_selected (self->to_dropdown) + 1;
  g_autoptr (LoketLetterDraft) a = NULL;
  g_autoptr (LoketLetterDraft) b = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) changed_set = g_hash_table_new (NULL, NULL);
  g_autofree char *summary = NULL;

  clear_list (self->paragraph_list);
  g_ptr_array_set_size (self->changed, 0);
  if (self->contents == NULL || from == 0 || to == 0)
    return;
  a = draft_of (self, from, &error);
  b = a != NULL ? draft_of (self, to, &error) : NULL;
  if (b == NULL)
    {
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }
  if (g_strcmp0 (loket_letter_draft_get_kind (a), loket_letter_draft_get_kind (b)) != 0)
    {
      gtk_label_set_text (self->summary_label,
                          _ ("The two versions are different kinds of letter"));
      return;
    }
  {
    g_autoptr (GPtrArray) diff = loket_letter_draft_diff_paragraphs (a, b);

    for (guint i = 0; i < diff->len; i++)
      {
        g_ptr_array_add (self->changed, g_ptr_array_index (diff, i));
        g_hash_table_add (changed_set, g_ptr_array_index (diff, i));
      }
  }
  /* Translators: %u paragraphs changed between version %u and version %u */
  summary = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%u paragraph changed from version %u to version %u",
                 "%u paragraphs changed from version %u to version %u", self->changed->len),
    self->changed->len, from, to);
  gtk_label_set_text (self->summary_label, summary);
  for (guint i = 0; i < loket_letter_draft_get_n_paragraphs (b); i++)
    {
      gboolean    changed = g_hash_table_contains (changed_set, GUINT_TO_POINTER (i));
      const char *before = changed && i < loket_letter_draft_get_n_paragraphs (a)
                             ? loket_letter_draft_get_paragraph (a, i)
                             : (changed ? "" : NULL);

      gtk_list_box_append (self->paragraph_list,
                           paragraph_row (i, loket_letter_draft_get_paragraph (b, i), before));
    }
}

static void
loket_compare_dialog_finalize (GObject *object)
{
  LoketCompareDialog *self = LOKET_COMPARE_DIALOG (object);

  g_clear_pointer (&self->contents, g_ptr_array_unref);
  g_clear_pointer (&self->changed, g_ptr_array_unref);
  G_OBJECT_CLASS (loket_compare_dialog_parent_class)->finalize (object);
}

static void
loket_compare_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LOKET_TYPE_COMPARE_DIALOG);
  G_OBJECT_CLASS (loket_compare_dialog_parent_class)->dispose (object);
}

static void
loket_compare_dialog_class_init (LoketCompareDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_compare_dialog_dispose;
  object_class->finalize = loket_compare_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/loketapp/Loket/ui/chain/"
                                                             "loket-compare-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketCompareDialog, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LoketCompareDialog, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LoketCompareDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LoketCompareDialog, paragraph_list);
  gtk_widget_class_bind_template_callback (widget_class, versions_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
loket_compare_dialog_init (LoketCompareDialog *self)
{
  self->changed = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
loket_compare_dialog_new (GtkWindow *parent, GPtrArray *contents, guint from, guint to)
{
  LoketCompareDialog *self
    = g_object_new (LOKET_TYPE_COMPARE_DIALOG, "transient-for", parent, NULL);
  g_autoptr (GtkStringList) versions = gtk_string_list_new (NULL);

  g_return_val_if_fail (contents != NULL, NULL);

  self->contents = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  for (guint i = 0; i < contents->len; i++)
    {
      /* Translators: a version of a draft letter in a drop-down */
      g_autofree char *label = g_strdup_printf (_ ("Version %u"), i + 1);

      g_ptr_array_add (self->contents, json_node_ref (g_ptr_array_index (contents, i)));
      gtk_string_list_append (versions, label);
    }
  gtk_drop_down_set_model (self->from_dropdown, G_LIST_MODEL (versions));
  gtk_drop_down_set_model (self->to_dropdown, G_LIST_MODEL (versions));
  gtk_drop_down_set_selected (self->from_dropdown, from > 0 ? from - 1 : 0);
  gtk_drop_down_set_selected (self->to_dropdown, to > 0 ? to - 1 : 0);
  versions_changed_cb (self);
  return GTK_WIDGET (self);
}

GPtrArray *
loket_compare_dialog_get_changed (LoketCompareDialog *self)
{
  g_return_val_if_fail (LOKET_IS_COMPARE_DIALOG (self), NULL);
  return self->changed;
}

GtkListBox *
loket_compare_dialog_get_list (LoketCompareDialog *self)
{
  g_return_val_if_fail (LOKET_IS_COMPARE_DIALOG (self), NULL);
  return self->paragraph_list;
}
