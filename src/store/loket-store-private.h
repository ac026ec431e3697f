// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore internals shared by loket-store.c (API, GObject) and loket-store-work.c (the work
// that runs on the database thread).
#pragma once

#include "loket-blob-store.h"
#include "loket-db-worker.h"
#include "loket-db.h"
#include "loket-hlc.h"
#include "loket-store.h"

G_BEGIN_DECLS

struct _LoketStore
{
  GObject parent_instance;

  /* Owned references */
  char               *path;
  LoketCaseProjector *projector;
  LoketBlobStore     *blobs;
  LoketDbWorker      *worker;
  int                 schema_version;
  char               *device_id;   /* settings.device_id (set at open) */
  char               *device_code; /* settings.device_code */
  GMutex              workflow_lock; /* guards workflow (made on first use, any thread) */
  LoketWorkflow      *workflow;      /* loket-store-routing.c */
  LoketParafRoutes   *paraf_routes;  /* loket-store-chain.c, guarded by workflow_lock */

  /* Used on the database thread only */
  LoketDb  *db;
  GThread  *db_thread;
  LoketHlc *hlc;            /* stamps the events the store writes itself (intake, actions) */
  char     *db_device_code; /* the device code as the database thread numbers with */
};

/* One request to the database thread; which fields are used depends on the request. */
typedef struct
{
  LoketStore     *self; /* borrowed: close() drains the queue before the store goes */
  GPtrArray      *events;
  char           *text;
  LoketCaseQuery *query;
  guint           offset;
  guint           limit;
  gint64          now;
  gint64          size;
} LoketStoreOp;

LoketStoreOp *_loket_store_op_new (LoketStore *self);
void          _loket_store_op_free (LoketStoreOp *op);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketStoreOp, _loket_store_op_free)

/* LoketDbWorkFunc functions: @data is an LoketStoreOp. */
gboolean _loket_store_open_on_thread (gpointer data, gpointer *result, GError **error);
gboolean _loket_store_close_on_thread (gpointer data, gpointer *result, GError **error);
gboolean _loket_store_append_on_thread (gpointer data, gpointer *result, GError **error);
gboolean _loket_store_get_case_events_on_thread (gpointer data, gpointer *result, GError **error);
gboolean _loket_store_get_case_on_thread (gpointer data, gpointer *result, GError **error);
gboolean _loket_store_count_on_thread (gpointer data, gpointer *result, GError **error);
gboolean _loket_store_list_on_thread (gpointer data, gpointer *result, GError **error);
gboolean _loket_store_count_inboxes_on_thread (gpointer data, gpointer *result, GError **error);
gboolean _loket_store_count_overdue_by_unit_on_thread (gpointer data, gpointer *result, GError **error);
gboolean _loket_store_record_blob_on_thread (gpointer data, gpointer *result, GError **error);
gboolean _loket_store_rebuild_on_thread (gpointer data, gpointer *result, GError **error);
gboolean _loket_store_check_on_thread (gpointer data, gpointer *result, GError **error);
/* Reads (or makes) the device id and code (loket-store-intake.c). */
gboolean _loket_store_load_device_on_thread (gpointer data, gpointer *result, GError **error);

/* Database thread, inside a transaction: re-folds the `dispositions` rows of @case_uuid from its
 * events (loket-store-routing-table.c). */
gboolean _loket_store_routing_refresh_case (LoketDb *db, const char *case_uuid, GError **error);
/* Database thread, inside a transaction: refills `dispositions` from every event. */
gboolean _loket_store_routing_rebuild (LoketDb *db, GError **error);
/* Database thread, at open: fills `dispositions` once for a database made before schema 5. */
gboolean _loket_store_routing_upgrade (LoketDb *db, GError **error);
/* Database thread: adds a line to @problems (element utf8) for each case whose `dispositions`
 * rows differ from a fold of its events, and for orphan rows. */
gboolean _loket_store_routing_check (LoketDb *db, GPtrArray *problems, GError **error);
/* Database thread, inside a transaction: inserts the rows of @ledger into `dispositions`
 * (loket-store-routing-table.c). The projection rebuild folds ledgers with the cases. */
gboolean _loket_store_routing_insert_ledger (LoketDb *db, LoketDispositionLedger *ledger,
                                             GError **error);
/* The `dispositions` rows of @ledger (element LoketDbRow, LOKET_DISPOSITION_COLUMNS and
 * is_open), in (id, position_id) order; no database access, so fold threads make them. */
GPtrArray *_loket_store_routing_ledger_rows (LoketDispositionLedger *ledger);
gboolean   _loket_store_routing_insert_rows (LoketDb *db, GPtrArray *rows, GError **error);
/* Deletes the rows of @case_uuid and inserts @rows. */
gboolean   _loket_store_routing_replace_rows (LoketDb *db, const char *case_uuid, GPtrArray *rows,
                                              GError **error);
/* Whether @type is folded into the `dispositions` table. */
gboolean _loket_store_routing_is_routing_type (const char *type);

/* Database thread, inside a transaction: refolds the `draft_chain` rows of @case_uuid from its
 * events (loket-store-chain.c); a case whose chain events do not fold keeps no rows. */
gboolean _loket_store_chain_refresh_case (LoketDb *db, const char *case_uuid, GError **error);
/* The `draft_chain` rows (element LoketDbRow) folded from @events of @case_uuid; none when they
 * do not fold. No database access: the rebuild's fold threads make them
 * (loket-store-chain.c). */
GPtrArray *_loket_store_chain_rows (const char *case_uuid, GPtrArray *events);
gboolean   _loket_store_chain_insert_rows (LoketDb *db, GPtrArray *rows, GError **error);
/* Whether @type is folded into `draft_chain` (the types _loket_store_chain_rebuild() reads). */
gboolean   _loket_store_chain_is_chain_type (const char *type);
/* Database thread, inside a transaction: refills `draft_chain` from every event. */
gboolean _loket_store_chain_rebuild (LoketDb *db, GError **error);
/* Database thread: adds a line to @problems for each case whose `draft_chain` rows differ from a
 * fold of its events, and for rows of drafts no event knows. */
gboolean _loket_store_chain_check (LoketDb *db, GPtrArray *problems, GError **error);
/* Database thread, at open: fills `draft_chain` once for a database made before schema 9. */
gboolean _loket_store_chain_upgrade (LoketDb *db, GError **error);
/* Database thread: the office's own number template of a register (settings
 * "register.<agency>/<id>.template", loket-store-report.c) when it is set and valid, else NULL. */
char *_loket_store_register_template (LoketDb *db, const char *agency_id, const char *register_id);

/* Database thread, inside a transaction: appends @events, updates projections and search. */
gboolean _loket_store_append_in_transaction (LoketStore *self, GPtrArray *events, GError **error);

/* Database thread: runs @body (@op, @out, @error) between BEGIN and COMMIT; on any failure rolls
 * back and frees what @body put in @out (may be NULL). One place for the acts of routing and the
 * paraf chain, so none forgets the rollback. */
typedef gboolean (*LoketStoreTransactionBody) (gpointer op, char **out, GError **error);
gboolean _loket_store_run_transaction (LoketStore               *self,
                                       LoketStoreTransactionBody body,
                                       gpointer                  op,
                                       char                    **out,
                                       GError                  **error);

G_END_DECLS
