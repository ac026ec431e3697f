// SPDX-License-Identifier: GPL-3.0-or-later
// Attachments of a case: what a file must be to be accepted (PDF, JPEG, PNG) and its record.
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Default size limit of one attached file (configurable by the caller). */
#define LOKET_ATTACHMENT_DEFAULT_LIMIT ((guint64) 50 * 1024 * 1024)
/* How many leading bytes loket_attachment_check() needs to recognise a type. */
#define LOKET_ATTACHMENT_SNIFF_LEN 16

/* Decides whether a file may be attached, from its name, its first bytes and its size.
 * @head: at least the first LOKET_ATTACHMENT_SNIFF_LEN bytes (fewer only when the file is that
 * short). @limit: largest accepted size in bytes; 0 means LOKET_ATTACHMENT_DEFAULT_LIMIT.
 * Types are recognised by their magic bytes: PDF "%PDF-", JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A.
 * The extension (case-insensitive: .pdf, .jpg, .jpeg, .png) must agree with the content; a name
 * without an extension is judged by its content alone.
 * On success *@mime_out (may be NULL) is "application/pdf", "image/jpeg" or "image/png".
 * Errors (translated messages that name the file):
 *   LOKET_ERROR_INVALID_DATA  content not what the extension says ("report.pdf is not a PDF
 *                             file"), empty file, or over the limit;
 *   LOKET_ERROR_UNSUPPORTED   any other type (extension or content). */
gboolean loket_attachment_check      (const char   *file_name,
                                      const guint8 *head,
                                      gsize         head_len,
                                      guint64       size,
                                      guint64       limit,
                                      char        **mime_out,
                                      GError      **error);

/* Reads the head and size of @file and runs loket_attachment_check() (blocking I/O: call it from
 * a worker thread or in tests). An unreadable file gives LOKET_ERROR_IO naming the file. */
gboolean loket_attachment_check_file (GFile        *file,
                                      guint64       limit,
                                      char        **mime_out,
                                      guint64      *size_out,
                                      GCancellable *cancellable,
                                      GError      **error);

/* One attached file, stored as a blob: what a requirement's checklist entry and the
 * document.attached event record. */
typedef struct
{
  char   *sha256;    /* 64 lower-case hex digits: the blob */
  char   *file_name; /* the name it had (basename, no folder) */
  char   *mime_type; /* "application/pdf", "image/jpeg" or "image/png" */
  guint64 size;      /* bytes */
} LoketAttachment;

#define LOKET_TYPE_ATTACHMENT (loket_attachment_get_type ())

GType            loket_attachment_get_type (void) G_GNUC_CONST;
LoketAttachment *loket_attachment_new      (const char            *sha256,
                                            const char            *file_name,
                                            const char            *mime_type,
                                            guint64                size) G_GNUC_WARN_UNUSED_RESULT;
LoketAttachment *loket_attachment_copy     (const LoketAttachment *self) G_GNUC_WARN_UNUSED_RESULT;
void             loket_attachment_free     (LoketAttachment       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketAttachment, loket_attachment_free)

/* { "sha256": …, "file_name": …, "mime_type": …, "size": N } (transfer full) */
JsonNode        *loket_attachment_to_json       (const LoketAttachment *self) G_GNUC_WARN_UNUSED_RESULT;
/* Checks every member: a valid hash, a non-empty file name without '/' (≤ 255 bytes), one of the
 * three MIME types, a size ≥ 1. LOKET_ERROR_INVALID_DATA otherwise. */
LoketAttachment *loket_attachment_new_from_json (JsonNode *node,
                                                 GError  **error) G_GNUC_WARN_UNUSED_RESULT;
/* TRUE when @sha256 is 64 lower-case hex digits. */
gboolean         loket_attachment_is_valid_sha256 (const char *sha256);

G_END_DECLS
