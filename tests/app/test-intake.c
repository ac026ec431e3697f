// SPDX-License-Identifier: GPL-3.0-or-later
// UI tests of the intake dialog driven through its real widgets (suite 'ui', under Xvfb): one
// service of each agency to the receipt, a counter service in quick mode.

#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>

#include "intake-fixture.h"
#include "loket-case-list-model.h"
#include "loket-case-view.h"
#include "loket-review-window.h"
#include "loket-test-utils.h"
#include "loket-ui-test.h"

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

  /* A retired service is not offered; the others still are. */
  {
    g_autoptr (GBytes) bytes = g_resources_lookup_data (
      "/io/github/loketapp/Loket/data/catalog/kopnakertrans-ntt.json", 0, &error);
    g_autoptr (JsonParser) parser = json_parser_new ();
    g_autoptr (JsonGenerator) generator = json_generator_new ();
    g_autofree char *dir = g_dir_make_tmp ("loket-retired-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "kopnakertrans-ntt.json", NULL);
    g_autoptr (GFile) dir_file = g_file_new_for_path (dir);
    g_autoptr (LoketServiceCatalog) retired = NULL;
    JsonArray *services;

    g_assert_no_error (error);
    g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                               (gssize) g_bytes_get_size (bytes), &error));
    services = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                             "services");
    for (guint i = 0; i < json_array_get_length (services); i++)
      {
        JsonObject *service = json_array_get_object_element (services, i);

        if (g_str_equal (json_object_get_string_member (service, "id"),
                         "kopnakertrans-ntt/penyelesaian-perselisihan-hi"))
          json_object_set_boolean_member (service, "retired", TRUE);
      }
    json_generator_set_root (generator, json_parser_get_root (parser));
    g_assert_true (json_generator_to_file (generator, path, &error));
    retired = loket_service_catalog_new_from_directory (dir_file, &error);
    g_assert_no_error (error);

    widget = g_object_ref_sink (loket_service_chooser_new ());
    loket_service_chooser_set_catalog (LOKET_SERVICE_CHOOSER (widget), retired, NULL);
    loket_service_chooser_set_search (LOKET_SERVICE_CHOOSER (widget), "");
    g_assert_cmpuint (loket_service_chooser_get_n_visible (LOKET_SERVICE_CHOOSER (widget)), ==,
                      json_array_get_length (services) - 1);
    g_assert_false (loket_service_chooser_choose (LOKET_SERVICE_CHOOSER (widget),
                                                  "kopnakertrans-ntt/penyelesaian-perselisihan-hi"));
    g_assert_finalize_object (widget);
    loket_test_remove_tree (dir);
  }

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

static gboolean
case_view_idle (gpointer view)
{
  return !loket_case_view_get_loading (view);
}

static gboolean
review_window_ready (gpointer out)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (LOKET_IS_REVIEW_WINDOW (window)
          && loket_review_pane_get_state (loket_review_window_get_pane (LOKET_REVIEW_WINDOW (window)))
               == LOKET_REVIEW_STATE_READY)
        {
          *(LoketReviewWindow **) out = LOKET_REVIEW_WINDOW (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* The case pane lists the attached letter; "Open" shows it in a review window. */
static void
assert_attachment_opens (LoketWindow *window, LoketIntakeDialog *dialog)
{
  GtkWidget         *view = child (window, LOKET_TYPE_WINDOW, "case_view");
  GPtrArray         *attachments
    = loket_intake_form_get_attachments (loket_intake_dialog_get_form (dialog), "r1");
  LoketAttachment   *attachment = g_ptr_array_index (attachments, 0);
  LoketReviewWindow *review = NULL;

  loket_case_view_set_case (LOKET_CASE_VIEW (view), loket_intake_dialog_get_case (dialog));
  g_assert_true (loket_test_wait_until (case_view_idle, view, TIMEOUT_MS));
  g_assert_cmpuint (loket_case_view_get_n_documents (LOKET_CASE_VIEW (view)), ==, 1);
  save_screenshot (GTK_WIDGET (window), "case-documents.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-attachment", "(ss)",
                                             attachment->sha256, attachment->file_name));
  g_assert_true (loket_test_wait_until (review_window_ready, &review, TIMEOUT_MS));
  g_assert_cmpuint (loket_review_pane_get_n_pages (loket_review_window_get_pane (review)), ==, 1);
  save_screenshot (GTK_WIDGET (review), "review-window.png");
  gtk_window_destroy (GTK_WINDOW (review));
}

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
  assert_attachment_opens (fixture->window, dialog);
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

    /* Whoever is signed in stays signed in (a merge once cleared the person here). */
    loket_window_set_person (LOKET_WINDOW (fixture->window), "kopnakertrans-ntt/p-kadis");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-case", "s",
                                               loket_intake_dialog_get_agenda_number (dialog)));
    g_assert_true (loket_test_wait_until (case_shown, &shown, TIMEOUT_MS));
    g_assert_cmpstr (loket_window_get_person (LOKET_WINDOW (fixture->window)), ==,
                     "kopnakertrans-ntt/p-kadis");
  }
  g_assert_nonnull (strstr (loket_intake_dialog_get_agenda_number (dialog), "/"));

  assert_receipt (dialog);
  assert_case_in_list (fixture->window, dialog);
  close_dialog (dialog);
}

int
main (int argc, char **argv)
{
  loket_test_init_ui (&argc, &argv);


  g_test_add ("/loket/app/intake/widgets-finalize", Fixture, NULL, fixture_set_up,
              test_intake_widgets_finalize, fixture_tear_down);
  g_test_add ("/loket/app/intake/letter-with-attachment", Fixture, NULL, fixture_set_up,
              test_intake_letter_with_attachment, fixture_tear_down);
  g_test_add ("/loket/app/intake/returned-incomplete", Fixture, NULL, fixture_set_up,
              test_intake_returned_incomplete, fixture_tear_down);
  g_test_add ("/loket/app/intake/counter-quick", Fixture, NULL, fixture_set_up,
              test_intake_counter_quick, fixture_tear_down);

  return g_test_run ();
}
