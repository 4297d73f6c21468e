// Data-parallel training of the bench CNN (bench/cnn-data.ts) on 1 and 2 worker threads:
// the same global batch of 64, split across the ranks by DistributedDataParallel, one
// matmul thread per rank; and, as the bound, 2 workers that skip the all-reduce. Wall time
// and the process's CPU time (all threads) over one epoch of rank 0, after five warm-up epochs,
// and the CPU time of the fastest and the slowest rank's own thread (Linux). On a shared machine the
// wall-time speed-up is bounded by the cores other processes leave free; the per-rank CPU
// speed-up is what the split gives when each rank has a core to itself (it leaves out waiting
// for the other rank at the all-reduce). Each rank also counts its full garbage collections
// and its time paused in any collection: a rank paused is a rank the others wait for.
//
// The reference: PyTorch's DistributedDataParallel (gloo, on 127.0.0.1) training the same CNN
// on the same images with 1 and 2 processes of one thread each (bench/python/distributed.py,
// under Debian's /usr/bin/python3 with python3-torch), taking turns with Descent's runs in
// every round. Without that Python, or if the script fails, the table says why in one line
// and the rest of the group runs as before; nothing else needs Python.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, DEFAULT_INITIAL_HEAP_MB } from '../packages/descent/src/distributed/index.js';
import { images28 } from './cnn-data.js';
import type { RankArgs, RankResult } from './distributed-rank.js';
import { PYTHON, writeArrays } from './python-inputs.js';

export interface DistributedMeasurement { workers: number; allReduce: boolean; balance: boolean; seconds: number; cpuSeconds: number; threadCpuSeconds: number | null; fastestThreadCpuSeconds: number | null; syncSeconds: number; engineThreads: number; steps: number; warmupSteps: number; images: number; finalLoss: number; data: string; loadAverage: [number, number]; heap: string; fullGCs: number; gcPauseSeconds: number }

/** One timed epoch of PyTorch's DDP on the same CNN and images (bench/python/distributed.py). `cpuSeconds` is rank 0's process: its compute thread and gloo's. */
export interface TorchDdpMeasurement { world: number; seconds: number; cpuSeconds: number; finalLoss: number; steps: number; torch: string; loadAverage: [number, number] }

export interface DistributedBench {
  descent: DistributedMeasurement[];
  /** PyTorch with 1 and 2 processes, in every round after Descent's runs. */
  pytorch: TorchDdpMeasurement[];
  /** Why the PyTorch rows are missing (no Python, no torch with gloo, the script failed), or null. */
  pytorchSkipped: string | null;
}

const SCRIPT = fileURLToPath(new URL('./python/distributed.py', import.meta.url));

/** Writes the first `images` images for distributed.py to a temporary directory, or says why PyTorch cannot run. */
function preparePyTorch(images: number): { dir: string } | { skipped: string } {
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found (install Debian's python3-torch for these rows)` };
  const probe = spawnSync(PYTHON, ['-c', 'import torch.distributed as d; assert d.is_available() and d.is_gloo_available()'], { encoding: 'utf8' });
  if (probe.status !== 0) return { skipped: `${PYTHON} cannot import torch with torch.distributed's gloo backend (install python3-torch)` };
  const dir = mkdtempSync(join(tmpdir(), 'descent-bench-'));
  const { X, y } = images28();
  writeArrays(dir, { cnnX: [X.subarray(0, images * 784), [images, 784]], cnnY: [y.subarray(0, images), [images]] });
  return { dir };
}

/** One PyTorch run with `world` processes; a string saying why when it fails. */
function runPyTorch(dir: string, world: number, images: number, batchSize: number, warmupSteps: number): TorchDdpMeasurement | string {
  const before = loadavg()[0]!;
  const run = spawnSync(PYTHON, [SCRIPT, dir, ...[world, images, batchSize, warmupSteps].map(String)], { encoding: 'utf8', timeout: 600_000 });
  const failed = `bench/python/distributed.py failed with ${world} process(es)`;
  if (run.error) return `${failed}: ${run.error.message}`;
  if (run.status !== 0) return `${failed}: ${run.stderr.trim().split('\n').at(-1) || `exit status ${run.status}`}`;
  try {
    return { ...(JSON.parse(run.stdout) as Omit<TorchDdpMeasurement, 'loadAverage'>), loadAverage: [before, loadavg()[0]!] };
  } catch {
    return `${failed}: no JSON on stdout`;
  }
}

/**
 * The runs of one round: one worker, two with DDP splitting each batch in halves, two with
 * DDP splitting it by the ranks' measured speed (`balance`), and two with no all-reduce (the
 * bound for the even split).
 */
const ROUND = [
  { workers: 1, allReduce: true, balance: false }, { workers: 2, allReduce: true, balance: false },
  { workers: 2, allReduce: true, balance: true }, { workers: 2, allReduce: false, balance: false },
] as const;

/**
 * Runs one worker, two workers with DDP and two workers without the all-reduce in turn,
 * `rounds` times: on a shared virtual machine the same run's time varies by a third from one
 * minute to the next, and taking turns puts every kind of run under the same conditions. The
 * table compares the fastest run of each (noise only ever adds time, as timeit reasons) and
 * the medians.
 *
 * Two ranks that never wait for each other are the most two workers can do on this machine
 * at that moment: on this project's 2-core virtual machine, plain arithmetic on two threads
 * has run anywhere from 1.2× to 2× as fast as on one. DDP's speed-up is best read beside it.
 * PyTorch's DDP with 1 and 2 processes closes each round when its Python is installed.
 */
export async function benchDistributed(progress: (s: string) => void, images = 9984, rounds = 5, initialHeapMB = DEFAULT_INITIAL_HEAP_MB): Promise<DistributedBench> {
  const out: DistributedBench = { descent: [], pytorch: [], pytorchSkipped: null };
  const register = import.meta.resolve('tsx/esm/api');
  const batchSize = 64;
  // Five epochs of warm-up, the steady state of a longer training run: V8 compiles functions
  // of the step on its helper threads for hundreds of steps (see distributed-rank.ts). After
  // one epoch, two workers were slower than after five in 27 of 36 paired rounds, one worker
  // in 15 of 24 (README, `descent/distributed`).
  const warmupSteps = 5 * Math.floor(images / batchSize);
  const torchInputs = preparePyTorch(images);
  if ('skipped' in torchInputs) out.pytorchSkipped = torchInputs.skipped;
  try {
    for (let round = 0; round < rounds; round++) {
      for (const { workers, allReduce, balance } of ROUND) {
        progress(`distributed: CNN data-parallel on ${workers} worker(s)${allReduce ? '' : ' without the all-reduce'}${balance ? ', balanced' : ''}, round ${round + 1} of ${rounds}`);
        const args: RankArgs = { images, batchSize, warmupSteps, allReduce, balance };
        const before = loadavg()[0]!;
        const [r0] = await spawn<RankResult, RankArgs>(workers, new URL('./distributed-rank.ts', import.meta.url), { args, register, threadsPerRank: 1, initialHeapMB });
        out.descent.push({ workers, allReduce, balance, images, warmupSteps, ...r0!, loadAverage: [before, loadavg()[0]!], heap: initialHeapMB === 0 ? "V8's default heap" : `${initialHeapMB} MB initial heap per rank` });
      }
      for (const world of [1, 2]) {
        if (!('dir' in torchInputs) || out.pytorchSkipped !== null) break;
        progress(`distributed: PyTorch DDP on ${world} process(es), round ${round + 1} of ${rounds}`);
        const m = runPyTorch(torchInputs.dir, world, images, batchSize, warmupSteps);
        if (typeof m === 'string') out.pytorchSkipped = m;
        else out.pytorch.push(m);
      }
    }
  } finally {
    if ('dir' in torchInputs) rmSync(torchInputs.dir, { recursive: true, force: true });
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export function distributedTable({ descent: ms, pytorch, pytorchSkipped }: DistributedBench): string {
  const seconds = (workers: number, allReduce: boolean, balance = false) => ms.filter((m) => m.workers === workers && m.allReduce === allReduce && m.balance === balance).map((m) => m.seconds);
  const one = seconds(1, true);
  // One rank: its CPU; two: the fastest rank's and the slowest's (older results have only the slowest).
  const perRank = (m: DistributedMeasurement) => (m.threadCpuSeconds === null ? '–'
    : m.workers === 1 || m.fastestThreadCpuSeconds == null ? `${m.threadCpuSeconds.toFixed(2)} s` : `${m.fastestThreadCpuSeconds.toFixed(2)}–${m.threadCpuSeconds.toFixed(2)} s`);
  const kind = (m: DistributedMeasurement) => (m.workers === 1 ? '1' : m.balance ? `${m.workers}, DDP balanced` : m.allReduce ? `${m.workers}, DDP` : `${m.workers}, no all-reduce (bound)`);
  const load = (l: [number, number]) => l.map((x) => x.toFixed(1)).join(' → ');
  const rows = ms.map((m) => `| ${kind(m)} | ${m.steps} | ${m.seconds.toFixed(2)} s | ${m.cpuSeconds.toFixed(2)} s | ${perRank(m)} | ${m.allReduce ? `${m.syncSeconds.toFixed(2)} s` : '–'} | ${m.fullGCs} | ${m.gcPauseSeconds.toFixed(3)} s | ${load(m.loadAverage)} | ${m.allReduce ? m.finalLoss.toFixed(3) : '–'} |`);
  // PyTorch's CPU time is rank 0's process: all of it with one process, one rank's share with two.
  const torchRows = pytorch.map((m) => `| PyTorch DDP, ${m.world === 1 ? '1 process' : `${m.world} processes`} | ${m.steps} | ${m.seconds.toFixed(2)} s | ${m.world === 1 ? `${m.cpuSeconds.toFixed(2)} s` : '–'} | ${m.cpuSeconds.toFixed(2)} s (rank 0) | – | – | – | ${load(m.loadAverage)} | ${m.finalLoss.toFixed(3)} |`);
  const speedUp = (label: string, base: number[], xs: number[]) => (xs.length === 0 || base.length === 0 ? [] : [
    `${label}: fastest ${(Math.min(...base) / Math.min(...xs)).toFixed(2)}× (${Math.min(...base).toFixed(2)} s → ${Math.min(...xs).toFixed(2)} s), ` +
    `median ${(median(base) / median(xs)).toFixed(2)}× (${median(base).toFixed(2)} s → ${median(xs).toFixed(2)} s).`,
  ]);
  const ddp = seconds(2, true), balanced = seconds(2, true, true), bound = seconds(2, false);
  const against = (label: string, xs: number[]) => (xs.length > 0 && xs.length === bound.length
    ? [`${label} time against the bound's, round by round: ${xs.map((d, i) => (bound[i]! / d).toFixed(2)).join(', ')} (1 would be no cost for keeping the replicas in step).`] : []);
  const torchSeconds = (world: number) => pytorch.filter((m) => m.world === world).map((m) => m.seconds);
  const torchNote = pytorchSkipped !== null
    ? [`PyTorch DDP rows ${pytorch.length > 0 ? 'incomplete' : 'missing'}: ${pytorchSkipped}.`]
    : pytorch.length > 0 ? [`PyTorch ${pytorch[0]!.torch} rows: bench/python/distributed.py, gloo on 127.0.0.1, one thread per process; CPU is rank 0's process (its compute thread and gloo's).`] : [];
  const first = ms[0];
  return [
    `Data-parallel CNN training (batch 64 split across workers, ${first?.images ?? 0} images, ${first?.data ?? ''}; one epoch timed after ${first?.warmupSteps ?? 0} warm-up steps; ${first?.engineThreads ?? 1} engine thread per rank; ${first?.heap ?? ''}; ${cpus().length} cores; 1-minute load average before → after each run)`,
    '| workers | steps | wall | CPU (all threads) | CPU per rank (fastest–slowest) | sync (slowest rank, wall) | full GCs (most in a rank) | GC pauses (longest total in a rank) | load average | last batch loss |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    ...torchRows,
    '',
    ...speedUp(`Speed-up of 2 workers with DDP over 1 (wall time, ${ddp.length} runs each, taking turns)`, one, ddp),
    ...speedUp('Speed-up of 2 workers with DDP balanced by measured speed over 1', one, balanced),
    ...speedUp('Bound: 2 workers with no all-reduce over 1', one, bound),
    ...against("DDP's", ddp),
    ...against("Balanced DDP's", balanced),
    ...speedUp('PyTorch DDP (gloo, 2 processes) over 1 process', torchSeconds(1), torchSeconds(2)),
    ...torchNote,
  ].join('\n');
}

// `npx tsx bench/distributed.ts [images] [rounds] [initialHeapMB]` runs this group alone
// (initialHeapMB 0: V8's default heap, to see what spawn's setting changes).
if (import.meta.url === `file://${process.argv[1]}`) {
  const ms = await benchDistributed((s) => console.error(s), Number(process.argv[2] ?? 9984), Number(process.argv[3] ?? 5), Number(process.argv[4] ?? DEFAULT_INITIAL_HEAP_MB));
  console.log(distributedTable(ms));
}
