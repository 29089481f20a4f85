-- 010 agenda: the activities of a case's register that are planned
-- before they happen (issue 5, "My day": visits and meetings planned).
-- A home visit, a meeting, a school meeting or a phone call is planned
-- for a day (and maybe an hour) with the workers who will take part; it
-- is later recorded as done (the day it happened, the time spent, what
-- happened) or cancelled with a reason.  Only done activities are the
-- register's timeline; src/domain/agenda.h holds the rules.
-- SQLite dialect; 010_agenda.pg.sql holds the same for PostgreSQL.

-- Every entry written before this migration happened: status 'done'.
ALTER TABLE activity ADD COLUMN status TEXT NOT NULL DEFAULT 'done'
  CHECK (status IN ('planned','done','cancelled'));
                                          -- planned: on_date is the day it is planned for (today or later when planned);
                                          -- done: on_date is the day it happened; cancelled: it will not happen
ALTER TABLE activity ADD COLUMN planned_on TEXT;     -- the day it was planned for (NULL: never planned)
ALTER TABLE activity ADD COLUMN planned_time TEXT;   -- the hour planned, 'HH:MM' (NULL: any time of the day)
ALTER TABLE activity ADD COLUMN plan_text TEXT;      -- its purpose as planned (text then holds what happened)
ALTER TABLE activity ADD COLUMN cancel_reason TEXT;  -- why it was cancelled (at most 500 characters)
ALTER TABLE activity ADD COLUMN closed_by INTEGER REFERENCES app_user(id);  -- who recorded it done or cancelled it
ALTER TABLE activity ADD COLUMN closed_at TEXT;      -- UTC timestamp it was recorded done or cancelled
CREATE INDEX activity_planned ON activity(agency_id, status, on_date);

-- The workers who take part in a planned activity besides its author:
-- it is on their "my day" too.
CREATE TABLE activity_worker (
  activity_id  INTEGER NOT NULL REFERENCES activity(id),
  user_id      INTEGER NOT NULL REFERENCES app_user(id),
  PRIMARY KEY (activity_id, user_id)
);
CREATE INDEX activity_worker_user ON activity_worker(user_id);
