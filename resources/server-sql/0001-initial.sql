-- loket-server schema, version 1 (src/sync/PROTOCOL.md). PostgreSQL 15.
CREATE TABLE agencies (
  id         text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE units (
  id     text PRIMARY KEY,
  agency text NOT NULL REFERENCES agencies (id),
  parent text REFERENCES units (id),
  name   text NOT NULL
);

CREATE TABLE people (
  id     text PRIMARY KEY,
  agency text NOT NULL REFERENCES agencies (id),
  unit   text REFERENCES units (id),
  name   text NOT NULL
);

CREATE TABLE users (
  username      text PRIMARY KEY CHECK (username ~ '^[a-z0-9._-]{1,64}$'),
  agency        text NOT NULL REFERENCES agencies (id),
  person        text REFERENCES people (id),
  roles         text[] NOT NULL CHECK (roles <@ ARRAY['staf', 'pejabat', 'kadis', 'admin']),
  password_hash text NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Bearer tokens, stored as the SHA-256 of the token only.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  username   text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  device     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Which agency owns a case: set by its first case.registered, never changed.
CREATE TABLE cases (
  case_uuid uuid PRIMARY KEY,
  agency    text NOT NULL REFERENCES agencies (id)
);

CREATE TABLE events (
  seq         bigserial PRIMARY KEY,
  uuid        uuid NOT NULL UNIQUE,
  case_uuid   uuid NOT NULL REFERENCES cases (case_uuid),
  agency      text NOT NULL,
  type        text NOT NULL,
  author      text NOT NULL,
  device      text NOT NULL,
  hlc         text NOT NULL,
  body_text   text NOT NULL,
  prev_hash   text,
  hash        text,
  pushed_by   text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_agency_seq ON events (agency, seq);

CREATE TABLE blobs (
  sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size       bigint NOT NULL,
  data       bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- An agency sees the blobs one of its users uploaded.
CREATE TABLE blob_agencies (
  sha256 text NOT NULL REFERENCES blobs (sha256),
  agency text NOT NULL REFERENCES agencies (id),
  PRIMARY KEY (sha256, agency)
);

-- Letter-number blocks: the counter row is locked while a block is cut, so blocks never overlap.
CREATE TABLE number_counters (
  agency   text NOT NULL REFERENCES agencies (id),
  register text NOT NULL,
  year     integer NOT NULL,
  next     bigint NOT NULL CHECK (next >= 1),
  PRIMARY KEY (agency, register, year)
);
CREATE TABLE number_leases (
  id         bigserial PRIMARY KEY,
  agency     text NOT NULL,
  register   text NOT NULL,
  year       integer NOT NULL,
  first      bigint NOT NULL,
  last       bigint NOT NULL CHECK (last >= first),
  device     text NOT NULL,
  username   text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX number_leases_block ON number_leases (agency, register, year, first);
