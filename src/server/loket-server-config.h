// SPDX-License-Identifier: GPL-3.0-or-later
// loket-server's settings: a GKeyFile (data/loket-server.conf.example) and command-line flags.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char    *listen_address;     /* [server] listen, default 127.0.0.1 */
  int      port;               /* [server] port, default 8443; 0 = any free port */
  char    *data_dir;           /* [server] data-dir: org/, catalog/, holidays/ */
  char    *tls_certificate;    /* [server] tls-certificate (PEM file) */
  char    *tls_key;            /* [server] tls-key (PEM file) */
  guint    shutdown_grace;     /* [server] shutdown-grace-seconds, default 30 */
  char   **trusted_proxies;    /* [server] trusted-proxies: addresses whose X-Forwarded-For counts */
  char    *database;           /* [database] conninfo (libpq) */
  guint    db_connections;     /* [database] connections, default 4 */
  guint    argon2_memory_kib;  /* [auth] argon2-memory-kib */
  guint    argon2_iterations;  /* [auth] argon2-iterations */
  guint    login_max_failures; /* [auth] max-failures, default 5 */
  guint    login_lockout;      /* [auth] lockout-seconds, default 30 (doubles per failure) */
  guint    lease_days;         /* [numbering] lease-days, default 30 */
  gboolean verbose;
} LoketServerConfig;

LoketServerConfig *loket_server_config_new  (void) G_GNUC_WARN_UNUSED_RESULT;
/* Reads @path over the defaults; unknown keys are ignored, wrong values are errors. */
gboolean           loket_server_config_load (LoketServerConfig *self,
                                             const char        *path,
                                             GError           **error);
void               loket_server_config_free (LoketServerConfig *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketServerConfig, loket_server_config_free)

G_END_DECLS
