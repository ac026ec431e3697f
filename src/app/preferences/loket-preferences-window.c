// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences: office profile, number formats, signing key, server, holidays.

#include "config.h"

#include "loket-preferences-window.h"

#include <glib/gi18n.h>

#include "loket-error.h"
#ifdef LOKET_HAVE_LETTERS
#include "loket-letter-office.h"
#endif
#include "loket-id-numbers.h"
#include "loket-number-register.h"
#include "loket-office-profile.h"
#include "loket-store-report.h"

#define RESOURCE_BASE "/io/github/loketapp/Loket"

struct _LoketPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwEntryRow         *name_row;
  AdwEntryRow         *address_row;
  AdwEntryRow         *place_row;
  GtkTextView         *letterhead_view;
  AdwActionRow        *logo_row;
  GtkPicture          *logo_picture;
  GtkWidget           *remove_logo_button;
  AdwEntryRow         *head_name_row;
  AdwEntryRow         *head_title_row;
  AdwEntryRow         *head_nip_row;
  AdwPreferencesGroup *registers_group;
  AdwEntryRow         *signing_key_row;
  AdwEntryRow         *server_row;
  AdwActionRow        *holidays_row;

  /* Owned references */
  LoketStore           *store;
  LoketWorkCalendar    *calendar;
  GSettings            *settings;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  GPtrArray            *registers; /* LoketNumberRegister, or NULL */
  char                 *message;

  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (LoketPreferencesWindow, loket_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* ---- messages ---- */

static void
show_message (LoketPreferencesWindow *self, const char *message)
{
  AdwToast *toast;

  g_free (self->message);
  self->message = g_strdup (message);
  /* The newest message first; older ones wait in the queue (dismissing a toast while it
   * animates crashed libadwaita 1.2 in the UI test). */
  toast = adw_toast_new (message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
mark_row (GtkWidget *row, const GError *error)
{
  if (error != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* ---- saving in a worker thread ---- */

typedef struct
{
  LoketStore *store;
  char       *key;
  char       *value;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->store);
  g_free (job->key);
  g_free (job->value);
  g_free (job);
}

static void
save_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError  *error = NULL;

  if (loket_store_set_setting (job->store, job->key, job->value, &error))
    {
#ifdef LOKET_HAVE_LETTERS
      g_autoptr (GHashTable) office = loket_store_get_settings (job->store, "office.", NULL);
      g_autoptr (LoketOfficeProfile) profile = loket_office_profile_new_from_settings (office);

      /* The next letter made carries the new values. */
      loket_letter_set_office_profile (profile);
#endif
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  LoketPreferencesWindow *self;

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = LOKET_PREFERENCES_WINDOW (source);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_ ("Could not save: %s"), error->message);

      show_message (self, message);
    }
  else
    show_message (self, _ ("Saved"));
}

static void
save (LoketPreferencesWindow *self, const char *key, const char *value)
{
  g_autoptr (GTask) task = g_task_new (self, self->cancellable, saved_cb, NULL);
  SaveJob *job = g_new0 (SaveJob, 1);

  job->store = g_object_ref (self->store);
  job->key = g_strdup (key);
  job->value = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

/* ---- office rows ---- */

static const char *
key_for_row (LoketPreferencesWindow *self, AdwEntryRow *row)
{
  if (row == self->name_row)
    return LOKET_OFFICE_NAME;
  if (row == self->address_row)
    return LOKET_OFFICE_ADDRESS;
  if (row == self->place_row)
    return LOKET_OFFICE_PLACE;
  if (row == self->head_name_row)
    return LOKET_OFFICE_HEAD_NAME;
  if (row == self->head_title_row)
    return LOKET_OFFICE_HEAD_TITLE;
  if (row == self->head_nip_row)
    return LOKET_OFFICE_HEAD_NIP;
  return NULL;
}

static void
text_row_applied_cb (LoketPreferencesWindow *self, AdwEntryRow *row)
{
  const char *key = key_for_row (self, row);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (key == NULL)
    return;
  if (row == self->head_nip_row && *text != '\0')
    ok = loket_nip_validate (text, &error);
  else
    ok = loket_office_check_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text,
                                  200, &error);
  mark_row (GTK_WIDGET (row), error);
  if (!ok)
    {
      show_message (self, error->message);
      return;
    }
  save (self, key, text);
}

static void
letterhead_save_cb (LoketPreferencesWindow *self)
{
  GtkTextBuffer   *buffer = gtk_text_view_get_buffer (self->letterhead_view);
  GtkTextIter      start, end;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  mark_row (GTK_WIDGET (self->letterhead_view), NULL);
  if (!loket_office_check_letterhead (text, &error))
    {
      mark_row (GTK_WIDGET (self->letterhead_view), error);
      show_message (self, error->message);
      return;
    }
  save (self, LOKET_OFFICE_LETTERHEAD, text);
}

static void
show_logo (LoketPreferencesWindow *self, GBytes *png)
{
  g_autoptr (GdkTexture) texture = png != NULL ? gdk_texture_new_from_bytes (png, NULL) : NULL;

  gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (texture));
  gtk_widget_set_sensitive (self->remove_logo_button, texture != NULL);
}

/* ---- file choosers ---- */

typedef enum
{
  CHOOSE_LOGO,
  CHOOSE_SIGNING_KEY,
  CHOOSE_HOLIDAYS,
} ChooseWhat;

static gboolean
check_logo_size (guint64 size, GError **error)
{
  if (size <= LOKET_OFFICE_LOGO_MAX_BYTES)
    return TRUE;
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
               _ ("The logo is %lu KiB; it may be at most %lu KiB"), (unsigned long) (size / 1024),
               (unsigned long) (LOKET_OFFICE_LOGO_MAX_BYTES / 1024));
  return FALSE;
}

static void
logo_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketPreferencesWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  g_autofree char *b64 = NULL;

  if (png != NULL && check_logo_size (g_bytes_get_size (png), &error))
    loket_office_check_logo_png (png, &error);
  mark_row (GTK_WIDGET (self->logo_row), error);
  if (error != NULL)
    {
      show_message (self, error->message);
      return;
    }
  b64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  show_logo (self, png);
  save (self, LOKET_OFFICE_LOGO, b64);
}

static void
logo_info_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketPreferencesWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, &error);

  /* Refuse a big file before reading it. */
  if (info != NULL)
    check_logo_size ((guint64) g_file_info_get_size (info), &error);
  if (error != NULL)
    {
      mark_row (GTK_WIDGET (self->logo_row), error);
      show_message (self, error->message);
      return;
    }
  g_file_load_bytes_async (G_FILE (source), NULL, logo_loaded_cb, g_steal_pointer (&self));
}

/* Reads the chosen logo off the main loop (the file may be on a slow share), checks and saves it.
 */
static void
logo_chosen (LoketPreferencesWindow *self, GFile *file)
{
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, NULL, logo_info_cb, g_object_ref (self));
}

static void
signing_key_applied_cb (LoketPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->signing_key_row));
  g_autoptr (GError) error = NULL;

  loket_office_check_signing_key (text, &error);
  mark_row (GTK_WIDGET (self->signing_key_row), error);
  if (error != NULL)
    {
      show_message (self, error->message);
      return;
    }
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "signing-key", text);
  show_message (self, _ ("Saved"));
}

static void
server_applied_cb (LoketPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  g_autoptr (GError) error = NULL;

  loket_office_check_server_url (text, &error);
  mark_row (GTK_WIDGET (self->server_row), error);
  if (error != NULL)
    {
      show_message (self, error->message);
      return;
    }
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "server-url", text);
  show_message (self, _ ("Saved"));
}

static void
update_holidays_row (LoketPreferencesWindow *self, int imported)
{
  g_autofree char *subtitle = NULL;
  int              first = 0, last = 0;

  if (self->calendar == NULL)
    return;
  loket_work_calendar_get_range (self->calendar, &first, &last);
  if (imported != 0)
    /* Translators: %d are years: the loaded range, then the year just imported */
    subtitle = g_strdup_printf (_ ("%d–%d; %d imported"), first, last, imported);
  else if (loket_work_calendar_year_is_provisional (self->calendar, last))
    /* Translators: %d are years; the last year's dates are expected, not official yet */
    subtitle = g_strdup_printf (_ ("%d–%d (%d provisional)"), first, last, last);
  else
    subtitle = g_strdup_printf ("%d–%d", first, last);
  adw_action_row_set_subtitle (self->holidays_row, subtitle);
}

/* Worker thread: the file may sit on a slow share. */
static void
import_holidays_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (task_data);
  GError          *error = NULL;
  int              year = 0;

  if (path == NULL)
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _ ("Only files on this computer or a mounted share can be imported"));
  if (error == NULL && loket_work_calendar_import_file (path, &year, &error))
    g_task_return_int (task, year);
  else
    g_task_return_error (task, error);
}

static void
holidays_imported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoketPreferencesWindow *self = LOKET_PREFERENCES_WINDOW (source);
  g_autoptr (GTask) task = user_data;
  g_autofree char *message = NULL;
  GError          *error = NULL;
  gssize           year = g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL)
    {
      show_message (self, error->message);
      mark_row (GTK_WIDGET (self->holidays_row), error);
      g_task_return_error (task, error);
      return;
    }
  mark_row (GTK_WIDGET (self->holidays_row), NULL);
  /* Translators: a toast; %d is a year */
  message = g_strdup_printf (_ ("Holidays of %d imported; they count from the next start"),
                             (int) year);
  show_message (self, message);
  update_holidays_row (self, (int) year);
  g_task_return_boolean (task, TRUE);
}

void
loket_preferences_window_import_holidays_async (LoketPreferencesWindow *self,
                                                GFile                  *file,
                                                GCancellable           *cancellable,
                                                GAsyncReadyCallback     callback,
                                                gpointer                user_data)
{
  g_autoptr (GTask) outer = NULL;
  g_autoptr (GTask) worker = NULL;

  g_return_if_fail (LOKET_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, loket_preferences_window_import_holidays_async);
  /* The worker's result comes back to the window first, which shows it, then to the caller. */
  worker = g_task_new (self, cancellable, holidays_imported_cb, g_steal_pointer (&outer));
  g_task_set_task_data (worker, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (worker, import_holidays_thread);
}

gboolean
loket_preferences_window_import_holidays_finish (LoketPreferencesWindow *self,
                                                 GAsyncResult           *result,
                                                 GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
chooser_response_cb (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  LoketPreferencesWindow *self = user_data;
  ChooseWhat what = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "loket-choose"));
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  switch (what)
    {
      case CHOOSE_LOGO:
        logo_chosen (self, file);
        break;
      case CHOOSE_SIGNING_KEY:
        {
          g_autofree char *path = g_file_get_path (file);

          gtk_editable_set_text (GTK_EDITABLE (self->signing_key_row), path != NULL ? path : "");
          signing_key_applied_cb (self);
        }
        break;
      case CHOOSE_HOLIDAYS:
      default:
        loket_preferences_window_import_holidays_async (self, file, NULL, NULL, NULL);
        break;
    }
}

static void
choose (LoketPreferencesWindow *self,
        ChooseWhat              what,
        const char             *title,
        const char             *pattern,
        const char             *filter_name)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (
    title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "loket-choose", GINT_TO_POINTER (what));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
choose_logo_cb (LoketPreferencesWindow *self)
{
  choose (self, CHOOSE_LOGO, _ ("Choose the Office Logo"), "*.png", _ ("PNG images"));
}

static void
remove_logo_cb (LoketPreferencesWindow *self)
{
  show_logo (self, NULL);
  save (self, LOKET_OFFICE_LOGO, NULL);
}

static void
choose_signing_key_cb (LoketPreferencesWindow *self)
{
  choose (self, CHOOSE_SIGNING_KEY, _ ("Choose the Signing Certificate"), "*.p12",
          _ ("PKCS#12 files"));
}

static void
choose_holidays_cb (LoketPreferencesWindow *self)
{
  choose (self, CHOOSE_HOLIDAYS, _ ("Import a Holiday File"), "*.json", _ ("Holiday files (JSON)"));
}

/* ---- registers ---- */

static void
register_applied_cb (AdwEntryRow *row, LoketPreferencesWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "loket-key");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr (GError) error = NULL;

  if (!loket_number_template_check (text, &error))
    {
      g_autofree char *message = g_strdup_printf (_ ("Number format: %s"), error->message);

      mark_row (GTK_WIDGET (row), error);
      show_message (self, message);
      return;
    }
  mark_row (GTK_WIDGET (row), NULL);
  save (self, key, text);
}

static void
fill_registers (LoketPreferencesWindow *self, GHashTable *settings)
{
  g_autoptr (GError) error = NULL;

  self->registers = loket_number_registers_new_default (&error);
  for (guint i = 0; self->registers != NULL && i < self->registers->len; i++)
    {
      const LoketNumberRegister *reg = g_ptr_array_index (self->registers, i);
      g_autofree char *key = g_strdup_printf ("register.%s/%s.template", reg->agency_id, reg->id);
      g_autofree char *title = g_strdup_printf ("%s — %s", reg->name, reg->agency_id);
      const char      *own = g_hash_table_lookup (settings, key);
      GtkWidget       *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), own != NULL ? own : reg->template);
      g_object_set_data_full (G_OBJECT (row), "loket-key", g_steal_pointer (&key), g_free);
      gtk_widget_set_name (row, reg->id);
      g_signal_connect (row, "apply", G_CALLBACK (register_applied_cb), self);
      adw_preferences_group_add (self->registers_group, row);
    }
}

/* ---- loading ---- */

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError     *error = NULL;
  GHashTable *settings = loket_store_get_settings (task_data, "", &error);

  if (settings == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, settings, (GDestroyNotify) g_hash_table_unref);
}

static void
set_row_text (AdwEntryRow *row, GHashTable *settings, const char *key)
{
  const char *value = g_hash_table_lookup (settings, key);

  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
}

static void
loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) settings = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (LoketOfficeProfile) profile = NULL;
  LoketPreferencesWindow *self;
  const char             *letterhead;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = LOKET_PREFERENCES_WINDOW (source);
  if (settings == NULL)
    {
      show_message (self, error->message);
      return;
    }
  set_row_text (self->name_row, settings, LOKET_OFFICE_NAME);
  set_row_text (self->address_row, settings, LOKET_OFFICE_ADDRESS);
  set_row_text (self->place_row, settings, LOKET_OFFICE_PLACE);
  set_row_text (self->head_name_row, settings, LOKET_OFFICE_HEAD_NAME);
  set_row_text (self->head_title_row, settings, LOKET_OFFICE_HEAD_TITLE);
  set_row_text (self->head_nip_row, settings, LOKET_OFFICE_HEAD_NIP);
  letterhead = g_hash_table_lookup (settings, LOKET_OFFICE_LETTERHEAD);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->letterhead_view),
                            letterhead != NULL ? letterhead : "", -1);
  profile = loket_office_profile_new_from_settings (settings);
  show_logo (self, profile->logo_png);
  fill_registers (self, settings);
  self->loaded = TRUE;
}

/* ---- GObject ---- */

static void
loket_preferences_window_dispose (GObject *object)
{
  LoketPreferencesWindow *self = LOKET_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (loket_preferences_window_parent_class)->dispose (object);
}

static void
loket_preferences_window_finalize (GObject *object)
{
  LoketPreferencesWindow *self = LOKET_PREFERENCES_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->calendar);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->registers, g_ptr_array_unref);
  g_free (self->message);
  G_OBJECT_CLASS (loket_preferences_window_parent_class)->finalize (object);
}

static void
loket_preferences_window_class_init (LoketPreferencesWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_preferences_window_dispose;
  object_class->finalize = loket_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE
                                               "/ui/preferences/loket-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, place_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, letterhead_view);
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, remove_logo_button);
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, head_name_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, head_title_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, head_nip_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, registers_group);
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, signing_key_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, LoketPreferencesWindow, holidays_row);
  gtk_widget_class_bind_template_callback (widget_class, text_row_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, letterhead_save_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_logo_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_logo_cb);
  gtk_widget_class_bind_template_callback (widget_class, signing_key_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_signing_key_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_holidays_cb);
}

static void
loket_preferences_window_init (LoketPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

LoketPreferencesWindow *
loket_preferences_window_new (GtkWindow         *parent,
                              LoketStore        *store,
                              LoketWorkCalendar *calendar,
                              GSettings         *settings)
{
  LoketPreferencesWindow *self
    = g_object_new (LOKET_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  g_autoptr (GTask) task = NULL;

  self->store = g_object_ref (store);
  self->calendar = calendar != NULL ? g_object_ref (calendar) : NULL;
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  if (settings != NULL)
    {
      g_autofree char *url = g_settings_get_string (settings, "server-url");
      g_autofree char *key = g_settings_get_string (settings, "signing-key");

      gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
      gtk_editable_set_text (GTK_EDITABLE (self->signing_key_row), key);
    }
  update_holidays_row (self, 0);
  task = g_task_new (self, self->cancellable, loaded_cb, NULL);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, load_thread);
  return self;
}

const char *
loket_preferences_window_get_message (LoketPreferencesWindow *self)
{
  g_return_val_if_fail (LOKET_IS_PREFERENCES_WINDOW (self), NULL);

  return self->message;
}

gboolean
loket_preferences_window_is_loaded (LoketPreferencesWindow *self)
{
  g_return_val_if_fail (LOKET_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->loaded;
}
