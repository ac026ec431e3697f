// SPDX-License-Identifier: GPL-3.0-or-later
// UI test of disposition routing (suite 'ui', under Xvfb): a case goes from the Kepala Dinas to
// a Kepala Bidang, a Kepala Seksi and a staf, who reports back; every step through real widgets.

#include "config.h"

#include <adwaita.h>

#include "intake-fixture.h"
#include "loket-error.h"
#include "loket-test-utils.h"
#include "loket-ui-test.h"
#include "routing/loket-account-button.h"
#include "routing/loket-disposition-dialog.h"
#include "routing/loket-routing-panel.h"

#define AG "kopnakertrans-ntt/"
#define KABID AG "kabid-ketenagakerjaan"
#define KASI AG "kasi-p3tk"
#define STAF AG "p3tk-1"
#define KADIS AG "kadis"
#define SEKRETARIS AG "sekretaris"
#define P_KADIS AG "p-kadis"
#define P_SEKRETARIS AG "p-sekretaris"
#define P_KABID AG "p-kabid-ketenagakerjaan"
#define P_KASI AG "p-kasi-p3tk"
#define P_STAF AG "p-p3tk-1"
#define SERVICE AG "pemagangan-dalam-negeri"
#define FOLLOW_UP "untuk_ditindaklanjuti"
#define KADIS_NOTE "Mohon segera diproses"
#define REPORT_NOTE "Sudah diperiksa, berkas lengkap"

typedef struct
{
  char        *dir;
  char        *db;
  char        *case_uuid;
  char        *agenda;
  LoketWindow *window;
} RoutingFixture;

/* ---- Set-up: a fresh database with one case registered through the intake API ---- */

static void
register_case (RoutingFixture *f, gboolean stand_in)
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
  form = loket_intake_form_new (catalog, SERVICE, "tatap_muka", &error);
  g_assert_no_error (error);
  loket_party_set_nik (party, NIK_A);
  loket_party_set_name (party, "Maria Bunga");
  loket_intake_form_add_party (form, party);
  loket_intake_form_set_subject (form, "Permohonan pemagangan");
  requirements = loket_intake_form_get_requirements (form);
  for (guint i = 0; i < requirements->len; i++)
    g_assert_true (loket_intake_form_set_satisfied (
      form, loket_requirement_get_id (g_ptr_array_index (requirements, i)), TRUE, NULL));
  g_assert_true (loket_store_register_case (store, form, NULL, "petugas", LOKET_INTAKE_REGISTER,
                                            &f->case_uuid, &f->agenda, &error));
  g_assert_no_error (error);
  /* The Sekretaris stands in for the Kepala Dinas this week (Plh.). */
  if (stand_in)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;
      g_autoptr (LoketStandIn) plh = loket_stand_in_new (P_SEKRETARIS, KADIS, LOKET_STAND_IN_PLH,
                                                         now - 86400, now + 7 * 86400);

      g_assert_true (loket_store_add_stand_in (store, plh, &error));
      g_assert_no_error (error);
    }
  loket_store_close (store);
}

static void
routing_set_up (RoutingFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("loket-routing-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "loket.db", NULL);
  register_case (f, data != NULL);
  f->window = open_window (f->db);
}

static void
routing_tear_down (RoutingFixture *f, gconstpointer data)
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

static LoketRoutingPanel *
panel_of (RoutingFixture *f)
{
  LoketCaseView *view = LOKET_CASE_VIEW (child (f->window, LOKET_TYPE_WINDOW, "case_view"));

  return loket_case_view_get_routing_panel (view);
}

static GtkWidget *
sidebar_row (RoutingFixture *f, const char *key)
{
  GtkWidget *list = child (f->window, LOKET_TYPE_WINDOW, "sidebar_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "loket-inbox-key"), key) == 0)
      return row;
  return NULL;
}

typedef struct
{
  RoutingFixture *f;
  const char     *key;
  const char     *count;
} RowCount;

/* The count label is the last child of the row's box. */
static gboolean
row_has_count (gpointer data)
{
  RowCount  *wait = data;
  GtkWidget *row = sidebar_row (wait->f, wait->key);
  GtkWidget *box;

  if (row == NULL)
    return FALSE;
  box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (gtk_widget_get_last_child (box))), wait->count)
         == 0;
}

static void
wait_for_count (RoutingFixture *f, const char *key, const char *count)
{
  RowCount wait = { f, key, count };

  if (!loket_test_wait_until (row_has_count, &wait, TIMEOUT_MS))
    g_error ("The inbox %s does not count %s", key, count);
}

/* Picks @person_id in the account button's list (its real row). */
static void
sign_in (RoutingFixture *f, const char *person_id)
{
  LoketAccountButton *button
    = LOKET_ACCOUNT_BUTTON (child (f->window, LOKET_TYPE_WINDOW, "account_button"));
  GtkListBox *list = loket_account_button_get_list (button);
  GtkWidget  *row = NULL;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (gtk_widget_get_name (c), person_id) == 0)
      row = c;
  g_assert_nonnull (row);
  loket_account_button_popup (button);
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_cmpstr (loket_window_get_person (f->window), ==, person_id);
  g_assert_nonnull (strstr (loket_account_button_get_label (button),
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));
}

typedef struct
{
  RoutingFixture *f;
  const char     *case_uuid;
} Listed;

static gboolean
case_listed (gpointer data)
{
  Listed     *listed = data;
  GListModel *cases = loket_window_get_person_cases (listed->f->window);

  for (guint i = 0; cases != NULL && i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr (LoketCase) kase = g_list_model_get_item (cases, i);

      if (g_strcmp0 (loket_case_get_uuid (kase), listed->case_uuid) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
panel_idle (gpointer data)
{
  return !loket_routing_panel_get_loading (data);
}

/* Selects inbox @key, waits for the case in it and opens it in the case pane. Returns the case
 * as listed (unread flag). */
static gboolean
open_case_in (RoutingFixture *f, const char *key)
{
  Listed    listed = { f, f->case_uuid };
  CaseShown shown
    = { LOKET_CASE_VIEW (child (f->window, LOKET_TYPE_WINDOW, "case_view")), f->case_uuid };
  GtkWidget         *column_view = child (f->window, LOKET_TYPE_WINDOW, "column_view");
  GtkSelectionModel *selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view));
  GListModel        *cases;
  gboolean           unread = FALSE;

  loket_window_select_inbox (f->window, key);
  if (!loket_test_wait_until (case_listed, &listed, TIMEOUT_MS))
    g_error ("The case is not in %s", key);
  cases = loket_window_get_person_cases (f->window);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr (LoketCase) kase = g_list_model_get_item (cases, i);

      if (g_strcmp0 (loket_case_get_uuid (kase), f->case_uuid) == 0)
        {
          unread = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (kase), "loket-unread"));
          gtk_selection_model_select_item (selection, i, TRUE);
        }
    }
  g_assert_true (loket_test_wait_until (case_shown, &shown, TIMEOUT_MS));
  g_assert_true (loket_test_wait_until (panel_idle, panel_of (f), TIMEOUT_MS));
  return unread;
}

static gboolean
dialog_closed (gpointer data)
{
  return loket_routing_panel_get_dialog (data) == NULL;
}

/* Ticks @to and the follow-up instruction in the dialog the button opens, and sends. */
static void
send_disposition (RoutingFixture *f, const char *button, const char *to, const char *note)
{
  LoketRoutingPanel      *panel = panel_of (f);
  LoketDispositionDialog *dialog;
  GtkWidget              *send;

  click (loket_routing_panel_get_button (panel, button));
  dialog = LOKET_DISPOSITION_DIALOG (loket_routing_panel_get_dialog (panel));
  g_assert_nonnull (dialog);
  send = child (dialog, LOKET_TYPE_DISPOSITION_DIALOG, "send_button");
  g_assert_false (gtk_widget_get_sensitive (send));
  g_assert_nonnull (loket_disposition_dialog_get_check (dialog, to));
  gtk_check_button_set_active (loket_disposition_dialog_get_check (dialog, to), TRUE);
  gtk_check_button_set_active (loket_disposition_dialog_get_check (dialog, FOLLOW_UP), TRUE);
  if (note != NULL)
    loket_disposition_dialog_set_note (dialog, note);
  click (send);
  g_assert_true (loket_test_wait_until (dialog_closed, panel, TIMEOUT_MS));
  g_assert_true (loket_test_wait_until (panel_idle, panel, TIMEOUT_MS));
}

static gboolean
panel_offers (RoutingFixture *f, const char *button)
{
  return gtk_widget_get_visible (loket_routing_panel_get_button (panel_of (f), button));
}

typedef struct
{
  RoutingFixture *f;
  const char     *button;
} Offer;

static gboolean
offered (gpointer data)
{
  Offer *offer = data;

  return panel_offers (offer->f, offer->button);
}

static gboolean
escalation_noticed (gpointer data)
{
  return loket_window_get_escalation_notice (data) != NULL;
}

static gboolean
lembar_ready (gpointer data)
{
  return loket_routing_panel_get_lembar (data) != NULL;
}

/* The texts of the riwayat rows (all their labels joined by " | "). */
static GPtrArray *
history_texts (RoutingFixture *f)
{
  GtkListBox *list = loket_routing_panel_get_history (panel_of (f));
  GPtrArray  *texts = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      g_autoptr (GString) text
        = g_string_new (g_object_get_data (G_OBJECT (row), "loket-step-kind"));

      for (GtkWidget *label = gtk_widget_get_first_child (box); label != NULL;
           label = gtk_widget_get_next_sibling (label))
        g_string_append_printf (text, " | %s", gtk_label_get_label (GTK_LABEL (label)));
      g_ptr_array_add (texts, g_string_free (g_steal_pointer (&text), FALSE));
    }
  return texts;
}

/* ---- The test ---- */

static void
test_dispose_forward_report (RoutingFixture *f, gconstpointer data)
{
  LoketRoutingPanel *panel = panel_of (f);
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  /* Kepala Dinas: the new case waits in Perlu Tindakan; dispose it to the Kepala Bidang. */
  sign_in (f, P_KADIS);
  wait_for_count (f, "person:needs_action", "1");
  open_case_in (f, "person:needs_action");
  g_assert_true (panel_offers (f, "dispose"));
  g_assert_false (panel_offers (f, "report"));

  /* A due date in the past is refused inline before anything is sent. */
  {
    LoketDispositionDialog *dialog;
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr (GDateTime) past = g_date_time_add_days (now, -3);
    g_autoptr (GDateTime) later = g_date_time_add_days (now, 20);
    GtkWidget *send;

    click (loket_routing_panel_get_button (panel, "dispose"));
    dialog = LOKET_DISPOSITION_DIALOG (g_object_ref (loket_routing_panel_get_dialog (panel)));
    send = child (dialog, LOKET_TYPE_DISPOSITION_DIALOG, "send_button");
    /* Only the positions the engine allows: the Kepala Dinas's subordinates, not a Kasi. */
    g_assert_nonnull (loket_disposition_dialog_get_check (dialog, KABID));
    g_assert_null (loket_disposition_dialog_get_check (dialog, KASI));
    gtk_check_button_set_active (loket_disposition_dialog_get_check (dialog, KABID), TRUE);
    gtk_check_button_set_active (loket_disposition_dialog_get_check (dialog, FOLLOW_UP), TRUE);
    g_assert_true (gtk_widget_get_sensitive (send));
    loket_disposition_dialog_set_due_day (dialog, g_date_time_get_year (past),
                                          g_date_time_get_month (past),
                                          g_date_time_get_day_of_month (past));
    g_assert_false (gtk_widget_get_sensitive (send));
    g_assert_true (gtk_widget_has_css_class (
      child (dialog, LOKET_TYPE_DISPOSITION_DIALOG, "due_label"), "error"));
    save_screenshot (GTK_WIDGET (dialog), "routing-disposition-dialog.png");
    loket_disposition_dialog_set_due_day (dialog, g_date_time_get_year (later),
                                          g_date_time_get_month (later),
                                          g_date_time_get_day_of_month (later));
    g_assert_true (gtk_widget_get_sensitive (send));
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_finalize_object (dialog);
  }
  send_disposition (f, "dispose", KABID, KADIS_NOTE);
  wait_for_count (f, "person:sent", "1");
  wait_for_count (f, "person:needs_action", "0");

  /* Kepala Bidang: unread in Disposisi Masuk (bold, counted); opening it reads it. */
  sign_in (f, P_KABID);
  wait_for_count (f, "person:incoming", "1");
  g_assert_true (gtk_widget_has_css_class (sidebar_row (f, "person:incoming"), "unread"));
  g_assert_true (open_case_in (f, "person:incoming"));
  wait_for_count (f, "person:incoming", "0");
  g_assert_false (gtk_widget_has_css_class (sidebar_row (f, "person:incoming"), "unread"));
  g_assert_false (panel_offers (f, "dispose"));
  {
    Offer offer = { f, "forward" };

    g_assert_true (loket_test_wait_until (offered, &offer, TIMEOUT_MS));
  }
  send_disposition (f, "forward", KASI, NULL);

  /* Kepala Seksi: forwards to a staf of the Seksi. */
  sign_in (f, P_KASI);
  wait_for_count (f, "person:incoming", "1");
  open_case_in (f, "person:incoming");
  {
    Offer offer = { f, "forward" };

    g_assert_true (loket_test_wait_until (offered, &offer, TIMEOUT_MS));
  }
  send_disposition (f, "forward", STAF, NULL);

  /* Staf: no Disposisi nor Teruskan (they dispose to nobody); reports back with a note. */
  sign_in (f, P_STAF);
  wait_for_count (f, "person:incoming", "1");
  open_case_in (f, "person:incoming");
  {
    Offer      offer = { f, "report" };
    GtkWidget *dialog;

    g_assert_true (loket_test_wait_until (offered, &offer, TIMEOUT_MS));
    g_assert_false (panel_offers (f, "dispose"));
    g_assert_false (panel_offers (f, "forward"));
    g_assert_false (panel_offers (f, "withdraw"));
    click (loket_routing_panel_get_button (panel, "report"));
    dialog = loket_routing_panel_get_dialog (panel);
    g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
    g_assert_false (
      adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "report"));
    gtk_editable_set_text (
      GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))), REPORT_NOTE);
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "report"));
    /* What the Report button does: the response, then the dialog closes. */
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "report");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_true (loket_test_wait_until (dialog_closed, panel, TIMEOUT_MS));
  }
  wait_for_count (f, "person:needs_action", "0");

  /* Kepala Dinas: the report and the whole chain in the riwayat. */
  sign_in (f, P_KADIS);
  open_case_in (f, "person:sent");
  history = history_texts (f);
  for (guint i = 0; i < history->len; i++)
    g_test_message ("riwayat %u: %s", i, (char *) history->pdata[i]);
  g_assert_cmpuint (history->len, ==, 7);
  g_assert_true (g_str_has_prefix (history->pdata[0], "sent | Disposition: Kepala Dinas"));
  g_assert_nonnull (strstr (history->pdata[0], "Kepala Bidang Ketenagakerjaan"));
  g_assert_nonnull (strstr (history->pdata[0], KADIS_NOTE));
  g_assert_nonnull (strstr (history->pdata[0], ": forwarded"));
  g_assert_true (g_str_has_prefix (history->pdata[1], "read | Read by Kepala Bidang"));
  g_assert_true (g_str_has_prefix (history->pdata[2], "sent | Forwarded: Kepala Bidang"));
  g_assert_true (g_str_has_prefix (history->pdata[3], "read | Read by Kepala Seksi"));
  g_assert_true (g_str_has_prefix (history->pdata[4], "sent | Forwarded: Kepala Seksi"));
  g_assert_nonnull (strstr (history->pdata[4], ": reported"));
  g_assert_true (g_str_has_prefix (history->pdata[5], "read | "));
  g_assert_true (g_str_has_prefix (history->pdata[6], "reported | Reported by"));
  g_assert_nonnull (strstr (history->pdata[6], REPORT_NOTE));

  /* The lembar disposisi: agenda number, the ticked instruction, the note. */
  loket_routing_panel_set_print_dialog (panel, FALSE);
  click (loket_routing_panel_get_button (panel, "print"));
  g_assert_true (loket_test_wait_until (lembar_ready, panel, TIMEOUT_MS));
  text = pdf_text (loket_routing_panel_get_lembar (panel));
  g_assert_nonnull (strstr (text, f->agenda));
  g_assert_nonnull (strstr (text, "[X] Untuk ditindaklanjuti"));
  g_assert_nonnull (strstr (text, KADIS_NOTE));
  g_assert_nonnull (strstr (text, "Untuk diketahui")); /* not ticked, still on the form */

  /* The dashboard: the Seksi's cases, none late yet; choosing it filters the list. */
  {
    RowCount wait = { f, "dashboard:" AG "seksi-p3tk", "0 / 1" };

    g_assert_true (loket_test_wait_until (row_has_count, &wait, TIMEOUT_MS));
    loket_window_select_inbox (f->window, wait.key);
    g_assert_null (loket_window_get_person_cases (f->window));
    g_assert_true (loket_test_wait_until (list_counted, f->window, TIMEOUT_MS));
    g_assert_cmpuint (count_cases (f->window), ==, 1);
  }

  /* Seven months on (past the case's deadline too), the Kepala Bidang's step (forwarded, not
   * reported) is late: it is escalated to the Kepala Dinas once, with a notice; the riwayat shows
   * it. */
  loket_window_set_now (f->window, g_get_real_time () / G_USEC_PER_SEC + 200 * 86400);
  loket_window_check_escalations (f->window);
  g_assert_true (loket_test_wait_until (escalation_noticed, f->window, TIMEOUT_MS));
  g_assert_nonnull (strstr (loket_window_get_escalation_notice (f->window), f->agenda));
  g_assert_nonnull (
    strstr (loket_window_get_escalation_notice (f->window), "Kepala Bidang Ketenagakerjaan"));
  {
    RowCount wait = { f, "dashboard:" AG "seksi-p3tk", "1 / 1" };

    g_assert_true (loket_test_wait_until (row_has_count, &wait, TIMEOUT_MS));
  }
  loket_window_select_inbox (f->window, "person:sent");
  open_case_in (f, "person:sent");
  loket_routing_panel_reload (panel);
  g_assert_true (loket_test_wait_until (panel_idle, panel, TIMEOUT_MS));
  g_clear_pointer (&history, g_ptr_array_unref);
  history = history_texts (f);
  g_assert_cmpuint (history->len, ==, 9); /* two escalations: the Kabid's and the Kasi's step */
  g_assert_true (g_str_has_prefix (history->pdata[7], "escalated | Late, escalated: "));
  g_assert_true (g_str_has_prefix (history->pdata[8], "escalated | Late, escalated: "));
  /* Raised once: checking again records nothing. */
  g_object_set_data (G_OBJECT (f->window), "loket-escalation-notice", NULL);
  loket_window_check_escalations (f->window);
  loket_routing_panel_reload (panel);
  g_assert_true (loket_test_wait_until (panel_idle, panel, TIMEOUT_MS));
  g_clear_pointer (&history, g_ptr_array_unref);
  history = history_texts (f);
  g_assert_cmpuint (history->len, ==, 9);

  /* The riwayat in view for the screenshot. */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (panel), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment
      = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    graphene_point_t top;

    spin ();
    g_assert_true (gtk_widget_compute_point (
      GTK_WIDGET (panel), gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
      &GRAPHENE_POINT_INIT (0, 0), &top));
    gtk_adjustment_set_value (adjustment, top.y);
  }
  save_screenshot (GTK_WIDGET (f->window), "routing-riwayat.png");
}

static gboolean
plh_listed (gpointer data)
{
  GtkListBox *list = loket_account_button_get_list (data);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (gtk_widget_get_name (c), P_SEKRETARIS) == 0)
      return strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (c)), "Plh. Kepala Dinas") != NULL;
  return FALSE;
}

/* A Plh. shows in the account list and on the button, and acts for the Kepala Dinas: disposes;
 * an unread disposition is withdrawn. */
static void
test_stand_in_withdraw (RoutingFixture *f, gconstpointer data)
{
  LoketRoutingPanel  *panel = panel_of (f);
  LoketAccountButton *button
    = LOKET_ACCOUNT_BUTTON (child (f->window, LOKET_TYPE_WINDOW, "account_button"));
  g_autoptr (GPtrArray) history = NULL;
  GtkWidget *row = NULL;
  GtkWidget *dialog;

  /* The stand-ins are read with the first escalation check. */
  for (GtkWidget *c
       = gtk_widget_get_first_child (GTK_WIDGET (loket_account_button_get_list (button)));
       c != NULL; c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (gtk_widget_get_name (c), P_SEKRETARIS) == 0)
      row = c;
  g_assert_nonnull (row);
  /* The stand-ins are read with the first escalation check, then shown in the list. */
  g_assert_true (loket_test_wait_until (plh_listed, button, TIMEOUT_MS));
  /* The list is searchable by name or jabatan. */
  gtk_editable_set_text (loket_account_button_get_search (button), "plh. kepala dinas");
  g_signal_emit_by_name (loket_account_button_get_search (button), "search-changed");
  spin ();
  for (GtkWidget *c
       = gtk_widget_get_first_child (GTK_WIDGET (loket_account_button_get_list (button)));
       c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_BOX_ROW (c)) /* not the agency headings */
      g_assert_cmpint (gtk_widget_get_child_visible (c), ==,
                       g_strcmp0 (gtk_widget_get_name (c), P_SEKRETARIS) == 0);
  gtk_editable_set_text (loket_account_button_get_search (button), "");
  g_signal_emit_by_name (loket_account_button_get_search (button), "search-changed");
  sign_in (f, P_SEKRETARIS);
  wait_for_count (f, "person:needs_action", "1");
  g_assert_nonnull (strstr (loket_account_button_get_label (button), "Plh. Kepala Dinas"));
  for (GtkWidget *c
       = gtk_widget_get_first_child (GTK_WIDGET (loket_account_button_get_list (button)));
       c != NULL; c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (gtk_widget_get_name (c), P_SEKRETARIS) == 0)
      g_assert_nonnull (
        strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (c)), "Plh. Kepala Dinas"));

  open_case_in (f, "person:needs_action");
  g_assert_true (panel_offers (f, "dispose"));
  send_disposition (f, "dispose", KABID, NULL);
  /* Disposed, it leaves Perlu Tindakan for Terkirim, where it can be withdrawn. */
  wait_for_count (f, "person:sent", "1");
  open_case_in (f, "person:sent");
  {
    Offer offer = { f, "withdraw" };

    g_assert_true (loket_test_wait_until (offered, &offer, TIMEOUT_MS));
  }
  click (loket_routing_panel_get_button (panel, "withdraw"));
  dialog = loket_routing_panel_get_dialog (panel);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "withdraw");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (loket_test_wait_until (dialog_closed, panel, TIMEOUT_MS));
  wait_for_count (f, "person:sent", "0"); /* nothing open sent any more */
  g_assert_true (loket_test_wait_until (panel_idle, panel, TIMEOUT_MS));
  history = history_texts (f);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_nonnull (strstr (history->pdata[0], ": withdrawn"));
  g_assert_true (g_str_has_prefix (history->pdata[1], "withdrawn | Withdrawn by Kepala Dinas"));
  g_assert_false (panel_offers (f, "withdraw"));

  /* The Kepala Bidang never saw it. */
  sign_in (f, P_KABID);
  wait_for_count (f, "person:incoming", "0");
}

/* Every new widget can be made and finalized on its own (rule 27). */
static void
test_widgets_finalize (void)
{
  GtkWidget *panel = g_object_ref_sink (loket_routing_panel_new ());
  GtkWidget *button = g_object_ref_sink (loket_account_button_new ());

  g_assert_false (loket_routing_panel_get_loading (LOKET_ROUTING_PANEL (panel)));
  g_assert_cmpstr (loket_account_button_get_label (LOKET_ACCOUNT_BUTTON (button)), ==, "Sign In");
  g_assert_finalize_object (panel);
  g_assert_finalize_object (button);
}

int
main (int argc, char **argv)
{
  loket_test_init_ui (&argc, &argv);


  g_test_add_func ("/loket/app/routing/widgets-finalize", test_widgets_finalize);
  g_test_add ("/loket/app/routing/dispose-forward-report", RoutingFixture, NULL, routing_set_up,
              test_dispose_forward_report, routing_tear_down);
  g_test_add ("/loket/app/routing/stand-in-withdraw", RoutingFixture, "stand-in", routing_set_up,
              test_stand_in_withdraw, routing_tear_down);
  return g_test_run ();
}
