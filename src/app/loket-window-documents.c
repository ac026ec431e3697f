// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's document actions: "Open Document…" (Ctrl+O) and opening a case's
// attachment from the store, each in a review window.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-attachment.h"
#include "loket-window-private.h"
#include "review/loket-review-window.h"

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, LoketWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        loket_review_window_open_file (gtk_window_get_application (GTK_WINDOW (self)), file);
    }
  g_object_unref (chooser);
}

static void
open_document_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  LoketWindow          *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) documents = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_ ("Open Document"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  gtk_file_filter_set_name (documents, _ ("PDF Documents and Images"));
  gtk_file_filter_add_mime_type (documents, "application/pdf");
  gtk_file_filter_add_mime_type (documents, "image/png");
  gtk_file_filter_add_mime_type (documents, "image/jpeg");
  gtk_file_filter_add_suffix (documents, "pdf");
  gtk_file_filter_add_suffix (documents, "png");
  gtk_file_filter_add_suffix (documents, "jpg");
  gtk_file_filter_add_suffix (documents, "jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), documents);
  gtk_file_filter_set_name (all, _ ("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  LoketStore *store;
  char       *sha256;
  char       *file_name;
} BlobRead;

static void
blob_read_free (BlobRead *read)
{
  g_clear_object (&read->store);
  g_free (read->sha256);
  g_free (read->file_name);
  g_free (read);
}

static void
read_blob_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  BlobRead *read = task_data;
  GError   *error = NULL;
  GBytes   *bytes = loket_store_read_blob (read->store, read->sha256, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
blob_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GtkApplication) application = user_data;
  BlobRead *read = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);
  LoketReviewWindow *window = loket_review_window_new (application, read->file_name);

  /* A missing or damaged blob gets the review window's error page, not a silent failure. */
  if (bytes == NULL)
    loket_review_pane_show_error (loket_review_window_get_pane (window), error);
  else
    loket_review_pane_load_bytes (loket_review_window_get_pane (window), bytes);
  gtk_window_present (GTK_WINDOW (window));
}

/* win.open-attachment ("(ss)": sha256, file name) */
static void
open_attachment_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  LoketWindow *self = user_data;
  g_autoptr (GTask) task = NULL;
  BlobRead       *read;
  GtkApplication *application;
  const char     *sha256, *file_name;

  g_variant_get (parameter, "(&s&s)", &sha256, &file_name);
  if (self->store == NULL || !loket_attachment_is_valid_sha256 (sha256))
    return;
  read = g_new0 (BlobRead, 1);
  read->store = g_object_ref (self->store);
  read->sha256 = g_strdup (sha256);
  read->file_name = g_strdup (file_name);
  application = gtk_window_get_application (GTK_WINDOW (self));
  task = g_task_new (NULL, NULL, blob_read_cb,
                     application != NULL ? g_object_ref (application) : NULL);
  g_task_set_source_tag (task, open_attachment_action_cb);
  g_task_set_task_data (task, read, (GDestroyNotify) blob_read_free);
  g_task_run_in_thread (task, read_blob_thread);
}

static const GActionEntry document_actions[] = {
  { .name = "open-document", .activate = open_document_action_cb },
  { .name = "open-attachment", .activate = open_attachment_action_cb, .parameter_type = "(ss)" },
};

void
_loket_window_setup_documents (LoketWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), document_actions,
                                   G_N_ELEMENTS (document_actions), self);
}
