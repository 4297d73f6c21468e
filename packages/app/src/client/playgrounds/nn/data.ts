/**
 * The playground's 2-D datasets on the square [-6, 6]², and the input features computed
 * from a point (x1, x2). Classification labels are 0 (orange) and 1 (blue); regression
 * targets lie in [-1, 1]. Every dataset is drawn from a seeded `Generator`, so the same
 * state gives the same points on every machine.
 */
import { Generator } from 'descent/random';
import { makeBlobs } from 'descent/datasets';
import type { DatasetName, FeatureName } from './state.js';

/** Half-width of the input square every picture shows. */
export const DOMAIN = 6;
/** Points per dataset, before the train/test split. */
export const N_POINTS = 500;

export interface Point {
  x1: number;
  x2: number;
  /** 0 or 1 for classification, a target in [-1, 1] for regression. */
  y: number;
}

export interface Split {
  train: Point[];
  test: Point[];
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * A disc of label 1 (radius < 2.5) inside a ring of label 0 (radius 3.5..5); noise
 * jitters every point, so at high noise the classes overlap.
 */
function circle(n: number, noise: number, g: Generator): Point[] {
  const pts: Point[] = [];
  const half = Math.floor(n / 2);
  for (let i = 0; i < n; i++) {
    const inner = i < half;
    const r = inner ? g.uniform(0, 2.5) : g.uniform(3.5, 5);
    const t = g.uniform(0, 2 * Math.PI);
    pts.push({ x1: r * Math.cos(t) + noise * 5 * g.uniform(-1, 1), x2: r * Math.sin(t) + noise * 5 * g.uniform(-1, 1), y: inner ? 1 : 0 });
  }
  return g.shuffle(pts);
}

/** Two Gaussian clouds around (2, 2) (label 1) and (-2, -2) (label 0), from `makeBlobs`. */
function gaussian(n: number, noise: number, seed: number): Point[] {
  const std = 0.5 + 3 * noise;
  const { X, y } = makeBlobs({ nSamples: n, centers: [[-2, -2], [2, 2]], clusterStd: std, randomState: seed });
  return X.map(([a, b], i) => ({ x1: a, x2: b, y: y[i] }));
}

/**
 * XOR: uniform points in the four quadrants, label 1 where x1·x2 > 0. A small margin
 * keeps points off the axes; noise jitters the points after labelling, so some cross.
 */
function xor(n: number, noise: number, g: Generator): Point[] {
  const pts: Point[] = [];
  const pad = 0.3;
  for (let i = 0; i < n; i++) {
    let x1 = g.uniform(-5, 5);
    let x2 = g.uniform(-5, 5);
    x1 += x1 > 0 ? pad : -pad;
    x2 += x2 > 0 ? pad : -pad;
    const y = x1 * x2 > 0 ? 1 : 0;
    pts.push({ x1: x1 + noise * 5 * g.uniform(-1, 1), x2: x2 + noise * 5 * g.uniform(-1, 1), y });
  }
  return pts;
}

/** Two interleaved spirals, r growing linearly with the angle over 1.75 turns. */
function spiral(n: number, noise: number, g: Generator): Point[] {
  const pts: Point[] = [];
  const half = Math.floor(n / 2);
  for (const [label, offset] of [[1, 0], [0, Math.PI]] as const) {
    const count = label === 1 ? half : n - half;
    for (let i = 0; i < count; i++) {
      const r = (5 * i) / count;
      const t = (1.75 * 2 * Math.PI * i) / count + offset;
      pts.push({ x1: r * Math.sin(t) + noise * g.uniform(-1, 1), x2: r * Math.cos(t) + noise * g.uniform(-1, 1), y: label });
    }
  }
  return g.shuffle(pts);
}

/** Regression: a tilted plane, y = (x1 + x2) / 12, with noise added to the target. */
function plane(n: number, noise: number, g: Generator): Point[] {
  return Array.from({ length: n }, () => {
    const x1 = g.uniform(-DOMAIN, DOMAIN);
    const x2 = g.uniform(-DOMAIN, DOMAIN);
    return { x1, x2, y: clamp((x1 + x2) / (2 * DOMAIN) + noise * g.uniform(-1, 1), -1, 1) };
  });
}

/** Regression: two bumps of opposite sign, y = e^(−|p − a|²/4) − e^(−|p − b|²/4). */
function bumps(n: number, noise: number, g: Generator): Point[] {
  const bump = (x1: number, x2: number, c1: number, c2: number) => Math.exp(-((x1 - c1) ** 2 + (x2 - c2) ** 2) / 4);
  return Array.from({ length: n }, () => {
    const x1 = g.uniform(-DOMAIN, DOMAIN);
    const x2 = g.uniform(-DOMAIN, DOMAIN);
    const y = bump(x1, x2, 2, 2) - bump(x1, x2, -2, -2);
    return { x1, x2, y: clamp(y + noise * g.uniform(-1, 1), -1, 1) };
  });
}

/**
 * The points of a dataset. `noise` is the playground's percentage divided by 100 (0..0.5).
 *
 * ```ts
 * const pts = generate('spiral', 500, 0.1, 7); // 500 points, labels 0/1
 * ```
 */
export function generate(name: DatasetName, n: number, noise: number, seed: number): Point[] {
  const g = new Generator(seed);
  switch (name) {
    case 'circle': return circle(n, noise, g);
    case 'gaussian': return gaussian(n, noise, seed);
    case 'xor': return xor(n, noise, g);
    case 'spiral': return spiral(n, noise, g);
    case 'plane': return plane(n, noise, g);
    case 'bumps': return bumps(n, noise, g);
  }
}

/**
 * Shuffles (seeded) and splits: the first `trainRatio` percent train, the rest test.
 *
 * ```ts
 * splitPoints(generate('xor', 500, 0, 1), 70, 1).train.length; // 350
 * ```
 */
export function splitPoints(points: Point[], trainRatio: number, seed: number): Split {
  const order = new Generator(seed + 1).permutation(points.length);
  const nTrain = Math.round((points.length * trainRatio) / 100);
  return { train: order.slice(0, nTrain).map((i) => points[i]), test: order.slice(nTrain).map((i) => points[i]) };
}

/** Each input feature as a function of the point, with the label the UI shows. */
export const FEATURE_FNS: Record<FeatureName, { label: string; fn: (x1: number, x2: number) => number }> = {
  x1: { label: 'x₁', fn: (x1) => x1 },
  x2: { label: 'x₂', fn: (_, x2) => x2 },
  x1sq: { label: 'x₁²', fn: (x1) => x1 * x1 },
  x2sq: { label: 'x₂²', fn: (_, x2) => x2 * x2 },
  x1x2: { label: 'x₁x₂', fn: (x1, x2) => x1 * x2 },
  sinx1: { label: 'sin x₁', fn: (x1) => Math.sin(x1) },
  sinx2: { label: 'sin x₂', fn: (_, x2) => Math.sin(x2) },
};

/**
 * The feature matrix for a list of points, row-major (n, features.length), float32 as
 * the network's tensors are.
 *
 * ```ts
 * featureMatrix([{ x1: 2, x2: 3, y: 0 }], ['x1', 'x1x2']); // Float32Array [2, 6]
 * ```
 */
export function featureMatrix(points: readonly { x1: number; x2: number }[], features: readonly FeatureName[]): Float32Array {
  const k = features.length;
  const out = new Float32Array(points.length * k);
  const fns = features.map((f) => FEATURE_FNS[f].fn);
  for (let i = 0; i < points.length; i++) {
    const { x1, x2 } = points[i];
    for (let j = 0; j < k; j++) out[i * k + j] = fns[j](x1, x2);
  }
  return out;
}

/**
 * The centres of a res × res grid of cells over the input square, row by row from the
 * top (x2 = +6) down, as the canvas draws them.
 *
 * ```ts
 * gridPoints(4)[0]; // { x1: -4.5, x2: 4.5 }
 * ```
 */
export function gridPoints(res: number): { x1: number; x2: number }[] {
  const pts: { x1: number; x2: number }[] = [];
  const cell = (2 * DOMAIN) / res;
  for (let r = 0; r < res; r++) {
    for (let c = 0; c < res; c++) pts.push({ x1: -DOMAIN + (c + 0.5) * cell, x2: DOMAIN - (r + 0.5) * cell });
  }
  return pts;
}
