// register.test.mjs — the activity register of a case (page_register.c,
// src/domain/register.c) over HTTP: adding entries through the form
// (members, intervention, restricted), every refusal answered 422 with
// nothing written, the timeline newest first with the kind and member
// filters, restricted entries hidden from an operator and shown to the
// author, the holder, the case manager and the manager, the link from the
// case page, and the PDF of the register (its text by pdftotext, audited
// as an export).  The world is tests/http/closing_fixture.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, request, addUser } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { closingWorld, agreedPath, day } from './closing_fixture.mjs';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
let srv, w, p, tokOp;

before(async () => {
  srv = await startServer();
  w = await closingWorld(srv);
  p = await agreedPath(srv, w, 'Gori');
  tokOp = addUser(srv.db, 'op', ['operator'], { org: 'coop1', name: 'Olga Pieri' });
  sql(srv.db, `INSERT INTO case_operator(case_id, user_id, person_id)
                 SELECT ${p.c}, id, ${p.mother} FROM app_user WHERE username='op'`);
});
after(async () => { await srv?.stop(); });

const post = (path, fields, token) =>
  request(srv.base, 'POST', path, { raw: new URLSearchParams(fields).toString(), headers: FORM, token });
const get = (path, token) => request(srv.base, 'GET', path, { token });
const count = () => Number(sql(srv.db, `SELECT count(*) FROM activity WHERE case_id=${p.c}`).trim());

function pdfText(bytes) {
  const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-reg-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

test('entries are added with members, intervention and confidentiality', async () => {
  let r = await post(`/cases/${p.c}/register`, { on_date: day(-3), kind: 'home_visit', minutes: '60',
    [`member_${p.mother}`]: '1', [`member_${p.son}`]: '1', intervention: String(p.homeEd),
    text: 'Visita domiciliare: compiti di Luca' }, w.tok.cm);
  assert.equal(r.status, 303, r.body);
  assert.match(r.headers.get('location'), new RegExp(`/cases/${p.c}/register\\?done=1`));
  r = await post(`/cases/${p.c}/register`, { on_date: day(-2), kind: 'phone_call', minutes: '10',
    [`member_${p.mother}`]: '1', restricted: '1', text: 'Telefonata riservata sulla salute' }, w.tok.sw);
  assert.equal(r.status, 303, r.body);
  r = await post(`/cases/${p.c}/register`, { on_date: day(-1), kind: 'note', minutes: '0',
    text: 'Nota del manager' });
  assert.equal(r.status, 303, r.body);
  assert.equal(count(), 3);
  assert.equal(sql(srv.db, `SELECT count(*) FROM activity_member m JOIN activity a ON a.id=m.activity_id
                             WHERE a.case_id=${p.c}`).trim(), '3');
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit WHERE action='create' AND entity='activity'`).trim(), '3');
});

test('refusals: 422 with the message next to the field, nothing written', async () => {
  const n = count();
  const base = { on_date: day(-1), kind: 'meeting', minutes: '30', text: 'Colloquio' };
  const bad = [
    { on_date: day(5) }, { on_date: '2024-02-30' }, { kind: 'visit' }, { kind: '' }, { minutes: '2000' },
    { minutes: 'tanto' }, { text: '  ' }, { intervention: '999999' },
  ];
  for (const b of bad) {
    const r = await post(`/cases/${p.c}/register`, { ...base, ...b }, w.tok.cm);
    assert.equal(r.status, 422, JSON.stringify(b));
    assert.match(r.body, /is-invalid|invalid-feedback/);
  }
  const other = Number(sql(srv.db, "SELECT id FROM person WHERE first_name='Anna' LIMIT 1").trim());
  const stranger = (await w.ok('POST', '/api/v1/people', { household_ref: 'H-X', person_ref: 'P-X', first_name: 'Ugo',
    last_name: 'Estraneo', municipality: 'Pisa', birth_country: 'IT' })).id;
  let r = await post(`/cases/${p.c}/register`, { ...base, [`member_${stranger}`]: '1' }, w.tok.cm);
  assert.equal(r.status, 422);
  assert.ok(other > 0);
  assert.equal(count(), n);
});

test('the timeline: newest first, filters, restricted entries', async () => {
  let r = await get(`/cases/${p.c}/register`, w.tok.cm);
  assert.equal(r.status, 200);
  const iNote = r.body.indexOf('Nota del manager'), iCall = r.body.indexOf('Telefonata riservata'),
    iVisit = r.body.indexOf('Visita domiciliare: compiti di Luca');
  assert.ok(iNote > 0 && iCall > iNote && iVisit > iCall, 'newest first');
  r = await get(`/cases/${p.c}/register?kind=home_visit`, w.tok.cm);
  assert.match(r.body, /Visita domiciliare: compiti di Luca/);
  assert.doesNotMatch(r.body, /Nota del manager/);
  r = await get(`/cases/${p.c}/register?member=${p.son}`, w.tok.cm);
  assert.match(r.body, /Visita domiciliare: compiti di Luca/);
  assert.doesNotMatch(r.body, /Telefonata riservata/);
  for (const tok of [w.tok.sw, w.tok.mgr]) {
    r = await get(`/cases/${p.c}/register`, tok);
    assert.match(r.body, /Telefonata riservata/);
  }
  r = await get(`/cases/${p.c}/register`, tokOp);
  assert.equal(r.status, 200);
  assert.match(r.body, /Visita domiciliare/);
  assert.doesNotMatch(r.body, /Telefonata riservata/);
  // the operator may write, the case page links the register
  r = await post(`/cases/${p.c}/register`, { on_date: day(0), kind: 'meeting', minutes: '45',
    [`member_${p.son}`]: '1', text: 'Incontro con la scuola di Luca' }, tokOp);
  assert.equal(r.status, 303, r.body);
  r = await get(`/cases/${p.c}`, w.tok.cm);
  assert.match(r.body, new RegExp(`href="/cases/${p.c}/register"`));
});

test('the register as PDF, audited as an export', async () => {
  const before = Number(sql(srv.db, "SELECT count(*) FROM audit WHERE action='export'").trim());
  const r = await fetch(`${srv.base}/cases/${p.c}/register.pdf`, { headers: { Authorization: `Bearer ${w.tok.cm}` } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const text = pdfText(Buffer.from(await r.arrayBuffer()));
  assert.match(text, /Gori/);
  assert.match(text, /Visita domiciliare: compiti di Luca/);
  assert.match(text, /Telefonata riservata/);
  assert.equal(Number(sql(srv.db, "SELECT count(*) FROM audit WHERE action='export'").trim()), before + 1);
  const rOp = await fetch(`${srv.base}/cases/${p.c}/register.pdf`, { headers: { Authorization: `Bearer ${tokOp}` } });
  assert.equal(rOp.status, 200);
  assert.doesNotMatch(pdfText(Buffer.from(await rOp.arrayBuffer())), /Telefonata riservata/);
  const r404 = await get(`/cases/${p.c + 1000}/register.pdf`, w.tok.cm);
  assert.equal(r404.status, 404);
});
