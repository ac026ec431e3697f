// SPDX-License-Identifier: GPL-3.0-or-later
// The case pane's letter drafts: "New Draft" and the list of drafts with their versions.

#include "config.h"

#include <glib/gi18n.h>

#include "loket-case-drafts.h"
#include "loket-format.h"
#include "loket-letter-template.h"
#include "loket-store-letter-drafts.h"

struct _LoketCaseDrafts
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkMenuButton       *new_button;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  GtkListBox          *list;

  /* Owned references */
  LoketCase           *kase;
  LoketStore          *store;
  LoketServiceCatalog *catalog;
  LoketOrgChart       *org;
  LoketWorkCalendar   *calendar;
  GCancellable        *cancellable;
  GStrv                kinds;

  guint n_drafts;
  guint loading : 1;
};

G_DEFINE_FINAL_TYPE (LoketCaseDrafts, loket_case_drafts, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_NEW_DRAFT,
  SIGNAL_OPEN_DRAFT,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* Kinds offered when the service names no letter product: a reply and an internal memo. */
static const char *const fallback_kinds[] = { "surat_jawaban", "nota_dinas", NULL };

const char *
loket_case_drafts_kind_title (const char *kind)
{
  static GMutex      lock;
  static GHashTable *titles = NULL;
  const char        *title;

  g_return_val_if_fail (kind != NULL, NULL);
  g_mutex_lock (&lock);
  if (titles == NULL)
    titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  title = g_hash_table_lookup (titles, kind);
  if (title == NULL)
    {
      g_autoptr (LoketLetterTemplate) tmpl = loket_letter_template_new_for_kind (kind, NULL);

      title = tmpl != NULL ? loket_letter_template_get_title (tmpl) : kind;
      g_hash_table_insert (titles, g_strdup (kind), g_strdup (title));
      title = g_hash_table_lookup (titles, kind);
    }
  g_mutex_unlock (&lock);
  return title;
}

static void
update_kinds (LoketCaseDrafts *self)
{
  LoketService      *service = NULL;
  const char *const *products = NULL;
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);

  if (self->kase != NULL && self->catalog != NULL && loket_case_get_service_id (self->kase) != NULL)
    service = loket_service_catalog_lookup (self->catalog, loket_case_get_service_id (self->kase));
  if (service != NULL)
    products = loket_service_get_product_kinds (service);
  if (products == NULL || products[0] == NULL)
    products = fallback_kinds;
  for (guint i = 0; products[i] != NULL; i++)
    {
      g_autoptr (GMenuItem) item = NULL;

      /* a service may name one kind for two products */
      if (g_ptr_array_find_with_equal_func (kinds, products[i], g_str_equal, NULL))
        continue;
      g_ptr_array_add (kinds, g_strdup (products[i]));
      item = g_menu_item_new (loket_case_drafts_kind_title (products[i]), NULL);
      g_menu_item_set_action_and_target_value (item, "drafts.new",
                                               g_variant_new_string (products[i]));
      g_menu_append_item (menu, item);
    }
  g_strfreev (self->kinds);
  g_ptr_array_add (kinds, NULL);
  self->kinds = (GStrv) g_ptr_array_free (g_steal_pointer (&kinds), FALSE);
  gtk_menu_button_set_menu_model (self->new_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_button),
                            self->kase != NULL && self->store != NULL
                              && loket_case_get_status (self->kase) != LOKET_CASE_STATUS_CLOSED);
}

static void
clear_list (LoketCaseDrafts *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_drafts = 0;
}

static void
set_loading (LoketCaseDrafts *self, gboolean loading)
{
  self->loading = !!loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_stack_set_visible_child_name (self->stack, loading ? "loading" : "list");
}

static void
add_message_row (LoketCaseDrafts *self, const char *title, const char *subtitle, gboolean error)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, error ? "error" : "dim-label");
  gtk_list_box_append (self->list, row);
}

/* One row per draft: its kind, latest version, when and by whom. @last is its latest version. */
static void
add_draft_row (LoketCaseDrafts *self, LoketDraftVersion *last)
{
  GTimeZone *tz = self->calendar != NULL ? loket_work_calendar_get_timezone (self->calendar) : NULL;
  g_autofree char *when = loket_format_date_time (last->at, tz);
  g_autofree char *who = loket_format_actor (self->org, last->author);
  g_autofree char *subtitle = NULL;
  GtkWidget       *row = adw_action_row_new ();

  /* Translators: under a letter draft: its version, when it was saved and by whom */
  subtitle = g_strdup_printf (_ ("Version %u · %s · %s"), last->version, when, who);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 loket_case_drafts_kind_title (last->kind));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("x-office-document-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "draft-id", g_strdup (last->draft_id), g_free);
  gtk_list_box_append (self->list, row);
  self->n_drafts++;
}

static void
drafts_listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketCaseDrafts) self = user_data;
  g_autoptr (GPtrArray) versions = NULL;
  g_autoptr (GError) error = NULL;

  versions = loket_store_list_letter_drafts_finish (LOKET_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  clear_list (self);
  set_loading (self, FALSE);
  if (versions == NULL)
    {
      add_message_row (self, _ ("The drafts of this case could not be read"), error->message, TRUE);
      return;
    }
  /* versions come grouped by draft, in order: the last of each group is its latest */
  for (guint i = 0; i < versions->len; i++)
    {
      LoketDraftVersion *v = g_ptr_array_index (versions, i);
      LoketDraftVersion *next = i + 1 < versions->len ? g_ptr_array_index (versions, i + 1) : NULL;

      if (next == NULL || g_strcmp0 (next->draft_id, v->draft_id) != 0)
        add_draft_row (self, v);
    }
  if (self->n_drafts == 0)
    add_message_row (self, _ ("No drafts yet"), NULL, FALSE);
}

static void
load_drafts (LoketCaseDrafts *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_list (self);
  if (self->kase == NULL || self->store == NULL)
    {
      set_loading (self, FALSE);
      return;
    }
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  loket_store_list_letter_drafts_async (self->store, loket_case_get_uuid (self->kase),
                                        self->cancellable, drafts_listed_cb, g_object_ref (self));
}

static void
row_activated_cb (LoketCaseDrafts *self, GtkListBoxRow *row)
{
  const char *draft_id = g_object_get_data (G_OBJECT (row), "draft-id");

  if (draft_id != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_DRAFT], 0, draft_id);
}

static void
new_draft_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_NEW_DRAFT], 0, g_variant_get_string (parameter, NULL));
}

static void
loket_case_drafts_dispose (GObject *object)
{
  LoketCaseDrafts *self = LOKET_CASE_DRAFTS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->kase);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  g_clear_object (&self->org);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->kinds, g_strfreev);
  gtk_widget_dispose_template (GTK_WIDGET (self), LOKET_TYPE_CASE_DRAFTS);
  G_OBJECT_CLASS (loket_case_drafts_parent_class)->dispose (object);
}

static void
loket_case_drafts_class_init (LoketCaseDraftsClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_case_drafts_dispose;

  /* The user chose a kind in "New Draft". */
  signals[SIGNAL_NEW_DRAFT]
    = g_signal_new ("new-draft", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The user opened a draft of the list (its id). */
  signals[SIGNAL_OPEN_DRAFT]
    = g_signal_new ("open-draft", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "drafts.new", "s", new_draft_action_cb);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/draft/loket-case-drafts.ui");
  gtk_widget_class_bind_template_child (widget_class, LoketCaseDrafts, group);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseDrafts, new_button);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseDrafts, stack);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseDrafts, spinner);
  gtk_widget_class_bind_template_child (widget_class, LoketCaseDrafts, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
loket_case_drafts_init (LoketCaseDrafts *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "list");
  update_kinds (self);
}

GtkWidget *
loket_case_drafts_new (void)
{
  return g_object_new (LOKET_TYPE_CASE_DRAFTS, NULL);
}

void
loket_case_drafts_set_context (LoketCaseDrafts     *self,
                               LoketStore          *store,
                               LoketServiceCatalog *catalog,
                               LoketOrgChart       *org,
                               LoketWorkCalendar   *calendar)
{
  g_return_if_fail (LOKET_IS_CASE_DRAFTS (self));

  g_set_object (&self->store, store);
  g_set_object (&self->catalog, catalog);
  g_set_object (&self->org, org);
  g_set_object (&self->calendar, calendar);
  update_kinds (self);
}

void
loket_case_drafts_set_case (LoketCaseDrafts *self, LoketCase *kase)
{
  g_return_if_fail (LOKET_IS_CASE_DRAFTS (self));

  if (!g_set_object (&self->kase, kase))
    return;
  update_kinds (self);
  load_drafts (self);
}

void
loket_case_drafts_reload (LoketCaseDrafts *self)
{
  g_return_if_fail (LOKET_IS_CASE_DRAFTS (self));

  update_kinds (self);
  load_drafts (self);
}

const char *const *
loket_case_drafts_get_kinds (LoketCaseDrafts *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_DRAFTS (self), NULL);
  return (const char *const *) self->kinds;
}

guint
loket_case_drafts_get_n_drafts (LoketCaseDrafts *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_DRAFTS (self), 0);
  return self->n_drafts;
}

gboolean
loket_case_drafts_get_loading (LoketCaseDrafts *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_DRAFTS (self), FALSE);
  return self->loading;
}
