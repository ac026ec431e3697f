// SPDX-License-Identifier: GPL-3.0-or-later
// Strict reader of one catalog file (one agency and its services); see data/catalog/README.md.
#pragma once

#include <glib.h>

#include "loket-agency.h"

G_BEGIN_DECLS

/* Parses and validates one file. @file_name (the base name) prefixes every error message.
 * Checks that need the whole catalog (duplicate ids across files, product_of) are the
 * caller's. On success sets @agency and @services (element LoketService). */
gboolean _loket_catalog_parse (const char   *file_name,
                               const char   *data,
                               gsize         length,
                               LoketAgency **agency,
                               GPtrArray   **services,
                               GError      **error);

/* Sets LOKET_ERROR_INVALID_DATA with the message "<file>: <path>: <message>". */
void _loket_catalog_set_error (GError    **error,
                               const char *file_name,
                               const char *path,
                               const char *format,
                               ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
