// SPDX-License-Identifier: GPL-3.0-or-later
// What the counter officer fills in to register a case: service, channel, parties, subject,
// incoming letter, requirements checklist with attachments; validation, drafts, events.
#pragma once

#include <gio/gio.h>

#include "loket-attachment.h"
#include "loket-hlc.h"
#include "loket-party.h"
#include "loket-service-catalog.h"

G_BEGIN_DECLS

/* Sifat of an incoming letter (tata naskah dinas). */
typedef enum
{
  LOKET_LETTER_SIFAT_BIASA,
  LOKET_LETTER_SIFAT_SEGERA,
  LOKET_LETTER_SIFAT_SANGAT_SEGERA,
  LOKET_LETTER_SIFAT_RAHASIA,
} LoketLetterSifat;

/* "biasa", "segera", "sangat_segera", "rahasia" */
const char *loket_letter_sifat_to_string   (LoketLetterSifat  sifat);
gboolean    loket_letter_sifat_from_string (const char       *text,
                                            LoketLetterSifat *sifat);

/* What happens at the end of the intake, besides registering the case. The numeric values of
 * the first two equal FALSE/TRUE ("complete?"). */
typedef enum
{
  LOKET_INTAKE_REGISTER = 0,          /* case.registered (+ checks, attachments) only */
  LOKET_INTAKE_DECLARE_COMPLETE = 1,  /* + case.declared_complete ("Nyatakan Lengkap"): only
                                         when no mandatory requirement is missing */
  LOKET_INTAKE_COMPLETE_AND_CLOSE = 2,/* + case.declared_complete + case.closed: counter services
                                         (a deadline in minutes or hours) served on the spot */
  LOKET_INTAKE_RETURN = 3,            /* + case.returned ("Kembalikan Berkas") listing the missing
                                         mandatory requirements and the return note */
} LoketIntakeOutcome;

/* Longest accepted subject, note or letter field, in bytes. */
#define LOKET_INTAKE_TEXT_MAX 2000

#define LOKET_TYPE_INTAKE_FORM (loket_intake_form_get_type ())

G_DECLARE_FINAL_TYPE (LoketIntakeForm, loket_intake_form, LOKET, INTAKE_FORM, GObject)

/* Signals:
 *   "changed" ()                     after any change (a party's field included): autosave hook.
 *   "requirement-changed" (char *id) after the satisfied flag, "applies" or attachments of one
 *                                    checklist item changed.
 * Properties (read-only unless noted): "service" (LoketService), "channel", "draft-id",
 * "subject" (rw), "return-note" (rw), "received-at" (rw, gint64). */

/* A blank form for @service_id on @channel. LOKET_ERROR_NOT_FOUND when the catalog has no such
 * service; LOKET_ERROR_INVALID_DATA when the service does not have @channel (the message names
 * the channels it has). A new random draft id is made. */
LoketIntakeForm     *loket_intake_form_new             (LoketServiceCatalog *catalog,
                                                        const char          *service_id,
                                                        const char          *channel,
                                                        GError             **error) G_GNUC_WARN_UNUSED_RESULT;

LoketServiceCatalog *loket_intake_form_get_catalog     (LoketIntakeForm *self);
LoketService        *loket_intake_form_get_service     (LoketIntakeForm *self);
const char          *loket_intake_form_get_channel     (LoketIntakeForm *self);
/* Identifies the form's autosaved draft (a UUID); registering the form deletes that draft in the
 * same transaction (loket_store_register_case). */
const char          *loket_intake_form_get_draft_id    (LoketIntakeForm *self);
/* TRUE when the service's deadline on this channel is in minutes or hours: the quick counter
 * intake, which may be closed at once (LOKET_INTAKE_COMPLETE_AND_CLOSE). */
gboolean             loket_intake_form_is_counter_service (LoketIntakeForm *self);

/* Perihal. */
const char          *loket_intake_form_get_subject     (LoketIntakeForm *self);
void                 loket_intake_form_set_subject     (LoketIntakeForm *self,
                                                        const char      *subject);
/* When the papers were received, Unix s; 0 (the default) means "at registration". */
gint64               loket_intake_form_get_received_at (LoketIntakeForm *self);
void                 loket_intake_form_set_received_at (LoketIntakeForm *self,
                                                        gint64           received_at);
/* The note of a LOKET_INTAKE_RETURN ("Berkas dikembalikan: …"). */
const char          *loket_intake_form_get_return_note (LoketIntakeForm *self);
void                 loket_intake_form_set_return_note (LoketIntakeForm *self,
                                                        const char      *note);

/* The incoming letter (for the "surat" channel, optional elsewhere). @date is the letter's date
 * as typed, "YYYY-MM-DD"; validate() checks it is a real date not after the receipt. */
gboolean             loket_intake_form_get_has_letter    (LoketIntakeForm  *self);
void                 loket_intake_form_set_letter        (LoketIntakeForm  *self,
                                                          const char       *number,
                                                          const char       *date,
                                                          const char       *sender,
                                                          LoketLetterSifat  sifat);
void                 loket_intake_form_clear_letter      (LoketIntakeForm  *self);
const char          *loket_intake_form_get_letter_number (LoketIntakeForm  *self);
const char          *loket_intake_form_get_letter_date   (LoketIntakeForm  *self);
const char          *loket_intake_form_get_letter_sender (LoketIntakeForm  *self);
LoketLetterSifat     loket_intake_form_get_letter_sifat  (LoketIntakeForm  *self);

/* Parties, in order (the first is the applicant shown in lists). (transfer none, element
 * LoketParty; a GListStore the form owns: change it only through add/remove below) */
GListModel          *loket_intake_form_get_parties     (LoketIntakeForm *self);
guint                loket_intake_form_get_n_parties   (LoketIntakeForm *self);
LoketParty          *loket_intake_form_get_party       (LoketIntakeForm *self,
                                                        guint            position);
/* The form takes a reference and follows the party's "changed" signal. */
void                 loket_intake_form_add_party       (LoketIntakeForm *self,
                                                        LoketParty      *party);
void                 loket_intake_form_remove_party    (LoketIntakeForm *self,
                                                        guint            position);

/* The checklist: exactly loket_service_get_requirements (service, channel), in source order.
 * (transfer none, element LoketRequirement) */
GPtrArray           *loket_intake_form_get_requirements (LoketIntakeForm *self);

/* Per item. An unknown @requirement_id is a LOKET_ERROR_NOT_FOUND error (setters) or FALSE/NULL
 * (getters). */
gboolean             loket_intake_form_get_satisfied   (LoketIntakeForm *self,
                                                        const char      *requirement_id);
gboolean             loket_intake_form_set_satisfied   (LoketIntakeForm *self,
                                                        const char      *requirement_id,
                                                        gboolean         satisfied,
                                                        GError         **error);
/* A conditional item counts as mandatory once the officer says its condition holds ("applies");
 * FALSE by default. Ignored for mandatory and optional items. */
gboolean             loket_intake_form_get_applies     (LoketIntakeForm *self,
                                                        const char      *requirement_id);
gboolean             loket_intake_form_set_applies     (LoketIntakeForm *self,
                                                        const char      *requirement_id,
                                                        gboolean         applies,
                                                        GError         **error);
/* Attachments of one item (transfer none, element LoketAttachment). Adding marks the item
 * satisfied; the same blob (sha256) twice on one item is kept once (returns TRUE, nothing
 * changes). Removing the last attachment does not clear the satisfied flag. */
GPtrArray           *loket_intake_form_get_attachments (LoketIntakeForm       *self,
                                                        const char            *requirement_id);
gboolean             loket_intake_form_add_attachment  (LoketIntakeForm       *self,
                                                        const char            *requirement_id,
                                                        const LoketAttachment *attachment,
                                                        GError               **error);
gboolean             loket_intake_form_remove_attachment (LoketIntakeForm     *self,
                                                          const char          *requirement_id,
                                                          const char          *sha256,
                                                          GError             **error);
/* Every attachment of every item, in checklist order (transfer container, element
 * LoketAttachment). */
GPtrArray           *loket_intake_form_list_all_attachments (LoketIntakeForm *self) G_GNUC_WARN_UNUSED_RESULT;

/* Requirements that must be satisfied before "Nyatakan Lengkap" and are not: mandatory items
 * and conditional items that apply. (transfer container, element LoketRequirement) */
GPtrArray           *loket_intake_form_missing_mandatory (LoketIntakeForm *self) G_GNUC_WARN_UNUSED_RESULT;
/* TRUE when missing_mandatory() is empty; else LOKET_ERROR_INVALID_DATA whose message lists the
 * missing requirements (number and text). */
gboolean             loket_intake_form_can_declare_complete (LoketIntakeForm *self,
                                                             GError         **error);

/* Everything wrong for registration, one LoketFieldProblem per faulty field (field ids: see
 * loket-party.h): at least one party, each party valid, the subject at most
 * LOKET_INTAKE_TEXT_MAX bytes, the letter (when set) with a number, a sender and a real date
 * not after the receipt; received_at not in the future. Missing requirements are NOT problems
 * here (a case can be registered incomplete); see missing_mandatory(). Empty when valid.
 * (transfer full, element LoketFieldProblem) */
GPtrArray           *loket_intake_form_validate        (LoketIntakeForm *self) G_GNUC_WARN_UNUSED_RESULT;
/* validate() as a GError (LOKET_ERROR_INVALID_DATA, every problem on its own line). */
gboolean             loket_intake_form_check           (LoketIntakeForm *self,
                                                        GError         **error);

/* Draft: the whole form as JSON text (a versioned object, see the .c file). */
char                *loket_intake_form_to_json         (LoketIntakeForm     *self) G_GNUC_WARN_UNUSED_RESULT;
/* Reads a draft back. Everything is checked: the version, the service and channel against
 * @catalog, party shapes, texts (UTF-8, length), the sifat, requirement ids (an item the catalog
 * no longer has is dropped with a g_debug), attachments (loket_attachment_new_from_json).
 * Content (NIK, dates) is not judged: a draft may be half-typed. LOKET_ERROR_INVALID_DATA on
 * error. */
LoketIntakeForm     *loket_intake_form_new_from_json   (LoketServiceCatalog *catalog,
                                                        const char          *json,
                                                        GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* The events of registering this form as case @case_uuid with @agenda_number, stamped by @hlc
 * (in this order, each HLC later than the one before):
 *   case.registered (received_at = the form's, or @now when 0);
 *   requirement.checked for each item that is satisfied or has attachments, with "blobs";
 *   document.attached for each attachment (requirement, sha256, file_name, mime_type, size);
 *   then by @outcome: case.declared_complete, or case.declared_complete + case.closed
 *   (outcome "selesai"), or case.returned (missing ids + return note). These carry the time
 *   received_at too (the decision is taken at the counter).
 * Fails (nothing built) with LOKET_ERROR_INVALID_DATA when validate() finds problems, when
 * DECLARE_COMPLETE/COMPLETE_AND_CLOSE is asked while a mandatory requirement is missing (the
 * message lists them), when COMPLETE_AND_CLOSE is asked for a service that is not a counter
 * service, or when RETURN is asked with nothing missing and no note.
 * @now: Unix s. (transfer full, element LoketEvent) */
GPtrArray           *loket_intake_form_build_events    (LoketIntakeForm   *self,
                                                        const char        *case_uuid,
                                                        const char        *agenda_number,
                                                        const char        *author,
                                                        const char        *device,
                                                        LoketHlc          *hlc,
                                                        gint64             now,
                                                        LoketIntakeOutcome outcome,
                                                        GError           **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
