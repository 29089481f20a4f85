// web_project.test.mjs — the second half of intake in the web UI
// (src/web/page_project.c, page_project_forms.c): assigning a
// cooperative's case manager, second interviews, and the Personalised
// Individual Project of one family from draft to agreed and revised —
// the pilot's case: the internship planned for the father moves to his
// adult daughter.  Checks the illegal steps (a project before a second
// interview, an objective for someone outside the household: 409 with
// the reason, nothing written), validation (422, the message next to the
// field, the values kept), planning warnings, that every change of an
// agreed project needs a reason and makes a version, the versions page
// with its diff, and the audit trail.  The case is brought to the first
// interview through the intake's own routes.  Runs on SQLite and
// PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, addUser, ali } from './server.mjs';
import { sql } from './access_fixture.mjs';

let srv;
const tok = {};
const id = {};
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const EN = { 'Accept-Language': 'en' };

// Dates relative to today (UTC), so that "not in the future" holds.
function day(offset) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}
const TODAY = day(0);
const ROUND_END = day(120);

function get(path, who = 'cm') {
  return request(srv.base, 'GET', path, { token: tok[who], headers: EN });
}

function post(path, fields, who = 'cm') {
  const raw = new URLSearchParams(fields).toString();
  return request(srv.base, 'POST', path, { raw, token: tok[who], headers: { ...FORM, ...EN } });
}

async function api(method, path, body) {
  const r = await request(srv.base, method, path, { body, token: srv.token });
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.body}`);
  return r.json;
}

// A 303 to the project page; returns the anchor it points to.
function redirected(r, caseId) {
  const i = r.body.indexOf('id="errors"');
  assert.equal(r.status, 303, i >= 0 ? r.body.slice(i, r.body.indexOf('</ul>', i)) : r.body.slice(0, 3000));
  const loc = r.headers.get('location');
  assert.ok(loc.startsWith(`/cases/${caseId}`), `Location ${loc}`);
  return loc;
}

// The message under field `name` of the form with key `key`, or null.
function fieldError(html, key, name) {
  const m = new RegExp(`<div class="invalid-feedback d-block" id="e-${key}-${name}">([^<]*)</div>`).exec(html);
  return m ? m[1] : null;
}

// The ids of the table rows "kind-N" on the project page, in order.
function rowIds(html, kind) {
  return [...html.matchAll(new RegExp(`<tr id="${kind}-(\\d+)"`, 'g'))].map((m) => Number(m[1]));
}

// One table row (tr) of the project page, by its id.
function row(html, rowId) {
  const i = html.indexOf(`<tr id="${rowId}"`);
  assert.ok(i >= 0, `row ${rowId}`);
  return html.slice(i, html.indexOf('</tr>', i) + 5);
}

const person = (p) => ({ gender: 'M', birth_country: 'IT', citizenship: 'IT', municipality: 'Pisa', ...p });

before(async () => {
  srv = await startServer();
  tok.mgr = srv.token;
  sql(srv.db, `INSERT INTO organisation(agency_id, code, name, kind)
                 SELECT id, 'coop1', 'Cooperativa Il Ponte', 'cooperative' FROM agency;
               INSERT INTO organisation(agency_id, code, name, kind)
                 SELECT id, 'firm1', 'Officine Arno', 'host_firm' FROM agency;`);
  tok.sw = addUser(srv.db, 'sw', ['social_worker'], { name: 'Silvia Bartoli' });
  tok.cm = addUser(srv.db, 'cm', ['case_manager'], { org: 'coop1', name: 'Carla Neri' });
  tok.op = addUser(srv.db, 'op', ['operator'], { org: 'coop1', name: 'Otello Parenti' });
  for (const u of ['cm', 'op']) id[u] = Number(sql(srv.db, `SELECT id FROM app_user WHERE username='${u}'`).trim());
  id.coop = Number(sql(srv.db, "SELECT id FROM organisation WHERE code='coop1'").trim());
  id.firm = Number(sql(srv.db, "SELECT id FROM organisation WHERE code='firm1'").trim());
  // the family of the pilot's story, and a neighbour of another household
  id.father = (await api('POST', '/api/v1/people', person({ person_ref: 'P-GR', household_ref: 'H-ROSSI',
    first_name: 'Giorgio', last_name: 'Rossi', birth_date: '1968-04-02', minimum_income: true }))).id;
  id.daughter = (await api('POST', '/api/v1/people', person({ person_ref: 'P-SR', household_ref: 'H-ROSSI',
    relationship: 'child', first_name: 'Sara', last_name: 'Rossi', gender: 'F', birth_date: '2001-09-15' }))).id;
  id.outsider = (await api('POST', '/api/v1/people', person({ person_ref: 'P-LB', household_ref: 'H-BIANCHI',
    first_name: 'Luca', last_name: 'Bianchi', birth_date: '1975-01-20' }))).id;
  id.round = (await api('POST', '/api/v1/rounds', { code: 'R1', name: 'Prima edizione', start_date: day(-60),
    end_date: ROUND_END, services: ['internship', 'haccp', 'safety'] })).id;
  await api('POST', '/api/v1/funding-streams', { code: 'fondo', name: 'Fondo Povertà', allocation_cents: 10000000 });
  await api('POST', '/api/v1/funding-streams', { code: 'pon', name: 'PON Inclusione', allocation_cents: 5000000 });
});
after(async () => { await srv?.stop(); });

// The father's candidacy up to the first interview's outcome "continue",
// through the intake's own routes (shortlist, form, outcome).
async function toFirstInterview() {
  let r = await post(`/rounds/${id.round}/shortlist`, { person_id: id.father, funding_stream: 'fondo',
    social_worker: 'sw', shortlisted_on: day(-30) }, 'mgr');
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  id.case = Number(sql(srv.db, `SELECT id FROM case_file WHERE person_id=${id.father}`).trim());
  r = await post(`/cases/${id.case}/form`, [['interview_on', day(-20)], ['privacy_notice', '1'],
    ['privacy_signed_on', day(-20)], ['vulnerabilities', 'unemployment'], ['vulnerabilities', 'low_skills'],
    ['decision', 'suitable']], 'sw');
  assert.equal(r.status, 303, r.body.slice(0, 3000));
  r = await post(`/cases/${id.case}/outcome`, { outcome: 'continue', outcome_on: day(-20) }, 'sw');
  assert.equal(r.status, 303, r.body.slice(0, 2000));
}

test('the case manager is assigned and holds second interviews', async () => {
  await toFirstInterview();
  const c = id.case;
  // no project before a second interview
  let r = await post(`/cases/${c}/project`, {}, 'mgr');
  assert.equal(r.status, 409, r.body.slice(0, 2000));
  assert.match(r.body, /id="conflict"/);
  assert.equal(sql(srv.db, `SELECT count(*) FROM project WHERE case_id=${c}`).trim(), '0');
  // the case page offers the manager the cooperative's case managers
  r = await get(`/cases/${c}`, 'mgr');
  assert.equal(r.status, 200);
  assert.match(r.body, /id="project-actions"/);
  assert.match(r.body, new RegExp(`<option value="${id.cm}">Cooperativa Il Ponte — Carla Neri</option>`));
  assert.doesNotMatch(r.body, new RegExp(`<option value="${id.op}">`), 'an operator is no case manager');
  // a second interview needs a case manager; only the manager assigns
  r = await post(`/cases/${c}/interviews`, { held_on: TODAY }, 'mgr');
  assert.equal(r.status, 409, r.body.slice(0, 2000));
  r = await post(`/cases/${c}/assign`, { case_manager_id: id.cm }, 'cm');
  assert.equal(r.status, 403);
  r = await post(`/cases/${c}/assign`, { case_manager_id: '' }, 'mgr');
  assert.equal(r.status, 422);
  assert.ok(fieldError(r.body, 'assign', 'case_manager_id'));
  r = await post(`/cases/${c}/assign`, { case_manager_id: id.op }, 'mgr');
  assert.equal(r.status, 422, 'an operator cannot be the case manager');
  r = await post(`/cases/${c}/assign`, { case_manager_id: id.cm }, 'mgr');
  assert.equal(redirected(r, c), `/cases/${c}#case-manager`);
  // the case manager now follows the case: a bad date comes back with the notes kept
  r = await post(`/cases/${c}/interviews`, { held_on: '2026-02-30', notes: 'Colloquio con il padre' });
  assert.equal(r.status, 422, r.body.slice(0, 2000));
  assert.ok(fieldError(r.body, 'interview', 'held_on'));
  assert.match(r.body, /Colloquio con il padre<\/textarea>/);
  r = await post(`/cases/${c}/interviews`, { held_on: TODAY, notes: 'Colloquio con il padre e la figlia' });
  assert.equal(redirected(r, c), `/cases/${c}#second-interviews`);
  r = await get(`/cases/${c}`);
  assert.match(r.body, /id="interview-table"/);
  assert.match(r.body, /Colloquio con il padre e la figlia/);
  assert.match(r.body, /id="project-create-form"/);
  // the audit trail has the assignment and the interview
  const trail = ali(['audit', 'list', '--db', srv.db, '--person', String(id.father), '--limit', '50']);
  assert.match(trail.stdout, /assign/);
  assert.match(trail.stdout, /second_interview/);
});

test('the project: objectives, interventions, warnings, agreement', async () => {
  const c = id.case;
  const base = `/cases/${c}/project`;
  let r = await get(base, 'sw');
  assert.equal(r.status, 200);
  assert.match(r.body, /id="no-project"/);
  assert.doesNotMatch(r.body, /project-create-form/, 'the social worker does not plan');
  r = await post(base, {});
  assert.equal(redirected(r, c), base);
  r = await post(base, {});
  assert.equal(r.status, 409, 'one project per case');

  // an objective for someone outside the household: refused, nothing written
  r = await post(`${base}/objectives`, { text: 'Trovare lavoro al vicino', person_id: id.outsider });
  assert.ok([409, 422].includes(r.status), `${r.status}`);
  assert.match(r.body, /household/i);
  assert.equal(sql(srv.db, 'SELECT count(*) FROM project_objective').trim(), '0');
  // a missing text: the message next to the field, the other values kept
  r = await post(`${base}/objectives`, { text: '', person_id: id.father, indicator: 'Contratto firmato' });
  assert.equal(r.status, 422);
  assert.ok(fieldError(r.body, 'objective-new', 'text'));
  assert.match(r.body, /Contratto firmato<\/textarea>/);

  for (const [who, text] of [[id.father, 'Rientrare nel mondo del lavoro'], [id.father, 'Rinnovare le competenze'],
    [id.daughter, 'Concludere la formazione']]) {
    r = await post(`${base}/objectives`, { text, person_id: who, indicator: 'Verifica a fine percorso', target_on: day(100) });
    assert.match(redirected(r, c), /#objective-\d+$/);
  }
  // the member select offers exactly the household
  r = await get(base);
  assert.match(r.body, new RegExp(`<option value="${id.daughter}"[^>]*>Sara Rossi</option>`));
  assert.doesNotMatch(r.body, new RegExp(`<option value="${id.outsider}"`));
  // the service select marks what the round does not offer
  assert.match(r.body, /<option value="forklift">[^<]*\(not offered in this round\)<\/option>/);
  assert.match(r.body, /<option value="internship">[^<(]*<\/option>/);

  // interventions: a cost that is not an amount comes back as typed
  const internship = { service: 'internship', person_id: id.father, organisation_id: id.coop, operator_id: id.op,
    planned_start: day(7), planned_end: day(90), planned_hours: '320', planned_sessions: '', estimated_cost: '12,345,6',
    funding_stream: 'fondo' };
  r = await post(`${base}/interventions`, internship);
  assert.equal(r.status, 422);
  assert.ok(fieldError(r.body, 'intervention-new', 'estimated_cost'));
  assert.match(r.body, /value="12,345,6"/);
  r = await post(`${base}/interventions`, { ...internship, estimated_cost: '1.234,56' });
  id.internship = Number(/#intervention-(\d+)$/.exec(redirected(r, c))[1]);
  r = await post(`${base}/interventions`, { service: 'haccp', person_id: id.daughter, organisation_id: id.coop,
    planned_start: day(30), planned_end: day(200), planned_sessions: '12', estimated_cost: '450.00', funding_stream: 'pon' });
  id.course = Number(/#intervention-(\d+)$/.exec(redirected(r, c))[1]);
  r = await post(`${base}/interventions`, { service: 'forklift', person_id: id.father, planned_start: day(10),
    planned_end: day(40), estimated_cost: '300' });
  id.forklift = Number(/#intervention-(\d+)$/.exec(redirected(r, c))[1]);
  // a recipient outside the household is refused too
  r = await post(`${base}/interventions`, { service: 'safety', person_id: id.outsider });
  assert.ok([409, 422].includes(r.status), `${r.status}`);
  assert.equal(sql(srv.db, `SELECT count(*) FROM intervention WHERE person_id=${id.outsider}`).trim(), '0');

  r = await get(base);
  assert.equal(r.status, 200);
  assert.deepEqual(rowIds(r.body, 'intervention'), [id.internship, id.course, id.forklift]);
  assert.match(r.body, /€1,234.56/, 'the cost in euros');
  // warnings: the course ends after the round, the round does not offer forklift
  assert.match(r.body, /id="warnings"/);
  assert.match(r.body, new RegExp(`<li class="warning-beyond_round_end"><a href="#intervention-${id.course}">`));
  assert.match(r.body, new RegExp(`<li class="warning-service_not_active"><a href="#intervention-${id.forklift}">`));
  assert.doesNotMatch(r.body, new RegExp(`href="#intervention-${id.internship}"`));
  // the stream select defaults to the case's stream on the add form
  const addForm = r.body.slice(r.body.indexOf(`action="${base}/interventions"`));
  assert.match(addForm, /<option value="fondo" selected>/);
  // the Italian page is the default
  const it = await request(srv.base, 'GET', base, { token: tok.cm });
  assert.match(it.body, /<html lang="it">/);

  // remove the forklift (a draft: no reason needed), set the commitments
  r = await post(`${base}/interventions/${id.forklift}/delete`, {});
  assert.equal(redirected(r, c), `${base}#interventions`);
  r = await post(`${base}/commitments`, { commitments: 'Partecipare ai colloqui mensili' });
  assert.equal(redirected(r, c), `${base}#commitments`);
  // an item of another project, or none, is not found
  r = await post(`${base}/interventions/99999999`, { ...internship, estimated_cost: "100" });
  assert.equal(r.status, 404);

  // the participant agrees
  r = await get(base);
  assert.match(r.body, /id="form-agree"|action="[^"]*\/project\/agree"/);
  r = await post(`${base}/agree`, { agreed_on: '' });
  assert.equal(r.status, 422);
  assert.ok(fieldError(r.body, 'agree', 'agreed_on'));
  r = await post(`${base}/agree`, { agreed_on: TODAY });
  assert.equal(redirected(r, c), base);
  r = await get(base);
  assert.match(r.body, /id="project-state">Agreed</);
  assert.match(r.body, /id="project-version">version 1</);
  assert.match(r.body, /id="version-note"/);
  assert.doesNotMatch(r.body, /\/project\/agree"/, 'no agreement form once agreed');
  assert.match(r.body, /name="reason"/);
  assert.equal(sql(srv.db, `SELECT stage FROM case_file WHERE id=${c}`).trim(), 'agreed');
});

test('an agreed project changes only with a reason, and each change is a version', async () => {
  const c = id.case;
  const base = `/cases/${c}/project`;
  const move = { service: 'internship', person_id: id.daughter, organisation_id: id.coop, operator_id: id.op,
    planned_start: day(7), planned_end: day(90), planned_hours: '320', estimated_cost: '€1,234.56', funding_stream: 'fondo' };
  // without a reason: 422 with the message at the reason, nothing changed
  let r = await post(`${base}/interventions/${id.internship}`, move);
  assert.equal(r.status, 422, r.body.slice(0, 2000));
  assert.ok(fieldError(r.body, `intervention-${id.internship}`, 'reason'));
  assert.match(r.body, new RegExp(`<details class="mb-2" open>`), 'the edit form is open');
  assert.equal(sql(srv.db, `SELECT person_id FROM intervention WHERE id=${id.internship}`).trim(), String(id.father));
  assert.equal(sql(srv.db, 'SELECT count(*) FROM project_version').trim(), '1');
  // a removal needs one too
  r = await post(`${base}/objectives/${(await objectiveIds(base))[1]}/delete`, {});
  assert.equal(r.status, 422);
  // with a reason: version 2
  const reason = 'Il padre ha trovato lavoro; il tirocinio passa alla figlia maggiorenne';
  r = await post(`${base}/interventions/${id.internship}`, { ...move, reason });
  assert.equal(redirected(r, c), `${base}#intervention-${id.internship}`);
  r = await get(base);
  assert.match(r.body, /id="project-version">version 2</);
  assert.match(row(r.body, `intervention-${id.internship}`), /<td>Sara Rossi<\/td>/);
  // a removal with its reason: version 3
  const [, second] = await objectiveIds(base);
  r = await post(`${base}/objectives/${second}/delete`, { reason: 'Obiettivo assorbito dal tirocinio della figlia' });
  assert.equal(redirected(r, c), `${base}#objectives`);

  // the versions page: newest first, each with its reason and diff
  r = await get(`${base}/versions`, 'sw');
  assert.equal(r.status, 200);
  const at = (v) => r.body.indexOf(`id="version-${v}"`);
  assert.ok(at(3) >= 0 && at(3) < at(2) && at(2) < at(1), 'newest first');
  const v2 = r.body.slice(at(2), at(1));
  assert.ok(v2.includes(reason), 'the reason of version 2');
  assert.match(v2, /(Giorgio Rossi|Rossi Giorgio)<\/td><td class="ali-note">(Sara Rossi|Rossi Sara)<\/td>/,
    'before: the father, after: the daughter');
  assert.match(r.body.slice(at(3), at(2)), /diff-removed/);
  assert.match(r.body.slice(at(1)), /diff-added/);
  assert.ok(r.body.includes('Carla Neri'), 'the author');

  // the audit trail: the change with its reason
  const trail = ali(['audit', 'list', '--db', srv.db, '--person', String(id.father), '--action', 'update', '--limit', '20']);
  assert.equal(trail.status, 0, trail.stderr);
  assert.match(trail.stdout, /intervention/);
  assert.ok(trail.stdout.includes('tirocinio passa alla figlia'), trail.stdout);
});

test('who may see and change the project', async () => {
  const c = id.case;
  // the social worker holding the case reads it, without controls, and may not change it
  let r = await get(`/cases/${c}/project`, 'sw');
  assert.equal(r.status, 200);
  assert.match(r.body, /id="objective-table"/);
  assert.doesNotMatch(r.body, /<form method="post" action="\/cases\/\d+\/project\//);
  r = await post(`/cases/${c}/project/objectives`, { text: 'x', person_id: id.father }, 'sw');
  assert.equal(r.status, 403);
  // the operator has no business with the case: as if it did not exist
  r = await get(`/cases/${c}/project`, 'op');
  const unknown = await get('/cases/99999999/project', 'op');
  assert.equal(r.status, 404);
  assert.equal(unknown.status, 404);
  assert.equal(r.body.replace(/\d+/g, '#'), unknown.body.replace(/\d+/g, '#'));
  assert.ok(!r.body.includes('Rossi'));
});

// The ids of the objectives on the project page, in order.
async function objectiveIds(base) {
  const r = await get(base);
  return rowIds(r.body, 'objective');
}
