// SPDX-License-Identifier: GPL-3.0-or-later
// Letter-number registers: loading data/letters/registers.json, checking and filling templates.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-number-register.h"

#define REGISTERS_RESOURCE "/io/github/loketapp/Loket/numbering/registers.json"
#define MAX_TEMPLATE 200

LoketNumberRegister *
loket_number_register_copy (const LoketNumberRegister *reg)
{
  LoketNumberRegister *copy = g_new0 (LoketNumberRegister, 1);

  copy->agency_id = g_strdup (reg->agency_id);
  copy->id = g_strdup (reg->id);
  copy->name = g_strdup (reg->name);
  copy->template = g_strdup (reg->template);
  copy->klasifikasi = g_strdup (reg->klasifikasi);
  copy->unit = g_strdup (reg->unit);
  return copy;
}

void
loket_number_register_free (LoketNumberRegister *reg)
{
  if (reg == NULL)
    return;
  g_free (reg->agency_id);
  g_free (reg->id);
  g_free (reg->name);
  g_free (reg->template);
  g_free (reg->klasifikasi);
  g_free (reg->unit);
  g_free (reg);
}

gboolean
loket_number_klasifikasi_is_valid (const char *code)
{
  gboolean digit_seen = FALSE;

  if (code == NULL || *code == '\0' || strlen (code) > 40)
    return FALSE;
  for (const char *p = code; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit_seen = TRUE;
      else if (*p == '.' && digit_seen && p[1] != '\0')
        digit_seen = FALSE;
      else
        return FALSE;
    }
  return digit_seen;
}

typedef enum
{
  PART_LITERAL,
  PART_URUT,
  PART_KLASIFIKASI,
  PART_UNIT,
  PART_TAHUN,
  PART_BULAN,
  PART_BULAN_ROMAWI,
} PartKind;

/* Calls @func for each part of @template; FALSE with @error at the first problem. */
typedef void (*PartFunc) (PartKind kind, const char *text, gsize len, int width, gpointer data);

static gboolean
walk_template (const char *template, PartFunc func, gpointer data, GError **error)
{
  const char *p = template;
  guint       n_urut = 0;

  if (template == NULL || *template == '\0')
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("The number template is empty"));
      return FALSE;
    }
  if (strlen (template) > MAX_TEMPLATE || !g_utf8_validate (template, -1, NULL))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("The number template “%s” is too long or not UTF-8"), template);
      return FALSE;
    }
  while (*p != '\0')
    {
      const char *open = strpbrk (p, "{}");
      const char *close;
      g_autofree char *name = NULL;
      int width = 0;
      PartKind kind;

      if (open == NULL)
        open = p + strlen (p);
      for (const char *q = p; q < open; q++)
        if (g_ascii_iscntrl (*q))
          {
            g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                         _("The number template “%s” contains a control character"), template);
            return FALSE;
          }
      if (open > p && func != NULL)
        func (PART_LITERAL, p, (gsize) (open - p), 0, data);
      if (*open == '\0')
        break;
      close = *open == '{' ? strchr (open, '}') : NULL;
      if (close == NULL || memchr (open + 1, '{', (gsize) (close - open - 1)) != NULL)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _("The number template “%s” has an unbalanced brace"), template);
          return FALSE;
        }
      name = g_strndup (open + 1, (gsize) (close - open - 1));
      if (g_str_equal (name, "urut"))
        kind = PART_URUT;
      else if (g_str_has_prefix (name, "urut:") && strlen (name) == 6 && name[5] >= '1'
               && name[5] <= '9')
        {
          kind = PART_URUT;
          width = name[5] - '0';
        }
      else if (g_str_equal (name, "klasifikasi"))
        kind = PART_KLASIFIKASI;
      else if (g_str_equal (name, "unit"))
        kind = PART_UNIT;
      else if (g_str_equal (name, "tahun"))
        kind = PART_TAHUN;
      else if (g_str_equal (name, "bulan"))
        kind = PART_BULAN;
      else if (g_str_equal (name, "bulan_romawi"))
        kind = PART_BULAN_ROMAWI;
      else
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _("The number template “%s” uses an unknown field {%s}; known: {urut}, "
                         "{urut:N}, {klasifikasi}, {unit}, {tahun}, {bulan}, {bulan_romawi}"),
                       template, name);
          return FALSE;
        }
      if (kind == PART_URUT)
        n_urut++;
      if (func != NULL)
        func (kind, NULL, 0, width, data);
      p = close + 1;
    }
  if (n_urut != 1)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("The number template “%s” must contain {urut} exactly once"), template);
      return FALSE;
    }
  return TRUE;
}

gboolean
loket_number_template_check (const char *template, GError **error)
{
  return walk_template (template, NULL, NULL, error);
}

typedef struct
{
  const LoketNumberRegister *reg;
  const char                *klasifikasi;
  gint64                     urut;
  int                        year;
  int                        month;
  GString                   *out;
  const char                *missing; /* first field without a value */
} FormatState;

static void
format_part (PartKind kind, const char *text, gsize len, int width, gpointer data)
{
  static const char *const roman[]
    = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII" };
  FormatState *st = data;

  switch (kind)
    {
    case PART_LITERAL:
      g_string_append_len (st->out, text, (gssize) len);
      break;
    case PART_URUT:
      g_string_append_printf (st->out, "%0*" G_GINT64_FORMAT, width, st->urut);
      break;
    case PART_KLASIFIKASI:
      if (st->klasifikasi == NULL && st->missing == NULL)
        st->missing = "klasifikasi";
      g_string_append (st->out, st->klasifikasi != NULL ? st->klasifikasi : "");
      break;
    case PART_UNIT:
      if (st->reg->unit == NULL && st->missing == NULL)
        st->missing = "unit";
      g_string_append (st->out, st->reg->unit != NULL ? st->reg->unit : "");
      break;
    case PART_TAHUN:
      g_string_append_printf (st->out, "%d", st->year);
      break;
    case PART_BULAN:
      g_string_append_printf (st->out, "%02d", st->month);
      break;
    case PART_BULAN_ROMAWI:
      g_string_append (st->out, roman[CLAMP (st->month, 1, 12) - 1]);
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
loket_number_register_format (const LoketNumberRegister *reg,
                              gint64                     urut,
                              int                        year,
                              int                        month,
                              const char                *klasifikasi,
                              GError                   **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  FormatState st = { reg, klasifikasi != NULL ? klasifikasi : reg->klasifikasi, urut, year, month,
                     out, NULL };

  g_return_val_if_fail (reg != NULL, NULL);
  g_return_val_if_fail (urut >= 1 && month >= 1 && month <= 12, NULL);

  if (st.klasifikasi != NULL && !loket_number_klasifikasi_is_valid (st.klasifikasi))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("“%s” is not a classification code (digits in groups separated by dots, "
                     "e.g. 500.15.2)"),
                   st.klasifikasi);
      return NULL;
    }
  if (!walk_template (reg->template, format_part, &st, error))
    return NULL;
  if (st.missing != NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("The register “%s” needs a value for {%s}"), reg->id, st.missing);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
optional_string (JsonObject *obj, const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return g_strdup ("");
  return g_strdup (json_node_get_string (node));
}

static LoketNumberRegister *
parse_register (JsonNode *node, guint index, GError **error)
{
  g_autoptr (LoketNumberRegister) reg = g_new0 (LoketNumberRegister, 1);
  JsonObject *obj;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("Register %u is not a JSON object"), index + 1);
      return NULL;
    }
  obj = json_node_get_object (node);
  reg->agency_id = optional_string (obj, "agency");
  reg->id = optional_string (obj, "id");
  reg->name = optional_string (obj, "name");
  reg->template = optional_string (obj, "template");
  reg->klasifikasi = optional_string (obj, "klasifikasi");
  reg->unit = optional_string (obj, "unit");
  if (reg->agency_id == NULL || *reg->agency_id == '\0' || reg->id == NULL || *reg->id == '\0')
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("Register %u needs an “agency” and an “id”"), index + 1);
      return NULL;
    }
  if (reg->template == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("Register “%s” of %s has no “template”"), reg->id, reg->agency_id);
      return NULL;
    }
  if (!loket_number_template_check (reg->template, error))
    {
      g_prefix_error (error, _("Register “%s” of %s: "), reg->id, reg->agency_id);
      return NULL;
    }
  if (reg->klasifikasi != NULL && !loket_number_klasifikasi_is_valid (reg->klasifikasi))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("Register “%s” of %s: “%s” is not a classification code"), reg->id,
                   reg->agency_id, reg->klasifikasi);
      return NULL;
    }
  if (reg->unit != NULL && (*reg->unit == '\0' || strpbrk (reg->unit, "{}") != NULL))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("Register “%s” of %s has an empty or invalid “unit”"), reg->id,
                   reg->agency_id);
      return NULL;
    }
  return g_steal_pointer (&reg);
}

GPtrArray *
loket_number_registers_load_json (const char *json, gssize length, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GPtrArray) out
    = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_number_register_free);
  g_autoptr (GError) local_error = NULL;
  JsonNode  *root;
  JsonNode  *list;

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("The registers file is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  list = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
           ? json_object_get_member (json_node_get_object (root), "registers")
           : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("The registers file needs a “registers” array"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      LoketNumberRegister *reg
        = parse_register (json_array_get_element (json_node_get_array (list), i), i, error);

      if (reg == NULL)
        return NULL;
      if (loket_number_registers_lookup (out, reg->agency_id, reg->id) != NULL)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _("Register “%s” of %s appears twice"), reg->id, reg->agency_id);
          loket_number_register_free (reg);
          return NULL;
        }
      g_ptr_array_add (out, reg);
    }
  return g_steal_pointer (&out);
}

GPtrArray *
loket_number_registers_new_default (GError **error)
{
  const char *path = g_getenv ("LOKET_REGISTERS_FILE");
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (path != NULL && *path != '\0')
    {
      if (!g_file_get_contents (path, &contents, &len, error))
        return NULL;
      return loket_number_registers_load_json (contents, (gssize) len, error);
    }
  bytes = g_resources_lookup_data (REGISTERS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  return loket_number_registers_load_json (g_bytes_get_data (bytes, NULL),
                                           (gssize) g_bytes_get_size (bytes), error);
}

const LoketNumberRegister *
loket_number_registers_lookup (GPtrArray *registers, const char *agency_id,
                               const char *register_id)
{
  for (guint i = 0; registers != NULL && i < registers->len; i++)
    {
      const LoketNumberRegister *reg = registers->pdata[i];

      if (g_strcmp0 (reg->agency_id, agency_id) == 0 && g_strcmp0 (reg->id, register_id) == 0)
        return reg;
    }
  return NULL;
}
