// server.mjs — starts a real `ali serve` for a test file: a fresh database
// (a temporary SQLite file, or a new PostgreSQL database on the server
// tests/run started), a free loopback port, and a clean stop at the end
// that fails the test if the server did not exit cleanly (a leak or a
// sanitizer report under AddressSanitizer makes the exit status non-zero).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ALI = process.env.ALI_BIN || new URL('../../build/asan/ali', import.meta.url).pathname;
export const BACKEND = process.env.ALI_TEST_BACKEND || 'sqlite';

let dbCounter = 0;

// A new, empty database URL for the current backend.
export function freshDatabase() {
  if (BACKEND === 'postgresql') {
    const admin = process.env.ALI_TEST_PG;
    if (!admin) throw new Error('ALI_TEST_PG is not set: tests/run starts PostgreSQL');
    const name = `ali_t${process.pid}_${++dbCounter}`;
    execFileSync('psql', [admin, '-q', '-c', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
    return admin.replace('/postgres?', `/${name}?`);
  }
  const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-db-'));
  return join(dir, 'test.db');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

// Runs `ali ARGS...` to completion; returns { status, stdout, stderr }.
// A process that could not even be started (spawn failed: no exit status
// and no signal, e.g. EAGAIN on a loaded machine) is retried: that is the
// machine's trouble, not ali's, and is reported if it persists.
export function ali(args, opts = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      const stdout = execFileSync(ALI, args, { encoding: 'utf8', stdio: 'pipe', ...opts });
      return { status: 0, stdout, stderr: '' };
    } catch (e) {
      const notStarted = e.status === null && !e.signal;
      if (notStarted && attempt < 4) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200 * attempt);
        continue;
      }
      return { status: e.status, signal: e.signal, stdout: e.stdout || '',
        stderr: e.stderr || (notStarted ? `could not run ali: ${e.code || e.message}` : '') };
    }
  }
}

export const TEST_PASSWORD = 'correct horse battery staple';

// Adds an account (ali user add) and returns its API token.  `agency`
// is the code of the account's agency when not the first one.
export function addUser(db, username, roles, { org, name, agency } = {}) {
  const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-pw-'));
  const file = join(dir, 'pw');
  writeFileSync(file, TEST_PASSWORD + '\n');
  const args = ['user', 'add', username, '--db', db, '--password-file', file, '--name', name || username];
  for (const role of roles) args.push('--role', role);
  if (org) args.push('--org', org);
  if (agency) args.push('--agency', agency);
  const r = ali(args);
  if (r.status !== 0) throw new Error(`ali user add ${username} failed: ${r.stderr}`);
  const t = ali(['user', 'token', username, '--db', db, ...(agency ? ['--agency', agency] : [])]);
  if (t.status !== 0) throw new Error(`ali user token ${username} failed (${t.status ?? t.signal}): ${t.stderr}`);
  return t.stdout.trim().split('\n').pop();
}

// The token every request() sends unless told otherwise (the current
// server's manager+admin account); tests of anonymous access pass
// { token: null }.
let defaultToken = null;

// Creates and initialises a database with one manager+admin account
// ("tester"), then serves it.  Returns { base, db, token, stop }: base is
// 'http://127.0.0.1:PORT'; await stop() at the end.
export async function startServer({ db, init = true, args = [] } = {}) {
  db = db || freshDatabase();
  let token = null;
  if (init) {
    const r = ali(['init', '--db', db]);
    if (r.status !== 0) throw new Error(`ali init failed: ${r.stderr}`);
    token = addUser(db, 'tester', ['manager', 'admin'], { name: 'Test Manager' });
    defaultToken = token;
  }
  const port = await freePort();
  const child = spawn(ALI, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise((resolve) => child.on('exit', (code, sig) => resolve({ code, sig })));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (child.exitCode !== null || i > 200) throw new Error(`ali serve did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    db,
    token,
    log: () => log,
    async stop() {
      child.kill('SIGTERM');
      const { code, sig } = await exited;
      if (code !== 0) throw new Error(`ali serve exited with ${code ?? sig}:\n${log}`);
    },
  };
}

// fetch() relative to a server, returning { status, headers, body, json }.
// Sends the server's test token unless `token` says otherwise (null: none).
export async function request(base, method, path, { body, headers = {}, raw, token = defaultToken } = {}) {
  const init = { method, headers: { ...headers }, redirect: 'manual' };
  if (token && !init.headers.Authorization) init.headers.Authorization = `Bearer ${token}`;
  if (raw !== undefined) init.body = raw;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] ??= 'application/json';
  }
  const r = await fetch(base + path, init);
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: r.status, headers: r.headers, body: text, json };
}
