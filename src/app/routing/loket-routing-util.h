// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers the routing widgets share: naming positions and people, toasts.
#pragma once

#include <adwaita.h>

#include "loket-org-chart.h"
#include "loket-workflow.h"

G_BEGIN_DECLS

/* "Kepala Bidang Ketenagakerjaan — Yohanes Tefa" (the jabatan and its holders), or the id. */
char *loket_routing_position_label (LoketOrgChart *org,
                                    const char    *position_id) G_GNUC_WARN_UNUSED_RESULT;
/* "Plh. Kepala Dinas" for a delegated acting position, else the jabatan. */
char *loket_routing_acting_label (LoketOrgChart             *org,
                                  const LoketActingPosition *acting) G_GNUC_WARN_UNUSED_RESULT;
/* The labels of @instructions (ids) joined by ", ", in the UI language. */
char *loket_routing_instructions_text (LoketWorkflow     *workflow,
                                       const char *const *instructions) G_GNUC_WARN_UNUSED_RESULT;
/* A toast on the nearest AdwToastOverlay above @widget (or of its window). */
void loket_routing_toast (GtkWidget *widget, const char *title);

G_END_DECLS
