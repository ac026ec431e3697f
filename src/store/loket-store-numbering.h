// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore letter numbering: leased blocks of numbers (DESIGN.md §8) and the local allocator.
#pragma once

#include "loket-number-register.h"
#include "loket-store.h"
#include "loket-sync-journal.h"

G_BEGIN_DECLS

/* A block [first, last] of one (agency, register, year) leased to a device until `expires`. */
typedef struct
{
  gint64 id;
  char  *agency_id;
  char  *register_id;
  int    year;
  gint64 first;
  gint64 last;
  char  *device;   /* the device id the block belongs to */
  gint64 expires;  /* Unix s; the lease serves numbering at times before it */
  gint64 n_used;   /* numbers of the block already given */
} LoketNumberLease;

void loket_number_lease_free (LoketNumberLease *lease);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketNumberLease, loket_number_lease_free)

/* A number given to a letter. */
typedef struct
{
  char  *letter_id;
  char  *case_uuid;
  char  *agency_id;
  char  *register_id;
  int    year;
  gint64 urut;
  char  *number;      /* the formatted nomor surat */
  gint64 numbered_at; /* Unix s */
} LoketLetterNumber;

void loket_letter_number_free (LoketLetterNumber *number);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketLetterNumber, loket_letter_number_free)

/* Records a lease (for now granted by a local administrator; later by the server). @device NULL:
 * this database's device. Refused (LOKET_ERROR_CONFLICT) when it overlaps another block of the
 * same agency, register and year; LOKET_ERROR_INVALID_DATA for first < 1, last < first, a year
 * outside 2000–9999 or @expires in the past of @now (0: the real clock). */
gboolean   loket_store_add_number_lease   (LoketStore  *self,
                                           const char  *agency_id,
                                           const char  *register_id,
                                           int          year,
                                           gint64       first,
                                           gint64       last,
                                           const char  *device,
                                           gint64       expires,
                                           gint64       now,
                                           GError     **error);
/* Every lease, with its use. (transfer full) (element LoketNumberLease) */
GPtrArray *loket_store_list_number_leases (LoketStore  *self,
                                           GError     **error);

/* Gives letter @letter_id of case @case_uuid its final number from @reg at @at (Unix s; the year
 * and month are those of the case's agency's time zone). In ONE transaction: takes the lowest
 * unused number of this device's active leases for the register and year, records it and appends
 * `letter.numbered` {letter_id, register, number, urut, year, at} to the case. Numbering a letter
 * that already has a number returns that number (nothing new is written).
 * No active lease, or every lease used up: LOKET_ERROR_CONFLICT — the letter stays "signed,
 * pending number" and nothing is written. (transfer full) */
LoketLetterNumber *loket_store_number_letter (LoketStore                *self,
                                              const char                *case_uuid,
                                              const char                *letter_id,
                                              const LoketNumberRegister *reg,
                                              const char                *klasifikasi,
                                              const char                *author,
                                              gint64                     at,
                                              GError                   **error) G_GNUC_WARN_UNUSED_RESULT;

/* The same on the database thread, for the UI. */
void               loket_store_number_letter_async  (LoketStore                *self,
                                                     const char                *case_uuid,
                                                     const char                *letter_id,
                                                     const LoketNumberRegister *reg,
                                                     const char                *klasifikasi,
                                                     const char                *author,
                                                     gint64                     at,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
LoketLetterNumber *loket_store_number_letter_finish (LoketStore                *self,
                                                     GAsyncResult              *result,
                                                     GError                   **error) G_GNUC_WARN_UNUSED_RESULT;

/* The number of @letter_id, or NULL without @error set when the letter has none here. A
 * `letter.numbered` event that came from another device (sync) counts too. */
LoketLetterNumber *loket_store_lookup_letter_number (LoketStore  *self,
                                                     const char  *letter_id,
                                                     GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* The case whose events mention @letter_id (e.g. `letter.signed` {letter_id}) and the type of
 * the latest such event; FALSE without @error when no event mentions it. Scans the event log:
 * for offline verification, not for hot paths. */
gboolean loket_store_find_letter_case (LoketStore  *self,
                                       const char  *letter_id,
                                       char       **case_uuid,
                                       char       **event_type,
                                       GError     **error);

/* Sync (loket-store-leases.c). The registers of @agency_id (registers.json) whose unused numbers
 * in this device's active leases for the year of @now (0: the real clock; the agency's time zone)
 * — and from 15 December for the next year too — are fewer than @threshold.
 * (transfer full) (element LoketSyncLeaseNeed) */
GPtrArray *loket_store_number_lease_needs     (LoketStore  *self,
                                               const char  *agency_id,
                                               gint64       threshold,
                                               gint64       now,
                                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* Numbers, with loket_store_number_letter at @now, every letter this device signed that has no
 * number yet (no lease at sign-off): called after a sync brought a lease. Letters whose register
 * still has no free number stay pending (not an error). *@n_numbered: how many got one. */
gboolean   loket_store_number_pending_letters (LoketStore  *self,
                                               gint64       now,
                                               guint       *n_numbered,
                                               GError     **error);

G_END_DECLS
