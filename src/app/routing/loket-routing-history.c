// SPDX-License-Identifier: GPL-3.0-or-later
// The riwayat rows of the case pane: each step of the disposition chain, its time and state.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-format.h"
#include "loket-routing-history.h"
#include "loket-routing-util.h"

static const char *
step_kind_key (LoketDispositionStepKind kind)
{
  switch (kind)
    {
      case LOKET_DISPOSITION_STEP_SENT:
        return "sent";
      case LOKET_DISPOSITION_STEP_READ:
        return "read";
      case LOKET_DISPOSITION_STEP_REPORTED:
        return "reported";
      case LOKET_DISPOSITION_STEP_WITHDRAWN:
        return "withdrawn";
      case LOKET_DISPOSITION_STEP_ESCALATED:
      default:
        return "escalated";
    }
}

static char *
positions_text (LoketOrgChart *org, const char *const *ids)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const LoketPosition *position = loket_org_chart_lookup_position (org, ids[i]);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, position != NULL ? position->title : ids[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
position_title (LoketOrgChart *org, const char *id)
{
  const LoketPosition *position = id != NULL ? loket_org_chart_lookup_position (org, id) : NULL;

  return position != NULL ? position->title : (id != NULL ? id : "");
}

static const char *
state_text (LoketDispositionState state)
{
  switch (state)
    {
      case LOKET_DISPOSITION_UNREAD:
        return _ ("unread");
      case LOKET_DISPOSITION_READ:
        return _ ("read");
      case LOKET_DISPOSITION_FORWARDED:
        return _ ("forwarded");
      case LOKET_DISPOSITION_REPORTED:
        return _ ("reported");
      case LOKET_DISPOSITION_WITHDRAWN:
      default:
        return _ ("withdrawn");
    }
}

static void
add_line (GtkWidget *box, const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
}

/* For a sent step: the state of each recipient, the time left, late. */
static char *
recipients_state (LoketDispositionLedger     *ledger,
                  const LoketDispositionStep *step,
                  LoketOrgChart              *org,
                  LoketWorkCalendar          *calendar,
                  gint64                      now,
                  gboolean                   *late)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; step->to != NULL && step->to[i] != NULL; i++)
    {
      const LoketDisposition *d
        = loket_disposition_ledger_lookup (ledger, step->disposition_id, step->to[i]);
      g_autofree char *left = NULL;

      if (d == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      if (loket_disposition_is_open (d) && d->due_at != 0 && calendar != NULL)
        {
          int days = loket_work_calendar_working_days_left (calendar, now, d->due_at);

          left = loket_format_days_left (days);
        }
      if (loket_disposition_is_late (d, now))
        *late = TRUE;
      if (left != NULL)
        /* Translators: a recipient's state in the riwayat: "Kepala Bidang …: read, 2 working
         * days left" */
        g_string_append_printf (text, C_ ("recipient state", "%s: %s, %s"),
                                position_title (org, d->position_id), state_text (d->state), left);
      else
        /* Translators: a recipient's state in the riwayat: "Kepala Bidang …: reported" */
        g_string_append_printf (text, C_ ("recipient state", "%s: %s"),
                                position_title (org, d->position_id), state_text (d->state));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
new_row (GtkListBox *list, const char *kind, GtkWidget **box)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_add_css_class (*box, "timeline-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), *box);
  g_object_set_data (G_OBJECT (row), "loket-step-kind", (gpointer) kind);
  gtk_list_box_append (list, row);
  return row;
}

guint
loket_routing_history_fill (GtkListBox             *list,
                            LoketDispositionLedger *ledger,
                            LoketCase              *kase,
                            LoketWorkflow          *workflow,
                            LoketWorkCalendar      *calendar,
                            gint64                  now)
{
  LoketOrgChart *org = loket_workflow_get_org_chart (workflow);
  GTimeZone     *tz = calendar != NULL ? loket_work_calendar_get_timezone (calendar) : NULL;
  GPtrArray     *history = loket_disposition_ledger_get_history (ledger);
  GArray        *pauses = kase != NULL ? loket_case_get_pauses (kase) : NULL;
  guint          n = 0;
  GtkWidget     *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);

  for (guint i = 0; i < history->len; i++)
    {
      const LoketDispositionStep *step = g_ptr_array_index (history, i);
      g_autofree char            *title = NULL;
      g_autofree char            *when = loket_format_date_time (step->at, tz);
      g_autofree char            *who = loket_format_actor (org, step->person_id);
      g_autofree char            *caption = NULL;
      GtkWidget                  *box;
      GtkWidget                  *row = new_row (list, step_kind_key (step->kind), &box);
      gboolean                    late = FALSE;

      switch (step->kind)
        {
          case LOKET_DISPOSITION_STEP_SENT:
            {
              g_autofree char *to = positions_text (org, (const char *const *) step->to);

              /* Translators: a riwayat row: a disposition from one position to others */
              title = g_strdup_printf (step->parent_id != NULL ? _ ("Forwarded: %s → %s")
                                                               : _ ("Disposition: %s → %s"),
                                       position_title (org, step->position_id), to);
            }
            break;
          case LOKET_DISPOSITION_STEP_READ:
            /* Translators: a riwayat row; %s is a position */
            title = g_strdup_printf (_ ("Read by %s"), position_title (org, step->position_id));
            break;
          case LOKET_DISPOSITION_STEP_REPORTED:
            /* Translators: a riwayat row (laporan tindak lanjut); %s is a position */
            title = g_strdup_printf (_ ("Reported by %s"), position_title (org, step->position_id));
            break;
          case LOKET_DISPOSITION_STEP_WITHDRAWN:
            /* Translators: a riwayat row; %s is a position */
            title
              = g_strdup_printf (_ ("Withdrawn by %s"), position_title (org, step->position_id));
            break;
          case LOKET_DISPOSITION_STEP_ESCALATED:
          default:
            {
              g_autofree char *to = positions_text (org, (const char *const *) step->to);

              /* Translators: a riwayat row: a late step was escalated; late position → superior */
              title = g_strdup_printf (_ ("Late, escalated: %s → %s"),
                                       position_title (org, step->position_id), to);
              late = TRUE;
            }
            break;
        }
      add_line (box, title, "heading");
      if (step->concurrent)
        /* Translators: under a riwayat row: two dispositions were sent at the same time on two
         * PCs (offline) and both are kept */
        add_line (box, _ ("Sent at the same time as another disposition (offline work)"),
                  "warning");

      if (step->instructions != NULL && step->instructions[0] != NULL)
        {
          g_autofree char *text
            = loket_routing_instructions_text (workflow, (const char *const *) step->instructions);

          add_line (box, text, NULL);
        }
      if (step->note != NULL && *step->note != '\0')
        {
          /* Translators: the note of a disposition or report, in quotes */
          g_autofree char *text = g_strdup_printf (_ ("“%s”"), step->note);

          add_line (box, text, NULL);
        }
      if (step->kind == LOKET_DISPOSITION_STEP_SENT)
        {
          g_autofree char *state = recipients_state (ledger, step, org, calendar, now, &late);

          if (step->due_at != 0)
            {
              g_autofree char *due = loket_format_date (step->due_at, tz);
              /* Translators: the due date of a disposition in the riwayat */
              g_autofree char *text = g_strdup_printf (_ ("Due %s"), due);

              add_line (box, text, late ? "due-late" : NULL);
            }
          if (*state != '\0')
            add_line (box, state, late ? "due-late" : "dim-label");
        }

      if (*who != '\0')
        /* Translators: under a riwayat row: its time and who did it */
        caption = g_strdup_printf (C_ ("event caption", "%s · %s"), when, who);
      else
        caption = g_strdup (when);
      add_line (box, caption, "dim-label");

      if (late)
        gtk_widget_add_css_class (row, "late");
      n++;
    }

  for (guint i = 0; pauses != NULL && i < pauses->len; i++)
    {
      const LoketPause *pause = &g_array_index (pauses, LoketPause, i);
      g_autofree char  *from = loket_format_date (pause->start, tz);
      g_autofree char  *text = NULL;
      GtkWidget        *box;

      new_row (list, "paused", &box);
      if (pause->end != 0)
        {
          g_autofree char *until = loket_format_date (pause->end, tz);

          /* Translators: a paused interval of the service clock in the riwayat */
          text = g_strdup_printf (_ ("Clock paused %s – %s (not counted)"), from, until);
        }
      else
        /* Translators: a paused interval still running */
        text = g_strdup_printf (_ ("Clock paused since %s (not counted)"), from);
      add_line (box, text, "heading");
      n++;
    }

  if (n == 0)
    {
      GtkWidget *box;

      new_row (list, "none", &box);
      add_line (box, _ ("No dispositions yet"), "dim-label");
    }
  return n;
}
