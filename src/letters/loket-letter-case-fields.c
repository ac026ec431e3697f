// SPDX-License-Identifier: GPL-3.0-or-later
// Fills the letter fields from a case, its events, the catalog, the work calendar and the org
// chart.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-event.h"
#include "loket-letter-case-fields.h"
#include "loket-letter-office.h"
#include "loket-letter-date.h"
#include "loket-letter-template.h"

/* The service members that LoketService has no getter for (its complaint channels), read once
 * per catalog from its public JSON form. The agency's come from LoketAgency's getters. */
typedef struct
{
  GHashTable *services; /* id → JsonObject */
  JsonNode   *root;
} CatalogExtras;

static void
catalog_extras_free (gpointer data)
{
  CatalogExtras *extras = data;

  g_hash_table_unref (extras->services);
  json_node_unref (extras->root);
  g_free (extras);
}

static CatalogExtras *
catalog_extras (LoketServiceCatalog *catalog)
{
  static GMutex  lock;
  CatalogExtras *extras;

  g_mutex_lock (&lock);
  extras = g_object_get_data (G_OBJECT (catalog), "loket-letters-extras");
  if (extras == NULL)
    {
      g_autofree char *json = loket_service_catalog_to_json (catalog);
      JsonArray       *agencies;

      extras = g_new0 (CatalogExtras, 1);
      extras->services = g_hash_table_new (g_str_hash, g_str_equal);
      extras->root = json_from_string (json, NULL);
      agencies = extras->root != NULL
                   ? json_object_get_array_member (json_node_get_object (extras->root), "agencies")
                   : NULL;
      if (extras->root == NULL)
        extras->root = json_node_new (JSON_NODE_NULL);
      for (guint i = 0; agencies != NULL && i < json_array_get_length (agencies); i++)
        {
          JsonObject *agency = json_array_get_object_element (agencies, i);
          JsonArray  *services = json_object_get_array_member (agency, "services");

          for (guint j = 0; services != NULL && j < json_array_get_length (services); j++)
            {
              JsonObject *service = json_array_get_object_element (services, j);
              g_hash_table_insert (extras->services,
                                   (gpointer) json_object_get_string_member (service, "id"),
                                   service);
            }
        }
      g_object_set_data_full (G_OBJECT (catalog), "loket-letters-extras", extras,
                              catalog_extras_free);
    }
  g_mutex_unlock (&lock);
  return extras;
}

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
upper (const char *text)
{
  return text != NULL ? g_utf8_strup (text, -1) : NULL;
}

static const char *
channel_name (const char *channel)
{
  static const char *const names[][2] = {
    { "tatap_muka", "Tatap muka" },
    { "surat", "Surat" },
    { "kotak_saran", "Kotak saran" },
    { "sp4n_lapor", "SP4N-LAPOR!" },
    { "online", "Daring (online)" },
    { "rujukan_instansi", "Rujukan instansi" },
    { "laporan_masyarakat", "Laporan masyarakat" },
    { "penjangkauan", "Penjangkauan" },
    { "email", "Surat elektronik (e-mail)" },
    { "telepon", "Telepon" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (channel, names[i][0]) == 0)
      return names[i][1];
  return channel != NULL ? channel : "-";
}

static const char *
unit_name (LoketSlaUnit unit)
{
  static const char *const names[]
    = { "menit", "jam",   "jam pelajaran",   "hari", "hari kerja", "minggu",
        "bulan", "tahun", "sesuai kebutuhan" };
  return unit <= LOKET_SLA_UNIT_UNSPECIFIED ? names[unit] : "";
}

static char *
format_value (double value)
{
  return g_strdup_printf ("%g", value);
}

static char *
sla_text (const LoketSlaClause *clause)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;

  if (clause == NULL || clause->unit == LOKET_SLA_UNIT_UNSPECIFIED)
    return g_strdup ("Sesuai kebutuhan (tanpa batas waktu tertentu)");
  min = format_value (clause->value_min);
  max = format_value (clause->value_max);
  if (clause->value_max > clause->value_min)
    return g_strdup_printf ("%s%s–%s %s", clause->approximate ? "± " : "", min, max,
                            unit_name (clause->unit));
  return g_strdup_printf ("%s%s %s", clause->approximate ? "± " : "", max,
                          unit_name (clause->unit));
}

static gint64
parse_time (JsonObject *body, const char *member)
{
  const char *text = member_string (body, member);
  g_autoptr (GDateTime) dt = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static void
set_date (LoketLetterFields *f, const char *prefix, gint64 unix_s, const char *tz)
{
  g_autoptr (GDateTime) dt = loket_letter_local_time (unix_s, tz);
  g_autofree char *date_name = g_strconcat (prefix, "_date", NULL);
  g_autofree char *time_name = g_strconcat (prefix, "_time", NULL);
  g_autofree char *day_name = g_strconcat (prefix, "_day", NULL);

  loket_letter_fields_take (f, date_name, loket_letter_format_date (dt));
  loket_letter_fields_take (f, time_name, loket_letter_format_time (dt));
  loket_letter_fields_set (f, day_name, loket_letter_weekday_name (dt));
}

static void
fill_agency (LoketLetterFields *f, LoketAgency *agency, LoketOrgChart *org)
{
  const char          *region = loket_agency_get_region (agency);
  const char          *name = loket_agency_get_name (agency);
  const char          *address = loket_agency_get_address (agency);
  const char          *agency_id = loket_agency_get_id (agency);
  const LoketPosition *head
    = org != NULL ? loket_org_chart_get_head_position (org, agency_id) : NULL;

  loket_letter_fields_set (f, "agency_name", name);
  loket_letter_fields_take (f, "agency_name_upper", upper (name));
  loket_letter_fields_set (f, "agency_short_name", loket_agency_get_short_name (agency));
  loket_letter_fields_set (f, "agency_code", loket_agency_get_code (agency));
  loket_letter_fields_set (f, "agency_address", address != NULL ? address : "");
  loket_letter_fields_set (f, "region", region != NULL ? region : "");
  loket_letter_fields_take (f, "region_upper", upper (region != NULL ? region : ""));
  loket_letter_fields_take (f, "government", loket_agency_dup_government_line (agency));
  loket_letter_fields_take (f, "city", loket_agency_dup_city (agency));
  loket_letter_fields_take (f, "regional_head", loket_agency_dup_regional_head (agency));
  if (loket_agency_get_decree_number (agency) != NULL)
    {
      loket_letter_fields_set (f, "standard_decree_number",
                               loket_agency_get_decree_number (agency));
      loket_letter_fields_set (f, "standard_decree_date",
                               loket_agency_get_decree_date_text (agency));
    }
  loket_letter_fields_take (f, "agency_kop_name", loket_agency_dup_kop_name (agency));
  loket_letter_fields_take (f, "agency_contact", loket_agency_dup_contact_line (agency));

  {
    g_autofree char *title = NULL;

    if (head != NULL && region != NULL && strstr (head->title, region) == NULL)
      title = g_strdup_printf ("%s %s", head->title, region);
    else if (head != NULL)
      title = g_strdup (head->title);
    else
      title = g_strdup_printf ("Kepala %s", name);
    loket_letter_fields_set (f, "head_title", title);
    loket_letter_fields_take (f, "head_title_upper", upper (title));
    loket_letter_fields_take (f, "signer_principal", upper (title));
  }
  if (head != NULL)
    {
      g_autoptr (GPtrArray) holders = loket_org_chart_get_holders (org, head->id);

      if (holders->len > 0)
        {
          const LoketPerson *person = g_ptr_array_index (holders, 0);

          loket_letter_fields_set (f, "signer_name", person->name);
          loket_letter_fields_take (f, "signer_name_plain",
                                    loket_letter_name_without_titles (person->name));
          loket_letter_fields_set (f, "signer_nip", person->nip);
          if (person->rank != NULL)
            loket_letter_fields_take (f, "signer_rank",
                                      person->grade != NULL
                                        ? g_strdup_printf ("%s (%s)", person->rank, person->grade)
                                        : g_strdup (person->rank));
        }
    }
}

static void
fill_parties (LoketLetterFields *f, JsonObject *registered)
{
  JsonArray *parties = registered != NULL && json_object_has_member (registered, "parties")
                         ? json_object_get_array_member (registered, "parties")
                         : NULL;

  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonObject      *party = json_array_get_object_element (parties, i);
      gboolean         person = g_strcmp0 (member_string (party, "kind"), "person") == 0;
      const char      *name = member_string (party, "name");
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *identity = NULL;
      g_autoptr (GString) where = g_string_new (member_string (party, "address"));
      const char *phone = member_string (party, "phone");
      const char *email = member_string (party, "email");
      const char *cells[5];

      if (party == NULL)
        continue;
      if (person)
        identity = g_strdup_printf (
          "NIK %s", member_string (party, "nik") ? member_string (party, "nik") : "-");
      else if (member_string (party, "legal_number") != NULL)
        identity = g_strdup_printf ("Badan hukum %s", member_string (party, "legal_number"));
      else
        identity = g_strdup ("Organisasi");
      if (!person && member_string (party, "contact_person") != NULL)
        g_string_append_printf (where, "%sNarahubung: %s", where->len > 0 ? "; " : "",
                                member_string (party, "contact_person"));
      if (phone != NULL)
        g_string_append_printf (where, "%sTelp. %s", where->len > 0 ? "; " : "", phone);
      if (email != NULL)
        g_string_append_printf (where, "%s%s", where->len > 0 ? "; " : "", email);

      cells[0] = number;
      cells[1] = name != NULL ? name : "-";
      cells[2] = identity;
      cells[3] = where->len > 0 ? where->str : "-";
      cells[4] = NULL;
      loket_letter_fields_add_row (f, "parties", cells);
      if (i == 0)
        {
          loket_letter_fields_set (f, "applicant_address", member_string (party, "address"));
          loket_letter_fields_set (f, "applicant_kind",
                                   person ? "Perseorangan" : "Organisasi/Badan");
          if (phone != NULL || email != NULL)
            loket_letter_fields_take (
              f, "applicant_contact",
              g_strjoin (", ", phone != NULL ? phone : email, phone != NULL ? email : NULL, NULL));
          if (!person)
            loket_letter_fields_set (f, "applicant_legal_number",
                                     member_string (party, "legal_number"));
        }
    }
}

static int
compare_events (gconstpointer a, gconstpointer b)
{
  return loket_event_compare (*(LoketEvent *const *) a, *(LoketEvent *const *) b);
}

typedef struct
{
  gboolean satisfied;
  guint    n_files;
} Check;

static const char *
requirement_kind_name (LoketRequirementKind kind)
{
  switch (kind)
    {
      case LOKET_REQUIREMENT_MANDATORY:
        return "Wajib";
      case LOKET_REQUIREMENT_OPTIONAL:
        return "Pilihan";
      case LOKET_REQUIREMENT_CONDITIONAL:
        return "Bersyarat";
      default:
        return "-";
    }
}

static void
fill_requirements (LoketLetterFields *f,
                   LoketService      *service,
                   const char        *channel,
                   GHashTable        *checks,
                   JsonObject        *returned)
{
  g_autoptr (GPtrArray) requirements = loket_service_get_requirements (service, channel);
  JsonArray *missing = returned != NULL && json_object_has_member (returned, "missing")
                           && JSON_NODE_HOLDS_ARRAY (json_object_get_member (returned, "missing"))
                         ? json_object_get_array_member (returned, "missing")
                         : NULL;
  guint      n_missing = 0;

  for (guint i = 0; i < requirements->len; i++)
    {
      LoketRequirement *req = g_ptr_array_index (requirements, i);
      Check            *check = g_hash_table_lookup (checks, loket_requirement_get_id (req));
      g_autofree char  *number = g_strdup_printf ("%u", i + 1);
      g_autofree char  *handed = NULL;
      g_autofree char  *text = NULL;
      const char       *cells[5];
      gboolean          is_missing = FALSE;

      if (check != NULL && check->satisfied)
        handed = check->n_files > 0 ? g_strdup_printf ("Ada (%u berkas)", check->n_files)
                                    : g_strdup ("Ada");
      else
        handed = g_strdup (check != NULL ? "Tidak ada" : "Belum diperiksa");
      if (loket_requirement_get_condition (req) != NULL)
        text = g_strdup_printf ("%s (%s)", loket_requirement_get_text (req),
                                loket_requirement_get_condition (req));
      else
        text = g_strdup (loket_requirement_get_text (req));
      cells[0] = number;
      cells[1] = text;
      cells[2] = requirement_kind_name (loket_requirement_get_kind (req));
      cells[3] = handed;
      cells[4] = NULL;
      loket_letter_fields_add_row (f, "requirements", cells);

      if (missing != NULL && json_array_get_length (missing) > 0)
        {
          for (guint j = 0; j < json_array_get_length (missing); j++)
            if (g_strcmp0 (json_array_get_string_element (missing, j),
                           loket_requirement_get_id (req))
                == 0)
              is_missing = TRUE;
        }
      else
        is_missing = loket_requirement_get_kind (req) == LOKET_REQUIREMENT_MANDATORY
                     && (check == NULL || !check->satisfied);
      if (is_missing)
        {
          g_autofree char *n = g_strdup_printf ("%u", ++n_missing);
          const char      *row[] = { n, text, NULL };
          loket_letter_fields_add_row (f, "missing", row);
        }
    }
  if (n_missing == 0)
    {
      const char *row[] = { "1", "(tidak ada persyaratan yang dicatat kurang)", NULL };
      loket_letter_fields_add_row (f, "missing", row);
    }
}

static void
fill_deadline (LoketLetterFields *f, LoketCase *kase, LoketService *service, const char *tz)
{
  const LoketSlaClause *clause
    = loket_service_get_deadline_clause (service, loket_case_get_channel (kase));
  g_autofree char *sla = sla_text (clause);
  gint64           due = loket_case_get_due_at (kase);
  LoketCaseStatus  status = loket_case_get_status (kase);
  char            *text;

  loket_letter_fields_set (f, "sla_text", sla);
  if (clause == NULL || clause->unit == LOKET_SLA_UNIT_UNSPECIFIED)
    text = g_strdup (sla);
  else if (due != 0)
    {
      g_autoptr (GDateTime) dt = loket_letter_local_time (due, tz);
      g_autofree char *date = loket_letter_format_date (dt);
      gboolean         hours = clause->unit <= LOKET_SLA_UNIT_LESSON_HOUR;
      g_autofree char *time = hours ? loket_letter_format_time (dt) : NULL;

      loket_letter_fields_set (f, "deadline_date", date);
      text = hours ? g_strdup_printf ("%s, paling lambat %s, %s pukul %s", sla,
                                      loket_letter_weekday_name (dt), date, time)
                   : g_strdup_printf ("%s, paling lambat %s, %s", sla,
                                      loket_letter_weekday_name (dt), date);
    }
  else if (status == LOKET_CASE_STATUS_INCOMPLETE || status == LOKET_CASE_STATUS_PAUSED)
    text = g_strdup_printf ("%s; waktu layanan berhenti selama berkas dikembalikan atau ditunda, "
                            "dan dilanjutkan setelah berkas dinyatakan lengkap",
                            sla);
  else if (clause->clock_start == LOKET_SLA_START_COMPLETE
           && loket_case_get_complete_at (kase) == 0)
    text = g_strdup_printf ("%s, dihitung sejak berkas dinyatakan lengkap", sla);
  else if (clause->clock_start == LOKET_SLA_START_EVENT)
    text = g_strdup_printf ("%s, dihitung sejak %s", sla,
                            clause->start_event != NULL ? clause->start_event : "tahap dimulai");
  else
    text = g_strdup (sla);
  loket_letter_fields_take (f, "deadline_text", text);
}

static void
fill_complaints (LoketLetterFields *f, JsonObject *service_extra, LoketAgency *agency)
{
  JsonNode *node
    = service_extra != NULL ? json_object_get_member (service_extra, "complaint_channels") : NULL;
  JsonArray *array
    = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  const char *const *channels = loket_agency_get_complaint_channels (agency);

  /* the service's own channels first, else the agency's */
  if (array != NULL && json_array_get_length (array) > 0)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *row[] = { json_array_get_string_element (array, i), NULL };
          loket_letter_fields_add_row (f, "complaints", row);
        }
      return;
    }
  if (channels[0] != NULL)
    {
      for (guint i = 0; channels[i] != NULL; i++)
        {
          const char *row[] = { channels[i], NULL };
          loket_letter_fields_add_row (f, "complaints", row);
        }
      return;
    }
  {
    const char *row[] = { "Melalui SP4N-LAPOR!: www.lapor.go.id atau SMS 1708", NULL };
    loket_letter_fields_add_row (f, "complaints", row);
  }
}

/* The head of the Bidang/Sekretariat/UPTD that handles the case: the sender of a nota dinas. */
static void
fill_unit_head (LoketLetterFields *f, LoketOrgChart *org, const LoketUnit *unit)
{
  const LoketUnit *division = unit != NULL ? loket_org_chart_get_division (org, unit->id) : NULL;
  g_autofree char *agency_id = NULL;
  GPtrArray       *positions;

  if (division == NULL)
    return;
  agency_id = g_strndup (division->id, strcspn (division->id, "/"));
  positions = loket_org_chart_get_positions (org, agency_id);
  for (guint i = 0; positions != NULL && i < positions->len; i++)
    {
      const LoketPosition *position = g_ptr_array_index (positions, i);
      g_autoptr (GPtrArray) holders = NULL;

      if (g_strcmp0 (position->unit_id, division->id) != 0 || position->role == LOKET_ROLE_STAFF
          || position->role == LOKET_ROLE_REGISTRAR || position->role == LOKET_ROLE_SECTION_HEAD)
        continue;
      loket_letter_fields_set (f, "unit_head_title", position->title);
      loket_letter_fields_take (f, "unit_head_title_upper", upper (position->title));
      holders = loket_org_chart_get_holders (org, position->id);
      if (holders->len > 0)
        {
          const LoketPerson *person = g_ptr_array_index (holders, 0);

          loket_letter_fields_set (f, "unit_head_name", person->name);
          loket_letter_fields_set (f, "unit_head_nip", person->nip);
          if (person->rank != NULL)
            loket_letter_fields_take (f, "unit_head_rank",
                                      person->grade != NULL
                                        ? g_strdup_printf ("%s (%s)", person->rank, person->grade)
                                        : g_strdup (person->rank));
        }
      return;
    }
}

LoketLetterFields *
loket_letter_fields_new_for_case (LoketCase           *kase,
                                  GPtrArray           *events,
                                  LoketServiceCatalog *catalog,
                                  LoketWorkCalendar   *calendar,
                                  LoketOrgChart       *org,
                                  gint64               now,
                                  GError             **error)
{
  g_autoptr (LoketLetterFields) f = loket_letter_fields_new ();
  g_autoptr (GPtrArray) sorted = NULL;
  g_autoptr (GHashTable) checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (JsonObject) registered = NULL;
  g_autoptr (JsonObject) returned = NULL;
  g_autofree char *number = NULL;
  CatalogExtras   *extras;
  LoketService    *service;
  LoketAgency     *agency;
  const char      *tz;
  const char      *channel = loket_case_get_channel (kase);

  g_return_val_if_fail (LOKET_IS_CASE (kase), NULL);
  g_return_val_if_fail (events != NULL, NULL);
  g_return_val_if_fail (LOKET_IS_SERVICE_CATALOG (catalog), NULL);

  service = loket_case_get_service_id (kase) != NULL
              ? loket_service_catalog_lookup (catalog, loket_case_get_service_id (kase))
              : NULL;
  agency = loket_case_get_agency_id (kase) != NULL
             ? loket_service_catalog_lookup_agency (catalog, loket_case_get_agency_id (kase))
             : NULL;
  if (service == NULL || agency == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                   _ ("The case’s service “%s” is not in the catalog"),
                   loket_case_get_service_id (kase) != NULL ? loket_case_get_service_id (kase)
                                                            : "");
      return NULL;
    }
  tz = loket_agency_get_timezone (agency);
  extras = catalog_extras (catalog);

  sorted = g_ptr_array_copy (events, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (sorted, g_object_unref);
  g_ptr_array_sort (sorted, compare_events);
  for (guint i = 0; i < sorted->len; i++)
    {
      LoketEvent *event = g_ptr_array_index (sorted, i);
      const char *type = loket_event_get_event_type (event);
      gboolean    wanted = g_str_equal (type, LOKET_EVENT_CASE_REGISTERED)
                        || g_str_equal (type, LOKET_EVENT_CASE_RETURNED)
                        || g_str_equal (type, LOKET_EVENT_REQUIREMENT_CHECKED)
                        || g_str_equal (type, LOKET_EVENT_LETTER_NUMBERED);
      g_autoptr (JsonObject) body = wanted ? loket_event_parse_body (event, NULL) : NULL;

      if (body == NULL)
        continue;
      if (g_str_equal (type, LOKET_EVENT_CASE_REGISTERED) && registered == NULL)
        registered = json_object_ref (body);
      else if (g_str_equal (type, LOKET_EVENT_CASE_RETURNED))
        {
          g_clear_pointer (&returned, json_object_unref);
          returned = json_object_ref (body);
        }
      else if (g_str_equal (type, LOKET_EVENT_REQUIREMENT_CHECKED)
               && member_string (body, "requirement") != NULL)
        {
          Check    *check = g_new0 (Check, 1);
          JsonNode *blobs = json_object_get_member (body, "blobs");

          check->satisfied = json_object_get_boolean_member_with_default (body, "satisfied", FALSE);
          check->n_files = blobs != NULL && JSON_NODE_HOLDS_ARRAY (blobs)
                             ? json_array_get_length (json_node_get_array (blobs))
                             : 0;
          g_hash_table_replace (checks, g_strdup (member_string (body, "requirement")), check);
        }
      else if (g_str_equal (type, LOKET_EVENT_LETTER_NUMBERED) && member_string (body, "number"))
        {
          g_free (number);
          number = g_strdup (member_string (body, "number"));
        }
    }

  fill_agency (f, agency, org);
  loket_letter_fields_set (f, "case_uuid", loket_case_get_uuid (kase));
  loket_letter_fields_set (
    f, "agenda_number",
    loket_case_get_agenda_number (kase) != NULL ? loket_case_get_agenda_number (kase) : "-");
  set_date (f, "received", loket_case_get_received_at (kase), tz);
  set_date (f, "letter", now, tz);
  {
    g_autoptr (GDateTime) dt = loket_letter_local_time (now, tz);
    loket_letter_fields_take (f, "year", g_strdup_printf ("%d", g_date_time_get_year (dt)));
    if (number == NULL)
      number
        = g_strdup_printf ("…/…/%s/%d", loket_agency_get_code (agency), g_date_time_get_year (dt));
  }
  loket_letter_fields_set (f, "letter_number", number);
  loket_letter_fields_set (f, "service_id", loket_service_get_id (service));
  loket_letter_fields_set (f, "service_name", loket_service_get_name (service));
  loket_letter_fields_set (f, "service_title", loket_service_get_name_source (service));
  {
    const LoketUnit *unit = org != NULL && loket_case_get_unit_id (kase) != NULL
                              ? loket_org_chart_lookup_unit (org, loket_case_get_unit_id (kase))
                              : NULL;
    loket_letter_fields_set (f, "unit_name",
                             unit != NULL ? unit->name : loket_agency_get_name (agency));
    /* without a head of the unit in the org chart, the head of the agency stands in */
    loket_letter_fields_set (f, "unit_head_title", loket_letter_fields_get (f, "head_title"));
    loket_letter_fields_set (f, "unit_head_title_upper",
                             loket_letter_fields_get (f, "head_title_upper"));
    loket_letter_fields_set (f, "unit_head_name", loket_letter_fields_get (f, "signer_name"));
    loket_letter_fields_set (f, "unit_head_rank", loket_letter_fields_get (f, "signer_rank"));
    loket_letter_fields_set (f, "unit_head_nip", loket_letter_fields_get (f, "signer_nip"));
    if (org != NULL)
      fill_unit_head (f, org, unit);
  }
  loket_letter_fields_set (f, "channel_name", channel_name (channel));
  loket_letter_fields_set (
    f, "applicant_name",
    loket_case_get_applicant_name (kase) != NULL ? loket_case_get_applicant_name (kase) : "-");
  loket_letter_fields_set (f, "applicant_nik", loket_case_get_applicant_nik (kase));
  loket_letter_fields_set (f, "subject",
                           loket_case_get_subject (kase) != NULL
                             ? loket_case_get_subject (kase)
                             : loket_service_get_name (service));
  loket_letter_fields_set (f, "fee",
                           loket_service_is_free (service) ? "Tidak dipungut biaya"
                                                           : loket_service_get_fee (service));
  fill_parties (f, registered);
  if (loket_letter_fields_get (f, "applicant_address") == NULL)
    loket_letter_fields_set (f, "applicant_address", "Tempat");
  if (registered != NULL && json_object_has_member (registered, "letter")
      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (registered, "letter")))
    {
      JsonObject *letter = json_object_get_object_member (registered, "letter");
      const char *date = member_string (letter, "date");
      GDate       parsed;

      loket_letter_fields_set (f, "incoming_number", member_string (letter, "number"));
      loket_letter_fields_set (f, "incoming_sender", member_string (letter, "sender"));
      loket_letter_fields_set (f, "incoming_sifat", member_string (letter, "sifat"));
      g_date_clear (&parsed, 1);
      if (date != NULL)
        g_date_set_parse (&parsed, date);
      if (date != NULL && strlen (date) == 10 && g_date_valid (&parsed))
        {
          g_autoptr (GDateTime) dt
            = g_date_time_new_utc (g_date_get_year (&parsed), g_date_get_month (&parsed),
                                   g_date_get_day (&parsed), 12, 0, 0);
          loket_letter_fields_take (f, "incoming_date", loket_letter_format_date (dt));
        }
      else
        loket_letter_fields_set (f, "incoming_date", date);
    }
  fill_requirements (f, service, channel, checks, returned);
  fill_deadline (f, kase, service, tz);
  fill_complaints (f, g_hash_table_lookup (extras->services, loket_service_get_id (service)),
                   agency);
  if (returned != NULL)
    {
      gint64 at = parse_time (returned, "at");

      loket_letter_fields_set (f, "returned_note", member_string (returned, "note"));
      if (at != 0)
        set_date (f, "returned", at, tz);
    }
  (void) calendar;
  loket_letter_fields_apply_office (f); /* the office's own profile wins */
  return g_steal_pointer (&f);
}

LoketLetter *
loket_letter_new_from_fields (const char        *kind,
                              LoketLetterFields *fields,
                              const char        *id,
                              GError           **error)
{
  g_autoptr (LoketLetterTemplate) tmpl = loket_letter_template_new_for_kind (kind, error);
  const char  *dir = g_getenv ("LOKET_LETTERS_DIR");
  LoketLetter *letter;

  if (tmpl == NULL)
    return NULL;
  letter = loket_letter_template_fill (tmpl, fields, error);
  if (letter == NULL)
    return NULL;
  loket_letter_set_id (letter, id);
  {
    g_autoptr (GBytes) own = loket_letter_dup_office_logo ();

    if (own != NULL && loket_letter_set_logo_png (letter, own))
      return letter;
  }
  if (dir != NULL && *dir != '\0')
    {
      g_autofree char *path = g_build_filename (dir, "logo.png", NULL);
      g_autofree char *contents = NULL;
      gsize            len;

      if (g_file_get_contents (path, &contents, &len, NULL))
        {
          g_autoptr (GBytes) png = g_bytes_new_take (g_steal_pointer (&contents), len);

          if (!loket_letter_set_logo_png (letter, png))
            g_warning ("%s is not a PNG image; the letter keeps the neutral emblem", path);
        }
    }
  return letter;
}

LoketLetter *
loket_letter_new_for_case (const char          *kind,
                           LoketCase           *kase,
                           GPtrArray           *events,
                           LoketServiceCatalog *catalog,
                           LoketWorkCalendar   *calendar,
                           LoketOrgChart       *org,
                           gint64               now,
                           GError             **error)
{
  g_autoptr (LoketLetterFields) fields = NULL;
  g_autofree char *id = NULL;

  fields = loket_letter_fields_new_for_case (kase, events, catalog, calendar, org, now, error);
  if (fields == NULL)
    return NULL;
  id = loket_letter_id_for_case (loket_case_get_uuid (kase), kind, 1);
  return loket_letter_new_from_fields (kind, fields, id, error);
}
