// cli_handover.test.mjs — `ali handover` and `ali report caseload-gaps`
// (src/cmd/cmd_handover.c, report_caseload.c) on a database the server
// also serves: the dry run writes nothing, the cases are spread evenly
// in one transaction with the note, the history and one audit entry per
// case; refusals exit 1 and write nothing, a bad command line exits 2;
// the gaps report in text, CSV and JSON.  Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, addUser, ali } from './server.mjs';
import { sql } from './access_fixture.mjs';

let srv;
const id = {};
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const one = (q) => sql(srv.db, q).trim();
const run = (args) => ali([...args, '--db', srv.db]);

function day(offset) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

async function api(method, path, body) {
  const r = await request(srv.base, method, path, { body, token: srv.token });
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.body}`);
  return r.json;
}

before(async () => {
  srv = await startServer();
  addUser(srv.db, 'leaving', ['social_worker'], { name: 'Lea Ving' });
  addUser(srv.db, 'anna', ['social_worker'], { name: 'Anna A' });
  addUser(srv.db, 'bruno', ['social_worker'], { name: 'Bruno B' });
  addUser(srv.db, 'carlo', ['social_worker'], { name: 'Carlo C' });
  addUser(srv.db, 'psy', ['psychotherapist'], { name: 'Piero S' });
  for (const u of ['leaving', 'anna', 'bruno', 'carlo']) id[u] = Number(one(`SELECT id FROM app_user WHERE username='${u}'`));
  id.round = (await api('POST', '/api/v1/rounds', { code: 'R1', name: 'Prima edizione', start_date: day(-60),
    end_date: day(120) })).id;
  await api('POST', '/api/v1/funding-streams', { code: 'pon', name: 'PON', allocation_cents: 100000 });
  id.cases = [];
  for (let i = 0; i < 7; i++) {
    const pid = (await api('POST', '/api/v1/people', { person_ref: `P${i}`, household_ref: `H${i}`,
      first_name: 'Nome', last_name: `Cognome${i}`, gender: 'M', birth_date: '1980-01-01' })).id;
    const raw = new URLSearchParams({ person_id: pid, funding_stream: 'pon', social_worker: 'leaving',
      shortlisted_on: day(-10) }).toString();
    const r = await request(srv.base, 'POST', `/rounds/${id.round}/shortlist`, { raw, headers: FORM });
    assert.equal(r.status, 303, r.body.slice(0, 1000));
    id.cases.push(Number(one(`SELECT id FROM case_file WHERE person_id=${pid}`)));
  }
});
after(async () => { await srv?.stop(); });

const heldBy = (u) => Number(one(`SELECT count(*) FROM case_file WHERE social_worker_id=${id[u]}`));

test('a bad command line exits 2, refusals exit 1, and nothing moves', () => {
  assert.equal(run(['handover', 'leaving']).status, 2, 'no --to');
  assert.equal(run(['handover', '--to', 'anna']).status, 2, 'no user');
  assert.match(run(['handover', '--help']).stdout, /usage: ali handover USERNAME --to/);
  let r = run(['handover', 'nobody', '--to', 'anna']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no account nobody/);
  r = run(['handover', 'leaving', '--to', 'anna,ghost']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no account ghost/);
  r = run(['handover', 'leaving', '--to', 'psy']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /to: not an active social worker/);
  r = run(['handover', 'leaving', '--to', 'anna', '--role', 'boss']);
  assert.equal(r.status, 1);
  assert.equal(heldBy('leaving'), 7);
});

test('the dry run prints the spread and writes nothing', () => {
  const r = run(['handover', 'leaving', '--to', 'anna,bruno,carlo', '--dry-run']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /would hand over 7 case\(s\) of leaving/);
  assert.match(r.stdout, /anna: 3\n\s+bruno: 2\n\s+carlo: 2/);
  assert.equal(heldBy('leaving'), 7);
  assert.equal(one("SELECT count(*) FROM audit WHERE action='handover'"), '0');
});

test('the handover spreads the cases evenly, with the note, the history and the audit', () => {
  const r = run(['handover', 'leaving', '--to', 'anna,bruno,carlo', '--note', 'contratto scaduto']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /handed over 7 case\(s\) of leaving/);
  assert.deepEqual([heldBy('leaving'), heldBy('anna'), heldBy('bruno'), heldBy('carlo')], [0, 3, 2, 2]);
  // in case order, round robin
  const to = id.cases.map((c) => Number(one(`SELECT social_worker_id FROM case_file WHERE id=${c}`)));
  assert.deepEqual(to, [id.anna, id.bruno, id.carlo, id.anna, id.bruno, id.carlo, id.anna]);
  assert.equal(one(`SELECT count(*) FROM case_assignment WHERE role='social_worker' AND to_at IS NULL
                      AND note='contratto scaduto'`), '7');
  assert.equal(one(`SELECT count(*) FROM case_assignment WHERE user_id=${id.leaving} AND to_at IS NOT NULL`), '7');
  assert.equal(one("SELECT count(*) FROM audit WHERE action='handover' AND username LIKE 'cli:%'"), '7');
  assert.equal(run(['audit', 'verify']).status, 0);
  // nothing left: exit 0, nothing printed as moved
  const again = run(['handover', 'leaving', '--to', 'anna']);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /handed over 0 case\(s\)/);
});

test('ali report caseload-gaps lists cases whose worker is inactive', () => {
  let r = run(['report', 'caseload-gaps', '--lang', 'en']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Active cases without an active social worker or case manager: 0$/m);
  sql(srv.db, `UPDATE app_user SET active=0 WHERE id=${id.bruno}`);
  r = run(['report', 'caseload-gaps', '--lang', 'en']);
  assert.match(r.stdout, /^Active cases without an active social worker or case manager: 2$/m);
  assert.match(r.stdout, /Bruno B/);
  r = run(['report', 'caseload-gaps', '--format', 'csv']);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'case_id,person_ref,last_name,first_name,round,stage,no_social_worker,no_case_manager,social_worker,case_manager');
  assert.equal(lines.length, 3);
  assert.equal(lines[1], `${id.cases[1]},P1,Cognome1,Nome,R1,shortlisted,1,0,Bruno B,`);
  r = run(['report', 'caseload-gaps', '--format', 'json']);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.rows.map((c) => c.case_id), [id.cases[1], id.cases[4]]);
  assert.equal(j.rows[0].no_social_worker, 1);
  assert.match(run(['report', '--list']).stdout, /caseload-gaps/);
});
