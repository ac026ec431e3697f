// SPDX-License-Identifier: GPL-3.0-or-later
// A party of a case: fields, validation with specific messages, JSON.
#include "config.h"

#include "loket-party.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-id-numbers.h"

G_DEFINE_BOXED_TYPE (LoketFieldProblem, loket_field_problem, loket_field_problem_copy,
                     loket_field_problem_free)

LoketFieldProblem *
loket_field_problem_new (const char *field, const char *message)
{
  LoketFieldProblem *self = g_new0 (LoketFieldProblem, 1);

  self->field = g_strdup (field);
  self->message = g_strdup (message);
  return self;
}

LoketFieldProblem *
loket_field_problem_copy (const LoketFieldProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return loket_field_problem_new (self->field, self->message);
}

void
loket_field_problem_free (LoketFieldProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->field);
  g_free (self->message);
  g_free (self);
}

const char *
loket_party_kind_to_string (LoketPartyKind kind)
{
  return kind == LOKET_PARTY_ORGANISATION ? "organisation" : "person";
}

gboolean
loket_party_kind_from_string (const char *text, LoketPartyKind *kind)
{
  if (g_strcmp0 (text, "person") == 0)
    *kind = LOKET_PARTY_PERSON;
  else if (g_strcmp0 (text, "organisation") == 0)
    *kind = LOKET_PARTY_ORGANISATION;
  else
    return FALSE;
  return TRUE;
}

/* The text fields, indexed like the properties after PROP_KIND. */
enum
{
  F_NIK,
  F_NAME,
  F_ADDRESS,
  F_PHONE,
  F_EMAIL,
  F_LEGAL_NUMBER,
  F_CONTACT_PERSON,
  N_FIELDS,
};

/* JSON member names (case.registered parties, src/core/EVENTS.md). */
static const char *const field_names[N_FIELDS] = {
  "nik", "name", "address", "phone", "email", "legal_number", "contact_person",
};

struct _LoketParty
{
  GObject parent_instance;

  LoketPartyKind kind;
  char          *fields[N_FIELDS];
};

G_DEFINE_FINAL_TYPE (LoketParty, loket_party, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_NIK,
  PROP_NAME,
  PROP_ADDRESS,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_LEGAL_NUMBER,
  PROP_CONTACT_PERSON,
  N_PROPS,
};

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

/* Whether @field belongs to @kind (and is written to JSON). */
static gboolean
field_of_kind (guint field, LoketPartyKind kind)
{
  switch (field)
    {
      case F_NIK:
        return kind == LOKET_PARTY_PERSON;
      case F_LEGAL_NUMBER:
      case F_CONTACT_PERSON:
        return kind == LOKET_PARTY_ORGANISATION;
      default:
        return TRUE;
    }
}

static void
set_field (LoketParty *self, guint field, const char *value)
{
  if (g_strcmp0 (self->fields[field], value) == 0)
    return;
  g_free (self->fields[field]);
  self->fields[field] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NIK + field]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
loket_party_finalize (GObject *object)
{
  LoketParty *self = LOKET_PARTY (object);

  for (guint i = 0; i < N_FIELDS; i++)
    g_free (self->fields[i]);
  G_OBJECT_CLASS (loket_party_parent_class)->finalize (object);
}

static void
loket_party_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LoketParty *self = LOKET_PARTY (object);

  if (prop_id == PROP_KIND)
    g_value_set_int (value, self->kind);
  else if (prop_id > PROP_KIND && prop_id < N_PROPS)
    g_value_set_string (value, self->fields[prop_id - PROP_NIK]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
loket_party_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LoketParty *self = LOKET_PARTY (object);

  if (prop_id == PROP_KIND)
    loket_party_set_kind (self, g_value_get_int (value));
  else if (prop_id > PROP_KIND && prop_id < N_PROPS)
    set_field (self, prop_id - PROP_NIK, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
loket_party_class_init (LoketPartyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = loket_party_finalize;
  object_class->get_property = loket_party_get_property;
  object_class->set_property = loket_party_set_property;

  /* An int, not a registered enum: core has no mkenums step yet. */
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, LOKET_PARTY_PERSON,
                                            LOKET_PARTY_ORGANISATION, LOKET_PARTY_PERSON, flags);
  properties[PROP_NIK] = g_param_spec_string ("nik", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_LEGAL_NUMBER] = g_param_spec_string ("legal-number", NULL, NULL, NULL, flags);
  properties[PROP_CONTACT_PERSON]
    = g_param_spec_string ("contact-person", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
loket_party_init (LoketParty *self)
{
}

LoketParty *
loket_party_new (LoketPartyKind kind)
{
  LoketParty *self = g_object_new (LOKET_TYPE_PARTY, NULL);

  self->kind = kind;
  return self;
}

LoketParty *
loket_party_copy (LoketParty *self)
{
  LoketParty *copy;

  g_return_val_if_fail (LOKET_IS_PARTY (self), NULL);
  copy = loket_party_new (self->kind);
  for (guint i = 0; i < N_FIELDS; i++)
    copy->fields[i] = g_strdup (self->fields[i]);
  return copy;
}

LoketPartyKind
loket_party_get_kind (LoketParty *self)
{
  g_return_val_if_fail (LOKET_IS_PARTY (self), LOKET_PARTY_PERSON);
  return self->kind;
}

void
loket_party_set_kind (LoketParty *self, LoketPartyKind value)
{
  g_return_if_fail (LOKET_IS_PARTY (self));
  g_return_if_fail (value == LOKET_PARTY_PERSON || value == LOKET_PARTY_ORGANISATION);
  if (self->kind == value)
    return;
  self->kind = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

#define FIELD_ACCESSORS(lower, index)                                                             \
  const char *loket_party_get_##lower (LoketParty *self)                                         \
  {                                                                                               \
    g_return_val_if_fail (LOKET_IS_PARTY (self), NULL);                                          \
    return self->fields[index];                                                                   \
  }                                                                                               \
  void loket_party_set_##lower (LoketParty *self, const char *value)                             \
  {                                                                                               \
    g_return_if_fail (LOKET_IS_PARTY (self));                                                     \
    set_field (self, index, value);                                                               \
  }

FIELD_ACCESSORS (nik, F_NIK)
FIELD_ACCESSORS (name, F_NAME)
FIELD_ACCESSORS (address, F_ADDRESS)
FIELD_ACCESSORS (phone, F_PHONE)
FIELD_ACCESSORS (email, F_EMAIL)
FIELD_ACCESSORS (legal_number, F_LEGAL_NUMBER)
FIELD_ACCESSORS (contact_person, F_CONTACT_PERSON)

/* Validation */

static char *
trimmed (const char *text)
{
  return text != NULL ? g_strstrip (g_strdup (text)) : g_strdup ("");
}

static void
add_problem (GPtrArray *problems, const char *prefix, guint field, const char *message)
{
  g_autofree char *id = g_strconcat (prefix != NULL ? prefix : "", field_names[field], NULL);

  g_ptr_array_add (problems, loket_field_problem_new (id, message));
}

static gboolean
email_is_plausible (const char *email)
{
  const char *at = strchr (email, '@');
  const char *dot;

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL || strchr (email, ' ') != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

static gboolean
phone_is_plausible (const char *phone)
{
  guint digits = 0;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '+' && p == phone)
        continue;
      else if (strchr (" -.()", *p) == NULL)
        return FALSE;
    }
  return digits >= 6 && digits <= 15;
}

gboolean
loket_party_validate (LoketParty *self, const char *field_prefix, GPtrArray *problems)
{
  guint before;

  g_return_val_if_fail (LOKET_IS_PARTY (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  before = problems->len;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *value = self->fields[i];

      if (!field_of_kind (i, self->kind) || value == NULL)
        continue;
      if (!g_utf8_validate (value, -1, NULL))
        add_problem (problems, field_prefix, i, _ ("This text is not valid UTF-8"));
      else if (strlen (value) > LOKET_PARTY_FIELD_MAX)
        add_problem (problems, field_prefix, i, _ ("This text is too long"));
    }
  if (problems->len > before)
    return FALSE;

  if (self->kind == LOKET_PARTY_PERSON)
    {
      g_autofree char *nik = trimmed (self->fields[F_NIK]);
      g_autoptr (GError) error = NULL;

      if (*nik == '\0')
        add_problem (problems, field_prefix, F_NIK, _ ("The NIK is required"));
      else if (!loket_nik_validate (nik, &error))
        add_problem (problems, field_prefix, F_NIK, error->message);
    }

  {
    g_autofree char *name = trimmed (self->fields[F_NAME]);

    if (*name == '\0')
      add_problem (problems, field_prefix, F_NAME,
                   self->kind == LOKET_PARTY_PERSON ? _ ("The name is required")
                                                    : _ ("The organisation’s name is required"));
  }
  {
    g_autofree char *email = trimmed (self->fields[F_EMAIL]);

    if (*email != '\0' && !email_is_plausible (email))
      add_problem (problems, field_prefix, F_EMAIL,
                   _ ("The e-mail address must look like name@example.com"));
  }
  {
    g_autofree char *phone = trimmed (self->fields[F_PHONE]);

    if (*phone != '\0' && !phone_is_plausible (phone))
      add_problem (problems, field_prefix, F_PHONE,
                   _ ("The phone number must have 6 to 15 digits"));
  }
  return problems->len == before;
}

/* JSON */

JsonNode *
loket_party_to_json (LoketParty *self)
{
  JsonObject *object = json_object_new ();
  JsonNode   *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (LOKET_IS_PARTY (self), NULL);

  json_object_set_string_member (object, "kind", loket_party_kind_to_string (self->kind));
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *value = NULL;

      if (!field_of_kind (i, self->kind))
        continue;
      value = trimmed (self->fields[i]);
      if (*value != '\0')
        json_object_set_string_member (object, field_names[i], value);
    }
  json_node_take_object (node, object);
  return node;
}

LoketParty *
loket_party_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (LoketParty) self = NULL;
  JsonObject    *object;
  JsonNode      *kind_node;
  LoketPartyKind kind;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("A party must be an object"));
      return NULL;
    }
  object = json_node_get_object (node);
  kind_node = json_object_get_member (object, "kind");
  if (kind_node == NULL || !JSON_NODE_HOLDS_VALUE (kind_node)
      || json_node_get_value_type (kind_node) != G_TYPE_STRING
      || !loket_party_kind_from_string (json_node_get_string (kind_node), &kind))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("A party’s kind must be “person” or “organisation”"));
      return NULL;
    }

  self = loket_party_new (kind);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      JsonNode   *member = json_object_get_member (object, field_names[i]);
      const char *value;

      if (member == NULL || JSON_NODE_HOLDS_NULL (member))
        continue;
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _ ("A party’s “%s” must be text"), field_names[i]);
          return NULL;
        }
      value = json_node_get_string (member);
      if (strlen (value) > LOKET_PARTY_FIELD_MAX || !g_utf8_validate (value, -1, NULL))
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _ ("A party’s “%s” is too long or not valid UTF-8"), field_names[i]);
          return NULL;
        }
      self->fields[i] = g_strdup (value);
    }
  return g_steal_pointer (&self);
}
