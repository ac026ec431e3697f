// SPDX-License-Identifier: GPL-3.0-or-later
// One item of the intake checklist: satisfied or not, its attachments, drop files on it.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-intake-util.h"
#include "loket-requirement-row.h"

struct _LoketRequirementRow
{
  AdwExpanderRow parent_instance;

  /* Template widgets */
  GtkCheckButton *check_button;
  GtkSpinner     *spinner;
  GtkLabel       *count_label;
  GtkButton      *attach_button;
  AdwActionRow   *applies_row;
  GtkSwitch      *applies_switch;
  GtkListBoxRow  *error_row;
  GtkLabel       *error_label;
  GtkListBoxRow  *empty_row;

  /* Owned references */
  LoketIntakeForm      *form;
  LoketRequirement     *requirement;
  GPtrArray            *file_rows; /* (element GtkWidget): one per attachment */
  GtkFileChooserNative *chooser;
  char                 *error;

  guint busy;
  guint syncing : 1;
};

G_DEFINE_FINAL_TYPE (LoketRequirementRow, loket_requirement_row, ADW_TYPE_EXPANDER_ROW)

enum
{
  SIGNAL_FILES_ADDED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static const char *
mime_label (const char *mime_type)
{
  if (g_strcmp0 (mime_type, "application/pdf") == 0)
    return "PDF";
  if (g_strcmp0 (mime_type, "image/jpeg") == 0)
    return "JPEG";
  if (g_strcmp0 (mime_type, "image/png") == 0)
    return "PNG";
  return mime_type;
}

static void
remove_clicked_cb (GtkButton *button, LoketRequirementRow *self)
{
  const char *sha256 = g_object_get_data (G_OBJECT (button), "loket-sha256");
  g_autoptr (GError) error = NULL;

  if (!loket_intake_form_remove_attachment (
        self->form, loket_requirement_get_id (self->requirement), sha256, &error))
    loket_requirement_row_set_error (self, error->message);
}

static GtkWidget *
create_file_row (LoketRequirementRow *self, const LoketAttachment *attachment)
{
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *icon;
  GtkWidget       *remove;
  g_autofree char *size = loket_intake_format_size (attachment->size);
  g_autofree char *subtitle = NULL;

  /* Translators: the type and size of an attached file ("PDF · 120 kB") */
  subtitle = g_strdup_printf (_ ("%s · %s"), mime_label (attachment->mime_type), size);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attachment->file_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  icon = gtk_image_new_from_icon_name (g_str_has_prefix (attachment->mime_type, "image/")
                                         ? "image-x-generic-symbolic"
                                         : "x-office-document-symbolic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _ ("Remove File"));
  g_object_set_data_full (G_OBJECT (remove), "loket-sha256", g_strdup (attachment->sha256), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
sync_from_form (LoketRequirementRow *self)
{
  const char *id = loket_requirement_get_id (self->requirement);
  GPtrArray  *attachments = loket_intake_form_get_attachments (self->form, id);
  guint       n = attachments != NULL ? attachments->len : 0;

  self->syncing = TRUE;
  gtk_check_button_set_active (self->check_button,
                               loket_intake_form_get_satisfied (self->form, id));
  gtk_switch_set_active (self->applies_switch, loket_intake_form_get_applies (self->form, id));

  for (guint i = 0; i < self->file_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), g_ptr_array_index (self->file_rows, i));
  g_ptr_array_set_size (self->file_rows, 0);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = create_file_row (self, g_ptr_array_index (attachments, i));

      g_ptr_array_add (self->file_rows, row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), n == 0);

  if (n > 0)
    {
      g_autofree char *count
        = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", n), n);

      gtk_label_set_label (self->count_label, count);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), n > 0);
  self->syncing = FALSE;
}

static void
requirement_changed_cb (LoketIntakeForm *form, const char *id, LoketRequirementRow *self)
{
  if (g_strcmp0 (id, loket_requirement_get_id (self->requirement)) == 0)
    sync_from_form (self);
}

static void
check_toggled_cb (LoketRequirementRow *self)
{
  g_autoptr (GError) error = NULL;

  if (self->syncing)
    return;
  if (!loket_intake_form_set_satisfied (self->form, loket_requirement_get_id (self->requirement),
                                        gtk_check_button_get_active (self->check_button), &error))
    loket_requirement_row_set_error (self, error->message);
}

static void
applies_changed_cb (LoketRequirementRow *self)
{
  g_autoptr (GError) error = NULL;

  if (self->syncing)
    return;
  if (!loket_intake_form_set_applies (self->form, loket_requirement_get_id (self->requirement),
                                      gtk_switch_get_active (self->applies_switch), &error))
    loket_requirement_row_set_error (self, error->message);
}

static void
chooser_response_cb (LoketRequirementRow *self, int response, GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GSList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      if (list != NULL)
        {
          GdkFileList *file_list = gdk_file_list_new_from_list (list);

          g_signal_emit (self, signals[SIGNAL_FILES_ADDED], 0, file_list);
          g_boxed_free (GDK_TYPE_FILE_LIST, file_list);
        }
      g_slist_free_full (list, g_object_unref);
    }
  g_clear_object (&self->chooser);
}

static void
attach_clicked_cb (LoketRequirementRow *self)
{
  loket_requirement_row_choose_files (self);
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, LoketRequirementRow *self)
{
  GdkFileList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL || gdk_file_list_get_files (files) == NULL)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_FILES_ADDED], 0, files);
  return TRUE;
}

static void
loket_requirement_row_dispose (GObject *object)
{
  LoketRequirementRow *self = LOKET_REQUIREMENT_ROW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->form != NULL)
    g_signal_handlers_disconnect_by_func (self->form, requirement_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (object), LOKET_TYPE_REQUIREMENT_ROW);

  g_clear_object (&self->form);
  g_clear_object (&self->requirement);

  G_OBJECT_CLASS (loket_requirement_row_parent_class)->dispose (object);
}

static void
loket_requirement_row_finalize (GObject *object)
{
  LoketRequirementRow *self = LOKET_REQUIREMENT_ROW (object);

  g_clear_pointer (&self->file_rows, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (loket_requirement_row_parent_class)->finalize (object);
}

static void
loket_requirement_row_class_init (LoketRequirementRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_requirement_row_dispose;
  object_class->finalize = loket_requirement_row_finalize;

  signals[SIGNAL_FILES_ADDED]
    = g_signal_new ("files-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, GDK_TYPE_FILE_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/intake/loket-requirement-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketRequirementRow, check_button);
  gtk_widget_class_bind_template_child (widget_class, LoketRequirementRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, LoketRequirementRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, LoketRequirementRow, attach_button);
  gtk_widget_class_bind_template_child (widget_class, LoketRequirementRow, applies_row);
  gtk_widget_class_bind_template_child (widget_class, LoketRequirementRow, applies_switch);
  gtk_widget_class_bind_template_child (widget_class, LoketRequirementRow, error_row);
  gtk_widget_class_bind_template_child (widget_class, LoketRequirementRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, LoketRequirementRow, empty_row);
  gtk_widget_class_bind_template_callback (widget_class, check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, applies_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, attach_clicked_cb);
}

static void
loket_requirement_row_init (LoketRequirementRow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->file_rows = g_ptr_array_new ();

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
loket_requirement_row_new (LoketIntakeForm *form, LoketRequirement *requirement)
{
  LoketRequirementRow *self;
  g_autofree char     *kind = NULL;
  g_autofree char     *title = NULL;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (form), NULL);
  g_return_val_if_fail (LOKET_IS_REQUIREMENT (requirement), NULL);

  self = g_object_new (LOKET_TYPE_REQUIREMENT_ROW, NULL);
  self->form = g_object_ref (form);
  self->requirement = g_object_ref (requirement);

  kind = loket_intake_format_requirement_kind (requirement);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 loket_requirement_get_text (requirement));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), kind);
  if (loket_requirement_get_parent_id (requirement) != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "sub-requirement");
  switch (loket_requirement_get_kind (requirement))
    {
      case LOKET_REQUIREMENT_MANDATORY:
        gtk_widget_add_css_class (GTK_WIDGET (self), "mandatory");
        break;
      case LOKET_REQUIREMENT_CONDITIONAL:
        gtk_widget_set_visible (GTK_WIDGET (self->applies_row), TRUE);
        break;
      case LOKET_REQUIREMENT_OPTIONAL:
      default:
        break;
    }

  g_signal_connect_object (form, "requirement-changed", G_CALLBACK (requirement_changed_cb), self,
                           0);
  sync_from_form (self);
  return GTK_WIDGET (self);
}

LoketRequirement *
loket_requirement_row_get_requirement (LoketRequirementRow *self)
{
  g_return_val_if_fail (LOKET_IS_REQUIREMENT_ROW (self), NULL);

  return self->requirement;
}

void
loket_requirement_row_set_error (LoketRequirementRow *self, const char *message)
{
  g_return_if_fail (LOKET_IS_REQUIREMENT_ROW (self));

  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), message != NULL);
  if (message != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
}

const char *
loket_requirement_row_get_error (LoketRequirementRow *self)
{
  g_return_val_if_fail (LOKET_IS_REQUIREMENT_ROW (self), NULL);

  return self->error;
}

void
loket_requirement_row_set_busy (LoketRequirementRow *self, gboolean busy)
{
  g_return_if_fail (LOKET_IS_REQUIREMENT_ROW (self));

  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  gtk_spinner_set_spinning (self->spinner, self->busy > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy > 0);
}

GtkCheckButton *
loket_requirement_row_get_check (LoketRequirementRow *self)
{
  g_return_val_if_fail (LOKET_IS_REQUIREMENT_ROW (self), NULL);

  return self->check_button;
}

void
loket_requirement_row_choose_files (LoketRequirementRow *self)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root;

  g_return_if_fail (LOKET_IS_REQUIREMENT_ROW (self));

  if (self->chooser != NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->chooser = gtk_file_chooser_native_new (_ ("Attach Files"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Attach"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _ ("PDF, JPEG and PNG files"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
