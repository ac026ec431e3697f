// SPDX-License-Identifier: GPL-3.0-or-later
// Streams a file into the blob store: checked, hashed while copied, fsynced, renamed into place.
#pragma once

#include "loket-attachment.h"
#include "loket-blob-store.h"

G_BEGIN_DECLS

/* Pure file work, safe from any thread. Checks @file (loket_attachment_check_file with @limit),
 * copies it to a temporary file in the blob folder while hashing it, fsyncs it, renames it to
 * its hash (or drops the copy when that blob is already stored) and fsyncs the folder. The file
 * growing past @limit while copied is refused too. Returns the attachment record. */
LoketAttachment *loket_blob_import_file (LoketBlobStore *blobs,
                                         GFile          *file,
                                         guint64         limit,
                                         GCancellable   *cancellable,
                                         GError        **error) G_GNUC_WARN_UNUSED_RESULT;

/* Deletes the temporary files of imports that never finished (a crash mid-copy) last modified
 * more than @min_age_s seconds ago (younger ones may belong to an import running now in another
 * process). Returns how many were deleted. */
guint loket_blob_import_sweep (LoketBlobStore *blobs,
                               gint64          min_age_s);

G_END_DECLS
