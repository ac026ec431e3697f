// SPDX-License-Identifier: GPL-3.0-or-later
// UI tests of the intake dialog driven through its real widgets (suite 'ui', run under Xvfb):
// one service of each agency, a counter service in quick mode, bad input, drafts.

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "case/loket-case-view.h"
#include "intake/loket-intake-dialog.h"
#include "intake/loket-party-row.h"
#include "intake/loket-pdf-print.h"
#include "intake/loket-requirement-row.h"
#include "intake/loket-service-chooser.h"
#include "loket-case-list-model.h"
#include "loket-case-projector.h"
#include "loket-store.h"
#include "loket-test-utils.h"
#include "loket-window.h"

#define TIMEOUT_MS 30000
/* Structurally valid NIKs (Kota Kupang, Klungkung): a woman born 5 July 1990, a man born 12 March
 * 1985. */
#define NIK_A "5371014507900003"
#define NIK_B "5105021203850001"

typedef struct
{
  char        *dir;
  char        *db;
  LoketWindow *window;
} Fixture;

/* ---- helpers ---- */

static gboolean
list_counted (gpointer data)
{
  LoketCaseListModel *cases = loket_window_get_cases (data);

  return cases != NULL && !loket_case_list_model_get_loading (cases);
}

static GtkWidget *
child (gpointer widget, GType type, const char *name)
{
  GtkWidget *found = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name));

  g_assert_nonnull (found);
  return found;
}

/* A click on a real button (gtk_widget_activate would only start its press animation). */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
spin (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static LoketWindow *
open_window (const char *db)
{
  LoketWindow *window = g_object_ref (loket_window_new (NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  loket_window_open (window, db);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (loket_test_wait_until (list_counted, window, TIMEOUT_MS));
  return window;
}

static void
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

static void
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

typedef struct
{
  LoketIntakeDialog *dialog;
  const char        *state;
} StateWait;

static gboolean
dialog_in_state (gpointer data)
{
  StateWait *wait = data;

  return g_strcmp0 (loket_intake_dialog_get_state (wait->dialog), wait->state) == 0
         && !loket_intake_dialog_get_busy (wait->dialog);
}

static void
wait_for_state (LoketIntakeDialog *dialog, const char *state)
{
  StateWait wait = { dialog, state };

  if (!loket_test_wait_until (dialog_in_state, &wait, TIMEOUT_MS))
    g_error ("The dialog is “%s” (busy %d), not “%s”", loket_intake_dialog_get_state (dialog),
             loket_intake_dialog_get_busy (dialog), state);
}

static gboolean
dialog_idle (gpointer data)
{
  return !loket_intake_dialog_get_busy (data);
}

/* Opens the dialog with the window's action (Ctrl+N) and picks @service_id by typing in the
 * search entry and activating the only row left. */
static LoketIntakeDialog *
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

static LoketPartyRow *
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

static void
type_into (gpointer widget, GType type, const char *name, const char *text)
{
  GtkWidget *entry = child (widget, type, name);

  g_assert_true (gtk_widget_get_visible (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
fill_person (LoketPartyRow *row, const char *nik, const char *name, const char *phone)
{
  type_into (row, LOKET_TYPE_PARTY_ROW, "nik_row", nik);
  type_into (row, LOKET_TYPE_PARTY_ROW, "name_row", name);
  type_into (row, LOKET_TYPE_PARTY_ROW, "phone_row", phone);
}

static void
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

static LoketRequirementRow *
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
static void
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
static void
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

static char *
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

static char *
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

static gboolean
receipt_ready (gpointer data)
{
  return loket_intake_dialog_get_receipt (data) != NULL && !loket_intake_dialog_get_busy (data);
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
first_item_loaded (gpointer data)
{
  LoketCaseListModel *cases = data;
  g_autoptr (LoketCase) item = g_list_model_get_item (G_LIST_MODEL (cases), 0);

  return item != NULL && loket_case_list_model_get_loaded (cases, item) != NULL;
}

/* The main window finds the case by its agenda number and it is the registered one. */
static void
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

static void
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

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

typedef struct
{
  GtkWidget     *window;
  GskRenderNode *node;
} Frame;

/* Snapshots the window; empty until it has been laid out and drawn once. */
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

static void
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

static void
close_dialog (LoketIntakeDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

typedef struct
{
  LoketCaseView *view;
  const char    *case_uuid;
} CaseShown;

static gboolean
case_shown (gpointer data)
{
  CaseShown *shown = data;
  LoketCase *kase = loket_case_view_get_case (shown->view);

  return kase != NULL && !loket_case_view_get_loading (shown->view)
         && g_strcmp0 (loket_case_get_uuid (kase), shown->case_uuid) == 0;
}

/* ---- tests ---- */

/* The question the intake dialog @parent asks. */
static GtkWidget *
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
static void
test_intake_letter_with_attachment (Fixture *fixture, gconstpointer data)
{
  LoketIntakeDialog   *dialog;
  LoketPartyRow       *row;
  LoketRequirementRow *requirement;
  g_autofree char     *pdf = write_pdf (fixture->dir, "surat-pengaduan.pdf", "Surat pengaduan");
  GPtrArray           *attachments;
  GtkWidget           *save_button;

  dialog = start_intake (fixture->window, "perselisihan",
                         "kopnakertrans-ntt/penyelesaian-perselisihan-hi");
  save_button = child (dialog, LOKET_TYPE_INTAKE_DIALOG, "save_button");
  g_assert_true (gtk_widget_get_visible (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_group")));
  g_assert_false (gtk_widget_get_sensitive (save_button));

  /* The worker, then the company on the other side. */
  row = party_row (dialog, 0);
  fill_person (row, NIK_A, "Maria Goreti Bria", "0812 3456 7890");
  type_into (row, LOKET_TYPE_PARTY_ROW, "address_row", "Jl. El Tari No. 5, Kupang");
  click (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "add_party_button"));
  row = party_row (dialog, 1);
  gtk_toggle_button_set_active (
    GTK_TOGGLE_BUTTON (child (row, LOKET_TYPE_PARTY_ROW, "organisation_button")), TRUE);
  g_assert_false (gtk_widget_get_visible (child (row, LOKET_TYPE_PARTY_ROW, "nik_row")));
  type_into (row, LOKET_TYPE_PARTY_ROW, "name_row", "PT Flobamora Sejahtera");
  type_into (row, LOKET_TYPE_PARTY_ROW, "legal_number_row", "NIB 9120001234567");
  type_into (row, LOKET_TYPE_PARTY_ROW, "contact_person_row", "Yohanes Lado");
  g_assert_cmpuint (loket_intake_form_get_n_parties (loket_intake_dialog_get_form (dialog)), ==, 2);

  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "subject_row",
             "Perselisihan pemutusan hubungan kerja");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_number_row", "01/SP/XI/2026");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_date_row", "2026-11-02");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_sender_row", "Maria Goreti Bria");

  /* The complaint letter as a PDF dropped on its item; the copy of the KTP ticked. */
  requirement = requirement_row (dialog, "r1");
  drop_file (requirement, pdf);
  g_assert_true (loket_test_wait_until (dialog_idle, dialog, TIMEOUT_MS));
  g_assert_null (loket_requirement_row_get_error (requirement));
  attachments = loket_intake_form_get_attachments (loket_intake_dialog_get_form (dialog), "r1");
  g_assert_cmpuint (attachments->len, ==, 1);
  /* The same file again is stored once. */
  drop_file (requirement, pdf);
  g_assert_true (loket_test_wait_until (dialog_idle, dialog, TIMEOUT_MS));
  attachments = loket_intake_form_get_attachments (loket_intake_dialog_get_form (dialog), "r1");
  g_assert_cmpuint (attachments->len, ==, 1);
  g_assert_true (gtk_check_button_get_active (loket_requirement_row_get_check (requirement)));
  tick_mandatory (dialog);

  g_assert_true (gtk_widget_get_sensitive (save_button));
  g_assert_true (loket_test_wait_until (widget_mapped, dialog, TIMEOUT_MS));
  save_screenshot (GTK_WIDGET (dialog), "intake-form.png");

  click (save_button);
  wait_for_state (dialog, "result");
  g_assert_nonnull (loket_intake_dialog_get_agenda_number (dialog));
  g_assert_nonnull (strstr (loket_intake_dialog_get_agenda_number (dialog), "/KTKT/"));
  g_assert_cmpint (loket_case_get_due_at (loket_intake_dialog_get_case (dialog)), >, 0);

  /* Every mandatory item is there: Nyatakan Lengkap is possible. */
  g_assert_true (
    gtk_widget_get_sensitive (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "complete_button")));
  click (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "complete_button"));
  g_assert_true (loket_test_wait_until (dialog_idle, dialog, TIMEOUT_MS));
  g_assert_cmpint (loket_case_get_complete_at (loket_intake_dialog_get_case (dialog)), >, 0);
  g_assert_cmpint (loket_case_get_status (loket_intake_dialog_get_case (dialog)), ==,
                   LOKET_CASE_STATUS_IN_PROCESS);
  g_assert_false (
    gtk_widget_get_visible (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "decision_box")));
  save_screenshot (GTK_WIDGET (dialog), "intake-result.png");

  assert_receipt (dialog);
  assert_case_in_list (fixture->window, dialog);
  close_dialog (dialog);
}

/* Dinas Sosial NTT, assistive devices by letter: registered incomplete and returned. */
static void
test_intake_returned_incomplete (Fixture *fixture, gconstpointer data)
{
  LoketIntakeDialog *dialog;
  GtkWidget         *message;

  dialog = start_intake (fixture->window, "alat bantu", "dinsos-ntt/alat-bantu-disabilitas");
  fill_person (party_row (dialog, 0), NIK_A, "Yosefina Nenobais", "081339001122");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "subject_row", "Permohonan kursi roda");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_number_row", "12/KEL-OEBOBO/2026");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_date_row", "2026-11-09");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_sender_row", "Lurah Oebobo");

  click (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "save_button"));
  wait_for_state (dialog, "result");

  /* Nothing ticked: the file cannot be declared complete, only returned. */
  g_assert_false (
    gtk_widget_get_sensitive (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "complete_button")));
  click (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "return_button"));
  spin ();
  message = find_message_dialog (dialog);
  g_assert_nonnull (message);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "return");
  g_assert_true (loket_test_wait_until (dialog_idle, dialog, TIMEOUT_MS));
  g_assert_cmpint (loket_case_get_status (loket_intake_dialog_get_case (dialog)), ==,
                   LOKET_CASE_STATUS_INCOMPLETE);
  g_assert_true (
    gtk_widget_get_visible (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "return_notice_row")));
  save_screenshot (GTK_WIDGET (dialog), "intake-returned.png");
#ifdef LOKET_HAVE_LETTERS
  {
    g_autofree char  *notice = pdf_text (loket_intake_dialog_get_return_notice (dialog));
    LoketRequirement *first = g_ptr_array_index (
      loket_intake_form_get_requirements (loket_intake_dialog_get_form (dialog)), 0);
    g_autofree char *words = g_strndup (loket_requirement_get_text (first), 12);

    /* The notice names the case and what is missing. */
    g_assert_nonnull (strstr (notice, loket_intake_dialog_get_agenda_number (dialog)));
    g_assert_nonnull (strstr (notice, words));
  }
#endif

  assert_receipt (dialog);
  assert_case_in_list (fixture->window, dialog);
  close_dialog (dialog);
}

/* Disperinaker Klungkung, Kartu AK I: a counter service in quick mode, done in one step. */
static void
test_intake_counter_quick (Fixture *fixture, gconstpointer data)
{
  LoketIntakeDialog *dialog;
  LoketPartyRow     *row;
  GtkWidget         *finish;

  dialog = start_intake (fixture->window, "kartu pencari",
                         "disperinaker-klungkung/kartu-pencari-kerja-ak1");
  g_assert_true (gtk_widget_get_visible (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "quick_box")));
  finish = child (dialog, LOKET_TYPE_INTAKE_DIALOG, "finish_button");
  g_assert_true (gtk_widget_get_visible (finish));
  row = party_row (dialog, 0);
  /* Fewer fields. */
  g_assert_false (gtk_widget_get_visible (child (row, LOKET_TYPE_PARTY_ROW, "address_row")));
  g_assert_false (gtk_widget_get_visible (child (row, LOKET_TYPE_PARTY_ROW, "email_row")));
  fill_person (row, NIK_B, "I Made Sukadana", "081999123456");
  g_assert_false (gtk_widget_get_sensitive (finish));
  tick_mandatory (dialog);
  g_assert_true (gtk_widget_get_sensitive (finish));
  g_assert_true (loket_test_wait_until (widget_mapped, dialog, TIMEOUT_MS));
  save_screenshot (GTK_WIDGET (dialog), "intake-quick.png");

  click (finish);
  wait_for_state (dialog, "result");
  g_assert_cmpint (loket_case_get_status (loket_intake_dialog_get_case (dialog)), ==,
                   LOKET_CASE_STATUS_CLOSED);

  /* "Show" on the window's toast selects the new case and opens it in the case pane. */
  {
    CaseShown shown = {
      LOKET_CASE_VIEW (child (fixture->window, LOKET_TYPE_WINDOW, "case_view")),
      loket_intake_dialog_get_case_uuid (dialog),
    };

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-case", "s",
                                               loket_intake_dialog_get_agenda_number (dialog)));
    g_assert_true (loket_test_wait_until (case_shown, &shown, TIMEOUT_MS));
  }
  g_assert_nonnull (strstr (loket_intake_dialog_get_agenda_number (dialog), "/"));

  assert_receipt (dialog);
  assert_case_in_list (fixture->window, dialog);
  close_dialog (dialog);
}

static guint
count_cases (LoketWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "window.refresh", NULL);
  g_assert_true (loket_test_wait_until (list_counted, window, TIMEOUT_MS));
  return g_list_model_get_n_items (G_LIST_MODEL (loket_window_get_cases (window)));
}

static guint
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

/* Invalid NIK, a renamed non-PDF, an oversized and an unreadable file: each is refused with a
 * message, Save stays disabled, nothing is stored. */
static void
test_intake_bad_input (Fixture *fixture, gconstpointer data)
{
  LoketIntakeDialog   *dialog;
  LoketPartyRow       *row;
  LoketRequirementRow *requirement;
  GtkWidget           *save_button;
  g_autofree char     *fake = g_build_filename (fixture->dir, "ktp.pdf", NULL);
  g_autofree char     *big = g_build_filename (fixture->dir, "besar.pdf", NULL);
  g_autofree char     *missing = g_build_filename (fixture->dir, "tidak-ada.pdf", NULL);
  g_autofree char     *contents = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  guint blobs_before = count_blobs (fixture->db);

  dialog = start_intake (fixture->window, "perselisihan",
                         "kopnakertrans-ntt/penyelesaian-perselisihan-hi");
  save_button = child (dialog, LOKET_TYPE_INTAKE_DIALOG, "save_button");
  row = party_row (dialog, 0);

  /* A NIK with no such province: the message shows under the field as soon as 16 digits are in. */
  fill_person (row, "9971014507900003", "Maria Goreti Bria", "0812 3456 7890");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_number_row", "01/SP/XI/2026");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_date_row", "2026-11-02");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_sender_row", "Maria Goreti Bria");
  g_assert_nonnull (loket_party_row_get_error (row, "nik"));
  g_assert_true (gtk_widget_get_visible (child (row, LOKET_TYPE_PARTY_ROW, "nik_error_row")));
  g_test_message ("NIK message: %s", loket_party_row_get_error (row, "nik"));
  save_screenshot (GTK_WIDGET (dialog), "intake-nik-error.png");
  g_assert_false (gtk_widget_get_sensitive (save_button));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "intake.save", NULL)
                  && g_strcmp0 (loket_intake_dialog_get_state (dialog), "saving") == 0);

  /* A date that does not exist. */
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_date_row", "2026-02-30");
  g_assert_true (
    gtk_widget_get_visible (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_date_error_row")));
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_date_row", "2026-11-02");
  g_assert_false (
    gtk_widget_get_visible (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_date_error_row")));

  /* Corrected, the message goes and Save is possible. */
  type_into (row, LOKET_TYPE_PARTY_ROW, "nik_row", NIK_A);
  g_assert_null (loket_party_row_get_error (row, "nik"));
  g_assert_false (gtk_widget_get_visible (child (row, LOKET_TYPE_PARTY_ROW, "nik_error_row")));
  g_assert_true (gtk_widget_get_sensitive (save_button));

  /* A text file named .pdf. */
  g_assert_true (g_file_set_contents (fake, "Ini bukan PDF, hanya teks.\n", -1, &error));
  g_assert_no_error (error);
  requirement = requirement_row (dialog, "r2");
  drop_file (requirement, fake);
  g_assert_true (loket_test_wait_until (dialog_idle, dialog, TIMEOUT_MS));
  g_assert_nonnull (loket_requirement_row_get_error (requirement));
  g_assert_nonnull (strstr (loket_requirement_row_get_error (requirement), "ktp.pdf"));
  g_test_message ("Renamed file: %s", loket_requirement_row_get_error (requirement));
  g_assert_cmpuint (
    loket_intake_form_get_attachments (loket_intake_dialog_get_form (dialog), "r2")->len, ==, 0);

  /* Over the configured limit (1 MB here). */
  g_settings_set_int (settings, "attachment-size-limit-mb", 1);
  contents = g_malloc0 (2 * 1024 * 1024);
  memcpy (contents, "%PDF-1.4\n", 9);
  g_assert_true (g_file_set_contents (big, contents, 2 * 1024 * 1024, &error));
  g_assert_no_error (error);
  drop_file (requirement, big);
  g_assert_true (loket_test_wait_until (dialog_idle, dialog, TIMEOUT_MS));
  g_test_message ("Oversized file: %s", loket_requirement_row_get_error (requirement));
  g_assert_nonnull (strstr (loket_requirement_row_get_error (requirement), "besar.pdf"));
  g_settings_reset (settings, "attachment-size-limit-mb");

  /* A file that cannot be read. */
  drop_file (requirement, missing);
  g_assert_true (loket_test_wait_until (dialog_idle, dialog, TIMEOUT_MS));
  g_test_message ("Unreadable file: %s", loket_requirement_row_get_error (requirement));
  g_assert_nonnull (strstr (loket_requirement_row_get_error (requirement), "tidak-ada.pdf"));

  g_assert_cmpuint (
    loket_intake_form_get_attachments (loket_intake_dialog_get_form (dialog), "r2")->len, ==, 0);
  g_assert_cmpuint (count_blobs (fixture->db), ==, blobs_before);
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "form_scroller")));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  save_screenshot (GTK_WIDGET (dialog), "intake-refused.png");

  /* Break the NIK again: no way to register; then discard everything. */
  type_into (row, LOKET_TYPE_PARTY_ROW, "nik_row", "5371");
  g_assert_false (gtk_widget_get_sensitive (save_button));
  close_dialog (dialog);
  g_assert_cmpuint (count_cases (fixture->window), ==, 0);
}

static gboolean
draft_saved (gpointer data)
{
  return loket_intake_dialog_get_n_drafts_saved (data) > 0 && !loket_intake_dialog_get_busy (data);
}

static gboolean
draft_offered (gpointer data)
{
  return loket_window_get_offered_draft (data) != NULL;
}

static gboolean
dialog_opened (gpointer data)
{
  GtkWindow *dialog = loket_window_get_intake_dialog (data);

  return dialog != NULL
         && g_strcmp0 (loket_intake_dialog_get_state (LOKET_INTAKE_DIALOG (dialog)), "form") == 0;
}

/* Filled half-way, the window goes away without saving; a new window on the same database
 * offers the draft and brings the fields back. */
static void
test_intake_draft_restored (Fixture *fixture, gconstpointer data)
{
  LoketIntakeDialog *dialog;
  LoketPartyRow     *row;
  const char        *draft_id;

  dialog = start_intake (fixture->window, "perselisihan",
                         "kopnakertrans-ntt/penyelesaian-perselisihan-hi");
  row = party_row (dialog, 0);
  type_into (row, LOKET_TYPE_PARTY_ROW, "nik_row", NIK_A);
  type_into (row, LOKET_TYPE_PARTY_ROW, "name_row", "Maria Goreti Bria");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "subject_row", "Perselisihan upah lembur");
  g_assert_true (loket_test_wait_until (draft_saved, dialog, TIMEOUT_MS));

  /* The window (and with it the dialog) is destroyed: no Save, no question. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (dialog);
  fixture->window = open_window (fixture->db);

  g_assert_true (loket_test_wait_until (draft_offered, fixture->window, TIMEOUT_MS));
  draft_id = loket_window_get_offered_draft (fixture->window);
  g_assert_true (
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.resume-draft", "s", draft_id));
  g_assert_true (loket_test_wait_until (dialog_opened, fixture->window, TIMEOUT_MS));
  dialog = g_object_ref (LOKET_INTAKE_DIALOG (loket_window_get_intake_dialog (fixture->window)));
  row = party_row (dialog, 0);
  g_assert_cmpstr (
    gtk_editable_get_text (GTK_EDITABLE (child (row, LOKET_TYPE_PARTY_ROW, "nik_row"))), ==, NIK_A);
  g_assert_cmpstr (
    gtk_editable_get_text (GTK_EDITABLE (child (row, LOKET_TYPE_PARTY_ROW, "name_row"))), ==,
    "Maria Goreti Bria");
  g_assert_cmpstr (
    gtk_editable_get_text (GTK_EDITABLE (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "subject_row"))),
    ==, "Perselisihan upah lembur");
  g_assert_cmpstr (
    loket_service_get_id (loket_intake_form_get_service (loket_intake_dialog_get_form (dialog))),
    ==, "kopnakertrans-ntt/penyelesaian-perselisihan-hi");
  close_dialog (dialog);
}

/* Every intake widget on its own: built from its template, then finalized (HOUSE-STYLE rule 27). */
static void
test_intake_widgets_finalize (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (&error);
  g_autoptr (LoketIntakeForm) form = NULL;
  g_autoptr (LoketParty) party = loket_party_new (LOKET_PARTY_PERSON);
  GtkWidget *widget;

  g_assert_no_error (error);
  form = loket_intake_form_new (catalog, "kopnakertrans-ntt/penyelesaian-perselisihan-hi", "surat",
                                &error);
  g_assert_no_error (error);

  widget = g_object_ref_sink (loket_service_chooser_new ());
  loket_service_chooser_set_catalog (LOKET_SERVICE_CHOOSER (widget), catalog, NULL);
  loket_service_chooser_set_search (LOKET_SERVICE_CHOOSER (widget), "koperasi");
  g_assert_cmpuint (loket_service_chooser_get_n_visible (LOKET_SERVICE_CHOOSER (widget)), >, 0);
  loket_service_chooser_set_search (LOKET_SERVICE_CHOOSER (widget), "no such service at all");
  g_assert_cmpuint (loket_service_chooser_get_n_visible (LOKET_SERVICE_CHOOSER (widget)), ==, 0);
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (loket_party_row_new (party));
  g_assert_true (loket_party_row_get_party (LOKET_PARTY_ROW (widget)) == party);
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (loket_requirement_row_new (
    form, g_ptr_array_index (loket_intake_form_get_requirements (form), 0)));
  gtk_check_button_set_active (loket_requirement_row_get_check (LOKET_REQUIREMENT_ROW (widget)),
                               TRUE);
  g_assert_true (loket_intake_form_get_satisfied (form, "r1"));
  g_assert_finalize_object (widget);

  /* The dialog against the fixture's open database. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-case", NULL));
  widget = g_object_ref (GTK_WIDGET (loket_window_get_intake_dialog (fixture->window)));
  g_assert_cmpstr (loket_intake_dialog_get_state (LOKET_INTAKE_DIALOG (widget)), ==, "service");
  save_screenshot (widget, "intake-services.png");
  loket_intake_dialog_set_form (LOKET_INTAKE_DIALOG (widget), form);
  g_assert_cmpstr (loket_intake_dialog_get_state (LOKET_INTAKE_DIALOG (widget)), ==, "form");
  /* A form with a ticked item has content: Cancel asks first, the window stays. */
  gtk_widget_activate_action (widget, "intake.cancel", NULL);
  g_assert_nonnull (find_message_dialog (widget));
  g_assert_true (loket_window_get_intake_dialog (fixture->window) == GTK_WINDOW (widget));
  close_dialog (LOKET_INTAKE_DIALOG (widget));
  g_assert_null (loket_window_get_intake_dialog (fixture->window));
}

/* Pengaduan Masyarakat (Dinas Sosial) has four channels: in person it is a counter service, by
 * letter it is not; switching keeps what was typed. */
static void
test_intake_channels (Fixture *fixture, gconstpointer data)
{
  LoketIntakeDialog *dialog;
  AdwComboRow       *channel_row;
  GListModel        *channels;
  guint              letter = G_MAXUINT;

  dialog = start_intake (fixture->window, "pengaduan masyarakat dinas sosial",
                         "dinsos-ntt/pengaduan-masyarakat");
  channel_row = ADW_COMBO_ROW (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "channel_row"));
  channels = adw_combo_row_get_model (channel_row);
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 4);
  g_assert_true (gtk_widget_get_visible (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "quick_box")));
  g_assert_false (
    gtk_widget_get_visible (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_group")));
  fill_person (party_row (dialog, 0), NIK_A, "Yosefina Nenobais", "081339001122");

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (channels), i), "Letter") == 0)
      letter = i;
  g_assert_cmpuint (letter, <, 4);
  adw_combo_row_set_selected (channel_row, letter);

  g_assert_cmpstr (loket_intake_form_get_channel (loket_intake_dialog_get_form (dialog)), ==,
                   "surat");
  g_assert_false (gtk_widget_get_visible (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "quick_box")));
  g_assert_false (
    gtk_widget_get_visible (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "finish_button")));
  g_assert_true (gtk_widget_get_visible (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_group")));
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (child (party_row (dialog, 0), LOKET_TYPE_PARTY_ROW, "nik_row"))),
                   ==, NIK_A);
  /* A letter needs its number, date and sender before it can be registered. */
  g_assert_false (
    gtk_widget_get_sensitive (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "save_button")));
  close_dialog (dialog);
}

static guint
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

typedef struct
{
  const char *db;
  guint       n;
} DraftCount;

static gboolean
drafts_counted (gpointer data)
{
  DraftCount *count = data;

  return count_drafts (count->db) == count->n;
}

/* Cancel with content asks; "Keep Draft" keeps it, "Discard" deletes it. */
static void
test_intake_cancel_asks (Fixture *fixture, gconstpointer data)
{
  LoketIntakeDialog *dialog;
  GtkWidget         *question;
  DraftCount         count = { fixture->db, 1 };

  dialog = start_intake (fixture->window, "perselisihan",
                         "kopnakertrans-ntt/penyelesaian-perselisihan-hi");
  type_into (party_row (dialog, 0), LOKET_TYPE_PARTY_ROW, "name_row", "Maria Goreti Bria");
  g_assert_true (loket_test_wait_until (draft_saved, dialog, TIMEOUT_MS));
  g_assert_cmpuint (count_drafts (fixture->db), ==, 1);

  /* Cancel, then keep the draft: the dialog closes, the draft stays. */
  click (child (dialog, LOKET_TYPE_INTAKE_DIALOG, "cancel_button"));
  question = find_message_dialog (dialog);
  g_assert_nonnull (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "keep");
  g_assert_null (loket_window_get_intake_dialog (fixture->window));
  g_assert_true (loket_test_wait_until (dialog_idle, dialog, TIMEOUT_MS));
  g_assert_finalize_object (dialog);
  g_assert_true (loket_test_wait_until (drafts_counted, &count, TIMEOUT_MS));

  /* Again, and discard: the draft is gone. */
  dialog = start_intake (fixture->window, "perselisihan",
                         "kopnakertrans-ntt/penyelesaian-perselisihan-hi");
  type_into (party_row (dialog, 0), LOKET_TYPE_PARTY_ROW, "name_row", "Yohanes Lado");
  g_assert_true (loket_test_wait_until (draft_saved, dialog, TIMEOUT_MS));
  count.n = 2;
  g_assert_true (loket_test_wait_until (drafts_counted, &count, TIMEOUT_MS));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "intake.cancel", NULL);
  question = find_message_dialog (dialog);
  g_assert_nonnull (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "discard");
  g_assert_null (loket_window_get_intake_dialog (fixture->window));
  g_assert_finalize_object (dialog);
  count.n = 1;
  g_assert_true (loket_test_wait_until (drafts_counted, &count, TIMEOUT_MS));
}

/* A conditional requirement shows its condition; once the officer says it applies, it is needed
 * before the case can be finished. */
static void
test_intake_conditional (Fixture *fixture, gconstpointer data)
{
  LoketIntakeDialog   *dialog;
  LoketRequirementRow *married;
  GtkWidget           *finish;

  dialog = start_intake (fixture->window, "paspor", "disperinaker-klungkung/rekomendasi-paspor");
  finish = child (dialog, LOKET_TYPE_INTAKE_DIALOG, "finish_button");
  fill_person (party_row (dialog, 0), NIK_B, "I Made Sukadana", "081999123456");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_number_row", "07/PMI/XI/2026");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_date_row", "2026-11-16");
  type_into (dialog, LOKET_TYPE_INTAKE_DIALOG, "letter_sender_row", "I Made Sukadana");
  tick_mandatory (dialog);
  g_assert_true (gtk_widget_get_sensitive (finish));

  married = requirement_row (dialog, "r7");
  g_assert_nonnull (
    strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (married)), "bagi yang menikah"));
  g_assert_true (
    gtk_widget_get_visible (child (married, LOKET_TYPE_REQUIREMENT_ROW, "applies_row")));
  gtk_switch_set_active (GTK_SWITCH (child (married, LOKET_TYPE_REQUIREMENT_ROW, "applies_switch")),
                         TRUE);
  g_assert_true (loket_intake_form_get_applies (loket_intake_dialog_get_form (dialog), "r7"));
  g_assert_false (gtk_widget_get_sensitive (finish));
  gtk_check_button_set_active (loket_requirement_row_get_check (married), TRUE);
  g_assert_true (gtk_widget_get_sensitive (finish));

  click (finish);
  wait_for_state (dialog, "result");
  g_assert_cmpint (loket_case_get_status (loket_intake_dialog_get_case (dialog)), ==,
                   LOKET_CASE_STATUS_CLOSED);
  close_dialog (dialog);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  /* AdwApplication loads the style sheet in the app; the tests have no application. */
  {
    g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add ("/loket/app/intake/widgets-finalize", Fixture, NULL, fixture_set_up,
              test_intake_widgets_finalize, fixture_tear_down);
  g_test_add ("/loket/app/intake/letter-with-attachment", Fixture, NULL, fixture_set_up,
              test_intake_letter_with_attachment, fixture_tear_down);
  g_test_add ("/loket/app/intake/returned-incomplete", Fixture, NULL, fixture_set_up,
              test_intake_returned_incomplete, fixture_tear_down);
  g_test_add ("/loket/app/intake/counter-quick", Fixture, NULL, fixture_set_up,
              test_intake_counter_quick, fixture_tear_down);
  g_test_add ("/loket/app/intake/channels", Fixture, NULL, fixture_set_up, test_intake_channels,
              fixture_tear_down);
  g_test_add ("/loket/app/intake/cancel-asks", Fixture, NULL, fixture_set_up,
              test_intake_cancel_asks, fixture_tear_down);
  g_test_add ("/loket/app/intake/conditional", Fixture, NULL, fixture_set_up,
              test_intake_conditional, fixture_tear_down);
  g_test_add ("/loket/app/intake/bad-input", Fixture, NULL, fixture_set_up, test_intake_bad_input,
              fixture_tear_down);
  g_test_add ("/loket/app/intake/draft-restored", Fixture, NULL, fixture_set_up,
              test_intake_draft_restored, fixture_tear_down);

  return g_test_run ();
}
