/**
 * Train/test splits for recommenders. A random split of ratings leaks the future into
 * training; these two are the common honest ones.
 */
import { Generator } from '../random/index.js';
import type { Interactions } from './interactions.js';

/** A split: two sets of interactions over the same users and items. */
export interface InteractionSplit {
  train: Interactions;
  test: Interactions;
}

function subset(data: Interactions, keep: number[]): Interactions {
  return {
    users: Int32Array.from(keep, (k) => data.users[k]),
    items: Int32Array.from(keep, (k) => data.items[k]),
    values: Float64Array.from(keep, (k) => data.values[k]),
    nUsers: data.nUsers,
    nItems: data.nItems,
  };
}

/**
 * Hold out one interaction per user with at least two: the latest one when `timestamps`
 * is given (the "next item" protocol of He et al. 2017), else a random one.
 *
 * @example
 * ```ts
 * const { train, test } = leaveOneOut(data, { timestamps: times });
 * ```
 */
export function leaveOneOut(data: Interactions, options: { timestamps?: ArrayLike<number>; seed?: number } = {}): InteractionSplit {
  const { timestamps, seed = 0 } = options;
  if (timestamps !== undefined && timestamps.length !== data.users.length) {
    throw new RangeError(`leaveOneOut: timestamps has ${timestamps.length} entries but there are ${data.users.length} interactions`);
  }
  const g = new Generator(seed);
  const perUser: number[][] = Array.from({ length: data.nUsers }, () => []);
  for (let n = 0; n < data.users.length; n++) perUser[data.users[n]].push(n);
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of perUser) {
    if (rows.length < 2) {
      train.push(...rows);
      continue;
    }
    let out = rows[g.integers(0, rows.length)];
    if (timestamps !== undefined) out = rows.reduce((a, b) => (timestamps[b] > timestamps[a] || (timestamps[b] === timestamps[a] && b > a) ? b : a));
    for (const n of rows) (n === out ? test : train).push(n);
  }
  return { train: subset(data, train.sort((a, b) => a - b)), test: subset(data, test.sort((a, b) => a - b)) };
}

/**
 * A global temporal split: every interaction at or after the cutoff time (the
 * (1 − testFraction) quantile of the timestamps) goes to test, the rest to train.
 *
 * @example
 * ```ts
 * const { train, test } = temporalSplit(data, times, 0.2);
 * ```
 */
export function temporalSplit(data: Interactions, timestamps: ArrayLike<number>, testFraction = 0.2): InteractionSplit {
  if (timestamps.length !== data.users.length) {
    throw new RangeError(`temporalSplit: timestamps has ${timestamps.length} entries but there are ${data.users.length} interactions`);
  }
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`temporalSplit: testFraction must be in (0, 1); got ${testFraction}`);
  const sorted = Float64Array.from(timestamps).sort();
  const cutoff = sorted[Math.min(sorted.length - 1, Math.floor((1 - testFraction) * sorted.length))];
  const train: number[] = [];
  const test: number[] = [];
  for (let n = 0; n < timestamps.length; n++) (timestamps[n] >= cutoff ? test : train).push(n);
  return { train: subset(data, train), test: subset(data, test) };
}
