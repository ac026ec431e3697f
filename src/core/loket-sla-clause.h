// SPDX-License-Identifier: GPL-3.0-or-later
// One clause of a service's time limit (waktu pelayanan), as the Standar Pelayanan states it.
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  LOKET_SLA_UNIT_MINUTE,
  LOKET_SLA_UNIT_HOUR,
  LOKET_SLA_UNIT_LESSON_HOUR, /* jam pelajaran (training) */
  LOKET_SLA_UNIT_DAY,         /* calendar days */
  LOKET_SLA_UNIT_WORKING_DAY, /* hari kerja: Mon–Fri minus holidays and cuti bersama */
  LOKET_SLA_UNIT_WEEK,
  LOKET_SLA_UNIT_MONTH,
  LOKET_SLA_UNIT_YEAR,
  LOKET_SLA_UNIT_UNSPECIFIED, /* "sesuai kebutuhan/permohonan": no deadline */
} LoketSlaUnit;

typedef enum
{
  LOKET_SLA_START_RECEIPT,  /* from the moment the request is received */
  LOKET_SLA_START_COMPLETE, /* "sejak dokumen diterima dan dinyatakan lengkap" */
  LOKET_SLA_START_EVENT,    /* from a named event (start_event), e.g. the start of a stage */
} LoketSlaClockStart;

typedef struct
{
  char              *channel;     /* NULL: every channel */
  char              *stage;       /* NULL: the whole service; else e.g. "seleksi" */
  double             value_min;   /* the value, or the low end of a range */
  double             value_max;   /* == value_min unless a range ("40–340 jam pelajaran") */
  gboolean           approximate; /* "±" in the source */
  LoketSlaUnit       unit;
  LoketSlaClockStart clock_start;
  char              *start_event; /* with LOKET_SLA_START_EVENT */
  char              *text;        /* the clause as printed in the source */
} LoketSlaClause;

#define LOKET_TYPE_SLA_CLAUSE (loket_sla_clause_get_type ())

GType           loket_sla_clause_get_type (void) G_GNUC_CONST;
LoketSlaClause *loket_sla_clause_new      (void) G_GNUC_WARN_UNUSED_RESULT;
LoketSlaClause *loket_sla_clause_copy     (const LoketSlaClause *self) G_GNUC_WARN_UNUSED_RESULT;
void            loket_sla_clause_free     (LoketSlaClause *self);

/* "menit", "jam", "jam_pelajaran", "hari", "hari_kerja", "minggu", "bulan", "tahun", "sesuai_kebutuhan" */
gboolean        loket_sla_unit_from_string (const char   *text,
                                            LoketSlaUnit *unit);
const char     *loket_sla_unit_to_string   (LoketSlaUnit  unit);

/* "receipt", "complete", "event" */
gboolean        loket_sla_clock_start_from_string (const char         *text,
                                                   LoketSlaClockStart *clock_start);
const char     *loket_sla_clock_start_to_string   (LoketSlaClockStart  clock_start);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSlaClause, loket_sla_clause_free)

G_END_DECLS
