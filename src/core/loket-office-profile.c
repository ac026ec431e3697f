// SPDX-License-Identifier: GPL-3.0-or-later
// The office's own profile and the checks of office settings (loket-office-profile.h).
#include "config.h"

#include "loket-office-profile.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"

static char *
dup_nonempty (GHashTable *settings, const char *key)
{
  const char *value = settings != NULL ? g_hash_table_lookup (settings, key) : NULL;

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

LoketOfficeProfile *
loket_office_profile_new_from_settings (GHashTable *settings)
{
  LoketOfficeProfile *self = g_new0 (LoketOfficeProfile, 1);
  g_autofree char    *letterhead = dup_nonempty (settings, LOKET_OFFICE_LETTERHEAD);
  g_autofree char    *logo = dup_nonempty (settings, LOKET_OFFICE_LOGO);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  self->name = dup_nonempty (settings, LOKET_OFFICE_NAME);
  self->address = dup_nonempty (settings, LOKET_OFFICE_ADDRESS);
  self->place = dup_nonempty (settings, LOKET_OFFICE_PLACE);
  self->head_name = dup_nonempty (settings, LOKET_OFFICE_HEAD_NAME);
  self->head_title = dup_nonempty (settings, LOKET_OFFICE_HEAD_TITLE);
  self->head_nip = dup_nonempty (settings, LOKET_OFFICE_HEAD_NIP);
  if (letterhead != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (letterhead, "\n", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] != '\0')
            g_ptr_array_add (lines, g_strdup (parts[i]));
        }
    }
  g_ptr_array_add (lines, NULL);
  self->letterhead = (char **) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
  if (logo != NULL)
    {
      gsize   len = 0;
      guchar *png = g_base64_decode (logo, &len);
      g_autoptr (GBytes) bytes = g_bytes_new_take (png, len);

      if (loket_office_check_logo_png (bytes, NULL))
        self->logo_png = g_steal_pointer (&bytes);
    }
  return self;
}

void
loket_office_profile_free (LoketOfficeProfile *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_strfreev (self->letterhead);
  g_free (self->address);
  g_free (self->place);
  g_clear_pointer (&self->logo_png, g_bytes_unref);
  g_free (self->head_name);
  g_free (self->head_title);
  g_free (self->head_nip);
  g_free (self);
}

char **
loket_office_profile_dup_kop (const LoketOfficeProfile *self)
{
  GStrvBuilder *builder;

  if (self->letterhead != NULL && self->letterhead[0] != NULL)
    return g_strdupv (self->letterhead);
  if (self->name == NULL && self->address == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  if (self->name != NULL)
    g_strv_builder_add (builder, self->name);
  if (self->address != NULL)
    g_strv_builder_add (builder, self->address);
  {
    char **kop = g_strv_builder_end (builder);

    g_strv_builder_unref (builder);
    return kop;
  }
}

gboolean
loket_office_profile_is_empty (const LoketOfficeProfile *self)
{
  return self->name == NULL && (self->letterhead == NULL || self->letterhead[0] == NULL)
         && self->address == NULL && self->place == NULL && self->logo_png == NULL
         && self->head_name == NULL && self->head_title == NULL && self->head_nip == NULL;
}

gboolean
loket_office_check_text (const char *label, const char *value, gsize max_chars, GError **error)
{
  if (value == NULL || *value == '\0')
    return TRUE;
  if (!g_utf8_validate (value, -1, NULL) || g_utf8_strlen (value, -1) > (glong) max_chars)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("%s is too long: at most %u characters"), label, (guint) max_chars);
      return FALSE;
    }
  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\n' && *p != '\t')
      {
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                     _ ("%s contains a control character"), label);
        return FALSE;
      }
  return TRUE;
}

gboolean
loket_office_check_letterhead (const char *text, GError **error)
{
  g_auto (GStrv) lines = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  if (!loket_office_check_text (_ ("The letterhead"), text, 1000, error))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  if (g_strv_length (lines) > 6)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The letterhead has %u lines; a kop has at most 6"), g_strv_length (lines));
      return FALSE;
    }
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_utf8_strlen (lines[i], -1) > 120)
      {
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                     _ ("Line %u of the letterhead is longer than 120 characters"), i + 1);
        return FALSE;
      }
  return TRUE;
}

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

gboolean
loket_office_check_logo_png (GBytes *png, GError **error)
{
  static const guchar signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize               size = 0;
  const guchar       *data = png != NULL ? g_bytes_get_data (png, &size) : NULL;
  guint32             width, height;

  if (data == NULL || size < 33 || memcmp (data, signature, 8) != 0
      || memcmp (data + 12, "IHDR", 4) != 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("The logo must be a PNG image"));
      return FALSE;
    }
  if (size > LOKET_OFFICE_LOGO_MAX_BYTES)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The logo is %lu KiB; it may be at most %lu KiB"),
                   (unsigned long) (size / 1024),
                   (unsigned long) (LOKET_OFFICE_LOGO_MAX_BYTES / 1024));
      return FALSE;
    }
  width = read_be32 (data + 16);
  height = read_be32 (data + 20);
  if (width == 0 || height == 0 || width > LOKET_OFFICE_LOGO_MAX_SIDE
      || height > LOKET_OFFICE_LOGO_MAX_SIDE)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The logo is %u × %u pixels; each side may be at most %u"), width, height,
                   (guint) LOKET_OFFICE_LOGO_MAX_SIDE);
      return FALSE;
    }
  return TRUE;
}

gboolean
loket_office_check_server_url (const char *url, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme, *host;

  if (url == NULL || *url == '\0')
    return TRUE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0'
      || (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("“%s” is not a server address; write it like https://loket.example.go.id"),
                   url);
      return FALSE;
    }
  if (g_strcmp0 (scheme, "http") == 0 && g_strcmp0 (host, "localhost") != 0
      && g_strcmp0 (host, "127.0.0.1") != 0 && g_strcmp0 (host, "::1") != 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("The server address must use https:// (plain http:// only for this "
                              "computer)"));
      return FALSE;
    }
  return TRUE;
}

gboolean
loket_office_check_signing_key (const char *value, GError **error)
{
  if (value == NULL || *value == '\0')
    return TRUE;
  if (g_str_has_prefix (value, "pkcs11:"))
    {
      if (strlen (value) > 7)
        return TRUE;
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("The token address is empty after “pkcs11:”"));
      return FALSE;
    }
  if (!g_str_has_suffix (value, ".p12") && !g_str_has_suffix (value, ".pfx")
      && !g_str_has_suffix (value, ".P12") && !g_str_has_suffix (value, ".PFX"))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("The signing key must be a PKCS#12 file (.p12 or .pfx) or a token "
                              "address starting with pkcs11:"));
      return FALSE;
    }
  if (!g_file_test (value, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The signing key file “%s” does not exist"), value);
      return FALSE;
    }
  return TRUE;
}
