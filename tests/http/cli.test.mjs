// cli.test.mjs — the command line as a user meets it: `ali import people`
// (the exact error output, exit status 1 and nothing imported; re-import
// updates; a semicolon file with a BOM; standard input), `ali round` and
// `ali stream` (add, list, invalid input refused with nothing written),
// and `--help` of every command.  Runs on SQLite and on PostgreSQL
// (tests/run); the database is read back with sqlite3 or psql, and once
// through `ali serve` and the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ali, addUser, freshDatabase, startServer, request, BACKEND } from './server.mjs';

const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-cli-'));
let nFile = 0;

// Writes text (a string or a Buffer) to a new file of the temp dir.
function file(text, name = `f${++nFile}.csv`) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// A fresh initialised database.
function database() {
  const db = freshDatabase();
  const r = ali(['init', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  return db;
}

// The first column of the rows of a SELECT, as strings.
function sql(db, query) {
  const out = BACKEND === 'postgresql'
    ? execFileSync('psql', [db, '-At', '-c', query], { encoding: 'utf8' })
    : execFileSync('sqlite3', [db, query], { encoding: 'utf8' });
  return out.trim() === '' ? [] : out.trim().split('\n');
}
const count = (db, table) => Number(sql(db, `SELECT count(*) FROM ${table}`)[0]);

const HEADER = 'person_ref,household_ref,relationship,codice_fiscale,first_name,last_name,gender,' +
  'birth_date,birth_country,citizenship,municipality,minimum_income\n';
const GOOD = HEADER +
  'P1,H1,reference,RSSMRA85T10A562S,Mario,Rossi,M,1985-12-10,IT,IT,Pisa,yes\n' +
  'P2,H1,partner,,Anna,Bianchi,F,1987-03-01,IT,IT,Pisa,no\n' +
  'P3,H1,child,,Luca,Rossi,M,2015-06-01,IT,IT,Pisa,\n' +
  'P4,H2,reference,,Fatima,El Amrani,F,1979-01-20,MA,MA,Cascina,sì\n';

test('import people: a good file is imported with its households', () => {
  const db = database();
  const r = ali(['import', 'people', file(GOOD), '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'imported 4 people (4 created, 0 updated) in 2 households\n');
  assert.equal(count(db, 'person'), 4);
  assert.equal(count(db, 'household'), 2);
  assert.deepEqual(sql(db, "SELECT minimum_income FROM person WHERE person_ref IN ('P1','P4') ORDER BY 1"),
    ['1', '1']);
});

test('import people: every bad row is reported as FILE:LINE: field: message, exit 1, nothing imported', () => {
  const db = database();
  const path = file(HEADER +
    'P1,H1,reference,RSSMRA85T10A562S,Mario,Rossi,M,1985-12-10,IT,IT,Pisa,yes\n' +
    'P2,H1,spouse,,Anna,,F,1987-02-30,IT,IT,Pisa,maybe\n' +
    'P3,,child,RSSMRA85T10A562X,Luca,Rossi,M,,XX,IT,Pisa,\n' +
    'P1,H2,reference,,Mario,Rossi,M,,,,,\n' +
    'P5,H3,reference,rssmra85t10a562s,"Ugo\n' +
    'Bis",Neri,M,,,,,\n' +
    'P6,H3,child,,Ok,Fine,F,,,,,no\n');
  const r = ali(['import', 'people', path, '--db', db]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr,
    `${path}:3: relationship: must be one of reference, partner, child, parent, sibling, other\n` +
    `${path}:3: last_name: required\n` +
    `${path}:3: birth_date: not a valid date (YYYY-MM-DD)\n` +
    `${path}:3: minimum_income: must be yes or no (or sì), or empty when unknown\n` +
    `${path}:4: household_ref: required\n` +
    `${path}:4: codice_fiscale: the check character is wrong\n` +
    `${path}:4: birth_country: not an ISO 3166-1 country code (two letters, e.g. IT)\n` +
    `${path}:5: person_ref: P1 is already on line 2\n` +
    `${path}:6: first_name: contains characters that are not allowed\n` +
    `${path}:6: codice_fiscale: RSSMRA85T10A562S is already given to P1 on line 2\n` +
    `ali: ${path}: 10 problems, nothing imported\n`);
  assert.equal(count(db, 'person'), 0);
  assert.equal(count(db, 'household'), 0);
});

test('import people: header problems name the columns; a missing file is an error', () => {
  const db = database();
  const path = file('person_ref,household_ref,first_name,colour,first_name\nP1,H1,Mario,red,Mario\n');
  const r = ali(['import', 'people', path, '--db', db]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr,
    `${path}:1: header: unknown column colour\n` +
    `${path}:1: header: duplicate column first_name\n` +
    `${path}:1: header: missing column last_name\n` +
    `ali: ${path}: 3 problems, nothing imported\n`);
  const missing = ali(['import', 'people', join(dir, 'no-such.csv'), '--db', db]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot open .*no-such\.csv/);
  assert.equal(ali(['import', 'pets', path, '--db', db]).status, 2);
  assert.equal(ali(['import', 'people', '--db', db]).status, 2);
  assert.equal(count(db, 'person'), 0);
});

test('import people: importing again updates, never duplicates', () => {
  const db = database();
  const path = file(GOOD);
  assert.equal(ali(['import', 'people', path, '--db', db]).status, 0);
  const again = ali(['import', 'people', path, '--db', db]);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(again.stdout, 'imported 4 people (0 created, 4 updated) in 2 households\n');
  const changed = ali(['import', 'people', file(HEADER +
    'P2,H1,partner,,Anna Maria,Bianchi,F,1987-03-01,IT,IT,Pisa,yes\n' +
    'P9,H1,child,,Nuovo,Rossi,M,2019-01-01,IT,IT,Pisa,\n'), '--db', db]);
  assert.equal(changed.status, 0, changed.stderr);
  assert.equal(changed.stdout, 'imported 2 people (1 created, 1 updated) in 1 household\n');
  assert.equal(count(db, 'person'), 5);
  assert.equal(count(db, 'household'), 2);
  assert.deepEqual(sql(db, "SELECT first_name || '/' || minimum_income FROM person WHERE person_ref='P2'"),
    ['Anna Maria/1']);
});

test('import people: a codice fiscale of a person not in the file rolls the whole file back', () => {
  const db = database();
  assert.equal(ali(['import', 'people', file(GOOD), '--db', db]).status, 0);
  const path = file(HEADER +
    'Q1,K1,reference,,Nuovo,Uno,M,1990-01-01,IT,IT,Pisa,\n' +
    'Q2,K1,partner,RSSMRA85T10A562S,Nuovo,Due,F,1990-01-01,IT,IT,Pisa,\n');
  const r = ali(['import', 'people', path, '--db', db]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr,
    `${path}:3: codice_fiscale: this codice fiscale belongs to another person\n` +
    `ali: ${path}: 1 problem, nothing imported\n`);
  assert.equal(count(db, 'person'), 4);
  assert.deepEqual(sql(db, "SELECT count(*) FROM household WHERE household_ref='K1'"), ['0']);
});

test('import people: semicolons, a byte order mark and CRLF, as Italian Excel saves', () => {
  const db = database();
  const csv = Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), Buffer.from(
    'last_name;first_name;person_ref;household_ref;codice_fiscale;minimum_income\r\n' +
    "D'Angelò;Nicolò;E1;F1;;Sì\r\n" +
    '"Rossi; detto Tano";Gaetano;E2;F1;RSSMRA85T10A562S;no\r\n' +
    ';;;;;\r\n', 'utf8')]);
  const r = ali(['import', 'people', file(csv), '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'imported 2 people (2 created, 0 updated) in 1 household\n');
  assert.deepEqual(sql(db, 'SELECT last_name FROM person ORDER BY person_ref'),
    ["D'Angelò", 'Rossi; detto Tano']);
  assert.deepEqual(sql(db, 'SELECT minimum_income FROM person ORDER BY person_ref'), ['1', '0']);
});

test('import people: invalid UTF-8 names its line', () => {
  const db = database();
  const csv = Buffer.concat([Buffer.from(HEADER + 'L1,M1,,,Mario,Rossi,,,,,,\nL2,M1,,,Nicol'),
    Buffer.from([0xF2]), Buffer.from(',Rossi,,,,,,\n')]);
  const path = file(csv);
  const r = ali(['import', 'people', path, '--db', db]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `${path}:3: csv: invalid UTF-8 (save the file as CSV UTF-8)\n` +
    `ali: ${path}: 1 problem, nothing imported\n`);
  assert.equal(count(db, 'person'), 0);
});

test('import people: - reads standard input', () => {
  const db = database();
  const r = ali(['import', 'people', '-', '--db', db], { input: GOOD });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'imported 4 people (4 created, 0 updated) in 2 households\n');
  assert.equal(count(db, 'person'), 4);
});

test('imported people are served by the API', async () => {
  const db = database();
  assert.equal(ali(['import', 'people', file(GOOD), '--db', db]).status, 0);
  const token = addUser(db, 'tester', ['manager', 'admin']);
  const srv = await startServer({ db, init: false });
  try {
    const r = await request(srv.base, 'GET', '/api/v1/people?q=rossi', { token });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(r.json.items.map((p) => p.person_ref).sort(), ['P1', 'P3']);
  } finally {
    await srv.stop();
  }
});

test('round add and list; an existing code is updated', () => {
  const db = database();
  let r = ali(['round', 'add', 'R1', '--name', 'Prima edizione', '--start', '2020-10-01', '--end', '2021-12-31',
    '--services', 'internship, forklift,haccp', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  r = ali(['round', 'add', 'R2', '--name', 'Seconda edizione', '--start', '2022-01-10', '--end', '2022-06-30',
    '--max', '63', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  r = ali(['round', 'list', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout,
    'CODE  NAME              START       END         MAX  SERVICES\n' +
    'R1    Prima edizione    2020-10-01  2021-12-31  -    internship,forklift,haccp\n' +
    'R2    Seconda edizione  2022-01-10  2022-06-30  63   all\n');
  r = ali(['round', 'add', 'R1', '--name', 'Edizione 1', '--start', '2020-10-01', '--end', '2021-12-31',
    '--services', 'internship', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(count(db, 'round'), 2);
  assert.deepEqual(sql(db, "SELECT name FROM round WHERE code='R1'"), ['Edizione 1']);
  assert.deepEqual(sql(db, "SELECT count(*) FROM round_service rs JOIN round r ON r.id=rs.round_id WHERE r.code='R1'"),
    ['1']);
});

test('round add refuses invalid input with exit 1 and writes nothing', () => {
  const db = database();
  const base = ['round', 'add', 'R1', '--name', 'Prima', '--db', db];
  const cases = [
    [['--start', '2020-13-01', '--end', '2021-01-01'], 'ali: start_date: not a valid date (YYYY-MM-DD)\n'],
    [['--start', '2021-02-01', '--end', '2021-01-01'], 'ali: end_date: cannot be before the start date\n'],
    [['--start', '2021-01-01', '--end', '2021-12-31', '--services', 'internship,astrology'],
      'ali: services: unknown service astrology\n'],
    [['--start', '2021-01-01', '--end', '2021-12-31', '--max', 'lots'],
      'ali: max_participants: must be empty or a number of at least 1\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = ali([...base, ...args]);
    assert.equal(r.status, 1, args.join(' '));
    assert.equal(r.stderr, stderr);
  }
  const noName = ali(['round', 'add', 'R1', '--start', '2021-01-01', '--end', '2021-12-31', '--db', db]);
  assert.equal(noName.status, 1);
  assert.equal(noName.stderr, 'ali: name: required\n');
  const badCode = ali(['round', 'add', 'R 1', '--name', 'x', '--start', '2021-01-01', '--end', '2021-12-31', '--db', db]);
  assert.equal(badCode.status, 1);
  assert.match(badCode.stderr, /^ali: code: /);
  assert.equal(count(db, 'round'), 0);
  assert.equal(count(db, 'round_service'), 0);
  assert.equal(ali(['round', 'remove', 'R1', '--db', db]).status, 2);
});

test('stream add and list; an existing code is updated', () => {
  const db = database();
  let r = ali(['stream', 'add', 'fondo_poverta', '--name', 'Fondo Povertà', '--allocation', '400.000,00',
    '--rule', 'minimum_income', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  r = ali(['stream', 'add', 'pon_inclusione', '--name', 'PON Inclusione', '--allocation', '393165', '--esf', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  r = ali(['stream', 'list', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout,
    'CODE            NAME            ALLOCATION   ESF  RULE\n' +
    'fondo_poverta   Fondo Povertà   €400,000.00  no   minimum_income\n' +
    'pon_inclusione  PON Inclusione  €393,165.00  yes  -\n');
  assert.deepEqual(sql(db, "SELECT allocation_cents FROM funding_stream WHERE code='fondo_poverta'"), ['40000000']);
  r = ali(['stream', 'add', 'pon_inclusione', '--name', 'PON Inclusione', '--allocation', '1,234.56', '--esf', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(count(db, 'funding_stream'), 2);
  assert.deepEqual(sql(db, "SELECT allocation_cents FROM funding_stream WHERE code='pon_inclusione'"), ['123456']);
});

test('stream add refuses invalid input with exit 1 and writes nothing', () => {
  const db = database();
  const base = ['stream', 'add', 'fondo', '--name', 'Fondo', '--db', db];
  const cases = [
    [['--allocation', '-100'], 'ali: allocation_cents: cannot be negative\n'],
    [['--allocation', 'tanti'], 'ali: allocation_cents: not an amount of euros (e.g. 793165, 793.165,00 or 793,165.00)\n'],
    [['--allocation', '100', '--rule', 'everyone'], 'ali: rule: unknown condition: use minimum_income, age_min=N, age_max=N or municipality=NAME, separated by commas\n'],
    [[], 'ali: allocation_cents: required\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = ali([...base, ...args]);
    assert.equal(r.status, 1, args.join(' '));
    assert.equal(r.stderr, stderr);
  }
  assert.equal(count(db, 'funding_stream'), 0);
});

test('--help of every command exits 0 with a usage line', () => {
  for (const cmd of ['init', 'migrate', 'serve', 'demo', 'import', 'round', 'stream']) {
    const r = ali([cmd, '--help']);
    assert.equal(r.status, 0, cmd);
    assert.match(r.stdout, new RegExp(`^usage: ali ${cmd}`), cmd);
  }
  for (const args of [['import', 'people', '--help'], ['round', 'add', '--help'], ['stream', 'list', '-h']]) {
    const r = ali(args);
    assert.equal(r.status, 0, args.join(' '));
    assert.match(r.stdout, /^usage: /);
  }
  const top = ali(['--help']);
  assert.equal(top.status, 0);
  assert.match(top.stdout, /import/);
});
