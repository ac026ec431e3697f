// SPDX-License-Identifier: GPL-3.0-or-later
// A real PostgreSQL cluster (tests/support/pg-cluster.sh) and a real loket-server process on
// 127.0.0.1, for the server's integration tests and benchmark. Nothing is mocked.
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  char *dir;      /* cluster directory, removed on stop */
  char *conninfo;
} LoketTestPg;

/* Aborts the test (g_error) when PostgreSQL cannot start; skips nothing silently. */
LoketTestPg *loket_test_pg_start (void);
void         loket_test_pg_stop  (LoketTestPg *pg);
/* Stops PostgreSQL without removing it (an outage), and starts it again on the same port. */
void         loket_test_pg_halt  (LoketTestPg *pg);
void         loket_test_pg_resume (LoketTestPg *pg);

typedef struct
{
  GSubprocess *process;
  char        *url;      /* http://127.0.0.1:PORT/api/v1 */
  char        *log_path; /* the server's stderr */
  char        *dir;
} LoketTestServer;

/* Starts loket-server on a free port (--verbose, so the log holds everything) and waits for
 * /health. @extra_config is appended to the config file (may be NULL). */
LoketTestServer *loket_test_server_start (LoketTestPg *pg,
                                          const char  *extra_config);
/* SIGTERM, then waits; returns the exit status. */
int              loket_test_server_stop  (LoketTestServer *server);
char            *loket_test_server_log   (LoketTestServer *server);

/* `loket-server admin ARGS…` with @password on stdin (NULL: none); asserts exit 0. */
void             loket_test_admin        (LoketTestPg *pg,
                                          const char  *password,
                                          ...) G_GNUC_NULL_TERMINATED;

/* The same, returning the exit status (stdout in @out, stderr in @err; both optional) instead of
 * asserting success. */
int              loket_test_admin_status (LoketTestPg *pg,
                                          const char  *password,
                                          char       **out,
                                          char       **err,
                                          ...) G_GNUC_NULL_TERMINATED;

/* One HTTP request; returns the status. @body may be NULL; @reply / @headers optional. */
guint            loket_test_http         (SoupSession         *session,
                                          const char          *method,
                                          const char          *url,
                                          const char          *token,
                                          const char          *content_type,
                                          const void          *body,
                                          gsize                length,
                                          GBytes             **reply,
                                          SoupMessageHeaders **headers);
/* POST /session; returns the token (asserts 200). */
char            *loket_test_login        (SoupSession *session,
                                          const char  *url,
                                          const char  *username,
                                          const char  *password);

G_END_DECLS
