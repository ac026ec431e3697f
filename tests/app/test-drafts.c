// SPDX-License-Identifier: GPL-3.0-or-later
// UI test of letter drafts (suite 'ui', under Xvfb): from the case pane a draft is started, a
// paragraph edited, the live preview follows, Ctrl+S saves versions as events, an earlier version
// opens read-only, printing exports the page, closing with changes asks first.

#include "config.h"

#include <adwaita.h>
#include <poppler.h>
#include <sqlite3.h>
#include <string.h>

#include "draft/loket-case-drafts.h"
#include "draft/loket-draft-editor.h"
#include "intake-fixture.h"
#include "loket-error.h"
#include "loket-store-letter-drafts.h"
#include "loket-test-utils.h"
#include "loket-ui-test.h"

#define SERVICE "kopnakertrans-ntt/rekomendasi-rekrutmen-akad"
#define EDIT "Berdasarkan rapat tim teknis tanggal 2 Oktober kami merekomendasikan Saudara."

typedef struct
{
  char        *dir;
  char        *db;
  char        *case_uuid;
  char        *agenda;
  LoketWindow *window;
} DraftFixture;

static void
register_case (DraftFixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (&error);
  g_autoptr (LoketWorkCalendar) calendar = loket_work_calendar_new_default (&error);
  g_autoptr (LoketCaseProjector) projector = loket_case_projector_new (catalog, calendar);
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (LoketIntakeForm) form = NULL;
  g_autoptr (LoketParty) party = loket_party_new (LOKET_PARTY_PERSON);
  GPtrArray *requirements;

  g_assert_no_error (error);
  store = loket_store_open (f->db, projector, &error);
  g_assert_no_error (error);
  form = loket_intake_form_new (catalog, SERVICE, "surat", &error);
  g_assert_no_error (error);
  loket_party_set_nik (party, NIK_A);
  loket_party_set_name (party, "Maria Bunga");
  loket_party_set_address (party, "Jalan El Tari 5, Kupang");
  loket_intake_form_add_party (form, party);
  loket_intake_form_set_subject (form, "Rekomendasi rekrutmen AKAD");
  requirements = loket_intake_form_get_requirements (form);
  for (guint i = 0; i < requirements->len; i++)
    g_assert_true (loket_intake_form_set_satisfied (
      form, loket_requirement_get_id (g_ptr_array_index (requirements, i)), TRUE, NULL));
  g_assert_true (loket_store_register_case (store, form, NULL, "petugas", LOKET_INTAKE_REGISTER,
                                            &f->case_uuid, &f->agenda, &error));
  g_assert_no_error (error);
  loket_store_close (store);
}

static void
draft_set_up (DraftFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CaseShown shown = { NULL, NULL };

  f->dir = g_dir_make_tmp ("loket-drafts-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "loket.db", NULL);
  register_case (f);
  f->window = open_window (f->db);
  shown.view = LOKET_CASE_VIEW (child (f->window, LOKET_TYPE_WINDOW, "case_view"));
  shown.case_uuid = f->case_uuid;
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "show-case",
                                  g_variant_new_string (f->agenda));
  g_assert_true (loket_test_wait_until (case_shown, &shown, TIMEOUT_MS));
}

static void
draft_tear_down (DraftFixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  loket_test_remove_tree (f->dir);
  g_free (f->db);
  g_free (f->dir);
  g_free (f->case_uuid);
  g_free (f->agenda);
}

/* ---- Helpers ---- */

static LoketCaseDrafts *
drafts_of (DraftFixture *f)
{
  return loket_case_view_get_drafts (
    LOKET_CASE_VIEW (child (f->window, LOKET_TYPE_WINDOW, "case_view")));
}

static gboolean
one_draft_listed (gpointer drafts)
{
  return !loket_case_drafts_get_loading (drafts) && loket_case_drafts_get_n_drafts (drafts) == 1;
}

static gboolean
drafts_idle (gpointer drafts)
{
  return !loket_case_drafts_get_loading (drafts);
}

static LoketDraftEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (LOKET_IS_DRAFT_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return LOKET_DRAFT_EDITOR (window);
    }
  return NULL;
}

static gboolean
editor_opened (gpointer data)
{
  return find_editor () != NULL;
}

static gboolean
editor_idle (gpointer editor)
{
  return loket_draft_editor_get_draft (editor) != NULL && !loket_draft_editor_get_busy (editor)
         && loket_draft_editor_get_preview_pdf (editor) != NULL;
}

static void
wait_idle (LoketDraftEditor *editor)
{
  if (!loket_test_wait_until (editor_idle, editor, TIMEOUT_MS))
    g_error ("The draft editor stays busy");
}

/* "New Draft" → Rekomendasi: the editor that opens, once its first preview is drawn. */
static LoketDraftEditor *
open_new_rekomendasi (LoketCaseDrafts *drafts)
{
  LoketDraftEditor *editor;

  g_assert_true (
    gtk_widget_activate_action (GTK_WIDGET (drafts), "drafts.new", "s", "rekomendasi"));
  g_assert_true (loket_test_wait_until (editor_opened, NULL, TIMEOUT_MS));
  editor = find_editor ();
  wait_idle (editor);
  return editor;
}

static char *
squashed_text (GBytes *pdf)
{
  g_autofree char *raw = pdf_text (pdf);
  g_autoptr (GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, raw, -1, 0, " ", 0, NULL);
}

static gboolean
preview_has (LoketDraftEditor *editor, const char *needle)
{
  g_autofree char *text = squashed_text (loket_draft_editor_get_preview_pdf (editor));

  return strstr (text, needle) != NULL;
}

static gint64
count_draft_events (DraftFixture *f, const char *type, int version)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64        n = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT COUNT(*) FROM events WHERE type = ?1 AND "
                                       "case_uuid = ?2 AND json_extract(body, '$.version') = ?3 "
                                       "AND json_type(body, '$.content') = 'object'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, f->case_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, version);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static gboolean
version_is (LoketDraftEditor *editor, guint version)
{
  return loket_draft_editor_get_version (editor) == version && editor_idle (editor);
}

static gboolean
version_is_1 (gpointer editor)
{
  return version_is (editor, 1);
}

static gboolean
version_is_2 (gpointer editor)
{
  return version_is (editor, 2);
}

static gboolean
second_paragraph_marked (gpointer editor)
{
  return loket_draft_editor_get_paragraph_changed (editor, 1);
}

static gboolean
showing_old (gpointer editor)
{
  return loket_draft_editor_get_read_only (editor) && editor_idle (editor);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
editor_gone (gpointer data)
{
  return find_editor () == NULL;
}

static void
page_size (GBytes *pdf, double *width, double *height)
{
  g_autoptr (GError) error = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  PopplerPage     *page;

  g_assert_no_error (error);
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, width, height);
  g_object_unref (page);
  g_object_unref (doc);
}

static void
assert_same_paper (GBytes *a, GBytes *b)
{
  double wa, ha, wb, hb;

  page_size (a, &wa, &ha);
  page_size (b, &wb, &hb);
  g_assert_cmpfloat_with_epsilon (wa, wb, 1.0);
  g_assert_cmpfloat_with_epsilon (ha, hb, 1.0);
}

/* Scrolls the scrolled window around @widget so that @widget starts @margin pixels down. */
static void
scroll_to (GtkWidget *widget, double margin)
{
  GtkWidget     *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget     *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t point;

  spin ();
  g_assert_true (gtk_widget_compute_point (widget, gtk_viewport_get_child (GTK_VIEWPORT (viewport)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y - margin);
}

/* ---- The test ---- */

static void
test_draft_versions (DraftFixture *f, gconstpointer data)
{
  LoketCaseDrafts  *drafts = drafts_of (f);
  LoketDraftEditor *editor;
  GtkTextBuffer    *buffer;
  g_autoptr (GError) error = NULL;
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);

  g_assert_true (loket_test_wait_until (drafts_idle, drafts, TIMEOUT_MS));
  g_assert_cmpuint (loket_case_drafts_get_n_drafts (drafts), ==, 0);
  g_assert_true (g_strv_contains (loket_case_drafts_get_kinds (drafts), "rekomendasi"));

  /* "New Draft" → Rekomendasi: the editor opens with the fields of the case */
  editor = open_new_rekomendasi (drafts);
  g_assert_cmpuint (loket_draft_editor_get_version (editor), ==, 0);
  g_assert_true (loket_draft_editor_get_modified (editor));
  g_assert_cmpuint (loket_draft_editor_get_n_pages (editor), >=, 1);
  g_assert_true (preview_has (editor, "Maria Bunga"));
  g_assert_true (preview_has (editor, f->agenda));
  /* nothing saved, nothing to print */
  g_assert_false (loket_draft_editor_print_to_file (editor, printed, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Ctrl+S: version 1 is a draft.created event */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "draft.save", NULL));
  g_assert_true (loket_test_wait_until (version_is_1, editor, TIMEOUT_MS));
  g_assert_false (loket_draft_editor_get_modified (editor));
  g_assert_cmpint (count_draft_events (f, "draft.created", 1), ==, 1);

  /* a paragraph typed into its text view: the preview follows after the pause */
  buffer = loket_draft_editor_get_paragraph_buffer (editor, 1);
  g_assert_nonnull (buffer);
  gtk_text_buffer_set_text (buffer, EDIT, -1);
  g_assert_true (loket_draft_editor_get_modified (editor));
  g_assert_true (loket_draft_editor_get_busy (editor));
  wait_idle (editor);
  g_assert_true (preview_has (editor, EDIT));
  g_assert_false (preview_has (editor, "Berdasarkan hasil pemeriksaan berkas"));

  /* Ctrl+S again: version 2 is a draft.revised event with the whole draft */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "draft.save", NULL));
  g_assert_true (loket_test_wait_until (version_is_2, editor, TIMEOUT_MS));
  g_assert_cmpint (count_draft_events (f, "draft.revised", 2), ==, 1);
  g_assert_cmpuint (loket_draft_editor_get_latest (editor), ==, 2);
  /* version 2 marks the paragraph it changed */
  g_assert_true (loket_test_wait_until (second_paragraph_marked, editor, TIMEOUT_MS));
  g_assert_false (loket_draft_editor_get_paragraph_changed (editor, 0));
  g_assert_false (loket_draft_editor_get_paragraph_changed (editor, 2));
  scroll_to (child (editor, LOKET_TYPE_DRAFT_EDITOR, "paragraphs_group"), 260);
  save_screenshot (GTK_WIDGET (editor), "drafts-editor.png");

  /* "Print" through GtkPrintOperation, exported to a file: the page carries the edit */
  g_assert_true (loket_draft_editor_print_to_file (editor, printed, &error));
  g_assert_no_error (error);
  {
    g_autofree char *contents = NULL;
    gsize            length = 0;
    g_autoptr (GBytes) bytes = NULL;
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (printed, &contents, &length, &error));
    bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
    text = squashed_text (bytes);
    g_assert_nonnull (strstr (text, EDIT));
    g_assert_nonnull (strstr (text, "Maria Bunga"));
    /* on the letter's own paper (F4), not the printer's default */
    assert_same_paper (bytes, loket_draft_editor_get_preview_pdf (editor));
  }

  /* the case pane lists the draft */
  /* the window refreshes the case after a save: wait for the list that follows */
  g_assert_true (loket_test_wait_until (one_draft_listed, drafts, TIMEOUT_MS));
  scroll_to (GTK_WIDGET (drafts), 120);
  save_screenshot (GTK_WIDGET (f->window), "drafts-case-pane.png");

  /* version 1 opens read-only and shows the template's paragraph */
  loket_draft_editor_show_version (editor, 1);
  g_assert_true (loket_test_wait_until (showing_old, editor, TIMEOUT_MS));
  g_assert_cmpuint (loket_draft_editor_get_version (editor), ==, 1);
  g_assert_false (preview_has (editor, EDIT));
  g_assert_true (preview_has (editor, "Berdasarkan hasil pemeriksaan berkas"));
  /* nothing to save in an old version, and "Show Latest Version" goes back */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (editor), "draft.save", NULL)
                  && loket_draft_editor_get_version (editor) != 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "draft.show-latest", NULL));
  g_assert_true (loket_test_wait_until (version_is_2, editor, TIMEOUT_MS));
  g_assert_false (loket_draft_editor_get_read_only (editor));
  g_assert_true (preview_has (editor, EDIT));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_true (loket_test_wait_until (editor_gone, NULL, TIMEOUT_MS));
}

static void
test_close_asks (DraftFixture *f, gconstpointer data)
{
  LoketCaseDrafts  *drafts = drafts_of (f);
  LoketDraftEditor *editor;
  GtkWidget        *question;

  g_assert_true (loket_test_wait_until (drafts_idle, drafts, TIMEOUT_MS));
  editor = open_new_rekomendasi (drafts);
  gtk_text_buffer_set_text (loket_draft_editor_get_paragraph_buffer (editor, 0), "Diubah.", -1);

  /* closing asks; Cancel keeps the window */
  gtk_window_close (GTK_WINDOW (editor));
  question = find_message_dialog (editor);
  g_assert_nonnull (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "cancel");
  gtk_window_destroy (GTK_WINDOW (question));
  spin ();
  g_assert_true (find_editor () == editor);

  /* Discard closes it and writes nothing */
  gtk_window_close (GTK_WINDOW (editor));
  question = find_message_dialog (editor);
  g_assert_nonnull (question);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "discard");
  g_assert_true (loket_test_wait_until (editor_gone, NULL, TIMEOUT_MS));
  g_assert_cmpint (count_draft_events (f, "draft.created", 1), ==, 0);
  /* nothing keeps the closed editor alive (requests hold it only until they finish) */
  g_assert_true (loket_test_wait_until (pointer_cleared, &editor, TIMEOUT_MS));
}

static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "Signed by": the Sekretaris signs for the head (a.n.); the choice is saved with the draft. */
static void
test_signer (DraftFixture *f, gconstpointer data)
{
  LoketCaseDrafts  *drafts = drafts_of (f);
  LoketDraftEditor *editor;
  AdwComboRow      *signer;

  g_assert_true (loket_test_wait_until (drafts_idle, drafts, TIMEOUT_MS));
  editor = open_new_rekomendasi (drafts);
  g_assert_false (preview_has (editor, "a.n."));
  signer = ADW_COMBO_ROW (
    find_descendant (child (editor, LOKET_TYPE_DRAFT_EDITOR, "fields_group"), ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (signer);
  g_assert_cmpuint (adw_combo_row_get_selected (signer), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (signer)), >=, 2);
  adw_combo_row_set_selected (signer, 1);
  g_assert_true (loket_draft_editor_get_busy (editor));
  wait_idle (editor);
  g_assert_true (preview_has (editor, "a.n."));
  g_assert_nonnull (loket_letter_draft_get_signer_person (loket_draft_editor_get_draft (editor)));
  g_assert_cmpstr (loket_letter_draft_get_signer_delegation (loket_draft_editor_get_draft (editor)),
                   ==, "a.n.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "draft.save", NULL));
  g_assert_true (loket_test_wait_until (version_is_1, editor, TIMEOUT_MS));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_true (loket_test_wait_until (editor_gone, NULL, TIMEOUT_MS));

  /* opened again from the case pane's list: the same signer */
  /* the window refreshes the case after a save: wait for the list that follows */
  g_assert_true (loket_test_wait_until (one_draft_listed, drafts, TIMEOUT_MS));
  {
    GtkWidget *list = child (drafts, LOKET_TYPE_CASE_DRAFTS, "list");

    g_signal_emit_by_name (list, "row-activated", gtk_widget_get_first_child (list));
  }
  g_assert_true (loket_test_wait_until (editor_opened, NULL, TIMEOUT_MS));
  editor = find_editor ();
  wait_idle (editor);
  g_assert_cmpuint (loket_draft_editor_get_version (editor), ==, 1);
  signer = ADW_COMBO_ROW (
    find_descendant (child (editor, LOKET_TYPE_DRAFT_EDITOR, "fields_group"), ADW_TYPE_COMBO_ROW));
  g_assert_cmpuint (adw_combo_row_get_selected (signer), ==, 1);
  g_assert_true (preview_has (editor, "a.n."));
  g_assert_false (loket_draft_editor_get_modified (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_true (loket_test_wait_until (editor_gone, NULL, TIMEOUT_MS));
}

/* Another PC saved version 2 meanwhile: saving a change to version 1 is refused with a clear
 * question, and nothing is written. */
static void
test_stale_save (DraftFixture *f, gconstpointer data)
{
  LoketCaseDrafts  *drafts = drafts_of (f);
  LoketDraftEditor *editor;
  GtkWidget        *question;
  g_autoptr (GError) error = NULL;
  g_autofree char *draft_id = NULL;

  g_assert_true (loket_test_wait_until (drafts_idle, drafts, TIMEOUT_MS));
  editor = open_new_rekomendasi (drafts);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "draft.save", NULL));
  g_assert_true (loket_test_wait_until (version_is_1, editor, TIMEOUT_MS));
  draft_id = g_strdup (loket_draft_editor_get_draft_id (editor));

  /* version 2 from another connection to the same database */
  {
    g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (&error);
    g_autoptr (LoketWorkCalendar) calendar = loket_work_calendar_new_default (&error);
    g_autoptr (LoketCaseProjector) projector = loket_case_projector_new (catalog, calendar);
    g_autoptr (LoketStore) other = loket_store_open (f->db, projector, &error);
    g_autofree char *content = loket_letter_draft_to_data (loket_draft_editor_get_draft (editor));

    g_assert_no_error (error);
    g_assert_cmpuint (loket_store_revise_letter_draft (other, draft_id, 1, "lain", NULL, content,
                                                       "dari PC lain", 0, &error),
                      ==, 2);
    g_assert_no_error (error);
    loket_store_close (other);
  }

  gtk_text_buffer_set_text (loket_draft_editor_get_paragraph_buffer (editor, 0), "Diubah.", -1);
  wait_idle (editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "draft.save", NULL));
  g_assert_true (loket_test_wait_until (editor_idle, editor, TIMEOUT_MS));
  question = find_message_dialog (editor);
  g_assert_nonnull (question);
  g_assert_nonnull (
    strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question)), "version 2 was saved"));
  /* a button answers and closes the question */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "close");
  gtk_window_destroy (GTK_WINDOW (question));
  spin ();
  g_assert_null (find_message_dialog (editor));
  g_assert_cmpuint (loket_draft_editor_get_version (editor), ==, 1);
  g_assert_true (loket_draft_editor_get_modified (editor));
  g_assert_cmpint (count_draft_events (f, "draft.revised", 2), ==, 1);
  g_assert_cmpint (count_draft_events (f, "draft.revised", 3), ==, 0);

  /* the changes are the user's to keep or drop */
  gtk_window_close (GTK_WINDOW (editor));
  question = find_message_dialog (editor);
  g_assert_nonnull (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "discard");
  g_assert_true (loket_test_wait_until (editor_gone, NULL, TIMEOUT_MS));
}

/* Every widget of the feature is made and finalized (rule 27). */
static void
test_widgets_finalize (void)
{
  GtkWidget *drafts = g_object_ref_sink (loket_case_drafts_new ());

  g_assert_cmpuint (loket_case_drafts_get_n_drafts (LOKET_CASE_DRAFTS (drafts)), ==, 0);
  g_assert_finalize_object (drafts);
}

int
main (int argc, char **argv)
{
  loket_test_init_ui (&argc, &argv);

  g_test_add_func ("/loket/app/drafts/widgets-finalize", test_widgets_finalize);
  g_test_add ("/loket/app/drafts/versions", DraftFixture, NULL, draft_set_up, test_draft_versions,
              draft_tear_down);
  g_test_add ("/loket/app/drafts/signer", DraftFixture, NULL, draft_set_up, test_signer,
              draft_tear_down);
  g_test_add ("/loket/app/drafts/stale-save", DraftFixture, NULL, draft_set_up, test_stale_save,
              draft_tear_down);
  g_test_add ("/loket/app/drafts/close-asks", DraftFixture, NULL, draft_set_up, test_close_asks,
              draft_tear_down);
  return g_test_run ();
}
