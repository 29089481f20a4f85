// cli_audit.test.mjs — the audit trail from the command line: `ali audit
// verify` on a fresh database; the entries that `ali round add`, `ali
// stream add` and `ali import people` append (one per record created or
// changed, none for a record saved unchanged or a write refused); `ali
// audit list` and its filters and pages; `ali audit verify` naming the
// entry after rows are altered or deleted directly with sqlite3 or psql;
// --help and usage errors.  Runs on SQLite and on PostgreSQL (tests/run).
// The tampering cases are also in tests/unit/test_audit.c, column by
// column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ali, freshDatabase, BACKEND } from './server.mjs';

const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-cli-audit-'));
const CLI_USER = `cli:${userInfo().username}`;

// A fresh initialised database.
function database() {
  const db = freshDatabase();
  const r = ali(['init', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  return db;
}

// The rows of a query, each a string (columns joined by '|'); several
// statements may be given, separated by ';'.
function sql(db, query) {
  const out = BACKEND === 'postgresql'
    ? execFileSync('psql', [db, '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', query], { encoding: 'utf8' })
    : execFileSync('sqlite3', [db, query], { encoding: 'utf8' });
  return out.trim() === '' ? [] : out.trim().split('\n');
}
const nEntries = (db) => Number(sql(db, 'SELECT count(*) FROM audit')[0]);

function verify(db) {
  return ali(['audit', 'verify', '--db', db]);
}

function assertIntact(db, n) {
  const r = verify(db);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`^audit trail intact: ${n} entr(y|ies)\\n`));
}

function assertBroken(db, message) {
  const r = verify(db);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.equal(r.stdout.split('\n')[0], `audit trail broken: ${message}`);
}

// A database with entries from every audited command: 2 rounds (one
// updated, one saved unchanged), a funding stream, 3 people.
function filled() {
  const db = database();
  const run = (args) => {
    const r = ali([...args, '--db', db]);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  };
  run(['round', 'add', 'R1', '--name', 'Prima', '--start', '2024-01-01', '--end', '2024-12-31', '--services', 'internship']);
  run(['round', 'add', 'R1', '--name', 'Prima edizione', '--start', '2024-01-01', '--end', '2024-12-31', '--services', 'internship,haccp']);
  run(['round', 'add', 'R1', '--name', 'Prima edizione', '--start', '2024-01-01', '--end', '2024-12-31', '--services', 'internship,haccp']);
  run(['stream', 'add', 'fp', '--name', 'Fondo Povertà', '--allocation', '1.000,00']);
  const csv = join(dir, `people-${Date.now()}.csv`);
  writeFileSync(csv,
    'person_ref,household_ref,first_name,last_name,minimum_income\n' +
    'P1,H1,Mario,Rossi,yes\nP2,H1,Anna,Bianchi,\nP3,H2,Luca,Verdi,no\n');
  run(['import', 'people', csv]);
  return db;
}

test('verify: a fresh database has an intact, empty trail', () => {
  const db = database();
  const n = nEntries(db);
  assertIntact(db, n);
  assert.equal(sql(db, 'SELECT last_id FROM audit_head')[0], String(n));
});

test('round, stream and import append one entry per record created or changed', () => {
  const db = filled();
  const rows = sql(db, "SELECT action, entity, coalesce(user_id, 0), username, coalesce(address, '-')" +
    " FROM audit WHERE username LIKE 'cli:%' ORDER BY id");
  assert.deepEqual(rows, [
    `create|round|0|${CLI_USER}|-`,
    `update|round|0|${CLI_USER}|-`, // the third add changed nothing: no entry
    `create|funding_stream|0|${CLI_USER}|-`,
    `create|person|0|${CLI_USER}|-`,
    `create|person|0|${CLI_USER}|-`,
    `create|person|0|${CLI_USER}|-`,
  ]);
  const detail = (where) => JSON.parse(sql(db, `SELECT detail FROM audit WHERE ${where}`)[0]);
  assert.deepEqual(detail("action='update' AND entity='round'"), {
    name: { before: 'Prima', after: 'Prima edizione' },
    services: { before: 'internship', after: 'internship,haccp' },
  });
  assert.deepEqual(detail("entity='funding_stream'"), {
    code: { before: null, after: 'fp' },
    name: { before: null, after: 'Fondo Povertà' },
    allocation_cents: { before: null, after: 100000 },
    esf: { before: null, after: 0 },
  });
  const p1 = sql(db, "SELECT id FROM person WHERE person_ref='P1'")[0];
  assert.deepEqual(sql(db, `SELECT entity_id, person_id FROM audit WHERE entity='person' AND person_id=${p1}`), [`${p1}|${p1}`]);
  assert.equal(detail(`person_id=${p1}`).minimum_income.after, 'yes');
  assertIntact(db, nEntries(db));
});

test('a refused write appends nothing', () => {
  const db = filled();
  const n = nEntries(db);
  const r = ali(['round', 'add', 'R2', '--name', 'Seconda', '--start', '2024-02-01', '--end', '2024-01-01', '--db', db]);
  assert.equal(r.status, 1);
  const csv = join(dir, 'bad.csv');
  writeFileSync(csv, 'person_ref,household_ref,first_name,last_name\nP9,H9,Ugo,\n');
  assert.equal(ali(['import', 'people', csv, '--db', db]).status, 1);
  assert.equal(nEntries(db), n);
  assertIntact(db, n);
});

test('list: newest first, filters, pages', () => {
  const db = filled();
  const n = nEntries(db);
  let r = ali(['audit', 'list', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^ID +AT +USER +ADDRESS +ACTION +RECORD +PERSON +DETAIL$/);
  assert.equal(lines.length, n + 1);
  const ids = lines.slice(1).map((l) => Number(l.split(/ +/)[0]));
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  assert.equal(ids[0], n);
  // one person's trail
  const p2 = sql(db, "SELECT id FROM person WHERE person_ref='P2'")[0];
  r = ali(['audit', 'list', '--person', p2, '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const personLines = r.stdout.trimEnd().split('\n').slice(1);
  assert.equal(personLines.length, 1);
  assert.match(personLines[0], new RegExp(` create +person ${p2} +${p2} +\\{"person_ref":\\{"before":null,"after":"P2"\\}`));
  // by user, by action, by date
  r = ali(['audit', 'list', '--user', CLI_USER, '--action', 'update', '--db', db]);
  assert.equal(r.stdout.trimEnd().split('\n').length, 2);
  assert.match(r.stdout, / update +round 1 /);
  r = ali(['audit', 'list', '--user', 'nobody', '--db', db]);
  assert.equal(r.stdout.trimEnd().split('\n').length, 1);
  r = ali(['audit', 'list', '--to', '2000-01-01', '--db', db]);
  assert.equal(r.stdout.trimEnd().split('\n').length, 1);
  r = ali(['audit', 'list', '--from', '2000-01-01', '--agency', 'sds', '--db', db]);
  assert.equal(r.stdout.trimEnd().split('\n').length, n + 1);
  // pages of 4
  r = ali(['audit', 'list', '--limit', '4', '--db', db]);
  let out = r.stdout.trimEnd().split('\n');
  assert.equal(out.length, 6);
  assert.equal(out[5], `more: --before ${n - 3}`);
  r = ali(['audit', 'list', '--limit', '4', '--before', String(n - 3), '--db', db]);
  out = r.stdout.trimEnd().split('\n').filter((l) => !l.startsWith('more: '));
  const next = out.slice(1).map((l) => Number(l.split(' ')[0]));
  assert.equal(next[0], n - 4);
  assert.equal(next.length, Math.min(4, n - 4));
});

test('verify names the entry altered or deleted in the database', () => {
  const db = filled();
  const n = nEntries(db);
  assert.ok(n >= 6);
  sql(db, 'CREATE TABLE audit_copy AS SELECT * FROM audit');
  const restore = () => {
    sql(db, 'DELETE FROM audit; INSERT INTO audit SELECT * FROM audit_copy;' +
      ` UPDATE audit_head SET last_id=${n}, last_hash=(SELECT hash FROM audit WHERE id=${n})`);
    assertIntact(db, n);
  };
  sql(db, `UPDATE audit SET detail='{"name":{"before":"x","after":"y"}}' WHERE id=2`);
  assertBroken(db, 'entry 2 was changed');
  restore();
  sql(db, "UPDATE audit SET username='someone.else' WHERE id=3");
  assertBroken(db, 'entry 3 was changed');
  restore();
  sql(db, "UPDATE audit SET at='2020-01-01T00:00:00Z' WHERE id=1");
  assertBroken(db, 'entry 1 was changed');
  restore();
  sql(db, 'DELETE FROM audit WHERE id=4');
  assertBroken(db, 'entry 4 is missing (deleted)');
  restore();
  sql(db, `DELETE FROM audit WHERE id=${n}`);
  assertBroken(db, `the last entry, ${n}, was removed`);
  restore();
  sql(db, `DELETE FROM audit WHERE id>${n - 2}`);
  assertBroken(db, `the last entries after ${n - 2} were removed (${n - 1} to ${n})`);
  restore();
  // the first problem is the one named
  sql(db, "UPDATE audit SET action='export' WHERE id=5; DELETE FROM audit WHERE id=2");
  assertBroken(db, 'entry 2 is missing (deleted)');
});

test('--help and usage errors', () => {
  for (const args of [['audit', '--help'], ['audit', 'verify', '--help'], ['audit', 'list', '-h']]) {
    const r = ali(args);
    assert.equal(r.status, 0, args.join(' '));
    assert.match(r.stdout, /^usage: ali audit/);
  }
  const db = database();
  for (const args of [['audit'], ['audit', 'frobnicate'], ['audit', 'verify', 'extra'],
    ['audit', 'verify', '--limit', '3'], ['audit', 'list', '--colour', 'red']]) {
    const r = ali([...args, '--db', db]);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /usage: ali audit/);
  }
  for (const [args, message] of [
    [['--limit', '0'], 'ali: --limit: must be a number from 1 to 1000\n'],
    [['--person', 'P1'], /^ali: --person: must be a number/],
    [['--from', '2024-02-30'], 'ali: --from and --to must be dates (YYYY-MM-DD)\n'],
    [['--agency', 'nowhere'], "ali: no agency with code 'nowhere'\n"],
  ]) {
    const r = ali(['audit', 'list', ...args, '--db', db]);
    assert.equal(r.status, 1, args.join(' '));
    if (typeof message === 'string') assert.equal(r.stderr, message);
    else assert.match(r.stderr, message);
  }
});
