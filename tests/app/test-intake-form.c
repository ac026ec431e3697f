// SPDX-License-Identifier: GPL-3.0-or-later
// UI tests of the intake form (suite 'ui', under Xvfb): channels, conditional requirements, bad
// input refused with a message, Cancel and drafts.

#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>

#include "intake-fixture.h"
#include "loket-case-list-model.h"
#include "loket-test-utils.h"
#include "loket-ui-test.h"

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

int
main (int argc, char **argv)
{
  loket_test_init_ui (&argc, &argv);


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
