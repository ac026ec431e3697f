// SPDX-License-Identifier: GPL-3.0-or-later
// loket-server: the central sync server (src/sync/PROTOCOL.md).

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "loket-server-admin.h"
#include "loket-server.h"

static gboolean verbose;

/* INFO and above always (a server's log is its record), DEBUG only with --verbose; to the
 * journal when started by systemd, else to stderr. Nothing above debug names a person. */
static GLogWriterOutput
log_writer (GLogLevelFlags log_level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  g_autofree char *line = NULL;

  if ((log_level & G_LOG_LEVEL_DEBUG) && !verbose)
    return G_LOG_WRITER_HANDLED;
  if (g_log_writer_is_journald (fileno (stderr))
      && g_log_writer_journald (log_level, fields, n_fields, user_data) == G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;
  line = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);
  fprintf (stderr, "%s\n", line);
  fflush (stderr);
  return G_LOG_WRITER_HANDLED;
}

typedef struct
{
  GMainLoop   *loop;
  LoketServer *server;
  gboolean     stopping;
} Context;

static gboolean
stopped_cb (gpointer data)
{
  Context *ctx = data;

  g_main_loop_quit (ctx->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
signal_cb (gpointer data)
{
  Context *ctx = data;

  if (!ctx->stopping)
    {
      ctx->stopping = TRUE;
      loket_server_shutdown (ctx->server, stopped_cb, ctx);
    }
  return G_SOURCE_CONTINUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) options = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServerConfig) config = loket_server_config_new ();
  g_autofree char *config_file = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *database = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  int              port = -1;
  gboolean         version = FALSE;
  Context          ctx = { 0 };
  GOptionEntry     entries[] = {
        { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_file, "Configuration file", "FILE" },
        { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Address to listen on", "ADDRESS" },
        { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port (0: any free port)", "PORT" },
        { "database", 'd', 0, G_OPTION_ARG_STRING, &database, "libpq connection string", "CONNINFO" },
        { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Reference data directory", "DIR" },
        { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, "TLS certificate (PEM)", "FILE" },
        { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, "TLS private key (PEM)", "FILE" },
        { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Log debug messages", NULL },
        { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version", NULL },
        { NULL },
  };

  setlocale (LC_ALL, "");
  g_log_set_writer_func (log_writer, NULL, NULL);

  options = g_option_context_new ("[admin COMMAND …] — the Loket sync server");
  g_option_context_add_main_entries (options, entries, NULL);
  /* Everything after "admin" belongs to the admin command. */
  g_option_context_set_strict_posix (options, TRUE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      fprintf (stderr, "loket-server: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      printf ("loket-server %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (config_file != NULL && !loket_server_config_load (config, config_file, &error))
    {
      fprintf (stderr, "loket-server: %s: %s\n", config_file, error->message);
      return 2;
    }
#define OVERRIDE(field, value)                                                                     \
  if ((value) != NULL)                                                                             \
    {                                                                                              \
      g_free (config->field);                                                                      \
      config->field = g_strdup (value);                                                            \
    }
  OVERRIDE (listen_address, listen);
  OVERRIDE (database, database);
  OVERRIDE (data_dir, data_dir);
  OVERRIDE (tls_certificate, tls_cert);
  OVERRIDE (tls_key, tls_key);
#undef OVERRIDE
  if (port >= 0)
    {
      if (port > 65535)
        {
          fprintf (stderr, "loket-server: --port must be 0–65535\n");
          return 2;
        }
      config->port = port;
    }
  config->verbose = verbose;

  if (argc > 1 && g_str_equal (argv[1], "admin"))
    return loket_server_admin_run (config, argc - 2, argv + 2);
  if (argc > 1)
    {
      fprintf (stderr, "loket-server: unknown argument “%s”\n", argv[1]);
      return 2;
    }

  ctx.loop = g_main_loop_new (NULL, FALSE);
  ctx.server = loket_server_new (config, &error);
  if (ctx.server == NULL)
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "MESSAGE", "Cannot start: %s",
                        error->message);
      g_main_loop_unref (ctx.loop);
      return 1;
    }
  g_unix_signal_add (SIGTERM, signal_cb, &ctx);
  g_unix_signal_add (SIGINT, signal_cb, &ctx);

  /* Tests and scripts read the URL (with the real port) from this first stdout line. */
  printf ("listening on %s\n", loket_server_get_url (ctx.server));
  fflush (stdout);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "LOKET_URL", loket_server_get_url (ctx.server),
                    "MESSAGE", "Listening on %s", loket_server_get_url (ctx.server));

  g_main_loop_run (ctx.loop);

  loket_server_free (ctx.server);
  g_main_loop_unref (ctx.loop);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "MESSAGE", "Stopped");
  return 0;
}
