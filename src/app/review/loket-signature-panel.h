// SPDX-License-Identifier: GPL-3.0-or-later
// The signature panel of the review pane: a banner (valid / NOT valid / changed after signing)
// that reveals itself when the document is signed, and a row per signature under "Details".
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LOKET_TYPE_SIGNATURE_PANEL (loket_signature_panel_get_type ())

G_DECLARE_FINAL_TYPE (LoketSignaturePanel, loket_signature_panel, LOKET, SIGNATURE_PANEL, GtkWidget)

GtkWidget  *loket_signature_panel_new            (void) G_GNUC_WARN_UNUSED_RESULT;
/* (element LoketSignatureInfo), NULL or empty: hidden. Read once; set again after changes. */
void        loket_signature_panel_set_signatures (LoketSignaturePanel *self,
                                                  GListModel          *signatures);
/* The banner's text, "" when hidden. */
const char *loket_signature_panel_get_summary    (LoketSignaturePanel *self);

G_END_DECLS
