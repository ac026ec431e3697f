// SPDX-License-Identifier: GPL-3.0-or-later
// One party of a new case: a person (NIK, name, address, phone, e-mail) or an organisation.
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LOKET_TYPE_PARTY_ROW (loket_party_row_get_type ())

G_DECLARE_FINAL_TYPE (LoketPartyRow, loket_party_row, LOKET, PARTY_ROW, GtkWidget)

GtkWidget  *loket_party_row_new            (void) G_GNUC_WARN_UNUSED_RESULT;

void        loket_party_row_set_title      (LoketPartyRow *self,
                                            const char    *title);
/* A remove button in the header (every party but the first). */
void        loket_party_row_set_removable  (LoketPartyRow *self,
                                            gboolean       removable);
/* Quick intake: only NIK, name and phone (or the organisation's name and contact). */
void        loket_party_row_set_quick      (LoketPartyRow *self,
                                            gboolean       quick);
gboolean    loket_party_row_get_is_organisation (LoketPartyRow *self);
void        loket_party_row_set_is_organisation (LoketPartyRow *self,
                                                 gboolean       is_organisation);

/* TRUE when the party can be registered: a person has a valid NIK and a name, an organisation a
 * name; an e-mail, when given, looks like one. */
gboolean    loket_party_row_is_valid       (LoketPartyRow *self);
/* TRUE when nothing has been typed. */
gboolean    loket_party_row_is_empty       (LoketPartyRow *self);
/* Shows the messages of every invalid field now, even those not visited yet. */
void        loket_party_row_show_errors    (LoketPartyRow *self);

/* The party as a case.registered party object (src/core/EVENTS.md): kind, nik, name, address,
 * phone, email or kind, name, legal_number, contact_person; empty members left out. */
JsonObject *loket_party_row_to_json        (LoketPartyRow *self) G_GNUC_WARN_UNUSED_RESULT;
/* Fills the fields from such an object (a draft). */
void        loket_party_row_set_from_json  (LoketPartyRow *self,
                                            JsonObject    *party);

G_END_DECLS
