-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 3: fast inboxes, search and rebuilds on 100,000 cases.

-- Cases per (unit, status), kept by triggers: the inbox counts read a few rows instead of
-- scanning an index. '' stands for "no unit".
CREATE TABLE case_counts (
  unit_id      TEXT NOT NULL,
  status_rank  INTEGER NOT NULL,
  n            INTEGER NOT NULL,
  PRIMARY KEY (unit_id, status_rank)
) WITHOUT ROWID;
INSERT INTO case_counts (unit_id, status_rank, n)
  SELECT coalesce(unit_id, ''), status_rank, count(*) FROM cases GROUP BY 1, 2;

CREATE TRIGGER cases_count_insert AFTER INSERT ON cases BEGIN
  INSERT INTO case_counts (unit_id, status_rank, n)
    VALUES (coalesce(new.unit_id, ''), new.status_rank, 1)
    ON CONFLICT (unit_id, status_rank) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER cases_count_delete AFTER DELETE ON cases BEGIN
  UPDATE case_counts SET n = n - 1
    WHERE unit_id = coalesce(old.unit_id, '') AND status_rank = old.status_rank;
END;
CREATE TRIGGER cases_count_update AFTER UPDATE OF unit_id, status_rank ON cases
  WHEN coalesce(old.unit_id, '') <> coalesce(new.unit_id, '') OR old.status_rank <> new.status_rank
BEGIN
  UPDATE case_counts SET n = n - 1
    WHERE unit_id = coalesce(old.unit_id, '') AND status_rank = old.status_rank;
  INSERT INTO case_counts (unit_id, status_rank, n)
    VALUES (coalesce(new.unit_id, ''), new.status_rank, 1)
    ON CONFLICT (unit_id, status_rank) DO UPDATE SET n = n + 1;
END;

-- Sort indexes that also carry the filter columns: a deep page of a filtered inbox skips rows
-- without reading the table.
DROP INDEX cases_by_agenda;
DROP INDEX cases_by_received;
DROP INDEX cases_by_applicant;
DROP INDEX cases_by_service;
DROP INDEX cases_by_status;
DROP INDEX cases_by_due;
CREATE INDEX cases_by_agenda    ON cases (agenda_sort, uuid, status_rank, is_open, due_at, unit_id, agency_id);
CREATE INDEX cases_by_received  ON cases (received_at, uuid, status_rank, is_open, due_at, unit_id, agency_id);
CREATE INDEX cases_by_applicant ON cases (applicant_sort, uuid, status_rank, is_open, due_at, unit_id, agency_id);
CREATE INDEX cases_by_service   ON cases (service_sort, uuid, status_rank, is_open, due_at, unit_id, agency_id);
CREATE INDEX cases_by_status    ON cases (status_rank, uuid, is_open, due_at, unit_id, agency_id);
CREATE INDEX cases_by_due       ON cases (due_sort, uuid, status_rank, is_open, due_at, unit_id, agency_id);

-- Search over the `cases` rows themselves (external content), kept by triggers, without prefix
-- indexes: a prefix query scans its term range in a few ms on 100,000 cases, and a rebuild
-- ('rebuild' below) no longer has to delete and re-add every row of a separate copy.
DROP TABLE case_search;
CREATE VIRTUAL TABLE case_search USING fts5 (
  agenda_number, applicant_name, applicant_nik, subject, service_name,
  content = 'cases', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO case_search (case_search) VALUES ('rebuild');

CREATE TRIGGER cases_search_insert AFTER INSERT ON cases BEGIN
  INSERT INTO case_search (rowid, agenda_number, applicant_name, applicant_nik, subject, service_name)
    VALUES (new.id, new.agenda_number, new.applicant_name, new.applicant_nik, new.subject,
            new.service_name);
END;
CREATE TRIGGER cases_search_delete AFTER DELETE ON cases BEGIN
  INSERT INTO case_search (case_search, rowid, agenda_number, applicant_name, applicant_nik,
                           subject, service_name)
    VALUES ('delete', old.id, old.agenda_number, old.applicant_name, old.applicant_nik,
            old.subject, old.service_name);
END;
CREATE TRIGGER cases_search_update AFTER UPDATE ON cases
  WHEN old.agenda_number IS NOT new.agenda_number OR old.applicant_name IS NOT new.applicant_name
    OR old.applicant_nik IS NOT new.applicant_nik OR old.subject IS NOT new.subject
    OR old.service_name IS NOT new.service_name
BEGIN
  INSERT INTO case_search (case_search, rowid, agenda_number, applicant_name, applicant_nik,
                           subject, service_name)
    VALUES ('delete', old.id, old.agenda_number, old.applicant_name, old.applicant_nik,
            old.subject, old.service_name);
  INSERT INTO case_search (rowid, agenda_number, applicant_name, applicant_nik, subject, service_name)
    VALUES (new.id, new.agenda_number, new.applicant_name, new.applicant_nik, new.subject,
            new.service_name);
END;
