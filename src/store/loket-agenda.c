// SPDX-License-Identifier: GPL-3.0-or-later
// The device's identity and nomor agenda allocation.
//
// Agenda numbers (DESIGN.md §8, "device-scoped scheme"). A Dinas numbers its incoming files per
// agency and year. Several PCs register offline, and no server hands out numbers yet, so each
// database numbers on its own with a short device code inside the number:
//
//     00042-K7QF/KTKT/2026
//     ^^^^^ ^^^^ ^^^^ ^^^^
//     |     |    |    year of receipt (local time of the agency)
//     |     |    agency code (catalog "code")
//     |     device code (settings.device_code)
//     counter per (agency, year, device code), from 1, in agenda_counters
//
// Numbers of two devices can only collide when their codes are equal. The code is drawn at
// random on first open (20 bits: a clash among 30 PCs of one office is about 1 in 2 400); an
// office that wants certainty gives each PC its own code (loket_store_set_device_code, e.g.
// "LKT1"). Changing the code starts (or continues) that code's counters. A number already held by
// a case of this database (a copied database, an imported case) is skipped, so the counter and
// the cases can never disagree. When the server exists it leases blocks instead (letters do the
// same with their numbers).
#include "config.h"

#include "loket-agenda.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-projection-store.h"

/* Crockford base32: no I, L, O, U. */
static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static char *
get_setting (LoketDb *db, const char *key, GError **error, gboolean *ok)
{
  g_autoptr (LoketDbStatement) stmt
    = loket_db_prepare (db, "SELECT value FROM settings WHERE key = ?", error);
  gboolean have_row = FALSE;

  *ok = FALSE;
  if (stmt == NULL)
    return NULL;
  loket_db_statement_bind_text (stmt, 1, key);
  if (!loket_db_statement_step (stmt, &have_row, error))
    return NULL;
  *ok = TRUE;
  return have_row ? g_strdup (loket_db_statement_get_text (stmt, 0)) : NULL;
}

static gboolean
set_setting (LoketDb *db, const char *key, const char *value, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    db, "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, key);
  loket_db_statement_bind_text (stmt, 2, value);
  return loket_db_statement_run (stmt, error);
}

static char *
random_code (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  guint32 bits = 0;
  char    code[5];

  /* 20 random bits of the UUID's first 5 hex digits (all random in a v4 UUID). */
  for (guint i = 0; i < 5; i++)
    bits = bits << 4 | (guint32) g_ascii_xdigit_value (uuid[i]);
  for (guint i = 0; i < 4; i++)
    code[i] = crockford[(bits >> (15 - 5 * i)) & 31];
  code[4] = '\0';
  return g_strdup (code);
}

gboolean
loket_agenda_device_code_is_valid (const char *code)
{
  gsize len = code != NULL ? strlen (code) : 0;

  if (len < 2 || len > 8)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (code[i]) && !(code[i] >= 'A' && code[i] <= 'Z'))
      return FALSE;
  return TRUE;
}

gboolean
loket_agenda_load_device (LoketDb *db, char **device_id, char **device_code, GError **error)
{
  g_autofree char *id = NULL;
  g_autofree char *code = NULL;
  gboolean ok;

  id = get_setting (db, "device_id", error, &ok);
  if (!ok)
    return FALSE;
  code = get_setting (db, "device_code", error, &ok);
  if (!ok)
    return FALSE;
  if (id == NULL || code == NULL)
    {
      if (!loket_db_begin (db, error))
        return FALSE;
      if (id == NULL)
        id = g_uuid_string_random ();
      if (code == NULL)
        code = random_code ();
      if (!set_setting (db, "device_id", id, error) || !set_setting (db, "device_code", code, error)
          || !loket_db_commit (db, error))
        {
          loket_db_rollback (db);
          return FALSE;
        }
    }
  *device_id = g_steal_pointer (&id);
  *device_code = g_steal_pointer (&code);
  return TRUE;
}

gboolean
loket_agenda_save_device_code (LoketDb *db, const char *code, GError **error)
{
  if (!loket_agenda_device_code_is_valid (code))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("A device code has 2 to 8 capital letters or digits, e.g. LKT1"));
      return FALSE;
    }
  return set_setting (db, "device_code", code, error);
}

static gboolean
number_is_used (LoketDb *db, const char *number, gboolean *used, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    db, "SELECT 1 FROM cases WHERE agenda_sort = ? AND agenda_number = ? LIMIT 1", error);
  g_autofree char *sort = loket_projection_store_sort_key (number);

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, sort);
  loket_db_statement_bind_text (stmt, 2, number);
  return loket_db_statement_step (stmt, used, error);
}

char *
loket_agenda_allocate (LoketDb    *db,
                       const char *agency_id,
                       const char *agency_code,
                       int         year,
                       const char *device_code,
                       GError    **error)
{
  for (guint attempt = 0; attempt < 10000; attempt++)
    {
      g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
        db, "INSERT INTO agenda_counters (agency_id, year, device_code, last) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (agency_id, year, device_code) DO UPDATE SET last = last + 1 "
            "RETURNING last", error);
      g_autofree char *number = NULL;
      gboolean have_row = FALSE, used = FALSE;

      if (stmt == NULL)
        return NULL;
      loket_db_statement_bind_text (stmt, 1, agency_id);
      loket_db_statement_bind_int64 (stmt, 2, year);
      loket_db_statement_bind_text (stmt, 3, device_code);
      if (!loket_db_statement_step (stmt, &have_row, error))
        return NULL;
      if (!have_row)
        break;
      number = g_strdup_printf ("%05" G_GINT64_FORMAT "-%s/%s/%d",
                                loket_db_statement_get_int64 (stmt, 0), device_code, agency_code,
                                year);
      /* Finish the statement before the next query (RETURNING rows are read to the end). */
      g_clear_pointer (&stmt, loket_db_statement_release);
      if (!number_is_used (db, number, &used, error))
        return NULL;
      if (!used)
        return g_steal_pointer (&number);
    }
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED, _ ("Could not allocate an agenda number"));
  return NULL;
}
