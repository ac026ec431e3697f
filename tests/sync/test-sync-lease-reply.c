// SPDX-License-Identifier: GPL-3.0-or-later
// LoketSyncClient against a misbehaving server on 127.0.0.1 (a real SoupServer answering
// POST /api/v1/numbering/lease with a broken body): a clear error, no lease.
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "loket-error.h"
#include "loket-sync-client.h"

static const char *reply_body;

static void
lease_handler_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, reply_body,
                                    strlen (reply_body));
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static void
assert_bad_reply (const char *body)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSyncClient) client = NULL;
  g_autoptr (LoketSyncLease) lease = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GSList) uris = NULL;
  g_autofree char *url = NULL;

  reply_body = body;
  soup_server_add_handler (server, "/api/v1/numbering/lease", lease_handler_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  client = loket_sync_client_new (url, &error);
  g_assert_no_error (error);
  loket_sync_client_set_token (client, "token-for-the-test");
  loket_sync_client_lease_async (client, "surat-keluar", 2026, 50, "pc-a", NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  lease = loket_sync_client_lease_finish (client, result, &error);
  g_assert_null (lease);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "letter numbers is not valid"));
}

static void
test_bad_replies (void)
{
  assert_bad_reply ("this is not json");
  assert_bad_reply ("{\"agency\":\"kopnakertrans-ntt\",\"register\":\"surat-keluar\"}");
  assert_bad_reply ("{\"agency\":\"kopnakertrans-ntt\",\"register\":\"surat-keluar\","
                    "\"year\":2026,\"first\":50,\"last\":1,"
                    "\"expires_at\":\"2026-12-31T00:00:00Z\"}");
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/lease-reply/bad", test_bad_replies);
  return g_test_run ();
}
