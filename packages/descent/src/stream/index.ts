/**
 * `descent/stream`: statistics of data that passes once, in memory that does not grow with
 * it — running mean and variance (Welford, mergeable), reservoir sampling (Algorithm R and
 * weighted A-Res), count-min sketch, HyperLogLog and t-digest quantiles.
 *
 * ```ts
 * import { RunningStats, HyperLogLog, TDigest } from 'descent/stream';
 * const stats = new RunningStats(), hll = new HyperLogLog(12), td = new TDigest();
 * for (const x of [3, 1, 4, 1, 5]) { stats.push(x); hll.add(x); td.push(x); }
 * stats.mean; hll.count(); td.quantile(0.5);
 * ```
 */
export { RunningStats } from './welford.js';
export { ReservoirSampler, WeightedReservoirSampler } from './reservoir.js';
export { CountMinSketch } from './count-min.js';
export { HyperLogLog } from './hyperloglog.js';
export { TDigest } from './t-digest.js';
export { murmur3 } from './hash.js';
