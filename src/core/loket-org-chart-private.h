// SPDX-License-Identifier: GPL-3.0-or-later
// Package-private parts of LoketOrgChart shared by the object and its file loader.
#pragma once

#include "loket-org-chart.h"

G_BEGIN_DECLS

typedef struct
{
  char      *id;
  char      *name;
  GPtrArray *units;     /* LoketUnit *, owned */
  GPtrArray *positions; /* LoketPosition *, owned */
  GPtrArray *people;    /* LoketPerson *, owned */
} LoketOrgAgency;

struct _LoketOrgChart
{
  GObject parent_instance;

  /* Owned references */
  GPtrArray  *agencies;    /* LoketOrgAgency *, owned */
  GPtrArray  *agency_ids;  /* char *, borrowed from the agencies */
  /* Borrowed references (owned by the agencies) */
  GHashTable *agency_by_id;
  GHashTable *units;
  GHashTable *positions;
  GHashTable *people;
  GHashTable *nips;        /* NIP → LoketPerson * */
};

void     _loket_unit_free     (LoketUnit     *unit);
void     _loket_position_free (LoketPosition *position);
void     _loket_person_free   (LoketPerson   *person);
void     _loket_agency_free   (LoketOrgAgency        *agency);

/* Parses one agency file (@file: its name, for messages), checks it and adds it to @self;
 * on error @self is unchanged. */
gboolean _loket_org_chart_load_agency (LoketOrgChart *self,
                                       const char    *file,
                                       const char    *data,
                                       gsize          length,
                                       GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketOrgAgency, _loket_agency_free)

G_END_DECLS
