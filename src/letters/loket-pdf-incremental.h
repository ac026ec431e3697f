// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a PDF's classic cross-reference table and appends an incremental update to it.
#pragma once

#include "loket-pdf-object.h"

G_BEGIN_DECLS

typedef struct _LoketPdfDocument LoketPdfDocument;
typedef struct _LoketPdfUpdate   LoketPdfUpdate;

/* Fails with LOKET_ERROR_UNSUPPORTED for cross-reference streams and encrypted files. */
LoketPdfDocument *loket_pdf_document_new         (GBytes           *bytes,
                                                  GError          **error);
void              loket_pdf_document_free        (LoketPdfDocument *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketPdfDocument, loket_pdf_document_free)

/* The newest trailer dictionary (borrowed). */
const LoketPdfValue *loket_pdf_document_get_trailer (LoketPdfDocument *doc);
/* A new copy of object @num (its newest revision). */
LoketPdfValue    *loket_pdf_document_get_object  (LoketPdfDocument *doc,
                                                  guint             num,
                                                  GError          **error);
/* Follows @value if it is a reference; else copies it. */
LoketPdfValue    *loket_pdf_document_resolve     (LoketPdfDocument *doc,
                                                  const LoketPdfValue *value,
                                                  GError          **error);

LoketPdfUpdate   *loket_pdf_update_new           (LoketPdfDocument *doc);
void              loket_pdf_update_free          (LoketPdfUpdate   *update);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketPdfUpdate, loket_pdf_update_free)

/* A fresh object number. */
guint             loket_pdf_update_new_object    (LoketPdfUpdate   *update);
/* Sets the body (what goes between "N G obj" and "endobj") of a new or replaced object. */
void              loket_pdf_update_set_object    (LoketPdfUpdate   *update,
                                                  guint             num,
                                                  const char       *body,
                                                  gsize             body_len);
/* The original bytes followed by the new objects, xref section and trailer (with /Prev). */
GByteArray       *loket_pdf_update_write         (LoketPdfUpdate   *update);
/* After write: where object @num starts in the output, or 0. */
gsize             loket_pdf_update_get_offset    (LoketPdfUpdate   *update,
                                                  guint             num);

G_END_DECLS
