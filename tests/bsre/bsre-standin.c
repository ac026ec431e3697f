// SPDX-License-Identifier: GPL-3.0-or-later
// A local stand-in for BSrE's hash-signing API (as loket-bsre-signer.h documents it), for tests:
// listens on 127.0.0.1 (random port, printed on stdout), signs digests with a test key.
//   bsre-standin --cert C.pem --key K.pem [--mode success|hang|hang-unsigned] [--passphrase P]
// Modes: success answers; hang signs but never answers; hang-unsigned neither signs nor answers.
// GET /_test/count answers {"sign_requests": N} (how many signing requests arrived).
#include "config.h"

#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#define CLIENT_ID     "loket"
#define CLIENT_SECRET "rahasia-klien"
#define TOKEN         "standin-token-1"

static gnutls_x509_crt_t crt;
static gnutls_privkey_t  key;
static const char       *mode = "success";
static const char       *passphrase = "rahasia-uji";
static guint             n_sign_requests;
static GHashTable       *signed_digests; /* base64 digest → base64 CMS */

/* ---- DER ---------------------------------------------------------------------------------- */

static void
der_put (GByteArray *out, guint8 tag, const guint8 *data, gsize len)
{
  guint8 head[6] = { tag };
  guint  n = 1;

  if (len < 0x80)
    head[n++] = (guint8) len;
  else if (len < 0x100)
    head[n++] = 0x81, head[n++] = (guint8) len;
  else if (len < 0x10000)
    head[n++] = 0x82, head[n++] = (guint8) (len >> 8), head[n++] = (guint8) len;
  else
    head[n++] = 0x83, head[n++] = (guint8) (len >> 16), head[n++] = (guint8) (len >> 8),
    head[n++] = (guint8) len;
  g_byte_array_append (out, head, n);
  g_byte_array_append (out, data, (guint) len);
}

static void
der_wrap (GByteArray *out, guint8 tag, GByteArray *inner)
{
  der_put (out, tag, inner->data, inner->len);
}

static void
der_oid (GByteArray *out, const char *oid)
{
  static const struct { const char *text; const guint8 der[11]; guint len; } oids[] = {
    { "sha256", { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 }, 9 },
    { "data", { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01 }, 9 },
    { "signedData", { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02 }, 9 },
    { "contentType", { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03 }, 9 },
    { "messageDigest", { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04 }, 9 },
    { "signingCertificateV2",
      { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x2f }, 11 },
    { "rsaEncryption", { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 }, 9 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (oids); i++)
    if (g_str_equal (oids[i].text, oid))
      {
        der_put (out, 0x06, oids[i].der, oids[i].len);
        return;
      }
  g_assert_not_reached ();
}

static void
der_algorithm (GByteArray *out, const char *oid)
{
  g_autoptr (GByteArray) seq = g_byte_array_new ();
  static const guint8 null[] = { 0x05, 0x00 };

  der_oid (seq, oid);
  g_byte_array_append (seq, null, 2);
  der_wrap (out, 0x30, seq);
}

static GByteArray *
attribute (const char *oid, GByteArray *value)
{
  GByteArray *attr = g_byte_array_new ();
  g_autoptr (GByteArray) seq = g_byte_array_new ();
  g_autoptr (GByteArray) set = g_byte_array_new ();

  der_oid (seq, oid);
  der_wrap (set, 0x31, value);
  g_byte_array_append (seq, set->data, set->len);
  der_wrap (attr, 0x30, seq);
  return attr;
}

static int
compare_der (gconstpointer a, gconstpointer b)
{
  const GByteArray *x = *(GByteArray *const *) a, *y = *(GByteArray *const *) b;
  int c = memcmp (x->data, y->data, MIN (x->len, y->len));

  return c != 0 ? c : (int) x->len - (int) y->len;
}

/* A detached CMS SignedData over a document whose SHA-256 is @digest (PAdES-B-B attributes). */
static GBytes *
sign_digest (const guint8 *digest, gsize digest_len)
{
  gnutls_datum_t cert_der = { NULL, 0 }, issuer = { NULL, 0 }, tbs, sig = { NULL, 0 };
  guint8 serial[64], cert_hash[32];
  size_t serial_len = sizeof serial;
  g_autoptr (GPtrArray) attrs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  g_autoptr (GByteArray) v = g_byte_array_new ();
  g_autoptr (GByteArray) attr_content = g_byte_array_new ();
  g_autoptr (GByteArray) to_sign = g_byte_array_new ();
  g_autoptr (GByteArray) si = g_byte_array_new ();
  g_autoptr (GByteArray) sid = g_byte_array_new ();
  g_autoptr (GByteArray) sd = g_byte_array_new ();
  g_autoptr (GByteArray) tmp = g_byte_array_new ();
  g_autoptr (GByteArray) ci = g_byte_array_new ();
  g_autoptr (GByteArray) out = g_byte_array_new ();
  gsize hash_len = sizeof cert_hash;
  GChecksum *sum;

  gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &cert_der);
  gnutls_x509_crt_get_raw_issuer_dn (crt, &issuer);
  gnutls_x509_crt_get_serial (crt, serial, &serial_len);

  /* signed attributes */
  der_oid (v, "data");
  g_ptr_array_add (attrs, attribute ("contentType", v));
  g_byte_array_set_size (v, 0);
  der_put (v, 0x04, digest, digest_len);
  g_ptr_array_add (attrs, attribute ("messageDigest", v));
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, cert_der.data, cert_der.size);
  g_checksum_get_digest (sum, cert_hash, &hash_len);
  g_checksum_free (sum);
  g_byte_array_set_size (v, 0);
  der_put (tmp, 0x04, cert_hash, hash_len);   /* ESSCertIDv2 { certHash } */
  {
    g_autoptr (GByteArray) id = g_byte_array_new ();
    g_autoptr (GByteArray) ids = g_byte_array_new ();

    der_wrap (id, 0x30, tmp);
    der_wrap (ids, 0x30, id);                  /* SEQUENCE OF ESSCertIDv2 */
    der_wrap (v, 0x30, ids);                   /* SigningCertificateV2 */
  }
  g_ptr_array_add (attrs, attribute ("signingCertificateV2", v));
  g_ptr_array_sort (attrs, compare_der);
  for (guint i = 0; i < attrs->len; i++)
    g_byte_array_append (attr_content, ((GByteArray *) attrs->pdata[i])->data,
                         ((GByteArray *) attrs->pdata[i])->len);
  der_wrap (to_sign, 0x31, attr_content);
  tbs.data = to_sign->data;
  tbs.size = to_sign->len;
  if (gnutls_privkey_sign_data (key, GNUTLS_DIG_SHA256, 0, &tbs, &sig) < 0)
    g_error ("stand-in: signing failed");

  /* SignerInfo */
  {
    static const guint8 one[] = { 0x02, 0x01, 0x01 };
    g_autoptr (GByteArray) serial_int = g_byte_array_new ();
    guint8 zero = 0;

    if (serial[0] & 0x80)
      g_byte_array_append (serial_int, &zero, 1);
    g_byte_array_append (serial_int, serial, (guint) serial_len);
    g_byte_array_append (sid, issuer.data, issuer.size);
    der_put (sid, 0x02, serial_int->data, serial_int->len);
    g_byte_array_append (si, one, 3);
    der_wrap (si, 0x30, sid);
    der_algorithm (si, "sha256");
    der_wrap (si, 0xa0, attr_content);
    der_algorithm (si, "rsaEncryption");
    der_put (si, 0x04, sig.data, sig.size);
  }
  /* SignedData */
  {
    static const guint8 one[] = { 0x02, 0x01, 0x01 };
    g_autoptr (GByteArray) algs = g_byte_array_new ();
    g_autoptr (GByteArray) encap = g_byte_array_new ();
    g_autoptr (GByteArray) sis = g_byte_array_new ();
    g_autoptr (GByteArray) wrapped_si = g_byte_array_new ();

    g_byte_array_append (sd, one, 3);
    der_algorithm (algs, "sha256");
    der_wrap (sd, 0x31, algs);
    der_oid (encap, "data");
    der_wrap (sd, 0x30, encap);
    der_put (sd, 0xa0, cert_der.data, cert_der.size);
    der_wrap (wrapped_si, 0x30, si);
    der_wrap (sd, 0x31, wrapped_si);
  }
  der_oid (ci, "signedData");
  {
    g_autoptr (GByteArray) seq = g_byte_array_new ();
    g_autoptr (GByteArray) explicit0 = g_byte_array_new ();

    der_wrap (seq, 0x30, sd);
    der_wrap (explicit0, 0xa0, seq);
    g_byte_array_append (ci, explicit0->data, explicit0->len);
  }
  der_wrap (out, 0x30, ci);
  gnutls_free (cert_der.data);
  gnutls_free (issuer.data);
  gnutls_free (sig.data);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* ---- HTTP --------------------------------------------------------------------------------- */

static void
answer (SoupServerMessage *msg, guint status, const char *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

static JsonObject *
request_json (SoupServerMessage *msg, JsonParser *parser)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static gboolean
bearer_ok (SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");

  return g_strcmp0 (auth, "Bearer " TOKEN) == 0;
}

static void
handle_token (SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  g_autofree char *expected_b64
    = g_base64_encode ((const guchar *) CLIENT_ID ":" CLIENT_SECRET,
                       strlen (CLIENT_ID ":" CLIENT_SECRET));
  g_autofree char *expected = g_strconcat ("Basic ", expected_b64, NULL);

  if (g_strcmp0 (auth, expected) != 0)
    answer (msg, 401, "{\"error\":\"invalid_client\"}");
  else
    answer (msg, 200, "{\"access_token\":\"" TOKEN "\",\"token_type\":\"bearer\","
                      "\"expires_in\":3600}");
}

static void
handle_sign (SoupServerMessage *msg)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *req = request_json (msg, parser);
  JsonObject *map, *props;
  const char *digest_b64;
  g_autofree guint8 *digest = NULL;
  gsize digest_len = 0;
  g_autoptr (GBytes) cms = NULL;
  g_autofree char *cms_b64 = NULL;
  g_autofree char *json = NULL;

  n_sign_requests++;
  if (!bearer_ok (msg))
    { answer (msg, 401, "{\"error\":\"unauthorized\"}"); return; }
  map = req != NULL ? json_object_get_object_member (req, "signaturePropertiesHashMap") : NULL;
  props = map != NULL && json_object_has_member (map, "0") ? json_object_get_object_member (map, "0")
                                                           : NULL;
  digest_b64 = props != NULL ? json_object_get_string_member_with_default (
                                 props, "documentDigestBase64", NULL)
                             : NULL;
  if (digest_b64 == NULL || json_object_get_string_member_with_default (req, "nik", NULL) == NULL)
    { answer (msg, 400, "{\"status_code\":400,\"error\":\"Bad request\"}"); return; }
  if (g_strcmp0 (json_object_get_string_member_with_default (req, "passphrase", NULL),
                 passphrase) != 0)
    { answer (msg, 400, "{\"status_code\":2031,\"error\":\"Passphrase anda salah\"}"); return; }
  digest = g_base64_decode (digest_b64, &digest_len);
  if (digest_len != 32)
    { answer (msg, 400, "{\"status_code\":400,\"error\":\"Bad digest\"}"); return; }
  if (g_str_equal (mode, "hang-unsigned"))
    {
      soup_server_message_pause (msg);
      return;
    }
  cms = sign_digest (digest, digest_len);
  cms_b64 = g_base64_encode (g_bytes_get_data (cms, NULL), g_bytes_get_size (cms));
  g_hash_table_replace (signed_digests, g_strdup (digest_b64), g_strdup (cms_b64));
  if (g_str_equal (mode, "hang"))
    {
      soup_server_message_pause (msg); /* signed, but the answer never comes */
      return;
    }
  json = g_strdup_printf ("{\"status_code\":200,\"data\":{\"cmsSignedDataHashMap\":{\"0\":\"%s\"}},"
                          "\"message\":\"success\"}",
                          cms_b64);
  answer (msg, 200, json);
}

static void
handle_status (SoupServerMessage *msg)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *req = request_json (msg, parser);
  const char *digest_b64 = req != NULL ? json_object_get_string_member_with_default (
                                           req, "documentDigestBase64", NULL)
                                       : NULL;
  const char *cms = digest_b64 != NULL ? g_hash_table_lookup (signed_digests, digest_b64) : NULL;
  g_autofree char *json = NULL;

  if (!bearer_ok (msg))
    { answer (msg, 401, "{\"error\":\"unauthorized\"}"); return; }
  if (cms == NULL)
    { answer (msg, 200, "{\"data\":{\"status\":\"NOT_FOUND\"}}"); return; }
  json = g_strdup_printf ("{\"data\":{\"status\":\"SIGNED\",\"cmsSignedData\":\"%s\"}}", cms);
  answer (msg, 200, json);
}

static void
handler (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
         gpointer user_data)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/_test/count") && g_str_equal (method, "GET"))
    {
      g_autofree char *json = g_strdup_printf ("{\"sign_requests\":%u}", n_sign_requests);

      answer (msg, 200, json);
    }
  else if (!g_str_equal (method, "POST"))
    answer (msg, 405, "{\"error\":\"method\"}");
  else if (g_str_equal (path, "/oauth2/token"))
    handle_token (msg);
  else if (g_str_equal (path, "/v2/esign/v2/api/entity/sign/hash/pdf"))
    handle_sign (msg);
  else if (g_str_equal (path, "/v2/esign/v2/api/entity/sign/hash/status"))
    handle_status (msg);
  else
    answer (msg, 404, "{\"error\":\"not found\"}");
}

static gboolean
on_stdin (GIOChannel *channel, GIOCondition condition, gpointer loop)
{
  char    buf[64];
  gsize   n = 0;

  if ((condition & (G_IO_HUP | G_IO_ERR))
      || g_io_channel_read_chars (channel, buf, sizeof buf, &n, NULL) != G_IO_STATUS_NORMAL
      || n == 0)
    {
      g_main_loop_quit (loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
load_key (const char *cert_path, const char *key_path)
{
  gnutls_datum_t data = { NULL, 0 };
  gnutls_x509_privkey_t x509 = NULL;
  gboolean ok;

  ok = gnutls_load_file (cert_path, &data) >= 0 && gnutls_x509_crt_init (&crt) >= 0
       && gnutls_x509_crt_import (crt, &data, GNUTLS_X509_FMT_PEM) >= 0;
  gnutls_free (data.data);
  data.data = NULL;
  ok = ok && gnutls_load_file (key_path, &data) >= 0 && gnutls_x509_privkey_init (&x509) >= 0
       && gnutls_x509_privkey_import (x509, &data, GNUTLS_X509_FMT_PEM) >= 0
       && gnutls_privkey_init (&key) >= 0
       && gnutls_privkey_import_x509 (key, x509, GNUTLS_PRIVKEY_IMPORT_AUTO_RELEASE) >= 0;
  gnutls_free (data.data);
  return ok;
}

int
main (int argc, char **argv)
{
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *mode_arg = NULL;
  g_autofree char *pass_arg = NULL;
  GOptionEntry entries[] = {
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &cert_path, "Signer certificate (PEM)", "FILE" },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, "Signer key (PEM)", "FILE" },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_arg, "success, hang or hang-unsigned", "MODE" },
    { "passphrase", 0, 0, G_OPTION_ARG_STRING, &pass_arg, "The passphrase to accept", "TEXT" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GSList) uris = NULL;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || cert_path == NULL || key_path == NULL)
    {
      fprintf (stderr, "usage: bsre-standin --cert C.pem --key K.pem [--mode M]\n");
      return 2;
    }
  if (mode_arg != NULL)
    mode = mode_arg;
  if (pass_arg != NULL)
    passphrase = pass_arg;
  if (!load_key (cert_path, key_path))
    {
      fprintf (stderr, "bsre-standin: cannot load the certificate or key\n");
      return 1;
    }
  signed_digests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  server = soup_server_new ("server-header", "bsre-standin", NULL);
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      fprintf (stderr, "bsre-standin: %s\n", error->message);
      return 1;
    }
  uris = soup_server_get_uris (server);
  printf ("%d\n", g_uri_get_port (uris->data));
  fflush (stdout);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  loop = g_main_loop_new (NULL, FALSE);
  {
    GIOChannel *in = g_io_channel_unix_new (0);

    g_io_channel_set_encoding (in, NULL, NULL);
    g_io_add_watch (in, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, loop);
    g_io_channel_unref (in);
  }
  g_main_loop_run (loop);
  return 0;
}
