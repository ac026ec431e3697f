// SPDX-License-Identifier: GPL-3.0-or-later
// Structural validation of NIK (Nomor Induk Kependudukan) and NIP (Nomor Induk Pegawai) numbers.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NIK: 16 digits PPKKCC DDMMYY SSSS — province (a real province code), regency/city (not 00),
 * district (not 00), birth date (women add 40 to the day; two-digit year, 19xx or 20xx), serial
 * (not 0000). Only the structure is checked, not the Dukcapil register. Errors are
 * LOKET_ERROR_INVALID_DATA with a translated message naming the faulty part. */
gboolean  loket_nik_validate (const char *nik,
                              GError    **error);

/* NIP (PNS): 18 digits YYYYMMDD YYYYMM S NNN — birth date (a real date, not in the future),
 * appointment year and month (TMT CPNS; valid month, not before the 18th birthday, not in the
 * future), sex (1 man, 2 woman), serial (001–999). */
gboolean  loket_nip_validate (const char *nip,
                              GError    **error);

/* Demo data. @region_code: 6 digits (province, regency/city, district), e.g. "537101" for a
 * kecamatan of Kota Kupang. The serial is drawn from @rand. */
char     *loket_nik_generate (GRand       *rand,
                              const char  *region_code,
                              const GDate *birth,
                              gboolean     female) G_GNUC_WARN_UNUSED_RESULT;
char     *loket_nip_generate (GRand       *rand,
                              const GDate *birth,
                              int          appointed_year,
                              int          appointed_month,
                              gboolean     female) G_GNUC_WARN_UNUSED_RESULT;

/* TRUE if @code (two digits) is the code of an Indonesian province, including the four
 * Papua provinces formed in 2022 (93–96). */
gboolean  loket_province_code_is_valid (const char *code);

G_END_DECLS
