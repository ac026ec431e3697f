// SPDX-License-Identifier: GPL-3.0-or-later
// The header-bar account button: who is signed in (name, jabatan, Plh./Plt. valid today) and a
// searchable list of the people of the org chart to sign in as.
#pragma once

#include <adwaita.h>

#include "loket-workflow.h"

G_BEGIN_DECLS

#define LOKET_TYPE_ACCOUNT_BUTTON (loket_account_button_get_type ())

G_DECLARE_FINAL_TYPE (LoketAccountButton, loket_account_button, LOKET, ACCOUNT_BUTTON, GtkWidget)

/* Signal "person-chosen" (const char *person_id): a row of the list was activated. */
GtkWidget *loket_account_button_new (void) G_GNUC_WARN_UNUSED_RESULT;
void       loket_account_button_set_workflow (LoketAccountButton *self, LoketWorkflow *workflow);
/* Shows @person_id as signed in (NULL: nobody yet). @now: for the stand-ins valid today. */
void loket_account_button_set_person (LoketAccountButton *self, const char *person_id, gint64 now);
/* Opens the list (the picker on start when nobody is signed in). */
void loket_account_button_popup (LoketAccountButton *self);
/* For tests: the list of people (rows named by person id) and its search entry. */
GtkListBox  *loket_account_button_get_list (LoketAccountButton *self);
GtkEditable *loket_account_button_get_search (LoketAccountButton *self);
/* The label shown on the button ("Nama · Plh. Kepala Dinas"). */
const char *loket_account_button_get_label (LoketAccountButton *self);

G_END_DECLS
