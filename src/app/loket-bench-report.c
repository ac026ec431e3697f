// SPDX-License-Identifier: GPL-3.0-or-later
// LOKET_BENCH_REPORT=1: print start-up figures of the real app to stdout, then quit.
// Read by tests/bench/bench-app.c (figures, not pass/fail).

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "loket-bench-report.h"

typedef struct
{
  GApplication *application;
  gint64        started;
  double        first_frame_ms;
  double        exec_offset_ms; /* from the process start to `started` */
} Watch;

static long
resident_kib (void)
{
  g_autofree char *statm = NULL;
  long             size = 0;
  long             resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL)
      || sscanf (statm, "%ld %ld", &size, &resident) != 2)
    return -1;
  return resident * (sysconf (_SC_PAGESIZE) / 1024);
}

static long
status_kib (const char *key)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, key);
  return line != NULL ? strtol (line + strlen (key), NULL, 10) : -1;
}

/* How long ago the kernel started this process, in ms (-1 when unknown): the start-up figures
 * include loading the libraries, which a cold start pays for most. /proc/self/stat field 22 is
 * in clock ticks of CLOCK_BOOTTIME, so the figure is up to one tick (10 ms) high. */
static double
process_age_ms (void)
{
  g_autofree char *stat = NULL;
  const char      *p;
  struct timespec  now;
  unsigned long long start_ticks = 0;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL)
      || clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;
  /* The command name may hold spaces: fields are counted from after its ')'. */
  p = strrchr (stat, ')');
  if (p == NULL)
    return -1;
  for (int field = 2; field < 22 && p != NULL; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL || sscanf (p + 1, "%llu", &start_ticks) != 1)
    return -1;
  return (now.tv_sec * 1000.0 + now.tv_nsec / 1e6) - start_ticks * 1000.0 / sysconf (_SC_CLK_TCK);
}

static gboolean
list_is_shown (LoketWindow *window)
{
  LoketCaseListModel *cases = loket_window_get_cases (window);
  g_autoptr (LoketCase) first = NULL;

  if (g_strcmp0 (loket_window_get_state (window), "error") == 0)
    return TRUE;
  if (cases == NULL || loket_case_list_model_get_loading (cases))
    return FALSE;
  if (g_list_model_get_n_items (G_LIST_MODEL (cases)) == 0)
    return TRUE;

  first = g_list_model_get_item (G_LIST_MODEL (cases), 0);
  return loket_case_list_model_get_loaded (cases, first) != NULL;
}

#define SETTLE_S 3

static gboolean
settled_cb (gpointer user_data)
{
  printf ("rss-kib-settled: %ld\n", resident_kib ());
  printf ("rss-anon-kib-settled: %ld\n", status_kib ("RssAnon:"));
  fflush (stdout);
  g_application_quit (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *frame_clock, gpointer user_data)
{
  Watch *watch = user_data;
  double now_ms = (g_get_monotonic_time () - watch->started) / 1000.0;

  if (watch->first_frame_ms == 0)
    {
      double age = process_age_ms ();

      watch->first_frame_ms = now_ms;
      /* Measured from the process start when the kernel says when that was. */
      if (age > now_ms)
        {
          watch->exec_offset_ms = age - now_ms;
          watch->first_frame_ms = age;
        }
    }

  if (!list_is_shown (LOKET_WINDOW (widget)))
    return G_SOURCE_CONTINUE;

  printf ("first-frame-ms: %.1f\n", watch->first_frame_ms);
  printf ("list-shown-ms: %.1f\n", now_ms + watch->exec_offset_ms);
  printf ("rss-kib-list-open: %ld\n", resident_kib ());
  /* Anonymous memory is what Loket itself holds; file-backed pages (the memory-mapped database,
   * fonts, libraries) are shared and reclaimable. */
  printf ("rss-anon-kib-list-open: %ld\n", status_kib ("RssAnon:"));
  printf ("rss-file-kib-list-open: %ld\n", status_kib ("RssFile:"));
  if (g_strcmp0 (loket_window_get_state (LOKET_WINDOW (widget)), "error") == 0)
    printf ("error: %s\n", loket_window_get_error (LOKET_WINDOW (widget))->message);
  fflush (stdout);

  /* The work deferred until the list is shown (sign-in list, escalation scan) runs next: the
   * resident size once it is done too. */
  g_timeout_add_seconds (SETTLE_S, settled_cb, watch->application);
  return G_SOURCE_REMOVE;
}

gboolean
loket_bench_report_enabled (void)
{
  return g_strcmp0 (g_getenv ("LOKET_BENCH_REPORT"), "1") == 0;
}

void
loket_bench_report_watch (LoketWindow *window, GApplication *application, gint64 started)
{
  Watch *watch = g_new0 (Watch, 1);

  g_return_if_fail (LOKET_IS_WINDOW (window));

  watch->application = application;
  watch->started = started;
  gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, watch, g_free);
}
