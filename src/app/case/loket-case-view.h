// SPDX-License-Identifier: GPL-3.0-or-later
// The case pane: a summary of one case and the timeline of its events.
#pragma once

#include <adwaita.h>

#include "loket-case.h"
#include "loket-org-chart.h"
#include "loket-service-catalog.h"
#include "loket-store.h"
#include "loket-work-calendar.h"
#include "chain/loket-chain-panel.h"
#include "draft/loket-case-drafts.h"
#include "routing/loket-routing-panel.h"

G_BEGIN_DECLS

#define LOKET_TYPE_CASE_VIEW (loket_case_view_get_type ())

G_DECLARE_FINAL_TYPE (LoketCaseView, loket_case_view, LOKET, CASE_VIEW, GtkWidget)

GtkWidget *loket_case_view_new              (void) G_GNUC_WARN_UNUSED_RESULT;

/* What the view needs to name things and read events; any may be NULL. */
void       loket_case_view_set_context      (LoketCaseView       *self,
                                             LoketStore          *store,
                                             LoketServiceCatalog *catalog,
                                             LoketOrgChart       *org,
                                             LoketWorkCalendar   *calendar);
/* "Now" for the working days left (Unix s; 0 = the real clock). */
void       loket_case_view_set_now          (LoketCaseView       *self,
                                             gint64               now);

LoketCase *loket_case_view_get_case         (LoketCaseView       *self);
/* Shows @kase (or the "no case selected" state for NULL) and loads its events. */
void       loket_case_view_set_case         (LoketCaseView       *self,
                                             LoketCase           *kase);

/* Reads the events of the case again (after changes to the store). */
void       loket_case_view_reload           (LoketCaseView       *self);

/* The dispositions part of the pane (acts, riwayat). (transfer none) */
LoketRoutingPanel *loket_case_view_get_routing_panel (LoketCaseView *self);
/* The review chain part (draft letters, paraf, comments). (transfer none) */
LoketChainPanel   *loket_case_view_get_chain_panel   (LoketCaseView *self);

/* The letter drafts part of the pane. (transfer none) */
LoketCaseDrafts   *loket_case_view_get_drafts        (LoketCaseView *self);

/* Rows in the timeline once the events have arrived (for tests). */
guint      loket_case_view_get_n_timeline_rows (LoketCaseView    *self);
/* Documents listed (attachments and signed letters, each with an "Open" button that activates
 * win.open-attachment) once the events have arrived. */
guint      loket_case_view_get_n_documents  (LoketCaseView       *self);
/* TRUE while the events of the case are being read. */
gboolean   loket_case_view_get_loading      (LoketCaseView       *self);

G_END_DECLS
