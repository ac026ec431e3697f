// SPDX-License-Identifier: GPL-3.0-or-later
// Tests for NIK/NIP validation and the demo-number generators.
#include "config.h"

#include "loket-error.h"
#include "loket-id-numbers.h"

#include <string.h>

static void
assert_nik_invalid (const char *nik,
                    const char *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (loket_nik_validate (nik, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  if (strstr (error->message, fragment) == NULL)
    g_error ("NIK %s: message “%s” lacks “%s”", nik, error->message, fragment);
}

static void
assert_nip_invalid (const char *nip,
                    const char *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (loket_nip_validate (nip, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  if (strstr (error->message, fragment) == NULL)
    g_error ("NIP %s: message “%s” lacks “%s”", nip, error->message, fragment);
}

static void
test_nik_valid (void)
{
  g_autoptr(GError) error = NULL;

  /* Kota Kupang, man born 17 Aug 1985 */
  g_assert_true (loket_nik_validate ("5371011708850003", &error));
  g_assert_no_error (error);
  /* Klungkung, woman born 5 Mar 2001: day 05 + 40 = 45 */
  g_assert_true (loket_nik_validate ("5105024503010012", &error));
  g_assert_no_error (error);
  /* Papua Barat Daya (96), formed in 2022 */
  g_assert_true (loket_nik_validate ("9601010101990001", &error));
  g_assert_no_error (error);
  /* 29 Feb 00 is real in 2000 */
  g_assert_true (loket_nik_validate ("3171012902000001", &error));
  g_assert_no_error (error);
  /* Woman born on the 31st: 71 */
  g_assert_true (loket_nik_validate ("5371017112800001", NULL));
}

static void
test_nik_invalid (void)
{
  assert_nik_invalid (NULL, "16 digits");
  assert_nik_invalid ("", "16 digits");
  assert_nik_invalid ("537101170885000", "16 digits");
  assert_nik_invalid ("53710117088500031", "16 digits");
  assert_nik_invalid ("53710117088500O3", "16 digits");
  assert_nik_invalid ("5371 011708850003", "16 digits");

  assert_nik_invalid ("2071011708850003", "province");
  assert_nik_invalid ("5471011708850003", "province");
  assert_nik_invalid ("0071011708850003", "province");
  assert_nik_invalid ("9771011708850003", "province");

  assert_nik_invalid ("5300011708850003", "regency or city");
  assert_nik_invalid ("5371001708850003", "district");

  assert_nik_invalid ("5371013208850003", "birth date"); /* day 32 */
  assert_nik_invalid ("5371014008850003", "birth date"); /* day 40: neither sex */
  assert_nik_invalid ("5371017208850003", "birth date"); /* woman's day 32 */
  assert_nik_invalid ("5371010013850003", "birth date"); /* month 13 */
  assert_nik_invalid ("5371013102850003", "birth date"); /* 31 Feb */
  assert_nik_invalid ("5371016902850003", "birth date"); /* woman, 29 Feb 85 */
  assert_nik_invalid ("5371010000850003", "birth date");

  assert_nik_invalid ("5371011708850000", "0000");
}

static void
test_nik_province_codes (void)
{
  const char *valid[] = { "11", "19", "21", "31", "36", "51", "53", "61", "65", "71", "76",
                          "81", "82", "91", "96" };
  const char *invalid[] = { "10", "20", "22", "30", "37", "50", "54", "60", "66", "70", "77",
                            "80", "83", "90", "97", "1a" };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (loket_province_code_is_valid (valid[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (loket_province_code_is_valid (invalid[i]));
}

static void
test_nik_generate (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (int i = 0; i < 500; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *nik = NULL;
      gboolean female = i % 2 == 1;
      GDate birth;
      int day;

      g_date_clear (&birth, 1);
      g_date_set_julian (&birth, g_rand_int_range (rand, 693596 /* 1900 */, 739000));
      nik = loket_nik_generate (rand, "537101", &birth, female);
      g_assert_nonnull (nik);
      g_assert_cmpuint (strlen (nik), ==, 16);
      g_assert_true (g_str_has_prefix (nik, "537101"));
      g_assert_true (loket_nik_validate (nik, &error));
      g_assert_no_error (error);

      day = (nik[6] - '0') * 10 + (nik[7] - '0');
      if (female)
        g_assert_cmpint (day, ==, g_date_get_day (&birth) + 40);
      else
        g_assert_cmpint (day, ==, g_date_get_day (&birth));
    }
}

static void
test_nip_valid (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (loket_nip_validate ("198503172010011004", &error));
  g_assert_no_error (error);
  g_assert_true (loket_nip_validate ("197012311995032001", &error));
  g_assert_no_error (error);
  /* Appointed in the month of the 18th birthday */
  g_assert_true (loket_nip_validate ("198006152016061001", &error));
  g_assert_true (loket_nip_validate ("198006151998061001", &error));
  g_assert_no_error (error);
}

static void
test_nip_invalid (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *future_birth = NULL;
  g_autofree char *future_appointment = NULL;

  assert_nip_invalid (NULL, "18 digits");
  assert_nip_invalid ("19850317201001100", "18 digits");
  assert_nip_invalid ("1985031720100110040", "18 digits");
  assert_nip_invalid ("19850317 201001 1 004", "18 digits");

  assert_nip_invalid ("198502302010011004", "birth date"); /* 30 Feb */
  assert_nip_invalid ("198513172010011004", "birth date");
  assert_nip_invalid ("189912312010011004", "birth date"); /* before 1900 */
  future_birth = g_strdup_printf ("%04d0101%04d011004", g_date_time_get_year (now) + 1,
                                  g_date_time_get_year (now) + 20);
  assert_nip_invalid (future_birth, "birth date");

  assert_nip_invalid ("198503172010001004", "appointment");
  assert_nip_invalid ("198503172010131004", "appointment");
  assert_nip_invalid ("198503172003021004", "18th birthday"); /* 17 years 11 months */
  future_appointment = g_strdup_printf ("19850317%04d011004", g_date_time_get_year (now) + 2);
  assert_nip_invalid (future_appointment, "future");

  assert_nip_invalid ("198503172010010004", "1 (man) or 2 (woman)");
  assert_nip_invalid ("198503172010013004", "1 (man) or 2 (woman)");
  assert_nip_invalid ("198503172010011000", "000");
}

static void
test_nip_generate (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (int i = 0; i < 500; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *nip = NULL;
      gboolean female = i % 3 == 0;
      int appointed_year, appointed_month;
      GDate birth;

      g_date_clear (&birth, 1);
      g_date_set_dmy (&birth, (GDateDay) g_rand_int_range (rand, 1, 29),
                      (GDateMonth) g_rand_int_range (rand, 1, 13),
                      (GDateYear) g_rand_int_range (rand, 1960, 2000));
      appointed_year = g_date_get_year (&birth) + g_rand_int_range (rand, 19, 26);
      appointed_month = g_rand_int_range (rand, 1, 13);
      nip = loket_nip_generate (rand, &birth, appointed_year, appointed_month, female);
      g_assert_nonnull (nip);
      g_assert_cmpuint (strlen (nip), ==, 18);
      g_assert_true (loket_nip_validate (nip, &error));
      g_assert_no_error (error);
      g_assert_cmpint (nip[14], ==, female ? '2' : '1');
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loket/core/id-numbers/nik-valid", test_nik_valid);
  g_test_add_func ("/loket/core/id-numbers/nik-invalid", test_nik_invalid);
  g_test_add_func ("/loket/core/id-numbers/nik-province-codes", test_nik_province_codes);
  g_test_add_func ("/loket/core/id-numbers/nik-generate", test_nik_generate);
  g_test_add_func ("/loket/core/id-numbers/nip-valid", test_nip_valid);
  g_test_add_func ("/loket/core/id-numbers/nip-invalid", test_nip_invalid);
  g_test_add_func ("/loket/core/id-numbers/nip-generate", test_nip_generate);

  return g_test_run ();
}
