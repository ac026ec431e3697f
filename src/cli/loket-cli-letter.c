// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli letter --db FILE --case ID --kind KIND -o OUT.pdf` and `loket-cli receipt …`.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "loket-cli-private.h"
#include "loket-error.h"
#include "loket-intake-documents.h"
#include "loket-letter-case-fields.h"
#include "loket-letter-renderer.h"
#include "loket-letter-template.h"

/* The case by UUID, else by its exact agenda number. */
LoketCase *
loket_cli_find_case (LoketCliContext *ctx, const char *id, GError **error)
{
  g_autoptr (LoketCaseQuery) query = NULL;
  g_autoptr (GPtrArray) cases = NULL;

  if (g_uuid_string_is_valid (id))
    return loket_store_get_case (ctx->store, id, error);

  query = loket_case_query_new ();
  query->search = g_strdup (id);
  query->filter = LOKET_CASE_FILTER_ALL;
  cases = loket_store_list_cases (ctx->store, query, 0, 50, error);
  if (cases == NULL)
    return NULL;
  for (guint i = 0; i < cases->len; i++)
    {
      LoketCase *kase = g_ptr_array_index (cases, i);

      if (g_strcmp0 (loket_case_get_agenda_number (kase), id) == 0)
        return g_object_ref (kase);
    }
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("No case “%s”"), id);
  return NULL;
}

static gboolean
parse_paper (const char *text, LoketPaperSize *paper)
{
  if (text == NULL || g_ascii_strcasecmp (text, "f4") == 0)
    *paper = LOKET_PAPER_F4;
  else if (g_ascii_strcasecmp (text, "a4") == 0)
    *paper = LOKET_PAPER_A4;
  else
    return FALSE;
  return TRUE;
}

/* `letter --draft ID [--version N]`: a saved version of a draft, rendered whole. */
static int
render_draft (const char *command,
              const char *db,
              const char *draft_id,
              gint        version,
              const char *case_id,
              const char *kind,
              const char *output,
              const char *paper_text,
              const char *signer)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (GBytes) pdf = NULL;
  LoketPaperSize paper;

  if (case_id != NULL || kind != NULL || signer != NULL)
    return loket_cli_usage_error (command, _ ("--draft renders the draft as saved: it takes no "
                                              "--case, --kind or --signer"));
  if (version < 0)
    return loket_cli_usage_error (command, _ ("--version must be 1 or more"));
  if (output == NULL)
    return loket_cli_usage_error (command, _ ("--output is required"));
  if (!parse_paper (paper_text, &paper))
    return loket_cli_usage_error (command, _ ("--paper must be f4 or a4"));

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  pdf = loket_cli_render_draft (ctx, draft_id, (guint) version, paper_text != NULL ? &paper : NULL,
                                &error);
  /* complete in memory first, then written atomically: never a half-written PDF */
  if (pdf == NULL || !loket_letter_write_file (pdf, output, &error))
    return loket_cli_fail (error);
  printf ("%s\n", output);
  return LOKET_CLI_EXIT_OK;
}

typedef enum
{
  DOCUMENT_LETTER,
  DOCUMENT_RECEIPT,
  DOCUMENT_RETURN_NOTICE,
} DocumentKind;

static int
run (const char *command, DocumentKind what, int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper_text = NULL;
  g_autofree char *signer = NULL;
  g_autofree char *as = NULL;
  g_autofree char *draft_id = NULL;
  gint             draft_version = 0;
  GOptionEntry     letter_entries[] = {
        { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_ ("Database file"), N_ ("FILE") },
        { "case", 0, 0, G_OPTION_ARG_STRING, &case_id, N_ ("Case UUID or agenda number"), N_ ("ID") },
        { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
          N_ ("Letter kind (surat_keputusan, rekomendasi, …)"), N_ ("KIND") },
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("PDF file to write"), N_ ("OUT.pdf") },
        { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text, N_ ("Paper size: f4 (default) or a4"),
          N_ ("SIZE") },
        { "signer", 0, 0, G_OPTION_ARG_STRING, &signer,
          N_ ("Org chart person who signs (default: the head of the agency)"), N_ ("PERSON") },
        { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_ ("Sign for the head: an, ub, plt, plh or pj"),
          N_ ("DELEGATION") },
        { "draft", 0, 0, G_OPTION_ARG_STRING, &draft_id,
          N_ ("Render this letter draft instead (no --case or --kind)"), N_ ("ID") },
        { "version", 0, 0, G_OPTION_ARG_INT, &draft_version,
          N_ ("The draft's version (default: the latest)"), N_ ("N") },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GBytes) pdf = NULL;
  LoketPaperSize  paper;
  LoketDelegation delegation = LOKET_DELEGATION_NONE;
  const char     *summary = what == DOCUMENT_LETTER ? _ ("Render a letter of a case as PDF.")
                            : what == DOCUMENT_RECEIPT
                              ? _ ("Render the receipt (tanda terima) of a case as PDF.")
                              : _ ("Render the return notice (pengembalian berkas) of a case as PDF.");

  if (what != DOCUMENT_LETTER)
    {
      /* receipts have no --kind, --signer or --as */
      letter_entries[2] = letter_entries[3];
      letter_entries[3] = letter_entries[4];
      letter_entries[4] = (GOptionEntry){ NULL };
    }
  if (!loket_cli_parse_options (command, summary, letter_entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL)
    return loket_cli_usage_error (command, _ ("--db is required"));
  if (draft_id != NULL)
    return render_draft (command, db, draft_id, draft_version, case_id, kind, output, paper_text,
                         signer);
  if (case_id == NULL)
    return loket_cli_usage_error (command, _ ("--case is required"));
  if (what == DOCUMENT_LETTER && kind == NULL)
    return loket_cli_usage_error (command, _ ("--kind is required"));
  if (output == NULL)
    return loket_cli_usage_error (command, _ ("--output is required"));
  if (!parse_paper (paper_text, &paper))
    return loket_cli_usage_error (command, _ ("--paper must be f4 or a4"));
  if (as != NULL
      && (!loket_delegation_from_string (as, &delegation) || delegation == LOKET_DELEGATION_NONE))
    return loket_cli_usage_error (command, _ ("--as must be an, ub, plt, plh or pj"));
  if (as != NULL && signer == NULL)
    return loket_cli_usage_error (command, _ ("--as needs --signer"));

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  kase = loket_cli_find_case (ctx, case_id, &error);
  if (kase == NULL)
    return loket_cli_fail (error);
  events = loket_store_get_case_events (ctx->store, loket_case_get_uuid (kase), &error);
  if (events == NULL)
    return loket_cli_fail (error);

  switch (what)
    {
      case DOCUMENT_LETTER:
        {
          g_autoptr (LoketLetterFields) fields = NULL;
          g_autoptr (LoketLetter) letter = NULL;
          g_autofree char *id = loket_letter_id_for_case (loket_case_get_uuid (kase), kind, 1);

          fields
            = loket_letter_fields_new_for_case (kase, events, ctx->catalog, ctx->calendar, ctx->org,
                                                g_get_real_time () / G_USEC_PER_SEC, &error);
          if (fields != NULL
              && (signer == NULL
                  || loket_letter_fields_set_signer (fields, ctx->org, signer, delegation, &error)))
            letter = loket_letter_new_from_fields (kind, fields, id, &error);
          if (letter != NULL)
            pdf = loket_letter_render (letter, paper, &error);
          break;
        }
      case DOCUMENT_RECEIPT:
        pdf = loket_receipt_render (kase, events, ctx->catalog, ctx->calendar, ctx->org, paper,
                                    &error);
        break;
      case DOCUMENT_RETURN_NOTICE:
      default:
        pdf = loket_return_notice_render (kase, events, ctx->catalog, ctx->calendar, ctx->org,
                                          paper, &error);
        break;
    }
  /* the PDF is complete in memory before anything is written; the write is atomic */
  if (pdf == NULL || !loket_letter_write_file (pdf, output, &error))
    return loket_cli_fail (error);
  printf ("%s\n", output);
  return LOKET_CLI_EXIT_OK;
}

int
loket_cli_letter (int argc, char **argv)
{
  return run ("letter", DOCUMENT_LETTER, argc, argv);
}

int
loket_cli_receipt (int argc, char **argv)
{
  return run ("receipt", DOCUMENT_RECEIPT, argc, argv);
}

int
loket_cli_return_notice (int argc, char **argv)
{
  return run ("return-notice", DOCUMENT_RETURN_NOTICE, argc, argv);
}
