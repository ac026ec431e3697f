// SPDX-License-Identifier: GPL-3.0-or-later
// What the intake UI tests share: a window on a fresh database, driving the dialog's widgets,
// reading PDFs back, screenshots.
#pragma once

#include <adwaita.h>

#include "case/loket-case-view.h"
#include "intake/loket-intake-dialog.h"
#include "intake/loket-party-row.h"
#include "intake/loket-requirement-row.h"
#include "intake/loket-service-chooser.h"
#include "loket-window.h"

G_BEGIN_DECLS

#define TIMEOUT_MS 30000
/* Structurally valid NIKs (Kota Kupang, Klungkung): a woman born 5 July 1990, a man born 12 March
 * 1985. */
#define NIK_A "5371014507900003"
#define NIK_B "5105021203850001"

typedef struct
{
  char        *dir;
  char        *db;
  LoketWindow *window;
} Fixture;

typedef struct
{
  LoketIntakeDialog *dialog;
  const char        *state;
} StateWait;

typedef struct
{
  LoketCaseListModel *cases;
  const char         *search;
} SearchDone;

typedef struct
{
  LoketCaseView *view;
  const char    *case_uuid;
} CaseShown;

typedef struct
{
  const char *db;
  guint       n;
} DraftCount;

/* A window on a fresh database in a temporary folder (g_test_add set-up and tear-down). */
void                 fixture_set_up        (Fixture           *fixture,
                                            gconstpointer      data);
void                 fixture_tear_down     (Fixture           *fixture,
                                            gconstpointer      data);
LoketWindow         *open_window           (const char        *db) G_GNUC_WARN_UNUSED_RESULT;

/* Widgets: a template child (asserted to exist), a click on a real button, text typed into a
 * visible entry, the main context drained. */
GtkWidget           *child                 (gpointer           widget,
                                            GType              type,
                                            const char        *name);
void                 click                 (GtkWidget         *button);
void                 type_into             (gpointer           widget,
                                            GType              type,
                                            const char        *name,
                                            const char        *text);
void                 spin                  (void);

/* The dialog: opened with win.new-case and the service picked by searching (a new reference);
 * its parties, checklist rows, files dropped on a row's GtkDropTarget. */
LoketIntakeDialog   *start_intake          (LoketWindow       *window,
                                            const char        *search,
                                            const char        *service_id);
void                 wait_for_state        (LoketIntakeDialog *dialog,
                                            const char        *state);
LoketPartyRow       *party_row             (LoketIntakeDialog *dialog,
                                            guint              index);
void                 fill_person           (LoketPartyRow     *row,
                                            const char        *nik,
                                            const char        *name,
                                            const char        *phone);
void                 find_requirement_rows (GtkWidget         *widget,
                                            GPtrArray         *rows);
LoketRequirementRow *requirement_row       (LoketIntakeDialog *dialog,
                                            const char        *requirement_id);
void                 tick_mandatory        (LoketIntakeDialog *dialog);
void                 drop_file             (LoketRequirementRow *row,
                                            const char        *path);
/* The question (AdwMessageDialog) the intake dialog @parent shows, or NULL. */
GtkWidget           *find_message_dialog   (gpointer           parent);
/* Destroys the dialog and asserts it is finalized (rule 27). */
void                 close_dialog          (LoketIntakeDialog *dialog);

/* Conditions for loket_test_wait_until(). */
gboolean             list_counted          (gpointer           window);
gboolean             dialog_in_state       (gpointer           wait);
gboolean             dialog_idle           (gpointer           dialog);
gboolean             receipt_ready         (gpointer           dialog);
gboolean             search_applied        (gpointer           search_done);
gboolean             first_item_loaded     (gpointer           cases);
gboolean             widget_mapped         (gpointer           widget);
gboolean             case_shown            (gpointer           case_shown);
gboolean             draft_saved           (gpointer           dialog);
gboolean             draft_offered         (gpointer           window);
gboolean             dialog_opened         (gpointer           window);
gboolean             drafts_counted        (gpointer           draft_count);

/* Checks: the case found in the main list by its agenda number; the receipt's text (agenda
 * number, service, deadline), also once printed to a file. */
void                 assert_case_in_list   (LoketWindow       *window,
                                            LoketIntakeDialog *dialog);
void                 assert_receipt        (LoketIntakeDialog *dialog);

/* Files and counts. */
char                *write_pdf             (const char        *dir,
                                            const char        *name,
                                            const char        *text) G_GNUC_WARN_UNUSED_RESULT;
char                *pdf_text              (GBytes            *pdf) G_GNUC_WARN_UNUSED_RESULT;
void                 save_screenshot       (GtkWidget         *window,
                                            const char        *name);
guint                count_cases           (LoketWindow       *window);
guint                count_blobs           (const char        *db);
guint                count_drafts          (const char        *db);

G_END_DECLS
