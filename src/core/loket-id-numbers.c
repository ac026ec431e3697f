// SPDX-License-Identifier: GPL-3.0-or-later
// Structural validation and demo generation of NIK and NIP numbers.
#include "config.h"

#include "loket-id-numbers.h"

#include "loket-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Kode wilayah provinsi (Permendagri 72/2019, Kepmendagri 100.1.1-6117/2022 for 93–96). */
static const guint8 province_codes[] = {
  11, 12, 13, 14, 15, 16, 17, 18, 19,
  21,
  31, 32, 33, 34, 35, 36,
  51, 52, 53,
  61, 62, 63, 64, 65,
  71, 72, 73, 74, 75, 76,
  81, 82,
  91, 92, 93, 94, 95, 96,
};

static gboolean
all_digits (const char *text,
            gsize       len)
{
  if (strlen (text) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* Parses @len (≤ 9) digits at @text; the caller checked they are digits. */
static int
digits_to_int (const char *text,
               gsize       len)
{
  int value = 0;

  for (gsize i = 0; i < len; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

static gboolean
is_real_date (int day,
              int month,
              int year)
{
  return month >= 1 && month <= 12 && year >= 1 && year <= 9999 && day >= 1
         && day <= g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
}

gboolean
loket_province_code_is_valid (const char *code)
{
  int value;

  g_return_val_if_fail (code != NULL, FALSE);

  if (!all_digits (code, 2))
    return FALSE;
  value = digits_to_int (code, 2);
  for (gsize i = 0; i < G_N_ELEMENTS (province_codes); i++)
    if (province_codes[i] == value)
      return TRUE;
  return FALSE;
}

gboolean
loket_nik_validate (const char *nik,
                    GError    **error)
{
  char province[3] = { 0 };
  int day, month, yy;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (nik == NULL || !all_digits (nik, 16))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("NIK must have 16 digits"));
      return FALSE;
    }

  memcpy (province, nik, 2);
  if (!loket_province_code_is_valid (province))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("NIK starts with %s, which is not an Indonesian province code"), province);
      return FALSE;
    }
  if (digits_to_int (nik + 2, 2) == 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("NIK has no regency or city code (digits 3–4 are 00)"));
      return FALSE;
    }
  if (digits_to_int (nik + 4, 2) == 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("NIK has no district code (digits 5–6 are 00)"));
      return FALSE;
    }

  day = digits_to_int (nik + 6, 2);
  month = digits_to_int (nik + 8, 2);
  yy = digits_to_int (nik + 10, 2);
  if (day > 40)
    day -= 40; /* women */
  /* The century is not encoded: accept the date if it is real in 19yy or in 20yy. */
  if (!is_real_date (day, month, 1900 + yy) && !is_real_date (day, month, 2000 + yy))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("NIK digits 7–12 are not a birth date (DDMMYY, women add 40 to the day)"));
      return FALSE;
    }

  if (digits_to_int (nik + 12, 4) == 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("NIK serial number (last 4 digits) must not be 0000"));
      return FALSE;
    }

  return TRUE;
}

gboolean
loket_nip_validate (const char *nip,
                    GError    **error)
{
  g_autoptr(GDateTime) now = NULL;
  int by, bm, bd, ay, am, sex, serial;
  int now_months, appointed_months;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (nip == NULL || !all_digits (nip, 18))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("NIP must have 18 digits"));
      return FALSE;
    }

  now = g_date_time_new_now_utc ();
  by = digits_to_int (nip, 4);
  bm = digits_to_int (nip + 4, 2);
  bd = digits_to_int (nip + 6, 2);
  ay = digits_to_int (nip + 8, 4);
  am = digits_to_int (nip + 12, 2);
  sex = nip[14] - '0';
  serial = digits_to_int (nip + 15, 3);

  if (by < 1900 || !is_real_date (bd, bm, by)
      || by * 10000 + bm * 100 + bd > g_date_time_get_year (now) * 10000
                                       + g_date_time_get_month (now) * 100
                                       + g_date_time_get_day_of_month (now))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("NIP digits 1–8 are not a birth date (YYYYMMDD)"));
      return FALSE;
    }

  if (am < 1 || am > 12)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("NIP digits 9–14 are not an appointment year and month (YYYYMM)"));
      return FALSE;
    }
  appointed_months = ay * 12 + (am - 1);
  now_months = g_date_time_get_year (now) * 12 + (g_date_time_get_month (now) - 1);
  /* Appointed as a civil servant at 18 at the earliest: the month of the 18th birthday counts. */
  if (appointed_months < (by + 18) * 12 + (bm - 1))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("NIP appointment date is before the holder’s 18th birthday"));
      return FALSE;
    }
  /* Allow one month ahead: an appointment can be announced before it takes effect. */
  if (appointed_months > now_months + 1)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("NIP appointment date lies in the future"));
      return FALSE;
    }

  if (sex != 1 && sex != 2)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("NIP digit 15 must be 1 (man) or 2 (woman)"));
      return FALSE;
    }

  if (serial == 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("NIP serial number (last 3 digits) must not be 000"));
      return FALSE;
    }

  return TRUE;
}

char *
loket_nik_generate (GRand       *rand,
                    const char  *region_code,
                    const GDate *birth,
                    gboolean     female)
{
  char province[3] = { 0 };
  int day;

  g_return_val_if_fail (rand != NULL, NULL);
  g_return_val_if_fail (region_code != NULL && all_digits (region_code, 6), NULL);
  g_return_val_if_fail (birth != NULL && g_date_valid (birth), NULL);

  memcpy (province, region_code, 2);
  g_return_val_if_fail (loket_province_code_is_valid (province), NULL);
  g_return_val_if_fail (digits_to_int (region_code + 2, 2) != 0, NULL);
  g_return_val_if_fail (digits_to_int (region_code + 4, 2) != 0, NULL);

  day = g_date_get_day (birth) + (female ? 40 : 0);
  return g_strdup_printf ("%s%02d%02d%02d%04d", region_code, day, (int) g_date_get_month (birth),
                          (int) (g_date_get_year (birth) % 100),
                          (int) g_rand_int_range (rand, 1, 10000));
}

char *
loket_nip_generate (GRand       *rand,
                    const GDate *birth,
                    int          appointed_year,
                    int          appointed_month,
                    gboolean     female)
{
  g_return_val_if_fail (rand != NULL, NULL);
  g_return_val_if_fail (birth != NULL && g_date_valid (birth), NULL);
  g_return_val_if_fail (appointed_month >= 1 && appointed_month <= 12, NULL);
  g_return_val_if_fail (appointed_year * 12 + appointed_month
                          >= (g_date_get_year (birth) + 18) * 12 + (int) g_date_get_month (birth),
                        NULL);
  g_return_val_if_fail (appointed_year <= 9999, NULL);

  return g_strdup_printf ("%04d%02d%02d%04d%02d%d%03d", (int) g_date_get_year (birth),
                          (int) g_date_get_month (birth), (int) g_date_get_day (birth),
                          appointed_year, appointed_month, female ? 2 : 1,
                          (int) g_rand_int_range (rand, 1, 1000));
}
