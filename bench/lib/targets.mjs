// targets.mjs — what each load measure asks for, drawn at random from the
// dataset, written as request files for bench/replay.lua (one request a
// line: METHOD, PATH, one header, body; tab-separated).
//
// The demo's accounts log in as a user would: each gets a session cookie
// from POST /login with the demo password, and an API bearer token from
// `ali user token` (there is no API route that issues tokens).  The
// manager reads people, pages and searches (they see the whole registry);
// every case manager's session opens their caseload, and every case
// manager's token writes to the register of the cases they follow.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqlRows } from './dataset.mjs';
import { isoDate, run } from './util.mjs';

export const DEMO_PASSWORD = 'demo-ali-2026!';
const SAMPLE = 100000; // the most targets drawn for one measure

// The session cookie ("ali_session=...") of USERNAME on server base.
export async function login(base, username, password = DEMO_PASSWORD) {
  const body = new URLSearchParams({ username, password }).toString();
  const r = await fetch(`${base}/login`, {
    method: 'POST', body, redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  const set = r.headers.get('set-cookie');
  if (r.status !== 303 || !set) throw new Error(`login as ${username} failed: HTTP ${r.status}`);
  return set.split(';')[0];
}

function token(ali, db, username) {
  return run(ali, ['user', 'token', username, '--db', db, '--label', 'bench']).trim().split('\n').pop();
}

// The first word of a name key, cut to 3 or 4 letters: what someone
// types to find a surname.
function surnamePrefix(nameKey, i) {
  const word = nameKey.split(' ')[0];
  return word.slice(0, 3 + (i % 2));
}

function hex(s) {
  return Buffer.from(s, 'latin1').toString('hex');
}

function writeLines(file, lines) {
  if (!lines.length) throw new Error(`${file}: the dataset gave no target`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

// What the measures ask for, drawn from the dataset in one query (each
// run of psql costs a connection): rows [what, number, text] where what is
// "cm" (a case manager who follows cases: id, username), "person" (an id),
// "key" (a name key), "caseload" (a case manager's id, "name_key.id" of one
// of their participants) or "write" (a case manager's id, a case id).  At
// most CASE_MANAGERS case managers, drawn at random, take part: each logs
// in (an argon2id hash), and a large demo has hundreds of them.
const CASE_MANAGERS = 20;
function draw(ds) {
  const n = SAMPLE, m = SAMPLE / 10;
  return sqlRows(ds,
    'WITH cms AS (SELECT u.id, u.username FROM app_user u JOIN user_role r ON r.user_id = u.id' +
    " WHERE r.role = 'case_manager' AND u.active = 1" +
    ` AND EXISTS (SELECT 1 FROM case_file c WHERE c.case_manager_id = u.id) ORDER BY random() LIMIT ${CASE_MANAGERS})` +
    " SELECT 'cm', id, username FROM cms" +
    ` UNION ALL SELECT 'person', 0, CAST(id AS TEXT) FROM (SELECT id FROM person ORDER BY random() LIMIT ${n}) a` +
    ` UNION ALL SELECT 'key', 0, name_key FROM (SELECT name_key FROM person ORDER BY random() LIMIT ${m}) b` +
    " UNION ALL SELECT 'caseload', cm, k FROM (SELECT c.case_manager_id AS cm, p.name_key || '.' || CAST(p.id AS TEXT) AS k" +
    ' FROM person p JOIN case_file c ON c.person_id = p.id WHERE c.case_manager_id IN (SELECT id FROM cms)' +
    ` ORDER BY random() LIMIT ${m}) d` +
    " UNION ALL SELECT 'write', cm, CAST(id AS TEXT) FROM (SELECT case_manager_id AS cm, id FROM case_file" +
    ` WHERE stage = 'agreed' AND case_manager_id IN (SELECT id FROM cms) ORDER BY random() LIMIT ${m}) e`);
}

// Writes the request file of every measure into dir; returns
// { MEASURE: file } and the accounts used.
export async function writeTargets({ ds, ali, base, dir }) {
  const rows = draw(ds);
  const of = (what) => rows.filter((r) => r[0] === what);
  const managers = new Map(of('cm').map(([, id, username]) => [id, username]));
  if (!managers.size) throw new Error('the dataset has no case manager with cases');
  const users = ['manager', ...managers.values()];
  const cookies = await Promise.all(users.map((user) => login(base, user)));
  const auth = Object.fromEntries(users.map((user, i) => [user, { cookie: cookies[i], token: token(ali, ds.db, user) }]));
  const bearer = `Authorization: Bearer ${auth.manager.token}`;
  const cookie = `Cookie: ${auth.manager.cookie}`;
  const people = of('person').map((r) => r[2]);
  const files = {
    nginx_static: writeLines(join(dir, 'nginx_static.req'), ['GET\t/person.json\t\t']),
    person_json: writeLines(join(dir, 'person_json.req'), people.map((id) => `GET\t/api/v1/people/${id}\t${bearer}\t`)),
    person_html: writeLines(join(dir, 'person_html.req'), people.map((id) => `GET\t/people/${id}\t${cookie}\t`)),
    search: writeLines(join(dir, 'search.req'), of('key').map((r, i) =>
      `GET\t/api/v1/people?q=${encodeURIComponent(surnamePrefix(r[2], i))}\t${bearer}\t`)),
  };
  const mine = (cm) => auth[managers.get(cm)];
  const caseload = [...managers.values()].map((user) => `GET\t/people\tCookie: ${auth[user].cookie}\t`);
  for (const [, cm, at] of of('caseload')) {
    if (!mine(cm)) continue;
    const dot = at.lastIndexOf('.');
    caseload.push(`GET\t/people?after=${hex(at.slice(0, dot))}${at.slice(dot)}\tCookie: ${mine(cm).cookie}\t`);
  }
  const body = JSON.stringify({ on_date: isoDate(-1), kind: 'note', minutes: 15, text: 'bench: a note of the durable-write measure' });
  const write = of('write').filter(([, cm]) => mine(cm)).map(([, cm, id]) =>
    `POST\t/api/v1/cases/${id}/activities\tAuthorization: Bearer ${mine(cm).token}\t${body}`);
  files.caseload = writeLines(join(dir, 'caseload.req'), caseload);
  files.write = writeLines(join(dir, 'write.req'), write);
  return { files, accounts: ['manager', ...managers.values()] };
}

// Sends the first few requests of a file and checks each answers
// `expected`: a measure of 404s or redirects to the login page would
// measure nothing.
export async function checkTargets(base, file, expected, lines) {
  for (const line of lines.filter(Boolean).slice(0, 5)) {
    const [method, path, header, body] = line.split('\t');
    const headers = {};
    if (header) {
      const i = header.indexOf(':');
      headers[header.slice(0, i)] = header.slice(i + 1).trim();
    }
    if (body) headers['Content-Type'] = 'application/json';
    const r = await fetch(base + path, { method, headers, body: body || undefined, redirect: 'manual' });
    await r.arrayBuffer();
    if (r.status !== expected) throw new Error(`${file}: ${method} ${path} answered ${r.status}, not ${expected}`);
  }
}
