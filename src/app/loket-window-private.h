// SPDX-License-Identifier: GPL-3.0-or-later
// LoketWindow's fields and the functions its parts (sidebar, columns) share.
#pragma once

#include "case/loket-case-view.h"
#include "loket-case-list-model.h"
#include "loket-case-projector.h"
#include "loket-org-chart.h"
#include "loket-service-catalog.h"
#include "loket-store.h"
#include "loket-window.h"
#include "loket-work-calendar.h"
#include "routing/loket-account-button.h"
#include "sync/loket-sync-indicator.h"

G_BEGIN_DECLS

typedef struct _LoketCaseColumn LoketCaseColumn;

struct _LoketWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *main_stack;
  AdwStatusPage       *error_page;
  GtkListBox          *sidebar_list;
  GtkSearchEntry      *search_entry;
  GtkStack            *list_stack;
  AdwStatusPage       *list_empty_page;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *agenda_column;
  GtkColumnViewColumn *received_column;
  GtkColumnViewColumn *applicant_column;
  GtkColumnViewColumn *service_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *due_column;
  LoketCaseView       *case_view;
  LoketAccountButton  *account_button;
  LoketSyncIndicator  *sync_status;

  /* Owned references */
  GSettings           *settings;   /* NULL when the schema is not installed */
  GCancellable        *cancellable;
  LoketServiceCatalog *catalog;
  LoketWorkCalendar   *calendar;
  LoketOrgChart       *org;
  LoketCaseProjector  *projector;
  LoketStore          *store;
  LoketCaseListModel  *cases;
  GtkSingleSelection  *selection;
  LoketCaseQuery      *query;
  GError              *error;
  LoketWorkflow       *workflow;
  char                *person_id;   /* the signed-in person, or NULL */
  GListStore          *person_cases; /* (element LoketCase) the person inbox listed, or NULL */
  GCancellable        *person_cancellable;
  LoketInboxCounts     person_counts;
  guint                escalation_timer;
  GHashTable          *late_by_unit;     /* unit id → overdue cases (the Kadis's dashboard) */
  char                *dashboard_agency; /* the agency of the signed-in Kepala Dinas, or NULL */
  char                *db_path;
  char                *inbox_key;
  GPtrArray           *columns;    /* (element-type LoketCaseColumn) */
  LoketCase           *pending_selection; /* placeholder selected before its page arrived */
  char                *offered_draft_id;  /* the unfinished intake offered at start-up */
  char                *select_search;     /* select the first result once this search is listed */

  LoketSyncEngine     *sync_engine; /* after sign-in to the server, else NULL */

  /* Borrowed references (weak pointers) */
  GtkWidget           *sign_in_dialog;
  GtkWidget           *intake_dialog;
  AdwToast            *draft_toast;

  gint64               now;        /* Unix s: "now" of this session, renewed by refresh */
  guint                has_person_counts : 1;
  guint                updating_sidebar : 1;
  guint                keep_case_view : 1;
  guint                sync_refreshing : 1; /* refreshing after a round: not a local change */
};

/* loket-window-columns.c */
void _loket_window_setup_columns   (LoketWindow *self);
void _loket_window_restore_sort    (LoketWindow *self);
void _loket_window_free_columns    (LoketWindow *self);

/* loket-window-sidebar.c */
void _loket_window_refresh_inboxes (LoketWindow *self);

/* loket-window-routing.c */
void     _loket_window_setup_routing     (LoketWindow *self);
void     _loket_window_routing_ready     (LoketWindow *self);
void     _loket_window_dispose_routing   (LoketWindow *self);
gboolean _loket_window_is_person_inbox   (LoketWindow *self);
void     _loket_window_load_person_inbox (LoketWindow *self);
/* Counts the signed-in person's inboxes, then calls @then (the office-wide counts). */
void     _loket_window_count_person_inboxes (LoketWindow *self,
                                             void        (*then) (LoketWindow *self));

/* loket-window-chain.c */
void _loket_window_setup_chain      (LoketWindow *self);
void _loket_window_chain_ready      (LoketWindow *self);
void _loket_window_chain_set_person (LoketWindow *self);
/* loket-window-sync.c */
void     _loket_window_setup_sync      (LoketWindow *self);
void     _loket_window_sync_ready      (LoketWindow *self);
void     _loket_window_sync_changed    (LoketWindow *self);
void     _loket_window_dispose_sync    (LoketWindow *self);
gboolean _loket_window_sync_configured (LoketWindow *self);

/* loket-window-dashboard.c */
/* The agency whose head the signed-in person acts as now, or NULL. */
char    *_loket_window_head_agency        (LoketWindow *self) G_GNUC_WARN_UNUSED_RESULT;
/* Counts the overdue cases of that agency per unit into late_by_unit, then calls @then. */
void     _loket_window_count_late_by_unit (LoketWindow *self,
                                           void        (*then) (LoketWindow *self));

/* loket-window-intake.c */
void _loket_window_setup_intake          (LoketWindow *self);

/* loket-window-documents.c: win.open-document (Ctrl+O), win.open-attachment ("(ss)"). */
void _loket_window_setup_documents       (LoketWindow *self);
void _loket_window_update_intake_actions (LoketWindow *self);
void _loket_window_offer_drafts          (LoketWindow *self);
void _loket_window_close_intake          (LoketWindow *self);

/* loket-window-drafts.c */
void _loket_window_setup_drafts (LoketWindow *self);

/* loket-window-office.c: Reports, Preferences, Back Up…, Restore… */
void       _loket_window_setup_office          (LoketWindow *self);
void       _loket_window_update_office_actions (LoketWindow *self);
void       _loket_window_load_office_profile   (LoketWindow *self);
GtkWindow *_loket_window_show_reports          (LoketWindow *self);
GtkWindow *_loket_window_show_preferences      (LoketWindow *self);
void       _loket_window_start_backup          (LoketWindow *self,
                                                const char  *archive);
/* Checks @archive, then asks before replacing the database. */
void       _loket_window_start_restore         (LoketWindow *self,
                                                const char  *archive);

/* loket-window.c */
void     _loket_window_apply_query (LoketWindow *self);
/* Requests hold the window weakly, so that closing it does not wait for them. */
gpointer _loket_window_weak_new    (LoketWindow *self);
/* Frees what _loket_window_weak_new() made; the window (a new reference) or NULL if it is gone. */
LoketWindow *_loket_window_weak_steal (gpointer weak);

G_END_DECLS
