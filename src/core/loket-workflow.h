// SPDX-License-Identifier: GPL-3.0-or-later
// The workflow engine: who may do what next on a case, and by when (DESIGN.md §5, issue 4).
//
// Accounts. A local account is a person of the org chart. A person acts for their own position
// and, inside the validity period of a Plh./Plt. delegation, for the delegated position.
//
// Disposition rules (roles resolved on the unit tree, never on fixed people):
//  - The superior of a position is the head of its unit (the Kasi for staf of a Seksi), or the
//    head of the parent unit for the head of a unit (Kabid → Kepala Dinas, Kasi → Kabid).
//  - A disposition goes from a position only to its direct subordinates (positions whose
//    superior it is): Kepala Dinas → Sekretaris, Kepala Bidang, Kepala UPTD; Kabid → Kasi of that
//    Bidang; Sekretaris → Kasubag; Kasi → staf of that Seksi. Staf and the pencatat surat
//    dispose to nobody.
//  - Who may dispose: the Kepala Dinas of the case's agency while the case is open; any other
//    position only while it holds an open disposition of the case (then the new disposition
//    forwards that one: "only the holder forwards").
//  - Report (laporan tindak lanjut): a recipient of an open disposition, to its sender.
//  - Withdraw: only the sender's position, only while no recipient has read, forwarded or
//    reported it. Mark read: a recipient of an unwithdrawn disposition.
//  - A withdrawn or closed-case disposition cannot be acted on. A due date in the past, an
//    unknown position, an unknown instruction are refused.
//
// Default due date of a step: half of the working days left until the case's SLA deadline
// (rounded down, at least 1 working day, never after the deadline), end of that working day in
// the calendar's time zone. For a case without a running deadline (no SLA, paused, clock not
// started): the instruction's "days" from instructions.json (working days).
//
// Escalation: an open disposition whose due date has passed is escalated once to the superior
// of its recipient; escalation.raised {id, position, to, due, at} records it, with an event UUID
// derived from (disposition id, position) so that two devices raising it offline make the same
// event (stored once).
#pragma once

#include "loket-case.h"
#include "loket-disposition-ledger.h"
#include "loket-draft-chain.h"
#include "loket-org-chart.h"
#include "loket-service-catalog.h"
#include "loket-work-calendar.h"

G_BEGIN_DECLS

/* An item of the lembar disposisi (data/workflow/instructions.json). */
typedef struct
{
  char *id;       /* "untuk_ditindaklanjuti" */
  char *label;    /* translatable English source ("For follow-up"), translate with _() */
  char *label_id; /* the printed Indonesian text ("Untuk ditindaklanjuti") */
  guint days;     /* default budget in working days when the case has no deadline */
  gboolean needs_report; /* the recipient is expected to report back */
} LoketInstruction;

typedef enum
{
  LOKET_STAND_IN_PLH, /* Pelaksana Harian: stands in while the holder is away */
  LOKET_STAND_IN_PLT, /* Pelaksana Tugas: the position is vacant */
} LoketStandInKind;

/* @person_id may act for @position_id from @starts_at (inclusive) until @ends_at (exclusive),
 * Unix s. */
typedef struct
{
  char               *id;
  char               *person_id;
  char               *position_id;
  LoketStandInKind    kind;
  gint64              starts_at;
  gint64              ends_at;
  char               *note;
} LoketStandIn;

LoketStandIn *loket_stand_in_new  (const char        *person_id,
                                   const char        *position_id,
                                   LoketStandInKind   kind,
                                   gint64             starts_at,
                                   gint64             ends_at) G_GNUC_WARN_UNUSED_RESULT;
LoketStandIn *loket_stand_in_copy (const LoketStandIn *self) G_GNUC_WARN_UNUSED_RESULT;
void          loket_stand_in_free (LoketStandIn       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketStandIn, loket_stand_in_free)
/* "plh" / "plt" */
const char   *loket_stand_in_kind_to_string   (LoketStandInKind  kind);
gboolean      loket_stand_in_kind_from_string (const char       *text,
                                               LoketStandInKind *kind);

/* A position a person may act for at a given time. */
typedef struct
{
  char               *position_id;
  gboolean            delegated; /* FALSE: the person's own position */
  LoketStandInKind    kind;      /* when delegated */
  gint64              ends_at;   /* when delegated */
} LoketActingPosition;

void loket_acting_position_free (LoketActingPosition *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketActingPosition, loket_acting_position_free)

typedef enum
{
  LOKET_WORKFLOW_ACTION_DISPOSE,   /* disposition.sent without a parent (Kepala Dinas) */
  LOKET_WORKFLOW_ACTION_FORWARD,   /* disposition.sent forwarding a received one */
  LOKET_WORKFLOW_ACTION_REPORT,    /* disposition.reported */
  LOKET_WORKFLOW_ACTION_WITHDRAW,  /* disposition.withdrawn */
  LOKET_WORKFLOW_ACTION_MARK_READ, /* disposition.read */
} LoketWorkflowAction;

/* What a person asks to do. Strings are owned (loket_workflow_request_free). */
typedef struct
{
  LoketWorkflowAction action;
  char               *person_id;      /* who acts (required) */
  char               *as_position;    /* NULL: the person's own position if it allows the action,
                                         else the first valid delegation that does */
  char               *disposition_id; /* FORWARD: the disposition received (NULL: the acting
                                         position's latest open one); REPORT, WITHDRAW,
                                         MARK_READ: required */
  GStrv               to;             /* DISPOSE, FORWARD: position ids, at least one */
  GStrv               instructions;   /* DISPOSE, FORWARD: instruction ids, at least one */
  char               *note;           /* DISPOSE, FORWARD, REPORT; may be NULL */
  GStrv               blobs;          /* REPORT: SHA-256 of attachments; may be NULL */
  gint64              due_at;         /* DISPOSE, FORWARD: Unix s; 0 = the default due date */
  gint64              at;             /* when the act happens, Unix s; 0 = now */
} LoketWorkflowRequest;

LoketWorkflowRequest *loket_workflow_request_new  (LoketWorkflowAction action,
                                                   const char         *person_id) G_GNUC_WARN_UNUSED_RESULT;
LoketWorkflowRequest *loket_workflow_request_copy (const LoketWorkflowRequest *self) G_GNUC_WARN_UNUSED_RESULT;
void                  loket_workflow_request_free (LoketWorkflowRequest *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketWorkflowRequest, loket_workflow_request_free)

/* One thing a person may do next (what the UI offers). */
typedef struct
{
  LoketWorkflowAction action;
  char               *as_position;    /* the position the person acts for */
  char               *disposition_id; /* the disposition concerned, NULL for DISPOSE */
  GPtrArray          *targets;        /* DISPOSE, FORWARD: (element utf8) allowed positions */
  gint64              due_at;         /* DISPOSE, FORWARD: default due date; REPORT: the
                                         disposition's due date (0: none) */
} LoketAllowedAction;

void loket_allowed_action_free (LoketAllowedAction *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketAllowedAction, loket_allowed_action_free)

/* An escalation the engine says is due (not yet recorded). */
typedef struct
{
  char  *disposition_id;
  char  *position_id;   /* the late recipient */
  char  *superior_id;   /* who is notified */
  gint64 due_at;
} LoketEscalation;

void loket_escalation_free (LoketEscalation *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketEscalation, loket_escalation_free)

#define LOKET_TYPE_WORKFLOW (loket_workflow_get_type ())

G_DECLARE_FINAL_TYPE (LoketWorkflow, loket_workflow, LOKET, WORKFLOW, GObject)

/* Loads the instructions compiled into the core resource ($LOKET_WORKFLOW_DIR/instructions.json
 * when that variable is set). */
LoketWorkflow       *loket_workflow_new (LoketOrgChart       *org_chart,
                                         LoketServiceCatalog *catalog,
                                         LoketWorkCalendar   *calendar,
                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;
LoketOrgChart       *loket_workflow_get_org_chart (LoketWorkflow *self);
LoketServiceCatalog *loket_workflow_get_catalog   (LoketWorkflow *self);
LoketWorkCalendar   *loket_workflow_get_calendar  (LoketWorkflow *self);

/* (transfer none, element LoketInstruction) in file order */
GPtrArray              *loket_workflow_get_instructions   (LoketWorkflow *self);
const LoketInstruction *loket_workflow_lookup_instruction (LoketWorkflow *self,
                                                           const char    *id);

/* Plh./Plt. stand-ins (delegations). Kept in the store's `stand_ins` table (so an office adds
 * them without editing data files), which the store loads here. Thread-safe. */
/* Replaces every stand-in by copies of @stand_ins (element LoketStandIn). */
void       loket_workflow_set_stand_ins (LoketWorkflow      *self,
                                         GPtrArray          *stand_ins);
/* Checks (person and position exist, ends after it starts, the person does not already hold
 * the position) and adds a copy. LOKET_ERROR_INVALID_DATA otherwise. */
gboolean   loket_workflow_add_stand_in  (LoketWorkflow      *self,
                                         const LoketStandIn *stand_in,
                                         GError            **error);
/* (transfer full, element LoketStandIn) copies, in the order added */
GPtrArray *loket_workflow_get_stand_ins  (LoketWorkflow      *self) G_GNUC_WARN_UNUSED_RESULT;

/* ---- The org chart seen by the engine ---- */

/* The head position of @unit_id (Kepala Dinas, Sekretaris, Kabid, Kasi/Kasubag, Kepala UPTD),
 * or NULL when the unit has none. (transfer none) */
const LoketPosition *loket_workflow_get_unit_head   (LoketWorkflow *self,
                                                     const char    *unit_id);
/* The superior of @position_id (see the rules above), or NULL for the Kepala Dinas. */
const LoketPosition *loket_workflow_get_superior    (LoketWorkflow *self,
                                                     const char    *position_id);
/* (transfer container, element const LoketPosition *) direct subordinates, in file order */
GPtrArray           *loket_workflow_get_subordinates (LoketWorkflow *self,
                                                      const char    *position_id) G_GNUC_WARN_UNUSED_RESULT;
/* A role resolved relative to the unit handling a case: HEAD → the agency's Kepala Dinas;
 * DIVISION_HEAD / SECRETARY / UPTD_HEAD → the head of the Bidang, Sekretariat or UPTD that
 * contains @unit_id; SECTION_HEAD → the head of @unit_id when it is a Seksi / Sub Bagian, else
 * of the first Seksi of the division; REGISTRAR → the agency's pencatat surat; STAFF → the first
 * staf position of @unit_id. NULL when there is none. */
const LoketPosition *loket_workflow_resolve_role    (LoketWorkflow *self,
                                                     const char    *unit_id,
                                                     LoketRole      role);

/* (transfer full, element LoketActingPosition) the positions @person_id may act for at @at:
 * their own first, then valid delegations in the order added. Empty for an unknown person. */
GPtrArray *loket_workflow_get_acting_positions (LoketWorkflow *self,
                                                const char    *person_id,
                                                gint64         at) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Decisions ---- */

/* Everything @person_id may do next on @kase at @now. (transfer full, element
 * LoketAllowedAction) */
GPtrArray  *loket_workflow_get_allowed_actions (LoketWorkflow          *self,
                                                LoketCase              *kase,
                                                LoketDispositionLedger *ledger,
                                                const char             *person_id,
                                                gint64                  now) G_GNUC_WARN_UNUSED_RESULT;

/* Checks @request against the case, its ledger and the org chart at request->at (0 = @now) and
 * returns the body of the event that records it, its type in @event_type (static string) and,
 * for DISPOSE/FORWARD, the new disposition's id in the body's "id". Refusals:
 *   LOKET_ERROR_FORBIDDEN    the person may not do this (role, not the holder, not the sender,
 *                            delegation outside its period, unknown person);
 *   LOKET_ERROR_INVALID_DATA bad arguments (unknown position or instruction, due date in the
 *                            past, no recipient);
 *   LOKET_ERROR_NOT_FOUND    no such disposition;
 *   LOKET_ERROR_CONFLICT     the case is closed, the disposition is withdrawn / already read,
 *                            reported or forwarded (for withdraw).
 * MARK_READ of an already read disposition gives LOKET_ERROR_CONFLICT too (the store treats it
 * as done). @now: the present, for "due date in the past" (0 = the real clock). */
JsonObject *loket_workflow_check (LoketWorkflow              *self,
                                  LoketCase                  *kase,
                                  LoketDispositionLedger     *ledger,
                                  const LoketWorkflowRequest *request,
                                  gint64                      now,
                                  const char                **event_type,
                                  GError                    **error) G_GNUC_WARN_UNUSED_RESULT;

/* Who signs: the letter of a case is signed by the Kepala Dinas of its agency, or by the Kepala
 * UPTD when the case's unit is inside a UPTD; a Plh./Plt. of that position inside its period
 * signs for it. Returns the position @person_id signs as at @at (transfer none), or NULL with
 * LOKET_ERROR_FORBIDDEN (staf, Kasi, Kabid, Sekretaris, anyone else) or LOKET_ERROR_CONFLICT (the
 * case is closed). The signing itself (letter.signed) is written by the letters module. */
const char *loket_workflow_check_sign (LoketWorkflow *self,
                                       LoketCase     *kase,
                                       const char    *person_id,
                                       gint64         at,
                                       GError       **error);

/* The default due date of a step sent at @at (see the header comment), Unix s. */
gint64      loket_workflow_default_due (LoketWorkflow          *self,
                                        LoketCase              *kase,
                                        const LoketInstruction *instruction,
                                        gint64                  at);

/* Escalations due at @now: open dispositions of @ledger past their due date, not yet escalated,
 * whose recipient has a superior; none for a closed case. (transfer full, element
 * LoketEscalation), in ledger order. */
GPtrArray  *loket_workflow_get_escalations_due (LoketWorkflow          *self,
                                                LoketCase              *kase,
                                                LoketDispositionLedger *ledger,
                                                gint64                  now) G_GNUC_WARN_UNUSED_RESULT;
/* The body of escalation.raised for @escalation at @at. */
JsonObject *loket_escalation_to_body (const LoketEscalation *escalation,
                                      GTimeZone             *tz,
                                      gint64                 at) G_GNUC_WARN_UNUSED_RESULT;
/* The UUID (v5-style, SHA-1 based) of the escalation.raised event of (@disposition_id,
 * @position_id): the same on every device. */
char       *loket_escalation_event_uuid (const char *disposition_id,
                                         const char *position_id) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Letter drafts: the paraf chain and sign-off (EVENTS.md "Letter drafts, review chain") ----
 *
 *  SUBMIT  the holder of a draft in editing (its drafter, or whoever revised it after a return)
 *          puts the latest version up for paraf along `route` (resolved by the caller from
 *          LoketParafRoutes; the signer last). After a return, only a revised version goes up.
 *  PARAF   only the next position of the route, only on the version submitted (and still the
 *          latest: a revision makes every paraf of the old version stale); never the signer.
 *          The body carries `next` (whose turn it is then) and `final` before the signer.
 *  RETURN  the position whose turn it is (next paraf, the signer, or the position a return went
 *          to), with a non-empty note; `to` defaults to the previous holder in the route (the
 *          drafter for the first step) and may only be the drafter or an earlier route position.
 *  SIGN    only the signer of the route (own position or a valid Plh./Plt. of it), only once
 *          every position before it paraf'd the latest version. The body lacks `letter_id` and
 *          `sha256`, which the signing code adds.
 * A closed case refuses everything (LOKET_ERROR_CONFLICT). */
typedef enum
{
  LOKET_DRAFT_ACTION_SUBMIT,
  LOKET_DRAFT_ACTION_PARAF,
  LOKET_DRAFT_ACTION_RETURN,
  LOKET_DRAFT_ACTION_SIGN,
} LoketDraftAction;

typedef struct
{
  LoketDraftAction action;
  char            *person_id;   /* who acts (required) */
  char            *as_position; /* NULL: any position the person may act for that allows it */
  char            *draft_id;    /* required */
  guint            version;     /* 0: the draft's latest version */
  char            *note;        /* RETURN: required */
  char            *to;          /* RETURN: NULL = the previous holder */
  GStrv            route;       /* SUBMIT: positions, the signer last (required) */
  gint64           at;          /* Unix s; 0 = now */
} LoketDraftRequest;

LoketDraftRequest *loket_draft_request_new  (LoketDraftAction   action,
                                             const char        *person_id,
                                             const char        *draft_id) G_GNUC_WARN_UNUSED_RESULT;
LoketDraftRequest *loket_draft_request_copy (const LoketDraftRequest *self) G_GNUC_WARN_UNUSED_RESULT;
void               loket_draft_request_free (LoketDraftRequest *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketDraftRequest, loket_draft_request_free)

/* Checks @request and returns the body of the event that records it (draft.submitted,
 * draft.paraf, draft.returned or — without letter_id/sha256 — letter.signed), its type in
 * @event_type. Refusals: LOKET_ERROR_FORBIDDEN (not this person's turn or role, unknown
 * person), LOKET_ERROR_CONFLICT (a stale version, a missing paraf, the wrong stage, a closed
 * case), LOKET_ERROR_INVALID_DATA (a return without a note, a bad `to` or route),
 * LOKET_ERROR_NOT_FOUND (no such draft). */
JsonObject *loket_workflow_check_draft (LoketWorkflow           *self,
                                        LoketCase               *kase,
                                        LoketDraftChain         *chain,
                                        const LoketDraftRequest *request,
                                        gint64                   now,
                                        const char             **event_type,
                                        GError                 **error) G_GNUC_WARN_UNUSED_RESULT;

/* One draft action @person_id may take now (what the UI offers). */
typedef struct
{
  LoketDraftAction action;
  char            *draft_id;
  char            *as_position;
  gboolean         delegated; /* as a Plh./Plt. */
} LoketAllowedDraftAction;

void loket_allowed_draft_action_free (LoketAllowedDraftAction *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketAllowedDraftAction, loket_allowed_draft_action_free)

/* (transfer full, element LoketAllowedDraftAction) in draft order, SUBMIT/PARAF/SIGN before
 * RETURN; SUBMIT is offered whenever the person holds a draft in editing (the route is resolved
 * when it is done). */
GPtrArray *loket_workflow_get_draft_actions (LoketWorkflow   *self,
                                             LoketCase       *kase,
                                             LoketDraftChain *chain,
                                             const char      *person_id,
                                             gint64           now) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
