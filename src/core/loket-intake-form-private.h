// SPDX-License-Identifier: GPL-3.0-or-later
// LoketIntakeForm internals shared by loket-intake-form.c (fields, checklist, validation) and
// loket-intake-form-io.c (draft JSON and events).
#pragma once

#include "loket-intake-form.h"

G_BEGIN_DECLS

/* One checklist entry. */
typedef struct
{
  gboolean   satisfied;
  gboolean   applies;     /* conditional items: the condition holds */
  GPtrArray *attachments; /* (element LoketAttachment) */
} LoketIntakeItem;

struct _LoketIntakeForm
{
  GObject parent_instance;

  /* Owned references */
  LoketServiceCatalog *catalog;
  LoketService        *service;
  char                *channel;
  char                *draft_id;
  GPtrArray           *requirements; /* (element LoketRequirement, borrowed from service) */
  GHashTable          *items;        /* requirement id (borrowed) → LoketIntakeItem */
  GListStore          *parties;      /* LoketParty */

  char            *subject;
  char            *return_note;
  gint64           received_at;
  gboolean         has_letter;
  char            *letter_number;
  char            *letter_date;
  char            *letter_sender;
  LoketLetterSifat letter_sifat;
};

void             _loket_intake_form_emit_changed (LoketIntakeForm *self);
void             _loket_intake_form_set_draft_id (LoketIntakeForm *self,
                                                  const char      *draft_id);
LoketIntakeItem *_loket_intake_form_lookup_item  (LoketIntakeForm *self,
                                                  const char      *requirement_id);
gboolean         _loket_intake_form_requirement_is_required (LoketIntakeForm  *self,
                                                             LoketRequirement *req);
/* The agency's time zone (WITA when unknown). (transfer full) */
GTimeZone       *_loket_intake_form_get_timezone (LoketIntakeForm *self);
/* "YYYY-MM-DD" → a real date, else NULL. */
GDate           *_loket_intake_parse_date        (const char      *text);
/* "The file cannot be declared complete; missing: …" for @missing (element LoketRequirement). */
char            *_loket_intake_format_missing    (GPtrArray       *missing);

G_END_DECLS
