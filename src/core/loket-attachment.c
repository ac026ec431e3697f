// SPDX-License-Identifier: GPL-3.0-or-later
// Attachments: type sniffing by magic bytes, size limits, and the attachment record.
#include "config.h"

#include "loket-attachment.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"

G_DEFINE_BOXED_TYPE (LoketAttachment, loket_attachment, loket_attachment_copy,
                     loket_attachment_free)

typedef struct
{
  const char   *mime;
  const char   *label;    /* what the user calls it */
  const guint8 *magic;
  gsize         magic_len;
  const char   *exts[3];
} FileType;

static const guint8 pdf_magic[] = { '%', 'P', 'D', 'F', '-' };
static const guint8 jpeg_magic[] = { 0xFF, 0xD8, 0xFF };
static const guint8 png_magic[] = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

static const FileType file_types[] = {
  { "application/pdf", "PDF", pdf_magic, sizeof pdf_magic, { "pdf", NULL } },
  { "image/jpeg", "JPEG", jpeg_magic, sizeof jpeg_magic, { "jpg", "jpeg", NULL } },
  { "image/png", "PNG", png_magic, sizeof png_magic, { "png", NULL } },
};

static const FileType *
type_by_content (const guint8 *head, gsize head_len)
{
  for (guint i = 0; i < G_N_ELEMENTS (file_types); i++)
    if (head_len >= file_types[i].magic_len
        && memcmp (head, file_types[i].magic, file_types[i].magic_len) == 0)
      return &file_types[i];
  return NULL;
}

/* The type named by @file_name's extension; *@has_ext says whether it has one at all. */
static const FileType *
type_by_name (const char *file_name, gboolean *has_ext)
{
  g_autofree char *base = g_path_get_basename (file_name);
  const char      *dot = strrchr (base, '.');
  g_autofree char *ext = NULL;

  *has_ext = dot != NULL && dot != base && dot[1] != '\0';
  if (!*has_ext)
    return NULL;
  ext = g_ascii_strdown (dot + 1, -1);
  for (guint i = 0; i < G_N_ELEMENTS (file_types); i++)
    for (guint j = 0; file_types[i].exts[j] != NULL; j++)
      if (g_str_equal (ext, file_types[i].exts[j]))
        return &file_types[i];
  return NULL;
}

gboolean
loket_attachment_check (const char   *file_name,
                        const guint8 *head,
                        gsize         head_len,
                        guint64       size,
                        guint64       limit,
                        char        **mime_out,
                        GError      **error)
{
  g_autofree char *base = NULL;
  const FileType  *by_name, *by_content;
  gboolean         has_ext;

  g_return_val_if_fail (file_name != NULL, FALSE);
  g_return_val_if_fail (head != NULL || head_len == 0, FALSE);

  if (limit == 0)
    limit = LOKET_ATTACHMENT_DEFAULT_LIMIT;
  base = g_path_get_basename (file_name);
  by_name = type_by_name (base, &has_ext);
  by_content = type_by_content (head, head_len);

  if (has_ext && by_name == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_UNSUPPORTED,
                   _ ("%s cannot be attached: only PDF, JPEG and PNG files are accepted"), base);
      return FALSE;
    }
  if (size == 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("%s is empty"), base);
      return FALSE;
    }
  if (by_name != NULL && by_content != by_name)
    {
      /* TRANSLATORS: "report.pdf is not a PDF file"; the second %s is PDF, JPEG or PNG. */
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("%s is not a %s file"), base,
                   by_name->label);
      return FALSE;
    }
  if (by_content == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_UNSUPPORTED,
                   _ ("%s cannot be attached: only PDF, JPEG and PNG files are accepted"), base);
      return FALSE;
    }
  if (size > limit)
    {
      g_autofree char *have = g_format_size (size);
      g_autofree char *max = g_format_size (limit);

      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("%s is too large (%s): files over %s cannot be attached"), base, have, max);
      return FALSE;
    }
  if (mime_out != NULL)
    *mime_out = g_strdup (by_content->mime);
  return TRUE;
}

gboolean
loket_attachment_check_file (GFile        *file,
                             guint64       limit,
                             char        **mime_out,
                             guint64      *size_out,
                             GCancellable *cancellable,
                             GError      **error)
{
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = NULL;
  guint8 head[LOKET_ATTACHMENT_SNIFF_LEN];
  gsize  head_len = 0;
  guint64 size;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  in = g_file_read (file, cancellable, &local_error);
  if (in != NULL)
    info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable,
                                           &local_error);
  if (info != NULL)
    g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &head_len, cancellable,
                             &local_error);
  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not read %s: %s"), name,
                     local_error->message);
      return FALSE;
    }
  size = (guint64) g_file_info_get_size (info);
  if (!loket_attachment_check (name, head, head_len, size, limit, mime_out, error))
    return FALSE;
  if (size_out != NULL)
    *size_out = size;
  return TRUE;
}

/* The record */

gboolean
loket_attachment_is_valid_sha256 (const char *sha256)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isdigit (sha256[i]) && !(sha256[i] >= 'a' && sha256[i] <= 'f'))
      return FALSE;
  return TRUE;
}

LoketAttachment *
loket_attachment_new (const char *sha256, const char *file_name, const char *mime_type, guint64 size)
{
  LoketAttachment *self = g_new0 (LoketAttachment, 1);

  self->sha256 = g_strdup (sha256);
  self->file_name = g_strdup (file_name);
  self->mime_type = g_strdup (mime_type);
  self->size = size;
  return self;
}

LoketAttachment *
loket_attachment_copy (const LoketAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return loket_attachment_new (self->sha256, self->file_name, self->mime_type, self->size);
}

void
loket_attachment_free (LoketAttachment *self)
{
  if (self == NULL)
    return;
  g_free (self->sha256);
  g_free (self->file_name);
  g_free (self->mime_type);
  g_free (self);
}

JsonNode *
loket_attachment_to_json (const LoketAttachment *self)
{
  JsonObject *object = json_object_new ();
  JsonNode   *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "sha256", self->sha256);
  json_object_set_string_member (object, "file_name", self->file_name);
  json_object_set_string_member (object, "mime_type", self->mime_type);
  json_object_set_int_member (object, "size", (gint64) self->size);
  json_node_take_object (node, object);
  return node;
}

static const char *
string_member (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_known_mime (const char *mime)
{
  for (guint i = 0; mime != NULL && i < G_N_ELEMENTS (file_types); i++)
    if (g_str_equal (mime, file_types[i].mime))
      return TRUE;
  return FALSE;
}

LoketAttachment *
loket_attachment_new_from_json (JsonNode *node, GError **error)
{
  JsonObject *object;
  JsonNode   *size_node;
  const char *sha256, *file_name, *mime;
  gint64      size;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;
  object = json_node_get_object (node);
  sha256 = string_member (object, "sha256");
  file_name = string_member (object, "file_name");
  mime = string_member (object, "mime_type");
  size_node = json_object_get_member (object, "size");
  if (!loket_attachment_is_valid_sha256 (sha256) || file_name == NULL || *file_name == '\0'
      || strlen (file_name) > 255 || strchr (file_name, '/') != NULL
      || !g_utf8_validate (file_name, -1, NULL) || !is_known_mime (mime) || size_node == NULL
      || !JSON_NODE_HOLDS_VALUE (size_node) || json_node_get_value_type (size_node) != G_TYPE_INT64)
    goto invalid;
  size = json_node_get_int (size_node);
  if (size < 1)
    goto invalid;
  return loket_attachment_new (sha256, file_name, mime, (guint64) size);

invalid:
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
               _ ("An attachment record is malformed (it needs a SHA-256, a file name, a PDF, "
                  "JPEG or PNG type and a size)"));
  return NULL;
}
