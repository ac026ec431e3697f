// SPDX-License-Identifier: GPL-3.0-or-later
// LoketIntakeForm: completeness ("Nyatakan Lengkap") and validation of what was typed.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "loket-error.h"
#include "loket-intake-form-private.h"

/* Completeness and validation */

gboolean
_loket_intake_form_requirement_is_required (LoketIntakeForm  *self,
                                            LoketRequirement *req)
{
  LoketIntakeItem *item = _loket_intake_form_lookup_item (self, loket_requirement_get_id (req));

  switch (loket_requirement_get_kind (req))
    {
      case LOKET_REQUIREMENT_MANDATORY:
        return TRUE;
      case LOKET_REQUIREMENT_CONDITIONAL:
        return item != NULL && item->applies;
      case LOKET_REQUIREMENT_OPTIONAL:
      default:
        return FALSE;
    }
}

GPtrArray *
loket_intake_form_missing_mandatory (LoketIntakeForm *self)
{
  GPtrArray *missing;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  missing = g_ptr_array_new ();
  for (guint i = 0; i < self->requirements->len; i++)
    {
      LoketRequirement *req = g_ptr_array_index (self->requirements, i);

      if (_loket_intake_form_requirement_is_required (self, req)
          && !loket_intake_form_get_satisfied (self, loket_requirement_get_id (req)))
        g_ptr_array_add (missing, req);
    }
  return missing;
}

char *
_loket_intake_format_missing (GPtrArray *missing)
{
  GString *text = g_string_new (_ ("The file cannot be declared complete; missing:"));

  for (guint i = 0; i < missing->len; i++)
    {
      LoketRequirement *req = g_ptr_array_index (missing, i);
      g_string_append_printf (text, "\n• %s: %s", loket_requirement_get_id (req),
                              loket_requirement_get_text (req));
    }
  return g_string_free (text, FALSE);
}

gboolean
loket_intake_form_can_declare_complete (LoketIntakeForm *self, GError **error)
{
  g_autoptr (GPtrArray) missing = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), FALSE);
  missing = loket_intake_form_missing_mandatory (self);
  if (missing->len == 0)
    return TRUE;
  text = _loket_intake_format_missing (missing);
  g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, text);
  return FALSE;
}

static gboolean
text_ok (const char *text)
{
  return text == NULL || (strlen (text) <= LOKET_INTAKE_TEXT_MAX && g_utf8_validate (text, -1, NULL));
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
problem (GPtrArray *problems, const char *field, const char *message)
{
  g_ptr_array_add (problems, loket_field_problem_new (field, message));
}

/* The local date (in the agency's time zone) of @unix_s. */
static GDate *
local_date (LoketIntakeForm *self, gint64 unix_s)
{
  g_autoptr (GTimeZone) tz = _loket_intake_form_get_timezone (self);
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_s);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (local),
                         (GDateMonth) g_date_time_get_month (local),
                         (GDateYear) g_date_time_get_year (local));
}

GDate *
_loket_intake_parse_date (const char *text)
{
  int  y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return NULL;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return NULL;
  if (y < 1900 || m < 1 || m > 12 || d < 1
      || d > g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

GPtrArray *
loket_intake_form_validate (LoketIntakeForm *self)
{
  GPtrArray *problems;
  gint64     now = g_get_real_time () / G_USEC_PER_SEC;
  gint64     received;
  guint      n_parties;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_field_problem_free);
  n_parties = loket_intake_form_get_n_parties (self);
  if (n_parties == 0)
    problem (problems, "parties", _ ("Add the applicant (a person or an organisation)"));
  for (guint i = 0; i < n_parties; i++)
    {
      g_autoptr (LoketParty) party = g_list_model_get_item (G_LIST_MODEL (self->parties), i);
      g_autofree char *prefix = g_strdup_printf ("parties[%u].", i);

      loket_party_validate (party, prefix, problems);
    }

  if (!text_ok (self->subject))
    problem (problems, "subject", _ ("The subject is too long"));

  /* Five minutes of grace for clocks that differ between PCs. */
  if (self->received_at > now + 300)
    problem (problems, "received_at", _ ("The time of receipt is in the future"));
  received = self->received_at != 0 ? self->received_at : now;

  if (self->has_letter)
    {
      g_autoptr (GDate) date = _loket_intake_parse_date (self->letter_date);

      if (is_blank (self->letter_number))
        problem (problems, "letter.number", _ ("The letter’s number is required"));
      else if (!text_ok (self->letter_number))
        problem (problems, "letter.number", _ ("The letter’s number is too long"));
      if (is_blank (self->letter_sender))
        problem (problems, "letter.sender", _ ("The letter’s sender is required"));
      else if (!text_ok (self->letter_sender))
        problem (problems, "letter.sender", _ ("The sender is too long"));
      if (date == NULL)
        problem (problems, "letter.date",
                 _ ("The letter’s date must be a real date (year-month-day)"));
      else
        {
          g_autoptr (GDate) received_date = local_date (self, received);

          if (g_date_compare (date, received_date) > 0)
            problem (problems, "letter.date",
                     _ ("The letter’s date is after the day it was received"));
        }
    }
  return problems;
}

gboolean
loket_intake_form_check (LoketIntakeForm *self, GError **error)
{
  g_autoptr (GPtrArray) problems = loket_intake_form_validate (self);
  g_autoptr (GString) text = NULL;

  if (problems->len == 0)
    return TRUE;
  text = g_string_new (_ ("The form has problems:"));
  for (guint i = 0; i < problems->len; i++)
    {
      LoketFieldProblem *p = g_ptr_array_index (problems, i);
      g_string_append_printf (text, "\n• %s: %s", p->field, p->message);
    }
  g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, text->str);
  return FALSE;
}

GTimeZone *
_loket_intake_form_get_timezone (LoketIntakeForm *self)
{
  LoketAgency *agency
    = loket_service_catalog_lookup_agency (self->catalog, loket_service_get_agency_id (self->service));
  const char *id = agency != NULL ? loket_agency_get_timezone (agency) : NULL;
  GTimeZone  *tz = id != NULL ? g_time_zone_new_identifier (id) : NULL;

  /* WITA when the zone database does not know the agency's zone. */
  return tz != NULL ? tz : g_time_zone_new_offset (8 * 3600);
}
