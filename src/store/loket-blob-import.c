// SPDX-License-Identifier: GPL-3.0-or-later
// Streams a file into the blob store: checked, hashed while copied, fsynced, renamed into place.
#include "config.h"

#include "loket-blob-import.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <nettle/sha2.h>
#include <sys/stat.h>
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
copy_hashed (GInputStream      *in,
             int                fd,
             const char        *name,
             guint64            limit,
             struct sha256_ctx *sha,
             guint64           *size,
             GCancellable      *cancellable,
             GError           **error)
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
      sha256_update (sha, (size_t) n, buffer);
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
  struct sha256_ctx sha;
  guint8            digest[SHA256_DIGEST_SIZE];
  char              sha256[2 * SHA256_DIGEST_SIZE + 1];
  g_autoptr (GError) local_error = NULL;
  const char *dir = loket_blob_store_get_dir (blobs);
  guint64     size = 0;
  int         fd;
  gboolean    ok, new_subdir;

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
  /* Nettle's SHA-256 uses the CPU's SHA instructions where it has them: about five times
   * GChecksum's speed, which is most of an intake with large scans. */
  sha256_init (&sha);
  ok = copy_hashed (G_INPUT_STREAM (in), fd, name, limit, &sha, &size, cancellable, error);
  if (ok && fsync (fd) != 0)
    ok = io_error (error, name, errno);
  if (close (fd) != 0 && ok)
    ok = io_error (error, name, errno);
  if (!ok)
    {
      g_unlink (tmp_path);
      return NULL;
    }

  sha256_digest (&sha, SHA256_DIGEST_SIZE, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    g_snprintf (sha256 + 2 * i, 3, "%02x", digest[i]);
  final_path = loket_blob_store_get_path (blobs, sha256);
  subdir = g_path_get_dirname (final_path);
  new_subdir = !g_file_test (subdir, G_FILE_TEST_IS_DIR);
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
  /* The new name durable; and the folder's own entry when it was just made. */
  if (!sync_dir (subdir) || (new_subdir && !sync_dir (dir)))
    {
      io_error (error, name, errno);
      return NULL;
    }
  return loket_attachment_new (sha256, name, mime, size);
}

guint
loket_blob_import_sweep (LoketBlobStore *blobs, gint64 min_age_s)
{
  const char *dir_path = loket_blob_store_get_dir (blobs);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  gint64      now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;
  guint       n = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf         st;

      if (!g_str_has_prefix (name, ".import-"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && now - (gint64) st.st_mtime >= min_age_s
          && g_unlink (path) == 0)
        n++;
    }
  if (n > 0)
    g_debug ("Deleted %u unfinished attachment imports", n);
  return n;
}
