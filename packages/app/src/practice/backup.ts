/**
 * Automatic backups of the learner's database, and recovery from a damaged one. Once a day
 * (when the app or `descent practice` opens the database and it passes SQLite's quick check)
 * a consistent copy is written to `<db>.backup` with SQLite's online backup. A damaged file
 * is never overwritten silently: opening it fails with a message naming the backup, and
 * `restoreBackup` moves the damaged file aside before copying the backup in place.
 */
import { copyFileSync, existsSync, renameSync, statSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../server/db/store.js';

export const backupPath = (dbPath: string) => `${dbPath}.backup`;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The error for a database file SQLite cannot read, naming the backup and how to restore it. */
export class DamagedDatabaseError extends Error {
  constructor(readonly dbPath: string, cause: unknown) {
    const backup = backupPath(dbPath);
    const when = existsSync(backup) ? ` from ${statSync(backup).mtime.toISOString().slice(0, 16).replace('T', ' ')}` : '';
    super(`The database at ${dbPath} is damaged (${(cause as Error).message}). ` + (existsSync(backup)
      ? `Your last automatic backup is ${backup}${when}. Restore it with: descent practice --restore-backup --db ${dbPath} (the damaged file is kept beside it).`
      : `There is no automatic backup (${backup}) to restore; move the file aside to start afresh, or pass another file with --db <path>.`), { cause });
    this.name = 'DamagedDatabaseError';
  }
}

function isDamage(e: unknown): boolean {
  for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause) {
    const code = (x as { code?: string }).code ?? '';
    if (/SQLITE_(NOTADB|CORRUPT)/.test(code) || /not a database|malformed|corrupt/i.test((x as Error).message ?? '')) return true;
  }
  return false;
}

/** Opens and migrates the database, turning SQLite's "not a database" or "malformed" into `DamagedDatabaseError`. */
export function openCheckedDatabase(dbPath: string): Database {
  let db: Database | undefined;
  try {
    db = openDatabase(dbPath);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`SQLite's quick check says: ${String(check)}`);
    return db;
  } catch (e) {
    db?.close();
    if (isDamage(e) || /quick check/.test((e as Error).message)) throw new DamagedDatabaseError(dbPath, e);
    throw e;
  }
}

/** Writes `<db>.backup` if it is missing or more than a day old. Returns whether it wrote one. */
export async function backupIfDue(db: Database, dbPath: string, now = Date.now()): Promise<boolean> {
  if (dbPath === ':memory:') return false;
  const target = backupPath(dbPath);
  if (existsSync(target) && now - statSync(target).mtimeMs < DAY_MS) return false;
  const tmp = `${target}.tmp`;
  await db.backup(tmp);
  renameSync(tmp, target);
  return true;
}

/** Replaces a damaged database with its backup; the damaged file (and its WAL) are renamed, not deleted. */
export function restoreBackup(dbPath: string, now = new Date()): { restoredFrom: string; damagedKeptAt: string } {
  const backup = backupPath(dbPath);
  if (!existsSync(backup)) throw new Error(`There is no backup at ${backup} to restore.`);
  const aside = `${dbPath}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, aside + suffix);
  copyFileSync(backup, dbPath);
  openCheckedDatabase(dbPath).close();
  return { restoredFrom: backup, damagedKeptAt: aside };
}
