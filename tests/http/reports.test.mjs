// reports.test.mjs — the reports "profile", "countries" and "services" on
// the web and the API (src/report/report_profile.c, report_services.c,
// src/web/page_report.c, src/api/api_report.c), on the small programme
// of reports_fixture.mjs: the CSV headers exactly as the contract says,
// every count and percentage against what the fixture's own code
// expects, total = sum of the rounds, the missing rows, not_active; the
// XLSX read back cell by cell, the PDF's text; the web page (accessible
// tables, the chart hidden from screen readers, the download links) and
// the downloads with their content types, names and audit entries; the
// list of reports per role; refusals (403 for a role without the
// capability, 404 for an unknown report, 400/422 for bad queries).
// Runs on SQLite and PostgreSQL (ALI_TEST_BACKEND).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, request } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { reportsWorld, expectedProfile, expectedServices, catalogue, csvRows, xlsxCells, xlsxSheets, PEOPLE,
  categories, DIMENSIONS } from './reports_fixture.mjs';

let srv, w, services;

before(async () => {
  srv = await startServer();
  w = await reportsWorld(srv);
  services = await catalogue(srv);
});
after(async () => { await srv?.stop(); });

// A GET answered as bytes: { status, type, disposition, body (Buffer) }.
async function bytes(path, { token = srv.token, lang } = {}) {
  const headers = { Authorization: `Bearer ${token}` };
  if (lang) headers['Accept-Language'] = lang;
  const r = await fetch(srv.base + path, { headers });
  return { status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'),
    body: Buffer.from(await r.arrayBuffer()) };
}

const count = (q) => Number(sql(srv.db, q).trim());

test('profile CSV: the contract, every count and percentage, total = R1 + R2', async () => {
  const r = await bytes('/api/v1/reports/profile?format=csv');
  assert.equal(r.status, 200);
  assert.match(r.type, /^text\/csv/);
  const text = r.body.toString();
  assert.equal(text.split('\n')[0], 'dimension,category,round,count,percent');
  const rows = csvRows(text);
  const want = expectedProfile();
  assert.equal(rows.length, Object.keys(want).length, 'one row per dimension, category (missing too) and round');
  for (const row of rows) {
    const key = `${row.dimension},${row.category},${row.round}`;
    assert.ok(want[key], `unexpected row ${key}`);
    assert.equal(Number(row.count), want[key].count, `${key} count`);
    assert.equal(row.percent, want[key].percent, `${key} percent`);
  }
  for (const [dim, cats] of Object.entries(DIMENSIONS)) {
    for (const cat of [...cats, 'missing']) {
      const n = (round) => Number(rows.find((x) => x.dimension === dim && x.category === cat && x.round === round).count);
      assert.equal(n('total'), n('R1') + n('R2'), `${dim} ${cat}: total = R1 + R2`);
    }
  }
  // the fixture has missing values: VERDI's gender, origin, age, single mother
  const missing = rows.filter((x) => x.category === 'missing' && x.round === 'R1' && x.dimension !== 'household_size');
  assert.deepEqual(missing.map((x) => x.count), ['1', '1', '1', '1']);
  assert.ok(missing.every((x) => x.percent === ''));
  // ROSSI counts once in each round and twice in the total
  const f = (round) => Number(rows.find((x) => x.dimension === 'gender' && x.category === 'F' && x.round === round).count);
  assert.equal(f('total'), PEOPLE.filter((p) => categories(p).gender === 'F').length);
});

test('services CSV: the contract, projects per round, not_active, totals', async () => {
  const r = await bytes('/api/v1/reports/services?format=csv');
  assert.equal(r.status, 200);
  const text = r.body.toString();
  assert.equal(text.split('\n')[0], 'service,round,status,projects');
  const rows = csvRows(text);
  const want = expectedServices(services);
  assert.equal(rows.length, services.length * 3);
  for (const row of rows) {
    const key = `${row.service},${row.round}`;
    assert.deepEqual({ status: row.status, projects: row.projects }, want[key], key);
  }
  const get = (s, round) => rows.find((x) => x.service === s && x.round === round);
  assert.deepEqual(get('forklift', 'R2'), { service: 'forklift', round: 'R2', status: 'not_active', projects: '' },
    'R2 does not offer forklift, though GIALLI started one');
  assert.deepEqual(get('safety', 'R1'), { service: 'safety', round: 'R1', status: 'active', projects: '1' },
    'BIANCHI completed one; VERDI\'s was cancelled before it started');
  assert.equal(get('haccp', 'R1').projects, '1', 'ROSSI\'s HACCP was only planned; BIANCHI started one');
  assert.equal(get('haccp', 'total').projects, '2');
  for (const s of services) {
    const n = ['R1', 'R2'].map((round) => get(s, round)).filter((x) => x.status === 'active')
      .reduce((a, x) => a + Number(x.projects), 0);
    if (get(s, 'total').status === 'active') assert.equal(Number(get(s, 'total').projects), n, `${s} total`);
  }
});

test('JSON by default; one round; the views', async () => {
  let r = await request(srv.base, 'GET', '/api/v1/reports/profile?round=R1', { headers: { 'Accept-Language': 'en' } });
  assert.equal(r.status, 200, r.body);
  assert.match(r.headers.get('content-type'), /application\/json/);
  assert.equal(r.headers.get('content-disposition'), null);
  const d = r.json;
  assert.equal(d.report, 'profile');
  assert.deepEqual(d.columns, ['dimension', 'category', 'round', 'count', 'percent']);
  assert.ok(d.rows.every((x) => x.round === 'R1'), 'only the round asked for');
  assert.deepEqual(d.tables.map((t) => t.name),
    ['gender', 'origin', 'age_band', 'mean_age', 'household_size', 'single_mother']);
  const g = d.tables[0];
  assert.equal(g.title, 'Gender of participants');
  assert.deepEqual(g.rows.map((x) => x[0]), ['Female', 'Male']);
  assert.deepEqual(g.notes, ['One missing value.']);
  const mean = d.tables.find((t) => t.name === 'mean_age');
  const ages = PEOPLE.filter((p) => p.round === 'R1').map((p) => categories(p).age).filter((a) => a !== null);
  assert.equal(mean.rows[0][1], ages.length);
  assert.ok(Math.abs(mean.rows[0][2] - ages.reduce((a, b) => a + b, 0) / ages.length) < 0.051);
  // by the round's id too
  r = await request(srv.base, 'GET', `/api/v1/reports/profile?round=${w.id.R2}`);
  assert.equal(r.status, 200);
  assert.ok(r.json.rows.every((x) => x.round === 'R2'));
  // countries: the detail by country
  r = await request(srv.base, 'GET', '/api/v1/reports/countries?format=csv');
  assert.equal(r.body.split('\n')[0], 'country,round,count,percent');
  const it = csvRows(r.body).find((x) => x.country === 'IT' && x.round === 'total');
  assert.equal(Number(it.count), PEOPLE.filter((p) => categories(p).country === 'IT').length);
});

test('XLSX read back cell by cell', async () => {
  const r = await bytes('/api/v1/reports/profile?format=xlsx&round=R1', { lang: 'en' });
  assert.equal(r.status, 200);
  assert.equal(r.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(r.disposition, 'attachment; filename="profile-R1.xlsx"');
  assert.equal(r.body.subarray(0, 2).toString(), 'PK');
  const nSheet = xlsxSheets(r.body);
  assert.equal(nSheet, 7, 'six views and the data');
  const g = xlsxCells(r.body, 1);
  assert.equal(g.A2.startsWith('Gender of participants'), true, g.A2);
  assert.deepEqual([g.A4, g.B4, g.C4], ['Gender of participants', 'R1 number', 'R1 %']);
  const want = expectedProfile();
  // a percentage is the number itself, shown with one decimal
  assert.deepEqual([g.A5, g.B5, Math.round(g.C5 * 10) / 10],
    ['Female', want['gender,F,R1'].count, Number(want['gender,F,R1'].percent)]);
  assert.deepEqual([g.A6, g.B6], ['Male', want['gender,M,R1'].count]);
  const data = xlsxCells(r.body, nSheet);
  assert.deepEqual([data.A1, data.B1, data.C1, data.D1, data.E1], ['dimension', 'category', 'round', 'count', 'percent']);
  assert.deepEqual([data.A2, data.B2, data.C2, data.D2], ['gender', 'F', 'R1', want['gender,F,R1'].count]);
  // services: the not active cell is text, the counts numbers
  const s = await bytes('/api/v1/reports/services?format=xlsx', { lang: 'en' });
  const v = xlsxCells(s.body, 1);
  assert.deepEqual([v.A4, v.B4, v.C4, v.D4], ['Service', 'R1', 'R2', 'Total']);
  const row = Object.keys(v).find((k) => k.startsWith('A') && v[k] === 'Forklift operator course').slice(1);
  assert.deepEqual([v[`B${row}`], v[`C${row}`], v[`D${row}`]], [0, 'not active', 0]);
});

test('PDF: the text of every view', async () => {
  const r = await bytes('/api/v1/reports/services?format=pdf', { lang: 'en' });
  assert.equal(r.status, 200);
  assert.equal(r.type, 'application/pdf');
  assert.equal(r.disposition, 'attachment; filename="services.pdf"');
  const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-pdf-'));
  writeFileSync(join(dir, 'r.pdf'), r.body);
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  assert.match(text, /Services activated for the individual projects/);
  assert.match(text, /Forklift operator course\s+0\s+not active\s+0/);
  assert.match(text, /Interventions by status/);
  assert.match(text, /Hours planned and delivered/);
});

test('the web page: form, accessible tables, chart, download links', async () => {
  const r = await request(srv.base, 'GET', '/reports/profile?round=R1&from=2000-01-01', {
    headers: { 'Accept-Language': 'en' } });
  assert.equal(r.status, 200, r.body);
  const b = r.body;
  assert.match(b, /<select id="f-round" name="round"/);
  assert.match(b, /<option value="R1" selected>/);
  assert.match(b, /name="from" value="2000-01-01"/);
  assert.match(b, /<table class="table table-sm ali-table" id="table-gender" aria-describedby="notes-gender">/);
  assert.match(b, /<caption class="caption-top">Gender of participants<\/caption>/);
  assert.match(b, /<th scope="col" class="text-end">R1 number<\/th>/);
  assert.match(b, /<th scope="row">Female<\/th><td class="text-end">/);
  assert.match(b, /<ul class="list-unstyled small ali-report-notes" id="notes-gender"><li>One missing value.<\/li>/);
  assert.match(b, /<div class="ali-report-chart" aria-hidden="true" id="chart-gender"><svg /);
  assert.doesNotMatch(b, /id="chart-origin"/, 'no chart where the view has none');
  for (const ext of ['csv', 'xlsx', 'pdf', 'json']) {
    assert.match(b, new RegExp(`href="/reports/profile\\.${ext}\\?round=R1&amp;from=2000-01-01"`));
  }
  assert.match(b, /href="\/reports">Reports<\/a>/, 'in the navigation');
  // Italian decimals
  const it = await request(srv.base, 'GET', '/reports/profile?round=R1');
  assert.match(it.body, /<td class="text-end">\d+,\d<\/td>/);
});

test('downloads: content types, names, audited as exports', async () => {
  const before = count("SELECT count(*) FROM audit WHERE action='export' AND entity='report'");
  const types = { csv: /^text\/csv/, xlsx: /spreadsheetml/, pdf: /^application\/pdf/, json: /^application\/json/ };
  for (const [ext, type] of Object.entries(types)) {
    const r = await bytes(`/reports/services.${ext}?round=R2`);
    assert.equal(r.status, 200, ext);
    assert.match(r.type, type);
    assert.equal(r.disposition, `attachment; filename="services-R2.${ext}"`);
  }
  const csv = (await bytes('/reports/services.csv?round=R2')).body.toString();
  assert.equal(csv.split('\n')[0], 'service,round,status,projects');
  assert.equal(count("SELECT count(*) FROM audit WHERE action='export' AND entity='report'"), before + 5);
  const detail = sql(srv.db, "SELECT detail FROM audit WHERE action='export' AND entity='report' ORDER BY id DESC LIMIT 1");
  assert.deepEqual(JSON.parse(detail), { report: 'services', format: 'csv', round: 'R2' });
  // the page itself is not an export
  await request(srv.base, 'GET', '/reports/services');
  assert.equal(count("SELECT count(*) FROM audit WHERE action='export' AND entity='report'"), before + 5);
});

test('the list of reports follows each report\'s capability', async () => {
  let r = await request(srv.base, 'GET', '/api/v1/reports', { token: w.tok.ev });
  assert.equal(r.status, 200);
  const names = r.json.items.map((x) => x.name);
  for (const n of ['profile', 'countries', 'services']) assert.ok(names.includes(n), n);
  assert.ok(!names.includes('caseload-gaps'), 'a list of people is not the evaluator\'s');
  const p = r.json.items.find((x) => x.name === 'profile');
  assert.deepEqual(p.formats, ['json', 'csv', 'xlsx', 'pdf']);
  assert.deepEqual(p.flags, ['period', 'filters']);
  r = await request(srv.base, 'GET', '/api/v1/reports');
  assert.ok(r.json.items.some((x) => x.name === 'caseload-gaps'), 'the manager reads it');
  r = await request(srv.base, 'GET', '/reports', { token: w.tok.ev });
  assert.equal(r.status, 200);
  assert.match(r.body, /id="report-profile"/);
  assert.doesNotMatch(r.body, /id="report-caseload-gaps"/);
});

test('refusals: roles, unknown reports, bad queries', async () => {
  for (const path of ['/reports', '/reports/profile', '/reports/profile.csv', '/api/v1/reports',
    '/api/v1/reports/profile']) {
    const r = await request(srv.base, 'GET', path, { token: w.tok.op });
    assert.equal(r.status, 403, `operator ${path}`);
  }
  let r = await request(srv.base, 'GET', '/api/v1/reports/profile?format=csv', { token: w.tok.ev });
  assert.equal(r.status, 200, 'an evaluator reads aggregates');
  const denied = count("SELECT count(*) FROM audit WHERE action='denied' AND entity='report'");
  r = await request(srv.base, 'GET', '/api/v1/reports/caseload-gaps', { token: w.tok.ev });
  assert.equal(r.status, 403);
  const router = await request(srv.base, 'GET', '/api/v1/people', { token: w.tok.ev });
  assert.equal(router.status, 403);
  assert.deepEqual(r.json, router.json, 'refused the way the dispatcher refuses a route');
  r = await request(srv.base, 'GET', '/reports/caseload-gaps.xlsx', { token: w.tok.ev });
  assert.equal(r.status, 403);
  assert.equal(count("SELECT count(*) FROM audit WHERE action='denied' AND entity='report'"), denied + 2);
  for (const path of ['/api/v1/reports/nope', '/reports/nope', '/reports/profile.exe', '/reports/profile/x']) {
    r = await request(srv.base, 'GET', path);
    assert.equal(r.status, 404, path);
  }
  r = await request(srv.base, 'GET', '/api/v1/reports/profile?from=2021-13-01');
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'bad_request');
  assert.ok(r.json.error.fields.from);
  r = await request(srv.base, 'GET', '/api/v1/reports/profile?from=2022-02-01&to=2022-01-01');
  assert.equal(r.status, 400);
  assert.ok(r.json.error.fields.to);
  r = await request(srv.base, 'GET', '/api/v1/reports/profile?format=docx');
  assert.equal(r.status, 400);
  assert.ok(r.json.error.fields.format);
  r = await request(srv.base, 'GET', '/api/v1/reports/profile?round=R9&social_worker=nobody&cooperative=nope');
  assert.equal(r.status, 422);
  assert.deepEqual(Object.keys(r.json.error.fields).sort(), ['cooperative', 'round', 'social_worker']);
  r = await request(srv.base, 'GET', '/reports/profile?round=R9', { headers: { 'Accept-Language': 'en' } });
  assert.equal(r.status, 422);
  assert.match(r.body, /there is no such round in the agency/);
  assert.doesNotMatch(r.body, /id="view-gender"/);
});

test('filters: a social worker, a cooperative, a period', async () => {
  let r = await request(srv.base, 'GET', '/api/v1/reports/profile?social_worker=sw&cooperative=coop1&format=csv');
  assert.equal(r.status, 200);
  const all = csvRows(r.body).find((x) => x.dimension === 'gender' && x.category === 'F' && x.round === 'total');
  assert.equal(Number(all.count), PEOPLE.filter((p) => categories(p).gender === 'F').length);
  r = await request(srv.base, 'GET', `/api/v1/reports/profile?social_worker=${w.id.cm}&format=csv`);
  assert.equal(r.status, 200, 'an id is accepted');
  assert.ok(csvRows(r.body).every((x) => x.count === '0'), 'the case manager holds no case as social worker');
  r = await request(srv.base, 'GET', '/api/v1/reports/profile?from=2000-01-01&to=2000-12-31&format=csv');
  assert.ok(csvRows(r.body).every((x) => x.count === '0'), 'nobody entered in 2000');
});
