// closing_fixture.mjs — the small world the closing tests share
// (closing.test.mjs, round_end.test.mjs, cli_outcomes.test.mjs): a
// cooperative coop1 with its case manager cm, a social worker sw, a round
// R1 that began 60 days ago and ends in 30 days, a next round R2, an open
// funding stream, and agreed paths built through the intake's own API
// routes (shortlist, form, outcome, case manager, second interview,
// project, agreement).  Interventions are started with SQL until the
// delivery API exists: the lifecycle itself is tested by delivery's tests.
import assert from 'node:assert/strict';
import { request, addUser } from './server.mjs';
import { sql } from './access_fixture.mjs';

// Dates relative to today (UTC), so that "not in the future" holds.
export function day(offset) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

const AREAS = ['personal', 'family', 'economic', 'education', 'training', 'communication', 'italian', 'digital',
  'contracts', 'transversal', 'mobility'];

// Builds the world on server srv; returns { tok, id }.
export async function closingWorld(srv) {
  const tok = { mgr: srv.token };
  sql(srv.db, `INSERT INTO organisation(agency_id, code, name, kind)
                 SELECT id, 'coop1', 'Cooperativa Il Ponte', 'cooperative' FROM agency;
               INSERT INTO organisation(agency_id, code, name, kind)
                 SELECT id, 'firm1', 'Officine Arno', 'host_firm' FROM agency;`);
  tok.sw = addUser(srv.db, 'sw', ['social_worker'], { name: 'Silvia Bartoli' });
  tok.cm = addUser(srv.db, 'cm', ['case_manager'], { org: 'coop1', name: 'Carla Neri' });
  tok.cm2 = addUser(srv.db, 'cm2', ['case_manager'], { org: 'coop1', name: 'Dario Sodi' });
  const id = {
    cm: Number(sql(srv.db, "SELECT id FROM app_user WHERE username='cm'").trim()),
    coop: Number(sql(srv.db, "SELECT id FROM organisation WHERE code='coop1'").trim()),
    firm: Number(sql(srv.db, "SELECT id FROM organisation WHERE code='firm1'").trim()),
  };
  const ok = async (method, path, body, token = srv.token) => {
    const r = await request(srv.base, method, path, { body, token });
    assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.body}`);
    return r.json;
  };
  id.round = (await ok('POST', '/api/v1/rounds', { code: 'R1', name: 'Prima edizione', start_date: day(-60),
    end_date: day(30) })).id;
  id.next = (await ok('POST', '/api/v1/rounds', { code: 'R2', name: 'Seconda edizione', start_date: day(31),
    end_date: day(300) })).id;
  await ok('POST', '/api/v1/funding-streams', { code: 'fondo', name: 'Fondo', allocation_cents: 100000000 });
  return { tok, id, ok };
}

// One agreed path for a new family named `last`: the mother (objective,
// internship planned past the round's end and started, HACCP planned) and
// her son (objective, home education started).  Returns the ids.
export async function agreedPath(srv, w, last) {
  const { tok, id, ok } = w;
  const p = { household_ref: `H-${last}`, last_name: last[0] + last.slice(1).toLowerCase(), municipality: 'Pisa', birth_country: 'IT' };
  const mother = (await ok('POST', '/api/v1/people', { ...p, person_ref: `P-${last}-M`, first_name: 'Anna',
    gender: 'F', birth_date: '1982-04-02' })).id;
  const son = (await ok('POST', '/api/v1/people', { ...p, person_ref: `P-${last}-S`, first_name: 'Luca',
    relationship: 'child', birth_date: '2014-05-20' })).id;
  const c = (await ok('POST', `/api/v1/rounds/${id.round}/candidates`, { person_id: mother, funding_stream: 'fondo',
    social_worker: 'sw', shortlisted_on: day(-50) }, tok.sw)).id;
  await ok('PUT', `/api/v1/cases/${c}/access-form`, { interview_on: day(-45), vulnerabilities: ['unemployment'],
    scores: Object.fromEntries(AREAS.map((a) => [a, { score: 2 }])), decision: 'suitable' }, tok.sw);
  await ok('POST', `/api/v1/cases/${c}/first-interview-outcome`, { outcome: 'continue', on: day(-45) }, tok.sw);
  await ok('PUT', `/api/v1/cases/${c}/case-manager`, { organisation_id: id.coop, case_manager_id: id.cm });
  await ok('POST', `/api/v1/cases/${c}/second-interviews`, { held_on: day(-40) }, tok.cm);
  const proj = `/api/v1/cases/${c}/project`;
  await ok('POST', proj, undefined, tok.cm);
  const objMother = (await ok('POST', `${proj}/objectives`, { person_id: mother, text: 'Un lavoro nella ristorazione' }, tok.cm)).id;
  const objSon = (await ok('POST', `${proj}/objectives`, { person_id: son, text: 'Frequenza scolastica regolare' }, tok.cm)).id;
  const internship = (await ok('POST', `${proj}/interventions`, { service: 'internship', person_id: mother,
    planned_start: day(-30), planned_end: day(90), planned_hours: 320 }, tok.cm)).id;
  const haccp = (await ok('POST', `${proj}/interventions`, { service: 'haccp', person_id: mother,
    planned_start: day(10), planned_end: day(20) }, tok.cm)).id;
  const homeEd = (await ok('POST', `${proj}/interventions`, { service: 'home_education', person_id: son,
    planned_start: day(-30), planned_end: day(25), planned_sessions: 20 }, tok.cm)).id;
  await ok('POST', `${proj}/agreement`, { agreed_on: day(-35) }, tok.cm);
  for (const iv of [internship, homeEd]) {
    sql(srv.db, `UPDATE intervention SET status='active', started_on='${day(-30)}' WHERE id=${iv}`);
  }
  return { c, mother, son, objMother, objSon, internship, haccp, homeEd };
}
