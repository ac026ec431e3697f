// SPDX-License-Identifier: GPL-3.0-or-later
// An office (Dinas) that publishes a Standar Pelayanan; backed by its validated catalog record.
#include "config.h"

#include "loket-agency.h"

#include "loket-catalog-private.h"

struct _LoketAgency
{
  GObject parent_instance;

  JsonObject *json; /* the "agency" object of the file, validated by the parser */
  char       *file_name;
};

G_DEFINE_FINAL_TYPE (LoketAgency, loket_agency, G_TYPE_OBJECT)

static const char *
string_member (LoketAgency *self, const char *name)
{
  JsonNode *node = json_object_get_member (self->json, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return json_node_get_string (node);
}

static void
loket_agency_finalize (GObject *object)
{
  LoketAgency *self = LOKET_AGENCY (object);

  g_clear_pointer (&self->json, json_object_unref);
  g_free (self->file_name);

  G_OBJECT_CLASS (loket_agency_parent_class)->finalize (object);
}

static void
loket_agency_class_init (LoketAgencyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = loket_agency_finalize;
}

static void
loket_agency_init (LoketAgency *self)
{
}

LoketAgency *
_loket_agency_new (JsonObject *json, const char *file_name)
{
  LoketAgency *self = g_object_new (LOKET_TYPE_AGENCY, NULL);

  self->json = json_object_ref (json);
  self->file_name = g_strdup (file_name);

  return self;
}

JsonObject *
_loket_agency_get_json (LoketAgency *self)
{
  return self->json;
}

const char *
_loket_agency_get_file_name (LoketAgency *self)
{
  return self->file_name;
}

const char *
loket_agency_get_id (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return string_member (self, "id");
}

const char *
loket_agency_get_name (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return string_member (self, "name");
}

const char *
loket_agency_get_short_name (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return string_member (self, "short_name");
}

const char *
loket_agency_get_address (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return string_member (self, "address");
}

const char *
loket_agency_get_code (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return string_member (self, "code");
}

const char *
loket_agency_get_timezone (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return string_member (self, "timezone");
}

const char *
loket_agency_get_level (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return string_member (self, "level");
}
