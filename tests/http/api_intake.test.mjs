// api_intake.test.mjs — the intake workflow through the JSON API
// (src/api/api_case.c, src/api/api_project.c): one family from the
// shortlist to an agreed, revised project, and every illegal transition,
// each answered 409 or 422 with a message and leaving the data as it was
// (checked by reading it back).  Acts as the real roles: the social
// worker sw1 shortlists and runs the first interview, the manager (the
// server's "tester") assigns the case manager, cm_a of coop_a plans.
// Runs on SQLite and PostgreSQL (ALI_TEST_BACKEND).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, addUser, ali } from './server.mjs';
import { sql } from './access_fixture.mjs';

let srv, tok, ids, doc;

// ---- every answer is checked against the OpenAPI document ----

const deref = (node) => {
  while (node?.$ref) node = node.$ref.slice(2).split('/').reduce((o, k) => o?.[k], doc);
  return node;
};
const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

// The differences between v and schema s (the subset of JSON Schema the
// document uses), as "path: what" strings.
function check(v, s, at, out) {
  s = deref(s);
  if (s.type && ![].concat(s.type).includes(typeOf(v)) && !(typeOf(v) === 'integer' && [].concat(s.type).includes('number'))) {
    out.push(`${at}: ${typeOf(v)} is not ${s.type}`);
    return out;
  }
  if (s.enum && !s.enum.includes(v)) out.push(`${at}: ${JSON.stringify(v)} not in enum`);
  if (typeof v === 'number' && s.minimum !== undefined && v < s.minimum) out.push(`${at}: below minimum`);
  if (typeOf(v) === 'object') {
    for (const k of s.required || []) if (!(k in v)) out.push(`${at}: ${k} missing`);
    for (const [k, val] of Object.entries(v)) {
      if (s.properties && k in s.properties) check(val, s.properties[k], `${at}.${k}`, out);
      else if (s.additionalProperties === false) out.push(`${at}: undocumented ${k}`);
      else if (typeof s.additionalProperties === 'object') check(val, s.additionalProperties, `${at}.${k}`, out);
    }
  }
  if (Array.isArray(v) && s.items) v.forEach((e, i) => check(e, s.items, `${at}[${i}]`, out));
  return out;
}

// Asserts that answer r to METHOD path is documented: its status is
// listed for the operation, and its body matches that status's schema.
function assertDocumented(method, path, r) {
  const bare = path.split('?')[0];
  const template = Object.keys(doc.paths).find((t) => new RegExp(`^${t.replace(/\{[a-z_]+\}/g, '\\d+')}$`).test(bare));
  assert.ok(template, `${path} is documented`);
  const op = doc.paths[template][method.toLowerCase()];
  assert.ok(op, `${method} ${template} is documented`);
  const resp = deref(op.responses[String(r.status)]);
  assert.ok(resp, `${method} ${template}: status ${r.status} is documented: ${r.body}`);
  const diffs = check(r.json, resp.content['application/json'].schema, '$', []);
  assert.deepEqual(diffs, [], `${method} ${template} ${r.status} matches its schema`);
}

// A call as user `token` (the social worker by default), checked against
// the document.
async function api(method, path, { body, token = tok.sw1 } = {}) {
  const r = await request(srv.base, method, path, { body, token });
  if (r.status !== 403) assertDocumented(method, path, r);
  return r;
}

// Asserts an error answer: its status, code, a message, and (when given)
// the field it names.
function assertError(r, status, field) {
  assert.equal(r.status, status, r.body);
  assert.ok(r.json?.error?.message, `a message: ${r.body}`);
  assert.equal(r.json.error.code, status === 409 ? 'conflict' : status === 422 ? 'invalid' : r.json.error.code);
  if (field) assert.ok(r.json.error.fields?.[field], `fields.${field} in ${r.body}`);
}

async function createPerson(p) {
  const r = await request(srv.base, 'POST', '/api/v1/people', { body: p, token: srv.token });
  assert.equal(r.status, 201, r.body);
  return r.json.id;
}

async function createRound(code, extra = {}) {
  const r = await request(srv.base, 'POST', '/api/v1/rounds', {
    body: { code, name: `Edizione ${code}`, start_date: '2026-01-01', end_date: '2027-06-30', ...extra }, token: srv.token });
  assert.equal(r.status, 201, r.body);
  return r.json.id;
}

const userId = (name) => Number(sql(srv.db, `SELECT id FROM app_user WHERE username='${name}'`).trim());
const count = (table, where) => Number(sql(srv.db, `SELECT count(*) FROM ${table} WHERE ${where}`).trim());

before(async () => {
  srv = await startServer();
  doc = (await request(srv.base, 'GET', '/api/v1/openapi.json')).json;
  sql(srv.db, `INSERT INTO organisation(agency_id, code, name, kind)
                 SELECT id, 'coop_a', 'Cooperativa A', 'cooperative' FROM agency;
               INSERT INTO organisation(agency_id, code, name, kind)
                 SELECT id, 'serd', 'SerD di zona', 'specialised_service' FROM agency;`);
  tok = {
    mgr: srv.token,
    sw1: addUser(srv.db, 'sw1', ['social_worker'], { name: 'Sara Vanni' }),
    cm_a: addUser(srv.db, 'cm_a', ['case_manager'], { org: 'coop_a', name: 'Carlo Mei' }),
  };
  ids = {
    coop: Number(sql(srv.db, "SELECT id FROM organisation WHERE code='coop_a'").trim()),
    serd: Number(sql(srv.db, "SELECT id FROM organisation WHERE code='serd'").trim()),
    cm_a: userId('cm_a'),
    round: await createRound('R1'),
    small: await createRound('R2', { max_participants: 1 }),
  };
  for (const s of [{ code: 'fs_mi', rule: 'minimum_income' }, { code: 'fs_open' }]) {
    const r = await request(srv.base, 'POST', '/api/v1/funding-streams',
      { body: { name: `Fondo ${s.code}`, allocation_cents: 10000000, ...s }, token: srv.token });
    assert.equal(r.status, 201, r.body);
  }
  const family = { household_ref: 'H-ROSSI', last_name: 'Rossi', municipality: 'Pisa' };
  ids.mother = await createPerson({ ...family, person_ref: 'P-ANNA', first_name: 'Anna', birth_date: '1982-04-02', minimum_income: true });
  ids.daughter = await createPerson({ ...family, person_ref: 'P-GIULIA', first_name: 'Giulia', relationship: 'child', birth_date: '2005-09-12' });
  ids.son = await createPerson({ ...family, person_ref: 'P-LUCA', first_name: 'Luca', relationship: 'child', birth_date: '2014-05-20' });
  ids.girl = await createPerson({ ...family, person_ref: 'P-SOFIA', first_name: 'Sofia', relationship: 'child', birth_date: '2016-11-03' });
  ids.noIncome = await createPerson({ person_ref: 'P-MARCO', household_ref: 'H-NERI', first_name: 'Marco', last_name: 'Neri', birth_date: '1979-01-15', minimum_income: false });
  ids.other = await createPerson({ person_ref: 'P-ELSA', household_ref: 'H-BIANCHI', first_name: 'Elsa', last_name: 'Bianchi', birth_date: '1990-03-03', minimum_income: true });
  ids.third = await createPerson({ person_ref: 'P-IVO', household_ref: 'H-GALLI', first_name: 'Ivo', last_name: 'Galli', birth_date: '1985-07-07', minimum_income: true });
});
after(async () => { await srv?.stop(); });

const shortlist = (round, person, extra = {}) => api('POST', `/api/v1/rounds/${round}/candidates`,
  { body: { person_id: person, funding_stream: 'fs_mi', social_worker: 'sw1', shortlisted_on: '2026-02-02', ...extra } });

// Every employability area scored s, with a descriptor on the first.
const AREAS = ['personal', 'family', 'economic', 'education', 'training', 'communication', 'italian', 'digital',
  'contracts', 'transversal', 'mobility'];
const scores = (s) => Object.fromEntries(AREAS.map((a, i) => [a, { score: s, descriptor: i ? null : 'Colloquio approfondito' }]));

// A shortlisted candidate of round R1 whose first interview ended with
// "continue" (form: decision suitable), for the tests of later steps.
async function candidateAtFirstInterview(person) {
  let r = await shortlist(ids.round, person);
  assert.equal(r.status, 201, r.body);
  const id = r.json.id;
  r = await api('PUT', `/api/v1/cases/${id}/access-form`, { body: { interview_on: '2026-02-10',
    vulnerabilities: ['unemployment', 'care_duties'], scores: scores(2), decision: 'suitable' } });
  assert.equal(r.status, 200, r.body);
  r = await api('POST', `/api/v1/cases/${id}/first-interview-outcome`, { body: { outcome: 'continue', on: '2026-02-10' } });
  assert.equal(r.status, 200, r.body);
  return id;
}

let caseId; // the mother's case, through the whole path

test('shortlist: eligibility, duplicates and the cap', async () => {
  // the stream's rule refuses a person without the minimum income
  let r = await shortlist(ids.round, ids.noIncome);
  assertError(r, 422, 'funding_stream');
  r = await api('GET', `/api/v1/rounds/${ids.round}/candidates`);
  assert.equal(r.json.items.length, 0, 'nothing was written');
  // wrong types and unknown fields name the field, as everywhere in the API
  r = await shortlist(ids.round, 'Anna');
  assertError(r, 422, 'person_id');
  r = await shortlist(ids.round, ids.mother, { favourite_colour: 'blue' });
  assertError(r, 422, 'favourite_colour');
  r = await api('GET', `/api/v1/rounds/${ids.round}/candidates`);
  assert.equal(r.json.items.length, 0, 'nothing was written');
  r = await shortlist(ids.round, ids.mother);
  assert.equal(r.status, 201, r.body);
  caseId = r.json.id;
  assert.equal(r.headers.get('location'), `/api/v1/cases/${caseId}`);
  assert.equal(r.json.stage, 'shortlisted');
  assert.equal(r.json.person_id, ids.mother);
  assert.equal(r.json.funding_stream, 'fs_mi');
  assert.equal(r.json.social_worker.name, 'Sara Vanni');
  assert.equal(r.json.shortlisted_on, '2026-02-02');
  assert.equal(r.json.project_id, null);
  // twice in the same round
  r = await shortlist(ids.round, ids.mother);
  assertError(r, 409);
  assert.equal(count('case_file', `person_id=${ids.mother}`), 1);
  // beyond the round's cap
  r = await shortlist(ids.small, ids.other);
  assert.equal(r.status, 201, r.body);
  r = await shortlist(ids.small, ids.third);
  assertError(r, 409);
  r = await api('GET', `/api/v1/rounds/${ids.small}/candidates`);
  assert.deepEqual(r.json.items.map((c) => c.person_id), [ids.other]);
  // an unknown round
  r = await shortlist(999999, ids.third);
  assert.equal(r.status, 404);
});

test('first interview: nothing before the form, screening and override', async () => {
  // a project before the first interview
  let r = await api('POST', `/api/v1/cases/${caseId}/project`, { token: tok.mgr });
  assertError(r, 409);
  r = await api('GET', `/api/v1/cases/${caseId}/project`, { token: tok.mgr });
  assert.equal(r.status, 404);
  assert.equal(count('project', `case_id=${caseId}`), 0);
  // continue without a form
  r = await api('POST', `/api/v1/cases/${caseId}/first-interview-outcome`, { body: { outcome: 'continue', on: '2026-02-10' } });
  assertError(r, 409);
  r = await api('GET', `/api/v1/cases/${caseId}`);
  assert.equal(r.json.stage, 'shortlisted');
  r = await api('GET', `/api/v1/cases/${caseId}/access-form`);
  assert.equal(r.status, 404, 'no form yet');
  // the form: a suspected addiction makes the rules suggest a referral
  const form = {
    interview_on: '2026-02-10', privacy_notice: true, privacy_signed_on: '2026-02-10',
    vulnerabilities: ['unemployment', 'single_parent', 'suspected_addiction'], scores: scores(2),
    past_work: 'Commessa per sei anni', aspirations: 'Lavorare nella ristorazione', education_isced: 3,
    labour_status: 'unemployed', unemployed_months: 20, services: ['internship', 'haccp'], decision: 'suitable',
  };
  r = await api('PUT', `/api/v1/cases/${caseId}/access-form`, { body: { ...form, scores: { personal: { score: 'two' } } } });
  assertError(r, 422, 'scores.personal');
  r = await api('PUT', `/api/v1/cases/${caseId}/access-form`, { body: { ...form, education_isced: '3' } });
  assertError(r, 422, 'education_isced');
  // overriding the suggestion needs a reason
  r = await api('PUT', `/api/v1/cases/${caseId}/access-form`, { body: form });
  assertError(r, 422, 'override_reason');
  r = await api('GET', `/api/v1/cases/${caseId}/access-form`);
  assert.equal(r.status, 404, 'the refused form was not saved');
  const override = 'Il SerD la segue già da un anno e conferma che può iniziare il percorso';
  // the screening is the server's: a client cannot set it
  r = await api('PUT', `/api/v1/cases/${caseId}/access-form`, { body: { ...form, override_reason: override, screening: 'suitable' } });
  assertError(r, 422, 'screening');
  r = await api('PUT', `/api/v1/cases/${caseId}/access-form`, { body: { ...form, override_reason: override } });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.screening.suggestion, 'refer');
  assert.equal(r.json.screening.referral_kind, 'addiction');
  assert.ok(r.json.screening.reason, 'the rule says why');
  assert.equal(r.json.decision, 'suitable');
  assert.equal(r.json.override_reason, override);
  assert.equal(r.json.scores.personal.score, 2);
  assert.equal(r.json.scores.personal.descriptor, 'Colloquio approfondito');
  assert.deepEqual([...r.json.vulnerabilities].sort(), ['single_parent', 'suspected_addiction', 'unemployment']);
  assert.deepEqual([...r.json.services].sort(), ['haccp', 'internship']);
  assert.equal(r.json.outcome, null);
  assert.ok(!('health' in r.json), 'health is special-category data, not part of the form');
  // the referral to the specialised service
  r = await api('POST', `/api/v1/cases/${caseId}/referrals`, { body: { organisation_id: 'serd', reason: 'Valutazione' } });
  assertError(r, 422, 'organisation_id');
  r = await api('POST', `/api/v1/cases/${caseId}/referrals`, { body: { organisation_id: ids.serd, reason: 'Valutazione della sospetta dipendenza' } });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.organisation_id, ids.serd);
  // continue
  r = await api('POST', `/api/v1/cases/${caseId}/first-interview-outcome`, { body: { outcome: 'maybe', on: '2026-02-10' } });
  assertError(r, 422, 'outcome');
  r = await api('POST', `/api/v1/cases/${caseId}/first-interview-outcome`, { body: { outcome: 'continue', on: '2026-02-10' } });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.stage, 'first_interview');
  assert.equal(r.json.first_interview_on, '2026-02-10');
  assert.equal(r.json.referrals.length, 1);
  // the form is closed now
  r = await api('PUT', `/api/v1/cases/${caseId}/access-form`, { body: { ...form, override_reason: override } });
  assertError(r, 409);
});

test('continue when the decision is not suitable; not_suitable twice', async () => {
  let r = await shortlist(ids.round, ids.other);
  assert.equal(r.status, 201, r.body);
  const id = r.json.id;
  // good scores and only unemployment: the rules say "a job only"
  r = await api('PUT', `/api/v1/cases/${id}/access-form`, { body: { interview_on: '2026-02-11',
    vulnerabilities: ['unemployment'], scores: scores(4), decision: 'job_only' } });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.screening.suggestion, 'job_only');
  r = await api('POST', `/api/v1/cases/${id}/first-interview-outcome`, { body: { outcome: 'continue', on: '2026-02-11' } });
  assertError(r, 409);
  r = await api('GET', `/api/v1/cases/${id}`);
  assert.equal(r.json.stage, 'shortlisted', 'still shortlisted');
  r = await api('POST', `/api/v1/cases/${id}/first-interview-outcome`, { body: { outcome: 'not_suitable', on: '2026-02-11', note: 'Serve un lavoro' } });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.stage, 'not_suitable');
  assert.equal(r.json.exit_on, '2026-02-11');
  r = await api('POST', `/api/v1/cases/${id}/first-interview-outcome`, { body: { outcome: 'not_suitable', on: '2026-02-12' } });
  assertError(r, 409);
  r = await api('GET', `/api/v1/cases/${id}`);
  assert.equal(r.json.exit_on, '2026-02-11', 'the first exit stands');
});

test('a second interview after withdrawal', async () => {
  const id = await candidateAtFirstInterview(ids.third);
  let r = await api('PUT', `/api/v1/cases/${id}/case-manager`, { body: { organisation_id: ids.coop, case_manager_id: ids.cm_a }, token: tok.mgr });
  assert.equal(r.status, 200, r.body);
  r = await api('POST', `/api/v1/cases/${id}/withdrawal`, { body: { on: '2026-02-15', reason: 'bored' } });
  assertError(r, 422, 'reason');
  r = await api('POST', `/api/v1/cases/${id}/withdrawal`, { body: { on: '2026-02-15', reason: 'expected_benefit', note: 'Sperava in un sussidio' } });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.stage, 'withdrew');
  assert.equal(r.json.exit_reason, 'expected_benefit');
  r = await api('POST', `/api/v1/cases/${id}/second-interviews`, { body: { held_on: '2026-02-20' }, token: tok.cm_a });
  assertError(r, 409);
  r = await api('GET', `/api/v1/cases/${id}/second-interviews`, { token: tok.cm_a });
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json.items, []);
  r = await api('POST', `/api/v1/cases/${id}/withdrawal`, { body: { on: '2026-02-16', reason: 'other' } });
  assertError(r, 409);
});

let projectUrl;
const child = (k) => ids[k];

test('assign, second interview, the project and its agreement', async () => {
  // the case manager may not see the case before the assignment
  let r = await api('GET', `/api/v1/cases/${caseId}`, { token: tok.cm_a });
  assert.equal(r.status, 404);
  r = await api('PUT', `/api/v1/cases/${caseId}/case-manager`, { body: { organisation_id: ids.coop, case_manager_id: 'cm_a' }, token: tok.mgr });
  assertError(r, 422, 'case_manager_id');
  r = await api('PUT', `/api/v1/cases/${caseId}/case-manager`, { body: { organisation_id: ids.coop, case_manager_id: ids.cm_a }, token: tok.mgr });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.case_manager.id, ids.cm_a);
  assert.equal(r.json.organisation.id, ids.coop);
  // a project before the second interview
  r = await api('POST', `/api/v1/cases/${caseId}/project`, { token: tok.cm_a });
  assertError(r, 409);
  r = await api('POST', `/api/v1/cases/${caseId}/second-interviews`, { body: { held_on: '2026-02-20', notes: 'Obiettivi con la famiglia' }, token: tok.cm_a });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.held_on, '2026-02-20');
  assert.equal(r.json.case_manager.id, ids.cm_a);
  r = await api('GET', `/api/v1/cases/${caseId}`, { token: tok.cm_a });
  assert.equal(r.json.stage, 'second_interview');
  assert.equal(r.json.second_interviews.length, 1);
  // the social worker holds the case but does not plan it
  r = await api('POST', `/api/v1/cases/${caseId}/project`, { token: tok.sw1 });
  assert.equal(r.status, 403, 'the social worker has no CAP_PROJECT_WRITE');
  r = await api('POST', `/api/v1/cases/${caseId}/project`, { token: tok.cm_a });
  assert.equal(r.status, 201, r.body);
  projectUrl = `/api/v1/cases/${caseId}/project`;
  assert.equal(r.headers.get('location'), projectUrl);
  assert.equal(r.json.state, 'draft');
  assert.equal(r.json.version, 0);
  r = await api('POST', projectUrl, { token: tok.cm_a });
  assertError(r, 409);
  // agreeing an empty project
  r = await api('POST', `${projectUrl}/agreement`, { body: { agreed_on: '2026-02-25' }, token: tok.cm_a });
  assertError(r, 409);
  // objectives and interventions for the participant and her children
  const cm = { token: tok.cm_a };
  const objectives = [
    { person_id: ids.mother, text: 'Trovare un lavoro nella ristorazione', indicator: 'Un contratto di sei mesi', target_on: '2027-03-31' },
    { person_id: child('son'), text: 'Sostenere la frequenza scolastica', indicator: 'Assenze sotto il 10%' },
  ];
  for (const o of objectives) {
    r = await api('POST', `${projectUrl}/objectives`, { body: o, ...cm });
    assert.equal(r.status, 201, r.body);
    assert.equal(r.json.person_id, o.person_id);
    assert.ok(r.json.id > 0);
  }
  r = await api('POST', `${projectUrl}/objectives`, { body: { person_id: ids.mother, text: 42 }, ...cm });
  assertError(r, 422, 'text');
  const interventions = [
    { service: 'internship', person_id: ids.mother, organisation_id: ids.coop, planned_start: '2026-03-01', planned_end: '2026-08-31', planned_hours: 320, estimated_cost_cents: 240000 },
    { service: 'haccp', person_id: ids.mother, planned_start: '2026-03-10', planned_end: '2026-04-10', planned_hours: 40 },
    { service: 'home_education', person_id: child('son'), planned_sessions: 40, funding_stream: 'fs_open' },
    { service: 'home_education', person_id: child('girl'), planned_sessions: 40 },
  ];
  const ivIds = [];
  for (const iv of interventions) {
    r = await api('POST', `${projectUrl}/interventions`, { body: iv, ...cm });
    assert.equal(r.status, 201, r.body);
    assert.equal(r.json.service, iv.service);
    assert.equal(r.json.person_id, iv.person_id);
    assert.ok(Array.isArray(r.json.warnings));
    ivIds.push(r.json.id);
  }
  assert.equal(r.json.planned_sessions, 40);
  // an intervention for a person outside the household
  r = await api('POST', `${projectUrl}/interventions`, { body: { service: 'home_care', person_id: ids.other }, ...cm });
  assertError(r, 409, 'person_id');
  r = await api('POST', `${projectUrl}/interventions`, { body: { service: 'home_care', person_id: ids.mother, planned_hours: 'many' }, ...cm });
  assertError(r, 422, 'planned_hours');
  r = await api('GET', projectUrl, cm);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.objectives.length, 2);
  assert.deepEqual(r.json.interventions.map((i) => i.id), ivIds, 'nothing else was written');
  assert.equal(r.json.interventions[2].funding_stream, 'fs_open');
  // the commitments (a draft needs no reason)
  r = await api('PUT', `${projectUrl}/commitments`, { body: { commitments: 'Partecipare al tirocinio e agli incontri' }, ...cm });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.commitments, 'Partecipare al tirocinio e agli incontri');
  // agree
  r = await api('POST', `${projectUrl}/agreement`, { body: { agreed_on: 'yesterday' }, ...cm });
  assertError(r, 422, 'agreed_on');
  r = await api('POST', `${projectUrl}/agreement`, { body: { agreed_on: '2026-02-25' }, ...cm });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.state, 'agreed');
  assert.equal(r.json.version, 1);
  assert.equal(r.json.agreed_on, '2026-02-25');
  r = await api('GET', `/api/v1/cases/${caseId}`, cm);
  assert.equal(r.json.stage, 'agreed');
  assert.equal(r.json.agreed_on, '2026-02-25');
  assert.equal(r.json.project_id > 0, true);
  r = await api('POST', `${projectUrl}/agreement`, { body: { agreed_on: '2026-02-26' }, ...cm });
  assertError(r, 409);
});

test('a change to the agreed project needs a reason and makes version 2 with its diff', async () => {
  const cm = { token: tok.cm_a };
  let r = await api('GET', projectUrl, cm);
  const internship = r.json.interventions.find((i) => i.service === 'internship');
  // without a reason: refused, nothing changes
  r = await api('PATCH', `${projectUrl}/interventions/${internship.id}`, { body: { person_id: child('daughter') }, ...cm });
  assert.ok([409, 422].includes(r.status), r.body);
  assert.ok(r.json.error.fields?.reason, r.body);
  r = await api('DELETE', `${projectUrl}/objectives/${(await api('GET', projectUrl, cm)).json.objectives[1].id}`, cm);
  assert.ok([409, 422].includes(r.status), r.body);
  r = await api('GET', projectUrl, cm);
  assert.equal(r.json.version, 1);
  assert.equal(r.json.objectives.length, 2);
  assert.equal(r.json.interventions.find((i) => i.id === internship.id).person_id, ids.mother);
  r = await api('GET', `${projectUrl}/versions`, cm);
  assert.equal(r.json.items.length, 1);
  // with a reason: the internship moves to the adult daughter
  const reason = 'Il tirocinio passa alla figlia maggiorenne, la madre segue il corso';
  r = await api('PATCH', `${projectUrl}/interventions/${internship.id}`, { body: { person_id: child('daughter'), reason }, ...cm });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.person_id, child('daughter'));
  assert.equal(r.json.planned_hours, 320, 'the fields not sent stay');
  r = await api('GET', projectUrl, cm);
  assert.equal(r.json.version, 2);
  r = await api('GET', `${projectUrl}/versions`, cm);
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json.items.map((v) => v.version), [1, 2]);
  assert.equal(r.json.items[0].reason, null);
  assert.ok(r.json.items[0].diff.length >= 6, 'version 1: everything, as added');
  const v2 = r.json.items[1];
  assert.equal(v2.reason, reason);
  assert.ok(v2.diff.length >= 1, 'version 2 has its diff');
  const line = v2.diff.find((l) => (l.before || '').includes('Anna') && (l.after || '').includes('Giulia'));
  assert.ok(line, `a line moves the internship from Anna to Giulia: ${JSON.stringify(v2.diff)}`);
  assert.equal(r.json.next_cursor, null);
  // a removal with a reason in the DELETE body makes version 3
  const obj = (await api('GET', projectUrl, cm)).json.objectives[1];
  r = await api('DELETE', `${projectUrl}/objectives/${obj.id}`, { body: { reason: 'Obiettivo raggiunto prima del previsto' }, ...cm });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.version, 3);
  assert.equal(r.json.objectives.length, 1);
  // unknown fields and wrong types name the field, and change nothing
  r = await api('PUT', `${projectUrl}/commitments`, { body: { commitments: 'Frequentare il corso HACCP', reason: 'Nuovo impegno concordato', colour: 'red' }, ...cm });
  assertError(r, 422, 'colour');
  assert.equal((await api('GET', projectUrl, cm)).json.version, 3);
  r = await api('PUT', `${projectUrl}/commitments`, { body: { commitments: 'Frequentare il corso HACCP', reason: 'Nuovo impegno concordato' }, ...cm });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.version, 4);
  r = await api('PUT', `${projectUrl}/commitments`, { body: { commitments: 7, reason: 'Nuovo impegno concordato' }, ...cm });
  assertError(r, 422, 'commitments');
});

test('the candidates and the funnel', async () => {
  let r = await api('GET', `/api/v1/rounds/${ids.round}/candidates?stage=agreed`);
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json.items.map((c) => c.id), [caseId]);
  r = await api('GET', `/api/v1/rounds/${ids.round}/candidates?stage=nonsense`);
  assert.equal(r.status, 400);
  // cursor pages
  const seen = [];
  let cursor = '';
  for (let i = 0; i < 10; i++) {
    r = await api('GET', `/api/v1/rounds/${ids.round}/candidates?limit=1${cursor}`);
    assert.equal(r.status, 200, r.body);
    seen.push(...r.json.items.map((c) => c.id));
    if (!r.json.next_cursor) break;
    cursor = `&cursor=${r.json.next_cursor}`;
  }
  assert.equal(seen.length, 3);
  assert.deepEqual(seen, [...seen].sort((a, b) => a - b));
  r = await api('GET', `/api/v1/rounds/${ids.round}/candidates?organisation=${ids.coop}`);
  assert.equal(r.json.items.length, 2, 'the two cases followed by coop_a');
  r = await api('GET', `/api/v1/rounds/${ids.round}/funnel`);
  assert.equal(r.status, 200, r.body);
  const f = r.json;
  assert.equal(f.stages.shortlisted, 3);
  assert.equal(f.stages.first_interview, 2);
  assert.equal(f.stages.second_interview, 1);
  assert.equal(f.stages.agreed, 1);
  assert.equal(f.stages.not_suitable, 1);
  assert.equal(f.stages.withdrew, 1);
  assert.equal(f.withdrawals.by_reason.expected_benefit, 1);
  assert.equal(f.withdrawals.by_stage.first_interview, 1);
  assert.equal(f.screening.overrides, 1);
  assert.equal(f.screening.job_only, 1);
  r = await api('GET', `/api/v1/rounds/${ids.round}/funnel?organisation=${ids.coop}`);
  assert.equal(r.json.stages.shortlisted, 2);
  assert.equal(r.json.organisation_id, ids.coop);
});

test('every write is in the audit trail, with the participant', () => {
  const list = ali(['audit', 'list', '--db', srv.db, '--person', String(ids.mother), '--limit', '200']);
  assert.equal(list.status, 0, list.stderr);
  for (const entity of ['case', 'project', 'objective', 'intervention']) {
    assert.match(list.stdout, new RegExp(` ${entity}[ #]`), `an entry for ${entity}`);
  }
  assert.match(list.stdout, /Il tirocinio passa alla figlia/, 'the reason of the change');
});
