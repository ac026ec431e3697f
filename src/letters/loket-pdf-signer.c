// SPDX-License-Identifier: GPL-3.0-or-later
// PAdES-B-B signing of a PDF: a signature field, its appearance and the CMS, as an incremental
// update.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-pdf-incremental.h"
#include "loket-pdf-signer.h"

#define DEFAULT_CONTENTS_SIZE (16 * 1024)
#define MAX_PAGE_DEPTH 32
#define MAX_PAGE_NODES 100000 /* a page tree that repeats its kids cannot keep us busy */
#define BYTERANGE_PLACEHOLDER "[0 0000000000 0000000000 0000000000]"

static const char *const months[]
  = { "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
      "Juli",    "Agustus",  "September", "Oktober", "November", "Desember" };

char *
loket_pdf_format_date (GDateTime *time)
{
  GTimeSpan        offset = g_date_time_get_utc_offset (time) / G_TIME_SPAN_MINUTE;
  g_autofree char *stamp = g_date_time_format (time, "%Y%m%d%H%M%S");

  if (offset == 0)
    return g_strdup_printf ("D:%sZ", stamp);
  return g_strdup_printf ("D:%s%c%02d'%02d'", stamp, offset < 0 ? '-' : '+',
                          (int) (ABS (offset) / 60), (int) (ABS (offset) % 60));
}

/* "22 November 2026 16:15 WITA" (the letter is Indonesian whatever the UI language). */
static char *
appearance_date (GDateTime *time)
{
  GTimeSpan        offset = g_date_time_get_utc_offset (time) / G_TIME_SPAN_MINUTE;
  g_autofree char *zone = NULL;

  if (offset == 7 * 60)
    zone = g_strdup ("WIB");
  else if (offset == 8 * 60)
    zone = g_strdup ("WITA");
  else if (offset == 9 * 60)
    zone = g_strdup ("WIT");
  else if (offset == 0)
    zone = g_strdup ("UTC");
  else
    zone = g_strdup_printf ("UTC%c%02d:%02d", offset < 0 ? '-' : '+', (int) (ABS (offset) / 60),
                            (int) (ABS (offset) % 60));
  return g_strdup_printf ("%d %s %d %02d:%02d %s", g_date_time_get_day_of_month (time),
                          months[g_date_time_get_month (time) - 1], g_date_time_get_year (time),
                          g_date_time_get_hour (time), g_date_time_get_minute (time), zone);
}

/* A PDF literal string in WinAnsiEncoding (the standard Helvetica's encoding). */
static void
append_winansi (GString *out, const char *utf8)
{
  g_autofree char *bytes
    = g_convert_with_fallback (utf8, -1, "WINDOWS-1252", "UTF-8", "?", NULL, NULL, NULL);

  g_string_append_c (out, '(');
  for (const char *p = bytes != NULL ? bytes : "?"; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '(' || c == ')' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20 || c > 0x7e)
        g_string_append_printf (out, "\\%03o", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, ')');
}

static gboolean
rect_of (const LoketPdfValue *array, double rect[4])
{
  if (array == NULL || array->kind != LOKET_PDF_ARRAY || array->items->len != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      const LoketPdfValue *v = array->items->pdata[i];
      if (v->kind != LOKET_PDF_NUMBER)
        return FALSE;
      rect[i] = g_ascii_strtod (v->raw, NULL);
    }
  return TRUE;
}

/* Finds page @index below @node (a reference); sets its object number and media box. */
static gboolean
find_page (LoketPdfDocument    *doc,
           const LoketPdfValue *node,
           guint               *index,
           guint                depth,
           guint               *visits,
           double               media_box[4],
           guint               *page_num,
           GError             **error)
{
  g_autoptr (LoketPdfValue) dict = NULL;
  const LoketPdfValue *kids;

  if (node == NULL || node->kind != LOKET_PDF_REF || depth > MAX_PAGE_DEPTH
      || ++(*visits) > MAX_PAGE_NODES)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("The PDF is damaged: its page tree cannot be read"));
      return FALSE;
    }
  dict = loket_pdf_document_get_object (doc, node->num, error);
  if (dict == NULL)
    return FALSE;
  rect_of (loket_pdf_dict_get (dict, "MediaBox"), media_box); /* inherited unless overridden */
  kids = loket_pdf_dict_get (dict, "Kids");
  if (kids == NULL)
    {
      if (*index == 0)
        {
          *page_num = node->num;
          return TRUE;
        }
      (*index)--;
      return TRUE;
    }
  if (kids->kind != LOKET_PDF_ARRAY)
    return find_page (doc, NULL, index, depth, visits, media_box, page_num, error);
  for (guint i = 0; i < kids->items->len && *page_num == 0; i++)
    {
      double box[4] = { media_box[0], media_box[1], media_box[2], media_box[3] };

      if (!find_page (doc, kids->items->pdata[i], index, depth + 1, visits, box, page_num, error))
        return FALSE;
      if (*page_num != 0)
        memcpy (media_box, box, sizeof box);
    }
  return TRUE;
}

/* Offset of @needle in @array at or after @from, or 0. */
static gsize
find_bytes (GByteArray *array, gsize from, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = from; i + n <= array->len; i++)
    if (array->data[i] == (guint8) needle[0] && memcmp (array->data + i, needle, n) == 0)
      return i;
  return 0;
}

static char *
serialize (const LoketPdfValue *value)
{
  GString *out = g_string_new (NULL);

  loket_pdf_value_serialize (value, out);
  return g_string_free (out, FALSE);
}

static void
set_object (LoketPdfUpdate *update, guint num, const LoketPdfValue *value)
{
  g_autofree char *body = serialize (value);

  loket_pdf_update_set_object (update, num, body, strlen (body));
}

static LoketPdfValue *
parse_text (const char *text)
{
  gsize pos = 0;

  return loket_pdf_parse_value ((const guint8 *) text, strlen (text), &pos, NULL);
}

static char *
appearance_stream (double width, double height, const char *name, const char *date)
{
  g_autoptr (GString) content = g_string_new (NULL);
  char   w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
  double font = MIN (7.0, (height - 6.0) / 3.3);

  g_ascii_formatd (w, sizeof w, "%.2f", width - 1.0);
  g_ascii_formatd (h, sizeof h, "%.2f", height - 1.0);
  g_string_append_printf (content, "q 0.1 0.3 0.6 RG 0.8 w 0.5 0.5 %s %s re S Q\n", w, h);
  g_ascii_formatd (y, sizeof y, "%.2f", height - 3.0 - font);
  g_ascii_formatd (h, sizeof h, "%.2f", font);
  g_string_append_printf (content, "BT 0 0 0 rg /F1 %s Tf 4 %s Td ", h, y);
  append_winansi (content, "Ditandatangani secara elektronik oleh");
  g_ascii_formatd (y, sizeof y, "%.2f", -font * 1.2);
  g_string_append_printf (content, " Tj /F2 %s Tf 0 %s Td ", h, y);
  append_winansi (content, name);
  g_string_append_printf (content, " Tj /F1 %s Tf 0 %s Td ", h, y);
  append_winansi (content, date);
  g_string_append (content, " Tj ET\n");

  g_ascii_formatd (w, sizeof w, "%.2f", width);
  g_ascii_formatd (h, sizeof h, "%.2f", height);
  return g_strdup_printf ("<</Type /XObject /Subtype /Form /BBox [0 0 %s %s]\n"
                          "/Resources <</Font <</F1 <</Type /Font /Subtype /Type1 "
                          "/BaseFont /Helvetica /Encoding /WinAnsiEncoding>>\n"
                          "/F2 <</Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
                          "/Encoding /WinAnsiEncoding>>>>>>\n"
                          "/Length %u>>\nstream\n%sendstream",
                          w, h, (guint) content->len, content->str);
}

GBytes *
loket_pdf_sign (GBytes                    *pdf,
                LoketSigner               *signer,
                const LoketPdfSignOptions *options,
                GCancellable              *cancellable,
                GError                   **error)
{
  static const LoketPdfSignOptions defaults = { 0 };
  g_autoptr (LoketPdfDocument) doc = NULL;
  g_autoptr (LoketPdfUpdate) update = NULL;
  g_autoptr (LoketPdfValue) catalog = NULL;
  g_autoptr (LoketPdfValue) page = NULL;
  g_autoptr (LoketPdfValue) acroform = NULL;
  g_autoptr (LoketPdfValue) fields = NULL;
  g_autoptr (LoketPdfValue) annots = NULL;
  g_autoptr (LoketPdfValue) widget = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GByteArray) out = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GBytes) cms = NULL;
  g_autoptr (GString) sig = g_string_new (NULL);
  g_autofree char     *name = NULL;
  g_autofree char     *name_text = NULL;
  g_autofree char     *m = NULL;
  g_autofree char     *date = NULL;
  g_autofree char     *ap = NULL;
  g_autofree char     *text = NULL;
  g_autofree char     *field_name = NULL;
  const LoketPdfValue *root;
  const LoketPdfValue *value;
  double               media_box[4] = { 0, 0, 612, 792 };
  double               rect[4];
  guint                index;
  guint                page_num = 0;
  guint                visits = 0;
  guint                acroform_num;
  guint                sig_num, widget_num, ap_num;
  gsize                contents_size, sig_offset, a, b, c;
  guint8              *hit;
  gsize                hit_at;
  const guint8        *der;
  gsize                der_len;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (LOKET_IS_SIGNER (signer), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  contents_size = options->contents_size > 0 ? options->contents_size : DEFAULT_CONTENTS_SIZE;
  now = options->signing_time != NULL ? g_date_time_ref (options->signing_time)
                                      : g_date_time_new_now_local ();
  name = options->signer_name != NULL ? g_strdup (options->signer_name)
                                      : loket_signer_dup_signer_name (signer);

  doc = loket_pdf_document_new (pdf, error);
  if (doc == NULL)
    return NULL;
  root = loket_pdf_dict_get (loket_pdf_document_get_trailer (doc), "Root");
  if (root == NULL || root->kind != LOKET_PDF_REF)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("The PDF is damaged: it has no document catalog"));
      return NULL;
    }
  catalog = loket_pdf_document_get_object (doc, root->num, error);
  if (catalog == NULL)
    return NULL;
  if (catalog->kind != LOKET_PDF_DICT)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("The PDF is damaged: it has no document catalog"));
      return NULL;
    }

  index = options->page;
  if (!find_page (doc, loket_pdf_dict_get (catalog, "Pages"), &index, 0, &visits, media_box,
                  &page_num, error))
    return NULL;
  if (page_num == 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("The PDF has no page %u for the signature"), options->page + 1);
      return NULL;
    }
  page = loket_pdf_document_get_object (doc, page_num, error);
  if (page == NULL)
    return NULL;

  update = loket_pdf_update_new (doc);
  sig_num = loket_pdf_update_new_object (update);
  widget_num = loket_pdf_update_new_object (update);
  ap_num = loket_pdf_update_new_object (update);

  /* The AcroForm: keep an existing one (and its fields), or make one. */
  value = loket_pdf_dict_get (catalog, "AcroForm");
  if (value != NULL && value->kind == LOKET_PDF_REF)
    acroform_num = value->num;
  else
    acroform_num = loket_pdf_update_new_object (update);
  if (value != NULL)
    {
      acroform = loket_pdf_document_resolve (doc, value, error);
      if (acroform == NULL)
        return NULL;
    }
  if (acroform == NULL || acroform->kind != LOKET_PDF_DICT)
    {
      g_clear_pointer (&acroform, loket_pdf_value_free);
      acroform = loket_pdf_value_new_raw (LOKET_PDF_DICT, NULL);
    }
  value = loket_pdf_dict_get (acroform, "Fields");
  fields
    = value != NULL ? loket_pdf_document_resolve (doc, value, error) : loket_pdf_value_new_array ();
  if (fields == NULL)
    return NULL;
  if (fields->kind != LOKET_PDF_ARRAY)
    {
      g_clear_pointer (&fields, loket_pdf_value_free);
      fields = loket_pdf_value_new_array ();
    }
  field_name = g_strdup_printf ("(Tanda Tangan %u)", fields->items->len + 1);
  g_ptr_array_add (fields->items, loket_pdf_value_new_ref (widget_num, 0));
  loket_pdf_dict_set (acroform, "Fields", g_steal_pointer (&fields));
  loket_pdf_dict_set (acroform, "SigFlags", loket_pdf_value_new_raw (LOKET_PDF_NUMBER, "3"));
  set_object (update, acroform_num, acroform);
  if (acroform_num != root->num)
    {
      loket_pdf_dict_set (catalog, "AcroForm", loket_pdf_value_new_ref (acroform_num, 0));
      set_object (update, root->num, catalog);
    }

  /* The widget on the page. */
  value = loket_pdf_dict_get (page, "Annots");
  annots
    = value != NULL ? loket_pdf_document_resolve (doc, value, error) : loket_pdf_value_new_array ();
  if (annots == NULL)
    return NULL;
  if (annots->kind != LOKET_PDF_ARRAY)
    {
      g_clear_pointer (&annots, loket_pdf_value_free);
      annots = loket_pdf_value_new_array ();
    }
  g_ptr_array_add (annots->items, loket_pdf_value_new_ref (widget_num, 0));
  loket_pdf_dict_set (page, "Annots", g_steal_pointer (&annots));
  set_object (update, page_num, page);

  if (options->rect[0] == 0 && options->rect[1] == 0 && options->rect[2] == 0
      && options->rect[3] == 0)
    {
      rect[0] = media_box[0] + 36;
      rect[1] = media_box[1] + 14;
      rect[2] = rect[0] + 230;
      rect[3] = rect[1] + 34;
    }
  else
    memcpy (rect, options->rect, sizeof rect);
  {
    char r[4][G_ASCII_DTOSTR_BUF_SIZE];

    for (guint i = 0; i < 4; i++)
      g_ascii_formatd (r[i], sizeof r[i], "%.2f", rect[i]);
    text
      = g_strdup_printf ("<</Type /Annot /Subtype /Widget /FT /Sig /F 4 /T %s /Rect [%s %s %s %s] "
                         "/V %u 0 R /P %u 0 R /AP <</N %u 0 R>>>>",
                         field_name, r[0], r[1], r[2], r[3], sig_num, page_num, ap_num);
  }
  widget = parse_text (text);
  set_object (update, widget_num, widget);

  date = appearance_date (now);
  ap = appearance_stream (ABS (rect[2] - rect[0]), ABS (rect[3] - rect[1]), name, date);
  loket_pdf_update_set_object (update, ap_num, ap, strlen (ap));

  /* The signature value: /ByteRange and /Contents first, so no text can precede them. */
  m = loket_pdf_format_date (now);
  name_text = loket_pdf_text_string (name);
  g_string_append (sig, "<</ByteRange " BYTERANGE_PLACEHOLDER "\n/Contents <");
  for (gsize i = 0; i < contents_size * 2; i++)
    g_string_append_c (sig, '0');
  g_string_append_printf (sig,
                          ">\n/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n"
                          "/M (%s) /Name %s",
                          m, name_text);
  if (options->reason != NULL)
    {
      g_autofree char *s = loket_pdf_text_string (options->reason);
      g_string_append_printf (sig, " /Reason %s", s);
    }
  if (options->location != NULL)
    {
      g_autofree char *s = loket_pdf_text_string (options->location);
      g_string_append_printf (sig, " /Location %s", s);
    }
  g_string_append (sig, ">>");
  loket_pdf_update_set_object (update, sig_num, sig->str, sig->len);

  out = loket_pdf_update_write (update);
  sig_offset = loket_pdf_update_get_offset (update, sig_num);
  hit_at = find_bytes (out, sig_offset, "/Contents <");
  g_assert (hit_at != 0);
  a = hit_at + 10;
  b = a + 2 + contents_size * 2;
  c = out->len - b;
  hit_at = find_bytes (out, sig_offset, BYTERANGE_PLACEHOLDER);
  g_assert (hit_at != 0);
  hit = out->data + hit_at;
  {
    g_autofree char *range = g_strdup_printf (
      "[0 %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT "]", a, b, c);
    gsize n = strlen (range);

    g_assert (n <= strlen (BYTERANGE_PLACEHOLDER));
    memset (hit, ' ', strlen (BYTERANGE_PLACEHOLDER));
    memcpy (hit, range, n);
  }

  {
    GByteArray *signed_bytes = g_byte_array_sized_new ((guint) (a + c));

    g_byte_array_append (signed_bytes, out->data, (guint) a);
    g_byte_array_append (signed_bytes, out->data + b, (guint) c);
    content = g_byte_array_free_to_bytes (signed_bytes);
  }
  cms = loket_signer_sign_cms (signer, content, cancellable, error);
  if (cms == NULL)
    return NULL;
  der = g_bytes_get_data (cms, &der_len);
  if (der_len > contents_size)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED,
                   _("The signature (%lu bytes) does not fit in the space reserved for it (%lu bytes)"),
                   (unsigned long) der_len, (unsigned long) contents_size);
      return NULL;
    }
  for (gsize i = 0; i < der_len; i++)
    {
      static const char hex[] = "0123456789ABCDEF";
      out->data[a + 1 + 2 * i] = (guint8) hex[der[i] >> 4];
      out->data[a + 2 + 2 * i] = (guint8) hex[der[i] & 0xf];
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
loket_pdf_sign_file (const char                *in_path,
                     const char                *out_path,
                     LoketSigner               *signer,
                     const LoketPdfSignOptions *options,
                     GCancellable              *cancellable,
                     GError                   **error)
{
  g_autoptr (GBytes) input = NULL;
  g_autoptr (GBytes) output = NULL;
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize       len;
  const char *data;

  g_return_val_if_fail (in_path != NULL && out_path != NULL, FALSE);

  mapped = g_mapped_file_new (in_path, FALSE, error);
  if (mapped == NULL)
    return FALSE;
  input = g_mapped_file_get_bytes (mapped);
  output = loket_pdf_sign (input, signer, options, cancellable, error);
  if (output == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  data = g_bytes_get_data (output, &len);
  /* Temporary file + rename: a failure leaves neither a partial nor an empty output. */
  if (!g_file_set_contents_full (out_path, data, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 &local_error))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _("Cannot write the signed PDF “%s”: %s"),
                   out_path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char               *in_path;
  char               *out_path;
  LoketSigner        *signer;
  LoketPdfSignOptions options;
  char               *signer_name;
  char               *reason;
  char               *location;
} SignData;

static void
sign_data_free (SignData *data)
{
  g_free (data->in_path);
  g_free (data->out_path);
  g_clear_object (&data->signer);
  g_clear_pointer (&data->options.signing_time, g_date_time_unref);
  g_free (data->signer_name);
  g_free (data->reason);
  g_free (data->location);
  g_free (data);
}

static void
sign_file_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SignData *data = task_data;
  GError   *error = NULL;

  if (loket_pdf_sign_file (data->in_path, data->out_path, data->signer, &data->options, cancellable,
                           &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
loket_pdf_sign_file_async (const char                *in_path,
                           const char                *out_path,
                           LoketSigner               *signer,
                           const LoketPdfSignOptions *options,
                           GCancellable              *cancellable,
                           GAsyncReadyCallback        callback,
                           gpointer                   user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SignData *data = g_new0 (SignData, 1);

  g_task_set_source_tag (task, loket_pdf_sign_file_async);
  data->in_path = g_strdup (in_path);
  data->out_path = g_strdup (out_path);
  data->signer = g_object_ref (signer);
  if (options != NULL)
    {
      data->options = *options;
      data->options.signer_name = data->signer_name = g_strdup (options->signer_name);
      data->options.reason = data->reason = g_strdup (options->reason);
      data->options.location = data->location = g_strdup (options->location);
      if (options->signing_time != NULL)
        data->options.signing_time = g_date_time_ref (options->signing_time);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) sign_data_free);
  g_task_run_in_thread (task, sign_file_thread);
}

gboolean
loket_pdf_sign_file_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
