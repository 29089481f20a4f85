// api_programme.test.mjs — the programme set-up through the API: rounds
// (/api/v1/rounds), funding streams (/api/v1/funding-streams) and the
// service catalogue (/api/v1/services): list, get, create, update, the
// 4xx answers to bad input, and that a refused write changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const api = (method, path, opts) => request(srv.base, method, path, opts);
const json = { 'Content-Type': 'application/json' };
const CATALOGUE = ['internship', 'forklift', 'italian_l2', 'haccp', 'safety', 'home_education', 'it_training',
  'soft_skills', 'home_care', 'psych_support', 'orientation', 'green_maintenance', 'furniture'];

function assertError(r, status, field, pattern) {
  assert.equal(r.status, status, r.body);
  assert.match(r.headers.get('content-type'), /application\/json/);
  assert.equal(typeof r.json.error.code, 'string');
  assert.ok(r.json.error.message.length > 0);
  if (field) {
    assert.ok(r.json.error.fields && field in r.json.error.fields, `fields.${field} in ${r.body}`);
    if (pattern) assert.match(r.json.error.fields[field], pattern);
  }
}

// Every item of a list, walking next_cursor with pages of `limit`.
async function walk(path, limit = 500) {
  const out = [];
  let cursor = null;
  const sep = path.includes('?') ? '&' : '?';
  do {
    const r = await api('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, r.body);
    assert.ok(r.json.items.length <= limit);
    out.push(...r.json.items);
    cursor = r.json.next_cursor;
  } while (cursor);
  return out;
}

// Checks the generic bad inputs of a write route, then that `path` reads the same.
async function assertBadBodies(method, url, readPath) {
  const before = (await api('GET', readPath)).body;
  assertError(await api(method, url, { raw: '{"name": ', headers: json }), 400);
  assertError(await api(method, url, { raw: '[1,2]', headers: json }), 400);
  assertError(await api(method, url, { raw: '{"name":"x"}', headers: { 'Content-Type': 'text/plain' } }), 415);
  assertError(await api(method, url, { raw: JSON.stringify({ name: 'n'.repeat(66 * 1024) }), headers: json }), 413);
  assertError(await api(method, url, { body: { name: 'x', colour: 'blue' } }), 422, 'colour', /unknown field/);
  assertError(await api(method, url, { body: { id: 3 } }), 422, 'id', /read-only/);
  assert.equal((await api('GET', readPath)).body, before);
}

test('services: the standard catalogue, pages, filters, get', async () => {
  const all = await walk('/api/v1/services', 5);
  assert.deepEqual(all.slice(0, CATALOGUE.length).map((s) => s.code), CATALOGUE);
  assert.equal(new Set(all.map((s) => s.id)).size, all.length);
  const haccp = all.find((s) => s.code === 'haccp');
  assert.equal(haccp.kind, 'training');
  assert.ok(haccp.name_it && haccp.name_en);
  assert.deepEqual(Object.keys(haccp).sort(), ['code', 'id', 'kind', 'name_en', 'name_it']);
  const one = await api('GET', `/api/v1/services/${haccp.id}`);
  assert.equal(one.status, 200);
  assert.deepEqual(one.json, haccp);
  const training = await walk('/api/v1/services?kind=training');
  assert.ok(training.length >= 7 && training.every((s) => s.kind === 'training'));
  assert.deepEqual((await walk('/api/v1/services?code=forklift')).map((s) => s.code), ['forklift']);
  assertError(await api('GET', '/api/v1/services/999999'), 404);
});

test('services: create, duplicate, update, bad input', async () => {
  const body = { code: 'cooking', name_it: 'Corso di cucina', name_en: 'Cooking course', kind: 'training' };
  const r = await api('POST', '/api/v1/services', { body });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.headers.get('location'), `/api/v1/services/${r.json.id}`);
  assert.deepEqual({ ...r.json, id: undefined }, { ...body, id: undefined });
  const path = `/api/v1/services/${r.json.id}`;
  assertError(await api('POST', '/api/v1/services', { body }), 409, 'code');
  const u = await api('PATCH', path, { body: { name_en: 'Cooking class' } });
  assert.equal(u.status, 200, u.body);
  assert.equal(u.json.name_en, 'Cooking class');
  assert.equal(u.json.name_it, 'Corso di cucina');
  const before = (await api('GET', path)).body;
  assertError(await api('PATCH', path, { body: { code: 'baking' } }), 422, 'code', /cannot be changed/);
  assertError(await api('PATCH', path, { body: { kind: 'party' } }), 422, 'kind');
  assertError(await api('PATCH', path, { body: { name_it: '' } }), 422, 'name_it', /required/);
  assertError(await api('PATCH', path, { body: { name_it: 5 } }), 422, 'name_it', /string/);
  assertError(await api('PATCH', '/api/v1/services/999999', { body: { name_en: 'x' } }), 404);
  assert.equal((await api('GET', path)).body, before);
  const n = (await walk('/api/v1/services')).length;
  assertError(await api('POST', '/api/v1/services', { body: { ...body, code: 'bad code!' } }), 422, 'code');
  assertError(await api('POST', '/api/v1/services', { body: { code: 'newone' } }), 422, 'name_it', /required/);
  assertError(await api('POST', '/api/v1/services', { body: { ...body, code: 'newone', kind: ['training'] } }), 422, 'kind');
  await assertBadBodies('POST', '/api/v1/services', '/api/v1/services?limit=500');
  await assertBadBodies('PATCH', path, path);
  assert.equal((await walk('/api/v1/services')).length, n);
});

test('rounds: create with and without services, get, filters, pages', async () => {
  const r1 = await api('POST', '/api/v1/rounds', {
    body: { code: 'R1', name: 'Prima edizione', start_date: '2020-10-01', end_date: '2021-12-31', services: ['internship', 'haccp'] },
  });
  assert.equal(r1.status, 201, r1.body);
  assert.equal(r1.headers.get('location'), `/api/v1/rounds/${r1.json.id}`);
  assert.deepEqual(r1.json.services, ['internship', 'haccp']);
  assert.equal(r1.json.max_participants, null);
  const r2 = await api('POST', '/api/v1/rounds', {
    body: { code: 'R2', name: 'Seconda edizione', start_date: '2022-01-01', end_date: '2022-06-30', max_participants: 63 },
  });
  assert.equal(r2.status, 201, r2.body);
  assert.equal(r2.json.max_participants, 63);
  const catalogue = (await walk('/api/v1/services')).map((s) => s.code);
  assert.deepEqual(r2.json.services, catalogue, 'no services given: the whole catalogue');
  const g = await api('GET', `/api/v1/rounds/${r1.json.id}`);
  assert.deepEqual(g.json, r1.json);
  assert.deepEqual(Object.keys(g.json).sort(), ['code', 'end_date', 'id', 'max_participants', 'name', 'services', 'start_date']);
  for (let i = 3; i <= 6; i++) {
    const r = await api('POST', '/api/v1/rounds', { body: { code: `R${i}`, name: `Round ${i}`, start_date: `202${i}-01-01`, end_date: `202${i}-12-31` } });
    assert.equal(r.status, 201, r.body);
  }
  const all = await walk('/api/v1/rounds', 2);
  assert.deepEqual(all.map((r) => r.code), ['R1', 'R2', 'R3', 'R4', 'R5', 'R6']);
  assert.deepEqual((await walk('/api/v1/rounds?code=R2')).map((r) => r.code), ['R2']);
  const withIt = (await walk('/api/v1/rounds?service=it_training')).map((r) => r.code);
  assert.ok(!withIt.includes('R1') && withIt.includes('R2'));
  assertError(await api('GET', '/api/v1/rounds?cursor=999999'), 400, 'cursor');
  assertError(await api('GET', '/api/v1/rounds?limit=0'), 400, 'limit');
  assertError(await api('GET', '/api/v1/rounds/999999'), 404);
});

test('rounds: update and bad input', async () => {
  const c = await api('POST', '/api/v1/rounds', { body: { code: 'RU', name: 'Da cambiare', start_date: '2024-01-01', end_date: '2024-12-31', services: ['safety'] } });
  assert.equal(c.status, 201, c.body);
  const path = `/api/v1/rounds/${c.json.id}`;
  const u = await api('PATCH', path, { body: { end_date: '2025-03-31', services: ['safety', 'forklift'], max_participants: 10 } });
  assert.equal(u.status, 200, u.body);
  assert.equal(u.json.end_date, '2025-03-31');
  assert.equal(u.json.name, 'Da cambiare');
  assert.deepEqual([...u.json.services].sort(), ['forklift', 'safety']);
  assert.equal(u.json.max_participants, 10);
  const keep = await api('PATCH', path, { body: { name: 'Cambiato' } });
  assert.deepEqual([...keep.json.services].sort(), ['forklift', 'safety'], 'services absent: unchanged');
  const before = (await api('GET', path)).body;
  const cases = [
    [{ end_date: '2023-01-01' }, 'end_date'],
    [{ start_date: '2024-02-30' }, 'start_date'],
    [{ start_date: 20240101 }, 'start_date', /string/],
    [{ services: ['no_such_service'] }, 'services', /unknown service/],
    [{ services: 'safety' }, 'services', /array/],
    [{ services: [1] }, 'services', /array of strings/],
    [{ max_participants: 0 }, 'max_participants'],
    [{ max_participants: 'ten' }, 'max_participants', /integer/],
    [{ code: 'RX' }, 'code', /cannot be changed/],
    [{ name: null }, 'name', /required/],
  ];
  for (const [body, field, pattern] of cases) assertError(await api('PATCH', path, { body }), 422, field, pattern);
  assertError(await api('PATCH', '/api/v1/rounds/999999', { body: { name: 'x' } }), 404);
  assert.equal((await api('GET', path)).body, before);
  const n = (await walk('/api/v1/rounds')).length;
  const ok = { code: 'RNEW', name: 'Nuova', start_date: '2024-01-01', end_date: '2024-12-31' };
  assertError(await api('POST', '/api/v1/rounds', { body: { ...ok, code: 'RU' } }), 409, 'code');
  assertError(await api('POST', '/api/v1/rounds', { body: { ...ok, services: ['nope'] } }), 422, 'services');
  assertError(await api('POST', '/api/v1/rounds', { body: { ...ok, end_date: '2023-12-31' } }), 422, 'end_date');
  assertError(await api('POST', '/api/v1/rounds', { body: { code: 'RNEW' } }), 422, 'name', /required/);
  await assertBadBodies('POST', '/api/v1/rounds', '/api/v1/rounds?limit=500');
  await assertBadBodies('PATCH', path, path);
  assert.equal((await walk('/api/v1/rounds')).length, n);
});

test('funding streams: create, get, list, update, bad input', async () => {
  const body = { code: 'fondo_poverta', name: 'Fondo Povertà', allocation_cents: 45000000, rule: 'minimum_income' };
  const c = await api('POST', '/api/v1/funding-streams', { body });
  assert.equal(c.status, 201, c.body);
  assert.equal(c.headers.get('location'), `/api/v1/funding-streams/${c.json.id}`);
  assert.deepEqual(c.json, { id: c.json.id, ...body, esf: false });
  const pon = await api('POST', '/api/v1/funding-streams', { body: { code: 'pon_inclusione', name: 'PON Inclusione', allocation_cents: 34316500, esf: true, rule: null } });
  assert.equal(pon.status, 201, pon.body);
  assert.equal(pon.json.esf, true);
  assert.equal(pon.json.rule, null);
  assert.deepEqual((await walk('/api/v1/funding-streams', 1)).map((s) => s.code), ['fondo_poverta', 'pon_inclusione']);
  assert.deepEqual((await walk('/api/v1/funding-streams?esf=true')).map((s) => s.code), ['pon_inclusione']);
  assert.deepEqual((await walk('/api/v1/funding-streams?esf=false')).map((s) => s.code), ['fondo_poverta']);
  assertError(await api('GET', '/api/v1/funding-streams?esf=perhaps'), 400, 'esf');
  const path = `/api/v1/funding-streams/${c.json.id}`;
  assert.deepEqual((await api('GET', path)).json, c.json);
  const u = await api('PATCH', path, { body: { allocation_cents: 50000000, rule: null } });
  assert.equal(u.status, 200, u.body);
  assert.equal(u.json.allocation_cents, 50000000);
  assert.equal(u.json.rule, null);
  assert.equal(u.json.name, 'Fondo Povertà');
  const before = (await api('GET', path)).body;
  const cases = [
    [{ allocation_cents: '1000' }, 'allocation_cents', /integer/],
    [{ allocation_cents: 12.5 }, 'allocation_cents', /integer/],
    [{ allocation_cents: -1 }, 'allocation_cents'],
    [{ esf: 'yes' }, 'esf', /true or false/],
    [{ esf: null }, 'esf'],
    [{ rule: 'everyone' }, 'rule'],
    [{ code: 'other' }, 'code', /cannot be changed/],
  ];
  for (const [b, field, pattern] of cases) assertError(await api('PATCH', path, { body: b }), 422, field, pattern);
  assertError(await api('PATCH', '/api/v1/funding-streams/999999', { body: { name: 'x' } }), 404);
  assert.equal((await api('GET', path)).body, before);
  assertError(await api('POST', '/api/v1/funding-streams', { body }), 409, 'code');
  assertError(await api('POST', '/api/v1/funding-streams', { body: { code: 'nuovo', name: 'Nuovo' } }), 422, 'allocation_cents', /required/);
  assertError(await api('POST', '/api/v1/funding-streams', { body: { code: 'nuovo', name: 'Nuovo', allocation_cents: 1e18 } }), 422, 'allocation_cents');
  assertError(await api('GET', '/api/v1/funding-streams/999999'), 404);
  await assertBadBodies('POST', '/api/v1/funding-streams', '/api/v1/funding-streams?limit=500');
  await assertBadBodies('PATCH', path, path);
  assert.equal((await walk('/api/v1/funding-streams')).length, 2);
});
