-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 9: the review chain of letter drafts, one row per draft, folded from the case's
-- draft.*, letter.signed and comment.* events by LoketDraftChain (src/core/loket-draft-chain.c):
-- its stage and whose turn it is, so "Perlu Paraf" and "Menunggu Tanda Tangan" are index ranges.
-- Rebuilt from the events by `loket-cli rebuild`; filled at open for a database made before this
-- schema (settings key draft_chain_folded).
CREATE TABLE draft_chain (
  draft_id    TEXT PRIMARY KEY,
  case_uuid   TEXT NOT NULL,
  kind        TEXT,
  version     INTEGER NOT NULL,
  stage       TEXT NOT NULL CHECK (stage IN ('editing', 'in_review', 'returned', 'approved', 'signed')),
  holder      TEXT,            -- the position whose turn it is (NULL once signed)
  signer      TEXT,            -- the last position of the route submitted
  n_comments  INTEGER NOT NULL DEFAULT 0, -- open (unresolved) comments on the draft
  updated_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX draft_chain_holder ON draft_chain (holder, stage, updated_at);
CREATE INDEX draft_chain_case ON draft_chain (case_uuid);
