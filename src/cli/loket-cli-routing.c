// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli dispose` and `loket-cli inbox`: disposition routing over the workflow engine.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "loket-cli-private.h"
#include "loket-error.h"

/* The case by UUID, else by its exact agenda number. */
static LoketCase *
find_case (LoketCliContext *ctx, const char *id, GError **error)
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

/* "2026-10-05" (the end of that day in @tz) or an ISO 8601 time with an offset. 0 on error. */
static gint64
parse_due (const char *text, GTimeZone *tz)
{
  g_autoptr (GDateTime) time = NULL;
  int  year, month, day;
  char tail;

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3)
    time = g_date_time_new (tz, year, month, day, 23, 59, 59);
  else
    time = g_date_time_new_from_iso8601 (text, NULL);
  return time != NULL ? g_date_time_to_unix (time) : 0;
}

static GStrv
split_list (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

int
loket_cli_dispose (int argc, char **argv)
{
  g_autofree char *db = NULL, *case_id = NULL, *as = NULL, *to = NULL, *instruction = NULL;
  g_autofree char *note = NULL, *due = NULL, *as_position = NULL, *parent = NULL;
  GOptionEntry     entries[]
    = { { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_ ("Database file"), N_ ("FILE") },
        { "case", 0, 0, G_OPTION_ARG_STRING, &case_id, N_ ("Case UUID or agenda number"),
          N_ ("ID") },
        { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_ ("The person who disposes (org chart id)"),
          N_ ("PERSON") },
        { "as-position", 0, 0, G_OPTION_ARG_STRING, &as_position,
          N_ ("Act for this position (Plh./Plt.)"), N_ ("POSITION") },
        { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_ ("Recipient positions, separated by commas"),
          N_ ("POSITION[,…]") },
        { "instruction", 0, 0, G_OPTION_ARG_STRING, &instruction,
          N_ ("Instruction ids of the lembar disposisi, separated by commas"), N_ ("ID[,…]") },
        { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("Note"), N_ ("TEXT") },
        { "due", 0, 0, G_OPTION_ARG_STRING, &due,
          N_ ("Due date (YYYY-MM-DD or ISO 8601; default: the step's budget)"), N_ ("DATE") },
        { "parent", 0, 0, G_OPTION_ARG_STRING, &parent,
          N_ ("The received disposition to forward (default: the latest open one)"), N_ ("ID") },
        { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketWorkflowRequest) request = NULL;
  g_autofree char *id = NULL;
  gint64           due_at = 0;

  if (!loket_cli_parse_options ("dispose", _ ("Send a case to one or more positions below you."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL || case_id == NULL || as == NULL || to == NULL || instruction == NULL)
    return loket_cli_usage_error ("dispose",
                                  _ ("--db, --case, --as, --to and --instruction are required"));

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL)
    return loket_cli_fail (error);
  if (due != NULL)
    {
      due_at = parse_due (due, loket_work_calendar_get_timezone (ctx->calendar));
      if (due_at == 0)
        return loket_cli_usage_error ("dispose",
                                      _ ("--due must be a date (YYYY-MM-DD) or an ISO 8601 time"));
    }
  if (!loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  kase = find_case (ctx, case_id, &error);
  if (kase == NULL)
    return loket_cli_fail (error);

  request = loket_workflow_request_new (
    parent != NULL ? LOKET_WORKFLOW_ACTION_FORWARD : LOKET_WORKFLOW_ACTION_DISPOSE, as);
  request->as_position = g_steal_pointer (&as_position);
  request->disposition_id = g_steal_pointer (&parent);
  request->to = split_list (to);
  request->instructions = split_list (instruction);
  request->note = g_steal_pointer (&note);
  request->due_at = due_at;
  if (!loket_store_workflow_act (ctx->store, loket_case_get_uuid (kase), request, &id, &error))
    return loket_cli_fail (error);

  printf ("%s\n", id);
  return LOKET_CLI_EXIT_OK;
}

/* ---- inbox -------------------------------------------------------------------------------- */

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
item_to_json (JsonBuilder *b, LoketInboxItem *item)
{
  LoketDisposition *d = item->disposition;

  json_builder_begin_object (b);
  add_string (b, "case", loket_case_get_uuid (item->kase));
  add_string (b, "agenda_number", loket_case_get_agenda_number (item->kase));
  add_string (b, "service", loket_case_get_service_id (item->kase));
  add_string (b, "applicant", loket_case_get_applicant_name (item->kase));
  add_string (b, "status", loket_case_status_to_string (loket_case_get_status (item->kase)));
  json_builder_set_member_name (b, "unread");
  json_builder_add_boolean_value (b, item->unread);
  json_builder_set_member_name (b, "late");
  json_builder_add_boolean_value (b, item->late);
  if (d != NULL)
    {
      json_builder_set_member_name (b, "disposition");
      json_builder_begin_object (b);
      add_string (b, "id", d->id);
      add_string (b, "from", d->from_position);
      add_string (b, "from_person", d->from_person);
      add_string (b, "to", d->position_id);
      add_string (b, "state", loket_disposition_state_to_string (d->state));
      json_builder_set_member_name (b, "instructions");
      json_builder_begin_array (b);
      for (guint i = 0; d->instructions != NULL && d->instructions[i] != NULL; i++)
        json_builder_add_string_value (b, d->instructions[i]);
      json_builder_end_array (b);
      add_string (b, "note", d->note);
      add_time (b, "sent_at", d->sent_at);
      add_time (b, "due_at", d->due_at);
      add_time (b, "read_at", d->read_at);
      add_time (b, "reported_at", d->reported_at);
      add_string (b, "report_note", d->report_note);
      json_builder_end_object (b);
    }
  else
    {
      add_time (b, "due_at", loket_case_get_due_at (item->kase));
    }
  json_builder_end_object (b);
}

int
loket_cli_inbox (int argc, char **argv)
{
  g_autofree char *db = NULL, *as = NULL;
  gboolean         json = FALSE;
  int              limit = 50;
  GOptionEntry     entries[]
    = { { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_ ("Database file"), N_ ("FILE") },
        { "as", 0, 0, G_OPTION_ARG_STRING, &as,
          N_ ("The person whose inboxes to show (org chart id)"), N_ ("PERSON") },
        { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_ ("At most N items per inbox"), "N" },
        { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print JSON"), NULL },
        { NULL } };
  /* The inbox names as the UI shows them. */
  const char *const titles[LOKET_INBOX_N_INBOXES] = {
    N_ ("Incoming dispositions"), N_ ("Needs action"), N_ ("Awaiting paraf"),
    N_ ("Awaiting signature"),    N_ ("Sent"),         N_ ("Late"),
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  LoketInboxCounts counts;
  gint64           now = g_get_real_time () / G_USEC_PER_SEC;

  if (!loket_cli_parse_options ("inbox", _ ("Show a person's inboxes with their counts."), entries,
                                &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  if (db == NULL || as == NULL)
    return loket_cli_usage_error ("inbox", _ ("--db and --as are required"));
  if (limit < 0)
    return loket_cli_usage_error ("inbox", _ ("--limit must not be negative"));

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  if (!loket_store_count_person_inboxes (ctx->store, as, now, &counts, &error))
    return loket_cli_fail (error);

  if (!json)
    {
      for (guint i = 0; i < LOKET_INBOX_N_INBOXES; i++)
        printf ("%-24s %u\n", _ (titles[i]), counts.counts[i]);
      return LOKET_CLI_EXIT_OK;
    }

  {
    g_autoptr (JsonBuilder) b = json_builder_new ();
    g_autoptr (JsonGenerator) gen = json_generator_new ();
    g_autoptr (JsonNode) root = NULL;
    g_autofree char *text = NULL;
    LoketWorkflow   *workflow = loket_store_get_workflow (ctx->store, &error);
    g_autoptr (GPtrArray) acting = NULL;

    if (workflow == NULL)
      return loket_cli_fail (error);
    acting = loket_workflow_get_acting_positions (workflow, as, now);
    json_builder_begin_object (b);
    add_string (b, "person", as);
    json_builder_set_member_name (b, "positions");
    json_builder_begin_array (b);
    for (guint i = 0; i < acting->len; i++)
      {
        LoketActingPosition *a = g_ptr_array_index (acting, i);

        json_builder_begin_object (b);
        add_string (b, "id", a->position_id);
        add_string (b, "stand_in", a->delegated ? loket_stand_in_kind_to_string (a->kind) : NULL);
        json_builder_end_object (b);
      }
    json_builder_end_array (b);
    json_builder_set_member_name (b, "counts");
    json_builder_begin_object (b);
    for (guint i = 0; i < LOKET_INBOX_N_INBOXES; i++)
      {
        json_builder_set_member_name (b, loket_inbox_to_string (i));
        json_builder_add_int_value (b, counts.counts[i]);
      }
    json_builder_end_object (b);
    json_builder_set_member_name (b, "items");
    json_builder_begin_object (b);
    for (guint i = 0; i < LOKET_INBOX_N_INBOXES; i++)
      {
        g_autoptr (GPtrArray) items
          = loket_store_list_person_inbox (ctx->store, as, i, now, 0, (guint) limit, &error);

        if (items == NULL)
          return loket_cli_fail (error);
        json_builder_set_member_name (b, loket_inbox_to_string (i));
        json_builder_begin_array (b);
        for (guint j = 0; j < items->len; j++)
          item_to_json (b, g_ptr_array_index (items, j));
        json_builder_end_array (b);
      }
    json_builder_end_object (b);
    json_builder_end_object (b);
    root = json_builder_get_root (b);
    json_generator_set_root (gen, root);
    json_generator_set_pretty (gen, TRUE);
    text = json_generator_to_data (gen, NULL);
    printf ("%s\n", text);
  }
  return LOKET_CLI_EXIT_OK;
}

/* ---- disposition (read / report / withdraw / history) --------------------------------------- */

static const char *
step_name (LoketDispositionStepKind kind)
{
  switch (kind)
    {
      case LOKET_DISPOSITION_STEP_SENT:
        return "sent";
      case LOKET_DISPOSITION_STEP_READ:
        return "read";
      case LOKET_DISPOSITION_STEP_REPORTED:
        return "reported";
      case LOKET_DISPOSITION_STEP_WITHDRAWN:
        return "withdrawn";
      case LOKET_DISPOSITION_STEP_ESCALATED:
      default:
        return "escalated";
    }
}

static void
add_strv (JsonBuilder *b, const char *name, GStrv strv)
{
  json_builder_set_member_name (b, name);
  if (strv == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_array (b);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (b, strv[i]);
  json_builder_end_array (b);
}

static int
print_history (LoketCliContext *ctx, const char *case_uuid)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketDispositionLedger) ledger
    = loket_store_get_disposition_ledger (ctx->store, case_uuid, &error);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GPtrArray *history;

  if (ledger == NULL)
    return loket_cli_fail (error);
  history = loket_disposition_ledger_get_history (ledger);
  json_builder_begin_object (b);
  add_string (b, "case", case_uuid);
  add_string (b, "holder", loket_disposition_ledger_get_holder (ledger));
  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = 0; i < history->len; i++)
    {
      LoketDispositionStep *s = g_ptr_array_index (history, i);

      json_builder_begin_object (b);
      add_string (b, "step", step_name (s->kind));
      add_time (b, "at", s->at);
      add_string (b, "disposition", s->disposition_id);
      add_string (b, "parent", s->parent_id);
      add_string (b, "person", s->person_id);
      add_string (b, "position", s->position_id);
      add_strv (b, "to", s->to);
      add_strv (b, "instructions", s->instructions);
      add_string (b, "note", s->note);
      add_strv (b, "blobs", s->blobs);
      add_time (b, "due_at", s->due_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
  return LOKET_CLI_EXIT_OK;
}

int
loket_cli_disposition (int argc, char **argv)
{
  g_autofree char *db = NULL, *case_id = NULL, *as = NULL, *as_position = NULL;
  g_autofree char *read = NULL, *report = NULL, *withdraw = NULL, *note = NULL;
  g_auto (GStrv) blobs = NULL;
  gboolean history = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Database file"), N_("FILE") },
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_id, N_("Case UUID or agenda number"), N_("ID") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The person who acts (org chart id)"), N_("PERSON") },
    { "as-position", 0, 0, G_OPTION_ARG_STRING, &as_position, N_("Act for this position (Plh./Plt.)"), N_("POSITION") },
    { "read", 0, 0, G_OPTION_ARG_STRING, &read, N_("Mark this disposition read"), N_("ID") },
    { "report", 0, 0, G_OPTION_ARG_STRING, &report, N_("Report back on this disposition (laporan tindak lanjut)"), N_("ID") },
    { "withdraw", 0, 0, G_OPTION_ARG_STRING, &withdraw, N_("Withdraw this unread disposition"), N_("ID") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Note of the report"), N_("TEXT") },
    { "blob", 0, 0, G_OPTION_ARG_STRING_ARRAY, &blobs, N_("Attachment of the report (SHA-256 of a stored blob; repeatable)"), N_("SHA256") },
    { "history", 0, 0, G_OPTION_ARG_NONE, &history, N_("Print the riwayat of the case's dispositions as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCliContext) ctx = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketWorkflowRequest) request = NULL;
  int n_acts;

  if (!loket_cli_parse_options ("disposition",
                                _("Read, report on or withdraw a disposition, or show the history."),
                                entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;
  n_acts = (read != NULL) + (report != NULL) + (withdraw != NULL);
  if (db == NULL || case_id == NULL)
    return loket_cli_usage_error ("disposition", _("--db and --case are required"));
  if (n_acts + (history ? 1 : 0) != 1)
    return loket_cli_usage_error ("disposition",
                                  _("give exactly one of --read, --report, --withdraw, --history"));
  if (n_acts == 1 && as == NULL)
    return loket_cli_usage_error ("disposition", _("--as is required"));

  ctx = loket_cli_context_new (&error);
  if (ctx == NULL || !loket_cli_context_open_store (ctx, db, TRUE, &error))
    return loket_cli_fail (error);
  kase = find_case (ctx, case_id, &error);
  if (kase == NULL)
    return loket_cli_fail (error);
  if (history)
    return print_history (ctx, loket_case_get_uuid (kase));

  request = loket_workflow_request_new (read != NULL     ? LOKET_WORKFLOW_ACTION_MARK_READ
                                        : report != NULL ? LOKET_WORKFLOW_ACTION_REPORT
                                                         : LOKET_WORKFLOW_ACTION_WITHDRAW,
                                        as);
  request->as_position = g_steal_pointer (&as_position);
  request->disposition_id = g_strdup (read != NULL ? read : report != NULL ? report : withdraw);
  request->note = g_steal_pointer (&note);
  request->blobs = g_steal_pointer (&blobs);
  if (!loket_store_workflow_act (ctx->store, loket_case_get_uuid (kase), request, NULL, &error))
    return loket_cli_fail (error);
  return LOKET_CLI_EXIT_OK;
}
