// SPDX-License-Identifier: GPL-3.0-or-later
// The service picker of the intake dialog: search over the catalog, grouped by agency and Bidang.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-format.h"
#include "loket-intake-util.h"
#include "loket-service-chooser.h"

struct _LoketServiceChooser
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListBox     *list_box;

  /* Owned references */
  char **terms; /* casefolded words of the search */

  guint n_visible;
  guint setting_text : 1;
};

G_DEFINE_FINAL_TYPE (LoketServiceChooser, loket_service_chooser, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_SERVICE_CHOSEN,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* What each row carries (object data "loket-service-entry"). */
typedef struct
{
  LoketService *service;
  char         *agency_name;
  char         *group_id;  /* the Bidang (or Sekretariat, UPTD) the service falls under */
  char         *unit_name; /* its name: the group's header */
  char         *section;   /* the Seksi inside it that handles the service, or NULL */
  char         *haystack;  /* casefolded: name, agency, unit, id */
} ServiceEntry;

static void
service_entry_free (ServiceEntry *entry)
{
  g_clear_object (&entry->service);
  g_free (entry->agency_name);
  g_free (entry->group_id);
  g_free (entry->unit_name);
  g_free (entry->section);
  g_free (entry->haystack);
  g_free (entry);
}

static ServiceEntry *
row_entry (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "loket-service-entry");
}

static gboolean
filter_func (GtkListBoxRow *row, gpointer user_data)
{
  LoketServiceChooser *self = user_data;
  ServiceEntry        *entry = row_entry (row);

  if (self->terms == NULL)
    return TRUE;
  for (guint i = 0; self->terms[i] != NULL; i++)
    if (strstr (entry->haystack, self->terms[i]) == NULL)
      return FALSE;
  return TRUE;
}

static GtkWidget *
header_label (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
header_func (GtkListBoxRow *row, GtkListBoxRow *before, gpointer user_data)
{
  ServiceEntry *entry = row_entry (row);
  ServiceEntry *previous = before != NULL ? row_entry (before) : NULL;
  gboolean      new_agency = previous == NULL
                        || g_strcmp0 (loket_service_get_agency_id (previous->service),
                                      loket_service_get_agency_id (entry->service))
                             != 0;
  gboolean   new_unit = new_agency || g_strcmp0 (previous->group_id, entry->group_id) != 0;
  GtkWidget *box;

  if (!new_unit)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (box, "service-header");
  if (new_agency)
    {
      gtk_box_append (GTK_BOX (box), header_label (entry->agency_name, "title-4"));
      gtk_widget_add_css_class (box, "agency");
    }
  gtk_box_append (GTK_BOX (box), header_label (entry->unit_name, "heading"));
  gtk_list_box_row_set_header (row, box);
}

static void
update_state (LoketServiceChooser *self)
{
  self->n_visible = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && filter_func (GTK_LIST_BOX_ROW (row), self))
      self->n_visible++;
  gtk_stack_set_visible_child_name (self->stack, self->n_visible > 0 ? "list" : "empty");
}

static void
search_changed_cb (LoketServiceChooser *self)
{
  if (self->setting_text)
    return;
  loket_service_chooser_set_search (self,
                                    gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
search_activated_cb (LoketServiceChooser *self)
{
  /* Enter picks the first service the search leaves. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && filter_func (GTK_LIST_BOX_ROW (row), self))
      {
        g_signal_emit (self, signals[SIGNAL_SERVICE_CHOSEN], 0,
                       row_entry (GTK_LIST_BOX_ROW (row))->service);
        return;
      }
}

static void
row_activated_cb (LoketServiceChooser *self, GtkListBoxRow *row)
{
  g_signal_emit (self, signals[SIGNAL_SERVICE_CHOSEN], 0, row_entry (row)->service);
}

static char *
channels_text (LoketService *service)
{
  const char *const *channels = loket_service_get_channels (service);
  GString           *text = g_string_new (NULL);

  for (guint i = 0; channels != NULL && channels[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, loket_format_channel (channels[i]));
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
create_row (ServiceEntry *entry)
{
  LoketService      *service = entry->service;
  const char *const *channels = loket_service_get_channels (service);
  g_autofree char   *channel_list = channels_text (service);
  g_autofree char   *sla = loket_intake_format_sla (service, channels != NULL ? channels[0] : NULL);
  g_autofree char   *subtitle = NULL;
  GtkWidget         *row = adw_action_row_new ();
  GtkWidget         *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  if (*sla != '\0')
    /* Translators: a service's channels, then its time limit ("Letter · 14 working days") */
    subtitle = g_strdup_printf (_ ("%s · %s"), channel_list, sla);
  else
    subtitle = g_strdup (channel_list);
  if (entry->section != NULL)
    {
      char *with_section;

      /* Translators: the Seksi that handles a service, then its channels and time limit */
      with_section = g_strdup_printf (_ ("%s · %s"), entry->section, subtitle);
      g_free (subtitle);
      subtitle = with_section;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), loket_service_get_name (service));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (loket_intake_is_counter_service (service, channels != NULL ? channels[0] : NULL))
    {
      GtkWidget *badge = gtk_label_new (_ ("Counter"));

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "counter-badge");
      gtk_widget_set_tooltip_text (badge, _ ("Served at the desk in minutes: quick intake"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data_full (G_OBJECT (row), "loket-service-entry", entry,
                          (GDestroyNotify) service_entry_free);
  return row;
}

static void
loket_service_chooser_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), LOKET_TYPE_SERVICE_CHOOSER);
  /* The template's top box is not bound, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (loket_service_chooser_parent_class)->dispose (object);
}

static void
loket_service_chooser_finalize (GObject *object)
{
  LoketServiceChooser *self = LOKET_SERVICE_CHOOSER (object);

  g_clear_pointer (&self->terms, g_strfreev);

  G_OBJECT_CLASS (loket_service_chooser_parent_class)->finalize (object);
}

static void
loket_service_chooser_class_init (LoketServiceChooserClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_service_chooser_dispose;
  object_class->finalize = loket_service_chooser_finalize;

  /* ::service-chosen (LoketService *service): a row was activated. */
  signals[SIGNAL_SERVICE_CHOSEN]
    = g_signal_new ("service-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, LOKET_TYPE_SERVICE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/intake/loket-service-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketServiceChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LoketServiceChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, LoketServiceChooser, list_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
loket_service_chooser_init (LoketServiceChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_filter_func (self->list_box, filter_func, self, NULL);
  gtk_list_box_set_header_func (self->list_box, header_func, self, NULL);
}

GtkWidget *
loket_service_chooser_new (void)
{
  return g_object_new (LOKET_TYPE_SERVICE_CHOOSER, NULL);
}

void
loket_service_chooser_set_catalog (LoketServiceChooser *self,
                                   LoketServiceCatalog *catalog,
                                   LoketOrgChart       *org)
{
  GPtrArray *services;
  GtkWidget *child;

  g_return_if_fail (LOKET_IS_SERVICE_CHOOSER (self));
  g_return_if_fail (LOKET_IS_SERVICE_CATALOG (catalog));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  /* The catalog lists services agency by agency; keep that order and group each agency's
   * services by Bidang (Sekretariat, UPTD), in the order they first appear. */
  services = loket_service_catalog_get_services (catalog);
  for (guint a = 0; a < loket_service_catalog_get_agencies (catalog)->len; a++)
    {
      LoketAgency *agency = g_ptr_array_index (loket_service_catalog_get_agencies (catalog), a);
      g_autoptr (GPtrArray) entries = g_ptr_array_new ();
      g_autoptr (GPtrArray) groups = g_ptr_array_new ();

      for (guint i = 0; i < services->len; i++)
        {
          LoketService    *service = g_ptr_array_index (services, i);
          const char      *unit_id = loket_service_get_unit_id (service);
          const LoketUnit *unit = org != NULL ? loket_org_chart_lookup_unit (org, unit_id) : NULL;
          const LoketUnit *division
            = org != NULL ? loket_org_chart_get_division (org, unit_id) : NULL;
          ServiceEntry    *entry;
          g_autofree char *haystack = NULL;

          /* A retired service keeps its cases but takes no new ones. */
          if (g_strcmp0 (loket_service_get_agency_id (service), loket_agency_get_id (agency)) != 0
              || loket_service_is_retired (service))
            continue;

          entry = g_new0 (ServiceEntry, 1);
          entry->service = g_object_ref (service);
          entry->agency_name = g_strdup (loket_agency_get_name (agency));
          if (division == NULL)
            division = unit;
          entry->group_id = g_strdup (division != NULL ? division->id : unit_id);
          entry->unit_name = g_strdup (division != NULL ? division->name : unit_id);
          if (unit != NULL && division != NULL && unit != division)
            entry->section = g_strdup (unit->name);
          haystack = g_strjoin (" ", loket_service_get_name (service), entry->agency_name,
                                loket_agency_get_short_name (agency) != NULL
                                  ? loket_agency_get_short_name (agency)
                                  : "",
                                entry->unit_name, entry->section != NULL ? entry->section : "",
                                loket_service_get_id (service), NULL);
          entry->haystack = g_utf8_casefold (haystack, -1);
          g_ptr_array_add (entries, entry);
          if (!g_ptr_array_find_with_equal_func (groups, entry->group_id, g_str_equal, NULL))
            g_ptr_array_add (groups, entry->group_id);
        }

      for (guint g = 0; g < groups->len; g++)
        for (guint i = 0; i < entries->len; i++)
          {
            ServiceEntry *entry = g_ptr_array_index (entries, i);

            if (g_str_equal (entry->group_id, g_ptr_array_index (groups, g)))
              gtk_list_box_append (self->list_box, create_row (entry));
          }
    }

  update_state (self);
}

void
loket_service_chooser_set_search (LoketServiceChooser *self, const char *text)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (LOKET_IS_SERVICE_CHOOSER (self));

  if (text == NULL)
    text = "";

  /* Setting the entry's text emits ::search-changed for the empty text in between: ignore it. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    {
      self->setting_text = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
      self->setting_text = FALSE;
    }

  g_clear_pointer (&self->terms, g_strfreev);
  folded = g_utf8_casefold (text, -1);
  g_strstrip (folded);
  if (*folded != '\0')
    self->terms = g_regex_split_simple ("\\s+", folded, 0, 0);
  gtk_list_box_invalidate_filter (self->list_box);
  gtk_list_box_invalidate_headers (self->list_box);
  update_state (self);
}

guint
loket_service_chooser_get_n_visible (LoketServiceChooser *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE_CHOOSER (self), 0);

  return self->n_visible;
}

gboolean
loket_service_chooser_choose (LoketServiceChooser *self, const char *service_id)
{
  g_return_val_if_fail (LOKET_IS_SERVICE_CHOOSER (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row)
        && g_strcmp0 (loket_service_get_id (row_entry (GTK_LIST_BOX_ROW (row))->service),
                      service_id)
             == 0)
      {
        g_signal_emit_by_name (row, "activate");
        return TRUE;
      }
  return FALSE;
}

void
loket_service_chooser_focus_search (LoketServiceChooser *self)
{
  g_return_if_fail (LOKET_IS_SERVICE_CHOOSER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
