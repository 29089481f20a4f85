// money.test.mjs — the programme's money (docs/money.md) through the API
// and the web UI, on the world of money_fixture.mjs: a cooperative
// records expenses per intervention (hours × rate computed half up,
// course fees, other) with receipts checked by content; the quarterly
// statement end to end — generated, submitted, a line rejected with a
// reason, corrected, submitted again, approved, reimbursed — with its
// history; an expense in at most one statement; another cooperative's
// case manager gets 404 everywhere; the figures per stream, cooperative
// and quarter and the warnings, checked against sums computed here; the
// statement as PDF (pdftotext) and XLSX (unzip, cell by cell); every
// write audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, request, TEST_PASSWORD, BACKEND } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { moneyWorld, day, quarterOf, addQuarters, qText, qMid, qLast, COSTS, ALLOCATION } from './money_fixture.mjs';

let srv, w;
const filesDir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-files-'));
const NOW = quarterOf(day(0));
const QA = addQuarters(NOW, -2); // over, after the agreement
const QB = addQuarters(NOW, -1);
const E = {}; // expenses by name

before(async () => {
  srv = await startServer({ args: ['--files', filesDir] });
  w = await moneyWorld(srv);
});
after(async () => { await srv?.stop(); });

const api = (method, path, body, token) => request(srv.base, method, path, { body, token });
const count = (q) => Number(sql(srv.db, q).trim());

// A browser session of `username`: { cookie, csrf } (the csrf of page `path`).
async function session(username, path = '/expenses') {
  const body = new URLSearchParams({ username, password: TEST_PASSWORD, next: '/my-day' }).toString();
  const r = await request(srv.base, 'POST', '/login',
    { raw: body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, token: null });
  assert.equal(r.status, 303, r.body);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const page = await request(srv.base, 'GET', path, { headers: { Cookie: cookie }, token: null });
  assert.equal(page.status, 200, page.body);
  return { cookie, csrf: page.body.match(/name="csrf" value="([0-9a-f]{64})"/)[1] };
}

// GET path as bytes with a token.
async function bytes(path, token, lang = 'en') {
  const r = await fetch(srv.base + path, { headers: { Authorization: `Bearer ${token}`, 'Accept-Language': lang } });
  return { status: r.status, type: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

test('expenses: amounts in cents, hours × rate half up, the rules of each kind', async () => {
  const iv = w.id.path1;
  const mk = (body) => api('POST', '/api/v1/expenses', body, w.tok.cm);
  let r = await mk({ intervention_id: iv.internship, kind: 'hours', description: 'Tutoraggio in azienda',
    spent_on: qMid(QA), hours_x100: 150, hourly_rate_cents: 2233 });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.amount_cents, 3350); // 1.5 × 22.33 = 33.495 -> 33.50
  assert.equal(r.json.quarter, qText(QA));
  assert.equal(r.json.organisation.id, w.id.coop1);
  assert.equal(r.json.funding_stream_id, w.id.stream);
  E.hours = r.json.id;
  r = await mk({ intervention_id: iv.haccp, kind: 'course_fee', description: 'Iscrizione corso HACCP',
    spent_on: qMid(QA), amount_cents: 12000 });
  assert.equal(r.status, 201, r.body);
  E.fee = r.json.id;
  r = await mk({ intervention_id: iv.home_education, kind: 'other', description: 'Materiale didattico',
    spent_on: qMid(QA), amount_cents: 3550 });
  assert.equal(r.status, 201, r.body);
  E.other = r.json.id;
  r = await mk({ intervention_id: iv.home_education, kind: 'hours', description: 'Educatrice domiciliare',
    spent_on: qMid(QB), hours_x100: 400, hourly_rate_cents: 2100 });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.amount_cents, 8400);
  E.later = r.json.id;
  // the rules
  r = await mk({ intervention_id: iv.internship, kind: 'course_fee', description: 'x', spent_on: qMid(QA), amount_cents: 100 });
  assert.equal(r.status, 422);
  assert.match(r.json.error.fields.kind, /course fee belongs to a training course/);
  r = await mk({ intervention_id: iv.haccp, kind: 'other', description: 'x', spent_on: day(-360), amount_cents: 100 });
  assert.equal(r.status, 422);
  assert.match(r.json.error.fields.spent_on, /before the project was agreed/);
  r = await mk({ intervention_id: iv.haccp, kind: 'other', description: 'x', spent_on: day(3), amount_cents: 100 });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.spent_on);
  r = await mk({ intervention_id: iv.haccp, kind: 'hours', description: 'x', spent_on: qMid(QA), amount_cents: 100 });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.hours && r.json.error.fields.hourly_rate_cents);
  // another cooperative's intervention is unknown to cm
  r = await mk({ intervention_id: w.id.path2.haccp, kind: 'other', description: 'x', spent_on: qMid(QA), amount_cents: 100 });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.intervention_id, 'unknown intervention');
  assert.equal(count(`SELECT count(*) FROM expense`), 4);
  assert.equal(count(`SELECT count(*) FROM audit WHERE action='create' AND entity='expense'`), 4);
});

test('receipts: checked by content and size, stored outside, read back through the route', async () => {
  const put = (id, buf, type, token = w.tok.cm) =>
    request(srv.base, 'PUT', `/api/v1/expenses/${id}/receipt`, { raw: buf, headers: { 'Content-Type': type }, token });
  let r = await put(E.other, PDF, 'application/pdf');
  assert.equal(r.status, 200, r.body);
  const sha = createHash('sha256').update(PDF).digest('hex');
  assert.deepEqual(r.json.receipt, { media_type: 'application/pdf', size: PDF.length, sha256: sha, name: null });
  const b = await bytes(`/api/v1/expenses/${E.other}/receipt`, w.tok.cm);
  assert.equal(b.status, 200);
  assert.equal(b.type, 'application/pdf');
  assert.ok(b.body.equals(PDF));
  // the file lives in the files directory, named by its hash
  assert.ok(execFileSync('find', [filesDir, '-name', sha], { encoding: 'utf8' }).includes(sha));
  r = await put(E.fee, Buffer.from('just some text, no receipt'), 'text/plain');
  assert.equal(r.status, 415);
  assert.match(r.json.error.message, /must be a PDF or an image \(PNG, JPEG\)/);
  r = await put(E.fee, PNG, 'application/pdf');
  assert.equal(r.status, 415);
  assert.match(r.json.error.message, /does not match its declared type/);
  const big = Buffer.alloc(5 * 1024 * 1024 + 512 * 1024, 0x20);
  PDF.copy(big);
  r = await put(E.fee, big, 'application/pdf');
  assert.equal(r.status, 413);
  assert.match(r.json.error.message, /larger than 5 MB/);
  r = await put(E.fee, PNG, 'image/png');
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.receipt.media_type, 'image/png');
  // another cooperative reaches none of it
  assert.equal((await bytes(`/api/v1/expenses/${E.other}/receipt`, w.tok.cm2)).status, 404);
  assert.equal((await put(E.other, PDF, 'application/pdf', w.tok.cm2)).status, 404);
  assert.equal(count(`SELECT count(*) FROM audit WHERE action='receipt' AND entity='expense'`), 2);
});

test('the web form records an expense with its receipt, and refuses one that is not a PDF or an image', async () => {
  const s = await session('cm');
  const post = async (file, name) => {
    const fd = new FormData();
    fd.set('csrf', s.csrf);
    fd.set('intervention_id', String(w.id.path1.internship));
    fd.set('kind', 'other');
    fd.set('description', 'Abbonamento autobus');
    fd.set('spent_on', qMid(QB));
    fd.set('amount_cents', '35,00');
    fd.set('receipt', new Blob([file]), name);
    const r = await fetch(`${srv.base}/expenses`, { method: 'POST', body: fd, headers: { Cookie: s.cookie }, redirect: 'manual' });
    return { status: r.status, location: r.headers.get('location'), body: await r.text() };
  };
  const before = count('SELECT count(*) FROM expense');
  let r = await post(Buffer.from('MZ this is a program'), 'virus.exe');
  assert.equal(r.status, 422);
  assert.match(r.body, /must be a PDF or an image \(PNG, JPEG\)|deve essere un PDF o un&#39;immagine \(PNG, JPEG\)/);
  assert.equal(count('SELECT count(*) FROM expense'), before, 'nothing recorded');
  r = await post(PDF, 'C:\\scansioni\\biglietto.pdf');
  assert.equal(r.status, 303, r.body);
  const id = Number(r.location.match(/saved=(\d+)/)[1]);
  const e = (await api('GET', `/api/v1/expenses/${id}`, undefined, w.tok.cm)).json;
  assert.equal(e.amount_cents, 3500);
  assert.equal(e.receipt.name, 'biglietto.pdf');
  assert.equal(e.receipt.sha256, createHash('sha256').update(PDF).digest('hex'));
  E.web = id;
  const list = await request(srv.base, 'GET', '/expenses', { headers: { Cookie: s.cookie }, token: null });
  assert.match(list.body, new RegExp(`href="/expenses/${id}/receipt"`));
});

test('another cooperative\'s case manager gets 404, the list hides what is not theirs', async () => {
  for (const [m, p] of [['GET', `/api/v1/expenses/${E.hours}`], ['PATCH', `/api/v1/expenses/${E.hours}`],
    ['DELETE', `/api/v1/expenses/${E.hours}`]]) {
    const r = await api(m, p, m === 'PATCH' ? { description: 'x' } : undefined, w.tok.cm2);
    assert.equal(r.status, 404, `${m} ${p}`);
  }
  const mine = (await api('GET', '/api/v1/expenses?limit=500', undefined, w.tok.cm2)).json.items;
  assert.equal(mine.length, 0);
  const theirs = (await api('GET', '/api/v1/expenses?limit=500', undefined, w.tok.cm)).json.items;
  assert.equal(theirs.length, 5);
  const page = await request(srv.base, 'GET', `/expenses/${E.hours}`,
    { headers: { Cookie: (await session('cm2')).cookie }, token: null });
  assert.equal(page.status, 404);
  assert.ok(count(`SELECT count(*) FROM audit WHERE action='denied' AND entity='expense'`) >= 4);
});

let stA, stB;

test('the quarterly statement: generate, an expense in one statement only', async () => {
  let r = await api('POST', '/api/v1/statements', { funding_stream_id: w.id.stream, quarter: qText(QA) }, w.tok.cm);
  assert.equal(r.status, 201, r.body);
  stA = r.json.id;
  assert.equal(r.json.status, 'draft');
  assert.equal(r.json.lines_added, 3);
  assert.deepEqual(r.json.items.map((e) => e.id).sort((a, b) => a - b), [E.hours, E.fee, E.other].sort((a, b) => a - b));
  assert.equal(r.json.total_cents, 3350 + 12000 + 3550);
  r = await api('POST', '/api/v1/statements', { funding_stream_id: w.id.stream, quarter: qText(QA) }, w.tok.cm);
  assert.equal(r.status, 200);
  assert.equal(r.json.lines_added, 0);
  // the next quarter's takes only what is in no statement
  r = await api('POST', '/api/v1/statements', { funding_stream_id: w.id.stream, quarter: qText(QB) }, w.tok.cm);
  assert.equal(r.status, 201, r.body);
  stB = r.json.id;
  assert.deepEqual(r.json.items.map((e) => e.id).sort((a, b) => a - b), [E.later, E.web].sort((a, b) => a - b));
  assert.equal(count(`SELECT count(*) FROM expense WHERE statement_id=${stA}`), 3);
  // the schema: a statement of another cooperative cannot take coop1's expense
  const st2 = (await api('POST', '/api/v1/statements', { funding_stream_id: w.id.stream, quarter: qText(QA) }, w.tok.cm2)).json.id;
  const fk = BACKEND === 'sqlite' ? 'PRAGMA foreign_keys=ON; ' : '';
  assert.throws(() => sql(srv.db, `${fk}UPDATE expense SET statement_id=${st2} WHERE id=${E.hours}`));
  assert.equal(count(`SELECT statement_id FROM expense WHERE id=${E.hours}`), stA);
  // the future and a malformed quarter
  r = await api('POST', '/api/v1/statements', { funding_stream_id: w.id.stream, quarter: qText(addQuarters(NOW, 1)) }, w.tok.cm);
  assert.equal(r.status, 422);
  r = await api('POST', '/api/v1/statements', { funding_stream_id: w.id.stream, quarter: '2021-3' }, w.tok.cm);
  assert.equal(r.status, 422);
  // the current quarter is not over: it may be drafted, not submitted
  r = await api('POST', '/api/v1/statements', { funding_stream_id: w.id.stream, quarter: qText(NOW) }, w.tok.cm);
  assert.equal(r.status, 201);
  r = await api('POST', `/api/v1/statements/${r.json.id}/submission`, {}, w.tok.cm);
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /not over/);
  assert.equal((await api('GET', `/api/v1/statements/${stA}`, undefined, w.tok.cm2)).status, 404);
});

test('the quarterly statement end to end: a rejected line corrected and submitted again', async () => {
  let r = await api('POST', `/api/v1/statements/${stA}/submission`, {}, w.tok.cm);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'submitted');
  assert.equal(r.json.submission, 1);
  // with the agency: nothing changes under it
  r = await api('PATCH', `/api/v1/expenses/${E.other}`, { amount_cents: 3000 }, w.tok.cm);
  assert.equal(r.status, 409);
  // decisions are the agency's
  r = await api('POST', `/api/v1/statements/${stA}/decisions`, { decisions: [{ expense_id: E.hours, decision: 'approved' }] }, w.tok.cm);
  assert.equal(r.status, 403);
  r = await api('POST', `/api/v1/statements/${stA}/decisions`, { decisions: [{ expense_id: E.other, decision: 'rejected' }] });
  assert.equal(r.status, 422, 'a rejection needs a reason');
  r = await api('POST', `/api/v1/statements/${stA}/decisions`, { decisions: [{ expense_id: E.later, decision: 'approved' }] });
  assert.equal(r.status, 422, 'not a line of this statement');
  r = await api('POST', `/api/v1/statements/${stA}/decisions`, { decisions: [
    { expense_id: E.hours, decision: 'approved' }, { expense_id: E.fee, decision: 'approved' },
    { expense_id: E.other, decision: 'rejected', reason: 'Importo non coerente con la ricevuta' }] });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'partly_approved');
  assert.equal(r.json.approved_cents, 3350 + 12000);
  assert.equal(r.json.rejected_cents, 3550);
  // not again before the rejected line is corrected or removed
  r = await api('POST', `/api/v1/statements/${stA}/submission`, {}, w.tok.cm);
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /rejected lines/);
  // an approved line is settled; the rejected one is corrected
  r = await api('PATCH', `/api/v1/expenses/${E.hours}`, { description: 'x' }, w.tok.cm);
  assert.equal(r.status, 409);
  r = await api('PATCH', `/api/v1/expenses/${E.other}`, { amount_cents: 3000 }, w.tok.cm);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.decision, null, 'pending again');
  r = await api('POST', `/api/v1/statements/${stA}/submission`, {}, w.tok.cm);
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'submitted');
  assert.equal(r.json.submission, 2);
  assert.equal(r.json.lines_pending, 1);
  r = await api('POST', `/api/v1/statements/${stA}/decisions`, { decisions: [{ expense_id: E.other, decision: 'approved' }] });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'approved');
  assert.deepEqual(r.json.decisions.map((d) => [d.expense_id, d.submission, d.decision, d.amount_cents]), [
    [E.hours, 1, 'approved', 3350], [E.fee, 1, 'approved', 12000], [E.other, 1, 'rejected', 3550],
    [E.other, 2, 'approved', 3000]]);
  assert.equal(r.json.decisions[2].reason, 'Importo non coerente con la ricevuta');
  // paid
  r = await api('POST', `/api/v1/statements/${stA}/reimbursement`, { paid_on: day(1) });
  assert.equal(r.status, 422);
  r = await api('POST', `/api/v1/statements/${stA}/reimbursement`, { paid_on: day(0) }, w.tok.cm);
  assert.equal(r.status, 403);
  r = await api('POST', `/api/v1/statements/${stA}/reimbursement`, { paid_on: day(0) });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'reimbursed');
  assert.equal(r.json.paid_on, day(0));
  assert.equal(r.json.paid_cents, 3350 + 12000 + 3000);
  r = await api('POST', `/api/v1/statements/${stA}/reimbursement`, { paid_on: day(0) });
  assert.equal(r.status, 409);
  for (const action of ['generate', 'submit', 'decide', 'reimburse']) {
    assert.ok(count(`SELECT count(*) FROM audit WHERE entity='statement' AND action='${action}'`) >= 1, action);
  }
  // the audit holds ids and codes, not the reason's words
  assert.equal(count(`SELECT count(*) FROM audit WHERE detail LIKE '%coerente%'`), 0);
});

test('the figures per stream, cooperative and quarter, and the warnings', async () => {
  const r = await api('GET', `/api/v1/funding-streams/${w.id.stream}/money`);
  assert.equal(r.status, 200, r.body);
  const s = r.json.streams[0];
  const committedPath = COSTS.internship + COSTS.haccp + COSTS.home_education;
  const paid = 3350 + 12000 + 3000;
  assert.equal(s.allocation_cents, ALLOCATION);
  assert.equal(s.committed_cents, 2 * committedPath);
  assert.equal(s.spent_cents, paid);
  assert.equal(s.reimbursed_cents, paid);
  assert.equal(s.left_cents, ALLOCATION - 2 * committedPath);
  const coop1 = s.by_cooperative.find((c) => c.organisation?.id === w.id.coop1);
  assert.deepEqual([coop1.committed_cents, coop1.spent_cents, coop1.reimbursed_cents], [committedPath, paid, paid]);
  const qa = s.by_quarter.find((q) => q.quarter === qText(QA));
  assert.deepEqual([qa.spent_cents, qa.reimbursed_cents], [paid, paid]);
  const agreedQ = qText(quarterOf(day(-300)));
  assert.equal(s.by_quarter.find((q) => q.quarter === agreedQ).committed_cents, 2 * committedPath);
  const codes = r.json.warnings.map((x) => x.code);
  assert.ok(codes.includes('stream_overcommitted'));
  assert.equal(r.json.warnings.find((x) => x.code === 'stream_overcommitted').amount_cents, 2 * committedPath - ALLOCATION);
  // QB's expenses (8400 + 3500) sit in a draft: late once 30 days past the quarter's end
  const late = r.json.warnings.filter((x) => x.code === 'statement_late');
  const due = new Date(qLast(QB) + 'T00:00:00Z');
  due.setUTCDate(due.getUTCDate() + 30);
  if (day(0) > due.toISOString().slice(0, 10)) {
    assert.equal(late.length, 1);
    assert.equal(late[0].organisation.id, w.id.coop1);
    assert.equal(late[0].quarter, qText(QB));
    assert.equal(late[0].amount_cents, 8400 + 3500);
  } else {
    assert.equal(late.length, 0);
  }
  // the case manager sees their cooperative's figures only, no stream warning
  const mine = (await api('GET', '/api/v1/money', undefined, w.tok.cm2)).json;
  assert.equal(mine.scope, 'cooperative');
  assert.equal(mine.streams[0].committed_cents, committedPath);
  assert.equal(mine.streams[0].spent_cents, 0);
  assert.equal(mine.streams[0].left_cents, null);
  assert.ok(!mine.warnings.some((x) => x.code.startsWith('stream_')));
  const page = await request(srv.base, 'GET', '/money');
  assert.equal(page.status, 200);
  assert.match(page.body, /id="warnings"/);
});

test('the statement as PDF: its text, lines, totals and history', async () => {
  const b = await bytes(`/api/v1/statements/${stA}.pdf`, srv.token);
  assert.equal(b.status, 200);
  assert.equal(b.type, 'application/pdf');
  const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-pdf-'));
  writeFileSync(join(dir, 's.pdf'), b.body);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 's.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const want of ['Quarterly statement', 'Cooperativa Il Ponte', 'Fondo povertà', qText(QA), 'Reimbursed',
    'Tutoraggio in azienda', 'Iscrizione corso HACCP', 'Materiale didattico', 'P-ROSSI-M', '€33.50', '€120.00',
    '€30.00', '€183.50', 'Importo non coerente con la ricevuta', 'For the cooperative', 'For the agency']) {
    assert.ok(text.includes(want), `the PDF shows ${want}`);
  }
  assert.ok(!text.includes('Anna'), 'no participant names');
  assert.equal((await bytes(`/api/v1/statements/${stA}.pdf`, w.tok.cm2)).status, 404);
  const it = await bytes(`/api/v1/statements/${stA}.pdf`, srv.token, 'it');
  assert.equal(it.status, 200);
  assert.ok(count(`SELECT count(*) FROM audit WHERE entity='statement' AND action='export'`) >= 2);
});

// The cells of sheet `n` of an XLSX: { A1: 'text' | number, ... }.
function sheetCells(buf, n = 1) {
  const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-xlsx-'));
  const file = join(dir, 's.xlsx');
  writeFileSync(file, buf);
  const unzip = (p) => execFileSync('unzip', ['-p', file, p], { encoding: 'utf8' });
  const shared = [...unzip('xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)]
    .map(([, si]) => [...si.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map(([, t]) => t).join('')
      .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
  const cells = {};
  for (const [, ref, attrs, inner] of unzip(`xl/worksheets/sheet${n}.xml`).matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
    const v = inner?.match(/<v>(.*?)<\/v>/)?.[1];
    if (v === undefined) continue;
    cells[ref] = /t="s"/.test(attrs) ? shared[Number(v)] : Number(v);
  }
  return cells;
}

test('the statement as XLSX, read back cell by cell', async () => {
  const b = await bytes(`/api/v1/statements/${stA}.xlsx`, srv.token);
  assert.equal(b.status, 200);
  assert.match(b.type, /spreadsheetml/);
  const c = sheetCells(b.body, 1);
  assert.equal(c.A1, 'Quarterly statement');
  assert.equal(c.A2, 'Lines');
  assert.deepEqual(['A4', 'B4', 'C4', 'D4', 'E4', 'F4', 'G4', 'H4', 'I4', 'J4', 'K4'].map((k) => c[k]),
    ['Date', 'Intervention', 'Reference', 'Service', 'Kind', 'Description', 'Hours', 'Hourly rate', 'Amount',
      'Decision', 'Reason']);
  // the lines, by intervention then date: internship (hours), HACCP (fee), home education (other)
  const iv = w.id.path1;
  const rows = [5, 6, 7].map((n) => ['A', 'B', 'C', 'E', 'F', 'G', 'H', 'I', 'J'].map((k) => c[`${k}${n}`]));
  const want = [
    [qMid(QA), iv.internship, 'P-ROSSI-M', 'Hours worked', 'Tutoraggio in azienda', 1.5, 22.33, 33.5, 'Approved'],
    [qMid(QA), iv.haccp, 'P-ROSSI-M', 'Course fee', 'Iscrizione corso HACCP', undefined, undefined, 120, 'Approved'],
    [qMid(QA), iv.home_education, 'P-ROSSI-S', 'Other', 'Materiale didattico', undefined, undefined, 30, 'Approved'],
  ].sort((a, b) => a[1] - b[1]);
  assert.deepEqual(rows, want);
  assert.equal(c.A8, undefined, 'three lines');
  const sum = sheetCells(b.body, 2);
  assert.equal(sum.A2, 'Summary');
  assert.deepEqual([sum.A5, sum.B5], ['Cooperative', 'Cooperativa Il Ponte']);
  assert.deepEqual([sum.A6, sum.B6], ['Funding stream', 'fondo']);
  assert.deepEqual([sum.A7, sum.B7], ['Quarter', qText(QA)]);
  assert.deepEqual([sum.A8, sum.B8], ['Status', 'Reimbursed']);
  assert.deepEqual([sum.A9, sum.B9], ['Claimed', 183.5]);
  assert.deepEqual([sum.A10, sum.B10], ['Approved', 183.5]);
});

test('web pages: the statement page, the decisions form and a line taken out', async () => {
  const mgr = await session('tester', `/statements/${stB}`);
  let page = await request(srv.base, 'GET', `/statements/${stB}`, { headers: { Cookie: mgr.cookie }, token: null });
  assert.equal(page.status, 200);
  assert.match(page.body, /id="pdf-link"/);
  assert.doesNotMatch(page.body, /id="decisions-form"/, 'a draft is not reviewed');
  // the cooperative takes a line out of its draft and submits through the pages
  const cm = await session('cm', `/statements/${stB}`);
  const form = (s, fields) => ({ raw: new URLSearchParams({ ...fields, csrf: s.csrf }).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: s.cookie }, token: null });
  let r = await request(srv.base, 'POST', `/statements/${stB}/lines/${E.web}/remove`, form(cm, {}));
  assert.equal(r.status, 303, r.body);
  assert.equal(count(`SELECT count(*) FROM expense WHERE statement_id=${stB}`), 1);
  r = await request(srv.base, 'POST', `/statements/${stB}/submit`, form(cm, {}));
  assert.equal(r.status, 303, r.body);
  page = await request(srv.base, 'GET', `/statements/${stB}`, { headers: { Cookie: mgr.cookie }, token: null });
  assert.match(page.body, /id="decisions-form"/);
  r = await request(srv.base, 'POST', `/statements/${stB}/decisions`, form(mgr, { [`decision_${E.later}`]: 'rejected' }));
  assert.equal(r.status, 422);
  assert.match(r.body, /a rejection needs a reason|per respingere serve un motivo/);
  r = await request(srv.base, 'POST', `/statements/${stB}/decisions`,
    form(mgr, { [`decision_${E.later}`]: 'rejected', [`reason_${E.later}`]: 'Ore oltre il piano' }));
  assert.equal(r.status, 303, r.body);
  assert.equal(sql(srv.db, `SELECT status FROM statement WHERE id=${stB}`).trim(), 'rejected');
  // the cooperative of another statement: 404
  const cm2 = await session('cm2', '/statements');
  r = await request(srv.base, 'GET', `/statements/${stB}`, { headers: { Cookie: cm2.cookie }, token: null });
  assert.equal(r.status, 404);
  r = await request(srv.base, 'GET', `/statements/${stA}.pdf`, { headers: { Cookie: cm.cookie }, token: null });
  assert.equal(r.status, 200);
});
