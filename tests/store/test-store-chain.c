// SPDX-License-Identifier: GPL-3.0-or-later
// The review chain in the store, on a real SQLite file: submit, paraf in turn, a return with a
// note and a resubmission, comments, the Perlu Paraf / Menunggu Tanda Tangan queues (with a Plh.),
// the signature record with its hand-over step, refusals that write nothing, and a rebuild that
// gives the same queues.
#include "config.h"

#include "loket-error.h"
#include "loket-store-letter-drafts.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include "store-test-fixture.h"

#define AG "kopnakertrans-ntt/"
#define KADIS AG "kadis"
#define KASI AG "kasi-p3tk"
#define STAF AG "p3tk-1"
#define P_KADIS AG "p-kadis"
#define P_SEKRETARIS AG "p-sekretaris"
#define P_KABID AG "p-kabid-ketenagakerjaan"
#define P_KASI AG "p-kasi-p3tk"
#define P_STAF AG "p-p3tk-1"

#define CONTENT "{\"kind\":\"rekomendasi\",\"fields\":{\"hal\":\"Rekomendasi\"}}"

static guint
n_events (Fixture *f, const char *case_uuid)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = loket_store_get_case_events (f->store, case_uuid, &error);

  g_assert_no_error (error);
  return events->len;
}

static guint
queue_len (Fixture *f, const char *person, LoketDraftQueue queue)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = loket_store_list_draft_queue (f->store, person, queue, 0, &error);

  g_assert_no_error (error);
  return items->len;
}

static char *
new_case_with_draft (Fixture *f, const char *agenda, char **draft_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events = append_case (f, agenda, "Budi", "5371010101900001", T0, 2);
  char *kase = g_strdup (case_of (events));

  *draft_id
    = loket_store_create_letter_draft (f->store, kase, P_STAF, STAF, CONTENT, NULL, 0, &error);
  g_assert_no_error (error);
  return kase;
}

#define ASSERT_REFUSED(f, kase, call, code)                                                        \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autoptr (GError) e_ = NULL;                                                                  \
    guint n_ = n_events (f, kase);                                                                 \
    g_assert_false (call);                                                                         \
    g_assert_error (e_, LOKET_ERROR, code);                                                        \
    g_assert_cmpuint (n_events (f, kase), ==, n_);                                                 \
  }                                                                                                \
  G_STMT_END

static LoketDraftRequest *
sign_request (const char *person, const char *draft)
{
  return loket_draft_request_new (LOKET_DRAFT_ACTION_SIGN, person, draft);
}

static char *
add_signed_blob (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = g_bytes_new_static ("%PDF-1.5 signed", 15);
  char *sha = loket_store_add_blob (f->store, pdf, &error);

  g_assert_no_error (error);
  return sha;
}

static void
test_full_chain (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *kase = new_case_with_draft (f, "001/CH/2026", &draft);
  g_autofree char *comment = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *handover = NULL;
  g_autoptr (LoketCommentRequest) c = loket_comment_request_new (P_KASI, "  Perbaiki alamat  ");
  g_autoptr (LoketDraftRequest) sign = NULL;
  g_autoptr (LoketDraftChain) chain = NULL;
  g_autoptr (LoketCase) projected = NULL;
  g_autoptr (GPtrArray) queue = NULL;
  g_autoptr (LoketDispositionLedger) ledger = NULL;
  const LoketDraftState *state;
  guint                  v2;

  g_assert_true (loket_store_submit_draft (f->store, kase, P_STAF, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (queue_len (f, P_KASI, LOKET_DRAFT_QUEUE_PARAF), ==, 1);
  g_assert_cmpuint (queue_len (f, P_KABID, LOKET_DRAFT_QUEUE_PARAF), ==, 0);

  /* Only the next holder of the route can paraf; a refusal writes nothing. */
  ASSERT_REFUSED (f, kase, loket_store_paraf_draft (f->store, kase, P_KABID, draft, 0, &e_),
                  LOKET_ERROR_FORBIDDEN);

  /* A comment anchored to a region of page 1, trimmed. */
  c->draft_id = g_strdup (draft);
  c->rect[0] = 72, c->rect[1] = 144, c->rect[2] = 200, c->rect[3] = 30;
  comment = loket_store_add_comment (f->store, kase, c, &error);
  g_assert_no_error (error);
  queue = loket_store_list_draft_queue (f->store, P_KASI, LOKET_DRAFT_QUEUE_PARAF, 0, &error);
  g_assert_cmpuint (((LoketDraftQueueItem *) queue->pdata[0])->n_comments, ==, 1);
  g_clear_pointer (&queue, g_ptr_array_unref);

  g_assert_true (loket_store_paraf_draft (f->store, kase, P_KASI, draft, 1, &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (f, kase, loket_store_return_draft (f->store, kase, P_KABID, draft, "", NULL, &e_),
                  LOKET_ERROR_INVALID_DATA);
  g_assert_true (
    loket_store_return_draft (f->store, kase, P_KABID, draft, "Dasar hukum kurang", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (
    loket_store_return_draft (f->store, kase, P_KASI, draft, "Perbaiki", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (queue_len (f, P_STAF, LOKET_DRAFT_QUEUE_RETURNED), ==, 1);
  ASSERT_REFUSED (f, kase, loket_store_submit_draft (f->store, kase, P_STAF, draft, &e_),
                  LOKET_ERROR_CONFLICT);

  /* The drafter resolves the comment, revises and resubmits. */
  g_assert_true (loket_store_resolve_comment (f->store, kase, P_STAF, comment, &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (f, kase, loket_store_resolve_comment (f->store, kase, P_STAF, comment, &e_),
                  LOKET_ERROR_CONFLICT);
  v2 = loket_store_revise_letter_draft (f->store, draft, 1, P_STAF, STAF, CONTENT, "Dasar hukum", 0,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (v2, ==, 2);
  g_assert_true (loket_store_submit_draft (f->store, kase, P_STAF, draft, &error));
  g_assert_no_error (error);
  /* A paraf of the stale version 1 is refused. */
  ASSERT_REFUSED (f, kase, loket_store_paraf_draft (f->store, kase, P_KASI, draft, 1, &e_),
                  LOKET_ERROR_CONFLICT);
  g_assert_true (loket_store_paraf_draft (f->store, kase, P_KASI, draft, 2, &error));
  g_assert_true (loket_store_paraf_draft (f->store, kase, P_KABID, draft, 2, &error));
  g_assert_no_error (error);

  /* Signing without every paraf is refused by the engine. */
  sha = add_signed_blob (f);
  sign = sign_request (P_KADIS, draft);
  ASSERT_REFUSED (f, kase,
                  loket_store_record_signature (
                    f->store, kase, sign, "c0ffee00-0000-4000-8000-000000000001", sha, NULL, &e_),
                  LOKET_ERROR_CONFLICT);
  g_assert_cmpuint (queue_len (f, P_KADIS, LOKET_DRAFT_QUEUE_SIGNATURE), ==, 0);
  g_assert_true (loket_store_paraf_draft (f->store, kase, P_SEKRETARIS, draft, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (queue_len (f, P_KADIS, LOKET_DRAFT_QUEUE_SIGNATURE), ==, 1);
  projected = loket_store_get_case (f->store, kase, &error);
  g_assert_cmpint (loket_case_get_status (projected), ==, LOKET_CASE_STATUS_AWAITING_SIGNATURE);
  g_assert_cmpstr (loket_case_get_holder (projected), ==, KADIS);
  g_clear_object (&projected);

  /* Unknown blob, someone else, then the Kepala Dinas. */
  ASSERT_REFUSED (f, kase,
                  loket_store_record_signature (
                    f->store, kase, sign, "c0ffee00-0000-4000-8000-000000000001",
                    "0000000000000000000000000000000000000000000000000000000000000000", NULL, &e_),
                  LOKET_ERROR_NOT_FOUND);
  {
    g_autoptr (LoketDraftRequest) other = sign_request (P_KABID, draft);
    ASSERT_REFUSED (f, kase,
                    loket_store_record_signature (f->store, kase, other,
                                                  "c0ffee00-0000-4000-8000-000000000001", sha, NULL,
                                                  &e_),
                    LOKET_ERROR_FORBIDDEN);
  }
  g_assert_true (loket_store_record_signature (
    f->store, kase, sign, "c0ffee00-0000-4000-8000-000000000001", sha, &handover, &error));
  g_assert_no_error (error);
  g_assert_nonnull (handover);
  g_assert_cmpuint (queue_len (f, P_KADIS, LOKET_DRAFT_QUEUE_SIGNATURE), ==, 0);

  projected = loket_store_get_case (f->store, kase, &error);
  g_assert_cmpint (loket_case_get_status (projected), ==, LOKET_CASE_STATUS_SIGNED);
  g_assert_cmpstr (loket_case_get_holder (projected), ==, AG "pencatat-surat");
  ledger = loket_store_get_disposition_ledger (f->store, kase, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loket_disposition_ledger_lookup (ledger, handover, AG "pencatat-surat"));

  chain = loket_store_get_draft_chain (f->store, kase, &error);
  g_assert_no_error (error);
  state = loket_draft_chain_lookup (chain, draft);
  g_assert_cmpint (state->stage, ==, LOKET_DRAFT_STAGE_SIGNED);
  g_assert_cmpstr (state->signed_sha256, ==, sha);
  g_assert_true (loket_draft_chain_lookup_comment (chain, comment)->resolved);
  g_assert_cmpstr (loket_draft_chain_lookup_comment (chain, comment)->text, ==, "Perbaiki alamat");

  assert_projection_is_fold (f, kase);
  assert_check_clean (f->store);
}

static void
test_queues_survive_rebuild (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *d1 = NULL, *d2 = NULL;
  g_autofree char *k1 = new_case_with_draft (f, "001/RB/2026", &d1);
  g_autofree char *k2 = new_case_with_draft (f, "002/RB/2026", &d2);
  g_autoptr (LoketStandIn) plh = NULL;
  g_autoptr (GPtrArray) queue = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_true (loket_store_submit_draft (f->store, k1, P_STAF, d1, &error));
  g_assert_true (loket_store_submit_draft (f->store, k2, P_STAF, d2, &error));
  for (guint i = 0; i < 2; i++)
    {
      const char *k = i == 0 ? k1 : k2, *d = i == 0 ? d1 : d2;

      g_assert_true (loket_store_paraf_draft (f->store, k, P_KASI, d, 0, &error));
      g_assert_true (loket_store_paraf_draft (f->store, k, P_KABID, d, 0, &error));
      g_assert_true (loket_store_paraf_draft (f->store, k, P_SEKRETARIS, d, 0, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (queue_len (f, P_KADIS, LOKET_DRAFT_QUEUE_SIGNATURE), ==, 2);
  g_assert_cmpuint (queue_len (f, P_SEKRETARIS, LOKET_DRAFT_QUEUE_SIGNATURE), ==, 0);

  /* A Plh. of the Kepala Dinas sees the queue, marked delegated. */
  plh = loket_stand_in_new (P_SEKRETARIS, KADIS, LOKET_STAND_IN_PLH, now - 60, now + 86400);
  g_assert_true (loket_store_add_stand_in (f->store, plh, &error));
  g_assert_no_error (error);
  queue
    = loket_store_list_draft_queue (f->store, P_SEKRETARIS, LOKET_DRAFT_QUEUE_SIGNATURE, 0, &error);
  g_assert_cmpuint (queue->len, ==, 2);
  g_assert_true (((LoketDraftQueueItem *) queue->pdata[0])->delegated);
  g_assert_cmpstr (((LoketDraftQueueItem *) queue->pdata[0])->position, ==, KADIS);

  /* The check sees a draft_chain row that does not match the events. */
  {
    sqlite3 *db = NULL;
    g_autoptr (LoketStoreCheckReport) report = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE draft_chain SET holder = 'x'", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (db);
    report = loket_store_check (f->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->problems->len, ==, 2);
    g_assert_nonnull (strstr (g_ptr_array_index (report->problems, 0), "draft_chain"));
  }

  /* The table is a projection: a rebuild (and a reopen) gives the same queues. */
  g_assert_true (loket_store_rebuild_projections (f->store, &error));
  g_assert_no_error (error);
  reopen (f);
  g_assert_cmpuint (queue_len (f, P_KADIS, LOKET_DRAFT_QUEUE_SIGNATURE), ==, 2);
  g_assert_cmpuint (queue_len (f, P_KASI, LOKET_DRAFT_QUEUE_PARAF), ==, 0);
  assert_check_clean (f->store);
}

static void
test_bad_comments (Fixture *f, gconstpointer data)
{
  g_autofree char *draft = NULL;
  g_autofree char *kase = new_case_with_draft (f, "001/BC/2026", &draft);
  struct
  {
    const char *person, *text, *draft, *blob;
    guint       version, page;
    double      x;
    int         code;
  } cases[] = {
    { P_KASI, "   ", "d", NULL, 0, 0, 0, LOKET_ERROR_INVALID_DATA },
    { P_KASI, "ok", NULL, NULL, 0, 0, 0, LOKET_ERROR_INVALID_DATA },
    { P_KASI, "ok", "d", "abc", 0, 0, 0, LOKET_ERROR_INVALID_DATA },
    { P_KASI, "ok", "d", NULL, 0, 0, -1, LOKET_ERROR_INVALID_DATA },
    { P_KASI, "ok", "d", NULL, 0, 0, NAN, LOKET_ERROR_INVALID_DATA },
    { P_KASI, "ok", "d", NULL, 0, 10000, 0, LOKET_ERROR_INVALID_DATA },
    { P_KASI, "ok", "d", NULL, 5, 0, 0, LOKET_ERROR_NOT_FOUND },
    { P_KASI, "ok", "nope", NULL, 0, 0, 0, LOKET_ERROR_NOT_FOUND },
    { "dinsos-ntt/p-kadis", "ok", "d", NULL, 0, 0, 0, LOKET_ERROR_FORBIDDEN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (LoketCommentRequest) c
        = loket_comment_request_new (cases[i].person, cases[i].text);
      g_autofree char *id = NULL;

      c->draft_id = g_strdup (g_strcmp0 (cases[i].draft, "d") == 0 ? draft : cases[i].draft);
      c->blob = g_strdup (cases[i].blob);
      c->version = cases[i].version;
      c->page = cases[i].page;
      c->rect[0] = cases[i].x;
      ASSERT_REFUSED (f, kase, (id = loket_store_add_comment (f->store, kase, c, &e_)) != NULL,
                      cases[i].code);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                                            \
  g_test_add ("/loket/store/chain/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("full-chain", test_full_chain);
  ADD ("queues-survive-rebuild", test_queues_survive_rebuild);
  ADD ("bad-comments", test_bad_comments);
#undef ADD
  return g_test_run ();
}
