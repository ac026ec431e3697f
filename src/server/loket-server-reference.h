// SPDX-License-Identifier: GPL-3.0-or-later
// Reference data served to clients from the same files as data/ (org chart, catalog, holidays).
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LoketReference LoketReference;

/* Reads the JSON files of @data_dir/org, catalog (per agency, by file name) and holidays (all
 * years, served as one JSON array in year order). Every file must be valid JSON. */
LoketReference *loket_reference_load (const char *data_dir,
                                      GError    **error) G_GNUC_WARN_UNUSED_RESULT;
void            loket_reference_free (LoketReference *self);
/* The document (shared, immutable) and its version (sha256) for @agency; NULL when absent.
 * "accounts" is not here: it comes from the database. */
GBytes         *loket_reference_get  (LoketReference *self,
                                      const char     *name,
                                      const char     *agency,
                                      const char    **version);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketReference, loket_reference_free)

G_END_DECLS
