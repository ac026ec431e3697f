// SPDX-License-Identifier: GPL-3.0-or-later
// The `events` table: append with a per-case hash chain, read back in (HLC, UUID) order.
#pragma once

#include "loket-db.h"
#include "loket-event.h"

G_BEGIN_DECLS

/* The event columns, in the order loket_event_store_event_from_row() reads them. */
#define LOKET_EVENT_STORE_COLUMNS \
  "uuid, case_uuid, type, author, device, hlc, body, prev_hash, hash, case_seq"

/* Appends @event to its case's chain (prev_hash = hash of the case's last event in append
 * order) and sets the chain on @event. An event already stored (same UUID) is left alone and
 * *@inserted is FALSE. Call inside a transaction. */
gboolean    loket_event_store_append          (LoketDb     *db,
                                               LoketEvent  *event,
                                               gboolean    *inserted,
                                               GError     **error);
/* (transfer full, element LoketEvent) in (HLC, UUID) order. */
GPtrArray  *loket_event_store_get_case_events (LoketDb     *db,
                                               const char  *case_uuid,
                                               GError     **error);
gboolean    loket_event_store_count           (LoketDb     *db,
                                               guint       *n_events,
                                               GError     **error);
/* Builds an event from a row selected with LOKET_EVENT_STORE_COLUMNS. */
LoketEvent *loket_event_store_event_from_row  (LoketDbStatement *stmt) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
