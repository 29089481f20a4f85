// cli_user.test.mjs — `ali user` and the administrator of `ali init` as an
// operator meets them: add (roles, organisation, name, e-mail) and the
// errors that name their field, password files (missing, empty, two
// lines, CRLF, standard input, no terminal), list, passwd (ends the
// sessions), disable (revokes the tokens), token / tokens / revoke (and
// the token against the API), usage errors, and `ali init --admin-user
// NAME --admin-password-file FILE`.  Runs on SQLite and on PostgreSQL
// (tests/run); the database is read back with sqlite3 or psql.
//
// Each account created costs one argon2id hash (about a second under
// AddressSanitizer), so the tests create few.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ali, freshDatabase, startServer, request, BACKEND } from './server.mjs';

const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-cli-user-'));
let nFile = 0;
const PASSWORD = 'pane-e-olio-a-colazione';

// Writes text to a new file of the temp dir; returns its path.
function file(text) {
  const path = join(dir, `pw${++nFile}`);
  writeFileSync(path, text);
  return path;
}

// A fresh initialised database (no account: init is not on a terminal).
function database() {
  const db = freshDatabase();
  const r = ali(['init', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  return db;
}

// The rows of a SELECT, each a string (columns joined by '|').
function sql(db, query) {
  const out = BACKEND === 'postgresql'
    ? execFileSync('psql', [db, '-At', '-c', query], { encoding: 'utf8' })
    : execFileSync('sqlite3', [db, query], { encoding: 'utf8' });
  return out.trim() === '' ? [] : out.trim().split('\n');
}
const count = (db, table) => Number(sql(db, `SELECT count(*) FROM ${table}`)[0]);

// `ali user ARGS... --db DB`.
const user = (db, args, opts) => ali(['user', ...args, '--db', db], opts);

// Adds USERNAME with ROLES and the test password; asserts it worked.
function add(db, username, roles = ['social_worker'], extra = []) {
  const args = ['add', username, '--password-file', file(PASSWORD + '\n'), ...extra];
  for (const r of roles) args.push('--role', r);
  const r = user(db, args);
  assert.equal(r.status, 0, r.stderr);
  return r;
}

test('user add: an account with roles, organisation, name and e-mail; listed aligned', () => {
  const db = database();
  sql(db, "INSERT INTO organisation(agency_id, code, name, kind) VALUES (1, 'coop_a', 'Cooperativa Àurora', 'cooperative')");
  const r = add(db, 'Giulia.Neri', ['case_manager', 'operator,auditor'],
    ['--org', 'coop_a', '--name', 'Giulia Neri', '--email', 'giulia@example.it']);
  assert.equal(r.stdout, 'user giulia.neri created (roles: case_manager,operator,auditor)\n');
  assert.deepEqual(sql(db, 'SELECT username, full_name, email, active FROM app_user'),
    ['giulia.neri|Giulia Neri|giulia@example.it|1']);
  assert.deepEqual(sql(db, 'SELECT role FROM user_role ORDER BY role'), ['auditor', 'case_manager', 'operator']);
  const [hash] = sql(db, 'SELECT password_hash FROM app_user');
  assert.match(hash, /^\$argon2id\$v=19\$m=262144,t=3,p=1\$/);

  sql(db, "INSERT INTO app_user(agency_id, username, full_name, password_hash, active, created_at) VALUES (1, 'al', 'Al Bo', NULL, 0, '2025-01-01T00:00:00Z')");
  sql(db, "INSERT INTO user_role(user_id, role) SELECT id, 'admin' FROM app_user WHERE username='al'");
  const l = user(db, ['list']);
  assert.equal(l.status, 0, l.stderr);
  const lines = l.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^USERNAME +NAME +ROLES +ORGANISATION +ACTIVE +LAST LOGIN$/);
  assert.match(lines[1], /^al +Al Bo +admin +- +no +-$/);
  assert.match(lines[2], /^giulia\.neri +Giulia Neri +case_manager,operator,auditor +Cooperativa Àurora +yes +-$/);
  // Every column starts where its heading starts (in characters).
  const starts = [...lines[0].matchAll(/ {2,}(?=\S)/g)].map((m) => m.index + m[0].length);
  assert.equal(starts.length, 5);
  for (const line of lines.slice(1)) {
    const chars = [...line];
    for (const i of starts) assert.ok(chars[i - 2] === ' ' && chars[i - 1] === ' ' && chars[i] !== ' ', line);
  }
});

test('user add: every bad field is named, exit 1, nothing written, no password asked', () => {
  const db = database();
  const pw = file(PASSWORD);
  let r = user(db, ['add', 'x', '--role', 'boss', '--org', 'nope', '--email', 'no-at', '--password-file', pw]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr,
    'ali: roles: unknown role: use admin, manager, social_worker, psychotherapist, case_manager, operator, evaluator or auditor\n' +
    'ali: organisation: unknown organisation\n' +
    'ali: username: 2 to 64 characters\n' +
    'ali: email: not a valid e-mail address\n');
  r = user(db, ['add', 'mario rossi', '--password-file', pw]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr,
    "ali: username: only letters, digits, '.', '_' and '-' are allowed\n" +
    'ali: roles: choose at least one role\n');
  r = user(db, ['add', 'mario', '--role', 'manager', '--name', 'x'.repeat(101), '--password-file', pw]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'ali: full_name: at most 100 characters\n');
  // The password policy, from a file: too short, too long, too common.
  for (const [text, msg] of [['corta-corta', 'at least 12 characters'],
    ['è'.repeat(129), 'at most 128 characters'],
    ['Qwerty123456\n', 'is one of the most common passwords: choose another']]) {
    r = user(db, ['add', 'mario', '--role', 'manager', '--password-file', file(text)]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `ali: password: ${msg}\n`);
  }
  assert.equal(count(db, 'app_user'), 0);
  assert.equal(count(db, 'user_role'), 0);
});

test('user add: a taken username, in any case, is refused', () => {
  const db = database();
  add(db, 'luca');
  const r = user(db, ['add', 'LUCA', '--role', 'manager', '--password-file', file(PASSWORD)]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'ali: username: already taken\n');
  assert.equal(count(db, 'app_user'), 1);
});

test('password files: missing, empty, two lines, a NUL, too long, none without a terminal', () => {
  const db = database();
  const missing = join(dir, 'no-such-file');
  const cases = [
    [missing, `ali: password file ${missing}: cannot be read: No such file or directory\n`],
    [file(''), null, 'is empty'],
    [file('\n'), null, 'is empty'],
    [file(`${PASSWORD}\nsecond line\n`), null, 'must hold the password alone on one line'],
    [file(`${PASSWORD}\0tail`), null, 'holds a NUL byte'],
    [file('x'.repeat(5000)), null, 'is too long for a password'],
  ];
  for (const [path, whole, why] of cases) {
    const r = user(db, ['add', 'piero', '--role', 'manager', '--password-file', path]);
    assert.equal(r.status, 1, path);
    assert.equal(r.stderr, whole ?? `ali: password file ${path}: ${why}\n`);
  }
  // Not a terminal and no file: say what to do.
  const r = user(db, ['add', 'piero', '--role', 'manager'], { input: PASSWORD + '\n' });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'ali: password: give --password-file FILE (standard input is not a terminal)\n');
  assert.equal(count(db, 'app_user'), 0);
});

test('user passwd: a new password, the sessions ended; bad input refused', () => {
  const db = database();
  add(db, 'rita');
  const [before] = sql(db, 'SELECT password_hash FROM app_user');
  sql(db, "INSERT INTO session(user_id, token_hash, csrf_token, created_at, last_seen_at) SELECT id, 'h1', 'c', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM app_user");
  let r = user(db, ['passwd', 'rita', '--password-file', file('too-short')]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'ali: password: at least 12 characters\n');
  r = user(db, ['passwd', 'nobody', '--password-file', file(PASSWORD)]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "ali: username: no user 'nobody' in this agency\n");
  assert.deepEqual(sql(db, 'SELECT count(*) FROM session WHERE ended_at IS NULL'), ['1']);

  r = user(db, ['passwd', 'RITA', '--password-file', file('una password nuova di zecca\n')]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'password of rita changed; its sessions have ended\n');
  const [after] = sql(db, 'SELECT password_hash FROM app_user');
  assert.notEqual(after, before);
  assert.deepEqual(sql(db, 'SELECT count(*) FROM session WHERE ended_at IS NULL'), ['0']);
  assert.deepEqual(sql(db, "SELECT count(*) FROM app_user WHERE password_changed_at > '2025'"), ['1']);
});

test('user token, tokens, revoke, disable; the token opens the API until revoked', async () => {
  const server = await startServer();
  const { db, base } = server;
  try {
    // Passwords from a CRLF file and from standard input: the line
    // endings are not part of them, as logging in shows.
    let r = user(db, ['add', 'tom', '--role', 'manager', '--password-file', file(`${PASSWORD}\r\n`)]);
    assert.equal(r.status, 0, r.stderr);
    r = user(db, ['add', 'tina', '--role', 'auditor', '--password-file', '-'], { input: `${PASSWORD}\n` });
    assert.equal(r.status, 0, r.stderr);
    for (const name of ['tom', 'tina']) {
      const login = await request(base, 'POST', '/login', {
        token: null,
        raw: new URLSearchParams({ username: name, password: PASSWORD }).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      assert.ok(login.status >= 300 && login.status < 400, `${name}: ${login.status} ${login.body}`);
      assert.match(login.headers.get('set-cookie') || '', /=[0-9a-f]{64};/);
    }
    assert.match(user(db, ['list']).stdout, /\ntom +tom +manager +- +yes +\d{4}-\d\d-\d\dT[0-9:]{8}Z\n/);

    r = user(db, ['tokens', 'tom']);
    assert.equal(r.stdout, 'tom has no tokens\n');
    r = user(db, ['token', 'tom', '--label', 'nightly export']);
    assert.equal(r.status, 0, r.stderr);
    const token = r.stdout.trimEnd().split('\n').pop();
    assert.match(token, /^[0-9a-f]{64}$/);
    assert.match(r.stdout, /^token \d+ for tom created; keep it secret, it is shown only once:\n/);
    const id = r.stdout.match(/^token (\d+)/)[1];
    assert.equal(sql(db, `SELECT count(*) FROM api_token WHERE token_hash='${token}'`)[0], '0');

    let a = await request(base, 'GET', '/api/v1/people', { token });
    assert.equal(a.status, 200, a.body);

    r = user(db, ['tokens', 'tom']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^ID +LABEL +CREATED +LAST USED +REVOKED$/);
    assert.match(lines[1], new RegExp(`^${id} +nightly export +\\d{4}-\\d\\d-\\d\\dT[0-9:]{8}Z +\\d{4}-\\d\\d-\\d\\dT[0-9:]{8}Z +-$`));
    assert.ok(!r.stdout.includes(token));

    for (const [args, err] of [
      [['revoke', 'tom', '999999'], 'ali: token: tom has no token 999999\n'],
      [['revoke', 'tom', 'abc'], "ali: token: 'abc' is not a token id (see ali user tokens tom)\n"],
      [['revoke', 'nobody', id], "ali: username: no user 'nobody' in this agency\n"],
      [['token', 'tom', '--label', 'x'.repeat(101)], 'ali: label: at most 100 characters\n'],
    ]) {
      r = user(db, args);
      assert.equal(r.status, 1, args.join(' '));
      assert.equal(r.stderr, err);
    }
    r = user(db, ['revoke', 'tom', id]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `token ${id} of tom revoked\n`);
    a = await request(base, 'GET', '/api/v1/people', { token });
    assert.equal(a.status, 401);
    r = user(db, ['tokens', 'tom']);
    assert.match(r.stdout.split('\n')[1], /Z$/);

    // Disabling revokes the other tokens and refuses new ones.
    const t2 = user(db, ['token', 'tom']).stdout.trimEnd().split('\n').pop();
    assert.equal((await request(base, 'GET', '/api/v1/people', { token: t2 })).status, 200);
    r = user(db, ['disable', 'tom']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'user tom disabled; its sessions have ended and its tokens are revoked\n');
    assert.equal((await request(base, 'GET', '/api/v1/people', { token: t2 })).status, 401);
    assert.deepEqual(sql(db, "SELECT count(*) FROM api_token t JOIN app_user u ON u.id=t.user_id WHERE u.username='tom' AND revoked_at IS NULL"), ['0']);
    r = user(db, ['token', 'tom']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'ali: username: user tom is disabled\n');
    assert.match(user(db, ['list']).stdout, /\ntom +tom +manager +- +no +\d{4}-\d\d-\d\dT[0-9:]{8}Z\n/);
  } finally {
    await server.stop();
  }
});

test('user: usage errors exit 2, --help exits 0', () => {
  const db = database();
  for (const args of [[], ['frobnicate'], ['add'], ['list', 'extra'], ['revoke', 'tom'],
    ['list', '--role', 'admin'], ['disable', 'tom', '--password-file', 'f'], ['add', 'x', '--bogus']]) {
    const r = user(db, args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /usage: ali user add USERNAME/);
  }
  const r = ali(['user', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^usage: ali user add USERNAME --role ROLE/);
  const l = user(db, ['list']);
  assert.equal(l.status, 0);
  assert.equal(l.stdout, 'no users yet: add one with  ali user add NAME --role admin\n');
});

test('init: --admin-user and --admin-password-file create the first administrator, once', () => {
  const db = freshDatabase();
  const pw = file(`${PASSWORD}\n`);
  let r = ali(['init', '--db', db, '--admin-user', 'Direttore', '--admin-password-file', pw]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\nadministrator 'direttore' created\n$/);
  assert.deepEqual(sql(db, "SELECT u.username, u.full_name, r.role FROM app_user u JOIN user_role r ON r.user_id=u.id"),
    ['direttore|Administrator|admin']);
  // Again: accounts exist, nothing is asked or changed.
  const [hash] = sql(db, 'SELECT password_hash FROM app_user');
  r = ali(['init', '--db', db, '--admin-user', 'other', '--admin-password-file', pw]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /the agency has accounts already: no administrator created/);
  r = ali(['init', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /administrator/);
  assert.deepEqual(sql(db, 'SELECT password_hash FROM app_user'), [hash]);
});

test('init: without a terminal or options it says how to add an administrator; bad options fail', () => {
  const db = freshDatabase();
  let r = ali(['init', '--db', db, '--admin-password-file', file('qwerty123456')]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'ali: password: is one of the most common passwords: choose another\n');
  r = ali(['init', '--db', db, '--admin-user', 'capo']);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'ali: password: give --password-file FILE (standard input is not a terminal)\n');
  r = ali(['init', '--db', db, '--admin-user', 'x', '--admin-password-file', file(PASSWORD)]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'ali: username: 2 to 64 characters\n');
  assert.equal(count(db, 'app_user'), 0);
  r = ali(['init', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /no administrator exists yet: add one with\n  ali user add NAME --role admin --password-file FILE\n$/);
  assert.equal(count(db, 'agency'), 1);
  assert.equal(count(db, 'app_user'), 0);
});
