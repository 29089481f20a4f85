// cli_money.test.mjs — `ali report money` (src/report/report_money.c) on
// `ali demo` data: per stream, the allocation, the spent (approved lines)
// and the reimbursed (approved lines of reimbursed statements) equal sums
// the test makes itself from the rows of funding_stream, expense and
// statement; left is the allocation less the larger of committed and
// spent; the per-cooperative and per-quarter spent add up to the stream's;
// the overcommitted stream is warned about; XLSX and PDF come out.  Runs
// on SQLite and PostgreSQL.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, ali } from './server.mjs';
import { sql } from './access_fixture.mjs';

let db, facts;
const cents = (s) => Math.round(Number(s) * 100);
const table = (q) => sql(db, q).trim().split('\n').filter(Boolean).map((l) => l.split('|'));

before(() => {
  db = freshDatabase();
  const r = ali(['demo', '--db', db, '--no-serve', '--people', '40', '--seed', '4']);
  assert.equal(r.status, 0, r.stderr);
  const c = ali(['report', 'money', '--db', db, '--format', 'csv']);
  assert.equal(c.status, 0, c.stderr);
  const [head, ...lines] = c.stdout.trim().split('\n');
  assert.equal(head, 'stream,cooperative,quarter,measure,euros');
  facts = lines.map((l) => {
    const [stream, cooperative, quarter, measure, euros] = l.split(',');
    return { stream, cooperative, quarter, measure, cents: cents(euros) };
  });
});

const fact = (stream, measure, cooperative = 'total', quarter = 'total') =>
  facts.find((f) => f.stream === stream && f.measure === measure && f.cooperative === cooperative &&
    f.quarter === quarter)?.cents;

test('per stream: allocation, spent, reimbursed and left as the rows say', () => {
  const streams = table('SELECT id, code, allocation_cents FROM funding_stream');
  assert.ok(streams.length >= 2);
  const expenses = table(`SELECT e.funding_stream_id, e.amount_cents, e.decision, s.status
    FROM expense e LEFT JOIN statement s ON s.id = e.statement_id`);
  assert.ok(expenses.length > 0, 'the demo records expenses');
  for (const [id, code, allocation] of streams) {
    const mine = expenses.filter((e) => e[0] === id && e[2] === 'approved');
    const spent = mine.reduce((n, e) => n + Number(e[1]), 0);
    const reimbursed = mine.filter((e) => e[3] === 'reimbursed').reduce((n, e) => n + Number(e[1]), 0);
    assert.equal(fact(code, 'allocation'), Number(allocation), `${code} allocation`);
    assert.equal(fact(code, 'spent'), spent, `${code} spent`);
    assert.equal(fact(code, 'reimbursed'), reimbursed, `${code} reimbursed`);
    const committed = fact(code, 'committed');
    assert.equal(fact(code, 'left'), Number(allocation) - Math.max(committed, spent), `${code} left`);
    // the breakdowns add up to the stream
    const sum = (key) => facts.filter((f) => f.stream === code && f.measure === 'spent' &&
      f[key] !== 'total' && (key === 'cooperative' ? f.quarter === 'total' : f.cooperative === 'total'))
      .reduce((n, f) => n + f.cents, 0);
    assert.equal(sum('cooperative'), spent, `${code} spent per cooperative`);
    assert.equal(sum('quarter'), spent, `${code} spent per quarter`);
  }
});

test('the overcommitted stream is warned about; XLSX and PDF come out', () => {
  const over = facts.filter((f) => f.measure === 'left' && f.cents < 0).map((f) => f.stream);
  const t = ali(['report', 'money', '--db', db, '--lang', 'en']);
  assert.equal(t.status, 0, t.stderr);
  for (const code of over) {
    const name = sql(db, `SELECT name FROM funding_stream WHERE code='${code}'`).trim();
    assert.match(t.stdout, new RegExp(`${name.replace(/[()+]/g, '\\$&')}: committed .* beyond its allocation`));
  }
  const dir = mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-money-'));
  const x = join(dir, 'money.xlsx');
  assert.equal(ali(['report', 'money', '--db', db, '--format', 'xlsx', '--output', x]).status, 0);
  const book = execFileSync('unzip', ['-p', x, 'xl/workbook.xml']).toString();
  for (const s of ['streams', 'cooperatives', 'quarters', 'data']) assert.match(book, new RegExp(`name="${s}"`));
  const p = join(dir, 'money.pdf');
  assert.equal(ali(['report', 'money', '--db', db, '--format', 'pdf', '--output', p, '--lang', 'en']).status, 0);
  assert.equal(readFileSync(p).subarray(0, 5).toString(), '%PDF-');
  const text = execFileSync('pdftotext', ['-layout', p, '-']).toString();
  assert.match(text, /Per funding stream, in euros/);
});
