// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON wire types of the sync protocol, shared by loket-server and the client engine
// (src/sync/PROTOCOL.md). Pure functions over GLib/json-glib: no I/O, safe on any thread.
// Every parser takes untrusted bytes and fails with a LOKET_SYNC_ERROR, never aborts.
#pragma once

#include <json-glib/json-glib.h>

#include "loket-event-permissions.h"
#include "loket-event.h"
#include "loket-sync-error.h"

G_BEGIN_DECLS

#define LOKET_SYNC_API_PREFIX         "/api/v1"
#define LOKET_SYNC_MAX_JSON_BYTES     (8 * 1024 * 1024)
#define LOKET_SYNC_MAX_BLOB_BYTES     (64 * 1024 * 1024)
#define LOKET_SYNC_MAX_PUSH_EVENTS    500
#define LOKET_SYNC_MAX_PULL_LIMIT     1000
#define LOKET_SYNC_DEFAULT_PULL_LIMIT 500
#define LOKET_SYNC_MAX_LEASE_COUNT    10000

/* One of the LOKET_ROLE_* of core's loket-event-permissions.h. */
gboolean    loket_sync_role_is_valid        (const char *role);
/* A lower-case hex SHA-256 (64 characters). */
gboolean    loket_sync_sha256_is_valid      (const char *text);

/* ---- Events ---------------------------------------------------------------------------- */

/* Adds the event as one JSON object to @builder (inside an array): the envelope with the body as
 * "body_text" (so the text and its hash survive byte for byte), and "seq" when @seq > 0. */
void        loket_sync_event_add_to_builder (JsonBuilder *builder,
                                             LoketEvent  *event,
                                             gint64       seq);
/* Reads one event object: the envelope checked by loket_event_new_checked, "body" (object) or
 * "body_text" (string; exactly one), prev_hash/hash when present; a non-empty "hash" must be
 * the hash core computes. @seq (optional) gets "seq" or 0. Fails with INVALID_EVENT. */
LoketEvent *loket_sync_event_from_object    (JsonObject  *object,
                                             gint64      *seq,
                                             GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Session --------------------------------------------------------------------------- */

typedef struct
{
  char *username;
  char *password; /* wiped when freed */
  char *device;
} LoketSyncSessionRequest;

char                    *loket_sync_session_request_to_json (const char *username,
                                                             const char *password,
                                                             const char *device) G_GNUC_WARN_UNUSED_RESULT;
LoketSyncSessionRequest *loket_sync_session_request_parse   (const char *data,
                                                             gsize       length,
                                                             GError    **error) G_GNUC_WARN_UNUSED_RESULT;
void                     loket_sync_session_request_free    (LoketSyncSessionRequest *request);

typedef struct
{
  char      *token;
  GDateTime *expires_at;
  char      *username;
  char      *person;
  char      *agency;
  char     **roles;
} LoketSyncSession;

LoketSyncSession *loket_sync_session_new       (void) G_GNUC_WARN_UNUSED_RESULT;
char             *loket_sync_session_to_json   (const LoketSyncSession *session) G_GNUC_WARN_UNUSED_RESULT;
LoketSyncSession *loket_sync_session_parse     (const char *data,
                                                gsize       length,
                                                GError    **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean          loket_sync_session_has_role  (const LoketSyncSession *session,
                                                const char             *role);
void              loket_sync_session_free      (LoketSyncSession *session);

/* ---- Push ------------------------------------------------------------------------------ */

typedef struct
{
  char      *device;
  GPtrArray *events; /* (element LoketEvent) */
} LoketSyncPushRequest;

/* @events: (element LoketEvent), at most LOKET_SYNC_MAX_PUSH_EVENTS. */
char                 *loket_sync_push_request_to_json (const char *device,
                                                       GPtrArray  *events,
                                                       gsize      *length) G_GNUC_WARN_UNUSED_RESULT;
/* @invalid_event (optional) gets the uuid (or "" when it has none) of the first invalid event. */
LoketSyncPushRequest *loket_sync_push_request_parse   (const char *data,
                                                       gsize       length,
                                                       char      **invalid_event,
                                                       GError    **error) G_GNUC_WARN_UNUSED_RESULT;
void                  loket_sync_push_request_free    (LoketSyncPushRequest *request);

/* "accepted" lists every event of the batch now stored with its server seq (events stored by an
 * earlier push too, with their first seq); "duplicates" names those that were already stored. */
typedef struct
{
  GPtrArray *accepted_uuids; /* (element utf8) */
  GArray    *accepted_seqs;  /* (element gint64) */
  GPtrArray *duplicates;     /* (element utf8) */
} LoketSyncPushReply;

LoketSyncPushReply *loket_sync_push_reply_new          (void) G_GNUC_WARN_UNUSED_RESULT;
void                loket_sync_push_reply_add_accepted (LoketSyncPushReply *reply,
                                                        const char         *uuid,
                                                        gint64              seq,
                                                        gboolean            duplicate);
char               *loket_sync_push_reply_to_json      (const LoketSyncPushReply *reply,
                                                        gsize                    *length) G_GNUC_WARN_UNUSED_RESULT;
LoketSyncPushReply *loket_sync_push_reply_parse        (const char *data,
                                                        gsize       length,
                                                        GError    **error) G_GNUC_WARN_UNUSED_RESULT;
void                loket_sync_push_reply_free         (LoketSyncPushReply *reply);

/* ---- Pull ------------------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *events; /* (element LoketEvent) */
  GArray    *seqs;   /* (element gint64), one per event, increasing */
  gint64     last_seq;
  gboolean   more;
} LoketSyncPullReply;

LoketSyncPullReply *loket_sync_pull_reply_new       (void) G_GNUC_WARN_UNUSED_RESULT;
void                loket_sync_pull_reply_add_event (LoketSyncPullReply *reply,
                                                     LoketEvent         *event,
                                                     gint64              seq);
char               *loket_sync_pull_reply_to_json   (const LoketSyncPullReply *reply,
                                                     gsize                    *length) G_GNUC_WARN_UNUSED_RESULT;
/* Checks every event and that seqs increase and are ≤ last_seq. */
LoketSyncPullReply *loket_sync_pull_reply_parse     (const char *data,
                                                     gsize       length,
                                                     GError    **error) G_GNUC_WARN_UNUSED_RESULT;
void                loket_sync_pull_reply_free      (LoketSyncPullReply *reply);

/* ---- Reference data -------------------------------------------------------------------- */

#define LOKET_SYNC_REFERENCE_ORG_CHART "org-chart"
#define LOKET_SYNC_REFERENCE_CATALOG   "catalog"
#define LOKET_SYNC_REFERENCE_HOLIDAYS  "holidays"
#define LOKET_SYNC_REFERENCE_ACCOUNTS  "accounts"

gboolean loket_sync_reference_name_is_valid (const char *name);

typedef struct
{
  GPtrArray *names;    /* (element utf8) */
  GPtrArray *versions; /* (element utf8) sha256 of the content */
} LoketSyncReferenceIndex;

LoketSyncReferenceIndex *loket_sync_reference_index_new   (void) G_GNUC_WARN_UNUSED_RESULT;
void                     loket_sync_reference_index_add   (LoketSyncReferenceIndex *index,
                                                           const char              *name,
                                                           const char              *version);
char                    *loket_sync_reference_index_to_json (const LoketSyncReferenceIndex *index) G_GNUC_WARN_UNUSED_RESULT;
LoketSyncReferenceIndex *loket_sync_reference_index_parse (const char *data,
                                                           gsize       length,
                                                           GError    **error) G_GNUC_WARN_UNUSED_RESULT;
void                     loket_sync_reference_index_free  (LoketSyncReferenceIndex *index);

/* ---- Number leases --------------------------------------------------------------------- */

typedef struct
{
  char  *register_name;
  int    year;
  gint64 count;
  char  *device;
} LoketSyncLeaseRequest;

char                  *loket_sync_lease_request_to_json (const char *register_name,
                                                         int         year,
                                                         gint64      count,
                                                         const char *device) G_GNUC_WARN_UNUSED_RESULT;
/* year 2000–2999, count 1–LOKET_SYNC_MAX_LEASE_COUNT. */
LoketSyncLeaseRequest *loket_sync_lease_request_parse   (const char *data,
                                                         gsize       length,
                                                         GError    **error) G_GNUC_WARN_UNUSED_RESULT;
void                   loket_sync_lease_request_free    (LoketSyncLeaseRequest *request);

typedef struct
{
  char      *agency;
  char      *register_name;
  int        year;
  gint64     first;
  gint64     last;
  GDateTime *expires_at;
} LoketSyncLease;

LoketSyncLease *loket_sync_lease_new     (void) G_GNUC_WARN_UNUSED_RESULT;
char           *loket_sync_lease_to_json (const LoketSyncLease *lease) G_GNUC_WARN_UNUSED_RESULT;
LoketSyncLease *loket_sync_lease_parse   (const char *data,
                                          gsize       length,
                                          GError    **error) G_GNUC_WARN_UNUSED_RESULT;
void            loket_sync_lease_free    (LoketSyncLease *lease);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSyncSessionRequest, loket_sync_session_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSyncSession, loket_sync_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSyncPushRequest, loket_sync_push_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSyncPushReply, loket_sync_push_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSyncPullReply, loket_sync_pull_reply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSyncReferenceIndex, loket_sync_reference_index_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSyncLeaseRequest, loket_sync_lease_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSyncLease, loket_sync_lease_free)

G_END_DECLS
