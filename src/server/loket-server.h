// SPDX-License-Identifier: GPL-3.0-or-later
// loket-server: the sync protocol (src/sync/PROTOCOL.md) over libsoup 3 and PostgreSQL.
#pragma once

#include <gio/gio.h>

#include "loket-server-config.h"

G_BEGIN_DECLS

typedef struct _LoketServer LoketServer;

/* Connects to the database, applies migrations, loads the reference data and listens. Runs on
 * the thread of the GMainContext that will serve requests (blocking only during startup). */
LoketServer *loket_server_new          (const LoketServerConfig *config,
                                        GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
/* The URL clients use (with the real port when the config asked for port 0). */
const char  *loket_server_get_url      (LoketServer *self);
/* Stops accepting connections, lets in-flight requests finish (at most the grace period), then
 * calls @done on the main context. */
void         loket_server_shutdown     (LoketServer   *self,
                                        GSourceFunc    done,
                                        gpointer       user_data);
/* Waits for the database workers and frees everything. */
void         loket_server_free         (LoketServer *self);

G_END_DECLS
