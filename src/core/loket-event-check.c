// SPDX-License-Identifier: GPL-3.0-or-later
// Whether an event's body keeps the contract every fold reads it by (src/core/EVENTS.md).
//
// The case projector and the disposition ledger refuse a body that breaks the contract of its
// type, and a PC refuses to store what it cannot fold: one such event accepted by the server
// would stop every PC of the office at the same page of its pull. The server checks each pushed
// event here first. Both folds check bodies before they look at the case's state, so folding the
// event alone onto an empty case finds exactly those errors. The draft chain is not asked: its
// errors depend on earlier events, and a chain that does not fold only leaves a case without
// rows (loket-store-chain.c). Types this build does not know pass, as they pass every fold.

#include "config.h"

#include "loket-event-check.h"

#include "loket-disposition-ledger.h"

/* LOKET_ERROR_INVALID_DATA naming the event, the member and what is wrong with it, as the folds
 * word it. @projector gives the catalog a case.registered is checked against. */
gboolean
loket_event_check_body (LoketCaseProjector *projector,
                        LoketEvent         *event,
                        GError            **error)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new ();
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketDispositionLedger) ledger = NULL;

  g_return_val_if_fail (LOKET_IS_CASE_PROJECTOR (projector), FALSE);
  g_return_val_if_fail (LOKET_IS_EVENT (event), FALSE);

  g_ptr_array_add (events, event);
  kase = loket_case_projector_project (projector, events, error);
  if (kase == NULL)
    return FALSE;
  ledger = loket_disposition_ledger_new_from_events (loket_event_get_case_uuid (event), events,
                                                     error);
  return ledger != NULL;
}
