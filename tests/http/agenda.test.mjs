// agenda.test.mjs — activities planned in a case's register (agenda.h,
// page_agenda.c, api_register.c, page_my_day.c): planning a visit through
// the form and the API with the workers taking part, the register page's
// "Planned" section apart from the timeline of what was done, "my day"
// of the author and of a worker listed (today, and the line of the
// overdue ones), recording as done (the date may change, not a day to
// come) and cancelling (with a reason), every illegal move answered 409
// with a message and nothing written, refusals (404 to whoever does not
// see the case or the activity, 403 to whoever sees it but may not close
// it), the audit trail, and every API answer checked against the OpenAPI
// document.  Runs on SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, addUser } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { closingWorld, agreedPath, day } from './closing_fixture.mjs';
import { documentedApi } from './openapi_check.mjs';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' };
let srv, w, p, tokOp, doc;
const TODAY = day(0);

before(async () => {
  srv = await startServer();
  w = await closingWorld(srv);
  p = await agreedPath(srv, w, 'Agenda');
  tokOp = addUser(srv.db, 'op', ['operator'], { org: 'coop1', name: 'Olga Pieri' });
  sql(srv.db, `INSERT INTO case_operator(case_id, user_id, person_id)
                 SELECT ${p.c}, id, ${p.mother} FROM app_user WHERE username='op'`);
  doc = (await request(srv.base, 'GET', '/api/v1/openapi.json')).json;
});
after(async () => { await srv?.stop(); });

const post = (path, fields, token) =>
  request(srv.base, 'POST', path, { raw: new URLSearchParams(fields).toString(), headers: FORM, token });
const get = (path, token, lang = 'en') => request(srv.base, 'GET', path, { token, headers: { 'Accept-Language': lang } });
const one = (q) => sql(srv.db, q).trim();
const userId = (u) => Number(one(`SELECT id FROM app_user WHERE username='${u}'`));
const lastId = () => Number(one(`SELECT max(id) FROM activity WHERE case_id=${p.c}`));
const state = (id) => one(`SELECT status||'|'||on_date||'|'||minutes||'|'||coalesce(cancel_reason,'-') FROM activity WHERE id=${id}`);
const audits = (id) => one(`SELECT count(*) FROM audit WHERE entity='activity' AND entity_id=${id} AND action IN ('create','update')`);

// every API answer checked against the OpenAPI document
const api = (...a) => documentedApi(srv, doc)(...a);

test('a social worker plans a home visit with the case manager: the register, both days, then done', async () => {
  const cm = userId('cm');
  let r = await post(`/cases/${p.c}/register/plan`, { on_date: TODAY, time: '10:30', kind: 'home_visit',
    [`member_${p.mother}`]: '1', [`worker_${cm}`]: '1', text: 'Visita a casa: orari del tirocinio' }, w.tok.sw);
  assert.equal(r.status, 303, r.body);
  assert.match(r.headers.get('location'), new RegExp(`/cases/${p.c}/register\\?done=planned`));
  const id = lastId();
  assert.equal(state(id), `planned|${TODAY}|0|-`);
  assert.equal(one(`SELECT planned_time||'|'||plan_text FROM activity WHERE id=${id}`), '10:30|Visita a casa: orari del tirocinio');
  assert.equal(one(`SELECT count(*) FROM activity_worker WHERE activity_id=${id} AND user_id=${cm}`), '1');
  assert.equal(one(`SELECT detail FROM audit WHERE entity='activity' AND entity_id=${id} AND action='create'`), '{"status":"planned"}');
  // the register: in "Planned", not in the timeline of what was done
  r = await get(`/cases/${p.c}/register`, w.tok.cm);
  assert.equal(r.status, 200);
  const planned = r.body.slice(r.body.indexOf('id="planned"'), r.body.indexOf('id="h-timeline"'));
  assert.match(planned, new RegExp(`id="planned-${id}"`));
  assert.match(planned, /10:30<\/strong> · Home visit/);
  assert.match(planned, /With: Silvia Bartoli, Carla Neri/);
  assert.match(planned, new RegExp(`id="done-form-${id}"`));
  assert.match(r.body, /id="register-empty"/, 'the timeline has nothing yet');
  // my day of the author and of the worker listed; not of the manager
  for (const who of ['sw', 'cm']) {
    r = await get('/my-day', w.tok[who]);
    assert.match(r.body, new RegExp(`id="my-planned-${id}">10:30 Home visit — <a href="/cases/${p.c}/register#planned-${id}">Agenda Anna</a>`), who);
    assert.doesNotMatch(r.body, /id="my-planned-overdue"/);
  }
  assert.doesNotMatch((await get('/my-day', w.tok.mgr)).body, new RegExp(`id="my-planned-${id}"`));
  // a day still to come is refused, next to the field, nothing written
  r = await post(`/cases/${p.c}/register/${id}/done`, { on_date: day(1), minutes: '60', text: 'Fatto' }, w.tok.cm);
  assert.equal(r.status, 422);
  assert.match(r.body, new RegExp(`id="f-done-${id}-on_date"[^>]*aria-invalid="true"`));
  assert.match(r.body, /once it has happened: not on a future day/);
  assert.equal(state(id), `planned|${TODAY}|0|-`);
  // the worker records it done; it joins the timeline; my day is empty
  r = await post(`/cases/${p.c}/register/${id}/done`, { on_date: day(0), minutes: '75', text: 'Parlato con Anna degli orari' }, w.tok.cm);
  assert.equal(r.status, 303, r.body);
  assert.equal(state(id), `done|${TODAY}|75|-`);
  assert.equal(audits(id), '2');
  r = await get(`/cases/${p.c}/register`, w.tok.sw);
  assert.match(r.body, new RegExp(`<ul class="list-group mb-3" id="register"><li class="list-group-item" id="activity-${id}">`));
  assert.match(r.body, /id="planned-empty"/);
  assert.doesNotMatch((await get('/my-day', w.tok.sw)).body, new RegExp(`id="my-planned-${id}"`));
  // again: 409 with a message, nothing written
  r = await post(`/cases/${p.c}/register/${id}/done`, { on_date: day(0), minutes: '5', text: 'Ancora' }, w.tok.cm);
  assert.equal(r.status, 409);
  assert.match(r.body, /already recorded as done/);
  r = await post(`/cases/${p.c}/register/${id}/cancel`, { reason: 'Doppione' }, w.tok.cm);
  assert.equal(r.status, 409);
  assert.equal(state(id), `done|${TODAY}|75|-`);
  assert.equal(audits(id), '2');
});

test('the plan form refuses the past, a kind that is not planned, a worker of no relation', async () => {
  const n = one(`SELECT count(*) FROM activity WHERE case_id=${p.c}`);
  const good = { on_date: day(2), kind: 'meeting', text: 'Colloquio' };
  for (const [bad, field] of [[{ on_date: day(-1) }, 'on_date'], [{ kind: 'note' }, 'kind'], [{ time: '25:00' }, 'time'],
    [{ [`worker_${userId('cm2')}`]: '1' }, 'workers'], [{ text: ' ' }, 'text']]) {
    const r = await post(`/cases/${p.c}/register/plan`, { ...good, ...bad }, w.tok.sw);
    assert.equal(r.status, 422, JSON.stringify(bad));
    assert.match(r.body, new RegExp(`id="e-plan-${field}"`), field);
    // the other forms do not show the error
    assert.doesNotMatch(r.body, new RegExp(`id="e-${field}"`));
  }
  assert.equal(one(`SELECT count(*) FROM activity WHERE case_id=${p.c}`), n);
  // the worker list offers the case's workers only
  const r = await get(`/cases/${p.c}/register`, w.tok.sw);
  assert.match(r.body, new RegExp(`id="f-plan-worker_${userId('cm')}"`));
  assert.doesNotMatch(r.body, new RegExp(`id="f-plan-worker_${userId('cm2')}"`));
  assert.doesNotMatch(r.body, new RegExp(`id="f-plan-worker_${userId('sw')}"`), 'not oneself');
});

test('overdue plans on my day; cancelling with a reason; who may close', async () => {
  let r = await post(`/cases/${p.c}/register/plan`, { on_date: TODAY, kind: 'phone_call', text: 'Chiamare la scuola' }, w.tok.cm);
  assert.equal(r.status, 303, r.body);
  const id = lastId();
  // two days later it is overdue
  sql(srv.db, `UPDATE activity SET on_date='${day(-2)}' WHERE id=${id}`);
  r = await get('/my-day', w.tok.cm);
  assert.match(r.body, /id="my-planned-overdue">1 planned activity is past its day: record it as done or cancel it\./);
  assert.match(r.body, new RegExp(`<ul id="my-overdue-list"><li id="my-planned-${id}">`));
  r = await get('/my-day', w.tok.cm, 'it');
  assert.match(r.body, /1 attività programmata/);
  r = await get(`/cases/${p.c}/register`, w.tok.cm);
  assert.match(r.body, new RegExp(`class="list-group-item list-group-item-warning overdue" id="planned-${id}"`));
  // the operator sees it but may not close it; cm2 does not see the case
  assert.match((await get(`/cases/${p.c}/register`, tokOp)).body, new RegExp(`id="planned-${id}"`));
  assert.doesNotMatch((await get(`/cases/${p.c}/register`, tokOp)).body, new RegExp(`id="cancel-form-${id}"`));
  r = await post(`/cases/${p.c}/register/${id}/cancel`, { reason: 'x' }, tokOp);
  assert.equal(r.status, 403);
  r = await post(`/cases/${p.c}/register/${id}/cancel`, { reason: 'x' }, w.tok.cm2);
  assert.equal(r.status, 404);
  r = await post(`/cases/${p.c}/register/999999/cancel`, { reason: 'x' }, w.tok.cm);
  assert.equal(r.status, 404);
  // a reason is required
  r = await post(`/cases/${p.c}/register/${id}/cancel`, { reason: '' }, w.tok.cm);
  assert.equal(r.status, 422);
  assert.match(r.body, new RegExp(`id="e-cancel-${id}-reason"`));
  // the social worker holding the case cancels it
  r = await post(`/cases/${p.c}/register/${id}/cancel`, { reason: 'La scuola ha già chiamato' }, w.tok.sw);
  assert.equal(r.status, 303, r.body);
  assert.equal(state(id), `cancelled|${day(-2)}|0|La scuola ha già chiamato`);
  assert.equal(one(`SELECT detail FROM audit WHERE entity='activity' AND entity_id=${id} AND action='update'`), '{"status":"cancelled"}');
  r = await get(`/cases/${p.c}/register`, w.tok.cm);
  assert.match(r.body, new RegExp(`id="cancelled-${id}"`));
  assert.doesNotMatch(r.body, new RegExp(`id="planned-${id}"`));
  assert.doesNotMatch((await get('/my-day', w.tok.cm)).body, /id="my-planned-overdue"/);
  // done after cancelled: 409
  r = await post(`/cases/${p.c}/register/${id}/done`, { on_date: day(-2), minutes: '5', text: 'x' }, w.tok.sw);
  assert.equal(r.status, 409);
  assert.match(r.body, /was cancelled/);
  // an entry never planned cannot be "done"
  r = await post(`/cases/${p.c}/register`, { on_date: day(-1), kind: 'note', minutes: '0', text: 'Nota' }, w.tok.sw);
  assert.equal(r.status, 303, r.body);
  r = await post(`/cases/${p.c}/register/${lastId()}/done`, { on_date: day(-1), minutes: '5', text: 'x' }, w.tok.sw);
  assert.equal(r.status, 409);
});

test('API: plan, list by status, done, cancel; illegal moves 409 and refusals', async () => {
  const cm = userId('cm');
  let r = await api('POST', `/api/v1/cases/${p.c}/activities`, w.tok.sw, { status: 'planned', on_date: day(3),
    time: '09:00', kind: 'school_meeting', members: [p.son], workers: [cm], restricted: false, text: 'Incontro con le maestre di Luca' });
  assert.equal(r.status, 201, r.body);
  assert.equal(r.json.status, 'planned');
  assert.equal(r.json.planned_on, day(3));
  assert.equal(r.json.planned_time, '09:00');
  assert.equal(r.json.purpose, 'Incontro con le maestre di Luca');
  assert.deepEqual(r.json.workers.map((x) => x.id), [cm]);
  assert.equal(r.json.minutes, 0);
  const idSchool = r.json.id;
  r = await api('POST', `/api/v1/cases/${p.c}/activities`, w.tok.cm, { status: 'planned', on_date: TODAY,
    kind: 'meeting', text: 'Colloquio di verifica' });
  assert.equal(r.status, 201, r.body);
  const idMeeting = r.json.id;
  // refusals, nothing written
  const n = one(`SELECT count(*) FROM activity WHERE case_id=${p.c}`);
  for (const [b, field] of [
    [{ status: 'planned', on_date: day(-1), kind: 'meeting', text: 'x' }, 'on_date'],
    [{ status: 'planned', on_date: TODAY, kind: 'email', text: 'x' }, 'kind'],
    [{ status: 'planned', on_date: TODAY, kind: 'meeting', minutes: 30, text: 'x' }, 'minutes'],
    [{ status: 'planned', on_date: TODAY, kind: 'meeting', time: '9', text: 'x' }, 'time'],
    [{ status: 'planned', on_date: TODAY, kind: 'meeting', workers: [userId('cm2')], text: 'x' }, 'workers'],
    [{ status: 'planned', on_date: TODAY, kind: 'meeting', workers: ['cm'], text: 'x' }, 'workers'],
    [{ status: 'cancelled', on_date: TODAY, kind: 'meeting', text: 'x' }, 'status'],
    [{ on_date: day(-1), kind: 'meeting', minutes: 5, time: '10:00', text: 'x' }, 'time'],
  ]) {
    r = await api('POST', `/api/v1/cases/${p.c}/activities`, w.tok.sw, b);
    assert.equal(r.status, 422, JSON.stringify(b));
    assert.ok(r.json.error.fields[field], `${field}: ${r.body}`);
  }
  assert.equal(one(`SELECT count(*) FROM activity WHERE case_id=${p.c}`), n);
  // the lists: planned by day, the timeline without them
  const mine = (items) => items.map((x) => x.id).filter((x) => x === idMeeting || x === idSchool);
  r = await api('GET', `/api/v1/cases/${p.c}/activities?status=planned`, w.tok.cm);
  assert.deepEqual(mine(r.json.items), [idMeeting, idSchool]);
  assert.equal(r.json.items.length, 2, 'the other tests left nothing planned');
  r = await api('GET', `/api/v1/cases/${p.c}/activities?status=planned&limit=1`, w.tok.cm);
  assert.deepEqual(r.json.items.map((x) => x.id), [idMeeting]);
  r = await api('GET', `/api/v1/cases/${p.c}/activities?status=planned&limit=1&cursor=${r.json.next_cursor}`, w.tok.cm);
  assert.deepEqual(r.json.items.map((x) => x.id), [idSchool]);
  assert.equal(r.json.next_cursor, null);
  r = await api('GET', `/api/v1/cases/${p.c}/activities?status=planned&kind=school_meeting&member=${p.son}`, w.tok.cm);
  assert.deepEqual(r.json.items.map((x) => x.id), [idSchool]);
  r = await api('GET', `/api/v1/cases/${p.c}/activities`, w.tok.cm);
  assert.ok(r.json.items.every((x) => x.status === 'done'));
  assert.equal((await api('GET', `/api/v1/cases/${p.c}/activities?status=open`, w.tok.cm)).status, 400);
  // my day through the API
  r = await api('GET', '/api/v1/my-day', w.tok.cm);
  assert.deepEqual(r.json.planned_activities.map((x) => [x.id, x.overdue, x.kind, x.purpose]),
    [[idMeeting, false, 'meeting', 'Colloquio di verifica']]);
  // the school meeting is in three days: not done yet
  r = await api('POST', `/api/v1/cases/${p.c}/activities/${idSchool}/done`, w.tok.cm, { minutes: 60, text: 'Fatto' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.on_date);
  r = await api('POST', `/api/v1/cases/${p.c}/activities/${idSchool}/done`, w.tok.cm, { text: 'Fatto' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.minutes);
  // the operator sees the meeting (not restricted) but may not close it
  r = await api('POST', `/api/v1/cases/${p.c}/activities/${idMeeting}/done`, tokOp, { minutes: 30, text: 'x' });
  assert.equal(r.status, 403);
  r = await api('POST', `/api/v1/cases/${p.c}/activities/${idMeeting}/done`, w.tok.cm2, { minutes: 30, text: 'x' });
  assert.equal(r.status, 404);
  r = await api('POST', `/api/v1/cases/${p.c}/activities/999999/cancel`, w.tok.cm, { reason: 'x' });
  assert.equal(r.status, 404);
  assert.equal(state(idMeeting), `planned|${TODAY}|0|-`);
  // done, without a date: the planned day
  r = await api('POST', `/api/v1/cases/${p.c}/activities/${idMeeting}/done`, w.tok.cm, { minutes: 45, text: 'Obiettivi confermati' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'done');
  assert.equal(r.json.on_date, TODAY);
  assert.equal(r.json.text, 'Obiettivi confermati');
  assert.equal(r.json.purpose, 'Colloquio di verifica');
  assert.equal(r.json.closed_by.name, 'Carla Neri');
  r = await api('POST', `/api/v1/cases/${p.c}/activities/${idMeeting}/cancel`, w.tok.cm, { reason: 'x' });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /already recorded as done/);
  // cancel the school meeting (the worker listed may)
  r = await api('POST', `/api/v1/cases/${p.c}/activities/${idSchool}/cancel`, w.tok.cm, { reason: 'Scuola chiusa per neve' });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.status, 'cancelled');
  assert.equal(r.json.cancel_reason, 'Scuola chiusa per neve');
  r = await api('POST', `/api/v1/cases/${p.c}/activities/${idSchool}/done`, w.tok.cm, { on_date: TODAY, minutes: 5, text: 'x' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.fields.status, 'the activity was cancelled');
  r = await api('GET', `/api/v1/cases/${p.c}/activities?status=cancelled`, w.tok.sw);
  assert.ok(r.json.items.some((x) => x.id === idSchool));
  assert.equal(audits(idSchool), '2');
  assert.equal(audits(idMeeting), '2');
});
