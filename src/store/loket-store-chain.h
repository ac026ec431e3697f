// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore: the review chain of letter drafts — submit, paraf, return, review comments, the
// "Perlu Paraf" / "Menunggu Tanda Tangan" queues and the record of a signature (loket-store-
// chain.c). Every act is checked by the workflow engine (loket_workflow_check_draft) inside the
// write transaction against the case's stored events, and nothing is written on refusal.
#pragma once

#include "loket-draft-chain.h"
#include "loket-paraf-routes.h"
#include "loket-store.h"
#include "loket-workflow.h"

G_BEGIN_DECLS

/* The routes submissions resolve against (default: loket_paraf_routes_new_default on first use). */
void              loket_store_set_paraf_routes (LoketStore       *self,
                                                LoketParafRoutes *routes);
LoketParafRoutes *loket_store_get_paraf_routes (LoketStore       *self,
                                                GError          **error);

/* The drafts, chain and comments of @case_uuid, folded from its events. LOKET_ERROR_NOT_FOUND
 * for an unknown case. */
LoketDraftChain *loket_store_get_draft_chain        (LoketStore          *self,
                                                     const char          *case_uuid,
                                                     GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void             loket_store_get_draft_chain_async  (LoketStore          *self,
                                                     const char          *case_uuid,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
LoketDraftChain *loket_store_get_draft_chain_finish (LoketStore          *self,
                                                     GAsyncResult        *result,
                                                     GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* SUBMIT, PARAF or RETURN (SIGN: loket_store_record_signature). A SUBMIT without a route gets
 * the one LoketParafRoutes resolves for the case's service and unit, the draft's kind and
 * drafter. Errors: the engine's, plus LOKET_ERROR_NOT_FOUND for an unknown case. */
gboolean loket_store_draft_act        (LoketStore              *self,
                                       const char              *case_uuid,
                                       const LoketDraftRequest *request,
                                       GError                 **error);
void     loket_store_draft_act_async  (LoketStore              *self,
                                       const char              *case_uuid,
                                       const LoketDraftRequest *request,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data);
gboolean loket_store_draft_act_finish (LoketStore              *self,
                                       GAsyncResult            *result,
                                       GError                 **error);

/* Shorthands (version 0: the latest; @to NULL: the previous holder). */
gboolean loket_store_submit_draft (LoketStore  *self,
                                   const char  *case_uuid,
                                   const char  *person_id,
                                   const char  *draft_id,
                                   GError     **error);
gboolean loket_store_paraf_draft  (LoketStore  *self,
                                   const char  *case_uuid,
                                   const char  *person_id,
                                   const char  *draft_id,
                                   guint        version,
                                   GError     **error);
gboolean loket_store_return_draft (LoketStore  *self,
                                   const char  *case_uuid,
                                   const char  *person_id,
                                   const char  *draft_id,
                                   const char  *note,
                                   const char  *to,
                                   GError     **error);

/* ---- Review comments (comment.added / comment.resolved; the PDF is never modified) ---- */
typedef struct
{
  char  *person_id;   /* required: a person of the org chart */
  char  *draft_id;    /* the draft commented on, or NULL with @blob */
  guint  version;     /* with @draft_id; 0 = the latest */
  char  *blob;        /* SHA-256 of a case document, or NULL */
  guint  page;        /* 0-based */
  double rect[4];     /* x, y, width, height in PDF points, origin top-left; all 0: whole page */
  char  *text;        /* 1–4000 bytes after trimming */
} LoketCommentRequest;

LoketCommentRequest *loket_comment_request_new  (const char *person_id,
                                                 const char *text) G_GNUC_WARN_UNUSED_RESULT;
LoketCommentRequest *loket_comment_request_copy (const LoketCommentRequest *self) G_GNUC_WARN_UNUSED_RESULT;
void                 loket_comment_request_free (LoketCommentRequest *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketCommentRequest, loket_comment_request_free)

/* Appends comment.added and returns its id. LOKET_ERROR_INVALID_DATA: empty or too long text,
 * a negative or non-finite rectangle, neither draft nor document, a page past 9999;
 * LOKET_ERROR_NOT_FOUND: no such case, draft or version; LOKET_ERROR_FORBIDDEN: not a person of
 * the agency; LOKET_ERROR_CONFLICT: the case is closed. */
char    *loket_store_add_comment         (LoketStore                *self,
                                          const char                *case_uuid,
                                          const LoketCommentRequest *request,
                                          GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
void     loket_store_add_comment_async   (LoketStore                *self,
                                          const char                *case_uuid,
                                          const LoketCommentRequest *request,
                                          GCancellable              *cancellable,
                                          GAsyncReadyCallback        callback,
                                          gpointer                   user_data);
char    *loket_store_add_comment_finish  (LoketStore                *self,
                                          GAsyncResult              *result,
                                          GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
/* Appends comment.resolved. Who may: the comment's author's position or the draft's holder /
 * drafter (the one who corrects). LOKET_ERROR_CONFLICT when already resolved. */
gboolean loket_store_resolve_comment        (LoketStore          *self,
                                             const char          *case_uuid,
                                             const char          *person_id,
                                             const char          *comment_id,
                                             GError             **error);
void     loket_store_resolve_comment_async  (LoketStore          *self,
                                             const char          *case_uuid,
                                             const char          *person_id,
                                             const char          *comment_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean loket_store_resolve_comment_finish (LoketStore          *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* ---- Queues ---- */
typedef enum
{
  LOKET_DRAFT_QUEUE_PARAF,     /* Perlu Paraf: drafts in review whose next paraf is the person's */
  LOKET_DRAFT_QUEUE_SIGNATURE, /* Menunggu Tanda Tangan: approved drafts the person signs */
  LOKET_DRAFT_QUEUE_RETURNED,  /* drafts returned or in editing held by the person */
} LoketDraftQueue;

typedef struct
{
  LoketCase *kase;        /* the case's projection */
  char      *draft_id;
  char      *kind;
  guint      version;
  char      *position;    /* the position the person acts as */
  gboolean   delegated;   /* as a Plh./Plt. */
  guint      n_comments;  /* open comments on the draft */
  gint64     updated_at;
} LoketDraftQueueItem;

void loket_draft_queue_item_free (LoketDraftQueueItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketDraftQueueItem, loket_draft_queue_item_free)

/* Over every position @person_id acts for at @now (own + valid Plh./Plt.), oldest first.
 * (transfer full, element LoketDraftQueueItem) */
GPtrArray *loket_store_list_draft_queue        (LoketStore          *self,
                                                const char          *person_id,
                                                LoketDraftQueue      queue,
                                                gint64               now,
                                                GError             **error);
void       loket_store_list_draft_queue_async  (LoketStore          *self,
                                                const char          *person_id,
                                                LoketDraftQueue      queue,
                                                gint64               now,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray *loket_store_list_draft_queue_finish (LoketStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* ---- Signing ---- */
/* Records the signature of @request->draft_id (action SIGN) as one transaction: checks it with
 * the engine (every paraf of the latest version, the signer's turn), checks that blob @sha256
 * (the signed PDF, stored with loket_store_add_blob) exists, appends letter.signed {…, letter_id,
 * sha256} and the hand-over step: disposition.sent from the signer's position to the
 * registrar (Pengadministrasi Umum) with the instruction and note of the routes' "handover".
 * @handover_id (may be NULL): the new disposition's id. */
gboolean loket_store_record_signature (LoketStore              *self,
                                       const char              *case_uuid,
                                       const LoketDraftRequest *request,
                                       const char              *letter_id,
                                       const char              *sha256,
                                       char                   **handover_id,
                                       GError                 **error);

G_END_DECLS
