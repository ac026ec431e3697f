// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore: letter drafts and their versions as events, indexed by `letter_drafts`.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-event-store.h"
#include "loket-projection-store.h"
#include "loket-store-intake-private.h"
#include "loket-store-letter-drafts-private.h"
#include "loket-store-letter-drafts.h"

#define CONTENT_MAX (4 * 1024 * 1024)
#define DRAFT_ID_MAX 100
#define NOTE_MAX 2000

typedef struct
{
  LoketStore *self;
  char       *case_uuid;
  char       *draft_id;
  guint       version; /* revise: the base version; load: 0 = latest */
  char       *author;
  char       *position;
  char       *content;
  char       *note;
  gint64      at;
} DraftOp;

static void
draft_op_free (DraftOp *op)
{
  g_free (op->case_uuid);
  g_free (op->draft_id);
  g_free (op->author);
  g_free (op->position);
  g_free (op->content);
  g_free (op->note);
  g_free (op);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DraftOp, draft_op_free)

static DraftOp *
draft_op_new (LoketStore *self)
{
  DraftOp *op = g_new0 (DraftOp, 1);

  op->self = self;
  return op;
}

static DraftOp *
write_op_new (LoketStore *self,
              const char *author,
              const char *position,
              const char *content,
              const char *note,
              gint64      at)
{
  DraftOp *op = draft_op_new (self);

  op->author = g_strdup (author);
  op->position = position != NULL && *position != '\0' ? g_strdup (position) : NULL;
  op->content = g_strdup (content);
  op->note = note != NULL && *note != '\0' ? g_strstrip (g_strdup (note)) : NULL;
  op->at = at != 0 ? at : g_get_real_time () / G_USEC_PER_SEC;
  return op;
}

void
loket_draft_version_free (LoketDraftVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->draft_id);
  g_free (version->case_uuid);
  g_free (version->kind);
  g_free (version->event_uuid);
  g_free (version->author);
  g_free (version->position);
  g_free (version->note);
  g_free (version->content);
  g_free (version);
}

/* ---- Validation (any thread) -------------------------------------------------------------- */

static gboolean
valid_kind (const char *kind)
{
  if (*kind == '\0' || strlen (kind) > 64)
    return FALSE;
  for (const char *p = kind; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* The content as a JSON object; its kind in @kind. */
static JsonNode *
parse_content (const char *content, char **kind, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) parse_error = NULL;
  JsonObject *object;
  const char *text;

  if (content == NULL || strlen (content) > CONTENT_MAX)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("A draft's content must be at most %lu bytes"), (gulong) CONTENT_MAX);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, content, -1, &parse_error))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The draft's content is not valid JSON: %s"), parse_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, "%s",
                   _ ("The draft's content must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  text = json_object_get_string_member_with_default (object, "kind", NULL);
  if (text == NULL || !valid_kind (text))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, "%s",
                   _ ("The draft's content has no valid letter kind"));
      return NULL;
    }
  *kind = g_strdup (text);
  return json_node_copy (json_parser_get_root (parser));
}

/* ---- On the database thread --------------------------------------------------------------- */

static gint64
at_of_body (JsonObject *body, LoketEvent *event)
{
  const char *iso = json_object_get_string_member_with_default (body, "at", NULL);
  gint64      wall_ms = 0;
  guint32     counter;

  if (iso != NULL)
    {
      g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

      if (dt != NULL)
        return g_date_time_to_unix (dt);
    }
  if (loket_hlc_parse (loket_event_get_hlc (event), &wall_ms, &counter))
    return wall_ms / 1000;
  return 0;
}

static const char *
optional_string (JsonObject *body, const char *member)
{
  JsonNode *node = json_object_get_member (body, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
_loket_store_letter_drafts_apply (LoketDb *db, LoketEvent *event, GError **error)
{
  const char *type = loket_event_get_event_type (event);
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (LoketDbStatement) stmt = NULL;
  const char *draft_id, *kind;
  JsonNode   *version;

  if (g_strcmp0 (type, LOKET_EVENT_DRAFT_CREATED) != 0
      && g_strcmp0 (type, LOKET_EVENT_DRAFT_REVISED) != 0)
    return TRUE;
  body = loket_event_parse_body (event, NULL);
  if (body == NULL)
    return TRUE;
  draft_id = optional_string (body, "draft_id");
  kind = optional_string (body, "kind");
  version = json_object_get_member (body, "version");
  if (draft_id == NULL || *draft_id == '\0' || strlen (draft_id) > DRAFT_ID_MAX || kind == NULL
      || version == NULL || !JSON_NODE_HOLDS_VALUE (version)
      || json_node_get_value_type (version) != G_TYPE_INT64 || json_node_get_int (version) < 1
      || json_node_get_int (version) > G_MAXINT32)
    return TRUE;

  /* Two devices that wrote the same version offline: the event first in (HLC, UUID) wins. */
  stmt = loket_db_prepare (
    db,
    "INSERT INTO letter_drafts (draft_id, version, case_uuid, kind, event_uuid, hlc, author, "
    "position, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (draft_id, version) DO UPDATE SET case_uuid = excluded.case_uuid, "
    "kind = excluded.kind, event_uuid = excluded.event_uuid, hlc = excluded.hlc, "
    "author = excluded.author, position = excluded.position, note = excluded.note, "
    "at = excluded.at WHERE excluded.hlc < letter_drafts.hlc OR (excluded.hlc = letter_drafts.hlc "
    "AND excluded.event_uuid < letter_drafts.event_uuid)",
    error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, draft_id);
  loket_db_statement_bind_int64 (stmt, 2, json_node_get_int (version));
  loket_db_statement_bind_text (stmt, 3, loket_event_get_case_uuid (event));
  loket_db_statement_bind_text (stmt, 4, kind);
  loket_db_statement_bind_text (stmt, 5, loket_event_get_uuid (event));
  loket_db_statement_bind_text (stmt, 6, loket_event_get_hlc (event));
  loket_db_statement_bind_text (stmt, 7, loket_event_get_author (event));
  loket_db_statement_bind_text (stmt, 8, optional_string (body, "position"));
  loket_db_statement_bind_text (stmt, 9, optional_string (body, "note"));
  loket_db_statement_bind_int64 (stmt, 10, at_of_body (body, event));
  return loket_db_statement_run (stmt, error);
}

static gboolean
letter_drafts_refill (LoketDb *db, gboolean marked, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;
  gboolean have_row = FALSE;

  if (!loket_db_exec (db, "DELETE FROM letter_drafts", error))
    return FALSE;
  stmt = loket_db_prepare (db,
                           marked ? "SELECT uuid, case_uuid, type, author, device, hlc, body FROM "
                                    "events WHERE seq IN (SELECT seq FROM " LOKET_STORE_LETTER_SEQS
                                    ") AND type IN ('draft.created', 'draft.revised') "
                                    "ORDER BY hlc, uuid"
                                  : "SELECT uuid, case_uuid, type, author, device, hlc, body FROM "
                                    "events WHERE type IN ('draft.created', 'draft.revised') "
                                    "ORDER BY hlc, uuid",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      g_autoptr (LoketEvent) event = NULL;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        return TRUE;
      event = loket_event_store_event_from_row (stmt);
      if (event != NULL && !_loket_store_letter_drafts_apply (db, event, error))
        return FALSE;
    }
}

gboolean
_loket_store_letter_drafts_rebuild (LoketDb *db, GError **error)
{
  return letter_drafts_refill (db, FALSE, error);
}

gboolean
_loket_store_letter_drafts_rebuild_marked (LoketDb *db, GError **error)
{
  return letter_drafts_refill (db, TRUE, error);
}

/* Adds a problem line for each row @sql gives (its first two columns name it), once. */
static gboolean
collect_differences (LoketDb    *db,
                     const char *sql,
                     GHashTable *seen,
                     GPtrArray  *problems,
                     gboolean    drafts,
                     GError    **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (db, sql, error);
  gboolean have_row = FALSE;

  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      g_autofree char *key = NULL;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        return TRUE;
      key = g_strdup_printf ("%s %s", loket_db_statement_get_text (stmt, 0),
                             loket_db_statement_get_text (stmt, 1));
      if (!g_hash_table_add (seen, g_strdup (key)))
        continue;
      if (drafts)
        g_ptr_array_add (problems,
                         g_strdup_printf (_ ("letter draft %s: the letter_drafts table does not "
                                             "match the events (run “loket-cli rebuild”)"),
                                          key));
      else
        g_ptr_array_add (problems,
                         g_strdup_printf (_ ("letter %s: the letter_numbers table does not match "
                                             "the letter.numbered events (run “loket-cli "
                                             "rebuild”)"),
                                          key));
    }
}

/* Inside a transaction the caller rolls back: refills @table from the events and compares it with
 * what was stored (@columns, the first two naming a row in the problem line). */
static gboolean
check_table (LoketDb    *db,
             const char *table,
             const char *columns,
             gboolean (*rebuild) (LoketDb *, GError **),
             GPtrArray *problems,
             GError   **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *snapshot = g_strdup_printf (
    "CREATE TEMP TABLE check_%s AS SELECT %s FROM main.%s", table, columns, table);
  g_autofree char *missing = g_strdup_printf (
    "SELECT %s FROM temp.check_%s EXCEPT SELECT %s FROM main.%s", columns, table, columns, table);
  g_autofree char *extra = g_strdup_printf (
    "SELECT %s FROM main.%s EXCEPT SELECT %s FROM temp.check_%s", columns, table, columns, table);
  g_autofree char *drop = g_strdup_printf ("DROP TABLE temp.check_%s", table);

  return loket_db_exec (db, snapshot, error) && rebuild (db, error)
         && collect_differences (db, missing, seen, problems,
                                 rebuild != _loket_store_numbering_rebuild, error)
         && collect_differences (db, extra, seen, problems,
                                 rebuild != _loket_store_numbering_rebuild, error)
         && loket_db_exec (db, drop, error);
}

gboolean
_loket_store_letter_tables_check (LoketDb *db, GPtrArray *problems, GError **error)
{
  return check_table (db, "letter_drafts", "draft_id, version, case_uuid, kind, event_uuid",
                      _loket_store_letter_drafts_rebuild, problems, error)
         && check_table (db, "letter_numbers",
                         "letter_id, number, agency_id, register_id, year, urut, case_uuid",
                         _loket_store_numbering_rebuild, problems, error);
}

static LoketDraftVersion *
version_from_row (LoketDbStatement *stmt)
{
  LoketDraftVersion *v = g_new0 (LoketDraftVersion, 1);

  v->draft_id = g_strdup (loket_db_statement_get_text (stmt, 0));
  v->version = (guint) loket_db_statement_get_int64 (stmt, 1);
  v->case_uuid = g_strdup (loket_db_statement_get_text (stmt, 2));
  v->kind = g_strdup (loket_db_statement_get_text (stmt, 3));
  v->event_uuid = g_strdup (loket_db_statement_get_text (stmt, 4));
  v->author = g_strdup (loket_db_statement_get_text (stmt, 5));
  v->position = g_strdup (loket_db_statement_get_text (stmt, 6));
  v->note = g_strdup (loket_db_statement_get_text (stmt, 7));
  v->at = loket_db_statement_get_int64 (stmt, 8);
  return v;
}

#define VERSION_COLUMNS                                                                            \
  "d.draft_id, d.version, d.case_uuid, d.kind, d.event_uuid, d.author, "                           \
  "d.position, d.note, d.at"

/* Version @version (0 = latest) of @draft_id, with the content when @content; NULL without an
 * error when there is none. */
static LoketDraftVersion *
read_version (LoketDb *db, const char *draft_id, guint version, gboolean content, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    db,
    "SELECT " VERSION_COLUMNS ", e.body FROM letter_drafts d JOIN events e ON e.uuid = "
    "d.event_uuid WHERE d.draft_id = ?1 AND (?2 = 0 OR d.version = ?2) "
    "ORDER BY d.version DESC LIMIT 1",
    error);
  gboolean           have_row = FALSE;
  LoketDraftVersion *v;

  if (stmt == NULL)
    return NULL;
  loket_db_statement_bind_text (stmt, 1, draft_id);
  loket_db_statement_bind_int64 (stmt, 2, version);
  if (!loket_db_statement_step (stmt, &have_row, error) || !have_row)
    return NULL;
  v = version_from_row (stmt);
  if (content)
    {
      g_autoptr (JsonParser) parser = json_parser_new_immutable ();
      JsonNode *root;
      JsonNode *member;

      if (!json_parser_load_from_data (parser, loket_db_statement_get_text (stmt, 9), -1, NULL)
          || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root)
          || (member = json_object_get_member (json_node_get_object (root), "content")) == NULL
          || !JSON_NODE_HOLDS_OBJECT (member))
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_CORRUPT,
                       _ ("Version %u of the draft %s has no readable content"), v->version,
                       draft_id);
          loket_draft_version_free (v);
          return NULL;
        }
      v->content = json_to_string (member, FALSE);
    }
  return v;
}

static JsonObject *
body_for (LoketStore *self, LoketCase *kase, DraftOp *op, const char *kind, JsonNode *content)
{
  g_autoptr (GTimeZone) tz = _loket_store_agency_timezone (self, loket_case_get_agency_id (kase));
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (op->at);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autofree char *iso = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
  JsonObject      *body = json_object_new ();

  json_object_set_string_member (body, "draft_id", op->draft_id);
  json_object_set_int_member (body, "version", op->version);
  json_object_set_string_member (body, "kind", kind);
  json_object_set_member (body, "content", json_node_copy (content));
  if (op->position != NULL)
    json_object_set_string_member (body, "position", op->position);
  json_object_set_string_member (body, "at", iso);
  if (op->note != NULL)
    json_object_set_string_member (body, "note", op->note);
  return body;
}

/* Checks the case, then appends one draft event of @type for @op (op->version is the new one). */
static gboolean
append_draft_event (LoketStore *self,
                    DraftOp    *op,
                    const char *type,
                    const char *kind,
                    JsonNode   *content,
                    GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (LoketCase) kase = loket_projection_store_load (self->db, op->case_uuid, &local_error);
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;
  g_autofree char *stamp = NULL;
  LoketEvent      *event;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (kase == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("No case with the identifier %s"),
                   op->case_uuid);
      return FALSE;
    }
  if (loket_case_get_status (kase) == LOKET_CASE_STATUS_CLOSED)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                   _ ("The case %s is closed: its letters can no longer be drafted"),
                   loket_case_get_agenda_number (kase) != NULL ? loket_case_get_agenda_number (kase)
                                                               : op->case_uuid);
      return FALSE;
    }
  /* The new event must sort after everything the case has, whatever this PC's clock says. */
  if (loket_case_get_last_hlc (kase) != NULL
      && !loket_hlc_observe (self->hlc, loket_case_get_last_hlc (kase), error))
    return FALSE;
  json_node_take_object (node, body_for (self, kase, op, kind, content));
  json = json_to_string (node, FALSE);
  stamp = loket_hlc_now (self->hlc);
  event = loket_event_new_checked (NULL, op->case_uuid, type, op->author, self->device_id, stamp,
                                   json, error);
  if (event == NULL)
    return FALSE;
  g_ptr_array_add (events, event);
  return _loket_store_append_in_transaction (self, events, error);
}

static gboolean
create_in_transaction (gpointer data, char **unused, GError **error)
{
  DraftOp         *op = data;
  g_autofree char *kind = NULL;
  g_autoptr (JsonNode) content = parse_content (op->content, &kind, error);

  if (content == NULL)
    return FALSE;
  op->draft_id = g_uuid_string_random ();
  op->version = 1;
  return append_draft_event (op->self, op, LOKET_EVENT_DRAFT_CREATED, kind, content, error);
}

static gboolean
revise_in_transaction (gpointer data, char **unused, GError **error)
{
  DraftOp         *op = data;
  g_autofree char *kind = NULL;
  g_autoptr (JsonNode) content = parse_content (op->content, &kind, error);
  g_autoptr (LoketDraftVersion) latest = NULL;
  g_autoptr (GError) local_error = NULL;

  if (content == NULL)
    return FALSE;
  latest = read_version (op->self->db, op->draft_id, 0, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (latest == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("There is no letter draft %s"),
                   op->draft_id);
      return FALSE;
    }
  if (latest->version != op->version)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                   _ ("Version %u is not the latest version of this draft: version %u was saved "
                      "meanwhile. Open the latest version and make the change again."),
                   op->version, latest->version);
      return FALSE;
    }
  if (g_strcmp0 (latest->kind, kind) != 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("A revision cannot change the letter kind (“%s” to “%s”)"), latest->kind,
                   kind);
      return FALSE;
    }
  g_free (op->case_uuid);
  op->case_uuid = g_strdup (latest->case_uuid);
  op->version = latest->version + 1;
  return append_draft_event (op->self, op, LOKET_EVENT_DRAFT_REVISED, kind, content, error);
}

static gboolean
create_on_thread (gpointer data, gpointer *result, GError **error)
{
  DraftOp *op = data;

  if (!_loket_store_run_transaction (op->self, create_in_transaction, op, NULL, error))
    return FALSE;
  *result = g_strdup (op->draft_id);
  return TRUE;
}

static gboolean
revise_on_thread (gpointer data, gpointer *result, GError **error)
{
  DraftOp *op = data;

  if (!_loket_store_run_transaction (op->self, revise_in_transaction, op, NULL, error))
    return FALSE;
  *result = GUINT_TO_POINTER (op->version);
  return TRUE;
}

static gboolean
list_on_thread (gpointer data, gpointer *result, GError **error)
{
  DraftOp *op = data;
  g_autoptr (LoketDbStatement) stmt = NULL;
  g_autoptr (GPtrArray) versions
    = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_draft_version_free);
  gboolean have_row = FALSE;

  g_assert (g_thread_self () == op->self->db_thread);
  stmt = loket_db_prepare (
    op->self->db,
    "SELECT " VERSION_COLUMNS " FROM letter_drafts d JOIN (SELECT draft_id, MIN(hlc) AS first "
    "FROM letter_drafts WHERE case_uuid = ?1 GROUP BY draft_id) f ON f.draft_id = d.draft_id "
    "WHERE d.case_uuid = ?1 ORDER BY f.first, d.draft_id, d.version",
    error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, op->case_uuid);
  for (;;)
    {
      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;
      g_ptr_array_add (versions, version_from_row (stmt));
    }
  *result = g_steal_pointer (&versions);
  return TRUE;
}

static gboolean
load_on_thread (gpointer data, gpointer *result, GError **error)
{
  DraftOp *op = data;
  g_autoptr (GError) local_error = NULL;
  LoketDraftVersion *v;

  g_assert (g_thread_self () == op->self->db_thread);
  v = read_version (op->self->db, op->draft_id, op->version, TRUE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (v == NULL)
    {
      if (op->version == 0)
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("There is no letter draft %s"),
                     op->draft_id);
      else
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                     _ ("The letter draft %s has no version %u"), op->draft_id, op->version);
      return FALSE;
    }
  *result = v;
  return TRUE;
}

/* ---- Public API --------------------------------------------------------------------------- */

static DraftOp *
create_op_new (LoketStore *self,
               const char *case_uuid,
               const char *author,
               const char *position,
               const char *content,
               const char *note,
               gint64      at)
{
  DraftOp *op = write_op_new (self, author, position, content, note, at);

  op->case_uuid = g_strdup (case_uuid);
  return op;
}

static DraftOp *
revise_op_new (LoketStore *self,
               const char *draft_id,
               guint       base_version,
               const char *author,
               const char *position,
               const char *content,
               const char *note,
               gint64      at)
{
  DraftOp *op = write_op_new (self, author, position, content, note, at);

  op->draft_id = g_strdup (draft_id);
  op->version = base_version;
  return op;
}

static gboolean
check_note (const char *note, GError **error)
{
  if (note != NULL && strlen (note) > NOTE_MAX)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The note is longer than %u bytes"), (guint) NOTE_MAX);
      return FALSE;
    }
  return TRUE;
}

char *
loket_store_create_letter_draft (LoketStore *self,
                                 const char *case_uuid,
                                 const char *author,
                                 const char *position,
                                 const char *content,
                                 const char *note,
                                 gint64      at,
                                 GError    **error)
{
  g_autoptr (DraftOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL && author != NULL && content != NULL, NULL);

  if (!check_note (note, error))
    return NULL;
  op = create_op_new (self, case_uuid, author, position, content, note, at);
  if (!_loket_store_intake_run_sync (self, create_on_thread, op, &result, error))
    return NULL;
  return result;
}

void
loket_store_create_letter_draft_async (LoketStore         *self,
                                       const char         *case_uuid,
                                       const char         *author,
                                       const char         *position,
                                       const char         *content,
                                       const char         *note,
                                       gint64              at,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL && author != NULL && content != NULL);

  _loket_store_intake_run_async (
    self, create_on_thread, create_op_new (self, case_uuid, author, position, content, note, at),
    (GDestroyNotify) draft_op_free, g_free, loket_store_create_letter_draft_async, cancellable,
    callback, user_data);
}

char *
loket_store_create_letter_draft_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  if (!_loket_store_intake_finish (self, result, loket_store_create_letter_draft_async, &out,
                                   error))
    return NULL;
  return out;
}

guint
loket_store_revise_letter_draft (LoketStore *self,
                                 const char *draft_id,
                                 guint       base_version,
                                 const char *author,
                                 const char *position,
                                 const char *content,
                                 const char *note,
                                 gint64      at,
                                 GError    **error)
{
  g_autoptr (DraftOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), 0);
  g_return_val_if_fail (draft_id != NULL && author != NULL && content != NULL, 0);

  if (!check_note (note, error))
    return 0;
  op = revise_op_new (self, draft_id, base_version, author, position, content, note, at);
  if (!_loket_store_intake_run_sync (self, revise_on_thread, op, &result, error))
    return 0;
  return GPOINTER_TO_UINT (result);
}

void
loket_store_revise_letter_draft_async (LoketStore         *self,
                                       const char         *draft_id,
                                       guint               base_version,
                                       const char         *author,
                                       const char         *position,
                                       const char         *content,
                                       const char         *note,
                                       gint64              at,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (draft_id != NULL && author != NULL && content != NULL);

  _loket_store_intake_run_async (
    self, revise_on_thread,
    revise_op_new (self, draft_id, base_version, author, position, content, note, at),
    (GDestroyNotify) draft_op_free, NULL, loket_store_revise_letter_draft_async, cancellable,
    callback, user_data);
}

guint
loket_store_revise_letter_draft_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  if (!_loket_store_intake_finish (self, result, loket_store_revise_letter_draft_async, &out,
                                   error))
    return 0;
  return GPOINTER_TO_UINT (out);
}

GPtrArray *
loket_store_list_letter_drafts (LoketStore *self, const char *case_uuid, GError **error)
{
  g_autoptr (DraftOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);

  op = draft_op_new (self);
  op->case_uuid = g_strdup (case_uuid);
  if (!_loket_store_intake_run_sync (self, list_on_thread, op, &result, error))
    return NULL;
  return result;
}

void
loket_store_list_letter_drafts_async (LoketStore         *self,
                                      const char         *case_uuid,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  DraftOp *op;

  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL);

  op = draft_op_new (self);
  op->case_uuid = g_strdup (case_uuid);
  _loket_store_intake_run_async (
    self, list_on_thread, op, (GDestroyNotify) draft_op_free, (GDestroyNotify) g_ptr_array_unref,
    loket_store_list_letter_drafts_async, cancellable, callback, user_data);
}

GPtrArray *
loket_store_list_letter_drafts_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  if (!_loket_store_intake_finish (self, result, loket_store_list_letter_drafts_async, &out, error))
    return NULL;
  return out;
}

LoketDraftVersion *
loket_store_load_letter_draft (LoketStore *self,
                               const char *draft_id,
                               guint       version,
                               GError    **error)
{
  g_autoptr (DraftOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (draft_id != NULL, NULL);

  op = draft_op_new (self);
  op->draft_id = g_strdup (draft_id);
  op->version = version;
  if (!_loket_store_intake_run_sync (self, load_on_thread, op, &result, error))
    return NULL;
  return result;
}

void
loket_store_load_letter_draft_async (LoketStore         *self,
                                     const char         *draft_id,
                                     guint               version,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  DraftOp *op;

  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (draft_id != NULL);

  op = draft_op_new (self);
  op->draft_id = g_strdup (draft_id);
  op->version = version;
  _loket_store_intake_run_async (self, load_on_thread, op, (GDestroyNotify) draft_op_free,
                                 (GDestroyNotify) loket_draft_version_free,
                                 loket_store_load_letter_draft_async, cancellable, callback,
                                 user_data);
}

LoketDraftVersion *
loket_store_load_letter_draft_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  if (!_loket_store_intake_finish (self, result, loket_store_load_letter_draft_async, &out, error))
    return NULL;
  return out;
}
