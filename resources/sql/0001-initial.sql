-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 1: the event log, blobs and the per-case projection.

-- Every event ever seen, once (by UUID). seq is the local append order; case_seq numbers the
-- events of one case in append order, and prev_hash/hash chain them in that order (DESIGN.md §3).
CREATE TABLE events (
  seq        INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  case_uuid  TEXT NOT NULL,
  case_seq   INTEGER NOT NULL,
  type       TEXT NOT NULL,
  author     TEXT NOT NULL,
  device     TEXT NOT NULL,
  hlc        TEXT NOT NULL,
  body       TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL,
  UNIQUE (case_uuid, case_seq)
);
-- Projection order: (HLC, event UUID) within a case.
CREATE INDEX events_case_order ON events (case_uuid, hlc, uuid);

-- Content-addressed attachments; the bytes live in "<database>.blobs/ab/abcdef…".
CREATE TABLE blobs (
  sha256    TEXT PRIMARY KEY,
  size      INTEGER NOT NULL,
  added_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- One row per case: the fold of its events (LoketCase) plus sort keys. Always rebuildable.
CREATE TABLE cases (
  id              INTEGER PRIMARY KEY,
  uuid            TEXT NOT NULL UNIQUE,
  agency_id       TEXT,
  service_id      TEXT,
  service_name    TEXT,
  unit_id         TEXT,
  channel         TEXT,
  agenda_number   TEXT,
  subject         TEXT,
  applicant_name  TEXT,
  applicant_nik   TEXT,
  holder          TEXT,
  status          TEXT NOT NULL,
  status_rank     INTEGER NOT NULL,
  is_open         INTEGER NOT NULL,
  received_at     INTEGER NOT NULL DEFAULT 0,
  complete_at     INTEGER NOT NULL DEFAULT 0,
  due_at          INTEGER NOT NULL DEFAULT 0,
  closed_at       INTEGER NOT NULL DEFAULT 0,
  event_count     INTEGER NOT NULL DEFAULT 0,
  last_hlc        TEXT,
  pauses          TEXT NOT NULL DEFAULT '',
  -- Sort keys: case-folded, digit runs zero-padded ("natural" order); no deadline sorts last.
  agenda_sort     TEXT NOT NULL DEFAULT '',
  applicant_sort  TEXT NOT NULL DEFAULT '',
  service_sort    TEXT NOT NULL DEFAULT '',
  due_sort        INTEGER NOT NULL DEFAULT 0
);
-- One index per sort column (with the unique tiebreak) and per inbox filter.
CREATE INDEX cases_by_agenda    ON cases (agenda_sort, uuid);
CREATE INDEX cases_by_received  ON cases (received_at, uuid);
CREATE INDEX cases_by_applicant ON cases (applicant_sort, uuid);
CREATE INDEX cases_by_service   ON cases (service_sort, uuid);
CREATE INDEX cases_by_status    ON cases (status_rank, uuid);
CREATE INDEX cases_by_due       ON cases (due_sort, uuid);
CREATE INDEX cases_open_due     ON cases (is_open, due_at);
CREATE INDEX cases_by_unit      ON cases (unit_id, status_rank);
CREATE INDEX cases_by_agency    ON cases (agency_id, status_rank);
