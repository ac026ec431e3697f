// SPDX-License-Identifier: GPL-3.0-or-later
// A letter draft (konsep): the template kind, the field values and the body paragraphs a drafter
// edited, as one JSON object stored whole in each `draft.created` / `draft.revised` event
// (src/core/EVENTS.md). Contract shared by the draft editor (issue 5) and the review chain (6).
//
// JSON (members other than these are kept but ignored):
//   { "kind": "rekomendasi",
//     "paper?": "f4" | "a4",
//     "fields": { "hal": "…", "applicant_name": "…", … },      text fields (loket-letter-case-fields.h)
//     "tables?": { "parties": [["1", "…", …], …], … },         table fields, rows of cells
//     "paragraphs?": ["…", "…"],   the template's paragraph blocks, after substitution, in order;
//                                  when present they replace those texts one for one
//     "signer?": { "person": "person id", "delegation": "a.n." } }
#pragma once

#include <json-glib/json-glib.h>

#include "loket-letter.h"
#include "loket-letter-case-fields.h"
#include "loket-letter-fields.h"

G_BEGIN_DECLS

#define LOKET_TYPE_LETTER_DRAFT (loket_letter_draft_get_type ())
G_DECLARE_FINAL_TYPE (LoketLetterDraft, loket_letter_draft, LOKET, LETTER_DRAFT, GObject)

/* A draft of @kind from @fields (copied): every text and table of @fields, the template's paragraph
 * texts after substitution, and the letter's own "sifat", "lampiran" and "hal" texts as fields of
 * those names (when the template has them and @fields does not set them): build_letter() prints
 * those fields in place of the template's texts, so a drafter can edit them. Fails with LOKET_ERROR_NOT_FOUND for an unknown kind. */
LoketLetterDraft *loket_letter_draft_new_from_fields (const char        *kind,
                                                      LoketLetterFields *fields,
                                                      GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* A draft of @kind for a case: the fields of loket_letter_fields_new_for_case() (the head of the
 * agency signs), dated @now. */
LoketLetterDraft *loket_letter_draft_new_for_case (const char          *kind,
                                                   LoketCase           *kase,
                                                   GPtrArray           *events,
                                                   LoketServiceCatalog *catalog,
                                                   LoketWorkCalendar   *calendar,
                                                   LoketOrgChart       *org,
                                                   gint64               now,
                                                   GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* Parses and validates the JSON above (unknown kind, a non-string field, too many/few paragraphs
 * for the template → LOKET_ERROR_INVALID_DATA with the JSON path in the message). */
LoketLetterDraft *loket_letter_draft_new_from_json (JsonNode *node,
                                                    GError  **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode         *loket_letter_draft_to_json       (LoketLetterDraft *self) G_GNUC_WARN_UNUSED_RESULT;
/* The same from/to JSON text (@length -1: NUL-terminated). to_data is stable: the same draft gives
 * the same text (fields and tables sorted by name), so it can be compared for "unsaved changes". */
LoketLetterDraft *loket_letter_draft_new_from_data (const char *json,
                                                    gssize      length,
                                                    GError    **error) G_GNUC_WARN_UNUSED_RESULT;
char             *loket_letter_draft_to_data       (LoketLetterDraft *self) G_GNUC_WARN_UNUSED_RESULT;
/* An independent copy (e.g. to render in a thread while the editor goes on). */
LoketLetterDraft *loket_letter_draft_copy          (LoketLetterDraft *self) G_GNUC_WARN_UNUSED_RESULT;

const char *loket_letter_draft_get_kind       (LoketLetterDraft *self);
LoketPaperSize loket_letter_draft_get_paper   (LoketLetterDraft *self);
void        loket_letter_draft_set_paper      (LoketLetterDraft *self, LoketPaperSize paper);
/* The signer chosen for the draft (org chart person id, delegation "a.n." …), or NULL. Recorded
 * only: the signer_* fields carry what the letter prints (loket_letter_fields_set_signer). */
const char *loket_letter_draft_get_signer_person     (LoketLetterDraft *self);
const char *loket_letter_draft_get_signer_delegation (LoketLetterDraft *self);
void        loket_letter_draft_set_signer (LoketLetterDraft *self,
                                           const char       *person,
                                           const char       *delegation);
/* The editable values; the draft keeps ownership. */
LoketLetterFields *loket_letter_draft_get_fields (LoketLetterDraft *self);
guint       loket_letter_draft_get_n_paragraphs (LoketLetterDraft *self);
const char *loket_letter_draft_get_paragraph    (LoketLetterDraft *self, guint index);
void        loket_letter_draft_set_paragraph    (LoketLetterDraft *self, guint index, const char *text);

/* The letter to render: the template filled with the draft's fields, its paragraphs in place of the
 * template's, letter id @id (may be NULL). */
LoketLetter *loket_letter_draft_build_letter (LoketLetterDraft *self,
                                              const char       *id,
                                              GError          **error) G_GNUC_WARN_UNUSED_RESULT;

/* Indices of the paragraphs that differ between @a and @b (same kind), for "compare versions"
 * (element guint stored with GUINT_TO_POINTER). */
GPtrArray *loket_letter_draft_diff_paragraphs (LoketLetterDraft *a,
                                               LoketLetterDraft *b) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
