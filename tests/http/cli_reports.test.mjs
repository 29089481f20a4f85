// cli_reports.test.mjs — `ali report profile`, `ali report countries` and
// `ali report services` on the command line, on the programme of
// reports_fixture.mjs: each format (text, csv, json, xlsx, pdf) written
// with --output and read back, the figures against what the fixture's
// own code expects, --round, --from/--to, --lang, and the errors.
// Runs on SQLite and PostgreSQL (ALI_TEST_BACKEND).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, ali } from './server.mjs';
import { reportsWorld, expectedProfile, expectedServices, catalogue, csvRows, xlsxCells, xlsxSheets }
  from './reports_fixture.mjs';

let srv, dir, services;

before(async () => {
  srv = await startServer();
  await reportsWorld(srv);
  services = await catalogue(srv);
  dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-cli-reports-'));
});
after(async () => { await srv?.stop(); });

// Runs `ali report NAME ARGS... --output FILE`; returns FILE.
let nFile = 0;
function runFile(name, ext, ...args) {
  const file = join(dir, `${name}-${++nFile}.${ext}`);
  const r = ali(['report', name, '--db', srv.db, '--format', ext, '--output', file, ...args]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '', 'nothing on standard output with --output');
  return file;
}
// The same, returning the file's bytes.
const run = (...a) => readFileSync(runFile(...a));

test('profile: csv, json and text agree with the fixture', () => {
  const want = expectedProfile();
  const csv = run('profile', 'csv').toString();
  assert.equal(csv.split('\n')[0], 'dimension,category,round,count,percent');
  const rows = csvRows(csv);
  assert.equal(rows.length, Object.keys(want).length);
  for (const x of rows) {
    const k = `${x.dimension},${x.category},${x.round}`;
    assert.deepEqual({ count: Number(x.count), percent: x.percent }, want[k], k);
  }
  const json = JSON.parse(run('profile', 'json', '--round', 'R2').toString());
  assert.ok(json.rows.length > 0 && json.rows.every((x) => x.round === 'R2'));
  const f = json.rows.find((x) => x.dimension === 'gender' && x.category === 'F');
  assert.equal(f.count, want['gender,F,R2'].count);
  const text = run('profile', 'text', '--lang', 'en').toString();
  assert.match(text, /^Participant profile at entry/);
  assert.match(text, /Gender of participants\s+R1 number\s+R1 %\s+R2 number\s+R2 %\s+Total number\s+Total %/);
  assert.match(text, /R1: one missing value\./);
  const it = run('profile', 'text').toString();
  assert.match(it, /un valore mancante/, 'Italian by default');
});

test('profile: xlsx and pdf', () => {
  const want = expectedProfile();
  const x = run('profile', 'xlsx', '--round', 'R1', '--lang', 'en');
  assert.equal(x.subarray(0, 2).toString(), 'PK');
  const n = xlsxSheets(x);
  const data = xlsxCells(x, n);
  assert.deepEqual([data.A1, data.E1], ['dimension', 'percent']);
  let r = 2;
  while (data[`A${r}`] && !(data[`A${r}`] === 'household_size' && data[`B${r}`] === '1')) r++;
  assert.deepEqual([data[`A${r}`], data[`B${r}`], data[`C${r}`], data[`D${r}`]],
    ['household_size', '1', 'R1', want['household_size,1,R1'].count]);
  const file = runFile('profile', 'pdf', '--lang', 'en');
  assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-');
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.match(text, /Gender of participants/);
  assert.match(text, /Single mothers with children/);
  assert.match(text, /R1: one missing value\./);
});

test('services and countries in every format', () => {
  const want = expectedServices(services);
  const rows = csvRows(run('services', 'csv').toString());
  for (const x of rows) assert.deepEqual({ status: x.status, projects: x.projects }, want[`${x.service},${x.round}`]);
  const text = run('services', 'text', '--lang', 'en').toString();
  assert.match(text, /Forklift operator course\s+0\s+not active\s+0/);
  assert.equal(run('services', 'xlsx').subarray(0, 2).toString(), 'PK');
  assert.equal(run('services', 'pdf').subarray(0, 5).toString(), '%PDF-');
  const json = JSON.parse(run('services', 'json').toString());
  assert.deepEqual(json.columns, ['service', 'round', 'status', 'projects']);
  assert.deepEqual(json.tables.map((t) => t.name), ['services', 'interventions', 'hours']);
  const c = csvRows(run('countries', 'csv').toString());
  assert.ok(c.some((x) => x.country === 'IT' && x.round === 'total'));
});

test('the period, the list, and the errors', () => {
  const rows = csvRows(run('profile', 'csv', '--from', '2000-01-01', '--to', '2000-12-31').toString());
  assert.ok(rows.every((x) => x.count === '0'), 'nobody entered in 2000');
  let r = ali(['report', '--list']);
  for (const n of ['profile', 'countries', 'services']) assert.match(r.stdout, new RegExp(`^${n}\\s`, 'm'));
  r = ali(['report', 'profile', '--db', srv.db, '--round', 'R9']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /R9/);
  r = ali(['report', 'profile', '--db', srv.db, '--from', '2022-02-30']);
  assert.equal(r.status, 2);
  r = ali(['report', 'services', '--db', srv.db, '--social-worker', 'sw', '--format', 'csv']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.split('\n')[0], 'service,round,status,projects');
});
