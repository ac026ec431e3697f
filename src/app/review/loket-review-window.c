// SPDX-License-Identifier: GPL-3.0-or-later
// A window showing one document in the review pane.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-review-window.h"

struct _LoketReviewWindow
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  LoketReviewPane *pane;
};

G_DEFINE_FINAL_TYPE (LoketReviewWindow, loket_review_window, ADW_TYPE_WINDOW)

static void
loket_review_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LOKET_TYPE_REVIEW_WINDOW);
  G_OBJECT_CLASS (loket_review_window_parent_class)->dispose (object);
}

static void
loket_review_window_class_init (LoketReviewWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_review_window_dispose;

  g_type_ensure (LOKET_TYPE_REVIEW_PANE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/review/loket-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketReviewWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LoketReviewWindow, pane);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
loket_review_window_init (LoketReviewWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LoketReviewWindow *
loket_review_window_new (GtkApplication *application, const char *title)
{
  LoketReviewWindow *self
    = g_object_new (LOKET_TYPE_REVIEW_WINDOW, "application", application, NULL);

  adw_window_title_set_title (self->window_title, title != NULL ? title : _ ("Document"));
  gtk_window_set_title (GTK_WINDOW (self), title != NULL ? title : _ ("Document"));
  return self;
}

LoketReviewPane *
loket_review_window_get_pane (LoketReviewWindow *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_WINDOW (self), NULL);
  return self->pane;
}

LoketReviewWindow *
loket_review_window_open_file (GtkApplication *application, GFile *file)
{
  g_autofree char   *name = g_file_get_basename (file);
  LoketReviewWindow *self = loket_review_window_new (application, name);

  loket_review_pane_load_file (self->pane, file);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

LoketReviewWindow *
loket_review_window_open_bytes (GtkApplication *application, GBytes *bytes, const char *title)
{
  LoketReviewWindow *self = loket_review_window_new (application, title);

  loket_review_pane_load_bytes (self->pane, bytes);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
