// SPDX-License-Identifier: GPL-3.0-or-later
// Backup archives of a store: database snapshot + blobs, checksummed (loket-backup.h).
#include "config.h"

#include "loket-backup.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "loket-blob-store.h"
#include "loket-db-migrations.h"
#include "loket-error.h"
#include "loket-store-report.h"

#define MAGIC "LOKETBAK"
#define MAGIC_LEN 8
#define VERSION 1
#define HEADER_LEN (MAGIC_LEN + 8)
#define DIGEST_LEN 32
#define MANIFEST_MAX (64 * 1024 * 1024)
#define BUFFER_SIZE (256 * 1024)
#define DATABASE_NAME "loket.db"

/* SHA-256 with Nettle (faster than GChecksum on large databases). */
typedef struct
{
  struct sha256_ctx ctx;
  char              hex[2 * SHA256_DIGEST_SIZE + 1];
} Sha;

static Sha *
sha_new (void)
{
  Sha *sha = g_new0 (Sha, 1);

  sha256_init (&sha->ctx);
  return sha;
}

static void
sha_update (Sha *sha, const guchar *data, gsize len)
{
  sha256_update (&sha->ctx, len, data);
}

static void
sha_digest (Sha *sha, guint8 *digest)
{
  sha256_digest (&sha->ctx, SHA256_DIGEST_SIZE, digest);
}

/* The digest in lower-case hex (the context is reset). */
static const char *
sha_hex (Sha *sha)
{
  guint8 digest[SHA256_DIGEST_SIZE];

  sha_digest (sha, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    g_snprintf (sha->hex + 2 * i, 3, "%02x", digest[i]);
  return sha->hex;
}

typedef struct
{
  char   *name;
  char   *path; /* create: the file to read */
  guint64 size;
  char   *sha256;
} Member;

static void
member_free (gpointer data)
{
  Member *m = data;

  g_free (m->name);
  g_free (m->path);
  g_free (m->sha256);
  g_free (m);
}

void
loket_backup_info_free (LoketBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->created_at);
  g_free (info);
}

typedef enum
{
  IO_READ,
  IO_WRITE,
  IO_MKDIR,
} IoWhat;

static gboolean
io_error (GError **error, IoWhat what, const char *path)
{
  const char *why = g_strerror (errno);

  switch (what)
    {
      case IO_READ:
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not read “%s”: %s"), path, why);
        break;
      case IO_WRITE:
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not write “%s”: %s"), path, why);
        break;
      case IO_MKDIR:
      default:
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not create the folder “%s”: %s"),
                     path, why);
        break;
    }
  return FALSE;
}

static gboolean
corrupt (GError **error, const char *archive, const char *why)
{
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_CORRUPT,
               _ ("The backup “%s” is damaged and cannot be restored: %s"), archive, why);
  return FALSE;
}

static gboolean
not_a_backup (GError **error, const char *archive, const char *why)
{
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("“%s” is not a Loket backup: %s"),
               archive, why);
  return FALSE;
}

typedef struct
{
  LoketBackupProgress progress;
  gpointer            data;
  guint64             done;
  guint64             total;
} Progress;

static void
advance (Progress *p, guint64 n)
{
  p->done += n;
  if (p->progress != NULL)
    p->progress (p->done, p->total, p->data);
}

/* Copies @size bytes (all when G_MAXUINT64) from @in to @out (may be NULL), feeding @sums. */
static gboolean
copy_bytes (FILE         *in,
            FILE         *out,
            guint64       size,
            Sha         **sums,
            guint         n_sums,
            Progress     *progress,
            GCancellable *cancellable,
            gboolean     *short_read,
            GError      **error)
{
  g_autofree guchar *buffer = g_malloc (BUFFER_SIZE);

  *short_read = FALSE;
  while (size > 0)
    {
      size_t want = (size_t) MIN ((guint64) BUFFER_SIZE, size);
      size_t got = fread (buffer, 1, want, in);

      if (got == 0)
        {
          if (ferror (in))
            {
              g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not read: %s"),
                           g_strerror (errno));
              return FALSE;
            }
          *short_read = size != G_MAXUINT64;
          return !*short_read;
        }
      for (guint i = 0; i < n_sums; i++)
        sha_update (sums[i], buffer, got);
      if (out != NULL && fwrite (buffer, 1, got, out) != got)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not write: %s"),
                       g_strerror (errno));
          return FALSE;
        }
      if (size != G_MAXUINT64)
        size -= got;
      if (progress != NULL)
        advance (progress, got);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
hash_file (Member *m, Progress *progress, GCancellable *cancellable, GError **error)
{
  g_autofree Sha *sum = sha_new ();
  FILE    *in = g_fopen (m->path, "rb");
  gboolean short_read, ok;
  GStatBuf st;

  if (in == NULL)
    return io_error (error, IO_READ, m->path);
  if (fstat (fileno (in), &st) != 0)
    {
      fclose (in);
      return io_error (error, IO_READ, m->path);
    }
  m->size = st.st_size;
  ok = copy_bytes (in, NULL, G_MAXUINT64, &sum, 1, progress, cancellable, &short_read, error);
  fclose (in);
  if (!ok)
    return FALSE;
  m->sha256 = g_strdup (sha_hex (sum));
  return TRUE;
}

static void
put_u32 (guchar *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static guint32
get_u32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static GPtrArray *
list_blobs (const char *snapshot, GError **error)
{
  g_autoptr (GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int           rc;

  rc = sqlite3_open_v2 (snapshot, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT sha256 FROM blobs ORDER BY sha256", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *hash = (const char *) sqlite3_column_text (stmt, 0);

      if (hash != NULL && loket_blob_store_is_valid_hash (hash))
        g_ptr_array_add (hashes, g_strdup (hash));
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not list the blobs: %s"),
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rc == SQLITE_DONE ? g_steal_pointer (&hashes) : NULL;
}

static gint64
query_pragma (const char *path, const char *sql)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64        value = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
build_manifest (GPtrArray *members, int schema_version)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "loket-backup");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, VERSION);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_string_value (b, created);
  json_builder_set_member_name (b, "application_id");
  json_builder_add_int_value (b, LOKET_DB_APPLICATION_ID);
  json_builder_set_member_name (b, "schema_version");
  json_builder_add_int_value (b, schema_version);
  json_builder_set_member_name (b, "members");
  json_builder_begin_array (b);
  for (guint i = 0; i < members->len; i++)
    {
      Member *m = g_ptr_array_index (members, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, m->name);
      json_builder_set_member_name (b, "size");
      json_builder_add_int_value (b, (gint64) m->size);
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, m->sha256);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static gboolean
write_archive (const char   *part,
               GPtrArray    *members,
               const char   *manifest,
               Progress     *progress,
               GCancellable *cancellable,
               GError      **error)
{
  g_autofree Sha *sum = sha_new ();
  guchar   header[HEADER_LEN];
  guint8   digest[DIGEST_LEN];
  size_t   manifest_len = strlen (manifest);
  FILE    *out = g_fopen (part, "wb");
  gboolean ok = TRUE;

  if (out == NULL)
    return io_error (error, IO_WRITE, part);
  memcpy (header, MAGIC, MAGIC_LEN);
  put_u32 (header + MAGIC_LEN, VERSION);
  put_u32 (header + MAGIC_LEN + 4, manifest_len);
  sha_update (sum, header, HEADER_LEN);
  sha_update (sum, (const guchar *) manifest, manifest_len);
  if (fwrite (header, 1, HEADER_LEN, out) != HEADER_LEN
      || fwrite (manifest, 1, manifest_len, out) != manifest_len)
    ok = io_error (error, IO_WRITE, part);
  for (guint i = 0; ok && i < members->len; i++)
    {
      Member *m = g_ptr_array_index (members, i);
      g_autofree Sha *msum = sha_new ();
      Sha *sums[2] = { sum, msum };
      gboolean   short_read;
      FILE      *in = g_fopen (m->path, "rb");

      if (in == NULL)
        {
          ok = io_error (error, IO_READ, m->path);
          break;
        }
      ok = copy_bytes (in, out, m->size, sums, 2, progress, cancellable, &short_read, error);
      fclose (in);
      if (ok && strcmp (sha_hex (msum), m->sha256) != 0)
        {
          if (i == 0)
            g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                         _ ("“%s” changed while the backup was made; try again"), m->path);
          else
            g_set_error (error, LOKET_ERROR, LOKET_ERROR_CORRUPT,
                         _ ("The attachment %s does not match its checksum; run “loket-cli "
                            "check”"),
                         m->sha256);
          ok = FALSE;
        }
      else if (!ok && short_read)
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                     _ ("“%s” changed while the backup was made; try again"), m->path);
    }
  if (ok)
    {
      sha_digest (sum, digest);
      if (fwrite (digest, 1, DIGEST_LEN, out) != DIGEST_LEN || fflush (out) != 0
          || fsync (fileno (out)) != 0)
        ok = io_error (error, IO_WRITE, part);
    }
  if (fclose (out) != 0 && ok)
    ok = io_error (error, IO_WRITE, part);
  return ok;
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

gboolean
loket_backup_create (LoketStore         *store,
                     const char         *archive,
                     GCancellable       *cancellable,
                     LoketBackupProgress progress_cb,
                     gpointer            progress_data,
                     GError            **error)
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *blob_dir = NULL;
  g_autofree char *part = NULL;
  g_autofree char *manifest = NULL;
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (member_free);
  g_autoptr (GPtrArray) hashes = NULL;
  g_autoptr (LoketBlobStore) blobs = NULL;
  Progress progress = { progress_cb, progress_data, 0, 0 };
  gboolean ok = FALSE;
  Member  *m;

  g_return_val_if_fail (LOKET_IS_STORE (store), FALSE);
  g_return_val_if_fail (archive != NULL, FALSE);

  if (g_file_test (archive, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                   _ ("“%s” already exists; choose another file name"), archive);
      return FALSE;
    }
  tmpdir = g_dir_make_tmp ("loket-backup-XXXXXX", error);
  if (tmpdir == NULL)
    return FALSE;
  snapshot = g_build_filename (tmpdir, DATABASE_NAME, NULL);
  part = g_strconcat (archive, ".part", NULL);
  if (!loket_store_snapshot (store, snapshot, error))
    goto out;
  hashes = list_blobs (snapshot, error);
  if (hashes == NULL)
    goto out;

  m = g_new0 (Member, 1);
  m->name = g_strdup (DATABASE_NAME);
  m->path = g_strdup (snapshot);
  g_ptr_array_add (members, m);
  blob_dir = loket_store_get_blob_dir (store);
  blobs = loket_blob_store_new (blob_dir);
  for (guint i = 0; i < hashes->len; i++)
    {
      const char *hash = g_ptr_array_index (hashes, i);

      m = g_new0 (Member, 1);
      m->name = g_strconcat ("blobs/", hash, NULL);
      m->path = loket_blob_store_get_path (blobs, hash);
      g_ptr_array_add (members, m);
    }

  /* First pass: sizes, and the database's checksum (the manifest comes before the data). A blob
   * is named by its checksum: it is checked while it is copied (write_archive). */
  for (guint i = 0; i < members->len; i++)
    {
      GStatBuf st;

      m = g_ptr_array_index (members, i);
      if (i == 0)
        {
          if (!hash_file (m, NULL, cancellable, error))
            goto out;
        }
      else if (g_stat (m->path, &st) != 0)
        {
          io_error (error, IO_READ, m->path);
          goto out;
        }
      else
        {
          m->size = st.st_size;
          m->sha256 = g_strdup (m->name + strlen ("blobs/"));
        }
      progress.total += m->size;
    }
  manifest = build_manifest (members, (int) query_pragma (snapshot, "PRAGMA user_version"));
  if (!write_archive (part, members, manifest, &progress, cancellable, error))
    goto out;
  if (g_rename (part, archive) != 0)
    {
      io_error (error, IO_WRITE, archive);
      goto out;
    }
  ok = TRUE;

out:
  if (!ok)
    g_unlink (part);
  remove_tree (tmpdir);
  return ok;
}

/* ---- Reading ------------------------------------------------------------------------------ */

typedef struct
{
  char            *archive;
  FILE            *in;
  guint64          file_size;
  guint64          data_offset;
  JsonParser      *parser;
  GPtrArray       *members; /* Member (name, size, sha256) */
  LoketBackupInfo *info;
} Reader;

static void
reader_free (Reader *r)
{
  if (r->in != NULL)
    fclose (r->in);
  g_clear_object (&r->parser);
  g_clear_pointer (&r->members, g_ptr_array_unref);
  g_clear_pointer (&r->info, loket_backup_info_free);
  g_free (r->archive);
  g_free (r);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reader, reader_free)

static gboolean
is_hex64 (const char *s)
{
  if (s == NULL || strlen (s) != 64)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

static gboolean
parse_manifest (Reader *r, const char *text, gsize len, GError **error)
{
  JsonNode   *root, *node;
  JsonObject *obj;
  JsonArray  *arr;
  guint64     total = 0;
  gboolean    have_db = FALSE;

  r->parser = json_parser_new ();
  if (!json_parser_load_from_data (r->parser, text, len, NULL)
      || (root = json_parser_get_root (r->parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return corrupt (error, r->archive, _ ("its table of contents is not valid JSON"));
  obj = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (obj, "format", ""), "loket-backup")
      != 0)
    return not_a_backup (error, r->archive, _ ("unknown format"));
  if (json_object_get_int_member_with_default (obj, "version", 0) != VERSION)
    return not_a_backup (error, r->archive, _ ("written by an unsupported version"));
  if (json_object_get_int_member_with_default (obj, "application_id", 0) != LOKET_DB_APPLICATION_ID)
    return not_a_backup (error, r->archive, _ ("it holds another application’s database"));

  r->info = g_new0 (LoketBackupInfo, 1);
  r->info->created_at
    = g_strdup (json_object_get_string_member_with_default (obj, "created_at", ""));
  r->info->schema_version = json_object_get_int_member_with_default (obj, "schema_version", 0);
  node = json_object_get_member (obj, "members");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return corrupt (error, r->archive, _ ("its table of contents has no members"));
  arr = json_node_get_array (node);
  r->members = g_ptr_array_new_with_free_func (member_free);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode   *e = json_array_get_element (arr, i);
      JsonObject *mo = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      const char *name = mo ? json_object_get_string_member_with_default (mo, "name", NULL) : NULL;
      const char *sha = mo ? json_object_get_string_member_with_default (mo, "sha256", NULL) : NULL;
      gint64      size = mo ? json_object_get_int_member_with_default (mo, "size", -1) : -1;
      Member     *m;

      if (name == NULL || !is_hex64 (sha) || size < 0)
        return corrupt (error, r->archive, _ ("a member of its table of contents is malformed"));
      if (strcmp (name, DATABASE_NAME) == 0 && i == 0)
        {
          have_db = TRUE;
          r->info->database_size = size;
        }
      else if (!g_str_has_prefix (name, "blobs/") || strcmp (name + 6, sha) != 0)
        return corrupt (error, r->archive, _ ("a member of its table of contents is malformed"));
      else
        {
          r->info->n_blobs++;
          r->info->blobs_size += size;
        }
      m = g_new0 (Member, 1);
      m->name = g_strdup (name);
      m->sha256 = g_strdup (sha);
      m->size = size;
      g_ptr_array_add (r->members, m);
      total += size;
    }
  if (!have_db)
    return corrupt (error, r->archive, _ ("it holds no database"));
  if (r->data_offset + total + DIGEST_LEN != r->file_size)
    return corrupt (error, r->archive, _ ("it is truncated or has extra bytes"));
  return TRUE;
}

/* Opens @archive, checks the header, the whole-file checksum and the manifest. */
static Reader *
reader_open (const char *archive, GCancellable *cancellable, GError **error)
{
  g_autoptr (Reader) r = g_new0 (Reader, 1);
  g_autofree Sha *sum = sha_new ();
  g_autofree char *manifest = NULL;
  guchar           header[HEADER_LEN];
  guint8           digest[DIGEST_LEN], stored[DIGEST_LEN];
  guint32          manifest_len;
  gboolean         short_read;
  GStatBuf         st;

  r->archive = g_strdup (archive);
  r->in = g_fopen (archive, "rb");
  if (r->in == NULL)
    {
      io_error (error, IO_READ, archive);
      return NULL;
    }
  if (fstat (fileno (r->in), &st) != 0)
    {
      io_error (error, IO_READ, archive);
      return NULL;
    }
  r->file_size = st.st_size;
  if (r->file_size < HEADER_LEN || fread (header, 1, HEADER_LEN, r->in) != HEADER_LEN
      || memcmp (header, MAGIC, MAGIC_LEN) != 0)
    {
      not_a_backup (error, archive, _ ("it does not start like one"));
      return NULL;
    }
  if (get_u32 (header + MAGIC_LEN) != VERSION)
    {
      not_a_backup (error, archive, _ ("written by an unsupported version"));
      return NULL;
    }
  manifest_len = get_u32 (header + MAGIC_LEN + 4);
  if (manifest_len > MANIFEST_MAX
      || HEADER_LEN + (guint64) manifest_len + DIGEST_LEN > r->file_size)
    {
      corrupt (error, archive, _ ("it is truncated"));
      return NULL;
    }
  /* The whole-file checksum first: nothing of a damaged archive is trusted. */
  sha_update (sum, header, HEADER_LEN);
  if (!copy_bytes (r->in, NULL, r->file_size - HEADER_LEN - DIGEST_LEN, &sum, 1, NULL, cancellable,
                   &short_read, error))
    {
      if (short_read)
        corrupt (error, archive, _ ("it is truncated"));
      return NULL;
    }
  if (fread (stored, 1, DIGEST_LEN, r->in) != DIGEST_LEN)
    {
      corrupt (error, archive, _ ("it is truncated"));
      return NULL;
    }
  sha_digest (sum, digest);
  if (memcmp (digest, stored, DIGEST_LEN) != 0)
    {
      corrupt (error, archive, _ ("its checksum does not match its contents"));
      return NULL;
    }
  manifest = g_malloc (manifest_len + 1);
  if (fseek (r->in, HEADER_LEN, SEEK_SET) != 0
      || fread (manifest, 1, manifest_len, r->in) != manifest_len)
    {
      io_error (error, IO_READ, archive);
      return NULL;
    }
  manifest[manifest_len] = '\0';
  r->data_offset = HEADER_LEN + manifest_len;
  if (!parse_manifest (r, manifest, manifest_len, error))
    return NULL;
  return g_steal_pointer (&r);
}

LoketBackupInfo *
loket_backup_verify (const char *archive, GCancellable *cancellable, GError **error)
{
  g_autoptr (Reader) r = reader_open (archive, cancellable, error);

  if (r == NULL)
    return NULL;
  return g_steal_pointer (&r->info);
}

/* Copies the next member of @r to @dest (written as @dest.part then renamed), checking its
 * checksum. */
static gboolean
extract_member (Reader       *r,
                Member       *m,
                const char   *dest,
                Progress     *progress,
                GCancellable *cancellable,
                GError      **error)
{
  g_autofree Sha *sum = sha_new ();
  g_autofree char *part = g_strconcat (dest, ".part", NULL);
  FILE            *out = g_fopen (part, "wb");
  gboolean         short_read, ok;

  if (out == NULL)
    return io_error (error, IO_WRITE, part);
  ok = copy_bytes (r->in, out, m->size, &sum, 1, progress, cancellable, &short_read, error);
  if (ok && (fflush (out) != 0 || fsync (fileno (out)) != 0))
    ok = io_error (error, IO_WRITE, part);
  if (fclose (out) != 0 && ok)
    ok = io_error (error, IO_WRITE, part);
  if (ok && strcmp (sha_hex (sum), m->sha256) != 0)
    ok = corrupt (error, r->archive, _ ("a member does not match its checksum"));
  if (ok && g_rename (part, dest) != 0)
    ok = io_error (error, IO_WRITE, dest);
  if (!ok)
    g_unlink (part);
  return ok;
}

/* Whether nobody else has @path open for writing: an exclusive lock can be taken at once. */
static gboolean
database_is_free (const char *path)
{
  sqlite3 *db = NULL;
  gboolean free_ = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 0);
      /* In WAL mode another connection holds no file lock while idle, but an exclusive-mode
       * connection must lock the database file for itself, which fails while others use it. */
      free_ = sqlite3_exec (db,
                            "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; "
                            "SELECT count(*) FROM sqlite_master; ROLLBACK;",
                            NULL, NULL, NULL)
              == SQLITE_OK;
    }
  sqlite3_close (db);
  return free_;
}

gboolean
loket_backup_restore (const char         *archive,
                      const char         *db_path,
                      gboolean            overwrite,
                      GCancellable       *cancellable,
                      LoketBackupProgress progress_cb,
                      gpointer            progress_data,
                      GError            **error)
{
  g_autoptr (Reader) r = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp_db = NULL;
  g_autofree char *blob_dir = NULL;
  g_autoptr (LoketBlobStore) blobs = NULL;
  g_autoptr (GError) local_error = NULL;
  Progress progress = { progress_cb, progress_data, 0, 0 };
  gint64   application_id;

  g_return_val_if_fail (archive != NULL && db_path != NULL, FALSE);

  r = reader_open (archive, cancellable, error);
  if (r == NULL)
    return FALSE;
  if (r->info->schema_version > loket_db_migrations_get_latest ())
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_UNSUPPORTED,
                   _ ("The backup “%s” was made by a newer version of Loket (schema %d); update "
                      "Loket to restore it"),
                   archive, r->info->schema_version);
      return FALSE;
    }
  if (g_file_test (db_path, G_FILE_TEST_EXISTS) && !overwrite)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                   _ ("A database already exists at “%s”; restoring would replace it. Confirm "
                      "to overwrite it (loket-cli: --force)"),
                   db_path);
      return FALSE;
    }
  if (g_file_test (db_path, G_FILE_TEST_EXISTS) && !database_is_free (db_path))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                   _ ("“%s” is in use (is Loket open?); close it before restoring over it"),
                   db_path);
      return FALSE;
    }
  progress.total = r->info->database_size + r->info->blobs_size;

  /* The database, beside its final place, then checked before anything else is written. */
  dir = g_path_get_dirname (db_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return io_error (error, IO_MKDIR, dir);
  {
    g_autofree char *base = g_path_get_basename (db_path);
    g_autofree char *name = g_strdup_printf (".%s.restore-%08x", base, g_random_int ());

    tmp_db = g_build_filename (dir, name, NULL);
  }
  if (fseek (r->in, r->data_offset, SEEK_SET) != 0)
    return io_error (error, IO_READ, archive);
  if (!extract_member (r, g_ptr_array_index (r->members, 0), tmp_db, &progress, cancellable, error))
    return FALSE;
  application_id = query_pragma (tmp_db, "PRAGMA application_id");
  if (application_id != LOKET_DB_APPLICATION_ID
      || !loket_db_migrations_check_file (tmp_db, &local_error))
    {
      g_unlink (tmp_db);
      return not_a_backup (error, archive,
                           local_error != NULL ? local_error->message
                                               : _ ("it holds another application’s database"));
    }

  /* Blobs are content-addressed: extra ones are harmless, so they go in place first. */
  blob_dir = g_strconcat (db_path, ".blobs", NULL);
  blobs = loket_blob_store_new (blob_dir);
  for (guint i = 1; i < r->members->len; i++)
    {
      Member          *m = g_ptr_array_index (r->members, i);
      g_autofree char *dest = loket_blob_store_get_path (blobs, m->sha256);
      g_autofree char *parent = g_path_get_dirname (dest);

      if (g_mkdir_with_parents (parent, 0700) != 0)
        {
          g_unlink (tmp_db);
          return io_error (error, IO_MKDIR, parent);
        }
      if (!extract_member (r, m, dest, &progress, cancellable, error))
        {
          g_unlink (tmp_db);
          return FALSE;
        }
    }

  /* Last: the old database's journal files go, the new database takes its place. */
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
    g_autofree char *journal = g_strconcat (db_path, "-journal", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (journal);
  }
  if (g_rename (tmp_db, db_path) != 0)
    {
      int saved = errno;

      g_unlink (tmp_db);
      errno = saved;
      return io_error (error, IO_WRITE, db_path);
    }
  return TRUE;
}
