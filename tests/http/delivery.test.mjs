// delivery.test.mjs — interventions as they run (src/domain/delivery.c,
// placement.c, iv_session.c, src/api/api_intervention.c,
// src/web/page_intervention.c, page_host_firm.c): every transition and
// its illegal counterparts (409, nothing written), reasons and dates
// (422), the web form; the placement by the case manager (the operator
// may not: 403), attendance by the tutor, the hiring; sessions and the
// time delivered against planned; psychological support notes read by
// the case manager and the manager only, each read audited; who may read
// or record an intervention (delivery_can_record); host firms with an
// invalid partita IVA (422); unknown body fields (422); referral status.
// Runs on SQLite and PostgreSQL (ALI_TEST_BACKEND).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, addUser } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { deliveredMinutes, deliveredMismatches } from './delivered.mjs';
import { closingWorld, day } from './closing_fixture.mjs';

let srv, w, p;
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' };
const count = (table, where) => Number(sql(srv.db, `SELECT count(*) FROM ${table} WHERE ${where}`).trim());
const status = (iv) => sql(srv.db, `SELECT status FROM intervention WHERE id=${iv}`).trim();
const events = (iv) => count('intervention_event', `intervention_id=${iv}`);
const api = (method, path, body, token) => request(srv.base, method, `/api/v1${path}`, { body, token });
const web = (path, fields, token) =>
  request(srv.base, 'POST', path, { raw: new URLSearchParams(fields).toString(), headers: FORM, token });
const page = (path, token) => request(srv.base, 'GET', path, { token, headers: { 'Accept-Language': 'en' } });

before(async () => {
  srv = await startServer();
  w = await closingWorld(srv);
  const { tok, id, ok } = w;
  tok.op = addUser(srv.db, 'op', ['operator'], { org: 'coop1', name: 'Olga Pieri' });
  tok.op2 = addUser(srv.db, 'op2', ['operator'], { org: 'coop1', name: 'Oscar Lenzi' });
  id.op = Number(sql(srv.db, "SELECT id FROM app_user WHERE username='op'").trim());
  id.op2 = Number(sql(srv.db, "SELECT id FROM app_user WHERE username='op2'").trim());
  const base = { household_ref: 'H-VERDI', last_name: 'Verdi', municipality: 'Pisa', birth_country: 'IT' };
  const mother = (await ok('POST', '/api/v1/people', { ...base, person_ref: 'P-V-M', first_name: 'Anna',
    gender: 'F', birth_date: '1982-04-02' })).id;
  const son = (await ok('POST', '/api/v1/people', { ...base, person_ref: 'P-V-S', first_name: 'Luca',
    relationship: 'child', birth_date: '2014-05-20' })).id;
  const c = (await ok('POST', `/api/v1/rounds/${id.round}/candidates`, { person_id: mother, funding_stream: 'fondo',
    social_worker: 'sw', shortlisted_on: day(-50) }, tok.sw)).id;
  const AREAS = ['personal', 'family', 'economic', 'education', 'training', 'communication', 'italian', 'digital',
    'contracts', 'transversal', 'mobility'];
  await ok('PUT', `/api/v1/cases/${c}/access-form`, { interview_on: day(-45), vulnerabilities: ['unemployment'],
    scores: Object.fromEntries(AREAS.map((a) => [a, { score: 2 }])), decision: 'suitable' }, tok.sw);
  await ok('POST', `/api/v1/cases/${c}/first-interview-outcome`, { outcome: 'continue', on: day(-45) }, tok.sw);
  await ok('PUT', `/api/v1/cases/${c}/case-manager`, { organisation_id: id.coop, case_manager_id: id.cm });
  await ok('POST', `/api/v1/cases/${c}/second-interviews`, { held_on: day(-40) }, tok.cm);
  const proj = `/api/v1/cases/${c}/project`;
  await ok('POST', proj, undefined, tok.cm);
  await ok('POST', `${proj}/objectives`, { person_id: mother, text: 'Un lavoro nella ristorazione' }, tok.cm);
  const iv = async (service, person, extra = {}) => (await ok('POST', `${proj}/interventions`, { service,
    person_id: person, planned_start: day(-30), planned_end: day(90), ...extra }, tok.cm)).id;
  p = { c, mother, son };
  p.internship = await iv('internship', mother, { organisation_id: id.coop, operator_id: id.op, planned_hours: 320 });
  p.haccp = await iv('haccp', mother);
  p.homeEd = await iv('home_education', son, { planned_sessions: 20 });
  p.psych = await iv('psych_support', mother, { organisation_id: id.coop, operator_id: id.op2, planned_sessions: 10 });
  p.draft = null;
  await ok('POST', `${proj}/agreement`, { agreed_on: day(-35) }, tok.cm);
});
after(async () => { await srv?.stop(); });

test('illegal transitions are 409 and write nothing; legal ones move the status with their dates', async () => {
  const { tok } = w;
  const iv = p.internship;
  for (const action of ['suspend', 'resume', 'complete', 'interrupt']) {
    const r = await api('POST', `/interventions/${iv}/transitions`, { action, reason: 'postponed: health emergency' }, tok.cm);
    assert.equal(r.status, 409, `${action}: ${r.body}`);
    assert.equal(r.json.error.fields.status, 'this change is not possible from the present status');
  }
  assert.equal(events(iv), 0);
  assert.equal(status(iv), 'planned');
  let r = await api('POST', `/interventions/${iv}/transitions`, { action: 'start', on: day(1) }, tok.cm);
  assert.equal(r.status, 422, r.body);
  assert.equal(r.json.error.fields.on, 'cannot be in the future');
  r = await api('POST', `/interventions/${iv}/transitions`, { action: 'begin' }, tok.cm);
  assert.equal(r.status, 422);
  r = await api('POST', `/interventions/${iv}/transitions`, { action: 'start', when: day(0) }, tok.cm);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.when, 'unknown field');
  r = await api('POST', `/interventions/${iv}/transitions`, { action: 'start', on: day(-30) }, tok.cm);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'active');
  assert.equal(r.json.started_on, day(-30));
  assert.deepEqual(r.json.allowed_actions, ['suspend', 'complete', 'interrupt']);
  for (const action of ['start', 'resume', 'cancel']) {
    r = await api('POST', `/interventions/${iv}/transitions`, { action, reason: 'postponed: health emergency' }, tok.cm);
    assert.equal(r.status, 409, action);
  }
  assert.equal(events(iv), 1);
  r = await api('POST', `/interventions/${iv}/transitions`, { action: 'suspend', on: day(-20) }, tok.cm);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.reason, 'required');
  r = await api('POST', `/interventions/${iv}/transitions`, { action: 'suspend', on: day(-31), reason: 'postponed: health emergency' }, tok.cm);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.on, 'cannot be before the previous change of status');
  // through the web form
  r = await web(`/interventions/${iv}/transition`, { action: 'suspend', on: day(-20), reason: 'postponed: health emergency' }, tok.cm);
  assert.equal(r.status, 303, r.body);
  assert.equal(status(iv), 'suspended');
  r = await web(`/interventions/${iv}/transition`, { action: 'suspend', on: day(-19), reason: 'again and again' }, tok.cm);
  assert.equal(r.status, 409);
  assert.match(r.body, /this change is not possible from the present status/);
  r = await api('POST', `/interventions/${iv}/transitions`, { action: 'resume', on: day(-15) }, tok.cm);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'active');
  assert.deepEqual(r.json.events.map((e) => e.to), ['active', 'suspended', 'active']);
  assert.equal(r.json.events[1].reason, 'postponed: health emergency');
  assert.equal(r.json.events[1].by, 'Carla Neri');
  // cancel from planned, interrupt from active
  r = await api('POST', `/interventions/${p.haccp}/transitions`, { action: 'cancel', reason: 'no course edition this year' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'cancelled');
  assert.equal(r.json.ended_on, day(0));
  for (const action of ['start', 'suspend', 'resume', 'complete', 'interrupt', 'cancel']) {
    r = await api('POST', `/interventions/${p.haccp}/transitions`, { action, reason: 'postponed: health emergency' });
    assert.equal(r.status, 409, action);
  }
  assert.equal(events(p.haccp), 1);
  await api('POST', `/interventions/${p.homeEd}/transitions`, { action: 'start', on: day(-30) }, tok.cm);
  r = await api('POST', `/interventions/${p.homeEd}/transitions`, { action: 'interrupt', reason: 'the family moved away' }, tok.cm);
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'interrupted');
  assert.equal(r.json.status_reason, 'the family moved away');
});

test('who may change and record an intervention', async () => {
  const { tok } = w;
  // the social worker reads, cannot change
  let r = await api('GET', `/interventions/${p.internship}`, undefined, tok.sw);
  assert.equal(r.status, 200, r.body);
  assert.deepEqual(r.json.allowed_actions, []);
  // another case manager of the same cooperative: not hers
  r = await api('GET', `/interventions/${p.internship}`, undefined, tok.cm2);
  assert.equal(r.status, 404);
  r = await page(`/interventions/${p.internship}`, tok.cm2);
  assert.equal(r.status, 404);
  // the operator who delivers it reads it, may not move it
  r = await api('GET', `/interventions/${p.internship}`, undefined, tok.op);
  assert.equal(r.status, 200);
  r = await api('POST', `/interventions/${p.internship}/transitions`, { action: 'complete' }, tok.op);
  assert.equal(r.status, 403);
  // an operator who does not deliver it does not see it
  r = await api('GET', `/interventions/${p.internship}`, undefined, tok.op2);
  assert.equal(r.status, 404);
  r = await api('POST', `/interventions/${p.internship}/sessions`, { on_date: day(0), minutes: 60 }, tok.op2);
  assert.equal(r.status, 404);
});

test('placement by the case manager, attendance by the tutor, hiring', async () => {
  const { tok, id } = w;
  const iv = p.internship;
  const firm = (await api('POST', '/host-firms', { code: 'gino', name: 'Trattoria Da Gino',
    vat_number: '01234567897', ateco_section: 'I', contact_email: 'gino@example.it' })).json;
  assert.ok(firm.id);
  const body = { host_firm_id: firm.id, company_tutor: 'Gino Bianchi', coop_tutor_id: id.op, start_on: day(-30),
    weekly_hours: 25, monthly_indemnity_cents: 50000 };
  let r = await api('PUT', `/interventions/${iv}/placement`, body, tok.op);
  assert.equal(r.status, 403);
  r = await api('PUT', `/interventions/${iv}/placement`, { ...body, host_firm_id: id.coop, colour: 'red' }, tok.cm);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.colour, 'unknown field');
  r = await api('PUT', `/interventions/${iv}/placement`, { ...body, host_firm_id: id.coop }, tok.cm);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.host_firm_id, 'not a host firm of the agency');
  assert.equal(count('placement', `intervention_id=${iv}`), 0);
  r = await api('PUT', `/interventions/${p.psych}/placement`, body, tok.cm);
  assert.equal(r.status, 409);
  r = await api('PUT', `/interventions/${iv}/placement`, body, tok.cm);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.placement.host_firm, 'Trattoria Da Gino');
  assert.equal(r.json.placement.coop_tutor, 'Olga Pieri');
  // attendance by the tutor
  r = await api('POST', `/interventions/${iv}/attendance`, { on_date: day(-10), minutes: 270, present: true, note: 'puntuale' }, tok.op);
  assert.equal(r.status, 201, r.body);
  r = await api('POST', `/interventions/${iv}/attendance`, { on_date: day(-10), minutes: 200, present: true }, tok.op);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.fields.on_date, 'attendance is already recorded for this day');
  r = await web(`/interventions/${iv}/attendance`, { on_date: day(-9), absent: '1', note: 'malata' }, tok.op);
  assert.equal(r.status, 303, r.body);
  r = await web(`/interventions/${iv}/attendance`, { on_date: day(-8), time: '4:30' }, tok.op);
  assert.equal(r.status, 303, r.body);
  r = await web(`/interventions/${iv}/attendance`, { on_date: day(-7), time: 'lots' }, tok.op);
  assert.equal(r.status, 422);
  assert.equal(count('placement_attendance', `intervention_id=${iv}`), 3);
  r = await api('GET', `/interventions/${iv}`, undefined, tok.op);
  assert.deepEqual(r.json.delivered, { minutes: 540, sessions: 2 });
  assert.equal(deliveredMinutes(srv.db, iv), 540, 'the minutes kept on the intervention');
  assert.equal(r.json.attendance.length, 3);
  assert.equal(r.json.attendance[1].present, false);
  r = await page(`/interventions/${iv}`, tok.op);
  assert.equal(r.status, 200);
  assert.match(r.body, /id="attendance-form"/);
  assert.doesNotMatch(r.body, /id="placement-form"/);
  assert.match(r.body, /9:00 hours in 2 sessions/);
  // hiring
  r = await api('PUT', `/interventions/${iv}/placement`, { ...body, hired_on: day(-1) }, tok.cm);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.contract_type, 'required');
  r = await web(`/interventions/${iv}/placement`, { host_firm_id: String(firm.id), coop_tutor_id: String(id.op),
    start_on: day(-30), end_on: day(-1), end_reason: 'assunta', hired_on: day(-1), contract_type: 'apprenticeship' }, tok.cm);
  assert.equal(r.status, 303, r.body);
  assert.equal(sql(srv.db, `SELECT contract_type FROM placement WHERE intervention_id=${iv}`).trim(), 'apprenticeship');
  r = await page(`/interventions/${iv}`, tok.cm);
  assert.match(r.body, /Apprenticeship/);
  assert.match(r.body, /id="placement-form"/);
  assert.ok(count('audit', `entity='intervention' AND entity_id=${iv}`) >= 5);
});

test('sessions, and psychological support notes only for the case manager and the manager', async () => {
  const { tok } = w;
  const iv = p.psych;
  let r = await api('POST', `/interventions/${iv}/sessions`, { on_date: day(0), minutes: 50 }, tok.op2);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.fields.status, 'the intervention has not started');
  await api('POST', `/interventions/${iv}/transitions`, { action: 'start', on: day(-20) }, tok.cm);
  r = await api('POST', `/interventions/${iv}/sessions`, { on_date: day(-5), minutes: 0 }, tok.op2);
  assert.equal(r.status, 422);
  r = await api('POST', `/interventions/${iv}/sessions`, { on_date: day(-5), minutes: 50, note: 'parlato della separazione' }, tok.op2);
  assert.equal(r.status, 201, r.body);
  r = await web(`/interventions/${iv}/sessions`, { on_date: day(-4), time: '1:00', note: 'seconda seduta' }, tok.op2);
  assert.equal(r.status, 303, r.body);
  // the operator recorded them but reads no note; nor does the social worker
  for (const t of [tok.op2, tok.sw]) {
    r = await api('GET', `/interventions/${iv}`, undefined, t);
    assert.equal(r.status, 200);
    assert.equal(r.json.notes_restricted, true);
    assert.deepEqual(r.json.sessions.map((s) => s.note), [null, null]);
    r = await page(`/interventions/${iv}`, t);
    assert.doesNotMatch(r.body, /separazione/);
    assert.match(r.body, /id="notes-restricted"/);
  }
  const before = count('audit', `action='read_sensitive' AND person_id=${p.mother}`);
  for (const t of [tok.cm, tok.mgr]) {
    r = await api('GET', `/interventions/${iv}`, undefined, t);
    assert.equal(r.json.notes_restricted, false);
    assert.deepEqual(r.json.sessions.map((s) => s.note), ['seconda seduta', 'parlato della separazione']);
  }
  r = await page(`/interventions/${iv}`, tok.cm);
  assert.match(r.body, /separazione/);
  assert.equal(count('audit', `action='read_sensitive' AND person_id=${p.mother}`), before + 3);
  assert.deepEqual(r.status, 200);
  r = await api('GET', `/interventions/${iv}`, undefined, tok.cm);
  assert.deepEqual(r.json.delivered, { minutes: 110, sessions: 2 });
  assert.equal(r.json.planned_sessions, 10);
  // an unrestricted intervention: the note is for every reader
  await api('POST', `/interventions/${p.internship}/sessions`, { on_date: day(-3), minutes: 30, note: 'visita in azienda' }, tok.op);
  r = await api('GET', `/interventions/${p.internship}`, undefined, tok.sw);
  assert.equal(r.json.sessions[0].note, 'visita in azienda');
  assert.equal(r.json.notes_restricted, false);
  assert.equal(deliveredMinutes(srv.db, iv), 110, 'the minutes kept on the intervention');
  assert.deepEqual(deliveredMismatches(srv.db), []);
  // rows corrected or removed by hand (an operator's SQL) keep them true
  sql(srv.db, `UPDATE intervention_session SET minutes = minutes + 5 WHERE intervention_id = ${iv}`);
  sql(srv.db, `UPDATE placement_attendance SET present = 1 - present, minutes = 60`);
  assert.equal(deliveredMinutes(srv.db, iv), 120);
  assert.deepEqual(deliveredMismatches(srv.db), []);
  sql(srv.db, `DELETE FROM intervention_session WHERE intervention_id = ${iv}`);
  sql(srv.db, `DELETE FROM placement_attendance WHERE present = 1`);
  assert.equal(deliveredMinutes(srv.db, iv), 0);
  assert.deepEqual(deliveredMismatches(srv.db), []);
});

test('home education: the school and weekly hours', async () => {
  const { tok } = w;
  let r = await web(`/interventions/${p.homeEd}/school`, { school: 'Scuola Fibonacci', weekly_hours: '6' }, tok.cm);
  assert.equal(r.status, 303, r.body);
  r = await api('GET', `/interventions/${p.homeEd}`, undefined, tok.cm);
  assert.equal(r.json.school, 'Scuola Fibonacci');
  assert.equal(r.json.weekly_hours, 6);
  assert.equal(r.json.person.name, 'Luca Verdi');
  r = await web(`/interventions/${p.internship}/school`, { school: 'x' }, tok.cm);
  assert.equal(r.status, 409);
});

test('host firms: an invalid partita IVA is 422; the list and the page', async () => {
  let r = await api('POST', '/host-firms', { code: 'bad', name: 'Ditta', vat_number: '01234567890' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.vat_number, 'not a valid partita IVA (11 digits)');
  r = await api('POST', '/host-firms', { code: 'bad', name: 'Ditta', vat_number: '01234567897', ateco_section: 'Z', fax: '1' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.fax, 'unknown field');
  r = await web('/programme/host-firms', { code: 'bad', name: 'Ditta', vat_number: '123' });
  assert.equal(r.status, 422);
  assert.match(r.body, /not a valid partita IVA/);
  assert.equal(count('organisation', "code='bad'"), 0);
  r = await web('/programme/host-firms', { code: 'arno', name: 'Officine Arno srl', vat_number: '12345678903', ateco_section: 'C' });
  assert.equal(r.status, 303, r.body);
  r = await api('GET', '/host-firms', undefined, w.tok.sw);
  assert.equal(r.status, 200);
  assert.ok(r.json.items.some((f) => f.code === 'arno' && f.ateco_section === 'C'));
  const arno = r.json.items.find((f) => f.code === 'arno');
  r = await api('GET', `/host-firms/${arno.id}`);
  assert.equal(r.json.vat_number, '12345678903');
  r = await api('GET', `/host-firms/${w.id.coop}`);
  assert.equal(r.status, 404);
  r = await api('POST', '/host-firms', { code: 'x1', name: 'X', vat_number: '12345678903' }, w.tok.cm);
  assert.equal(r.status, 403);
  r = await page('/programme/host-firms', w.tok.sw);
  assert.equal(r.status, 200);
  assert.match(r.body, /Officine Arno srl/);
  assert.doesNotMatch(r.body, /id="host-firm-form"/);
});

test('referral status: sent -> accepted -> closed, other moves refused', async () => {
  const { tok, id } = w;
  sql(srv.db, "INSERT INTO organisation(agency_id, code, name, kind) SELECT id, 'serd', 'SerD Pisa', 'specialised_service' FROM agency");
  const serd = Number(sql(srv.db, "SELECT id FROM organisation WHERE code='serd'").trim());
  const ref = (await w.ok('POST', `/api/v1/cases/${p.c}/referrals`, { organisation_id: serd, reason: 'dipendenza sospetta' }, tok.sw)).id;
  const to = (s, t = tok.sw) => web(`/cases/${p.c}/referrals/${ref}/status`, { status: s }, t);
  let r = await to('closed');
  assert.equal(r.status, 409);
  r = await to('accepted', tok.cm); // no right to intake steps
  assert.equal(r.status, 403);
  r = await to('accepted');
  assert.equal(r.status, 303, r.body);
  r = await to('declined');
  assert.equal(r.status, 409);
  r = await page(`/cases/${p.c}`, tok.sw);
  assert.match(r.body, /referrals\/\d+\/status/);
  r = await to('closed');
  assert.equal(r.status, 303);
  assert.equal(sql(srv.db, `SELECT status FROM referral WHERE id=${ref}`).trim(), 'closed');
  assert.equal(count('audit', `entity='case' AND entity_id=${p.c} AND detail LIKE '%"to":"closed"%'`), 1);
  void id;
});

test('a closed case: nothing moves', async () => {
  const { tok } = w;
  sql(srv.db, `UPDATE case_file SET closed_at='2024-01-01T00:00:00Z' WHERE id=${p.c}`);
  const n = events(p.internship);
  // the case manager still reads it, but nothing moves, for anyone
  assert.equal((await api('GET', `/interventions/${p.internship}`, undefined, tok.cm)).status, 200);
  const r = await api('POST', `/interventions/${p.internship}/transitions`, { action: 'complete' }, tok.mgr);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.fields.status, 'the case is closed');
  assert.equal(events(p.internship), n);
  const s = await api('POST', `/interventions/${p.internship}/sessions`, { on_date: day(0), minutes: 30 }, tok.op);
  assert.equal(s.status, 409);
  const page1 = await page(`/interventions/${p.internship}`, tok.mgr);
  assert.doesNotMatch(page1.body, /id="transition-form"/);
});
