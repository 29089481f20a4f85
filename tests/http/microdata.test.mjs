// microdata.test.mjs — pseudonymised microdata for evaluators: `ali
// export microdata` (src/cmd/cmd_export.c) and /exports/microdata
// (src/web/page_microdata.c) on the generated programme of
// esf_fixture.mjs.
//
// Checked against what the test computes itself: every row of both
// files (the pseudonym is recomputed here as HMAC-SHA256 of the person's
// id under the key); no name, codice fiscale, reference, birth date,
// municipality or address of anyone in the database appears; the
// pseudonyms are the same with the same key (on the command line and in
// the browser) and all different with another; a short key is refused;
// the export is audited without the key; an operator cannot export.
// Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, request, ali, addUser } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { loadWorld, microdataRow, microdataIvRows, MUNICIPALITY } from './esf_fixture.mjs';

const KEY = 'b7c1e0f4a9d2c3b8e5f6a7d8c9b0a1f2e3d4c5b6'; // 40 bytes
const KEY2 = 'another key, just as long as it has to be!';

let srv, people, dir, ids;

before(async () => {
  srv = await startServer();
  people = loadWorld(srv.db);
  dir = mkdtempSync(join(tmpdir(), 'ali-md-'));
  ids = Object.fromEntries(sql(srv.db, 'SELECT person_ref, id FROM person').trim().split('\n')
    .map((l) => l.split('|')).map(([ref, id]) => [ref, Number(id)]));
});
after(async () => { await srv?.stop(); });

const pseudonym = (key, ref) =>
  createHmac('sha256', Buffer.from(key)).update(`ali-microdata-v1:${ids[ref]}`).digest('hex').slice(0, 16);

function keyFile(name, content) {
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
}

function exportTo(out, ...args) {
  return ali(['export', 'microdata', '--db', srv.db, '--output', join(dir, out), ...args]);
}

const rows = (text) => text.trim().split('\n').map((l) => l.split(','));
const read = (out, file) => readFileSync(join(dir, out, file), 'utf8');

const PART_HEADER = 'pseudonym,round,funding_stream,gender,age_band,origin,citizenship_group,household_size,'
  + 'single_mother,labour_status,isced,screening_decision,entry_month,outcome,exit_month';
const IV_HEADER = 'pseudonym,round,service,recipient,status,start_month,end_month,planned_hours,delivered_hours';

test('every row of both files, as computed here', () => {
  const r = exportTo('a', '--key', keyFile('key', KEY + '\n'));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /participants\.csv: 49 rows/);
  const part = read('a', 'participants.csv');
  assert.equal(part.split('\n')[0], PART_HEADER);
  const got = rows(part).slice(1);
  const want = people.map((p) => [pseudonym(KEY, p.ref), ...microdataRow(p)]);
  const order = (a) => [...a].sort((x, y) => (x[1] + x[0]).localeCompare(y[1] + y[0]));
  assert.deepEqual(got, order(want), 'sorted by round, then pseudonym');
  // the person in both rounds has one pseudonym
  const twice = got.filter((x) => x[0] === pseudonym(KEY, people[1].ref));
  assert.deepEqual(twice.map((x) => x[1]), ['R1', 'R2']);

  const iv = read('a', 'interventions.csv');
  assert.equal(iv.split('\n')[0], IV_HEADER);
  const gotIv = rows(iv).slice(1);
  const wantIv = people.flatMap((p) => microdataIvRows(p).map((x) => [pseudonym(KEY, p.ref), ...x]));
  const key = (x) => x.join('|');
  assert.deepEqual(gotIv.map(key).sort(), wantIv.map(key).sort());
  assert.ok(gotIv.some((x) => x[3] === 'household_member'));
});

test('nobody of the database is named, identified or located in the files', () => {
  const text = read('a', 'participants.csv') + read('a', 'interventions.csv');
  const all = sql(srv.db, `SELECT first_name, last_name, codice_fiscale, person_ref, birth_date, municipality
    FROM person`).trim().split('\n').map((l) => l.split('|'));
  assert.ok(all.length > 49);
  for (const fields of all) {
    for (const f of fields) {
      if (f) assert.ok(!text.includes(f), `"${f}" is in the export`);
    }
  }
  for (const m of MUNICIPALITY) assert.ok(!text.includes(m), m);
  for (const f of sql(srv.db, 'SELECT name, address FROM organisation').trim().split(/[|\n]/)) {
    if (f) assert.ok(!text.includes(f), f);
  }
  assert.doesNotMatch(text, /\d{4}-\d\d-\d\d/, 'no full date');
});

test('the same key gives the same pseudonyms; another key, none of them', () => {
  let r = ali(['export', 'microdata', '--db', srv.db, '--output', join(dir, 'b'), '--key-env', 'ALI_MD_KEY'],
    { env: { ...process.env, ALI_MD_KEY: KEY } });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(read('b', 'participants.csv'), read('a', 'participants.csv'));
  assert.equal(read('b', 'interventions.csv'), read('a', 'interventions.csv'));
  r = exportTo('c', '--key', keyFile('key2', KEY2));
  assert.equal(r.status, 0, r.stderr);
  const p1 = new Set(rows(read('a', 'participants.csv')).slice(1).map((x) => x[0]));
  const p2 = new Set(rows(read('c', 'participants.csv')).slice(1).map((x) => x[0]));
  assert.equal(p1.size, p2.size);
  for (const x of p2) assert.ok(!p1.has(x), 'a pseudonym of the other key');
  r = exportTo('d', '--key', keyFile('key', KEY), '--round', 'R1');
  assert.equal(r.status, 0, r.stderr);
  const r1 = rows(read('d', 'participants.csv')).slice(1);
  assert.equal(r1.length, people.filter((p) => p.round === 'R1').length);
  assert.ok(r1.every((x) => x[1] === 'R1'));
});

test('a short key, a missing one or both are refused; nothing is written', () => {
  let r = exportTo('e', '--key', keyFile('short', 'x'.repeat(31) + '\n'));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /at least 32 bytes; this one has 31/);
  assert.ok(!existsSync(join(dir, 'e', 'participants.csv')));
  r = ali(['export', 'microdata', '--db', srv.db, '--output', join(dir, 'e'), '--key-env', 'ALI_MD_NOPE']);
  assert.equal(r.status, 1);
  r = exportTo('e');
  assert.equal(r.status, 2);
  r = exportTo('e', '--key', keyFile('key', KEY), '--key-env', 'X');
  assert.equal(r.status, 2);
  r = exportTo('e', '--key', keyFile('key', KEY), '--round', 'R9');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /R9/);
  assert.ok(!existsSync(join(dir, 'e', 'participants.csv')));
});

test('each export is audited with its counts, never the key', () => {
  const entries = sql(srv.db, "SELECT username, detail FROM audit WHERE action='export' AND entity='microdata' ORDER BY id")
    .trim().split('\n');
  assert.equal(entries.length, 4, entries.join('\n'));
  assert.match(entries[0], /^cli:.*\|\{"round":null,"participants":49,"interventions":\d+\}$/);
  assert.match(entries[3], /"round":"R1"/);
  const all = sql(srv.db, 'SELECT detail FROM audit');
  assert.ok(!all.includes(KEY) && !all.includes(KEY2.slice(0, 20)));
});

test('in the browser: the same files for the same key, audited; an operator cannot', async () => {
  const eva = addUser(srv.db, 'eva', ['evaluator']);
  const op = addUser(srv.db, 'op', ['operator']);
  const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
  let r = await request(srv.base, 'GET', '/exports/microdata', { token: eva });
  assert.equal(r.status, 200);
  assert.match(r.body, /name="key"/);
  r = await request(srv.base, 'POST', '/exports/microdata',
    { raw: `key=${encodeURIComponent(KEY)}&round=&file=participants`, headers: FORM, token: eva });
  assert.equal(r.status, 200, r.body);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), /attachment; filename="participants\.csv"/);
  assert.equal(r.body, read('a', 'participants.csv'));
  r = await request(srv.base, 'POST', '/exports/microdata',
    { raw: `key=${encodeURIComponent(KEY)}&round=R1&file=interventions`, headers: FORM, token: eva });
  assert.equal(r.status, 200, r.body);
  assert.match(r.headers.get('content-disposition'), /interventions-R1\.csv/);
  assert.equal(r.body, read('d', 'interventions.csv'));
  const last = sql(srv.db, "SELECT username, detail FROM audit WHERE action='export' AND entity='microdata' ORDER BY id DESC LIMIT 2")
    .trim().split('\n');
  assert.match(last[0], /^eva\|\{"round":"R1","interventions":\d+\}$/);
  assert.match(last[1], /^eva\|\{"round":null,"participants":49\}$/);
  r = await request(srv.base, 'POST', '/exports/microdata',
    { raw: 'key=too-short-a-key&file=participants', headers: FORM, token: eva });
  assert.equal(r.status, 422);
  assert.ok(!r.body.includes('too-short-a-key'), 'the key is not shown again');
  r = await request(srv.base, 'GET', '/exports/microdata', { token: op });
  assert.equal(r.status, 403);
  r = await request(srv.base, 'POST', '/exports/microdata',
    { raw: `key=${encodeURIComponent(KEY)}&file=participants`, headers: FORM, token: op });
  assert.equal(r.status, 403);
  assert.ok(!r.body.includes(pseudonym(KEY, people[0].ref)));
});
