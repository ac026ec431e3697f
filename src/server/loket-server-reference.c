// SPDX-License-Identifier: GPL-3.0-or-later
// Reference data served to clients from the same files as data/.

#include "config.h"

#include "loket-server-reference.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "loket-sync-protocol.h"

typedef struct
{
  GBytes *content;
  char   *version;
} Document;

struct _LoketReference
{
  GHashTable *documents; /* "name/agency" or "holidays" → Document */
};

static void
document_free (gpointer data)
{
  Document *doc = data;

  g_bytes_unref (doc->content);
  g_free (doc->version);
  g_free (doc);
}

static void
add_document (LoketReference *self, char *key, GBytes *content)
{
  Document *doc = g_new0 (Document, 1);

  doc->content = content;
  doc->version = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  g_hash_table_replace (self->documents, key, doc);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The sorted *.json file names of @dir. */
static GPtrArray *
list_json (const char *dir, GError **error)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return NULL;
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

static char *
read_json (const char *path, gsize *length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, length, error))
    return NULL;
  if (!json_parser_load_from_data (parser, text, (gssize) *length, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return g_steal_pointer (&text);
}

static gboolean
load_per_agency (LoketReference *self,
                 const char     *data_dir,
                 const char     *sub,
                 const char     *name,
                 GError        **error)
{
  g_autofree char *dir = g_build_filename (data_dir, sub, NULL);
  g_autoptr (GPtrArray) files = list_json (dir, error);

  if (files == NULL)
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, files->pdata[i], NULL);
      g_autofree char *agency = g_strndup (files->pdata[i], strlen (files->pdata[i]) - 5);
      gsize            length = 0;
      char            *text = read_json (path, &length, error);

      if (text == NULL)
        return FALSE;
      add_document (self, g_strdup_printf ("%s/%s", name, agency), g_bytes_new_take (text, length));
    }
  return TRUE;
}

LoketReference *
loket_reference_load (const char *data_dir, GError **error)
{
  g_autoptr (LoketReference) self = g_new0 (LoketReference, 1);
  g_autofree char *holiday_dir = g_build_filename (data_dir, "holidays", NULL);
  g_autoptr (GPtrArray) years = NULL;
  GString *holidays;

  self->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, document_free);
  if (!load_per_agency (self, data_dir, "org", LOKET_SYNC_REFERENCE_ORG_CHART, error)
      || !load_per_agency (self, data_dir, "catalog", LOKET_SYNC_REFERENCE_CATALOG, error))
    return NULL;

  years = list_json (holiday_dir, error);
  if (years == NULL)
    return NULL;
  holidays = g_string_new ("[");
  for (guint i = 0; i < years->len; i++)
    {
      g_autofree char *path = g_build_filename (holiday_dir, years->pdata[i], NULL);
      g_autofree char *text = NULL;
      gsize            length = 0;

      text = read_json (path, &length, error);
      if (text == NULL)
        {
          g_string_free (holidays, TRUE);
          return NULL;
        }
      if (i > 0)
        g_string_append_c (holidays, ',');
      g_string_append_len (holidays, text, (gssize) length);
    }
  g_string_append_c (holidays, ']');
  add_document (self, g_strdup (LOKET_SYNC_REFERENCE_HOLIDAYS), g_string_free_to_bytes (holidays));

  return g_steal_pointer (&self);
}

void
loket_reference_free (LoketReference *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->documents, g_hash_table_unref);
  g_free (self);
}

GBytes *
loket_reference_get (LoketReference *self,
                     const char     *name,
                     const char     *agency,
                     const char    **version)
{
  g_autofree char *key = NULL;
  Document        *doc;

  if (g_strcmp0 (name, LOKET_SYNC_REFERENCE_HOLIDAYS) == 0)
    key = g_strdup (name);
  else
    key = g_strdup_printf ("%s/%s", name, agency);
  doc = g_hash_table_lookup (self->documents, key);
  if (doc == NULL)
    return NULL;
  if (version != NULL)
    *version = doc->version;
  return g_bytes_ref (doc->content);
}
