// SPDX-License-Identifier: GPL-3.0-or-later
// Units, positions and people of each agency (data/org/, one JSON file per agency).
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  LOKET_UNIT_AGENCY,      /* the Dinas itself (Kepala Dinas) */
  LOKET_UNIT_SECRETARIAT, /* Sekretariat */
  LOKET_UNIT_SUBDIVISION, /* Sub Bagian */
  LOKET_UNIT_DIVISION,    /* Bidang */
  LOKET_UNIT_SECTION,     /* Seksi */
  LOKET_UNIT_UPTD,        /* Unit Pelaksana Teknis Daerah */
} LoketUnitKind;

typedef enum
{
  LOKET_ROLE_HEAD,          /* Kepala Dinas */
  LOKET_ROLE_SECRETARY,     /* Sekretaris */
  LOKET_ROLE_DIVISION_HEAD, /* Kepala Bidang */
  LOKET_ROLE_SECTION_HEAD,  /* Kepala Seksi / Kepala Sub Bagian */
  LOKET_ROLE_UPTD_HEAD,     /* Kepala UPTD */
  LOKET_ROLE_STAFF,         /* staf pelaksana / fungsional */
  LOKET_ROLE_REGISTRAR,     /* pencatat surat / agendaris */
} LoketRole;

typedef struct
{
  char         *id;        /* "kopnakertrans-ntt/bidang-ketenagakerjaan" */
  char         *parent_id; /* NULL for the agency root */
  char         *name;      /* "Bidang Ketenagakerjaan" */
  char         *short_name;
  LoketUnitKind kind;
} LoketUnit;

typedef struct
{
  char     *id;       /* "kopnakertrans-ntt/kabid-ketenagakerjaan" */
  char     *unit_id;
  char     *title;    /* jabatan: "Kepala Bidang Ketenagakerjaan" */
  LoketRole role;
} LoketPosition;

typedef struct
{
  char *id;
  char *position_id;
  char *name;       /* fictional in demo data */
  char *nip;        /* 18 digits, structurally valid */
  char *rank;       /* pangkat: "Pembina" */
  char *grade;      /* golongan: "IV/a" */
} LoketPerson;

#define LOKET_TYPE_ORG_CHART (loket_org_chart_get_type ())

G_DECLARE_FINAL_TYPE (LoketOrgChart, loket_org_chart, LOKET, ORG_CHART, GObject)

/* $LOKET_ORG_DIR when set, else the org charts compiled into resources. */
LoketOrgChart       *loket_org_chart_new_default        (GError **error) G_GNUC_WARN_UNUSED_RESULT;
LoketOrgChart       *loket_org_chart_new_from_directory (GFile   *dir,
                                                         GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* (transfer none) arrays of the structs above, in file order */
GPtrArray           *loket_org_chart_get_units     (LoketOrgChart *self,
                                                    const char    *agency_id);
GPtrArray           *loket_org_chart_get_positions (LoketOrgChart *self,
                                                    const char    *agency_id);
GPtrArray           *loket_org_chart_get_people    (LoketOrgChart *self,
                                                    const char    *agency_id);
const LoketUnit     *loket_org_chart_lookup_unit     (LoketOrgChart *self,
                                                      const char    *unit_id);
const LoketPosition *loket_org_chart_lookup_position (LoketOrgChart *self,
                                                      const char    *position_id);
const LoketPerson   *loket_org_chart_lookup_person   (LoketOrgChart *self,
                                                      const char    *person_id);
/* The Bidang (LOKET_UNIT_DIVISION), Sekretariat or UPTD that contains @unit_id (itself if it is one). */
const LoketUnit     *loket_org_chart_get_division    (LoketOrgChart *self,
                                                      const char    *unit_id);

/* The position of the head of @agency_id (role LOKET_ROLE_HEAD: the Kepala Dinas whose title
 * heads the letterhead's signature block), or NULL. */
const LoketPosition *loket_org_chart_get_head_position (LoketOrgChart *self,
                                                        const char    *agency_id);

/* (transfer none) agency ids (char *), in load order (files sorted by name). */
GPtrArray           *loket_org_chart_get_agency_ids  (LoketOrgChart *self);
/* Full name of the agency ("Dinas Sosial Provinsi Nusa Tenggara Timur"), or NULL. */
const char          *loket_org_chart_get_agency_name (LoketOrgChart *self,
                                                      const char    *agency_id);
/* (transfer container) the people (LoketPerson *) holding @position_id, in file order. */
GPtrArray           *loket_org_chart_get_holders     (LoketOrgChart *self,
                                                      const char    *position_id) G_GNUC_WARN_UNUSED_RESULT;

/* "head", "secretary", "division_head", "section_head", "uptd_head", "staff", "registrar" */
gboolean             loket_role_from_string      (const char    *text,
                                                  LoketRole     *role);
const char          *loket_role_to_string        (LoketRole      role);
/* "agency", "secretariat", "subdivision", "division", "section", "uptd" */
gboolean             loket_unit_kind_from_string (const char    *text,
                                                  LoketUnitKind *kind);
const char          *loket_unit_kind_to_string   (LoketUnitKind  kind);

G_END_DECLS
