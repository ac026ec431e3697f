// SPDX-License-Identifier: GPL-3.0-or-later
// Schema migrations from loket-store.gresource, tracked with PRAGMA user_version.
#pragma once

#include "loket-db.h"

G_BEGIN_DECLS

/* "LOKT": marks a file as a Loket database (PRAGMA application_id). */
#define LOKET_DB_APPLICATION_ID 0x4c4f4b54

/* The schema version this build creates (the number of the last migration file). */
int      loket_db_migrations_get_latest  (void);

/* Checks an existing file without modifying it: it must be an SQLite database that passes
 * PRAGMA quick_check, be a Loket database (or empty) and not newer than this build.
 * A missing or empty file passes. */
gboolean loket_db_migrations_check_file  (const char  *path,
                                          GError     **error);

/* Applies every migration newer than the database's user_version up to @target (-1: latest),
 * each in its own transaction. */
gboolean loket_db_migrations_apply       (LoketDb     *db,
                                          int          target,
                                          GError     **error);

G_END_DECLS
