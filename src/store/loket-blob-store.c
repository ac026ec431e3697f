// SPDX-License-Identifier: GPL-3.0-or-later
// Content-addressed files next to the database: "<db>.blobs/ab/abcdef…" named by SHA-256.
#include "config.h"

#include "loket-blob-store.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "loket-error.h"

struct _LoketBlobStore
{
  char *dir;
};

LoketBlobStore *
loket_blob_store_new (const char *dir)
{
  LoketBlobStore *self = g_new0 (LoketBlobStore, 1);

  self->dir = g_strdup (dir);
  return self;
}

void
loket_blob_store_free (LoketBlobStore *self)
{
  if (self == NULL)
    return;
  g_free (self->dir);
  g_free (self);
}

const char *
loket_blob_store_get_dir (LoketBlobStore *self)
{
  return self->dir;
}

gboolean
loket_blob_store_is_valid_hash (const char *sha256)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return FALSE;
  for (const char *p = sha256; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

char *
loket_blob_store_get_path (LoketBlobStore *self,
                           const char     *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };

  g_return_val_if_fail (loket_blob_store_is_valid_hash (sha256), NULL);
  return g_build_filename (self->dir, prefix, sha256, NULL);
}

static gboolean
sync_dir (const char *dir,
          GError    **error)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY, 0);

  if (fd < 0 || fsync (fd) != 0)
    {
      int saved_errno = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _("Could not save the attachment in “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static GBytes *
read_file (const char *path,
           GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      int code = g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                   ? LOKET_ERROR_NOT_FOUND : LOKET_ERROR_IO;
      g_set_error (error, LOKET_ERROR, code, "%s", local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

char *
loket_blob_store_add (LoketBlobStore *self,
                      GBytes         *contents,
                      gboolean       *added,
                      GError        **error)
{
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);
  g_autofree char *path = loket_blob_store_get_path (self, sha256);
  g_autofree char *subdir = g_path_get_dirname (path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) existing = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (contents, &size);

  if (added != NULL)
    *added = FALSE;

  /* Already stored, and intact: nothing to do. A damaged copy is replaced. */
  existing = loket_blob_store_read (self, sha256, NULL);
  if (existing != NULL)
    return g_steal_pointer (&sha256);

  if (g_mkdir_with_parents (subdir, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _("Could not create the folder “%s”: %s"),
                   subdir, g_strerror (saved_errno));
      return NULL;
    }

  /* Temporary file + fsync + rename (CONSISTENT | DURABLE), then the folder entry. */
  if (!g_file_set_contents_full (path, data != NULL ? data : "", size,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _("Could not save the attachment: %s"),
                   local_error->message);
      return NULL;
    }
  if (!sync_dir (subdir, error))
    return NULL;

  if (added != NULL)
    *added = TRUE;
  return g_steal_pointer (&sha256);
}

GBytes *
loket_blob_store_read (LoketBlobStore *self,
                       const char     *sha256,
                       GError        **error)
{
  g_autofree char *path = NULL;
  g_autofree char *actual = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (!loket_blob_store_is_valid_hash (sha256))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("“%s” is not a SHA-256 hash"), sha256 != NULL ? sha256 : "");
      return NULL;
    }

  path = loket_blob_store_get_path (self, sha256);
  bytes = read_file (path, error);
  if (bytes == NULL)
    return NULL;

  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_strcmp0 (actual, sha256) != 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_CORRUPT,
                   _("The attachment %s is damaged: its contents do not match its hash"), sha256);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}
