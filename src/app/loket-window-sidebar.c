// SPDX-License-Identifier: GPL-3.0-or-later
// The window's sidebar: the inboxes with their counts, one row per unit that has cases.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-window-private.h"

typedef struct
{
  const char *key;
  const char *icon_name;
  const char *label;
} FixedInbox;

static const FixedInbox fixed_inboxes[] = {
  { "all", "folder-documents-symbolic", N_ ("All cases") },
  { "needs_action", "task-due-symbolic", N_ ("Needs action") },
  { "overdue", "task-past-due-symbolic", N_ ("Overdue") },
};

/* The signed-in person's inboxes (loket-store-routing.h), above the office-wide ones. */
static const FixedInbox person_inboxes[] = {
  { "person:incoming", "mail-unread-symbolic", N_ ("Incoming Dispositions") },
  { "person:needs_action", "task-due-symbolic", N_ ("To Do") },
  { "person:awaiting_paraf", "document-edit-symbolic", N_ ("Awaiting Initials") },
  { "person:awaiting_signature", "document-send-symbolic", N_ ("Awaiting Signature") },
  { "person:sent", "mail-send-symbolic", N_ ("Sent") },
  { "person:late", "task-past-due-symbolic", N_ ("Late") },
};

typedef struct
{
  char *key;
  char *group; /* the agency, shown as a heading */
  char *name;
  char *tooltip;
  guint count;
} UnitInbox;

static void
unit_inbox_free (gpointer data)
{
  UnitInbox *inbox = data;

  g_free (inbox->key);
  g_free (inbox->group);
  g_free (inbox->name);
  g_free (inbox->tooltip);
  g_free (inbox);
}

static int
compare_units (gconstpointer a, gconstpointer b)
{
  const UnitInbox *ua = *(const UnitInbox **) a;
  const UnitInbox *ub = *(const UnitInbox **) b;
  int              cmp = g_utf8_collate (ua->group, ub->group);

  return cmp != 0 ? cmp : g_utf8_collate (ua->name, ub->name);
}

static GtkWidget *
create_row_text (const char *key,
                 const char *icon_name,
                 const char *label,
                 const char *tooltip,
                 const char *count_text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name_label = gtk_label_new (label);
  GtkWidget *count_label = gtk_label_new (count_text);

  g_object_set_data_full (G_OBJECT (row), "loket-inbox-key", g_strdup (key), g_free);
  gtk_widget_add_css_class (box, "inbox-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (row, tooltip);

  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_wrap (GTK_LABEL (name_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (name_label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (name_label), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (name_label), 24);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_box_append (GTK_BOX (box), name_label);

  gtk_widget_add_css_class (count_label, "inbox-count");
  gtk_box_append (GTK_BOX (box), count_label);

  return row;
}

static GtkWidget *
create_row (const char *key,
            const char *icon_name,
            const char *label,
            const char *tooltip,
            guint       count)
{
  g_autofree char *count_text = g_strdup_printf ("%'u", count);

  return create_row_text (key, icon_name, label, tooltip, count_text);
}

static GtkWidget *create_heading (const char *text);

typedef struct
{
  const char *unit_id;
  const char *name;
  guint       total;
  guint       late;
} DashboardUnit;

static int
compare_dashboard (gconstpointer a, gconstpointer b)
{
  const DashboardUnit *ua = a;
  const DashboardUnit *ub = b;

  if (ua->late != ub->late)
    return ua->late > ub->late ? -1 : 1;
  if (ua->total != ub->total)
    return ua->total > ub->total ? -1 : 1;
  return g_utf8_collate (ua->name, ub->name);
}

/* The Kepala Dinas's dashboard: the agency's units that have cases, late first. */
static void
add_dashboard (LoketWindow *self, GPtrArray *counts)
{
  g_autoptr (GArray) units = g_array_new (FALSE, TRUE, sizeof (DashboardUnit));

  for (guint j = 0; counts != NULL && j < counts->len; j++)
    {
      LoketInboxCount *c = g_ptr_array_index (counts, j);
      const LoketUnit *unit;
      const LoketUnit *root;
      DashboardUnit    entry = { 0 };

      if (!g_str_has_prefix (c->key, "unit:") || self->org == NULL)
        continue;
      unit = loket_org_chart_lookup_unit (self->org, c->key + strlen ("unit:"));
      for (root = unit; root != NULL && root->parent_id != NULL;)
        {
          const LoketUnit *parent = loket_org_chart_lookup_unit (self->org, root->parent_id);

          if (parent == NULL)
            break;
          root = parent;
        }
      if (unit == NULL || root == NULL || g_strcmp0 (root->id, self->dashboard_agency) != 0)
        continue;
      entry.unit_id = unit->id;
      entry.name = unit->name;
      entry.total = c->count;
      if (self->late_by_unit != NULL)
        entry.late = GPOINTER_TO_UINT (g_hash_table_lookup (self->late_by_unit, unit->id));
      g_array_append_val (units, entry);
    }
  if (units->len == 0)
    return;

  g_array_sort (units, compare_dashboard);
  gtk_list_box_append (self->sidebar_list, create_heading (_ ("Office Dashboard")));
  for (guint i = 0; i < units->len; i++)
    {
      const DashboardUnit *entry = &g_array_index (units, DashboardUnit, i);
      g_autofree char     *key = g_strconcat ("dashboard:", entry->unit_id, NULL);
      /* Translators: a dashboard row's count: late cases / all cases of the unit */
      g_autofree char *text
        = g_strdup_printf (C_ ("dashboard count", "%'u / %'u"), entry->late, entry->total);
      /* Translators: the tooltip of a dashboard row */
      g_autofree char *tooltip
        = g_strdup_printf (_ ("%s: %'u late of %'u cases"), entry->name, entry->late, entry->total);
      GtkWidget *row = create_row_text (key, NULL, entry->name, tooltip, text);

      if (entry->late > 0)
        gtk_widget_add_css_class (row, "late");
      gtk_list_box_append (self->sidebar_list, row);
    }
}

static GtkWidget *
create_heading (const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_can_focus (row, FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_tooltip_text (row, text);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  return row;
}

static void
fill_sidebar (LoketWindow *self, GPtrArray *counts)
{
  g_autoptr (GPtrArray) units = g_ptr_array_new_with_free_func (unit_inbox_free);
  GtkListBoxRow *selected = NULL;
  GtkWidget     *child;
  self->updating_sidebar = TRUE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);

  if (self->has_person_counts && self->person_id != NULL)
    {
      const LoketPerson *person
        = self->org != NULL ? loket_org_chart_lookup_person (self->org, self->person_id) : NULL;

      gtk_list_box_append (self->sidebar_list,
                           create_heading (person != NULL ? person->name : _ ("My Inboxes")));
      for (guint i = 0; i < G_N_ELEMENTS (person_inboxes); i++)
        {
          LoketInbox inbox;
          guint      count = 0;
          GtkWidget *row;

          if (loket_inbox_from_string (person_inboxes[i].key + strlen ("person:"), &inbox))
            count = self->person_counts.counts[inbox];
          row = create_row (person_inboxes[i].key, person_inboxes[i].icon_name,
                            _ (person_inboxes[i].label), NULL, count);
          /* Unread dispositions in bold; late ones in the error colour. */
          if (count > 0 && i == 0)
            gtk_widget_add_css_class (row, "unread");
          if (count > 0 && g_str_equal (person_inboxes[i].key, "person:late"))
            gtk_widget_add_css_class (row, "late");
          gtk_list_box_append (self->sidebar_list, row);
        }
      if (self->dashboard_agency != NULL)
        add_dashboard (self, counts);
      gtk_list_box_append (self->sidebar_list, create_heading (_ ("Office")));
    }

  for (guint i = 0; i < G_N_ELEMENTS (fixed_inboxes); i++)
    {
      guint count = 0;

      for (guint j = 0; counts != NULL && j < counts->len; j++)
        {
          LoketInboxCount *c = g_ptr_array_index (counts, j);

          if (g_strcmp0 (c->key, fixed_inboxes[i].key) == 0)
            count = c->count;
        }

      gtk_list_box_append (self->sidebar_list,
                           create_row (fixed_inboxes[i].key, fixed_inboxes[i].icon_name,
                                       _ (fixed_inboxes[i].label), NULL, count));
    }

  for (guint j = 0; counts != NULL && j < counts->len; j++)
    {
      LoketInboxCount *c = g_ptr_array_index (counts, j);
      const LoketUnit *unit = NULL;
      const LoketUnit *root = NULL;
      UnitInbox       *inbox;

      if (!g_str_has_prefix (c->key, "unit:"))
        continue;

      if (self->org != NULL)
        unit = loket_org_chart_lookup_unit (self->org, c->key + strlen ("unit:"));

      inbox = g_new0 (UnitInbox, 1);
      inbox->key = g_strdup (c->key);
      inbox->count = c->count;
      inbox->name = g_strdup (unit != NULL ? unit->name : c->key + strlen ("unit:"));

      /* Units are grouped under their agency (the root of the org chart). */
      if (unit != NULL && self->org != NULL)
        {
          root = unit;
          while (root->parent_id != NULL)
            {
              const LoketUnit *parent = loket_org_chart_lookup_unit (self->org, root->parent_id);

              if (parent == NULL)
                break;
              root = parent;
            }
        }
      if (root != NULL && root != unit)
        {
          LoketAgency *agency = NULL;

          if (self->catalog != NULL)
            agency = loket_service_catalog_lookup_agency (self->catalog, root->id);
          if (agency != NULL && loket_agency_get_short_name (agency) != NULL)
            inbox->group = g_strdup (loket_agency_get_short_name (agency));
          else
            inbox->group = g_strdup (root->short_name != NULL ? root->short_name : root->name);
          inbox->tooltip = g_strdup_printf ("%s — %s", unit->name, root->name);
        }
      else
        inbox->group = g_strdup (_ ("Units"));

      g_ptr_array_add (units, inbox);
    }

  g_ptr_array_sort (units, compare_units);
  for (guint i = 0; i < units->len; i++)
    {
      UnitInbox *inbox = g_ptr_array_index (units, i);

      if (i == 0
          || g_strcmp0 (inbox->group, ((UnitInbox *) g_ptr_array_index (units, i - 1))->group) != 0)
        gtk_list_box_append (self->sidebar_list, create_heading (inbox->group));

      gtk_list_box_append (self->sidebar_list, create_row (inbox->key, NULL, inbox->name,
                                                           inbox->tooltip, inbox->count));
    }

  /* Keep the selected inbox selected; if it has gone, fall back to all cases. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *key = g_object_get_data (G_OBJECT (child), "loket-inbox-key");

      if (key != NULL && g_strcmp0 (key, self->inbox_key) == 0)
        selected = GTK_LIST_BOX_ROW (child);
    }
  if (selected == NULL)
    for (child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list)); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "loket-inbox-key"), "all") == 0)
        selected = GTK_LIST_BOX_ROW (child);
  if (selected == NULL)
    selected = gtk_list_box_get_row_at_index (self->sidebar_list, 0);
  gtk_list_box_select_row (self->sidebar_list, selected);

  self->updating_sidebar = FALSE;

  {
    const char *key = g_object_get_data (G_OBJECT (selected), "loket-inbox-key");

    if (g_strcmp0 (key, self->inbox_key) != 0)
      loket_window_select_inbox (self, key);
  }
}

static void
inboxes_counted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketWindow) self = _loket_window_weak_steal (user_data);
  g_autoptr (GPtrArray) counts = NULL;
  g_autoptr (GError) error = NULL;

  counts = loket_store_count_inboxes_finish (LOKET_STORE (source), result, &error);

  /* The window was closed meanwhile. */
  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (counts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          AdwToast *toast = adw_toast_new (_ ("The inbox counts could not be read"));

          g_debug ("Counting inboxes failed: %s", error->message);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
      return;
    }

  fill_sidebar (self, counts);
}

static void
count_office_inboxes (LoketWindow *self)
{
  loket_store_count_inboxes_async (self->store, self->now, self->cancellable, inboxes_counted_cb,
                                   _loket_window_weak_new (self));
}

static void
count_late_then_office (LoketWindow *self)
{
  _loket_window_count_late_by_unit (self, count_office_inboxes);
}

void
_loket_window_refresh_inboxes (LoketWindow *self)
{
  if (self->store == NULL)
    return;
  /* Counts are refreshed after every local change: a good moment to sync it. */
  _loket_window_sync_changed (self);

  /* The person's counts first, then the office's; the sidebar is filled once with both. */
  _loket_window_count_person_inboxes (self, count_late_then_office);
}
