// round_end.test.mjs — the manager's round-end page and API
// (src/domain/round_end.c, src/web/page_round_end.c, api_closing.c): the
// paths whose interventions go beyond the round's end, the notice date,
// the options (the next round offered once it exists), the decisions
// recorded per path (invalid: 422, not possible: 409, nothing written),
// the move to the next round as a new candidacy there, and who may see
// it (the manager only).
// Runs on SQLite and PostgreSQL (ALI_TEST_BACKEND).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { closingWorld, agreedPath, day } from './closing_fixture.mjs';

let srv, w, path;
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' };
const count = (table, where) => Number(sql(srv.db, `SELECT count(*) FROM ${table} WHERE ${where}`).trim());
const post = (fields, token = w.tok.mgr, weeks = 6) => request(srv.base, 'POST', `/rounds/${w.id.round}/ending?weeks=${weeks}`,
  { raw: new URLSearchParams(fields).toString(), token, headers: FORM });

before(async () => {
  srv = await startServer();
  w = await closingWorld(srv);
  path = await agreedPath(srv, w, 'ROSSI');
});
after(async () => { await srv?.stop(); });

test('the plan lists the paths beyond the end, with the notice date and the options', async () => {
  let r = await request(srv.base, 'GET', `/api/v1/rounds/${w.id.round}/ending?weeks=2`);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.end_date, day(30));
  assert.equal(r.json.weeks, 2);
  assert.equal(r.json.notice_by, day(16));
  assert.equal(r.json.next_round.code, 'R2');
  assert.deepEqual(r.json.options, ['close_early', 'next_round', 'ordinary_services']);
  assert.equal(r.json.cases.length, 1);
  const c = r.json.cases[0];
  assert.equal(c.case_id, path.c);
  assert.equal(c.case_manager, 'Carla Neri');
  assert.deepEqual(c.interventions.map((i) => i.id), [path.internship], 'only the one past the end');
  assert.equal(c.last_planned_end, day(90));
  assert.equal(c.decision, null);
  r = await request(srv.base, 'GET', `/rounds/${w.id.round}/ending`, { headers: FORM });
  assert.equal(r.status, 200);
  assert.match(r.body, new RegExp(`<tr id="case-${path.c}"`));
  assert.match(r.body, /id="next-round"/);
  // the case manager and the social worker have no CAP_CASELOAD_ADMIN
  for (const who of ['cm', 'sw']) {
    r = await request(srv.base, 'GET', `/api/v1/rounds/${w.id.round}/ending`, { token: w.tok[who] });
    assert.equal(r.status, 403);
    r = await post({ case_id: path.c, decision: 'close_early' }, w.tok[who]);
    assert.equal(r.status, 403);
  }
  r = await request(srv.base, 'GET', '/api/v1/rounds/999999/ending');
  assert.equal(r.status, 404);
});

test('decisions: invalid and impossible ones write nothing; next_round opens a candidacy', async () => {
  let r = await post({ case_id: path.c, decision: 'wait_and_see' });
  assert.equal(r.status, 422);
  r = await post({ case_id: 999999, decision: 'close_early' });
  assert.equal(r.status, 404);
  assert.equal(count('round_end_decision', '1=1'), 0);
  r = await post({ case_id: path.c, decision: 'ordinary_services', note: 'Detto alla famiglia il 3/11' });
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  assert.equal(r.headers.get('location'), `/rounds/${w.id.round}/ending?weeks=6`);
  r = await request(srv.base, 'GET', `/api/v1/rounds/${w.id.round}/ending`);
  assert.equal(r.json.cases[0].decision.decision, 'ordinary_services');
  assert.equal(r.json.cases[0].decision.note, 'Detto alla famiglia il 3/11');
  assert.equal(r.json.cases[0].decision.next_case_id, null);
  // move to the next round: a new candidacy of the participant in R2
  r = await post({ case_id: path.c, decision: 'next_round', note: 'Prosegue in R2' });
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  r = await request(srv.base, 'GET', `/api/v1/rounds/${w.id.round}/ending`);
  const next = r.json.cases[0].decision.next_case_id;
  assert.ok(next > 0);
  r = await request(srv.base, 'GET', `/api/v1/cases/${next}`);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.stage, 'shortlisted');
  assert.equal(r.json.person_id, path.mother);
  assert.equal(r.json.funding_stream, 'fondo');
  assert.equal(count('case_file', `person_id=${path.mother} AND round_id=${w.id.next}`), 1);
  assert.equal(count('audit', `action='update' AND entity='case' AND entity_id=${path.c}`
    + ` AND detail LIKE '%round_end_decision%'`), 2);
  // that decision stands
  r = await post({ case_id: path.c, decision: 'close_early' });
  assert.equal(r.status, 409);
  assert.match(r.body, /already been moved to the next round/);
  assert.equal(sql(srv.db, `SELECT decision FROM round_end_decision WHERE case_id=${path.c}`).trim(), 'next_round');
  r = await request(srv.base, 'GET', `/rounds/${w.id.round}/ending`, { headers: FORM });
  assert.match(r.body, new RegExp(`href="/cases/${next}"`));
});
