// pgcopy.mjs — the PostgreSQL dataset as a bulk copy of the SQLite one.
// `ali demo` on PostgreSQL writes row by row, a round trip each, which at
// a million participants would take many hours; the same rows copied with
// COPY take minutes, and both backends are then measured on the very same
// data.  The schema comes from `ali init` (so it is exactly the binary's);
// then, in one psql session, every table of it is emptied and filled from
// the SQLite file (\copy FROM PROGRAM 'sqlite3 -csv ...'), with triggers
// and foreign-key checks off for the session (session_replication_role =
// replica: the rows are already consistent, and the case_assignment
// triggers must not add history rows twice), every identity sequence is
// moved past the largest id, and the tables are analysed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { psql } from './pg.mjs';
import { run } from './util.mjs';

const q = (name) => `"${name.replaceAll('"', '""')}"`;

// Fills the empty PostgreSQL database url with the rows of the SQLite
// file sqlite, both of the same schema version; dir holds the scripts.
export function copySqliteToPg(ali, sqlite, url, dir) {
  run(ali, ['init', '--db', url], { input: '' });
  const cols = new Map();
  for (const [t, c] of psql(url, "SELECT c.table_name, c.column_name FROM information_schema.columns c" +
    " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name" +
    " WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migration'" +
    ' ORDER BY c.table_name, c.ordinal_position')) {
    if (!cols.has(t)) cols.set(t, []);
    cols.get(t).push(c);
  }
  const tables = [...cols.keys()];
  const script = ['\\set ON_ERROR_STOP 1', 'SET session_replication_role = replica;',
    `TRUNCATE ${tables.map(q).join(', ')};`];
  for (const t of tables) {
    const list = cols.get(t).map(q).join(', ');
    writeFileSync(join(dir, `copy-${t}.sql`), `SELECT ${list} FROM ${q(t)};\n`);
    script.push(`\\copy ${q(t)} (${list}) FROM PROGRAM 'sqlite3 -readonly -batch -csv "$BENCH_SQLITE" < "$BENCH_COPY_DIR/copy-${t}.sql"' WITH (FORMAT csv)`);
  }
  for (const [t, c] of psql(url, "SELECT table_name, column_name FROM information_schema.columns" +
    " WHERE table_schema = 'public' AND is_identity = 'YES'")) {
    script.push(`SELECT setval(pg_get_serial_sequence('${q(t)}', '${c}'), coalesce(max(${q(c)}), 0) + 1, false) FROM ${q(t)};`);
  }
  script.push('VACUUM ANALYZE;');
  const file = join(dir, 'copy.sql');
  writeFileSync(file, script.join('\n') + '\n');
  run('psql', ['-X', '-q', '-o', '/dev/null', '-f', file, url], { env: { ...process.env, BENCH_SQLITE: sqlite, BENCH_COPY_DIR: dir } });
}
