/**
 * The neural-network playground's whole state, and its round trip through the URL's
 * query string so a configuration can be shared as a link. Decoding never throws: a value
 * that is missing, malformed or out of range falls back to its default, so an old or
 * hand-edited link still opens a working playground.
 */

export const DATASETS = {
  classification: ['circle', 'xor', 'gaussian', 'spiral'],
  regression: ['plane', 'bumps'],
} as const;
export type Problem = keyof typeof DATASETS;
export type DatasetName = (typeof DATASETS)[Problem][number];

export const FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;
export type FeatureName = (typeof FEATURES)[number];

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const REGULARIZATIONS = ['none', 'L1', 'L2'] as const;
export type Regularization = (typeof REGULARIZATIONS)[number];

/** The learning rates and regularization rates offered (TensorFlow Playground's ladders). */
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;
export const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] as const;

export const MAX_LAYERS = 6;
export const MAX_NEURONS = 8;

export interface NNState {
  problem: Problem;
  dataset: DatasetName;
  /** Noise level in percent, 0..50 in steps of 5. */
  noise: number;
  /** Share of the points used for training, in percent, 10..90 in steps of 10. */
  trainRatio: number;
  /** Mini-batch size, 1..30. */
  batchSize: number;
  /** The input features fed to the network, in FEATURES order; at least one. */
  features: FeatureName[];
  /** Neurons per hidden layer: 0..6 layers of 1..8 neurons. */
  layers: number[];
  activation: Activation;
  learningRate: number;
  regularization: Regularization;
  regRate: number;
  /** Seed of the data and of the initial weights. */
  seed: number;
}

export const DEFAULT_STATE: Readonly<NNState> = Object.freeze({
  problem: 'classification',
  dataset: 'circle',
  noise: 0,
  trainRatio: 50,
  batchSize: 10,
  features: ['x1', 'x2'],
  layers: [4, 2],
  activation: 'tanh',
  learningRate: 0.03,
  regularization: 'none',
  regRate: 0,
  seed: 1,
}) as NNState;

/** A fresh copy of the defaults (arrays included), safe to mutate. */
export function defaultState(): NNState {
  return { ...DEFAULT_STATE, features: [...DEFAULT_STATE.features], layers: [...DEFAULT_STATE.layers] };
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** An integer in [min, max] that is a multiple of `step`, or the fallback. */
function intIn(value: string | null, min: number, max: number, step: number, fallback: number): number {
  if (value === null || !/^-?\d+$/.test(value)) return fallback;
  const n = Number(value);
  return n >= min && n <= max && n % step === 0 ? n : fallback;
}

/** One of the listed numbers (compared after parsing, so `3e-2` reads as 0.03), or the fallback. */
function numberOf(value: string | null, allowed: readonly number[], fallback: number): number {
  if (value === null || value.trim() === '') return fallback;
  const n = Number(value);
  return allowed.find((a) => Math.abs(a - n) <= 1e-12 * Math.max(1, Math.abs(a))) ?? fallback;
}

/**
 * Reads the state from a query string; anything missing or invalid takes its default.
 *
 * ```ts
 * decodeState(new URLSearchParams('dataset=spiral&layers=8,8,4&act=relu')).layers; // [8, 8, 4]
 * ```
 */
export function decodeState(q: URLSearchParams): NNState {
  const d = defaultState();
  const problem = oneOf(q.get('problem'), Object.keys(DATASETS) as Problem[], d.problem);
  const datasets = DATASETS[problem] as readonly DatasetName[];
  const dataset = oneOf(q.get('dataset'), datasets, datasets[0]);

  let features = d.features;
  const f = q.get('features');
  if (f !== null) {
    const picked = f.split(',');
    const valid = FEATURES.filter((name) => picked.includes(name));
    if (valid.length > 0) features = valid;
  }

  let layers = d.layers;
  const l = q.get('layers');
  if (l !== null) {
    // An empty value is a valid choice: no hidden layer (a linear model on the features).
    const parts = l === '' ? [] : l.split(',');
    const ok = parts.length <= MAX_LAYERS && parts.every((p) => /^\d+$/.test(p) && +p >= 1 && +p <= MAX_NEURONS);
    if (ok) layers = parts.map(Number);
  }

  const regularization = oneOf(q.get('reg'), REGULARIZATIONS, d.regularization);
  return {
    problem,
    dataset,
    noise: intIn(q.get('noise'), 0, 50, 5, d.noise),
    trainRatio: intIn(q.get('train'), 10, 90, 10, d.trainRatio),
    batchSize: intIn(q.get('batch'), 1, 30, 1, d.batchSize),
    features,
    layers,
    activation: oneOf(q.get('act'), ACTIVATIONS, d.activation),
    learningRate: numberOf(q.get('lr'), LEARNING_RATES, d.learningRate),
    regularization,
    regRate: regularization === 'none' ? 0 : numberOf(q.get('regRate'), REG_RATES, d.regRate),
    seed: intIn(q.get('seed'), 0, 2 ** 31 - 1, 1, d.seed),
  };
}

/**
 * Writes the whole state to a query string (every key, so a shared link does not depend
 * on today's defaults).
 *
 * ```ts
 * encodeState(defaultState()).toString(); // 'problem=classification&dataset=circle&noise=0&...'
 * ```
 */
export function encodeState(s: NNState): URLSearchParams {
  return new URLSearchParams({
    problem: s.problem,
    dataset: s.dataset,
    noise: String(s.noise),
    train: String(s.trainRatio),
    batch: String(s.batchSize),
    features: s.features.join(','),
    layers: s.layers.join(','),
    act: s.activation,
    lr: String(s.learningRate),
    reg: s.regularization,
    regRate: String(s.regRate),
    seed: String(s.seed),
  });
}
