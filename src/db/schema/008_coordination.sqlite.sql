-- 008 coordination: the professionals around a case work together
-- (DOMAIN.md step 4, issue 5 "Coordination").  The history of who held
-- each role on a case (kept by triggers, so that no writer of case_file
-- can bypass it; handover.c adds the handover note and who assigned),
-- and the weekly team meetings of a social worker with the minutes of
-- the cases discussed (each minute is also written to the case's
-- activity register, see src/domain/coordination.c).
-- SQLite dialect; 008_coordination.pg.sql holds the same for PostgreSQL.

-- Who held a role on a case, and when.  Exactly one open row (to_at
-- NULL) per case and role while case_file names someone in that role.
CREATE TABLE case_assignment (
  id           INTEGER PRIMARY KEY,
  agency_id    INTEGER NOT NULL REFERENCES agency(id),
  case_id      INTEGER NOT NULL REFERENCES case_file(id),
  role         TEXT NOT NULL CHECK (role IN ('social_worker','case_manager','psychotherapist')),
  user_id      INTEGER NOT NULL REFERENCES app_user(id),
  from_at      TEXT NOT NULL,              -- when it began: UTC timestamp (first holders: the case's opened_at)
  to_at        TEXT,                       -- UTC timestamp it ended; NULL while current
  note         TEXT,                       -- the handover note for the new holder
  assigned_by  INTEGER REFERENCES app_user(id) -- NULL: not recorded (intake pages, CLI, backfill)
);
CREATE INDEX case_assignment_case ON case_assignment(case_id, role, to_at);
CREATE INDEX case_assignment_user ON case_assignment(user_id, to_at);

-- History starts complete: the current assignments of existing cases,
-- from the day the case was opened.
INSERT INTO case_assignment(agency_id, case_id, role, user_id, from_at)
  SELECT agency_id, id, 'social_worker', social_worker_id, opened_at
    FROM case_file WHERE social_worker_id IS NOT NULL;
INSERT INTO case_assignment(agency_id, case_id, role, user_id, from_at)
  SELECT agency_id, id, 'case_manager', case_manager_id, opened_at
    FROM case_file WHERE case_manager_id IS NOT NULL;
INSERT INTO case_assignment(agency_id, case_id, role, user_id, from_at)
  SELECT agency_id, id, 'psychotherapist', psychotherapist_id, opened_at
    FROM case_file WHERE psychotherapist_id IS NOT NULL;

-- The triggers that keep the history: a new case opens a row per role
-- it names, from its opening; a change of holder closes the open row and
-- opens one, now.
CREATE TRIGGER case_assignment_open AFTER INSERT ON case_file BEGIN
  INSERT INTO case_assignment(agency_id, case_id, role, user_id, from_at)
    SELECT NEW.agency_id, NEW.id, 'social_worker', NEW.social_worker_id,
           NEW.opened_at WHERE NEW.social_worker_id IS NOT NULL;
  INSERT INTO case_assignment(agency_id, case_id, role, user_id, from_at)
    SELECT NEW.agency_id, NEW.id, 'case_manager', NEW.case_manager_id,
           NEW.opened_at WHERE NEW.case_manager_id IS NOT NULL;
  INSERT INTO case_assignment(agency_id, case_id, role, user_id, from_at)
    SELECT NEW.agency_id, NEW.id, 'psychotherapist', NEW.psychotherapist_id,
           NEW.opened_at WHERE NEW.psychotherapist_id IS NOT NULL;
END;
CREATE TRIGGER case_assignment_social_worker AFTER UPDATE OF social_worker_id ON case_file
  WHEN OLD.social_worker_id IS NOT NEW.social_worker_id BEGIN
  UPDATE case_assignment SET to_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')
    WHERE case_id = NEW.id AND role = 'social_worker' AND to_at IS NULL;
  INSERT INTO case_assignment(agency_id, case_id, role, user_id, from_at)
    SELECT NEW.agency_id, NEW.id, 'social_worker', NEW.social_worker_id,
           strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE NEW.social_worker_id IS NOT NULL;
END;
CREATE TRIGGER case_assignment_case_manager AFTER UPDATE OF case_manager_id ON case_file
  WHEN OLD.case_manager_id IS NOT NEW.case_manager_id BEGIN
  UPDATE case_assignment SET to_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')
    WHERE case_id = NEW.id AND role = 'case_manager' AND to_at IS NULL;
  INSERT INTO case_assignment(agency_id, case_id, role, user_id, from_at)
    SELECT NEW.agency_id, NEW.id, 'case_manager', NEW.case_manager_id,
           strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE NEW.case_manager_id IS NOT NULL;
END;
CREATE TRIGGER case_assignment_psychotherapist AFTER UPDATE OF psychotherapist_id ON case_file
  WHEN OLD.psychotherapist_id IS NOT NEW.psychotherapist_id BEGIN
  UPDATE case_assignment SET to_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')
    WHERE case_id = NEW.id AND role = 'psychotherapist' AND to_at IS NULL;
  INSERT INTO case_assignment(agency_id, case_id, role, user_id, from_at)
    SELECT NEW.agency_id, NEW.id, 'psychotherapist', NEW.psychotherapist_id,
           strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE NEW.psychotherapist_id IS NOT NULL;
END;

-- A weekly team meeting of a social worker with the case managers of
-- their cases.
CREATE TABLE team_meeting (
  id                INTEGER PRIMARY KEY,
  agency_id         INTEGER NOT NULL REFERENCES agency(id),
  social_worker_id  INTEGER NOT NULL REFERENCES app_user(id), -- whose cases were discussed
  held_on           TEXT NOT NULL,         -- date of the meeting
  notes             TEXT,                  -- general notes, who attended
  created_by        INTEGER REFERENCES app_user(id),
  created_at        TEXT NOT NULL          -- UTC timestamp
);
CREATE INDEX team_meeting_worker ON team_meeting(social_worker_id, held_on);
-- A case discussed at a meeting, with its minute (also in the case's
-- activity register).
CREATE TABLE team_meeting_case (
  meeting_id  INTEGER NOT NULL REFERENCES team_meeting(id),
  case_id     INTEGER NOT NULL REFERENCES case_file(id),
  minute      TEXT NOT NULL,               -- what was said and decided
  PRIMARY KEY (meeting_id, case_id)
);
CREATE INDEX team_meeting_case_case ON team_meeting_case(case_id);
