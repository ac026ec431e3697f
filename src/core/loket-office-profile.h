// SPDX-License-Identifier: GPL-3.0-or-later
// The office's own profile (kop lines, logo, head of office) kept in the database's `settings`
// table as "office.*" keys, and the checks of every value an office can set for itself.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LOKET_OFFICE_LOGO_MAX_BYTES (512 * 1024)
#define LOKET_OFFICE_LOGO_MAX_SIDE  2048

/* Settings keys. */
#define LOKET_OFFICE_NAME       "office.name"       /* "DINAS SOSIAL" line of the kop */
#define LOKET_OFFICE_LETTERHEAD "office.letterhead" /* kop lines, one per line ("\n") */
#define LOKET_OFFICE_ADDRESS    "office.address"
#define LOKET_OFFICE_PLACE      "office.place"      /* city in "Kupang, 5 Januari 2027" */
#define LOKET_OFFICE_LOGO       "office.logo_png"   /* base64 of a PNG */
#define LOKET_OFFICE_HEAD_NAME  "office.head_name"
#define LOKET_OFFICE_HEAD_TITLE "office.head_title"
#define LOKET_OFFICE_HEAD_NIP   "office.head_nip"

typedef struct
{
  char    *name;
  char   **letterhead; /* NULL-terminated, may be empty */
  char    *address;
  char    *place;
  GBytes  *logo_png;
  char    *head_name;
  char    *head_title;
  char    *head_nip;
} LoketOfficeProfile;

/* From the "office.*" settings (key → value); missing keys stay NULL. Never fails: a logo that is
 * not valid base64 is left out. */
LoketOfficeProfile *loket_office_profile_new_from_settings (GHashTable *settings) G_GNUC_WARN_UNUSED_RESULT;
void                loket_office_profile_free              (LoketOfficeProfile *self);
/* The kop lines for documents: the letterhead when set, else the name and address (those set);
 * NULL when the office set none of them. (transfer full) */
char              **loket_office_profile_dup_kop       (const LoketOfficeProfile *self) G_GNUC_WARN_UNUSED_RESULT;
/* Whether the office set anything at all. */
gboolean            loket_office_profile_is_empty          (const LoketOfficeProfile *self);

/* Checks one value before it is saved; LOKET_ERROR_INVALID_DATA with a message a user can act
 * on. Empty values are allowed (they clear the setting) except where said. */
gboolean loket_office_check_text       (const char *label,
                                        const char *value,
                                        gsize       max_chars,
                                        GError    **error);
/* At most 6 lines of at most 120 characters. */
gboolean loket_office_check_letterhead (const char *text,
                                        GError    **error);
/* A PNG (by content), at most LOKET_OFFICE_LOGO_MAX_BYTES and LOKET_OFFICE_LOGO_MAX_SIDE px. */
gboolean loket_office_check_logo_png   (GBytes     *png,
                                        GError    **error);
/* http:// or https:// with a host; plain http only for localhost/127.0.0.1. Empty = no server. */
gboolean loket_office_check_server_url (const char *url,
                                        GError    **error);
/* A readable .p12/.pfx file or a pkcs11: URI. Empty = none. */
gboolean loket_office_check_signing_key (const char *value,
                                         GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketOfficeProfile, loket_office_profile_free)

G_END_DECLS
