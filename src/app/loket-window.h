// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: inboxes, the case list and the case pane.
#pragma once

#include <adwaita.h>

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

/* Opens the intake dialog (win.new-case, Ctrl+N); presents it when it is already open. Does
 * nothing before the database is open. */
void                loket_window_new_case   (LoketWindow    *self);
/* The intake dialog while it is open, else NULL. (transfer none) */
GtkWindow          *loket_window_get_intake_dialog (LoketWindow *self);
/* The id of the unfinished intake (draft) offered back at start-up, or NULL. */
const char         *loket_window_get_offered_draft (LoketWindow *self);

G_END_DECLS
