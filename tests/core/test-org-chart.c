// SPDX-License-Identifier: GPL-3.0-or-later
// Tests for the org chart: the shipped agencies, lookups and strict validation of bad files.
#include "config.h"

#include "loket-error.h"
#include "loket-id-numbers.h"
#include "loket-org-chart.h"

#include <glib/gstdio.h>
#include <string.h>

/* Every id of UNITS.md, with its kind. */
static const struct
{
  const char   *id;
  LoketUnitKind kind;
} fixed_units[] = {
  { "kopnakertrans-ntt", LOKET_UNIT_AGENCY },
  { "kopnakertrans-ntt/sekretariat", LOKET_UNIT_SECRETARIAT },
  { "kopnakertrans-ntt/subbag-pde", LOKET_UNIT_SUBDIVISION },
  { "kopnakertrans-ntt/subbag-keuangan", LOKET_UNIT_SUBDIVISION },
  { "kopnakertrans-ntt/subbag-umum", LOKET_UNIT_SUBDIVISION },
  { "kopnakertrans-ntt/bidang-kelembagaan-koperasi", LOKET_UNIT_DIVISION },
  { "kopnakertrans-ntt/seksi-kelembagaan-koperasi", LOKET_UNIT_SECTION },
  { "kopnakertrans-ntt/seksi-pengawasan-koperasi", LOKET_UNIT_SECTION },
  { "kopnakertrans-ntt/seksi-penilaian-kesehatan", LOKET_UNIT_SECTION },
  { "kopnakertrans-ntt/bidang-pemberdayaan-kukm", LOKET_UNIT_DIVISION },
  { "kopnakertrans-ntt/seksi-fasilitasi-usaha", LOKET_UNIT_SECTION },
  { "kopnakertrans-ntt/seksi-sdm-kukm", LOKET_UNIT_SECTION },
  { "kopnakertrans-ntt/seksi-pengembangan-promosi", LOKET_UNIT_SECTION },
  { "kopnakertrans-ntt/bidang-ketenagakerjaan", LOKET_UNIT_DIVISION },
  { "kopnakertrans-ntt/seksi-p3tk", LOKET_UNIT_SECTION },
  { "kopnakertrans-ntt/seksi-pengawasan-naker", LOKET_UNIT_SECTION },
  { "kopnakertrans-ntt/seksi-ipk-phi", LOKET_UNIT_SECTION },
  { "kopnakertrans-ntt/bidang-ketransmigrasian", LOKET_UNIT_DIVISION },
  { "kopnakertrans-ntt/seksi-pengembangan-kawasan", LOKET_UNIT_SECTION },
  { "kopnakertrans-ntt/seksi-pembinaan-sosbud", LOKET_UNIT_SECTION },
  { "kopnakertrans-ntt/seksi-penempatan-transmigrasi", LOKET_UNIT_SECTION },
  { "kopnakertrans-ntt/uptd-latihan-kerja", LOKET_UNIT_UPTD },
  { "kopnakertrans-ntt/uptd-subbag-tu", LOKET_UNIT_SUBDIVISION },
  { "kopnakertrans-ntt/uptd-seksi-pelatihan", LOKET_UNIT_SECTION },
  { "kopnakertrans-ntt/uptd-seksi-pengembangan", LOKET_UNIT_SECTION },
  { "dinsos-ntt", LOKET_UNIT_AGENCY },
  { "dinsos-ntt/sekretariat", LOKET_UNIT_SECRETARIAT },
  { "dinsos-ntt/subbag-umum", LOKET_UNIT_SUBDIVISION },
  { "dinsos-ntt/bidang-linjamsos", LOKET_UNIT_DIVISION },
  { "dinsos-ntt/bidang-rehsos", LOKET_UNIT_DIVISION },
  { "dinsos-ntt/bidang-dayasos", LOKET_UNIT_DIVISION },
  { "dinsos-ntt/bidang-pfm", LOKET_UNIT_DIVISION },
  { "disperinaker-klungkung", LOKET_UNIT_AGENCY },
  { "disperinaker-klungkung/sekretariat", LOKET_UNIT_SECRETARIAT },
  { "disperinaker-klungkung/bidang-perindustrian", LOKET_UNIT_DIVISION },
  { "disperinaker-klungkung/bidang-penempatan", LOKET_UNIT_DIVISION },
  { "disperinaker-klungkung/seksi-penempatan-ipk", LOKET_UNIT_SECTION },
  { "disperinaker-klungkung/bidang-pelatihan", LOKET_UNIT_DIVISION },
  { "disperinaker-klungkung/bidang-hubungan-industrial", LOKET_UNIT_DIVISION },
};

static LoketOrgChart *
default_chart (void)
{
  g_autoptr(GError) error = NULL;
  LoketOrgChart *chart = loket_org_chart_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (chart);
  return chart;
}

static void
test_fixed_units (void)
{
  g_autoptr(LoketOrgChart) chart = default_chart ();
  GPtrArray *agencies = loket_org_chart_get_agency_ids (chart);

  g_assert_cmpuint (agencies->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (agencies, 0), ==, "dinsos-ntt");
  g_assert_cmpstr (g_ptr_array_index (agencies, 1), ==, "disperinaker-klungkung");
  g_assert_cmpstr (g_ptr_array_index (agencies, 2), ==, "kopnakertrans-ntt");
  g_assert_cmpstr (loket_org_chart_get_agency_name (chart, "dinsos-ntt"), ==,
                   "Dinas Sosial Provinsi Nusa Tenggara Timur");

  for (gsize i = 0; i < G_N_ELEMENTS (fixed_units); i++)
    {
      const LoketUnit *unit = loket_org_chart_lookup_unit (chart, fixed_units[i].id);

      if (unit == NULL)
        g_error ("unit %s is missing", fixed_units[i].id);
      g_assert_cmpint (unit->kind, ==, fixed_units[i].kind);
      g_assert_cmpstr (unit->id, ==, fixed_units[i].id);
    }
  g_assert_cmpstr (loket_org_chart_lookup_unit (chart, "kopnakertrans-ntt/seksi-ipk-phi")->name, ==,
                   "Seksi Informasi Pasar Kerja dan Penyelesaian Hubungan Industrial");
  g_assert_null (loket_org_chart_lookup_unit (chart, "kopnakertrans-ntt/seksi-tidak-ada"));
  g_assert_null (loket_org_chart_get_units (chart, "tidak-ada"));
}

/* Every position has exactly one holder, each Seksi has 2–3 staff, each agency has one head,
 * one secretary and a registrar, every NIP is valid and unique. */
static void
test_staffing (void)
{
  g_autoptr(LoketOrgChart) chart = default_chart ();
  g_autoptr(GHashTable) nips = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *agencies = loket_org_chart_get_agency_ids (chart);

  for (guint a = 0; a < agencies->len; a++)
    {
      const char *agency = g_ptr_array_index (agencies, a);
      GPtrArray *units = loket_org_chart_get_units (chart, agency);
      GPtrArray *positions = loket_org_chart_get_positions (chart, agency);
      GPtrArray *people = loket_org_chart_get_people (chart, agency);
      guint heads = 0, secretaries = 0, registrars = 0;

      g_assert_cmpuint (people->len, ==, positions->len);
      for (guint i = 0; i < positions->len; i++)
        {
          const LoketPosition *position = g_ptr_array_index (positions, i);
          g_autoptr(GPtrArray) holders = loket_org_chart_get_holders (chart, position->id);

          g_assert_cmpuint (holders->len, ==, 1);
          heads += position->role == LOKET_ROLE_HEAD;
          secretaries += position->role == LOKET_ROLE_SECRETARY;
          registrars += position->role == LOKET_ROLE_REGISTRAR;
          g_assert_nonnull (loket_org_chart_lookup_unit (chart, position->unit_id));
        }
      g_assert_cmpuint (heads, ==, 1);
      g_assert_cmpuint (secretaries, ==, 1);
      g_assert_cmpuint (registrars, >=, 1);

      for (guint u = 0; u < units->len; u++)
        {
          const LoketUnit *unit = g_ptr_array_index (units, u);
          guint staff = 0, chiefs = 0;

          for (guint i = 0; i < positions->len; i++)
            {
              const LoketPosition *position = g_ptr_array_index (positions, i);
              if (!g_str_equal (position->unit_id, unit->id))
                continue;
              staff += position->role == LOKET_ROLE_STAFF || position->role == LOKET_ROLE_REGISTRAR;
              chiefs += position->role != LOKET_ROLE_STAFF && position->role != LOKET_ROLE_REGISTRAR;
            }
          /* Every unit has exactly one chief position (Kepala/Sekretaris/Kasubag/Kasi). */
          if (chiefs != 1)
            g_error ("%s has %u chief positions", unit->id, chiefs);
          if (unit->kind == LOKET_UNIT_SECTION && (staff < 2 || staff > 3))
            g_error ("%s has %u staff", unit->id, staff);
        }

      for (guint i = 0; i < people->len; i++)
        {
          const LoketPerson *person = g_ptr_array_index (people, i);
          g_autoptr(GError) error = NULL;

          g_assert_true (loket_nip_validate (person->nip, &error));
          g_assert_no_error (error);
          g_assert_false (g_hash_table_contains (nips, person->nip));
          g_hash_table_add (nips, person->nip);
          g_assert_true (loket_org_chart_lookup_person (chart, person->id) == person);
        }
    }
}

static void
test_ranks_follow_echelon (void)
{
  g_autoptr(LoketOrgChart) chart = default_chart ();
  const LoketPerson *kadis = NULL;
  const LoketPosition *position;
  GPtrArray *people = loket_org_chart_get_people (chart, "kopnakertrans-ntt");

  for (guint i = 0; i < people->len; i++)
    {
      const LoketPerson *person = g_ptr_array_index (people, i);

      position = loket_org_chart_lookup_position (chart, person->position_id);
      g_assert_nonnull (position);
      if (position->role == LOKET_ROLE_HEAD)
        kadis = person;
      /* Structural officials (eselon II–IV) hold at least III/c, staff at most IV/a. */
      if (position->role != LOKET_ROLE_STAFF && position->role != LOKET_ROLE_REGISTRAR)
        g_assert_true (g_str_has_prefix (person->grade, "IV/") || g_str_equal (person->grade, "III/c")
                       || g_str_equal (person->grade, "III/d"));
      else
        g_assert_false (g_str_has_prefix (person->grade, "IV/"));
    }
  g_assert_nonnull (kadis);
  g_assert_cmpstr (kadis->grade, ==, "IV/c");
  g_assert_cmpstr (kadis->rank, ==, "Pembina Utama Muda");
}

static void
test_division (void)
{
  g_autoptr(LoketOrgChart) chart = default_chart ();
  struct
  {
    const char *unit;
    const char *division;
  } cases[] = {
    { "kopnakertrans-ntt/seksi-p3tk", "kopnakertrans-ntt/bidang-ketenagakerjaan" },
    { "kopnakertrans-ntt/bidang-ketenagakerjaan", "kopnakertrans-ntt/bidang-ketenagakerjaan" },
    { "kopnakertrans-ntt/subbag-pde", "kopnakertrans-ntt/sekretariat" },
    { "kopnakertrans-ntt/uptd-seksi-pelatihan", "kopnakertrans-ntt/uptd-latihan-kerja" },
    { "kopnakertrans-ntt/uptd-subbag-tu", "kopnakertrans-ntt/uptd-latihan-kerja" },
    { "disperinaker-klungkung/seksi-penempatan-ipk", "disperinaker-klungkung/bidang-penempatan" },
    { "dinsos-ntt/subbag-umum", "dinsos-ntt/sekretariat" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const LoketUnit *division = loket_org_chart_get_division (chart, cases[i].unit);
      g_assert_nonnull (division);
      g_assert_cmpstr (division->id, ==, cases[i].division);
    }
  g_assert_null (loket_org_chart_get_division (chart, "kopnakertrans-ntt"));
  g_assert_null (loket_org_chart_get_division (chart, "kopnakertrans-ntt/tidak-ada"));
}

static void
test_role_and_kind_strings (void)
{
  LoketRole role;
  LoketUnitKind kind;

  for (int i = LOKET_ROLE_HEAD; i <= LOKET_ROLE_REGISTRAR; i++)
    {
      g_assert_true (loket_role_from_string (loket_role_to_string ((LoketRole) i), &role));
      g_assert_cmpint (role, ==, i);
    }
  for (int i = LOKET_UNIT_AGENCY; i <= LOKET_UNIT_UPTD; i++)
    {
      g_assert_true (loket_unit_kind_from_string (loket_unit_kind_to_string ((LoketUnitKind) i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_false (loket_role_from_string ("kepala", &role));
  g_assert_false (loket_role_from_string (NULL, &role));
  g_assert_false (loket_unit_kind_from_string ("bidang", &kind));
}

static const char base_doc[] =
  "{\"agency\":\"demo\",\"name\":\"Dinas Demo\",\"units\":["
  "{\"id\":\"demo\",\"parent\":null,\"name\":\"Dinas Demo\",\"kind\":\"agency\"},"
  "{\"id\":\"demo/sekretariat\",\"parent\":\"demo\",\"name\":\"Sekretariat\",\"kind\":\"secretariat\"},"
  "{\"id\":\"demo/bidang-a\",\"parent\":\"demo\",\"name\":\"Bidang A\",\"kind\":\"division\"},"
  "{\"id\":\"demo/seksi-a1\",\"parent\":\"demo/bidang-a\",\"name\":\"Seksi A1\",\"kind\":\"section\"}],"
  "\"positions\":["
  "{\"id\":\"demo/kadis\",\"unit\":\"demo\",\"title\":\"Kepala Dinas\",\"role\":\"head\"},"
  "{\"id\":\"demo/staf-a1\",\"unit\":\"demo/seksi-a1\",\"title\":\"Pengantar Kerja\",\"role\":\"staff\"}],"
  "\"people\":["
  "{\"id\":\"demo/p1\",\"position\":\"demo/kadis\",\"name\":\"Fiktif Satu\","
  "\"nip\":\"197001011995031001\",\"rank\":\"Pembina Utama Muda\",\"grade\":\"IV/c\"},"
  "{\"id\":\"demo/p2\",\"position\":\"demo/staf-a1\",\"name\":\"Fiktif Dua\","
  "\"nip\":\"199002022015032002\",\"rank\":\"Penata Muda\",\"grade\":\"III/a\"}]}";

static char *
make_dir_with (const char *name,
               const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("loket-org-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static LoketOrgChart *
load_text (const char *contents,
           GError    **error)
{
  g_autofree char *dir = make_dir_with ("demo.json", contents);
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  LoketOrgChart *chart = loket_org_chart_new_from_directory (file, error);

  remove_dir (dir);
  return chart;
}

/* Replaces the first @old in the base document with @new, loads it and checks the error. */
static void
assert_mutation_fails (const char *old,
                       const char *new,
                       const char *expected)
{
  g_autoptr(GString) doc = g_string_new (base_doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOrgChart) chart = NULL;
  const char *at = strstr (doc->str, old);

  g_assert_nonnull (at);
  g_string_erase (doc, at - doc->str, (gssize) strlen (old));
  g_string_insert (doc, at - doc->str, new);

  chart = load_text (doc->str, &error);
  g_assert_null (chart);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("got “%s”, expected “%s…”", error->message, expected);
}

static void
test_valid_minimal_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketOrgChart) chart = load_text (base_doc, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (loket_org_chart_get_units (chart, "demo")->len, ==, 4);
  g_assert_cmpstr (loket_org_chart_lookup_unit (chart, "demo/seksi-a1")->short_name, ==, "Seksi A1");
  g_assert_cmpstr (loket_org_chart_lookup_person (chart, "demo/p2")->position_id, ==, "demo/staf-a1");
}

static void
test_malformed_files (void)
{
  assert_mutation_fails ("\"parent\":\"demo/bidang-a\"", "\"parent\":\"demo/bidang-x\"",
                         "demo.json: $.units[3].parent: unknown unit “demo/bidang-x”");
  assert_mutation_fails ("\"id\":\"demo/bidang-a\"", "\"id\":\"lain/bidang-a\"",
                         "demo.json: $.units[2].id: “lain/bidang-a” is not of the form");
  assert_mutation_fails ("\"parent\":\"demo/bidang-a\"", "\"parent\":\"demo/sekretariat\"",
                         "demo.json: $.units[3].parent: a unit of kind “section” cannot be under");
  assert_mutation_fails ("\"kind\":\"secretariat\"", "\"kind\":\"agency\"",
                         "demo.json: $.units[1]: only one unit");
  assert_mutation_fails ("\"kind\":\"division\"", "\"kind\":\"bidang\"",
                         "demo.json: $.units[2].kind: unknown unit kind “bidang”");
  assert_mutation_fails ("\"name\":\"Bidang A\"", "\"nama\":\"Bidang A\"",
                         "demo.json: $.units[2].name: missing");
  assert_mutation_fails ("{\"id\":\"demo\",\"parent\":null,\"name\":\"Dinas Demo\",\"kind\":\"agency\"},", "",
                         "demo.json: $.units: no agency root unit “demo”");
  assert_mutation_fails ("\"unit\":\"demo/seksi-a1\"", "\"unit\":\"demo/seksi-zz\"",
                         "demo.json: $.positions[1].unit: unknown unit “demo/seksi-zz”");
  assert_mutation_fails ("\"role\":\"staff\"", "\"role\":\"boss\"",
                         "demo.json: $.positions[1].role: unknown role “boss”");
  assert_mutation_fails ("{\"id\":\"demo/staf-a1\"", "{\"id\":\"demo/kadis\"",
                         "demo.json: $.positions[1].id: duplicate id “demo/kadis”");
  assert_mutation_fails ("\"position\":\"demo/staf-a1\"", "\"position\":\"demo/staf-zz\"",
                         "demo.json: $.people[1].position: unknown position “demo/staf-zz”");
  assert_mutation_fails ("199002022015032002", "19900202201503200",
                         "demo.json: $.people[1].nip: NIP must have 18 digits");
  assert_mutation_fails ("199002022015032002", "199002022015033002",
                         "demo.json: $.people[1].nip: NIP digit 15 must be 1 (man) or 2 (woman)");
  assert_mutation_fails ("199002022015032002", "199002022005032002",
                         "demo.json: $.people[1].nip: NIP appointment date is before");
  assert_mutation_fails ("199002022015032002", "197001011995031001",
                         "demo.json: $.people[1].nip: same NIP as “demo/p1”");
  assert_mutation_fails ("\"rank\":\"Penata Muda\"", "\"rank\":\"Penata\"",
                         "demo.json: $.people[1].rank: pangkat “Penata” does not match golongan III/a");
  assert_mutation_fails ("\"grade\":\"III/a\"", "\"grade\":\"III/f\"",
                         "demo.json: $.people[1].grade: unknown golongan “III/f”");
  assert_mutation_fails ("\"agency\":\"demo\"", "\"agency\":\"lain\"",
                         "demo.json: $.agency: agency “lain” does not match the file name");
  assert_mutation_fails ("\"people\"", "\"orang\"", "demo.json: $.people: not an array");
  assert_mutation_fails ("\"kind\":\"division\"", "\"kind\":\"division\",\"inferred\":\"ya\"",
                         "demo.json: $.units[2].inferred: not true or false");
  assert_mutation_fails ("{\"agency\"", "[{\"agency\"", "demo.json: $: ");
}

static void
test_org_dir_override (void)
{
  g_autofree char *dir = make_dir_with ("demo.json", base_doc);
  g_autofree char *empty = NULL;
  g_autoptr(LoketOrgChart) chart = NULL;
  g_autoptr(LoketOrgChart) none = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("LOKET_ORG_DIR", dir, TRUE);
  chart = loket_org_chart_new_default (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (loket_org_chart_get_agency_ids (chart)->len, ==, 1);
  g_assert_nonnull (loket_org_chart_lookup_unit (chart, "demo/seksi-a1"));
  g_assert_null (loket_org_chart_lookup_unit (chart, "kopnakertrans-ntt"));

  empty = g_dir_make_tmp ("loket-org-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("LOKET_ORG_DIR", empty, TRUE);
  none = loket_org_chart_new_default (&error);
  g_assert_null (none);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  g_unsetenv ("LOKET_ORG_DIR");

  remove_dir (dir);
  remove_dir (empty);
}

static void
test_head_position (void)
{
  g_autoptr (LoketOrgChart) chart = default_chart ();
  const LoketPosition *head = loket_org_chart_get_head_position (chart, "kopnakertrans-ntt");

  g_assert_nonnull (head);
  g_assert_cmpstr (head->id, ==, "kopnakertrans-ntt/kadis");
  g_assert_cmpint (head->role, ==, LOKET_ROLE_HEAD);
  g_assert_null (loket_org_chart_get_head_position (chart, "no-such-agency"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("LOKET_ORG_DIR");

  g_test_add_func ("/loket/core/org-chart/fixed-units", test_fixed_units);
  g_test_add_func ("/loket/core/org-chart/head-position", test_head_position);
  g_test_add_func ("/loket/core/org-chart/staffing", test_staffing);
  g_test_add_func ("/loket/core/org-chart/ranks-follow-echelon", test_ranks_follow_echelon);
  g_test_add_func ("/loket/core/org-chart/division", test_division);
  g_test_add_func ("/loket/core/org-chart/role-and-kind-strings", test_role_and_kind_strings);
  g_test_add_func ("/loket/core/org-chart/valid-minimal-file", test_valid_minimal_file);
  g_test_add_func ("/loket/core/org-chart/malformed-files", test_malformed_files);
  g_test_add_func ("/loket/core/org-chart/org-dir-override", test_org_dir_override);

  return g_test_run ();
}
