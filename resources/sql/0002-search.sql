-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 2: full-text search over cases (agenda number, applicant name, NIK, subject,
-- service name). Row ids are cases.id; loket-search-index.c keeps it in step with `cases`.
CREATE VIRTUAL TABLE case_search USING fts5 (
  agenda_number, applicant_name, applicant_nik, subject, service_name,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
INSERT INTO case_search (rowid, agenda_number, applicant_name, applicant_nik, subject, service_name)
  SELECT id, agenda_number, applicant_name, applicant_nik, subject, service_name FROM cases;
