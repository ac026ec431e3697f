// SPDX-License-Identifier: GPL-3.0-or-later
// LoketDraftEditor's fields and what its parts share: loket-draft-editor.c (loading, preview,
// saving, actions) and loket-draft-editor-form.c (the rows of the form).
#pragma once

#include "loket-draft-editor.h"
#include "loket-draft-render.h"

G_BEGIN_DECLS

struct _LoketDraftEditor
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkDropDown         *version_dropdown;
  GtkStringList       *version_list;
  GtkRevealer         *readonly_revealer;
  GtkLabel            *readonly_label;
  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  GtkSpinner          *loading_spinner;
  AdwStatusPage       *error_page;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *paragraphs_group;
  GtkSpinner          *render_spinner;
  GtkLabel            *pages_label;
  GtkBox              *pages_box;
  GtkLabel            *render_error_label;

  /* Owned references */
  LoketStore          *store;
  LoketServiceCatalog *catalog;
  LoketOrgChart       *org;
  LoketWorkCalendar   *calendar;
  LoketCase           *kase;
  char                *person_id;
  GCancellable        *cancellable;        /* the window's requests */
  GCancellable        *render_cancellable; /* the preview being rendered */
  LoketLetterDraft    *draft;
  char                *kind;
  char                *draft_id;   /* NULL until the first save */
  char                *saved_data; /* the JSON of the version shown as saved, NULL if none */
  LoketDraftRender    *preview;
  GPtrArray           *form_rows; /* (element GtkWidget) rows added to fields_group */
  GPtrArray           *paragraph_rows;
  GPtrArray           *buffers; /* (element GtkTextBuffer) one per paragraph */
  GPtrArray           *signers; /* (element utf8) person ids the signer row offers */

  guint version; /* shown; 0 = not saved yet */
  guint latest;
  guint render_timeout;
  guint render_serial;
  guint preview_serial; /* the render_serial the preview shows */
  guint loading : 1;
  guint rendering : 1;
  guint saving : 1;
  guint read_only : 1;
  guint filling : 1; /* the form is being filled: edits are not the user's */
  guint close_after_save : 1;
  guint discard : 1;
  guint syncing_dropdown : 1;
};

/* loket-draft-editor.c */
void _loket_draft_editor_schedule_render (LoketDraftEditor *self);
void _loket_draft_editor_show_toast (LoketDraftEditor *self, const char *message);

/* loket-draft-editor-form.c */
/* Rebuilds the rows (signer, fields, paragraphs) from self->draft; editable unless read_only. */
void _loket_draft_editor_fill_form (LoketDraftEditor *self);
/* Marks the paragraphs that differ from @previous (the version before the one shown). */
void _loket_draft_editor_mark_changes (LoketDraftEditor *self, LoketLetterDraft *previous);

G_END_DECLS
