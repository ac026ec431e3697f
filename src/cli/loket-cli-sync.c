// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli sync`: one sync round of a database with loket-server (src/sync/PROTOCOL.md).
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "loket-cli-private.h"
#include "loket-error.h"
#include "loket-store-sync.h"
#include "loket-sync-engine.h"

#define MAX_PASSWORD_BYTES 1024

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Waiter;

static void
done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Waiter *waiter = data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

static GAsyncResult *
wait (Waiter *waiter)
{
  g_clear_object (&waiter->result);
  g_main_loop_run (waiter->loop);
  return waiter->result;
}

/* The password: the file's first line (no trailing newline), non-empty. */
static char *
read_password (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;
  char            *newline;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (length > MAX_PASSWORD_BYTES || memchr (contents, '\0', length) != NULL)
    {
      memset (contents, 0, length);
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The password file “%s” is not a one-line text file"), path);
      return NULL;
    }
  newline = strpbrk (contents, "\r\n");
  if (newline != NULL)
    *newline = '\0';
  if (*contents == '\0')
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The password file “%s” is empty"), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

static int
fail_sync (GError *error)
{
  g_autofree char *message = loket_sync_error_to_message (error);

  fprintf (stderr, "loket-cli sync: %s\n", message);
  /* The details (English or the store's text) for whoever reads the log. */
  if (error->domain == LOKET_SYNC_ERROR
      || g_strcmp0 (loket_sync_error_to_code (error), "offline") == 0)
    fprintf (stderr, "loket-cli sync: (%s: %s)\n", loket_sync_error_to_code (error),
             error->message);
  return LOKET_CLI_EXIT_FAILED;
}

int
loket_cli_sync (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *password = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketStoreSync) journal = NULL;
  g_autoptr (LoketSyncEngine) engine = NULL;
  g_autoptr (LoketSyncSession) session = NULL;
  g_autoptr (LoketSyncReport) report = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Waiter       waiter = { loop, NULL };
  guint64      n_pending = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_ ("Database file (made if missing)"), N_ ("FILE") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_ ("Server address, e.g. https://loket.example.go.id"), N_ ("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_ ("User name on the server"), N_ ("NAME") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_ ("File whose first line is the password"), N_ ("FILE") },
    { NULL },
  };

  if (!loket_cli_parse_options ("sync",
                                _ ("Send this database’s new events and attachments to the "
                                   "server, then receive everyone else’s."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL || server == NULL || user == NULL || password_file == NULL)
    return loket_cli_usage_error ("sync",
                                  _ ("--db, --server, --user and --password-file are required"));

  password = read_password (password_file, &error);
  if (password == NULL)
    return loket_cli_fail (error);

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, FALSE, &error))
    return loket_cli_fail (error);
  journal = loket_store_sync_new (ctx->store);
  engine = loket_sync_engine_new (LOKET_SYNC_JOURNAL (journal), server,
                                  loket_store_get_device_id (ctx->store), &error);
  if (engine == NULL)
    return loket_cli_fail (error);

  loket_sync_engine_login_async (engine, user, password, NULL, done_cb, &waiter);
  memset (password, 0, strlen (password));
  session = loket_sync_engine_login_finish (engine, wait (&waiter), &error);
  if (session == NULL)
    {
      g_clear_object (&waiter.result);
      return fail_sync (error);
    }
  g_debug ("Signed in as %s (%s)", session->username, session->agency);

  loket_sync_engine_sync_async (engine, NULL, done_cb, &waiter);
  report = loket_sync_engine_sync_finish (engine, wait (&waiter), &error);
  g_clear_object (&waiter.result);
  if (report == NULL)
    return fail_sync (error);

  if (!loket_sync_journal_count_pending (LOKET_SYNC_JOURNAL (journal), &n_pending, &error))
    return loket_cli_fail (error);
  printf (_ ("pushed: %u events (%u already on the server), %u attachments\n"), report->n_pushed,
          report->n_duplicates, report->n_blobs_pushed);
  printf (_ ("pulled: %u events in %u pages, %u attachments; cursor %lld\n"), report->n_pulled,
          report->n_pages, report->n_blobs_pulled, (long long) report->cursor);
  printf (_ ("pending: %llu\n"), (unsigned long long) n_pending);
  printf (_ ("letter numbers: %u blocks leased, %u pending letters numbered\n"), report->n_leases,
          report->n_numbered);
  printf (_ ("reference data: %u documents updated\n"), report->n_reference);
  return LOKET_CLI_EXIT_OK;
}
