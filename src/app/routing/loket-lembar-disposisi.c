// SPDX-License-Identifier: GPL-3.0-or-later
// The lembar disposisi of a case as a PDF: the letters library's template, its recipients,
// instructions (ticked) and notes filled from one disposition of the ledger.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-error.h"
#include "loket-lembar-disposisi.h"

#ifdef LOKET_HAVE_LETTERS
#include "loket-letter-case-fields.h"
#include "loket-letter-renderer.h"
#endif

typedef struct
{
  LoketStore    *store;
  LoketWorkflow *workflow;
  LoketCase     *kase;
  char          *recipients;   /* "1. Kepala Bidang …\n2. …" */
  char          *instructions; /* "[X] Untuk ditindaklanjuti\n[  ] …" */
  char          *notes;        /* the note, sender, reports */
} LembarData;

static void
lembar_data_free (LembarData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->workflow);
  g_clear_object (&data->kase);
  g_free (data->recipients);
  g_free (data->instructions);
  g_free (data->notes);
  g_free (data);
}

#ifdef LOKET_HAVE_LETTERS
/* Replaces the cells of the first row of the table whose first header is @column. */
static void
set_table_row (LoketLetter *letter, const char *column, const char *const *cells)
{
  GPtrArray *blocks = loket_letter_get_blocks (letter);

  for (guint i = 0; i < blocks->len; i++)
    {
      LoketLetterBlock *block = g_ptr_array_index (blocks, i);

      if (block->type != LOKET_LETTER_BLOCK_TABLE || block->columns == NULL
          || g_strcmp0 (block->columns[0], column) != 0 || block->rows == NULL
          || block->rows->len == 0)
        continue;

      g_strfreev (g_ptr_array_index (block->rows, 0));
      g_ptr_array_index (block->rows, 0) = g_strdupv ((GStrv) cells);
      return;
    }
}

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LembarData *data = task_data;
  GError     *error = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (LoketLetter) letter = NULL;
  GBytes *pdf;

  events = loket_store_get_case_events (data->store, loket_case_get_uuid (data->kase), &error);
  if (events == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  letter = loket_letter_new_for_case (
    "lembar_disposisi", data->kase, events, loket_workflow_get_catalog (data->workflow),
    loket_workflow_get_calendar (data->workflow), loket_workflow_get_org_chart (data->workflow),
    g_get_real_time () / G_USEC_PER_SEC, &error);
  if (letter == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  {
    const char *forward[] = { data->recipients, data->instructions, NULL };
    const char *notes[] = { data->notes, NULL };

    set_table_row (letter, "Diteruskan kepada Sdr.:", forward);
    set_table_row (letter, "Catatan", notes);
  }

  pdf = loket_letter_render (letter, LOKET_PAPER_F4, &error);
  if (pdf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pdf, (GDestroyNotify) g_bytes_unref);
}
#endif

static char *
format_day (LoketWorkflow *workflow, gint64 at)
{
  GTimeZone *tz = loket_work_calendar_get_timezone (loket_workflow_get_calendar (workflow));
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "%d-%m-%Y");
}

/* The disposition the person's sheet is about: the latest one they sent, else the latest one
 * they received, else NULL (the latest of the case). */
const char *
loket_lembar_disposisi_choose (LoketDispositionLedger *ledger,
                               LoketWorkflow          *workflow,
                               const char             *person_id,
                               gint64                  now)
{
  GPtrArray *dispositions = loket_disposition_ledger_get_dispositions (ledger);
  g_autoptr (GPtrArray) acting = NULL;
  const char *sent = NULL;
  const char *received = NULL;

  if (person_id == NULL)
    return NULL;
  acting = loket_workflow_get_acting_positions (workflow, person_id, now);
  for (guint i = 0; i < dispositions->len; i++)
    {
      const LoketDisposition *d = g_ptr_array_index (dispositions, i);

      if (d->state == LOKET_DISPOSITION_WITHDRAWN)
        continue;
      for (guint j = 0; j < acting->len; j++)
        {
          const LoketActingPosition *a = g_ptr_array_index (acting, j);

          if (g_strcmp0 (d->from_position, a->position_id) == 0)
            sent = d->id;
          if (g_strcmp0 (d->position_id, a->position_id) == 0)
            received = d->id;
        }
    }
  return sent != NULL ? sent : received;
}

void
loket_lembar_disposisi_render_async (LoketStore             *store,
                                     LoketWorkflow          *workflow,
                                     LoketCase              *kase,
                                     LoketDispositionLedger *ledger,
                                     const char             *disposition_id,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GPtrArray              *dispositions = loket_disposition_ledger_get_dispositions (ledger);
  LoketOrgChart          *org = loket_workflow_get_org_chart (workflow);
  GPtrArray              *all = loket_workflow_get_instructions (workflow);
  const LoketDisposition *chosen = NULL;
  g_autoptr (GString) recipients = g_string_new (NULL);
  g_autoptr (GString) instructions = g_string_new (NULL);
  g_autoptr (GString) notes = g_string_new (NULL);
  LembarData *data;
  guint       n = 0;

  g_task_set_source_tag (task, loket_lembar_disposisi_render_async);

  for (guint i = 0; i < dispositions->len; i++)
    {
      const LoketDisposition *d = g_ptr_array_index (dispositions, i);

      if (d->state == LOKET_DISPOSITION_WITHDRAWN)
        continue;
      if (disposition_id == NULL || g_strcmp0 (d->id, disposition_id) == 0)
        chosen = d; /* the latest one (send order) */
    }
  if (chosen == NULL)
    {
      g_task_return_new_error (task, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, "%s",
                               _ ("The case has no disposition to print"));
      return;
    }

  for (guint i = 0; i < dispositions->len; i++)
    {
      const LoketDisposition *d = g_ptr_array_index (dispositions, i);
      const LoketPosition    *position;

      if (g_strcmp0 (d->id, chosen->id) != 0)
        continue;
      position = loket_org_chart_lookup_position (org, d->position_id);
      g_string_append_printf (recipients, "%s%u. %s", n > 0 ? "\n" : "", n + 1,
                              position != NULL ? position->title : d->position_id);
      n++;
      if (d->report_note != NULL)
        {
          g_autofree char *day = format_day (workflow, d->reported_at);

          g_string_append_printf (notes, "\nLaporan %s (%s): %s",
                                  position != NULL ? position->title : d->position_id, day,
                                  d->report_note);
        }
    }

  for (guint i = 0; i < all->len; i++)
    {
      const LoketInstruction *instruction = g_ptr_array_index (all, i);
      gboolean                ticked
        = chosen->instructions != NULL
          && g_strv_contains ((const char *const *) chosen->instructions, instruction->id);

      /* The printed form is Indonesian (label_id), whatever the UI language. */
      g_string_append_printf (instructions, "%s[%s] %s", i > 0 ? "\n" : "", ticked ? "X" : "  ",
                              instruction->label_id);
    }

  {
    const LoketPosition *from = loket_org_chart_lookup_position (org, chosen->from_position);
    g_autofree char     *sent = format_day (workflow, chosen->sent_at);
    g_autoptr (GString) head = g_string_new (NULL);

    g_string_append_printf (head, "%s\nDari: %s, %s", chosen->note != NULL ? chosen->note : "",
                            from != NULL ? from->title : chosen->from_position, sent);
    if (chosen->due_at != 0)
      {
        g_autofree char *due = format_day (workflow, chosen->due_at);

        g_string_append_printf (head, "\nBatas waktu: %s", due);
      }
    g_string_prepend (notes, head->str);
    g_string_append (notes, "\n\nParaf:");
  }

  data = g_new0 (LembarData, 1);
  data->store = g_object_ref (store);
  data->workflow = g_object_ref (workflow);
  data->kase = g_object_ref (kase);
  data->recipients = g_string_free (g_steal_pointer (&recipients), FALSE);
  data->instructions = g_string_free (g_steal_pointer (&instructions), FALSE);
  data->notes = g_string_free (g_steal_pointer (&notes), FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) lembar_data_free);

#ifdef LOKET_HAVE_LETTERS
  g_task_run_in_thread (task, render_thread);
#else
  g_task_return_new_error (task, LOKET_ERROR, LOKET_ERROR_UNSUPPORTED, "%s",
                           _ ("Loket was built without the letters library"));
#endif
}

GBytes *
loket_lembar_disposisi_render_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
