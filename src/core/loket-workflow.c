// SPDX-License-Identifier: GPL-3.0-or-later
// The workflow engine object: instructions (data), Plh./Plt. stand-ins and the unit tree seen
// as superiors and subordinates. The rules themselves are in loket-workflow-rules.c.
#include "config.h"

#include "loket-workflow-private.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"

#define INSTRUCTIONS_RESOURCE "/io/github/loketapp/Loket/data/workflow/instructions.json"

G_DEFINE_FINAL_TYPE (LoketWorkflow, loket_workflow, G_TYPE_OBJECT)

/* ---- Small structs ------------------------------------------------------------------------ */

static void
instruction_free (LoketInstruction *self)
{
  g_free (self->id);
  g_free (self->label);
  g_free (self->label_id);
  g_free (self);
}

LoketStandIn *
loket_stand_in_new (const char      *person_id,
                    const char      *position_id,
                    LoketStandInKind kind,
                    gint64           starts_at,
                    gint64           ends_at)
{
  LoketStandIn *self = g_new0 (LoketStandIn, 1);

  self->person_id = g_strdup (person_id);
  self->position_id = g_strdup (position_id);
  self->kind = kind;
  self->starts_at = starts_at;
  self->ends_at = ends_at;
  return self;
}

LoketStandIn *
loket_stand_in_copy (const LoketStandIn *self)
{
  LoketStandIn *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = loket_stand_in_new (self->person_id, self->position_id, self->kind, self->starts_at,
                             self->ends_at);
  copy->id = g_strdup (self->id);
  copy->note = g_strdup (self->note);
  return copy;
}

void
loket_stand_in_free (LoketStandIn *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->person_id);
  g_free (self->position_id);
  g_free (self->note);
  g_free (self);
}

const char *
loket_stand_in_kind_to_string (LoketStandInKind kind)
{
  return kind == LOKET_STAND_IN_PLT ? "plt" : "plh";
}

gboolean
loket_stand_in_kind_from_string (const char *text, LoketStandInKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);
  if (g_strcmp0 (text, "plh") == 0)
    *kind = LOKET_STAND_IN_PLH;
  else if (g_strcmp0 (text, "plt") == 0)
    *kind = LOKET_STAND_IN_PLT;
  else
    return FALSE;
  return TRUE;
}

void
loket_acting_position_free (LoketActingPosition *self)
{
  if (self == NULL)
    return;
  g_free (self->position_id);
  g_free (self);
}

/* ---- Instructions ------------------------------------------------------------------------- */

static gboolean
load_instructions (LoketWorkflow *self, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *dir = g_getenv ("LOKET_WORKFLOW_DIR");
  JsonNode   *root;
  JsonArray  *array;

  if (dir != NULL && *dir != '\0')
    {
      g_autofree char *path = g_build_filename (dir, "instructions.json", NULL);
      g_autofree char *data = NULL;
      gsize            length;

      if (!g_file_get_contents (path, &data, &length, error))
        return FALSE;
      bytes = g_bytes_new_take (g_steal_pointer (&data), length);
    }
  else
    {
      bytes = g_resources_lookup_data (INSTRUCTIONS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return FALSE;
    }

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "instructions")
      || !JSON_NODE_HOLDS_ARRAY (
        json_object_get_member (json_node_get_object (root), "instructions")))
    {
      g_set_error_literal (
        error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
        _ ("instructions.json: an object with an “instructions” list is expected"));
      return FALSE;
    }

  array = json_object_get_array_member (json_node_get_object (root), "instructions");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode         *node = json_array_get_element (array, i);
      JsonObject       *object;
      LoketInstruction *instruction;
      const char       *id, *label, *label_id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto bad;
      object = json_node_get_object (node);
      id = json_object_get_string_member_with_default (object, "id", NULL);
      label = json_object_get_string_member_with_default (object, "label", NULL);
      label_id = json_object_get_string_member_with_default (object, "label_id", NULL);
      if (id == NULL || *id == '\0' || label == NULL || label_id == NULL
          || loket_workflow_lookup_instruction (self, id) != NULL)
        goto bad;
      instruction = g_new0 (LoketInstruction, 1);
      instruction->id = g_strdup (id);
      instruction->label = g_strdup (label);
      instruction->label_id = g_strdup (label_id);
      instruction->days
        = (guint) CLAMP (json_object_get_int_member_with_default (object, "days", 3), 1, 60);
      instruction->needs_report
        = json_object_get_boolean_member_with_default (object, "needs_report", TRUE);
      g_ptr_array_add (self->instructions, instruction);
      continue;

    bad:
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("instructions.json: item %u needs a unique “id”, a “label” and a “label_id”"),
                   i + 1);
      return FALSE;
    }
  return TRUE;
}

/* ---- The unit tree ------------------------------------------------------------------------ */

static gboolean
heads_unit (const LoketPosition *position, const LoketUnit *unit)
{
  switch (unit->kind)
    {
      case LOKET_UNIT_AGENCY:
        return position->role == LOKET_ROLE_HEAD;
      case LOKET_UNIT_SECRETARIAT:
        return position->role == LOKET_ROLE_SECRETARY;
      case LOKET_UNIT_DIVISION:
        return position->role == LOKET_ROLE_DIVISION_HEAD;
      case LOKET_UNIT_SUBDIVISION:
      case LOKET_UNIT_SECTION:
        return position->role == LOKET_ROLE_SECTION_HEAD;
      case LOKET_UNIT_UPTD:
        return position->role == LOKET_ROLE_UPTD_HEAD;
      default:
        return FALSE;
    }
}

/* The first head found from @unit_id upwards (the unit itself included). */
static const LoketPosition *
head_from (LoketWorkflow *self, const char *unit_id)
{
  while (unit_id != NULL)
    {
      const LoketUnit     *unit = loket_org_chart_lookup_unit (self->org_chart, unit_id);
      const LoketPosition *head = g_hash_table_lookup (self->unit_heads, unit_id);

      if (head != NULL)
        return head;
      if (unit == NULL)
        return NULL;
      unit_id = unit->parent_id;
    }
  return NULL;
}

static void
index_org_chart (LoketWorkflow *self)
{
  GPtrArray *agencies = loket_org_chart_get_agency_ids (self->org_chart);

  for (guint a = 0; a < agencies->len; a++)
    {
      GPtrArray *positions
        = loket_org_chart_get_positions (self->org_chart, g_ptr_array_index (agencies, a));

      for (guint i = 0; positions != NULL && i < positions->len; i++)
        {
          const LoketPosition *position = g_ptr_array_index (positions, i);
          const LoketUnit *unit = loket_org_chart_lookup_unit (self->org_chart, position->unit_id);

          if (unit != NULL && heads_unit (position, unit)
              && !g_hash_table_contains (self->unit_heads, unit->id))
            g_hash_table_insert (self->unit_heads, unit->id, (gpointer) position);
        }
    }

  for (guint a = 0; a < agencies->len; a++)
    {
      GPtrArray *positions
        = loket_org_chart_get_positions (self->org_chart, g_ptr_array_index (agencies, a));

      for (guint i = 0; positions != NULL && i < positions->len; i++)
        {
          const LoketPosition *position = g_ptr_array_index (positions, i);
          const LoketUnit *unit = loket_org_chart_lookup_unit (self->org_chart, position->unit_id);
          const LoketPosition *superior;

          if (unit == NULL)
            continue;
          if (g_hash_table_lookup (self->unit_heads, unit->id) == position)
            superior = head_from (self, unit->parent_id);
          else
            superior = head_from (self, unit->id);
          if (superior != NULL && superior != position)
            g_hash_table_insert (self->superiors, position->id, (gpointer) superior);
        }
    }
}

const char *
_loket_workflow_unit_agency (LoketWorkflow *self, const char *unit_id)
{
  const LoketUnit *unit = loket_org_chart_lookup_unit (self->org_chart, unit_id);

  while (unit != NULL && unit->parent_id != NULL)
    unit = loket_org_chart_lookup_unit (self->org_chart, unit->parent_id);
  return unit != NULL ? unit->id : NULL;
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
loket_workflow_finalize (GObject *object)
{
  LoketWorkflow *self = (LoketWorkflow *) object;

  g_clear_object (&self->org_chart);
  g_clear_object (&self->catalog);
  g_clear_object (&self->calendar);
  g_ptr_array_unref (self->instructions);
  g_hash_table_unref (self->unit_heads);
  g_hash_table_unref (self->superiors);
  g_ptr_array_unref (self->stand_ins);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (loket_workflow_parent_class)->finalize (object);
}

static void
loket_workflow_class_init (LoketWorkflowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_workflow_finalize;
}

static void
loket_workflow_init (LoketWorkflow *self)
{
  self->instructions = g_ptr_array_new_with_free_func ((GDestroyNotify) instruction_free);
  self->unit_heads = g_hash_table_new (g_str_hash, g_str_equal);
  self->superiors = g_hash_table_new (g_str_hash, g_str_equal);
  self->stand_ins = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_stand_in_free);
  g_mutex_init (&self->lock);
}

/* ---- Public API --------------------------------------------------------------------------- */

LoketWorkflow *
loket_workflow_new (LoketOrgChart       *org_chart,
                    LoketServiceCatalog *catalog,
                    LoketWorkCalendar   *calendar,
                    GError             **error)
{
  g_autoptr (LoketWorkflow) self = NULL;

  g_return_val_if_fail (LOKET_IS_ORG_CHART (org_chart), NULL);
  g_return_val_if_fail (LOKET_IS_SERVICE_CATALOG (catalog), NULL);
  g_return_val_if_fail (LOKET_IS_WORK_CALENDAR (calendar), NULL);

  self = g_object_new (LOKET_TYPE_WORKFLOW, NULL);
  self->org_chart = g_object_ref (org_chart);
  self->catalog = g_object_ref (catalog);
  self->calendar = g_object_ref (calendar);
  if (!load_instructions (self, error))
    return NULL;
  index_org_chart (self);
  return g_steal_pointer (&self);
}

LoketOrgChart *
loket_workflow_get_org_chart (LoketWorkflow *self)
{
  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), NULL);
  return self->org_chart;
}

LoketServiceCatalog *
loket_workflow_get_catalog (LoketWorkflow *self)
{
  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), NULL);
  return self->catalog;
}

LoketWorkCalendar *
loket_workflow_get_calendar (LoketWorkflow *self)
{
  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), NULL);
  return self->calendar;
}

GPtrArray *
loket_workflow_get_instructions (LoketWorkflow *self)
{
  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), NULL);
  return self->instructions;
}

const LoketInstruction *
loket_workflow_lookup_instruction (LoketWorkflow *self, const char *id)
{
  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), NULL);
  for (guint i = 0; id != NULL && i < self->instructions->len; i++)
    {
      const LoketInstruction *instruction = g_ptr_array_index (self->instructions, i);
      if (g_str_equal (instruction->id, id))
        return instruction;
    }
  return NULL;
}

static gboolean
check_stand_in (LoketWorkflow *self, const LoketStandIn *stand_in, GError **error)
{
  const LoketPerson *person = loket_org_chart_lookup_person (self->org_chart, stand_in->person_id);

  if (person == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("“%s” is not a person of the org chart"), stand_in->person_id);
      return FALSE;
    }
  if (loket_org_chart_lookup_position (self->org_chart, stand_in->position_id) == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("“%s” is not a position of the org chart"), stand_in->position_id);
      return FALSE;
    }
  if (g_strcmp0 (person->position_id, stand_in->position_id) == 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("A person cannot stand in for their own position"));
      return FALSE;
    }
  if (stand_in->ends_at <= stand_in->starts_at)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("A Plh./Plt. assignment must end after it starts"));
      return FALSE;
    }
  return TRUE;
}

void
loket_workflow_set_stand_ins (LoketWorkflow *self, GPtrArray *stand_ins)
{
  g_return_if_fail (LOKET_IS_WORKFLOW (self));

  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->stand_ins, 0);
  for (guint i = 0; stand_ins != NULL && i < stand_ins->len; i++)
    g_ptr_array_add (self->stand_ins, loket_stand_in_copy (g_ptr_array_index (stand_ins, i)));
  g_mutex_unlock (&self->lock);
}

gboolean
loket_workflow_add_stand_in (LoketWorkflow *self, const LoketStandIn *stand_in, GError **error)
{
  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), FALSE);
  g_return_val_if_fail (stand_in != NULL, FALSE);

  if (!check_stand_in (self, stand_in, error))
    return FALSE;
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->stand_ins, loket_stand_in_copy (stand_in));
  g_mutex_unlock (&self->lock);
  return TRUE;
}

GPtrArray *
loket_workflow_get_stand_ins (LoketWorkflow *self)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_stand_in_free);

  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), copies);
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->stand_ins->len; i++)
    g_ptr_array_add (copies, loket_stand_in_copy (g_ptr_array_index (self->stand_ins, i)));
  g_mutex_unlock (&self->lock);
  return copies;
}

const LoketPosition *
loket_workflow_get_unit_head (LoketWorkflow *self, const char *unit_id)
{
  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), NULL);
  return unit_id != NULL ? g_hash_table_lookup (self->unit_heads, unit_id) : NULL;
}

const LoketPosition *
loket_workflow_get_superior (LoketWorkflow *self, const char *position_id)
{
  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), NULL);
  return position_id != NULL ? g_hash_table_lookup (self->superiors, position_id) : NULL;
}

GPtrArray *
loket_workflow_get_subordinates (LoketWorkflow *self, const char *position_id)
{
  GPtrArray           *result = g_ptr_array_new ();
  const LoketPosition *position;
  GPtrArray           *positions;
  const char          *agency;

  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), result);

  position = loket_org_chart_lookup_position (self->org_chart, position_id);
  if (position == NULL)
    return result;
  agency = _loket_workflow_unit_agency (self, position->unit_id);
  positions = loket_org_chart_get_positions (self->org_chart, agency);
  for (guint i = 0; positions != NULL && i < positions->len; i++)
    {
      const LoketPosition *other = g_ptr_array_index (positions, i);

      if (g_hash_table_lookup (self->superiors, other->id) == position)
        g_ptr_array_add (result, (gpointer) other);
    }
  return result;
}

/* The first position of @role in @unit_id (no descent). */
static const LoketPosition *
first_in_unit (LoketWorkflow *self, const char *unit_id, LoketRole role)
{
  GPtrArray *positions
    = loket_org_chart_get_positions (self->org_chart, _loket_workflow_unit_agency (self, unit_id));

  for (guint i = 0; positions != NULL && i < positions->len; i++)
    {
      const LoketPosition *position = g_ptr_array_index (positions, i);
      if (position->role == role && g_strcmp0 (position->unit_id, unit_id) == 0)
        return position;
    }
  return NULL;
}

const LoketPosition *
loket_workflow_resolve_role (LoketWorkflow *self, const char *unit_id, LoketRole role)
{
  const LoketUnit *unit, *division;
  const char      *agency;

  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), NULL);

  unit = loket_org_chart_lookup_unit (self->org_chart, unit_id);
  if (unit == NULL)
    return NULL;
  agency = _loket_workflow_unit_agency (self, unit_id);
  division = loket_org_chart_get_division (self->org_chart, unit_id);

  switch (role)
    {
      case LOKET_ROLE_HEAD:
        return loket_workflow_get_unit_head (self, agency);
      case LOKET_ROLE_SECRETARY:
      case LOKET_ROLE_DIVISION_HEAD:
      case LOKET_ROLE_UPTD_HEAD:
        {
          const LoketPosition *head
            = division != NULL ? loket_workflow_get_unit_head (self, division->id) : NULL;
          return head != NULL && head->role == role ? head : NULL;
        }
      case LOKET_ROLE_SECTION_HEAD:
        if (unit->kind == LOKET_UNIT_SECTION || unit->kind == LOKET_UNIT_SUBDIVISION)
          return loket_workflow_get_unit_head (self, unit->id);
        {
          GPtrArray *units = loket_org_chart_get_units (self->org_chart, agency);

          for (guint i = 0; units != NULL && i < units->len; i++)
            {
              const LoketUnit *child = g_ptr_array_index (units, i);
              if (g_strcmp0 (child->parent_id, unit->id) == 0
                  && loket_workflow_get_unit_head (self, child->id) != NULL
                  && loket_workflow_get_unit_head (self, child->id)->role
                       == LOKET_ROLE_SECTION_HEAD)
                return loket_workflow_get_unit_head (self, child->id);
            }
          return NULL;
        }
      case LOKET_ROLE_REGISTRAR:
        {
          GPtrArray *positions = loket_org_chart_get_positions (self->org_chart, agency);

          for (guint i = 0; positions != NULL && i < positions->len; i++)
            if (((const LoketPosition *) g_ptr_array_index (positions, i))->role
                == LOKET_ROLE_REGISTRAR)
              return g_ptr_array_index (positions, i);
          return NULL;
        }
      case LOKET_ROLE_STAFF:
        return first_in_unit (self, unit->id, LOKET_ROLE_STAFF);
      default:
        return NULL;
    }
}

GPtrArray *
loket_workflow_get_acting_positions (LoketWorkflow *self, const char *person_id, gint64 at)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_acting_position_free);
  const LoketPerson *person;

  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), result);

  person = loket_org_chart_lookup_person (self->org_chart, person_id);
  if (person == NULL)
    return result;
  if (person->position_id != NULL)
    {
      LoketActingPosition *own = g_new0 (LoketActingPosition, 1);
      own->position_id = g_strdup (person->position_id);
      g_ptr_array_add (result, own);
    }

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->stand_ins->len; i++)
    {
      const LoketStandIn  *stand_in = g_ptr_array_index (self->stand_ins, i);
      LoketActingPosition *acting;

      if (g_strcmp0 (stand_in->person_id, person_id) != 0 || at < stand_in->starts_at
          || at >= stand_in->ends_at)
        continue;
      acting = g_new0 (LoketActingPosition, 1);
      acting->position_id = g_strdup (stand_in->position_id);
      acting->delegated = TRUE;
      acting->kind = stand_in->kind;
      acting->ends_at = stand_in->ends_at;
      g_ptr_array_add (result, acting);
    }
  g_mutex_unlock (&self->lock);
  return result;
}
