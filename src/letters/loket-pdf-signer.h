// SPDX-License-Identifier: GPL-3.0-or-later
// PAdES-B-B signing of a PDF: a signature field, its appearance and the CMS, as an incremental update.
#pragma once

#include <gio/gio.h>

#include "loket-signer.h"

G_BEGIN_DECLS

typedef struct
{
  const char *signer_name;   /* shown in the appearance and /Name; NULL: the certificate's CN */
  const char *reason;        /* optional /Reason */
  const char *location;      /* optional /Location */
  GDateTime  *signing_time;  /* /M and the appearance; NULL: now, local time */
  guint       page;          /* 0-based page that carries the visible signature */
  double      rect[4];       /* x1 y1 x2 y2 in points; all zero: bottom left of the page */
  gsize       contents_size; /* bytes reserved for the CMS; 0: 16 KiB */
} LoketPdfSignOptions;

/* Returns the signed PDF: @pdf followed by one incremental update. Only PDFs with a classic
 * cross-reference table (as cairo writes) are accepted. */
GBytes  *loket_pdf_sign             (GBytes                    *pdf,
                                     LoketSigner               *signer,
                                     const LoketPdfSignOptions *options,
                                     GCancellable              *cancellable,
                                     GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
/* Signs @in_path into @out_path, written atomically: on failure no output file is left. */
gboolean loket_pdf_sign_file        (const char                *in_path,
                                     const char                *out_path,
                                     LoketSigner               *signer,
                                     const LoketPdfSignOptions *options,
                                     GCancellable              *cancellable,
                                     GError                   **error);
void     loket_pdf_sign_file_async  (const char                *in_path,
                                     const char                *out_path,
                                     LoketSigner               *signer,
                                     const LoketPdfSignOptions *options,
                                     GCancellable              *cancellable,
                                     GAsyncReadyCallback        callback,
                                     gpointer                   user_data);
gboolean loket_pdf_sign_file_finish (GAsyncResult              *result,
                                     GError                   **error);

/* "D:20261122161500+08'00'" */
char    *loket_pdf_format_date      (GDateTime                 *time) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
