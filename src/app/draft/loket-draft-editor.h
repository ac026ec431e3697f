// SPDX-License-Identifier: GPL-3.0-or-later
// The letter draft editor: fields and paragraphs of a draft beside a live preview of the page;
// Ctrl+S saves a new version (an event), Ctrl+P prints, earlier versions open read-only.
#pragma once

#include <adwaita.h>

#include "loket-case.h"
#include "loket-letter-draft.h"
#include "loket-org-chart.h"
#include "loket-service-catalog.h"
#include "loket-store.h"
#include "loket-work-calendar.h"

G_BEGIN_DECLS

#define LOKET_TYPE_DRAFT_EDITOR (loket_draft_editor_get_type ())

G_DECLARE_FINAL_TYPE (LoketDraftEditor, loket_draft_editor, LOKET, DRAFT_EDITOR, AdwWindow)

/* An editor for drafts of @kase. @person_id: who drafts (the author of saved versions; NULL: the
 * system user). Call start() or open() next. */
LoketDraftEditor *loket_draft_editor_new (GtkWindow           *parent,
                                          LoketStore          *store,
                                          LoketServiceCatalog *catalog,
                                          LoketOrgChart       *org,
                                          LoketWorkCalendar   *calendar,
                                          LoketCase           *kase,
                                          const char          *person_id) G_GNUC_WARN_UNUSED_RESULT;
/* A new draft of @kind filled from the case; saved as version 1 by the first Ctrl+S. */
void loket_draft_editor_start (LoketDraftEditor *self, const char *kind);
/* The latest version of the saved draft @draft_id. */
void loket_draft_editor_open (LoketDraftEditor *self, const char *draft_id);

/* The draft shown (NULL while loading). (transfer none) */
LoketLetterDraft *loket_draft_editor_get_draft (LoketDraftEditor *self);
const char       *loket_draft_editor_get_draft_id (LoketDraftEditor *self);
/* The version shown (0: not saved yet) and the latest saved one. */
guint    loket_draft_editor_get_version (LoketDraftEditor *self);
guint    loket_draft_editor_get_latest (LoketDraftEditor *self);
gboolean loket_draft_editor_get_modified (LoketDraftEditor *self);
gboolean loket_draft_editor_get_read_only (LoketDraftEditor *self);
/* TRUE while loading, saving, or a preview is due or being rendered. */
gboolean loket_draft_editor_get_busy (LoketDraftEditor *self);
/* The PDF of the preview shown, and its page count. (transfer none) */
GBytes *loket_draft_editor_get_preview_pdf (LoketDraftEditor *self);
guint   loket_draft_editor_get_n_pages (LoketDraftEditor *self);
/* The text buffer of paragraph @index (for tests). (transfer none) */
GtkTextBuffer *loket_draft_editor_get_paragraph_buffer (LoketDraftEditor *self, guint index);
/* Whether paragraph @index differs from the version before the one shown ("compare versions"). */
gboolean          loket_draft_editor_get_paragraph_changed (LoketDraftEditor *self,
                                                            guint             index);
/* Shows version @version (read-only unless it is the latest). */
void loket_draft_editor_show_version (LoketDraftEditor *self, guint version);
/* What "Print" sends to the printer, into the PDF file @path instead (GtkPrintOperation export);
 * for tests. FALSE when there is nothing printable (unsaved changes, no preview yet). */
gboolean
loket_draft_editor_print_to_file (LoketDraftEditor *self, const char *path, GError **error);

G_END_DECLS
