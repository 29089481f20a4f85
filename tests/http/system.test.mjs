// system.test.mjs — health check, language switch, assets, unknown routes,
// oversize bodies, graceful stop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, BACKEND, ali, freshDatabase } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('GET /healthz names the backend and the schema version', async () => {
  const r = await request(srv.base, 'GET', '/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.json.status, 'ok');
  assert.equal(r.json.backend, BACKEND);
  assert.ok(r.json.schema_version >= 1);
});

test('unknown pages answer 404 in HTML, unknown API routes in JSON', async () => {
  const page = await request(srv.base, 'GET', '/no/such/page');
  assert.equal(page.status, 404);
  assert.match(page.headers.get('content-type'), /text\/html/);
  const api = await request(srv.base, 'GET', '/api/v1/no-such-thing');
  assert.equal(api.status, 404);
  assert.equal(api.json.error.code, 'not_found');
});

test('the language switch sets a cookie and goes back to a local page only', async () => {
  const r = await request(srv.base, 'GET', '/lang?set=en&next=/programme');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/programme');
  assert.match(r.headers.get('set-cookie'), /lang=en/);
  const evil = await request(srv.base, 'GET', '/lang?set=en&next=//evil.example');
  assert.equal(evil.headers.get('location'), '/people');
});

test('assets are served from the binary with an ETag', async () => {
  const r = await request(srv.base, 'GET', '/assets/bootstrap-italia.min.css');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/css/);
  const etag = r.headers.get('etag');
  const again = await request(srv.base, 'GET', '/assets/bootstrap-italia.min.css', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await request(srv.base, 'GET', '/assets/../../etc/passwd')).status, 404);
});

test('a body over the route limit is refused with 413', async () => {
  const big = 'x'.repeat(2 * 1024 * 1024);
  const r = await request(srv.base, 'POST', '/api/v1/people', { raw: big, headers: { 'Content-Type': 'application/json' } });
  assert.equal(r.status, 413);
  assert.equal(r.json.error.code, 'payload_too_large');
});

test('without credentials pages go to the login page and the API answers 401', async () => {
  const page = await request(srv.base, 'GET', '/people', { token: null });
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/login?next=/people');
  const api = await request(srv.base, 'GET', '/api/v1/people', { token: null });
  assert.equal(api.status, 401);
  assert.equal(api.json.error.code, 'unauthenticated');
  const bad = await request(srv.base, 'GET', '/api/v1/people', { token: 'not-a-token' });
  assert.equal(bad.status, 401);
  assert.equal((await request(srv.base, 'GET', '/login', { token: null })).status, 200);
  assert.equal((await request(srv.base, 'GET', '/healthz', { token: null })).status, 200);
});

test('init and migrate are idempotent; serve refuses an empty database', () => {
  assert.equal(ali(['migrate', '--db', srv.db]).status, 0);
  const again = ali(['init', '--db', srv.db]);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /up to date/);
  const empty = freshDatabase();
  const r = ali(['serve', '--db', empty, '--listen', '127.0.0.1:8098']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ali init/);
});
