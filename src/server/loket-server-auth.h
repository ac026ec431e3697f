// SPDX-License-Identifier: GPL-3.0-or-later
// Passwords (Argon2id), bearer tokens (random, stored as SHA-256) and login throttling.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LOKET_AUTH_TOKEN_HOURS 12
/* OWASP's Argon2id minimum: 19 MiB, 2 passes, 1 lane. */
#define LOKET_AUTH_DEFAULT_MEMORY_KIB 19456
#define LOKET_AUTH_DEFAULT_ITERATIONS 2

/* An encoded Argon2id hash ($argon2id$v=19$m=…,t=…,p=1$salt$hash) with a random salt. */
char     *loket_auth_hash_password   (const char *password,
                                      guint32     memory_kib,
                                      guint32     iterations,
                                      GError    **error) G_GNUC_WARN_UNUSED_RESULT;
/* Constant work whatever the outcome; @encoded NULL verifies against a dummy hash (so an unknown
 * username costs as much time as a wrong password) and returns FALSE. */
gboolean  loket_auth_verify_password (const char *encoded,
                                      const char *password);
/* 256 random bits as 64 hex characters. */
char     *loket_auth_new_token       (GError **error) G_GNUC_WARN_UNUSED_RESULT;
char     *loket_auth_token_hash      (const char *token) G_GNUC_WARN_UNUSED_RESULT;
/* Reads a password from the first line of @path ("-" = stdin), without the newline. */
char     *loket_auth_read_password   (const char *path,
                                      GError    **error) G_GNUC_WARN_UNUSED_RESULT;

/* Failed logins per key (username, client address): after @max_failures, further attempts are
 * refused for base × 2^(failures − max) seconds (at most 15 min). A key with no failure for
 * @forget_seconds starts again from zero. Thread-safe. */
typedef struct _LoketThrottle LoketThrottle;

LoketThrottle *loket_throttle_new   (guint max_failures,
                                     guint base_delay_seconds,
                                     guint forget_seconds) G_GNUC_WARN_UNUSED_RESULT;
void           loket_throttle_free  (LoketThrottle *self);
/* FALSE (and the seconds to wait) when @key is locked out now. */
gboolean       loket_throttle_check (LoketThrottle *self,
                                     const char    *key,
                                     guint         *retry_after);
void           loket_throttle_fail  (LoketThrottle *self,
                                     const char    *key);
void           loket_throttle_reset (LoketThrottle *self,
                                     const char    *key);

G_END_DECLS
