// SPDX-License-Identifier: GPL-3.0-or-later
// Backup archives: the database (a consistent snapshot) and every blob in one file, with a
// SHA-256 per member and one over the whole archive. Restore checks everything first.
#pragma once

#include "loket-store.h"

G_BEGIN_DECLS

/* The archive (version 1), big-endian integers:
 *   "LOKETBAK" | u32 version | u32 manifest length | manifest (JSON) | members | SHA-256 (32 bytes)
 * The manifest: { "format": "loket-backup", "version": 1, "created_at": ISO 8601,
 *   "application_id": 0x4c4f4b54, "schema_version": N,
 *   "members": [ { "name": "loket.db" | "blobs/<sha256>", "size": N, "sha256": "<hex>" }, … ] }
 * Members follow in manifest order, back to back. The final SHA-256 covers every byte before it. */

typedef void (*LoketBackupProgress) (guint64 done, guint64 total, gpointer user_data);

typedef struct
{
  char  *created_at;
  int    schema_version;
  guint  n_blobs;
  guint64 database_size;
  guint64 blobs_size;
} LoketBackupInfo;

void loket_backup_info_free (LoketBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketBackupInfo, loket_backup_info_free)

/* Writes the backup of @store to @archive (refused if it exists: LOKET_ERROR_CONFLICT). The file
 * appears whole or not at all (written beside it, then renamed). */
gboolean         loket_backup_create  (LoketStore          *store,
                                       const char          *archive,
                                       GCancellable        *cancellable,
                                       LoketBackupProgress  progress,
                                       gpointer             progress_data,
                                       GError             **error);

/* Reads and checks the whole archive: LOKET_ERROR_CORRUPT when a checksum does not match or it
 * is truncated, LOKET_ERROR_INVALID_DATA when it is not a Loket backup. */
LoketBackupInfo *loket_backup_verify  (const char          *archive,
                                       GCancellable        *cancellable,
                                       GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Restores @archive as the database @db_path and its blobs. Verifies every checksum and that the
 * database is a Loket database this version can open before writing anything; refuses
 * (LOKET_ERROR_CONFLICT) when @db_path exists unless @overwrite. The database file is written
 * beside @db_path and renamed into place last. The store must not be open. */
gboolean         loket_backup_restore (const char          *archive,
                                       const char          *db_path,
                                       gboolean             overwrite,
                                       GCancellable        *cancellable,
                                       LoketBackupProgress  progress,
                                       gpointer             progress_data,
                                       GError             **error);

G_END_DECLS
