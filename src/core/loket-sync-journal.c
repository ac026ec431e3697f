// SPDX-License-Identifier: GPL-3.0-or-later
// LoketSyncJournal: the interface boilerplate and its wrappers (see the header).
#include "config.h"

#include "loket-sync-journal.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"

G_DEFINE_INTERFACE (LoketSyncJournal, loket_sync_journal, G_TYPE_OBJECT)

static void
loket_sync_journal_default_init (LoketSyncJournalInterface *iface)
{
}

static gboolean
unsupported (const char *what, GError **error)
{
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_UNSUPPORTED, _ ("This journal cannot do “%s”"),
               what);
  return FALSE;
}

#define IFACE(self) LOKET_SYNC_JOURNAL_GET_IFACE (self)

GPtrArray *
loket_sync_journal_pending_events (LoketSyncJournal *self, guint limit, GError **error)
{
  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), NULL);
  if (IFACE (self)->pending_events == NULL)
    return unsupported ("pending_events", error), NULL;
  return IFACE (self)->pending_events (self, limit, error);
}

gboolean
loket_sync_journal_count_pending (LoketSyncJournal *self, guint64 *count, GError **error)
{
  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);
  if (IFACE (self)->count_pending == NULL)
    return unsupported ("count_pending", error);
  return IFACE (self)->count_pending (self, count, error);
}

gboolean
loket_sync_journal_mark_pushed (LoketSyncJournal *self, const char *const *uuids, GError **error)
{
  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), FALSE);
  if (uuids == NULL || uuids[0] == NULL)
    return TRUE;
  if (IFACE (self)->mark_pushed == NULL)
    return unsupported ("mark_pushed", error);
  return IFACE (self)->mark_pushed (self, uuids, error);
}

gboolean
loket_sync_journal_get_cursor (LoketSyncJournal *self, gint64 *seq, GError **error)
{
  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), FALSE);
  g_return_val_if_fail (seq != NULL, FALSE);
  if (IFACE (self)->get_cursor == NULL)
    return unsupported ("get_cursor", error);
  return IFACE (self)->get_cursor (self, seq, error);
}

gboolean
loket_sync_journal_apply_pulled (LoketSyncJournal *self,
                                 GPtrArray        *events,
                                 gint64            seq,
                                 GError          **error)
{
  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);
  if (seq < 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The server sent a negative sequence number"));
      return FALSE;
    }
  if (IFACE (self)->apply_pulled == NULL)
    return unsupported ("apply_pulled", error);
  return IFACE (self)->apply_pulled (self, events, seq, error);
}

GPtrArray *
loket_sync_journal_pending_blobs (LoketSyncJournal *self, GError **error)
{
  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), NULL);
  if (IFACE (self)->pending_blobs == NULL)
    return unsupported ("pending_blobs", error), NULL;
  return IFACE (self)->pending_blobs (self, error);
}

gboolean
loket_sync_journal_has_blob (LoketSyncJournal *self,
                             const char       *sha256,
                             gboolean         *present,
                             GError          **error)
{
  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), FALSE);
  g_return_val_if_fail (sha256 != NULL && present != NULL, FALSE);
  if (IFACE (self)->has_blob == NULL)
    return unsupported ("has_blob", error);
  return IFACE (self)->has_blob (self, sha256, present, error);
}

GBytes *
loket_sync_journal_read_blob (LoketSyncJournal *self, const char *sha256, GError **error)
{
  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);
  if (IFACE (self)->read_blob == NULL)
    return unsupported ("read_blob", error), NULL;
  return IFACE (self)->read_blob (self, sha256, error);
}

gboolean
loket_sync_journal_write_blob (LoketSyncJournal *self,
                               const char       *sha256,
                               GBytes           *bytes,
                               GError          **error)
{
  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), FALSE);
  g_return_val_if_fail (sha256 != NULL && bytes != NULL, FALSE);
  if (IFACE (self)->write_blob == NULL)
    return unsupported ("write_blob", error);
  return IFACE (self)->write_blob (self, sha256, bytes, error);
}

gboolean
loket_sync_journal_mark_blob_pushed (LoketSyncJournal *self, const char *sha256, GError **error)
{
  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);
  if (IFACE (self)->mark_blob_pushed == NULL)
    return unsupported ("mark_blob_pushed", error);
  return IFACE (self)->mark_blob_pushed (self, sha256, error);
}

GPtrArray *
loket_sync_journal_missing_blobs (LoketSyncJournal *self, GError **error)
{
  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), NULL);
  /* Optional: a journal that never refers to blobs wants none. */
  if (IFACE (self)->missing_blobs == NULL)
    return g_ptr_array_new_with_free_func (g_free);
  return IFACE (self)->missing_blobs (self, error);
}

void
loket_sync_lease_need_free (LoketSyncLeaseNeed *need)
{
  if (need == NULL)
    return;
  g_free (need->register_id);
  g_free (need);
}

GPtrArray *
loket_sync_journal_lease_needs (LoketSyncJournal *self,
                                const char       *agency,
                                gint64            threshold,
                                gint64            now,
                                GError          **error)
{
  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), NULL);
  g_return_val_if_fail (agency != NULL, NULL);
  /* Optional: a journal without leases needs none. */
  if (IFACE (self)->lease_needs == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) loket_sync_lease_need_free);
  return IFACE (self)->lease_needs (self, agency, threshold, now, error);
}

gboolean
loket_sync_journal_add_lease (LoketSyncJournal *self,
                              const char       *agency,
                              const char       *register_id,
                              int               year,
                              gint64            first,
                              gint64            last,
                              gint64            expires,
                              GError          **error)
{
  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), FALSE);
  g_return_val_if_fail (agency != NULL && register_id != NULL, FALSE);
  if (IFACE (self)->add_lease == NULL)
    return unsupported ("add_lease", error);
  return IFACE (self)->add_lease (self, agency, register_id, year, first, last, expires, error);
}

gboolean
loket_sync_journal_number_pending (LoketSyncJournal *self,
                                   gint64            now,
                                   guint            *n_numbered,
                                   GError          **error)
{
  guint n = 0;

  g_return_val_if_fail (LOKET_IS_SYNC_JOURNAL (self), FALSE);
  if (IFACE (self)->number_pending != NULL && !IFACE (self)->number_pending (self, now, &n, error))
    return FALSE;
  if (n_numbered != NULL)
    *n_numbered = n;
  return TRUE;
}
