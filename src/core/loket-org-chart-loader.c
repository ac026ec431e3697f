// SPDX-License-Identifier: GPL-3.0-or-later
// Loads one agency's org chart from JSON and checks it strictly (ids, tree, NIPs, pangkat).
#include "config.h"

#include "loket-org-chart-private.h"

#include "loket-error.h"
#include "loket-id-numbers.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* Golongan ruang → pangkat (PP 99/2000). */
static const struct
{
  const char *grade;
  const char *rank;
} grades[] = {
  { "I/a", "Juru Muda" },
  { "I/b", "Juru Muda Tingkat I" },
  { "I/c", "Juru" },
  { "I/d", "Juru Tingkat I" },
  { "II/a", "Pengatur Muda" },
  { "II/b", "Pengatur Muda Tingkat I" },
  { "II/c", "Pengatur" },
  { "II/d", "Pengatur Tingkat I" },
  { "III/a", "Penata Muda" },
  { "III/b", "Penata Muda Tingkat I" },
  { "III/c", "Penata" },
  { "III/d", "Penata Tingkat I" },
  { "IV/a", "Pembina" },
  { "IV/b", "Pembina Tingkat I" },
  { "IV/c", "Pembina Utama Muda" },
  { "IV/d", "Pembina Utama Madya" },
  { "IV/e", "Pembina Utama" },
};

void
_loket_unit_free (LoketUnit *unit)
{
  g_free (unit->id);
  g_free (unit->parent_id);
  g_free (unit->name);
  g_free (unit->short_name);
  g_free (unit);
}

void
_loket_position_free (LoketPosition *position)
{
  g_free (position->id);
  g_free (position->unit_id);
  g_free (position->title);
  g_free (position);
}

void
_loket_person_free (LoketPerson *person)
{
  g_free (person->id);
  g_free (person->position_id);
  g_free (person->name);
  g_free (person->nip);
  g_free (person->rank);
  g_free (person->grade);
  g_free (person);
}

void
_loket_agency_free (LoketOrgAgency *agency)
{
  g_free (agency->id);
  g_free (agency->name);
  g_clear_pointer (&agency->units, g_ptr_array_unref);
  g_clear_pointer (&agency->positions, g_ptr_array_unref);
  g_clear_pointer (&agency->people, g_ptr_array_unref);
  g_free (agency);
}

/* Loading context of one file. */
typedef struct
{
  LoketOrgChart *chart;
  const char    *file;
  LoketOrgAgency        *agency;
  GHashTable    *units; /* this file's units by id */
} Loader;

static void
set_invalid (GError    **error,
             const char *file,
             const char *path,
             const char *message)
{
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, "%s: %s: %s", file, path, message);
}

/* A required non-empty string member; error "file: path.member: …" when missing. */
static gboolean
get_string (Loader     *loader,
            JsonObject *object,
            const char *path,
            const char *member,
            char      **out,
            GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING
      || json_node_get_string (node)[0] == '\0')
    {
      g_autofree char *member_path = g_strdup_printf ("%s.%s", path, member);
      set_invalid (error, loader->file, member_path, _("missing, empty or not a string"));
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static JsonArray *
get_array (Loader     *loader,
           JsonObject *root,
           const char *member,
           GError    **error)
{
  JsonNode *node = json_object_get_member (root, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = g_strdup_printf ("$.%s", member);
      set_invalid (error, loader->file, path, _("not an array"));
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
get_element (Loader     *loader,
             JsonArray  *array,
             guint       index,
             const char *path,
             GError    **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, loader->file, path, _("not an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

/* Ids are "<agency>/<slug>" (the root unit is the agency id itself). */
static gboolean
check_id (Loader     *loader,
          const char *id,
          const char *path,
          GHashTable *taken,
          GError    **error)
{
  const char *slug;

  if (!g_str_has_prefix (id, loader->agency->id) || id[strlen (loader->agency->id)] != '/'
      || *(slug = id + strlen (loader->agency->id) + 1) == '\0' || strchr (slug, '/') != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not of the form “%s/<name>”"), id,
                                                  loader->agency->id);
      set_invalid (error, loader->file, path, message);
      return FALSE;
    }
  if (g_hash_table_contains (taken, id))
    {
      g_autofree char *message = g_strdup_printf (_("duplicate id “%s”"), id);
      set_invalid (error, loader->file, path, message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parent_kind_allowed (LoketUnitKind kind,
                     LoketUnitKind parent)
{
  switch (kind)
    {
    case LOKET_UNIT_SECRETARIAT:
    case LOKET_UNIT_DIVISION:
    case LOKET_UNIT_UPTD:
      return parent == LOKET_UNIT_AGENCY;
    case LOKET_UNIT_SUBDIVISION:
      return parent == LOKET_UNIT_SECRETARIAT || parent == LOKET_UNIT_UPTD;
    case LOKET_UNIT_SECTION:
      return parent == LOKET_UNIT_DIVISION || parent == LOKET_UNIT_UPTD;
    case LOKET_UNIT_AGENCY:
    default:
      return FALSE;
    }
}

static gboolean
load_units (Loader     *loader,
            JsonObject *root,
            GError    **error)
{
  JsonArray *array = get_array (loader, root, "units", error);
  gboolean have_root = FALSE;

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.units[%u]", i);
      g_autofree char *kind_text = NULL;
      g_autoptr(GError) ignored = NULL;
      LoketUnit *unit;
      JsonObject *object;
      JsonNode *parent, *node;

      if ((object = get_element (loader, array, i, path, error)) == NULL)
        return FALSE;

      unit = g_new0 (LoketUnit, 1);
      g_ptr_array_add (loader->agency->units, unit);
      if (!get_string (loader, object, path, "id", &unit->id, error)
          || !get_string (loader, object, path, "name", &unit->name, error)
          || !get_string (loader, object, path, "kind", &kind_text, error))
        return FALSE;
      if (!get_string (loader, object, path, "short_name", &unit->short_name, &ignored))
        unit->short_name = g_strdup (unit->name);

      if (!loket_unit_kind_from_string (kind_text, &unit->kind))
        {
          g_autofree char *kind_path = g_strconcat (path, ".kind", NULL);
          g_autofree char *message = g_strdup_printf (_("unknown unit kind “%s”"), kind_text);
          set_invalid (error, loader->file, kind_path, message);
          return FALSE;
        }

      node = json_object_get_member (object, "inferred");
      if (node != NULL && json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          g_autofree char *inferred_path = g_strconcat (path, ".inferred", NULL);
          set_invalid (error, loader->file, inferred_path, _("not true or false"));
          return FALSE;
        }

      parent = json_object_get_member (object, "parent");
      if (parent != NULL && json_node_get_value_type (parent) == G_TYPE_STRING)
        unit->parent_id = g_strdup (json_node_get_string (parent));
      else if (parent != NULL && !JSON_NODE_HOLDS_NULL (parent))
        {
          g_autofree char *parent_path = g_strconcat (path, ".parent", NULL);
          set_invalid (error, loader->file, parent_path, _("not a string or null"));
          return FALSE;
        }

      if (unit->kind == LOKET_UNIT_AGENCY || unit->parent_id == NULL
          || g_str_equal (unit->id, loader->agency->id))
        {
          if (have_root || unit->kind != LOKET_UNIT_AGENCY || unit->parent_id != NULL
              || !g_str_equal (unit->id, loader->agency->id))
            {
              g_autofree char *message = g_strdup_printf (
                _("only one unit, “%s”, is the agency root: kind “agency” and no parent"),
                loader->agency->id);
              set_invalid (error, loader->file, path, message);
              return FALSE;
            }
          have_root = TRUE;
        }
      else
        {
          g_autofree char *id_path = g_strconcat (path, ".id", NULL);
          if (!check_id (loader, unit->id, id_path, loader->units, error))
            return FALSE;
        }
      if (g_hash_table_contains (loader->chart->units, unit->id))
        {
          g_autofree char *id_path = g_strconcat (path, ".id", NULL);
          g_autofree char *message = g_strdup_printf (_("duplicate id “%s”"), unit->id);
          set_invalid (error, loader->file, id_path, message);
          return FALSE;
        }
      g_hash_table_insert (loader->units, unit->id, unit);
    }

  if (!have_root)
    {
      g_autofree char *message = g_strdup_printf (_("no agency root unit “%s”"), loader->agency->id);
      set_invalid (error, loader->file, "$.units", message);
      return FALSE;
    }

  /* Parents may come later in the file: check them once every unit is known. */
  for (guint i = 0; i < loader->agency->units->len; i++)
    {
      LoketUnit *unit = g_ptr_array_index (loader->agency->units, i);
      LoketUnit *parent;
      g_autofree char *path = NULL;

      if (unit->parent_id == NULL)
        continue;
      path = g_strdup_printf ("$.units[%u].parent", i);
      parent = g_hash_table_lookup (loader->units, unit->parent_id);
      if (parent == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("unknown unit “%s”"), unit->parent_id);
          set_invalid (error, loader->file, path, message);
          return FALSE;
        }
      if (!parent_kind_allowed (unit->kind, parent->kind))
        {
          g_autofree char *message = g_strdup_printf (_("a unit of kind “%s” cannot be under “%s” (kind “%s”)"),
                                                      loket_unit_kind_to_string (unit->kind), parent->id,
                                                      loket_unit_kind_to_string (parent->kind));
          set_invalid (error, loader->file, path, message);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_positions (Loader     *loader,
                JsonObject *root,
                GHashTable *positions,
                GError    **error)
{
  JsonArray *array = get_array (loader, root, "positions", error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.positions[%u]", i);
      g_autofree char *role_text = NULL;
      LoketPosition *position;
      JsonObject *object;

      if ((object = get_element (loader, array, i, path, error)) == NULL)
        return FALSE;

      position = g_new0 (LoketPosition, 1);
      g_ptr_array_add (loader->agency->positions, position);
      if (!get_string (loader, object, path, "id", &position->id, error)
          || !get_string (loader, object, path, "unit", &position->unit_id, error)
          || !get_string (loader, object, path, "title", &position->title, error)
          || !get_string (loader, object, path, "role", &role_text, error))
        return FALSE;

      {
        g_autofree char *id_path = g_strconcat (path, ".id", NULL);
        if (!check_id (loader, position->id, id_path, positions, error))
          return FALSE;
      }
      if (!g_hash_table_contains (loader->units, position->unit_id))
        {
          g_autofree char *unit_path = g_strconcat (path, ".unit", NULL);
          g_autofree char *message = g_strdup_printf (_("unknown unit “%s”"), position->unit_id);
          set_invalid (error, loader->file, unit_path, message);
          return FALSE;
        }
      if (!loket_role_from_string (role_text, &position->role))
        {
          g_autofree char *role_path = g_strconcat (path, ".role", NULL);
          g_autofree char *message = g_strdup_printf (_("unknown role “%s”"), role_text);
          set_invalid (error, loader->file, role_path, message);
          return FALSE;
        }
      g_hash_table_insert (positions, position->id, position);
    }

  return TRUE;
}

static const char *
rank_for_grade (const char *grade)
{
  for (guint i = 0; i < G_N_ELEMENTS (grades); i++)
    if (g_str_equal (grades[i].grade, grade))
      return grades[i].rank;
  return NULL;
}

static gboolean
load_people (Loader     *loader,
             JsonObject *root,
             GHashTable *positions,
             GHashTable *people,
             GHashTable *nips,
             GError    **error)
{
  JsonArray *array = get_array (loader, root, "people", error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.people[%u]", i);
      g_autoptr(GError) nip_error = NULL;
      const char *expected_rank;
      LoketPerson *person, *other;
      JsonObject *object;

      if ((object = get_element (loader, array, i, path, error)) == NULL)
        return FALSE;

      person = g_new0 (LoketPerson, 1);
      g_ptr_array_add (loader->agency->people, person);
      if (!get_string (loader, object, path, "id", &person->id, error)
          || !get_string (loader, object, path, "position", &person->position_id, error)
          || !get_string (loader, object, path, "name", &person->name, error)
          || !get_string (loader, object, path, "nip", &person->nip, error)
          || !get_string (loader, object, path, "rank", &person->rank, error)
          || !get_string (loader, object, path, "grade", &person->grade, error))
        return FALSE;

      {
        g_autofree char *id_path = g_strconcat (path, ".id", NULL);
        if (!check_id (loader, person->id, id_path, people, error))
          return FALSE;
      }
      if (!g_hash_table_contains (positions, person->position_id))
        {
          g_autofree char *position_path = g_strconcat (path, ".position", NULL);
          g_autofree char *message = g_strdup_printf (_("unknown position “%s”"),
                                                      person->position_id);
          set_invalid (error, loader->file, position_path, message);
          return FALSE;
        }
      if (!loket_nip_validate (person->nip, &nip_error))
        {
          g_autofree char *nip_path = g_strconcat (path, ".nip", NULL);
          set_invalid (error, loader->file, nip_path, nip_error->message);
          return FALSE;
        }
      /* The NIP itself stays out of the message (personal data). */
      if ((other = g_hash_table_lookup (nips, person->nip)) != NULL
          || (other = g_hash_table_lookup (loader->chart->nips, person->nip)) != NULL)
        {
          g_autofree char *nip_path = g_strconcat (path, ".nip", NULL);
          g_autofree char *message = g_strdup_printf (_("same NIP as “%s”"), other->id);
          set_invalid (error, loader->file, nip_path, message);
          return FALSE;
        }
      expected_rank = rank_for_grade (person->grade);
      if (expected_rank == NULL)
        {
          g_autofree char *grade_path = g_strconcat (path, ".grade", NULL);
          g_autofree char *message = g_strdup_printf (_("unknown golongan “%s” (I/a … IV/e)"),
                                                      person->grade);
          set_invalid (error, loader->file, grade_path, message);
          return FALSE;
        }
      if (!g_str_equal (expected_rank, person->rank))
        {
          g_autofree char *rank_path = g_strconcat (path, ".rank", NULL);
          g_autofree char *message = g_strdup_printf (
            _("pangkat “%s” does not match golongan %s (“%s”)"), person->rank, person->grade,
            expected_rank);
          set_invalid (error, loader->file, rank_path, message);
          return FALSE;
        }
      g_hash_table_insert (people, person->id, person);
      g_hash_table_insert (nips, person->nip, person);
    }

  return TRUE;
}

/* Parses one agency file (@file is its name for messages) and adds it to @self. */
gboolean
_loket_org_chart_load_agency (LoketOrgChart *self,
             const char    *file,
             const char    *data,
             gsize          length,
             GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LoketOrgAgency) agency = g_new0 (LoketOrgAgency, 1);
  g_autoptr(GHashTable) units = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) nips = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *expected_id = NULL;
  Loader loader = { self, file, agency, units };
  JsonObject *root;
  JsonNode *node;

  agency->units = g_ptr_array_new_with_free_func ((GDestroyNotify) _loket_unit_free);
  agency->positions = g_ptr_array_new_with_free_func ((GDestroyNotify) _loket_position_free);
  agency->people = g_ptr_array_new_with_free_func ((GDestroyNotify) _loket_person_free);

  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      set_invalid (error, file, "$", local_error->message);
      return FALSE;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_invalid (error, file, "$", _("not an object"));
      return FALSE;
    }
  root = json_node_get_object (node);

  if (!get_string (&loader, root, "$", "agency", &agency->id, error)
      || !get_string (&loader, root, "$", "name", &agency->name, error))
    return FALSE;
  expected_id = g_strndup (file, strlen (file) - (g_str_has_suffix (file, ".json") ? 5 : 0));
  if (!g_str_equal (agency->id, expected_id) || strchr (agency->id, '/') != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("agency “%s” does not match the file name"),
                                                  agency->id);
      set_invalid (error, file, "$.agency", message);
      return FALSE;
    }
  if (g_hash_table_contains (self->agency_by_id, agency->id))
    {
      g_autofree char *message = g_strdup_printf (_("agency “%s” is loaded twice"), agency->id);
      set_invalid (error, file, "$.agency", message);
      return FALSE;
    }

  if (!load_units (&loader, root, error)
      || !load_positions (&loader, root, positions, error)
      || !load_people (&loader, root, positions, people, nips, error))
    return FALSE;

  /* Everything checked: publish. */
  for (guint i = 0; i < agency->units->len; i++)
    {
      LoketUnit *unit = g_ptr_array_index (agency->units, i);
      g_hash_table_insert (self->units, unit->id, unit);
    }
  for (guint i = 0; i < agency->positions->len; i++)
    {
      LoketPosition *position = g_ptr_array_index (agency->positions, i);
      g_hash_table_insert (self->positions, position->id, position);
    }
  for (guint i = 0; i < agency->people->len; i++)
    {
      LoketPerson *person = g_ptr_array_index (agency->people, i);
      g_hash_table_insert (self->people, person->id, person);
      g_hash_table_insert (self->nips, person->nip, person);
    }
  g_hash_table_insert (self->agency_by_id, agency->id, agency);
  g_ptr_array_add (self->agency_ids, agency->id);
  g_ptr_array_add (self->agencies, g_steal_pointer (&agency));

  return TRUE;
}

