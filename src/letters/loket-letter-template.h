// SPDX-License-Identifier: GPL-3.0-or-later
// Letter templates as data (data/letters/*.json, compiled into resources) with {field}
// placeholders.
#pragma once

#include "loket-letter.h"
#include "loket-letter-fields.h"

G_BEGIN_DECLS

#define LOKET_TYPE_LETTER_TEMPLATE (loket_letter_template_get_type ())

G_DECLARE_FINAL_TYPE (LoketLetterTemplate, loket_letter_template, LOKET, LETTER_TEMPLATE, GObject)

/* The template of @kind ("surat_keputusan", "rekomendasi", "tanda_terima", …) from
 * $LOKET_LETTERS_DIR/<kind>.json when set, else from the resources. */
LoketLetterTemplate *loket_letter_template_new_for_kind (const char *kind,
                                                         GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* Parses a template; @name is used in error messages. */
LoketLetterTemplate *loket_letter_template_new_from_data (const char *name,
                                                          const char *json,
                                                          gssize      length,
                                                          GError **error) G_GNUC_WARN_UNUSED_RESULT;

const char *loket_letter_template_get_kind (LoketLetterTemplate *self);
const char *loket_letter_template_get_title (LoketLetterTemplate *self); /* "Surat Keputusan" */
LoketLetterLayout loket_letter_template_get_layout (LoketLetterTemplate *self);

/* Fills every {field} from @fields. A placeholder naming a field that @fields lacks fails with
 * LOKET_ERROR_INVALID_DATA naming the template and the field ("{{" and "}}" are literal braces).
 * Blocks with "if": "field" are left out when the field is missing or empty. */
LoketLetter *loket_letter_template_fill (LoketLetterTemplate *self,
                                         LoketLetterFields   *fields,
                                         GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Every kind that has a template in the resources, sorted. (transfer full) */
GStrv loket_letter_template_list_kinds (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
