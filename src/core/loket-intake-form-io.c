// SPDX-License-Identifier: GPL-3.0-or-later
// LoketIntakeForm ↔ draft JSON, and the events of registering it.
//
// Draft format (version 1):
//   { "format": "loket-intake-draft", "version": 1, "draft_id": UUID,
//     "service": id, "channel": code, "subject"?: text, "return_note"?: text,
//     "received_at"?: Unix s,
//     "letter"?: { "number"?, "date"?, "sender"?, "sifat": "biasa" },
//     "parties": [ party (loket_party_to_json) … ],
//     "requirements": [ { "id": "r1", "satisfied": bool, "applies": bool,
//                         "attachments": [ attachment (loket_attachment_to_json) … ] } … ] }
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-event.h"
#include "loket-intake-form-private.h"

#define DRAFT_FORMAT  "loket-intake-draft"
#define DRAFT_VERSION 1
#define MAX_PARTIES   50

/* ---- To JSON ------------------------------------------------------------------------------ */

static void
set_optional_string (JsonObject *object, const char *member, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

char *
loket_intake_form_to_json (LoketIntakeForm *self)
{
  g_autoptr (JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray  *parties = json_array_new ();
  JsonArray  *items = json_array_new ();

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);

  json_object_set_string_member (object, "format", DRAFT_FORMAT);
  json_object_set_int_member (object, "version", DRAFT_VERSION);
  json_object_set_string_member (object, "draft_id", self->draft_id);
  json_object_set_string_member (object, "service", loket_service_get_id (self->service));
  json_object_set_string_member (object, "channel", self->channel);
  set_optional_string (object, "subject", self->subject);
  set_optional_string (object, "return_note", self->return_note);
  if (self->received_at != 0)
    json_object_set_int_member (object, "received_at", self->received_at);
  if (self->has_letter)
    {
      JsonObject *letter = json_object_new ();

      set_optional_string (letter, "number", self->letter_number);
      set_optional_string (letter, "date", self->letter_date);
      set_optional_string (letter, "sender", self->letter_sender);
      json_object_set_string_member (letter, "sifat",
                                     loket_letter_sifat_to_string (self->letter_sifat));
      json_object_set_object_member (object, "letter", letter);
    }
  for (guint i = 0; i < loket_intake_form_get_n_parties (self); i++)
    json_array_add_element (parties, loket_party_to_json (loket_intake_form_get_party (self, i)));
  json_object_set_array_member (object, "parties", parties);

  for (guint i = 0; i < self->requirements->len; i++)
    {
      const char      *id = loket_requirement_get_id (g_ptr_array_index (self->requirements, i));
      LoketIntakeItem *item = _loket_intake_form_lookup_item (self, id);
      JsonObject      *entry;
      JsonArray       *attachments;

      if (!item->satisfied && !item->applies && item->attachments->len == 0)
        continue;
      entry = json_object_new ();
      attachments = json_array_new ();
      json_object_set_string_member (entry, "id", id);
      json_object_set_boolean_member (entry, "satisfied", item->satisfied);
      json_object_set_boolean_member (entry, "applies", item->applies);
      for (guint j = 0; j < item->attachments->len; j++)
        json_array_add_element (attachments,
                                loket_attachment_to_json (g_ptr_array_index (item->attachments, j)));
      json_object_set_array_member (entry, "attachments", attachments);
      json_array_add_object_element (items, entry);
    }
  json_object_set_array_member (object, "requirements", items);

  json_node_take_object (root, object);
  return json_to_string (root, FALSE);
}

/* ---- From JSON ---------------------------------------------------------------------------- */

static gboolean
bad_draft (GError **error, const char *member, const char *problem)
{
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("The draft is damaged: “%s” %s"),
               member, problem);
  return FALSE;
}

/* An optional text member: absent/null → NULL; else text of at most LOKET_INTAKE_TEXT_MAX
 * bytes of valid UTF-8. */
static gboolean
read_text (JsonObject *object, const char *member, const char **out, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return bad_draft (error, member, _ ("must be text"));
  *out = json_node_get_string (node);
  if (strlen (*out) > LOKET_INTAKE_TEXT_MAX || !g_utf8_validate (*out, -1, NULL))
    return bad_draft (error, member, _ ("is too long or not valid UTF-8"));
  return TRUE;
}

static gboolean
read_bool (JsonObject *object, const char *member, gboolean *out, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return bad_draft (error, member, _ ("must be true or false"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

static JsonArray *
read_array (JsonObject *object, const char *member, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      bad_draft (error, member, _ ("must be a list"));
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
read_letter (LoketIntakeForm *self, JsonObject *root, GError **error)
{
  JsonNode        *node = json_object_get_member (root, "letter");
  JsonObject      *letter;
  const char      *number, *date, *sender, *sifat_text;
  LoketLetterSifat sifat;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad_draft (error, "letter", _ ("must be an object"));
  letter = json_node_get_object (node);
  if (!read_text (letter, "number", &number, error) || !read_text (letter, "date", &date, error)
      || !read_text (letter, "sender", &sender, error)
      || !read_text (letter, "sifat", &sifat_text, error))
    return FALSE;
  if (!loket_letter_sifat_from_string (sifat_text, &sifat))
    return bad_draft (error, "letter.sifat", _ ("is not biasa, segera, sangat_segera or rahasia"));
  loket_intake_form_set_letter (self, number, date, sender, sifat);
  return TRUE;
}

static gboolean
read_parties (LoketIntakeForm *self, JsonObject *root, GError **error)
{
  JsonArray *parties = read_array (root, "parties", error);

  if (parties == NULL)
    return FALSE;
  if (json_array_get_length (parties) > MAX_PARTIES)
    return bad_draft (error, "parties", _ ("has too many entries"));
  for (guint i = 0; i < json_array_get_length (parties); i++)
    {
      g_autoptr (LoketParty) party
        = loket_party_new_from_json (json_array_get_element (parties, i), error);

      if (party == NULL)
        return FALSE;
      loket_intake_form_add_party (self, party);
    }
  return TRUE;
}

static gboolean
read_requirements (LoketIntakeForm *self, JsonObject *root, GError **error)
{
  JsonArray *items = read_array (root, "requirements", error);

  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode        *node = json_array_get_element (items, i);
      JsonObject      *entry;
      const char      *id;
      LoketIntakeItem *item;
      JsonArray       *attachments;
      gboolean         satisfied, applies;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return bad_draft (error, "requirements", _ ("must hold objects"));
      entry = json_node_get_object (node);
      if (!read_text (entry, "id", &id, error) || !read_bool (entry, "satisfied", &satisfied, error)
          || !read_bool (entry, "applies", &applies, error))
        return FALSE;
      if (id == NULL)
        return bad_draft (error, "requirements.id", _ ("is missing"));
      attachments = read_array (entry, "attachments", error);
      if (attachments == NULL)
        return FALSE;
      item = _loket_intake_form_lookup_item (self, id);
      if (item == NULL)
        {
          g_debug ("Draft %s: requirement %s is no longer in the catalog; dropped", self->draft_id, id);
          continue;
        }
      item->satisfied = satisfied;
      item->applies = applies;
      for (guint j = 0; j < json_array_get_length (attachments); j++)
        {
          LoketAttachment *a
            = loket_attachment_new_from_json (json_array_get_element (attachments, j), error);

          if (a == NULL)
            return FALSE;
          g_ptr_array_add (item->attachments, a);
        }
    }
  return TRUE;
}

LoketIntakeForm *
loket_intake_form_new_from_json (LoketServiceCatalog *catalog, const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (LoketIntakeForm) self = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonNode   *root_node;
  JsonObject *root;
  const char *format, *draft_id, *service, *channel, *subject, *note;
  JsonNode   *node;

  g_return_val_if_fail (LOKET_IS_SERVICE_CATALOG (catalog), NULL);
  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The draft is damaged: %s"), local_error->message);
      return NULL;
    }
  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      bad_draft (error, "$", _ ("must be an object"));
      return NULL;
    }
  root = json_node_get_object (root_node);
  if (!read_text (root, "format", &format, error) || !read_text (root, "draft_id", &draft_id, error)
      || !read_text (root, "service", &service, error)
      || !read_text (root, "channel", &channel, error)
      || !read_text (root, "subject", &subject, error)
      || !read_text (root, "return_note", &note, error))
    return NULL;
  if (g_strcmp0 (format, DRAFT_FORMAT) != 0)
    {
      bad_draft (error, "format", _ ("is not a Loket intake draft"));
      return NULL;
    }
  node = json_object_get_member (root, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) != DRAFT_VERSION)
    {
      bad_draft (error, "version", _ ("is not a version this Loket reads"));
      return NULL;
    }
  if (draft_id == NULL || !g_uuid_string_is_valid (draft_id))
    {
      bad_draft (error, "draft_id", _ ("is not a UUID"));
      return NULL;
    }

  self = loket_intake_form_new (catalog, service, channel, error);
  if (self == NULL)
    return NULL;
  _loket_intake_form_set_draft_id (self, draft_id);
  loket_intake_form_set_subject (self, subject);
  loket_intake_form_set_return_note (self, note);

  node = json_object_get_member (root, "received_at");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
          || json_node_get_int (node) < 0)
        {
          bad_draft (error, "received_at", _ ("must be a time in seconds"));
          return NULL;
        }
      loket_intake_form_set_received_at (self, json_node_get_int (node));
    }
  if (!read_letter (self, root, error) || !read_parties (self, root, error)
      || !read_requirements (self, root, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- Events ------------------------------------------------------------------------------- */

static char *
iso_time (GTimeZone *tz, gint64 unix_s)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_s);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

static char *
trimmed_or_null (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static gboolean
is_blank_text (const char *text)
{
  g_autofree char *trimmed = trimmed_or_null (text);

  return trimmed == NULL;
}

static gboolean
add_event (GPtrArray   *events,
           const char  *case_uuid,
           const char  *type,
           const char  *author,
           const char  *device,
           LoketHlc    *hlc,
           JsonObject  *body,
           GError     **error)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;
  g_autofree char *stamp = loket_hlc_now (hlc);
  LoketEvent      *event;

  json_node_take_object (node, body);
  json = json_to_string (node, FALSE);
  event = loket_event_new_checked (NULL, case_uuid, type, author, device, stamp, json, error);
  if (event == NULL)
    return FALSE;
  g_ptr_array_add (events, event);
  return TRUE;
}

static JsonObject *
registered_body (LoketIntakeForm *self, const char *agenda_number, const char *received_iso)
{
  JsonObject *body = json_object_new ();
  JsonArray  *parties = json_array_new ();
  g_autofree char *subject = trimmed_or_null (self->subject);

  json_object_set_string_member (body, "agency", loket_service_get_agency_id (self->service));
  json_object_set_string_member (body, "service", loket_service_get_id (self->service));
  json_object_set_string_member (body, "channel", self->channel);
  if (loket_service_get_unit_id (self->service) != NULL)
    json_object_set_string_member (body, "unit", loket_service_get_unit_id (self->service));
  if (agenda_number != NULL)
    json_object_set_string_member (body, "agenda_number", agenda_number);
  json_object_set_string_member (body, "received_at", received_iso);
  if (subject != NULL)
    json_object_set_string_member (body, "subject", subject);
  for (guint i = 0; i < loket_intake_form_get_n_parties (self); i++)
    json_array_add_element (parties, loket_party_to_json (loket_intake_form_get_party (self, i)));
  json_object_set_array_member (body, "parties", parties);
  if (self->has_letter)
    {
      JsonObject *letter = json_object_new ();
      g_autofree char *number = trimmed_or_null (self->letter_number);
      g_autofree char *sender = trimmed_or_null (self->letter_sender);

      json_object_set_string_member (letter, "number", number);
      json_object_set_string_member (letter, "date", self->letter_date);
      json_object_set_string_member (letter, "sender", sender);
      json_object_set_string_member (letter, "sifat",
                                     loket_letter_sifat_to_string (self->letter_sifat));
      json_object_set_object_member (body, "letter", letter);
    }
  return body;
}

static gboolean
check_outcome (LoketIntakeForm *self, LoketIntakeOutcome outcome, GError **error)
{
  g_autoptr (GPtrArray) missing = loket_intake_form_missing_mandatory (self);

  switch (outcome)
    {
      case LOKET_INTAKE_REGISTER:
        return TRUE;
      case LOKET_INTAKE_COMPLETE_AND_CLOSE:
        if (!loket_intake_form_is_counter_service (self))
          {
            g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                         _ ("Only counter services (served in minutes or hours) can be closed at "
                            "registration"));
            return FALSE;
          }
        G_GNUC_FALLTHROUGH;
      case LOKET_INTAKE_DECLARE_COMPLETE:
        return loket_intake_form_can_declare_complete (self, error);
      case LOKET_INTAKE_RETURN:
        if (missing->len == 0 && is_blank_text (self->return_note))
          {
            g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                         _ ("Nothing is missing: say in the note why the file is returned"));
            return FALSE;
          }
        return TRUE;
      default:
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("Unknown intake outcome"));
        return FALSE;
    }
}

static JsonObject *
body_at (const char *at_iso)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "at", at_iso);
  return body;
}

static gboolean
add_checklist_events (LoketIntakeForm *self,
                      GPtrArray       *events,
                      const char      *case_uuid,
                      const char      *author,
                      const char      *device,
                      LoketHlc        *hlc,
                      GError         **error)
{
  for (guint i = 0; i < self->requirements->len; i++)
    {
      const char      *id = loket_requirement_get_id (g_ptr_array_index (self->requirements, i));
      LoketIntakeItem *item = _loket_intake_form_lookup_item (self, id);
      JsonObject      *body;
      JsonArray       *blobs;

      if (!item->satisfied && item->attachments->len == 0)
        continue;
      body = json_object_new ();
      blobs = json_array_new ();
      json_object_set_string_member (body, "requirement", id);
      json_object_set_boolean_member (body, "satisfied", item->satisfied);
      for (guint j = 0; j < item->attachments->len; j++)
        json_array_add_string_element (
          blobs, ((LoketAttachment *) g_ptr_array_index (item->attachments, j))->sha256);
      json_object_set_array_member (body, "blobs", blobs);
      if (!add_event (events, case_uuid, LOKET_EVENT_REQUIREMENT_CHECKED, author, device, hlc, body,
                      error))
        return FALSE;
    }
  for (guint i = 0; i < self->requirements->len; i++)
    {
      const char      *id = loket_requirement_get_id (g_ptr_array_index (self->requirements, i));
      LoketIntakeItem *item = _loket_intake_form_lookup_item (self, id);

      for (guint j = 0; j < item->attachments->len; j++)
        {
          g_autoptr (JsonNode) node
            = loket_attachment_to_json (g_ptr_array_index (item->attachments, j));
          JsonObject *body = json_node_dup_object (node);

          json_object_set_string_member (body, "requirement", id);
          if (!add_event (events, case_uuid, LOKET_EVENT_DOCUMENT_ATTACHED, author, device, hlc,
                          body, error))
            return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
loket_intake_form_build_events (LoketIntakeForm   *self,
                                const char        *case_uuid,
                                const char        *agenda_number,
                                const char        *author,
                                const char        *device,
                                LoketHlc          *hlc,
                                gint64             now,
                                LoketIntakeOutcome outcome,
                                GError           **error)
{
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  g_autofree char *received_iso = NULL;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);
  g_return_val_if_fail (LOKET_IS_HLC (hlc), NULL);

  if (!loket_intake_form_check (self, error) || !check_outcome (self, outcome, error))
    return NULL;

  tz = _loket_intake_form_get_timezone (self);
  received_iso = iso_time (tz, self->received_at != 0 ? self->received_at : now);
  events = g_ptr_array_new_with_free_func (g_object_unref);

  if (!add_event (events, case_uuid, LOKET_EVENT_CASE_REGISTERED, author, device, hlc,
                  registered_body (self, agenda_number, received_iso), error)
      || !add_checklist_events (self, events, case_uuid, author, device, hlc, error))
    return NULL;

  if (outcome == LOKET_INTAKE_DECLARE_COMPLETE || outcome == LOKET_INTAKE_COMPLETE_AND_CLOSE)
    {
      if (!add_event (events, case_uuid, LOKET_EVENT_CASE_DECLARED_COMPLETE, author, device, hlc,
                      body_at (received_iso), error))
        return NULL;
    }
  if (outcome == LOKET_INTAKE_COMPLETE_AND_CLOSE)
    {
      JsonObject *body = body_at (received_iso);

      json_object_set_string_member (body, "outcome", "selesai");
      if (!add_event (events, case_uuid, LOKET_EVENT_CASE_CLOSED, author, device, hlc, body, error))
        return NULL;
    }
  if (outcome == LOKET_INTAKE_RETURN)
    {
      g_autoptr (GPtrArray) missing = loket_intake_form_missing_mandatory (self);
      JsonObject *body = body_at (received_iso);
      JsonArray  *ids = json_array_new ();
      g_autofree char *note = trimmed_or_null (self->return_note);

      for (guint i = 0; i < missing->len; i++)
        json_array_add_string_element (ids,
                                       loket_requirement_get_id (g_ptr_array_index (missing, i)));
      json_object_set_array_member (body, "missing", ids);
      if (note != NULL)
        json_object_set_string_member (body, "note", note);
      if (!add_event (events, case_uuid, LOKET_EVENT_CASE_RETURNED, author, device, hlc, body,
                      error))
        return NULL;
    }
  return g_steal_pointer (&events);
}
