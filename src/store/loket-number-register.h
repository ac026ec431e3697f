// SPDX-License-Identifier: GPL-3.0-or-later
// Letter-number registers: per-agency number templates such as {klasifikasi}/{urut}/{unit}/{tahun}.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One register of an agency (data/letters/registers.json). Numbers are unique per agency,
 * register and year; `urut` restarts every year. */
typedef struct
{
  char *agency_id;
  char *id;          /* "surat-keluar", "keputusan" */
  char *name;
  char *template;    /* checked by loket_number_template_check() */
  char *klasifikasi; /* default KKA code, or NULL (then each letter must give one) */
  char *unit;        /* unit code, or NULL */
} LoketNumberRegister;

LoketNumberRegister *loket_number_register_copy (const LoketNumberRegister *reg);
void                 loket_number_register_free (LoketNumberRegister *reg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketNumberRegister, loket_number_register_free)

/* Checks @template: balanced braces, known placeholders ({urut}, {urut:N} with N 1–9,
 * {klasifikasi}, {unit}, {tahun}, {bulan}, {bulan_romawi}), {urut} exactly once, no control
 * characters, at most 200 bytes. LOKET_ERROR_INVALID_DATA names the problem. */
gboolean loket_number_template_check (const char  *template,
                                      GError     **error);

/* A KKA code: digits in dot-separated groups ("500.15.2", "188.48"). */
gboolean loket_number_klasifikasi_is_valid (const char *code);

/* The number for @urut (≥ 1) in @year/@month. @klasifikasi overrides the register's default
 * (NULL: the default). Fails when the template needs a value the register lacks. */
char    *loket_number_register_format (const LoketNumberRegister *reg,
                                       gint64                     urut,
                                       int                        year,
                                       int                        month,
                                       const char                *klasifikasi,
                                       GError                   **error) G_GNUC_WARN_UNUSED_RESULT;

/* Parses a registers file ({"registers": [...]}); every register is checked, and an (agency,
 * id) pair appears once. (transfer full) (element LoketNumberRegister) */
GPtrArray *loket_number_registers_load_json (const char  *json,
                                             gssize       length,
                                             GError     **error);
/* The file named by $LOKET_REGISTERS_FILE when set and not empty, else the compiled-in
 * data/letters/registers.json. (element LoketNumberRegister) */
GPtrArray *loket_number_registers_new_default (GError **error);
/* (transfer none) or NULL. */
const LoketNumberRegister *loket_number_registers_lookup (GPtrArray  *registers,
                                                          const char *agency_id,
                                                          const char *register_id);

G_END_DECLS
