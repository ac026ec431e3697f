// SPDX-License-Identifier: GPL-3.0-or-later
// The service picker of the intake dialog: search over the catalog, grouped by agency and Bidang.
#pragma once

#include <adwaita.h>

#include "loket-org-chart.h"
#include "loket-service-catalog.h"

G_BEGIN_DECLS

#define LOKET_TYPE_SERVICE_CHOOSER (loket_service_chooser_get_type ())

G_DECLARE_FINAL_TYPE (LoketServiceChooser, loket_service_chooser, LOKET, SERVICE_CHOOSER, GtkWidget)

GtkWidget *loket_service_chooser_new         (void) G_GNUC_WARN_UNUSED_RESULT;
/* Fills the list with every service of @catalog; @org names the units (may be NULL). */
void       loket_service_chooser_set_catalog (LoketServiceChooser *self,
                                              LoketServiceCatalog *catalog,
                                              LoketOrgChart       *org);
/* Narrows the list as the search entry does. */
void       loket_service_chooser_set_search  (LoketServiceChooser *self,
                                              const char          *text);
/* Number of services the search leaves visible. */
guint      loket_service_chooser_get_n_visible (LoketServiceChooser *self);
/* Picks @service_id as if its row were activated (emits ::service-chosen). FALSE if unknown. */
gboolean   loket_service_chooser_choose      (LoketServiceChooser *self,
                                              const char          *service_id);
/* Gives the keyboard focus to the search entry. */
void       loket_service_chooser_focus_search (LoketServiceChooser *self);

G_END_DECLS
