// SPDX-License-Identifier: GPL-3.0-or-later
// Letter templates as data: JSON with {field} placeholders, filled into a LoketLetter.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-letter-template.h"

#define TEMPLATE_RESOURCE_DIR "/io/github/loketapp/Loket/letters/"

struct _LoketLetterTemplate
{
  GObject parent_instance;

  char             *name; /* for messages: the file or resource name */
  char             *kind;
  char             *title;
  LoketLetterLayout layout;
  JsonObject       *root;
};

G_DEFINE_FINAL_TYPE (LoketLetterTemplate, loket_letter_template, G_TYPE_OBJECT)

/* Every template gets this letterhead unless it has its own "kop". */
static const char *const default_kop[]
  = { "{government}", "{agency_kop_name}", "{agency_address}", "{agency_contact?}", NULL };

static const struct
{
  const char     *key;
  LoketLetterText part;
} text_keys[] = {
  { "number", LOKET_LETTER_NUMBER },         { "sifat", LOKET_LETTER_SIFAT },
  { "lampiran", LOKET_LETTER_LAMPIRAN },     { "hal", LOKET_LETTER_HAL },
  { "place", LOKET_LETTER_PLACE },           { "date", LOKET_LETTER_DATE },
  { "subject", LOKET_LETTER_SUBJECT },       { "issuer", LOKET_LETTER_ISSUER },
  { "menetapkan", LOKET_LETTER_MENETAPKAN }, { "from", LOKET_LETTER_FROM },
  { "footer", LOKET_LETTER_FOOTER },
};

static const struct
{
  const char     *key;
  LoketLetterList list;
} list_keys[] = {
  { "kop", LOKET_LETTER_KOP },
  { "title", LOKET_LETTER_TITLE },
  { "addressee", LOKET_LETTER_ADDRESSEE },
  { "menimbang", LOKET_LETTER_MENIMBANG },
  { "mengingat", LOKET_LETTER_MENGINGAT },
  { "diktum", LOKET_LETTER_DIKTUM },
  { "tembusan", LOKET_LETTER_TEMBUSAN },
};

static const char *const top_members[]
  = { "kind", "name", "layout", "body", "signature", "comment", NULL };

static void
loket_letter_template_finalize (GObject *object)
{
  LoketLetterTemplate *self = LOKET_LETTER_TEMPLATE (object);

  g_free (self->name);
  g_free (self->kind);
  g_free (self->title);
  g_clear_pointer (&self->root, json_object_unref);
  G_OBJECT_CLASS (loket_letter_template_parent_class)->finalize (object);
}

static void
loket_letter_template_class_init (LoketLetterTemplateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_letter_template_finalize;
}

static void
loket_letter_template_init (LoketLetterTemplate *self)
{
}

static gboolean
invalid (GError **error, const char *name, const char *what)
{
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("Letter template “%s”: %s"), name,
               what);
  return FALSE;
}

static gboolean
known_member (const char *member)
{
  if (g_strv_contains (top_members, member))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (text_keys); i++)
    if (g_str_equal (member, text_keys[i].key))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (list_keys); i++)
    if (g_str_equal (member, list_keys[i].key))
      return TRUE;
  return FALSE;
}

LoketLetterTemplate *
loket_letter_template_new_from_data (const char *name,
                                     const char *json,
                                     gssize      length,
                                     GError    **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (LoketLetterTemplate) self = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GList) members = NULL;
  JsonNode   *root;
  JsonObject *object;
  const char *layout;

  g_return_val_if_fail (name != NULL && json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_autofree char *what = g_strdup_printf (_ ("not valid JSON: %s"), local_error->message);
      invalid (error, name, what);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, name, _ ("the top level must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!known_member (l->data))
      {
        g_autofree char *what = g_strdup_printf (_ ("unknown member “%s”"), (char *) l->data);
        invalid (error, name, what);
        return NULL;
      }

  self = g_object_new (LOKET_TYPE_LETTER_TEMPLATE, NULL);
  self->name = g_strdup (name);
  self->kind = g_strdup (json_object_get_string_member_with_default (object, "kind", NULL));
  self->title = g_strdup (json_object_get_string_member_with_default (object, "name", NULL));
  layout = json_object_get_string_member_with_default (object, "layout", NULL);
  if (self->kind == NULL || self->title == NULL)
    {
      invalid (error, name, _ ("“kind” and “name” are required"));
      return NULL;
    }
  if (!loket_letter_layout_from_string (layout, &self->layout))
    {
      invalid (error, name, _ ("“layout” must be korespondensi, judul, keputusan or nota_dinas"));
      return NULL;
    }
  if (json_object_has_member (object, "body")
      && !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "body")))
    {
      invalid (error, name, _ ("“body” must be an array"));
      return NULL;
    }
  self->root = json_object_ref (object);
  return g_steal_pointer (&self);
}

LoketLetterTemplate *
loket_letter_template_new_for_kind (const char *kind, GError **error)
{
  const char      *dir = g_getenv ("LOKET_LETTERS_DIR");
  g_autofree char *file_name = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize       size;
  const char *data;

  g_return_val_if_fail (kind != NULL, NULL);

  for (const char *p = kind; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && *p != '_')
      {
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("Unknown letter kind “%s”"),
                     kind);
        return NULL;
      }

  file_name = g_strconcat (kind, ".json", NULL);
  if (dir != NULL && *dir != '\0')
    {
      g_autofree char *path = g_build_filename (dir, file_name, NULL);
      g_autofree char *contents = NULL;
      gsize            len;

      if (!g_file_get_contents (path, &contents, &len, error))
        return NULL;
      return loket_letter_template_new_from_data (path, contents, (gssize) len, error);
    }

  {
    g_autofree char *resource = g_strconcat (TEMPLATE_RESOURCE_DIR, file_name, NULL);

    bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  }
  if (bytes == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                   _ ("There is no letter template for “%s”"), kind);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  return loket_letter_template_new_from_data (file_name, data, (gssize) size, error);
}

static int
compare_strings (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

GStrv
loket_letter_template_list_kinds (void)
{
  g_auto (GStrv) names
    = g_resources_enumerate_children (TEMPLATE_RESOURCE_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  GStrv kinds;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".json"))
      {
        g_autofree char *kind = g_strndup (names[i], strlen (names[i]) - 5);
        g_strv_builder_add (builder, kind);
      }
  kinds = g_strv_builder_end (builder);
  qsort (kinds, g_strv_length (kinds), sizeof (char *), compare_strings);
  return kinds;
}

const char *
loket_letter_template_get_kind (LoketLetterTemplate *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER_TEMPLATE (self), NULL);
  return self->kind;
}

const char *
loket_letter_template_get_title (LoketLetterTemplate *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER_TEMPLATE (self), NULL);
  return self->title;
}

LoketLetterLayout
loket_letter_template_get_layout (LoketLetterTemplate *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER_TEMPLATE (self), LOKET_LETTER_LAYOUT_KORESPONDENSI);
  return self->layout;
}

/* Filling */

typedef struct
{
  LoketLetterTemplate *tmpl;
  LoketLetterFields   *fields;
} Fill;

/* Expands {field} and {field?} (empty when missing); "{{"/"}}" are literal braces. */
static char *
expand (Fill *fill, const char *text, GError **error)
{
  g_autoptr (GString) out = g_string_sized_new (strlen (text) + 32);
  const char *p = text;

  while (*p != '\0')
    {
      const char *close;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          g_string_append_c (out, p[0]);
          p += 2;
          continue;
        }
      if (*p != '{')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      close = strchr (p, '}');
      if (close == NULL)
        {
          g_autofree char *what = g_strdup_printf (_ ("unclosed “{” in “%s”"), text);
          invalid (error, fill->tmpl->name, what);
          return NULL;
        }
      {
        g_autofree char *name = g_strndup (p + 1, close - p - 1);
        char            *filter = strchr (name, '|');
        gboolean         optional;
        const char      *value;

        /* {field|upper}: the value in capitals (titles of an SK) */
        if (filter != NULL)
          *filter++ = '\0';
        optional = g_str_has_suffix (name, "?");
        if (optional)
          name[strlen (name) - 1] = '\0';
        value = loket_letter_fields_get (fill->fields, name);
        if (value == NULL && !optional)
          {
            g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                         _ ("Letter template “%s” refers to the missing field “%s”"),
                         fill->tmpl->name, name);
            return NULL;
          }
        if (value != NULL && g_strcmp0 (filter, "upper") == 0)
          {
            g_autofree char *capitals = g_utf8_strup (value, -1);
            g_string_append (out, capitals);
          }
        else if (value != NULL)
          g_string_append (out, value);
      }
      p = close + 1;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
field_present (Fill *fill, const char *name)
{
  const char *value = loket_letter_fields_get (fill->fields, name);
  GPtrArray  *table = loket_letter_fields_get_table (fill->fields, name);

  return (value != NULL && *value != '\0') || (table != NULL && table->len > 0);
}

/* Whether an object with "if"/"unless" is to be included. */
static gboolean
included (Fill *fill, JsonObject *object)
{
  const char *when = json_object_get_string_member_with_default (object, "if", NULL);
  const char *unless = json_object_get_string_member_with_default (object, "unless", NULL);

  if (when != NULL && !field_present (fill, when))
    return FALSE;
  if (unless != NULL && field_present (fill, unless))
    return FALSE;
  return TRUE;
}

/* A list item is a string or {"text": …, "if": …}; NULL text with no error means "left out". */
static gboolean
expand_item (Fill *fill, JsonNode *node, char **text, GError **error)
{
  *text = NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *text = expand (fill, json_node_get_string (node), error);
      return *text != NULL;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *value = json_object_get_string_member_with_default (object, "text", NULL);

      if (value == NULL)
        return invalid (error, fill->tmpl->name, _ ("an item object needs a “text”"));
      if (!included (fill, object))
        return TRUE;
      *text = expand (fill, value, error);
      return *text != NULL;
    }
  return invalid (error, fill->tmpl->name, _ ("an item must be a string or an object"));
}

static gboolean
fill_items (Fill *fill, JsonArray *array, GPtrArray *out, GError **error)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      char *text;

      if (!expand_item (fill, json_array_get_element (array, i), &text, error))
        return FALSE;
      if (text != NULL)
        g_ptr_array_add (out, text);
    }
  return TRUE;
}

static JsonArray *
array_member (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
fill_rows (Fill *fill, JsonObject *object, LoketLetterBlock *block, GError **error)
{
  const char *from = json_object_get_string_member_with_default (object, "rows_from", NULL);
  JsonArray  *rows = array_member (object, "rows");

  if (from != NULL)
    {
      GPtrArray *table = loket_letter_fields_get_table (fill->fields, from);

      if (table == NULL)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _ ("Letter template “%s” refers to the missing field “%s”"),
                       fill->tmpl->name, from);
          return FALSE;
        }
      for (guint i = 0; i < table->len; i++)
        loket_letter_block_add_row (block, g_ptr_array_index (table, i));
    }
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonNode  *node = json_array_get_element (rows, i);
      JsonArray *cells;
      g_autoptr (GPtrArray) expanded = g_ptr_array_new_with_free_func (g_free);

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          if (!included (fill, json_node_get_object (node)))
            continue;
          cells = array_member (json_node_get_object (node), "cells");
        }
      else
        cells = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      if (cells == NULL)
        return invalid (error, fill->tmpl->name, _ ("a row must be an array of cells"));
      if (!fill_items (fill, cells, expanded, error))
        return FALSE;
      g_ptr_array_add (expanded, NULL);
      loket_letter_block_add_row (block, (const char *const *) expanded->pdata);
    }
  return TRUE;
}

static gboolean
fill_block (Fill *fill, LoketLetter *letter, JsonNode *node, GError **error)
{
  JsonObject *object;
  const char *type;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, fill->tmpl->name, _ ("a body block must be an object"));
  object = json_node_get_object (node);
  if (!included (fill, object))
    return TRUE;
  type = json_object_get_string_member_with_default (object, "type", "");

  if (g_str_equal (type, "paragraph") || g_str_equal (type, "heading"))
    {
      const char      *text = json_object_get_string_member_with_default (object, "text", NULL);
      g_autofree char *value = NULL;

      if (text == NULL)
        return invalid (error, fill->tmpl->name, _ ("a paragraph needs a “text”"));
      value = expand (fill, text, error);
      if (value == NULL)
        return FALSE;
      if (g_str_equal (type, "paragraph"))
        loket_letter_add_paragraph (letter, value);
      else
        loket_letter_add_heading (letter, value);
      return TRUE;
    }
  if (g_str_equal (type, "list"))
    {
      const char *style = json_object_get_string_member_with_default (object, "style", "numbers");
      const char *from = json_object_get_string_member_with_default (object, "items_from", NULL);
      LoketLetterBlock *block;
      g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

      block = loket_letter_add_list (letter, g_str_equal (style, "letters")   ? LOKET_LIST_LETTERS
                                             : g_str_equal (style, "bullets") ? LOKET_LIST_BULLETS
                                                                              : LOKET_LIST_NUMBERS);
      if (from != NULL)
        {
          GPtrArray *table = loket_letter_fields_get_table (fill->fields, from);
          guint      column = (guint) json_object_get_int_member_with_default (object, "column", 0);

          if (table == NULL)
            {
              g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("Letter template “%s” refers to the missing field “%s”"),
                           fill->tmpl->name, from);
              return FALSE;
            }
          for (guint i = 0; i < table->len; i++)
            {
              char **row = g_ptr_array_index (table, i);

              if (column < g_strv_length (row))
                loket_letter_block_add_item (block, row[column]);
            }
        }
      if (!fill_items (fill, array_member (object, "items"), items, error))
        return FALSE;
      for (guint i = 0; i < items->len; i++)
        loket_letter_block_add_item (block, g_ptr_array_index (items, i));
      return TRUE;
    }
  if (g_str_equal (type, "table") || g_str_equal (type, "fields"))
    {
      JsonArray *columns = array_member (object, "columns");
      JsonArray *widths = array_member (object, "widths");
      g_autoptr (GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GArray) w = g_array_new (FALSE, TRUE, sizeof (double));
      LoketLetterBlock *block;
      guint             n;

      if (g_str_equal (type, "fields"))
        {
          double label = json_object_get_double_member_with_default (object, "label_width", 0.3);
          block = loket_letter_add_fields (letter, label);
          return fill_rows (fill, object, block, error);
        }
      if (columns == NULL && widths == NULL)
        return invalid (error, fill->tmpl->name, _ ("a table needs “columns” or “widths”"));
      if (columns != NULL && !fill_items (fill, columns, headers, error))
        return FALSE;
      n = columns != NULL ? headers->len : json_array_get_length (widths);
      for (guint i = 0; i < n; i++)
        {
          double value = widths != NULL && i < json_array_get_length (widths)
                           ? json_array_get_double_element (widths, i)
                           : 1.0;
          g_array_append_val (w, value);
        }
      g_ptr_array_add (headers, NULL);
      if (n == 0)
        return invalid (error, fill->tmpl->name, _ ("a table needs at least one column"));
      block = loket_letter_add_table (letter, n,
                                      columns != NULL ? (const char *const *) headers->pdata : NULL,
                                      (const double *) w->data);
      return fill_rows (fill, object, block, error);
    }
  {
    g_autofree char *what = g_strdup_printf (_ ("unknown block type “%s”"), type);
    return invalid (error, fill->tmpl->name, what);
  }
}

/* "signature": true (the signer_* fields) or an object overriding some of them, e.g.
 * {"principal": "Petugas Penerima", "name": "{receiver_name?}"}. */
static gboolean
fill_signature (Fill *fill, LoketLetter *letter, JsonObject *override, GError **error)
{
  static const char *const keys[]
    = { "{signer_principal}", "{signer_acting?}", "{signer_name}",
        "{signer_rank?}",     "{signer_nip?}",    "{signer_delegation?}" };
  static const char *const members[]
    = { "principal", "acting", "name", "rank", "nip", "delegation" };
  char                *values[G_N_ELEMENTS (keys)] = { NULL };
  LoketLetterSignature signature = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *source = keys[i];

      if (override != NULL && json_object_has_member (override, members[i]))
        source = json_object_get_string_member_with_default (override, members[i], "");
      values[i] = expand (fill, source, error);
      if (values[i] == NULL)
        {
          for (guint j = 0; j < i; j++)
            g_free (values[j]);
          return FALSE;
        }
    }
  if (!loket_delegation_from_string (values[5], &signature.delegation))
    {
      g_autofree char *what = g_strdup_printf (_ ("unknown delegation “%s”"), values[5]);

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        g_free (values[i]);
      return invalid (error, fill->tmpl->name, what);
    }
  if (*values[2] == '\0')
    {
      g_free (values[2]);
      values[2] = g_strdup ("(……………………………………)");
    }
  signature.principal = values[0];
  signature.acting = *values[1] != '\0' ? values[1] : NULL;
  signature.name = values[2];
  signature.rank = *values[3] != '\0' ? values[3] : NULL;
  signature.nip = *values[4] != '\0' ? values[4] : NULL;
  loket_letter_set_signature (letter, &signature);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_free (values[i]);
  return TRUE;
}

LoketLetter *
loket_letter_template_fill (LoketLetterTemplate *self, LoketLetterFields *fields, GError **error)
{
  g_autoptr (LoketLetter) letter = NULL;
  Fill       fill = { self, fields };
  JsonArray *body;

  g_return_val_if_fail (LOKET_IS_LETTER_TEMPLATE (self), NULL);
  g_return_val_if_fail (LOKET_IS_LETTER_FIELDS (fields), NULL);

  letter = loket_letter_new (self->kind, self->layout);

  for (guint i = 0; i < G_N_ELEMENTS (text_keys); i++)
    {
      const char *text
        = json_object_get_string_member_with_default (self->root, text_keys[i].key, NULL);
      g_autofree char *value = NULL;

      if (text == NULL)
        continue;
      value = expand (&fill, text, error);
      if (value == NULL)
        return NULL;
      loket_letter_set_text (letter, text_keys[i].part, value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (list_keys); i++)
    {
      g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      JsonArray *array = array_member (self->root, list_keys[i].key);

      if (array == NULL && list_keys[i].list == LOKET_LETTER_KOP)
        {
          for (guint j = 0; default_kop[j] != NULL; j++)
            {
              char *line = expand (&fill, default_kop[j], error);

              if (line == NULL)
                return NULL;
              if (*line != '\0')
                g_ptr_array_add (lines, line);
              else
                g_free (line);
            }
        }
      else if (!fill_items (&fill, array, lines, error))
        return NULL;
      for (guint j = 0; j < lines->len; j++)
        loket_letter_add_line (letter, list_keys[i].list, g_ptr_array_index (lines, j));
    }

  body = array_member (self->root, "body");
  for (guint i = 0; body != NULL && i < json_array_get_length (body); i++)
    if (!fill_block (&fill, letter, json_array_get_element (body, i), error))
      return NULL;

  {
    JsonNode   *signature = json_object_get_member (self->root, "signature");
    JsonObject *override = signature != NULL && JSON_NODE_HOLDS_OBJECT (signature)
                             ? json_node_get_object (signature)
                             : NULL;
    gboolean    wanted = signature == NULL || override != NULL
                      || (JSON_NODE_HOLDS_VALUE (signature) && json_node_get_boolean (signature));

    if (wanted && !fill_signature (&fill, letter, override, error))
      return NULL;
  }

  return g_steal_pointer (&letter);
}
