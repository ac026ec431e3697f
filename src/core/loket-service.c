// SPDX-License-Identifier: GPL-3.0-or-later
// One service of an agency's Standar Pelayanan; backed by its validated catalog record.
#include "config.h"

#include "loket-service.h"

#include "loket-catalog-private.h"

struct _LoketService
{
  GObject parent_instance;

  JsonObject *json; /* the service's object in the file, validated by the parser */
  char       *agency_id;
  char       *file_name;
  guint       index; /* position in the file's "services" array */
  GStrv       channels;
  GStrv       product_kinds;
  GStrv       defects;
  GPtrArray  *requirements; /* LoketRequirement, source order */
  GPtrArray  *sla_clauses;  /* LoketSlaClause, source order */
};

G_DEFINE_FINAL_TYPE (LoketService, loket_service, G_TYPE_OBJECT)

static const char *
string_member (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return json_node_get_string (node);
}

static void
loket_service_finalize (GObject *object)
{
  LoketService *self = LOKET_SERVICE (object);

  g_clear_pointer (&self->json, json_object_unref);
  g_free (self->agency_id);
  g_free (self->file_name);
  g_strfreev (self->channels);
  g_strfreev (self->product_kinds);
  g_strfreev (self->defects);
  g_clear_pointer (&self->requirements, g_ptr_array_unref);
  g_clear_pointer (&self->sla_clauses, g_ptr_array_unref);

  G_OBJECT_CLASS (loket_service_parent_class)->finalize (object);
}

static void
loket_service_class_init (LoketServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = loket_service_finalize;
}

static void
loket_service_init (LoketService *self)
{
  self->channels = g_new0 (char *, 1);
  self->product_kinds = g_new0 (char *, 1);
  self->defects = g_new0 (char *, 1);
  self->requirements = g_ptr_array_new_with_free_func (g_object_unref);
  self->sla_clauses = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_sla_clause_free);
}

LoketService *
_loket_service_new (JsonObject *json, const char *agency_id, const char *file_name, guint index)
{
  LoketService *self = g_object_new (LOKET_TYPE_SERVICE, NULL);

  self->json = json_object_ref (json);
  self->agency_id = g_strdup (agency_id);
  self->file_name = g_strdup (file_name);
  self->index = index;

  return self;
}

void
_loket_service_take_channels (LoketService *self, GStrv channels)
{
  g_strfreev (self->channels);
  self->channels = channels;
}

void
_loket_service_take_product_kinds (LoketService *self, GStrv kinds)
{
  g_strfreev (self->product_kinds);
  self->product_kinds = kinds;
}

void
_loket_service_take_defects (LoketService *self, GStrv defect_codes)
{
  g_strfreev (self->defects);
  self->defects = defect_codes;
}

void
_loket_service_add_requirement (LoketService *self, LoketRequirement *requirement)
{
  g_ptr_array_add (self->requirements, g_object_ref (requirement));
}

void
_loket_service_take_sla_clause (LoketService *self, LoketSlaClause *clause)
{
  g_ptr_array_add (self->sla_clauses, clause);
}

JsonObject *
_loket_service_get_json (LoketService *self)
{
  return self->json;
}

const char *
_loket_service_get_file_name (LoketService *self)
{
  return self->file_name;
}

guint
_loket_service_get_index (LoketService *self)
{
  return self->index;
}

GPtrArray *
_loket_service_get_all_requirements (LoketService *self)
{
  return self->requirements;
}

const char *
loket_service_get_id (LoketService *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), NULL);
  return string_member (self->json, "id");
}

const char *
loket_service_get_agency_id (LoketService *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), NULL);
  return self->agency_id;
}

const char *
loket_service_get_name (LoketService *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), NULL);
  return string_member (self->json, "name");
}

const char *
loket_service_get_name_source (LoketService *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), NULL);
  return string_member (self->json, "name_source");
}

const char *
loket_service_get_lampiran (LoketService *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), NULL);
  return string_member (self->json, "lampiran");
}

const char *
loket_service_get_unit_id (LoketService *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), NULL);
  return string_member (self->json, "unit");
}

gboolean
loket_service_get_unit_inferred (LoketService *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), FALSE);
  return json_object_get_boolean_member (self->json, "unit_inferred");
}

const char *const *
loket_service_get_channels (LoketService *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), NULL);
  return (const char *const *) self->channels;
}

gboolean
loket_service_has_channel (LoketService *self, const char *channel)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), FALSE);
  g_return_val_if_fail (channel != NULL, FALSE);

  return g_strv_contains ((const char *const *) self->channels, channel);
}

GPtrArray *
loket_service_get_requirements (LoketService *self, const char *channel)
{
  GPtrArray *result;

  g_return_val_if_fail (LOKET_IS_SERVICE (self), NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->requirements->len; i++)
    {
      LoketRequirement *requirement = g_ptr_array_index (self->requirements, i);
      const char       *own = loket_requirement_get_channel (requirement);

      if (channel == NULL || own == NULL || g_str_equal (own, channel))
        g_ptr_array_add (result, g_object_ref (requirement));
    }

  return result;
}

GPtrArray *
loket_service_get_sla_clauses (LoketService *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), NULL);
  return self->sla_clauses;
}

const LoketSlaClause *
loket_service_get_deadline_clause (LoketService *self, const char *channel)
{
  const LoketSlaClause *general = NULL;
  const LoketSlaClause *first_stage = NULL;

  g_return_val_if_fail (LOKET_IS_SERVICE (self), NULL);

  for (guint i = 0; i < self->sla_clauses->len; i++)
    {
      const LoketSlaClause *clause = g_ptr_array_index (self->sla_clauses, i);

      if (clause->stage == NULL)
        {
          if (clause->channel == NULL)
            {
              if (general == NULL)
                general = clause;
            }
          else if (channel != NULL && g_str_equal (clause->channel, channel))
            {
              return clause;
            }
        }
      else if (first_stage == NULL
               && (clause->channel == NULL
                   || (channel != NULL && g_str_equal (clause->channel, channel))))
        {
          first_stage = clause;
        }
    }

  if (general != NULL)
    return general;

  /* A staged SLA is only the deadline when the service has no whole-service clause at all. */
  for (guint i = 0; i < self->sla_clauses->len; i++)
    {
      const LoketSlaClause *clause = g_ptr_array_index (self->sla_clauses, i);

      if (clause->stage == NULL)
        return NULL;
    }

  return first_stage;
}

const char *const *
loket_service_get_product_kinds (LoketService *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), NULL);
  return (const char *const *) self->product_kinds;
}

const char *
loket_service_get_fee (LoketService *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), NULL);
  return string_member (json_object_get_object_member (self->json, "fee"), "text");
}

gboolean
loket_service_is_retired (LoketService *self)
{
  JsonNode *node;

  g_return_val_if_fail (LOKET_IS_SERVICE (self), FALSE);

  /* The loader let only true, false or null through. */
  node = json_object_get_member (self->json, "retired");
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_boolean (node);
}

gboolean
loket_service_is_free (LoketService *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), FALSE);
  return json_object_get_boolean_member (json_object_get_object_member (self->json, "fee"), "free");
}

const char *const *
loket_service_get_source_defects (LoketService *self)
{
  g_return_val_if_fail (LOKET_IS_SERVICE (self), NULL);
  return (const char *const *) self->defects;
}
