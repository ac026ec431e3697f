// SPDX-License-Identifier: GPL-3.0-or-later
// loket-cli: scripting, demo data and maintenance from the command line.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs one subcommand; returns the process exit code. */
int loket_cli_run (int argc, char **argv);

G_END_DECLS
