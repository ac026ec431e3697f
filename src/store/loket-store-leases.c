// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore and sync: which registers need a new block of numbers from the server, numbering
// the letters left "signed, pending number", and the LoketSyncJournal methods over them.
#include "config.h"

#include <json-glib/json-glib.h>

#include "loket-draft-chain.h"
#include "loket-error.h"
#include "loket-store-chain.h"
#include "loket-store-intake-private.h"
#include "loket-store-numbering.h"
#include "loket-store-sync-leases-private.h"
#include "loket-store-sync.h"

/* From 15 December a PC also leases for the next year, so that one offline over the new year
 * can still number (numbers restart every year, DESIGN.md §8). */
#define NEXT_YEAR_FROM_DAY 15

/* ---- Lease needs -------------------------------------------------------------------------- */

static gint64
free_numbers (GPtrArray  *leases,
              const char *agency_id,
              const char *register_id,
              int         year,
              const char *device,
              gint64      now)
{
  gint64 n_free = 0;

  for (guint i = 0; i < leases->len; i++)
    {
      const LoketNumberLease *lease = g_ptr_array_index (leases, i);

      if (lease->year == year && lease->expires > now && g_strcmp0 (lease->device, device) == 0
          && g_strcmp0 (lease->agency_id, agency_id) == 0
          && g_strcmp0 (lease->register_id, register_id) == 0)
        n_free += MAX (0, lease->last - lease->first + 1 - lease->n_used);
    }
  return n_free;
}

GPtrArray *
loket_store_number_lease_needs (LoketStore *self,
                                const char *agency_id,
                                gint64      threshold,
                                gint64      now,
                                GError    **error)
{
  g_autoptr (GPtrArray) registers = NULL;
  g_autoptr (GPtrArray) leases = NULL;
  g_autoptr (GPtrArray) needs = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  int   years[2];
  guint n_years = 1;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (agency_id != NULL, NULL);

  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC;
  registers = loket_number_registers_new_default (error);
  if (registers == NULL)
    return NULL;
  leases = loket_store_list_number_leases (self, error);
  if (leases == NULL)
    return NULL;
  tz = _loket_store_agency_timezone (self, agency_id);
  utc = g_date_time_new_from_unix_utc (now);
  local = g_date_time_to_timezone (utc, tz);
  years[0] = g_date_time_get_year (local);
  if (g_date_time_get_month (local) == 12
      && g_date_time_get_day_of_month (local) >= NEXT_YEAR_FROM_DAY)
    years[n_years++] = years[0] + 1;

  needs = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_sync_lease_need_free);
  for (guint i = 0; i < registers->len; i++)
    {
      const LoketNumberRegister *reg = g_ptr_array_index (registers, i);

      if (g_strcmp0 (reg->agency_id, agency_id) != 0)
        continue;
      for (guint y = 0; y < n_years; y++)
        {
          gint64              n_free = free_numbers (leases, agency_id, reg->id, years[y],
                                                     loket_store_get_device_id (self), now);
          LoketSyncLeaseNeed *need;

          if (n_free >= threshold)
            continue;
          need = g_new0 (LoketSyncLeaseNeed, 1);
          need->register_id = g_strdup (reg->id);
          need->year = years[y];
          need->n_free = n_free;
          g_ptr_array_add (needs, need);
        }
    }
  return g_steal_pointer (&needs);
}

/* ---- Letters pending a number ------------------------------------------------------------- */

typedef struct
{
  char *case_uuid;
  char *agency_id;
  char *letter_id;
  char *draft_id;
  char *signer;
  char *author;
} PendingLetter;

static void
pending_letter_free (PendingLetter *p)
{
  g_free (p->case_uuid);
  g_free (p->agency_id);
  g_free (p->letter_id);
  g_free (p->draft_id);
  g_free (p->signer);
  g_free (p->author);
  g_free (p);
}

typedef struct
{
  LoketStore *self;
} PendingOp;

/* `letter.signed` events written on this device whose letter has no number yet: neither a row
 * here nor a `letter.numbered` event (from any device). Only this device's own signatures, so
 * that two PCs never both number one letter. */
static gboolean
list_pending_on_thread (gpointer data, gpointer *result, GError **error)
{
  PendingOp *op = data;
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_letter_free);
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    op->self->db,
    "SELECT e.case_uuid, c.agency_id, json_extract(e.body, '$.letter_id'), "
    "json_extract(e.body, '$.draft_id'), json_extract(e.body, '$.signer'), e.author "
    "FROM events e JOIN cases c ON c.uuid = e.case_uuid "
    "WHERE e.type = 'letter.signed' AND e.device = ? AND json_valid(e.body) "
    "AND json_type(e.body, '$.letter_id') = 'text' AND json_type(e.body, '$.draft_id') = 'text' "
    "AND NOT EXISTS (SELECT 1 FROM letter_numbers n "
    "WHERE n.letter_id = json_extract(e.body, '$.letter_id')) "
    "AND NOT EXISTS (SELECT 1 FROM events x WHERE x.case_uuid = e.case_uuid "
    "AND x.type = 'letter.numbered' AND json_valid(x.body) "
    "AND json_extract(x.body, '$.letter_id') = json_extract(e.body, '$.letter_id')) "
    "ORDER BY e.seq",
    error);
  gboolean have_row = FALSE;

  g_assert (g_thread_self () == op->self->db_thread);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, op->self->device_id);
  while (TRUE)
    {
      PendingLetter *p;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;
      p = g_new0 (PendingLetter, 1);
      p->case_uuid = g_strdup (loket_db_statement_get_text (stmt, 0));
      p->agency_id = g_strdup (loket_db_statement_get_text (stmt, 1));
      p->letter_id = g_strdup (loket_db_statement_get_text (stmt, 2));
      p->draft_id = g_strdup (loket_db_statement_get_text (stmt, 3));
      p->signer = g_strdup (loket_db_statement_get_text (stmt, 4));
      p->author = g_strdup (loket_db_statement_get_text (stmt, 5));
      g_ptr_array_add (out, p);
    }
  *result = g_steal_pointer (&out);
  return TRUE;
}

/* The register of a draft kind, as sign-off numbers it (loket_signoff_register_for_kind). */
static const char *
register_for_kind (const char *kind)
{
  return g_strcmp0 (kind, "surat_keputusan") == 0 ? "keputusan" : "surat-keluar";
}

gboolean
loket_store_number_pending_letters (LoketStore *self, gint64 now, guint *n_numbered, GError **error)
{
  PendingOp op = { self };
  gpointer  result = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GPtrArray) registers = NULL;
  g_autoptr (GHashTable) exhausted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);

  if (n_numbered != NULL)
    *n_numbered = 0;
  if (!_loket_store_intake_run_sync (self, list_pending_on_thread, &op, &result, error))
    return FALSE;
  pending = result;
  if (pending->len == 0)
    return TRUE;
  registers = loket_number_registers_new_default (error);
  if (registers == NULL)
    return FALSE;
  for (guint i = 0; i < pending->len; i++)
    {
      const PendingLetter *p = g_ptr_array_index (pending, i);
      g_autoptr (LoketDraftChain) chain = NULL;
      g_autoptr (LoketLetterNumber) number = NULL;
      g_autoptr (GError) local_error = NULL;
      g_autofree char           *key = NULL;
      const LoketDraftState     *state;
      const LoketNumberRegister *reg;

      chain = loket_store_get_draft_chain (self, p->case_uuid, error);
      if (chain == NULL)
        return FALSE;
      state = loket_draft_chain_lookup (chain, p->draft_id);
      reg = loket_number_registers_lookup (registers, p->agency_id,
                                           register_for_kind (state != NULL ? state->kind : NULL));
      if (reg == NULL)
        continue; /* no register for the agency: numbered by hand, as at sign-off */
      key = g_strdup_printf ("%s/%s", reg->agency_id, reg->id);
      if (g_hash_table_contains (exhausted, key))
        continue;
      number
        = loket_store_number_letter (self, p->case_uuid, p->letter_id, reg, NULL,
                                     p->signer != NULL ? p->signer : p->author, now, &local_error);
      if (number == NULL)
        {
          /* No (more) leased numbers for this register: the rest wait for the next lease. */
          if (g_error_matches (local_error, LOKET_ERROR, LOKET_ERROR_CONFLICT))
            {
              g_debug ("letter %s still pending a number: %s", p->letter_id, local_error->message);
              g_hash_table_add (exhausted, g_steal_pointer (&key));
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      n++;
    }
  if (n_numbered != NULL)
    *n_numbered = n;
  return TRUE;
}

/* ---- LoketSyncJournal --------------------------------------------------------------------- */

static LoketStore *
store_of (LoketSyncJournal *journal)
{
  return loket_store_sync_get_store (LOKET_STORE_SYNC (journal));
}

static GPtrArray *
journal_lease_needs (LoketSyncJournal *journal,
                     const char       *agency,
                     gint64            threshold,
                     gint64            now,
                     GError          **error)
{
  return loket_store_number_lease_needs (store_of (journal), agency, threshold, now, error);
}

static gboolean
journal_add_lease (LoketSyncJournal *journal,
                   const char       *agency,
                   const char       *register_id,
                   int               year,
                   gint64            first,
                   gint64            last,
                   gint64            expires,
                   GError          **error)
{
  return loket_store_add_number_lease (store_of (journal), agency, register_id, year, first, last,
                                       NULL, expires, 0, error);
}

static gboolean
journal_number_pending (LoketSyncJournal *journal, gint64 now, guint *n_numbered, GError **error)
{
  return loket_store_number_pending_letters (store_of (journal), now, n_numbered, error);
}

void
_loket_store_sync_leases_init (LoketSyncJournalInterface *iface)
{
  iface->lease_needs = journal_lease_needs;
  iface->add_lease = journal_add_lease;
  iface->number_pending = journal_number_pending;
}
