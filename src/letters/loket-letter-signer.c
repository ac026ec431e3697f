// SPDX-License-Identifier: GPL-3.0-or-later
// Who signs a letter: the signer_* fields from a person of the org chart and a delegation.
#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"
#include "loket-letter-case-fields.h"

gboolean
loket_letter_fields_set_signer (LoketLetterFields *f,
                                LoketOrgChart     *org,
                                const char        *person_id,
                                LoketDelegation    delegation,
                                GError           **error)
{
  const LoketPerson   *person;
  const LoketPosition *position;
  g_autofree char     *title = NULL;

  g_return_val_if_fail (LOKET_IS_LETTER_FIELDS (f), FALSE);
  g_return_val_if_fail (LOKET_IS_ORG_CHART (org), FALSE);
  g_return_val_if_fail (person_id != NULL, FALSE);

  person = loket_org_chart_lookup_person (org, person_id);
  position = person != NULL ? loket_org_chart_lookup_position (org, person->position_id) : NULL;
  if (position == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("No person “%s” in the org chart"),
                   person_id);
      return FALSE;
    }
  /* the head's jabatan carries the region ("… Provinsi Nusa Tenggara Timur") */
  if (position->role == LOKET_ROLE_HEAD && loket_letter_fields_get (f, "head_title") != NULL)
    title = g_utf8_strup (loket_letter_fields_get (f, "head_title"), -1);
  else
    title = g_utf8_strup (position->title, -1);

  if (delegation == LOKET_DELEGATION_NONE)
    {
      loket_letter_fields_set (f, "signer_principal", title);
      loket_letter_fields_set (f, "signer_acting", NULL);
    }
  else
    {
      const char *head = loket_letter_fields_get (f, "head_title_upper");

      loket_letter_fields_set (f, "signer_principal", head != NULL ? head : title);
      loket_letter_fields_take (f, "signer_acting", g_strdup (position->title));
    }
  loket_letter_fields_set (f, "signer_delegation", loket_delegation_to_string (delegation));
  loket_letter_fields_set (f, "signer_name", person->name);
  loket_letter_fields_take (f, "signer_name_plain",
                            loket_letter_name_without_titles (person->name));
  loket_letter_fields_set (f, "signer_nip", person->nip);
  loket_letter_fields_take (f, "signer_rank",
                            person->rank == NULL ? NULL
                            : person->grade != NULL
                              ? g_strdup_printf ("%s (%s)", person->rank, person->grade)
                              : g_strdup (person->rank));
  return TRUE;
}
