// SPDX-License-Identifier: GPL-3.0-or-later
// loket-server's settings.

#include "config.h"

#include "loket-server-config.h"

#include <gio/gio.h>

#include "loket-server-auth.h"

LoketServerConfig *
loket_server_config_new (void)
{
  LoketServerConfig *self = g_new0 (LoketServerConfig, 1);

  self->listen_address = g_strdup ("127.0.0.1");
  self->port = 8443;
  self->data_dir = g_strdup (LOKET_SERVER_DATADIR);
  self->shutdown_grace = 30;
  self->database = g_strdup ("dbname=loket");
  self->db_connections = 4;
  self->argon2_memory_kib = LOKET_AUTH_DEFAULT_MEMORY_KIB;
  self->argon2_iterations = LOKET_AUTH_DEFAULT_ITERATIONS;
  self->login_max_failures = 5;
  self->login_lockout = 30;
  self->lease_days = 30;
  return self;
}

void
loket_server_config_free (LoketServerConfig *self)
{
  if (self == NULL)
    return;
  g_free (self->listen_address);
  g_free (self->data_dir);
  g_free (self->tls_certificate);
  g_free (self->tls_key);
  g_strfreev (self->trusted_proxies);
  g_free (self->database);
  g_free (self);
}

static gboolean
read_string (GKeyFile *file, const char *group, const char *key, char **target, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  char *value = g_key_file_get_string (file, group, key, &local_error);

  if (value == NULL)
    {
      if (g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND)
          || g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_free (*target);
  *target = value;
  return TRUE;
}

static gboolean
read_list (GKeyFile *file, const char *group, const char *key, char ***target, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  char **value;

  if (!g_key_file_has_key (file, group, key, NULL))
    return TRUE;
  value = g_key_file_get_string_list (file, group, key, NULL, &local_error);
  if (value == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; value[i] != NULL; i++)
    {
      g_autoptr (GInetAddress) address = g_inet_address_new_from_string (g_strstrip (value[i]));

      if (address == NULL)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[%s] %s: “%s” is not an IP address", group, key, value[i]);
          g_strfreev (value);
          return FALSE;
        }
    }
  g_strfreev (*target);
  *target = value;
  return TRUE;
}

static gboolean
read_uint (GKeyFile   *file,
           const char *group,
           const char *key,
           guint       min,
           guint       max,
           guint      *target,
           GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  int value;

  if (!g_key_file_has_key (file, group, key, NULL))
    return TRUE;
  value = g_key_file_get_integer (file, group, key, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (value < (int) min || (guint) value > max)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[%s] %s must be between %u and %u", group, key, min, max);
      return FALSE;
    }
  *target = (guint) value;
  return TRUE;
}

gboolean
loket_server_config_load (LoketServerConfig *self, const char *path, GError **error)
{
  g_autoptr (GKeyFile) file = g_key_file_new ();
  guint port = (guint) self->port;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    return FALSE;

  if (!read_string (file, "server", "listen", &self->listen_address, error)
      || !read_uint (file, "server", "port", 0, 65535, &port, error)
      || !read_string (file, "server", "data-dir", &self->data_dir, error)
      || !read_string (file, "server", "tls-certificate", &self->tls_certificate, error)
      || !read_string (file, "server", "tls-key", &self->tls_key, error)
      || !read_uint (file, "server", "shutdown-grace-seconds", 0, 3600, &self->shutdown_grace,
                     error)
      || !read_list (file, "server", "trusted-proxies", &self->trusted_proxies, error)
      || !read_string (file, "database", "conninfo", &self->database, error)
      || !read_uint (file, "database", "connections", 1, 64, &self->db_connections, error)
      || !read_uint (file, "auth", "argon2-memory-kib", 8, 4 * 1024 * 1024,
                     &self->argon2_memory_kib, error)
      || !read_uint (file, "auth", "argon2-iterations", 1, 100, &self->argon2_iterations, error)
      || !read_uint (file, "auth", "max-failures", 1, 1000, &self->login_max_failures, error)
      || !read_uint (file, "auth", "lockout-seconds", 1, 3600, &self->login_lockout, error)
      || !read_uint (file, "numbering", "lease-days", 1, 366, &self->lease_days, error))
    return FALSE;
  self->port = (int) port;
  return TRUE;
}
