// SPDX-License-Identifier: GPL-3.0-or-later
// A paged GListModel of LoketCase over a store query: never loads all rows.
//
// n_items comes from loket_store_count_cases_async(). get_item() hands out placeholder cases
// for pages that are not loaded yet and queues the page; when the page arrives the placeholders
// are filled in place (loket_case_update_from), so bound rows update through notify. At most
// MAX_IN_FLIGHT pages load at once (most recently requested first) and at most MAX_PAGES pages
// stay cached (least recently used pages are dropped).

#include "config.h"

#include "loket-case-list-model.h"

#define PAGE_SIZE LOKET_CASE_LIST_MODEL_PAGE_SIZE
#define MAX_PAGES 20
#define MAX_IN_FLIGHT 3

typedef struct
{
  guint      index;
  GPtrArray *items; /* (element-type LoketCase): placeholders, filled in place */
  gboolean   loaded;
  gboolean   loading;
  guint64    stamp; /* last access, for the LRU */
} Page;

struct _LoketCaseListModel
{
  GObject parent_instance;

  /* Owned references */
  LoketStore     *store;
  LoketCaseQuery *query;
  GCancellable   *cancellable;
  GHashTable     *pages;   /* page index → Page */
  GQueue          pending; /* page indices waiting for a free slot, newest at the tail */

  /* State */
  guint   n_items;
  guint   generation;
  guint   n_in_flight;
  guint64 clock;
  guint   counting : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LoketCaseListModel,
                               loket_case_list_model,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum
{
  PROP_0,
  PROP_STORE,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS,
};

enum
{
  SIGNAL_LOAD_FAILED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_QUARK (loket - case -list - model - loaded, loaded_case)

/* A request in flight holds the model weakly: closing the window need not wait for it. */
typedef struct
{
  GWeakRef self;
  guint    generation;
  guint    page_index;
  gint64   started; /* monotonic µs, for the debug log */
} LoadData;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

static LoadData *
load_data_new (LoketCaseListModel *self, guint page_index)
{
  LoadData *data = g_new0 (LoadData, 1);

  g_weak_ref_init (&data->self, self);
  data->generation = self->generation;
  data->page_index = page_index;
  data->started = g_get_monotonic_time ();
  return data;
}

static void
load_data_free (LoadData *data)
{
  g_weak_ref_clear (&data->self);
  g_free (data);
}

static void
drop_pages (LoketCaseListModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->pending);
}

static void pump (LoketCaseListModel *self);

static void
page_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoadData *data = user_data;
  g_autoptr (LoketCaseListModel) self = g_weak_ref_get (&data->self);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  Page *page;

  rows = loket_store_list_cases_finish (LOKET_STORE (source), result, &error);

  if (self == NULL || data->generation != self->generation)
    {
      load_data_free (data);
      return;
    }

  g_assert (self->n_in_flight > 0);
  self->n_in_flight--;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (data->page_index));

  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Loading page %u failed: %s", data->page_index, error->message);
          /* Drop the page so that the next get_item() asks again. */
          if (page != NULL)
            g_hash_table_remove (self->pages, GUINT_TO_POINTER (data->page_index));
          g_signal_emit (self, signals[SIGNAL_LOAD_FAILED], 0, error);
        }
    }
  else if (page != NULL)
    {
      g_debug ("Page %u: %u rows in %" G_GINT64_FORMAT " ms", data->page_index, rows->len,
               (g_get_monotonic_time () - data->started) / 1000);
      page->loading = FALSE;
      page->loaded = TRUE;
      for (guint i = 0; i < page->items->len && i < rows->len; i++)
        {
          LoketCase *item = g_ptr_array_index (page->items, i);
          LoketCase *row = g_ptr_array_index (rows, i);

          g_object_set_qdata_full (G_OBJECT (item), loaded_case_quark (), g_object_ref (row),
                                   g_object_unref);
          loket_case_update_from (item, row);
        }
    }

  load_data_free (data);
  pump (self);
}

static void
start_load (LoketCaseListModel *self, Page *page)
{
  page->loading = TRUE;
  self->n_in_flight++;
  loket_store_list_cases_async (self->store, self->query, page->index * PAGE_SIZE, page->items->len,
                                self->cancellable, page_loaded_cb,
                                load_data_new (self, page->index));
}

static void
pump (LoketCaseListModel *self)
{
  while (self->n_in_flight < MAX_IN_FLIGHT && !g_queue_is_empty (&self->pending))
    {
      guint index = GPOINTER_TO_UINT (g_queue_pop_tail (&self->pending));
      Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

      if (page == NULL || page->loaded || page->loading)
        continue;
      start_load (self, page);
    }
}

static void
evict_pages (LoketCaseListModel *self, Page *keep)
{
  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer       value;
      Page          *oldest = NULL;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Page *page = value;

          if (page == keep || page->loading)
            continue;
          if (oldest == NULL || page->stamp < oldest->stamp)
            oldest = page;
        }

      if (oldest == NULL)
        break;

      g_queue_remove (&self->pending, GUINT_TO_POINTER (oldest->index));
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }
}

static Page *
ensure_page (LoketCaseListModel *self, guint index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  guint start = index * PAGE_SIZE;
  guint len;

  if (page != NULL)
    {
      page->stamp = ++self->clock;
      return page;
    }

  len = MIN (PAGE_SIZE, self->n_items - start);
  page = g_new0 (Page, 1);
  page->index = index;
  page->stamp = ++self->clock;
  page->items = g_ptr_array_new_full (len, g_object_unref);
  for (guint i = 0; i < len; i++)
    g_ptr_array_add (page->items, loket_case_new (""));
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);

  /* While a new query is being counted the positions still belong to the old one: hand out
   * placeholders but load nothing; the count replaces every item anyway. */
  if (!self->counting && self->store != NULL)
    {
      g_queue_push_tail (&self->pending, GUINT_TO_POINTER (index));
      pump (self);
    }

  evict_pages (self, page);
  return page;
}

static void
count_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoadData *data = user_data;
  g_autoptr (LoketCaseListModel) self = g_weak_ref_get (&data->self);
  g_autoptr (GError) error = NULL;
  guint old_n;
  guint new_n;

  new_n = loket_store_count_cases_finish (LOKET_STORE (source), result, &error);

  if (self == NULL || data->generation != self->generation)
    {
      load_data_free (data);
      return;
    }

  if (error != NULL)
    {
      new_n = 0;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[SIGNAL_LOAD_FAILED], 0, error);
    }

  g_debug ("Counted %u cases in %" G_GINT64_FORMAT " ms", new_n,
           (g_get_monotonic_time () - data->started) / 1000);

  /* Pages made while counting hold placeholders of the old positions: start over. */
  self->generation++;
  self->counting = FALSE;
  drop_pages (self);

  old_n = self->n_items;
  self->n_items = new_n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  load_data_free (data);
}

static GType
loket_case_list_model_get_item_type (GListModel *model)
{
  return LOKET_TYPE_CASE;
}

static guint
loket_case_list_model_get_n_items (GListModel *model)
{
  return LOKET_CASE_LIST_MODEL (model)->n_items;
}

static gpointer
loket_case_list_model_get_item (GListModel *model, guint position)
{
  LoketCaseListModel *self = LOKET_CASE_LIST_MODEL (model);
  Page               *page;

  if (position >= self->n_items)
    return NULL;

  page = ensure_page (self, position / PAGE_SIZE);
  return g_object_ref (g_ptr_array_index (page->items, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = loket_case_list_model_get_item_type;
  iface->get_n_items = loket_case_list_model_get_n_items;
  iface->get_item = loket_case_list_model_get_item;
}

static void
loket_case_list_model_dispose (GObject *object)
{
  LoketCaseListModel *self = LOKET_CASE_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  drop_pages (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (loket_case_list_model_parent_class)->dispose (object);
}

static void
loket_case_list_model_finalize (GObject *object)
{
  LoketCaseListModel *self = LOKET_CASE_LIST_MODEL (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->query, loket_case_query_free);

  G_OBJECT_CLASS (loket_case_list_model_parent_class)->finalize (object);
}

static void
loket_case_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LoketCaseListModel *self = LOKET_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
      case PROP_STORE:
        g_value_set_object (value, self->store);
        break;

      case PROP_N_ITEMS:
        g_value_set_uint (value, self->n_items);
        break;

      case PROP_LOADING:
        g_value_set_boolean (value, self->counting);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_case_list_model_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LoketCaseListModel *self = LOKET_CASE_LIST_MODEL (object);

  switch (prop_id)
    {
      case PROP_STORE:
        self->store = g_value_dup_object (value);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_case_list_model_class_init (LoketCaseListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = loket_case_list_model_dispose;
  object_class->finalize = loket_case_list_model_finalize;
  object_class->get_property = loket_case_list_model_get_property;
  object_class->set_property = loket_case_list_model_set_property;

  properties[PROP_STORE]
    = g_param_spec_object ("store", NULL, NULL, LOKET_TYPE_STORE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS]
    = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING]
    = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LoketCaseListModel::load-failed:
   * @error: what went wrong (never G_IO_ERROR_CANCELLED)
   *
   * A count or a page could not be read from the store.
   */
  signals[SIGNAL_LOAD_FAILED]
    = g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
loket_case_list_model_init (LoketCaseListModel *self)
{
  self->cancellable = g_cancellable_new ();
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  self->query = loket_case_query_new ();
  g_queue_init (&self->pending);
}

LoketCaseListModel *
loket_case_list_model_new (LoketStore *store)
{
  g_return_val_if_fail (store == NULL || LOKET_IS_STORE (store), NULL);

  return g_object_new (LOKET_TYPE_CASE_LIST_MODEL, "store", store, NULL);
}

LoketStore *
loket_case_list_model_get_store (LoketCaseListModel *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_LIST_MODEL (self), NULL);

  return self->store;
}

const LoketCaseQuery *
loket_case_list_model_get_query (LoketCaseListModel *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_LIST_MODEL (self), NULL);

  return self->query;
}

void
loket_case_list_model_set_query (LoketCaseListModel *self, const LoketCaseQuery *query)
{
  LoketCaseQuery *copy;

  g_return_if_fail (LOKET_IS_CASE_LIST_MODEL (self));
  g_return_if_fail (query != NULL);

  copy = loket_case_query_copy (query);
  g_clear_pointer (&self->query, loket_case_query_free);
  self->query = copy;

  if (self->store == NULL)
    return;

  /* Everything in flight belongs to the old query. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->n_in_flight = 0;
  g_queue_clear (&self->pending);

  /* Pages not loaded yet will never be: forget them, keep the loaded ones on screen until
   * the count arrives. */
  {
    GHashTableIter iter;
    gpointer       value;

    g_hash_table_iter_init (&iter, self->pages);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      if (!((Page *) value)->loaded)
        g_hash_table_iter_remove (&iter);
  }

  if (!self->counting)
    {
      self->counting = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  loket_store_count_cases_async (self->store, self->query, self->cancellable, count_cb,
                                 load_data_new (self, 0));
}

void
loket_case_list_model_refresh (LoketCaseListModel *self)
{
  g_autoptr (LoketCaseQuery) query = NULL;

  g_return_if_fail (LOKET_IS_CASE_LIST_MODEL (self));

  query = loket_case_query_copy (self->query);
  loket_case_list_model_set_query (self, query);
}

gboolean
loket_case_list_model_get_loading (LoketCaseListModel *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_LIST_MODEL (self), FALSE);

  return self->counting;
}

LoketCase *
loket_case_list_model_get_loaded (LoketCaseListModel *self, LoketCase *item)
{
  g_return_val_if_fail (LOKET_IS_CASE_LIST_MODEL (self), NULL);
  g_return_val_if_fail (LOKET_IS_CASE (item), NULL);

  return g_object_get_qdata (G_OBJECT (item), loaded_case_quark ());
}

guint
loket_case_list_model_get_n_cached_pages (LoketCaseListModel *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_LIST_MODEL (self), 0);

  return g_hash_table_size (self->pages);
}

guint
loket_case_list_model_get_n_loading (LoketCaseListModel *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_LIST_MODEL (self), 0);

  return self->n_in_flight;
}
