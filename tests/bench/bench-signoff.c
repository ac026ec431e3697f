// SPDX-License-Identifier: GPL-3.0-or-later
// Batch signing benchmark (issue 6): 20 approved drafts signed in one batch with one PKCS#12
// signer — render, PAdES, blob, letter.signed + hand-over, number — on a real SQLite store.
// Prints figures next to the target; never fails on speed.
#include "config.h"

#include "bench-fixture.h"
#include "loket-signer-pkcs12.h"
#include "loket-signoff.h"
#include "loket-store-numbering.h"
#include "pades-fixture.h"
#include "signoff-test-util.h"
#include "store-test-fixture.h"

#define N_LETTERS 20

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPkcs12Signer) signer = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autoptr (GDateTime) today = g_date_time_new_now_utc ();
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) drafts = g_ptr_array_new_with_free_func (g_free);
  PadesFixture *pki = pades_fixture_new ();
  Fixture       f = { 0 };
  double        prepare_s, sign_s;
  guint         n_ok = 0;

  fixture_set_up (&f, NULL);
  signer = loket_pkcs12_signer_new (pki->signer_p12, "rahasia", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_LETTERS; i++)
    {
      g_autofree char *agenda = g_strdup_printf ("%03u/BENCH/2026", i + 1);
      char            *draft = NULL;

      g_ptr_array_add (cases, signoff_test_prepare (f.store, agenda, TRUE, &draft));
      g_ptr_array_add (drafts, draft);
    }
  g_ptr_array_add (cases, NULL);
  g_ptr_array_add (drafts, NULL);
  prepare_s = g_timer_elapsed (timer, NULL);
  g_assert_true (loket_store_add_number_lease (
    f.store, "kopnakertrans-ntt", "surat-keluar", g_date_time_get_year (today), 1, 1000, NULL,
    g_get_real_time () / G_USEC_PER_SEC + 86400, 0, &error));
  g_assert_no_error (error);

  g_timer_start (timer);
  results = loket_signoff_sign_drafts (
    f.store, LOKET_SIGNER (signer), SIGNOFF_P_KADIS, NULL, (const char *const *) cases->pdata,
    (const char *const *) drafts->pdata, 0, NULL, NULL, NULL, &error);
  sign_s = g_timer_elapsed (timer, NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    n_ok += ((LoketSignoffResult *) g_ptr_array_index (results, i))->ok;
  g_assert_cmpuint (n_ok, ==, N_LETTERS);

  loket_bench_row ("sign-off: prepare 20 approved drafts (setup)", prepare_s, "s", "-");
  loket_bench_row ("sign-off: batch-sign 20 letters (one PIN)", sign_s, "s", "<= 2 s");
  loket_bench_row ("sign-off: per letter (render+sign+store+number)", sign_s * 1000 / N_LETTERS,
                   "ms", "-");

  fixture_tear_down (&f, NULL);
  pades_fixture_free (pki);
  return 0;
}
