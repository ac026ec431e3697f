// SPDX-License-Identifier: GPL-3.0-or-later
// Streams a file into the blob store: checked, hashed while copied, fsynced, renamed into place.
#include "config.h"

#include "loket-blob-import.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "loket-error.h"

#define CHUNK (256 * 1024)

static gboolean
io_error (GError **error, const char *name, int saved_errno)
{
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not store %s: %s"), name,
               g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int fd, const guint8 *data, gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static gboolean
sync_dir (const char *dir)
{
  int      fd = g_open (dir, O_RDONLY | O_DIRECTORY, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* Copies @in to the open temporary file @fd, hashing it. */
static gboolean
copy_hashed (GInputStream *in,
             int           fd,
             const char   *name,
             guint64       limit,
             GChecksum    *checksum,
             guint64      *size,
             GCancellable *cancellable,
             GError      **error)
{
  g_autofree guint8 *buffer = g_malloc (CHUNK);
  g_autoptr (GError) local_error = NULL;

  *size = 0;
  for (;;)
    {
      gssize n = g_input_stream_read (in, buffer, CHUNK, cancellable, &local_error);

      if (n < 0)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not read %s: %s"), name,
                         local_error->message);
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      *size += (guint64) n;
      if (*size > limit)
        {
          g_autofree char *max = g_format_size (limit);
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _ ("%s is too large: files over %s cannot be attached"), name, max);
          return FALSE;
        }
      g_checksum_update (checksum, buffer, (gsize) n);
      if (!write_all (fd, buffer, (gsize) n))
        return io_error (error, name, errno);
    }
}

LoketAttachment *
loket_blob_import_file (LoketBlobStore *blobs,
                        GFile          *file,
                        guint64         limit,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autofree char *name = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *final_path = NULL;
  g_autofree char *subdir = NULL;
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (GChecksum) checksum = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *dir = loket_blob_store_get_dir (blobs);
  const char *sha256;
  guint64     size = 0;
  int         fd;
  gboolean    ok;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (limit == 0)
    limit = LOKET_ATTACHMENT_DEFAULT_LIMIT;
  name = g_file_get_basename (file);
  if (!loket_attachment_check_file (file, limit, &mime, NULL, cancellable, error))
    return NULL;
  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not read %s: %s"), name,
                   local_error->message);
      return NULL;
    }

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      io_error (error, name, errno);
      return NULL;
    }
  tmp_path = g_build_filename (dir, ".import-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      io_error (error, name, errno);
      return NULL;
    }
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  ok = copy_hashed (G_INPUT_STREAM (in), fd, name, limit, checksum, &size, cancellable, error);
  if (ok && fsync (fd) != 0)
    ok = io_error (error, name, errno);
  if (close (fd) != 0 && ok)
    ok = io_error (error, name, errno);
  if (!ok)
    {
      g_unlink (tmp_path);
      return NULL;
    }

  sha256 = g_checksum_get_string (checksum);
  final_path = loket_blob_store_get_path (blobs, sha256);
  subdir = g_path_get_dirname (final_path);
  if (g_mkdir_with_parents (subdir, 0755) != 0)
    {
      io_error (error, name, errno);
      g_unlink (tmp_path);
      return NULL;
    }
  /* rename() replaces an existing copy with the same bytes (or a damaged one) atomically. */
  if (g_rename (tmp_path, final_path) != 0)
    {
      io_error (error, name, errno);
      g_unlink (tmp_path);
      return NULL;
    }
  if (!sync_dir (subdir) || !sync_dir (dir))
    {
      io_error (error, name, errno);
      return NULL;
    }
  return loket_attachment_new (sha256, name, mime, size);
}
