/**
 * Load test for class mode: simulated learners on loopback against the real server (the start
 * command in its own process, on the repository's lessons), on SQLite (`--class`) or on
 * PostgreSQL (DESCENT_DATABASE_URL, else DESCENT_TEST_PG_URL; the run works in a schema of its
 * own and drops it). Every learner logs in, then repeats a round of what a learner does: open
 * the lesson map, open a lesson, record the visit and a cell run, autosave an edit, fetch
 * practice cards and rate one. Learners wait for each answer and send the next request at once
 * (no think time), so the numbers are the server's capacity, not a class's usual load.
 *
 * Logins are measured apart: scrypt makes each one cost tens of milliseconds of CPU on purpose.
 * Load generator and server share the machine, so the CPU seconds of each are printed beside
 * the wall-clock throughput, and the load average before and after.
 *
 *   npx tsx packages/app/scripts/load-test.ts --store sqlite|postgres|both [--learners 200] [--rounds 5]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Accounts } from '../src/server/auth/accounts.js';
import { hashPassword } from '../src/server/auth/password.js';
import { migratePostgres } from '../src/server/db/migrate.js';
import { postgresSql, sqliteSql, type Sql } from '../src/server/db/sql.js';
import { openDatabase } from '../src/server/db/store.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const PASSWORD = 'load test password';

export interface LoadTestOptions {
  store: 'sqlite' | 'postgres';
  learners: number;
  /** Rounds of lesson and practice requests per learner after logging in. */
  rounds: number;
  /** The lessons folder the server serves (default: the repository's lessons/). */
  lessonsDir?: string;
  /** Lessons the learners open, spread over them in turn (each must have cells 1 to 3). */
  lessons?: string[];
  /** PostgreSQL URL for store 'postgres'. */
  pgUrl?: string;
}

export interface Latency { n: number; p50: number; p99: number; max: number }

export interface LoadTestResult {
  store: 'sqlite' | 'postgres';
  learners: number;
  rounds: number;
  login: Latency & { seconds: number; perSecond: number };
  /** Everything after the logins. */
  steady: Latency & { seconds: number; perSecond: number };
  kinds: (Latency & { kind: string })[];
  /** The first few failed requests (status and path), if any. */
  failures: string[];
  failed: number;
  /** CPU seconds used during the logins and the rounds, and the server's during the rounds alone. */
  cpu: { server: number; serverRounds: number; loadGenerator: number; postgres?: number };
  loadBefore: number[];
  loadAfter: number[];
}

/** The q-quantile of `xs` (nearest rank). */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}

const latency = (xs: number[]): Latency => ({ n: xs.length, p50: quantile(xs, 0.5), p99: quantile(xs, 0.99), max: quantile(xs, 1) });

/** utime + stime of process `pid` in seconds (Linux /proc; 0 elsewhere). USER_HZ is 100 on Linux. */
function processCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of every `postgres` process (the whole cluster, so other users of it count too). */
function postgresCpu(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += processCpu(Number(pid));
    } catch { /* the process ended */ }
  }
  return total;
}

function startServer(lessonsDir: string, dbPath: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--class', '--port', '0', '--db', dbPath, '--lessons', lessonsDir, '--no-build', '--no-prerender'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  return new Promise((resolvePromise, reject) => {
    const read = (b: Buffer) => {
      out = (out + b.toString()).slice(-20_000);
      const m = /running at (http:\/\/[\d.]+:\d+)\//.exec(out);
      if (m) resolvePromise({ child, url: m[1]!, output: () => out });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`The server exited (${code}) before it started:\n${out}`)));
  });
}

/** The learners' accounts and one instructor, written straight to the database (one hash, reused: sign-up is not what is measured). */
async function createAccounts(sql: Sql, learners: number): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  const t = new Date().toISOString();
  await sql.transaction(async (tx) => {
    for (let i = 0; i < learners; i++) await tx.run('INSERT INTO users (username, password, role, created_at) VALUES (?, ?, ?, ?)', [`learner${i}`, hash, 'learner', t]);
  });
  await new Accounts(sql).createUser('teacher', PASSWORD, 'instructor');
}

class Recorder {
  readonly timings = new Map<string, number[]>();
  readonly failures: string[] = [];
  failed = 0;

  constructor(private readonly base: string) {}

  /** Sends one request, reads the whole answer and records its latency under `kind`. */
  async send(kind: string, path: string, init: RequestInit = {}): Promise<{ res: Response; body: string }> {
    const t0 = performance.now();
    let res: Response, body: string;
    try {
      res = await fetch(`${this.base}${path}`, init);
      body = await res.text();
    } catch (e) {
      // A broken connection counts as a failed request; this learner stops.
      this.failed++;
      if (this.failures.length < 5) this.failures.push(`${init.method ?? 'GET'} ${path}: ${(e as Error).message} ${String((e as Error).cause ?? '')}`);
      throw e;
    }
    const ms = performance.now() - t0;
    if (!this.timings.has(kind)) this.timings.set(kind, []);
    this.timings.get(kind)!.push(ms);
    if (!res.ok) {
      this.failed++;
      if (this.failures.length < 5) this.failures.push(`${init.method ?? 'GET'} ${path}: ${res.status} ${body.slice(0, 200)}`);
    }
    return { res, body };
  }
}

const JSON_TYPE = { 'content-type': 'application/json' };
/** Writes without a body carry the client header, as the app's own page does. */
const CLIENT = { 'x-descent-client': '1' };

async function logIn(rec: Recorder, username: string): Promise<string> {
  const { res } = await rec.send('login', '/api/auth/login', { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ username, password: PASSWORD }) });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (cookie === undefined) throw new Error(`Logging in as ${username} failed (${res.status}).`);
  return cookie;
}

async function rounds(rec: Recorder, cookie: string, i: number, lesson: string, n: number): Promise<void> {
  for (let r = 0; r < n; r++) {
    await rec.send('GET curriculum', '/api/curriculum', { headers: { cookie } });
    await rec.send('GET lesson', `/api/lessons/${lesson}`, { headers: { cookie } });
    await rec.send('POST visit', `/api/lessons/${lesson}/visit`, { method: 'POST', headers: { ...CLIENT, cookie } });
    await rec.send('POST cell run', `/api/lessons/${lesson}/cells/${1 + (r % 3)}/runs`, { method: 'POST', headers: { ...CLIENT, cookie } });
    await rec.send('PUT edit', `/api/lessons/${lesson}/cells/1/edit`, { method: 'PUT', headers: { ...JSON_TYPE, cookie }, body: JSON.stringify({ code: `// learner ${i} round ${r}\nconst x = ${r};` }) });
    const queue = await rec.send('GET practice queue', '/api/practice/queue?mode=cram&limit=5', { headers: { cookie } });
    const cards = queue.res.ok ? (JSON.parse(queue.body) as { cards: { id: string }[] }).cards : [];
    if (cards.length === 0) throw new Error(`The practice queue of learner${i} is empty (${queue.res.status}): the load test needs the practice bank.`);
    const card = cards[(i + r) % cards.length]!;
    await rec.send('POST practice review', '/api/practice/reviews', { method: 'POST', headers: { ...JSON_TYPE, cookie }, body: JSON.stringify({ questionId: card.id, rating: 1 + ((i + r) % 4), mode: 'review' }) });
  }
}

/** Runs the load test on one store and returns its numbers. */
export async function runLoadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  const { store, learners } = options;
  const lessonsDir = options.lessonsDir ?? fileURLToPath(new URL('../../../lessons/', import.meta.url));
  const lessons = options.lessons ?? ['01-first-model', '03-calculus', '05-probability'];
  const dir = mkdtempSync(join(tmpdir(), 'descent-load-'));
  const dbPath = join(dir, 'class.db');
  let env: Record<string, string> = {};
  let dropSchema = async () => {};
  let child: ChildProcess | undefined;
  try {
    if (store === 'sqlite') {
      const sql = sqliteSql(openDatabase(dbPath));
      await createAccounts(sql, learners);
      await sql.close();
    } else {
      const base = options.pgUrl;
      if (base === undefined) throw new Error('runLoadTest: the PostgreSQL run needs a database: set DESCENT_DATABASE_URL (or DESCENT_TEST_PG_URL), or pass pgUrl.');
      const schema = `load_${process.pid}_${Date.now()}`;
      // The schema travels in the URL (libpq's options parameter), as a deployment may set it too.
      const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      dropSchema = async () => {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      };
      const sql = postgresSql(url);
      await migratePostgres(sql);
      await createAccounts(sql, learners);
      await sql.close();
      env = { DESCENT_DATABASE_URL: url };
    }
    const server = await startServer(lessonsDir, dbPath, env);
    child = server.child;

    // Warm-up, not measured: the first requests load the lesson catalog and the practice bank.
    const warm = new Recorder(server.url);
    const teacher = await logIn(warm, 'teacher');
    for (const lesson of lessons) await rounds(warm, teacher, 0, lesson, 1);
    if (warm.failed > 0) throw new Error(`The warm-up requests failed:\n${warm.failures.join('\n')}`);

    const loadBefore = loadavg();
    const rec = new Recorder(server.url);
    const cpu0 = { server: processCpu(child.pid!), client: process.cpuUsage(), postgres: store === 'postgres' ? postgresCpu() : 0 };
    const t0 = performance.now();
    const cookies = await Promise.all(Array.from({ length: learners }, (_, i) => logIn(rec, `learner${i}`).catch(() => undefined)));
    const t1 = performance.now();
    const serverAtT1 = processCpu(child.pid!);
    // A learner whose connection breaks stops; the failure is counted and reported.
    await Promise.all(cookies.map((cookie, i) => cookie === undefined ? undefined : rounds(rec, cookie, i, lessons[i % lessons.length]!, options.rounds).catch(() => undefined)));
    const t2 = performance.now();
    const client = process.cpuUsage(cpu0.client);
    const serverAtT2 = processCpu(child.pid!);
    const cpu = {
      server: serverAtT2 - cpu0.server, serverRounds: serverAtT2 - serverAtT1,
      loadGenerator: (client.user + client.system) / 1e6,
      ...(store === 'postgres' ? { postgres: postgresCpu() - cpu0.postgres } : {}),
    };
    const loadAfter = loadavg();
    if (child.exitCode !== null || child.signalCode !== null) rec.failures.push(`The server stopped (${child.exitCode ?? child.signalCode}):\n${server.output()}`);

    const steadyTimes = [...rec.timings].filter(([k]) => k !== 'login').flatMap(([, v]) => v);
    const loginTimes = rec.timings.get('login') ?? [];
    return {
      store, learners, rounds: options.rounds,
      login: { ...latency(loginTimes), seconds: (t1 - t0) / 1000, perSecond: loginTimes.length / ((t1 - t0) / 1000) },
      steady: { ...latency(steadyTimes), seconds: (t2 - t1) / 1000, perSecond: steadyTimes.length / ((t2 - t1) / 1000) },
      kinds: [...rec.timings].map(([kind, xs]) => ({ kind, ...latency(xs) })),
      failures: rec.failures, failed: rec.failed, cpu, loadBefore, loadAfter,
    };
  } finally {
    child?.kill('SIGTERM');
    await dropSchema();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The result as a few lines and a Markdown table. */
export function formatResult(r: LoadTestResult): string {
  const f = (x: number) => x.toFixed(1);
  return [
    `${r.store}: ${r.learners} learners × ${r.rounds} rounds, ${r.failed} failed requests`,
    `  logins: ${r.login.n} in ${f(r.login.seconds)} s = ${r.login.perSecond.toFixed(0)}/s, p50 ${f(r.login.p50)} ms, p99 ${f(r.login.p99)} ms`,
    `  rounds: ${r.steady.n} requests in ${f(r.steady.seconds)} s = ${r.steady.perSecond.toFixed(0)} req/s, p50 ${f(r.steady.p50)} ms, p99 ${f(r.steady.p99)} ms, max ${f(r.steady.max)} ms`,
    `  server CPU per request in the rounds: ${(1000 * r.cpu.serverRounds / r.steady.n).toFixed(2)} ms`,
    `  CPU s: server ${f(r.cpu.server)}, load generator ${f(r.cpu.loadGenerator)}${r.cpu.postgres === undefined ? '' : `, postgres processes ${f(r.cpu.postgres)}`}` +
      `; load average ${r.loadBefore.map(f).join(' ')} before, ${r.loadAfter.map(f).join(' ')} after`,
    '',
    '  | request | n | p50 ms | p99 ms | max ms |',
    '  |---|---:|---:|---:|---:|',
    ...r.kinds.map((k) => `  | ${k.kind} | ${k.n} | ${f(k.p50)} | ${f(k.p99)} | ${f(k.max)} |`),
    ...r.failures.map((x) => `  failed: ${x}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { learners: { type: 'string', default: '200' }, rounds: { type: 'string', default: '5' }, store: { type: 'string', default: 'both' } } });
  const learners = Number(values.learners), nRounds = Number(values.rounds);
  if (!Number.isInteger(learners) || learners < 1) throw new Error(`--learners must be a whole number >= 1; got "${values.learners}".`);
  if (!Number.isInteger(nRounds) || nRounds < 1) throw new Error(`--rounds must be a whole number >= 1; got "${values.rounds}".`);
  if (!['sqlite', 'postgres', 'both'].includes(values.store!)) throw new Error(`--store must be sqlite, postgres or both; got "${values.store}".`);
  const pgUrl = process.env.DESCENT_DATABASE_URL ?? process.env.DESCENT_TEST_PG_URL;
  const stores = values.store === 'both' ? ['sqlite', 'postgres'] as const : [values.store as 'sqlite' | 'postgres'];
  let failed = 0;
  for (const store of stores) {
    const r = await runLoadTest({ store, learners, rounds: nRounds, ...(pgUrl === undefined ? {} : { pgUrl }) });
    console.log(`\n${formatResult(r)}`);
    failed += r.failed;
  }
  if (failed > 0) process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: Error) => {
    console.error(e.cause === undefined ? e.message : `${e.message}: ${String(e.cause)}`);
    process.exitCode = 1;
  });
}
