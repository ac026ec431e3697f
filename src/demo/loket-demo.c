// SPDX-License-Identifier: GPL-3.0-or-later
// Demo cases: each case gets a plausible life (registration, completeness check, disposition,
// draft, paraf, signature, hand-over), cut off at "now", so every state and overdue cases occur.
#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-demo.h"
#include "loket-demo-names.h"
#include "loket-error.h"
#include "loket-hlc.h"
#include "loket-id-numbers.h"

#define BATCH_CASES 250
#define HOUR        3600
#define DAY         (24 * HOUR)
#define WITA_OFFSET (8 * HOUR)

typedef struct
{
  GRand               *rand;
  LoketServiceCatalog *catalog;
  LoketOrgChart       *org;
  gint64               now;
  GHashTable          *agenda_seq; /* "agency/year" → GUINT count */
  GPtrArray           *batch;      /* LoketEvent */
  LoketWorkCalendar   *calendar;   /* requests arrive on working days only */
} Demo;

static guint
pick (Demo *demo, guint n)
{
  return (guint) g_rand_int_range (demo->rand, 0, (gint32) n);
}

static const char *
pick_str (Demo *demo, const char *const *v)
{
  return v[pick (demo, loket_demo_strv_len (v))];
}

static char *
random_uuid (Demo *demo)
{
  guint32 w[4];

  for (guint i = 0; i < 4; i++)
    w[i] = g_rand_int (demo->rand);
  /* RFC 4122 version 4 layout, drawn from the seeded generator so demo data is reproducible. */
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", w[0], w[1] >> 16, w[1] & 0xfff,
                          (w[2] >> 16 & 0x3fff) | 0x8000, w[2] & 0xffff, w[3]);
}

static char *
iso_time (gint64 unix_s)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_offset (WITA_OFFSET);
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_s);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format_iso8601 (local);
}

/* A person holding a position of @role in @agency_id (deterministic: the first one). */
static const LoketPerson *
find_person (Demo *demo, const char *agency_id, LoketRole role, const char *unit_id)
{
  GPtrArray *people = loket_org_chart_get_people (demo->org, agency_id);
  const LoketPerson *fallback = NULL;

  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      const LoketPerson *p = g_ptr_array_index (people, i);
      const LoketPosition *pos = loket_org_chart_lookup_position (demo->org, p->position_id);

      if (pos == NULL || pos->role != role)
        continue;
      if (unit_id == NULL || g_strcmp0 (pos->unit_id, unit_id) == 0)
        return p;
      if (fallback == NULL)
        fallback = p;
    }
  return fallback;
}

/* The head of the Bidang, Sekretariat or UPTD that contains @unit_id: who the Kepala Dinas
 * disposes a case of that unit to. */
static const LoketPosition *
find_position (Demo *demo, const char *agency_id, const char *unit_id)
{
  GPtrArray *positions = loket_org_chart_get_positions (demo->org, agency_id);
  const LoketUnit *division = loket_org_chart_get_division (demo->org, unit_id);
  const char *target = division != NULL ? division->id : unit_id;
  const LoketPosition *fallback = NULL;

  for (guint i = 0; positions != NULL && i < positions->len; i++)
    {
      const LoketPosition *pos = g_ptr_array_index (positions, i);
      gboolean head = pos->role == LOKET_ROLE_DIVISION_HEAD || pos->role == LOKET_ROLE_SECRETARY ||
                      pos->role == LOKET_ROLE_UPTD_HEAD;

      if (!head)
        continue;
      if (g_strcmp0 (pos->unit_id, target) == 0)
        return pos;
      if (fallback == NULL)
        fallback = pos;
    }
  return fallback;
}

static const char *
person_id (const LoketPerson *p)
{
  return p != NULL ? p->id : "demo";
}

static void
add_event (Demo       *demo,
           const char *case_uuid,
           const char *type,
           const char *author,
           gint64      at,
           JsonBuilder *body)
{
  g_autoptr (JsonNode) root = json_builder_get_root (body);
  g_autofree char *json = json_to_string (root, FALSE);
  g_autofree char *uuid = random_uuid (demo);
  /* The HLC of demo events is their own time: the events are spread over months. */
  g_autofree char *hlc = loket_hlc_format (at * 1000 + pick (demo, 1000), 0);

  g_ptr_array_add (demo->batch, loket_event_new (uuid, case_uuid, type, author, "demo-device",
                                                 hlc, json));
}

/* How a case is closed: complaints (pengaduan) are not all settled; the choice comes from the
 * case UUID so the random stream (and so every other case) stays as it was. */
static const char *
closing_outcome (LoketService *service, const char *case_uuid)
{
  const char *slash = strchr (loket_service_get_id (service), '/');
  guint h = g_str_hash (case_uuid) % 10;

  if (slash == NULL || !g_str_has_prefix (slash + 1, "pengaduan"))
    return "selesai";
  return h == 0 ? "tidak_ditindaklanjuti" : h == 1 ? "dirujuk" : "selesai";
}

static JsonBuilder *
body_at (gint64 at)
{
  JsonBuilder *b = json_builder_new ();
  g_autofree char *iso = iso_time (at);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "at");
  json_builder_add_string_value (b, iso);
  return b;
}

static gboolean
is_organisation_service (LoketService *service)
{
  const char *name = loket_service_get_name (service);
  static const char *const markers[] = { "Koperasi", "Perusahaan", "AKAD", "LPK", "BKK",
                                         "Undian", "Kawasan", NULL };

  for (guint i = 0; markers[i] != NULL; i++)
    if (strstr (name, markers[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
add_party (Demo *demo, JsonBuilder *b, LoketService *service, char **name_out)
{
  gboolean bali = g_str_has_prefix (loket_service_get_agency_id (service), "disperinaker");
  const LoketDemoRegion *regions = bali ? loket_demo_regions_bali : loket_demo_regions_ntt;
  guint n_regions = 0;
  const LoketDemoRegion *region;

  while (regions[n_regions].code != NULL)
    n_regions++;
  region = &regions[pick (demo, n_regions)];

  json_builder_begin_object (b);
  if (is_organisation_service (service))
    {
      g_autofree char *org = g_strdup_printf ("%s %s", pick_str (demo, loket_demo_org_prefixes),
                                              pick_str (demo, loket_demo_org_names));
      g_autofree char *contact = g_strdup_printf ("%s %s",
                                                  pick_str (demo, loket_demo_given_names_m),
                                                  pick_str (demo, loket_demo_family_names));
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, "organisation");
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, org);
      json_builder_set_member_name (b, "contact_person");
      json_builder_add_string_value (b, contact);
      *name_out = g_steal_pointer (&org);
    }
  else
    {
      gboolean female = pick (demo, 2) == 1;
      g_autoptr (GDate) birth = g_date_new_dmy (1 + pick (demo, 28), 1 + pick (demo, 12),
                                                1960 + pick (demo, 45));
      g_autofree char *nik = loket_nik_generate (demo->rand, region->code, birth, female);
      g_autofree char *name = g_strdup_printf (
        "%s %s", pick_str (demo, female ? loket_demo_given_names_f : loket_demo_given_names_m),
        pick_str (demo, loket_demo_family_names));
      g_autofree char *phone = g_strdup_printf ("08%02u%08u", 11 + pick (demo, 70),
                                                pick (demo, 100000000));

      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, "person");
      json_builder_set_member_name (b, "nik");
      json_builder_add_string_value (b, nik);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "phone");
      json_builder_add_string_value (b, phone);
      *name_out = g_steal_pointer (&name);
    }
  {
    g_autofree char *address = g_strdup_printf ("%s No. %u, %s",
                                                pick_str (demo, loket_demo_streets),
                                                1 + pick (demo, 120), region->place);
    json_builder_set_member_name (b, "address");
    json_builder_add_string_value (b, address);
  }
  json_builder_end_object (b);
}

static char *
next_agenda_number (Demo *demo, LoketAgency *agency, gint64 at)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (at + WITA_OFFSET);
  int year = g_date_time_get_year (dt);
  g_autofree char *key = g_strdup_printf ("%s/%d", loket_agency_get_id (agency), year);
  guint seq = GPOINTER_TO_UINT (g_hash_table_lookup (demo->agenda_seq, key)) + 1;

  g_hash_table_insert (demo->agenda_seq, g_steal_pointer (&key), GUINT_TO_POINTER (seq));
  return g_strdup_printf ("%05u/%s/%d", seq, loket_agency_get_code (agency), year);
}

/* A working-hours moment (08:00–15:00 WITA) on a weekday, @days_ago days before now (a weekend
 * is moved to the Friday before). */
static gint64
office_time (Demo *demo, guint days_ago)
{
  gint64 t = demo->now - (gint64) days_ago * DAY;
  gint64 local_day = (t + WITA_OFFSET) / DAY;
  int weekday = (int) ((local_day + 3) % 7); /* 0 = Monday; 1970-01-01 was a Thursday */

  if (weekday >= 5)
    local_day -= weekday - 4;
  return local_day * DAY - WITA_OFFSET + 8 * HOUR + pick (demo, 7 * HOUR);
}

/* Days ago of a uniformly drawn working day within the last @span days, so that requests arrive
 * at an even pace (no pile-up on Fridays, nothing on holidays). */
static guint
pick_weekday_age (Demo *demo, guint span)
{
  for (guint tries = 0;; tries++)
    {
      guint age = pick (demo, span);
      gint64 local_day = (demo->now - (gint64) age * DAY + WITA_OFFSET) / DAY;
      g_autoptr (GDate) date = g_date_new_julian ((guint32) (local_day + 719163));

      if (tries > 1000 || loket_work_calendar_is_working_day (demo->calendar, date))
        return age;
    }
}

static gboolean
is_counter_service (LoketService *service, const char *channel)
{
  const LoketSlaClause *c = loket_service_get_deadline_clause (service, channel);

  return c != NULL && (c->unit == LOKET_SLA_UNIT_MINUTE || c->unit == LOKET_SLA_UNIT_HOUR);
}

static gboolean
has_letter_product (LoketService *service)
{
  const char *const *kinds = loket_service_get_product_kinds (service);

  for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
    if (g_strcmp0 (kinds[i], "none") != 0 && g_strcmp0 (kinds[i], "laporan") != 0)
      return TRUE;
  return FALSE;
}

/* The Kasi / Kasubag heading @unit_id when it is a Seksi or Sub Bagian below @handler's unit. */
static const LoketPosition *
find_section_head (Demo *demo, const char *agency_id, const char *unit_id,
                   const LoketPosition *handler)
{
  GPtrArray *positions = loket_org_chart_get_positions (demo->org, agency_id);
  const LoketUnit *unit = loket_org_chart_lookup_unit (demo->org, unit_id);

  if (handler == NULL || unit == NULL || g_strcmp0 (unit->parent_id, handler->unit_id) != 0
      || (unit->kind != LOKET_UNIT_SECTION && unit->kind != LOKET_UNIT_SUBDIVISION))
    return NULL;
  for (guint i = 0; positions != NULL && i < positions->len; i++)
    {
      const LoketPosition *pos = g_ptr_array_index (positions, i);

      if (pos->role == LOKET_ROLE_SECTION_HEAD && g_strcmp0 (pos->unit_id, unit_id) == 0)
        return pos;
    }
  return NULL;
}

/* The first staf position of @unit_id, or NULL. */
static const LoketPosition *
find_staff (Demo *demo, const char *agency_id, const char *unit_id)
{
  GPtrArray *positions = loket_org_chart_get_positions (demo->org, agency_id);

  for (guint i = 0; positions != NULL && i < positions->len; i++)
    {
      const LoketPosition *pos = g_ptr_array_index (positions, i);

      if (pos->role == LOKET_ROLE_STAFF && g_strcmp0 (pos->unit_id, unit_id) == 0)
        return pos;
    }
  return NULL;
}

/* The first person holding @position_id, or NULL. */
static const LoketPerson *
first_holder (Demo *demo, const char *position_id)
{
  g_autoptr (GPtrArray) holders = loket_org_chart_get_holders (demo->org, position_id);

  return holders->len > 0 ? g_ptr_array_index (holders, 0) : NULL;
}

/* disposition.sent from @sender's position to @to (EVENTS.md). */
static void
send_disposition (Demo              *demo,
                  const char        *case_uuid,
                  const char        *id,
                  const char        *parent,
                  const LoketPerson *sender,
                  const char        *to,
                  const char        *instruction,
                  const char        *note,
                  gint64             at,
                  gint64             budget)
{
  g_autoptr (JsonBuilder) b = body_at (at);
  g_autofree char *due = iso_time (at + budget);

  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, sender->position_id);
  json_builder_set_member_name (b, "to");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, to);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "instruction");
  json_builder_add_string_value (b, instruction);
  json_builder_set_member_name (b, "instructions");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, instruction);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, note);
  json_builder_set_member_name (b, "due");
  json_builder_add_string_value (b, due);
  if (parent != NULL)
    {
      json_builder_set_member_name (b, "parent");
      json_builder_add_string_value (b, parent);
    }
  json_builder_end_object (b);
  add_event (demo, case_uuid, LOKET_EVENT_DISPOSITION_SENT, sender->id, at, b);
}

static void
read_disposition (Demo *demo, const char *case_uuid, const char *id, const LoketPerson *reader,
                  const char *position, gint64 at)
{
  g_autoptr (JsonBuilder) b = body_at (at);

  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "position");
  json_builder_add_string_value (b, position);
  json_builder_end_object (b);
  add_event (demo, case_uuid, LOKET_EVENT_DISPOSITION_READ, reader->id, at, b);
}

static void
report_disposition (Demo *demo, const char *case_uuid, const char *id,
                    const LoketPerson *reporter, const char *position, const char *to, gint64 at)
{
  g_autoptr (JsonBuilder) b = body_at (at);

  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "position");
  json_builder_add_string_value (b, position);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, to);
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, "Sudah ditindaklanjuti.");
  json_builder_end_object (b);
  add_event (demo, case_uuid, LOKET_EVENT_DISPOSITION_REPORTED, reporter->id, at, b);
}

static void
generate_case (Demo *demo, LoketService *service)
{
  const char *agency_id = loket_service_get_agency_id (service);
  LoketAgency *agency = loket_service_catalog_lookup_agency (demo->catalog, agency_id);
  const char *const *channels = loket_service_get_channels (service);
  const char *channel = channels[pick (demo, g_strv_length ((char **) channels))];
  const char *unit = loket_service_get_unit_id (service);
  g_autofree char *case_uuid = random_uuid (demo);
  /* One case in five is recent work still moving through the office; the rest spread over
   * eighteen months. */
  guint age_days = pick_weekday_age (demo, pick (demo, 5) == 0 ? 45 : 540);
  gint64 t = office_time (demo, age_days);
  g_autofree char *agenda = next_agenda_number (demo, agency, t);
  g_autofree char *applicant = NULL;
  g_autofree char *subject = NULL;
  const LoketPerson *registrar = find_person (demo, agency_id, LOKET_ROLE_REGISTRAR, NULL);
  const LoketPerson *head = find_person (demo, agency_id, LOKET_ROLE_HEAD, NULL);
  const LoketPerson *staff = find_person (demo, agency_id, LOKET_ROLE_STAFF, NULL);
  const LoketPosition *handler = find_position (demo, agency_id, unit);
  const LoketPosition *kasi = find_section_head (demo, agency_id, unit, handler);
  const LoketPerson *holder_person = NULL, *kasi_person = NULL, *staf_person = NULL;
  const LoketPosition *staf = NULL;
  g_autofree char *d1 = NULL;
  g_autofree char *d2 = NULL;
  g_autofree char *d3 = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) reqs = loket_service_get_requirements (service, channel);
  gboolean counter = is_counter_service (service, channel);
  guint fate = pick (demo, 100);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "agency");
  json_builder_add_string_value (b, agency_id);
  json_builder_set_member_name (b, "service");
  json_builder_add_string_value (b, loket_service_get_id (service));
  json_builder_set_member_name (b, "channel");
  json_builder_add_string_value (b, channel);
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, unit);
  json_builder_set_member_name (b, "agenda_number");
  json_builder_add_string_value (b, agenda);
  json_builder_set_member_name (b, "received_at");
  {
    g_autofree char *iso = iso_time (t);
    json_builder_add_string_value (b, iso);
  }
  json_builder_set_member_name (b, "parties");
  json_builder_begin_array (b);
  add_party (demo, b, service, &applicant);
  json_builder_end_array (b);
  subject = g_strdup_printf ("Permohonan %s", loket_service_get_name (service));
  json_builder_set_member_name (b, "subject");
  json_builder_add_string_value (b, subject);
  json_builder_end_object (b);
  add_event (demo, case_uuid, LOKET_EVENT_CASE_REGISTERED, person_id (registrar), t, b);

  /* Check the requirements; one case in eight is returned for a missing document first. */
  /* A counter service is checked at once (same number of draws: the stream stays the same). */
  t += counter ? 2 * 60 + pick (demo, 50 * 60) / 10 : 10 * 60 + pick (demo, 50 * 60);
  for (guint i = 0; reqs != NULL && i < reqs->len; i++)
    {
      LoketRequirement *req = g_ptr_array_index (reqs, i);
      g_autoptr (JsonBuilder) rb = json_builder_new ();

      json_builder_begin_object (rb);
      json_builder_set_member_name (rb, "requirement");
      json_builder_add_string_value (rb, loket_requirement_get_id (req));
      json_builder_set_member_name (rb, "satisfied");
      json_builder_add_boolean_value (rb, TRUE);
      json_builder_end_object (rb);
      if (i < 3 && t < demo->now)
        add_event (demo, case_uuid, LOKET_EVENT_REQUIREMENT_CHECKED, person_id (registrar), t, rb);
    }
  if (fate < 8 && !counter)
    {
      g_autoptr (JsonBuilder) rb = body_at (t);

      if (t >= demo->now)
        return;
      json_builder_set_member_name (rb, "missing");
      json_builder_begin_array (rb);
      if (reqs != NULL && reqs->len > 0)
        json_builder_add_string_value (
          rb, loket_requirement_get_id (g_ptr_array_index (reqs, reqs->len - 1)));
      json_builder_end_array (rb);
      json_builder_set_member_name (rb, "note");
      json_builder_add_string_value (rb, "Berkas belum lengkap");
      json_builder_end_object (rb);
      add_event (demo, case_uuid, LOKET_EVENT_CASE_RETURNED, person_id (registrar), t, rb);
      t += (gint64) (1 + pick (demo, 20)) * DAY; /* the applicant comes back later */
    }
  if (fate >= 8 && fate < 12 && age_days < 30)
    return; /* still being checked at the counter */
  if (t >= demo->now)
    return;
  {
    g_autoptr (JsonBuilder) cb = body_at (t);
    json_builder_end_object (cb);
    add_event (demo, case_uuid, LOKET_EVENT_CASE_DECLARED_COMPLETE, person_id (registrar), t, cb);
  }

  if (counter)
    {
      /* Counter services are served on the spot. */
      g_autoptr (JsonBuilder) cb = NULL;

      t += (5 + pick (demo, 15)) * 60;
      if (t >= demo->now)
        return;
      cb = body_at (t);
      json_builder_set_member_name (cb, "outcome");
      json_builder_add_string_value (cb, closing_outcome (service, case_uuid));
      json_builder_end_object (cb);
      add_event (demo, case_uuid, LOKET_EVENT_CASE_CLOSED, person_id (staff), t, cb);
      return;
    }

  /* Disposition by the Kepala Dinas to the head of the handling unit (EVENTS.md bodies, through
   * real positions: Kadis → Kabid/Sekretaris/Kepala UPTD → Kasi of the handling Seksi). */
  t += HOUR + pick (demo, 2 * DAY);
  if (t >= demo->now)
    return;
  if (handler == NULL || head == NULL)
    return;
  d1 = random_uuid (demo);
  send_disposition (demo, case_uuid, d1, NULL, head, handler->id, "untuk_ditindaklanjuti",
                    "Mohon diproses sesuai standar pelayanan.", t, 3 * DAY);
  holder_person = first_holder (demo, handler->id);
  if (holder_person != NULL && t + HOUR < demo->now)
    read_disposition (demo, case_uuid, d1, holder_person, handler->id, t + HOUR);
  if (kasi != NULL && holder_person != NULL && t + 2 * HOUR < demo->now)
    {
      d2 = random_uuid (demo);
      send_disposition (demo, case_uuid, d2, d1, holder_person, kasi->id, "pelajari_dan_laporkan",
                        "Periksa berkas dan siapkan konsep.", t + 2 * HOUR, 2 * DAY);
      kasi_person = first_holder (demo, kasi->id);
      if (kasi_person != NULL && t + 3 * HOUR < demo->now && pick (demo, 4) != 0)
        {
          read_disposition (demo, case_uuid, d2, kasi_person, kasi->id, t + 3 * HOUR);
          /* Half of them go on to a staf member of the Seksi. */
          staf = find_staff (demo, agency_id, kasi->unit_id);
          staf_person = staf != NULL ? first_holder (demo, staf->id) : NULL;
          if (staf_person != NULL && pick (demo, 2) == 0 && t + 4 * HOUR < demo->now)
            {
              d3 = random_uuid (demo);
              send_disposition (demo, case_uuid, d3, d2, kasi_person, staf->id,
                                "siapkan_konsep_jawaban", "Siapkan konsep surat.", t + 4 * HOUR,
                                2 * DAY);
            }
        }
    }
  t += 3 * HOUR;

  /* One open case in ten waits on the applicant or an outside body. */
  if (fate >= 12 && fate < 17 && age_days < 60)
    {
      g_autoptr (JsonBuilder) pb = body_at (t + DAY);

      if (t + DAY >= demo->now)
        return;
      json_builder_set_member_name (pb, "reason");
      json_builder_add_string_value (pb, "Menunggu kelengkapan data dari pemohon");
      json_builder_end_object (pb);
      add_event (demo, case_uuid, LOKET_EVENT_CASE_PAUSED, person_id (staff), t + DAY, pb);
      return;
    }

  /* A few cases stall after the disposition and become overdue, as real ones do. */
  if (fate >= 97)
    return;

  /* Slow cases: a few stay in process well past their deadline. */
  t += (gint64) (1 + pick (demo, fate >= 90 ? 40 : 8)) * DAY;
  if (t >= demo->now)
    return;

  if (has_letter_product (service))
    {
      g_autoptr (JsonBuilder) draft = body_at (t);
      g_autoptr (JsonBuilder) paraf = NULL;
      g_autoptr (JsonBuilder) sign = NULL;

      json_builder_set_member_name (draft, "version");
      json_builder_add_int_value (draft, 1);
      json_builder_end_object (draft);
      add_event (demo, case_uuid, LOKET_EVENT_DRAFT_CREATED, person_id (staff), t, draft);

      t += HOUR + pick (demo, 3 * DAY);
      if (t >= demo->now)
        return;
      paraf = body_at (t);
      json_builder_set_member_name (paraf, "final");
      json_builder_add_boolean_value (paraf, TRUE);
      json_builder_end_object (paraf);
      add_event (demo, case_uuid, LOKET_EVENT_DRAFT_PARAF, person_id (staff), t, paraf);

      t += HOUR + pick (demo, 2 * DAY);
      if (t >= demo->now)
        return;
      sign = body_at (t);
      json_builder_end_object (sign);
      add_event (demo, case_uuid, LOKET_EVENT_LETTER_SIGNED, person_id (head), t, sign);
    }

  t += HOUR + pick (demo, 2 * DAY);
  if (t >= demo->now)
    return;
  {
    g_autoptr (JsonBuilder) cb = body_at (t);

    json_builder_set_member_name (cb, "outcome");
    json_builder_add_string_value (cb, closing_outcome (service, case_uuid));
    json_builder_end_object (cb);
    /* Laporan tindak lanjut up the chain before the case is closed. */
    if (d3 != NULL && staf_person != NULL)
      report_disposition (demo, case_uuid, d3, staf_person, staf->id, kasi->id, t - 40 * 60);
    if (d2 != NULL && kasi_person != NULL)
      report_disposition (demo, case_uuid, d2, kasi_person, kasi->id, handler->id, t - 30 * 60);
    if (d1 != NULL && holder_person != NULL)
      report_disposition (demo, case_uuid, d1, holder_person, handler->id,
                          head->position_id, t - 20 * 60);
    add_event (demo, case_uuid, LOKET_EVENT_CASE_CLOSED, person_id (registrar), t, cb);
  }
}

gboolean
loket_demo_populate (LoketStore          *store,
                     LoketServiceCatalog *catalog,
                     LoketOrgChart       *org,
                     guint                n_cases,
                     guint32              seed,
                     const char          *agency_id,
                     gint64               now,
                     LoketDemoProgress    progress,
                     gpointer             progress_data,
                     GError             **error)
{
  g_autoptr (GPtrArray) services = g_ptr_array_new ();
  GPtrArray *all = loket_service_catalog_get_services (catalog);
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GHashTable) seq = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (LoketWorkCalendar) calendar = loket_work_calendar_new_default (error);
  Demo demo = { rand, catalog, org, now, seq, batch, calendar };

  g_return_val_if_fail (LOKET_IS_STORE (store), FALSE);

  if (calendar == NULL)
    return FALSE;

  /* Without an explicit "now", use 16:00 WITA today: the same seed gives the same cases all day. */
  if (demo.now == 0)
    {
      gint64 t = g_get_real_time () / G_USEC_PER_SEC;
      demo.now = (t + WITA_OFFSET) / DAY * DAY - WITA_OFFSET + 16 * HOUR;
    }

  for (guint i = 0; i < all->len; i++)
    {
      LoketService *s = g_ptr_array_index (all, i);

      if (agency_id == NULL || g_strcmp0 (loket_service_get_agency_id (s), agency_id) == 0)
        g_ptr_array_add (services, s);
    }
  if (services->len == 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                   _("No services for agency “%s” in the catalog"), agency_id);
      return FALSE;
    }

  for (guint i = 0; i < n_cases; i++)
    {
      generate_case (&demo, g_ptr_array_index (services, pick (&demo, services->len)));
      if ((i + 1) % BATCH_CASES == 0 || i + 1 == n_cases)
        {
          if (!loket_store_append_events (store, batch, error))
            return FALSE;
          g_ptr_array_set_size (batch, 0);
          if (progress != NULL)
            progress (i + 1, n_cases, progress_data);
        }
    }
  return TRUE;
}
