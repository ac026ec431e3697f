// SPDX-License-Identifier: GPL-3.0-or-later
// The client's SQLite store: events, projections, FTS search, blobs. All SQL runs on one
// database thread (HOUSE-STYLE rule 23); every call is a message to that thread.
#pragma once

#include <gio/gio.h>

#include "loket-case-projector.h"
#include "loket-case.h"
#include "loket-event.h"

G_BEGIN_DECLS

/* Which cases a query selects (the inboxes of the main window). */
typedef enum
{
  LOKET_CASE_FILTER_ALL,         /* Semua Berkas */
  LOKET_CASE_FILTER_NEEDS_ACTION,/* Perlu Tindakan: open and not waiting on the applicant */
  LOKET_CASE_FILTER_OVERDUE,     /* Terlambat: open and past due at `now` */
  LOKET_CASE_FILTER_UNIT,        /* open or closed, handled by `unit_id` (a Bidang) */
} LoketCaseFilter;

typedef enum
{
  LOKET_CASE_SORT_AGENDA_NUMBER,
  LOKET_CASE_SORT_RECEIVED_AT,
  LOKET_CASE_SORT_APPLICANT,
  LOKET_CASE_SORT_SERVICE,
  LOKET_CASE_SORT_STATUS,
  LOKET_CASE_SORT_DUE_AT,
} LoketCaseSort;

typedef struct
{
  LoketCaseFilter filter;
  char           *unit_id;    /* with LOKET_CASE_FILTER_UNIT */
  char           *agency_id;  /* NULL: every agency in the database */
  char           *search;     /* free text (FTS5 over agenda number, applicant name, NIK,
                                 subject, service name); NULL or "": no search */
  LoketCaseSort   sort;
  gboolean        descending;
  gint64          now;        /* Unix s, for OVERDUE; 0 = the real clock */
} LoketCaseQuery;

LoketCaseQuery *loket_case_query_new  (void) G_GNUC_WARN_UNUSED_RESULT;
LoketCaseQuery *loket_case_query_copy (const LoketCaseQuery *self) G_GNUC_WARN_UNUSED_RESULT;
void            loket_case_query_free (LoketCaseQuery *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketCaseQuery, loket_case_query_free)

/* One inbox count: `key` is "all", "needs_action", "overdue" or "unit:<unit id>". */
typedef struct
{
  char *key;
  guint count;
} LoketInboxCount;

/* Result of an integrity check (`loket-cli check`). */
typedef struct
{
  guint      n_events;
  guint      n_cases;
  guint      n_blobs;
  GPtrArray *problems; /* (element-type utf8): one human-readable line per problem, names the
                          case and event; empty when everything is fine */
} LoketStoreCheckReport;

void loket_store_check_report_free (LoketStoreCheckReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketStoreCheckReport, loket_store_check_report_free)

#define LOKET_TYPE_STORE (loket_store_get_type ())

G_DECLARE_FINAL_TYPE (LoketStore, loket_store, LOKET, STORE, GObject)

/* Opens (creating it and its folder if needed) the database at @path, migrates it to the current
 * schema and starts the database thread. Blobs live in "<path>.blobs/". A file that is not a
 * Loket database, or is corrupt, gives LOKET_ERROR_CORRUPT and is never modified. */
LoketStore *loket_store_open          (const char          *path,
                                       LoketCaseProjector  *projector,
                                       GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void        loket_store_open_async    (const char          *path,
                                       LoketCaseProjector  *projector,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
LoketStore *loket_store_open_finish   (GAsyncResult        *result,
                                       GError             **error) G_GNUC_WARN_UNUSED_RESULT;
/* Stops the database thread after pending work (also done on finalize). */
void        loket_store_close         (LoketStore          *self);
const char *loket_store_get_path      (LoketStore          *self);
int         loket_store_get_schema_version (LoketStore     *self);

/* Appends @events (LoketEvent) in one transaction: each gets its case's previous hash and its
 * own hash, projections and the search index are updated. An event whose UUID is already stored
 * is skipped (idempotent). All or nothing. */
gboolean    loket_store_append_events        (LoketStore   *self,
                                              GPtrArray    *events,
                                              GError      **error);
void        loket_store_append_events_async  (LoketStore          *self,
                                              GPtrArray           *events,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    loket_store_append_events_finish (LoketStore   *self,
                                              GAsyncResult *result,
                                              GError      **error);

/* Events of one case in (HLC, UUID) order. (transfer full, element LoketEvent) */
GPtrArray  *loket_store_get_case_events        (LoketStore   *self,
                                                const char   *case_uuid,
                                                GError      **error);
void        loket_store_get_case_events_async  (LoketStore          *self,
                                                const char          *case_uuid,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray  *loket_store_get_case_events_finish (LoketStore   *self,
                                                GAsyncResult *result,
                                                GError      **error);

LoketCase  *loket_store_get_case               (LoketStore   *self,
                                                const char   *case_uuid,
                                                GError      **error);

/* Number of cases @query selects. */
guint       loket_store_count_cases            (LoketStore           *self,
                                                const LoketCaseQuery *query,
                                                GError              **error);
void        loket_store_count_cases_async      (LoketStore           *self,
                                                const LoketCaseQuery *query,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
guint       loket_store_count_cases_finish     (LoketStore   *self,
                                                GAsyncResult *result,
                                                GError      **error);

/* Rows @offset … @offset+@limit-1 of @query. (transfer full, element LoketCase) */
GPtrArray  *loket_store_list_cases             (LoketStore           *self,
                                                const LoketCaseQuery *query,
                                                guint                 offset,
                                                guint                 limit,
                                                GError              **error);
void        loket_store_list_cases_async       (LoketStore           *self,
                                                const LoketCaseQuery *query,
                                                guint                 offset,
                                                guint                 limit,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GPtrArray  *loket_store_list_cases_finish      (LoketStore   *self,
                                                GAsyncResult *result,
                                                GError      **error);

/* Counts for "all", "needs_action", "overdue" and every unit that has cases.
 * (transfer full, element LoketInboxCount, freed by the array) */
GPtrArray  *loket_store_count_inboxes          (LoketStore   *self,
                                                gint64        now,
                                                GError      **error);
void        loket_store_count_inboxes_async    (LoketStore          *self,
                                                gint64               now,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray  *loket_store_count_inboxes_finish   (LoketStore   *self,
                                                GAsyncResult *result,
                                                GError      **error);

/* Content-addressed blobs: stored once by SHA-256 (hex), written atomically. */
char       *loket_store_add_blob               (LoketStore   *self,
                                                GBytes       *contents,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;
GBytes     *loket_store_read_blob              (LoketStore   *self,
                                                const char   *sha256,
                                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* Drops and recomputes every projection and the search index from the events. */
gboolean    loket_store_rebuild_projections    (LoketStore   *self,
                                                GError      **error);

/* SQLite integrity check, every case's hash chain, every blob's hash, and a projection rebuild
 * in memory compared with the stored projections. */
LoketStoreCheckReport *loket_store_check      (LoketStore   *self,
                                               GError      **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
