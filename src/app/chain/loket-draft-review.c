// SPDX-License-Identifier: GPL-3.0-or-later
// Review of one draft version (loket-draft-review.h).

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "loket-draft-review.h"
#include "loket-letter-draft.h"
#include "loket-letter-renderer.h"
#include "review/loket-review-marker.h"
#include "review/loket-review-pane.h"

struct _LoketDraftReview
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkToggleButton *region_button;
  LoketReviewPane *pane;
  GtkLabel        *status_label;
  GtkListBox      *comments_list;

  /* Owned references */
  LoketStore      *store;
  char            *case_uuid;
  char            *draft_id;
  char            *person_id;
  guint            version;
  LoketDraftChain *chain;
  GListStore      *markers; /* (element LoketReviewMarker) */
  GPtrArray       *shown;   /* (element LoketDraftComment, borrowed from chain) row order */
  GCancellable    *cancellable;

  /* Borrowed references (weak pointers) */
  GtkWidget *dialog;

  guint n_busy;
  guint rendered : 1;
};

G_DEFINE_FINAL_TYPE (LoketDraftReview, loket_draft_review, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static void load_chain (LoketDraftReview *self);

static void
busy (LoketDraftReview *self, int delta)
{
  g_assert (delta > 0 || self->n_busy >= (guint) -delta);
  self->n_busy += delta;
}

static gpointer
weak_new (LoketDraftReview *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

static LoketDraftReview *
weak_steal (gpointer data)
{
  LoketDraftReview *self = g_weak_ref_get (data);

  g_weak_ref_clear (data);
  g_free (data);
  return self;
}

/* ---- Rendering the version ---------------------------------------------------------------- */

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  JsonNode *content = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetterDraft) draft = loket_letter_draft_new_from_json (content, &error);
  g_autoptr (LoketLetter) letter = NULL;
  GBytes *pdf = NULL;

  if (draft != NULL)
    letter = loket_letter_draft_build_letter (draft, NULL, &error);
  if (letter != NULL)
    pdf = loket_letter_render (letter, loket_letter_draft_get_paper (draft), &error);
  if (pdf == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, pdf, (GDestroyNotify) g_bytes_unref);
}

static void
rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketDraftReview) self = weak_steal (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL)
    return;
  busy (self, -1);
  if (pdf == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        loket_review_pane_show_error (self->pane, error);
      return;
    }
  loket_review_pane_load_bytes (self->pane, pdf);
}

static void
render (LoketDraftReview *self, const LoketDraftState *state)
{
  g_autoptr (GTask) task = NULL;
  JsonNode *content = loket_draft_state_get_content (state, self->version);

  if (self->rendered || content == NULL || !JSON_NODE_HOLDS_OBJECT (content))
    return;
  self->rendered = TRUE;
  busy (self, 1);
  task = g_task_new (NULL, self->cancellable, rendered_cb, weak_new (self));
  g_task_set_source_tag (task, render);
  g_task_set_task_data (task, json_node_copy (content), (GDestroyNotify) json_node_unref);
  g_task_run_in_thread (task, render_thread);
}

/* ---- Comments ----------------------------------------------------------------------------- */

static void
store_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketDraftReview) self = weak_steal (user_data);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  if (g_async_result_is_tagged (result, loket_store_add_comment_async))
    id = loket_store_add_comment_finish (LOKET_STORE (source), result, &error);
  else
    loket_store_resolve_comment_finish (LOKET_STORE (source), result, &error);
  if (self == NULL)
    return;
  busy (self, -1);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status_label, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  load_chain (self);
}

static void
resolve_clicked_cb (GtkButton *button, LoketDraftReview *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "comment-id");

  busy (self, 1);
  loket_store_resolve_comment_async (self->store, self->case_uuid, self->person_id, id,
                                     self->cancellable, store_done_cb, weak_new (self));
}

static void
comment_activated_cb (LoketDraftReview *self, GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->shown->len)
    loket_review_pane_set_page (
      self->pane, ((LoketDraftComment *) g_ptr_array_index (self->shown, index))->page);
}

static void
update_comments (LoketDraftReview *self)
{
  GPtrArray *comments = self->chain != NULL ? loket_draft_chain_get_comments (self->chain) : NULL;
  GtkWidget *child;
  guint      n_open = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->comments_list))) != NULL)
    gtk_list_box_remove (self->comments_list, child);
  g_list_store_remove_all (self->markers);
  g_ptr_array_set_size (self->shown, 0);

  for (guint i = 0; comments != NULL && i < comments->len; i++)
    {
      const LoketDraftComment *c = g_ptr_array_index (comments, i);
      g_autoptr (LoketReviewMarker) marker = NULL;
      GtkWidget       *row;
      g_autofree char *sub = NULL;

      if (g_strcmp0 (c->draft_id, self->draft_id) != 0)
        continue;
      /* Every comment of the draft is listed; the markers are those of the version shown. */
      if (c->version == self->version || c->version == 0)
        {
          marker = loket_review_marker_new (c->page, c->rect[0], c->rect[1], c->rect[2], c->rect[3],
                                            c->text, c->resolved);
          g_list_store_append (self->markers, marker);
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      /* Translators: where a review comment is: page, version of the draft */
      sub = g_strdup_printf (c->resolved ? _ ("Page %u · version %u · resolved")
                                         : _ ("Page %u · version %u"),
                             c->page + 1, c->version);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (!c->resolved)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_ ("_Resolve"));

          n_open++;
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          g_object_set_data_full (G_OBJECT (button), "comment-id", g_strdup (c->id), g_free);
          g_signal_connect_object (button, "clicked", G_CALLBACK (resolve_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      else
        gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->comments_list, row);
      g_ptr_array_add (self->shown, (gpointer) c);
    }
  {
    g_autofree char *status = NULL;

    if (self->shown->len == 0)
      status = g_strdup (_ ("No comments yet. Use Comment on Region and drag over the page."));
    else
      /* Translators: how many review comments are still open */
      status = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u open comment", "%u open comments", n_open), n_open);
    gtk_label_set_text (self->status_label, status);
  }
}

static void
chain_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketDraftReview) self = weak_steal (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketDraftChain) chain
    = loket_store_get_draft_chain_finish (LOKET_STORE (source), result, &error);
  const LoketDraftState *state;

  if (self == NULL)
    return;
  busy (self, -1);
  if (chain == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status_label, error->message);
      return;
    }
  g_set_object (&self->chain, chain);
  state = loket_draft_chain_lookup (chain, self->draft_id);
  if (state != NULL)
    {
      g_autofree char *subtitle = NULL;

      if (self->version == 0)
        self->version = state->version;
      /* Translators: the draft version shown in the review window */
      subtitle = g_strdup_printf (_ ("Version %u of %u"), self->version, state->version);
      adw_window_title_set_subtitle (self->window_title, subtitle);
      render (self, state);
    }
  update_comments (self);
}

static void
load_chain (LoketDraftReview *self)
{
  busy (self, 1);
  loket_store_get_draft_chain_async (self->store, self->case_uuid, self->cancellable,
                                     chain_loaded_cb, weak_new (self));
}

/* ---- Region → comment --------------------------------------------------------------------- */

static void
comment_response_cb (AdwMessageDialog *dialog, const char *response, LoketDraftReview *self)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  double    *rect = g_object_get_data (G_OBJECT (dialog), "rect");
  guint      page = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "page"));
  g_autoptr (LoketCommentRequest) request = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;
  request
    = loket_comment_request_new (self->person_id, gtk_editable_get_text (GTK_EDITABLE (entry)));
  request->draft_id = g_strdup (self->draft_id);
  request->version = self->version;
  request->page = page;
  memcpy (request->rect, rect, sizeof request->rect);
  busy (self, 1);
  loket_store_add_comment_async (self->store, self->case_uuid, request, self->cancellable,
                                 store_done_cb, weak_new (self));
}

static void
comment_entry_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "add", *text != '\0');
}

static void
region_selected_cb (LoketDraftReview *self,
                    guint             page,
                    double            x,
                    double            y,
                    double            width,
                    double            height)
{
  GtkWidget       *dialog, *entry;
  double          *rect = g_new (double, 4);
  g_autofree char *body = NULL;

  rect[0] = x, rect[1] = y, rect[2] = width, rect[3] = height;
  gtk_toggle_button_set_active (self->region_button, FALSE);
  /* Translators: %u is a page number */
  body = g_strdup_printf (_ ("On the marked region of page %u."), page + 1);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Add a Review Comment"), body);
  g_object_set_data_full (G_OBJECT (dialog), "rect", rect, g_free);
  g_object_set_data (G_OBJECT (dialog), "page", GUINT_TO_POINTER (page));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _ ("Comment"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "add",
                                    _ ("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (entry, "changed", G_CALLBACK (comment_entry_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (comment_response_cb), self, 0);
  g_clear_weak_pointer (&self->dialog);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
region_toggled_cb (LoketDraftReview *self)
{
  loket_review_pane_set_region_mode (self->pane,
                                     gtk_toggle_button_get_active (self->region_button));
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
loket_draft_review_dispose (GObject *object)
{
  LoketDraftReview *self = LOKET_DRAFT_REVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_DRAFT_REVIEW);
  G_OBJECT_CLASS (loket_draft_review_parent_class)->dispose (object);
}

static void
loket_draft_review_finalize (GObject *object)
{
  LoketDraftReview *self = LOKET_DRAFT_REVIEW (object);

  g_clear_object (&self->store);
  g_free (self->case_uuid);
  g_free (self->draft_id);
  g_free (self->person_id);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_object (&self->chain);
  g_clear_object (&self->markers);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (loket_draft_review_parent_class)->finalize (object);
}

static void
loket_draft_review_class_init (LoketDraftReviewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_draft_review_dispose;
  object_class->finalize = loket_draft_review_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LOKET_TYPE_REVIEW_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/loketapp/Loket/ui/chain/"
                                                             "loket-draft-review.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketDraftReview, window_title);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftReview, region_button);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftReview, pane);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftReview, status_label);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftReview, comments_list);
  gtk_widget_class_bind_template_callback (widget_class, region_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, region_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, comment_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
loket_draft_review_init (LoketDraftReview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->markers = g_list_store_new (LOKET_TYPE_REVIEW_MARKER);
  self->shown = g_ptr_array_new ();
  loket_review_pane_set_markers (self->pane, G_LIST_MODEL (self->markers));
}

GtkWidget *
loket_draft_review_new (GtkWindow  *parent,
                        LoketStore *store,
                        const char *case_uuid,
                        const char *draft_id,
                        guint       version,
                        const char *person_id)
{
  LoketDraftReview *self;

  g_return_val_if_fail (LOKET_IS_STORE (store), NULL);
  g_return_val_if_fail (case_uuid != NULL && draft_id != NULL, NULL);

  self = g_object_new (LOKET_TYPE_DRAFT_REVIEW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->case_uuid = g_strdup (case_uuid);
  self->draft_id = g_strdup (draft_id);
  self->version = version;
  self->person_id = g_strdup (person_id);
  gtk_widget_set_sensitive (GTK_WIDGET (self->region_button), person_id != NULL);
  load_chain (self);
  return GTK_WIDGET (self);
}

GtkWidget *
loket_draft_review_get_pane (LoketDraftReview *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_REVIEW (self), NULL);
  return GTK_WIDGET (self->pane);
}

GtkListBox *
loket_draft_review_get_comments (LoketDraftReview *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_REVIEW (self), NULL);
  return self->comments_list;
}

GListModel *
loket_draft_review_get_markers (LoketDraftReview *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_REVIEW (self), NULL);
  return G_LIST_MODEL (self->markers);
}

gboolean
loket_draft_review_get_busy (LoketDraftReview *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_REVIEW (self), FALSE);
  return self->n_busy > 0;
}

GtkWidget *
loket_draft_review_get_dialog (LoketDraftReview *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_REVIEW (self), NULL);
  return self->dialog;
}
