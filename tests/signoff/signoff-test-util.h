// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the sign-off tests and benchmark: a case with a real letter draft taken through its
// paraf chain up to "awaiting signature".
#pragma once

#include "loket-store.h"

G_BEGIN_DECLS

#define SIGNOFF_AG "kopnakertrans-ntt/"
#define SIGNOFF_P_KADIS SIGNOFF_AG "p-kadis"
#define SIGNOFF_P_STAF SIGNOFF_AG "p-p3tk-1"

/* Appends a case (agenda @agenda) to @store, creates a "rekomendasi" draft filled from the case
 * and, when @approve, submits it and gives every paraf of its route. Returns the case UUID and
 * the draft id in @draft_id. */
char *signoff_test_prepare (LoketStore *store,
                            const char *agenda,
                            gboolean    approve,
                            char      **draft_id);

G_END_DECLS
