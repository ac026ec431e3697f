// SPDX-License-Identifier: GPL-3.0-or-later
// An office (Dinas) that publishes a Standar Pelayanan.
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LOKET_TYPE_AGENCY (loket_agency_get_type ())

G_DECLARE_FINAL_TYPE (LoketAgency, loket_agency, LOKET, AGENCY, GObject)

const char *loket_agency_get_id         (LoketAgency *self); /* "kopnakertrans-ntt" */
const char *loket_agency_get_name       (LoketAgency *self);
const char *loket_agency_get_short_name (LoketAgency *self);
const char *loket_agency_get_address    (LoketAgency *self);
/* Short code used in agenda numbers, e.g. "KTKT". */
const char *loket_agency_get_code       (LoketAgency *self);
/* IANA time zone of the office, e.g. "Asia/Makassar". */
const char *loket_agency_get_timezone   (LoketAgency *self);
/* "provinsi", "kabupaten" or "kota". */
const char *loket_agency_get_level      (LoketAgency *self);

/* Letterhead (kop surat) data. Every getter gives NULL for what the catalog does not state. */
/* "Provinsi Nusa Tenggara Timur", without a remark in parentheses that the catalog may carry. */
const char        *loket_agency_get_region             (LoketAgency *self);
const char        *loket_agency_get_phone              (LoketAgency *self);
const char        *loket_agency_get_web                (LoketAgency *self);
/* NULL-terminated; empty when there is none (never NULL). */
const char *const *loket_agency_get_emails             (LoketAgency *self);
const char *const *loket_agency_get_complaint_channels (LoketAgency *self);
/* The decree (SK) that set the Standar Pelayanan: number and date as written ("2 Januari 2024"). */
const char        *loket_agency_get_decree_number      (LoketAgency *self);
const char        *loket_agency_get_decree_date_text   (LoketAgency *self);
/* The address split at its commas, each line trimmed. (transfer full) */
GStrv              loket_agency_dup_address_lines      (LoketAgency *self) G_GNUC_WARN_UNUSED_RESULT;
/* "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR" (the pemda line of the kop). */
char              *loket_agency_dup_government_line    (LoketAgency *self) G_GNUC_WARN_UNUSED_RESULT;
/* "DINAS SOSIAL": the name without the region, in capitals (the office line of the kop). */
char              *loket_agency_dup_kop_name           (LoketAgency *self) G_GNUC_WARN_UNUSED_RESULT;
/* The city of the date line: the last part of the address, else the region, without "Kota ",
 * "Kabupaten " or "Provinsi " ("Kupang"); "…" when neither is known. */
char              *loket_agency_dup_city               (LoketAgency *self) G_GNUC_WARN_UNUSED_RESULT;
/* "Telepon 0380 …, Pos-el a@b, c@d, Laman https://…", or NULL when there is no contact. */
char              *loket_agency_dup_contact_line       (LoketAgency *self) G_GNUC_WARN_UNUSED_RESULT;
/* The regional head the office reports to: "Gubernur Nusa Tenggara Timur", "Bupati …". */
char              *loket_agency_dup_regional_head      (LoketAgency *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
