// requests.test.mjs — requests and quick answers over HTTP (page_request.c,
// api_request.c, src/domain/request.c): raise -> acknowledge -> resolve
// through the forms, every illegal order answered 409 with nothing
// written, refusals 422 / 403 / 404, overdue requests highlighted and
// first on the assignee's page and on the manager's, the response-time
// tables (working days: median and 90th percentile per worker and per
// kind), the targets edited by the manager only; then the same through the
// JSON API, every answer checked against GET /api/v1/openapi.json (as
// api_intake.test.mjs does), and the activity register's API routes
// (api_register.c).  The world is tests/http/closing_fixture.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, addUser } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { closingWorld, agreedPath, day } from './closing_fixture.mjs';
import { documentedApi } from './openapi_check.mjs';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
let srv, w, p, tokOp, doc;

before(async () => {
  srv = await startServer();
  w = await closingWorld(srv);
  p = await agreedPath(srv, w, 'Gori');
  tokOp = addUser(srv.db, 'op', ['operator'], { org: 'coop1', name: 'Olga Pieri' });
  sql(srv.db, `INSERT INTO case_operator(case_id, user_id, person_id)
                 SELECT ${p.c}, id, ${p.mother} FROM app_user WHERE username='op'`);
  doc = (await request(srv.base, 'GET', '/api/v1/openapi.json')).json;
});
after(async () => { await srv?.stop(); });

const post = (path, fields, token) =>
  request(srv.base, 'POST', path, { raw: new URLSearchParams(fields).toString(), headers: FORM, token });
const get = (path, token) => request(srv.base, 'GET', path, { token });
const one = (q) => sql(srv.db, q).trim();
const count = () => Number(one(`SELECT count(*) FROM request WHERE case_id=${p.c}`));
const userId = (u) => Number(one(`SELECT id FROM app_user WHERE username='${u}'`));
const lastId = () => Number(one(`SELECT max(id) FROM request WHERE case_id=${p.c}`));
const row = (id) => one(`SELECT coalesce(acknowledged_at,'-')||'|'||coalesce(resolved_at,'-')||'|'||coalesce(resolution,'-')
                          FROM request WHERE id=${id}`);

test('a request is raised, acknowledged and resolved through the forms', async () => {
  let r = await post(`/cases/${p.c}/requests`, { kind: 'rent', raised_by: 'participant', assignee: '',
    text: 'Arretrato di due mensilità di affitto' }, w.tok.sw);
  assert.equal(r.status, 303, r.body);
  assert.match(r.headers.get('location'), new RegExp(`/cases/${p.c}/requests\\?done=raised`));
  const id = lastId();
  // no assignee: the case manager
  assert.equal(one(`SELECT assignee_id||'|'||raised_by_participant||'|'||kind FROM request WHERE id=${id}`),
    `${userId('cm')}|1|rent`);
  r = await get(`/cases/${p.c}/requests`, w.tok.cm);
  assert.equal(r.status, 200);
  assert.match(r.body, /Arretrato di due mensilità/);
  assert.match(r.body, new RegExp(`id="ack-${id}"`));
  // the case page links here
  assert.match((await get(`/cases/${p.c}`, w.tok.cm)).body, new RegExp(`href="/cases/${p.c}/requests"`));
  r = await post(`/requests/${id}/acknowledge`, {}, w.tok.cm);
  assert.equal(r.status, 303, r.body);
  assert.match(row(id), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\|-\|-$/);
  r = await post(`/requests/${id}/resolve`, { resolution: 'Contributo affitto chiesto al Comune', back: 'list' }, w.tok.cm);
  assert.equal(r.status, 303, r.body);
  assert.equal(r.headers.get('location'), '/requests?done=resolved');
  assert.match(row(id), /Z\|.*Z\|Contributo affitto chiesto al Comune$/);
  assert.equal(one(`SELECT count(*) FROM audit WHERE entity='request' AND entity_id=${id}`), '3');
  r = await get(`/cases/${p.c}/requests`, w.tok.sw);
  assert.match(r.body, /Contributo affitto chiesto al Comune/);
  assert.doesNotMatch(r.body, new RegExp(`id="(ack|resolve)-${id}"`));
});

test('illegal orders are 409 and write nothing; bad forms 422', async () => {
  let r = await post(`/cases/${p.c}/requests`, { kind: 'documents', raised_by: 'operator',
    assignee: String(userId('sw')), text: 'Rinnovo del permesso di soggiorno' }, w.tok.cm);
  assert.equal(r.status, 303, r.body);
  const id = lastId();
  const audits = () => one(`SELECT count(*) FROM audit WHERE entity='request' AND entity_id=${id}`);
  assert.equal(audits(), '1');
  r = await post(`/requests/${id}/resolve`, { resolution: 'Fatto' }, w.tok.sw);
  assert.equal(r.status, 409);
  assert.match(r.body, /acknowledge|prima/i);
  assert.equal(row(id), '-|-|-');
  assert.equal((await post(`/requests/${id}/acknowledge`, {}, w.tok.sw)).status, 303);
  const acked = row(id);
  r = await post(`/requests/${id}/acknowledge`, {}, w.tok.sw);
  assert.equal(r.status, 409);
  assert.equal(row(id), acked);
  r = await post(`/requests/${id}/resolve`, { resolution: '   ' }, w.tok.sw);
  assert.equal(r.status, 422);
  assert.match(r.body, /is-invalid|invalid-feedback/);
  assert.equal(row(id), acked);
  assert.equal((await post(`/requests/${id}/resolve`, { resolution: 'Appuntamento in Questura' }, w.tok.sw)).status, 303);
  const resolved = row(id);
  for (const [path, f] of [['resolve', { resolution: 'Di nuovo' }], ['acknowledge', {}]]) {
    r = await post(`/requests/${id}/${path}`, f, w.tok.sw);
    assert.equal(r.status, 409, path);
    assert.equal(row(id), resolved);
  }
  assert.equal(audits(), '3');
  // bad forms: nothing raised
  const n = count();
  const base = { kind: 'school', raised_by: 'participant', text: 'Iscrizione alla scuola media' };
  for (const b of [{ kind: '' }, { kind: 'car' }, { text: '  ' }, { assignee: String(userId('cm2')) }]) {
    r = await post(`/cases/${p.c}/requests`, { ...base, ...b }, w.tok.cm);
    assert.equal(r.status, 422, JSON.stringify(b));
    assert.match(r.body, /is-invalid|invalid-feedback|alert/);
  }
  assert.equal(count(), n);
});

test('who may answer: the assignee, the holder, a manager; others 403 or 404', async () => {
  let r = await post(`/cases/${p.c}/requests`, { kind: 'health', raised_by: 'operator', text: 'Visita pediatrica per Luca' }, tokOp);
  assert.equal(r.status, 303, r.body);
  const id = lastId();
  // the operator reads the case's requests but answers only their own
  assert.equal((await get(`/cases/${p.c}/requests`, tokOp)).status, 200);
  assert.equal((await post(`/requests/${id}/acknowledge`, {}, tokOp)).status, 403);
  // a case manager who does not work on the case does not see it
  assert.equal((await post(`/requests/${id}/acknowledge`, {}, w.tok.cm2)).status, 404);
  assert.equal((await get(`/cases/${p.c}/requests`, w.tok.cm2)).status, 404);
  assert.equal((await post(`/requests/999999/acknowledge`, {}, w.tok.cm)).status, 404);
  assert.equal(row(id), '-|-|-');
  // the social worker holding the case may
  assert.equal((await post(`/requests/${id}/acknowledge`, {}, w.tok.sw)).status, 303);
});

test('overdue requests come first, highlighted, on the assignee\'s and the manager\'s pages', async () => {
  let r = await post(`/cases/${p.c}/requests`, { kind: 'school', raised_by: 'participant',
    assignee: String(userId('sw')), text: 'Trasporto scolastico recente' }, w.tok.cm);
  assert.equal(r.status, 303);
  const fresh = lastId();
  r = await post(`/cases/${p.c}/requests`, { kind: 'emergency', raised_by: 'participant',
    assignee: String(userId('sw')), text: 'Distacco del gas annunciato' }, w.tok.cm);
  const late = lastId();
  sql(srv.db, `UPDATE request SET raised_at='${day(-20)}T09:00:00Z' WHERE id=${late}`);
  r = await get('/requests', w.tok.sw);
  assert.equal(r.status, 200);
  assert.match(r.body, /id="mine-overdue"/);
  assert.match(r.body, new RegExp(`<tr id="request-${late}" class="table-danger">`));
  assert.doesNotMatch(r.body, new RegExp(`<tr id="request-${fresh}" class="table-danger">`));
  assert.ok(r.body.indexOf(`request-${late}"`) < r.body.indexOf(`request-${fresh}"`), 'overdue first');
  assert.doesNotMatch(r.body, /id="times-worker"|id="targets-form"/);
  r = await get('/requests', w.tok.mgr);
  assert.match(r.body, /id="agency-overdue"/);
  assert.match(r.body, new RegExp(`<tr id="request-${late}" class="table-danger">`));
  assert.match(r.body, /id="times-worker"/);
  // the case manager has none overdue
  r = await get('/requests', w.tok.cm);
  assert.doesNotMatch(r.body, /mine-overdue/);
  // answered, it is no longer overdue on the list (it stays open until resolved)
  assert.equal((await post(`/requests/${late}/acknowledge`, { back: 'list' }, w.tok.sw)).status, 303);
});

test('the response times per worker and per kind, in working days', async () => {
  // two requests of the operator, raised on Friday 1 March 2024 at noon:
  // acknowledged after 1 and 3 working days, resolved after 2 and 4
  const op = userId('op');
  const times = [['2024-03-04T12:00:00Z', '2024-03-05T12:00:00Z'], ['2024-03-06T12:00:00Z', '2024-03-07T12:00:00Z']];
  for (const [ack, res] of times) {
    sql(srv.db, `INSERT INTO request(agency_id, case_id, kind, raised_by, assignee_id, text, raised_at,
                   acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution)
                 SELECT agency_id, id, 'documents', ${op}, ${op}, 'Carta d''identità', '2024-03-01T12:00:00Z',
                   '${ack}', ${op}, '${res}', ${op}, 'Fatto' FROM case_file WHERE id=${p.c}`);
  }
  const r = await get('/requests', w.tok.mgr);
  assert.match(r.body, /<th scope="row">Olga Pieri<\/th><td>2<\/td><td>2\.0<\/td><td>3\.0<\/td><td>3\.0<\/td><td>4\.0<\/td><td>2<\/td><td>0<\/td>/);
  assert.match(r.body, /id="times-kind"/);
  assert.equal((await get('/requests', tokOp)).status, 200);
});

test('the targets: the manager edits them, a bad one is 422 and changes nothing', async () => {
  const target = () => one(`SELECT ack_working_days||'/'||resolve_working_days FROM request_kind_target
                             WHERE kind='rent' AND agency_id=(SELECT agency_id FROM case_file WHERE id=${p.c})`);
  const all = { ack_days_rent: '1', resolve_days_rent: '3', ack_days_documents: '2', resolve_days_documents: '15',
    ack_days_school: '2', resolve_days_school: '10', ack_days_health: '1', resolve_days_health: '5',
    ack_days_emergency: '0', resolve_days_emergency: '1', ack_days_other: '3', resolve_days_other: '20' };
  let r = await get('/requests', w.tok.mgr);
  assert.match(r.body, /id="targets-form"/);
  r = await post('/requests/targets', all, w.tok.mgr);
  assert.equal(r.status, 303, r.body);
  assert.equal(target(), '1/3');
  r = await post('/requests/targets', { ...all, ack_days_rent: '5', resolve_days_rent: '2' }, w.tok.mgr);
  assert.equal(r.status, 422);
  assert.match(r.body, /f-resolve_days_rent[^>]*is-invalid|is-invalid[^>]*f-resolve_days_rent/);
  assert.equal(target(), '1/3');
  r = await post('/requests/targets', { ...all, ack_days_other: 'tre' }, w.tok.mgr);
  assert.equal(r.status, 422);
  assert.equal((await post('/requests/targets', all, w.tok.sw)).status, 403);
  assert.equal(one("SELECT count(*) FROM audit WHERE entity='request_target'"), '1');
});

// ---- the JSON API, every answer checked against the OpenAPI document ----

const api = (...a) => documentedApi(srv, doc)(...a);

test('API: raise, acknowledge, resolve; illegal orders 409 with nothing written', async () => {
  let r = await api('POST', `/api/v1/cases/${p.c}/requests`, w.tok.cm,
    { kind: 'health', text: 'Certificato medico per il tirocinio', raised_by_participant: true });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.status, 'raised');
  assert.equal(r.json.assignee.id, userId('cm'));
  assert.equal(r.json.raised_by_participant, true);
  assert.match(r.json.acknowledge_due, /T23:59:59Z$/);
  const id = r.json.id;
  r = await api('POST', `/api/v1/requests/${id}/resolution`, w.tok.cm, { resolution: 'Fatto' });
  assert.equal(r.status, 409);
  assert.ok(r.json.error.fields.status);
  assert.equal(row(id), '-|-|-');
  r = await api('POST', `/api/v1/requests/${id}/acknowledgement`, w.tok.cm, { note: 'x' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.note);
  assert.equal((await api('POST', `/api/v1/requests/${id}/acknowledgement`, tokOp, {})).status, 403);
  assert.equal((await api('POST', `/api/v1/requests/${id}/acknowledgement`, w.tok.cm2, {})).status, 404);
  r = await api('POST', `/api/v1/requests/${id}/acknowledgement`, w.tok.cm, {});
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'acknowledged');
  assert.equal(r.json.acknowledged_by.name, 'Carla Neri');
  const acked = row(id);
  assert.equal((await api('POST', `/api/v1/requests/${id}/acknowledgement`, w.tok.cm, {})).status, 409);
  assert.equal(row(id), acked);
  r = await api('POST', `/api/v1/requests/${id}/resolution`, w.tok.cm, { resolution: ' ' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.resolution);
  r = await api('POST', `/api/v1/requests/${id}/resolution`, w.tok.mgr, { resolution: 'Certificato consegnato' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'resolved');
  assert.equal(r.json.overdue, false);
  assert.equal((await api('POST', `/api/v1/requests/${id}/resolution`, w.tok.cm, { resolution: 'Ancora' })).status, 409);
  assert.match(row(id), /Certificato consegnato$/);
  // bad bodies
  for (const b of [{ kind: 'car', text: 'x' }, { kind: 'rent' }, { kind: 'rent', text: 'x', assignee_id: userId('cm2') },
    { kind: 'rent', text: 'x', colour: 'red' }, { kind: 'rent', text: 'x', assignee_id: 'cm' }]) {
    r = await api('POST', `/api/v1/cases/${p.c}/requests`, w.tok.cm, b);
    assert.equal(r.status, 422, JSON.stringify(b));
  }
  assert.equal((await api('POST', `/api/v1/cases/${p.c}/requests`, w.tok.cm2, { kind: 'rent', text: 'x' })).status, 404);
});

test('API: lists of a case and of the caller, ?mine, ?overdue, ?open, pages', async () => {
  let r = await api('GET', `/api/v1/cases/${p.c}/requests`, w.tok.cm);
  assert.equal(r.status, 200);
  assert.ok(r.json.items.length >= 5);
  assert.ok(r.json.items.every((x) => x.case_id === p.c));
  assert.equal((await api('GET', `/api/v1/cases/${p.c}/requests`, w.tok.cm2)).status, 404);
  r = await api('GET', `/api/v1/cases/${p.c}/requests?limit=2`, w.tok.cm);
  assert.equal(r.json.items.length, 2);
  const r2 = await api('GET', `/api/v1/cases/${p.c}/requests?limit=2&cursor=${r.json.next_cursor}`, w.tok.cm);
  assert.ok(r2.json.items[0].id < r.json.items[1].id);
  r = await api('GET', '/api/v1/requests?mine=true', w.tok.sw);
  assert.ok(r.json.items.length > 0);
  assert.ok(r.json.items.every((x) => x.assignee.id === userId('sw')));
  r = await api('GET', '/api/v1/requests?overdue=true', w.tok.mgr);
  assert.ok(r.json.items.length > 0);
  assert.ok(r.json.items.every((x) => x.overdue));
  r = await api('GET', '/api/v1/requests?open=true', w.tok.mgr);
  assert.ok(r.json.items.every((x) => x.status !== 'resolved'));
  // a case manager of no case of the agency sees none
  r = await api('GET', '/api/v1/requests', w.tok.cm2);
  assert.deepEqual(r.json.items, []);
  assert.equal((await api('GET', '/api/v1/requests?mine=perhaps', w.tok.cm)).status, 400);
});

test('API: the activity register', async () => {
  let r = await api('POST', `/api/v1/cases/${p.c}/activities`, w.tok.cm, { on_date: day(-2), kind: 'home_visit',
    minutes: 50, members: [p.son], intervention_id: p.homeEd, restricted: false, text: 'Compiti con Luca' });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.members[0].id, p.son);
  assert.equal(r.json.intervention_id, p.homeEd);
  r = await api('POST', `/api/v1/cases/${p.c}/activities`, w.tok.sw, { on_date: day(-1), kind: 'phone_call',
    minutes: 5, restricted: true, text: 'Telefonata riservata' });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.confidentiality, 'restricted');
  r = await api('GET', `/api/v1/cases/${p.c}/activities`, w.tok.cm);
  assert.deepEqual(r.json.items.map((x) => x.text), ['Telefonata riservata', 'Compiti con Luca']);
  r = await api('GET', `/api/v1/cases/${p.c}/activities`, tokOp);
  assert.deepEqual(r.json.items.map((x) => x.text), ['Compiti con Luca']);
  r = await api('GET', `/api/v1/cases/${p.c}/activities?kind=home_visit&member=${p.son}`, w.tok.cm);
  assert.deepEqual(r.json.items.map((x) => x.kind), ['home_visit']);
  r = await api('GET', `/api/v1/cases/${p.c}/activities?limit=1`, w.tok.cm);
  assert.equal(r.json.items.length, 1);
  assert.match(r.json.next_cursor, /^\d{4}-\d\d-\d\d\.\d+$/);
  r = await api('GET', `/api/v1/cases/${p.c}/activities?limit=1&cursor=${r.json.next_cursor}`, w.tok.cm);
  assert.deepEqual(r.json.items.map((x) => x.text), ['Compiti con Luca']);
  assert.equal(r.json.next_cursor, null);
  assert.equal((await api('GET', `/api/v1/cases/${p.c}/activities?cursor=oggi`, w.tok.cm)).status, 400);
  const n = one(`SELECT count(*) FROM activity WHERE case_id=${p.c}`);
  for (const b of [{ on_date: day(-1), kind: 'note', text: 'x' }, { on_date: day(-1), kind: 'note', minutes: 5, text: 'x', members: ['a'] },
    { on_date: day(-1), kind: 'note', minutes: 5, text: 'x', mood: 'ok' }, { on_date: day(3), kind: 'note', minutes: 5, text: 'x' }]) {
    r = await api('POST', `/api/v1/cases/${p.c}/activities`, w.tok.cm, b);
    assert.equal(r.status, 422, JSON.stringify(b));
  }
  assert.equal(one(`SELECT count(*) FROM activity WHERE case_id=${p.c}`), n);
  assert.equal((await api('GET', `/api/v1/cases/${p.c}/activities`, w.tok.cm2)).status, 404);
});
