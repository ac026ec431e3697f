// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: inboxes, the case list and the case pane.
#pragma once

#include <adwaita.h>

#include "loket-sync-engine.h"

#include "loket-case-list-model.h"

G_BEGIN_DECLS

#define LOKET_TYPE_WINDOW (loket_window_get_type ())

G_DECLARE_FINAL_TYPE (LoketWindow, loket_window, LOKET, WINDOW, AdwApplicationWindow)

LoketWindow        *loket_window_new        (GtkApplication *application) G_GNUC_WARN_UNUSED_RESULT;

/* Loads the reference data (catalog, holidays, org chart) off the main thread, opens the
 * database at @db_path asynchronously and shows its cases. Failures are shown in the window
 * (see loket_window_get_error()); nothing is modified. */
void                loket_window_open       (LoketWindow    *self,
                                             const char     *db_path);
/* Counts again, reloads the list and the inbox counts (F5). */
void                loket_window_refresh    (LoketWindow    *self);

/* The state of the window: "loading", "error" or "main". */
const char         *loket_window_get_state  (LoketWindow    *self);
/* The error shown in the window, or NULL. (transfer none) */
const GError       *loket_window_get_error  (LoketWindow    *self);
/* The case list, or NULL before the database is open. (transfer none) */
LoketCaseListModel *loket_window_get_cases  (LoketWindow    *self);
/* Selects the inbox of @key ("all", "needs_action", "overdue", "unit:<id>"). */
void                loket_window_select_inbox (LoketWindow  *self,
                                               const char   *key);

/* The signed-in person (org chart person id), or NULL before one is chosen. Setting it
 * remembers it in GSettings ("current-person") and shows that person's inboxes. */
const char         *loket_window_get_person (LoketWindow    *self);
void                loket_window_set_person (LoketWindow    *self,
                                             const char     *person_id);
/* Person inbox keys: "person:incoming", "person:needs_action", "person:awaiting_paraf",
 * "person:awaiting_signature", "person:sent", "person:late". The list of a person inbox while it
 * is selected (element LoketCase, data "loket-unread"), else NULL. (transfer none) */
GListModel         *loket_window_get_person_cases (LoketWindow *self);

/* Raises the escalations due now (each recorded once) and, when some are escalated to the
 * signed-in person, shows a notice (toast) and sends a desktop notification. Done on start and
 * every five minutes; this runs it at once. */
void                loket_window_check_escalations     (LoketWindow *self);
/* The text of the last escalation notice shown, or NULL. */
const char         *loket_window_get_escalation_notice (LoketWindow *self);
/* The "now" of the session (Unix s; 0 = the real clock): deadlines, late inboxes, escalations.
 * Renewed from the clock by refresh and by switching person. */
void                loket_window_set_now    (LoketWindow    *self,
                                             gint64          now);

/* Opens the intake dialog (win.new-case, Ctrl+N); presents it when it is already open. Does
 * nothing before the database is open. */
void                loket_window_new_case   (LoketWindow    *self);
/* The intake dialog while it is open, else NULL. (transfer none) */
GtkWindow          *loket_window_get_intake_dialog (LoketWindow *self);
/* The id of the unfinished intake (draft) offered back at start-up, or NULL. */
const char         *loket_window_get_offered_draft (LoketWindow *self);
/* The sync engine once signed in to the server (win.sign-in), else NULL. (transfer none) */
LoketSyncEngine    *loket_window_get_sync_engine   (LoketWindow *self);

G_END_DECLS
