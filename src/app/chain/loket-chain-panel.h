// SPDX-License-Identifier: GPL-3.0-or-later
// The review chain part of the case pane: each draft letter's paraf route (who initialled, whose
// turn it is, returns with their notes), the actions the engine allows the signed-in person
// (Ajukan / Paraf / Kembalikan / Tandatangani / Bandingkan versi) and the review comments.
#pragma once

#include <adwaita.h>

#include "loket-case.h"
#include "loket-store.h"

G_BEGIN_DECLS

#define LOKET_TYPE_CHAIN_PANEL (loket_chain_panel_get_type ())
G_DECLARE_FINAL_TYPE (LoketChainPanel, loket_chain_panel, LOKET, CHAIN_PANEL, GtkWidget)

/* Signal "changed" (const char *case_uuid): an act was recorded (inboxes and lists are stale).
 * Signal "sign-requested" (const char *case_uuid, const char *draft_id): the person asked to
 * sign; the window opens the sign dialog (which needs the signing key settings). */
GtkWidget *loket_chain_panel_new          (void) G_GNUC_WARN_UNUSED_RESULT;
void       loket_chain_panel_set_context  (LoketChainPanel   *self,
                                           LoketStore        *store,
                                           LoketWorkflow     *workflow,
                                           LoketWorkCalendar *calendar);
void       loket_chain_panel_set_person   (LoketChainPanel   *self,
                                           const char        *person_id);
void       loket_chain_panel_set_now      (LoketChainPanel   *self,
                                           gint64             now);
void       loket_chain_panel_set_case     (LoketChainPanel   *self,
                                           LoketCase         *kase);
void       loket_chain_panel_reload       (LoketChainPanel   *self);
gboolean   loket_chain_panel_get_loading  (LoketChainPanel   *self);

/* For tests: the chain folded last (or NULL), the action button @name ("submit", "paraf",
 * "return", "sign", "review", "compare") of @draft_id (NULL when not offered), the comment rows, the
 * dialog last opened (unowned, NULL once closed). */
LoketDraftChain *loket_chain_panel_get_chain    (LoketChainPanel *self);
GtkWidget       *loket_chain_panel_get_button   (LoketChainPanel *self,
                                                 const char      *draft_id,
                                                 const char      *name);
GtkListBox      *loket_chain_panel_get_comments (LoketChainPanel *self);
GtkWidget       *loket_chain_panel_get_dialog   (LoketChainPanel *self);

G_END_DECLS
