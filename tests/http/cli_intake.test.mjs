// cli_intake.test.mjs — the intake commands (src/cmd/cmd_import.c's
// shortlist kind, src/cmd/cmd_report.c): `ali import shortlist FILE
// --round CODE` all or nothing with line-numbered errors, the stream's
// rule refusing a candidate, one audit entry per case created; and
// `ali report funnel --round CODE` as text, CSV and JSON (the report:
// src/report/report_funnel.c, also tested by cli_paths.test.mjs).  Runs
// on SQLite and PostgreSQL (the database read back with sqlite3 or psql).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ali, addUser, freshDatabase } from './server.mjs';
import { sql } from './access_fixture.mjs';

const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-cli-intake-'));
let nFile = 0;
function file(text) {
  const path = join(dir, `s${++nFile}.csv`);
  writeFileSync(path, text);
  return path;
}

const PEOPLE = 'person_ref,household_ref,relationship,codice_fiscale,first_name,last_name,gender,' +
  'birth_date,birth_country,citizenship,municipality,minimum_income\n' +
  'P1,H1,reference,RSSMRA85T10A562S,Mario,Rossi,M,1985-12-10,IT,IT,Pisa,yes\n' +
  'P2,H1,partner,,Anna,Bianchi,F,1987-03-01,IT,IT,Pisa,no\n' +
  'P3,H1,child,,Luca,Rossi,M,2015-06-01,IT,IT,Pisa,\n' +
  'P4,H2,reference,,Fatima,El Amrani,F,1979-01-20,MA,MA,Cascina,sì\n' +
  'P5,H3,reference,,Giorgio,Neri,M,1970-05-05,IT,IT,Pisa,yes\n';
const HEADER = 'person_ref,funding_stream,social_worker,shortlisted_on\n';

// A database with the people above, round R1 (at most 10), the streams
// fp (minimum-income recipients only) and pon (open), social worker sw1.
function database() {
  const db = freshDatabase();
  const steps = [
    ['init', '--db', db],
    ['import', 'people', file(PEOPLE), '--db', db],
    ['round', 'add', 'R1', '--name', 'Edizione 1', '--start', '2024-01-01', '--end', '2024-12-31', '--max', '10', '--db', db],
    ['stream', 'add', 'fp', '--name', 'Fondo povertà', '--allocation', '1000', '--rule', 'minimum_income', '--db', db],
    ['stream', 'add', 'pon', '--name', 'PON Inclusione', '--allocation', '1000', '--db', db],
  ];
  for (const args of steps) {
    const r = ali(args);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  addUser(db, 'sw1', ['social_worker'], { name: 'Laura Neri' });
  return db;
}
const cases = (db) => Number(sql(db, 'SELECT count(*) FROM case_file').trim());
const auditCreates = (db) => Number(sql(db, "SELECT count(*) FROM audit WHERE action='create' AND entity='case'").trim());

test('import shortlist: a good file creates the cases, each audited', () => {
  const db = database();
  const f = file(HEADER + 'P1,fp,sw1,2024-01-15\nP2,pon,sw1,\nP4,fp,sw1,2024-01-16\n');
  const r = ali(['import', 'shortlist', f, '--round', 'R1', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'shortlisted 3 candidates into round R1 (7 places left)\n');
  assert.equal(cases(db), 3);
  assert.deepEqual(sql(db, "SELECT p.person_ref || ':' || f.code || ':' || c.stage || ':' || c.shortlisted_on FROM case_file c" +
    ' JOIN person p ON p.id=c.person_id JOIN funding_stream f ON f.id=c.funding_stream_id' +
    " WHERE p.person_ref IN ('P1','P4') ORDER BY p.person_ref").trim().split('\n'),
  ['P1:fp:shortlisted:2024-01-15', 'P4:fp:shortlisted:2024-01-16']);
  assert.equal(auditCreates(db), 3);
  const list = ali(['audit', 'list', '--db', db, '--action', 'create', '--limit', '100']);
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, /cli:\S+\s+-\s+create\s+case \d+ /);
  assert.equal(ali(['audit', 'verify', '--db', db]).status, 0);
});

test('import shortlist: an error on line 3 is reported exactly and nothing is written', () => {
  const db = database();
  const f = file(HEADER + 'P1,fp,sw1,2024-01-15\nP4,fp,sw1,2024-13-01\nP5,fp,sw1,\n');
  const r = ali(['import', 'shortlist', f, '--round', 'R1', '--db', db]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `${f}:3: shortlisted_on: not a valid date (YYYY-MM-DD)\nali: ${f}: 1 problem, nothing imported\n`);
  assert.equal(cases(db), 0);
  // a person twice, an unknown person and blank required fields: every problem, by line
  const g = file(HEADER + 'P1,fp,sw1,\nP1,fp,sw1,\nP9,pon,sw1,\n,,x y,\n');
  const s = ali(['import', 'shortlist', g, '--round', 'R1', '--db', db]);
  assert.equal(s.status, 1);
  assert.equal(s.stderr, [
    `${g}:3: person_ref: P1 is already on line 2`,
    `${g}:5: person_ref: required`,
    `${g}:5: funding_stream: required`,
    `ali: ${g}: 3 problems, nothing imported`, ''].join('\n'));
  const u = ali(['import', 'shortlist', file(HEADER + 'P9,pon,sw1,\n'), '--round', 'R1', '--db', db]);
  assert.equal(u.status, 1);
  assert.match(u.stderr, /:2: person_ref: no person P9 in the registry\n/);
  assert.equal(cases(db), 0);
  assert.equal(auditCreates(db), 0);
});

test('import shortlist: a person the stream rule refuses rolls the whole file back', () => {
  const db = database();
  const f = file(HEADER + 'P1,fp,sw1,2024-01-15\nP2,fp,sw1,2024-01-15\n');
  const r = ali(['import', 'shortlist', f, '--round', 'R1', '--db', db]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `${f}:3: funding_stream: receives no minimum income\nali: ${f}: 1 problem, nothing imported\n`);
  assert.equal(cases(db), 0, 'P1, saved before line 3 failed, is rolled back');
  assert.equal(auditCreates(db), 0);
  // the same person on the open stream is admitted; twice in a round is not
  assert.equal(ali(['import', 'shortlist', file(HEADER + 'P2,pon,sw1,\n'), '--round', 'R1', '--db', db]).status, 0);
  const again = ali(['import', 'shortlist', file(HEADER + 'P2,pon,sw1,\n'), '--round', 'R1', '--db', db]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /:2: person_ref: /);
  // the command line: --round is required, and must name a round
  assert.equal(ali(['import', 'shortlist', f, '--db', db]).status, 2);
  const unknown = ali(['import', 'shortlist', f, '--round', 'RX', '--db', db]);
  assert.equal(unknown.status, 1);
  assert.equal(unknown.stderr, 'ali: there is no round RX in the agency\n');
  assert.equal(ali(['import', 'people', f, '--round', 'R1', '--db', db]).status, 2);
});

// The funnel of a round with: P1 agreed, P2 withdrew at the first
// interview (expected a benefit), P4 not suitable, P5 shortlisted.
let funnelDb;
before(() => {
  funnelDb = database();
  const r = ali(['import', 'shortlist', file(HEADER + 'P1,fp,sw1,2024-01-15\nP2,pon,sw1,2024-01-15\nP4,fp,sw1,2024-01-15\nP5,fp,sw1,2024-01-15\n'),
    '--round', 'R1', '--db', funnelDb]);
  assert.equal(r.status, 0, r.stderr);
  const id = (ref) => `(SELECT id FROM person WHERE person_ref='${ref}')`;
  sql(funnelDb, `
    UPDATE case_file SET stage='agreed', first_interview_on='2024-01-20', second_interview_on='2024-02-01',
      agreed_on='2024-02-10' WHERE person_id=${id('P1')};
    UPDATE case_file SET stage='withdrew', first_interview_on='2024-01-20', exit_on='2024-01-25',
      exit_reason='expected_benefit' WHERE person_id=${id('P2')};
    UPDATE case_file SET stage='not_suitable', exit_on='2024-01-22', exit_reason='refer' WHERE person_id=${id('P4')};
    INSERT INTO access_form(case_id, agency_id, interview_on, screening, decision, override_reason, outcome, created_at, updated_at)
      SELECT id, agency_id, '2024-01-20', 'suitable', 'suitable', NULL, 'continue', '2024-01-20T00:00:00Z', '2024-01-20T00:00:00Z'
      FROM case_file WHERE person_id=${id('P1')};
    INSERT INTO access_form(case_id, agency_id, interview_on, screening, decision, override_reason, outcome, created_at, updated_at)
      SELECT id, agency_id, '2024-01-22', 'suitable', 'refer', 'Dipendenza riferita al colloquio', 'not_suitable',
        '2024-01-22T00:00:00Z', '2024-01-22T00:00:00Z' FROM case_file WHERE person_id=${id('P4')};`);
});

test('report funnel: text, an aligned table with percentages of the shortlisted', () => {
  const r = ali(['report', 'funnel', '--round', 'R1', '--lang', 'en', '--db', funnelDb]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^The funnel/);
  assert.equal(lines[1], 'Round R1');
  const row = (label) => lines.find((l) => l.startsWith(label + ' '))?.trim().split(/\s{2,}/);
  assert.deepEqual(row('Step'), ['Step', 'R1', '%']);
  assert.deepEqual(row('Shortlisted'), ['Shortlisted', '4', '100.0']);
  assert.deepEqual(row('Interviewed (first interview held)'), ['Interviewed (first interview held)', '3', '75.0']);
  assert.deepEqual(row('Passed the first interview'), ['Passed the first interview', '2', '50.0']);
  assert.deepEqual(row('Second interview held'), ['Second interview held', '1', '25.0']);
  assert.deepEqual(row('Project agreed'), ['Project agreed', '1', '25.0']);
  assert.deepEqual(row('Path concluded'), ['Path concluded', '0', '0.0']);
  assert.deepEqual(row('Found not suitable at the first interview'), ['Found not suitable at the first interview', '1', '25.0']);
  assert.deepEqual(row('Withdrew after the first interview'), ['Withdrew after the first interview', '1', '25.0']);
  assert.deepEqual(row('Still in intake (no project yet)'), ['Still in intake (no project yet)', '1', '25.0']);
  assert.deepEqual(row('Expected a benefit in exchange'), ['Expected a benefit in exchange', '1']);
  assert.deepEqual(row('Different from the screening\'s suggestion'), ['Different from the screening\'s suggestion', '1']);
  // the columns line up: in the steps table every count, and every percentage, ends at the same offset
  const head = lines.findIndex((l) => l.startsWith('Step '));
  const data = lines.slice(head + 1, head + 7);
  const ends = data.map((l) => {
    const m = l.match(/^(.*\S)( {2,})(\d+)( +)(\S+)$/);
    assert.ok(m, l);
    return [m[1].length + m[2].length + m[3].length, l.length];
  });
  assert.equal(new Set(ends.map((a) => a[0])).size, 1, 'the counts line up');
  assert.equal(new Set(ends.map((a) => a[1])).size, 1, 'the percentages line up');
  assert.equal(ends[0][0], lines[head].indexOf('R1') + 2);
});

test('report funnel: the "stage,count" CSV as it always was, then the path; JSON rows', () => {
  const c = ali(['report', 'funnel', '--round', 'R1', '--format', 'csv', '--db', funnelDb]);
  assert.equal(c.status, 0, c.stderr);
  assert.equal(c.stdout, [
    'stage,count', 'shortlisted,4', 'first_interview,2', 'second_interview,1', 'agreed,1', 'not_suitable,1',
    'withdrew,1', 'withdrew_at_shortlisted,0', 'withdrew_at_first_interview,1', 'withdrew_at_second_interview,0',
    'withdrew_reason_expected_benefit,1', 'withdrew_reason_found_job,0', 'withdrew_reason_health,0',
    'withdrew_reason_moved_away,0', 'withdrew_reason_family,0', 'withdrew_reason_not_interested,0',
    'withdrew_reason_other,0', 'screening_suitable,1', 'screening_refer,1', 'screening_job_only,0',
    'screening_overrides,1', 'interviewed,3', 'in_intake,1', 'ongoing,1', 'concluded,0', 'left_during_path,0',
    ''].join('\n'));
  const j = ali(['report', 'funnel', '--round', 'R1', '--format', 'json', '--db', funnelDb]);
  assert.equal(j.status, 0, j.stderr);
  const o = JSON.parse(j.stdout);
  assert.equal(o.report, 'funnel');
  assert.deepEqual(o.columns, ['stage', 'count']);
  const n = Object.fromEntries(o.rows.map((x) => [x.stage, x.count]));
  assert.deepEqual([n.shortlisted, n.first_interview, n.second_interview, n.agreed, n.not_suitable, n.withdrew],
    [4, 2, 1, 1, 1, 1]);
  assert.deepEqual([n.withdrew_at_shortlisted, n.withdrew_at_first_interview, n.withdrew_reason_expected_benefit],
    [0, 1, 1]);
  assert.deepEqual([n.screening_suitable, n.screening_refer, n.screening_job_only, n.screening_overrides], [1, 1, 0, 1]);
  assert.deepEqual(o.tables.map((t) => t.name), ['steps', 'where', 'reasons', 'screening']);
  // filtered by social worker: the same cases (all sw1's), said in the subtitle
  const f = JSON.parse(ali(['report', 'funnel', '--round', 'R1', '--format', 'json', '--social-worker', 'sw1', '--db', funnelDb]).stdout);
  assert.match(f.subtitle, /Laura Neri/);
  assert.deepEqual(f.rows, o.rows);
  // without --round: every round and the total, with a round column
  const all = JSON.parse(ali(['report', 'funnel', '--format', 'json', '--db', funnelDb]).stdout);
  assert.deepEqual(all.columns, ['round', 'stage', 'count']);
  assert.deepEqual(all.rows.filter((x) => x.round === 'total').map((x) => x.count), o.rows.map((x) => x.count));
});

test('report: --list, --help and the command-line errors', () => {
  let r = ali(['report', '--list']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^funnel +The funnel/m);
  r = ali(['report', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /usage: ali report NAME/);
  assert.equal(ali(['report', 'funnel', '--db', funnelDb]).status, 0, 'without --round: every round');
  assert.equal(ali(['report', 'nosuch', '--round', 'R1', '--db', funnelDb]).status, 2);
  r = ali(['report', 'funnel', '--round', 'R1', '--format', 'xml', '--db', funnelDb]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, "ali: --format must be text, csv, xlsx, pdf or json, not 'xml'\n");
  r = ali(['report', 'funnel', '--round', 'R9', '--db', funnelDb]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'ali: there is no round R9 in the agency\n');
  assert.match(ali(['--help']).stdout, /report +print a report/);
});
