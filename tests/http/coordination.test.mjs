// coordination.test.mjs — coordination in the web UI and the API
// (page_my_day.c, page_team_meeting.c, page_handover.c,
// api_coordination.c): "my day" for several roles and GET / landing on
// it; the weekly team meeting of a social worker (what is new, who may
// see whose meeting, recording it writes a minute into the register of
// each case discussed, validation); the caseload handover through the
// UI (choose, preview, confirm) and through the API (dry run, the even
// spread, per-case notes, refusals), with the assignment history and the
// audit trail; the check of cases without an active worker.  Runs on
// SQLite and PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, request, addUser } from './server.mjs';
import { sql } from './access_fixture.mjs';

let srv;
const tok = {};
const id = {};
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const EN = { 'Accept-Language': 'en' };

function day(offset) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}
const TODAY = day(0);

const get = (path, who = 'mgr') => request(srv.base, 'GET', path, { token: tok[who], headers: EN });
function post(path, fields, who = 'mgr') {
  const raw = new URLSearchParams(fields).toString();
  return request(srv.base, 'POST', path, { raw, token: tok[who], headers: { ...FORM, ...EN } });
}
const one = (q) => sql(srv.db, q).trim();

async function api(method, path, body) {
  const r = await request(srv.base, method, path, { body, token: srv.token });
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.body}`);
  return r.json;
}

const person = (p) => ({ gender: 'F', birth_country: 'IT', citizenship: 'IT', municipality: 'Pisa',
  birth_date: '1980-01-01', ...p });

before(async () => {
  srv = await startServer();
  tok.mgr = srv.token;
  sql(srv.db, `INSERT INTO organisation(agency_id, code, name, kind)
                 SELECT id, 'coop1', 'Cooperativa Il Ponte', 'cooperative' FROM agency;`);
  tok.sw1 = addUser(srv.db, 'sw1', ['social_worker'], { name: 'Silvia Uno' });
  tok.sw2 = addUser(srv.db, 'sw2', ['social_worker'], { name: 'Sara Due' });
  tok.sw3 = addUser(srv.db, 'sw3', ['social_worker'], { name: 'Sofia Tre' });
  tok.cm = addUser(srv.db, 'cm', ['case_manager'], { org: 'coop1', name: 'Carla Neri' });
  tok.op = addUser(srv.db, 'op', ['operator'], { org: 'coop1', name: 'Otello Parenti' });
  tok.evaluator = addUser(srv.db, 'ev', ['evaluator'], { name: 'Eva Lutti' });
  for (const u of ['sw1', 'sw2', 'sw3', 'cm']) id[u] = Number(one(`SELECT id FROM app_user WHERE username='${u}'`));
  id.coop = Number(one("SELECT id FROM organisation WHERE code='coop1'"));
  id.round = (await api('POST', '/api/v1/rounds', { code: 'R1', name: 'Prima edizione', start_date: day(-60),
    end_date: day(120) })).id;
  await api('POST', '/api/v1/funding-streams', { code: 'pon', name: 'PON Inclusione', allocation_cents: 5000000 });
  // four candidates of sw1
  id.cases = [];
  for (const [i, name] of ['Rossi', 'Bianchi', 'Verdi', 'Neri'].entries()) {
    const pid = (await api('POST', '/api/v1/people', person({ person_ref: `P${i}`, household_ref: `H${i}`,
      first_name: 'Anna', last_name: name }))).id;
    const r = await post(`/rounds/${id.round}/shortlist`, { person_id: pid, funding_stream: 'pon',
      social_worker: 'sw1', shortlisted_on: day(-30) });
    assert.equal(r.status, 303, r.body.slice(0, 2000));
    id.cases.push(Number(one(`SELECT id FROM case_file WHERE person_id=${pid}`)));
  }
  // Bianchi went through the first interview and is followed by cm
  // (written as intake_assign writes it: the triggers keep the history)
  sql(srv.db, `UPDATE case_file SET stage='first_interview', organisation_id=${id.coop},
                 case_manager_id=${id.cm} WHERE id=${id.cases[1]}`);
  // Verdi went through it too but has no case manager yet
  sql(srv.db, `UPDATE case_file SET stage='first_interview' WHERE id=${id.cases[2]}`);
});
after(async () => { await srv?.stop(); });

test('GET / lands on my day, which every role can open', async () => {
  const root = await get('/', 'sw1');
  assert.equal(root.status, 303);
  assert.equal(root.headers.get('location'), '/my-day');
  for (const who of ['mgr', 'sw1', 'cm', 'op', 'evaluator']) {
    const r = await get('/my-day', who);
    assert.equal(r.status, 200, `${who}: ${r.body.slice(0, 500)}`);
    assert.match(r.body, /<h1>My day<\/h1>/);
  }
});

test('my day shows each role its own work', async () => {
  // sw1: four cases, two first interviews without a form
  let r = await get('/my-day', 'sw1');
  assert.match(r.body, /you follow 4 active cases/);
  assert.equal([...r.body.matchAll(/class="form-access_form"/g)].length, 2);
  assert.match(r.body, new RegExp(`href="/cases/${id.cases[0]}/form"`));
  assert.doesNotMatch(r.body, /id="my-orphans"/, 'only the manager sees the gaps');
  // cm: the project of Bianchi
  r = await get('/my-day', 'cm');
  assert.match(r.body, new RegExp(`class="form-project"><a href="/cases/${id.cases[1]}/project"`));
  // the manager: Verdi has no case manager
  r = await get('/my-day', 'mgr');
  assert.match(r.body, /id="my-orphans"/);
  assert.match(r.body, /1 active case has no active social worker or case manager/);
  // the API says the same
  const a = await request(srv.base, 'GET', '/api/v1/my-day', { token: tok.sw1 });
  assert.equal(a.status, 200);
  assert.equal(a.json.active_cases, 4);
  assert.deepEqual(a.json.forms.map((f) => f.form), ['access_form', 'access_form']);
  assert.equal(a.json.cases_without_worker, undefined);
  const m = await request(srv.base, 'GET', '/api/v1/my-day', { token: tok.mgr });
  assert.deepEqual(m.json.cases_without_worker.map((c) => c.case_id), [id.cases[2]]);
});

test('the orphan check lists active cases without an active worker', async () => {
  let r = await request(srv.base, 'GET', '/api/v1/caseload/orphans', { token: tok.mgr });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items.map((c) => [c.case_id, c.no_social_worker, c.no_case_manager]),
    [[id.cases[2], false, true]]);
  r = await get('/caseload/orphans');
  assert.equal(r.status, 200);
  assert.match(r.body, new RegExp(`<a href="/cases/${id.cases[2]}">Verdi Anna</a>`));
  assert.equal((await get('/caseload/orphans', 'sw1')).status, 403);
  assert.equal((await request(srv.base, 'GET', '/api/v1/caseload/orphans', { token: tok.cm })).status, 403);
});

test('the team meeting shows what is new and records a minute in each case register', async () => {
  const [rossi, bianchi] = id.cases;
  sql(srv.db, `INSERT INTO activity(agency_id, case_id, on_date, author_id, kind, minutes, text, created_at)
                 SELECT agency_id, id, '${TODAY}', ${id.cm}, 'phone_call', 10, 'asked about the course',
                   '${new Date().toISOString().slice(0, 19)}Z' FROM case_file WHERE id=${bianchi}`);
  let r = await get('/team-meeting', 'sw1');
  assert.equal(r.status, 200, r.body.slice(0, 1000));
  assert.match(r.body, /No meeting recorded yet/);
  // Bianchi, with new activity, comes first
  const order = [...r.body.matchAll(/id="case-(\d+)"/g)].map((m) => Number(m[1]));
  assert.equal(order[0], bianchi);
  assert.equal(order.length, 4);
  assert.match(r.body, new RegExp(`tm-case to-discuss" id="case-${bianchi}"`));
  // whose meeting: a social worker only their own, the case manager only their cases
  assert.equal((await get(`/team-meeting?social_worker=${id.sw1}`, 'sw2')).status, 404);
  r = await get(`/team-meeting?social_worker=${id.sw1}`, 'cm');
  assert.equal(r.status, 200);
  assert.deepEqual([...r.body.matchAll(/id="case-(\d+)"/g)].map((m) => Number(m[1])), [bianchi]);
  r = await get('/team-meeting', 'mgr');
  assert.match(r.body, /id="tm-pick"/);
  // validation: a date in the future, a case that is not sw1's
  const other = Number(one(`SELECT id FROM case_file WHERE id NOT IN (${id.cases.join(',')}) LIMIT 1`) || 0);
  r = await post('/team-meeting', { social_worker: id.sw1, held_on: day(3), [`minute.${rossi}`]: 'x' }, 'sw1');
  assert.equal(r.status, 422, r.body.slice(0, 1000));
  r = await post('/team-meeting', { social_worker: id.sw1, held_on: TODAY }, 'sw1');
  assert.equal(r.status, 422, 'no minute at all');
  if (other) {
    r = await post('/team-meeting', { social_worker: id.sw1, held_on: TODAY, [`minute.${other}`]: 'x' }, 'sw1');
    assert.equal(r.status, 422);
  }
  assert.equal(one('SELECT count(*) FROM team_meeting'), '0');
  // the case manager may not write a minute for a case they do not manage
  r = await post('/team-meeting', { social_worker: id.sw1, held_on: TODAY, [`minute.${rossi}`]: 'x' }, 'cm');
  assert.equal(r.status, 422);
  // recorded
  r = await post('/team-meeting', { social_worker: id.sw1, held_on: TODAY, notes: 'sw1, cm',
    [`minute.${rossi}`]: 'Rent arrears: sw1 calls the landlord', [`minute.${bianchi}`]: 'HACCP course from next month',
    [`minute.${id.cases[3]}`]: '  ' }, 'sw1');
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  assert.equal(r.headers.get('location'), `/team-meeting?social_worker=${id.sw1}&saved=1`);
  assert.equal(one(`SELECT count(*) FROM activity WHERE kind='team_meeting' AND case_id=${rossi}
                      AND text='Rent arrears: sw1 calls the landlord' AND author_id=${id.sw1}`), '1');
  assert.equal(one(`SELECT count(*) FROM activity WHERE kind='team_meeting' AND case_id=${bianchi}`), '1');
  assert.equal(one(`SELECT count(*) FROM activity WHERE case_id=${id.cases[3]}`), '0', 'a blank minute: not discussed');
  assert.equal(one('SELECT count(*) FROM team_meeting_case'), '2');
  assert.equal(one(`SELECT count(*) FROM audit WHERE action='team_meeting' AND entity_id=${rossi}`), '1');
  // after the meeting nothing is new any more
  r = await get(`/team-meeting?social_worker=${id.sw1}&saved=1`, 'sw1');
  assert.match(r.body, /id="tm-saved"/);
  assert.match(r.body, /Last meeting:/);
  assert.doesNotMatch(r.body, /to-discuss/);
  assert.match(r.body, /id="tm-past"/);
});

test('a handover through the UI: choose, preview, confirm', async () => {
  // step 2: the colleagues offered are the active social workers but sw1
  let r = await get(`/handover?from=${id.sw1}&role=social_worker`);
  assert.equal(r.status, 200);
  assert.match(r.body, /Silvia Uno holds 4 active cases as Social worker/);
  assert.match(r.body, new RegExp(`name="to_${id.sw2}"`));
  assert.doesNotMatch(r.body, new RegExp(`name="to_${id.sw1}"`));
  // step 3: the preview spreads 4 cases over sw2 and sw3, writing nothing
  r = await get(`/handover?from=${id.sw1}&role=social_worker&to_${id.sw2}=1&to_${id.sw3}=1&note=Ciao&preview=1`);
  assert.match(r.body, /id="ho-spread"/);
  assert.equal([...r.body.matchAll(/<td>Sara Due<\/td>/g)].length, 2);
  assert.equal([...r.body.matchAll(/<td>Sofia Tre<\/td>/g)].length, 2);
  assert.equal(one(`SELECT count(*) FROM case_file WHERE social_worker_id=${id.sw1}`), '4');
  // confirm, with a note for the first case
  const [first] = id.cases;
  r = await post('/handover', { from: id.sw1, role: 'social_worker', [`to_${id.sw2}`]: '1', [`to_${id.sw3}`]: '1',
    note: 'Ciao', [`note.${first}`]: 'Call the landlord on Monday' });
  assert.equal(r.status, 303, r.body.slice(0, 2000));
  assert.equal(r.headers.get('location'), '/handover?done=4');
  assert.equal(one(`SELECT count(*) FROM case_file WHERE social_worker_id=${id.sw2}`), '2');
  assert.equal(one(`SELECT count(*) FROM case_file WHERE social_worker_id=${id.sw3}`), '2');
  assert.equal(one(`SELECT user_id || ':' || note FROM case_assignment WHERE case_id=${first}
                      AND role='social_worker' AND to_at IS NULL`), `${id.sw2}:Call the landlord on Monday`);
  assert.equal(one(`SELECT count(*) FROM case_assignment WHERE case_id=${first} AND role='social_worker'
                      AND to_at IS NOT NULL AND user_id=${id.sw1}`), '1');
  assert.equal(one(`SELECT note FROM case_assignment WHERE case_id=${id.cases[1]} AND to_at IS NULL
                      AND role='social_worker'`), 'Ciao');
  assert.equal(one("SELECT count(*) FROM audit WHERE action='handover'"), '4');
  // nobody to choose: 422; a social worker may not hand over
  r = await post('/handover', { from: id.sw2, role: 'social_worker' });
  assert.equal(r.status, 422);
  assert.equal((await post('/handover', { from: id.sw2 }, 'sw1')).status, 403);
});

test('a handover through the API: dry run, spread, notes, refusals', async () => {
  const H = (body, token = tok.mgr) => request(srv.base, 'POST', '/api/v1/handovers', { body, token });
  let r = await H({ from_user_id: id.sw2, to_user_ids: [id.sw1, id.sw3], dry_run: true });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.dry_run, true);
  assert.deepEqual(r.json.cases.map((c) => c.to_username), ['sw1', 'sw3']);
  assert.equal(one(`SELECT count(*) FROM case_file WHERE social_worker_id=${id.sw2}`), '2');
  // refusals
  r = await H({ from_user_id: id.sw2, to_user_ids: [id.cm] });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.to_user_ids);
  r = await H({ from_user_id: id.sw2, to_user_ids: [] });
  assert.equal(r.status, 422);
  r = await H({ from_user_id: id.sw2, to_user_ids: [id.sw1], role: 'boss', colour: 'red' });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields.role);
  assert.ok(r.json.error.fields.colour);
  const mine = r.json; void mine;
  r = await H({ from_user_id: id.sw2, to_user_ids: [id.sw1], notes: { 999999: 'x' } });
  assert.equal(r.status, 422);
  assert.ok(r.json.error.fields['notes.999999']);
  assert.equal((await H({ from_user_id: id.sw2, to_user_ids: [id.sw1] }, tok.sw2)).status, 403);
  // the real thing, one note per case
  const [c0] = JSON.parse(JSON.stringify((await H({ from_user_id: id.sw2, to_user_ids: [id.sw1], dry_run: true })).json.cases));
  r = await H({ from_user_id: id.sw2, to_user_ids: [id.sw1], note: 'for all', notes: { [c0.case_id]: 'this one' } });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.cases.length, 2);
  assert.equal(r.json.cases[0].note, 'this one');
  assert.equal(r.json.cases[1].note, 'for all');
  assert.equal(one(`SELECT count(*) FROM case_file WHERE social_worker_id=${id.sw2}`), '0');
  assert.equal(one(`SELECT note FROM case_assignment WHERE case_id=${c0.case_id} AND to_at IS NULL
                      AND role='social_worker'`), 'this one');
  assert.equal(one("SELECT count(*) FROM audit WHERE action='handover'"), '6');
});

test('an inactive account counts as none; handing over its cases fixes the gap', async () => {
  sql(srv.db, `UPDATE app_user SET active=0 WHERE id=${id.cm}`);
  let r = await request(srv.base, 'GET', '/api/v1/caseload/orphans', { token: tok.mgr });
  assert.deepEqual(r.json.items.map((c) => c.case_id).sort(), [id.cases[1], id.cases[2]].sort());
  assert.equal(r.json.items.find((c) => c.case_id === id.cases[1]).case_manager, 'Carla Neri');
  addUser(srv.db, 'cm2', ['case_manager'], { org: 'coop1', name: 'Chiara Due' });
  const cm2 = Number(one("SELECT id FROM app_user WHERE username='cm2'"));
  r = await request(srv.base, 'POST', '/api/v1/handovers', { token: tok.mgr,
    body: { from_user_id: id.cm, to_user_ids: [cm2], role: 'case_manager' } });
  assert.equal(r.status, 200, r.body);
  r = await request(srv.base, 'GET', '/api/v1/caseload/orphans', { token: tok.mgr });
  assert.deepEqual(r.json.items.map((c) => c.case_id), [id.cases[2]]);
});
