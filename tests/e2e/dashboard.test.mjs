// dashboard.test.mjs — the manager's morning in a real browser (Debian's
// Chromium driven by playwright-core, browser.mjs), in Italian, on
// `ali demo` data: she logs in, and her home page is the dashboard of the
// current round (participants by stage, outcomes, services, money, what
// needs her); picks the first round; follows "the whole report" of the
// services to its page and downloads it as XLSX — a real workbook whose
// sheets are the report's (the profile's download is reports.test.mjs's).
// Elements are found by id.  Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startServer, freshDatabase, ali, addUser } from '../http/server.mjs';
import { launchBrowser, newPage, logIn } from './browser.mjs';

let srv, browser;

before(async () => {
  const db = freshDatabase();
  const d = ali(['demo', '--db', db, '--no-serve', '--people', '30', '--seed', '7']);
  assert.equal(d.status, 0, d.stderr);
  addUser(db, 'direttrice', ['manager'], { name: 'Direttrice' });
  srv = await startServer({ db, init: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// The saved download's path, after checking it is a workbook.
async function xlsxOf(download) {
  const path = await download.path();
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  return path;
}

test('the manager lands on the dashboard and downloads the services as XLSX', async () => {
  const page = await newPage(browser);
  await logIn(page, srv.base, 'direttrice', '/dashboard');
  // her home page is the dashboard
  await page.click('.it-brand-wrapper a');
  await page.waitForURL(`${srv.base}/dashboard`);
  await page.locator('#table-stages').waitFor();
  await page.locator('#tile-overdue').waitFor();
  await page.locator('#table-money').waitFor();
  // the first round
  const first = await page.locator('#dash-round option').first().getAttribute('value');
  await page.selectOption('#dash-round', first);
  await page.click('form[method=get] button[type=submit]');
  await page.waitForURL(`${srv.base}/dashboard?round=${first}`);
  // the services, whole
  await page.click('#view-services ~ p a');
  await page.waitForURL(/\/reports\/services\?round=R1$/);
  let wait = page.waitForEvent('download');
  await page.click('#download-xlsx');
  const services = await xlsxOf(await wait);
  const book = execFileSync('unzip', ['-p', services, 'xl/workbook.xml']).toString();
  assert.match(book, /<sheet name="data"/);
  const strings = execFileSync('unzip', ['-p', services, 'xl/sharedStrings.xml']).toString();
  assert.match(strings, /internship/);
});
