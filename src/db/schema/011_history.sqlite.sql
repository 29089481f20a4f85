-- 011 history: past participations brought in from an agency's
-- spreadsheets by `ali import history` (src/cmd/import_history.c,
-- src/domain/history.h).  A participation the import made is a case like
-- any other (its project, interventions and evaluation as the live
-- workflow would have left them), marked here so that a report or an
-- auditor can tell it from one recorded in ali.
-- SQLite dialect; 011_history.pg.sql holds the same for PostgreSQL.

ALTER TABLE case_file ADD COLUMN imported_at TEXT; -- UTC timestamp of the history import that made the case; NULL: made in ali
