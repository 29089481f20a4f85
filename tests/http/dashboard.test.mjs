// dashboard.test.mjs — the manager's home page (src/web/page_dashboard.c)
// on `ali demo` data: `/` sends the manager there and everyone else to my
// day; the round shown is the last one started (the demo's rounds are in
// the past) unless ?round= picks one; participants by stage match counts
// taken from case_file here; the money table has a row per funding
// stream; the tiles count overdue requests and cases without a worker;
// each chart is hidden from screen readers next to its table; other
// roles get 403.  Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, freshDatabase, ali } from './server.mjs';
import { sql } from './access_fixture.mjs';

let srv;
const tok = {};
const one = (q) => sql(srv.db, q).trim();

before(async () => {
  const db = freshDatabase();
  const d = ali(['demo', '--db', db, '--no-serve', '--people', '30', '--seed', '5']);
  assert.equal(d.status, 0, d.stderr);
  for (const u of ['manager', 'social1', 'evaluator', 'cm_a']) {
    const t = ali(['user', 'token', u, '--db', db]);
    assert.equal(t.status, 0, t.stderr);
    tok[u] = t.stdout.trim().split('\n').pop();
  }
  srv = await startServer({ db, init: false });
});

after(async () => {
  await srv?.stop();
});

const get = (path, who) =>
  request(srv.base, 'GET', path, { token: tok[who], headers: { 'accept-language': 'en' } });

// The number in the row of the table whose header cell is zLabel.
function rowNumber(html, tableId, label) {
  const table = html.match(new RegExp(`<table[^>]*id="table-${tableId}"[\\s\\S]*?</table>`));
  assert.ok(table, `no table ${tableId}`);
  const row = table[0].match(new RegExp(`<th scope="row">${label}</th>\\s*<td[^>]*>([^<]*)</td>`));
  assert.ok(row, `no row ${label} in ${tableId}`);
  return Number(row[1].replace(/[.,\s]/g, ''));
}

test('GET / takes the manager to the dashboard and the others to my day', async () => {
  let r = await get('/', 'manager');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/dashboard');
  for (const who of ['social1', 'cm_a', 'evaluator']) {
    r = await get('/', who);
    assert.equal(r.headers.get('location'), '/my-day', who);
  }
});

test('the dashboard shows the last round started, by stage, as the case files say', async () => {
  const r = await get('/dashboard', 'manager');
  assert.equal(r.status, 200, r.body.slice(0, 400));
  const last = one("SELECT id FROM round ORDER BY start_date DESC, code DESC LIMIT 1");
  assert.match(r.body, new RegExp(`<option value="${last}" selected>`));
  const count = (where) =>
    Number(one(`SELECT count(*) FROM case_file WHERE round_id=${last} AND ${where}`));
  assert.equal(rowNumber(r.body, 'stages', 'Shortlisted'), count('1=1'));
  assert.equal(rowNumber(r.body, 'stages', 'Project agreed'), count("stage='agreed'"));
  assert.equal(rowNumber(r.body, 'stages', 'Withdrew'), count("stage='withdrew'"));
  assert.equal(rowNumber(r.body, 'stages', 'Not suitable'), count("stage='not_suitable'"));
  // the chart beside the table is hidden from screen readers
  assert.match(r.body, /id="view-stages"[\s\S]*?aria-hidden="true"[^>]*>\s*<svg/);
  // one money row per funding stream of the agency
  const streams = one('SELECT name FROM funding_stream ORDER BY id').split('\n');
  const money = r.body.match(/<table[^>]*id="table-money"[\s\S]*?<\/table>/);
  assert.ok(money, 'no money table');
  for (const s of streams) assert.ok(money[0].includes(`<th scope="row">${s}</th>`), s);
  // the tiles link to the pages that list what they count
  assert.match(r.body, /id="tile-overdue"[\s\S]*?href="\/requests"/);
  assert.match(r.body, /id="tile-orphans"[\s\S]*?href="\/caseload\/orphans"/);
  assert.match(r.body, new RegExp(`id="tile-round-end"[\\s\\S]*?href="/rounds/${last}/ending"`));
});

test('?round= picks another round; the tiles count what needs the manager', async () => {
  const first = one("SELECT id FROM round ORDER BY start_date, code LIMIT 1");
  // an active case whose social worker left: one more case without a worker
  const before = await get(`/dashboard?round=${first}`, 'manager');
  assert.match(before.body, new RegExp(`<option value="${first}" selected>`));
  const tile = (html, id) => Number(html.match(new RegExp(`id="${id}"[\\s\\S]*?display-6 mb-0">(\\d+)<`))[1]);
  const n0 = tile(before.body, 'tile-orphans');
  const c = one(`SELECT c.id FROM case_file c WHERE c.round_id=${first} AND c.stage='agreed'
    ORDER BY c.id LIMIT 1`);
  sql(srv.db, `UPDATE case_file SET closed_at=NULL, social_worker_id=NULL WHERE id=${c}`);
  const after = await get(`/dashboard?round=${first}`, 'manager');
  assert.equal(tile(after.body, 'tile-orphans'), n0 + 1);
  const n = Number(one(`SELECT count(*) FROM request WHERE resolved_at IS NULL`));
  assert.ok(tile(after.body, 'tile-overdue') <= n);
});

test('only the manager opens the dashboard', async () => {
  for (const who of ['social1', 'cm_a', 'evaluator']) {
    const r = await get('/dashboard', who);
    assert.equal(r.status, 403, who);
  }
});
