// esf_fixture.mjs — a small generated programme for the ESF+ report and
// the microdata export (esf.test.mjs, microdata.test.mjs): two past
// rounds, an ESF-co-financed stream "fse" and a national one "fondo",
// about fifty participations with every field the indicators read
// varied by a seeded generator (gender, birth date, citizenship,
// municipality, labour status and months, ISCED, the housing
// vulnerability, the ESF+ entry questions, the path's end, the situation
// after leaving, hirings and course certificates, interventions with
// sessions, internship days and course lessons), plus the cases that
// must not count (a candidate who never agreed a project, a national
// path with an ESF intervention that never started).  Everything is
// inserted with SQL: what is tested is the reading.
//
// The expected numbers are computed here, from the generated records, by
// the rules of the regulation as docs/esf.md states them -- never by
// asking ali.
import { execFileSync } from 'node:child_process';
import { cf } from './access_fixture.mjs';
import { BACKEND } from './server.mjs';
import { rng } from './rng.mjs';

// Runs a long SQL script on the test database (on standard input: too
// long for an argument).
function sqlScript(db, text) {
  const opts = { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] };
  if (BACKEND === 'postgresql') {
    return execFileSync('psql', [db, '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-f', '-'], opts);
  }
  return execFileSync('sqlite3', ['-bail', '-cmd', '.timeout 5000', db], opts);
}

const FIRST = { F: ['Zefferina', 'Ottavina', 'Gualtiera', 'Rosmunda', 'Ildegarda', 'Fulvietta', 'Smeralda', 'Brunilde'],
  M: ['Gismondo', 'Ubaldino', 'Torquato', 'Ermenegildo', 'Sigfrido', 'Pasquino', 'Lamberto', 'Rutilio'] };
const LAST = ['Quattrocchi', 'Bertolucci', 'Pampaloni', 'Gherardeschi', 'Vannucchi', 'Sbragia', 'Lupetti',
  'Macchiarini', 'Tognotti', 'Ruglioni', 'Pellegrinetti', 'Zucconi', 'Scatena', 'Guidotti'];
const CITIZENSHIP = ['IT', 'IT', 'IT', 'RO', 'AL', 'MA', 'UA', 'NO', 'NG', null];
export const MUNICIPALITY = ['Pisa', 'Cascina', 'Calci', 'Vicopisano', 'Lucca', 'San Giuliano Terme'];
// the classes given with `ali municipality import` (Lucca stays unclassified)
export const CLASSES = { Pisa: 1, Cascina: 2, Calci: 3, Vicopisano: 3, 'San Giuliano Terme': 2 };
const ANSWERS = ['yes', 'no', 'no', 'not_stated', null];
const OUTCOMES = ['employed_host', 'employed_other', 'training_completed', 'qualification', 'activated',
  'interrupted', 'withdrew'];

export const ROUNDS = { R1: ['2022-01-01', '2022-12-31'], R2: ['2023-01-01', '2023-12-31'] };

// Days between ISO dates, and a date plus days.
const dayNum = (z) => Date.UTC(+z.slice(0, 4), +z.slice(5, 7) - 1, +z.slice(8, 10)) / 86400000;
export function addDays(z, n) {
  return new Date((dayNum(z) + n) * 86400000).toISOString().slice(0, 10);
}
// Whole years from birth to date.
function ageAt(birth, at) {
  if (!birth) return null;
  let n = +at.slice(0, 4) - +birth.slice(0, 4);
  if (at.slice(5) < birth.slice(5)) n--;
  return n;
}

// The generated participations (and the few cases that must not count).
export function generate(seed = 20240611) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const people = [];
  for (let i = 0; i < 48; i++) {
    const gender = i === 5 ? null : r() < 0.55 ? 'F' : 'M';
    const round = i % 3 === 0 ? 'R2' : 'R1';
    const [start] = ROUNDS[round];
    const agreed = addDays(start, 20 + Math.floor(r() * 200));
    const birthYear = 1955 + Math.floor(r() * 52); // 15 to 68 at entry
    const birth = i === 7 ? null : `${birthYear}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
    const labour = i === 9 ? null : pick(['unemployed', 'unemployed', 'inactive', 'employed']);
    const p = {
      i, ref: `ESF-${String(i).padStart(3, '0')}`, gender, round, agreed, birth,
      first: pick(FIRST[gender || 'F']), last: LAST[i % LAST.length],
      citizenship: pick(CITIZENSHIP), municipality: i % 4 === 0 ? null : pick(MUNICIPALITY),
      hhMunicipality: pick(MUNICIPALITY),
      stream: i % 7 === 3 ? 'fondo' : 'fse', esfIv: i % 7 === 3 && i % 2 === 1,
      form: i !== 11, labour, months: labour === 'unemployed' && r() < 0.9 ? Math.floor(r() * 30) : null,
      isced: r() < 0.9 ? Math.floor(r() * 9) : null, housing: r() < 0.3,
      parents: pick(ANSWERS), disability: pick(ANSWERS), minority: i < 20 ? pick(ANSWERS) : null,
      child: r() < 0.3,
    };
    if (!p.form) { p.labour = null; p.months = null; p.isced = null; p.housing = false; }
    // the end of the path: an evaluation, a closing without one, or open
    const e = r();
    if (e < 0.6) {
      p.exit = addDays(agreed, 60 + Math.floor(r() * 300));
      p.outcome = pick(OUTCOMES);
      p.outcomeOn = addDays(p.exit, -Math.floor(r() * 40));
      if (p.outcomeOn < agreed) p.outcomeOn = agreed;
    } else if (e < 0.7) {
      p.exit = addDays(agreed, 90);
      p.closedOnly = true;
    }
    if (p.exit && r() < 0.7) {
      p.situationOn = addDays(p.exit, Math.floor(r() * 50) - 5); // some before, some too late
      p.job = r() < 0.5 ? 1 : 0;
      p.edu = r() < 0.3 ? 1 : 0;
    }
    if (r() < 0.35) p.hiredOn = addDays(agreed, 30 + Math.floor(r() * 400));
    if (r() < 0.35) p.certificateOn = addDays(agreed, Math.floor(r() * 420) - 30);
    people.push(p);
  }
  // the same person again in round R2 (a second participation)
  const again = { ...people[1], i: 48, round: 'R2', agreed: '2023-03-15', exit: undefined, outcome: undefined,
    situationOn: undefined, hiredOn: undefined, certificateOn: undefined, closedOnly: false, again: true,
    stream: 'fse', esfIv: false };
  people.push(again);
  return people;
}

// ---- the expected indicators (docs/esf.md), independently ----

const inWindow = (p, z) => !!z && z >= p.agreed && dayNum(z) <= dayNum(p.exit) + 28;

// {EECO01: 1|0|null ...}: null when it cannot be told.
export function expected(p, classes = {}) {
  const v = {};
  const age = p.birth ? ageAt(p.birth, p.agreed) : null;
  const st = p.labour;
  v.EECO01 = 1;
  v.EECO02 = st == null ? null : +(st === 'unemployed');
  if (st == null) v.EECO03 = null;
  else if (st !== 'unemployed') v.EECO03 = 0;
  else if (p.months == null) v.EECO03 = null;
  else if (p.months > 12) v.EECO03 = 1;
  else if (p.months <= 6) v.EECO03 = 0;
  else v.EECO03 = age == null ? null : +(age < 25);
  v.EECO04 = st == null ? null : +(st === 'inactive');
  v.EECO05 = st == null ? null : +(st === 'employed');
  v.EECO06 = age == null ? null : +(age < 18);
  v.EECO07 = age == null ? null : +(age >= 18 && age <= 29);
  v.EECO08 = age == null ? null : +(age >= 55);
  v.EECO09 = p.isced == null ? null : +(p.isced <= 2);
  v.EECO10 = p.isced == null ? null : +(p.isced === 3 || p.isced === 4);
  v.EECO11 = p.isced == null ? null : +(p.isced >= 5);
  const ans = (a) => (a === 'yes' ? 1 : a === 'no' ? 0 : null);
  v.EECO12 = ans(p.disability);
  const EU = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ');
  v.EECO13 = p.citizenship == null ? null : +!EU.includes(p.citizenship);
  v.EECO14 = ans(p.parents);
  v.EECO15 = ans(p.minority);
  v.EECO16 = p.form ? +p.housing : null;
  const mun = p.municipality ?? p.hhMunicipality;
  v.EECO17 = classes[mun] ? +(classes[mun] === 3) : null;
  if (!p.exit) return v;
  const sit = p.situationOn && p.situationOn >= p.exit && dayNum(p.situationOn) <= dayNum(p.exit) + 28;
  v.EECR01 = st == null ? null : st !== 'inactive' ? 0 : sit ? p.job : null;
  v.EECR02 = sit ? p.edu : null;
  v.EECR03 = +((p.outcome === 'qualification' && inWindow(p, p.outcomeOn)) || inWindow(p, p.certificateOn));
  const job = (p.outcome?.startsWith('employed_') && inWindow(p, p.outcomeOn)) || inWindow(p, p.hiredOn);
  v.EECR04 = st == null ? null : st === 'employed' ? 0 : +job;
  return v;
}

export const INDICATORS = ['EECO01', 'EECO02', 'EECO03', 'EECO04', 'EECO05', 'EECO06', 'EECO07', 'EECO08', 'EECO09',
  'EECO10', 'EECO11', 'EECO12', 'EECO13', 'EECO14', 'EECO15', 'EECO16', 'EECO17', 'leavers', 'EECR01', 'EECR02',
  'EECR03', 'EECR04'];

// The CSV the report should print: "indicator,gender,round,count,missing"
// lines keyed by "indicator,gender,round" -> "count,missing".
export function expectedTable(people, { classes = {}, rounds = ['R1', 'R2'], total = true, from, to } = {}) {
  const inP = (z) => !!z && (!from || z >= from) && (!to || z <= to);
  const groups = [...rounds, ...(total ? ['total'] : [])];
  const t = {};
  for (const g of groups) {
    for (const ind of INDICATORS) {
      for (const k of ['F', 'M', 'total']) t[`${ind},${k},${g}`] = [0, 0, 0]; // count, missing, population
    }
  }
  for (const p of people.filter(isEsfParticipant)) {
    const v = expected(p, classes);
    const bIn = inP(p.agreed), bOut = inP(p.exit);
    for (const g of [p.round, 'total']) {
      if (!groups.includes(g)) continue;
      for (const k of [p.gender, 'total']) {
        if (!k) continue;
        for (const ind of INDICATORS) {
          const bResult = ind.startsWith('EECR') || ind === 'leavers';
          if (bResult ? !bOut : !bIn) continue;
          const c = t[`${ind},${k},${g}`];
          c[2]++;
          if (ind === 'leavers') c[0]++;
          else if (v[ind] == null) c[1]++;
          else c[0] += v[ind];
        }
      }
    }
  }
  const out = {};
  for (const [key, [n, miss]] of Object.entries(t)) {
    const [ind, k, g] = key.split(',');
    const pop = ind.startsWith('EECR') ? t[`leavers,${k},${g}`][2] : t[`EECO01,${k},${g}`][2];
    out[key] = `${pop > 0 && miss === pop ? '' : n},${miss}`;
  }
  return out;
}

export const isEsfParticipant = (p) => !p.never && (p.stream === 'fse' || p.esfIv);

// ---- the database ----

const q = (z) => (z == null ? 'NULL' : `'${String(z).replace(/'/g, "''")}'`);
const AG = '(SELECT id FROM agency ORDER BY id LIMIT 1)';
const caseOf = (p) => `(SELECT c.id FROM case_file c JOIN person x ON x.id=c.person_id JOIN round r ON r.id=c.round_id
  WHERE x.person_ref=${q(p.ref)} AND r.code=${q(p.round)})`;
const projectOf = (p) => `(SELECT id FROM project WHERE case_id=${caseOf(p)})`;
const ivOf = (p, service) => `(SELECT i.id FROM intervention i WHERE i.project_id=${projectOf(p)}
  AND i.service_id=(SELECT id FROM service WHERE code=${q(service)} AND agency_id=${AG}))`;
const NOW = "'2024-01-01T00:00:00Z'";

function personSql(p) {
  const cfCode = cf(`${p.last.slice(0, 3).toUpperCase()}${p.first.slice(0, 3).toUpperCase()}80A01G7${String(p.i).padStart(2, '0')}`);
  let s = `INSERT INTO household(agency_id, household_ref, municipality, created_at, updated_at)
      VALUES (${AG}, ${q('H-' + p.ref)}, ${q(p.hhMunicipality)}, ${NOW}, ${NOW});
    INSERT INTO person(agency_id, person_ref, household_id, relationship, codice_fiscale, first_name, last_name,
      name_key, gender, birth_date, birth_country, citizenship, municipality, created_at, updated_at)
      VALUES (${AG}, ${q(p.ref)}, (SELECT id FROM household WHERE household_ref=${q('H-' + p.ref)}), 'reference',
      ${q(cfCode)}, ${q(p.first)}, ${q(p.last)}, ${q((p.last + ' ' + p.first).toLowerCase())}, ${q(p.gender)},
      ${q(p.birth)}, ${q(p.citizenship === 'IT' ? 'IT' : p.citizenship)}, ${q(p.citizenship)}, ${q(p.municipality)},
      ${NOW}, ${NOW});\n`;
  if (p.child) {
    s += `INSERT INTO person(agency_id, person_ref, household_id, relationship, first_name, last_name, name_key,
      gender, birth_date, created_at, updated_at) VALUES (${AG}, ${q(p.ref + '-C')},
      (SELECT id FROM household WHERE household_ref=${q('H-' + p.ref)}), 'child', 'Cunegonda', ${q(p.last)},
      ${q((p.last + ' cunegonda').toLowerCase())}, 'F', '2015-06-01', ${NOW}, ${NOW});\n`;
  }
  return s;
}

function caseSql(p) {
  const stage = p.never ? 'first_interview' : 'agreed';
  const closed = p.exit ? q(p.exit + 'T10:00:00Z') : 'NULL';
  let s = `INSERT INTO case_file(agency_id, person_id, opened_at, closed_at, round_id, funding_stream_id, stage,
      shortlisted_on, agreed_on) VALUES (${AG}, (SELECT id FROM person WHERE person_ref=${q(p.ref)}), ${NOW},
      ${closed}, (SELECT id FROM round WHERE code=${q(p.round)}), (SELECT id FROM funding_stream WHERE code=${q(p.stream)}),
      '${stage}', ${q(addDays(p.agreed, -30))}, ${p.never ? 'NULL' : q(p.agreed)});\n`;
  if (p.form) {
    s += `INSERT INTO access_form(case_id, agency_id, interview_on, labour_status, unemployed_months, education_isced,
      screening, decision, outcome, outcome_on, created_at, updated_at) VALUES (${caseOf(p)}, ${AG},
      ${q(addDays(p.agreed, -20))}, ${q(p.labour)}, ${p.months ?? 'NULL'}, ${p.isced ?? 'NULL'}, 'suitable',
      'suitable', 'continue', ${q(addDays(p.agreed, -20))}, ${NOW}, ${NOW});\n`;
    if (p.housing) s += `INSERT INTO access_form_vulnerability(case_id, vulnerability) VALUES (${caseOf(p)}, 'housing');\n`;
    s += `INSERT INTO access_form_vulnerability(case_id, vulnerability) VALUES (${caseOf(p)}, 'unemployment');\n`;
  }
  if (p.parents || p.disability || p.minority || p.situationOn) {
    s += `INSERT INTO esf_participant(case_id, agency_id, parents_born_abroad, disability, minority, situation_on,
      job_searching, in_education, updated_at) VALUES (${caseOf(p)}, ${AG}, ${q(p.parents)}, ${q(p.disability)},
      ${q(p.minority)}, ${q(p.situationOn)}, ${p.situationOn ? p.job : 'NULL'}, ${p.situationOn ? p.edu : 'NULL'}, ${NOW});\n`;
  }
  if (p.exit && !p.closedOnly) {
    s += `INSERT INTO evaluation(case_id, agency_id, written_on, outcome, outcome_on, created_at) VALUES
      (${caseOf(p)}, ${AG}, ${q(p.exit)}, ${q(p.outcome)}, ${q(p.outcomeOn)}, ${NOW});\n`;
  }
  return s;
}

// The interventions of participation p: orientation for everyone (two
// sessions, 90 + 30 minutes, when it ran), an internship with its
// placement (a day present, 240 minutes; the hiring), HACCP with its
// certificate (one lesson attended of two: 240 minutes), home education
// for the child.  delivered: the hours the export should say.
export function interventionsOf(p) {
  if (p.never) return [];
  // a national path's ESF orientation that never started does not make it ESF
  const ran = !(p.stream === 'fondo' && !p.esfIv);
  const out = [{ service: 'orientation', person: p.ref, status: ran ? 'completed' : 'planned',
    stream: p.stream === 'fondo' ? 'fse' : p.stream, started: ran ? p.agreed : null,
    ended: ran ? addDays(p.agreed, 40) : null, hours: 10, delivered: ran ? '2.0' : '0.0', sessions: ran }];
  if (p.hiredOn || p.i % 5 === 0) {
    out.push({ service: 'internship', person: p.ref, status: 'completed', stream: p.stream, started: p.agreed,
      ended: addDays(p.agreed, 90), hours: 320, delivered: '4.0' });
  }
  if (p.certificateOn) {
    out.push({ service: 'haccp', person: p.ref, status: 'completed', stream: p.stream, started: p.agreed,
      ended: addDays(p.agreed, 20), hours: 12, delivered: '4.0' });
  }
  if (p.child && !p.again) {
    out.push({ service: 'home_education', person: p.ref + '-C', status: 'active', stream: p.stream,
      started: p.agreed, ended: null, hours: null, delivered: '0.0' });
  }
  return out;
}

function interventionSql(p) {
  if (p.never) return '';
  let s = `INSERT INTO project(agency_id, case_id, state, version, agreed_on, created_at, updated_at)
      VALUES (${AG}, ${caseOf(p)}, 'agreed', 1, ${q(p.agreed)}, ${NOW}, ${NOW});\n`;
  for (const v of interventionsOf(p)) {
    s += `INSERT INTO intervention(agency_id, project_id, service_id, person_id, planned_hours, funding_stream_id,
      status, started_on, ended_on, created_at, updated_at) VALUES (${AG}, ${projectOf(p)},
      (SELECT id FROM service WHERE code=${q(v.service)} AND agency_id=${AG}),
      (SELECT id FROM person WHERE person_ref=${q(v.person)}), ${v.hours ?? 'NULL'},
      (SELECT id FROM funding_stream WHERE code=${q(v.stream)}), '${v.status}', ${q(v.started)}, ${q(v.ended)},
      ${NOW}, ${NOW});\n`;
    const iv = ivOf(p, v.service);
    if (v.service === 'orientation' && v.sessions) {
      s += `INSERT INTO intervention_session(intervention_id, on_date, minutes, created_at) VALUES
        (${iv}, ${q(addDays(p.agreed, 3))}, 90, ${NOW}), (${iv}, ${q(addDays(p.agreed, 10))}, 30, ${NOW});\n`;
    } else if (v.service === 'internship') {
      s += `INSERT INTO placement(intervention_id, host_firm_id, start_on, hired_on, contract_type, updated_at) VALUES
        (${iv}, (SELECT id FROM organisation WHERE code='firm1'), ${q(p.agreed)}, ${q(p.hiredOn)},
        ${p.hiredOn ? "'fixed_term'" : 'NULL'}, ${NOW});
        INSERT INTO placement_attendance(intervention_id, on_date, minutes, present, created_at) VALUES
        (${iv}, ${q(addDays(p.agreed, 1))}, 240, 1, ${NOW}), (${iv}, ${q(addDays(p.agreed, 2))}, 0, 0, ${NOW});\n`;
    } else if (v.service === 'haccp') {
      const en = `(SELECT id FROM enrolment WHERE intervention_id=${iv})`;
      s += `INSERT INTO enrolment(edition_id, intervention_id, person_id, status, enrolled_at, completed_on,
        certificate_number, certificate_on) VALUES ((SELECT id FROM course_edition WHERE code='HACCP-T'), ${iv},
        (SELECT id FROM person WHERE person_ref=${q(p.ref)}), 'completed', ${NOW}, ${q(p.certificateOn)},
        ${q('N-' + p.ref)}, ${q(p.certificateOn)});
        INSERT INTO course_attendance(session_id, enrolment_id, present) VALUES
        ((SELECT id FROM course_session WHERE topic='t1'), ${en}, 1),
        ((SELECT id FROM course_session WHERE topic='t2'), ${en}, 0);\n`;
    }
  }
  return s;
}

// Loads the generated world into db; returns the participations.
export function loadWorld(db, seed) {
  const people = generate(seed);
  let s = `INSERT INTO round(agency_id, code, name, start_date, end_date) VALUES
      (${AG}, 'R1', 'Prima edizione', '2022-01-01', '2022-12-31'),
      (${AG}, 'R2', 'Seconda edizione', '2023-01-01', '2023-12-31');
    INSERT INTO funding_stream(agency_id, code, name, allocation_cents, esf) VALUES
      (${AG}, 'fse', 'PON Inclusione FSE', 100000000, 1), (${AG}, 'fondo', 'Fondo Povertà', 100000000, 0);
    INSERT INTO organisation(agency_id, code, name, kind, address) VALUES
      (${AG}, 'firm1', 'Officine Arno', 'host_firm', 'Via Aurelia 12, 56100 Pisa');
    INSERT INTO course_edition(agency_id, service_id, code, title, starts_on, ends_on, seats, status, created_at) VALUES
      (${AG}, (SELECT id FROM service WHERE code='haccp' AND agency_id=${AG}), 'HACCP-T', 'HACCP', '2022-01-10',
      '2023-12-20', 99, 'finished', ${NOW});
    INSERT INTO course_session(edition_id, on_date, minutes, topic) VALUES
      ((SELECT id FROM course_edition WHERE code='HACCP-T'), '2022-02-01', 240, 't1'),
      ((SELECT id FROM course_edition WHERE code='HACCP-T'), '2022-02-02', 180, 't2');\n`;
  for (const p of people) if (!p.again) s += personSql(p);
  // a candidate of the ESF stream who never agreed a project
  const never = { ...people[2], i: 99, ref: 'ESF-NEVER', never: true, exit: undefined, closedOnly: false,
    situationOn: undefined, parents: 'yes', disability: 'yes', minority: 'yes', child: false, round: 'R2' };
  s += personSql(never);
  sqlScript(db, s);
  let c = '';
  for (const p of [...people, never]) c += caseSql(p) + interventionSql(p);
  sqlScript(db, c);
  return people;
}

// ---- the microdata the export should write (src/report/microdata.h) ----

const EU27 = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ');
function ageBand(age) {
  if (age == null) return '';
  return age <= 24 ? 'le24' : age <= 34 ? '25-34' : age <= 44 ? '35-44' : age <= 54 ? '45-54' : '55plus';
}

// participants.csv's cells after the pseudonym, for participation p.
export function microdataRow(p) {
  const size = p.child ? 2 : 1; // the child was born in 2015, before every entry
  return [p.round, p.stream, p.gender ?? '', ageBand(p.birth ? ageAt(p.birth, p.agreed) : null),
    p.citizenship == null ? '' : p.citizenship === 'IT' ? 'italy' : 'other',
    p.citizenship == null ? '' : EU27.includes(p.citizenship) ? 'eu' : 'non_eu',
    String(size), p.gender == null ? '' : p.gender === 'F' && p.child ? 'yes' : 'no',
    p.labour ?? '', p.isced == null ? '' : String(p.isced), p.form ? 'suitable' : '',
    p.agreed.slice(0, 7), p.exit && !p.closedOnly ? p.outcome : '', p.exit ? p.exit.slice(0, 7) : ''];
}

// interventions.csv's cells after the pseudonym, for participation p.
export function microdataIvRows(p) {
  return interventionsOf(p).map((v) => [p.round, v.service, v.person === p.ref ? 'participant' : 'household_member',
    v.status, v.started ? v.started.slice(0, 7) : '', v.ended ? v.ended.slice(0, 7) : '',
    v.hours == null ? '' : String(v.hours), v.delivered]);
}
