// cli_outcomes.test.mjs — `ali report outcomes` (src/cmd/report_outcomes.c):
// three participants of round R1 -- one closed with an outcome through
// the API, one still open (ongoing), one closed without an evaluation
// (missing) -- and an empty round R2; the counts and percentages per
// round and in total in text, CSV and JSON, --round, and a bad round.
// Runs on SQLite and PostgreSQL (ALI_TEST_BACKEND).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, ali } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { closingWorld, agreedPath, day } from './closing_fixture.mjs';

let srv, w;

before(async () => {
  srv = await startServer();
  w = await closingWorld(srv);
  const a = await agreedPath(srv, w, 'ROSSI');
  await agreedPath(srv, w, 'VERDI');
  const c = await agreedPath(srv, w, 'NERI');
  const r = await request(srv.base, 'PUT', `/api/v1/cases/${a.c}/evaluation`, { body: {
    written_on: day(0), outcome: 'training_completed', outcome_on: day(0),
    objectives: [{ objective_id: a.objMother, result: 'achieved' }, { objective_id: a.objSon, result: 'partly' }],
  } });
  assert.equal(r.status, 200, r.body);
  sql(srv.db, `UPDATE case_file SET closed_at='${day(0)}T09:00:00Z' WHERE id=${c.c}`);
});
after(async () => { await srv?.stop(); });

const report = (...args) => ali(['report', 'outcomes', '--db', srv.db, ...args]);

test('JSON: per round and in total, with ongoing and missing apart', () => {
  const r = report('--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.deepEqual(d.rounds.map((x) => x.round), ['R1', 'R2']);
  const r1 = d.rounds[0];
  assert.deepEqual([r1.participants, r1.closed, r1.ongoing, r1.missing], [3, 1, 1, 1]);
  const tc = r1.outcomes.find((o) => o.outcome === 'training_completed');
  assert.deepEqual([tc.count, tc.percent], [1, 100]);
  assert.equal(r1.outcomes.length, 7);
  assert.deepEqual(r1.outcomes.find((o) => o.outcome === 'withdrew'), { outcome: 'withdrew', count: 0, percent: 0 });
  const r2 = d.rounds[1];
  assert.deepEqual([r2.participants, r2.closed], [0, 0]);
  assert.equal(r2.outcomes[0].percent, null, 'no percentage of nothing');
  assert.deepEqual([d.total.participants, d.total.closed, d.total.ongoing, d.total.missing], [3, 1, 1, 1]);
});

test('CSV and text', () => {
  let r = report('--format', 'csv', '--round', 'R1');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'round,outcome,count,percent');
  assert.ok(lines.includes('R1,training_completed,1,100.0'), r.stdout);
  assert.ok(lines.includes('R1,employed_host,0,0.0'), r.stdout);
  assert.ok(lines.includes('R1,ongoing,1,'), r.stdout);
  assert.ok(lines.includes('R1,missing,1,'), r.stdout);
  assert.ok(lines.includes('total,training_completed,1,100.0'), r.stdout);
  assert.ok(!lines.some((l) => l.startsWith('R2,')), 'only the round asked for');
  r = report();
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Round R1: 3 participants, 1 closed, 1 ongoing, 1 missing/);
  assert.match(r.stdout, /training_completed\s+1\s+100\.0/);
  assert.match(r.stdout, /Total: 3 participants/);
  r = report('--round', 'R9');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /R9/);
  r = ali(['report', '--list']);
  assert.match(r.stdout, /outcomes/);
});
