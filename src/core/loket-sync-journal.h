// SPDX-License-Identifier: GPL-3.0-or-later
// How the sync engine reads and writes the local store without depending on it (DESIGN.md §2,
// HOUSE-STYLE §4.1 ★1): the store implements this interface, the app and loket-cli wire the two.
// Every method may block (the store runs it on its database thread); the engine calls them from
// its own worker thread, never from the main loop.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LOKET_TYPE_SYNC_JOURNAL (loket_sync_journal_get_type ())
G_DECLARE_INTERFACE (LoketSyncJournal, loket_sync_journal, LOKET, SYNC_JOURNAL, GObject)

/* A register this PC numbers letters in that is running out of leased numbers (DESIGN.md §8). */
typedef struct
{
  char  *register_id;
  int    year;
  gint64 n_free; /* unused numbers of this PC's active leases */
} LoketSyncLeaseNeed;

void loket_sync_lease_need_free (LoketSyncLeaseNeed *need);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSyncLeaseNeed, loket_sync_lease_need_free)

struct _LoketSyncJournalInterface
{
  GTypeInterface parent_iface;

  /* Local events not yet acknowledged by the server, in local append order, at most @limit.
   * (element LoketEvent) */
  GPtrArray *(*pending_events) (LoketSyncJournal *self, guint limit, GError **error);
  /* How many local events wait for acknowledgement (for "N perubahan menunggu"). */
  gboolean (*count_pending) (LoketSyncJournal *self, guint64 *count, GError **error);
  /* The server stored these events (by UUID; unknown UUIDs are ignored). Idempotent. */
  gboolean (*mark_pushed) (LoketSyncJournal *self, const char *const *uuids, GError **error);

  /* The server sequence number of the last pulled event applied (0 before the first pull). */
  gboolean (*get_cursor) (LoketSyncJournal *self, gint64 *seq, GError **error);
  /* In ONE transaction: stores every event of @events not already present (by UUID), each marked
   * as already on the server, updates the projections of their cases and sets the cursor to @seq.
   * A crash leaves either all of it or none. Invalid events fail the whole call. (element
   * LoketEvent) */
  gboolean (*apply_pulled) (LoketSyncJournal *self, GPtrArray *events, gint64 seq, GError **error);

  /* Blobs referred to by pending events that the server may not have yet (element char* sha256). */
  GPtrArray *(*pending_blobs) (LoketSyncJournal *self, GError **error);
  gboolean   (*has_blob)      (LoketSyncJournal *self, const char *sha256, gboolean *present, GError **error);
  GBytes    *(*read_blob)     (LoketSyncJournal *self, const char *sha256, GError **error);
  /* Stores @bytes, refusing them (LOKET_ERROR_INVALID_DATA) unless their SHA-256 is @sha256. */
  gboolean   (*write_blob)    (LoketSyncJournal *self, const char *sha256, GBytes *bytes, GError **error);
  gboolean   (*mark_blob_pushed) (LoketSyncJournal *self, const char *sha256, GError **error);
  /* Blobs that stored events refer to and that are not here yet (pulled events; the engine
   * downloads them with GET /blobs and write_blob). Optional. (element char* sha256) */
  GPtrArray *(*missing_blobs) (LoketSyncJournal *self, GError **error);

  /* Number leases (optional; a journal without them never numbers offline). The registers of
   * @agency that this PC numbers in whose unused leased numbers for the year of @now (Unix s, in
   * the agency's time zone; from 15 December also the next year) are fewer than @threshold.
   * (element LoketSyncLeaseNeed) */
  GPtrArray *(*lease_needs) (LoketSyncJournal *self, const char *agency, gint64 threshold,
                             gint64 now, GError **error);
  /* Records the block [@first, @last] the server leased to this PC until @expires (Unix s). */
  gboolean (*add_lease) (LoketSyncJournal *self, const char *agency, const char *register_id,
                         int year, gint64 first, gint64 last, gint64 expires, GError **error);
  /* Numbers the letters this PC signed that still wait for a number; *@n_numbered: how many. */
  gboolean (*number_pending) (LoketSyncJournal *self, gint64 now, guint *n_numbered,
                              GError **error);
};

GPtrArray *loket_sync_journal_pending_events (LoketSyncJournal *self, guint limit, GError **error);
gboolean   loket_sync_journal_count_pending  (LoketSyncJournal *self, guint64 *count, GError **error);
gboolean   loket_sync_journal_mark_pushed    (LoketSyncJournal *self, const char *const *uuids, GError **error);
gboolean   loket_sync_journal_get_cursor     (LoketSyncJournal *self, gint64 *seq, GError **error);
gboolean   loket_sync_journal_apply_pulled   (LoketSyncJournal *self, GPtrArray *events, gint64 seq, GError **error);
GPtrArray *loket_sync_journal_pending_blobs  (LoketSyncJournal *self, GError **error);
gboolean   loket_sync_journal_has_blob       (LoketSyncJournal *self, const char *sha256, gboolean *present, GError **error);
GBytes    *loket_sync_journal_read_blob      (LoketSyncJournal *self, const char *sha256, GError **error);
gboolean   loket_sync_journal_write_blob     (LoketSyncJournal *self, const char *sha256, GBytes *bytes, GError **error);
gboolean   loket_sync_journal_mark_blob_pushed (LoketSyncJournal *self, const char *sha256, GError **error);
GPtrArray *loket_sync_journal_missing_blobs  (LoketSyncJournal *self, GError **error);
GPtrArray *loket_sync_journal_lease_needs    (LoketSyncJournal *self, const char *agency, gint64 threshold, gint64 now, GError **error);
gboolean   loket_sync_journal_add_lease      (LoketSyncJournal *self, const char *agency, const char *register_id, int year, gint64 first, gint64 last, gint64 expires, GError **error);
gboolean   loket_sync_journal_number_pending (LoketSyncJournal *self, gint64 now, guint *n_numbered, GError **error);

G_END_DECLS
