// SPDX-License-Identifier: GPL-3.0-or-later
// Realistic, deterministic demo cases: fictional applicants, every service, every state.
#pragma once

#include "loket-org-chart.h"
#include "loket-service-catalog.h"
#include "loket-store.h"

G_BEGIN_DECLS

typedef void (*LoketDemoProgress) (guint done, guint total, gpointer user_data);

/* Appends @n_cases demo cases (their events) to @store. The same @seed gives the same cases,
 * events and UUIDs. @agency_id NULL spreads cases over every agency of @catalog. Cases are
 * received over the last ~18 months before @now (Unix s; 0 = the real clock) and are in every
 * state (registered, incomplete, in process, paused, drafting, awaiting signature, signed,
 * closed), some of them overdue. */
gboolean loket_demo_populate (LoketStore          *store,
                              LoketServiceCatalog *catalog,
                              LoketOrgChart       *org,
                              guint                n_cases,
                              guint32              seed,
                              const char          *agency_id,
                              gint64               now,
                              LoketDemoProgress    progress,
                              gpointer             progress_data,
                              GError             **error);

G_END_DECLS
