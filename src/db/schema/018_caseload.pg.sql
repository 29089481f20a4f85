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
  user_id         BIGINT NOT NULL,
  role            TEXT NOT NULL,
  organisation_id BIGINT NOT NULL,
  name_key        TEXT NOT NULL,   -- the person's, for the order of the list
  person_id       BIGINT NOT NULL,
  household_id    BIGINT NOT NULL,
  PRIMARY KEY (user_id, role, organisation_id, name_key, person_id)
);
CREATE INDEX caseload_household ON caseload(household_id);
-- the operators of a person, for the refresh (the other index leads with
-- the user)
CREATE INDEX case_operator_person ON case_operator(person_id);

-- What the rows of household h must be: caseload_source WHERE household_id = h
-- (each arm is read through that household's index).  The operators' arm
-- is a view of its own, for the links of one case (below).
CREATE VIEW caseload_operator_source AS
SELECT o.user_id AS user_id, 'operator'::text AS role, 0::bigint AS organisation_id,
       m.name_key AS name_key, m.id AS person_id, m.household_id AS household_id
  FROM person m JOIN case_operator o ON o.person_id = m.id JOIN case_file c ON c.id = o.case_id
 WHERE c.closed_at IS NULL;
CREATE VIEW caseload_source AS
SELECT c.case_manager_id AS user_id, 'case_manager'::text AS role,
       c.organisation_id AS organisation_id, m.name_key AS name_key, m.id AS person_id,
       q.household_id AS household_id
  FROM person q JOIN case_file c ON c.person_id = q.id JOIN person m ON m.household_id = q.household_id
 WHERE c.case_manager_id IS NOT NULL AND c.organisation_id IS NOT NULL
UNION ALL
SELECT c.psychotherapist_id, 'psychotherapist', 0, m.name_key, m.id, q.household_id
  FROM person q JOIN case_file c ON c.person_id = q.id JOIN person m ON m.household_id = q.household_id
 WHERE c.psychotherapist_id IS NOT NULL
UNION ALL
SELECT * FROM caseload_operator_source;

INSERT INTO caseload SELECT * FROM caseload_source ON CONFLICT DO NOTHING;

-- The rows of household h, recomputed (nothing when h is NULL).
CREATE FUNCTION caseload_refresh(h BIGINT) RETURNS void LANGUAGE sql AS $$
  DELETE FROM caseload WHERE household_id = h;
  INSERT INTO caseload SELECT * FROM caseload_source WHERE household_id = h
  ON CONFLICT DO NOTHING;
$$;

-- The operators' rows of the links of case iCase, wherever their people
-- live now (a case that closes, reopens or goes).
CREATE FUNCTION caseload_refresh_links(iCase BIGINT) RETURNS void LANGUAGE sql AS $$
  DELETE FROM caseload WHERE role = 'operator' AND organisation_id = 0
     AND (user_id, person_id) IN (SELECT user_id, person_id FROM case_operator WHERE case_id = iCase);
  INSERT INTO caseload SELECT * FROM caseload_operator_source
   WHERE (user_id, person_id) IN (SELECT user_id, person_id FROM case_operator WHERE case_id = iCase)
  ON CONFLICT DO NOTHING;
$$;

-- The household of a person (NULL for none).
CREATE FUNCTION caseload_household_of(p BIGINT) RETURNS BIGINT LANGUAGE sql STABLE AS $$
  SELECT household_id FROM person WHERE id = p;
$$;

-- case_file: the participant's household before and after, and the links.
CREATE FUNCTION caseload_by_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM caseload_refresh(caseload_household_of(OLD.person_id));
    PERFORM caseload_refresh_links(OLD.id);
  END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM caseload_refresh(caseload_household_of(NEW.person_id)); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER caseload_case_insert_delete AFTER INSERT OR DELETE ON case_file
FOR EACH ROW EXECUTE FUNCTION caseload_by_case();
CREATE TRIGGER caseload_case_update
AFTER UPDATE OF person_id, case_manager_id, organisation_id, psychotherapist_id, closed_at
ON case_file FOR EACH ROW
WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id
      OR OLD.case_manager_id IS DISTINCT FROM NEW.case_manager_id
      OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
      OR OLD.psychotherapist_id IS DISTINCT FROM NEW.psychotherapist_id
      OR (OLD.closed_at IS NULL) <> (NEW.closed_at IS NULL))
EXECUTE FUNCTION caseload_by_case();

-- case_operator: the served person's household before and after.
CREATE FUNCTION caseload_by_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM caseload_refresh(caseload_household_of(OLD.person_id)); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM caseload_refresh(caseload_household_of(NEW.person_id)); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER caseload_operator AFTER INSERT OR DELETE OR UPDATE ON case_operator
FOR EACH ROW EXECUTE FUNCTION caseload_by_link();

-- person: a new member joins the caseloads of the household's cases (if
-- it has any: not on every row of an import); a move or a new name
-- changes the rows of both households.
CREATE FUNCTION caseload_by_household() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM caseload_refresh(OLD.household_id); END IF;
  IF TG_OP = 'UPDATE' OR (TG_OP = 'INSERT' AND EXISTS (SELECT 1 FROM person q
      JOIN case_file c ON c.person_id = q.id WHERE q.household_id = NEW.household_id)) THEN
    PERFORM caseload_refresh(NEW.household_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER caseload_person_insert_delete AFTER INSERT OR DELETE ON person
FOR EACH ROW EXECUTE FUNCTION caseload_by_household();
CREATE TRIGGER caseload_person_update AFTER UPDATE OF household_id, name_key ON person
FOR EACH ROW
WHEN (OLD.household_id IS DISTINCT FROM NEW.household_id OR OLD.name_key IS DISTINCT FROM NEW.name_key)
EXECUTE FUNCTION caseload_by_household();
