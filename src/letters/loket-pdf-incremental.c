// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a PDF's classic cross-reference table and appends an incremental update to it.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-pdf-incremental.h"

#define MAX_SECTIONS 256

struct _LoketPdfDocument
{
  GBytes        *bytes;
  const guint8  *data;
  gsize          len;
  gsize          startxref;
  GHashTable    *offsets; /* object number → offset of its newest revision (in-use objects) */
  GHashTable    *gens;    /* object number → generation */
  LoketPdfValue *trailer;
  guint          size;
};

typedef struct
{
  guint num;
  char *body;
  gsize body_len;
  gsize offset;
} UpdateObject;

struct _LoketPdfUpdate
{
  LoketPdfDocument *doc;     /* borrowed */
  GArray           *objects; /* UpdateObject */
  guint             next_num;
};

static gboolean
unsupported (GError **error, const char *message)
{
  g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_UNSUPPORTED, message);
  return FALSE;
}

static gboolean
damaged (GError **error)
{
  g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _("The PDF is damaged: its cross-reference table cannot be read"));
  return FALSE;
}

static gboolean
read_uint (const guint8 *data, gsize len, gsize *pos, guint64 *out)
{
  gsize start;

  loket_pdf_skip_space (data, len, pos);
  start = *pos;
  *out = 0;
  while (*pos < len && g_ascii_isdigit (data[*pos]) && *pos - start < 19)
    *out = *out * 10 + (guint64) (data[(*pos)++] - '0');
  return *pos > start;
}

static gboolean
has_keyword (const guint8 *data, gsize len, gsize pos, const char *kw)
{
  gsize n = strlen (kw);
  return pos + n <= len && memcmp (data + pos, kw, n) == 0;
}

/* Reads one xref section at @offset and its trailer; returns the trailer. */
static LoketPdfValue *
read_section (LoketPdfDocument *doc, gsize offset, GError **error)
{
  gsize pos = offset;

  loket_pdf_skip_space (doc->data, doc->len, &pos);
  if (!has_keyword (doc->data, doc->len, pos, "xref"))
    {
      if (pos < doc->len && g_ascii_isdigit (doc->data[pos]))
        return unsupported (error, _("This PDF uses a cross-reference stream, which is not "
                                      "supported; save it as a classic PDF first")),
               NULL;
      return damaged (error), NULL;
    }
  pos += 4;
  for (;;)
    {
      guint64 first, count;

      loket_pdf_skip_space (doc->data, doc->len, &pos);
      if (has_keyword (doc->data, doc->len, pos, "trailer"))
        break;
      if (!read_uint (doc->data, doc->len, &pos, &first)
          || !read_uint (doc->data, doc->len, &pos, &count) || count > doc->len / 18)
        return damaged (error), NULL;
      for (guint64 i = 0; i < count; i++)
        {
          guint64 off, gen;
          guint   num = (guint) (first + i);

          if (!read_uint (doc->data, doc->len, &pos, &off)
              || !read_uint (doc->data, doc->len, &pos, &gen))
            return damaged (error), NULL;
          loket_pdf_skip_space (doc->data, doc->len, &pos);
          if (pos >= doc->len || (doc->data[pos] != 'n' && doc->data[pos] != 'f'))
            return damaged (error), NULL;
          /* Newest section is read first: keep the first entry seen for each number. */
          if (!g_hash_table_contains (doc->gens, GUINT_TO_POINTER (num)))
            {
              g_hash_table_insert (doc->gens, GUINT_TO_POINTER (num), GUINT_TO_POINTER (gen));
              if (doc->data[pos] == 'n')
                g_hash_table_insert (doc->offsets, GUINT_TO_POINTER (num), GSIZE_TO_POINTER (off));
            }
          pos++;
        }
    }
  pos += strlen ("trailer");
  return loket_pdf_parse_value (doc->data, doc->len, &pos, error);
}

void
loket_pdf_document_free (LoketPdfDocument *doc)
{
  if (doc == NULL)
    return;
  g_bytes_unref (doc->bytes);
  g_hash_table_unref (doc->offsets);
  g_hash_table_unref (doc->gens);
  loket_pdf_value_free (doc->trailer);
  g_free (doc);
}

LoketPdfDocument *
loket_pdf_document_new (GBytes *bytes, GError **error)
{
  g_autoptr (LoketPdfDocument) doc = g_new0 (LoketPdfDocument, 1);
  gsize                tail, pos;
  guint64              xref;
  guint                sections = 0;
  gint64               size = 0;
  const LoketPdfValue *prev;

  doc->bytes = g_bytes_ref (bytes);
  doc->data = g_bytes_get_data (bytes, &doc->len);
  doc->offsets = g_hash_table_new (NULL, NULL);
  doc->gens = g_hash_table_new (NULL, NULL);

  if (doc->len < 16 || memcmp (doc->data, "%PDF-", 5) != 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("This is not a PDF file"));
      return NULL;
    }
  /* "startxref N %%EOF" within the last kilobyte. */
  tail = doc->len > 1024 ? doc->len - 1024 : 0;
  pos = 0;
  for (gsize i = doc->len - 9; i > tail; i--)
    if (memcmp (doc->data + i, "startxref", 9) == 0)
      {
        pos = i + 9;
        break;
      }
  if (pos == 0 || !read_uint (doc->data, doc->len, &pos, &xref) || xref >= doc->len)
    return damaged (error), NULL;
  doc->startxref = (gsize) xref;

  for (guint64 off = xref;; sections++)
    {
      g_autoptr (LoketPdfValue) trailer = NULL;
      gint64 prev_off;

      if (sections >= MAX_SECTIONS)
        return damaged (error), NULL;
      trailer = read_section (doc, (gsize) off, error);
      if (trailer == NULL)
        return NULL;
      if (trailer->kind != LOKET_PDF_DICT)
        return damaged (error), NULL;
      if (loket_pdf_dict_get (trailer, "Encrypt") != NULL)
        return unsupported (error, _("Encrypted PDFs cannot be signed")), NULL;
      if (loket_pdf_dict_get (trailer, "XRefStm") != NULL)
        return unsupported (error, _("This PDF uses a cross-reference stream, which is not "
                                      "supported; save it as a classic PDF first")),
               NULL;
      prev = loket_pdf_dict_get (trailer, "Prev");
      if (!loket_pdf_value_get_int (prev, &prev_off))
        prev_off = -1;
      if (doc->trailer == NULL)
        doc->trailer = g_steal_pointer (&trailer);
      if (prev_off < 0)
        break;
      if ((guint64) prev_off >= doc->len || (guint64) prev_off == off)
        return damaged (error), NULL;
      off = (guint64) prev_off;
    }

  if (!loket_pdf_value_get_int (loket_pdf_dict_get (doc->trailer, "Size"), &size) || size <= 0
      || loket_pdf_dict_get (doc->trailer, "Root") == NULL)
    return damaged (error), NULL;
  doc->size = (guint) size;
  return g_steal_pointer (&doc);
}

const LoketPdfValue *
loket_pdf_document_get_trailer (LoketPdfDocument *doc)
{
  return doc->trailer;
}

LoketPdfValue *
loket_pdf_document_get_object (LoketPdfDocument *doc, guint num, GError **error)
{
  gpointer       offset;
  guint          got_num, got_gen;
  LoketPdfValue *value;

  if (!g_hash_table_lookup_extended (doc->offsets, GUINT_TO_POINTER (num), NULL, &offset)
      || GPOINTER_TO_SIZE (offset) >= doc->len)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("The PDF is damaged: object %u is missing"), num);
      return NULL;
    }
  value = loket_pdf_parse_indirect (doc->data, doc->len, GPOINTER_TO_SIZE (offset), &got_num,
                                    &got_gen, error);
  if (value != NULL && got_num != num)
    {
      loket_pdf_value_free (value);
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("The PDF is damaged: object %u is missing"), num);
      return NULL;
    }
  return value;
}

LoketPdfValue *
loket_pdf_document_resolve (LoketPdfDocument *doc, const LoketPdfValue *value, GError **error)
{
  if (value == NULL)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("The PDF is damaged: a required entry is missing"));
      return NULL;
    }
  if (value->kind == LOKET_PDF_REF)
    return loket_pdf_document_get_object (doc, value->num, error);
  return loket_pdf_value_copy (value);
}

static void
update_object_clear (gpointer data)
{
  UpdateObject *object = data;

  g_free (object->body);
}

LoketPdfUpdate *
loket_pdf_update_new (LoketPdfDocument *doc)
{
  LoketPdfUpdate *update = g_new0 (LoketPdfUpdate, 1);

  update->doc = doc;
  update->objects = g_array_new (FALSE, TRUE, sizeof (UpdateObject));
  g_array_set_clear_func (update->objects, update_object_clear);
  update->next_num = doc->size;
  return update;
}

void
loket_pdf_update_free (LoketPdfUpdate *update)
{
  if (update == NULL)
    return;
  g_array_unref (update->objects);
  g_free (update);
}

guint
loket_pdf_update_new_object (LoketPdfUpdate *update)
{
  return update->next_num++;
}

void
loket_pdf_update_set_object (LoketPdfUpdate *update, guint num, const char *body, gsize body_len)
{
  UpdateObject object = { num, g_strndup (body, body_len), body_len, 0 };

  for (guint i = 0; i < update->objects->len; i++)
    if (g_array_index (update->objects, UpdateObject, i).num == num)
      {
        g_array_remove_index (update->objects, i);
        break;
      }
  g_array_append_val (update->objects, object);
}

static gint
compare_num (gconstpointer a, gconstpointer b)
{
  const UpdateObject *x = a, *y = b;
  return x->num < y->num ? -1 : x->num > y->num;
}

GByteArray *
loket_pdf_update_write (LoketPdfUpdate *update)
{
  LoketPdfDocument *doc = update->doc;
  GByteArray       *out = g_byte_array_sized_new ((guint) doc->len + 65536);
  g_autoptr (GString) tail = g_string_new (NULL);
  g_autoptr (LoketPdfValue) trailer = loket_pdf_value_new_raw (LOKET_PDF_DICT, NULL);
  gsize       xref_offset;
  const char *keep[] = { "Root", "Info", "ID" };
  char        number[32];

  g_byte_array_append (out, doc->data, (guint) doc->len);
  if (doc->data[doc->len - 1] != '\n' && doc->data[doc->len - 1] != '\r')
    g_byte_array_append (out, (const guint8 *) "\n", 1);

  g_array_sort (update->objects, compare_num);
  for (guint i = 0; i < update->objects->len; i++)
    {
      UpdateObject    *object = &g_array_index (update->objects, UpdateObject, i);
      gpointer         gen = g_hash_table_lookup (doc->gens, GUINT_TO_POINTER (object->num));
      g_autofree char *head = g_strdup_printf (
        "%u %u obj\n", object->num, object->num < doc->size ? GPOINTER_TO_UINT (gen) : 0);

      object->offset = out->len;
      g_byte_array_append (out, (const guint8 *) head, (guint) strlen (head));
      g_byte_array_append (out, (const guint8 *) object->body, (guint) object->body_len);
      g_byte_array_append (out, (const guint8 *) "\nendobj\n", 8);
    }

  /* One subsection per run of consecutive numbers; entries are exactly 20 bytes. */
  xref_offset = out->len;
  g_string_append (tail, "xref\n");
  for (guint i = 0; i < update->objects->len;)
    {
      guint j = i;

      while (j + 1 < update->objects->len
             && g_array_index (update->objects, UpdateObject, j + 1).num
                  == g_array_index (update->objects, UpdateObject, j).num + 1)
        j++;
      g_string_append_printf (tail, "%u %u\n", g_array_index (update->objects, UpdateObject, i).num,
                              j - i + 1);
      for (; i <= j; i++)
        {
          UpdateObject *object = &g_array_index (update->objects, UpdateObject, i);
          gpointer      gen = g_hash_table_lookup (doc->gens, GUINT_TO_POINTER (object->num));
          g_string_append_printf (tail, "%010" G_GSIZE_FORMAT " %05u n \n", object->offset,
                                  object->num < doc->size ? GPOINTER_TO_UINT (gen) : 0);
        }
    }

  g_snprintf (number, sizeof number, "%u", update->next_num);
  loket_pdf_dict_set (trailer, "Size", loket_pdf_value_new_raw (LOKET_PDF_NUMBER, number));
  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    {
      LoketPdfValue *value = loket_pdf_dict_get (doc->trailer, keep[i]);
      if (value != NULL)
        loket_pdf_dict_set (trailer, keep[i], loket_pdf_value_copy (value));
    }
  g_snprintf (number, sizeof number, "%" G_GSIZE_FORMAT, doc->startxref);
  loket_pdf_dict_set (trailer, "Prev", loket_pdf_value_new_raw (LOKET_PDF_NUMBER, number));
  g_string_append (tail, "trailer\n");
  loket_pdf_value_serialize (trailer, tail);
  g_string_append_printf (tail, "\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", xref_offset);
  g_byte_array_append (out, (const guint8 *) tail->str, (guint) tail->len);
  return out;
}

gsize
loket_pdf_update_get_offset (LoketPdfUpdate *update, guint num)
{
  for (guint i = 0; i < update->objects->len; i++)
    if (g_array_index (update->objects, UpdateObject, i).num == num)
      return g_array_index (update->objects, UpdateObject, i).offset;
  return 0;
}
