// SPDX-License-Identifier: GPL-3.0-or-later
// LOKET_BENCH_REPORT=1: print start-up figures of the real app to stdout, then quit.
#pragma once

#include "loket-window.h"

G_BEGIN_DECLS

/* Whether $LOKET_BENCH_REPORT asks for the figures. */
gboolean loket_bench_report_enabled (void);
/* Watches @window from the process start (else from @started, monotonic µs): prints
 * "first-frame-ms:", "list-shown-ms:" and
 * "rss-kib-list-open:" lines once the first frame is drawn and the first rows of the case list are
 * filled (or the window shows an error), "rss-kib-settled:" 3 s later (once the start-up work
 * that waits for the list has run), then quits @application. */
void     loket_bench_report_watch   (LoketWindow  *window,
                                     GApplication *application,
                                     gint64        started);

G_END_DECLS
