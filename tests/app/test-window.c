// SPDX-License-Identifier: GPL-3.0-or-later
// UI tests of the main window on a real demo database (suite 'ui', run under Xvfb).

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "case/loket-case-view.h"
#include "loket-application.h"
#include "loket-case-list-model.h"
#include "loket-demo.h"
#include "loket-error.h"
#include "loket-test-utils.h"
#include "loket-ui-test.h"
#include "loket-window.h"

#define N_CASES 1000
#define DEMO_SEED 20260101
#define TIMEOUT_MS 30000

static char *fixture_dir;
static char *fixture_db;

/* ---- helpers ---- */

static gboolean
window_left_loading (gpointer data)
{
  return g_strcmp0 (loket_window_get_state (data), "loading") != 0;
}

static gboolean
list_counted (gpointer data)
{
  LoketCaseListModel *cases = loket_window_get_cases (data);

  return cases != NULL && !loket_case_list_model_get_loading (cases);
}

static GtkWidget *
template_child (gpointer widget, GType type, const char *name)
{
  GtkWidget *child = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name));

  g_assert_nonnull (child);
  return child;
}

/* The first GtkInscription in the column view's rows is the agenda cell of the first row. */
static GtkInscription *
find_first_inscription (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkInscription *found;

      if (GTK_IS_INSCRIPTION (child) && gtk_widget_get_mapped (child))
        return GTK_INSCRIPTION (child);
      found = find_first_inscription (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  LoketWindow   *window;
  GtkColumnView *column_view;
  char          *expected; /* agenda number of item 0 */
} FirstRow;

static gboolean
first_row_is_real (gpointer data)
{
  FirstRow           *row = data;
  LoketCaseListModel *cases = loket_window_get_cases (row->window);
  g_autoptr (LoketCase) item = g_list_model_get_item (G_LIST_MODEL (cases), 0);
  LoketCase      *loaded = item != NULL ? loket_case_list_model_get_loaded (cases, item) : NULL;
  GtkInscription *cell;

  if (loaded == NULL)
    return FALSE;

  cell = find_first_inscription (GTK_WIDGET (row->column_view));
  if (cell == NULL || gtk_inscription_get_text (cell) == NULL)
    return FALSE;

  g_free (row->expected);
  row->expected = g_strdup (loket_case_get_agenda_number (loaded));
  return g_strcmp0 (gtk_inscription_get_text (cell), row->expected) == 0;
}

typedef struct
{
  LoketCaseListModel *cases;
  guint               n;
} AllLoaded;

/* Asks for every item (which queues their pages) and checks they have all arrived. */
static gboolean
all_items_loaded (gpointer data)
{
  AllLoaded *all = data;

  for (guint i = 0; i < all->n; i++)
    {
      g_autoptr (LoketCase) item = g_list_model_get_item (G_LIST_MODEL (all->cases), i);

      if (loket_case_list_model_get_loaded (all->cases, item) == NULL)
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  LoketCaseListModel *cases;
  const char         *search;
} SearchDone;

static gboolean
search_applied (gpointer data)
{
  SearchDone           *done = data;
  const LoketCaseQuery *query = loket_case_list_model_get_query (done->cases);

  return g_strcmp0 (query->search, done->search) == 0
         && !loket_case_list_model_get_loading (done->cases);
}

static gboolean
case_view_ready (gpointer data)
{
  LoketCaseView *view = data;

  return loket_case_view_get_case (view) != NULL && !loket_case_view_get_loading (view);
}

static gboolean
contains_casefold (const char *haystack, const char *needle)
{
  g_autofree char *h = NULL;
  g_autofree char *n = NULL;

  if (haystack == NULL)
    return FALSE;
  h = g_utf8_casefold (haystack, -1);
  n = g_utf8_casefold (needle, -1);
  return strstr (h, n) != NULL;
}

static char *
last_word (const char *text)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  guint n = g_strv_length (words);

  /* Skip short trailing titles ("S.H.") and pick a real surname. */
  for (guint i = n; i > 0; i--)
    if (g_utf8_strlen (words[i - 1], -1) >= 4 && strchr (words[i - 1], '.') == NULL)
      return g_strdup (words[i - 1]);
  return g_strdup (words[0]);
}

static void
save_screenshot (GtkWidget *window, const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int          width = gtk_widget_get_width (window);
  int          height = gtk_widget_get_height (window);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static void
spin_a_little (void)
{
  /* Let pending layout and drawing happen (not a sleep: it just drains the main context). */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* ---- tests ---- */

static void
test_window_shows_searches_and_selects (void)
{
  LoketWindow        *window = loket_window_new (NULL);
  LoketCaseListModel *cases;
  GtkColumnView      *column_view;
  GtkSelectionModel  *selection;
  LoketCaseView      *case_view;
  FirstRow            first = { 0 };
  g_autofree char    *term = NULL;
  g_autofree char    *png = NULL;
  GStatBuf            buf;
  guint               n_found;

  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  loket_window_open (window, fixture_db);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (loket_test_wait_until (window_left_loading, window, TIMEOUT_MS));
  if (loket_window_get_error (window) != NULL)
    g_error ("The window shows an error: %s", loket_window_get_error (window)->message);
  g_assert_cmpstr (loket_window_get_state (window), ==, "main");

  /* The whole database, counted without loading it. */
  g_assert_true (loket_test_wait_until (list_counted, window, TIMEOUT_MS));
  cases = loket_window_get_cases (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cases)), ==, N_CASES);
  g_assert_cmpuint (loket_case_list_model_get_n_cached_pages (cases), <=, 20);

  /* The first visible row shows a real agenda number once its page has arrived. */
  column_view = GTK_COLUMN_VIEW (template_child (window, LOKET_TYPE_WINDOW, "column_view"));
  first.window = window;
  first.column_view = column_view;
  g_assert_true (loket_test_wait_until (window_mapped, window, TIMEOUT_MS));
  g_assert_true (loket_test_wait_until (first_row_is_real, &first, TIMEOUT_MS));
  g_assert_nonnull (first.expected);
  g_assert_cmpuint (strlen (first.expected), >, 0);
  /* A cut-off cell shows its whole text as a tooltip, asked for on hover: a tooltip text set on
   * every bind cost an X11 round trip per cell (loket-window-columns.c). */
  {
    GtkInscription *cell = find_first_inscription (GTK_WIDGET (column_view));

    g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (cell)));
    g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (cell)));
  }

  /* Search for the surname of the first case: the list narrows to cases that match. */
  {
    g_autoptr (LoketCase) item = g_list_model_get_item (G_LIST_MODEL (cases), 0);
    LoketCase *loaded = loket_case_list_model_get_loaded (cases, item);

    term = last_word (loket_case_get_applicant_name (loaded));
  }
  gtk_editable_set_text (GTK_EDITABLE (template_child (window, LOKET_TYPE_WINDOW, "search_entry")),
                         term);
  {
    SearchDone done = { cases, term };

    g_assert_true (loket_test_wait_until (search_applied, &done, TIMEOUT_MS));
  }
  n_found = g_list_model_get_n_items (G_LIST_MODEL (cases));
  g_assert_cmpuint (n_found, >, 0);
  g_assert_cmpuint (n_found, <, N_CASES);
  {
    AllLoaded all = { cases, n_found };

    g_assert_true (loket_test_wait_until (all_items_loaded, &all, TIMEOUT_MS));
  }
  for (guint i = 0; i < n_found; i++)
    {
      g_autoptr (LoketCase) item = g_list_model_get_item (G_LIST_MODEL (cases), i);
      LoketCase *loaded = loket_case_list_model_get_loaded (cases, item);

      if (!contains_casefold (loket_case_get_applicant_name (loaded), term)
          && !contains_casefold (loket_case_get_subject (loaded), term)
          && !contains_casefold (loket_case_get_agenda_number (loaded), term))
        g_error ("Case %u (%s) does not match “%s”", i, loket_case_get_agenda_number (loaded),
                 term);
      /* The placeholder shows the loaded case. */
      g_assert_cmpstr (loket_case_get_agenda_number (item), ==,
                       loket_case_get_agenda_number (loaded));
    }

  /* Select the first result: the case pane shows it with its whole history. */
  selection = gtk_column_view_get_model (column_view);
  gtk_selection_model_select_item (selection, 0, TRUE);
  case_view = LOKET_CASE_VIEW (template_child (window, LOKET_TYPE_WINDOW, "case_view"));
  g_assert_true (loket_test_wait_until (case_view_ready, case_view, TIMEOUT_MS));
  {
    g_autoptr (LoketCase) item = g_list_model_get_item (G_LIST_MODEL (cases), 0);
    LoketCase *loaded = loket_case_list_model_get_loaded (cases, item);
    GtkLabel *agenda = GTK_LABEL (template_child (case_view, LOKET_TYPE_CASE_VIEW, "agenda_label"));
    GtkWidget *timeline = template_child (case_view, LOKET_TYPE_CASE_VIEW, "timeline_list");
    guint      n_rows = 0;

    g_assert_cmpstr (gtk_label_get_label (agenda), ==, loket_case_get_agenda_number (loaded));
    for (GtkWidget *row = gtk_widget_get_first_child (timeline); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      n_rows++;
    g_assert_cmpuint (loket_case_get_event_count (loaded), >, 0);
    g_assert_cmpuint (n_rows, ==, loket_case_get_event_count (loaded));
    g_assert_cmpuint (loket_case_view_get_n_timeline_rows (case_view), ==, n_rows);
  }

  /* Escape in the window clears the search and brings every case back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "window.clear-search", NULL);
  {
    SearchDone done = { cases, NULL };

    g_assert_true (loket_test_wait_until (search_applied, &done, TIMEOUT_MS));
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cases)), ==, N_CASES);

  /* Clearing the search unselected the case: the pane says so. */
  g_assert_null (loket_case_view_get_case (case_view));

  /* A screenshot for people to look at, with a case open. */
  gtk_selection_model_select_item (selection, 2, TRUE);
  g_assert_true (loket_test_wait_until (case_view_ready, case_view, TIMEOUT_MS));
  spin_a_little ();
  png = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL ? g_getenv ("G_TEST_BUILDDIR")
                                                               : g_get_tmp_dir (),
                          "window.png", NULL);
  save_screenshot (GTK_WIDGET (window), png);
  g_assert_cmpint (g_stat (png, &buf), ==, 0);
  g_assert_cmpint (buf.st_size, >, 0);
  g_test_message ("Screenshot: %s", png);

  g_free (first.expected);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_sorts_through_the_store (void)
{
  LoketWindow         *window = g_object_ref (loket_window_new (NULL));
  GtkColumnView       *column_view;
  GtkColumnViewColumn *column;
  LoketCaseListModel  *cases;

  loket_window_open (window, fixture_db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (loket_test_wait_until (list_counted, window, TIMEOUT_MS));
  cases = loket_window_get_cases (window);

  column_view = GTK_COLUMN_VIEW (template_child (window, LOKET_TYPE_WINDOW, "column_view"));
  column = GTK_COLUMN_VIEW_COLUMN (
    gtk_widget_get_template_child (GTK_WIDGET (window), LOKET_TYPE_WINDOW, "agenda_column"));
  gtk_column_view_sort_by_column (column_view, column, GTK_SORT_ASCENDING);
  g_assert_cmpint (loket_case_list_model_get_query (cases)->sort, ==,
                   LOKET_CASE_SORT_AGENDA_NUMBER);
  g_assert_false (loket_case_list_model_get_query (cases)->descending);

  gtk_column_view_sort_by_column (column_view, column, GTK_SORT_DESCENDING);
  g_assert_true (loket_case_list_model_get_query (cases)->descending);
  g_assert_true (loket_test_wait_until (list_counted, window, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cases)), ==, N_CASES);

  /* The model is the paged one, not a GtkSortListModel over every row. */
  g_assert_true (
    gtk_single_selection_get_model (GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view)))
    == G_LIST_MODEL (cases));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static GtkListBoxRow *
find_inbox_row (GtkWidget *sidebar, const char *key)
{
  for (GtkWidget *row = gtk_widget_get_first_child (sidebar); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "loket-inbox-key"), key) == 0)
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

static gboolean
sidebar_filled (gpointer data)
{
  return find_inbox_row (data, "overdue") != NULL;
}

static guint
inbox_row_count (GtkListBoxRow *row)
{
  GtkWidget *box = gtk_list_box_row_get_child (row);
  GtkWidget *count = gtk_widget_get_last_child (box);

  g_assert_true (GTK_IS_LABEL (count));
  return (guint) g_ascii_strtoull (gtk_label_get_label (GTK_LABEL (count)), NULL, 10);
}

typedef struct
{
  LoketCaseListModel *cases;
  LoketCaseFilter     filter;
} FilterDone;

static gboolean
filter_applied (gpointer data)
{
  FilterDone *done = data;

  return loket_case_list_model_get_query (done->cases)->filter == done->filter
         && !loket_case_list_model_get_loading (done->cases);
}

static void
test_window_inboxes (void)
{
  LoketWindow        *window = g_object_ref (loket_window_new (NULL));
  GtkWidget          *sidebar;
  GtkListBoxRow      *row;
  LoketCaseListModel *cases;
  GtkWidget          *child;
  guint               n_units = 0;
  guint               n_overdue;

  loket_window_open (window, fixture_db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (loket_test_wait_until (list_counted, window, TIMEOUT_MS));
  cases = loket_window_get_cases (window);

  sidebar = template_child (window, LOKET_TYPE_WINDOW, "sidebar_list");
  g_assert_true (loket_test_wait_until (sidebar_filled, sidebar, TIMEOUT_MS));

  /* The fixed inboxes, then the units that have cases, with their counts. */
  row = find_inbox_row (sidebar, "all");
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (sidebar)) == row);
  g_assert_cmpuint (inbox_row_count (row), ==, N_CASES);
  for (child = gtk_widget_get_first_child (sidebar); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *key = g_object_get_data (G_OBJECT (child), "loket-inbox-key");

      if (key != NULL && g_str_has_prefix (key, "unit:"))
        n_units++;
    }
  g_assert_cmpuint (n_units, >, 0);

  /* Choosing "Overdue" lists exactly as many cases as the sidebar says. */
  row = find_inbox_row (sidebar, "overdue");
  n_overdue = inbox_row_count (row);
  g_assert_cmpuint (n_overdue, <, N_CASES);
  gtk_list_box_select_row (GTK_LIST_BOX (sidebar), row);
  {
    FilterDone done = { cases, LOKET_CASE_FILTER_OVERDUE };

    g_assert_true (loket_test_wait_until (filter_applied, &done, TIMEOUT_MS));
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cases)), ==, n_overdue);

  /* F5 counts again and keeps the inbox. */
  gtk_widget_activate_action (GTK_WIDGET (window), "window.refresh", NULL);
  g_assert_true (loket_test_wait_until (list_counted, window, TIMEOUT_MS));
  g_assert_cmpint (loket_case_list_model_get_query (cases)->filter, ==, LOKET_CASE_FILTER_OVERDUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cases)), ==, n_overdue);

  /* The inbox is remembered; put the default back for the other tests. */
  {
    g_autoptr (GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *saved = g_settings_get_string (settings, "sidebar-inbox");

    g_assert_cmpstr (saved, ==, "overdue");
  }
  loket_window_select_inbox (window, "all");

  /* Ctrl+F's action puts the focus in the search entry. */
  gtk_widget_activate_action (GTK_WIDGET (window), "window.focus-search", NULL);
  g_assert_true (
    gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                            template_child (window, LOKET_TYPE_WINDOW, "search_entry")));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_empty_database (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-ui-empty-XXXXXX", &error);
  g_autofree char *db = NULL;
  LoketWindow     *window;
  GtkStack        *list_stack;
  LoketCaseView   *case_view;

  g_assert_no_error (error);
  db = g_build_filename (dir, "new", "loket.db", NULL);

  window = g_object_ref (loket_window_new (NULL));
  loket_window_open (window, db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (loket_test_wait_until (list_counted, window, TIMEOUT_MS));

  /* Another test may have left a different inbox in the settings. */
  loket_window_select_inbox (window, "all");
  g_assert_true (loket_test_wait_until (list_counted, window, TIMEOUT_MS));

  /* A new database in a new folder: created, empty, and the window says so. */
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loket_window_get_cases (window))), ==,
                    0);
  list_stack = GTK_STACK (template_child (window, LOKET_TYPE_WINDOW, "list_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (
                     template_child (window, LOKET_TYPE_WINDOW, "list_empty_page"))),
                   ==, "No Cases Yet");
  case_view = LOKET_CASE_VIEW (template_child (window, LOKET_TYPE_WINDOW, "case_view"));
  g_assert_null (loket_case_view_get_case (case_view));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  loket_test_remove_tree (dir);
}

typedef struct
{
  LoketCaseListModel *cases;
  guint               position;
} ItemLoaded;

static gboolean
item_loaded (gpointer data)
{
  ItemLoaded *wait = data;
  g_autoptr (LoketCase) item = g_list_model_get_item (G_LIST_MODEL (wait->cases), wait->position);

  return item != NULL && loket_case_list_model_get_loaded (wait->cases, item) != NULL;
}

static void
test_window_scrolls_to_the_end (void)
{
  LoketWindow        *window = g_object_ref (loket_window_new (NULL));
  LoketCaseListModel *cases;
  GtkScrolledWindow  *scroller;
  GtkAdjustment      *vadjustment;
  ItemLoaded          last;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  loket_window_open (window, fixture_db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (loket_test_wait_until (list_counted, window, TIMEOUT_MS));
  g_assert_true (loket_test_wait_until (window_mapped, window, TIMEOUT_MS));
  cases = loket_window_get_cases (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cases)), ==, N_CASES);

  /* Jump to the bottom as a dragged scrollbar would: the view asks for the last rows, the
   * model loads their pages and no more. */
  scroller = GTK_SCROLLED_WINDOW (
    gtk_widget_get_parent (template_child (window, LOKET_TYPE_WINDOW, "column_view")));
  vadjustment = gtk_scrolled_window_get_vadjustment (scroller);
  spin_a_little ();
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));

  last.cases = cases;
  last.position = N_CASES - 1;
  g_assert_true (loket_test_wait_until (item_loaded, &last, TIMEOUT_MS));
  g_assert_cmpuint (loket_case_list_model_get_n_cached_pages (cases), <,
                    N_CASES / LOKET_CASE_LIST_MODEL_PAGE_SIZE);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_refuses_malformed_catalog (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-ui-catalog-XXXXXX", &error);
  g_autofree char *broken = NULL;
  g_autofree char *db = NULL;
  LoketWindow     *window;
  AdwStatusPage   *page;

  g_assert_no_error (error);
  broken = g_build_filename (dir, "broken.json", NULL);
  g_assert_true (g_file_set_contents (broken, "{ \"agency\": { \"id\": \"x\", ", -1, &error));
  g_assert_no_error (error);
  db = g_build_filename (dir, "data", "loket.db", NULL);

  g_setenv ("LOKET_CATALOG_DIR", dir, TRUE);
  window = g_object_ref (loket_window_new (NULL));
  loket_window_open (window, db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (loket_test_wait_until (window_left_loading, window, TIMEOUT_MS));
  g_unsetenv ("LOKET_CATALOG_DIR");

  g_assert_cmpstr (loket_window_get_state (window), ==, "error");
  g_assert_nonnull (loket_window_get_error (window));
  g_assert_nonnull (strstr (loket_window_get_error (window)->message, "broken.json"));
  page = ADW_STATUS_PAGE (template_child (window, LOKET_TYPE_WINDOW, "error_page"));
  g_assert_cmpstr (adw_status_page_get_title (page), !=, "");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "broken.json"));
  /* No case list, and nothing was created. */
  g_assert_null (loket_window_get_cases (window));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  loket_test_remove_tree (dir);
}

static void
test_window_refuses_corrupt_database (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-ui-corrupt-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "loket.db", NULL);
  g_autofree char *after = NULL;
  const char      *garbage = "This is not a SQLite database, just some text that must survive.\n";
  LoketWindow     *window;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (db, garbage, -1, &error));

  window = g_object_ref (loket_window_new (NULL));
  loket_window_open (window, db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (loket_test_wait_until (window_left_loading, window, TIMEOUT_MS));

  g_assert_cmpstr (loket_window_get_state (window), ==, "error");
  g_assert_nonnull (loket_window_get_error (window));
  g_assert_true (
    g_error_matches (loket_window_get_error (window), LOKET_ERROR, LOKET_ERROR_CORRUPT));
  g_assert_cmpstr (adw_status_page_get_title (
                     ADW_STATUS_PAGE (template_child (window, LOKET_TYPE_WINDOW, "error_page"))),
                   ==, "The Database Is Damaged");
  g_assert_null (loket_window_get_cases (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  g_assert_true (g_file_get_contents (db, &after, NULL, &error));
  g_assert_cmpstr (after, ==, garbage);
  loket_test_remove_tree (dir);
}

static void
test_window_refuses_unusable_folder (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-ui-notdir-XXXXXX", &error);
  g_autofree char *file = NULL;
  g_autofree char *db = NULL;
  g_autofree char *after = NULL;
  LoketWindow     *window;

  /* The data folder's place is taken by a file: no one, not even root, can use it. */
  g_assert_no_error (error);
  file = g_build_filename (dir, "loket", NULL);
  g_assert_true (g_file_set_contents (file, "a file, not a folder\n", -1, &error));
  g_assert_no_error (error);
  db = g_build_filename (file, "loket.db", NULL);

  window = g_object_ref (loket_window_new (NULL));
  loket_window_open (window, db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (loket_test_wait_until (window_left_loading, window, TIMEOUT_MS));

  g_assert_cmpstr (loket_window_get_state (window), ==, "error");
  g_assert_nonnull (loket_window_get_error (window));
  g_assert_null (loket_window_get_cases (window));
  g_assert_true (g_file_get_contents (file, &after, NULL, &error));
  g_assert_cmpstr (after, ==, "a file, not a folder\n");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  loket_test_remove_tree (dir);
}

static void
test_window_refuses_unwritable_folder (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *locked = NULL;
  g_autofree char *db = NULL;
  LoketWindow     *window;

  if (geteuid () == 0)
    {
      g_test_skip ("root can write to any folder");
      return;
    }

  dir = g_dir_make_tmp ("loket-ui-locked-XXXXXX", &error);
  g_assert_no_error (error);
  locked = g_build_filename (dir, "locked", NULL);
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  db = g_build_filename (locked, "loket", "loket.db", NULL);

  window = g_object_ref (loket_window_new (NULL));
  loket_window_open (window, db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (loket_test_wait_until (window_left_loading, window, TIMEOUT_MS));

  g_assert_cmpstr (loket_window_get_state (window), ==, "error");
  g_assert_nonnull (loket_window_get_error (window));
  g_assert_null (loket_window_get_cases (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_chmod (locked, 0700);
  loket_test_remove_tree (dir);
}

static void
test_widgets_finalize (void)
{
  GtkWidget          *view = g_object_ref_sink (loket_case_view_new ());
  GtkWidget          *window = g_object_ref (GTK_WIDGET (loket_window_new (NULL)));
  LoketCaseListModel *model = loket_case_list_model_new (NULL);
  LoketApplication   *app = loket_application_new ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (loket_case_view_get_case (LOKET_CASE_VIEW (view)));
  g_assert_cmpstr (loket_window_get_state (LOKET_WINDOW (window)), ==, "loading");
  g_assert_nonnull (loket_application_get_database (app));

  g_assert_finalize_object (view);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (model);
  g_assert_finalize_object (app);
}

/* ---- fixture ---- */

static void
create_demo_database (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = NULL;
  g_autoptr (LoketWorkCalendar) calendar = NULL;
  g_autoptr (LoketOrgChart) org = NULL;
  g_autoptr (LoketCaseProjector) projector = NULL;
  g_autoptr (LoketStore) store = NULL;

  fixture_dir = g_dir_make_tmp ("loket-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture_db = g_build_filename (fixture_dir, "loket.db", NULL);

  catalog = loket_service_catalog_new_default (&error);
  g_assert_no_error (error);
  calendar = loket_work_calendar_new_default (&error);
  g_assert_no_error (error);
  org = loket_org_chart_new_default (&error);
  g_assert_no_error (error);
  projector = loket_case_projector_new (catalog, calendar);
  store = loket_store_open (fixture_db, projector, &error);
  g_assert_no_error (error);
  g_assert_true (
    loket_demo_populate (store, catalog, org, N_CASES, DEMO_SEED, NULL, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  loket_store_close (store);
}

int
main (int argc, char *argv[])
{
  int status;

  loket_test_init_ui (&argc, &argv);

  create_demo_database ();


  g_test_add_func ("/loket/app/widgets/finalize", test_widgets_finalize);
  g_test_add_func ("/loket/app/window/shows-searches-and-selects",
                   test_window_shows_searches_and_selects);
  g_test_add_func ("/loket/app/window/sorts-through-the-store",
                   test_window_sorts_through_the_store);
  g_test_add_func ("/loket/app/window/inboxes", test_window_inboxes);
  g_test_add_func ("/loket/app/window/scrolls-to-the-end", test_window_scrolls_to_the_end);
  g_test_add_func ("/loket/app/window/empty-database", test_window_empty_database);
  g_test_add_func ("/loket/app/window/refuses-malformed-catalog",
                   test_window_refuses_malformed_catalog);
  g_test_add_func ("/loket/app/window/refuses-corrupt-database",
                   test_window_refuses_corrupt_database);
  g_test_add_func ("/loket/app/window/refuses-unusable-folder",
                   test_window_refuses_unusable_folder);
  g_test_add_func ("/loket/app/window/refuses-unwritable-folder",
                   test_window_refuses_unwritable_folder);

  status = g_test_run ();

  loket_test_remove_tree (fixture_dir);
  g_free (fixture_dir);
  g_free (fixture_db);
  return status;
}
