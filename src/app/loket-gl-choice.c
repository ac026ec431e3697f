// SPDX-License-Identifier: GPL-3.0-or-later
// Whether GTK should run without OpenGL on this PC, decided before GTK starts.
//
// GTK 4.8 on X11 opens an OpenGL context at start-up even with the cairo renderer. With no GPU
// (an office PC without a driver for its graphics, a virtual machine, remote X, Xvfb) Mesa then
// falls back to llvmpipe, software GL built on LLVM: about 60 MiB more resident memory and a
// slower first frame than GTK drawing with cairo, for no gain. So when no GPU render node can be
// opened, Loket asks GTK not to use OpenGL at all (GDK_DEBUG=gl-disable and GSK_RENDERER=cairo,
// documented in GTK's "Running GTK applications"). Whoever sets GDK_DEBUG or GSK_RENDERER, or LOKET_GL=1, decides
// for themselves.

#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include "loket-gl-choice.h"

static gboolean
can_open_render_node (const char *dri_dir)
{
  g_autoptr (GDir) dir = g_dir_open (dri_dir, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      int              fd;

      if (!g_str_has_prefix (name, "renderD"))
        continue;
      path = g_build_filename (dri_dir, name, NULL);
      fd = open (path, O_RDWR | O_CLOEXEC);
      if (fd >= 0)
        {
          close (fd);
          return TRUE;
        }
    }
  return FALSE;
}

/* TRUE when GTK should run without OpenGL: nobody chose a renderer (GDK_DEBUG, GSK_RENDERER,
 * LOKET_GL=1 in @envp) and either Mesa is told to render in software (LIBGL_ALWAYS_SOFTWARE) or no
 * render node in @dri_dir can be opened. */
gboolean
loket_gl_choice_software_only (const char        *dri_dir,
                               const char *const *envp)
{
  const char *software;

  g_return_val_if_fail (dri_dir != NULL, FALSE);

  if (g_environ_getenv ((char **) envp, "GDK_DEBUG") != NULL
      || g_environ_getenv ((char **) envp, "GSK_RENDERER") != NULL
      || g_strcmp0 (g_environ_getenv ((char **) envp, "LOKET_GL"), "1") == 0)
    return FALSE;
  software = g_environ_getenv ((char **) envp, "LIBGL_ALWAYS_SOFTWARE");
  if (software != NULL && *software != '\0' && g_strcmp0 (software, "0") != 0)
    return TRUE;
  return !can_open_render_node (dri_dir);
}

/* Called from main() before GTK starts; TRUE when OpenGL was turned off. */
gboolean
loket_gl_choice_apply (void)
{
  g_auto (GStrv) envp = g_get_environ ();

  if (!loket_gl_choice_software_only ("/dev/dri", (const char *const *) envp))
    return FALSE;
  g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
  /* Else GSK still tries its GL renderer first and logs its failure for every window. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_debug ("No GPU render node: GTK draws without OpenGL (set LOKET_GL=1 to use it anyway)");
  return TRUE;
}
