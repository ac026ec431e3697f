// SPDX-License-Identifier: GPL-3.0-or-later
// An office (Dinas) that publishes a Standar Pelayanan; backed by its validated catalog record.
#include "config.h"

#include "loket-agency.h"

#include "loket-catalog-private.h"

#include <string.h>

struct _LoketAgency
{
  GObject parent_instance;

  JsonObject *json; /* the "agency" object of the file, validated by the parser */
  char       *file_name;
  char       *region; /* cleaned */
  GStrv       emails;
  GStrv       complaint_channels;
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

/* A list of strings (validated by the parser) as a GStrv; empty when absent. */
static GStrv
string_list (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *text = json_array_get_string_element (array, i);

          if (text != NULL)
            g_strv_builder_add (builder, text);
        }
    }
  return g_strv_builder_end (builder);
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
  const char  *region;

  self->json = json_object_ref (json);
  self->file_name = g_strdup (file_name);
  /* "Kabupaten Klungkung (province not stated …)" → "Kabupaten Klungkung" */
  region = string_member (self, "region");
  if (region != NULL)
    {
      const char *paren = strstr (region, " (");

      self->region = paren != NULL ? g_strndup (region, paren - region) : g_strdup (region);
    }
  self->emails = string_list (self->json, "email");
  self->complaint_channels = string_list (self->json, "complaint_channels");
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

const char *
loket_agency_get_region (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return self->region;
}

const char *
loket_agency_get_phone (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return string_member (self, "phone");
}

const char *
loket_agency_get_web (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return string_member (self, "web");
}

const char *const *
loket_agency_get_emails (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return (const char *const *) self->emails;
}

const char *const *
loket_agency_get_complaint_channels (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return (const char *const *) self->complaint_channels;
}

static const char *
decree_member (LoketAgency *self, const char *name)
{
  JsonNode *decree = json_object_get_member (self->json, "decree");
  JsonNode *node;

  if (decree == NULL || !JSON_NODE_HOLDS_OBJECT (decree))
    return NULL;
  node = json_object_get_member (json_node_get_object (decree), name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

const char *
loket_agency_get_decree_number (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return decree_member (self, "number");
}

const char *
loket_agency_get_decree_date_text (LoketAgency *self)
{
  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  return decree_member (self, "date_text");
}

GStrv
loket_agency_dup_address_lines (LoketAgency *self)
{
  const char *address;
  g_auto (GStrv) parts = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  address = string_member (self, "address");
  if (address != NULL)
    parts = g_strsplit (address, ",", -1);
  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

char *
loket_agency_dup_government_line (LoketAgency *self)
{
  g_autofree char *upper = NULL;

  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  upper = g_utf8_strup (self->region != NULL ? self->region : "", -1);
  return g_strdup_printf ("PEMERINTAH %s", upper);
}

char *
loket_agency_dup_kop_name (LoketAgency *self)
{
  const char      *name;
  g_autofree char *kop_name = NULL;

  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  /* "Dinas Sosial Provinsi Nusa Tenggara Timur" → "DINAS SOSIAL" under the pemda line */
  name = string_member (self, "name");
  if (self->region != NULL && g_str_has_suffix (name, self->region)
      && strlen (name) > strlen (self->region))
    kop_name = g_strstrip (g_strndup (name, strlen (name) - strlen (self->region)));
  else
    kop_name = g_strdup (name);
  return g_utf8_strup (kop_name, -1);
}

static char *
strip_place_prefix (char *place)
{
  const char *prefixes[] = { "Kota ", "Kabupaten ", "Provinsi " };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (place, prefixes[i]))
      {
        char *stripped = g_strdup (place + strlen (prefixes[i]));

        g_free (place);
        return stripped;
      }
  return place;
}

char *
loket_agency_dup_city (LoketAgency *self)
{
  const char *address;
  const char *comma;

  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  address = string_member (self, "address");
  comma = address != NULL ? strrchr (address, ',') : NULL;
  if (comma != NULL)
    return strip_place_prefix (g_strstrip (g_strdup (comma + 1)));
  if (self->region != NULL)
    return strip_place_prefix (g_strdup (self->region));
  return g_strdup ("…");
}

char *
loket_agency_dup_contact_line (LoketAgency *self)
{
  const char *phone, *web;
  GString    *contact;

  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  phone = string_member (self, "phone");
  web = string_member (self, "web");
  contact = g_string_new (NULL);
  if (phone != NULL)
    g_string_append_printf (contact, "Telepon %s", phone);
  for (guint i = 0; self->emails[i] != NULL; i++)
    g_string_append_printf (contact, "%s%s%s", contact->len > 0 ? ", " : "",
                            i == 0 ? "Pos-el " : "", self->emails[i]);
  if (web != NULL)
    g_string_append_printf (contact, "%sLaman %s", contact->len > 0 ? ", " : "", web);
  if (contact->len == 0)
    {
      g_string_free (contact, TRUE);
      return NULL;
    }
  return g_string_free (contact, FALSE);
}

char *
loket_agency_dup_regional_head (LoketAgency *self)
{
  const char      *level;
  const char      *chief;
  g_autofree char *place = NULL;

  g_return_val_if_fail (LOKET_IS_AGENCY (self), NULL);
  level = string_member (self, "level");
  chief = g_strcmp0 (level, "provinsi") == 0 ? "Gubernur"
          : g_strcmp0 (level, "kota") == 0   ? "Wali Kota"
                                             : "Bupati";
  place = self->region != NULL ? strip_place_prefix (g_strdup (self->region)) : g_strdup ("…");
  return g_strdup_printf ("%s %s", chief, place);
}
