// SPDX-License-Identifier: GPL-3.0-or-later
// Paraf routes as data: loader, matching and resolution against the org chart.
#include "config.h"

#include "loket-paraf-routes.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"

#define ROUTES_RESOURCE "/io/github/loketapp/Loket/data/workflow/paraf-routes.json"

typedef struct
{
  char   *id;
  char   *label;
  GStrv   services;   /* NULL: any */
  GStrv   units;      /* NULL: any */
  GStrv   kinds;      /* NULL: any */
  GArray *unit_kinds; /* LoketUnitKind; NULL: any */
  GArray *steps;      /* LoketRole */
} Route;

struct _LoketParafRoutes
{
  GObject parent_instance;

  /* Owned references */
  GPtrArray    *routes; /* Route */
  LoketHandover handover;
};

G_DEFINE_FINAL_TYPE (LoketParafRoutes, loket_paraf_routes, G_TYPE_OBJECT)

static void
route_free (Route *route)
{
  g_free (route->id);
  g_free (route->label);
  g_strfreev (route->services);
  g_strfreev (route->units);
  g_strfreev (route->kinds);
  g_clear_pointer (&route->unit_kinds, g_array_unref);
  g_clear_pointer (&route->steps, g_array_unref);
  g_free (route);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Route, route_free)

/* A list of strings member, NULL when absent; FALSE when present but not a non-empty list of
 * non-empty strings. */
static gboolean
read_strv (JsonObject *object, const char *member, GStrv *out)
{
  g_autoptr (GStrvBuilder) builder = NULL;
  JsonNode  *node = json_object_get_member (object, member);
  JsonArray *array;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return FALSE;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING
          || *json_node_get_string (element) == '\0')
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static Route *
parse_route (JsonNode *node, guint index, GError **error)
{
  g_autoptr (Route) route = g_new0 (Route, 1);
  g_auto (GStrv) steps = NULL;
  g_auto (GStrv) unit_kinds = NULL;
  JsonObject *object;
  const char *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto bad;
  object = json_node_get_object (node);
  id = json_object_get_string_member_with_default (object, "id", NULL);
  if (id == NULL || *id == '\0')
    goto bad;
  route->id = g_strdup (id);
  route->label = g_strdup (json_object_get_string_member_with_default (object, "label", id));
  if (!read_strv (object, "services", &route->services)
      || !read_strv (object, "units", &route->units) || !read_strv (object, "kinds", &route->kinds)
      || !read_strv (object, "unit_kinds", &unit_kinds) || !read_strv (object, "steps", &steps)
      || steps == NULL)
    goto bad;

  route->steps = g_array_new (FALSE, FALSE, sizeof (LoketRole));
  for (guint i = 0; steps[i] != NULL; i++)
    {
      LoketRole role;

      if (!loket_role_from_string (steps[i], &role) || role == LOKET_ROLE_STAFF
          || role == LOKET_ROLE_REGISTRAR)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _ ("paraf-routes.json: route “%s” has an unknown step “%s”"), route->id,
                       steps[i]);
          return NULL;
        }
      g_array_append_val (route->steps, role);
    }
  if (unit_kinds != NULL)
    {
      route->unit_kinds = g_array_new (FALSE, FALSE, sizeof (LoketUnitKind));
      for (guint i = 0; unit_kinds[i] != NULL; i++)
        {
          LoketUnitKind kind;

          if (!loket_unit_kind_from_string (unit_kinds[i], &kind))
            {
              g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("paraf-routes.json: route “%s” has an unknown unit kind “%s”"),
                           route->id, unit_kinds[i]);
              return NULL;
            }
          g_array_append_val (route->unit_kinds, kind);
        }
    }
  return g_steal_pointer (&route);

bad:
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
               _ ("paraf-routes.json: route %u needs an “id” and a list of “steps”; “services”, "
                  "“units”, “unit_kinds” and “kinds” must be non-empty lists of strings"),
               index + 1);
  return NULL;
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
loket_paraf_routes_finalize (GObject *object)
{
  LoketParafRoutes *self = LOKET_PARAF_ROUTES (object);

  g_clear_pointer (&self->routes, g_ptr_array_unref);
  g_clear_pointer (&self->handover.instruction, g_free);
  g_clear_pointer (&self->handover.note, g_free);

  G_OBJECT_CLASS (loket_paraf_routes_parent_class)->finalize (object);
}

static void
loket_paraf_routes_class_init (LoketParafRoutesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_paraf_routes_finalize;
}

static void
loket_paraf_routes_init (LoketParafRoutes *self)
{
  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) route_free);
}

/* ---- Public API --------------------------------------------------------------------------- */

LoketParafRoutes *
loket_paraf_routes_new_from_data (const char *data, gssize length, GError **error)
{
  g_autoptr (LoketParafRoutes) self = g_object_new (LOKET_TYPE_PARAF_ROUTES, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode   *root, *routes, *handover;
  JsonObject *object, *h;
  const char *role, *instruction, *note;

  g_return_val_if_fail (data != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, error))
    {
      g_prefix_error (error, "paraf-routes.json: ");
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (routes = json_object_get_member (json_node_get_object (root), "routes")) == NULL
      || !JSON_NODE_HOLDS_ARRAY (routes))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("paraf-routes.json: an object with a “routes” list is expected"));
      return NULL;
    }
  object = json_node_get_object (root);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (routes)); i++)
    {
      Route *route
        = parse_route (json_array_get_element (json_node_get_array (routes), i), i, error);

      if (route == NULL)
        return NULL;
      g_ptr_array_add (self->routes, route);
    }

  handover = json_object_get_member (object, "handover");
  h = handover != NULL && JSON_NODE_HOLDS_OBJECT (handover) ? json_node_get_object (handover)
                                                            : NULL;
  role = h != NULL ? json_object_get_string_member_with_default (h, "role", NULL) : NULL;
  instruction
    = h != NULL ? json_object_get_string_member_with_default (h, "instruction", NULL) : NULL;
  note = h != NULL ? json_object_get_string_member_with_default (h, "note", NULL) : NULL;
  if (role == NULL || !loket_role_from_string (role, &self->handover.role) || instruction == NULL
      || *instruction == '\0')
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("paraf-routes.json: “handover” needs a known “role” and an "
                              "“instruction”"));
      return NULL;
    }
  self->handover.instruction = g_strdup (instruction);
  self->handover.note = g_strdup (note);
  return g_steal_pointer (&self);
}

LoketParafRoutes *
loket_paraf_routes_new_default (GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  const char *dir = g_getenv ("LOKET_WORKFLOW_DIR");

  if (dir != NULL && *dir != '\0')
    {
      g_autofree char *path = g_build_filename (dir, "paraf-routes.json", NULL);
      g_autofree char *data = NULL;
      gsize            length;

      if (!g_file_get_contents (path, &data, &length, error))
        return NULL;
      bytes = g_bytes_new_take (g_steal_pointer (&data), length);
    }
  else
    {
      bytes = g_resources_lookup_data (ROUTES_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return NULL;
    }
  return loket_paraf_routes_new_from_data (g_bytes_get_data (bytes, NULL),
                                           (gssize) g_bytes_get_size (bytes), error);
}

guint
loket_paraf_routes_get_n_routes (LoketParafRoutes *self)
{
  g_return_val_if_fail (LOKET_IS_PARAF_ROUTES (self), 0);
  return self->routes->len;
}

const LoketHandover *
loket_paraf_routes_get_handover (LoketParafRoutes *self)
{
  g_return_val_if_fail (LOKET_IS_PARAF_ROUTES (self), NULL);
  return &self->handover;
}

/* Whether @unit_id is @ancestor_id or lies inside it. */
static gboolean
unit_within (LoketOrgChart *chart, const char *unit_id, const char *ancestor_id)
{
  for (const LoketUnit *unit = loket_org_chart_lookup_unit (chart, unit_id); unit != NULL;
       unit = unit->parent_id != NULL ? loket_org_chart_lookup_unit (chart, unit->parent_id) : NULL)
    if (g_str_equal (unit->id, ancestor_id))
      return TRUE;
  return FALSE;
}

static int
route_score (LoketParafRoutes *self,
             Route            *route,
             LoketOrgChart    *chart,
             const char       *service_id,
             const char       *unit_id,
             const char       *kind)
{
  int score = 0;

  if (route->services != NULL)
    {
      if (service_id == NULL
          || !g_strv_contains ((const char *const *) route->services, service_id))
        return -1;
      score += 8;
    }
  if (route->units != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; !found && route->units[i] != NULL; i++)
        found = unit_within (chart, unit_id, route->units[i]);
      if (!found)
        return -1;
      score += 4;
    }
  if (route->kinds != NULL)
    {
      if (kind == NULL || !g_strv_contains ((const char *const *) route->kinds, kind))
        return -1;
      score += 2;
    }
  if (route->unit_kinds != NULL)
    {
      const LoketUnit *division = loket_org_chart_get_division (chart, unit_id);
      gboolean         found = FALSE;

      for (guint i = 0; division != NULL && !found && i < route->unit_kinds->len; i++)
        found = g_array_index (route->unit_kinds, LoketUnitKind, i) == division->kind;
      if (!found)
        return -1;
      score += 1;
    }
  return score;
}

static Route *
match_route (LoketParafRoutes *self,
             LoketWorkflow    *workflow,
             const char       *service_id,
             const char       *unit_id,
             const char       *kind)
{
  LoketOrgChart *chart = loket_workflow_get_org_chart (workflow);
  Route         *best = NULL;
  int            best_score = -1;

  for (guint i = 0; i < self->routes->len; i++)
    {
      Route *route = g_ptr_array_index (self->routes, i);
      int    score = route_score (self, route, chart, service_id, unit_id, kind);

      if (score > best_score)
        {
          best = route;
          best_score = score;
        }
    }
  return best;
}

const char *
loket_paraf_routes_match (LoketParafRoutes *self,
                          LoketWorkflow    *workflow,
                          const char       *service_id,
                          const char       *unit_id,
                          const char       *kind)
{
  Route *route;

  g_return_val_if_fail (LOKET_IS_PARAF_ROUTES (self), NULL);
  g_return_val_if_fail (LOKET_IS_WORKFLOW (workflow), NULL);

  if (unit_id == NULL
      || loket_org_chart_lookup_unit (loket_workflow_get_org_chart (workflow), unit_id) == NULL)
    return NULL;
  route = match_route (self, workflow, service_id, unit_id, kind);
  return route != NULL ? route->id : NULL;
}

const LoketPosition *
loket_paraf_routes_resolve_role (LoketWorkflow *workflow, const char *unit_id, LoketRole role)
{
  LoketOrgChart       *chart = loket_workflow_get_org_chart (workflow);
  const LoketPosition *position = loket_workflow_resolve_role (workflow, unit_id, role);
  const LoketUnit     *unit;
  GPtrArray           *positions;

  if (position != NULL || role != LOKET_ROLE_SECRETARY)
    return position;
  /* The Sekretaris Dinas gives the last paraf across units (SOP z–gg): the agency's one. */
  unit = loket_org_chart_lookup_unit (chart, unit_id);
  while (unit != NULL && unit->parent_id != NULL)
    unit = loket_org_chart_lookup_unit (chart, unit->parent_id);
  positions = unit != NULL ? loket_org_chart_get_positions (chart, unit->id) : NULL;
  for (guint i = 0; positions != NULL && i < positions->len; i++)
    if (((const LoketPosition *) g_ptr_array_index (positions, i))->role == LOKET_ROLE_SECRETARY)
      return g_ptr_array_index (positions, i);
  return NULL;
}

GPtrArray *
loket_paraf_routes_resolve (LoketParafRoutes *self,
                            LoketWorkflow    *workflow,
                            const char       *service_id,
                            const char       *unit_id,
                            const char       *kind,
                            const char       *drafter_position,
                            GError          **error)
{
  g_autoptr (GPtrArray) positions = g_ptr_array_new_with_free_func (g_free);
  LoketOrgChart       *chart;
  const LoketPosition *drafter = NULL;
  const char          *base_unit = unit_id;
  Route               *route;

  g_return_val_if_fail (LOKET_IS_PARAF_ROUTES (self), NULL);
  g_return_val_if_fail (LOKET_IS_WORKFLOW (workflow), NULL);

  chart = loket_workflow_get_org_chart (workflow);
  if (unit_id == NULL || loket_org_chart_lookup_unit (chart, unit_id) == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("No unit “%s” in the org chart"),
                   unit_id != NULL ? unit_id : "");
      return NULL;
    }
  route = match_route (self, workflow, service_id, unit_id, kind);
  if (route == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                   _ ("No paraf route applies to this case"));
      return NULL;
    }

  /* The Kasi of the drafter's own Seksi when the drafter works in the same Bidang. */
  if (drafter_position != NULL)
    drafter = loket_org_chart_lookup_position (chart, drafter_position);
  if (drafter != NULL && drafter->unit_id != NULL)
    {
      const LoketUnit *a = loket_org_chart_get_division (chart, drafter->unit_id);
      const LoketUnit *b = loket_org_chart_get_division (chart, unit_id);

      if (a != NULL && b != NULL && g_str_equal (a->id, b->id))
        base_unit = drafter->unit_id;
    }

  for (guint i = 0; i < route->steps->len; i++)
    {
      LoketRole            role = g_array_index (route->steps, LoketRole, i);
      const LoketPosition *position = loket_paraf_routes_resolve_role (workflow, base_unit, role);
      gboolean             last = i + 1 == route->steps->len;

      if (position == NULL)
        {
          if (last)
            {
              g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("Route “%s” has no signer (%s) for this unit"), route->id,
                           loket_role_to_string (role));
              return NULL;
            }
          continue;
        }
      if (drafter != NULL && g_str_equal (position->id, drafter->id))
        {
          /* The drafter does not initial their own draft: start above them. */
          g_ptr_array_set_size (positions, 0);
          continue;
        }
      if (g_ptr_array_find_with_equal_func (positions, position->id, g_str_equal, NULL))
        continue;
      g_ptr_array_add (positions, g_strdup (position->id));
    }
  if (positions->len == 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("Nobody is left to initial or sign this draft on route “%s”"), route->id);
      return NULL;
    }
  return g_steal_pointer (&positions);
}
