// courses.test.mjs — training courses through the API and the pages
// (src/api/api_course.c, src/web/page_course.c): an edition set up by a
// case manager, the interventions of an agreed project enrolled with a
// waiting list filled in order when a seat frees, the edition's start
// moving the enrolled interventions to active, the register of
// attendance kept by the trainer (another operator and the case manager
// refused), completion with a certificate completing the intervention,
// illegal enrolments answered 409/422 with nothing written, and who sees
// the participants' names.  Runs on SQLite and PostgreSQL (ALI_TEST_BACKEND).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, addUser } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { deliveredMinutes, deliveredMismatches } from './delivered.mjs';

let srv, tok, ids, edition;

const userId = (name) => Number(sql(srv.db, `SELECT id FROM app_user WHERE username='${name}'`).trim());
const one = (q) => sql(srv.db, q).trim();
const count = (table, where) => Number(one(`SELECT count(*) FROM ${table} WHERE ${where}`));
const ivStatus = (id) => one(`SELECT status FROM intervention WHERE id=${id}`);

async function api(method, path, { body, token = tok.cm_a } = {}) {
  return request(srv.base, method, path, { body, token });
}
async function ok(r, status = 200) {
  assert.equal(r.status, status, r.body);
  return r.json;
}
function assertError(r, status, field) {
  assert.equal(r.status, status, r.body);
  assert.ok(r.json?.error?.message, r.body);
  if (field) assert.ok(r.json.error.fields?.[field], `fields.${field} in ${r.body}`);
}

// An agreed project for the ROSSI mother with HACCP interventions for
// her and her three children (ids.iv[0..3]) and an internship (ids.intern).
async function agreedProject() {
  const mgr = { token: srv.token };
  const round = await ok(await api('POST', '/api/v1/rounds', { body: { code: 'R1', name: 'Edizione 1',
    start_date: '2026-01-01', end_date: '2027-06-30' }, ...mgr }), 201);
  await ok(await api('POST', '/api/v1/funding-streams', { body: { code: 'fs', name: 'Fondo', allocation_cents: 10000000 }, ...mgr }), 201);
  const fam = { household_ref: 'H-ROSSI', last_name: 'Rossi', municipality: 'Pisa' };
  const people = [];
  for (const [ref, first, rel, birth] of [['P1', 'Anna', 'reference', '1982-04-02'], ['P2', 'Giulia', 'child', '2004-09-12'],
    ['P3', 'Luca', 'child', '2006-05-20'], ['P4', 'Sofia', 'child', '2007-11-03']]) {
    people.push((await ok(await api('POST', '/api/v1/people', { body: { ...fam, person_ref: ref, first_name: first,
      relationship: rel, birth_date: birth }, ...mgr }), 201)).id);
  }
  const c = (await ok(await api('POST', `/api/v1/rounds/${round.id}/candidates`, { body: { person_id: people[0],
    funding_stream: 'fs', social_worker: 'sw1', shortlisted_on: '2026-02-02' }, token: tok.sw1 }), 201)).id;
  const areas = ['personal', 'family', 'economic', 'education', 'training', 'communication', 'italian', 'digital',
    'contracts', 'transversal', 'mobility'];
  await ok(await api('PUT', `/api/v1/cases/${c}/access-form`, { body: { interview_on: '2026-02-10',
    vulnerabilities: ['unemployment'], scores: Object.fromEntries(areas.map((a) => [a, { score: 2 }])), decision: 'suitable' }, token: tok.sw1 }));
  await ok(await api('POST', `/api/v1/cases/${c}/first-interview-outcome`, { body: { outcome: 'continue', on: '2026-02-10' }, token: tok.sw1 }));
  await ok(await api('PUT', `/api/v1/cases/${c}/case-manager`, { body: { organisation_id: ids.coop, case_manager_id: userId('cm_a') }, ...mgr }));
  await ok(await api('POST', `/api/v1/cases/${c}/second-interviews`, { body: { held_on: '2026-02-20' } }), 201);
  const url = `/api/v1/cases/${c}/project`;
  await ok(await api('POST', url), 201);
  await ok(await api('POST', `${url}/objectives`, { body: { person_id: people[0], text: 'Un attestato HACCP' } }), 201);
  ids.iv = [];
  for (const p of people) {
    ids.iv.push((await ok(await api('POST', `${url}/interventions`, { body: { service: 'haccp', person_id: p, planned_hours: 40 } }), 201)).id);
  }
  ids.intern = (await ok(await api('POST', `${url}/interventions`, { body: { service: 'internship', person_id: people[0] } }), 201)).id;
  ids.draftIv = ids.iv[0];
  await ok(await api('POST', `${url}/agreement`, { body: { agreed_on: '2026-02-25' } }));
  ids.people = people;
}

before(async () => {
  srv = await startServer();
  sql(srv.db, `INSERT INTO organisation(agency_id, code, name, kind) SELECT id, 'coop_a', 'Cooperativa A', 'cooperative' FROM agency;
               INSERT INTO organisation(agency_id, code, name, kind) SELECT id, 'coop_b', 'Cooperativa B', 'cooperative' FROM agency;`);
  tok = {
    sw1: addUser(srv.db, 'sw1', ['social_worker']),
    cm_a: addUser(srv.db, 'cm_a', ['case_manager'], { org: 'coop_a' }),
    cm_b: addUser(srv.db, 'cm_b', ['case_manager'], { org: 'coop_b' }),
    trainer: addUser(srv.db, 'trainer', ['operator'], { org: 'coop_a', name: 'Tina Trainer' }),
    op2: addUser(srv.db, 'op2', ['operator'], { org: 'coop_a' }),
  };
  ids = { coop: Number(one("SELECT id FROM organisation WHERE code='coop_a'")) };
  await agreedProject();
});
after(async () => { await srv?.stop(); });

const enrolmentOf = (ed, iv) => ed.enrolments.find((e) => e.intervention_id === iv);

test('an edition is set up by a case manager, validated, nothing written on errors', async () => {
  const base = { service: 'haccp', code: 'HACCP-1', title: 'HACCP autunno', starts_on: '2026-09-01',
    ends_on: '2026-10-31', seats: 2, trainer_id: userId('trainer'), organisation_id: ids.coop, place: 'Via Roma 1' };
  assertError(await api('POST', '/api/v1/course-editions', { body: { ...base, ends_on: '2026-08-01' } }), 422, 'ends_on');
  assertError(await api('POST', '/api/v1/course-editions', { body: { ...base, colour: 'red' } }), 422, 'colour');
  assertError(await api('POST', '/api/v1/course-editions', { body: { ...base, service: 'internship' } }), 422, 'service');
  assertError(await api('POST', '/api/v1/course-editions', { body: { ...base, trainer_id: userId('cm_b') } }), 422, 'trainer_id');
  assert.equal(count('course_edition', '1=1'), 0);
  assert.equal((await api('POST', '/api/v1/course-editions', { body: base, token: tok.trainer })).status, 403);
  const r = await api('POST', '/api/v1/course-editions', { body: base });
  edition = await ok(r, 201);
  assert.equal(r.headers.get('location'), `/api/v1/course-editions/${edition.id}`);
  assert.equal(edition.status, 'planned');
  assert.equal(edition.seats_taken, 0);
  assertError(await api('POST', '/api/v1/course-editions', { body: base }), 422, 'code');
  const list = await ok(await api('GET', '/api/v1/course-editions', { token: tok.trainer }));
  assert.deepEqual(list.items.map((e) => e.id), [edition.id]);
});

test('illegal enrolments: 409 or 422, nothing written', async () => {
  const url = `/api/v1/course-editions/${edition.id}/enrolments`;
  assertError(await api('POST', url, { body: { intervention_id: ids.intern } }), 409, 'intervention_id');
  assertError(await api('POST', url, { body: { intervention_id: 999999 } }), 422, 'intervention_id');
  assertError(await api('POST', url, { body: { intervention_id: 'one' } }), 422, 'intervention_id');
  assertError(await api('POST', url, { body: {} }), 422, 'intervention_id');
  // another cooperative's case manager may not enrol this case's intervention
  assertError(await api('POST', url, { body: { intervention_id: ids.iv[0] }, token: tok.cm_b }), 422, 'intervention_id');
  assert.equal(count('enrolment', '1=1'), 0);
  await ok(await api('POST', url, { body: { intervention_id: ids.iv[0] } }), 201);
  assertError(await api('POST', url, { body: { intervention_id: ids.iv[0] } }), 409, 'intervention_id');
  assert.equal(count('enrolment', '1=1'), 1);
});

test('the waiting list is filled in order when a seat frees', async () => {
  const url = `/api/v1/course-editions/${edition.id}/enrolments`;
  let ed;
  for (const iv of ids.iv.slice(1)) ed = await ok(await api('POST', url, { body: { intervention_id: iv } }), 201);
  assert.equal(enrolmentOf(ed, ids.iv[1]).status, 'enrolled');
  assert.deepEqual([2, 3].map((i) => [enrolmentOf(ed, ids.iv[i]).status, enrolmentOf(ed, ids.iv[i]).position]),
    [['waiting', 1], ['waiting', 2]]);
  assert.equal(ed.seats_taken, 2);
  assert.equal(ed.waiting, 2);
  // the first participant withdraws: the first waiting takes the seat
  const first = enrolmentOf(ed, ids.iv[0]);
  assertError(await api('PATCH', `${url}/${first.id}`, { body: { action: 'withdraw', reason: 'short' } }), 422, 'reason');
  ed = await ok(await api('PATCH', `${url}/${first.id}`, { body: { action: 'withdraw', reason: 'ha trovato un lavoro a tempo pieno' } }));
  assert.equal(enrolmentOf(ed, ids.iv[0]).status, 'withdrawn');
  assert.equal(ivStatus(ids.iv[0]), 'cancelled');
  assert.equal(enrolmentOf(ed, ids.iv[2]).status, 'enrolled');
  assert.equal(enrolmentOf(ed, ids.iv[3]).position, 1);
  // the seats raised: the last waiting is enrolled
  ed = await ok(await api('PATCH', `/api/v1/course-editions/${edition.id}`, { body: { seats: 3 } }));
  assert.equal(enrolmentOf(ed, ids.iv[3]).status, 'enrolled');
  assert.equal(ed.waiting, 0);
  assertError(await api('PATCH', `/api/v1/course-editions/${edition.id}`, { body: { seats: 1 } }), 409, 'seats');
});

test('the start activates the enrolled interventions; the trainer keeps the register', async () => {
  const edUrl = `/api/v1/course-editions/${edition.id}`;
  let ed = await ok(await api('PATCH', edUrl, { body: { action: 'start', on: '2026-09-01' } }));
  assert.equal(ed.status, 'running');
  for (const i of [1, 2, 3]) assert.equal(ivStatus(ids.iv[i]), 'active');
  ed = await ok(await api('POST', `${edUrl}/sessions`, { body: { on_date: '2026-09-01', minutes: 240, topic: 'Pericoli' }, token: tok.trainer }), 201);
  assertError(await api('POST', `${edUrl}/sessions`, { body: { on_date: '2026-12-01', minutes: 240 }, token: tok.trainer }), 422, 'on_date');
  assert.equal((await api('POST', `${edUrl}/sessions`, { body: { on_date: '2026-09-02', minutes: 60 }, token: tok.op2 })).status, 403);
  const session = ed.sessions[0].id;
  const present = [enrolmentOf(ed, ids.iv[1]).id, enrolmentOf(ed, ids.iv[2]).id];
  const attUrl = `${edUrl}/sessions/${session}/attendance`;
  // a non-trainer is refused: another operator, the case manager
  assert.equal((await api('PUT', attUrl, { body: { present }, token: tok.op2 })).status, 403);
  assert.equal((await api('PUT', attUrl, { body: { present }, token: tok.cm_a })).status, 403);
  // a withdrawn participant cannot be marked present
  assertError(await api('PUT', attUrl, { body: { present: [enrolmentOf(ed, ids.iv[0]).id] }, token: tok.trainer }), 422, 'present');
  assertError(await api('PUT', attUrl, { body: { present, extra: 1 }, token: tok.trainer }), 422, 'extra');
  assert.equal(count('course_attendance', `session_id=${session}`), 0);
  ed = await ok(await api('PUT', attUrl, { body: { present }, token: tok.trainer }));
  assert.deepEqual(ed.sessions[0].present.sort(), [...present].sort());
  assert.equal(count('course_attendance', `session_id=${session} AND present=0`), 1);
  // the page's register: one form per session, posted by the trainer
  const r = await request(srv.base, 'POST', `/courses/${edition.id}/sessions/${session}/attendance`,
    { raw: `present=${present[0]}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, token: tok.trainer });
  assert.equal(r.status, 303, r.body);
  assert.equal(count('course_attendance', `session_id=${session} AND present=1`), 1);
  // the time delivered follows the register as it is marked again
  assert.equal(deliveredMinutes(srv.db, ids.iv[1]), 240);
  assert.equal(deliveredMinutes(srv.db, ids.iv[2]), 0);
  assert.deepEqual(deliveredMismatches(srv.db), []);
});

test('completion with a certificate completes the intervention', async () => {
  const edUrl = `/api/v1/course-editions/${edition.id}`;
  let ed = await ok(await api('GET', edUrl, { token: tok.trainer }));
  const e = enrolmentOf(ed, ids.iv[1]);
  const url = `${edUrl}/enrolments/${e.id}`;
  assertError(await api('PATCH', url, { body: { action: 'complete', on: '2026-10-30', certificate_number: 'H-17' }, token: tok.trainer }), 422, 'certificate_on');
  assert.equal(ivStatus(ids.iv[1]), 'active');
  // another operator may not complete
  assert.equal((await api('PATCH', url, { body: { action: 'complete' }, token: tok.op2 })).status, 403);
  // nor may the trainer withdraw
  assert.equal((await api('PATCH', url, { body: { action: 'withdraw', reason: 'non frequenta più il corso' }, token: tok.trainer })).status, 403);
  ed = await ok(await api('PATCH', url, { body: { action: 'complete', on: '2026-10-30', certificate_number: 'HACCP-2026-0017',
    certificate_on: '2026-10-31' }, token: tok.trainer }));
  const done = enrolmentOf(ed, ids.iv[1]);
  assert.equal(done.status, 'completed');
  assert.equal(done.certificate_number, 'HACCP-2026-0017');
  assert.equal(done.certificate_on, '2026-10-31');
  assert.equal(ivStatus(ids.iv[1]), 'completed');
  assert.ok(count('audit', `entity='enrolment' AND entity_id=${e.id}`) >= 1, 'audited');
});

test('who sees the participants: trainer, manager, the case manager of the case', async () => {
  const names = ['Giulia', 'Luca', 'Sofia'];
  for (const [who, seen] of [['trainer', true], ['cm_a', true], ['mgr', true], ['cm_b', false], ['op2', false]]) {
    const token = who === 'mgr' ? srv.token : tok[who];
    const page = await request(srv.base, 'GET', `/courses/${edition.id}`, { token });
    assert.equal(page.status, 200, `${who}: ${page.body.slice(0, 200)}`);
    assert.equal(names.every((n) => page.body.includes(n)), seen, `${who} sees names: ${seen}`);
    const seats = /id="edition-seats">([^<]*)</.exec(page.body)[1].replace(/&#\d+;/g, ' ');
    assert.deepEqual(seats.match(/\d+/g), ['3', '3', '0'], `${who} sees the counts`);
    const ed = await ok(await api('GET', `/api/v1/course-editions/${edition.id}`, { token }));
    assert.equal(ed.enrolments.every((e) => (e.person_name !== null) === seen), true, `${who} API names`);
  }
  // the project page links its training interventions to the edition
  const caseId = one(`SELECT case_id FROM project`);
  const proj = await request(srv.base, 'GET', `/cases/${caseId}/project`, { token: tok.cm_a });
  assert.equal(proj.status, 200);
  assert.ok(proj.body.includes(`href="/courses/${edition.id}"`), 'the project links the edition');
  const list = await request(srv.base, 'GET', `/courses?intervention=${ids.iv[0]}`, { token: tok.cm_a });
  assert.equal(list.status, 200);
  assert.ok(list.body.includes(`/courses/${edition.id}`));
});
