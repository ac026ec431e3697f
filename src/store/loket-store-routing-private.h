// SPDX-License-Identifier: GPL-3.0-or-later
// Internals shared by the routing parts of LoketStore (acts, table, inboxes).
#pragma once

#include "loket-store-private.h"

G_BEGIN_DECLS

/* The columns _loket_store_disposition_from_row reads, in order. */
#define LOKET_DISPOSITION_COLUMNS                                                                 \
  "id, position_id, case_uuid, parent_id, from_position, from_person, instructions, note, "      \
  "sent_hlc, sent_at, due_at, read_at, forwarded_at, reported_at, withdrawn_at, escalated_at, "  \
  "escalated_to, report_note, report_blobs, reported_by, state"

/* A row of LOKET_DISPOSITION_COLUMNS as a disposition. */
LoketDisposition *_loket_store_disposition_from_row (LoketDbStatement *stmt);

/* The workflow (made on first use); loads the `stand_ins` table into it when on the database
 * thread. (transfer none) */
LoketWorkflow    *_loket_store_workflow_on_thread (LoketStore *self,
                                                   GError    **error);

G_END_DECLS
