// SPDX-License-Identifier: GPL-3.0-or-later
// The values a letter template is filled with: named texts and named tables.
#include "config.h"

#include "loket-letter-fields.h"

struct _LoketLetterFields
{
  GObject parent_instance;

  GHashTable *texts;  /* name → utf8 */
  GHashTable *tables; /* name → GPtrArray of GStrv */
};

G_DEFINE_FINAL_TYPE (LoketLetterFields, loket_letter_fields, G_TYPE_OBJECT)

static void
loket_letter_fields_finalize (GObject *object)
{
  LoketLetterFields *self = LOKET_LETTER_FIELDS (object);

  g_hash_table_unref (self->texts);
  g_hash_table_unref (self->tables);
  G_OBJECT_CLASS (loket_letter_fields_parent_class)->finalize (object);
}

static void
loket_letter_fields_class_init (LoketLetterFieldsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_letter_fields_finalize;
}

static void
loket_letter_fields_init (LoketLetterFields *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->tables
    = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

LoketLetterFields *
loket_letter_fields_new (void)
{
  return g_object_new (LOKET_TYPE_LETTER_FIELDS, NULL);
}

void
loket_letter_fields_take (LoketLetterFields *self, const char *name, char *value)
{
  g_return_if_fail (LOKET_IS_LETTER_FIELDS (self));
  g_return_if_fail (name != NULL);

  if (value == NULL)
    g_hash_table_remove (self->texts, name);
  else
    g_hash_table_replace (self->texts, g_strdup (name), value);
}

void
loket_letter_fields_set (LoketLetterFields *self, const char *name, const char *value)
{
  loket_letter_fields_take (self, name, g_strdup (value));
}

const char *
loket_letter_fields_get (LoketLetterFields *self, const char *name)
{
  g_return_val_if_fail (LOKET_IS_LETTER_FIELDS (self), NULL);
  return g_hash_table_lookup (self->texts, name);
}

void
loket_letter_fields_add_row (LoketLetterFields *self, const char *name, const char *const *cells)
{
  GPtrArray *table;

  g_return_if_fail (LOKET_IS_LETTER_FIELDS (self));
  g_return_if_fail (name != NULL && cells != NULL);

  table = g_hash_table_lookup (self->tables, name);
  if (table == NULL)
    {
      table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_hash_table_insert (self->tables, g_strdup (name), table);
    }
  g_ptr_array_add (table, g_strdupv ((char **) cells));
}

GPtrArray *
loket_letter_fields_get_table (LoketLetterFields *self, const char *name)
{
  g_return_val_if_fail (LOKET_IS_LETTER_FIELDS (self), NULL);
  return g_hash_table_lookup (self->tables, name);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray     *names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, compare_names);
  return names;
}

GPtrArray *
loket_letter_fields_list (LoketLetterFields *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER_FIELDS (self), NULL);
  return sorted_keys (self->texts);
}

GPtrArray *
loket_letter_fields_list_tables (LoketLetterFields *self)
{
  g_return_val_if_fail (LOKET_IS_LETTER_FIELDS (self), NULL);
  return sorted_keys (self->tables);
}

LoketLetterFields *
loket_letter_fields_copy (LoketLetterFields *self)
{
  LoketLetterFields *copy;
  GHashTableIter     iter;
  gpointer           key, value;

  g_return_val_if_fail (LOKET_IS_LETTER_FIELDS (self), NULL);
  copy = loket_letter_fields_new ();
  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    loket_letter_fields_set (copy, key, value);
  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *rows = value;

      /* an empty table stays a table */
      if (rows->len == 0)
        g_hash_table_insert (copy->tables, g_strdup (key),
                             g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev));
      for (guint i = 0; i < rows->len; i++)
        loket_letter_fields_add_row (copy, key, g_ptr_array_index (rows, i));
    }
  return copy;
}
