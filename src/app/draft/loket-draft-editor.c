// SPDX-License-Identifier: GPL-3.0-or-later
// The letter draft editor: the form, the live preview (rendered in a thread), versions, saving
// and printing.

#include "config.h"

#include <glib/gi18n.h>

#include "intake/loket-pdf-print.h"
#include "loket-case-drafts.h"
#include "loket-draft-editor-private.h"
#include "loket-error.h"
#include "loket-store-letter-drafts.h"

#define RENDER_DELAY_MS 300
#define PREVIEW_SCALE 1.25 /* pixels per point: sharp enough, shrunk to the pane's width */

G_DEFINE_FINAL_TYPE (LoketDraftEditor, loket_draft_editor, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_SAVED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* ---- State ------------------------------------------------------------------------------- */

static gboolean
compute_modified (LoketDraftEditor *self)
{
  g_autofree char *data = NULL;

  if (self->draft == NULL)
    return FALSE;
  if (self->saved_data == NULL)
    return TRUE;
  data = loket_letter_draft_to_data (self->draft);
  return g_strcmp0 (data, self->saved_data) != 0;
}

static void
update_title (LoketDraftEditor *self)
{
  const char      *agenda = self->kase != NULL ? loket_case_get_agenda_number (self->kase) : NULL;
  g_autofree char *state = NULL;
  g_autofree char *subtitle = NULL;

  if (self->kind != NULL)
    adw_window_title_set_title (self->window_title, loket_case_drafts_kind_title (self->kind));
  if (self->version == 0)
    state = g_strdup (_ ("New draft, not saved"));
  else if (compute_modified (self))
    /* Translators: the draft's version in the title bar, with changes not saved yet */
    state = g_strdup_printf (_ ("Version %u, changed"), self->version);
  else
    state = g_strdup_printf (_ ("Version %u"), self->version);
  /* Translators: the editor's subtitle: the case's agenda number and the draft's state */
  subtitle = agenda != NULL ? g_strdup_printf (C_ ("draft subtitle", "%s · %s"), agenda, state)
                            : g_strdup (state);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
update_actions (LoketDraftEditor *self)
{
  gboolean modified = compute_modified (self);
  gboolean idle = !self->loading && !self->saving;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draft.save",
                                 idle && self->draft != NULL && modified && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draft.print",
                                 idle && !modified && self->version > 0 && self->preview != NULL
                                   && self->preview_serial == self->render_serial
                                   && self->render_timeout == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draft.show-latest",
                                 idle && self->draft_id != NULL && self->version != self->latest);
  gtk_widget_set_sensitive (GTK_WIDGET (self->version_dropdown),
                            idle && !modified && self->latest > 1);
  update_title (self);
}

void
_loket_draft_editor_show_toast (LoketDraftEditor *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* ---- Preview ----------------------------------------------------------------------------- */

static void
clear_pages (LoketDraftEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_box_remove (self->pages_box, child);
}

typedef struct
{
  LoketDraftEditor *self;
  guint             serial;
} RenderRequest;

static void
render_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RenderRequest *request = user_data;
  g_autoptr (LoketDraftEditor) self = request->self;
  guint serial = request->serial;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketDraftRender) render = loket_draft_render_finish (result, &error);

  g_free (request);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* a newer render is on its way: this one is already stale */
  if (serial != self->render_serial)
    return;
  self->rendering = FALSE;
  gtk_spinner_set_spinning (self->render_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->render_error_label), render == NULL);
  if (render == NULL)
    {
      /* Translators: under the preview when the letter cannot be laid out; %s says why */
      g_autofree char *text
        = g_strdup_printf (_ ("The preview could not be made: %s"), error->message);

      gtk_label_set_label (self->render_error_label, text);
      update_actions (self);
      return;
    }
  clear_pages (self);
  for (guint i = 0; i < render->pages->len; i++)
    {
      GtkWidget *picture = gtk_picture_new_for_paintable (g_ptr_array_index (render->pages, i));

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (picture, "draft-page");
      {
        /* Translators: what a screen reader says for a page of the preview */
        g_autofree char *alt = g_strdup_printf (_ ("Page %u of the letter"), i + 1);

        gtk_picture_set_alternative_text (GTK_PICTURE (picture), alt);
      }
      gtk_box_append (self->pages_box, picture);
    }
  {
    g_autofree char *pages = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", render->pages->len), render->pages->len);

    gtk_label_set_label (self->pages_label, pages);
  }
  g_clear_pointer (&self->preview, loket_draft_render_free);
  self->preview = g_steal_pointer (&render);
  self->preview_serial = self->render_serial;
  update_actions (self);
}

static void
render_now (LoketDraftEditor *self)
{
  g_autofree char *letter_id = NULL;
  RenderRequest   *request;
  guint            version;

  g_clear_handle_id (&self->render_timeout, g_source_remove);
  if (self->draft == NULL || self->kase == NULL)
    return;
  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  self->render_cancellable = g_cancellable_new ();
  self->render_serial++;
  self->rendering = TRUE;
  gtk_spinner_set_spinning (self->render_spinner, TRUE);
  /* the QR code names the version the page belongs to: the next one while there are changes */
  version = compute_modified (self) ? self->latest + 1 : MAX (self->version, 1);
  letter_id = loket_letter_id_for_case (loket_case_get_uuid (self->kase), self->kind, version);
  request = g_new0 (RenderRequest, 1);
  request->self = g_object_ref (self);
  request->serial = self->render_serial;
  /* sharp on HiDPI screens too */
  loket_draft_render_async (self->draft, letter_id,
                            PREVIEW_SCALE
                              * MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self))),
                            self->render_cancellable, render_done_cb, request);
  update_actions (self);
}

static gboolean
render_timeout_cb (gpointer user_data)
{
  LoketDraftEditor *self = user_data;

  self->render_timeout = 0;
  render_now (self);
  return G_SOURCE_REMOVE;
}

/* Edits come in bursts (typing): render once they pause for RENDER_DELAY_MS. */
void
_loket_draft_editor_schedule_render (LoketDraftEditor *self)
{
  g_clear_handle_id (&self->render_timeout, g_source_remove);
  self->render_timeout = g_timeout_add (RENDER_DELAY_MS, render_timeout_cb, self);
  update_actions (self);
}

static void
update_versions (LoketDraftEditor *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->version_list));
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  self->syncing_dropdown = TRUE;
  if (self->latest == 0)
    g_ptr_array_add (labels, g_strdup (_ ("Not saved yet")));
  for (guint v = 1; v <= self->latest; v++)
    g_ptr_array_add (labels, v == self->latest
                               /* Translators: the newest version in the versions menu */
                               ? g_strdup_printf (_ ("Version %u (latest)"), v)
                               : g_strdup_printf (_ ("Version %u"), v));
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->version_list, 0, n, (const char *const *) labels->pdata);
  gtk_drop_down_set_selected (self->version_dropdown, self->version > 0 ? self->version - 1 : 0);
  self->syncing_dropdown = FALSE;
}

typedef struct
{
  LoketDraftEditor *self;
  guint             version; /* the version shown when the previous one was asked for */
} CompareRequest;

static void
previous_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CompareRequest *request = user_data;
  g_autoptr (LoketDraftEditor) self = request->self;
  guint version = request->version;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketDraftVersion) v = NULL;
  g_autoptr (LoketLetterDraft) previous = NULL;

  g_free (request);
  v = loket_store_load_letter_draft_finish (LOKET_STORE (source), result, &error);
  /* another version is shown by now, or it is unreadable: nothing to mark */
  if (v == NULL || self->draft == NULL || self->version != version)
    return;
  previous = loket_letter_draft_new_from_data (v->content, -1, NULL);
  if (previous != NULL)
    _loket_draft_editor_mark_changes (self, previous);
}

/* Asks for the version before the one shown, to mark what the shown one changed. */
static void
compare_with_previous (LoketDraftEditor *self)
{
  CompareRequest *request;

  if (self->draft_id == NULL || self->version < 2)
    return;
  request = g_new0 (CompareRequest, 1);
  request->self = g_object_ref (self);
  request->version = self->version;
  loket_store_load_letter_draft_async (self->store, self->draft_id, self->version - 1,
                                       self->cancellable, previous_loaded_cb, request);
}

/* Shows @draft as version @version of the draft (0: new), saved as @saved_data (NULL: never). */
static void
show_draft (LoketDraftEditor *self, LoketLetterDraft *draft, guint version, const char *saved_data)
{
  gboolean closed;

  g_set_object (&self->draft, draft);
  g_free (self->kind);
  self->kind = g_strdup (loket_letter_draft_get_kind (draft));
  self->version = version;
  closed = loket_case_get_status (self->kase) == LOKET_CASE_STATUS_CLOSED;
  self->read_only = closed || (version != 0 && version != self->latest);
  g_free (self->saved_data);
  self->saved_data = g_strdup (saved_data);
  _loket_draft_editor_fill_form (self);
  update_versions (self);
  if (closed)
    gtk_label_set_label (self->readonly_label,
                         _ ("The case is closed: its letter drafts can no longer be changed."));
  else if (self->read_only)
    {
      g_autofree char *text
        = g_strdup_printf (_ ("This is version %u; only the latest version (%u) can be changed."),
                           version, self->latest);

      gtk_label_set_label (self->readonly_label, text);
    }
  gtk_revealer_set_reveal_child (self->readonly_revealer, self->read_only);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  compare_with_previous (self);
  render_now (self);
}

static void
show_error (LoketDraftEditor *self, const GError *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
set_loading (LoketDraftEditor *self, gboolean loading)
{
  self->loading = !!loading;
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  if (loading)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  update_actions (self);
}

/* ---- Loading ----------------------------------------------------------------------------- */

static void
events_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketDraftEditor) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (LoketLetterDraft) draft = NULL;

  events = loket_store_get_case_events_finish (LOKET_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (events != NULL)
    draft = loket_letter_draft_new_for_case (self->kind, self->kase, events, self->catalog,
                                             self->calendar, self->org,
                                             g_get_real_time () / G_USEC_PER_SEC, &error);
  if (draft == NULL)
    {
      show_error (self, error);
      return;
    }
  show_draft (self, draft, 0, NULL);
}

static void
version_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketDraftEditor) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketDraftVersion) v = NULL;
  g_autoptr (LoketLetterDraft) draft = NULL;

  v = loket_store_load_letter_draft_finish (LOKET_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (v != NULL)
    draft = loket_letter_draft_new_from_data (v->content, -1, &error);
  if (draft == NULL)
    {
      show_error (self, error);
      return;
    }
  self->latest = MAX (self->latest, v->version);
  show_draft (self, draft, v->version, v->content);
}

static void
load_version (LoketDraftEditor *self, guint version)
{
  set_loading (self, TRUE);
  loket_store_load_letter_draft_async (self->store, self->draft_id, version, self->cancellable,
                                       version_loaded_cb, g_object_ref (self));
}

static void
version_selected_cb (LoketDraftEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->version_dropdown);

  if (self->syncing_dropdown || self->draft_id == NULL || selected == GTK_INVALID_LIST_POSITION
      || selected + 1 == self->version)
    return;
  load_version (self, selected + 1);
}

/* ---- Saving ------------------------------------------------------------------------------ */

static void
saved (LoketDraftEditor *self, guint version, const char *content)
{
  g_autofree char *message = NULL;

  self->version = self->latest = version;
  g_free (self->saved_data);
  self->saved_data = g_strdup (content);
  update_versions (self);
  /* Translators: a toast after Ctrl+S */
  message = g_strdup_printf (_ ("Version %u saved"), version);
  _loket_draft_editor_show_toast (self, message);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->draft_id, version);
  compare_with_previous (self);
  /* the page's QR code names the version: render the saved one */
  render_now (self);
  if (self->close_after_save)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_failed (LoketDraftEditor *self, const GError *error)
{
  self->close_after_save = FALSE;
  if (g_error_matches (error, LOKET_ERROR, LOKET_ERROR_CONFLICT))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  _ ("A Newer Version Was Saved"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  {
    /* Translators: a toast; %s says why the draft was not saved */
    g_autofree char *message = g_strdup_printf (_ ("The draft was not saved: %s"), error->message);

    _loket_draft_editor_show_toast (self, message);
  }
}

typedef struct
{
  LoketDraftEditor *self;
  char             *content;
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_object_unref (request->self);
  g_free (request->content);
  g_free (request);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveRequest, save_request_free)

static void
created_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SaveRequest) request = user_data;
  LoketDraftEditor *self = request->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *draft_id
    = loket_store_create_letter_draft_finish (LOKET_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->saving = FALSE;
  if (draft_id == NULL)
    save_failed (self, error);
  else
    {
      self->draft_id = g_steal_pointer (&draft_id);
      saved (self, 1, request->content);
    }
  update_actions (self);
}

static void
revised_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SaveRequest) request = user_data;
  LoketDraftEditor *self = request->self;
  g_autoptr (GError) error = NULL;
  guint version = loket_store_revise_letter_draft_finish (LOKET_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->saving = FALSE;
  if (version == 0)
    save_failed (self, error);
  else
    saved (self, version, request->content);
  update_actions (self);
}

static void
save (LoketDraftEditor *self)
{
  const LoketPerson *person = self->person_id != NULL && self->org != NULL
                                ? loket_org_chart_lookup_person (self->org, self->person_id)
                                : NULL;
  const char        *author = self->person_id != NULL ? self->person_id : g_get_user_name ();
  SaveRequest       *request;

  if (self->draft == NULL || self->saving || self->read_only)
    return;
  request = g_new0 (SaveRequest, 1);
  request->self = g_object_ref (self);
  request->content = loket_letter_draft_to_data (self->draft);
  self->saving = TRUE;
  update_actions (self);
  if (self->draft_id == NULL)
    loket_store_create_letter_draft_async (self->store, loket_case_get_uuid (self->kase), author,
                                           person != NULL ? person->position_id : NULL,
                                           request->content, NULL, 0, self->cancellable, created_cb,
                                           request);
  else
    loket_store_revise_letter_draft_async (self->store, self->draft_id, self->latest, author,
                                           person != NULL ? person->position_id : NULL,
                                           request->content, NULL, 0, self->cancellable, revised_cb,
                                           request);
}

/* ---- Actions ----------------------------------------------------------------------------- */

static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  save (LOKET_DRAFT_EDITOR (widget));
}

static char *
job_name (LoketDraftEditor *self)
{
  /* Translators: the print job's name: the letter kind, the case's agenda number, the version */
  return g_strdup_printf (_ ("%s %s version %u"), loket_case_drafts_kind_title (self->kind),
                          self->kase != NULL ? loket_case_get_agenda_number (self->kase) : "",
                          self->version);
}

static void
print_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketDraftEditor *self = LOKET_DRAFT_EDITOR (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = job_name (self);

  if (self->preview == NULL)
    return;
  if (!loket_pdf_print (GTK_WINDOW (self), self->preview->pdf, name, &error))
    {
      /* Translators: a toast; %s says why */
      g_autofree char *message
        = g_strdup_printf (_ ("The letter was not printed: %s"), error->message);

      _loket_draft_editor_show_toast (self, message);
    }
}

static void
show_latest_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketDraftEditor *self = LOKET_DRAFT_EDITOR (widget);

  if (self->draft_id != NULL)
    load_version (self, 0);
}

static gboolean
destroy_idle_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
close_response_cb (AdwMessageDialog *dialog, const char *response, LoketDraftEditor *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->discard = TRUE;
      /* after the question has finished answering: it is our transient child */
      g_idle_add_full (G_PRIORITY_DEFAULT, destroy_idle_cb, g_object_ref (self), g_object_unref);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      save (self);
    }
}

static gboolean
loket_draft_editor_close_request (GtkWindow *window)
{
  LoketDraftEditor *self = LOKET_DRAFT_EDITOR (window);
  GtkWidget        *dialog;

  if (self->discard || self->read_only || !compute_modified (self))
    return GTK_WINDOW_CLASS (loket_draft_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _ ("Save Changes?"),
                                   _ ("This draft has changes that are not saved. Changes that "
                                      "are not saved are lost when the window closes."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "discard",
                                    _ ("_Discard"), "save", _ ("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- GObject ----------------------------------------------------------------------------- */

static void
loket_draft_editor_dispose (GObject *object)
{
  LoketDraftEditor *self = LOKET_DRAFT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->render_cancellable);
  g_clear_handle_id (&self->render_timeout, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  g_clear_object (&self->org);
  g_clear_object (&self->calendar);
  g_clear_object (&self->kase);
  g_clear_object (&self->draft);
  g_clear_pointer (&self->preview, loket_draft_render_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_DRAFT_EDITOR);
  G_OBJECT_CLASS (loket_draft_editor_parent_class)->dispose (object);
}

static void
loket_draft_editor_finalize (GObject *object)
{
  LoketDraftEditor *self = LOKET_DRAFT_EDITOR (object);

  g_free (self->person_id);
  g_free (self->kind);
  g_free (self->draft_id);
  g_free (self->saved_data);
  g_ptr_array_unref (self->form_rows);
  g_ptr_array_unref (self->paragraph_rows);
  g_ptr_array_unref (self->buffers);
  g_ptr_array_unref (self->signers);
  G_OBJECT_CLASS (loket_draft_editor_parent_class)->finalize (object);
}

static void
loket_draft_editor_class_init (LoketDraftEditorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = loket_draft_editor_dispose;
  object_class->finalize = loket_draft_editor_finalize;
  window_class->close_request = loket_draft_editor_close_request;

  /* A version was saved: the draft id and the new version. */
  signals[SIGNAL_SAVED]
    = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "draft.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "draft.print", NULL, print_action_cb);
  gtk_widget_class_install_action (widget_class, "draft.show-latest", NULL, show_latest_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "draft.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "draft.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/draft/loket-draft-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, version_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, version_list);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, readonly_revealer);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, readonly_label);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, error_page);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, fields_group);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, paragraphs_group);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, render_spinner);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, pages_label);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, pages_box);
  gtk_widget_class_bind_template_child (widget_class, LoketDraftEditor, render_error_label);
}

static void
loket_draft_editor_init (LoketDraftEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->form_rows = g_ptr_array_new ();
  self->paragraph_rows = g_ptr_array_new ();
  self->buffers = g_ptr_array_new ();
  self->signers = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_object (self->version_dropdown, "notify::selected",
                           G_CALLBACK (version_selected_cb), self, G_CONNECT_SWAPPED);
  update_versions (self);
  update_actions (self);
}

/* ---- Public API -------------------------------------------------------------------------- */

LoketDraftEditor *
loket_draft_editor_new (GtkWindow           *parent,
                        LoketStore          *store,
                        LoketServiceCatalog *catalog,
                        LoketOrgChart       *org,
                        LoketWorkCalendar   *calendar,
                        LoketCase           *kase,
                        const char          *person_id)
{
  LoketDraftEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LOKET_IS_STORE (store), NULL);
  g_return_val_if_fail (LOKET_IS_CASE (kase), NULL);

  self = g_object_new (LOKET_TYPE_DRAFT_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  g_set_object (&self->catalog, catalog);
  g_set_object (&self->org, org);
  g_set_object (&self->calendar, calendar);
  self->kase = g_object_ref (kase);
  self->person_id = g_strdup (person_id);
  return self;
}

void
loket_draft_editor_start (LoketDraftEditor *self, const char *kind)
{
  g_return_if_fail (LOKET_IS_DRAFT_EDITOR (self));
  g_return_if_fail (kind != NULL);

  g_free (self->kind);
  self->kind = g_strdup (kind);
  update_title (self);
  set_loading (self, TRUE);
  loket_store_get_case_events_async (self->store, loket_case_get_uuid (self->kase),
                                     self->cancellable, events_loaded_cb, g_object_ref (self));
}

void
loket_draft_editor_open (LoketDraftEditor *self, const char *draft_id)
{
  g_return_if_fail (LOKET_IS_DRAFT_EDITOR (self));
  g_return_if_fail (draft_id != NULL);

  g_free (self->draft_id);
  self->draft_id = g_strdup (draft_id);
  load_version (self, 0);
}

LoketLetterDraft *
loket_draft_editor_get_draft (LoketDraftEditor *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_EDITOR (self), NULL);
  return self->draft;
}

const char *
loket_draft_editor_get_draft_id (LoketDraftEditor *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_EDITOR (self), NULL);
  return self->draft_id;
}

guint
loket_draft_editor_get_version (LoketDraftEditor *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_EDITOR (self), 0);
  return self->version;
}

guint
loket_draft_editor_get_latest (LoketDraftEditor *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_EDITOR (self), 0);
  return self->latest;
}

gboolean
loket_draft_editor_get_modified (LoketDraftEditor *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_EDITOR (self), FALSE);
  return compute_modified (self);
}

gboolean
loket_draft_editor_get_read_only (LoketDraftEditor *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_EDITOR (self), FALSE);
  return self->read_only;
}

gboolean
loket_draft_editor_get_busy (LoketDraftEditor *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_EDITOR (self), FALSE);
  return self->loading || self->saving || self->rendering || self->render_timeout != 0;
}

GBytes *
loket_draft_editor_get_preview_pdf (LoketDraftEditor *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_EDITOR (self), NULL);
  return self->preview != NULL ? self->preview->pdf : NULL;
}

guint
loket_draft_editor_get_n_pages (LoketDraftEditor *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_EDITOR (self), 0);
  return self->preview != NULL ? self->preview->pages->len : 0;
}

gboolean
loket_draft_editor_get_paragraph_changed (LoketDraftEditor *self, guint index)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_EDITOR (self), FALSE);
  return index < self->paragraph_rows->len
         && gtk_widget_has_css_class (g_ptr_array_index (self->paragraph_rows, index),
                                      "draft-changed");
}

GtkTextBuffer *
loket_draft_editor_get_paragraph_buffer (LoketDraftEditor *self, guint index)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_EDITOR (self), NULL);
  return index < self->buffers->len ? g_ptr_array_index (self->buffers, index) : NULL;
}

void
loket_draft_editor_show_version (LoketDraftEditor *self, guint version)
{
  g_return_if_fail (LOKET_IS_DRAFT_EDITOR (self));
  g_return_if_fail (version >= 1);

  gtk_drop_down_set_selected (self->version_dropdown, version - 1);
}

gboolean
loket_draft_editor_print_to_file (LoketDraftEditor *self, const char *path, GError **error)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_EDITOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!gtk_widget_is_sensitive (GTK_WIDGET (self)) || self->preview == NULL
      || compute_modified (self) || self->version == 0
      || self->preview_serial != self->render_serial)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT, "%s",
                   _ ("Save the draft and wait for its preview before printing"));
      return FALSE;
    }
  return loket_pdf_print_export (self->preview->pdf, path, error);
}
