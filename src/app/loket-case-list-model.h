// SPDX-License-Identifier: GPL-3.0-or-later
// A paged GListModel of LoketCase over a store query: never loads all rows.
#pragma once

#include <gio/gio.h>

#include "loket-case.h"
#include "loket-store.h"

G_BEGIN_DECLS

#define LOKET_CASE_LIST_MODEL_PAGE_SIZE 100

#define LOKET_TYPE_CASE_LIST_MODEL (loket_case_list_model_get_type ())

G_DECLARE_FINAL_TYPE (LoketCaseListModel, loket_case_list_model, LOKET, CASE_LIST_MODEL, GObject)

LoketCaseListModel   *loket_case_list_model_new        (LoketStore           *store) G_GNUC_WARN_UNUSED_RESULT;

LoketStore           *loket_case_list_model_get_store  (LoketCaseListModel   *self);
const LoketCaseQuery *loket_case_list_model_get_query  (LoketCaseListModel   *self);
/* Cancels what is in flight, counts the rows of @query and then replaces every item
 * (items-changed (0, old, new)). A copy of @query is kept. */
void                  loket_case_list_model_set_query  (LoketCaseListModel   *self,
                                                        const LoketCaseQuery *query);
/* Runs the current query again (after changes to the store). */
void                  loket_case_list_model_refresh    (LoketCaseListModel   *self);
/* TRUE until the count of the current query has arrived. */
gboolean              loket_case_list_model_get_loading (LoketCaseListModel  *self);
/* get_item() returns placeholders that are filled in place when their page arrives. This
 * returns the case the store loaded for @item, or NULL while @item waits for its page.
 * (transfer none) */
LoketCase            *loket_case_list_model_get_loaded (LoketCaseListModel   *self,
                                                        LoketCase            *item);
/* Pages currently cached and loads in flight (for tests). */
guint                 loket_case_list_model_get_n_cached_pages (LoketCaseListModel *self);
guint                 loket_case_list_model_get_n_loading      (LoketCaseListModel *self);

G_END_DECLS
