// SPDX-License-Identifier: GPL-3.0-or-later
// LoketBsreSigner: BSrE remote signing of a document digest, queued in the store, never retried.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-bsre-client.h"
#include "loket-bsre-signer.h"
#include "loket-error.h"

#define SIGN_PATH   "/v2/esign/v2/api/entity/sign/hash/pdf"
#define STATUS_PATH "/v2/esign/v2/api/entity/sign/hash/status"

G_DEFINE_QUARK (loket-bsre-error-quark, loket_bsre_error)

struct _LoketBsreSigner
{
  GObject parent_instance;

  LoketStore *store;
  char       *base_url;
  char       *client_id;
  char       *client_secret;
  guint       timeout;
  char       *nik;          /* secret: wiped */
  char       *passphrase;   /* secret: wiped */
  char       *signer_name;
  char       *letter_id;
  char       *request_id;   /* last request; with `resolved`, the request to take the CMS of */
  gboolean    resolved;
};

static void loket_bsre_signer_iface_init (LoketSignerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LoketBsreSigner, loket_bsre_signer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LOKET_TYPE_SIGNER,
                                                      loket_bsre_signer_iface_init))

static void
wipe (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
loket_bsre_signer_finalize (GObject *object)
{
  LoketBsreSigner *self = LOKET_BSRE_SIGNER (object);

  wipe (&self->nik);
  wipe (&self->passphrase);
  wipe (&self->client_secret);
  g_clear_object (&self->store);
  g_free (self->base_url);
  g_free (self->client_id);
  g_free (self->signer_name);
  g_free (self->letter_id);
  g_free (self->request_id);
  G_OBJECT_CLASS (loket_bsre_signer_parent_class)->finalize (object);
}

static void
loket_bsre_signer_class_init (LoketBsreSignerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_bsre_signer_finalize;
}

static void
loket_bsre_signer_init (LoketBsreSigner *self)
{
}

static LoketBsreService
service_of (LoketBsreSigner *self)
{
  LoketBsreService s = { self->base_url, self->client_id, self->client_secret, self->timeout };

  return s;
}

static JsonNode *
sign_body (LoketBsreSigner *self, const char *digest_b64)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "nik");
  json_builder_add_string_value (b, self->nik);
  json_builder_set_member_name (b, "idSubscriber");
  json_builder_add_null_value (b);
  json_builder_set_member_name (b, "passphrase");
  json_builder_add_string_value (b, self->passphrase);
  json_builder_set_member_name (b, "signaturePropertiesHashMap");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "0");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tampilan");
  json_builder_add_string_value (b, "INVISIBLE");
  json_builder_set_member_name (b, "page");
  json_builder_add_int_value (b, 0);
  json_builder_set_member_name (b, "signatureLevel");
  json_builder_add_string_value (b, "PAdES_BASELINE_LT");
  json_builder_set_member_name (b, "certificationPermission");
  json_builder_add_string_value (b, "CHANGES_PERMITTED");
  json_builder_set_member_name (b, "documentDigestBase64");
  json_builder_add_string_value (b, digest_b64);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The CMS of a successful answer, or NULL. */
static GBytes *
cms_from_answer (JsonObject *answer, const char *map_member, char **base64)
{
  JsonObject *data = json_object_has_member (answer, "data")
                       ? json_object_get_object_member (answer, "data") : NULL;
  const char *text = NULL;
  guchar     *der;
  gsize       len = 0;

  if (data == NULL)
    return NULL;
  if (map_member != NULL)
    {
      JsonObject *map = json_object_has_member (data, map_member)
                          ? json_object_get_object_member (data, map_member) : NULL;

      text = map != NULL ? json_object_get_string_member_with_default (map, "0", NULL) : NULL;
    }
  else
    text = json_object_get_string_member_with_default (data, "cmsSignedData", NULL);
  if (text == NULL || *text == '\0')
    return NULL;
  der = g_base64_decode (text, &len);
  if (len < 16 || der[0] != 0x30)
    {
      g_free (der);
      return NULL;
    }
  *base64 = g_strdup (text);
  return g_bytes_new_take (der, len);
}

static gboolean
answer_mentions_passphrase (JsonObject *answer)
{
  const char *members[] = { "error", "message" };

  if (json_object_get_int_member_with_default (answer, "status_code", 0) == 2031)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *text = json_object_get_string_member_with_default (answer, members[i], NULL);
      g_autofree char *lower = text != NULL ? g_ascii_strdown (text, -1) : NULL;

      if (lower != NULL && strstr (lower, "passphrase") != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
record (LoketBsreSigner *self, LoketSignRequestState state, const char *cms, const char *message)
{
  g_autoptr (GError) error = NULL;

  if (!loket_store_set_sign_request (self->store, self->request_id, state, cms, message, &error))
    g_warning ("Could not record signing request %s as %s: %s", self->request_id,
               loket_sign_request_state_to_string (state), error->message);
}

static GBytes *
sign_resolved (LoketBsreSigner *self, const char *digest_hex, GError **error)
{
  g_autoptr (LoketSignRequest) request
    = loket_store_get_sign_request (self->store, self->request_id, error);
  guchar *der;
  gsize   len = 0;

  if (request == NULL)
    return NULL;
  if (request->state != LOKET_SIGN_REQUEST_SIGNED || request->cms_base64 == NULL)
    {
      g_set_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_OUTCOME_UNKNOWN,
                   _("The signing request %s is %s, not signed"), request->id,
                   loket_sign_request_state_to_string (request->state));
      return NULL;
    }
  if (g_strcmp0 (request->digest_sha256, digest_hex) != 0)
    {
      g_set_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_DIGEST_MISMATCH,
                   _("The signature of request %s is for other bytes: sign with the same "
                     "document and options"),
                   request->id);
      return NULL;
    }
  der = g_base64_decode (request->cms_base64, &len);
  return g_bytes_new_take (der, len);
}

static GBytes *
loket_bsre_signer_sign_cms (LoketSigner  *signer,
                            GBytes       *content,
                            GCancellable *cancellable,
                            GError      **error)
{
  LoketBsreSigner *self = LOKET_BSRE_SIGNER (signer);
  LoketBsreService service = service_of (self);
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  g_autofree char *digest_b64 = NULL;
  g_autoptr (SoupSession) session = NULL;
  g_autofree char *token = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *cms_b64 = NULL;
  GBytes *cms;
  guint status = 0;
  gboolean sent = FALSE;

  g_checksum_update (sum, g_bytes_get_data (content, NULL), (gssize) g_bytes_get_size (content));
  if (self->resolved)
    return sign_resolved (self, g_checksum_get_string (sum), error);
  g_checksum_get_digest (sum, digest, &digest_len);
  digest_b64 = g_base64_encode (digest, digest_len);

  /* 1. queued: recorded before anything leaves this computer */
  g_free (self->request_id);
  self->request_id = g_uuid_string_random ();
  if (!loket_store_add_sign_request (self->store, self->request_id, self->letter_id,
                                     g_checksum_get_string (sum), self->base_url, error))
    return NULL;
  session = _loket_bsre_session_new (&service);
  token = _loket_bsre_get_token (session, &service, cancellable, &local_error);
  if (token == NULL)
    {
      record (self, LOKET_SIGN_REQUEST_FAILED, NULL, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* 2. dispatched: from here on, a lost answer means "outcome unknown" */
  record (self, LOKET_SIGN_REQUEST_DISPATCHED, NULL, NULL);
  body = sign_body (self, digest_b64);
  answer = _loket_bsre_post (session, self->base_url, SIGN_PATH, token, body, &status, &sent,
                             cancellable, &local_error);
  json_node_unref (g_steal_pointer (&body)); /* holds the passphrase */
  if (answer == NULL)
    {
      if (!sent)
        {
          record (self, LOKET_SIGN_REQUEST_FAILED, NULL, local_error->message);
          g_set_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_NOT_SENT,
                       _("Could not send the signing request: %s"), local_error->message);
          return NULL;
        }
      record (self, LOKET_SIGN_REQUEST_UNKNOWN, NULL, local_error->message);
      g_set_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_OUTCOME_UNKNOWN,
                   _("The signing request was sent but no answer came (%s). Whether the letter "
                     "was signed is unknown: check it later; it will not be sent again."),
                   local_error->message);
      return NULL;
    }

  /* 3. signed or failed */
  cms = status == SOUP_STATUS_OK ? cms_from_answer (answer, "cmsSignedDataHashMap", &cms_b64)
                                 : NULL;
  if (cms != NULL)
    {
      record (self, LOKET_SIGN_REQUEST_SIGNED, cms_b64, NULL);
      return cms;
    }
  if (status >= 400 && status < 500)
    {
      gboolean passphrase = answer_mentions_passphrase (answer);
      g_autofree char *message
        = passphrase ? g_strdup (_("Wrong NIK or passphrase: the service did not sign"))
                     : g_strdup_printf (_("The signing service refused the request (HTTP %u)"),
                                        status);

      record (self, LOKET_SIGN_REQUEST_FAILED, NULL, message);
      g_set_error_literal (error, LOKET_BSRE_ERROR,
                           passphrase ? LOKET_BSRE_ERROR_WRONG_PASSPHRASE
                                      : LOKET_BSRE_ERROR_REFUSED,
                           message);
      return NULL;
    }
  /* 2xx without a CMS, 5xx (a gateway may have passed the request on): not known */
  {
    g_autofree char *message
      = g_strdup_printf (_("The signing service answered HTTP %u without a signature"), status);

    record (self, LOKET_SIGN_REQUEST_UNKNOWN, NULL, message);
    g_set_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_OUTCOME_UNKNOWN,
                 _("%s. Whether the letter was signed is unknown: check it later; it will not "
                   "be sent again."),
                 message);
  }
  return NULL;
}

static char *
loket_bsre_signer_dup_signer_name (LoketSigner *signer)
{
  return g_strdup (LOKET_BSRE_SIGNER (signer)->signer_name);
}

static GBytes *
loket_bsre_signer_dup_certificate (LoketSigner *signer)
{
  return NULL; /* the certificate stays at BSrE; it arrives inside the CMS */
}

static void
loket_bsre_signer_iface_init (LoketSignerInterface *iface)
{
  iface->sign_cms = loket_bsre_signer_sign_cms;
  iface->dup_signer_name = loket_bsre_signer_dup_signer_name;
  iface->dup_certificate = loket_bsre_signer_dup_certificate;
}

LoketBsreSigner *
loket_bsre_signer_new (LoketStore             *store,
                       const LoketBsreService *service,
                       const char             *nik,
                       const char             *passphrase,
                       const char             *signer_name,
                       const char             *letter_id)
{
  LoketBsreSigner *self;

  g_return_val_if_fail (LOKET_IS_STORE (store), NULL);
  g_return_val_if_fail (service != NULL && service->base_url != NULL, NULL);
  g_return_val_if_fail (nik != NULL && passphrase != NULL, NULL);

  self = g_object_new (LOKET_TYPE_BSRE_SIGNER, NULL);
  self->store = g_object_ref (store);
  self->base_url = g_strdup (service->base_url);
  self->client_id = g_strdup (service->client_id);
  self->client_secret = g_strdup (service->client_secret);
  self->timeout = service->timeout;
  self->nik = g_strdup (nik);
  self->passphrase = g_strdup (passphrase);
  self->signer_name = g_strdup (signer_name != NULL ? signer_name : "");
  self->letter_id = g_strdup (letter_id);
  return self;
}

LoketBsreSigner *
loket_bsre_signer_new_resolved (LoketStore *store, const char *request_id,
                                const char *signer_name)
{
  LoketBsreSigner *self;

  g_return_val_if_fail (LOKET_IS_STORE (store), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  self = g_object_new (LOKET_TYPE_BSRE_SIGNER, NULL);
  self->store = g_object_ref (store);
  self->request_id = g_strdup (request_id);
  self->signer_name = g_strdup (signer_name != NULL ? signer_name : "");
  self->resolved = TRUE;
  return self;
}

const char *
loket_bsre_signer_get_request_id (LoketBsreSigner *self)
{
  g_return_val_if_fail (LOKET_IS_BSRE_SIGNER (self), NULL);
  return self->request_id;
}

LoketSignRequestState
loket_bsre_reconcile (LoketStore             *store,
                      const LoketBsreService *service,
                      const char             *request_id,
                      GCancellable           *cancellable,
                      GError                **error)
{
  g_autoptr (LoketSignRequest) request = NULL;
  g_autoptr (SoupSession) session = NULL;
  g_autofree char *token = NULL;
  g_autofree char *digest_b64 = NULL;
  g_autofree char *cms_b64 = NULL;
  g_autofree guint8 *digest = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (GBytes) cms = NULL;
  JsonObject *data;
  const char *status_text;
  guint status = 0;
  gboolean sent = FALSE;

  g_return_val_if_fail (LOKET_IS_STORE (store), LOKET_SIGN_REQUEST_UNKNOWN);
  g_return_val_if_fail (service != NULL && request_id != NULL, LOKET_SIGN_REQUEST_UNKNOWN);

  request = loket_store_get_sign_request (store, request_id, error);
  if (request == NULL)
    return LOKET_SIGN_REQUEST_UNKNOWN;
  if (request->state == LOKET_SIGN_REQUEST_SIGNED || request->state == LOKET_SIGN_REQUEST_FAILED)
    return request->state;
  if (strlen (request->digest_sha256) != 64)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_CORRUPT, _("The signing request %s is damaged"),
                   request_id);
      return request->state;
    }
  digest = g_new (guint8, 32);
  for (guint i = 0; i < 32; i++)
    digest[i] = (guint8) (g_ascii_xdigit_value (request->digest_sha256[2 * i]) << 4
                          | g_ascii_xdigit_value (request->digest_sha256[2 * i + 1]));
  digest_b64 = g_base64_encode (digest, 32);

  session = _loket_bsre_session_new (service);
  token = _loket_bsre_get_token (session, service, cancellable, error);
  if (token == NULL)
    return request->state;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "documentDigestBase64");
  json_builder_add_string_value (b, digest_b64);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  answer = _loket_bsre_post (session, service->base_url, STATUS_PATH, token, body, &status, &sent,
                             cancellable, error);
  if (answer == NULL)
    return request->state;
  data = json_object_has_member (answer, "data")
           ? json_object_get_object_member (answer, "data") : NULL;
  status_text = data != NULL ? json_object_get_string_member_with_default (data, "status", NULL)
                             : NULL;
  if (status == SOUP_STATUS_OK && g_strcmp0 (status_text, "SIGNED") == 0
      && (cms = cms_from_answer (answer, NULL, &cms_b64)) != NULL)
    {
      if (!loket_store_set_sign_request (store, request_id, LOKET_SIGN_REQUEST_SIGNED, cms_b64,
                                         NULL, error))
        return request->state;
      return LOKET_SIGN_REQUEST_SIGNED;
    }
  if (status == SOUP_STATUS_OK
      && (g_strcmp0 (status_text, "NOT_FOUND") == 0 || g_strcmp0 (status_text, "FAILED") == 0))
    {
      if (!loket_store_set_sign_request (store, request_id, LOKET_SIGN_REQUEST_FAILED, NULL,
                                         _("The service reports that it did not sign"), error))
        return request->state;
      return LOKET_SIGN_REQUEST_FAILED;
    }
  g_set_error (error, LOKET_BSRE_ERROR, LOKET_BSRE_ERROR_OUTCOME_UNKNOWN,
               _("The signing service gave no clear status (HTTP %u): the request stays unknown"),
               status);
  return request->state;
}
