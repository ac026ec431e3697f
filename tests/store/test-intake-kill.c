// SPDX-License-Identifier: GPL-3.0-or-later
// SIGKILL an intake in progress after it attached files: reopening lists its draft with every
// attachment it reported saved, the blobs are intact, the database checks clean, and the draft
// can still be registered.
#include "config.h"

#include <signal.h>
#include <string.h>

#include "loket-store.h"
#include "loket-test-utils.h"
#include "store-test-events.h"

#define N_FILES 8

static char *
write_pdf (const char *dir, guint i)
{
  g_autofree char *name = g_strdup_printf ("scan-%u.pdf", i);
  char            *path = g_build_filename (dir, name, NULL);
  gsize            size = 150000 + i * 1000;
  g_autofree char *data = g_malloc (size);

  for (gsize j = 0; j < size; j++)
    data[j] = (char) (i * 7 + j % 251);
  memcpy (data, "%PDF-1.5\n", 9);
  g_assert_true (g_file_set_contents (path, data, (gssize) size, NULL));
  return path;
}

static void
test_kill_during_intake (void)
{
  g_autofree char *dir = g_dir_make_tmp ("loket-test-intake-kill-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "loket.db", NULL);
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "store", "intake-kill-helper", NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (LoketCaseProjector) projector = store_test_projector_new ();
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (LoketStoreCheckReport) report = NULL;
  g_autoptr (GPtrArray) drafts = NULL;
  g_autoptr (LoketIntakeForm) form = NULL;
  g_autoptr (GPtrArray) attachments = NULL;
  g_autofree char *draft_id = NULL;
  g_autofree char *json = NULL;
  g_autofree char *case_uuid = NULL;
  guint wanted = 2 + (guint) g_test_rand_int_range (0, 4); /* stop after 2–5 files */
  guint reported = 0;

  g_ptr_array_add (argv, g_strdup (helper));
  g_ptr_array_add (argv, g_strdup (path));
  for (guint i = 0; i < N_FILES; i++)
    g_ptr_array_add (argv, write_pdf (dir, i));
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                               &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while (reported < wanted)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      g_auto (GStrv) parts = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      parts = g_strsplit (line, " ", 2);
      g_free (draft_id);
      draft_id = g_strdup (parts[0]);
      reported = (guint) g_ascii_strtoull (parts[1], NULL, 10);
    }
  /* Somewhere inside the next import or autosave. */
  g_usleep (g_test_rand_int_range (0, 4000));
  g_subprocess_send_signal (process, SIGKILL);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL);
      g_auto (GStrv) parts = NULL;

      if (line == NULL)
        break;
      parts = g_strsplit (line, " ", 2);
      if (parts[1] != NULL)
        reported = MAX (reported, (guint) g_ascii_strtoull (parts[1], NULL, 10));
    }
  g_test_message ("killed after %u attachments reported saved", reported);

  /* The next start: the draft is there with its attachments. */
  store = loket_store_open (path, projector, &error);
  g_assert_no_error (error);
  report = loket_store_check (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("problem: %s", (char *) report->problems->pdata[i]);
  g_assert_cmpuint (report->problems->len, ==, 0);

  drafts = loket_store_list_drafts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (((LoketDraftInfo *) drafts->pdata[0])->id, ==, draft_id);
  g_assert_cmpuint (((LoketDraftInfo *) drafts->pdata[0])->n_attachments, >=, reported);
  json = loket_store_load_draft (store, draft_id, &error);
  g_assert_no_error (error);
  form = loket_intake_form_new_from_json (loket_case_projector_get_catalog (projector), json,
                                          &error);
  g_assert_no_error (error);
  attachments = loket_intake_form_list_all_attachments (form);
  g_assert_cmpuint (attachments->len, >=, reported);
  for (guint i = 0; i < attachments->len; i++)
    {
      LoketAttachment *a = g_ptr_array_index (attachments, i);
      g_autoptr (GBytes) bytes = loket_store_read_blob (store, a->sha256, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), ==, a->size);
    }

  /* And it can be registered: the case gets every attachment, the draft goes. */
  g_assert_true (loket_store_register_case (store, form, NULL, "petugas", LOKET_INTAKE_REGISTER,
                                            &case_uuid, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = loket_store_list_drafts (store, NULL);
  g_assert_cmpuint (drafts->len, ==, 0);
  g_clear_pointer (&report, loket_store_check_report_free);
  report = loket_store_check (store, &error);
  g_assert_cmpuint (report->problems->len, ==, 0);

  g_clear_object (&store);
  loket_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loket/store/intake/kill-during-intake", test_kill_during_intake);
  return g_test_run ();
}
