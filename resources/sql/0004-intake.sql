-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 4: intake — device settings, agenda counters, drafts.

-- Settings of this database's device: "device_id" (a random UUID, the `device` of the events
-- written here) and "device_code" (the short code in agenda numbers). Made on first open.
CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;

-- Nomor agenda counters, one per (agency, year, device code): the last number given
-- (device-scoped scheme, see loket-store.h and loket-agenda.c).
CREATE TABLE agenda_counters (
  agency_id    TEXT NOT NULL,
  year         INTEGER NOT NULL,
  device_code  TEXT NOT NULL,
  last         INTEGER NOT NULL,
  PRIMARY KEY (agency_id, year, device_code)
) WITHOUT ROWID;

-- Autosaved intake drafts (the JSON of LoketIntakeForm) and what the list of drafts shows.
CREATE TABLE drafts (
  id             TEXT PRIMARY KEY,
  service_id     TEXT,
  channel        TEXT,
  subject        TEXT,
  party_name     TEXT,
  n_attachments  INTEGER NOT NULL DEFAULT 0,
  json           TEXT NOT NULL,
  updated_at     INTEGER NOT NULL
) WITHOUT ROWID;
