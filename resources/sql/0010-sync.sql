-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 10: the sync outbox (DESIGN.md §4, src/sync/PROTOCOL.md), read and written
-- through LoketSyncJournal (src/store/loket-store-sync.c).

-- Key/value state of the sync engine: 'cursor' = server seq of the last applied pulled event;
-- 'applying' = 1 only inside apply_pulled's transaction (its events came from the server).
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO sync_state (key, value) VALUES ('cursor', 0), ('applying', 0);

-- Local events the server has not acknowledged yet, by events.seq (local append order). Every
-- event inserted is pending (a trigger adds it, whoever appends it); mark_pushed and
-- apply_pulled (events that came from the server) delete the rows. Events stored before this
-- schema were never pushed: they are pending too.
CREATE TABLE sync_outbox (
  event_seq INTEGER PRIMARY KEY
);
INSERT INTO sync_outbox (event_seq) SELECT seq FROM events;
CREATE TRIGGER sync_outbox_add AFTER INSERT ON events
WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'applying' AND value = 1)
BEGIN
  INSERT INTO sync_outbox (event_seq) VALUES (new.seq);
END;

-- Blobs not yet uploaded (same pattern); blobs downloaded from the server are deleted at once.
CREATE TABLE sync_blob_outbox (
  sha256 TEXT PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO sync_blob_outbox (sha256) SELECT sha256 FROM blobs;
CREATE TRIGGER sync_blob_outbox_add AFTER INSERT ON blobs
BEGIN
  INSERT OR IGNORE INTO sync_blob_outbox (sha256) VALUES (new.sha256);
END;

-- Blobs that pulled events refer to and this device does not have yet (downloaded later).
CREATE TABLE sync_blob_wanted (
  sha256 TEXT PRIMARY KEY
) WITHOUT ROWID;
