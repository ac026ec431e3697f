// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "signoff-test-util.h"

#include "loket-letter-case-fields.h"
#include "loket-letter-draft.h"
#include "loket-store-letter-drafts.h"

static void
append (LoketStore *store,
        const char *case_uuid,
        const char *type,
        const char *hlc,
        const char *body)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (events, loket_event_new_checked (NULL, case_uuid, type,
                                                    "kopnakertrans-ntt/p-pencatat-surat",
                                                    "test-device", hlc, body, &error));
  g_assert_no_error (error);
  g_assert_true (loket_store_append_events (store, events, &error));
  g_assert_no_error (error);
}

char *
signoff_test_prepare (LoketStore *store, const char *agenda, gboolean approve, char **draft_id)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *case_uuid = g_uuid_string_random ();
  g_autofree char *body = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (LoketLetterFields) fields = NULL;
  g_autoptr (LoketLetterDraft) draft = NULL;
  g_autofree char *content = NULL;
  LoketWorkflow   *workflow = loket_store_get_workflow (store, &error);
  gint64           now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *hlc1 = g_strdup_printf ("%015" G_GINT64_FORMAT "-000000", (now - 7200) * 1000);
  g_autofree char *hlc2 = g_strdup_printf ("%015" G_GINT64_FORMAT "-000001", (now - 7200) * 1000);
  static const char *const parafs[]
    = { SIGNOFF_AG "p-kasi-p3tk", SIGNOFF_AG "p-kabid-ketenagakerjaan", SIGNOFF_AG "p-sekretaris" };

  g_assert_no_error (error);
  body = g_strdup_printf (
    "{\"agency\":\"kopnakertrans-ntt\",\"service\":\"kopnakertrans-ntt/"
    "rekomendasi-rekrutmen-akad\","
    "\"channel\":\"surat\",\"agenda_number\":\"%s\",\"received_at\":\"2026-11-02T09:00:00+08:00\","
    "\"subject\":\"Permohonan rekomendasi rekrutmen AKAD\","
    "\"parties\":[{\"kind\":\"organisation\",\"name\":\"PT Sinar Timur\",\"address\":\"Kupang\"}]}",
    agenda);
  append (store, case_uuid, LOKET_EVENT_CASE_REGISTERED, hlc1, body);
  append (store, case_uuid, LOKET_EVENT_CASE_DECLARED_COMPLETE, hlc2,
          "{\"at\":\"2026-11-02T09:05:00+08:00\"}");

  kase = loket_store_get_case (store, case_uuid, &error);
  g_assert_no_error (error);
  events = loket_store_get_case_events (store, case_uuid, &error);
  g_assert_no_error (error);
  fields = loket_letter_fields_new_for_case (kase, events, loket_workflow_get_catalog (workflow),
                                             loket_workflow_get_calendar (workflow),
                                             loket_workflow_get_org_chart (workflow), now, &error);
  g_assert_no_error (error);
  draft = loket_letter_draft_new_from_fields ("rekomendasi", fields, &error);
  g_assert_no_error (error);
  content = loket_letter_draft_to_data (draft);
  *draft_id = loket_store_create_letter_draft (store, case_uuid, SIGNOFF_P_STAF,
                                               SIGNOFF_AG "p3tk-1", content, NULL, 0, &error);
  g_assert_no_error (error);
  if (approve)
    {
      g_assert_true (
        loket_store_submit_draft (store, case_uuid, SIGNOFF_P_STAF, *draft_id, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < G_N_ELEMENTS (parafs); i++)
        {
          g_assert_true (
            loket_store_paraf_draft (store, case_uuid, parafs[i], *draft_id, 0, &error));
          g_assert_no_error (error);
        }
    }
  return g_steal_pointer (&case_uuid);
}
