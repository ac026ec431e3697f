// SPDX-License-Identifier: GPL-3.0-or-later
// One item of a service's requirements checklist (persyaratan).
#include "config.h"

#include "loket-requirement.h"

#include "loket-catalog-private.h"

struct _LoketRequirement
{
  GObject parent_instance;

  char                *id;
  char                *text;
  LoketRequirementKind kind;
  char                *condition;
  char                *channel;
  char                *parent_id;
  char                *product_of;
};

G_DEFINE_FINAL_TYPE (LoketRequirement, loket_requirement, G_TYPE_OBJECT)

static void
loket_requirement_finalize (GObject *object)
{
  LoketRequirement *self = LOKET_REQUIREMENT (object);

  g_free (self->id);
  g_free (self->text);
  g_free (self->condition);
  g_free (self->channel);
  g_free (self->parent_id);
  g_free (self->product_of);

  G_OBJECT_CLASS (loket_requirement_parent_class)->finalize (object);
}

static void
loket_requirement_class_init (LoketRequirementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = loket_requirement_finalize;
}

static void
loket_requirement_init (LoketRequirement *self)
{
}

LoketRequirement *
_loket_requirement_new (const char          *id,
                        const char          *text,
                        LoketRequirementKind kind,
                        const char          *condition,
                        const char          *channel,
                        const char          *parent_id,
                        const char          *product_of)
{
  LoketRequirement *self = g_object_new (LOKET_TYPE_REQUIREMENT, NULL);

  self->id = g_strdup (id);
  self->text = g_strdup (text);
  self->kind = kind;
  self->condition = g_strdup (condition);
  self->channel = g_strdup (channel);
  self->parent_id = g_strdup (parent_id);
  self->product_of = g_strdup (product_of);

  return self;
}

const char *
loket_requirement_get_id (LoketRequirement *self)
{
  g_return_val_if_fail (LOKET_IS_REQUIREMENT (self), NULL);
  return self->id;
}

const char *
loket_requirement_get_text (LoketRequirement *self)
{
  g_return_val_if_fail (LOKET_IS_REQUIREMENT (self), NULL);
  return self->text;
}

LoketRequirementKind
loket_requirement_get_kind (LoketRequirement *self)
{
  g_return_val_if_fail (LOKET_IS_REQUIREMENT (self), LOKET_REQUIREMENT_MANDATORY);
  return self->kind;
}

const char *
loket_requirement_get_condition (LoketRequirement *self)
{
  g_return_val_if_fail (LOKET_IS_REQUIREMENT (self), NULL);
  return self->condition;
}

const char *
loket_requirement_get_channel (LoketRequirement *self)
{
  g_return_val_if_fail (LOKET_IS_REQUIREMENT (self), NULL);
  return self->channel;
}

const char *
loket_requirement_get_parent_id (LoketRequirement *self)
{
  g_return_val_if_fail (LOKET_IS_REQUIREMENT (self), NULL);
  return self->parent_id;
}

const char *
loket_requirement_get_product_of (LoketRequirement *self)
{
  g_return_val_if_fail (LOKET_IS_REQUIREMENT (self), NULL);
  return self->product_of;
}
