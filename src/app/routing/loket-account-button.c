// SPDX-License-Identifier: GPL-3.0-or-later
// The header-bar account button: who is signed in (name, jabatan, Plh./Plt. valid today) and a
// searchable list of the people of the org chart to sign in as.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-account-button.h"
#include "loket-routing-util.h"

struct _LoketAccountButton
{
  GtkWidget parent_instance;

  /* Child widgets */
  GtkMenuButton  *button;
  GtkLabel       *label;
  GtkSearchEntry *search_entry;
  GtkListBox     *list;

  /* Owned references */
  LoketWorkflow *workflow;
  char          *search; /* folded search text */
};

G_DEFINE_FINAL_TYPE (LoketAccountButton, loket_account_button, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_PERSON_CHOSEN,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* "Plh. Kepala Dinas, Kepala Bidang …" for the positions @person_id acts for at @now. */
static char *
acting_text (LoketWorkflow *workflow, const LoketPerson *person, gint64 now)
{
  LoketOrgChart *org = loket_workflow_get_org_chart (workflow);
  g_autoptr (GPtrArray) acting = loket_workflow_get_acting_positions (workflow, person->id, now);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < acting->len; i++)
    {
      g_autofree char *label = loket_routing_acting_label (org, g_ptr_array_index (acting, i));

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, label);
    }
  if (text->len == 0)
    {
      const LoketPosition *position = loket_org_chart_lookup_position (org, person->position_id);

      g_string_append (text, position != NULL ? position->title : person->position_id);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
filter_row (GtkListBoxRow *row, gpointer user_data)
{
  LoketAccountButton *self = user_data;
  const char         *haystack = g_object_get_data (G_OBJECT (row), "loket-search");

  return self->search == NULL || (haystack != NULL && strstr (haystack, self->search) != NULL);
}

static void
search_changed_cb (LoketAccountButton *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search, g_free);
  if (text != NULL && *text != '\0')
    self->search = g_utf8_casefold (text, -1);
  gtk_list_box_invalidate_filter (self->list);
}

static void
row_activated_cb (LoketAccountButton *self, GtkListBoxRow *row)
{
  const char *person_id = g_object_get_data (G_OBJECT (row), "loket-person-id");

  gtk_menu_button_popdown (self->button);
  if (person_id != NULL)
    g_signal_emit (self, signals[SIGNAL_PERSON_CHOSEN], 0, person_id);
}

static void
search_activated_cb (LoketAccountButton *self)
{
  /* Enter picks the first person left. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_child_visible (child) && filter_row (GTK_LIST_BOX_ROW (child), self))
      {
        row_activated_cb (self, GTK_LIST_BOX_ROW (child));
        return;
      }
}

static void
fill_list (LoketAccountButton *self, gint64 now)
{
  LoketOrgChart *org;
  GtkWidget     *child;
  GPtrArray     *people;
  GPtrArray     *agencies;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (self->workflow == NULL)
    return;

  org = loket_workflow_get_org_chart (self->workflow);
  agencies = loket_org_chart_get_agency_ids (org);
  for (guint a = 0; agencies != NULL && a < agencies->len; a++)
    {
      const char *agency_id = g_ptr_array_index (agencies, a);
      const char *agency_name = loket_org_chart_get_agency_name (org, agency_id);

      people = loket_org_chart_get_people (org, agency_id);
      for (guint i = 0; people != NULL && i < people->len; i++)
        {
          const LoketPerson *person = g_ptr_array_index (people, i);
          g_autofree char   *acting = acting_text (self->workflow, person, now);
          g_autofree char   *search = g_strconcat (person->name, " ", acting, " ",
                                                 agency_name != NULL ? agency_name : "", NULL);
          GtkWidget         *row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), person->name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), acting);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_widget_set_name (row, person->id);
          g_object_set_data_full (G_OBJECT (row), "loket-person-id", g_strdup (person->id), g_free);
          g_object_set_data_full (G_OBJECT (row), "loket-search", g_utf8_casefold (search, -1),
                                  g_free);
          g_object_set_data_full (G_OBJECT (row), "loket-agency",
                                  g_strdup (agency_name != NULL ? agency_name : agency_id), g_free);
          gtk_list_box_append (self->list, row);
        }
    }
}

/* A heading above the first person of each agency. */
static void
update_header (GtkListBoxRow *row, GtkListBoxRow *before, gpointer user_data)
{
  const char *agency = g_object_get_data (G_OBJECT (row), "loket-agency");
  GtkWidget  *label;

  if (before != NULL
      && g_strcmp0 (agency, g_object_get_data (G_OBJECT (before), "loket-agency")) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (agency);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_header (row, label);
}

static void
loket_account_button_dispose (GObject *object)
{
  LoketAccountButton *self = LOKET_ACCOUNT_BUTTON (object);
  GtkWidget          *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->workflow);

  G_OBJECT_CLASS (loket_account_button_parent_class)->dispose (object);
}

static void
loket_account_button_finalize (GObject *object)
{
  LoketAccountButton *self = LOKET_ACCOUNT_BUTTON (object);

  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (loket_account_button_parent_class)->finalize (object);
}

static void
loket_account_button_class_init (LoketAccountButtonClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_account_button_dispose;
  object_class->finalize = loket_account_button_finalize;

  signals[SIGNAL_PERSON_CHOSEN]
    = g_signal_new ("person-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
loket_account_button_init (LoketAccountButton *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *heading = gtk_label_new (_ ("Sign In As"));

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _ ("Switch Person"));
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("avatar-default-symbolic"));
  self->label = GTK_LABEL (gtk_label_new (_ ("Sign In")));
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->label, 36);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_menu_button_set_child (self->button, content);

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _ ("Name or position"), NULL);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
  gtk_list_box_set_header_func (self->list, update_header, NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), scrolled);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), NULL);
  gtk_menu_button_set_popover (self->button, popover);
}

GtkWidget *
loket_account_button_new (void)
{
  return g_object_new (LOKET_TYPE_ACCOUNT_BUTTON, NULL);
}

void
loket_account_button_set_workflow (LoketAccountButton *self, LoketWorkflow *workflow)
{
  g_return_if_fail (LOKET_IS_ACCOUNT_BUTTON (self));

  g_set_object (&self->workflow, workflow);
  fill_list (self, g_get_real_time () / G_USEC_PER_SEC);
}

void
loket_account_button_set_person (LoketAccountButton *self, const char *person_id, gint64 now)
{
  const LoketPerson *person = NULL;

  g_return_if_fail (LOKET_IS_ACCOUNT_BUTTON (self));

  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC;
  if (self->workflow != NULL && person_id != NULL)
    person
      = loket_org_chart_lookup_person (loket_workflow_get_org_chart (self->workflow), person_id);
  if (person == NULL)
    {
      gtk_label_set_label (self->label, _ ("Sign In"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _ ("Sign In As"));
      return;
    }

  {
    g_autofree char *acting = acting_text (self->workflow, person, now);
    /* Translators: the account button: a person and the positions they act for */
    g_autofree char *text = g_strdup_printf (C_ ("account", "%s · %s"), person->name, acting);

    gtk_label_set_label (self->label, text);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), text);
  }
}

void
loket_account_button_popup (LoketAccountButton *self)
{
  g_return_if_fail (LOKET_IS_ACCOUNT_BUTTON (self));

  gtk_menu_button_popup (self->button);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkListBox *
loket_account_button_get_list (LoketAccountButton *self)
{
  g_return_val_if_fail (LOKET_IS_ACCOUNT_BUTTON (self), NULL);

  return self->list;
}

GtkEditable *
loket_account_button_get_search (LoketAccountButton *self)
{
  g_return_val_if_fail (LOKET_IS_ACCOUNT_BUTTON (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

const char *
loket_account_button_get_label (LoketAccountButton *self)
{
  g_return_val_if_fail (LOKET_IS_ACCOUNT_BUTTON (self), NULL);

  return gtk_label_get_label (self->label);
}
