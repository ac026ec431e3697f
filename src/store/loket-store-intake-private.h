// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the intake parts of LoketStore (intake, case actions, drafts).
#pragma once

#include "loket-store-private.h"

G_BEGIN_DECLS

/* Like the store's own run helpers, for requests with their own op type. */
gboolean _loket_store_intake_run_sync  (LoketStore         *self,
                                        LoketDbWorkFunc     func,
                                        gpointer            op,
                                        gpointer           *result,
                                        GError            **error);
void     _loket_store_intake_run_async (LoketStore         *self,
                                        LoketDbWorkFunc     func,
                                        gpointer            op,
                                        GDestroyNotify      op_free,
                                        GDestroyNotify      result_free,
                                        gpointer            source_tag,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
gboolean _loket_store_intake_finish    (LoketStore         *self,
                                        GAsyncResult       *result,
                                        gpointer            source_tag,
                                        gpointer           *out,
                                        GError            **error);

/* Database thread: every attachment (LoketAttachment) has a row in `blobs`, else
 * LOKET_ERROR_NOT_FOUND naming the file. */
gboolean   _loket_store_blobs_exist     (LoketStore *self,
                                         GPtrArray  *attachments,
                                         GError    **error);
/* The agency's time zone from the catalog (WITA when unknown). (transfer full) */
GTimeZone *_loket_store_agency_timezone (LoketStore *self,
                                         const char *agency_id);

G_END_DECLS
