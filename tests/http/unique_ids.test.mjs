// unique_ids.test.mjs — every page of the demo has unique element ids and
// labels that point at an element of the page.  Two forms on one page
// used to give their same-named fields the same id ("f-kind" on the
// register's filter and entry forms; "f-on_date", "f-time", "f-note" on
// an internship's attendance and session forms): a label then focuses
// the wrong field and a test or a screen reader finds the wrong one.
// The pages are those a manager, a case manager (cm_a) and a social
// worker (social1) open on `ali demo` data, with one case of cm_a
// opened again (its evaluation removed, its interventions active) so
// that the forms of a case in progress are on the pages too.  Runs on
// SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, freshDatabase, ali } from './server.mjs';
import { sql } from './access_fixture.mjs';

let srv;
const tok = {};
const id = {};
const one = (q) => sql(srv.db, q).trim();
const num = (q) => {
  const v = Number(one(q));
  assert.ok(v > 0, `no row for: ${q}`);
  return v;
};

before(async () => {
  const db = freshDatabase();
  const d = ali(['demo', '--db', db, '--no-serve', '--people', '30', '--seed', '3']);
  assert.equal(d.status, 0, d.stderr);
  for (const u of ['manager', 'cm_a', 'social1']) {
    const t = ali(['user', 'token', u, '--db', db]);
    assert.equal(t.status, 0, t.stderr);
    tok[u] = t.stdout.trim().split('\n').pop();
  }
  srv = await startServer({ db, init: false });
  id.r2 = num("SELECT id FROM round WHERE code='R2'");
  // cm_a's case with an internship that has a placement: opened again
  const cmCase = `SELECT pr.case_id FROM intervention i JOIN project pr ON pr.id=i.project_id
    JOIN service s ON s.id=i.service_id JOIN case_file c ON c.id=pr.case_id
    JOIN app_user u ON u.id=c.case_manager_id JOIN placement pl ON pl.intervention_id=i.id
    WHERE s.code='internship' AND u.username='cm_a' ORDER BY pr.case_id LIMIT 1`;
  id.open = num(cmCase);
  id.project = num(`SELECT id FROM project WHERE case_id=${id.open}`);
  sql(srv.db, `DELETE FROM objective_result WHERE objective_id IN
      (SELECT id FROM project_objective WHERE project_id=${id.project});
    DELETE FROM evaluation WHERE case_id=${id.open};
    UPDATE intervention SET status='active', ended_on=NULL, status_reason=NULL
      WHERE project_id=${id.project} AND started_on IS NOT NULL;
    UPDATE case_file SET closed_at=NULL WHERE id=${id.open};`);
  id.person = num(`SELECT person_id FROM case_file WHERE id=${id.open}`);
  id.closed = num(`SELECT c.id FROM case_file c JOIN app_user u ON u.id=c.case_manager_id
    WHERE u.username='cm_a' AND c.closed_at IS NOT NULL ORDER BY c.id LIMIT 1`);
  id.leaver = num("SELECT min(id) FROM case_file WHERE stage IN ('not_suitable','withdrew')");
  id.edition = num('SELECT min(id) FROM course_edition');
  // one intervention of each service (of any case), and each of the open case
  id.iv = sql(srv.db, `SELECT min(i.id) FROM intervention i GROUP BY i.service_id ORDER BY 1`)
    .trim().split('\n').map(Number);
  id.ivOpen = sql(srv.db, `SELECT id FROM intervention WHERE project_id=${id.project} ORDER BY id`)
    .trim().split('\n').map(Number);
  id.social1 = num("SELECT id FROM app_user WHERE username='social1'");
  id.social2 = num("SELECT id FROM app_user WHERE username='social2'");
});

after(async () => {
  await srv?.stop();
});

// The ids used twice in a page and the labels whose "for" is no id of it.
function idProblems(html) {
  const seen = new Map();
  for (const m of html.matchAll(/<[a-zA-Z][^>]*?\sid="([^"]*)"/g)) seen.set(m[1], (seen.get(m[1]) || 0) + 1);
  const dup = [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
  const dangling = [...html.matchAll(/<label[^>]*?\sfor="([^"]*)"/g)].map((m) => m[1]).filter((f) => !seen.has(f));
  return { dup, dangling, nId: seen.size };
}

async function checkPages(who, paths) {
  const bad = [];
  let nId = 0;
  for (const path of paths) {
    for (const lang of ['it', 'en']) {
      const r = await request(srv.base, 'GET', path, { token: tok[who], headers: { 'Accept-Language': lang } });
      assert.equal(r.status, 200, `${who} GET ${path}: ${r.status}`);
      const p = idProblems(r.body);
      nId += p.nId;
      if (p.dup.length) bad.push(`${path} (${lang}): duplicate ids ${p.dup.join(', ')}`);
      if (p.dangling.length) bad.push(`${path} (${lang}): labels for no element: ${p.dangling.join(', ')}`);
    }
  }
  assert.ok(nId > paths.length * 10, 'the pages hold ids at all');
  assert.deepEqual(bad, [], `${who}:\n${bad.join('\n')}`);
}

const casePages = (c) => [`/cases/${c}`, `/cases/${c}/register`, `/cases/${c}/requests`,
  `/cases/${c}/project`, `/cases/${c}/project/versions`, `/cases/${c}/evaluation`,
  `/cases/${c}/form/print`, `/cases/${c}/project/print`];

test('the detector finds a duplicate id and a label for nothing', () => {
  const p = idProblems('<div id="a"></div><p id="a"></p><label for="b">B</label><input id="c">');
  assert.deepEqual(p.dup, ['a ×2']);
  assert.deepEqual(p.dangling, ['b']);
});

test("the manager's pages have unique ids", async () => {
  await checkPages('manager', [
    '/my-day', '/people', '/people/new', `/people/${id.person}`, `/people/${id.person}/edit`,
    '/programme', '/programme/host-firms', '/audit', '/emergency-access',
    `/rounds/${id.r2}/shortlist`, `/rounds/${id.r2}/funnel`, `/rounds/${id.r2}/ending`,
    ...casePages(id.open), ...casePages(id.closed), `/cases/${id.open}/form`,
    `/cases/${id.leaver}`, `/cases/${id.leaver}/form`,
    '/courses', `/courses/${id.edition}`,
    ...id.iv.map((i) => `/interventions/${i}`), ...id.ivOpen.map((i) => `/interventions/${i}`),
    '/team-meeting', `/team-meeting?social_worker=${id.social1}`, '/handover',
    `/handover?from=${id.social1}&role=social_worker&to_${id.social2}=1&preview=1`,
    '/caseload/orphans', '/requests',
  ]);
});

test("the case manager's pages have unique ids", async () => {
  await checkPages('cm_a', [
    '/my-day', '/people', `/people/${id.person}`, ...casePages(id.open), ...casePages(id.closed),
    '/courses', `/courses/${id.edition}`, ...id.ivOpen.map((i) => `/interventions/${i}`),
    '/team-meeting', '/requests',
  ]);
});

test("the social worker's pages have unique ids", async () => {
  const c = num(`SELECT id FROM case_file WHERE social_worker_id=${id.social1} ORDER BY id LIMIT 1`);
  await checkPages('social1', [
    '/my-day', '/people', '/team-meeting', '/requests', `/cases/${c}`, `/cases/${c}/register`,
    `/cases/${c}/requests`, `/cases/${c}/form`,
  ]);
});
