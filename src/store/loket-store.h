// SPDX-License-Identifier: GPL-3.0-or-later
// The client's SQLite store: events, projections, FTS search, blobs. All SQL runs on one
// database thread (HOUSE-STYLE rule 23); every call is a message to that thread.
#pragma once

#include <gio/gio.h>

#include "loket-case-projector.h"
#include "loket-case.h"
#include "loket-event.h"
#include "loket-intake-form.h"

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

/* Open cases past their deadline at @now (Unix s; 0 = the real clock), counted per unit:
 * unit id → count as GUINT_TO_POINTER. One grouped query over the overdue index range.
 * (transfer full) */
GHashTable *loket_store_count_overdue_by_unit  (LoketStore   *self,
                                                gint64        now,
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

/* ---- Intake (loket-store-intake.c, loket-store-drafts.c, loket-blob-import.c) ---------------
 *
 * Nomor agenda (device-scoped scheme, DESIGN.md §8): until the server hands out numbers, each
 * device numbers on its own: "<counter>-<DEVICE CODE>/<AGENCY CODE>/<YEAR>", e.g.
 * "00042-K7QF/KTKT/2026". The counter is per (agency, year, device code), starts at 1 and is
 * zero-padded to 5 digits; the year is the local year of the receipt in the agency's time zone.
 * Two PCs registering offline therefore never give the same number as long as their device
 * codes differ: the code is drawn at random (4 characters of Crockford base32, ~1 million
 * values) when the database is first opened, and can be set to a code the office hands out
 * (loket_store_set_device_code) to make that certain. A number already used by any case in the
 * database (e.g. a copied database) is skipped. */

/* The device's random UUID (the `device` of events written here) and its short code. */
const char *loket_store_get_device_id   (LoketStore  *self);
const char *loket_store_get_device_code (LoketStore  *self);
/* 2–8 characters A–Z, 0–9. Counters of the old code are kept (switching back continues them).
 * LOKET_ERROR_INVALID_DATA for a bad code. */
gboolean    loket_store_set_device_code (LoketStore  *self,
                                         const char  *code,
                                         GError     **error);

/* Registers @form as a new case. In ONE transaction: allocates the nomor agenda, appends the
 * events of loket_intake_form_build_events (@outcome), updates the projection and deletes the
 * form's draft; nothing is kept when anything fails. The form is validated first
 * (loket_intake_form_check; a DECLARE_COMPLETE with missing requirements fails listing them),
 * and every attachment must be a blob of this store (LOKET_ERROR_NOT_FOUND otherwise).
 * @device_id: NULL for the store's own. @author: the user (non-empty). On success the new case's
 * UUID and number are returned in @case_uuid and @agenda_number (each may be NULL). The form is
 * read on the calling thread (a snapshot), so it may change right after the call. */
gboolean    loket_store_register_case        (LoketStore          *self,
                                              LoketIntakeForm     *form,
                                              const char          *device_id,
                                              const char          *author,
                                              LoketIntakeOutcome   outcome,
                                              char               **case_uuid,
                                              char               **agenda_number,
                                              GError             **error);
void        loket_store_register_case_async  (LoketStore          *self,
                                              LoketIntakeForm     *form,
                                              const char          *device_id,
                                              const char          *author,
                                              LoketIntakeOutcome   outcome,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    loket_store_register_case_finish (LoketStore          *self,
                                              GAsyncResult        *result,
                                              char               **case_uuid,
                                              char               **agenda_number,
                                              GError             **error);

/* Streams @file into the blob store: checks it (loket_attachment_check_file: type by content
 * and extension, @limit, 0 = LOKET_ATTACHMENT_DEFAULT_LIMIT), hashes while copying to a
 * temporary file, fsyncs, renames it into place and records it. The same bytes added twice are
 * stored once. Returns the attachment record (file name = @file's basename). Blocking: use the
 * async variant from the UI. Errors: those of loket_attachment_check_file, LOKET_ERROR_IO. */
LoketAttachment *loket_store_add_blob_from_file        (LoketStore          *self,
                                                        GFile               *file,
                                                        guint64              limit,
                                                        GCancellable        *cancellable,
                                                        GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void             loket_store_add_blob_from_file_async  (LoketStore          *self,
                                                        GFile               *file,
                                                        guint64              limit,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
LoketAttachment *loket_store_add_blob_from_file_finish (LoketStore          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Later steps of the completeness check. Each appends one event after checking the case's
 * current state, else fails with a clear error and appends nothing:
 *   LOKET_ERROR_NOT_FOUND  no such case;
 *   LOKET_ERROR_CONFLICT   the case is closed, or already declared complete (declare/return);
 *   LOKET_ERROR_INVALID_DATA bad arguments (unknown requirement id, missing mandatory items).
 * @at: Unix s of the act; 0 = now. @author: the user. */

/* requirement.checked (+ document.attached per attachment): the applicant brought a document.
 * @attachments (element LoketAttachment, may be NULL) must be blobs of this store. */
gboolean    loket_store_check_requirement (LoketStore   *self,
                                           const char   *case_uuid,
                                           const char   *author,
                                           const char   *requirement_id,
                                           gboolean      satisfied,
                                           GPtrArray    *attachments,
                                           gint64        at,
                                           GError      **error);
/* case.declared_complete, only when every mandatory requirement of the case's service and channel
 * has been checked satisfied (the latest requirement.checked of each counts); else
 * LOKET_ERROR_INVALID_DATA listing the missing ones. Starts the clock of "complete" SLAs and
 * ends the pause of a returned case. */
gboolean    loket_store_declare_complete  (LoketStore   *self,
                                           const char   *case_uuid,
                                           const char   *author,
                                           gint64        at,
                                           GError      **error);
/* case.returned ("Kembalikan Berkas"): @missing (NULL-terminated requirement ids of the case's
 * checklist; NULL or empty = the mandatory ones not yet satisfied) and @note. The clock, when
 * running, pauses until declare_complete. */
gboolean    loket_store_return_case       (LoketStore          *self,
                                           const char          *case_uuid,
                                           const char          *author,
                                           const char *const   *missing,
                                           const char          *note,
                                           gint64               at,
                                           GError             **error);
/* case.closed with @outcome (NULL = "selesai"); the case must have been declared complete. */
gboolean    loket_store_close_case        (LoketStore   *self,
                                           const char   *case_uuid,
                                           const char   *author,
                                           const char   *outcome,
                                           gint64        at,
                                           GError      **error);
/* Async variants of the three decisions (same checks; run on the database thread). */
void        loket_store_declare_complete_async (LoketStore          *self,
                                                const char          *case_uuid,
                                                const char          *author,
                                                gint64               at,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void        loket_store_return_case_async      (LoketStore          *self,
                                                const char          *case_uuid,
                                                const char          *author,
                                                const char *const   *missing,
                                                const char          *note,
                                                gint64               at,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void        loket_store_close_case_async       (LoketStore          *self,
                                                const char          *case_uuid,
                                                const char          *author,
                                                const char          *outcome,
                                                gint64               at,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Finishes any of the three. */
gboolean    loket_store_case_action_finish     (LoketStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Drafts of the intake dialog, kept in the database (crash-safe: each save is a committed
 * transaction). */
typedef struct
{
  char  *id;         /* the form's draft id */
  char  *service_id; /* from the draft (NULL if it has none) */
  char  *channel;
  char  *subject;    /* may be NULL */
  char  *party_name; /* first party's name, may be NULL */
  guint  n_attachments;
  gint64 updated_at; /* Unix s */
} LoketDraftInfo;

void loket_draft_info_free (LoketDraftInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketDraftInfo, loket_draft_info_free)

/* Inserts or replaces draft @id (non-empty, ≤ 100 bytes) with @json (a JSON object, normally
 * loket_intake_form_to_json; ≤ 4 MiB). LOKET_ERROR_INVALID_DATA when it is not a JSON object. */
gboolean    loket_store_save_draft         (LoketStore          *self,
                                            const char          *id,
                                            const char          *json,
                                            GError             **error);
void        loket_store_save_draft_async   (LoketStore          *self,
                                            const char          *id,
                                            const char          *json,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    loket_store_save_draft_finish  (LoketStore          *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* Every draft, most recently saved first. (transfer full, element LoketDraftInfo) */
GPtrArray  *loket_store_list_drafts        (LoketStore          *self,
                                            GError             **error);
void        loket_store_list_drafts_async  (LoketStore          *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray  *loket_store_list_drafts_finish (LoketStore          *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* The JSON text saved for @id; LOKET_ERROR_NOT_FOUND when there is none. Turn it into a form
 * with loket_intake_form_new_from_json. */
char       *loket_store_load_draft         (LoketStore          *self,
                                            const char          *id,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void        loket_store_load_draft_async   (LoketStore          *self,
                                            const char          *id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
char       *loket_store_load_draft_finish  (LoketStore          *self,
                                            GAsyncResult        *result,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
/* Deleting a draft that does not exist is not an error. */
gboolean    loket_store_delete_draft       (LoketStore          *self,
                                            const char          *id,
                                            GError             **error);
void        loket_store_delete_draft_async (LoketStore          *self,
                                            const char          *id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    loket_store_delete_draft_finish (LoketStore         *self,
                                             GAsyncResult       *result,
                                             GError            **error);

G_END_DECLS

/* Disposition routing, per-person inboxes, delegations, escalation. */
#include "loket-store-routing.h"

/* The review chain of letter drafts: paraf, return, comments, sign-off queues. */
#include "loket-store-chain.h"
