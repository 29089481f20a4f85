// output.mjs — the results: the machine they were measured on, the table
// on the terminal, bench/results/<date>-<backend>.json, and the Markdown
// table of the README's Performance section (bench/run --markdown).
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { IMPORT_TARGET, MEASURES, REPORTS_TARGET_RATIO, RSS_TARGET_MB, loadTarget, targetText } from './goals.mjs';
import { run } from './util.mjs';

export function machine() {
  let os = 'Linux';
  try { os = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)/m)[1]; } catch { /* keep Linux */ }
  return {
    cpu: (cpus()[0] || {}).model || 'unknown',
    cores: cpus().length,
    memory_gib: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    os,
  };
}

// The commit the binary was built from, and whether the tree had changes.
export function source() {
  try {
    const commit = run('git', ['rev-parse', '--short', 'HEAD']).trim();
    const dirty = run('git', ['status', '--porcelain', '--untracked-files=no']).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

const int = (x) => (x == null ? '—' : Math.round(x).toLocaleString('en'));
const ms = (x) => (x == null ? '—' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : int(x));
const pct = (x) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;
const range = (s, f) => (s ? `${f(s.median)} [${f(s.min)}–${f(s.max)}]` : '—');
const verdict = (met) => (met == null ? '' : met ? 'met' : 'MISSED');
const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);

function loadLines(r) {
  const out = [`${pad('measure', 46)}${padl('requests/s', 26)}${padl('p99 ms', 28)}${padl('of nginx', 10)}  target`];
  for (const { key, label } of MEASURES) {
    const m = r.measures[key];
    if (!m) continue;
    const t = loadTarget(key, r.backend);
    const share = m.share_of_limit == null || key === 'write' ? '' : pct(m.share_of_limit);
    const what = m.error ? `error: ${m.error}` : `${targetText(t)}${t ? ': ' + verdict(m.met) : ''}`;
    out.push(`${pad(label, 46)}${padl(range(m.rps, int), 26)}${padl(range(m.p99_ms, ms), 28)}${padl(share, 10)}  ${what}`);
  }
  if (r.memory) {
    out.push(`${pad('ali serve: peak resident memory under load', 46)}${padl(`${r.memory.peak_rss_mb} MB`, 26)}${padl('', 38)}  ` +
      `< ${RSS_TARGET_MB} MB: ${verdict(r.memory.met)}`);
    if (r.memory.setup_peak_rss_mb != null) {
      out.push(`${pad('  (peak before, with the argon2id logins)', 46)}${padl(`${r.memory.setup_peak_rss_mb} MB`, 26)}`);
    }
  }
  return out;
}

function offlineLines(r) {
  const out = [];
  if (r.reports) {
    out.push('', `${pad('report (csv, whole dataset)', 46)}${padl('seconds', 12)}`);
    for (const x of r.reports.list) {
      const name = x.per_round ? `${x.name} (${x.runs} rounds)` : x.name;
      out.push(`${pad(name, 46)}${padl((x.timed_out ? '> ' : '') + x.seconds.toFixed(3), 12)}${x.error ? `  error: ${x.error}` : ''}`);
    }
    const lim = r.reports.limit_seconds;
    const over = r.reports.list.some((x) => x.timed_out) ? '> ' : '';
    out.push(`${pad('all reports', 46)}${padl(over + r.reports.total_seconds.toFixed(3), 12)}` +
      (r.reports.ratio ? `  ${r.reports.ratio.toFixed(1)} × the limit; target ≤ ${REPORTS_TARGET_RATIO} ×: ${verdict(r.reports.met)}` : ''));
    out.push(`${pad('single-pass C limit (bench/report_limit)', 46)}${padl(lim == null ? '—' : lim.toFixed(3), 12)}` +
      (r.reports.limit_error ? `  error: ${r.reports.limit_error}` : ''));
  }
  if (r.import) {
    const i = r.import;
    out.push('', `${pad(`import of ${int(i.rows)} people (ali import people)`, 46)}${padl(`${i.seconds.toFixed(1)} s`, 12)}` +
      `  ${int(i.rows_per_second)} rows/s` +
      (i.error ? `  error: ${i.error}` : i.rows === IMPORT_TARGET.rows ? `; target < ${IMPORT_TARGET.seconds} s: ${verdict(i.met)}` : ''));
  }
  return out;
}

// The table of one backend's results, as lines for the terminal.
export function table(r) {
  const d = r.dataset;
  const head = [
    `ali bench — ${r.backend} — ${int(d.participants)} participants, ${int(d.people)} people, ` +
      `${int(d.households)} households, ${int(d.interventions)} interventions, ${int(d.activities)} register entries ` +
      `(${int(d.mib)} MiB${d.build_seconds ? `, built in ${int(d.build_seconds)} s` : ''})`,
    `wrk: ${r.load.threads} threads, ${r.load.connections} connections, ${r.load.runs} run(s) of ${r.load.duration_s} s` +
      ` after a ${r.load.warmup_s} s warm-up; median [min–max]`,
    `machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memory_gib} GiB, ${r.machine.os}, Linux ${r.machine.kernel}`,
    '',
  ];
  return [...head, ...loadLines(r), ...offlineLines(r)].join('\n');
}

/* ---- the README's table ---- */

function cell(m, key) {
  if (!m) return '—';
  if (m.error) return `no figure: ${m.error}`;
  const share = m.share_of_limit != null && m.share_of_limit < 1 && key !== 'write' ? ` (${pct(m.share_of_limit)})` : '';
  return `${int(m.rps.median)}/s, p99 ${ms(m.p99_ms.median)} ms${share}`;
}

// The target of a measure on the backends, said once when it is the same.
function targets(key, backs, names) {
  const t = backs.map((b) => targetText(loadTarget(key, b)));
  if (t.every((x) => x === t[0])) return t[0];
  return backs.map((b, i) => t[i] && `${names[b]}: ${t[i]}`).filter(Boolean).join('; ');
}

// The reports that did not finish or took longest, in words.
function slowest(r) {
  const a = [...r.reports.list].sort((x, y) => y.seconds - x.seconds).slice(0, 2);
  return a.map((x) => `${x.name} ${x.timed_out ? '> ' : ''}${x.seconds.toFixed(1)} s`).join(', ');
}

// A Markdown table of result files (one per backend, same run).
export function markdown(results) {
  const by = Object.fromEntries(results.map((r) => [r.backend, r]));
  const backs = ['sqlite', 'postgresql'].filter((b) => by[b]);
  const names = { sqlite: 'SQLite', postgresql: 'PostgreSQL' };
  const r0 = by[backs[0]];
  const lines = [`| measure | ${backs.map((b) => names[b]).join(' | ')} | target |`, `|---|${backs.map(() => '---|').join('')}---|`];
  for (const { key, label } of MEASURES) {
    lines.push(`| ${label.replaceAll('|', '\\|')} | ${backs.map((b) => cell(by[b].measures[key], key)).join(' | ')} | ${targets(key, backs, names)} |`);
  }
  const pick = (f) => backs.map((b) => f(by[b])).join(' | ');
  lines.push(`| ali serve: peak resident memory under load | ${pick((r) => (r.memory ? `${r.memory.peak_rss_mb} MB` : '—'))} | < ${RSS_TARGET_MB} MB |`);
  const nReport = r0.reports ? r0.reports.list.length : 0;
  const over = (r) => (r.reports.list.some((x) => x.timed_out) ? '> ' : '');
  lines.push(`| all ${nReport} reports, whole dataset | ${pick((r) => (r.reports ? `${over(r)}${r.reports.total_seconds.toFixed(1)} s (${r.reports.ratio ? r.reports.ratio.toFixed(1) : '—'} × the limit; slowest: ${slowest(r)})` : '—'))} | ≤ ${REPORTS_TARGET_RATIO} × the limit |`);
  lines.push(`| single-pass C limit | ${pick((r) => (r.reports && r.reports.limit_seconds != null ? `${r.reports.limit_seconds.toFixed(2)} s` : '—'))} | |`);
  lines.push(`| import of ${int(by[backs[0]].import ? by[backs[0]].import.rows : 0)} people | ${pick((r) => (r.import ? `${r.import.seconds.toFixed(1)} s` : '—'))} | 1,000,000 in < ${IMPORT_TARGET.seconds} s |`);
  const d = r0.dataset;
  lines.push('', `Dataset: \`ali demo --people ${r0.people}\`: ${int(d.participants)} participants, ${int(d.people)} people in ` +
    `${int(d.households)} households, ${int(d.interventions)} interventions, ${int(d.activities)} register entries. ` +
    `Load: wrk on the same machine, ${r0.load.threads} threads, ${r0.load.connections} connections, median of ${r0.load.runs} runs of ` +
    `${r0.load.duration_s} s. Machine: ${r0.machine.cpu}, ${r0.machine.cores} cores, ${r0.machine.memory_gib} GiB, ` +
    `${r0.machine.os}; ${r0.date}, commit ${r0.source.commit}${r0.source.dirty ? ' with local changes' : ''}.`);
  return lines.join('\n');
}
