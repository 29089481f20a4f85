// reports_fixture.mjs — the small programme the report tests share
// (reports.test.mjs, cli_reports.test.mjs, tests/e2e/reports.test.mjs):
// two past rounds (R1 offering the whole catalogue, R2 five services),
// seven participations taken through the intake's own API routes up to
// the agreed project (which writes each profile at entry), a candidate
// who withdrew, and interventions started, cancelled and interrupted
// through the delivery API.  PEOPLE says who they are; expectedProfile()
// and expectedServices() compute what the reports must say from PEOPLE
// alone, with DOMAIN.md's definitions restated in a few lines of JS.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, addUser } from './server.mjs';
import { sql } from './access_fixture.mjs';

// Dates relative to today (UTC), so that "not in the future" holds.
export function day(offset) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

export const R2_SERVICES = ['internship', 'haccp', 'safety', 'it_training', 'home_care'];

// When each round's steps happen (days from today).
const STEPS = { R1: { short: -490, form: -485, second: -480, agreed: -470, start: -460, end: -455 },
  R2: { short: -240, form: -235, second: -230, agreed: -220, start: -210, end: -205 } };

// The participations.  members: the others of the household (relationship
// to the participant, who is its reference person; birth date or null).
// services: [code, what happens]: 'start', 'complete', 'interrupt' (after
// starting), 'cancel' (before starting), 'plan' (nothing).
export const PEOPLE = [
  { last: 'ROSSI', round: 'R1', gender: 'F', birth: '1982-04-02', country: 'IT',
    members: [['child', '2014-05-20']], services: [['internship', 'complete'], ['haccp', 'plan']] },
  { last: 'BIANCHI', round: 'R1', gender: 'M', birth: '1960-01-10', country: 'MA',
    members: [['partner', '1962-03-03'], ['child', '1990-07-07']],
    services: [['haccp', 'start'], ['safety', 'complete']] },
  { last: 'VERDI', round: 'R1', gender: null, birth: null, country: null, members: [],
    services: [['safety', 'cancel']] },
  { last: 'NERI', round: 'R1', gender: 'F', birth: '2001-05-05', country: 'RO',
    members: [['partner', '1999-01-01'], ['child', '2020-02-02']], services: [['psych_support', 'interrupt']] },
  { last: 'GIALLI', round: 'R2', gender: 'F', birth: '1975-09-09', country: 'IT',
    members: [['child', '2008-01-01'], ['child', '2010-01-01'], ['child', '2012-01-01'], ['child', '2015-01-01'],
      ['child', '2000-01-01']],
    services: [['it_training', 'complete'], ['forklift', 'start']] }, // R2 does not offer forklift
  { last: 'ROSSI', round: 'R2', again: true, services: [['haccp', 'complete']] }, // Anna Rossi again
  { last: 'MORI', round: 'R2', gender: 'M', birth: '1990-12-31', country: 'AL', members: [['parent', '1960-01-01']],
    services: [['safety', 'start'], ['internship', 'plan']] },
];

// The person of participation p (the "again" one is the first ROSSI).
function personOf(p) {
  return p.again ? PEOPLE.find((q) => q.last === p.last && !q.again) : p;
}

// Whole years from birth to date (both YYYY-MM-DD), on the digits.
export function years(birth, on) {
  let n = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5) < birth.slice(5)) n--;
  return n;
}

// The categories of participation p, dimension by dimension (DOMAIN.md).
export function categories(p) {
  const who = personOf(p);
  const entry = day(STEPS[p.round].agreed);
  const age = who.birth ? years(who.birth, entry) : null;
  const size = 1 + who.members.filter(([, b]) => !b || b <= entry).length;
  let single = 'missing';
  if (who.gender) {
    const hasPartner = who.members.some(([rel]) => rel === 'partner');
    const hasMinor = who.members.some(([rel, b]) => rel === 'child' && b && years(b, entry) < 18);
    single = who.gender === 'F' && !hasPartner && hasMinor ? 'yes' : 'no';
  }
  return {
    gender: who.gender || 'missing',
    origin: !who.country ? 'missing' : who.country === 'IT' ? 'italy' : 'other',
    age_band: age === null ? 'missing' : age <= 24 ? 'le24' : age <= 34 ? '25-34' : age <= 44 ? '35-44'
      : age <= 54 ? '45-54' : '55plus',
    household_size: size >= 6 ? '6plus' : String(size),
    single_mother: single,
    age,
    country: who.country,
  };
}

export const DIMENSIONS = {
  gender: ['F', 'M'],
  origin: ['italy', 'other'],
  age_band: ['le24', '25-34', '35-44', '45-54', '55plus'],
  household_size: ['1', '2', '3', '4', '5', '6plus'],
  single_mother: ['yes', 'no'],
};

// { 'gender,F,R1': { count, percent } ... } for rounds R1, R2 and total;
// percent of the known values with one decimal (a string as CSV writes
// it), '' for missing or when nothing is known.
export function expectedProfile() {
  const out = {};
  for (const round of ['R1', 'R2', 'total']) {
    const ps = PEOPLE.filter((p) => round === 'total' || p.round === round).map(categories);
    for (const [dim, cats] of Object.entries(DIMENSIONS)) {
      const known = ps.filter((c) => c[dim] !== 'missing').length;
      for (const cat of [...cats, 'missing']) {
        const n = ps.filter((c) => c[dim] === cat).length;
        const percent = cat === 'missing' || known === 0 ? '' : (Math.round((1000 * n) / known) / 10).toFixed(1);
        out[`${dim},${cat},${round}`] = { count: n, percent };
      }
    }
  }
  return out;
}

// { 'haccp,R1': { status, projects } ... }: projects that include a
// started intervention of the service, per round offering it.
export function expectedServices(catalogue) {
  const offers = (round, s) => round === 'R1' || R2_SERVICES.includes(s);
  const out = {};
  for (const s of catalogue) {
    let total = 0;
    for (const round of ['R1', 'R2']) {
      const n = PEOPLE.filter((p) => p.round === round && p.services.some(([c, what]) => c === s
        && !['plan', 'cancel'].includes(what))).length;
      out[`${s},${round}`] = offers(round, s) ? { status: 'active', projects: String(n) }
        : { status: 'not_active', projects: '' };
      if (offers(round, s)) total += n;
    }
    const any = offers('R1', s) || offers('R2', s);
    out[`${s},total`] = any ? { status: 'active', projects: String(total) } : { status: 'not_active', projects: '' };
  }
  return out;
}

const AREAS = ['personal', 'family', 'economic', 'education', 'training', 'communication', 'italian', 'digital',
  'contracts', 'transversal', 'mobility'];

// One participation through the API up to the agreed project.
async function participate(srv, w, p, i) {
  const { tok, id, ok } = w;
  const st = STEPS[p.round];
  let person = w.people[p.last];
  if (!p.again) {
    const base = { household_ref: `H-${p.last}`, last_name: p.last[0] + p.last.slice(1).toLowerCase(),
      municipality: 'Pisa' };
    const body = { ...base, person_ref: `P-${p.last}`, first_name: 'Anna' };
    if (p.gender) body.gender = p.gender;
    if (p.birth) body.birth_date = p.birth;
    if (p.country) body.birth_country = p.country;
    person = (await ok('POST', '/api/v1/people', body)).id;
    w.people[p.last] = person;
    for (const [k, [rel, birth]] of p.members.entries()) {
      await ok('POST', '/api/v1/people', { ...base, person_ref: `P-${p.last}-${k}`, first_name: `M${k}`,
        relationship: rel, ...(birth ? { birth_date: birth } : {}) });
    }
  }
  const c = (await ok('POST', `/api/v1/rounds/${id[p.round]}/candidates`, { person_id: person, funding_stream: 'fondo',
    social_worker: 'sw', shortlisted_on: day(st.short) }, tok.sw)).id;
  await ok('PUT', `/api/v1/cases/${c}/access-form`, { interview_on: day(st.form), vulnerabilities: ['unemployment'],
    scores: Object.fromEntries(AREAS.map((a) => [a, { score: 2 }])), decision: 'suitable' }, tok.sw);
  await ok('POST', `/api/v1/cases/${c}/first-interview-outcome`, { outcome: 'continue', on: day(st.form) }, tok.sw);
  await ok('PUT', `/api/v1/cases/${c}/case-manager`, { organisation_id: id.coop, case_manager_id: id.cm });
  await ok('POST', `/api/v1/cases/${c}/second-interviews`, { held_on: day(st.second) }, tok.cm);
  const proj = `/api/v1/cases/${c}/project`;
  await ok('POST', proj, undefined, tok.cm);
  await ok('POST', `${proj}/objectives`, { person_id: person, text: `Obiettivo ${i}` }, tok.cm);
  const ivs = [];
  for (const [service] of p.services) {
    ivs.push((await ok('POST', `${proj}/interventions`, { service, person_id: person, planned_hours: 10 }, tok.cm)).id);
  }
  await ok('POST', `${proj}/agreement`, { agreed_on: day(st.agreed) }, tok.cm);
  for (const [k, [, what]] of p.services.entries()) {
    const go = (action, on) => ok('POST', `/api/v1/interventions/${ivs[k]}/transitions`,
      { action, on, ...(['interrupt', 'cancel'].includes(action) ? { reason: 'motivo organizzativo del servizio' } : {}) }, tok.cm);
    if (what === 'cancel') await go('cancel', day(st.start));
    if (['start', 'complete', 'interrupt'].includes(what)) await go('start', day(st.start));
    if (what === 'complete') await go('complete', day(st.end));
    if (what === 'interrupt') await go('interrupt', day(st.end));
  }
  return c;
}

// Builds the programme on server srv; returns { tok, id, cases }.
export async function reportsWorld(srv) {
  const tok = { mgr: srv.token };
  sql(srv.db, `INSERT INTO organisation(agency_id, code, name, kind)
                 SELECT id, 'coop1', 'Cooperativa Il Ponte', 'cooperative' FROM agency;`);
  tok.sw = addUser(srv.db, 'sw', ['social_worker'], { name: 'Silvia Bartoli' });
  tok.cm = addUser(srv.db, 'cm', ['case_manager'], { org: 'coop1', name: 'Carla Neri' });
  tok.ev = addUser(srv.db, 'ev', ['evaluator'], { name: 'Elena Valutatrice' });
  tok.op = addUser(srv.db, 'op', ['operator'], { org: 'coop1', name: 'Oscar Operatore' });
  const id = {
    cm: Number(sql(srv.db, "SELECT id FROM app_user WHERE username='cm'").trim()),
    coop: Number(sql(srv.db, "SELECT id FROM organisation WHERE code='coop1'").trim()),
  };
  const ok = async (method, path, body, token = srv.token) => {
    const r = await request(srv.base, method, path, { body, token });
    assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.body}`);
    return r.json;
  };
  // The synchronous `ali user add` runs above block the event loop: let
  // it see the server close the idle connection of startServer's health
  // checks (its 30 s timeout) before a request would reuse it.
  await new Promise((resolve) => setTimeout(resolve, 100));
  id.R1 = (await ok('POST', '/api/v1/rounds', { code: 'R1', name: 'Prima edizione', start_date: day(-500),
    end_date: day(-250) })).id;
  id.R2 = (await ok('POST', '/api/v1/rounds', { code: 'R2', name: 'Seconda edizione', start_date: day(-249),
    end_date: day(60), services: R2_SERVICES })).id;
  await ok('POST', '/api/v1/funding-streams', { code: 'fondo', name: 'Fondo', allocation_cents: 100000000 });
  const w = { tok, id, ok, people: {} };
  w.cases = [];
  for (const [i, p] of PEOPLE.entries()) w.cases.push(await participate(srv, w, p, i));
  // a candidate who withdrew: not a participant
  const x = (await ok('POST', '/api/v1/people', { household_ref: 'H-X', last_name: 'Ritirata', first_name: 'Xena',
    person_ref: 'P-X', gender: 'F', birth_date: '1980-01-01', birth_country: 'IT' })).id;
  const c = (await ok('POST', `/api/v1/rounds/${id.R2}/candidates`, { person_id: x, funding_stream: 'fondo',
    social_worker: 'sw', shortlisted_on: day(-240) }, tok.sw)).id;
  await ok('POST', `/api/v1/cases/${c}/withdrawal`, { reason: 'found_job', on: day(-238) }, tok.sw);
  return w;
}

// The catalogue's service codes, in its order.
export async function catalogue(srv) {
  const r = await request(srv.base, 'GET', '/api/v1/services?limit=500');
  return r.json.items.map((s) => s.code);
}

// CSV text -> array of objects by the header (no quoted commas in ours).
export function csvRows(text) {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

// The cells of sheet n of an XLSX (a Buffer): { A1: 'text' | number }.
export function xlsxCells(buf, n) {
  const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-xlsx-'));
  const file = join(dir, 'r.xlsx');
  writeFileSync(file, buf);
  const unzip = (p) => execFileSync('unzip', ['-p', file, p], { encoding: 'utf8' });
  const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const shared = [...unzip('xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)]
    .map(([, si]) => unxml([...si.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map(([, t]) => t).join('')));
  const cells = {};
  for (const [, ref, attrs, inner] of unzip(`xl/worksheets/sheet${n}.xml`)
    .matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
    const v = inner?.match(/<v>(.*?)<\/v>/)?.[1];
    if (v !== undefined) cells[ref] = /t="s"/.test(attrs) ? shared[Number(v)] : Number(v);
  }
  return cells;
}

// The number of sheets of an XLSX (a Buffer).
export function xlsxSheets(buf) {
  const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-xlsx-'));
  const file = join(dir, 'r.xlsx');
  writeFileSync(file, buf);
  return (execFileSync('unzip', ['-l', file], { encoding: 'utf8' }).match(/xl\/worksheets\/sheet\d+\.xml/g) || []).length;
}
