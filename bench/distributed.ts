// Data-parallel training of the bench CNN (bench/cnn-data.ts) on 1 and 2 worker threads:
// the same global batch of 64, split across the ranks by DistributedDataParallel, one
// matmul thread per rank; and, as the bound, 2 workers that skip the all-reduce. Wall time
// and the process's CPU time (all threads) over one epoch of rank 0, after a warm-up epoch,
// and the CPU time of the slowest rank's own thread (Linux). On a shared machine the
// wall-time speed-up is bounded by the cores other processes leave free; the per-rank CPU
// speed-up is what the split gives when each rank has a core to itself (it leaves out waiting
// for the other rank at the all-reduce). Each rank also counts its full garbage collections
// and its time paused in any collection: a rank paused is a rank the others wait for.
import { cpus, loadavg } from 'node:os';
import { spawn, DEFAULT_INITIAL_HEAP_MB } from '../packages/descent/src/distributed/index.js';
import type { RankArgs, RankResult } from './distributed-rank.js';

export interface DistributedMeasurement { workers: number; allReduce: boolean; seconds: number; cpuSeconds: number; threadCpuSeconds: number | null; syncSeconds: number; engineThreads: number; steps: number; warmupSteps: number; images: number; finalLoss: number; data: string; loadAverage: [number, number]; heap: string; fullGCs: number; gcPauseSeconds: number }

/** The runs of one round: one worker, two with DDP, and two with no all-reduce (the bound). */
const ROUND = [{ workers: 1, allReduce: true }, { workers: 2, allReduce: true }, { workers: 2, allReduce: false }] as const;

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
 */
export async function benchDistributed(progress: (s: string) => void, images = 9984, rounds = 5, initialHeapMB = DEFAULT_INITIAL_HEAP_MB): Promise<DistributedMeasurement[]> {
  const out: DistributedMeasurement[] = [];
  const register = import.meta.resolve('tsx/esm/api');
  const batchSize = 64;
  // One epoch of warm-up: see distributed-rank.ts.
  const warmupSteps = Math.floor(images / batchSize);
  for (let round = 0; round < rounds; round++) {
    for (const { workers, allReduce } of ROUND) {
      progress(`distributed: CNN data-parallel on ${workers} worker(s)${allReduce ? '' : ' without the all-reduce'}, round ${round + 1} of ${rounds}`);
      const args: RankArgs = { images, batchSize, warmupSteps, allReduce };
      const before = loadavg()[0]!;
      const [r0] = await spawn<RankResult, RankArgs>(workers, new URL('./distributed-rank.ts', import.meta.url), { args, register, threadsPerRank: 1, initialHeapMB });
      out.push({ workers, allReduce, images, warmupSteps, ...r0!, loadAverage: [before, loadavg()[0]!], heap: initialHeapMB === 0 ? "V8's default heap" : `${initialHeapMB} MB initial heap per rank` });
    }
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export function distributedTable(ms: DistributedMeasurement[]): string {
  const seconds = (workers: number, allReduce: boolean) => ms.filter((m) => m.workers === workers && m.allReduce === allReduce).map((m) => m.seconds);
  const one = seconds(1, true);
  const perRank = (m: DistributedMeasurement) => (m.threadCpuSeconds === null ? '–' : `${m.threadCpuSeconds.toFixed(2)} s`);
  const kind = (m: DistributedMeasurement) => (m.workers === 1 ? '1' : m.allReduce ? `${m.workers}, DDP` : `${m.workers}, no all-reduce (bound)`);
  const rows = ms.map((m) => `| ${kind(m)} | ${m.steps} | ${m.seconds.toFixed(2)} s | ${m.cpuSeconds.toFixed(2)} s | ${perRank(m)} | ${m.allReduce ? `${m.syncSeconds.toFixed(2)} s` : '–'} | ${m.fullGCs} | ${m.gcPauseSeconds.toFixed(3)} s | ${m.loadAverage.map((l) => l.toFixed(1)).join(' → ')} | ${m.allReduce ? m.finalLoss.toFixed(3) : '–'} |`);
  const speedUp = (label: string, xs: number[]) => (xs.length === 0 || one.length === 0 ? [] : [
    `${label}: fastest ${(Math.min(...one) / Math.min(...xs)).toFixed(2)}× (${Math.min(...one).toFixed(2)} s → ${Math.min(...xs).toFixed(2)} s), ` +
    `median ${(median(one) / median(xs)).toFixed(2)}× (${median(one).toFixed(2)} s → ${median(xs).toFixed(2)} s).`,
  ]);
  const ddp = seconds(2, true), bound = seconds(2, false);
  const share = ddp.length > 0 && ddp.length === bound.length
    ? [`DDP's time against the bound's, round by round: ${ddp.map((d, i) => (bound[i]! / d).toFixed(2)).join(', ')} (1 would be no cost for keeping the replicas in step).`] : [];
  const first = ms[0];
  return [
    `Data-parallel CNN training (batch 64 split across workers, ${first?.images ?? 0} images, ${first?.data ?? ''}; one epoch timed after ${first?.warmupSteps ?? 0} warm-up steps; ${first?.engineThreads ?? 1} engine thread per rank; ${first?.heap ?? ''}; ${cpus().length} cores; 1-minute load average before → after each run)`,
    '| workers | steps | wall | CPU (all threads) | CPU (slowest rank) | sync (slowest rank, wall) | full GCs (most in a rank) | GC pauses (longest total in a rank) | load average | last batch loss |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...speedUp(`Speed-up of 2 workers with DDP over 1 (wall time, ${ddp.length} runs each, taking turns)`, ddp),
    ...speedUp('Bound: 2 workers with no all-reduce over 1', bound),
    ...share,
  ].join('\n');
}

// `npx tsx bench/distributed.ts [images] [rounds] [initialHeapMB]` runs this group alone
// (initialHeapMB 0: V8's default heap, to see what spawn's setting changes).
if (import.meta.url === `file://${process.argv[1]}`) {
  const ms = await benchDistributed((s) => console.error(s), Number(process.argv[2] ?? 9984), Number(process.argv[3] ?? 5), Number(process.argv[4] ?? DEFAULT_INITIAL_HEAP_MB));
  console.log(distributedTable(ms));
}
