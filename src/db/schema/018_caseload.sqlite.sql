-- 018_caseload: each worker's caseload kept up to date on write (issue 7).
-- A case manager, a psychotherapist or an operator lists only the people
-- their work is for (person.c, "The scope"); reading that list from the
-- cases each time walked every case of the worker, its participant and
-- the participant's household, then sorted them all to show 50 names: a
-- thousand B-tree steps a page.  Here the scope is a table in name order,
-- so a page is one range of its primary key.  The triggers recompute the
-- rows of a household whenever something the scope depends on changes,
-- whoever writes it (the web, the API, the demo, an import, SQL by hand).
--
-- A row says: user_id sees person_id (of household_id) as role
--   case_manager     the case manager of a case of the person's household,
--                    for the cooperative organisation_id (the case's);
--   psychotherapist  the psychotherapist of a case of the household;
--   operator         linked to the person by case_operator on an open case;
-- organisation_id is 0 for the last two.
CREATE TABLE caseload (
  user_id         INTEGER NOT NULL,
  role            TEXT NOT NULL,
  organisation_id INTEGER NOT NULL,
  name_key        TEXT NOT NULL,   -- the person's, for the order of the list
  person_id       INTEGER NOT NULL,
  household_id    INTEGER NOT NULL,
  PRIMARY KEY (user_id, role, organisation_id, name_key, person_id)
) WITHOUT ROWID;
CREATE INDEX caseload_household ON caseload(household_id);
-- the operators of a person, for the refresh (the other index leads with
-- the user)
CREATE INDEX case_operator_person ON case_operator(person_id);

-- What the rows of household h must be: caseload_source WHERE household_id = h
-- (each arm is read through that household's index).  The operators' arm
-- is a view of its own, for the links of one case (below).
CREATE VIEW caseload_operator_source AS
SELECT o.user_id AS user_id, 'operator' AS role, 0 AS organisation_id,
       m.name_key AS name_key, m.id AS person_id, m.household_id AS household_id
  FROM person m JOIN case_operator o ON o.person_id = m.id JOIN case_file c ON c.id = o.case_id
 WHERE c.closed_at IS NULL;
CREATE VIEW caseload_source AS
SELECT c.case_manager_id AS user_id, 'case_manager' AS role, c.organisation_id AS organisation_id,
       m.name_key AS name_key, m.id AS person_id, q.household_id AS household_id
  FROM person q JOIN case_file c ON c.person_id = q.id JOIN person m ON m.household_id = q.household_id
 WHERE c.case_manager_id IS NOT NULL AND c.organisation_id IS NOT NULL
UNION ALL
SELECT c.psychotherapist_id, 'psychotherapist', 0, m.name_key, m.id, q.household_id
  FROM person q JOIN case_file c ON c.person_id = q.id JOIN person m ON m.household_id = q.household_id
 WHERE c.psychotherapist_id IS NOT NULL
UNION ALL
SELECT * FROM caseload_operator_source;

INSERT INTO caseload SELECT * FROM caseload_source WHERE true ON CONFLICT DO NOTHING;

-- The refresh, written once as SQLite writes a procedure: inserting a
-- household's id into the view caseload_refresh DELETEs its rows and
-- INSERTs them again from caseload_source; inserting a case's id into
-- caseload_refresh_links does the same for the operators' rows of its
-- links, wherever their people live now (a case that closes, reopens or
-- goes: its operators may serve people who have since moved).
CREATE VIEW caseload_refresh AS SELECT 0 AS household_id;
CREATE TRIGGER caseload_refresh INSTEAD OF INSERT ON caseload_refresh BEGIN
  DELETE FROM caseload WHERE household_id = NEW.household_id;
  INSERT INTO caseload SELECT * FROM caseload_source
   WHERE household_id = NEW.household_id ON CONFLICT DO NOTHING;
END;
CREATE VIEW caseload_refresh_links AS SELECT 0 AS case_id;
CREATE TRIGGER caseload_refresh_links INSTEAD OF INSERT ON caseload_refresh_links BEGIN
  DELETE FROM caseload WHERE role = 'operator' AND organisation_id = 0
     AND (user_id, person_id) IN (SELECT user_id, person_id FROM case_operator WHERE case_id = NEW.case_id);
  INSERT INTO caseload SELECT * FROM caseload_operator_source
   WHERE (user_id, person_id) IN (SELECT user_id, person_id FROM case_operator WHERE case_id = NEW.case_id)
  ON CONFLICT DO NOTHING;
END;

-- case_file: the participant's household before and after, and the links.
CREATE TRIGGER caseload_case_insert AFTER INSERT ON case_file BEGIN
  INSERT INTO caseload_refresh SELECT household_id FROM person WHERE id = NEW.person_id;
END;
CREATE TRIGGER caseload_case_update
AFTER UPDATE OF person_id, case_manager_id, organisation_id, psychotherapist_id, closed_at ON case_file
WHEN OLD.person_id IS NOT NEW.person_id OR OLD.case_manager_id IS NOT NEW.case_manager_id
  OR OLD.organisation_id IS NOT NEW.organisation_id
  OR OLD.psychotherapist_id IS NOT NEW.psychotherapist_id
  OR (OLD.closed_at IS NULL) <> (NEW.closed_at IS NULL) BEGIN
  INSERT INTO caseload_refresh SELECT household_id FROM person WHERE id = OLD.person_id;
  INSERT INTO caseload_refresh SELECT household_id FROM person WHERE id = NEW.person_id;
  INSERT INTO caseload_refresh_links VALUES (NEW.id);
END;
CREATE TRIGGER caseload_case_delete AFTER DELETE ON case_file BEGIN
  INSERT INTO caseload_refresh SELECT household_id FROM person WHERE id = OLD.person_id;
  INSERT INTO caseload_refresh_links VALUES (OLD.id);
END;

-- case_operator: the served person's household before and after.
CREATE TRIGGER caseload_operator_insert AFTER INSERT ON case_operator BEGIN
  INSERT INTO caseload_refresh SELECT household_id FROM person WHERE id = NEW.person_id;
END;
CREATE TRIGGER caseload_operator_update AFTER UPDATE ON case_operator BEGIN
  INSERT INTO caseload_refresh SELECT household_id FROM person WHERE id = OLD.person_id;
  INSERT INTO caseload_refresh SELECT household_id FROM person WHERE id = NEW.person_id;
END;
CREATE TRIGGER caseload_operator_delete AFTER DELETE ON case_operator BEGIN
  INSERT INTO caseload_refresh SELECT household_id FROM person WHERE id = OLD.person_id;
END;

-- person: a new member joins the caseloads of the household's cases (if
-- it has any: not on every row of an import); a move or a new name
-- changes the rows of both households.
CREATE TRIGGER caseload_person_insert AFTER INSERT ON person
WHEN EXISTS (SELECT 1 FROM person q JOIN case_file c ON c.person_id = q.id
              WHERE q.household_id = NEW.household_id) BEGIN
  INSERT INTO caseload_refresh VALUES (NEW.household_id);
END;
CREATE TRIGGER caseload_person_update AFTER UPDATE OF household_id, name_key ON person
WHEN OLD.household_id IS NOT NEW.household_id OR OLD.name_key IS NOT NEW.name_key BEGIN
  INSERT INTO caseload_refresh VALUES (OLD.household_id);
  INSERT INTO caseload_refresh VALUES (NEW.household_id);
END;
CREATE TRIGGER caseload_person_delete AFTER DELETE ON person BEGIN
  INSERT INTO caseload_refresh VALUES (OLD.household_id);
END;
