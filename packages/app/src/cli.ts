/**
 * `npm start`: builds the client if it is missing or out of date, starts the server on
 * 127.0.0.1 and prints the address, then pre-renders changed lessons' outputs in the background.
 *
 *   npm start -- --port 4000 --db ~/descent-work.db
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { homedir, setPriority } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findLessonsDir } from '@descent/lessons/node';
import { DIST_DIR, ensureClientBuilt } from './build.js';
import type { FastifyInstance } from 'fastify';
import { Accounts } from './server/auth/accounts.js';
import { buildServer } from './server/index.js';

export const DEFAULT_PORT = 4173;
export const DEFAULT_DB = join(homedir(), '.descent', 'descent.db');

const HELP = `Descent: the lessons with live cells, the playgrounds, and your progress.

Usage: npm start -- [options]

  --port <n>      port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host <addr>   address to listen on (default 127.0.0.1, this machine only)
  --db <file>     the SQLite file for your progress and edits (default ${DEFAULT_DB})
  --lessons <dir> the lessons folder (default: the repository's lessons/)
  --no-build      do not build the client, even if it is out of date
  --no-prerender  do not pre-render the lessons' outputs (by default lessons changed since
                  their last pre-render run once in the background, at low priority)
  --class         class mode on the SQLite file: accounts, logins, an instructor page
                  (always on when DESCENT_DATABASE_URL is set)
  --verbose       log every request (errors are always logged)
  --help          this text

Environment (class mode; see the README's "Running Descent for a class"):
  DESCENT_DATABASE_URL   postgresql://user:password@host/db: keep the data in PostgreSQL
  DESCENT_PUBLIC_ORIGIN  the address learners open (https://descent.example.edu); needed
                         to listen on anything but loopback in class mode
`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/**
 * The build step that pre-renders the lessons' outputs (scripts/prerender.ts), for the lessons
 * changed since their last run, in a child process at the lowest CPU priority: pages show the
 * outputs as each lesson finishes, and the server never waits for it.
 */
function prerenderInBackground(lessonsDir: string): ChildProcess {
  const script = fileURLToPath(new URL('../scripts/prerender.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--lessons', lessonsDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (child.pid !== undefined) {
    try {
      setPriority(child.pid, 19);
    } catch {
      // Not allowed on this system: it runs at normal priority.
    }
  }
  child.stderr?.on('data', () => {});
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) console.log(`Pre-rendering some lessons' outputs failed; those lessons open without them (run \`npm run prerender -w @descent/app\` to see why).`);
  });
  return child;
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string' }, host: { type: 'string' }, db: { type: 'string' }, lessons: { type: 'string' },
        'no-build': { type: 'boolean' }, 'no-prerender': { type: 'boolean' }, verbose: { type: 'boolean' }, help: { type: 'boolean' },
        class: { type: 'boolean' },
      },
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n\n${HELP}`);
  }
  if (args.help) {
    console.log(HELP);
    return;
  }
  const port = args.port === undefined ? DEFAULT_PORT : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535; got "${args.port}".`);
  const host = args.host ?? '127.0.0.1';
  const dbPath = resolve(args.db ?? DEFAULT_DB);
  const lessonsDir = resolve(args.lessons ?? findLessonsDir(process.cwd()));

  if (!args['no-build']) await ensureClientBuilt({ log: (line) => console.log(line) });

  const databaseUrl = process.env.DESCENT_DATABASE_URL || undefined;
  const classMode = args.class === true || databaseUrl !== undefined;
  const publicOrigin = process.env.DESCENT_PUBLIC_ORIGIN || undefined;
  if (!classMode && databaseUrl === undefined && publicOrigin !== undefined) fail('DESCENT_PUBLIC_ORIGIN is for class mode: add --class or set DESCENT_DATABASE_URL.');
  if (classMode && !['127.0.0.1', 'localhost', '::1'].includes(host) && publicOrigin === undefined) {
    fail(`In class mode, listening on ${host} needs DESCENT_PUBLIC_ORIGIN, the address learners open (https://descent.example.edu): ` +
      'only requests addressed to it (and to loopback) are answered, and only pages from it may write.');
  }

  let app;
  try {
    app = await buildServer({
      dbPath, lessonsDir, clientDir: DIST_DIR, logger: args.verbose ?? false, listenHost: host, classMode,
      ...(databaseUrl === undefined ? {} : { databaseUrl }), ...(publicOrigin === undefined ? {} : { publicOrigin }),
    });
  } catch (e) {
    fail((e as Error).message);
  }
  try {
    await app.listen({ port, host });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    await app.close();
    if (code === 'EADDRINUSE') {
      fail(`Port ${port} on ${host} is already in use (is Descent already running? Then open http://${host}:${port}/).\n` +
        `To start another copy, pick a free port: npm start -- --port ${port + 1}`);
    }
    if (code === 'EADDRNOTAVAIL') fail(`Cannot listen on ${host}: this machine has no such address. Leave out --host to use 127.0.0.1.`);
    if (code === 'EACCES') fail(`Not allowed to listen on port ${port}; ports below 1024 need extra rights. Use a port like ${DEFAULT_PORT}.`);
    throw e;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  console.log(`Descent is running at http://${shownHost}:${actualPort}/`);
  if (databaseUrl !== undefined) console.log('Class mode: the data is kept in PostgreSQL (DESCENT_DATABASE_URL). Press Ctrl+C to stop.');
  else console.log(`${classMode ? 'Class mode: the' : 'Your'} progress is saved in ${dbPath}. Press Ctrl+C to stop.`);
  if (classMode) {
    const invite = await firstInstructorInvite(app);
    if (invite !== undefined) console.log(`No instructor account yet: open ${publicOrigin ?? `http://${shownHost}:${actualPort}`}/login and sign up with the one-time invite code ${invite} (valid 1 day).`);
  }
  const prerender = args['no-prerender'] ? undefined : prerenderInBackground(lessonsDir);

  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    prerender?.kill();
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** A one-use instructor invite, when the class has no instructor yet (the way the first account is made). */
async function firstInstructorInvite(app: FastifyInstance): Promise<string | undefined> {
  const accounts = (app as FastifyInstance & { accounts?: Accounts }).accounts;
  if (accounts === undefined || (await accounts.users()).some((u) => u.role === 'instructor')) return undefined;
  return (await accounts.createInvite('instructor', null, 1, 1)).code;
}

await main();
