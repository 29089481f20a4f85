// closing.test.mjs — closing a path with its conclusive evaluation
// (src/domain/closing.c, src/api/api_closing.c, src/web/page_evaluation.c,
// src/report/evaluation_pdf.c): the illegal closes (an objective not
// judged, an outcome field missing or out of place, employed_host
// without a hiring, unknown fields, a caller without the right) each
// answered with nothing written; a close through the web form that ends
// the open interventions with the reason "path closed"; the path then
// read-only (closing twice, changing the project: 409, nothing written);
// the evaluation read back through the API and as a PDF (pdftotext);
// the closes and exports in the audit trail.
// Runs on SQLite and PostgreSQL (ALI_TEST_BACKEND).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, request } from './server.mjs';
import { sql } from './access_fixture.mjs';
import { closingWorld, agreedPath, day } from './closing_fixture.mjs';

let srv, w, path;
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' };
const count = (table, where) => Number(sql(srv.db, `SELECT count(*) FROM ${table} WHERE ${where}`).trim());
const status = (iv) => sql(srv.db, `SELECT status FROM intervention WHERE id=${iv}`).trim();

before(async () => {
  srv = await startServer();
  w = await closingWorld(srv);
  path = await agreedPath(srv, w, 'ROSSI');
});
after(async () => { await srv?.stop(); });

const put = (body, token = w.tok.cm) =>
  request(srv.base, 'PUT', `/api/v1/cases/${path.c}/evaluation`, { body, token });

const valid = () => ({
  written_on: day(0), outcome: 'activated', outcome_on: day(-1),
  skills_acquired: 'Puntualità, basi HACCP', critical_issues: null, resources_activated: 'Rete del quartiere',
  objectives: [{ objective_id: path.objMother, result: 'partly', note: 'Contratto breve' },
    { objective_id: path.objSon, result: 'achieved' }],
});

function assertNothingWritten() {
  assert.equal(count('evaluation', `case_id=${path.c}`), 0);
  assert.equal(count('objective_result', `objective_id IN (${path.objMother},${path.objSon})`), 0);
  assert.equal(count('case_file', `id=${path.c} AND closed_at IS NULL`), 1);
  assert.equal(status(path.internship), 'active');
  assert.equal(status(path.haccp), 'planned');
}

test('illegal closes answer 422/409/403/404 and write nothing', async () => {
  let r = await request(srv.base, 'GET', `/api/v1/cases/${path.c}/evaluation`, { token: w.tok.cm });
  assert.equal(r.status, 404, r.body);
  // an objective not judged
  r = await put({ ...valid(), objectives: [{ objective_id: path.objMother, result: 'partly' }] });
  assert.equal(r.status, 422, r.body);
  assert.ok(r.json.error.fields[`objectives.${path.objSon}`], r.body);
  // the outcome's own field missing, or out of place
  r = await put({ ...valid(), outcome: 'employed_other' });
  assert.equal(r.status, 422, r.body);
  assert.equal(r.json.error.fields.contract_type, 'required');
  r = await put({ ...valid(), interruption_reason: 'health' });
  assert.equal(r.status, 422, r.body);
  assert.ok(r.json.error.fields.interruption_reason);
  r = await put({ ...valid(), outcome: 'withdrew' });
  assert.equal(r.status, 422, r.body);
  assert.ok(r.json.error.fields.withdrawal_reason);
  // hired by the host firm, but no internship ended in hiring
  r = await put({ ...valid(), outcome: 'employed_host', contract_type: 'permanent' });
  assert.equal(r.status, 422, r.body);
  assert.match(r.json.error.fields.outcome, /hiring/);
  // unknown fields, at the top and inside the lists
  r = await put({ ...valid(), mood: 'happy' });
  assert.equal(r.status, 422, r.body);
  assert.ok(r.json.error.fields.mood);
  r = await put({ ...valid(), objectives: [{ objective_id: path.objMother, result: 'partly', stars: 5 }] });
  assert.equal(r.status, 422, r.body);
  // a planned intervention cannot be "completed"
  r = await put({ ...valid(), interventions: [{ intervention_id: path.haccp, end: 'complete' }] });
  assert.equal(r.status, 422, r.body);
  assert.ok(r.json.error.fields[`interventions.${path.haccp}`], r.body);
  // the social worker has no CAP_CASE_CLOSE; another case manager does not follow the case
  r = await put(valid(), w.tok.sw);
  assert.equal(r.status, 403, r.body);
  r = await put(valid(), w.tok.cm2);
  assert.equal(r.status, 404, r.body);
  assertNothingWritten();
});

test('the web form closes the path and ends the open interventions', async () => {
  let r = await request(srv.base, 'GET', `/cases/${path.c}`, { token: w.tok.cm, headers: FORM });
  assert.match(r.body, new RegExp(`href="/cases/${path.c}/evaluation"`));
  r = await request(srv.base, 'GET', `/cases/${path.c}/evaluation`, { token: w.tok.cm, headers: FORM });
  assert.equal(r.status, 200);
  assert.match(r.body, /id="evaluation-form"/);
  assert.match(r.body, new RegExp(`name="result_${path.objSon}"`));
  assert.match(r.body, new RegExp(`name="end_${path.homeEd}"`));
  const fields = {
    written_on: day(0), outcome: 'interrupted', outcome_on: day(0), interruption_reason: 'moved_away',
    skills_acquired: 'Puntualità', [`result_${path.objMother}`]: 'partly', [`result_note_${path.objMother}`]: 'A metà',
    [`end_${path.homeEd}`]: 'complete', [`end_${path.internship}`]: 'interrupt',
  };
  // a missing result re-renders the form with 422, the message next to the field
  r = await request(srv.base, 'POST', `/cases/${path.c}/evaluation`,
    { raw: new URLSearchParams(fields).toString(), token: w.tok.cm, headers: FORM });
  assert.equal(r.status, 422, r.body.slice(0, 500));
  assert.match(r.body, new RegExp(`id="e-result_${path.objSon}">judge this objective<`));
  assertNothingWritten();
  fields[`result_${path.objSon}`] = 'achieved';
  r = await request(srv.base, 'POST', `/cases/${path.c}/evaluation`,
    { raw: new URLSearchParams(fields).toString(), token: w.tok.cm, headers: FORM });
  // the case manager still reads the closed path: to the evaluation, done
  assert.equal(r.status, 303, r.body.slice(0, 3000));
  assert.equal(r.headers.get('location'), `/cases/${path.c}/evaluation?done=1`);
  // the interventions ended on the evaluation's date, with the reason
  assert.equal(status(path.haccp), 'cancelled');
  assert.equal(status(path.internship), 'interrupted');
  assert.equal(status(path.homeEd), 'completed');
  assert.equal(sql(srv.db, `SELECT status_reason FROM intervention WHERE id=${path.internship}`).trim(), 'path closed');
  assert.equal(count('intervention_event', `intervention_id=${path.haccp} AND to_status='cancelled' AND reason='path closed'`), 1);
  assert.equal(count('case_file', `id=${path.c} AND closed_at IS NOT NULL AND stage='agreed'`), 1);
  assert.equal(count('audit', `action='close' AND entity='case' AND entity_id=${path.c}`), 1);
  // the case manager reads the evaluation they wrote, read-only
  r = await request(srv.base, 'GET', `/cases/${path.c}/evaluation`, { token: w.tok.cm, headers: FORM });
  assert.equal(r.status, 200);
  assert.match(r.body, /id="evaluation"/);
  r = await request(srv.base, 'GET', `/cases/${path.c}/evaluation`, { token: w.tok.mgr, headers: FORM });
  assert.equal(r.status, 200);
  assert.match(r.body, /id="evaluation"/);
  assert.match(r.body, /Moved away/);
  r = await request(srv.base, 'GET', `/cases/${path.c}`, { token: w.tok.mgr, headers: FORM });
  assert.match(r.body, new RegExp(`href="/cases/${path.c}/evaluation.pdf"`));
});

test('a closed path is read-only: closing twice and project changes answer 409', async () => {
  const before = sql(srv.db, `SELECT written_on, outcome FROM evaluation WHERE case_id=${path.c}`);
  let r = await put(valid(), w.tok.mgr);
  assert.equal(r.status, 409, r.body);
  assert.match(r.json.error.message, /closed/);
  assert.equal(sql(srv.db, `SELECT written_on, outcome FROM evaluation WHERE case_id=${path.c}`), before);
  const proj = `/api/v1/cases/${path.c}/project`;
  r = await request(srv.base, 'POST', `${proj}/objectives`, { token: w.tok.mgr,
    body: { person_id: path.mother, text: 'Ancora uno', reason: 'un obiettivo dopo la chiusura' } });
  assert.equal(r.status, 409, r.body);
  assert.match(r.json.error.message, /closed/);
  r = await request(srv.base, 'PUT', `${proj}/commitments`, { token: w.tok.mgr,
    body: { commitments: 'altro', reason: 'un cambiamento dopo la chiusura' } });
  assert.equal(r.status, 409, r.body);
  assert.equal(count('project_objective', `person_id=${path.mother}`), 1);
  assert.equal(count('project_version', `project_id=(SELECT id FROM project WHERE case_id=${path.c})`), 1);
});

test('the evaluation through the API and as a PDF', async () => {
  // the social worker still holds the closed path, and reads it
  let r = await request(srv.base, 'GET', `/api/v1/cases/${path.c}/evaluation`, { token: w.tok.sw });
  assert.equal(r.status, 200, r.body);
  r = await request(srv.base, 'GET', `/api/v1/cases/${path.c}/evaluation`, { token: w.tok.mgr });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.outcome, 'interrupted');
  assert.equal(r.json.interruption_reason, 'moved_away');
  assert.equal(r.json.author, 'Carla Neri');
  assert.equal(r.json.case_id, path.c);
  assert.deepEqual(r.json.objectives.map((o) => [o.objective_id, o.result]),
    [[path.objMother, 'partly'], [path.objSon, 'achieved']]);
  for (const url of [`/cases/${path.c}/evaluation.pdf`, `/api/v1/cases/${path.c}/evaluation.pdf`]) {
    const res = await fetch(srv.base + url, { headers: { Authorization: `Bearer ${w.tok.mgr}`, 'Accept-Language': 'en' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-ev-'));
    const file = join(dir, 'e.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    assert.match(text, /Conclusive evaluation/);
    assert.match(text, /Rossi Anna/);
    assert.match(text, /Un lavoro nella ristorazione/);
    assert.match(text, /Partly/);
    assert.match(text, /Interrupted/);
    assert.match(text, /Moved away/);
    assert.match(text, /Puntualità/);
  }
  assert.equal(count('audit', `action='export' AND entity='case' AND entity_id=${path.c}`), 2);
  // the case manager who followed the path prints it too
  r = await request(srv.base, 'GET', `/api/v1/cases/${path.c}/evaluation.pdf`, { token: w.tok.cm });
  assert.equal(r.status, 200);
});

test('employed_host closes once the host firm hired', async () => {
  const p = await agreedPath(srv, w, 'VERDI');
  sql(srv.db, `INSERT INTO placement(intervention_id, host_firm_id, start_on, hired_on, contract_type, updated_at)
               VALUES (${p.internship}, ${w.id.firm}, '${day(-30)}', '${day(-2)}', 'fixed_term', '${day(-2)}T10:00:00Z')`);
  const r = await request(srv.base, 'PUT', `/api/v1/cases/${p.c}/evaluation`, { token: w.tok.cm, body: {
    written_on: day(0), outcome: 'employed_host', outcome_on: day(-2), contract_type: 'fixed_term',
    objectives: [{ objective_id: p.objMother, result: 'achieved' }, { objective_id: p.objSon, result: 'not' }],
  } });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.json.outcome, 'employed_host');
  assert.equal(r.json.contract_type, 'fixed_term');
  assert.equal(status(p.internship), 'interrupted');
});
