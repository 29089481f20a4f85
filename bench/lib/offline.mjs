// offline.mjs — the measures without a server: the wall time of every
// monitoring report over the whole dataset against the single-pass C
// limit (bench/report_limit.c), and `ali import people` of a generated
// CSV file into an empty database.
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sqlRows } from './dataset.mjs';
import { pgUrl, psql } from './pg.mjs';
import { run, timed } from './util.mjs';

const round3 = (x) => Math.round(x * 1000) / 1000;

// What a failed run said: its first "ali: " line, else its last line.
function firstError(r) {
  const lines = r.stderr.trim().split('\n');
  return lines.find((l) => l.startsWith('ali: ')) || lines.pop() || `exit status ${r.status}`;
}

// The reports there are: the first word of each line of `ali report --list`.
export function reportNames(ali) {
  return run(ali, ['report', '--list']).split('\n').map((l) => l.split(/\s+/)[0]).filter(Boolean);
}

// One run of `ali report ARGS --format csv --output /dev/null`, stopped
// after `limit` seconds; a report that writes only to standard output gets
// it sent to /dev/null instead.
function timeReport(ali, args, limit) {
  const opts = { timeout: limit * 1000, killSignal: 'SIGKILL' };
  let r = timed(ali, [...args, '--output', '/dev/null'], opts);
  if (r.status !== 0 && !r.signal && /standard output only|--output/.test(r.stderr)) {
    r = timed(ali, args, { ...opts, stdio: ['ignore', 'ignore', 'pipe'] });
  }
  if (r.signal === 'SIGKILL') r.stderr = `ali: did not finish within ${limit} s (stopped)`;
  return r;
}

// Ends the queries a stopped report left running on the server (nothing
// else uses the dataset while the reports run).
function stopQueries(ds) {
  const name = new URL(ds.db).pathname.slice(1);
  psql(ds.db, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
}

// Times `ali report NAME --format csv --output /dev/null` for every
// report, each stopped after `limit` seconds.  A report that needs a round
// (funnel) runs once per round, and its time is the sum.  Returns
// [{ name, seconds, runs, error? }]; a report stopped has the error "did
// not finish" and the seconds it was given.
export function timeReports(ali, ds, limit) {
  const rounds = sqlRows(ds, 'SELECT code FROM round ORDER BY start_date, code').map((r) => r[0]);
  const out = [];
  for (const name of reportNames(ali)) {
    const base = ['report', name, '--format', 'csv', '--db', ds.db];
    let r = timeReport(ali, base, limit);
    const entry = { name, seconds: r.seconds, runs: 1 };
    if (r.status !== 0 && /--round/.test(r.stderr)) {
      entry.seconds = 0;
      entry.runs = 0;
      for (const code of rounds) {
        r = timeReport(ali, [...base, '--round', code], limit);
        entry.seconds += r.seconds;
        entry.runs++;
        if (r.status !== 0) break;
      }
      entry.per_round = true;
    }
    if (r.status !== 0) entry.error = firstError(r);
    if (r.signal === 'SIGKILL') {
      entry.timed_out = true;
      if (ds.backend === 'postgresql') stopQueries(ds);
    }
    entry.seconds = round3(entry.seconds);
    out.push(entry);
  }
  return out;
}

// Times the single-pass limit on the dataset.
export function timeReportLimit(limitBin, ds) {
  const r = timed(limitBin, [ds.db]);
  if (r.status !== 0) return { seconds: null, error: r.stderr.trim() };
  return { seconds: round3(r.seconds) };
}

/* ---- the import ---- */

const ODD = { 0: 1, 1: 0, 2: 5, 3: 7, 4: 9, 5: 13, 6: 15, 7: 17, 8: 19, 9: 21, A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18, N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23 };

// The check character of the first 15 characters of a codice fiscale.
export function cfCheck(z15) {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = z15[i];
    sum += i % 2 === 0 ? ODD[c] : c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26));
}

const FIRST_F = ['Anna', 'Giulia', 'Sara', 'Fatima', 'Elena', 'Maria', 'Irina', 'Chiara', 'Amira', 'Lucia'];
const FIRST_M = ['Mario', 'Luca', 'Ahmed', 'Marco', 'Giorgio', 'Andrei', 'Paolo', 'Youssef', 'Simone', 'Omar'];
const LAST = ['Rossi', 'Bianchi', 'Russo', 'El Amrani', 'Popescu', 'Ferrari', 'Esposito', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'Hoxha'];
const TOWNS = ['Pisa', 'Cascina', 'San Giuliano Terme', 'Vecchiano', 'Calci', 'Vicopisano'];
const COUNTRIES = [['IT', 'G702'], ['IT', 'G702'], ['IT', 'B950'], ['MA', 'Z330'], ['RO', 'Z129'], ['AL', 'Z100']];
const MONTHS = 'ABCDEHLMPRST';

// Row i of the people file: households of three (reference, partner, child).
function personRow(i) {
  const household = Math.floor(i / 3); // three people a household on average
  const member = i % 3;
  const female = (i * 7) % 2 === 1;
  const year = member === 2 ? 2005 + (i % 15) : 1950 + (i % 50);
  const month = (i % 12) + 1, day = (i % 28) + 1;
  const [country, place] = COUNTRIES[i % COUNTRIES.length];
  let letters = '', n = i;
  for (let k = 0; k < 6; k++) { letters += String.fromCharCode(65 + (n % 26)); n = Math.floor(n / 26); }
  const cf15 = `${letters}${String(year % 100).padStart(2, '0')}${MONTHS[month - 1]}${String(day + (female ? 40 : 0)).padStart(2, '0')}${place}`;
  return [
    `P${String(i + 1).padStart(8, '0')}`, `H${String(household + 1).padStart(8, '0')}`,
    ['reference', 'partner', 'child'][member], cf15 + cfCheck(cf15),
    (female ? FIRST_F : FIRST_M)[i % 10], `"${LAST[i % LAST.length]}"`, female ? 'F' : 'M',
    `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, country, country,
    TOWNS[household % TOWNS.length], ['yes', 'no', ''][i % 3],
  ].join(',');
}

// The CSV file of `rows` people (the columns of docs/cli.md), generated
// once into dataDir and reused.
export async function peopleCsv(dataDir, rows) {
  const file = join(dataDir, `people-${rows}.csv`);
  if (existsSync(file)) return file;
  const tmp = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  const write = (s) => (out.write(s) ? null : new Promise((resolve) => out.once('drain', resolve)));
  await write('person_ref,household_ref,relationship,codice_fiscale,first_name,last_name,gender,birth_date,birth_country,citizenship,municipality,minimum_income\n');
  for (let i = 0; i < rows; i += 1000) {
    const chunk = [];
    for (let j = i; j < Math.min(rows, i + 1000); j++) chunk.push(personRow(j));
    await write(chunk.join('\n') + '\n');
  }
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
  renameSync(tmp, file);
  return file;
}

// Times `ali import people FILE` into a new, initialised database of the
// backend (an SQLite file in runDir, or a new PostgreSQL database),
// removed afterwards.  Returns { rows, seconds, rows_per_second, error? }.
export function timeImport(ali, backend, { csv, rows, runDir, admin }) {
  const name = `bench_import_${process.pid}`;
  const db = backend === 'postgresql' ? pgUrl(admin, name) : join(runDir, 'import.db');
  if (backend === 'postgresql') psql(admin, `CREATE DATABASE ${name}`);
  try {
    run(ali, ['init', '--db', db], { input: '' });
    const r = timed(ali, ['import', 'people', csv, '--db', db]);
    const res = { rows, seconds: round3(r.seconds), rows_per_second: Math.round(rows / r.seconds) };
    if (r.status !== 0) res.error = firstError(r);
    return res;
  } finally {
    if (backend === 'postgresql') psql(admin, `DROP DATABASE ${name}`);
    else for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  }
}
