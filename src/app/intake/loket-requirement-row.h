// SPDX-License-Identifier: GPL-3.0-or-later
// One item of the intake checklist: satisfied or not, its attachments, drop files on it.
#pragma once

#include <adwaita.h>

#include "loket-intake-form.h"

G_BEGIN_DECLS

#define LOKET_TYPE_REQUIREMENT_ROW (loket_requirement_row_get_type ())

G_DECLARE_FINAL_TYPE (LoketRequirementRow, loket_requirement_row, LOKET, REQUIREMENT_ROW, AdwExpanderRow)

/* Signals:
 *   "files-added" (GdkFileList *files): files were dropped on the row or picked with its button;
 *                                      the dialog checks and stores them. */
GtkWidget        *loket_requirement_row_new             (LoketIntakeForm     *form,
                                                         LoketRequirement    *requirement) G_GNUC_WARN_UNUSED_RESULT;
LoketRequirement *loket_requirement_row_get_requirement (LoketRequirementRow *self);
/* Shows (or with NULL hides) a message under the item: a refused file. */
void              loket_requirement_row_set_error       (LoketRequirementRow *self,
                                                         const char          *message);
const char       *loket_requirement_row_get_error       (LoketRequirementRow *self);
/* Number of files being checked and stored for this item (a spinner shows while > 0). */
void              loket_requirement_row_set_busy        (LoketRequirementRow *self,
                                                         gboolean             busy);
/* The "satisfied" check button (for tests and keyboard users). */
GtkCheckButton   *loket_requirement_row_get_check       (LoketRequirementRow *self);
/* Opens the file chooser of this item. */
void              loket_requirement_row_choose_files    (LoketRequirementRow *self);

G_END_DECLS
