// agenda.test.mjs — a visit planned and then done, in a real browser
// (Debian's Chromium driven by playwright-core, browser.mjs), in Italian.
// The social worker of the Agenda family plans a home visit for today
// with the case manager on the case's register page; the visit is on her
// "my day" and on the case manager's; she follows the link from her day
// to the register, opens "record as done", enters the time spent and what
// happened; the visit leaves the planned list and her day and joins the
// timeline of what was done.
//
// The family, the accounts and the intake up to the agreed project are
// set up through the API (closing_fixture.mjs), as the other browser
// tests drive those pages.  Elements are found by id and name; text is
// compared only where it is data the test entered.  Runs on SQLite and on
// PostgreSQL (ALI_TEST_BACKEND).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../http/server.mjs';
import { sql } from '../http/access_fixture.mjs';
import { closingWorld, agreedPath, day } from '../http/closing_fixture.mjs';
import { launchBrowser, newPage, logIn } from './browser.mjs';

const PURPOSE = 'Visita domiciliare: come vanno le prime settimane di tirocinio';
const HAPPENED = 'Anna è soddisfatta del tirocinio; Luca ha ripreso la scuola';
let srv, browser, w, p;
const one = (text) => sql(srv.db, text).trim();

before(async () => {
  srv = await startServer();
  w = await closingWorld(srv);
  p = await agreedPath(srv, w, 'Agenda');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

// Clicks `button` and waits for the answer to the POST it sends: 303,
// and the page it leads to.
async function clickPost(page, button) {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest());
  await page.locator(button).click();
  const res = await posted;
  if (res.status() !== 303) {
    await page.waitForLoadState();
    const said = await page.locator('.alert, .invalid-feedback').allTextContents();
    assert.fail(`POST ${new URL(res.url()).pathname} answered ${res.status()}: ${said.join(' | ')}`);
  }
  await page.waitForURL(new URL(res.headers().location, res.url()).href);
}

// Ticks a Bootstrap Italia checkbox by its label, as a person does.
async function tick(page, id) {
  await page.locator(`label[for="${id}"]`).click();
  assert.ok(await page.locator(`[id="${id}"]`).isChecked(), `${id} is ticked`);
}

test('a social worker plans a home visit for today, sees it on her day and records it as done', async () => {
  const cm = Number(one("SELECT id FROM app_user WHERE username='cm'"));
  const page = await newPage(browser);
  await logIn(page, srv.base, 'sw', `/cases/${p.c}/register`);
  assert.equal(await page.locator('#planned-empty').count(), 1, 'nothing planned yet');
  await page.fill('#f-plan-on_date', day(0));
  await page.fill('#f-plan-time', '10:30');
  await page.selectOption('#f-plan-kind', 'home_visit');
  await tick(page, `f-plan-member_${p.mother}`);
  await tick(page, `f-plan-worker_${cm}`);
  await page.fill('#f-plan-text', PURPOSE);
  await clickPost(page, '#plan-form button[type=submit]');
  assert.match(page.url(), /\/register\?done=planned#planned$/);
  const id = Number(one(`SELECT max(id) FROM activity WHERE case_id=${p.c} AND status='planned'`));
  const planned = page.locator(`#planned-${id}`);
  assert.ok((await planned.textContent()).includes(PURPOSE));
  assert.ok((await planned.textContent()).includes('10:30'));
  assert.equal(await page.locator('#register-empty').count(), 1, 'not in the timeline of what was done');

  // her day, and the case manager's, show it
  await page.goto(`${srv.base}/my-day`);
  const mine = page.locator(`#my-planned-${id}`);
  assert.ok((await mine.textContent()).includes(PURPOSE));
  const cmPage = await newPage(browser);
  await logIn(cmPage, srv.base, 'cm', '/my-day');
  assert.ok((await cmPage.locator(`#my-planned-${id}`).textContent()).includes(PURPOSE));

  // from her day to the register, where she records it as done
  await mine.locator('a').click();
  await page.waitForURL(`${srv.base}/cases/${p.c}/register#planned-${id}`);
  await page.click(`#done-open-${id}`);
  assert.equal(await page.locator(`#f-done-${id}-on_date`).inputValue(), day(0), 'the planned day by default');
  await page.fill(`#f-done-${id}-minutes`, '60');
  await page.fill(`#f-done-${id}-text`, HAPPENED);
  await clickPost(page, `#done-form-${id} button[type=submit]`);
  assert.match(page.url(), /\/register\?done=recorded#planned$/);
  assert.equal(await page.locator('#planned-empty').count(), 1, 'nothing planned any more');
  const done = page.locator(`#register > #activity-${id}`);
  assert.ok((await done.textContent()).includes(HAPPENED));
  assert.equal(one(`SELECT status||'|'||minutes FROM activity WHERE id=${id}`), 'done|60');
  await page.goto(`${srv.base}/my-day`);
  assert.equal(await page.locator(`#my-planned-${id}`).count(), 0, 'her day is clear');
  await cmPage.close();
});
