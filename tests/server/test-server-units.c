// SPDX-License-Identifier: GPL-3.0-or-later
// loket-server's parts without a database: passwords, tokens, throttling, config, reference data.

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "loket-server-auth.h"
#include "loket-server-config.h"
#include "loket-server-db.h"
#include "loket-server-reference.h"

static void
test_password (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *a = loket_auth_hash_password ("correct horse battery", 1024, 1, &error);
  g_autofree char *b = loket_auth_hash_password ("correct horse battery", 1024, 1, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (a, "$argon2id$v=19$m=1024,t=1,p=1$"));
  g_assert_cmpstr (a, !=, b); /* random salt */
  g_assert_null (strstr (a, "correct"));
  g_assert_true (loket_auth_verify_password (a, "correct horse battery"));
  g_assert_true (loket_auth_verify_password (b, "correct horse battery"));
  g_assert_false (loket_auth_verify_password (a, "correct horse batterY"));
  g_assert_false (loket_auth_verify_password (a, ""));
  g_assert_false (loket_auth_verify_password (NULL, "correct horse battery"));
  g_assert_false (loket_auth_verify_password ("$argon2id$garbage", "x"));
}

static void
test_tokens (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *a = loket_auth_new_token (&error);
  g_autofree char *b = loket_auth_new_token (&error);
  g_autofree char *hash = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (a), ==, 64);
  g_assert_cmpstr (a, !=, b);
  for (const char *p = a; *p != '\0'; p++)
    g_assert_true (g_ascii_isxdigit (*p) && !g_ascii_isupper (*p));
  hash = loket_auth_token_hash (a);
  g_assert_cmpuint (strlen (hash), ==, 64);
  g_assert_cmpstr (hash, !=, a);
}

static void
test_throttle (void)
{
  LoketThrottle *throttle = loket_throttle_new (3, 60, 3600);
  guint          retry = 0;

  for (int i = 0; i < 2; i++)
    loket_throttle_fail (throttle, "user:a");
  g_assert_true (loket_throttle_check (throttle, "user:a", &retry));
  loket_throttle_fail (throttle, "user:a");
  g_assert_false (loket_throttle_check (throttle, "user:a", &retry));
  g_assert_cmpuint (retry, >, 50);
  g_assert_cmpuint (retry, <=, 60);
  loket_throttle_fail (throttle, "user:a"); /* the delay doubles */
  g_assert_false (loket_throttle_check (throttle, "user:a", &retry));
  g_assert_cmpuint (retry, >, 110);
  g_assert_true (loket_throttle_check (throttle, "user:b", NULL));
  loket_throttle_reset (throttle, "user:a");
  g_assert_true (loket_throttle_check (throttle, "user:a", NULL));
  loket_throttle_free (throttle);

  /* Failures are forgotten after a quiet period (1 s here), unless a lockout is running. */
  throttle = loket_throttle_new (3, 60, 1);
  loket_throttle_fail (throttle, "address:x");
  loket_throttle_fail (throttle, "address:x");
  g_usleep (1200 * 1000);
  loket_throttle_fail (throttle, "address:x");
  g_assert_true (loket_throttle_check (throttle, "address:x", NULL)); /* 1 failure, not 3 */
  loket_throttle_fail (throttle, "address:x");
  loket_throttle_fail (throttle, "address:x");
  g_assert_false (loket_throttle_check (throttle, "address:x", NULL));
  loket_throttle_free (throttle);
}

static void
test_read_password (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-pw-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pw", NULL);
  g_autofree char *password = NULL;

  g_file_set_contents (path, "  spaced secret phrase\nsecond line\n", -1, NULL);
  password = loket_auth_read_password (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "  spaced secret phrase");
  g_file_set_contents (path, "short\n", -1, NULL);
  g_clear_pointer (&password, g_free);
  password = loket_auth_read_password (path, &error);
  g_assert_null (password);
  g_assert_nonnull (error);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_config (void)
{
  g_autoptr (LoketServerConfig) config = loket_server_config_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *example
    = g_build_filename (g_getenv ("LOKET_SOURCE_ROOT"), "data", "loket-server.conf.example", NULL);
  g_autofree char *dir = g_dir_make_tmp ("loket-conf-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.conf", NULL);

  g_assert_true (loket_server_config_load (config, example, &error));
  g_assert_no_error (error);
  g_assert_cmpint (config->port, ==, 8443);
  g_assert_cmpstr (config->listen_address, ==, "0.0.0.0");
  g_assert_cmpuint (config->db_connections, ==, 4);
  g_assert_cmpstr (config->tls_key, ==, "/etc/loket/tls/server.key");

  g_file_set_contents (bad, "[server]\nport=70000\n", -1, NULL);
  g_assert_false (loket_server_config_load (config, bad, &error));
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_file_set_contents (bad, "[server]\ntrusted-proxies=10.0.0.1;proxy.example;\n", -1, NULL);
  g_assert_false (loket_server_config_load (config, bad, &error));
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_file_set_contents (bad, "[server]\ntrusted-proxies=10.0.0.1; ::1;\n", -1, NULL);
  g_assert_true (loket_server_config_load (config, bad, &error));
  g_assert_cmpstr (config->trusted_proxies[1], ==, "::1");
  g_file_set_contents (bad, "[database]\nconnections=many\n", -1, NULL);
  g_assert_false (loket_server_config_load (config, bad, &error));
  g_assert_nonnull (error);
  g_remove (bad);
  g_rmdir (dir);
}

static void
test_text_array (void)
{
  const char      *values[] = { "plain", "with \"quotes\"", "back\\slash", "{braces},comma", "" };
  g_autofree char *array = loket_pg_text_array (values, G_N_ELEMENTS (values));

  g_assert_cmpstr (array, ==,
                   "{\"plain\",\"with \\\"quotes\\\"\",\"back\\\\slash\",\"{braces},comma\",\"\"}");
}

static void
test_reference (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_dir = g_build_filename (g_getenv ("LOKET_SOURCE_ROOT"), "data", NULL);
  g_autoptr (LoketReference) reference = loket_reference_load (data_dir, &error);
  g_autoptr (GBytes) holidays = NULL;
  g_autoptr (GBytes) org = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *version = NULL;

  g_assert_no_error (error);
  org = loket_reference_get (reference, "org-chart", "dinsos-ntt", &version);
  g_assert_nonnull (org);
  g_assert_cmpuint (strlen (version), ==, 64);
  g_assert_null (loket_reference_get (reference, "org-chart", "no-such-agency", NULL));
  holidays = loket_reference_get (reference, "holidays", "any", NULL);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (holidays, NULL),
                                             (gssize) g_bytes_get_size (holidays), NULL));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), >=,
                    3);

  /* A broken file stops the load with its name in the message. */
  {
    g_autofree char *dir = g_dir_make_tmp ("loket-ref-XXXXXX", NULL);
    g_autofree char *org_dir = g_build_filename (dir, "org", NULL);
    g_autofree char *catalog_dir = g_build_filename (dir, "catalog", NULL);
    g_autofree char *holiday_dir = g_build_filename (dir, "holidays", NULL);
    g_autofree char *broken = g_build_filename (org_dir, "x.json", NULL);
    g_autoptr (LoketReference) none = NULL;

    g_mkdir (org_dir, 0700);
    g_mkdir (catalog_dir, 0700);
    g_mkdir (holiday_dir, 0700);
    g_file_set_contents (broken, "{ not json", -1, NULL);
    none = loket_reference_load (dir, &error);
    g_assert_null (none);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "x.json"));
    g_remove (broken);
    g_rmdir (org_dir);
    g_rmdir (catalog_dir);
    g_rmdir (holiday_dir);
    g_rmdir (dir);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/auth/password", test_password);
  g_test_add_func ("/server/auth/tokens", test_tokens);
  g_test_add_func ("/server/auth/throttle", test_throttle);
  g_test_add_func ("/server/auth/read-password", test_read_password);
  g_test_add_func ("/server/config", test_config);
  g_test_add_func ("/server/db/text-array", test_text_array);
  g_test_add_func ("/server/reference", test_reference);

  return g_test_run ();
}
