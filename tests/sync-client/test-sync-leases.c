// SPDX-License-Identifier: GPL-3.0-or-later
// Offline numbering with server leases (DESIGN.md §8, issue 7): real PostgreSQL, a real
// loket-server, real `loket-cli sync` processes and SQLite replicas. Each PC gets its own block
// of numbers during sync, numbers letters offline, and no number is ever issued twice.
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "loket-store-numbering.h"
#include "sync-fixture.h"

#define PERSON "kopnakertrans-ntt/kadis"

static const LoketNumberRegister *
surat_keluar (GPtrArray *registers)
{
  const LoketNumberRegister *reg
    = loket_number_registers_lookup (registers, SYNC_AGENCY, "surat-keluar");

  g_assert_nonnull (reg);
  return reg;
}

static int
this_year (void)
{
  g_autoptr (GTimeZone) wita = g_time_zone_new_identifier ("+08:00");
  g_autoptr (GDateTime) now = g_date_time_new_now (wita);

  return g_date_time_get_year (now);
}

static GPtrArray *
leases_of (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = sync_open_store (db);
  GPtrArray *leases = loket_store_list_number_leases (store, &error);

  g_assert_no_error (error);
  loket_store_close (store);
  return leases;
}

static char *
device_of (const char *db)
{
  g_autoptr (LoketStore) store = sync_open_store (db);
  char *device = g_strdup (loket_store_get_device_id (store));

  loket_store_close (store);
  return device;
}

static void
sync_ok (SyncCluster *c, const char *db, const char *user, char **output)
{
  g_autofree char *out = NULL;

  if (!sync_run_cli (c, db, c->url, user, &out))
    g_error ("sync of %s failed: %s", db, out);
  if (output != NULL)
    *output = g_steal_pointer (&out);
}

/* Numbers @n letters of @case_uuid offline; returns their numbers. */
static void
number_offline (const char *db, const char *case_uuid, guint n, GPtrArray *numbers)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = sync_open_store (db);
  g_autoptr (GPtrArray) registers = loket_number_registers_new_default (&error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *letter_id = g_uuid_string_random ();
      g_autoptr (LoketLetterNumber) number = loket_store_number_letter (
        store, case_uuid, letter_id, surat_keluar (registers), NULL, PERSON, 0, &error);

      g_assert_no_error (error);
      g_assert_nonnull (number);
      g_ptr_array_add (numbers, g_strdup (number->number));
    }
  loket_store_close (store);
}

/* Every `letter.numbered` event of a replica: number → letter id. */
static GHashTable *
numbered_events (const char *db)
{
  GHashTable   *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3      *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db, &sql, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (sql,
                                       "SELECT json_extract(body, '$.number'), "
                                       "json_extract(body, '$.letter_id') FROM events "
                                       "WHERE type = 'letter.numbered'",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *number = (const char *) sqlite3_column_text (stmt, 0);

      /* A number given twice would be a collision here. */
      g_assert_false (g_hash_table_contains (out, number));
      g_hash_table_insert (out, g_strdup (number),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (sql);
  return out;
}

static char *
new_case_on (const char *db)
{
  g_autofree char *device = device_of (db);
  char            *case_uuid = NULL;
  g_autoptr (GPtrArray) events
    = sync_new_case (PERSON, device, g_get_real_time () / 1000 - 3600 * 1000, &case_uuid);

  sync_append (db, events);
  return case_uuid;
}

/* Two PCs each get a disjoint block, number offline, sync, and every number is unique. */
static void
test_two_pcs (void)
{
  g_autoptr (SyncCluster) c = sync_cluster_start ();
  g_autofree char *db_a = g_build_filename (c->dir, "pc-a.db", NULL);
  g_autofree char *db_b = g_build_filename (c->dir, "pc-b.db", NULL);
  g_autofree char *case_a = new_case_on (db_a);
  g_autofree char *case_b = new_case_on (db_b);
  g_autofree char *device_a = device_of (db_a);
  g_autofree char *device_b = device_of (db_b);
  g_autofree char *out = NULL;
  g_autoptr (GPtrArray) leases_a = NULL;
  g_autoptr (GPtrArray) leases_b = NULL;
  g_autoptr (GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) unique = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) on_a = NULL;
  g_autoptr (GHashTable) on_b = NULL;
  const int year = this_year ();

  sync_ok (c, db_a, "kadis", &out);
  g_assert_nonnull (strstr (out, "2 blocks leased")); /* surat-keluar and keputusan */
  sync_ok (c, db_b, "staf", NULL);

  leases_a = leases_of (db_a);
  leases_b = leases_of (db_b);
  g_assert_cmpuint (leases_a->len, ==, 2);
  g_assert_cmpuint (leases_b->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const LoketNumberLease *a = g_ptr_array_index (leases_a, i);
      const LoketNumberLease *b = g_ptr_array_index (leases_b, i);

      g_assert_cmpstr (a->agency_id, ==, SYNC_AGENCY);
      g_assert_cmpstr (a->register_id, ==, b->register_id);
      g_assert_cmpint (a->year, ==, year);
      g_assert_cmpint (b->year, ==, year);
      g_assert_cmpstr (a->device, ==, device_a);
      g_assert_cmpstr (b->device, ==, device_b);
      g_assert_cmpint (a->last - a->first + 1, ==, 50);
      g_assert_cmpint (b->last - b->first + 1, ==, 50);
      /* Disjoint. */
      g_assert_true (a->last < b->first || b->last < a->first);
    }

  /* A sync with enough numbers left leases nothing more. */
  g_clear_pointer (&out, g_free);
  sync_ok (c, db_b, "staf", &out);
  g_assert_nonnull (strstr (out, "0 blocks leased"));

  /* Both number offline; A uses 45 of its 50 (below the threshold of 10), B 30. */
  number_offline (db_a, case_a, 45, numbers);
  number_offline (db_b, case_b, 30, numbers);

  /* A's next sync leases a second block for surat-keluar, and numbering goes on past 50. */
  g_clear_pointer (&out, g_free);
  sync_ok (c, db_a, "kadis", &out);
  g_assert_nonnull (strstr (out, "1 blocks leased"));
  g_clear_pointer (&leases_a, g_ptr_array_unref);
  leases_a = leases_of (db_a);
  g_assert_cmpuint (leases_a->len, ==, 3);
  number_offline (db_a, case_a, 10, numbers);

  sync_ok (c, db_b, "staf", NULL);
  sync_ok (c, db_a, "kadis", NULL);
  sync_ok (c, db_b, "staf", NULL);

  for (guint i = 0; i < numbers->len; i++)
    g_assert_true (g_hash_table_add (unique, numbers->pdata[i]));
  g_assert_cmpuint (g_hash_table_size (unique), ==, 85);

  /* Both replicas hold every number, once. */
  on_a = numbered_events (db_a);
  on_b = numbered_events (db_b);
  g_assert_cmpuint (g_hash_table_size (on_a), ==, 85);
  g_assert_cmpuint (g_hash_table_size (on_b), ==, 85);
  for (guint i = 0; i < numbers->len; i++)
    {
      g_assert_true (g_hash_table_contains (on_a, numbers->pdata[i]));
      g_assert_true (g_hash_table_contains (on_b, numbers->pdata[i]));
    }
  g_assert_cmpuint (sync_replica_pending (db_a), ==, 0);
  g_assert_cmpuint (sync_replica_pending (db_b), ==, 0);
  sync_assert_replica_clean (db_a);
  sync_assert_replica_clean (db_b);
}

/* A PC without a lease leaves a signed letter pending; the next sync leases and numbers it. */
static void
test_pending_letter (void)
{
  g_autoptr (SyncCluster) c = sync_cluster_start ();
  g_autofree char *db_a = g_build_filename (c->dir, "pc-a.db", NULL);
  g_autofree char *db_b = g_build_filename (c->dir, "pc-b.db", NULL);
  g_autofree char *case_uuid = new_case_on (db_a);
  g_autofree char *device_a = device_of (db_a);
  g_autofree char *letter_id = g_uuid_string_random ();
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetterNumber) number = NULL;
  g_autoptr (GHashTable) on_b = NULL;
  guint n_numbered = 99;

  /* Signed on PC A while it has no block: pending. */
  {
    g_autoptr (LoketStore) store = sync_open_store (db_a);
    g_autoptr (GBytes) pdf = g_bytes_new_static ("%PDF-1.7 signed letter", 22);
    g_autofree char *sha = loket_store_add_blob (store, pdf, &error);
    g_autofree char *body = NULL;
    g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr (LoketLetterNumber) none = NULL;

    g_assert_no_error (error);
    body = g_strdup_printf ("{\"draft_id\":\"d-1\",\"version\":1,\"letter_id\":\"%s\","
                            "\"sha256\":\"%s\",\"signer\":\"%s\",\"position\":\"kadis\","
                            "\"at\":\"2026-01-01T09:00:00+08:00\"}",
                            letter_id, sha, PERSON);
    g_ptr_array_add (events, sync_event (case_uuid, "letter.signed", PERSON, device_a,
                                         g_get_real_time () / 1000, body));
    g_assert_true (loket_store_append_events (store, events, &error));
    g_assert_no_error (error);
    g_assert_true (loket_store_number_pending_letters (store, 0, &n_numbered, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_numbered, ==, 0);
    none = loket_store_lookup_letter_number (store, letter_id, &error);
    g_assert_no_error (error);
    g_assert_null (none);
    loket_store_close (store);
  }

  sync_ok (c, db_a, "kadis", &out);
  g_assert_nonnull (strstr (out, "1 pending letters numbered"));
  {
    g_autoptr (LoketStore) store = sync_open_store (db_a);

    number = loket_store_lookup_letter_number (store, letter_id, &error);
    g_assert_no_error (error);
    g_assert_nonnull (number);
    g_assert_cmpstr (number->register_id, ==, "surat-keluar");
    g_assert_cmpint (number->urut, >=, 1);
    /* Numbering it again gives nothing new. */
    g_assert_true (loket_store_number_pending_letters (store, 0, &n_numbered, &error));
    g_assert_cmpuint (n_numbered, ==, 0);
    loket_store_close (store);
  }
  /* The number went up in the same round. */
  g_assert_cmpuint (sync_replica_pending (db_a), ==, 0);

  /* Another PC receives the letter and its number and numbers nothing itself. */
  g_clear_pointer (&out, g_free);
  sync_ok (c, db_b, "staf", &out);
  g_assert_nonnull (strstr (out, "0 pending letters numbered"));
  on_b = numbered_events (db_b);
  g_assert_cmpuint (g_hash_table_size (on_b), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (on_b, number->number), ==, letter_id);
  sync_assert_replica_clean (db_a);
  sync_assert_replica_clean (db_b);
}

/* A block from the server that collides with one the PC already has is refused: a clear
 * error, and nothing recorded. */
static void
test_bad_lease_refused (void)
{
  g_autoptr (SyncCluster) c = sync_cluster_start ();
  g_autofree char *db = g_build_filename (c->dir, "pc-a.db", NULL);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) leases = NULL;
  const int year = this_year ();

  {
    g_autoptr (LoketStore) store = sync_open_store (db);

    /* Numbers 1–5 granted here by hand earlier: too few, so sync asks the server for 50, and
     * the server (whose counter starts at 1) answers 1–50. */
    g_assert_true (loket_store_add_number_lease (store, SYNC_AGENCY, "surat-keluar", year, 1, 5,
                                                 NULL, g_get_real_time () / G_USEC_PER_SEC + 86400,
                                                 0, &error));
    g_assert_no_error (error);
    loket_store_close (store);
  }
  g_assert_false (sync_run_cli (c, db, c->url, "kadis", &out));
  g_assert_nonnull (strstr (out, "overlap"));
  leases = leases_of (db);
  for (guint i = 0; i < leases->len; i++)
    {
      const LoketNumberLease *lease = g_ptr_array_index (leases, i);

      /* keputusan may have been leased before; surat-keluar keeps only its own block. */
      if (g_str_equal (lease->register_id, "surat-keluar"))
        {
          g_assert_cmpint (lease->first, ==, 1);
          g_assert_cmpint (lease->last, ==, 5);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/leases/two-pcs", test_two_pcs);
  g_test_add_func ("/sync/leases/pending-letter", test_pending_letter);
  g_test_add_func ("/sync/leases/bad-lease-refused", test_bad_lease_refused);
  return g_test_run ();
}
