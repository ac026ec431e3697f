// SPDX-License-Identifier: GPL-3.0-or-later
// Fills the letter fields from a case, its events, the catalog, the work calendar and the org
// chart.
#pragma once

#include "loket-case.h"
#include "loket-letter.h"
#include "loket-letter-fields.h"
#include "loket-org-chart.h"
#include "loket-service-catalog.h"
#include "loket-work-calendar.h"

G_BEGIN_DECLS

/* Texts: agency_name, agency_name_upper, agency_short_name, agency_code, agency_address,
 * agency_contact, government (e.g. "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR"), region, city,
 * head_title, head_title_upper, signer_principal, signer_name, signer_name_plain (without
 * academic titles, for keputusan), signer_rank, signer_nip,
 * signer_delegation, signer_acting, case_uuid, agenda_number, received_date, received_time,
 * received_day, service_id, service_name, service_title, unit_name, channel_name, applicant_name,
 * applicant_nik (persons), applicant_address, applicant_contact, subject, letter_number,
 * letter_date, year, deadline_text, deadline_date, sla_text, incoming_number, incoming_date,
 * incoming_sender, incoming_sifat (when the case came by letter), returned_note, returned_date.
 * Tables: parties (No, Pihak, Identitas, Alamat/Kontak), requirements (No, Persyaratan, Jenis,
 * Diserahkan), missing (No, Persyaratan), complaints (text).
 * @events: (element LoketEvent) the case's events; @now: Unix seconds for the letter date.
 * The signer is the holder of the agency's head position (LOKET_ROLE_HEAD). */
LoketLetterFields *loket_letter_fields_new_for_case (LoketCase           *kase,
                                                     GPtrArray           *events,
                                                     LoketServiceCatalog *catalog,
                                                     LoketWorkCalendar   *calendar,
                                                     LoketOrgChart       *org,
                                                     gint64               now,
                                                     GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* Makes the org chart person @person_id the signer: with LOKET_DELEGATION_NONE they sign in their
 * own jabatan; with a.n./u.b. for the head of the agency (their jabatan is the acting line); with
 * Plt./Plh./Pj. as the head (their own jabatan below). Sets signer_principal, signer_acting,
 * signer_delegation, signer_name, signer_name_plain, signer_rank and signer_nip. Fails with
 * LOKET_ERROR_NOT_FOUND for an unknown person. */
gboolean loket_letter_fields_set_signer (LoketLetterFields *fields,
                                         LoketOrgChart     *org,
                                         const char        *person_id,
                                         LoketDelegation    delegation,
                                         GError           **error);

/* @kind's template filled with @fields, with the letter id @id (may be NULL) and the office's logo
 * from $LOKET_LETTERS_DIR/logo.png when there is one. */
LoketLetter *loket_letter_new_from_fields (const char        *kind,
                                           LoketLetterFields *fields,
                                           const char        *id,
                                           GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* Fills @kind's template for the case and sets the letter id (loket_letter_id_for_case, version 1).
 */
LoketLetter *loket_letter_new_for_case (const char          *kind,
                                        LoketCase           *kase,
                                        GPtrArray           *events,
                                        LoketServiceCatalog *catalog,
                                        LoketWorkCalendar   *calendar,
                                        LoketOrgChart       *org,
                                        gint64               now,
                                        GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
