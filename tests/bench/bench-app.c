// SPDX-License-Identifier: GPL-3.0-or-later
// App benchmarks: cold start to first frame and resident memory with the case list open, on a
// 100,000-case demo database. Runs the real `loket` under Xvfb; it reports through stdout when
// LOKET_BENCH_REPORT=1 (see loket-application.c). Figures, not pass/fail.
#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loket-test-utils.h"

static double
parse_value (const char *text, const char *key)
{
  const char *p = strstr (text, key);

  return p != NULL ? g_ascii_strtod (p + strlen (key), NULL) : -1;
}

static char *
run (const char *const *argv, GError **error)
{
  g_autoptr (GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, error);
  char *out = NULL;

  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, error))
    return NULL;
  return out;
}

int
main (void)
{
  const char *build = g_getenv ("LOKET_BUILD_ROOT");
  const char *n_cases = g_getenv ("LOKET_BENCH_CASES") != NULL ? g_getenv ("LOKET_BENCH_CASES")
                                                                : "100000";
  g_autofree char *tmpdir = g_dir_make_tmp ("loket-bench-app-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (tmpdir, "bench.db", NULL);
  g_autofree char *cli = g_build_filename (build, "src", "cli", "loket-cli", NULL);
  g_autofree char *app = g_build_filename (build, "src", "app", "loket", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *demo_out = NULL;
  double first_frame = 0, wall = 0, rss = 0, list_ms = 0, rss_cairo = 0;
  double anon = 0, file = 0, anon_cairo = 0;
  const int runs = 5;

  {
    const char *argv[] = { cli, "demo", "--db", db, "--cases", n_cases, "--seed", "1", "-q", NULL };
    demo_out = run (argv, &error);
    if (demo_out == NULL)
      g_error ("demo: %s", error->message);
  }

  g_setenv ("LOKET_BENCH_REPORT", "1", TRUE);
  for (int i = 0; i < runs; i++)
    {
      const char *argv[] = { "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", app, "--database",
                             db, NULL };
      g_autofree char *out = NULL;
      gint64 start = g_get_monotonic_time ();

      out = run (argv, &error);
      if (out == NULL)
        g_error ("loket: %s", error->message);
      if (i == 0)
        continue; /* the first run warms the page cache: we report warm starts, as an office PC sees */
      first_frame += parse_value (out, "first-frame-ms:");
      list_ms += parse_value (out, "list-shown-ms:");
      rss = MAX (rss, parse_value (out, "rss-kib-list-open:"));
      anon = MAX (anon, parse_value (out, "rss-anon-kib-list-open:"));
      file = MAX (file, parse_value (out, "rss-file-kib-list-open:"));
      wall += (g_get_monotonic_time () - start) / 1000.0;
    }
  /* Under Xvfb GTK's GL renderer runs on llvmpipe, whose buffers dominate the resident size;
   * the cairo renderer shows what Loket itself holds. Both are printed. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  {
    const char *argv[] = { "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", app, "--database",
                           db, NULL };
    g_autofree char *out = run (argv, &error);

    if (out == NULL)
      g_error ("loket: %s", error->message);
    rss_cairo = parse_value (out, "rss-kib-list-open:");
    anon_cairo = parse_value (out, "rss-anon-kib-list-open:");
  }
  g_unsetenv ("GSK_RENDERER");

  printf ("# Loket app benchmarks (%s cases, mean of %d warm starts under Xvfb)\n", n_cases, runs - 1);
  printf ("%-44s %12.1f %-8s target %s\n", "start to first frame", first_frame / (runs - 1), "ms",
          "<= 400 ms");
  printf ("%-44s %12.1f %-8s target %s\n", "start to case list filled", list_ms / (runs - 1), "ms",
          "(info)");
  printf ("%-44s %12.1f %-8s target %s\n", "resident memory, list open (GL, llvmpipe)",
          rss / 1024.0, "MiB", "<= 150 MB");
  printf ("%-44s %12.1f %-8s target %s\n", "resident memory, list open (cairo renderer)",
          rss_cairo / 1024.0, "MiB", "<= 150 MB");
  /* Resident memory counts the memory-mapped database's pages too (shared, reclaimable). */
  printf ("%-44s %12.1f %-8s target %s\n", "  of which anonymous (GL / cairo)", anon / 1024.0, "MiB",
          "(info)");
  printf ("%-44s %12.1f %-8s target %s\n", "  anonymous with the cairo renderer", anon_cairo / 1024.0,
          "MiB", "(info)");
  printf ("%-44s %12.1f %-8s target %s\n", "  file-backed (database map, fonts, libraries)",
          file / 1024.0, "MiB", "(info)");
  printf ("%-44s %12.1f %-8s target %s\n", "process wall time incl. xvfb-run", wall / (runs - 1),
          "ms", "(info)");
  loket_test_remove_tree (tmpdir);
  return 0;
}
