// SPDX-License-Identifier: GPL-3.0-or-later
// Signing benchmarks: PAdES signatures per second with an RSA-2048 PKCS#12 key, and verifications
// per second. Prints figures next to their targets; never fails on speed (DEVELOPERS.md).
#include "config.h"

#include <stdio.h>

#include "loket-pdf-signature-verify.h"
#include "loket-pdf-signer.h"
#include "loket-signer-pkcs12.h"
#include "bench-row.h"
#include "pades-fixture.h"

static int n_signatures = 200;

static GOptionEntry entries[] = { { "signatures", 0, 0, G_OPTION_ARG_INT, &n_signatures,
                                    "Signatures to make (default 200)", "N" },
                                  { NULL } };

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) octx = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPkcs12Signer) signer = NULL;
  g_autoptr (GBytes) input = NULL;
  g_autoptr (GBytes) last = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autofree char *data = NULL;
  g_autofree char *out_path = NULL;
  PadesFixture    *fx;
  gsize            len;
  double           elapsed;

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }

  fx = pades_fixture_new ();
  printf ("# Loket signing benchmarks (RSA-2048, SHA-256, PAdES-B-B, 2-page cairo PDF)\n");

  g_timer_start (timer);
  signer = loket_pkcs12_signer_new (fx->signer_p12, "rahasia", &error);
  g_assert_no_error (error);
  loket_bench_row ("open the PKCS#12 key (once per session)", g_timer_elapsed (timer, NULL) * 1000, "ms", "");

  g_file_get_contents (fx->input_pdf, &data, &len, &error);
  g_assert_no_error (error);
  input = g_bytes_new_take (g_steal_pointer (&data), len);

  g_timer_start (timer);
  for (int i = 0; i < n_signatures; i++)
    {
      g_clear_pointer (&last, g_bytes_unref);
      last = loket_pdf_sign (input, LOKET_SIGNER (signer), NULL, NULL, &error);
      g_assert_no_error (error);
    }
  elapsed = g_timer_elapsed (timer, NULL);
  loket_bench_row ("sign in memory", n_signatures / elapsed, "sig/s", ">= 50/s");

  out_path = pades_fixture_path (fx, "bench.pdf");
  g_timer_start (timer);
  for (int i = 0; i < n_signatures; i++)
    {
      g_assert_true (
        loket_pdf_sign_file (fx->input_pdf, out_path, LOKET_SIGNER (signer), NULL, NULL, &error));
      g_assert_no_error (error);
    }
  elapsed = g_timer_elapsed (timer, NULL);
  loket_bench_row ("sign file to file (atomic write)", n_signatures / elapsed, "sig/s", ">= 50/s");

  g_timer_start (timer);
  for (int i = 0; i < n_signatures; i++)
    {
      g_autoptr (LoketPdfVerification) result = loket_pdf_verify (last, fx->ca_pem, &error);
      g_assert_no_error (error);
      g_assert_true (result->valid);
    }
  elapsed = g_timer_elapsed (timer, NULL);
  loket_bench_row ("verify (with trust anchors)", n_signatures / elapsed, "verif/s", "");
  printf ("%-44s %12" G_GSIZE_FORMAT " bytes (input %" G_GSIZE_FORMAT ")\n", "signed PDF size",
          g_bytes_get_size (last), len);

  pades_fixture_free (fx);
  return 0;
}
