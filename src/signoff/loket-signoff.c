// SPDX-License-Identifier: GPL-3.0-or-later
// Sign-off of approved drafts (loket-signoff.h).
#include "config.h"

#include "loket-signoff.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"
#include "loket-letter-case-fields.h"
#include "loket-letter-date.h"
#include "loket-letter-draft.h"
#include "loket-letter-renderer.h"
#include "loket-number-register.h"
#include "loket-pdf-signer.h"
#include "loket-store-numbering.h"

void
loket_signoff_result_free (LoketSignoffResult *result)
{
  if (result == NULL)
    return;
  g_free (result->case_uuid);
  g_free (result->draft_id);
  g_free (result->letter_id);
  g_free (result->sha256);
  g_free (result->number);
  g_free (result->handover_id);
  g_clear_error (&result->error);
  g_free (result);
}

const char *
loket_signoff_register_for_kind (const char *kind)
{
  return g_strcmp0 (kind, "surat_keputusan") == 0 ? "keputusan" : "surat-keluar";
}

static const LoketDraftQueueItem *
find_item (GPtrArray *queue, const char *case_uuid, const char *draft_id)
{
  for (guint i = 0; i < queue->len; i++)
    {
      const LoketDraftQueueItem *item = g_ptr_array_index (queue, i);

      if (g_str_equal (item->draft_id, draft_id)
          && g_str_equal (loket_case_get_uuid (item->kase), case_uuid))
        return item;
    }
  return NULL;
}

/* The delegation the signer's line shows when signing as @item->position. */
static LoketDelegation
delegation_of (LoketWorkflow *workflow, const char *person_id, const char *position, gint64 now)
{
  g_autoptr (GPtrArray) acting = loket_workflow_get_acting_positions (workflow, person_id, now);

  for (guint i = 0; i < acting->len; i++)
    {
      const LoketActingPosition *as = g_ptr_array_index (acting, i);

      if (g_str_equal (as->position_id, position) && as->delegated)
        return as->kind == LOKET_STAND_IN_PLT ? LOKET_DELEGATION_PLT : LOKET_DELEGATION_PLH;
    }
  return LOKET_DELEGATION_NONE;
}

/* Signs one draft; fills @result. */
static void
sign_one (LoketStore         *store,
          LoketSigner        *signer,
          const char         *person_id,
          GPtrArray          *queue,
          GPtrArray          *registers,
          gint64              now,
          LoketSignoffResult *result,
          GCancellable       *cancellable)
{
  GError                   **error = &result->error;
  const LoketDraftQueueItem *item = find_item (queue, result->case_uuid, result->draft_id);
  g_autoptr (LoketDraftChain) chain = NULL;
  g_autoptr (LoketLetterDraft) draft = NULL;
  g_autoptr (LoketLetter) letter = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GBytes) signed_pdf = NULL;
  g_autoptr (LoketDraftRequest) request = NULL;
  g_autoptr (GDateTime) signing_time = NULL;
  g_autoptr (GError) number_error = NULL;
  g_autoptr (LoketLetterNumber) number = NULL;
  g_autofree char           *letter_id = NULL;
  g_autofree char           *sha256 = NULL;
  const LoketDraftState     *state;
  const LoketPerson         *person;
  LoketWorkflow             *workflow;
  LoketOrgChart             *org;
  LoketPdfSignOptions        options = { 0 };
  const LoketNumberRegister *reg;
  JsonNode                  *content;

  if (item == NULL)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                           _ ("This draft is not awaiting this person’s signature"));
      return;
    }
  workflow = loket_store_get_workflow (store, error);
  if (workflow == NULL)
    return;
  org = loket_workflow_get_org_chart (workflow);
  chain = loket_store_get_draft_chain (store, result->case_uuid, error);
  if (chain == NULL)
    return;
  state = loket_draft_chain_lookup (chain, result->draft_id);
  content = state != NULL ? loket_draft_state_get_content (state, state->version) : NULL;
  if (content == NULL || !JSON_NODE_HOLDS_OBJECT (content))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                           _ ("The draft has no letter content to sign"));
      return;
    }
  draft = loket_letter_draft_new_from_json (content, error);
  if (draft == NULL)
    return;

  /* The letter shows who actually signs: the Kepala Dinas, or the Plh./Plt. in their place. */
  if (!loket_letter_fields_set_signer (loket_letter_draft_get_fields (draft), org, person_id,
                                       delegation_of (workflow, person_id, item->position, now),
                                       error))
    return;
  letter_id = loket_letter_id_for_case (result->case_uuid, state->kind, state->version);

  /* The number is drawn before rendering so the signed letter carries it (DESIGN.md §8: the final
   * number is given at signing). Numbering is idempotent per letter id, so a signature that fails
   * below keeps the number for the next attempt and never takes a second one. Without a lease the
   * letter is signed with the placeholder and stays pending a number. */
  reg = registers != NULL
          ? loket_number_registers_lookup (registers, loket_case_get_agency_id (item->kase),
                                           loket_signoff_register_for_kind (state->kind))
          : NULL;
  if (reg != NULL)
    {
      number = loket_store_number_letter (store, result->case_uuid, letter_id, reg, NULL,
                                          person_id, now, &number_error);
      if (number != NULL)
        loket_letter_fields_set (loket_letter_draft_get_fields (draft), "letter_number",
                                 number->number);
      else
        g_debug ("letter %s stays pending a number: %s", letter_id, number_error->message);
    }
  /* The letter is dated the day it is signed, not the day it was drafted. */
  {
    LoketAgency *agency = loket_service_catalog_lookup_agency (
      loket_workflow_get_catalog (workflow), loket_case_get_agency_id (item->kase));
    g_autoptr (GDateTime) local = loket_letter_local_time (
      now, agency != NULL ? loket_agency_get_timezone (agency) : NULL);

    loket_letter_fields_take (loket_letter_draft_get_fields (draft), "letter_date",
                              loket_letter_format_date (local));
  }

  letter = loket_letter_draft_build_letter (draft, letter_id, error);
  if (letter == NULL)
    return;
  pdf = loket_letter_render (letter, loket_letter_draft_get_paper (draft), error);
  if (pdf == NULL)
    return;

  person = loket_org_chart_lookup_person (org, person_id);
  signing_time = g_date_time_new_from_unix_local (now);
  options.signer_name = person != NULL ? person->name : NULL;
  options.reason = "Ditandatangani secara elektronik";
  options.signing_time = signing_time;
  signed_pdf = loket_pdf_sign (pdf, signer, &options, cancellable, error);
  if (signed_pdf == NULL)
    return;
  sha256 = loket_store_add_blob (store, signed_pdf, error);
  if (sha256 == NULL)
    return;

  request = loket_draft_request_new (LOKET_DRAFT_ACTION_SIGN, person_id, result->draft_id);
  request->as_position = g_strdup (item->position);
  request->version = state->version;
  request->at = now;
  if (!loket_store_record_signature (store, result->case_uuid, request, letter_id, sha256,
                                     &result->handover_id, error))
    return;
  result->ok = TRUE;
  result->letter_id = g_steal_pointer (&letter_id);
  result->sha256 = g_steal_pointer (&sha256);
  if (number != NULL)
    result->number = g_strdup (number->number);
}

typedef struct
{
  LoketStore          *store;
  LoketSigner         *signer;
  char                *person_id;
  char                *as_position;
  GStrv                case_uuids;
  GStrv                draft_ids;
  gint64               now;
  LoketSignoffProgress progress;
  gpointer             progress_data;
  GMainContext        *context;
} SignJob;

static void
sign_job_free (SignJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->signer);
  g_free (job->person_id);
  g_free (job->as_position);
  g_strfreev (job->case_uuids);
  g_strfreev (job->draft_ids);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

typedef struct
{
  LoketSignoffProgress progress;
  gpointer             data;
  guint                done, total;
} ProgressCall;

static gboolean
progress_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->progress (call->done, call->total, call->data);
  return G_SOURCE_REMOVE;
}

static GPtrArray *
run_job (SignJob *job, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) results = NULL;
  g_autoptr (GPtrArray) queue = NULL;
  g_autoptr (GPtrArray) registers = NULL;
  g_autoptr (GError) registers_error = NULL;
  guint n;

  n = job->case_uuids != NULL ? g_strv_length (job->case_uuids) : 0;
  if (n == 0 || job->draft_ids == NULL || g_strv_length (job->draft_ids) != n)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("Choose at least one draft to sign"));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* What the person may sign now (own position and valid Plh./Plt.). */
  queue = loket_store_list_draft_queue (job->store, job->person_id, LOKET_DRAFT_QUEUE_SIGNATURE,
                                        job->now, error);
  if (queue == NULL)
    return NULL;
  if (job->as_position != NULL)
    for (guint i = queue->len; i > 0; i--)
      if (!g_str_equal (((LoketDraftQueueItem *) g_ptr_array_index (queue, i - 1))->position,
                        job->as_position))
        g_ptr_array_remove_index (queue, i - 1);
  registers = loket_number_registers_new_default (&registers_error);
  if (registers == NULL)
    g_warning ("No letter-number registers: %s", registers_error->message);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_signoff_result_free);
  for (guint i = 0; i < n; i++)
    {
      LoketSignoffResult *result = g_new0 (LoketSignoffResult, 1);

      result->case_uuid = g_strdup (job->case_uuids[i]);
      result->draft_id = g_strdup (job->draft_ids[i]);
      g_ptr_array_add (results, result);
      if (!g_cancellable_set_error_if_cancelled (cancellable, &result->error))
        sign_one (job->store, job->signer, job->person_id, queue, registers, job->now, result,
                  cancellable);
      if (job->progress != NULL)
        {
          ProgressCall *call = g_new0 (ProgressCall, 1);

          call->progress = job->progress;
          call->data = job->progress_data;
          call->done = i + 1;
          call->total = n;
          if (job->context != NULL)
            g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, progress_cb, call,
                                        g_free);
          else
            {
              progress_cb (call);
              g_free (call);
            }
        }
    }
  return g_steal_pointer (&results);
}

static SignJob *
sign_job_new (LoketStore          *store,
              LoketSigner         *signer,
              const char          *person_id,
              const char          *as_position,
              const char *const   *case_uuids,
              const char *const   *draft_ids,
              gint64               now,
              LoketSignoffProgress progress,
              gpointer             progress_data)
{
  SignJob *job = g_new0 (SignJob, 1);

  job->store = g_object_ref (store);
  job->signer = g_object_ref (signer);
  job->person_id = g_strdup (person_id);
  job->as_position = g_strdup (as_position);
  job->case_uuids = g_strdupv ((char **) case_uuids);
  job->draft_ids = g_strdupv ((char **) draft_ids);
  job->now = now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
  job->progress = progress;
  job->progress_data = progress_data;
  return job;
}

GPtrArray *
loket_signoff_sign_drafts (LoketStore          *store,
                           LoketSigner         *signer,
                           const char          *person_id,
                           const char          *as_position,
                           const char *const   *case_uuids,
                           const char *const   *draft_ids,
                           gint64               now,
                           LoketSignoffProgress progress,
                           gpointer             progress_data,
                           GCancellable        *cancellable,
                           GError             **error)
{
  SignJob   *job;
  GPtrArray *results;

  g_return_val_if_fail (LOKET_IS_STORE (store), NULL);
  g_return_val_if_fail (LOKET_IS_SIGNER (signer), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  job = sign_job_new (store, signer, person_id, as_position, case_uuids, draft_ids, now, progress,
                      progress_data);
  results = run_job (job, cancellable, error);
  sign_job_free (job);
  return results;
}

static void
sign_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *results = run_job (task_data, cancellable, &error);

  if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

void
loket_signoff_sign_drafts_async (LoketStore          *store,
                                 LoketSigner         *signer,
                                 const char          *person_id,
                                 const char          *as_position,
                                 const char *const   *case_uuids,
                                 const char *const   *draft_ids,
                                 LoketSignoffProgress progress,
                                 gpointer             progress_data,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  SignJob *job;

  g_return_if_fail (LOKET_IS_STORE (store));
  g_return_if_fail (LOKET_IS_SIGNER (signer));
  g_return_if_fail (person_id != NULL);

  job = sign_job_new (store, signer, person_id, as_position, case_uuids, draft_ids, 0, progress,
                      progress_data);
  job->context = g_main_context_ref_thread_default ();
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_signoff_sign_drafts_async);
  g_task_set_task_data (task, job, (GDestroyNotify) sign_job_free);
  g_task_run_in_thread (task, sign_thread);
}

GPtrArray *
loket_signoff_sign_drafts_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
