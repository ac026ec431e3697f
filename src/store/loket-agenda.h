// SPDX-License-Identifier: GPL-3.0-or-later
// The device's identity (settings table) and nomor agenda allocation (agenda_counters table).
#pragma once

#include "loket-db.h"

G_BEGIN_DECLS

/* Reads "device_id" and "device_code" from `settings`, making them on first use (a random UUID;
 * a code of 4 Crockford base32 characters drawn from another random UUID). Database thread. */
gboolean loket_agenda_load_device (LoketDb *db,
                                   char   **device_id,
                                   char   **device_code,
                                   GError **error);
/* TRUE for 2–8 characters A–Z, 0–9. */
gboolean loket_agenda_device_code_is_valid (const char *code);
gboolean loket_agenda_save_device_code (LoketDb    *db,
                                        const char *code,
                                        GError    **error);

/* The next nomor agenda "NNNNN-<device code>/<agency code>/<year>" of (@agency_id, @year,
 * @device_code), skipping numbers some case in the database already has. Call inside the
 * registration's transaction, so a failed registration gives its number back. */
char    *loket_agenda_allocate (LoketDb    *db,
                                const char *agency_id,
                                const char *agency_code,
                                int         year,
                                const char *device_code,
                                GError    **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
