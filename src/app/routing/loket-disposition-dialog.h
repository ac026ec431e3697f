// SPDX-License-Identifier: GPL-3.0-or-later
// The disposition dialog: send a case down to the positions the engine allows, with instructions,
// a note and a due date (a new disposition of the Kepala Dinas, or a forward).
#pragma once

#include <adwaita.h>

#include "loket-case.h"
#include "loket-store.h"

G_BEGIN_DECLS

#define LOKET_TYPE_DISPOSITION_DIALOG (loket_disposition_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LoketDispositionDialog,
                      loket_disposition_dialog,
                      LOKET,
                      DISPOSITION_DIALOG,
                      AdwWindow)

/* @action: the DISPOSE or FORWARD the engine allows @person_id (its targets and default due
 * date); copied. Signal "sent" (const char *disposition_id) once the store recorded it; the
 * dialog then closes itself. */
LoketDispositionDialog *loket_disposition_dialog_new (GtkWindow                *parent,
                                                      LoketStore               *store,
                                                      LoketWorkflow            *workflow,
                                                      LoketCase                *kase,
                                                      const char               *person_id,
                                                      const LoketAllowedAction *action,
                                                      GTimeZone *tz) G_GNUC_WARN_UNUSED_RESULT;

/* The check button of a recipient position or of an instruction id, or NULL (for tests). */
GtkCheckButton *loket_disposition_dialog_get_check (LoketDispositionDialog *self, const char *id);
/* Sets the due date to the local day @year-@month-@day (as if picked on the calendar). */
void
loket_disposition_dialog_set_due_day (LoketDispositionDialog *self, int year, int month, int day);
void loket_disposition_dialog_set_note (LoketDispositionDialog *self, const char *note);
/* TRUE while the store is recording. The inline error shown, or NULL. */
gboolean    loket_disposition_dialog_get_busy (LoketDispositionDialog *self);
const char *loket_disposition_dialog_get_error (LoketDispositionDialog *self);

G_END_DECLS
