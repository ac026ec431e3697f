// SPDX-License-Identifier: GPL-3.0-or-later
// Throwaway PKI, PDFs and external tools for the signing tests.
#pragma once

#include <gio/gio.h>

#include "loket-test-utils.h" /* loket_test_run_tool() */

G_BEGIN_DECLS

typedef struct
{
  char *dir;          /* temporary directory, removed by pades_fixture_free () */
  char *ca_pem;
  char *signer_p12;   /* password "rahasia" */
  char *signer_pem;
  char *signer_key;
  char *expired_p12;  /* password "rahasia", expired certificate */
  char *future_p12;   /* password "rahasia", not valid yet */
  char *noku_p12;     /* password "rahasia", key usage: key encipherment only */
  char *input_pdf;    /* two pages made with cairo */
  char *password_file;
} PadesFixture;

PadesFixture *pades_fixture_new       (void);
void          pades_fixture_free      (PadesFixture *fx);
char         *pades_fixture_path      (PadesFixture *fx,
                                       const char   *name);
/* Writes the signed bytes and the CMS of the last signature of @pdf to the two files. */
void          pades_extract_last      (const char   *pdf,
                                       const char   *signed_bin,
                                       const char   *cms_der);
/* Flips one byte at @offset of @path. */
void          pades_flip_byte         (const char   *path,
                                       gsize         offset);
/* Sets up a SoftHSM2 token "loket-uji" (PIN 1234) holding the signer's key and certificate;
 * FALSE (and the test is skipped) when softhsm2-util or p11tool are missing. */
gboolean      pades_fixture_softhsm   (PadesFixture *fx);

G_END_DECLS
