// cli_paths.test.mjs — the reports on participants' paths (issue 6,
// "Paths"; src/report/report_funnel.c, report_outcomes.c,
// report_screening.c, report_time_to_project.c, report_requests.c,
// report_caseload_months.c) on a small generated database: 60 candidacies
// in two rounds (some people in both), each sent along a path chosen by a
// seeded generator -- withdrawn at the shortlist, not suitable, withdrawn
// after either interview, still in intake, agreed and ongoing, closed
// with an outcome or without an evaluation -- with first-interview forms
// whose screening and decision differ now and then, an assignment history
// of social workers and case managers with handovers, and a hand-made set
// of requests whose working-day times are known.  Every figure is
// checked against counts this file computes from what it generated, never
// against the reports' own SQL; every format runs (XLSX read back with
// unzip, PDF with pdftotext).  Runs on SQLite and PostgreSQL.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ali, addUser, freshDatabase } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { rng } from './rng.mjs';

const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-cli-paths-'));
const file = (name, text) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// ---- the generator ------------------------------------------------------

const rand = rng(20240601);
const pick = (a) => a[Math.floor(rand() * a.length)];
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const addDays = (iso, n) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);

const ROUNDS = { R1: '2024-01-08', R2: '2024-07-01' };
const REASONS = ['expected_benefit', 'found_job', 'health', 'moved_away', 'family', 'not_interested', 'other'];
const DECISIONS = ['suitable', 'refer', 'job_only'];
const OUTCOMES = ['employed_host', 'employed_other', 'training_completed', 'qualification', 'activated', 'interrupted', 'withdrew'];
const KINDS = ['short', 'wd_short', 'wd_short_form', 'not_suitable', 'first', 'wd_first', 'second', 'wd_second',
  'agreed', 'agreed', 'agreed', 'agreed'];

// 48 people; the first 12 take part in both rounds: 60 candidacies.
const PEOPLE = Array.from({ length: 48 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`);
const cases = [];
for (const [i, ref] of PEOPLE.entries()) {
  const rounds = i < 12 ? ['R1', 'R2'] : [i % 3 ? 'R1' : 'R2'];
  for (const round of rounds) {
    const kind = pick(KINDS);
    const sl = addDays(ROUNDS[round], between(0, 20));
    const fi = addDays(sl, between(3, 15));
    const si = addDays(fi, between(3, 15));
    const c = { ref, round, kind, sw: pick(['sw1', 'sw2']), sl, slKnown: true, fi: null, si: null, ag: null,
      stage: 'shortlisted', exitOn: null, reason: null, form: null, closedAt: null, outcome: null };
    const form = (decision) => ({ on: fi, screening: pick(DECISIONS), decision });
    if (kind === 'wd_short') Object.assign(c, { stage: 'withdrew', exitOn: addDays(sl, 2), reason: pick(REASONS) });
    if (kind === 'wd_short_form') {
      Object.assign(c, { stage: 'withdrew', exitOn: fi, reason: pick(REASONS), form: form(pick([...DECISIONS, null])) });
    }
    if (kind === 'not_suitable') {
      Object.assign(c, { stage: 'not_suitable', exitOn: fi, reason: 'refer', form: form(pick(['refer', 'job_only'])) });
    }
    if (['first', 'wd_first', 'second', 'wd_second', 'agreed'].includes(kind)) {
      Object.assign(c, { stage: 'first_interview', fi, form: form('suitable') });
    }
    if (kind === 'wd_first') Object.assign(c, { stage: 'withdrew', exitOn: addDays(fi, 3), reason: pick(REASONS) });
    if (['second', 'wd_second', 'agreed'].includes(kind)) Object.assign(c, { stage: 'second_interview', si });
    if (kind === 'wd_second') Object.assign(c, { stage: 'withdrew', exitOn: addDays(si, 2), reason: pick(REASONS) });
    if (kind === 'agreed') {
      Object.assign(c, { stage: 'agreed', ag: addDays(si, between(1, 120)) });
      c.slKnown = rand() > 0.15;
      const end = rand();
      if (end < 0.45) Object.assign(c, { closedAt: addDays(c.ag, between(20, 90)), outcome: pick(OUTCOMES) });
      else if (end < 0.55) c.closedAt = addDays(c.ag, 30); // closed without an evaluation
    }
    cases.push(c);
  }
}
const agreed = cases.filter((c) => c.stage === 'agreed');
assert.ok(agreed.length > 10 && cases.some((c) => c.kind === 'not_suitable'), 'the seed gives every kind of path');

// ---- the database ---------------------------------------------------------

const assignments = []; // the case_assignment rows, made by buildAssignments()

const db = freshDatabase();
const caseOf = (c) => `(SELECT c.id FROM case_file c JOIN person p ON p.id=c.person_id JOIN round r ON r.id=c.round_id
  WHERE p.person_ref='${c.ref}' AND r.code='${c.round}')`;
const q = (v) => (v === null || v === undefined ? 'NULL' : `'${v}'`);

before(() => {
  const people = 'person_ref,household_ref,relationship,codice_fiscale,first_name,last_name,gender,birth_date,' +
    'birth_country,citizenship,municipality,minimum_income\n' +
    PEOPLE.map((ref, i) => `${ref},H${ref},reference,,Nome${i},Cognome${i},${i % 2 ? 'F' : 'M'},1980-01-01,IT,IT,Pisa,yes`).join('\n') + '\n';
  const steps = [
    ['init', '--db', db],
    ['import', 'people', file('people.csv', people), '--db', db],
    ['round', 'add', 'R1', '--name', 'Prima', '--start', '2024-01-08', '--end', '2024-12-20', '--db', db],
    ['round', 'add', 'R2', '--name', 'Seconda', '--start', '2024-07-01', '--end', '2025-06-30', '--db', db],
    ['stream', 'add', 'pon', '--name', 'PON Inclusione', '--allocation', '1000', '--db', db],
  ];
  for (const args of steps) {
    const r = ali(args);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  sql(db, "INSERT INTO organisation(agency_id, code, name, kind) SELECT id, 'coop1', 'Cooperativa Il Ponte', 'cooperative' FROM agency");
  addUser(db, 'sw1', ['social_worker'], { name: 'Anna Sociale' });
  addUser(db, 'sw2', ['social_worker'], { name: 'Bruno Sociale' });
  addUser(db, 'cm1', ['case_manager'], { org: 'coop1', name: 'Carla Manager' });
  addUser(db, 'cm2', ['case_manager'], { org: 'coop1', name: 'Dario Manager' });
  for (const round of ['R1', 'R2']) {
    const rows = cases.filter((c) => c.round === round).map((c) => `${c.ref},pon,${c.sw},${c.sl}`);
    const r = ali(['import', 'shortlist', file(`${round}.csv`, 'person_ref,funding_stream,social_worker,shortlisted_on\n' +
      rows.join('\n') + '\n'), '--round', round, '--db', db]);
    assert.equal(r.status, 0, r.stderr);
  }
  const script = [];
  for (const c of cases) {
    script.push(`UPDATE case_file SET stage='${c.stage}', opened_at='${c.sl}T08:00:00Z',
      shortlisted_on=${c.slKnown ? q(c.sl) : 'NULL'}, first_interview_on=${q(c.fi)}, second_interview_on=${q(c.si)},
      agreed_on=${q(c.ag)}, exit_on=${q(c.exitOn)}, exit_reason=${q(c.reason)},
      closed_at=${c.closedAt ? q(`${c.closedAt}T10:00:00Z`) : 'NULL'} WHERE id=${caseOf(c)}`);
    if (c.form) {
      script.push(`INSERT INTO access_form(case_id, agency_id, interview_on, screening, decision, override_reason, created_at, updated_at)
        SELECT id, agency_id, '${c.form.on}', '${c.form.screening}', ${q(c.form.decision)},
          ${c.form.decision && c.form.decision !== c.form.screening ? "'Colloquio'" : 'NULL'},
          '${c.form.on}T09:00:00Z', '${c.form.on}T09:00:00Z' FROM case_file WHERE id=${caseOf(c)}`);
    }
    if (c.outcome) {
      script.push(`INSERT INTO evaluation(case_id, agency_id, written_on, outcome, outcome_on, created_at)
        SELECT id, agency_id, '${c.closedAt}', '${c.outcome}', '${c.closedAt}', '${c.closedAt}T10:00:00Z'
        FROM case_file WHERE id=${caseOf(c)}`);
    }
  }
  sql(db, script.join(';\n') + ';');
  buildAssignments();
  buildRequests();
});

// ---- helpers --------------------------------------------------------------

const report = (...args) => {
  const r = ali(['report', ...args, '--db', db]);
  assert.equal(r.status, 0, `ali report ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const json = (...args) => JSON.parse(report(...args, '--format', 'json'));
// The data rows as a map "k1|k2|..." -> value, keyed by every column but the last ones given.
const byKey = (rows, keys, value) => new Map(rows.map((r) => [keys.map((k) => r[k]).join('|'), r[value]]));
const count = (a, f) => a.filter(f).length;
const slots = (f) => ({ R1: f(cases.filter((c) => c.round === 'R1')), R2: f(cases.filter((c) => c.round === 'R2')), total: f(cases) });
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
// One decimal as printed: within half a unit of the last digit (C's
// printf and JS's Math.round differ on exact halves).
const near = (got, want, what) => assert.ok(Math.abs(got - want) <= 0.05 + 1e-9, `${what}: ${got} vs ${want}`);
const p90 = (a) => [...a].sort((x, y) => x - y)[Math.max(1, Math.ceil(0.9 * a.length)) - 1];

// ---- funnel -----------------------------------------------------------------

function funnelOf(cs) {
  const withdrew = cs.filter((c) => c.stage === 'withdrew');
  const forms = cs.filter((c) => c.form && c.form.decision);
  const e = {
    shortlisted: cs.length,
    first_interview: count(cs, (c) => c.fi),
    second_interview: count(cs, (c) => c.si),
    agreed: count(cs, (c) => c.ag),
    not_suitable: count(cs, (c) => c.stage === 'not_suitable'),
    withdrew: withdrew.length,
    withdrew_at_shortlisted: count(withdrew, (c) => !c.fi),
    withdrew_at_first_interview: count(withdrew, (c) => c.fi && !c.si),
    withdrew_at_second_interview: count(withdrew, (c) => c.si),
  };
  for (const r of REASONS) e[`withdrew_reason_${r}`] = count(withdrew, (c) => c.reason === r);
  for (const d of DECISIONS) e[`screening_${d}`] = count(forms, (c) => c.form.decision === d);
  e.screening_overrides = count(forms, (c) => c.form.decision !== c.form.screening);
  e.interviewed = count(cs, (c) => c.fi || c.form || c.stage === 'not_suitable');
  e.in_intake = count(cs, (c) => ['shortlisted', 'first_interview', 'second_interview'].includes(c.stage));
  e.ongoing = count(cs, (c) => c.stage === 'agreed' && !c.closedAt);
  e.concluded = count(cs, (c) => c.stage === 'agreed' && c.closedAt);
  e.left_during_path = count(cs, (c) => c.closedAt && ['interrupted', 'withdrew'].includes(c.outcome));
  return e;
}
const FUNNEL_CODES = Object.keys(funnelOf([]));

test('funnel: every stage, per round and in total, against the generated paths', () => {
  const d = json('funnel');
  assert.equal(d.report, 'funnel');
  assert.deepEqual(d.columns, ['round', 'stage', 'count']);
  const got = byKey(d.rows, ['round', 'stage'], 'count');
  const want = slots(funnelOf);
  for (const [slot, e] of Object.entries(want)) {
    for (const code of FUNNEL_CODES) assert.equal(got.get(`${slot}|${code}`), e[code], `${slot} ${code}`);
  }
  assert.equal(d.rows.length, 3 * FUNNEL_CODES.length);
  // every candidate is somewhere: the partition adds up to the shortlisted
  for (const e of Object.values(want)) {
    assert.equal(e.withdrew_at_shortlisted + e.not_suitable + e.withdrew_at_first_interview +
      e.withdrew_at_second_interview + e.in_intake + e.ongoing + e.concluded, e.shortlisted);
  }
  // the steps view: the total's counts and percentages of the shortlisted
  const steps = d.tables.find((t) => t.name === 'steps');
  assert.deepEqual(steps.columns, ['category', 'R1', 'R1_percent', 'R2', 'R2_percent', 'total', 'total_percent']);
  assert.deepEqual(steps.rows.map((r) => r[5]), ['shortlisted', 'interviewed', 'first_interview', 'second_interview',
    'agreed', 'concluded'].map((k) => want.total[k]));
  near(steps.rows[4][6], 100 * want.total.agreed / want.total.shortlisted, 'agreed %');
  const where = d.tables.find((t) => t.name === 'where');
  assert.equal(where.rows.reduce((s, r) => s + r[5], 0), want.total.shortlisted);
});

test('funnel --round: the "stage,count" CSV as it always was, the new codes after; filters', () => {
  const csv = report('funnel', '--round', 'R1', '--format', 'csv').trim().split('\n');
  const e = funnelOf(cases.filter((c) => c.round === 'R1'));
  assert.deepEqual(csv, ['stage,count', ...FUNNEL_CODES.map((k) => `${k},${e[k]}`)]);
  assert.deepEqual(csv.slice(1, 5), [`shortlisted,${e.shortlisted}`, `first_interview,${e.first_interview}`,
    `second_interview,${e.second_interview}`, `agreed,${e.agreed}`]);
  const sw2 = json('funnel', '--round', 'R2', '--social-worker', 'sw2');
  const e2 = funnelOf(cases.filter((c) => c.round === 'R2' && c.sw === 'sw2'));
  assert.deepEqual(sw2.columns, ['stage', 'count']);
  for (const code of FUNNEL_CODES) assert.equal(byKey(sw2.rows, ['stage'], 'count').get(code), e2[code], code);
  assert.match(sw2.subtitle, /Bruno Sociale/);
});

// ---- outcomes ---------------------------------------------------------------

test('outcomes: per round and in total, ongoing and missing apart', () => {
  const d = json('outcomes');
  assert.deepEqual(d.columns, ['round', 'outcome', 'count', 'percent']);
  const got = new Map(d.rows.map((r) => [`${r.round}|${r.outcome}`, r]));
  const want = slots((cs) => cs.filter((c) => c.stage === 'agreed'));
  for (const [slot, ps] of Object.entries(want)) {
    const closed = ps.filter((c) => c.outcome);
    for (const o of OUTCOMES) {
      const n = count(closed, (c) => c.outcome === o);
      const r = got.get(`${slot}|${o}`);
      assert.equal(r.count, n, `${slot} ${o}`);
      if (closed.length) near(r.percent, 100 * n / closed.length, `${slot} ${o} %`);
      else assert.equal(r.percent, null);
    }
    assert.deepEqual([got.get(`${slot}|ongoing`).count, got.get(`${slot}|ongoing`).percent], [count(ps, (c) => !c.closedAt), null]);
    assert.equal(got.get(`${slot}|missing`).count, count(ps, (c) => c.closedAt && !c.outcome));
  }
  assert.equal(d.rows.length, 3 * 9);
});

// ---- screening --------------------------------------------------------------

test('screening: suggestions against decisions, per round and in total', () => {
  const d = json('screening');
  assert.deepEqual(d.columns, ['round', 'screening', 'decision', 'count']);
  const got = byKey(d.rows, ['round', 'screening', 'decision'], 'count');
  const want = slots((cs) => cs.filter((c) => c.form));
  for (const [slot, fs] of Object.entries(want)) {
    for (const s of DECISIONS) {
      for (const dec of [...DECISIONS, 'undecided']) {
        const n = count(fs, (c) => c.form.screening === s && (c.form.decision || 'undecided') === dec);
        assert.equal(got.get(`${slot}|${s}|${dec}`), n, `${slot} ${s} ${dec}`);
      }
    }
  }
  assert.equal(d.rows.length, 3 * 12);
  const summary = d.tables.find((t) => t.name === 'summary');
  const overrides = count(cases, (c) => c.form && c.form.decision && c.form.decision !== c.form.screening);
  assert.ok(overrides > 0, 'the seed has overrides');
  assert.equal(summary.rows.at(-1)[5], overrides);
  assert.equal(summary.rows[0][5], count(cases, (c) => c.form));
  const rules = d.tables.find((t) => t.name === 'rules');
  assert.equal(rules.rows.reduce((s, r) => s + r[1], 0), count(cases, (c) => c.form));
});

// ---- time to project --------------------------------------------------------

test('time-to-project: median, 90th percentile, mean and bands of the days waited', () => {
  const d = json('time-to-project');
  assert.deepEqual(d.columns, ['round', 'measure', 'value']);
  const got = byKey(d.rows, ['round', 'measure'], 'value');
  const want = slots((cs) => cs.filter((c) => c.stage === 'agreed'));
  for (const [slot, ps] of Object.entries(want)) {
    const days = ps.filter((c) => c.slKnown).map((c) => daysBetween(c.sl, c.ag));
    assert.equal(got.get(`${slot}|projects`), ps.length);
    assert.equal(got.get(`${slot}|missing`), ps.length - days.length);
    assert.equal(got.get(`${slot}|median_days`), median(days));
    assert.equal(got.get(`${slot}|p90_days`), p90(days));
    near(got.get(`${slot}|mean_days`), days.reduce((s, x) => s + x, 0) / days.length, `${slot} mean`);
    assert.equal(got.get(`${slot}|min_days`), Math.min(...days));
    assert.equal(got.get(`${slot}|max_days`), Math.max(...days));
    assert.equal(got.get(`${slot}|days_0_30`), count(days, (x) => x <= 30));
    assert.equal(got.get(`${slot}|days_31_60`), count(days, (x) => x > 30 && x <= 60));
    assert.equal(got.get(`${slot}|days_181plus`), count(days, (x) => x > 180));
  }
  // --from/--to keep the projects agreed in the period
  const p = json('time-to-project', '--from', '2024-07-01', '--to', '2024-12-31');
  const inPeriod = agreed.filter((c) => c.ag >= '2024-07-01' && c.ag <= '2024-12-31');
  assert.equal(byKey(p.rows, ['round', 'measure'], 'value').get('total|projects'), inPeriod.length);
});

// ---- caseload ---------------------------------------------------------------

// Assignments: each case's social worker from the shortlist, handed over
// to the other one now and then; a case manager from the first interview.
function buildAssignments() {
  for (const c of cases) {
    const other = c.sw === 'sw1' ? 'sw2' : 'sw1';
    const handover = rand() < 0.3 ? addDays(c.sl, between(10, 120)) : null;
    assignments.push({ c, role: 'social_worker', user: c.sw, from: c.sl, to: handover });
    if (handover) assignments.push({ c, role: 'social_worker', user: other, from: handover, to: null });
    if (c.fi) assignments.push({ c, role: 'case_manager', user: pick(['cm1', 'cm2']), from: addDays(c.fi, 1), to: null });
  }
  const rows = assignments.map((a) => `INSERT INTO case_assignment(agency_id, case_id, role, user_id, from_at, to_at)
    SELECT c.agency_id, c.id, '${a.role}', u.id, '${a.from}T11:00:00Z', ${a.to ? q(`${a.to}T11:00:00Z`) : 'NULL'}
    FROM case_file c, app_user u WHERE c.id=${caseOf(a.c)} AND u.username='${a.user}'`);
  sql(db, 'DELETE FROM case_assignment;\n' + rows.join(';\n') + ';');
}

test('caseload: active cases held at the end of each month, per worker', () => {
  const d = json('caseload', '--from', '2024-01-01', '--to', '2024-09-15');
  assert.deepEqual(d.columns, ['month', 'role', 'username', 'name', 'cases']);
  const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09'];
  // the end of each month, or --to in the last one
  const snapshot = (m) => (m === '2024-09' ? '2024-09-15'
    : new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10));
  const active = (c, day) => c.sl <= day && !(c.exitOn && c.exitOn <= day) && !(c.closedAt && c.closedAt <= day);
  const got = byKey(d.rows, ['month', 'username'], 'cases');
  let nonZero = 0;
  for (const m of months) {
    const day = snapshot(m);
    for (const user of ['sw1', 'sw2', 'cm1', 'cm2']) {
      const n = count(assignments, (a) => a.user === user && a.from <= day && !(a.to && a.to <= day) && active(a.c, day));
      nonZero += n > 0;
      assert.equal(got.get(`${m}|${user}`) ?? 0, n, `${m} ${user}`);
    }
  }
  assert.ok(nonZero > 10, 'the seed gives caseloads');
  assert.deepEqual([...new Set(d.rows.map((r) => r.month))], months);
  const latest = d.tables.find((t) => t.name === 'latest');
  assert.equal(latest.rows.length, new Set(d.rows.map((r) => r.username)).size);
  assert.match(latest.title, /2024-09-15/);
});

// ---- requests ---------------------------------------------------------------

// A hand-made set (no holiday but 25 April in it): cm1's documents
// requests raised on Monday 4 March 2024 at 10:00 and acknowledged after
// 0.25, 1, 2, 4 and 5 working days (the last across a weekend), resolved
// after 1, 2, 5 and 6 (one never); sw1's rent request raised on
// Wednesday 24 April, acknowledged on Friday 26 at the same hour: one
// working day across the holiday; and one raised in June, outside the
// period the test asks for.
function buildRequests() {
  const req = (kind, who, raised, ack, res) => `INSERT INTO request(agency_id, case_id, kind, raised_by, assignee_id, text,
      raised_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution)
    SELECT c.agency_id, c.id, '${kind}', u.id, u.id, 'Bisogno', '${raised}', ${q(ack)}, ${ack ? 'u.id' : 'NULL'},
      ${q(res)}, ${res ? 'u.id' : 'NULL'}, ${res ? "'Fatto'" : 'NULL'}
    FROM case_file c, app_user u WHERE c.id=${caseOf(cases[0])} AND u.username='${who}'`;
  const M = '2024-03-04T10:00:00Z';
  sql(db, [
    req('documents', 'cm1', M, '2024-03-04T16:00:00Z', '2024-03-05T10:00:00Z'),
    req('documents', 'cm1', M, '2024-03-05T10:00:00Z', '2024-03-06T10:00:00Z'),
    req('documents', 'cm1', M, '2024-03-06T10:00:00Z', '2024-03-11T10:00:00Z'),
    req('documents', 'cm1', M, '2024-03-08T10:00:00Z', '2024-03-12T10:00:00Z'),
    req('documents', 'cm1', M, '2024-03-11T10:00:00Z', null),
    req('rent', 'sw1', '2024-04-24T10:00:00Z', '2024-04-26T10:00:00Z', '2024-04-26T12:00:00Z'),
    req('health', 'sw1', '2024-06-03T10:00:00Z', '2024-06-20T10:00:00Z', null),
  ].join(';\n') + ';');
}

test('requests: median and 90th percentile in working days, per worker and per kind, over a period', () => {
  const d = json('requests', '--from', '2024-01-01', '--to', '2024-05-31');
  assert.deepEqual(d.columns, ['group', 'name', 'measure', 'value']);
  const got = byKey(d.rows, ['group', 'name', 'measure'], 'value');
  const ack = [0.25, 1, 2, 4, 5], res = [1, 2, 5, 6];
  assert.equal(median(ack), 2);
  assert.equal(p90(ack), 5);
  const want = { requests: 5, acknowledged: 5, resolved: 4, acknowledge_median_days: median(ack),
    acknowledge_p90_days: p90(ack), resolve_median_days: median(res), resolve_p90_days: p90(res) };
  for (const [m, v] of Object.entries(want)) {
    assert.equal(got.get(`worker|Carla Manager|${m}`), v, `worker ${m}`);
    assert.equal(got.get(`kind|documents|${m}`), v, `kind ${m}`);
  }
  assert.equal(got.get('worker|Carla Manager|overdue'), 1, 'never resolved, long past its target');
  assert.equal(got.get('worker|Anna Sociale|acknowledge_median_days'), 1, 'across the 25 April holiday');
  assert.equal(got.get('worker|Anna Sociale|requests'), 1, 'June is outside the period');
  assert.equal(got.get('kind|health|requests'), 0);
  assert.equal(got.get('kind|health|acknowledge_median_days'), null);
  const csv = report('requests', '--from', '2024-01-01', '--to', '2024-05-31', '--format', 'csv').trim().split('\n');
  assert.equal(csv[0], 'group,name,measure,value');
  assert.ok(csv.includes('worker,Carla Manager,acknowledge_p90_days,5.00'), csv.join('\n'));
  assert.ok(csv.includes('worker,Carla Manager,resolve_median_days,3.50'));
  assert.ok(csv.includes('kind,health,acknowledge_median_days,'));
  assert.equal(csv.length, 1 + 8 * (2 + 6));
  const all = json('requests');
  assert.equal(byKey(all.rows, ['group', 'name', 'measure'], 'value').get('worker|Anna Sociale|requests'), 2);
});

// ---- every format -----------------------------------------------------------

test('every report in every format: text, CSV, JSON, an XLSX workbook, a PDF with the numbers', () => {
  const total = funnelOf(cases).shortlisted;
  for (const name of ['funnel', 'outcomes', 'screening', 'time-to-project', 'requests', 'caseload']) {
    const args = name === 'caseload' ? ['--from', '2024-01-01', '--to', '2024-09-15'] : [];
    for (const lang of ['it', 'en']) assert.ok(report(name, ...args, '--lang', lang).length > 50, name);
    assert.match(report(name, ...args, '--format', 'csv'), /^[a-z_]+(,[a-z_]+)+\n/);
    const x = join(dir, `${name}.xlsx`);
    report(name, ...args, '--format', 'xlsx', '--output', x);
    assert.equal(readFileSync(x).subarray(0, 2).toString(), 'PK', `${name}.xlsx is a zip`);
    const sheets = execFileSync('unzip', ['-l', x], { encoding: 'utf8' });
    assert.match(sheets, /xl\/worksheets\/sheet2\.xml/, `${name}: the views and the data`);
    const p = join(dir, `${name}.pdf`);
    report(name, ...args, '--format', 'pdf', '--output', p, '--lang', 'en');
    assert.equal(readFileSync(p).subarray(0, 5).toString(), '%PDF-');
    const text = execFileSync('pdftotext', ['-layout', p, '-'], { encoding: 'utf8' });
    if (name === 'funnel') assert.match(text, new RegExp(`Shortlisted\\s+.*\\b${total}\\b`));
    if (name === 'requests') assert.match(text, /Carla Manager/);
  }
  const list = report('--list');
  for (const name of ['funnel', 'outcomes', 'screening', 'time-to-project', 'requests', 'caseload', 'caseload-gaps']) {
    assert.match(list, new RegExp(`^${name} `, 'm'));
  }
});
