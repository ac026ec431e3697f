// SPDX-License-Identifier: GPL-3.0-or-later
// A real PostgreSQL cluster and a real loket-server process for tests.

#include "config.h"

#include "server-fixture.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <string.h>

#include "loket-sync-protocol.h"

static char *
source_path (const char *relative)
{
  const char *root = g_getenv ("LOKET_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

static char *
build_path (const char *relative)
{
  const char *root = g_getenv ("LOKET_BUILD_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

LoketTestPg *
loket_test_pg_start (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *script = source_path ("tests/support/pg-cluster.sh");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  LoketTestPg     *pg = g_new0 (LoketTestPg, 1);
  int              status = 0;

  pg->dir = g_dir_make_tmp ("loket-pg-XXXXXX", &error);
  g_assert_no_error (error);
  {
    const char      *argv[] = { script, "start", pg->dir, NULL };
    g_autofree char *owner = g_strdup_printf ("%d", (int) getpid ());
    g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "LOKET_PG_OWNER_PID", owner, TRUE);

    /* A test that aborts leaves no cluster behind: the script's guard stops it. */
    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("PostgreSQL did not start: %s", err);
  pg->conninfo = g_strstrip (g_steal_pointer (&out));
  return pg;
}

static void
run_cluster_script (LoketTestPg *pg, const char *command)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *script = source_path ("tests/support/pg-cluster.sh");
  g_autofree char *err = NULL;
  const char      *argv[] = { script, command, pg->dir, NULL };
  int              status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pg-cluster.sh %s failed: %s", command, err);
}

void
loket_test_pg_halt (LoketTestPg *pg)
{
  run_cluster_script (pg, "halt");
}

void
loket_test_pg_resume (LoketTestPg *pg)
{
  run_cluster_script (pg, "resume");
}

void
loket_test_pg_stop (LoketTestPg *pg)
{
  g_autofree char *script = source_path ("tests/support/pg-cluster.sh");
  const char      *argv[] = { script, "stop", pg->dir, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL);
  g_free (pg->dir);
  g_free (pg->conninfo);
  g_free (pg);
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
health_ok (const char *url)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *health = g_strconcat (url, "/health", NULL);

  return loket_test_http (session, "GET", health, NULL, NULL, NULL, 0, NULL, NULL) == 200;
}

LoketTestServer *
loket_test_server_start (LoketTestPg *pg, const char *extra_config)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *binary = build_path ("src/server/loket-server");
  g_autofree char *data_dir = source_path ("data");
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *line = NULL;
  LoketTestServer *server = g_new0 (LoketTestServer, 1);

  server->dir = g_dir_make_tmp ("loket-server-XXXXXX", &error);
  g_assert_no_error (error);
  config_path = g_build_filename (server->dir, "loket-server.conf", NULL);
  server->log_path = g_build_filename (server->dir, "server.log", NULL);
  /* A cheap Argon2id cost keeps the tests fast; production uses the default. */
  config = g_strdup_printf (
    "[server]\nlisten=127.0.0.1\nport=0\ndata-dir=%s\nshutdown-grace-seconds=20\n"
    "[database]\nconninfo=%s\nconnections=4\n"
    "[auth]\nargon2-memory-kib=1024\nargon2-iterations=1\n%s",
    data_dir, pg->conninfo, extra_config != NULL ? extra_config : "");
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* The server gets SIGTERM when the test process dies, however it dies. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* The server warns about a database outage, which the tests cause on purpose. */
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "gc-friendly,fatal-criticals", TRUE);
  g_subprocess_launcher_set_stderr_file_path (launcher, server->log_path);
  server->process = g_subprocess_launcher_spawn (launcher, &error, binary, "--verbose", "--config",
                                                 config_path, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    {
      g_autofree char *log = loket_test_server_log (server);

      g_error ("loket-server did not start: %s", log);
    }
  server->url
    = g_strconcat (g_strstrip (line + strlen ("listening on ")), LOKET_SYNC_API_PREFIX + 1, NULL);
  for (int i = 0; i < 100 && !health_ok (server->url); i++)
    g_usleep (50 * 1000);
  g_assert_true (health_ok (server->url));
  return server;
}

char *
loket_test_server_log (LoketTestServer *server)
{
  char *text = NULL;

  g_file_get_contents (server->log_path, &text, NULL, NULL);
  return text != NULL ? text : g_strdup ("");
}

int
loket_test_server_stop (LoketTestServer *server)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  status = g_subprocess_get_if_exited (server->process)
             ? g_subprocess_get_exit_status (server->process)
             : -1;
  g_clear_object (&server->process);
  g_remove (server->log_path);
  {
    g_autofree char *config_path = g_build_filename (server->dir, "loket-server.conf", NULL);

    g_remove (config_path);
  }
  g_rmdir (server->dir);
  g_free (server->dir);
  g_free (server->url);
  g_free (server->log_path);
  g_free (server);
  return status;
}

static int
run_admin (LoketTestPg *pg, const char *password, char **out_out, char **err_out, va_list args)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autofree char *binary = build_path ("src/server/loket-server");
  g_autofree char *input = password != NULL ? g_strconcat (password, "\n", NULL) : NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  const char      *arg;

  g_ptr_array_add (argv, binary);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, pg->conninfo);
  g_ptr_array_add (argv, (gpointer) "admin");
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  if (password != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--password-file");
      g_ptr_array_add (argv, (gpointer) "-");
    }
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE
                                 | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (out_out != NULL)
    *out_out = g_steal_pointer (&out);
  if (err_out != NULL)
    *err_out = g_steal_pointer (&err);
  return g_subprocess_get_exit_status (process);
}

int
loket_test_admin_status (LoketTestPg *pg, const char *password, char **out, char **err, ...)
{
  va_list args;
  int     status;

  va_start (args, err);
  status = run_admin (pg, password, out, err, args);
  va_end (args);
  return status;
}

void
loket_test_admin (LoketTestPg *pg, const char *password, ...)
{
  g_autofree char *err = NULL;
  va_list          args;
  int              status;

  va_start (args, password);
  status = run_admin (pg, password, NULL, &err, args);
  va_end (args);
  if (status != 0)
    g_error ("loket-server admin failed: %s", err);
}

static gboolean
accept_test_certificate_cb (SoupMessage         *msg,
                            GTlsCertificate     *certificate,
                            GTlsCertificateFlags errors,
                            gpointer             user_data)
{
  return TRUE;
}

guint
loket_test_http (SoupSession         *session,
                 const char          *method,
                 const char          *url,
                 const char          *token,
                 const char          *content_type,
                 const void          *body,
                 gsize                length,
                 GBytes             **reply,
                 SoupMessageHeaders **headers)
{
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_assert_nonnull (msg);
  /* The tests' own self-signed certificate, on loopback only. */
  if (g_str_has_prefix (url, "https://127.0.0.1:"))
    g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_test_certificate_cb), NULL);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr (GBytes) request = g_bytes_new (body, length);

      soup_message_set_request_body_from_bytes (msg, content_type, request);
    }
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  if (error != NULL)
    {
      g_test_message ("%s %s: %s", method, url, error->message);
      return 0;
    }
  if (reply != NULL)
    *reply = g_steal_pointer (&bytes);
  if (headers != NULL)
    *headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return soup_message_get_status (msg);
}

char *
loket_test_login (SoupSession *session, const char *url, const char *username, const char *password)
{
  g_autofree char *body = loket_sync_session_request_to_json (username, password, "test-device");
  g_autofree char *session_url = g_strconcat (url, "/session", NULL);
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (LoketSyncSession) parsed = NULL;
  g_autoptr (GError) error = NULL;
  guint status;

  status = loket_test_http (session, "POST", session_url, NULL, "application/json", body,
                            strlen (body), &reply, NULL);
  g_assert_cmpuint (status, ==, 200);
  parsed
    = loket_sync_session_parse (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &error);
  g_assert_no_error (error);
  return g_strdup (parsed->token);
}
