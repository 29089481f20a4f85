// openapi.test.mjs — GET /api/v1/openapi.json must describe what the server
// does.  The test calls every documented path and method on a server with
// data (real ids in the paths, the documented examples as bodies) and
// checks the status is one the document lists and the answer matches the
// documented schema (types, required and undeclared properties); it also
// provokes the documented errors (unknown id, malformed JSON, unknown
// field, oversize body), and checks that every /api/v1 route of
// src/http/routes.c is documented, so the two cannot drift apart.
//
// The intake routes (tags Intake and Projects) move a case through its
// stages, so one call with the documented example cannot succeed at every
// stage: for them the answer must be documented (status and schema) but
// may be an error; tests/http/api_intake.test.mjs walks the whole path and
// checks every answer against this document.  Their bodies ignore unknown
// keys (the request schema says additionalProperties: true), so the
// unknown-field probe expects a 4xx only where the schema forbids them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, request, addUser } from './server.mjs';
import { sql } from './access_fixture.mjs';

let srv;
let doc;
let caseId; // a candidacy for the /api/v1/cases/{id} routes
before(async () => {
  srv = await startServer();
  const r = await request(srv.base, 'GET', '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  doc = r.json;
  caseId = await seedCase();
});
after(async () => { await srv.stop(); });

const METHODS = ['get', 'post', 'patch', 'put', 'delete'];

// Follows a local "$ref" ("#/components/...").
function deref(node) {
  while (node && node.$ref) {
    assert.ok(node.$ref.startsWith('#/'), `local $ref: ${node.$ref}`);
    node = node.$ref.slice(2).split('/').reduce((o, k) => o?.[k], doc);
    assert.ok(node, 'the $ref resolves');
  }
  return node;
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (Number.isInteger(v)) return 'integer';
  return typeof v;
}

// The differences between value v and schema s, as "path: what" strings.
// Supports what the document uses: type (or a list), enum, required,
// properties, additionalProperties, items, minimum, maximum, allOf.
function check(v, s, path = '$', out = []) {
  s = deref(s);
  for (const sub of s.allOf || []) check(v, sub, path, out);
  if (s.type) {
    const types = [].concat(s.type);
    const t = typeOf(v);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) {
      out.push(`${path}: ${t} is not ${types.join('|')}`);
      return out;
    }
  }
  if (s.enum && !s.enum.includes(v)) out.push(`${path}: ${JSON.stringify(v)} not in enum`);
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) out.push(`${path}: below minimum`);
    if (s.maximum !== undefined && v > s.maximum) out.push(`${path}: above maximum`);
  }
  if (typeOf(v) === 'object') {
    for (const k of s.required || []) if (!(k in v)) out.push(`${path}: required property ${k} missing`);
    for (const [k, val] of Object.entries(v)) {
      if (s.properties && k in s.properties) check(val, s.properties[k], `${path}.${k}`, out);
      else if (s.additionalProperties === false) out.push(`${path}: undocumented property ${k}`);
      else if (typeof s.additionalProperties === 'object') check(val, s.additionalProperties, `${path}.${k}`, out);
    }
  }
  if (Array.isArray(v) && s.items) v.forEach((e, i) => check(e, s.items, `${path}[${i}]`, out));
  return out;
}

// A shortlisted case (a round, an open stream, a person, a social worker).
async function seedCase() {
  sql(srv.db, `INSERT INTO organisation(agency_id, code, name, kind)
                 SELECT id, 'coop_doc', 'Cooperativa', 'cooperative' FROM agency`);
  addUser(srv.db, 'sw1', ['social_worker']);
  const post = async (path, body) => {
    const r = await request(srv.base, 'POST', path, { body });
    assert.equal(r.status, 201, r.body);
    return r.json.id;
  };
  const round = await post('/api/v1/rounds', { code: 'R0', name: 'Round 0', start_date: '2024-01-01', end_date: '2024-12-31' });
  await post('/api/v1/funding-streams', { code: 'fondo_poverta', name: 'Fondo povertà', allocation_cents: 100000 });
  const person = await post('/api/v1/people', { person_ref: 'DOC1', household_ref: 'HDOC', first_name: 'Doc', last_name: 'Umentato', birth_date: '1980-01-01' });
  return post(`/api/v1/rounds/${round}/candidates`, { person_id: person, funding_stream: 'fondo_poverta', social_worker: 'sw1' });
}

// Agenda: a planned activity is recorded as done or cancelled, not both
// (agenda.test.mjs walks both against this document).
const isWorkflow = (o) => (o.op.tags || []).some((t) => ['Intake', 'Projects', 'Courses', 'Interventions', 'Money', 'Agenda'].includes(t));
const PARAM = /\{[a-z_]+\}/g;

function operations() {
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) if (item[m]) ops.push({ path, method: m, op: item[m], item });
  }
  return ops;
}

// The documented answer to r for operation op: its status is listed and
// the body matches the schema listed for that status.
function assertDocumented(o, r, label) {
  const resp = deref(o.op.responses[String(r.status)]);
  assert.ok(resp, `${label}: status ${r.status} is documented (${Object.keys(o.op.responses)}); body ${r.body}`);
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  // an answer that may be JSON or a file (a report's ?format=) is checked as what it is
  const type = (r.headers.get('content-type') || '').split(';')[0];
  const orJson = (t) => type === t || !resp.content?.['application/json'];
  if (resp.content?.[XLSX] && r.status === 200 && orJson(XLSX)) { // a workbook: money.test.mjs reads its cells
    assert.equal(r.headers.get('content-type'), XLSX, `${label}: answered a workbook`);
    assert.ok(r.body.startsWith('PK'), `${label}: the body is a zip`);
    return;
  }
  if (resp.content?.['application/pdf'] && orJson('application/pdf')) {
    // A document: the declared type and a PDF body (pdf.test.mjs reads its text).
    assert.equal(r.headers.get('content-type'), 'application/pdf', `${label}: answered a PDF`);
    assert.ok(r.body.startsWith('%PDF-'), `${label}: the body is a PDF`);
    return;
  }
  const schema = resp.content?.['application/json']?.schema;
  assert.ok(schema, `${label}: ${r.status} has a JSON schema`);
  assert.ok(r.json !== undefined, `${label}: answered JSON`);
  const diffs = check(r.json, schema);
  assert.deepEqual(diffs, [], `${label}: ${r.status} matches its schema`);
  for (const h of Object.keys(resp.headers || {})) {
    assert.ok(r.headers.get(h), `${label}: documented header ${h} is sent`);
  }
}

function requestExample(o) {
  const media = o.op.requestBody?.content?.['application/json'];
  if (!media) return undefined;
  const s = deref(media.schema);
  const ex = media.example ?? s.examples?.[0];
  assert.ok(ex, `${o.method.toUpperCase()} ${o.path} documents an example body`);
  assert.deepEqual(check(ex, s), [], `the example of ${o.method.toUpperCase()} ${o.path} matches its own schema`);
  return ex;
}

// The collection of a path with an {id} ("/api/v1/people" for
// "/api/v1/people/{id}/sensitive"), or null when it has none.
function collectionOf(path) {
  const i = path.indexOf('/{id}');
  return i < 0 ? null : path.slice(0, i);
}

// A real id for a path with an /{id}: the first item of its collection
// (cases have no list: the seeded one; interventions neither, and the
// seeded case has none: any id, answered 404 as documented —
// delivery.test.mjs runs them on real ones).
async function realId(collection) {
  if (collection === '/api/v1/cases') return caseId;
  if (collection === '/api/v1/interventions') return 1;
  if (collection === '/api/v1/expenses') return 1; // none without an agreed project: money.test.mjs
  if (collection === '/api/v1/reports') return 'profile'; // a report's code: reports.test.mjs
  const r = await request(srv.base, 'GET', `${collection}?limit=1`);
  assert.equal(r.status, 200, r.body);
  assert.ok(r.json.items.length, `${collection} has data`);
  return r.json.items[0].id;
}

test('the document is OpenAPI 3.1 and its refs resolve', () => {
  assert.match(doc.openapi, /^3\.1\.\d+$/);
  assert.ok(doc.info.title && doc.info.version);
  const names = ['Person', 'Household', 'Round', 'FundingStream', 'Service', 'Error',
    'PersonList', 'HouseholdList', 'RoundList', 'FundingStreamList', 'ServiceList'];
  for (const n of names) assert.ok(doc.components.schemas[n], `components.schemas.${n}`);
  const walkRefs = (node) => {
    if (node && typeof node === 'object') {
      if (typeof node.$ref === 'string') deref(node);
      Object.values(node).forEach(walkRefs);
    }
  };
  walkRefs(doc);
  const ids = operations().map((o) => o.op.operationId);
  assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
  for (const o of operations()) {
    assert.ok(o.op.operationId && o.op.summary, `${o.method} ${o.path} has an operationId and a summary`);
    assert.ok(Object.keys(o.op.responses).length, `${o.method} ${o.path} lists responses`);
  }
});

test('the schema check itself catches drift', () => {
  const person = doc.components.schemas.Person;
  const good = Object.fromEntries(person.required.map((k) => [k, null]));
  Object.assign(good, { id: 1, household_id: 2, person_ref: 'P', household_ref: 'H', relationship: 'child',
    first_name: 'A', last_name: 'B', created_at: 't', updated_at: 't', access: 'manager' });
  assert.deepEqual(check(good, person), []);
  const { first_name: _, ...missing } = good;
  assert.match(check(missing, person).join(), /required property first_name/);
  assert.match(check({ ...good, extra: 1 }, person).join(), /undocumented property extra/);
  assert.match(check({ ...good, id: '1' }, person).join(), /\$\.id: string is not integer/);
  assert.match(check({ ...good, relationship: 'cousin' }, person).join(), /not in enum/);
  const list = check({ items: [{}], next_cursor: 5 }, doc.components.schemas.PersonList).join('\n');
  assert.match(list, /\$\.items\[0\]: required property id missing/);
  assert.match(list, /\$\.next_cursor: integer is not string\|null/);
});

test('every /api/v1 route of src/http/routes.c is documented, and nothing more', () => {
  const text = readFileSync(new URL('../../src/http/routes.c', import.meta.url), 'utf8');
  const routes = [...text.matchAll(/\{\s*"([A-Z]+)"\s*,\s*"(\/api\/v1[^"]*)"/g)]
    .map(([, m, p]) => `${m.toLowerCase()} ${p.replace(/\/\*$/, '/{id}')}`); // a final * (a report's code) too
  assert.ok(routes.length >= 20, `found the API routes (${routes.length})`);
  // routes.c spells every path parameter {id}; the document names them
  const documented = operations().map((o) => `${o.method} ${o.path.replace(PARAM, '{id}')}`);
  assert.deepEqual([...routes].sort(), [...documented].sort());
});

test('every documented route answers as documented, with data', async () => {
  // some data first, so that lists are not empty and ids are real
  const seed = await request(srv.base, 'POST', '/api/v1/people', {
    body: { person_ref: 'SEED1', household_ref: 'HSEED', first_name: 'Seme', last_name: 'Iniziale', birth_date: '2010-01-01' },
  });
  assert.equal(seed.status, 201, seed.body);
  // writes that create first, then reads, then updates
  const order = { post: 0, get: 1, patch: 2, put: 3, delete: 4 };
  const ops = operations().sort((a, b) => order[a.method] - order[b.method]);
  let called = 0;
  for (const o of ops) {
    let path = o.path;
    const coll = collectionOf(o.path);
    if (coll) path = path.replace('{id}', await realId(coll)).replace(PARAM, '1');
    assert.ok(!path.includes('{'), `every path parameter is substituted in ${o.path}`);
    const body = requestExample(o);
    const label = `${o.method.toUpperCase()} ${path}`;
    const r = await request(srv.base, o.method.toUpperCase(), path, { body });
    assertDocumented(o, r, label);
    if (!isWorkflow(o)) assert.ok(r.status < 400, `${label} with the documented example succeeds: ${r.body}`);
    const params = [...(o.item.parameters || []), ...(o.op.parameters || [])].map(deref);
    for (const p of params.filter((x) => x.in === 'query' && x.schema?.enum)) {
      const q = await request(srv.base, 'GET', `${path}?${p.name}=${encodeURIComponent(p.schema.enum[0])}`);
      assertDocumented(o, q, `${label}?${p.name}`);
    }
    called++;
  }
  assert.equal(called, operations().length);
});

test('the documented errors are the ones the server gives', async () => {
  for (const o of operations()) {
    const hasId = collectionOf(o.path) !== null;
    const path = hasId ? o.path.replace(PARAM, '999999') : o.path;
    const M = o.method.toUpperCase();
    const label = `${M} ${path}`;
    if (hasId) {
      const body = M === 'GET' ? undefined : requestExample(o);
      assertDocumented(o, await request(srv.base, M, path, { body }), `${label} unknown id`);
    }
    const real = hasId ? o.path.replace('{id}', await realId(collectionOf(o.path))).replace(PARAM, '1') : o.path;
    if (M === 'GET') {
      if ((o.op.parameters || []).some((p) => deref(p).name === 'limit')) {
        const bad = await request(srv.base, M, `${real}?limit=0`);
        assert.equal(bad.status, 400);
        assertDocumented(o, bad, `${label}?limit=0`);
        assertDocumented(o, await request(srv.base, M, `${real}?cursor=nonsense`), `${label}?cursor=nonsense`);
      }
      continue;
    }
    const headers = { 'Content-Type': 'application/json' };
    const media = o.op.requestBody?.content?.['application/json'];
    const lenient = media && deref(media.schema).additionalProperties !== false;
    for (const [what, opts] of [
      ['malformed JSON', { raw: '{"x":', headers }],
      ['unknown field', { body: { no_such_field: 1 } }],
      ['oversize body', { raw: JSON.stringify({ x: 'x'.repeat(65 * 1024) }), headers }],
      ['wrong content type', { raw: '{}', headers: { 'Content-Type': 'text/plain' } }],
    ]) {
      const r = await request(srv.base, M, real, opts);
      if (!(what === 'unknown field' && lenient)) assert.ok(r.status >= 400 && r.status < 500, `${label} ${what}: ${r.status}`);
      assertDocumented(o, r, `${label} ${what}`);
    }
  }
});
