// SPDX-License-Identifier: GPL-3.0-or-later
// The Kepala Dinas's dashboard: the office's units with their late cases counted, late first.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-window-private.h"

#define LATE_PAGE 1000
#define LATE_MAX 50000

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

/* Overdue cases of the agency, counted per unit (unit id → count). */
static void
count_late_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LoketCaseQuery *query = task_data;
  GHashTable     *late = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GError         *error = NULL;

  for (guint offset = 0; offset < LATE_MAX; offset += LATE_PAGE)
    {
      g_autoptr (GPtrArray) cases = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      cases = loket_store_list_cases (source, query, offset, LATE_PAGE, &error);
      if (cases == NULL)
        {
          g_hash_table_unref (late);
          g_task_return_error (task, error);
          return;
        }
      for (guint i = 0; i < cases->len; i++)
        {
          const char *unit = loket_case_get_unit_id (g_ptr_array_index (cases, i));
          guint       n;

          if (unit == NULL)
            continue;
          n = GPOINTER_TO_UINT (g_hash_table_lookup (late, unit));
          g_hash_table_insert (late, g_strdup (unit), GUINT_TO_POINTER (n + 1));
        }
      if (cases->len < LATE_PAGE)
        break;
    }
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
