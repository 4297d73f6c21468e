// A rank of bench/lockstep.ts: fixed work per step, and a barrier after every step or none.
import { initProcessGroup } from '../packages/descent/src/distributed/index.js';

export interface LockstepArgs { steps: number; iterations: number; megabytes: number; barrier: boolean }
export interface LockstepResult { seconds: number; waitSeconds: number; medianStepMs: number }

/** A chain of dependent multiply-adds: arithmetic only, nothing read from memory. */
function arithmetic(iterations: number, seed: number): number {
  const b = 1.0001;
  let a = seed;
  for (let i = 0; i < iterations; i++) {
    a = a * b + 1e-9;
    if (a > 2) a -= 1;
  }
  return a;
}

/** Four read-modify-write passes over `buf`, one float per 64-byte cache line: memory traffic. */
function traffic(buf: Float32Array): number {
  let s = 0;
  for (let pass = 0; pass < 4; pass++) for (let i = 0; i < buf.length; i += 16) { buf[i]! += 1; s += buf[i]!; }
  return s;
}

void initProcessGroup<LockstepResult, LockstepArgs>(async (group, { steps, iterations, megabytes, barrier }) => {
  const buf = new Float32Array((megabytes * 2 ** 20) / 4);
  let sink = 0;
  const step = (s: number) => { sink += arithmetic(iterations, s); if (buf.length > 0) sink += traffic(buf); };
  for (let s = 0; s < 50; s++) { step(s); await group.barrier(); } // warm-up, in step
  const times: number[] = [];
  let wait = 0;
  const start = performance.now();
  for (let s = 0; s < steps; s++) {
    const t = performance.now();
    step(s);
    const done = performance.now();
    times.push(done - t);
    if (barrier) await group.barrier();
    wait += performance.now() - done;
  }
  const seconds = (performance.now() - start) / 1000;
  await group.barrier();
  times.sort((a, b) => a - b);
  if (sink === 0.5) console.log(sink); // keep the work from being optimized away
  return { seconds, waitSeconds: wait / 1000, medianStepMs: times[times.length >> 1]! };
});
