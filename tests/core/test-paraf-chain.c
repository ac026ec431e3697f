// SPDX-License-Identifier: GPL-3.0-or-later
// Paraf routes from data/workflow/paraf-routes.json resolved on the org charts, the draft chain
// fold and the engine's refusals (out of turn, stale version, return without note, signing
// without every paraf, Plh. signing).
#include "config.h"

#include "loket-case-projector.h"
#include "loket-error.h"
#include "loket-paraf-routes.h"
#include "loket-workflow.h"

#include <string.h>

#define AG "kopnakertrans-ntt/"
#define SERVICE AG "rekomendasi-rekrutmen-akad" /* unit: Seksi P3TK, Bidang Ketenagakerjaan */

#define KADIS AG "kadis"
#define SEKRETARIS AG "sekretaris"
#define KABID AG "kabid-ketenagakerjaan"
#define KASI AG "kasi-p3tk"
#define STAF AG "p3tk-1"

#define P_KADIS AG "p-kadis"
#define P_SEKRETARIS AG "p-sekretaris"
#define P_KABID AG "p-kabid-ketenagakerjaan"
#define P_KASI AG "p-kasi-p3tk"
#define P_STAF AG "p-p3tk-1"

#define DRAFT "6a0e8a9c-3f1e-4b3c-9a51-0d1f7f3c2b10"

typedef struct
{
  LoketServiceCatalog *catalog;
  LoketWorkCalendar   *calendar;
  LoketOrgChart       *org;
  LoketWorkflow       *workflow;
  LoketParafRoutes    *routes;
  LoketCaseProjector  *projector;
  GPtrArray           *events;
  guint                counter;
  char                *case_uuid;
  gint64               now;
} Fixture;

static void
add_event (Fixture *f, const char *type, const char *author, const char *body)
{
  g_autofree char *hlc
    = g_strdup_printf ("%015" G_GINT64_FORMAT "-%06u", f->now * 1000, f->counter++);
  g_autoptr (GError) error = NULL;
  LoketEvent *event
    = loket_event_new_checked (NULL, f->case_uuid, type, author, "device-1", hlc, body, &error);

  g_assert_no_error (error);
  g_ptr_array_add (f->events, event);
  f->now += 60;
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
  f->routes = loket_paraf_routes_new_default (&error);
  g_assert_no_error (error);
  f->projector = loket_case_projector_new (f->catalog, f->calendar);
  f->events = g_ptr_array_new_with_free_func (g_object_unref);
  f->case_uuid = g_uuid_string_random ();
  f->now = 1778461200; /* 2026-05-11 09:00 +08 */
  add_event (f, LOKET_EVENT_CASE_REGISTERED, AG "p-pencatat-surat",
             "{\"agency\":\"kopnakertrans-ntt\",\"service\":\"" SERVICE "\",\"channel\":\"surat\","
             "\"received_at\":\"2026-05-11T09:00:00+08:00\",\"parties\":[{\"kind\":"
             "\"organisation\",\"name\":\"PT Maju\"}]}");
  add_event (f, LOKET_EVENT_CASE_DECLARED_COMPLETE, AG "p-pencatat-surat",
             "{\"at\":\"2026-05-11T09:01:00+08:00\"}");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_ptr_array_unref (f->events);
  g_free (f->case_uuid);
  g_clear_object (&f->projector);
  g_clear_object (&f->routes);
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

static LoketDraftChain *
chain_of (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  LoketDraftChain *chain = loket_draft_chain_new_from_events (f->events, &error);

  g_assert_no_error (error);
  return chain;
}

static void
create_draft (Fixture *f)
{
  add_event (f, LOKET_EVENT_DRAFT_CREATED, P_STAF,
             "{\"draft_id\":\"" DRAFT "\",\"version\":1,\"kind\":\"rekomendasi\","
             "\"content\":{\"kind\":\"rekomendasi\",\"paragraphs\":[\"a\",\"b\"]},"
             "\"position\":\"" STAF "\",\"at\":\"2026-05-12T09:00:00+08:00\"}");
}

static void
revise_draft (Fixture *f, guint version)
{
  g_autofree char *body
    = g_strdup_printf ("{\"draft_id\":\"" DRAFT "\",\"version\":%u,\"kind\":\"rekomendasi\","
                       "\"content\":{\"kind\":\"rekomendasi\",\"paragraphs\":[\"a\",\"c\"]},"
                       "\"position\":\"" STAF "\",\"note\":\"fixed\"}",
                       version);

  add_event (f, LOKET_EVENT_DRAFT_REVISED, P_STAF, body);
}

/* Checks @request; on success appends its event. */
static gboolean
act (Fixture *f, LoketDraftRequest *request, GError **error)
{
  g_autoptr (LoketCase) kase = project (f);
  g_autoptr (LoketDraftChain) chain = chain_of (f);
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *json = NULL;
  const char      *type = NULL;

  body = loket_workflow_check_draft (f->workflow, kase, chain, request, f->now, &type, error);
  if (body == NULL)
    return FALSE;
  if (g_str_equal (type, LOKET_EVENT_LETTER_SIGNED))
    {
      json_object_set_string_member (body, "letter_id", "c0ffee00-0000-4000-8000-000000000001");
      json_object_set_string_member (body, "sha256", "00");
    }
  node = json_node_init_object (json_node_alloc (), body);
  json = json_to_string (node, FALSE);
  add_event (f, type, request->person_id, json);
  return TRUE;
}

static gboolean
do_action (Fixture         *f,
           LoketDraftAction action,
           const char      *person,
           const char      *note,
           GError         **error)
{
  g_autoptr (LoketDraftRequest) r = loket_draft_request_new (action, person, DRAFT);

  r->note = g_strdup (note);
  if (action == LOKET_DRAFT_ACTION_SUBMIT)
    {
      g_autoptr (GPtrArray) route = loket_paraf_routes_resolve (
        f->routes, f->workflow, SERVICE, AG "seksi-p3tk", "rekomendasi", STAF, NULL);
      g_assert_nonnull (route);
      g_ptr_array_add (route, NULL);
      r->route = g_strdupv ((char **) route->pdata);
    }
  return act (f, r, error);
}

#define ASSERT_OK(f, action, person, note)                                                         \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autoptr (GError) e_ = NULL;                                                                  \
    g_assert_true (do_action (f, action, person, note, &e_));                                      \
    g_assert_no_error (e_);                                                                        \
  }                                                                                                \
  G_STMT_END

#define ASSERT_REFUSED(f, action, person, note, code)                                              \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autoptr (GError) e_ = NULL;                                                                  \
    guint n_ = (f)->events->len;                                                                   \
    g_assert_false (do_action (f, action, person, note, &e_));                                     \
    g_assert_error (e_, LOKET_ERROR, code);                                                        \
    g_assert_cmpuint ((f)->events->len, ==, n_);                                                   \
  }                                                                                                \
  G_STMT_END

static void
assert_route (Fixture           *f,
              const char        *service,
              const char        *unit,
              const char        *kind,
              const char        *drafter,
              const char *const *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) route
    = loket_paraf_routes_resolve (f->routes, f->workflow, service, unit, kind, drafter, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (route->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < route->len; i++)
    g_assert_cmpstr (g_ptr_array_index (route, i), ==, expected[i]);
}

/* ---- Routes ------------------------------------------------------------------------------- */

static void
test_routes_kopnakertrans (Fixture *f, gconstpointer data)
{
  /* Bidang Ketenagakerjaan recommendations pass the Sekretaris Dinas (SOP z–gg). */
  assert_route (f, SERVICE, AG "seksi-p3tk", "rekomendasi", STAF,
                (const char *[]){ KASI, KABID, SEKRETARIS, KADIS, NULL });
  g_assert_cmpstr (
    loket_paraf_routes_match (f->routes, f->workflow, SERVICE, AG "seksi-p3tk", "rekomendasi"), ==,
    "rekomendasi-ketenagakerjaan");
  /* Other letters of the same Bidang: Kasi → Kabid → Kadis (SOP m). */
  assert_route (f, SERVICE, AG "seksi-p3tk", "surat_jawaban", STAF,
                (const char *[]){ KASI, KABID, KADIS, NULL });
  /* The case sits on the Bidang; the drafter's own Seksi gives the Kasi. */
  assert_route (f, AG "pengesahan-peraturan-perusahaan", AG "bidang-ketenagakerjaan",
                "surat_jawaban", STAF, (const char *[]){ KASI, KABID, KADIS, NULL });
  /* A Kasi drafting starts above themself. */
  assert_route (f, SERVICE, AG "seksi-p3tk", "surat_jawaban", KASI,
                (const char *[]){ KABID, KADIS, NULL });
  /* Sekretariat: Kasubag → Sekretaris → Kadis. */
  assert_route (f, AG "data-informasi-publik", AG "subbag-umum", "surat_jawaban", NULL,
                (const char *[]){ AG "kasubag-umum", SEKRETARIS, KADIS, NULL });
  /* UPTD: Kasi → Kepala UPTD → Kadis; internal documents are signed by the Kepala UPTD. */
  assert_route (f, AG "pelatihan-kerja", AG "uptd-seksi-pelatihan", "surat_jawaban", NULL,
                (const char *[]){ AG "kasi-pelatihan-uptd", AG "kepala-uptd", KADIS, NULL });
  assert_route (f, AG "pelatihan-kerja", AG "uptd-seksi-pelatihan", "nota_dinas", NULL,
                (const char *[]){ AG "kasi-pelatihan-uptd", AG "kepala-uptd", NULL });
  /* Transmigration recommendation by service. */
  g_assert_cmpstr (loket_paraf_routes_match (f->routes, f->workflow,
                                             AG "rekomendasi-kawasan-transmigrasi",
                                             AG "bidang-ketransmigrasian", "surat_jawaban"),
                   ==, "rekomendasi-transmigrasi");
}

static void
test_routes_every_org_chart (Fixture *f, gconstpointer data)
{
  GPtrArray *agencies = loket_org_chart_get_agency_ids (f->org);

  g_assert_cmpuint (agencies->len, >=, 3);
  /* Every unit of every agency has a route ending with a head that signs. */
  for (guint a = 0; a < agencies->len; a++)
    {
      GPtrArray *units = loket_org_chart_get_units (f->org, g_ptr_array_index (agencies, a));

      for (guint u = 0; u < units->len; u++)
        {
          const LoketUnit *unit = g_ptr_array_index (units, u);
          g_autoptr (GError) error = NULL;
          g_autoptr (GPtrArray) route = loket_paraf_routes_resolve (
            f->routes, f->workflow, NULL, unit->id, "surat_jawaban", NULL, &error);
          const LoketPosition *signer;

          g_assert_no_error (error);
          g_assert_cmpuint (route->len, >=, 1);
          signer
            = loket_org_chart_lookup_position (f->org, g_ptr_array_index (route, route->len - 1));
          g_assert_nonnull (signer);
          g_assert_true (signer->role == LOKET_ROLE_HEAD);
          for (guint i = 0; i < route->len; i++)
            g_assert_nonnull (
              loket_org_chart_lookup_position (f->org, g_ptr_array_index (route, i)));
        }
    }
  assert_route (f, NULL, "dinsos-ntt/seksi-rehsos-disabilitas", "rekomendasi", NULL,
                (const char *[]){ "dinsos-ntt/kasi-rehsos-disabilitas", "dinsos-ntt/kabid-rehsos",
                                  "dinsos-ntt/kadis", NULL });
}

static void
test_routes_bad_data (Fixture *f, gconstpointer data)
{
  static const char *const bad[] = {
    "[]",
    "{\"routes\": {}}",
    "{\"routes\": [{\"id\": \"x\"}], \"handover\": {\"role\": \"registrar\", \"instruction\": "
    "\"a\"}}",
    "{\"routes\": [{\"id\": \"x\", \"steps\": [\"boss\"]}], \"handover\": {\"role\": "
    "\"registrar\", "
    "\"instruction\": \"a\"}}",
    "{\"routes\": [{\"id\": \"x\", \"steps\": [\"head\"], \"unit_kinds\": [\"castle\"]}], "
    "\"handover\": {\"role\": \"registrar\", \"instruction\": \"a\"}}",
    "{\"routes\": [{\"id\": \"x\", \"steps\": [\"head\"], \"kinds\": \"rekomendasi\"}], "
    "\"handover\": {\"role\": \"registrar\", \"instruction\": \"a\"}}",
    "{\"routes\": [{\"id\": \"x\", \"steps\": [\"head\"]}]}",
    "{\"routes\": [",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketParafRoutes) routes = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) e = NULL;
      g_autoptr (LoketParafRoutes) r = loket_paraf_routes_new_from_data (bad[i], -1, &e);

      g_assert_null (r);
      g_assert_nonnull (e);
    }

  /* A route whose signer has no position in the unit is refused, not guessed. */
  routes = loket_paraf_routes_new_from_data (
    "{\"routes\": [{\"id\": \"x\", \"steps\": [\"section_head\", \"uptd_head\"]}], "
    "\"handover\": {\"role\": \"registrar\", \"instruction\": \"untuk_ditindaklanjuti\"}}",
    -1, &error);
  g_assert_no_error (error);
  g_assert_null (
    loket_paraf_routes_resolve (routes, f->workflow, NULL, AG "seksi-p3tk", NULL, NULL, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (
    loket_paraf_routes_resolve (routes, f->workflow, NULL, AG "no-such-unit", NULL, NULL, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
}

/* ---- The chain ---------------------------------------------------------------------------- */

static const LoketDraftState *
state_of (LoketDraftChain *chain)
{
  const LoketDraftState *state = loket_draft_chain_lookup (chain, DRAFT);

  g_assert_nonnull (state);
  return state;
}

static void
test_full_chain_with_return (Fixture *f, gconstpointer data)
{
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketDraftChain) chain = NULL;

  create_draft (f);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_SUBMIT, P_STAF, NULL);
  kase = project (f);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_DRAFTING);
  g_assert_cmpstr (loket_case_get_holder (kase), ==, KASI);
  g_clear_object (&kase);

  /* Only the next holder in the route can paraf. */
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_PARAF, P_KABID, NULL, LOKET_ERROR_FORBIDDEN);
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_PARAF, P_KADIS, NULL, LOKET_ERROR_FORBIDDEN);
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_SIGN, P_KADIS, NULL, LOKET_ERROR_CONFLICT);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_PARAF, P_KASI, NULL);
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_PARAF, P_KASI, NULL, LOKET_ERROR_FORBIDDEN);

  /* The Kabid returns it: a note is required; it goes back to the Kasi. */
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_RETURN, P_KABID, NULL, LOKET_ERROR_INVALID_DATA);
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_RETURN, P_KABID, "   ", LOKET_ERROR_INVALID_DATA);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_RETURN, P_KABID, "Dasar hukum kurang lengkap");
  chain = chain_of (f);
  g_assert_cmpint (state_of (chain)->stage, ==, LOKET_DRAFT_STAGE_RETURNED);
  g_assert_cmpstr (state_of (chain)->returned_to, ==, KASI);
  g_assert_cmpstr (state_of (chain)->return_note, ==, "Dasar hukum kurang lengkap");
  g_clear_object (&chain);
  kase = project (f);
  g_assert_cmpstr (loket_case_get_holder (kase), ==, KASI);
  g_clear_object (&kase);

  /* The Kasi passes it down to the drafter; the drafter cannot resubmit unchanged. */
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_PARAF, P_KASI, NULL, LOKET_ERROR_CONFLICT);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_RETURN, P_KASI, "Tambahkan Permenaker 9/2019");
  chain = chain_of (f);
  g_assert_cmpstr (state_of (chain)->returned_to, ==, STAF);
  g_clear_object (&chain);
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_SUBMIT, P_STAF, NULL, LOKET_ERROR_CONFLICT);
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_RETURN, P_STAF, "x", LOKET_ERROR_CONFLICT);

  /* Revision 2, resubmitted: the chain starts again from the Kasi. */
  revise_draft (f, 2);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_SUBMIT, P_STAF, NULL);
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_PARAF, P_KABID, NULL, LOKET_ERROR_FORBIDDEN);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_PARAF, P_KASI, NULL);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_PARAF, P_KABID, NULL);
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_SIGN, P_KADIS, NULL, LOKET_ERROR_CONFLICT);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_PARAF, P_SEKRETARIS, NULL);
  kase = project (f);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_AWAITING_SIGNATURE);
  g_assert_cmpstr (loket_case_get_holder (kase), ==, KADIS);
  g_clear_object (&kase);

  /* The signer signs instead of paraf; only the signer signs. */
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_PARAF, P_KADIS, NULL, LOKET_ERROR_CONFLICT);
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_SIGN, P_SEKRETARIS, NULL, LOKET_ERROR_FORBIDDEN);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_SIGN, P_KADIS, NULL);
  kase = project (f);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_SIGNED);
  chain = chain_of (f);
  g_assert_cmpint (state_of (chain)->stage, ==, LOKET_DRAFT_STAGE_SIGNED);
  g_assert_cmpuint (state_of (chain)->version, ==, 2);
  g_assert_cmpuint (state_of (chain)->history->len, ==, 11);
  ASSERT_REFUSED (f, LOKET_DRAFT_ACTION_SIGN, P_KADIS, NULL, LOKET_ERROR_CONFLICT);
}

static void
test_stale_version (Fixture *f, gconstpointer data)
{
  g_autoptr (LoketDraftRequest) r
    = loket_draft_request_new (LOKET_DRAFT_ACTION_PARAF, P_KABID, DRAFT);
  g_autoptr (LoketDraftChain) chain = NULL;
  g_autoptr (GError) error = NULL;

  create_draft (f);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_SUBMIT, P_STAF, NULL);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_PARAF, P_KASI, NULL);
  /* The drafter revises while it is in review: every paraf of version 1 is stale. */
  revise_draft (f, 2);
  r->version = 1;
  g_assert_false (act (f, r, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);
  r->version = 0;
  g_assert_false (act (f, r, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT); /* version 2 is not submitted */
  chain = chain_of (f);
  g_assert_cmpint (state_of (chain)->stage, ==, LOKET_DRAFT_STAGE_EDITING);
  g_assert_cmpuint (state_of (chain)->n_paraf, ==, 0);

  /* A stale paraf that arrives anyway (offline device) is not counted by the fold. */
  add_event (f, LOKET_EVENT_DRAFT_PARAF, P_KASI,
             "{\"draft_id\":\"" DRAFT "\",\"version\":1,\"position\":\"" KASI "\"}");
  g_clear_object (&chain);
  chain = chain_of (f);
  g_assert_cmpuint (state_of (chain)->n_paraf, ==, 0);
}

static void
test_plh_signs (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStandIn) plh
    = loket_stand_in_new (P_SEKRETARIS, KADIS, LOKET_STAND_IN_PLH, f->now, f->now + 30 * 86400);
  g_autoptr (LoketDraftChain) chain = NULL;
  g_autoptr (GPtrArray) actions = NULL;
  g_autoptr (LoketCase) kase = NULL;
  LoketEvent *last;

  g_assert_true (loket_workflow_add_stand_in (f->workflow, plh, &error));
  g_assert_no_error (error);
  create_draft (f);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_SUBMIT, P_STAF, NULL);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_PARAF, P_KASI, NULL);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_PARAF, P_KABID, NULL);
  ASSERT_OK (f, LOKET_DRAFT_ACTION_PARAF, P_SEKRETARIS, NULL);

  kase = project (f);
  chain = chain_of (f);
  actions = loket_workflow_get_draft_actions (f->workflow, kase, chain, P_SEKRETARIS, f->now);
  g_assert_cmpuint (actions->len, ==, 2); /* sign and return, as Plh. Kepala Dinas */
  g_assert_cmpint (((LoketAllowedDraftAction *) actions->pdata[0])->action, ==,
                   LOKET_DRAFT_ACTION_SIGN);
  g_assert_true (((LoketAllowedDraftAction *) actions->pdata[0])->delegated);

  ASSERT_OK (f, LOKET_DRAFT_ACTION_SIGN, P_SEKRETARIS, NULL);
  last = g_ptr_array_index (f->events, f->events->len - 1);
  g_assert_nonnull (strstr (loket_event_get_body (last), "\"delegation\":\"Plh.\""));
  g_assert_nonnull (strstr (loket_event_get_body (last), "\"position\":\"" KADIS "\""));
}

static void
test_comments_fold (Fixture *f, gconstpointer data)
{
  g_autoptr (LoketDraftChain) chain = NULL;
  g_autoptr (GError) error = NULL;
  const LoketDraftComment *c;

  create_draft (f);
  add_event (f, LOKET_EVENT_COMMENT_ADDED, P_KASI,
             "{\"id\":\"c1\",\"draft_id\":\"" DRAFT "\",\"version\":1,\"page\":0,"
             "\"rect\":[72,100.5,200,40],\"text\":\"Perbaiki alamat\",\"position\":\"" KASI "\"}");
  chain = chain_of (f);
  c = loket_draft_chain_lookup_comment (chain, "c1");
  g_assert_nonnull (c);
  g_assert_cmpfloat (c->rect[1], ==, 100.5);
  g_assert_false (c->resolved);
  add_event (f, LOKET_EVENT_COMMENT_RESOLVED, P_STAF, "{\"id\":\"c1\",\"position\":\"" STAF "\"}");
  g_clear_object (&chain);
  chain = chain_of (f);
  g_assert_true (loket_draft_chain_lookup_comment (chain, "c1")->resolved);

  /* A comment without text is malformed. */
  add_event (f, LOKET_EVENT_COMMENT_ADDED, P_KASI, "{\"id\":\"c2\",\"page\":0}");
  g_assert_null (loket_draft_chain_new_from_events (f->events, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                                            \
  g_test_add ("/loket/core/paraf-chain/" path, Fixture, NULL, fixture_set_up, func,                \
              fixture_tear_down)
  ADD ("routes/kopnakertrans", test_routes_kopnakertrans);
  ADD ("routes/every-org-chart", test_routes_every_org_chart);
  ADD ("routes/bad-data", test_routes_bad_data);
  ADD ("chain/full-with-return", test_full_chain_with_return);
  ADD ("chain/stale-version", test_stale_version);
  ADD ("chain/plh-signs", test_plh_signs);
  ADD ("chain/comments", test_comments_fold);
#undef ADD
  return g_test_run ();
}
