// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore: disposition routing — acts checked by the workflow engine, per-person inboxes,
// delegations and escalations (loket-store-routing*.c). Included by loket-store.h.
#pragma once

#include "loket-store.h"
#include "loket-workflow.h"

G_BEGIN_DECLS

/* The workflow engine the store checks acts with. Without a call to set_workflow, the first
 * routing call makes one from loket_org_chart_new_default and the projector's catalog and
 * calendar. The store loads its `stand_ins` table into it. (transfer none) */
void           loket_store_set_workflow (LoketStore    *self,
                                         LoketWorkflow *workflow);
LoketWorkflow *loket_store_get_workflow (LoketStore    *self,
                                         GError       **error);

/* Checks @request with loket_workflow_check inside the write transaction (against the case's
 * stored events) and appends the event; nothing is recorded on refusal (the engine's errors,
 * plus LOKET_ERROR_NOT_FOUND for an unknown case). MARK_READ of an already read disposition
 * succeeds without recording anything. @disposition_id (may be NULL): the new disposition's id
 * for DISPOSE/FORWARD, else the disposition acted on. */
gboolean    loket_store_workflow_act        (LoketStore                 *self,
                                             const char                 *case_uuid,
                                             const LoketWorkflowRequest *request,
                                             char                      **disposition_id,
                                             GError                    **error);
void        loket_store_workflow_act_async  (LoketStore                 *self,
                                             const char                 *case_uuid,
                                             const LoketWorkflowRequest *request,
                                             GCancellable               *cancellable,
                                             GAsyncReadyCallback         callback,
                                             gpointer                    user_data);
gboolean    loket_store_workflow_act_finish (LoketStore                 *self,
                                             GAsyncResult               *result,
                                             char                      **disposition_id,
                                             GError                    **error);

/* Shorthands for loket_store_workflow_act. @as_position NULL: chosen by the engine. @to,
 * @instructions, @blobs: NULL-terminated. @due_at 0: the default due date. */
gboolean    loket_store_dispose   (LoketStore          *self,
                                   const char          *case_uuid,
                                   const char          *person_id,
                                   const char          *as_position,
                                   const char *const   *to,
                                   const char *const   *instructions,
                                   const char          *note,
                                   gint64               due_at,
                                   char               **disposition_id,
                                   GError             **error);
gboolean    loket_store_forward   (LoketStore          *self,
                                   const char          *case_uuid,
                                   const char          *person_id,
                                   const char          *as_position,
                                   const char          *parent_id,
                                   const char *const   *to,
                                   const char *const   *instructions,
                                   const char          *note,
                                   gint64               due_at,
                                   char               **disposition_id,
                                   GError             **error);
gboolean    loket_store_report    (LoketStore          *self,
                                   const char          *case_uuid,
                                   const char          *person_id,
                                   const char          *as_position,
                                   const char          *disposition_id,
                                   const char          *note,
                                   const char *const   *blobs,
                                   GError             **error);
gboolean    loket_store_withdraw  (LoketStore          *self,
                                   const char          *case_uuid,
                                   const char          *person_id,
                                   const char          *disposition_id,
                                   GError             **error);
gboolean    loket_store_mark_read (LoketStore          *self,
                                   const char          *case_uuid,
                                   const char          *person_id,
                                   const char          *disposition_id,
                                   GError             **error);

/* The dispositions of one case folded from its events (riwayat: loket_disposition_ledger_
 * get_history; state per recipient: get_dispositions). */
LoketDispositionLedger *loket_store_get_disposition_ledger (LoketStore  *self,
                                                            const char  *case_uuid,
                                                            GError     **error) G_GNUC_WARN_UNUSED_RESULT;
void                    loket_store_get_disposition_ledger_async  (LoketStore          *self,
                                                                   const char          *case_uuid,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
LoketDispositionLedger *loket_store_get_disposition_ledger_finish (LoketStore          *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Per-person inboxes ---------------------------------------------------------------------
 * Over every position the person acts for at `now` (own + valid delegations):
 *   INCOMING            Disposisi Masuk: dispositions received, not withdrawn; count = unread
 *   NEEDS_ACTION        Perlu Tindakan: received, read or unread, not forwarded/reported/withdrawn;
 *                       for the Kepala Dinas also the open cases of the agency nobody holds yet
 *   AWAITING_PARAF      Menunggu Paraf: cases in status drafting held by the person's position
 *   AWAITING_SIGNATURE  Menunggu Tanda Tangan: cases awaiting signature held by the position, or
 *                       for the Kepala Dinas every case of the agency awaiting signature
 *   SENT                Terkirim: dispositions sent; count = those still open (awaiting report)
 *   LATE                Terlambat: received, open, past their due date at `now` */
typedef enum
{
  LOKET_INBOX_INCOMING,
  LOKET_INBOX_NEEDS_ACTION,
  LOKET_INBOX_AWAITING_PARAF,
  LOKET_INBOX_AWAITING_SIGNATURE,
  LOKET_INBOX_SENT,
  LOKET_INBOX_LATE,
} LoketInbox;

#define LOKET_INBOX_N_INBOXES (LOKET_INBOX_LATE + 1)

/* "incoming", "needs_action", "awaiting_paraf", "awaiting_signature", "sent", "late" */
const char *loket_inbox_to_string   (LoketInbox  inbox);
gboolean    loket_inbox_from_string (const char *text,
                                     LoketInbox *inbox);

typedef struct
{
  guint counts[LOKET_INBOX_N_INBOXES];
} LoketInboxCounts;

/* One row of an inbox list. Disposition inboxes carry the disposition; case inboxes (paraf,
 * signature, the Kadis's undisposed cases) have disposition == NULL. */
typedef struct
{
  LoketCase        *kase;        /* the case's projection (agenda number, subject, due, …) */
  LoketDisposition *disposition; /* (nullable) */
  gboolean          unread;
  gboolean          late;
} LoketInboxItem;

void loket_inbox_item_free (LoketInboxItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketInboxItem, loket_inbox_item_free)

/* All six counts for @person_id at @now (0 = the real clock). LOKET_ERROR_NOT_FOUND for an
 * unknown person. */
gboolean    loket_store_count_person_inboxes        (LoketStore       *self,
                                                     const char       *person_id,
                                                     gint64            now,
                                                     LoketInboxCounts *counts,
                                                     GError          **error);
void        loket_store_count_person_inboxes_async  (LoketStore          *self,
                                                     const char          *person_id,
                                                     gint64               now,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean    loket_store_count_person_inboxes_finish (LoketStore       *self,
                                                     GAsyncResult     *result,
                                                     LoketInboxCounts *counts,
                                                     GError          **error);

/* Rows @offset … @offset+@limit-1 of one inbox, newest first (sent / due order documented in
 * loket-store-routing-inbox.c). (transfer full, element LoketInboxItem) */
GPtrArray  *loket_store_list_person_inbox        (LoketStore          *self,
                                                  const char          *person_id,
                                                  LoketInbox           inbox,
                                                  gint64               now,
                                                  guint                offset,
                                                  guint                limit,
                                                  GError             **error);
void        loket_store_list_person_inbox_async  (LoketStore          *self,
                                                  const char          *person_id,
                                                  LoketInbox           inbox,
                                                  gint64               now,
                                                  guint                offset,
                                                  guint                limit,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray  *loket_store_list_person_inbox_finish (LoketStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* The in-app notices of escalation: open dispositions escalated to a position @person_id acts
 * for at @now (their recipient is late), latest escalation first. (transfer full, element
 * LoketInboxItem) */
GPtrArray  *loket_store_list_escalated_to_person (LoketStore  *self,
                                                  const char  *person_id,
                                                  gint64       now,
                                                  GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Delegations (table `stand_ins`, so an office can add Plh./Plt. without editing data
 * files) ---- */
/* Checked by loket_workflow_add_stand_in, stored, and loaded into the workflow. Fills
 * stand_in->id when NULL. */
gboolean    loket_store_add_stand_in    (LoketStore    *self,
                                         LoketStandIn  *stand_in,
                                         GError       **error);
gboolean    loket_store_remove_stand_in (LoketStore    *self,
                                         const char    *id,
                                         GError       **error);
/* (transfer full, element LoketStandIn) */
GPtrArray  *loket_store_list_stand_ins  (LoketStore    *self,
                                         GError       **error);

/* ---- Escalation ---- */
/* Appends escalation.raised for every escalation due at @now (0 = the real clock) over all open
 * dispositions, at most once per (disposition, recipient) ever: the event's UUID is derived from
 * them, so a restart or another device raising it again records nothing. @author: the device's
 * user or "system". (transfer full, element LoketEscalation) the escalations raised now. */
GPtrArray  *loket_store_raise_escalations (LoketStore  *self,
                                           const char  *author,
                                           gint64       now,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
