/**
 * Building the client with Vite, and knowing when it needs building: `npm start` and the
 * end-to-end tests build only if `packages/app/dist` is missing or older than any source the
 * bundle contains (the client, the worker, the library and the lesson runner).
 *
 * Builds go to a temporary folder that replaces `dist` when complete, under a lock folder,
 * so two processes starting at once (two test files, or a test and `npm start`) never serve
 * or write a half-built client.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'vite';

/** `packages/app`. */
export const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
export const CLIENT_SRC = join(APP_DIR, 'src', 'client');
export const DIST_DIR = join(APP_DIR, 'dist');

/** Everything the built client contains, so a change in any of it makes `dist` stale. */
const SOURCES = [
  join(APP_DIR, 'src', 'client'),
  join(APP_DIR, 'src', 'worker'),
  join(APP_DIR, 'src', 'shared'),
  join(APP_DIR, 'src', 'build.ts'),
  join(APP_DIR, '..', 'descent', 'src'),
  join(APP_DIR, '..', 'lessons', 'src'),
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when `dist` is missing or older than a source file. */
export function clientIsStale(dist = DIST_DIR): boolean {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

/** Vite's configuration for the client: Preact JSX, ES module workers, heavy parts in their own chunks. */
export function viteConfig(outDir: string): InlineConfig {
  return {
    configFile: false,
    root: CLIENT_SRC,
    base: '/',
    logLevel: 'error',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    // The cell worker imports the library's modules lazily, so it must be an ES module worker
    // (classic workers cannot split into chunks).
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // vega and the library chunks are large but load only when a lesson needs them.
      chunkSizeWarningLimit: 3000,
      reportCompressedSize: false,
      // The app, and the cell runner page the app frames on its other loopback name.
      rolldownOptions: { input: { main: join(CLIENT_SRC, 'index.html'), runner: join(CLIENT_SRC, 'runner.html') } },
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether the process that took the build lock is gone (killed mid-build), so the lock is stale. */
function lockIsStale(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return false;
  } catch (e) {
    // ESRCH: no such process. A lock without a pid file yet is fresh unless it is old.
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return true;
    return existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 5 * 60_000;
  }
}

/**
 * Builds the client into `dist` if it is stale (or always, with `force`). Returns whether it
 * built. Waits while another process holds the build lock, then checks again.
 */
export async function ensureClientBuilt(options: { force?: boolean; dist?: string; log?: (line: string) => void } = {}): Promise<boolean> {
  const dist = options.dist ?? DIST_DIR;
  const lock = `${dist}.lock`;
  const log = options.log ?? (() => {});
  let waiting = false;
  for (;;) {
    if (!options.force && !clientIsStale(dist)) return false;
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Someone else is building: wait for them, unless they died and left the lock behind.
      if (lockIsStale(lock)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!waiting) log('Waiting for another build of the app to finish…');
      waiting = true;
      await sleep(250);
    }
  }
  try {
    if (!options.force && !clientIsStale(dist)) return false;
    const tmp = `${dist}.tmp-${process.pid}`;
    log('Building the app with Vite (only when its sources changed)…');
    const started = Date.now();
    await build(viteConfig(tmp));
    rmSync(dist, { recursive: true, force: true });
    renameSync(tmp, dist);
    log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
