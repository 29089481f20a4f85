// esf.test.mjs — the ESF+ common indicators (`ali report esf`, the
// report's API and page, src/report/report_esf.c), the list of
// municipalities' degree of urbanisation (`ali municipality`), and the
// ESF+ data page of a case (/cases/{id}/esf, src/web/page_esf.c).
//
// The numbers are checked, every line of the CSV, against counts the
// test computes itself from the generated participations
// (esf_fixture.mjs): per round and in total, by gender, with what is
// missing; "not recorded" when nobody has the field; the period; the
// cases that must not count.  Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, request, ali, addUser } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { loadWorld, expectedTable, CLASSES, addDays, isEsfParticipant } from './esf_fixture.mjs';

let srv, people;

before(async () => {
  srv = await startServer();
  people = loadWorld(srv.db);
});
after(async () => { await srv?.stop(); });

const report = (...args) => ali(['report', 'esf', '--db', srv.db, ...args]);

// The CSV as { "indicator,gender,round": "count,missing" }.
function parse(csv) {
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'indicator,gender,round,count,missing');
  const out = {};
  for (const l of lines.slice(1)) {
    const f = l.split(',');
    assert.equal(f.length, 5, l);
    out[f.slice(0, 3).join(',')] = f.slice(3).join(',');
  }
  return out;
}

test('the world has what the checks need', () => {
  const esf = people.filter(isEsfParticipant);
  assert.ok(esf.length >= 35, `${esf.length} ESF participations`);
  assert.ok(esf.some((p) => p.exit) && esf.some((p) => !p.exit));
  assert.ok(esf.some((p) => p.stream === 'fondo'), 'one counts through an ESF intervention');
  assert.ok(people.some((p) => p.stream === 'fondo' && !p.esfIv), 'a national path that does not count');
  assert.ok(esf.some((p) => !p.gender) && esf.some((p) => !p.birth) && esf.some((p) => !p.form));
});

test('every number of the CSV, per round and in total, before the municipalities are classified', () => {
  const r = report('--format', 'csv');
  assert.equal(r.status, 0, r.stderr);
  const got = parse(r.stdout);
  assert.deepEqual(got, expectedTable(people));
  // rural areas: nobody's municipality is classified yet
  assert.equal(got['EECO17,total,total'].split(',')[0], '', 'not recorded, not 0');
  // minorities were asked of some only: counted, with the rest missing
  const [n, miss] = got['EECO15,total,total'].split(',').map(Number);
  assert.ok(n > 0 && miss > 0, got['EECO15,total,total']);
});

test('ali municipality: set, import all or nothing, list, remove', () => {
  const mun = (...a) => ali(['municipality', '--db', srv.db, ...a]);
  let r = mun('set', 'Lucca', '--class', '4');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /class: must be 1, 2 or 3/);
  const dir = mkdtempSync(join(tmpdir(), 'ali-mun-'));
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'municipality,class\nPisa,1\n,2\nCalci,9\n');
  r = mun('import', bad);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bad\.csv:3: municipality: required/);
  assert.match(r.stderr, /bad\.csv:4: class: must be 1, 2 or 3/);
  assert.equal(mun('list').stdout.trim().split('\n').length, 1, 'nothing imported');
  const good = join(dir, 'good.csv');
  writeFileSync(good, 'class;municipality\n' + Object.entries(CLASSES).map(([m, c]) => `${c};  ${m.toUpperCase()} `).join('\n')
    + '\n');
  r = mun('import', good);
  assert.equal(r.status, 0, r.stderr);
  r = mun('set', 'Lucca', '--class', '3');
  assert.equal(r.status, 0, r.stderr);
  r = mun('list');
  assert.match(r.stdout, /Lucca\s+3/);
  assert.match(r.stdout, /SAN GIULIANO TERME\s+2/);
  r = mun('remove', 'lucca');
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(mun('list').stdout, /Lucca/);
  assert.equal(mun('remove', 'Lucca').status, 1);
  const n = sql(srv.db, "SELECT count(*) FROM audit WHERE entity='municipality_degurba'").trim();
  assert.equal(n, '3', 'the import, the set and the remove: once each; refusals leave nothing');
});

test('with the municipalities classified: rural areas counted, Lucca unknown', () => {
  const r = report('--format', 'csv');
  assert.equal(r.status, 0, r.stderr);
  const got = parse(r.stdout);
  assert.deepEqual(got, expectedTable(people, { classes: CLASSES }));
  assert.notEqual(got['EECO17,total,total'].split(',')[0], '');
});

test('one round has no total; a period counts entries for outputs and exits for results', () => {
  let r = report('--format', 'csv', '--round', 'R1');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(parse(r.stdout), expectedTable(people, { classes: CLASSES, rounds: ['R1'], total: false }));
  r = report('--format', 'csv', '--from', '2023-01-01', '--to', '2023-06-30');
  assert.equal(r.status, 0, r.stderr);
  const got = parse(r.stdout);
  assert.deepEqual(got, expectedTable(people, { classes: CLASSES, from: '2023-01-01', to: '2023-06-30' }));
  // round R1 entered in 2022: no outputs in this period, but leavers
  assert.equal(got['EECO01,total,R1'], '0,0');
  assert.ok(Number(got['leavers,total,R1'].split(',')[0]) > 0, 'R1 participants left in 2023');
});

test('the views: codes, the regulation\'s names, "not recorded" and missing values in words', () => {
  sql(srv.db, 'DELETE FROM municipality_degurba');
  let r = report('--lang', 'en');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Output indicators at entry: round R1/);
  assert.match(r.stdout, /Output indicators at entry: total/);
  assert.match(r.stdout, /EECO13\s+Third-country nationals/);
  assert.match(r.stdout, /EECR04\s+Participants in employment, including self-employment, upon leaving/);
  assert.match(r.stdout, /EECO17\s+Participants from rural areas\s+not recorded\s+not recorded\s+not recorded/);
  assert.match(r.stdout, /EECO17: not recorded for anyone \(classify the municipalities/);
  assert.match(r.stdout, /EECO15: \w+ missing values? \(asked at the first interview/);
  r = report('--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.deepEqual(d.columns, ['indicator', 'gender', 'round', 'count', 'missing']);
  const row = d.rows.find((x) => x.indicator === 'EECO17' && x.gender === 'total' && x.round === 'total');
  assert.equal(row.count, null);
  r = report('--format', 'xlsx', '--output', join(mkdtempSync(join(tmpdir(), 'ali-esf-')), 'esf.xlsx'));
  assert.equal(r.status, 0, r.stderr);
});

test('the API and the page: the manager and the evaluator read it, a social worker may not', async () => {
  const evaluator = addUser(srv.db, 'eva', ['evaluator']);
  const sw = addUser(srv.db, 'sw_esf', ['social_worker']);
  let r = await request(srv.base, 'GET', '/api/v1/reports/esf?round=R2', { token: evaluator });
  assert.equal(r.status, 200, r.body);
  const want = expectedTable(people, { rounds: ['R2'], total: false });
  for (const x of r.json.rows) {
    assert.equal(`${x.count ?? ''},${x.missing}`, want[`${x.indicator},${x.gender},${x.round}`], JSON.stringify(x));
  }
  assert.equal(r.json.rows.length, Object.keys(want).length);
  r = await request(srv.base, 'GET', '/reports/esf', { token: evaluator });
  assert.equal(r.status, 200);
  assert.match(r.body, /EECO01/);
  r = await request(srv.base, 'GET', '/api/v1/reports/esf', { token: sw });
  assert.equal(r.status, 403);
});

// ---- the ESF+ page of a case ----

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const caseId = (p) => Number(sql(srv.db, `SELECT c.id FROM case_file c JOIN person x ON x.id=c.person_id
  JOIN round r ON r.id=c.round_id WHERE x.person_ref='${p.ref}' AND r.code='${p.round}'`).trim());
const auditCount = (where) => Number(sql(srv.db, `SELECT count(*) FROM audit WHERE ${where}`).trim());

test('the ESF+ data of a case: entry questions, the situation after leaving, audited', async () => {
  const closed = people.find((p) => isEsfParticipant(p) && p.exit && !p.again);
  const open = people.find((p) => isEsfParticipant(p) && !p.exit);
  const id = caseId(closed);
  const nRead = auditCount("action='read_sensitive' AND entity='esf_participant'");
  let r = await request(srv.base, 'GET', `/cases/${id}/esf`);
  assert.equal(r.status, 200, r.body);
  assert.match(r.body, /id="v-minority"/);
  assert.match(r.body, /id="esf-entry-form"/);
  assert.match(r.body, /id="esf-exit-form"/);
  assert.equal(auditCount("action='read_sensitive' AND entity='esf_participant'"), nRead + 1);

  r = await request(srv.base, 'POST', `/cases/${id}/esf/entry`, { raw: 'parents_born_abroad=maybe', headers: FORM });
  assert.equal(r.status, 422);
  assert.match(r.body, /not one of the allowed values|non è tra i valori ammessi/i);
  r = await request(srv.base, 'POST', `/cases/${id}/esf/entry`,
    { raw: 'parents_born_abroad=not_stated&disability=yes&minority=no', headers: FORM });
  assert.equal(r.status, 303, r.body);
  const row = sql(srv.db, `SELECT parents_born_abroad, disability, minority FROM esf_participant WHERE case_id=${id}`);
  assert.equal(row.trim(), 'not_stated|yes|no');
  const detail = sql(srv.db, `SELECT detail FROM audit WHERE action='update' AND entity='esf_participant'
    AND entity_id=${id} ORDER BY id DESC LIMIT 1`).trim();
  assert.match(detail, /"disability":"\[changed\]"/);
  assert.doesNotMatch(detail, /yes/, 'no special-category value in the trail');

  r = await request(srv.base, 'POST', `/cases/${id}/esf/exit`,
    { raw: `situation_on=${addDays(closed.exit, -1)}&job_searching=1&in_education=0`, headers: FORM });
  assert.equal(r.status, 422);
  r = await request(srv.base, 'POST', `/cases/${id}/esf/exit`,
    { raw: `situation_on=${addDays(closed.exit, 10)}&job_searching=1&in_education=0`, headers: FORM });
  assert.equal(r.status, 303, r.body);
  assert.equal(sql(srv.db, `SELECT situation_on, job_searching, in_education FROM esf_participant
    WHERE case_id=${id}`).trim(), `${addDays(closed.exit, 10)}|1|0`);

  r = await request(srv.base, 'POST', `/cases/${caseId(open)}/esf/exit`,
    { raw: 'situation_on=2024-01-01&job_searching=1&in_education=0', headers: FORM });
  assert.equal(r.status, 422);
  assert.match(r.body, /not ended yet|non è ancora (finito|terminato)|non si è ancora concluso/i);

  // the case page links to it; a social worker who does not hold the case does not reach it
  r = await request(srv.base, 'GET', `/cases/${id}`);
  assert.match(r.body, new RegExp(`href="/cases/${id}/esf"`));
  const other = addUser(srv.db, 'sw_other', ['social_worker']);
  r = await request(srv.base, 'GET', `/cases/${id}/esf`, { token: other });
  assert.equal(r.status, 404);
  r = await request(srv.base, 'POST', `/cases/${id}/esf/entry`, { raw: 'minority=yes', headers: FORM, token: other });
  assert.equal(r.status, 404);
  assert.equal(sql(srv.db, `SELECT minority FROM esf_participant WHERE case_id=${id}`).trim(), 'no');
});
