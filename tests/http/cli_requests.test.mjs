// cli_requests.test.mjs — `ali report requests` (src/report/report_requests.c):
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
// The data rows as { 'group|name|measure': value }.
const values = (d) => Object.fromEntries(d.rows.map((x) => [`${x.group}|${x.name}|${x.measure}`, x.value]));

test('JSON: per worker and per kind', () => {
  const r = report('--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.equal(d.report, 'requests');
  assert.match(d.subtitle, /R1, R2/, 'the rounds it covers');
  assert.deepEqual(d.columns, ['group', 'name', 'measure', 'value']);
  const v = values(d);
  assert.deepEqual([...new Set(d.rows.filter((x) => x.group === 'worker').map((x) => x.name))], ['Carla Neri', 'Silvia Bartoli']);
  const cm = (m) => v[`worker|Carla Neri|${m}`];
  assert.deepEqual(['requests', 'acknowledged', 'resolved', 'overdue', 'acknowledge_median_days', 'acknowledge_p90_days',
    'resolve_median_days', 'resolve_p90_days'].map(cm), [2, 2, 2, 0, 2, 3, 3, 4]);
  const sw = (m) => v[`worker|Silvia Bartoli|${m}`];
  assert.deepEqual(['requests', 'acknowledged', 'overdue', 'acknowledge_median_days'].map(sw), [1, 0, 1, null]);
  assert.deepEqual([...new Set(d.rows.filter((x) => x.group === 'kind').map((x) => x.name))],
    ['rent', 'documents', 'school', 'health', 'emergency', 'other']);
  assert.equal(v['kind|documents|requests'], 2);
  assert.equal(v['kind|emergency|overdue'], 1);
  assert.equal(v['kind|rent|requests'], 0);
  assert.deepEqual(d.tables.map((t) => t.name), ['workers', 'kinds']);
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
  r = report('--lang', 'en');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Per worker/);
  assert.match(r.stdout, /Carla Neri\s+2\s+2\s+2\.00\s+3\.00\s+2\s+3\.00\s+4\.00\s+0\n/);
  assert.match(r.stdout, /Silvia Bartoli\s+1\s+0\s+0\s+1\n/);
  assert.match(r.stdout, /Per kind/);
});

test('--round: only the round\'s cases; an unknown round is an error', () => {
  let r = report('--format', 'json', '--round', 'R2');
  assert.equal(r.status, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.match(d.subtitle, /R2/);
  assert.ok(!d.rows.some((x) => x.group === 'worker'));
  assert.ok(d.rows.filter((x) => x.measure === 'requests').every((x) => x.value === 0));
  r = report('--format', 'json', '--round', 'R1');
  assert.equal(new Set(JSON.parse(r.stdout).rows.filter((x) => x.group === 'worker').map((x) => x.name)).size, 2);
  r = report('--round', 'R9');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /R9/);
  assert.match(ali(['report', '--list']).stdout, /requests/);
});
