// SPDX-License-Identifier: GPL-3.0-or-later
// A sample case (events + projection) with the real catalog, calendar and org chart, for letter
// tests.
#pragma once

#include "loket-case-projector.h"
#include "loket-org-chart.h"

G_BEGIN_DECLS

#define LETTERS_TEST_CASE "5a1e0c1d-8b52-4d0e-9f3a-0a1b2c3d4e5f"

typedef struct
{
  LoketServiceCatalog *catalog;
  LoketWorkCalendar   *calendar;
  LoketOrgChart       *org;
  LoketCaseProjector  *projector;
  GPtrArray           *events; /* LoketEvent */
  LoketCase           *kase;
  guint                serial;
} LettersTestCase;

/* A case of @service (received 2026-09-28 09:00 WITA by @channel, two parties), its requirements
 * handed in as @complete says (all mandatory ones, or all but the first), declared complete the
 * next morning when @complete. */
LettersTestCase *
letters_test_case_new (const char *service, const char *channel, gboolean complete);
/* Appends an event (validated) at @iso and re-projects the case. */
void
letters_test_case_add (LettersTestCase *tc, const char *type, const char *iso, const char *body);
void letters_test_case_free (LettersTestCase *tc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LettersTestCase, letters_test_case_free)

/* Unix seconds of 2026-10-05 10:00 WITA: the date letters are dated in the tests. */
#define LETTERS_TEST_NOW G_GINT64_CONSTANT (1791165600)

/* Text of every page of @pdf, with poppler-glib ('\n' between pages). */
char *letters_test_pdf_text (GBytes *pdf);
guint letters_test_pdf_pages (GBytes *pdf);

G_END_DECLS
