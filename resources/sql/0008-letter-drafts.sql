-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 8: the versions of letter drafts (konsep), one row per `draft.created` /
-- `draft.revised` event (src/core/EVENTS.md), so a case's drafts and a draft's versions are found
-- without reading every event. The content stays in the events only. Rebuilt from the events by
-- `loket-cli rebuild`. When two devices wrote the same version offline, the row keeps the event
-- that sorts first by (HLC, UUID), as the projection does.
CREATE TABLE letter_drafts (
  draft_id    TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  case_uuid   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  event_uuid  TEXT NOT NULL,
  hlc         TEXT NOT NULL,
  author      TEXT NOT NULL,
  position    TEXT,
  note        TEXT,
  at          INTEGER NOT NULL,
  PRIMARY KEY (draft_id, version)
) WITHOUT ROWID;
CREATE INDEX letter_drafts_case ON letter_drafts (case_uuid);

-- Draft events written before this schema (e.g. synced from a newer client).
INSERT OR IGNORE INTO letter_drafts (draft_id, version, case_uuid, kind, event_uuid, hlc, author, position,
                           note, at)
  SELECT json_extract(body, '$.draft_id'), json_extract(body, '$.version'), case_uuid,
         json_extract(body, '$.kind'), uuid, hlc, author, json_extract(body, '$.position'),
         json_extract(body, '$.note'), COALESCE(unixepoch(json_extract(body, '$.at')), 0)
  FROM events
  WHERE type IN ('draft.created', 'draft.revised') AND json_valid(body)
    AND json_type(body, '$.draft_id') = 'text' AND json_type(body, '$.version') = 'integer'
    AND json_extract(body, '$.version') >= 1 AND json_type(body, '$.kind') = 'text'
  ORDER BY hlc, uuid;
