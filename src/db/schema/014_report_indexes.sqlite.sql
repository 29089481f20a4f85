-- 014_report_indexes: indexes the monitoring reports need (issue 7).
-- The services report counts a course intervention's sessions attended
-- per enrolment: without this index every intervention scanned the whole
-- attendance table (3 s at 1,000 participants, never ending at 100,000).
CREATE INDEX course_attendance_enrolment ON course_attendance(enrolment_id, present);
