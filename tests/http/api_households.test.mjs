// api_households.test.mjs — /api/v1/households: create, get with members
// and derived facts, partial update, list with filters and cursor pages;
// bad input answered 4xx with a message and nothing written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const api = (method, path, opts) => request(srv.base, method, path, opts);
const json = { 'Content-Type': 'application/json' };

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

async function createHousehold(body) {
  const r = await api('POST', '/api/v1/households', { body });
  assert.equal(r.status, 201, r.body);
  return r.json;
}

async function allHouseholds(query = '') {
  const out = [];
  let cursor = null;
  do {
    const r = await api('GET', `/api/v1/households?limit=500${query}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, r.body);
    out.push(...r.json.items);
    cursor = r.json.next_cursor;
  } while (cursor);
  return out;
}

test('POST creates an empty household: 201, Location, GET shows it', async () => {
  const r = await api('POST', '/api/v1/households', { body: { household_ref: 'HH-1', municipality: 'Pisa' } });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.headers.get('location'), `/api/v1/households/${r.json.id}`);
  assert.equal(r.json.household_ref, 'HH-1');
  assert.equal(r.json.municipality, 'Pisa');
  assert.equal(r.json.size, 0);
  assert.equal(r.json.minors, 0);
  assert.equal(r.json.single_parent_with_minors, false);
  assert.deepEqual(r.json.members, []);
  const g = await api('GET', r.headers.get('location'));
  assert.equal(g.status, 200);
  assert.deepEqual(g.json, r.json);
});

test('GET /households/{id} lists the members with ages and the derived facts', async () => {
  const h = await createHousehold({ household_ref: 'HH-FAM' });
  const add = async (body) => {
    const r = await api('POST', '/api/v1/people', { body: { household_ref: 'HH-FAM', last_name: 'Bianchi', ...body } });
    assert.equal(r.status, 201, r.body);
    return r.json;
  };
  const dad = await add({ person_ref: 'B1', first_name: 'Carlo', gender: 'M', birth_date: '1975-06-01' });
  await add({ person_ref: 'B2', first_name: 'Giulia', relationship: 'child', birth_date: '2012-01-15' });
  await add({ person_ref: 'B3', first_name: 'Sara', relationship: 'child', birth_date: '2000-01-15' });
  await add({ person_ref: 'B4', first_name: 'Ugo', relationship: 'other' });
  const r = await api('GET', `/api/v1/households/${h.id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.size, 4);
  assert.equal(r.json.minors, 1);
  assert.equal(r.json.single_parent_with_minors, true);
  assert.deepEqual(r.json.members.map((m) => m.person_ref), ['B1', 'B3', 'B2', 'B4']);
  assert.equal(r.json.members[0].id, dad.id);
  assert.equal(r.json.members[3].age, null);
  assert.ok(r.json.members[1].age >= 25);
  const listed = (await allHouseholds('&household_ref=HH-FAM'))[0];
  assert.equal(listed.size, 4);
  assert.deepEqual(Object.keys(listed).sort(), ['access', 'created_at', 'household_ref', 'id', 'municipality', 'size', 'updated_at']);
});

test('PATCH changes the municipality; household_ref cannot change', async () => {
  const h = await createHousehold({ household_ref: 'HH-P', municipality: 'Pisa' });
  const path = `/api/v1/households/${h.id}`;
  const r = await api('PATCH', path, { body: { municipality: 'Cascina' } });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.municipality, 'Cascina');
  assert.equal(r.json.household_ref, 'HH-P');
  const same = await api('PATCH', path, { body: { household_ref: 'HH-P', municipality: null } });
  assert.equal(same.status, 200, same.body);
  assert.equal(same.json.municipality, null);
  const before = (await api('GET', path)).body;
  assertError(await api('PATCH', path, { body: { household_ref: 'HH-OTHER' } }), 422, 'household_ref', /cannot be changed/);
  assertError(await api('PATCH', path, { body: { municipality: 7 } }), 422, 'municipality', /string/);
  assertError(await api('PATCH', path, { body: { municipality: 'x'.repeat(101) } }), 422, 'municipality', /100/);
  assertError(await api('PATCH', path, { body: { members: [] } }), 422, 'members', /read-only/);
  assertError(await api('PATCH', path, { body: { colour: 'red' } }), 422, 'colour', /unknown field/);
  assertError(await api('PATCH', path, { raw: '{"municipality":', headers: json }), 400);
  assertError(await api('PATCH', path, { raw: JSON.stringify({ municipality: 'y'.repeat(66000) }), headers: json }), 413);
  assertError(await api('PATCH', '/api/v1/households/999999', { body: { municipality: 'Lucca' } }), 404);
  assert.equal((await api('GET', path)).body, before);
});

test('POST with bad input is refused and writes nothing', async () => {
  await createHousehold({ household_ref: 'HH-DUP' });
  const n = (await allHouseholds()).length;
  const cases = [
    [{ household_ref: 'HH-DUP' }, 409, 'household_ref'],
    [{}, 422, 'household_ref', /required/],
    [{ household_ref: 12 }, 422, 'household_ref', /string/],
    [{ household_ref: 'HH-N', municipality: false }, 422, 'municipality'],
    [{ household_ref: 'HH-N', size: 3 }, 422, 'size', /read-only/],
    [{ household_ref: 'HH-N', street: 'Via Roma' }, 422, 'street', /unknown field/],
    [{ household_ref: 'HH-\u00e8' }, 422, 'household_ref'],
  ];
  for (const [body, status, field, pattern] of cases) {
    assertError(await api('POST', '/api/v1/households', { body }), status, field, pattern);
  }
  assertError(await api('POST', '/api/v1/households', { raw: '{"household_ref": "HH-N",}', headers: json }), 400);
  assertError(await api('POST', '/api/v1/households', { raw: 'household_ref=HH-N', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415);
  assertError(await api('POST', '/api/v1/households', { raw: JSON.stringify({ household_ref: 'HH-N', municipality: 'z'.repeat(70000) }), headers: json }), 413);
  assert.equal((await allHouseholds()).length, n);
  assert.equal((await allHouseholds('&household_ref=HH-N')).length, 0);
});

test('GET of an unknown household is a JSON 404', async () => {
  assertError(await api('GET', '/api/v1/households/999999'), 404);
  assertError(await api('GET', '/api/v1/households/x'), 404);
});

test('pagination walks every household once; filters narrow the list', async () => {
  const made = new Set();
  for (let i = 0; i < 7; i++) made.add((await createHousehold({ household_ref: `HH-PG${i}`, municipality: 'Buti' })).id);
  const seen = [];
  let cursor = null;
  let pages = 0;
  do {
    const r = await api('GET', `/api/v1/households?municipality=Buti&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, r.body);
    seen.push(...r.json.items.map((h) => h.id));
    cursor = r.json.next_cursor;
    pages++;
  } while (cursor);
  assert.equal(pages, 3);
  assert.equal(seen.length, 7);
  assert.deepEqual(new Set(seen), made);
  assert.deepEqual((await allHouseholds('&household_ref=HH-PG3')).map((h) => h.household_ref), ['HH-PG3']);
  assert.equal((await allHouseholds('&municipality=Nowhere')).length, 0);
});

test('a bad limit or cursor is a 400 with a message', async () => {
  for (const limit of ['0', '501', 'ten', '5x']) {
    const r = await api('GET', `/api/v1/households?limit=${limit}`);
    assertError(r, 400, 'limit');
    assert.match(r.json.error.message, /limit/);
  }
  for (const cursor of ['abc', '-5', '1.5', '0']) {
    assertError(await api('GET', `/api/v1/households?cursor=${cursor}`), 400, 'cursor');
  }
});
