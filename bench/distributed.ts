// Data-parallel training of the bench CNN (bench/training.ts) on 1 and 2 worker threads:
// the same global batch of 64, split across the ranks by DistributedDataParallel, one
// matmul thread per rank. Wall time and the process's CPU time (all threads) over the
// training loop of rank 0, after a warm-up, and the CPU time of the slowest rank's own
// thread (Linux). On a shared machine the wall-time speed-up is bounded by the cores other
// processes leave free; the per-rank CPU speed-up is what the split gives when each rank has
// a core to itself (it leaves out waiting for the other rank at the all-reduce).
import { cpus, loadavg } from 'node:os';
import { spawn } from '../packages/descent/src/distributed/index.js';
import type { RankArgs, RankResult } from './distributed-rank.js';

export interface DistributedMeasurement { workers: number; seconds: number; cpuSeconds: number; threadCpuSeconds: number | null; syncSeconds: number; engineThreads: number; steps: number; images: number; finalLoss: number; data: string; loadAverage: [number, number] }

export async function benchDistributed(progress: (s: string) => void, images = 2560): Promise<DistributedMeasurement[]> {
  const out: DistributedMeasurement[] = [];
  const register = import.meta.resolve('tsx/esm/api');
  for (const workers of [1, 2]) {
    progress(`distributed: CNN data-parallel on ${workers} worker(s)`);
    // Five warm-up steps: the first few run the interpreter and the baseline compiler while
    // the optimizing compiler works on other threads; timing them would bill one worker count
    // for compilation the other already finished.
    const args: RankArgs = { images, batchSize: 64, warmupSteps: 5 };
    const before = loadavg()[0]!;
    const [r0] = await spawn<RankResult, RankArgs>(workers, new URL('./distributed-rank.ts', import.meta.url), { args, register, threadsPerRank: 1 });
    out.push({ workers, images, ...r0!, loadAverage: [before, loadavg()[0]!] });
  }
  return out;
}

export function distributedTable(ms: DistributedMeasurement[]): string {
  const base = ms.find((m) => m.workers === 1);
  const perRank = (m: DistributedMeasurement) => (m.threadCpuSeconds === null ? '–' : `${m.threadCpuSeconds.toFixed(2)} s`);
  const cpuSpeedup = (m: DistributedMeasurement) => (base?.threadCpuSeconds && m.threadCpuSeconds ? `${(base.threadCpuSeconds / m.threadCpuSeconds).toFixed(2)}×` : '–');
  const rows = ms.map((m) => `| ${m.workers} | ${m.steps} | ${m.seconds.toFixed(2)} s | ${m.cpuSeconds.toFixed(2)} s | ${perRank(m)} | ${m.syncSeconds.toFixed(2)} s | ${base ? (base.seconds / m.seconds).toFixed(2) : '–'}× | ${cpuSpeedup(m)} | ${m.loadAverage.map((l) => l.toFixed(1)).join(' → ')} | ${m.finalLoss.toFixed(3)} |`);
  return [
    `Data-parallel CNN training (batch 64 split across workers, ${ms[0]?.images ?? 0} images, ${ms[0]?.data ?? ''}; ${ms[0]?.engineThreads ?? 1} engine thread per rank; ${cpus().length} cores; 1-minute load average before → after each run)`,
    '| workers | steps | wall | CPU (all threads) | CPU (slowest rank) | sync (slowest rank, wall) | speed-up (wall) | speed-up (slowest rank CPU) | load average | last batch loss |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

// `npx tsx bench/distributed.ts` runs this group alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const ms = await benchDistributed((s) => console.error(s), Number(process.argv[2] ?? 2560));
  console.log(distributedTable(ms));
}
