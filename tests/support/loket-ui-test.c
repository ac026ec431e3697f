// SPDX-License-Identifier: GPL-3.0-or-later
// Start of a UI test: GTK as the app starts it, without an application object.
#include "config.h"

#include "loket-ui-test.h"

#include <adwaita.h>

#include "loket-gl-choice.h"

void
loket_test_init_ui (int *argc, char ***argv)
{
  g_autoptr (GtkCssProvider) css = NULL;

  g_test_init (argc, argv, NULL);
  loket_gl_choice_apply ();
  gtk_init ();
  adw_init ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/loketapp/Loket/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
