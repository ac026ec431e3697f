// SPDX-License-Identifier: GPL-3.0-or-later
// Subcommand dispatch and the plumbing the subcommands share.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "loket-cli.h"
#include "loket-cli-private.h"
#include "loket-letter-office.h"
#include "loket-store-report.h"
#include "loket-error.h"
#ifdef LOKET_HAVE_SYNC
#include "loket-sync-reference.h"
#endif

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "services", loket_cli_services, N_("List the service catalog") },
  { "demo", loket_cli_demo, N_("Fill a database with demo cases") },
  { "cases", loket_cli_cases, N_("List or search cases") },
  { "dispose", loket_cli_dispose, N_("Send a case to positions below you (disposisi)") },
  { "inbox", loket_cli_inbox, N_("Show a person's inboxes with their counts") },
  { "disposition", loket_cli_disposition, N_("Read, report on or withdraw a disposition; its history") },
  { "check", loket_cli_check, N_("Check a database: integrity, hash chains, projections") },
  { "rebuild", loket_cli_rebuild, N_("Recompute every case projection from the events") },
  { "intake", loket_cli_intake, N_("Register a case for a service (the intake dialog’s code path)") },
  { "drafts", loket_cli_drafts, N_("List the intake drafts of a database") },
  { "letter", loket_cli_letter, N_("Render a letter of a case as PDF") },
  { "draft", loket_cli_draft, N_("Start, revise or list the letter drafts of a case") },
  { "receipt", loket_cli_receipt, N_("Render the receipt (tanda terima) of a case as PDF") },
  { "return-notice", loket_cli_return_notice, N_("Render the return notice of a case as PDF") },
  { "sign", loket_cli_sign, N_("Sign a PDF with a PKCS#12 file or a PKCS#11 token") },
  { "verify", loket_cli_verify, N_("Check the signatures of a PDF") },
  { "lease", loket_cli_lease, N_("Record or list blocks of letter numbers leased to a device") },
  { "number", loket_cli_number, N_("Give a signed letter its number from a leased block") },
  { "report", loket_cli_report, N_("Service performance report (CSV, XLSX or PDF)") },
  { "backup", loket_cli_backup, N_("Back up the database and attachments to one archive") },
  { "restore", loket_cli_restore, N_("Restore a backup archive (checked first)") },
  { "holidays", loket_cli_holidays, N_("Import next year’s holiday file") },
  { "office", loket_cli_office, N_("Show or set the office profile (kop, logo, head of office)") },
#ifdef LOKET_HAVE_REMOTE_SIGN
  { "bsre-sign", loket_cli_bsre_sign, N_("Sign a PDF with a certified BSrE signature (online)") },
  { "sign-requests", loket_cli_sign_requests,
    N_("List, reconcile or finish BSrE signing requests") },
#endif
#ifdef LOKET_HAVE_SYNC
  { "sync", loket_cli_sync, N_("Sync a database with the Loket server") },
#endif
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: loket-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “loket-cli COMMAND --help” for the options of a command."));
}

int
loket_cli_run (int argc, char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_help (argc < 2 ? stderr : stdout);
      return argc < 2 ? LOKET_CLI_EXIT_USAGE : LOKET_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("loket-cli %s\n", PACKAGE_VERSION);
      return LOKET_CLI_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, _("loket-cli: unknown command “%s”"), argv[1]);
  fputc ('\n', stderr);
  print_help (stderr);
  return LOKET_CLI_EXIT_USAGE;
}

/* $LOKET_SERVER_URL: the org chart and catalog that server sent last (`loket-cli sync`,
 * loket-sync-reference.c), else the built-in ones. */
static char *
reference_dir (void)
{
#ifdef LOKET_HAVE_SYNC
  const char *server = g_getenv ("LOKET_SERVER_URL");

  if (server != NULL && *server != '\0')
    return loket_sync_reference_get_dir (server);
#endif
  return NULL;
}

LoketServiceCatalog *
loket_cli_load_catalog (GError **error)
{
#ifdef LOKET_HAVE_SYNC
  g_autofree char *reference = reference_dir ();

  return loket_sync_reference_catalog_new (reference, error);
#else
  return loket_service_catalog_new_default (error);
#endif
}

static LoketOrgChart *
load_org_chart (gboolean *downloaded, GError **error)
{
#ifdef LOKET_HAVE_SYNC
  g_autofree char *reference = reference_dir ();
  g_autofree char *org_dir = reference != NULL ? g_build_filename (reference, "org", NULL) : NULL;

  *downloaded = org_dir != NULL && g_file_test (org_dir, G_FILE_TEST_IS_DIR);
  return loket_sync_reference_org_chart_new (reference, error);
#else
  *downloaded = FALSE;
  return loket_org_chart_new_default (error);
#endif
}

LoketCliContext *
loket_cli_context_new (GError **error)
{
  g_autoptr (LoketCliContext) ctx = g_new0 (LoketCliContext, 1);

  ctx->catalog = loket_cli_load_catalog (error);
  if (ctx->catalog == NULL)
    return NULL;
  ctx->calendar = loket_work_calendar_new_default (error);
  if (ctx->calendar == NULL)
    return NULL;
  ctx->org = load_org_chart (&ctx->org_downloaded, error);
  if (ctx->org == NULL)
    return NULL;
  ctx->projector = loket_case_projector_new (ctx->catalog, ctx->calendar);
  return g_steal_pointer (&ctx);
}

gboolean
loket_cli_context_open_store (LoketCliContext *ctx,
                              const char      *db_path,
                              gboolean         must_exist,
                              GError         **error)
{
  if (must_exist && !g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _("Database “%s” does not exist"),
                   db_path);
      return FALSE;
    }
  ctx->store = loket_store_open (db_path, ctx->projector, error);
  if (ctx->store == NULL)
    return FALSE;
  /* Acts are checked against the server's org chart too, not the built-in one. */
  if (ctx->org_downloaded)
    {
      g_autoptr (LoketWorkflow) workflow
        = loket_workflow_new (ctx->org, ctx->catalog, ctx->calendar, error);

      if (workflow == NULL)
        return FALSE;
      loket_store_set_workflow (ctx->store, workflow);
    }
  /* Letters made from this database carry the office's own kop, logo and head of office. */
  {
    g_autoptr (GHashTable) office = loket_store_get_settings (ctx->store, "office.", NULL);
    g_autoptr (LoketOfficeProfile) profile = loket_office_profile_new_from_settings (office);

    loket_letter_set_office_profile (profile);
  }
  return TRUE;
}

void
loket_cli_context_free (LoketCliContext *ctx)
{
  if (ctx == NULL)
    return;
  if (ctx->store != NULL)
    loket_store_close (ctx->store);
  g_clear_object (&ctx->store);
  g_clear_object (&ctx->projector);
  g_clear_object (&ctx->org);
  g_clear_object (&ctx->calendar);
  g_clear_object (&ctx->catalog);
  g_free (ctx);
}

gboolean
loket_cli_parse_options (const char   *command,
                         const char   *summary,
                         GOptionEntry *entries,
                         int          *argc,
                         char       ***argv)
{
  g_autofree char *prgname = g_strconcat ("loket-cli ", command, NULL);
  g_autoptr (GOptionContext) octx = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;

  g_option_context_set_summary (octx, summary);
  g_option_context_add_main_entries (octx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (octx, GETTEXT_PACKAGE);
  g_set_prgname (prgname);
  if (!g_option_context_parse (octx, argc, argv, &error))
    {
      loket_cli_usage_error (command, error->message);
      return FALSE;
    }
  if (*argc > 1)
    {
      g_autofree char *msg = g_strdup_printf (_("unexpected argument “%s”"), (*argv)[1]);
      loket_cli_usage_error (command, msg);
      return FALSE;
    }
  return TRUE;
}

int
loket_cli_fail (GError *error)
{
  fprintf (stderr, "loket-cli: %s\n", error->message);
  return LOKET_CLI_EXIT_FAILED;
}

int
loket_cli_usage_error (const char *command,
                       const char *message)
{
  fprintf (stderr, "loket-cli %s: %s\n", command, message);
  fprintf (stderr, _("Run “loket-cli %s --help” for its options."), command);
  fputc ('\n', stderr);
  return LOKET_CLI_EXIT_USAGE;
}
