// SPDX-License-Identifier: GPL-3.0-or-later
// Passwords (Argon2id), bearer tokens and login throttling.

#include "config.h"

#include "loket-server-auth.h"

#include <argon2.h>
#include <errno.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "loket-sync-error.h"

#define SALT_BYTES 16
#define HASH_BYTES 32
#define ENCODED_MAX 256
#define MAX_LOCKOUT (15 * 60)

static gboolean
random_bytes (guint8 *buffer, gsize length, GError **error)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INTERNAL, "No random bytes: %s",
                       g_strerror (errno));
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

char *
loket_auth_hash_password (const char *password,
                          guint32     memory_kib,
                          guint32     iterations,
                          GError    **error)
{
  guint8 salt[SALT_BYTES];
  char   encoded[ENCODED_MAX];
  int    rc;

  g_return_val_if_fail (password != NULL, NULL);

  if (!random_bytes (salt, sizeof salt, error))
    return NULL;
  rc = argon2id_hash_encoded (MAX (iterations, 1), MAX (memory_kib, 8), 1, password,
                              strlen (password), salt, sizeof salt, HASH_BYTES, encoded,
                              sizeof encoded);
  if (rc != ARGON2_OK)
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INTERNAL, "Argon2id failed: %s",
                   argon2_error_message (rc));
      return NULL;
    }
  return g_strdup (encoded);
}

gboolean
loket_auth_verify_password (const char *encoded, const char *password)
{
  if (password == NULL)
    return FALSE;
  if (encoded == NULL || !g_str_has_prefix (encoded, "$argon2id$"))
    {
      /* As much work as a real check with the default cost, so timing shows nothing. */
      g_autofree char *dummy = loket_auth_hash_password (password, LOKET_AUTH_DEFAULT_MEMORY_KIB,
                                                         LOKET_AUTH_DEFAULT_ITERATIONS, NULL);
      return FALSE;
    }
  return argon2id_verify (encoded, password, strlen (password)) == ARGON2_OK;
}

char *
loket_auth_new_token (GError **error)
{
  guint8   bytes[32];
  GString *hex = g_string_sized_new (64);

  if (!random_bytes (bytes, sizeof bytes, error))
    {
      g_string_free (hex, TRUE);
      return NULL;
    }
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  memset (bytes, 0, sizeof bytes);
  return g_string_free (hex, FALSE);
}

char *
loket_auth_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

char *
loket_auth_read_password (const char *path, GError **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GDataInputStream) data = NULL;
  g_autoptr (GError) local_error = NULL;
  char *line;

  if (g_strcmp0 (path, "-") == 0)
    stream = g_unix_input_stream_new (0, FALSE);
  else
    {
      file = g_file_new_for_commandline_arg (path);
      stream = G_INPUT_STREAM (g_file_read (file, NULL, error));
      if (stream == NULL)
        return NULL;
    }
  data = g_data_input_stream_new (stream);
  line = g_data_input_stream_read_line_utf8 (data, NULL, NULL, &local_error);
  if (line == NULL)
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                   "No password could be read%s%s", local_error != NULL ? ": " : "",
                   local_error != NULL ? local_error->message : "");
      return NULL;
    }
  g_strchomp (line);
  if (strlen (line) < 8)
    {
      memset (line, 0, strlen (line));
      g_free (line);
      g_set_error_literal (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                           "A password needs at least 8 characters");
      return NULL;
    }
  return line;
}

struct _LoketThrottle
{
  GMutex      lock;
  GHashTable *entries; /* key → Entry */
  guint       max_failures;
  guint       base_delay;
  gint64      forget; /* µs */
};

typedef struct
{
  guint  failures;
  gint64 last_failure; /* monotonic µs */
  gint64 locked_until; /* monotonic µs */
} Entry;

LoketThrottle *
loket_throttle_new (guint max_failures, guint base_delay_seconds, guint forget_seconds)
{
  LoketThrottle *self = g_new0 (LoketThrottle, 1);

  g_mutex_init (&self->lock);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->max_failures = MAX (max_failures, 1);
  self->base_delay = MAX (base_delay_seconds, 1);
  self->forget = (gint64) MAX (forget_seconds, 1) * G_USEC_PER_SEC;
  return self;
}

void
loket_throttle_free (LoketThrottle *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->entries);
  g_mutex_clear (&self->lock);
  g_free (self);
}

gboolean
loket_throttle_check (LoketThrottle *self, const char *key, guint *retry_after)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Entry *entry = g_hash_table_lookup (self->entries, key);
  gint64 now = g_get_monotonic_time ();

  if (entry == NULL || entry->locked_until <= now)
    return TRUE;
  if (retry_after != NULL)
    *retry_after = (guint) ((entry->locked_until - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  return FALSE;
}

void
loket_throttle_fail (LoketThrottle *self, const char *key)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Entry *entry = g_hash_table_lookup (self->entries, key);
  gint64 now = g_get_monotonic_time ();

  if (entry == NULL)
    {
      /* Bound the memory an attacker can make us spend on keys. */
      if (g_hash_table_size (self->entries) > 100000)
        g_hash_table_remove_all (self->entries);
      entry = g_new0 (Entry, 1);
      g_hash_table_insert (self->entries, g_strdup (key), entry);
    }
  /* Old failures are forgiven once the key has been quiet (and unlocked) for a while. */
  if (entry->last_failure != 0 && now - entry->last_failure > self->forget
      && entry->locked_until <= now)
    entry->failures = 0;
  entry->last_failure = now;
  entry->failures++;
  if (entry->failures >= self->max_failures)
    {
      guint  shift = MIN (entry->failures - self->max_failures, 10);
      gint64 delay = MIN ((gint64) self->base_delay << shift, MAX_LOCKOUT);

      entry->locked_until = now + delay * G_USEC_PER_SEC;
    }
}

void
loket_throttle_reset (LoketThrottle *self, const char *key)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  g_hash_table_remove (self->entries, key);
}
