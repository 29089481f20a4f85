// browser.mjs — what the browser tests share: Debian's Chromium driven by
// playwright-core with the project's flags for tests (headless, no
// sandbox, GPU, QUIC, first-run, background networking, component update
// or sync; Playwright itself gives every launch a new temporary profile
// directory), a page in a new context (its own cookies: one context per
// person logged in), and logging in through the login form as a person
// does.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { TEST_PASSWORD } from '../http/server.mjs';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// A new headless Chromium; close it in after().
export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
}

// A page in a new context (no cookies), a laptop's viewport, Italian by
// default as the agencies' browsers are.  An element that does not turn
// up within 15 s fails the step (Playwright's default is 30 s).
export async function newPage(browser, { locale = 'it-IT' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  context.setDefaultTimeout(15000);
  return context.newPage();
}

// Opens `path` on server `base` as nobody, is sent to the login form,
// logs in as `username` (the tests' password) and lands back on `path`.
export async function logIn(page, base, username, path = '/people') {
  await page.goto(`${base}${path}`);
  const next = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  assert.match(page.url(), new RegExp(`/login\\?next=${next}$`));
  await page.fill('#f-username', username);
  await page.fill('#f-password', TEST_PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.waitForURL(`${base}${path}`);
}
