/**
 * The hashing trick: features go to columns by a hash instead of a learned vocabulary, so
 * nothing is stored and any vocabulary size fits in `nFeatures` columns (Weinberger et al.,
 * "Feature Hashing for Large Scale Multitask Learning", ICML 2009). After scikit-learn's
 * `HashingVectorizer`: the column of feature f is |h(f)| mod nFeatures with h the signed
 * 32-bit MurmurHash3 of f's UTF-8 bytes (seed 0), and with `alternateSign` the value is −1
 * when h(f) < 0, so collisions cancel in expectation instead of piling up.
 */
import { BaseEstimator, type EstimatorSpec } from '../learn/base/base-estimator.js';
import { C } from '../learn/base/constraints.js';
import { ANALYZER_CONSTRAINTS, ANALYZER_DEFAULTS, buildAnalyzer, checkDocuments, type AnalyzerParams } from './analyzer.js';
import { CsrMatrix } from './sparse.js';

const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/**
 * MurmurHash3 x86 32-bit (Austin Appleby, public domain reference `MurmurHash3_x86_32`) of
 * a string's UTF-8 bytes or of raw bytes, as a signed 32-bit integer — scikit-learn's
 * `murmurhash3_32(key, seed)`. Pass `positive: true` for the unsigned value.
 *
 * ```ts
 * murmurhash3_32('the'); // the same integer as sklearn.utils.murmurhash3_32('the')
 * ```
 */
export function murmurhash3_32(key: string | Uint8Array, seed = 0, positive = false): number {
  let bytes: Uint8Array;
  if (typeof key === 'string') {
    // Encode into a reused buffer (a UTF-16 unit is at most 3 UTF-8 bytes): hashing millions
    // of short features should not allocate an array for each.
    if (scratch.length < key.length * 3) scratch = new Uint8Array(key.length * 3 + 64);
    bytes = scratch.subarray(0, encoder.encodeInto(key, scratch).written);
  } else {
    bytes = key;
  }
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const nblocks = bytes.length >> 2;
  for (let i = 0; i < nblocks; i++) {
    const o = i * 4;
    let k = bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16) | (bytes[o + 3] << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  // The 1 to 3 trailing bytes.
  const tail = nblocks * 4;
  const rem = bytes.length & 3;
  if (rem > 0) {
    let k = 0;
    if (rem === 3) k ^= bytes[tail + 2] << 16;
    if (rem >= 2) k ^= bytes[tail + 1] << 8;
    k ^= bytes[tail];
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  // Finalization: force all bits of the hash to avalanche.
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return positive ? h >>> 0 : h | 0;
}

export interface HashingVectorizerParams extends AnalyzerParams {
  /** Number of columns (a power of two spreads features most evenly). */
  nFeatures: number;
  /** Scale rows to unit `'l2'` (default) or `'l1'` norm, or not at all. */
  norm: 'l1' | 'l2' | null;
  /** Negative hashes add −1 instead of +1, so collisions cancel on average. */
  alternateSign: boolean;
  /** Set every non-zero value to 1 (before normalizing). */
  binary: boolean;
}

/**
 * Stateless vectorizer: `transform` needs no `fit` (which only checks parameters).
 *
 * ```ts
 * const hv = new HashingVectorizer({ nFeatures: 2 ** 10 });
 * hv.transform(['the cat sat']).shape; // [1, 1024]
 * ```
 */
export class HashingVectorizer extends BaseEstimator<HashingVectorizerParams> {
  static override readonly spec: EstimatorSpec<HashingVectorizerParams> = {
    name: 'HashingVectorizer',
    defaults: { ...ANALYZER_DEFAULTS, nFeatures: 2 ** 20, norm: 'l2', alternateSign: true, binary: false },
    constraints: {
      ...ANALYZER_CONSTRAINTS,
      nFeatures: [C.integer({ min: 1, max: 2 ** 31 - 1 })],
      norm: [C.options('l1', 'l2'), C.null],
      alternateSign: [C.boolean],
      binary: [C.boolean],
    },
    tags: { stateless: true },
  };

  /** Checks the parameters; there is nothing to learn. */
  fit(docs?: readonly string[]): this {
    this.beginFit();
    if (docs !== undefined) checkDocuments(`${this.estimatorName}.fit`, docs);
    return this;
  }

  transform(docs: readonly string[]): CsrMatrix {
    this.beginFit();
    checkDocuments(`${this.estimatorName}.transform`, docs);
    const p = this.params;
    const analyze = buildAnalyzer(p);
    const maps = docs.map((d) => {
      const m = new Map<number, number>();
      for (const f of analyze(d)) {
        const h = murmurhash3_32(f);
        const j = Math.abs(h) % p.nFeatures;
        m.set(j, (m.get(j) ?? 0) + (p.alternateSign && h < 0 ? -1 : 1));
      }
      // scikit-learn sets the stored entries to 1, including sums that cancelled to 0.
      if (p.binary) for (const j of m.keys()) m.set(j, 1);
      return m;
    });
    const X = CsrMatrix.fromRowMaps(maps, p.nFeatures);
    return p.norm ? X.normalizeRows(p.norm) : X;
  }

  fitTransform(docs: readonly string[]): CsrMatrix {
    return this.fit(docs).transform(docs);
  }
}
