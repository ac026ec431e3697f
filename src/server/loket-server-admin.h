// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-server admin …`: agencies, units, people, users and passwords, straight in PostgreSQL.
#pragma once

#include "loket-server-config.h"

G_BEGIN_DECLS

/* @argv[0] is the subcommand. Passwords come from --password-file (a file or "-" for stdin),
 * never from the command line. Returns the process exit status. */
int loket_server_admin_run (const LoketServerConfig *config,
                            int                      argc,
                            char                   **argv);

G_END_DECLS
