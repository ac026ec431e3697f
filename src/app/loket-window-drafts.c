// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's side of letter drafts: the case pane's "New Draft" and its list open the
// draft editor; a saved version refreshes the case.

#include "config.h"

#include "draft/loket-case-drafts.h"
#include "draft/loket-draft-editor.h"
#include "loket-window-private.h"

static void
draft_saved_cb (LoketWindow *self, const char *draft_id, guint version)
{
  loket_case_view_reload (self->case_view);
  loket_window_refresh (self);
}

static LoketDraftEditor *
new_editor (LoketWindow *self)
{
  LoketCase        *kase = loket_case_view_get_case (self->case_view);
  LoketDraftEditor *editor;

  if (kase == NULL || self->store == NULL)
    return NULL;
  editor = loket_draft_editor_new (GTK_WINDOW (self), self->store, self->catalog, self->org,
                                   self->calendar, kase, self->person_id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (draft_saved_cb), self, G_CONNECT_SWAPPED);
  return editor;
}

static void
new_draft_cb (LoketWindow *self, const char *kind)
{
  LoketDraftEditor *editor = new_editor (self);

  if (editor == NULL)
    return;
  loket_draft_editor_start (editor, kind);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
open_draft_cb (LoketWindow *self, const char *draft_id)
{
  LoketDraftEditor *editor = new_editor (self);

  if (editor == NULL)
    return;
  loket_draft_editor_open (editor, draft_id);
  gtk_window_present (GTK_WINDOW (editor));
}

void
_loket_window_setup_drafts (LoketWindow *self)
{
  LoketCaseDrafts *drafts = loket_case_view_get_drafts (self->case_view);

  g_signal_connect_object (drafts, "new-draft", G_CALLBACK (new_draft_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drafts, "open-draft", G_CALLBACK (open_draft_cb), self,
                           G_CONNECT_SWAPPED);
}
