// SPDX-License-Identifier: GPL-3.0-or-later
// A letter draft (konsep): kind, field values and body paragraphs, to and from JSON.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-letter-case-fields.h"
#include "loket-letter-draft.h"
#include "loket-letter-template.h"

#define FIELD_NAME_MAX 64
#define TEXT_MAX (64 * 1024)
#define PARAGRAPHS_MAX 200
#define TABLE_ROWS_MAX 1000
#define TABLE_CELLS_MAX 16
#define DATA_MAX (4 * 1024 * 1024)

struct _LoketLetterDraft
{
  GObject parent_instance;

  char              *kind;
  LoketPaperSize     paper;
  LoketLetterFields *fields;
  GPtrArray         *paragraphs; /* utf8 */
  char              *signer_person;
  char              *signer_delegation;
  JsonObject        *extra; /* members this version does not know, kept as they were */
};

G_DEFINE_FINAL_TYPE (LoketLetterDraft, loket_letter_draft, G_TYPE_OBJECT)

/* Letter texts a draft may override through fields of the same name. */
static const struct
{
  const char     *field;
  LoketLetterText part;
} text_fields[] = {
  { "sifat", LOKET_LETTER_SIFAT },
  { "lampiran", LOKET_LETTER_LAMPIRAN },
  { "hal", LOKET_LETTER_HAL },
};

static const char *const known_members[]
  = { "kind", "paper", "fields", "tables", "paragraphs", "signer", NULL };

static void
loket_letter_draft_finalize (GObject *object)
{
  LoketLetterDraft *self = LOKET_LETTER_DRAFT (object);

  g_free (self->kind);
  g_clear_object (&self->fields);
  g_ptr_array_unref (self->paragraphs);
  g_free (self->signer_person);
  g_free (self->signer_delegation);
  g_clear_pointer (&self->extra, json_object_unref);
  G_OBJECT_CLASS (loket_letter_draft_parent_class)->finalize (object);
}

static void
loket_letter_draft_class_init (LoketLetterDraftClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_letter_draft_finalize;
}

static void
loket_letter_draft_init (LoketLetterDraft *self)
{
  self->paper = LOKET_PAPER_F4;
  self->paragraphs = g_ptr_array_new_with_free_func (g_free);
  self->extra = json_object_new ();
}

/* The texts of the paragraph blocks of @letter, in order. */
static GPtrArray *
letter_paragraphs (LoketLetter *letter)
{
  GPtrArray *blocks = loket_letter_get_blocks (letter);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < blocks->len; i++)
    {
      LoketLetterBlock *block = g_ptr_array_index (blocks, i);

      if (block->type == LOKET_LETTER_BLOCK_PARAGRAPH)
        g_ptr_array_add (texts, g_strdup (block->text != NULL ? block->text : ""));
    }
  return texts;
}

/* @kind's template filled with @fields (no logo, no id): only to read its paragraphs. */
static LoketLetter *
fill_template (const char *kind, LoketLetterFields *fields, GError **error)
{
  g_autoptr (LoketLetterTemplate) tmpl = loket_letter_template_new_for_kind (kind, error);

  if (tmpl == NULL)
    return NULL;
  return loket_letter_template_fill (tmpl, fields, error);
}

LoketLetterDraft *
loket_letter_draft_new_from_fields (const char *kind, LoketLetterFields *fields, GError **error)
{
  g_autoptr (LoketLetterDraft) self = NULL;
  g_autoptr (LoketLetter) letter = NULL;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (LOKET_IS_LETTER_FIELDS (fields), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  letter = fill_template (kind, fields, error);
  if (letter == NULL)
    return NULL;
  self = g_object_new (LOKET_TYPE_LETTER_DRAFT, NULL);
  self->kind = g_strdup (kind);
  self->fields = loket_letter_fields_copy (fields);
  g_ptr_array_unref (self->paragraphs);
  self->paragraphs = letter_paragraphs (letter);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const char *text = loket_letter_get_text (letter, text_fields[i].part);

      if (text != NULL && loket_letter_fields_get (self->fields, text_fields[i].field) == NULL)
        loket_letter_fields_set (self->fields, text_fields[i].field, text);
    }
  return g_steal_pointer (&self);
}

LoketLetterDraft *
loket_letter_draft_new_for_case (const char          *kind,
                                 LoketCase           *kase,
                                 GPtrArray           *events,
                                 LoketServiceCatalog *catalog,
                                 LoketWorkCalendar   *calendar,
                                 LoketOrgChart       *org,
                                 gint64               now,
                                 GError             **error)
{
  g_autoptr (LoketLetterFields) fields = NULL;

  g_return_val_if_fail (kind != NULL, NULL);
  fields = loket_letter_fields_new_for_case (kase, events, catalog, calendar, org, now, error);
  if (fields == NULL)
    return NULL;
  return loket_letter_draft_new_from_fields (kind, fields, error);
}

/* JSON validation. Every error names the path of the offending value ("$.fields.hal"). */

G_GNUC_PRINTF (3, 4)
static void
set_path_error (GError **error, const char *path, const char *format, ...)
{
  va_list          args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "Invalid letter draft at $.fields.hal: expected a text" */
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("Invalid letter draft at %s: %s"),
               path, what);
}

static const char *
read_string (JsonNode *node, const char *path, gsize max, GError **error)
{
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_path_error (error, path, "%s", _ ("expected a text"));
      return NULL;
    }
  text = json_node_get_string (node);
  if (strlen (text) > max)
    {
      set_path_error (error, path, _ ("the text is longer than %lu bytes"), (gulong) max);
      return NULL;
    }
  return text;
}

static gboolean
valid_name (const char *name)
{
  gsize len = strlen (name);

  if (len == 0 || len > FIELD_NAME_MAX)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static JsonObject *
read_object (JsonNode *node, const char *path, GError **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_path_error (error, path, "%s", _ ("expected an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
read_array (JsonNode *node, const char *path, guint max, GError **error)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      set_path_error (error, path, "%s", _ ("expected a list"));
      return NULL;
    }
  array = json_node_get_array (node);
  if (json_array_get_length (array) > max)
    {
      set_path_error (error, path, _ ("more than %u entries"), max);
      return NULL;
    }
  return array;
}

static gboolean
read_fields (LoketLetterDraft *self, JsonObject *root, GError **error)
{
  JsonObject    *fields;
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *value;

  fields = read_object (json_object_get_member (root, "fields"), "$.fields", error);
  if (fields == NULL)
    return FALSE;
  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *path = g_strdup_printf ("$.fields.%s", name);
      const char      *text;

      if (!valid_name (name))
        {
          set_path_error (error, path, "%s",
                          _ ("a field name is made of lowercase letters, digits and “_”"));
          return FALSE;
        }
      text = read_string (value, path, TEXT_MAX, error);
      if (text == NULL)
        return FALSE;
      loket_letter_fields_set (self->fields, name, text);
    }
  return TRUE;
}

static gboolean
read_tables (LoketLetterDraft *self, JsonObject *root, GError **error)
{
  JsonObject    *tables;
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *value;

  if (!json_object_has_member (root, "tables"))
    return TRUE;
  tables = read_object (json_object_get_member (root, "tables"), "$.tables", error);
  if (tables == NULL)
    return FALSE;
  json_object_iter_init (&iter, tables);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *path = g_strdup_printf ("$.tables.%s", name);
      JsonArray       *rows;

      if (!valid_name (name))
        {
          set_path_error (error, path, "%s",
                          _ ("a table name is made of lowercase letters, digits and “_”"));
          return FALSE;
        }
      rows = read_array (value, path, TABLE_ROWS_MAX, error);
      if (rows == NULL)
        return FALSE;
      for (guint r = 0; r < json_array_get_length (rows); r++)
        {
          g_autofree char *row_path = g_strdup_printf ("%s[%u]", path, r);
          JsonArray       *cells
            = read_array (json_array_get_element (rows, r), row_path, TABLE_CELLS_MAX, error);
          g_autoptr (GPtrArray) row = g_ptr_array_new ();

          if (cells == NULL)
            return FALSE;
          for (guint c = 0; c < json_array_get_length (cells); c++)
            {
              g_autofree char *cell_path = g_strdup_printf ("%s[%u]", row_path, c);
              const char      *text
                = read_string (json_array_get_element (cells, c), cell_path, TEXT_MAX, error);

              if (text == NULL)
                return FALSE;
              g_ptr_array_add (row, (gpointer) text);
            }
          g_ptr_array_add (row, NULL);
          loket_letter_fields_add_row (self->fields, name, (const char *const *) row->pdata);
        }
    }
  return TRUE;
}

static gboolean
read_signer (LoketLetterDraft *self, JsonObject *root, GError **error)
{
  JsonObject     *signer;
  const char     *person;
  const char     *delegation = NULL;
  LoketDelegation parsed;

  if (!json_object_has_member (root, "signer"))
    return TRUE;
  signer = read_object (json_object_get_member (root, "signer"), "$.signer", error);
  if (signer == NULL)
    return FALSE;
  person = read_string (json_object_get_member (signer, "person"), "$.signer.person",
                        FIELD_NAME_MAX * 4, error);
  if (person == NULL)
    return FALSE;
  if (json_object_has_member (signer, "delegation"))
    {
      delegation = read_string (json_object_get_member (signer, "delegation"),
                                "$.signer.delegation", 16, error);
      if (delegation == NULL)
        return FALSE;
      if (!loket_delegation_from_string (delegation, &parsed))
        {
          set_path_error (error, "$.signer.delegation", _ ("unknown delegation “%s”"), delegation);
          return FALSE;
        }
    }
  loket_letter_draft_set_signer (self, person, delegation);
  return TRUE;
}

static gboolean
read_paragraphs (LoketLetterDraft *self, JsonObject *root, GError **error)
{
  g_autoptr (LoketLetter) letter = NULL;
  g_autoptr (GPtrArray) from_template = NULL;
  g_autoptr (GError) fill_error = NULL;
  JsonArray *paragraphs;

  /* The template must fill with these fields; its paragraphs are the default ones. */
  letter = fill_template (self->kind, self->fields, &fill_error);
  if (letter == NULL)
    {
      set_path_error (error, "$.fields", "%s", fill_error->message);
      return FALSE;
    }
  from_template = letter_paragraphs (letter);
  if (!json_object_has_member (root, "paragraphs"))
    {
      g_ptr_array_unref (self->paragraphs);
      self->paragraphs = g_steal_pointer (&from_template);
      return TRUE;
    }
  paragraphs = read_array (json_object_get_member (root, "paragraphs"), "$.paragraphs",
                           PARAGRAPHS_MAX, error);
  if (paragraphs == NULL)
    return FALSE;
  if (json_array_get_length (paragraphs) != from_template->len)
    {
      set_path_error (error, "$.paragraphs",
                      _ ("the template “%s” has %u paragraphs, the draft has %u"), self->kind,
                      from_template->len, json_array_get_length (paragraphs));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (paragraphs); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.paragraphs[%u]", i);
      const char      *text
        = read_string (json_array_get_element (paragraphs, i), path, TEXT_MAX, error);

      if (text == NULL)
        return FALSE;
      g_ptr_array_add (self->paragraphs, g_strdup (text));
    }
  return TRUE;
}

LoketLetterDraft *
loket_letter_draft_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (LoketLetterDraft) self = NULL;
  g_autoptr (LoketLetterTemplate) tmpl = NULL;
  g_autoptr (GError) kind_error = NULL;
  JsonObject    *root;
  const char    *kind;
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *value;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = read_object (node, "$", error);
  if (root == NULL)
    return NULL;
  kind = read_string (json_object_get_member (root, "kind"), "$.kind", FIELD_NAME_MAX, error);
  if (kind == NULL)
    return NULL;
  tmpl = loket_letter_template_new_for_kind (kind, &kind_error);
  if (tmpl == NULL)
    {
      set_path_error (error, "$.kind", "%s", kind_error->message);
      return NULL;
    }

  self = g_object_new (LOKET_TYPE_LETTER_DRAFT, NULL);
  self->kind = g_strdup (kind);
  self->fields = loket_letter_fields_new ();
  if (json_object_has_member (root, "paper"))
    {
      const char *paper = read_string (json_object_get_member (root, "paper"), "$.paper", 8, error);

      if (paper == NULL)
        return NULL;
      if (g_str_equal (paper, "a4"))
        self->paper = LOKET_PAPER_A4;
      else if (!g_str_equal (paper, "f4"))
        {
          set_path_error (error, "$.paper", _ ("unknown paper size “%s” (f4 or a4)"), paper);
          return NULL;
        }
    }
  if (!read_fields (self, root, error) || !read_tables (self, root, error)
      || !read_signer (self, root, error) || !read_paragraphs (self, root, error))
    return NULL;

  json_object_iter_init (&iter, root);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_strv_contains (known_members, name))
      json_object_set_member (self->extra, name, json_node_copy (value));
  return g_steal_pointer (&self);
}

LoketLetterDraft *
loket_letter_draft_new_from_data (const char *json, gssize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) parse_error = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (json);
  if (length > DATA_MAX)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The letter draft is larger than %lu bytes"), (gulong) DATA_MAX);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, json, length, &parse_error))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The letter draft is not valid JSON: %s"), parse_error->message);
      return NULL;
    }
  return loket_letter_draft_new_from_json (json_parser_get_root (parser), error);
}

JsonNode *
loket_letter_draft_to_json (LoketLetterDraft *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GPtrArray) tables = NULL;
  g_autoptr (GList) extra = NULL;

  g_return_val_if_fail (LOKET_IS_LETTER_DRAFT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, self->kind);
  json_builder_set_member_name (builder, "paper");
  json_builder_add_string_value (builder, self->paper == LOKET_PAPER_A4 ? "a4" : "f4");

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  names = loket_letter_fields_list (self->fields);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, loket_letter_fields_get (self->fields, name));
    }
  json_builder_end_object (builder);

  tables = loket_letter_fields_list_tables (self->fields);
  if (tables->len > 0)
    {
      json_builder_set_member_name (builder, "tables");
      json_builder_begin_object (builder);
      for (guint i = 0; i < tables->len; i++)
        {
          const char *name = g_ptr_array_index (tables, i);
          GPtrArray  *rows = loket_letter_fields_get_table (self->fields, name);

          json_builder_set_member_name (builder, name);
          json_builder_begin_array (builder);
          for (guint r = 0; r < rows->len; r++)
            {
              char **cells = g_ptr_array_index (rows, r);

              json_builder_begin_array (builder);
              for (guint c = 0; cells[c] != NULL; c++)
                json_builder_add_string_value (builder, cells[c]);
              json_builder_end_array (builder);
            }
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "paragraphs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->paragraphs->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->paragraphs, i));
  json_builder_end_array (builder);

  if (self->signer_person != NULL)
    {
      json_builder_set_member_name (builder, "signer");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "person");
      json_builder_add_string_value (builder, self->signer_person);
      if (self->signer_delegation != NULL)
        {
          json_builder_set_member_name (builder, "delegation");
          json_builder_add_string_value (builder, self->signer_delegation);
        }
      json_builder_end_object (builder);
    }

  extra = json_object_get_members (self->extra);
  extra = g_list_sort (extra, (GCompareFunc) g_strcmp0);
  for (GList *l = extra; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder,
                              json_node_copy (json_object_get_member (self->extra, l->data)));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
loket_letter_draft_to_data (LoketLetterDraft *self)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (LOKET_IS_LETTER_DRAFT (self), NULL);
  node = loket_letter_draft_to_json (self);
  return json_to_string (node, FALSE);
}

LoketLetterDraft *
loket_letter_draft_copy (LoketLetterDraft *self)
{
  LoketLetterDraft *copy;
  g_autoptr (GList) extra = NULL;

  g_return_val_if_fail (LOKET_IS_LETTER_DRAFT (self), NULL);
  copy = g_object_new (LOKET_TYPE_LETTER_DRAFT, NULL);
  copy->kind = g_strdup (self->kind);
  copy->paper = self->paper;
  copy->fields = loket_letter_fields_copy (self->fields);
  for (guint i = 0; i < self->paragraphs->len; i++)
    g_ptr_array_add (copy->paragraphs, g_strdup (g_ptr_array_index (self->paragraphs, i)));
  copy->signer_person = g_strdup (self->signer_person);
  copy->signer_delegation = g_strdup (self->signer_delegation);
  extra = json_object_get_members (self->extra);
  for (GList *l = extra; l != NULL; l = l->next)
    json_object_set_member (copy->extra, l->data,
                            json_node_copy (json_object_get_member (self->extra, l->data)));
  return copy;
}

const char *
loket_letter_draft_get_kind (LoketLetterDraft *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER_DRAFT (self), NULL);
  return self->kind;
}

LoketPaperSize
loket_letter_draft_get_paper (LoketLetterDraft *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER_DRAFT (self), LOKET_PAPER_F4);
  return self->paper;
}

void
loket_letter_draft_set_paper (LoketLetterDraft *self, LoketPaperSize paper)
{
  g_return_if_fail (LOKET_IS_LETTER_DRAFT (self));
  self->paper = paper;
}

const char *
loket_letter_draft_get_signer_person (LoketLetterDraft *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER_DRAFT (self), NULL);
  return self->signer_person;
}

const char *
loket_letter_draft_get_signer_delegation (LoketLetterDraft *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER_DRAFT (self), NULL);
  return self->signer_delegation;
}

void
loket_letter_draft_set_signer (LoketLetterDraft *self, const char *person, const char *delegation)
{
  g_return_if_fail (LOKET_IS_LETTER_DRAFT (self));
  g_free (self->signer_person);
  self->signer_person = g_strdup (person);
  g_free (self->signer_delegation);
  self->signer_delegation
    = person != NULL && delegation != NULL && *delegation != '\0' ? g_strdup (delegation) : NULL;
}

LoketLetterFields *
loket_letter_draft_get_fields (LoketLetterDraft *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER_DRAFT (self), NULL);
  return self->fields;
}

guint
loket_letter_draft_get_n_paragraphs (LoketLetterDraft *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER_DRAFT (self), 0);
  return self->paragraphs->len;
}

const char *
loket_letter_draft_get_paragraph (LoketLetterDraft *self, guint index)
{
  g_return_val_if_fail (LOKET_IS_LETTER_DRAFT (self), NULL);
  g_return_val_if_fail (index < self->paragraphs->len, NULL);
  return g_ptr_array_index (self->paragraphs, index);
}

void
loket_letter_draft_set_paragraph (LoketLetterDraft *self, guint index, const char *text)
{
  g_return_if_fail (LOKET_IS_LETTER_DRAFT (self));
  g_return_if_fail (index < self->paragraphs->len);
  g_return_if_fail (text != NULL);

  g_free (self->paragraphs->pdata[index]);
  self->paragraphs->pdata[index] = g_strdup (text);
}

LoketLetter *
loket_letter_draft_build_letter (LoketLetterDraft *self, const char *id, GError **error)
{
  g_autoptr (LoketLetter) letter = NULL;
  GPtrArray *blocks;
  guint      n = 0;

  g_return_val_if_fail (LOKET_IS_LETTER_DRAFT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  letter = loket_letter_new_from_fields (self->kind, self->fields, id, error);
  if (letter == NULL)
    return NULL;
  blocks = loket_letter_get_blocks (letter);
  for (guint i = 0; i < blocks->len; i++)
    if (((LoketLetterBlock *) g_ptr_array_index (blocks, i))->type == LOKET_LETTER_BLOCK_PARAGRAPH)
      n++;
  if (n != self->paragraphs->len)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The draft has %u paragraphs but the template “%s” gives %u with these "
                      "fields"),
                   self->paragraphs->len, self->kind, n);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const char *text = loket_letter_fields_get (self->fields, text_fields[i].field);

      if (text != NULL && loket_letter_get_text (letter, text_fields[i].part) != NULL)
        loket_letter_set_text (letter, text_fields[i].part, text);
    }
  n = 0;
  /* The model's blocks are read-only for its users; the letters library owns them. */
  for (guint i = 0; i < blocks->len; i++)
    {
      LoketLetterBlock *block = g_ptr_array_index (blocks, i);

      if (block->type != LOKET_LETTER_BLOCK_PARAGRAPH)
        continue;
      g_free (block->text);
      block->text = g_strdup (g_ptr_array_index (self->paragraphs, n++));
    }
  return g_steal_pointer (&letter);
}

GPtrArray *
loket_letter_draft_diff_paragraphs (LoketLetterDraft *a, LoketLetterDraft *b)
{
  GPtrArray *changed = g_ptr_array_new ();
  guint      n;

  g_return_val_if_fail (LOKET_IS_LETTER_DRAFT (a), changed);
  g_return_val_if_fail (LOKET_IS_LETTER_DRAFT (b), changed);

  n = MAX (a->paragraphs->len, b->paragraphs->len);
  for (guint i = 0; i < n; i++)
    {
      const char *ta = i < a->paragraphs->len ? g_ptr_array_index (a->paragraphs, i) : NULL;
      const char *tb = i < b->paragraphs->len ? g_ptr_array_index (b->paragraphs, i) : NULL;

      if (g_strcmp0 (ta, tb) != 0)
        g_ptr_array_add (changed, GUINT_TO_POINTER (i));
    }
  return changed;
}
