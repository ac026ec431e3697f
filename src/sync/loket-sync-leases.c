// SPDX-License-Identifier: GPL-3.0-or-later
// The lease step of a sync round (DESIGN.md §8): a PC numbers letters offline from blocks of
// numbers the server reserved for it beforehand; no number is ever issued twice.
#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"
#include "loket-sync-engine-private.h"

gboolean
_loket_sync_lease_check (const LoketSyncLease *lease,
                         const char           *agency,
                         const char           *register_id,
                         int                   year,
                         gint64                count,
                         gint64                now,
                         gint64               *expires,
                         GError              **error)
{
  const char *problem = NULL;

  if (g_strcmp0 (lease->agency, agency) != 0)
    problem = _ ("it is for another agency");
  else if (g_strcmp0 (lease->register_name, register_id) != 0)
    problem = _ ("it is for another register");
  else if (lease->year != year)
    problem = _ ("it is for another year");
  else if (lease->first < 1 || lease->last < lease->first || lease->last - lease->first >= count)
    problem = _ ("its numbers are not the block that was asked for");
  else if (lease->expires_at == NULL || g_date_time_to_unix (lease->expires_at) <= now)
    problem = _ ("it has already expired");
  if (problem != NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The server’s block of letter numbers for register “%s” (%d) was refused: "
                      "%s"),
                   register_id, year, problem);
      return FALSE;
    }
  *expires = g_date_time_to_unix (lease->expires_at);
  return TRUE;
}

static gboolean
lease_one (LoketSyncJournal         *journal,
           LoketSyncClient          *client,
           const char               *agency,
           const char               *device,
           gint64                    now,
           const LoketSyncLeaseNeed *need,
           GCancellable             *cancellable,
           GError                  **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (LoketSyncLease) lease = NULL;
  gint64        expires = 0;
  LoketSyncWait wait = { 0 };

  loket_sync_client_lease_async (client, need->register_id, need->year, LOKET_SYNC_LEASE_BLOCK,
                                 device, cancellable, _loket_sync_wait_cb, &wait);
  result = _loket_sync_wait_for (&wait);
  lease = loket_sync_client_lease_finish (client, result, error);
  if (lease == NULL)
    return FALSE;
  if (!_loket_sync_lease_check (lease, agency, need->register_id, need->year,
                                LOKET_SYNC_LEASE_BLOCK, now, &expires, error))
    return FALSE;
  /* The store refuses a block that overlaps one it already knows (a second, bad grant). */
  if (!loket_sync_journal_add_lease (journal, agency, need->register_id, need->year, lease->first,
                                     lease->last, expires, error))
    return FALSE;
  g_debug ("Leased %s/%d numbers %lld–%lld", need->register_id, need->year,
           (long long) lease->first, (long long) lease->last);
  return TRUE;
}

gboolean
_loket_sync_run_leases (LoketSyncJournal *journal,
                        LoketSyncClient  *client,
                        const char       *agency,
                        const char       *device,
                        gint64            now,
                        LoketSyncReport  *report,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr (GPtrArray) needs = NULL;
  g_autoptr (GError) lease_error = NULL;
  guint n_numbered = 0;

  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC;
  needs = loket_sync_journal_lease_needs (journal, agency, LOKET_SYNC_LEASE_THRESHOLD, now, error);
  if (needs == NULL)
    return FALSE;
  for (guint i = 0; i < needs->len && lease_error == NULL; i++)
    if (lease_one (journal, client, agency, device, now, g_ptr_array_index (needs, i), cancellable,
                   &lease_error))
      report->n_leases++;
  /* Letters signed while no number was free get one now, from whatever leases there are. */
  if (!loket_sync_journal_number_pending (journal, now, &n_numbered, error))
    return FALSE;
  report->n_numbered += n_numbered;
  if (lease_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&lease_error));
      return FALSE;
    }
  return TRUE;
}
