// SPDX-License-Identifier: GPL-3.0-or-later
// One immutable case event: the unit of storage, audit and sync (DESIGN.md §3).
#pragma once

#include <json-glib/json-glib.h>

#include "loket-json-reader.h"

G_BEGIN_DECLS

/* Event types (DESIGN.md §3). Bodies are JSON objects; see HACKING.md "Event bodies". */
#define LOKET_EVENT_CASE_REGISTERED       "case.registered"
#define LOKET_EVENT_REQUIREMENT_CHECKED   "requirement.checked"
#define LOKET_EVENT_CASE_RETURNED         "case.returned"
#define LOKET_EVENT_CASE_DECLARED_COMPLETE "case.declared_complete"
#define LOKET_EVENT_CASE_PAUSED           "case.paused"
#define LOKET_EVENT_CASE_RESUMED          "case.resumed"
#define LOKET_EVENT_DOCUMENT_ATTACHED     "document.attached"
#define LOKET_EVENT_DISPOSITION_SENT      "disposition.sent"
#define LOKET_EVENT_DISPOSITION_READ      "disposition.read"
#define LOKET_EVENT_DISPOSITION_REPORTED  "disposition.reported"
#define LOKET_EVENT_DISPOSITION_WITHDRAWN "disposition.withdrawn"
#define LOKET_EVENT_ESCALATION_RAISED     "escalation.raised"
#define LOKET_EVENT_DRAFT_CREATED         "draft.created"
#define LOKET_EVENT_DRAFT_REVISED         "draft.revised"
#define LOKET_EVENT_DRAFT_PARAF           "draft.paraf"
#define LOKET_EVENT_DRAFT_RETURNED        "draft.returned"
#define LOKET_EVENT_DRAFT_SUBMITTED       "draft.submitted"
#define LOKET_EVENT_LETTER_SIGNED         "letter.signed"
#define LOKET_EVENT_LETTER_NUMBERED       "letter.numbered"
#define LOKET_EVENT_LETTER_DISPATCHED     "letter.dispatched"
#define LOKET_EVENT_COMMENT_ADDED         "comment.added"
#define LOKET_EVENT_COMMENT_RESOLVED      "comment.resolved"
#define LOKET_EVENT_CASE_CLOSED           "case.closed"

#define LOKET_TYPE_EVENT (loket_event_get_type ())

G_DECLARE_FINAL_TYPE (LoketEvent, loket_event, LOKET, EVENT, GObject)

/* @uuid may be NULL (a random v4 UUID is made). @hlc is a LoketHlc timestamp string.
 * @body_json must be a JSON object text; it is kept byte for byte (the hash covers it). */
LoketEvent *loket_event_new (const char *uuid,
                             const char *case_uuid,
                             const char *type,
                             const char *author,
                             const char *device,
                             const char *hlc,
                             const char *body_json) G_GNUC_WARN_UNUSED_RESULT;

/* Validates every field (UUID syntax, known type prefix, HLC syntax, body is a JSON object). */
LoketEvent *loket_event_new_checked (const char *uuid,
                                     const char *case_uuid,
                                     const char *type,
                                     const char *author,
                                     const char *device,
                                     const char *hlc,
                                     const char *body_json,
                                     GError    **error) G_GNUC_WARN_UNUSED_RESULT;

const char *loket_event_get_uuid      (LoketEvent *self);
const char *loket_event_get_case_uuid (LoketEvent *self);
const char *loket_event_get_event_type (LoketEvent *self);
const char *loket_event_get_author    (LoketEvent *self);
const char *loket_event_get_device    (LoketEvent *self);
const char *loket_event_get_hlc       (LoketEvent *self);
const char *loket_event_get_body      (LoketEvent *self);
const char *loket_event_get_prev_hash (LoketEvent *self);
const char *loket_event_get_hash      (LoketEvent *self);

/* Set by the store when the event is appended to its case's chain. */
void        loket_event_set_chain     (LoketEvent *self,
                                       const char *prev_hash,
                                       const char *hash);

/* Hex SHA-256 over every field and @prev_hash (NULL or "" for the first event of a case). */
char       *loket_event_compute_hash  (LoketEvent *self,
                                       const char *prev_hash) G_GNUC_WARN_UNUSED_RESULT;

/* Parses the body; NULL with LOKET_ERROR_INVALID_DATA if it is not a JSON object. */
JsonObject *loket_event_parse_body    (LoketEvent *self,
                                       GError    **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same, as a light read-only tree (loket-json-reader.h) whose root is the object: what
 * projections read bodies with. Same errors as loket_event_parse_body(). */
LoketJsonDoc *loket_event_read_body     (LoketEvent *self,
                                       GError    **error) G_GNUC_WARN_UNUSED_RESULT;

/* The wall clock of the event's HLC, in Unix seconds (0 when it has none). */
gint64      loket_event_get_wall_seconds (LoketEvent *self);
/* Sets LOKET_ERROR_INVALID_DATA "Event <uuid> (<type>): “@member” @problem", the wording every
 * fold uses for a body that breaks its type's contract, and returns FALSE. */
gboolean    loket_event_body_invalid  (LoketEvent *self,
                                       const char *member,
                                       const char *problem,
                                       GError    **error);

/* Total order used by every projection: (HLC, UUID). */
int         loket_event_compare       (LoketEvent *a,
                                       LoketEvent *b);

G_END_DECLS
