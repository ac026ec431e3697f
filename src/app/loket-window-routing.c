// SPDX-License-Identifier: GPL-3.0-or-later
// The window's routing parts: the signed-in person, their inboxes listed from the store, acts
// in the case pane refreshing the lists, and escalation notices.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-window-private.h"
#include "routing/loket-routing-util.h"

/* Escalations are looked for on start and then every few minutes. */
#define ESCALATION_INTERVAL_S (5 * 60)

#define PERSON_INBOX_LIMIT 500

gboolean
_loket_window_is_person_inbox (LoketWindow *self)
{
  return self->inbox_key != NULL && g_str_has_prefix (self->inbox_key, "person:");
}

/* ---- Person inboxes ---- */

static void
person_inbox_listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketWindow) self = _loket_window_weak_steal (user_data);
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) cases = NULL;
  LoketCase *shown;
  guint      select = GTK_INVALID_LIST_POSITION;

  items = loket_store_list_person_inbox_finish (LOKET_STORE (source), result, &error);
  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: a toast when a personal inbox cannot be read; %s is the reason */
          g_autofree char *title
            = g_strdup_printf (_ ("Cases could not be read: %s"), error->message);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
        }
      return;
    }
  if (!_loket_window_is_person_inbox (self))
    return;

  /* One row per case (a case forwarded to two of the person's positions is listed once); the
   * case pane keeps showing its case when it is in the new list. */
  shown = loket_case_view_get_case (self->case_view);
  cases = g_list_store_new (LOKET_TYPE_CASE);
  for (guint i = 0; i < items->len; i++)
    {
      LoketInboxItem *item = g_ptr_array_index (items, i);
      LoketCase      *kase = item->kase;
      gboolean        seen = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (cases)) && !seen; j++)
        {
          g_autoptr (LoketCase) other = g_list_model_get_item (G_LIST_MODEL (cases), j);

          seen = g_strcmp0 (loket_case_get_uuid (other), loket_case_get_uuid (kase)) == 0;
        }
      if (seen)
        continue;
      g_object_set_data (G_OBJECT (kase), "loket-unread", GINT_TO_POINTER (item->unread));
      g_object_set_data (G_OBJECT (kase), "loket-late", GINT_TO_POINTER (item->late));
      if (shown != NULL && g_strcmp0 (loket_case_get_uuid (shown), loket_case_get_uuid (kase)) == 0)
        select = g_list_model_get_n_items (G_LIST_MODEL (cases));
      g_list_store_append (cases, kase);
    }

  self->keep_case_view = TRUE;
  g_set_object (&self->person_cases, cases);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (cases));
  gtk_single_selection_set_selected (self->selection, select);
  self->keep_case_view = FALSE;
  if (select == GTK_INVALID_LIST_POSITION && shown != NULL)
    loket_case_view_set_case (self->case_view, NULL);

  if (g_list_model_get_n_items (G_LIST_MODEL (cases)) > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    {
      adw_status_page_set_icon_name (self->list_empty_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->list_empty_page, _ ("Nothing Here"));
      adw_status_page_set_description (self->list_empty_page, _ ("This inbox has no cases"));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
}

void
_loket_window_load_person_inbox (LoketWindow *self)
{
  LoketInbox inbox;

  if (self->store == NULL || self->person_id == NULL
      || !loket_inbox_from_string (self->inbox_key + strlen ("person:"), &inbox))
    {
      if (self->person_cases != NULL)
        g_list_store_remove_all (self->person_cases);
      return;
    }

  g_cancellable_cancel (self->person_cancellable);
  g_clear_object (&self->person_cancellable);
  self->person_cancellable = g_cancellable_new ();
  loket_store_list_person_inbox_async (self->store, self->person_id, inbox, self->now, 0,
                                       PERSON_INBOX_LIMIT, self->person_cancellable,
                                       person_inbox_listed_cb, _loket_window_weak_new (self));
}

typedef struct
{
  GWeakRef self;
  void (*then) (LoketWindow *self);
} CountRequest;

static void
person_counted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CountRequest *request = user_data;
  g_autoptr (LoketWindow) self = g_weak_ref_get (&request->self);
  void (*then) (LoketWindow * self) = request->then;
  g_autoptr (GError) error = NULL;
  LoketInboxCounts counts;

  g_weak_ref_clear (&request->self);
  g_free (request);
  if (!loket_store_count_person_inboxes_finish (LOKET_STORE (source), result, &counts, &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Counting the person's inboxes failed: %s", error->message);
      if (self != NULL)
        self->has_person_counts = FALSE;
    }
  else if (self != NULL)
    {
      self->person_counts = counts;
      self->has_person_counts = TRUE;
    }

  if (self != NULL && !g_cancellable_is_cancelled (self->cancellable))
    then (self);
}

void
_loket_window_count_person_inboxes (LoketWindow *self, void (*then) (LoketWindow *self))
{
  CountRequest *request;

  if (self->store == NULL || self->person_id == NULL)
    {
      self->has_person_counts = FALSE;
      then (self);
      return;
    }

  request = g_new0 (CountRequest, 1);
  g_weak_ref_init (&request->self, self);
  request->then = then;
  loket_store_count_person_inboxes_async (self->store, self->person_id, self->now,
                                          self->cancellable, person_counted_cb, request);
}

/* ---- Escalation ---- */

typedef struct
{
  LoketWorkflow *workflow;
  char          *person_id;
  gint64         now;
  guint          n_raised; /* set by the thread */
} EscalationData;

static void
escalation_data_free (EscalationData *data)
{
  g_clear_object (&data->workflow);
  g_free (data->person_id);
  g_free (data);
}

/* Raises every escalation due (recorded once: the event's UUID is fixed) and returns the open
 * dispositions escalated to the signed-in person (element LoketInboxItem). */
static void
escalate_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LoketStore     *store = source;
  EscalationData *data = task_data;
  GError         *error = NULL;
  g_autoptr (GPtrArray) raised = NULL;
  GPtrArray *mine;
  g_autoptr (GPtrArray) stand_ins = NULL;

  /* The Plh./Plt. of the office (the store's table) count for who may act and is notified. */
  stand_ins = loket_store_list_stand_ins (store, &error);
  if (stand_ins == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  loket_workflow_set_stand_ins (data->workflow, stand_ins);

  raised = loket_store_raise_escalations (
    store, data->person_id != NULL ? data->person_id : "system", data->now, &error);
  if (raised == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->person_id == NULL)
    mine = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_inbox_item_free);
  else
    mine = loket_store_list_escalated_to_person (store, data->person_id, data->now, &error);
  if (mine == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->n_raised = raised->len;
  g_task_return_pointer (task, mine, (GDestroyNotify) g_ptr_array_unref);
}

static void
notify_escalations (LoketWindow *self, GPtrArray *items)
{
  GApplication         *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autofree char      *title = NULL;
  g_autofree char      *body = NULL;
  const LoketInboxItem *first = g_ptr_array_index (items, 0);

  title = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%u disposition is late", "%u dispositions are late", items->len),
    items->len);
  {
    g_autofree char *late = loket_routing_position_label (
      self->org, first->disposition != NULL ? first->disposition->position_id : NULL);

    /* Translators: an escalation notice: the agenda number and the late position */
    body = g_strdup_printf (_ ("%s at %s is past its due date"),
                            loket_case_get_agenda_number (first->kase), late);
  }

  {
    AdwToast        *toast = adw_toast_new (title);
    g_autofree char *toast_title = g_strdup_printf ("%s: %s", title, body);

    g_object_set_data_full (G_OBJECT (self), "loket-escalation-notice", g_strdup (toast_title),
                            g_free);

    adw_toast_set_title (toast, toast_title);
    adw_toast_set_timeout (toast, 0);
    adw_toast_set_button_label (toast, _ ("_Show"));
    adw_toast_set_action_name (toast, "win.show-late");
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }

  if (app != NULL)
    {
      g_autoptr (GNotification) notification = g_notification_new (title);

      g_notification_set_body (notification, body);
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      g_notification_set_default_action (notification, "app.activate");
      g_application_send_notification (app, "loket-escalation", notification);
    }
}

static void
escalated_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketWindow) self = _loket_window_weak_steal (user_data);
  g_autoptr (GPtrArray) mine = NULL;
  g_autoptr (GError) error = NULL;
  guint n_raised = ((EscalationData *) g_task_get_task_data (G_TASK (result)))->n_raised;

  mine = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (mine == NULL)
    {
      g_debug ("Raising escalations failed: %s", error->message);
      return;
    }

  /* The stand-ins are known now: show them in the account list and on the button. */
  loket_account_button_set_workflow (self->account_button, self->workflow);
  loket_account_button_set_person (self->account_button, self->person_id, self->now);
  if (g_object_get_data (G_OBJECT (self), "loket-stand-ins-loaded") == NULL)
    {
      g_object_set_data (G_OBJECT (self), "loket-stand-ins-loaded", GINT_TO_POINTER (TRUE));
      loket_routing_panel_reload (loket_case_view_get_routing_panel (self->case_view));
      _loket_window_refresh_inboxes (self);
    }

  /* Shown once per session and whenever new escalations were raised. */
  if (mine->len > 0
      && (n_raised > 0
          || !GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "loket-escalations-shown"))))
    {
      g_object_set_data (G_OBJECT (self), "loket-escalations-shown", GINT_TO_POINTER (TRUE));
      notify_escalations (self, mine);
    }
  if (n_raised > 0)
    _loket_window_refresh_inboxes (self);
}

static void
check_escalations (LoketWindow *self)
{
  g_autoptr (GTask) task = NULL;
  EscalationData *data;

  if (self->store == NULL || self->workflow == NULL)
    return;

  data = g_new0 (EscalationData, 1);
  data->workflow = g_object_ref (self->workflow);
  data->person_id = g_strdup (self->person_id);
  data->now = self->now;
  task = g_task_new (self->store, self->cancellable, escalated_cb, _loket_window_weak_new (self));
  g_task_set_source_tag (task, check_escalations);
  g_task_set_task_data (task, data, (GDestroyNotify) escalation_data_free);
  g_task_run_in_thread (task, escalate_thread);
}

static gboolean
escalation_timeout_cb (gpointer user_data)
{
  LoketWindow *self = user_data;

  self->now = g_get_real_time () / G_USEC_PER_SEC;
  check_escalations (self);
  return G_SOURCE_CONTINUE;
}

static void
show_late_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  loket_window_select_inbox (LOKET_WINDOW (user_data), "person:late");
}

static void
switch_person_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  LoketWindow *self = user_data;

  if (self->workflow != NULL)
    loket_account_button_popup (self->account_button);
}

/* The first of the panel's buttons that is offered. */
static void
press_panel_button (LoketWindow *self, const char *const *names)
{
  LoketRoutingPanel *panel = loket_case_view_get_routing_panel (self->case_view);

  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *button = loket_routing_panel_get_button (panel, names[i]);

      if (button != NULL && gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button))
        {
          g_signal_emit_by_name (button, "clicked");
          return;
        }
    }
}

static void
dispose_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  static const char *const names[] = { "dispose", "forward", NULL };

  press_panel_button (user_data, names);
}

static void
print_sheet_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  static const char *const names[] = { "print", NULL };

  press_panel_button (user_data, names);
}

static const GActionEntry routing_actions[] = {
  { .name = "show-late", .activate = show_late_action },
  { .name = "switch-person", .activate = switch_person_action },
  { .name = "dispose", .activate = dispose_action },
  { .name = "print-disposition-sheet", .activate = print_sheet_action },
};

static void
add_shortcut (GtkShortcutController *controller, const char *accelerator, const char *action)
{
  gtk_shortcut_controller_add_shortcut (
    controller, gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accelerator),
                                  gtk_named_action_new (action)));
}

/* ---- The person ---- */

static void
person_chosen_cb (LoketWindow *self, const char *person_id)
{
  loket_window_set_person (self, person_id);
}

static void
routing_changed_cb (LoketWindow *self, const char *case_uuid)
{
  /* Counts and lists change with each act; the case pane reloads itself. */
  if (self->store == NULL)
    return;
  if (_loket_window_is_person_inbox (self))
    _loket_window_load_person_inbox (self);
  else if (self->cases != NULL)
    loket_case_list_model_refresh (self->cases);
  _loket_window_refresh_inboxes (self);
}

void
_loket_window_setup_routing (LoketWindow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), routing_actions,
                                   G_N_ELEMENTS (routing_actions), self);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control><Shift>p", "win.switch-person");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>d", "win.dispose");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>p", "win.print-disposition-sheet");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  g_signal_connect_object (self->account_button, "person-chosen", G_CALLBACK (person_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (loket_case_view_get_routing_panel (self->case_view), "changed",
                           G_CALLBACK (routing_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    {
      g_autofree char *person = g_settings_get_string (self->settings, "current-person");

      if (*person != '\0')
        self->person_id = g_steal_pointer (&person);
    }
}

void
_loket_window_routing_ready (LoketWindow *self)
{
  g_autoptr (GError) error = NULL;
  LoketRoutingPanel *panel = loket_case_view_get_routing_panel (self->case_view);

  /* The engine over the window's reference data (already loaded off the main thread); the store
   * checks every act with it. */
  self->workflow = loket_workflow_new (self->org, self->catalog, self->calendar, &error);
  if (self->workflow == NULL)
    {
      /* Translators: a toast; %s is the reason */
      g_autofree char *title
        = g_strdup_printf (_ ("Dispositions are not available: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      return;
    }
  loket_store_set_workflow (self->store, self->workflow);

  /* A remembered person who is no longer in the org chart is asked again. */
  if (self->person_id != NULL
      && loket_org_chart_lookup_person (loket_workflow_get_org_chart (self->workflow),
                                        self->person_id)
           == NULL)
    g_clear_pointer (&self->person_id, g_free);

  loket_account_button_set_workflow (self->account_button, self->workflow);
  loket_account_button_set_person (self->account_button, self->person_id, self->now);
  loket_routing_panel_set_context (panel, self->store, self->workflow, self->calendar);
  loket_routing_panel_set_person (panel, self->person_id);
  _loket_window_chain_ready (self);

  /* With a server configured, the sign-in dialog asks instead (loket-window-sync.c). */
  if (self->person_id == NULL && !_loket_window_sync_configured (self))
    loket_account_button_popup (self->account_button);

  check_escalations (self);
  self->escalation_timer
    = g_timeout_add_seconds (ESCALATION_INTERVAL_S, escalation_timeout_cb, self);
}

void
_loket_window_dispose_routing (LoketWindow *self)
{
  g_clear_handle_id (&self->escalation_timer, g_source_remove);
  g_cancellable_cancel (self->person_cancellable);
  g_clear_object (&self->person_cancellable);
  g_clear_object (&self->person_cases);
  g_clear_object (&self->workflow);
}

const char *
loket_window_get_person (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);

  return self->person_id;
}

void
loket_window_set_person (LoketWindow *self, const char *person_id)
{
  g_return_if_fail (LOKET_IS_WINDOW (self));

  if (g_strcmp0 (self->person_id, person_id) == 0)
    return;

  g_free (self->person_id);
  self->person_id = g_strdup (person_id);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "current-person", person_id != NULL ? person_id : "");

  /* The old counts stay until the new ones arrive (a count in flight fills the sidebar). */
  self->now = g_get_real_time () / G_USEC_PER_SEC;
  loket_account_button_set_person (self->account_button, person_id, self->now);
  loket_routing_panel_set_person (loket_case_view_get_routing_panel (self->case_view), person_id);
  _loket_window_chain_set_person (self);
  g_object_set_data (G_OBJECT (self), "loket-escalations-shown", NULL);

  if (self->store == NULL)
    return;
  /* Another person's inbox of the same kind: list it again. */
  if (_loket_window_is_person_inbox (self))
    _loket_window_load_person_inbox (self);
  _loket_window_refresh_inboxes (self);
  check_escalations (self);
}

void
loket_window_check_escalations (LoketWindow *self)
{
  g_return_if_fail (LOKET_IS_WINDOW (self));

  check_escalations (self);
}

const char *
loket_window_get_escalation_notice (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);

  return g_object_get_data (G_OBJECT (self), "loket-escalation-notice");
}

void
loket_window_set_now (LoketWindow *self, gint64 now)
{
  g_return_if_fail (LOKET_IS_WINDOW (self));

  self->now = now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
  self->query->now = self->now;
  loket_case_view_set_now (self->case_view, self->now);
  _loket_window_refresh_inboxes (self);
}

GListModel *
loket_window_get_person_cases (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);

  return self->person_cases != NULL ? G_LIST_MODEL (self->person_cases) : NULL;
}
