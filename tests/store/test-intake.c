// SPDX-License-Identifier: GPL-3.0-or-later
// Intake through the store: every service and channel, SLA deadlines, bad input leaves nothing,
// agenda numbers, case decisions, drafts, blobs from files.
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>

#include "loket-agenda.h"
#include "loket-error.h"
#include "loket-test-utils.h"
#include "store-test-fixture.h"

#define AKAD      "kopnakertrans-ntt/rekomendasi-rekrutmen-akad"
#define PENGADUAN "kopnakertrans-ntt/pengaduan-masyarakat"
#define KOPERASI  "kopnakertrans-ntt/pengawasan-koperasi"
#define KONSUL    "kopnakertrans-ntt/konsultasi"
#define NIK_OK    "5371014101900002"
#define OFFICER   "petugas-loket"

/* ---- Helpers ------------------------------------------------------------------------------ */

static LoketServiceCatalog *
catalog_of (Fixture *f)
{
  return loket_case_projector_get_catalog (f->projector);
}

/* Unix s of a local time in WITA. */
static gint64
wita (int year, int month, int day, int hour, int minute)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr (GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static LoketIntakeForm *
new_form (Fixture *f, const char *service, const char *channel, gint64 received_at)
{
  g_autoptr (GError) error = NULL;
  LoketIntakeForm *form = loket_intake_form_new (catalog_of (f), service, channel, &error);
  g_autoptr (LoketParty) party = loket_party_new (LOKET_PARTY_PERSON);

  g_assert_no_error (error);
  loket_party_set_nik (party, NIK_OK);
  loket_party_set_name (party, "Maria Bunga");
  loket_intake_form_add_party (form, party);
  loket_intake_form_set_received_at (form, received_at);
  return form;
}

static void
satisfy_all (LoketIntakeForm *form)
{
  GPtrArray *reqs = loket_intake_form_get_requirements (form);

  for (guint i = 0; i < reqs->len; i++)
    g_assert_true (loket_intake_form_set_satisfied (
      form, loket_requirement_get_id (g_ptr_array_index (reqs, i)), TRUE, NULL));
}

static char *
register_ok (Fixture *f, LoketIntakeForm *form, LoketIntakeOutcome outcome, char **agenda)
{
  g_autoptr (GError) error = NULL;
  char *uuid = NULL;

  g_assert_true (loket_store_register_case (f->store, form, NULL, OFFICER, outcome, &uuid, agenda,
                                            &error));
  g_assert_no_error (error);
  return uuid;
}

static guint
count_events (Fixture *f)
{
  g_autoptr (LoketStoreCheckReport) report = loket_store_check (f->store, NULL);

  g_assert_nonnull (report);
  return report->n_events;
}

static guint
count_blobs (Fixture *f)
{
  g_autoptr (LoketStoreCheckReport) report = loket_store_check (f->store, NULL);

  return report->n_blobs;
}

/* Writes a file of @size bytes starting with @head (a PDF header when NULL). */
static char *
write_file (Fixture *f, const char *name, const char *head, gsize size)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *data = g_malloc (size);
  const char      *magic = head != NULL ? head : "%PDF-1.7\n";

  for (gsize i = 0; i < size; i++)
    data[i] = (char) ('a' + i % 26);
  memcpy (data, magic, MIN (strlen (magic), size));
  g_assert_true (g_file_set_contents (path, data, (gssize) size, NULL));
  return g_steal_pointer (&path);
}

static LoketAttachment *
add_file (Fixture *f, const char *path, guint64 limit, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return loket_store_add_blob_from_file (f->store, file, limit, NULL, error);
}

/* The requirement ids of the requirement.checked events of @case_uuid, in order. */
static GPtrArray *
checked_ids (Fixture *f, const char *case_uuid)
{
  g_autoptr (GPtrArray) events = loket_store_get_case_events (f->store, case_uuid, NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < events->len; i++)
    {
      LoketEvent *e = g_ptr_array_index (events, i);
      g_autoptr (JsonObject) body = NULL;

      if (g_strcmp0 (loket_event_get_event_type (e), LOKET_EVENT_REQUIREMENT_CHECKED) != 0)
        continue;
      body = loket_event_parse_body (e, NULL);
      g_ptr_array_add (ids, g_strdup (json_object_get_string_member (body, "requirement")));
    }
  return ids;
}

/* ---- Every service ------------------------------------------------------------------------ */

static void
test_every_service (Fixture *f, gconstpointer data)
{
  GPtrArray *services = loket_service_catalog_get_services (catalog_of (f));
  guint      n_cases = 0;

  g_assert_cmpuint (services->len, ==, 35);
  for (guint i = 0; i < services->len; i++)
    {
      LoketService      *service = g_ptr_array_index (services, i);
      const char *const *channels = loket_service_get_channels (service);

      for (guint c = 0; channels[c] != NULL; c++)
        {
          g_autoptr (LoketIntakeForm) form
            = new_form (f, loket_service_get_id (service), channels[c], wita (2026, 10, 1, 9, 0));
          g_autoptr (GPtrArray) expected = loket_service_get_requirements (service, channels[c]);
          g_autoptr (GPtrArray) ids = NULL;
          g_autoptr (LoketCase) kase = NULL;
          g_autofree char *agenda = NULL;
          g_autofree char *uuid = NULL;

          satisfy_all (form);
          uuid = register_ok (f, form, LOKET_INTAKE_DECLARE_COMPLETE, &agenda);
          ids = checked_ids (f, uuid);
          g_assert_cmpuint (ids->len, ==, expected->len);
          for (guint r = 0; r < ids->len; r++)
            g_assert_cmpstr (g_ptr_array_index (ids, r), ==,
                             loket_requirement_get_id (g_ptr_array_index (expected, r)));
          kase = loket_store_get_case (f->store, uuid, NULL);
          g_assert_nonnull (kase);
          g_assert_cmpstr (loket_case_get_service_id (kase), ==, loket_service_get_id (service));
          g_assert_cmpstr (loket_case_get_channel (kase), ==, channels[c]);
          g_assert_cmpstr (loket_case_get_agenda_number (kase), ==, agenda);
          g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_IN_PROCESS);
          n_cases++;
        }
    }
  g_test_message ("%u cases registered", n_cases);
  assert_check_clean (f->store);
}

/* ---- SLA deadlines ------------------------------------------------------------------------ */

/* XVI (21 hari kerja from completeness) declared complete on Tuesday 17 March 2026, the day
 * before the Nyepi/Idul Fitri holidays. By hand from data/holidays/2026.json: 18, 19, 20 (Wed–Fri),
 * 23, 24 March (Mon, Tue) and 3 April (Good Friday) are not working days, so the working days are
 * 25 26 27 30 31 Mar, 1 2 6 7 8 9 10 13 14 15 16 17 20 21 22 23 Apr: the 21st is Thursday
 * 23 April 2026 (without holidays it would be 15 April). */
static void
test_sla_holiday_week (Fixture *f, gconstpointer data)
{
  g_autoptr (LoketIntakeForm) form = new_form (f, AKAD, "surat", wita (2026, 3, 16, 9, 0));
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = NULL;

  satisfy_all (form);
  uuid = register_ok (f, form, LOKET_INTAKE_REGISTER, NULL);
  kase = loket_store_get_case (f->store, uuid, NULL);
  g_assert_cmpint (loket_case_get_due_at (kase), ==, 0); /* not complete: no clock */
  g_clear_object (&kase);

  g_assert_true (loket_store_declare_complete (f->store, uuid, OFFICER, wita (2026, 3, 17, 10, 0),
                                               &error));
  g_assert_no_error (error);
  kase = loket_store_get_case (f->store, uuid, NULL);
  g_assert_cmpint (loket_case_get_complete_at (kase), ==, wita (2026, 3, 17, 10, 0));
  g_assert_cmpint (loket_case_get_due_at (kase), ==, wita (2026, 4, 23, 23, 59) + 59);
}

/* Pengaduan Masyarakat: 15 menit at the counter, 7 hari kerja by letter, 8 by SP4N-LAPOR!, all
 * from receipt. Received Thursday 1 October 2026 09:00 (no holiday in October): the letter's
 * 7th working day is Monday 12 October, LAPOR's 8th Tuesday 13 October. */
static void
test_sla_per_channel (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *channel;
    gint64      due;
  } cases[] = {
    { "tatap_muka", 0 }, /* filled below */
    { "surat", 0 },
    { "sp4n_lapor", 0 },
    { "kotak_saran", 0 },
  };
  gint64 received = wita (2026, 10, 1, 9, 0);
  gint64 due[] = { received + 15 * 60, wita (2026, 10, 12, 23, 59) + 59,
                   wita (2026, 10, 13, 23, 59) + 59, wita (2026, 10, 12, 23, 59) + 59 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (LoketIntakeForm) form = new_form (f, PENGADUAN, cases[i].channel, received);
      g_autoptr (LoketCase) kase = NULL;
      g_autofree char *uuid = register_ok (f, form, LOKET_INTAKE_REGISTER, NULL);

      kase = loket_store_get_case (f->store, uuid, NULL);
      g_assert_cmpint (loket_case_get_due_at (kase), ==, due[i]);
    }
}

/* Pengawasan Koperasi (7 hari kerja from receipt): received Thursday 1 October 2026 09:00 with r1
 * only and returned at once; the applicant brings r1.a and r1.b on Thursday 8 October 10:00 and
 * the file is declared complete. The pause touched 1, 2, 5, 6, 7, 8 October, so the 7 working
 * days are 9 12 13 14 15 16 19 October: due Monday 19 October (12 October without the pause). */
static void
test_sla_returned_then_complete (Fixture *f, gconstpointer data)
{
  g_autoptr (LoketIntakeForm) form = new_form (f, KOPERASI, "surat", wita (2026, 10, 1, 9, 0));
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = NULL;
  gint64 back = wita (2026, 10, 8, 10, 0);

  g_assert_true (loket_intake_form_set_satisfied (form, "r1", TRUE, NULL));
  loket_intake_form_set_return_note (form, "Lengkapi tanda tangan anggota");
  uuid = register_ok (f, form, LOKET_INTAKE_RETURN, NULL);
  kase = loket_store_get_case (f->store, uuid, NULL);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_INCOMPLETE);
  g_assert_cmpint (loket_case_get_due_at (kase), ==, 0); /* paused: no deadline */
  g_clear_object (&kase);

  /* Still missing r1.b: refused, nothing appended. */
  g_assert_true (loket_store_check_requirement (f->store, uuid, OFFICER, "r1.a", TRUE, NULL, back,
                                                &error));
  g_assert_false (loket_store_declare_complete (f->store, uuid, OFFICER, back, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "r1.b"));
  g_assert_null (strstr (error->message, "r1.a"));
  g_clear_error (&error);

  g_assert_true (loket_store_check_requirement (f->store, uuid, OFFICER, "r1.b", TRUE, NULL, back,
                                                &error));
  g_assert_true (loket_store_declare_complete (f->store, uuid, OFFICER, back, &error));
  g_assert_no_error (error);
  kase = loket_store_get_case (f->store, uuid, NULL);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_IN_PROCESS);
  g_assert_cmpint (loket_case_get_due_at (kase), ==, wita (2026, 10, 19, 23, 59) + 59);
  assert_projection_is_fold (f, uuid);
}

/* ---- Bad input leaves nothing ------------------------------------------------------------- */

static void
assert_refused (Fixture *f, LoketIntakeForm *form, LoketIntakeOutcome outcome, const char *needle)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = NULL;
  guint before = count_events (f);

  g_assert_false (loket_store_register_case (f->store, form, NULL, OFFICER, outcome, &uuid, NULL,
                                             &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, needle));
  g_assert_null (uuid);
  g_assert_cmpuint (count_events (f), ==, before);
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  static const char *const bad_niks[] = {
    "537101410190000", "5371O14101900002", "9971014101900002", "5300014101900002",
    "5371004101900002", "5371017201900002", "5371010113900002", "5371014101900000",
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *agenda = NULL;
  g_autofree char *uuid = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_niks); i++)
    {
      g_autoptr (LoketIntakeForm) form = new_form (f, AKAD, "surat", 0);

      loket_party_set_nik (loket_intake_form_get_party (form, 0), bad_niks[i]);
      assert_refused (f, form, LOKET_INTAKE_REGISTER, "NIK");
    }
  {
    /* Nyatakan Lengkap with r2 and r4 missing. */
    g_autoptr (LoketIntakeForm) form = new_form (f, AKAD, "surat", 0);

    satisfy_all (form);
    loket_intake_form_set_satisfied (form, "r2", FALSE, NULL);
    loket_intake_form_set_satisfied (form, "r4", FALSE, NULL);
    assert_refused (f, form, LOKET_INTAKE_DECLARE_COMPLETE, "r2: ");
    assert_refused (f, form, LOKET_INTAKE_DECLARE_COMPLETE, "r4: ");
  }
  {
    /* An attachment record whose blob this store does not have. */
    g_autoptr (LoketIntakeForm) form = new_form (f, AKAD, "surat", 0);
    g_autoptr (LoketAttachment) ghost = loket_attachment_new (
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "ktp.pdf",
      "application/pdf", 5);

    g_assert_true (loket_intake_form_add_attachment (form, "r1", ghost, NULL));
    assert_refused (f, form, LOKET_INTAKE_REGISTER, "ktp.pdf");
  }
  {
    /* A counter close for a service counted in days. */
    g_autoptr (LoketIntakeForm) form = new_form (f, AKAD, "surat", 0);
    satisfy_all (form);
    assert_refused (f, form, LOKET_INTAKE_COMPLETE_AND_CLOSE, "counter");
  }

  /* Nothing above used a number: the first registration gets 00001. */
  {
    g_autoptr (LoketIntakeForm) form = new_form (f, AKAD, "surat", wita (2026, 10, 1, 9, 0));
    g_autofree char *expected
      = g_strdup_printf ("00001-%s/KTKT/2026", loket_store_get_device_code (f->store));

    uuid = register_ok (f, form, LOKET_INTAKE_REGISTER, &agenda);
    g_assert_cmpstr (agenda, ==, expected);
  }
  assert_check_clean (f->store);
}

static void
test_bad_files (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *png_as_pdf = write_file (f, "laporan.pdf", "\x89PNG\r\n\x1a\n", 4000);
  g_autofree char *big = write_file (f, "besar.pdf", NULL, 3000);
  g_autofree char *missing = g_build_filename (f->dir, "tidak-ada.pdf", NULL);
  g_autofree char *dir_pdf = g_build_filename (f->dir, "folder.pdf", NULL);
  g_autofree char *huge = g_build_filename (f->dir, "huge.pdf", NULL);
  g_autoptr (LoketAttachment) a = NULL;
  guint blobs = count_blobs (f);

  a = add_file (f, png_as_pdf, 0, &error);
  g_assert_null (a);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "laporan.pdf is not a PDF file");
  g_clear_error (&error);

  a = add_file (f, big, 2000, &error);
  g_assert_null (a);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "besar.pdf is too large"));
  g_clear_error (&error);

  /* Over the default 50 MB: a sparse file, so the test writes nothing big. */
  {
    FILE *fp = fopen (huge, "w");
    g_assert_nonnull (fp);
    fputs ("%PDF-1.4\n", fp);
    g_assert_cmpint (fseek (fp, (long) (LOKET_ATTACHMENT_DEFAULT_LIMIT + 10), SEEK_SET), ==, 0);
    fputc ('\n', fp);
    fclose (fp);
  }
  a = add_file (f, huge, 0, &error);
  g_assert_null (a);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "huge.pdf is too large"));
  g_clear_error (&error);

  a = add_file (f, missing, 0, &error);
  g_assert_null (a);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "tidak-ada.pdf"));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (dir_pdf, 0755), ==, 0);
  a = add_file (f, dir_pdf, 0, &error);
  g_assert_null (a);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_IO);
  g_clear_error (&error);

  /* Not readable (permissions: only meaningful when the tests do not run as root). */
  if (getuid () != 0)
    {
      g_autofree char *locked = write_file (f, "terkunci.pdf", NULL, 100);

      g_assert_cmpint (g_chmod (locked, 0), ==, 0);
      a = add_file (f, locked, 0, &error);
      g_assert_null (a);
      g_assert_error (error, LOKET_ERROR, LOKET_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "terkunci.pdf"));
      g_clear_error (&error);
    }

  g_assert_cmpuint (count_blobs (f), ==, blobs);
  assert_check_clean (f->store);
}

/* A copy left by an import that crashed is deleted at the next open once it is old. */
static void
test_import_leftovers (Fixture *f, gconstpointer data)
{
  g_autofree char *blobs = g_strconcat (f->path, ".blobs", NULL);
  g_autofree char *old = g_build_filename (blobs, ".import-OLD123", NULL);
  g_autofree char *young = g_build_filename (blobs, ".import-NEW123", NULL);
  struct utimbuf times = { 1000000000, 1000000000 };

  g_assert_cmpint (g_mkdir_with_parents (blobs, 0755), ==, 0);
  g_assert_true (g_file_set_contents (old, "%PDF-half", -1, NULL));
  g_assert_true (g_file_set_contents (young, "%PDF-half", -1, NULL));
  g_assert_cmpint (g_utime (old, &times), ==, 0);
  reopen (f);
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (young, G_FILE_TEST_EXISTS));
}

static void
test_blob_from_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "ktp.pdf", NULL, 300000);
  g_autofree char *copy = write_file (f, "ktp-lagi.pdf", NULL, 300000);
  g_autoptr (LoketAttachment) a = add_file (f, path, 0, NULL);
  g_autoptr (LoketAttachment) b = add_file (f, copy, 0, NULL);
  g_autoptr (GBytes) stored = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_nonnull (a);
  g_assert_cmpstr (a->file_name, ==, "ktp.pdf");
  g_assert_cmpstr (a->mime_type, ==, "application/pdf");
  g_assert_cmpuint (a->size, ==, 300000);
  /* The same bytes under another name: one blob. */
  g_assert_cmpstr (b->sha256, ==, a->sha256);
  g_assert_cmpstr (b->file_name, ==, "ktp-lagi.pdf");
  g_assert_cmpuint (count_blobs (f), ==, 1);
  stored = loket_store_read_blob (f->store, a->sha256, NULL);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (g_bytes_get_data (stored, NULL), g_bytes_get_size (stored), contents, length);
  assert_check_clean (f->store);
}

/* ---- Case decisions ----------------------------------------------------------------------- */

static void
test_case_actions (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketIntakeForm) form = new_form (f, AKAD, "surat", 0);
  g_autoptr (LoketIntakeForm) counter = new_form (f, KONSUL, "tatap_muka", 0);
  g_autoptr (LoketCase) kase = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *counter_uuid = NULL;
  g_autofree char *ghost = g_uuid_string_random ();
  const char *const bad_missing[] = { "r99", NULL };
  guint before;

  g_assert_false (loket_store_declare_complete (f->store, ghost, OFFICER, 0, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  g_clear_error (&error);

  uuid = register_ok (f, form, LOKET_INTAKE_REGISTER, NULL);
  before = count_events (f);
  g_assert_false (loket_store_close_case (f->store, uuid, OFFICER, NULL, 0, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (loket_store_return_case (f->store, uuid, OFFICER, bad_missing, NULL, 0, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (loket_store_check_requirement (f->store, uuid, OFFICER, "r9", TRUE, NULL, 0,
                                                 &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpuint (count_events (f), ==, before);

  /* Return listing what is missing (all four), then complete and close. */
  g_assert_true (loket_store_return_case (f->store, uuid, OFFICER, NULL, "Belum lengkap", 0, &error));
  kase = loket_store_get_case (f->store, uuid, NULL);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_INCOMPLETE);
  g_clear_object (&kase);
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i);
      g_assert_true (loket_store_check_requirement (f->store, uuid, OFFICER, id, TRUE, NULL, 0, NULL));
    }
  g_assert_true (loket_store_declare_complete (f->store, uuid, OFFICER, 0, &error));
  g_assert_no_error (error);
  g_assert_false (loket_store_declare_complete (f->store, uuid, OFFICER, 0, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (loket_store_return_case (f->store, uuid, OFFICER, NULL, "x", 0, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (loket_store_close_case (f->store, uuid, OFFICER, NULL, 0, &error));
  g_assert_false (loket_store_close_case (f->store, uuid, OFFICER, NULL, 0, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);
  kase = loket_store_get_case (f->store, uuid, NULL);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_CLOSED);
  g_clear_object (&kase);

  /* A counter service registered and closed in one step. */
  satisfy_all (counter);
  counter_uuid = register_ok (f, counter, LOKET_INTAKE_COMPLETE_AND_CLOSE, NULL);
  kase = loket_store_get_case (f->store, counter_uuid, NULL);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_CLOSED);
  g_assert_cmpint (loket_case_get_closed_at (kase), >, 0);
  assert_projection_is_fold (f, uuid);
  assert_check_clean (f->store);
}

/* ---- Agenda numbers ----------------------------------------------------------------------- */

static void
register_many (LoketStore *store, LoketServiceCatalog *catalog, guint n, GHashTable *seen)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LoketIntakeForm) form = loket_intake_form_new (catalog, AKAD, "surat", NULL);
      g_autoptr (LoketParty) party = loket_party_new (LOKET_PARTY_ORGANISATION);
      g_autoptr (GError) error = NULL;
      char *agenda = NULL;

      loket_party_set_name (party, "PT Maju");
      loket_intake_form_add_party (form, party);
      loket_intake_form_set_received_at (form, wita (2026, 10, 1, 9, (int) i % 60));
      g_assert_true (loket_store_register_case (store, form, NULL, OFFICER, LOKET_INTAKE_REGISTER,
                                                NULL, &agenda, &error));
      g_assert_no_error (error);
      g_assert_false (g_hash_table_contains (seen, agenda));
      g_hash_table_add (seen, agenda);
    }
}

static void
test_agenda_two_devices (Fixture *f, gconstpointer data)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path_b = g_build_filename (f->dir, "pc-b.db", NULL);
  g_autofree char *path_c = g_build_filename (f->dir, "pc-c.db", NULL);
  g_autofree char *first = NULL;
  g_autoptr (LoketStore) b = NULL;
  g_autoptr (LoketStore) c = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *code_a = g_strdup (loket_store_get_device_code (f->store));

  g_assert_true (loket_agenda_device_code_is_valid (code_a));
  register_many (f->store, catalog_of (f), 5, seen);

  /* PC B: its own database (its own random code). */
  b = loket_store_open (path_b, f->projector, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loket_store_get_device_code (b), !=, code_a);
  g_assert_cmpstr (loket_store_get_device_id (b), !=, loket_store_get_device_id (f->store));
  register_many (b, catalog_of (f), 5, seen);

  /* PC C: a copy of A's database, given its own code by the office, as the scheme requires. */
  loket_store_close (f->store);
  {
    g_autoptr (GFile) src = g_file_new_for_path (f->path);
    g_autoptr (GFile) dst = g_file_new_for_path (path_c);
    g_assert_true (g_file_copy (src, dst, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  }
  reopen (f);
  c = loket_store_open (path_c, f->projector, &error);
  g_assert_no_error (error);
  g_assert_false (loket_store_set_device_code (c, "lkt-1", &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (loket_store_set_device_code (c, "LKT3", &error));
  register_many (c, catalog_of (f), 5, seen);
  register_many (f->store, catalog_of (f), 5, seen);
  register_many (b, catalog_of (f), 5, seen);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 25);
  g_assert_true (g_hash_table_contains (seen, "00001-LKT3/KTKT/2026"));
  first = g_strdup_printf ("00010-%s/KTKT/2026", code_a);
  g_assert_true (g_hash_table_contains (seen, first));

  /* The code survives reopening. */
  loket_store_close (c);
  g_clear_object (&c);
  c = loket_store_open (path_c, f->projector, &error);
  g_assert_cmpstr (loket_store_get_device_code (c), ==, "LKT3");
}

/* ---- Drafts ------------------------------------------------------------------------------- */

static void
test_drafts (Fixture *f, gconstpointer data)
{
  g_autoptr (LoketIntakeForm) form = new_form (f, AKAD, "surat", 0);
  g_autofree char *pdf = write_file (f, "spp.pdf", NULL, 5000);
  g_autoptr (LoketAttachment) a = add_file (f, pdf, 0, NULL);
  g_autoptr (GPtrArray) drafts = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *loaded = NULL;
  g_autofree char *uuid = NULL;
  LoketDraftInfo  *info;

  loket_intake_form_set_subject (form, "Rekomendasi AKAD");
  g_assert_true (loket_intake_form_add_attachment (form, "r1", a, NULL));
  json = loket_intake_form_to_json (form);
  g_assert_true (loket_store_save_draft (f->store, loket_intake_form_get_draft_id (form), json, &error));
  g_assert_true (loket_store_save_draft (f->store, loket_intake_form_get_draft_id (form), json, &error));
  g_assert_false (loket_store_save_draft (f->store, "x", "[1]", &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);

  reopen (f);
  drafts = loket_store_list_drafts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  info = g_ptr_array_index (drafts, 0);
  g_assert_cmpstr (info->id, ==, loket_intake_form_get_draft_id (form));
  g_assert_cmpstr (info->service_id, ==, AKAD);
  g_assert_cmpstr (info->subject, ==, "Rekomendasi AKAD");
  g_assert_cmpstr (info->party_name, ==, "Maria Bunga");
  g_assert_cmpuint (info->n_attachments, ==, 1);
  loaded = loket_store_load_draft (f->store, info->id, &error);
  g_assert_cmpstr (loaded, ==, json);

  /* Registering deletes the form's draft in the same transaction. */
  uuid = register_ok (f, form, LOKET_INTAKE_REGISTER, NULL);
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = loket_store_list_drafts (f->store, NULL);
  g_assert_cmpuint (drafts->len, ==, 0);
  g_clear_pointer (&loaded, g_free);
  loaded = loket_store_load_draft (f->store, loket_intake_form_get_draft_id (form), &error);
  g_assert_null (loaded);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  g_assert_true (loket_store_delete_draft (f->store, "nothing", NULL));
}

/* ---- Async -------------------------------------------------------------------------------- */

typedef struct
{
  GAsyncResult *result;
} Waiter;

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ((Waiter *) user_data)->result = g_object_ref (result);
}

static gboolean
done (gpointer data)
{
  return ((Waiter *) data)->result != NULL;
}

static void
test_async (Fixture *f, gconstpointer data)
{
  g_autoptr (LoketIntakeForm) form = new_form (f, AKAD, "surat", 0);
  g_autofree char *pdf = write_file (f, "a.pdf", NULL, 1000);
  g_autoptr (GFile) file = g_file_new_for_path (pdf);
  g_autoptr (LoketAttachment) a = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *agenda = NULL;
  Waiter w = { NULL };

  loket_store_add_blob_from_file_async (f->store, file, 0, NULL, done_cb, &w);
  g_assert_true (loket_test_wait_until (done, &w, 10000));
  a = loket_store_add_blob_from_file_finish (f->store, w.result, &error);
  g_assert_no_error (error);
  g_clear_object (&w.result);
  g_assert_true (loket_intake_form_add_attachment (form, "r1", a, NULL));

  loket_store_register_case_async (f->store, form, NULL, OFFICER, LOKET_INTAKE_REGISTER, NULL,
                                   done_cb, &w);
  g_assert_true (loket_test_wait_until (done, &w, 10000));
  g_assert_true (loket_store_register_case_finish (f->store, w.result, &uuid, &agenda, &error));
  g_assert_no_error (error);
  g_assert_nonnull (uuid);
  g_clear_object (&w.result);

  loket_store_declare_complete_async (f->store, uuid, OFFICER, 0, NULL, done_cb, &w);
  g_assert_true (loket_test_wait_until (done, &w, 10000));
  g_assert_false (loket_store_case_action_finish (f->store, w.result, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_clear_object (&w.result);

  loket_store_save_draft_async (f->store, "d1", "{\"service\":\"" AKAD "\"}", NULL, done_cb, &w);
  g_assert_true (loket_test_wait_until (done, &w, 10000));
  g_assert_true (loket_store_save_draft_finish (f->store, w.result, &error));
  g_clear_object (&w.result);
  loket_store_list_drafts_async (f->store, NULL, done_cb, &w);
  g_assert_true (loket_test_wait_until (done, &w, 10000));
  {
    g_autoptr (GPtrArray) drafts = loket_store_list_drafts_finish (f->store, w.result, &error);
    g_assert_cmpuint (drafts->len, ==, 1);
  }
  g_clear_object (&w.result);
  loket_store_load_draft_async (f->store, "d1", NULL, done_cb, &w);
  g_assert_true (loket_test_wait_until (done, &w, 10000));
  {
    g_autofree char *json = loket_store_load_draft_finish (f->store, w.result, &error);
    g_assert_cmpstr (json, ==, "{\"service\":\"" AKAD "\"}");
  }
  g_clear_object (&w.result);
  loket_store_delete_draft_async (f->store, "d1", NULL, done_cb, &w);
  g_assert_true (loket_test_wait_until (done, &w, 10000));
  g_assert_true (loket_store_delete_draft_finish (f->store, w.result, &error));
  g_clear_object (&w.result);
  loket_store_load_draft_async (f->store, "d1", NULL, done_cb, &w);
  g_assert_true (loket_test_wait_until (done, &w, 10000));
  g_assert_null (loket_store_load_draft_finish (f->store, w.result, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&w.result);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/loket/store/intake/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("every-service", test_every_service);
  ADD ("sla/holiday-week", test_sla_holiday_week);
  ADD ("sla/per-channel", test_sla_per_channel);
  ADD ("sla/returned-then-complete", test_sla_returned_then_complete);
  ADD ("bad-input", test_bad_input);
  ADD ("bad-files", test_bad_files);
  ADD ("blob-from-file", test_blob_from_file);
  ADD ("import-leftovers", test_import_leftovers);
  ADD ("case-actions", test_case_actions);
  ADD ("agenda/two-devices", test_agenda_two_devices);
  ADD ("drafts", test_drafts);
  ADD ("async", test_async);
#undef ADD
  return g_test_run ();
}
