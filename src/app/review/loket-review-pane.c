// SPDX-License-Identifier: GPL-3.0-or-later
// The document review pane.

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "loket-find-job.h"
#include "loket-review-pane.h"
#include "loket-review-texture.h"
#include "loket-signature-info.h"
#include "loket-signature-panel.h"

#define THUMBNAIL_WIDTH 120.0

struct _LoketReviewPane
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget           *toolbar;
  GtkToggleButton     *sidebar_button;
  GtkEntry            *page_entry;
  GtkLabel            *n_pages_label;
  GtkMenuButton       *zoom_button;
  GtkToggleButton     *search_button;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkLabel            *hits_label;
  LoketSignaturePanel *signature_panel;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  GtkPasswordEntry    *password_entry;
  GtkLabel            *password_error_label;
  GtkListView         *thumbnails;
  LoketReviewView     *view;

  /* Owned references */
  GCancellable       *cancellable; /* loading, signatures, thumbnails of this document */
  GBytes             *bytes;       /* what was loaded, kept to retry with a password */
  GFile              *file;
  LoketPdfDocument   *doc;
  LoketRenderQueue   *queue;
  LoketFindJob       *find_job;
  GListStore         *signatures;
  GtkStringList      *page_names;
  GtkSingleSelection *page_selection;
  GHashTable         *thumbs;         /* page → GdkTexture */
  GHashTable         *thumb_pictures; /* page → GtkPicture bound to it (borrowed) */
  GError             *error;

  LoketReviewState state;
  int              current_hit;
  guint            search_start_page;
  gboolean         signatures_checked;
  gboolean         syncing_selection;
};

G_DEFINE_FINAL_TYPE (LoketReviewPane, loket_review_pane, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_PAGE,
  PROP_CURRENT_HIT,
  PROP_SEARCH_FINISHED,
  PROP_SIGNATURES_CHECKED,
  N_PROPS,
};

enum
{
  SIGNAL_REGION_SELECTED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void load (LoketReviewPane *self, const char *password);

static void
set_state (LoketReviewPane *self, LoketReviewState state)
{
  static const char *const pages[] = { "empty", "loading", "document", "password", "error" };

  gtk_spinner_set_spinning (self->spinner, state == LOKET_REVIEW_STATE_LOADING);
  gtk_stack_set_visible_child_name (self->stack, pages[state]);
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static guint
n_hits (LoketReviewPane *self)
{
  return self->find_job != NULL
           ? g_list_model_get_n_items (loket_find_job_get_hits (self->find_job))
           : 0;
}

static void
update_actions (LoketReviewPane *self)
{
  gboolean ready = self->state == LOKET_REVIEW_STATE_READY;
  gboolean has_hits = n_hits (self) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.zoom-in", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.zoom-out", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.zoom-reset", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.zoom-to", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.fit-width", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.fit-page", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.rotate-left", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.rotate-right", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.find", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.next-hit", ready && has_hits);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.previous-hit", ready && has_hits);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.copy",
                                 ready
                                   && *loket_review_view_get_selected_text (self->view) != '\0');
  /* No page controls over a password prompt or an error page. */
  gtk_widget_set_visible (self->toolbar, ready || self->state == LOKET_REVIEW_STATE_LOADING);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page_entry), ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->zoom_button), ready);
}

static void
update_page_entry (LoketReviewPane *self)
{
  g_autofree char *text = NULL;
  g_autofree char *of = NULL;
  guint            count = self->doc != NULL ? loket_pdf_document_get_n_pages (self->doc) : 0;

  text = g_strdup_printf ("%u", count > 0 ? loket_review_view_get_page (self->view) + 1 : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->page_entry), text);
  /* Translators: after the page number entry: "of 20" (pages) */
  of = g_strdup_printf (_ ("of %u"), count);
  gtk_label_set_label (self->n_pages_label, of);
}

static void
update_zoom_label (LoketReviewPane *self)
{
  g_autofree char *label
    = g_strdup_printf ("%.0f %%", loket_review_view_get_zoom (self->view) * 100);

  gtk_menu_button_set_label (self->zoom_button, label);
}

static void
update_hits_label (LoketReviewPane *self)
{
  g_autofree char *text = NULL;
  guint            count = n_hits (self);

  if (self->find_job == NULL)
    text = g_strdup ("");
  else if (count == 0 && !loket_find_job_get_finished (self->find_job))
    text = g_strdup (_ ("Searching…"));
  else if (count == 0)
    text = g_strdup (_ ("Not found"));
  else if (self->current_hit >= 0)
    /* Translators: search results, "3 of 12" */
    text = g_strdup_printf (_ ("%d of %u"), self->current_hit + 1, count);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results", count), count);
  gtk_label_set_label (self->hits_label, text);
}

/* ---- Search --------------------------------------------------------------------------------- */

static void
set_current_hit (LoketReviewPane *self, int index)
{
  g_autoptr (LoketSearchHit) hit = NULL;

  if (index >= 0 && (guint) index < n_hits (self))
    hit = g_list_model_get_item (loket_find_job_get_hits (self->find_job), index);
  else
    index = -1;
  self->current_hit = index;
  loket_review_view_set_current_hit (self->view, hit);
  update_hits_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_HIT]);
}

/* The first hit on or after the page the search started from, once it is known. */
static void
pick_first_hit (LoketReviewPane *self)
{
  GListModel *hits = loket_find_job_get_hits (self->find_job);
  guint       count = g_list_model_get_n_items (hits);

  if (self->current_hit >= 0)
    return;
  for (guint i = 0; i < count; i++)
    {
      g_autoptr (LoketSearchHit) hit = g_list_model_get_item (hits, i);

      if (loket_search_hit_get_page (hit) >= self->search_start_page)
        {
          set_current_hit (self, i);
          return;
        }
    }
  if (loket_find_job_get_finished (self->find_job) && count > 0)
    set_current_hit (self, 0);
}

static void
hits_changed_cb (LoketReviewPane *self)
{
  pick_first_hit (self);
  update_hits_label (self);
  update_actions (self);
}

static void
search_finished_cb (LoketReviewPane *self)
{
  pick_first_hit (self);
  update_hits_label (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_FINISHED]);
}

static void
clear_search (LoketReviewPane *self)
{
  if (self->find_job != NULL)
    {
      loket_find_job_cancel (self->find_job);
      g_signal_handlers_disconnect_by_data (self->find_job, self);
      g_signal_handlers_disconnect_by_data (loket_find_job_get_hits (self->find_job), self);
      g_clear_object (&self->find_job);
    }
  self->current_hit = -1;
  loket_review_view_set_hits (self->view, NULL);
}

static void
start_search (LoketReviewPane *self, const char *text)
{
  clear_search (self);
  if (self->queue != NULL && text != NULL && *text != '\0')
    {
      self->find_job = loket_find_job_new (self->queue, text);
      self->search_start_page = loket_review_view_get_page (self->view);
      g_signal_connect_swapped (loket_find_job_get_hits (self->find_job), "items-changed",
                                G_CALLBACK (hits_changed_cb), self);
      g_signal_connect_swapped (self->find_job, "notify::finished", G_CALLBACK (search_finished_cb),
                                self);
      loket_review_view_set_hits (self->view, loket_find_job_get_hits (self->find_job));
      loket_find_job_start (self->find_job);
    }
  update_hits_label (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_FINISHED]);
}

static void
step_hit (LoketReviewPane *self, int delta)
{
  guint count = n_hits (self);

  if (count == 0)
    return;
  if (self->current_hit < 0)
    set_current_hit (self, delta > 0 ? 0 : (int) count - 1);
  else
    set_current_hit (self, (int) ((self->current_hit + delta + (int) count) % (int) count));
}

static void
search_changed_cb (LoketReviewPane *self)
{
  start_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
search_activated_cb (LoketReviewPane *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Enter before the search delay ran: search now. */
  if (self->find_job == NULL || g_strcmp0 (loket_find_job_get_text (self->find_job), text) != 0)
    start_search (self, text);
  else
    step_hit (self, +1);
}

static void
search_previous_cb (LoketReviewPane *self)
{
  step_hit (self, -1);
}

static void
search_stopped_cb (LoketReviewPane *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       LoketReviewPane       *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_SHIFT_MASK))
    {
      step_hit (self, -1);
      return TRUE;
    }
  return FALSE;
}

static void
search_mode_changed_cb (LoketReviewPane *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      clear_search (self);
      update_hits_label (self);
      update_actions (self);
    }
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    search_changed_cb (self);
}

/* ---- Signatures ----------------------------------------------------------------------------- */

static gpointer
signatures_on_worker (LoketPdfDocument *doc,
                      gpointer          data,
                      GCancellable     *cancellable,
                      GError          **error)
{
  return loket_pdf_document_get_signatures (doc, cancellable, error);
}

static void
signatures_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketReviewPane) self = user_data;
  g_autoptr (GPtrArray) infos = NULL;
  g_autoptr (GError) error = NULL;

  infos = loket_render_queue_run_finish (NULL, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (infos == NULL)
    g_debug ("The signatures could not be checked: %s", error != NULL ? error->message : "?");
  else
    g_list_store_splice (self->signatures, 0, 0, infos->pdata, infos->len);
  loket_signature_panel_set_signatures (self->signature_panel, G_LIST_MODEL (self->signatures));
  self->signatures_checked = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNATURES_CHECKED]);
}

/* ---- Thumbnails ----------------------------------------------------------------------------- */

typedef struct
{
  GWeakRef pane;
  guint    page;
} ThumbRequest;

static void
thumb_rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ThumbRequest *request = user_data;
  g_autoptr (LoketReviewPane) self = g_weak_ref_get (&request->pane);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface = loket_render_queue_render_finish (NULL, result, &error);
  GdkTexture      *texture;
  GtkPicture      *picture;

  g_weak_ref_clear (&request->pane);
  if (surface == NULL || self == NULL)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      g_free (request);
      return;
    }
  texture = loket_review_texture_new_for_surface (surface);
  cairo_surface_destroy (surface);
  g_hash_table_insert (self->thumbs, GUINT_TO_POINTER (request->page), texture);
  picture = g_hash_table_lookup (self->thumb_pictures, GUINT_TO_POINTER (request->page));
  if (picture != NULL)
    gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
  g_free (request);
}

static void
thumb_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, LoketReviewPane *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_size_request (picture, (int) THUMBNAIL_WIDTH, (int) (THUMBNAIL_WIDTH * 1.414));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (picture, "review-thumbnail");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
thumb_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, LoketReviewPane *self)
{
  GtkWidget       *box = gtk_list_item_get_child (item);
  GtkWidget       *picture = gtk_widget_get_first_child (box);
  GtkWidget       *label = gtk_widget_get_last_child (box);
  guint            page = gtk_list_item_get_position (item);
  GdkTexture      *texture = g_hash_table_lookup (self->thumbs, GUINT_TO_POINTER (page));
  g_autofree char *number = g_strdup_printf ("%u", page + 1);

  gtk_label_set_label (GTK_LABEL (label), number);
  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  g_hash_table_insert (self->thumb_pictures, GUINT_TO_POINTER (page), picture);
  if (texture == NULL && self->queue != NULL)
    {
      ThumbRequest *request = g_new0 (ThumbRequest, 1);
      double        width, height, scale;

      loket_pdf_document_get_page_size (self->doc, page, &width, &height);
      scale = MIN (THUMBNAIL_WIDTH / width, THUMBNAIL_WIDTH * 1.414 / height)
              * gtk_widget_get_scale_factor (GTK_WIDGET (self));
      g_weak_ref_init (&request->pane, self);
      request->page = page;
      loket_render_queue_render_async (self->queue, page, scale, 0, LOKET_RENDER_PRIORITY_THUMBNAIL,
                                       self->cancellable, thumb_rendered_cb, request);
    }
}

static void
thumb_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, LoketReviewPane *self)
{
  GtkWidget *picture = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  guint      page = gtk_list_item_get_position (item);

  if (g_hash_table_lookup (self->thumb_pictures, GUINT_TO_POINTER (page)) == picture)
    g_hash_table_remove (self->thumb_pictures, GUINT_TO_POINTER (page));
}

static void
thumb_selected_cb (LoketReviewPane *self)
{
  guint selected = gtk_single_selection_get_selected (self->page_selection);

  if (self->syncing_selection || selected == GTK_INVALID_LIST_POSITION)
    return;
  loket_review_view_set_page (self->view, selected);
}

/* ---- View ----------------------------------------------------------------------------------- */

static void
view_page_changed_cb (LoketReviewPane *self)
{
  guint page = loket_review_view_get_page (self->view);

  update_page_entry (self);
  if (self->page_selection != NULL
      && gtk_single_selection_get_selected (self->page_selection) != page)
    {
      self->syncing_selection = TRUE;
      gtk_single_selection_set_selected (self->page_selection, page);
      gtk_widget_activate_action (GTK_WIDGET (self->thumbnails), "list.scroll-to-item", "u", page);
      self->syncing_selection = FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
view_zoom_changed_cb (LoketReviewPane *self)
{
  update_zoom_label (self);
}

static void
view_region_selected_cb (LoketReviewPane *self,
                         guint            page,
                         double           x,
                         double           y,
                         double           width,
                         double           height)
{
  g_signal_emit (self, signals[SIGNAL_REGION_SELECTED], 0, page, x, y, width, height);
}

static void
page_entry_activated_cb (LoketReviewPane *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->page_entry));
  char       *end = NULL;
  gint64      number = g_ascii_strtoll (text, &end, 10);

  if (self->doc != NULL && end != text && number >= 1
      && number <= loket_pdf_document_get_n_pages (self->doc))
    loket_review_pane_set_page (self, (guint) number - 1);
  else
    gtk_widget_error_bell (GTK_WIDGET (self->page_entry));
  update_page_entry (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/* ---- Loading -------------------------------------------------------------------------------- */

static void
show_error (LoketReviewPane *self, const GError *error)
{
  const char *title;
  const char *icon = "dialog-warning-symbolic";

  if (g_error_matches (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_TRUNCATED))
    title = _ ("The Document Is Incomplete");
  else if (g_error_matches (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_CORRUPT))
    title = _ ("The Document Is Damaged");
  else if (error->domain == G_IO_ERROR)
    title = _ ("The File Cannot Be Read"), icon = "dialog-error-symbolic";
  else
    title = _ ("The Document Cannot Be Opened");
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_icon_name (self->error_page, icon);
  adw_status_page_set_description (self->error_page, error->message);
}

static void
loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketReviewPane) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPdfDocument) doc = loket_render_queue_load_finish (NULL, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_error (&self->error);

  if (doc == NULL)
    {
      if (g_error_matches (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_NEEDS_PASSWORD)
          || g_error_matches (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_BAD_PASSWORD))
        {
          gboolean bad = error->code == LOKET_DOC_ERROR_BAD_PASSWORD;

          gtk_label_set_label (self->password_error_label, bad ? error->message : "");
          gtk_widget_set_visible (GTK_WIDGET (self->password_error_label), bad);
          gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
          self->error = bad ? g_steal_pointer (&error) : NULL;
          set_state (self, LOKET_REVIEW_STATE_NEEDS_PASSWORD);
          gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
        }
      else
        {
          show_error (self, error);
          self->error = g_steal_pointer (&error);
          set_state (self, LOKET_REVIEW_STATE_ERROR);
        }
      update_actions (self);
      return;
    }

  self->doc = g_object_ref (doc);
  loket_review_view_set_queue (self->view, self->queue);

  self->page_names = gtk_string_list_new (NULL);
  for (guint i = 0; i < loket_pdf_document_get_n_pages (doc); i++)
    {
      g_autofree char *name = g_strdup_printf ("%u", i + 1);

      gtk_string_list_append (self->page_names, name);
    }
  self->page_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->page_names)));
  g_signal_connect_swapped (self->page_selection, "notify::selected",
                            G_CALLBACK (thumb_selected_cb), self);
  gtk_list_view_set_model (self->thumbnails, GTK_SELECTION_MODEL (self->page_selection));
  /* One page needs no thumbnails. */
  gtk_toggle_button_set_active (self->sidebar_button, loket_pdf_document_get_n_pages (doc) > 1);

  set_state (self, LOKET_REVIEW_STATE_READY);
  update_page_entry (self);
  update_zoom_label (self);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));

  if (loket_pdf_document_get_kind (doc) == LOKET_DOC_KIND_PDF)
    loket_render_queue_run_async (self->queue, LOKET_RENDER_PRIORITY_BACKGROUND,
                                  signatures_on_worker, NULL, NULL,
                                  (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                                  signatures_done_cb, g_object_ref (self));
  else
    {
      self->signatures_checked = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNATURES_CHECKED]);
    }
}

/* Forgets the current document (keeps what to load). */
static void
close_document (LoketReviewPane *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_search (self);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  loket_review_view_set_queue (self->view, NULL);
  gtk_list_view_set_model (self->thumbnails, NULL);
  g_clear_object (&self->page_selection);
  g_clear_object (&self->page_names);
  g_hash_table_remove_all (self->thumbs);
  g_hash_table_remove_all (self->thumb_pictures);
  g_list_store_remove_all (self->signatures);
  loket_signature_panel_set_signatures (self->signature_panel, NULL);
  self->signatures_checked = FALSE;
  if (self->queue != NULL)
    g_object_run_dispose (G_OBJECT (self->queue));
  g_clear_object (&self->queue);
  g_clear_object (&self->doc);
  g_clear_error (&self->error);
}

static void
load (LoketReviewPane *self, const char *password)
{
  close_document (self);
  set_state (self, LOKET_REVIEW_STATE_LOADING);
  update_actions (self);
  /* The document is opened on the render queue's worker: every poppler call runs there. */
  self->queue = loket_render_queue_new (NULL);
  loket_render_queue_load_async (self->queue, self->file != NULL ? NULL : self->bytes, self->file,
                                 password, self->cancellable, loaded_cb, g_object_ref (self));
}

static void
unlock_clicked_cb (LoketReviewPane *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));

  if (*password == '\0')
    return;
  loket_review_pane_unlock (self, password);
}

/* ---- Actions -------------------------------------------------------------------------------- */

static void
zoom_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketReviewPane *self = LOKET_REVIEW_PANE (widget);
  double           zoom = loket_review_view_get_zoom (self->view);

  if (g_str_equal (action_name, "review.zoom-in"))
    loket_review_view_set_zoom (self->view, zoom * 1.2);
  else if (g_str_equal (action_name, "review.zoom-out"))
    loket_review_view_set_zoom (self->view, zoom / 1.2);
  else if (g_str_equal (action_name, "review.zoom-reset"))
    loket_review_view_set_zoom (self->view, 1.0);
  else if (g_str_equal (action_name, "review.zoom-to"))
    loket_review_view_set_zoom (self->view, g_variant_get_double (parameter));
  else if (g_str_equal (action_name, "review.fit-width"))
    loket_review_view_set_fit (self->view, LOKET_REVIEW_FIT_WIDTH);
  else if (g_str_equal (action_name, "review.fit-page"))
    loket_review_view_set_fit (self->view, LOKET_REVIEW_FIT_PAGE);
  else if (g_str_equal (action_name, "review.rotate-left"))
    loket_review_view_set_rotation (self->view, loket_review_view_get_rotation (self->view) - 90);
  else if (g_str_equal (action_name, "review.rotate-right"))
    loket_review_view_set_rotation (self->view, loket_review_view_get_rotation (self->view) + 90);
}

static void
find_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketReviewPane *self = LOKET_REVIEW_PANE (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
hit_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  step_hit (LOKET_REVIEW_PANE (widget), g_str_equal (action_name, "review.next-hit") ? +1 : -1);
}

static void
copy_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  loket_review_view_copy (LOKET_REVIEW_PANE (widget)->view);
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
loket_review_pane_dispose (GObject *object)
{
  LoketReviewPane *self = LOKET_REVIEW_PANE (object);

  GtkWidget *child;

  close_document (self);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_REVIEW_PANE);
  /* The template's root box is not a bound child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (loket_review_pane_parent_class)->dispose (object);
}

static void
loket_review_pane_finalize (GObject *object)
{
  LoketReviewPane *self = LOKET_REVIEW_PANE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->signatures);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->file);
  g_hash_table_unref (self->thumbs);
  g_hash_table_unref (self->thumb_pictures);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (loket_review_pane_parent_class)->finalize (object);
}

static void
loket_review_pane_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LoketReviewPane *self = LOKET_REVIEW_PANE (object);

  switch (prop_id)
    {
      case PROP_STATE:
        g_value_set_int (value, self->state);
        break;
      case PROP_PAGE:
        g_value_set_uint (value, loket_review_view_get_page (self->view));
        break;
      case PROP_CURRENT_HIT:
        g_value_set_int (value, self->current_hit);
        break;
      case PROP_SEARCH_FINISHED:
        g_value_set_boolean (value, loket_review_pane_get_search_finished (self));
        break;
      case PROP_SIGNATURES_CHECKED:
        g_value_set_boolean (value, self->signatures_checked);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_review_pane_class_init (LoketReviewPaneClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const char     *zoom_actions[]
    = { "review.zoom-in",  "review.zoom-out",    "review.zoom-reset",  "review.fit-width",
        "review.fit-page", "review.rotate-left", "review.rotate-right" };

  object_class->dispose = loket_review_pane_dispose;
  object_class->finalize = loket_review_pane_finalize;
  object_class->get_property = loket_review_pane_get_property;

  properties[PROP_STATE] = g_param_spec_int (
    "state", NULL, NULL, LOKET_REVIEW_STATE_EMPTY, LOKET_REVIEW_STATE_ERROR,
    LOKET_REVIEW_STATE_EMPTY, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE]
    = g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_HIT]
    = g_param_spec_int ("current-hit", NULL, NULL, -1, G_MAXINT, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_FINISHED]
    = g_param_spec_boolean ("search-finished", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNATURES_CHECKED]
    = g_param_spec_boolean ("signatures-checked", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LoketReviewPane::region-selected:
   * @page: 0-based page
   * @x, @y, @width, @height: the region in PDF points, origin top left of the unrotated page
   *
   * A region was dragged out in region mode (loket_review_pane_set_region_mode).
   */
  signals[SIGNAL_REGION_SELECTED] = g_signal_new (
    "region-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
    G_TYPE_NONE, 5, G_TYPE_UINT, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  g_type_ensure (LOKET_TYPE_REVIEW_VIEW);
  g_type_ensure (LOKET_TYPE_SIGNATURE_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/review/loket-review-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, toolbar);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, page_entry);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, n_pages_label);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, search_button);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, hits_label);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, signature_panel);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, stack);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, spinner);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, error_page);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, password_entry);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, password_error_label);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, thumbnails);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewPane, view);
  gtk_widget_class_bind_template_callback (widget_class, page_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_zoom_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_region_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);

  for (guint i = 0; i < G_N_ELEMENTS (zoom_actions); i++)
    gtk_widget_class_install_action (widget_class, zoom_actions[i], NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "review.zoom-to", "d", zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "review.find", NULL, find_action_cb);
  gtk_widget_class_install_action (widget_class, "review.next-hit", NULL, hit_action_cb);
  gtk_widget_class_install_action (widget_class, "review.previous-hit", NULL, hit_action_cb);
  gtk_widget_class_install_action (widget_class, "review.copy", NULL, copy_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "review.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "review.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "review.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "review.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "review.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "review.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "review.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "review.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "review.zoom-out",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "review.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "review.find",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "review.copy",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "review.next-hit",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "review.previous-hit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "review.rotate-right", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "loket-review-pane");
}

static void
loket_review_pane_init (LoketReviewPane *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->signatures = g_list_store_new (LOKET_TYPE_SIGNATURE_INFO);
  self->thumbs = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->thumb_pictures = g_hash_table_new (NULL, NULL);
  self->current_hit = -1;

  g_signal_connect (factory, "setup", G_CALLBACK (thumb_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (thumb_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (thumb_unbind_cb), self);
  gtk_list_view_set_factory (self->thumbnails, factory);
  g_object_unref (factory);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (search_mode_changed_cb), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  update_page_entry (self);
  update_zoom_label (self);
  update_actions (self);
}

/* ---- Public API ----------------------------------------------------------------------------- */

GtkWidget *
loket_review_pane_new (void)
{
  return g_object_new (LOKET_TYPE_REVIEW_PANE, NULL);
}

void
loket_review_pane_load_bytes (LoketReviewPane *self, GBytes *bytes)
{
  g_return_if_fail (LOKET_IS_REVIEW_PANE (self));
  g_return_if_fail (bytes != NULL);

  g_clear_object (&self->file);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->bytes = g_bytes_ref (bytes);
  load (self, NULL);
}

void
loket_review_pane_load_file (LoketReviewPane *self, GFile *file)
{
  g_return_if_fail (LOKET_IS_REVIEW_PANE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_set_object (&self->file, file);
  load (self, NULL);
}

void
loket_review_pane_unlock (LoketReviewPane *self, const char *password)
{
  g_return_if_fail (LOKET_IS_REVIEW_PANE (self));
  g_return_if_fail (password != NULL);

  if (self->bytes == NULL && self->file == NULL)
    return;
  load (self, password);
}

void
loket_review_pane_show_error (LoketReviewPane *self, const GError *error)
{
  g_return_if_fail (LOKET_IS_REVIEW_PANE (self));
  g_return_if_fail (error != NULL);

  close_document (self);
  g_clear_object (&self->file);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  show_error (self, error);
  self->error = g_error_copy (error);
  set_state (self, LOKET_REVIEW_STATE_ERROR);
  update_actions (self);
}

LoketReviewState
loket_review_pane_get_state (LoketReviewPane *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_PANE (self), LOKET_REVIEW_STATE_EMPTY);
  return self->state;
}

const GError *
loket_review_pane_get_error (LoketReviewPane *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_PANE (self), NULL);
  return self->error;
}

guint
loket_review_pane_get_n_pages (LoketReviewPane *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_PANE (self), 0);
  return self->doc != NULL ? loket_pdf_document_get_n_pages (self->doc) : 0;
}

guint
loket_review_pane_get_page (LoketReviewPane *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_PANE (self), 0);
  return loket_review_view_get_page (self->view);
}

void
loket_review_pane_set_page (LoketReviewPane *self, guint page)
{
  g_return_if_fail (LOKET_IS_REVIEW_PANE (self));
  loket_review_view_set_page (self->view, page);
}

LoketReviewView *
loket_review_pane_get_view (LoketReviewPane *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_PANE (self), NULL);
  return self->view;
}

void
loket_review_pane_search (LoketReviewPane *self, const char *text)
{
  g_return_if_fail (LOKET_IS_REVIEW_PANE (self));
  g_return_if_fail (text != NULL);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  start_search (self, text);
}

gboolean
loket_review_pane_get_search_finished (LoketReviewPane *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_PANE (self), FALSE);
  return self->find_job != NULL && loket_find_job_get_finished (self->find_job);
}

guint
loket_review_pane_get_n_hits (LoketReviewPane *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_PANE (self), 0);
  return n_hits (self);
}

int
loket_review_pane_get_current_hit (LoketReviewPane *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_PANE (self), -1);
  return self->current_hit;
}

LoketSearchHit *
loket_review_pane_get_current_hit_object (LoketReviewPane *self)
{
  g_autoptr (LoketSearchHit) hit = NULL;

  g_return_val_if_fail (LOKET_IS_REVIEW_PANE (self), NULL);

  if (self->current_hit < 0 || (guint) self->current_hit >= n_hits (self))
    return NULL;
  hit = g_list_model_get_item (loket_find_job_get_hits (self->find_job), self->current_hit);
  return hit; /* the model keeps it alive */
}

GListModel *
loket_review_pane_get_signatures (LoketReviewPane *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_PANE (self), NULL);
  return G_LIST_MODEL (self->signatures);
}

gboolean
loket_review_pane_get_signatures_checked (LoketReviewPane *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_PANE (self), FALSE);
  return self->signatures_checked;
}

const char *
loket_review_pane_get_signature_summary (LoketReviewPane *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_PANE (self), "");
  return loket_signature_panel_get_summary (self->signature_panel);
}

void
loket_review_pane_set_region_mode (LoketReviewPane *self, gboolean region_mode)
{
  g_return_if_fail (LOKET_IS_REVIEW_PANE (self));
  loket_review_view_set_region_mode (self->view, region_mode);
}

void
loket_review_pane_set_markers (LoketReviewPane *self, GListModel *markers)
{
  g_return_if_fail (LOKET_IS_REVIEW_PANE (self));
  g_return_if_fail (markers == NULL || G_IS_LIST_MODEL (markers));
  loket_review_view_set_markers (self->view, markers);
}
