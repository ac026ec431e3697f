// SPDX-License-Identifier: GPL-3.0-or-later
// The review chain part of the case pane (loket-chain-panel.h).

#include "config.h"

#include <glib/gi18n.h>

#include "loket-chain-panel.h"
#include "loket-compare-dialog.h"
#include "loket-draft-review.h"
#include "loket-format.h"
#include "routing/loket-routing-util.h"

struct _LoketChainPanel
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget  *box;
  GtkWidget  *drafts_group;
  GtkListBox *drafts_list;
  GtkWidget  *comments_group;
  GtkListBox *comments_list;
  GtkWidget  *add_comment_button;

  /* Owned references */
  LoketStore        *store;
  LoketWorkflow     *workflow;
  LoketWorkCalendar *calendar;
  LoketCase         *kase;
  LoketDraftChain   *chain;
  GPtrArray         *allowed; /* (element LoketAllowedDraftAction) */
  GCancellable      *cancellable;
  char              *person_id;
  GHashTable        *buttons; /* "draft_id\x1fname" → GtkWidget (borrowed) */

  /* Borrowed references (weak pointers) */
  GtkWidget *dialog;

  gint64 now;
  guint  loading : 1;
};

G_DEFINE_FINAL_TYPE (LoketChainPanel, loket_chain_panel, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_CHANGED,
  SIGNAL_SIGN_REQUESTED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static gint64
get_now (LoketChainPanel *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

static GTimeZone *
get_timezone (LoketChainPanel *self)
{
  return self->calendar != NULL ? loket_work_calendar_get_timezone (self->calendar) : NULL;
}

static LoketOrgChart *
get_org (LoketChainPanel *self)
{
  return self->workflow != NULL ? loket_workflow_get_org_chart (self->workflow) : NULL;
}

/* The jabatan of @position (without the holder's name). */
static const char *
title_of (LoketChainPanel *self, const char *position)
{
  const LoketPosition *p = position != NULL && get_org (self) != NULL
                             ? loket_org_chart_lookup_position (get_org (self), position)
                             : NULL;

  return p != NULL ? p->title : (position != NULL ? position : "");
}

static void
set_dialog (LoketChainPanel *self, GtkWidget *dialog)
{
  g_clear_weak_pointer (&self->dialog);
  g_set_weak_pointer (&self->dialog, dialog);
}

static const LoketAllowedDraftAction *
find_allowed (LoketChainPanel *self, const char *draft_id, LoketDraftAction action)
{
  for (guint i = 0; self->allowed != NULL && i < self->allowed->len; i++)
    {
      const LoketAllowedDraftAction *a = g_ptr_array_index (self->allowed, i);

      if (a->action == action && g_strcmp0 (a->draft_id, draft_id) == 0)
        return a;
    }
  return NULL;
}

static const char *
kind_label (const char *kind)
{
  if (kind == NULL)
    return _ ("Letter");
  if (g_str_equal (kind, "rekomendasi"))
    return _ ("Recommendation");
  if (g_str_equal (kind, "surat_izin"))
    return _ ("Permit");
  if (g_str_equal (kind, "surat_keputusan"))
    return _ ("Decree");
  if (g_str_equal (kind, "surat_jawaban"))
    return _ ("Reply letter");
  if (g_str_equal (kind, "nota_dinas"))
    return _ ("Memo");
  return kind;
}

static char *
stage_text (LoketChainPanel *self, const LoketDraftState *state)
{
  const char *holder = loket_draft_state_get_holder (state);

  switch (state->stage)
    {
      case LOKET_DRAFT_STAGE_EDITING:
        /* Translators: %s is a jabatan */
        return g_strdup_printf (_ ("Being drafted by %s"), title_of (self, holder));
      case LOKET_DRAFT_STAGE_IN_REVIEW:
        /* Translators: %s is a jabatan; paraf = initials on a draft */
        return g_strdup_printf (_ ("Awaiting the paraf of %s"), title_of (self, holder));
      case LOKET_DRAFT_STAGE_RETURNED:
        /* Translators: %s is a jabatan */
        return g_strdup_printf (_ ("Returned for correction to %s"), title_of (self, holder));
      case LOKET_DRAFT_STAGE_APPROVED:
        /* Translators: %s is a jabatan */
        return g_strdup_printf (_ ("Awaiting the signature of %s"), title_of (self, holder));
      case LOKET_DRAFT_STAGE_SIGNED:
      default:
        return g_strdup (_ ("Signed"));
    }
}

/* ---- Acts --------------------------------------------------------------------------------- */

typedef struct
{
  GWeakRef panel;
  char    *done_message;
} ActData;

static void
act_data_free (ActData *data)
{
  g_weak_ref_clear (&data->panel);
  g_free (data->done_message);
  g_free (data);
}

static void
act_done (LoketChainPanel *self, GError *error, const char *done_message)
{
  if (error != NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: a toast when the store refused an act; %s is the reason */
      text = g_strdup_printf (_ ("Not done: %s"), error->message);
      loket_routing_toast (GTK_WIDGET (self), text);
    }
  else if (done_message != NULL)
    loket_routing_toast (GTK_WIDGET (self), done_message);
  if (self->kase != NULL)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, loket_case_get_uuid (self->kase));
  loket_chain_panel_reload (self);
}

static void
draft_act_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ActData *data = user_data;
  g_autoptr (LoketChainPanel) self = g_weak_ref_get (&data->panel);
  g_autoptr (GError) error = NULL;

  loket_store_draft_act_finish (LOKET_STORE (source), result, &error);
  if (self != NULL)
    act_done (self, error, data->done_message);
  act_data_free (data);
}

static ActData *
act_data_new (LoketChainPanel *self, const char *done_message)
{
  ActData *data = g_new0 (ActData, 1);

  g_weak_ref_init (&data->panel, self);
  data->done_message = g_strdup (done_message);
  return data;
}

static void
act (LoketChainPanel *self, LoketDraftRequest *request, const char *done_message)
{
  if (self->store == NULL || self->kase == NULL)
    return;
  request->at = self->now;
  loket_store_draft_act_async (self->store, loket_case_get_uuid (self->kase), request,
                               self->cancellable, draft_act_cb, act_data_new (self, done_message));
}

static LoketDraftRequest *
request_for (LoketChainPanel *self, const char *draft_id, LoketDraftAction action)
{
  const LoketAllowedDraftAction *allowed = find_allowed (self, draft_id, action);
  const LoketDraftState         *state
    = self->chain != NULL ? loket_draft_chain_lookup (self->chain, draft_id) : NULL;
  LoketDraftRequest *request;

  if (allowed == NULL || state == NULL)
    return NULL;
  request = loket_draft_request_new (action, self->person_id, draft_id);
  request->as_position = g_strdup (allowed->as_position);
  request->version = state->version;
  return request;
}

static void
submit_clicked_cb (GtkButton *button, LoketChainPanel *self)
{
  const char *draft_id = g_object_get_data (G_OBJECT (button), "draft-id");
  g_autoptr (LoketDraftRequest) request = request_for (self, draft_id, LOKET_DRAFT_ACTION_SUBMIT);

  if (request != NULL)
    act (self, request, _ ("Draft submitted for paraf"));
}

static void
paraf_clicked_cb (GtkButton *button, LoketChainPanel *self)
{
  const char *draft_id = g_object_get_data (G_OBJECT (button), "draft-id");
  g_autoptr (LoketDraftRequest) request = request_for (self, draft_id, LOKET_DRAFT_ACTION_PARAF);

  if (request != NULL)
    act (self, request, _ ("Paraf given"));
}

static void
return_response_cb (AdwMessageDialog *dialog, const char *response, LoketChainPanel *self)
{
  const char *draft_id = g_object_get_data (G_OBJECT (dialog), "draft-id");
  GtkWidget  *entry = adw_message_dialog_get_extra_child (dialog);
  g_autoptr (LoketDraftRequest) request = NULL;

  if (g_strcmp0 (response, "return") != 0)
    return;
  request = request_for (self, draft_id, LOKET_DRAFT_ACTION_RETURN);
  if (request == NULL)
    return;
  request->note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  act (self, request, _ ("Draft returned for correction"));
}

static void
return_entry_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "return", *text != '\0');
}

static void
return_clicked_cb (GtkButton *button, LoketChainPanel *self)
{
  const char            *draft_id = g_object_get_data (G_OBJECT (button), "draft-id");
  const LoketDraftState *state = loket_draft_chain_lookup (self->chain, draft_id);
  GtkRoot               *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget             *dialog, *entry;
  const char            *to;
  g_autofree char       *body = NULL;
  int                    index = -1;

  if (state == NULL)
    return;
  /* The previous holder: the route position before the current one, or the drafter. */
  for (guint i = 0; i < state->route->len; i++)
    if (g_strcmp0 (g_ptr_array_index (state->route, i), loket_draft_state_get_holder (state)) == 0)
      index = (int) i;
  to = index > 0 ? g_ptr_array_index (state->route, index - 1) : state->drafter;
  /* Translators: %s is the jabatan the draft goes back to */
  body = g_strdup_printf (_ ("The draft goes back to %s with your note."), title_of (self, to));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _ ("Return for Correction?"), body);
  g_object_set_data_full (G_OBJECT (dialog), "draft-id", g_strdup (draft_id), g_free);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _ ("What needs correcting (required)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "return",
                                    _ ("_Return"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "return",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "return", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "return");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (entry, "changed", G_CALLBACK (return_entry_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (return_response_cb), self, 0);
  set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_clicked_cb (GtkButton *button, LoketChainPanel *self)
{
  const char *draft_id = g_object_get_data (G_OBJECT (button), "draft-id");

  if (self->kase != NULL)
    g_signal_emit (self, signals[SIGNAL_SIGN_REQUESTED], 0, loket_case_get_uuid (self->kase),
                   draft_id);
}

static void
compare_clicked_cb (GtkButton *button, LoketChainPanel *self)
{
  const char            *draft_id = g_object_get_data (G_OBJECT (button), "draft-id");
  const LoketDraftState *state = loket_draft_chain_lookup (self->chain, draft_id);
  GtkRoot               *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget             *dialog;

  if (state == NULL || state->version < 2)
    return;
  dialog = loket_compare_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     state->contents, state->version - 1, state->version);
  set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
review_changed_cb (LoketChainPanel *self)
{
  if (self->kase != NULL)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, loket_case_get_uuid (self->kase));
  loket_chain_panel_reload (self);
}

static void
review_clicked_cb (GtkButton *button, LoketChainPanel *self)
{
  const char *draft_id = g_object_get_data (G_OBJECT (button), "draft-id");
  GtkRoot    *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget  *window;

  if (self->store == NULL || self->kase == NULL)
    return;
  window = loket_draft_review_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                   loket_case_get_uuid (self->kase), draft_id, 0, self->person_id);
  g_signal_connect_object (window, "changed", G_CALLBACK (review_changed_cb), self,
                           G_CONNECT_SWAPPED);
  set_dialog (self, window);
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- Comments ----------------------------------------------------------------------------- */

static void
comment_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ActData *data = user_data;
  g_autoptr (LoketChainPanel) self = g_weak_ref_get (&data->panel);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  if (g_async_result_is_tagged (result, loket_store_add_comment_async))
    id = loket_store_add_comment_finish (LOKET_STORE (source), result, &error);
  else
    loket_store_resolve_comment_finish (LOKET_STORE (source), result, &error);
  if (self != NULL)
    act_done (self, error, data->done_message);
  act_data_free (data);
}

/* The draft comments go to: the latest one not yet signed, else the latest. */
static const LoketDraftState *
comment_target (LoketChainPanel *self)
{
  GPtrArray *drafts = self->chain != NULL ? loket_draft_chain_get_drafts (self->chain) : NULL;

  for (guint i = drafts != NULL ? drafts->len : 0; i > 0; i--)
    {
      const LoketDraftState *state = g_ptr_array_index (drafts, i - 1);

      if (state->stage != LOKET_DRAFT_STAGE_SIGNED)
        return state;
    }
  return drafts != NULL && drafts->len > 0 ? g_ptr_array_index (drafts, drafts->len - 1) : NULL;
}

static void
comment_response_cb (AdwMessageDialog *dialog, const char *response, LoketChainPanel *self)
{
  GtkWidget             *box = adw_message_dialog_get_extra_child (dialog);
  GtkWidget             *entry = g_object_get_data (G_OBJECT (box), "entry");
  GtkWidget             *spin = g_object_get_data (G_OBJECT (box), "page");
  const LoketDraftState *state = comment_target (self);
  g_autoptr (LoketCommentRequest) request = NULL;

  if (g_strcmp0 (response, "add") != 0 || state == NULL || self->kase == NULL)
    return;
  request
    = loket_comment_request_new (self->person_id, gtk_editable_get_text (GTK_EDITABLE (entry)));
  request->draft_id = g_strdup (state->draft_id);
  request->version = state->version;
  request->page = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)) - 1;
  loket_store_add_comment_async (self->store, loket_case_get_uuid (self->kase), request,
                                 self->cancellable, comment_done_cb,
                                 act_data_new (self, _ ("Comment added")));
}

static void
comment_entry_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "add", *text != '\0');
}

static void
add_comment_clicked_cb (LoketChainPanel *self)
{
  const LoketDraftState *state = comment_target (self);
  GtkRoot               *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget             *dialog, *box, *entry, *spin, *row, *label;
  g_autofree char       *body = NULL;

  if (state == NULL)
    return;
  /* Translators: %s is the kind of letter, %u its version */
  body = g_strdup_printf (_ ("On version %u of the draft (%s)."), state->version,
                          kind_label (state->kind));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _ ("Add a Review Comment"), body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _ ("Comment"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new_with_mnemonic (_ ("_Page"));
  spin = gtk_spin_button_new_with_range (1, 999, 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), spin);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), row);
  g_object_set_data (G_OBJECT (box), "entry", entry);
  g_object_set_data (G_OBJECT (box), "page", spin);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "add",
                                    _ ("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (entry, "changed", G_CALLBACK (comment_entry_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (comment_response_cb), self, 0);
  set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resolve_clicked_cb (GtkButton *button, LoketChainPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "comment-id");

  if (self->kase == NULL || id == NULL)
    return;
  loket_store_resolve_comment_async (self->store, loket_case_get_uuid (self->kase), self->person_id,
                                     id, self->cancellable, comment_done_cb,
                                     act_data_new (self, _ ("Comment resolved")));
}

/* ---- Rows --------------------------------------------------------------------------------- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
add_button (LoketChainPanel *self,
            GtkWidget       *box,
            const char      *draft_id,
            const char      *name,
            const char      *label,
            const char      *css,
            GCallback        callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (css != NULL)
    gtk_widget_add_css_class (button, css);
  g_object_set_data_full (G_OBJECT (button), "draft-id", g_strdup (draft_id), g_free);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  gtk_box_append (GTK_BOX (box), button);
  g_hash_table_insert (self->buttons, g_strconcat (draft_id, "\x1f", name, NULL), button);
  return button;
}

static GtkWidget *
step_row (const char *title, const char *subtitle, const char *icon, const char *css)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image = gtk_image_new_from_icon_name (icon);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (css != NULL)
    gtk_widget_add_css_class (image, css);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
  return row;
}

/* The paraf'd time of route position @index for the latest submission, or 0. */
static gint64
paraf_time (const LoketDraftState *state, guint index)
{
  guint seen = 0;

  for (guint i = 0; i < state->history->len; i++)
    {
      const LoketDraftStep *step = g_ptr_array_index (state->history, i);

      if (g_str_equal (step->type, LOKET_EVENT_DRAFT_SUBMITTED))
        seen = 0;
      else if (g_str_equal (step->type, LOKET_EVENT_DRAFT_PARAF))
        {
          if (seen == index)
            return step->at;
          seen++;
        }
    }
  return 0;
}

static void
add_draft_row (LoketChainPanel *self, const LoketDraftState *state)
{
  GtkWidget       *row = adw_expander_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = stage_text (self, state);
  GTimeZone       *tz = get_timezone (self);

  /* Translators: "Recommendation — version 2" */
  title = g_strdup_printf (_ ("%s — version %u"), kind_label (state->kind), state->version);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), state->stage != LOKET_DRAFT_STAGE_SIGNED);
  gtk_widget_set_name (row, state->draft_id);

  /* The actions, on a row of their own under the title (the pane is narrow). */
  {
    GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *actions_row = gtk_list_box_row_new ();

    gtk_widget_set_halign (actions, GTK_ALIGN_END);
    gtk_widget_set_margin_top (actions, 6);
    gtk_widget_set_margin_bottom (actions, 6);
    gtk_widget_set_margin_start (actions, 12);
    gtk_widget_set_margin_end (actions, 12);
    add_button (self, actions, state->draft_id, "review", _ ("Re_view…"), "flat",
                G_CALLBACK (review_clicked_cb));
    if (state->version >= 2)
      add_button (self, actions, state->draft_id, "compare", _ ("Co_mpare…"), "flat",
                  G_CALLBACK (compare_clicked_cb));
    if (find_allowed (self, state->draft_id, LOKET_DRAFT_ACTION_RETURN) != NULL)
      add_button (self, actions, state->draft_id, "return", _ ("Re_turn…"), NULL,
                  G_CALLBACK (return_clicked_cb));
    if (find_allowed (self, state->draft_id, LOKET_DRAFT_ACTION_SUBMIT) != NULL)
      add_button (self, actions, state->draft_id, "submit", _ ("_Submit"), "suggested-action",
                  G_CALLBACK (submit_clicked_cb));
    if (find_allowed (self, state->draft_id, LOKET_DRAFT_ACTION_PARAF) != NULL)
      add_button (self, actions, state->draft_id, "paraf", _ ("_Paraf"), "suggested-action",
                  G_CALLBACK (paraf_clicked_cb));
    if (find_allowed (self, state->draft_id, LOKET_DRAFT_ACTION_SIGN) != NULL)
      add_button (self, actions, state->draft_id, "sign", _ ("_Sign…"), "suggested-action",
                  G_CALLBACK (sign_clicked_cb));
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (actions_row), FALSE);
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (actions_row), actions);
    if (gtk_widget_get_first_child (actions) != NULL)
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), actions_row);
    else
      g_object_ref_sink (actions_row), g_object_unref (actions_row);
  }

  /* The route of the latest submission: ✓ initialled, → whose turn, ○ still to come. */
  for (guint i = 0; i < state->route->len; i++)
    {
      const char *position = g_ptr_array_index (state->route, i);
      gboolean    signer = i + 1 == state->route->len;
      gboolean    done = state->stage == LOKET_DRAFT_STAGE_SIGNED
                      || (i < state->n_paraf
                          && (state->stage == LOKET_DRAFT_STAGE_IN_REVIEW
                              || state->stage == LOKET_DRAFT_STAGE_APPROVED));
      gboolean current = !done
                         && (state->stage == LOKET_DRAFT_STAGE_IN_REVIEW
                             || state->stage == LOKET_DRAFT_STAGE_APPROVED)
                         && i == state->n_paraf;
      g_autofree char *when = NULL;
      g_autofree char *sub = NULL;

      if (done && !signer)
        {
          when = loket_format_date_time (paraf_time (state, i), tz);
          /* Translators: %s is a date and time */
          sub = g_strdup_printf (_ ("Paraf given %s"), when);
        }
      else if (done)
        sub = g_strdup (_ ("Signed"));
      else if (current)
        sub = g_strdup (signer ? _ ("To sign now") : _ ("To paraf now"));
      else
        sub = g_strdup (signer ? _ ("Signs last") : _ ("Waiting"));
      adw_expander_row_add_row (
        ADW_EXPANDER_ROW (row),
        step_row (title_of (self, position), sub,
                  done ? "object-select-symbolic"
                       : (current ? "go-next-symbolic" : "content-loading-symbolic"),
                  done ? "success" : (current ? "accent" : "dim-label")));
    }

  /* Returns, with their notes (newest first). */
  for (guint i = state->history->len; i > 0; i--)
    {
      const LoketDraftStep *step = g_ptr_array_index (state->history, i - 1);
      g_autofree char      *what = NULL;
      g_autofree char      *when = NULL;
      g_autofree char      *sub = NULL;

      if (!g_str_equal (step->type, LOKET_EVENT_DRAFT_RETURNED))
        continue;
      when = loket_format_date_time (step->at, tz);
      /* Translators: "Returned by Kepala Bidang … to Kepala Seksi …" */
      what = g_strdup_printf (_ ("Returned by %s to %s"), title_of (self, step->position),
                              title_of (self, step->to));
      /* Translators: the return note, then when (version %u) */
      sub = g_strdup_printf (_ ("“%s” — %s, version %u"), step->note, when, step->version);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                step_row (what, sub, "edit-undo-symbolic", "warning"));
    }
  gtk_list_box_append (self->drafts_list, row);
}

static void
add_comment_row (LoketChainPanel *self, const LoketDraftComment *comment)
{
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *when = loket_format_date_time (comment->at, get_timezone (self));
  g_autofree char *sub = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), comment->text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (comment->resolved)
    /* Translators: page number, jabatan, date; then that it is resolved */
    sub = g_strdup_printf (_ ("Page %u · %s · %s · resolved"), comment->page + 1,
                           title_of (self, comment->position), when);
  else
    /* Translators: page number, jabatan, date */
    sub = g_strdup_printf (_ ("Page %u · %s · %s"), comment->page + 1,
                           title_of (self, comment->position), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (comment->resolved
                                                             ? "object-select-symbolic"
                                                             : "user-available-symbolic"));
  if (comment->resolved)
    gtk_widget_add_css_class (row, "dim-label");
  else
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_ ("_Resolve"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "comment-id", g_strdup (comment->id), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (resolve_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  gtk_widget_set_name (row, comment->id);
  gtk_list_box_append (self->comments_list, row);
}

static void
update_rows (LoketChainPanel *self)
{
  GPtrArray *drafts = self->chain != NULL ? loket_draft_chain_get_drafts (self->chain) : NULL;
  GPtrArray *comments = self->chain != NULL ? loket_draft_chain_get_comments (self->chain) : NULL;

  g_hash_table_remove_all (self->buttons);
  clear_list (self->drafts_list);
  clear_list (self->comments_list);
  g_clear_pointer (&self->allowed, g_ptr_array_unref);
  if (self->chain != NULL && self->kase != NULL && self->workflow != NULL
      && self->person_id != NULL)
    self->allowed = loket_workflow_get_draft_actions (self->workflow, self->kase, self->chain,
                                                      self->person_id, get_now (self));

  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    add_draft_row (self, g_ptr_array_index (drafts, i));
  for (guint i = 0; comments != NULL && i < comments->len; i++)
    add_comment_row (self, g_ptr_array_index (comments, i));

  gtk_widget_set_visible (self->box, drafts != NULL && drafts->len > 0);
  gtk_widget_set_visible (self->comments_group, drafts != NULL && drafts->len > 0);
  gtk_widget_set_sensitive (self->add_comment_button, self->person_id != NULL);
}

static void
set_loading (LoketChainPanel *self, gboolean loading)
{
  self->loading = loading;
}

static void
chain_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketChainPanel) self = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketDraftChain) chain
    = loket_store_get_draft_chain_finish (LOKET_STORE (source), result, &error);

  g_weak_ref_clear (user_data);
  g_free (user_data);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_debug ("draft chain not loaded: %s", error->message);
  g_set_object (&self->chain, chain);
  set_loading (self, FALSE);
  update_rows (self);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
loket_chain_panel_dispose (GObject *object)
{
  LoketChainPanel *self = LOKET_CHAIN_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_CHAIN_PANEL);

  G_OBJECT_CLASS (loket_chain_panel_parent_class)->dispose (object);
}

static void
loket_chain_panel_finalize (GObject *object)
{
  LoketChainPanel *self = LOKET_CHAIN_PANEL (object);

  g_clear_object (&self->store);
  g_clear_object (&self->workflow);
  g_clear_object (&self->calendar);
  g_clear_object (&self->kase);
  g_clear_object (&self->chain);
  g_clear_pointer (&self->allowed, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->buttons, g_hash_table_unref);
  g_free (self->person_id);

  G_OBJECT_CLASS (loket_chain_panel_parent_class)->finalize (object);
}

static void
loket_chain_panel_class_init (LoketChainPanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_chain_panel_dispose;
  object_class->finalize = loket_chain_panel_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_SIGN_REQUESTED]
    = g_signal_new ("sign-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/loketapp/Loket/ui/chain/"
                                                             "loket-chain-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketChainPanel, box);
  gtk_widget_class_bind_template_child (widget_class, LoketChainPanel, drafts_group);
  gtk_widget_class_bind_template_child (widget_class, LoketChainPanel, drafts_list);
  gtk_widget_class_bind_template_child (widget_class, LoketChainPanel, comments_group);
  gtk_widget_class_bind_template_child (widget_class, LoketChainPanel, comments_list);
  gtk_widget_class_bind_template_child (widget_class, LoketChainPanel, add_comment_button);
  gtk_widget_class_bind_template_callback (widget_class, add_comment_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "loket-chain-panel");
}

static void
loket_chain_panel_init (LoketChainPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_set_visible (self->box, FALSE);
}

/* ---- Public API --------------------------------------------------------------------------- */

GtkWidget *
loket_chain_panel_new (void)
{
  return g_object_new (LOKET_TYPE_CHAIN_PANEL, NULL);
}

void
loket_chain_panel_set_context (LoketChainPanel   *self,
                               LoketStore        *store,
                               LoketWorkflow     *workflow,
                               LoketWorkCalendar *calendar)
{
  g_return_if_fail (LOKET_IS_CHAIN_PANEL (self));

  g_set_object (&self->store, store);
  g_set_object (&self->workflow, workflow);
  g_set_object (&self->calendar, calendar);
  loket_chain_panel_reload (self);
}

void
loket_chain_panel_set_person (LoketChainPanel *self, const char *person_id)
{
  g_return_if_fail (LOKET_IS_CHAIN_PANEL (self));

  g_free (self->person_id);
  self->person_id = g_strdup (person_id);
  update_rows (self);
}

void
loket_chain_panel_set_now (LoketChainPanel *self, gint64 now)
{
  g_return_if_fail (LOKET_IS_CHAIN_PANEL (self));
  self->now = now;
}

void
loket_chain_panel_set_case (LoketChainPanel *self, LoketCase *kase)
{
  g_return_if_fail (LOKET_IS_CHAIN_PANEL (self));

  if (self->kase == kase)
    return;
  g_set_object (&self->kase, kase);
  g_clear_object (&self->chain);
  update_rows (self);
  loket_chain_panel_reload (self);
}

void
loket_chain_panel_reload (LoketChainPanel *self)
{
  GWeakRef *ref;

  g_return_if_fail (LOKET_IS_CHAIN_PANEL (self));

  if (self->store == NULL || self->kase == NULL)
    return;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  set_loading (self, TRUE);
  loket_store_get_draft_chain_async (self->store, loket_case_get_uuid (self->kase),
                                     self->cancellable, chain_loaded_cb, ref);
}

gboolean
loket_chain_panel_get_loading (LoketChainPanel *self)
{
  g_return_val_if_fail (LOKET_IS_CHAIN_PANEL (self), FALSE);
  return self->loading;
}

LoketDraftChain *
loket_chain_panel_get_chain (LoketChainPanel *self)
{
  g_return_val_if_fail (LOKET_IS_CHAIN_PANEL (self), NULL);
  return self->chain;
}

GtkWidget *
loket_chain_panel_get_button (LoketChainPanel *self, const char *draft_id, const char *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (LOKET_IS_CHAIN_PANEL (self), NULL);
  key = g_strconcat (draft_id, "\x1f", name, NULL);
  return g_hash_table_lookup (self->buttons, key);
}

GtkListBox *
loket_chain_panel_get_comments (LoketChainPanel *self)
{
  g_return_val_if_fail (LOKET_IS_CHAIN_PANEL (self), NULL);
  return self->comments_list;
}

GtkWidget *
loket_chain_panel_get_dialog (LoketChainPanel *self)
{
  g_return_val_if_fail (LOKET_IS_CHAIN_PANEL (self), NULL);
  return self->dialog;
}
