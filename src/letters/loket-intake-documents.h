// SPDX-License-Identifier: GPL-3.0-or-later
// The counter's own documents of a case: tanda terima (receipt) and pengembalian berkas (return
// notice).
#pragma once

#include "loket-case.h"
#include "loket-event.h"
#include "loket-letter.h"
#include "loket-org-chart.h"
#include "loket-service-catalog.h"
#include "loket-work-calendar.h"

G_BEGIN_DECLS

/* Tanda terima: agenda number, date and time received, service, channel, parties, documents
 * received (the requirement checklist with what was handed in), the deadline in working days and
 * its date (or "dihitung sejak berkas dinyatakan lengkap" when not complete yet), how to complain
 * (the complaint channels of the service, else of the agency, from the catalog).
 * @events: (element LoketEvent) the case's events, any order. Returns the PDF bytes. */
GBytes *loket_receipt_render (LoketCase           *kase,
                              GPtrArray           *events,
                              LoketServiceCatalog *catalog,
                              LoketWorkCalendar   *calendar,
                              LoketOrgChart       *org,
                              LoketPaperSize       paper,
                              GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Pengembalian berkas: the missing requirements (from the latest case.returned event; every
 * unsatisfied mandatory requirement when it names none), its note, and what to do next.
 * Fails with LOKET_ERROR_INVALID_DATA when the case has no case.returned event. */
GBytes *loket_return_notice_render (LoketCase           *kase,
                                    GPtrArray           *events,
                                    LoketServiceCatalog *catalog,
                                    LoketWorkCalendar   *calendar,
                                    LoketOrgChart       *org,
                                    LoketPaperSize       paper,
                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
