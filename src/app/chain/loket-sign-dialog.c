// SPDX-License-Identifier: GPL-3.0-or-later
// "Tandatangani" (loket-sign-dialog.h).

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "loket-sign-dialog.h"
#include "loket-signer-pkcs11.h"
#include "loket-signer-pkcs12.h"
#include "loket-signoff.h"

struct _LoketSignDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkWidget           *cancel_button;
  GtkWidget           *sign_button;
  GtkWidget           *select_all_button;
  AdwPreferencesGroup *letters_group;
  GtkListBox          *letters_list;
  AdwActionRow        *key_row;
  GtkWidget           *pin_row;
  GtkProgressBar      *progress_bar;
  GtkLabel            *status_label;

  /* Owned references */
  LoketStore   *store;
  char         *person_id;
  char         *signing_key;
  char         *case_uuid;
  char         *draft_id;
  GPtrArray    *queue;   /* (element LoketDraftQueueItem) */
  GPtrArray    *checks;  /* (element GtkCheckButton, borrowed) parallel to queue */
  GPtrArray    *rows;    /* (element AdwActionRow, borrowed) parallel to queue */
  GPtrArray    *results; /* (element LoketSignoffResult) */
  GPtrArray    *batch;   /* (element guint) queue indices of the running batch */
  GCancellable *cancellable;

  guint loading : 1;
  guint signing : 1;
};

G_DEFINE_FINAL_TYPE (LoketSignDialog, loket_sign_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_SIGNED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

typedef char LoketSecret; /* a PIN or passphrase: wiped before it is freed */

static void
wipe (LoketSecret *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSecret, wipe)

static guint
n_checked (LoketSignDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < self->checks->len; i++)
    n += gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  return n;
}

static void
update_sign_button (LoketSignDialog *self)
{
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));
  guint       n = n_checked (self);

  gtk_widget_set_sensitive (self->sign_button, !self->loading && !self->signing
                                                 && self->signing_key != NULL && n > 0
                                                 && pin != NULL && *pin != '\0');
  gtk_widget_set_sensitive (self->pin_row, !self->signing && self->signing_key != NULL);
  gtk_widget_set_sensitive (self->select_all_button,
                            !self->signing && self->queue != NULL && self->queue->len > 0);
}

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "rekomendasi") == 0)
    return _ ("Recommendation");
  if (g_strcmp0 (kind, "surat_izin") == 0)
    return _ ("Permit");
  if (g_strcmp0 (kind, "surat_keputusan") == 0)
    return _ ("Decree");
  if (g_strcmp0 (kind, "surat_jawaban") == 0)
    return _ ("Reply letter");
  return kind != NULL ? kind : _ ("Letter");
}

static void
fill_rows (LoketSignDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->letters_list))) != NULL)
    gtk_list_box_remove (self->letters_list, child);
  g_ptr_array_set_size (self->checks, 0);
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; self->queue != NULL && i < self->queue->len; i++)
    {
      const LoketDraftQueueItem *item = g_ptr_array_index (self->queue, i);
      GtkWidget                 *row = adw_action_row_new ();
      GtkWidget                 *check = gtk_check_button_new ();
      const char                *agenda = loket_case_get_agenda_number (item->kase);
      const char                *subject = loket_case_get_subject (item->kase);
      const char                *applicant = loket_case_get_applicant_name (item->kase);
      g_autofree char           *title = NULL;
      g_autofree char           *subtitle = NULL;
      gboolean                   preselected
        = self->draft_id == NULL
          || (g_strcmp0 (self->draft_id, item->draft_id) == 0
              && g_strcmp0 (self->case_uuid, loket_case_get_uuid (item->kase)) == 0);

      /* Translators: agenda number · kind of letter · version */
      title = g_strdup_printf (_ ("%s · %s, version %u"), agenda != NULL ? agenda : "—",
                               kind_label (item->kind), item->version);
      subtitle = g_strdup_printf ("%s%s%s%s", applicant != NULL ? applicant : "",
                                  subject != NULL && applicant != NULL ? " — " : "",
                                  subject != NULL ? subject : "",
                                  item->delegated ? _ (" (as Plh./Plt.)") : "");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), preselected);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_sign_button), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->letters_list, row);
      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->rows, row);
    }
  if (self->queue != NULL && self->queue->len == 0)
    gtk_label_set_text (self->status_label, _ ("Nothing awaits your signature."));
  update_sign_button (self);
}

static void
queue_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketSignDialog) self = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;
  GPtrArray *queue = loket_store_list_draft_queue_finish (LOKET_STORE (source), result, &error);

  g_weak_ref_clear (user_data);
  g_free (user_data);
  if (self == NULL)
    {
      g_clear_pointer (&queue, g_ptr_array_unref);
      return;
    }
  self->loading = FALSE;
  if (queue == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status_label, error->message);
      update_sign_button (self);
      return;
    }
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  self->queue = queue;
  fill_rows (self);
}

/* ---- Signing ------------------------------------------------------------------------------ */

typedef struct
{
  char        *key;
  LoketSecret *pin;
} OpenKey;

static void
open_key_free (OpenKey *data)
{
  g_free (data->key);
  wipe (data->pin);
  g_free (data);
}

static void
open_key_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  OpenKey     *data = task_data;
  GError      *error = NULL;
  LoketSigner *signer;

  if (g_str_has_prefix (data->key, "pkcs11:"))
    signer = (LoketSigner *) loket_pkcs11_signer_new (data->key, data->pin, &error);
  else
    signer = (LoketSigner *) loket_pkcs12_signer_new (data->key, data->pin, &error);
  if (signer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, signer, g_object_unref);
}

static void
finish_batch (LoketSignDialog *self, GPtrArray *results, GError *error)
{
  guint n_ok = 0, n_pending = 0;

  self->signing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _ ("_Close"));
  if (results == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why (e.g. a wrong PIN) */
      text = g_strdup_printf (_ ("Nothing was signed: %s"), error->message);
      gtk_label_set_text (self->status_label, text);
      update_sign_button (self);
      return;
    }
  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->results = g_ptr_array_ref (results);
  for (guint i = 0; i < results->len && i < self->batch->len; i++)
    {
      const LoketSignoffResult *r = g_ptr_array_index (results, i);
      guint                     index = GPOINTER_TO_UINT (g_ptr_array_index (self->batch, i));
      AdwActionRow             *row = g_ptr_array_index (self->rows, index);
      GtkWidget                *check = g_ptr_array_index (self->checks, index);
      GtkWidget                *icon
        = gtk_image_new_from_icon_name (r->ok ? "object-select-symbolic" : "dialog-error-symbolic");
      g_autofree char *text = NULL;

      gtk_widget_add_css_class (icon, r->ok ? "success" : "error");
      adw_action_row_add_suffix (row, icon);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
      gtk_widget_set_sensitive (check, !r->ok);
      if (r->ok && r->number != NULL)
        /* Translators: %s is the letter's number (nomor surat) */
        text = g_strdup_printf (_ ("Signed — number %s"), r->number);
      else if (r->ok)
        text = g_strdup (_ ("Signed — number pending (no number block on this computer)"));
      else
        /* Translators: %s says why */
        text = g_strdup_printf (_ ("Not signed: %s"), r->error->message);
      adw_action_row_set_subtitle (row, text);
      n_ok += r->ok;
      n_pending += r->ok && r->number == NULL;
    }
  {
    g_autofree char *summary = NULL;

    /* Translators: how many letters of a batch were signed */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u letter signed.",
                                            "%u of %u letters signed.", results->len),
                               n_ok, results->len);
    gtk_label_set_text (self->status_label, summary);
  }
  update_sign_button (self);
  if (n_ok > 0)
    g_signal_emit (self, signals[SIGNAL_SIGNED], 0, n_ok);
}

static void
progress_cb (guint done, guint total, gpointer user_data)
{
  g_autoptr (LoketSignDialog) self = g_weak_ref_get (user_data);
  g_autofree char *text = NULL;

  if (self == NULL)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
  /* Translators: progress of a batch signature: 3 of 20 */
  text = g_strdup_printf (_ ("%u of %u"), done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
weak_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
signed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketSignDialog) self = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) results = loket_signoff_sign_drafts_finish (result, &error);

  if (self != NULL)
    finish_batch (self, results, error);
  weak_free (user_data); /* the last user of the reference (see sign_clicked_cb) */
}

static void
key_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketSignDialog) self = g_weak_ref_get (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSigner) signer = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (GPtrArray) cases = NULL;
  g_autoptr (GPtrArray) drafts = NULL;

  if (self == NULL || signer == NULL)
    {
      if (self != NULL)
        finish_batch (self, NULL, error);
      weak_free (user_data);
      return;
    }
  cases = g_ptr_array_new ();
  drafts = g_ptr_array_new ();
  for (guint i = 0; i < self->batch->len; i++)
    {
      const LoketDraftQueueItem *item
        = g_ptr_array_index (self->queue, GPOINTER_TO_UINT (g_ptr_array_index (self->batch, i)));

      g_ptr_array_add (cases, (gpointer) loket_case_get_uuid (item->kase));
      g_ptr_array_add (drafts, item->draft_id);
    }
  g_ptr_array_add (cases, NULL);
  g_ptr_array_add (drafts, NULL);
  loket_signoff_sign_drafts_async (self->store, signer, self->person_id, NULL,
                                   (const char *const *) cases->pdata,
                                   (const char *const *) drafts->pdata, progress_cb, user_data,
                                   self->cancellable, signed_cb, user_data);
}

static void
sign_clicked_cb (LoketSignDialog *self)
{
  g_autoptr (GTask) task = NULL;
  OpenKey  *data;
  GWeakRef *ref;

  if (!gtk_widget_get_sensitive (self->sign_button))
    return;
  g_ptr_array_set_size (self->batch, 0);
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (self->batch, GUINT_TO_POINTER (i));
  if (self->batch->len == 0)
    return;

  data = g_new0 (OpenKey, 1);
  data->key = g_strdup (self->signing_key);
  data->pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pin_row)));
  /* The entry forgets the PIN at once; the copy is wiped once the key is open. */
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");

  self->signing = TRUE;
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _ ("Opening the signing key…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_label_set_text (self->status_label, "");
  update_sign_button (self);

  /* One weak reference serves the key task, each progress call and the batch; the batch
   * callback is the last user and frees it (the GTask keeps the data alive until then). */
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  task = g_task_new (NULL, self->cancellable, key_opened_cb, ref);
  g_task_set_source_tag (task, sign_clicked_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) open_key_free);
  g_task_run_in_thread (task, open_key_thread);
}

static void
select_all_clicked_cb (LoketSignDialog *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_widget_get_sensitive (g_ptr_array_index (self->checks, i)))
      gtk_check_button_set_active (g_ptr_array_index (self->checks, i), TRUE);
}

static void
cancel_clicked_cb (LoketSignDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
loket_sign_dialog_dispose (GObject *object)
{
  LoketSignDialog *self = LOKET_SIGN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_SIGN_DIALOG);
  G_OBJECT_CLASS (loket_sign_dialog_parent_class)->dispose (object);
}

static void
loket_sign_dialog_finalize (GObject *object)
{
  LoketSignDialog *self = LOKET_SIGN_DIALOG (object);

  g_clear_object (&self->store);
  g_free (self->person_id);
  g_free (self->signing_key);
  g_free (self->case_uuid);
  g_free (self->draft_id);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->batch, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (loket_sign_dialog_parent_class)->finalize (object);
}

static void
loket_sign_dialog_class_init (LoketSignDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_sign_dialog_dispose;
  object_class->finalize = loket_sign_dialog_finalize;

  signals[SIGNAL_SIGNED] = g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/loketapp/Loket/ui/chain/"
                                                             "loket-sign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketSignDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LoketSignDialog, sign_button);
  gtk_widget_class_bind_template_child (widget_class, LoketSignDialog, select_all_button);
  gtk_widget_class_bind_template_child (widget_class, LoketSignDialog, letters_group);
  gtk_widget_class_bind_template_child (widget_class, LoketSignDialog, letters_list);
  gtk_widget_class_bind_template_child (widget_class, LoketSignDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, LoketSignDialog, pin_row);
  gtk_widget_class_bind_template_child (widget_class, LoketSignDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LoketSignDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, sign_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, select_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_sign_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
loket_sign_dialog_init (LoketSignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->checks = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();
  self->batch = g_ptr_array_new ();
}

GtkWidget *
loket_sign_dialog_new (GtkWindow  *parent,
                       LoketStore *store,
                       const char *person_id,
                       const char *signing_key,
                       const char *case_uuid,
                       const char *draft_id)
{
  LoketSignDialog *self;
  GWeakRef        *ref;

  g_return_val_if_fail (LOKET_IS_STORE (store), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  self = g_object_new (LOKET_TYPE_SIGN_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->person_id = g_strdup (person_id);
  self->signing_key = signing_key != NULL && *signing_key != '\0' ? g_strdup (signing_key) : NULL;
  self->case_uuid = g_strdup (case_uuid);
  self->draft_id = g_strdup (draft_id);
  if (self->signing_key != NULL)
    {
      g_autofree char *base = g_path_get_basename (self->signing_key);

      adw_action_row_set_subtitle (
        self->key_row, g_str_has_prefix (self->signing_key, "pkcs11:") ? self->signing_key : base);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->key_row), self->signing_key);
    }
  else
    {
      adw_action_row_set_subtitle (self->key_row, _ ("No signing key is set up on this computer "
                                                     "(Preferences → Signing key)"));
      gtk_widget_add_css_class (GTK_WIDGET (self->key_row), "error");
    }

  self->loading = TRUE;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  loket_store_list_draft_queue_async (store, person_id, LOKET_DRAFT_QUEUE_SIGNATURE, 0,
                                      self->cancellable, queue_loaded_cb, ref);
  update_sign_button (self);
  return GTK_WIDGET (self);
}

GtkListBox *
loket_sign_dialog_get_list (LoketSignDialog *self)
{
  g_return_val_if_fail (LOKET_IS_SIGN_DIALOG (self), NULL);
  return self->letters_list;
}

GtkEditable *
loket_sign_dialog_get_pin (LoketSignDialog *self)
{
  g_return_val_if_fail (LOKET_IS_SIGN_DIALOG (self), NULL);
  return GTK_EDITABLE (self->pin_row);
}

GtkWidget *
loket_sign_dialog_get_sign_button (LoketSignDialog *self)
{
  g_return_val_if_fail (LOKET_IS_SIGN_DIALOG (self), NULL);
  return self->sign_button;
}

gboolean
loket_sign_dialog_get_busy (LoketSignDialog *self)
{
  g_return_val_if_fail (LOKET_IS_SIGN_DIALOG (self), FALSE);
  return self->loading || self->signing;
}

GPtrArray *
loket_sign_dialog_get_results (LoketSignDialog *self)
{
  g_return_val_if_fail (LOKET_IS_SIGN_DIALOG (self), NULL);
  return self->results;
}
