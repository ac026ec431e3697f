// SPDX-License-Identifier: GPL-3.0-or-later
// Sync tests with nothing mocked: a real PostgreSQL cluster, a real loket-server process, real
// SQLite clients synced by real `loket-cli sync` processes, and a TCP proxy that injects faults.
#pragma once

#include <gio/gio.h>

#include "loket-store.h"

G_BEGIN_DECLS

#define SYNC_AGENCY "kopnakertrans-ntt"
#define SYNC_PASSWORD "rahasia-uji-123"

typedef struct
{
  char        *dir;       /* temporary root */
  char        *pg_dir;
  char        *conninfo;
  char        *password_file;
  GSubprocess *server;
  char        *url;       /* http://127.0.0.1:PORT (no trailing slash) */
  int          port;
} SyncCluster;

/* Starts PostgreSQL (tests/support/pg-cluster.sh), migrates, creates the agency and the users
 * "kadis" (kadis), "sekretaris" (pejabat), "staf" (staf), all with SYNC_PASSWORD, and starts
 * loket-server. Skips the test (exit 77) when PostgreSQL is not installed. */
SyncCluster *sync_cluster_start        (void);
void         sync_cluster_free         (SyncCluster *cluster);
/* SIGKILL, then waits for the process. */
void         sync_cluster_kill_server  (SyncCluster *cluster);
/* Starts loket-server again on the same port. */
void         sync_cluster_start_server (SyncCluster *cluster);
/* pg_ctl restart -m fast: connections (and a transaction in flight) are cut. */
void         sync_cluster_restart_pg   (SyncCluster *cluster);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncCluster, sync_cluster_free)

/* `loket-cli sync --db @db --server @url --user @user`; TRUE when it exited 0. @output (optional)
 * gets stdout+stderr. */
gboolean     sync_run_cli    (SyncCluster *cluster,
                              const char  *db,
                              const char  *url,
                              const char  *user,
                              char       **output);
/* The same as a running process (to kill it). */
GSubprocess *sync_spawn_cli  (SyncCluster *cluster,
                              const char  *db,
                              const char  *url,
                              const char  *user);

/* A store on @path with the default catalog (open/close around each batch of work). */
LoketStore  *sync_open_store (const char *path);
/* Appends @events (element LoketEvent) to @path. */
void         sync_append     (const char *path, GPtrArray *events);
/* Events of the test's cases: */
LoketEvent  *sync_event      (const char *case_uuid,
                              const char *type,
                              const char *author,
                              const char *device,
                              gint64      ms,
                              const char *body);
/* case.registered + case.declared_complete of a new case at @ms (element LoketEvent). */
GPtrArray   *sync_new_case   (const char *author, const char *device, gint64 ms, char **case_uuid);

/* Everything a replica shows that must converge, hashed: the event set (envelope and body, by
 * UUID), the `cases` projections and the `dispositions` rows. *@n_events: events stored. */
char        *sync_replica_digest (const char *path, guint *n_events);
/* Every event UUID in the replica. (element utf8) */
GHashTable  *sync_replica_uuids  (const char *path);
/* Pending (unacknowledged) events of a replica. */
guint        sync_replica_pending (const char *path);
/* Pulls everything from the server with a fresh session of @user and checks the server's log:
 * UUIDs unique, seqs increasing. Returns the UUIDs (element utf8). */
GHashTable  *sync_server_uuids   (SyncCluster *cluster, const char *user);
/* Store check: hash chains, projections = folds, SQLite integrity. */
void         sync_assert_replica_clean (const char *path);

/* ---- A TCP proxy in front of the server ---------------------------------------------------- */

typedef struct _SyncProxy SyncProxy;

typedef enum
{
  SYNC_PROXY_FORWARD,    /* pass everything */
  SYNC_PROXY_DROP_REPLY, /* forward the matching request, close both sides when its reply
                            starts arriving (the server did the work, the client never knows) */
  SYNC_PROXY_CALLBACK,   /* call the callback (on the proxy's thread) as the matching request
                            passes, then forward */
} SyncProxyMode;

typedef void (*SyncProxyFunc) (gpointer data);

SyncProxy  *sync_proxy_new      (int upstream_port);
void        sync_proxy_free     (SyncProxy *proxy);
const char *sync_proxy_get_url  (SyncProxy *proxy);
/* Arms the proxy: the @nth (1-based) request whose first line starts with @prefix (e.g.
 * "POST /api/v1/sync/push") gets @mode. */
void        sync_proxy_arm      (SyncProxy     *proxy,
                                 const char    *prefix,
                                 guint          nth,
                                 SyncProxyMode  mode,
                                 SyncProxyFunc  func,
                                 gpointer       data);
/* Whether the armed fault happened. */
gboolean    sync_proxy_fired    (SyncProxy *proxy);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncProxy, sync_proxy_free)

G_END_DECLS
