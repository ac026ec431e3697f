// SPDX-License-Identifier: GPL-3.0-or-later
// PostgreSQL for loket-server: worker pool, query helpers, migrations.

#include "config.h"

#include "loket-server-db.h"

#include <string.h>

#include "loket-sync-error.h"

#define MIGRATIONS_PATH "/io/github/loketapp/Loket/server-sql"
#define MIGRATION_LOCK "7411001"

struct _LoketPgPool
{
  GThreadPool   *threads;
  char          *conninfo;
  LoketPgJobFunc func;
  gpointer       user_data;
};

static void
finish_conn (gpointer conn)
{
  PQfinish (conn);
}

/* Each worker thread of the pool owns the connection it made. */
static GPrivate thread_conn = G_PRIVATE_INIT (finish_conn);

static PGconn *
worker_conn (LoketPgPool *pool)
{
  PGconn *conn = g_private_get (&thread_conn);

  if (conn != NULL && PQstatus (conn) == CONNECTION_OK)
    return conn;
  if (conn != NULL)
    {
      PQreset (conn);
      if (PQstatus (conn) == CONNECTION_OK)
        return conn;
      g_private_replace (&thread_conn, NULL);
    }

  conn = loket_pg_connect (pool->conninfo, NULL);
  if (conn == NULL)
    return NULL;
  g_private_set (&thread_conn, conn);
  return conn;
}

static void
run_job (gpointer job, gpointer data)
{
  LoketPgPool *pool = data;

  pool->func (worker_conn (pool), job, pool->user_data);
}

LoketPgPool *
loket_pg_pool_new (const char *conninfo, guint size, LoketPgJobFunc func, gpointer user_data)
{
  LoketPgPool *pool = g_new0 (LoketPgPool, 1);

  pool->conninfo = g_strdup (conninfo);
  pool->func = func;
  pool->user_data = user_data;
  pool->threads = g_thread_pool_new (run_job, pool, (int) MAX (size, 1), TRUE, NULL);
  return pool;
}

void
loket_pg_pool_push (LoketPgPool *pool, gpointer job)
{
  g_thread_pool_push (pool->threads, job, NULL);
}

void
loket_pg_pool_free (LoketPgPool *pool)
{
  if (pool == NULL)
    return;
  g_thread_pool_free (pool->threads, FALSE, TRUE);
  g_free (pool->conninfo);
  g_free (pool);
}

/* Server notices ("relation already exists, skipping") are for debugging only. */
static void
notice_cb (void *arg, const char *message)
{
  g_debug ("PostgreSQL: %s", message);
}

PGconn *
loket_pg_connect (const char *conninfo, GError **error)
{
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      /* libpq's message names host and port, never the password. */
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_UNAVAILABLE,
                   "Cannot connect to PostgreSQL: %s", PQerrorMessage (conn));
      PQfinish (conn);
      return NULL;
    }
  PQsetClientEncoding (conn, "UTF8");
  PQsetNoticeProcessor (conn, notice_cb, NULL);
  /* No request holds a worker for ever: a stuck query or a long wait for a lock fails (503). */
  PQclear (PQexec (conn, "SET statement_timeout = '60s'; SET lock_timeout = '20s';"
                         " SET idle_in_transaction_session_timeout = '60s'"));
  return conn;
}

/* Lock or statement timeouts, serialization failures, deadlocks, shutdown: worth a retry. */
static gboolean
is_transient (const char *sqlstate)
{
  static const char *const states[]
    = { "55P03", "57014", "40001", "40P01", "57P01", "57P03", NULL };

  return sqlstate != NULL && g_strv_contains (states, sqlstate);
}

PGresult *
loket_pg_query_full (PGconn            *conn,
                     const char        *sql,
                     int                n_params,
                     const char *const *values,
                     const int         *lengths,
                     const int         *formats,
                     int                result_format,
                     GError           **error)
{
  PGresult      *result;
  ExecStatusType status;

  result = PQexecParams (conn, sql, n_params, NULL, values, lengths, formats, result_format);
  status = PQresultStatus (result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_UNAVAILABLE,
                 "The database connection was lost: %s", PQerrorMessage (conn));
  else if (is_transient (PQresultErrorField (result, PG_DIAG_SQLSTATE)))
    g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_UNAVAILABLE,
                 "The database is busy (%s): %s", PQresultErrorField (result, PG_DIAG_SQLSTATE),
                 PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY));
  else
    g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INTERNAL, "SQL error %s: %s",
                 PQresultErrorField (result, PG_DIAG_SQLSTATE) != NULL
                   ? PQresultErrorField (result, PG_DIAG_SQLSTATE)
                   : "?",
                 PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) != NULL
                   ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY)
                   : PQerrorMessage (conn));
  PQclear (result);
  return NULL;
}

PGresult *
loket_pg_query (PGconn            *conn,
                const char        *sql,
                int                n_params,
                const char *const *values,
                GError           **error)
{
  return loket_pg_query_full (conn, sql, n_params, values, NULL, NULL, 0, error);
}

gboolean
loket_pg_exec (PGconn            *conn,
               const char        *sql,
               int                n_params,
               const char *const *values,
               GError           **error)
{
  PGresult *result = loket_pg_query (conn, sql, n_params, values, error);

  if (result == NULL)
    return FALSE;
  PQclear (result);
  return TRUE;
}

void
loket_pg_rollback (PGconn *conn)
{
  if (PQtransactionStatus (conn) != PQTRANS_IDLE)
    PQclear (PQexec (conn, "ROLLBACK"));
}

char *
loket_pg_text_array (const char *const *values, guint n)
{
  GString *out = g_string_new ("{");

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      for (const char *p = values[i]; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

gboolean
loket_pg_migrate (PGconn *conn, GError **error)
{
  g_auto (GStrv) names = NULL;
  g_autoptr (GHashTable) applied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (PGresult) rows = NULL;
  gboolean ok = FALSE;

  names = g_resources_enumerate_children (MIGRATIONS_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return FALSE;
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);

  if (!loket_pg_exec (conn, "SELECT pg_advisory_lock(" MIGRATION_LOCK ")", 0, NULL, error))
    return FALSE;
  if (!loket_pg_exec (conn,
                      "CREATE TABLE IF NOT EXISTS schema_migrations ("
                      " name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                      0, NULL, error))
    goto out;
  rows = loket_pg_query (conn, "SELECT name FROM schema_migrations", 0, NULL, error);
  if (rows == NULL)
    goto out;
  for (int i = 0; i < PQntuples (rows); i++)
    g_hash_table_add (applied, g_strdup (PQgetvalue (rows, i, 0)));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr (GBytes) sql = NULL;
      g_autofree char *text = NULL;
      const char      *params[] = { names[i] };
      PGresult        *result;

      if (!g_str_has_suffix (names[i], ".sql") || g_hash_table_contains (applied, names[i]))
        continue;
      path = g_build_path ("/", MIGRATIONS_PATH, names[i], NULL);
      sql = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (sql == NULL)
        goto out;
      text = g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));

      if (!loket_pg_exec (conn, "BEGIN", 0, NULL, error))
        goto out;
      result = PQexec (conn, text);
      if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
        {
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INTERNAL,
                       "Migration %s failed: %s", names[i], PQerrorMessage (conn));
          PQclear (result);
          loket_pg_rollback (conn);
          goto out;
        }
      PQclear (result);
      if (!loket_pg_exec (conn, "INSERT INTO schema_migrations (name) VALUES ($1)", 1, params,
                          error)
          || !loket_pg_exec (conn, "COMMIT", 0, NULL, error))
        {
          loket_pg_rollback (conn);
          goto out;
        }
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "LOKET_MIGRATION", names[i], "MESSAGE",
                        "Applied migration %s", names[i]);
    }
  ok = TRUE;

out:
  PQclear (PQexec (conn, "SELECT pg_advisory_unlock(" MIGRATION_LOCK ")"));
  return ok;
}
