// registry.test.mjs — the registry in a real browser (Debian's Chromium
// driven by playwright-core): open the registry, search, create a person
// with a validation error, see the message next to the field, fix it,
// save, see the person page, switch to English.  Also saves the
// screenshot of the registry that the README shows (docs/screenshot.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer } from '../http/server.mjs';
import { launchBrowser, newPage, logIn } from './browser.mjs';

const SCREENSHOT = new URL('../../docs/screenshot.png', import.meta.url).pathname;

// A few households as an agency would have them (valid codici fiscali).
const PEOPLE = [
  ['P-101', 'H-101', 'reference', 'BNCGLI79D62G702E', 'Giulia', 'Bianchi', 'F', '1979-04-22', 'IT', 'IT', 'Pisa', 'yes'],
  ['P-102', 'H-101', 'child', 'BNCSFO12P43G702D', 'Sofia', 'Bianchi', 'F', '2012-09-03', 'IT', 'IT', 'Pisa', 'no'],
  ['P-103', 'H-102', 'reference', 'SPSNTN68S30F839K', 'Antonio', 'Esposito', 'M', '1968-11-30', 'IT', 'IT', 'Cascina', 'no'],
  ['P-104', 'H-103', 'reference', 'LMRFTM90B54Z330W', 'Fatima', 'El Amrani', 'F', '1990-02-14', 'MA', 'MA', 'Pontedera', 'yes'],
  ['P-105', 'H-103', 'child', 'LMRYSF15H01G702L', 'Youssef', 'El Amrani', 'M', '2015-06-01', 'IT', 'MA', 'Pontedera', 'no'],
  ['P-106', 'H-104', 'reference', 'PPSLNE83L59Z129J', 'Elena', 'Popescu', 'F', '1983-07-19', 'RO', 'RO', 'Pisa', ''],
  ['P-107', 'H-105', 'reference', 'CNTLCU96A08E625T', 'Luca', 'Conti', 'M', '1996-01-08', 'IT', 'IT', 'San Giuliano Terme', 'no'],
  ['P-108', 'H-106', 'reference', 'HXHRBN75R27Z100G', 'Arben', 'Hoxha', 'M', '1975-10-27', 'AL', 'AL', 'Pisa', 'yes'],
  ['P-109', 'H-107', 'reference', 'RCCMRT01E52G702Z', 'Marta', 'Ricci', 'F', '2001-05-12', 'IT', 'IT', 'Vecchiano', ''],
];
const FIELDS = ['person_ref', 'household_ref', 'relationship', 'codice_fiscale', 'first_name',
  'last_name', 'gender', 'birth_date', 'birth_country', 'citizenship', 'municipality', 'minimum_income'];

let srv, browser, page;

before(async () => {
  srv = await startServer();
  // The registry is filled through the same create form the UI posts.
  for (const row of PEOPLE) {
    const body = new URLSearchParams(FIELDS.map((f, i) => [f, row[i]])).toString();
    const r = await fetch(`${srv.base}/people`, {
      method: 'POST', body, redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${srv.token}` },
    });
    assert.equal(r.status, 303, `creating ${row[0]}`);
  }
  browser = await launchBrowser();
  page = await newPage(browser);
  // Log in as a person does: the login form, then back to the registry.
  await logIn(page, srv.base, 'tester');
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

// The names listed in the registry table, in order.
async function listedNames() {
  return page.locator('#people tbody tr td:first-child a').allTextContents();
}

test('the registry lists the people, in Italian, and is saved as the screenshot', async () => {
  await page.goto(`${srv.base}/people`);
  assert.equal(await page.locator('h1').textContent(), 'Anagrafe delle persone');
  assert.equal(await page.locator('html').getAttribute('lang'), 'it');
  const names = await listedNames();
  assert.equal(names.length, PEOPLE.length);
  assert.equal(names[0], 'Bianchi Giulia');
  // the stylesheet and Bootstrap Italia's font really load
  const font = await page.locator('body').evaluate((el) => getComputedStyle(el).fontFamily);
  assert.match(font, /Titillium/);
  await page.evaluate(() => document.fonts.ready);
  const loaded = await page.evaluate(() => [...document.fonts]
    .filter((f) => f.family.includes('Titillium')).map((f) => f.status));
  assert.ok(loaded.length && loaded.every((s) => s === 'loaded'), `Titillium Web: ${loaded}`);
  mkdirSync(new URL('../../docs/', import.meta.url), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
});

test('search by surname prefix and by codice fiscale', async () => {
  await page.fill('#f-q', 'el am');
  await page.click('button[type=submit]:has-text("Cerca")');
  assert.deepEqual(await listedNames(), ['El Amrani Fatima', 'El Amrani Youssef']);
  assert.match(page.url(), /q=el\+am/);
  await page.fill('#f-q', 'PPSLNE83');
  await page.click('button[type=submit]:has-text("Cerca")');
  assert.deepEqual(await listedNames(), ['Popescu Elena']);
  await page.fill('#f-q', 'nessuno');
  await page.click('button[type=submit]:has-text("Cerca")');
  assert.equal(await page.locator('#empty .callout-title').textContent(), 'Nessun risultato');
});

test('a new person with a wrong codice fiscale is fixed and saved', async () => {
  await page.goto(`${srv.base}/people`);
  await page.click('a:has-text("Nuova persona")');
  assert.match(page.url(), /\/people\/new$/);
  await page.fill('#f-last_name', 'Greco');
  await page.fill('#f-first_name', 'Davide');
  await page.fill('#f-codice_fiscale', 'GRCDVD88C15G702A'); // wrong check character
  await page.selectOption('#f-gender', 'M');
  await page.fill('#f-birth_date', '1988-03-15');
  await page.selectOption('#f-birth_country', 'IT');
  await page.selectOption('#f-citizenship', 'IT');
  await page.fill('#f-household_ref', 'H-108');
  await page.fill('#f-municipality', 'Pisa');
  await page.fill('#f-person_ref', 'P-110');
  await page.selectOption('#f-minimum_income', 'yes');
  await page.click('button:has-text("Salva")');

  // the form comes back with the message next to the field, values kept
  const group = page.locator('.form-group:has(#f-codice_fiscale)');
  assert.equal(await group.locator('.invalid-feedback').textContent(), 'il carattere di controllo è errato');
  assert.equal(await page.locator('#f-codice_fiscale').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#f-last_name').inputValue(), 'Greco');
  assert.equal(await page.locator('#f-birth_country').inputValue(), 'IT');
  assert.match(await page.locator('#errors').textContent(), /Codice fiscale: il carattere di controllo è errato/);

  await page.fill('#f-codice_fiscale', 'grcdvd88c15g702x'); // lower case is normalised
  await page.click('button:has-text("Salva")');
  assert.match(page.url(), /\/people\/\d+$/);
  assert.equal(await page.locator('h1').textContent(), 'Greco Davide');
  const facts = await page.locator('#person').textContent();
  assert.match(facts, /GRCDVD88C15G702X/);
  assert.match(facts, /15\/03\/1988/);
  assert.match(facts, /Italia \(IT\)/);
  assert.match(await page.locator('#members').textContent(), /Greco Davide/);
});

test('the language switch shows the page in English', async () => {
  await page.click('.ali-lang-link[lang=en]');
  assert.match(page.url(), /\/people\/\d+$/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('#h-person').textContent(), 'Personal data');
  const facts = await page.locator('#person').textContent();
  assert.match(facts, /Surname/);
  assert.match(facts, /Italy \(IT\)/);
  assert.match(facts, /1988-03-15/);
  await page.click('a.nav-link:has-text("Registry")');
  assert.equal(await page.locator('h1').textContent(), 'Registry of people');
  assert.equal((await listedNames()).length, PEOPLE.length + 1);
  await page.click('.ali-lang-link[lang=it]');
  assert.equal(await page.locator('h1').textContent(), 'Anagrafe delle persone');
});
