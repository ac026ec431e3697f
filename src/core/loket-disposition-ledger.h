// SPDX-License-Identifier: GPL-3.0-or-later
// The dispositions of one case folded from its events: who sent what to whom, read, reported.
#pragma once

#include "loket-event.h"

G_BEGIN_DECLS

/* Where one recipient of a disposition stands. */
typedef enum
{
  LOKET_DISPOSITION_UNREAD,    /* sent, not opened by the recipient */
  LOKET_DISPOSITION_READ,      /* opened (disposition.read) */
  LOKET_DISPOSITION_FORWARDED, /* the recipient passed it further down (a child disposition) */
  LOKET_DISPOSITION_REPORTED,  /* laporan tindak lanjut sent back up: done */
  LOKET_DISPOSITION_WITHDRAWN, /* the sender took it back while unread: void */
} LoketDispositionState;

/* One recipient of one disposition (a disposition.sent to three positions is three of these,
 * sharing `id`). Times are Unix seconds; 0 = not (yet). */
typedef struct
{
  char                 *id;            /* the disposition id (body "id"; the event UUID for
                                          old bodies without one) */
  char                 *case_uuid;
  char                 *parent_id;     /* the disposition this one forwards, or NULL */
  char                 *from_position; /* sender's position (body "from") */
  char                 *from_person;   /* sender (event author) */
  char                 *position_id;   /* this recipient */
  GStrv                 instructions;  /* instruction ids (instructions.json) */
  char                 *note;          /* may be NULL */
  char                 *sent_hlc;      /* HLC of the disposition.sent event */
  gint64                sent_at;
  gint64                due_at;        /* 0: no due date */
  gint64                read_at;
  gint64                forwarded_at;
  gint64                reported_at;
  gint64                withdrawn_at;
  gint64                escalated_at;  /* escalation.raised seen for this recipient */
  char                 *escalated_to;  /* superior position notified, or NULL */
  char                 *report_note;   /* laporan tindak lanjut text, or NULL */
  GStrv                 report_blobs;  /* SHA-256 of the report's attachments, or NULL */
  char                 *reported_by;   /* person who reported, or NULL */
  LoketDispositionState state;
} LoketDisposition;

LoketDisposition *loket_disposition_copy (const LoketDisposition *self) G_GNUC_WARN_UNUSED_RESULT;
void              loket_disposition_free (LoketDisposition *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketDisposition, loket_disposition_free)

/* The recipient still has to act: unread, read or forwarded (not reported, not withdrawn). */
gboolean    loket_disposition_is_open  (const LoketDisposition *self);
/* Open, has a due date and @now is past it. */
gboolean    loket_disposition_is_late  (const LoketDisposition *self,
                                        gint64                  now);
/* "unread", "read", "forwarded", "reported", "withdrawn" (SQL and JSON). */
const char *loket_disposition_state_to_string   (LoketDispositionState state);
gboolean    loket_disposition_state_from_string (const char            *text,
                                                 LoketDispositionState *state);

/* One line of the riwayat (history) of a case's dispositions, in event order. */
typedef enum
{
  LOKET_DISPOSITION_STEP_SENT,
  LOKET_DISPOSITION_STEP_READ,
  LOKET_DISPOSITION_STEP_REPORTED,
  LOKET_DISPOSITION_STEP_WITHDRAWN,
  LOKET_DISPOSITION_STEP_ESCALATED,
} LoketDispositionStepKind;

typedef struct
{
  LoketDispositionStepKind kind;
  char                    *hlc;
  gint64                   at;
  char                    *disposition_id;
  char                    *parent_id;    /* SENT: the disposition forwarded, or NULL */
  char                    *person_id;    /* who (the event author) */
  char                    *position_id;  /* acting position: sender (SENT, WITHDRAWN), recipient
                                            (READ, REPORTED, ESCALATED) */
  GStrv                    to;           /* SENT: recipients; ESCALATED: the superior */
  GStrv                    instructions; /* SENT */
  char                    *note;         /* SENT, REPORTED */
  GStrv                    blobs;        /* REPORTED */
  gint64                   due_at;       /* SENT, ESCALATED */
  gboolean                 concurrent;   /* SENT: another person on another PC sent one with the
                                            same parent while this was open (offline work); both
                                            are kept */
} LoketDispositionStep;

void loket_disposition_step_free (LoketDispositionStep *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketDispositionStep, loket_disposition_step_free)

#define LOKET_TYPE_DISPOSITION_LEDGER (loket_disposition_ledger_get_type ())

G_DECLARE_FINAL_TYPE (LoketDispositionLedger, loket_disposition_ledger, LOKET,
                      DISPOSITION_LEDGER, GObject)

LoketDispositionLedger *loket_disposition_ledger_new (const char *case_uuid) G_GNUC_WARN_UNUSED_RESULT;
/* Sorts a copy of @events by (HLC, UUID) (duplicates count once) and folds them. Other event
 * types are skipped. LOKET_ERROR_INVALID_DATA for a malformed disposition body. */
LoketDispositionLedger *loket_disposition_ledger_new_from_events (const char *case_uuid,
                                                                  GPtrArray  *events,
                                                                  GError    **error) G_GNUC_WARN_UNUSED_RESULT;
/* Folds one event (the caller keeps (HLC, UUID) order). Types other than disposition.* and
 * escalation.raised are ignored. Acts that do not fit the state (a read after a withdrawal, a
 * second report; concurrent offline work) are kept in the history but do not change the state:
 * the first in event order wins. A malformed body is an error and changes nothing. */
gboolean                loket_disposition_ledger_apply  (LoketDispositionLedger *self,
                                                         LoketEvent             *event,
                                                         GError                **error);
const char             *loket_disposition_ledger_get_case_uuid (LoketDispositionLedger *self);
/* (transfer none, element LoketDisposition) every recipient of every disposition, in send order
 * then `to` order. */
GPtrArray              *loket_disposition_ledger_get_dispositions (LoketDispositionLedger *self);
/* The recipient @position_id of disposition @id; @position_id NULL: its first recipient. */
const LoketDisposition *loket_disposition_ledger_lookup (LoketDispositionLedger *self,
                                                         const char             *id,
                                                         const char             *position_id);
/* (transfer none, element LoketDispositionStep) the riwayat, in event order. */
GPtrArray              *loket_disposition_ledger_get_history (LoketDispositionLedger *self);
/* The position holding the case after the latest movement, in event order: a disposition sent →
 * its first recipient; reported or withdrawn → its sender; NULL before any disposition. (The
 * projector computes the same `holder` from the bodies alone.) */
const char             *loket_disposition_ledger_get_holder (LoketDispositionLedger *self);

G_END_DECLS
