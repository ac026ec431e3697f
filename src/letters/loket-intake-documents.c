// SPDX-License-Identifier: GPL-3.0-or-later
// Tanda terima and pengembalian berkas: the counter's documents, from the templates of the same
// names.
#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"
#include "loket-intake-documents.h"
#include "loket-letter-case-fields.h"
#include "loket-letter-renderer.h"

static GBytes *
render_kind (const char          *kind,
             gint64               date,
             LoketCase           *kase,
             GPtrArray           *events,
             LoketServiceCatalog *catalog,
             LoketWorkCalendar   *calendar,
             LoketOrgChart       *org,
             LoketPaperSize       paper,
             GError             **error)
{
  g_autoptr (LoketLetter) letter
    = loket_letter_new_for_case (kind, kase, events, catalog, calendar, org, date, error);

  if (letter == NULL)
    return NULL;
  return loket_letter_render (letter, paper, error);
}

GBytes *
loket_receipt_render (LoketCase           *kase,
                      GPtrArray           *events,
                      LoketServiceCatalog *catalog,
                      LoketWorkCalendar   *calendar,
                      LoketOrgChart       *org,
                      LoketPaperSize       paper,
                      GError             **error)
{
  gint64 date;

  g_return_val_if_fail (LOKET_IS_CASE (kase), NULL);
  g_return_val_if_fail (events != NULL, NULL);

  /* dated the day the file was received, so reprinting it gives the same receipt */
  date = loket_case_get_received_at (kase);
  if (date == 0)
    date = g_get_real_time () / G_USEC_PER_SEC;
  return render_kind ("tanda_terima", date, kase, events, catalog, calendar, org, paper, error);
}

GBytes *
loket_return_notice_render (LoketCase           *kase,
                            GPtrArray           *events,
                            LoketServiceCatalog *catalog,
                            LoketWorkCalendar   *calendar,
                            LoketOrgChart       *org,
                            LoketPaperSize       paper,
                            GError             **error)
{
  gint64 date = 0;

  g_return_val_if_fail (LOKET_IS_CASE (kase), NULL);
  g_return_val_if_fail (events != NULL, NULL);

  for (guint i = 0; i < events->len; i++)
    {
      LoketEvent *event = g_ptr_array_index (events, i);

      if (g_str_equal (loket_event_get_event_type (event), LOKET_EVENT_CASE_RETURNED))
        {
          g_autoptr (JsonObject) body = loket_event_parse_body (event, NULL);
          const char *at
            = body != NULL ? json_object_get_string_member_with_default (body, "at", NULL) : NULL;
          g_autoptr (GDateTime) dt = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;

          date = MAX (date, dt != NULL ? g_date_time_to_unix (dt) : 1);
        }
    }
  if (date == 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The case has not been returned to the applicant"));
      return NULL;
    }
  return render_kind ("pengembalian_berkas", date, kase, events, catalog, calendar, org, paper,
                      error);
}
