// money.test.mjs — the programme's money in a real browser (Debian's
// Chromium driven by playwright-core, launched by browser.mjs), in
// Italian, the interface's default language, on the world of
// tests/http/money_fixture.mjs:
//
//   the case manager    records an expense of her cooperative on
//                       /expenses with its receipt (a PDF chosen in the
//                       file input); the list shows it with the link to
//                       the receipt, whose bytes are the ones sent
//   the manager         opens /money (the stream committed beyond its
//                       allocation is warned about), follows to the
//                       quarterly statements, opens the statement the
//                       cooperative submitted, and downloads its PDF,
//                       whose text (pdftotext) has the cooperative, the
//                       quarter and the lines
//
// The statement is generated and submitted through the API (money.test.mjs
// walks that flow); elements are found by id and name, and text compared
// only where it is data the test entered.  Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, request } from '../http/server.mjs';
import { moneyWorld, quarterOf, addQuarters, qText, qMid, day } from '../http/money_fixture.mjs';
import { launchBrowser, newPage, logIn } from './browser.mjs';

let srv, w, browser, statementId;
const QA = addQuarters(quarterOf(day(0)), -2);
const PDF = Buffer.from('%PDF-1.4\n% biglietto del treno\ntrailer <<>>\n%%EOF\n');

before(async () => {
  const files = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-files-'));
  srv = await startServer({ args: ['--files', files] });
  w = await moneyWorld(srv);
  const api = async (method, path, body) => {
    const r = await request(srv.base, method, path, { body, token: w.tok.cm });
    assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.body}`);
    return r.json;
  };
  await api('POST', '/api/v1/expenses', { intervention_id: w.id.path1.home_education, kind: 'hours',
    description: 'Educativa domiciliare di Luca', spent_on: qMid(QA), hours_x100: 600, hourly_rate_cents: 2200 });
  await api('POST', '/api/v1/expenses', { intervention_id: w.id.path1.haccp, kind: 'course_fee',
    description: 'Iscrizione al corso HACCP', spent_on: qMid(QA), amount_cents: 9000 });
  statementId = (await api('POST', '/api/v1/statements', { funding_stream_id: w.id.stream, quarter: qText(QA) })).id;
  await api('POST', `/api/v1/statements/${statementId}/submission`, {});
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the case manager records an expense with its receipt', async () => {
  const page = await newPage(browser);
  await logIn(page, srv.base, 'cm', '/expenses');
  await page.selectOption('#f-intervention_id', String(w.id.path1.internship));
  await page.selectOption('#f-kind', 'other');
  await page.fill('#f-description', 'Biglietto del treno per il colloquio');
  await page.fill('#f-spent_on', day(-3));
  await page.fill('#f-amount_cents', '12,40');
  await page.setInputFiles('#f-receipt', { name: 'biglietto.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.click('#expense-save');
  await page.waitForURL(/\/expenses\?saved=\d+/);
  assert.ok(await page.isVisible('#saved'));
  const id = Number(new URL(page.url()).searchParams.get('saved'));
  const row = page.locator(`#expense-${id}`);
  assert.match(await row.innerText(), /Biglietto del treno per il colloquio/);
  assert.match(await row.innerText(), /12,40/);
  const href = await row.locator('a.receipt-link').getAttribute('href');
  assert.equal(href, `/expenses/${id}/receipt`);
  const got = await page.context().request.get(srv.base + href);
  assert.equal(got.status(), 200);
  assert.equal(createHash('sha256').update(await got.body()).digest('hex'), createHash('sha256').update(PDF).digest('hex'));
  await page.context().close();
});

test('the manager opens the quarterly statement and downloads its PDF', async () => {
  const page = await newPage(browser);
  await logIn(page, srv.base, 'tester', '/money');
  assert.equal(await page.getAttribute('#warnings li[data-code="stream_overcommitted"]', 'data-code'), 'stream_overcommitted');
  await page.click('#statements-link');
  await page.waitForURL(`${srv.base}/statements`);
  await page.click(`#statement-${statementId} a`);
  await page.waitForURL(`${srv.base}/statements/${statementId}`);
  const lines = await page.innerText('#lines');
  assert.match(lines, /Educativa domiciliare di Luca/);
  assert.match(lines, /Iscrizione al corso HACCP/);
  assert.ok(await page.isVisible('#decisions-form'), 'the submitted statement is the manager\'s to review');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pdf-link')]);
  const file = await download.path();
  assert.ok(readFileSync(file).subarray(0, 5).equals(Buffer.from('%PDF-')));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const want of ['Cooperativa Il Ponte', qText(QA), '€ 132,00', '€ 90,00', '€ 222,00']) {
    assert.ok(text.includes(want), `the PDF shows ${want}`);
  }
  // descriptions wrap inside their table cell (pdftotext then reads the
  // other cells of the row in between): every word of each, in order
  for (const want of ['Educativa domiciliare di Luca', 'Iscrizione al corso HACCP']) {
    const words = want.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    assert.match(text, new RegExp(words.join('.*?')), `the PDF shows ${want}`);
  }
  await page.context().close();
});
