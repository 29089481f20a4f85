-- 003 intake: the first half of a participant's path (DOMAIN.md, steps
-- 1-3).  A case (case_file, 002) becomes a candidacy in a round: it is
-- shortlisted on a funding stream, goes through the first interview (the
-- Access and Evaluation Form, with the suitability screening), one or
-- more second interviews, and ends in an agreed, versioned Personalised
-- Individual Project -- or leaves as not suitable or withdrawn.
-- SQLite dialect; 003_intake.pg.sql holds the same for PostgreSQL.

-- A funding stream's rule becomes a list of conditions (see
-- stream_rule_check in src/domain/programme.c), so the one-value CHECK
-- of 001 goes: copy, drop, rename.
ALTER TABLE funding_stream ADD COLUMN rule_list TEXT;
UPDATE funding_stream SET rule_list = rule;
ALTER TABLE funding_stream DROP COLUMN rule;
ALTER TABLE funding_stream RENAME COLUMN rule_list TO rule;

-- How many interventions an operator can follow at once (NULL: no limit);
-- planning warns when an operator would go beyond it.
ALTER TABLE app_user ADD COLUMN capacity INTEGER CHECK (capacity >= 0);

-- The candidacy: one case per person per round.
ALTER TABLE case_file ADD COLUMN round_id INTEGER REFERENCES round(id);    -- NULL: outside any round
ALTER TABLE case_file ADD COLUMN funding_stream_id INTEGER REFERENCES funding_stream(id);
ALTER TABLE case_file ADD COLUMN stage TEXT NOT NULL DEFAULT 'shortlisted' CHECK (stage IN
  ('shortlisted','first_interview','second_interview','agreed','not_suitable','withdrew'));
                                          -- the furthest step reached, or how the candidacy ended
ALTER TABLE case_file ADD COLUMN shortlisted_on TEXT;     -- date
ALTER TABLE case_file ADD COLUMN shortlisted_by INTEGER REFERENCES app_user(id);
ALTER TABLE case_file ADD COLUMN first_interview_on TEXT; -- date of the first interview, once its outcome is "continue"
ALTER TABLE case_file ADD COLUMN second_interview_on TEXT;-- date of the first second interview
ALTER TABLE case_file ADD COLUMN agreed_on TEXT;          -- date the participant first agreed the project (entry date)
ALTER TABLE case_file ADD COLUMN exit_on TEXT;            -- date found not suitable or withdrew
ALTER TABLE case_file ADD COLUMN exit_reason TEXT;        -- withdrawal reason code (intake.h), or the screening decision
ALTER TABLE case_file ADD COLUMN exit_note TEXT;          -- free text on the exit
ALTER TABLE case_file ADD COLUMN exit_by INTEGER REFERENCES app_user(id);
CREATE UNIQUE INDEX case_file_round_person ON case_file(round_id, person_id);
CREATE INDEX case_file_round_stage ON case_file(round_id, stage);

-- The vulnerabilities the first interview checks: a catalogue, as data.
CREATE TABLE vulnerability (
  code      TEXT PRIMARY KEY,
  name_it   TEXT NOT NULL,
  name_en   TEXT NOT NULL,
  position  INTEGER NOT NULL             -- order on the form
);
INSERT INTO vulnerability VALUES
  ('foreign_origin','Origine straniera','Foreign origin',1),
  ('single_parent','Monogenitorialità','Single parenthood',2),
  ('relational_poverty','Povertà relazionale','Relational poverty',3),
  ('unemployment','Disoccupazione','Unemployment',4),
  ('low_skills','Competenze basse o obsolete','Low or obsolete skills',5),
  ('care_duties','Carichi di cura','Care duties',6),
  ('housing','Disagio abitativo','Housing',7),
  ('psych_fragility','Fragilità psicologica','Psychological fragility',8),
  ('suspected_addiction','Sospetta dipendenza','Suspected addiction',9),
  ('suspected_psychiatric','Sospetto bisogno psichiatrico','Suspected psychiatric need',10),
  ('other','Altro','Other',11);

-- The areas of the employability assessment, each scored 1-4.
CREATE TABLE employability_area (
  code      TEXT PRIMARY KEY,
  name_it   TEXT NOT NULL,
  name_en   TEXT NOT NULL,
  position  INTEGER NOT NULL
);
INSERT INTO employability_area VALUES
  ('personal','Condizioni personali','Personal conditions',1),
  ('family','Condizioni familiari e reti','Family conditions and networks',2),
  ('economic','Situazione economica','Economic situation',3),
  ('education','Istruzione','Education',4),
  ('training','Formazione e competenze','Training and skills',5),
  ('communication','Capacità comunicative','Communication skills',6),
  ('italian','Conoscenza della lingua italiana','Italian language skills',7),
  ('digital','Competenze informatiche e digitali','IT and digital skills',8),
  ('contracts','Stabilità dei contratti di lavoro','Stability of employment contracts',9),
  ('transversal','Competenze trasversali','Transversal skills',10),
  ('mobility','Autonomia negli spostamenti','Autonomy of movement',11);

-- The suitability screening's rules, as data: a rule matches when every
-- condition it sets holds; the matching rule of lowest position wins;
-- no match suggests "suitable" (screening_suggest in src/domain/screening.c).
CREATE TABLE screening_rule (
  id                  INTEGER PRIMARY KEY,
  position            INTEGER NOT NULL,  -- evaluation order
  vulnerability       TEXT REFERENCES vulnerability(code), -- checked on the form
  min_mean_score_x10  INTEGER,           -- mean employability score x 10 at least
  max_other_vulnerabilities INTEGER,     -- at most this many checked besides unemployment
  suggestion          TEXT NOT NULL CHECK (suggestion IN ('suitable','refer','job_only')),
  referral_kind       TEXT,              -- for 'refer': addiction | mental_health
  reason_it           TEXT NOT NULL,     -- shown to the social worker
  reason_en           TEXT NOT NULL
);
INSERT INTO screening_rule VALUES
  (1,1,'suspected_addiction',NULL,NULL,'refer','addiction',
   'Sospetta dipendenza: prima una valutazione del servizio specialistico per le dipendenze',
   'Suspected addiction: the specialised addiction service should assess first'),
  (2,2,'suspected_psychiatric',NULL,NULL,'refer','mental_health',
   'Sospetto bisogno psichiatrico: inviare ai servizi di salute mentale',
   'Suspected psychiatric need: refer to mental-health services'),
  (3,3,NULL,30,0,'job_only',NULL,
   'Buona occupabilità e nessuna fragilità oltre alla disoccupazione: serve un lavoro, non questo percorso',
   'Good employability and no vulnerability besides unemployment: needs a job, not this programme');

-- The Access and Evaluation Form of the first interview, one per case.
-- Psycho-physical health is special-category data: it lives in
-- person_sensitive.health (002), not here.
CREATE TABLE access_form (
  case_id            INTEGER PRIMARY KEY REFERENCES case_file(id),
  agency_id          INTEGER NOT NULL REFERENCES agency(id),
  interview_on       TEXT NOT NULL,       -- date of the first interview
  social_worker_id   INTEGER REFERENCES app_user(id),
  psychotherapist_id INTEGER REFERENCES app_user(id),
  privacy_notice     INTEGER NOT NULL DEFAULT 0 CHECK (privacy_notice IN (0,1)), -- notice given
  privacy_signed_on  TEXT,                -- date the participant signed it
  past_work          TEXT,                -- past work experience
  skills             TEXT,
  work_difficulties  TEXT,                -- possible difficulties at work
  aspirations        TEXT,                -- interests and aspirations
  education_isced    INTEGER CHECK (education_isced BETWEEN 0 AND 8), -- ISCED 2011 level at entry
  labour_status      TEXT CHECK (labour_status IN ('employed','unemployed','inactive')), -- at entry
  unemployed_months  INTEGER CHECK (unemployed_months >= 0), -- when unemployed
  screening          TEXT CHECK (screening IN ('suitable','refer','job_only')), -- what the rules suggested
  screening_rule_id  INTEGER REFERENCES screening_rule(id), -- the rule that matched (NULL: none)
  decision           TEXT CHECK (decision IN ('suitable','refer','job_only')),  -- the social worker's
  override_reason    TEXT,                -- required when decision differs from screening
  outcome            TEXT CHECK (outcome IN ('continue','not_suitable','withdrew')), -- NULL: open
  outcome_on         TEXT,                -- date the outcome was recorded
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE TABLE access_form_vulnerability (
  case_id        INTEGER NOT NULL REFERENCES access_form(case_id),
  vulnerability  TEXT NOT NULL REFERENCES vulnerability(code),
  note           TEXT,                    -- e.g. what "other" is
  PRIMARY KEY (case_id, vulnerability)
);
CREATE TABLE access_form_score (
  case_id     INTEGER NOT NULL REFERENCES access_form(case_id),
  area        TEXT NOT NULL REFERENCES employability_area(code),
  score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4), -- 1 serious obstacle .. 4 strength
  descriptor  TEXT,                       -- what the score rests on
  PRIMARY KEY (case_id, area)
);
-- The interventions the first interview thinks could be activated.
CREATE TABLE access_form_service (
  case_id     INTEGER NOT NULL REFERENCES access_form(case_id),
  service_id  INTEGER NOT NULL REFERENCES service(id),
  PRIMARY KEY (case_id, service_id)
);

-- A referral to a specialised service (addiction, mental health).
CREATE TABLE referral (
  id               INTEGER PRIMARY KEY,
  agency_id        INTEGER NOT NULL REFERENCES agency(id),
  case_id          INTEGER NOT NULL REFERENCES case_file(id),
  person_id        INTEGER NOT NULL REFERENCES person(id),        -- who is referred
  organisation_id  INTEGER NOT NULL REFERENCES organisation(id),  -- a specialised_service
  reason           TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent','accepted','declined','closed')),
  created_at       TEXT NOT NULL,
  created_by       INTEGER REFERENCES app_user(id),
  updated_at       TEXT NOT NULL
);
CREATE INDEX referral_case ON referral(case_id);

-- A second interview, held by the case manager (one or more per case).
CREATE TABLE second_interview (
  id               INTEGER PRIMARY KEY,
  agency_id        INTEGER NOT NULL REFERENCES agency(id),
  case_id          INTEGER NOT NULL REFERENCES case_file(id),
  held_on          TEXT NOT NULL,       -- date
  case_manager_id  INTEGER REFERENCES app_user(id),
  notes            TEXT,
  created_at       TEXT NOT NULL
);
CREATE INDEX second_interview_case ON second_interview(case_id, held_on);

-- The Personalised Individual Project, one per case: a draft until the
-- participant agrees it; once agreed, every change makes a new version.
CREATE TABLE project (
  id           INTEGER PRIMARY KEY,
  agency_id    INTEGER NOT NULL REFERENCES agency(id),
  case_id      INTEGER NOT NULL UNIQUE REFERENCES case_file(id),
  state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','agreed')),
  version      INTEGER NOT NULL DEFAULT 0,  -- the current agreed version (0: never agreed)
  commitments  TEXT,                      -- the participant's commitments
  agreed_on    TEXT,                      -- date the participant agreed (version 1)
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE TABLE project_objective (
  id           INTEGER PRIMARY KEY,
  project_id   INTEGER NOT NULL REFERENCES project(id),
  person_id    INTEGER NOT NULL REFERENCES person(id),   -- the household member it concerns
  text         TEXT NOT NULL,
  indicator    TEXT,                      -- how achievement is judged
  target_on    TEXT                       -- target date
);
CREATE INDEX project_objective_project ON project_objective(project_id);
-- An intervention of a project: a service for one household member.  The
-- lifecycle after 'planned' is the delivery issue's (status).
CREATE TABLE intervention (
  id                   INTEGER PRIMARY KEY,
  agency_id            INTEGER NOT NULL REFERENCES agency(id),
  project_id           INTEGER NOT NULL REFERENCES project(id),
  service_id           INTEGER NOT NULL REFERENCES service(id),
  person_id            INTEGER NOT NULL REFERENCES person(id),        -- who receives it
  organisation_id      INTEGER REFERENCES organisation(id),           -- provider
  operator_id          INTEGER REFERENCES app_user(id),               -- who delivers it
  planned_start        TEXT,
  planned_end          TEXT,
  planned_hours        INTEGER CHECK (planned_hours >= 0),
  planned_sessions     INTEGER CHECK (planned_sessions >= 0),
  estimated_cost_cents INTEGER CHECK (estimated_cost_cents >= 0),
  funding_stream_id    INTEGER REFERENCES funding_stream(id),
  status               TEXT NOT NULL DEFAULT 'planned' CHECK (status IN
                         ('planned','active','suspended','completed','interrupted','cancelled')),
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX intervention_project ON intervention(project_id);
CREATE INDEX intervention_operator ON intervention(operator_id, status);
CREATE INDEX intervention_stream ON intervention(funding_stream_id);
-- The agreed versions of a project, each a snapshot (JSON, see
-- project_snapshot in src/domain/project.c) with the reason for the change.
CREATE TABLE project_version (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES project(id),
  version     INTEGER NOT NULL,           -- 1, 2, ...
  reason      TEXT,                       -- NULL for version 1 (the agreement)
  snapshot    TEXT NOT NULL,              -- JSON
  created_at  TEXT NOT NULL,
  created_by  INTEGER REFERENCES app_user(id),
  UNIQUE (project_id, version)
);
