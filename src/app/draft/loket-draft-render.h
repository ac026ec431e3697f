// SPDX-License-Identifier: GPL-3.0-or-later
// The draft editor's live preview: a draft rendered to PDF by the letters renderer and its pages
// rasterised with poppler, all in a GTask thread; the pages become textures on the main thread.
#pragma once

#include <gtk/gtk.h>

#include "loket-letter-draft.h"

G_BEGIN_DECLS

typedef struct
{
  GBytes    *pdf;
  GPtrArray *pages; /* (element GdkTexture) */
} LoketDraftRender;

void loket_draft_render_free (LoketDraftRender *render);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketDraftRender, loket_draft_render_free)

/* Renders @draft (copied first: the caller may go on editing) with the letter id @letter_id (may
 * be NULL), its pages at @scale pixels per point. */
void              loket_draft_render_async (LoketLetterDraft   *draft,
                                            const char         *letter_id,
                                            double              scale,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
LoketDraftRender *loket_draft_render_finish (GAsyncResult *result,
                                             GError      **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
