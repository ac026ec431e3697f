// SPDX-License-Identifier: GPL-3.0-or-later
// One item of a service's requirements checklist (persyaratan).
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  LOKET_REQUIREMENT_MANDATORY,
  LOKET_REQUIREMENT_OPTIONAL,
  LOKET_REQUIREMENT_CONDITIONAL, /* mandatory when `condition` holds */
} LoketRequirementKind;

#define LOKET_TYPE_REQUIREMENT (loket_requirement_get_type ())

G_DECLARE_FINAL_TYPE (LoketRequirement, loket_requirement, LOKET, REQUIREMENT, GObject)

const char          *loket_requirement_get_id        (LoketRequirement *self); /* stable within the service, e.g. "r3" or "r3.b" */
const char          *loket_requirement_get_text      (LoketRequirement *self);
LoketRequirementKind loket_requirement_get_kind      (LoketRequirement *self);
const char          *loket_requirement_get_condition (LoketRequirement *self); /* NULL unless conditional */
const char          *loket_requirement_get_channel   (LoketRequirement *self); /* NULL: every channel */
const char          *loket_requirement_get_parent_id (LoketRequirement *self); /* sub-item of; NULL at top */
/* Id of another service whose product this requirement is (XVI needs the SPP-AKAD of XV), or NULL. */
const char          *loket_requirement_get_product_of (LoketRequirement *self);

G_END_DECLS
