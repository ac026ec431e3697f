// SPDX-License-Identifier: GPL-3.0-or-later
// Letter numbering: register templates, leases, allocation, yearly reset, exhausted blocks.
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "loket-error.h"
#include "loket-store-numbering.h"
#include "loket-test-utils.h"
#include "store-test-fixture.h"

/* 2026-12-31 23:59 WITA and 2027-01-01 00:01 WITA (UTC+8). */
#define NEW_YEARS_EVE ((gint64) 1798732740)
#define NEW_YEAR ((gint64) 1798732860)

static const LoketNumberRegister *
default_register (const char *agency, const char *id)
{
  static GPtrArray *registers = NULL;
  g_autoptr (GError) error = NULL;

  if (registers == NULL)
    registers = loket_number_registers_new_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (loket_number_registers_lookup (registers, agency, id));
  return loket_number_registers_lookup (registers, agency, id);
}

static void
test_template_check (void)
{
  const char *good[] = { "{klasifikasi}/{urut}/{unit}/{tahun}", "188.48/{urut}/KTKT 1.3",
                         "{urut:3}/{bulan_romawi}/{bulan}/{tahun}" };
  const char *bad[]
    = { "",         "{klasifikasi}/{unit}", "{urut}/{urut}", "{urut}/{nomor}", "{urut", "urut}/x",
        "{urut:0}", "{urut}/{{tahun}}",     "{urut}\n" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (loket_number_template_check (good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (loket_number_template_check (bad[i], &error));
      g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
    }
}

static void
test_format (void)
{
  LoketNumberRegister reg
    = { "a", "r", "R", "{klasifikasi}/{urut}/{unit}/{tahun}", "500.15.2", "Disnakertrans" };
  LoketNumberRegister sk = { "a", "sk", "SK", "188.48/{urut}/KTKT 1.3", NULL, NULL };
  LoketNumberRegister roman
    = { "a", "m", "M", "{klasifikasi}/{urut:3}/{unit}/{bulan_romawi}/{tahun}", NULL, "TGR" };
  g_autoptr (GError) error = NULL;
  g_autofree char *a = loket_number_register_format (&reg, 123, 2026, 5, NULL, &error);
  g_autofree char *b = loket_number_register_format (&sk, 110, 2026, 5, NULL, &error);
  g_autofree char *c = loket_number_register_format (&roman, 7, 2021, 7, "140", &error);
  g_autofree char *d = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "500.15.2/123/Disnakertrans/2026");
  g_assert_cmpstr (b, ==, "188.48/110/KTKT 1.3");
  g_assert_cmpstr (c, ==, "140/007/TGR/VII/2021");

  /* a letter may give its own klasifikasi; it must be a KKA code */
  d = loket_number_register_format (&reg, 1, 2026, 1, "800.1.11.1", &error);
  g_assert_cmpstr (d, ==, "800.1.11.1/1/Disnakertrans/2026");
  g_assert_null (loket_number_register_format (&reg, 1, 2026, 1, "500..1", &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  /* the template needs a klasifikasi the register does not have */
  g_assert_null (loket_number_register_format (&roman, 1, 2026, 1, NULL, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "{klasifikasi}"));
}

static void
test_registers_file (void)
{
  const char *bad[] = {
    "[]",
    "{\"registers\": [{\"agency\": \"a\", \"id\": \"r\"}]}",
    "{\"registers\": [{\"agency\": \"a\", \"id\": \"r\", \"template\": \"{tahun}\"}]}",
    "{\"registers\": [{\"agency\": \"a\", \"id\": \"r\", \"template\": \"{urut}\"},"
    " {\"agency\": \"a\", \"id\": \"r\", \"template\": \"x/{urut}\"}]}",
    "{\"registers\": [{\"agency\": \"a\", \"id\": \"r\", \"template\": \"{urut}\","
    " \"klasifikasi\": \"abc\"}]}",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) defaults = loket_number_registers_new_default (&error);

  g_assert_no_error (error);
  g_assert_cmpuint (defaults->len, >=, 2);
  g_assert_nonnull (loket_number_registers_lookup (defaults, "kopnakertrans-ntt", "keputusan"));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GPtrArray) regs = loket_number_registers_load_json (bad[i], -1, &error);

      g_assert_null (regs);
      g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
}

static guint
count_events (Fixture *f, const char *case_uuid, const char *type)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = loket_store_get_case_events (f->store, case_uuid, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    if (g_str_equal (loket_event_get_event_type (events->pdata[i]), type))
      n++;
  return n;
}

static LoketLetterNumber *
number (Fixture                   *f,
        const char                *case_uuid,
        const LoketNumberRegister *reg,
        gint64                     at,
        GError                   **error)
{
  g_autofree char *letter = g_uuid_string_random ();

  return loket_store_number_letter (f->store, case_uuid, letter, reg, NULL, "tu", at, error);
}

static void
test_no_lease (Fixture *f, gconstpointer data)
{
  const LoketNumberRegister *reg = default_register ("kopnakertrans-ntt", "surat-keluar");
  g_autoptr (GPtrArray) events = append_case (f, "1/K/2026", "A", "5301010101900001", T0, 6);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetterNumber) n = number (f, case_of (events), reg, T0, &error);

  g_assert_null (n);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "pending"));
  g_assert_cmpuint (count_events (f, case_of (events), LOKET_EVENT_LETTER_NUMBERED), ==, 0);
  g_assert_cmpuint (count_events (f, case_of (events), LOKET_EVENT_CASE_REGISTERED), ==, 1);
}

static void
test_lease_rules (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) leases = NULL;
  gint64 later = T0 + 365 * 86400;

  g_assert_true (loket_store_add_number_lease (f->store, "kopnakertrans-ntt", "keputusan", 2026, 1,
                                               100, NULL, later, T0, &error));
  g_assert_no_error (error);
  /* overlapping another block of the same register and year */
  g_assert_false (loket_store_add_number_lease (f->store, "kopnakertrans-ntt", "keputusan", 2026,
                                                100, 200, "other-device", later, T0, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);
  /* same numbers in another register or year are fine */
  g_assert_true (loket_store_add_number_lease (f->store, "kopnakertrans-ntt", "surat-keluar", 2026,
                                               1, 100, NULL, later, T0, &error));
  g_assert_true (loket_store_add_number_lease (f->store, "kopnakertrans-ntt", "keputusan", 2027, 1,
                                               100, NULL, later, T0, &error));
  g_assert_no_error (error);
  g_assert_false (loket_store_add_number_lease (f->store, "kopnakertrans-ntt", "keputusan", 2026,
                                                300, 200, NULL, later, T0, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (loket_store_add_number_lease (f->store, "kopnakertrans-ntt", "keputusan", 2026,
                                                300, 400, NULL, T0 - 1, T0, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  leases = loket_store_list_number_leases (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (leases->len, ==, 3);
}

static void
test_allocate_and_event (Fixture *f, gconstpointer data)
{
  const LoketNumberRegister *reg = default_register ("kopnakertrans-ntt", "surat-keluar");
  g_autoptr (GPtrArray) events = append_case (f, "1/K/2026", "A", "5301010101900001", T0, 6);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetterNumber) a = NULL;
  g_autoptr (LoketLetterNumber) again = NULL;
  g_autoptr (LoketLetterNumber) found = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (JsonObject) body = NULL;
  LoketEvent *last;

  /* a block of another device is not ours to use */
  g_assert_true (loket_store_add_number_lease (f->store, reg->agency_id, reg->id, 2026, 1, 99,
                                               "another-device", T0 + 86400, T0, &error));
  g_assert_true (loket_store_add_number_lease (f->store, reg->agency_id, reg->id, 2026, 123, 130,
                                               NULL, T0 + 86400, T0, &error));
  g_assert_no_error (error);
  a = loket_store_number_letter (f->store, case_of (events), "letter-1", reg, NULL, "tu", T0,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->number, ==, "500.15.2/123/Disnakertrans/2026");
  g_assert_cmpint (a->urut, ==, 123);
  g_assert_cmpint (a->year, ==, 2026);

  /* numbering the same letter again gives the same number and writes nothing */
  again = loket_store_number_letter (f->store, case_of (events), "letter-1", reg, NULL, "tu",
                                     T0 + 60, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->number, ==, a->number);
  g_assert_cmpuint (count_events (f, case_of (events), LOKET_EVENT_LETTER_NUMBERED), ==, 1);

  stored = loket_store_get_case_events (f->store, case_of (events), &error);
  last = stored->pdata[stored->len - 1];
  g_assert_cmpstr (loket_event_get_event_type (last), ==, LOKET_EVENT_LETTER_NUMBERED);
  body = loket_event_parse_body (last, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (body, "letter_id"), ==, "letter-1");
  g_assert_cmpstr (json_object_get_string_member (body, "register"), ==, "surat-keluar");
  g_assert_cmpstr (json_object_get_string_member (body, "number"), ==, a->number);

  found = loket_store_lookup_letter_number (f->store, "letter-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->case_uuid, ==, case_of (events));
  g_assert_null (loket_store_lookup_letter_number (f->store, "no-such-letter", &error));
  g_assert_no_error (error);
  assert_check_clean (f->store);
}

static void
test_year_rollover (Fixture *f, gconstpointer data)
{
  const LoketNumberRegister *reg = default_register ("kopnakertrans-ntt", "surat-keluar");
  g_autoptr (GPtrArray) events = append_case (f, "1/K/2026", "A", "5301010101900001", T0, 6);
  g_autoptr (GError) error = NULL;
  gint64 expires = NEW_YEAR + 365 * 86400;

  g_assert_true (loket_store_add_number_lease (f->store, reg->agency_id, reg->id, 2026, 1, 50, NULL,
                                               expires, T0, &error));
  g_assert_true (loket_store_add_number_lease (f->store, reg->agency_id, reg->id, 2027, 1, 50, NULL,
                                               expires, T0, &error));
  g_assert_no_error (error);
  for (gint64 i = 1; i <= 3; i++)
    {
      g_autoptr (LoketLetterNumber) n = number (f, case_of (events), reg, NEW_YEARS_EVE, &error);
      g_autofree char *expected
        = g_strdup_printf ("500.15.2/%" G_GINT64_FORMAT "/Disnakertrans/2026", i);

      g_assert_no_error (error);
      g_assert_cmpint (n->year, ==, 2026);
      g_assert_cmpstr (n->number, ==, expected);
    }
  /* two minutes later it is 1 January in Kupang (still 31 December in UTC): urut restarts */
  {
    g_autoptr (LoketLetterNumber) n = number (f, case_of (events), reg, NEW_YEAR, &error);
    g_autoptr (LoketLetterNumber) m = number (f, case_of (events), reg, NEW_YEAR, &error);

    g_assert_no_error (error);
    g_assert_cmpint (n->year, ==, 2027);
    g_assert_cmpint (n->urut, ==, 1);
    g_assert_cmpstr (n->number, ==, "500.15.2/1/Disnakertrans/2027");
    g_assert_cmpstr (m->number, ==, "500.15.2/2/Disnakertrans/2027");
  }
  /* a late 2026 letter (numbered with its 2026 time) continues the 2026 sequence */
  {
    g_autoptr (LoketLetterNumber) n = number (f, case_of (events), reg, NEW_YEARS_EVE, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (n->number, ==, "500.15.2/4/Disnakertrans/2026");
  }
}

static void
test_exhausted (Fixture *f, gconstpointer data)
{
  const LoketNumberRegister *reg = default_register ("kopnakertrans-ntt", "keputusan");
  g_autoptr (GPtrArray) events = append_case (f, "1/K/2026", "A", "5301010101900001", T0, 6);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetterNumber) a = NULL;
  g_autoptr (LoketLetterNumber) b = NULL;
  g_autoptr (LoketLetterNumber) c = NULL;
  g_autoptr (LoketLetterNumber) d = NULL;
  g_autoptr (GPtrArray) leases = NULL;

  g_assert_true (loket_store_add_number_lease (f->store, reg->agency_id, reg->id, 2026, 109, 110,
                                               NULL, T0 + 600, T0, &error));
  a = number (f, case_of (events), reg, T0, &error);
  b = number (f, case_of (events), reg, T0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b->number, ==, "188.48/110/KTKT 1.3");
  c = number (f, case_of (events), reg, T0, &error);
  g_assert_null (c);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "used"));
  g_clear_error (&error);
  g_assert_cmpuint (count_events (f, case_of (events), LOKET_EVENT_LETTER_NUMBERED), ==, 2);

  /* an expired lease no longer serves, even with numbers left */
  g_assert_true (loket_store_add_number_lease (f->store, reg->agency_id, reg->id, 2026, 200, 210,
                                               NULL, T0 + 600, T0, &error));
  g_assert_null (number (f, case_of (events), reg, T0 + 601, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);

  /* a new block: numbering goes on from it */
  g_assert_true (loket_store_add_number_lease (f->store, reg->agency_id, reg->id, 2026, 111, 120,
                                               NULL, T0 + 86400, T0, &error));
  d = number (f, case_of (events), reg, T0 + 700, &error);
  g_assert_no_error (error);
  g_assert_cmpint (d->urut, ==, 111);
  leases = loket_store_list_number_leases (f->store, &error);
  g_assert_cmpuint (leases->len, ==, 3);
  g_assert_cmpint (((LoketNumberLease *) leases->pdata[0])->n_used, ==, 2);
  assert_check_clean (f->store);
}

static void
test_wrong_agency (Fixture *f, gconstpointer data)
{
  const LoketNumberRegister *reg = default_register ("dinsos-ntt", "surat-keluar");
  g_autoptr (GPtrArray) events = append_case (f, "1/K/2026", "A", "5301010101900001", T0, 6);
  g_autoptr (GError) error = NULL;

  g_assert_true (loket_store_add_number_lease (f->store, reg->agency_id, reg->id, 2026, 1, 10, NULL,
                                               T0 + 600, T0, &error));
  g_assert_null (number (f, case_of (events), reg, T0, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (number (f, "00000000-0000-4000-8000-000000000000", reg, T0, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
}

/* A letter numbered on another device arrives as an event only: its number is still found. */
static void
test_synced_event (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) events = append_case (f, "1/K/2026", "A", "5301010101900001", T0, 6);
  g_autoptr (GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetterNumber) n = NULL;

  g_ptr_array_add (more,
                   store_test_event (case_of (events), LOKET_EVENT_LETTER_NUMBERED, T0 + 86400, 0,
                                     "{\"letter_id\":\"remote-1\",\"register\":\"keputusan\","
                                     "\"year\":2026,\"urut\":7,"
                                     "\"number\":\"188.48/7/KTKT 1.3\"}"));
  g_assert_true (loket_store_append_events (f->store, more, &error));
  g_assert_no_error (error);
  n = loket_store_lookup_letter_number (f->store, "remote-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (n);
  g_assert_cmpstr (n->number, ==, "188.48/7/KTKT 1.3");
  g_assert_cmpstr (n->case_uuid, ==, case_of (events));
  g_assert_cmpstr (n->agency_id, ==, "kopnakertrans-ntt");
  g_assert_null (loket_store_lookup_letter_number (f->store, "remote", &error));
  g_assert_no_error (error);
}

static char *
query_text (const char *path, const char *sql)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString      *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s%s", c > 0 ? "|" : "",
                                sqlite3_column_type (stmt, c) == SQLITE_NULL
                                  ? "NULL"
                                  : (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* `loket-cli rebuild` makes letter_numbers match the letter.numbered events: a number only an
 * event knows comes back, a row no event backs goes, a local row keeps its lease. */
static void
test_rebuild (Fixture *f, gconstpointer data)
{
  const LoketNumberRegister *reg = default_register ("kopnakertrans-ntt", "keputusan");
  g_autoptr (GPtrArray) events = append_case (f, "1/K/2026", "A", "5301010101900001", T0, 6);
  g_autoptr (GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetterNumber) local = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3         *db = NULL;

  g_assert_true (loket_store_add_number_lease (f->store, reg->agency_id, reg->id, 2026, 5, 9, NULL,
                                               T0 + 600, T0, &error));
  local = loket_store_number_letter (f->store, case_of (events), "local-1", reg, NULL, "tu", T0,
                                     &error);
  g_assert_no_error (error);
  g_ptr_array_add (
    more, store_test_event (case_of (events), LOKET_EVENT_LETTER_NUMBERED, T0 + 86400, 0,
                            "{\"letter_id\":\"remote-1\",\"register\":\"keputusan\","
                            "\"year\":2026,\"urut\":70,\"at\":\"2026-10-02T09:00:00+08:00\","
                            "\"number\":\"188.48/70/KTKT 1.3\"}"));
  g_assert_true (loket_store_append_events (f->store, more, &error));
  g_assert_no_error (error);
  before = query_text (f->path, "SELECT letter_id, urut, lease_id IS NOT NULL FROM letter_numbers "
                                "ORDER BY urut");
  /* a number another device gave (a pulled event) gets its row, without a lease */
  g_assert_cmpstr (before, ==, "local-1|5|1\nremote-1|70|0\n");

  /* a row no event backs, as a hand edit or a half-restored backup leaves it, and a number only
   * an event knows (a database from before the table followed pulled events) */
  loket_store_close (f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
    sqlite3_exec (db,
                  "INSERT INTO letter_numbers VALUES ('kopnakertrans-ntt', "
                  "'keputusan', 2026, 99, '188.48/99/KTKT 1.3', 'ghost', 'x', NULL, 0); "
                  "DELETE FROM letter_numbers WHERE letter_id = 'remote-1'",
                  NULL, NULL, NULL),
    ==, SQLITE_OK);
  sqlite3_close (db);
  reopen (f);
  /* the check names the ghost row and the number only an event knows */
  {
    g_autoptr (LoketStoreCheckReport) report = loket_store_check (f->store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (report->problems->len, ==, 2);
  }

  g_assert_true (loket_store_rebuild_projections (f->store, &error));
  g_assert_no_error (error);
  after = query_text (f->path, "SELECT letter_id, urut, number, lease_id IS NOT NULL, case_uuid, "
                               "numbered_at FROM letter_numbers ORDER BY urut");
  {
    g_autofree char *expected
      = g_strdup_printf ("local-1|5|188.48/5/KTKT 1.3|1|%s|%" G_GINT64_FORMAT "\n"
                         "remote-1|70|188.48/70/KTKT 1.3|0|%s|1790902800\n",
                         case_of (events), T0, case_of (events));

    g_assert_cmpstr (after, ==, expected);
  }
  assert_check_clean (f->store);
}

static void
on_numbered (GObject *source, GAsyncResult *result, gpointer data)
{
  GError **error = ((gpointer *) data)[1];

  *(LoketLetterNumber **) ((gpointer *) data)[0]
    = loket_store_number_letter_finish (LOKET_STORE (source), result, error);
  *(gboolean *) ((gpointer *) data)[2] = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

/* The async variant gives the next number too, and its refusals arrive through the callback. */
static void
test_async (Fixture *f, gconstpointer data)
{
  const LoketNumberRegister *reg = default_register ("kopnakertrans-ntt", "keputusan");
  g_autoptr (GPtrArray) events = append_case (f, "1/K/2026", "A", "5301010101900001", T0, 6);
  g_autoptr (GError) error = NULL;
  LoketLetterNumber *n = NULL;
  gboolean           done = FALSE;
  gpointer           state[3] = { &n, &error, &done };

  loket_store_number_letter_async (f->store, case_of (events), "a-1", reg, NULL, "tu", T0, NULL,
                                   on_numbered, state);
  g_assert_true (loket_test_wait_until (is_true, &done, 10000));
  g_assert_null (n);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (loket_store_add_number_lease (f->store, reg->agency_id, reg->id, 2026, 5, 9, NULL,
                                               T0 + 600, T0, &error));
  done = FALSE;
  loket_store_number_letter_async (f->store, case_of (events), "a-1", reg, NULL, "tu", T0, NULL,
                                   on_numbered, state);
  g_assert_true (loket_test_wait_until (is_true, &done, 10000));
  g_assert_no_error (error);
  g_assert_cmpstr (n->number, ==, "188.48/5/KTKT 1.3");
  loket_letter_number_free (n);
}

/* Which registers sync must lease for (loket-store-leases.c): this device's unused numbers in
 * active leases of the year below the threshold; from 15 December the next year too. */
static guint
count_needs (Fixture *f, gint64 now, const char *register_id, int year, gint64 *n_free)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) needs
    = loket_store_number_lease_needs (f->store, "kopnakertrans-ntt", 10, now, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < needs->len; i++)
    {
      const LoketSyncLeaseNeed *need = g_ptr_array_index (needs, i);

      if (g_str_equal (need->register_id, register_id) && need->year == year)
        {
          n++;
          if (n_free != NULL)
            *n_free = need->n_free;
        }
    }
  return n;
}

static void
test_lease_needs (Fixture *f, gconstpointer data)
{
  const gint64 october = 1790816400;  /* 2026-10-01 09:00 WITA */
  const gint64 december = 1797739200; /* 2026-12-20 12:00 WITA */
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) needs = NULL;
  gint64 n_free = -1;

  /* Nothing leased: both registers of the agency, this year only, none of another agency. */
  needs = loket_store_number_lease_needs (f->store, "kopnakertrans-ntt", 10, october, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (needs->len, ==, 2);
  g_assert_cmpuint (count_needs (f, october, "surat-keluar", 2026, &n_free), ==, 1);
  g_assert_cmpint (n_free, ==, 0);
  g_assert_cmpuint (count_needs (f, october, "keputusan", 2026, NULL), ==, 1);

  /* Enough numbers: no need; a small block: still a need, with its free count. */
  g_assert_true (loket_store_add_number_lease (f->store, "kopnakertrans-ntt", "surat-keluar", 2026,
                                               1, 50, NULL, december + 86400, october, &error));
  g_assert_true (loket_store_add_number_lease (f->store, "kopnakertrans-ntt", "keputusan", 2026, 1,
                                               5, NULL, december + 86400, october, &error));
  /* Another device's block and an expired one do not count. */
  g_assert_true (loket_store_add_number_lease (f->store, "kopnakertrans-ntt", "keputusan", 2026, 6,
                                               100, "other-pc", december + 86400, october,
                                               &error));
  g_assert_true (loket_store_add_number_lease (f->store, "kopnakertrans-ntt", "keputusan", 2026,
                                               101, 200, NULL, october + 60, october, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_needs (f, october + 3600, "surat-keluar", 2026, NULL), ==, 0);
  g_assert_cmpuint (count_needs (f, october + 3600, "keputusan", 2026, &n_free), ==, 1);
  g_assert_cmpint (n_free, ==, 5);
  /* (while the 100-number block was still valid, keputusan had enough) */
  g_assert_cmpuint (count_needs (f, october, "keputusan", 2026, NULL), ==, 0);

  /* Late December: the next year's registers are leased ahead, as numbers restart. */
  g_assert_cmpuint (count_needs (f, december, "surat-keluar", 2026, NULL), ==, 0);
  g_assert_cmpuint (count_needs (f, december, "surat-keluar", 2027, NULL), ==, 1);
  g_assert_cmpuint (count_needs (f, december, "keputusan", 2027, NULL), ==, 1);
  g_assert_cmpuint (count_needs (f, october, "surat-keluar", 2027, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loket/numbering/template/check", test_template_check);
  g_test_add_func ("/loket/numbering/template/format", test_format);
  g_test_add_func ("/loket/numbering/registers/file", test_registers_file);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/loket/numbering/store/no-lease-pending", test_no_lease);
  ADD ("/loket/numbering/store/lease-rules", test_lease_rules);
  ADD ("/loket/numbering/store/allocate-and-event", test_allocate_and_event);
  ADD ("/loket/numbering/store/year-rollover", test_year_rollover);
  ADD ("/loket/numbering/store/exhausted", test_exhausted);
  ADD ("/loket/numbering/store/wrong-agency", test_wrong_agency);
  ADD ("/loket/numbering/store/async", test_async);
  ADD ("/loket/numbering/store/synced-event", test_synced_event);
  ADD ("/loket/numbering/store/rebuild", test_rebuild);
  ADD ("/loket/numbering/store/lease-needs", test_lease_needs);
#undef ADD
  return g_test_run ();
}
