// openapi_check.mjs — API calls whose every answer is checked against the
// OpenAPI document the server serves (GET /api/v1/openapi.json): the path
// is documented, the status is one its operation lists, and the JSON body
// matches that answer's schema (types, enum, required and undeclared
// properties, items).  For the tests of one resource; openapi.test.mjs
// walks the whole document.
import assert from 'node:assert/strict';
import { request } from './server.mjs';

const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

// A function api(method, path, token, body) calling server srv and
// asserting its answer is as document doc says; returns the answer.
export function documentedApi(srv, doc) {
  const deref = (node) => {
    while (node?.$ref) node = node.$ref.slice(2).split('/').reduce((o, k) => o?.[k], doc);
    return node;
  };
  function check(v, s, at, out) {
    s = deref(s);
    if (s.type && ![].concat(s.type).includes(typeOf(v)) && !(typeOf(v) === 'integer' && [].concat(s.type).includes('number'))) {
      out.push(`${at}: ${typeOf(v)} is not ${s.type}`);
      return out;
    }
    if (s.enum && !s.enum.includes(v)) out.push(`${at}: ${JSON.stringify(v)} not in enum`);
    if (typeOf(v) === 'object') {
      for (const k of s.required || []) if (!(k in v)) out.push(`${at}: ${k} missing`);
      for (const [k, val] of Object.entries(v)) {
        if (s.properties && k in s.properties) check(val, s.properties[k], `${at}.${k}`, out);
        else if (s.additionalProperties === false) out.push(`${at}: undocumented ${k}`);
      }
    }
    if (Array.isArray(v) && s.items) v.forEach((e, i) => check(e, s.items, `${at}[${i}]`, out));
    return out;
  }
  return async function api(method, path, token, body) {
    const r = await request(srv.base, method, path, { body, token });
    const bare = path.split('?')[0];
    const template = Object.keys(doc.paths).find((t) => new RegExp(`^${t.replace(/\{[a-z_]+\}/g, '\\d+')}$`).test(bare));
    assert.ok(template, `${path} is documented`);
    const resp = deref(doc.paths[template][method.toLowerCase()].responses[String(r.status)]);
    assert.ok(resp, `${method} ${template}: status ${r.status} is documented: ${r.body}`);
    assert.deepEqual(check(r.json, resp.content['application/json'].schema, '$', []), [], `${method} ${template} ${r.status}`);
    return r;
  };
}
