// Timing helpers for `npm run bench`: warm up, repeat, report the median.
//
// The median of several repetitions is robust to the odd slow run (a GC pause, another
// process taking the core); the minimum would be more optimistic than a user ever sees.

export interface Timing {
  /** Median wall time of one call, in milliseconds: the figure reported. */
  medianMs: number;
  /** Every timed repetition, in milliseconds, in the order they ran. */
  samplesMs: number[];
  /**
   * Median CPU time (user + system) of this process per call. On a quiet machine it is
   * close to medianMs; far below it means the run was waiting for a busy CPU.
   */
  cpuMedianMs: number;
}

export interface TimingOptions {
  /** Untimed calls first, so V8 has compiled the hot code and caches are warm. */
  warmup: number;
  /** Timed calls; the median of these is reported. */
  reps: number;
}

/**
 * Time `run` with `performance.now()`. Whatever `run` returns is handed to `cleanup`
 * outside the timed region (tfjs tensors must be disposed; others are left to the GC).
 */
export function measure<R>(run: () => R, { warmup, reps }: TimingOptions, cleanup?: (result: R) => void): Timing {
  for (let i = 0; i < warmup; i++) cleanup?.(run());
  const samplesMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const result = run();
    samplesMs.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuMs.push((cpu.user + cpu.system) / 1000);
    cleanup?.(result);
  }
  return { medianMs: median(samplesMs), samplesMs, cpuMedianMs: median(cpuMs) };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Deterministic inputs (mulberry32), uniform in [-1, 1), so every run multiplies the same numbers. */
export function randomUniform(
  Ctor: Float32ArrayConstructor, length: number, seed: number): Float32Array;
export function randomUniform(
  Ctor: Float32ArrayConstructor | Float64ArrayConstructor, length: number, seed: number): Float32Array | Float64Array;
export function randomUniform(
  Ctor: Float32ArrayConstructor | Float64ArrayConstructor, length: number, seed: number,
): Float32Array | Float64Array {
  const x = new Ctor(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    x[i] = 2 * (((t ^ (t >>> 14)) >>> 0) / 4294967296) - 1;
  }
  return x;
}
