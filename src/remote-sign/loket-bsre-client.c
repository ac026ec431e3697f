// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP side of the BSrE adapter (libsoup 3): token, sign hash, status. No secrets logged.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-bsre-client.h"

#define MAX_ANSWER (8 * 1024 * 1024)

SoupSession *
_loket_bsre_session_new (const LoketBsreService *service)
{
  return soup_session_new_with_options ("timeout", service->timeout > 0 ? service->timeout : 60,
                                        "idle-timeout", 5, "user-agent", "Loket", NULL);
}

static void
on_wrote_body (SoupMessage *msg, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

JsonObject *
_loket_bsre_post (SoupSession  *session,
                  const char   *base_url,
                  const char   *path,
                  const char   *authorization,
                  JsonNode     *body,
                  guint        *status,
                  gboolean     *sent,
                  GCancellable *cancellable,
                  GError      **error)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autofree char *text = json_to_string (body, FALSE);
  g_autoptr (SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, url);
  g_autoptr (GBytes) request = NULL;
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;
  gsize len = 0;
  const char *data;

  *sent = FALSE;
  *status = 0;
  if (msg == NULL)
    {
      g_set_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_NOT_SENT,
                   _("The signing service address “%s” is not a valid URL"), base_url);
      return NULL;
    }
  len = strlen (text);
  request = g_bytes_new_take (g_steal_pointer (&text), len);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  authorization);
  g_signal_connect (msg, "wrote-body", G_CALLBACK (on_wrote_body), sent);
  answer = soup_session_send_and_read (session, msg, cancellable, &local_error);
  if (answer == NULL)
    {
      g_debug ("POST %s: %s (request %s)", path, local_error->message,
               *sent ? "sent" : "not sent");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  *status = soup_message_get_status (msg);
  data = g_bytes_get_data (answer, &len);
  if (len == 0)
    return json_object_new ();
  if (len > MAX_ANSWER || !json_parser_load_from_data (parser, data, (gssize) len, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The signing service answered HTTP %u with something that is not JSON"),
                   *status);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

char *
_loket_bsre_get_token (SoupSession            *session,
                       const LoketBsreService *service,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autofree char *pair = g_strconcat (service->client_id != NULL ? service->client_id : "", ":",
                                       service->client_secret != NULL ? service->client_secret
                                                                      : "",
                                       NULL);
  g_autofree char *basic = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *authorization = g_strconcat ("Basic ", basic, NULL);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (GError) local_error = NULL;
  guint status = 0;
  gboolean sent = FALSE;
  const char *token;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "grant_type");
  json_builder_add_string_value (b, "client_credentials");
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  answer = _loket_bsre_post (session, service->base_url, "/oauth2/token", authorization, body,
                             &status, &sent, cancellable, &local_error);
  memset (pair, 0, strlen (pair));
  if (answer == NULL)
    {
      g_set_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_NOT_SENT,
                   _("Could not reach the signing service: %s"), local_error->message);
      return NULL;
    }
  token = json_object_has_member (answer, "access_token")
            ? json_object_get_string_member_with_default (answer, "access_token", NULL)
            : NULL;
  if (status != SOUP_STATUS_OK || token == NULL || *token == '\0')
    {
      g_set_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_NOT_SENT,
                   _("The signing service refused this application’s credentials (HTTP %u)"),
                   status);
      return NULL;
    }
  return g_strconcat ("Bearer ", token, NULL);
}
