// The bench's page group: the same work in Chromium as in Node, on production builds.
//
// 1. float32 matmul n = 1024 in a page (the fixture packages/app/test/fixtures/threads-page,
//    bundled by Vite's production build, served cross-origin isolated so the Web Worker pool
//    runs), on the page's thread and in a Web Worker of the page, against Node in this
//    process, on one thread and on every core. Target (issue 10):
//    the page within 1.3× of Node.
// 2. Lesson 29 (the GPT lesson): "Run all" in the app's production build against
//    `node packages/lessons/bin/descent.mjs lesson run 29`. Target: within 1.5×.
//
// Both report wall time and CPU time. The page's CPU time is that of the Chromium renderer
// processes this process started (read from /proc), the CLI's that of the child process; on a shared
// machine wall time mostly measures the queue for a core, CPU time the work. The group runs
// only where Chromium is installed (Debian's `chromium`, or CHROMIUM_PATH), and says so
// when it skips.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { CHROMIUM, launchChromium, startApp } from '../packages/app/test/e2e/harness.js';
import { servePage } from '../packages/app/test/e2e/static-page.js';
import { manualSeed, randn, setNumThreads, startThreadPool } from '../packages/descent/src/tensor/index.js';
import { measure, median } from './timing.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const N = 1024;
const REPS = 5;
const LESSON = '29-transformers';
const LESSON_RUNS = 2;

interface InPage { gflops: number; cpuGflops: number; medianMs: number; cpuMs: number; workersReady: number }

export interface PageMatmul {
  threads: number;
  /** GFLOP/s from the median wall time of one product, and from CPU time per product. */
  node: { gflops: number; cpuGflops: number; medianMs: number; cpuMs: number };
  page: InPage;
  /** The same in a dedicated Web Worker of the page (where the app runs lesson cells; its pool is nested workers). */
  worker: InPage;
  /** Node's wall-time GFLOP/s ÷ the page's and ÷ the page worker's (target ≤ 1.3). */
  nodeOverPage: number;
  nodeOverWorker: number;
}

export interface PageLesson {
  lesson: string;
  /** Seconds per run, each run in order, and the median. */
  cli: { wallS: number[]; cpuS: number[] };
  app: { wallS: number[]; cpuS: number[]; cells: number; errors: string[] };
  /** App ÷ CLI, median wall time (target ≤ 1.5), and median CPU time. */
  appOverCli: number;
  appOverCliCpu: number;
}

export interface PageBench {
  skipped?: string;
  cores: number;
  matmul: PageMatmul[];
  lesson: PageLesson | null;
}

/**
 * CPU seconds (user + system) used so far by the Chromium renderer processes this process
 * started: the page's thread and its workers (dedicated workers are threads of their page's
 * renderer). The browser and GPU processes are left out: they idle-poll, and count for nothing
 * the page computes.
 */
function descendantsCpuS(): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
      parent.set(Number(name), Number(fields[1]));
      ticks.set(Number(name), Number(fields[11]) + Number(fields[12])); // utime, stime
    } catch { /* the process ended while we looked */ }
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === process.pid) {
        if (isRenderer(pid)) total += t;
        break;
      }
    }
  }
  return total / 100; // USER_HZ: 100 ticks a second on Linux
}

function isRenderer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
  } catch {
    return false;
  }
}

/** Node, this process: float32 (N, N) @ (N, N) on `threads` threads. */
async function nodeMatmul(threads: number): Promise<PageMatmul['node']> {
  setNumThreads(threads);
  await startThreadPool();
  manualSeed(1);
  const A = randn([N, N]), B = randn([N, N]);
  const t = measure(() => A.matmul(B), { warmup: 1, reps: REPS });
  const flops = 2 * N ** 3;
  return { gflops: flops / t.medianMs / 1e6, cpuGflops: flops / t.cpuMedianMs / 1e6, medianMs: t.medianMs, cpuMs: t.cpuMedianMs };
}

type Bench = (n: number, threads: number, reps: number) => Promise<{ ms: number[]; ready: number }>;
type Where = 'bench' | 'benchInWorker';
const pageBench = (page: Page, where: Where, threads: number, reps: number) => page.evaluate(([w, n, t, r]) =>
  (globalThis as unknown as { descentThreads: Record<Where, Bench> }).descentThreads[w](n, t, r), [where, N, threads, reps] as const);

/**
 * The page's own thread (`bench`) or its Web Worker (`benchInWorker`): the same product, same
 * thread count, after a warm-up call that also starts the pool.
 */
async function pageMatmul(page: Page, where: Where, threads: number): Promise<InPage> {
  await pageBench(page, where, threads, 1);
  const cpu0 = descendantsCpuS();
  const { ms, ready } = await pageBench(page, where, threads, REPS);
  // The call also makes the operands and runs one untimed product: REPS + 1 products of CPU time.
  const cpuMs = ((descendantsCpuS() - cpu0) * 1000) / (REPS + 1);
  const flops = 2 * N ** 3;
  return { gflops: flops / median(ms) / 1e6, cpuGflops: flops / cpuMs / 1e6, medianMs: median(ms), cpuMs, workersReady: ready };
}

/** `descent lesson run 29` in a child process: wall seconds and the child's CPU seconds (via bash's cutime). */
function cliRun(): { wallS: number; cpuS: number } {
  const script = `node packages/lessons/bin/descent.mjs lesson run ${LESSON.slice(0, 2)} >/dev/null 2>&1 || exit 1; `
    + 'read -a s < /proc/$$/stat; echo "${s[15]} ${s[16]}"';
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
  const wallS = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`bench page: \`descent lesson run ${LESSON.slice(0, 2)}\` failed; run it alone to see why`);
  const [cu, cs] = r.stdout.trim().split(' ').map(Number);
  return { wallS, cpuS: (cu + cs) / 100 };
}

/** "Run all" in the app: seconds from the click until every cell is done, and the browser's CPU seconds. */
async function appRun(page: Page, url: string): Promise<{ wallS: number; cpuS: number; cells: number; errors: string[] }> {
  await page.goto(`${url}/lessons/${LESSON}`);
  await page.locator('.toolbar').waitFor();
  await page.locator('#cell-1 .cm-content').waitFor({ timeout: 30_000 });
  const cells = await page.locator('section.cell').count();
  const cpu0 = descendantsCpuS();
  const t0 = performance.now();
  await page.getByRole('button', { name: '▶ Run all' }).click();
  await page.waitForFunction(() => document.querySelector('.toolbar-status')?.textContent === ''
    && document.querySelectorAll('section.cell.queued, section.cell.running').length === 0, null, { timeout: 300_000, polling: 100 });
  const wallS = (performance.now() - t0) / 1000;
  const cpuS = descendantsCpuS() - cpu0;
  const errors = await page.locator('section.cell.error').evaluateAll((els) => els.map((e) => `${e.id}: ${e.querySelector('pre.error')?.textContent}`));
  return { wallS, cpuS, cells, errors };
}

export async function benchPage(progress: (line: string) => void): Promise<PageBench> {
  const cores = os.availableParallelism();
  if (!existsSync(CHROMIUM)) {
    return { skipped: `Chromium not found at ${CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)`, cores, matmul: [], lesson: null };
  }
  const matmul: PageMatmul[] = [];
  const site = await servePage('threads-page', { isolated: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', null, { timeout: 60_000 });
    for (const threads of [...new Set([1, cores])]) {
      progress(`page: matmul float32 n=${N}, ${threads} thread(s), Node then Chromium`);
      const node = await nodeMatmul(threads);
      const inPage = await pageMatmul(page, 'bench', threads);
      const inWorker = await pageMatmul(page, 'benchInWorker', threads);
      matmul.push({ threads, node, page: inPage, worker: inWorker,
        nodeOverPage: +(node.gflops / inPage.gflops).toFixed(3), nodeOverWorker: +(node.gflops / inWorker.gflops).toFixed(3) });
    }
  } finally {
    await browser.close();
    await site.close();
    setNumThreads(cores);
  }

  progress(`page: lesson ${LESSON}, ${LESSON_RUNS} runs each of the CLI and the app's Run all, alternating`);
  const app = await startApp({ lessonsDir: join(ROOT, 'lessons') });
  const cli: PageLesson['cli'] = { wallS: [], cpuS: [] };
  const inApp: PageLesson['app'] = { wallS: [], cpuS: [], cells: 0, errors: [] };
  try {
    for (let run = 0; run < LESSON_RUNS; run++) {
      const c = cliRun();
      cli.wallS.push(+c.wallS.toFixed(2)); cli.cpuS.push(+c.cpuS.toFixed(2));
      const page = await app.newPage();
      const a = await appRun(page, app.url);
      await page.context().close();
      inApp.wallS.push(+a.wallS.toFixed(2)); inApp.cpuS.push(+a.cpuS.toFixed(2));
      inApp.cells = a.cells;
      inApp.errors.push(...a.errors);
      progress(`  run ${run + 1}: CLI ${c.wallS.toFixed(1)} s (${c.cpuS.toFixed(1)} s CPU), app ${a.wallS.toFixed(1)} s (${a.cpuS.toFixed(1)} s CPU)`);
    }
  } finally {
    await app.close();
  }
  const lesson: PageLesson = {
    lesson: LESSON, cli, app: inApp,
    appOverCli: +(median(inApp.wallS) / median(cli.wallS)).toFixed(3),
    appOverCliCpu: +(median(inApp.cpuS) / median(cli.cpuS)).toFixed(3),
  };
  return { cores, matmul, lesson };
}

/** The group's table, or the line saying it was skipped. */
export function pageTable(r: PageBench): string {
  if (r.skipped) return `In the page (Chromium): skipped — ${r.skipped}.`;
  const f = (x: number, d = 1) => x.toFixed(d);
  const lines = [`In the page (Chromium, production builds) against Node, same machine, same run (${r.cores} cores; wall time, CPU time of Node or the page's renderer in brackets):`];
  for (const m of r.matmul) {
    lines.push(`  matmul float32 n=${N}, ${m.threads} thread(s), GFLOP/s: Node ${f(m.node.gflops)} (${f(m.node.cpuGflops)} per CPU-s), `
      + `page thread ${f(m.page.gflops)} (${f(m.page.cpuGflops)}), page's Web Worker ${f(m.worker.gflops)} (${f(m.worker.cpuGflops)}); `
      + `Node ÷ page ${f(m.nodeOverPage, 2)}×, ÷ worker ${f(m.nodeOverWorker, 2)}× (target ≤ 1.3×)`);
  }
  if (r.lesson) {
    const l = r.lesson;
    lines.push(`  lesson ${l.lesson}: \`descent lesson run\` ${l.cli.wallS.join(', ')} s (CPU ${l.cli.cpuS.join(', ')} s); `
      + `app Run all ${l.app.wallS.join(', ')} s (CPU ${l.app.cpuS.join(', ')} s), ${l.app.cells} cells`
      + `${l.app.errors.length ? `, ERRORS: ${l.app.errors.join('; ')}` : ''}; app ÷ CLI ${f(l.appOverCli, 2)}× wall, ${f(l.appOverCliCpu, 2)}× CPU (target ≤ 1.5×)`);
  }
  return lines.join('\n');
}
