// SPDX-License-Identifier: GPL-3.0-or-later
// App benchmarks: start to first frame and resident memory with the case list open, on a
// 100,000-case demo database ($LOKET_BENCH_DB from scripts/bench.sh, or a new one). Runs the
// real `loket` under Xvfb as an officer starts it, and with GTK's GL renderer forced; it reports
// through stdout when LOKET_BENCH_REPORT=1 (see loket-bench-report.c). Figures, not pass/fail.
#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-row.h"
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

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values, int n)
{
  qsort (values, n, sizeof (double), cmp_double);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

#define RUNS 5 /* per kind of start; warm ones after one start that warms the page cache */

typedef struct
{
  double first_frame[RUNS];
  double list_ms[RUNS];
  double rss, anon, file; /* KiB, the largest seen */
  double settled;         /* KiB, the largest seen once the deferred start-up work ran */
} Figures;

/* Empties the kernel's page cache (root only), so that the next start reads the libraries, the
 * icons and the database from disk as after a reboot. FALSE when this process may not. */
static gboolean
drop_page_cache (void)
{
  FILE *out;
  int   ok;

  sync ();
  out = fopen ("/proc/sys/vm/drop_caches", "w");
  if (out == NULL)
    return FALSE;
  ok = fputs ("3\n", out) >= 0;
  return fclose (out) == 0 && ok;
}

/* @variable=@value (or nothing) set for the runs: how GTK draws. With @cold the page cache is
 * dropped before every start and none is left out. */
static void
measure (const char *app, const char *db, const char *variable, const char *value, gboolean cold,
         Figures *f)
{
  g_autoptr (GError) error = NULL;

  if (variable != NULL)
    g_setenv (variable, value, TRUE);
  for (int i = cold ? 1 : 0; i <= RUNS; i++)
    {
      const char *argv[] = { "xvfb-run", "-a", "-s", "-screen 0 1280x800x24", app, "--database",
                             db, NULL };
      g_autofree char *out = NULL;

      if (cold && !drop_page_cache ())
        {
          f->first_frame[0] = -1;
          break;
        }
      out = run (argv, &error);
      if (out == NULL)
        g_error ("loket: %s", error->message);
      if (strstr (out, "error:") != NULL)
        g_error ("loket: %s", strstr (out, "error:"));
      if (i == 0)
        continue; /* the first start warms the page cache: we report warm starts, as an office PC sees */
      f->first_frame[i - 1] = parse_value (out, "first-frame-ms:");
      f->list_ms[i - 1] = parse_value (out, "list-shown-ms:");
      f->rss = MAX (f->rss, parse_value (out, "rss-kib-list-open:"));
      f->anon = MAX (f->anon, parse_value (out, "rss-anon-kib-list-open:"));
      f->file = MAX (f->file, parse_value (out, "rss-file-kib-list-open:"));
      f->settled = MAX (f->settled, parse_value (out, "rss-kib-settled:"));
    }
  if (variable != NULL)
    g_unsetenv (variable);
}

int
main (int argc, char **argv)
{
  const char *build = g_getenv ("LOKET_BUILD_ROOT");
  const char *shared = g_getenv ("LOKET_BENCH_DB");
  const char *n_cases = g_getenv ("LOKET_BENCH_CASES") != NULL ? g_getenv ("LOKET_BENCH_CASES")
                                                                : "100000";
  g_autofree char *tmpdir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *cli = g_build_filename (build, "src", "cli", "loket-cli", NULL);
  g_autofree char *app = g_build_filename (build, "src", "app", "loket", NULL);
  g_autoptr (GError) error = NULL;
  Figures plain = { { 0 } }, gl = { { 0 } }, cold = { { 0 } };

  g_set_prgname ("bench-app");
  /* The database scripts/bench.sh made for every benchmark, else a new demo database. */
  if (shared != NULL && *shared != '\0' && g_file_test (shared, G_FILE_TEST_EXISTS))
    db = g_strdup (shared);
  else
    {
      const char *demo[] = { cli, "demo", "--cases", n_cases, "--seed", "1", "-q", "--db", NULL,
                             NULL };
      g_autofree char *demo_out = NULL;

      tmpdir = g_dir_make_tmp ("loket-bench-app-XXXXXX", NULL);
      db = g_build_filename (tmpdir, "bench.db", NULL);
      demo[8] = db;
      demo_out = run (demo, &error);
      if (demo_out == NULL)
        g_error ("demo: %s", error->message);
    }

  g_setenv ("LOKET_BENCH_REPORT", "1", TRUE);
  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("GDK_DEBUG");
  /* As started by an officer: with no GPU render node (Xvfb here, a PC without a graphics driver)
   * Loket tells GTK not to use OpenGL (src/app/loket-gl-choice.c). LOKET_GL=1 forces GTK's GL
   * renderer, which under Xvfb runs on llvmpipe, Mesa's software GL: LLVM's code and buffers then
   * count in the resident size. Both are printed; the first is what the target is about. */
  measure (app, db, NULL, NULL, TRUE, &cold);
  measure (app, db, NULL, NULL, FALSE, &plain);
  measure (app, db, "LOKET_GL", "1", FALSE, &gl);

  printf ("# Loket app benchmarks (%s, median of %d warm starts under Xvfb per renderer)\n", db,
          RUNS);
  if (cold.first_frame[0] < 0)
    printf ("# cold start not measured: dropping the page cache needs root\n");
  else
    {
      loket_bench_row ("start to first frame, page cache dropped (cold)",
                       median (cold.first_frame, RUNS), "ms", "<= 400 ms");
      loket_bench_row ("start to case list filled, page cache dropped (cold)",
                       median (cold.list_ms, RUNS), "ms", "(info)");
    }
  loket_bench_row ("start to first frame, warm (as started: no GPU, so no GL)",
                   median (plain.first_frame, RUNS), "ms", "<= 400 ms");
  loket_bench_row ("start to first frame (GL forced, llvmpipe)", median (gl.first_frame, RUNS), "ms",
                   "(info)");
  loket_bench_row ("start to case list filled (as started)", median (plain.list_ms, RUNS), "ms",
                   "(info)");
  loket_bench_row ("resident memory, list open (as started)", plain.rss / 1024.0, "MiB",
                   "<= 150 MB (143 MiB)");
  loket_bench_row ("resident memory, 3 s later (as started)", plain.settled / 1024.0, "MiB",
                   "<= 150 MB (143 MiB)");
  loket_bench_row ("resident memory, list open (GL forced, llvmpipe)", gl.rss / 1024.0, "MiB",
                   "(info)");
  loket_bench_row ("resident memory, 3 s later (GL forced, llvmpipe)", gl.settled / 1024.0, "MiB",
                   "(info)");
  loket_bench_row ("  anonymous, list open (as started)", plain.anon / 1024.0, "MiB", "(info)");
  loket_bench_row ("  file-backed, list open (as started)", plain.file / 1024.0, "MiB", "(info)");
  loket_bench_row ("  anonymous, list open (GL forced)", gl.anon / 1024.0, "MiB", "(info)");
  loket_bench_row ("  file-backed, list open (GL forced, incl. libLLVM)", gl.file / 1024.0, "MiB",
                   "(info)");
  if (tmpdir != NULL)
    loket_test_remove_tree (tmpdir);
  return 0;
}
