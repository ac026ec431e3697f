// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli sign` and `loket-cli verify`: PAdES signatures on PDF files.
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "loket-cli-private.h"
#include "loket-error.h"
#include "loket-pdf-signature-verify.h"
#include "loket-pdf-signer.h"
#include "loket-signer-pkcs11.h"
#include "loket-signer-pkcs12.h"

/* Parses options and exactly @n_args positional arguments (left in (*argv)[1..]). */
static gboolean
parse_with_args (const char   *command,
                 const char   *params,
                 const char   *summary,
                 GOptionEntry *entries,
                 int           n_args,
                 int          *argc,
                 char       ***argv)
{
  g_autoptr (GOptionContext) octx = g_option_context_new (params);
  g_autoptr (GError) error = NULL;

  g_option_context_set_summary (octx, summary);
  g_option_context_add_main_entries (octx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (octx, GETTEXT_PACKAGE);
  g_set_prgname (command);
  if (!g_option_context_parse (octx, argc, argv, &error))
    {
      loket_cli_usage_error (command, error->message);
      return FALSE;
    }
  if (*argc != n_args + 1)
    {
      loket_cli_usage_error (command, *argc < n_args + 1 ? _("missing file argument")
                                                         : _("too many arguments"));
      return FALSE;
    }
  return TRUE;
}

typedef char LoketSecret; /* a password or PIN: wiped before it is freed */

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

/* The first line of @path. */
char *
loket_cli_read_secret_file (const char *path, GError **error)
{
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  contents[strcspn (contents, "\r\n")] = '\0';
  return contents;
}

/* Asks on the terminal without echo; never reads argv or the environment. */
char *
loket_cli_ask_secret (const char *prompt, GError **error)
{
  struct termios old, quiet;
  char           buf[256];
  int            fd = open ("/dev/tty", O_RDWR | O_CLOEXEC);
  FILE          *tty;
  char          *result = NULL;

  if (fd < 0 || !isatty (fd))
    {
      if (fd >= 0)
        close (fd);
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("No terminal to ask for the password or PIN: use --password-file or "
                              "--pin-file"));
      return NULL;
    }
  tty = fdopen (fd, "r+");
  fprintf (tty, "%s", prompt);
  fflush (tty);
  tcgetattr (fd, &old);
  quiet = old;
  quiet.c_lflag &= (tcflag_t) ~ECHO;
  tcsetattr (fd, TCSAFLUSH, &quiet);
  if (fgets (buf, sizeof buf, tty) != NULL)
    {
      buf[strcspn (buf, "\r\n")] = '\0';
      result = g_strdup (buf);
    }
  memset (buf, 0, sizeof buf);
  tcsetattr (fd, TCSAFLUSH, &old);
  fputc ('\n', tty);
  fclose (tty);
  if (result == NULL)
    g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                         _("No password or PIN was entered"));
  return result;
}

int
loket_cli_sign (int argc, char **argv)
{
  g_autofree char *key = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *pin_file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *location = NULL;
  int              page = 1;
  GOptionEntry     entries[]
    = { { "key", 'k', 0, G_OPTION_ARG_STRING, &key,
          N_("The signing key: a PKCS#12 file or a pkcs11: URL"), N_("FILE|URL") },
        { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
          N_("Read the PKCS#12 password from the first line of FILE"), N_("FILE") },
        { "pin-file", 0, 0, G_OPTION_ARG_FILENAME, &pin_file,
          N_("Read the token PIN from the first line of FILE"), N_("FILE") },
        { "name", 0, 0, G_OPTION_ARG_STRING, &name,
          N_("Signer name shown on the page (default: the certificate's name)"), N_("TEXT") },
        { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Reason for signing"), N_("TEXT") },
        { "location", 0, 0, G_OPTION_ARG_STRING, &location, N_("Place of signing"), N_("TEXT") },
        { "page", 0, 0, G_OPTION_ARG_INT, &page, N_("Page that shows the signature (default 1)"),
          N_("N") },
        { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSecret) secret = NULL;
  g_autoptr (GObject) signer = NULL;
  LoketPdfSignOptions options = { 0 };
  gboolean            pkcs11;

  if (!parse_with_args ("sign", _("IN.pdf OUT.pdf"),
                        _("Sign a PDF (PAdES-B-B) with a key from a PKCS#12 file or a PKCS#11 "
                           "token. The password or PIN is read from a file or asked on the "
                           "terminal, never taken from the command line."),
                        entries, 2, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (key == NULL)
    return loket_cli_usage_error ("sign", _("--key is required"));
  if (password_file != NULL && pin_file != NULL)
    return loket_cli_usage_error ("sign", _("give either --password-file or --pin-file"));
  if (page < 1)
    return loket_cli_usage_error ("sign", _("--page must be 1 or more"));
  pkcs11 = g_str_has_prefix (key, "pkcs11:");
  if (pkcs11 && (strstr (key, "pin-value=") != NULL || strstr (key, "pin-source=") != NULL))
    return loket_cli_usage_error ("sign", _("do not put the PIN in the URL; use --pin-file"));

  if (password_file != NULL || pin_file != NULL)
    secret = loket_cli_read_secret_file (password_file != NULL ? password_file : pin_file, &error);
  else
    secret = loket_cli_ask_secret (pkcs11 ? _("Token PIN: ") : _("Key file password: "), &error);
  if (secret == NULL)
    return loket_cli_fail (error);

  if (pkcs11)
    signer = G_OBJECT (loket_pkcs11_signer_new (key, secret, &error));
  else
    signer = G_OBJECT (loket_pkcs12_signer_new (key, secret, &error));
  if (signer == NULL)
    return loket_cli_fail (error);

  options.signer_name = name;
  options.reason = reason;
  options.location = location;
  options.page = (guint) (page - 1);
  if (!loket_pdf_sign_file (argv[1], argv[2], LOKET_SIGNER (signer), &options, NULL, &error))
    return loket_cli_fail (error);
  return LOKET_CLI_EXIT_OK;
}

static char *
format_time (GDateTime *time)
{
  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

/* Changed since signing: a later revision, or bytes of a signed range that no longer match. */
static gboolean
document_modified (LoketPdfVerification *result)
{
  if (result->modified_after_signing)
    return TRUE;
  for (guint i = 0; i < result->signatures->len; i++)
    {
      LoketPdfSignature *sig = result->signatures->pdata[i];
      if (!sig->byte_range_ok || !sig->digest_matches)
        return TRUE;
    }
  return FALSE;
}

static void
add_nullable (JsonBuilder *b, const char *member, const char *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_letter_json (JsonBuilder *b, LoketCliLetterMatch *match)
{
  json_builder_set_member_name (b, "letter");
  if (match == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  add_nullable (b, "id", match->letter_id);
  json_builder_set_member_name (b, "known");
  json_builder_add_boolean_value (b, match->known);
  add_nullable (b, "case", match->case_uuid);
  add_nullable (b, "agenda_number", match->agenda_number);
  add_nullable (b, "number", match->number);
  add_nullable (b, "register", match->register_id);
  add_nullable (b, "event", match->event_type);
  json_builder_end_object (b);
}

static void
print_json (const char *path, LoketPdfVerification *result, gboolean with_trust,
            LoketCliLetterMatch *match)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "valid");
  json_builder_add_boolean_value (b, result->valid);
  json_builder_set_member_name (b, "modified");
  json_builder_add_boolean_value (b, document_modified (result));
  json_builder_set_member_name (b, "modified_after_signing");
  json_builder_add_boolean_value (b, result->modified_after_signing);
  json_builder_set_member_name (b, "incomplete");
  json_builder_add_boolean_value (b, result->incomplete);
  json_builder_set_member_name (b, "signatures");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->signatures->len; i++)
    {
      LoketPdfSignature *sig = result->signatures->pdata[i];
      g_autofree char   *time = format_time (sig->signing_time);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "signer");
      if (sig->signer_name != NULL)
        json_builder_add_string_value (b, sig->signer_name);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "subject");
      if (sig->signer_subject != NULL)
        json_builder_add_string_value (b, sig->signer_subject);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "time");
      if (time != NULL)
        json_builder_add_string_value (b, time);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "sub_filter");
      if (sig->sub_filter != NULL)
        json_builder_add_string_value (b, sig->sub_filter);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "valid");
      json_builder_add_boolean_value (b, sig->valid);
      json_builder_set_member_name (b, "digest_matches");
      json_builder_add_boolean_value (b, sig->digest_matches);
      json_builder_set_member_name (b, "cms_valid");
      json_builder_add_boolean_value (b, sig->cms_valid);
      json_builder_set_member_name (b, "covers_whole_document");
      json_builder_add_boolean_value (b, sig->covers_whole_document);
      json_builder_set_member_name (b, "certificate_valid_at_signing");
      json_builder_add_boolean_value (b, sig->certificate_valid_at_signing);
      json_builder_set_member_name (b, "signing_certificate_v2");
      json_builder_add_boolean_value (b, sig->signing_certificate_ok);
      if (with_trust)
        {
          json_builder_set_member_name (b, "trusted");
          json_builder_add_boolean_value (b, sig->trusted);
        }
      json_builder_set_member_name (b, "problem");
      if (sig->problem != NULL)
        json_builder_add_string_value (b, sig->problem);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (match != NULL)
    add_letter_json (b, match);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

static const char *
yes_no (gboolean value)
{
  return value ? _("yes") : _("no");
}

static void
print_letter_text (LoketCliLetterMatch *match)
{
  if (match->letter_id == NULL)
    {
      printf ("%s\n", _("The PDF carries no Loket letter id."));
      return;
    }
  printf ("  %-28s %s\n", _("Letter id:"), match->letter_id);
  if (!match->known)
    {
      printf ("%s\n", _("This letter is NOT known to the database."));
      return;
    }
  printf ("  %-28s %s\n", _("Case:"), match->agenda_number != NULL ? match->agenda_number
                                                                 : match->case_uuid);
  printf ("  %-28s %s\n", _("Number:"), match->number != NULL ? match->number
                                                              : _("not numbered here"));
}

static void
print_text (LoketPdfVerification *result, gboolean with_trust)
{
  if (result->signatures->len == 0)
    printf ("%s\n", _("The document has no signature."));
  for (guint i = 0; i < result->signatures->len; i++)
    {
      LoketPdfSignature *sig = result->signatures->pdata[i];
      g_autofree char   *time = format_time (sig->signing_time);

      printf (_("Signature %u:"), i + 1);
      printf ("\n  %-28s %s\n", _("Signer:"), sig->signer_name != NULL ? sig->signer_name : "?");
      printf ("  %-28s %s\n", _("Signing time:"), time != NULL ? time : "?");
      printf ("  %-28s %s\n", _("Signature valid:"), yes_no (sig->valid));
      printf ("  %-28s %s\n", _("Digest matches:"), yes_no (sig->digest_matches));
      printf ("  %-28s %s\n", _("Covers the whole document:"),
              yes_no (sig->covers_whole_document));
      if (with_trust)
        printf ("  %-28s %s\n", _("Trusted signer:"), yes_no (sig->trusted));
      if (sig->problem != NULL)
        printf ("  %-28s %s\n", _("Problem:"), sig->problem);
    }
  if (result->modified_after_signing)
    printf ("%s\n", _("The document was changed after the last signature."));
  if (result->incomplete)
    printf ("%s\n", _("Too many signatures: not all were checked."));
  printf ("%s\n", result->valid ? _("Result: valid") : _("Result: NOT valid"));
}

int
loket_cli_verify (int argc, char **argv)
{
  gboolean         json = FALSE;
  g_autofree char *ca = NULL;
  g_autofree char *db = NULL;
  GOptionEntry     entries[]
    = { { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
        { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
          N_("Also look the letter up in this database (offline)"), N_("FILE") },
        { "ca", 0, 0, G_OPTION_ARG_FILENAME, &ca,
          N_("Also require the signer to chain to these PEM certificates"), N_("FILE") },
        { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (LoketPdfVerification) result = NULL;
  g_autoptr (LoketCliLetterMatch) match = NULL;

  if (!parse_with_args ("verify", _("FILE.pdf"),
                        _("Check the signatures of a PDF offline. Exit status 0: valid and "
                           "unchanged since signing (and, with --db, a letter of that "
                           "database); 1: not valid, changed, unsigned or unknown."),
                        entries, 1, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;

  mapped = g_mapped_file_new (argv[1], FALSE, &error);
  if (mapped == NULL)
    return loket_cli_fail (error);
  bytes = g_mapped_file_get_bytes (mapped);
  result = loket_pdf_verify (bytes, ca, &error);
  if (result == NULL)
    return loket_cli_fail (error);
  if (db != NULL)
    {
      match = loket_cli_match_letter (db, bytes, &error);
      if (match == NULL)
        return loket_cli_fail (error);
    }
  if (json)
    print_json (argv[1], result, ca != NULL, match);
  else
    {
      print_text (result, ca != NULL);
      if (match != NULL)
        print_letter_text (match);
    }
  return result->valid && (match == NULL || match->known) ? LOKET_CLI_EXIT_OK
                                                           : LOKET_CLI_EXIT_FAILED;
}
