// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers the routing widgets share: naming positions and people, toasts.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-routing-util.h"

char *
loket_routing_position_label (LoketOrgChart *org, const char *position_id)
{
  const LoketPosition *position;
  g_autoptr (GPtrArray) holders = NULL;
  g_autoptr (GString) names = g_string_new (NULL);

  if (position_id == NULL)
    return g_strdup ("");
  if (org == NULL || (position = loket_org_chart_lookup_position (org, position_id)) == NULL)
    return g_strdup (position_id);

  holders = loket_org_chart_get_holders (org, position_id);
  for (guint i = 0; holders != NULL && i < holders->len; i++)
    {
      const LoketPerson *person = g_ptr_array_index (holders, i);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, person->name);
    }
  if (names->len == 0)
    return g_strdup (position->title);
  /* Translators: a position and the people holding it, "Kepala Seksi … — Dewi Lestari" */
  return g_strdup_printf (C_ ("position holder", "%s — %s"), position->title, names->str);
}

char *
loket_routing_acting_label (LoketOrgChart *org, const LoketActingPosition *acting)
{
  const LoketPosition *position
    = org != NULL ? loket_org_chart_lookup_position (org, acting->position_id) : NULL;
  const char *title = position != NULL ? position->title : acting->position_id;

  if (!acting->delegated)
    return g_strdup (title);
  /* "Plh." and "Plt." are the Indonesian titles of a stand-in; they are not translated. */
  return g_strdup_printf ("%s %s", acting->kind == LOKET_STAND_IN_PLH ? "Plh." : "Plt.", title);
}

char *
loket_routing_instructions_text (LoketWorkflow *workflow, const char *const *instructions)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; instructions != NULL && instructions[i] != NULL; i++)
    {
      const LoketInstruction *instruction
        = workflow != NULL ? loket_workflow_lookup_instruction (workflow, instructions[i]) : NULL;

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, instruction != NULL ? _ (instruction->label) : instructions[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
loket_routing_toast (GtkWidget *widget, const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
  else
    g_message ("%s", title);
}
