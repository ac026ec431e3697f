// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore: letter drafts (konsep) and their versions, as `draft.created` / `draft.revised`
// events (src/core/EVENTS.md) indexed by the `letter_drafts` table. The store keeps a version's
// content as JSON text; turning it into a LoketLetterDraft is the letters/app layers' business.
#pragma once

#include "loket-store.h"

G_BEGIN_DECLS

/* One version of a draft. */
typedef struct
{
  char  *draft_id;
  guint  version;
  char  *case_uuid;
  char  *kind;
  char  *event_uuid;
  char  *author;   /* person id of the writer */
  char  *position; /* the drafter's position, or NULL */
  char  *note;     /* "what changed", or NULL */
  gint64 at;       /* Unix s */
  char  *content;  /* the LoketLetterDraft JSON (loads only; NULL in listings) */
} LoketDraftVersion;

void loket_draft_version_free (LoketDraftVersion *version);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketDraftVersion, loket_draft_version_free)

/* Starts a draft of the case @case_uuid: appends `draft.created` (version 1) with @content (a
 * JSON object with a string "kind", ≤ 4 MiB) and returns the new draft id (a UUID).
 * LOKET_ERROR_NOT_FOUND: no such case; LOKET_ERROR_CONFLICT: the case is closed;
 * LOKET_ERROR_INVALID_DATA: bad content. @author: person id; @position, @note may be NULL;
 * @at: Unix s, 0 = now. */
char  *loket_store_create_letter_draft        (LoketStore          *self,
                                               const char          *case_uuid,
                                               const char          *author,
                                               const char          *position,
                                               const char          *content,
                                               const char          *note,
                                               gint64               at,
                                               GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void   loket_store_create_letter_draft_async  (LoketStore          *self,
                                               const char          *case_uuid,
                                               const char          *author,
                                               const char          *position,
                                               const char          *content,
                                               const char          *note,
                                               gint64               at,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char  *loket_store_create_letter_draft_finish (LoketStore          *self,
                                               GAsyncResult        *result,
                                               GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Appends `draft.revised` with version @base_version + 1 and returns that version, or 0 on error.
 * @base_version must be the draft's latest version, else LOKET_ERROR_CONFLICT (someone saved a
 * newer version meanwhile); the content's kind must stay the draft's (LOKET_ERROR_INVALID_DATA).
 * LOKET_ERROR_NOT_FOUND: no such draft. */
guint  loket_store_revise_letter_draft        (LoketStore          *self,
                                               const char          *draft_id,
                                               guint                base_version,
                                               const char          *author,
                                               const char          *position,
                                               const char          *content,
                                               const char          *note,
                                               gint64               at,
                                               GError             **error);
void   loket_store_revise_letter_draft_async  (LoketStore          *self,
                                               const char          *draft_id,
                                               guint                base_version,
                                               const char          *author,
                                               const char          *position,
                                               const char          *content,
                                               const char          *note,
                                               gint64               at,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
guint  loket_store_revise_letter_draft_finish (LoketStore          *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Every version of every draft of @case_uuid (without content): drafts in the order they were
 * created, each draft's versions in order. (transfer full) (element LoketDraftVersion) */
GPtrArray *loket_store_list_letter_drafts        (LoketStore          *self,
                                                  const char          *case_uuid,
                                                  GError             **error);
void       loket_store_list_letter_drafts_async  (LoketStore          *self,
                                                  const char          *case_uuid,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray *loket_store_list_letter_drafts_finish (LoketStore          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Version @version (0: the latest) of @draft_id with its content. LOKET_ERROR_NOT_FOUND when
 * there is no such draft or version. */
LoketDraftVersion *loket_store_load_letter_draft        (LoketStore          *self,
                                                         const char          *draft_id,
                                                         guint                version,
                                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void               loket_store_load_letter_draft_async  (LoketStore          *self,
                                                         const char          *draft_id,
                                                         guint                version,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
LoketDraftVersion *loket_store_load_letter_draft_finish (LoketStore          *self,
                                                         GAsyncResult        *result,
                                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
