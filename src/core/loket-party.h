// SPDX-License-Identifier: GPL-3.0-or-later
// A party of a case (the applicant, or one side of a dispute): a person or an organisation.
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One problem found by a validation: @field names the input it concerns, @message says what is
 * wrong (translated, meant for the user, names no personal data).
 *
 * Field ids used by LoketParty and LoketIntakeForm:
 *   "parties"                  no party at all
 *   "parties[N].kind|nik|name|address|phone|email|legal_number|contact_person"
 *   "subject"
 *   "letter.number", "letter.date", "letter.sender", "letter.sifat"
 *   "requirements.<id>"        e.g. "requirements.r3": a mandatory requirement not satisfied
 *   "received_at"
 */
typedef struct
{
  char *field;
  char *message;
} LoketFieldProblem;

#define LOKET_TYPE_FIELD_PROBLEM (loket_field_problem_get_type ())

GType              loket_field_problem_get_type (void) G_GNUC_CONST;
LoketFieldProblem *loket_field_problem_new      (const char              *field,
                                                 const char              *message) G_GNUC_WARN_UNUSED_RESULT;
LoketFieldProblem *loket_field_problem_copy     (const LoketFieldProblem *self) G_GNUC_WARN_UNUSED_RESULT;
void               loket_field_problem_free     (LoketFieldProblem       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketFieldProblem, loket_field_problem_free)

typedef enum
{
  LOKET_PARTY_PERSON,
  LOKET_PARTY_ORGANISATION,
} LoketPartyKind;

/* "person", "organisation" (the `kind` member of case.registered parties). */
const char *loket_party_kind_to_string   (LoketPartyKind  kind);
gboolean    loket_party_kind_from_string (const char     *text,
                                          LoketPartyKind *kind);

/* Longest accepted text of any party field, in bytes. */
#define LOKET_PARTY_FIELD_MAX 500

#define LOKET_TYPE_PARTY (loket_party_get_type ())

G_DECLARE_FINAL_TYPE (LoketParty, loket_party, LOKET, PARTY, GObject)

/* Every field is also a GObject property ("kind", "nik", "name", "address", "phone", "email",
 * "legal-number", "contact-person"), so entries can bind to them; the "changed" signal is
 * emitted after any field changed. Fields hold what was typed (NULL or "" = empty); setters
 * never refuse a value: loket_party_validate() judges it. Fields of the other kind are kept but
 * ignored (switching kind back and forth loses nothing) and are not written to JSON. */
LoketParty     *loket_party_new                (LoketPartyKind kind) G_GNUC_WARN_UNUSED_RESULT;
LoketParty     *loket_party_copy               (LoketParty    *self) G_GNUC_WARN_UNUSED_RESULT;

LoketPartyKind  loket_party_get_kind           (LoketParty *self);
const char     *loket_party_get_nik            (LoketParty *self); /* person */
const char     *loket_party_get_name           (LoketParty *self); /* both kinds */
const char     *loket_party_get_address        (LoketParty *self); /* both kinds */
const char     *loket_party_get_phone          (LoketParty *self); /* both kinds */
const char     *loket_party_get_email          (LoketParty *self); /* both kinds */
const char     *loket_party_get_legal_number   (LoketParty *self); /* organisation: akta/NIB/NPWP… */
const char     *loket_party_get_contact_person (LoketParty *self); /* organisation */

void            loket_party_set_kind           (LoketParty *self, LoketPartyKind value);
void            loket_party_set_nik            (LoketParty *self, const char *value);
void            loket_party_set_name           (LoketParty *self, const char *value);
void            loket_party_set_address        (LoketParty *self, const char *value);
void            loket_party_set_phone          (LoketParty *self, const char *value);
void            loket_party_set_email          (LoketParty *self, const char *value);
void            loket_party_set_legal_number   (LoketParty *self, const char *value);
void            loket_party_set_contact_person (LoketParty *self, const char *value);

/* Appends one LoketFieldProblem per faulty field to @problems (element LoketFieldProblem, owns
 * them), field ids prefixed with @field_prefix (e.g. "parties[0]." → "parties[0].nik").
 * Person: NIK required, 16 digits with a real province, regency and district code and a real
 * birth date (loket_nik_validate); name required. Organisation: name required. Both: e-mail,
 * when given, looks like name@domain.tld; phone, when given, is 6–15 digits with optional
 * leading "+", spaces, dashes, dots or brackets. Every text at most LOKET_PARTY_FIELD_MAX bytes.
 * Returns TRUE when nothing was wrong. */
gboolean        loket_party_validate           (LoketParty *self,
                                                const char *field_prefix,
                                                GPtrArray  *problems);

/* The party as a case.registered party object (src/core/EVENTS.md): kind plus the non-empty
 * fields of that kind, trimmed. (transfer full) */
JsonNode       *loket_party_to_json            (LoketParty *self) G_GNUC_WARN_UNUSED_RESULT;
/* Reads what loket_party_to_json() writes (also a draft's half-typed party: content is not
 * judged here, only the shape): an object, a known kind, every member text (or null) within
 * LOKET_PARTY_FIELD_MAX bytes of valid UTF-8. Unknown members are ignored. Errors are
 * LOKET_ERROR_INVALID_DATA. */
LoketParty     *loket_party_new_from_json      (JsonNode   *node,
                                                GError    **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
