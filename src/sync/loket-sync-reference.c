// SPDX-License-Identifier: GPL-3.0-or-later
// Reference data from the server: download (If-None-Match), check with the app's loaders, store
// atomically per server. Layout of a server's folder:
//   org/<agency>.json  catalog/<agency>.json  holidays.json (as served) + holidays/<year>.json
//   accounts.json
#include "config.h"

#include "loket-sync-reference.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-sync-engine-private.h"
#include "loket-work-calendar.h"

static const char *const names[] = {
  LOKET_SYNC_REFERENCE_ORG_CHART,
  LOKET_SYNC_REFERENCE_CATALOG,
  LOKET_SYNC_REFERENCE_HOLIDAYS,
  LOKET_SYNC_REFERENCE_ACCOUNTS,
};

/* Agency ids become file names: letters, digits, '-', '_' and '.' only, not starting with '.'. */
static gboolean
agency_is_safe (const char *agency)
{
  gsize n = 0;

  if (agency == NULL || agency[0] == '.' || agency[0] == '\0')
    return FALSE;
  for (const char *p = agency; *p != '\0'; p++, n++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return n <= 64;
}

/* The file a document is kept in; NULL for an unknown name or unsafe agency. */
static char *
document_path (const char *dir, const char *name, const char *agency)
{
  g_autofree char *file = NULL;

  if (!agency_is_safe (agency))
    return NULL;
  file = g_strconcat (agency, ".json", NULL);
  if (g_str_equal (name, LOKET_SYNC_REFERENCE_ORG_CHART))
    return g_build_filename (dir, "org", file, NULL);
  if (g_str_equal (name, LOKET_SYNC_REFERENCE_CATALOG))
    return g_build_filename (dir, "catalog", file, NULL);
  if (g_str_equal (name, LOKET_SYNC_REFERENCE_HOLIDAYS))
    return g_build_filename (dir, "holidays.json", NULL);
  if (g_str_equal (name, LOKET_SYNC_REFERENCE_ACCOUNTS))
    return g_build_filename (dir, "accounts.json", NULL);
  return NULL;
}

char *
loket_sync_reference_get_dir (const char *server_url)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *host = NULL;
  const char      *scheme;

  g_return_val_if_fail (server_url != NULL, NULL);
  uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (scheme == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  /* An IPv6 literal's ':' and anything else odd become '_'. */
  g_strcanon (host, "abcdefghijklmnopqrstuvwxyz0123456789.-", '_');
  if (host[0] == '.')
    host[0] = '_';
  if (g_uri_get_port (uri) > 0)
    {
      g_autofree char *with_port = g_strdup_printf ("%s_%d", host, g_uri_get_port (uri));

      return g_build_filename (g_get_user_data_dir (), "loket", "reference", with_port, NULL);
    }
  return g_build_filename (g_get_user_data_dir (), "loket", "reference", host, NULL);
}

char *
loket_sync_reference_get_version (const char *dir, const char *name, const char *agency)
{
  g_autofree char *path = document_path (dir, name, agency);
  g_autofree char *contents = NULL;
  gsize            length = 0;

  if (path == NULL || !g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* ---- Checks ------------------------------------------------------------------------------- */

/* Removes @dir and the files directly in it. */
static void
remove_scratch (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Holidays are served as one array of the yearly files. (element GBytes) */
static GPtrArray *
split_holidays (GBytes *bytes, GArray *years, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gsize       length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode   *root;
  JsonArray  *array;

  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize) length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root)
      || json_array_get_length (array = json_node_get_array (root)) == 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("not a list of yearly holiday files"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode   *item = json_array_get_element (array, i);
      JsonObject *object;
      gint64      year;
      gsize       item_length = 0;
      char       *text;

      if (!JSON_NODE_HOLDS_OBJECT (item)
          || !json_object_has_member (object = json_node_get_object (item), "year")
          || json_node_get_value_type (json_object_get_member (object, "year")) != G_TYPE_INT64
          || (year = json_object_get_int_member (object, "year")) < 2000 || year > 2999)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _ ("item %u is not a holiday file with a year"), i);
          return NULL;
        }
      text = json_to_string (item, TRUE);
      item_length = strlen (text);
      g_ptr_array_add (out, g_bytes_new_take (text, item_length));
      g_array_append_val (years, year);
    }
  return g_steal_pointer (&out);
}

static gboolean
check_accounts (GBytes *bytes, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize       length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode   *root;
  JsonArray  *array;

  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize) length, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("not a list"));
      return FALSE;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode   *item = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      JsonNode   *roles = object != NULL ? json_object_get_member (object, "roles") : NULL;

      if (object == NULL
          || json_object_get_string_member_with_default (object, "username", NULL) == NULL
          || json_object_get_string_member_with_default (object, "person", NULL) == NULL
          || roles == NULL || !JSON_NODE_HOLDS_ARRAY (roles))
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _ ("account %u needs a username, a person and roles"), i);
          return FALSE;
        }
    }
  return TRUE;
}

/* Writes @bytes as @file_name in a scratch folder and loads it with the app's loader. */
static gboolean
check_with_loader (const char *name, const char *agency, GBytes *bytes, GError **error)
{
  g_autoptr (GError) tmp_error = NULL;
  g_autofree char *scratch = g_dir_make_tmp ("loket-reference-XXXXXX", &tmp_error);
  g_autofree char *file_name = g_strconcat (agency, ".json", NULL);
  g_autofree char *path = NULL;
  g_autoptr (GFile) dir = NULL;
  gboolean ok = FALSE;

  if (scratch == NULL)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_IO, tmp_error->message);
      return FALSE;
    }
  dir = g_file_new_for_path (scratch);
  if (g_str_equal (name, LOKET_SYNC_REFERENCE_HOLIDAYS))
    {
      g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr (GPtrArray) files = split_holidays (bytes, years, error);
      g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      ok = files != NULL;
      for (guint i = 0; ok && i < files->len; i++)
        {
          char *year_path = g_strdup_printf ("%s/%lld.json", scratch,
                                             (long long) g_array_index (years, gint64, i));

          g_ptr_array_add (paths, year_path);
          ok = g_file_set_contents (year_path, g_bytes_get_data (files->pdata[i], NULL),
                                    (gssize) g_bytes_get_size (files->pdata[i]), error);
        }
      if (ok)
        {
          g_autoptr (LoketWorkCalendar) calendar = NULL;

          g_ptr_array_add (paths, NULL);
          calendar = loket_work_calendar_new_from_files ((const char *const *) paths->pdata, error);
          ok = calendar != NULL;
        }
    }
  else
    {
      path = g_build_filename (scratch, file_name, NULL);
      ok = g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                (gssize) g_bytes_get_size (bytes), error);
      if (ok && g_str_equal (name, LOKET_SYNC_REFERENCE_ORG_CHART))
        {
          g_autoptr (LoketOrgChart) chart = loket_org_chart_new_from_directory (dir, error);
          GPtrArray *ids = chart != NULL ? loket_org_chart_get_agency_ids (chart) : NULL;

          ok = chart != NULL;
          if (ok && (ids->len != 1 || g_strcmp0 (ids->pdata[0], agency) != 0))
            {
              g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("it is not the org chart of %s"), agency);
              ok = FALSE;
            }
        }
      else if (ok)
        {
          g_autoptr (LoketServiceCatalog) catalog
            = loket_service_catalog_new_from_directory (dir, error);

          ok = catalog != NULL;
        }
    }
  remove_scratch (scratch);
  return ok;
}

gboolean
loket_sync_reference_save (const char *dir,
                           const char *name,
                           const char *agency,
                           GBytes     *bytes,
                           GError    **error)
{
  g_autofree char *path = NULL;
  g_autofree char *parent = NULL;
  gboolean         ok;

  g_return_val_if_fail (dir != NULL && name != NULL && bytes != NULL, FALSE);

  path = document_path (dir, name, agency);
  if (path == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The server’s reference data “%s” for “%s” cannot be stored"), name,
                   agency != NULL ? agency : "");
      return FALSE;
    }
  if (g_str_equal (name, LOKET_SYNC_REFERENCE_ACCOUNTS))
    ok = check_accounts (bytes, error);
  else
    ok = check_with_loader (name, agency, bytes, error);
  if (!ok)
    {
      g_prefix_error (error, _ ("The server sent a damaged “%s”; the previous copy is kept: "),
                      name);
      return FALSE;
    }

  parent = g_path_get_dirname (path);
  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", parent,
                   g_strerror (saved));
      return FALSE;
    }
  if (g_str_equal (name, LOKET_SYNC_REFERENCE_HOLIDAYS))
    {
      /* The yearly files the work calendar loads, then the array that names the version. */
      g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr (GPtrArray) files = split_holidays (bytes, years, error);
      g_autofree char *year_dir = g_build_filename (dir, "holidays", NULL);

      if (files == NULL)
        return FALSE;
      if (g_mkdir_with_parents (year_dir, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", year_dir,
                       g_strerror (saved));
          return FALSE;
        }
      for (guint i = 0; i < files->len; i++)
        {
          g_autofree char *base
            = g_strdup_printf ("%lld.json", (long long) g_array_index (years, gint64, i));
          g_autofree char *year_path = g_build_filename (year_dir, base, NULL);

          if (!g_file_set_contents (year_path, g_bytes_get_data (files->pdata[i], NULL),
                                    (gssize) g_bytes_get_size (files->pdata[i]), error))
            return FALSE;
        }
    }
  /* g_file_set_contents writes a temporary file and renames it over the old one. */
  return g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                              (gssize) g_bytes_get_size (bytes), error);
}

LoketOrgChart *
loket_sync_reference_load_org_chart (const char *dir, GError **error)
{
  g_autofree char *org = g_build_filename (dir, "org", NULL);
  g_autoptr (GFile) file = NULL;

  if (!g_file_test (org, G_FILE_TEST_IS_DIR))
    return NULL;
  file = g_file_new_for_path (org);
  return loket_org_chart_new_from_directory (file, error);
}

LoketServiceCatalog *
loket_sync_reference_load_catalog (const char *dir, GError **error)
{
  g_autofree char *catalog = g_build_filename (dir, "catalog", NULL);
  g_autoptr (GFile) file = NULL;

  if (!g_file_test (catalog, G_FILE_TEST_IS_DIR))
    return NULL;
  file = g_file_new_for_path (catalog);
  return loket_service_catalog_new_from_directory (file, error);
}

LoketOrgChart *
loket_sync_reference_org_chart_new (const char *dir, GError **error)
{
  if (dir != NULL)
    {
      g_autoptr (GError) local_error = NULL;
      LoketOrgChart *chart = loket_sync_reference_load_org_chart (dir, &local_error);

      if (chart != NULL)
        return chart;
      if (local_error != NULL)
        g_message ("The downloaded org chart is not used: %s", local_error->message);
    }
  return loket_org_chart_new_default (error);
}

LoketServiceCatalog *
loket_sync_reference_catalog_new (const char *dir, GError **error)
{
  if (dir != NULL)
    {
      g_autoptr (GError) local_error = NULL;
      LoketServiceCatalog *catalog = loket_sync_reference_load_catalog (dir, &local_error);

      if (catalog != NULL)
        return catalog;
      if (local_error != NULL)
        g_message ("The downloaded catalog is not used: %s", local_error->message);
    }
  return loket_service_catalog_new_default (error);
}

/* ---- The round's step (engine thread) ----------------------------------------------------- */

gboolean
_loket_sync_run_reference (LoketSyncClient *client,
                           const char      *dir,
                           const char      *agency,
                           LoketSyncReport *report,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr (GError) refused = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *version = loket_sync_reference_get_version (dir, names[i], agency);
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) local_error = NULL;
      gboolean      not_modified = FALSE;
      LoketSyncWait wait = { 0 };

      loket_sync_client_get_reference_async (client, names[i], version, cancellable,
                                             _loket_sync_wait_cb, &wait);
      result = _loket_sync_wait_for (&wait);
      bytes = loket_sync_client_get_reference_finish (client, result, &not_modified, &local_error);
      if (not_modified)
        continue;
      if (bytes == NULL)
        {
          /* A document the server does not have for this agency: nothing to update. */
          if (g_error_matches (local_error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* A damaged document is refused (the old copy stays); the others are still updated. */
      if (!loket_sync_reference_save (dir, names[i], agency, bytes, &local_error))
        {
          g_message ("%s", local_error->message);
          if (refused == NULL)
            refused = g_steal_pointer (&local_error);
          continue;
        }
      report->n_reference++;
    }
  if (refused != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&refused));
      return FALSE;
    }
  return TRUE;
}
