-- 015_scope_indexes: a psychotherapist's caseload (issue 7).  The people
-- list of a restricted user starts from their cases (person.c): by case
-- manager through case_file_case_manager, by psychotherapist through this.
CREATE INDEX case_file_psychotherapist ON case_file(psychotherapist_id);
