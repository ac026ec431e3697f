// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences (Ctrl+,): the office profile, letter number formats, the signing key, the server
// address and the holiday calendar, each value checked with a message before it is saved.
#pragma once

#include <adwaita.h>

#include "loket-store.h"
#include "loket-work-calendar.h"

G_BEGIN_DECLS

#define LOKET_TYPE_PREFERENCES_WINDOW (loket_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LoketPreferencesWindow, loket_preferences_window, LOKET, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* @settings: the application's GSettings (server-url, signing-key), or NULL. The office values
 * are read from and saved to @store in a worker thread. */
LoketPreferencesWindow *loket_preferences_window_new         (GtkWindow         *parent,
                                                              LoketStore        *store,
                                                              LoketWorkCalendar *calendar,
                                                              GSettings         *settings) G_GNUC_WARN_UNUSED_RESULT;

/* The last message shown (a validation error or "Saved"), or NULL. */
const char             *loket_preferences_window_get_message (LoketPreferencesWindow *self);
/* Whether the office values have been read from the database. */
gboolean                loket_preferences_window_is_loaded   (LoketPreferencesWindow *self);
/* Imports a holiday file as the Import button does: read and checked with the calendar's loader
 * in a worker thread, then the row and the message are updated. */
void                    loket_preferences_window_import_holidays_async  (LoketPreferencesWindow *self,
                                                                         GFile                  *file,
                                                                         GCancellable           *cancellable,
                                                                         GAsyncReadyCallback     callback,
                                                                         gpointer                user_data);
gboolean                loket_preferences_window_import_holidays_finish (LoketPreferencesWindow *self,
                                                                         GAsyncResult           *result,
                                                                         GError                **error);

G_END_DECLS
