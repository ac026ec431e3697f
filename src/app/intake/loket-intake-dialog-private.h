// SPDX-License-Identifier: GPL-3.0-or-later
// LoketIntakeDialog's fields and the functions its parts (form, result) share.
#pragma once

#include "loket-intake-dialog.h"
#include "loket-service-chooser.h"

G_BEGIN_DECLS

struct _LoketIntakeDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *save_button;
  GtkButton           *finish_button;
  GtkSpinner          *save_spinner;
  GtkStack            *stack;
  LoketServiceChooser *service_chooser;
  GtkScrolledWindow   *form_scroller;
  AdwActionRow        *service_row;
  AdwComboRow         *channel_row;
  AdwActionRow        *sla_row;
  GtkWidget           *quick_box;
  GtkBox              *parties_box;
  GtkButton           *add_party_button;
  AdwEntryRow         *subject_row;
  AdwPreferencesGroup *letter_group;
  AdwEntryRow         *letter_number_row;
  AdwEntryRow         *letter_date_row;
  GtkListBoxRow       *letter_date_error_row;
  GtkLabel            *letter_date_error_label;
  AdwEntryRow         *letter_sender_row;
  AdwComboRow         *letter_sifat_row;
  AdwPreferencesGroup *requirements_group;
  GtkLabel            *hint_label;
  AdwStatusPage       *result_page;
  AdwActionRow        *agenda_row;
  AdwActionRow        *status_row;
  AdwActionRow        *deadline_row;
  GtkWidget           *decision_box;
  GtkButton           *complete_button;
  GtkButton           *return_button;
  GtkLabel            *decision_hint_label;
  GtkSpinner          *receipt_spinner;
  AdwActionRow        *return_notice_row;

  /* Owned references */
  LoketStore          *store;
  LoketServiceCatalog *catalog;
  LoketOrgChart       *org;
  LoketWorkCalendar   *calendar;
  GSettings           *settings;      /* NULL when the schema is not installed */
  GCancellable        *cancellable;
  LoketIntakeForm     *form;
  GPtrArray           *party_rows;    /* (element LoketPartyRow) */
  GPtrArray           *requirement_rows; /* (element LoketRequirementRow) */
  GStrv                channels;      /* ids behind channel_row's items */
  char                *author;
  char                *case_uuid;
  char                *agenda_number;
  LoketCase           *kase;
  GPtrArray           *events;        /* of kase */
  GBytes              *receipt;
  GBytes              *return_notice;
  GtkFileChooserNative *save_chooser;

  guint draft_timeout_id;
  guint n_drafts_saved;
  guint n_pending;        /* files, drafts, renders on the way */
  guint letter_date_visited : 1;
  guint draft_dirty : 1;
  guint draft_stored : 1; /* the form's draft is in the database */
  guint updating : 1;     /* filling widgets from the form */
  guint saving : 1;
  guint closing : 1;      /* the user confirmed: close without asking */
};

/* loket-intake-dialog.c */
void        _loket_intake_dialog_update_actions (LoketIntakeDialog *self);
void        _loket_intake_dialog_set_state      (LoketIntakeDialog *self,
                                                 const char        *state);
void        _loket_intake_dialog_add_pending    (LoketIntakeDialog *self,
                                                 int                delta);
void        _loket_intake_dialog_toast          (LoketIntakeDialog *self,
                                                 const char        *message);
/* Requests hold the dialog weakly, so that closing it does not wait for them. */
gpointer    _loket_intake_dialog_weak_new       (LoketIntakeDialog *self);
LoketIntakeDialog *_loket_intake_dialog_weak_steal (gpointer weak);

void        _loket_intake_dialog_emit_case_registered (LoketIntakeDialog *self);
void        _loket_intake_dialog_emit_case_changed    (LoketIntakeDialog *self);

void        _loket_intake_dialog_form_changed   (LoketIntakeDialog *self);
void        _loket_intake_dialog_delete_draft   (LoketIntakeDialog *self,
                                                 LoketIntakeForm   *form);

/* loket-intake-dialog-form.c */
void        _loket_intake_dialog_init_form      (LoketIntakeDialog *self);
void        _loket_intake_dialog_install_form_callbacks (GtkWidgetClass *widget_class);
void        _loket_intake_dialog_set_form       (LoketIntakeDialog *self,
                                                 LoketIntakeForm   *form);

/* loket-intake-dialog-result.c */
void        _loket_intake_dialog_register       (LoketIntakeDialog *self,
                                                 LoketIntakeOutcome outcome);
void        _loket_intake_dialog_install_result_actions (GtkWidgetClass *widget_class);

G_END_DECLS
