/** Shared by the app's tests: the fixture lessons, a temporary folder per test file, the real server. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Two small lessons and a curriculum map, so the tests do not depend on the real lessons. */
export const FIXTURE_LESSONS = fileURLToPath(new URL('./fixtures/lessons/', import.meta.url));

/** A fresh temporary folder; `cleanup` removes it. */
export function tempDir(prefix = 'descent-app-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the fixture lessons the test may change. */
export function copyFixtureLessons(into: string): string {
  const dir = join(into, 'lessons');
  cpSync(FIXTURE_LESSONS, dir, { recursive: true });
  return dir;
}

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/**
 * Starts `npm start`'s command as a child process on a free port, with the database at
 * `dbPath` and the fixture lessons, and resolves with the process and its URL (the crash tests
 * kill it with SIGKILL).
 *
 * @example
 * const { child, url } = await startServerProcess(join(tmp.dir, 'descent.db'));
 * // class mode on PostgreSQL: startServerProcess(unused, { DESCENT_DATABASE_URL: url })
 */
export function startServerProcess(dbPath: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--db', dbPath, '--lessons', FIXTURE_LESSONS, '--no-build', '--no-prerender'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`The server did not start in 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /running at (http:\/\/[\d.]+:\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`The server exited with ${code} before starting:\n${output}`)));
  });
}
