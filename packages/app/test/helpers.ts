/** Shared by the app's tests: the fixture lessons, and a temporary folder per test file. */
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
