// delivery.test.mjs — the second half of a path in a real browser
// (Debian's Chromium driven by playwright-core, launched by browser.mjs),
// in Italian, the interface's default language.  The Martelli household:
// Rosa (the participant, with an internship delivered by the
// cooperative, its tutor the cooperative's operator) and her son Matteo
// (11, home education), their project already agreed.
//
//   the manager         adds the host firm on /programme/host-firms (an
//                       invalid partita IVA is refused next to its field)
//   the case manager    starts the internship from its page, fills in the
//                       placement; logs a home visit and a phone call in
//                       the case's register, sees them in the timeline
//                       and filters it by kind
//   the tutor           opens the internship, records two days of
//                       attendance and one of absence, sees delivered
//                       against planned
//   the social worker   raises a request for the case manager, who sees
//                       it on /my-day and /requests, acknowledges it and
//                       resolves it
//   the case manager    records the hiring and completes the internship;
//                       closes the path with the conclusive evaluation
//                       (each objective judged, outcome employed_host, the
//                       open home education completed); the page says so;
//                       the manager's evaluation PDF (pdftotext) has the
//                       participant and the outcome
//   the manager         the social worker leaves (ali user disable): her
//                       two other cases are counted on the manager's day
//                       and listed as orphans; /handover spreads them
//                       over two colleagues with a note; no orphan is left
//
// Only what the interface has no page for is set up otherwise: accounts
// (ali user add / disable), the cooperative (SQL), the round, the
// funding stream, the households and the intake up to the agreed
// project (the API, as the intake's own browser test already drives
// those pages), and the start of the home education (the API).
// Elements are found by id and name; text is compared only where it is
// data the test entered (names, texts, numbers, dates), never a
// translated label.  Runs on SQLite and on PostgreSQL (ALI_TEST_BACKEND).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, request, addUser, ali } from '../http/server.mjs';
import { sql, cf } from '../http/access_fixture.mjs';
import { launchBrowser, newPage, logIn } from './browser.mjs';

// Dates relative to today (UTC, the server's clock).
function day(offset, years = 0) {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}
const TODAY = day(0);
// What the server proposes as today: the day the run began, or the next one
// when the run crosses midnight.
const isToday = (d) => d === TODAY || d === day(0);
const uiDate = (iso) => iso.split('-').reverse().join('/');

const AREAS = ['personal', 'family', 'economic', 'education', 'training', 'communication', 'italian', 'digital',
  'contracts', 'transversal', 'mobility'];
const FIRM = { code: 'officine_arno', name: 'Officine Arno', vat: '01234567897', badVat: '01234567890' };
const OBJECTIVE_WORK = 'Ottenere un contratto di lavoro in officina';
const OBJECTIVE_SCHOOL = 'Frequenza scolastica regolare di Matteo';
const VISIT = 'Visita domiciliare: Rosa racconta le prime settimane di tirocinio';
const CALL = 'Telefonata alla scuola di Matteo per il colloquio con gli insegnanti';
const NEED = 'Rosa deve rinnovare il permesso di soggiorno entro fine mese';
const ANSWER = 'Appuntamento fissato in questura, documenti preparati con Rosa';
const HANDOVER_NOTE = 'Giulia lascia il servizio: i colloqui sono nel registro';

let srv, browser;
const users = {};  // app_user ids by username
const people = {}; // person ids: rosa, matteo
const iv = {};     // intervention ids: internship, homeEd
const obj = {};    // objective ids: work, school
const others = {}; // case ids of the leaving social worker's other families
let caseId, firmId, requestId, roundId;
const pages = {};  // a logged-in page per person

const one = (text) => Number(sql(srv.db, text).trim());

// An API call that must succeed; its JSON.
async function ok(method, path, body, token = srv.token) {
  const r = await request(srv.base, method, path, { body, token });
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.body}`);
  return r.json;
}

// A family shortlisted by the social worker: returns the case id.
async function shortlist(token, person) {
  return (await ok('POST', `/api/v1/rounds/${roundId}/candidates`, { person_id: person,
    funding_stream: 'fondo_poverta', social_worker: 'sw', shortlisted_on: day(-50) }, token)).id;
}

async function person(body) {
  return (await ok('POST', '/api/v1/people', { birth_country: 'IT', citizenship: 'IT', municipality: 'Pisa',
    ...body })).id;
}

before(async () => {
  srv = await startServer();
  sql(srv.db, `INSERT INTO organisation(agency_id, code, name, kind)
    SELECT id, 'coop_sole', 'Cooperativa Il Sole', 'cooperative' FROM agency WHERE code='sds';`);
  const tok = {};
  for (const [name, roles, org, full] of [
    ['mgr', ['manager'], null, 'Paola Ghelardi'],
    ['sw', ['social_worker'], null, 'Giulia Neri'],
    ['sw2', ['social_worker'], null, 'Elena Marchi'],
    ['sw3', ['social_worker'], null, 'Franco Pieri'],
    ['cm', ['case_manager'], 'coop_sole', 'Laura Bini'],
    ['op', ['operator'], 'coop_sole', 'Davide Rossi'],
  ]) {
    tok[name] = addUser(srv.db, name, roles, { org, name: full });
    users[name] = one(`SELECT id FROM app_user WHERE username='${name}'`);
  }
  const coop = one("SELECT id FROM organisation WHERE code='coop_sole'");
  roundId = (await ok('POST', '/api/v1/rounds', { code: 'R7', name: 'Edizione autunno', start_date: day(-60),
    end_date: day(150) })).id;
  await ok('POST', '/api/v1/funding-streams', { code: 'fondo_poverta', name: 'Fondo Povertà',
    allocation_cents: 5000000 });

  // The Martelli family, through the intake to an agreed project.
  people.rosa = await person({ person_ref: 'MRT-1', household_ref: 'H-MRT', relationship: 'reference',
    first_name: 'Rosa', last_name: 'Martelli', codice_fiscale: cf('MRTRSO81C45G702'), gender: 'F',
    birth_date: day(-40, -45) });
  people.matteo = await person({ person_ref: 'MRT-3', household_ref: 'H-MRT', relationship: 'child',
    first_name: 'Matteo', last_name: 'Martelli', gender: 'M', birth_date: day(-40, -11) });
  caseId = await shortlist(tok.sw, people.rosa);
  await ok('PUT', `/api/v1/cases/${caseId}/access-form`, { interview_on: day(-45), vulnerabilities: ['unemployment'],
    scores: Object.fromEntries(AREAS.map((a) => [a, { score: 2 }])), decision: 'suitable' }, tok.sw);
  await ok('POST', `/api/v1/cases/${caseId}/first-interview-outcome`, { outcome: 'continue', on: day(-45) }, tok.sw);
  await ok('PUT', `/api/v1/cases/${caseId}/case-manager`, { organisation_id: coop, case_manager_id: users.cm });
  await ok('POST', `/api/v1/cases/${caseId}/second-interviews`, { held_on: day(-40) }, tok.cm);
  const proj = `/api/v1/cases/${caseId}/project`;
  await ok('POST', proj, undefined, tok.cm);
  obj.work = (await ok('POST', `${proj}/objectives`, { person_id: people.rosa, text: OBJECTIVE_WORK }, tok.cm)).id;
  obj.school = (await ok('POST', `${proj}/objectives`, { person_id: people.matteo, text: OBJECTIVE_SCHOOL },
    tok.cm)).id;
  iv.internship = (await ok('POST', `${proj}/interventions`, { service: 'internship', person_id: people.rosa,
    organisation_id: coop, operator_id: users.op, planned_start: day(-15), planned_end: day(100),
    planned_hours: 300 }, tok.cm)).id;
  iv.homeEd = (await ok('POST', `${proj}/interventions`, { service: 'home_education', person_id: people.matteo,
    planned_start: day(-15), planned_end: day(100), planned_sessions: 20 }, tok.cm)).id;
  await ok('POST', `${proj}/agreement`, { agreed_on: day(-20) }, tok.cm);
  await ok('POST', `/api/v1/interventions/${iv.homeEd}/transitions`, { action: 'start', on: day(-14) }, tok.cm);

  // Two more families the social worker holds (shortlisted only).
  for (const [key, ref, first, last, code] of [
    ['bianchi', 'BNC-1', 'Sara', 'Bianchi', 'BNCSRA85A41G702'],
    ['conti', 'CNT-1', 'Marco', 'Conti', 'CNTMRC79B12G702'],
  ]) {
    const p = await person({ person_ref: ref, household_ref: `H-${ref}`, relationship: 'reference',
      first_name: first, last_name: last, codice_fiscale: cf(code), gender: first === 'Sara' ? 'F' : 'M',
      birth_date: day(-100, -40) });
    others[key] = await shortlist(tok.sw, p);
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

// Waits for the answer to the POST a click on `button` sends: it must
// be answered `status` (303 by default; else the messages on the page
// are the failure), and the page it leads to has loaded.
async function clickPost(page, button, status = 303) {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest());
  await page.locator(button).click();
  const res = await posted;
  if (res.status() !== status) {
    await page.waitForLoadState();
    const said = await page.locator('#errors, #conflict, #refused, .invalid-feedback').allTextContents();
    assert.fail(`POST ${new URL(res.url()).pathname} answered ${res.status()}: ${said.join(' | ')}`);
  }
  if (status === 303) await page.waitForURL(new URL(res.headers().location, res.url()).href);
  else await page.waitForLoadState();
  return res;
}

// Submits the form `form` (a selector) by its submit button.
const submit = (page, form, status) => clickPost(page, `${form} button[type=submit]`, status);

// Submits the GET form `form` and waits for the page it asks for.
async function submitGet(page, form, url) {
  await page.locator(`${form} button[type=submit]`).click();
  await page.waitForURL(url);
}

// Ticks a checkbox as a person does: a Bootstrap Italia one (in a
// .form-check) is drawn by its label, so the label is clicked.
async function tick(page, id) {
  const input = page.locator(`[id="${id}"]`);
  if (await input.evaluate((e) => !!e.closest('.form-check'))) await page.locator(`label[for="${id}"]`).click();
  else await input.check();
  assert.ok(await input.isChecked(), `${id} is ticked`);
}

const ivApi = async (id) => ok('GET', `/api/v1/interventions/${id}`);

test('the manager adds the host firm; an invalid partita IVA is refused next to its field', async () => {
  const page = pages.mgr = await newPage(browser);
  await logIn(page, srv.base, 'mgr', '/programme/host-firms');
  assert.equal(await page.locator('html').getAttribute('lang'), 'it');
  await page.fill('#f-code', FIRM.code);
  await page.fill('#f-name', FIRM.name);
  await page.fill('#f-vat_number', FIRM.badVat);
  await page.fill('#f-ateco_section', 'C');
  await page.fill('#f-address', 'Via Livornese 12, Pisa');
  await page.fill('#f-contact_name', 'Mario Arno');
  await page.fill('#f-contact_phone', '050 123456');
  await page.fill('#f-contact_email', 'mario@officinearno.it');
  await submit(page, '#host-firm-form', 422);
  assert.equal(await page.locator('#f-vat_number').getAttribute('aria-invalid'), 'true');
  assert.ok((await page.locator('#e-vat_number').textContent()).trim().length > 0, 'a message next to the field');
  assert.equal(await page.locator('#e-name').count(), 0, 'and no other field is wrong');
  assert.equal(await page.locator('#f-name').inputValue(), FIRM.name, 'what was typed comes back');
  assert.equal(await page.locator('#host-firms').count(), 0, 'nothing saved');
  await page.fill('#f-vat_number', FIRM.vat);
  await submit(page, '#host-firm-form');
  firmId = Number(/#firm-(\d+)$/.exec(page.url())?.[1]);
  assert.ok(firmId > 0, page.url());
  const cells = await page.locator(`#firm-${firmId} td`).allTextContents();
  assert.deepEqual(cells.slice(0, 3), [FIRM.name, FIRM.vat, 'C']);
});

test('the case manager starts the internship and fills in the placement', async () => {
  const page = pages.cm = await newPage(browser);
  await logIn(page, srv.base, 'cm', `/cases/${caseId}/project`);
  await page.click(`#intervention-${iv.internship} a[href="/interventions/${iv.internship}"]`);
  await page.waitForURL(`${srv.base}/interventions/${iv.internship}`);
  assert.equal(await page.locator('#history').count(), 0, 'no change of status yet');
  assert.equal(await page.locator('#attendance-form').count(), 0, 'no attendance before a placement');
  await page.selectOption('#f-action', 'start');
  await page.fill('#f-on', day(-10));
  await submit(page, '#transition-form');
  assert.equal((await ivApi(iv.internship)).status, 'active');
  assert.equal(await page.locator('#history tbody tr').count(), 1);
  assert.match(await page.locator('#history tbody td').first().textContent(), new RegExp(uiDate(day(-10))));

  const form = '#placement-form';
  await page.selectOption(`${form} [name=host_firm_id]`, String(firmId));
  await page.fill(`${form} [name=company_tutor]`, 'Mario Arno');
  await page.selectOption(`${form} [name=coop_tutor_id]`, String(users.op));
  await page.fill(`${form} [name=start_on]`, day(-10));
  await page.fill(`${form} [name=end_on]`, day(100));
  await page.fill(`${form} [name=weekly_hours]`, '25');
  await page.fill(`${form} [name=monthly_indemnity_cents]`, '45000');
  await submit(page, form);
  assert.match(page.url(), /#internship$/);
  const placement = await page.locator('#placement').textContent();
  for (const s of [FIRM.name, 'Mario Arno', 'Davide Rossi', uiDate(day(-10)), uiDate(day(100)), '25', '450']) {
    assert.ok(placement.includes(s), `the placement shows ${s}`);
  }
});

test('the case manager logs activities in the register and filters them by kind', async () => {
  const page = pages.cm;
  await page.goto(`${srv.base}/cases/${caseId}`);
  await page.click('#register-link');
  await page.waitForURL(`${srv.base}/cases/${caseId}/register`);
  assert.equal(await page.locator('#register-empty').count(), 1);
  const form = '#register-form';
  for (const [kind, on, minutes, who, text] of [
    ['home_visit', day(-3), '90', ['rosa', 'matteo'], VISIT],
    ['phone_call', day(-2), '15', ['matteo'], CALL],
  ]) {
    await page.fill(`${form} [name=on_date]`, on);
    await page.selectOption(`${form} [name=kind]`, kind);
    await page.fill(`${form} [name=minutes]`, minutes);
    for (const m of who) await tick(page, `f-member_${people[m]}`);
    await page.fill(`${form} [name=text]`, text);
    await submit(page, form);
    assert.match(page.url(), /\/register\?done=1$/);
  }
  // newest first
  const entries = page.locator('#register > li');
  assert.equal(await entries.count(), 2);
  const visit = await entries.nth(1).textContent();
  for (const s of [VISIT, uiDate(day(-3)), '90', 'Laura Bini', 'Rosa Martelli', 'Matteo Martelli']) {
    assert.ok(visit.includes(s), `the visit shows ${s}`);
  }
  assert.ok((await entries.nth(0).textContent()).includes(CALL));
  assert.ok(!(await entries.nth(0).textContent()).includes('Rosa Martelli'), 'the call involved Matteo only');

  await page.selectOption('#register-filter [name=kind]', 'home_visit');
  await submitGet(page, '#register-filter', /\/register\?kind=home_visit&member=$/);
  assert.equal(await entries.count(), 1);
  assert.ok((await entries.first().textContent()).includes(VISIT));
  await page.selectOption('#register-filter [name=kind]', 'email');
  await submitGet(page, '#register-filter', /\/register\?kind=email&member=$/);
  assert.equal(await page.locator('#register-empty').count(), 1);
  await page.selectOption('#register-filter [name=kind]', '');
  await page.selectOption('#register-filter [name=member]', String(people.rosa));
  await submitGet(page, '#register-filter', new RegExp(`/register\\?kind=&member=${people.rosa}$`));
  assert.equal(await entries.count(), 1, 'Rosa was involved in the visit only');
});

test('the tutor records two days of attendance and an absence; delivered against planned', async () => {
  const page = pages.op = await newPage(browser);
  await logIn(page, srv.base, 'op', `/interventions/${iv.internship}`);
  assert.equal(await page.locator('#placement-form').count(), 0, 'the placement is the case manager\'s');
  assert.equal(await page.locator('#transition-form').count(), 0);
  const dd = page.locator('#summary dd');
  assert.equal((await dd.nth(4).textContent()).trim(), '300', 'planned hours');
  assert.match(await page.locator('#delivered').textContent(), /^0:00\D+0\D*$/);
  const form = '#attendance-form';
  for (const [on, time] of [[day(-9), '4:30'], [day(-8), '5']]) {
    await page.fill(`${form} [name=on_date]`, on);
    await page.fill(`${form} [name=time]`, time);
    await page.fill(`${form} [name=note]`, `Reparto montaggio ${on}`);
    await submit(page, form);
    assert.match(page.url(), /#attendance$/);
  }
  const rows = await page.locator('#attendance tbody tr').allTextContents();
  assert.equal(rows.length, 2);
  assert.ok(rows.some((t) => t.includes(uiDate(day(-9))) && t.includes('4:30') && t.includes('Davide Rossi')));
  assert.ok(rows.some((t) => t.includes(uiDate(day(-8))) && t.includes('5:00')));
  assert.match(await page.locator('#delivered').textContent(), /^9:30\D+2\D*$/);
  assert.equal((await dd.nth(4).textContent()).trim(), '300');
  // the same day twice is refused, next to the date
  await page.fill(`${form} [name=on_date]`, day(-8));
  await page.fill(`${form} [name=time]`, '2');
  await submit(page, form, 409);
  assert.equal(await page.locator('#attendance tbody tr').count(), 2);
  // a day of absence: counted in the log, not in what was delivered
  await page.fill(`${form} [name=on_date]`, day(-7));
  await page.fill(`${form} [name=time]`, '');
  await tick(page, 'f-attendance-absent');
  await submit(page, form);
  assert.equal(await page.locator('#attendance tbody tr').count(), 3);
  assert.match(await page.locator('#delivered').textContent(), /^9:30\D+2\D*$/);
});

test('the social worker raises a request; the case manager acknowledges and resolves it', async () => {
  const sw = pages.sw = await newPage(browser);
  await logIn(sw, srv.base, 'sw', `/cases/${caseId}`);
  await sw.click('#requests-link');
  await sw.waitForURL(`${srv.base}/cases/${caseId}/requests`);
  assert.equal(await sw.locator('#requests-empty').count(), 1);
  await sw.selectOption('#request-form [name=kind]', 'documents');
  await sw.selectOption('#request-form [name=raised_by]', 'operator');
  await sw.selectOption('#request-form [name=assignee]', String(users.cm));
  await sw.fill('#request-form [name=text]', NEED);
  await submit(sw, '#request-form');
  assert.match(sw.url(), /\/requests\?done=raised$/);
  const row = sw.locator('#requests tbody tr');
  assert.equal(await row.count(), 1);
  requestId = Number((await row.getAttribute('id')).replace('request-', ''));
  const raised = await row.textContent();
  for (const s of [NEED, 'Giulia Neri', 'Laura Bini']) assert.ok(raised.includes(s), `the request shows ${s}`);

  const cm = pages.cm;
  await cm.goto(`${srv.base}/my-day`);
  assert.ok((await cm.locator('#my-requests').textContent()).includes('Martelli'), 'on the case manager\'s day');
  await cm.goto(`${srv.base}/requests`);
  const mine = cm.locator(`#mine #request-${requestId}`);
  assert.ok((await mine.textContent()).includes(NEED));
  await clickPost(cm, `#ack-${requestId}`);
  assert.match(cm.url(), /\/requests\?done=ack$/);
  await cm.fill(`#resolution-${requestId}`, ANSWER);
  await clickPost(cm, `#resolve-${requestId}`);
  assert.match(cm.url(), /\/requests\?done=resolved$/);
  assert.equal(await cm.locator(`#request-${requestId}`).count(), 0, 'no longer open');
  assert.equal(await cm.locator('#mine-empty').count(), 1);

  await sw.reload();
  const done = await sw.locator(`#request-${requestId}`).textContent();
  assert.ok(done.includes(ANSWER), 'the social worker sees the answer');
  assert.equal(await sw.locator(`#ack-${requestId}, #resolve-${requestId}`).count(), 0);
  assert.ok((await sw.locator(`#request-${requestId} td`).nth(5).textContent()).includes('Laura Bini'), 'acknowledged by');
  assert.ok((await sw.locator(`#request-${requestId} td`).nth(6).textContent()).includes('Laura Bini'), 'resolved by');
});

test('the internship ends in hiring', async () => {
  const page = pages.cm;
  await page.goto(`${srv.base}/interventions/${iv.internship}`);
  const form = '#placement-form';
  await page.fill(`${form} [name=end_reason]`, 'Assunta dall\'azienda ospitante');
  await page.fill(`${form} [name=hired_on]`, day(-1));
  await page.selectOption(`${form} [name=contract_type]`, 'permanent');
  await submit(page, form);
  assert.match(await page.locator('#hiring').textContent(), new RegExp(uiDate(day(-1))));
  assert.equal((await ivApi(iv.internship)).status, 'active', 'hiring alone does not end the internship');
  await page.selectOption('#f-action', 'complete');
  await page.fill('#f-on', TODAY);
  await submit(page, '#transition-form');
  assert.equal((await ivApi(iv.internship)).status, 'completed');
  assert.equal(await page.locator('#history tbody tr').count(), 2);
  assert.equal(await page.locator('#attendance tbody tr').count(), 3, 'the attendance is kept');
});

test('the case manager closes the path with the conclusive evaluation', async () => {
  const page = pages.cm;
  await page.goto(`${srv.base}/cases/${caseId}`);
  await page.click('#evaluation-link a');
  await page.waitForURL(`${srv.base}/cases/${caseId}/evaluation`);
  assert.ok(isToday(await page.locator('#f-written_on').inputValue()), 'today is proposed');
  await page.selectOption(`#f-result_${obj.work}`, 'achieved');
  await page.fill(`#f-result_note_${obj.work}`, 'Contratto a tempo indeterminato');
  await page.fill('#f-skills_acquired', 'Montaggio meccanico, puntualità, lavoro in squadra');
  await page.fill('#f-critical_issues', 'Conciliare gli orari con la scuola di Matteo');
  await page.fill('#f-resources_activated', 'Doposcuola comunale, rete di vicinato');
  await page.selectOption('#f-outcome', 'employed_host');
  await page.fill('#f-outcome_on', day(-1));
  await page.selectOption('#f-contract_type', 'permanent');
  // the completed internship is no longer open; the home education is
  assert.equal(await page.locator(`#iv-${iv.internship}`).count(), 0);
  assert.equal(await page.locator(`#iv-${iv.homeEd}`).count(), 1);
  await page.selectOption(`#f-end_${iv.homeEd}`, 'complete');
  // an objective left unjudged is refused next to it, nothing is closed
  await submit(page, '#evaluation-form', 422);
  assert.equal(await page.locator(`#f-result_${obj.school}`).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#f-skills_acquired').inputValue(), 'Montaggio meccanico, puntualità, lavoro in squadra');
  assert.equal((await ok('GET', `/api/v1/cases/${caseId}`)).closed_at, null);
  await page.selectOption(`#f-result_${obj.school}`, 'partly');
  await submit(page, '#evaluation-form');
  assert.equal(page.url(), `${srv.base}/cases/${caseId}/evaluation?done=1`);
  assert.equal(await page.locator('#done').count(), 1, 'the page says the path is closed');
  assert.equal(await page.locator('#evaluation-form').count(), 0, 'a closed path is read-only');
  assert.equal(await page.locator('#evaluation').count(), 1);
  const c = await ok('GET', `/api/v1/cases/${caseId}`);
  assert.ok(c.closed_at, 'the case is closed');
  assert.equal((await ivApi(iv.homeEd)).status, 'completed', 'the open intervention ended as chosen');
  await page.goto(`${srv.base}/cases/${caseId}`);
  assert.equal(await page.locator('#evaluation-link a[href$="/evaluation.pdf"]').count(), 1, 'the case says so too');
});

test('the manager reads the evaluation and its PDF', async () => {
  const page = pages.mgr;
  await page.goto(`${srv.base}/cases/${caseId}`);
  assert.equal(await page.locator('#evaluation-link a[href$="/evaluation"]').count(), 1, 'the case says it is closed');
  await page.click('#evaluation-link a[href$="/evaluation"]');
  await page.waitForURL(`${srv.base}/cases/${caseId}/evaluation`);
  const facts = (await page.locator('#evaluation dd').allTextContents()).map((s) => s.trim());
  assert.ok([uiDate(TODAY), uiDate(day(0))].includes(facts[0]), facts[0]);
  assert.equal(facts[1], 'Laura Bini');
  const outcome = facts[2];
  assert.equal(facts[3], uiDate(day(-1)));
  assert.ok(facts.includes('Montaggio meccanico, puntualità, lavoro in squadra'));
  const results = await page.locator('#results tbody tr').allTextContents();
  assert.equal(results.length, 2);
  assert.ok(results[0].includes(OBJECTIVE_WORK) && results[0].includes('Contratto a tempo indeterminato'));
  assert.ok(results[1].includes(OBJECTIVE_SCHOOL) && results[1].includes('Matteo Martelli'));
  const href = await page.locator('#pdf-link').getAttribute('href');
  const res = await page.context().request.get(`${srv.base}${href}`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^application\/pdf/);
  const text = execFileSync('pdftotext', ['-', '-'], { input: await res.body(), encoding: 'utf8' }).replace(/\s+/g, ' ');
  // (a table cell's wrapped lines come out interleaved with the next
  // column's: the school objective wraps, so only its first words)
  for (const s of ['Rosa Martelli', outcome, OBJECTIVE_WORK, OBJECTIVE_SCHOOL.split(' ').slice(0, 2).join(' '),
    'Montaggio meccanico', uiDate(day(-1))]) {
    assert.ok(text.includes(s), `the PDF has ${s}: ${text}`);
  }
});

test('a social worker leaves: the manager hands her cases over to two colleagues', async () => {
  const r = ali(['user', 'disable', 'sw', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  const page = pages.mgr;
  await page.goto(`${srv.base}/my-day`);
  assert.match(await page.locator('#my-orphans .text-danger').textContent(), /^2\D/,
    'the manager\'s day counts them');
  await page.click('#my-orphans a[href="/caseload/orphans"]');
  await page.waitForURL(`${srv.base}/caseload/orphans`);
  const orphans = await page.locator('#orphans tbody tr a').allTextContents();
  assert.deepEqual(orphans.sort(), ['Bianchi Sara', 'Conti Marco'], 'the closed case is no orphan');

  await page.goto(`${srv.base}/handover`);
  await page.selectOption('#f-from', String(users.sw));
  await page.selectOption('#f-role', 'social_worker');
  await submitGet(page, '#ho-from', /\/handover\?from=\d+&role=social_worker$/);
  assert.match(await page.locator('#ho-count').textContent(), /Giulia Neri\D+2\D/);
  await tick(page, `f-to_${users.sw2}`);
  await tick(page, `f-to_${users.sw3}`);
  await page.fill('#ho-to [name=note]', HANDOVER_NOTE);
  await submitGet(page, '#ho-to', /\/handover\?.*preview=1/);
  const spread = page.locator('#ho-spread tbody tr');
  assert.equal(await spread.count(), 2);
  const to = (await page.locator('#ho-spread tbody td:nth-child(2)').allTextContents()).sort();
  assert.deepEqual(to, ['Elena Marchi', 'Franco Pieri'], 'spread evenly');
  await page.fill(`#ho-spread [name="note.${others.conti}"]`, 'Marco aspetta il colloquio di giovedì');
  await submit(page, '#ho-confirm');
  assert.match(page.url(), /\/handover\?done=2$/);
  assert.equal(await page.locator('#ho-done').count(), 1);

  const now = {};
  for (const [key, id] of Object.entries(others)) {
    now[key] = (await ok('GET', `/api/v1/cases/${id}`)).social_worker?.name;
  }
  assert.deepEqual(Object.values(now).sort(), ['Elena Marchi', 'Franco Pieri']);
  await page.goto(`${srv.base}/cases/${others.conti}`);
  assert.ok((await page.locator('#case').textContent()).includes(now.conti), 'the case page names the new worker');
  assert.equal(one(`SELECT count(*) FROM case_assignment WHERE case_id=${others.conti} AND role='social_worker'`), 2,
    'the assignment history is kept');
  await page.goto(`${srv.base}/caseload/orphans`);
  assert.equal(await page.locator('#orphans-none').count(), 1, 'no case without a worker');
  await page.goto(`${srv.base}/my-day`);
  assert.equal(await page.locator('#my-orphans .text-danger').count(), 0, 'nor on the manager\'s day');
});
