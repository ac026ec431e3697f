// SPDX-License-Identifier: GPL-3.0-or-later
// The Loket application: actions, about window, and the main window on activate.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-application.h"
#include "loket-bench-report.h"
#include "loket-window.h"

struct _LoketApplication
{
  AdwApplication parent_instance;

  /* Owned references */
  char *database;

  gint64 started; /* monotonic µs, for LOKET_BENCH_REPORT */
};

G_DEFINE_FINAL_TYPE (LoketApplication, loket_application, ADW_TYPE_APPLICATION)

enum
{
  PROP_0,
  PROP_DATABASE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
quit_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList        *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows lets them save their state and cancel their work. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (app);
}

static void
about_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication    *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "Loket contributors", NULL };
  GtkWidget         *about;

  about = g_object_new (
    ADW_TYPE_ABOUT_WINDOW, "transient-for", gtk_application_get_active_window (app),
    "application-name", _ ("Loket"), "application-icon", APP_ID, "version", PACKAGE_VERSION,
    "developer-name", _ ("The Loket developers"), "developers", developers, "comments",
    _ ("Service desk case management for Indonesian government "
       "offices: register applications, follow them through "
       "disposition, drafting and signature, and keep every "
       "deadline in working days."),
    "license-type", GTK_LICENSE_GPL_3_0, "copyright", _ ("© 2026 The Loket developers"),
    /* Translators: put your names here, one per line */
    "translator-credits", _ ("translator-credits"), NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action_cb },
  { .name = "about", .activate = about_action_cb },
  { .name = "shortcuts", .activate = shortcuts_action_cb },
};

static void
loket_application_activate (GApplication *application)
{
  LoketApplication *self = LOKET_APPLICATION (application);
  GtkWindow        *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      LoketWindow *main_window = loket_window_new (GTK_APPLICATION (self));

      loket_window_open (main_window, loket_application_get_database (self));
      window = GTK_WINDOW (main_window);
      if (loket_bench_report_enabled ())
        loket_bench_report_watch (main_window, application, self->started);
    }

  gtk_window_present (window);
}

static void
loket_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", "<Control><Shift>question", NULL };

  G_APPLICATION_CLASS (loket_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay",
                                         shortcuts_accels);
}

static int
loket_application_handle_local_options (GApplication *application, GVariantDict *options)
{
  LoketApplication *self = LOKET_APPLICATION (application);
  const char       *database = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (database);
      g_autofree char *path = g_file_get_path (file);

      loket_application_set_database (self, path != NULL ? path : database);
    }

  return -1;
}

static void
loket_application_finalize (GObject *object)
{
  LoketApplication *self = LOKET_APPLICATION (object);

  g_clear_pointer (&self->database, g_free);

  G_OBJECT_CLASS (loket_application_parent_class)->finalize (object);
}

static void
loket_application_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LoketApplication *self = LOKET_APPLICATION (object);

  switch (prop_id)
    {
      case PROP_DATABASE:
        g_value_set_string (value, loket_application_get_database (self));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_application_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LoketApplication *self = LOKET_APPLICATION (object);

  switch (prop_id)
    {
      case PROP_DATABASE:
        loket_application_set_database (self, g_value_get_string (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_application_class_init (LoketApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = loket_application_finalize;
  object_class->get_property = loket_application_get_property;
  object_class->set_property = loket_application_set_property;
  app_class->activate = loket_application_activate;
  app_class->startup = loket_application_startup;
  app_class->handle_local_options = loket_application_handle_local_options;

  properties[PROP_DATABASE]
    = g_param_spec_string ("database", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
loket_application_init (LoketApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_ ("The case database to open (default: ~/.local/share/loket/loket.db)"), N_ ("FILE") },
    { NULL },
  };

  self->started = g_get_monotonic_time ();
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

LoketApplication *
loket_application_new (void)
{
  return g_object_new (LOKET_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_DEFAULT_FLAGS, "resource-base-path", RESOURCE_BASE, NULL);
}

const char *
loket_application_get_database (LoketApplication *self)
{
  g_return_val_if_fail (LOKET_IS_APPLICATION (self), NULL);

  if (self->database == NULL)
    self->database = g_build_filename (g_get_user_data_dir (), "loket", "loket.db", NULL);
  return self->database;
}

void
loket_application_set_database (LoketApplication *self, const char *path)
{
  g_return_if_fail (LOKET_IS_APPLICATION (self));

  if (g_strcmp0 (self->database, path) == 0)
    return;

  g_free (self->database);
  self->database = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
}
