// SPDX-License-Identifier: GPL-3.0-or-later
// The office's own profile (Preferences, `loket-cli office`) over the catalog's agency texts in
// every letter made from a case: kop lines, address, place, logo and head of office.
#pragma once

#include "loket-letter-fields.h"
#include "loket-office-profile.h"

G_BEGIN_DECLS

/* Remembers a copy of @profile for the letters this process makes (NULL or an empty profile:
 * the catalog's texts only). Thread-safe; the store's user sets it after opening a database. */
void    loket_letter_set_office_profile   (const LoketOfficeProfile *profile);
/* Applies the remembered profile to @fields after the catalog values: letterhead lines to
 * government / agency_kop_name / agency_address / agency_contact, name, address, place (city),
 * head_name / head_title / head_nip to the signer. */
void    loket_letter_fields_apply_office  (LoketLetterFields *fields);
/* The office's logo (PNG), or NULL. (transfer full) */
GBytes *loket_letter_dup_office_logo      (void);

G_END_DECLS
