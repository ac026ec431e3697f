// SPDX-License-Identifier: GPL-3.0-or-later
// Reference data downloaded from loket-server (PROTOCOL.md "Reference data"): checked with the
// loaders the app uses, kept per server in the user's data folder, used instead of the built-in
// org chart and catalog when a server is configured.
#pragma once

#include <gio/gio.h>

#include "loket-org-chart.h"
#include "loket-service-catalog.h"

G_BEGIN_DECLS

/* $XDG_DATA_HOME/loket/reference/<host>[_<port>] for @server_url; NULL when it is not an
 * http(s) address. (transfer full) */
char     *loket_sync_reference_get_dir     (const char  *server_url) G_GNUC_WARN_UNUSED_RESULT;

/* Checks @bytes, the document @name (LOKET_SYNC_REFERENCE_*) of @agency, with the app's own
 * loader (org chart, catalog, holiday calendar; accounts: [{username, person, roles}]) and only
 * then writes it into @dir atomically; the previous copy stays when it is refused
 * (LOKET_ERROR_INVALID_DATA naming the document and the problem). */
gboolean  loket_sync_reference_save        (const char  *dir,
                                            const char  *name,
                                            const char  *agency,
                                            GBytes      *bytes,
                                            GError     **error);
/* The version (sha256) of the copy in @dir, or NULL when there is none. */
char     *loket_sync_reference_get_version (const char  *dir,
                                            const char  *name,
                                            const char  *agency) G_GNUC_WARN_UNUSED_RESULT;

/* The downloaded org chart / catalog in @dir, or NULL without @error when none was downloaded
 * (the caller then uses the built-in data). */
LoketOrgChart       *loket_sync_reference_load_org_chart (const char  *dir,
                                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
LoketServiceCatalog *loket_sync_reference_load_catalog   (const char  *dir,
                                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* What the app and loket-cli load: the org chart / catalog downloaded into @dir (NULL: none
 * configured) when there is one that loads, else the built-in one (new_default). A downloaded
 * copy that no longer loads is logged and skipped. */
LoketOrgChart       *loket_sync_reference_org_chart_new  (const char  *dir,
                                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
LoketServiceCatalog *loket_sync_reference_catalog_new    (const char  *dir,
                                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
