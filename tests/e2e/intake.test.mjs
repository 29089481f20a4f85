// intake.test.mjs — the whole intake of one family in a real browser
// (Debian's Chromium driven by playwright-core, launched by browser.mjs),
// in Italian, the interface's default language.  The Martelli household:
// Rosa (the mother, the reference person), her adult daughter Chiara
// (20) and her two younger children Matteo (11) and Sara (8).
//
//   the social worker   logs in, opens the round's shortlist from the
//                       programme page, searches the family, ticks Rosa
//                       and shortlists her on a funding stream; fills in
//                       the Access and Evaluation Form (employability
//                       scores, vulnerabilities, free texts, ISCED,
//                       labour status, services), sees the screening's
//                       suggestion, confirms it, records "continue"
//   the manager         assigns the cooperative's case manager
//   the case manager    records a second interview, starts the project,
//                       adds objectives and interventions (an internship
//                       and a HACCP course for Rosa, home education for
//                       Matteo and Sara), sees the planning warning (the
//                       internship outlives the round), Rosa agrees; then
//                       the internship moves to Chiara with a reason; the
//                       versions page names both; the print page and its
//                       PDF (pdftotext) show the project
//   the manager         sees one agreed project on the round's funnel
//
// Only what the interface has no page for is set up otherwise: accounts
// (ali user add), the cooperative (SQL, like the HTTP tests' fixture),
// the round and the funding stream (the ali round / ali stream CLI) and
// the household (the people API).  Elements are found by id and name;
// text is compared only where it is data the test entered (names, the
// objective, the reason), never a translated label.  Runs on SQLite and
// on PostgreSQL (ALI_TEST_BACKEND).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, request, addUser, ali } from '../http/server.mjs';
import { sql, cf } from '../http/access_fixture.mjs';
import { launchBrowser, newPage, logIn } from './browser.mjs';

// Dates relative to today (UTC, the server's clock), so that "not in the
// future" holds and the round is under way.
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
const ROUND_START = day(-30);
const ROUND_END = day(150);

const FAMILY = {
  rosa: { person_ref: 'MRT-1', relationship: 'reference', first_name: 'Rosa', last_name: 'Martelli',
    codice_fiscale: cf('MRTRSO81C45G702'), gender: 'F', birth_date: day(-40, -45), minimum_income: true },
  chiara: { person_ref: 'MRT-2', relationship: 'child', first_name: 'Chiara', last_name: 'Martelli',
    gender: 'F', birth_date: day(-40, -20) },
  matteo: { person_ref: 'MRT-3', relationship: 'child', first_name: 'Matteo', last_name: 'Martelli',
    gender: 'M', birth_date: day(-40, -11) },
  sara: { person_ref: 'MRT-4', relationship: 'child', first_name: 'Sara', last_name: 'Martelli',
    gender: 'F', birth_date: day(-40, -8) },
};
const OBJECTIVE_WORK = 'Ottenere un contratto di lavoro nella ristorazione';
const OBJECTIVE_SCHOOL = 'Frequenza scolastica regolare dei figli minori';
const MOVE_REASON = 'Rosa ha trovato lavoro: il tirocinio passa alla figlia Chiara';

let srv, browser;
const people = {}; // person ids by FAMILY key
const users = {};  // app_user ids by username
let roundId, caseId;
const iv = {};     // intervention ids: internship, haccp, homeMatteo, homeSara
const pages = {};  // a logged-in page per person: sw, mgr, cm

const one = (text) => Number(sql(srv.db, text).trim());

before(async () => {
  srv = await startServer();
  sql(srv.db, `INSERT INTO organisation(agency_id, code, name, kind)
    SELECT id, 'coop_sole', 'Cooperativa Il Sole', 'cooperative' FROM agency WHERE code='sds';`);
  for (const [name, roles, org, full] of [
    ['mgr', ['manager'], null, 'Paola Ghelardi'],
    ['sw', ['social_worker'], null, 'Giulia Neri'],
    ['psy', ['psychotherapist'], null, 'Marco Santini'],
    ['cm', ['case_manager'], 'coop_sole', 'Laura Bini'],
    ['op', ['operator'], 'coop_sole', 'Davide Rossi'],
  ]) {
    addUser(srv.db, name, roles, { org, name: full });
    users[name] = one(`SELECT id FROM app_user WHERE username='${name}'`);
  }
  let r = ali(['round', 'add', 'R7', '--db', srv.db, '--name', 'Edizione autunno', '--start', ROUND_START,
    '--end', ROUND_END, '--max', '40', '--services', 'internship,haccp,safety,home_education,orientation']);
  assert.equal(r.status, 0, r.stderr);
  r = ali(['stream', 'add', 'fondo_poverta', '--db', srv.db, '--name', 'Fondo Povertà',
    '--allocation', '50000', '--rule', 'minimum_income']);
  assert.equal(r.status, 0, r.stderr);
  roundId = one("SELECT id FROM round WHERE code='R7'");
  for (const [key, p] of Object.entries(FAMILY)) {
    const res = await request(srv.base, 'POST', '/api/v1/people', { body: {
      ...p, household_ref: 'H-MRT', birth_country: 'IT', citizenship: 'IT', municipality: 'Pisa' } });
    assert.equal(res.status, 201, res.body);
    people[key] = res.json.id;
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

// Submits the form `form` (a selector) of `page` by its submit button and
// waits for the answer: the POST must be answered 303 (else the messages
// on the page it answered with are the failure), and the page it leads
// to has loaded.
async function submit(page, form) {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest());
  await page.locator(form).locator('button[type=submit]').click();
  const res = await posted;
  if (res.status() !== 303) {
    await page.waitForLoadState();
    const said = await page.locator('#errors, #conflict, #refused, .invalid-feedback').allTextContents();
    assert.fail(`POST ${new URL(res.url()).pathname} answered ${res.status()}: ${said.join(' | ')}`);
  }
  await page.waitForURL(new URL(res.headers().location, res.url()).href);
}

// Ticks a checkbox or radio as a person does: a Bootstrap Italia one
// (in a .form-check) is drawn by its label, so the label is clicked.
async function tick(page, id) {
  const input = page.locator(`[id="${id}"]`);
  if (await input.evaluate((e) => !!e.closest('.form-check'))) await page.locator(`label[for="${id}"]`).click();
  else await input.check();
  assert.ok(await input.isChecked(), `${id} is ticked`);
}

// Opens the <details> whose <summary> is `summary` (a selector), unless open.
async function open(page, summary) {
  const details = page.locator(summary).locator('xpath=..');
  if (!(await details.evaluate((d) => d.open))) await page.locator(summary).click();
}

// The intervention just added or saved: the id in the anchor redirected to.
function anchoredIntervention(page) {
  const m = /#intervention-(\d+)$/.exec(page.url());
  assert.ok(m, `redirected to an intervention: ${page.url()}`);
  return Number(m[1]);
}

test('the social worker shortlists the mother from the round\'s page', async () => {
  const page = pages.sw = await newPage(browser);
  await logIn(page, srv.base, 'sw', '/programme');
  await page.click(`a[href="/rounds/${roundId}/shortlist"]`);
  await page.waitForURL(`${srv.base}/rounds/${roundId}/shortlist`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'it');
  assert.match(await page.locator('#places').textContent(), /^40 .* 40$/);
  await page.fill('#f-q', 'martelli');
  await page.locator('form[role=search] button[type=submit]').click();
  await page.waitForURL(/\/shortlist\?q=martelli$/);
  const found = await page.locator('#results tbody tr td:nth-child(2) a').allTextContents();
  assert.deepEqual(found.sort(), ['Martelli Chiara', 'Martelli Matteo', 'Martelli Rosa', 'Martelli Sara']);
  await tick(page, `pick-${people.rosa}`);
  await page.selectOption('#f-funding_stream', 'fondo_poverta');
  assert.equal(await page.locator('#f-social_worker').inputValue(), 'sw', 'the social worker is proposed');
  await page.selectOption('#f-social_worker', 'sw');
  assert.ok(isToday(await page.locator('#f-shortlisted_on').inputValue()), 'today is proposed');
  await submit(page, '#shortlist-form');
  assert.match(page.url(), /\/shortlist\?added=1$/);
  assert.match(await page.locator('#added').textContent(), /1$/);
  assert.match(await page.locator('#places').textContent(), /^39 /);
  assert.deepEqual(await page.locator('#candidates tbody tr td:first-child a').allTextContents(), ['Martelli Rosa']);
  assert.equal(await page.locator('#candidates tbody td:nth-child(2)').textContent(), 'fondo_poverta');
  await page.click('#candidates a:text-is("Martelli Rosa")');
  await page.waitForURL(/\/cases\/\d+$/);
  caseId = Number(/\/cases\/(\d+)$/.exec(page.url())[1]);
  assert.match(await page.locator('h1').textContent(), /^Martelli Rosa .*R7/);
  assert.equal(await page.locator('#stage-shortlisted').getAttribute('aria-current'), 'step');
  assert.equal(await page.locator('#no-form').count(), 1);
});

test('the social worker fills in the Access and Evaluation Form', async () => {
  const page = pages.sw;
  await page.click('#form-link');
  await page.waitForURL(`${srv.base}/cases/${caseId}/form`);
  assert.equal(await page.locator('#screening-none').count(), 1);
  // the household from the registry, the participant marked
  const household = await page.locator('#household tbody td:first-child a').allTextContents();
  assert.deepEqual(household.map((s) => s.trim()).sort(),
    ['Martelli Chiara', 'Martelli Matteo', 'Martelli Rosa', 'Martelli Sara']);
  assert.equal(await page.locator('#f-social_worker_id').inputValue(), String(users.sw));
  await page.fill('#f-interview_on', TODAY);
  await page.selectOption('#f-psychotherapist_id', String(users.psy));
  // A click on the label ticks it: the date's floating label under it
  // must not cover it.
  await tick(page, 'f-privacy_notice');
  await page.fill('#f-privacy_signed_on', TODAY);
  if (await page.locator('#f-health').count()) await page.fill('#f-health', 'Nessun problema di salute riferito');
  for (const v of ['single_parent', 'unemployment', 'care_duties', 'low_skills']) await tick(page, `f-vuln-${v}`);
  // all eleven areas scored; a couple described
  const areas = await page.locator('#f-scores input[type=radio][value="1"]')
    .evaluateAll((els) => els.map((e) => e.name.slice('scores.'.length)));
  assert.equal(areas.length, 11, 'eleven employability areas');
  const score = { personal: 3, family: 1, economic: 1, education: 2, training: 2, communication: 3,
    italian: 4, digital: 2, contracts: 1, transversal: 3, mobility: 2 };
  for (const a of areas) {
    assert.ok(score[a], `a score for area ${a}`);
    await tick(page, `f-scores.${a}-${score[a]}`);
  }
  await page.fill('[id="f-descriptors.family"]', 'Madre sola con tre figli, nessuna rete parentale vicina');
  await page.fill('[id="f-descriptors.contracts"]', 'Solo lavori stagionali senza contratto');
  await page.fill('#f-past_work', 'Aiuto cuoca stagionale in uno stabilimento balneare');
  await page.fill('#f-skills', 'Preparazione dei pasti, pulizia della cucina');
  await page.fill('#f-work_difficulties', 'Orari compatibili con la scuola dei figli');
  await page.fill('#f-aspirations', 'Lavorare stabilmente in una mensa');
  await page.selectOption('#f-education_isced', '2');
  await page.selectOption('#f-labour_status', 'unemployed');
  await page.fill('#f-unemployed_months', '18');
  for (const s of ['internship', 'haccp', 'home_education']) await tick(page, `f-services-${s}`);
  assert.equal(await page.locator('#f-decision').inputValue(), '', 'nothing decided before the screening');
  await submit(page, '#access-form');
  assert.match(page.url(), /\/form\?saved=1#fs-decision$/);
  assert.equal(await page.locator('#saved').count(), 1);
  // the screening's suggestion; the decision is the social worker's, asked for, never preselected
  assert.equal(await page.locator('#suggestion').getAttribute('data-code'), 'suitable');
  assert.ok((await page.locator('#suggestion').textContent()).trim().length > 0);
  assert.equal(await page.locator('#f-decision').inputValue(), '');
  assert.equal(await page.locator('#decision-needed').count(), 1);
  // what was saved comes back
  assert.ok(await page.locator('[id="f-scores.italian-4"]').isChecked());
  assert.equal(await page.locator('[id="f-descriptors.contracts"]').inputValue(), 'Solo lavori stagionali senza contratto');
  assert.ok(await page.locator('#f-vuln-single_parent').isChecked());
  assert.ok(await page.locator('#f-services-haccp').isChecked());
  assert.equal(await page.locator('#f-education_isced').inputValue(), '2');
  // the social worker confirms the suggestion
  await page.selectOption('#f-decision', 'suitable');
  await submit(page, '#access-form');
  assert.equal(await page.locator('#decision-needed').count(), 0);
  assert.equal(await page.locator('#f-decision').inputValue(), 'suitable');
  assert.equal(await page.locator('#f-override_reason').inputValue(), '');
});

test('the social worker records the outcome: continue to the second interview', async () => {
  const page = pages.sw;
  await page.click(`.lead a[href="/cases/${caseId}"]`);
  await page.waitForURL(`${srv.base}/cases/${caseId}`);
  // interview date, suggestion, why, decision: the decision confirmed is the suggestion
  const facts = (await page.locator('#screening dd').allTextContents()).map((s) => s.trim());
  assert.equal(facts.length, 4);
  assert.notEqual(facts[3], '—', 'a decision is recorded');
  assert.equal(facts[3], facts[1]);
  await page.selectOption('#f-outcome', 'continue');
  await page.fill('#f-outcome_on', TODAY);
  await submit(page, '#outcome-form');
  assert.match(page.url(), /\?done=outcome$/);
  assert.equal(await page.locator('#done').count(), 1);
  assert.equal(await page.locator('#stage-first_interview').getAttribute('aria-current'), 'step');
  assert.equal(await page.locator('#outcome-form').count(), 0, 'the outcome is recorded once');
});

test('the manager assigns the cooperative\'s case manager', async () => {
  const page = pages.mgr = await newPage(browser);
  await logIn(page, srv.base, 'mgr', `/cases/${caseId}`);
  await open(page, '#case-manager details > summary');
  await page.selectOption('#f-assign-case_manager_id', String(users.cm));
  await submit(page, `form[action="/cases/${caseId}/assign"]`);
  assert.match(page.url(), /#case-manager$/);
  assert.equal(await page.locator('#case-manager-name').textContent(), 'Cooperativa Il Sole — Laura Bini');
});

test('the case manager holds the second interview and plans the project', async () => {
  const page = pages.cm = await newPage(browser);
  await logIn(page, srv.base, 'cm', `/cases/${caseId}`);
  await open(page, '#second-interviews details > summary');
  await page.fill('#f-interview-held_on', TODAY);
  await page.fill('#f-interview-notes', 'Colloquio con Rosa e Chiara sul progetto');
  await submit(page, `form[action="/cases/${caseId}/interviews"]`);
  assert.match(await page.locator('#interview-table tbody').textContent(), /Colloquio con Rosa e Chiara sul progetto/);
  assert.equal(await page.locator('#stage-second_interview').getAttribute('aria-current'), 'step');
  await submit(page, '#project-create-form');
  assert.equal(page.url(), `${srv.base}/cases/${caseId}/project`);
  assert.match(await page.locator('#participant').textContent(), /^Martelli Rosa/);
  assert.match(await page.locator('#project-state').getAttribute('class'), /bg-secondary/, 'a draft');

  // objectives: work for Rosa, school for the children
  for (const [text, who, indicator] of [
    [OBJECTIVE_WORK, 'rosa', 'Un contratto di almeno sei mesi'],
    [OBJECTIVE_SCHOOL, 'matteo', 'Nessuna assenza ingiustificata nel trimestre'],
  ]) {
    await open(page, '#objectives > details > summary');
    await page.fill('#f-objective-new-text', text);
    await page.selectOption('#f-objective-new-person_id', String(people[who]));
    await page.fill('#f-objective-new-target_on', day(140));
    await page.fill('#f-objective-new-indicator', indicator);
    await submit(page, `form[action="/cases/${caseId}/project/objectives"]`);
  }
  const objectives = await page.locator('#objective-table tbody tr td:first-child').allTextContents();
  assert.deepEqual(objectives, [OBJECTIVE_WORK, OBJECTIVE_SCHOOL]);

  // interventions; the internship ends after the round does
  const plan = [
    ['internship', 'internship', 'rosa', day(7), day(200), '300', '2.400,00', true],
    ['haccp', 'haccp', 'rosa', day(10), day(40), '12', '180,00', true],
    ['homeMatteo', 'home_education', 'matteo', day(7), day(120), '60', '900,00', false],
    ['homeSara', 'home_education', 'sara', day(7), day(120), '60', '900,00', false],
  ];
  for (const [key, service, who, start, end, hours, cost, byCoop] of plan) {
    await open(page, '#interventions > details > summary');
    await page.selectOption('#f-intervention-new-service', service);
    await page.selectOption('#f-intervention-new-person_id', String(people[who]));
    if (byCoop) {
      await page.selectOption('#f-intervention-new-organisation_id', { label: 'Cooperativa Il Sole' });
      await page.selectOption('#f-intervention-new-operator_id', String(users.op));
    }
    await page.fill('#f-intervention-new-planned_start', start);
    await page.fill('#f-intervention-new-planned_end', end);
    await page.fill('#f-intervention-new-planned_hours', hours);
    await page.fill('#f-intervention-new-estimated_cost', cost);
    assert.equal(await page.locator('#f-intervention-new-funding_stream').inputValue(), 'fondo_poverta');
    await submit(page, `form[action="/cases/${caseId}/project/interventions"]`);
    iv[key] = anchoredIntervention(page);
  }
  const recipients = {};
  for (const key of Object.keys(iv)) {
    recipients[key] = await page.locator(`#intervention-${iv[key]} td:nth-child(2)`).textContent();
  }
  assert.deepEqual(recipients, { internship: 'Rosa Martelli', haccp: 'Rosa Martelli',
    homeMatteo: 'Matteo Martelli', homeSara: 'Sara Martelli' });
  assert.match(await page.locator(`#intervention-${iv.haccp} td:first-child`).textContent(), /HACCP/);

  // the plan's warning: the internship outlives the round
  const warning = page.locator('#warnings li.warning-beyond_round_end');
  assert.equal(await warning.count(), 1, await page.locator('#warnings').textContent().catch(() => 'no warnings'));
  assert.equal(await warning.locator('a').getAttribute('href'), `#intervention-${iv.internship}`);
  const [y, m, d] = ROUND_END.split('-');
  assert.match(await warning.textContent(), new RegExp(`${d}/${m}/${y}`));

  await open(page, '#commitments > details > summary');
  await page.fill('#f-commitments-commitments', 'Partecipare agli incontri mensili e comunicare le assenze');
  await submit(page, `form[action="/cases/${caseId}/project/commitments"]`);
  assert.match(await page.locator('#commitments-text').textContent(), /incontri mensili/);
});

test('the participant agrees, then the internship moves to her daughter', async () => {
  const page = pages.cm;
  await page.fill('#f-agree-agreed_on', TODAY);
  await submit(page, '#agree');
  assert.match(await page.locator('#project-state').getAttribute('class'), /bg-success/, 'agreed');
  assert.match(await page.locator('#project-version').textContent(), /1$/);
  assert.equal(await page.locator('#agree').count(), 0);

  const row = `#intervention-${iv.internship}`;
  await open(page, `${row} details:has(form[action$="/interventions/${iv.internship}"]) > summary`);
  const key = `intervention-${iv.internship}`;
  assert.equal(await page.locator(`#f-${key}-service`).inputValue(), 'internship');
  await page.selectOption(`#f-${key}-person_id`, String(people.chiara));
  await page.fill(`#f-${key}-reason`, MOVE_REASON);
  await submit(page, `form[action="/cases/${caseId}/project/interventions/${iv.internship}"]`);
  assert.equal(anchoredIntervention(page), iv.internship);
  assert.match(await page.locator('#project-version').textContent(), /2$/);
  assert.equal(await page.locator(`${row} td:nth-child(2)`).textContent(), 'Chiara Martelli');
  assert.equal(await page.locator(`#intervention-${iv.haccp} td:nth-child(2)`).textContent(), 'Rosa Martelli');

  await page.click('#versions-link');
  await page.waitForURL(`${srv.base}/cases/${caseId}/project/versions`);
  assert.equal(await page.locator('section[id^="version-"]').count(), 2);
  const v2 = page.locator('#version-2');
  assert.equal(await v2.locator('.version-reason').textContent(), MOVE_REASON);
  const diff = await v2.locator('.diff-table tbody').textContent();
  assert.match(diff, /Rosa Martelli/, 'the diff names the mother');
  assert.match(diff, /Chiara Martelli/, 'and the daughter');
  assert.doesNotMatch(diff, /Sara Martelli|HACCP/, 'and nothing that did not change');
  assert.ok(await page.locator('#version-1 .diff-table').count(), 'version 1 lists the plan agreed');
});

test('the project prints, and its PDF has the names, objectives and interventions', async () => {
  const page = pages.cm;
  await page.goto(`${srv.base}/cases/${caseId}/project`);
  const pdfHref = await page.locator('#project-pdf').getAttribute('href');
  await page.click('#project-print');
  await page.waitForURL(`${srv.base}/cases/${caseId}/project/print`);
  const printed = await page.locator('main').textContent();
  for (const s of ['Rosa', 'Martelli', OBJECTIVE_WORK, OBJECTIVE_SCHOOL, 'Tirocinio', 'HACCP', 'Chiara', 'Matteo', 'Sara']) {
    assert.ok(printed.includes(s), `the print page shows ${s}`);
  }
  assert.equal(await page.locator('#signatures').count(), 1);
  const href = await page.locator('#pdf-link').getAttribute('href');
  assert.equal(href, pdfHref);
  const res = await page.context().request.get(`${srv.base}${href}`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^application\/pdf/);
  const pdf = await res.body();
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  // in reading order, a table cell's lines joined
  const text = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const s of ['Rosa Martelli', 'MRTRSO81', OBJECTIVE_WORK, OBJECTIVE_SCHOOL, 'Tirocinio Chiara Martelli',
    'Corso HACCP', 'Servizio educativo domiciliare per minori Matteo Martelli',
    'Servizio educativo domiciliare per minori Sara Martelli', 'incontri mensili']) {
    assert.ok(text.includes(s), `the PDF has ${s}`);
  }
  // without the session, no PDF
  const anon = await request(srv.base, 'GET', href, { token: null });
  assert.notEqual(anon.status, 200);
});

test('the manager sees the agreed project on the round\'s funnel', async () => {
  const page = pages.mgr;
  await page.goto(`${srv.base}/programme`);
  await page.click(`a[href="/rounds/${roundId}/funnel"]`);
  await page.waitForURL(`${srv.base}/rounds/${roundId}/funnel`);
  const count = async (stage) => (await page.locator(`#count-${stage} td`).first().textContent()).trim();
  assert.equal(await count('shortlisted'), '1');
  assert.equal(await count('agreed'), '1');
  assert.equal(await count('withdrew'), '0');
  assert.equal(await page.locator('#bar-agreed .ali-funnel-count').textContent(), '1');
  assert.equal(await page.locator('#count-decision-suitable td').first().textContent(), '1');
  assert.deepEqual(await page.locator('#list-agreed tbody td:first-child a').allTextContents(), ['Martelli Rosa']);
  assert.match(await page.locator('#list-agreed tbody tr').textContent(), /Laura Bini/);
});
