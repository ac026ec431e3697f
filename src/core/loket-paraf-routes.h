// SPDX-License-Identifier: GPL-3.0-or-later
// Paraf routes as data (data/workflow/paraf-routes.json): who initials a letter draft, in which
// order, and who signs it — roles resolved on the org chart relative to the unit handling the case.
//
// A route { "id", "label", "services?": […], "units?": […], "unit_kinds?": […], "kinds?": […],
// "steps": ["section_head", "division_head", "secretary", "head"] } applies when every criterion
// it names matches (services: the case's service; units: the case's unit or one containing it;
// unit_kinds: the kind of the Bidang/Sekretariat/UPTD containing the case's unit; kinds: the
// draft's template kind). The most specific matching route wins (services 8, units 4, kinds 2,
// unit_kinds 1; ties: first in the file). Steps are roles; each resolves to one position relative
// to the case's unit (the drafter's own Seksi when it lies in the same Bidang); roles without a
// position there are skipped, repeated positions count once, steps up to and including the
// drafter's own position are dropped. The last step is the signer; it must resolve.
#pragma once

#include "loket-workflow.h"

G_BEGIN_DECLS

/* After signing: who receives the hand-over step (a disposition) and with what instruction. */
typedef struct
{
  LoketRole role;        /* normally LOKET_ROLE_REGISTRAR (Pengadministrasi Umum) */
  char     *instruction; /* an id of instructions.json */
  char     *note;        /* Indonesian text of the disposition */
} LoketHandover;

#define LOKET_TYPE_PARAF_ROUTES (loket_paraf_routes_get_type ())
G_DECLARE_FINAL_TYPE (LoketParafRoutes, loket_paraf_routes, LOKET, PARAF_ROUTES, GObject)

/* $LOKET_WORKFLOW_DIR/paraf-routes.json when that variable is set, else the copy compiled into
 * the core resource. */
LoketParafRoutes *loket_paraf_routes_new_default   (GError    **error) G_GNUC_WARN_UNUSED_RESULT;
/* Parses and checks (unknown role or unit kind, no steps, a non-list criterion, no handover →
 * LOKET_ERROR_INVALID_DATA naming the route). */
LoketParafRoutes *loket_paraf_routes_new_from_data (const char *data,
                                                    gssize      length,
                                                    GError    **error) G_GNUC_WARN_UNUSED_RESULT;

guint       loket_paraf_routes_get_n_routes (LoketParafRoutes *self);
/* The id of the route that applies (see above), or NULL when none does. (transfer none) */
const char *loket_paraf_routes_match        (LoketParafRoutes *self,
                                             LoketWorkflow    *workflow,
                                             const char       *service_id,
                                             const char       *unit_id,
                                             const char       *kind);
/* The positions of the route for a case handled by @unit_id, a draft of @kind by
 * @drafter_position (may be NULL): paraf positions in order, the signer last.
 * LOKET_ERROR_NOT_FOUND when no route applies or @unit_id is unknown; LOKET_ERROR_INVALID_DATA
 * when the signer role has no position, or nothing is left to paraf or sign. (transfer full,
 * element utf8) */
GPtrArray  *loket_paraf_routes_resolve      (LoketParafRoutes *self,
                                             LoketWorkflow    *workflow,
                                             const char       *service_id,
                                             const char       *unit_id,
                                             const char       *kind,
                                             const char       *drafter_position,
                                             GError          **error) G_GNUC_WARN_UNUSED_RESULT;
/* (transfer none) */
const LoketHandover *loket_paraf_routes_get_handover (LoketParafRoutes *self);
/* The position of @role for the agency of @unit_id as the routes resolve it (the Sekretaris of
 * the agency for LOKET_ROLE_SECRETARY wherever the unit is). (transfer none) */
const LoketPosition *loket_paraf_routes_resolve_role (LoketWorkflow *workflow,
                                                      const char    *unit_id,
                                                      LoketRole      role);

G_END_DECLS
