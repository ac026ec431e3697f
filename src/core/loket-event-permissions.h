// SPDX-License-Identifier: GPL-3.0-or-later
// Which account roles may write which event types: one table shared by loket-server (which
// refuses a push with 403) and the client (which can check before it writes).
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Account roles (src/sync/PROTOCOL.md "Session"). */
#define LOKET_ROLE_STAF    "staf"
#define LOKET_ROLE_PEJABAT "pejabat"
#define LOKET_ROLE_KADIS   "kadis"
#define LOKET_ROLE_ADMIN   "admin"

/* TRUE when one of @roles (NULL-terminated) may write events of @event_type. Types missing from
 * the table are refused for everyone: a new type is added here (and the server upgraded) before
 * clients write it. */
gboolean            loket_event_permission_allows      (const char *const *roles,
                                                        const char        *event_type);
/* The roles that may write @event_type (NULL-terminated, static; empty for an unknown type). */
const char *const  *loket_event_permission_roles_for   (const char *event_type);

G_END_DECLS
