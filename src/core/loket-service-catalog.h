// SPDX-License-Identifier: GPL-3.0-or-later
// Every service of every agency, loaded and validated from data/catalog/ (one JSON file per agency).
#pragma once

#include <gio/gio.h>

#include "loket-agency.h"
#include "loket-service.h"

G_BEGIN_DECLS

#define LOKET_TYPE_SERVICE_CATALOG (loket_service_catalog_get_type ())

G_DECLARE_FINAL_TYPE (LoketServiceCatalog, loket_service_catalog, LOKET, SERVICE_CATALOG, GObject)

/* The catalog in $LOKET_CATALOG_DIR when set, else the one compiled into resources. */
LoketServiceCatalog *loket_service_catalog_new_default        (GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* Every *.json in @dir. A malformed file fails the whole load: the error names the file and the
 * JSON path ("$.services[3].sla[0].unit") and says what is wrong. */
LoketServiceCatalog *loket_service_catalog_new_from_directory (GFile   *dir,
                                                               GError **error) G_GNUC_WARN_UNUSED_RESULT;

GPtrArray    *loket_service_catalog_get_agencies    (LoketServiceCatalog *self); /* (transfer none) LoketAgency */
GPtrArray    *loket_service_catalog_get_services    (LoketServiceCatalog *self); /* (transfer none) LoketService */
LoketAgency  *loket_service_catalog_lookup_agency   (LoketServiceCatalog *self,
                                                     const char          *agency_id);
LoketService *loket_service_catalog_lookup          (LoketServiceCatalog *self,
                                                     const char          *service_id);
/* The catalog as JSON (what `loket-cli services --json` prints). */
char         *loket_service_catalog_to_json         (LoketServiceCatalog *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
