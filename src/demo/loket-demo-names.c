// SPDX-License-Identifier: GPL-3.0-or-later
#include "loket-demo-names.h"

/* Common given names and NTT/Bali family names, combined at random: the people are fictional. */
const char *const loket_demo_given_names_m[] = {
  "Agustinus", "Yohanes", "Fransiskus", "Petrus", "Marthen", "Yosef", "Dominggus", "Stefanus",
  "Aloysius", "Kornelis", "Benediktus", "Gregorius", "Imanuel", "Daniel", "Rafael", "Made",
  "Wayan", "Ketut", "Nyoman", "Putu", "Gede", "Komang", "Andreas", "Simon", "Mikael", NULL
};

const char *const loket_demo_given_names_f[] = {
  "Maria", "Yuliana", "Agnes", "Theresia", "Veronika", "Elisabeth", "Margaretha", "Lusia",
  "Serafina", "Katarina", "Florentina", "Yasinta", "Priska", "Ni Made", "Ni Wayan", "Ni Ketut",
  "Ni Luh", "Ni Komang", "Desak", "Anastasia", "Rosalia", "Magdalena", NULL
};

const char *const loket_demo_family_names[] = {
  "Lado", "Ndolu", "Manafe", "Tefa", "Bria", "Seran", "Nahak", "Koli", "Amalo", "Bessie",
  "Riwu", "Haning", "Dethan", "Foenay", "Lenggu", "Mbatu", "Kana", "Ratu", "Sogen", "Wutun",
  "Kedang", "Pello", "Tanone", "Adoe", "Sabu", "Pandie", "Sari", "Astawa", "Suarta", "Wirawan",
  "Mahendra", "Pradnyani", "Ariani", "Dewi", NULL
};

const char *const loket_demo_org_prefixes[] = {
  "Koperasi Simpan Pinjam", "Koperasi Serba Usaha", "Koperasi Produsen", "PT", "CV",
  "Yayasan", "Lembaga Pelatihan Kerja", "Kelompok Usaha Bersama", NULL
};

const char *const loket_demo_org_names[] = {
  "Flobamora Sejahtera", "Sinar Timor", "Lontar Mandiri", "Sasando Jaya", "Cendana Makmur",
  "Komodo Lestari", "Karang Indah", "Nusa Bunga", "Tunas Harapan", "Bintang Selatan",
  "Mutiara Sumba", "Tenun Ikat Abadi", "Savana Hijau", "Pelangi Kasih", "Dharma Santi",
  "Segara Giri", "Merta Sari", "Kerta Jaya", NULL
};

const char *const loket_demo_streets[] = {
  "Jalan Soekarno", "Jalan El Tari", "Jalan Timor Raya", "Jalan Frans Seda", "Jalan Adisucipto",
  "Jalan Perintis Kemerdekaan", "Jalan Cak Doko", "Jalan Gajah Mada", "Jalan Diponegoro",
  "Jalan Flamboyan", "Jalan Untung Surapati", NULL
};

/* Kecamatan codes of Kota Kupang (5371xx), Kabupaten Kupang (5301xx), TTS (5302xx), Sikka
 * (5307xx) and of Klungkung (5105xx), as used in the first six digits of a NIK. */
const LoketDemoRegion loket_demo_regions_ntt[] = {
  { "537101", "Alak, Kota Kupang" },
  { "537102", "Maulafa, Kota Kupang" },
  { "537103", "Oebobo, Kota Kupang" },
  { "537104", "Kelapa Lima, Kota Kupang" },
  { "530106", "Kupang Tengah, Kabupaten Kupang" },
  { "530207", "Kota Soe, Timor Tengah Selatan" },
  { "530701", "Alok, Sikka" },
  { NULL, NULL }
};

const LoketDemoRegion loket_demo_regions_bali[] = {
  { "510501", "Nusa Penida, Klungkung" },
  { "510502", "Banjarangkan, Klungkung" },
  { "510503", "Klungkung, Klungkung" },
  { "510504", "Dawan, Klungkung" },
  { NULL, NULL }
};

guint
loket_demo_strv_len (const char *const *v)
{
  guint n = 0;

  while (v[n] != NULL)
    n++;
  return n;
}
