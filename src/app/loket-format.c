// SPDX-License-Identifier: GPL-3.0-or-later
// Translated, locale-aware texts for case fields shown in the UI.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-event.h"
#include "loket-format.h"

static char *
format_time (gint64 unix_time, GTimeZone *tz, const char *format)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (unix_time == 0)
    return g_strdup ("");

  utc = g_date_time_new_from_unix_utc (unix_time);
  if (utc == NULL)
    return g_strdup ("");
  local = tz != NULL ? g_date_time_to_timezone (utc, tz) : g_date_time_to_local (utc);
  return g_date_time_format (local, format);
}

char *
loket_format_date (gint64 unix_time, GTimeZone *tz)
{
  /* Translators: a date in the case list, see g_date_time_format(): "22 Nov 2026" */
  return format_time (unix_time, tz, _ ("%-d %b %Y"));
}

char *
loket_format_date_time (gint64 unix_time, GTimeZone *tz)
{
  /* Translators: a date and time in the case history, see g_date_time_format():
   * "22 Nov 2026, 14:05" */
  return format_time (unix_time, tz, _ ("%-d %b %Y, %H:%M"));
}

const char *
loket_format_status (LoketCaseStatus status)
{
  switch (status)
    {
      case LOKET_CASE_STATUS_REGISTERED:
        return C_ ("case status", "Registered");
      case LOKET_CASE_STATUS_INCOMPLETE:
        return C_ ("case status", "Incomplete");
      case LOKET_CASE_STATUS_IN_PROCESS:
        return C_ ("case status", "In process");
      case LOKET_CASE_STATUS_PAUSED:
        return C_ ("case status", "Paused");
      case LOKET_CASE_STATUS_DRAFTING:
        return C_ ("case status", "Drafting");
      case LOKET_CASE_STATUS_AWAITING_SIGNATURE:
        return C_ ("case status", "Awaiting signature");
      case LOKET_CASE_STATUS_SIGNED:
        return C_ ("case status", "Signed");
      case LOKET_CASE_STATUS_CLOSED:
        return C_ ("case status", "Closed");
      default:
        return C_ ("case status", "Unknown");
    }
}

const char *
loket_format_status_css_class (LoketCaseStatus status)
{
  switch (status)
    {
      case LOKET_CASE_STATUS_REGISTERED:
        return "registered";
      case LOKET_CASE_STATUS_INCOMPLETE:
        return "incomplete";
      case LOKET_CASE_STATUS_IN_PROCESS:
        return "in-process";
      case LOKET_CASE_STATUS_PAUSED:
        return "paused";
      case LOKET_CASE_STATUS_DRAFTING:
        return "drafting";
      case LOKET_CASE_STATUS_AWAITING_SIGNATURE:
        return "awaiting-signature";
      case LOKET_CASE_STATUS_SIGNED:
        return "signed";
      case LOKET_CASE_STATUS_CLOSED:
        return "closed";
      default:
        return "registered";
    }
}

char *
loket_format_days_left (int days_left)
{
  if (days_left == 0)
    return g_strdup (_ ("Due today"));

  if (days_left > 0)
    return g_strdup_printf (
      ngettext ("%d working day left", "%d working days left", (unsigned long) days_left),
      days_left);

  return g_strdup_printf (
    ngettext ("Late by %d working day", "Late by %d working days", (unsigned long) -days_left),
    -days_left);
}

char *
loket_format_masked_nik (const char *nik)
{
  GString *masked;
  size_t   len;

  if (nik == NULL)
    return NULL;

  len = strlen (nik);
  if (len <= 8)
    return g_strdup (nik);

  masked = g_string_new_len (nik, 4);
  for (size_t i = 4; i < len - 4; i++)
    g_string_append (masked, "•");
  g_string_append (masked, nik + len - 4);
  return g_string_free (masked, FALSE);
}

static const struct
{
  const char *type;
  const char *label;
} event_labels[] = {
  { LOKET_EVENT_CASE_REGISTERED, N_ ("Case registered") },
  { LOKET_EVENT_REQUIREMENT_CHECKED, N_ ("Requirement checked") },
  { LOKET_EVENT_CASE_RETURNED, N_ ("Returned to the applicant as incomplete") },
  { LOKET_EVENT_CASE_DECLARED_COMPLETE, N_ ("Declared complete, the clock starts") },
  { LOKET_EVENT_CASE_PAUSED, N_ ("Clock paused") },
  { LOKET_EVENT_CASE_RESUMED, N_ ("Clock resumed") },
  { LOKET_EVENT_DOCUMENT_ATTACHED, N_ ("Document attached") },
  { LOKET_EVENT_DISPOSITION_SENT, N_ ("Disposition sent") },
  { LOKET_EVENT_DISPOSITION_READ, N_ ("Disposition read") },
  { LOKET_EVENT_DISPOSITION_REPORTED, N_ ("Disposition reported back") },
  { LOKET_EVENT_DRAFT_CREATED, N_ ("Draft letter created") },
  { LOKET_EVENT_DRAFT_REVISED, N_ ("Draft letter revised") },
  { LOKET_EVENT_DRAFT_PARAF, N_ ("Draft initialled (paraf)") },
  { LOKET_EVENT_DRAFT_RETURNED, N_ ("Draft returned for correction") },
  { LOKET_EVENT_DRAFT_SUBMITTED, N_ ("Draft submitted for initials") },
  { LOKET_EVENT_LETTER_SIGNED, N_ ("Letter signed") },
  { LOKET_EVENT_LETTER_NUMBERED, N_ ("Letter numbered") },
  { LOKET_EVENT_LETTER_DISPATCHED, N_ ("Letter dispatched") },
  { LOKET_EVENT_COMMENT_ADDED, N_ ("Comment added") },
  { LOKET_EVENT_COMMENT_RESOLVED, N_ ("Comment resolved") },
  { LOKET_EVENT_CASE_CLOSED, N_ ("Case closed") },
};

const char *
loket_format_event_type (const char *event_type)
{
  g_return_val_if_fail (event_type != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (event_labels); i++)
    if (g_str_equal (event_labels[i].type, event_type))
      return _ (event_labels[i].label);

  return event_type;
}

static const struct
{
  const char *id;
  const char *label;
} channel_labels[] = {
  { "surat", N_ ("Letter") },
  { "tatap_muka", N_ ("In person") },
  { "kotak_saran", N_ ("Suggestion box") },
  /* Translators: SP4N-LAPOR! is the national public complaints service; keep the name */
  { "sp4n_lapor", N_ ("SP4N-LAPOR!") },
  { "online", N_ ("Online") },
  { "rujukan_instansi", N_ ("Referred by another agency") },
  { "laporan_masyarakat", N_ ("Public report") },
  { "penjangkauan", N_ ("Outreach") },
};

const char *
loket_format_channel (const char *channel)
{
  if (channel == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (channel_labels); i++)
    if (g_str_equal (channel_labels[i].id, channel))
      return _ (channel_labels[i].label);

  return channel;
}

char *
loket_format_case_deadline (LoketCase         *kase,
                            LoketWorkCalendar *calendar,
                            gint64             now,
                            const char       **css_class)
{
  LoketCaseStatus status;
  gint64          due_at;
  int             days;

  g_return_val_if_fail (LOKET_IS_CASE (kase), NULL);

  *css_class = NULL;
  if (loket_case_get_agenda_number (kase) == NULL || *loket_case_get_agenda_number (kase) == '\0')
    return g_strdup ("");

  status = loket_case_get_status (kase);
  due_at = loket_case_get_due_at (kase);

  if (status == LOKET_CASE_STATUS_CLOSED || loket_case_get_closed_at (kase) != 0)
    {
      *css_class = "due-done";
      return g_strdup (C_ ("deadline", "Done"));
    }

  if (due_at == 0)
    {
      *css_class = "due-done";
      if (status == LOKET_CASE_STATUS_REGISTERED || status == LOKET_CASE_STATUS_INCOMPLETE)
        /* Translators: the service clock starts when the file is declared complete */
        return g_strdup (C_ ("deadline", "Not started"));
      return g_strdup (C_ ("deadline", "No deadline"));
    }

  if (calendar == NULL)
    return loket_format_date (due_at, NULL);

  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC;
  days = loket_work_calendar_working_days_left (calendar, now, due_at);
  if (days < 0)
    *css_class = "due-late";
  else if (days <= 2)
    *css_class = "due-soon";
  return loket_format_days_left (days);
}

const char *
loket_format_service_name (LoketServiceCatalog *catalog, const char *service_id)
{
  LoketService *service;

  if (service_id == NULL)
    return "";
  if (catalog == NULL)
    return service_id;

  service = loket_service_catalog_lookup (catalog, service_id);
  return service != NULL ? loket_service_get_name (service) : service_id;
}

char *
loket_format_actor (LoketOrgChart *org, const char *id)
{
  const LoketPerson   *person;
  const LoketPosition *position;

  if (id == NULL || *id == '\0')
    return g_strdup ("");
  if (org == NULL)
    return g_strdup (id);

  person = loket_org_chart_lookup_person (org, id);
  if (person != NULL)
    {
      position = loket_org_chart_lookup_position (org, person->position_id);
      if (position != NULL)
        /* Translators: a person and their position, "Dewi Lestari, Kepala Seksi …" */
        return g_strdup_printf (C_ ("actor", "%s, %s"), person->name, position->title);
      return g_strdup (person->name);
    }

  position = loket_org_chart_lookup_position (org, id);
  if (position != NULL)
    return g_strdup (position->title);

  return g_strdup (id);
}
