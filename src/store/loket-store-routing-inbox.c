// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore: the per-person inboxes (Disposisi Masuk, Perlu Tindakan, Menunggu Paraf, Menunggu
// Tanda Tangan, Terkirim, Terlambat) over the `dispositions` table and the case projections.
//
// Every count is an index range (dispositions_received, dispositions_sent, cases_by_holder,
// cases_by_agency, cases_by_agency_holder). Lists: Disposisi Masuk and Terkirim newest first;
// Perlu Tindakan and Terlambat by due date (none last), then the Kadis's undisposed cases by
// receipt; Menunggu Paraf / Tanda Tangan by due date.
#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"
#include "loket-projection-store.h"
#include "loket-store-intake-private.h"
#include "loket-store-routing-private.h"

static const char *const inbox_names[] = {
  [LOKET_INBOX_INCOMING] = "incoming",
  [LOKET_INBOX_NEEDS_ACTION] = "needs_action",
  [LOKET_INBOX_AWAITING_PARAF] = "awaiting_paraf",
  [LOKET_INBOX_AWAITING_SIGNATURE] = "awaiting_signature",
  [LOKET_INBOX_SENT] = "sent",
  [LOKET_INBOX_LATE] = "late",
};

const char *
loket_inbox_to_string (LoketInbox inbox)
{
  g_return_val_if_fail ((guint) inbox < G_N_ELEMENTS (inbox_names), NULL);
  return inbox_names[inbox];
}

gboolean
loket_inbox_from_string (const char *text, LoketInbox *inbox)
{
  g_return_val_if_fail (inbox != NULL, FALSE);
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (inbox_names); i++)
    if (g_str_equal (text, inbox_names[i]))
      {
        *inbox = (LoketInbox) i;
        return TRUE;
      }
  return FALSE;
}

void
loket_inbox_item_free (LoketInboxItem *item)
{
  if (item == NULL)
    return;
  g_clear_object (&item->kase);
  g_clear_pointer (&item->disposition, loket_disposition_free);
  g_free (item);
}

typedef struct
{
  LoketStore *self;
  char       *person_id;
  LoketInbox  inbox;
  gint64      now;
  guint       offset;
  guint       limit;
} InboxOp;

static void
inbox_op_free (InboxOp *op)
{
  g_free (op->person_id);
  g_free (op);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InboxOp, inbox_op_free)

static InboxOp *
inbox_op_new (LoketStore *self, const char *person_id, LoketInbox inbox, gint64 now)
{
  InboxOp *op = g_new0 (InboxOp, 1);

  op->self = self;
  op->person_id = g_strdup (person_id);
  op->inbox = inbox;
  op->now = now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
  return op;
}

/* One acting position, with what the case-based inboxes need. */
typedef struct
{
  const char *position_id;
  const char *agency_id; /* set when the position is the agency's Kepala Dinas */
} Seat;

/* The positions @op's person acts for now. LOKET_ERROR_NOT_FOUND for an unknown person. */
static GArray *
seats (InboxOp *op, LoketWorkflow *workflow, GPtrArray **acting, GError **error)
{
  GArray *result;

  if (loket_org_chart_lookup_person (loket_workflow_get_org_chart (workflow), op->person_id)
      == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                   _ ("“%s” is not a person of the org chart"), op->person_id);
      return NULL;
    }
  *acting = loket_workflow_get_acting_positions (workflow, op->person_id, op->now);
  result = g_array_new (FALSE, TRUE, sizeof (Seat));
  for (guint i = 0; i < (*acting)->len; i++)
    {
      const LoketActingPosition *as = g_ptr_array_index (*acting, i);
      const LoketPosition       *position = loket_org_chart_lookup_position (
              loket_workflow_get_org_chart (workflow), as->position_id);
      Seat seat = { as->position_id, NULL };

      if (position != NULL && position->role == LOKET_ROLE_HEAD)
        {
          /* The agency is the root of the unit tree (its id is the agency id). */
          LoketOrgChart   *org = loket_workflow_get_org_chart (workflow);
          const LoketUnit *unit = loket_org_chart_lookup_unit (org, position->unit_id);

          while (unit != NULL && unit->parent_id != NULL)
            unit = loket_org_chart_lookup_unit (org, unit->parent_id);
          seat.agency_id = unit != NULL ? unit->id : position->unit_id;
        }
      g_array_append_val (result, seat);
    }
  return result;
}

static gboolean
count_sql (LoketDb    *db,
           const char *sql,
           const char *text,
           gint64      number,
           guint      *total,
           GError    **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (db, sql, error);
  gboolean have_row;

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, text);
  loket_db_statement_bind_int64 (stmt, 2, number);
  if (!loket_db_statement_step (stmt, &have_row, error))
    return FALSE;
  if (have_row)
    *total += (guint) loket_db_statement_get_int64 (stmt, 0);
  return TRUE;
}

/* The SQL of each count; ?1 = position (or agency), ?2 = a number (state, status or now). */
#define SQL_UNREAD "SELECT count(*) FROM dispositions WHERE position_id = ?1 AND state = ?2"
#define SQL_RECEIVED_OPEN                                                                          \
  "SELECT count(*) FROM dispositions WHERE position_id = ?1 AND state IN (0, 1) AND ?2 = ?2"
#define SQL_UNDISPOSED                                                                             \
  "SELECT count(*) FROM cases WHERE agency_id = ?1 AND is_open = 1 AND holder IS NULL AND ?2 = ?2"
#define SQL_HELD_IN_STATUS "SELECT count(*) FROM cases WHERE holder = ?1 AND status_rank = ?2"
#define SQL_AGENCY_IN_STATUS "SELECT count(*) FROM cases WHERE agency_id = ?1 AND status_rank = ?2"
#define SQL_SENT_OPEN                                                                              \
  "SELECT count(*) FROM dispositions WHERE from_position = ?1 AND is_open = 1 AND ?2 = ?2"
#define SQL_LATE                                                                                   \
  "SELECT count(*) FROM dispositions WHERE position_id = ?1 AND state IN (0, 1, 2) "               \
  "AND due_at > 0 AND due_at < ?2"

static gboolean
count_on_thread (gpointer data, gpointer *result, GError **error)
{
  InboxOp       *op = data;
  LoketDb       *db = op->self->db;
  LoketWorkflow *workflow = _loket_store_workflow_on_thread (op->self, error);
  g_autoptr (GPtrArray) acting = NULL;
  g_autoptr (GArray) list = NULL;
  LoketInboxCounts *counts;
  guint            *c;

  if (workflow == NULL)
    return FALSE;
  list = seats (op, workflow, &acting, error);
  if (list == NULL)
    return FALSE;

  counts = g_new0 (LoketInboxCounts, 1);
  c = counts->counts;
  for (guint i = 0; i < list->len; i++)
    {
      Seat    *s = &g_array_index (list, Seat, i);
      gboolean ok
        = count_sql (db, SQL_UNREAD, s->position_id, LOKET_DISPOSITION_UNREAD,
                     &c[LOKET_INBOX_INCOMING], error)
          && count_sql (db, SQL_RECEIVED_OPEN, s->position_id, 0, &c[LOKET_INBOX_NEEDS_ACTION],
                        error)
          && (s->agency_id == NULL
              || count_sql (db, SQL_UNDISPOSED, s->agency_id, 0, &c[LOKET_INBOX_NEEDS_ACTION],
                            error))
          && count_sql (db, SQL_HELD_IN_STATUS, s->position_id, LOKET_CASE_STATUS_DRAFTING,
                        &c[LOKET_INBOX_AWAITING_PARAF], error)
          && (s->agency_id != NULL ? count_sql (db, SQL_AGENCY_IN_STATUS, s->agency_id,
                                                LOKET_CASE_STATUS_AWAITING_SIGNATURE,
                                                &c[LOKET_INBOX_AWAITING_SIGNATURE], error)
                                   : count_sql (db, SQL_HELD_IN_STATUS, s->position_id,
                                                LOKET_CASE_STATUS_AWAITING_SIGNATURE,
                                                &c[LOKET_INBOX_AWAITING_SIGNATURE], error))
          && count_sql (db, SQL_SENT_OPEN, s->position_id, 0, &c[LOKET_INBOX_SENT], error)
          && count_sql (db, SQL_LATE, s->position_id, op->now, &c[LOKET_INBOX_LATE], error);

      if (!ok)
        {
          g_free (counts);
          return FALSE;
        }
    }
  *result = counts;
  return TRUE;
}

gboolean
loket_store_count_person_inboxes (LoketStore       *self,
                                  const char       *person_id,
                                  gint64            now,
                                  LoketInboxCounts *counts,
                                  GError          **error)
{
  g_autoptr (InboxOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (person_id != NULL && counts != NULL, FALSE);

  op = inbox_op_new (self, person_id, 0, now);
  if (!_loket_store_intake_run_sync (self, count_on_thread, op, &result, error))
    return FALSE;
  *counts = *(LoketInboxCounts *) result;
  g_free (result);
  return TRUE;
}

void
loket_store_count_person_inboxes_async (LoketStore         *self,
                                        const char         *person_id,
                                        gint64              now,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (person_id != NULL);

  _loket_store_intake_run_async (
    self, count_on_thread, inbox_op_new (self, person_id, 0, now), (GDestroyNotify) inbox_op_free,
    g_free, loket_store_count_person_inboxes_async, cancellable, callback, user_data);
}

gboolean
loket_store_count_person_inboxes_finish (LoketStore       *self,
                                         GAsyncResult     *result,
                                         LoketInboxCounts *counts,
                                         GError          **error)
{
  gpointer out = NULL;

  if (!_loket_store_intake_finish (self, result, loket_store_count_person_inboxes_async, &out,
                                   error))
    return FALSE;
  if (counts != NULL)
    *counts = *(LoketInboxCounts *) out;
  g_free (out);
  return TRUE;
}

/* ---- Lists -------------------------------------------------------------------------------- */

/* "'a', 'b'" for an IN list of positions or agencies (ids come from the org chart, quoted). */
static char *
in_list (GArray *list, gboolean agencies)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      Seat            *s = &g_array_index (list, Seat, i);
      const char      *id = agencies ? s->agency_id : s->position_id;
      g_autofree char *quoted = NULL;

      if (id == NULL)
        continue;
      quoted = g_strdup (id);
      g_strdelimit (quoted, "'", '_');
      g_string_append_printf (text, "%s'%s'", text->len > 0 ? ", " : "", quoted);
    }
  if (text->len == 0)
    g_string_append (text, "NULL");
  return g_string_free (text, FALSE);
}

/* Adds the rows of @sql (bound: now, limit, offset) to @items: rows of the dispositions table when
 * @dispositions, else case rows whose first column is the case UUID. A case that is gone is
 * skipped. */
static gboolean
add_rows (InboxOp    *op,
          const char *sql,
          gboolean    dispositions,
          guint       offset,
          guint       limit,
          GPtrArray  *items,
          GError    **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (op->self->db, sql, error);
  gboolean have_row;

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_int64 (stmt, 1, op->now);
  loket_db_statement_bind_int64 (stmt, 2, limit);
  loket_db_statement_bind_int64 (stmt, 3, offset);
  for (;;)
    {
      g_autoptr (GError) local_error = NULL;
      LoketInboxItem *item;
      const char     *case_uuid;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;
      item = g_new0 (LoketInboxItem, 1);
      if (dispositions)
        {
          item->disposition = _loket_store_disposition_from_row (stmt);
          item->unread = item->disposition->state == LOKET_DISPOSITION_UNREAD;
          case_uuid = item->disposition->case_uuid;
        }
      else
        case_uuid = loket_db_statement_get_text (stmt, 0);
      item->kase = loket_projection_store_load (op->self->db, case_uuid, &local_error);
      if (item->kase == NULL)
        {
          loket_inbox_item_free (item);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          continue;
        }
      item->late = dispositions ? loket_disposition_is_late (item->disposition, op->now)
                                : loket_case_is_overdue (item->kase, op->now);
      g_ptr_array_add (items, item);
    }
  return TRUE;
}

static gboolean
count_query (LoketDb *db, const char *sql, guint *n, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (db, sql, error);
  gboolean have_row;

  if (stmt == NULL)
    return FALSE;
  if (!loket_db_statement_step (stmt, &have_row, error))
    return FALSE;
  *n = have_row ? (guint) loket_db_statement_get_int64 (stmt, 0) : 0;
  return TRUE;
}

static gboolean
list_on_thread (gpointer data, gpointer *result, GError **error)
{
  InboxOp       *op = data;
  LoketWorkflow *workflow = _loket_store_workflow_on_thread (op->self, error);
  g_autoptr (GPtrArray) acting = NULL;
  g_autoptr (GArray) list = NULL;
  g_autoptr (GPtrArray) items
    = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_inbox_item_free);
  g_autofree char *positions = NULL;
  g_autofree char *agencies = NULL;
  g_autofree char *sql = NULL;
  gboolean         ok = TRUE;

  if (workflow == NULL)
    return FALSE;
  list = seats (op, workflow, &acting, error);
  if (list == NULL)
    return FALSE;
  positions = in_list (list, FALSE);
  agencies = in_list (list, TRUE);

  switch (op->inbox)
    {
      case LOKET_INBOX_INCOMING:
        sql = g_strdup_printf ("SELECT " LOKET_DISPOSITION_COLUMNS " FROM dispositions WHERE "
                               "position_id IN (%s) AND state <> 4 AND ?1 = ?1 "
                               "ORDER BY sent_hlc DESC, id DESC LIMIT ?2 OFFSET ?3",
                               positions);
        ok = add_rows (op, sql, TRUE, op->offset, op->limit, items, error);
        break;
      case LOKET_INBOX_SENT:
        sql
          = g_strdup_printf ("SELECT " LOKET_DISPOSITION_COLUMNS " FROM dispositions WHERE "
                             "from_position IN (%s) AND ?1 = ?1 "
                             "ORDER BY sent_hlc DESC, id DESC, position_id DESC LIMIT ?2 OFFSET ?3",
                             positions);
        ok = add_rows (op, sql, TRUE, op->offset, op->limit, items, error);
        break;
      case LOKET_INBOX_LATE:
        sql = g_strdup_printf ("SELECT " LOKET_DISPOSITION_COLUMNS " FROM dispositions WHERE "
                               "position_id IN (%s) AND state IN (0, 1, 2) AND due_at > 0 AND "
                               "due_at < ?1 ORDER BY due_at, id LIMIT ?2 OFFSET ?3",
                               positions);
        ok = add_rows (op, sql, TRUE, op->offset, op->limit, items, error);
        break;
      case LOKET_INBOX_NEEDS_ACTION:
        {
          g_autofree char *count = g_strdup_printf (
            "SELECT count(*) FROM dispositions WHERE position_id IN (%s) AND state IN (0, 1)",
            positions);
          guint n = 0;

          sql = g_strdup_printf ("SELECT " LOKET_DISPOSITION_COLUMNS " FROM dispositions WHERE "
                                 "position_id IN (%s) AND state IN (0, 1) AND ?1 = ?1 "
                                 "ORDER BY due_at = 0, due_at, id LIMIT ?2 OFFSET ?3",
                                 positions);
          ok = count_query (op->self->db, count, &n, error)
               && add_rows (op, sql, TRUE, op->offset, op->limit, items, error);
          if (ok && items->len < op->limit)
            {
              g_autofree char *cases = g_strdup_printf (
                "SELECT uuid FROM cases WHERE agency_id IN (%s) AND is_open = 1 AND holder IS NULL "
                "AND ?1 = ?1 ORDER BY received_at, uuid LIMIT ?2 OFFSET ?3",
                agencies);

              ok = add_rows (op, cases, FALSE, op->offset > n ? op->offset - n : 0,
                             op->limit - items->len, items, error);
            }
          break;
        }
      case LOKET_INBOX_AWAITING_PARAF:
      case LOKET_INBOX_AWAITING_SIGNATURE:
        {
          int status = op->inbox == LOKET_INBOX_AWAITING_PARAF
                         ? LOKET_CASE_STATUS_DRAFTING
                         : LOKET_CASE_STATUS_AWAITING_SIGNATURE;

          sql = g_strdup_printf (
            "SELECT uuid FROM cases WHERE status_rank = %d AND (holder IN (%s)%s%s%s) AND ?1 = ?1 "
            "ORDER BY due_sort, uuid LIMIT ?2 OFFSET ?3",
            status, positions,
            op->inbox == LOKET_INBOX_AWAITING_SIGNATURE ? " OR agency_id IN (" : "",
            op->inbox == LOKET_INBOX_AWAITING_SIGNATURE ? agencies : "",
            op->inbox == LOKET_INBOX_AWAITING_SIGNATURE ? ")" : "");
          ok = add_rows (op, sql, FALSE, op->offset, op->limit, items, error);
          break;
        }
      default:
        g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("Unknown inbox"));
        return FALSE;
    }
  if (!ok)
    return FALSE;
  *result = g_steal_pointer (&items);
  return TRUE;
}

static gboolean
escalated_on_thread (gpointer data, gpointer *result, GError **error)
{
  InboxOp       *op = data;
  LoketWorkflow *workflow = _loket_store_workflow_on_thread (op->self, error);
  g_autoptr (GPtrArray) acting = NULL;
  g_autoptr (GArray) list = NULL;
  g_autoptr (GPtrArray) items
    = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_inbox_item_free);
  g_autofree char *positions = NULL;
  g_autofree char *sql = NULL;

  if (workflow == NULL)
    return FALSE;
  list = seats (op, workflow, &acting, error);
  if (list == NULL)
    return FALSE;
  positions = in_list (list, FALSE);
  sql = g_strdup_printf ("SELECT " LOKET_DISPOSITION_COLUMNS " FROM dispositions WHERE "
                         "escalated_to IN (%s) AND is_open = 1 AND ?1 = ?1 "
                         "ORDER BY escalated_at DESC, id LIMIT ?2 OFFSET ?3",
                         positions);
  if (!add_rows (op, sql, TRUE, 0, G_MAXINT32, items, error))
    return FALSE;
  *result = g_steal_pointer (&items);
  return TRUE;
}

GPtrArray *
loket_store_list_escalated_to_person (LoketStore *self,
                                      const char *person_id,
                                      gint64      now,
                                      GError    **error)
{
  g_autoptr (InboxOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  op = inbox_op_new (self, person_id, LOKET_INBOX_LATE, now);
  if (!_loket_store_intake_run_sync (self, escalated_on_thread, op, &result, error))
    return NULL;
  return result;
}

GPtrArray *
loket_store_list_person_inbox (LoketStore *self,
                               const char *person_id,
                               LoketInbox  inbox,
                               gint64      now,
                               guint       offset,
                               guint       limit,
                               GError    **error)
{
  g_autoptr (InboxOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  op = inbox_op_new (self, person_id, inbox, now);
  op->offset = offset;
  op->limit = limit;
  if (!_loket_store_intake_run_sync (self, list_on_thread, op, &result, error))
    return NULL;
  return result;
}

void
loket_store_list_person_inbox_async (LoketStore         *self,
                                     const char         *person_id,
                                     LoketInbox          inbox,
                                     gint64              now,
                                     guint               offset,
                                     guint               limit,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  InboxOp *op;

  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (person_id != NULL);

  op = inbox_op_new (self, person_id, inbox, now);
  op->offset = offset;
  op->limit = limit;
  _loket_store_intake_run_async (
    self, list_on_thread, op, (GDestroyNotify) inbox_op_free, (GDestroyNotify) g_ptr_array_unref,
    loket_store_list_person_inbox_async, cancellable, callback, user_data);
}

GPtrArray *
loket_store_list_person_inbox_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  if (!_loket_store_intake_finish (self, result, loket_store_list_person_inbox_async, &out, error))
    return NULL;
  return out;
}
