// SPDX-License-Identifier: GPL-3.0-or-later
// SIGKILL a process that is appending events: every event it reported committed survives and
// the database checks clean.
#include "config.h"

#include <signal.h>

#include "loket-store.h"
#include "loket-test-utils.h"
#include "store-test-events.h"

static void
test_kill_while_appending (void)
{
  g_autofree char *dir = g_dir_make_tmp ("loket-test-kill-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "loket.db", NULL);
  g_autofree char *helper
    = g_test_build_filename (G_TEST_BUILT, "store", "store-kill-helper", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GPtrArray) committed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (LoketCaseProjector) projector = store_test_projector_new ();
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (LoketStoreCheckReport) report = NULL;
  guint  n_wanted = 3 + g_test_rand_int_range (0, 20);
  gint64 start;

  for (guint round = 0; round < 3; round++)
    {
      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, helper, path, NULL);
      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

      start = g_get_monotonic_time ();
      for (guint i = 0; i < n_wanted; i++)
        {
          char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_nonnull (line);
          g_ptr_array_add (committed, line);
        }
      g_test_message (
        "round %u: %u committed batches of ~20 events in %.1f ms (%.2f ms per commit)", round,
        n_wanted, (g_get_monotonic_time () - start) / 1000.0,
        (g_get_monotonic_time () - start) / 1000.0 / n_wanted);

      /* Mid-run: the helper is somewhere inside its next append. */
      g_usleep (g_test_rand_int_range (0, 3000));
      g_subprocess_send_signal (process, SIGKILL);
      g_assert_true (g_subprocess_wait (process, NULL, &error));
      g_assert_true (g_subprocess_get_if_signaled (process));
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);

      /* Lines printed before the kill are committed too. */
      for (;;)
        {
          char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL);
          if (line == NULL)
            break;
          g_ptr_array_add (committed, line);
        }
      g_clear_object (&lines);
      g_clear_object (&process);
    }

  store = loket_store_open (path, projector, &error);
  g_assert_no_error (error);
  report = loket_store_check (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("problem: %s", (char *) report->problems->pdata[i]);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_test_message ("%u events in %u cases after three kills; %u batches reported committed",
                  report->n_events, report->n_cases, committed->len);

  for (guint i = 0; i < committed->len; i++)
    {
      g_auto (GStrv) parts = g_strsplit (committed->pdata[i], " ", 2);
      g_autoptr (GPtrArray) events = NULL;
      gboolean found = FALSE;

      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      events = loket_store_get_case_events (store, parts[0], &error);
      g_assert_no_error (error);
      for (guint j = 0; j < events->len; j++)
        found |= g_str_equal (loket_event_get_uuid (events->pdata[j]), parts[1]);
      g_assert_true (found);
    }

  loket_store_close (store);
  loket_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loket/store/kill/sigkill-while-appending", test_kill_while_appending);
  return g_test_run ();
}
