// SPDX-License-Identifier: GPL-3.0-or-later
// The values a letter template is filled with: named texts and named tables.
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LOKET_TYPE_LETTER_FIELDS (loket_letter_fields_get_type ())

G_DECLARE_FINAL_TYPE (LoketLetterFields, loket_letter_fields, LOKET, LETTER_FIELDS, GObject)

LoketLetterFields *loket_letter_fields_new (void) G_GNUC_WARN_UNUSED_RESULT;

/* Field names are [a-z0-9_]+. A NULL @value removes the field. */
void loket_letter_fields_set (LoketLetterFields *self, const char *name, const char *value);
void loket_letter_fields_take (LoketLetterFields *self, const char *name, char *value);
/* NULL when the field is not set. */
const char *loket_letter_fields_get (LoketLetterFields *self, const char *name);
/* Appends a row to the table @name (created on first use); @cells is NULL-terminated. */
void
loket_letter_fields_add_row (LoketLetterFields *self, const char *name, const char *const *cells);
/* (transfer none) (element GStrv) or NULL when there is no such table. */
GPtrArray *loket_letter_fields_get_table (LoketLetterFields *self, const char *name);
/* Sorted names of the text fields. (transfer container) */
GPtrArray *loket_letter_fields_list (LoketLetterFields *self) G_GNUC_WARN_UNUSED_RESULT;
/* Sorted names of the tables. (transfer container) */
GPtrArray *loket_letter_fields_list_tables (LoketLetterFields *self) G_GNUC_WARN_UNUSED_RESULT;
/* A deep copy of every text and table. */
LoketLetterFields *loket_letter_fields_copy (LoketLetterFields *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
