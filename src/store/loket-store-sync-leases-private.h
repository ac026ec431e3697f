// SPDX-License-Identifier: GPL-3.0-or-later
// The number-lease methods of the store's LoketSyncJournal (loket-store-leases.c).
#pragma once

#include "loket-sync-journal.h"

G_BEGIN_DECLS

void _loket_store_sync_leases_init (LoketSyncJournalInterface *iface);

G_END_DECLS
