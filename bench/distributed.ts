// Data-parallel training of the bench CNN (bench/cnn-data.ts) on 1 and 2 worker threads:
// the same global batch of 64, split across the ranks by DistributedDataParallel, one
// matmul thread per rank. Wall time and the process's CPU time (all threads) over the
// training loop of rank 0, after a warm-up, and the CPU time of the slowest rank's own
// thread (Linux). On a shared machine the wall-time speed-up is bounded by the cores other
// processes leave free; the per-rank CPU speed-up is what the split gives when each rank has
// a core to itself (it leaves out waiting for the other rank at the all-reduce). Each rank
// also counts its full garbage collections and its time paused in any collection: a rank
// paused is a rank the others wait for.
import { cpus, loadavg } from 'node:os';
import { spawn, DEFAULT_INITIAL_HEAP_MB } from '../packages/descent/src/distributed/index.js';
import type { RankArgs, RankResult } from './distributed-rank.js';

export interface DistributedMeasurement { workers: number; seconds: number; cpuSeconds: number; threadCpuSeconds: number | null; syncSeconds: number; engineThreads: number; steps: number; images: number; finalLoss: number; data: string; loadAverage: [number, number]; heap: string; fullGCs: number; gcPauseSeconds: number }

/**
 * Runs 1 and 2 workers alternately, `rounds` times each: on a shared virtual machine the
 * same run's time varies by a third from one minute to the next, and alternating puts both
 * worker counts under the same conditions. The table compares the fastest run of each
 * (noise only ever adds time, as timeit reasons) and the medians.
 */
export async function benchDistributed(progress: (s: string) => void, images = 9984, rounds = 3, initialHeapMB = DEFAULT_INITIAL_HEAP_MB): Promise<DistributedMeasurement[]> {
  const out: DistributedMeasurement[] = [];
  const register = import.meta.resolve('tsx/esm/api');
  for (let round = 0; round < rounds; round++) {
    for (const workers of [1, 2]) {
      progress(`distributed: CNN data-parallel on ${workers} worker(s), round ${round + 1} of ${rounds}`);
      // Five warm-up steps: the first few run the interpreter and the baseline compiler while
      // the optimizing compiler works on other threads; timing them would bill one worker count
      // for compilation the other already finished.
      const args: RankArgs = { images, batchSize: 64, warmupSteps: 5 };
      const before = loadavg()[0]!;
      const [r0] = await spawn<RankResult, RankArgs>(workers, new URL('./distributed-rank.ts', import.meta.url), { args, register, threadsPerRank: 1, initialHeapMB });
      out.push({ workers, images, ...r0!, loadAverage: [before, loadavg()[0]!], heap: initialHeapMB === 0 ? "V8's default heap" : `${initialHeapMB} MB initial heap per rank` });
    }
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export function distributedTable(ms: DistributedMeasurement[]): string {
  const of = (w: number) => ms.filter((m) => m.workers === w);
  const seconds = (w: number) => of(w).map((m) => m.seconds);
  const best1 = Math.min(...seconds(1)), median1 = median(seconds(1));
  const perRank = (m: DistributedMeasurement) => (m.threadCpuSeconds === null ? '–' : `${m.threadCpuSeconds.toFixed(2)} s`);
  const rows = ms.map((m) => `| ${m.workers} | ${m.steps} | ${m.seconds.toFixed(2)} s | ${m.cpuSeconds.toFixed(2)} s | ${perRank(m)} | ${m.syncSeconds.toFixed(2)} s | ${m.fullGCs} | ${m.gcPauseSeconds.toFixed(3)} s | ${m.loadAverage.map((l) => l.toFixed(1)).join(' → ')} | ${m.finalLoss.toFixed(3)} |`);
  const summary = [2].filter((w) => of(w).length > 0 && of(1).length > 0).map((w) =>
    `Speed-up of ${w} workers over 1 (wall time, ${of(w).length} runs each, alternating): fastest ${(best1 / Math.min(...seconds(w))).toFixed(2)}× (${best1.toFixed(2)} s → ${Math.min(...seconds(w)).toFixed(2)} s), median ${(median1 / median(seconds(w))).toFixed(2)}× (${median1.toFixed(2)} s → ${median(seconds(w)).toFixed(2)} s).`);
  return [
    `Data-parallel CNN training (batch 64 split across workers, ${ms[0]?.images ?? 0} images, ${ms[0]?.data ?? ''}; ${ms[0]?.engineThreads ?? 1} engine thread per rank; ${ms[0]?.heap ?? ''}; ${cpus().length} cores; 1-minute load average before → after each run)`,
    '| workers | steps | wall | CPU (all threads) | CPU (slowest rank) | sync (slowest rank, wall) | full GCs (most in a rank) | GC pauses (longest total in a rank) | load average | last batch loss |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...summary,
  ].join('\n');
}

// `npx tsx bench/distributed.ts [images] [rounds] [initialHeapMB]` runs this group alone
// (initialHeapMB 0: V8's default heap, to see what spawn's setting changes).
if (import.meta.url === `file://${process.argv[1]}`) {
  const ms = await benchDistributed((s) => console.error(s), Number(process.argv[2] ?? 9984), Number(process.argv[3] ?? 3), Number(process.argv[4] ?? DEFAULT_INITIAL_HEAP_MB));
  console.log(distributedTable(ms));
}
