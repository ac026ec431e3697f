// SPDX-License-Identifier: GPL-3.0-or-later
// Checks a PDF's signatures: the CMS, the digest of the byte range and changes after signing.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char      *signer_name;            /* common name of the signing certificate, or NULL */
  char      *signer_subject;         /* its full distinguished name, or NULL */
  char      *sub_filter;             /* e.g. "ETSI.CAdES.detached" */
  GDateTime *signing_time;           /* /M, or NULL */
  gsize      range[4];               /* /ByteRange */
  gboolean   byte_range_ok;          /* [0 a b c]: only the /Contents string is left out */
  gboolean   digest_matches;         /* messageDigest equals the hash of the signed bytes */
  gboolean   cms_valid;              /* the CMS signature verifies with the signer certificate */
  gboolean   signing_certificate_ok; /* ESS signing-certificate-v2 present and names the signer */
  gboolean   certificate_valid_at_signing; /* /M (or now) within the certificate's validity */
  gboolean   trusted;                /* the signer chains to the given trust anchors */
  gboolean   covers_whole_document;  /* the signed range reaches the end of the file */
  gboolean   valid;                  /* byte_range_ok, digest_matches, cms_valid and
                                      * certificate_valid_at_signing */
  char      *problem;                /* what is wrong, translated, or NULL */
} LoketPdfSignature;

typedef struct
{
  GPtrArray *signatures;             /* LoketPdfSignature, in file order */
  gboolean   modified_after_signing; /* bytes follow the last signed revision */
  gboolean   incomplete;             /* too many signature candidates: not all were checked */
  gboolean   valid;                  /* ≥ 1 signature, all valid (and trusted if anchors were
                                      * given), nothing changed after the last one */
} LoketPdfVerification;

void                  loket_pdf_verification_free (LoketPdfVerification *verification);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketPdfVerification, loket_pdf_verification_free)

/* @ca_file: PEM trust anchors, or NULL to check only the signatures themselves. Fails only when
 * @pdf is not a PDF or @ca_file cannot be read; a PDF without signatures gives an empty list. */
LoketPdfVerification *loket_pdf_verify            (GBytes      *pdf,
                                                   const char  *ca_file,
                                                   GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* Parses a PDF date ("D:20261122161500+08'00'"); NULL if malformed. */
GDateTime            *loket_pdf_parse_date        (const char  *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
