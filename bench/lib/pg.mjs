// pg.mjs — the PostgreSQL server of the benchmark, started as tests/run
// starts the tests' one: initdb and pg_ctl from the newest installed
// version, trust authentication for the user "ali", a unix socket in the
// run's temporary directory and no TCP port, run as the postgres user when
// we are root.  Unlike the tests' server it keeps its data directory
// (under bench/data/pg) so that the datasets built in it are reused, and
// it keeps PostgreSQL's durability defaults (fsync on): the durable-write
// measure means what it says.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './util.mjs';

function pgBin() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (!versions.length) throw new Error('PostgreSQL is not installed (scripts/deps installs it)');
  versions.sort((a, b) => Number(a) - Number(b));
  const v = versions[versions.length - 1];
  return { bin: join(root, v, 'bin'), major: v };
}

const asRoot = process.getuid && process.getuid() === 0;

// Runs a PostgreSQL server program as the postgres user when we are root.
function pgRun(file, args) {
  return asRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args);
}

// Starts the server on dataDir (created with initdb the first time, or
// again when it was made by another PostgreSQL version), its socket and
// its log (server.log) in sockDir.  Returns { admin, stop() }: admin is
// the URL of the "postgres" database as user ali.
export function pgStart(dataDir, sockDir) {
  const logFile = join(sockDir, 'server.log');
  const { bin, major } = pgBin();
  const versionFile = join(dataDir, 'PG_VERSION');
  if (existsSync(versionFile) && readFileSync(versionFile, 'utf8').trim() !== major) {
    console.log(`bench: ${dataDir} was made by another PostgreSQL version: starting it afresh`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(sockDir, { recursive: true });
  if (!existsSync(versionFile)) {
    mkdirSync(dataDir, { recursive: true });
    if (asRoot) run('chown', ['postgres', dataDir]);
    pgRun(join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'ali', '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  if (asRoot) run('chown', ['-R', 'postgres', dataDir, sockDir]);
  // A server left running by an interrupted run holds the data directory.
  try {
    pgRun(join(bin, 'pg_ctl'), ['-D', dataDir, 'status']);
    pgRun(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', 'stop']);
  } catch { /* not running: the usual case */ }
  pgRun(join(bin, 'pg_ctl'), ['-D', dataDir, '-w', '-l', logFile, '-o',
    `-k ${sockDir} -c listen_addresses= -c max_connections=200`, 'start']);
  const admin = `postgresql:///postgres?host=${sockDir}&user=ali`;
  return {
    admin,
    stop() {
      try { pgRun(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', 'stop']); } catch { /* gone */ }
    },
  };
}

// The URL of database NAME on the server of admin URL.
export function pgUrl(admin, name) {
  return admin.replace('/postgres?', `/${name}?`);
}

// Rows of a query, each an array of text fields (psql's unaligned output).
export function psql(url, sql) {
  const out = run('psql', ['-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql, url]);
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

export function pgDatabaseExists(admin, name) {
  return psql(admin, `SELECT 1 FROM pg_database WHERE datname = '${name}'`).length > 0;
}
