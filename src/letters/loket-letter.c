// SPDX-License-Identifier: GPL-3.0-or-later
// The letter model: texts, line lists, body blocks and the signature block of one naskah dinas.
#include "config.h"

#include <string.h>

#include "loket-letter.h"

struct _LoketLetter
{
  GObject parent_instance;

  char                *kind;
  char                *id;
  LoketLetterLayout    layout;
  char                *texts[LOKET_LETTER_N_TEXTS];
  GPtrArray           *lists[LOKET_LETTER_N_LISTS];
  GPtrArray           *blocks; /* LoketLetterBlock */
  LoketLetterSignature signature;
  gboolean             has_signature;
  GBytes              *logo;
};

G_DEFINE_FINAL_TYPE (LoketLetter, loket_letter, G_TYPE_OBJECT)

static void
block_free (gpointer data)
{
  LoketLetterBlock *block = data;

  g_free (block->text);
  g_clear_pointer (&block->items, g_ptr_array_unref);
  g_strfreev (block->columns);
  g_clear_pointer (&block->widths, g_array_unref);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

static void
signature_clear (LoketLetterSignature *signature)
{
  g_clear_pointer (&signature->principal, g_free);
  g_clear_pointer (&signature->acting, g_free);
  g_clear_pointer (&signature->name, g_free);
  g_clear_pointer (&signature->rank, g_free);
  g_clear_pointer (&signature->nip, g_free);
}

static void
loket_letter_finalize (GObject *object)
{
  LoketLetter *self = LOKET_LETTER (object);

  g_free (self->kind);
  g_free (self->id);
  for (guint i = 0; i < LOKET_LETTER_N_TEXTS; i++)
    g_free (self->texts[i]);
  for (guint i = 0; i < LOKET_LETTER_N_LISTS; i++)
    g_ptr_array_unref (self->lists[i]);
  g_ptr_array_unref (self->blocks);
  signature_clear (&self->signature);
  g_clear_pointer (&self->logo, g_bytes_unref);

  G_OBJECT_CLASS (loket_letter_parent_class)->finalize (object);
}

static void
loket_letter_class_init (LoketLetterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_letter_finalize;
}

static void
loket_letter_init (LoketLetter *self)
{
  for (guint i = 0; i < LOKET_LETTER_N_LISTS; i++)
    self->lists[i] = g_ptr_array_new_with_free_func (g_free);
  self->blocks = g_ptr_array_new_with_free_func (block_free);
}

LoketLetter *
loket_letter_new (const char *kind, LoketLetterLayout layout)
{
  LoketLetter *self;

  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (LOKET_TYPE_LETTER, NULL);
  self->kind = g_strdup (kind);
  self->layout = layout;
  return self;
}

const char *
loket_letter_get_kind (LoketLetter *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER (self), NULL);
  return self->kind;
}

LoketLetterLayout
loket_letter_get_layout (LoketLetter *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER (self), LOKET_LETTER_LAYOUT_KORESPONDENSI);
  return self->layout;
}

const char *
loket_letter_get_id (LoketLetter *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER (self), NULL);
  return self->id;
}

void
loket_letter_set_id (LoketLetter *self, const char *id)
{
  g_return_if_fail (LOKET_IS_LETTER (self));
  g_free (self->id);
  self->id = g_strdup (id);
}

const char *
loket_letter_get_text (LoketLetter *self, LoketLetterText part)
{
  g_return_val_if_fail (LOKET_IS_LETTER (self), NULL);
  g_return_val_if_fail (part < LOKET_LETTER_N_TEXTS, NULL);
  return self->texts[part];
}

void
loket_letter_set_text (LoketLetter *self, LoketLetterText part, const char *value)
{
  g_return_if_fail (LOKET_IS_LETTER (self));
  g_return_if_fail (part < LOKET_LETTER_N_TEXTS);
  g_free (self->texts[part]);
  self->texts[part] = g_strdup (value);
}

GPtrArray *
loket_letter_get_list (LoketLetter *self, LoketLetterList list)
{
  g_return_val_if_fail (LOKET_IS_LETTER (self), NULL);
  g_return_val_if_fail (list < LOKET_LETTER_N_LISTS, NULL);
  return self->lists[list];
}

void
loket_letter_add_line (LoketLetter *self, LoketLetterList list, const char *line)
{
  g_return_if_fail (LOKET_IS_LETTER (self));
  g_return_if_fail (list < LOKET_LETTER_N_LISTS);
  g_return_if_fail (line != NULL);
  g_ptr_array_add (self->lists[list], g_strdup (line));
}

GPtrArray *
loket_letter_get_blocks (LoketLetter *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER (self), NULL);
  return self->blocks;
}

static LoketLetterBlock *
add_block (LoketLetter *self, LoketLetterBlockType type)
{
  LoketLetterBlock *block = g_new0 (LoketLetterBlock, 1);

  block->type = type;
  g_ptr_array_add (self->blocks, block);
  return block;
}

void
loket_letter_add_paragraph (LoketLetter *self, const char *text)
{
  g_return_if_fail (LOKET_IS_LETTER (self));
  add_block (self, LOKET_LETTER_BLOCK_PARAGRAPH)->text = g_strdup (text);
}

void
loket_letter_add_heading (LoketLetter *self, const char *text)
{
  g_return_if_fail (LOKET_IS_LETTER (self));
  add_block (self, LOKET_LETTER_BLOCK_HEADING)->text = g_strdup (text);
}

LoketLetterBlock *
loket_letter_add_list (LoketLetter *self, LoketListStyle style)
{
  LoketLetterBlock *block;

  g_return_val_if_fail (LOKET_IS_LETTER (self), NULL);
  block = add_block (self, LOKET_LETTER_BLOCK_LIST);
  block->list_style = style;
  block->items = g_ptr_array_new_with_free_func (g_free);
  return block;
}

static LoketLetterBlock *
add_grid (LoketLetter *self, LoketLetterBlockType type, guint n_columns, const double *widths)
{
  LoketLetterBlock *block = add_block (self, type);
  double            total = 0;

  block->widths = g_array_sized_new (FALSE, FALSE, sizeof (double), n_columns);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < n_columns; i++)
    total += widths != NULL && widths[i] > 0 ? widths[i] : 1.0;
  for (guint i = 0; i < n_columns; i++)
    {
      double w = (widths != NULL && widths[i] > 0 ? widths[i] : 1.0) / total;
      g_array_append_val (block->widths, w);
    }
  return block;
}

LoketLetterBlock *
loket_letter_add_table (LoketLetter       *self,
                        guint              n_columns,
                        const char *const *columns,
                        const double      *widths)
{
  LoketLetterBlock *block;

  g_return_val_if_fail (LOKET_IS_LETTER (self), NULL);
  g_return_val_if_fail (n_columns > 0, NULL);
  block = add_grid (self, LOKET_LETTER_BLOCK_TABLE, n_columns, widths);
  if (columns != NULL)
    {
      block->columns = g_new0 (char *, n_columns + 1);
      for (guint i = 0; i < n_columns && columns[i] != NULL; i++)
        block->columns[i] = g_strdup (columns[i]);
      for (guint i = 0; i < n_columns; i++)
        if (block->columns[i] == NULL)
          block->columns[i] = g_strdup ("");
    }
  return block;
}

LoketLetterBlock *
loket_letter_add_fields (LoketLetter *self, double label_width)
{
  double widths[2];

  g_return_val_if_fail (LOKET_IS_LETTER (self), NULL);
  label_width = CLAMP (label_width, 0.05, 0.9);
  widths[0] = label_width;
  widths[1] = 1.0 - label_width;
  return add_grid (self, LOKET_LETTER_BLOCK_FIELDS, 2, widths);
}

void
loket_letter_block_add_item (LoketLetterBlock *block, const char *text)
{
  g_return_if_fail (block != NULL && block->type == LOKET_LETTER_BLOCK_LIST);
  g_ptr_array_add (block->items, g_strdup (text));
}

void
loket_letter_block_add_row (LoketLetterBlock *block, const char *const *cells)
{
  guint  n;
  char **row;

  g_return_if_fail (block != NULL && block->rows != NULL);
  n = block->widths->len;
  row = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const char *cell = cells != NULL ? cells[i] : NULL;

      row[i] = g_strdup (cell != NULL ? cell : "");
      if (cell == NULL)
        cells = NULL; /* past the end of a short row */
    }
  g_ptr_array_add (block->rows, row);
}

const LoketLetterSignature *
loket_letter_get_signature (LoketLetter *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER (self), NULL);
  return self->has_signature ? &self->signature : NULL;
}

void
loket_letter_set_signature (LoketLetter *self, const LoketLetterSignature *signature)
{
  g_return_if_fail (LOKET_IS_LETTER (self));

  signature_clear (&self->signature);
  self->has_signature = signature != NULL;
  if (signature == NULL)
    return;
  self->signature.delegation = signature->delegation;
  self->signature.principal = g_strdup (signature->principal);
  self->signature.acting = g_strdup (signature->acting);
  self->signature.name = g_strdup (signature->name);
  self->signature.rank = g_strdup (signature->rank);
  self->signature.nip = g_strdup (signature->nip);
}

gboolean
loket_letter_set_logo_png (LoketLetter *self, GBytes *png)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  g_return_val_if_fail (LOKET_IS_LETTER (self), FALSE);

  if (png != NULL
      && (g_bytes_get_size (png) < sizeof signature
          || memcmp (g_bytes_get_data (png, NULL), signature, sizeof signature) != 0))
    return FALSE;
  g_clear_pointer (&self->logo, g_bytes_unref);
  self->logo = png != NULL ? g_bytes_ref (png) : NULL;
  return TRUE;
}

GBytes *
loket_letter_get_logo_png (LoketLetter *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER (self), NULL);
  return self->logo;
}

static void
digest_add (GChecksum *sum, const char *tag, const char *text)
{
  g_autofree char *prefix = NULL;

  text = text != NULL ? text : "";
  prefix = g_strdup_printf ("%s:%zu:", tag, strlen (text));
  g_checksum_update (sum, (const guchar *) prefix, -1);
  g_checksum_update (sum, (const guchar *) text, -1);
}

char *
loket_letter_compute_digest (LoketLetter *self)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (LOKET_IS_LETTER (self), NULL);

  digest_add (sum, "kind", self->kind);
  digest_add (sum, "layout", loket_letter_layout_to_string (self->layout));
  for (guint i = 0; i < LOKET_LETTER_N_TEXTS; i++)
    digest_add (sum, "t", self->texts[i]);
  for (guint i = 0; i < LOKET_LETTER_N_LISTS; i++)
    {
      digest_add (sum, "l", NULL);
      for (guint j = 0; j < self->lists[i]->len; j++)
        digest_add (sum, "i", g_ptr_array_index (self->lists[i], j));
    }
  for (guint i = 0; i < self->blocks->len; i++)
    {
      LoketLetterBlock *block = g_ptr_array_index (self->blocks, i);
      g_autofree char  *type = g_strdup_printf ("%d/%d", block->type, block->list_style);

      digest_add (sum, "b", type);
      digest_add (sum, "x", block->text);
      for (guint j = 0; block->items != NULL && j < block->items->len; j++)
        digest_add (sum, "i", g_ptr_array_index (block->items, j));
      for (guint j = 0; block->columns != NULL && block->columns[j] != NULL; j++)
        digest_add (sum, "h", block->columns[j]);
      for (guint j = 0; block->rows != NULL && j < block->rows->len; j++)
        {
          char **row = g_ptr_array_index (block->rows, j);

          digest_add (sum, "r", NULL);
          for (guint k = 0; row[k] != NULL; k++)
            digest_add (sum, "c", row[k]);
        }
    }
  if (self->has_signature)
    {
      digest_add (sum, "s", loket_delegation_to_string (self->signature.delegation));
      digest_add (sum, "s", self->signature.principal);
      digest_add (sum, "s", self->signature.acting);
      digest_add (sum, "s", self->signature.name);
      digest_add (sum, "s", self->signature.rank);
      digest_add (sum, "s", self->signature.nip);
    }
  return g_strdup (g_checksum_get_string (sum));
}

char *
loket_letter_get_qr_payload (LoketLetter *self)
{
  g_autofree char *digest = NULL;

  g_return_val_if_fail (LOKET_IS_LETTER (self), NULL);
  digest = loket_letter_compute_digest (self);
  return g_strdup_printf ("LOKET1;%s;%s", self->id != NULL ? self->id : "", digest);
}

gboolean
loket_letter_parse_qr_payload (const char *payload, char **id, char **digest)
{
  g_auto (GStrv) parts = NULL;

  if (payload == NULL)
    return FALSE;
  parts = g_strsplit (payload, ";", -1);
  if (g_strv_length (parts) != 3 || !g_str_equal (parts[0], "LOKET1") || strlen (parts[2]) != 64)
    return FALSE;
  if (id != NULL)
    *id = g_strdup (parts[1]);
  if (digest != NULL)
    *digest = g_strdup (parts[2]);
  return TRUE;
}

char *
loket_letter_id_for_case (const char *case_uuid, const char *kind, guint version)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *input = NULL;
  guint8           bytes[32];
  gsize            len = sizeof bytes;

  g_return_val_if_fail (case_uuid != NULL && kind != NULL, NULL);

  input = g_strdup_printf ("loket-letter-v1:%s:%s:%u", case_uuid, kind, version);
  g_checksum_update (sum, (const guchar *) input, -1);
  g_checksum_get_digest (sum, bytes, &len);
  bytes[6] = (bytes[6] & 0x0f) | 0x80; /* version 8: custom (name-based, SHA-256) */
  bytes[8] = (bytes[8] & 0x3f) | 0x80; /* RFC 4122 variant */
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6],
                          bytes[7], bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13],
                          bytes[14], bytes[15]);
}

char *
loket_letter_name_without_titles (const char *name)
{
  static const char *const prefixes[]
    = { "prof.", "dr.", "drs.", "dra.", "ir.", "drg.", "apt.", "ns." };
  const char *start = name;
  const char *comma;
  gboolean    again = TRUE;

  g_return_val_if_fail (name != NULL, NULL);

  while (again)
    {
      again = FALSE;
      while (*start == ' ')
        start++;
      for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
        if (g_ascii_strncasecmp (start, prefixes[i], strlen (prefixes[i])) == 0
            && start[strlen (prefixes[i])] == ' ')
          {
            start += strlen (prefixes[i]);
            again = TRUE;
          }
    }
  comma = strchr (start, ',');
  return g_strstrip (comma != NULL ? g_strndup (start, comma - start) : g_strdup (start));
}

char *
loket_letter_ordinal_upper (guint n)
{
  static const char *const units[]
    = { "", "SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN" };
  static const char *const teens[]
    = { "SEPULUH",    "SEBELAS",    "DUA BELAS",   "TIGA BELAS",    "EMPAT BELAS",
        "LIMA BELAS", "ENAM BELAS", "TUJUH BELAS", "DELAPAN BELAS", "SEMBILAN BELAS" };

  g_return_val_if_fail (n >= 1 && n < 100, NULL);
  if (n == 1)
    return g_strdup ("KESATU");
  if (n < 10)
    return g_strconcat ("KE", units[n], NULL);
  if (n < 20)
    return g_strconcat ("KE", teens[n - 10], NULL);
  if (n % 10 == 0)
    return g_strdup_printf ("KE%s PULUH", units[n / 10]);
  return g_strdup_printf ("KE%s PULUH %s", units[n / 10], units[n % 10]);
}

static const char *const delegation_names[] = { "", "a.n.", "u.b.", "Plt.", "Plh.", "Pj." };
static const char *const delegation_keys[] = { "none", "an", "ub", "plt", "plh", "pj" };

const char *
loket_delegation_to_string (LoketDelegation delegation)
{
  g_return_val_if_fail (delegation <= LOKET_DELEGATION_PJ, "");
  return delegation_names[delegation];
}

gboolean
loket_delegation_from_string (const char *text, LoketDelegation *delegation)
{
  if (text == NULL || *text == '\0')
    {
      *delegation = LOKET_DELEGATION_NONE;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (delegation_names); i++)
    if (g_ascii_strcasecmp (text, delegation_names[i]) == 0
        || g_ascii_strcasecmp (text, delegation_keys[i]) == 0)
      {
        *delegation = (LoketDelegation) i;
        return TRUE;
      }
  return FALSE;
}

static const char *const layout_names[] = { "korespondensi", "judul", "keputusan", "nota_dinas" };

const char *
loket_letter_layout_to_string (LoketLetterLayout layout)
{
  g_return_val_if_fail (layout <= LOKET_LETTER_LAYOUT_NOTA_DINAS, NULL);
  return layout_names[layout];
}

gboolean
loket_letter_layout_from_string (const char *text, LoketLetterLayout *layout)
{
  for (guint i = 0; i < G_N_ELEMENTS (layout_names); i++)
    if (g_strcmp0 (text, layout_names[i]) == 0)
      {
        *layout = (LoketLetterLayout) i;
        return TRUE;
      }
  return FALSE;
}
