// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli report`, `backup`, `restore`, `holidays` and `office`: reports and an office's own
// set-up without a developer (issue 8).
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "loket-backup.h"
#include "loket-cli-private.h"
#include "loket-error.h"
#include "loket-id-numbers.h"
#include "loket-number-register.h"
#include "loket-office-profile.h"
#include "loket-report-export.h"
#include "loket-report.h"
#include "loket-store-report.h"

static gboolean
parse_date (const char *text, GDate *date, const char *option, GError **error)
{
  g_date_clear (date, 1);
  if (text != NULL)
    {
      int  y, m, d;
      char extra;

      if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 && g_date_valid_dmy (d, m, y))
        {
          g_date_set_dmy (date, d, m, y);
          return TRUE;
        }
    }
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
               _ ("%s needs a date written YYYY-MM-DD (got “%s”)"), option,
               text != NULL ? text : "");
  return FALSE;
}

static gboolean
parse_now (const char *text, gint64 *now, GError **error)
{
  g_autoptr (GDateTime) dt = NULL;

  if (text == NULL)
    {
      *now = g_get_real_time () / G_USEC_PER_SEC;
      return TRUE;
    }
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("--now needs a time with its UTC offset, e.g. 2026-10-01T16:00:00+08:00"));
      return FALSE;
    }
  *now = g_date_time_to_unix (dt);
  return TRUE;
}

/* The PDF's kop and signature block: the office profile of the database, else the catalog's
 * agency (with --agency). */
static LoketOfficeProfile *
office_profile (LoketCliContext *ctx, const char *agency_id)
{
  g_autoptr (GHashTable) settings = loket_store_get_settings (ctx->store, "office.", NULL);
  LoketOfficeProfile *profile = loket_office_profile_new_from_settings (settings);
  LoketAgency        *agency
    = agency_id != NULL ? loket_service_catalog_lookup_agency (ctx->catalog, agency_id) : NULL;
  char **kop = loket_office_profile_dup_kop (profile);

  if (kop == NULL && agency != NULL)
    {
      g_autofree char *upper = g_utf8_strup (loket_agency_get_name (agency), -1);
      const char      *lines[] = { upper, loket_agency_get_address (agency), NULL };

      kop = g_strdupv ((char **) lines);
    }
  g_strfreev (profile->letterhead);
  profile->letterhead = kop;
  return profile;
}

int
loket_cli_report (int argc, char **argv)
{
  g_autofree char *db = NULL, *from = NULL, *to = NULL, *format = NULL, *out = NULL;
  g_autofree char *service = NULL, *agency = NULL, *now_text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (GPtrArray) cases = NULL;
  g_autoptr (GHashTable) outcomes = NULL;
  g_autoptr (LoketReport) report = NULL;
  g_autoptr (GTimer) timer = NULL;
  LoketReportParams params = { 0 };
  GOptionEntry      entries[]
    = { { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_ ("Database file"), N_ ("FILE") },
        { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_ ("First day of the period"),
          N_ ("YYYY-MM-DD") },
        { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_ ("Last day of the period"), N_ ("YYYY-MM-DD") },
        { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_ ("csv, xlsx or pdf (default csv)"),
          N_ ("FORMAT") },
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
          N_ ("Write the report to FILE (csv: - for "
              "standard output)"),
          N_ ("FILE") },
        { "service", 0, 0, G_OPTION_ARG_STRING, &service, N_ ("Only this service"), N_ ("ID") },
        { "agency", 0, 0, G_OPTION_ARG_STRING, &agency, N_ ("Only this agency"), N_ ("ID") },
        { "now", 0, 0, G_OPTION_ARG_STRING, &now_text,
          N_ ("Count “late now” at this time (ISO 8601; default: the clock)"), N_ ("TIME") },
        { NULL } };

  if (!loket_cli_parse_options ("report",
                                _ ("Service performance report for a period: per service, "
                                   "unit, officer and complaint channel."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL || from == NULL || to == NULL || out == NULL)
    return loket_cli_usage_error ("report", _ ("--db, --from, --to and -o are required"));
  if (format == NULL)
    format = g_strdup ("csv");
  if (strcmp (format, "csv") != 0 && strcmp (format, "xlsx") != 0 && strcmp (format, "pdf") != 0)
    return loket_cli_usage_error ("report", _ ("--format must be csv, xlsx or pdf"));
  if (!parse_date (from, &params.from, "--from", &error)
      || !parse_date (to, &params.to, "--to", &error) || !parse_now (now_text, &params.now, &error))
    {
      loket_cli_usage_error ("report", error->message);
      return LOKET_CLI_EXIT_USAGE;
    }
  if ((strcmp (format, "csv") != 0 || strcmp (out, "-") != 0)
      && g_file_test (out, G_FILE_TEST_IS_DIR))
    return loket_cli_usage_error ("report", _ ("-o names a folder; give a file name"));
  params.service_id = service;
  params.agency_id = agency;

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  if (service != NULL && loket_service_catalog_lookup (ctx->catalog, service) == NULL)
    {
      g_set_error (&error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("No service “%s” in the catalog"),
                   service);
      return loket_cli_fail (error);
    }
  timer = g_timer_new ();
  if (!loket_store_load_report_input (ctx->store, &cases, &outcomes, &error))
    return loket_cli_fail (error);
  g_debug ("Read %u cases and %u outcomes in %.2f s", cases->len, g_hash_table_size (outcomes),
           g_timer_elapsed (timer, NULL));
  g_timer_start (timer);
  report = loket_report_compute (&params, cases, outcomes, ctx->catalog, ctx->org, ctx->calendar,
                                 &error);
  if (report == NULL)
    return loket_cli_fail (error);
  g_debug ("Counted in %.2f s", g_timer_elapsed (timer, NULL));

  if (strcmp (format, "csv") == 0)
    {
      g_autofree char *csv = loket_report_to_csv (report);

      if (strcmp (out, "-") == 0)
        fputs (csv, stdout);
      else if (!g_file_set_contents (out, csv, -1, &error))
        return loket_cli_fail (error);
    }
  else if (strcmp (format, "xlsx") == 0)
    {
      if (!loket_report_write_xlsx (report, out, &error))
        return loket_cli_fail (error);
    }
  else
    {
      g_autoptr (LoketOfficeProfile) profile = office_profile (ctx, agency);
      LoketReportPdfOptions options = { (const char *const *) profile->letterhead,
                                        profile->logo_png,
                                        profile->place,
                                        profile->head_title,
                                        profile->head_name,
                                        profile->head_nip };
      g_autoptr (GBytes) pdf = loket_report_render_pdf (report, &options, &error);

      if (pdf == NULL
          || !g_file_set_contents (out, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                   &error))
        return loket_cli_fail (error);
    }
  return LOKET_CLI_EXIT_OK;
}

int
loket_cli_backup (int argc, char **argv)
{
  g_autofree char *db = NULL, *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketBackupInfo) info = NULL;
  GOptionEntry entries[]
    = { { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_ ("Database file"), N_ ("FILE") },
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("The backup archive to write"),
          N_ ("ARCHIVE") },
        { NULL } };

  if (!loket_cli_parse_options ("backup",
                                _ ("Write the database and every attachment to one "
                                   "archive with checksums (safe while Loket runs)."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL || out == NULL)
    return loket_cli_usage_error ("backup", _ ("--db and -o are required"));
  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  if (!loket_backup_create (ctx->store, out, NULL, NULL, NULL, &error))
    return loket_cli_fail (error);
  info = loket_backup_verify (out, NULL, &error);
  if (info == NULL)
    return loket_cli_fail (error);
  printf (_ ("Backup written to %s: database %lu KiB, %u attachments (%lu KiB), checked\n"), out,
          (unsigned long) (info->database_size / 1024), info->n_blobs,
          (unsigned long) (info->blobs_size / 1024));
  return LOKET_CLI_EXIT_OK;
}

int
loket_cli_restore (int argc, char **argv)
{
  g_autofree char *db = NULL, *archive = NULL;
  gboolean         force = FALSE, check_only = FALSE;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketBackupInfo) info = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_ ("Database file to restore into"), N_ ("FILE") },
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &archive, N_ ("The backup archive"), N_ ("ARCHIVE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_ ("Replace an existing database"), NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check_only, N_ ("Only check the archive"), NULL },
    { NULL }
  };

  if (!loket_cli_parse_options ("restore",
                                _ ("Restore a backup archive after checking every "
                                   "checksum; an existing database is kept unless "
                                   "--force."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (archive == NULL || (db == NULL && !check_only))
    return loket_cli_usage_error ("restore", _ ("-i and --db are required"));
  info = loket_backup_verify (archive, NULL, &error);
  if (info == NULL)
    return loket_cli_fail (error);
  if (check_only)
    {
      printf (_ ("%s: a Loket backup of %s (schema %d), %u attachments, every checksum matches\n"),
              archive, info->created_at, info->schema_version, info->n_blobs);
      return LOKET_CLI_EXIT_OK;
    }
  if (!loket_backup_restore (archive, db, force, NULL, NULL, NULL, &error))
    return loket_cli_fail (error);
  printf (_ ("Restored %s from %s (made %s, %u attachments)\n"), db, archive, info->created_at,
          info->n_blobs);
  return LOKET_CLI_EXIT_OK;
}

int
loket_cli_holidays (int argc, char **argv)
{
  g_autofree char *import = NULL;
  g_autoptr (GError) error = NULL;
  int          year = 0;
  GOptionEntry entries[]
    = { { "import", 0, 0, G_OPTION_ARG_FILENAME, &import,
          N_ ("Check a holiday file (data/holidays format) and use it from now on"), N_ ("FILE") },
        { NULL } };

  if (!loket_cli_parse_options ("holidays",
                                _ ("Import next year’s libur nasional and cuti "
                                   "bersama."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (import == NULL)
    return loket_cli_usage_error ("holidays", _ ("--import is required"));
  if (!loket_work_calendar_import_file (import, &year, &error))
    return loket_cli_fail (error);
  printf (_ ("Holidays of %d imported\n"), year);
  return LOKET_CLI_EXIT_OK;
}

int
loket_cli_office (int argc, char **argv)
{
  g_autofree char *db = NULL, *key = NULL, *value = NULL, *logo = NULL;
  g_autofree char *reg = NULL, *template = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (GHashTable) settings = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_ ("Database file"), N_ ("FILE") },
    { "set", 0, 0, G_OPTION_ARG_STRING, &key,
      N_ ("Set name, letterhead, address, place, head_name, head_title or head_nip"), N_ ("KEY") },
    { "value", 0, 0, G_OPTION_ARG_STRING, &value, N_ ("The value (empty clears it)"), N_ ("TEXT") },
    { "logo", 0, 0, G_OPTION_ARG_FILENAME, &logo, N_ ("Set the logo (PNG)"), N_ ("FILE") },
    { "register", 0, 0, G_OPTION_ARG_STRING, &reg,
      N_ ("Set the number format of this register (with --template)"), N_ ("AGENCY/ID") },
    { "template", 0, 0, G_OPTION_ARG_STRING, &template,
      N_ ("Number format, e.g. {klasifikasi}/{urut}/{unit}/{tahun} (empty: the default)"),
      N_ ("FORMAT") },
    { NULL }
  };
  static const char *const keys[]
    = { "name", "letterhead", "address", "place", "head_name", "head_title", "head_nip", NULL };

  if (!loket_cli_parse_options ("office",
                                _ ("Show or set the office profile (kop, logo, head of "
                                   "office) used by letters and reports."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL)
    return loket_cli_usage_error ("office", _ ("--db is required"));
  if (key != NULL && !g_strv_contains (keys, key))
    return loket_cli_usage_error ("office", _ ("unknown --set key"));
  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  if (key != NULL)
    {
      g_autofree char *full = g_strconcat ("office.", key, NULL);
      gboolean ok = strcmp (key, "letterhead") == 0 ? loket_office_check_letterhead (value, &error)
                    : strcmp (key, "head_nip") == 0 && value != NULL && *value != '\0'
                      ? loket_nip_validate (value, &error)
                      : loket_office_check_text (key, value, 200, &error);

      if (!ok)
        return loket_cli_fail (error);
      if (!loket_store_set_setting (ctx->store, full, value != NULL && *value ? value : NULL,
                                    &error))
        return loket_cli_fail (error);
    }
  if (reg != NULL)
    {
      g_autoptr (GPtrArray) registers = loket_number_registers_new_default (&error);
      g_auto (GStrv) parts = g_strsplit (reg, "/", 2);
      g_autofree char *full = NULL;

      if (registers == NULL)
        return loket_cli_fail (error);
      if (template == NULL)
        return loket_cli_usage_error ("office", _ ("--register needs --template"));
      if (g_strv_length (parts) != 2
          || loket_number_registers_lookup (registers, parts[0], parts[1]) == NULL)
        {
          g_set_error (&error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("No register “%s”"), reg);
          return loket_cli_fail (error);
        }
      if (*template != '\0' && !loket_number_template_check (template, &error))
        return loket_cli_fail (error);
      full = g_strdup_printf ("register.%s/%s.template", parts[0], parts[1]);
      if (!loket_store_set_setting (ctx->store, full, *template ? template : NULL, &error))
        return loket_cli_fail (error);
    }
  if (logo != NULL)
    {
      g_autofree char *contents = NULL;
      g_autofree char *b64 = NULL;
      g_autoptr (GBytes) png = NULL;
      gsize len;

      if (!g_file_get_contents (logo, &contents, &len, &error))
        return loket_cli_fail (error);
      png = g_bytes_new_take (g_steal_pointer (&contents), len);
      if (!loket_office_check_logo_png (png, &error))
        return loket_cli_fail (error);
      b64 = g_base64_encode (g_bytes_get_data (png, NULL), len);
      if (!loket_store_set_setting (ctx->store, LOKET_OFFICE_LOGO, b64, &error))
        return loket_cli_fail (error);
    }
  settings = loket_store_get_settings (ctx->store, "office.", &error);
  if (settings == NULL)
    return loket_cli_fail (error);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *full = g_strconcat ("office.", keys[i], NULL);
      const char      *v = g_hash_table_lookup (settings, full);

      printf ("%s: %s\n", keys[i], v != NULL ? v : "");
    }
  printf ("logo: %s\n", g_hash_table_contains (settings, LOKET_OFFICE_LOGO) ? "PNG" : "");
  return LOKET_CLI_EXIT_OK;
}
