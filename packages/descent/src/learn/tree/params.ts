/**
 * The parameters every decision tree shares, their constraints, and how they resolve to
 * the numbers the builder uses (scikit-learn's `BaseDecisionTree.fit`).
 */
import { C, type Constraint } from '../base/constraints.js';
import type { Label } from '../base/validation.js';
import { Generator } from '../../random/index.js';
import type { CriterionName } from './criterion.js';
import type { GrowOptions } from './builder.js';

export type MaxFeatures = number | 'sqrt' | 'log2' | null;

export interface TreeParams {
  /** What a split minimises (see `criterion.ts`). */
  criterion: CriterionName;
  /** 'best' searches every threshold; 'random' draws one per feature (extra trees). */
  splitter: 'best' | 'random';
  /** Maximum depth (the root is depth 0), or null for no limit. */
  maxDepth: number | null;
  /** Fewest samples a node needs to be split: a count >= 2, or a fraction of n in (0, 1]. */
  minSamplesSplit: number;
  /** Fewest samples in each leaf: a count >= 1, or a fraction of n in (0, 1). */
  minSamplesLeaf: number;
  /** Fewest total sample weight in a leaf, as a fraction of the total weight. */
  minWeightFractionLeaf: number;
  /** Features looked at per split: a count, a fraction, 'sqrt', 'log2', or null for all. */
  maxFeatures: MaxFeatures;
  /** Seed for the feature draws (and random thresholds), or null for a fresh one. */
  randomState: number | null;
  /** Grow best-first up to this many leaves, or null for depth-first with no limit. */
  maxLeafNodes: number | null;
  /** Split only if the weighted impurity decrease N_t/N·(i(t) − ...) is at least this. */
  minImpurityDecrease: number;
  /** Cost-complexity pruning strength α >= 0 (0: no pruning). */
  ccpAlpha: number;
}

const fraction = (hiInclusive: boolean): Constraint => C.number({ min: 0, max: 1, minExclusive: true, maxExclusive: !hiInclusive });

export const TREE_CONSTRAINTS = {
  splitter: [C.options('best', 'random')],
  maxDepth: [C.integer({ min: 1 }), C.null],
  minSamplesSplit: [C.integer({ min: 2 }), fraction(true)],
  minSamplesLeaf: [C.integer({ min: 1 }), fraction(false)],
  minWeightFractionLeaf: [C.number({ min: 0, max: 0.5 })],
  maxFeatures: [C.integer({ min: 1 }), fraction(true), C.options('sqrt', 'log2'), C.null],
  randomState: [C.integer(), C.null],
  maxLeafNodes: [C.integer({ min: 2 }), C.null],
  minImpurityDecrease: [C.number({ min: 0 })],
  ccpAlpha: [C.number({ min: 0 })],
} as const;

export const TREE_DEFAULTS = {
  splitter: 'best',
  maxDepth: null,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  minWeightFractionLeaf: 0,
  maxFeatures: null,
  randomState: null,
  maxLeafNodes: null,
  minImpurityDecrease: 0,
  ccpAlpha: 0,
} as const;

/** A seed: the given one, or a fresh one from Math.random when null. */
export function seedOf(randomState: number | null): number {
  return randomState ?? Math.floor(Math.random() * 2 ** 32);
}

/** `maxFeatures` as a count in [1, d]. */
export function resolveMaxFeatures(maxFeatures: MaxFeatures, d: number, caller: string): number {
  let k: number;
  if (maxFeatures === null) k = d;
  else if (maxFeatures === 'sqrt') k = Math.max(1, Math.floor(Math.sqrt(d)));
  else if (maxFeatures === 'log2') k = Math.max(1, Math.floor(Math.log2(d)));
  else if (Number.isInteger(maxFeatures)) k = maxFeatures;
  else k = Math.max(1, Math.floor(maxFeatures * d));
  if (k > d) throw new Error(`${caller}: maxFeatures is ${maxFeatures} but X has only ${d} features; use a number <= ${d}, a fraction, 'sqrt', 'log2' or null.`);
  return k;
}

/**
 * X (row-major n × d) transposed to column-major, so one feature's values are contiguous,
 * and rounded to float32: scikit-learn's trees store X as float32, so thresholds are
 * midpoints of float32 values, and `applyTree` rounds the same way before comparing.
 */
export function columnMajor(data: Float64Array, n: number, d: number): Float32Array {
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[j * n + i] = data[i * d + j];
  return out;
}

/** The builder's options from the params, the data and the weights. */
export function growOptions(p: TreeParams, o: {
  Xc: Float32Array; n: number; d: number; y: Float64Array; sampleWeight: Float64Array | null; nClasses: number; caller: string; rng?: Generator;
}): GrowOptions {
  const { n, d } = o;
  const minSamplesLeaf = Number.isInteger(p.minSamplesLeaf) ? p.minSamplesLeaf : Math.ceil(p.minSamplesLeaf * n);
  const split = Number.isInteger(p.minSamplesSplit) && p.minSamplesSplit !== 1 ? p.minSamplesSplit : Math.max(2, Math.ceil(p.minSamplesSplit * n));
  let totalWeight = n;
  if (o.sampleWeight) {
    totalWeight = 0;
    for (let i = 0; i < n; i++) totalWeight += o.sampleWeight[i];
  }
  return {
    Xc: o.Xc, nSamples: n, nFeatures: d, y: o.y, sampleWeight: o.sampleWeight, nClasses: o.nClasses,
    criterion: p.criterion === 'log_loss' ? 'entropy' : p.criterion,
    random: p.splitter === 'random',
    maxDepth: p.maxDepth ?? Infinity,
    minSamplesSplit: Math.max(split, 2 * minSamplesLeaf),
    minSamplesLeaf,
    minWeightLeaf: p.minWeightFractionLeaf * totalWeight,
    maxFeatures: resolveMaxFeatures(p.maxFeatures, d, o.caller),
    maxLeafNodes: p.maxLeafNodes,
    minImpurityDecrease: p.minImpurityDecrease,
    rng: o.rng ?? new Generator(seedOf(p.randomState)),
  };
}

/** Class weights as one factor per class code: null (all 1), 'balanced' n / (K·count), or a map by label. */
export function classWeightFactors(classWeight: null | 'balanced' | Record<string, number>, classes: readonly Label[], codes: Float64Array, caller: string): Float64Array | null {
  if (classWeight === null) return null;
  const K = classes.length;
  if (classWeight === 'balanced') {
    const count = new Float64Array(K);
    for (const c of codes) count[c]++;
    return count.map((c) => codes.length / (K * c));
  }
  for (const key of Object.keys(classWeight)) {
    if (!classes.some((c) => String(c) === key)) throw new Error(`${caller}: classWeight names the class ${JSON.stringify(key)}, which is not in the training labels.`);
  }
  return Float64Array.from(classes, (c) => classWeight[String(c)] ?? 1);
}
