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

G_END_DECLS
