// SPDX-License-Identifier: GPL-3.0-or-later
// Which account roles may write which event types.

#include "config.h"

#include "loket-event-permissions.h"

#include "loket-event.h"

/* staf: front desk and drafting staff; pejabat: Sekretaris, Kepala Bidang/Seksi (dispose,
 * paraf, return, sign a.n./Plh.); kadis: the head, everything; admin: accounts only. */
static const char *const staf_up[]
  = { LOKET_ROLE_STAF, LOKET_ROLE_PEJABAT, LOKET_ROLE_KADIS, NULL };
static const char *const pejabat_up[] = { LOKET_ROLE_PEJABAT, LOKET_ROLE_KADIS, NULL };
static const char *const nobody[] = { NULL };

static const struct
{
  const char        *type;
  const char *const *roles;
} table[] = {
  { LOKET_EVENT_CASE_REGISTERED, staf_up },
  { LOKET_EVENT_REQUIREMENT_CHECKED, staf_up },
  { LOKET_EVENT_CASE_RETURNED, staf_up },
  { LOKET_EVENT_CASE_DECLARED_COMPLETE, staf_up },
  { LOKET_EVENT_CASE_PAUSED, staf_up },
  { LOKET_EVENT_CASE_RESUMED, staf_up },
  { LOKET_EVENT_DOCUMENT_ATTACHED, staf_up },
  { LOKET_EVENT_DISPOSITION_READ, staf_up },
  { LOKET_EVENT_DISPOSITION_REPORTED, staf_up },
  { LOKET_EVENT_ESCALATION_RAISED, staf_up },
  { LOKET_EVENT_DRAFT_CREATED, staf_up },
  { LOKET_EVENT_DRAFT_REVISED, staf_up },
  { "draft.submitted", staf_up },
  { LOKET_EVENT_COMMENT_ADDED, staf_up },
  { "comment.resolved", staf_up },
  { LOKET_EVENT_LETTER_NUMBERED, staf_up },
  { LOKET_EVENT_LETTER_DISPATCHED, staf_up },
  { LOKET_EVENT_CASE_CLOSED, staf_up },
  { LOKET_EVENT_DISPOSITION_SENT, pejabat_up },
  { LOKET_EVENT_DISPOSITION_WITHDRAWN, pejabat_up },
  { LOKET_EVENT_DRAFT_PARAF, pejabat_up },
  { LOKET_EVENT_DRAFT_RETURNED, pejabat_up },
  { LOKET_EVENT_LETTER_SIGNED, pejabat_up },
};

const char *const *
loket_event_permission_roles_for (const char *event_type)
{
  g_return_val_if_fail (event_type != NULL, nobody);

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].type, event_type))
      return table[i].roles;
  return nobody;
}

gboolean
loket_event_permission_allows (const char *const *roles, const char *event_type)
{
  const char *const *allowed;

  g_return_val_if_fail (event_type != NULL, FALSE);

  if (roles == NULL)
    return FALSE;
  allowed = loket_event_permission_roles_for (event_type);
  for (guint i = 0; roles[i] != NULL; i++)
    if (g_strv_contains (allowed, roles[i]))
      return TRUE;
  return FALSE;
}
