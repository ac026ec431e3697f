// SPDX-License-Identifier: GPL-3.0-or-later
// Every service of every agency, loaded and validated from data/catalog/ (one JSON file per
// agency).
#include "config.h"

#include "loket-service-catalog.h"

#include "loket-catalog-parser.h"
#include "loket-catalog-private.h"
#include "loket-error.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#define CATALOG_RESOURCE_PATH "/io/github/loketapp/Loket/data/catalog/"

struct _LoketServiceCatalog
{
  GObject parent_instance;

  GPtrArray  *agencies;       /* LoketAgency, in file-name order */
  GPtrArray  *services;       /* LoketService, agency by agency, source order */
  GHashTable *agencies_by_id; /* borrowed id -> borrowed LoketAgency */
  GHashTable *services_by_id; /* borrowed id -> borrowed LoketService */
};

G_DEFINE_FINAL_TYPE (LoketServiceCatalog, loket_service_catalog, G_TYPE_OBJECT)

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
add_file (LoketServiceCatalog *self, const char *file_name, GBytes *bytes, GError **error)
{
  g_autoptr (LoketAgency) agency = NULL;
  g_autoptr (GPtrArray) services = NULL;
  gsize       length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!_loket_catalog_parse (file_name, data, length, &agency, &services, error))
    return FALSE;

  if (g_hash_table_contains (self->agencies_by_id, loket_agency_get_id (agency)))
    {
      _loket_catalog_set_error (error, file_name, "$.agency.id", _ ("duplicate agency id “%s”"),
                                loket_agency_get_id (agency));
      return FALSE;
    }

  for (guint i = 0; i < services->len; i++)
    {
      LoketService *service = g_ptr_array_index (services, i);

      if (g_hash_table_contains (self->services_by_id, loket_service_get_id (service)))
        {
          g_autofree char *path = g_strdup_printf ("$.services[%u].id", i);

          _loket_catalog_set_error (error, file_name, path, _ ("duplicate service id “%s”"),
                                    loket_service_get_id (service));
          return FALSE;
        }
    }

  g_hash_table_insert (self->agencies_by_id, (gpointer) loket_agency_get_id (agency), agency);
  g_ptr_array_add (self->agencies, g_steal_pointer (&agency));
  for (guint i = 0; i < services->len; i++)
    {
      LoketService *service = g_ptr_array_index (services, i);

      g_hash_table_insert (self->services_by_id, (gpointer) loket_service_get_id (service),
                           service);
      g_ptr_array_add (self->services, g_object_ref (service));
    }

  return TRUE;
}

/* Checks that need every file: a requirement's product_of names a service of the catalog. */
static gboolean
check_links (LoketServiceCatalog *self, GError **error)
{
  for (guint i = 0; i < self->services->len; i++)
    {
      LoketService *service = g_ptr_array_index (self->services, i);
      GPtrArray    *requirements = _loket_service_get_all_requirements (service);

      for (guint j = 0; j < requirements->len; j++)
        {
          LoketRequirement *requirement = g_ptr_array_index (requirements, j);
          const char       *product_of = loket_requirement_get_product_of (requirement);

          if (product_of != NULL && !g_hash_table_contains (self->services_by_id, product_of))
            {
              g_autofree char *path = g_strdup_printf ("$.services[%u].requirements[%u].product_of",
                                                       _loket_service_get_index (service), j);

              _loket_catalog_set_error (error, _loket_service_get_file_name (service), path,
                                        _ ("unknown service “%s”"), product_of);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static void
loket_service_catalog_finalize (GObject *object)
{
  LoketServiceCatalog *self = LOKET_SERVICE_CATALOG (object);

  g_clear_pointer (&self->agencies_by_id, g_hash_table_unref);
  g_clear_pointer (&self->services_by_id, g_hash_table_unref);
  g_clear_pointer (&self->agencies, g_ptr_array_unref);
  g_clear_pointer (&self->services, g_ptr_array_unref);

  G_OBJECT_CLASS (loket_service_catalog_parent_class)->finalize (object);
}

static void
loket_service_catalog_class_init (LoketServiceCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = loket_service_catalog_finalize;
}

static void
loket_service_catalog_init (LoketServiceCatalog *self)
{
  self->agencies = g_ptr_array_new_with_free_func (g_object_unref);
  self->services = g_ptr_array_new_with_free_func (g_object_unref);
  self->agencies_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->services_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static LoketServiceCatalog *
new_from_resources (GError **error)
{
  g_autoptr (LoketServiceCatalog) self = g_object_new (LOKET_TYPE_SERVICE_CATALOG, NULL);
  g_auto (GStrv) names = NULL;
  guint n_names;

  names
    = g_resources_enumerate_children (CATALOG_RESOURCE_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return NULL;

  n_names = g_strv_length (names);
  qsort (names, n_names, sizeof (char *), compare_names);

  for (guint i = 0; i < n_names; i++)
    {
      g_autofree char *path = g_strconcat (CATALOG_RESOURCE_PATH, names[i], NULL);
      g_autoptr (GBytes) bytes = NULL;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;

      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL || !add_file (self, names[i], bytes, error))
        return NULL;
    }

  if (!check_links (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * loket_service_catalog_new_default:
 *
 * The catalog in the directory named by `$LOKET_CATALOG_DIR` when it is set and not empty,
 * else the catalog compiled into the resources.
 */
LoketServiceCatalog *
loket_service_catalog_new_default (GError **error)
{
  const char *dir = g_getenv ("LOKET_CATALOG_DIR");

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (dir != NULL && *dir != '\0')
    {
      g_autoptr (GFile) file = g_file_new_for_path (dir);

      return loket_service_catalog_new_from_directory (file, error);
    }

  return new_from_resources (error);
}

LoketServiceCatalog *
loket_service_catalog_new_from_directory (GFile *dir, GError **error)
{
  g_autoptr (LoketServiceCatalog) self = NULL;
  g_autoptr (GFileEnumerator) enumerator = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *dir_name = NULL;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir_name = g_file_get_parse_name (dir);
  enumerator = g_file_enumerate_children (
    dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
    NULL, &local_error);
  if (enumerator == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO,
                   _ ("Cannot read the catalog directory %s: %s"), dir_name, local_error->message);
      return NULL;
    }

  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, NULL, &local_error))
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO,
                       _ ("Cannot read the catalog directory %s: %s"), dir_name,
                       local_error->message);
          return NULL;
        }
      if (info == NULL)
        break;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
          && g_str_has_suffix (g_file_info_get_name (info), ".json"))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }

  if (names->len == 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                   _ ("The catalog directory %s has no .json files"), dir_name);
      return NULL;
    }

  g_ptr_array_sort (names, compare_names);

  self = g_object_new (LOKET_TYPE_SERVICE_CATALOG, NULL);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr (GFile) file = g_file_get_child (dir, name);
      g_autoptr (GBytes) bytes = NULL;

      bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
      if (bytes == NULL)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Cannot read %s: %s"), name,
                       local_error->message);
          return NULL;
        }

      if (!add_file (self, name, bytes, error))
        return NULL;
    }

  if (!check_links (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

GPtrArray *
loket_service_catalog_get_agencies (LoketServiceCatalog *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE_CATALOG (self), NULL);
  return self->agencies;
}

GPtrArray *
loket_service_catalog_get_services (LoketServiceCatalog *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE_CATALOG (self), NULL);
  return self->services;
}

LoketAgency *
loket_service_catalog_lookup_agency (LoketServiceCatalog *self, const char *agency_id)
{
  g_return_val_if_fail (LOKET_IS_SERVICE_CATALOG (self), NULL);
  g_return_val_if_fail (agency_id != NULL, NULL);

  return g_hash_table_lookup (self->agencies_by_id, agency_id);
}

LoketService *
loket_service_catalog_lookup (LoketServiceCatalog *self, const char *service_id)
{
  g_return_val_if_fail (LOKET_IS_SERVICE_CATALOG (self), NULL);
  g_return_val_if_fail (service_id != NULL, NULL);

  return g_hash_table_lookup (self->services_by_id, service_id);
}

/* { "schema_version": 1, "agencies": [ { <agency record>, "services": [ <service>, … ] }, … ] } */
char *
loket_service_catalog_to_json (LoketServiceCatalog *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (LOKET_IS_SERVICE_CATALOG (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "agencies");
  json_builder_begin_array (builder);

  for (guint i = 0; i < self->agencies->len; i++)
    {
      LoketAgency *agency = g_ptr_array_index (self->agencies, i);
      JsonObject  *record = _loket_agency_get_json (agency);
      g_autoptr (GList) members = json_object_get_members (record);

      json_builder_begin_object (builder);
      for (GList *l = members; l != NULL; l = l->next)
        {
          json_builder_set_member_name (builder, l->data);
          json_builder_add_value (builder,
                                  json_node_copy (json_object_get_member (record, l->data)));
        }

      json_builder_set_member_name (builder, "services");
      json_builder_begin_array (builder);
      for (guint j = 0; j < self->services->len; j++)
        {
          LoketService *service = g_ptr_array_index (self->services, j);
          JsonNode     *node;

          if (!g_str_equal (loket_service_get_agency_id (service), loket_agency_get_id (agency)))
            continue;

          node = json_node_new (JSON_NODE_OBJECT);
          json_node_set_object (node, _loket_service_get_json (service));
          json_builder_add_value (builder, node);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}
