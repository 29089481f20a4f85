// access_fixture.mjs — a small world for the need-to-know tests (the
// access matrix, the audit of special-category reads, the browser test):
// agency "sds" with two cooperatives and one account per role, a second
// agency "other" on the same database, and four people, one per kind of
// case a user can meet:
//
//   own        Zanobini Mirella (household H-OWN, with her son Tommaso):
//              held by sw1, with psy1, followed by cm_a of coop_a; the
//              operator op_a serves Mirella
//   colleague  Quercioli Ottavio (H-COL): held by sw2, followed by cm_a2,
//              a colleague of cm_a in coop_a
//   coop       Bertelloni Ines (H-COOP): held by sw2, followed by cm_b of
//              coop_b, another cooperative
//   agency     Fantozzi Ugo (H-X) of the other agency
//
// What has a CLI or an API is built through it: accounts with `ali user
// add` (addUser), the second agency with `ali init --agency-code other`,
// people through POST /api/v1/people, special-category notes through PUT
// /api/v1/people/{id}/sensitive.  Organisations and cases have neither
// yet, so they are inserted with SQL through sqlite3 or psql.
//
// Each of the four is also a candidacy of a round (addWorldCases below):
// world.cases, world.rounds, world.projects, world.objectives and
// world.interventions map own/colleague/coop/agency to ids.
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { ali, addUser, request, BACKEND } from './server.mjs';

// Runs SQL on the test database with the backend's own client.
export function sql(db, text) {
  if (BACKEND === 'postgresql') {
    return execFileSync('psql', [db, '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', text], { encoding: 'utf8' });
  }
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, text], { encoding: 'utf8' });
}

// The check character of the first 15 characters of a codice fiscale.
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
export function cf(first15) {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i];
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? ODD[v] : v;
  }
  return first15 + String.fromCharCode(65 + (sum % 26));
}

export const PEOPLE = {
  own: { person_ref: 'AX-OWN', household_ref: 'H-OWN', first_name: 'Mirella', last_name: 'Zanobini',
    codice_fiscale: cf('ZNBMLL80A41G702'), gender: 'F', birth_date: '1980-01-01', birth_country: 'IT',
    citizenship: 'IT', municipality: 'Cascina', minimum_income: true },
  ownChild: { person_ref: 'AX-OWN-2', household_ref: 'H-OWN', relationship: 'child', first_name: 'Tommaso',
    last_name: 'Zanobini', codice_fiscale: cf('ZNBTMS15C10G702'), gender: 'M', birth_date: '2015-03-10',
    birth_country: 'IT', citizenship: 'IT', municipality: 'Cascina' },
  colleague: { person_ref: 'AX-COL', household_ref: 'H-COL', first_name: 'Ottavio', last_name: 'Quercioli',
    codice_fiscale: cf('QRCTTV75D12G702'), gender: 'M', birth_date: '1975-04-12', birth_country: 'IT',
    citizenship: 'IT', municipality: 'Pisa', minimum_income: false },
  coop: { person_ref: 'AX-COOP', household_ref: 'H-COOP', first_name: 'Ines', last_name: 'Bertelloni',
    codice_fiscale: cf('BRTNSI88E55G702'), gender: 'F', birth_date: '1988-05-15', birth_country: 'AL',
    citizenship: 'AL', municipality: 'Vecchiano', minimum_income: true },
  agency: { person_ref: 'AX-AG', household_ref: 'H-X', first_name: 'Ugo', last_name: 'Fantozzi',
    codice_fiscale: cf('FNTGUO70H20G702'), gender: 'M', birth_date: '1970-06-20', birth_country: 'IT',
    citizenship: 'IT', municipality: 'Livorno', minimum_income: false },
};

// Special-category notes of the own and the coop target: no denied
// answer may ever contain them.
export const NOTES = {
  own: { health: 'Ipertensione seguita dal medico curante', psych_notes: 'Colloqui quindicinali sul lutto',
    court_notes: 'Separazione giudiziale in corso', addiction: 'Pregresso uso di alcol, astinente' },
  coop: { health: 'Lombalgia cronica documentata', court_notes: 'Affidamento condiviso dei figli' },
};

// The account of each role that the matrix acts as, and the others.
export const ROLE_USER = {
  admin: 'adm', manager: 'mgr', social_worker: 'sw1', psychotherapist: 'psy1',
  case_manager: 'cm_a', operator: 'op_a', evaluator: 'ev', auditor: 'au',
};
const ACCOUNTS = [
  ['adm', ['admin']], ['mgr', ['manager']], ['sw1', ['social_worker']], ['sw2', ['social_worker']],
  ['psy1', ['psychotherapist']], ['cm_a', ['case_manager'], 'coop_a'], ['cm_a2', ['case_manager'], 'coop_a'],
  ['cm_b', ['case_manager'], 'coop_b'], ['op_a', ['operator'], 'coop_a'], ['ev', ['evaluator']],
  ['au', ['auditor']],
];

// Every word of a target's personal data that a refusal must not show.
export function secretsOf(key) {
  const p = PEOPLE[key];
  return [p.first_name, p.last_name, p.codice_fiscale, ...Object.values(NOTES[key] || {})];
}

async function createPerson(base, token, person) {
  const r = await request(base, 'POST', '/api/v1/people', { body: person, token });
  assert.equal(r.status, 201, r.body);
  return r.json;
}

// Builds the world on a server started by startServer() (whose "tester"
// is a manager and admin of "sds").  `accounts` limits the accounts made
// (each costs a password hash); the other agency's manager mgr_x is
// always made.  Returns { tokens, ids, households }.
export async function buildAccessWorld(srv, { accounts } = {}) {
  const { db, base } = srv;
  let r = ali(['init', '--db', db, '--agency-code', 'other', '--agency-name', 'Altra agenzia']);
  assert.equal(r.status, 0, r.stderr);
  sql(db, `INSERT INTO organisation(agency_id, code, name, kind)
           SELECT id, 'coop_a', 'Cooperativa A', 'cooperative' FROM agency WHERE code='sds';
           INSERT INTO organisation(agency_id, code, name, kind)
           SELECT id, 'coop_b', 'Cooperativa B', 'cooperative' FROM agency WHERE code='sds';`);
  const tokens = { tester: srv.token };
  for (const [name, roles, org] of ACCOUNTS) {
    if (!accounts || accounts.includes(name)) tokens[name] = addUser(db, name, roles, { org });
  }
  tokens.mgr_x = addUser(db, 'mgr_x', ['manager'], { agency: 'other' });
  for (const [name, token] of Object.entries(tokens)) assert.match(token, /^[0-9a-f]{64}$/, `a token for ${name}`);
  const ids = {};
  for (const key of ['own', 'ownChild', 'colleague', 'coop']) {
    ids[key] = (await createPerson(base, srv.token, PEOPLE[key])).id;
  }
  ids.agency = (await createPerson(base, tokens.mgr_x, PEOPLE.agency)).id;
  const households = {};
  for (const key of Object.keys(ids)) {
    households[key] = (await request(base, 'GET', `/api/v1/people/${ids[key]}`, { token: key === 'agency' ? tokens.mgr_x : srv.token })).json.household_id;
  }
  const user = (n) => `(SELECT id FROM app_user WHERE username='${n}')`;
  const org = (c) => `(SELECT id FROM organisation WHERE code='${c}')`;
  const kase = (person, sw, psy, o, cm) => `INSERT INTO case_file(agency_id, person_id, social_worker_id,
      psychotherapist_id, organisation_id, case_manager_id, opened_at)
      SELECT agency_id, id, ${sw}, ${psy}, ${o}, ${cm}, '2024-01-15' FROM person WHERE id=${person};`;
  sql(db, [
    kase(ids.own, user('sw1'), user('psy1'), org('coop_a'), user('cm_a')),
    kase(ids.colleague, user('sw2'), 'NULL', org('coop_a'), user('cm_a2')),
    kase(ids.coop, user('sw2'), 'NULL', org('coop_b'), user('cm_b')),
    `INSERT INTO case_operator(case_id, user_id, person_id)
       SELECT c.id, u.id, c.person_id FROM case_file c JOIN app_user u ON u.username='op_a'
       WHERE c.person_id=${ids.own};`,
  ].join('\n'));
  for (const key of ['own', 'coop']) {
    r = await request(base, 'PUT', `/api/v1/people/${ids[key]}/sensitive`, { body: NOTES[key], token: srv.token });
    assert.equal(r.status, 200, r.body);
  }
  return { tokens, ids, households, ...addWorldCases(db, ids) };
}

// ---- the world's cases as candidacies (issue 4) ----
//
// addWorldCases() turns the four cases above into candidacies of a round,
// each at stage second_interview with what that stage implies: a round
// "RW" (2024-01-01 .. 2025-12-31, no cap) and a funding stream "fsw" (no
// rule) in each agency, shortlisted on 2024-01-15, an Access and
// Evaluation Form (interview 2024-01-20, screening and decision
// "suitable", outcome "continue"), a second interview on 2024-02-05 held
// by the case manager, and a draft project (no version yet) with one
// objective and one intervention (the agency's first catalogue service)
// for the participant.  The "agency" target gets its case in the other
// agency, with no social worker and no cooperative.  Inserted with SQL,
// like the cases themselves, so that the fixture does not depend on the
// routes it tests.  Returns { cases, rounds, projects, objectives,
// interventions }, each { own, colleague, coop, agency } -> id (rounds:
// the round of that target's case).
export function addWorldCases(db, ids) {
  const stream = `INSERT INTO round(agency_id, code, name, start_date, end_date)
      SELECT id, 'RW', 'Edizione del mondo di prova', '2024-01-01', '2025-12-31' FROM agency;
    INSERT INTO funding_stream(agency_id, code, name, allocation_cents)
      SELECT id, 'fsw', 'Fondo del mondo di prova', 5000000 FROM agency;
    INSERT INTO case_file(agency_id, person_id, opened_at)
      SELECT agency_id, id, '2024-01-15' FROM person WHERE id=${ids.agency};`;
  const each = (person) => `
    UPDATE case_file SET
      round_id=(SELECT r.id FROM round r WHERE r.agency_id=case_file.agency_id AND r.code='RW'),
      funding_stream_id=(SELECT f.id FROM funding_stream f WHERE f.agency_id=case_file.agency_id AND f.code='fsw'),
      stage='second_interview', shortlisted_on='2024-01-15', first_interview_on='2024-01-20',
      second_interview_on='2024-02-05'
      WHERE person_id=${person};
    INSERT INTO access_form(case_id, agency_id, interview_on, social_worker_id, psychotherapist_id,
        privacy_notice, privacy_signed_on, screening, decision, outcome, outcome_on, created_at, updated_at)
      SELECT id, agency_id, '2024-01-20', social_worker_id, psychotherapist_id, 1, '2024-01-20',
        'suitable', 'suitable', 'continue', '2024-01-20', '2024-01-20T10:00:00Z', '2024-01-20T10:00:00Z'
      FROM case_file WHERE person_id=${person};
    INSERT INTO second_interview(agency_id, case_id, held_on, case_manager_id, notes, created_at)
      SELECT agency_id, id, '2024-02-05', case_manager_id, 'Primo colloquio di progetto', '2024-02-05T10:00:00Z'
      FROM case_file WHERE person_id=${person};
    INSERT INTO project(agency_id, case_id, state, version, commitments, created_at, updated_at)
      SELECT agency_id, id, 'draft', 0, 'Partecipare agli incontri concordati',
        '2024-02-05T10:00:00Z', '2024-02-05T10:00:00Z' FROM case_file WHERE person_id=${person};
    INSERT INTO project_objective(project_id, person_id, text, indicator, target_on)
      SELECT p.id, c.person_id, 'Trovare un lavoro stabile', 'Un contratto di almeno sei mesi', '2025-06-30'
      FROM project p JOIN case_file c ON c.id=p.case_id WHERE c.person_id=${person};
    INSERT INTO intervention(agency_id, project_id, service_id, person_id, organisation_id, planned_start,
        planned_end, planned_hours, estimated_cost_cents, funding_stream_id, status, created_at, updated_at)
      SELECT c.agency_id, p.id, (SELECT min(s.id) FROM service s WHERE s.agency_id=c.agency_id), c.person_id,
        c.organisation_id, '2024-03-01', '2024-08-31', 120, 150000, c.funding_stream_id, 'planned',
        '2024-02-05T10:00:00Z', '2024-02-05T10:00:00Z'
      FROM project p JOIN case_file c ON c.id=p.case_id WHERE c.person_id=${person};`;
  const targets = ['own', 'colleague', 'coop', 'agency'];
  sql(db, [stream, ...targets.map((t) => each(ids[t]))].join('\n'));
  const idOf = (query) => Number(sql(db, query).trim());
  const out = { cases: {}, rounds: {}, projects: {}, objectives: {}, interventions: {} };
  for (const t of targets) {
    out.cases[t] = idOf(`SELECT id FROM case_file WHERE person_id=${ids[t]}`);
    out.rounds[t] = idOf(`SELECT round_id FROM case_file WHERE id=${out.cases[t]}`);
    out.projects[t] = idOf(`SELECT id FROM project WHERE case_id=${out.cases[t]}`);
    out.objectives[t] = idOf(`SELECT id FROM project_objective WHERE project_id=${out.projects[t]}`);
    out.interventions[t] = idOf(`SELECT id FROM intervention WHERE project_id=${out.projects[t]}`);
    assert.ok(out.cases[t] > 0 && out.interventions[t] > 0, `the ${t} case and its project`);
  }
  return out;
}
