// SPDX-License-Identifier: GPL-3.0-or-later
// LoketPkcs11Signer: a LoketSigner whose key and certificate live on a PKCS#11 token.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/pkcs11.h>
#include <string.h>

#include "loket-error.h"
#include "loket-signer-pkcs11.h"
#include "loket-signer-private.h"

struct _LoketPkcs11Signer
{
  GObject parent_instance;

  gnutls_x509_crt_t crt;
  gnutls_privkey_t  key;
  char             *pin; /* kept for re-logins; wiped in finalize */
};

static void loket_pkcs11_signer_iface_init (LoketSignerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LoketPkcs11Signer,
                               loket_pkcs11_signer,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LOKET_TYPE_SIGNER,
                                                      loket_pkcs11_signer_iface_init))

static GBytes *
loket_pkcs11_signer_sign_cms (LoketSigner  *signer,
                              GBytes       *content,
                              GCancellable *cancellable,
                              GError      **error)
{
  LoketPkcs11Signer *self = LOKET_PKCS11_SIGNER (signer);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return _loket_signer_make_cms (self->crt, NULL, 0, self->key, content, error);
}

static char *
loket_pkcs11_signer_dup_signer_name (LoketSigner *signer)
{
  return _loket_signer_crt_common_name (LOKET_PKCS11_SIGNER (signer)->crt);
}

static GBytes *
loket_pkcs11_signer_dup_certificate (LoketSigner *signer)
{
  return _loket_signer_crt_der (LOKET_PKCS11_SIGNER (signer)->crt);
}

static void
loket_pkcs11_signer_iface_init (LoketSignerInterface *iface)
{
  iface->dup_certificate = loket_pkcs11_signer_dup_certificate;
  iface->sign_cms = loket_pkcs11_signer_sign_cms;
  iface->dup_signer_name = loket_pkcs11_signer_dup_signer_name;
}

static void
loket_pkcs11_signer_finalize (GObject *object)
{
  LoketPkcs11Signer *self = LOKET_PKCS11_SIGNER (object);

  g_clear_pointer (&self->key, gnutls_privkey_deinit);
  g_clear_pointer (&self->crt, gnutls_x509_crt_deinit);
  if (self->pin != NULL)
    memset (self->pin, 0, strlen (self->pin));
  g_clear_pointer (&self->pin, g_free);

  G_OBJECT_CLASS (loket_pkcs11_signer_parent_class)->finalize (object);
}

static void
loket_pkcs11_signer_class_init (LoketPkcs11SignerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_pkcs11_signer_finalize;
}

static void
loket_pkcs11_signer_init (LoketPkcs11Signer *self)
{
}

/* GnuTLS asks again with GNUTLS_PIN_WRONG after a failed login: refuse, so that a wrong PIN
 * costs the token one attempt, not several. */
static int
pin_cb (void       *userdata,
        int         attempt,
        const char *token_url,
        const char *token_label,
        unsigned    flags,
        char       *pin,
        size_t      pin_max)
{
  LoketPkcs11Signer *self = userdata;
  size_t             len;

  if (self->pin == NULL || (flags & GNUTLS_PIN_WRONG) != 0 || attempt > 0)
    return -1;
  len = strlen (self->pin);
  if (len + 1 > pin_max)
    return -1;
  memcpy (pin, self->pin, len + 1);
  return 0;
}

/* The URL without its "type=" attribute and without PIN query attributes. */
static char *
object_url (const char *url)
{
  g_autoptr (GString) out = g_string_new ("pkcs11:");
  const char      *path = url + strlen ("pkcs11:");
  gsize            path_len = strcspn (path, "?");
  g_autofree char *plain = g_strndup (path, path_len);
  g_auto (GStrv) attrs = g_strsplit (plain, ";", -1);
  gboolean first = TRUE;

  for (guint i = 0; attrs[i] != NULL; i++)
    {
      if (attrs[i][0] == '\0' || g_str_has_prefix (attrs[i], "type="))
        continue;
      if (!first)
        g_string_append_c (out, ';');
      g_string_append (out, attrs[i]);
      first = FALSE;
    }
  if (path[path_len] == '?')
    {
      g_auto (GStrv) query = g_strsplit (path + path_len + 1, "&", -1);
      first = TRUE;
      for (guint i = 0; query[i] != NULL; i++)
        {
          if (query[i][0] == '\0' || g_str_has_prefix (query[i], "pin-"))
            continue;
          g_string_append_c (out, first ? '?' : '&');
          g_string_append (out, query[i]);
          first = FALSE;
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* @base with ";type=@type" inserted before its query, if any. */
static char *
with_type (const char *base, const char *type)
{
  const char      *query = strchr (base, '?');
  g_autofree char *path = g_strndup (base, query != NULL ? (gsize) (query - base) : strlen (base));

  return g_strconcat (path, ";type=", type, query != NULL ? query : "", NULL);
}

static gpointer
init_pkcs11 (gpointer data)
{
  return GINT_TO_POINTER (gnutls_pkcs11_init (GNUTLS_PKCS11_FLAG_AUTO, NULL));
}

LoketPkcs11Signer *
loket_pkcs11_signer_new (const char *url, const char *pin, GError **error)
{
  static GOnce once = G_ONCE_INIT;
  g_autoptr (LoketPkcs11Signer) self = NULL;
  g_autofree char *base = NULL;
  g_autofree char *crt_url = NULL;
  g_autofree char *key_url = NULL;
  int              ret;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_str_has_prefix (url, "pkcs11:"))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _("“%s” is not a PKCS#11 URL"),
                   url);
      return NULL;
    }
  ret = GPOINTER_TO_INT (g_once (&once, init_pkcs11, NULL));
  if (ret < 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED, _("PKCS#11 tokens cannot be used: %s"),
                   gnutls_strerror (ret));
      return NULL;
    }

  self = g_object_new (LOKET_TYPE_PKCS11_SIGNER, NULL);
  self->pin = g_strdup (pin);
  base = object_url (url);
  crt_url = with_type (base, "cert");
  key_url = with_type (base, "private");

  ret = gnutls_x509_crt_init (&self->crt);
  if (ret >= 0)
    ret = gnutls_x509_crt_import_url (self->crt, crt_url, 0);
  if (ret < 0)
    {
      /* Some tokens show certificates only after login. */
      gnutls_x509_crt_deinit (self->crt);
      self->crt = NULL;
      gnutls_pkcs11_set_pin_function (pin_cb, self);
      ret = gnutls_x509_crt_init (&self->crt);
      if (ret >= 0)
        ret = gnutls_x509_crt_import_url (self->crt, crt_url, GNUTLS_PKCS11_OBJ_FLAG_LOGIN);
      gnutls_pkcs11_set_pin_function (NULL, NULL);
    }
  if (ret < 0)
    {
      g_clear_pointer (&self->crt, gnutls_x509_crt_deinit);
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                   _("No certificate found on the token at “%s”"), base);
      return NULL;
    }
  if (!_loket_signer_check_certificate (self->crt, error))
    return NULL;

  ret = gnutls_privkey_init (&self->key);
  if (ret >= 0)
    {
      gnutls_privkey_set_pin_function (self->key, pin_cb, self);
      ret = gnutls_privkey_import_url (self->key, key_url, 0);
    }
  if (ret == GNUTLS_E_PKCS11_PIN_ERROR)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN, _("Wrong PIN for the signing key"));
      return NULL;
    }
  if (ret < 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                   _("No private key found on the token at “%s”: %s"), base,
                   gnutls_strerror (ret));
      return NULL;
    }
  if (!_loket_signer_check_key (self->crt, self->key, error))
    return NULL;
  return g_steal_pointer (&self);
}
