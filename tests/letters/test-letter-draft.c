// SPDX-License-Identifier: GPL-3.0-or-later
// The letter draft model: JSON round trip, clear errors with the JSON path, edited paragraphs in
// the rendered PDF, paragraph diffs.
#include "config.h"

#include <string.h>

#include "letters-test-case.h"
#include "loket-error.h"
#include "loket-letter-case-fields.h"
#include "loket-letter-draft.h"
#include "loket-letter-renderer.h"

#define AKAD "kopnakertrans-ntt/rekomendasi-rekrutmen-akad"

static LoketLetterDraft *
draft_for_case (LettersTestCase *tc, const char *kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetterFields) fields = loket_letter_fields_new_for_case (
    tc->kase, tc->events, tc->catalog, tc->calendar, tc->org, LETTERS_TEST_NOW, &error);
  LoketLetterDraft *draft;

  g_assert_no_error (error);
  draft = loket_letter_draft_new_from_fields (kind, fields, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  return draft;
}

static char *
squash (const char *text)
{
  g_autoptr (GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
}

static void
test_round_trip (void)
{
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", TRUE);
  g_autoptr (LoketLetterDraft) draft = draft_for_case (tc, "rekomendasi");
  g_autoptr (LoketLetterDraft) back = NULL;
  g_autoptr (LoketLetterDraft) copy = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;
  g_autofree char *with_extra = NULL;
  g_autofree char *extra_again = NULL;
  GPtrArray       *parties;

  g_assert_cmpstr (loket_letter_draft_get_kind (draft), ==, "rekomendasi");
  /* rekomendasi by letter: the "surat Saudara" opening, the basis, "untuk keperluan", closing */
  g_assert_cmpuint (loket_letter_draft_get_n_paragraphs (draft), ==, 4);
  g_assert_true (g_str_has_prefix (loket_letter_draft_get_paragraph (draft, 0),
                                   "Menindaklanjuti surat Saudara Nomor"));
  g_assert_nonnull (loket_letter_fields_get (loket_letter_draft_get_fields (draft), "hal"));
  loket_letter_draft_set_paragraph (draft, 3, "Paragraf penutup yang “diubah”.\nBaris dua.");
  loket_letter_draft_set_paper (draft, LOKET_PAPER_A4);
  loket_letter_draft_set_signer (draft, "person-sekretaris", "a.n.");

  data = loket_letter_draft_to_data (draft);
  back = loket_letter_draft_new_from_data (data, -1, &error);
  g_assert_no_error (error);
  again = loket_letter_draft_to_data (back);
  g_assert_cmpstr (data, ==, again);
  g_assert_cmpstr (loket_letter_draft_get_paragraph (back, 3), ==,
                   "Paragraf penutup yang “diubah”.\nBaris dua.");
  g_assert_cmpint (loket_letter_draft_get_paper (back), ==, LOKET_PAPER_A4);
  g_assert_cmpstr (loket_letter_draft_get_signer_person (back), ==, "person-sekretaris");
  g_assert_cmpstr (loket_letter_draft_get_signer_delegation (back), ==, "a.n.");
  parties = loket_letter_fields_get_table (loket_letter_draft_get_fields (back), "parties");
  g_assert_nonnull (parties);
  g_assert_cmpuint (parties->len, ==, 2);

  /* the copy is independent */
  copy = loket_letter_draft_copy (back);
  loket_letter_draft_set_paragraph (copy, 0, "lain");
  g_assert_cmpstr (loket_letter_draft_get_paragraph (back, 3), ==,
                   loket_letter_draft_get_paragraph (copy, 3));
  g_assert_cmpstr (loket_letter_draft_get_paragraph (back, 0), !=, "lain");

  /* members this version does not know survive a round trip */
  node = loket_letter_draft_to_json (back);
  json_object_set_string_member (json_node_get_object (node), "future_member", "kept");
  with_extra = json_to_string (node, FALSE);
  g_clear_object (&copy);
  copy = loket_letter_draft_new_from_data (with_extra, -1, &error);
  g_assert_no_error (error);
  extra_again = loket_letter_draft_to_data (copy);
  g_assert_nonnull (strstr (extra_again, "\"future_member\":\"kept\""));

  /* no paragraphs: the template's own */
  {
    g_autoptr (LoketLetterDraft) bare = NULL;
    g_autoptr (JsonNode) root = loket_letter_draft_to_json (draft);

    json_object_remove_member (json_node_get_object (root), "paragraphs");
    bare = loket_letter_draft_new_from_json (root, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (loket_letter_draft_get_n_paragraphs (bare), ==, 4);
    g_assert_cmpstr (loket_letter_draft_get_paragraph (bare, 3), ==,
                     "Demikian rekomendasi ini dibuat untuk dipergunakan sebagaimana mestinya.");
  }
}

static void
assert_bad (LoketLetterDraft *good, const char *member, const char *value_json, const char *path)
{
  g_autoptr (JsonNode) root = loket_letter_draft_to_json (good);
  g_autoptr (JsonNode) value = json_from_string (value_json, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetterDraft) draft = NULL;
  g_auto (GStrv) parts = g_strsplit (member, ".", 2);
  JsonObject *object = json_node_get_object (root);

  g_assert_nonnull (value);
  if (parts[1] != NULL)
    object = json_object_get_object_member (object, parts[0]);
  json_object_set_member (object, parts[1] != NULL ? parts[1] : parts[0], g_steal_pointer (&value));
  draft = loket_letter_draft_new_from_json (root, &error);
  g_assert_null (draft);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  if (strstr (error->message, path) == NULL)
    g_error ("“%s” does not name %s", error->message, path);
}

static void
test_bad_json (void)
{
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", TRUE);
  g_autoptr (LoketLetterDraft) good = draft_for_case (tc, "rekomendasi");
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketLetterDraft) draft = NULL;

  draft = loket_letter_draft_new_from_data ("{\"kind\": ", -1, &error);
  g_assert_null (draft);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "not valid JSON"));
  g_clear_error (&error);
  draft = loket_letter_draft_new_from_data ("[1]", -1, &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "at $:"));
  g_clear_error (&error);

  assert_bad (good, "kind", "\"no_such_kind\"", "$.kind");
  assert_bad (good, "kind", "\"../../etc/passwd\"", "$.kind");
  assert_bad (good, "kind", "7", "$.kind");
  assert_bad (good, "paper", "\"b5\"", "$.paper");
  assert_bad (good, "fields", "[]", "$.fields");
  assert_bad (good, "fields.hal", "12", "$.fields.hal");
  assert_bad (good, "fields.Bad-Name", "\"x\"", "$.fields.Bad-Name");
  assert_bad (good, "tables.parties", "[[\"1\", 2]]", "$.tables.parties[0][1]");
  assert_bad (good, "tables.parties", "{}", "$.tables.parties");
  assert_bad (good, "paragraphs", "[\"only one\"]", "$.paragraphs");
  assert_bad (good, "paragraphs", "[\"a\", \"b\", null, \"d\"]", "$.paragraphs[2]");
  assert_bad (good, "signer", "{\"person\": \"p\", \"delegation\": \"kata\"}",
              "$.signer.delegation");
  assert_bad (good, "signer", "{}", "$.signer.person");
  /* a field the template needs is missing: named with the template's own message */
  {
    g_autoptr (JsonNode) root = loket_letter_draft_to_json (good);

    json_object_remove_member (
      json_object_get_object_member (json_node_get_object (root), "fields"), "agency_name");
    draft = loket_letter_draft_new_from_json (root, &error);
    g_assert_null (draft);
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (error->message, "$.fields"));
    g_assert_nonnull (strstr (error->message, "agency_name"));
    g_clear_error (&error);
  }

  /* an unknown kind from fields */
  {
    g_autoptr (LoketLetterFields) fields = loket_letter_fields_new ();

    draft = loket_letter_draft_new_from_fields ("tidak_ada", fields, &error);
    g_assert_null (draft);
    g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  }
}

static void
test_paragraph_in_pdf (void)
{
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", TRUE);
  g_autoptr (LoketLetterDraft) draft = draft_for_case (tc, "rekomendasi");
  g_autoptr (LoketLetter) letter = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;

  loket_letter_draft_set_paragraph (draft, 1,
                                    "Setelah rapat koordinasi tim teknis kami menyetujui "
                                    "permohonan ini tanpa catatan tambahan.");
  loket_letter_fields_set (loket_letter_draft_get_fields (draft), "hal", "Rekomendasi Uji Konsep");
  letter = loket_letter_draft_build_letter (draft, "draft-test-id", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loket_letter_get_id (letter), ==, "draft-test-id");
  pdf = loket_letter_render (letter, loket_letter_draft_get_paper (draft), &error);
  g_assert_no_error (error);
  raw = letters_test_pdf_text (pdf);
  text = squash (raw);
  g_assert_nonnull (strstr (text, "Setelah rapat koordinasi tim teknis kami menyetujui"));
  g_assert_nonnull (strstr (text, "Rekomendasi Uji Konsep"));
  /* the template's own second paragraph is gone; the others stay */
  g_assert_null (strstr (text, "Berdasarkan hasil pemeriksaan berkas"));
  g_assert_nonnull (strstr (text, "Demikian rekomendasi ini dibuat"));
}

static void
test_diff (void)
{
  g_autoptr (LettersTestCase) tc = letters_test_case_new (AKAD, "surat", TRUE);
  g_autoptr (LoketLetterDraft) a = draft_for_case (tc, "rekomendasi");
  g_autoptr (LoketLetterDraft) b = loket_letter_draft_copy (a);
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (GPtrArray) two = NULL;

  none = loket_letter_draft_diff_paragraphs (a, b);
  g_assert_cmpuint (none->len, ==, 0);
  loket_letter_draft_set_paragraph (b, 1, "lain");
  loket_letter_draft_set_paragraph (b, 3, "juga lain");
  /* a field change is not a paragraph change */
  loket_letter_fields_set (loket_letter_draft_get_fields (b), "hal", "Hal lain");
  two = loket_letter_draft_diff_paragraphs (a, b);
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_ptr_array_index (two, 0)), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_ptr_array_index (two, 1)), ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loket/letters/draft/round-trip", test_round_trip);
  g_test_add_func ("/loket/letters/draft/bad-json", test_bad_json);
  g_test_add_func ("/loket/letters/draft/paragraph-in-pdf", test_paragraph_in_pdf);
  g_test_add_func ("/loket/letters/draft/diff", test_diff);
  return g_test_run ();
}
