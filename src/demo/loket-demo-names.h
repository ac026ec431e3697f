// SPDX-License-Identifier: GPL-3.0-or-later
// Fictional applicant names, organisations and places for demo data (no real person intended).
#pragma once

#include <glib.h>

G_BEGIN_DECLS

extern const char *const loket_demo_given_names_m[];
extern const char *const loket_demo_given_names_f[];
extern const char *const loket_demo_family_names[];
extern const char *const loket_demo_org_prefixes[];
extern const char *const loket_demo_org_names[];
extern const char *const loket_demo_streets[];

typedef struct
{
  const char *code;   /* 6-digit kecamatan-level region code used in NIKs */
  const char *place;  /* kelurahan/kota shown in addresses */
} LoketDemoRegion;

extern const LoketDemoRegion loket_demo_regions_ntt[];
extern const LoketDemoRegion loket_demo_regions_bali[];

guint loket_demo_strv_len (const char *const *v);

G_END_DECLS
