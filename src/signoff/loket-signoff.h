// SPDX-License-Identifier: GPL-3.0-or-later
// Sign-off: turns approved letter drafts into signed, stored, numbered letters, one or many at a
// time with one signer (one PIN / passphrase entry). Uses the store (chain, blobs, numbering) and
// the letters module (render, PAdES); GTK-free, shared by the app and loket-cli.
//
// Per draft, in order: the engine's SIGN check (so nothing is signed that would be refused), the
// latest version rendered to PDF with the signer's name (and Plh./Plt. line) and the letter id
// (loket_letter_id_for_case) in its QR code, a PAdES signature, the signed PDF stored as a blob,
// `letter.signed` + the hand-over step recorded (loket_store_record_signature), then the final
// number drawn from this device's leased block (loket_store_number_letter; the Tata Naskah
// practice of the SOPs numbers at registration, after the signature). Without a lease the letter
// stays "signed, pending number" (`number` NULL) — that is not a failure.
#pragma once

#include "loket-signer.h"
#include "loket-store.h"

G_BEGIN_DECLS

typedef struct
{
  char     *case_uuid;
  char     *draft_id;
  gboolean  ok;          /* signed and recorded */
  char     *letter_id;   /* when ok */
  char     *sha256;      /* the signed PDF blob, when ok */
  char     *number;      /* the final number, NULL while pending */
  char     *handover_id; /* the hand-over disposition, may be NULL */
  GError   *error;       /* why it was not signed (when !ok) */
} LoketSignoffResult;

void loket_signoff_result_free (LoketSignoffResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSignoffResult, loket_signoff_result_free)

/* Called after each draft (@done of @total), on the thread-default main context of the caller of
 * the async variant (the calling thread for the sync one). */
typedef void (*LoketSignoffProgress) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* Signs @draft_ids[i] of @case_uuids[i] (NULL-terminated, same length) as @person_id (acting as
 * @as_position, NULL: whichever position the engine finds). One failure does not stop the batch.
 * Returns one result per draft (transfer full, element LoketSignoffResult); NULL with @error only
 * when the lists are empty or of different lengths, or the cancellable fired before anything was
 * signed. */
GPtrArray *loket_signoff_sign_drafts        (LoketStore           *store,
                                             LoketSigner          *signer,
                                             const char           *person_id,
                                             const char           *as_position,
                                             const char *const    *case_uuids,
                                             const char *const    *draft_ids,
                                             gint64                now,
                                             LoketSignoffProgress  progress,
                                             gpointer              progress_data,
                                             GCancellable         *cancellable,
                                             GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same in a worker thread; @progress runs on the caller's main context. */
void       loket_signoff_sign_drafts_async  (LoketStore           *store,
                                             LoketSigner          *signer,
                                             const char           *person_id,
                                             const char           *as_position,
                                             const char *const    *case_uuids,
                                             const char *const    *draft_ids,
                                             LoketSignoffProgress  progress,
                                             gpointer              progress_data,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GPtrArray *loket_signoff_sign_drafts_finish (GAsyncResult         *result,
                                             GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* The register a draft of @kind is numbered in: "keputusan" for surat_keputusan, else
 * "surat-keluar". */
const char *loket_signoff_register_for_kind (const char *kind);

G_END_DECLS
