// SPDX-License-Identifier: GPL-3.0-or-later
// The BSrE adapter against the local stand-in: success (the PDF verifies), wrong passphrase,
// timeout after sending (outcome unknown, sent once, kept across restarts) and reconciliation.
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "loket-bsre-signer.h"
#include "loket-error.h"
#include "loket-pdf-signature-verify.h"
#include "loket-pdf-signer.h"
#include "loket-test-utils.h"
#include "pades-fixture.h"
#include "store-test-events.h"

#define NIK        "5301010101900001"
#define PASSPHRASE "rahasia-uji"

typedef struct
{
  PadesFixture       *fx;
  char               *db_path;
  LoketCaseProjector *projector;
  LoketStore         *store;
  GSubprocess        *server;
  char               *base_url;
  GDateTime          *time;
} Fixture;

static void
start_server (Fixture *f, const char *mode)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "bsre", "bsre-standin", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) in = NULL;
  g_autofree char *line = NULL;

  /* the stand-in quits when its stdin closes, i.e. when this test ends, even by a crash */
  f->server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE,
                                &error, helper, "--cert",
                                f->fx->signer_pem, "--key", f->fx->signer_key, "--mode", mode,
                                "--passphrase", PASSPHRASE, NULL);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->server));
  line = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  f->base_url = g_strdup_printf ("http://127.0.0.1:%s", line);
}

static void
fixture_set_up (Fixture *f, gconstpointer mode)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_offset (8 * 3600);

  f->fx = pades_fixture_new ();
  f->db_path = pades_fixture_path (f->fx, "loket.db");
  f->projector = store_test_projector_new ();
  f->store = loket_store_open (f->db_path, f->projector, &error);
  g_assert_no_error (error);
  f->time = g_date_time_new_now (tz); /* the test certificate is valid from today */
  start_server (f, mode);
}

static void
fixture_tear_down (Fixture *f, gconstpointer mode)
{
  g_subprocess_force_exit (f->server);
  g_subprocess_wait (f->server, NULL, NULL);
  g_clear_object (&f->server);
  g_clear_object (&f->store);
  g_clear_object (&f->projector);
  g_date_time_unref (f->time);
  g_free (f->base_url);
  g_free (f->db_path);
  pades_fixture_free (f->fx);
}

static LoketBsreService
service (Fixture *f, guint timeout)
{
  LoketBsreService s = { f->base_url, "loket", "rahasia-klien", timeout };

  return s;
}

static guint
server_count (Fixture *f)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (f->base_url, "/_test/count", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr (GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_nonnull (body);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             (gssize) g_bytes_get_size (body), NULL));
  return (guint) json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                             "sign_requests");
}

static GBytes *
input_pdf (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (f->fx->input_pdf, &contents, &len, &error));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static LoketPdfSignOptions
options (Fixture *f)
{
  LoketPdfSignOptions o = { "Drs. Uji Coba", "Penetapan", "Kupang", f->time, 0, { 0 }, 0 };

  return o;
}

static void
assert_verifies (Fixture *f, GBytes *signed_pdf)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPdfVerification) v = loket_pdf_verify (signed_pdf, f->fx->ca_pem, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (v->signatures->len, ==, 1);
  g_assert_true (((LoketPdfSignature *) v->signatures->pdata[0])->cms_valid);
  g_assert_true (((LoketPdfSignature *) v->signatures->pdata[0])->digest_matches);
  g_assert_true (((LoketPdfSignature *) v->signatures->pdata[0])->trusted);
  g_assert_true (v->valid);
}

static LoketSignRequestState
stored_state (Fixture *f, const char *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSignRequest) r = loket_store_get_sign_request (f->store, id, &error);

  g_assert_no_error (error);
  return r->state;
}

static void
test_success (Fixture *f, gconstpointer mode)
{
  LoketBsreService s = service (f, 10);
  g_autoptr (LoketBsreSigner) signer
    = loket_bsre_signer_new (f->store, &s, NIK, PASSPHRASE, "Drs. Uji Coba", "letter-1");
  g_autoptr (GBytes) pdf = input_pdf (f);
  LoketPdfSignOptions o = options (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) signed_pdf = loket_pdf_sign (pdf, LOKET_SIGNER (signer), &o, NULL, &error);
  g_autoptr (LoketSignRequest) r = NULL;

  g_assert_no_error (error);
  assert_verifies (f, signed_pdf);
  r = loket_store_get_sign_request (f->store, loket_bsre_signer_get_request_id (signer), &error);
  g_assert_cmpint (r->state, ==, LOKET_SIGN_REQUEST_SIGNED);
  g_assert_cmpstr (r->letter_id, ==, "letter-1");
  g_assert_nonnull (r->cms_base64);
  g_assert_cmpuint (server_count (f), ==, 1);
}

static void
test_wrong_passphrase (Fixture *f, gconstpointer mode)
{
  LoketBsreService s = service (f, 10);
  g_autoptr (LoketBsreSigner) signer
    = loket_bsre_signer_new (f->store, &s, NIK, "salah", "Drs. Uji Coba", "letter-1");
  g_autofree char *out = pades_fixture_path (f->fx, "signed.pdf");
  LoketPdfSignOptions o = options (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) open = NULL;

  g_assert_false (loket_pdf_sign_file (f->fx->input_pdf, out, LOKET_SIGNER (signer), &o, NULL,
                                       &error));
  g_assert_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_WRONG_PASSPHRASE);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpint (stored_state (f, loket_bsre_signer_get_request_id (signer)), ==,
                   LOKET_SIGN_REQUEST_FAILED);
  g_clear_error (&error);
  open = loket_store_list_open_sign_requests (f->store, &error);
  g_assert_cmpuint (open->len, ==, 0);
  g_assert_cmpuint (server_count (f), ==, 1);
}

/* The stand-in signs but never answers: "outcome unknown", sent exactly once, still unknown
 * after a restart; reconciliation finds the signature and the same PDF is finished with it. */
static void
test_timeout_then_signed (Fixture *f, gconstpointer mode)
{
  LoketBsreService s = service (f, 1);
  g_autoptr (LoketBsreSigner) signer
    = loket_bsre_signer_new (f->store, &s, NIK, PASSPHRASE, "Drs. Uji Coba", "letter-2");
  g_autoptr (LoketBsreSigner) resolved = NULL;
  g_autoptr (GBytes) pdf = input_pdf (f);
  LoketPdfSignOptions o = options (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) signed_pdf = loket_pdf_sign (pdf, LOKET_SIGNER (signer), &o, NULL, &error);
  g_autoptr (GPtrArray) open = NULL;
  g_autofree char *id = g_strdup (loket_bsre_signer_get_request_id (signer));

  g_assert_null (signed_pdf);
  g_assert_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_OUTCOME_UNKNOWN);
  g_clear_error (&error);
  g_assert_cmpint (stored_state (f, id), ==, LOKET_SIGN_REQUEST_UNKNOWN);
  g_usleep (1500 * 1000);
  g_assert_cmpuint (server_count (f), ==, 1); /* never retried */

  /* the queue survives a restart */
  g_clear_object (&f->store);
  f->store = loket_store_open (f->db_path, f->projector, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loket_store_recover_sign_requests (f->store, &error), ==, 0);
  open = loket_store_list_open_sign_requests (f->store, &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (((LoketSignRequest *) open->pdata[0])->id, ==, id);
  g_assert_cmpint (((LoketSignRequest *) open->pdata[0])->state, ==, LOKET_SIGN_REQUEST_UNKNOWN);

  s.timeout = 10;
  g_assert_cmpint (loket_bsre_reconcile (f->store, &s, id, NULL, &error), ==,
                   LOKET_SIGN_REQUEST_SIGNED);
  g_assert_no_error (error);
  g_assert_cmpint (stored_state (f, id), ==, LOKET_SIGN_REQUEST_SIGNED);
  g_assert_cmpuint (server_count (f), ==, 1); /* reconciling signs nothing */

  /* finish the same PDF with the reconciled signature: it verifies */
  resolved = loket_bsre_signer_new_resolved (f->store, id, "Drs. Uji Coba");
  signed_pdf = loket_pdf_sign (pdf, LOKET_SIGNER (resolved), &o, NULL, &error);
  g_assert_no_error (error);
  assert_verifies (f, signed_pdf);

  /* other bytes (here: another signing time) cannot take that signature */
  {
    LoketPdfSignOptions later = o;
    g_autoptr (GDateTime) t = g_date_time_add_seconds (f->time, 60);
    g_autoptr (GBytes) wrong = NULL;

    later.signing_time = t;
    wrong = loket_pdf_sign (pdf, LOKET_SIGNER (resolved), &later, NULL, &error);
    g_assert_null (wrong);
    g_assert_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_DIGEST_MISMATCH);
  }
}

/* The stand-in neither signs nor answers: reconciliation resolves the request to failed. */
static void
test_timeout_then_failed (Fixture *f, gconstpointer mode)
{
  LoketBsreService s = service (f, 1);
  g_autoptr (LoketBsreSigner) signer
    = loket_bsre_signer_new (f->store, &s, NIK, PASSPHRASE, "Drs. Uji Coba", NULL);
  g_autoptr (GBytes) pdf = input_pdf (f);
  LoketPdfSignOptions o = options (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) signed_pdf = loket_pdf_sign (pdf, LOKET_SIGNER (signer), &o, NULL, &error);
  const char *id = loket_bsre_signer_get_request_id (signer);

  g_assert_null (signed_pdf);
  g_assert_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_OUTCOME_UNKNOWN);
  g_clear_error (&error);
  s.timeout = 10;
  g_assert_cmpint (loket_bsre_reconcile (f->store, &s, id, NULL, &error), ==,
                   LOKET_SIGN_REQUEST_FAILED);
  g_assert_no_error (error);
  g_assert_cmpint (stored_state (f, id), ==, LOKET_SIGN_REQUEST_FAILED);
  g_assert_cmpuint (server_count (f), ==, 1);
}

/* Offline (nothing listening): not sent, failed at once, nothing unknown. */
static void
test_not_sent (Fixture *f, gconstpointer mode)
{
  LoketBsreService s = { "http://127.0.0.1:9", "loket", "rahasia-klien", 5 };
  g_autoptr (LoketBsreSigner) signer
    = loket_bsre_signer_new (f->store, &s, NIK, PASSPHRASE, "Drs. Uji Coba", NULL);
  g_autoptr (GBytes) pdf = input_pdf (f);
  LoketPdfSignOptions o = options (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) signed_pdf = loket_pdf_sign (pdf, LOKET_SIGNER (signer), &o, NULL, &error);

  g_assert_null (signed_pdf);
  g_assert_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_NOT_SENT);
  g_assert_cmpint (stored_state (f, loket_bsre_signer_get_request_id (signer)), ==,
                   LOKET_SIGN_REQUEST_FAILED);
}

/* A request left "dispatched" by a process that died becomes unknown at start-up. */
static void
test_recover (Fixture *f, gconstpointer mode)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (loket_store_add_sign_request (f->store, "r1", NULL, "00", f->base_url, &error));
  g_assert_true (loket_store_set_sign_request (f->store, "r1", LOKET_SIGN_REQUEST_DISPATCHED,
                                               NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  f->store = loket_store_open (f->db_path, f->projector, &error);
  g_assert_cmpuint (loket_store_recover_sign_requests (f->store, &error), ==, 1);
  g_assert_cmpint (stored_state (f, "r1"), ==, LOKET_SIGN_REQUEST_UNKNOWN);
  /* final states stay final */
  g_assert_true (loket_store_set_sign_request (f->store, "r1", LOKET_SIGN_REQUEST_FAILED, NULL,
                                               "x", &error));
  g_assert_false (loket_store_set_sign_request (f->store, "r1", LOKET_SIGN_REQUEST_SIGNED, "AA",
                                                NULL, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
}

static char *
write_secret (Fixture *f, const char *name, const char *value)
{
  char *path = pades_fixture_path (f->fx, name);

  g_assert_true (g_file_set_contents (path, value, -1, NULL));
  return path;
}

/* The same story through loket-cli: bsre-sign loses its answer, sign-requests lists the request
 * as unknown, reconciles it and finishes the PDF, which loket-cli verify accepts. */
static void
test_cli (Fixture *f, gconstpointer mode)
{
  g_autofree char *cli = g_build_filename (g_getenv ("LOKET_BUILD_ROOT"), "src", "cli",
                                           "loket-cli", NULL);
  g_autofree char *nik = write_secret (f, "nik.txt", NIK "\n");
  g_autofree char *pass = write_secret (f, "pass.txt", PASSPHRASE "\n");
  g_autofree char *client = write_secret (f, "client.txt", "rahasia-klien\n");
  g_autofree char *out = pades_fixture_path (f->fx, "bsre-signed.pdf");
  g_autofree char *output = NULL;
  g_autofree char *request = NULL;
  g_autofree char *when = NULL;
  const char *p;

  g_clear_object (&f->store); /* the CLI opens the database itself */
  g_assert_cmpint (loket_test_run_tool (&output, cli, "bsre-sign", "--db", f->db_path, "--service",
                              f->base_url, "--client-id", "loket", "--client-secret-file", client,
                              "--nik-file", nik, "--passphrase-file", pass, "--timeout", "1",
                              "--name", "Drs. Uji Coba", f->fx->input_pdf, out, NULL), ==, 1);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_null (strstr (output, NIK));
  g_assert_null (strstr (output, PASSPHRASE));
  p = strstr (output, "Request ");
  g_assert_nonnull (p);
  request = g_strndup (p + 8, 36);
  p = strstr (output, "signing time ");
  g_assert_nonnull (p);
  when = g_strndup (p + 13, strcspn (p + 13, "\n") - 1); /* without the final "." */

  g_clear_pointer (&output, g_free);
  g_assert_cmpint (loket_test_run_tool (&output, cli, "sign-requests", "--db", f->db_path, NULL), ==, 0);
  g_assert_nonnull (strstr (output, request));
  g_assert_nonnull (strstr (output, "unknown"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (loket_test_run_tool (&output, cli, "sign-requests", "--db", f->db_path, "--reconcile",
                              request, "--service", f->base_url, "--client-id", "loket",
                              "--client-secret-file", client, NULL), ==, 0);
  g_assert_nonnull (strstr (output, "signed"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (loket_test_run_tool (&output, cli, "sign-requests", "--db", f->db_path, "--finish",
                              request, "--time", when, "--name", "Drs. Uji Coba",
                              f->fx->input_pdf, out, NULL), ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (loket_test_run_tool (&output, cli, "verify", "--ca", f->fx->ca_pem, out, NULL), ==, 0);
  g_assert_cmpuint (server_count (f), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, mode, func) \
  g_test_add (path, Fixture, mode, fixture_set_up, func, fixture_tear_down)
  ADD ("/loket/bsre/success", "success", test_success);
  ADD ("/loket/bsre/wrong-passphrase", "success", test_wrong_passphrase);
  ADD ("/loket/bsre/timeout-then-signed", "hang", test_timeout_then_signed);
  ADD ("/loket/bsre/timeout-then-failed", "hang-unsigned", test_timeout_then_failed);
  ADD ("/loket/bsre/not-sent", "success", test_not_sent);
  ADD ("/loket/bsre/recover", "success", test_recover);
  ADD ("/loket/bsre/cli", "hang", test_cli);
#undef ADD
  return g_test_run ();
}
