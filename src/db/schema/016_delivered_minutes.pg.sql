-- 016_delivered_minutes: the time delivered on each intervention, kept up
-- to date on write (issue 7).  The services report adds up the minutes of
-- every session, day present at an internship and course session attended
-- (DOMAIN.md, "Services activated": hours delivered): at 100,000
-- participants that is five million rows read for one table of a dozen
-- lines.  The triggers add and take away each row's minutes as it is
-- written, whoever writes it (the web, the API, the demo, an import), so
-- the report reads one column of the interventions instead.
--   delivered_minutes = sum(intervention_session.minutes)
--                     + sum(placement_attendance.minutes WHERE present = 1)
--                     + sum(course_session.minutes of the sessions attended
--                           (course_attendance.present = 1) by the
--                           intervention's enrolment)
ALTER TABLE intervention ADD COLUMN delivered_minutes BIGINT NOT NULL DEFAULT 0;

UPDATE intervention i SET delivered_minutes =
    (SELECT coalesce(sum(minutes), 0) FROM intervention_session WHERE intervention_id = i.id)
  + (SELECT coalesce(sum(minutes), 0) FROM placement_attendance
      WHERE intervention_id = i.id AND present = 1)
  + (SELECT coalesce(sum(cs.minutes), 0) FROM course_attendance ca
      JOIN course_session cs ON cs.id = ca.session_id JOIN enrolment en ON en.id = ca.enrolment_id
      WHERE en.intervention_id = i.id AND ca.present = 1);

-- Adds iMinutes to an intervention's time delivered.
CREATE FUNCTION delivered_add(iIntervention BIGINT, iMinutes BIGINT) RETURNS void
LANGUAGE sql AS $$
  UPDATE intervention SET delivered_minutes = delivered_minutes + iMinutes
   WHERE id = iIntervention AND iMinutes <> 0;
$$;

CREATE FUNCTION intervention_session_delivered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM delivered_add(OLD.intervention_id, -OLD.minutes); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM delivered_add(NEW.intervention_id, NEW.minutes); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER intervention_session_delivered
AFTER INSERT OR DELETE OR UPDATE OF minutes, intervention_id ON intervention_session
FOR EACH ROW EXECUTE FUNCTION intervention_session_delivered();

CREATE FUNCTION placement_attendance_delivered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM delivered_add(OLD.intervention_id, -OLD.minutes * OLD.present);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM delivered_add(NEW.intervention_id, NEW.minutes * NEW.present);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER placement_attendance_delivered
AFTER INSERT OR DELETE OR UPDATE OF minutes, present, intervention_id ON placement_attendance
FOR EACH ROW EXECUTE FUNCTION placement_attendance_delivered();

CREATE FUNCTION course_attendance_delivered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.present = 1 THEN
    PERFORM delivered_add((SELECT intervention_id FROM enrolment WHERE id = OLD.enrolment_id),
                          -(SELECT minutes FROM course_session WHERE id = OLD.session_id));
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.present = 1 THEN
    PERFORM delivered_add((SELECT intervention_id FROM enrolment WHERE id = NEW.enrolment_id),
                          (SELECT minutes FROM course_session WHERE id = NEW.session_id));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER course_attendance_delivered
AFTER INSERT OR DELETE OR UPDATE OF present, session_id, enrolment_id ON course_attendance
FOR EACH ROW EXECUTE FUNCTION course_attendance_delivered();

-- A session's length or an enrolment's intervention changing moves the
-- minutes of every attendance it has.
CREATE FUNCTION course_session_delivered() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE intervention SET delivered_minutes = delivered_minutes + NEW.minutes - OLD.minutes
   WHERE id IN (SELECT en.intervention_id FROM course_attendance ca
                JOIN enrolment en ON en.id = ca.enrolment_id
                WHERE ca.session_id = NEW.id AND ca.present = 1);
  RETURN NULL;
END $$;
CREATE TRIGGER course_session_delivered AFTER UPDATE OF minutes ON course_session
FOR EACH ROW EXECUTE FUNCTION course_session_delivered();

CREATE FUNCTION enrolment_delivered() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  iMinutes BIGINT;
BEGIN
  SELECT coalesce(sum(cs.minutes), 0) INTO iMinutes FROM course_attendance ca
    JOIN course_session cs ON cs.id = ca.session_id
   WHERE ca.enrolment_id = NEW.id AND ca.present = 1;
  PERFORM delivered_add(OLD.intervention_id, -iMinutes);
  PERFORM delivered_add(NEW.intervention_id, iMinutes);
  RETURN NULL;
END $$;
CREATE TRIGGER enrolment_delivered AFTER UPDATE OF intervention_id ON enrolment
FOR EACH ROW EXECUTE FUNCTION enrolment_delivered();
