-- 002 access: staff accounts, roles, sessions, API tokens, login
-- throttling, the cases people hold (need-to-know), emergency access,
-- special-category data, and the tamper-evident audit trail.
-- SQLite dialect; 002_access.pg.sql holds the same tables for PostgreSQL.

-- A member of staff who logs in: of the agency, or of an organisation
-- (a cooperative) working for it.
CREATE TABLE app_user (
  id               INTEGER PRIMARY KEY,
  agency_id        INTEGER NOT NULL REFERENCES agency(id),
  organisation_id  INTEGER REFERENCES organisation(id), -- NULL: the agency's own staff
  username         TEXT NOT NULL UNIQUE,  -- login name, lowercase
  full_name        TEXT NOT NULL,
  email            TEXT,
  password_hash    TEXT,                  -- argon2id (crypto_pwhash_str); NULL: cannot log in
  active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at       TEXT NOT NULL,
  password_changed_at TEXT                -- ends sessions started before it
);

-- The roles a user holds (role codes: admin, manager, social_worker,
-- psychotherapist, case_manager, operator, evaluator, auditor).
CREATE TABLE user_role (
  user_id  INTEGER NOT NULL REFERENCES app_user(id),
  role     TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

-- A browser session.  Only the hash of the cookie's secret is stored.
CREATE TABLE session (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES app_user(id),
  token_hash    TEXT NOT NULL UNIQUE,     -- hex BLAKE2b-256 of the 256-bit secret
  csrf_token    TEXT NOT NULL,            -- hex, 256 bits, sent in every form
  created_at    TEXT NOT NULL,            -- absolute expiry counts from here
  last_seen_at  TEXT NOT NULL,            -- idle expiry counts from here
  address       TEXT,                     -- client address at login
  ended_at      TEXT                      -- logout, password change, expiry
);
CREATE INDEX session_by_user ON session(user_id);

-- An API bearer token.  Only its hash is stored; revocable.
CREATE TABLE api_token (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES app_user(id),
  token_hash    TEXT NOT NULL UNIQUE,     -- hex BLAKE2b-256 of the token
  label         TEXT,                     -- what it is for
  created_at    TEXT NOT NULL,
  last_used_at  TEXT,
  revoked_at    TEXT
);
CREATE INDEX api_token_user ON api_token(user_id);

-- Failed logins, for throttling by account and by address.  The
-- username is kept as typed (it may not exist); no password, ever.
CREATE TABLE login_failure (
  id        INTEGER PRIMARY KEY,
  username  TEXT NOT NULL,
  address   TEXT NOT NULL,
  at        TEXT NOT NULL
);
CREATE INDEX login_failure_user ON login_failure(username, at);
CREATE INDEX login_failure_address ON login_failure(address, at);

-- A case: the agency's file on a participant and their household, held
-- by a social worker; a cooperative's case manager follows it once
-- assigned.  Need-to-know access is decided on cases.
CREATE TABLE case_file (
  id               INTEGER PRIMARY KEY,
  agency_id        INTEGER NOT NULL REFERENCES agency(id),
  person_id        INTEGER NOT NULL REFERENCES person(id),  -- the participant
  social_worker_id INTEGER REFERENCES app_user(id),         -- holds the case
  psychotherapist_id INTEGER REFERENCES app_user(id),
  organisation_id  INTEGER REFERENCES organisation(id),     -- the cooperative
  case_manager_id  INTEGER REFERENCES app_user(id),         -- of that cooperative
  opened_at        TEXT NOT NULL,
  closed_at        TEXT
);
CREATE INDEX case_file_person ON case_file(person_id);
CREATE INDEX case_file_social_worker ON case_file(social_worker_id);
CREATE INDEX case_file_case_manager ON case_file(case_manager_id);

-- Operators assigned to a case (educator, home-care worker, tutor...):
-- they see only the household members their work is for.
CREATE TABLE case_operator (
  case_id    INTEGER NOT NULL REFERENCES case_file(id),
  user_id    INTEGER NOT NULL REFERENCES app_user(id),
  person_id  INTEGER NOT NULL REFERENCES person(id),  -- the member served
  PRIMARY KEY (case_id, user_id, person_id)
);
CREATE INDEX case_operator_user ON case_operator(user_id, person_id);

-- Emergency access ("break the glass") to a case the user does not hold.
CREATE TABLE break_glass (
  id          INTEGER PRIMARY KEY,
  agency_id   INTEGER NOT NULL REFERENCES agency(id),
  user_id     INTEGER NOT NULL REFERENCES app_user(id),
  person_id   INTEGER NOT NULL REFERENCES person(id),
  reason      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL              -- 60 minutes after created_at
);
CREATE INDEX break_glass_user ON break_glass(user_id, person_id);

-- Special-category data of a person (GDPR art. 9-10): visible only to
-- roles that need it, on cases they hold; every read is audited.
CREATE TABLE person_sensitive (
  person_id      INTEGER PRIMARY KEY REFERENCES person(id),
  health         TEXT,                   -- psycho-physical health
  psych_notes    TEXT,                   -- psychological support notes
  court_notes    TEXT,                   -- court-related notes
  addiction      TEXT,                   -- addiction, suspected or known
  updated_at     TEXT NOT NULL
);

-- The audit trail: append-only; each entry's hash covers the previous
-- entry's hash and its own content (BLAKE2b-256), so a changed or removed
-- entry breaks the chain (`ali audit verify`).
CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  agency_id   INTEGER,                    -- NULL: before an agency is known (a failed login)
  at          TEXT NOT NULL,              -- UTC timestamp
  user_id     INTEGER,                    -- NULL: anonymous (a failed login)
  username    TEXT,                       -- as it was then
  address     TEXT,                       -- client address; NULL for the CLI
  action      TEXT NOT NULL,              -- create, update, read_sensitive, export,
                                          -- login, login_failed, logout, denied, break_glass...
  entity      TEXT,                       -- person, household, user, ...
  entity_id   INTEGER,
  person_id   INTEGER,                    -- whose data it touched, for "who opened this file"
  detail      TEXT,                       -- JSON: field-level before/after, a reason
  prev_hash   TEXT NOT NULL,              -- hex hash of the previous entry ('' for the first)
  hash        TEXT NOT NULL               -- hex BLAKE2b-256 over prev_hash and this entry
);
CREATE INDEX audit_person ON audit(person_id, id);

-- The head of the audit chain: one row, updated by every append.  Taking
-- its row lock first makes concurrent appends queue up, so that entries
-- chain one after the other; a deleted last entry no longer matches it.
CREATE TABLE audit_head (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  last_id    INTEGER NOT NULL,               -- id of the last entry (0: none)
  last_hash  TEXT NOT NULL               -- its hash ('' when none)
);
INSERT INTO audit_head(id, last_id, last_hash) VALUES (1, 0, '');
CREATE INDEX audit_user ON audit(user_id, id);
CREATE INDEX audit_at ON audit(at);
