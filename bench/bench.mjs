// bench.mjs — the measuring harness of issue 7 ("Scale and speed,
// measured"); bench/run starts it, `make bench`, `make bench-quick` and
// `make bench-smoke` run it.  For each backend (SQLite, then PostgreSQL on
// a server it starts itself) it takes the dataset of `ali demo --people N`
// (built once and kept under bench/data; dataset.mjs), then measures:
//
//   load     with wrk from a second process on loopback: nginx serving a
//            static 2 KB JSON file (the limit), then `ali serve` answering
//            a person as JSON, a person's page, a surname search, a case
//            manager's caseload and a durable write (targets.mjs, load.mjs);
//            and the server's peak resident memory under that load;
//   reports  the wall time of every `ali report` over the whole dataset,
//            against bench/report_limit.c, a single pass in C (offline.mjs);
//   import   `ali import people` of a generated CSV into an empty database.
//
// It prints a table per backend and writes bench/results/<date>-<backend>
// .json.  Nothing fails on time: the exit status is 1 only when a measure
// produced no figure (an error, a failed request, a server that did not
// stop cleanly), which is what the smoke run in tests/run checks.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetCounts, datasetMiB, ensureDataset, schemaVersion } from './lib/dataset.mjs';
import { IMPORT_TARGET, MEASURES, REPORTS_TARGET_RATIO, RSS_TARGET_MB, loadTarget, targetMet } from './lib/goals.mjs';
import { measure, startAli, startNginx } from './lib/load.mjs';
import { peopleCsv, timeImport, timeReportLimit, timeReports } from './lib/offline.mjs';
import { machine, markdown, source, table } from './lib/output.mjs';
import { pgStart } from './lib/pg.mjs';
import { checkTargets, writeTargets } from './lib/targets.mjs';
import { isoDate, peakRssMB, resetPeakRss } from './lib/util.mjs';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const USAGE = `usage: bench/run [--people N] [--backend sqlite|postgresql|both] [--duration S] [--runs N]
                 [--warmup S] [--threads N] [--connections N] [--import-rows N]
                 [--report-timeout S]
                 [--skip load,reports,import] [--data DIR] [--results DIR] [--pg URL]
       bench/run --smoke [options]      1,000 people, 1 s per measure, one run
       bench/run --markdown FILE.json...  the README table of result files

  --people N       participants of the demo dataset (default 1000000)
  --duration S, --runs N, --warmup S  each load measure: runs of S seconds
                   after a warm-up (default 3 runs of 10 s after 2 s)
  --threads N, --connections N  wrk's (default 2 and 64)
  --import-rows N  rows of the import measure (default: as --people)
  --report-timeout S  stop a report after S seconds (default 120; it then
                   counts as not measured)
  --pg URL         use this PostgreSQL server (its "postgres" database, as a
                   superuser) instead of starting one under bench/data/pg
  ALI_BIN          the ali binary (default ./ali); REPORT_LIMIT the limit
                   program (default build/bench/report_limit)`;

function parseArgs(argv) {
  const o = { people: 1000000, backend: 'both', duration: 10, runs: 3, warmup: 2, threads: 2, connections: 64,
    importRows: null, reportTimeout: 120, skip: [], data: join(ROOT, 'bench', 'data'), results: join(ROOT, 'bench', 'results'), pg: null,
    smoke: false, markdown: null };
  const num = (v, name) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name}: not a number: ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    switch (a) {
      case '--people': o.people = num(v(), a); break;
      case '--backend': o.backend = v(); break;
      case '--duration': o.duration = num(v(), a); break;
      case '--runs': o.runs = num(v(), a); break;
      case '--warmup': o.warmup = num(v(), a); break;
      case '--threads': o.threads = num(v(), a); break;
      case '--connections': o.connections = num(v(), a); break;
      case '--import-rows': o.importRows = num(v(), a); break;
      case '--report-timeout': o.reportTimeout = num(v(), a); break;
      case '--skip': o.skip = v().split(','); break;
      case '--data': o.data = resolve(v()); break;
      case '--results': o.results = resolve(v()); break;
      case '--pg': o.pg = v(); break;
      case '--smoke': Object.assign(o, { smoke: true, people: 1000, duration: 1, runs: 1, warmup: 0, reportTimeout: 60 }); break;
      case '--markdown': o.markdown = argv.slice(i + 1); i = argv.length; break;
      case '-h': case '--help': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown option ${a}\n${USAGE}`);
    }
  }
  if (!['sqlite', 'postgresql', 'both'].includes(o.backend)) throw new Error(`--backend: sqlite, postgresql or both`);
  if (o.smoke && !argv.includes('--results')) o.results = join(tmpdir(), 'ali-bench-smoke');
  o.importRows ??= o.people;
  return o;
}

const started = Date.now();
const log = (s) => console.log(`bench: [${Math.round((Date.now() - started) / 1000)} s] ${s}`);

// The load measures of one backend into r.measures and r.memory.
async function loadMeasures(o, env, ds, r) {
  const load = { threads: o.threads, connections: o.connections, duration: o.duration, runs: o.runs, warmup: o.warmup };
  const nginx = await startNginx(env.runDir, cpus().length); // as many as ali serve's threads
  let srv = null;
  try {
    srv = await startAli(env.ali, ds.db, join(env.runDir, `serve-${r.backend}.log`));
    const { files } = await writeTargets({ ds, ali: env.ali, base: srv.base, dir: env.runDir });
    // The logins above verify passwords with argon2id, which takes far more
    // memory than any request: the figure of the load starts after them.
    const setupRss = peakRssMB(srv.pid);
    const reset = resetPeakRss(srv.pid);
    for (const { key, label, expect } of MEASURES) {
      log(`${r.backend}: ${label}`);
      const base = key === 'nginx_static' ? nginx.base : srv.base;
      try {
        await checkTargets(base, files[key], expect, readFileSync(files[key], 'utf8').split('\n'));
        const m = await measure(base, files[key], load, key === 'nginx_static' ? null : srv.pid);
        if (m.requests === 0) m.error = `no request was answered within ${o.duration} s`;
        else if (m.error_share > 0.01) m.error = `${m.errors} errors (status 400 or more, timeouts, socket errors) for ${m.requests} answers`;
        const limit = r.measures.nginx_static?.rps?.median;
        m.share_of_limit = key === 'nginx_static' ? 1 : limit ? m.rps.median / limit : null;
        m.met = targetMet(loadTarget(key, r.backend), m);
        r.measures[key] = { label, ...m };
      } catch (e) {
        r.measures[key] = { label, error: e.message.split('\n')[0] };
      }
    }
    const rss = peakRssMB(srv.pid);
    r.memory = { peak_rss_mb: rss, met: rss == null ? null : rss < RSS_TARGET_MB,
      setup_peak_rss_mb: setupRss, from: reset ? 'the load only (peak reset after the logins)' : 'the whole life of the server' };
  } finally {
    const [, exit] = await Promise.all([nginx.stop(), srv ? srv.stop() : 'not started']);
    r.server_exit = exit;
  }
}

function offlineMeasures(o, env, ds, r) {
  if (!o.skip.includes('reports')) {
    log(`${r.backend}: reports`);
    // The same page cache for both: the limit reads every row the reports
    // read, so one untimed run of it first leaves them all as warm as the
    // machine's memory allows (the load measures before, or another
    // dataset, had left them colder for the first reports than the limit).
    timeReportLimit(env.limit, ds);
    const list = timeReports(env.ali, ds, o.reportTimeout);
    const limit = timeReportLimit(env.limit, ds);
    const total = Math.round(list.reduce((s, x) => s + x.seconds, 0) * 1000) / 1000;
    const ratio = limit.seconds ? total / limit.seconds : null;
    r.reports = { list, total_seconds: total, limit_seconds: limit.seconds, limit_error: limit.error, ratio,
      met: ratio == null ? null : ratio <= REPORTS_TARGET_RATIO };
  }
  if (!o.skip.includes('import')) {
    log(`${r.backend}: import of ${o.importRows} people`);
    r.import = timeImport(env.ali, r.backend, { csv: env.csv, rows: o.importRows, runDir: env.runDir, admin: env.admin });
    r.import.met = r.import.error || r.import.rows !== IMPORT_TARGET.rows ? null : r.import.seconds < IMPORT_TARGET.seconds;
  }
}

// What has no figure in r: the reasons the run fails.
function missing(o, r) {
  const out = [];
  const number = (x) => typeof x === 'number' && Number.isFinite(x);
  if (!o.skip.includes('load')) {
    for (const { key } of MEASURES) {
      const m = r.measures[key];
      if (!m || m.error || !number(m.rps?.median) || !(m.rps.median > 0) || !number(m.p99_ms?.median)) out.push(`${key}: ${m?.error || 'no figure'}`);
    }
    if (!number(r.memory?.peak_rss_mb)) out.push('memory: no figure');
    if (r.server_exit !== 0) out.push(`ali serve exited with ${r.server_exit} (see its log)`);
  }
  if (r.reports) {
    for (const x of r.reports.list) if (x.error || !number(x.seconds)) out.push(`report ${x.name}: ${x.error || 'no figure'}`);
    if (!number(r.reports.limit_seconds)) out.push(`report limit: ${r.reports.limit_error || 'no figure'}`);
  }
  if (r.import && (r.import.error || !number(r.import.seconds))) out.push(`import: ${r.import.error || 'no figure'}`);
  return out;
}

async function runBackend(o, env, backend) {
  const r = { date: isoDate(), backend, people: o.people, machine: machine(), source: source(),
    load: { threads: o.threads, connections: o.connections, duration_s: o.duration, runs: o.runs, warmup_s: o.warmup },
    measures: {} };
  const ds = ensureDataset({ ali: env.ali, backend, people: o.people, schema: env.schema, dataDir: o.data, admin: env.admin, runDir: env.runDir, log });
  r.dataset = { ...datasetCounts(ds), mib: datasetMiB(ds), schema: env.schema, build_seconds: ds.build_seconds ?? null };
  if (!o.skip.includes('load')) await loadMeasures(o, env, ds, r);
  offlineMeasures(o, env, ds, r);
  r.problems = missing(o, r);
  const suffix = o.smoke ? '-smoke' : o.people === 1000000 ? '' : `-p${o.people}`;
  const file = join(o.results, `${r.date}-${backend}${suffix}.json`);
  writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
  JSON.parse(readFileSync(file, 'utf8')); // well-formed, as the smoke run checks
  console.log(`\n${table(r)}\n\nwritten ${file}`);
  for (const p of r.problems) console.log(`bench: PROBLEM: ${backend}: ${p}`);
  return r.problems.length === 0;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.markdown) {
    console.log(markdown(o.markdown.map((f) => JSON.parse(readFileSync(f, 'utf8')))));
    return 0;
  }
  const ali = resolve(process.env.ALI_BIN || join(ROOT, 'ali'));
  const limit = resolve(process.env.REPORT_LIMIT || join(ROOT, 'build', 'bench', 'report_limit'));
  for (const f of [ali, limit]) if (!existsSync(f)) throw new Error(`${f} is missing: run make bench (it builds it)`);
  mkdirSync(o.data, { recursive: true });
  mkdirSync(o.results, { recursive: true });
  const runDir = mkdtempSync(join(tmpdir(), 'ali-bench-'));
  chmodSync(runDir, 0o755); // the postgres user and nginx's workers look inside
  const env = { ali, limit, runDir, schema: schemaVersion(ali, runDir), admin: o.pg };
  const backends = o.backend === 'both' ? ['sqlite', 'postgresql'] : [o.backend];
  let pg = null, ok = true;
  try {
    if (backends.includes('postgresql') && !o.pg) {
      pg = pgStart(join(o.data, 'pg'), join(runDir, 'pg'));
      env.admin = pg.admin;
    }
    if (!o.skip.includes('import')) env.csv = await peopleCsv(o.data, o.importRows);
    for (const b of backends) ok = (await runBackend(o, env, b)) && ok;
  } finally {
    if (pg) pg.stop();
  }
  if (ok) rmSync(runDir, { recursive: true, force: true });
  else console.log(`bench: the logs are in ${runDir}`);
  return ok ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
