// SPDX-License-Identifier: GPL-3.0-or-later
// Package-private constructors of the catalog objects, used by the catalog parser.
#pragma once

#include <json-glib/json-glib.h>

#include "loket-agency.h"
#include "loket-requirement.h"
#include "loket-service.h"

G_BEGIN_DECLS

LoketRequirement *_loket_requirement_new (const char          *id,
                                          const char          *text,
                                          LoketRequirementKind kind,
                                          const char          *condition,
                                          const char          *channel,
                                          const char          *parent_id,
                                          const char          *product_of);

LoketAgency *_loket_agency_new (JsonObject *json, const char *file_name);
JsonObject  *_loket_agency_get_json (LoketAgency *self);
const char  *_loket_agency_get_file_name (LoketAgency *self);

/* @json is the service's object in the file; the getters read its strings. */
LoketService *
_loket_service_new (JsonObject *json, const char *agency_id, const char *file_name, guint index);
void        _loket_service_take_channels (LoketService *self, GStrv channels);
void        _loket_service_take_product_kinds (LoketService *self, GStrv kinds);
void        _loket_service_take_defects (LoketService *self, GStrv defect_codes);
void        _loket_service_add_requirement (LoketService *self, LoketRequirement *requirement);
void        _loket_service_take_sla_clause (LoketService *self, LoketSlaClause *clause);
JsonObject *_loket_service_get_json (LoketService *self);
const char *_loket_service_get_file_name (LoketService *self);
guint       _loket_service_get_index (LoketService *self);
GPtrArray  *_loket_service_get_all_requirements (LoketService *self);

G_END_DECLS
