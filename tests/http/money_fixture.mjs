// money_fixture.mjs — the small world of the money tests (money.test.mjs,
// tests/e2e/money.test.mjs): two cooperatives, coop1 ("Cooperativa Il
// Ponte", case managers cm and cm1b) and coop2 ("Cooperativa Arnera",
// case manager cm2), a social worker sw, a round that began 400 days
// ago, a funding stream "fondo" with a small allocation (so that what is
// committed goes beyond it), and one agreed path per cooperative built
// through the intake's own API routes: the mother's internship and HACCP
// course and her son's home education, each with an estimated cost, the
// project agreed 300 days ago.  Quarters are relative to today, so the
// statement of two quarters ago is always over and after the agreement.
import assert from 'node:assert/strict';
import { request, addUser } from './server.mjs';
import { sql } from './access_fixture.mjs';

// Dates relative to today (UTC).
export function day(offset) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

// Quarters as { y, q }: of a date, n quarters away, as text, their days.
export function quarterOf(date) {
  return { y: Number(date.slice(0, 4)), q: Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1 };
}
export function addQuarters({ y, q }, n) {
  const i = y * 4 + (q - 1) + n;
  return { y: Math.floor(i / 4), q: (i % 4) + 1 };
}
export const qText = ({ y, q }) => `${y}-Q${q}`;
export function qFirst({ y, q }) { return `${y}-${String(3 * q - 2).padStart(2, '0')}-01`; }
export function qLast({ y, q }) { return `${y}-${String(3 * q).padStart(2, '0')}-${q === 1 || q === 4 ? 31 : 30}`; }
export function qMid({ y, q }) { return `${y}-${String(3 * q - 1).padStart(2, '0')}-15`; }

const AREAS = ['personal', 'family', 'economic', 'education', 'training', 'communication', 'italian', 'digital',
  'contracts', 'transversal', 'mobility'];

// The estimated costs of the interventions of each path, in cents.
export const COSTS = { internship: 250000, haccp: 40000, home_education: 180000 };
export const ALLOCATION = 800000; // two paths commit 2 x 470,000: beyond it

// Builds the world on server srv; returns { tok, id, ok }.
export async function moneyWorld(srv) {
  const tok = { mgr: srv.token };
  sql(srv.db, `INSERT INTO organisation(agency_id, code, name, kind)
                 SELECT id, 'coop1', 'Cooperativa Il Ponte', 'cooperative' FROM agency;
               INSERT INTO organisation(agency_id, code, name, kind)
                 SELECT id, 'coop2', 'Cooperativa Arnera', 'cooperative' FROM agency;`);
  tok.sw = addUser(srv.db, 'sw', ['social_worker'], { name: 'Silvia Bartoli' });
  tok.cm = addUser(srv.db, 'cm', ['case_manager'], { org: 'coop1', name: 'Carla Neri' });
  tok.cm2 = addUser(srv.db, 'cm2', ['case_manager'], { org: 'coop2', name: 'Dario Sodi' });
  const idOf = (q) => Number(sql(srv.db, q).trim());
  const id = {
    cm: idOf("SELECT id FROM app_user WHERE username='cm'"),
    cm2: idOf("SELECT id FROM app_user WHERE username='cm2'"),
    coop1: idOf("SELECT id FROM organisation WHERE code='coop1'"),
    coop2: idOf("SELECT id FROM organisation WHERE code='coop2'"),
  };
  const ok = async (method, path, body, token = srv.token) => {
    const r = await request(srv.base, method, path, { body, token });
    assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.body}`);
    return r.json;
  };
  id.round = (await ok('POST', '/api/v1/rounds', { code: 'R1', name: 'Prima edizione', start_date: day(-400),
    end_date: day(200) })).id;
  id.stream = (await ok('POST', '/api/v1/funding-streams', { code: 'fondo', name: 'Fondo povertà',
    allocation_cents: ALLOCATION })).id;
  id.path1 = await agreedPath(srv, { tok, id, ok }, 'ROSSI', id.coop1, id.cm, tok.cm);
  id.path2 = await agreedPath(srv, { tok, id, ok }, 'BIANCHI', id.coop2, id.cm2, tok.cm2);
  return { tok, id, ok };
}

// One agreed path for a new family named `last`, followed by cooperative
// coop (case manager cmId, token cmTok).  Returns the ids.
async function agreedPath(srv, w, last, coop, cmId, cmTok) {
  const { tok, id, ok } = w;
  const p = { household_ref: `H-${last}`, last_name: last[0] + last.slice(1).toLowerCase(), municipality: 'Pisa',
    birth_country: 'IT' };
  const mother = (await ok('POST', '/api/v1/people', { ...p, person_ref: `P-${last}-M`, first_name: 'Anna',
    gender: 'F', birth_date: '1982-04-02' })).id;
  const son = (await ok('POST', '/api/v1/people', { ...p, person_ref: `P-${last}-S`, first_name: 'Luca',
    relationship: 'child', birth_date: '2014-05-20' })).id;
  const c = (await ok('POST', `/api/v1/rounds/${id.round}/candidates`, { person_id: mother, funding_stream: 'fondo',
    social_worker: 'sw', shortlisted_on: day(-330) }, tok.sw)).id;
  await ok('PUT', `/api/v1/cases/${c}/access-form`, { interview_on: day(-320), vulnerabilities: ['unemployment'],
    scores: Object.fromEntries(AREAS.map((a) => [a, { score: 2 }])), decision: 'suitable' }, tok.sw);
  await ok('POST', `/api/v1/cases/${c}/first-interview-outcome`, { outcome: 'continue', on: day(-320) }, tok.sw);
  await ok('PUT', `/api/v1/cases/${c}/case-manager`, { organisation_id: coop, case_manager_id: cmId });
  await ok('POST', `/api/v1/cases/${c}/second-interviews`, { held_on: day(-310) }, cmTok);
  const proj = `/api/v1/cases/${c}/project`;
  await ok('POST', proj, undefined, cmTok);
  await ok('POST', `${proj}/objectives`, { person_id: mother, text: 'Un lavoro nella ristorazione' }, cmTok);
  const iv = {};
  for (const [service, person] of [['internship', mother], ['haccp', mother], ['home_education', son]]) {
    iv[service] = (await ok('POST', `${proj}/interventions`, { service, person_id: person, organisation_id: coop,
      planned_start: day(-290), planned_end: day(100), estimated_cost_cents: COSTS[service] }, cmTok)).id;
  }
  await ok('POST', `${proj}/agreement`, { agreed_on: day(-300) }, cmTok);
  return { c, mother, son, ...iv };
}
