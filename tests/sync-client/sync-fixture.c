// SPDX-License-Identifier: GPL-3.0-or-later
// Real PostgreSQL + loket-server + loket-cli, replica digests and a fault-injecting TCP proxy.
#include "config.h"

#include "sync-fixture.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <sqlite3.h>
#include <string.h>

#include "loket-error.h"
#include "loket-hlc.h"
#include "loket-sync-client.h"
#include "loket-test-utils.h"
#include "store-test-events.h"

static char *
source_path (const char *relative)
{
  return g_build_filename (g_getenv ("LOKET_SOURCE_ROOT"), relative, NULL);
}

static char *
build_path (const char *relative)
{
  return g_build_filename (g_getenv ("LOKET_BUILD_ROOT"), relative, NULL);
}

/* Runs @argv, fails the test unless it exits 0; returns its stdout. */
static char *
run_or_die (const char *const *argv, int *status_out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char            *out = NULL;
  int              status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (status_out != NULL)
    {
      *status_out = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
      return out;
    }
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s %s failed: %s\n%s%s", argv[0], argv[1] != NULL ? argv[1] : "", error->message, out,
             err);
  return out;
}

static void
server_admin (SyncCluster *c, const char *const *args)
{
  g_autofree char *server = build_path ("src/server/loket-server");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;

  g_ptr_array_add (argv, server);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, c->conninfo);
  g_ptr_array_add (argv, (gpointer) "admin");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  out = run_or_die ((const char *const *) argv->pdata, NULL);
}

/* A failed assertion aborts the test: stop its PostgreSQL cluster too (loket-server dies with
 * its parent, see child_setup). */
static char *abort_cleanup_command;

static void
abort_handler (int signum)
{
  if (abort_cleanup_command != NULL && system (abort_cleanup_command) != 0)
    (void) 0;
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
child_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

SyncCluster *
sync_cluster_start (void)
{
  g_autoptr (SyncCluster) c = g_new0 (SyncCluster, 1);
  g_autofree char *script = source_path ("tests/support/pg-cluster.sh");
  g_autofree char *out = NULL;
  int              status = 0;

  c->dir = g_dir_make_tmp ("loket-sync-XXXXXX", NULL);
  /* Reference data the clients download stays in the test's folder (loket-cli processes inherit
   * it; an in-process app reads it only if nothing asked for the data folder before). */
  {
    g_autofree char *xdg = g_build_filename (c->dir, "xdg", NULL);

    g_setenv ("XDG_DATA_HOME", xdg, TRUE);
  }
  /* Its own folder under /tmp: the script hands it to the postgres user. */
  c->pg_dir = g_dir_make_tmp ("loket-sync-pg-XXXXXX", NULL);
  {
    const char      *argv[] = { script, "start", c->pg_dir, NULL };
    g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());

    /* The script's guard stops the cluster once this process is gone, however it ends. */
    g_setenv ("LOKET_PG_OWNER_PID", pid, TRUE);
    out = run_or_die (argv, &status);
  }
  if (status == 77)
    {
      g_print ("1..0 # SKIP PostgreSQL is not installed\n");
      exit (77);
    }
  if (status != 0)
    g_error ("pg-cluster.sh start failed (%d)", status);
  c->conninfo = g_strstrip (g_strdup (out));
  g_free (abort_cleanup_command);
  abort_cleanup_command = g_strdup_printf ("'%s' stop '%s' >/dev/null 2>&1", script, c->pg_dir);
  signal (SIGABRT, abort_handler);
  signal (SIGTRAP, abort_handler);

  c->password_file = g_build_filename (c->dir, "password", NULL);
  g_assert_true (g_file_set_contents (c->password_file, SYNC_PASSWORD "\n", -1, NULL));
  {
    const char *migrate[] = { "migrate", NULL };
    const char *agency[] = { "create-agency", SYNC_AGENCY, "Dinas Kopnakertrans NTT", NULL };
    const char *kadis[]
      = { "create-user", "kadis", SYNC_AGENCY, "kadis", "--password-file", c->password_file, NULL };
    const char *sek[] = { "create-user",     "sekretaris",     SYNC_AGENCY, "pejabat",
                          "--password-file", c->password_file, NULL };
    const char *staf[]
      = { "create-user", "staf", SYNC_AGENCY, "staf", "--password-file", c->password_file, NULL };

    server_admin (c, migrate);
    server_admin (c, agency);
    server_admin (c, kadis);
    server_admin (c, sek);
    server_admin (c, staf);
  }
  sync_cluster_start_server (c);
  return g_steal_pointer (&c);
}

void
sync_cluster_start_server (SyncCluster *c)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autofree char *server = build_path ("src/server/loket-server");
  g_autofree char *data = source_path ("data");
  g_autofree char *port = g_strdup_printf ("%d", c->port);
  g_autofree char *log = g_build_filename (c->dir, "server.log", NULL);
  g_autofree char *line = NULL;

  g_assert_null (c->server);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  /* A freshly killed server's port may linger for a moment. */
  for (guint attempt = 0; attempt < 50; attempt++)
    {
      g_clear_object (&c->server);
      g_clear_object (&lines);
      g_clear_pointer (&line, g_free);
      c->server = g_subprocess_launcher_spawn (launcher, &error, server, "--database", c->conninfo,
                                               "--listen", "127.0.0.1", "--port", port,
                                               "--data-dir", data, NULL);
      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (c->server));
      line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL);
      if (line != NULL && g_str_has_prefix (line, "listening on "))
        break;
      g_subprocess_wait (c->server, NULL, NULL);
      g_usleep (100 * 1000);
    }
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    {
      g_autofree char *text = NULL;
      g_file_get_contents (log, &text, NULL, NULL);
      g_error ("loket-server did not start:\n%s", text);
    }
  g_free (c->url);
  c->url = g_strdup (line + strlen ("listening on "));
  if (g_str_has_suffix (c->url, "/"))
    c->url[strlen (c->url) - 1] = '\0';
  c->port = atoi (strrchr (c->url, ':') + 1);
}

void
sync_cluster_kill_server (SyncCluster *c)
{
  if (c->server == NULL)
    return;
  g_subprocess_send_signal (c->server, SIGKILL);
  g_subprocess_wait (c->server, NULL, NULL);
  g_clear_object (&c->server);
}

void
sync_cluster_restart_pg (SyncCluster *c)
{
  g_autofree char *pg_ctl = NULL;
  g_autofree char *data = g_build_filename (c->pg_dir, "data", NULL);
  g_autofree char *out = NULL;
  g_autofree char *log = g_build_filename (c->pg_dir, "postgres.log", NULL);
  const char      *bindirs[]
    = { "/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin" };

  for (guint i = 0; i < G_N_ELEMENTS (bindirs) && pg_ctl == NULL; i++)
    {
      g_autofree char *candidate = g_build_filename (bindirs[i], "pg_ctl", NULL);
      if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE))
        pg_ctl = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (pg_ctl);
  {
    /* As the cluster's owner (pg-cluster.sh runs it as "postgres" when we are root). */
    /* -m fast: open connections and the push in flight are cut, committed work stays. (Not
     * "immediate": the test cluster runs with fsync and synchronous_commit off, so a crash
     * would lose acknowledged commits by configuration, not by our doing.) */
    const char *as_root[] = { "runuser", "-u", "postgres", "--", pg_ctl, "-D", data,      "-m",
                              "fast",    "-w", "-t",       "30", "-l",   log,  "restart", NULL };
    const char *as_user[]
      = { pg_ctl, "-D", data, "-m", "fast", "-w", "-t", "30", "-l", log, "restart", NULL };
    out = run_or_die (getuid () == 0 ? as_root : as_user, NULL);
  }
}

void
sync_cluster_free (SyncCluster *c)
{
  g_autofree char *script = NULL;

  if (c == NULL)
    return;
  sync_cluster_kill_server (c);
  if (c->pg_dir != NULL)
    {
      const char      *argv[] = { NULL, "stop", c->pg_dir, NULL };
      g_autofree char *out = NULL;
      int              status;

      script = source_path ("tests/support/pg-cluster.sh");
      argv[0] = script;
      out = run_or_die (argv, &status);
      g_clear_pointer (&abort_cleanup_command, g_free);
    }
  if (g_getenv ("LOKET_KEEP_TEST_DIR") == NULL && c->dir != NULL)
    loket_test_remove_tree (c->dir);
  g_free (c->dir);
  g_free (c->pg_dir);
  g_free (c->conninfo);
  g_free (c->password_file);
  g_free (c->url);
  g_free (c);
}

/* ---- Clients ------------------------------------------------------------------------------ */

static GSubprocess *
spawn_cli (SyncCluster     *c,
           const char      *db,
           const char      *url,
           const char      *user,
           GSubprocessFlags flags)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *cli = build_path ("src/cli/loket-cli");
  GSubprocess     *process;

  process = g_subprocess_new (flags, &error, cli, "sync", "--db", db, "--server", url, "--user",
                              user, "--password-file", c->password_file, NULL);
  g_assert_no_error (error);
  return process;
}

gboolean
sync_run_cli (SyncCluster *c, const char *db, const char *url, const char *user, char **output)
{
  g_autoptr (GSubprocess) process = spawn_cli (
    c, db, url, user, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("sync %s via %s as %s: %s", db, url, user, out);
  if (output != NULL)
    *output = g_steal_pointer (&out);
  return g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0;
}

GSubprocess *
sync_spawn_cli (SyncCluster *c, const char *db, const char *url, const char *user)
{
  return spawn_cli (c, db, url, user,
                    G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
}

LoketStore *
sync_open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCaseProjector) projector = store_test_projector_new ();
  LoketStore *store = loket_store_open (path, projector, &error);

  g_assert_no_error (error);
  return store;
}

void
sync_append (const char *path, GPtrArray *events)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = sync_open_store (path);

  g_assert_true (loket_store_append_events (store, events, &error));
  g_assert_no_error (error);
  loket_store_close (store);
}

LoketEvent *
sync_event (const char *case_uuid,
            const char *type,
            const char *author,
            const char *device,
            gint64      ms,
            const char *body)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hlc = loket_hlc_format (ms, 0);
  LoketEvent      *event
    = loket_event_new_checked (NULL, case_uuid, type, author, device, hlc, body, &error);

  g_assert_no_error (error);
  return event;
}

GPtrArray *
sync_new_case (const char *author, const char *device, gint64 ms, char **case_uuid)
{
  static guint     counter;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *agenda = g_strdup_printf ("%u/%s/2026", ++counter, device);
  StoreTestCase    spec = { uuid, agenda, "Yohanes Bria", "5371010101900001", NULL, ms / 1000, 2 };
  GPtrArray       *events = store_test_case_events (&spec);

  if (case_uuid != NULL)
    *case_uuid = g_strdup (uuid);
  return events;
}

/* ---- Replica checks ----------------------------------------------------------------------- */

static sqlite3 *
open_ro (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Rows of @sql as text lines (columns named @skip left out), sorted. */
static void
add_rows (GChecksum *sum, sqlite3 *db, const char *sql, const char *skip, guint *n_rows)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);
          if (skip != NULL && g_str_equal (sqlite3_column_name (stmt, i), skip))
            continue;
          g_string_append_printf (row, "%s\x1f", text != NULL ? text : "\x01");
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  sqlite3_finalize (stmt);
  g_ptr_array_sort (rows, compare_strings);
  for (guint i = 0; i < rows->len; i++)
    g_checksum_update (sum, rows->pdata[i], -1);
  if (n_rows != NULL)
    *n_rows = rows->len;
}

char *
sync_replica_digest (const char *path, guint *n_events)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = open_ro (path);

  add_rows (sum, db, "SELECT uuid, case_uuid, type, author, device, hlc, body FROM events", NULL,
            n_events);
  add_rows (sum, db, "SELECT * FROM cases", "id", NULL);
  add_rows (sum, db, "SELECT * FROM dispositions", NULL, NULL);
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

GHashTable *
sync_replica_uuids (const char *path)
{
  GHashTable   *uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3      *db = open_ro (path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT uuid FROM events", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_assert_true (
      g_hash_table_add (uuids, g_strdup ((const char *) sqlite3_column_text (stmt, 0))));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return uuids;
}

guint
sync_replica_pending (const char *path)
{
  sqlite3      *db = open_ro (path);
  sqlite3_stmt *stmt = NULL;
  guint         n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sync_outbox", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

void
sync_assert_replica_clean (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = sync_open_store (path);
  g_autoptr (LoketStoreCheckReport) report = loket_store_check (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("%s: %s", path, (char *) report->problems->pdata[i]);
  g_assert_cmpuint (report->problems->len, ==, 0);
  loket_store_close (store);
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  ((Wait *) data)->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

GHashTable *
sync_server_uuids (SyncCluster *c, const char *user)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSyncClient) client = loket_sync_client_new (c->url, &error);
  g_autoptr (LoketSyncSession) session = NULL;
  GHashTable *uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64      after = 0, last_seq = 0;

  g_assert_no_error (error);
  {
    Wait wait = { 0 };
    loket_sync_client_login_async (client, user, SYNC_PASSWORD, "test-checker", NULL, wait_cb,
                                   &wait);
    session = loket_sync_client_login_finish (client, wait_for (&wait), &error);
    g_object_unref (wait.result);
    g_assert_no_error (error);
  }
  for (;;)
    {
      g_autoptr (LoketSyncPullReply) reply = NULL;
      Wait wait = { 0 };

      loket_sync_client_pull_async (client, after, 1000, NULL, wait_cb, &wait);
      reply = loket_sync_client_pull_finish (client, wait_for (&wait), &error);
      g_object_unref (wait.result);
      g_assert_no_error (error);
      for (guint i = 0; i < reply->events->len; i++)
        {
          gint64 seq = g_array_index (reply->seqs, gint64, i);

          /* The server's log: every event once, in increasing seq. */
          g_assert_cmpint (seq, >, last_seq);
          last_seq = seq;
          g_assert_true (g_hash_table_add (
            uuids, g_strdup (loket_event_get_uuid (g_ptr_array_index (reply->events, i)))));
        }
      after = reply->last_seq;
      if (!reply->more)
        break;
    }
  return uuids;
}

/* ---- Proxy -------------------------------------------------------------------------------- */

struct _SyncProxy
{
  GSocket   *listener;
  int        upstream_port;
  char      *url;
  GThread   *accept_thread;
  GPtrArray *threads; /* connection threads, joined at free */
  GMutex     lock;
  gboolean   stopping;
  /* armed fault */
  char         *prefix;
  guint         nth;
  guint         seen;
  SyncProxyMode mode;
  SyncProxyFunc func;
  gpointer      data;
  gboolean      fired;
};

typedef struct
{
  SyncProxy *proxy;
  GSocket   *client;
} Connection;

static gboolean
send_all (GSocket *socket, const char *buffer, gssize size)
{
  while (size > 0)
    {
      gssize sent = g_socket_send (socket, buffer, size, NULL, NULL);
      if (sent <= 0)
        return FALSE;
      buffer += sent;
      size -= sent;
    }
  return TRUE;
}

static gpointer
connection_thread (gpointer data)
{
  Connection *conn = data;
  SyncProxy  *proxy = conn->proxy;
  g_autoptr (GSocket) client = conn->client;
  g_autoptr (GSocket) upstream = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, proxy->upstream_port);
  gboolean drop_reply = FALSE;
  char     buffer[65536];

  g_free (conn);
  upstream = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  if (upstream == NULL || !g_socket_connect (upstream, address, NULL, NULL))
    {
      g_socket_close (client, NULL);
      return NULL;
    }
  for (;;)
    {
      GPollFD fds[2] = { { g_socket_get_fd (client), G_IO_IN | G_IO_HUP | G_IO_ERR, 0 },
                         { g_socket_get_fd (upstream), G_IO_IN | G_IO_HUP | G_IO_ERR, 0 } };
      gssize  got;

      g_mutex_lock (&proxy->lock);
      if (proxy->stopping)
        {
          g_mutex_unlock (&proxy->lock);
          break;
        }
      g_mutex_unlock (&proxy->lock);
      if (g_poll (fds, 2, 100) <= 0)
        continue;
      if (fds[0].revents != 0)
        {
          SyncProxyFunc func = NULL;
          gpointer      func_data = NULL;

          got = g_socket_receive (client, buffer, sizeof buffer, NULL, NULL);
          if (got <= 0)
            break;
          g_mutex_lock (&proxy->lock);
          if (proxy->prefix != NULL && !proxy->fired
              && g_strstr_len (buffer, got, proxy->prefix) != NULL && ++proxy->seen == proxy->nth)
            {
              if (proxy->mode == SYNC_PROXY_DROP_REPLY)
                drop_reply = TRUE;
              else if (proxy->mode == SYNC_PROXY_CALLBACK)
                {
                  func = proxy->func;
                  func_data = proxy->data;
                  proxy->fired = TRUE;
                }
            }
          g_mutex_unlock (&proxy->lock);
          if (!send_all (upstream, buffer, got))
            break;
          if (func != NULL)
            func (func_data);
        }
      if (fds[1].revents != 0)
        {
          got = g_socket_receive (upstream, buffer, sizeof buffer, NULL, NULL);
          if (got <= 0)
            break;
          if (drop_reply)
            {
              /* The server answered: it did the work. The client never hears of it. */
              g_mutex_lock (&proxy->lock);
              proxy->fired = TRUE;
              g_mutex_unlock (&proxy->lock);
              break;
            }
          if (!send_all (client, buffer, got))
            break;
        }
    }
  g_socket_close (upstream, NULL);
  g_socket_close (client, NULL);
  return NULL;
}

static gpointer
accept_thread (gpointer data)
{
  SyncProxy *proxy = data;

  for (;;)
    {
      GSocket    *client;
      Connection *conn;

      g_mutex_lock (&proxy->lock);
      if (proxy->stopping)
        {
          g_mutex_unlock (&proxy->lock);
          return NULL;
        }
      g_mutex_unlock (&proxy->lock);
      if (!g_socket_condition_timed_wait (proxy->listener, G_IO_IN, 100 * 1000, NULL, NULL))
        continue;
      client = g_socket_accept (proxy->listener, NULL, NULL);
      if (client == NULL)
        continue;
      g_socket_set_blocking (client, TRUE);
      conn = g_new0 (Connection, 1);
      conn->proxy = proxy;
      conn->client = client;
      g_mutex_lock (&proxy->lock);
      g_ptr_array_add (proxy->threads, g_thread_new ("proxy-conn", connection_thread, conn));
      g_mutex_unlock (&proxy->lock);
    }
}

SyncProxy *
sync_proxy_new (int upstream_port)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  SyncProxy *proxy = g_new0 (SyncProxy, 1);

  g_mutex_init (&proxy->lock);
  proxy->upstream_port = upstream_port;
  proxy->threads = g_ptr_array_new ();
  proxy->listener
    = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (proxy->listener, any, TRUE, &error));
  g_assert_true (g_socket_listen (proxy->listener, &error));
  g_socket_set_blocking (proxy->listener, FALSE);
  bound = g_socket_get_local_address (proxy->listener, &error);
  g_assert_no_error (error);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%u",
                                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  proxy->accept_thread = g_thread_new ("proxy-accept", accept_thread, proxy);
  return proxy;
}

void
sync_proxy_free (SyncProxy *proxy)
{
  if (proxy == NULL)
    return;
  g_mutex_lock (&proxy->lock);
  proxy->stopping = TRUE;
  g_mutex_unlock (&proxy->lock);
  g_thread_join (proxy->accept_thread);
  for (guint i = 0; i < proxy->threads->len; i++)
    g_thread_join (proxy->threads->pdata[i]);
  g_ptr_array_unref (proxy->threads);
  g_socket_close (proxy->listener, NULL);
  g_object_unref (proxy->listener);
  g_mutex_clear (&proxy->lock);
  g_free (proxy->prefix);
  g_free (proxy->url);
  g_free (proxy);
}

const char *
sync_proxy_get_url (SyncProxy *proxy)
{
  return proxy->url;
}

void
sync_proxy_arm (SyncProxy    *proxy,
                const char   *prefix,
                guint         nth,
                SyncProxyMode mode,
                SyncProxyFunc func,
                gpointer      data)
{
  g_mutex_lock (&proxy->lock);
  g_free (proxy->prefix);
  proxy->prefix = g_strdup (prefix);
  proxy->nth = nth;
  proxy->seen = 0;
  proxy->mode = mode;
  proxy->func = func;
  proxy->data = data;
  proxy->fired = FALSE;
  g_mutex_unlock (&proxy->lock);
}

gboolean
sync_proxy_fired (SyncProxy *proxy)
{
  gboolean fired;

  g_mutex_lock (&proxy->lock);
  fired = proxy->fired;
  g_mutex_unlock (&proxy->lock);
  return fired;
}
