// SPDX-License-Identifier: GPL-3.0-or-later
// Realistic case events for the store tests, made with the real catalog, calendar and projector.
#include "config.h"

#include "store-test-events.h"

#include "loket-hlc.h"

LoketCaseProjector *
store_test_projector_new (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (&error);
  g_autoptr (LoketWorkCalendar) calendar = NULL;

  g_assert_no_error (error);
  calendar = loket_work_calendar_new_default (&error);
  g_assert_no_error (error);
  return loket_case_projector_new (catalog, calendar);
}

static char *
iso_of (gint64 at)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (at);

  return g_date_time_format_iso8601 (dt);
}

LoketEvent *
store_test_event (const char *case_uuid, const char *type, gint64 at, guint tick, const char *body)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *hlc = loket_hlc_format (at * 1000 + tick, 0);
  LoketEvent      *event
    = loket_event_new_checked (uuid, case_uuid, type, "petugas-loket", "pc-01", hlc, body, &error);

  g_assert_no_error (error);
  return event;
}

static char *
registered_body (const StoreTestCase *spec)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *received = iso_of (spec->received_at);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "agency");
  json_builder_add_string_value (builder, STORE_TEST_AGENCY);
  json_builder_set_member_name (builder, "service");
  json_builder_add_string_value (builder, STORE_TEST_SERVICE);
  json_builder_set_member_name (builder, "channel");
  json_builder_add_string_value (builder, "surat");
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, spec->unit_id != NULL ? spec->unit_id : STORE_TEST_UNIT);
  json_builder_set_member_name (builder, "agenda_number");
  json_builder_add_string_value (builder, spec->agenda_number);
  json_builder_set_member_name (builder, "received_at");
  json_builder_add_string_value (builder, received);
  json_builder_set_member_name (builder, "subject");
  json_builder_add_string_value (builder, "Permohonan rekomendasi rekrutmen AKAD");
  json_builder_set_member_name (builder, "parties");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "person");
  json_builder_set_member_name (builder, "nik");
  json_builder_add_string_value (builder, spec->applicant_nik);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, spec->applicant_name);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

GPtrArray *
store_test_case_events (const StoreTestCase *spec)
{
  GPtrArray       *events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *random_uuid = g_uuid_string_random ();
  const char      *case_uuid = spec->case_uuid != NULL ? spec->case_uuid : random_uuid;

  for (guint i = 0; i < MAX (spec->n_events, 1); i++)
    {
      gint64           at = spec->received_at + (gint64) i * 3600;
      g_autofree char *iso = iso_of (at);
      g_autofree char *body = NULL;
      const char      *type;

      switch (i)
        {
          case 0:
            type = LOKET_EVENT_CASE_REGISTERED;
            body = registered_body (spec);
            break;
          case 1:
            type = LOKET_EVENT_CASE_DECLARED_COMPLETE;
            body = g_strdup_printf ("{\"at\":\"%s\"}", iso);
            break;
          case 2:
            type = LOKET_EVENT_DISPOSITION_SENT;
            body
              = g_strdup ("{\"to\":[\"kabid-penta\"],\"instruction\":\"untuk_ditindaklanjuti\"}");
            break;
          case 3:
            type = LOKET_EVENT_DRAFT_CREATED;
            body = g_strdup ("{\"version\":1}");
            break;
          case 4:
            type = LOKET_EVENT_DRAFT_PARAF;
            body = g_strdup ("{\"final\":true}");
            break;
          case 5:
            type = LOKET_EVENT_LETTER_SIGNED;
            body = g_strdup ("{}");
            break;
          case 6:
            type = LOKET_EVENT_CASE_CLOSED;
            body = g_strdup_printf ("{\"at\":\"%s\",\"outcome\":\"selesai\"}", iso);
            break;
          default:
            type = LOKET_EVENT_COMMENT_ADDED;
            body = g_strdup_printf ("{\"text\":\"Catatan %u\"}", i);
            break;
        }
      g_ptr_array_add (events, store_test_event (case_uuid, type, at, 0, body));
    }
  return events;
}
