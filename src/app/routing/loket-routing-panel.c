// SPDX-License-Identifier: GPL-3.0-or-later
// The routing part of the case pane: the acts the engine allows the signed-in person (dispose,
// forward, report, withdraw, print the lembar disposisi) and the riwayat of dispositions.

#include "config.h"

#include <glib/gi18n.h>

#include "intake/loket-pdf-print.h"
#include "loket-disposition-dialog.h"
#include "loket-lembar-disposisi.h"
#include "loket-routing-history.h"
#include "loket-routing-panel.h"
#include "loket-routing-util.h"

struct _LoketRoutingPanel
{
  GtkWidget parent_instance;

  /* Child widgets */
  GtkWidget  *actions_group;
  GtkLabel   *acting_label;
  GtkWidget  *dispose_button;
  GtkWidget  *forward_button;
  GtkWidget  *report_button;
  GtkWidget  *withdraw_button;
  GtkWidget  *print_button;
  GtkWidget  *history_group;
  GtkListBox *history_list;

  /* Owned references */
  LoketStore             *store;
  LoketWorkflow          *workflow;
  LoketWorkCalendar      *calendar;
  LoketCase              *kase;
  LoketDispositionLedger *ledger;
  GPtrArray              *allowed; /* (element LoketAllowedAction) */
  GCancellable           *cancellable;
  GBytes                 *lembar;
  char                   *person_id;

  /* Borrowed references (weak pointers) */
  GtkWidget *dialog;

  gint64 now;
  guint  loading : 1;
  guint  print_dialog : 1;
};

G_DEFINE_FINAL_TYPE (LoketRoutingPanel, loket_routing_panel, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static gint64
get_now (LoketRoutingPanel *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

static GTimeZone *
get_timezone (LoketRoutingPanel *self)
{
  return self->calendar != NULL ? loket_work_calendar_get_timezone (self->calendar) : NULL;
}

static const LoketAllowedAction *
find_allowed (LoketRoutingPanel *self, LoketWorkflowAction action)
{
  for (guint i = 0; self->allowed != NULL && i < self->allowed->len; i++)
    {
      const LoketAllowedAction *allowed = g_ptr_array_index (self->allowed, i);

      /* A forward with nobody below (staf) is not offered. */
      if ((action == LOKET_WORKFLOW_ACTION_DISPOSE || action == LOKET_WORKFLOW_ACTION_FORWARD)
          && (allowed->targets == NULL || allowed->targets->len == 0))
        continue;
      if (allowed->action == action)
        return allowed;
    }
  return NULL;
}

static void
set_loading (LoketRoutingPanel *self, gboolean loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_dialog (LoketRoutingPanel *self, GtkWidget *dialog)
{
  g_clear_weak_pointer (&self->dialog);
  g_set_weak_pointer (&self->dialog, dialog);
}

static void mark_read (LoketRoutingPanel *self, const LoketAllowedAction *allowed);

static void
update_actions (LoketRoutingPanel *self)
{
  const LoketAllowedAction *acting = NULL;
  gboolean                  has_dispositions = FALSE;

  g_clear_pointer (&self->allowed, g_ptr_array_unref);
  if (self->kase != NULL && self->ledger != NULL && self->workflow != NULL
      && self->person_id != NULL)
    self->allowed = loket_workflow_get_allowed_actions (self->workflow, self->kase, self->ledger,
                                                        self->person_id, get_now (self));

  gtk_widget_set_visible (self->dispose_button,
                          find_allowed (self, LOKET_WORKFLOW_ACTION_DISPOSE) != NULL);
  gtk_widget_set_visible (self->forward_button,
                          find_allowed (self, LOKET_WORKFLOW_ACTION_FORWARD) != NULL);
  gtk_widget_set_visible (self->report_button,
                          find_allowed (self, LOKET_WORKFLOW_ACTION_REPORT) != NULL);
  gtk_widget_set_visible (self->withdraw_button,
                          find_allowed (self, LOKET_WORKFLOW_ACTION_WITHDRAW) != NULL);
  if (self->ledger != NULL)
    has_dispositions = loket_disposition_ledger_get_dispositions (self->ledger)->len > 0;
  gtk_widget_set_visible (self->print_button, has_dispositions);

  for (guint i = 0; self->allowed != NULL && i < self->allowed->len; i++)
    {
      const LoketAllowedAction *allowed = g_ptr_array_index (self->allowed, i);

      if (allowed->action != LOKET_WORKFLOW_ACTION_MARK_READ)
        {
          acting = acting != NULL ? acting : allowed;
          continue;
        }
    }
  if (acting != NULL)
    {
      g_autofree char *label = loket_routing_position_label (
        loket_workflow_get_org_chart (self->workflow), acting->as_position);
      /* Translators: in the case pane, the position the signed-in person acts for */
      g_autofree char *text = g_strdup_printf (_ ("Acting as %s"), label);

      gtk_label_set_label (self->acting_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->acting_label), acting != NULL);
  gtk_widget_set_visible (self->actions_group, acting != NULL || has_dispositions);

  /* The recipient opened the case: it is read. */
  for (guint i = 0; self->allowed != NULL && i < self->allowed->len; i++)
    {
      const LoketAllowedAction *allowed = g_ptr_array_index (self->allowed, i);

      if (allowed->action == LOKET_WORKFLOW_ACTION_MARK_READ)
        {
          mark_read (self, allowed);
          break;
        }
    }
}

static void
ledger_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketRoutingPanel) self = user_data;
  g_autoptr (LoketDispositionLedger) ledger = NULL;
  g_autoptr (GError) error = NULL;

  ledger = loket_store_get_disposition_ledger_finish (LOKET_STORE (source), result, &error);
  if (ledger == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_loading (self, FALSE);
      {
        /* Translators: a toast; %s is the reason */
        g_autofree char *text
          = g_strdup_printf (_ ("The dispositions could not be read: %s"), error->message);

        loket_routing_toast (GTK_WIDGET (self), text);
      }
      return;
    }

  g_set_object (&self->ledger, ledger);
  loket_routing_history_fill (self->history_list, ledger, self->kase, self->workflow,
                              self->calendar, get_now (self));
  gtk_widget_set_visible (self->history_group, TRUE);
  update_actions (self);
  set_loading (self, FALSE);
}

void
loket_routing_panel_reload (LoketRoutingPanel *self)
{
  g_return_if_fail (LOKET_IS_ROUTING_PANEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* The buttons stay as they are while the same case is read again (acts are checked by the
   * store anyway); another case or person clears them first (clear_actions). */
  if (self->kase == NULL || self->store == NULL || self->workflow == NULL)
    {
      gtk_widget_set_visible (self->actions_group, FALSE);
      gtk_widget_set_visible (self->history_group, FALSE);
      set_loading (self, FALSE);
      return;
    }

  set_loading (self, TRUE);
  loket_store_get_disposition_ledger_async (self->store, loket_case_get_uuid (self->kase),
                                            self->cancellable, ledger_loaded_cb,
                                            g_object_ref (self));
}

static void
clear_actions (LoketRoutingPanel *self)
{
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->allowed, g_ptr_array_unref);
  gtk_widget_set_visible (self->dispose_button, FALSE);
  gtk_widget_set_visible (self->forward_button, FALSE);
  gtk_widget_set_visible (self->report_button, FALSE);
  gtk_widget_set_visible (self->withdraw_button, FALSE);
  gtk_widget_set_visible (self->print_button, FALSE);
}

static void
changed (LoketRoutingPanel *self)
{
  g_autofree char *uuid = g_strdup (loket_case_get_uuid (self->kase));

  loket_routing_panel_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, uuid);
}

/* ---- Acts ---- */

typedef struct
{
  LoketRoutingPanel *self;
  char              *done_message; /* a toast once recorded, or NULL */
} ActData;

static void
act_data_free (ActData *data)
{
  g_object_unref (data->self);
  g_free (data->done_message);
  g_free (data);
}

static void
acted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ActData           *data = user_data;
  LoketRoutingPanel *self = data->self;
  g_autoptr (GError) error = NULL;

  if (!loket_store_workflow_act_finish (LOKET_STORE (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: a toast when the store refused an act; %s is the reason */
          g_autofree char *text = g_strdup_printf (_ ("Not done: %s"), error->message);

          loket_routing_toast (GTK_WIDGET (self), text);
        }
      act_data_free (data);
      return;
    }

  if (data->done_message != NULL)
    loket_routing_toast (GTK_WIDGET (self), data->done_message);
  if (self->kase != NULL)
    changed (self);
  act_data_free (data);
}

static void
act (LoketRoutingPanel *self, LoketWorkflowRequest *request, const char *done_message)
{
  ActData *data = g_new0 (ActData, 1);

  data->self = g_object_ref (self);
  data->done_message = g_strdup (done_message);
  /* Not cancelled by a reload: a write in flight is either recorded or refused. */
  loket_store_workflow_act_async (self->store, loket_case_get_uuid (self->kase), request, NULL,
                                  acted_cb, data);
}

static void
mark_read (LoketRoutingPanel *self, const LoketAllowedAction *allowed)
{
  g_autoptr (LoketWorkflowRequest) request
    = loket_workflow_request_new (LOKET_WORKFLOW_ACTION_MARK_READ, self->person_id);

  request->as_position = g_strdup (allowed->as_position);
  request->disposition_id = g_strdup (allowed->disposition_id);
  act (self, request, NULL);
}

static void
disposition_sent_cb (LoketRoutingPanel *self, const char *disposition_id)
{
  loket_routing_toast (GTK_WIDGET (self), _ ("Disposition sent"));
  if (self->kase != NULL)
    changed (self);
}

static void
open_disposition_dialog (LoketRoutingPanel *self, LoketWorkflowAction action)
{
  const LoketAllowedAction *allowed = find_allowed (self, action);
  LoketDispositionDialog   *dialog;
  GtkRoot                  *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (allowed == NULL)
    return;

  dialog = loket_disposition_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         self->store, self->workflow, self->kase, self->person_id,
                                         allowed, get_timezone (self));
  g_signal_connect_object (dialog, "sent", G_CALLBACK (disposition_sent_cb), self,
                           G_CONNECT_SWAPPED);
  set_dialog (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
dispose_clicked_cb (LoketRoutingPanel *self)
{
  open_disposition_dialog (self, LOKET_WORKFLOW_ACTION_DISPOSE);
}

static void
forward_clicked_cb (LoketRoutingPanel *self)
{
  open_disposition_dialog (self, LOKET_WORKFLOW_ACTION_FORWARD);
}

static void
report_response_cb (AdwMessageDialog *dialog, const char *response, LoketRoutingPanel *self)
{
  const LoketAllowedAction *allowed = find_allowed (self, LOKET_WORKFLOW_ACTION_REPORT);
  GtkWidget                *entry = adw_message_dialog_get_extra_child (dialog);
  g_autoptr (LoketWorkflowRequest) request = NULL;
  g_autofree char *note = NULL;

  if (g_strcmp0 (response, "report") != 0 || allowed == NULL || self->kase == NULL)
    return;

  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  request = loket_workflow_request_new (LOKET_WORKFLOW_ACTION_REPORT, self->person_id);
  request->as_position = g_strdup (allowed->as_position);
  request->disposition_id = g_strdup (allowed->disposition_id);
  request->note = *note != '\0' ? g_steal_pointer (&note) : NULL;
  act (self, request, _ ("Report sent"));
}

static void
report_entry_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "report", *text != '\0');
}

static void
report_clicked_cb (LoketRoutingPanel *self)
{
  const LoketAllowedAction *allowed = find_allowed (self, LOKET_WORKFLOW_ACTION_REPORT);
  const LoketDisposition   *d;
  GtkRoot                  *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget                *dialog;
  GtkWidget                *entry;
  g_autofree char          *to = NULL;
  g_autofree char          *body = NULL;

  if (allowed == NULL || self->ledger == NULL)
    return;

  d = loket_disposition_ledger_lookup (self->ledger, allowed->disposition_id, allowed->as_position);
  to = loket_routing_position_label (loket_workflow_get_org_chart (self->workflow),
                                     d != NULL ? d->from_position : NULL);
  /* Translators: the report (laporan tindak lanjut) question; %s is who receives it */
  body = g_strdup_printf (_ ("The report goes back to %s."), to);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _ ("Report Back?"), body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _ ("What was done"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "report",
                                    _ ("_Report"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "report",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "report", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "report");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (entry, "changed", G_CALLBACK (report_entry_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (report_response_cb), self, 0);
  set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
withdraw_response_cb (AdwMessageDialog *dialog, const char *response, LoketRoutingPanel *self)
{
  const LoketAllowedAction *allowed = find_allowed (self, LOKET_WORKFLOW_ACTION_WITHDRAW);
  g_autoptr (LoketWorkflowRequest) request = NULL;

  if (g_strcmp0 (response, "withdraw") != 0 || allowed == NULL || self->kase == NULL)
    return;

  request = loket_workflow_request_new (LOKET_WORKFLOW_ACTION_WITHDRAW, self->person_id);
  request->as_position = g_strdup (allowed->as_position);
  request->disposition_id = g_strdup (allowed->disposition_id);
  act (self, request, _ ("Disposition withdrawn"));
}

static void
withdraw_clicked_cb (LoketRoutingPanel *self)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (find_allowed (self, LOKET_WORKFLOW_ACTION_WITHDRAW) == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _ ("Withdraw the Disposition?"),
                                   _ ("Nobody has read it yet. The case comes back to you."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"),
                                    "withdraw", _ ("_Withdraw"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "withdraw",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (withdraw_response_cb), self, 0);
  set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lembar_rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketRoutingPanel) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = loket_lembar_disposisi_render_finish (result, &error);
  GtkRoot *root;

  gtk_widget_set_sensitive (self->print_button, TRUE);
  if (pdf == NULL)
    {
      /* Translators: a toast; %s is the reason */
      g_autofree char *text
        = g_strdup_printf (_ ("The disposition sheet could not be made: %s"), error->message);

      loket_routing_toast (GTK_WIDGET (self), text);
      return;
    }

  g_clear_pointer (&self->lembar, g_bytes_unref);
  self->lembar = g_bytes_ref (pdf);
  if (!self->print_dialog)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (!loket_pdf_print (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, pdf,
                        _ ("Disposition sheet"), &error))
    {
      /* Translators: a toast; %s is the reason */
      g_autofree char *text
        = g_strdup_printf (_ ("The disposition sheet could not be printed: %s"), error->message);

      loket_routing_toast (GTK_WIDGET (self), text);
    }
}

static void
print_clicked_cb (LoketRoutingPanel *self)
{
  if (self->ledger == NULL || self->kase == NULL)
    return;

  gtk_widget_set_sensitive (self->print_button, FALSE);
  loket_lembar_disposisi_render_async (
    self->store, self->workflow, self->kase, self->ledger,
    loket_lembar_disposisi_choose (self->ledger, self->workflow, self->person_id, get_now (self)),
    self->cancellable, lembar_rendered_cb, g_object_ref (self));
}

/* ---- GObject ---- */

static GtkWidget *
add_button (GtkWidget         *box,
            const char        *label,
            const char        *icon,
            GCallback          callback,
            LoketRoutingPanel *self)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_visible (button, FALSE);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  gtk_flow_box_append (GTK_FLOW_BOX (box), button);
  return button;
}

static void
loket_routing_panel_dispose (GObject *object)
{
  LoketRoutingPanel *self = LOKET_ROUTING_PANEL (object);
  GtkWidget         *child;

  g_cancellable_cancel (self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->store);
  g_clear_object (&self->workflow);
  g_clear_object (&self->calendar);
  g_clear_object (&self->kase);
  g_clear_object (&self->ledger);

  G_OBJECT_CLASS (loket_routing_panel_parent_class)->dispose (object);
}

static void
loket_routing_panel_finalize (GObject *object)
{
  LoketRoutingPanel *self = LOKET_ROUTING_PANEL (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->allowed, g_ptr_array_unref);
  g_clear_pointer (&self->lembar, g_bytes_unref);
  g_clear_pointer (&self->person_id, g_free);

  G_OBJECT_CLASS (loket_routing_panel_parent_class)->finalize (object);
}

static void
loket_routing_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LoketRoutingPanel *self = LOKET_ROUTING_PANEL (object);

  switch (prop_id)
    {
      case PROP_LOADING:
        g_value_set_boolean (value, self->loading);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_routing_panel_class_init (LoketRoutingPanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_routing_panel_dispose;
  object_class->finalize = loket_routing_panel_finalize;
  object_class->get_property = loket_routing_panel_get_property;

  properties[PROP_LOADING]
    = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "routing-panel");
}

static void
loket_routing_panel_init (LoketRoutingPanel *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget        *box;
  GtkWidget        *flow;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 18);
  self->cancellable = g_cancellable_new ();
  self->print_dialog = TRUE;

  self->actions_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->actions_group), _ ("Disposition"));
  gtk_widget_set_parent (self->actions_group, GTK_WIDGET (self));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->actions_group), box);
  self->acting_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->acting_label, 0);
  gtk_label_set_wrap (self->acting_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->acting_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->acting_label));
  flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), FALSE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 5);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_box_append (GTK_BOX (box), flow);

  self->dispose_button = add_button (flow, _ ("_Disposition…"), "mail-send-symbolic",
                                     G_CALLBACK (dispose_clicked_cb), self);
  gtk_widget_add_css_class (self->dispose_button, "suggested-action");
  self->forward_button = add_button (flow, _ ("_Forward…"), "mail-forward-symbolic",
                                     G_CALLBACK (forward_clicked_cb), self);
  gtk_widget_add_css_class (self->forward_button, "suggested-action");
  self->report_button = add_button (flow, _ ("_Report Back…"), "mail-reply-sender-symbolic",
                                    G_CALLBACK (report_clicked_cb), self);
  self->withdraw_button = add_button (flow, _ ("_Withdraw…"), "edit-undo-symbolic",
                                      G_CALLBACK (withdraw_clicked_cb), self);
  self->print_button = add_button (flow, _ ("_Print Disposition Sheet"), "printer-symbolic",
                                   G_CALLBACK (print_clicked_cb), self);

  self->history_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->history_group),
                                   /* Translators: the riwayat of dispositions */
                                   _ ("Disposition History"));
  gtk_widget_set_parent (self->history_group, GTK_WIDGET (self));
  self->history_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->history_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->history_list), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (self->history_list), "routing-history");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->history_group),
                             GTK_WIDGET (self->history_list));

  gtk_widget_set_visible (self->actions_group, FALSE);
  gtk_widget_set_visible (self->history_group, FALSE);
}

GtkWidget *
loket_routing_panel_new (void)
{
  return g_object_new (LOKET_TYPE_ROUTING_PANEL, NULL);
}

void
loket_routing_panel_set_context (LoketRoutingPanel *self,
                                 LoketStore        *store,
                                 LoketWorkflow     *workflow,
                                 LoketWorkCalendar *calendar)
{
  g_return_if_fail (LOKET_IS_ROUTING_PANEL (self));

  g_set_object (&self->store, store);
  g_set_object (&self->workflow, workflow);
  g_set_object (&self->calendar, calendar);
  loket_routing_panel_reload (self);
}

void
loket_routing_panel_set_person (LoketRoutingPanel *self, const char *person_id)
{
  g_return_if_fail (LOKET_IS_ROUTING_PANEL (self));

  if (g_strcmp0 (self->person_id, person_id) == 0)
    return;
  g_free (self->person_id);
  self->person_id = g_strdup (person_id);
  clear_actions (self);
  loket_routing_panel_reload (self);
}

void
loket_routing_panel_set_now (LoketRoutingPanel *self, gint64 now)
{
  g_return_if_fail (LOKET_IS_ROUTING_PANEL (self));

  self->now = now;
}

void
loket_routing_panel_set_case (LoketRoutingPanel *self, LoketCase *kase)
{
  g_return_if_fail (LOKET_IS_ROUTING_PANEL (self));

  if (self->kase == kase)
    return;
  g_set_object (&self->kase, kase);
  clear_actions (self);
  loket_routing_panel_reload (self);
}

gboolean
loket_routing_panel_get_loading (LoketRoutingPanel *self)
{
  g_return_val_if_fail (LOKET_IS_ROUTING_PANEL (self), FALSE);

  return self->loading;
}

GtkWidget *
loket_routing_panel_get_button (LoketRoutingPanel *self, const char *name)
{
  g_return_val_if_fail (LOKET_IS_ROUTING_PANEL (self), NULL);

  if (g_strcmp0 (name, "dispose") == 0)
    return self->dispose_button;
  if (g_strcmp0 (name, "forward") == 0)
    return self->forward_button;
  if (g_strcmp0 (name, "report") == 0)
    return self->report_button;
  if (g_strcmp0 (name, "withdraw") == 0)
    return self->withdraw_button;
  if (g_strcmp0 (name, "print") == 0)
    return self->print_button;
  return NULL;
}

GtkListBox *
loket_routing_panel_get_history (LoketRoutingPanel *self)
{
  g_return_val_if_fail (LOKET_IS_ROUTING_PANEL (self), NULL);

  return self->history_list;
}

GtkWidget *
loket_routing_panel_get_dialog (LoketRoutingPanel *self)
{
  g_return_val_if_fail (LOKET_IS_ROUTING_PANEL (self), NULL);

  return self->dialog;
}

GBytes *
loket_routing_panel_get_lembar (LoketRoutingPanel *self)
{
  g_return_val_if_fail (LOKET_IS_ROUTING_PANEL (self), NULL);

  return self->lembar;
}

void
loket_routing_panel_set_print_dialog (LoketRoutingPanel *self, gboolean enabled)
{
  g_return_if_fail (LOKET_IS_ROUTING_PANEL (self));

  self->print_dialog = enabled;
}
