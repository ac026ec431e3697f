// SPDX-License-Identifier: GPL-3.0-or-later
// Session, reference data and number-lease messages (PROTOCOL.md).

#include "config.h"

#include "loket-sync-protocol.h"

#include <string.h>

#include "loket-sync-json-private.h"

#define MAX_ID_BYTES 200
#define MAX_PASSWORD_BYTES 1024

static const char *const roles[] = {
  LOKET_ROLE_STAF,
  LOKET_ROLE_PEJABAT,
  LOKET_ROLE_KADIS,
  LOKET_ROLE_ADMIN,
};

static const char *const reference_names[] = {
  LOKET_SYNC_REFERENCE_ORG_CHART,
  LOKET_SYNC_REFERENCE_CATALOG,
  LOKET_SYNC_REFERENCE_HOLIDAYS,
  LOKET_SYNC_REFERENCE_ACCOUNTS,
};

gboolean
loket_sync_role_is_valid (const char *role)
{
  for (guint i = 0; role != NULL && i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (role, roles[i]))
      return TRUE;
  return FALSE;
}

gboolean
loket_sync_reference_name_is_valid (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (reference_names); i++)
    if (g_str_equal (name, reference_names[i]))
      return TRUE;
  return FALSE;
}

static void
add_time (JsonBuilder *builder, const char *member, GDateTime *time)
{
  g_autofree char *text = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  json_builder_set_member_name (builder, member);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_string (JsonBuilder *builder, const char *member, const char *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

/* ---- Session --------------------------------------------------------------------------- */

char *
loket_sync_session_request_to_json (const char *username, const char *password, const char *device)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "username", username);
  add_string (builder, "password", password);
  add_string (builder, "device", device);
  json_builder_end_object (builder);
  return _loket_sync_builder_to_string (builder, NULL);
}

void
loket_sync_session_request_free (LoketSyncSessionRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->username);
  if (request->password != NULL)
    {
      memset (request->password, 0, strlen (request->password));
      g_free (request->password);
    }
  g_free (request->device);
  g_free (request);
}

LoketSyncSessionRequest *
loket_sync_session_request_parse (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonObject) root = _loket_sync_parse_object (data, length, error);
  LoketSyncSessionRequest *request;
  const char              *username, *password, *device;

  if (root == NULL
      || !_loket_sync_get_string (root, "username", TRUE, MAX_ID_BYTES, &username, error)
      || !_loket_sync_get_string (root, "password", TRUE, MAX_PASSWORD_BYTES, &password, error)
      || !_loket_sync_get_string (root, "device", TRUE, MAX_ID_BYTES, &device, error))
    return NULL;

  request = g_new0 (LoketSyncSessionRequest, 1);
  request->username = g_strdup (username);
  request->password = g_strdup (password);
  request->device = g_strdup (device);
  return request;
}

LoketSyncSession *
loket_sync_session_new (void)
{
  return g_new0 (LoketSyncSession, 1);
}

void
loket_sync_session_free (LoketSyncSession *session)
{
  if (session == NULL)
    return;
  g_free (session->token);
  g_clear_pointer (&session->expires_at, g_date_time_unref);
  g_free (session->username);
  g_free (session->person);
  g_free (session->agency);
  g_strfreev (session->roles);
  g_free (session);
}

gboolean
loket_sync_session_has_role (const LoketSyncSession *session, const char *role)
{
  return session->roles != NULL && g_strv_contains ((const char *const *) session->roles, role);
}

char *
loket_sync_session_to_json (const LoketSyncSession *session)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "token", session->token);
  add_time (builder, "expires_at", session->expires_at);
  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  add_string (builder, "username", session->username);
  add_string (builder, "person", session->person);
  add_string (builder, "agency", session->agency);
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_array (builder);
  for (guint i = 0; session->roles != NULL && session->roles[i] != NULL; i++)
    json_builder_add_string_value (builder, session->roles[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return _loket_sync_builder_to_string (builder, NULL);
}

LoketSyncSession *
loket_sync_session_parse (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonObject) root = _loket_sync_parse_object (data, length, error);
  g_autoptr (LoketSyncSession) session = NULL;
  g_autoptr (GStrvBuilder) role_builder = g_strv_builder_new ();
  const char *token, *username, *person, *agency;
  JsonNode   *user_node;
  JsonObject *user;
  JsonArray  *role_array;

  if (root == NULL || !_loket_sync_get_string (root, "token", TRUE, 512, &token, error))
    return NULL;
  user_node = json_object_get_member (root, "user");
  if (user_node == NULL || !JSON_NODE_HOLDS_OBJECT (user_node))
    {
      g_set_error_literal (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                           "The member “user” is missing or not an object");
      return NULL;
    }
  user = json_node_get_object (user_node);
  if (!_loket_sync_get_string (user, "username", TRUE, MAX_ID_BYTES, &username, error)
      || !_loket_sync_get_string (user, "person", FALSE, MAX_ID_BYTES, &person, error)
      || !_loket_sync_get_string (user, "agency", TRUE, MAX_ID_BYTES, &agency, error))
    return NULL;
  role_array = _loket_sync_get_array (user, "roles", error);
  if (role_array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (role_array); i++)
    {
      JsonNode *node = json_array_get_element (role_array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || !loket_sync_role_is_valid (json_node_get_string (node)))
        {
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                       "Role %u is not a known role", i);
          return NULL;
        }
      g_strv_builder_add (role_builder, json_node_get_string (node));
    }

  session = loket_sync_session_new ();
  session->expires_at = _loket_sync_get_time (root, "expires_at", error);
  if (session->expires_at == NULL)
    return NULL;
  session->token = g_strdup (token);
  session->username = g_strdup (username);
  session->person = g_strdup (person);
  session->agency = g_strdup (agency);
  session->roles = g_strv_builder_end (role_builder);
  return g_steal_pointer (&session);
}

/* ---- Reference data -------------------------------------------------------------------- */

LoketSyncReferenceIndex *
loket_sync_reference_index_new (void)
{
  LoketSyncReferenceIndex *index = g_new0 (LoketSyncReferenceIndex, 1);

  index->names = g_ptr_array_new_with_free_func (g_free);
  index->versions = g_ptr_array_new_with_free_func (g_free);
  return index;
}

void
loket_sync_reference_index_add (LoketSyncReferenceIndex *index,
                                const char              *name,
                                const char              *version)
{
  g_ptr_array_add (index->names, g_strdup (name));
  g_ptr_array_add (index->versions, g_strdup (version));
}

void
loket_sync_reference_index_free (LoketSyncReferenceIndex *index)
{
  if (index == NULL)
    return;
  g_ptr_array_unref (index->names);
  g_ptr_array_unref (index->versions);
  g_free (index);
}

char *
loket_sync_reference_index_to_json (const LoketSyncReferenceIndex *index)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < index->names->len; i++)
    {
      json_builder_begin_object (builder);
      add_string (builder, "name", g_ptr_array_index (index->names, i));
      add_string (builder, "version", g_ptr_array_index (index->versions, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return _loket_sync_builder_to_string (builder, NULL);
}

LoketSyncReferenceIndex *
loket_sync_reference_index_parse (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonObject) root = _loket_sync_parse_object (data, length, error);
  g_autoptr (LoketSyncReferenceIndex) index = NULL;
  JsonArray *items;

  if (root == NULL || (items = _loket_sync_get_array (root, "items", error)) == NULL)
    return NULL;

  index = loket_sync_reference_index_new ();
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode   *node = json_array_get_element (items, i);
      const char *name, *version;

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || !_loket_sync_get_string (json_node_get_object (node), "name", TRUE, 64, &name, NULL)
          || !_loket_sync_get_string (json_node_get_object (node), "version", TRUE, 64, &version,
                                      NULL)
          || !loket_sync_sha256_is_valid (version))
        {
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                       "Reference item %u is not { name, version: sha256 }", i);
          return NULL;
        }
      /* Unknown names are skipped: a newer server may offer more. */
      if (loket_sync_reference_name_is_valid (name))
        loket_sync_reference_index_add (index, name, version);
    }
  return g_steal_pointer (&index);
}

/* ---- Number leases --------------------------------------------------------------------- */

char *
loket_sync_lease_request_to_json (const char *register_name,
                                  int         year,
                                  gint64      count,
                                  const char *device)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "register", register_name);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, year);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, count);
  add_string (builder, "device", device);
  json_builder_end_object (builder);
  return _loket_sync_builder_to_string (builder, NULL);
}

void
loket_sync_lease_request_free (LoketSyncLeaseRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->register_name);
  g_free (request->device);
  g_free (request);
}

static gboolean
check_year (gint64 year, GError **error)
{
  if (year < 2000 || year > 2999)
    {
      g_set_error_literal (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                           "The year is outside 2000–2999");
      return FALSE;
    }
  return TRUE;
}

LoketSyncLeaseRequest *
loket_sync_lease_request_parse (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonObject) root = _loket_sync_parse_object (data, length, error);
  LoketSyncLeaseRequest *request;
  const char            *register_name, *device;
  gint64                 year = 0, count = 0;

  if (root == NULL
      || !_loket_sync_get_string (root, "register", TRUE, MAX_ID_BYTES, &register_name, error)
      || !_loket_sync_get_int (root, "year", TRUE, &year, error)
      || !_loket_sync_get_int (root, "count", TRUE, &count, error)
      || !_loket_sync_get_string (root, "device", TRUE, MAX_ID_BYTES, &device, error)
      || !check_year (year, error))
    return NULL;
  if (count < 1 || count > LOKET_SYNC_MAX_LEASE_COUNT)
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                   "The count must be between 1 and %d", LOKET_SYNC_MAX_LEASE_COUNT);
      return NULL;
    }

  request = g_new0 (LoketSyncLeaseRequest, 1);
  request->register_name = g_strdup (register_name);
  request->year = (int) year;
  request->count = count;
  request->device = g_strdup (device);
  return request;
}

LoketSyncLease *
loket_sync_lease_new (void)
{
  return g_new0 (LoketSyncLease, 1);
}

void
loket_sync_lease_free (LoketSyncLease *lease)
{
  if (lease == NULL)
    return;
  g_free (lease->agency);
  g_free (lease->register_name);
  g_clear_pointer (&lease->expires_at, g_date_time_unref);
  g_free (lease);
}

char *
loket_sync_lease_to_json (const LoketSyncLease *lease)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "agency", lease->agency);
  add_string (builder, "register", lease->register_name);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, lease->year);
  json_builder_set_member_name (builder, "first");
  json_builder_add_int_value (builder, lease->first);
  json_builder_set_member_name (builder, "last");
  json_builder_add_int_value (builder, lease->last);
  add_time (builder, "expires_at", lease->expires_at);
  json_builder_end_object (builder);
  return _loket_sync_builder_to_string (builder, NULL);
}

LoketSyncLease *
loket_sync_lease_parse (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonObject) root = _loket_sync_parse_object (data, length, error);
  g_autoptr (LoketSyncLease) lease = NULL;
  const char *agency, *register_name;
  gint64      year = 0, first = 0, last = 0;

  if (root == NULL || !_loket_sync_get_string (root, "agency", TRUE, MAX_ID_BYTES, &agency, error)
      || !_loket_sync_get_string (root, "register", TRUE, MAX_ID_BYTES, &register_name, error)
      || !_loket_sync_get_int (root, "year", TRUE, &year, error)
      || !_loket_sync_get_int (root, "first", TRUE, &first, error)
      || !_loket_sync_get_int (root, "last", TRUE, &last, error) || !check_year (year, error))
    return NULL;
  if (first < 1 || last < first)
    {
      g_set_error_literal (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                           "The lease is not a block first ≤ last of positive numbers");
      return NULL;
    }

  lease = loket_sync_lease_new ();
  lease->expires_at = _loket_sync_get_time (root, "expires_at", error);
  if (lease->expires_at == NULL)
    return NULL;
  lease->agency = g_strdup (agency);
  lease->register_name = g_strdup (register_name);
  lease->year = (int) year;
  lease->first = first;
  lease->last = last;
  return g_steal_pointer (&lease);
}
