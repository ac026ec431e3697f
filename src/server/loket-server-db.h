// SPDX-License-Identifier: GPL-3.0-or-later
// PostgreSQL for loket-server: a pool of worker threads that each own one PGconn (libpq calls
// block, so the main loop never makes one), query helpers and the schema migrations.
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct _LoketPgPool LoketPgPool;

/* Runs on a worker thread. @conn is NULL when the database cannot be reached (→ 503). */
typedef void (*LoketPgJobFunc) (PGconn  *conn,
                                gpointer job,
                                gpointer user_data);

LoketPgPool *loket_pg_pool_new   (const char    *conninfo,
                                  guint          size,
                                  LoketPgJobFunc func,
                                  gpointer       user_data) G_GNUC_WARN_UNUSED_RESULT;
void         loket_pg_pool_push  (LoketPgPool *pool,
                                  gpointer     job);
/* Runs the queued jobs, then ends the threads and closes their connections. */
void         loket_pg_pool_free  (LoketPgPool *pool);

/* Errors are LOKET_SYNC_ERROR_UNAVAILABLE (connection) or _INTERNAL (SQL); messages never hold
 * parameter values. */
PGconn      *loket_pg_connect    (const char *conninfo,
                                  GError    **error) G_GNUC_WARN_UNUSED_RESULT;
/* PQexecParams with text parameters (NULL = SQL NULL) and text results. */
PGresult    *loket_pg_query      (PGconn            *conn,
                                  const char        *sql,
                                  int                n_params,
                                  const char *const *values,
                                  GError           **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same with explicit lengths/formats (1 = binary) and a result format. */
PGresult    *loket_pg_query_full (PGconn            *conn,
                                  const char        *sql,
                                  int                n_params,
                                  const char *const *values,
                                  const int         *lengths,
                                  const int         *formats,
                                  int                result_format,
                                  GError           **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean     loket_pg_exec       (PGconn            *conn,
                                  const char        *sql,
                                  int                n_params,
                                  const char *const *values,
                                  GError           **error);
void         loket_pg_rollback   (PGconn *conn);

/* Applies the migrations of the server GResource not yet recorded in schema_migrations, each in
 * its own transaction, under an advisory lock (several servers may start at once). */
gboolean     loket_pg_migrate    (PGconn  *conn,
                                  GError **error);

/* A PostgreSQL array literal {"a","b"} of @values (escaped). */
char        *loket_pg_text_array (const char *const *values,
                                  guint              n) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)

G_END_DECLS
