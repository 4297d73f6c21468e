/**
 * The end-to-end harness: builds the client once (only if its sources changed; other test
 * files reuse the build), starts the real server on a free port with a fresh database, and
 * launches Debian's Chromium through playwright-core.
 *
 * @example
 * const app = await startApp();
 * const page = await app.newPage();
 * await page.goto(`${app.url}/lessons/01-mean`);
 * expect(app.errors(page)).toEqual([]);
 * await app.close();
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DIST_DIR, ensureClientBuilt } from '../../src/build.js';
import { buildServer } from '../../src/server/index.js';
import { FIXTURE_LESSONS, tempDir } from '../helpers.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet on a machine without network (no update checks, no sync). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export interface App {
  url: string;
  browser: Browser;
  server: FastifyInstance;
  dbPath: string;
  /** A page in a fresh browser context (laptop size unless `options.viewport` says otherwise). */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Console errors and uncaught exceptions the page has logged so far. */
  errors(page: Page): string[];
  /** Closes the browser and the server and deletes the database. */
  close(): Promise<void>;
}

/** Launches Chromium, or fails with what to install. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}; the end-to-end tests need it. Install it with \`sudo apt-get install chromium\` (CI's .ci/run does), or point CHROMIUM_PATH at a Chromium binary.`);
  }
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  } catch (e) {
    throw new Error(`Chromium at ${CHROMIUM} failed to start: ${(e as Error).message}\nReinstall it with \`sudo apt-get install chromium\`.`, { cause: e });
  }
}

/**
 * Starts the app for a test file. `lessonsDir` defaults to the small fixture lessons; pass
 * the repository's `lessons/` to test the real ones.
 */
export async function startApp(options: { lessonsDir?: string; prerenderedDir?: string; classMode?: boolean } = {}): Promise<App> {
  await ensureClientBuilt();
  const tmp = tempDir('descent-e2e-');
  const dbPath = join(tmp.dir, 'descent.db');
  const server = await buildServer({ dbPath, lessonsDir: options.lessonsDir ?? FIXTURE_LESSONS, clientDir: DIST_DIR,
    ...(options.prerenderedDir === undefined ? {} : { prerenderedDir: options.prerenderedDir }), ...(options.classMode ? { classMode: true } : {}) });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    await server.close();
    tmp.cleanup();
    throw e;
  }
  const logs = new WeakMap<Page, string[]>();
  return {
    url: `http://127.0.0.1:${port}`,
    browser,
    server,
    dbPath,
    async newPage(contextOptions = {}) {
      const context = await browser.newContext({ viewport: LAPTOP, ...contextOptions });
      const page = await context.newPage();
      const errors: string[] = [];
      logs.set(page, errors);
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
      // Confirmation dialogs (e.g. "reset this cell?") are accepted, as a learner would.
      page.on('dialog', (d) => void d.accept());
      return page;
    },
    errors: (page) => logs.get(page) ?? [],
    async close() {
      await browser.close();
      await server.close();
      tmp.cleanup();
    },
  };
}

/**
 * Starts the app before a test file's tests and closes it after them (what every end-to-end
 * file did by hand). Call it at the top of the file; the object it returns is filled in by
 * `beforeAll`, so read it only inside tests and hooks. `timeout` is the start-up allowance
 * (the first file to run may build the client).
 *
 * @example
 * const app = useApp();
 * it('opens the lesson', async () => {
 *   const page = await app.newPage();
 *   await page.goto(`${app.url}/lessons/01-mean`);
 * });
 */
export function useApp(options: { lessonsDir?: string; prerenderedDir?: string; classMode?: boolean } = {}, timeout = 180_000): App {
  const app = {} as App;
  let started = false;
  beforeAll(async () => {
    Object.assign(app, await startApp(options));
    started = true;
  }, timeout);
  afterAll(async () => {
    if (started) await app.close();
  });
  return app;
}
