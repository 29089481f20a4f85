-- 005 courses: training courses (issue 5).  A course is a catalogue
-- service of kind 'training' (service, 001); it runs in editions with
-- dates, seats, a trainer and a place.  A project's intervention of that
-- service is enrolled in an edition -- or waits for a seat, in order --
-- and its attendance is registered per session; completion carries the
-- certificate (HACCP certificate, forklift licence).  The rules live in
-- src/domain/course.c.
-- SQLite dialect; 005_courses.pg.sql holds the same for PostgreSQL.

-- An edition of a course.
CREATE TABLE course_edition (
  id               INTEGER PRIMARY KEY,
  agency_id        INTEGER NOT NULL REFERENCES agency(id),
  service_id       INTEGER NOT NULL REFERENCES service(id),  -- the course: a service of kind training
  code             TEXT NOT NULL,           -- e.g. HACCP-2024-1; unique within the agency
  title            TEXT NOT NULL,           -- shown in lists
  starts_on        TEXT NOT NULL,           -- date of the first day
  ends_on          TEXT NOT NULL CHECK (ends_on >= starts_on), -- date of the last day
  seats            INTEGER NOT NULL CHECK (seats >= 1),        -- enrolled participants at most
  trainer_id       INTEGER REFERENCES app_user(id),            -- an operator; records attendance
  organisation_id  INTEGER REFERENCES organisation(id),        -- the provider running it
  place            TEXT,                    -- where it is held
  status           TEXT NOT NULL DEFAULT 'planned' CHECK (status IN
                     ('planned','running','finished','cancelled')),
  created_at       TEXT NOT NULL,           -- UTC timestamp
  UNIQUE (agency_id, code)
);
CREATE INDEX course_edition_service ON course_edition(service_id, starts_on);

-- A participant of an edition: one intervention (of the edition's
-- service) enrolled or waiting for a seat.
CREATE TABLE enrolment (
  id                  INTEGER PRIMARY KEY,
  edition_id          INTEGER NOT NULL REFERENCES course_edition(id),
  intervention_id     INTEGER NOT NULL UNIQUE REFERENCES intervention(id), -- one edition per intervention
  person_id           INTEGER NOT NULL REFERENCES person(id),  -- the intervention's recipient
  status              TEXT NOT NULL CHECK (status IN
                        ('enrolled','waiting','completed','withdrawn','failed')),
  position            INTEGER,              -- order on the waiting list (NULL unless waiting)
  enrolled_at         TEXT NOT NULL,        -- UTC timestamp the enrolment (or waiting) was asked
  completed_on        TEXT,                 -- date completed, withdrawn or failed
  certificate_number  TEXT,                 -- e.g. the HACCP certificate's number
  certificate_on      TEXT                  -- date the certificate was issued
);
CREATE INDEX enrolment_edition ON enrolment(edition_id, status, position);

-- A session (a lesson day) of an edition.
CREATE TABLE course_session (
  id          INTEGER PRIMARY KEY,
  edition_id  INTEGER NOT NULL REFERENCES course_edition(id),
  on_date     TEXT NOT NULL,                -- date
  minutes     INTEGER NOT NULL CHECK (minutes > 0), -- length
  topic       TEXT                          -- what it covered
);
CREATE INDEX course_session_edition ON course_session(edition_id, on_date);

-- The register of attendance: one row per session and enrolled participant recorded.
CREATE TABLE course_attendance (
  session_id    INTEGER NOT NULL REFERENCES course_session(id),
  enrolment_id  INTEGER NOT NULL REFERENCES enrolment(id),
  present       INTEGER NOT NULL CHECK (present IN (0,1)), -- 1 present, 0 absent
  PRIMARY KEY (session_id, enrolment_id)
);
