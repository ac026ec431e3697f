// SPDX-License-Identifier: GPL-3.0-or-later
// Laporan: the service performance report in a window (loket-report-view.h).

#include "config.h"

#include "loket-report-view.h"

#include <glib/gi18n.h>
#include <math.h>

#include "loket-office-profile.h"
#include "loket-service.h"
#include "loket-store-report.h"
#ifdef LOKET_HAVE_LETTERS
#include "loket-report-export.h"
#endif

#define RESOURCE_BASE "/io/github/loketapp/Loket"
#define CHART_ROW 26.0
#define CHART_TOP 28.0

struct _LoketReportView
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkMenuButton   *from_button;
  GtkMenuButton   *to_button;
  GtkCalendar     *from_calendar;
  GtkCalendar     *to_calendar;
  GtkDropDown     *service_dropdown;
  GtkStack        *state_stack;
  AdwStatusPage   *error_page;
  GtkLabel        *summary_label;
  GtkDrawingArea  *chart_area;
  GtkBox          *tables_box;

  /* Owned references */
  LoketStore           *store;
  LoketServiceCatalog  *catalog;
  LoketOrgChart        *org;
  LoketWorkCalendar    *calendar;
  GCancellable         *cancellable; /* the count running now */
  LoketReport          *report;
  GPtrArray            *service_ids; /* dropdown position → service id ("" = all) */
  GtkFileChooserNative *chooser;
  char                 *export_format;

  gint64   now;
  gboolean loading;
  gboolean setting_period;
};

G_DEFINE_FINAL_TYPE (LoketReportView, loket_report_view, ADW_TYPE_WINDOW)

/* ---- counting in a worker thread ---- */

typedef struct
{
  LoketStore          *store;
  LoketServiceCatalog *catalog;
  LoketOrgChart       *org;
  LoketWorkCalendar   *calendar;
  LoketReportParams    params;
  char                *service_id;
} CountJob;

static void
count_job_free (CountJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->catalog);
  g_clear_object (&job->org);
  g_clear_object (&job->calendar);
  g_free (job->service_id);
  g_free (job);
}

static void
count_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  CountJob *job = task_data;
  g_autoptr (GPtrArray) cases = NULL;
  g_autoptr (GHashTable) outcomes = NULL;
  LoketReport *report;
  GError      *error = NULL;

  if (!loket_store_load_report_input (job->store, &cases, &outcomes, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  job->params.service_id = job->service_id;
  report = loket_report_compute (&job->params, cases, outcomes, job->catalog, job->org,
                                 job->calendar, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) loket_report_free);
}

/* ---- showing the report ---- */

static char *
format_date (const GDate *date)
{
  char buf[64];

  /* Translators: a date in the report's period buttons, strftime format */
  g_date_strftime (buf, sizeof buf, _ ("%-d %b %Y"), date);
  return g_strdup (buf);
}

static void
get_calendar_date (GtkCalendar *calendar, GDate *date)
{
  g_autoptr (GDateTime) dt = gtk_calendar_get_date (calendar);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}

static GtkWidget *
cell_label (const char *text, gboolean numeric, gboolean bold)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), !numeric);
  gtk_label_set_max_width_chars (GTK_LABEL (label), numeric ? 12 : 60);
  gtk_widget_set_hexpand (label, !numeric);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (bold)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* One table as a grid of labels (dynamic rows). */
static GtkWidget *
table_widget (const LoketReportTable *table)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (table->title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *grid = gtk_grid_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (box), title);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 8);
  gtk_widget_set_margin_bottom (grid, 8);
  for (guint i = 0; i < table->n_labels; i++)
    gtk_grid_attach (GTK_GRID (grid), cell_label (table->label_headings[i], FALSE, TRUE), i, 0, 1,
                     1);
  for (guint i = 0; i < table->n_values; i++)
    gtk_grid_attach (GTK_GRID (grid), cell_label (table->value_headings[i], TRUE, TRUE),
                     table->n_labels + i, 0, 1, 1);
  for (guint r = 0; r < table->rows->len; r++)
    {
      const LoketReportRow *row = g_ptr_array_index (table->rows, r);
      gboolean              total = *row->key == '\0';

      for (guint i = 0; i < table->n_labels; i++)
        gtk_grid_attach (GTK_GRID (grid), cell_label (row->labels[i], FALSE, total), i, r + 1, 1,
                         1);
      for (guint i = 0; i < table->n_values; i++)
        {
          g_autofree char *text = loket_report_format_value (table, i, row->values[i]);

          gtk_grid_attach (GTK_GRID (grid), cell_label (*text ? text : "–", TRUE, total),
                           table->n_labels + i, r + 1, 1, 1);
        }
    }
  if (table->rows->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_ ("Nothing in this period"));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), empty, 0, 1, table->n_labels + table->n_values, 1);
    }
  gtk_frame_set_child (GTK_FRAME (frame), grid);
  gtk_box_append (GTK_BOX (box), frame);
  return box;
}

static guint
chart_rows (LoketReportView *self)
{
  const LoketReportTable *t
    = self->report != NULL ? loket_report_get_table (self->report, "services") : NULL;

  return t != NULL && t->rows->len > 0 ? t->rows->len - 1 : 0; /* without the total */
}

/* Horizontal bars per service: received (grey), completed on time (accent), late now (red). */
static void
draw_chart (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  LoketReportView        *self = user_data;
  const LoketReportTable *t
    = self->report != NULL ? loket_report_get_table (self->report, "services") : NULL;
  guint        n = chart_rows (self);
  double       label_width = MIN (360.0, width * 0.4), bar_x = label_width + 12, bar_width;
  double       max = 1;
  GdkRGBA      fg;
  PangoLayout *layout;
  const struct
  {
    const char *name;
    double      r, g, b;
  } legend[] = {
    { N_ ("Received"), 0.6, 0.6, 0.6 },
    { N_ ("Completed on time"), 0.21, 0.52, 0.89 },
    { N_ ("Late now"), 0.88, 0.11, 0.14 },
  };

  if (t == NULL)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  bar_width = MAX (40.0, width - bar_x - 60);
  for (guint i = 0; i < n; i++)
    {
      const LoketReportRow *row = g_ptr_array_index (t->rows, i);

      max = MAX (max, row->values[LOKET_REPORT_SERVICE_RECEIVED]);
      max = MAX (max, row->values[LOKET_REPORT_SERVICE_WITHIN_SLA]);
      max = MAX (max, row->values[LOKET_REPORT_SERVICE_LATE_NOW]);
    }
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);

  /* Legend */
  {
    double x = bar_x;

    for (guint k = 0; k < G_N_ELEMENTS (legend); k++)
      {
        int lw, lh;

        cairo_set_source_rgb (cr, legend[k].r, legend[k].g, legend[k].b);
        cairo_rectangle (cr, x, 6, 12, 12);
        cairo_fill (cr);
        pango_layout_set_text (layout, _ (legend[k].name), -1);
        pango_layout_get_pixel_size (layout, &lw, &lh);
        gdk_cairo_set_source_rgba (cr, &fg);
        cairo_move_to (cr, x + 16, 12 - lh / 2.0);
        pango_cairo_show_layout (cr, layout);
        x += 16 + lw + 18;
      }
  }

  for (guint i = 0; i < n; i++)
    {
      const LoketReportRow *row = g_ptr_array_index (t->rows, i);
      double                y = CHART_TOP + i * CHART_ROW;
      double                received = row->values[LOKET_REPORT_SERVICE_RECEIVED];
      double                on_time = row->values[LOKET_REPORT_SERVICE_WITHIN_SLA];
      double                late = row->values[LOKET_REPORT_SERVICE_LATE_NOW];
      g_autofree char      *value = g_strdup_printf ("%.0f", received);
      int                   lw, lh;

      pango_layout_set_width (layout, (int) (label_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_text (layout, row->labels[0], -1);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, 0, y + (CHART_ROW - lh) / 2);
      pango_cairo_show_layout (cr, layout);

      /* Three thin bars per service, one under the other. */
      cairo_set_source_rgb (cr, legend[0].r, legend[0].g, legend[0].b);
      cairo_rectangle (cr, bar_x, y + 2, bar_width * received / max, 7);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, legend[1].r, legend[1].g, legend[1].b);
      cairo_rectangle (cr, bar_x, y + 10, bar_width * on_time / max, 7);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, legend[2].r, legend[2].g, legend[2].b);
      cairo_rectangle (cr, bar_x, y + 18, bar_width * late / max, 3);
      cairo_fill (cr);

      pango_layout_set_width (layout, -1);
      pango_layout_set_text (layout, value, -1);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, bar_x + bar_width * MAX (received, on_time) / max + 6,
                     y + (CHART_ROW - lh) / 2 - 2);
      pango_cairo_show_layout (cr, layout);
    }
  g_object_unref (layout);
  (void) height;
}

static void
show_report (LoketReportView *self)
{
  GtkWidget              *child;
  const LoketReportTable *services = loket_report_get_table (self->report, "services");
  const LoketReportRow   *total = loket_report_table_lookup (services, "");
  g_autofree char        *period = loket_report_format_period (self->report);
  g_autofree char        *summary = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tables_box))) != NULL)
    gtk_box_remove (self->tables_box, child);
  for (guint i = 0; i < self->report->tables->len; i++)
    gtk_box_append (self->tables_box, table_widget (g_ptr_array_index (self->report->tables, i)));

  if (total != NULL && !isnan (total->values[LOKET_REPORT_SERVICE_SLA_PERCENT]))
    /* Translators: the report's summary; %s is the period, then counts and a percentage */
    summary = g_strdup_printf (_ ("%s: %.0f received, %.0f completed, %.1f %% on time"), period,
                               total->values[LOKET_REPORT_SERVICE_RECEIVED],
                               total->values[LOKET_REPORT_SERVICE_COMPLETED],
                               total->values[LOKET_REPORT_SERVICE_SLA_PERCENT]);
  else if (total != NULL)
    summary = g_strdup_printf (_ ("%s: %.0f received, %.0f completed"), period,
                               total->values[LOKET_REPORT_SERVICE_RECEIVED],
                               total->values[LOKET_REPORT_SERVICE_COMPLETED]);
  else
    summary = g_strdup (period);
  gtk_label_set_label (self->summary_label, summary);
  adw_window_title_set_subtitle (self->window_title, period);
  gtk_drawing_area_set_content_height (self->chart_area,
                                       (int) (CHART_TOP + chart_rows (self) * CHART_ROW + 8));
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
  gtk_stack_set_visible_child_name (self->state_stack, "report");
}

static void
counted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoketReportView *self = LOKET_REPORT_VIEW (source);
  g_autoptr (GError) error = NULL;
  LoketReport *report = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  g_clear_pointer (&self->report, loket_report_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export", report != NULL);
  if (report == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      return;
    }
  self->report = report;
  show_report (self);
}

static void
count (LoketReportView *self)
{
  g_autoptr (GTask) task = NULL;
  CountJob        *job = g_new0 (CountJob, 1);
  guint            selected = gtk_drop_down_get_selected (self->service_dropdown);
  const char      *service_id = self->service_ids != NULL && selected < self->service_ids->len
                                  ? g_ptr_array_index (self->service_ids, selected)
                                  : "";
  g_autofree char *from_text = NULL, *to_text = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job->store = g_object_ref (self->store);
  job->catalog = g_object_ref (self->catalog);
  job->org = g_object_ref (self->org);
  job->calendar = g_object_ref (self->calendar);
  job->service_id = *service_id ? g_strdup (service_id) : NULL;
  job->params.now = self->now;
  get_calendar_date (self->from_calendar, &job->params.from);
  get_calendar_date (self->to_calendar, &job->params.to);
  from_text = format_date (&job->params.from);
  to_text = format_date (&job->params.to);
  gtk_menu_button_set_label (self->from_button, from_text);
  gtk_menu_button_set_label (self->to_button, to_text);

  self->loading = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export", FALSE);
  gtk_stack_set_visible_child_name (self->state_stack, "loading");
  task = g_task_new (self, self->cancellable, counted_cb, NULL);
  g_task_set_source_tag (task, count);
  g_task_set_task_data (task, job, (GDestroyNotify) count_job_free);
  g_task_run_in_thread (task, count_thread);
}

static void
period_changed_cb (LoketReportView *self)
{
  if (self->setting_period || self->store == NULL)
    return;
  count (self);
}

/* ---- export ---- */

typedef struct
{
  LoketReport *report;
  char        *format;
  char        *path;
  LoketStore  *store;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_pointer (&job->report, loket_report_free);
  g_free (job->format);
  g_free (job->path);
  g_clear_object (&job->store);
  g_free (job);
}

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError    *error = NULL;
  gboolean   ok = FALSE;

  if (g_str_equal (job->format, "csv"))
    {
      g_autofree char *csv = loket_report_to_csv (job->report);

      ok = g_file_set_contents (job->path, csv, -1, &error);
    }
#ifdef LOKET_HAVE_LETTERS
  else if (g_str_equal (job->format, "xlsx"))
    ok = loket_report_write_xlsx (job->report, job->path, &error);
  else if (g_str_equal (job->format, "pdf"))
    {
      g_autoptr (GHashTable) settings = loket_store_get_settings (job->store, "office.", NULL);
      g_autoptr (LoketOfficeProfile) profile = loket_office_profile_new_from_settings (settings);
      g_auto (GStrv) kop = loket_office_profile_dup_kop (profile);
      LoketReportPdfOptions options
        = { (const char *const *) kop, profile->logo_png,  profile->place,
            profile->head_title,       profile->head_name, profile->head_nip };
      g_autoptr (GBytes) pdf = loket_report_render_pdf (job->report, &options, &error);

      ok = pdf != NULL
           && g_file_set_contents (job->path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                   &error);
    }
#endif
  else
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _ ("Unknown export format “%s”"),
                 job->format);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
loket_report_view_export_async (LoketReportView    *self,
                                const char         *format,
                                GFile              *file,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  ExportJob *job;

  g_task_set_source_tag (task, loket_report_view_export_async);
  if (self->report == NULL || g_file_peek_path (file) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _ ("There is no report to export yet"));
      return;
    }
  job = g_new0 (ExportJob, 1);
  job->report = loket_report_ref (self->report);
  job->format = g_strdup (format);
  job->path = g_file_get_path (file);
  job->store = g_object_ref (self->store);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
loket_report_view_export_finish (LoketReportView *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
exported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoketReportView *self = LOKET_REPORT_VIEW (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (loket_report_view_export_finish (self, result, &error))
    message = g_strdup (_ ("Report exported"));
  else
    /* Translators: a toast; %s is the reason */
    message = g_strdup_printf (_ ("The report could not be exported: %s"), error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
chooser_response_cb (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  LoketReportView *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      loket_report_view_export_async (self, self->export_format, file, NULL, exported_cb, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  LoketReportView *self = LOKET_REPORT_VIEW (widget);
  const char      *format = g_variant_get_string (parameter, NULL);
  g_autofree char *name = NULL;
  g_autofree char *from = NULL, *to = NULL;
  char             buf[16];

  if (self->report == NULL)
    return;
  g_date_strftime (buf, sizeof buf, "%Y%m%d", &self->report->from);
  from = g_strdup (buf);
  g_date_strftime (buf, sizeof buf, "%Y%m%d", &self->report->to);
  to = g_strdup (buf);
  name = g_strdup_printf ("laporan-kinerja-%s-%s.%s", from, to, format);
  g_free (self->export_format);
  self->export_format = g_strdup (format);
  g_clear_object (&self->chooser);
  self->chooser
    = gtk_file_chooser_native_new (_ ("Export Report"), GTK_WINDOW (self),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- GObject ---- */

static void
loket_report_view_dispose (GObject *object)
{
  LoketReportView *self = LOKET_REPORT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_REPORT_VIEW);
  G_OBJECT_CLASS (loket_report_view_parent_class)->dispose (object);
}

static void
loket_report_view_finalize (GObject *object)
{
  LoketReportView *self = LOKET_REPORT_VIEW (object);

  g_clear_pointer (&self->report, loket_report_free);
  g_clear_pointer (&self->service_ids, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  g_clear_object (&self->org);
  g_clear_object (&self->calendar);
  g_free (self->export_format);
  G_OBJECT_CLASS (loket_report_view_parent_class)->finalize (object);
}

static void
loket_report_view_class_init (LoketReportViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_report_view_dispose;
  object_class->finalize = loket_report_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/reports/loket-report-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketReportView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LoketReportView, window_title);
  gtk_widget_class_bind_template_child (widget_class, LoketReportView, from_button);
  gtk_widget_class_bind_template_child (widget_class, LoketReportView, to_button);
  gtk_widget_class_bind_template_child (widget_class, LoketReportView, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, LoketReportView, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, LoketReportView, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LoketReportView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LoketReportView, error_page);
  gtk_widget_class_bind_template_child (widget_class, LoketReportView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LoketReportView, chart_area);
  gtk_widget_class_bind_template_child (widget_class, LoketReportView, tables_box);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_install_action (widget_class, "report.export", "s", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
loket_report_view_init (LoketReportView *self)
{
  self->setting_period = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->setting_period = FALSE;
  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart, self, NULL);
}

static int
compare_services (gconstpointer a, gconstpointer b)
{
  LoketService *sa = *(LoketService *const *) a, *sb = *(LoketService *const *) b;

  return g_utf8_collate (loket_service_get_name (sa), loket_service_get_name (sb));
}

LoketReportView *
loket_report_view_new (GtkWindow           *parent,
                       LoketStore          *store,
                       LoketServiceCatalog *catalog,
                       LoketOrgChart       *org,
                       LoketWorkCalendar   *calendar,
                       gint64               now)
{
  LoketReportView *self = g_object_new (LOKET_TYPE_REPORT_VIEW, "transient-for", parent, NULL);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *all = loket_service_catalog_get_services (catalog);
  g_autoptr (GPtrArray) services = g_ptr_array_sized_new (all->len); /* borrowed services */
  g_autoptr (GDateTime) today = NULL;
  g_autoptr (GDateTime) first = NULL;

  self->store = g_object_ref (store);
  self->catalog = g_object_ref (catalog);
  self->org = g_object_ref (org);
  self->calendar = g_object_ref (calendar);
  self->now = now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;

  self->service_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (names, _ ("All services"));
  g_ptr_array_add (self->service_ids, g_strdup (""));
  for (guint i = 0; i < all->len; i++)
    g_ptr_array_add (services, g_ptr_array_index (all, i));
  g_ptr_array_sort (services, compare_services);
  for (guint i = 0; i < services->len; i++)
    {
      LoketService *s = g_ptr_array_index (services, i);
      LoketAgency  *agency
        = loket_service_catalog_lookup_agency (catalog, loket_service_get_agency_id (s));
      g_autofree char *label = g_strdup_printf (
        "%s (%s)", loket_service_get_name (s),
        agency != NULL ? loket_agency_get_short_name (agency) : loket_service_get_agency_id (s));

      gtk_string_list_append (names, label);
      g_ptr_array_add (self->service_ids, g_strdup (loket_service_get_id (s)));
    }

  self->setting_period = TRUE;
  gtk_drop_down_set_model (self->service_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->service_dropdown, 0);
  today = g_date_time_new_from_unix_local (self->now);
  first = g_date_time_new_local (g_date_time_get_year (today), 1, 1, 0, 0, 0);
  gtk_calendar_select_day (self->from_calendar, first);
  gtk_calendar_select_day (self->to_calendar, today);
  self->setting_period = FALSE;
  count (self);
  return self;
}

void
loket_report_view_set_period (LoketReportView *self, const GDate *from, const GDate *to)
{
  g_autoptr (GDateTime) a = NULL;
  g_autoptr (GDateTime) b = NULL;

  g_return_if_fail (LOKET_IS_REPORT_VIEW (self));

  a = g_date_time_new_local (g_date_get_year (from), g_date_get_month (from), g_date_get_day (from),
                             12, 0, 0);
  b = g_date_time_new_local (g_date_get_year (to), g_date_get_month (to), g_date_get_day (to), 12,
                             0, 0);
  self->setting_period = TRUE;
  gtk_calendar_select_day (self->from_calendar, a);
  gtk_calendar_select_day (self->to_calendar, b);
  self->setting_period = FALSE;
  count (self);
}

LoketReport *
loket_report_view_get_report (LoketReportView *self)
{
  g_return_val_if_fail (LOKET_IS_REPORT_VIEW (self), NULL);

  return self->loading ? NULL : self->report;
}

gboolean
loket_report_view_is_loading (LoketReportView *self)
{
  g_return_val_if_fail (LOKET_IS_REPORT_VIEW (self), FALSE);

  return self->loading;
}
