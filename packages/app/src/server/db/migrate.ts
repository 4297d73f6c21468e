/**
 * Schema migrations: numbered SQL files in `packages/app/migrations/` (`001-progress.sql`,
 * `002-...`), applied in order, each recorded in `schema_migrations`. All pending migrations
 * run in one transaction, so a database is never left half-migrated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import type { Sql } from './sql.js';

/** The repository's migrations folder. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

const MIGRATION_FILE = /^(\d{3})-[a-z0-9-]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations in `dir`, in version order; two files with one number is an error. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .map((f) => ({ version: Number(MIGRATION_FILE.exec(f)![1]), name: f, sql: readFileSync(join(dir, f), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i].version === migrations[i - 1].version) {
      throw new Error(`Two migrations share version ${migrations[i].version}: ${migrations[i - 1].name} and ${migrations[i].name}. Renumber one of them.`);
    }
  }
  return migrations;
}

/**
 * Brings `db` up to the newest migration and returns the versions it applied.
 *
 * @example
 * const db = new Database(':memory:');
 * migrate(db); // [1, 2]
 */
export function migrate(db: Database, migrations = readMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    throw new Error(`The database is at schema version ${newest}, newer than this copy of Descent knows (${known}). Update Descent, or start with another file: --db <path>.`);
  }
  const pending = migrations.filter((m) => !applied.has(m.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }
  })();
  return pending.map((m) => m.version);
}

/**
 * PostgreSQL's migrations (`migrations/postgres/`): 001 is the schema SQLite's 001–004 end
 * with; each later one follows a later SQLite one (002 is SQLite's 005, the tracking tables).
 */
export const POSTGRES_MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/postgres/', import.meta.url));

/**
 * Brings a PostgreSQL database up to date. Several app instances may start at once against
 * one database, so the migration runs under a transaction-scoped advisory lock: the first
 * applies it, the others wait and then find nothing pending.
 *
 * @example
 * await migratePostgres(postgresSql(process.env.DESCENT_DATABASE_URL!)); // [1] the first time
 */
export async function migratePostgres(sql: Sql, migrations = readMigrations(POSTGRES_MIGRATIONS_DIR)): Promise<number[]> {
  return sql.transaction(async (tx) => {
    await tx.run("SELECT pg_advisory_xact_lock(hashtext('descent-app-migrations'))");
    await tx.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const applied = new Set((await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const newest = Math.max(0, ...applied);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (newest > known) {
      throw new Error(`The PostgreSQL database is at schema version ${newest}, newer than this copy of Descent knows (${known}). Update Descent on every instance.`);
    }
    const pending = migrations.filter((m) => !applied.has(m.version));
    for (const m of pending) {
      await tx.run(m.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
    }
    return pending.map((m) => m.version);
  });
}
