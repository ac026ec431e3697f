// SPDX-License-Identifier: GPL-3.0-or-later
// The intake form: fields and checklist. Validation: loket-intake-form-check.c; drafts and
// events: loket-intake-form-io.c.
#include "config.h"

#include "loket-intake-form.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-intake-form-private.h"

G_DEFINE_FINAL_TYPE (LoketIntakeForm, loket_intake_form, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SERVICE,
  PROP_CHANNEL,
  PROP_DRAFT_ID,
  PROP_SUBJECT,
  PROP_RETURN_NOTE,
  PROP_RECEIVED_AT,
  N_PROPS,
};

enum
{
  SIGNAL_CHANGED,
  SIGNAL_REQUIREMENT_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static const char *const sifat_names[] = { "biasa", "segera", "sangat_segera", "rahasia" };

const char *
loket_letter_sifat_to_string (LoketLetterSifat sifat)
{
  g_return_val_if_fail ((guint) sifat < G_N_ELEMENTS (sifat_names), "biasa");
  return sifat_names[sifat];
}

gboolean
loket_letter_sifat_from_string (const char *text, LoketLetterSifat *sifat)
{
  for (guint i = 0; i < G_N_ELEMENTS (sifat_names); i++)
    if (g_strcmp0 (text, sifat_names[i]) == 0)
      {
        *sifat = (LoketLetterSifat) i;
        return TRUE;
      }
  return FALSE;
}

static void
item_free (LoketIntakeItem *item)
{
  g_clear_pointer (&item->attachments, g_ptr_array_unref);
  g_free (item);
}

void
_loket_intake_form_emit_changed (LoketIntakeForm *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
emit_requirement_changed (LoketIntakeForm *self, const char *id)
{
  g_signal_emit (self, signals[SIGNAL_REQUIREMENT_CHANGED], 0, id);
  _loket_intake_form_emit_changed (self);
}

static void
party_changed_cb (LoketIntakeForm *self)
{
  _loket_intake_form_emit_changed (self);
}

/* GObject */

static void
loket_intake_form_dispose (GObject *object)
{
  LoketIntakeForm *self = LOKET_INTAKE_FORM (object);

  if (self->parties != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->parties)); i++)
      {
        g_autoptr (LoketParty) party = g_list_model_get_item (G_LIST_MODEL (self->parties), i);
        g_signal_handlers_disconnect_by_func (party, party_changed_cb, self);
      }
  g_clear_object (&self->parties);
  G_OBJECT_CLASS (loket_intake_form_parent_class)->dispose (object);
}

static void
loket_intake_form_finalize (GObject *object)
{
  LoketIntakeForm *self = LOKET_INTAKE_FORM (object);

  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->requirements, g_ptr_array_unref);
  g_clear_object (&self->service);
  g_clear_object (&self->catalog);
  g_free (self->channel);
  g_free (self->draft_id);
  g_free (self->subject);
  g_free (self->return_note);
  g_free (self->letter_number);
  g_free (self->letter_date);
  g_free (self->letter_sender);
  G_OBJECT_CLASS (loket_intake_form_parent_class)->finalize (object);
}

static void
loket_intake_form_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LoketIntakeForm *self = LOKET_INTAKE_FORM (object);

  switch (prop_id)
    {
      case PROP_SERVICE:
        g_value_set_object (value, self->service);
        break;
      case PROP_CHANNEL:
        g_value_set_string (value, self->channel);
        break;
      case PROP_DRAFT_ID:
        g_value_set_string (value, self->draft_id);
        break;
      case PROP_SUBJECT:
        g_value_set_string (value, self->subject);
        break;
      case PROP_RETURN_NOTE:
        g_value_set_string (value, self->return_note);
        break;
      case PROP_RECEIVED_AT:
        g_value_set_int64 (value, self->received_at);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_intake_form_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LoketIntakeForm *self = LOKET_INTAKE_FORM (object);

  switch (prop_id)
    {
      case PROP_SUBJECT:
        loket_intake_form_set_subject (self, g_value_get_string (value));
        break;
      case PROP_RETURN_NOTE:
        loket_intake_form_set_return_note (self, g_value_get_string (value));
        break;
      case PROP_RECEIVED_AT:
        loket_intake_form_set_received_at (self, g_value_get_int64 (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_intake_form_class_init (LoketIntakeFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags   rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = loket_intake_form_dispose;
  object_class->finalize = loket_intake_form_finalize;
  object_class->get_property = loket_intake_form_get_property;
  object_class->set_property = loket_intake_form_set_property;

  properties[PROP_SERVICE]
    = g_param_spec_object ("service", NULL, NULL, LOKET_TYPE_SERVICE, ro);
  properties[PROP_CHANNEL] = g_param_spec_string ("channel", NULL, NULL, NULL, ro);
  properties[PROP_DRAFT_ID] = g_param_spec_string ("draft-id", NULL, NULL, NULL, ro);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, rw);
  properties[PROP_RETURN_NOTE] = g_param_spec_string ("return-note", NULL, NULL, NULL, rw);
  properties[PROP_RECEIVED_AT]
    = g_param_spec_int64 ("received-at", NULL, NULL, 0, G_MAXINT64, 0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REQUIREMENT_CHANGED]
    = g_signal_new ("requirement-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
loket_intake_form_init (LoketIntakeForm *self)
{
  self->parties = g_list_store_new (LOKET_TYPE_PARTY);
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) item_free);
}

/* Construction */

LoketIntakeForm *
loket_intake_form_new (LoketServiceCatalog *catalog,
                       const char          *service_id,
                       const char          *channel,
                       GError             **error)
{
  g_autoptr (LoketIntakeForm) self = NULL;
  LoketService *service;

  g_return_val_if_fail (LOKET_IS_SERVICE_CATALOG (catalog), NULL);

  service = service_id != NULL ? loket_service_catalog_lookup (catalog, service_id) : NULL;
  if (service == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("There is no service “%s”"),
                   service_id != NULL ? service_id : "");
      return NULL;
    }
  if (loket_service_is_retired (service))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The service “%s” is no longer offered; its earlier cases are kept"),
                   loket_service_get_name (service));
      return NULL;
    }
  if (channel == NULL || !loket_service_has_channel (service, channel))
    {
      g_autofree char *have = g_strjoinv (", ", (char **) loket_service_get_channels (service));

      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The service “%s” cannot be requested through the channel “%s” (it has: %s)"),
                   loket_service_get_name (service), channel != NULL ? channel : "", have);
      return NULL;
    }

  self = g_object_new (LOKET_TYPE_INTAKE_FORM, NULL);
  self->catalog = g_object_ref (catalog);
  self->service = g_object_ref (service);
  self->channel = g_strdup (channel);
  self->draft_id = g_uuid_string_random ();
  self->requirements = loket_service_get_requirements (service, channel);
  if (self->requirements == NULL)
    self->requirements = g_ptr_array_new ();
  for (guint i = 0; i < self->requirements->len; i++)
    {
      LoketRequirement *req = g_ptr_array_index (self->requirements, i);
      LoketIntakeItem  *item = g_new0 (LoketIntakeItem, 1);

      item->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_attachment_free);
      g_hash_table_insert (self->items, (gpointer) loket_requirement_get_id (req), item);
    }
  return g_steal_pointer (&self);
}

void
_loket_intake_form_set_draft_id (LoketIntakeForm *self, const char *draft_id)
{
  g_free (self->draft_id);
  self->draft_id = g_strdup (draft_id);
}

LoketIntakeItem *
_loket_intake_form_lookup_item (LoketIntakeForm *self, const char *requirement_id)
{
  return requirement_id != NULL ? g_hash_table_lookup (self->items, requirement_id) : NULL;
}

/* Simple accessors */

LoketServiceCatalog *
loket_intake_form_get_catalog (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  return self->catalog;
}

LoketService *
loket_intake_form_get_service (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  return self->service;
}

const char *
loket_intake_form_get_channel (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  return self->channel;
}

const char *
loket_intake_form_get_draft_id (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  return self->draft_id;
}

gboolean
loket_intake_form_is_counter_service (LoketIntakeForm *self)
{
  const LoketSlaClause *clause;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), FALSE);
  clause = loket_service_get_deadline_clause (self->service, self->channel);
  return clause != NULL && (clause->unit == LOKET_SLA_UNIT_MINUTE || clause->unit == LOKET_SLA_UNIT_HOUR);
}

static gboolean
replace_string (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

const char *
loket_intake_form_get_subject (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  return self->subject;
}

void
loket_intake_form_set_subject (LoketIntakeForm *self, const char *subject)
{
  g_return_if_fail (LOKET_IS_INTAKE_FORM (self));
  if (!replace_string (&self->subject, subject))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT]);
  _loket_intake_form_emit_changed (self);
}

gint64
loket_intake_form_get_received_at (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), 0);
  return self->received_at;
}

void
loket_intake_form_set_received_at (LoketIntakeForm *self, gint64 received_at)
{
  g_return_if_fail (LOKET_IS_INTAKE_FORM (self));
  g_return_if_fail (received_at >= 0);
  if (self->received_at == received_at)
    return;
  self->received_at = received_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVED_AT]);
  _loket_intake_form_emit_changed (self);
}

const char *
loket_intake_form_get_return_note (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  return self->return_note;
}

void
loket_intake_form_set_return_note (LoketIntakeForm *self, const char *note)
{
  g_return_if_fail (LOKET_IS_INTAKE_FORM (self));
  if (!replace_string (&self->return_note, note))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETURN_NOTE]);
  _loket_intake_form_emit_changed (self);
}

/* Letter */

gboolean
loket_intake_form_get_has_letter (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), FALSE);
  return self->has_letter;
}

void
loket_intake_form_set_letter (LoketIntakeForm *self,
                              const char      *number,
                              const char      *date,
                              const char      *sender,
                              LoketLetterSifat sifat)
{
  g_return_if_fail (LOKET_IS_INTAKE_FORM (self));
  g_return_if_fail ((guint) sifat < G_N_ELEMENTS (sifat_names));

  self->has_letter = TRUE;
  replace_string (&self->letter_number, number);
  replace_string (&self->letter_date, date);
  replace_string (&self->letter_sender, sender);
  self->letter_sifat = sifat;
  _loket_intake_form_emit_changed (self);
}

void
loket_intake_form_clear_letter (LoketIntakeForm *self)
{
  g_return_if_fail (LOKET_IS_INTAKE_FORM (self));
  if (!self->has_letter)
    return;
  self->has_letter = FALSE;
  g_clear_pointer (&self->letter_number, g_free);
  g_clear_pointer (&self->letter_date, g_free);
  g_clear_pointer (&self->letter_sender, g_free);
  self->letter_sifat = LOKET_LETTER_SIFAT_BIASA;
  _loket_intake_form_emit_changed (self);
}

const char *
loket_intake_form_get_letter_number (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  return self->letter_number;
}

const char *
loket_intake_form_get_letter_date (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  return self->letter_date;
}

const char *
loket_intake_form_get_letter_sender (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  return self->letter_sender;
}

LoketLetterSifat
loket_intake_form_get_letter_sifat (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), LOKET_LETTER_SIFAT_BIASA);
  return self->letter_sifat;
}

/* Parties */

GListModel *
loket_intake_form_get_parties (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  return G_LIST_MODEL (self->parties);
}

guint
loket_intake_form_get_n_parties (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->parties));
}

LoketParty *
loket_intake_form_get_party (LoketIntakeForm *self, guint position)
{
  g_autoptr (LoketParty) party = NULL;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  party = g_list_model_get_item (G_LIST_MODEL (self->parties), position);
  /* The store keeps its reference: hand out a borrowed pointer. */
  return party;
}

void
loket_intake_form_add_party (LoketIntakeForm *self, LoketParty *party)
{
  g_return_if_fail (LOKET_IS_INTAKE_FORM (self));
  g_return_if_fail (LOKET_IS_PARTY (party));

  g_signal_connect_object (party, "changed", G_CALLBACK (party_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_list_store_append (self->parties, party);
  _loket_intake_form_emit_changed (self);
}

void
loket_intake_form_remove_party (LoketIntakeForm *self, guint position)
{
  g_autoptr (LoketParty) party = NULL;

  g_return_if_fail (LOKET_IS_INTAKE_FORM (self));
  party = g_list_model_get_item (G_LIST_MODEL (self->parties), position);
  g_return_if_fail (party != NULL);

  g_signal_handlers_disconnect_by_func (party, party_changed_cb, self);
  g_list_store_remove (self->parties, position);
  _loket_intake_form_emit_changed (self);
}

/* Checklist */

GPtrArray *
loket_intake_form_get_requirements (LoketIntakeForm *self)
{
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  return self->requirements;
}

static LoketIntakeItem *
item_or_error (LoketIntakeForm *self, const char *requirement_id, GError **error)
{
  LoketIntakeItem *item = _loket_intake_form_lookup_item (self, requirement_id);

  if (item == NULL)
    g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                 _ ("The service “%s” has no requirement “%s” on this channel"),
                 loket_service_get_name (self->service), requirement_id != NULL ? requirement_id : "");
  return item;
}

gboolean
loket_intake_form_get_satisfied (LoketIntakeForm *self, const char *requirement_id)
{
  LoketIntakeItem *item;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), FALSE);
  item = _loket_intake_form_lookup_item (self, requirement_id);
  return item != NULL && item->satisfied;
}

gboolean
loket_intake_form_set_satisfied (LoketIntakeForm *self,
                                 const char      *requirement_id,
                                 gboolean         satisfied,
                                 GError         **error)
{
  LoketIntakeItem *item;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), FALSE);
  item = item_or_error (self, requirement_id, error);
  if (item == NULL)
    return FALSE;
  if (item->satisfied != !!satisfied)
    {
      item->satisfied = !!satisfied;
      emit_requirement_changed (self, requirement_id);
    }
  return TRUE;
}

gboolean
loket_intake_form_get_applies (LoketIntakeForm *self, const char *requirement_id)
{
  LoketIntakeItem *item;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), FALSE);
  item = _loket_intake_form_lookup_item (self, requirement_id);
  return item != NULL && item->applies;
}

gboolean
loket_intake_form_set_applies (LoketIntakeForm *self,
                               const char      *requirement_id,
                               gboolean         applies,
                               GError         **error)
{
  LoketIntakeItem *item;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), FALSE);
  item = item_or_error (self, requirement_id, error);
  if (item == NULL)
    return FALSE;
  if (item->applies != !!applies)
    {
      item->applies = !!applies;
      emit_requirement_changed (self, requirement_id);
    }
  return TRUE;
}

GPtrArray *
loket_intake_form_get_attachments (LoketIntakeForm *self, const char *requirement_id)
{
  LoketIntakeItem *item;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  item = _loket_intake_form_lookup_item (self, requirement_id);
  return item != NULL ? item->attachments : NULL;
}

gboolean
loket_intake_form_add_attachment (LoketIntakeForm       *self,
                                  const char            *requirement_id,
                                  const LoketAttachment *attachment,
                                  GError               **error)
{
  LoketIntakeItem *item;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (LoketAttachment) checked = NULL;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), FALSE);
  g_return_val_if_fail (attachment != NULL, FALSE);

  item = item_or_error (self, requirement_id, error);
  if (item == NULL)
    return FALSE;
  /* The same rules as a draft read back. */
  node = loket_attachment_to_json (attachment);
  checked = loket_attachment_new_from_json (node, error);
  if (checked == NULL)
    return FALSE;
  for (guint i = 0; i < item->attachments->len; i++)
    {
      LoketAttachment *have = g_ptr_array_index (item->attachments, i);
      if (g_str_equal (have->sha256, attachment->sha256))
        return TRUE;
    }
  g_ptr_array_add (item->attachments, g_steal_pointer (&checked));
  item->satisfied = TRUE;
  emit_requirement_changed (self, requirement_id);
  return TRUE;
}

gboolean
loket_intake_form_remove_attachment (LoketIntakeForm *self,
                                     const char      *requirement_id,
                                     const char      *sha256,
                                     GError         **error)
{
  LoketIntakeItem *item;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), FALSE);
  item = item_or_error (self, requirement_id, error);
  if (item == NULL)
    return FALSE;
  for (guint i = 0; i < item->attachments->len; i++)
    {
      LoketAttachment *have = g_ptr_array_index (item->attachments, i);
      if (g_strcmp0 (have->sha256, sha256) == 0)
        {
          g_ptr_array_remove_index (item->attachments, i);
          emit_requirement_changed (self, requirement_id);
          return TRUE;
        }
    }
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
               _ ("That file is not attached to this requirement"));
  return FALSE;
}

GPtrArray *
loket_intake_form_list_all_attachments (LoketIntakeForm *self)
{
  GPtrArray *all;

  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (self), NULL);
  all = g_ptr_array_new ();
  for (guint i = 0; i < self->requirements->len; i++)
    {
      LoketRequirement *req = g_ptr_array_index (self->requirements, i);
      LoketIntakeItem  *item = _loket_intake_form_lookup_item (self, loket_requirement_get_id (req));

      for (guint j = 0; j < item->attachments->len; j++)
        g_ptr_array_add (all, g_ptr_array_index (item->attachments, j));
    }
  return all;
}
