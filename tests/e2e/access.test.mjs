// access.test.mjs — need-to-know in a real browser (Debian's Chromium
// driven by playwright-core, launched by browser.mjs): a case
// manager logs in, sees only their caseload, fails to open another
// cooperative's participant by typing its address (404, nothing of the
// person on the page), and logs out.  The world is the one of the HTTP
// tests' need-to-know matrix (tests/http/access_fixture.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../http/server.mjs';
import { launchBrowser, newPage, logIn } from './browser.mjs';
import { buildAccessWorld, PEOPLE, secretsOf } from '../http/access_fixture.mjs';

let srv, world, browser, page;

before(async () => {
  srv = await startServer();
  world = await buildAccessWorld(srv, { accounts: ['sw1', 'sw2', 'cm_a', 'cm_b'] });
  browser = await launchBrowser();
  page = await newPage(browser);
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('a case manager logs in and sees only their caseload', async () => {
  await logIn(page, srv.base, 'cm_a');
  assert.equal(await page.locator('h1').textContent(), 'I miei casi');
  const names = await page.locator('#people tbody tr td:first-child a').allTextContents();
  assert.deepEqual(names.sort(), ['Zanobini Mirella', 'Zanobini Tommaso']);
  const html = await page.content();
  for (const target of ['colleague', 'coop', 'agency']) {
    for (const s of secretsOf(target)) assert.ok(!html.includes(s), `${s} is not on the page`);
  }
  // no way to create people: a case manager does not write the registry
  assert.equal(await page.locator('a:has-text("Nuova persona")').count(), 0);
  // their own participant opens, with the notes a case manager reads
  await page.click('a:has-text("Zanobini Mirella")');
  assert.equal(await page.locator('h1').textContent(), 'Zanobini Mirella');
  assert.ok((await page.content()).includes(PEOPLE.own.codice_fiscale));
});

test('another cooperative\'s participant does not open by URL', async () => {
  const resp = await page.goto(`${srv.base}/people/${world.ids.coop}`);
  assert.equal(resp.status(), 404);
  assert.equal(await page.locator('h1').textContent(), 'Non trovato');
  const html = await page.content();
  for (const s of secretsOf('coop')) assert.ok(!html.includes(s), `${s} is not on the page`);
  const said = await page.locator('main').textContent();
  // exactly like a person who does not exist
  const unknown = await page.goto(`${srv.base}/people/99999999`);
  assert.equal(unknown.status(), 404);
  assert.equal(await page.locator('main').textContent(), said);
  // and the API answers the same
  const api = await page.evaluate(async (id) => (await fetch(`/api/v1/people/${id}`)).status, world.ids.coop);
  assert.equal(api, 404);
});

test('logging out ends the session', async () => {
  await page.goto(`${srv.base}/people`);
  await page.click('.ali-logout button[type=submit]');
  await page.waitForURL(/\/login$/);
  await page.goto(`${srv.base}/people`);
  assert.match(page.url(), /\/login\?next=\/people$/);
});
