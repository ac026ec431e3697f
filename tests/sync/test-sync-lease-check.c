// SPDX-License-Identifier: GPL-3.0-or-later
// The client's check of a lease the server granted (src/sync/loket-sync-leases.c): a reply for
// another agency, register or year, a block larger than asked, or an expired one is refused.
#include "config.h"

#include <string.h>

#include "loket-error.h"
#include "loket-sync-engine-private.h"

#define NOW ((gint64) 1790816400) /* 2026-10-01 */

static LoketSyncLease *
good_lease (void)
{
  LoketSyncLease *lease = loket_sync_lease_new ();

  lease->agency = g_strdup ("kopnakertrans-ntt");
  lease->register_name = g_strdup ("surat-keluar");
  lease->year = 2026;
  lease->first = 51;
  lease->last = 100;
  lease->expires_at = g_date_time_new_from_unix_utc (NOW + 86400);
  return lease;
}

static void
assert_refused (LoketSyncLease *lease, const char *why)
{
  g_autoptr (GError) error = NULL;
  gint64 expires = -1;

  g_assert_false (_loket_sync_lease_check (lease, "kopnakertrans-ntt", "surat-keluar", 2026, 50,
                                           NOW, &expires, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "surat-keluar"));
  g_assert_nonnull (strstr (error->message, why));
  g_assert_cmpint (expires, ==, -1);
  loket_sync_lease_free (lease);
}

static void
test_accepts_asked_block (void)
{
  g_autoptr (LoketSyncLease) lease = good_lease ();
  g_autoptr (GError) error = NULL;
  gint64 expires = 0;

  g_assert_true (_loket_sync_lease_check (lease, "kopnakertrans-ntt", "surat-keluar", 2026, 50, NOW,
                                          &expires, &error));
  g_assert_no_error (error);
  g_assert_cmpint (expires, ==, NOW + 86400);
}

static void
test_refuses_wrong_replies (void)
{
  LoketSyncLease *lease;

  lease = good_lease ();
  g_free (lease->agency);
  lease->agency = g_strdup ("dinsos-ntt");
  assert_refused (lease, "another agency");

  lease = good_lease ();
  g_free (lease->register_name);
  lease->register_name = g_strdup ("keputusan");
  assert_refused (lease, "another register");

  lease = good_lease ();
  lease->year = 2027;
  assert_refused (lease, "another year");

  lease = good_lease ();
  lease->last = 101; /* 51 numbers for 50 asked */
  assert_refused (lease, "not the block");

  lease = good_lease ();
  lease->first = 0;
  assert_refused (lease, "not the block");

  lease = good_lease ();
  lease->last = 40;
  assert_refused (lease, "not the block");

  lease = good_lease ();
  g_date_time_unref (lease->expires_at);
  lease->expires_at = g_date_time_new_from_unix_utc (NOW);
  assert_refused (lease, "expired");
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/lease-check/accepts", test_accepts_asked_block);
  g_test_add_func ("/sync/lease-check/refuses", test_refuses_wrong_replies);
  return g_test_run ();
}
