// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers shared by Loket's tests: temporary trees, waiting on the main loop.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Deletes @path and everything below it (no symlinks followed). */
void     loket_test_remove_tree    (const char *path);

/* Iterates the default main context until @condition returns TRUE or @timeout_ms passes;
 * returns the condition's last value. */
gboolean loket_test_wait_until     (gboolean (*condition) (gpointer data),
                                    gpointer  data,
                                    guint     timeout_ms);

/* One run of the built loket-cli ($LOKET_BUILD_ROOT/src/cli/loket-cli). */
typedef struct
{
  int   status; /* exit status */
  char *out;    /* standard output */
  char *err;    /* standard error */
} LoketCliRun;

void     loket_cli_run_clear       (LoketCliRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LoketCliRun, loket_cli_run_clear)

/* Runs loket-cli with @args (NULL-terminated) and waits for it. */
void     loket_test_run_cli        (LoketCliRun       *run,
                                    const char *const *args);
/* The same with the arguments listed, NULL last. */
void     loket_test_run_cliv       (LoketCliRun *run,
                                    ...) G_GNUC_NULL_TERMINATED;

/* Runs a program (NULL-terminated arguments, looked up in PATH); returns its exit status (128 +
 * the signal when killed), stdout+stderr in *@output when not NULL. */
int      loket_test_run_tool       (char      **output,
                                    const char *program,
                                    ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
