// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper: opens the store at argv[1] and numbers argv[3] letters of case argv[2], printing
// each `urut` on its own line ("exhausted" when the lease ran out). Run as 4 processes at once.
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "loket-error.h"
#include "loket-store-numbering.h"
#include "store-test-events.h"
#include "store-test-fixture.h"

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCaseProjector) projector = NULL;
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (GPtrArray) registers = NULL;
  const LoketNumberRegister *reg;
  long count;

  if (argc != 4)
    return 2;
  count = strtol (argv[3], NULL, 10);
  projector = store_test_projector_new ();
  store = loket_store_open (argv[1], projector, &error);
  registers = store != NULL ? loket_number_registers_new_default (&error) : NULL;
  if (registers == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  reg = loket_number_registers_lookup (registers, STORE_TEST_AGENCY, "surat-keluar");
  for (long i = 0; i < count; i++)
    {
      g_autofree char *letter = g_uuid_string_random ();
      g_autoptr (LoketLetterNumber) n
        = loket_store_number_letter (store, argv[2], letter, reg, NULL, "worker", T0, &error);

      if (n == NULL && g_error_matches (error, LOKET_ERROR, LOKET_ERROR_CONFLICT))
        {
          printf ("exhausted\n");
          g_clear_error (&error);
          continue;
        }
      if (n == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("%" G_GINT64_FORMAT "\n", n->urut);
      fflush (stdout);
    }
  loket_store_close (store);
  return 0;
}
