// SPDX-License-Identifier: GPL-3.0-or-later
// The Kepala Dinas's dashboard: the office's units with their late cases counted, late first.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-window-private.h"

char *
_loket_window_head_agency (LoketWindow *self)
{
  g_autoptr (GPtrArray) acting = NULL;
  LoketOrgChart *org;

  if (self->workflow == NULL || self->person_id == NULL)
    return NULL;

  org = loket_workflow_get_org_chart (self->workflow);
  acting = loket_workflow_get_acting_positions (self->workflow, self->person_id, self->now);
  for (guint i = 0; i < acting->len; i++)
    {
      const LoketActingPosition *a = g_ptr_array_index (acting, i);
      const LoketPosition       *position = loket_org_chart_lookup_position (org, a->position_id);
      const LoketUnit           *unit;

      if (position == NULL || position->role != LOKET_ROLE_HEAD)
        continue;
      /* The agency is the root of the unit tree. */
      unit = loket_org_chart_lookup_unit (org, position->unit_id);
      while (unit != NULL && unit->parent_id != NULL)
        {
          const LoketUnit *parent = loket_org_chart_lookup_unit (org, unit->parent_id);

          if (parent == NULL)
            break;
          unit = parent;
        }
      if (unit != NULL)
        return g_strdup (unit->id);
    }
  return NULL;
}

/* Overdue cases counted per unit (unit id → count), by the store in one grouped query. */
static void
count_late_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LoketCaseQuery *query = task_data;
  GError         *error = NULL;
  GHashTable     *late = loket_store_count_overdue_by_unit (source, query->now, &error);

  if (late == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, late, (GDestroyNotify) g_hash_table_unref);
}

typedef struct
{
  GWeakRef self;
  void (*then) (LoketWindow *self);
} LateRequest;

static void
late_counted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LateRequest *request = user_data;
  g_autoptr (LoketWindow) self = g_weak_ref_get (&request->self);
  void (*then) (LoketWindow * self) = request->then;
  g_autoptr (GError) error = NULL;
  GHashTable *late;

  g_weak_ref_clear (&request->self);
  g_free (request);
  late = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&late, g_hash_table_unref);
      return;
    }
  if (late == NULL)
    g_debug ("Counting late cases failed: %s", error->message);
  g_clear_pointer (&self->late_by_unit, g_hash_table_unref);
  self->late_by_unit = late;
  then (self);
}

void
_loket_window_count_late_by_unit (LoketWindow *self, void (*then) (LoketWindow *self))
{
  g_autofree char *agency = _loket_window_head_agency (self);
  g_autoptr (GTask) task = NULL;
  LoketCaseQuery *query;
  LateRequest    *request;

  g_free (self->dashboard_agency);
  self->dashboard_agency = g_strdup (agency);
  if (agency == NULL || self->store == NULL)
    {
      g_clear_pointer (&self->late_by_unit, g_hash_table_unref);
      then (self);
      return;
    }

  query = loket_case_query_new ();
  query->filter = LOKET_CASE_FILTER_OVERDUE;
  query->agency_id = g_steal_pointer (&agency);
  query->now = self->now;
  request = g_new0 (LateRequest, 1);
  g_weak_ref_init (&request->self, self);
  request->then = then;
  task = g_task_new (self->store, self->cancellable, late_counted_cb, request);
  g_task_set_source_tag (task, _loket_window_count_late_by_unit);
  g_task_set_task_data (task, query, (GDestroyNotify) loket_case_query_free);
  g_task_run_in_thread (task, count_late_thread);
}
