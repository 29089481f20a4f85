// audit_page.test.mjs — writes through the API and the web forms leave
// audit entries in their transaction; the /audit page shows them to
// managers and auditors only, filtered by user and date; the chain
// verifies; a refused write leaves no "create" entry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, addUser, ali } from './server.mjs';

let srv, auditorToken, socialToken;

before(async () => {
  srv = await startServer();
  auditorToken = addUser(srv.db, 'auditor1', ['auditor']);
  socialToken = addUser(srv.db, 'social9', ['social_worker']);
});
after(async () => { await srv.stop(); });

const ROUND = { code: 'RA', name: 'Round audited', start_date: '2025-01-01', end_date: '2025-06-30' };

test('an API write is audited with its fields; a refused one is not', async () => {
  const ok = await request(srv.base, 'POST', '/api/v1/rounds', { body: ROUND });
  assert.equal(ok.status, 201);
  const bad = await request(srv.base, 'POST', '/api/v1/rounds', { body: { ...ROUND, code: 'RB', end_date: '2024-01-01' } });
  assert.equal(bad.status, 422);
  const page = await request(srv.base, 'GET', '/audit?user=tester&action=create', { token: auditorToken });
  assert.equal(page.status, 200);
  assert.match(page.body, /round/);
  assert.match(page.body, /Round audited/);
  assert.doesNotMatch(page.body, /RB/);
});

test('the audit page is for managers and auditors only', async () => {
  assert.equal((await request(srv.base, 'GET', '/audit')).status, 200); // tester is a manager
  assert.equal((await request(srv.base, 'GET', '/audit', { token: socialToken })).status, 403);
  assert.equal((await request(srv.base, 'GET', '/audit', { token: null })).status, 303);
});

test('a refused route is itself audited as denied', async () => {
  await request(srv.base, 'GET', '/audit', { token: socialToken });
  const page = await request(srv.base, 'GET', '/audit?user=social9&action=denied', { token: auditorToken });
  assert.match(page.body, /denied/);
  assert.match(page.body, /audit\.read/);
});

test('filters by date; a bad date is a 422 with a message', async () => {
  const future = await request(srv.base, 'GET', '/audit?from=2199-01-01', { token: auditorToken });
  assert.equal(future.status, 200);
  assert.doesNotMatch(future.body, /<table/);
  const bad = await request(srv.base, 'GET', '/audit?from=yesterday', { token: auditorToken });
  assert.equal(bad.status, 422);
});

test('the chain verifies after all this', () => {
  const r = ali(['audit', 'verify', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /intact/);
});

test('creating and changing a person through the API and a form are audited, field by field', async () => {
  const created = await request(srv.base, 'POST', '/api/v1/people', {
    body: { person_ref: 'AUD-1', household_ref: 'HAUD-1', first_name: 'Anna', last_name: 'Verdi' },
  });
  assert.equal(created.status, 201);
  const id = created.json.id;
  const patched = await request(srv.base, 'PATCH', `/api/v1/people/${id}`, { body: { municipality: 'Calci' } });
  assert.equal(patched.status, 200);
  const form = new URLSearchParams({ person_ref: 'AUD-1', household_ref: 'HAUD-1', first_name: 'Anna',
    last_name: 'Verdi Rossi', municipality: 'Calci', relationship: 'reference' });
  const posted = await request(srv.base, 'POST', `/people/${id}`, {
    raw: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(posted.status, 303);
  const trail = await request(srv.base, 'GET', `/audit?person=${id}`, { token: auditorToken });
  const rows = trail.body.match(/<tr><td>/g) || [];
  assert.equal(rows.length, 3, 'create, update by API, update by form');
  assert.match(trail.body, /Calci/);
  assert.match(trail.body, /Verdi Rossi/);
});
