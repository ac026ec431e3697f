// SPDX-License-Identifier: GPL-3.0-or-later
// A sample case (events + projection) with the real catalog, calendar and org chart, for letter
// tests.
#include "config.h"

#include <poppler.h>
#include <string.h>

/* poppler-glib 22.12 has no autoptr cleanup functions */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#include "letters-test-case.h"
#include "loket-hlc.h"

void
letters_test_case_add (LettersTestCase *tc, const char *type, const char *iso, const char *body)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);
  g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-%012u", ++tc->serial);
  g_autofree char *hlc = NULL;
  LoketEvent      *event;

  g_assert_nonnull (dt);
  hlc = loket_hlc_format (g_date_time_to_unix (dt) * 1000 + tc->serial, 0);
  event = loket_event_new_checked (uuid, LETTERS_TEST_CASE, type, "petugas", "pc-01", hlc, body,
                                   &error);
  g_assert_no_error (error);
  g_ptr_array_add (tc->events, event);
  g_clear_object (&tc->kase);
  tc->kase = loket_case_projector_project (tc->projector, tc->events, &error);
  g_assert_no_error (error);
}

LettersTestCase *
letters_test_case_new (const char *service, const char *channel, gboolean complete)
{
  g_autoptr (GError) error = NULL;
  LettersTestCase *tc = g_new0 (LettersTestCase, 1);
  g_autofree char *agency = g_strndup (service, strcspn (service, "/"));
  g_autofree char *registered = NULL;
  LoketService    *svc;
  g_autoptr (GPtrArray) requirements = NULL;
  gboolean first = TRUE;

  tc->catalog = loket_service_catalog_new_default (&error);
  g_assert_no_error (error);
  tc->calendar = loket_work_calendar_new_default (&error);
  g_assert_no_error (error);
  tc->org = loket_org_chart_new_default (&error);
  g_assert_no_error (error);
  tc->projector = loket_case_projector_new (tc->catalog, tc->calendar);
  tc->events = g_ptr_array_new_with_free_func (g_object_unref);

  registered = g_strdup_printf (
    "{\"agency\":\"%s\",\"service\":\"%s\",\"channel\":\"%s\","
    "\"agenda_number\":\"560/0412/%s/2026\",\"received_at\":\"2026-09-28T09:00:00+08:00\","
    "\"subject\":\"Permohonan layanan\","
    "\"parties\":[{\"kind\":\"person\",\"nik\":\"5371014506900002\",\"name\":\"Maria Goreti Lado\","
    "\"address\":\"Jalan Sudirman Nomor 5, Kelurahan Oebobo, Kota "
    "Kupang\",\"phone\":\"081234567890\"},"
    "{\"kind\":\"organisation\",\"name\":\"PT Flobamora Karya "
    "Mandiri\",\"legal_number\":\"AHU-0012345.AH.01.01\","
    "\"contact_person\":\"Yohanes Bere\"}],"
    "\"letter\":{\"number\":\"005/PTFKM/IX/2026\",\"date\":\"2026-09-25\",\"sender\":\"PT "
    "Flobamora Karya Mandiri\",\"sifat\":\"biasa\"}}",
    agency, service, channel, "P3TK");
  letters_test_case_add (tc, "case.registered", "2026-09-28T09:00:00+08:00", registered);

  svc = loket_service_catalog_lookup (tc->catalog, service);
  g_assert_nonnull (svc);
  requirements = loket_service_get_requirements (svc, channel);
  for (guint i = 0; i < requirements->len; i++)
    {
      LoketRequirement *req = g_ptr_array_index (requirements, i);
      gboolean          satisfied = complete || !first;
      g_autofree char  *body = NULL;

      if (loket_requirement_get_kind (req) != LOKET_REQUIREMENT_MANDATORY)
        continue;
      body = g_strdup_printf (
        "{\"requirement\":\"%s\",\"satisfied\":%s,\"blobs\":[%s]}", loket_requirement_get_id (req),
        satisfied ? "true" : "false",
        satisfied ? "\"8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4\"" : "");
      letters_test_case_add (tc, "requirement.checked", "2026-09-28T09:05:00+08:00", body);
      first = FALSE;
    }
  if (complete)
    letters_test_case_add (tc, "case.declared_complete", "2026-09-29T08:00:00+08:00",
                           "{\"at\":\"2026-09-29T08:00:00+08:00\"}");
  return tc;
}

void
letters_test_case_free (LettersTestCase *tc)
{
  g_clear_object (&tc->kase);
  g_clear_pointer (&tc->events, g_ptr_array_unref);
  g_clear_object (&tc->projector);
  g_clear_object (&tc->org);
  g_clear_object (&tc->calendar);
  g_clear_object (&tc->catalog);
  g_free (tc);
}

char *
letters_test_pdf_text (GBytes *pdf)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PopplerDocument) doc = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_autoptr (GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

guint
letters_test_pdf_pages (GBytes *pdf)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PopplerDocument) doc = poppler_document_new_from_bytes (pdf, NULL, &error);

  g_assert_no_error (error);
  return (guint) poppler_document_get_n_pages (doc);
}
