// SPDX-License-Identifier: GPL-3.0-or-later
// Whole-database work on the database thread: projection rebuild and the integrity check.
#pragma once

#include "loket-blob-store.h"
#include "loket-case-projector.h"
#include "loket-db.h"
#include "loket-store.h"

G_BEGIN_DECLS

/* The catalog's display name of @service_id, or NULL. */
const char            *loket_store_maintenance_service_name (LoketCaseProjector *projector,
                                                             const char         *service_id);

/* Replaces every `cases` row and the search index with a fold over the events, streamed in
 * (case, HLC, UUID) order, in one transaction. */
gboolean               loket_store_maintenance_rebuild      (LoketDb            *db,
                                                             LoketCaseProjector *projector,
                                                             guint              *n_events,
                                                             GError            **error);

LoketStoreCheckReport *loket_store_maintenance_check        (LoketDb            *db,
                                                             LoketCaseProjector *projector,
                                                             LoketBlobStore     *blobs,
                                                             GError            **error);

G_END_DECLS
