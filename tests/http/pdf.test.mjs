// pdf.test.mjs — the printable documents of a case (src/web/page_print.c,
// src/report/): the Access and Evaluation Form and the Personalised
// Individual Project as PDF, from the web UI (with a browser session) and
// from the API (with a token), in Italian and in English, and as
// print-friendly pages.  The PDFs' text is extracted with pdftotext and
// must hold the participant, the objectives, the interventions and the
// signature lines; a case the caller may not read answers 404 exactly
// like a missing case; every document handed out is audited as an export
// (and the reading of health with it).
//
// The world is tests/http/access_fixture.mjs: Mirella Zanobini's case
// ("own"), held by sw1 and followed by cm_a of coop_a, with a draft
// project; this file adds an objective and an intervention for her son
// Tommaso through the API and agrees the project.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, request, ali, TEST_PASSWORD } from './server.mjs';
import { buildAccessWorld, PEOPLE, NOTES, sql } from './access_fixture.mjs';

let srv, world, own;

const CHILD_OBJECTIVE = 'Sostegno scolastico: più autonomia nello studio, perché è già in quinta';
const CHILD_INDICATOR = 'Promozione senza debiti formativi';

before(async () => {
  srv = await startServer();
  world = await buildAccessWorld(srv, { accounts: ['sw1', 'sw2', 'psy1', 'cm_a', 'cm_b'] });
  own = world.cases.own;
  const t = world.tokens.cm_a;
  const coop = Number(sql(srv.db, "SELECT id FROM organisation WHERE code='coop_a'").trim());
  let r = await request(srv.base, 'POST', `/api/v1/cases/${own}/project/objectives`, {
    token: t, body: { person_id: world.ids.ownChild, text: CHILD_OBJECTIVE, indicator: CHILD_INDICATOR, target_on: '2025-06-30' },
  });
  assert.equal(r.status, 201, r.body);
  r = await request(srv.base, 'POST', `/api/v1/cases/${own}/project/interventions`, {
    token: t, body: { service: 'home_education', person_id: world.ids.ownChild, organisation_id: coop,
      planned_start: '2024-03-01', planned_end: '2024-12-20', planned_sessions: 40, estimated_cost_cents: 98050 },
  });
  assert.equal(r.status, 201, r.body);
  r = await request(srv.base, 'POST', `/api/v1/cases/${own}/project/agreement`, { token: t, body: { agreed_on: '2024-02-10' } });
  assert.equal(r.status, 200, r.body);
});
after(async () => { await srv?.stop(); });

// A browser session of `username`: its cookie.
async function session(username) {
  const body = new URLSearchParams({ username, password: TEST_PASSWORD, next: '/people' }).toString();
  const r = await request(srv.base, 'POST', '/login',
    { raw: body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, token: null });
  assert.equal(r.status, 303, r.body);
  return r.headers.get('set-cookie').split(';')[0];
}

// GET path as bytes: { status, type, disposition, bytes, text }.
async function fetchBytes(path, { token, cookie, lang = 'en' }) {
  const headers = { 'Accept-Language': lang };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (cookie) headers.Cookie = cookie;
  const r = await fetch(srv.base + path, { headers, redirect: 'manual' });
  const bytes = Buffer.from(await r.arrayBuffer());
  return { status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'),
    bytes, text: bytes.toString('utf8') };
}

// The text of a PDF, by pdftotext.
function pdfText(bytes) {
  const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

// pdftotext breaks lines where the layout wraps them: compare without.
const flat = (s) => s.replace(/\s+/g, ' ');

function assertPdf(r, filename) {
  assert.equal(r.status, 200, r.text.slice(0, 300));
  assert.equal(r.type, 'application/pdf');
  assert.equal(r.disposition, `inline; filename="${filename}"`);
  assert.equal(r.bytes.subarray(0, 5).toString(), '%PDF-');
}

function includesAll(text, words, what) {
  const f = flat(text);
  for (const w of words) assert.ok(f.includes(w), `${what}: "${w}" in:\n${text}`);
}

function auditCount(action, username) {
  const r = ali(['audit', 'list', '--db', srv.db, '--person', String(world.ids.own), '--action', action,
    '--user', username, '--limit', '1000']);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter((l) => l.includes(` ${action} `) || l.endsWith(` ${action}`)).length;
}

const P = PEOPLE.own;

test('the project PDF from a web session, in English: participant, objectives, interventions, signatures', async () => {
  const cookie = await session('cm_a');
  const before = auditCount('export', 'cm_a');
  const r = await fetchBytes(`/cases/${own}/project.pdf`, { cookie, lang: 'en' });
  assertPdf(r, `project-${own}.pdf`);
  const text = pdfText(r.bytes);
  includesAll(text, [
    'Personalised Individual Project', `${P.first_name} ${P.last_name}`, P.codice_fiscale,
    'Trovare un lavoro stabile', 'Un contratto di almeno sei mesi', CHILD_OBJECTIVE, CHILD_INDICATOR,
    'Home educational service for minors', 'Tommaso Zanobini', 'Cooperativa A', '40 sessions', '€980.50',
    '2024-03-01', '2024-12-20', 'Partecipare agli incontri concordati', 'Version 1, agreed on 2024-02-10',
    "Participant's signature", 'The social worker', 'The case manager', 'Place and date', 'Page 1 of',
  ], 'English project');
  assert.ok(!flat(text).includes(NOTES.own.health), 'no health on the project');
  assert.equal(auditCount('export', 'cm_a'), before + 1, 'the export is audited');
});

test('the project PDF from the API, in Italian', async () => {
  const r = await fetchBytes(`/api/v1/cases/${own}/project.pdf`, { token: world.tokens.sw1, lang: 'it' });
  assertPdf(r, `project-${own}.pdf`);
  const text = pdfText(r.bytes);
  includesAll(text, [
    `${P.first_name} ${P.last_name}`, CHILD_OBJECTIVE, 'Servizio educativo domiciliare per minori',
    'Tommaso Zanobini', '€ 980,50', '01/03/2024', '20/12/2024', '10/02/2024',
    'Firma del/della partecipante', "L'assistente sociale", 'Il/la case manager',
    'Pagina 1 di',
  ], 'Italian project');
  assert.ok(!flat(text).includes('Home educational service'), 'the service in Italian only');
});

test('the Access and Evaluation Form PDF: the form, health for the holder, audited', async () => {
  const beforeExport = auditCount('export', 'sw1');
  const beforeHealth = auditCount('read_sensitive', 'sw1');
  const r = await fetchBytes(`/api/v1/cases/${own}/access-form.pdf`, { token: world.tokens.sw1, lang: 'en' });
  assertPdf(r, `access-form-${own}.pdf`);
  const text = pdfText(r.bytes);
  includesAll(text, [
    'Access and Evaluation Form', `${P.first_name} ${P.last_name}`, P.codice_fiscale, 'Household',
    'Tommaso Zanobini', 'Vulnerabilities', 'Foreign origin', 'Suspected psychiatric need',
    'Employability assessment', 'Personal conditions', 'Autonomy of movement', 'Suitability screening',
    'Suitable', 'Continues to the second interview', 'Psycho-physical health', NOTES.own.health,
    "Participant's signature", 'The social worker', '2024-01-20',
  ], 'English form');
  for (const secret of [NOTES.own.court_notes, NOTES.own.psych_notes, NOTES.own.addiction]) {
    assert.ok(!flat(text).includes(secret), 'only health of the special-category data');
  }
  assert.equal(auditCount('export', 'sw1'), beforeExport + 1);
  assert.equal(auditCount('read_sensitive', 'sw1'), beforeHealth + 1, 'the reading of health is audited');
  // Italian: the catalogues' Italian names
  const it = pdfText((await fetchBytes(`/cases/${own}/form.pdf`, { token: world.tokens.sw1, lang: 'it' })).bytes);
  includesAll(it, ['Origine straniera', 'Condizioni personali', 'Autonomia negli spostamenti', '20/01/2024'], 'Italian form');
});

test('a case the caller may not read is a 404, exactly like a missing case', async () => {
  const paths = (id) => [`/cases/${id}/form.pdf`, `/cases/${id}/project.pdf`, `/cases/${id}/form/print`,
    `/cases/${id}/project/print`, `/api/v1/cases/${id}/access-form.pdf`, `/api/v1/cases/${id}/project.pdf`];
  const missing = 99999999;
  for (const who of ['cm_b', 'sw2']) {
    const mine = paths(own), none = paths(missing);
    for (let i = 0; i < mine.length; i++) {
      const denied = await fetchBytes(mine[i], { token: world.tokens[who] });
      const unknown = await fetchBytes(none[i], { token: world.tokens[who] });
      assert.equal(denied.status, 404, `${who} ${mine[i]}`);
      assert.equal(unknown.status, 404);
      assert.notEqual(denied.type, 'application/pdf');
      assert.equal(denied.text.replace(/\d+/g, '#'), unknown.text.replace(/\d+/g, '#'), `${who} ${mine[i]}`);
      for (const s of [P.first_name, P.last_name, P.codice_fiscale]) assert.ok(!denied.text.includes(s));
    }
  }
  // another agency's manager
  const r = await fetchBytes(`/api/v1/cases/${own}/project.pdf`, { token: world.tokens.mgr_x });
  assert.equal(r.status, 404);
});

test('the print-friendly pages: the same content, no navigation, signature lines, audited', async () => {
  const before = auditCount('export', 'cm_a');
  let r = await request(srv.base, 'GET', `/cases/${own}/project/print`,
    { token: world.tokens.cm_a, headers: { 'Accept-Language': 'en' } });
  assert.equal(r.status, 200, r.body.slice(0, 300));
  assert.match(r.headers.get('content-type'), /^text\/html/);
  for (const w of [`${P.first_name} ${P.last_name}`, CHILD_OBJECTIVE, 'Home educational service for minors',
    "Participant&#39;s signature", 'The case manager', `href="/cases/${own}/project.pdf"`]) {
    assert.ok(r.body.includes(w), `print page: ${w}`);
  }
  assert.match(r.body, /id="signatures"/);
  assert.doesNotMatch(r.body, /class="it-header-wrapper"/, 'no site navigation');
  assert.match(r.body, /class="ali-print-bar ali-noprint"/);
  r = await request(srv.base, 'GET', `/cases/${own}/form/print`,
    { token: world.tokens.cm_a, headers: { 'Accept-Language': 'en' } });
  assert.equal(r.status, 200);
  assert.match(r.body, /data-checked="[01]"/);
  assert.ok(r.body.includes('Employability assessment'));
  assert.equal(auditCount('export', 'cm_a'), before + 2);
  const css = await request(srv.base, 'GET', '/assets/ali.css', { token: null });
  assert.match(css.body, /@media print \{[^]*\.ali-noprint \{ display: none/);
});

test('a case with no form yet prints a blank form to fill in by hand', async () => {
  sql(srv.db, `DELETE FROM access_form WHERE case_id=${world.cases.colleague}`);
  const r = await fetchBytes(`/api/v1/cases/${world.cases.colleague}/access-form.pdf`, { token: srv.token });
  assertPdf(r, `access-form-${world.cases.colleague}.pdf`);
  const text = flat(pdfText(r.bytes));
  assert.ok(text.includes('No form has been recorded for this case yet'));
  assert.ok(text.includes('Quercioli'));
  assert.ok(text.includes('1 2 3 4'), 'the scores to circle');
});
