// SPDX-License-Identifier: GPL-3.0-or-later
// loket_event_check_body(): what the server refuses before any PC has to fold it.
#include "config.h"

#include "loket-error.h"
#include "loket-event-check.h"
#include "loket-service-catalog.h"
#include "loket-work-calendar.h"

static LoketCaseProjector *projector;

static LoketEvent *
event_of (const char *type, const char *body)
{
  g_autoptr (GError) error = NULL;
  LoketEvent *event = loket_event_new_checked (NULL, "0b0a7f64-8d7e-4c33-9a49-1d5f2c0f7e11", type,
                                               "p-staf", "device-A", "001790000000001-000001",
                                               body, &error);

  g_assert_no_error (error);
  return event;
}

static void
assert_passes (const char *type, const char *body)
{
  g_autoptr (LoketEvent) event = event_of (type, body);
  g_autoptr (GError) error = NULL;

  g_assert_true (loket_event_check_body (projector, event, &error));
  g_assert_no_error (error);
}

/* Refused, and the message names the event and @member. */
static void
assert_refused (const char *type, const char *body, const char *member)
{
  g_autoptr (LoketEvent) event = event_of (type, body);
  g_autoptr (GError) error = NULL;

  g_assert_false (loket_event_check_body (projector, event, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, loket_event_get_uuid (event)));
  g_assert_nonnull (strstr (error->message, member));
}

#define REGISTRATION(service, channel, parties)                                                    \
  "{\"agency\":\"dinsos-ntt\",\"service\":\"" service "\",\"channel\":\"" channel "\","             \
  "\"received_at\":\"2026-11-20T09:00:00+08:00\",\"parties\":" parties "}"
#define PERSON "[{\"kind\":\"person\",\"name\":\"Warga Uji\",\"nik\":\"5371000000000001\"}]"

static void
test_good_bodies_pass (void)
{
  assert_passes ("case.registered", REGISTRATION ("dinsos-ntt/data-informasi-publik", "surat", PERSON));
  assert_passes ("case.paused", "{\"reason\":\"menunggu berkas\",\"at\":\"2026-11-21T08:00:00+08:00\"}");
  assert_passes ("disposition.read", "{\"id\":\"d1\",\"position\":\"pos-kabid\"}");
  assert_passes ("comment.added", "{\"text\":\"Mohon dilengkapi\"}");
  /* A type this build does not know yet (a newer PC) passes, as every fold skips it. */
  assert_passes ("future.thing", "{\"anything\":[1,2,3]}");
}

static void
test_broken_bodies_are_refused (void)
{
  assert_refused ("case.registered", REGISTRATION ("no-such-service", "surat", PERSON), "service");
  assert_refused ("case.registered",
                  REGISTRATION ("dinsos-ntt/data-informasi-publik", "merpati", PERSON), "channel");
  assert_refused ("case.registered",
                  REGISTRATION ("dinsos-ntt/data-informasi-publik", "surat", "[]"), "parties");
  assert_refused ("case.paused", "{\"reason\":\"menunggu berkas\"}", "at");
  assert_refused ("case.closed", "{\"at\":\"kemarin\"}", "at");
  assert_refused ("disposition.read", "{\"id\":5}", "id");
  assert_refused ("disposition.sent", "{\"id\":\"d1\",\"instructions\":[\"Proses\"]}", "to");
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = NULL;
  g_autoptr (LoketWorkCalendar) calendar = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = loket_service_catalog_new_default (&error);
  g_assert_no_error (error);
  calendar = loket_work_calendar_new_default (&error);
  g_assert_no_error (error);
  projector = loket_case_projector_new (catalog, calendar);

  g_test_add_func ("/loket/core/event-check/good-bodies-pass", test_good_bodies_pass);
  g_test_add_func ("/loket/core/event-check/broken-bodies-are-refused",
                   test_broken_bodies_are_refused);
  status = g_test_run ();
  g_clear_object (&projector);
  return status;
}
