// SPDX-License-Identifier: GPL-3.0-or-later
// Content-addressed files next to the database: "<db>.blobs/ab/abcdef…" named by SHA-256.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _LoketBlobStore LoketBlobStore;

/* Pure file operations, safe from any thread. The folder is created on first write. */
LoketBlobStore *loket_blob_store_new      (const char     *dir);
void            loket_blob_store_free     (LoketBlobStore *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketBlobStore, loket_blob_store_free)

const char     *loket_blob_store_get_dir  (LoketBlobStore *self);
/* The file of @sha256 (which must be 64 lowercase hex digits). */
char           *loket_blob_store_get_path (LoketBlobStore *self,
                                           const char     *sha256) G_GNUC_WARN_UNUSED_RESULT;
gboolean        loket_blob_store_is_valid_hash (const char *sha256);

/* Writes @contents to a temporary file, fsyncs it, renames it into place and fsyncs the folder.
 * Returns the hex SHA-256; bytes already stored are not written again (*@added = FALSE). */
char           *loket_blob_store_add      (LoketBlobStore *self,
                                           GBytes         *contents,
                                           gboolean       *added,
                                           GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Reads a blob and checks its hash: LOKET_ERROR_NOT_FOUND if missing, LOKET_ERROR_CORRUPT if the
 * bytes do not match. */
GBytes         *loket_blob_store_read     (LoketBlobStore *self,
                                           const char     *sha256,
                                           GError        **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
