// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the case projector with the real catalog and holiday calendar.

#include "config.h"

#include "loket-case-projector.h"
#include "loket-error.h"
#include "loket-hlc.h"

#include <glib/gstdio.h>
#include <string.h>

#define CASE_A "5a1e0c1d-8b52-4d0e-9f3a-0a1b2c3d4e5f"
#define CASE_B "6b2f1d2e-9c63-4e1f-8a4b-1b2c3d4e5f60"
#define AKAD "kopnakertrans-ntt/rekomendasi-rekrutmen-akad"    /* 21 hari kerja from complete */
#define PP "kopnakertrans-ntt/pengesahan-peraturan-perusahaan" /* 14 hari kerja from receipt */
#define AGENCY "kopnakertrans-ntt"

typedef struct
{
  LoketServiceCatalog *catalog;
  LoketWorkCalendar   *calendar;
  LoketCaseProjector  *projector;
  guint                serial; /* for deterministic event UUIDs */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->catalog = loket_service_catalog_new_default (&error);
  g_assert_no_error (error);
  f->calendar = loket_work_calendar_new_default (&error);
  g_assert_no_error (error);
  f->projector = loket_case_projector_new (f->catalog, f->calendar);
  g_assert_true (loket_case_projector_get_catalog (f->projector) == f->catalog);
  g_assert_true (loket_case_projector_get_calendar (f->projector) == f->calendar);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->projector);
  g_clear_object (&f->calendar);
  g_clear_object (&f->catalog);
}

/* Unix seconds of an ISO 8601 text (the tests write times in WITA, +08:00). */
static gint64
unix_of (const char *iso)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

/* An event at @iso (its HLC is that time plus @tick ms), validated like stored events. */
static LoketEvent *
make_event (Fixture    *f,
            const char *case_uuid,
            const char *type,
            const char *iso,
            guint       tick,
            const char *body)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-%012u", ++f->serial);
  g_autofree char *hlc = loket_hlc_format (unix_of (iso) * 1000 + tick, 0);
  LoketEvent      *event
    = loket_event_new_checked (uuid, case_uuid, type, "petugas", "pc-01", hlc, body, &error);

  g_assert_no_error (error);
  return event;
}

static const char *registered_akad
  = "{\"agency\":\"" AGENCY "\",\"service\":\"" AKAD "\",\"channel\":\"surat\","
    "\"unit\":\"kopnakertrans-ntt/seksi-p3tk\",\"agenda_number\":\"560/0412/P3TK/2026\","
    "\"received_at\":\"2026-09-28T09:00:00+08:00\",\"subject\":\"Permohonan rekomendasi AKAD\","
    "\"parties\":[{\"kind\":\"person\",\"nik\":\"5371010101900001\",\"name\":\"Yohanes Bria\","
    "\"address\":\"Kupang\",\"phone\":\"081234567890\"},"
    "{\"kind\":\"organisation\",\"name\":\"PT Contoh Sejahtera\",\"contact_person\":\"Maria\"}],"
    "\"letter\":{\"number\":\"12/PT-CS/IX/2026\",\"date\":\"2026-09-25\",\"sender\":\"PT Contoh\","
    "\"sifat\":\"biasa\"}}";

/* A realistic AKAD case from registration to closing, in chronological order. */
static GPtrArray *
akad_case_events (Fixture *f)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

#define ADD(type, iso, tick, body)                                                                 \
  g_ptr_array_add (events, make_event (f, CASE_A, type, iso, tick, body))

  ADD ("case.registered", "2026-09-28T09:00:00+08:00", 0, registered_akad);
  ADD ("requirement.checked", "2026-09-28T09:10:00+08:00", 0,
       "{\"requirement\":\"r1\",\"satisfied\":true,\"blobs\":[\""
       "aa00"
       "\"]}");
  ADD ("requirement.checked", "2026-09-28T09:10:00+08:00", 0, /* same HLC: UUID decides */
       "{\"requirement\":\"r2\",\"satisfied\":false}");
  ADD ("case.returned", "2026-09-28T11:00:00+08:00", 0,
       "{\"at\":\"2026-09-28T11:00:00+08:00\",\"missing\":[\"r2\"],\"note\":\"Lengkapi\"}");
  ADD ("case.declared_complete", "2026-10-01T10:00:00+08:00", 0,
       "{\"at\":\"2026-10-01T10:00:00+08:00\"}");
  ADD ("disposition.sent", "2026-10-01T13:00:00+08:00", 0,
       "{\"to\":[\"kabid-penta\",\"sekretaris\"],\"instruction\":\"untuk_ditindaklanjuti\"}");
  ADD ("disposition.read", "2026-10-01T14:00:00+08:00", 0, "{}");
  ADD ("case.paused", "2026-10-05T09:00:00+08:00", 0,
       "{\"at\":\"2026-10-05T09:00:00+08:00\",\"reason\":\"Menunggu Kementerian\"}");
  ADD ("comment.added", "2026-10-06T09:00:00+08:00", 0, "{\"text\":\"Sudah ditanyakan\"}");
  ADD ("case.resumed", "2026-10-07T09:00:00+08:00", 0, "{\"at\":\"2026-10-07T09:00:00+08:00\"}");
  ADD ("draft.created", "2026-10-08T09:00:00+08:00", 0, "{\"version\":1}");
  ADD ("draft.returned", "2026-10-09T09:00:00+08:00", 0, "{\"note\":\"Perbaiki\"}");
  ADD ("draft.revised", "2026-10-09T15:00:00+08:00", 0, "{\"version\":2}");
  ADD ("draft.paraf", "2026-10-12T09:00:00+08:00", 0, "{\"final\":false}");
  ADD ("draft.paraf", "2026-10-12T11:00:00+08:00", 0, "{\"final\":true}");
  ADD ("letter.signed", "2026-10-13T09:00:00+08:00", 0, "{}");
  ADD ("letter.numbered", "2026-10-13T09:30:00+08:00", 0, "{\"number\":\"560/88/2026\"}");
  ADD ("future_thing.happened", "2026-10-13T09:45:00+08:00", 0, "{\"anything\":1}");
  ADD ("letter.dispatched", "2026-10-13T10:00:00+08:00", 0, "{}");
  ADD ("case.closed", "2026-10-14T09:00:00+08:00", 0,
       "{\"at\":\"2026-10-14T09:00:00+08:00\",\"outcome\":\"selesai\"}");

#undef ADD
  return events;
}

static GDate *
local_date (Fixture *f, gint64 t)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr (GDateTime) local
    = g_date_time_to_timezone (utc, loket_work_calendar_get_timezone (f->calendar));

  return g_date_new_dmy (g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                         g_date_time_get_year (local));
}

static void
assert_local_date (Fixture *f, gint64 t, int year, int month, int day)
{
  g_autoptr (GDate) date = local_date (f, t);

  g_assert_cmpint (g_date_get_year (date), ==, year);
  g_assert_cmpint (g_date_get_month (date), ==, month);
  g_assert_cmpint (g_date_get_day (date), ==, day);
}

static gint64
expected_deadline (Fixture *f, gint64 start, double value, const LoketPause *pauses, guint n_pauses)
{
  return loket_work_calendar_deadline (f->calendar, start, value, LOKET_SLA_UNIT_WORKING_DAY,
                                       pauses, n_pauses);
}

static int
compare_events (gconstpointer a, gconstpointer b)
{
  return loket_event_compare (*(LoketEvent **) a, *(LoketEvent **) b);
}

static void
test_projector_akad_sequence (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) events = akad_case_events (f);
  g_autoptr (LoketCase) kase = loket_case_new (CASE_A);
  g_autoptr (LoketCase) projected = NULL;
  g_autoptr (GError) error = NULL;
  gint64     complete = unix_of ("2026-10-01T10:00:00+08:00");
  gint64     due_unpaused = 0;
  LoketPause pause
    = { unix_of ("2026-10-05T09:00:00+08:00"), unix_of ("2026-10-07T09:00:00+08:00") };
  const struct
  {
    LoketCaseStatus status;
    gboolean        has_due;
  } expected[] = {
    { LOKET_CASE_STATUS_REGISTERED, FALSE },        /* registered */
    { LOKET_CASE_STATUS_REGISTERED, FALSE },        /* requirement.checked */
    { LOKET_CASE_STATUS_REGISTERED, FALSE },        /* requirement.checked */
    { LOKET_CASE_STATUS_INCOMPLETE, FALSE },        /* returned: clock not started yet */
    { LOKET_CASE_STATUS_IN_PROCESS, TRUE },         /* declared complete: clock starts */
    { LOKET_CASE_STATUS_IN_PROCESS, TRUE },         /* disposition.sent */
    { LOKET_CASE_STATUS_IN_PROCESS, TRUE },         /* disposition.read */
    { LOKET_CASE_STATUS_PAUSED, FALSE },            /* paused: no deadline while open */
    { LOKET_CASE_STATUS_PAUSED, FALSE },            /* comment */
    { LOKET_CASE_STATUS_IN_PROCESS, TRUE },         /* resumed */
    { LOKET_CASE_STATUS_DRAFTING, TRUE },           /* draft.created */
    { LOKET_CASE_STATUS_DRAFTING, TRUE },           /* draft.returned */
    { LOKET_CASE_STATUS_DRAFTING, TRUE },           /* draft.revised */
    { LOKET_CASE_STATUS_DRAFTING, TRUE },           /* draft.paraf */
    { LOKET_CASE_STATUS_AWAITING_SIGNATURE, TRUE }, /* draft.paraf final */
    { LOKET_CASE_STATUS_SIGNED, TRUE },             /* letter.signed */
    { LOKET_CASE_STATUS_SIGNED, TRUE },             /* letter.numbered */
    { LOKET_CASE_STATUS_SIGNED, TRUE },             /* unknown type */
    { LOKET_CASE_STATUS_SIGNED, TRUE },             /* letter.dispatched */
    { LOKET_CASE_STATUS_CLOSED, TRUE },             /* closed */
  };

  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (expected));
  g_ptr_array_sort (events, compare_events);

  for (guint i = 0; i < events->len; i++)
    {
      LoketEvent *event = g_ptr_array_index (events, i);

      g_assert_true (loket_case_projector_apply (f->projector, kase, event, &error));
      g_assert_no_error (error);
      g_assert_cmpint (loket_case_get_status (kase), ==, expected[i].status);
      g_assert_cmpuint (loket_case_get_event_count (kase), ==, i + 1);
      g_assert_cmpstr (loket_case_get_last_hlc (kase), ==, loket_event_get_hlc (event));
      if (expected[i].has_due)
        g_assert_cmpint (loket_case_get_due_at (kase), !=, 0);
      else
        g_assert_cmpint (loket_case_get_due_at (kase), ==, 0);

      if (i == 4)
        {
          /* 21 working days after Thursday 1 October 2026 (no holidays in October):
           * Friday 30 October, WITA. */
          due_unpaused = loket_case_get_due_at (kase);
          g_assert_cmpint (due_unpaused, ==, expected_deadline (f, complete, 21, NULL, 0));
          assert_local_date (f, due_unpaused, 2026, 10, 30);
          g_assert_cmpint (loket_case_get_complete_at (kase), ==, complete);
          g_assert_cmpuint (loket_case_get_pauses (kase)->len, ==, 0);
        }
      if (i == 5)
        g_assert_cmpstr (loket_case_get_holder (kase), ==, "kabid-penta");
      if (i == 7)
        {
          g_assert_cmpuint (loket_case_get_pauses (kase)->len, ==, 1);
          g_assert_cmpint (g_array_index (loket_case_get_pauses (kase), LoketPause, 0).end, ==, 0);
        }
    }

  /* Fields of the registration. */
  g_assert_cmpstr (loket_case_get_uuid (kase), ==, CASE_A);
  g_assert_cmpstr (loket_case_get_agency_id (kase), ==, AGENCY);
  g_assert_cmpstr (loket_case_get_service_id (kase), ==, AKAD);
  g_assert_cmpstr (loket_case_get_channel (kase), ==, "surat");
  g_assert_cmpstr (loket_case_get_unit_id (kase), ==, "kopnakertrans-ntt/seksi-p3tk");
  g_assert_cmpstr (loket_case_get_agenda_number (kase), ==, "560/0412/P3TK/2026");
  g_assert_cmpstr (loket_case_get_subject (kase), ==, "Permohonan rekomendasi AKAD");
  g_assert_cmpstr (loket_case_get_applicant_name (kase), ==, "Yohanes Bria");
  g_assert_cmpstr (loket_case_get_applicant_nik (kase), ==, "5371010101900001");
  g_assert_cmpstr (loket_case_get_holder (kase), ==, "kabid-penta");
  g_assert_cmpint (loket_case_get_received_at (kase), ==, unix_of ("2026-09-28T09:00:00+08:00"));
  g_assert_cmpint (loket_case_get_complete_at (kase), ==, complete);
  g_assert_cmpint (loket_case_get_closed_at (kase), ==, unix_of ("2026-10-14T09:00:00+08:00"));
  g_assert_cmpuint (loket_case_get_event_count (kase), ==, events->len);

  /* The working days the pause touches (Monday 5 to Wednesday 7 October) do not count: the
   * deadline moves by three working days, to Wednesday 4 November. */
  g_assert_cmpuint (loket_case_get_pauses (kase)->len, ==, 1);
  g_assert_cmpint (g_array_index (loket_case_get_pauses (kase), LoketPause, 0).start, ==,
                   pause.start);
  g_assert_cmpint (g_array_index (loket_case_get_pauses (kase), LoketPause, 0).end, ==, pause.end);
  g_assert_cmpint (loket_case_get_due_at (kase), ==,
                   expected_deadline (f, complete, 21, &pause, 1));
  g_assert_cmpint (loket_case_get_due_at (kase), >, due_unpaused);
  assert_local_date (f, loket_case_get_due_at (kase), 2026, 11, 4);

  /* Closed cases are never overdue; the deadline stays for reports. */
  g_assert_false (loket_case_is_overdue (kase, loket_case_get_due_at (kase) + 86400));

  /* Folding one by one equals projecting the set. */
  projected = loket_case_projector_project (f->projector, events, &error);
  g_assert_no_error (error);
  g_assert_true (loket_case_equal (projected, kase));
}

static void
shuffle (GPtrArray *array, GRand *rand)
{
  for (guint i = array->len; i > 1; i--)
    {
      guint    j = g_rand_int_range (rand, 0, i);
      gpointer tmp = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = tmp;
    }
}

static void
test_projector_shuffled (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) events = akad_case_events (f);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr (LoketCase) reference = NULL;
  g_autoptr (GError) error = NULL;

  reference = loket_case_projector_project (f->projector, events, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loket_case_get_status (reference), ==, LOKET_CASE_STATUS_CLOSED);

  /* A replica that received an event twice (sync retry) projects the same. */
  g_ptr_array_add (events, g_object_ref (g_ptr_array_index (events, 7)));

  for (guint round = 0; round < 250; round++)
    {
      g_autoptr (LoketCase) kase = NULL;

      shuffle (events, rand);
      kase = loket_case_projector_project (f->projector, events, &error);
      g_assert_no_error (error);
      g_assert_true (loket_case_equal (kase, reference));
    }
}

/* Heap's algorithm. */
static void
permute (Fixture *f, GPtrArray *events, guint k, LoketCase *reference, guint *count)
{
  if (k == 1)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (LoketCase) kase = loket_case_projector_project (f->projector, events, &error);

      g_assert_no_error (error);
      g_assert_true (loket_case_equal (kase, reference));
      (*count)++;
      return;
    }

  for (guint i = 0; i < k; i++)
    {
      guint    j = (k % 2 == 0) ? i : 0;
      gpointer tmp;

      permute (f, events, k - 1, reference, count);
      if (i + 1 == k)
        break;
      tmp = events->pdata[j];
      events->pdata[j] = events->pdata[k - 1];
      events->pdata[k - 1] = tmp;
    }
}

static void
test_projector_permutations (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (LoketCase) reference = NULL;
  g_autoptr (GError) error = NULL;
  guint count = 0;

  /* Two events share an HLC: the UUID orders them. */
  g_ptr_array_add (events, make_event (f, CASE_B, "case.registered", "2026-09-28T09:00:00+08:00", 0,
                                       registered_akad));
  g_ptr_array_add (events,
                   make_event (f, CASE_B, "case.declared_complete", "2026-10-01T10:00:00+08:00", 0,
                               "{\"at\":\"2026-10-01T10:00:00+08:00\"}"));
  g_ptr_array_add (events, make_event (f, CASE_B, "case.paused", "2026-10-05T09:00:00+08:00", 0,
                                       "{\"at\":\"2026-10-05T09:00:00+08:00\",\"reason\":\"x\"}"));
  g_ptr_array_add (events, make_event (f, CASE_B, "disposition.sent", "2026-10-05T09:00:00+08:00",
                                       0, "{\"to\":[\"kasi-p3tk\"],\"instruction\":\"proses\"}"));
  g_ptr_array_add (events, make_event (f, CASE_B, "case.resumed", "2026-10-06T09:00:00+08:00", 0,
                                       "{\"at\":\"2026-10-06T09:00:00+08:00\"}"));

  reference = loket_case_projector_project (f->projector, events, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loket_case_get_status (reference), ==, LOKET_CASE_STATUS_IN_PROCESS);
  g_assert_cmpstr (loket_case_get_holder (reference), ==, "kasi-p3tk");
  g_assert_cmpuint (loket_case_get_pauses (reference)->len, ==, 1);
  g_assert_cmpint (loket_case_get_due_at (reference), !=, 0);

  permute (f, events, events->len, reference, &count);
  g_assert_cmpuint (count, ==, 120);
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
assert_rejected (Fixture *f, LoketCase *kase, const char *type, const char *body)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCase) before = loket_case_new (loket_case_get_uuid (kase));
  g_autoptr (LoketEvent) event = NULL;
  g_autofree char *hlc = loket_hlc_format (unix_of ("2026-10-20T09:00:00+08:00") * 1000, 0);
  gulong           handler;
  guint            notified = 0;

  /* Unchecked, so that bodies that are not objects reach the projector too. */
  event = loket_event_new (NULL, loket_case_get_uuid (kase), type, "petugas", "pc-01", hlc, body);
  loket_case_update_from (before, kase);
  handler = g_signal_connect (kase, "notify", G_CALLBACK (count_notify_cb), &notified);

  if (loket_case_projector_apply (f->projector, kase, event, &error))
    g_error ("%s %s accepted", type, body);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_true (loket_case_equal (kase, before));
  g_assert_cmpuint (notified, ==, 0);

  g_signal_handler_disconnect (kase, handler);
}

#define REG_PARTIES                                                                                \
  "\"parties\":[{\"kind\":\"person\",\"nik\":\"5371010101900001\",\"name\":\"A\"}]"

static void
test_projector_malformed (Fixture *f, gconstpointer data)
{
  g_autoptr (LoketCase) empty = loket_case_new (CASE_A);
  g_autoptr (LoketCase) kase = loket_case_new (CASE_A);
  g_autoptr (GPtrArray) events = akad_case_events (f);
  const char *bad_registrations[] = {
    /* missing agency */
    "{\"service\":\"" AKAD "\",\"channel\":\"surat\","
    "\"received_at\":\"2026-09-28T09:00:00+08:00\"," REG_PARTIES "}",
    /* missing service */
    "{\"agency\":\"" AGENCY "\",\"channel\":\"surat\","
    "\"received_at\":\"2026-09-28T09:00:00+08:00\"," REG_PARTIES "}",
    /* unknown service */
    "{\"agency\":\"" AGENCY "\",\"service\":\"kopnakertrans-ntt/no-such-service\","
    "\"channel\":\"surat\",\"received_at\":\"2026-09-28T09:00:00+08:00\"," REG_PARTIES "}",
    /* service of another agency */
    "{\"agency\":\"dinsos-ntt\",\"service\":\"" AKAD "\",\"channel\":\"surat\","
    "\"received_at\":\"2026-09-28T09:00:00+08:00\"," REG_PARTIES "}",
    /* channel the service does not have */
    "{\"agency\":\"" AGENCY "\",\"service\":\"" AKAD "\",\"channel\":\"online\","
    "\"received_at\":\"2026-09-28T09:00:00+08:00\"," REG_PARTIES "}",
    /* date without offset */
    "{\"agency\":\"" AGENCY "\",\"service\":\"" AKAD "\",\"channel\":\"surat\","
    "\"received_at\":\"2026-09-28T09:00:00\"," REG_PARTIES "}",
    /* not a date */
    "{\"agency\":\"" AGENCY "\",\"service\":\"" AKAD "\",\"channel\":\"surat\","
    "\"received_at\":\"kemarin\"," REG_PARTIES "}",
    /* date as a number */
    "{\"agency\":\"" AGENCY "\",\"service\":\"" AKAD "\",\"channel\":\"surat\","
    "\"received_at\":1790000000," REG_PARTIES "}",
    /* no parties */
    "{\"agency\":\"" AGENCY "\",\"service\":\"" AKAD "\",\"channel\":\"surat\","
    "\"received_at\":\"2026-09-28T09:00:00+08:00\",\"parties\":[]}",
    /* person without NIK */
    "{\"agency\":\"" AGENCY "\",\"service\":\"" AKAD "\",\"channel\":\"surat\","
    "\"received_at\":\"2026-09-28T09:00:00+08:00\","
    "\"parties\":[{\"kind\":\"person\",\"name\":\"A\"}]}",
    /* unknown party kind */
    "{\"agency\":\"" AGENCY "\",\"service\":\"" AKAD "\",\"channel\":\"surat\","
    "\"received_at\":\"2026-09-28T09:00:00+08:00\","
    "\"parties\":[{\"kind\":\"alien\",\"name\":\"A\"}]}",
    /* letter not an object */
    "{\"agency\":\"" AGENCY "\",\"service\":\"" AKAD "\",\"channel\":\"surat\","
    "\"received_at\":\"2026-09-28T09:00:00+08:00\"," REG_PARTIES ",\"letter\":\"x\"}",
    "[]",
    "not json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_registrations); i++)
    assert_rejected (f, empty, "case.registered", bad_registrations[i]);

  /* A case with state: half way through the AKAD sequence. */
  for (guint i = 0; i < 10; i++)
    g_assert_true (
      loket_case_projector_apply (f->projector, kase, g_ptr_array_index (events, i), NULL));
  g_assert_cmpuint (loket_case_get_pauses (kase)->len, ==, 1);

  assert_rejected (f, kase, "case.declared_complete", "{}");
  assert_rejected (f, kase, "case.declared_complete", "{\"at\":\"2026-13-01T10:00:00+08:00\"}");
  assert_rejected (f, kase, "case.returned", "{\"at\":\"2026-10-20\"}");
  assert_rejected (f, kase, "case.returned",
                   "{\"at\":\"2026-10-20T09:00:00+08:00\",\"missing\":\"r1\"}");
  assert_rejected (f, kase, "case.paused", "{\"reason\":\"x\"}");
  assert_rejected (f, kase, "case.resumed", "{\"at\":null}");
  assert_rejected (f, kase, "case.closed", "{\"at\":\"2026-10-20T09:00:00+08:00\"}");
  assert_rejected (f, kase, "disposition.sent", "{\"to\":[],\"instruction\":\"x\"}");
  assert_rejected (f, kase, "disposition.sent", "{\"to\":[\"a\", 3],\"instruction\":\"x\"}");
  assert_rejected (f, kase, "disposition.sent", "{\"to\":[\"a\"]}");
  assert_rejected (f, kase, "disposition.sent",
                   "{\"to\":[\"a\"],\"instruction\":\"x\",\"due\":\"besok\"}");
  assert_rejected (f, kase, "draft.paraf", "{\"final\":\"yes\"}");
  assert_rejected (f, kase, "requirement.checked", "{\"requirement\":\"r1\"}");
  assert_rejected (f, kase, "requirement.checked",
                   "{\"requirement\":\"r1\",\"satisfied\":true,\"blobs\":[1]}");
  assert_rejected (f, kase, "letter.signed", "[1]");
  /* Count-only types are not parsed by the projector (loket_event_new_checked rejects such a
   * body where events are made): it is counted and changes nothing else. */
  {
    g_autoptr (LoketCase) before = loket_case_new (loket_case_get_uuid (kase));
    g_autofree char *hlc = loket_hlc_format (unix_of ("2026-10-20T09:00:00+08:00") * 1000, 0);
    g_autoptr (LoketEvent) odd = loket_event_new (NULL, loket_case_get_uuid (kase),
                                                  "comment.added", "petugas", "pc-01", hlc, "");
    g_autoptr (GError) error = NULL;
    g_autoptr (LoketEvent) checked = loket_event_new_checked (NULL, loket_case_get_uuid (kase),
                                                              "comment.added", "petugas", "pc-01",
                                                              hlc, "", &error);

    g_assert_null (checked);
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
    loket_case_update_from (before, kase);
    g_assert_true (loket_case_projector_apply (f->projector, kase, odd, NULL));
    g_assert_cmpuint (loket_case_get_event_count (kase), ==, loket_case_get_event_count (before) + 1);
    g_assert_cmpint (loket_case_get_status (kase), ==, loket_case_get_status (before));
    g_assert_cmpint (loket_case_get_due_at (kase), ==, loket_case_get_due_at (before));
  }

  /* The case still takes valid events afterwards. */
  g_assert_true (
    loket_case_projector_apply (f->projector, kase, g_ptr_array_index (events, 10), NULL));
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_DRAFTING);

  /* project() fails as a whole. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (LoketCase) projected = NULL;

    g_ptr_array_add (events, make_event (f, CASE_A, "case.paused", "2026-10-20T09:00:00+08:00", 0,
                                         "{\"reason\":\"no time\"}"));
    projected = loket_case_projector_project (f->projector, events, &error);
    g_assert_null (projected);
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  }
}

static void
test_projector_unknown_type (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) events = akad_case_events (f);
  g_autoptr (LoketCase) kase = loket_case_new (CASE_A);
  g_autoptr (LoketCase) before = loket_case_new (CASE_A);
  g_autoptr (LoketEvent) unknown = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *hlc = loket_hlc_format (unix_of ("2026-10-02T09:00:00+08:00") * 1000, 5);

  for (guint i = 0; i < 6; i++)
    g_assert_true (
      loket_case_projector_apply (f->projector, kase, g_ptr_array_index (events, i), NULL));
  loket_case_update_from (before, kase);

  /* Newer clients may send types and bodies this one does not know. */
  unknown = loket_event_new (NULL, CASE_A, "survey.answered", "x", "d", hlc, "not even json");
  g_assert_true (loket_case_projector_apply (f->projector, kase, unknown, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (loket_case_get_event_count (kase), ==, 7);
  g_assert_cmpstr (loket_case_get_last_hlc (kase), ==, hlc);
  loket_case_set_event_count (kase, 6);
  loket_case_set_last_hlc (kase, loket_case_get_last_hlc (before));
  g_assert_true (loket_case_equal (kase, before));
}

static void
test_projector_other_case (Fixture *f, gconstpointer data)
{
  g_autoptr (LoketCase) kase = loket_case_new (CASE_A);
  g_autoptr (LoketCase) before = loket_case_new (CASE_A);
  g_autoptr (LoketEvent) event
    = make_event (f, CASE_B, "case.registered", "2026-09-28T09:00:00+08:00", 0, registered_akad);
  g_autoptr (GPtrArray) mixed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCase) projected = NULL;

  g_assert_false (loket_case_projector_apply (f->projector, kase, event, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_true (loket_case_equal (kase, before));
  g_clear_error (&error);

  g_ptr_array_add (mixed, g_object_ref (event));
  g_ptr_array_add (mixed,
                   make_event (f, CASE_A, "comment.added", "2026-09-29T09:00:00+08:00", 0, "{}"));
  projected = loket_case_projector_project (f->projector, mixed, &error);
  g_assert_null (projected);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_ptr_array_set_size (mixed, 0);
  projected = loket_case_projector_project (f->projector, mixed, &error);
  g_assert_null (projected);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
}

/* A clock that starts at receipt: a return pauses it until the file is complete. */
static void
test_projector_receipt_clock (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (GError) error = NULL;
  gint64     received = unix_of ("2026-10-01T10:00:00+08:00");
  LoketPause pause
    = { unix_of ("2026-10-02T10:00:00+08:00"), unix_of ("2026-10-06T10:00:00+08:00") };

  g_ptr_array_add (
    events, make_event (f, CASE_B, "case.registered", "2026-10-01T10:00:00+08:00", 0,
                        "{\"agency\":\"" AGENCY "\",\"service\":\"" PP "\",\"channel\":\"surat\","
                        "\"received_at\":\"2026-10-01T10:00:00+08:00\",\"subject\":\"PP\","
                        "\"parties\":[{\"kind\":\"organisation\",\"name\":\"PT Kupang Jaya\","
                        "\"legal_number\":\"AHU-1\"}]}"));

  kase = loket_case_projector_project (f->projector, events, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_REGISTERED);
  g_assert_cmpstr (loket_case_get_applicant_name (kase), ==, "PT Kupang Jaya");
  g_assert_null (loket_case_get_applicant_nik (kase));
  /* The unit comes from the catalog when the body does not name one. */
  g_assert_cmpstr (loket_case_get_unit_id (kase), ==, "kopnakertrans-ntt/bidang-ketenagakerjaan");
  g_assert_cmpint (loket_case_get_due_at (kase), ==, expected_deadline (f, received, 14, NULL, 0));
  /* 14 working days after Thursday 1 October 2026: Wednesday 21 October. */
  assert_local_date (f, loket_case_get_due_at (kase), 2026, 10, 21);
  g_assert_true (loket_case_is_overdue (kase, loket_case_get_due_at (kase) + 1));
  g_clear_object (&kase);

  g_ptr_array_add (events,
                   make_event (f, CASE_B, "case.returned", "2026-10-02T10:00:00+08:00", 0,
                               "{\"at\":\"2026-10-02T10:00:00+08:00\",\"missing\":[\"r1\"]}"));
  kase = loket_case_projector_project (f->projector, events, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_INCOMPLETE);
  g_assert_cmpuint (loket_case_get_pauses (kase)->len, ==, 1);
  g_assert_cmpint (g_array_index (loket_case_get_pauses (kase), LoketPause, 0).start, ==,
                   pause.start);
  g_assert_cmpint (g_array_index (loket_case_get_pauses (kase), LoketPause, 0).end, ==, 0);
  g_clear_object (&kase);

  g_ptr_array_add (events,
                   make_event (f, CASE_B, "case.declared_complete", "2026-10-06T10:00:00+08:00", 0,
                               "{\"at\":\"2026-10-06T10:00:00+08:00\"}"));
  kase = loket_case_projector_project (f->projector, events, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_IN_PROCESS);
  g_assert_cmpint (loket_case_get_received_at (kase), ==, received);
  g_assert_cmpint (loket_case_get_complete_at (kase), ==, pause.end);
  g_assert_cmpuint (loket_case_get_pauses (kase)->len, ==, 1);
  g_assert_cmpint (g_array_index (loket_case_get_pauses (kase), LoketPause, 0).end, ==, pause.end);
  g_assert_cmpint (loket_case_get_due_at (kase), ==,
                   expected_deadline (f, received, 14, &pause, 1));
  g_assert_cmpint (loket_case_get_due_at (kase), >, expected_deadline (f, received, 14, NULL, 0));
}

/* The real Kopnakertrans catalog file with one service changed to "sesuai kebutuhan" (no fixed
 * limit), loaded from a temporary directory. */
static LoketServiceCatalog *
catalog_without_deadline (char **tmp_dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *source = g_build_filename (g_getenv ("LOKET_SOURCE_ROOT"), "data", "catalog",
                                              "kopnakertrans-ntt.json", NULL);
  g_autofree char *target = NULL;
  g_autofree char *json = NULL;
  g_autoptr (GFile) dir = NULL;
  JsonArray           *services;
  LoketServiceCatalog *catalog;

  g_assert_true (json_parser_load_from_file (parser, source, &error));
  g_assert_no_error (error);
  services = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "services");
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonObject *service = json_array_get_object_element (services, i);
      JsonArray  *sla = json_object_get_array_member (service, "sla");

      if (!g_str_equal (json_object_get_string_member (service, "id"), AKAD))
        continue;
      g_assert_cmpuint (json_array_get_length (sla), ==, 1);
      json_object_set_string_member (json_array_get_object_element (sla, 0), "unit",
                                     "sesuai_kebutuhan");
    }

  *tmp_dir = g_dir_make_tmp ("loket-projector-XXXXXX", &error);
  g_assert_no_error (error);
  target = g_build_filename (*tmp_dir, "kopnakertrans-ntt.json", NULL);
  json = json_to_string (json_parser_get_root (parser), TRUE);
  g_assert_true (g_file_set_contents (target, json, -1, &error));
  g_assert_no_error (error);

  dir = g_file_new_for_path (*tmp_dir);
  catalog = loket_service_catalog_new_from_directory (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_remove (target), ==, 0);

  return catalog;
}

static void
test_projector_no_deadline (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) events = akad_case_events (f);
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autoptr (LoketServiceCatalog) catalog = catalog_without_deadline (&tmp_dir);
  g_autoptr (LoketCaseProjector) projector = loket_case_projector_new (catalog, f->calendar);
  const LoketSlaClause *clause
    = loket_service_get_deadline_clause (loket_service_catalog_lookup (catalog, AKAD), "surat");

  g_assert_cmpint (g_rmdir (tmp_dir), ==, 0);
  g_assert_nonnull (clause);
  g_assert_cmpint (clause->unit, ==, LOKET_SLA_UNIT_UNSPECIFIED);

  /* Stop before the close: an open case without a deadline is never overdue. */
  g_ptr_array_set_size (events, events->len - 1);
  kase = loket_case_projector_project (projector, events, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_SIGNED);
  g_assert_cmpint (loket_case_get_complete_at (kase), !=, 0);
  g_assert_cmpint (loket_case_get_due_at (kase), ==, 0);
  g_assert_false (loket_case_is_overdue (kase, G_MAXINT64));
}

/* Concurrent offline work: the first registration wins; a close is final. */
static void
test_projector_concurrent (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) events = akad_case_events (f);
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *second = g_strdup (registered_akad);

  /* Another desk registered the same case later with another agenda number. */
  memcpy (strstr (second, "0412"), "9999", 4);
  g_ptr_array_add (
    events, make_event (f, CASE_A, "case.registered", "2026-09-28T09:05:00+08:00", 0, second));
  /* A draft made offline after the case was closed. */
  g_ptr_array_add (events,
                   make_event (f, CASE_A, "draft.created", "2026-10-15T09:00:00+08:00", 0, "{}"));
  g_ptr_array_add (events, make_event (f, CASE_A, "case.closed", "2026-10-16T09:00:00+08:00", 0,
                                       "{\"at\":\"2026-10-16T09:00:00+08:00\",\"outcome\":\"x\"}"));

  kase = loket_case_projector_project (f->projector, events, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loket_case_get_agenda_number (kase), ==, "560/0412/P3TK/2026");
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_CLOSED);
  g_assert_cmpint (loket_case_get_closed_at (kase), ==, unix_of ("2026-10-14T09:00:00+08:00"));
  g_assert_cmpuint (loket_case_get_event_count (kase), ==, events->len);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func)                                                                       \
  g_test_add ("/loket/core/case-projector/" path, Fixture, NULL, fixture_set_up, func,             \
              fixture_tear_down)

  ADD_TEST ("akad-sequence", test_projector_akad_sequence);
  ADD_TEST ("shuffled", test_projector_shuffled);
  ADD_TEST ("permutations", test_projector_permutations);
  ADD_TEST ("malformed", test_projector_malformed);
  ADD_TEST ("unknown-type", test_projector_unknown_type);
  ADD_TEST ("other-case", test_projector_other_case);
  ADD_TEST ("receipt-clock", test_projector_receipt_clock);
  ADD_TEST ("no-deadline", test_projector_no_deadline);
  ADD_TEST ("concurrent", test_projector_concurrent);

#undef ADD_TEST

  return g_test_run ();
}
