// SPDX-License-Identifier: GPL-3.0-or-later
// An intake in progress, to be killed: attaches the files of a folder one by one to an AKAD
// form, autosaving the draft after each, then keeps autosaving. After each committed save it
// prints "<draft id> <attachments>" (flushed). Used by test-intake-kill.
#include "config.h"

#include <stdio.h>

#include "loket-store.h"
#include "store-test-events.h"

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCaseProjector) projector = NULL;
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (LoketIntakeForm) form = NULL;
  g_autoptr (LoketParty) party = NULL;
  guint n_attached = 0;

  if (argc < 3)
    {
      g_printerr ("usage: %s DATABASE FILE…\n", argv[0]);
      return 2;
    }
  projector = store_test_projector_new ();
  store = loket_store_open (argv[1], projector, &error);
  if (store != NULL)
    form = loket_intake_form_new (loket_case_projector_get_catalog (projector),
                                  STORE_TEST_SERVICE, "surat", &error);
  if (form == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  party = loket_party_new (LOKET_PARTY_ORGANISATION);
  loket_party_set_name (party, "PT Sumber Rejeki");
  loket_intake_form_add_party (form, party);

  for (guint round = 0;; round++)
    {
      g_autofree char *json = NULL;
      g_autofree char *subject = g_strdup_printf ("Permohonan rekomendasi (%u)", round);

      if ((int) n_attached + 2 < argc)
        {
          g_autoptr (GFile) file = g_file_new_for_path (argv[2 + n_attached]);
          g_autoptr (LoketAttachment) a
            = loket_store_add_blob_from_file (store, file, 0, NULL, &error);
          g_autofree char *req = g_strdup_printf ("r%u", 1 + n_attached % 4);

          if (a == NULL || !loket_intake_form_add_attachment (form, req, a, &error))
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          n_attached++;
        }
      loket_intake_form_set_subject (form, subject);
      json = loket_intake_form_to_json (form);
      if (!loket_store_save_draft (store, loket_intake_form_get_draft_id (form), json, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("%s %u\n", loket_intake_form_get_draft_id (form), n_attached);
      fflush (stdout);
    }
}
