/**
 * Keeping the learner's database healthy: an integrity check when the server starts (a damaged
 * file stops the start with what to do, instead of answering 500s and even writing into it),
 * a rotating backup taken at every start, and telling a busy database (another process holds
 * the write lock) apart from a real failure so the API can answer 503 with `Retry-After`.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';

/** How many start-up backups are kept (`<db>.backup-1` is the newest). */
export const BACKUPS_KEPT = 3;

/** The folder and file names of the backups of `dbPath`, newest first. */
export function backupPaths(dbPath: string, kept = BACKUPS_KEPT): string[] {
  const dir = join(dirname(dbPath), 'backups');
  return Array.from({ length: kept }, (_, i) => join(dir, `${basename(dbPath)}.backup-${i + 1}`));
}

/** Why the file is damaged, or `undefined` when SQLite's integrity check passes. */
export function integrityProblem(db: Database): string | undefined {
  const rows = db.pragma('integrity_check(5)') as { integrity_check: string }[];
  const lines = rows.map((r) => r.integrity_check);
  return lines.length === 1 && lines[0] === 'ok' ? undefined : lines.join('; ');
}

/** The message for a database that cannot be used: the file, the problem, and two ways back. */
export function damagedMessage(dbPath: string, problem: string): string {
  const backups = backupPaths(dbPath).filter((p) => existsSync(p));
  const aside = `${dbPath}.damaged-${new Date().toISOString().slice(0, 10)}`;
  const restore = backups.length > 0
    ? `  - restore the newest backup (taken when the server last started):\n      mv "${dbPath}" "${aside}" && cp "${backups[0]}" "${dbPath}"\n`
    : '';
  return `The database ${dbPath} is damaged: ${problem}.\n` +
    'Descent stopped rather than read or write a damaged file. To go on, either\n' + restore +
    `  - or set it aside and start with a fresh database (your progress starts over):\n      mv "${dbPath}" "${aside}"\n` +
    'Then run npm start again. Keep the damaged file if you want to try recovering it with `sqlite3 <file> .recover`.';
}

/**
 * Copies the database to `<dir>/backups/<name>.backup-1`, shifting older copies down and
 * dropping the oldest, with SQLite's online backup (consistent even while other connections
 * write). Returns the new backup's path.
 *
 * @example
 * await backupDatabase(db, '/home/me/.descent/descent.db'); // '/home/me/.descent/backups/descent.db.backup-1'
 */
export async function backupDatabase(db: Database, dbPath: string, kept = BACKUPS_KEPT): Promise<string> {
  const paths = backupPaths(dbPath, kept);
  mkdirSync(dirname(paths[0]!), { recursive: true });
  const fresh = `${paths[0]!}.partial`;
  rmSync(fresh, { force: true });
  await db.backup(fresh);
  rmSync(paths[kept - 1]!, { force: true });
  for (let i = kept - 1; i > 0; i--) {
    if (existsSync(paths[i - 1]!)) renameSync(paths[i - 1]!, paths[i]!);
  }
  renameSync(fresh, paths[0]!);
  return paths[0]!;
}

/** Whether `error` is SQLite saying another connection holds the lock past the busy timeout. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Whether `error` is SQLite finding the file damaged or not a database at all. */
export function isDamaged(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'));
}
