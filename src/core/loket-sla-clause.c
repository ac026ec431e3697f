// SPDX-License-Identifier: GPL-3.0-or-later
// One clause of a service's time limit: boxed type and the string forms of its enums.
#include "config.h"

#include "loket-sla-clause.h"

G_DEFINE_BOXED_TYPE (LoketSlaClause, loket_sla_clause, loket_sla_clause_copy, loket_sla_clause_free)

static const char *const unit_names[] = {
  [LOKET_SLA_UNIT_MINUTE] = "menit",
  [LOKET_SLA_UNIT_HOUR] = "jam",
  [LOKET_SLA_UNIT_LESSON_HOUR] = "jam_pelajaran",
  [LOKET_SLA_UNIT_DAY] = "hari",
  [LOKET_SLA_UNIT_WORKING_DAY] = "hari_kerja",
  [LOKET_SLA_UNIT_WEEK] = "minggu",
  [LOKET_SLA_UNIT_MONTH] = "bulan",
  [LOKET_SLA_UNIT_YEAR] = "tahun",
  [LOKET_SLA_UNIT_UNSPECIFIED] = "sesuai_kebutuhan",
};

static const char *const clock_start_names[] = {
  [LOKET_SLA_START_RECEIPT] = "receipt",
  [LOKET_SLA_START_COMPLETE] = "complete",
  [LOKET_SLA_START_EVENT] = "event",
};

LoketSlaClause *
loket_sla_clause_new (void)
{
  LoketSlaClause *self = g_new0 (LoketSlaClause, 1);

  self->unit = LOKET_SLA_UNIT_UNSPECIFIED;
  self->clock_start = LOKET_SLA_START_RECEIPT;

  return self;
}

LoketSlaClause *
loket_sla_clause_copy (const LoketSlaClause *self)
{
  LoketSlaClause *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->channel = g_strdup (self->channel);
  copy->stage = g_strdup (self->stage);
  copy->start_event = g_strdup (self->start_event);
  copy->text = g_strdup (self->text);

  return copy;
}

void
loket_sla_clause_free (LoketSlaClause *self)
{
  if (self == NULL)
    return;

  g_free (self->channel);
  g_free (self->stage);
  g_free (self->start_event);
  g_free (self->text);
  g_free (self);
}

gboolean
loket_sla_unit_from_string (const char *text, LoketSlaUnit *unit)
{
  g_return_val_if_fail (unit != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (unit_names); i++)
    {
      if (g_str_equal (text, unit_names[i]))
        {
          *unit = (LoketSlaUnit) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
loket_sla_unit_to_string (LoketSlaUnit unit)
{
  g_return_val_if_fail ((guint) unit < G_N_ELEMENTS (unit_names), NULL);

  return unit_names[unit];
}

gboolean
loket_sla_clock_start_from_string (const char *text, LoketSlaClockStart *clock_start)
{
  g_return_val_if_fail (clock_start != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (clock_start_names); i++)
    {
      if (g_str_equal (text, clock_start_names[i]))
        {
          *clock_start = (LoketSlaClockStart) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
loket_sla_clock_start_to_string (LoketSlaClockStart clock_start)
{
  g_return_val_if_fail ((guint) clock_start < G_N_ELEMENTS (clock_start_names), NULL);

  return clock_start_names[clock_start];
}
