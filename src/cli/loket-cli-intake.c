// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli intake …` (register a case through the intake API) and `loket-cli drafts`.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "loket-cli-private.h"
#include "loket-error.h"

typedef struct
{
  char    *db;
  char    *service;
  char    *channel;
  char    *party_json;
  char    *subject;
  char   **attach;
  char   **check;
  char    *author;
  char    *received_at;
  char    *letter_number;
  char    *letter_date;
  char    *letter_sender;
  char    *letter_sifat;
  char    *return_note;
  gint64   limit;
  gboolean complete;
  gboolean close;
  gboolean json;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->db);
  g_free (o->service);
  g_free (o->channel);
  g_free (o->party_json);
  g_free (o->subject);
  g_strfreev (o->attach);
  g_strfreev (o->check);
  g_free (o->author);
  g_free (o->received_at);
  g_free (o->letter_number);
  g_free (o->letter_date);
  g_free (o->letter_sender);
  g_free (o->letter_sifat);
  g_free (o->return_note);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, message);
  return FALSE;
}

/* The parties of --party-json: one party object or a list of them. */
static gboolean
add_parties (LoketIntakeForm *form, const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("Could not read %s: %s"),
                   path, local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr (LoketParty) party = loket_party_new_from_json (root, error);
      if (party == NULL)
        return FALSE;
      loket_intake_form_add_party (form, party);
      return TRUE;
    }
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return invalid (error, _ ("--party-json must hold a party object or a list of them"));
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      g_autoptr (LoketParty) party
        = loket_party_new_from_json (json_array_get_element (json_node_get_array (root), i), error);
      if (party == NULL)
        return FALSE;
      loket_intake_form_add_party (form, party);
    }
  return TRUE;
}

/* Splits "REQ=PATH". */
static gboolean
split_attach (const char *arg, char **req, char **path, GError **error)
{
  const char *eq = strchr (arg, '=');

  if (eq == NULL || eq == arg || eq[1] == '\0')
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("--attach takes REQUIREMENT=FILE, not “%s”"), arg);
      return FALSE;
    }
  *req = g_strndup (arg, (gsize) (eq - arg));
  *path = g_strdup (eq + 1);
  return TRUE;
}

static gboolean
fill_form (LoketIntakeForm *form, Options *o, GError **error)
{
  if (!add_parties (form, o->party_json, error))
    return FALSE;
  loket_intake_form_set_subject (form, o->subject);
  loket_intake_form_set_return_note (form, o->return_note);
  if (o->received_at != NULL)
    {
      g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (o->received_at, NULL);
      if (dt == NULL)
        return invalid (error, _ ("--received-at must be an ISO 8601 time with its UTC offset"));
      loket_intake_form_set_received_at (form, g_date_time_to_unix (dt));
    }
  if (o->letter_number != NULL || o->letter_date != NULL || o->letter_sender != NULL)
    {
      LoketLetterSifat sifat = LOKET_LETTER_SIFAT_BIASA;

      if (o->letter_sifat != NULL && !loket_letter_sifat_from_string (o->letter_sifat, &sifat))
        return invalid (error, _ ("--letter-sifat is biasa, segera, sangat_segera or rahasia"));
      loket_intake_form_set_letter (form, o->letter_number, o->letter_date, o->letter_sender, sifat);
    }
  for (guint i = 0; o->check != NULL && o->check[i] != NULL; i++)
    if (!loket_intake_form_set_satisfied (form, o->check[i], TRUE, error))
      return FALSE;
  /* Attached requirements count as satisfied for the checks below; the files are only stored
   * once everything else is known to be right. */
  for (guint i = 0; o->attach != NULL && o->attach[i] != NULL; i++)
    {
      g_autofree char *req = NULL;
      g_autofree char *path = NULL;
      g_autoptr (GFile) file = NULL;

      if (!split_attach (o->attach[i], &req, &path, error)
          || !loket_intake_form_set_satisfied (form, req, TRUE, error))
        return FALSE;
      file = g_file_new_for_commandline_arg (path);
      if (!loket_attachment_check_file (file, (guint64) o->limit, NULL, NULL, NULL, error))
        return FALSE;
    }
  if (!loket_intake_form_check (form, error))
    return FALSE;
  if ((o->complete || o->close) && !loket_intake_form_can_declare_complete (form, error))
    return FALSE;
  if (o->close && !loket_intake_form_is_counter_service (form))
    return invalid (error, _ ("Only counter services (served in minutes or hours) can be closed "
                              "at registration"));
  return TRUE;
}

static gboolean
store_attachments (LoketCliContext *ctx, LoketIntakeForm *form, Options *o, GError **error)
{
  for (guint i = 0; o->attach != NULL && o->attach[i] != NULL; i++)
    {
      g_autofree char *req = NULL;
      g_autofree char *path = NULL;
      g_autoptr (GFile) file = NULL;
      g_autoptr (LoketAttachment) attachment = NULL;

      if (!split_attach (o->attach[i], &req, &path, error))
        return FALSE;
      file = g_file_new_for_commandline_arg (path);
      attachment = loket_store_add_blob_from_file (ctx->store, file, (guint64) o->limit, NULL, error);
      if (attachment == NULL || !loket_intake_form_add_attachment (form, req, attachment, error))
        return FALSE;
    }
  return TRUE;
}

static void
print_result (Options *o, const char *uuid, const char *agenda)
{
  if (o->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "case_uuid");
      json_builder_add_string_value (b, uuid);
      json_builder_set_member_name (b, "agenda_number");
      json_builder_add_string_value (b, agenda);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      text = json_to_string (root, TRUE);
      printf ("%s\n", text);
    }
  else
    {
      printf (_ ("Agenda number: %s\n"), agenda);
      printf (_ ("Case: %s\n"), uuid);
    }
}

int
loket_cli_intake (int argc, char **argv)
{
  g_auto (Options) o = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketIntakeForm) form = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *agenda = NULL;
  LoketIntakeOutcome outcome;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &o.db, N_ ("Database file"), N_ ("FILE") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &o.service, N_ ("Service id (see “loket-cli services”)"), N_ ("ID") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &o.channel, N_ ("Channel: surat, tatap_muka, …"), N_ ("CHANNEL") },
    { "party-json", 0, 0, G_OPTION_ARG_FILENAME, &o.party_json, N_ ("JSON file with the party (or a list of parties)"), N_ ("FILE") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &o.subject, N_ ("Subject (perihal)"), N_ ("TEXT") },
    { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.attach, N_ ("Attach a PDF, JPEG or PNG to a requirement (repeatable)"), N_ ("REQ=FILE") },
    { "check", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.check, N_ ("Mark a requirement satisfied without a file (repeatable)"), N_ ("REQ") },
    { "complete", 0, 0, G_OPTION_ARG_NONE, &o.complete, N_ ("Declare the file complete (every mandatory requirement satisfied)"), NULL },
    { "close", 0, 0, G_OPTION_ARG_NONE, &o.close, N_ ("Counter services: declare complete and close at once"), NULL },
    { "return-note", 0, 0, G_OPTION_ARG_STRING, &o.return_note, N_ ("Return the file as incomplete with this note"), N_ ("TEXT") },
    { "received-at", 0, 0, G_OPTION_ARG_STRING, &o.received_at, N_ ("When the papers were received (ISO 8601; default now)"), N_ ("TIME") },
    { "letter-number", 0, 0, G_OPTION_ARG_STRING, &o.letter_number, N_ ("Incoming letter: number"), N_ ("TEXT") },
    { "letter-date", 0, 0, G_OPTION_ARG_STRING, &o.letter_date, N_ ("Incoming letter: date"), N_ ("YYYY-MM-DD") },
    { "letter-sender", 0, 0, G_OPTION_ARG_STRING, &o.letter_sender, N_ ("Incoming letter: sender"), N_ ("TEXT") },
    { "letter-sifat", 0, 0, G_OPTION_ARG_STRING, &o.letter_sifat, N_ ("Incoming letter: biasa, segera, sangat_segera, rahasia"), N_ ("SIFAT") },
    { "limit", 0, 0, G_OPTION_ARG_INT64, &o.limit, N_ ("Largest accepted file in bytes (default 50 MB)"), N_ ("BYTES") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &o.author, N_ ("Who registers (default: the user name)"), N_ ("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_ ("Print the result as JSON"), NULL },
    { NULL }
  };

  if (!loket_cli_parse_options ("intake", _ ("Register a case for a service, as the intake dialog does."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (o.db == NULL || o.service == NULL || o.channel == NULL || o.party_json == NULL)
    return loket_cli_usage_error ("intake", _ ("--db, --service, --channel and --party-json are required"));
  if ((o.complete || o.close) && o.return_note != NULL)
    return loket_cli_usage_error ("intake", _ ("--return-note cannot be combined with --complete or --close"));
  if (o.limit < 0)
    return loket_cli_usage_error ("intake", _ ("--limit must not be negative"));
  outcome = o.close ? LOKET_INTAKE_COMPLETE_AND_CLOSE
            : o.complete ? LOKET_INTAKE_DECLARE_COMPLETE
            : o.return_note != NULL ? LOKET_INTAKE_RETURN
                                    : LOKET_INTAKE_REGISTER;

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL)
    return loket_cli_fail (error);
  form = loket_intake_form_new (ctx->catalog, o.service, o.channel, &error);
  /* Everything is checked before the database is even opened: nothing is stored on bad input. */
  if (form == NULL || !fill_form (form, &o, &error))
    return loket_cli_fail (error);
  if (!loket_cli_context_open_store (ctx, o.db, FALSE, &error)
      || !store_attachments (ctx, form, &o, &error)
      || !loket_store_register_case (ctx->store, form, NULL,
                                     o.author != NULL ? o.author : g_get_user_name (), outcome,
                                     &uuid, &agenda, &error))
    return loket_cli_fail (error);
  print_result (&o, uuid, agenda);
  return LOKET_CLI_EXIT_OK;
}

int
loket_cli_drafts (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (GPtrArray) drafts = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_ ("Database file"), N_ ("FILE") },
    { NULL }
  };

  if (!loket_cli_parse_options ("drafts", _ ("List the intake drafts saved in a database."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL)
    return loket_cli_usage_error ("drafts", _ ("--db is required"));
  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  drafts = loket_store_list_drafts (ctx->store, &error);
  if (drafts == NULL)
    return loket_cli_fail (error);
  for (guint i = 0; i < drafts->len; i++)
    {
      LoketDraftInfo *d = g_ptr_array_index (drafts, i);
      g_autoptr (GDateTime) dt = g_date_time_new_from_unix_local (d->updated_at);
      g_autofree char *when = g_date_time_format (dt, "%Y-%m-%d %H:%M");

      printf ("%s  %s  %s  %s  %u\n", d->id, when, d->service_id != NULL ? d->service_id : "-",
              d->party_name != NULL ? d->party_name : "-", d->n_attachments);
    }
  printf (g_dngettext (GETTEXT_PACKAGE, "%u draft\n", "%u drafts\n", drafts->len), drafts->len);
  return LOKET_CLI_EXIT_OK;
}
