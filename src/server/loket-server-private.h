// SPDX-License-Identifier: GPL-3.0-or-later
// Shared between the HTTP side (loket-server.c) and the endpoints (loket-server-handlers.c).
#pragma once

#include <libpq-fe.h>
#include <libsoup/soup.h>

#include "loket-server-auth.h"
#include "loket-server-config.h"
#include "loket-server-db.h"
#include "loket-case-projector.h"
#include "loket-server-reference.h"
#include "loket-server.h"
#include "loket-sync-protocol.h"

G_BEGIN_DECLS

typedef struct _LoketRequest LoketRequest;
typedef void (*LoketEndpointFunc) (LoketRequest *req, PGconn *conn);

struct _LoketServer
{
  LoketServerConfig *config;
  SoupServer        *soup;
  LoketPgPool       *pool;
  LoketReference    *reference;
  /* Checks pushed event bodies against the catalog the server serves (loket-event-check.h). */
  LoketCaseProjector *projector;
  LoketThrottle     *throttle;         /* per username */
  LoketThrottle     *address_throttle; /* per client address: 10× the failures (shared NAT) */
  GMainContext      *context;
  char              *url;
  guint              in_flight; /* handed to a worker */
  guint              active;    /* started (headers read) and not yet finished */
  gboolean           shutting_down;
  gint64             shutdown_deadline;
  guint              shutdown_source;
  GSourceFunc        shutdown_done;
  gpointer           shutdown_data;
};

/* The authenticated account of a request. */
typedef struct
{
  char  *username;
  char  *agency;
  char  *person;
  char **roles;
} LoketAccount;

/* Everything a worker needs, copied from the SoupServerMessage on the main thread (the message
 * is touched only there), and the reply it fills in. */
struct _LoketRequest
{
  LoketServer       *server;
  SoupServerMessage *msg;
  LoketEndpointFunc  endpoint;
  gint64             started;

  /* Input */
  char   *method;
  char   *path;     /* below /api/v1 */
  char   *argument; /* the {sha256} or {name} of the path, else NULL */
  GHashTable *query;
  char   *token;
  char   *remote;
  char   *if_none_match;
  char   *range;
  GBytes *body;

  /* Output */
  guint   status;
  char   *content_type;
  GBytes *reply;
  GPtrArray *headers; /* name, value, name, value … */
  char   *log_user;   /* debug-level log only */
};

void _loket_request_json   (LoketRequest *req,
                            guint         status,
                            char         *json);
void _loket_request_error  (LoketRequest  *req,
                            LoketSyncError code,
                            const char    *message,
                            const char    *event_uuid);
void _loket_request_gerror (LoketRequest *req,
                            const GError *error);
void _loket_request_header (LoketRequest *req,
                            const char   *name,
                            const char   *value);

/* Shared by the endpoints (worker threads). */
void          _loket_account_free     (LoketAccount *account);
char        **_loket_split_roles      (const char *text);
/* The account of the request's bearer token; NULL with the reply set (401, 503) otherwise. */
LoketAccount *_loket_authenticate     (LoketRequest *req,
                                       PGconn       *conn);
/* As _loket_authenticate(), and the account must be staf, pejabat or kadis (admin alone may not
 * touch cases): else 403 with @refusal, and NULL. */
LoketAccount *_loket_authenticate_for_cases (LoketRequest *req,
                                             PGconn       *conn,
                                             const char   *refusal);
/* An integer query parameter in [min, max]; FALSE with a 400 reply when it is not. */
gboolean      _loket_query_int        (LoketRequest *req,
                                       const char   *name,
                                       gint64        min,
                                       gint64        max,
                                       gint64       *value);
void          _loket_fail_transaction (LoketRequest *req,
                                       PGconn       *conn,
                                       const GError *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketAccount, _loket_account_free)

/* Endpoints (worker threads; @conn is NULL when the database is unreachable). */
void _loket_endpoint_session_new    (LoketRequest *req, PGconn *conn);
void _loket_endpoint_session_delete (LoketRequest *req, PGconn *conn);
void _loket_endpoint_push           (LoketRequest *req, PGconn *conn);
void _loket_endpoint_pull           (LoketRequest *req, PGconn *conn);
void _loket_endpoint_blob_put       (LoketRequest *req, PGconn *conn);
void _loket_endpoint_blob_get       (LoketRequest *req, PGconn *conn);
void _loket_endpoint_reference_list (LoketRequest *req, PGconn *conn);
void _loket_endpoint_reference_get  (LoketRequest *req, PGconn *conn);
void _loket_endpoint_lease          (LoketRequest *req, PGconn *conn);

G_END_DECLS
