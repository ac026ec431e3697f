// SPDX-License-Identifier: GPL-3.0-or-later
// The signature panel of the review pane: a banner over the document and, on demand, a row per
// signature (signer, time, valid or not, changed after signing, certificate).

#include "config.h"

#include <glib/gi18n.h>

#include "loket-format.h"
#include "loket-signature-info.h"
#include "loket-signature-panel.h"

struct _LoketSignaturePanel
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkRevealer     *revealer;
  GtkInfoBar      *bar;
  GtkImage        *icon;
  GtkLabel        *label;
  GtkToggleButton *details_button;
  GtkListBox      *list;

  /* Owned references */
  GListModel *signatures;
  char       *summary;
};

G_DEFINE_FINAL_TYPE (LoketSignaturePanel, loket_signature_panel, GTK_TYPE_WIDGET)

static const char *
certificate_text (LoketCertificateStatus status)
{
  switch (status)
    {
      case LOKET_CERTIFICATE_TRUSTED:
        return _ ("Certificate trusted");
      case LOKET_CERTIFICATE_UNKNOWN_ISSUER:
        return _ ("Certificate issuer not known to this computer");
      case LOKET_CERTIFICATE_EXPIRED:
        return _ ("Certificate expired");
      case LOKET_CERTIFICATE_REVOKED:
        return _ ("Certificate revoked");
      case LOKET_CERTIFICATE_NOT_VERIFIED:
      default:
        return _ ("Certificate not verified");
    }
}

static const char *
status_text (LoketSignatureInfo *info)
{
  switch (loket_signature_info_get_status (info))
    {
      case LOKET_SIGNATURE_VALID:
        return loket_signature_info_get_covers_document (info)
                 ? _ ("Valid")
                 : _ ("Valid, but the document was changed after signing");
      case LOKET_SIGNATURE_CHANGED:
        return _ ("Not valid: the signed content was changed");
      case LOKET_SIGNATURE_INVALID:
      default:
        return _ ("Not valid: the signature is damaged");
    }
}

static GtkWidget *
create_signature_row (LoketSignatureInfo *info)
{
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *icon;
  const char      *signer = loket_signature_info_get_signer_name (info);
  GDateTime       *time = loket_signature_info_get_signing_time (info);
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  gboolean         intact = loket_signature_info_is_intact (info);
  gboolean         valid = loket_signature_info_get_status (info) == LOKET_SIGNATURE_VALID;

  if (time != NULL)
    when = loket_format_date_time (g_date_time_to_unix (time), NULL);
  else
    when = g_strdup (_ ("time unknown"));
  /* Translators: under a signer's name: "Valid · 22 Nov 2026 10:15 · Certificate trusted" */
  subtitle = g_strdup_printf (C_ ("signature row", "%s · %s · %s"), status_text (info), when,
                              certificate_text (loket_signature_info_get_certificate (info)));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 *signer != '\0' ? signer : _ ("Unknown signer"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  icon = gtk_image_new_from_icon_name (intact  ? "emblem-ok-symbolic"
                                       : valid ? "dialog-warning-symbolic"
                                               : "dialog-error-symbolic");
  gtk_widget_add_css_class (icon, intact ? "success" : valid ? "warning" : "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
show_signatures (LoketSignaturePanel *self)
{
  guint count = self->signatures != NULL ? g_list_model_get_n_items (self->signatures) : 0;
  guint n_broken = 0, n_changed_after = 0;
  g_autofree char *text = NULL;
  GtkWidget       *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < count; i++)
    {
      g_autoptr (LoketSignatureInfo) info = g_list_model_get_item (self->signatures, i);

      if (loket_signature_info_get_status (info) != LOKET_SIGNATURE_VALID)
        n_broken++;
      else if (!loket_signature_info_get_covers_document (info))
        n_changed_after++;
      gtk_list_box_append (self->list, create_signature_row (info));
    }

  if (count == 0)
    text = g_strdup ("");
  else if (n_broken > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "This document’s signature is NOT valid: the document "
                                         "was changed after it was signed, or the signature is "
                                         "damaged.",
                                         "%u of the document’s signatures are NOT valid: the "
                                         "document was changed after signing, or a signature is "
                                         "damaged.",
                                         count == 1 ? 1 : n_broken),
                            n_broken);
  else if (n_changed_after > 0 && count == 1)
    text = g_strdup (_ ("Signed, but the document was changed after it was signed."));
  else if (count == 1)
    {
      g_autoptr (LoketSignatureInfo) info = g_list_model_get_item (self->signatures, 0);
      const char *signer = loket_signature_info_get_signer_name (info);

      /* Translators: the banner over a signed document; %s is the signer's name */
      text = g_strdup_printf (_ ("Signed by %s. The signature is valid."),
                              *signer != '\0' ? signer : _ ("an unknown signer"));
    }
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Signed %u time. The signature is valid.",
                                         "Signed %u times. Every signature is valid.", count),
                            count);

  g_free (self->summary);
  self->summary = g_strdup (text);
  gtk_label_set_label (self->label, text);
  gtk_info_bar_set_message_type (self->bar, n_broken > 0          ? GTK_MESSAGE_ERROR
                                            : n_changed_after > 0 ? GTK_MESSAGE_WARNING
                                                                  : GTK_MESSAGE_INFO);
  gtk_image_set_from_icon_name (self->icon, n_broken > 0          ? "dialog-error-symbolic"
                                            : n_changed_after > 0 ? "dialog-warning-symbolic"
                                                                  : "security-high-symbolic");
  gtk_revealer_set_reveal_child (self->revealer, count > 0);
  /* A broken signature is shown in full at once. */
  gtk_toggle_button_set_active (self->details_button, n_broken > 0);
}

static void
loket_signature_panel_dispose (GObject *object)
{
  LoketSignaturePanel *self = LOKET_SIGNATURE_PANEL (object);

  g_clear_object (&self->signatures);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_SIGNATURE_PANEL);
  G_OBJECT_CLASS (loket_signature_panel_parent_class)->dispose (object);
}

static void
loket_signature_panel_finalize (GObject *object)
{
  g_free (LOKET_SIGNATURE_PANEL (object)->summary);
  G_OBJECT_CLASS (loket_signature_panel_parent_class)->finalize (object);
}

static void
loket_signature_panel_class_init (LoketSignaturePanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_signature_panel_dispose;
  object_class->finalize = loket_signature_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/review/loket-signature-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketSignaturePanel, revealer);
  gtk_widget_class_bind_template_child (widget_class, LoketSignaturePanel, bar);
  gtk_widget_class_bind_template_child (widget_class, LoketSignaturePanel, icon);
  gtk_widget_class_bind_template_child (widget_class, LoketSignaturePanel, label);
  gtk_widget_class_bind_template_child (widget_class, LoketSignaturePanel, details_button);
  gtk_widget_class_bind_template_child (widget_class, LoketSignaturePanel, list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "loket-signature-panel");
}

static void
loket_signature_panel_init (LoketSignaturePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
loket_signature_panel_new (void)
{
  return g_object_new (LOKET_TYPE_SIGNATURE_PANEL, NULL);
}

void
loket_signature_panel_set_signatures (LoketSignaturePanel *self, GListModel *signatures)
{
  g_return_if_fail (LOKET_IS_SIGNATURE_PANEL (self));
  g_return_if_fail (signatures == NULL || G_IS_LIST_MODEL (signatures));

  g_set_object (&self->signatures, signatures);
  show_signatures (self);
}

const char *
loket_signature_panel_get_summary (LoketSignaturePanel *self)
{
  g_return_val_if_fail (LOKET_IS_SIGNATURE_PANEL (self), "");
  return self->summary != NULL ? self->summary : "";
}
