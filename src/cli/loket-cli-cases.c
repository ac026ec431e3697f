// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli cases --db FILE [--search TEXT] [--overdue] [--limit N] [--json]`.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "loket-cli-private.h"

static void
add_time (JsonBuilder *b, const char *name, gint64 unix_s)
{
  json_builder_set_member_name (b, name);
  if (unix_s == 0)
    json_builder_add_null_value (b);
  else
    {
      g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (unix_s);
      g_autofree char *iso = g_date_time_format_iso8601 (dt);
      json_builder_add_string_value (b, iso);
    }
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

static void
case_to_json (JsonBuilder *b, LoketCase *kase, gint64 now)
{
  json_builder_begin_object (b);
  add_string (b, "uuid", loket_case_get_uuid (kase));
  add_string (b, "agenda_number", loket_case_get_agenda_number (kase));
  add_string (b, "agency", loket_case_get_agency_id (kase));
  add_string (b, "service", loket_case_get_service_id (kase));
  add_string (b, "unit", loket_case_get_unit_id (kase));
  add_string (b, "channel", loket_case_get_channel (kase));
  add_string (b, "subject", loket_case_get_subject (kase));
  add_string (b, "applicant", loket_case_get_applicant_name (kase));
  add_string (b, "nik", loket_case_get_applicant_nik (kase));
  add_string (b, "holder", loket_case_get_holder (kase));
  add_string (b, "status", loket_case_status_to_string (loket_case_get_status (kase)));
  add_time (b, "received_at", loket_case_get_received_at (kase));
  add_time (b, "complete_at", loket_case_get_complete_at (kase));
  add_time (b, "due_at", loket_case_get_due_at (kase));
  add_time (b, "closed_at", loket_case_get_closed_at (kase));
  json_builder_set_member_name (b, "overdue");
  json_builder_add_boolean_value (b, loket_case_is_overdue (kase, now));
  json_builder_set_member_name (b, "events");
  json_builder_add_int_value (b, loket_case_get_event_count (kase));
  json_builder_end_object (b);
}

int
loket_cli_cases (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *search = NULL;
  gboolean overdue = FALSE;
  gboolean json = FALSE;
  int limit = 100;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Database file"), N_("FILE") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Agenda number, applicant, NIK, subject or service"), N_("TEXT") },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Only open cases past their deadline"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N cases (0: all)"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  g_autoptr (GPtrArray) cases = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint total;

  if (!loket_cli_parse_options ("cases", _("List or search cases."), entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL)
    return loket_cli_usage_error ("cases", _("--db is required"));
  if (limit < 0)
    return loket_cli_usage_error ("cases", _("--limit must not be negative"));

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);

  query->filter = overdue ? LOKET_CASE_FILTER_OVERDUE : LOKET_CASE_FILTER_ALL;
  query->search = g_strdup (search);
  query->sort = LOKET_CASE_SORT_RECEIVED_AT;
  query->descending = TRUE;
  query->now = now;
  total = loket_store_count_cases (ctx->store, query, &error);
  if (error != NULL)
    return loket_cli_fail (error);
  cases = loket_store_list_cases (ctx->store, query, 0, limit == 0 ? total : (guint) limit, &error);
  if (cases == NULL)
    return loket_cli_fail (error);

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonGenerator) gen = json_generator_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "total");
      json_builder_add_int_value (b, total);
      json_builder_set_member_name (b, "cases");
      json_builder_begin_array (b);
      for (guint i = 0; i < cases->len; i++)
        case_to_json (b, g_ptr_array_index (cases, i), now);
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      printf ("%s\n", text);
      return LOKET_CLI_EXIT_OK;
    }

  for (guint i = 0; i < cases->len; i++)
    {
      LoketCase *c = g_ptr_array_index (cases, i);

      printf ("%-22s %-20s %-32s %s\n", loket_case_get_agenda_number (c),
              loket_case_status_to_string (loket_case_get_status (c)),
              loket_case_get_applicant_name (c), loket_case_get_service_id (c));
    }
  fprintf (stderr, _("%u of %u cases shown\n"), cases->len, total);
  return LOKET_CLI_EXIT_OK;
}
