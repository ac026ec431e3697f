// SPDX-License-Identifier: GPL-3.0-or-later
// One service of an agency's Standar Pelayanan.
#pragma once

#include <glib-object.h>

#include "loket-requirement.h"
#include "loket-sla-clause.h"

G_BEGIN_DECLS

#define LOKET_TYPE_SERVICE (loket_service_get_type ())

G_DECLARE_FINAL_TYPE (LoketService, loket_service, LOKET, SERVICE, GObject)

const char         *loket_service_get_id          (LoketService *self); /* "kopnakertrans-ntt/rekomendasi-rekrutmen-akad" */
const char         *loket_service_get_agency_id   (LoketService *self);
const char         *loket_service_get_name        (LoketService *self); /* display name */
const char         *loket_service_get_name_source (LoketService *self); /* title as printed */
const char         *loket_service_get_lampiran    (LoketService *self); /* "XVI", "01" */
/* The unit (Bidang/Seksi/UPTD id of the org chart) that handles it. */
const char         *loket_service_get_unit_id     (LoketService *self);
/* TRUE when the source does not name the unit and the catalog inferred it. */
gboolean            loket_service_get_unit_inferred (LoketService *self);
const char *const  *loket_service_get_channels    (LoketService *self); /* "surat", "tatap_muka", … */
gboolean            loket_service_has_channel     (LoketService *self,
                                                   const char   *channel);
/* Requirements that apply to @channel (those for every channel plus the channel's own), in
 * source order. (transfer container) */
GPtrArray          *loket_service_get_requirements (LoketService *self,
                                                    const char   *channel) G_GNUC_WARN_UNUSED_RESULT;
/* All SLA clauses. (transfer none, element LoketSlaClause) */
GPtrArray          *loket_service_get_sla_clauses (LoketService *self);
/* The clause that sets the case deadline on @channel: the channel's own whole-service clause,
 * else the general one (channel and stage NULL), else, for a staged SLA without any
 * whole-service clause, the first stage that applies to @channel; NULL when none. (transfer none) */
const LoketSlaClause *loket_service_get_deadline_clause (LoketService *self,
                                                         const char   *channel);
/* Letter kinds of the products ("rekomendasi", "surat_keputusan", …); (transfer none) */
const char *const  *loket_service_get_product_kinds (LoketService *self);
const char         *loket_service_get_fee         (LoketService *self);
/* FALSE when any charge can apply. */
gboolean            loket_service_is_free         (LoketService *self);
/* A service the office no longer publishes: its cases stay and fold, intake does not offer it. */
gboolean            loket_service_is_retired      (LoketService *self);
/* Flags of defects in the source (e.g. "body-repeats-service-04"); (transfer none) */
const char *const  *loket_service_get_source_defects (LoketService *self);

G_END_DECLS
