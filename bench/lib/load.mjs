// load.mjs — the load measures: the servers under test (nginx serving a
// static 2 KB JSON file, the limit; `ali serve` on a dataset), each on a
// free loopback port, and wrk driving them from a second process with
// bench/replay.lua: a warm-up, then RUNS runs of DURATION seconds, whose
// requests per second and latencies are reported as median, min and max.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, peakRssMB, sleep, stats, timed, waitHttp } from './util.mjs';

const BENCH = dirname(dirname(fileURLToPath(import.meta.url)));

// A child process with its output in logFile; resolves once URL answers.
async function startChild(file, args, logFile, url, env = process.env) {
  const fd = openSync(logFile, 'a');
  const child = spawn(file, args, { stdio: ['ignore', fd, fd], env });
  const exited = new Promise((resolve) => child.on('exit', (code, sig) => resolve({ code, sig })));
  await waitHttp(url, child, () => readFileSync(logFile, 'utf8'));
  return { child, exited, pid: child.pid };
}

// A 2 KB JSON document shaped like a person of the API: the body nginx
// serves.
export function staticJson() {
  const person = {
    id: 123456, person_ref: 'P00123456', household_id: 45678, household_ref: 'H00045678',
    relationship: 'reference', codice_fiscale: 'RSSMRA85T10G702S', first_name: 'Mario', last_name: 'Rossi',
    gender: 'M', birth_date: '1985-12-10', birth_country: 'IT', citizenship: 'IT', municipality: 'Pisa',
    minimum_income: true, age: 40, access: 'manager',
    household: { id: 45678, household_ref: 'H00045678', municipality: 'Pisa', size: 4, members: [] },
    note: '',
  };
  for (let i = 0; i < 3; i++) {
    person.household.members.push({ id: 123457 + i, first_name: 'Anna', last_name: 'Rossi', relationship: i ? 'child' : 'partner', age: i ? 10 + i : 38 });
  }
  const base = JSON.stringify(person, null, 1).length + 1;
  person.note = 'x'.repeat(2048 - base);
  const text = JSON.stringify(person, null, 1) + '\n';
  if (Buffer.byteLength(text) !== 2048) throw new Error('the static file is not 2048 bytes');
  return text;
}

// Starts nginx on a free port with bench/nginx.conf.in; returns
// { base, pid, stop() }.
export async function startNginx(runDir, workers) {
  const dir = join(runDir, 'nginx');
  mkdirSync(join(dir, 'static'), { recursive: true });
  mkdirSync(join(dir, 'nginx-tmp'), { recursive: true });
  chmodSync(dir, 0o755); // nginx's workers run as nobody when we are root
  chmodSync(join(dir, 'static'), 0o755);
  writeFileSync(join(dir, 'static', 'person.json'), staticJson(), { mode: 0o644 });
  const port = await freePort();
  const conf = readFileSync(join(BENCH, 'nginx.conf.in'), 'utf8')
    .replaceAll('@DIR@', dir).replaceAll('@PORT@', String(port)).replaceAll('@WORKERS@', String(workers));
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const base = `http://127.0.0.1:${port}`;
  const p = await startChild('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'nginx-error.log'),
    '-g', 'daemon off;'], join(dir, 'nginx.log'), `${base}/person.json`);
  return {
    base, pid: p.pid,
    async stop() { p.child.kill('SIGTERM'); await p.exited; },
  };
}

// Starts `ali serve` on database db; returns { base, pid, stop() }: stop
// resolves to the exit status, which is 0 for a clean stop (under
// AddressSanitizer a leak makes it non-zero).
export async function startAli(ali, db, logFile) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const p = await startChild(ali, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], logFile, `${base}/healthz`);
  return {
    base, pid: p.pid,
    async stop() {
      p.child.kill('SIGTERM');
      const { code, sig } = await p.exited;
      return code ?? sig;
    },
  };
}

// One wrk run; returns the BENCH_RESULT figures of replay.lua.
function wrkOnce(base, file, o, seconds) {
  const args = ['-t', String(o.threads), '-c', String(o.connections), '-d', `${seconds}s`, '--timeout', '10s',
    '-s', join(BENCH, 'replay.lua'), base, '--', file];
  const r = timed('wrk', args);
  const m = r.stdout.match(/^BENCH_RESULT (.*)$/m);
  if (r.status !== 0 || !m) throw new Error(`wrk ${args.join(' ')} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return JSON.parse(m[1]);
}

// A measure: a warm-up, then o.runs runs of o.duration seconds against
// base with the requests of file.  Returns { rps, p50_ms, p99_ms (each
// { median, min, max }), requests, errors, error_share, peak_rss_mb }.
export async function measure(base, file, o, pid) {
  if (o.warmup > 0) wrkOnce(base, file, o, o.warmup);
  const runs = [];
  for (let i = 0; i < o.runs; i++) {
    runs.push(wrkOnce(base, file, o, o.duration));
    await sleep(200);
  }
  const errors = runs.reduce((n, x) => n + Object.values(x.errors).reduce((a, b) => a + b, 0), 0);
  const requests = runs.reduce((n, x) => n + x.requests, 0);
  return {
    rps: stats(runs.map((x) => Math.round(x.requests / (x.duration_us / 1e6)))),
    p50_ms: stats(runs.map((x) => x.latency_us.p50 / 1000)),
    p99_ms: stats(runs.map((x) => x.latency_us.p99 / 1000)),
    requests,
    errors,
    error_share: requests ? errors / requests : 1,
    peak_rss_mb: pid ? peakRssMB(pid) : null,
  };
}
