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

G_END_DECLS
