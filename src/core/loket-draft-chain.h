// SPDX-License-Identifier: GPL-3.0-or-later
// The letter drafts of one case and their review chain, folded from its draft.*, comment.* and
// letter.signed events (src/core/EVENTS.md, "Letter drafts, review chain and sign-off"). The
// workflow engine decides on it (loket_workflow_check_draft); the store and the UI read it.
#pragma once

#include <json-glib/json-glib.h>

#include "loket-event.h"

G_BEGIN_DECLS

typedef enum
{
  LOKET_DRAFT_STAGE_EDITING,   /* created or revised, not (yet again) submitted */
  LOKET_DRAFT_STAGE_IN_REVIEW, /* submitted; positions of the route paraf in turn */
  LOKET_DRAFT_STAGE_RETURNED,  /* sent back for correction (to `returned_to`) */
  LOKET_DRAFT_STAGE_APPROVED,  /* every paraf given: awaiting the signer */
  LOKET_DRAFT_STAGE_SIGNED,
} LoketDraftStage;

/* "editing", "in_review", "returned", "approved", "signed" */
const char *loket_draft_stage_to_string (LoketDraftStage stage);

/* One entry of a draft's history (riwayat), in event order. */
typedef struct
{
  char  *type;     /* the event type ("draft.paraf", …) */
  char  *position; /* who acted (position id), may be NULL */
  char  *author;   /* the event's author (person id) */
  char  *to;       /* draft.returned: to whom */
  char  *note;     /* draft.returned (always), draft.revised (optional) */
  guint  version;
  gint64 at;       /* Unix s */
} LoketDraftStep;

typedef struct
{
  char            *draft_id;
  char            *kind;           /* template kind ("rekomendasi") */
  char            *drafter;        /* position of draft.created */
  guint            version;        /* latest version */
  GPtrArray       *contents;       /* (element JsonNode) content of version i+1 */
  LoketDraftStage  stage;
  GPtrArray       *route;          /* (element utf8) of the latest submission; may be empty */
  guint            route_version;  /* the version submitted */
  guint            n_paraf;        /* route positions that paraf'd route_version, in order */
  char            *returned_to;    /* RETURNED: the position it went back to */
  char            *return_note;    /* the latest return's note */
  char            *letter_id;      /* SIGNED */
  char            *signed_sha256;  /* SIGNED: the signed PDF blob */
  char            *signer;         /* SIGNED: the signer position */
  gint64           updated_at;     /* the latest event's `at` */
  GPtrArray       *history;        /* (element LoketDraftStep) */
} LoketDraftState;

/* The position whose turn it is: the next paraf (IN_REVIEW), the signer (APPROVED), the
 * position it was returned to (RETURNED), the drafter (EDITING); NULL when signed. */
const char *loket_draft_state_get_holder (const LoketDraftState *self);
/* The signer of the latest submission's route, or NULL. */
const char *loket_draft_state_get_signer (const LoketDraftState *self);
/* Content of @version (1-based), or NULL. (transfer none) */
JsonNode   *loket_draft_state_get_content (const LoketDraftState *self,
                                           guint                  version);

/* A review comment anchored to a page region (PDF points, origin top-left, 0-based page). */
typedef struct
{
  char    *id;
  char    *draft_id;  /* NULL for a comment on a case document */
  guint    version;   /* 0 when not given */
  char    *blob;      /* the document's SHA-256, or NULL */
  guint    page;
  double   rect[4];   /* x, y, width, height; all 0 = the whole page */
  char    *text;
  char    *position;
  char    *author;
  gint64   at;
  gboolean resolved;
  char    *resolved_by; /* position */
  gint64   resolved_at;
} LoketDraftComment;

#define LOKET_TYPE_DRAFT_CHAIN (loket_draft_chain_get_type ())
G_DECLARE_FINAL_TYPE (LoketDraftChain, loket_draft_chain, LOKET, DRAFT_CHAIN, GObject)

LoketDraftChain *loket_draft_chain_new (void) G_GNUC_WARN_UNUSED_RESULT;
/* Folds @events (LoketEvent, any types, in (HLC, UUID) order). */
LoketDraftChain *loket_draft_chain_new_from_events (GPtrArray *events,
                                                    GError   **error) G_GNUC_WARN_UNUSED_RESULT;
/* Folds one event; other types are ignored. A body of a known type that breaks the contract
 * (no draft_id, version 0, an unknown draft, a revision that is not the next version) gives
 * LOKET_ERROR_INVALID_DATA and changes nothing. */
gboolean         loket_draft_chain_apply (LoketDraftChain *self,
                                          LoketEvent      *event,
                                          GError         **error);
/* Whether @type is folded here. */
gboolean         loket_draft_chain_is_chain_type (const char *type);

/* (transfer none, element LoketDraftState) in creation order */
GPtrArray             *loket_draft_chain_get_drafts   (LoketDraftChain *self);
const LoketDraftState *loket_draft_chain_lookup       (LoketDraftChain *self,
                                                       const char      *draft_id);
/* (transfer none, element LoketDraftComment) in event order */
GPtrArray               *loket_draft_chain_get_comments  (LoketDraftChain *self);
const LoketDraftComment *loket_draft_chain_lookup_comment (LoketDraftChain *self,
                                                           const char      *id);

G_END_DECLS
