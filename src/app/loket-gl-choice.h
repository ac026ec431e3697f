// SPDX-License-Identifier: GPL-3.0-or-later
// Whether GTK should run without OpenGL on this PC, decided before GTK starts.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean loket_gl_choice_software_only (const char *dri_dir,
                                        const char *const *envp);
gboolean loket_gl_choice_apply         (void);

G_END_DECLS
