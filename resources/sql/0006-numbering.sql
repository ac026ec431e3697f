-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 5: letter numbering (leased blocks, DESIGN.md §8) and the BSrE signing queue.

-- Blocks of letter numbers leased to a device (by the server; for now by `loket-cli lease`).
-- A device numbers only from its own active leases; blocks of one (agency, register, year)
-- never overlap.
CREATE TABLE number_leases (
  id           INTEGER PRIMARY KEY,
  agency_id    TEXT NOT NULL,
  register_id  TEXT NOT NULL,
  year         INTEGER NOT NULL,
  first        INTEGER NOT NULL CHECK (first >= 1),
  last         INTEGER NOT NULL CHECK (last >= first),
  device       TEXT NOT NULL,
  expires      INTEGER NOT NULL,
  granted_at   INTEGER NOT NULL
);
CREATE INDEX number_leases_scope ON number_leases (agency_id, register_id, year, device);

-- Every number given, once: the primary key is the uniqueness rule (per agency, register and
-- year); a letter is numbered once. Also rebuildable from the `letter.numbered` events.
CREATE TABLE letter_numbers (
  agency_id    TEXT NOT NULL,
  register_id  TEXT NOT NULL,
  year         INTEGER NOT NULL,
  urut         INTEGER NOT NULL,
  number       TEXT NOT NULL,
  letter_id    TEXT NOT NULL UNIQUE,
  case_uuid    TEXT NOT NULL,
  lease_id     INTEGER,
  numbered_at  INTEGER NOT NULL,
  PRIMARY KEY (agency_id, register_id, year, urut)
) WITHOUT ROWID;

-- Remote (BSrE) signing requests. Never retried automatically: a request whose answer was lost
-- after it was sent stays 'unknown' until reconciled. No NIK and no passphrase are stored.
CREATE TABLE sign_requests (
  id             TEXT PRIMARY KEY,
  letter_id      TEXT,
  digest_sha256  TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('queued', 'dispatched', 'unknown', 'signed',
                                                'failed')),
  service_url    TEXT NOT NULL,
  cms_base64     TEXT,
  message        TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
) WITHOUT ROWID;
