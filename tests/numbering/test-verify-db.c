// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-cli verify --db`: the letter id read back from a rendered (and signed) PDF is matched
// offline against the database's numbers and events; loket_letter_id_from_pdf() on its own.
#include "config.h"

#include <json-glib/json-glib.h>

#include "loket-letter-pdf-id.h"
#include "pades-fixture.h"

static char *
cli_path (void)
{
  return g_build_filename (g_getenv ("LOKET_BUILD_ROOT"), "src", "cli", "loket-cli", NULL);
}

static JsonObject *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  const char *start = strchr (text, '{');

  g_assert_nonnull (start);
  g_assert_true (json_parser_load_from_data (parser, start, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
id_of (const char *text)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  return loket_letter_id_from_pdf (bytes);
}

static void
test_id_from_pdf (void)
{
  g_autofree char *a = id_of ("%PDF-1.5\n<< /Title (x) /Subject (4a3e-11) >>\n");
  g_autofree char *b = id_of ("<< /Subject <FEFF00610062> >>");
  g_autofree char *c = id_of ("<< /Subject (old) >> ... << /Subject (new\\051) >>");
  g_autofree char *d = id_of ("<< /Subject (two words) >>");
  g_autofree char *e = id_of ("<< /Title (no subject) >>");
  g_autofree char *f = id_of ("<< /Subject (unterminated");
  g_autofree char *g = id_of ("<< /Subject <4142> >>");

  g_assert_cmpstr (a, ==, "4a3e-11");
  g_assert_cmpstr (b, ==, "ab");
  g_assert_cmpstr (c, ==, "new)");
  g_assert_null (d);
  g_assert_null (e);
  g_assert_null (f);
  g_assert_cmpstr (g, ==, "AB");
}

static int
current_year (void)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr (GDateTime) now = g_date_time_new_now (tz);

  return g_date_time_get_year (now);
}

static void
test_verify_db (void)
{
  PadesFixture *fx = pades_fixture_new ();
  g_autofree char *cli = cli_path ();
  g_autofree char *db = pades_fixture_path (fx, "loket.db");
  g_autofree char *other_db = pades_fixture_path (fx, "other.db");
  g_autofree char *letter_pdf = pades_fixture_path (fx, "rendered.pdf");
  g_autofree char *signed_pdf = pades_fixture_path (fx, "signed.pdf");
  g_autofree char *out = NULL;
  g_autofree char *case_uuid = NULL;
  g_autofree char *letter_id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *year = g_strdup_printf ("%d", current_year ());
  g_autoptr (JsonObject) cases = NULL;
  g_autoptr (JsonObject) result = NULL;
  JsonArray *list;
  JsonObject *letter;

  g_assert_cmpint (loket_test_run_tool (&out, cli, "demo", "--db", db, "--cases", "6", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, cli, "cases", "--db", db, "--json", NULL), ==, 0);
  cases = parse (out);
  list = json_object_get_array_member (cases, "cases");
  for (guint i = 0; i < json_array_get_length (list) && case_uuid == NULL; i++)
    {
      JsonObject *c = json_array_get_object_element (list, i);

      if (g_str_equal (json_object_get_string_member (c, "agency"), "kopnakertrans-ntt"))
        case_uuid = g_strdup (json_object_get_string_member (c, "uuid"));
    }
  g_assert_nonnull (case_uuid);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, cli, "letter", "--db", db, "--case", case_uuid, "--kind",
                              "rekomendasi", "-o", letter_pdf, NULL), ==, 0);

  /* rendered, not numbered, not signed: the id is read back but the letter is unknown */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, cli, "verify", "--db", db, "--json", letter_pdf, NULL), ==, 1);
  result = parse (out);
  letter = json_object_get_object_member (result, "letter");
  g_assert_nonnull (letter);
  letter_id = g_strdup (json_object_get_string_member (letter, "id"));
  g_assert_true (g_uuid_string_is_valid (letter_id));
  g_assert_false (json_object_get_boolean_member (letter, "known"));
  g_clear_pointer (&result, json_object_unref);

  /* no block leased yet: the letter waits for a number */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, cli, "number", "--db", db, "--case", case_uuid, "--letter",
                              letter_id, "--register", "surat-keluar", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "pending"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, cli, "lease", "--db", db, "--agency", "kopnakertrans-ntt",
                              "--register", "surat-keluar", "--year", year, "--from", "41",
                              "--to", "60", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, cli, "number", "--db", db, "--case", case_uuid, "--letter",
                              letter_id, "--register", "surat-keluar", NULL), ==, 0);
  number = g_strdup_printf ("500.15.2/41/Disnakertrans/%s\n", year);
  g_assert_cmpstr (out, ==, number);
  number[strlen (number) - 1] = '\0';

  /* signed: valid, and the database knows the letter, its case and its number */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, cli, "sign", "--key", fx->signer_p12, "--password-file",
                              fx->password_file, letter_pdf, signed_pdf, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, cli, "verify", "--db", db, "--json", signed_pdf, NULL), ==, 0);
  result = parse (out);
  g_assert_true (json_object_get_boolean_member (result, "valid"));
  letter = json_object_get_object_member (result, "letter");
  g_assert_cmpstr (json_object_get_string_member (letter, "id"), ==, letter_id);
  g_assert_true (json_object_get_boolean_member (letter, "known"));
  g_assert_cmpstr (json_object_get_string_member (letter, "case"), ==, case_uuid);
  g_assert_cmpstr (json_object_get_string_member (letter, "number"), ==, number);
  g_assert_cmpstr (json_object_get_string_member (letter, "register"), ==, "surat-keluar");
  g_assert_nonnull (json_object_get_string_member (letter, "agenda_number"));
  g_clear_pointer (&result, json_object_unref);

  /* another office's database does not know it: valid signature, exit status 1 */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, cli, "demo", "--db", other_db, "--cases", "2", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, cli, "verify", "--db", other_db, "--json", signed_pdf, NULL),
                   ==, 1);
  result = parse (out);
  g_assert_true (json_object_get_boolean_member (result, "valid"));
  letter = json_object_get_object_member (result, "letter");
  g_assert_false (json_object_get_boolean_member (letter, "known"));
  g_clear_pointer (&result, json_object_unref);

  /* a tampered signed letter is reported invalid even though the letter is known */
  pades_flip_byte (signed_pdf, 200);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, cli, "verify", "--db", db, "--json", signed_pdf, NULL), ==, 1);
  result = parse (out);
  g_assert_false (json_object_get_boolean_member (result, "valid"));

  /* a PDF that is no Loket letter: no id */
  g_clear_pointer (&result, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (loket_test_run_tool (&out, cli, "verify", "--db", db, "--json", fx->input_pdf, NULL),
                   ==, 1);
  result = parse (out);
  letter = json_object_get_object_member (result, "letter");
  g_assert_true (json_object_get_null_member (letter, "id"));
  pades_fixture_free (fx);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loket/letters/pdf-id/parse", test_id_from_pdf);
  g_test_add_func ("/loket/cli/verify/db", test_verify_db);
  return g_test_run ();
}
