// SPDX-License-Identifier: GPL-3.0-or-later
// The intake dialog: register a case for any service, check its requirements, hand over a receipt.
#pragma once

#include <adwaita.h>

#include "loket-intake-form.h"
#include "loket-org-chart.h"
#include "loket-service-catalog.h"
#include "loket-store.h"
#include "loket-work-calendar.h"

G_BEGIN_DECLS

#define LOKET_TYPE_INTAKE_DIALOG (loket_intake_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LoketIntakeDialog, loket_intake_dialog, LOKET, INTAKE_DIALOG, AdwWindow)

/* Signals:
 *   "case-registered" (const char *case_uuid, const char *agenda_number): the case is committed.
 *   "case-changed" (const char *case_uuid): declared complete, returned or closed here.
 * Properties: "state" (read-only): "service" (picking the service), "form", "saving", "result";
 * "busy" (read-only): files being stored, a draft or a document on the way. */
LoketIntakeDialog *loket_intake_dialog_new            (GtkWindow           *parent,
                                                       LoketStore          *store,
                                                       LoketServiceCatalog *catalog,
                                                       LoketOrgChart       *org,
                                                       LoketWorkCalendar   *calendar) G_GNUC_WARN_UNUSED_RESULT;

/* Picks the service as if its row were chosen (its first channel). FALSE if the catalog does not
 * have it. */
gboolean           loket_intake_dialog_choose_service (LoketIntakeDialog   *self,
                                                       const char          *service_id);
/* Shows @form (a restored draft) on the form page. */
void               loket_intake_dialog_set_form       (LoketIntakeDialog   *self,
                                                       LoketIntakeForm     *form);
/* The form being filled, or NULL before a service is chosen. (transfer none) */
LoketIntakeForm   *loket_intake_dialog_get_form       (LoketIntakeDialog   *self);

const char        *loket_intake_dialog_get_state      (LoketIntakeDialog   *self);
gboolean           loket_intake_dialog_get_busy       (LoketIntakeDialog   *self);
/* Once registered: the case, its number, the case as stored (transfer none; NULL before). */
const char        *loket_intake_dialog_get_case_uuid     (LoketIntakeDialog *self);
const char        *loket_intake_dialog_get_agenda_number (LoketIntakeDialog *self);
LoketCase         *loket_intake_dialog_get_case          (LoketIntakeDialog *self);
/* The receipt PDF of the registered case, rendered after each change; NULL until it is ready. */
GBytes            *loket_intake_dialog_get_receipt       (LoketIntakeDialog *self);
/* The return notice PDF after "Return Incomplete"; NULL before. */
GBytes            *loket_intake_dialog_get_return_notice (LoketIntakeDialog *self);
/* How many times the draft has been saved (autosave), for tests. */
guint              loket_intake_dialog_get_n_drafts_saved (LoketIntakeDialog *self);

G_END_DECLS
