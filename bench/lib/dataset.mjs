// dataset.mjs — the benchmark's datasets: `ali demo --people N` built
// once and kept under bench/data (an SQLite file, and its bulk copy in a
// database of the benchmark's PostgreSQL cluster, see pgcopy.mjs), named
// after the number of participants and the binary's schema version, so
// that a dataset is built again only when the size asked for or the
// schema changes.  A dataset is built under a temporary name and renamed
// when complete, so an interrupted build is never taken for a dataset.
// Also: rows of a query on a dataset, through the sqlite3 and psql
// command-line programs (the harness never links a database library).
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pgDatabaseExists, pgUrl, psql } from './pg.mjs';
import { copySqliteToPg } from './pgcopy.mjs';
import { run, timed } from './util.mjs';

// The schema version of the binary: what `ali init` reports on an empty
// SQLite file.
export function schemaVersion(ali, runDir) {
  const file = join(runDir, 'schema-probe.db');
  const out = run(ali, ['init', '--db', file], { input: '' });
  rmSync(file, { force: true });
  const m = out.match(/schema version (\d+)/);
  if (!m) throw new Error(`ali init did not report a schema version:\n${out}`);
  return Number(m[1]);
}

// Rows of a query on dataset ds ({ backend, db }), each an array of text
// fields.
export function sqlRows(ds, sql) {
  if (ds.backend === 'postgresql') return psql(ds.db, sql);
  const out = run('sqlite3', ['-readonly', '-batch', '-noheader', '-separator', '\t', ds.db, sql]);
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

function sqliteDataset({ ali, people, schema, dataDir, log }) {
  const name = `sqlite-p${people}-s${schema}`;
  const db = join(dataDir, `${name}.db`);
  const metaFile = join(dataDir, `${name}.json`);
  if (existsSync(db) && existsSync(metaFile)) {
    return { backend: 'sqlite', db, built: false, ...JSON.parse(readFileSync(metaFile, 'utf8')) };
  }
  for (const f of readdirSync(dataDir)) {
    if (f.startsWith(`sqlite-p${people}-s`) && !f.startsWith(`${name}.`) && !f.includes('.building-')) {
      log(`removing ${f}: made for another schema version`);
      rmSync(join(dataDir, f), { recursive: true, force: true });
    }
  }
  const tmp = join(dataDir, `${name}.building-${process.pid}.db`);
  log(`building the SQLite dataset: ali demo --people ${people} (once; kept as ${db})`);
  const r = timed(ali, ['demo', '--db', tmp, '--people', String(people), '--no-serve'], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    for (const s of ['', '-wal', '-shm']) rmSync(tmp + s, { force: true });
    throw new Error(`ali demo failed (${r.status}):\n${r.stderr}${r.stdout}`);
  }
  if (existsSync(`${tmp}-wal`)) run('sqlite3', [tmp, 'PRAGMA wal_checkpoint(TRUNCATE);']);
  for (const s of ['-wal', '-shm']) rmSync(tmp + s, { force: true });
  renameSync(tmp, db);
  const meta = { build_seconds: Math.round(r.seconds * 10) / 10, built_at: new Date().toISOString() };
  writeFileSync(metaFile, JSON.stringify(meta) + '\n');
  return { backend: 'sqlite', db, built: true, ...meta };
}

function pgDataset(opts) {
  const { ali, people, schema, dataDir, admin, log } = opts;
  const name = `bench_p${people}_s${schema}`;
  const db = pgUrl(admin, name);
  const metaFile = join(dataDir, `pg-p${people}-s${schema}.json`);
  if (pgDatabaseExists(admin, name)) {
    const meta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : {};
    return { backend: 'postgresql', db, built: false, ...meta };
  }
  const lite = sqliteDataset(opts);
  for (const [old] of psql(admin, `SELECT datname FROM pg_database WHERE datname LIKE 'bench_p${people}_s%'`)) {
    log(`dropping database ${old}: made for another schema version or left by an interrupted build`);
    psql(admin, `DROP DATABASE ${old}`);
  }
  for (const f of readdirSync(dataDir)) {
    if (f.startsWith(`pg-p${people}-s`) && f !== `pg-p${people}-s${schema}.json`) rmSync(join(dataDir, f), { force: true });
  }
  const tmp = `${name}_building`;
  psql(admin, `CREATE DATABASE ${tmp}`);
  log(`building the PostgreSQL dataset: the SQLite one copied in bulk (once; kept as database ${name})`);
  const t0 = Date.now();
  try {
    copySqliteToPg(ali, lite.db, pgUrl(admin, tmp), opts.runDir);
  } catch (e) {
    psql(admin, `DROP DATABASE ${tmp}`);
    throw e;
  }
  psql(admin, `ALTER DATABASE ${tmp} RENAME TO ${name}`);
  const meta = { build_seconds: Math.round((Date.now() - t0) / 100) / 10, built_at: new Date().toISOString(),
    built_from: 'the SQLite dataset, copied with COPY' };
  writeFileSync(metaFile, JSON.stringify(meta) + '\n');
  return { backend: 'postgresql', db, built: true, ...meta };
}

// The dataset of opts.backend with opts.people participants, built if
// missing (the PostgreSQL one from the SQLite one, see pgcopy.mjs).
// Returns { backend, db, built, build_seconds, built_at }: db is the
// file or the URL to pass to --db.
export function ensureDataset(opts) {
  return opts.backend === 'postgresql' ? pgDataset(opts) : sqliteDataset(opts);
}

// What the dataset holds, for the report's header.
export function datasetCounts(ds) {
  const [row] = sqlRows(ds, 'SELECT (SELECT count(*) FROM case_file WHERE agreed_on IS NOT NULL),' +
    ' (SELECT count(*) FROM person), (SELECT count(*) FROM household), (SELECT count(*) FROM intervention),' +
    ' (SELECT count(*) FROM activity), (SELECT count(*) FROM request)');
  const [participants, people, households, interventions, activities, requests] = row.map(Number);
  return { participants, people, households, interventions, activities, requests };
}

// The size of the dataset on disk, in MiB.
export function datasetMiB(ds) {
  if (ds.backend === 'postgresql') {
    const name = new URL(ds.db).pathname.slice(1);
    return Math.round(Number(sqlRows(ds, `SELECT pg_database_size('${name}')`)[0][0]) / 1048576);
  }
  return Math.round(Number(run('stat', ['-c', '%s', ds.db]).trim()) / 1048576);
}
