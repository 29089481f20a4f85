// demo_chapter.test.mjs — the demo tells the pilot's story: `ali demo`
// (seed 1, its default size) run through `ali report services` and
// `ali report profile` gives tables close to the reference chapter's
// (shared/reference/ali-pisa-chapter.txt): Table 8.5 exactly, with "not
// active" where the pilot could not run a service; Table 8.1's gender split and the round-1 household and
// single-mother figures within a few people (the demo draws its people,
// it does not copy them).  Runs on SQLite and PostgreSQL.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, ali } from './server.mjs';
import { sql } from './access_fixture.mjs';

let db;
// CSV rows as objects of the header's columns.
const rows = (csv) => {
  const [head, ...lines] = csv.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
};
const report = (name) => {
  const r = ali(['report', name, '--db', db, '--format', 'csv']);
  assert.equal(r.status, 0, r.stderr);
  return rows(r.stdout);
};
const near = (got, want, by, what) =>
  assert.ok(Math.abs(got - want) <= by, `${what}: ${got}, the chapter says ${want} (±${by})`);

before(() => {
  db = freshDatabase();
  const r = ali(['demo', '--db', db, '--no-serve', '--seed', '1']);
  assert.equal(r.status, 0, r.stderr);
});

// Table 8.5: projects per service, round 1 and round 2 (null: not active).
const TABLE_8_5 = {
  internship: [43, 12], forklift: [21, 19], italian_l2: [27, 13], haccp: [46, 17],
  safety: [68, 39], home_education: [47, 19], it_training: [null, 29], soft_skills: [null, 9],
  home_care: [5, 4], psych_support: [34, 12], orientation: [17, 12],
};

test('services activated are the chapter\'s Table 8.5', () => {
  const got = report('services');
  for (const [service, want] of Object.entries(TABLE_8_5)) {
    ['R1', 'R2'].forEach((round, k) => {
      const row = got.find((r) => r.service === service && r.round === round);
      assert.ok(row, `${service} ${round}`);
      if (want[k] === null) {
        assert.equal(row.status, 'not_active', `${service} ${round}`);
        assert.equal(row.projects, '');
      } else {
        assert.equal(row.status, 'active', `${service} ${round}`);
        assert.equal(Number(row.projects), want[k], `${service} ${round}: the chapter says ${want[k]}`);
      }
    });
  }
  // the services planned but never run are not active anywhere
  for (const s of ['green_maintenance', 'furniture']) {
    assert.ok(got.filter((r) => r.service === s).every((r) => r.status === 'not_active'), s);
  }
});

test('the profile of round 1 is close to the chapter\'s Tables 8.1-8.4', () => {
  const got = report('profile');
  const n = (dimension, category, round = 'R1') =>
    Number(got.find((r) => r.dimension === dimension && r.category === category && r.round === round).count);
  // 144 participants in round 1, as in the pilot
  assert.equal(n('gender', 'F') + n('gender', 'M') + n('gender', 'missing'), 144);
  near(n('gender', 'F'), 85, 5, 'women, round 1');
  near(n('gender', 'M'), 59, 5, 'men, round 1');
  near(n('household_size', '1'), 35, 5, 'one-person households, round 1');
  near(n('single_mother', 'yes'), 37, 6, 'single mothers, round 1');
  // totals count participations: the sum of the rounds
  for (const c of ['F', 'M']) assert.equal(n('gender', c, 'total'), n('gender', c, 'R1') + n('gender', c, 'R2'));
});

// The demo writes cases, households, moves and operators' links the way
// the web does: the caseloads the triggers keep (migration 018) must be
// exactly what their definition says, and not empty.
test('the caseloads kept on write match their definition', () => {
  const count = (q) => Number(sql(db, q).trim());
  assert.ok(count('SELECT count(*) FROM caseload') > 100, 'the demo has caseloads');
  // (the pilot is over: the demo's operators served cases now closed)
  for (const role of ['case_manager', 'psychotherapist']) {
    assert.ok(count(`SELECT count(*) FROM caseload WHERE role='${role}'`) > 0, role);
  }
  assert.equal(count('SELECT count(*) FROM (SELECT * FROM caseload EXCEPT SELECT * FROM caseload_source) x'), 0, 'stale rows');
  assert.equal(count('SELECT count(*) FROM (SELECT * FROM caseload_source EXCEPT SELECT * FROM caseload) x'), 0, 'missing rows');
});
