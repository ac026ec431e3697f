// SPDX-License-Identifier: GPL-3.0-or-later
// Start of a UI test: GTK as the app starts it, without an application object.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_test_init(), then GTK and libadwaita as `loket` starts them: the same OpenGL choice
 * (loket-gl-choice.h) and the application's style sheet, which AdwApplication would load. */
void loket_test_init_ui (int    *argc,
                         char ***argv);

G_END_DECLS
