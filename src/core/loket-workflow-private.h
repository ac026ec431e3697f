// SPDX-License-Identifier: GPL-3.0-or-later
// Package-private parts of LoketWorkflow shared by the object (loket-workflow.c) and its rules
// (loket-workflow-rules.c).
#pragma once

#include "loket-workflow.h"

G_BEGIN_DECLS

struct _LoketWorkflow
{
  GObject parent_instance;

  /* Owned references */
  LoketOrgChart       *org_chart;
  LoketServiceCatalog *catalog;
  LoketWorkCalendar   *calendar;
  GPtrArray           *instructions; /* LoketInstruction, owned */
  GHashTable          *unit_heads;   /* unit id → const LoketPosition * (borrowed) */
  GHashTable          *superiors;    /* position id → const LoketPosition * (borrowed) */

  GMutex               lock;         /* guards stand_ins */
  GPtrArray           *stand_ins;    /* LoketStandIn, owned */
};

/* The agency (root unit) id of @unit_id, or NULL. (transfer none) */
const char *_loket_workflow_unit_agency (LoketWorkflow *self,
                                         const char    *unit_id);

/* The title (jabatan) of @position_id, or the id itself when unknown. (transfer none) */
const char *_loket_workflow_title_of (LoketWorkflow *self,
                                      const char    *position_id);

G_END_DECLS
