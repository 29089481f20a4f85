// reports.test.mjs — the reports in a real browser (Debian's Chromium
// driven by playwright-core, browser.mjs), in Italian: the manager finds
// "Reports" in the navigation, opens the participant profile, narrows it
// to round R1 with the form, sees the tables with their charts, and
// downloads the profile as XLSX — a real workbook (the first bytes PK,
// a zip holding xl/workbook.xml) named profile-R1.xlsx, whose data sheet
// has the contract's header.  The programme is reports_fixture.mjs's,
// built through the API.  Runs on SQLite and on PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startServer } from '../http/server.mjs';
import { reportsWorld, expectedProfile, xlsxCells, xlsxSheets } from '../http/reports_fixture.mjs';
import { launchBrowser, newPage, logIn } from './browser.mjs';

let srv, browser;

before(async () => {
  srv = await startServer();
  await reportsWorld(srv);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the manager opens the profile and downloads it as XLSX', async () => {
  const page = await newPage(browser);
  await logIn(page, srv.base, 'tester', '/people');
  await page.click('nav a[href="/reports"]');
  await page.waitForURL(`${srv.base}/reports`);
  await page.click('#report-profile a[href="/reports/profile"]');
  await page.waitForURL(`${srv.base}/reports/profile`);
  assert.equal(await page.locator('#table-gender caption').count(), 1);
  assert.equal(await page.locator('#chart-gender').getAttribute('aria-hidden'), 'true');
  // the form: round R1 only
  await page.selectOption('#f-round', 'R1');
  await page.click('#report-form button[type=submit]');
  await page.waitForURL(/\/reports\/profile\?round=R1/);
  const want = expectedProfile();
  const female = await page.locator('#table-gender tbody tr').first().locator('td').first().textContent();
  assert.equal(Number(female), want['gender,F,R1'].count);
  // the download
  const wait = page.waitForEvent('download');
  await page.click('#download-xlsx');
  const download = await wait;
  assert.equal(download.suggestedFilename(), 'profile-R1.xlsx');
  const path = await download.path();
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip');
  assert.match(execFileSync('unzip', ['-l', path], { encoding: 'utf8' }), /xl\/workbook\.xml/, 'a workbook');
  const data = xlsxCells(bytes, xlsxSheets(bytes));
  assert.deepEqual([data.A1, data.B1, data.C1, data.D1, data.E1], ['dimension', 'category', 'round', 'count', 'percent']);
  assert.deepEqual([data.A2, data.B2, data.C2, data.D2], ['gender', 'F', 'R1', want['gender,F,R1'].count]);
  await page.context().close();
});
