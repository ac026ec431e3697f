// SPDX-License-Identifier: GPL-3.0-or-later
// The letter model: kop, nomor, sifat, lampiran, hal, addressee, body blocks, SK parts, signature,
// tembusan.
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* F4 (215 × 330 mm, the default of tata naskah dinas) and A4 (210 × 297 mm). */
typedef enum
{
  LOKET_PAPER_F4,
  LOKET_PAPER_A4,
} LoketPaperSize;

/* The shapes of Permendagri 1/2023 (anchors.md §2.3). */
typedef enum
{
  LOKET_LETTER_LAYOUT_KORESPONDENSI, /* place+date, Nomor/Sifat/Lampiran/Hal, Yth., body */
  LOKET_LETTER_LAYOUT_JUDUL,     /* centred title + NOMOR, body, place+date over the signature */
  LOKET_LETTER_LAYOUT_KEPUTUSAN, /* SK: title, NOMOR, TENTANG, menimbang … diktum, ditetapkan di */
  LOKET_LETTER_LAYOUT_NOTA_DINAS, /* NOTA DINAS with Yth./Dari/Tanggal/Nomor… lines */
} LoketLetterLayout;

/* Single texts of a letter. */
typedef enum
{
  LOKET_LETTER_NUMBER, /* nomor */
  LOKET_LETTER_SIFAT,
  LOKET_LETTER_LAMPIRAN,
  LOKET_LETTER_HAL,
  LOKET_LETTER_PLACE,      /* kota of the date line / "Ditetapkan di" */
  LOKET_LETTER_DATE,       /* "9 Desember 2022" */
  LOKET_LETTER_SUBJECT,    /* SK: the TENTANG text; judul: the line under the title */
  LOKET_LETTER_ISSUER,     /* SK: "KEPALA DINAS SOSIAL PROVINSI NUSA TENGGARA TIMUR," */
  LOKET_LETTER_MENETAPKAN, /* SK: "KEPUTUSAN KEPALA DINAS … TENTANG …" */
  LOKET_LETTER_FROM,       /* nota dinas: Dari */
  LOKET_LETTER_FOOTER, /* small text at the foot of every page (e.g. the TTE sentence), or NULL */
  LOKET_LETTER_N_TEXTS,
} LoketLetterText;

/* Lists of lines of a letter. */
typedef enum
{
  LOKET_LETTER_KOP,       /* letterhead lines: pemda, perangkat daerah, address, contact */
  LOKET_LETTER_TITLE,     /* centred title lines ("SURAT IZIN …", "KEPUTUSAN …") */
  LOKET_LETTER_ADDRESSEE, /* "Yth. …", then the address lines */
  LOKET_LETTER_MENIMBANG, /* SK: a., b., … */
  LOKET_LETTER_MENGINGAT, /* SK: 1., 2., … */
  LOKET_LETTER_DIKTUM,    /* SK: KESATU, KEDUA, … */
  LOKET_LETTER_TEMBUSAN,
  LOKET_LETTER_N_LISTS,
} LoketLetterList;

typedef enum
{
  LOKET_LETTER_BLOCK_PARAGRAPH, /* justified, first line indented */
  LOKET_LETTER_BLOCK_HEADING,   /* centred, bold */
  LOKET_LETTER_BLOCK_LIST,      /* numbered/lettered/bulleted items with hanging indent */
  LOKET_LETTER_BLOCK_TABLE,     /* ruled grid, optional header row */
  LOKET_LETTER_BLOCK_FIELDS,    /* "label : value" rows without rules */
} LoketLetterBlockType;

typedef enum
{
  LOKET_LIST_NUMBERS, /* 1. 2. 3. */
  LOKET_LIST_LETTERS, /* a. b. c. */
  LOKET_LIST_BULLETS, /* – */
} LoketListStyle;

/* One body block; read-only for users of the model. */
typedef struct
{
  LoketLetterBlockType type;
  char                *text;       /* paragraph, heading */
  LoketListStyle       list_style; /* list */
  GPtrArray           *items;      /* list: (element utf8) */
  GStrv                columns;    /* table: header cells, or NULL for no header row */
  GArray    *widths; /* table/fields: (element double) column fractions of the text width */
  GPtrArray *rows;   /* table/fields: (element GStrv) */
} LoketLetterBlock;

typedef enum
{
  LOKET_DELEGATION_NONE,
  LOKET_DELEGATION_AN,  /* a.n.: one level down signs for the head */
  LOKET_DELEGATION_UB,  /* u.b.: two levels down */
  LOKET_DELEGATION_PLT, /* Plt.: the post is vacant */
  LOKET_DELEGATION_PLH, /* Plh.: the holder is temporarily absent */
  LOKET_DELEGATION_PJ,  /* Pj. */
} LoketDelegation;

/* The signature block (anchors.md §2.5): "a.n. KEPALA DINAS …" / "SEKRETARIS," / name / pangkat /
 * NIP. */
typedef struct
{
  LoketDelegation delegation;
  char           *principal; /* jabatan of the head: "KEPALA DINAS SOSIAL PROVINSI NTT" */
  char           *acting;    /* a.n./u.b.: the signer's own jabatan; NULL otherwise */
  char           *name;
  char           *rank; /* "Pembina Utama Muda (IV/c)", or NULL */
  char           *nip;  /* 18 digits, or NULL */
} LoketLetterSignature;

#define LOKET_TYPE_LETTER (loket_letter_get_type ())

G_DECLARE_FINAL_TYPE (LoketLetter, loket_letter, LOKET, LETTER, GObject)

LoketLetter *loket_letter_new (const char       *kind,
                               LoketLetterLayout layout) G_GNUC_WARN_UNUSED_RESULT;

const char       *loket_letter_get_kind (LoketLetter *self);
LoketLetterLayout loket_letter_get_layout (LoketLetter *self);
/* The letter id printed in the QR code (a UUID; see loket_letter_id_for_case()). */
const char *loket_letter_get_id (LoketLetter *self);
void        loket_letter_set_id (LoketLetter *self, const char *id);

const char *loket_letter_get_text (LoketLetter *self, LoketLetterText part);
void        loket_letter_set_text (LoketLetter *self, LoketLetterText part, const char *value);
/* (transfer none) (element utf8) */
GPtrArray *loket_letter_get_list (LoketLetter *self, LoketLetterList list);
void       loket_letter_add_line (LoketLetter *self, LoketLetterList list, const char *line);

/* Body blocks, in order. (transfer none) (element LoketLetterBlock) */
GPtrArray *loket_letter_get_blocks (LoketLetter *self);
void       loket_letter_add_paragraph (LoketLetter *self, const char *text);
void       loket_letter_add_heading (LoketLetter *self, const char *text);
/* Returns the new block; add items with loket_letter_block_add_item(). (transfer none) */
LoketLetterBlock *loket_letter_add_list (LoketLetter *self, LoketListStyle style);
/* @columns: header cells or NULL; @widths: @n_columns fractions (NULL: equal). (transfer none) */
LoketLetterBlock *loket_letter_add_table (LoketLetter       *self,
                                          guint              n_columns,
                                          const char *const *columns,
                                          const double      *widths);
/* "label : value" rows; @label_width is the label column's fraction. (transfer none) */
LoketLetterBlock *loket_letter_add_fields (LoketLetter *self, double label_width);
void              loket_letter_block_add_item (LoketLetterBlock *block, const char *text);
/* A row of a table or fields block (as many cells as columns; missing cells are empty). */
void loket_letter_block_add_row (LoketLetterBlock *block, const char *const *cells);

/* (transfer none) or NULL when the letter has no signature block. */
const LoketLetterSignature *loket_letter_get_signature (LoketLetter *self);
void loket_letter_set_signature (LoketLetter *self, const LoketLetterSignature *signature);

/* The office's logo (PNG bytes) in place of the neutral demo emblem; NULL restores the emblem.
 * Returns FALSE (and keeps the emblem) when @png is not a PNG image. */
gboolean loket_letter_set_logo_png (LoketLetter *self, GBytes *png);
GBytes  *loket_letter_get_logo_png (LoketLetter *self);

/* Hex SHA-256 over every text, line, block and the signature (not the id), each length-prefixed. */
char *loket_letter_compute_digest (LoketLetter *self) G_GNUC_WARN_UNUSED_RESULT;
/* What the QR code holds: "LOKET1;<id>;<sha256>". */
char *loket_letter_get_qr_payload (LoketLetter *self) G_GNUC_WARN_UNUSED_RESULT;
/* Parses a QR payload back; FALSE when it is not one. */
gboolean loket_letter_parse_qr_payload (const char *payload, char **id, char **digest);

/* A stable letter id for (@case_uuid, @kind, @version): a name-based UUID (SHA-256, version 8
 * layout), so re-rendering the same draft gives the same id. */
char *loket_letter_id_for_case (const char *case_uuid,
                                const char *kind,
                                guint       version) G_GNUC_WARN_UNUSED_RESULT;

/* @name without academic titles ("Dr. Ir. Stefanus Leo, S.Sos., M.Si." → "Stefanus Leo"), as
 * signers of a keputusan are written (Permendagri 1/2023 Pasal 44 ayat 1). */
char *loket_letter_name_without_titles (const char *name) G_GNUC_WARN_UNUSED_RESULT;

/* "KESATU", "KEDUA", … "KEDUA PULUH" for @n ≥ 1 (diktum labels). */
char       *loket_letter_ordinal_upper (guint n) G_GNUC_WARN_UNUSED_RESULT;
const char *loket_delegation_to_string (LoketDelegation delegation); /* "", "a.n.", "Plt.", … */
gboolean    loket_delegation_from_string (const char *text, LoketDelegation *delegation);
const char *loket_letter_layout_to_string (LoketLetterLayout layout);
gboolean    loket_letter_layout_from_string (const char *text, LoketLetterLayout *layout);

G_END_DECLS
