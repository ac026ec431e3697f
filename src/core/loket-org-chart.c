// SPDX-License-Identifier: GPL-3.0-or-later
// Units, positions and people of each agency, loaded and strictly checked from data/org/*.json.
#include "config.h"

#include "loket-org-chart.h"

#include "loket-error.h"
#include "loket-org-chart-private.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#define ORG_RESOURCE_DIR "/io/github/loketapp/Loket/data/org/"

G_DEFINE_FINAL_TYPE (LoketOrgChart, loket_org_chart, G_TYPE_OBJECT)

static const char *const role_names[] = {
  [LOKET_ROLE_HEAD] = "head",
  [LOKET_ROLE_SECRETARY] = "secretary",
  [LOKET_ROLE_DIVISION_HEAD] = "division_head",
  [LOKET_ROLE_SECTION_HEAD] = "section_head",
  [LOKET_ROLE_UPTD_HEAD] = "uptd_head",
  [LOKET_ROLE_STAFF] = "staff",
  [LOKET_ROLE_REGISTRAR] = "registrar",
};

static const char *const kind_names[] = {
  [LOKET_UNIT_AGENCY] = "agency",           [LOKET_UNIT_SECRETARIAT] = "secretariat",
  [LOKET_UNIT_SUBDIVISION] = "subdivision", [LOKET_UNIT_DIVISION] = "division",
  [LOKET_UNIT_SECTION] = "section",         [LOKET_UNIT_UPTD] = "uptd",
};

gboolean
loket_role_from_string (const char *text, LoketRole *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (g_str_equal (text, role_names[i]))
      {
        *role = (LoketRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
loket_role_to_string (LoketRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_names), NULL);

  return role_names[role];
}

gboolean
loket_unit_kind_from_string (const char *text, LoketUnitKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = (LoketUnitKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
loket_unit_kind_to_string (LoketUnitKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
loket_org_chart_finalize (GObject *object)
{
  LoketOrgChart *self = LOKET_ORG_CHART (object);

  g_clear_pointer (&self->agency_by_id, g_hash_table_unref);
  g_clear_pointer (&self->units, g_hash_table_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->people, g_hash_table_unref);
  g_clear_pointer (&self->nips, g_hash_table_unref);
  g_clear_pointer (&self->agency_ids, g_ptr_array_unref);
  g_clear_pointer (&self->agencies, g_ptr_array_unref);

  G_OBJECT_CLASS (loket_org_chart_parent_class)->finalize (object);
}

static void
loket_org_chart_class_init (LoketOrgChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = loket_org_chart_finalize;
}

static void
loket_org_chart_init (LoketOrgChart *self)
{
  self->agencies = g_ptr_array_new_with_free_func ((GDestroyNotify) _loket_agency_free);
  self->agency_ids = g_ptr_array_new ();
  self->agency_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->units = g_hash_table_new (g_str_hash, g_str_equal);
  self->positions = g_hash_table_new (g_str_hash, g_str_equal);
  self->people = g_hash_table_new (g_str_hash, g_str_equal);
  self->nips = g_hash_table_new (g_str_hash, g_str_equal);
}

LoketOrgChart *
loket_org_chart_new_from_directory (GFile *dir, GError **error)
{
  g_autoptr (LoketOrgChart) self = g_object_new (LOKET_TYPE_ORG_CHART, NULL);
  g_autoptr (GFileEnumerator) enumerator = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (G_IS_FILE (dir), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, NULL, error);
  if (enumerator == NULL)
    return NULL;
  for (;;)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, NULL, error))
        return NULL;
      if (info == NULL)
        break;
      if (g_str_has_suffix (g_file_info_get_name (info), ".json"))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  g_ptr_array_sort (names, compare_strings);

  if (names->len == 0)
    {
      g_autofree char *dir_name = g_file_get_parse_name (dir);
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                   _ ("No org chart files (*.json) in %s"), dir_name);
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr (GFile) file = g_file_get_child (dir, name);
      g_autoptr (GError) local_error = NULL;
      g_autofree char *contents = NULL;
      gsize            length;

      if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, "%s: %s", name, local_error->message);
          return NULL;
        }
      if (!_loket_org_chart_load_agency (self, name, contents, length, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

LoketOrgChart *
loket_org_chart_new_default (GError **error)
{
  g_autoptr (LoketOrgChart) self = NULL;
  g_auto (GStrv) names = NULL;
  const char *dir;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_getenv ("LOKET_ORG_DIR");
  if (dir != NULL && *dir != '\0')
    {
      g_autoptr (GFile) file = g_file_new_for_path (dir);
      return loket_org_chart_new_from_directory (file, error);
    }

  names = g_resources_enumerate_children (ORG_RESOURCE_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return NULL;
  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);

  self = g_object_new (LOKET_TYPE_ORG_CHART, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (ORG_RESOURCE_DIR, names[i], NULL);
      g_autoptr (GBytes) bytes = NULL;
      const char *data;
      gsize       length;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return NULL;
      data = g_bytes_get_data (bytes, &length);
      if (!_loket_org_chart_load_agency (self, names[i], data, length, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

GPtrArray *
loket_org_chart_get_units (LoketOrgChart *self, const char *agency_id)
{
  LoketOrgAgency *agency;

  g_return_val_if_fail (LOKET_IS_ORG_CHART (self), NULL);
  g_return_val_if_fail (agency_id != NULL, NULL);

  agency = g_hash_table_lookup (self->agency_by_id, agency_id);
  return agency != NULL ? agency->units : NULL;
}

GPtrArray *
loket_org_chart_get_positions (LoketOrgChart *self, const char *agency_id)
{
  LoketOrgAgency *agency;

  g_return_val_if_fail (LOKET_IS_ORG_CHART (self), NULL);
  g_return_val_if_fail (agency_id != NULL, NULL);

  agency = g_hash_table_lookup (self->agency_by_id, agency_id);
  return agency != NULL ? agency->positions : NULL;
}

GPtrArray *
loket_org_chart_get_people (LoketOrgChart *self, const char *agency_id)
{
  LoketOrgAgency *agency;

  g_return_val_if_fail (LOKET_IS_ORG_CHART (self), NULL);
  g_return_val_if_fail (agency_id != NULL, NULL);

  agency = g_hash_table_lookup (self->agency_by_id, agency_id);
  return agency != NULL ? agency->people : NULL;
}

const LoketUnit *
loket_org_chart_lookup_unit (LoketOrgChart *self, const char *unit_id)
{
  g_return_val_if_fail (LOKET_IS_ORG_CHART (self), NULL);
  g_return_val_if_fail (unit_id != NULL, NULL);

  return g_hash_table_lookup (self->units, unit_id);
}

const LoketPosition *
loket_org_chart_lookup_position (LoketOrgChart *self, const char *position_id)
{
  g_return_val_if_fail (LOKET_IS_ORG_CHART (self), NULL);
  g_return_val_if_fail (position_id != NULL, NULL);

  return g_hash_table_lookup (self->positions, position_id);
}

const LoketPerson *
loket_org_chart_lookup_person (LoketOrgChart *self, const char *person_id)
{
  g_return_val_if_fail (LOKET_IS_ORG_CHART (self), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  return g_hash_table_lookup (self->people, person_id);
}

const LoketUnit *
loket_org_chart_get_division (LoketOrgChart *self, const char *unit_id)
{
  const LoketUnit *unit;

  g_return_val_if_fail (LOKET_IS_ORG_CHART (self), NULL);
  g_return_val_if_fail (unit_id != NULL, NULL);

  /* The loader guarantees a tree: kinds only nest downwards, so this ends. */
  for (unit = g_hash_table_lookup (self->units, unit_id); unit != NULL;
       unit = unit->parent_id != NULL ? g_hash_table_lookup (self->units, unit->parent_id) : NULL)
    if (unit->kind == LOKET_UNIT_DIVISION || unit->kind == LOKET_UNIT_SECRETARIAT
        || unit->kind == LOKET_UNIT_UPTD)
      return unit;

  return NULL;
}

GPtrArray *
loket_org_chart_get_agency_ids (LoketOrgChart *self)
{
  g_return_val_if_fail (LOKET_IS_ORG_CHART (self), NULL);

  return self->agency_ids;
}

const char *
loket_org_chart_get_agency_name (LoketOrgChart *self, const char *agency_id)
{
  LoketOrgAgency *agency;

  g_return_val_if_fail (LOKET_IS_ORG_CHART (self), NULL);
  g_return_val_if_fail (agency_id != NULL, NULL);

  agency = g_hash_table_lookup (self->agency_by_id, agency_id);
  return agency != NULL ? agency->name : NULL;
}

GPtrArray *
loket_org_chart_get_holders (LoketOrgChart *self, const char *position_id)
{
  const LoketPosition *position;
  GPtrArray           *holders = g_ptr_array_new ();
  LoketOrgAgency      *agency;
  g_autofree char     *agency_id = NULL;

  g_return_val_if_fail (LOKET_IS_ORG_CHART (self), holders);
  g_return_val_if_fail (position_id != NULL, holders);

  position = g_hash_table_lookup (self->positions, position_id);
  if (position == NULL)
    return holders;
  agency_id = g_strndup (position_id, strcspn (position_id, "/"));
  agency = g_hash_table_lookup (self->agency_by_id, agency_id);
  for (guint i = 0; agency != NULL && i < agency->people->len; i++)
    {
      LoketPerson *person = g_ptr_array_index (agency->people, i);
      if (g_str_equal (person->position_id, position_id))
        g_ptr_array_add (holders, person);
    }

  return holders;
}

const LoketPosition *
loket_org_chart_get_head_position (LoketOrgChart *self, const char *agency_id)
{
  GPtrArray *positions;

  g_return_val_if_fail (LOKET_IS_ORG_CHART (self), NULL);
  g_return_val_if_fail (agency_id != NULL, NULL);

  positions = loket_org_chart_get_positions (self, agency_id);
  for (guint i = 0; positions != NULL && i < positions->len; i++)
    {
      const LoketPosition *position = g_ptr_array_index (positions, i);

      if (position->role == LOKET_ROLE_HEAD)
        return position;
    }
  return NULL;
}
