// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli lease` and `loket-cli number`: leased blocks of letter numbers and numbering a
// letter; the letter lookup behind `loket-cli verify --db`.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "loket-cli-private.h"
#include "loket-error.h"
#include "loket-letter-pdf-id.h"
#include "loket-store-numbering.h"

/* Unix time of 00:00 WITA (UTC+8) on @text (YYYY-MM-DD); 0 when it is not such a date. */
static gint64
parse_day (const char *text)
{
  int y, m, d;
  char tail;
  g_autoptr (GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr (GDateTime) dt = NULL;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return 0;
  dt = g_date_time_new (tz, y, m, d, 0, 0, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static const LoketNumberRegister *
find_register (GPtrArray *registers, const char *agency, const char *id, GError **error)
{
  const LoketNumberRegister *reg = loket_number_registers_lookup (registers, agency, id);

  if (reg == NULL)
    g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                 _("No register “%s” for the agency “%s” in the registers file"), id, agency);
  return reg;
}

static void
print_leases (GPtrArray *leases)
{
  for (guint i = 0; i < leases->len; i++)
    {
      LoketNumberLease *l = leases->pdata[i];
      g_autoptr (GDateTime) expires = g_date_time_new_from_unix_utc (l->expires);
      g_autofree char *until = expires != NULL ? g_date_time_format_iso8601 (expires)
                                               : g_strdup ("-");

      printf ("%s\t%s\t%d\t%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT "\t%s\t%" G_GINT64_FORMAT
              "\t%s\n",
              l->agency_id, l->register_id, l->year, l->first, l->last, until, l->n_used,
              l->device);
    }
}

int
loket_cli_lease (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *register_id = NULL;
  g_autofree char *device = NULL;
  g_autofree char *expires_text = NULL;
  int year = 0;
  gint64 from = 0, to = 0;
  gboolean list = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Database file"), N_("FILE") },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &agency, N_("Agency id (e.g. kopnakertrans-ntt)"),
      N_("ID") },
    { "register", 0, 0, G_OPTION_ARG_STRING, &register_id,
      N_("Register id from the registers file (e.g. surat-keluar)"), N_("ID") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Year the numbers belong to"), N_("YEAR") },
    { "from", 0, 0, G_OPTION_ARG_INT64, &from, N_("First number of the block"), N_("N") },
    { "to", 0, 0, G_OPTION_ARG_INT64, &to, N_("Last number of the block"), N_("N") },
    { "device", 0, 0, G_OPTION_ARG_STRING, &device,
      N_("Device the block is for (default: this database’s device)"), N_("ID") },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &expires_text,
      N_("Last day the block may be used (default: 31 January of the next year)"),
      N_("YYYY-MM-DD") },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the leases instead"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (GPtrArray) registers = NULL;
  gint64 expires;

  if (!loket_cli_parse_options ("lease",
                                _("Record a block of letter numbers leased to a device (until "
                                  "the server grants them). Blocks of one register and year "
                                  "never overlap."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL)
    return loket_cli_usage_error ("lease", _("--db is required"));
  if (!list && (agency == NULL || register_id == NULL || year == 0 || from == 0 || to == 0))
    return loket_cli_usage_error ("lease", _("--agency, --register, --year, --from and --to "
                                             "are required"));
  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, list, &error))
    return loket_cli_fail (error);
  if (list)
    {
      g_autoptr (GPtrArray) leases = loket_store_list_number_leases (ctx->store, &error);

      if (leases == NULL)
        return loket_cli_fail (error);
      print_leases (leases);
      return LOKET_CLI_EXIT_OK;
    }
  if (expires_text != NULL)
    {
      expires = parse_day (expires_text);
      if (expires == 0)
        return loket_cli_usage_error ("lease", _("--expires must be a date YYYY-MM-DD"));
      expires += 86400; /* the whole last day */
    }
  else
    {
      g_autofree char *day = g_strdup_printf ("%04d-02-01", year + 1);

      expires = parse_day (day);
    }
  registers = loket_number_registers_new_default (&error);
  if (registers == NULL || find_register (registers, agency, register_id, &error) == NULL)
    return loket_cli_fail (error);
  if (!loket_store_add_number_lease (ctx->store, agency, register_id, year, from, to, device,
                                     expires, 0, &error))
    return loket_cli_fail (error);
  printf (_("Leased %s %s %d: %lld–%lld"), agency, register_id, year, (long long) from,
          (long long) to);
  putchar ('\n');
  return LOKET_CLI_EXIT_OK;
}

int
loket_cli_number (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *register_id = NULL;
  g_autofree char *klasifikasi = NULL;
  g_autofree char *author = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Database file"), N_("FILE") },
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_id, N_("Case UUID or agenda number"), N_("ID") },
    { "letter", 0, 0, G_OPTION_ARG_STRING, &letter, N_("Letter id (the id in its QR code)"),
      N_("ID") },
    { "register", 0, 0, G_OPTION_ARG_STRING, &register_id, N_("Register id"), N_("ID") },
    { "klasifikasi", 0, 0, G_OPTION_ARG_STRING, &klasifikasi,
      N_("Classification code of this letter (default: the register’s)"), N_("CODE") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("Who numbers (default: loket-cli)"),
      N_("NAME") },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (GPtrArray) registers = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketLetterNumber) n = NULL;
  const LoketNumberRegister *reg;

  if (!loket_cli_parse_options ("number",
                                _("Give a signed letter its final number from a block leased to "
                                  "this device."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL || case_id == NULL || letter == NULL || register_id == NULL)
    return loket_cli_usage_error ("number", _("--db, --case, --letter and --register are "
                                              "required"));
  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  kase = loket_cli_find_case (ctx, case_id, &error);
  if (kase == NULL)
    {
      if (error == NULL)
        g_set_error (&error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _("No case “%s”"), case_id);
      return loket_cli_fail (error);
    }
  registers = loket_number_registers_new_default (&error);
  if (registers == NULL)
    return loket_cli_fail (error);
  reg = find_register (registers, loket_case_get_agency_id (kase), register_id, &error);
  if (reg == NULL)
    return loket_cli_fail (error);
  n = loket_store_number_letter (ctx->store, loket_case_get_uuid (kase), letter, reg, klasifikasi,
                                 author != NULL ? author : "loket-cli", 0, &error);
  if (n == NULL)
    return loket_cli_fail (error);
  printf ("%s\n", n->number);
  return LOKET_CLI_EXIT_OK;
}

void
loket_cli_letter_match_free (LoketCliLetterMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->letter_id);
  g_free (match->case_uuid);
  g_free (match->agenda_number);
  g_free (match->number);
  g_free (match->register_id);
  g_free (match->event_type);
  g_free (match);
}

LoketCliLetterMatch *
loket_cli_match_letter (const char *db, GBytes *pdf, GError **error)
{
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketCliLetterMatch) match = g_new0 (LoketCliLetterMatch, 1);
  g_autoptr (LoketLetterNumber) n = NULL;
  g_autoptr (GError) local_error = NULL;

  match->letter_id = loket_letter_id_from_pdf (pdf);
  ctx = loket_cli_context_new (error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, error))
    return NULL;
  if (match->letter_id == NULL)
    return g_steal_pointer (&match);
  n = loket_store_lookup_letter_number (ctx->store, match->letter_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (n != NULL)
    {
      match->known = TRUE;
      match->case_uuid = g_strdup (n->case_uuid);
      match->number = g_strdup (n->number);
      match->register_id = g_strdup (n->register_id);
      match->event_type = g_strdup ("letter.numbered");
    }
  else if (loket_store_find_letter_case (ctx->store, match->letter_id, &match->case_uuid,
                                         &match->event_type, &local_error))
    match->known = TRUE;
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (match->case_uuid != NULL)
    {
      g_autoptr (LoketCase) kase = loket_store_get_case (ctx->store, match->case_uuid, NULL);

      if (kase != NULL)
        match->agenda_number = g_strdup (loket_case_get_agenda_number (kase));
    }
  return g_steal_pointer (&match);
}
