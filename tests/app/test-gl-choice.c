// SPDX-License-Identifier: GPL-3.0-or-later
// When Loket turns GTK's OpenGL off: no openable GPU render node, unless the user chose.
#include "config.h"

#include <glib/gstdio.h>

#include "loket-gl-choice.h"
#include "loket-test-utils.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("loket-dri-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  loket_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
add_node (Fixture *f, const char *name, int mode)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static void
test_no_gpu (Fixture *f, gconstpointer data)
{
  const char *empty[] = { NULL };
  g_autofree char *missing = g_build_filename (f->dir, "absent", NULL);

  g_assert_true (loket_gl_choice_software_only (f->dir, empty));
  g_assert_true (loket_gl_choice_software_only (missing, empty));
  /* A display node alone (card0) is no render node. */
  add_node (f, "card0", 0666);
  g_assert_true (loket_gl_choice_software_only (f->dir, empty));
}

static void
test_gpu (Fixture *f, gconstpointer data)
{
  const char *empty[] = { NULL };
  const char *software[] = { "LIBGL_ALWAYS_SOFTWARE=1", NULL };
  const char *not_software[] = { "LIBGL_ALWAYS_SOFTWARE=0", NULL };

  add_node (f, "renderD128", 0666);
  g_assert_false (loket_gl_choice_software_only (f->dir, empty));
  g_assert_true (loket_gl_choice_software_only (f->dir, software));
  g_assert_false (loket_gl_choice_software_only (f->dir, not_software));
}

static void
test_user_choice_wins (Fixture *f, gconstpointer data)
{
  const char *debug[] = { "GDK_DEBUG=", NULL };
  const char *renderer[] = { "GSK_RENDERER=gl", NULL };
  const char *forced[] = { "LOKET_GL=1", "LIBGL_ALWAYS_SOFTWARE=1", NULL };
  const char *not_forced[] = { "LOKET_GL=0", NULL };

  g_assert_false (loket_gl_choice_software_only (f->dir, debug));
  g_assert_false (loket_gl_choice_software_only (f->dir, renderer));
  g_assert_false (loket_gl_choice_software_only (f->dir, forced));
  g_assert_true (loket_gl_choice_software_only (f->dir, not_forced));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/gl-choice/no-gpu", Fixture, NULL, fixture_set_up, test_no_gpu, fixture_tear_down);
  g_test_add ("/gl-choice/gpu", Fixture, NULL, fixture_set_up, test_gpu, fixture_tear_down);
  g_test_add ("/gl-choice/user-choice-wins", Fixture, NULL, fixture_set_up, test_user_choice_wins,
              fixture_tear_down);
  return g_test_run ();
}
