// A rank of the data-parallel bench (bench/distributed.ts): the bench CNN under
// DistributedDataParallel, this rank's share of every batch, one thread per rank.
import { tensor, manualSeed, getNumThreads } from '../packages/descent/src/tensor/index.js';
import { F } from '../packages/descent/src/nn/index.js';
import { Adam } from '../packages/descent/src/optim/index.js';
import { DistributedDataParallel, initProcessGroup } from '../packages/descent/src/distributed/index.js';
import { existsSync, readFileSync } from 'node:fs';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { buildCnn, images28 } from './cnn-data.js';

/**
 * This thread's own CPU seconds (Linux: utime + stime of /proc/thread-self/stat, in clock
 * ticks of 1/100 s), or null elsewhere. process.cpuUsage() counts the whole process, every
 * rank together; this is one rank's share, what it would take with a core to itself.
 */
function threadCpuSeconds(): number | null {
  if (!existsSync('/proc/thread-self/stat')) return null;
  const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // fields 14 and 15 of stat(5), counted after the name
}

/**
 * `allReduce: false` skips the gradient all-reduce: each rank then trains its own replica on
 * its share, which is not data-parallel training but the bound on it, the time two ranks take
 * when nothing makes one wait for the other. `balance` splits each batch by the ranks'
 * measured speed (DistributedDataParallel's `balance` option) instead of in halves.
 */
export interface RankArgs { images: number; batchSize: number; warmupSteps: number; allReduce: boolean; balance?: boolean }
export interface RankResult { seconds: number; cpuSeconds: number; threadCpuSeconds: number | null; fastestThreadCpuSeconds: number | null; syncSeconds: number; engineThreads: number; steps: number; finalLoss: number; data: string; fullGCs: number; gcPauseSeconds: number }

void initProcessGroup<RankResult, RankArgs>(async (group, { images, batchSize, warmupSteps, allReduce, balance = false }) => {
  // spawn() gives each rank one engine thread (threadsPerRank, default 1): no matmul pool
  // inside a rank competing with the other ranks for the cores.
  const task = images28();
  manualSeed(0);
  const ddp = await DistributedDataParallel.create(buildCnn(), group, { balance });
  const opt = new Adam(ddp.module.parameters(), { lr: 1e-3 });
  const per = batchSize / group.worldSize, pixels = 784;
  const X = tensor(task.X.subarray(0, images * pixels)).reshape([images, 1, 28, 28]);
  const y = tensor(task.y.subarray(0, images), { dtype: 'int32' });
  let share = 1 / group.worldSize; // this rank's fraction of the batch in the last step
  const step = (b: number) => {
    const { start, count } = balance ? ddp.batchShare(batchSize) : { start: group.rank * per, count: per };
    share = count / batchSize;
    const at = b * batchSize + start;
    opt.zeroGrad();
    const loss = F.crossEntropy(ddp.forward(X.narrow(0, at, count)), y.narrow(0, at, count));
    loss.backward();
    return loss;
  };
  const steps = Math.floor(images / batchSize);
  // Whole training steps before the clock starts: V8 keeps optimizing functions of the step
  // for hundreds of steps (those called once or twice a step the latest), on helper threads
  // that have a core to themselves beside one worker but take one from a rank beside two.
  for (let b = 0; b < warmupSteps; b++) {
    step(b % steps);
    if (allReduce) await ddp.syncGradients();
    opt.step();
  }
  // Full collections (mark-compact) in this rank during the timed loop, and the time this
  // thread spent paused in any collection: a pause in one rank is a wait in the others.
  let fullGCs = 0, gcPause = 0;
  const gcs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcPause += e.duration;
      if (((e as { detail?: { kind?: number } }).detail)?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullGCs++;
    }
  });
  await group.barrier();
  gcs.observe({ entryTypes: ['gc'] });
  const cpu = process.cpuUsage(), threadCpu = threadCpuSeconds(), start = performance.now();
  let last = 0;
  let sync = 0;
  for (let b = 0; b < steps; b++) {
    last = Number(step(b).item()) * share;
    const t = performance.now();
    if (allReduce) await ddp.syncGradients(); // the all-reduce, and the wait for the slower rank
    sync += performance.now() - t;
    opt.step();
  }
  await group.barrier();
  const seconds = (performance.now() - start) / 1000, used = process.cpuUsage(cpu);
  await new Promise((resolve) => setTimeout(resolve, 0)); // let the observer see the last entries
  gcs.disconnect();
  const [maxFullGCs] = await group.allReduce(Float64Array.of(fullGCs), 'max');
  const [maxPause] = await group.allReduce(Float64Array.of(gcPause / 1000), 'max');
  const threadAfter = threadCpuSeconds();
  // The slowest rank sets the pace: report the largest thread CPU time, and the smallest
  // beside it. The same work on each rank, so when the two differ a core ran slower for this
  // rank (the host's other guests, or another thread of this process on its core); when both
  // rise from one round to the next, both cores did.
  const own = threadAfter === null || threadCpu === null ? NaN : threadAfter - threadCpu;
  const [slowest] = await group.allReduce(Float64Array.of(own), 'max');
  const [negFastest] = await group.allReduce(Float64Array.of(-own), 'max');
  // The last batch's loss over the whole batch (each rank saw its share, and weighted its
  // mean by it): the same on every worker count up to rounding, since DDP follows one
  // device's trajectory.
  const [finalLoss] = await group.allReduce(Float64Array.of(last), 'sum');
  const [syncMax] = await group.allReduce(Float64Array.of(sync / 1000), 'max');
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, threadCpuSeconds: Number.isNaN(slowest) ? null : slowest!, fastestThreadCpuSeconds: Number.isNaN(negFastest) ? null : -negFastest!, syncSeconds: syncMax!, engineThreads: getNumThreads(), steps, finalLoss: finalLoss!, data: task.data, fullGCs: maxFullGCs!, gcPauseSeconds: maxPause! };
});
