// SPDX-License-Identifier: GPL-3.0-or-later
// UI test of the review chain (suite 'ui', under Xvfb): a draft goes up the route through the
// chain panel's real buttons — submit, a comment on page 2, a paraf, a return with its required
// note (and on down to the drafter), a revision, the comment resolved, a resubmission, "compare
// versions", every paraf — and the Kepala Dinas signs it in the sign dialog with the PKCS#12
// passphrase; the signed PDF passes pdfsig.

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "chain/loket-chain-panel.h"
#include "chain/loket-compare-dialog.h"
#include "chain/loket-draft-review.h"
#include "chain/loket-sign-dialog.h"
#include "intake-fixture.h"
#include "loket-letter-draft.h"
#include "loket-review-window.h"
#include "loket-signature-info.h"
#include "loket-signoff.h"
#include "loket-store-letter-drafts.h"
#include "loket-test-utils.h"
#include "loket-ui-test.h"
#include "pades-fixture.h"
#include "review/loket-review-pane.h"
#include "routing/loket-account-button.h"
#include "signoff-test-util.h"

#define AG SIGNOFF_AG
#define P_KASI AG "p-kasi-p3tk"
#define P_KABID AG "p-kabid-ketenagakerjaan"
#define P_SEKRETARIS AG "p-sekretaris"

typedef struct
{
  char         *dir;
  char         *db;
  char         *case_uuid;
  char         *draft_id;
  PadesFixture *pki;
  LoketWindow  *window;
} ChainFixture;

static LoketStore *
open_store (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (&error);
  g_autoptr (LoketWorkCalendar) calendar = loket_work_calendar_new_default (&error);
  g_autoptr (LoketCaseProjector) projector = loket_case_projector_new (catalog, calendar);
  LoketStore *store = loket_store_open (db, projector, &error);

  g_assert_no_error (error);
  return store;
}

static void
chain_set_up (ChainFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (GSettings) settings = g_settings_new ("io.github.loketapp.Loket");

  f->dir = g_dir_make_tmp ("loket-chain-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "loket.db", NULL);
  store = open_store (f->db);
  f->case_uuid = signoff_test_prepare (store, "0042/P3TK/2026", FALSE, &f->draft_id);
  loket_store_close (store);
  f->pki = pades_fixture_new ();
  g_settings_set_string (settings, "signing-key", f->pki->signer_p12);
  g_settings_set_string (settings, "current-person", SIGNOFF_P_STAF);
  f->window = open_window (f->db);
}

static void
chain_tear_down (ChainFixture *f, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  pades_fixture_free (f->pki);
  loket_test_remove_tree (f->dir);
  g_free (f->db);
  g_free (f->dir);
  g_free (f->case_uuid);
  g_free (f->draft_id);
}

static LoketCaseView *
view_of (ChainFixture *f)
{
  return LOKET_CASE_VIEW (child (f->window, LOKET_TYPE_WINDOW, "case_view"));
}

static LoketChainPanel *
panel_of (ChainFixture *f)
{
  return loket_case_view_get_chain_panel (view_of (f));
}

typedef struct
{
  ChainFixture   *f;
  LoketDraftStage stage;
  guint           version;
  const char     *button;
} Ready;

/* The panel shows the draft at @stage (and @version) and offers @button (NULL: nothing). */
static gboolean
panel_ready (gpointer data)
{
  Ready                 *ready = data;
  LoketChainPanel       *panel = panel_of (ready->f);
  LoketDraftChain       *chain = loket_chain_panel_get_chain (panel);
  const LoketDraftState *state;

  if (loket_chain_panel_get_loading (panel) || chain == NULL)
    return FALSE;
  state = loket_draft_chain_lookup (chain, ready->f->draft_id);
  return state != NULL && state->stage == ready->stage
         && (ready->version == 0 || state->version == ready->version)
         && (ready->button == NULL
             || loket_chain_panel_get_button (panel, ready->f->draft_id, ready->button) != NULL);
}

static void
wait_panel (ChainFixture *f, LoketDraftStage stage, guint version, const char *button)
{
  Ready ready = { f, stage, version, button };

  if (!loket_test_wait_until (panel_ready, &ready, TIMEOUT_MS))
    g_error ("The chain panel does not show stage %s with “%s”",
             loket_draft_stage_to_string (stage), button != NULL ? button : "");
}

typedef struct
{
  ChainFixture *f;
} Listed;

static gboolean
case_listed (gpointer data)
{
  ChainFixture *f = data;
  GListModel   *cases = loket_window_get_person_cases (f->window);

  for (guint i = 0; cases != NULL && i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr (LoketCase) kase = g_list_model_get_item (cases, i);

      if (g_strcmp0 (loket_case_get_uuid (kase), f->case_uuid) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Signs in as @person and opens the case from the person inbox @key ("Perlu Paraf" /
 * "Menunggu Tanda Tangan"), as a user would. */
static void
open_as (ChainFixture *f, const char *person, const char *key)
{
  CaseShown          shown = { view_of (f), f->case_uuid };
  GtkWidget         *column_view = child (f->window, LOKET_TYPE_WINDOW, "column_view");
  GtkSelectionModel *selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view));
  GListModel        *cases;

  loket_window_set_person (f->window, person);
  loket_window_select_inbox (f->window, "all");
  loket_window_select_inbox (f->window, key);
  if (!loket_test_wait_until (case_listed, f, TIMEOUT_MS))
    g_error ("The case is not in %s of %s", key, person);
  cases = loket_window_get_person_cases (f->window);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr (LoketCase) kase = g_list_model_get_item (cases, i);

      if (g_strcmp0 (loket_case_get_uuid (kase), f->case_uuid) == 0)
        gtk_selection_model_select_item (selection, i, TRUE);
    }
  g_assert_true (loket_test_wait_until (case_shown, &shown, TIMEOUT_MS));
  loket_chain_panel_reload (panel_of (f));
}

typedef struct
{
  ChainFixture *f;
  const char   *button;
  guint         n_paraf;
} Gone;

/* The act is recorded and the panel reloaded: @button is no longer offered and @n_paraf given. */
static gboolean
act_recorded (gpointer data)
{
  Gone                  *gone = data;
  LoketChainPanel       *panel = panel_of (gone->f);
  LoketDraftChain       *chain = loket_chain_panel_get_chain (panel);
  const LoketDraftState *state
    = chain != NULL ? loket_draft_chain_lookup (chain, gone->f->draft_id) : NULL;

  return !loket_chain_panel_get_loading (panel) && state != NULL && state->n_paraf == gone->n_paraf
         && loket_chain_panel_get_button (panel, gone->f->draft_id, gone->button) == NULL;
}

static void
wait_recorded (ChainFixture *f, const char *button, guint n_paraf)
{
  Gone gone = { f, button, n_paraf };

  if (!loket_test_wait_until (act_recorded, &gone, TIMEOUT_MS))
    g_error ("“%s” was not recorded", button);
}

/* Scrolls the case pane so that the chain panel is in view, then takes a screenshot. */
static void
screenshot_panel (ChainFixture *f, const char *name)
{
  GtkWidget *scrolled
    = gtk_widget_get_ancestor (GTK_WIDGET (panel_of (f)), GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t point;

  /* Let the case pane's crossfade end. */
  {
    gint64 until = g_get_monotonic_time () + 600 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  spin ();
  if (scrolled != NULL
      && gtk_widget_compute_point (GTK_WIDGET (panel_of (f)),
                                   gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                   &GRAPHENE_POINT_INIT (0, 0), &point))
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      gtk_adjustment_set_value (adj, point.y - 12);
    }
  save_screenshot (GTK_WIDGET (f->window), name);
}

static void
press (ChainFixture *f, const char *name)
{
  GtkWidget *button = loket_chain_panel_get_button (panel_of (f), f->draft_id, name);

  g_assert_nonnull (button);
  click (button);
}

/* Answers the AdwMessageDialog the panel opened: @text into its entry, then @response. */
static void
answer (ChainFixture *f, const char *text, guint page, const char *response)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (loket_chain_panel_get_dialog (panel_of (f)));
  GtkWidget        *extra;
  GtkWidget        *entry;

  g_assert_nonnull (dialog);
  extra = adw_message_dialog_get_extra_child (dialog);
  entry = GTK_IS_ENTRY (extra) ? extra : g_object_get_data (G_OBJECT (extra), "entry");
  /* The response needs a text first (a return needs its note). */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, response));
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, response));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  if (page > 0)
    gtk_spin_button_set_value (g_object_get_data (G_OBJECT (extra), "page"), page);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
comments_shown (gpointer data)
{
  ChainFixture *f = data;
  GtkListBox   *list = loket_chain_panel_get_comments (panel_of (f));
  GtkWidget    *row = gtk_widget_get_first_child (GTK_WIDGET (list));

  return row != NULL && !loket_chain_panel_get_loading (panel_of (f));
}

static gboolean
comment_resolved (gpointer data)
{
  ChainFixture    *f = data;
  LoketDraftChain *chain = loket_chain_panel_get_chain (panel_of (f));
  GPtrArray       *comments = chain != NULL ? loket_draft_chain_get_comments (chain) : NULL;

  return comments != NULL && comments->len >= 1
         && ((LoketDraftComment *) comments->pdata[0])->resolved;
}

/* The drafter saves version 2 with a changed paragraph (the editor is another widget's job). */
static void
revise (ChainFixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = open_store (f->db);
  g_autoptr (LoketDraftVersion) v1 = loket_store_load_letter_draft (store, f->draft_id, 1, &error);
  g_autoptr (LoketLetterDraft) draft = NULL;
  g_autofree char *content = NULL;
  guint            version;

  g_assert_no_error (error);
  draft = loket_letter_draft_new_from_data (v1->content, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loket_letter_draft_get_n_paragraphs (draft), >=, 1);
  loket_letter_draft_set_paragraph (draft, 0,
                                    "Berdasarkan Permenaker Nomor 9 Tahun 2019 dan hasil "
                                    "pemeriksaan berkas, dengan ini kami memberikan rekomendasi.");
  content = loket_letter_draft_to_data (draft);
  version = loket_store_revise_letter_draft (store, f->draft_id, 1, SIGNOFF_P_STAF, AG "p3tk-1",
                                             content, "Dasar hukum ditambahkan", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 2);
  loket_store_close (store);
}

typedef struct
{
  ChainFixture *f;
} SignDone;

static gboolean
review_ready (gpointer data)
{
  LoketDraftReview *review = data;

  return !loket_draft_review_get_busy (review)
         && loket_review_pane_get_state (LOKET_REVIEW_PANE (loket_draft_review_get_pane (review)))
              == LOKET_REVIEW_STATE_READY;
}

static gboolean
two_markers (gpointer data)
{
  return !loket_draft_review_get_busy (data)
         && g_list_model_get_n_items (loket_draft_review_get_markers (data)) == 2;
}

/* The Kabid opens the review window, marks a region of page 1 and comments on it. */
static void
comment_on_region (ChainFixture *f)
{
  LoketDraftReview        *review;
  GtkWidget               *pane;
  AdwMessageDialog        *question;
  LoketDraftChain         *chain;
  const LoketDraftComment *c;

  press (f, "review");
  review = LOKET_DRAFT_REVIEW (loket_chain_panel_get_dialog (panel_of (f)));
  g_assert_nonnull (review);
  g_object_ref (review);
  g_assert_true (loket_test_wait_until (review_ready, review, TIMEOUT_MS));
  /* The Kasi's page comment is drawn already. */
  g_assert_cmpuint (g_list_model_get_n_items (loket_draft_review_get_markers (review)), ==, 1);
  pane = loket_draft_review_get_pane (review);
  click (child (review, LOKET_TYPE_DRAFT_REVIEW, "region_button"));
  /* What the pane emits once a rectangle is dragged in region mode (PDF points). */
  g_signal_emit_by_name (pane, "region-selected", 0u, 72.0, 144.0, 300.0, 40.0);
  question = ADW_MESSAGE_DIALOG (loket_draft_review_get_dialog (review));
  g_assert_nonnull (question);
  g_assert_false (adw_message_dialog_get_response_enabled (question, "add"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (question)),
                         "Nomor surat permohonan salah");
  adw_message_dialog_response (question, "add");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_true (loket_test_wait_until (two_markers, review, TIMEOUT_MS));
  save_screenshot (GTK_WIDGET (review), "chain-review-region.png");
  gtk_window_destroy (GTK_WINDOW (review));
  g_assert_finalize_object (review);

  loket_chain_panel_reload (panel_of (f));
  wait_panel (f, LOKET_DRAFT_STAGE_IN_REVIEW, 1, "return");
  chain = loket_chain_panel_get_chain (panel_of (f));
  g_assert_cmpuint (loket_draft_chain_get_comments (chain)->len, ==, 2);
  c = g_ptr_array_index (loket_draft_chain_get_comments (chain), 1);
  g_assert_cmpuint (c->page, ==, 0);
  g_assert_cmpfloat (c->rect[0], ==, 72.0);
  g_assert_cmpfloat (c->rect[3], ==, 40.0);
  g_assert_cmpstr (c->text, ==, "Nomor surat permohonan salah");
}

static gboolean
sign_dialog_idle (gpointer data)
{
  return !loket_sign_dialog_get_busy (data);
}

static gboolean
case_view_idle (gpointer view)
{
  return !loket_case_view_get_loading (view);
}

static gboolean
review_checked (gpointer out)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (LOKET_IS_REVIEW_WINDOW (window)
          && loket_review_pane_get_signatures_checked (
            loket_review_window_get_pane (LOKET_REVIEW_WINDOW (window))))
        {
          *(LoketReviewWindow **) out = LOKET_REVIEW_WINDOW (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* The signed letter is among the case's documents, and the review window's signature panel
 * finds its signature valid and covering the whole document. */
static void
assert_signed_letter_reviewed (ChainFixture *f, const char *sha256)
{
  LoketCaseView     *view = view_of (f);
  LoketReviewWindow *review = NULL;
  LoketReviewPane   *pane;
  g_autoptr (LoketSignatureInfo) info = NULL;

  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = open_store (f->db);
  g_autoptr (LoketCase) kase = loket_store_get_case (store, f->case_uuid, &error);

  g_assert_no_error (error);
  loket_store_close (store);
  /* The signed case left the signer's inbox: show it in the case pane again. */
  loket_case_view_set_case (view, kase);
  loket_case_view_reload (view);
  g_assert_true (loket_test_wait_until (case_view_idle, view, TIMEOUT_MS));
  g_assert_cmpuint (loket_case_view_get_n_documents (view), >=, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-attachment",
                                             "(ss)", sha256, "surat.pdf"));
  g_assert_true (loket_test_wait_until (review_checked, &review, TIMEOUT_MS));
  pane = loket_review_window_get_pane (review);
  g_assert_cmpint (loket_review_pane_get_state (pane), ==, LOKET_REVIEW_STATE_READY);
  g_assert_cmpuint (g_list_model_get_n_items (loket_review_pane_get_signatures (pane)), ==, 1);
  info = g_list_model_get_item (loket_review_pane_get_signatures (pane), 0);
  g_assert_true (loket_signature_info_is_intact (info));
  save_screenshot (GTK_WIDGET (review), "chain-signed-review.png");
  gtk_window_destroy (GTK_WINDOW (review));
}

static void
test_full_chain (ChainFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  LoketSignDialog          *sign;
  GPtrArray                *results;
  const LoketSignoffResult *r;
  g_autofree char          *signed_sha256 = NULL;
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *report = NULL;
  g_autoptr (LoketCase) kase = NULL;

  /* The drafter submits; the route is resolved from data (Kasi → Kabid → Sekretaris → Kadis). */
  open_as (f, SIGNOFF_P_STAF, "person:awaiting_paraf");
  wait_panel (f, LOKET_DRAFT_STAGE_EDITING, 1, "submit");
  g_assert_null (loket_chain_panel_get_button (panel_of (f), f->draft_id, "paraf"));
  press (f, "submit");
  wait_recorded (f, "submit", 0);
  wait_panel (f, LOKET_DRAFT_STAGE_IN_REVIEW, 1, NULL);

  /* The Kasi comments on page 2 and gives the first paraf. */
  open_as (f, P_KASI, "person:awaiting_paraf");
  wait_panel (f, LOKET_DRAFT_STAGE_IN_REVIEW, 1, "paraf");
  click (child (panel_of (f), LOKET_TYPE_CHAIN_PANEL, "add_comment_button"));
  answer (f, "Alamat perusahaan kurang lengkap", 1, "add");
  g_assert_true (loket_test_wait_until (comments_shown, f, TIMEOUT_MS));
  screenshot_panel (f, "chain-comment.png");
  press (f, "paraf");
  wait_recorded (f, "paraf", 1);

  /* The Kabid returns it to the Kasi (a note is required), who passes it down to the drafter. */
  open_as (f, P_KABID, "person:awaiting_paraf");
  wait_panel (f, LOKET_DRAFT_STAGE_IN_REVIEW, 1, "return");
  comment_on_region (f);
  press (f, "return");
  answer (f, "Dasar hukum belum dicantumkan", 0, "return");
  wait_recorded (f, "return", 1);
  wait_panel (f, LOKET_DRAFT_STAGE_RETURNED, 1, NULL);
  open_as (f, P_KASI, "person:awaiting_paraf");
  wait_panel (f, LOKET_DRAFT_STAGE_RETURNED, 1, "return");
  g_assert_null (loket_chain_panel_get_button (panel_of (f), f->draft_id, "paraf"));
  press (f, "return");
  answer (f, "Tambahkan dasar hukum", 0, "return");
  wait_recorded (f, "return", 1);
  wait_panel (f, LOKET_DRAFT_STAGE_RETURNED, 1, NULL);
  screenshot_panel (f, "chain-returned.png");

  /* The drafter revises, resolves the comment and resubmits. */
  revise (f);
  open_as (f, SIGNOFF_P_STAF, "person:awaiting_paraf");
  wait_panel (f, LOKET_DRAFT_STAGE_EDITING, 2, "submit");
  {
    GtkWidget *row
      = gtk_widget_get_first_child (GTK_WIDGET (loket_chain_panel_get_comments (panel_of (f))));
    GtkWidget *resolve = NULL;

    /* The Resolve button is the row's only button. */
    for (GtkWidget *w = row; w != NULL;)
      {
        if (GTK_IS_BUTTON (w) && !GTK_IS_LIST_BOX_ROW (w))
          {
            resolve = w;
            break;
          }
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && w != row && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w == NULL || w == row ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_nonnull (resolve);
    click (resolve);
  }
  g_assert_true (loket_test_wait_until (comment_resolved, f, TIMEOUT_MS));
  press (f, "submit");
  wait_recorded (f, "submit", 0);
  wait_panel (f, LOKET_DRAFT_STAGE_IN_REVIEW, 2, NULL);

  /* Paraf again from the first step; the Kabid compares the versions. */
  open_as (f, P_KASI, "person:awaiting_paraf");
  wait_panel (f, LOKET_DRAFT_STAGE_IN_REVIEW, 2, "paraf");
  press (f, "paraf");
  wait_recorded (f, "paraf", 1);
  open_as (f, P_KABID, "person:awaiting_paraf");
  wait_panel (f, LOKET_DRAFT_STAGE_IN_REVIEW, 2, "compare");
  press (f, "compare");
  {
    LoketCompareDialog *compare
      = LOKET_COMPARE_DIALOG (loket_chain_panel_get_dialog (panel_of (f)));

    g_assert_nonnull (compare);
    g_assert_cmpuint (loket_compare_dialog_get_changed (compare)->len, ==, 1);
    g_assert_cmpuint (GPOINTER_TO_UINT (loket_compare_dialog_get_changed (compare)->pdata[0]), ==,
                      0);
    save_screenshot (GTK_WIDGET (compare), "chain-compare.png");
    gtk_window_destroy (GTK_WINDOW (compare));
  }
  wait_panel (f, LOKET_DRAFT_STAGE_IN_REVIEW, 2, "paraf");
  press (f, "paraf");
  wait_recorded (f, "paraf", 2);
  open_as (f, P_SEKRETARIS, "person:awaiting_paraf");
  wait_panel (f, LOKET_DRAFT_STAGE_IN_REVIEW, 2, "paraf");
  press (f, "paraf");
  wait_recorded (f, "paraf", 3);
  wait_panel (f, LOKET_DRAFT_STAGE_APPROVED, 2, NULL);

  /* The Kepala Dinas signs from "Menunggu Tanda Tangan" with the key's passphrase. */
  open_as (f, SIGNOFF_P_KADIS, "person:awaiting_signature");
  wait_panel (f, LOKET_DRAFT_STAGE_APPROVED, 2, "sign");
  screenshot_panel (f, "chain-approved.png");
  press (f, "sign");
  sign = g_object_get_data (G_OBJECT (f->window), "loket-sign-dialog");
  g_assert_nonnull (sign);
  g_assert_true (loket_test_wait_until (sign_dialog_idle, sign, TIMEOUT_MS));
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (loket_sign_dialog_get_list (sign))));
  g_assert_false (gtk_widget_get_sensitive (loket_sign_dialog_get_sign_button (sign)));
  /* A wrong passphrase signs nothing and says why. */
  gtk_editable_set_text (loket_sign_dialog_get_pin (sign), "salah");
  click (loket_sign_dialog_get_sign_button (sign));
  spin ();
  g_assert_true (loket_test_wait_until (sign_dialog_idle, sign, TIMEOUT_MS));
  g_assert_null (loket_sign_dialog_get_results (sign));
  g_assert_true (g_str_has_prefix (
    gtk_label_get_label (GTK_LABEL (child (sign, LOKET_TYPE_SIGN_DIALOG, "status_label"))),
    "Nothing was signed"));
  gtk_editable_set_text (loket_sign_dialog_get_pin (sign), "rahasia");
  g_assert_true (gtk_widget_get_sensitive (loket_sign_dialog_get_sign_button (sign)));
  click (loket_sign_dialog_get_sign_button (sign));
  /* The PIN leaves the entry at once. */
  g_assert_cmpstr (gtk_editable_get_text (loket_sign_dialog_get_pin (sign)), ==, "");
  spin ();
  g_assert_true (loket_test_wait_until (sign_dialog_idle, sign, TIMEOUT_MS));
  results = loket_sign_dialog_get_results (sign);
  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, ==, 1);
  r = g_ptr_array_index (results, 0);
  g_assert_no_error (r->error);
  g_assert_true (r->ok);
  save_screenshot (GTK_WIDGET (sign), "chain-signed.png");

  store = open_store (f->db);
  pdf = loket_store_read_blob (store, r->sha256, &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "signed.pdf", NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      (gssize) g_bytes_get_size (pdf), &error));
  g_assert_cmpint (loket_test_run_tool (&report, "pdfsig", path, NULL), ==, 0);
  g_assert_nonnull (strstr (report, "Signature is Valid."));
  kase = loket_store_get_case (store, f->case_uuid, &error);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_SIGNED);
  loket_store_close (store);
  signed_sha256 = g_strdup (r->sha256); /* the results go with the dialog */
  gtk_window_destroy (GTK_WINDOW (sign));

  assert_signed_letter_reviewed (f, signed_sha256);
}

/* Rule 27: every widget of the chain UI is made and finalized. */
static void
test_widgets_finalize (ChainFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = open_store (f->db);
  g_autoptr (GPtrArray) contents
    = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr (LoketDraftVersion) v1 = loket_store_load_letter_draft (store, f->draft_id, 1, &error);
  g_autoptr (JsonParser) parser = json_parser_new ();
  GtkWidget *panel = g_object_ref_sink (loket_chain_panel_new ());
  GtkWidget *compare, *sign;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, v1->content, -1, &error));
  g_ptr_array_add (contents, json_node_copy (json_parser_get_root (parser)));
  g_ptr_array_add (contents, json_node_copy (json_parser_get_root (parser)));
  g_assert_finalize_object (panel);

  compare = loket_compare_dialog_new (NULL, contents, 1, 2);
  g_object_ref (compare);
  g_assert_cmpuint (loket_compare_dialog_get_changed (LOKET_COMPARE_DIALOG (compare))->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (compare));
  g_assert_finalize_object (compare);

  sign = loket_sign_dialog_new (NULL, store, SIGNOFF_P_KADIS, NULL, NULL, NULL);
  g_object_ref (sign);
  g_assert_true (loket_test_wait_until (sign_dialog_idle, sign, TIMEOUT_MS));
  g_assert_null (gtk_widget_get_first_child (
    GTK_WIDGET (loket_sign_dialog_get_list (LOKET_SIGN_DIALOG (sign)))));
  gtk_window_destroy (GTK_WINDOW (sign));
  g_assert_finalize_object (sign);
  loket_store_close (store);
}

int
main (int argc, char **argv)
{
  loket_test_init_ui (&argc, &argv);
  g_test_add ("/loket/ui/chain/widgets-finalize", ChainFixture, NULL, chain_set_up,
              test_widgets_finalize, chain_tear_down);
  g_test_add ("/loket/ui/chain/full", ChainFixture, NULL, chain_set_up, test_full_chain,
              chain_tear_down);
  return g_test_run ();
}
