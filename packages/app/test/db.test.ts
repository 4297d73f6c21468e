/** The database: migrations (ordered, recorded, all-or-nothing) and the store's reads and writes. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../src/server/db/migrate.js';
import { sqliteSql } from '../src/server/db/sql.js';
import { openDatabase, Store } from '../src/server/db/store.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

function migrationsDir(name: string, files: Record<string, string>): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, sql] of Object.entries(files)) writeFileSync(join(dir, file), sql);
  return dir;
}

describe('migrations', () => {
  it('applies the repository\'s migrations in order once, and records each', () => {
    const db = new BetterSqlite3(':memory:');
    const all = readMigrations();
    expect(all.map((m) => m.version)).toEqual(all.map((_, i) => i + 1));
    expect(migrate(db)).toEqual(all.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(all.map((m) => ({ version: m.version, name: m.name })));
    expect(tables(db)).toEqual(expect.arrayContaining(['cell_edits', 'cell_runs', 'exercise_attempts', 'exercises_solved', 'lesson_progress', 'schema_migrations']));
  });

  it('applies only the new migrations to an older database', () => {
    const dir = migrationsDir('grow', { '001-a.sql': 'CREATE TABLE a (x INTEGER);' });
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, readMigrations(dir))).toEqual([1]);
    writeFileSync(join(dir, '002-b.sql'), 'CREATE TABLE b (y INTEGER);');
    expect(migrate(db, readMigrations(dir))).toEqual([2]);
    expect(tables(db)).toEqual(['a', 'b', 'schema_migrations']);
  });

  it('rolls back every pending migration when one fails', () => {
    const dir = migrationsDir('broken', {
      '001-good.sql': 'CREATE TABLE good (x INTEGER);',
      '002-bad.sql': 'CREATE TABLE bad (y INTEGER); INSERT INTO nowhere VALUES (1);',
      'notes.txt': 'not a migration',
    });
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, readMigrations(dir))).toThrow(/no such table: nowhere/);
    expect(tables(db)).toEqual(['schema_migrations']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
  });

  it('refuses two migrations with one number, and a database newer than the code', () => {
    const dup = migrationsDir('dup', { '001-a.sql': 'SELECT 1;', '001-b.sql': 'SELECT 2;' });
    expect(() => readMigrations(dup)).toThrow(/Two migrations share version 1: 001-a.sql and 001-b.sql/);
    const db = new BetterSqlite3(':memory:');
    migrate(db, readMigrations(migrationsDir('one', { '001-a.sql': 'SELECT 1;' })));
    db.prepare("INSERT INTO schema_migrations VALUES (7, '007-future.sql', 'x')").run();
    expect(() => migrate(db, readMigrations(migrationsDir('one', {})))).toThrow(/schema version 7, newer than this copy of Descent knows \(1\)/);
  });
});

describe('store', () => {
  const path = join(tmp.dir, 'nested', 'folder', 'descent.db');

  it('creates the file and its folder, in WAL mode with full sync', () => {
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('keeps edits, runs and attempts across reopening (the shared suite in store-suite.test.ts covers the rest)', async () => {
    let store = new Store(sqliteSql(openDatabase(path)));
    await store.saveEdit('03-calculus', 2, 'const a = 2;', 'h1');
    await store.recordRun('03-calculus', 1);
    await store.addAttempt('03-calculus', 'grad', { code: 'y', passed: true, tests: [{ name: 't', passed: true }] });
    await store.sql.close();

    store = new Store(sqliteSql(openDatabase(path)));
    expect(await store.edits('03-calculus')).toMatchObject([{ cell: 2, code: 'const a = 2;', originalHash: 'h1' }]);
    const state = await store.lessonState('03-calculus');
    expect(state.cellsRun).toEqual([1]);
    expect(state.solved.map((s) => s.exerciseId)).toEqual(['grad']);
    expect((await store.attempts('03-calculus', 'grad')).map((a) => a.code)).toEqual(['y']);
    await store.sql.close();
  });

  it('moves a one-person database\'s rows to user 0 when it migrates to per-learner tables', () => {
    const db = new BetterSqlite3(':memory:');
    const all = readMigrations();
    migrate(db, all.filter((m) => m.version <= 3));
    db.prepare("INSERT INTO cell_edits VALUES ('01-mean', 1, 'mine', 'h', 't')").run();
    db.prepare("INSERT INTO practice_settings VALUES ('newPerDay', '3')").run();
    expect(migrate(db, all)).toEqual(all.filter((m) => m.version >= 4).map((m) => m.version));
    expect(db.prepare('SELECT user_id, code FROM cell_edits').all()).toEqual([{ user_id: 0, code: 'mine' }]);
    expect(db.prepare('SELECT user_id, value FROM practice_settings').all()).toEqual([{ user_id: 0, value: '3' }]);
  });

  it('names the file and the fix when the database cannot be opened', () => {
    const notADir = join(tmp.dir, 'file');
    writeFileSync(notADir, 'x');
    expect(() => openDatabase(join(notADir, 'sub', 'db.sqlite'))).toThrow(/Cannot open the database at .*db\.sqlite: .*Pass another file with --db <path>\./);
  });
});
