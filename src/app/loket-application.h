// SPDX-License-Identifier: GPL-3.0-or-later
// The Loket application: actions, about window, and the main window on activate.
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LOKET_TYPE_APPLICATION (loket_application_get_type ())

G_DECLARE_FINAL_TYPE (LoketApplication, loket_application, LOKET, APPLICATION, AdwApplication)

LoketApplication *loket_application_new          (void) G_GNUC_WARN_UNUSED_RESULT;

/* The database the window opens: --database, else $XDG_DATA_HOME/loket/loket.db. */
const char       *loket_application_get_database (LoketApplication *self);
void              loket_application_set_database (LoketApplication *self,
                                                  const char       *path);

G_END_DECLS
