/**
 * The histogram layout of histogram gradient boosting (hist-grower.ts): where each sample's
 * gradient and hessian land, computed once per fit from the binned data.
 */
import type { Binned } from './hist-grower.js';

/**
 * Where each sample's values land in a histogram. Feature f's bins start at 3·offset[f],
 * each bin [G, H, count]. `slot[i · nActive + a]` is the position of sample i's bin of the
 * a-th active feature: histogram building then reads one short row of positions per sample
 * (row-major, contiguous) instead of d bins scattered over d columns, with the offset
 * arithmetic done once per fit instead of once per node. Features that cannot split (a
 * numeric feature with one value and no NaN: digits' blank pixels) are left out.
 */
export interface HistLayout {
  offset: Int32Array;
  size: number;
  active: Int32Array;
  slot: Uint16Array | Int32Array;
  /** Spare histograms, reused by the next nodes and trees (all have `size` entries). */
  pool: Float64Array[];
}

export function histLayout(B: Binned): HistLayout {
  const { d, n, bins } = B;
  const isCat = B.isCategorical ?? [];
  const offset = new Int32Array(d + 1);
  for (let f = 0; f < d; f++) offset[f + 1] = offset[f] + B.thresholds[f].length + 2;
  const size = 3 * offset[d];
  const activeList: number[] = [];
  for (let f = 0; f < d; f++) if (isCat[f] || B.hasMissing[f] || B.thresholds[f].length > 0) activeList.push(f);
  const active = Int32Array.from(activeList);
  const m = active.length;
  const slot = size <= 65536 ? new Uint16Array(n * m) : new Int32Array(n * m);
  for (let a = 0; a < m; a++) {
    const col = active[a] * n;
    const base = 3 * offset[active[a]];
    for (let i = 0; i < n; i++) slot[i * m + a] = base + 3 * bins[col + i];
  }
  return { offset, size, active, slot, pool: [] };
}
