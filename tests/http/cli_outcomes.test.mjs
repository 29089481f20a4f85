// cli_outcomes.test.mjs — `ali report outcomes` (src/report/report_outcomes.c):
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
  assert.equal(d.report, 'outcomes');
  assert.deepEqual(d.columns, ['round', 'outcome', 'count', 'percent']);
  assert.deepEqual([...new Set(d.rows.map((x) => x.round))], ['R1', 'R2', 'total']);
  const row = (round, outcome) => d.rows.find((x) => x.round === round && x.outcome === outcome);
  assert.equal(d.rows.filter((x) => x.round === 'R1').length, 9, 'seven outcomes, ongoing, missing');
  assert.deepEqual(row('R1', 'training_completed'), { round: 'R1', outcome: 'training_completed', count: 1, percent: 100 });
  assert.deepEqual(row('R1', 'withdrew'), { round: 'R1', outcome: 'withdrew', count: 0, percent: 0 });
  assert.deepEqual(row('R1', 'ongoing'), { round: 'R1', outcome: 'ongoing', count: 1, percent: null });
  assert.deepEqual(row('R1', 'missing'), { round: 'R1', outcome: 'missing', count: 1, percent: null });
  assert.equal(row('R2', 'employed_host').percent, null, 'no percentage of nothing');
  assert.equal(row('R2', 'ongoing').count, 0);
  assert.deepEqual(['training_completed', 'ongoing', 'missing'].map((o) => row('total', o).count), [1, 1, 1]);
  const paths = d.tables.find((t) => t.name === 'paths');
  assert.deepEqual(paths.rows[0].slice(1), [3, 100, 0, null, 3, 100], 'participants: R1, R2, total');
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
  assert.ok(!lines.some((l) => l.startsWith('R2,') || l.startsWith('total,')), 'only the round asked for');
  r = report('--format', 'csv');
  assert.ok(r.stdout.split('\n').includes('total,training_completed,1,100.0'), r.stdout);
  r = report('--lang', 'en');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Training completed\s+1\s+100\.0\s+0\s+1\s+100\.0/);
  assert.match(r.stdout, /Participants \(project agreed\)\s+3\s+100\.0\s+0\s+3\s+100\.0/);
  assert.match(r.stdout, /R1: one missing value/);
  r = report('--round', 'R9');
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /R9/);
  r = ali(['report', '--list']);
  assert.match(r.stdout, /outcomes/);
});
