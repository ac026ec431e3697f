// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli check --db FILE` and `loket-cli rebuild --db FILE`.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "loket-cli-private.h"

static gboolean
parse_db_only (const char *command, const char *summary, int *argc, char ***argv, char **db)
{
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, db, N_("Database file"), N_("FILE") },
    { NULL }
  };

  if (!loket_cli_parse_options (command, summary, entries, argc, argv))
    return FALSE;
  if (*db == NULL)
    {
      loket_cli_usage_error (command, _("--db is required"));
      return FALSE;
    }
  return TRUE;
}

int
loket_cli_check (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketStoreCheckReport) report = NULL;

  if (!parse_db_only ("check", _("Check a database: SQLite integrity, every case’s hash chain, "
                                 "every blob and every projection."), &argc, &argv, &db))
    return LOKET_CLI_EXIT_USAGE;

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  report = loket_store_check (ctx->store, &error);
  if (report == NULL)
    return loket_cli_fail (error);

  for (guint i = 0; i < report->problems->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (report->problems, i));
  printf (_("%u events, %u cases, %u blobs: %u problems\n"), report->n_events, report->n_cases,
          report->n_blobs, report->problems->len);
  return report->problems->len == 0 ? LOKET_CLI_EXIT_OK : LOKET_CLI_EXIT_FAILED;
}

int
loket_cli_rebuild (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (GTimer) timer = NULL;

  if (!parse_db_only ("rebuild", _("Recompute every case projection and the search index from "
                                   "the events."), &argc, &argv, &db))
    return LOKET_CLI_EXIT_USAGE;

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  timer = g_timer_new ();
  if (!loket_store_rebuild_projections (ctx->store, &error))
    return loket_cli_fail (error);
  printf (_("Projections rebuilt in %.2f s\n"), g_timer_elapsed (timer, NULL));
  return LOKET_CLI_EXIT_OK;
}
