// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers of the intake UI: counter services, SLA and requirement texts.
#pragma once

#include <glib.h>

#include "loket-service.h"

G_BEGIN_DECLS

/* TRUE when the service's deadline on @channel is counted in minutes or hours: a counter service
 * that is finished at the desk (Konsultasi, Data dan Informasi tatap muka, Kartu AK I). */
gboolean    loket_intake_is_counter_service (LoketService *service,
                                             const char   *channel);
/* "15 minutes", "14 working days", "As needed"; "" when the service has no deadline clause. */
char       *loket_intake_format_sla         (LoketService *service,
                                             const char   *channel) G_GNUC_WARN_UNUSED_RESULT;
/* TRUE when the clock of @channel's deadline starts only once the file is declared complete. */
gboolean    loket_intake_sla_starts_when_complete (LoketService *service,
                                                   const char   *channel);
/* "Mandatory", "Optional", "Required when: <condition>". */
char       *loket_intake_format_requirement_kind (LoketRequirement *requirement) G_GNUC_WARN_UNUSED_RESULT;
/* TRUE when @text has something besides white space. */
gboolean    loket_intake_has_text           (const char   *text);
/* A file size for people: "120 kB", "2.1 MB". */
char       *loket_intake_format_size        (guint64       size) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
