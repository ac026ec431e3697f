// SPDX-License-Identifier: GPL-3.0-or-later
// Realistic case events for the store tests, made with the real catalog, calendar and projector.
#pragma once

#include "loket-case-projector.h"
#include "loket-event.h"

G_BEGIN_DECLS

#define STORE_TEST_AGENCY "kopnakertrans-ntt"
#define STORE_TEST_SERVICE "kopnakertrans-ntt/rekomendasi-rekrutmen-akad"
#define STORE_TEST_UNIT "kopnakertrans-ntt/seksi-p3tk"

/* The projector over the default catalog and holiday calendar. */
LoketCaseProjector *store_test_projector_new (void);

typedef struct
{
  const char *case_uuid; /* NULL: random */
  const char *agenda_number;
  const char *applicant_name;
  const char *applicant_nik;
  const char *unit_id;     /* NULL: STORE_TEST_UNIT */
  gint64      received_at; /* Unix s */
  guint       n_events;    /* ≥ 1: registered, declared complete, disposition, draft, final
                              paraf, signed, closed, then comments */
} StoreTestCase;

/* The events of one case, one hour apart, in order. (element LoketEvent) */
GPtrArray *store_test_case_events (const StoreTestCase *spec);

/* One more event of @type for @case_uuid at @at (Unix s) + @tick ms. */
LoketEvent *
store_test_event (const char *case_uuid, const char *type, gint64 at, guint tick, const char *body);

G_END_DECLS
