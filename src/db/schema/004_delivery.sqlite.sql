-- 004 delivery: interventions run (DOMAIN.md step 4).  The lifecycle of
-- an intervention (src/domain/delivery.h) with its history; internships
-- with host firms, placements, attendance and hiring; sessions of the
-- services delivered in sessions (home education, home care,
-- psychological support, orientation).
-- SQLite dialect; 004_delivery.pg.sql holds the same for PostgreSQL.

ALTER TABLE intervention ADD COLUMN started_on TEXT;     -- date it became active
ALTER TABLE intervention ADD COLUMN ended_on TEXT;       -- date completed, interrupted or cancelled
ALTER TABLE intervention ADD COLUMN status_reason TEXT;  -- reason of the last suspension, interruption, cancellation

-- Every transition of an intervention, in order.
CREATE TABLE intervention_event (
  id               INTEGER PRIMARY KEY,
  intervention_id  INTEGER NOT NULL REFERENCES intervention(id),
  on_date          TEXT NOT NULL,          -- the date it took effect
  from_status      TEXT NOT NULL,
  to_status        TEXT NOT NULL,
  reason           TEXT,
  user_id          INTEGER REFERENCES app_user(id),
  created_at       TEXT NOT NULL           -- UTC timestamp
);
CREATE INDEX intervention_event_iv ON intervention_event(intervention_id, id);

-- Host firms are organisations of kind host_firm (partita IVA in
-- vat_number); what an internship needs to know of them.
ALTER TABLE organisation ADD COLUMN ateco_section TEXT
  CHECK (ateco_section IS NULL OR (length(ateco_section)=1 AND ateco_section BETWEEN 'A' AND 'U')); -- ATECO 2007 section, A..U
ALTER TABLE organisation ADD COLUMN address TEXT;        -- street, number, postcode, town
ALTER TABLE organisation ADD COLUMN contact_name TEXT;   -- the person to call
ALTER TABLE organisation ADD COLUMN contact_phone TEXT;
ALTER TABLE organisation ADD COLUMN contact_email TEXT;

-- Home educational service for minors: the child is the intervention's
-- person; the school attended and the hours per week agreed.
ALTER TABLE intervention ADD COLUMN school TEXT;
ALTER TABLE intervention ADD COLUMN weekly_hours INTEGER CHECK (weekly_hours BETWEEN 0 AND 168);

-- The placement of an internship intervention (one per intervention).
CREATE TABLE placement (
  intervention_id          INTEGER PRIMARY KEY REFERENCES intervention(id),
  host_firm_id             INTEGER NOT NULL REFERENCES organisation(id), -- kind host_firm
  company_tutor            TEXT,               -- the firm's tutor (a name)
  coop_tutor_id            INTEGER REFERENCES app_user(id), -- the cooperative's tutor (an operator)
  start_on                 TEXT NOT NULL,      -- date
  end_on                   TEXT CHECK (end_on IS NULL OR end_on >= start_on), -- date agreed or actual
  weekly_hours             INTEGER CHECK (weekly_hours BETWEEN 0 AND 60),
  monthly_indemnity_cents  INTEGER CHECK (monthly_indemnity_cents >= 0),
  end_reason               TEXT,               -- why it ended (free text)
  hired_on                 TEXT,               -- date the host firm hired the intern
  contract_type            TEXT CHECK (contract_type IN ('permanent','fixed_term','apprenticeship','other')),
  updated_at               TEXT NOT NULL,
  CHECK ((hired_on IS NULL) = (contract_type IS NULL))
);
CREATE INDEX placement_firm ON placement(host_firm_id);
CREATE INDEX placement_tutor ON placement(coop_tutor_id);

-- The attendance log of a placement: one row per day.
CREATE TABLE placement_attendance (
  id               INTEGER PRIMARY KEY,
  intervention_id  INTEGER NOT NULL REFERENCES placement(intervention_id),
  on_date          TEXT NOT NULL,
  minutes          INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1440), -- time present, in minutes
  present          INTEGER NOT NULL CHECK (present IN (0,1)),         -- 0: absent (minutes 0)
  note             TEXT,
  recorded_by      INTEGER REFERENCES app_user(id),
  created_at       TEXT NOT NULL,
  UNIQUE (intervention_id, on_date)
);

-- A session of a service delivered in sessions (home education, home
-- care, psychological support, orientation; any intervention may have
-- them).  The note of a psychological support session is restricted
-- (policy_sensitive_visible, SENS_PSYCH_NOTES).
CREATE TABLE intervention_session (
  id               INTEGER PRIMARY KEY,
  intervention_id  INTEGER NOT NULL REFERENCES intervention(id),
  on_date          TEXT NOT NULL,
  minutes          INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  note             TEXT,                 -- e.g. school liaison notes
  recorded_by      INTEGER REFERENCES app_user(id),
  created_at       TEXT NOT NULL
);
CREATE INDEX intervention_session_iv ON intervention_session(intervention_id, on_date);
