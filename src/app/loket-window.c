// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: inboxes, the case list and the case pane.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-error.h"
#include "loket-sync-reference.h"
#include "loket-window-private.h"

G_DEFINE_FINAL_TYPE (LoketWindow, loket_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_STATE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* What the reference-data thread produces. */
typedef struct
{
  LoketServiceCatalog *catalog;
  LoketWorkCalendar   *calendar;
  LoketOrgChart       *org;
} ReferenceData;

static void
reference_data_free (ReferenceData *data)
{
  g_clear_object (&data->catalog);
  g_clear_object (&data->calendar);
  g_clear_object (&data->org);
  g_free (data);
}

static gint64
real_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
show_error (LoketWindow *self, const char *title, const char *detail, const GError *error)
{
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;

  g_clear_error (&self->error);
  self->error = g_error_copy (error);

  if (detail != NULL)
    /* Translators: the description of a start-up failure: the error, then what was not done */
    description = g_strdup_printf (_ ("%s\n\n%s"), error->message, detail);
  else
    description = g_strdup (error->message);

  /* AdwStatusPage's description is markup. */
  escaped = g_markup_escape_text (description, -1);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
update_list_state (LoketWindow *self)
{
  guint       n_items;
  const char *search;

  if (self->cases == NULL || loket_case_list_model_get_loading (self->cases)
      || _loket_window_is_person_inbox (self))
    return;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  if (n_items > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      /* "Show" on a new case's toast searched for it: select it. */
      if (self->select_search != NULL && g_strcmp0 (self->query->search, self->select_search) == 0)
        {
          g_clear_pointer (&self->select_search, g_free);
          gtk_single_selection_set_selected (self->selection, 0);
        }
      return;
    }

  search = self->query->search;
  if (search != NULL && *search != '\0')
    {
      adw_status_page_set_icon_name (self->list_empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->list_empty_page, _ ("No Results Found"));
      adw_status_page_set_description (self->list_empty_page,
                                       _ ("Try a different agenda number, name, NIK or subject"));
    }
  else if (self->query->filter == LOKET_CASE_FILTER_ALL)
    {
      adw_status_page_set_icon_name (self->list_empty_page, "folder-documents-symbolic");
      adw_status_page_set_title (self->list_empty_page, _ ("No Cases Yet"));
      adw_status_page_set_description (
        self->list_empty_page, _ ("Cases registered at the service desk appear here. To try Loket "
                                  "with demo cases, run “loket-cli demo”."));
    }
  else
    {
      adw_status_page_set_icon_name (self->list_empty_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->list_empty_page, _ ("Nothing Here"));
      adw_status_page_set_description (self->list_empty_page, _ ("This inbox has no cases"));
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

gpointer
_loket_window_weak_new (LoketWindow *self)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, self);
  return weak;
}

LoketWindow *
_loket_window_weak_steal (gpointer weak)
{
  LoketWindow *self = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  return self;
}

void
_loket_window_apply_query (LoketWindow *self)
{
  if (self->cases == NULL)
    return;

  /* A person's inbox is listed from the routing tables, not by a case query. */
  if (_loket_window_is_person_inbox (self))
    {
      _loket_window_load_person_inbox (self);
      return;
    }
  if (self->person_cases != NULL)
    {
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->cases));
      g_clear_object (&self->person_cases);
    }

  /* Positions of the old query mean nothing in the new one: unselect first, or the selection
   * would land on whatever case comes to stand at the old position. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  loket_case_list_model_set_query (self->cases, self->query);
}

static void
update_query_from_inbox (LoketWindow *self)
{
  const char *key = self->inbox_key != NULL ? self->inbox_key : "all";

  g_clear_pointer (&self->query->unit_id, g_free);
  if (g_str_equal (key, "needs_action"))
    self->query->filter = LOKET_CASE_FILTER_NEEDS_ACTION;
  else if (g_str_equal (key, "overdue"))
    self->query->filter = LOKET_CASE_FILTER_OVERDUE;
  else if (g_str_has_prefix (key, "unit:"))
    {
      self->query->filter = LOKET_CASE_FILTER_UNIT;
      self->query->unit_id = g_strdup (key + strlen ("unit:"));
    }
  else if (g_str_has_prefix (key, "dashboard:"))
    {
      self->query->filter = LOKET_CASE_FILTER_UNIT;
      self->query->unit_id = g_strdup (key + strlen ("dashboard:"));
    }
  else
    self->query->filter = LOKET_CASE_FILTER_ALL;
  self->query->now = self->now;
}

static void
show_case (LoketWindow *self, LoketCase *loaded)
{
  loket_case_view_set_case (self->case_view, loaded);
}

static void
pending_selection_filled_cb (LoketWindow *self, GParamSpec *pspec, LoketCase *item)
{
  LoketCase *loaded = loket_case_list_model_get_loaded (self->cases, item);

  if (loaded == NULL)
    return;

  g_signal_handlers_disconnect_by_func (item, pending_selection_filled_cb, self);
  g_clear_object (&self->pending_selection);
  show_case (self, loaded);
}

static void
selection_changed_cb (LoketWindow *self)
{
  LoketCase *item = gtk_single_selection_get_selected_item (self->selection);
  LoketCase *loaded = NULL;

  if (self->keep_case_view)
    return;

  if (self->pending_selection != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->pending_selection, pending_selection_filled_cb,
                                            self);
      g_clear_object (&self->pending_selection);
    }

  if (item != NULL && self->person_cases != NULL)
    loaded = item;
  else if (item != NULL)
    {
      loaded = loket_case_list_model_get_loaded (self->cases, item);
      if (loaded == NULL)
        {
          /* Its page is on the way. */
          self->pending_selection = g_object_ref (item);
          g_signal_connect_object (item, "notify::agenda-number",
                                   G_CALLBACK (pending_selection_filled_cb), self,
                                   G_CONNECT_SWAPPED);
        }
    }

  show_case (self, loaded);
}

static void
cases_load_failed_cb (LoketWindow *self, const GError *error, LoketCaseListModel *cases)
{
  g_autofree char *title = NULL;

  /* Translators: a toast when the case list cannot be read; %s is the reason */
  title = g_strdup_printf (_ ("Cases could not be read: %s"), error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
set_store (LoketWindow *self, LoketStore *store)
{
  g_set_object (&self->store, store);

  self->cases = loket_case_list_model_new (store);
  g_signal_connect_object (self->cases, "notify::loading", G_CALLBACK (update_list_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cases, "load-failed", G_CALLBACK (cases_load_failed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->cases));

  loket_case_view_set_context (self->case_view, store, self->catalog, self->org, self->calendar);
  loket_case_view_set_now (self->case_view, self->now);

  _loket_window_routing_ready (self);
  _loket_window_sync_ready (self);
  update_query_from_inbox (self);
  _loket_window_apply_query (self);
  _loket_window_refresh_inboxes (self);

  gtk_stack_set_visible_child_name (self->main_stack, "main");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  _loket_window_update_intake_actions (self);
  _loket_window_update_office_actions (self);
  _loket_window_offer_drafts (self);
}

/* The first frame shows the window as it is (loading) before the list and the sidebar are
 * built: their first layout is the longest part of a start. */
static gboolean
set_opened_store_cb (gpointer user_data)
{
  g_autoptr (LoketWindow) self = _loket_window_weak_steal (user_data);
  g_autoptr (LoketStore) store = NULL;

  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return G_SOURCE_REMOVE;
  store = g_steal_pointer (&self->opened_store);
  if (store != NULL)
    set_store (self, store);
  return G_SOURCE_REMOVE;
}

static gboolean
first_frame_cb (GtkWidget *widget, GdkFrameClock *frame_clock, gpointer user_data)
{
  LoketWindow *self = LOKET_WINDOW (widget);

  self->drawn = TRUE;
  /* Tick callbacks run inside the frame: an idle added now runs once this frame is painted.
   * Above GDK_PRIORITY_REDRAW, or frames that follow each other (a spinner, a loaded machine)
   * would starve it. */
  if (self->opened_store != NULL)
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, set_opened_store_cb, _loket_window_weak_new (self),
                     NULL);
  return G_SOURCE_REMOVE;
}

static void
store_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketWindow) self = _loket_window_weak_steal (user_data);
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (GError) error = NULL;

  store = loket_store_open_finish (result, &error);

  /* The window was closed meanwhile. */
  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (store == NULL)
    {
      g_autofree char *detail = NULL;
      const char      *title;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (g_error_matches (error, LOKET_ERROR, LOKET_ERROR_CORRUPT))
        {
          title = _ ("The Database Is Damaged");
          /* Translators: %s is a file name */
          detail = g_strdup_printf (_ ("Database: %s\nLoket has not changed the file. Restore a "
                                       "backup, or open another file with --database."),
                                    self->db_path);
        }
      else if (g_error_matches (error, LOKET_ERROR, LOKET_ERROR_IO)
               || g_error_matches (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN)
               || error->domain == G_IO_ERROR || error->domain == G_FILE_ERROR)
        {
          title = _ ("The Data Folder Cannot Be Used");
          /* Translators: %s is a file name */
          detail = g_strdup_printf (_ ("Database: %s\nMake its folder writable, or open another "
                                       "file with --database."),
                                    self->db_path);
        }
      else
        {
          title = _ ("The Database Cannot Be Opened");
          /* Translators: %s is a file name */
          detail
            = g_strdup_printf (_ ("Database: %s\nLoket has not changed the file."), self->db_path);
        }
      show_error (self, title, detail, error);
      return;
    }

  if (!self->drawn && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_set_object (&self->opened_store, store);
      return;
    }
  set_store (self, store);
}

static void
load_reference_data_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  ReferenceData *data = g_new0 (ReferenceData, 1);
  GError        *error = NULL;
  /* With a server: the org chart and catalog it sent last (loket-sync-reference.c). */
  g_autofree char *dir = g_strdup (task_data);

  data->catalog = loket_sync_reference_catalog_new (dir, &error);
  if (data->catalog != NULL)
    data->calendar = loket_work_calendar_new_default (&error);
  if (data->calendar != NULL)
    data->org = loket_sync_reference_org_chart_new (dir, &error);

  if (error != NULL)
    {
      /* Which file failed decides the title; the task data says which step it was. */
      g_task_set_task_data (task,
                            GINT_TO_POINTER (data->catalog == NULL    ? 1
                                             : data->calendar == NULL ? 2
                                                                      : 3),
                            NULL);
      reference_data_free (data);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, data, (GDestroyNotify) reference_data_free);
}

static void
reference_data_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoketWindow   *self = LOKET_WINDOW (source);
  ReferenceData *data;
  g_autoptr (GError) error = NULL;

  data = g_task_propagate_pointer (G_TASK (result), &error);
  if (data == NULL)
    {
      const char *title;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      switch (GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result))))
        {
          case 1:
            title = _ ("The Service Catalog Is Invalid");
            break;
          case 2:
            title = _ ("The Holiday Calendar Is Invalid");
            break;
          default:
            title = _ ("The Organization Chart Is Invalid");
            break;
        }
      {
        const char      *catalog_dir = g_getenv ("LOKET_CATALOG_DIR");
        g_autofree char *detail = NULL;

        if (catalog_dir != NULL && GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result))) == 1)
          /* Translators: %s is a folder */
          detail = g_strdup_printf (_ ("Catalog folder: %s\nLoket cannot start without a valid "
                                       "catalog. No case data was opened."),
                                    catalog_dir);
        else
          detail = g_strdup (_ ("Loket cannot start without it. No case data was opened."));
        show_error (self, title, detail, error);
      }
      return;
    }

  self->catalog = g_steal_pointer (&data->catalog);
  self->calendar = g_steal_pointer (&data->calendar);
  self->org = g_steal_pointer (&data->org);
  reference_data_free (data);

  self->projector = loket_case_projector_new (self->catalog, self->calendar);
  loket_store_open_async (self->db_path, self->projector, self->cancellable, store_opened_cb,
                          _loket_window_weak_new (self));
}

static void
sidebar_row_selected_cb (LoketWindow *self, GtkListBoxRow *row)
{
  const char *key;

  if (self->updating_sidebar || row == NULL)
    return;

  key = g_object_get_data (G_OBJECT (row), "loket-inbox-key");
  if (key != NULL)
    loket_window_select_inbox (self, key);
}

static void
search_changed_cb (LoketWindow *self)
{
  const char      *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (g_strcmp0 (stripped, self->query->search != NULL ? self->query->search : "") == 0)
    return;

  g_clear_pointer (&self->query->search, g_free);
  if (*stripped != '\0')
    self->query->search = g_steal_pointer (&stripped);
  _loket_window_apply_query (self);
}

static void
stop_search_cb (LoketWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
search_activated_cb (LoketWindow *self)
{
  /* Enter moves to the first result. */
  if (self->cases != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->cases)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
}

static void
column_view_activated_cb (LoketWindow *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
}

static void
focus_search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketWindow *self = LOKET_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
clear_search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketWindow *self = LOKET_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
refresh_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  loket_window_refresh (LOKET_WINDOW (widget));
}

static void
save_window_state (LoketWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", MAX (width, 360));
      g_settings_set_int (self->settings, "window-height", MAX (height, 294));
    }
}

static gboolean
loket_window_close_request (GtkWindow *window)
{
  save_window_state (LOKET_WINDOW (window));

  return GTK_WINDOW_CLASS (loket_window_parent_class)->close_request (window);
}

static void
loket_window_dispose (GObject *object)
{
  LoketWindow *self = LOKET_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->opened_store);
  _loket_window_close_intake (self);
  _loket_window_dispose_routing (self);
  _loket_window_dispose_sync (self);
  if (self->pending_selection != NULL)
    g_signal_handlers_disconnect_by_func (self->pending_selection, pending_selection_filled_cb,
                                          self);
  g_clear_object (&self->pending_selection);
  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->cases);

  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_object (&self->projector);
  g_clear_object (&self->catalog);
  g_clear_object (&self->calendar);
  g_clear_object (&self->org);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (loket_window_parent_class)->dispose (object);
}

static void
loket_window_finalize (GObject *object)
{
  LoketWindow *self = LOKET_WINDOW (object);

  _loket_window_free_columns (self);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->query, loket_case_query_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->inbox_key, g_free);
  g_clear_pointer (&self->offered_draft_id, g_free);
  g_clear_pointer (&self->select_search, g_free);
  g_clear_pointer (&self->person_id, g_free);
  g_clear_pointer (&self->late_by_unit, g_hash_table_unref);
  g_clear_pointer (&self->dashboard_agency, g_free);

  G_OBJECT_CLASS (loket_window_parent_class)->finalize (object);
}

static void
loket_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LoketWindow *self = LOKET_WINDOW (object);

  switch (prop_id)
    {
      case PROP_STATE:
        g_value_set_string (value, loket_window_get_state (self));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_window_class_init (LoketWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = loket_window_dispose;
  object_class->finalize = loket_window_finalize;
  object_class->get_property = loket_window_get_property;
  window_class->close_request = loket_window_close_request;

  properties[PROP_STATE]
    = g_param_spec_string ("state", NULL, NULL, "loading",
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LOKET_TYPE_CASE_VIEW);
  g_type_ensure (LOKET_TYPE_ACCOUNT_BUTTON);
  g_type_ensure (LOKET_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/loket-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, list_empty_page);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, agenda_column);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, received_column);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, applicant_column);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, service_column);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, status_column);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, due_column);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, case_view);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, account_button);
  gtk_widget_class_bind_template_child (widget_class, LoketWindow, sync_status);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activated_cb);

  gtk_widget_class_install_action (widget_class, "window.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "window.clear-search", NULL, clear_search_action);
  gtk_widget_class_install_action (widget_class, "window.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "window.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "window.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "window.refresh",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.clear-search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-case",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-document", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
}

static void
loket_window_init (LoketWindow *self)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_tick_callback (GTK_WIDGET (self), first_frame_cb, NULL, NULL);

  self->cancellable = g_cancellable_new ();
  self->query = loket_case_query_new ();
  self->now = real_now ();
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* Without the installed schema (a test without GSETTINGS_SCHEMA_DIR) the window still works,
   * it just remembers nothing. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      self->inbox_key = g_settings_get_string (self->settings, "sidebar-inbox");
    }
  else
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1280, 780);
      self->inbox_key = g_strdup ("all");
    }

  _loket_window_setup_columns (self);
  _loket_window_restore_sort (self);
  _loket_window_setup_intake (self);
  _loket_window_setup_documents (self);
  _loket_window_setup_office (self);
  _loket_window_setup_routing (self);
  _loket_window_setup_chain (self);
  _loket_window_setup_drafts (self);
  _loket_window_setup_sync (self);

  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

LoketWindow *
loket_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (LOKET_TYPE_WINDOW, "application", application, NULL);
}

void
loket_window_open (LoketWindow *self, const char *db_path)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LOKET_IS_WINDOW (self));
  g_return_if_fail (db_path != NULL);
  g_return_if_fail (self->db_path == NULL);

  self->db_path = g_strdup (db_path);

  task = g_task_new (self, self->cancellable, reference_data_loaded_cb, NULL);
  g_task_set_source_tag (task, loket_window_open);
  if (self->settings != NULL)
    {
      g_autofree char *url = g_settings_get_string (self->settings, "server-url");

      if (url[0] != '\0')
        g_task_set_task_data (task, loket_sync_reference_get_dir (url), g_free);
    }
  g_task_run_in_thread (task, load_reference_data_thread);
}

void
loket_window_refresh (LoketWindow *self)
{
  g_return_if_fail (LOKET_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  self->now = real_now ();
  self->query->now = self->now;
  loket_case_view_set_now (self->case_view, self->now);

  /* The case pane keeps its case (read again) while the list is counted again. */
  self->keep_case_view = TRUE;
  _loket_window_apply_query (self);
  self->keep_case_view = FALSE;
  loket_case_view_reload (self->case_view);
  _loket_window_refresh_inboxes (self);
}

const char *
loket_window_get_state (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

const GError *
loket_window_get_error (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);

  return self->error;
}

LoketCaseListModel *
loket_window_get_cases (LoketWindow *self)
{
  g_return_val_if_fail (LOKET_IS_WINDOW (self), NULL);

  return self->cases;
}

void
loket_window_select_inbox (LoketWindow *self, const char *key)
{
  GtkWidget *child;

  g_return_if_fail (LOKET_IS_WINDOW (self));
  g_return_if_fail (key != NULL);

  if (!self->updating_sidebar)
    {
      self->updating_sidebar = TRUE;
      for (child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list)); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "loket-inbox-key"), key) == 0)
          gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (child));
      self->updating_sidebar = FALSE;
    }

  if (g_strcmp0 (self->inbox_key, key) == 0)
    return;

  g_free (self->inbox_key);
  self->inbox_key = g_strdup (key);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "sidebar-inbox", key);

  update_query_from_inbox (self);
  _loket_window_apply_query (self);
}
