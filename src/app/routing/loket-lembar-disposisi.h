// SPDX-License-Identifier: GPL-3.0-or-later
// The lembar disposisi of a case as a PDF: the letters library's template, its recipients,
// instructions (ticked) and notes filled from one disposition of the ledger.
#pragma once

#include <gio/gio.h>

#include "loket-case.h"
#include "loket-store.h"

G_BEGIN_DECLS

/* The disposition @person_id's sheet is about: the latest one a position they act for at @now
 * sent, else the latest one it received, else NULL (the case's latest). (transfer none) */
const char *loket_lembar_disposisi_choose (LoketDispositionLedger *ledger,
                                           LoketWorkflow          *workflow,
                                           const char             *person_id,
                                           gint64                  now);

/* Renders in a GTask thread (reads the case's events from @store). @disposition_id: the
 * disposition printed (NULL: the latest one sent). LOKET_ERROR_NOT_FOUND when the case has no
 * disposition, LOKET_ERROR_UNSUPPORTED when Loket was built without the letters library. */
void    loket_lembar_disposisi_render_async (LoketStore             *store,
                                             LoketWorkflow          *workflow,
                                             LoketCase              *kase,
                                             LoketDispositionLedger *ledger,
                                             const char             *disposition_id,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
GBytes *loket_lembar_disposisi_render_finish (GAsyncResult *result,
                                              GError      **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
