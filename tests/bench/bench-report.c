// SPDX-License-Identifier: GPL-3.0-or-later
// The service performance report and backups on a demo database: reading the cases, counting,
// each export, and a backup, its check and a restore. Figures, never pass/fail.
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-fixture.h"
#include "loket-backup.h"
#include "loket-report-export.h"
#include "loket-store-report.h"

static int   n_cases = 20000;
static char *db_path = NULL;

static GOptionEntry entries[] = {
  { "cases", 0, 0, G_OPTION_ARG_INT, &n_cases, "Cases in the demo database (default 20000)", "N" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Reuse/keep this database (default: temporary)",
    "FILE" },
  { NULL }
};

static double
ms_since (GTimer *timer)
{
  return g_timer_elapsed (timer, NULL) * 1000.0;
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) octx = g_option_context_new ("- Loket report and backup benchmark");
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketBench) bench = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autoptr (GPtrArray) cases = NULL;
  g_autoptr (GHashTable) outcomes = NULL;
  g_autoptr (LoketReport) report = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (LoketBackupInfo) info = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-bench-report-XXXXXX", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "r.xlsx", NULL);
  g_autofree char *archive = g_build_filename (dir, "b.lbak", NULL);
  g_autofree char *restored = g_build_filename (dir, "restored.db", NULL);
  g_autofree char *csv = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  LoketReportParams params = { 0 };
  GStatBuf st;
  double ms;

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  bench = loket_bench_open (db_path, (guint) n_cases, "Loket report and backup benchmark");

  g_timer_start (timer);
  if (!loket_store_load_report_input (bench->store, &cases, &outcomes, &error))
    g_error ("%s", error->message);
  loket_bench_row ("report: read every case and outcome", ms_since (timer), "ms", "(info)");

  params.now = g_date_time_to_unix (now);
  g_date_clear (&params.from, 1);
  g_date_clear (&params.to, 1);
  g_date_set_dmy (&params.from, 1, 1, g_date_time_get_year (now) - 1);
  g_date_set_dmy (&params.to, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_timer_start (timer);
  report = loket_report_compute (&params, cases, outcomes, bench->catalog, bench->org,
                                 bench->calendar, &error);
  if (report == NULL)
    g_error ("%s", error->message);
  loket_bench_row ("report: count every table (2 years)", ms_since (timer), "ms", "(info)");

  g_timer_start (timer);
  csv = loket_report_to_csv (report);
  loket_bench_row ("report: CSV", ms_since (timer), "ms", "(info)");
  g_timer_start (timer);
  if (!loket_report_write_xlsx (report, xlsx, &error))
    g_error ("%s", error->message);
  loket_bench_row ("report: XLSX", ms_since (timer), "ms", "(info)");
  g_timer_start (timer);
  pdf = loket_report_render_pdf (report, NULL, &error);
  if (pdf == NULL)
    g_error ("%s", error->message);
  loket_bench_row ("report: PDF", ms_since (timer), "ms", "(info)");

  g_timer_start (timer);
  if (!loket_backup_create (bench->store, archive, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  ms = ms_since (timer);
  g_stat (archive, &st);
  loket_bench_row ("backup: write the archive", ms, "ms", "(info)");
  loket_bench_row ("backup: rate", st.st_size / 1048576.0 / (ms / 1000.0), "MiB/s", "(info)");
  g_timer_start (timer);
  info = loket_backup_verify (archive, NULL, &error);
  if (info == NULL)
    g_error ("%s", error->message);
  loket_bench_row ("backup: check every checksum", ms_since (timer), "ms", "(info)");
  g_timer_start (timer);
  if (!loket_backup_restore (archive, restored, FALSE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  loket_bench_row ("backup: restore", ms_since (timer), "ms", "(info)");

  g_unlink (xlsx);
  g_unlink (archive);
  g_unlink (restored);
  {
    g_autofree char *blobs = g_strconcat (restored, ".blobs", NULL);
    g_rmdir (blobs);
  }
  g_rmdir (dir);
  return 0;
}
