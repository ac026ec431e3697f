// SPDX-License-Identifier: GPL-3.0-or-later
// The workflow rules for time and signature: who signs a case, which late steps escalate to whom,
// and the escalation.raised event that records it once.
#include "config.h"

#include "loket-workflow-private.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"

void
loket_escalation_free (LoketEscalation *self)
{
  if (self == NULL)
    return;
  g_free (self->disposition_id);
  g_free (self->position_id);
  g_free (self->superior_id);
  g_free (self);
}

/* ---- Signature ---------------------------------------------------------------------------- */

const char *
loket_workflow_check_sign (LoketWorkflow *self,
                           LoketCase     *kase,
                           const char    *person_id,
                           gint64         at,
                           GError       **error)
{
  g_autoptr (GPtrArray) acting = NULL;
  const LoketPosition *signer = NULL;
  const LoketUnit     *division;

  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (LOKET_IS_CASE (kase), NULL);

  if (loket_case_get_status (kase) == LOKET_CASE_STATUS_CLOSED)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                           _ ("The case is closed: nothing more can be done on it"));
      return NULL;
    }
  division = loket_case_get_unit_id (kase) != NULL
               ? loket_org_chart_get_division (self->org_chart, loket_case_get_unit_id (kase))
               : NULL;
  if (division != NULL && division->kind == LOKET_UNIT_UPTD)
    signer = loket_workflow_get_unit_head (self, division->id);
  if (signer == NULL)
    signer = loket_workflow_get_unit_head (self, loket_case_get_agency_id (kase));
  if (signer == NULL)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                           _ ("The org chart has no signatory for this case"));
      return NULL;
    }

  acting = loket_workflow_get_acting_positions (self, person_id,
                                                at != 0 ? at : g_get_real_time () / G_USEC_PER_SEC);
  for (guint i = 0; i < acting->len; i++)
    if (g_strcmp0 (((LoketActingPosition *) g_ptr_array_index (acting, i))->position_id, signer->id)
        == 0)
      return signer->id;

  g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
               _ ("Only %s (or a Plh./Plt. in the period of the assignment) signs this case"),
               _loket_workflow_title_of (self, signer->id));
  return NULL;
}

/* ---- Escalation ----------------------------------------------------------------------------- */

GPtrArray *
loket_workflow_get_escalations_due (LoketWorkflow          *self,
                                    LoketCase              *kase,
                                    LoketDispositionLedger *ledger,
                                    gint64                  now)
{
  GPtrArray      *result = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_escalation_free);
  GPtrArray      *items;
  LoketCaseStatus status;

  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), result);
  g_return_val_if_fail (LOKET_IS_CASE (kase), result);
  g_return_val_if_fail (LOKET_IS_DISPOSITION_LEDGER (ledger), result);

  /* A closed case escalates nothing; neither does one waiting on the applicant. */
  status = loket_case_get_status (kase);
  if (status == LOKET_CASE_STATUS_CLOSED || status == LOKET_CASE_STATUS_PAUSED
      || status == LOKET_CASE_STATUS_INCOMPLETE)
    return result;

  items = loket_disposition_ledger_get_dispositions (ledger);
  for (guint i = 0; i < items->len; i++)
    {
      const LoketDisposition *d = g_ptr_array_index (items, i);
      const LoketPosition    *superior;
      LoketEscalation        *escalation;

      if (!loket_disposition_is_late (d, now) || d->escalated_at != 0)
        continue;
      superior = loket_workflow_get_superior (self, d->position_id);
      if (superior == NULL)
        continue;
      escalation = g_new0 (LoketEscalation, 1);
      escalation->disposition_id = g_strdup (d->id);
      escalation->position_id = g_strdup (d->position_id);
      escalation->superior_id = g_strdup (superior->id);
      escalation->due_at = d->due_at;
      g_ptr_array_add (result, escalation);
    }
  return result;
}

static char *
iso_in (GTimeZone *tz, gint64 at)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format_iso8601 (local);
}

JsonObject *
loket_escalation_to_body (const LoketEscalation *escalation, GTimeZone *tz, gint64 at)
{
  JsonObject      *body = json_object_new ();
  g_autofree char *due = iso_in (tz, escalation->due_at);
  g_autofree char *when = iso_in (tz, at);

  g_return_val_if_fail (escalation != NULL, body);
  json_object_set_string_member (body, "id", escalation->disposition_id);
  json_object_set_string_member (body, "position", escalation->position_id);
  json_object_set_string_member (body, "to", escalation->superior_id);
  json_object_set_string_member (body, "due", due);
  json_object_set_string_member (body, "at", when);
  return body;
}

char *
loket_escalation_event_uuid (const char *disposition_id, const char *position_id)
{
  g_autoptr (GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize  length = sizeof digest;

  g_return_val_if_fail (disposition_id != NULL && position_id != NULL, NULL);

  g_checksum_update (sha1, (const guchar *) "loket-escalation-v1\x1f", -1);
  g_checksum_update (sha1, (const guchar *) disposition_id, -1);
  g_checksum_update (sha1, (const guchar *) "\x1f", 1);
  g_checksum_update (sha1, (const guchar *) position_id, -1);
  g_checksum_get_digest (sha1, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50; /* version 5 */
  digest[8] = (digest[8] & 0x3f) | 0x80; /* RFC 4122 variant */

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}
