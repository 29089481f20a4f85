// goals.mjs — the load measures, in the order they run and print, and the
// targets of issue 7 each figure is judged against.  A target is shown as
// met or missed beside the figure; nothing fails on time (the harness
// fails only when a measure produced no figure).

// key: the request file (targets.mjs); expect: the status its requests answer.
export const MEASURES = [
  { key: 'nginx_static', label: 'nginx: static 2 KB JSON (the limit)', expect: 200 },
  { key: 'person_json', label: 'person JSON, GET /api/v1/people/{id} (token)', expect: 200 },
  { key: 'person_html', label: 'person page, GET /people/{id} (cookie)', expect: 200 },
  { key: 'search', label: 'search by surname prefix, /api/v1/people?q=', expect: 200 },
  { key: 'caseload', label: "case manager's caseload, GET /people", expect: 200 },
  { key: 'write', label: 'durable write: register entry + audit', expect: 201 },
];

// Per measure and backend: share (of nginx's requests/s), p99_ms, rps.
const LOAD_TARGETS = {
  person_json: { sqlite: { share: 0.5, p99_ms: 10 }, postgresql: { share: 0.3 } },
  person_html: { sqlite: { share: 0.35 } },
  search: { sqlite: { share: 0.25, p99_ms: 20 }, postgresql: { share: 0.25, p99_ms: 20 } },
  caseload: { sqlite: { share: 0.25 }, postgresql: { share: 0.25 } },
  write: { sqlite: { rps: 2000, p99_ms: 50 } },
};
export const RSS_TARGET_MB = 100;
export const REPORTS_TARGET_RATIO = 1.5;
export const IMPORT_TARGET = { rows: 1000000, seconds: 20 };

// The target of a measure on a backend, or null.
export function loadTarget(key, backend) {
  return (LOAD_TARGETS[key] || {})[backend] || null;
}

// A target in words: "≥ 50 % of nginx, p99 < 10 ms".
export function targetText(t) {
  if (!t) return '';
  const parts = [];
  if (t.share) parts.push(`≥ ${Math.round(t.share * 100)} % of nginx`);
  if (t.rps) parts.push(`≥ ${t.rps.toLocaleString('en')}/s`);
  if (t.p99_ms) parts.push(`p99 < ${t.p99_ms} ms`);
  return parts.join(', ');
}

// Whether measure m (with its share of the limit) meets target t; null
// when there is no target or no figure.
export function targetMet(t, m) {
  if (!t || !m || !m.rps) return null;
  if (t.share && !(m.share_of_limit >= t.share)) return false;
  if (t.rps && !(m.rps.median >= t.rps)) return false;
  if (t.p99_ms && !(m.p99_ms.median < t.p99_ms)) return false;
  return true;
}
