// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the workflow engine: who may dispose, forward, report, withdraw and read, Plh./Plt.,
// due dates across holidays and pauses, escalation once per late step.
#include "config.h"

#include "loket-case-projector.h"
#include "loket-error.h"
#include "loket-org-chart.h"
#include "loket-workflow.h"

#include <string.h>

#define AG "kopnakertrans-ntt/"
#define SERVICE AG "penilaian-kesehatan-ksp-usp" /* 7 hari kerja from receipt, surat */

#define KADIS AG "kadis"
#define SEKRETARIS AG "sekretaris"
#define KABID AG "kabid-ketenagakerjaan"
#define KASI AG "kasi-p3tk"
#define STAF AG "p3tk-1"
#define UPTD AG "kepala-uptd"

#define P_KADIS AG "p-kadis"
#define P_SEKRETARIS AG "p-sekretaris"
#define P_KABID AG "p-kabid-ketenagakerjaan"
#define P_KASI AG "p-kasi-p3tk"
#define P_STAF AG "p-p3tk-1"

typedef struct
{
  LoketServiceCatalog *catalog;
  LoketWorkCalendar   *calendar;
  LoketOrgChart       *org;
  LoketWorkflow       *workflow;
  LoketCaseProjector  *projector;
  GPtrArray           *events;
  guint                counter;
  char                *case_uuid;
} Fixture;

static gint64
t (const char *iso)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time);
}

static void
add_event_full (Fixture *f, const char *uuid, const char *type, const char *author, gint64 at,
                const char *body)
{
  g_autofree char *hlc = g_strdup_printf ("%015" G_GINT64_FORMAT "-%06u", at * 1000, f->counter++);
  g_autoptr (GError) error = NULL;
  LoketEvent *event = loket_event_new_checked (uuid, f->case_uuid, type, author, "device-1", hlc,
                                               body, &error);

  g_assert_no_error (error);
  g_ptr_array_add (f->events, event);
}

static void
add_event (Fixture *f, const char *type, const char *author, gint64 at, const char *body)
{
  add_event_full (f, NULL, type, author, at, body);
}

static void
register_case (Fixture *f, const char *received)
{
  g_autofree char *body = g_strdup_printf (
    "{\"agency\":\"kopnakertrans-ntt\",\"service\":\"" SERVICE "\",\"channel\":\"surat\","
    "\"received_at\":\"%s\",\"parties\":[{\"kind\":\"organisation\",\"name\":\"KSP Maju\"}]}",
    received);

  add_event (f, LOKET_EVENT_CASE_REGISTERED, AG "p-pencatat-surat", t (received), body);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->catalog = loket_service_catalog_new_default (&error);
  g_assert_no_error (error);
  f->calendar = loket_work_calendar_new_default (&error);
  g_assert_no_error (error);
  f->org = loket_org_chart_new_default (&error);
  g_assert_no_error (error);
  f->workflow = loket_workflow_new (f->org, f->catalog, f->calendar, &error);
  g_assert_no_error (error);
  f->projector = loket_case_projector_new (f->catalog, f->calendar);
  f->events = g_ptr_array_new_with_free_func (g_object_unref);
  f->case_uuid = g_uuid_string_random ();
  register_case (f, "2026-05-11T09:00:00+08:00");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_ptr_array_unref (f->events);
  g_free (f->case_uuid);
  g_clear_object (&f->projector);
  g_clear_object (&f->workflow);
  g_clear_object (&f->org);
  g_clear_object (&f->calendar);
  g_clear_object (&f->catalog);
}

static LoketCase *
project (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  LoketCase *kase = loket_case_projector_project (f->projector, f->events, &error);

  g_assert_no_error (error);
  return kase;
}

static LoketDispositionLedger *
ledger_of (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  LoketDispositionLedger *ledger = loket_disposition_ledger_new_from_events (f->case_uuid,
                                                                             f->events, &error);

  g_assert_no_error (error);
  return ledger;
}

/* Checks @request at @at; on success appends its event and returns the disposition id. */
static char *
act (Fixture *f, LoketWorkflowRequest *request, gint64 at, GError **error)
{
  g_autoptr (LoketCase) kase = project (f);
  g_autoptr (LoketDispositionLedger) ledger = ledger_of (f);
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *json = NULL;
  const char *type = NULL;

  request->at = at;
  body = loket_workflow_check (f->workflow, kase, ledger, request, at, &type, error);
  if (body == NULL)
    return NULL;
  node = json_node_init_object (json_node_alloc (), body);
  json = json_to_string (node, FALSE);
  add_event (f, type, request->person_id, at, json);
  return g_strdup (json_object_get_string_member (body, "id"));
}

static LoketWorkflowRequest *
send_request (const char *person, const char *to, const char *parent)
{
  LoketWorkflowRequest *r = loket_workflow_request_new (
    parent != NULL ? LOKET_WORKFLOW_ACTION_FORWARD : LOKET_WORKFLOW_ACTION_DISPOSE, person);
  const char *targets[] = { to, NULL };
  const char *instructions[] = { "untuk_ditindaklanjuti", NULL };

  r->to = g_strdupv ((char **) targets);
  r->instructions = g_strdupv ((char **) instructions);
  r->disposition_id = g_strdup (parent);
  r->note = g_strdup ("Mohon diproses");
  return r;
}

static char *
dispose (Fixture *f, const char *person, const char *to, const char *parent, gint64 at, GError **error)
{
  g_autoptr (LoketWorkflowRequest) r = send_request (person, to, parent);

  return act (f, r, at, error);
}

static gboolean
simple_act (Fixture *f, LoketWorkflowAction action, const char *person, const char *id, gint64 at,
            GError **error)
{
  g_autoptr (LoketWorkflowRequest) r = loket_workflow_request_new (action, person);
  g_autofree char *result = NULL;

  r->disposition_id = g_strdup (id);
  r->note = g_strdup ("Sudah ditindaklanjuti");
  result = act (f, r, at, error);
  return result != NULL;
}

/* ---- Tests -------------------------------------------------------------------------------- */

static void
test_org_tree (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) below_kadis = loket_workflow_get_subordinates (f->workflow, KADIS);
  gboolean has_sekretaris = FALSE, has_kabid = FALSE, has_uptd = FALSE;

  g_assert_cmpstr (loket_workflow_get_superior (f->workflow, STAF)->id, ==, KASI);
  g_assert_cmpstr (loket_workflow_get_superior (f->workflow, KASI)->id, ==, KABID);
  g_assert_cmpstr (loket_workflow_get_superior (f->workflow, KABID)->id, ==, KADIS);
  g_assert_null (loket_workflow_get_superior (f->workflow, KADIS));
  for (guint i = 0; i < below_kadis->len; i++)
    {
      const LoketPosition *p = g_ptr_array_index (below_kadis, i);
      has_sekretaris |= g_str_equal (p->id, SEKRETARIS);
      has_kabid |= g_str_equal (p->id, KABID);
      has_uptd |= g_str_equal (p->id, UPTD);
      g_assert_true (p->role == LOKET_ROLE_SECRETARY || p->role == LOKET_ROLE_DIVISION_HEAD
                     || p->role == LOKET_ROLE_UPTD_HEAD);
    }
  g_assert_true (has_sekretaris && has_kabid && has_uptd);

  /* Roles relative to the case's unit: the Kasi P3TK's Bidang head is the Kabid. */
  g_assert_cmpstr (loket_workflow_resolve_role (f->workflow, AG "seksi-p3tk", LOKET_ROLE_DIVISION_HEAD)->id, ==, KABID);
  g_assert_cmpstr (loket_workflow_resolve_role (f->workflow, AG "bidang-ketenagakerjaan", LOKET_ROLE_SECTION_HEAD)->unit_id, !=, NULL);
  g_assert_cmpstr (loket_workflow_resolve_role (f->workflow, AG "seksi-p3tk", LOKET_ROLE_HEAD)->id, ==, KADIS);
  g_assert_nonnull (loket_workflow_lookup_instruction (f->workflow, "untuk_diketahui"));
  g_assert_cmpstr (loket_workflow_lookup_instruction (f->workflow, "untuk_diketahui")->label_id, ==, "Untuk diketahui");
}

static void
test_chain (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *d1 = NULL, *d2 = NULL, *d3 = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketDispositionLedger) ledger = NULL;
  const LoketDisposition *item;

  d1 = dispose (f, P_KADIS, KABID, NULL, t ("2026-05-11T10:00:00+08:00"), &error);
  g_assert_no_error (error);
  g_assert_true (simple_act (f, LOKET_WORKFLOW_ACTION_MARK_READ, P_KABID, d1, t ("2026-05-11T10:30:00+08:00"), &error));
  g_assert_no_error (error);
  d2 = dispose (f, P_KABID, KASI, d1, t ("2026-05-11T11:00:00+08:00"), &error);
  g_assert_no_error (error);
  d3 = dispose (f, P_KASI, STAF, NULL, t ("2026-05-11T12:00:00+08:00"), &error); /* parent found */
  g_assert_no_error (error);

  kase = project (f);
  g_assert_cmpstr (loket_case_get_holder (kase), ==, STAF);
  g_clear_object (&kase);

  g_assert_true (simple_act (f, LOKET_WORKFLOW_ACTION_REPORT, P_STAF, d3, t ("2026-05-12T09:00:00+08:00"), &error));
  g_assert_no_error (error);
  kase = project (f);
  g_assert_cmpstr (loket_case_get_holder (kase), ==, KASI); /* the report returns it upwards */

  ledger = ledger_of (f);
  item = loket_disposition_ledger_lookup (ledger, d1, KABID);
  g_assert_cmpint (item->state, ==, LOKET_DISPOSITION_FORWARDED);
  item = loket_disposition_ledger_lookup (ledger, d2, KASI);
  g_assert_cmpint (item->state, ==, LOKET_DISPOSITION_FORWARDED);
  g_assert_cmpstr (item->parent_id, ==, d1);
  item = loket_disposition_ledger_lookup (ledger, d3, STAF);
  g_assert_cmpint (item->state, ==, LOKET_DISPOSITION_REPORTED);
  g_assert_cmpstr (item->report_note, ==, "Sudah ditindaklanjuti");
  g_assert_cmpstr (loket_disposition_ledger_get_holder (ledger), ==, KASI);
  /* riwayat: sent, read, sent, sent, reported */
  g_assert_cmpuint (loket_disposition_ledger_get_history (ledger)->len, ==, 5);
}

static void
test_forbidden (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *d1 = NULL, *d2 = NULL, *bad = NULL;

  /* Nobody but the Kepala Dinas starts the chain. */
  bad = dispose (f, P_KABID, KASI, NULL, t ("2026-05-11T10:00:00+08:00"), &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_assert_null (bad);
  g_clear_error (&error);

  /* Kadis → Kasi skips a level. */
  bad = dispose (f, P_KADIS, KASI, NULL, t ("2026-05-11T10:00:00+08:00"), &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* A position that does not exist; an unknown instruction; a due date in the past. */
  bad = dispose (f, P_KADIS, AG "kabid-nowhere", NULL, t ("2026-05-11T10:00:00+08:00"), &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  {
    g_autoptr (LoketWorkflowRequest) r = send_request (P_KADIS, KABID, NULL);
    g_free (r->instructions[0]);
    r->instructions[0] = g_strdup ("dance");
    bad = act (f, r, t ("2026-05-11T10:00:00+08:00"), &error);
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
    g_clear_error (&error);
  }
  {
    g_autoptr (LoketWorkflowRequest) r = send_request (P_KADIS, KABID, NULL);
    r->due_at = t ("2026-05-10T10:00:00+08:00");
    bad = act (f, r, t ("2026-05-11T10:00:00+08:00"), &error);
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (error->message, "past"));
    g_clear_error (&error);
  }
  g_assert_cmpuint (f->events->len, ==, 1); /* nothing recorded */

  d1 = dispose (f, P_KADIS, KABID, NULL, t ("2026-05-11T10:00:00+08:00"), &error);
  g_assert_no_error (error);
  d2 = dispose (f, P_KABID, KASI, d1, t ("2026-05-11T11:00:00+08:00"), &error);
  g_assert_no_error (error);

  /* Only the holder forwards: the Kasi of another Bidang holds nothing. */
  bad = dispose (f, AG "p-kasi-pengawasan-naker", AG "pengawasan-naker-1", NULL,
                 t ("2026-05-11T12:00:00+08:00"), &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "holder"));
  g_clear_error (&error);

  /* The Kasi cannot dispose upwards. */
  bad = dispose (f, P_KASI, KABID, NULL, t ("2026-05-11T12:00:00+08:00"), &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* Staf dispose to nobody, not even past their superior. */
  g_free (dispose (f, P_KASI, STAF, NULL, t ("2026-05-11T12:00:00+08:00"), &error));
  g_assert_no_error (error);
  bad = dispose (f, P_STAF, KABID, NULL, t ("2026-05-11T13:00:00+08:00"), &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_clear_error (&error);
  bad = dispose (f, P_STAF, AG "p3tk-2", NULL, t ("2026-05-11T13:00:00+08:00"), &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* Only a recipient reports; only the sender withdraws; a read one cannot be withdrawn. */
  g_assert_false (simple_act (f, LOKET_WORKFLOW_ACTION_REPORT, P_STAF, d1, t ("2026-05-11T14:00:00+08:00"), &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (simple_act (f, LOKET_WORKFLOW_ACTION_WITHDRAW, P_KASI, d1, t ("2026-05-11T14:00:00+08:00"), &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (simple_act (f, LOKET_WORKFLOW_ACTION_WITHDRAW, P_KADIS, d1, t ("2026-05-11T14:00:00+08:00"), &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (simple_act (f, LOKET_WORKFLOW_ACTION_REPORT, P_STAF, "no-such-id", t ("2026-05-11T14:00:00+08:00"), &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Unknown person. */
  bad = dispose (f, "nobody", KABID, NULL, t ("2026-05-11T14:00:00+08:00"), &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_clear_error (&error);
}

static void
test_withdraw (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *d1 = NULL, *bad = NULL;
  g_autoptr (LoketCase) kase = NULL;

  d1 = dispose (f, P_KADIS, KABID, NULL, t ("2026-05-11T10:00:00+08:00"), &error);
  g_assert_no_error (error);
  g_assert_true (simple_act (f, LOKET_WORKFLOW_ACTION_WITHDRAW, P_KADIS, d1, t ("2026-05-11T10:05:00+08:00"), &error));
  g_assert_no_error (error);
  kase = project (f);
  g_assert_cmpstr (loket_case_get_holder (kase), ==, KADIS);

  /* A withdrawn disposition cannot be acted on. */
  g_assert_false (simple_act (f, LOKET_WORKFLOW_ACTION_MARK_READ, P_KABID, d1, t ("2026-05-11T10:10:00+08:00"), &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);
  bad = dispose (f, P_KABID, KASI, d1, t ("2026-05-11T10:10:00+08:00"), &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (simple_act (f, LOKET_WORKFLOW_ACTION_REPORT, P_KABID, d1, t ("2026-05-11T10:10:00+08:00"), &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (simple_act (f, LOKET_WORKFLOW_ACTION_WITHDRAW, P_KADIS, d1, t ("2026-05-11T10:10:00+08:00"), &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);
}

static void
test_allowed_actions (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *d1 = dispose (f, P_KADIS, KABID, NULL, t ("2026-05-11T10:00:00+08:00"), &error);
  g_autoptr (LoketCase) kase = project (f);
  g_autoptr (LoketDispositionLedger) ledger = ledger_of (f);
  g_autoptr (GPtrArray) kabid = NULL;
  g_autoptr (GPtrArray) kadis = NULL;
  g_autoptr (GPtrArray) staf = NULL;
  gboolean read = FALSE, forward = FALSE, report = FALSE, withdraw = FALSE;

  g_assert_no_error (error);
  kabid = loket_workflow_get_allowed_actions (f->workflow, kase, ledger, P_KABID, t ("2026-05-11T11:00:00+08:00"));
  for (guint i = 0; i < kabid->len; i++)
    {
      LoketAllowedAction *a = g_ptr_array_index (kabid, i);
      read |= a->action == LOKET_WORKFLOW_ACTION_MARK_READ;
      report |= a->action == LOKET_WORKFLOW_ACTION_REPORT;
      if (a->action == LOKET_WORKFLOW_ACTION_FORWARD)
        {
          forward = TRUE;
          g_assert_cmpstr (a->disposition_id, ==, d1);
          for (guint j = 0; j < a->targets->len; j++)
            g_assert_cmpstr (loket_workflow_get_superior (f->workflow, g_ptr_array_index (a->targets, j))->id, ==, KABID);
          g_assert_cmpuint (a->targets->len, >, 0);
        }
      g_assert_true (a->action != LOKET_WORKFLOW_ACTION_WITHDRAW);
    }
  g_assert_true (read && forward && report);

  kadis = loket_workflow_get_allowed_actions (f->workflow, kase, ledger, P_KADIS, t ("2026-05-11T11:00:00+08:00"));
  for (guint i = 0; i < kadis->len; i++)
    withdraw |= ((LoketAllowedAction *) g_ptr_array_index (kadis, i))->action == LOKET_WORKFLOW_ACTION_WITHDRAW;
  g_assert_true (withdraw);

  staf = loket_workflow_get_allowed_actions (f->workflow, kase, ledger, P_STAF, t ("2026-05-11T11:00:00+08:00"));
  g_assert_cmpuint (staf->len, ==, 0);
}

static void
test_stand_in (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStandIn) plh = loket_stand_in_new (P_SEKRETARIS, KADIS, LOKET_STAND_IN_PLH,
                                                     t ("2026-05-11T00:00:00+08:00"),
                                                     t ("2026-05-13T00:00:00+08:00"));
  g_autoptr (LoketStandIn) self_plh = loket_stand_in_new (P_KADIS, KADIS, LOKET_STAND_IN_PLH, 1, 2);
  g_autoptr (LoketStandIn) backwards = loket_stand_in_new (P_KABID, KADIS, LOKET_STAND_IN_PLT, 5, 2);
  g_autofree char *inside = NULL, *outside = NULL;
  g_autoptr (LoketDispositionLedger) ledger = NULL;

  g_assert_false (loket_workflow_add_stand_in (f->workflow, self_plh, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (loket_workflow_add_stand_in (f->workflow, backwards, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (loket_workflow_add_stand_in (f->workflow, plh, &error));
  g_assert_no_error (error);

  /* Outside the period the Sekretaris is only the Sekretaris. */
  outside = dispose (f, P_SEKRETARIS, KABID, NULL, t ("2026-05-13T09:00:00+08:00"), &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_clear_error (&error);
  {
    g_autoptr (LoketWorkflowRequest) r = send_request (P_SEKRETARIS, KABID, NULL);
    r->as_position = g_strdup (KADIS);
    outside = act (f, r, t ("2026-05-10T09:00:00+08:00"), &error);
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
    g_clear_error (&error);
  }
  g_assert_cmpuint (f->events->len, ==, 1);

  /* Inside, Plh. Kepala Dinas: the engine finds the position that allows it. */
  inside = dispose (f, P_SEKRETARIS, KABID, NULL, t ("2026-05-12T09:00:00+08:00"), &error);
  g_assert_no_error (error);
  ledger = ledger_of (f);
  g_assert_cmpstr (loket_disposition_ledger_lookup (ledger, inside, KABID)->from_position, ==, KADIS);
  g_assert_cmpstr (loket_disposition_ledger_lookup (ledger, inside, KABID)->from_person, ==, P_SEKRETARIS);
  {
    g_autoptr (GPtrArray) acting = loket_workflow_get_acting_positions (f->workflow, P_SEKRETARIS, t ("2026-05-12T09:00:00+08:00"));
    g_assert_cmpuint (acting->len, ==, 2);
    g_assert_true (((LoketActingPosition *) g_ptr_array_index (acting, 1))->delegated);
  }
}

static void
test_due_across_holidays (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCase) kase = project (f);
  g_autofree char *d1 = NULL;
  g_autoptr (LoketDispositionLedger) ledger = NULL;

  /* 7 hari kerja from Monday 11 May 2026: 14 May (Kenaikan) and 15 May (cuti bersama) do not
   * count → the case is due Friday 22 May. */
  g_assert_cmpint (loket_case_get_due_at (kase), ==, t ("2026-05-22T23:59:59+08:00"));
  /* The step gets half of the 7 working days left, rounded down: 3 → Monday 18 May. */
  g_assert_cmpint (loket_workflow_default_due (f->workflow, kase, NULL, t ("2026-05-11T10:00:00+08:00")), ==,
                   t ("2026-05-18T23:59:59+08:00"));
  d1 = dispose (f, P_KADIS, KABID, NULL, t ("2026-05-11T10:00:00+08:00"), &error);
  g_assert_no_error (error);
  ledger = ledger_of (f);
  g_assert_cmpint (loket_disposition_ledger_lookup (ledger, d1, NULL)->due_at, ==, t ("2026-05-18T23:59:59+08:00"));
}

static void
test_due_with_pause (Fixture *f, gconstpointer data)
{
  g_autoptr (LoketCase) paused = NULL;
  g_autoptr (LoketCase) resumed = NULL;

  add_event (f, LOKET_EVENT_CASE_PAUSED, P_STAF, t ("2026-05-12T10:00:00+08:00"),
             "{\"at\":\"2026-05-12T10:00:00+08:00\",\"reason\":\"Menunggu data\"}");
  paused = project (f);
  /* Paused: no case deadline; the step gets the instruction's own budget (3 working days). */
  g_assert_cmpint (loket_workflow_default_due (f->workflow, paused,
                                               loket_workflow_lookup_instruction (f->workflow, "untuk_ditindaklanjuti"),
                                               t ("2026-05-12T11:00:00+08:00")), ==,
                   t ("2026-05-19T23:59:59+08:00"));

  add_event (f, LOKET_EVENT_CASE_RESUMED, P_STAF, t ("2026-05-19T10:00:00+08:00"),
             "{\"at\":\"2026-05-19T10:00:00+08:00\"}");
  resumed = project (f);
  /* The pause touched 12, 13, 18 and 19 May: 4 working days more → due 2 June (27 May Idul
   * Adha, 28 May cuti bersama, 1 June Pancasila do not count). */
  g_assert_cmpint (loket_case_get_due_at (resumed), ==, t ("2026-06-02T23:59:59+08:00"));
  /* On 19 May 7 working days are left (20, 21, 22, 25, 26, 29 May, 2 June) → 3 → 22 May. */
  g_assert_cmpint (loket_workflow_default_due (f->workflow, resumed, NULL, t ("2026-05-19T11:00:00+08:00")), ==,
                   t ("2026-05-22T23:59:59+08:00"));
}

static void
test_escalation_once (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketWorkflowRequest) r = send_request (P_KADIS, KABID, NULL);
  g_autofree char *d1 = NULL;
  g_autofree char *uuid = NULL;
  gint64 late = t ("2026-05-14T09:00:00+08:00");

  r->due_at = t ("2026-05-12T17:00:00+08:00");
  d1 = act (f, r, t ("2026-05-11T10:00:00+08:00"), &error);
  g_assert_no_error (error);

  {
    g_autoptr (LoketCase) kase = project (f);
    g_autoptr (LoketDispositionLedger) ledger = ledger_of (f);
    g_autoptr (GPtrArray) early = loket_workflow_get_escalations_due (f->workflow, kase, ledger, t ("2026-05-12T16:00:00+08:00"));
    g_autoptr (GPtrArray) due = loket_workflow_get_escalations_due (f->workflow, kase, ledger, late);
    LoketEscalation *e;
    g_autoptr (JsonObject) body = NULL;
    g_autoptr (JsonNode) node = NULL;
    g_autofree char *json = NULL;

    g_assert_cmpuint (early->len, ==, 0);
    g_assert_cmpuint (due->len, ==, 1);
    e = g_ptr_array_index (due, 0);
    g_assert_cmpstr (e->disposition_id, ==, d1);
    g_assert_cmpstr (e->position_id, ==, KABID);
    g_assert_cmpstr (e->superior_id, ==, KADIS);

    uuid = loket_escalation_event_uuid (e->disposition_id, e->position_id);
    g_assert_true (g_uuid_string_is_valid (uuid));
    {
      g_autofree char *again = loket_escalation_event_uuid (d1, KABID);
      g_autofree char *other = loket_escalation_event_uuid (d1, KASI);
      g_assert_cmpstr (uuid, ==, again);
      g_assert_cmpstr (uuid, !=, other);
    }
    body = loket_escalation_to_body (e, loket_work_calendar_get_timezone (f->calendar), late);
    node = json_node_init_object (json_node_alloc (), body);
    json = json_to_string (node, FALSE);
    add_event_full (f, uuid, LOKET_EVENT_ESCALATION_RAISED, "system", late, json);
    /* The same event raised again on another device (same UUID) after a restart. */
    add_event_full (f, uuid, LOKET_EVENT_ESCALATION_RAISED, "system", late + 60, json);
  }
  {
    g_autoptr (LoketCase) kase = project (f);
    g_autoptr (LoketDispositionLedger) ledger = ledger_of (f);
    g_autoptr (GPtrArray) due = loket_workflow_get_escalations_due (f->workflow, kase, ledger, late + 86400);
    GPtrArray *history = loket_disposition_ledger_get_history (ledger);

    g_assert_cmpuint (due->len, ==, 0);
    g_assert_cmpint (loket_disposition_ledger_lookup (ledger, d1, KABID)->escalated_at, ==, late);
    g_assert_cmpstr (loket_disposition_ledger_lookup (ledger, d1, KABID)->escalated_to, ==, KADIS);
    g_assert_cmpint (((LoketDispositionStep *) g_ptr_array_index (history, history->len - 1))->kind, ==,
                     LOKET_DISPOSITION_STEP_ESCALATED);
  }
}

static void
test_returned_case (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketWorkflowRequest) r = send_request (P_KADIS, KABID, NULL);
  g_autofree char *d1 = NULL;

  r->due_at = t ("2026-05-12T17:00:00+08:00");
  d1 = act (f, r, t ("2026-05-11T10:00:00+08:00"), &error);
  g_assert_no_error (error);
  /* Returned to the applicant (berkas belum lengkap): the step does not escalate meanwhile. */
  add_event (f, LOKET_EVENT_CASE_RETURNED, P_KABID, t ("2026-05-12T09:00:00+08:00"),
             "{\"at\":\"2026-05-12T09:00:00+08:00\",\"missing\":[\"r1\"]}");
  {
    g_autoptr (LoketCase) kase = project (f);
    g_autoptr (LoketDispositionLedger) ledger = ledger_of (f);
    g_autoptr (GPtrArray) due = loket_workflow_get_escalations_due (f->workflow, kase, ledger, t ("2026-05-20T09:00:00+08:00"));

    g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_INCOMPLETE);
    g_assert_cmpuint (due->len, ==, 0);
  }
  /* Closed: nothing more can be done. */
  add_event (f, LOKET_EVENT_CASE_CLOSED, P_KADIS, t ("2026-05-20T09:00:00+08:00"),
             "{\"at\":\"2026-05-20T09:00:00+08:00\",\"outcome\":\"ditolak\"}");
  g_assert_false (simple_act (f, LOKET_WORKFLOW_ACTION_REPORT, P_KABID, d1, t ("2026-05-20T10:00:00+08:00"), &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
}

static void
test_sign (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCase) kase = project (f);
  g_autoptr (LoketStandIn) plt = loket_stand_in_new (P_SEKRETARIS, KADIS, LOKET_STAND_IN_PLT,
                                                     t ("2026-05-11T00:00:00+08:00"),
                                                     t ("2026-05-20T00:00:00+08:00"));
  const char *in_period = NULL;
  const char *who[] = { P_STAF, P_KASI, P_KABID, P_SEKRETARIS };

  for (guint i = 0; i < G_N_ELEMENTS (who); i++)
    {
      g_assert_null (loket_workflow_check_sign (f->workflow, kase, who[i], t ("2026-05-12T09:00:00+08:00"), &error));
      g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
      g_clear_error (&error);
    }
  g_assert_cmpstr (loket_workflow_check_sign (f->workflow, kase, P_KADIS, t ("2026-05-12T09:00:00+08:00"), &error), ==, KADIS);
  g_assert_no_error (error);

  /* Plt. Kepala Dinas: signs inside the period only. */
  g_assert_true (loket_workflow_add_stand_in (f->workflow, plt, &error));
  in_period = loket_workflow_check_sign (f->workflow, kase, P_SEKRETARIS, t ("2026-05-12T09:00:00+08:00"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (in_period, ==, KADIS);
  g_assert_null (loket_workflow_check_sign (f->workflow, kase, P_SEKRETARIS, t ("2026-05-21T09:00:00+08:00"), &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
}

static void
test_ledger_order (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *d1 = dispose (f, P_KADIS, KABID, NULL, t ("2026-05-11T10:00:00+08:00"), &error);
  g_autofree char *d2 = NULL;
  g_autoptr (LoketDispositionLedger) sorted = NULL;
  g_autoptr (GPtrArray) shuffled = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (LoketDispositionLedger) other = NULL;
  GPtrArray *a, *b;

  g_assert_no_error (error);
  d2 = dispose (f, P_KABID, KASI, d1, t ("2026-05-11T11:00:00+08:00"), &error);
  g_assert_no_error (error);
  g_assert_true (simple_act (f, LOKET_WORKFLOW_ACTION_REPORT, P_KASI, d2, t ("2026-05-11T12:00:00+08:00"), &error));
  sorted = ledger_of (f);
  for (guint i = f->events->len; i > 0; i--)
    g_ptr_array_add (shuffled, g_object_ref (g_ptr_array_index (f->events, i - 1)));
  g_ptr_array_add (shuffled, g_object_ref (g_ptr_array_index (f->events, 1))); /* a duplicate */
  other = loket_disposition_ledger_new_from_events (f->case_uuid, shuffled, &error);
  g_assert_no_error (error);
  a = loket_disposition_ledger_get_dispositions (sorted);
  b = loket_disposition_ledger_get_dispositions (other);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      LoketDisposition *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);
      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpint (x->state, ==, y->state);
      g_assert_cmpint (x->read_at, ==, y->read_at);
    }
  g_assert_cmpstr (loket_disposition_ledger_get_holder (sorted), ==, loket_disposition_ledger_get_holder (other));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/loket/core/workflow/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("org-tree", test_org_tree);
  ADD ("chain", test_chain);
  ADD ("forbidden", test_forbidden);
  ADD ("withdraw", test_withdraw);
  ADD ("allowed-actions", test_allowed_actions);
  ADD ("stand-in", test_stand_in);
  ADD ("due-across-holidays", test_due_across_holidays);
  ADD ("due-with-pause", test_due_with_pause);
  ADD ("escalation-once", test_escalation_once);
  ADD ("returned-case", test_returned_case);
  ADD ("ledger-order", test_ledger_order);
  ADD ("sign", test_sign);
#undef ADD

  return g_test_run ();
}
