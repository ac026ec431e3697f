// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore for reports, office settings and backups: what the report needs from the events,
// the office profile in the `settings` table, and a consistent snapshot of the database.
#pragma once

#include "loket-store.h"

G_BEGIN_DECLS

/* Every case projection (@cases, element LoketCase) and the outcome of each closed case
 * (@outcomes: case uuid → "outcome" of its case.closed event, the first one in event order). */
gboolean    loket_store_load_report_input        (LoketStore          *self,
                                                  GPtrArray          **cases,
                                                  GHashTable         **outcomes,
                                                  GError             **error);
/* The same in a worker thread (the database thread still does the SQL). */
void        loket_store_load_report_input_async  (LoketStore          *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean    loket_store_load_report_input_finish (LoketStore          *self,
                                                  GAsyncResult        *result,
                                                  GPtrArray          **cases,
                                                  GHashTable         **outcomes,
                                                  GError             **error);

/* Office settings in the `settings` table (office profile, registers, number formats): keys
 * "office.<name>". A missing key gives NULL without an error. A @value of NULL deletes. */
char       *loket_store_get_setting              (LoketStore          *self,
                                                  const char          *key,
                                                  GError             **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    loket_store_set_setting              (LoketStore          *self,
                                                  const char          *key,
                                                  const char          *value,
                                                  GError             **error);
/* (transfer full) key → value of every setting whose key starts with @prefix. */
GHashTable *loket_store_get_settings             (LoketStore          *self,
                                                  const char          *prefix,
                                                  GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Copies the whole database, as it is at one instant, into the new file @dest (SQLite online
 * backup, so other work can go on while it runs). Fails if @dest exists. */
gboolean    loket_store_snapshot                 (LoketStore          *self,
                                                  const char          *dest,
                                                  GError             **error);
/* The folder of the store's blobs ("<database>.blobs"). */
char       *loket_store_get_blob_dir             (LoketStore          *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
