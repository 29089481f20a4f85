// api_people.test.mjs — /api/v1/people: create, get with the household,
// partial update, list with search, filters and cursor pages; and every
// kind of bad input answered 4xx with a message, with a follow-up read
// proving nothing was written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request } from './server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

const api = (method, path, opts) => request(srv.base, method, path, opts);

// A valid codice fiscale: the 15 characters given plus their check character.
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
export function withCheck(z15) {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = z15[i];
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? ODD[v] : v;
  }
  return z15 + String.fromCharCode(65 + (sum % 26));
}
// A distinct valid code for each n (0..999): the day and Belfiore digits vary.
const cfFor = (n) => withCheck(`BNCLRA80A${String(1 + (n % 28)).padStart(2, '0')}G${String(100 + Math.floor(n / 28)).padStart(3, '0')}`);

let seq = 0;
function personBody(over = {}) {
  seq++;
  return { person_ref: `P${seq}`, household_ref: `H${seq}`, first_name: 'Anna', last_name: `Zeta${seq}`, ...over };
}

async function create(over) {
  const r = await api('POST', '/api/v1/people', { body: personBody(over) });
  assert.equal(r.status, 201, r.body);
  return r.json;
}

async function count(query = '') {
  let n = 0;
  let cursor = null;
  do {
    const r = await api('GET', `/api/v1/people?limit=500${query}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, r.body);
    n += r.json.items.length;
    cursor = r.json.next_cursor;
  } while (cursor);
  return n;
}

// Asserts r is a JSON error with status, a message and (if given) a field.
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

test('POST creates a person: 201, Location, the stored values', async () => {
  const body = personBody({
    codice_fiscale: 'rssmra85t50a562w', gender: 'F', birth_date: '1985-12-10',
    birth_country: 'it', citizenship: 'RO', municipality: 'Pisa', minimum_income: true,
    first_name: '  Maria ',
  });
  const r = await api('POST', '/api/v1/people', { body });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.headers.get('location'), `/api/v1/people/${r.json.id}`);
  const p = r.json;
  assert.ok(Number.isInteger(p.id) && p.id > 0);
  assert.equal(p.person_ref, body.person_ref);
  assert.equal(p.household_ref, body.household_ref);
  assert.equal(p.relationship, 'reference');
  assert.equal(p.codice_fiscale, 'RSSMRA85T50A562W');
  assert.equal(p.first_name, 'Maria');
  assert.equal(p.birth_country, 'IT');
  assert.equal(p.minimum_income, true);
  assert.match(p.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const again = await api('GET', r.headers.get('location'));
  assert.equal(again.status, 200);
  assert.equal(again.json.codice_fiscale, 'RSSMRA85T50A562W');
  assert.equal(again.json.household.id, p.household_id);
});

test('GET /people/{id} has the household with members and derived facts', async () => {
  const mother = await create({ household_ref: 'HF1', gender: 'F', birth_date: '1980-05-01', municipality: 'Pisa' });
  const child = await create({ household_ref: 'HF1', relationship: 'child', birth_date: '2015-03-02', first_name: 'Luca' });
  await create({ household_ref: 'HF1', relationship: 'parent', birth_date: '1950-01-01', first_name: 'Rosa' });
  const r = await api('GET', `/api/v1/people/${mother.id}`);
  assert.equal(r.status, 200);
  const h = r.json.household;
  assert.equal(h.household_ref, 'HF1');
  assert.equal(h.municipality, 'Pisa');
  assert.equal(h.size, 3);
  assert.equal(h.minors, 1);
  assert.equal(h.single_parent_with_minors, true);
  assert.deepEqual(h.members.map((m) => m.relationship), ['reference', 'parent', 'child']);
  const c = h.members.find((m) => m.id === child.id);
  assert.equal(c.person_ref, child.person_ref);
  assert.equal(c.first_name, 'Luca');
  assert.equal(c.birth_date, '2015-03-02');
  assert.ok(c.age >= 9 && c.age < 18);
  for (const m of h.members) {
    assert.deepEqual(Object.keys(m).sort(),
      ['age', 'birth_date', 'first_name', 'gender', 'id', 'last_name', 'person_ref', 'relationship']);
  }
  // with a partner the reference person is no longer a single parent
  await create({ household_ref: 'HF1', relationship: 'partner', first_name: 'Piero' });
  const after = await api('GET', `/api/v1/people/${child.id}`);
  assert.equal(after.json.household.single_parent_with_minors, false);
  assert.equal(after.json.household.size, 4);
});

test('GET of an unknown person is a JSON 404', async () => {
  for (const path of ['/api/v1/people/999999', '/api/v1/people/0', '/api/v1/people/abc']) {
    assertError(await api('GET', path), 404);
  }
});

test('PATCH changes only the fields present and validates the result', async () => {
  const p = await create({ municipality: 'Pisa', gender: 'M', minimum_income: false, birth_date: '1990-01-01' });
  const r = await api('PATCH', `/api/v1/people/${p.id}`, { body: { municipality: 'Cascina', minimum_income: null } });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.municipality, 'Cascina');
  assert.equal(r.json.minimum_income, null);
  assert.equal(r.json.gender, 'M');
  assert.equal(r.json.birth_date, '1990-01-01');
  assert.equal(r.json.first_name, p.first_name);
  assert.equal(r.json.person_ref, p.person_ref);
  assert.ok(r.json.household);
  // an empty body changes nothing
  const same = await api('PATCH', `/api/v1/people/${p.id}`, { body: {} });
  assert.equal(same.status, 200);
  assert.equal(same.json.municipality, 'Cascina');
  // a new household_ref moves the person to that household
  const moved = await api('PATCH', `/api/v1/people/${p.id}`, { body: { household_ref: 'HMOVE', relationship: 'other' } });
  assert.equal(moved.status, 200, moved.body);
  assert.equal(moved.json.household.household_ref, 'HMOVE');
  assert.equal(moved.json.relationship, 'other');
  // person_ref may change to a free one
  const renamed = await api('PATCH', `/api/v1/people/${p.id}`, { body: { person_ref: `${p.person_ref}-b` } });
  assert.equal(renamed.status, 200, renamed.body);
  assert.equal(renamed.json.person_ref, `${p.person_ref}-b`);
});

test('PATCH with bad input is refused and writes nothing', async () => {
  const other = await create();
  const p = await create({ municipality: 'Pisa', codice_fiscale: cfFor(900) });
  const path = `/api/v1/people/${p.id}`;
  const before = (await api('GET', path)).body;
  const cases = [
    [{ birth_date: 5 }, 422, 'birth_date', /string/],
    [{ minimum_income: 'maybe' }, 422, 'minimum_income', /true, false or null/],
    [{ nickname: 'x' }, 422, 'nickname', /unknown field/],
    [{ id: 5 }, 422, 'id', /read-only/],
    [{ first_name: null }, 422, 'first_name', /required/],
    [{ first_name: '' }, 422, 'first_name', /required/],
    [{ gender: 'X', municipality: 'Lucca' }, 422, 'gender', /F or M/],
    [{ codice_fiscale: 'RSSMRA85T10A562T', municipality: 'Lucca' }, 422, 'codice_fiscale', /check character/],
    [{ codice_fiscale: cfFor(901).slice(0, 15), municipality: 'Lucca' }, 422, 'codice_fiscale', /16 characters/],
    [{ birth_date: '2199-01-01' }, 422, 'birth_date', /future/],
    [{ person_ref: other.person_ref, municipality: 'Lucca' }, 409, 'person_ref'],
  ];
  for (const [body, status, field, pattern] of cases) {
    assertError(await api('PATCH', path, { body }), status, field, pattern);
  }
  assertError(await api('PATCH', path, { raw: '{"municipality": "Lucca",', headers: { 'Content-Type': 'application/json' } }), 400);
  assertError(await api('PATCH', path, { raw: '["x"]', headers: { 'Content-Type': 'application/json' } }), 400);
  assertError(await api('PATCH', path, { raw: 'municipality=Lucca', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415);
  const big = JSON.stringify({ municipality: 'x'.repeat(70 * 1024) });
  assertError(await api('PATCH', path, { raw: big, headers: { 'Content-Type': 'application/json' } }), 413);
  assertError(await api('PATCH', '/api/v1/people/999999', { body: { municipality: 'Lucca' } }), 404);
  assert.equal((await api('GET', path)).body, before);
});

test('POST with bad input is refused with 4xx and a message, and writes nothing', async () => {
  const existing = await create({ codice_fiscale: cfFor(800) });
  const nPeople = await count();
  const nHouseholds = (await api('GET', '/api/v1/households?limit=500')).json.items.length;
  const ok = personBody({ household_ref: 'H-NEVER' });
  const cases = [
    [{ ...ok, birth_date: 5 }, 422, 'birth_date', /must be a string/],
    [{ ...ok, minimum_income: 'maybe' }, 422, 'minimum_income'],
    [{ ...ok, first_name: ['Anna'] }, 422, 'first_name'],
    [{ ...ok, favourite_colour: 'blue' }, 422, 'favourite_colour', /unknown field/],
    [{ ...ok, household: {} }, 422, 'household', /read-only/],
    [{ ...ok, codice_fiscale: 'RSSMRA85T10A562T' }, 422, 'codice_fiscale', /the check character is wrong/],
    [{ ...ok, codice_fiscale: 'RSSMRA85F10A562R' }, 422, 'codice_fiscale', /month letter/],
    [{ ...ok, codice_fiscale: existing.codice_fiscale }, 422, 'codice_fiscale', /another person/],
    [{ ...ok, relationship: 'cousin' }, 422, 'relationship'],
    [{ ...ok, birth_country: 'XX' }, 422, 'birth_country'],
    [{ ...ok, birth_date: '1985-02-30' }, 422, 'birth_date', /valid date/],
    [{ ...ok, person_ref: ' P ' }, 422, 'person_ref'],
    [{ household_ref: 'H-NEVER' }, 422, 'person_ref', /required/],
    [{ ...ok, person_ref: existing.person_ref }, 409, 'person_ref'],
  ];
  for (const [body, status, field, pattern] of cases) {
    assertError(await api('POST', '/api/v1/people', { body }), status, field, pattern);
  }
  const missing = await api('POST', '/api/v1/people', { body: {} });
  assertError(missing, 422, 'first_name', /required/);
  for (const f of ['person_ref', 'household_ref', 'last_name']) assert.ok(f in missing.json.error.fields);
  const json = { 'Content-Type': 'application/json' };
  assertError(await api('POST', '/api/v1/people', { raw: '{"person_ref": "P-x"', headers: json }), 400);
  assert.match((await api('POST', '/api/v1/people', { raw: '{bad', headers: json })).json.error.message, /Malformed JSON/);
  assertError(await api('POST', '/api/v1/people', { raw: '"text"', headers: json }), 400);
  assertError(await api('POST', '/api/v1/people', { raw: '{"a":1,"a":2}', headers: json }), 400);
  assertError(await api('POST', '/api/v1/people', { raw: JSON.stringify(ok), headers: { 'Content-Type': 'text/plain' } }), 415);
  const big = JSON.stringify({ ...ok, municipality: 'x'.repeat(65 * 1024) });
  assertError(await api('POST', '/api/v1/people', { raw: big, headers: json }), 413);
  assert.equal(await count(), nPeople);
  assert.equal((await api('GET', '/api/v1/households?household_ref=H-NEVER')).json.items.length, 0);
  assert.equal((await api('GET', '/api/v1/households?limit=500')).json.items.length, nHouseholds);
  assert.equal((await api('GET', `/api/v1/people/${existing.id}`)).json.household_ref, existing.household_ref);
});

test('pagination walks every person once, in name order', async () => {
  const tag = 'Paginato';
  const made = new Set();
  for (let i = 0; i < 23; i++) {
    const p = await create({ last_name: tag, first_name: `N${String(i).padStart(2, '0')}`, municipality: 'Vicopisano' });
    made.add(p.id);
  }
  const seen = [];
  let cursor = null;
  let pages = 0;
  do {
    const r = await api('GET', `/api/v1/people?municipality=Vicopisano&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200, r.body);
    assert.ok(r.json.items.length <= 10);
    seen.push(...r.json.items.map((p) => p.id));
    cursor = r.json.next_cursor;
    pages++;
  } while (cursor);
  assert.equal(pages, 3);
  assert.equal(seen.length, 23);
  assert.equal(new Set(seen).size, 23);
  assert.deepEqual(new Set(seen), made);
  // default page size is 50; the envelope is always the same shape
  const all = await api('GET', '/api/v1/people');
  assert.ok(all.json.items.length <= 50);
  assert.deepEqual(Object.keys(all.json).sort(), ['items', 'next_cursor']);
  const byName = await api('GET', `/api/v1/people?q=${tag}&limit=500`);
  assert.deepEqual(byName.json.items.map((p) => p.first_name), [...byName.json.items.map((p) => p.first_name)].sort());
});

test('a bad limit or cursor is a 400 with a message', async () => {
  for (const limit of ['0', '501', 'abc', '10abc', '-1', '', '1e2']) {
    const r = await api('GET', `/api/v1/people?limit=${limit}`);
    assertError(r, 400, 'limit');
    assert.match(r.json.error.message, /limit/);
  }
  assert.equal((await api('GET', '/api/v1/people?limit=500')).status, 200);
  assert.equal((await api('GET', '/api/v1/people?limit=1')).json.items.length, 1);
  for (const cursor of ['zzz', '00.1', 'abc.def', '6162.x']) {
    assertError(await api('GET', `/api/v1/people?cursor=${cursor}`), 400, 'cursor');
  }
  assertError(await api('GET', '/api/v1/people?gender=X'), 400, 'gender');
  assertError(await api('GET', '/api/v1/people?minimum_income=maybe'), 400, 'minimum_income');
  assertError(await api('GET', '/api/v1/people?household_id=abc'), 400, 'household_id');
});

test('filters: gender, municipality, minimum_income, household_id', async () => {
  const a = await create({ municipality: 'Calci', gender: 'F', minimum_income: true, household_ref: 'HCALCI' });
  const b = await create({ municipality: 'Calci', gender: 'M', minimum_income: false, household_ref: 'HCALCI', relationship: 'partner' });
  const c = await create({ municipality: 'Calci' });
  const ids = async (q) => (await api('GET', `/api/v1/people?municipality=Calci&limit=500${q}`)).json.items.map((p) => p.id).sort();
  assert.deepEqual(await ids(''), [a.id, b.id, c.id].sort());
  assert.deepEqual(await ids('&gender=F'), [a.id]);
  assert.deepEqual(await ids('&gender=M'), [b.id]);
  assert.deepEqual(await ids('&minimum_income=true'), [a.id]);
  assert.deepEqual(await ids('&minimum_income=false'), [b.id]);
  assert.deepEqual(await ids(`&household_id=${a.household_id}`), [a.id, b.id].sort());
  assert.deepEqual(await ids('&household_id=999999'), []);
});

test('search by surname prefix, accents and apostrophes, and codice fiscale', async () => {
  const nic = await create({ first_name: 'Niccolò', last_name: "D'Angelo", codice_fiscale: cfFor(700) });
  const cantu = await create({ first_name: 'Élodie', last_name: 'Cantù' });
  await create({ first_name: 'Mario', last_name: 'Dangeli' });
  const found = async (q) => (await api('GET', `/api/v1/people?q=${encodeURIComponent(q)}&limit=500`)).json.items.map((p) => p.id);
  for (const q of ["d'ang", 'D’ANG', 'd ang', "D'Angelo Nicc", 'd angelo niccolò', ' d  ang ']) {
    assert.ok((await found(q)).includes(nic.id), `"${q}" finds Niccolò D'Angelo`);
  }
  // the apostrophe separates words, so "dang" is a different prefix
  assert.ok(!(await found('dang')).includes(nic.id));
  assert.ok((await found('dang')).length >= 1);
  for (const q of ['cantu', 'CANTÙ', 'cantù élo', 'cantu elodie']) {
    assert.ok((await found(q)).includes(cantu.id), `"${q}" finds Élodie Cantù`);
  }
  assert.ok(!(await found('cantu x')).includes(cantu.id));
  // a codice fiscale prefix (any case, spaces ignored) or the whole code
  assert.deepEqual(await found(nic.codice_fiscale), [nic.id]);
  assert.ok((await found(nic.codice_fiscale.slice(0, 11).toLowerCase())).includes(nic.id));
  assert.deepEqual(await found('zzzzzz'), []);
});
