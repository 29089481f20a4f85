-- 013 esf: what the ESF+ common indicators for participants (Regulation
-- (EU) 2021/1057, Annex I; src/domain/esf.h, docs/esf.md) need beyond the
-- Access and Evaluation Form: three questions of the ESF+ entry
-- questionnaire, the situation within four weeks of leaving, and the
-- degree of urbanisation of the municipalities participants live in.
-- PostgreSQL dialect; 013_esf.sqlite.sql holds the same for SQLite.

-- One row per case (esf_record.h says who reads and writes which field).
CREATE TABLE esf_participant (
  case_id              BIGINT PRIMARY KEY REFERENCES case_file(id),
  agency_id            BIGINT NOT NULL REFERENCES agency(id),
  parents_born_abroad  TEXT CHECK (parents_born_abroad IN ('yes','no','not_stated')),
                                          -- both parents born abroad (foreign background); NULL not asked
  disability           TEXT CHECK (disability IN ('yes','no','not_stated')),
                                          -- certified disability (L. 104/1992, 68/1999): special category
  minority             TEXT CHECK (minority IN ('yes','no','not_stated')),
                                          -- belongs to a minority (incl. the Roma): special category
  situation_on         DATE,              -- date the situation after leaving refers to
  job_searching        SMALLINT CHECK (job_searching IN (0,1)),  -- then: looking for a job
  in_education         SMALLINT CHECK (in_education IN (0,1)),   -- then: in education or training
  updated_at           TEXT NOT NULL,     -- UTC timestamp of the last change
  updated_by           BIGINT REFERENCES app_user(id)
);

-- The degree of urbanisation (Eurostat DEGURBA, as ISTAT classifies the
-- comuni) of the municipalities the agency's participants live in: 1
-- cities, 2 towns and suburbs, 3 rural areas.  Kept by the agency
-- (ali municipality); a municipality absent here is "unknown".
CREATE TABLE municipality_degurba (
  agency_id  BIGINT NOT NULL REFERENCES agency(id),
  name_key   TEXT NOT NULL,               -- the name trimmed, lowercase ASCII, single spaces
  name       TEXT NOT NULL,               -- as typed
  degurba    SMALLINT NOT NULL CHECK (degurba IN (1,2,3)),
  PRIMARY KEY (agency_id, name_key)
);
