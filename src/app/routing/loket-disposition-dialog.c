// SPDX-License-Identifier: GPL-3.0-or-later
// The disposition dialog: send a case down to the positions the engine allows, with instructions,
// a note and a due date (a new disposition of the Kepala Dinas, or a forward).

#include "config.h"

#include <glib/gi18n.h>

#include "loket-disposition-dialog.h"
#include "loket-format.h"
#include "loket-routing-util.h"

struct _LoketDispositionDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkButton      *send_button;
  GtkLabel       *case_label;
  GtkLabel       *error_label;
  GtkListBox     *recipients_list;
  GtkListBox     *instructions_list;
  GtkTextView    *note_view;
  GtkCalendar    *due_calendar;
  GtkLabel       *due_label;

  /* Owned references */
  LoketStore         *store;
  LoketWorkflow      *workflow;
  LoketCase          *kase;
  GTimeZone          *tz;
  GCancellable       *cancellable;
  LoketAllowedAction *action;
  char               *person_id;
  GHashTable         *checks; /* id → GtkCheckButton (unowned) */
  GPtrArray          *target_ids;
  GPtrArray          *instruction_ids;

  gint64 due_at; /* the chosen due date, Unix s */
  guint  due_valid : 1;
  guint  busy : 1;
};

G_DEFINE_FINAL_TYPE (LoketDispositionDialog, loket_disposition_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_SENT,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void
show_error (LoketDispositionDialog *self, const char *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
any_checked (LoketDispositionDialog *self, GPtrArray *ids)
{
  for (guint i = 0; i < ids->len; i++)
    if (gtk_check_button_get_active (g_hash_table_lookup (self->checks, ids->pdata[i])))
      return TRUE;
  return FALSE;
}

static void
update_send (LoketDispositionDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button),
                            !self->busy && self->due_valid && any_checked (self, self->target_ids)
                              && any_checked (self, self->instruction_ids));
}

/* End of the chosen day in the office's time zone. */
static gint64
end_of_day (LoketDispositionDialog *self, GDateTime *day)
{
  g_autoptr (GDateTime) end
    = g_date_time_new (self->tz, g_date_time_get_year (day), g_date_time_get_month (day),
                       g_date_time_get_day_of_month (day), 23, 59, 0);

  return g_date_time_to_unix (end);
}

static void
due_changed_cb (LoketDispositionDialog *self)
{
  g_autoptr (GDateTime) picked = gtk_calendar_get_date (self->due_calendar);
  g_autoptr (GDateTime) now = g_date_time_new_now (self->tz);
  g_autoptr (GDateTime) action_due = NULL;
  g_autofree char *date = NULL;
  gint64           due;

  if (self->action == NULL)
    return;

  /* The engine's default keeps its exact time (end of its working day). */
  if (self->action->due_at != 0)
    action_due = g_date_time_new_from_unix_local (self->action->due_at);
  if (action_due != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_timezone (action_due, self->tz);

      if (g_date_time_get_year (local) == g_date_time_get_year (picked)
          && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (picked))
        due = self->action->due_at;
      else
        due = end_of_day (self, picked);
    }
  else
    due = end_of_day (self, picked);

  date = loket_format_date (due, self->tz);
  if (due <= g_date_time_to_unix (now))
    {
      g_autofree char *text = NULL;

      /* Translators: under the due-date calendar; %s is the date picked */
      text = g_strdup_printf (_ ("%s is in the past: pick today or a later day"), date);
      gtk_label_set_label (self->due_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "dim-label");
      self->due_valid = FALSE;
    }
  else
    {
      g_autofree char *text = NULL;

      /* Translators: under the due-date calendar; %s is the date */
      text = g_strdup_printf (_ ("Due on %s"), date);
      gtk_label_set_label (self->due_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "dim-label");
      self->due_valid = TRUE;
      self->due_at = due;
    }
  update_send (self);
}

static GtkWidget *
add_check (LoketDispositionDialog *self,
           GtkListBox             *list,
           const char             *id,
           const char             *title,
           const char             *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_name (check, id);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (update_send), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (list, row);
  g_hash_table_insert (self->checks, g_strdup (id), check);
  return check;
}

static void
acted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketDispositionDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  self->busy = FALSE;
  if (!loket_store_workflow_act_finish (LOKET_STORE (source), result, &id, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: in the disposition dialog when the store refused; %s is the reason */
      g_autofree char *message = g_strdup_printf (_ ("Not sent: %s"), error->message);

      show_error (self, message);
      update_send (self);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SENT], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
send_clicked_cb (LoketDispositionDialog *self)
{
  g_autoptr (LoketWorkflowRequest) request = NULL;
  g_autoptr (GStrvBuilder) to = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) instructions = g_strv_builder_new ();
  GtkTextBuffer   *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter      start, end;
  g_autofree char *note = NULL;

  if (self->busy)
    return;

  for (guint i = 0; i < self->target_ids->len; i++)
    if (gtk_check_button_get_active (
          g_hash_table_lookup (self->checks, self->target_ids->pdata[i])))
      g_strv_builder_add (to, self->target_ids->pdata[i]);
  for (guint i = 0; i < self->instruction_ids->len; i++)
    if (gtk_check_button_get_active (
          g_hash_table_lookup (self->checks, self->instruction_ids->pdata[i])))
      g_strv_builder_add (instructions, self->instruction_ids->pdata[i]);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  request = loket_workflow_request_new (self->action->action, self->person_id);
  request->as_position = g_strdup (self->action->as_position);
  request->disposition_id = g_strdup (self->action->disposition_id);
  request->to = g_strv_builder_end (to);
  request->instructions = g_strv_builder_end (instructions);
  request->note = *note != '\0' ? g_steal_pointer (&note) : NULL;
  request->due_at = self->due_at;

  self->busy = TRUE;
  show_error (self, NULL);
  update_send (self);
  loket_store_workflow_act_async (self->store, loket_case_get_uuid (self->kase), request,
                                  self->cancellable, acted_cb, g_object_ref (self));
}

static void
loket_disposition_dialog_dispose (GObject *object)
{
  LoketDispositionDialog *self = LOKET_DISPOSITION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_DISPOSITION_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->workflow);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (loket_disposition_dialog_parent_class)->dispose (object);
}

static void
loket_disposition_dialog_finalize (GObject *object)
{
  LoketDispositionDialog *self = LOKET_DISPOSITION_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->action, loket_allowed_action_free);
  g_clear_pointer (&self->person_id, g_free);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_pointer (&self->target_ids, g_ptr_array_unref);
  g_clear_pointer (&self->instruction_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (loket_disposition_dialog_parent_class)->finalize (object);
}

static void
loket_disposition_dialog_class_init (LoketDispositionDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_disposition_dialog_dispose;
  object_class->finalize = loket_disposition_dialog_finalize;

  signals[SIGNAL_SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE
                                               "/ui/routing/loket-disposition-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketDispositionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LoketDispositionDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, LoketDispositionDialog, case_label);
  gtk_widget_class_bind_template_child (widget_class, LoketDispositionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LoketDispositionDialog, recipients_list);
  gtk_widget_class_bind_template_child (widget_class, LoketDispositionDialog, instructions_list);
  gtk_widget_class_bind_template_child (widget_class, LoketDispositionDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, LoketDispositionDialog, due_calendar);
  gtk_widget_class_bind_template_child (widget_class, LoketDispositionDialog, due_label);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, due_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
loket_disposition_dialog_init (LoketDispositionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->target_ids = g_ptr_array_new_with_free_func (g_free);
  self->instruction_ids = g_ptr_array_new_with_free_func (g_free);
}

LoketDispositionDialog *
loket_disposition_dialog_new (GtkWindow                *parent,
                              LoketStore               *store,
                              LoketWorkflow            *workflow,
                              LoketCase                *kase,
                              const char               *person_id,
                              const LoketAllowedAction *action,
                              GTimeZone                *tz)
{
  LoketDispositionDialog *self;
  LoketOrgChart          *org;
  GPtrArray              *instructions;
  g_autofree char        *case_text = NULL;
  g_autoptr (GDateTime) due = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (store), NULL);
  g_return_val_if_fail (LOKET_IS_WORKFLOW (workflow), NULL);
  g_return_val_if_fail (LOKET_IS_CASE (kase), NULL);
  g_return_val_if_fail (person_id != NULL && action != NULL, NULL);

  self = g_object_new (LOKET_TYPE_DISPOSITION_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->workflow = g_object_ref (workflow);
  self->kase = g_object_ref (kase);
  self->person_id = g_strdup (person_id);
  self->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  self->action = g_new0 (LoketAllowedAction, 1);
  self->action->action = action->action;
  self->action->as_position = g_strdup (action->as_position);
  self->action->disposition_id = g_strdup (action->disposition_id);
  self->action->due_at = action->due_at;

  org = loket_workflow_get_org_chart (workflow);
  if (action->action == LOKET_WORKFLOW_ACTION_FORWARD)
    {
      gtk_window_set_title (GTK_WINDOW (self), _ ("Forward"));
      adw_window_title_set_title (self->window_title, _ ("Forward"));
    }
  {
    g_autofree char *acting = loket_routing_position_label (org, action->as_position);

    adw_window_title_set_subtitle (self->window_title, acting);
  }
  /* Translators: the case in the disposition dialog, "00042-K7QF/KTKT/2026 · subject" */
  case_text
    = g_strdup_printf (C_ ("disposition case", "%s · %s"), loket_case_get_agenda_number (kase),
                       loket_case_get_subject (kase) != NULL ? loket_case_get_subject (kase) : "");
  gtk_label_set_label (self->case_label, case_text);

  for (guint i = 0; action->targets != NULL && i < action->targets->len; i++)
    {
      const char          *id = g_ptr_array_index (action->targets, i);
      const LoketPosition *position = loket_org_chart_lookup_position (org, id);
      g_autoptr (GPtrArray) holders = loket_org_chart_get_holders (org, id);
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint j = 0; holders != NULL && j < holders->len; j++)
        {
          const LoketPerson *person = g_ptr_array_index (holders, j);

          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, person->name);
        }
      add_check (self, self->recipients_list, id, position != NULL ? position->title : id,
                 names->str);
      g_ptr_array_add (self->target_ids, g_strdup (id));
    }

  instructions = loket_workflow_get_instructions (workflow);
  for (guint i = 0; i < instructions->len; i++)
    {
      const LoketInstruction *instruction = g_ptr_array_index (instructions, i);

      add_check (self, self->instructions_list, instruction->id, _ (instruction->label),
                 instruction->label_id);
      g_ptr_array_add (self->instruction_ids, g_strdup (instruction->id));
    }

  /* The engine's default due date, shown on the calendar. */
  if (action->due_at != 0)
    {
      g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (action->due_at);

      due = g_date_time_to_timezone (utc, self->tz);
    }
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now (self->tz);

      due = g_date_time_add_days (now, 1);
    }
  gtk_calendar_select_day (self->due_calendar, due);
  due_changed_cb (self);
  return self;
}

GtkCheckButton *
loket_disposition_dialog_get_check (LoketDispositionDialog *self, const char *id)
{
  g_return_val_if_fail (LOKET_IS_DISPOSITION_DIALOG (self), NULL);

  return g_hash_table_lookup (self->checks, id);
}

void
loket_disposition_dialog_set_due_day (LoketDispositionDialog *self, int year, int month, int day)
{
  g_autoptr (GDateTime) date = NULL;

  g_return_if_fail (LOKET_IS_DISPOSITION_DIALOG (self));

  date = g_date_time_new (self->tz, year, month, day, 12, 0, 0);
  gtk_calendar_select_day (self->due_calendar, date);
  due_changed_cb (self);
}

void
loket_disposition_dialog_set_note (LoketDispositionDialog *self, const char *note)
{
  g_return_if_fail (LOKET_IS_DISPOSITION_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note, -1);
}

gboolean
loket_disposition_dialog_get_busy (LoketDispositionDialog *self)
{
  g_return_val_if_fail (LOKET_IS_DISPOSITION_DIALOG (self), FALSE);

  return self->busy;
}

const char *
loket_disposition_dialog_get_error (LoketDispositionDialog *self)
{
  g_return_val_if_fail (LOKET_IS_DISPOSITION_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}
