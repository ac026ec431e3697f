// SPDX-License-Identifier: GPL-3.0-or-later
// The columns of the case list: light cells bound to LoketCase properties, and sorting that
// changes the store query (never a GtkSortListModel over all rows).

#include "config.h"

#include <glib/gi18n.h>

#include "loket-format.h"
#include "loket-window-private.h"

typedef void (*UpdateCellFunc) (LoketWindow *self, GtkWidget *cell, LoketCase *kase);

typedef struct
{
  const char        *nick; /* sort-column setting */
  LoketCaseSort      sort;
  gsize              column_offset;
  const char *const *properties;
  gboolean           pill; /* a GtkLabel styled as a pill, else a GtkInscription */
  UpdateCellFunc     update;
} ColumnSpec;

struct _LoketCaseColumn
{
  LoketWindow      *self; /* (unowned): the window owns the columns */
  const ColumnSpec *spec;
};

static void
set_text (GtkWidget *cell, const char *text)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text != NULL ? text : "");
}

static void
update_agenda (LoketWindow *self, GtkWidget *cell, LoketCase *kase)
{
  set_text (cell, loket_case_get_agenda_number (kase));
  /* Unread dispositions of a personal inbox are bold. */
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (kase), "loket-unread")))
    gtk_widget_add_css_class (cell, "unread");
  else
    gtk_widget_remove_css_class (cell, "unread");
}

static void
update_received (LoketWindow *self, GtkWidget *cell, LoketCase *kase)
{
  GTimeZone *tz = self->calendar != NULL ? loket_work_calendar_get_timezone (self->calendar) : NULL;
  g_autofree char *text = loket_format_date (loket_case_get_received_at (kase), tz);

  set_text (cell, text);
}

static void
update_applicant (LoketWindow *self, GtkWidget *cell, LoketCase *kase)
{
  set_text (cell, loket_case_get_applicant_name (kase));
}

static void
update_service (LoketWindow *self, GtkWidget *cell, LoketCase *kase)
{
  const char *name = loket_format_service_name (self->catalog, loket_case_get_service_id (kase));

  set_text (cell, name);
}

static const char *status_classes[] = {
  "registered", "incomplete",         "in-process", "paused",
  "drafting",   "awaiting-signature", "signed",     "closed",
};

static void
update_status (LoketWindow *self, GtkWidget *cell, LoketCase *kase)
{
  const char     *agenda = loket_case_get_agenda_number (kase);
  LoketCaseStatus status = loket_case_get_status (kase);

  if (agenda == NULL || *agenda == '\0')
    {
      gtk_widget_set_visible (cell, FALSE);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (cell, status_classes[i]);
  gtk_widget_add_css_class (cell, loket_format_status_css_class (status));
  gtk_label_set_label (GTK_LABEL (cell), loket_format_status (status));
  gtk_widget_set_visible (cell, TRUE);
}

static void
update_due (LoketWindow *self, GtkWidget *cell, LoketCase *kase)
{
  const char      *css_class = NULL;
  g_autofree char *text = loket_format_case_deadline (kase, self->calendar, self->now, &css_class);

  gtk_widget_remove_css_class (cell, "due-late");
  gtk_widget_remove_css_class (cell, "due-soon");
  gtk_widget_remove_css_class (cell, "due-done");
  if (css_class != NULL)
    gtk_widget_add_css_class (cell, css_class);
  set_text (cell, text);
}

static const char *const agenda_props[] = { "agenda-number", NULL };
static const char *const received_props[] = { "received-at", NULL };
static const char *const applicant_props[] = { "applicant-name", NULL };
static const char *const service_props[] = { "service-id", NULL };
static const char *const status_props[] = { "status", "agenda-number", NULL };
static const char *const due_props[] = { "due-at", "closed-at", "status", "agenda-number", NULL };

static const ColumnSpec column_specs[] = {
  { "agenda-number", LOKET_CASE_SORT_AGENDA_NUMBER, G_STRUCT_OFFSET (LoketWindow, agenda_column),
    agenda_props, FALSE, update_agenda },
  { "received-at", LOKET_CASE_SORT_RECEIVED_AT, G_STRUCT_OFFSET (LoketWindow, received_column),
    received_props, FALSE, update_received },
  { "applicant", LOKET_CASE_SORT_APPLICANT, G_STRUCT_OFFSET (LoketWindow, applicant_column),
    applicant_props, FALSE, update_applicant },
  { "service", LOKET_CASE_SORT_SERVICE, G_STRUCT_OFFSET (LoketWindow, service_column),
    service_props, FALSE, update_service },
  { "status", LOKET_CASE_SORT_STATUS, G_STRUCT_OFFSET (LoketWindow, status_column), status_props,
    TRUE, update_status },
  { "due-at", LOKET_CASE_SORT_DUE_AT, G_STRUCT_OFFSET (LoketWindow, due_column), due_props, FALSE,
    update_due },
};

static GtkColumnViewColumn *
spec_get_column (LoketWindow *self, const ColumnSpec *spec)
{
  return G_STRUCT_MEMBER (GtkColumnViewColumn *, self, spec->column_offset);
}

static void
item_notify_cb (LoketCase *kase, GParamSpec *pspec, GtkListItem *list_item)
{
  LoketCaseColumn *column = g_object_get_data (G_OBJECT (list_item), "loket-case-column");
  GtkWidget       *cell = gtk_list_item_get_child (list_item);

  if (column != NULL && cell != NULL && column->self->columns != NULL)
    column->spec->update (column->self, cell, kase);
}

/* A text cell's tooltip is its whole text (cells are cut to the column's width). It is asked for
 * when needed: gtk_widget_set_tooltip_text() on every bind asked the display where the pointer was
 * each time, one X11 round trip per cell, and those were most of the time from the first frame
 * to a filled list. */
static gboolean
cell_query_tooltip_cb (GtkWidget  *cell,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (cell));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, LoketCaseColumn *column)
{
  GtkWidget *cell;

  if (column->spec->pill)
    {
      cell = gtk_label_new (NULL);
      gtk_widget_set_halign (cell, GTK_ALIGN_START);
      gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (cell, "status-pill");
    }
  else
    {
      cell = gtk_inscription_new (NULL);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 4);
      gtk_widget_set_hexpand (cell, TRUE);
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);
    }

  gtk_list_item_set_child (list_item, cell);
  g_object_set_data (G_OBJECT (list_item), "loket-case-column", column);
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, LoketCaseColumn *column)
{
  LoketCase *kase = gtk_list_item_get_item (list_item);

  for (guint i = 0; column->spec->properties[i] != NULL; i++)
    {
      g_autofree char *signal = g_strconcat ("notify::", column->spec->properties[i], NULL);

      g_signal_connect (kase, signal, G_CALLBACK (item_notify_cb), list_item);
    }
  column->spec->update (column->self, gtk_list_item_get_child (list_item), kase);
}

static void
unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, LoketCaseColumn *column)
{
  LoketCase *kase = gtk_list_item_get_item (list_item);

  if (kase != NULL)
    g_signal_handlers_disconnect_by_func (kase, item_notify_cb, list_item);
}

/* GTK 4.8 has no API that names the primary sort column of a GtkColumnView. Each column gets a
 * sorter that, when asked to compare, records its column and answers "smaller"; comparing two
 * objects with the view's sorter then reveals the primary column (the first one asked) and its
 * order (the answer is inverted for descending columns). */
static const LoketCaseColumn *probed_column;

static int
probe_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  if (probed_column == NULL)
    probed_column = user_data;
  return GTK_ORDERING_SMALLER;
}

static gboolean
get_primary_sort (LoketWindow *self, const LoketCaseColumn **column, gboolean *descending)
{
  g_autoptr (GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkSorter  *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering order;

  probed_column = NULL;
  order = gtk_sorter_compare (sorter, a, b);
  *column = probed_column;
  *descending = order == GTK_ORDERING_LARGER;
  probed_column = NULL;
  return *column != NULL;
}

static void
sorter_changed_cb (LoketWindow *self, GtkSorterChange change, GtkSorter *sorter)
{
  const LoketCaseColumn *column;
  gboolean               descending;

  /* The columns go away with the template in dispose. */
  if (self->column_view == NULL || self->query == NULL)
    return;

  if (!get_primary_sort (self, &column, &descending))
    return;

  if (self->query->sort == column->spec->sort && self->query->descending == descending)
    return;

  self->query->sort = column->spec->sort;
  self->query->descending = descending;

  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "sort-column", column->spec->nick);
      g_settings_set_boolean (self->settings, "sort-descending", descending);
    }

  _loket_window_apply_query (self);
}

void
_loket_window_setup_columns (LoketWindow *self)
{
  self->columns = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (column_specs); i++)
    {
      LoketCaseColumn *column = g_new0 (LoketCaseColumn, 1);
      g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkSorter) sorter = NULL;

      column->self = self;
      column->spec = &column_specs[i];
      g_ptr_array_add (self->columns, column);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), column);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), column);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), column);
      gtk_column_view_column_set_factory (spec_get_column (self, column->spec), factory);

      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, column, NULL));
      gtk_column_view_column_set_sorter (spec_get_column (self, column->spec), sorter);
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

void
_loket_window_restore_sort (LoketWindow *self)
{
  g_autofree char *nick = NULL;
  gboolean         descending = TRUE;

  if (self->settings != NULL)
    {
      nick = g_settings_get_string (self->settings, "sort-column");
      descending = g_settings_get_boolean (self->settings, "sort-descending");
    }

  for (guint i = 0; i < G_N_ELEMENTS (column_specs); i++)
    if (g_strcmp0 (column_specs[i].nick, nick != NULL ? nick : "received-at") == 0)
      {
        self->query->sort = column_specs[i].sort;
        self->query->descending = descending;
        gtk_column_view_sort_by_column (self->column_view, spec_get_column (self, &column_specs[i]),
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
        break;
      }
}

void
_loket_window_free_columns (LoketWindow *self)
{
  g_clear_pointer (&self->columns, g_ptr_array_unref);
}
