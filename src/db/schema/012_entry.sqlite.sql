-- 012 entry: the participant's profile at entry, stored (issue 6,
-- "Participant profile"; src/domain/entry.h).  DOMAIN.md counts each
-- participation as it was on its entry date, the date the project was
-- agreed; the registry keeps only current people and households, so each
-- case that reached an agreed project gets one row here, written once
-- (by project_agree in the agreement's transaction, by the demo and the
-- history import after they load cases, by `ali migrate` for the cases
-- agreed before this migration, and by the profile report before it
-- reads) and never changed.  The migration itself cannot compute it: the
-- rules are C (entry_rules).
-- SQLite dialect; 012_entry.pg.sql holds the same for PostgreSQL.

CREATE TABLE entry_profile (
  case_id        INTEGER PRIMARY KEY REFERENCES case_file(id), -- the participation
  agency_id      INTEGER NOT NULL REFERENCES agency(id),
  person_id      INTEGER NOT NULL REFERENCES person(id),       -- the participant
  entry_date     TEXT NOT NULL,         -- case_file.agreed_on: the date the project was agreed
  gender         TEXT CHECK (gender IN ('F','M')),            -- NULL: unknown
  birth_date     TEXT,                  -- as the registry had it; NULL: unknown
  age            INTEGER CHECK (age >= 0), -- whole years at entry_date; NULL: unknown
  birth_country  TEXT,                  -- ISO 3166-1 alpha-2; NULL: unknown
  origin         TEXT CHECK (origin IN ('italy','other')),    -- from birth_country; NULL: unknown
  household_size INTEGER NOT NULL CHECK (household_size >= 1), -- members at entry, the participant included
  single_mother  INTEGER CHECK (single_mother IN (0,1)),       -- DOMAIN.md definition; NULL: gender unknown
  created_at     TEXT NOT NULL          -- UTC timestamp the row was written
);
CREATE INDEX entry_profile_agency ON entry_profile(agency_id);
