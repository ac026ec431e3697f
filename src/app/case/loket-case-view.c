// SPDX-License-Identifier: GPL-3.0-or-later
// The case pane: a summary of one case and the timeline of its events.

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "draft/loket-case-drafts.h"
#include "loket-attachment.h"
#include "loket-case-view.h"
#include "loket-format.h"
#include "loket-hlc.h"
#include "chain/loket-chain-panel.h"
#include "routing/loket-routing-panel.h"

struct _LoketCaseView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkStack          *stack;
  GtkLabel          *agenda_label;
  GtkLabel          *service_label;
  GtkLabel          *status_label;
  GtkLabel          *due_label;
  AdwActionRow      *applicant_row;
  AdwActionRow      *nik_row;
  AdwActionRow      *subject_row;
  AdwActionRow      *channel_row;
  AdwActionRow      *received_row;
  AdwActionRow      *complete_row;
  AdwActionRow      *due_row;
  AdwActionRow      *holder_row;
  GtkStack          *timeline_stack;
  GtkSpinner        *timeline_spinner;
  GtkListBox        *timeline_list;
  LoketRoutingPanel *routing_panel;
  LoketChainPanel   *chain_panel;
  LoketCaseDrafts   *drafts;
  AdwPreferencesGroup *documents_group;
  GtkListBox        *documents_list;

  /* Owned references */
  LoketCase           *kase;
  LoketStore          *store;
  LoketServiceCatalog *catalog;
  LoketOrgChart       *org;
  LoketWorkCalendar   *calendar;
  GCancellable        *cancellable;

  gint64 now;
  guint  n_timeline_rows;
  guint  n_documents;
  guint  loading : 1;
};

G_DEFINE_FINAL_TYPE (LoketCaseView, loket_case_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CASE,
  PROP_LOADING,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const char *status_classes[] = {
  "registered", "incomplete",         "in-process", "paused",
  "drafting",   "awaiting-signature", "signed",     "closed",
};

static GTimeZone *
get_timezone (LoketCaseView *self)
{
  return self->calendar != NULL ? loket_work_calendar_get_timezone (self->calendar) : NULL;
}

/* A property row: its title names the field, its subtitle holds the value. Rows of optional
 * fields hide when the value is empty. */
static void
set_value (AdwActionRow *row, gboolean optional, const char *text)
{
  gboolean has_text = text != NULL && *text != '\0';

  adw_action_row_set_subtitle (row, has_text ? text : "—");
  if (optional)
    gtk_widget_set_visible (GTK_WIDGET (row), has_text);
}

static void
set_date_value (LoketCaseView *self, AdwActionRow *row, gboolean optional, gint64 unix_time)
{
  g_autofree char *text = loket_format_date (unix_time, get_timezone (self));

  set_value (row, optional, text);
}

static void
update_summary (LoketCaseView *self)
{
  LoketCase       *kase = self->kase;
  LoketCaseStatus  status;
  g_autofree char *nik = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *due_text = NULL;
  const char      *due_class = NULL;

  if (kase == NULL)
    return;

  status = loket_case_get_status (kase);
  gtk_label_set_label (self->agenda_label, loket_case_get_agenda_number (kase));
  gtk_label_set_label (self->service_label,
                       loket_format_service_name (self->catalog, loket_case_get_service_id (kase)));

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label),
                            loket_format_status_css_class (status));
  gtk_label_set_label (self->status_label, loket_format_status (status));

  deadline = loket_format_case_deadline (kase, self->calendar, self->now, &due_class);
  if (loket_case_get_closed_at (kase) != 0)
    {
      g_autofree char *date
        = loket_format_date (loket_case_get_closed_at (kase), get_timezone (self));
      g_autofree char *closed = g_strdup_printf (_ ("Closed on %s"), date);

      gtk_label_set_label (self->due_label, closed);
    }
  else
    gtk_label_set_label (self->due_label, deadline);
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "due-late");
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "due-soon");
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "due-done");
  if (due_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), due_class);

  set_value (self->applicant_row, FALSE, loket_case_get_applicant_name (kase));
  nik = loket_format_masked_nik (loket_case_get_applicant_nik (kase));
  set_value (self->nik_row, TRUE, nik);
  set_value (self->subject_row, FALSE, loket_case_get_subject (kase));
  set_value (self->channel_row, FALSE, loket_format_channel (loket_case_get_channel (kase)));

  set_date_value (self, self->received_row, FALSE, loket_case_get_received_at (kase));
  set_date_value (self, self->complete_row, TRUE, loket_case_get_complete_at (kase));

  if (loket_case_get_due_at (kase) != 0 && loket_case_get_closed_at (kase) != 0)
    due_text = loket_format_date (loket_case_get_due_at (kase), get_timezone (self));
  else if (loket_case_get_due_at (kase) != 0)
    {
      g_autofree char *date = loket_format_date (loket_case_get_due_at (kase), get_timezone (self));

      /* Translators: the due date and the working days left, "5 Dec 2026 (3 working days left)" */
      due_text = g_strdup_printf (C_ ("due date", "%s (%s)"), date, deadline);
    }
  set_value (self->due_row, TRUE, due_text);

  holder = loket_format_actor (self->org, loket_case_get_holder (kase));
  set_value (self->holder_row, TRUE, holder);
}

static GtkWidget *
create_timeline_row (LoketCaseView *self, LoketEvent *event)
{
  g_autofree char *time_text = NULL;
  g_autofree char *author = NULL;
  g_autofree char *caption = NULL;
  GtkWidget       *row;
  GtkWidget       *box;
  GtkWidget       *label;
  gint64           wall_ms = 0;
  guint32          counter = 0;

  if (loket_event_get_hlc (event) != NULL
      && loket_hlc_parse (loket_event_get_hlc (event), &wall_ms, &counter))
    time_text = loket_format_date_time (wall_ms / 1000, get_timezone (self));
  else
    time_text = g_strdup ("");

  author = loket_format_actor (self->org, loket_event_get_author (event));

  if (*author != '\0')
    /* Translators: under an event in the case history: its time and who did it */
    caption = g_strdup_printf (C_ ("event caption", "%s · %s"), time_text, author);
  else
    caption = g_strdup (time_text);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_add_css_class (box, "timeline-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  label = gtk_label_new (loket_format_event_type (loket_event_get_event_type (event)));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (caption);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "timeline-time");
  gtk_box_append (GTK_BOX (box), label);

  return row;
}

/* The documents of the case: files attached at intake (`document.attached`) and signed
 * letters (`letter.signed`), each opened in a review window by win.open-attachment. */
static GtkWidget *
create_document_row (const char *sha256, const char *file_name, const char *mime_type,
                     gint64 size)
{
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *button = gtk_button_new_with_mnemonic (_ ("_Open"));
  GtkWidget       *icon;
  g_autofree char *size_text = size > 0 ? g_format_size ((guint64) size) : NULL;
  const char      *kind = g_strcmp0 (mime_type, "application/pdf") == 0 ? _ ("PDF document")
                          : g_str_has_prefix (mime_type != NULL ? mime_type : "", "image/")
                            ? _ ("Image")
                            : _ ("Document");
  g_autofree char *subtitle = size_text != NULL
                                /* Translators: a document's kind and size, "PDF document · 180 kB" */
                                ? g_strdup_printf (C_ ("document row", "%s · %s"), kind, size_text)
                                : g_strdup (kind);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), file_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  icon = gtk_image_new_from_icon_name (g_strcmp0 (mime_type, "application/pdf") == 0
                                         ? "x-office-document-symbolic"
                                         : "image-x-generic-symbolic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-attachment");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", sha256, file_name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
show_documents (LoketCaseView *self, GPtrArray *events)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->documents_list))) != NULL)
    gtk_list_box_remove (self->documents_list, child);
  self->n_documents = 0;

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      LoketEvent *event = g_ptr_array_index (events, i);
      const char *type = loket_event_get_event_type (event);
      g_autoptr (JsonParser) parser = NULL;
      g_autofree char *letter_name = NULL;
      JsonObject *body;
      const char *sha256, *file_name, *mime_type;

      if (g_strcmp0 (type, "document.attached") != 0 && g_strcmp0 (type, "letter.signed") != 0)
        continue;
      parser = json_parser_new ();
      if (loket_event_get_body (event) == NULL
          || !json_parser_load_from_data (parser, loket_event_get_body (event), -1, NULL)
          || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      body = json_node_get_object (json_parser_get_root (parser));
      sha256 = json_object_get_string_member_with_default (body, "sha256", NULL);
      if (!loket_attachment_is_valid_sha256 (sha256) || g_hash_table_contains (seen, sha256))
        continue;
      if (g_str_equal (type, "letter.signed"))
        {
          const char *letter_id = json_object_get_string_member_with_default (body, "letter_id", "");

          /* Translators: file name of a signed letter; %s is its id */
          letter_name = g_strdup_printf (_ ("signed-letter-%s.pdf"), letter_id);
          file_name = letter_name;
          mime_type = "application/pdf";
        }
      else
        {
          file_name = json_object_get_string_member_with_default (body, "file_name", sha256);
          mime_type = json_object_get_string_member_with_default (body, "mime_type", NULL);
        }
      g_hash_table_add (seen, (gpointer) g_intern_string (sha256));
      gtk_list_box_append (self->documents_list,
                           create_document_row (sha256, file_name, mime_type,
                                                json_object_get_int_member_with_default (body, "size", 0)));
      self->n_documents++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->documents_group), self->n_documents > 0);
}

static void
clear_timeline (LoketCaseView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline_list))) != NULL)
    gtk_list_box_remove (self->timeline_list, child);
  self->n_timeline_rows = 0;
}

static void
set_loading (LoketCaseView *self, gboolean loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  gtk_spinner_set_spinning (self->timeline_spinner, loading);
  gtk_stack_set_visible_child_name (self->timeline_stack, loading ? "loading" : "list");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Holds the view weakly: a closed window does not wait for its reads. */
typedef struct
{
  GWeakRef      self;
  GCancellable *cancellable;
} EventsRequest;

static void
events_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  EventsRequest *request = user_data;
  g_autoptr (LoketCaseView) self = g_weak_ref_get (&request->self);
  g_autoptr (GCancellable) cancellable = g_steal_pointer (&request->cancellable);
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GError) error = NULL;

  g_weak_ref_clear (&request->self);
  g_free (request);
  events = loket_store_get_case_events_finish (LOKET_STORE (source), result, &error);

  /* Another case was chosen, or the view went away, while these events were read. */
  if (self == NULL || g_cancellable_is_cancelled (cancellable))
    return;

  if (events == NULL)
    {

      clear_timeline (self);
      {
        GtkWidget *row = adw_action_row_new ();

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                       _ ("The history of this case could not be read"));
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
        gtk_widget_add_css_class (row, "error");
        gtk_list_box_append (self->timeline_list, row);
      }
      set_loading (self, FALSE);
      return;
    }

  clear_timeline (self);
  show_documents (self, events);
  /* Newest first: what happened last is what the reader wants to see. */
  for (guint i = events->len; i > 0; i--)
    {
      gtk_list_box_append (self->timeline_list,
                           create_timeline_row (self, g_ptr_array_index (events, i - 1)));
      self->n_timeline_rows++;
    }
  set_loading (self, FALSE);
}

static void
load_events (LoketCaseView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_timeline (self);
  show_documents (self, NULL);

  if (self->kase == NULL || self->store == NULL)
    {
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  {
    EventsRequest *request = g_new0 (EventsRequest, 1);

    g_weak_ref_init (&request->self, self);
    request->cancellable = g_object_ref (self->cancellable);
    loket_store_get_case_events_async (self->store, loket_case_get_uuid (self->kase),
                                       self->cancellable, events_loaded_cb, request);
  }
}

static void
loket_case_view_dispose (GObject *object)
{
  LoketCaseView *self = LOKET_CASE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->kase != NULL)
    g_signal_handlers_disconnect_by_data (self->kase, self);
  g_clear_object (&self->kase);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  g_clear_object (&self->org);
  g_clear_object (&self->calendar);

  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_CASE_VIEW);

  G_OBJECT_CLASS (loket_case_view_parent_class)->dispose (object);
}

static void
loket_case_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LoketCaseView *self = LOKET_CASE_VIEW (object);

  switch (prop_id)
    {
      case PROP_CASE:
        g_value_set_object (value, self->kase);
        break;

      case PROP_LOADING:
        g_value_set_boolean (value, self->loading);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_case_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LoketCaseView *self = LOKET_CASE_VIEW (object);

  switch (prop_id)
    {
      case PROP_CASE:
        loket_case_view_set_case (self, g_value_get_object (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_case_view_class_init (LoketCaseViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_case_view_dispose;
  object_class->get_property = loket_case_view_get_property;
  object_class->set_property = loket_case_view_set_property;

  g_type_ensure (LOKET_TYPE_ROUTING_PANEL);
  g_type_ensure (LOKET_TYPE_CHAIN_PANEL);
  g_type_ensure (LOKET_TYPE_CASE_DRAFTS);

  properties[PROP_CASE]
    = g_param_spec_object ("case", NULL, NULL, LOKET_TYPE_CASE,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING]
    = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/case/loket-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, stack);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, agenda_label);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, service_label);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, status_label);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, due_label);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, applicant_row);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, nik_row);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, subject_row);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, channel_row);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, received_row);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, complete_row);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, due_row);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, holder_row);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, timeline_spinner);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, routing_panel);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, chain_panel);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, drafts);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, documents_group);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseView, documents_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "loket-case-view");
}

static void
loket_case_view_init (LoketCaseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->timeline_stack, "list");
}

GtkWidget *
loket_case_view_new (void)
{
  return g_object_new (LOKET_TYPE_CASE_VIEW, NULL);
}

void
loket_case_view_set_context (LoketCaseView       *self,
                             LoketStore          *store,
                             LoketServiceCatalog *catalog,
                             LoketOrgChart       *org,
                             LoketWorkCalendar   *calendar)
{
  g_return_if_fail (LOKET_IS_CASE_VIEW (self));

  g_set_object (&self->store, store);
  g_set_object (&self->catalog, catalog);
  g_set_object (&self->org, org);
  g_set_object (&self->calendar, calendar);
  loket_case_drafts_set_context (self->drafts, store, catalog, org, calendar);
  update_summary (self);
}

void
loket_case_view_set_now (LoketCaseView *self, gint64 now)
{
  g_return_if_fail (LOKET_IS_CASE_VIEW (self));

  self->now = now;
  loket_routing_panel_set_now (self->routing_panel, now);
  loket_chain_panel_set_now (self->chain_panel, now);
  update_summary (self);
}

LoketCase *
loket_case_view_get_case (LoketCaseView *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_VIEW (self), NULL);

  return self->kase;
}

void
loket_case_view_set_case (LoketCaseView *self, LoketCase *kase)
{
  g_return_if_fail (LOKET_IS_CASE_VIEW (self));
  g_return_if_fail (kase == NULL || LOKET_IS_CASE (kase));

  if (self->kase == kase)
    return;

  if (self->kase != NULL)
    g_signal_handlers_disconnect_by_data (self->kase, self);
  g_set_object (&self->kase, kase);
  if (kase != NULL)
    g_signal_connect_object (kase, "notify", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->stack, kase != NULL ? "case" : "empty");
  update_summary (self);
  load_events (self);
  loket_routing_panel_set_case (self->routing_panel, kase);
  loket_chain_panel_set_case (self->chain_panel, kase);
  loket_case_drafts_set_case (self->drafts, kase);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

void
loket_case_view_reload (LoketCaseView *self)
{
  g_return_if_fail (LOKET_IS_CASE_VIEW (self));

  update_summary (self);
  load_events (self);
  loket_routing_panel_reload (self->routing_panel);
  loket_chain_panel_reload (self->chain_panel);
  loket_case_drafts_reload (self->drafts);
}

LoketChainPanel *
loket_case_view_get_chain_panel (LoketCaseView *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_VIEW (self), NULL);

  return self->chain_panel;
}

LoketCaseDrafts *
loket_case_view_get_drafts (LoketCaseView *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_VIEW (self), NULL);

  return self->drafts;
}

LoketRoutingPanel *
loket_case_view_get_routing_panel (LoketCaseView *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_VIEW (self), NULL);

  return self->routing_panel;
}

guint
loket_case_view_get_n_timeline_rows (LoketCaseView *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_VIEW (self), 0);

  return self->n_timeline_rows;
}

guint
loket_case_view_get_n_documents (LoketCaseView *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_VIEW (self), 0);

  return self->n_documents;
}

gboolean
loket_case_view_get_loading (LoketCaseView *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_VIEW (self), FALSE);

  return self->loading;
}
