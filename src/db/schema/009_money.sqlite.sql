-- 009 money: what the paths cost and how the agency pays the
-- cooperatives back (issue 6, "Money"; docs/money.md).  A cooperative
-- records its expenses per intervention; at a quarter's end it gathers
-- them, per funding stream, into its quarterly statement and submits it;
-- the agency approves or rejects each line with a reason, the
-- cooperative corrects or removes the rejected lines and submits again,
-- and the approved statement is marked reimbursed with the payment date.
-- The rules live in src/domain/money.c (pure), expense.c and statement.c.
-- SQLite dialect; 009_money.pg.sql holds the same for PostgreSQL.

-- A quarterly statement of one cooperative on one funding stream.  Its
-- lines are the expenses whose statement_id names it.
CREATE TABLE statement (
  id                 INTEGER PRIMARY KEY,
  agency_id          INTEGER NOT NULL REFERENCES agency(id),
  organisation_id    INTEGER NOT NULL REFERENCES organisation(id),   -- the cooperative claiming
  funding_stream_id  INTEGER NOT NULL REFERENCES funding_stream(id), -- the stream it claims on
  quarter            TEXT NOT NULL CHECK (length(quarter) = 7 AND substr(quarter, 5, 2) = '-Q'
                       AND substr(quarter, 7, 1) BETWEEN '1' AND '4'), -- e.g. 2021-Q3
  status             TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted',
                       'approved','partly_approved','rejected','reimbursed')), -- money.h, StStatus
  submission         INTEGER NOT NULL DEFAULT 0 CHECK (submission >= 0), -- times submitted (0: never)
  created_at         TEXT NOT NULL,       -- UTC timestamp it was generated
  created_by         INTEGER REFERENCES app_user(id),
  submitted_at       TEXT,                -- UTC timestamp of the last submission
  submitted_by       INTEGER REFERENCES app_user(id),
  reviewed_at        TEXT,                -- UTC timestamp the last review ended (no line pending)
  reviewed_by        INTEGER REFERENCES app_user(id),
  paid_on            TEXT,                -- date of the payment (reimbursed only)
  paid_cents         INTEGER CHECK (paid_cents >= 0), -- what was paid: the approved lines' total
  reimbursed_at      TEXT,                -- UTC timestamp it was marked reimbursed
  reimbursed_by      INTEGER REFERENCES app_user(id),
  UNIQUE (organisation_id, funding_stream_id, quarter),
  UNIQUE (id, organisation_id, funding_stream_id), -- target of expense's composite key
  CHECK ((status = 'reimbursed') = (paid_on IS NOT NULL AND paid_cents IS NOT NULL)),
  CHECK (status = 'draft' OR submission >= 1)
);
CREATE INDEX statement_agency ON statement(agency_id, quarter);

-- An expense of a cooperative for one intervention.  Its line in a
-- statement is the expense itself: statement_id names the one statement
-- it belongs to (NULL: none yet), so that nothing is counted twice, and
-- the composite key makes that statement one of the same cooperative and
-- stream.  The decision columns hold the line's current decision.
CREATE TABLE expense (
  id                 INTEGER PRIMARY KEY,
  agency_id          INTEGER NOT NULL REFERENCES agency(id),
  organisation_id    INTEGER NOT NULL REFERENCES organisation(id),   -- the cooperative that spent it
  intervention_id    INTEGER NOT NULL REFERENCES intervention(id),
  funding_stream_id  INTEGER NOT NULL REFERENCES funding_stream(id), -- the intervention's stream
  kind               TEXT NOT NULL CHECK (kind IN ('hours','course_fee','indemnity','other')),
  description        TEXT NOT NULL,       -- what was paid for (at most 200 characters)
  spent_on           TEXT NOT NULL,       -- date of the expense: it decides the quarter
  hours_x100         INTEGER CHECK (hours_x100 > 0),        -- kind hours: hours in hundredths (150 = 1.5 h)
  hourly_rate_cents  INTEGER CHECK (hourly_rate_cents > 0), -- kind hours: the rate per hour
  amount_cents       INTEGER NOT NULL CHECK (amount_cents > 0), -- hours: hours x rate, rounded half up
  receipt_file       TEXT,                -- stored file name under the files directory (its sha256)
  receipt_type       TEXT CHECK (receipt_type IN ('application/pdf','image/png','image/jpeg')),
  receipt_size       INTEGER CHECK (receipt_size > 0), -- bytes
  receipt_sha256     TEXT,                -- hex, of the stored bytes
  receipt_name       TEXT,                -- the file name it was sent with, if any
  statement_id       INTEGER REFERENCES statement(id),
  decision           TEXT CHECK (decision IN ('approved','rejected')), -- NULL: pending
  decision_reason    TEXT,                -- why, required for a rejection
  decided_by         INTEGER REFERENCES app_user(id),
  decided_at         TEXT,                -- UTC timestamp
  created_at         TEXT NOT NULL,
  created_by         INTEGER REFERENCES app_user(id),
  updated_at         TEXT NOT NULL,
  FOREIGN KEY (statement_id, organisation_id, funding_stream_id)
    REFERENCES statement(id, organisation_id, funding_stream_id),
  CHECK ((kind = 'hours') = (hours_x100 IS NOT NULL AND hourly_rate_cents IS NOT NULL)),
  CHECK (kind <> 'hours' OR amount_cents = (hours_x100 * hourly_rate_cents + 50) / 100),
  CHECK ((receipt_file IS NULL) = (receipt_type IS NULL) AND (receipt_file IS NULL) = (receipt_size IS NULL)
         AND (receipt_file IS NULL) = (receipt_sha256 IS NULL)),
  CHECK (statement_id IS NOT NULL OR decision IS NULL),
  CHECK (decision IS NULL OR decided_at IS NOT NULL),
  CHECK (decision IS NULL OR decision <> 'rejected' OR decision_reason IS NOT NULL)
);
CREATE INDEX expense_org ON expense(agency_id, organisation_id, funding_stream_id, spent_on);
CREATE INDEX expense_intervention ON expense(intervention_id);
CREATE INDEX expense_statement ON expense(statement_id);

-- Every decision on a line, in order: the history the statement page and
-- the API show ("rejected on ..., corrected, approved on ...").
CREATE TABLE statement_decision (
  id                 INTEGER PRIMARY KEY,
  statement_id       INTEGER NOT NULL REFERENCES statement(id),
  expense_id         INTEGER NOT NULL REFERENCES expense(id),
  submission         INTEGER NOT NULL,    -- the statement's submission it answered
  decision           TEXT NOT NULL CHECK (decision IN ('approved','rejected')),
  reason             TEXT,                -- required for a rejection
  amount_cents       INTEGER NOT NULL,    -- the line's amount when decided
  decided_by         INTEGER REFERENCES app_user(id),
  decided_at         TEXT NOT NULL,       -- UTC timestamp
  CHECK (decision <> 'rejected' OR reason IS NOT NULL)
);
CREATE INDEX statement_decision_statement ON statement_decision(statement_id, id);
