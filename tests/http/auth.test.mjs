// auth.test.mjs — logging in through the form, the session cookie, CSRF on
// forms and on cookie-authenticated JSON, logout, throttling of failed
// logins, secure cookies, and the security headers.  Two servers run at
// once here, so requests name the token of theirs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, addUser, TEST_PASSWORD } from './server.mjs';
import { sql } from './access_fixture.mjs';

let srv, secure;
before(async () => {
  srv = await startServer();
  secure = await startServer({ args: ['--secure-cookies'] });
});
after(async () => { await srv.stop(); await secure.stop(); });

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

async function login(base, username, password) {
  const body = new URLSearchParams({ username, password, next: '/programme' }).toString();
  return request(base, 'POST', '/login', { raw: body, headers: FORM, token: null });
}

// Logs in as tester; returns { cookie, csrf } of the new session.
async function session(base = srv.base) {
  const r = await login(base, 'tester', TEST_PASSWORD);
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/programme');
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const page = await request(base, 'GET', '/programme', { headers: { Cookie: cookie }, token: null });
  const csrf = page.body.match(/name="csrf" value="([0-9a-f]{64})"/)[1];
  return { cookie, csrf };
}

test('login sets an HttpOnly, SameSite=Strict session cookie that opens the pages', async () => {
  const r = await login(srv.base, 'tester', TEST_PASSWORD);
  const set = r.headers.get('set-cookie');
  assert.match(set, /^ali_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict$/);
  const { cookie } = await session();
  const page = await request(srv.base, 'GET', '/people', { headers: { Cookie: cookie }, token: null });
  assert.equal(page.status, 200);
  assert.match(page.body, /Test Manager/);
});

test('a form post without the CSRF token is refused and writes nothing', async () => {
  const { cookie, csrf } = await session();
  const fields = { round_code: 'RX', round_name: 'Round X', start_date: '2025-01-01', end_date: '2025-02-01', services: 'haccp' };
  const without = await request(srv.base, 'POST', '/programme/rounds',
    { raw: new URLSearchParams(fields).toString(), headers: { ...FORM, Cookie: cookie }, token: null });
  assert.equal(without.status, 403);
  const wrong = await request(srv.base, 'POST', '/programme/rounds',
    { raw: new URLSearchParams({ ...fields, csrf: 'f'.repeat(64) }).toString(), headers: { ...FORM, Cookie: cookie }, token: null });
  assert.equal(wrong.status, 403);
  const list = await request(srv.base, 'GET', '/api/v1/rounds', { token: srv.token });
  assert.ok(!list.json.items.some((x) => x.code === 'RX'));
  const ok = await request(srv.base, 'POST', '/programme/rounds',
    { raw: new URLSearchParams({ ...fields, csrf }).toString(), headers: { ...FORM, Cookie: cookie }, token: null });
  assert.equal(ok.status, 303);
});

test('a cookie-authenticated JSON write needs X-CSRF-Token; a bearer token does not', async () => {
  const { cookie, csrf } = await session();
  const body = { code: 'svc_x', name_it: 'Servizio X', name_en: 'Service X', kind: 'other' };
  const without = await request(srv.base, 'POST', '/api/v1/services', { body, headers: { Cookie: cookie }, token: null });
  assert.equal(without.status, 403);
  const withToken = await request(srv.base, 'POST', '/api/v1/services',
    { body, headers: { Cookie: cookie, 'X-CSRF-Token': csrf }, token: null });
  assert.equal(withToken.status, 201);
  const bearer = await request(srv.base, 'POST', '/api/v1/services', { body: { ...body, code: 'svc_y' }, token: srv.token });
  assert.equal(bearer.status, 201);
});

test('logout ends the session: the cookie no longer opens anything', async () => {
  const { cookie, csrf } = await session();
  const out = await request(srv.base, 'POST', '/logout',
    { raw: `csrf=${csrf}`, headers: { ...FORM, Cookie: cookie }, token: null });
  assert.equal(out.status, 303);
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  const after = await request(srv.base, 'GET', '/people', { headers: { Cookie: cookie }, token: null });
  assert.equal(after.status, 303);
  assert.match(after.headers.get('location'), /^\/login/);
});

test('failed logins say the same for unknown users; then waits grow, with Retry-After', async () => {
  const unknown = await login(srv.base, 'nobody-here', 'whatever whatever');
  const wrong = await login(srv.base, 'tester', 'wrong password here');
  assert.equal(unknown.status, 401);
  assert.equal(wrong.status, 401);
  const message = (b) => b.match(/alert-danger[^>]*>([^<]*)</)[1];
  assert.equal(message(unknown.body), message(wrong.body));
  // Then the waits grow with the failures recorded (1, 2, 4... seconds
  // after the fifth).  Failures are seeded just now rather than provoked
  // one by one: each provoked one costs an argon2id verification, longer
  // under load than the first waits, and tests never depend on timing.
  const waits = [];
  for (const n of [8, 9, 10]) {
    const user = `throttled${n}`;
    addUser(srv.db, user, ['social_worker']);
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const rows = Array.from({ length: n }, () => `('${user}', '192.0.2.${n}', '${now}')`).join(',');
    sql(srv.db, `INSERT INTO login_failure(username, address, at) VALUES ${rows}`);
    // even the right password must wait
    const r = await login(srv.base, user, TEST_PASSWORD);
    assert.equal(r.status, 429, `${n} failures: ${r.status}`);
    waits.push(Number(r.headers.get('retry-after')));
  }
  assert.ok(waits[0] >= 1 && waits[1] > waits[0] && waits[2] > waits[1], `waits grow: ${waits}`);
});

test('--secure-cookies: the cookie is __Host- prefixed and Secure', async () => {
  const r = await login(secure.base, 'tester', TEST_PASSWORD);
  assert.match(r.headers.get('set-cookie'), /^__Host-ali_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Secure$/);
});

test('security headers on pages; no version banner', async () => {
  const r = await request(srv.base, 'GET', '/people', { token: srv.token });
  assert.match(r.headers.get('content-security-policy'), /default-src 'self'/);
  assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.doesNotMatch(r.headers.get('content-security-policy'), /unsafe-inline/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(r.headers.get('server'), null);
  assert.doesNotMatch(r.body, /<script(?![^>]*src=)[^>]*>/);
});
