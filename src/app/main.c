// SPDX-License-Identifier: GPL-3.0-or-later
// Entry point of the Loket desktop application.

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "loket-application.h"
#include "loket-gl-choice.h"

int
main (int argc, char *argv[])
{
  g_autoptr (LoketApplication) app = NULL;
  const char *localedir = g_getenv ("LOKET_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  loket_gl_choice_apply ();
  app = loket_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
