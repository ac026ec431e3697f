// SPDX-License-Identifier: GPL-3.0-or-later
// The riwayat rows of the case pane: each step of the disposition chain, its time and state.
#pragma once

#include <adwaita.h>

#include "loket-case.h"
#include "loket-workflow.h"

G_BEGIN_DECLS

/* Fills @list with one row per step of @ledger's history and one per pause of @kase (paused
 * intervals, not counted). Returns the number of rows. Rows carry the css class "late" when the
 * step is past its due date while open, and the data "loket-step-kind" ("sent", "read",
 * "reported", "withdrawn", "escalated", "paused"). */
guint loket_routing_history_fill (GtkListBox             *list,
                                  LoketDispositionLedger *ledger,
                                  LoketCase              *kase,
                                  LoketWorkflow          *workflow,
                                  LoketWorkCalendar      *calendar,
                                  gint64                  now);

G_END_DECLS
