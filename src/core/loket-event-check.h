// SPDX-License-Identifier: GPL-3.0-or-later
// Whether an event's body keeps the contract every fold reads it by (src/core/EVENTS.md).
#pragma once

#include "loket-case-projector.h"
#include "loket-event.h"

G_BEGIN_DECLS

gboolean loket_event_check_body (LoketCaseProjector *projector,
                                 LoketEvent         *event,
                                 GError            **error);

G_END_DECLS
