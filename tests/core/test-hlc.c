// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the hybrid logical clock.

#include "config.h"

#include "loket-error.h"
#include "loket-hlc.h"

#include <string.h>

typedef struct
{
  gint64 now_ms;
} FakeClock;

static gint64
fake_now (gpointer user_data)
{
  FakeClock *clock = user_data;

  return clock->now_ms;
}

static void
test_hlc_format_parse (void)
{
  g_autofree char *text = loket_hlc_format (G_GINT64_CONSTANT (1700000000000), 3);
  g_autofree char *max = loket_hlc_format (G_GINT64_CONSTANT (999999999999999), 999999);
  gint64           wall = 0;
  guint32          counter = 0;

  g_assert_cmpstr (text, ==, "001700000000000-000003");
  g_assert_true (loket_hlc_parse (text, &wall, &counter));
  g_assert_cmpint (wall, ==, G_GINT64_CONSTANT (1700000000000));
  g_assert_cmpuint (counter, ==, 3);

  g_assert_cmpstr (max, ==, "999999999999999-999999");
  g_assert_true (loket_hlc_parse (max, &wall, &counter));
  g_assert_cmpint (wall, ==, G_GINT64_CONSTANT (999999999999999));
  g_assert_cmpuint (counter, ==, 999999);

  g_assert_true (loket_hlc_parse ("000000000000000-000000", &wall, &counter));
  g_assert_cmpint (wall, ==, 0);
  g_assert_cmpuint (counter, ==, 0);
}

static void
test_hlc_malformed (void)
{
  const char *bad[] = {
    "",
    "1700000000000-3",
    "001700000000000-00003",
    "001700000000000-0000033",
    "0017000000000000-000003",
    "001700000000000_000003",
    "001700000000000-00000a",
    "00170000000000x-000003",
    " 01700000000000-000003",
    "+01700000000000-000003",
    "-01700000000000-000003",
    "001700000000000-+00003",
    "001700000000000-000003 ",
    "001700000000000--00003",
  };
  g_autoptr (LoketHlc) hlc = loket_hlc_new ();

  g_assert_false (loket_hlc_parse (NULL, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64  wall = 42;
      guint32 counter = 42;

      g_assert_false (loket_hlc_parse (bad[i], &wall, &counter));
      /* Outputs are untouched on failure. */
      g_assert_cmpint (wall, ==, 42);
      g_assert_cmpuint (counter, ==, 42);

      g_assert_false (loket_hlc_observe (hlc, bad[i], &error));
      g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
    }
}

static void
test_hlc_monotonic (void)
{
  FakeClock clock = { G_GINT64_CONSTANT (1700000000000) };
  g_autoptr (LoketHlc) hlc = loket_hlc_new_with_clock (fake_now, &clock);
  g_autofree char *prev = NULL;
  gint64           wall;
  guint32          counter;

  prev = loket_hlc_now (hlc);
  g_assert_cmpstr (prev, ==, "001700000000000-000000");

  /* Same millisecond: the counter moves. */
  {
    g_autofree char *next = loket_hlc_now (hlc);
    g_assert_cmpstr (next, ==, "001700000000000-000001");
    g_assert_cmpstr (prev, <, next);
    g_free (prev);
    prev = g_steal_pointer (&next);
  }

  /* The wall clock goes back an hour: timestamps still increase. */
  clock.now_ms -= 3600 * 1000;
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *next = loket_hlc_now (hlc);

      g_assert_cmpstr (prev, <, next);
      g_assert_true (loket_hlc_parse (next, &wall, &counter));
      g_assert_cmpint (wall, ==, G_GINT64_CONSTANT (1700000000000));
      g_free (prev);
      prev = g_steal_pointer (&next);
      if (i % 10 == 0)
        clock.now_ms -= 7;
    }

  /* The wall clock catches up: the counter restarts. */
  clock.now_ms = G_GINT64_CONSTANT (1700000000500);
  {
    g_autofree char *next = loket_hlc_now (hlc);
    g_assert_cmpstr (next, ==, "001700000000500-000000");
    g_assert_cmpstr (prev, <, next);
  }
}

static void
test_hlc_counter_overflow (void)
{
  FakeClock clock = { 5 };
  g_autoptr (LoketHlc) hlc = loket_hlc_new_with_clock (fake_now, &clock);
  g_autofree char *high = loket_hlc_format (5, 999998);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_true (loket_hlc_observe (hlc, high, NULL));
  a = loket_hlc_now (hlc);
  b = loket_hlc_now (hlc);
  g_assert_cmpstr (a, ==, "000000000000005-999999");
  g_assert_cmpstr (b, ==, "000000000000006-000000");
}

static void
test_hlc_observe (void)
{
  FakeClock clock = { G_GINT64_CONSTANT (1700000000000) };
  g_autoptr (LoketHlc) hlc = loket_hlc_new_with_clock (fake_now, &clock);
  g_autoptr (GError) error = NULL;
  g_autofree char *first = loket_hlc_now (hlc);
  const char      *remote = "001700000090000-000007";

  /* A remote replica whose clock runs 90 s ahead. */
  g_assert_true (loket_hlc_observe (hlc, remote, &error));
  g_assert_no_error (error);
  {
    g_autofree char *next = loket_hlc_now (hlc);
    g_assert_cmpstr (next, ==, "001700000090000-000008");
    g_assert_cmpstr (next, >, remote);
  }

  /* An older remote timestamp changes nothing. */
  g_assert_true (loket_hlc_observe (hlc, first, &error));
  {
    g_autofree char *next = loket_hlc_now (hlc);
    g_assert_cmpstr (next, ==, "001700000090000-000009");
  }

  /* Same wall time, higher counter. */
  g_assert_true (loket_hlc_observe (hlc, "001700000090000-000050", &error));
  {
    g_autofree char *next = loket_hlc_now (hlc);
    g_assert_cmpstr (next, ==, "001700000090000-000051");
  }

  /* Local wall clock overtakes the remote one. */
  clock.now_ms = G_GINT64_CONSTANT (1700000100000);
  {
    g_autofree char *next = loket_hlc_now (hlc);
    g_assert_cmpstr (next, ==, "001700000100000-000000");
  }
}

static void
test_hlc_real_clock (void)
{
  g_autoptr (LoketHlc) hlc = loket_hlc_new ();
  g_autofree char *a = loket_hlc_now (hlc);
  g_autofree char *b = loket_hlc_now (hlc);
  gint64           wall;

  g_assert_true (loket_hlc_parse (a, &wall, NULL));
  g_assert_cmpint (ABS (wall - g_get_real_time () / 1000), <, 60 * 1000);
  g_assert_cmpstr (a, <, b);
}

#define N_THREADS 4
#define N_STAMPS 5000

static gpointer
take_stamps (gpointer data)
{
  LoketHlc  *hlc = data;
  GPtrArray *stamps = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_STAMPS; i++)
    g_ptr_array_add (stamps, loket_hlc_now (hlc));

  return stamps;
}

static void
test_hlc_threads (void)
{
  FakeClock clock = { G_GINT64_CONSTANT (1700000000000) };
  g_autoptr (LoketHlc) hlc = loket_hlc_new_with_clock (fake_now, &clock);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GThread   *threads[N_THREADS];
  GPtrArray *results[N_THREADS];

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("hlc", take_stamps, hlc);
  for (guint i = 0; i < N_THREADS; i++)
    results[i] = g_thread_join (threads[i]);

  /* Every timestamp is unique, and each thread sees its own increase. */
  for (guint i = 0; i < N_THREADS; i++)
    {
      for (guint j = 0; j < results[i]->len; j++)
        {
          const char *stamp = g_ptr_array_index (results[i], j);

          g_assert_true (g_hash_table_add (seen, (gpointer) stamp));
          if (j > 0)
            g_assert_cmpstr (g_ptr_array_index (results[i], j - 1), <, stamp);
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_THREADS * N_STAMPS);

  g_hash_table_remove_all (seen);
  for (guint i = 0; i < N_THREADS; i++)
    g_ptr_array_unref (results[i]);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loket/core/hlc/format-parse", test_hlc_format_parse);
  g_test_add_func ("/loket/core/hlc/malformed", test_hlc_malformed);
  g_test_add_func ("/loket/core/hlc/monotonic", test_hlc_monotonic);
  g_test_add_func ("/loket/core/hlc/counter-overflow", test_hlc_counter_overflow);
  g_test_add_func ("/loket/core/hlc/observe", test_hlc_observe);
  g_test_add_func ("/loket/core/hlc/real-clock", test_hlc_real_clock);
  g_test_add_func ("/loket/core/hlc/threads", test_hlc_threads);

  return g_test_run ();
}
