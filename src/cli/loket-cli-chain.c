// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli draft submit|paraf|return|sign|comment|resolve|chain|queue`: the review chain of
// letter drafts from the command line — the same store calls as the app, checked by the engine.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "loket-cli-private.h"
#include "loket-error.h"
#include "loket-signer-pkcs11.h"
#include "loket-signer-pkcs12.h"
#include "loket-signoff.h"

static const char *const chain_commands[]
  = { "submit", "paraf", "return", "sign", "comment", "resolve", "chain", "queue", NULL };

gboolean
loket_cli_is_chain_command (const char *command)
{
  return command != NULL && g_strv_contains (chain_commands, command);
}

typedef char LoketSecret;

static void
wipe (LoketSecret *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSecret, wipe)

/* Options every chain command shares. */
typedef struct
{
  char    *db;
  char    *case_id;
  char    *draft_id;
  char    *person;
  char    *note;
  char    *to;
  char    *text;
  char    *comment;
  char    *key;
  char    *password_file;
  char    *pin_file;
  char    *output;
  int      version;
  int      page;
  gboolean all;
  gboolean signature;
} ChainArgs;

static void
chain_args_clear (ChainArgs *a)
{
  g_free (a->db);
  g_free (a->case_id);
  g_free (a->draft_id);
  g_free (a->person);
  g_free (a->note);
  g_free (a->to);
  g_free (a->text);
  g_free (a->comment);
  g_free (a->key);
  g_free (a->password_file);
  g_free (a->pin_file);
  g_free (a->output);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChainArgs, chain_args_clear)

static const char *
stage_label (LoketDraftStage stage)
{
  switch (stage)
    {
      case LOKET_DRAFT_STAGE_EDITING:
        return _ ("editing");
      case LOKET_DRAFT_STAGE_IN_REVIEW:
        return _ ("awaiting paraf");
      case LOKET_DRAFT_STAGE_RETURNED:
        return _ ("returned for correction");
      case LOKET_DRAFT_STAGE_APPROVED:
        return _ ("awaiting signature");
      case LOKET_DRAFT_STAGE_SIGNED:
      default:
        return _ ("signed");
    }
}

static int
print_chain (LoketCliContext *ctx, LoketCase *kase)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketDraftChain) chain
    = loket_store_get_draft_chain (ctx->store, loket_case_get_uuid (kase), &error);
  GPtrArray *drafts, *comments;

  if (chain == NULL)
    return loket_cli_fail (g_steal_pointer (&error));
  drafts = loket_draft_chain_get_drafts (chain);
  comments = loket_draft_chain_get_comments (chain);
  for (guint i = 0; i < drafts->len; i++)
    {
      const LoketDraftState *s = g_ptr_array_index (drafts, i);
      const char            *holder = loket_draft_state_get_holder (s);

      printf ("%s\t%s\tv%u\t%s\t%s\n", s->draft_id, s->kind != NULL ? s->kind : "-", s->version,
              loket_draft_stage_to_string (s->stage), holder != NULL ? holder : "-");
      for (guint j = 0; j < s->route->len; j++)
        printf (
          "  %s %s\n",
          s->stage == LOKET_DRAFT_STAGE_SIGNED || j < s->n_paraf
            ? "[x]"
            : ((s->stage == LOKET_DRAFT_STAGE_IN_REVIEW || s->stage == LOKET_DRAFT_STAGE_APPROVED)
                   && j == s->n_paraf
                 ? "[>]"
                 : "[ ]"),
          (const char *) g_ptr_array_index (s->route, j));
      for (guint j = 0; j < s->history->len; j++)
        {
          const LoketDraftStep *step = g_ptr_array_index (s->history, j);

          if (g_str_equal (step->type, LOKET_EVENT_DRAFT_RETURNED))
            printf ("  %s %s -> %s: %s\n", _ ("returned"), step->position, step->to, step->note);
        }
      if (s->letter_id != NULL)
        printf ("  %s %s %s\n", _ ("letter"), s->letter_id, s->signed_sha256);
    }
  for (guint i = 0; i < comments->len; i++)
    {
      const LoketDraftComment *c = g_ptr_array_index (comments, i);

      printf ("%s\t%s\tp%u\t%s\t%s\n", _ ("comment"), c->id, c->page + 1,
              c->resolved ? _ ("resolved") : _ ("open"), c->text);
    }
  return LOKET_CLI_EXIT_OK;
}

static LoketSigner *
open_signer (ChainArgs *a, GError **error)
{
  g_autoptr (LoketSecret) secret = NULL;
  gboolean pkcs11 = g_str_has_prefix (a->key, "pkcs11:");

  if (a->password_file != NULL || a->pin_file != NULL)
    secret = loket_cli_read_secret_file (a->password_file != NULL ? a->password_file : a->pin_file,
                                         error);
  else
    secret = loket_cli_ask_secret (pkcs11 ? _ ("Token PIN: ") : _ ("Key file password: "), error);
  if (secret == NULL)
    return NULL;
  if (pkcs11)
    return (LoketSigner *) loket_pkcs11_signer_new (a->key, secret, error);
  return (LoketSigner *) loket_pkcs12_signer_new (a->key, secret, error);
}

static int
do_sign (LoketCliContext *ctx, ChainArgs *a, LoketCase *kase)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSigner) signer = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) drafts = g_ptr_array_new_with_free_func (g_free);
  guint n_failed = 0;

  if (a->key == NULL)
    return loket_cli_usage_error ("draft sign", _ ("--key is required"));
  if (a->all)
    {
      g_autoptr (GPtrArray) queue = loket_store_list_draft_queue (
        ctx->store, a->person, LOKET_DRAFT_QUEUE_SIGNATURE, 0, &error);

      if (queue == NULL)
        return loket_cli_fail (g_steal_pointer (&error));
      for (guint i = 0; i < queue->len; i++)
        {
          LoketDraftQueueItem *item = g_ptr_array_index (queue, i);

          g_ptr_array_add (cases, g_strdup (loket_case_get_uuid (item->kase)));
          g_ptr_array_add (drafts, g_strdup (item->draft_id));
        }
      if (queue->len == 0)
        {
          printf ("%s\n", _ ("Nothing awaits this person’s signature."));
          return LOKET_CLI_EXIT_OK;
        }
    }
  else if (kase != NULL && a->draft_id != NULL)
    {
      g_ptr_array_add (cases, g_strdup (loket_case_get_uuid (kase)));
      g_ptr_array_add (drafts, g_strdup (a->draft_id));
    }
  else
    return loket_cli_usage_error ("draft sign", _ ("--case and --draft, or --all, are required"));
  g_ptr_array_add (cases, NULL);
  g_ptr_array_add (drafts, NULL);

  /* One PIN / passphrase for the whole batch. */
  signer = open_signer (a, &error);
  if (signer == NULL)
    return loket_cli_fail (g_steal_pointer (&error));
  results = loket_signoff_sign_drafts (
    ctx->store, signer, a->person, NULL, (const char *const *) cases->pdata,
    (const char *const *) drafts->pdata, 0, NULL, NULL, NULL, &error);
  if (results == NULL)
    return loket_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < results->len; i++)
    {
      LoketSignoffResult *r = g_ptr_array_index (results, i);

      if (!r->ok)
        {
          fprintf (stderr, "%s\t%s\n", r->draft_id, r->error->message);
          n_failed++;
          continue;
        }
      printf ("%s\t%s\t%s\t%s\n", r->draft_id, r->letter_id,
              r->number != NULL ? r->number : _ ("pending number"), r->sha256);
      if (a->output != NULL)
        {
          g_autoptr (GBytes) pdf = loket_store_read_blob (ctx->store, r->sha256, &error);
          g_autofree char *name = g_strdup_printf ("%s.pdf", r->letter_id);
          g_autofree char *path = g_build_filename (a->output, name, NULL);

          if (pdf == NULL || g_mkdir_with_parents (a->output, 0755) != 0
              || !g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                       (gssize) g_bytes_get_size (pdf), &error))
            {
              if (error == NULL)
                g_set_error (&error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Cannot write %s"), path);
              return loket_cli_fail (g_steal_pointer (&error));
            }
        }
    }
  return n_failed > 0 ? LOKET_CLI_EXIT_FAILED : LOKET_CLI_EXIT_OK;
}

static int
print_queue (LoketCliContext *ctx, ChainArgs *a)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) queue = loket_store_list_draft_queue (
    ctx->store, a->person, a->signature ? LOKET_DRAFT_QUEUE_SIGNATURE : LOKET_DRAFT_QUEUE_PARAF, 0,
    &error);

  if (queue == NULL)
    return loket_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < queue->len; i++)
    {
      LoketDraftQueueItem *item = g_ptr_array_index (queue, i);
      const char          *agenda = loket_case_get_agenda_number (item->kase);

      printf ("%s\t%s\t%s\tv%u\t%s%s\n", agenda != NULL ? agenda : "-", item->draft_id,
              item->kind != NULL ? item->kind : "-", item->version, item->position,
              item->delegated ? " (Plh./Plt.)" : "");
    }
  return LOKET_CLI_EXIT_OK;
}

int
loket_cli_draft_chain (int argc, char **argv)
{
  g_auto (ChainArgs) a = { 0 };
  g_autofree char *command = g_strdup (argv[0]);
  g_autofree char *name = g_strconcat ("draft ", argv[0], NULL);
  GOptionEntry     entries[] = {
        { "db", 0, 0, G_OPTION_ARG_FILENAME, &a.db, N_ ("Database file"), N_ ("FILE") },
        { "case", 0, 0, G_OPTION_ARG_STRING, &a.case_id, N_ ("Case UUID or agenda number"), N_ ("ID") },
        { "draft", 0, 0, G_OPTION_ARG_STRING, &a.draft_id, N_ ("Draft id"), N_ ("ID") },
        { "as", 0, 0, G_OPTION_ARG_STRING, &a.person, N_ ("Org chart person who acts"), N_ ("PERSON") },
        { "version", 0, 0, G_OPTION_ARG_INT, &a.version,
          N_ ("paraf: the version initialled (default: the latest)"), N_ ("N") },
        { "note", 0, 0, G_OPTION_ARG_STRING, &a.note, N_ ("return: what needs correcting"),
          N_ ("TEXT") },
        { "to", 0, 0, G_OPTION_ARG_STRING, &a.to,
          N_ ("return: the position it goes back to (default: the previous holder)"), N_ ("POSITION") },
        { "text", 0, 0, G_OPTION_ARG_STRING, &a.text, N_ ("comment: the text"), N_ ("TEXT") },
        { "page", 0, 0, G_OPTION_ARG_INT, &a.page, N_ ("comment: the page (1 = first)"), N_ ("N") },
        { "comment", 0, 0, G_OPTION_ARG_STRING, &a.comment, N_ ("resolve: the comment id"), N_ ("ID") },
        { "key", 'k', 0, G_OPTION_ARG_STRING, &a.key, N_ ("sign: a PKCS#12 file or a pkcs11: URL"),
          N_ ("FILE|URL") },
        { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &a.password_file,
          N_ ("sign: read the PKCS#12 password from the first line of FILE"), N_ ("FILE") },
        { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &a.pin_file,
          N_ ("sign: read the token PIN from the first line of FILE"), N_ ("FILE") },
        { "all", 0, 0, G_OPTION_ARG_NONE, &a.all,
          N_ ("sign: every draft awaiting this person’s signature"), NULL },
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output,
          N_ ("sign: also write the signed PDFs into DIR"), N_ ("DIR") },
        { "signature", 0, 0, G_OPTION_ARG_NONE, &a.signature,
          N_ ("queue: the drafts awaiting signature (default: awaiting paraf)"), NULL },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketDraftRequest) request = NULL;
  gboolean needs_case = !g_str_equal (command, "queue") && !g_str_equal (command, "sign");

  if (!loket_cli_parse_options (name,
                                _ ("The review chain of letter drafts: paraf, return, "
                                   "comments, signature."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (a.db == NULL || (needs_case && a.case_id == NULL)
      || (!g_str_equal (command, "chain") && a.person == NULL))
    return loket_cli_usage_error (name, _ ("--db, --case and --as are required"));
  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, a.db, TRUE, &error))
    return loket_cli_fail (g_steal_pointer (&error));
  if (a.case_id != NULL)
    {
      kase = loket_cli_find_case (ctx, a.case_id, &error);
      if (kase == NULL)
        return loket_cli_fail (g_steal_pointer (&error));
    }

  if (g_str_equal (command, "chain"))
    return print_chain (ctx, kase);
  if (g_str_equal (command, "queue"))
    return print_queue (ctx, &a);
  if (g_str_equal (command, "sign"))
    return do_sign (ctx, &a, kase);
  if (g_str_equal (command, "comment"))
    {
      g_autoptr (LoketCommentRequest) c = loket_comment_request_new (a.person, a.text);
      g_autofree char *id = NULL;

      if (a.draft_id == NULL || a.text == NULL)
        return loket_cli_usage_error (name, _ ("--draft and --text are required"));
      c->draft_id = g_strdup (a.draft_id);
      c->page = a.page > 0 ? (guint) a.page - 1 : 0;
      id = loket_store_add_comment (ctx->store, loket_case_get_uuid (kase), c, &error);
      if (id == NULL)
        return loket_cli_fail (g_steal_pointer (&error));
      printf ("%s\n", id);
      return LOKET_CLI_EXIT_OK;
    }
  if (g_str_equal (command, "resolve"))
    {
      if (a.comment == NULL)
        return loket_cli_usage_error (name, _ ("--comment is required"));
      if (!loket_store_resolve_comment (ctx->store, loket_case_get_uuid (kase), a.person, a.comment,
                                        &error))
        return loket_cli_fail (g_steal_pointer (&error));
      return LOKET_CLI_EXIT_OK;
    }

  if (a.draft_id == NULL)
    return loket_cli_usage_error (name, _ ("--draft is required"));
  request = loket_draft_request_new (g_str_equal (command, "submit")  ? LOKET_DRAFT_ACTION_SUBMIT
                                     : g_str_equal (command, "paraf") ? LOKET_DRAFT_ACTION_PARAF
                                                                      : LOKET_DRAFT_ACTION_RETURN,
                                     a.person, a.draft_id);
  request->version = a.version > 0 ? (guint) a.version : 0;
  request->note = g_strdup (a.note);
  request->to = g_strdup (a.to);
  if (!loket_store_draft_act (ctx->store, loket_case_get_uuid (kase), request, &error))
    return loket_cli_fail (g_steal_pointer (&error));
  {
    g_autoptr (LoketDraftChain) chain
      = loket_store_get_draft_chain (ctx->store, loket_case_get_uuid (kase), &error);
    const LoketDraftState *s = chain != NULL ? loket_draft_chain_lookup (chain, a.draft_id) : NULL;

    if (s != NULL)
      printf ("%s\t%s\n", stage_label (s->stage),
              loket_draft_state_get_holder (s) != NULL ? loket_draft_state_get_holder (s) : "-");
  }
  return LOKET_CLI_EXIT_OK;
}
