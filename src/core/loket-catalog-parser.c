// SPDX-License-Identifier: GPL-3.0-or-later
// Strict reader of one catalog file (one agency and its services); see data/catalog/README.md.
#include "config.h"

#include "loket-catalog-parser.h"

#include "loket-catalog-private.h"
#include "loket-error.h"
#include "loket-service.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

typedef struct
{
  const char *file;
  GError    **error;
} Ctx;

static const char *const channel_codes[]
  = { "tatap_muka",         "surat",        "kotak_saran",
      "sp4n_lapor",         "online",       "rujukan_instansi",
      "laporan_masyarakat", "penjangkauan", NULL };

static const char *const letter_kinds[] = { "surat_keputusan",
                                            "rekomendasi",
                                            "surat_pengantar",
                                            "surat_jawaban",
                                            "surat_teguran",
                                            "surat_apresiasi",
                                            "surat_izin",
                                            "tanda_daftar",
                                            "kartu",
                                            "sertifikat",
                                            "laporan",
                                            "berita_acara",
                                            "none",
                                            "other",
                                            NULL };

static const char *const requirement_kinds[] = { "mandatory", "optional", "conditional", NULL };

static const char *const product_sources[] = { "produk_pelayanan", "procedure", "title", NULL };

static const char *const levels[] = { "provinsi", "kabupaten", "kota", NULL };

static const char *const top_members[] = { "schema_version", "agency", "services", NULL };
static const char *const agency_members[]
  = { "id",       "name",    "short_name",  "code",    "level",
      "region",   "address", "phone",       "web",     "email",
      "timezone", "decree",  "source_file", "defects", "complaint_channels",
      NULL };
static const char *const decree_members[] = { "number", "date", "date_text", NULL };
static const char *const service_members[] = { "id",
                                               "lampiran",
                                               "lampiran_inferred",
                                               "name",
                                               "name_source",
                                               "unit",
                                               "unit_inferred",
                                               "applicant_type",
                                               "channels",
                                               "requirements",
                                               "steps",
                                               "sla",
                                               "fee",
                                               "products",
                                               "complaint_channels",
                                               "legal_basis",
                                               "source",
                                               "defects",
                                               "retired",
                                               NULL };
static const char *const requirement_members[]
  = { "id", "text", "kind", "condition", "channel", "parent", "product_of", NULL };
static const char *const step_members[]
  = { "n", "channel", "text", "actor", "actor_inferred", NULL };
static const char *const sla_members[]
  = { "channel", "stage",       "value_min",   "value_max", "approximate",
      "unit",    "clock_start", "start_event", "text",      NULL };
static const char *const product_members[] = { "text", "letter_kind", "signed_by", "source", NULL };
static const char *const fee_members[] = { "text", "free", NULL };
static const char *const source_members[] = { "file", "lampiran", "line_start", "line_end", NULL };
static const char *const defect_members[] = { "code", "text", NULL };

void
_loket_catalog_set_error (GError    **error,
                          const char *file_name,
                          const char *path,
                          const char *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, "%s: %s: %s", file_name, path,
               message);
}

G_GNUC_PRINTF (3, 4)
static gboolean
invalid (Ctx *ctx, const char *path, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  _loket_catalog_set_error (ctx->error, ctx->file, path, "%s", message);
  return FALSE;
}

/* A member the schema does not know is a typo of one it does: reject it. */
static gboolean
check_members (Ctx *ctx, JsonObject *object, const char *path, const char *const *allowed)
{
  g_autoptr (GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *member_path = g_strdup_printf ("%s.%s", path, (const char *) l->data);
          return invalid (ctx, member_path, _ ("unknown member"));
        }
    }

  return TRUE;
}

/* Member readers. Each returns FALSE (with the error set) when the member breaks the rule. */

static gboolean
read_string (Ctx         *ctx,
             JsonObject  *object,
             const char  *path,
             const char  *name,
             gboolean     required,
             const char **out)
{
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);
  JsonNode        *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return invalid (ctx, member_path, _ ("missing required member"));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (ctx, member_path, _ ("expected a string"));

  *out = json_node_get_string (node);
  if (required && **out == '\0')
    return invalid (ctx, member_path, _ ("must not be empty"));

  return TRUE;
}

static gboolean
read_bool (Ctx        *ctx,
           JsonObject *object,
           const char *path,
           const char *name,
           gboolean    required,
           gboolean   *out)
{
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);
  JsonNode        *node = json_object_get_member (object, name);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return invalid (ctx, member_path, _ ("missing required member"));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (ctx, member_path, _ ("expected true or false"));

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_number (Ctx *ctx, JsonObject *object, const char *path, const char *name, double *out)
{
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);
  JsonNode        *node = json_object_get_member (object, name);
  GType            type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return invalid (ctx, member_path, _ ("missing required member"));

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return invalid (ctx, member_path, _ ("expected a number"));

  *out = json_node_get_double (node);
  if (*out < 0)
    return invalid (ctx, member_path, _ ("must not be negative"));

  return TRUE;
}

static gboolean
read_integer (Ctx *ctx, JsonObject *object, const char *path, const char *name, gint64 *out)
{
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);
  JsonNode        *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return invalid (ctx, member_path, _ ("missing required member"));
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (ctx, member_path, _ ("expected an integer"));

  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_object (Ctx *ctx, JsonObject *object, const char *path, const char *name, JsonObject **out)
{
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);
  JsonNode        *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return invalid (ctx, member_path, _ ("missing required member"));
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (ctx, member_path, _ ("expected an object"));

  *out = json_node_get_object (node);
  return TRUE;
}

/* An absent optional array reads as NULL. */
static gboolean
read_array (Ctx        *ctx,
            JsonObject *object,
            const char *path,
            const char *name,
            gboolean    required,
            JsonArray **out)
{
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);
  JsonNode        *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return invalid (ctx, member_path, _ ("missing required member"));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (ctx, member_path, _ ("expected an array"));

  *out = json_node_get_array (node);
  return TRUE;
}

/* Every element must be an object; returns it or sets the error. */
static JsonObject *
array_object (Ctx *ctx, JsonArray *array, guint i, const char *element_path)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (ctx, element_path, _ ("expected an object"));
      return NULL;
    }

  return json_node_get_object (node);
}

static gboolean
read_string_list (Ctx        *ctx,
                  JsonObject *object,
                  const char *path,
                  const char *name,
                  gboolean    required)
{
  JsonArray *array;

  if (!read_array (ctx, object, path, name, required, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *element_path = g_strdup_printf ("%s.%s[%u]", path, name, i);
          return invalid (ctx, element_path, _ ("expected a string"));
        }
    }

  return TRUE;
}

static gboolean
read_channel (Ctx               *ctx,
              JsonObject        *object,
              const char        *path,
              const char        *name,
              const char *const *service_channels,
              const char       **out)
{
  g_autofree char *member_path = g_strdup_printf ("%s.%s", path, name);

  if (!read_string (ctx, object, path, name, FALSE, out))
    return FALSE;
  if (*out == NULL)
    return TRUE;
  if (!g_strv_contains (channel_codes, *out))
    return invalid (ctx, member_path, _ ("unknown channel “%s”"), *out);
  if (!g_strv_contains (service_channels, *out))
    return invalid (ctx, member_path, _ ("channel “%s” is not one of the service’s channels"),
                    *out);

  return TRUE;
}

static gboolean
read_defects (Ctx *ctx, JsonObject *object, const char *path, GStrv *codes)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (!read_array (ctx, object, path, "defects", FALSE, &array))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = g_strdup_printf ("%s.defects[%u]", path, i);
      JsonObject      *defect = array_object (ctx, array, i, element_path);
      const char      *code, *text;

      if (defect == NULL || !check_members (ctx, defect, element_path, defect_members)
          || !read_string (ctx, defect, element_path, "code", TRUE, &code)
          || !read_string (ctx, defect, element_path, "text", TRUE, &text))
        return FALSE;

      g_strv_builder_add (builder, code);
    }

  if (codes != NULL)
    *codes = g_strv_builder_end (builder);

  return TRUE;
}

static gboolean
parse_agency (Ctx *ctx, JsonObject *agency)
{
  const char *path = "$.agency";
  const char *value;
  JsonObject *decree;

  if (!check_members (ctx, agency, path, agency_members)
      || !read_string (ctx, agency, path, "id", TRUE, &value))
    return FALSE;
  if (strchr (value, '/') != NULL)
    return invalid (ctx, "$.agency.id", _ ("an agency id must not contain “/”"));

  if (!read_string (ctx, agency, path, "name", TRUE, &value)
      || !read_string (ctx, agency, path, "short_name", TRUE, &value)
      || !read_string (ctx, agency, path, "code", TRUE, &value)
      || !read_string (ctx, agency, path, "timezone", TRUE, &value)
      || !read_string (ctx, agency, path, "source_file", TRUE, &value)
      || !read_string (ctx, agency, path, "region", FALSE, &value)
      || !read_string (ctx, agency, path, "address", FALSE, &value)
      || !read_string (ctx, agency, path, "phone", FALSE, &value)
      || !read_string (ctx, agency, path, "web", FALSE, &value)
      || !read_string_list (ctx, agency, path, "email", FALSE)
      || !read_string_list (ctx, agency, path, "complaint_channels", FALSE)
      || !read_defects (ctx, agency, path, NULL))
    return FALSE;

  if (!read_string (ctx, agency, path, "level", TRUE, &value))
    return FALSE;
  if (!g_strv_contains (levels, value))
    return invalid (ctx, "$.agency.level", _ ("unknown level “%s”"), value);

  if (!read_object (ctx, agency, path, "decree", &decree)
      || !check_members (ctx, decree, "$.agency.decree", decree_members)
      || !read_string (ctx, decree, "$.agency.decree", "number", TRUE, &value)
      || !read_string (ctx, decree, "$.agency.decree", "date", FALSE, &value)
      || !read_string (ctx, decree, "$.agency.decree", "date_text", FALSE, &value))
    return FALSE;

  return TRUE;
}

static gboolean
parse_requirements (Ctx               *ctx,
                    LoketService      *service,
                    JsonObject        *object,
                    const char        *path,
                    const char *const *channels)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (!read_array (ctx, object, path, "requirements", TRUE, &array))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.requirements[%u]", path, i);
      g_autoptr (LoketRequirement) requirement = NULL;
      JsonObject          *item = array_object (ctx, array, i, item_path);
      const char          *id, *text, *kind_text, *condition, *channel, *parent, *product_of;
      LoketRequirementKind kind;

      if (item == NULL || !check_members (ctx, item, item_path, requirement_members)
          || !read_string (ctx, item, item_path, "id", TRUE, &id)
          || !read_string (ctx, item, item_path, "text", TRUE, &text)
          || !read_string (ctx, item, item_path, "kind", TRUE, &kind_text)
          || !read_string (ctx, item, item_path, "condition", FALSE, &condition)
          || !read_channel (ctx, item, item_path, "channel", channels, &channel)
          || !read_string (ctx, item, item_path, "parent", FALSE, &parent)
          || !read_string (ctx, item, item_path, "product_of", FALSE, &product_of))
        return FALSE;

      if (g_hash_table_contains (seen, id))
        {
          g_autofree char *id_path = g_strdup_printf ("%s.id", item_path);
          return invalid (ctx, id_path, _ ("duplicate requirement id “%s”"), id);
        }
      if (!g_strv_contains (requirement_kinds, kind_text))
        {
          g_autofree char *kind_path = g_strdup_printf ("%s.kind", item_path);
          return invalid (ctx, kind_path, _ ("unknown requirement kind “%s”"), kind_text);
        }
      kind = g_str_equal (kind_text, "mandatory")  ? LOKET_REQUIREMENT_MANDATORY
             : g_str_equal (kind_text, "optional") ? LOKET_REQUIREMENT_OPTIONAL
                                                   : LOKET_REQUIREMENT_CONDITIONAL;
      if (kind == LOKET_REQUIREMENT_CONDITIONAL && condition == NULL)
        {
          g_autofree char *condition_path = g_strdup_printf ("%s.condition", item_path);
          return invalid (ctx, condition_path, _ ("a conditional requirement needs a condition"));
        }
      if (parent != NULL && !g_hash_table_contains (seen, parent))
        {
          g_autofree char *parent_path = g_strdup_printf ("%s.parent", item_path);
          return invalid (ctx, parent_path,
                          _ ("parent “%s” is not an earlier requirement of the service"), parent);
        }

      g_hash_table_add (seen, (gpointer) id);
      requirement = _loket_requirement_new (id, text, kind, condition, channel, parent, product_of);
      _loket_service_add_requirement (service, requirement);
    }

  return TRUE;
}

static gboolean
parse_steps (Ctx *ctx, JsonObject *object, const char *path, const char *const *channels)
{
  JsonArray *array;

  if (!read_array (ctx, object, path, "steps", TRUE, &array))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.steps[%u]", path, i);
      JsonObject      *item = array_object (ctx, array, i, item_path);
      const char      *channel, *text, *actor;
      gboolean         actor_inferred;
      gint64           n;

      if (item == NULL || !check_members (ctx, item, item_path, step_members)
          || !read_integer (ctx, item, item_path, "n", &n)
          || !read_channel (ctx, item, item_path, "channel", channels, &channel)
          || !read_string (ctx, item, item_path, "text", TRUE, &text)
          || !read_string (ctx, item, item_path, "actor", FALSE, &actor)
          || !read_bool (ctx, item, item_path, "actor_inferred", FALSE, &actor_inferred))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_sla (Ctx               *ctx,
           LoketService      *service,
           JsonObject        *object,
           const char        *path,
           const char *const *channels)
{
  JsonArray *array;

  if (!read_array (ctx, object, path, "sla", TRUE, &array))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.sla[%u]", path, i);
      g_autoptr (LoketSlaClause) clause = loket_sla_clause_new ();
      JsonObject *item = array_object (ctx, array, i, item_path);
      const char *channel, *stage, *unit, *clock_start, *start_event, *text;

      if (item == NULL || !check_members (ctx, item, item_path, sla_members)
          || !read_channel (ctx, item, item_path, "channel", channels, &channel)
          || !read_string (ctx, item, item_path, "stage", FALSE, &stage)
          || !read_number (ctx, item, item_path, "value_min", &clause->value_min)
          || !read_number (ctx, item, item_path, "value_max", &clause->value_max)
          || !read_bool (ctx, item, item_path, "approximate", FALSE, &clause->approximate)
          || !read_string (ctx, item, item_path, "unit", TRUE, &unit)
          || !read_string (ctx, item, item_path, "clock_start", TRUE, &clock_start)
          || !read_string (ctx, item, item_path, "start_event", FALSE, &start_event)
          || !read_string (ctx, item, item_path, "text", TRUE, &text))
        return FALSE;

      if (!loket_sla_unit_from_string (unit, &clause->unit))
        {
          g_autofree char *unit_path = g_strdup_printf ("%s.unit", item_path);
          return invalid (ctx, unit_path, _ ("unknown unit “%s”"), unit);
        }
      if (!loket_sla_clock_start_from_string (clock_start, &clause->clock_start))
        {
          g_autofree char *clock_path = g_strdup_printf ("%s.clock_start", item_path);
          return invalid (ctx, clock_path, _ ("unknown clock start “%s”"), clock_start);
        }
      if (clause->clock_start == LOKET_SLA_START_EVENT && start_event == NULL)
        {
          g_autofree char *event_path = g_strdup_printf ("%s.start_event", item_path);
          return invalid (ctx, event_path, _ ("a clock that starts at an event needs start_event"));
        }
      if (clause->value_max < clause->value_min)
        {
          g_autofree char *max_path = g_strdup_printf ("%s.value_max", item_path);
          return invalid (ctx, max_path, _ ("value_max is less than value_min"));
        }

      clause->channel = g_strdup (channel);
      clause->stage = g_strdup (stage);
      clause->start_event = g_strdup (start_event);
      clause->text = g_strdup (text);
      _loket_service_take_sla_clause (service, g_steal_pointer (&clause));
    }

  return TRUE;
}

static gboolean
parse_products (Ctx *ctx, LoketService *service, JsonObject *object, const char *path)
{
  g_autoptr (GStrvBuilder) kinds = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (!read_array (ctx, object, path, "products", TRUE, &array))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.products[%u]", path, i);
      JsonObject      *item = array_object (ctx, array, i, item_path);
      const char      *text, *kind, *signed_by, *source;

      if (item == NULL || !check_members (ctx, item, item_path, product_members)
          || !read_string (ctx, item, item_path, "text", TRUE, &text)
          || !read_string (ctx, item, item_path, "letter_kind", TRUE, &kind)
          || !read_string (ctx, item, item_path, "signed_by", FALSE, &signed_by)
          || !read_string (ctx, item, item_path, "source", TRUE, &source))
        return FALSE;

      if (!g_strv_contains (letter_kinds, kind))
        {
          g_autofree char *kind_path = g_strdup_printf ("%s.letter_kind", item_path);
          return invalid (ctx, kind_path, _ ("unknown letter kind “%s”"), kind);
        }
      if (!g_strv_contains (product_sources, source))
        {
          g_autofree char *source_path = g_strdup_printf ("%s.source", item_path);
          return invalid (ctx, source_path, _ ("unknown product source “%s”"), source);
        }

      if (g_hash_table_add (seen, (gpointer) kind))
        g_strv_builder_add (kinds, kind);
    }

  _loket_service_take_product_kinds (service, g_strv_builder_end (kinds));
  return TRUE;
}

static gboolean
parse_channels (Ctx *ctx, LoketService *service, JsonObject *object, const char *path)
{
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *member_path = g_strdup_printf ("%s.channels", path);
  JsonArray       *array;

  if (!read_array (ctx, object, path, "channels", TRUE, &array))
    return FALSE;
  if (json_array_get_length (array) == 0)
    return invalid (ctx, member_path, _ ("a service needs at least one channel"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = g_strdup_printf ("%s.channels[%u]", path, i);
      JsonNode        *node = json_array_get_element (array, i);
      const char      *code;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return invalid (ctx, element_path, _ ("expected a string"));

      code = json_node_get_string (node);
      if (!g_strv_contains (channel_codes, code))
        return invalid (ctx, element_path, _ ("unknown channel “%s”"), code);
      if (g_ptr_array_find_with_equal_func (codes, code, g_str_equal, NULL))
        return invalid (ctx, element_path, _ ("duplicate channel “%s”"), code);

      g_ptr_array_add (codes, g_strdup (code));
    }

  g_ptr_array_add (codes, NULL);
  _loket_service_take_channels (service, (GStrv) g_ptr_array_steal (codes, NULL));
  return TRUE;
}

static LoketService *
parse_service (Ctx *ctx, JsonObject *object, const char *path, guint index, const char *agency_id)
{
  g_autoptr (LoketService) service = _loket_service_new (object, agency_id, ctx->file, index);
  g_autofree char *prefix = g_strconcat (agency_id, "/", NULL);
  g_auto (GStrv) defects = NULL;
  const char        *value, *unit;
  const char *const *channels;
  gboolean           flag;
  JsonObject        *fee, *source;
  gint64             line;

  if (!check_members (ctx, object, path, service_members)
      || !read_string (ctx, object, path, "id", TRUE, &value))
    return NULL;
  if (!g_str_has_prefix (value, prefix) || value[strlen (prefix)] == '\0')
    {
      g_autofree char *id_path = g_strdup_printf ("%s.id", path);
      invalid (ctx, id_path, _ ("service id “%s” does not start with “%s”"), value, prefix);
      return NULL;
    }

  if (!read_string (ctx, object, path, "lampiran", TRUE, &value)
      || !read_bool (ctx, object, path, "lampiran_inferred", FALSE, &flag)
      || !read_string (ctx, object, path, "name", TRUE, &value)
      || !read_string (ctx, object, path, "name_source", TRUE, &value)
      || !read_string (ctx, object, path, "unit", TRUE, &unit)
      || !read_bool (ctx, object, path, "unit_inferred", TRUE, &flag)
      || !read_bool (ctx, object, path, "retired", FALSE, &flag)
      || !read_string (ctx, object, path, "applicant_type", FALSE, &value))
    return NULL;

  if (!g_str_equal (unit, agency_id) && !g_str_has_prefix (unit, prefix))
    {
      g_autofree char *unit_path = g_strdup_printf ("%s.unit", path);
      invalid (ctx, unit_path, _ ("unit “%s” is not a unit of agency “%s”"), unit, agency_id);
      return NULL;
    }

  if (!parse_channels (ctx, service, object, path))
    return NULL;
  channels = loket_service_get_channels (service);

  if (!parse_requirements (ctx, service, object, path, channels)
      || !parse_steps (ctx, object, path, channels)
      || !parse_sla (ctx, service, object, path, channels)
      || !parse_products (ctx, service, object, path))
    return NULL;

  if (!read_object (ctx, object, path, "fee", &fee))
    return NULL;
  {
    g_autofree char *fee_path = g_strdup_printf ("%s.fee", path);

    if (!check_members (ctx, fee, fee_path, fee_members)
        || !read_string (ctx, fee, fee_path, "text", TRUE, &value)
        || !read_bool (ctx, fee, fee_path, "free", TRUE, &flag))
      return NULL;
  }

  if (!read_string_list (ctx, object, path, "complaint_channels", FALSE)
      || !read_string_list (ctx, object, path, "legal_basis", FALSE)
      || !read_object (ctx, object, path, "source", &source))
    return NULL;
  {
    g_autofree char *source_path = g_strdup_printf ("%s.source", path);

    if (!check_members (ctx, source, source_path, source_members)
        || !read_string (ctx, source, source_path, "file", TRUE, &value)
        || !read_string (ctx, source, source_path, "lampiran", TRUE, &value)
        || !read_integer (ctx, source, source_path, "line_start", &line)
        || !read_integer (ctx, source, source_path, "line_end", &line))
      return NULL;
  }

  if (!read_defects (ctx, object, path, &defects))
    return NULL;
  _loket_service_take_defects (service, g_steal_pointer (&defects));

  return g_steal_pointer (&service);
}

gboolean
_loket_catalog_parse (const char   *file_name,
                      const char   *data,
                      gsize         length,
                      LoketAgency **agency,
                      GPtrArray   **services,
                      GError      **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) local_error = NULL;
  Ctx         ctx = { file_name, error };
  JsonNode   *root;
  JsonObject *top, *agency_object;
  JsonArray  *array;
  gint64      version;
  const char *agency_id;

  g_return_val_if_fail (file_name != NULL, FALSE);
  g_return_val_if_fail (agency != NULL && services != NULL, FALSE);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    return invalid (&ctx, "$", _ ("not valid JSON: %s"), local_error->message);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (&ctx, "$", _ ("expected an object"));
  top = json_node_get_object (root);

  if (!check_members (&ctx, top, "$", top_members)
      || !read_integer (&ctx, top, "$", "schema_version", &version))
    return FALSE;
  if (version != 1)
    return invalid (&ctx, "$.schema_version", _ ("unsupported schema version %lld"),
                    (long long) version);

  if (!read_object (&ctx, top, "$", "agency", &agency_object)
      || !parse_agency (&ctx, agency_object))
    return FALSE;
  agency_id = json_object_get_string_member (agency_object, "id");

  if (!read_array (&ctx, top, "$", "services", TRUE, &array))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.services[%u]", i);
      JsonObject      *object = array_object (&ctx, array, i, path);
      LoketService    *service;

      if (object == NULL)
        return FALSE;

      service = parse_service (&ctx, object, path, i, agency_id);
      if (service == NULL)
        return FALSE;
      g_ptr_array_add (result, service);

      if (!g_hash_table_add (seen, (gpointer) loket_service_get_id (service)))
        {
          g_autofree char *id_path = g_strdup_printf ("%s.id", path);
          return invalid (&ctx, id_path, _ ("duplicate service id “%s”"),
                          loket_service_get_id (service));
        }
    }

  *agency = _loket_agency_new (agency_object, file_name);
  *services = g_steal_pointer (&result);
  return TRUE;
}
