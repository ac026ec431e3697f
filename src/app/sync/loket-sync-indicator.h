// SPDX-License-Identifier: GPL-3.0-or-later
// The header-bar sync status: "Tersinkron" / "N perubahan menunggu" / "Offline sejak …", a
// popover with details, "Sinkronkan sekarang" (win.sync-now) and "Masuk…" (win.sign-in).
#pragma once

#include <adwaita.h>

#include "loket-sync-engine.h"

G_BEGIN_DECLS

#define LOKET_TYPE_SYNC_INDICATOR (loket_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (LoketSyncIndicator, loket_sync_indicator, LOKET, SYNC_INDICATOR, GtkWidget)

GtkWidget  *loket_sync_indicator_new        (void) G_GNUC_WARN_UNUSED_RESULT;
/* Follows @engine's state (NULL: "Not signed in"). */
void        loket_sync_indicator_set_engine (LoketSyncIndicator *self,
                                          LoketSyncEngine *engine);
/* The text on the button (for tests). */
const char *loket_sync_indicator_get_label  (LoketSyncIndicator *self);

G_END_DECLS
