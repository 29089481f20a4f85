// The time delivered that migration 016's triggers keep on each
// intervention, checked against the rows it adds up (DOMAIN.md, "Services
// activated": sessions, days present at internships, course sessions
// attended).  The sums here are written afresh, not read from ali.
import { sql } from './access_fixture.mjs';

const ROWS_MINUTES = `
  (SELECT coalesce(sum(minutes), 0) FROM intervention_session s WHERE s.intervention_id = i.id)
  + (SELECT coalesce(sum(minutes), 0) FROM placement_attendance p
      WHERE p.intervention_id = i.id AND p.present = 1)
  + (SELECT coalesce(sum(cs.minutes), 0) FROM course_attendance ca
      JOIN course_session cs ON cs.id = ca.session_id JOIN enrolment en ON en.id = ca.enrolment_id
      WHERE en.intervention_id = i.id AND ca.present = 1)`;

// The interventions whose kept minutes differ from their rows, as
// "id kept rows" lines (none when all agree).
export function deliveredMismatches(db) {
  return sql(db, `SELECT i.id || ' ' || i.delivered_minutes || ' ' || (${ROWS_MINUTES})
                  FROM intervention i WHERE i.delivered_minutes <> (${ROWS_MINUTES})`)
    .trim().split('\n').filter(Boolean);
}

export function deliveredMinutes(db, iv) {
  return Number(sql(db, `SELECT delivered_minutes FROM intervention WHERE id = ${iv}`).trim());
}
