// SPDX-License-Identifier: GPL-3.0-or-later
// The case pane's letter drafts: "New Draft" (a kind among the service's products) and the list
// of the case's drafts with their versions.
#pragma once

#include <adwaita.h>

#include "loket-case.h"
#include "loket-org-chart.h"
#include "loket-service-catalog.h"
#include "loket-store.h"
#include "loket-work-calendar.h"

G_BEGIN_DECLS

#define LOKET_TYPE_CASE_DRAFTS (loket_case_drafts_get_type ())

G_DECLARE_FINAL_TYPE (LoketCaseDrafts, loket_case_drafts, LOKET, CASE_DRAFTS, GtkWidget)

GtkWidget *loket_case_drafts_new (void) G_GNUC_WARN_UNUSED_RESULT;
void       loket_case_drafts_set_context (LoketCaseDrafts     *self,
                                          LoketStore          *store,
                                          LoketServiceCatalog *catalog,
                                          LoketOrgChart       *org,
                                          LoketWorkCalendar   *calendar);
/* Shows the drafts of @kase (may be NULL) and the kinds its service offers. */
void loket_case_drafts_set_case (LoketCaseDrafts *self, LoketCase *kase);
void loket_case_drafts_reload (LoketCaseDrafts *self);

/* The letter kinds "New Draft" offers for the case. (transfer none) */
const char *const *loket_case_drafts_get_kinds (LoketCaseDrafts *self);
/* Drafts listed once loaded, and whether they are being read (for tests). */
guint    loket_case_drafts_get_n_drafts (LoketCaseDrafts *self);
gboolean loket_case_drafts_get_loading (LoketCaseDrafts *self);

/* The title of a letter kind's template ("Rekomendasi"), or @kind itself. */
const char *loket_case_drafts_kind_title (const char *kind);

G_END_DECLS
