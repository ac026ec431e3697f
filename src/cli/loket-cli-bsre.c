// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli bsre-sign` and `loket-cli sign-requests`: certified signing at BSrE (online only,
// never retried) and the queue of requests whose outcome must be reconciled.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "loket-bsre-signer.h"
#include "loket-cli-private.h"
#include "loket-error.h"
#include "loket-letter-pdf-id.h"
#include "loket-letter-renderer.h"
#include "loket-pdf-signer.h"

/* The first line of @path (a secret: wiped by the caller). */
static char *
read_first_line (const char *path, GError **error)
{
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  contents[strcspn (contents, "\r\n")] = '\0';
  return contents;
}

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

typedef struct
{
  char *service;
  char *client_id;
  char *client_secret_file;
  int   timeout;
} ServiceArgs;

static void
service_args_clear (ServiceArgs *a)
{
  g_free (a->service);
  g_free (a->client_id);
  g_free (a->client_secret_file);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ServiceArgs, service_args_clear)

int
loket_cli_bsre_sign (int argc, char **argv)
{
  g_auto (ServiceArgs) sa = { 0 };
  g_autofree char *db = NULL;
  g_autofree char *nik_file = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *name = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *location = NULL;
  g_autofree char *time_text = NULL;
  g_auto (GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Database file (the request queue)"), N_("FILE") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &sa.service, N_("Address of the BSrE service"),
      N_("URL") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &sa.client_id, N_("This application’s client id"),
      N_("ID") },
    { "client-secret-file", 0, 0, G_OPTION_ARG_FILENAME, &sa.client_secret_file,
      N_("Read the client secret from the first line of FILE"), N_("FILE") },
    { "nik-file", 0, 0, G_OPTION_ARG_FILENAME, &nik_file,
      N_("Read the signer’s NIK from the first line of FILE"), N_("FILE") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the signer’s passphrase from the first line of FILE"), N_("FILE") },
    { "letter", 0, 0, G_OPTION_ARG_STRING, &letter,
      N_("Letter id (default: the id the PDF carries)"), N_("ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Signer name shown on the page"), N_("TEXT") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Reason for signing"), N_("TEXT") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &location, N_("Place of signing"), N_("TEXT") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &time_text,
      N_("Signing time, ISO 8601 (default: now; give the same time to finish a reconciled "
         "request)"), N_("TIME") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &sa.timeout, N_("Seconds to wait for the answer"),
      N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("IN.pdf OUT.pdf") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketBsreSigner) signer = NULL;
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GBytes) signed_pdf = NULL;
  g_autofree char *in_contents = NULL;
  g_autofree char *time_iso = NULL;
  char *nik = NULL, *passphrase = NULL, *secret = NULL;
  LoketBsreService service = { 0 };
  LoketPdfSignOptions options = { 0 };
  gsize len = 0;

  if (!loket_cli_parse_options ("bsre-sign",
                                _("Sign a PDF with a certified BSrE signature (online). The "
                                  "request is recorded first and never sent twice; if the answer "
                                  "is lost, see “loket-cli sign-requests”."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (files == NULL || g_strv_length (files) != 2)
    return loket_cli_usage_error ("bsre-sign", _("give IN.pdf and OUT.pdf"));
  if (db == NULL || sa.service == NULL || nik_file == NULL || passphrase_file == NULL)
    return loket_cli_usage_error ("bsre-sign", _("--db, --service, --nik-file and "
                                                 "--passphrase-file are required"));
  if (time_text != NULL)
    {
      g_autoptr (GTimeZone) tz = g_time_zone_new_offset (8 * 3600);

      when = g_date_time_new_from_iso8601 (time_text, tz);
      if (when == NULL)
        return loket_cli_usage_error ("bsre-sign", _("--time must be an ISO 8601 time"));
    }
  else
    {
      g_autoptr (GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
      g_autoptr (GDateTime) now = g_date_time_new_now (tz);

      /* whole seconds, so that the printed time reproduces the same PDF */
      when = g_date_time_add_seconds (now, -g_date_time_get_seconds (now)
                                              + g_date_time_get_second (now));
    }
  time_iso = g_date_time_format_iso8601 (when);
  if (!g_file_get_contents (files[0], &in_contents, &len, &error))
    return loket_cli_fail (error);
  pdf = g_bytes_new_take (g_steal_pointer (&in_contents), len);
  if (letter == NULL)
    letter = loket_letter_id_from_pdf (pdf);

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, FALSE, &error))
    return loket_cli_fail (error);
  nik = read_first_line (nik_file, &error);
  passphrase = nik != NULL ? read_first_line (passphrase_file, &error) : NULL;
  secret = passphrase != NULL && sa.client_secret_file != NULL
             ? read_first_line (sa.client_secret_file, &error)
             : NULL;
  if (passphrase == NULL || (sa.client_secret_file != NULL && secret == NULL))
    {
      wipe_free (nik);
      wipe_free (passphrase);
      return loket_cli_fail (error);
    }
  service.base_url = sa.service;
  service.client_id = sa.client_id;
  service.client_secret = secret;
  service.timeout = (guint) MAX (sa.timeout, 0);
  signer = loket_bsre_signer_new (ctx->store, &service, nik, passphrase, name, letter);
  wipe_free (nik);
  wipe_free (passphrase);
  wipe_free (secret);

  options.signer_name = name;
  options.reason = reason;
  options.location = location;
  options.signing_time = when;
  signed_pdf = loket_pdf_sign (pdf, LOKET_SIGNER (signer), &options, NULL, &error);
  if (signed_pdf == NULL)
    {
      if (g_error_matches (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_OUTCOME_UNKNOWN))
        {
          fprintf (stderr, "loket-cli: %s\n", error->message);
          fprintf (stderr, _("Request %s, signing time %s."),
                   loket_bsre_signer_get_request_id (signer), time_iso);
          fputc ('\n', stderr);
          return LOKET_CLI_EXIT_FAILED;
        }
      return loket_cli_fail (error);
    }
  if (!loket_letter_write_file (signed_pdf, files[1], &error))
    return loket_cli_fail (error);
  printf ("%s\n", files[1]);
  return LOKET_CLI_EXIT_OK;
}

static int
finish (LoketCliContext *ctx, const char *request_id, const char *time_text, const char *name,
        const char *reason, const char *location, GStrv files)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (LoketBsreSigner) signer = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GBytes) signed_pdf = NULL;
  g_autofree char *contents = NULL;
  LoketPdfSignOptions options = { 0 };
  gsize len = 0;

  if (files == NULL || g_strv_length (files) != 2 || time_text == NULL)
    return loket_cli_usage_error ("sign-requests", _("--finish needs --time, IN.pdf and OUT.pdf"));
  when = g_date_time_new_from_iso8601 (time_text, tz);
  if (when == NULL)
    return loket_cli_usage_error ("sign-requests", _("--time must be an ISO 8601 time"));
  if (!g_file_get_contents (files[0], &contents, &len, &error))
    return loket_cli_fail (error);
  pdf = g_bytes_new_take (g_steal_pointer (&contents), len);
  signer = loket_bsre_signer_new_resolved (ctx->store, request_id, name);
  options.signer_name = name;
  options.reason = reason;
  options.location = location;
  options.signing_time = when;
  signed_pdf = loket_pdf_sign (pdf, LOKET_SIGNER (signer), &options, NULL, &error);
  if (signed_pdf == NULL || !loket_letter_write_file (signed_pdf, files[1], &error))
    return loket_cli_fail (error);
  printf ("%s\n", files[1]);
  return LOKET_CLI_EXIT_OK;
}

int
loket_cli_sign_requests (int argc, char **argv)
{
  g_auto (ServiceArgs) sa = { 0 };
  g_autofree char *db = NULL;
  g_autofree char *reconcile = NULL;
  g_autofree char *finish_id = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *location = NULL;
  g_auto (GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Database file"), N_("FILE") },
    { "reconcile", 0, 0, G_OPTION_ARG_STRING, &reconcile,
      N_("Ask the service what became of request ID (signs nothing)"), N_("ID") },
    { "finish", 0, 0, G_OPTION_ARG_STRING, &finish_id,
      N_("Write the PDF of signed request ID (same IN.pdf, --time and texts as when it was "
         "sent)"), N_("ID") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &sa.service, N_("Address of the BSrE service"),
      N_("URL") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &sa.client_id, N_("This application’s client id"),
      N_("ID") },
    { "client-secret-file", 0, 0, G_OPTION_ARG_FILENAME, &sa.client_secret_file,
      N_("Read the client secret from the first line of FILE"), N_("FILE") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &sa.timeout, N_("Seconds to wait for the answer"),
      N_("N") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &time_text, N_("Signing time of the request"),
      N_("TIME") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Signer name shown on the page"), N_("TEXT") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Reason for signing"), N_("TEXT") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &location, N_("Place of signing"), N_("TEXT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("IN.pdf OUT.pdf") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;

  if (!loket_cli_parse_options ("sign-requests",
                                _("List the BSrE signing requests that are not final, reconcile "
                                  "one whose outcome is unknown, or finish the PDF of one that "
                                  "turned out signed."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL)
    return loket_cli_usage_error ("sign-requests", _("--db is required"));
  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  if (finish_id != NULL)
    return finish (ctx, finish_id, time_text, name, reason, location, files);
  if (reconcile != NULL)
    {
      LoketBsreService service = { sa.service, sa.client_id, NULL, (guint) MAX (sa.timeout, 0) };
      char *secret = NULL;
      LoketSignRequestState state;

      if (sa.service == NULL)
        return loket_cli_usage_error ("sign-requests", _("--reconcile needs --service"));
      if (sa.client_secret_file != NULL)
        {
          secret = read_first_line (sa.client_secret_file, &error);
          if (secret == NULL)
            return loket_cli_fail (error);
        }
      service.client_secret = secret;
      state = loket_bsre_reconcile (ctx->store, &service, reconcile, NULL, &error);
      wipe_free (secret);
      if (error != NULL)
        return loket_cli_fail (error);
      printf ("%s\t%s\n", reconcile, loket_sign_request_state_to_string (state));
      return LOKET_CLI_EXIT_OK;
    }
  {
    g_autoptr (GPtrArray) open = NULL;

    /* nothing is in flight while this command runs: a "dispatched" request lost its process */
    loket_store_recover_sign_requests (ctx->store, NULL);
    open = loket_store_list_open_sign_requests (ctx->store, &error);
    if (open == NULL)
      return loket_cli_fail (error);
    for (guint i = 0; i < open->len; i++)
      {
        LoketSignRequest *r = open->pdata[i];
        g_autoptr (GDateTime) created = g_date_time_new_from_unix_utc (r->created_at);
        g_autofree char *at = g_date_time_format_iso8601 (created);

        printf ("%s\t%s\t%s\t%s\n", r->id, loket_sign_request_state_to_string (r->state),
                r->letter_id != NULL ? r->letter_id : "-", at);
      }
  }
  return LOKET_CLI_EXIT_OK;
}
