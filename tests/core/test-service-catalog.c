// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the service catalog: the shipped data checked against the seeds, and the strict loader.
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "loket-case-projector.h"
#include "loket-error.h"
#include "loket-intake-form.h"
#include "loket-service-catalog.h"
#include "loket-work-calendar.h"

#define K "kopnakertrans-ntt/"
#define D "dinsos-ntt/"
#define L "disperinaker-klungkung/"

static LoketServiceCatalog *
load_default (void)
{
  g_autoptr (GError) error = NULL;
  LoketServiceCatalog *catalog;

  g_unsetenv ("LOKET_CATALOG_DIR");
  catalog = loket_service_catalog_new_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (catalog);

  return catalog;
}

static LoketService *
lookup (LoketServiceCatalog *catalog, const char *id)
{
  LoketService *service = loket_service_catalog_lookup (catalog, id);

  if (service == NULL)
    g_error ("service %s is not in the catalog", id);

  return service;
}

static void
assert_channels (LoketService *service, const char *expected[])
{
  g_assert_cmpstrv (loket_service_get_channels (service), expected);
}

static void
assert_kinds (LoketService *service, const char *expected[])
{
  g_assert_cmpstrv (loket_service_get_product_kinds (service), expected);
}

static gboolean
has_defect (LoketService *service, const char *code)
{
  return g_strv_contains (loket_service_get_source_defects (service), code);
}

static LoketRequirement *
requirement (LoketService *service, const char *channel, guint index)
{
  g_autoptr (GPtrArray) list = loket_service_get_requirements (service, channel);

  g_assert_cmpuint (index, <, list->len);
  return g_ptr_array_index (list, index); /* still owned by the service */
}

static guint
n_requirements (LoketService *service, const char *channel)
{
  g_autoptr (GPtrArray) list = loket_service_get_requirements (service, channel);

  return list->len;
}

static void
assert_clause (const LoketSlaClause *clause,
               double                value_min,
               double                value_max,
               LoketSlaUnit          unit,
               LoketSlaClockStart    clock_start)
{
  g_assert_nonnull (clause);
  g_assert_cmpfloat (clause->value_min, ==, value_min);
  g_assert_cmpfloat (clause->value_max, ==, value_max);
  g_assert_cmpint (clause->unit, ==, unit);
  g_assert_cmpint (clause->clock_start, ==, clock_start);
}

static const LoketSlaClause *
stage_clause (LoketService *service, const char *stage)
{
  GPtrArray *clauses = loket_service_get_sla_clauses (service);

  for (guint i = 0; i < clauses->len; i++)
    {
      const LoketSlaClause *clause = g_ptr_array_index (clauses, i);

      if (g_strcmp0 (clause->stage, stage) == 0)
        return clause;
    }

  g_error ("no SLA stage %s in %s", stage, loket_service_get_id (service));
  return NULL;
}

/* Counts, agencies and invariants over every service */

static void
test_counts (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  GPtrArray *services = loket_service_catalog_get_services (catalog);
  GPtrArray *agencies = loket_service_catalog_get_agencies (catalog);
  guint      k = 0, d = 0, l = 0;

  g_assert_cmpuint (agencies->len, ==, 3);
  g_assert_cmpuint (services->len, ==, 35);

  for (guint i = 0; i < services->len; i++)
    {
      const char *agency = loket_service_get_agency_id (g_ptr_array_index (services, i));

      if (g_str_equal (agency, "kopnakertrans-ntt"))
        k++;
      else if (g_str_equal (agency, "dinsos-ntt"))
        d++;
      else if (g_str_equal (agency, "disperinaker-klungkung"))
        l++;
      else
        g_assert_not_reached ();
    }

  g_assert_cmpuint (k, ==, 20);
  g_assert_cmpuint (d, ==, 10);
  g_assert_cmpuint (l, ==, 5);
}

static void
test_agencies (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketAgency *k = loket_service_catalog_lookup_agency (catalog, "kopnakertrans-ntt");
  LoketAgency *d = loket_service_catalog_lookup_agency (catalog, "dinsos-ntt");
  LoketAgency *l = loket_service_catalog_lookup_agency (catalog, "disperinaker-klungkung");

  g_assert_nonnull (k);
  g_assert_nonnull (d);
  g_assert_nonnull (l);
  g_assert_null (loket_service_catalog_lookup_agency (catalog, "dinas-x"));

  g_assert_cmpstr (loket_agency_get_code (k), ==, "KTKT");
  g_assert_cmpstr (loket_agency_get_code (d), ==, "DINSOS");
  g_assert_cmpstr (loket_agency_get_code (l), ==, "DPTK");
  g_assert_cmpstr (loket_agency_get_name (k), ==,
                   "Dinas Koperasi, Tenaga Kerja dan Transmigrasi Provinsi Nusa Tenggara Timur");
  g_assert_cmpstr (loket_agency_get_name (d), ==, "Dinas Sosial Provinsi Nusa Tenggara Timur");
  g_assert_cmpstr (loket_agency_get_timezone (k), ==, "Asia/Makassar");
  g_assert_cmpstr (loket_agency_get_level (l), ==, "kabupaten");
  /* Seed 004 has no decree body: no address. */
  g_assert_null (loket_agency_get_address (l));
  g_assert_nonnull (strstr (loket_agency_get_address (k), "Basuki Rahmat Nomor 01"));
}

static void
test_every_service (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  GPtrArray *services = loket_service_catalog_get_services (catalog);

  for (guint i = 0; i < services->len; i++)
    {
      LoketService      *service = g_ptr_array_index (services, i);
      const char *const *channels = loket_service_get_channels (service);
      g_autofree char *unit_prefix = g_strconcat (loket_service_get_agency_id (service), "/", NULL);

      g_test_message ("%s", loket_service_get_id (service));
      g_assert_cmpuint (g_strv_length ((char **) channels), >=, 1);
      g_assert_true (g_str_has_prefix (loket_service_get_unit_id (service), unit_prefix));
      g_assert_nonnull (loket_service_get_fee (service));
      g_assert_cmpuint (g_strv_length ((char **) loket_service_get_product_kinds (service)), >=, 1);
      g_assert_cmpuint (loket_service_get_sla_clauses (service)->len, >=, 1);

      /* Every seed standard has a Persyaratan row, so every channel has requirements, and
       * every channel has a deadline clause. */
      for (guint c = 0; channels[c] != NULL; c++)
        {
          g_assert_cmpuint (n_requirements (service, channels[c]), >=, 1);
          g_assert_nonnull (loket_service_get_deadline_clause (service, channels[c]));
        }
    }

  /* The Dinsos seed gives no structure: units are inferred unless a procedure names the Bidang. */
  g_assert_true (
    loket_service_get_unit_inferred (lookup (catalog, D "rekomendasi-pengangkatan-anak")));
  g_assert_false (loket_service_get_unit_inferred (lookup (catalog, D "rekomendasi-izin-ugb-pub")));
}

/* The unit ids of UNITS.md (shared with the org chart) that a service may name. */
static const char *const known_units[] = {
  "kopnakertrans-ntt/sekretariat",
  "kopnakertrans-ntt/bidang-kelembagaan-koperasi",
  "kopnakertrans-ntt/seksi-kelembagaan-koperasi",
  "kopnakertrans-ntt/seksi-pengawasan-koperasi",
  "kopnakertrans-ntt/seksi-penilaian-kesehatan",
  "kopnakertrans-ntt/bidang-pemberdayaan-kukm",
  "kopnakertrans-ntt/seksi-fasilitasi-usaha",
  "kopnakertrans-ntt/seksi-sdm-kukm",
  "kopnakertrans-ntt/seksi-pengembangan-promosi",
  "kopnakertrans-ntt/bidang-ketenagakerjaan",
  "kopnakertrans-ntt/seksi-p3tk",
  "kopnakertrans-ntt/seksi-pengawasan-naker",
  "kopnakertrans-ntt/seksi-ipk-phi",
  "kopnakertrans-ntt/bidang-ketransmigrasian",
  "kopnakertrans-ntt/seksi-pengembangan-kawasan",
  "kopnakertrans-ntt/seksi-pembinaan-sosbud",
  "kopnakertrans-ntt/seksi-penempatan-transmigrasi",
  "kopnakertrans-ntt/uptd-latihan-kerja",
  "dinsos-ntt/sekretariat",
  "dinsos-ntt/bidang-linjamsos",
  "dinsos-ntt/bidang-rehsos",
  "dinsos-ntt/bidang-dayasos",
  "dinsos-ntt/bidang-pfm",
  "disperinaker-klungkung/sekretariat",
  "disperinaker-klungkung/bidang-perindustrian",
  "disperinaker-klungkung/bidang-penempatan",
  "disperinaker-klungkung/seksi-penempatan-ipk",
  "disperinaker-klungkung/bidang-pelatihan",
  "disperinaker-klungkung/bidang-hubungan-industrial",
  NULL,
};

static void
test_units_known (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  GPtrArray *services = loket_service_catalog_get_services (catalog);

  for (guint i = 0; i < services->len; i++)
    {
      LoketService *service = g_ptr_array_index (services, i);

      if (!g_strv_contains (known_units, loket_service_get_unit_id (service)))
        g_error ("%s names unit %s, which UNITS.md does not list", loket_service_get_id (service),
                 loket_service_get_unit_id (service));
    }
}

/* Spot checks against the seed text */

static void
test_akad_recommendation (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketService     *service = lookup (catalog, K "rekomendasi-rekrutmen-akad");
  const char       *channels[] = { "surat", NULL };
  const char       *kinds[] = { "rekomendasi", NULL };
  LoketRequirement *first;

  /* 000: "LAMPIRAN XVI … REKOMENDASI REKRUITMEN DAN SELEKSI CALON TENAGA KERJA … (AKAD)" */
  g_assert_cmpstr (loket_service_get_lampiran (service), ==, "XVI");
  g_assert_cmpstr (
    loket_service_get_name_source (service), ==,
    "REKOMENDASI REKRUITMEN DAN SELEKSI CALON TENAGA KERJA ANTAR KERJA ANTAR DAERAH (AKAD)");
  assert_channels (service, channels);
  g_assert_cmpstr (loket_service_get_unit_id (service), ==, K "seksi-p3tk");

  /* "a. Surat Persetujuan … (SPP_AKAD) b. … (DIK-RPTKAD); c. … d. …" */
  g_assert_cmpuint (n_requirements (service, "surat"), ==, 4);
  first = requirement (service, "surat", 0);
  g_assert_cmpstr (loket_requirement_get_id (first), ==, "r1");
  g_assert_cmpstr (loket_requirement_get_text (first), ==,
                   "Surat Persetujuan Penempatan Tenaga Kerja Antar Kerja Antar Daerah (SPP_AKAD)");
  g_assert_cmpint (loket_requirement_get_kind (first), ==, LOKET_REQUIREMENT_MANDATORY);
  g_assert_cmpstr (loket_requirement_get_product_of (first), ==,
                   K "persetujuan-penempatan-akad-akl");
  g_assert_null (loket_requirement_get_product_of (requirement (service, "surat", 1)));

  /* "21 (dua puluh satu) hari kerja sejak dokumen diterima dan dinyatakan lengkap" */
  g_assert_cmpuint (loket_service_get_sla_clauses (service)->len, ==, 1);
  assert_clause (loket_service_get_deadline_clause (service, "surat"), 21, 21,
                 LOKET_SLA_UNIT_WORKING_DAY, LOKET_SLA_START_COMPLETE);
  g_assert_cmpstr (loket_service_get_deadline_clause (service, "surat")->text, ==,
                   "21 (dua puluh satu) hari kerja sejak dokumen diterima dan dinyatakan lengkap");

  g_assert_cmpstr (loket_service_get_fee (service), ==, "Tidak dipungut biaya/gratis");
  g_assert_true (loket_service_is_free (service));
  assert_kinds (service, kinds);
  g_assert_true (has_defect (service, "field-wrong-content"));
}

static void
test_akad_approval (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketService *service = lookup (catalog, K "persetujuan-penempatan-akad-akl");
  const char   *kinds[] = { "surat_izin", NULL };

  /* "14 (empat belas) hari kerja sejak dokumen diterima dan dinyatakan lengkap" */
  g_assert_cmpstr (loket_service_get_lampiran (service), ==, "XV");
  g_assert_cmpuint (n_requirements (service, "surat"), ==, 3);
  assert_clause (loket_service_get_deadline_clause (service, "surat"), 14, 14,
                 LOKET_SLA_UNIT_WORKING_DAY, LOKET_SLA_START_COMPLETE);
  assert_kinds (service, kinds);
  /* Step 1 asks for a "Surat Rekomendasi", the product is a Surat Persetujuan. */
  g_assert_true (has_defect (service, "product-contradicts-procedure"));
}

static void
test_pengaduan_per_channel (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  const char *ids[] = { K "pengaduan-masyarakat", D "pengaduan-masyarakat" };
  const char *channels[] = { "tatap_muka", "kotak_saran", "surat", "sp4n_lapor", NULL };
  const char *kinds[] = { "none", "surat_jawaban", "other", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      LoketService     *service = lookup (catalog, ids[i]);
      LoketRequirement *ktp;

      g_assert_cmpstr (loket_service_get_lampiran (service), ==, "IV");
      assert_channels (service, channels);

      /* Waktu Pelayanan: tatap muka 15 menit; kotak saran and surat 7 hari kerja terhitung surat
       * di terima; SP4N-LAPOR! 8 hari kerja terhitung pengaduan diterima. */
      assert_clause (loket_service_get_deadline_clause (service, "tatap_muka"), 15, 15,
                     LOKET_SLA_UNIT_MINUTE, LOKET_SLA_START_RECEIPT);
      assert_clause (loket_service_get_deadline_clause (service, "kotak_saran"), 7, 7,
                     LOKET_SLA_UNIT_WORKING_DAY, LOKET_SLA_START_RECEIPT);
      assert_clause (loket_service_get_deadline_clause (service, "surat"), 7, 7,
                     LOKET_SLA_UNIT_WORKING_DAY, LOKET_SLA_START_RECEIPT);
      assert_clause (loket_service_get_deadline_clause (service, "sp4n_lapor"), 8, 8,
                     LOKET_SLA_UNIT_WORKING_DAY, LOKET_SLA_START_RECEIPT);
      g_assert_cmpstr (loket_service_get_deadline_clause (service, "tatap_muka")->channel, ==,
                       "tatap_muka");
      /* No general clause: a channel the service lacks has no deadline. */
      g_assert_null (loket_service_get_deadline_clause (service, "online"));
      g_assert_null (loket_service_get_deadline_clause (service, NULL));

      /* Each channel has its own Persyaratan: KTP at the desk, two items for letters. */
      g_assert_cmpuint (n_requirements (service, "tatap_muka"), ==, 1);
      g_assert_cmpuint (n_requirements (service, "kotak_saran"), ==, 1);
      g_assert_cmpuint (n_requirements (service, "surat"), ==, 2);
      g_assert_cmpuint (n_requirements (service, "sp4n_lapor"), ==, 1);
      g_assert_cmpuint (n_requirements (service, NULL), ==, 5);
      ktp = requirement (service, "tatap_muka", 0);
      g_assert_cmpstr (loket_requirement_get_text (ktp), ==,
                       "Menunjukkan KTP atau identitas diri lainnya yang sah.");
      g_assert_cmpstr (loket_requirement_get_channel (ktp), ==, "tatap_muka");

      assert_kinds (service, kinds);
      g_assert_true (loket_service_is_free (service));
      /* Surat steps are numbered 1, 2, 3, 4, 6. */
      g_assert_true (has_defect (service, "step-numbering-gap"));
    }

  /* Dinsos' LAMPIRAN IV header is missing in 003. */
  g_assert_true (
    has_defect (lookup (catalog, D "pengaduan-masyarakat"), "lampiran-header-missing"));
  g_assert_false (
    has_defect (lookup (catalog, K "pengaduan-masyarakat"), "lampiran-header-missing"));
}

static void
test_data_informasi (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketService         *service = lookup (catalog, K "data-informasi-publik");
  const LoketSlaClause *surat;

  /* "Melalui Media Surat : Paling lama 7 hari terhitung surat diterima oleh Dinas komunikasi dan
   * informatika": plain hari, and the wrong agency. */
  surat = loket_service_get_deadline_clause (service, "surat");
  assert_clause (surat, 7, 7, LOKET_SLA_UNIT_DAY, LOKET_SLA_START_RECEIPT);
  g_assert_nonnull (strstr (surat->text, "Dinas komunikasi dan informatika"));
  assert_clause (loket_service_get_deadline_clause (service, "sp4n_lapor"), 8, 8,
                 LOKET_SLA_UNIT_DAY, LOKET_SLA_START_RECEIPT);
  g_assert_true (has_defect (service, "sla-clock-names-other-agency"));
  g_assert_cmpuint (n_requirements (service, "surat"), ==, 2);
}

static void
test_pelatihan_staged (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketService         *service = lookup (catalog, K "pelatihan-kerja");
  const char           *kinds[] = { "sertifikat", "none", NULL };
  GPtrArray            *clauses = loket_service_get_sla_clauses (service);
  const LoketSlaClause *clause;

  g_assert_cmpstr (loket_service_get_lampiran (service), ==, "XX");
  g_assert_cmpstr (loket_service_get_unit_id (service), ==, K "uptd-latihan-kerja");
  g_assert_false (loket_service_get_unit_inferred (service));

  /* "Seleksi : 1 Minggu • Pelaksanaan Pelatihan : 40 – 340 jam pelajaran. • Pemagangan :
   * 2 minggu – 2 bulan • Uji kompetensi : 2 – 5 hari" */
  g_assert_cmpuint (clauses->len, ==, 4);
  for (guint i = 0; i < clauses->len; i++)
    g_assert_nonnull (((LoketSlaClause *) g_ptr_array_index (clauses, i))->stage);
  assert_clause (stage_clause (service, "seleksi"), 1, 1, LOKET_SLA_UNIT_WEEK,
                 LOKET_SLA_START_RECEIPT);
  clause = stage_clause (service, "pelatihan");
  assert_clause (clause, 40, 340, LOKET_SLA_UNIT_LESSON_HOUR, LOKET_SLA_START_EVENT);
  g_assert_nonnull (clause->start_event);
  assert_clause (stage_clause (service, "pemagangan"), 0.5, 2, LOKET_SLA_UNIT_MONTH,
                 LOKET_SLA_START_EVENT);
  g_assert_cmpstr (stage_clause (service, "pemagangan")->text, ==,
                   "Pemagangan : 2 minggu – 2 bulan");
  assert_clause (stage_clause (service, "uji_kompetensi"), 2, 5, LOKET_SLA_UNIT_DAY,
                 LOKET_SLA_START_EVENT);
  g_assert_true (has_defect (service, "sla-mixed-unit-range"));

  /* No whole-service clause: the first stage sets the deadline. */
  g_assert_true (loket_service_get_deadline_clause (service, "surat")
                 == stage_clause (service, "seleksi"));

  /* 6 numbered requirements, "1. Fotocopy KTP; … 6. Surat Keterangan tidak Sekolah/Kuliah/Kerja;"
   */
  g_assert_cmpuint (n_requirements (service, "surat"), ==, 6);
  g_assert_cmpstr (loket_requirement_get_text (requirement (service, "surat", 0)), ==,
                   "Fotocopy KTP");
  g_assert_cmpstr (loket_requirement_get_text (requirement (service, "surat", 5)), ==,
                   "Surat Keterangan tidak Sekolah/Kuliah/Kerja");
  /* "Dipungut biaya" for shared-funding and self-funded training. */
  g_assert_false (loket_service_is_free (service));
  assert_kinds (service, kinds);
  /* Not in the decree's KEDUA list. */
  g_assert_true (has_defect (service, "not-listed-in-decree"));
}

static void
test_staged_with_total (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketService *magang = lookup (catalog, K "pemagangan-dalam-negeri");
  LoketService *transmigran = lookup (catalog, K "seleksi-penempatan-transmigran");
  LoketService *narasumber = lookup (catalog, K "penyediaan-narasumber");
  const char   *rujukan[] = { "rujukan_instansi", NULL };

  /* XVII: "5 (lima) Bulan, 1 Bulan Praktek Teori, 4 (Empat) Bulan Praktek Kerja Pemagangan di
   * Perusahaan": the total is the deadline. */
  assert_clause (loket_service_get_deadline_clause (magang, "tatap_muka"), 5, 5,
                 LOKET_SLA_UNIT_MONTH, LOKET_SLA_START_RECEIPT);
  g_assert_null (loket_service_get_deadline_clause (magang, "tatap_muka")->stage);
  assert_clause (stage_clause (magang, "teori"), 1, 1, LOKET_SLA_UNIT_MONTH,
                 LOKET_SLA_START_RECEIPT);
  assert_clause (stage_clause (magang, "praktek_kerja"), 4, 4, LOKET_SLA_UNIT_MONTH,
                 LOKET_SLA_START_EVENT);

  /* XIX: "Pelaksanaan proses Seleksi calon Transmigran : ±6 bulan; • Penempatan : 5 (lima) hari."
   */
  assert_channels (transmigran, rujukan);
  g_assert_true (stage_clause (transmigran, "seleksi")->approximate);
  assert_clause (stage_clause (transmigran, "seleksi"), 6, 6, LOKET_SLA_UNIT_MONTH,
                 LOKET_SLA_START_RECEIPT);
  assert_clause (stage_clause (transmigran, "penempatan"), 5, 5, LOKET_SLA_UNIT_DAY,
                 LOKET_SLA_START_EVENT);
  g_assert_false (stage_clause (transmigran, "penempatan")->approximate);

  /* III: "Surat jawaban kesediaan narasumber paling lama 7 (tujuh) Hari Kerja/ …;
   * Penyampaian materi : sesuai permohonan." Transport borne by the applicant: not free. */
  assert_clause (loket_service_get_deadline_clause (narasumber, "surat"), 7, 7,
                 LOKET_SLA_UNIT_WORKING_DAY, LOKET_SLA_START_RECEIPT);
  g_assert_cmpint (stage_clause (narasumber, "penyampaian_materi")->unit, ==,
                   LOKET_SLA_UNIT_UNSPECIFIED);
  g_assert_false (loket_service_is_free (narasumber));
  g_assert_true (has_defect (narasumber, "sla-dual-deadline"));
}

static void
test_contradictory_products (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketService     *cabang = lookup (catalog, K "pembukaan-kantor-cabang-koperasi");
  LoketService     *pp = lookup (catalog, K "pengesahan-peraturan-perusahaan");
  const char       *pengantar[] = { "surat_pengantar", NULL };
  const char       *keputusan[] = { "surat_keputusan", NULL };
  LoketRequirement *usul;

  /* VII: "30 Hari kerja"; product Surat Pengantar although step 6 issues a "surat ijin". */
  assert_clause (loket_service_get_deadline_clause (cabang, "surat"), 30, 30,
                 LOKET_SLA_UNIT_WORKING_DAY, LOKET_SLA_START_RECEIPT);
  assert_kinds (cabang, pengantar);
  g_assert_true (has_defect (cabang, "product-contradicts-procedure"));
  g_assert_cmpuint (n_requirements (cabang, "surat"), ==, 10);
  /* The procedure names the "Bidang kelembagaan dan pengawasan koperasi". */
  g_assert_cmpstr (loket_service_get_unit_id (cabang), ==, K "bidang-kelembagaan-koperasi");
  g_assert_false (loket_service_get_unit_inferred (cabang));

  /* XII: "14 (empat belas) hari kerja."; Surat Keterangan vs Surat Keputusan. */
  assert_clause (loket_service_get_deadline_clause (pp, "surat"), 14, 14,
                 LOKET_SLA_UNIT_WORKING_DAY, LOKET_SLA_START_RECEIPT);
  assert_kinds (pp, keputusan);
  g_assert_true (has_defect (pp, "product-contradicts-procedure"));
  g_assert_cmpuint (n_requirements (pp, "surat"), ==, 8);
  usul = requirement (pp, "surat", 5);
  g_assert_cmpint (loket_requirement_get_kind (usul), ==, LOKET_REQUIREMENT_CONDITIONAL);
  g_assert_cmpstr (loket_requirement_get_condition (usul), ==,
                   "bagi peraturan perusahaan yang akan diperbaharui");
}

static void
test_hak_normatif (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketService *service = lookup (catalog, K "pengaduan-hak-normatif");

  /* "30 Hari": plain days, flagged as unclear. */
  assert_clause (loket_service_get_deadline_clause (service, "surat"), 30, 30, LOKET_SLA_UNIT_DAY,
                 LOKET_SLA_START_RECEIPT);
  g_assert_true (has_defect (service, "sla-unit-unclear"));
  g_assert_cmpuint (n_requirements (service, "surat"), ==, 7);
}

static void
test_dinsos_ugb (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketService     *service = lookup (catalog, D "rekomendasi-izin-ugb-pub");
  const char       *kinds[] = { "rekomendasi", NULL };
  LoketRequirement *luar_negeri, *siup;

  /* 003 Lampiran V: 10 numbered requirements, 4 and 8 only for some applicants. */
  g_assert_cmpstr (loket_service_get_lampiran (service), ==, "V");
  g_assert_cmpuint (n_requirements (service, "surat"), ==, 10);
  luar_negeri = requirement (service, "surat", 3);
  g_assert_cmpint (loket_requirement_get_kind (luar_negeri), ==, LOKET_REQUIREMENT_CONDITIONAL);
  g_assert_cmpstr (loket_requirement_get_text (luar_negeri), ==,
                   "Untuk penyelenggaraan undian yang berasal dari luar negeri harus diajukan oleh "
                   "organisasi/perwakilan yang berkedudukan di Indonesia");
  siup = requirement (service, "surat", 7);
  g_assert_cmpint (loket_requirement_get_kind (siup), ==, LOKET_REQUIREMENT_CONDITIONAL);
  g_assert_cmpint (loket_requirement_get_kind (requirement (service, "surat", 0)), ==,
                   LOKET_REQUIREMENT_MANDATORY);

  /* "3 (tiga) hari kerja setelah berkas persyaratan dinyatakan lengkap dan benar." */
  assert_clause (loket_service_get_deadline_clause (service, "surat"), 3, 3,
                 LOKET_SLA_UNIT_WORKING_DAY, LOKET_SLA_START_COMPLETE);
  /* Fees to the ministry: Rp.200.000 and Rp.100.000. */
  g_assert_false (loket_service_is_free (service));
  g_assert_nonnull (strstr (loket_service_get_fee (service), "Rp.200.000"));
  assert_kinds (service, kinds);
  /* "3. Melampirkan rekomendasi Gubernur/ Pemerintah Daerah setempat" */
  g_assert_true (has_defect (service, "requirement-is-own-product"));
  /* Step 3 names the Bidang Pemberdayaan Sosial. */
  g_assert_cmpstr (loket_service_get_unit_id (service), ==, D "bidang-dayasos");
}

static void
test_dinsos_alat_bantu (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketService     *service = lookup (catalog, D "alat-bantu-disabilitas");
  const char       *kinds[] = { "none", "berita_acara", NULL };
  LoketRequirement *parent, *sub;

  /* "1. Surat Rekomendasi/Pengantar … 2. Permohonan Pengajuan alat bantu sekurang-kurangnya
   * melampirkan: a. … e. Foto Kondisi Klien." */
  g_assert_cmpuint (n_requirements (service, "surat"), ==, 7);
  parent = requirement (service, "surat", 1);
  g_assert_cmpstr (loket_requirement_get_id (parent), ==, "r2");
  g_assert_null (loket_requirement_get_parent_id (parent));
  sub = requirement (service, "surat", 6);
  g_assert_cmpstr (loket_requirement_get_id (sub), ==, "r2.e");
  g_assert_cmpstr (loket_requirement_get_parent_id (sub), ==, "r2");
  g_assert_cmpstr (loket_requirement_get_text (sub), ==, "Foto Kondisi Klien.");

  /* "4 (empat) Hari kerja setelah persyaratan pemohon lengkap." */
  assert_clause (loket_service_get_deadline_clause (service, "surat"), 4, 4,
                 LOKET_SLA_UNIT_WORKING_DAY, LOKET_SLA_START_COMPLETE);
  g_assert_cmpstr (loket_service_get_fee (service), ==, "Tidak dipungut biaya.");
  assert_kinds (service, kinds);
  g_assert_true (has_defect (service, "section-labels-continued"));
}

static void
test_dinsos_rptc (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketService *service = lookup (catalog, D "rumah-perlindungan-trauma-center");
  const char   *channels[]
    = { "tatap_muka", "rujukan_instansi", "laporan_masyarakat", "penjangkauan", NULL };

  assert_channels (service, channels);
  /* "14 (empat belas) hari kerja." applies to every channel. */
  for (guint i = 0; channels[i] != NULL; i++)
    {
      const LoketSlaClause *clause = loket_service_get_deadline_clause (service, channels[i]);

      assert_clause (clause, 14, 14, LOKET_SLA_UNIT_WORKING_DAY, LOKET_SLA_START_RECEIPT);
      g_assert_null (clause->channel);
    }
  g_assert_true (has_defect (service, "lampiran-header-missing"));
  g_assert_true (loket_service_get_unit_inferred (service));

  /* VI: 27 requirements. */
  g_assert_cmpuint (n_requirements (lookup (catalog, D "rekomendasi-pengangkatan-anak"), NULL), ==,
                    27);
}

static void
test_klungkung_paspor (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketService     *service = lookup (catalog, L "rekomendasi-paspor");
  const char       *channels[] = { "surat", NULL };
  const char       *kinds[] = { "rekomendasi", NULL };
  LoketRequirement *nikah, *mandiri;

  /* 004 "03. PELAYANAN REKOMENDASI PASPOR" */
  g_assert_cmpstr (loket_service_get_lampiran (service), ==, "03");
  assert_channels (service, channels);
  g_assert_cmpuint (n_requirements (service, "surat"), ==, 11);
  g_assert_cmpstr (loket_requirement_get_text (requirement (service, "surat", 0)), ==,
                   "Surat Permohonan pembuatan Rekomendasi Paspor");
  nikah = requirement (service, "surat", 6);
  g_assert_cmpstr (loket_requirement_get_text (nikah), ==, "Surat menikah ( bagi yang menikah )");
  g_assert_cmpint (loket_requirement_get_kind (nikah), ==, LOKET_REQUIREMENT_CONDITIONAL);
  mandiri = requirement (service, "surat", 10);
  g_assert_cmpint (loket_requirement_get_kind (mandiri), ==, LOKET_REQUIREMENT_CONDITIONAL);

  /* "Lamanya proses 60  menit"; "Gratis"; "Rekomendasi Paspor" */
  assert_clause (loket_service_get_deadline_clause (service, "surat"), 60, 60,
                 LOKET_SLA_UNIT_MINUTE, LOKET_SLA_START_RECEIPT);
  g_assert_cmpstr (loket_service_get_fee (service), ==, "Gratis");
  assert_kinds (service, kinds);
  g_assert_cmpstr (loket_service_get_unit_id (service), ==, L "seksi-penempatan-ipk");
  g_assert_false (loket_service_get_unit_inferred (service));
}

static void
test_klungkung_ak1 (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketService     *service = lookup (catalog, L "kartu-pencari-kerja-ak1");
  const char       *channels[] = { "tatap_muka", NULL };
  const char       *kinds[] = { "kartu", NULL };
  LoketRequirement *sertifikat;

  assert_channels (service, channels);
  g_assert_cmpuint (n_requirements (service, "tatap_muka"), ==, 9);
  /* "4. Foto copy Sertifikat Pelatihan ( bagi yang memiliki )" */
  sertifikat = requirement (service, "tatap_muka", 3);
  g_assert_cmpint (loket_requirement_get_kind (sertifikat), ==, LOKET_REQUIREMENT_OPTIONAL);
  /* "Lamanya proses 20 menit" */
  assert_clause (loket_service_get_deadline_clause (service, "tatap_muka"), 20, 20,
                 LOKET_SLA_UNIT_MINUTE, LOKET_SLA_START_RECEIPT);
  assert_kinds (service, kinds);
  g_assert_true (loket_service_is_free (service));
}

static void
test_klungkung_lpk_defect (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  LoketService *lpk = lookup (catalog, L "rekomendasi-pendirian-lpk");
  LoketService *bkk = lookup (catalog, L "tanda-daftar-bkk");
  const char   *lpk_kinds[] = { "tanda_daftar", "rekomendasi", NULL };

  /* 05's body repeats 04: requirement 2 onwards are the BKK ones, the product is a Tanda Daftar
   * BKK. */
  g_assert_true (has_defect (lpk, "body-repeats-service-04"));
  g_assert_false (has_defect (bkk, "body-repeats-service-04"));
  g_assert_cmpstr (loket_requirement_get_text (requirement (lpk, "surat", 0)), ==,
                   "Surat Permohonan Rekomendasi");
  for (guint i = 1; i < 6; i++)
    g_assert_cmpstr (loket_requirement_get_text (requirement (lpk, "surat", i)), ==,
                     loket_requirement_get_text (requirement (bkk, "surat", i)));
  assert_kinds (lpk, lpk_kinds);
  assert_clause (loket_service_get_deadline_clause (lpk, "surat"), 50, 50, LOKET_SLA_UNIT_MINUTE,
                 LOKET_SLA_START_RECEIPT);
  g_assert_true (loket_service_get_unit_inferred (lpk));
}

/* SLA clause boxed type and unit strings */

static void
test_sla_units (void)
{
  const char *names[] = { "menit", "jam",   "jam_pelajaran",   "hari", "hari_kerja", "minggu",
                          "bulan", "tahun", "sesuai_kebutuhan" };
  g_autoptr (LoketSlaClause) clause = loket_sla_clause_new ();
  g_autoptr (LoketSlaClause) copy = NULL;
  LoketSlaUnit       unit;
  LoketSlaClockStart clock_start;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (loket_sla_unit_from_string (names[i], &unit));
      g_assert_cmpstr (loket_sla_unit_to_string (unit), ==, names[i]);
    }
  g_assert_true (loket_sla_unit_from_string ("hari_kerja", &unit));
  g_assert_cmpint (unit, ==, LOKET_SLA_UNIT_WORKING_DAY);
  g_assert_false (loket_sla_unit_from_string ("hri", &unit));
  g_assert_false (loket_sla_unit_from_string ("", &unit));
  g_assert_false (loket_sla_unit_from_string (NULL, &unit));
  g_assert_true (loket_sla_clock_start_from_string ("complete", &clock_start));
  g_assert_cmpint (clock_start, ==, LOKET_SLA_START_COMPLETE);
  g_assert_false (loket_sla_clock_start_from_string ("lengkap", &clock_start));

  clause->channel = g_strdup ("surat");
  clause->text = g_strdup ("7 hari kerja");
  clause->value_min = clause->value_max = 7;
  copy = g_boxed_copy (LOKET_TYPE_SLA_CLAUSE, clause);
  g_assert_true (copy->channel != clause->channel);
  g_assert_cmpstr (copy->channel, ==, "surat");
  g_assert_cmpstr (copy->text, ==, "7 hari kerja");
  g_assert_null (copy->stage);
  g_assert_cmpfloat (copy->value_max, ==, 7);
}

/* The loader on broken catalogs (temporary directories) */

static JsonNode *
resource_json (const char *name)
{
  g_autofree char *path = g_strconcat ("/io/github/loketapp/Loket/data/catalog/", name, NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  gsize       length;
  const char *data;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);
  json_parser_load_from_data (parser, data, length, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static char *
make_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("loket-catalog-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
write_text (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
write_node (const char *dir, const char *name, JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  write_text (dir, name, text);
}

static LoketServiceCatalog *
load_dir (const char *dir, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (dir);

  return loket_service_catalog_new_from_directory (file, error);
}

static JsonObject *
service_at (JsonNode *root, guint index)
{
  JsonArray *services = json_object_get_array_member (json_node_get_object (root), "services");

  return json_array_get_object_element (services, index);
}

static JsonObject *
element (JsonObject *object, const char *member, guint index)
{
  return json_array_get_object_element (json_object_get_array_member (object, member), index);
}

static void
break_wrong_type (JsonNode *root)
{
  json_object_set_string_member (service_at (root, 0), "channels", "surat");
}

static void
break_fee_type (JsonNode *root)
{
  json_object_set_string_member (json_object_get_object_member (service_at (root, 2), "fee"),
                                 "free", "ya");
}

static void
break_unit (JsonNode *root)
{
  json_object_set_string_member (element (service_at (root, 3), "sla", 0), "unit", "hri");
}

static void
break_duplicate_id (JsonNode *root)
{
  json_object_set_string_member (service_at (root, 1), "id",
                                 json_object_get_string_member (service_at (root, 0), "id"));
}

static void
break_product_of (JsonNode *root)
{
  json_object_set_string_member (element (service_at (root, 15), "requirements", 0), "product_of",
                                 "kopnakertrans-ntt/tidak-ada");
}

static void
break_parent (JsonNode *root)
{
  json_object_set_string_member (element (service_at (root, 9), "requirements", 2), "parent", "r9");
}

static void
break_foreign_unit (JsonNode *root)
{
  json_object_set_string_member (service_at (root, 0), "unit", "dinsos-ntt/sekretariat");
}

static void
break_channel (JsonNode *root)
{
  JsonArray *channels = json_object_get_array_member (service_at (root, 1), "channels");

  json_array_add_string_element (channels, "whatsapp");
}

static void
break_requirement_channel (JsonNode *root)
{
  /* Konsultasi is tatap muka only. */
  json_object_set_string_member (element (service_at (root, 1), "requirements", 0), "channel",
                                 "surat");
}

static void
break_letter_kind (JsonNode *root)
{
  json_object_set_string_member (element (service_at (root, 2), "products", 0), "letter_kind",
                                 "memo");
}

static void
break_missing_name (JsonNode *root)
{
  json_object_remove_member (service_at (root, 4), "name");
}

static void
break_requirement_kind (JsonNode *root)
{
  json_object_set_string_member (element (service_at (root, 0), "requirements", 0), "kind",
                                 "wajib");
}

static void
break_requirement_id (JsonNode *root)
{
  json_object_set_string_member (element (service_at (root, 2), "requirements", 1), "id", "r1");
}

static void
break_no_channels (JsonNode *root)
{
  json_object_set_array_member (service_at (root, 4), "channels", json_array_new ());
}

static void
break_clock_start (JsonNode *root)
{
  json_object_set_string_member (element (service_at (root, 0), "sla", 0), "clock_start",
                                 "lengkap");
}

static void
break_range (JsonNode *root)
{
  json_object_set_double_member (element (service_at (root, 0), "sla", 0), "value_max", 1);
}

static void
break_unknown_member (JsonNode *root)
{
  json_object_set_string_member (element (service_at (root, 5), "sla", 0), "unti", "hari");
}

static void
break_agency_member (JsonNode *root)
{
  json_object_set_string_member (
    json_object_get_object_member (json_node_get_object (root), "agency"), "kode", "X");
}

typedef struct
{
  const char *file;
  void (*mutate) (JsonNode *root);
  const char *expected;
} BrokenCase;

static void
break_retired_type (JsonNode *root)
{
  json_object_set_string_member (service_at (root, 6), "retired", "ya");
}

static const BrokenCase broken_cases[] = {
  { "dinsos-ntt.json", break_retired_type,
    "dinsos-ntt.json: $.services[6].retired: expected true or false" },
  { "kopnakertrans-ntt.json", break_wrong_type,
    "kopnakertrans-ntt.json: $.services[0].channels: expected an array" },
  { "kopnakertrans-ntt.json", break_fee_type,
    "kopnakertrans-ntt.json: $.services[2].fee.free: expected true or false" },
  { "kopnakertrans-ntt.json", break_unit,
    "kopnakertrans-ntt.json: $.services[3].sla[0].unit: unknown unit “hri”" },
  { "kopnakertrans-ntt.json", break_duplicate_id,
    "kopnakertrans-ntt.json: $.services[1].id: duplicate service id "
    "“kopnakertrans-ntt/data-informasi-publik”" },
  { "kopnakertrans-ntt.json", break_product_of,
    "kopnakertrans-ntt.json: $.services[15].requirements[0].product_of: unknown service "
    "“kopnakertrans-ntt/tidak-ada”" },
  { "dinsos-ntt.json", break_parent,
    "dinsos-ntt.json: $.services[9].requirements[2].parent: parent “r9”" },
  { "kopnakertrans-ntt.json", break_foreign_unit,
    "kopnakertrans-ntt.json: $.services[0].unit: unit “dinsos-ntt/sekretariat” is not a unit of "
    "agency “kopnakertrans-ntt”" },
  { "kopnakertrans-ntt.json", break_channel,
    "kopnakertrans-ntt.json: $.services[1].channels[1]: unknown channel “whatsapp”" },
  { "kopnakertrans-ntt.json", break_requirement_channel,
    "kopnakertrans-ntt.json: $.services[1].requirements[0].channel: channel “surat” is not one "
    "of" },
  { "disperinaker-klungkung.json", break_letter_kind,
    "disperinaker-klungkung.json: $.services[2].products[0].letter_kind: unknown letter kind "
    "“memo”" },
  { "kopnakertrans-ntt.json", break_missing_name,
    "kopnakertrans-ntt.json: $.services[4].name: missing required member" },
  { "dinsos-ntt.json", break_requirement_kind,
    "dinsos-ntt.json: $.services[0].requirements[0].kind: unknown requirement kind “wajib”" },
  { "disperinaker-klungkung.json", break_requirement_id,
    "disperinaker-klungkung.json: $.services[2].requirements[1].id: duplicate requirement id "
    "“r1”" },
  { "dinsos-ntt.json", break_no_channels,
    "dinsos-ntt.json: $.services[4].channels: a service needs at least one channel" },
  { "kopnakertrans-ntt.json", break_clock_start,
    "kopnakertrans-ntt.json: $.services[0].sla[0].clock_start: unknown clock start “lengkap”" },
  { "kopnakertrans-ntt.json", break_range,
    "kopnakertrans-ntt.json: $.services[0].sla[0].value_max: value_max is less than value_min" },
  { "kopnakertrans-ntt.json", break_unknown_member,
    "kopnakertrans-ntt.json: $.services[5].sla[0].unti: unknown member" },
  { "dinsos-ntt.json", break_agency_member, "dinsos-ntt.json: $.agency.kode: unknown member" },
};

static void
test_broken (gconstpointer data)
{
  const BrokenCase *broken = data;
  g_autofree char  *dir = make_dir ();
  g_autoptr (JsonNode) root = resource_json (broken->file);
  g_autoptr (LoketServiceCatalog) good = NULL;
  g_autoptr (LoketServiceCatalog) catalog = NULL;
  g_autoptr (GError) error = NULL;

  /* The unbroken file loads on its own. */
  write_node (dir, broken->file, root);
  good = load_dir (dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (good);

  broken->mutate (root);
  write_node (dir, broken->file, root);
  catalog = load_dir (dir, &error);
  g_assert_null (catalog);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, broken->expected))
    g_error ("“%s” does not start with “%s”", error->message, broken->expected);

  remove_dir (dir);
}

/* A service the office no longer publishes stays in the catalog (its cases keep folding) but
 * intake refuses it, with a message. */
static void
test_retired_service (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr (JsonNode) root = resource_json ("dinsos-ntt.json");
  g_autoptr (LoketServiceCatalog) catalog = NULL;
  g_autoptr (LoketWorkCalendar) calendar = NULL;
  g_autoptr (LoketCaseProjector) projector = NULL;
  g_autoptr (LoketIntakeForm) form = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketEvent) registration = NULL;
  g_autoptr (GPtrArray) events = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *retired_id = g_strdup (json_object_get_string_member (service_at (root, 0), "id"));
  const char *other_id = json_object_get_string_member (service_at (root, 1), "id");
  g_autofree char *body = NULL;

  json_object_set_boolean_member (service_at (root, 0), "retired", TRUE);
  json_object_set_null_member (service_at (root, 1), "retired");
  write_node (dir, "dinsos-ntt.json", root);
  catalog = load_dir (dir, &error);
  g_assert_no_error (error);
  g_assert_true (loket_service_is_retired (loket_service_catalog_lookup (catalog, retired_id)));
  g_assert_false (loket_service_is_retired (loket_service_catalog_lookup (catalog, other_id)));

  /* Intake refuses it and says why; another service of the office is fine. */
  form = loket_intake_form_new (catalog, retired_id, "surat", &error);
  g_assert_null (form);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "no longer offered"));
  g_clear_error (&error);
  form = loket_intake_form_new (
    catalog, other_id,
    loket_service_get_channels (loket_service_catalog_lookup (catalog, other_id))[0], &error);
  g_assert_no_error (error);
  g_assert_nonnull (form);

  /* An earlier case of it still folds. */
  calendar = loket_work_calendar_new_default (&error);
  g_assert_no_error (error);
  projector = loket_case_projector_new (catalog, calendar);
  body = g_strdup_printf ("{\"agency\":\"dinsos-ntt\",\"service\":\"%s\",\"channel\":\"surat\","
                          "\"received_at\":\"2025-03-03T09:00:00+08:00\","
                          "\"parties\":[{\"kind\":\"person\",\"name\":\"Warga Uji\","
                          "\"nik\":\"5371000000000001\"}]}",
                          retired_id);
  registration = loket_event_new_checked (NULL, "5b7f0f1e-2a47-4d8e-9a55-0c1d2e3f4a5b",
                                          "case.registered", "p-staf", "device-A",
                                          "001741000000000-000001", body, &error);
  g_assert_no_error (error);
  g_ptr_array_add (events, registration);
  kase = loket_case_projector_project (projector, events, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loket_case_get_service_id (kase), ==, retired_id);

  remove_dir (dir);
}

static void
test_syntax_error (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr (LoketServiceCatalog) catalog = NULL;
  g_autoptr (GError) error = NULL;

  write_text (dir, "rusak.json", "{ \"schema_version\": 1, \"agency\": { \"id\": ");
  catalog = load_dir (dir, &error);
  g_assert_null (catalog);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message, "rusak.json: $: "));

  g_clear_error (&error);
  write_text (dir, "rusak.json", "[1, 2]");
  catalog = load_dir (dir, &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "rusak.json: $: expected an object");

  g_clear_error (&error);
  write_text (dir, "rusak.json", "{ \"schema_version\": 2 }");
  catalog = load_dir (dir, &error);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message, "rusak.json: $.schema_version: "));

  remove_dir (dir);
}

static void
test_duplicate_agency (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr (JsonNode) root = resource_json ("disperinaker-klungkung.json");
  g_autoptr (LoketServiceCatalog) catalog = NULL;
  g_autoptr (GError) error = NULL;

  write_node (dir, "a.json", root);
  write_node (dir, "b.json", root);
  catalog = load_dir (dir, &error);
  g_assert_null (catalog);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==,
                   "b.json: $.agency.id: duplicate agency id “disperinaker-klungkung”");

  remove_dir (dir);
}

static void
test_empty_directory (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr (LoketServiceCatalog) catalog = NULL;
  g_autoptr (GError) error = NULL;

  write_text (dir, "README.md", "not a catalog\n");
  catalog = load_dir (dir, &error);
  g_assert_null (catalog);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);

  remove_dir (dir);
}

static void
test_env_override (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr (JsonNode) root = resource_json ("disperinaker-klungkung.json");
  g_autoptr (LoketServiceCatalog) overridden = NULL;
  g_autoptr (LoketServiceCatalog) broken = NULL;
  g_autoptr (LoketServiceCatalog) builtin = NULL;
  g_autoptr (GError) error = NULL;

  json_object_set_string_member (
    json_object_get_object_member (json_node_get_object (root), "agency"), "code", "UJI");
  write_node (dir, "klungkung.json", root);

  g_setenv ("LOKET_CATALOG_DIR", dir, TRUE);
  overridden = loket_service_catalog_new_default (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (loket_service_catalog_get_agencies (overridden)->len, ==, 1);
  g_assert_cmpuint (loket_service_catalog_get_services (overridden)->len, ==, 5);
  g_assert_cmpstr (loket_agency_get_code (
                     loket_service_catalog_lookup_agency (overridden, "disperinaker-klungkung")),
                   ==, "UJI");
  g_assert_null (loket_service_catalog_lookup (overridden, K "pelatihan-kerja"));

  /* A broken override is an error, not a silent fallback to the built-in catalog. */
  write_text (dir, "klungkung.json", "{");
  broken = loket_service_catalog_new_default (&error);
  g_assert_null (broken);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_unsetenv ("LOKET_CATALOG_DIR");
  builtin = loket_service_catalog_new_default (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (loket_service_catalog_get_services (builtin)->len, ==, 35);

  remove_dir (dir);
}

static void
test_to_json (void)
{
  g_autoptr (LoketServiceCatalog) catalog = load_default ();
  g_autoptr (LoketServiceCatalog) reloaded = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = loket_service_catalog_to_json (catalog);
  g_autofree char *text_again = NULL;
  g_autofree char *dir = make_dir ();
  JsonArray       *agencies;
  guint            total = 0;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  agencies = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "agencies");
  g_assert_cmpuint (json_array_get_length (agencies), ==, 3);

  /* Split the output back into one file per agency and load it again. */
  for (guint i = 0; i < json_array_get_length (agencies); i++)
    {
      JsonObject *agency = json_array_get_object_element (agencies, i);
      JsonArray  *services = json_object_get_array_member (agency, "services");
      g_autoptr (JsonObject) file = json_object_new ();
      g_autoptr (JsonObject) record = json_object_new ();
      g_autoptr (GList) members = json_object_get_members (agency);
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *name
        = g_strdup_printf ("%s.json", json_object_get_string_member (agency, "id"));

      total += json_array_get_length (services);
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "services"))
          json_object_set_member (record, l->data,
                                  json_node_copy (json_object_get_member (agency, l->data)));

      json_object_set_int_member (file, "schema_version", 1);
      json_object_set_object_member (file, "agency", json_object_ref (record));
      json_object_set_array_member (file, "services", json_array_ref (services));
      json_node_set_object (node, file);
      write_node (dir, name, node);
    }
  g_assert_cmpuint (total, ==, 35);

  reloaded = load_dir (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loket_service_catalog_get_services (reloaded)->len, ==, 35);
  text_again = loket_service_catalog_to_json (reloaded);
  g_assert_cmpstr (text_again, ==, text);

  remove_dir (dir);
}

/* The letterhead data of an agency comes from getters (letters no longer read catalog JSON). */
static void
test_agency_letterhead (void)
{
  g_autoptr (LoketServiceCatalog) cat = load_default ();
  LoketAgency         *dinsos = loket_service_catalog_lookup_agency (cat, "dinsos-ntt");
  LoketAgency *klungkung = loket_service_catalog_lookup_agency (cat, "disperinaker-klungkung");
  LoketAgency *ktkt = loket_service_catalog_lookup_agency (cat, "kopnakertrans-ntt");
  g_autofree char *government = loket_agency_dup_government_line (dinsos);
  g_autofree char *kop = loket_agency_dup_kop_name (dinsos);
  g_autofree char *city = loket_agency_dup_city (dinsos);
  g_autofree char *contact = loket_agency_dup_contact_line (dinsos);
  g_autofree char *head = loket_agency_dup_regional_head (dinsos);
  g_auto (GStrv) lines = loket_agency_dup_address_lines (ktkt);
  g_autofree char *k_government = loket_agency_dup_government_line (klungkung);
  g_autofree char *k_city = loket_agency_dup_city (klungkung);
  g_autofree char *k_head = loket_agency_dup_regional_head (klungkung);
  g_autofree char *k_contact = loket_agency_dup_contact_line (klungkung);
  g_autofree char *t_city = loket_agency_dup_city (ktkt);
  g_autofree char *t_contact = loket_agency_dup_contact_line (ktkt);

  g_assert_nonnull (dinsos);
  g_assert_cmpstr (loket_agency_get_region (dinsos), ==, "Provinsi Nusa Tenggara Timur");
  g_assert_cmpstr (government, ==, "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR");
  g_assert_cmpstr (kop, ==, "DINAS SOSIAL");
  g_assert_cmpstr (city, ==, "Kupang");
  g_assert_cmpstr (head, ==, "Gubernur Nusa Tenggara Timur");
  g_assert_cmpstr (contact, ==,
                   "Telepon (0380) 833034, Pos-el nttdinsosprov@gmail.com, dinsos@nttprov.go.id, "
                   "Laman dinsos.nttprov.go.id");
  g_assert_cmpuint (g_strv_length ((GStrv) loket_agency_get_emails (dinsos)), ==, 2);
  g_assert_cmpuint (g_strv_length ((GStrv) loket_agency_get_complaint_channels (dinsos)), ==, 4);
  g_assert_cmpstr (loket_agency_get_decree_number (dinsos), ==, "460/54.1/DINSOS 1.1/2022");
  g_assert_cmpstr (loket_agency_get_decree_date_text (dinsos), ==, "23 Maret 2022");

  /* a region with a remark, no address, no phone */
  g_assert_cmpstr (loket_agency_get_region (klungkung), ==, "Kabupaten Klungkung");
  g_assert_cmpstr (k_government, ==, "PEMERINTAH KABUPATEN KLUNGKUNG");
  g_assert_cmpstr (k_city, ==, "Klungkung");
  g_assert_cmpstr (k_head, ==, "Bupati Klungkung");
  g_assert_cmpstr (k_contact, ==, "Pos-el disperinakerklungkung@gmail.com");
  g_assert_null (loket_agency_get_phone (klungkung));
  g_assert_null (loket_agency_get_decree_date_text (klungkung));

  /* no e-mail at all; the address's last part names the city */
  g_assert_nonnull (loket_agency_get_emails (ktkt));
  g_assert_null (loket_agency_get_emails (ktkt)[0]);
  g_assert_cmpstr (t_city, ==, "Kupang");
  g_assert_cmpstr (t_contact, ==, "Telepon (0380) 822284, Laman www.diskopnakertrans.nttprov.go.id");
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "Kota Kupang");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loket/core/service-catalog/counts", test_counts);
  g_test_add_func ("/loket/core/service-catalog/agencies", test_agencies);
  g_test_add_func ("/loket/core/service-catalog/agency-letterhead", test_agency_letterhead);
  g_test_add_func ("/loket/core/service-catalog/every-service", test_every_service);
  g_test_add_func ("/loket/core/service-catalog/units-known", test_units_known);
  g_test_add_func ("/loket/core/service-catalog/seed/akad-recommendation",
                   test_akad_recommendation);
  g_test_add_func ("/loket/core/service-catalog/seed/akad-approval", test_akad_approval);
  g_test_add_func ("/loket/core/service-catalog/seed/pengaduan-per-channel",
                   test_pengaduan_per_channel);
  g_test_add_func ("/loket/core/service-catalog/seed/data-informasi", test_data_informasi);
  g_test_add_func ("/loket/core/service-catalog/seed/pelatihan-staged", test_pelatihan_staged);
  g_test_add_func ("/loket/core/service-catalog/seed/staged-with-total", test_staged_with_total);
  g_test_add_func ("/loket/core/service-catalog/seed/contradictory-products",
                   test_contradictory_products);
  g_test_add_func ("/loket/core/service-catalog/seed/hak-normatif", test_hak_normatif);
  g_test_add_func ("/loket/core/service-catalog/seed/dinsos-ugb", test_dinsos_ugb);
  g_test_add_func ("/loket/core/service-catalog/seed/dinsos-alat-bantu", test_dinsos_alat_bantu);
  g_test_add_func ("/loket/core/service-catalog/seed/dinsos-rptc", test_dinsos_rptc);
  g_test_add_func ("/loket/core/service-catalog/seed/klungkung-paspor", test_klungkung_paspor);
  g_test_add_func ("/loket/core/service-catalog/seed/klungkung-ak1", test_klungkung_ak1);
  g_test_add_func ("/loket/core/service-catalog/seed/klungkung-lpk-defect",
                   test_klungkung_lpk_defect);
  g_test_add_func ("/loket/core/service-catalog/sla-units", test_sla_units);
  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/loket/core/service-catalog/broken/%u", i);
      g_test_add_data_func (path, &broken_cases[i], test_broken);
    }
  g_test_add_func ("/loket/core/service-catalog/broken/syntax", test_syntax_error);
  g_test_add_func ("/loket/core/service-catalog/retired-service", test_retired_service);
  g_test_add_func ("/loket/core/service-catalog/broken/duplicate-agency", test_duplicate_agency);
  g_test_add_func ("/loket/core/service-catalog/empty-directory", test_empty_directory);
  g_test_add_func ("/loket/core/service-catalog/env-override", test_env_override);
  g_test_add_func ("/loket/core/service-catalog/to-json", test_to_json);

  return g_test_run ();
}
