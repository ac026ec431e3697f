// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers of the intake UI: counter services, SLA and requirement texts.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-intake-util.h"

gboolean
loket_intake_is_counter_service (LoketService *service, const char *channel)
{
  const LoketSlaClause *clause;

  g_return_val_if_fail (LOKET_IS_SERVICE (service), FALSE);

  if (channel == NULL)
    return FALSE;
  clause = loket_service_get_deadline_clause (service, channel);
  return clause != NULL
         && (clause->unit == LOKET_SLA_UNIT_MINUTE || clause->unit == LOKET_SLA_UNIT_HOUR);
}

char *
loket_intake_format_sla (LoketService *service, const char *channel)
{
  const LoketSlaClause *clause;
  gulong                value;

  g_return_val_if_fail (LOKET_IS_SERVICE (service), NULL);

  clause = channel != NULL ? loket_service_get_deadline_clause (service, channel) : NULL;
  if (clause == NULL)
    return g_strdup ("");

  value = (gulong) (clause->value_max + 0.5);
  switch (clause->unit)
    {
      case LOKET_SLA_UNIT_MINUTE:
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu minute", "%lu minutes", value),
                                value);
      case LOKET_SLA_UNIT_HOUR:
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu hour", "%lu hours", value),
                                value);
      case LOKET_SLA_UNIT_LESSON_HOUR:
        return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%lu lesson hour", "%lu lesson hours", value), value);
      case LOKET_SLA_UNIT_DAY:
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu day", "%lu days", value), value);
      case LOKET_SLA_UNIT_WORKING_DAY:
        return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%lu working day", "%lu working days", value), value);
      case LOKET_SLA_UNIT_WEEK:
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu week", "%lu weeks", value),
                                value);
      case LOKET_SLA_UNIT_MONTH:
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu month", "%lu months", value),
                                value);
      case LOKET_SLA_UNIT_YEAR:
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu year", "%lu years", value),
                                value);
      case LOKET_SLA_UNIT_UNSPECIFIED:
      default:
        return g_strdup (_ ("As needed"));
    }
}

gboolean
loket_intake_sla_starts_when_complete (LoketService *service, const char *channel)
{
  const LoketSlaClause *clause;

  g_return_val_if_fail (LOKET_IS_SERVICE (service), FALSE);

  clause = channel != NULL ? loket_service_get_deadline_clause (service, channel) : NULL;
  return clause != NULL && clause->clock_start == LOKET_SLA_START_COMPLETE;
}

char *
loket_intake_format_requirement_kind (LoketRequirement *requirement)
{
  g_return_val_if_fail (LOKET_IS_REQUIREMENT (requirement), NULL);

  switch (loket_requirement_get_kind (requirement))
    {
      case LOKET_REQUIREMENT_MANDATORY:
        return g_strdup (_ ("Mandatory"));
      case LOKET_REQUIREMENT_OPTIONAL:
        return g_strdup (_ ("Optional"));
      case LOKET_REQUIREMENT_CONDITIONAL:
      default:
        /* Translators: a requirement that applies only in some cases; %s is the condition */
        return g_strdup_printf (_ ("Required when: %s"),
                                loket_requirement_get_condition (requirement) != NULL
                                  ? loket_requirement_get_condition (requirement)
                                  : "");
    }
}

char *
loket_intake_format_size (guint64 size)
{
  return g_format_size (size);
}

gboolean
loket_intake_has_text (const char *text)
{
  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  return *text != '\0';
}
