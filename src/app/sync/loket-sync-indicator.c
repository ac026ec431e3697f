// SPDX-License-Identifier: GPL-3.0-or-later
// LoketSyncIndicator: binds LoketSyncEngine's state to an icon and a label.
#include "config.h"

#include "loket-sync-indicator.h"

#include <glib/gi18n.h>

struct _LoketSyncIndicator
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkMenuButton *button;
  GtkImage      *icon;
  GtkLabel      *label;
  GtkLabel      *detail_label;
  GtkLabel      *server_label;
  GtkWidget     *sync_button;
  GtkWidget     *sign_in_button;

  LoketSyncEngine *engine;
};

G_DEFINE_FINAL_TYPE (LoketSyncIndicator, loket_sync_indicator, GTK_TYPE_WIDGET)

static void
update (LoketSyncIndicator *self)
{
  g_autofree char *text = NULL;
  const char      *icon = "network-offline-symbolic";
  const char      *detail = NULL;
  g_autofree char *detail_owned = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->label), "warning");
  if (self->engine == NULL)
    {
      text = g_strdup (_ ("Not signed in"));
      detail = _ ("Sign in to the server to send this PC’s work and receive the office’s.");
      gtk_label_set_text (self->server_label, "");
      gtk_widget_set_visible (self->sync_button, FALSE);
      gtk_widget_set_visible (self->sign_in_button, TRUE);
    }
  else
    {
      const char *code = loket_sync_engine_get_error_code (self->engine);

      text = loket_sync_engine_describe_status (self->engine);
      gtk_label_set_text (self->server_label, loket_sync_engine_get_base_url (self->engine));
      gtk_widget_set_visible (self->sync_button, TRUE);
      gtk_widget_set_visible (self->sign_in_button, g_strcmp0 (code, "unauthorized") == 0);
      switch (loket_sync_engine_get_status (self->engine))
        {
          case LOKET_SYNC_STATUS_SYNCED:
            icon = "emblem-ok-symbolic";
            detail = _ ("Every change of this PC is on the server.");
            break;
          case LOKET_SYNC_STATUS_PENDING:
          case LOKET_SYNC_STATUS_IDLE:
            icon = "emblem-synchronizing-symbolic";
            detail = _ ("Changes made on this PC are kept and sent at the next sync.");
            break;
          case LOKET_SYNC_STATUS_OFFLINE:
            icon = "network-offline-symbolic";
            gtk_widget_add_css_class (GTK_WIDGET (self->label), "warning");
            detail_owned = g_strdup_printf (
              g_dngettext (GETTEXT_PACKAGE,
                           "The server cannot be reached. %llu change is kept on this PC and "
                           "sent when it can.",
                           "The server cannot be reached. %llu changes are kept on this PC and "
                           "sent when it can.",
                           (gulong) loket_sync_engine_get_n_pending (self->engine)),
              (unsigned long long) loket_sync_engine_get_n_pending (self->engine));
            break;
          case LOKET_SYNC_STATUS_ERROR:
            icon = "dialog-warning-symbolic";
            gtk_widget_add_css_class (GTK_WIDGET (self->label), "error");
            detail_owned = g_strdup (text);
            g_free (text);
            text = g_strdup (_ ("Sync failed"));
            break;
        }
      if (loket_sync_engine_get_syncing (self->engine))
        icon = "emblem-synchronizing-symbolic";
    }
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_label_set_text (self->label, text);
  gtk_label_set_text (self->detail_label, detail_owned != NULL ? detail_owned : detail);
}

static void
loket_sync_indicator_dispose (GObject *object)
{
  LoketSyncIndicator *self = LOKET_SYNC_INDICATOR (object);

  loket_sync_indicator_set_engine (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_SYNC_INDICATOR);
  G_OBJECT_CLASS (loket_sync_indicator_parent_class)->dispose (object);
}

static void
loket_sync_indicator_class_init (LoketSyncIndicatorClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_sync_indicator_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/loketapp/Loket/ui/sync/"
                                                             "loket-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, LoketSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, LoketSyncIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, LoketSyncIndicator, detail_label);
  gtk_widget_class_bind_template_child (widget_class, LoketSyncIndicator, server_label);
  gtk_widget_class_bind_template_child (widget_class, LoketSyncIndicator, sync_button);
  gtk_widget_class_bind_template_child (widget_class, LoketSyncIndicator, sign_in_button);
}

static void
loket_sync_indicator_init (LoketSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
loket_sync_indicator_new (void)
{
  return g_object_new (LOKET_TYPE_SYNC_INDICATOR, NULL);
}

void
loket_sync_indicator_set_engine (LoketSyncIndicator *self, LoketSyncEngine *engine)
{
  g_return_if_fail (LOKET_IS_SYNC_INDICATOR (self));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_func (self->engine, update, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_object (engine, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

const char *
loket_sync_indicator_get_label (LoketSyncIndicator *self)
{
  g_return_val_if_fail (LOKET_IS_SYNC_INDICATOR (self), NULL);
  return gtk_label_get_text (self->label);
}
