// SPDX-License-Identifier: GPL-3.0-or-later
// The store test fixture: a fresh store in a temporary folder, and assertions shared by tests.
#pragma once

#include "loket-store.h"
#include "store-test-events.h"

G_BEGIN_DECLS

/* 2026-10-01 09:00 WITA */
#define T0 ((gint64) 1790816400)

typedef struct
{
  char               *dir;
  char               *path; /* <dir>/data/loket.db */
  LoketCaseProjector *projector;
  LoketStore         *store;
} Fixture;

void fixture_set_up (Fixture *f, gconstpointer user_data);
void fixture_tear_down (Fixture *f, gconstpointer user_data);
/* Closes and opens the store again. */
void reopen (Fixture *f);
/* Appends one case of @n_events (see StoreTestCase) and returns its events. */
GPtrArray  *append_case (Fixture    *f,
                         const char *agenda,
                         const char *name,
                         const char *nik,
                         gint64      received_at,
                         guint       n_events);
const char *case_of (GPtrArray *events);
void        assert_check_clean (LoketStore *store);
/* The stored projection of @case_uuid equals the projector's fold of its stored events. */
void assert_projection_is_fold (Fixture *f, const char *case_uuid);

G_END_DECLS
