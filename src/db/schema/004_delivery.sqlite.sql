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
