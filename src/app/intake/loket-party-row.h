// SPDX-License-Identifier: GPL-3.0-or-later
// One party of a new case: a person (NIK, name, address, phone, e-mail) or an organisation.
#pragma once

#include <adwaita.h>

#include "loket-party.h"

G_BEGIN_DECLS

#define LOKET_TYPE_PARTY_ROW (loket_party_row_get_type ())

G_DECLARE_FINAL_TYPE (LoketPartyRow, loket_party_row, LOKET, PARTY_ROW, GtkWidget)

/* A row editing @party (its fields are set as the user types). */
GtkWidget  *loket_party_row_new            (LoketParty    *party) G_GNUC_WARN_UNUSED_RESULT;
LoketParty *loket_party_row_get_party      (LoketPartyRow *self);

void        loket_party_row_set_title      (LoketPartyRow *self,
                                            const char    *title);
/* A remove button in the header (every party but the first); it emits ::remove. */
void        loket_party_row_set_removable  (LoketPartyRow *self,
                                            gboolean       removable);
/* Quick intake: only NIK, name and phone (or the organisation's name and contact person). */
void        loket_party_row_set_quick      (LoketPartyRow *self,
                                            gboolean       quick);
/* Puts the keyboard focus in the first field (the NIK of a person, the name of an organisation). */
void        loket_party_row_focus          (LoketPartyRow *self);
/* Shows the messages of every invalid field now, even of fields not visited yet. */
void        loket_party_row_show_errors    (LoketPartyRow *self);
/* The message shown under @field ("nik", "email", "phone", "name"), or NULL. */
const char *loket_party_row_get_error      (LoketPartyRow *self,
                                            const char    *field);

G_END_DECLS
