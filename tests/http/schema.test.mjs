// schema.test.mjs — the two dialects of every migration must define the
// same tables and columns (views and functions are each dialect's own:
// SQLite writes a procedure as a view with a trigger).  Runs in the
// PostgreSQL pass (it needs both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ali, freshDatabase, BACKEND } from './server.mjs';

function sqliteColumns(path) {
  const out = execFileSync('sqlite3', [path,
    "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p" +
    " WHERE m.type = 'table' ORDER BY 1"], { encoding: 'utf8' });
  return out.trim().split('\n');
}

function pgColumns(url) {
  const out = execFileSync('psql', [url, '-At', '-c',
    "SELECT c.table_name || '.' || c.column_name FROM information_schema.columns c" +
    " JOIN information_schema.tables t USING (table_schema, table_name)" +
    " WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY 1"], { encoding: 'utf8' });
  return out.trim().split('\n');
}

test('SQLite and PostgreSQL schemas have the same tables and columns', { skip: BACKEND !== 'postgresql' }, () => {
  const lite = join(mkdtempSync(join(process.env.ALI_TEST_TMP || tmpdir(), 'ali-schema-')), 's.db');
  const pg = freshDatabase();
  assert.equal(ali(['init', '--db', lite]).status, 0);
  assert.equal(ali(['init', '--db', pg]).status, 0);
  const a = sqliteColumns(lite), b = pgColumns(pg);
  assert.ok(a.length > 10, 'the schema has tables');
  assert.deepEqual(b.sort(), a.sort());
});
