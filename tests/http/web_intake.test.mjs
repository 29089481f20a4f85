// web_intake.test.mjs — the web UI of the first half of intake: the
// shortlist of a round (search, multi-select, all or nothing), the case
// page (stage tracker, outcome, referral, withdrawal, each legal step and
// its illegal counterpart answered 409 with nothing written), the Access
// and Evaluation Form (validation next to the fields, the screening's
// suggestion and the decision, the health field as audited special-
// category data, the household from the registry), the funnel of a round
// (counts for everyone, names only for the cases one works on), and who
// may open each page.  Pages are asked for in English (Accept-Language)
// where the test reads their text; the default language is Italian.
// Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request } from './server.mjs';
import { buildAccessWorld, sql } from './access_fixture.mjs';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' };

let srv, world;
const ids = {};     // people
const cases = {};   // case ids by person key
const users = {};   // app_user ids by username
let round, coopA, serd;

// GET as `who` (a username of the world, or the tester), in English.
function get(path, who = 'tester', headers = {}) {
  return request(srv.base, 'GET', path, { token: world.tokens[who], headers: { 'Accept-Language': 'en', ...headers } });
}

// POST a urlencoded form as `who`; fields is an object or a list of pairs.
function post(path, fields, who = 'tester') {
  const body = new URLSearchParams(fields).toString();
  return request(srv.base, 'POST', path, { raw: body, headers: FORM, token: world.tokens[who] });
}

// The message under field `name`, or null.
function fieldError(html, name) {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`<div class="invalid-feedback d-block" id="e-${esc}">([^<]*)</div>`).exec(html);
  return m ? m[1] : null;
}

const one = (text) => Number(sql(srv.db, text).trim());
const stageOf = (key) => sql(srv.db, `SELECT stage FROM case_file WHERE id=${cases[key]}`).trim();
const auditCount = (action, entity, person) => one(`SELECT count(*) FROM audit WHERE action='${action}'
  AND entity='${entity}'${person ? ` AND person_id=${person}` : ''}`);

async function person(key, fields) {
  const r = await request(srv.base, 'POST', '/api/v1/people', { body: fields, token: srv.token });
  assert.equal(r.status, 201, r.body);
  ids[key] = r.json.id;
}

before(async () => {
  srv = await startServer();
  world = await buildAccessWorld(srv, { accounts: ['sw1', 'sw2', 'psy1', 'cm_a', 'ev'] });
  for (const u of ['sw1', 'sw2', 'psy1', 'cm_a']) users[u] = one(`SELECT id FROM app_user WHERE username='${u}'`);
  let r = await request(srv.base, 'POST', '/api/v1/rounds', { token: srv.token,
    body: { code: 'R1', name: 'Prima edizione', start_date: '2025-01-01', end_date: '2026-12-31', max_participants: 4 } });
  assert.equal(r.status, 201, r.body);
  round = r.json.id;
  for (const [code, rule] of [['rdc', 'minimum_income'], ['pon', null]]) {
    r = await request(srv.base, 'POST', '/api/v1/funding-streams', { token: srv.token,
      body: { code, name: `Fondo ${code}`, allocation_cents: 10000000, ...(rule ? { rule } : {}) } });
    assert.equal(r.status, 201, r.body);
  }
  sql(srv.db, `INSERT INTO organisation(agency_id, code, name, kind)
    SELECT id, 'serd', 'SerD Pisa', 'specialised_service' FROM agency WHERE code='sds';`);
  serd = one("SELECT id FROM organisation WHERE code='serd'");
  coopA = one("SELECT id FROM organisation WHERE code='coop_a'");
  const base = { birth_country: 'IT', citizenship: 'IT', municipality: 'Pisa' };
  await person('a', { ...base, person_ref: 'IN-A', household_ref: 'H-IN-A', first_name: 'Lucia', last_name: 'Ferretti',
    gender: 'F', birth_date: '1984-03-02', minimum_income: true });
  await person('aChild', { ...base, person_ref: 'IN-A2', household_ref: 'H-IN-A', relationship: 'child',
    first_name: 'Giulio', last_name: 'Ferretti', gender: 'M', birth_date: '2012-09-14' });
  await person('b', { ...base, person_ref: 'IN-B', household_ref: 'H-IN-B', first_name: 'Marco', last_name: 'Baldi',
    minimum_income: false });
  await person('c', { ...base, person_ref: 'IN-C', household_ref: 'H-IN-C', first_name: 'Sara', last_name: 'Contini',
    minimum_income: true });
  await person('d', { ...base, person_ref: 'IN-D', household_ref: 'H-IN-D', first_name: 'Paolo', last_name: 'Nerucci',
    minimum_income: true });
  await person('e', { ...base, person_ref: 'IN-E', household_ref: 'H-IN-E', first_name: 'Anna', last_name: 'Rossetti',
    minimum_income: true });
});
after(async () => { await srv?.stop(); });

const caseOf = (key) => one(`SELECT id FROM case_file WHERE round_id=${round} AND person_id=${ids[key]}`);

// A complete form; `over` replaces fields.
function accessForm(over = {}) {
  const f = {
    interview_on: '2025-02-10', social_worker_id: String(users.sw1), psychotherapist_id: String(users.psy1),
    privacy_notice: '1', privacy_signed_on: '2025-02-10', past_work: 'Cameriera stagionale',
    skills: 'Cucina, accoglienza', work_difficulties: '', aspirations: 'Lavorare in una mensa',
    education_isced: '3', labour_status: 'unemployed', unemployed_months: '14', decision: '', override_reason: '',
    ...over,
  };
  return f;
}

// The scores of every area of the form page, each `score`.
function allScores(html, score) {
  const areas = [...new Set([...html.matchAll(/name="scores\.([a-z_]+)"/g)].map((m) => m[1]))];
  assert.equal(areas.length, 11, 'eleven employability areas');
  return areas.map((a) => [`scores.${a}`, String(score)]);
}

test('the shortlist: places, search, all or nothing, then the candidates', async () => {
  let r = await get(`/rounds/${round}/shortlist`, 'sw1');
  assert.equal(r.status, 200, r.body);
  assert.match(r.body, /<html lang="en">/);
  assert.match(r.body, /id="places">4 places left of 4</);
  assert.match(r.body, /id="no-candidates"/);
  // the default language is Italian
  const it = await request(srv.base, 'GET', `/rounds/${round}/shortlist`, { token: world.tokens.sw1 });
  assert.match(it.body, /<html lang="it">/);
  // a search shows checkboxes; the streams say their rule in words
  r = await get(`/rounds/${round}/shortlist?q=ferr`, 'sw1');
  assert.match(r.body, new RegExp(`name="person_id" value="${ids.a}"`));
  assert.match(r.body, new RegExp(`name="person_id" value="${ids.aChild}"`));
  assert.match(r.body, /<option value="rdc">Fondo rdc — minimum-income recipients<\/option>/);
  assert.match(r.body, /<option value="pon">Fondo pon — open to everyone<\/option>/);
  assert.match(r.body, /<option value="sw1" selected>/, 'the social worker defaults to the caller');

  // Baldi receives no minimum income: the whole submission is refused
  const casesBefore = one(`SELECT count(*) FROM case_file WHERE round_id=${round}`);
  const auditBefore = auditCount('create', 'case');
  r = await post(`/rounds/${round}/shortlist`, [['person_id', ids.a], ['person_id', ids.b], ['person_id', ids.c],
    ['funding_stream', 'rdc'], ['social_worker', 'sw1'], ['shortlisted_on', '2025-02-01']], 'sw1');
  assert.equal(r.status, 422, r.body.slice(0, 500));
  assert.match(r.body, /id="refused"/);
  const refused = /<ul class="mb-0"><li data-person="(\d+)"><strong>([^<]+)<\/strong>: ([^<]+)<\/li><\/ul>/.exec(r.body);
  assert.ok(refused, 'one person refused, named with the reason');
  assert.equal(Number(refused[1]), ids.b);
  assert.equal(refused[2], 'Baldi Marco');
  assert.match(refused[3], /minimum income/);
  assert.match(r.body, /id="places">4 places left of 4</, 'the places of the rolled-back ones are not taken');
  assert.match(r.body, /id="no-candidates"/, 'nobody appears as shortlisted');
  assert.match(r.body, new RegExp(`value="${ids.a}" id="pick-${ids.a}" checked`), 'the ticks are kept');
  assert.equal(one(`SELECT count(*) FROM case_file WHERE round_id=${round}`), casesBefore, 'nothing written');
  assert.equal(auditCount('create', 'case'), auditBefore);

  // the form's own fields
  r = await post(`/rounds/${round}/shortlist`, [['funding_stream', ''], ['social_worker', ''], ['shortlisted_on', '1.2.25']], 'sw1');
  assert.equal(r.status, 422);
  assert.ok(fieldError(r.body, 'person_id'));
  assert.ok(fieldError(r.body, 'funding_stream'));
  assert.ok(fieldError(r.body, 'social_worker'));
  assert.ok(fieldError(r.body, 'shortlisted_on'));

  // without Baldi it goes through
  r = await post(`/rounds/${round}/shortlist`, [['person_id', ids.a], ['person_id', ids.c],
    ['funding_stream', 'rdc'], ['social_worker', 'sw1'], ['shortlisted_on', '2025-02-01']], 'sw1');
  assert.equal(r.status, 303, r.body.slice(0, 500));
  assert.equal(r.headers.get('location'), `/rounds/${round}/shortlist?added=2`);
  cases.a = caseOf('a');
  cases.c = caseOf('c');
  assert.equal(auditCount('create', 'case'), auditBefore + 2, 'each case audited');
  assert.equal(auditCount('create', 'case', ids.a), 1);
  r = await post(`/rounds/${round}/shortlist`, [['person_id', ids.d], ['person_id', ids.e],
    ['funding_stream', 'pon'], ['social_worker', 'sw2'], ['shortlisted_on', '2025-02-03']], 'tester');
  assert.equal(r.status, 303, r.body.slice(0, 500));
  cases.d = caseOf('d');
  cases.e = caseOf('e');

  r = await get(`/rounds/${round}/shortlist?added=2`, 'sw1');
  assert.match(r.body, /id="added">Candidates added to the shortlist: 2</);
  assert.match(r.body, /id="places">0 places left of 4</);
  assert.match(r.body, new RegExp(`<a href="/cases/${cases.a}">Ferretti Lucia</a>`));
  assert.match(r.body, new RegExp(`<a href="/cases/${cases.c}">Contini Sara</a>`));
  assert.doesNotMatch(r.body, /Nerucci/, 'sw2\'s candidates are not named to sw1');
  assert.match(r.body, /id="hidden-candidates">Candidates of cases you do not work on: 2</);
  // a candidate cannot be ticked twice
  r = await get(`/rounds/${round}/shortlist?q=ferretti`, 'sw1');
  assert.doesNotMatch(r.body, new RegExp(`name="person_id" value="${ids.a}"`));
  assert.match(r.body, /already a candidate/);
  // the round is full
  r = await post(`/rounds/${round}/shortlist`, [['person_id', ids.aChild], ['funding_stream', 'pon'],
    ['social_worker', 'sw1']], 'sw1');
  assert.equal(r.status, 422);
  assert.match(r.body, /no places left/);
});

test('who may open the intake pages', async () => {
  for (const [who, path, status] of [
    ['ev', `/rounds/${round}/shortlist`, 403], ['psy1', `/rounds/${round}/shortlist`, 403],
    ['ev', `/rounds/${round}/funnel`, 403], ['psy1', `/rounds/${round}/funnel`, 403],
    ['cm_a', `/rounds/${round}/funnel`, 403], ['sw2', `/rounds/${round}/funnel`, 200],
    ['sw2', `/cases/${cases.a}`, 404], ['cm_a', `/cases/${cases.a}`, 404], ['psy1', `/cases/${cases.a}`, 404],
    ['sw1', `/cases/${cases.a}`, 200], ['tester', `/cases/${cases.a}`, 200],
    ['sw1', `/cases/${cases.a}/form`, 200], ['sw2', `/cases/${cases.a}/form`, 404], ['cm_a', `/cases/${cases.a}/form`, 403],
    ['tester', '/rounds/999999/shortlist', 404], ['tester', '/rounds/999999/funnel', 404],
  ]) {
    const r = await get(path, who);
    assert.equal(r.status, status, `${who} ${path}: ${r.body.slice(0, 300)}`);
  }
  // a refused case is the page of a missing one
  const denied = await get(`/cases/${cases.a}`, 'sw2');
  const unknown = await get('/cases/99999999', 'sw2');
  assert.equal(unknown.status, 404);
  assert.equal(denied.body.replace(/\d+/g, '#'), unknown.body.replace(/\d+/g, '#'));
  assert.doesNotMatch(denied.body, /Ferretti/);
  // writes are refused the same way
  const w = await post(`/cases/${cases.a}/withdraw`, { withdraw_on: '2025-02-05', withdraw_reason: 'other' }, 'sw2');
  assert.equal(w.status, 404);
  assert.equal(stageOf('a'), 'shortlisted');
  // the programme page links each round's shortlist and funnel for those who may open them
  let r = await get('/programme', 'sw1');
  assert.match(r.body, new RegExp(`href="/rounds/${round}/shortlist"`));
  assert.match(r.body, new RegExp(`href="/rounds/${round}/funnel"`));
  r = await get('/programme', 'psy1');
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.body, /\/shortlist"/);
  // the person page lists the paths
  r = await get(`/people/${ids.a}`, 'sw1');
  assert.match(r.body, /id="cases"/);
  assert.match(r.body, new RegExp(`<code>R1</code></td><td>Shortlisted</td><td><a href="/cases/${cases.a}">`));
  r = await get(`/people/${ids.a}`, 'sw2');
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.body, /id="cases"/, 'not for the registry view');
});

test('the case page: header, tracker and the actions of the stage', async () => {
  const r = await get(`/cases/${cases.a}`, 'sw1');
  assert.equal(r.status, 200);
  assert.match(r.body, new RegExp(`<a href="/people/${ids.a}">Ferretti Lucia</a>`));
  assert.match(r.body, /<dt class="col-sm-4">Funding stream<\/dt><dd class="col-sm-8">rdc<\/dd>/);
  assert.match(r.body, /<li class="ali-stage ali-stage-current" id="stage-shortlisted" aria-current="step">/);
  assert.match(r.body, /id="stage-first_interview"/);
  assert.match(r.body, /id="no-form"/);
  assert.match(r.body, new RegExp(`href="/cases/${cases.a}/form"`));
  assert.match(r.body, /id="outcome-form"/);
  assert.match(r.body, /id="withdraw-form"/);
  assert.match(r.body, /name="withdraw_reason"/);
  assert.match(r.body, /<option value="expected_benefit">Expected a benefit in exchange<\/option>/i);
  assert.match(r.body, /name="referral_organisation"/);
});

test('the form: errors next to the fields, values kept, nothing written', async () => {
  let r = await get(`/cases/${cases.a}/form`, 'sw1');
  assert.equal(r.status, 200);
  assert.match(r.body, /name="interview_on" value="\d{4}-\d{2}-\d{2}"/, 'today by default');
  assert.match(r.body, new RegExp(`<option value="${users.sw1}" selected>`), 'the case\'s social worker');
  assert.match(r.body, new RegExp(`href="/people/${ids.aChild}/edit">Ferretti Giulio</a>`), 'the household, editable in the registry');
  assert.match(r.body, /14\/09\/2012|2012-09-14/);
  assert.match(r.body, /name="vulnerabilities" id="f-vuln-suspected_addiction"/);
  assert.match(r.body, /id="score-legend">1 serious obstacle/);
  assert.match(r.body, /name="services" id="f-services-haccp"/);
  assert.match(r.body, /<option value="6">6 · Bachelor/);
  assert.match(r.body, /id="f-health"/);
  assert.match(r.body, /id="screening-none"/);
  const bad = [...Object.entries(accessForm({ interview_on: '', privacy_signed_on: '', vulnerability_other: '',
    skills: 'Sa guidare il muletto' })), ['vulnerabilities', 'other'], ['scores.personal', '7'],
    ['descriptors.family', 'rete familiare assente'], ['health', 'Diabete di tipo 2']];
  r = await post(`/cases/${cases.a}/form`, bad, 'sw1');
  assert.equal(r.status, 422, r.body.slice(0, 500));
  for (const f of ['interview_on', 'privacy_signed_on', 'vulnerability_other', 'scores.personal', 'scores.family']) {
    assert.ok(fieldError(r.body, f), `an error under ${f}`);
  }
  assert.match(r.body, /id="errors"/);
  assert.match(r.body, /Sa guidare il muletto/, 'typed values are kept');
  assert.match(r.body, /Diabete di tipo 2/);
  assert.match(r.body, /id="f-vuln-other" value="other" checked/);
  assert.equal(one(`SELECT count(*) FROM access_form WHERE case_id=${cases.a}`), 0, 'no form saved');
  assert.equal(one(`SELECT count(*) FROM person_sensitive WHERE person_id=${ids.a} AND health IS NOT NULL`), 0,
    'nor the health text');
});

test('the form: the screening suggests, the decision overrides with a reason, health is audited', async () => {
  const page = (await get(`/cases/${cases.a}/form`, 'sw1')).body;
  // unemployment only and strengths everywhere: "needs a job only"
  const fields = [...Object.entries(accessForm({ decision: 'suitable' })), ['vulnerabilities', 'unemployment'],
    ...allScores(page, 4), ['descriptors.personal', 'Autonoma e motivata'], ['services', 'haccp'], ['services', 'safety'],
    ['health', 'Diabete di tipo 2, ben compensato']];
  let r = await post(`/cases/${cases.a}/form`, fields, 'sw1');
  assert.equal(r.status, 422, r.body.slice(0, 500));
  assert.ok(fieldError(r.body, 'override_reason'), 'a decision against the suggestion needs a reason');
  assert.equal(one(`SELECT count(*) FROM access_form WHERE case_id=${cases.a}`), 0);
  const writesBefore = auditCount('update_sensitive', 'person', ids.a);
  r = await post(`/cases/${cases.a}/form`, fields.map(([k, v]) => [k, k === 'override_reason'
    ? 'Ha bisogno di un percorso accompagnato: lunga assenza dal lavoro' : v]), 'sw1');
  assert.equal(r.status, 303, r.body.slice(0, 500));
  assert.equal(r.headers.get('location'), `/cases/${cases.a}/form?saved=1#fs-decision`);
  assert.equal(auditCount('create', 'case', ids.a), 2, 'the form is audited on the case');
  assert.equal(auditCount('update_sensitive', 'person', ids.a), writesBefore + 1, 'the health write is audited');
  const readsBefore = auditCount('read_sensitive', 'person', ids.a);
  r = await get(`/cases/${cases.a}/form?saved=1`, 'sw1');
  assert.match(r.body, /id="saved"/);
  assert.match(r.body, /id="suggestion" data-code="job_only"/);
  assert.match(r.body, /id="screening-reason">Good employability/);
  assert.match(r.body, /<option value="suitable" selected>/);
  assert.match(r.body, /Diabete di tipo 2, ben compensato/);
  assert.match(r.body, /id="f-scores\.personal-4" value="4" checked/);
  assert.match(r.body, /id="f-services-haccp" value="haccp" checked/);
  assert.doesNotMatch(r.body, /id="referral-prompt"/);
  assert.equal(auditCount('read_sensitive', 'person', ids.a), readsBefore + 1, 'the health read is audited');
  // the psychotherapist named on the form now works on the case
  r = await get(`/cases/${cases.a}`, 'psy1');
  assert.equal(r.status, 200);
  assert.match(r.body, /<dt class="col-sm-4">Psychotherapist<\/dt><dd class="col-sm-8">psy1<\/dd>/);
  r = await get(`/cases/${cases.a}/form`, 'psy1');
  assert.equal(r.status, 200);
  assert.match(r.body, /Diabete di tipo 2/);
});

test('suspected addiction: the referral prompt, a referral, then not suitable', async () => {
  const page = (await get(`/cases/${cases.c}/form`, 'sw1')).body;
  let r = await post(`/cases/${cases.c}/form`, [...Object.entries(accessForm()), ['vulnerabilities', 'unemployment'],
    ['vulnerabilities', 'suspected_addiction'], ...allScores(page, 2)], 'sw1');
  assert.equal(r.status, 303, r.body.slice(0, 500));
  r = await get(`/cases/${cases.c}/form`, 'sw1');
  assert.match(r.body, /id="suggestion" data-code="refer"/);
  assert.match(r.body, /id="referral-prompt"/);
  assert.match(r.body, new RegExp(`href="/cases/${cases.c}#referral-form"`));
  // the decision is the social worker's: asked for, not preselected
  assert.doesNotMatch(/<select id="f-decision".*?<\/select>/s.exec(r.body)[0], / selected/);
  assert.match(r.body, /id="decision-needed"/);
  r = await get(`/cases/${cases.c}`, 'sw1');
  assert.match(r.body, /id="referral-prompt"/);

  // continue needs a suitable decision: 409, the case as it was
  r = await post(`/cases/${cases.c}/outcome`, { outcome: 'continue', outcome_on: '2025-02-12' }, 'sw1');
  assert.equal(r.status, 409, r.body.slice(0, 500));
  assert.match(r.body, /id="conflict"/);
  assert.match(r.body, /judged suitable/);
  assert.match(r.body, /id="stages"/, 'the case page comes with it');
  assert.equal(stageOf('c'), 'shortlisted');

  // the referral: validation, a service of the wrong kind, then one that goes
  r = await post(`/cases/${cases.c}/referrals`, { referral_organisation: String(serd), referral_reason: '' }, 'sw1');
  assert.equal(r.status, 422);
  assert.ok(fieldError(r.body, 'referral_reason'));
  assert.match(r.body, /<details class="mb-3" id="referral-form" open>/);
  r = await post(`/cases/${cases.c}/referrals`, { referral_organisation: String(coopA), referral_reason: 'Uso di alcol' }, 'sw1');
  assert.equal(r.status, 422);
  assert.ok(fieldError(r.body, 'referral_organisation'));
  assert.equal(one(`SELECT count(*) FROM referral WHERE case_id=${cases.c}`), 0);
  const before = auditCount('update', 'case', ids.c);
  r = await post(`/cases/${cases.c}/referrals`, { referral_organisation: String(serd),
    referral_reason: 'Sospetto uso problematico di alcol' }, 'sw1');
  assert.equal(r.status, 303, r.body.slice(0, 500));
  assert.equal(r.headers.get('location'), `/cases/${cases.c}?done=referral`);
  assert.equal(auditCount('update', 'case', ids.c), before + 1);
  r = await get(`/cases/${cases.c}?done=referral`, 'sw1');
  assert.match(r.body, /id="done"/);
  assert.match(r.body, /<td>SerD Pisa<\/td><td>Sospetto uso problematico di alcol<\/td><td>sent<\/td>/);
  assert.doesNotMatch(r.body, /id="referral-prompt"/, 'the prompt goes once the referral exists');

  // confirm the decision, then not suitable
  r = await post(`/cases/${cases.c}/form`, [...Object.entries(accessForm({ decision: 'refer' })),
    ['vulnerabilities', 'unemployment'], ['vulnerabilities', 'suspected_addiction'], ...allScores(page, 2)], 'sw1');
  assert.equal(r.status, 303, r.body.slice(0, 500));
  r = await post(`/cases/${cases.c}/outcome`, { outcome: 'not_suitable', outcome_on: '2025-02-12',
    outcome_note: 'Inviata al SerD' }, 'sw1');
  assert.equal(r.status, 303, r.body.slice(0, 500));
  assert.equal(stageOf('c'), 'not_suitable');
  r = await get(`/cases/${cases.c}`, 'sw1');
  assert.match(r.body, /<li class="ali-stage ali-stage-exit" id="stage-not_suitable"/);
  assert.match(r.body, /id="exit-reason">Refer to a specialised service</);
  assert.doesNotMatch(r.body, /id="outcome-form"/);
  assert.doesNotMatch(r.body, /id="withdraw-form"/);
  // a closed candidacy: no second outcome, no withdrawal, no more form
  r = await post(`/cases/${cases.c}/outcome`, { outcome: 'withdrew', outcome_on: '2025-02-13', outcome_reason: 'other' }, 'sw1');
  assert.equal(r.status, 409);
  r = await post(`/cases/${cases.c}/withdraw`, { withdraw_on: '2025-02-13', withdraw_reason: 'other' }, 'sw1');
  assert.equal(r.status, 409);
  assert.match(r.body, /id="conflict"/);
  r = await post(`/cases/${cases.c}/form`, [...Object.entries(accessForm()), ...allScores(page, 3)], 'sw1');
  assert.equal(r.status, 409);
  assert.match(r.body, /id="read-only"/);
  assert.equal(stageOf('c'), 'not_suitable');
});

test('every outcome of the first interview, and its illegal counterpart', async () => {
  // without a form: neither continue nor not suitable
  for (const outcome of ['continue', 'not_suitable']) {
    const r = await post(`/cases/${cases.e}/outcome`, { outcome, outcome_on: '2025-02-12' }, 'tester');
    assert.equal(r.status, 409, `${outcome}: ${r.body.slice(0, 300)}`);
    assert.match(r.body, /has not been saved/);
  }
  assert.equal(stageOf('e'), 'shortlisted');
  // withdrew needs its reason; a date in the future is refused
  let r = await post(`/cases/${cases.d}/outcome`, { outcome: 'withdrew', outcome_on: '2025-02-12' }, 'tester');
  assert.equal(r.status, 422);
  assert.ok(fieldError(r.body, 'outcome_reason'));
  r = await post(`/cases/${cases.d}/outcome`, { outcome: 'withdrew', outcome_on: '2999-01-01', outcome_reason: 'other' }, 'tester');
  assert.equal(r.status, 422);
  assert.ok(fieldError(r.body, 'outcome_on'));
  r = await post(`/cases/${cases.d}/outcome`, { outcome: 'maybe', outcome_on: '2025-02-12' }, 'tester');
  assert.equal(r.status, 422);
  assert.ok(fieldError(r.body, 'outcome'));
  assert.equal(stageOf('d'), 'shortlisted');
  r = await post(`/cases/${cases.d}/outcome`, { outcome: 'withdrew', outcome_on: '2025-02-12',
    outcome_reason: 'expected_benefit', outcome_note: 'Sperava in un sussidio' }, 'tester');
  assert.equal(r.status, 303, r.body.slice(0, 500));
  assert.equal(stageOf('d'), 'withdrew');
  r = await get(`/cases/${cases.d}`);
  assert.match(r.body, /id="exit-reason">Expected a benefit in exchange</i);

  // continue: the suitable candidate moves on, once
  r = await post(`/cases/${cases.a}/outcome`, { outcome: 'continue', outcome_on: '2025-02-12' }, 'sw1');
  assert.equal(r.status, 303, r.body.slice(0, 500));
  assert.equal(stageOf('a'), 'first_interview');
  r = await get(`/cases/${cases.a}?done=outcome`, 'sw1');
  assert.match(r.body, /<li class="ali-stage ali-stage-done" id="stage-shortlisted">/);
  assert.match(r.body, /<li class="ali-stage ali-stage-current" id="stage-first_interview" aria-current="step"><span>First interview done<\/span> <span class="ali-stage-date">2025-02-10<\/span>/);
  assert.doesNotMatch(r.body, /id="outcome-form"/);
  r = await post(`/cases/${cases.a}/outcome`, { outcome: 'not_suitable', outcome_on: '2025-02-13' }, 'sw1');
  assert.equal(r.status, 409);
  assert.match(r.body, /already closed/);
  r = await get(`/cases/${cases.a}/form`, 'sw1');
  assert.match(r.body, /<fieldset disabled>/);
  assert.equal(stageOf('a'), 'first_interview');
});

test('withdrawal: validation, the legal step, and none after an exit', async () => {
  let r = await post(`/cases/${cases.a}/withdraw`, { withdraw_on: '2025-02-20', withdraw_reason: '' }, 'sw1');
  assert.equal(r.status, 422);
  assert.ok(fieldError(r.body, 'withdraw_reason'));
  assert.match(r.body, /<section class="mt-4" id="withdraw"><details open>/);
  r = await post(`/cases/${cases.a}/withdraw`, { withdraw_on: '2025-02-20', withdraw_reason: 'found_job',
    withdraw_note: 'Assunta in una mensa aziendale' }, 'sw1');
  assert.equal(r.status, 303, r.body.slice(0, 500));
  assert.equal(r.headers.get('location'), `/cases/${cases.a}?done=withdraw`);
  assert.equal(stageOf('a'), 'withdrew');
  const detail = sql(srv.db, `SELECT detail FROM audit WHERE action='update' AND entity='case'
    AND entity_id=${cases.a} ORDER BY id DESC LIMIT 1`);
  assert.match(detail, /"reason":"found_job"/);
  assert.doesNotMatch(detail, /mensa/, 'no free text in the trail');
  r = await get(`/cases/${cases.a}`, 'sw1');
  assert.match(r.body, /id="stage-first_interview"/, 'the steps reached stay in the tracker');
  assert.match(r.body, /id="stage-withdrew"/);
  assert.doesNotMatch(r.body, /id="stage-second_interview"/);
  r = await post(`/cases/${cases.a}/withdraw`, { withdraw_on: '2025-02-21', withdraw_reason: 'other' }, 'sw1');
  assert.equal(r.status, 409);
});

test('the funnel: counts for the round, names for one\'s own cases, filters', async () => {
  // now: a withdrew after the first interview, c not suitable, d withdrew, e shortlisted
  let r = await get(`/rounds/${round}/funnel`, 'tester');
  assert.equal(r.status, 200, r.body.slice(0, 300));
  const count = (html, id) => Number(new RegExp(`<tr id="count-${id}"><th scope="row">[^<]*</th><td class="text-end">(\\d+)</td>`).exec(html)?.[1]);
  const want = { shortlisted: 4, first_interview: 1, second_interview: 0, agreed: 0, not_suitable: 1, withdrew: 2,
    'withdrew-at-shortlisted': 1, 'withdrew-at-first_interview': 1, 'reason-expected_benefit': 1, 'reason-found_job': 1,
    'decision-suitable': 1, 'decision-refer': 1, 'decision-job_only': 0, overrides: 1 };
  for (const [id, n] of Object.entries(want)) assert.equal(count(r.body, id), n, id);
  assert.match(r.body, /<li class="ali-funnel-row" id="bar-shortlisted">.*?<span class="ali-bar ali-w-100"><\/span>/);
  assert.match(r.body, /id="bar-withdrew">.*?<span class="ali-bar ali-bar-exit ali-w-50"><\/span>/);
  assert.match(r.body, /<td class="text-end">25.0%<\/td>/);
  for (const name of ['Ferretti Lucia', 'Contini Sara', 'Nerucci Paolo', 'Rossetti Anna']) assert.ok(r.body.includes(name), name);
  // sw1: the same figures, only her cases by name
  r = await get(`/rounds/${round}/funnel`, 'sw1');
  assert.equal(count(r.body, 'shortlisted'), 4);
  assert.match(r.body, new RegExp(`<a href="/cases/${cases.a}">Ferretti Lucia</a>`));
  assert.doesNotMatch(r.body, /Nerucci|Rossetti/);
  assert.match(r.body, /id="hidden-shortlisted">Candidates of cases you do not work on: 1</);
  assert.match(r.body, /id="hidden-withdrew">Candidates of cases you do not work on: 1</);
  // filtered by social worker
  r = await get(`/rounds/${round}/funnel?social_worker=${users.sw2}`, 'tester');
  assert.equal(count(r.body, 'shortlisted'), 2);
  assert.equal(count(r.body, 'withdrew'), 1);
  assert.doesNotMatch(r.body, /Ferretti Lucia/);
  assert.match(r.body, new RegExp(`<option value="${users.sw2}" selected>`));
  // and by cooperative: none of these cases has one yet
  r = await get(`/rounds/${round}/funnel?organisation=${coopA}`, 'tester');
  assert.equal(count(r.body, 'shortlisted'), 0);
  assert.match(r.body, new RegExp(`<option value="${coopA}" selected>Cooperativa A</option>`));
  // the Italian page is the default
  r = await request(srv.base, 'GET', `/rounds/${round}/funnel`, { token: world.tokens.sw1 });
  assert.match(r.body, /<html lang="it">/);
});
