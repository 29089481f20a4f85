-- 001 registry: agencies, organisations, the programme (rounds, funding
-- streams, service catalogue) and the registry of people and households.
-- SQLite dialect; 001_registry.pg.sql holds the same tables for PostgreSQL.
-- Dates are 'YYYY-MM-DD' text, timestamps UTC ISO 8601 text, money cents.

-- A public social-services agency: the owner of every row of case data.
CREATE TABLE agency (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,       -- short code used by the CLI (--agency)
  name        TEXT NOT NULL,              -- shown in the page header
  created_at  TEXT NOT NULL               -- UTC timestamp
);

-- Organisations the agency works with: provider cooperatives, host firms
-- of internships, specialised services that receive referrals.
CREATE TABLE organisation (
  id          INTEGER PRIMARY KEY,
  agency_id   INTEGER NOT NULL REFERENCES agency(id),
  code        TEXT NOT NULL,              -- unique within the agency
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('cooperative','host_firm','specialised_service')),
  vat_number  TEXT,                       -- partita IVA, 11 digits, when known
  UNIQUE (agency_id, code)
);

-- A programme round ("edizione"): a period in which paths start and end.
CREATE TABLE round (
  id               INTEGER PRIMARY KEY,
  agency_id        INTEGER NOT NULL REFERENCES agency(id),
  code             TEXT NOT NULL,         -- e.g. R1; unique within the agency
  name             TEXT NOT NULL,
  start_date       TEXT NOT NULL,
  end_date         TEXT NOT NULL CHECK (end_date >= start_date),
  max_participants INTEGER,               -- NULL: no cap
  UNIQUE (agency_id, code)
);

-- A funding stream that pays for paths, with the rule its participants
-- must meet (NULL: open to everyone the programme admits).
CREATE TABLE funding_stream (
  id               INTEGER PRIMARY KEY,
  agency_id        INTEGER NOT NULL REFERENCES agency(id),
  code             TEXT NOT NULL,         -- e.g. fondo_poverta
  name             TEXT NOT NULL,
  allocation_cents INTEGER NOT NULL CHECK (allocation_cents >= 0),
  esf              INTEGER NOT NULL DEFAULT 0 CHECK (esf IN (0,1)), -- ESF co-financed
  rule             TEXT CHECK (rule IN ('minimum_income')),         -- eligibility rule
  UNIQUE (agency_id, code)
);

-- The service catalogue: data, so that an agency adds its own services.
CREATE TABLE service (
  id          INTEGER PRIMARY KEY,
  agency_id   INTEGER NOT NULL REFERENCES agency(id),
  code        TEXT NOT NULL,              -- e.g. internship, haccp
  name_it     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('internship','training','home_education',
                'home_care','psych_support','orientation','other')),
  UNIQUE (agency_id, code)
);

-- Which organisations provide a service.
CREATE TABLE service_provider (
  service_id      INTEGER NOT NULL REFERENCES service(id),
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  PRIMARY KEY (service_id, organisation_id)
);

-- The services a round offers; a service absent here is "not active" in it.
CREATE TABLE round_service (
  round_id    INTEGER NOT NULL REFERENCES round(id),
  service_id  INTEGER NOT NULL REFERENCES service(id),
  PRIMARY KEY (round_id, service_id)
);

-- A household ("nucleo familiare") as the registry knows it.
CREATE TABLE household (
  id             INTEGER PRIMARY KEY,
  agency_id      INTEGER NOT NULL REFERENCES agency(id),
  household_ref  TEXT NOT NULL,           -- the agency's own id; unique within it
  municipality   TEXT,                    -- where the household lives
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (agency_id, household_ref)
);

-- A person in the registry: a citizen the agency assists, or a member of
-- such a citizen's household.
CREATE TABLE person (
  id              INTEGER PRIMARY KEY,
  agency_id       INTEGER NOT NULL REFERENCES agency(id),
  person_ref      TEXT NOT NULL,          -- the agency's own id; unique within it
  household_id    INTEGER NOT NULL REFERENCES household(id),
  relationship    TEXT NOT NULL DEFAULT 'reference' CHECK (relationship IN
                    ('reference','partner','child','parent','sibling','other')),
                                          -- to the household's reference person
  codice_fiscale  TEXT,                   -- validated; optional (not everyone has one yet)
  first_name      TEXT NOT NULL,
  last_name       TEXT NOT NULL,
  name_key        TEXT NOT NULL,          -- lowercase ASCII "last first": prefix search
  gender          TEXT CHECK (gender IN ('F','M')),
  birth_date      TEXT,
  birth_country   TEXT,                   -- ISO 3166-1 alpha-2
  citizenship     TEXT,                   -- ISO 3166-1 alpha-2
  municipality    TEXT,                   -- of residence
  minimum_income  INTEGER CHECK (minimum_income IN (0,1)), -- receives it; NULL unknown
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (agency_id, person_ref)
);
CREATE INDEX person_name ON person(agency_id, name_key, id);
CREATE INDEX person_cf ON person(agency_id, codice_fiscale);
CREATE INDEX person_household ON person(household_id);
