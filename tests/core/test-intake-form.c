// SPDX-License-Identifier: GPL-3.0-or-later
// Unit tests of the intake core: attachment checks, parties, the intake form, drafts, events.
#include "config.h"

#include <string.h>

#include "loket-attachment.h"
#include "loket-case-projector.h"
#include "loket-error.h"
#include "loket-intake-form.h"
#include "loket-party.h"

#define AKAD     "kopnakertrans-ntt/rekomendasi-rekrutmen-akad"
#define KONSUL   "kopnakertrans-ntt/konsultasi"
#define NIK_OK   "5371014101900002" /* Kota Kupang, woman born 1 Jan 1990 */
#define SHA_A    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static LoketServiceCatalog *catalog;

static const guint8 pdf_head[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
static const guint8 png_head[] = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
static const guint8 jpeg_head[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F' };

/* ---- Attachments -------------------------------------------------------------------------- */

static void
test_attachment_types (void)
{
  g_autofree char *mime = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (loket_attachment_check ("ktp.pdf", pdf_head, sizeof pdf_head, 1000, 0, &mime, &error));
  g_assert_cmpstr (mime, ==, "application/pdf");
  g_clear_pointer (&mime, g_free);
  g_assert_true (loket_attachment_check ("SCAN.JPEG", jpeg_head, sizeof jpeg_head, 1000, 0, &mime, NULL));
  g_assert_cmpstr (mime, ==, "image/jpeg");
  g_clear_pointer (&mime, g_free);
  g_assert_true (loket_attachment_check ("foto.jpg", jpeg_head, sizeof jpeg_head, 1000, 0, &mime, NULL));
  g_clear_pointer (&mime, g_free);
  g_assert_true (loket_attachment_check ("/tmp/a/b.PNG", png_head, sizeof png_head, 10, 0, &mime, NULL));
  g_assert_cmpstr (mime, ==, "image/png");
  g_clear_pointer (&mime, g_free);
  /* No extension: the content decides. */
  g_assert_true (loket_attachment_check ("scan", pdf_head, sizeof pdf_head, 10, 0, &mime, NULL));
  g_assert_cmpstr (mime, ==, "application/pdf");
}

static void
test_attachment_refused (void)
{
  g_autoptr (GError) error = NULL;
  char *mime = NULL;

  /* A PNG renamed to .pdf. */
  g_assert_false (loket_attachment_check ("report.pdf", png_head, sizeof png_head, 100, 0, &mime, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "report.pdf is not a PDF file");
  g_assert_null (mime);
  g_clear_error (&error);

  /* Text named .jpg. */
  g_assert_false (loket_attachment_check ("foto.jpg", (const guint8 *) "hello world", 11, 11, 0, NULL, &error));
  g_assert_cmpstr (error->message, ==, "foto.jpg is not a JPEG file");
  g_clear_error (&error);

  /* Unknown types, by name or by content. */
  g_assert_false (loket_attachment_check ("surat.docx", pdf_head, sizeof pdf_head, 100, 0, NULL, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "surat.docx"));
  g_clear_error (&error);
  g_assert_false (loket_attachment_check ("scan", (const guint8 *) "GIF89a", 6, 6, 0, NULL, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* Empty, too short to hold the magic. */
  g_assert_false (loket_attachment_check ("a.pdf", NULL, 0, 0, 0, NULL, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (loket_attachment_check ("a.pdf", pdf_head, 3, 3, 0, NULL, &error));
  g_assert_cmpstr (error->message, ==, "a.pdf is not a PDF file");
  g_clear_error (&error);

  /* Over the default limit (50 MB) and over a given limit. */
  g_assert_false (loket_attachment_check ("big.pdf", pdf_head, sizeof pdf_head,
                                          LOKET_ATTACHMENT_DEFAULT_LIMIT + 1, 0, NULL, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "big.pdf is too large"));
  g_clear_error (&error);
  g_assert_true (loket_attachment_check ("ok.pdf", pdf_head, sizeof pdf_head,
                                         LOKET_ATTACHMENT_DEFAULT_LIMIT, 0, NULL, NULL));
  g_assert_false (loket_attachment_check ("b.pdf", pdf_head, sizeof pdf_head, 1001, 1000, NULL, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
}

static void
test_attachment_json (void)
{
  g_autoptr (LoketAttachment) a = loket_attachment_new (SHA_A, "ktp.pdf", "application/pdf", 42);
  g_autoptr (JsonNode) node = loket_attachment_to_json (a);
  g_autoptr (LoketAttachment) b = loket_attachment_new_from_json (node, NULL);
  g_autoptr (GError) error = NULL;
  static const char *const bad[] = {
    "{\"sha256\":\"xyz\",\"file_name\":\"a.pdf\",\"mime_type\":\"application/pdf\",\"size\":1}",
    "{\"sha256\":\"" SHA_A "\",\"file_name\":\"../a.pdf\",\"mime_type\":\"application/pdf\",\"size\":1}",
    "{\"sha256\":\"" SHA_A "\",\"file_name\":\"a.pdf\",\"mime_type\":\"text/plain\",\"size\":1}",
    "{\"sha256\":\"" SHA_A "\",\"file_name\":\"a.pdf\",\"mime_type\":\"application/pdf\",\"size\":0}",
    "{\"sha256\":\"" SHA_A "\",\"file_name\":\"a.pdf\",\"mime_type\":\"application/pdf\"}",
    "[]",
  };

  g_assert_nonnull (b);
  g_assert_cmpstr (b->sha256, ==, SHA_A);
  g_assert_cmpstr (b->file_name, ==, "ktp.pdf");
  g_assert_cmpstr (b->mime_type, ==, "application/pdf");
  g_assert_cmpuint (b->size, ==, 42);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (JsonNode) n = json_from_string (bad[i], NULL);
      g_autoptr (LoketAttachment) c = loket_attachment_new_from_json (n, &error);

      g_assert_null (c);
      g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

/* ---- Parties ------------------------------------------------------------------------------ */

static LoketParty *
person (const char *nik, const char *name)
{
  LoketParty *p = loket_party_new (LOKET_PARTY_PERSON);

  loket_party_set_nik (p, nik);
  loket_party_set_name (p, name);
  return p;
}

/* The problems of @party as "field: message" lines. */
static char *
party_problems (LoketParty *party)
{
  g_autoptr (GPtrArray) problems
    = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_field_problem_free);
  GString *text = g_string_new (NULL);

  loket_party_validate (party, "parties[0].", problems);
  for (guint i = 0; i < problems->len; i++)
    {
      LoketFieldProblem *p = g_ptr_array_index (problems, i);
      g_string_append_printf (text, "%s%s: %s", i > 0 ? "\n" : "", p->field, p->message);
    }
  return g_string_free (text, FALSE);
}

static void
test_party_nik (void)
{
  /* Each way a NIK can be wrong gives a problem on the NIK field, naming the faulty part. */
  static const struct
  {
    const char *nik;
    const char *word; /* a word the message must contain */
  } bad[] = {
    { "537101410190000", "16" },  /* too short */
    { "53710141019000021", "16" }, /* too long */
    { "5371O14101900002", "16" }, /* a letter O */
    { "9971014101900002", "province" },
    { "5300014101900002", "regency" },
    { "5371004101900002", "district" },
    { "5371017201900002", "birth" }, /* day 72 - 40 = 32 */
    { "5371010113900002", "birth" }, /* month 13 */
    { "5371013002900002", "birth" }, /* 30 February */
    { "5371014101900000", "serial" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (LoketParty) p = person (bad[i].nik, "Maria Bunga");
      g_autofree char *text = party_problems (p);
      g_autofree char *lower = g_ascii_strdown (text, -1);

      g_test_message ("%s → %s", bad[i].nik, text);
      g_assert_true (g_str_has_prefix (text, "parties[0].nik: "));
      g_assert_null (strchr (text, '\n'));
      g_assert_nonnull (strstr (lower, bad[i].word));
    }
  {
    g_autoptr (LoketParty) p = person (" " NIK_OK " ", "Maria Bunga");
    g_autofree char *text = party_problems (p);
    g_assert_cmpstr (text, ==, "");
  }
  {
    g_autoptr (LoketParty) p = person (NULL, "Maria");
    g_autofree char *text = party_problems (p);
    g_assert_cmpstr (text, ==, "parties[0].nik: The NIK is required");
  }
}

static void
test_party_fields (void)
{
  g_autoptr (LoketParty) p = person (NIK_OK, "  ");
  g_autoptr (LoketParty) org = loket_party_new (LOKET_PARTY_ORGANISATION);
  g_autofree char *text = NULL;

  loket_party_set_email (p, "maria@");
  loket_party_set_phone (p, "0812-abc");
  text = party_problems (p);
  g_assert_cmpstr (text, ==,
                   "parties[0].name: The name is required\n"
                   "parties[0].email: The e-mail address must look like name@example.com\n"
                   "parties[0].phone: The phone number must have 6 to 15 digits");
  loket_party_set_name (p, "Maria Bunga");
  loket_party_set_email (p, "maria@example.co.id");
  loket_party_set_phone (p, "+62 812-3456-7890");
  g_clear_pointer (&text, g_free);
  text = party_problems (p);
  g_assert_cmpstr (text, ==, "");

  /* An organisation needs a name, not a NIK. */
  g_clear_pointer (&text, g_free);
  text = party_problems (org);
  g_assert_cmpstr (text, ==, "parties[0].name: The organisation’s name is required");
  loket_party_set_name (org, "PT Sumber Rejeki");
  loket_party_set_nik (org, "garbage"); /* kept, but not the organisation's */
  g_clear_pointer (&text, g_free);
  text = party_problems (org);
  g_assert_cmpstr (text, ==, "");
}

static void
test_party_json (void)
{
  g_autoptr (LoketParty) org = loket_party_new (LOKET_PARTY_ORGANISATION);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (LoketParty) back = NULL;
  g_autofree char *json = NULL;
  g_autoptr (GError) error = NULL;
  guint changes = 0;

  g_signal_connect_swapped (org, "changed", G_CALLBACK (count_cb), &changes);
  loket_party_set_name (org, " Koperasi Maju ");
  loket_party_set_legal_number (org, "AHU-0001");
  loket_party_set_contact_person (org, "Yohanes");
  loket_party_set_nik (org, NIK_OK); /* not written for an organisation */
  g_assert_cmpuint (changes, ==, 4);
  node = loket_party_to_json (org);
  json = json_to_string (node, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"kind\":\"organisation\",\"name\":\"Koperasi Maju\","
                   "\"legal_number\":\"AHU-0001\",\"contact_person\":\"Yohanes\"}");
  back = loket_party_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loket_party_get_kind (back), ==, LOKET_PARTY_ORGANISATION);
  g_assert_cmpstr (loket_party_get_legal_number (back), ==, "AHU-0001");

  {
    g_autoptr (JsonNode) bad = json_from_string ("{\"kind\":\"robot\",\"name\":\"x\"}", NULL);
    g_autoptr (LoketParty) none = loket_party_new_from_json (bad, &error);
    g_assert_null (none);
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
    g_clear_error (&error);
  }
  {
    g_autoptr (JsonNode) bad = json_from_string ("{\"kind\":\"person\",\"nik\":5371}", NULL);
    g_autoptr (LoketParty) none = loket_party_new_from_json (bad, &error);
    g_assert_null (none);
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  }
}

/* ---- The form ----------------------------------------------------------------------------- */

static LoketIntakeForm *
new_form (const char *service, const char *channel)
{
  g_autoptr (GError) error = NULL;
  LoketIntakeForm *form = loket_intake_form_new (catalog, service, channel, &error);

  g_assert_no_error (error);
  return form;
}

static void
add_person (LoketIntakeForm *form)
{
  g_autoptr (LoketParty) p = person (NIK_OK, "Maria Bunga");
  loket_intake_form_add_party (form, p);
}

static void
test_form_new_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketIntakeForm) a = loket_intake_form_new (catalog, "nope/none", "surat", &error);

  g_assert_null (a);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  g_clear_error (&error);
  a = loket_intake_form_new (catalog, AKAD, "tatap_muka", &error);
  g_assert_null (a);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "surat"));
}

/* For every service and channel, the checklist is the catalog's. */
static void
test_form_checklists (void)
{
  GPtrArray *services = loket_service_catalog_get_services (catalog);
  guint      n_forms = 0;

  g_assert_cmpuint (services->len, ==, 35);
  for (guint i = 0; i < services->len; i++)
    {
      LoketService      *service = g_ptr_array_index (services, i);
      const char *const *channels = loket_service_get_channels (service);

      for (guint c = 0; channels[c] != NULL; c++)
        {
          g_autoptr (LoketIntakeForm) form = new_form (loket_service_get_id (service), channels[c]);
          g_autoptr (GPtrArray) expected = loket_service_get_requirements (service, channels[c]);
          GPtrArray *got = loket_intake_form_get_requirements (form);

          g_assert_cmpuint (got->len, ==, expected->len);
          for (guint r = 0; r < got->len; r++)
            g_assert_true (g_ptr_array_index (got, r) == g_ptr_array_index (expected, r));
          n_forms++;
        }
    }
  g_assert_cmpuint (n_forms, >=, 35);
}

static void
test_form_completeness (void)
{
  g_autoptr (LoketIntakeForm) form = new_form ("kopnakertrans-ntt/pengesahan-peraturan-perusahaan", "surat");
  g_autoptr (GPtrArray) missing = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketAttachment) a = loket_attachment_new (SHA_A, "pp.pdf", "application/pdf", 10);
  GPtrArray *reqs = loket_intake_form_get_requirements (form);
  guint      n_changed = 0;

  g_signal_connect_swapped (form, "requirement-changed", G_CALLBACK (count_cb), &n_changed);
  missing = loket_intake_form_missing_mandatory (form);
  g_assert_cmpuint (missing->len, ==, 7); /* 8 items, r6 conditional */
  g_assert_false (loket_intake_form_can_declare_complete (form, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "r1: "));
  g_assert_null (strstr (error->message, "r6: "));
  g_clear_error (&error);

  for (guint i = 0; i < reqs->len; i++)
    {
      const char *id = loket_requirement_get_id (g_ptr_array_index (reqs, i));
      if (!g_str_equal (id, "r6") && !g_str_equal (id, "r1"))
        g_assert_true (loket_intake_form_set_satisfied (form, id, TRUE, NULL));
    }
  /* Attaching marks the item satisfied; the same blob twice is kept once. */
  g_assert_true (loket_intake_form_add_attachment (form, "r1", a, &error));
  g_assert_true (loket_intake_form_add_attachment (form, "r1", a, &error));
  g_assert_cmpuint (loket_intake_form_get_attachments (form, "r1")->len, ==, 1);
  g_assert_true (loket_intake_form_get_satisfied (form, "r1"));
  g_assert_true (loket_intake_form_can_declare_complete (form, NULL));

  /* A conditional item that applies counts. */
  g_assert_true (loket_intake_form_set_applies (form, "r6", TRUE, NULL));
  g_assert_false (loket_intake_form_can_declare_complete (form, &error));
  g_assert_nonnull (strstr (error->message, "r6: "));
  g_clear_error (&error);
  g_assert_false (loket_intake_form_set_satisfied (form, "r99", TRUE, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  g_assert_cmpuint (n_changed, ==, 8);
}

static gboolean
has_problem (GPtrArray *problems, const char *field)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (((LoketFieldProblem *) g_ptr_array_index (problems, i))->field, field))
      return TRUE;
  return FALSE;
}

static void
test_form_validate (void)
{
  g_autoptr (LoketIntakeForm) form = new_form (AKAD, "surat");
  g_autoptr (GPtrArray) problems = loket_intake_form_validate (form);
  gint64 received = 1774569600; /* 2026-03-27 00:00 UTC = 08:00 WITA */

  g_assert_true (has_problem (problems, "parties"));
  add_person (form);
  loket_intake_form_set_received_at (form, received);
  loket_intake_form_set_letter (form, "", "2026-02-30", "PT Sumber", LOKET_LETTER_SIFAT_SEGERA);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = loket_intake_form_validate (form);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_true (has_problem (problems, "letter.number"));
  g_assert_true (has_problem (problems, "letter.date"));

  /* After the day of receipt (in WITA). */
  loket_intake_form_set_letter (form, "560/12/2026", "2026-03-28", "PT Sumber", LOKET_LETTER_SIFAT_SEGERA);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = loket_intake_form_validate (form);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (has_problem (problems, "letter.date"));

  loket_intake_form_set_letter (form, "560/12/2026", "2026-03-27", "PT Sumber", LOKET_LETTER_SIFAT_SEGERA);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = loket_intake_form_validate (form);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (loket_intake_form_check (form, NULL));

  loket_intake_form_set_received_at (form, g_get_real_time () / G_USEC_PER_SEC + 86400);
  g_assert_false (loket_intake_form_check (form, NULL));
}

static void
test_form_draft_roundtrip (void)
{
  g_autoptr (LoketIntakeForm) form = new_form (AKAD, "surat");
  g_autoptr (LoketIntakeForm) back = NULL;
  g_autoptr (LoketAttachment) a = loket_attachment_new (SHA_A, "ktp.pdf", "application/pdf", 10);
  g_autoptr (LoketAttachment) b = loket_attachment_new (SHA_B, "foto.png", "image/png", 20);
  g_autoptr (LoketParty) half = person ("5371", NULL); /* half-typed: fine in a draft */
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;
  g_autoptr (GError) error = NULL;

  add_person (form);
  loket_intake_form_add_party (form, half);
  loket_intake_form_set_subject (form, "Permohonan rekomendasi");
  loket_intake_form_set_letter (form, "12/AKAD", "2026-03-01", "PT Maju", LOKET_LETTER_SIFAT_RAHASIA);
  loket_intake_form_set_received_at (form, 1774569600);
  g_assert_true (loket_intake_form_add_attachment (form, "r1", a, NULL));
  g_assert_true (loket_intake_form_add_attachment (form, "r1", b, NULL));
  g_assert_true (loket_intake_form_set_satisfied (form, "r3", TRUE, NULL));
  json = loket_intake_form_to_json (form);
  back = loket_intake_form_new_from_json (catalog, json, &error);
  g_assert_no_error (error);
  json2 = loket_intake_form_to_json (back);
  g_assert_cmpstr (json, ==, json2);
  g_assert_cmpstr (loket_intake_form_get_draft_id (back), ==, loket_intake_form_get_draft_id (form));
  g_assert_cmpuint (loket_intake_form_get_n_parties (back), ==, 2);
  g_assert_cmpint (loket_intake_form_get_letter_sifat (back), ==, LOKET_LETTER_SIFAT_RAHASIA);
  g_assert_cmpuint (loket_intake_form_get_attachments (back, "r1")->len, ==, 2);
  g_assert_true (loket_intake_form_get_satisfied (back, "r3"));
  g_assert_false (loket_intake_form_get_satisfied (back, "r2"));
}

static void
test_form_draft_damaged (void)
{
  g_autoptr (LoketIntakeForm) form = new_form (AKAD, "surat");
  g_autofree char *good = loket_intake_form_to_json (form);
  /* Each replacement in a good draft breaks it. */
  static const struct
  {
    const char *from;
    const char *to;
  } edits[] = {
    { "\"version\":1", "\"version\":2" },
    { "\"format\":\"loket-intake-draft\"", "\"format\":\"other\"" },
    { "\"service\":\"" AKAD "\"", "\"service\":\"nope\"" },
    { "\"channel\":\"surat\"", "\"channel\":\"online\"" },
    { "\"parties\":[]", "\"parties\":[{\"kind\":\"alien\"}]" },
    { "\"parties\":[]", "\"parties\":{}" },
    { "\"requirements\":[]", "\"requirements\":[{\"id\":\"r1\",\"satisfied\":\"yes\",\"attachments\":[]}]" },
    { "\"requirements\":[]", "\"requirements\":[{\"id\":\"r1\",\"attachments\":[{\"sha256\":\"00\"}]}]" },
    { "\"parties\":[]", "\"parties\":[],\"letter\":{\"sifat\":\"kilat\"}" },
    { "\"parties\":[]", "\"parties\":[],\"received_at\":-5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr (GError) error = NULL;
      g_auto (GStrv) parts = g_strsplit (good, edits[i].from, 2);
      g_autofree char *bad = NULL;
      g_autoptr (LoketIntakeForm) back = NULL;

      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      bad = g_strjoin (edits[i].to, parts[0], parts[1], NULL);
      back = loket_intake_form_new_from_json (catalog, bad, &error);
      g_assert_null (back);
      g_assert_nonnull (error);
      g_test_message ("%s → %s", edits[i].to, error->message);
    }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (LoketIntakeForm) back = loket_intake_form_new_from_json (catalog, "{", &error);
    g_assert_null (back);
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  }
  /* A requirement the catalog no longer has is dropped, not fatal. */
  {
    g_auto (GStrv) parts = g_strsplit (good, "\"requirements\":[]", 2);
    g_autofree char *old = g_strjoin ("\"requirements\":[{\"id\":\"r77\",\"satisfied\":true,\"attachments\":[]}]",
                                      parts[0], parts[1], NULL);
    g_autoptr (LoketIntakeForm) back = loket_intake_form_new_from_json (catalog, old, NULL);
    g_assert_nonnull (back);
  }
}

static void
test_form_events (void)
{
  g_autoptr (LoketIntakeForm) form = new_form (AKAD, "surat");
  g_autoptr (LoketHlc) hlc = loket_hlc_new ();
  g_autoptr (LoketAttachment) a = loket_attachment_new (SHA_A, "spp.pdf", "application/pdf", 10);
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketWorkCalendar) calendar = loket_work_calendar_new_default (NULL);
  g_autoptr (LoketCaseProjector) projector = loket_case_projector_new (catalog, calendar);
  g_autoptr (LoketCase) kase = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  static const char *const types[] = { "case.registered", "requirement.checked",
                                       "requirement.checked", "document.attached",
                                       "case.returned" };

  /* Invalid: no party. */
  events = loket_intake_form_build_events (form, uuid, "00001-AB/KTKT/2026", "petugas", "dev",
                                           hlc, 1774569600, LOKET_INTAKE_REGISTER, &error);
  g_assert_null (events);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);

  add_person (form);
  g_assert_true (loket_intake_form_add_attachment (form, "r1", a, NULL));
  g_assert_true (loket_intake_form_set_satisfied (form, "r2", TRUE, NULL));
  /* Declaring complete with r3, r4 missing fails and lists them. */
  events = loket_intake_form_build_events (form, uuid, "00001-AB/KTKT/2026", "petugas", "dev",
                                           hlc, 1774569600, LOKET_INTAKE_DECLARE_COMPLETE, &error);
  g_assert_null (events);
  g_assert_nonnull (strstr (error->message, "r3: "));
  g_assert_nonnull (strstr (error->message, "r4: "));
  g_clear_error (&error);
  /* Not a counter service. */
  events = loket_intake_form_build_events (form, uuid, "00001-AB/KTKT/2026", "petugas", "dev",
                                           hlc, 1774569600, LOKET_INTAKE_COMPLETE_AND_CLOSE, &error);
  g_assert_null (events);
  g_clear_error (&error);

  loket_intake_form_set_return_note (form, "Lengkapi r3 dan r4");
  events = loket_intake_form_build_events (form, uuid, "00001-AB/KTKT/2026", "petugas", "dev",
                                           hlc, 1774569600, LOKET_INTAKE_RETURN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, G_N_ELEMENTS (types));
  for (guint i = 0; i < events->len; i++)
    {
      LoketEvent *e = g_ptr_array_index (events, i);

      g_assert_cmpstr (loket_event_get_event_type (e), ==, types[i]);
      if (i > 0)
        g_assert_cmpint (loket_event_compare (g_ptr_array_index (events, i - 1), e), <, 0);
    }
  g_assert_nonnull (strstr (loket_event_get_body (g_ptr_array_index (events, 0)),
                            "\"received_at\":\"2026-03-27T08:00:00+08:00\""));
  g_assert_nonnull (strstr (loket_event_get_body (g_ptr_array_index (events, 4)),
                            "\"missing\":[\"r3\",\"r4\"]"));
  kase = loket_case_projector_project (projector, events, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loket_case_get_status (kase), ==, LOKET_CASE_STATUS_INCOMPLETE);
  g_assert_cmpstr (loket_case_get_agenda_number (kase), ==, "00001-AB/KTKT/2026");
  g_assert_cmpstr (loket_case_get_applicant_nik (kase), ==, NIK_OK);
  g_assert_cmpint (loket_case_get_due_at (kase), ==, 0); /* clock starts at completeness */
}

static void
test_form_counter_close (void)
{
  g_autoptr (LoketIntakeForm) form = new_form (KONSUL, "tatap_muka");
  g_autoptr (LoketHlc) hlc = loket_hlc_new ();
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  g_assert_true (loket_intake_form_is_counter_service (form));
  add_person (form);
  g_assert_true (loket_intake_form_set_satisfied (form, "r1", TRUE, NULL));
  events = loket_intake_form_build_events (form, uuid, NULL, "petugas", "dev", hlc, 1774569600,
                                           LOKET_INTAKE_COMPLETE_AND_CLOSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpstr (loket_event_get_event_type (g_ptr_array_index (events, 2)), ==,
                   "case.declared_complete");
  g_assert_cmpstr (loket_event_get_event_type (g_ptr_array_index (events, 3)), ==, "case.closed");
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = loket_service_catalog_new_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/loket/core/attachment/types", test_attachment_types);
  g_test_add_func ("/loket/core/attachment/refused", test_attachment_refused);
  g_test_add_func ("/loket/core/attachment/json", test_attachment_json);
  g_test_add_func ("/loket/core/party/nik", test_party_nik);
  g_test_add_func ("/loket/core/party/fields", test_party_fields);
  g_test_add_func ("/loket/core/party/json", test_party_json);
  g_test_add_func ("/loket/core/intake-form/new-errors", test_form_new_errors);
  g_test_add_func ("/loket/core/intake-form/checklists", test_form_checklists);
  g_test_add_func ("/loket/core/intake-form/completeness", test_form_completeness);
  g_test_add_func ("/loket/core/intake-form/validate", test_form_validate);
  g_test_add_func ("/loket/core/intake-form/draft-roundtrip", test_form_draft_roundtrip);
  g_test_add_func ("/loket/core/intake-form/draft-damaged", test_form_draft_damaged);
  g_test_add_func ("/loket/core/intake-form/events", test_form_events);
  g_test_add_func ("/loket/core/intake-form/counter-close", test_form_counter_close);
  status = g_test_run ();
  g_clear_object (&catalog);
  return status;
}
