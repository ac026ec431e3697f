// SPDX-License-Identifier: GPL-3.0-or-later
// What the intake UI tests share: a window on a fresh database, driving the dialog's widgets,
// reading PDFs back, screenshots.

#include "config.h"

#include <cairo-pdf.h>
#include <poppler.h>

#include "intake-fixture.h"
#include "intake/loket-pdf-print.h"
#include "loket-case-list-model.h"
#include "loket-case-projector.h"
#include "loket-store.h"
#include "loket-test-utils.h"

/* ---- helpers ---- */

gboolean
list_counted (gpointer data)
{
  LoketCaseListModel *cases = loket_window_get_cases (data);

  return cases != NULL && !loket_case_list_model_get_loading (cases);
}

GtkWidget *
child (gpointer widget, GType type, const char *name)
{
  GtkWidget *found = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name));

  g_assert_nonnull (found);
  return found;
}

/* A click on a real button (gtk_widget_activate would only start its press animation). */
void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

void
spin (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

LoketWindow *
open_window (const char *db)
{
  LoketWindow *window = g_object_ref (loket_window_new (NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  loket_window_open (window, db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (loket_test_wait_until (list_counted, window, TIMEOUT_MS));
  return window;
}

void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("loket-intake-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "loket.db", NULL);
  fixture->window = open_window (fixture->db);
  loket_window_select_inbox (fixture->window, "all");
  g_assert_true (loket_test_wait_until (list_counted, fixture->window, TIMEOUT_MS));
}

void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_assert_finalize_object (fixture->window);
    }
  loket_test_remove_tree (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->dir);
}

gboolean
dialog_in_state (gpointer data)
{
  StateWait *wait = data;

  return g_strcmp0 (loket_intake_dialog_get_state (wait->dialog), wait->state) == 0
         && !loket_intake_dialog_get_busy (wait->dialog);
}

void
wait_for_state (LoketIntakeDialog *dialog, const char *state)
{
  StateWait wait = { dialog, state };

  if (!loket_test_wait_until (dialog_in_state, &wait, TIMEOUT_MS))
    g_error ("The dialog is “%s” (busy %d), not “%s”", loket_intake_dialog_get_state (dialog),
             loket_intake_dialog_get_busy (dialog), state);
}

gboolean
dialog_idle (gpointer data)
{
  return !loket_intake_dialog_get_busy (data);
}

/* Opens the dialog with the window's action (Ctrl+N) and picks @service_id by typing in the
 * search entry and activating the only row left. */
LoketIntakeDialog *
start_intake (LoketWindow *window, const char *search, const char *service_id)
{
  LoketIntakeDialog   *dialog;
  LoketServiceChooser *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-case", NULL));
  dialog = LOKET_INTAKE_DIALOG (loket_window_get_intake_dialog (window));
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  g_assert_cmpstr (loket_intake_dialog_get_state (dialog), ==, "service");

  chooser = LOKET_SERVICE_CHOOSER (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "service_chooser"));
  gtk_editable_set_text (GTK_EDITABLE (child (chooser, LOKET_TYPE_SERVICE_CHOOSER, "search_entry")),
                         search);
  loket_service_chooser_set_search (chooser,
                                    search); /* the entry's search delay, without waiting */
  g_assert_cmpuint (loket_service_chooser_get_n_visible (chooser), >=, 1);
  g_assert_true (loket_intake_dialog_choose_service (dialog, service_id));
  wait_for_state (dialog, "form");
  g_assert_cmpstr (
    loket_service_get_id (loket_intake_form_get_service (loket_intake_dialog_get_form (dialog))),
    ==, service_id);
  return dialog;
}

LoketPartyRow *
party_row (LoketIntakeDialog *dialog, guint index)
{
  GtkWidget *box = child (dialog, LOKET_TYPE_INTAKE_DIALOG, "parties_box");
  guint      i = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (box); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (LOKET_IS_PARTY_ROW (row) && i++ == index)
      return LOKET_PARTY_ROW (row);
  g_error ("No party row %u", index);
  return NULL;
}

void
type_into (gpointer widget, GType type, const char *name, const char *text)
{
  GtkWidget *entry = child (widget, type, name);

  g_assert_true (gtk_widget_get_visible (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

void
fill_person (LoketPartyRow *row, const char *nik, const char *name, const char *phone)
{
  type_into (row, LOKET_TYPE_PARTY_ROW, "nik_row", nik);
  type_into (row, LOKET_TYPE_PARTY_ROW, "name_row", name);
  type_into (row, LOKET_TYPE_PARTY_ROW, "phone_row", phone);
}

void
find_requirement_rows (GtkWidget *widget, GPtrArray *rows)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (LOKET_IS_REQUIREMENT_ROW (c))
        g_ptr_array_add (rows, c);
      else
        find_requirement_rows (c, rows);
    }
}

LoketRequirementRow *
requirement_row (LoketIntakeDialog *dialog, const char *requirement_id)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  find_requirement_rows (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "requirements_group"), rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (loket_requirement_get_id (
                     loket_requirement_row_get_requirement (g_ptr_array_index (rows, i))),
                   requirement_id)
        == 0)
      return g_ptr_array_index (rows, i);
  g_error ("No requirement row %s", requirement_id);
  return NULL;
}

/* Every mandatory item ticked, through its check button. */
void
tick_mandatory (LoketIntakeDialog *dialog)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  find_requirement_rows (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "requirements_group"), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      LoketRequirementRow *row = g_ptr_array_index (rows, i);

      if (loket_requirement_get_kind (loket_requirement_row_get_requirement (row))
          == LOKET_REQUIREMENT_MANDATORY)
        gtk_check_button_set_active (loket_requirement_row_get_check (row), TRUE);
    }
}

/* Drops @path on the row as a file manager would: through the row's GtkDropTarget. */
void
drop_file (LoketRequirementRow *row, const char *path)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (row));
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GSList      *list = g_slist_prepend (NULL, file);
  GdkFileList *files = gdk_file_list_new_from_list (list);
  GValue       value = G_VALUE_INIT;
  gboolean     dropped = FALSE;
  gboolean     found = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_assert_true (gdk_content_formats_contain_gtype (
            gtk_drop_target_get_formats (GTK_DROP_TARGET (controller)), GDK_TYPE_FILE_LIST));
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &dropped);
          found = TRUE;
        }
    }
  g_value_unset (&value);
  g_slist_free (list);
  g_assert_true (found);
  g_assert_true (dropped);
}

char *
write_pdf (const char *dir, const char *name, const char *text)
{
  char            *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t         *cr = cairo_create (surface);

  cairo_move_to (cr, 72, 100);
  cairo_set_font_size (cr, 14);
  cairo_show_text (cr, text);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

char *
pdf_text (GBytes *pdf)
{
  g_autoptr (GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (pdf, NULL, &error);
  GString         *text = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      char        *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_string_append_c (text, '\n');
      g_free (page_text);
      g_object_unref (page);
    }
  g_object_unref (document);
  return g_string_free (text, FALSE);
}

gboolean
receipt_ready (gpointer data)
{
  return loket_intake_dialog_get_receipt (data) != NULL && !loket_intake_dialog_get_busy (data);
}

gboolean
search_applied (gpointer data)
{
  SearchDone           *done = data;
  const LoketCaseQuery *query = loket_case_list_model_get_query (done->cases);

  return g_strcmp0 (query->search, done->search) == 0
         && !loket_case_list_model_get_loading (done->cases);
}

gboolean
first_item_loaded (gpointer data)
{
  LoketCaseListModel *cases = data;
  g_autoptr (LoketCase) item = g_list_model_get_item (G_LIST_MODEL (cases), 0);

  return item != NULL && loket_case_list_model_get_loaded (cases, item) != NULL;
}

/* The main window finds the case by its agenda number and it is the registered one. */
void
assert_case_in_list (LoketWindow *window, LoketIntakeDialog *dialog)
{
  const char         *agenda = loket_intake_dialog_get_agenda_number (dialog);
  LoketCaseListModel *cases = loket_window_get_cases (window);
  SearchDone          done = { cases, agenda };
  g_autoptr (LoketCase) item = NULL;
  LoketCase *loaded;

  gtk_editable_set_text (GTK_EDITABLE (child (window, LOKET_TYPE_WINDOW, "search_entry")), agenda);
  g_assert_true (loket_test_wait_until (search_applied, &done, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cases)), ==, 1);
  g_assert_true (loket_test_wait_until (first_item_loaded, cases, TIMEOUT_MS));
  item = g_list_model_get_item (G_LIST_MODEL (cases), 0);
  loaded = loket_case_list_model_get_loaded (cases, item);
  g_assert_cmpstr (loket_case_get_agenda_number (loaded), ==, agenda);
  g_assert_cmpstr (loket_case_get_uuid (loaded), ==, loket_intake_dialog_get_case_uuid (dialog));
  gtk_editable_set_text (GTK_EDITABLE (child (window, LOKET_TYPE_WINDOW, "search_entry")), "");
}

void
assert_receipt (LoketIntakeDialog *dialog)
{
  LoketCase *kase = loket_intake_dialog_get_case (dialog);
  g_autoptr (GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

#ifndef LOKET_HAVE_LETTERS
  g_test_message ("Built without libloket-letters: no receipt to read");
  g_assert_null (loket_intake_dialog_get_receipt (dialog));
  return;
#endif

  g_assert_true (loket_test_wait_until (receipt_ready, dialog, TIMEOUT_MS));
  text = pdf_text (loket_intake_dialog_get_receipt (dialog));
  /* Lines may wrap anywhere: compare with the whitespace folded. */
  flat = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
  g_assert_nonnull (strstr (flat, loket_intake_dialog_get_agenda_number (dialog)));
  g_assert_nonnull (strstr (flat, loket_service_get_name (loket_intake_form_get_service (
                                    loket_intake_dialog_get_form (dialog)))));
  /* Printing draws the receipt's pages with poppler: printed to a file, the text is all there. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("loket-print-XXXXXX", &error);
    g_autofree char *path = NULL;
    g_autofree char *printed = NULL;
    g_autofree char *printed_flat = NULL;
    g_autoptr (GBytes) bytes = NULL;
    char *contents = NULL;
    gsize length = 0;

    g_assert_no_error (error);
    path = g_build_filename (dir, "printed.pdf", NULL);
    g_assert_true (loket_pdf_print_export (loket_intake_dialog_get_receipt (dialog), path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, &length, &error));
    bytes = g_bytes_new_take (contents, length);
    printed = pdf_text (bytes);
    printed_flat = g_regex_replace_literal (spaces, printed, -1, 0, " ", 0, NULL);
    g_assert_nonnull (strstr (printed_flat, loket_intake_dialog_get_agenda_number (dialog)));
    loket_test_remove_tree (dir);
  }

  /* The deadline: its date in the office's time zone, or how the clock will run. */
  if (loket_case_get_due_at (kase) > 0)
    {
      static const char *months[]
        = { "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
            "Juli",    "Agustus",  "September", "Oktober", "November", "Desember" };
      g_autoptr (GTimeZone) wita = g_time_zone_new_identifier ("Asia/Makassar");
      g_autoptr (GDateTime) due = g_date_time_new_from_unix_local (loket_case_get_due_at (kase));
      g_autoptr (GDateTime) local = g_date_time_to_timezone (due, wita);
      g_autofree char *date
        = g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (local),
                           months[g_date_time_get_month (local) - 1], g_date_time_get_year (local));

      g_assert_nonnull (strstr (flat, date));
      g_test_message ("Receipt %s shows the deadline %s", loket_case_get_agenda_number (kase),
                      date);
    }
  else
    {
      /* Not started (the clock starts when the file is complete): the time limit is there. */
      LoketService *service = loket_intake_form_get_service (loket_intake_dialog_get_form (dialog));
      const LoketSlaClause *clause
        = loket_service_get_deadline_clause (service, loket_case_get_channel (kase));
      g_autofree char *sla = NULL;

      g_assert_nonnull (clause);
      g_assert_cmpint (clause->unit, ==, LOKET_SLA_UNIT_WORKING_DAY);
      sla = g_strdup_printf ("%d hari kerja", (int) clause->value_max);
      g_assert_nonnull (strstr (flat, sla));
    }
}

gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* Snapshots the window; empty until it has been laid out and drawn once. */
typedef struct
{
  GtkWidget     *window;
  GskRenderNode *node;
} Frame;

static gboolean
frame_ready (gpointer data)
{
  Frame *frame = data;
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (frame->window);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (frame->window);
  int height = gtk_widget_get_height (frame->window);

  if (!gtk_widget_get_mapped (frame->window) || width <= 0 || height <= 0)
    return FALSE;
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  g_clear_pointer (&frame->node, gsk_render_node_unref);
  frame->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  return frame->node != NULL;
}

void
save_screenshot (GtkWidget *window, const char *name)
{
  Frame frame = { window, NULL };
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  spin ();
  g_assert_true (loket_test_wait_until (frame_ready, &frame, TIMEOUT_MS));
  texture = gsk_renderer_render_texture (
    gtk_native_get_renderer (GTK_NATIVE (window)), frame.node,
    &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window), gtk_widget_get_height (window)));
  gsk_render_node_unref (frame.node);
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL ? g_getenv ("G_TEST_BUILDDIR")
                                                                : g_get_tmp_dir (),
                           name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

void
close_dialog (LoketIntakeDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

gboolean
case_shown (gpointer data)
{
  CaseShown *shown = data;
  LoketCase *kase = loket_case_view_get_case (shown->view);

  return kase != NULL && !loket_case_view_get_loading (shown->view)
         && g_strcmp0 (loket_case_get_uuid (kase), shown->case_uuid) == 0;
}

/* The question the intake dialog @parent asks. */
GtkWidget *
find_message_dialog (gpointer parent)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && gtk_window_get_transient_for (GTK_WINDOW (window)) == parent)
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* Kopnakertrans NTT, an industrial dispute by letter: two parties (a worker and the company), the
 * incoming letter, a PDF dropped on the first requirement; registered, then declared complete. */
guint
count_cases (LoketWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "window.refresh", NULL);
  g_assert_true (loket_test_wait_until (list_counted, window, TIMEOUT_MS));
  return g_list_model_get_n_items (G_LIST_MODEL (loket_window_get_cases (window)));
}

guint
count_blobs (const char *db)
{
  g_autofree char *blobs = g_strconcat (db, ".blobs", NULL);
  g_autoptr (GDir) dir = g_dir_open (blobs, 0, NULL);
  guint n = 0;

  /* The blob store may shard into folders: count regular files below. */
  if (dir == NULL)
    return 0;
  for (const char *name = g_dir_read_name (dir); name != NULL; name = g_dir_read_name (dir))
    {
      g_autofree char *path = g_build_filename (blobs, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr (GDir) sub = g_dir_open (path, 0, NULL);

          while (sub != NULL && g_dir_read_name (sub) != NULL)
            n++;
        }
      else
        n++;
    }
  return n;
}

gboolean
draft_saved (gpointer data)
{
  return loket_intake_dialog_get_n_drafts_saved (data) > 0 && !loket_intake_dialog_get_busy (data);
}

gboolean
draft_offered (gpointer data)
{
  return loket_window_get_offered_draft (data) != NULL;
}

gboolean
dialog_opened (gpointer data)
{
  GtkWindow *dialog = loket_window_get_intake_dialog (data);

  return dialog != NULL
         && g_strcmp0 (loket_intake_dialog_get_state (LOKET_INTAKE_DIALOG (dialog)), "form") == 0;
}

guint
count_drafts (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (&error);
  g_autoptr (LoketWorkCalendar) calendar = loket_work_calendar_new_default (&error);
  g_autoptr (LoketCaseProjector) projector = loket_case_projector_new (catalog, calendar);
  g_autoptr (LoketStore) store = loket_store_open (db, projector, &error);
  g_autoptr (GPtrArray) drafts = NULL;

  g_assert_no_error (error);
  drafts = loket_store_list_drafts (store, &error);
  g_assert_no_error (error);
  loket_store_close (store);
  return drafts->len;
}

gboolean
drafts_counted (gpointer data)
{
  DraftCount *count = data;

  return count_drafts (count->db) == count->n;
}
