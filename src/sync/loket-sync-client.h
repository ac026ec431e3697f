// SPDX-License-Identifier: GPL-3.0-or-later
// LoketSyncClient: the HTTP side of sync (src/sync/PROTOCOL.md) over one SoupSession.
#pragma once

#include <gio/gio.h>

#include "loket-sync-protocol.h"

G_BEGIN_DECLS

#define LOKET_TYPE_SYNC_CLIENT (loket_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (LoketSyncClient, loket_sync_client, LOKET, SYNC_CLIENT, GObject)

/* @base_url: "http(s)://host[:port]" (a path prefix is allowed; "/api/v1" is appended).
 * Plain http is meant for loopback and tests; anything else than http/https is refused with
 * LOKET_ERROR_INVALID_DATA. The session is made on the calling thread: use the client from the
 * thread (and thread-default main context) that made it. */
LoketSyncClient *loket_sync_client_new          (const char      *base_url,
                                                 GError         **error) G_GNUC_WARN_UNUSED_RESULT;
const char      *loket_sync_client_get_base_url (LoketSyncClient *self);
/* The bearer token (set by login_finish, or from a saved session); NULL to forget it. */
void             loket_sync_client_set_token    (LoketSyncClient *self,
                                                 const char      *token);
gboolean         loket_sync_client_has_token    (LoketSyncClient *self);
/* Seconds without progress before a request fails (default 30). */
void             loket_sync_client_set_timeout  (LoketSyncClient *self,
                                                 guint            seconds);

/* Every _finish fails with LOKET_SYNC_ERROR (a server reply, PROTOCOL.md "Errors"), or with a
 * G_IO_ERROR / G_RESOLVER_ERROR / SOUP_SESSION_ERROR when the server could not be reached or the
 * connection broke (loket_sync_client_error_is_offline). */
gboolean         loket_sync_client_error_is_offline (const GError *error);

void              loket_sync_client_login_async  (LoketSyncClient     *self,
                                                  const char          *username,
                                                  const char          *password,
                                                  const char          *device,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* Also remembers the token. */
LoketSyncSession *loket_sync_client_login_finish (LoketSyncClient     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void              loket_sync_client_logout_async (LoketSyncClient     *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          loket_sync_client_logout_finish (LoketSyncClient    *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

/* @events: (element LoketEvent) at most LOKET_SYNC_MAX_PUSH_EVENTS. */
void                loket_sync_client_push_async  (LoketSyncClient     *self,
                                                   const char          *device,
                                                   GPtrArray           *events,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
LoketSyncPushReply *loket_sync_client_push_finish (LoketSyncClient     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;
void                loket_sync_client_pull_async  (LoketSyncClient     *self,
                                                   gint64               after,
                                                   guint                limit,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
LoketSyncPullReply *loket_sync_client_pull_finish (LoketSyncClient     *self,
                                                   GAsyncResult        *result,
                                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* PUT /blobs/{sha256}. */
void      loket_sync_client_put_blob_async   (LoketSyncClient     *self,
                                              const char          *sha256,
                                              GBytes              *bytes,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  loket_sync_client_put_blob_finish  (LoketSyncClient     *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* HEAD /blobs/{sha256}: *@present. */
void      loket_sync_client_head_blob_async  (LoketSyncClient     *self,
                                              const char          *sha256,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  loket_sync_client_head_blob_finish (LoketSyncClient     *self,
                                              GAsyncResult        *result,
                                              gboolean            *present,
                                              GError             **error);
/* GET /blobs/{sha256}. The caller checks the hash (LoketSyncJournal.write_blob does). */
void      loket_sync_client_get_blob_async   (LoketSyncClient     *self,
                                              const char          *sha256,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GBytes   *loket_sync_client_get_blob_finish  (LoketSyncClient     *self,
                                              GAsyncResult        *result,
                                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* POST /numbering/lease. */
void            loket_sync_client_lease_async  (LoketSyncClient     *self,
                                                const char          *register_name,
                                                int                  year,
                                                gint64               count,
                                                const char          *device,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
LoketSyncLease *loket_sync_client_lease_finish (LoketSyncClient     *self,
                                                GAsyncResult        *result,
                                                GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* GET /reference: the names and versions (sha256) of the reference documents. */
void                     loket_sync_client_reference_index_async  (LoketSyncClient     *self,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
LoketSyncReferenceIndex *loket_sync_client_reference_index_finish (LoketSyncClient     *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error) G_GNUC_WARN_UNUSED_RESULT;
/* GET /reference/{@name} (a LOKET_SYNC_REFERENCE_* name) with If-None-Match @version (the
 * sha256 of the copy the PC has, or NULL). Unchanged (304): NULL without @error and
 * *@not_modified TRUE. */
void    loket_sync_client_get_reference_async  (LoketSyncClient     *self,
                                                const char          *name,
                                                const char          *version,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GBytes *loket_sync_client_get_reference_finish (LoketSyncClient     *self,
                                                GAsyncResult        *result,
                                                gboolean            *not_modified,
                                                GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
