// SPDX-License-Identifier: GPL-3.0-or-later
// "Tandatangani": signs one or several approved drafts with one PIN / passphrase entry (the
// GSettings key `signing-key`: a PKCS#12 file or a pkcs11: URI), showing progress and the
// result of each letter. The PIN is never logged or stored: it is wiped from the entry once used.
#pragma once

#include <adwaita.h>

#include "loket-store.h"

G_BEGIN_DECLS

#define LOKET_TYPE_SIGN_DIALOG (loket_sign_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LoketSignDialog, loket_sign_dialog, LOKET, SIGN_DIALOG, AdwWindow)

/* Lists the drafts awaiting @person_id's signature (own position and valid Plh./Plt.); those of
 * @case_uuid/@draft_id (may be NULL) are ticked, or all when NULL. @signing_key: path or URI
 * ("" / NULL: signing is not possible and the dialog says so).
 * Signal "signed" (guint n_signed): after a batch, when at least one letter was signed. */
GtkWidget *loket_sign_dialog_new (GtkWindow  *parent,
                                  LoketStore *store,
                                  const char *person_id,
                                  const char *signing_key,
                                  const char *case_uuid,
                                  const char *draft_id) G_GNUC_WARN_UNUSED_RESULT;

/* For tests: the letter rows, the PIN entry, the Sign button, whether the queue / a batch is
 * still running, and the results of the last batch (element LoketSignoffResult, or NULL). */
GtkListBox *loket_sign_dialog_get_list    (LoketSignDialog *self);
GtkEditable *loket_sign_dialog_get_pin    (LoketSignDialog *self);
GtkWidget  *loket_sign_dialog_get_sign_button (LoketSignDialog *self);
gboolean    loket_sign_dialog_get_busy    (LoketSignDialog *self);
GPtrArray  *loket_sign_dialog_get_results (LoketSignDialog *self);

G_END_DECLS
