// SPDX-License-Identifier: GPL-3.0-or-later
// Events → LoketCase, deterministic: the same set of events in any order gives the same case.
#pragma once

#include "loket-case.h"
#include "loket-event.h"
#include "loket-service-catalog.h"
#include "loket-work-calendar.h"

G_BEGIN_DECLS

#define LOKET_TYPE_CASE_PROJECTOR (loket_case_projector_get_type ())

G_DECLARE_FINAL_TYPE (LoketCaseProjector, loket_case_projector, LOKET, CASE_PROJECTOR, GObject)

LoketCaseProjector *loket_case_projector_new     (LoketServiceCatalog *catalog,
                                                  LoketWorkCalendar   *calendar) G_GNUC_WARN_UNUSED_RESULT;

LoketServiceCatalog *loket_case_projector_get_catalog  (LoketCaseProjector *self);
LoketWorkCalendar   *loket_case_projector_get_calendar (LoketCaseProjector *self);

/* Sorts a copy of @events by (HLC, UUID) and folds them. All events must belong to one case. */
LoketCase          *loket_case_projector_project (LoketCaseProjector *self,
                                                  GPtrArray          *events,
                                                  GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* Folds one more event into @kase; the caller guarantees (HLC, UUID) order. Unknown event types
 * are counted but change nothing (newer clients may know more types). A malformed body of a known
 * type is an error and leaves @kase untouched. */
gboolean            loket_case_projector_apply   (LoketCaseProjector *self,
                                                  LoketCase          *kase,
                                                  LoketEvent         *event,
                                                  GError            **error);

G_END_DECLS
