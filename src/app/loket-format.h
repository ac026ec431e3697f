// SPDX-License-Identifier: GPL-3.0-or-later
// Translated, locale-aware texts for case fields shown in the UI.
#pragma once

#include <glib.h>

#include "loket-case.h"
#include "loket-org-chart.h"
#include "loket-service-catalog.h"
#include "loket-work-calendar.h"

G_BEGIN_DECLS

/* "22 Nov 2026" in the user's locale; "" for 0. */
char       *loket_format_date             (gint64          unix_time,
                                           GTimeZone      *tz) G_GNUC_WARN_UNUSED_RESULT;
/* "22 Nov 2026, 14:05" in the user's locale; "" for 0. */
char       *loket_format_date_time        (gint64          unix_time,
                                           GTimeZone      *tz) G_GNUC_WARN_UNUSED_RESULT;
/* Translated label of a status ("In process"). */
const char *loket_format_status           (LoketCaseStatus status);
/* CSS class of a status pill ("in-process"). */
const char *loket_format_status_css_class (LoketCaseStatus status);
/* "3 working days left", "Due today", "Late by 2 working days". */
char       *loket_format_days_left        (int             days_left) G_GNUC_WARN_UNUSED_RESULT;
/* "5371••••••••0003": the first and last four digits of a NIK; NULL for NULL. */
char       *loket_format_masked_nik       (const char     *nik) G_GNUC_WARN_UNUSED_RESULT;
/* Translated description of an event type ("Disposition sent"); the type itself when unknown. */
const char *loket_format_event_type       (const char     *event_type);
/* Translated name of an intake channel ("Letter", "In person"); the id itself when unknown. */
const char *loket_format_channel          (const char     *channel);

/* The deadline cell of a case: "3 working days left", "Late by 2 working days", "Done", "Not
 * started". @css_class gets a style class for the text or NULL. "" for a placeholder. */
char       *loket_format_case_deadline    (LoketCase         *kase,
                                           LoketWorkCalendar *calendar,
                                           gint64             now,
                                           const char       **css_class) G_GNUC_WARN_UNUSED_RESULT;
/* The display name of a service; the id when the catalog does not know it. */
const char *loket_format_service_name     (LoketServiceCatalog *catalog,
                                           const char          *service_id);
/* A person or position id as a name ("Kepala Bidang Ketenagakerjaan"); the id when unknown. */
char       *loket_format_actor            (LoketOrgChart     *org,
                                           const char        *id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
