// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli demo --db FILE --cases N [--seed S] [--agency ID]`: realistic demo cases.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "loket-cli-private.h"
#include "loket-demo.h"

static void
progress_cb (guint done, guint total, gpointer user_data)
{
  gboolean tty = GPOINTER_TO_INT (user_data);

  if (tty)
    fprintf (stderr, "\r%s", "");
  fprintf (stderr, _("%u of %u cases"), done, total);
  fputc (tty && done < total ? ' ' : '\n', stderr);
  fflush (stderr);
}

int
loket_cli_demo (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *agency = NULL;
  int n_cases = -1;
  int seed = 1;
  gboolean quiet = FALSE;
  g_autofree char *now_text = NULL;
  gint64 now = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Database file (created if missing)"), N_("FILE") },
    { "cases", 0, 0, G_OPTION_ARG_INT, &n_cases, N_("Number of cases to add"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed: the same seed gives the same cases"), "S" },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &agency, N_("Only this agency’s services"), N_("ID") },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, N_("Pretend today is DATE (YYYY-MM-DD); default: today"), N_("DATE") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not print progress"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();

  if (!loket_cli_parse_options ("demo", _("Fill a database with demo cases."), entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL)
    return loket_cli_usage_error ("demo", _("--db is required"));
  if (n_cases < 1 || n_cases > 10000000)
    return loket_cli_usage_error ("demo", _("--cases must be a number from 1 to 10000000"));

  if (now_text != NULL)
    {
      g_autofree char *iso = g_strconcat (now_text, "T16:00:00+08:00", NULL);
      g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

      if (dt == NULL || strlen (now_text) != 10)
        return loket_cli_usage_error ("demo", _("--now must be a date like 2026-11-20"));
      now = g_date_time_to_unix (dt);
    }

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL)
    return loket_cli_fail (error);
  if (agency != NULL && loket_service_catalog_lookup_agency (ctx->catalog, agency) == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("unknown agency “%s”"), agency);
      return loket_cli_usage_error ("demo", msg);
    }
  if (!loket_cli_context_open_store (ctx, db, FALSE, &error))
    return loket_cli_fail (error);
  if (!loket_demo_populate (ctx->store, ctx->catalog, ctx->org, (guint) n_cases, (guint32) seed,
                            agency, now, quiet ? NULL : progress_cb,
                            GINT_TO_POINTER (isatty (STDERR_FILENO)), &error))
    return loket_cli_fail (error);
  if (!quiet)
    fprintf (stderr, _("Added %d demo cases to %s in %.1f s\n"), n_cases, db,
             g_timer_elapsed (timer, NULL));
  return LOKET_CLI_EXIT_OK;
}
