// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in dialog: server address, username, password; then the first sync with a progress
// bar (on a new PC it downloads the agency's data).
#pragma once

#include <adwaita.h>

#include "loket-store.h"
#include "loket-sync-engine.h"

G_BEGIN_DECLS

#define LOKET_TYPE_SIGN_IN_DIALOG (loket_sign_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LoketSignInDialog, loket_sign_in_dialog, LOKET, SIGN_IN_DIALOG, AdwWindow)

/* @server_url, @username: prefilled (may be NULL). Signal "signed-in" (LoketSyncEngine *engine,
 * const char *username, const char *person_id) once the server accepted the password and the
 * first round ended (even when it failed: the engine keeps retrying); the dialog then closes. */
LoketSignInDialog *loket_sign_in_dialog_new (GtkWindow  *parent,
                                             LoketStore *store,
                                             const char *server_url,
                                             const char *username) G_GNUC_WARN_UNUSED_RESULT;

/* For tests: fill the form and press "Sign In". */
void        loket_sign_in_dialog_set_credentials (LoketSignInDialog *self,
                                                  const char        *server_url,
                                                  const char        *username,
                                                  const char        *password);
void        loket_sign_in_dialog_submit          (LoketSignInDialog *self);
gboolean    loket_sign_in_dialog_get_busy        (LoketSignInDialog *self);
/* The inline error shown, or NULL. */
const char *loket_sign_in_dialog_get_error       (LoketSignInDialog *self);

G_END_DECLS
