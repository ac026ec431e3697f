// SPDX-License-Identifier: GPL-3.0-or-later
// Appends batches of case events to a store until killed; after each commit it prints the
// batch's last event as "<case uuid> <event uuid>" (flushed). Used by test-store-kill.
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
  gint64 received_at = 1790816400;

  if (argc != 2)
    {
      g_printerr ("usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  projector = store_test_projector_new ();
  store = loket_store_open (argv[1], projector, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint batch = 0;; batch++)
    {
      g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
      LoketEvent *last;

      for (guint i = 0; i < 5; i++)
        {
          g_autofree char *agenda = g_strdup_printf ("%u/K/%u", i, batch);
          StoreTestCase    spec = { NULL,
                                    agenda,
                                    "Pemohon Uji",
                                    "5371010101900001",
                                    NULL,
                                    received_at + batch * 60 + i,
                                    1 + (batch + i) % 7 };
          g_autoptr (GPtrArray) one = store_test_case_events (&spec);

          g_ptr_array_extend_and_steal (events, g_steal_pointer (&one));
        }
      if (!loket_store_append_events (store, events, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      last = g_ptr_array_index (events, events->len - 1);
      printf ("%s %s\n", loket_event_get_case_uuid (last), loket_event_get_uuid (last));
      fflush (stdout);
    }
}
