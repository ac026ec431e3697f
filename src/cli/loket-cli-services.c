// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli services [--json]`: the service catalog.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "loket-cli-private.h"

int
loket_cli_services (int argc, char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the whole catalog as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = NULL;
  GPtrArray *services;

  if (!loket_cli_parse_options ("services", _("List the service catalog."), entries, &argc, &argv))
    return LOKET_CLI_EXIT_USAGE;

  catalog = loket_cli_load_catalog (&error);
  if (catalog == NULL)
    return loket_cli_fail (error);

  if (json)
    {
      g_autofree char *text = loket_service_catalog_to_json (catalog);
      printf ("%s\n", text);
      return LOKET_CLI_EXIT_OK;
    }

  services = loket_service_catalog_get_services (catalog);
  for (guint i = 0; i < services->len; i++)
    {
      LoketService *s = g_ptr_array_index (services, i);
      g_autofree char *channels = g_strjoinv (", ", (char **) loket_service_get_channels (s));

      printf ("%-55s %-6s %s [%s]\n", loket_service_get_id (s), loket_service_get_lampiran (s),
              loket_service_get_name (s), channels);
    }
  return LOKET_CLI_EXIT_OK;
}
