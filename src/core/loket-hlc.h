// SPDX-License-Identifier: GPL-3.0-or-later
// Hybrid logical clock: timestamps that sort in causal order across devices.
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Timestamp text: 15-digit wall-clock milliseconds since the Unix epoch, '-', 6-digit counter,
 * e.g. "001700000000000-000003". Plain strcmp() orders them. */
#define LOKET_TYPE_HLC (loket_hlc_get_type ())

G_DECLARE_FINAL_TYPE (LoketHlc, loket_hlc, LOKET, HLC, GObject)

typedef gint64 (*LoketHlcNowFunc) (gpointer user_data); /* milliseconds since the epoch */

LoketHlc *loket_hlc_new          (void) G_GNUC_WARN_UNUSED_RESULT;
/* For tests and deterministic demo data: @now_func replaces the wall clock. */
LoketHlc *loket_hlc_new_with_clock (LoketHlcNowFunc now_func,
                                    gpointer        user_data) G_GNUC_WARN_UNUSED_RESULT;

char     *loket_hlc_now          (LoketHlc   *self) G_GNUC_WARN_UNUSED_RESULT;
/* Merge a timestamp seen from another replica; FALSE + error if @remote is malformed. */
gboolean  loket_hlc_observe      (LoketHlc   *self,
                                  const char *remote,
                                  GError    **error);

gboolean  loket_hlc_parse        (const char *text,
                                  gint64     *wall_ms,
                                  guint32    *counter);
char     *loket_hlc_format       (gint64      wall_ms,
                                  guint32     counter) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
