// util.mjs — what the harness's modules share: running a program and
// timing it, a free loopback port, waiting for an HTTP server, and the
// statistics of repeated runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

// Runs FILE ARGS to completion and returns its standard output; throws
// with its standard error when it fails (exit status other than 0).
export function run(file, args, opts = {}) {
  try {
    return execFileSync(file, args, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  } catch (e) {
    const why = (e.stderr || '').toString().trim() || e.message;
    throw new Error(`${file} ${args.join(' ')}: ${why}`);
  }
}

// Runs FILE ARGS and returns { status, seconds, stdout, stderr } without
// throwing: the wall time is the whole process's, start to exit.
export function timed(file, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { status: r.status ?? -1, signal: r.signal, seconds, stdout: r.stdout || '', stderr: r.stderr || (r.error ? r.error.message : '') };
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
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

// Waits until GET URL answers (any status), or the child exits, or ten
// seconds pass (then throws with what the child printed).
export async function waitHttp(url, child, log) {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(url);
      return;
    } catch { /* not listening yet */ }
    if (child.exitCode !== null || child.signalCode !== null) break;
    await sleep(50);
  }
  throw new Error(`${url} did not answer:\n${log()}`);
}

// { median, min, max } of a list of numbers (the lower median of an even
// count, so that it is always one of the runs).
export function stats(values) {
  const a = [...values].sort((x, y) => x - y);
  return { median: a[Math.floor((a.length - 1) / 2)], min: a[0], max: a[a.length - 1] };
}

// The peak resident set of a process, in MB (10^6 bytes, one decimal),
// from /proc/PID/status (VmHWM); null when the process is gone.
export function peakRssMB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = status.match(/^VmHWM:\s+(\d+) kB/m);
    return m ? Math.round(Number(m[1]) * 1024 / 1e5) / 10 : null;
  } catch {
    return null;
  }
}

// Resets the peak resident set of a process to its current resident set
// (Linux's clear_refs "5"), so that a later peakRssMB covers only what
// happens after; false when that is not possible.
export function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

// A UTC date YYYY-MM-DD, days from today.
export function isoDate(days = 0) {
  return new Date(Date.now() + days * 86400e3).toISOString().slice(0, 10);
}
