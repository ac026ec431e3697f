// SPDX-License-Identifier: GPL-3.0-or-later
// The office profile over the catalog's agency texts in letters (loket-letter-office.h).
#include "config.h"

#include "loket-letter-office.h"

#include "loket-letter-case-fields.h"

static GMutex              lock;
static LoketOfficeProfile *current; /* guarded by lock */

static LoketOfficeProfile *
profile_copy (const LoketOfficeProfile *p)
{
  LoketOfficeProfile *copy = g_new0 (LoketOfficeProfile, 1);

  copy->name = g_strdup (p->name);
  copy->letterhead = g_strdupv (p->letterhead);
  copy->address = g_strdup (p->address);
  copy->place = g_strdup (p->place);
  copy->logo_png = p->logo_png != NULL ? g_bytes_ref (p->logo_png) : NULL;
  copy->head_name = g_strdup (p->head_name);
  copy->head_title = g_strdup (p->head_title);
  copy->head_nip = g_strdup (p->head_nip);
  return copy;
}

void
loket_letter_set_office_profile (const LoketOfficeProfile *profile)
{
  g_mutex_lock (&lock);
  g_clear_pointer (&current, loket_office_profile_free);
  if (profile != NULL && !loket_office_profile_is_empty (profile))
    current = profile_copy (profile);
  g_mutex_unlock (&lock);
}

static void
set_upper (LoketLetterFields *f, const char *name, const char *value)
{
  loket_letter_fields_take (f, name, g_utf8_strup (value, -1));
}

void
loket_letter_fields_apply_office (LoketLetterFields *f)
{
  g_autoptr (LoketOfficeProfile) p = NULL;

  g_mutex_lock (&lock);
  p = current != NULL ? profile_copy (current) : NULL;
  g_mutex_unlock (&lock);
  if (p == NULL)
    return;

  if (p->name != NULL)
    {
      loket_letter_fields_set (f, "agency_name", p->name);
      set_upper (f, "agency_name_upper", p->name);
      set_upper (f, "agency_kop_name", p->name);
    }
  if (p->address != NULL)
    loket_letter_fields_set (f, "agency_address", p->address);
  if (p->place != NULL)
    loket_letter_fields_set (f, "city", p->place);
  if (p->letterhead != NULL && p->letterhead[0] != NULL)
    {
      static const char *const kop_fields[] = { "government", "agency_kop_name", "agency_address" };
      guint                    n = g_strv_length (p->letterhead);

      for (guint i = 0; i < n && i < G_N_ELEMENTS (kop_fields); i++)
        loket_letter_fields_set (f, kop_fields[i], p->letterhead[i]);
      if (n > G_N_ELEMENTS (kop_fields))
        {
          g_autofree char *rest = g_strjoinv (", ", p->letterhead + G_N_ELEMENTS (kop_fields));

          loket_letter_fields_set (f, "agency_contact", rest);
        }
      else
        loket_letter_fields_set (f, "agency_contact", ""); /* the kop is exactly the office's */
    }
  if (p->head_title != NULL)
    {
      loket_letter_fields_set (f, "head_title", p->head_title);
      set_upper (f, "head_title_upper", p->head_title);
      set_upper (f, "signer_principal", p->head_title);
    }
  if (p->head_name != NULL)
    {
      loket_letter_fields_set (f, "signer_name", p->head_name);
      loket_letter_fields_take (f, "signer_name_plain",
                                loket_letter_name_without_titles (p->head_name));
    }
  if (p->head_nip != NULL)
    loket_letter_fields_set (f, "signer_nip", p->head_nip);
}

GBytes *
loket_letter_dup_office_logo (void)
{
  GBytes *logo = NULL;

  g_mutex_lock (&lock);
  if (current != NULL && current->logo_png != NULL)
    logo = g_bytes_ref (current->logo_png);
  g_mutex_unlock (&lock);
  return logo;
}
