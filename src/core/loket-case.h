// SPDX-License-Identifier: GPL-3.0-or-later
// The projected state of one case: what its events add up to (DESIGN.md §3).
#pragma once

#include <glib-object.h>

#include "loket-work-calendar.h"

G_BEGIN_DECLS

typedef enum
{
  LOKET_CASE_STATUS_REGISTERED,         /* Diterima: registered, not yet declared complete */
  LOKET_CASE_STATUS_INCOMPLETE,         /* Berkas belum lengkap: returned to the applicant */
  LOKET_CASE_STATUS_IN_PROCESS,         /* Diproses: complete, clock running */
  LOKET_CASE_STATUS_PAUSED,             /* Ditunda: waiting on the applicant or an outside body */
  LOKET_CASE_STATUS_DRAFTING,           /* Konsep: a draft letter is being prepared/reviewed */
  LOKET_CASE_STATUS_AWAITING_SIGNATURE, /* Menunggu tanda tangan */
  LOKET_CASE_STATUS_SIGNED,             /* Ditandatangani: letter signed, not yet handed over */
  LOKET_CASE_STATUS_CLOSED,             /* Selesai */
} LoketCaseStatus;

#define LOKET_CASE_STATUS_LAST LOKET_CASE_STATUS_CLOSED

#define LOKET_TYPE_CASE (loket_case_get_type ())

G_DECLARE_FINAL_TYPE (LoketCase, loket_case, LOKET, CASE, GObject)

/* An empty case (status REGISTERED, no fields); the projector fills it. Every field is a
 * GObject property of the same name (with '-'), so list rows can bind to them. */
LoketCase      *loket_case_new                (const char *uuid) G_GNUC_WARN_UNUSED_RESULT;

const char     *loket_case_get_uuid           (LoketCase *self);
const char     *loket_case_get_agency_id      (LoketCase *self);
const char     *loket_case_get_service_id     (LoketCase *self);
const char     *loket_case_get_unit_id        (LoketCase *self); /* the Bidang that handles it */
const char     *loket_case_get_channel        (LoketCase *self);
const char     *loket_case_get_agenda_number  (LoketCase *self);
const char     *loket_case_get_subject        (LoketCase *self);
const char     *loket_case_get_applicant_name (LoketCase *self); /* first party */
const char     *loket_case_get_applicant_nik  (LoketCase *self); /* NULL for an organisation */
const char     *loket_case_get_holder         (LoketCase *self); /* position id holding it, or NULL */
LoketCaseStatus loket_case_get_status         (LoketCase *self);
gint64          loket_case_get_received_at    (LoketCase *self); /* Unix s */
gint64          loket_case_get_complete_at    (LoketCase *self); /* 0: not declared complete */
gint64          loket_case_get_due_at         (LoketCase *self); /* 0: no deadline */
gint64          loket_case_get_closed_at      (LoketCase *self); /* 0: open */
guint           loket_case_get_event_count    (LoketCase *self);
const char     *loket_case_get_last_hlc       (LoketCase *self);
/* Pauses of the clock, in order. (transfer none, element LoketPause) */
GArray         *loket_case_get_pauses         (LoketCase *self);
/* Whether it is open and past its deadline at @now. */
gboolean        loket_case_is_overdue         (LoketCase *self,
                                               gint64     now);

/* Copies every projected field of @src into @self, notifying what changed (used by paged
 * list models to fill a placeholder in place). */
void            loket_case_update_from        (LoketCase *self,
                                               LoketCase *src);

/* Setters used by the projector and the store's row loader. */
void            loket_case_set_agency_id      (LoketCase *self, const char *value);
void            loket_case_set_service_id     (LoketCase *self, const char *value);
void            loket_case_set_unit_id        (LoketCase *self, const char *value);
void            loket_case_set_channel        (LoketCase *self, const char *value);
void            loket_case_set_agenda_number  (LoketCase *self, const char *value);
void            loket_case_set_subject        (LoketCase *self, const char *value);
void            loket_case_set_applicant_name (LoketCase *self, const char *value);
void            loket_case_set_applicant_nik  (LoketCase *self, const char *value);
void            loket_case_set_holder         (LoketCase *self, const char *value);
void            loket_case_set_status         (LoketCase *self, LoketCaseStatus value);
void            loket_case_set_received_at    (LoketCase *self, gint64 value);
void            loket_case_set_complete_at    (LoketCase *self, gint64 value);
void            loket_case_set_due_at         (LoketCase *self, gint64 value);
void            loket_case_set_closed_at      (LoketCase *self, gint64 value);
void            loket_case_set_event_count    (LoketCase *self, guint value);
void            loket_case_set_last_hlc       (LoketCase *self, const char *value);
void            loket_case_add_pause          (LoketCase *self, gint64 start, gint64 end);
void            loket_case_end_pause          (LoketCase *self, gint64 end);

/* Stable machine names ("registered", "in_process", …) used in SQL and JSON. */
const char     *loket_case_status_to_string   (LoketCaseStatus status);
gboolean        loket_case_status_from_string (const char      *text,
                                               LoketCaseStatus *status);
/* Field-by-field equality of projected state (used by tests and `loket-cli check`). */
gboolean        loket_case_equal              (LoketCase *a,
                                               LoketCase *b);

G_END_DECLS
