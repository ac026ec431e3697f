// SPDX-License-Identifier: GPL-3.0-or-later
// LoketDraftChain: the drafts of a case, their paraf chain and review comments, from events.
#include "config.h"

#include "loket-draft-chain.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "loket-error.h"
#include "loket-json-reader.h"

struct _LoketDraftChain
{
  GObject parent_instance;

  /* Owned references */
  GPtrArray  *drafts;   /* LoketDraftState */
  GHashTable *by_id;    /* draft id → LoketDraftState (borrowed) */
  GPtrArray  *comments; /* LoketDraftComment */
  GHashTable *comments_by_id;
};

G_DEFINE_FINAL_TYPE (LoketDraftChain, loket_draft_chain, G_TYPE_OBJECT)

static const char *const stage_names[]
  = { "editing", "in_review", "returned", "approved", "signed" };

const char *
loket_draft_stage_to_string (LoketDraftStage stage)
{
  g_return_val_if_fail ((guint) stage < G_N_ELEMENTS (stage_names), NULL);
  return stage_names[stage];
}

static void
step_free (LoketDraftStep *step)
{
  g_free (step->type);
  g_free (step->position);
  g_free (step->author);
  g_free (step->to);
  g_free (step->note);
  g_free (step);
}

static void
state_free (LoketDraftState *state)
{
  g_free (state->draft_id);
  g_free (state->kind);
  g_free (state->drafter);
  g_clear_pointer (&state->contents, g_ptr_array_unref);
  g_clear_pointer (&state->route, g_ptr_array_unref);
  g_free (state->returned_to);
  g_free (state->return_note);
  g_free (state->letter_id);
  g_free (state->signed_sha256);
  g_free (state->signer);
  g_clear_pointer (&state->history, g_ptr_array_unref);
  g_free (state);
}

static void
comment_free (LoketDraftComment *comment)
{
  g_free (comment->id);
  g_free (comment->draft_id);
  g_free (comment->blob);
  g_free (comment->text);
  g_free (comment->position);
  g_free (comment->author);
  g_free (comment->resolved_by);
  g_free (comment);
}

const char *
loket_draft_state_get_holder (const LoketDraftState *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->stage)
    {
      case LOKET_DRAFT_STAGE_EDITING:
        {
          /* whoever made the latest version (the drafter, or a reviewer it was returned to) */
          for (guint i = self->history->len; i > 0; i--)
            {
              LoketDraftStep *step = g_ptr_array_index (self->history, i - 1);

              if ((g_str_equal (step->type, LOKET_EVENT_DRAFT_REVISED)
                   || g_str_equal (step->type, LOKET_EVENT_DRAFT_CREATED))
                  && step->position != NULL)
                return step->position;
            }
          return self->drafter;
        }
      case LOKET_DRAFT_STAGE_IN_REVIEW:
      case LOKET_DRAFT_STAGE_APPROVED:
        return self->n_paraf < self->route->len ? g_ptr_array_index (self->route, self->n_paraf)
                                                : NULL;
      case LOKET_DRAFT_STAGE_RETURNED:
        return self->returned_to;
      case LOKET_DRAFT_STAGE_SIGNED:
      default:
        return NULL;
    }
}

const char *
loket_draft_state_get_signer (const LoketDraftState *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->route->len > 0 ? g_ptr_array_index (self->route, self->route->len - 1) : NULL;
}

JsonNode *
loket_draft_state_get_content (const LoketDraftState *self, guint version)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (version == 0 || version > self->contents->len)
    return NULL;
  return g_ptr_array_index (self->contents, version - 1);
}

/* ---- Reading bodies ----------------------------------------------------------------------- */

static gboolean
read_string (JsonObject  *body,
             LoketEvent  *event,
             const char  *member,
             gboolean     required,
             const char **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (body, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? loket_event_body_invalid (event, member, _ ("is missing"), error) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
      || *json_node_get_string (node) == '\0')
    return loket_event_body_invalid (event, member, _ ("must be non-empty text"), error);
  *out = json_node_get_string (node);
  return TRUE;
}

/* A positive integer; 0 when absent and not required. */
static gboolean
read_uint (JsonObject *body,
           LoketEvent *event,
           const char *member,
           gboolean    required,
           guint      *out,
           GError    **error)
{
  JsonNode *node = json_object_get_member (body, member);
  gint64    value;

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? loket_event_body_invalid (event, member, _ ("is missing"), error) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || (value = json_node_get_int (node)) < 0 || value > G_MAXINT32)
    return loket_event_body_invalid (event, member, _ ("must be a whole number"), error);
  *out = (guint) value;
  return TRUE;
}

/* `at` as Unix s; the HLC's wall clock when absent. */
static gboolean
read_at (JsonObject *body, LoketEvent *event, gint64 *out, GError **error)
{
  g_autoptr (GDateTime) time = NULL;
  const char *text;

  *out = loket_event_get_wall_seconds (event);
  if (!read_string (body, event, "at", FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return loket_event_body_invalid (event, "at",
                                     _ ("is not an ISO 8601 date and time with a UTC offset"),
                                     error);
  *out = g_date_time_to_unix (time);
  return TRUE;
}

static void
add_step (LoketDraftState *state,
          LoketEvent      *event,
          const char      *position,
          const char      *to,
          const char      *note,
          guint            version,
          gint64           at)
{
  LoketDraftStep *step = g_new0 (LoketDraftStep, 1);

  step->type = g_strdup (loket_event_get_event_type (event));
  step->position = g_strdup (position);
  step->author = g_strdup (loket_event_get_author (event));
  step->to = g_strdup (to);
  step->note = g_strdup (note);
  step->version = version;
  step->at = at;
  g_ptr_array_add (state->history, step);
  state->updated_at = at;
}

/* ---- Folding ------------------------------------------------------------------------------ */

static gboolean
apply_draft (LoketDraftChain *self, LoketEvent *event, JsonObject *body, GError **error)
{
  const char      *type = loket_event_get_event_type (event);
  const char      *draft_id, *position, *note = NULL, *to = NULL;
  guint            version;
  gint64           at;
  LoketDraftState *state;
  JsonNode        *draft_node = json_object_get_member (body, "draft_id");

  /* Bodies written before the contract (demo data: `{ "at", "version" }`) name no draft: they
   * move the case's status only (the projector) and are not part of any chain. */
  if (draft_node == NULL)
    return TRUE;
  if (!read_string (body, event, "draft_id", TRUE, &draft_id, error)
      || !read_uint (body, event, "version", TRUE, &version, error)
      || !read_string (body, event, "position", FALSE, &position, error)
      || !read_at (body, event, &at, error))
    return FALSE;
  if (version == 0)
    return loket_event_body_invalid (event, "version", _ ("must be 1 or more"), error);

  state = g_hash_table_lookup (self->by_id, draft_id);

  if (g_str_equal (type, LOKET_EVENT_DRAFT_CREATED))
    {
      const char *kind;
      JsonNode   *content = json_object_get_member (body, "content");

      if (!read_string (body, event, "kind", FALSE, &kind, error))
        return FALSE;
      if (version != 1)
        return loket_event_body_invalid (event, "version", _ ("must be 1 for a new draft"), error);
      if (content != NULL && !JSON_NODE_HOLDS_OBJECT (content))
        return loket_event_body_invalid (event, "content", _ ("must be an object"), error);
      if (state != NULL)
        return TRUE; /* created twice (two devices): the first one wins */
      state = g_new0 (LoketDraftState, 1);
      state->draft_id = g_strdup (draft_id);
      state->kind = g_strdup (kind);
      state->drafter = g_strdup (position);
      state->version = 1;
      state->contents = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
      g_ptr_array_add (state->contents,
                       content != NULL ? json_node_copy (content) : json_node_new (JSON_NODE_NULL));
      state->route = g_ptr_array_new_with_free_func (g_free);
      state->history = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
      state->stage = LOKET_DRAFT_STAGE_EDITING;
      g_ptr_array_add (self->drafts, state);
      g_hash_table_insert (self->by_id, state->draft_id, state);
      add_step (state, event, position, NULL, NULL, 1, at);
      return TRUE;
    }

  if (state == NULL)
    {
      g_debug ("%s of unknown draft %s ignored", type, draft_id);
      return TRUE;
    }
  if (state->stage == LOKET_DRAFT_STAGE_SIGNED)
    return TRUE; /* concurrent offline work after the signature changes nothing */

  if (g_str_equal (type, LOKET_EVENT_DRAFT_REVISED))
    {
      JsonNode *content = json_object_get_member (body, "content");

      if (content != NULL && !JSON_NODE_HOLDS_OBJECT (content))
        return loket_event_body_invalid (event, "content", _ ("must be an object"), error);
      if (!read_string (body, event, "note", FALSE, &note, error))
        return FALSE;
      if (version != state->version + 1)
        return TRUE; /* a concurrent revision of the same version: the first one wins */
      state->version = version;
      g_ptr_array_add (state->contents,
                       content != NULL ? json_node_copy (content) : json_node_new (JSON_NODE_NULL));
      state->stage = LOKET_DRAFT_STAGE_EDITING;
      state->n_paraf = 0;
      g_clear_pointer (&state->returned_to, g_free);
      add_step (state, event, position, NULL, note, version, at);
    }
  else if (g_str_equal (type, LOKET_EVENT_DRAFT_SUBMITTED))
    {
      JsonNode  *route = json_object_get_member (body, "route");
      JsonArray *array;

      if (route == NULL || !JSON_NODE_HOLDS_ARRAY (route)
          || json_array_get_length (array = json_node_get_array (route)) == 0)
        return loket_event_body_invalid (event, "route",
                                         _ ("must be a non-empty list of positions"), error);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_STRING
              || *json_node_get_string (element) == '\0')
            return loket_event_body_invalid (event, "route",
                                             _ ("must hold only position ids"), error);
        }
      if (version != state->version)
        return TRUE;
      g_ptr_array_set_size (state->route, 0);
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (state->route, g_strdup (json_array_get_string_element (array, i)));
      state->route_version = version;
      state->n_paraf = 0;
      state->stage
        = state->route->len > 1 ? LOKET_DRAFT_STAGE_IN_REVIEW : LOKET_DRAFT_STAGE_APPROVED;
      g_clear_pointer (&state->returned_to, g_free);
      add_step (state, event, position, NULL, NULL, version, at);
    }
  else if (g_str_equal (type, LOKET_EVENT_DRAFT_PARAF))
    {
      if (state->stage != LOKET_DRAFT_STAGE_IN_REVIEW || version != state->route_version
          || version != state->version || position == NULL
          || state->n_paraf + 1 >= state->route->len
          || !g_str_equal (position, g_ptr_array_index (state->route, state->n_paraf)))
        return TRUE; /* stale or out of turn (concurrent offline work): not counted */
      state->n_paraf++;
      if (state->n_paraf + 1 == state->route->len)
        state->stage = LOKET_DRAFT_STAGE_APPROVED;
      add_step (state, event, position, NULL, NULL, version, at);
    }
  else if (g_str_equal (type, LOKET_EVENT_DRAFT_RETURNED))
    {
      if (!read_string (body, event, "note", TRUE, &note, error)
          || !read_string (body, event, "to", FALSE, &to, error))
        return FALSE;
      if (state->stage == LOKET_DRAFT_STAGE_EDITING || version != state->version)
        return TRUE;
      state->stage = LOKET_DRAFT_STAGE_RETURNED;
      g_free (state->returned_to);
      state->returned_to = g_strdup (to != NULL ? to : state->drafter);
      g_free (state->return_note);
      state->return_note = g_strdup (note);
      add_step (state, event, position, state->returned_to, note, version, at);
    }
  return TRUE;
}

static gboolean
apply_signed (LoketDraftChain *self, LoketEvent *event, JsonObject *body, GError **error)
{
  const char      *draft_id, *letter_id, *sha256, *position;
  guint            version;
  gint64           at;
  LoketDraftState *state;

  if (json_object_get_member (body, "draft_id") == NULL)
    return TRUE; /* a letter signed outside the chain (older bodies) */
  if (!read_string (body, event, "draft_id", TRUE, &draft_id, error)
      || !read_uint (body, event, "version", TRUE, &version, error)
      || !read_string (body, event, "letter_id", FALSE, &letter_id, error)
      || !read_string (body, event, "sha256", FALSE, &sha256, error)
      || !read_string (body, event, "position", FALSE, &position, error)
      || !read_at (body, event, &at, error))
    return FALSE;
  state = g_hash_table_lookup (self->by_id, draft_id);
  if (state == NULL || state->stage == LOKET_DRAFT_STAGE_SIGNED)
    return TRUE;
  state->stage = LOKET_DRAFT_STAGE_SIGNED;
  state->letter_id = g_strdup (letter_id);
  state->signed_sha256 = g_strdup (sha256);
  state->signer = g_strdup (position);
  add_step (state, event, position, NULL, NULL, version, at);
  return TRUE;
}

static gboolean
apply_comment (LoketDraftChain *self, LoketEvent *event, JsonObject *body, GError **error)
{
  const char        *id, *position;
  gint64             at;
  LoketDraftComment *comment;

  if (!read_string (body, event, "id", TRUE, &id, error)
      || !read_string (body, event, "position", FALSE, &position, error)
      || !read_at (body, event, &at, error))
    return FALSE;
  comment = g_hash_table_lookup (self->comments_by_id, id);

  if (g_str_equal (loket_event_get_event_type (event), LOKET_EVENT_COMMENT_RESOLVED))
    {
      if (comment != NULL && !comment->resolved)
        {
          comment->resolved = TRUE;
          comment->resolved_by = g_strdup (position);
          comment->resolved_at = at;
        }
      return TRUE;
    }
  else
    {
      const char *draft_id, *blob, *text;
      guint       version, page;
      JsonNode   *rect = json_object_get_member (body, "rect");
      double      r[4] = { 0, 0, 0, 0 };

      if (!read_string (body, event, "draft_id", FALSE, &draft_id, error)
          || !read_string (body, event, "blob", FALSE, &blob, error)
          || !read_string (body, event, "text", TRUE, &text, error)
          || !read_uint (body, event, "version", FALSE, &version, error)
          || !read_uint (body, event, "page", FALSE, &page, error))
        return FALSE;
      if (rect != NULL)
        {
          JsonArray *array = JSON_NODE_HOLDS_ARRAY (rect) ? json_node_get_array (rect) : NULL;

          if (array == NULL || json_array_get_length (array) != 4)
            return loket_event_body_invalid (event, "rect",
                                             _ ("must be [x, y, width, height]"), error);
          for (guint i = 0; i < 4; i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (!JSON_NODE_HOLDS_VALUE (element)
                  || (json_node_get_value_type (element) != G_TYPE_INT64
                      && json_node_get_value_type (element) != G_TYPE_DOUBLE))
                return loket_event_body_invalid (event, "rect", _ ("must hold numbers"), error);
              r[i] = json_node_get_double (element);
              if (!isfinite (r[i]) || r[i] < 0)
                return loket_event_body_invalid (event, "rect",
                                                 _ ("must hold numbers of 0 or more"), error);
            }
        }
      if (comment != NULL)
        return TRUE;
      comment = g_new0 (LoketDraftComment, 1);
      comment->id = g_strdup (id);
      comment->draft_id = g_strdup (draft_id);
      comment->version = version;
      comment->blob = g_strdup (blob);
      comment->page = page;
      memcpy (comment->rect, r, sizeof r);
      comment->text = g_strdup (text);
      comment->position = g_strdup (position);
      comment->author = g_strdup (loket_event_get_author (event));
      comment->at = at;
      g_ptr_array_add (self->comments, comment);
      g_hash_table_insert (self->comments_by_id, comment->id, comment);
      return TRUE;
    }
}

gboolean
loket_draft_chain_is_chain_type (const char *type)
{
  return g_str_has_prefix (type, "draft.") || g_str_equal (type, LOKET_EVENT_LETTER_SIGNED)
         || g_str_equal (type, LOKET_EVENT_COMMENT_ADDED)
         || g_str_equal (type, LOKET_EVENT_COMMENT_RESOLVED);
}

gboolean
loket_draft_chain_apply (LoketDraftChain *self, LoketEvent *event, GError **error)
{
  const char *type, *text;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *body;

  g_return_val_if_fail (LOKET_IS_DRAFT_CHAIN (self), FALSE);
  g_return_val_if_fail (LOKET_IS_EVENT (event), FALSE);

  type = loket_event_get_event_type (event);
  if (!loket_draft_chain_is_chain_type (type))
    return TRUE;
  if (g_str_has_prefix (type, "draft.") && !g_str_equal (type, LOKET_EVENT_DRAFT_CREATED)
      && !g_str_equal (type, LOKET_EVENT_DRAFT_REVISED)
      && !g_str_equal (type, LOKET_EVENT_DRAFT_SUBMITTED)
      && !g_str_equal (type, LOKET_EVENT_DRAFT_PARAF)
      && !g_str_equal (type, LOKET_EVENT_DRAFT_RETURNED))
    return TRUE; /* a newer draft.* type */

  text = loket_event_get_body (event);
  root = loket_json_read (text, strlen (text));
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("Event %s: the body is not a JSON object"), loket_event_get_uuid (event));
      return FALSE;
    }
  body = json_node_get_object (root);

  if (g_str_equal (type, LOKET_EVENT_LETTER_SIGNED))
    return apply_signed (self, event, body, error);
  if (g_str_has_prefix (type, "comment."))
    return apply_comment (self, event, body, error);
  return apply_draft (self, event, body, error);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
loket_draft_chain_finalize (GObject *object)
{
  LoketDraftChain *self = LOKET_DRAFT_CHAIN (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->drafts, g_ptr_array_unref);
  g_clear_pointer (&self->comments_by_id, g_hash_table_unref);
  g_clear_pointer (&self->comments, g_ptr_array_unref);

  G_OBJECT_CLASS (loket_draft_chain_parent_class)->finalize (object);
}

static void
loket_draft_chain_class_init (LoketDraftChainClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_draft_chain_finalize;
}

static void
loket_draft_chain_init (LoketDraftChain *self)
{
  self->drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) state_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) comment_free);
  self->comments_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* ---- Public API --------------------------------------------------------------------------- */

LoketDraftChain *
loket_draft_chain_new (void)
{
  return g_object_new (LOKET_TYPE_DRAFT_CHAIN, NULL);
}

LoketDraftChain *
loket_draft_chain_new_from_events (GPtrArray *events, GError **error)
{
  g_autoptr (LoketDraftChain) self = loket_draft_chain_new ();

  for (guint i = 0; events != NULL && i < events->len; i++)
    if (!loket_draft_chain_apply (self, g_ptr_array_index (events, i), error))
      return NULL;
  return g_steal_pointer (&self);
}

GPtrArray *
loket_draft_chain_get_drafts (LoketDraftChain *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_CHAIN (self), NULL);
  return self->drafts;
}

const LoketDraftState *
loket_draft_chain_lookup (LoketDraftChain *self, const char *draft_id)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_CHAIN (self), NULL);
  return draft_id != NULL ? g_hash_table_lookup (self->by_id, draft_id) : NULL;
}

GPtrArray *
loket_draft_chain_get_comments (LoketDraftChain *self)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_CHAIN (self), NULL);
  return self->comments;
}

const LoketDraftComment *
loket_draft_chain_lookup_comment (LoketDraftChain *self, const char *id)
{
  g_return_val_if_fail (LOKET_IS_DRAFT_CHAIN (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->comments_by_id, id) : NULL;
}
