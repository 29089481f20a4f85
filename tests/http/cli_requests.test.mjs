// cli_requests.test.mjs — `ali report requests` (src/cmd/report_requests.c):
// three requests of one case of round R1 -- two of the case manager
// raised on Friday 1 March 2024 at noon, acknowledged after 1 and 3
// working days and resolved after 2 and 4, and one emergency of the
// social worker raised 20 days ago and never answered (overdue) -- give
// the medians, 90th percentiles and overdue counts per worker and per
// kind in JSON, CSV (long format) and text; --round R2 (no requests) and
// an unknown round.  Runs on SQLite and PostgreSQL (ALI_TEST_BACKEND).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ali } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { closingWorld, agreedPath, day } from './closing_fixture.mjs';

let srv;

before(async () => {
  srv = await startServer();
  const w = await closingWorld(srv);
  const p = await agreedPath(srv, w, 'ROSSI');
  const req = (kind, who, raised, ack, res) => sql(srv.db, `INSERT INTO request(agency_id, case_id, kind, raised_by,
      assignee_id, text, raised_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution)
    SELECT c.agency_id, c.id, '${kind}', u.id, u.id, 'Bisogno', '${raised}', ${ack ? `'${ack}'` : 'NULL'},
      ${ack ? 'u.id' : 'NULL'}, ${res ? `'${res}'` : 'NULL'}, ${res ? 'u.id' : 'NULL'}, ${res ? "'Fatto'" : 'NULL'}
    FROM case_file c, app_user u WHERE c.id=${p.c} AND u.username='${who}'`);
  req('documents', 'cm', '2024-03-01T12:00:00Z', '2024-03-04T12:00:00Z', '2024-03-05T12:00:00Z');
  req('documents', 'cm', '2024-03-01T12:00:00Z', '2024-03-06T12:00:00Z', '2024-03-07T12:00:00Z');
  req('emergency', 'sw', `${day(-20)}T09:00:00Z`, null, null);
});
after(async () => { await srv?.stop(); });

const report = (...args) => ali(['report', 'requests', '--db', srv.db, ...args]);

test('JSON: per worker and per kind', () => {
  const r = report('--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.equal(d.round, null);
  assert.deepEqual(d.workers.map((x) => x.name), ['Carla Neri', 'Silvia Bartoli']);
  const { user_id: _, ...cm } = d.workers[0];
  assert.deepEqual(cm, { name: 'Carla Neri', requests: 2, acknowledged: 2, resolved: 2, overdue: 0,
    acknowledge_median_days: 2, acknowledge_p90_days: 3, resolve_median_days: 3, resolve_p90_days: 4 });
  const sw = d.workers[1];
  assert.deepEqual([sw.requests, sw.acknowledged, sw.overdue, sw.acknowledge_median_days], [1, 0, 1, null]);
  assert.deepEqual(d.kinds.map((k) => k.kind), ['rent', 'documents', 'school', 'health', 'emergency', 'other']);
  assert.equal(d.kinds[1].requests, 2);
  assert.equal(d.kinds[4].overdue, 1);
  assert.equal(d.kinds[0].requests, 0);
});

test('CSV in long format, and text', () => {
  let r = report('--format', 'csv');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'group,name,measure,value');
  assert.equal(lines.length, 1 + 8 * (2 + 6));
  assert.ok(lines.includes('worker,Carla Neri,acknowledge_p90_days,3.00'));
  assert.ok(lines.includes('worker,Silvia Bartoli,acknowledge_median_days,'));
  assert.ok(lines.includes('kind,emergency,overdue,1'));
  r = report();
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Per worker/);
  assert.match(r.stdout, /Carla Neri\s+2\s+2\s+2\.00\s+3\.00\s+2\s+3\.00\s+4\.00\s+0/);
  assert.match(r.stdout, /Silvia Bartoli\s+1\s+0\s+-\s+-\s+0\s+-\s+-\s+1/);
  assert.match(r.stdout, /Per kind/);
});

test('--round: only the round\'s cases; an unknown round is an error', () => {
  let r = report('--format', 'json', '--round', 'R2');
  assert.equal(r.status, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.equal(d.round, 'R2');
  assert.deepEqual(d.workers, []);
  assert.ok(d.kinds.every((k) => k.requests === 0));
  r = report('--format', 'json', '--round', 'R1');
  assert.equal(JSON.parse(r.stdout).workers.length, 2);
  r = report('--round', 'R9');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /R9/);
  assert.match(ali(['report', '--list']).stdout, /requests/);
});
