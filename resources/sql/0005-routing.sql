-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 5: disposition routing — one row per recipient of each disposition (kept from
-- the events, rebuilt with the projections), Plh./Plt. stand-ins, per-person inbox indexes.

CREATE TABLE dispositions (
  id             TEXT NOT NULL,      -- the disposition id (body "id")
  position_id    TEXT NOT NULL,      -- this recipient
  case_uuid      TEXT NOT NULL,
  parent_id      TEXT,               -- the disposition it forwards
  from_position  TEXT NOT NULL DEFAULT '',
  from_person    TEXT,
  instructions   TEXT NOT NULL,      -- JSON array of instruction ids
  note           TEXT,
  sent_hlc       TEXT NOT NULL,
  sent_at        INTEGER NOT NULL,
  due_at         INTEGER NOT NULL DEFAULT 0,
  read_at        INTEGER NOT NULL DEFAULT 0,
  forwarded_at   INTEGER NOT NULL DEFAULT 0,
  reported_at    INTEGER NOT NULL DEFAULT 0,
  withdrawn_at   INTEGER NOT NULL DEFAULT 0,
  escalated_at   INTEGER NOT NULL DEFAULT 0,
  escalated_to   TEXT,
  report_note    TEXT,
  report_blobs   TEXT,               -- JSON array or NULL
  reported_by    TEXT,
  state          INTEGER NOT NULL,   -- LoketDispositionState
  is_open        INTEGER NOT NULL,   -- unread, read or forwarded
  PRIMARY KEY (id, position_id)
) WITHOUT ROWID;

-- Inbox counts read index ranges only: received by state (unread / needs action / late by due),
-- sent and still open, and every row of one case (riwayat, re-folds).
CREATE INDEX dispositions_received ON dispositions (position_id, state, due_at);
CREATE INDEX dispositions_sent     ON dispositions (from_position, is_open, sent_at);
-- Newest first for the lists of Disposisi Masuk and Terkirim (the primary key completes the order).
CREATE INDEX dispositions_incoming ON dispositions (position_id, sent_hlc);
CREATE INDEX dispositions_outgoing ON dispositions (from_position, sent_hlc);
CREATE INDEX dispositions_by_case  ON dispositions (case_uuid);
CREATE INDEX dispositions_escalate ON dispositions (is_open, escalated_at, due_at);
CREATE INDEX dispositions_escalated_to ON dispositions (escalated_to, is_open, escalated_at);

-- Cases by holder and status: Menunggu Paraf / Tanda Tangan and the Kadis's undisposed cases.
CREATE INDEX cases_by_holder ON cases (holder, status_rank);
CREATE INDEX cases_by_agency_holder ON cases (agency_id, is_open, holder);

-- Plh./Plt.: @person_id may act for @position_id in [starts_at, ends_at).
CREATE TABLE stand_ins (
  id           TEXT PRIMARY KEY,
  person_id    TEXT NOT NULL,
  position_id  TEXT NOT NULL,
  kind         TEXT NOT NULL,        -- "plh" / "plt"
  starts_at    INTEGER NOT NULL,
  ends_at      INTEGER NOT NULL,
  note         TEXT
) WITHOUT ROWID;
