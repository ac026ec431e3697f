// SPDX-License-Identifier: GPL-3.0-or-later
// Sign-off end to end on a real SQLite store: a batch of approved drafts signed with one
// PKCS#12 signer; each signed PDF is stored, passes pdfsig and carries the letter id in its QR
// code; numbers come from the leased block (then "pending" once it is used up); a draft that is not
// approved fails alone and nothing is recorded for it.
#include "config.h"

#include <string.h>

#include "loket-error.h"
#include "loket-letter-pdf-id.h"
#include "loket-signer-pkcs11.h"
#include "loket-signer-pkcs12.h"
#include "loket-signoff.h"
#include "loket-store-numbering.h"
#include "pades-fixture.h"
#include "signoff-test-util.h"
#include "store-test-fixture.h"

typedef struct
{
  Fixture       store;
  PadesFixture *pki;
  LoketSigner  *signer;
} SignFixture;

static void
sign_set_up (SignFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture_set_up (&f->store, data);
  f->pki = pades_fixture_new ();
  f->signer = LOKET_SIGNER (loket_pkcs12_signer_new (f->pki->signer_p12, "rahasia", &error));
  g_assert_no_error (error);
}

static void
sign_tear_down (SignFixture *f, gconstpointer data)
{
  g_clear_object (&f->signer);
  pades_fixture_free (f->pki);
  fixture_tear_down (&f->store, data);
}

static void
progress_cb (guint done, guint total, gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, ==, *calls + 1);
  g_assert_cmpuint (total, ==, 4);
  (*calls)++;
}

static void
test_batch (SignFixture *f, gconstpointer data)
{
  LoketStore *store = f->store.store;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GPtrArray) queue = NULL;
  g_autofree char *d[4] = { NULL };
  g_autofree char *c0 = NULL, *c1 = NULL, *c2 = NULL, *c3 = NULL;
  gint64           now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr (GDateTime) today = g_date_time_new_now_utc ();
  guint      calls = 0;
  GPtrArray *case_uuids = g_ptr_array_new ();
  GPtrArray *draft_ids = g_ptr_array_new ();

  c0 = signoff_test_prepare (store, "001/SO/2026", TRUE, &d[0]);
  c1 = signoff_test_prepare (store, "002/SO/2026", TRUE, &d[1]);
  c2 = signoff_test_prepare (store, "003/SO/2026", FALSE, &d[2]); /* not even submitted */
  c3 = signoff_test_prepare (store, "004/SO/2026", TRUE, &d[3]);
  queue
    = loket_store_list_draft_queue (store, SIGNOFF_P_KADIS, LOKET_DRAFT_QUEUE_SIGNATURE, 0, &error);
  g_assert_cmpuint (queue->len, ==, 3);

  /* Two numbers leased: the third signed letter stays pending a number. */
  g_assert_true (loket_store_add_number_lease (store, "kopnakertrans-ntt", "surat-keluar",
                                               g_date_time_get_year (today), 41, 42, NULL,
                                               now + 30 * 86400, 0, &error));
  g_assert_no_error (error);

  g_ptr_array_add (case_uuids, c0), g_ptr_array_add (draft_ids, d[0]);
  g_ptr_array_add (case_uuids, c1), g_ptr_array_add (draft_ids, d[1]);
  g_ptr_array_add (case_uuids, c2), g_ptr_array_add (draft_ids, d[2]);
  g_ptr_array_add (case_uuids, c3), g_ptr_array_add (draft_ids, d[3]);
  g_ptr_array_add (case_uuids, NULL), g_ptr_array_add (draft_ids, NULL);
  results = loket_signoff_sign_drafts (
    store, f->signer, SIGNOFF_P_KADIS, NULL, (const char *const *) case_uuids->pdata,
    (const char *const *) draft_ids->pdata, 0, progress_cb, &calls, NULL, &error);
  g_ptr_array_unref (case_uuids);
  g_ptr_array_unref (draft_ids);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 4);
  g_assert_cmpuint (calls, ==, 4);

  for (guint i = 0; i < results->len; i++)
    {
      LoketSignoffResult *r = g_ptr_array_index (results, i);
      g_autoptr (GBytes) pdf = NULL;
      g_autoptr (LoketCase) kase = NULL;
      g_autofree char *path = NULL;
      g_autofree char *report = NULL;
      g_autofree char *qr_id = NULL;

      if (i == 2)
        {
          g_assert_false (r->ok);
          g_assert_error (r->error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
          kase = loket_store_get_case (store, r->case_uuid, &error);
          g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_DRAFTING);
          continue;
        }
      g_assert_no_error (r->error);
      g_assert_true (r->ok);
      g_assert_nonnull (r->handover_id);
      if (i < 2)
        g_assert_true (g_str_has_prefix (r->number, i == 0 ? "500.15.2/41/" : "500.15.2/42/"));
      else
        g_assert_null (r->number); /* signed, pending number */

      pdf = loket_store_read_blob (store, r->sha256, &error);
      g_assert_no_error (error);
      qr_id = loket_letter_id_from_pdf (pdf);
      g_assert_cmpstr (qr_id, ==, r->letter_id);
      path = g_strdup_printf ("%s/signed-%u.pdf", f->pki->dir, i);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                          (gssize) g_bytes_get_size (pdf), &error));
      g_assert_cmpint (loket_test_run_tool (&report, "pdfsig", path, NULL), ==, 0);
      g_assert_nonnull (strstr (report, "Signature is Valid."));
      g_assert_nonnull (strstr (report, "Total document signed"));
      /* The number is drawn before the letter is rendered: the signed page carries it. */
      {
        g_autofree char *text = NULL;

        g_assert_cmpint (loket_test_run_tool (&text, "pdftotext", "-layout", path, "-", NULL), ==, 0);
        if (r->number != NULL)
          g_assert_nonnull (strstr (text, r->number));
        else
          g_assert_nonnull (strstr (text, "…/…/"));
      }

      kase = loket_store_get_case (store, r->case_uuid, &error);
      g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_SIGNED);
      g_assert_cmpstr (loket_case_get_holder (kase), ==, SIGNOFF_AG "pencatat-surat");
    }
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue
    = loket_store_list_draft_queue (store, SIGNOFF_P_KADIS, LOKET_DRAFT_QUEUE_SIGNATURE, 0, &error);
  g_assert_cmpuint (queue->len, ==, 0);
  assert_check_clean (store);
}

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_plh_signs_async (SignFixture *f, gconstpointer data)
{
  LoketStore *store = f->store.store;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStandIn) plh = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autofree char    *draft = NULL;
  g_autofree char    *kase = signoff_test_prepare (store, "005/SO/2026", TRUE, &draft);
  const char         *cases[] = { kase, NULL };
  const char         *drafts[] = { draft, NULL };
  gint64              now = g_get_real_time () / G_USEC_PER_SEC;
  LoketSignoffResult *r;
  gboolean            found = FALSE;

  plh = loket_stand_in_new (SIGNOFF_AG "p-sekretaris", SIGNOFF_AG "kadis", LOKET_STAND_IN_PLH,
                            now - 60, now + 86400);
  g_assert_true (loket_store_add_stand_in (store, plh, &error));
  g_assert_no_error (error);

  loket_signoff_sign_drafts_async (store, f->signer, SIGNOFF_AG "p-sekretaris", NULL, cases, drafts,
                                   NULL, NULL, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  results = loket_signoff_sign_drafts_finish (result, &error);
  g_assert_no_error (error);
  r = g_ptr_array_index (results, 0);
  g_assert_no_error (r->error);
  g_assert_true (r->ok);

  events = loket_store_get_case_events (store, kase, &error);
  for (guint i = 0; i < events->len; i++)
    {
      LoketEvent *e = g_ptr_array_index (events, i);

      if (g_str_equal (loket_event_get_event_type (e), LOKET_EVENT_LETTER_SIGNED))
        {
          g_assert_nonnull (strstr (loket_event_get_body (e), "\"delegation\":\"Plh.\""));
          found = TRUE;
        }
    }
  g_assert_true (found);
}

/* The same batch with the key on a PKCS#11 token (SoftHSM2): one login for every letter. */
static void
test_pkcs11_batch (SignFixture *f, gconstpointer data)
{
  LoketStore *store = f->store.store;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPkcs11Signer) token = NULL;
  g_autoptr (GPtrArray) results = NULL;
  g_autofree char *d1 = NULL, *d2 = NULL;
  g_autofree char *c1 = NULL, *c2 = NULL;
  const char      *cases[3], *drafts[3];

  if (!pades_fixture_softhsm (f->pki))
    {
      g_test_skip ("softhsm2-util or p11tool missing");
      return;
    }
  g_assert_null (
    loket_pkcs11_signer_new ("pkcs11:token=loket-uji;object=penandatangan", "9999", &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN);
  g_clear_error (&error);
  token = loket_pkcs11_signer_new ("pkcs11:token=loket-uji;object=penandatangan", "1234", &error);
  g_assert_no_error (error);

  c1 = signoff_test_prepare (store, "011/SO/2026", TRUE, &d1);
  c2 = signoff_test_prepare (store, "012/SO/2026", TRUE, &d2);
  cases[0] = c1, cases[1] = c2, cases[2] = NULL;
  drafts[0] = d1, drafts[1] = d2, drafts[2] = NULL;
  results = loket_signoff_sign_drafts (store, LOKET_SIGNER (token), SIGNOFF_P_KADIS, NULL, cases,
                                       drafts, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      LoketSignoffResult *r = g_ptr_array_index (results, i);
      g_autoptr (GBytes) pdf = NULL;
      g_autofree char *path = g_strdup_printf ("%s/hsm-%u.pdf", f->pki->dir, i);
      g_autofree char *report = NULL;

      g_assert_no_error (r->error);
      g_assert_true (r->ok);
      pdf = loket_store_read_blob (store, r->sha256, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                          (gssize) g_bytes_get_size (pdf), &error));
      g_assert_cmpint (loket_test_run_tool (&report, "pdfsig", path, NULL), ==, 0);
      g_assert_nonnull (strstr (report, "Signature is Valid."));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/loket/signoff/batch", SignFixture, NULL, sign_set_up, test_batch, sign_tear_down);
  g_test_add ("/loket/signoff/pkcs11-batch", SignFixture, NULL, sign_set_up, test_pkcs11_batch,
              sign_tear_down);
  g_test_add ("/loket/signoff/plh-async", SignFixture, NULL, sign_set_up, test_plh_signs_async,
              sign_tear_down);
  return g_test_run ();
}
