// SPDX-License-Identifier: GPL-3.0-or-later
// The routing part of the case pane: the acts the engine allows the signed-in person (dispose,
// forward, report, withdraw, print the lembar disposisi) and the riwayat of dispositions.
#pragma once

#include <adwaita.h>

#include "loket-case.h"
#include "loket-store.h"

G_BEGIN_DECLS

#define LOKET_TYPE_ROUTING_PANEL (loket_routing_panel_get_type ())

G_DECLARE_FINAL_TYPE (LoketRoutingPanel, loket_routing_panel, LOKET, ROUTING_PANEL, GtkWidget)

/* Signal "changed" (const char *case_uuid): an act was recorded (inboxes and lists are stale).
 * Property "loading": TRUE while the ledger is being read. */
GtkWidget *loket_routing_panel_new (void) G_GNUC_WARN_UNUSED_RESULT;
void       loket_routing_panel_set_context (LoketRoutingPanel *self,
                                            LoketStore        *store,
                                            LoketWorkflow     *workflow,
                                            LoketWorkCalendar *calendar);
void       loket_routing_panel_set_person (LoketRoutingPanel *self, const char *person_id);
void       loket_routing_panel_set_now (LoketRoutingPanel *self, gint64 now);
void       loket_routing_panel_set_case (LoketRoutingPanel *self, LoketCase *kase);
void       loket_routing_panel_reload (LoketRoutingPanel *self);
gboolean   loket_routing_panel_get_loading (LoketRoutingPanel *self);

/* For tests: the buttons ("dispose", "forward", "report", "withdraw", "print"), the riwayat
 * rows, the dialog last opened (disposition dialog or the report/withdraw question; unowned,
 * NULL once closed), the last lembar disposisi rendered, and no print dialog after rendering. */
GtkWidget  *loket_routing_panel_get_button (LoketRoutingPanel *self, const char *name);
GtkListBox *loket_routing_panel_get_history (LoketRoutingPanel *self);
GtkWidget  *loket_routing_panel_get_dialog (LoketRoutingPanel *self);
GBytes     *loket_routing_panel_get_lembar (LoketRoutingPanel *self);
void        loket_routing_panel_set_print_dialog (LoketRoutingPanel *self, gboolean enabled);

G_END_DECLS
