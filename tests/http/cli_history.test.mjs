// cli_history.test.mjs — `ali import history FILE` (src/cmd/import_history.c,
// src/domain/history.c): past participations become cases, projects,
// interventions and evaluations; the numbers expected are computed here
// from the CSV, never asked of ali.  Every kind of bad line is reported as
// FILE:LINE: field: message and leaves the database as it was; a second
// import changes nothing; a changed row is corrected but nothing is taken
// away; a case recorded in ali is never touched; the stream's rule
// refuses a person; --social-worker; the sample in docs/examples imports.
// Runs on SQLite and PostgreSQL (the database read back with sqlite3 or
// psql).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ali, addUser, freshDatabase } from './server.mjs';
import { sql } from './access_fixture.mjs';

const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-cli-history-'));
let nFile = 0;
function file(text) {
  const path = join(dir, `h${++nFile}.csv`);
  writeFileSync(path, text);
  return path;
}
const examples = new URL('../../docs/examples/', import.meta.url).pathname;

const PEOPLE = 'person_ref,household_ref,relationship,first_name,last_name,gender,birth_date,' +
  'birth_country,municipality,minimum_income\n' +
  'P1,H1,reference,Mario,Rossi,M,1985-12-10,IT,Pisa,yes\n' +
  'P2,H2,reference,Anna,Bianchi,F,1987-03-01,IT,Pisa,no\n' +
  'P3,H2,child,Luca,Bianchi,M,2015-06-01,IT,Pisa,\n' +
  'P4,H3,reference,Fatima,El Amrani,F,1979-01-20,MA,Cascina,yes\n' +
  'P5,H4,reference,Giorgio,Neri,M,1970-05-05,IT,Pisa,yes\n' +
  'P6,H5,reference,Ioana,Popa,F,1992-08-08,RO,Pisa,yes\n';
const HEADER = 'person_ref,round,funding_stream,shortlisted_on,agreed_on,services,outcome,ended_on\n';

// Run each command line of steps; each must succeed.
function runAll(steps) {
  for (const args of steps) {
    const r = ali(args);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  }
}

// A database with the people above; rounds R1 (without it_training and
// soft_skills, as in the pilot) and R2 (everything); the streams fp
// (minimum-income recipients) and pon (open); the social worker sw1.
function database() {
  const db = freshDatabase();
  const all = ['internship', 'forklift', 'italian_l2', 'haccp', 'safety', 'home_education',
    'home_care', 'psych_support', 'orientation'];
  const steps = [
    ['init', '--db', db],
    ['import', 'people', file(PEOPLE), '--db', db],
    ['round', 'add', 'R1', '--name', 'Edizione 1', '--start', '2020-10-01', '--end', '2021-12-31',
      '--services', all.join(','), '--db', db],
    ['round', 'add', 'R2', '--name', 'Edizione 2', '--start', '2022-01-01', '--end', '2022-06-30', '--db', db],
    ['stream', 'add', 'fp', '--name', 'Fondo povertà', '--allocation', '100000', '--rule', 'minimum_income', '--db', db],
    ['stream', 'add', 'pon', '--name', 'PON Inclusione', '--allocation', '100000', '--db', db],
  ];
  runAll(steps);
  addUser(db, 'sw1', ['social_worker'], { name: 'Laura Neri' });
  return db;
}

const GOOD = [
  'P1,R1,fp,2020-10-05,2020-11-02,internship|safety|haccp,employed_host,2021-06-30',
  'P2,R1,pon,2020-10-05,2020-11-10,italian_l2,training_completed,2021-03-31',
  'P4,R1,fp,2020-10-06,,,withdrew,2020-10-20',
  'P5,R1,fp,2020-10-06,,,interrupted,2020-10-25',
  'P5,R2,fp,2022-01-10,2022-02-01,it_training|orientation,,',
  'P1,R2,pon,2022-01-10,,,,',
  'P2,R2,pon,2022-01-12,2022-02-03,soft_skills|psych_support|home_education,interrupted,2022-04-01',
];

// What the rows imply, computed from the CSV: one case each; a project
// per agreed_on; an intervention per service; an evaluation per agreed
// row with an outcome; the stage; each intervention's status.
function expected(lines) {
  const rows = lines.map((l) => {
    const [ref, round, stream, shortlisted, agreed, services, outcome, ended] = l.split(',');
    return { ref, round, stream, shortlisted, agreed, services: services ? services.split('|') : [], outcome, ended };
  });
  const agreed = rows.filter((r) => r.agreed);
  const stage = (r) => (r.agreed ? 'agreed' : r.outcome === 'withdrew' ? 'withdrew'
    : r.outcome === 'interrupted' ? 'not_suitable' : 'shortlisted');
  const ivStatus = (r) => (!r.outcome ? 'active'
    : ['interrupted', 'withdrew'].includes(r.outcome) ? 'interrupted' : 'completed');
  return {
    rows,
    cases: rows.length,
    projects: agreed.length,
    interventions: agreed.reduce((n, r) => n + r.services.length, 0),
    evaluations: agreed.filter((r) => r.outcome).length,
    stages: rows.map((r) => `${r.ref}:${r.round}:${stage(r)}`).sort(),
    ivs: agreed.flatMap((r) => r.services.map((s) =>
      `${r.ref}:${r.round}:${s}:${ivStatus(r)}:${r.agreed}:${r.outcome ? r.ended : ''}`)).sort(),
  };
}

const count = (db, table) => Number(sql(db, `SELECT count(*) FROM ${table}`).trim());
const lines = (text) => text.trim().split('\n').filter(Boolean).sort();
// Everything an import writes, to tell whether a run changed anything.
function dump(db) {
  return [
    sql(db, 'SELECT id, stage, funding_stream_id, shortlisted_on, agreed_on, first_interview_on,' +
      ' exit_on, closed_at, imported_at, social_worker_id FROM case_file ORDER BY id'),
    sql(db, 'SELECT id, case_id, state, version, agreed_on, updated_at FROM project ORDER BY id'),
    sql(db, 'SELECT project_id, version, snapshot FROM project_version ORDER BY project_id, version'),
    sql(db, 'SELECT id, project_id, service_id, status, started_on, ended_on, updated_at FROM intervention ORDER BY id'),
    sql(db, 'SELECT intervention_id, on_date, from_status, to_status FROM intervention_event ORDER BY id'),
    sql(db, 'SELECT case_id, outcome, written_on, outcome_on FROM evaluation ORDER BY case_id'),
    sql(db, 'SELECT count(*) FROM audit'),
  ].join('\n--\n');
}
// The database's side of what expected() computes, read the same way.
const stagesIn = (db) => lines(sql(db, "SELECT p.person_ref || ':' || r.code || ':' || c.stage FROM case_file c" +
  ' JOIN person p ON p.id=c.person_id JOIN round r ON r.id=c.round_id'));
const interventionsIn = (db) => lines(sql(db, "SELECT p.person_ref || ':' || r.code || ':' || s.code || ':' || i.status" +
  " || ':' || i.started_on || ':' || COALESCE(CAST(i.ended_on AS TEXT), '') FROM intervention i" +
  ' JOIN project j ON j.id=i.project_id JOIN case_file c ON c.id=j.case_id' +
  ' JOIN person p ON p.id=c.person_id JOIN round r ON r.id=c.round_id JOIN service s ON s.id=i.service_id'));
const entriesIn = (db) => lines(sql(db, "SELECT p.person_ref || ':' || r.code || ':' || e.entry_date FROM entry_profile e" +
  ' JOIN case_file c ON c.id=e.case_id JOIN person p ON p.id=c.person_id JOIN round r ON r.id=c.round_id'));
const entriesOf = (x) => x.rows.filter((w) => w.agreed).map((w) => `${w.ref}:${w.round}:${w.agreed}`).sort();
// The four counts a file implies.
function assertCounts(db, x) {
  assert.equal(count(db, 'case_file'), x.cases);
  assert.equal(count(db, 'project'), x.projects);
  assert.equal(count(db, 'intervention'), x.interventions);
  assert.equal(count(db, 'evaluation'), x.evaluations);
}
const importHistory = (db, path, ...more) => ali(['import', 'history', path, '--db', db, ...more]);

test('a good file: the cases, projects, interventions and evaluations the rows imply', () => {
  const db = database();
  const f = file(HEADER + GOOD.join('\n') + '\n');
  const r = importHistory(db, f);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'imported 7 participations (7 created, 0 updated, 0 unchanged)\n');
  const x = expected(GOOD);
  assertCounts(db, x);
  assert.deepEqual(stagesIn(db), x.stages);
  assert.deepEqual(interventionsIn(db), x.ivs);
  // every case marked imported, none with a worker; streams and dates as in the file
  assert.equal(Number(sql(db, 'SELECT count(*) FROM case_file WHERE imported_at IS NOT NULL').trim()), x.cases);
  assert.equal(Number(sql(db, 'SELECT count(*) FROM case_file WHERE social_worker_id IS NOT NULL').trim()), 0);
  assert.deepEqual(lines(sql(db, "SELECT p.person_ref || ':' || r.code || ':' || f.code || ':' || c.shortlisted_on" +
    ' FROM case_file c JOIN person p ON p.id=c.person_id JOIN round r ON r.id=c.round_id' +
    ' JOIN funding_stream f ON f.id=c.funding_stream_id')),
  x.rows.map((w) => `${w.ref}:${w.round}:${w.stream}:${w.shortlisted}`).sort());
  // an agreed case: its project agreed on agreed_on (version 1, recorded);
  // both interviews held by then; closed on ended_on when it has an outcome
  for (const w of x.rows.filter((v) => v.agreed)) {
    const got = sql(db, "SELECT c.agreed_on || '|' || c.first_interview_on || '|' || c.second_interview_on || '|'" +
      " || j.state || '|' || j.version || '|' || j.agreed_on || '|' || COALESCE(substr(c.closed_at,1,10),'')" +
      " || '|' || COALESCE(e.outcome,'') || '|' || COALESCE(CAST(e.written_on AS TEXT),'')" +
      ' FROM case_file c JOIN person p ON p.id=c.person_id JOIN round r ON r.id=c.round_id' +
      ' JOIN project j ON j.case_id=c.id LEFT JOIN evaluation e ON e.case_id=c.id' +
      ` WHERE p.person_ref='${w.ref}' AND r.code='${w.round}'`).trim();
    assert.equal(got, [w.agreed, w.agreed, w.agreed, 'agreed', 1, w.agreed, w.outcome ? w.ended : '',
      w.outcome || '', w.outcome ? w.ended : ''].join('|'), `${w.ref} ${w.round}`);
  }
  assert.equal(count(db, 'project_version'), x.projects);
  // every intervention started (planned -> active), and each ended one ended
  const ended = x.rows.filter((w) => w.agreed && w.outcome).reduce((n, w) => n + w.services.length, 0);
  assert.equal(count(db, 'intervention_event'), x.interventions + ended);
  // a candidate who left: the exit on ended_on
  assert.equal(sql(db, "SELECT c.exit_on FROM case_file c JOIN person p ON p.id=c.person_id WHERE p.person_ref='P4'").trim(),
    '2020-10-20');
  // the profile at entry of every participation that reached a project
  assert.deepEqual(entriesIn(db), entriesOf(x));
  // the audit trail: one entry per case, one for the import with its counts
  assert.equal(Number(sql(db, "SELECT count(*) FROM audit WHERE action='create' AND entity='case'").trim()), x.cases);
  assert.deepEqual(JSON.parse(sql(db, "SELECT detail FROM audit WHERE action='import' AND entity='history'").trim()),
    { created: 7, updated: 0, unchanged: 0 });
  const created = JSON.parse(sql(db, "SELECT a.detail FROM audit a JOIN person p ON p.id=a.person_id" +
    " WHERE a.action='create' AND a.entity='case' AND p.person_ref='P2' ORDER BY a.id LIMIT 1").trim());
  assert.deepEqual(created.services, { before: null, after: 'italian_l2' });
  assert.deepEqual(created.outcome, { before: null, after: 'training_completed' });
  const verify = ali(['audit', 'verify', '--db', db]);
  assert.equal(verify.status, 0, verify.stderr || verify.signal);
});

test('a second import changes nothing; a changed row is corrected, nothing is taken away', () => {
  const db = database();
  const f = file(HEADER + GOOD.join('\n') + '\n');
  assert.equal(importHistory(db, f).status, 0);
  const before = dump(db);
  const again = importHistory(db, f);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(again.stdout, 'imported 7 participations (0 created, 0 updated, 7 unchanged)\n');
  const after = dump(db);
  const audit = (d) => d.split('\n--\n');
  assert.deepEqual(audit(after).slice(0, 6), audit(before).slice(0, 6), 'no row written');
  assert.equal(Number(audit(after)[6]), Number(audit(before)[6]) + 1, 'only the import entry');

  // P5's round-2 path ended, with one more service; P1 in R2 was agreed;
  // P2's round-1 project was agreed two days later than the file said;
  // P1's round-1 path ended later, hired elsewhere
  const changed = GOOD.map((l) => (l.startsWith('P5,R2') ? 'P5,R2,fp,2022-01-10,2022-02-01,it_training|orientation|safety,activated,2022-06-30'
    : l.startsWith('P1,R2') ? 'P1,R2,pon,2022-01-10,2022-01-31,haccp,,'
      : l.startsWith('P2,R1') ? l.replace('2020-11-10', '2020-11-12')
        : l.startsWith('P1,R1') ? 'P1,R1,fp,2020-10-05,2020-11-02,internship|safety|haccp,employed_other,2021-07-15' : l));
  const g = file(HEADER + changed.join('\n') + '\n');
  const r = importHistory(db, g);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'imported 7 participations (0 created, 4 updated, 3 unchanged)\n');
  // P1's closing moved: the evaluation, closed_at, the interventions' ends and their history
  assert.equal(sql(db, "SELECT e.outcome || ':' || e.written_on || ':' || e.outcome_on || ':' || substr(c.closed_at,1,10)" +
    " FROM evaluation e JOIN case_file c ON c.id=e.case_id JOIN person p ON p.id=c.person_id JOIN round r ON r.id=c.round_id" +
    " WHERE p.person_ref='P1' AND r.code='R1'").trim(), 'employed_other:2021-07-15:2021-07-15:2021-07-15');
  assert.equal(Number(sql(db, "SELECT count(*) FROM intervention_event WHERE on_date='2021-06-30'").trim()), 0);
  assert.equal(Number(sql(db, "SELECT count(*) FROM intervention_event WHERE on_date='2021-07-15'" +
    " AND from_status='active' AND to_status='completed'").trim()), 3);
  const x = expected(changed);
  assertCounts(db, x);
  assert.deepEqual(stagesIn(db), x.stages);
  assert.deepEqual(interventionsIn(db), x.ivs);
  // P5's project: version 2 records the service added; the path closed on ended_on
  assert.equal(sql(db, "SELECT j.version || ':' || substr(c.closed_at,1,10) FROM project j JOIN case_file c ON c.id=j.case_id" +
    " JOIN person p ON p.id=c.person_id JOIN round r ON r.id=c.round_id WHERE p.person_ref='P5' AND r.code='R2'").trim(),
  '2:2022-06-30');
  const upd = JSON.parse(sql(db, "SELECT a.detail FROM audit a JOIN person p ON p.id=a.person_id" +
    " WHERE a.action='update' AND a.entity='case' AND p.person_ref='P5'").trim());
  assert.deepEqual(upd, { services: { before: 'it_training|orientation', after: 'it_training|orientation|safety' },
    outcome: { before: null, after: 'activated' }, ended_on: { before: null, after: '2022-06-30' } });
  // the profile at entry follows the corrected date; every agreed case has one
  assert.deepEqual(entriesIn(db), entriesOf(x));
  assert.equal(importHistory(db, g).stdout, 'imported 7 participations (0 created, 0 updated, 7 unchanged)\n');

  // taking something away is refused, by line and field, and nothing changes
  const snapshot = dump(db);
  const removed = changed.map((l) => (l.startsWith('P1,R1') ? 'P1,R1,fp,2020-10-05,,,,'
    : l.startsWith('P2,R1') ? 'P2,R1,pon,2020-10-05,2020-11-10,italian_l2,,' : l));
  const h = file(HEADER + removed.join('\n') + '\n');
  const s = importHistory(db, h);
  assert.equal(s.status, 1);
  assert.equal(s.stdout, '');
  assert.equal(s.stderr, [
    `${h}:2: agreed_on: required: the case has a project in this round, and an import does not remove it`,
    `${h}:2: outcome: required: the path is closed, and an import does not reopen it`,
    `${h}:3: outcome: required: the path is closed, and an import does not reopen it`,
    `ali: ${h}: 3 problems, nothing imported`, ''].join('\n'));
  assert.equal(dump(db), snapshot);
});

test('every kind of bad line: FILE:LINE: field: message, and nothing is written', () => {
  const db = database();
  const before = dump(db);
  const bad = file(HEADER + [
    'P1,R1,fp,2020-10-05,2020-11-02,internship|safety,employed_host,2021-06-30', // 2: good
    'P2,R1,pon,2021-02-30,,,,', // 3
    'P4,R1,fp,2020-10-06,2020-10-01,safety,,', // 4
    'P5,R1,fp,2020-10-06,2020-11-01,safety,activated,2020-10-31', // 5
    'P6,R1,fp,2020-10-06,2020-11-01,safety|haccp|safety,hired,', // 6
    'P1,R2,pon,2022-01-10,,safety,,2022-02-01', // 7
    'P2,R2,pon,2022-01-10,2022-02-01,,employed_other,', // 8
    'P4,R2,fp,2022-01-10,,,activated,2022-03-01', // 9
    'P1,R1,pon,2020-10-05,,,,', // 10
    ',R2,pon,2099-01-01,,,,', // 11
    'P6,R2,fp,2022-01-10,2022-01-20,safety||x y,,', // 12
  ].join('\n') + '\n');
  const r = importHistory(db, bad);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, [
    `${bad}:3: shortlisted_on: not a valid date (YYYY-MM-DD)`,
    `${bad}:4: agreed_on: cannot be before shortlisted_on (2020-10-06)`,
    `${bad}:5: ended_on: cannot be before agreed_on (2020-11-01)`,
    `${bad}:6: services: safety is listed twice`,
    `${bad}:6: outcome: unknown outcome hired (one of employed_host, employed_other, training_completed, qualification, activated, interrupted, withdrew)`,
    `${bad}:6: ended_on: required when outcome is set`,
    `${bad}:7: services: must be empty without agreed_on (a candidate who never reached a project had no interventions)`,
    `${bad}:7: outcome: required when ended_on is set (how the path ended; empty both while it is ongoing)`,
    `${bad}:8: services: required with agreed_on (an agreed project has at least one intervention)`,
    `${bad}:8: ended_on: required when outcome is set`,
    `${bad}:9: outcome: activated needs agreed_on: a candidate who never reached a project can only have withdrawn (withdrew) or been stopped (interrupted)`,
    `${bad}:10: person_ref: P1 is already in round R1 on line 2`,
    `${bad}:11: person_ref: required`,
    `${bad}:11: shortlisted_on: cannot be in the future`,
    `${bad}:12: services: an empty code (codes are separated by |)`,
    `${bad}:12: services: x y: only letters, digits, '_' and '-' are allowed`,
    `ali: ${bad}: 16 problems, nothing imported`, ''].join('\n'));
  assert.equal(dump(db), before);

  // what only the database knows, checked row by row, rolled back as one
  const dbBad = file(HEADER + [
    'P1,R1,fp,2020-10-05,2020-11-02,internship,employed_host,2021-06-30', // 2: good, saved then rolled back
    'P9,R1,fp,2020-10-05,,,,', // 3
    'P1,R9,fp,2020-10-05,,,,', // 4
    'P4,R1,xx,2020-10-05,,,,', // 5
    'P4,R2,fp,2022-01-10,2022-02-01,juggling|it_training,,', // 6
    'P5,R1,fp,2020-10-05,2020-11-01,it_training|safety,,', // 7
    'P2,R2,fp,2022-01-10,,,,', // 8: P2 receives no minimum income
    'P6,R1,fp,2020-10-05,2020-11-01,safety,employed_host,2021-01-31', // 9
  ].join('\n') + '\n');
  const s = importHistory(db, dbBad);
  assert.equal(s.status, 1);
  assert.equal(s.stderr, [
    `${dbBad}:3: person_ref: no person P9 in the registry`,
    `${dbBad}:4: round: no round R9 in the agency`,
    `${dbBad}:5: funding_stream: unknown funding stream xx`,
    `${dbBad}:6: services: unknown service juggling`,
    `${dbBad}:7: services: round R1 does not offer it_training`,
    `${dbBad}:8: funding_stream: receives no minimum income`,
    `${dbBad}:9: outcome: employed_host needs an internship among the services (hired by the internship's host firm)`,
    `ali: ${dbBad}: 7 problems, nothing imported`, ''].join('\n'));
  assert.equal(dump(db), before, 'line 2, saved before the problems, is rolled back');

  // the header is a contract: a missing or unknown column is refused
  const hdr = file('person_ref,funding_stream,shortlisted_on,outcomes\nP1,fp,2020-10-05,\n');
  const t = importHistory(db, hdr);
  assert.equal(t.status, 1);
  assert.equal(t.stderr, [`${hdr}:1: header: unknown column outcomes`, `${hdr}:1: header: missing column round`,
    `ali: ${hdr}: 2 problems, nothing imported`, ''].join('\n'));
  assert.equal(dump(db), before);
});

test('the stream rule refuses a person; a case recorded in ali is never touched', () => {
  const db = database();
  // P2 does not receive the minimum income: stream fp refuses her, the whole file rolls back
  const f = file(HEADER + 'P1,R1,fp,2020-10-05,2020-11-02,safety,,\nP2,R1,fp,2020-10-05,2020-11-02,safety,,\n');
  const r = importHistory(db, f);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `${f}:3: funding_stream: receives no minimum income\nali: ${f}: 1 problem, nothing imported\n`);
  assert.equal(count(db, 'case_file'), 0);
  // on the open stream she is admitted
  const g = file(HEADER + 'P1,R1,fp,2020-10-05,2020-11-02,safety,,\nP2,R1,pon,2020-10-05,2020-11-02,safety,,\n');
  assert.equal(importHistory(db, g).status, 0);
  assert.equal(count(db, 'case_file'), 2);
  // P6 shortlisted in ali: the history import refuses to change her case
  const sl = file('person_ref,funding_stream,social_worker,shortlisted_on\nP6,fp,sw1,2022-01-10\n');
  assert.equal(ali(['import', 'shortlist', sl, '--round', 'R2', '--db', db]).status, 0);
  const before = dump(db);
  const h = file(HEADER + 'P6,R2,fp,2022-01-10,2022-02-01,safety,,\n');
  const s = importHistory(db, h);
  assert.equal(s.status, 1);
  assert.equal(s.stderr, `${h}:2: person_ref: already a candidate of this round, recorded in ali: the history import does not change it\n` +
    `ali: ${h}: 1 problem, nothing imported\n`);
  assert.equal(dump(db), before);
});

test("a round's cap counts the candidates who have not left", () => {
  const db = database();
  assert.equal(ali(['round', 'add', 'R3', '--name', 'Edizione 3', '--start', '2023-01-01', '--end', '2023-12-31',
    '--max', '1', '--db', db]).status, 0);
  const f = file(HEADER + 'P4,R3,fp,2023-01-10,,,withdrew,2023-01-20\nP1,R3,fp,2023-01-10,2023-02-01,safety,,\n' +
    'P2,R3,pon,2023-01-10,,,,\n');
  const r = importHistory(db, f);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `${f}:4: round: the round has no places left\nali: ${f}: 1 problem, nothing imported\n`);
  assert.equal(count(db, 'case_file'), 0);
  const g = file(HEADER + 'P4,R3,fp,2023-01-10,,,withdrew,2023-01-20\nP1,R3,fp,2023-01-10,2023-02-01,safety,,\n' +
    'P2,R3,pon,2023-01-10,,,interrupted,2023-01-15\n');
  assert.equal(importHistory(db, g).status, 0);
  assert.equal(count(db, 'case_file'), 3);
});

test('--social-worker holds the cases created; only the history import takes it', () => {
  const db = database();
  const f = file(HEADER + 'P1,R2,pon,2022-01-10,2022-02-01,safety,,\nP4,R2,fp,2022-01-10,,,,\n');
  const bad = importHistory(db, f, '--social-worker', 'nobody');
  assert.equal(bad.status, 1);
  assert.equal(bad.stderr, 'ali: --social-worker nobody: not an active social worker of the agency\n');
  assert.equal(count(db, 'case_file'), 0);
  const r = importHistory(db, f, '--social-worker', 'sw1');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(Number(sql(db, "SELECT count(*) FROM case_file c JOIN app_user u ON u.id=c.social_worker_id WHERE u.username='sw1'").trim()), 2);
  assert.equal(ali(['import', 'people', f, '--social-worker', 'sw1', '--db', db]).status, 2);
  assert.equal(ali(['import', 'history', f, '--round', 'R1', '--db', db]).status, 2);
  const help = ali(['import', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /history +past participations/);
});

test('the sample files in docs/examples import', () => {
  const db = freshDatabase();
  const steps = [
    ['init', '--db', db],
    ['import', 'people', join(examples, 'people.csv'), '--db', db],
    ['round', 'add', 'R1', '--name', 'Edizione 2020-2021', '--start', '2020-10-01', '--end', '2021-12-31',
      '--services', 'internship,forklift,italian_l2,haccp,safety,home_education,home_care,psych_support,orientation', '--db', db],
    ['round', 'add', 'R2', '--name', 'Edizione 2022', '--start', '2022-01-01', '--end', '2022-06-30', '--db', db],
    ['round', 'add', 'R3', '--name', 'Edizione 2024-2025', '--start', '2024-09-01', '--end', '2025-06-30', '--db', db],
    ['stream', 'add', 'fondo_poverta', '--name', 'Fondo Povertà', '--allocation', '500000', '--rule', 'minimum_income', '--db', db],
    ['stream', 'add', 'pon_inclusione', '--name', 'PON Inclusione', '--allocation', '300000', '--db', db],
  ];
  runAll(steps);
  const r = importHistory(db, join(examples, 'history.csv'));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'imported 6 participations (6 created, 0 updated, 0 unchanged)\n');
});
