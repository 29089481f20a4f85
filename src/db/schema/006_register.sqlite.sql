-- 006 register: the activity register of a case and the requests of its
-- household (DOMAIN.md step 4, issue 5).  src/domain/register.h and
-- src/domain/request.h hold the rules; src/lib/workdays.h the working-day
-- calendar the request targets count in.
-- SQLite dialect; 006_register.pg.sql holds the same for PostgreSQL.

-- One entry of a case's register: what was done, when, by whom, for whom.
CREATE TABLE activity (
  id               INTEGER PRIMARY KEY,
  agency_id        INTEGER NOT NULL REFERENCES agency(id),
  case_id          INTEGER NOT NULL REFERENCES case_file(id),
  on_date          TEXT NOT NULL,          -- the day it happened (not in the future)
  author_id        INTEGER NOT NULL REFERENCES app_user(id),  -- who wrote the entry
  kind             TEXT NOT NULL CHECK (kind IN ('meeting','phone_call','home_visit','email',
                     'school_meeting','team_meeting','note')),
  minutes          INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1440),  -- time spent
  intervention_id  INTEGER REFERENCES intervention(id),     -- the intervention it concerns, if any
  confidentiality  TEXT NOT NULL DEFAULT 'normal' CHECK (confidentiality IN ('normal','restricted')),
                                          -- restricted: author, holder, case manager, manager only
  text             TEXT NOT NULL,         -- what happened (at most 4000 characters)
  created_at       TEXT NOT NULL          -- UTC timestamp of the entry
);
CREATE INDEX activity_case ON activity(case_id, on_date, id);
CREATE INDEX activity_created ON activity(agency_id, created_at);

-- The household members an entry involved (members of the case's household).
CREATE TABLE activity_member (
  activity_id  INTEGER NOT NULL REFERENCES activity(id),
  person_id    INTEGER NOT NULL REFERENCES person(id),
  PRIMARY KEY (activity_id, person_id)
);
CREATE INDEX activity_member_person ON activity_member(person_id);

-- The agency's target times per kind of request, in working days
-- (Monday-Friday without Italian national holidays, src/lib/workdays.h).
-- A kind without a row uses the built-in default of src/domain/request.c;
-- the rows below install those defaults for the agencies that exist now.
CREATE TABLE request_kind_target (
  agency_id             INTEGER NOT NULL REFERENCES agency(id),
  kind                  TEXT NOT NULL CHECK (kind IN ('rent','documents','school','health','emergency','other')),
  ack_working_days      INTEGER NOT NULL CHECK (ack_working_days BETWEEN 0 AND 60),
                                          -- to acknowledge: by the end of the Nth working day after it was raised (0: the same working day)
  resolve_working_days  INTEGER NOT NULL CHECK (resolve_working_days BETWEEN 0 AND 250),
                                          -- to resolve, counted the same way; never below ack_working_days
  PRIMARY KEY (agency_id, kind)
);
-- Defaults: an emergency (eviction today, no heating, a child unsafe) is
-- acknowledged the same working day and resolved by the next; health 1/5
-- (a visit or a prescription cannot wait a week); rent 2/10 (arrears must
-- be met before the landlord's notice runs on); school 2/10 (enrolment
-- and transport within the fortnight); documents 2/15 (public offices
-- take their time); other 3/20.
INSERT INTO request_kind_target (agency_id, kind, ack_working_days, resolve_working_days)
  SELECT a.id, k.kind, k.ack, k.res FROM agency a CROSS JOIN (
    SELECT 'emergency' AS kind, 0 AS ack, 1 AS res UNION ALL SELECT 'health', 1, 5
    UNION ALL SELECT 'rent', 2, 10 UNION ALL SELECT 'school', 2, 10
    UNION ALL SELECT 'documents', 2, 15 UNION ALL SELECT 'other', 3, 20) k;

-- A need of the household, raised by the participant (recorded by an
-- operator) or by an operator, answered by its assignee:
-- raised -> acknowledged -> resolved.
CREATE TABLE request (
  id                     INTEGER PRIMARY KEY,
  agency_id              INTEGER NOT NULL REFERENCES agency(id),
  case_id                INTEGER NOT NULL REFERENCES case_file(id),
  kind                   TEXT NOT NULL CHECK (kind IN ('rent','documents','school','health','emergency','other')),
  raised_by_participant  INTEGER NOT NULL DEFAULT 0 CHECK (raised_by_participant IN (0,1)),
                                          -- 1: the participant asked; raised_by recorded it
  raised_by              INTEGER NOT NULL REFERENCES app_user(id),
  assignee_id            INTEGER NOT NULL REFERENCES app_user(id),   -- who must answer
  text                   TEXT NOT NULL,   -- the need (at most 2000 characters)
  raised_at              TEXT NOT NULL,   -- UTC timestamp
  acknowledged_at        TEXT,            -- UTC timestamp; NULL until acknowledged
  acknowledged_by        INTEGER REFERENCES app_user(id),
  resolved_at            TEXT,            -- UTC timestamp; NULL until resolved
  resolved_by            INTEGER REFERENCES app_user(id),
  resolution             TEXT             -- how it was answered (required to resolve)
);
CREATE INDEX request_case ON request(case_id, id);
CREATE INDEX request_assignee ON request(assignee_id, resolved_at);
CREATE INDEX request_agency ON request(agency_id, raised_at);
