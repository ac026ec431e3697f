// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli draft new|revise|list`: letter drafts (konsep) and their versions, and
// loket_cli_render_draft() for `loket-cli letter --draft`.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "loket-cli-private.h"
#include "loket-error.h"
#include "loket-letter-draft.h"
#include "loket-letter-renderer.h"
#include "loket-store-letter-drafts.h"

#define DEFAULT_AUTHOR "loket-cli"

/* The author's position in the org chart, or NULL for an author the chart does not know. */
static const char *
author_position (LoketCliContext *ctx, const char *author)
{
  const LoketPerson *person = loket_org_chart_lookup_person (ctx->org, author);

  return person != NULL ? person->position_id : NULL;
}

static int
draft_new (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *author = NULL;
  g_autofree char *note = NULL;
  GOptionEntry     entries[]
    = { { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_ ("Database file"), N_ ("FILE") },
        { "case", 0, 0, G_OPTION_ARG_STRING, &case_id, N_ ("Case UUID or agenda number"),
          N_ ("ID") },
        { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
          N_ ("Letter kind (rekomendasi, surat_keputusan, …)"), N_ ("KIND") },
        { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_ ("Org chart person who drafts"),
          N_ ("PERSON") },
        { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("A note for the version"), N_ ("TEXT") },
        { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (LoketLetterDraft) draft = NULL;
  g_autofree char *content = NULL;
  g_autofree char *draft_id = NULL;

  if (!loket_cli_parse_options ("draft new", _ ("Start a letter draft (konsep) for a case."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL)
    return loket_cli_usage_error ("draft new", _ ("--db is required"));
  if (case_id == NULL)
    return loket_cli_usage_error ("draft new", _ ("--case is required"));
  if (kind == NULL)
    return loket_cli_usage_error ("draft new", _ ("--kind is required"));

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  kase = loket_cli_find_case (ctx, case_id, &error);
  if (kase == NULL)
    return loket_cli_fail (error);
  events = loket_store_get_case_events (ctx->store, loket_case_get_uuid (kase), &error);
  if (events == NULL)
    return loket_cli_fail (error);
  draft = loket_letter_draft_new_for_case (kind, kase, events, ctx->catalog, ctx->calendar,
                                           ctx->org, g_get_real_time () / G_USEC_PER_SEC, &error);
  if (draft == NULL)
    return loket_cli_fail (error);
  if (author == NULL)
    author = g_strdup (DEFAULT_AUTHOR);
  content = loket_letter_draft_to_data (draft);
  draft_id
    = loket_store_create_letter_draft (ctx->store, loket_case_get_uuid (kase), author,
                                       author_position (ctx, author), content, note, 0, &error);
  if (draft_id == NULL)
    return loket_cli_fail (error);
  printf ("%s\n", draft_id);
  return LOKET_CLI_EXIT_OK;
}

/* "N=TEXT" (N counted from 1) or "NAME=VALUE". */
static gboolean
split_assignment (const char *text, char **name, char **value)
{
  const char *eq = strchr (text, '=');

  if (eq == NULL || eq == text)
    return FALSE;
  *name = g_strndup (text, eq - text);
  *value = g_strdup (eq + 1);
  return TRUE;
}

static gboolean
apply_edits (LoketLetterDraft *draft, GStrv paragraphs, GStrv fields, GError **error)
{
  for (guint i = 0; paragraphs != NULL && paragraphs[i] != NULL; i++)
    {
      g_autofree char *name = NULL, *value = NULL;
      guint64          n = 0;

      if (!split_assignment (paragraphs[i], &name, &value)
          || !g_ascii_string_to_unsigned (name, 10, 1, G_MAXUINT, &n, NULL))
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _ ("--paragraph takes N=TEXT with N counted from 1, not “%s”"),
                       paragraphs[i]);
          return FALSE;
        }
      if (n > loket_letter_draft_get_n_paragraphs (draft))
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _ ("The draft has %u paragraphs; there is no paragraph %lu"),
                       loket_letter_draft_get_n_paragraphs (draft), (gulong) n);
          return FALSE;
        }
      loket_letter_draft_set_paragraph (draft, (guint) n - 1, value);
    }
  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      g_autofree char *name = NULL, *value = NULL;
      gboolean         valid;

      valid = split_assignment (fields[i], &name, &value);
      for (const char *p = name; valid && *p != '\0'; p++)
        valid = g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_';
      if (!valid)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _ ("--field takes NAME=VALUE with a name of lowercase letters, digits and "
                          "“_”, not “%s”"),
                       fields[i]);
          return FALSE;
        }
      loket_letter_fields_set (loket_letter_draft_get_fields (draft), name, value);
    }
  return TRUE;
}

static int
draft_revise (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *draft_id = NULL;
  g_autofree char *author = NULL;
  g_autofree char *note = NULL;
  g_auto (GStrv) paragraphs = NULL;
  g_auto (GStrv) fields = NULL;
  gint         base = 0;
  GOptionEntry entries[]
    = { { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_ ("Database file"), N_ ("FILE") },
        { "draft", 0, 0, G_OPTION_ARG_STRING, &draft_id, N_ ("Draft id"), N_ ("ID") },
        { "version", 0, 0, G_OPTION_ARG_INT, &base,
          N_ ("The version the change is based on (default: the latest)"), N_ ("N") },
        { "paragraph", 0, 0, G_OPTION_ARG_STRING_ARRAY, &paragraphs,
          N_ ("Replace body paragraph N (from 1); repeatable"), N_ ("N=TEXT") },
        { "field", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fields, N_ ("Set a field; repeatable"),
          N_ ("NAME=VALUE") },
        { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_ ("Org chart person who drafts"),
          N_ ("PERSON") },
        { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("What changed"), N_ ("TEXT") },
        { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketDraftVersion) base_version = NULL;
  g_autoptr (LoketLetterDraft) draft = NULL;
  g_autofree char *content = NULL;
  guint            version;

  if (!loket_cli_parse_options ("draft revise", _ ("Save a new version of a letter draft."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL)
    return loket_cli_usage_error ("draft revise", _ ("--db is required"));
  if (draft_id == NULL)
    return loket_cli_usage_error ("draft revise", _ ("--draft is required"));
  if (paragraphs == NULL && fields == NULL)
    return loket_cli_usage_error ("draft revise", _ ("Give at least one --paragraph or --field"));
  if (base < 0)
    return loket_cli_usage_error ("draft revise", _ ("--version must be 1 or more"));

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  /* The change is made on the version it names; the store refuses it if that is not the latest. */
  base_version = loket_store_load_letter_draft (ctx->store, draft_id, (guint) base, &error);
  if (base_version == NULL)
    return loket_cli_fail (error);
  draft = loket_letter_draft_new_from_data (base_version->content, -1, &error);
  if (draft == NULL || !apply_edits (draft, paragraphs, fields, &error))
    return loket_cli_fail (error);
  if (author == NULL)
    author = g_strdup (DEFAULT_AUTHOR);
  content = loket_letter_draft_to_data (draft);
  version
    = loket_store_revise_letter_draft (ctx->store, draft_id, base_version->version, author,
                                       author_position (ctx, author), content, note, 0, &error);
  if (version == 0)
    return loket_cli_fail (error);
  printf ("%u\n", version);
  return LOKET_CLI_EXIT_OK;
}

static int
draft_list (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *case_id = NULL;
  GOptionEntry     entries[]
    = { { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_ ("Database file"), N_ ("FILE") },
        { "case", 0, 0, G_OPTION_ARG_STRING, &case_id, N_ ("Case UUID or agenda number"),
          N_ ("ID") },
        { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (GPtrArray) versions = NULL;

  if (!loket_cli_parse_options ("draft list",
                                _ ("List the letter drafts of a case, one line per "
                                   "version: draft, version, kind, time, author, note."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL)
    return loket_cli_usage_error ("draft list", _ ("--db is required"));
  if (case_id == NULL)
    return loket_cli_usage_error ("draft list", _ ("--case is required"));

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  kase = loket_cli_find_case (ctx, case_id, &error);
  if (kase == NULL)
    return loket_cli_fail (error);
  versions = loket_store_list_letter_drafts (ctx->store, loket_case_get_uuid (kase), &error);
  if (versions == NULL)
    return loket_cli_fail (error);
  for (guint i = 0; i < versions->len; i++)
    {
      LoketDraftVersion *v = g_ptr_array_index (versions, i);
      g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (v->at);
      g_autofree char *when = g_date_time_format_iso8601 (utc);

      printf ("%s\t%u\t%s\t%s\t%s\t%s\n", v->draft_id, v->version, v->kind, when, v->author,
              v->note != NULL ? v->note : "");
    }
  return LOKET_CLI_EXIT_OK;
}

int
loket_cli_draft (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "new"))
    return draft_new (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "revise"))
    return draft_revise (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return draft_list (argc - 1, argv + 1);
  if (argc >= 2 && loket_cli_is_chain_command (argv[1]))
    return loket_cli_draft_chain (argc - 1, argv + 1);
  fprintf (stderr, "%s\n", _ ("Usage: loket-cli draft new|revise|list|submit|paraf|return|sign|comment|resolve|chain|queue "
                            "[OPTION…]"));
  return argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
           ? LOKET_CLI_EXIT_OK
           : LOKET_CLI_EXIT_USAGE;
}

GBytes *
loket_cli_render_draft (LoketCliContext *ctx,
                        const char      *draft_id,
                        guint            version,
                        LoketPaperSize  *paper,
                        GError         **error)
{
  g_autoptr (LoketDraftVersion) v
    = loket_store_load_letter_draft (ctx->store, draft_id, version, error);
  g_autoptr (LoketLetterDraft) draft = NULL;
  g_autoptr (LoketLetter) letter = NULL;
  g_autofree char *id = NULL;

  if (v == NULL)
    return NULL;
  draft = loket_letter_draft_new_from_data (v->content, -1, error);
  if (draft == NULL)
    return NULL;
  id = loket_letter_id_for_case (v->case_uuid, v->kind, v->version);
  letter = loket_letter_draft_build_letter (draft, id, error);
  if (letter == NULL)
    return NULL;
  if (paper == NULL)
    return loket_letter_render (letter, loket_letter_draft_get_paper (draft), error);
  return loket_letter_render (letter, *paper, error);
}
