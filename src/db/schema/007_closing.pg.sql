-- 007 closing: the end of a participant's path (DOMAIN.md step 5).  The
-- conclusive evaluation written by the case manager with the judgement
-- of each objective and the outcome (closing.h); closing sets
-- case_file.closed_at (the stage stays "agreed").  And the round end:
-- what the manager decided for each path that would outlast its round
-- (round_end.h).
-- PostgreSQL dialect; 007_closing.sqlite.sql holds the same for SQLite.

-- The conclusive evaluation, one per closed case.
CREATE TABLE evaluation (
  case_id             BIGINT PRIMARY KEY REFERENCES case_file(id),
  agency_id           BIGINT NOT NULL REFERENCES agency(id),
  written_on          DATE NOT NULL,      -- date of the evaluation (the path closes on it)
  author_id           BIGINT REFERENCES app_user(id), -- the case manager who wrote it
  skills_acquired     TEXT,
  critical_issues     TEXT,
  resources_activated TEXT,
  outcome             TEXT NOT NULL CHECK (outcome IN ('employed_host','employed_other',
                        'training_completed','qualification','activated','interrupted','withdrew')),
  outcome_on          DATE NOT NULL,      -- date of the outcome (hiring, title, interruption...)
  contract_type       TEXT CHECK (contract_type IN ('permanent','fixed_term','apprenticeship','other')),
                                          -- employed_* only
  interruption_reason TEXT CHECK (interruption_reason IN
                        ('round_ended','moved_away','health','unsuitable','other')), -- interrupted only
  withdrawal_reason   TEXT,               -- a withdrawal reason code of intake.h; withdrew only
  note                TEXT,               -- free text on the outcome
  created_at          TEXT NOT NULL       -- UTC timestamp
);
CREATE INDEX evaluation_outcome ON evaluation(agency_id, outcome);

-- The judgement of each objective of the project in the evaluation.
CREATE TABLE objective_result (
  objective_id  BIGINT PRIMARY KEY REFERENCES project_objective(id),
  result        TEXT NOT NULL CHECK (result IN ('achieved','partly','not')),
  note          TEXT
);

-- The manager's decision for a path that would outlast its round: close
-- it early, move it to the next round (a new candidacy there, next_case_id),
-- or hand the family over to the ordinary services.
CREATE TABLE round_end_decision (
  case_id       BIGINT PRIMARY KEY REFERENCES case_file(id),
  agency_id     BIGINT NOT NULL REFERENCES agency(id),
  decision      TEXT NOT NULL CHECK (decision IN ('close_early','next_round','ordinary_services')),
  next_case_id  BIGINT REFERENCES case_file(id), -- the candidacy in the next round (next_round)
  note          TEXT,                     -- what the family is told, when
  decided_by    BIGINT REFERENCES app_user(id),
  decided_at    TEXT NOT NULL             -- UTC timestamp
);
