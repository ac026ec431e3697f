// SPDX-License-Identifier: GPL-3.0-or-later
// Shared plumbing of loket-cli's subcommands.
#pragma once

#include <gio/gio.h>

#include "loket-letter.h"
#include "loket-org-chart.h"
#include "loket-service-catalog.h"
#include "loket-store.h"

G_BEGIN_DECLS

/* Exit codes: 0 ok, 1 the command failed (or found problems), 2 bad usage. */
#define LOKET_CLI_EXIT_OK      0
#define LOKET_CLI_EXIT_FAILED  1
#define LOKET_CLI_EXIT_USAGE   2

typedef struct
{
  LoketServiceCatalog *catalog;
  LoketWorkCalendar   *calendar;
  LoketOrgChart       *org;
  LoketCaseProjector  *projector;
  LoketStore          *store; /* NULL until loket_cli_context_open_store() */
  gboolean             org_downloaded; /* org: the server's ($LOKET_SERVER_URL) */
} LoketCliContext;

LoketCliContext *loket_cli_context_new        (GError         **error);
/* The catalog: the one downloaded from $LOKET_SERVER_URL when set and present, else built-in. */
LoketServiceCatalog *loket_cli_load_catalog   (GError         **error);
gboolean         loket_cli_context_open_store (LoketCliContext *ctx,
                                               const char      *db_path,
                                               gboolean         must_exist,
                                               GError         **error);
void             loket_cli_context_free       (LoketCliContext *ctx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketCliContext, loket_cli_context_free)

/* Parses @argv with @entries; on error prints it and the usage hint, returns FALSE. */
gboolean         loket_cli_parse_options      (const char   *command,
                                               const char   *summary,
                                               GOptionEntry *entries,
                                               int          *argc,
                                               char       ***argv);
/* A case by UUID or agenda number; LOKET_ERROR_NOT_FOUND when there is none. */
LoketCase       *loket_cli_find_case          (LoketCliContext *ctx,
                                               const char      *id,
                                               GError         **error);
int              loket_cli_fail               (GError       *error);
int              loket_cli_usage_error        (const char   *command,
                                               const char   *message);

int loket_cli_services (int argc, char **argv);
int loket_cli_demo     (int argc, char **argv);
int loket_cli_cases    (int argc, char **argv);
int loket_cli_dispose  (int argc, char **argv);
int loket_cli_inbox    (int argc, char **argv);
int loket_cli_disposition (int argc, char **argv);
int loket_cli_check    (int argc, char **argv);
int loket_cli_rebuild  (int argc, char **argv);
int loket_cli_intake   (int argc, char **argv);
int loket_cli_drafts   (int argc, char **argv);
int loket_cli_letter   (int argc, char **argv);
int loket_cli_draft    (int argc, char **argv);
/* `loket-cli draft submit|paraf|return|sign|comment|resolve|chain|queue` (loket-cli-chain.c):
 * TRUE when @command is one of those. */
gboolean loket_cli_is_chain_command (const char *command);
int      loket_cli_draft_chain      (int argc, char **argv);
/* A password or PIN: the first line of @path; or asked on the terminal without echo
 * (loket-cli-sign.c). Callers wipe it. */
char    *loket_cli_read_secret_file (const char *path, GError **error);
char    *loket_cli_ask_secret       (const char *prompt, GError **error);
int loket_cli_receipt  (int argc, char **argv);
int loket_cli_return_notice (int argc, char **argv);
int loket_cli_sign     (int argc, char **argv);
int loket_cli_verify   (int argc, char **argv);
int loket_cli_lease    (int argc, char **argv);
int loket_cli_number   (int argc, char **argv);
int loket_cli_report   (int argc, char **argv);
int loket_cli_backup   (int argc, char **argv);
int loket_cli_restore  (int argc, char **argv);
int loket_cli_holidays (int argc, char **argv);
int loket_cli_office   (int argc, char **argv);
#ifdef LOKET_HAVE_REMOTE_SIGN
int loket_cli_bsre_sign     (int argc, char **argv);
int loket_cli_sign_requests (int argc, char **argv);
#endif
#ifdef LOKET_HAVE_SYNC
int loket_cli_sync (int argc, char **argv);
#endif

/* The PDF of version @version (0: the latest) of the letter draft @draft_id, on @paper (NULL: the
 * draft's own). */
GBytes *loket_cli_render_draft (LoketCliContext *ctx,
                                const char      *draft_id,
                                guint            version,
                                LoketPaperSize  *paper,
                                GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* What the local database knows about the letter a PDF carries (`verify --db`). */
typedef struct
{
  char    *letter_id;     /* from the PDF, or NULL when it carries none */
  gboolean known;         /* the database has a number or an event for it */
  char    *case_uuid;
  char    *agenda_number;
  char    *number;        /* the final nomor surat, or NULL (not numbered here) */
  char    *register_id;
  char    *event_type;    /* latest event that names the letter */
} LoketCliLetterMatch;

void                 loket_cli_letter_match_free (LoketCliLetterMatch *match);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketCliLetterMatch, loket_cli_letter_match_free)
/* Offline: reads the letter id from @pdf and looks it up in the database @db (must exist). */
LoketCliLetterMatch *loket_cli_match_letter      (const char *db,
                                                  GBytes     *pdf,
                                                  GError    **error);

G_END_DECLS
