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
ALTER TABLE intervention ADD COLUMN delivered_minutes INTEGER NOT NULL DEFAULT 0;

UPDATE intervention SET delivered_minutes =
    (SELECT coalesce(sum(minutes), 0) FROM intervention_session WHERE intervention_id = intervention.id)
  + (SELECT coalesce(sum(minutes), 0) FROM placement_attendance
      WHERE intervention_id = intervention.id AND present = 1)
  + (SELECT coalesce(sum(cs.minutes), 0) FROM course_attendance ca
      JOIN course_session cs ON cs.id = ca.session_id JOIN enrolment en ON en.id = ca.enrolment_id
      WHERE en.intervention_id = intervention.id AND ca.present = 1);

CREATE TRIGGER intervention_session_delivered_insert AFTER INSERT ON intervention_session BEGIN
  UPDATE intervention SET delivered_minutes = delivered_minutes + NEW.minutes
   WHERE id = NEW.intervention_id;
END;
CREATE TRIGGER intervention_session_delivered_delete AFTER DELETE ON intervention_session BEGIN
  UPDATE intervention SET delivered_minutes = delivered_minutes - OLD.minutes
   WHERE id = OLD.intervention_id;
END;
CREATE TRIGGER intervention_session_delivered_update
AFTER UPDATE OF minutes, intervention_id ON intervention_session BEGIN
  UPDATE intervention SET delivered_minutes = delivered_minutes - OLD.minutes
   WHERE id = OLD.intervention_id;
  UPDATE intervention SET delivered_minutes = delivered_minutes + NEW.minutes
   WHERE id = NEW.intervention_id;
END;

CREATE TRIGGER placement_attendance_delivered_insert AFTER INSERT ON placement_attendance
WHEN NEW.present = 1 BEGIN
  UPDATE intervention SET delivered_minutes = delivered_minutes + NEW.minutes
   WHERE id = NEW.intervention_id;
END;
CREATE TRIGGER placement_attendance_delivered_delete AFTER DELETE ON placement_attendance
WHEN OLD.present = 1 BEGIN
  UPDATE intervention SET delivered_minutes = delivered_minutes - OLD.minutes
   WHERE id = OLD.intervention_id;
END;
CREATE TRIGGER placement_attendance_delivered_update
AFTER UPDATE OF minutes, present, intervention_id ON placement_attendance BEGIN
  UPDATE intervention SET delivered_minutes = delivered_minutes - OLD.minutes * OLD.present
   WHERE id = OLD.intervention_id;
  UPDATE intervention SET delivered_minutes = delivered_minutes + NEW.minutes * NEW.present
   WHERE id = NEW.intervention_id;
END;

CREATE TRIGGER course_attendance_delivered_insert AFTER INSERT ON course_attendance
WHEN NEW.present = 1 BEGIN
  UPDATE intervention SET delivered_minutes = delivered_minutes
      + (SELECT minutes FROM course_session WHERE id = NEW.session_id)
   WHERE id = (SELECT intervention_id FROM enrolment WHERE id = NEW.enrolment_id);
END;
CREATE TRIGGER course_attendance_delivered_delete AFTER DELETE ON course_attendance
WHEN OLD.present = 1 BEGIN
  UPDATE intervention SET delivered_minutes = delivered_minutes
      - (SELECT minutes FROM course_session WHERE id = OLD.session_id)
   WHERE id = (SELECT intervention_id FROM enrolment WHERE id = OLD.enrolment_id);
END;
CREATE TRIGGER course_attendance_delivered_update
AFTER UPDATE OF present, session_id, enrolment_id ON course_attendance BEGIN
  UPDATE intervention SET delivered_minutes = delivered_minutes
      - OLD.present * (SELECT minutes FROM course_session WHERE id = OLD.session_id)
   WHERE id = (SELECT intervention_id FROM enrolment WHERE id = OLD.enrolment_id);
  UPDATE intervention SET delivered_minutes = delivered_minutes
      + NEW.present * (SELECT minutes FROM course_session WHERE id = NEW.session_id)
   WHERE id = (SELECT intervention_id FROM enrolment WHERE id = NEW.enrolment_id);
END;

-- A session's length or an enrolment's intervention changing moves the
-- minutes of every attendance it has.
CREATE TRIGGER course_session_delivered_update AFTER UPDATE OF minutes ON course_session BEGIN
  UPDATE intervention SET delivered_minutes = delivered_minutes + NEW.minutes - OLD.minutes
   WHERE id IN (SELECT en.intervention_id FROM course_attendance ca
                JOIN enrolment en ON en.id = ca.enrolment_id
                WHERE ca.session_id = NEW.id AND ca.present = 1);
END;
CREATE TRIGGER enrolment_delivered_update AFTER UPDATE OF intervention_id ON enrolment BEGIN
  UPDATE intervention SET delivered_minutes = delivered_minutes - (
      SELECT coalesce(sum(cs.minutes), 0) FROM course_attendance ca
      JOIN course_session cs ON cs.id = ca.session_id
      WHERE ca.enrolment_id = NEW.id AND ca.present = 1)
   WHERE id = OLD.intervention_id;
  UPDATE intervention SET delivered_minutes = delivered_minutes + (
      SELECT coalesce(sum(cs.minutes), 0) FROM course_attendance ca
      JOIN course_session cs ON cs.id = ca.session_id
      WHERE ca.enrolment_id = NEW.id AND ca.present = 1)
   WHERE id = NEW.intervention_id;
END;
