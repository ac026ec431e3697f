// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "bench-row.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Tabs and line breaks would split the row. */
static char *
field (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  return g_strdelimit (copy, "\t\r\n", ' ');
}

/* The benchmark's program name ("bench-store"), without its folder. */
static char *
bench_name (void)
{
  g_autofree char *exe = NULL;
  g_autofree char *base = NULL;

  if (g_get_prgname () != NULL)
    base = g_path_get_basename (g_get_prgname ());
  else if ((exe = g_file_read_link ("/proc/self/exe", NULL)) != NULL)
    base = g_path_get_basename (exe);
  return field (base != NULL ? base : "?");
}

void
loket_bench_row (const char *what, double value, const char *unit, const char *target)
{
  const char *table = g_getenv ("LOKET_BENCH_TABLE");

  printf ("%-44s %12.2f %-8s target %s\n", what, value, unit, target);
  fflush (stdout);
  if (table != NULL && *table != '\0')
    {
      g_autofree char *bench = bench_name ();
      g_autofree char *w = field (what);
      g_autofree char *u = field (unit);
      g_autofree char *t = field (target);
      g_autofree char *line = NULL;
      char             number[G_ASCII_DTOSTR_BUF_SIZE];
      int              fd;

      g_ascii_formatd (number, sizeof number, "%.3f", value);
      line = g_strdup_printf ("%s\t%s\t%s\t%s\t%s\n", bench, w, number, u, t);
      /* One write() with O_APPEND: rows of benchmarks run one after another never mix. */
      fd = open (table, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
      if (fd < 0 || write (fd, line, strlen (line)) != (ssize_t) strlen (line))
        g_printerr ("%s: could not append the row\n", table);
      if (fd >= 0)
        close (fd);
    }
}
