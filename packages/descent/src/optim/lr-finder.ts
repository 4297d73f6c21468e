/**
 * The learning-rate range test (L. N. Smith, "Cyclical Learning Rates for Training Neural
 * Networks", WACV 2017, §3.3; popularised by fastai's `lr_find`): train for a short while
 * with a learning rate that grows geometrically from tiny to huge, watch the loss, and
 * read a good learning rate off the curve, where the loss falls fastest.
 *
 *   lr_i = startLr · (endLr / startLr)^(i / (numIter − 1)),   i = 0 … numIter − 1
 *
 * Each mini-batch loss is smoothed with a bias-corrected exponential moving average
 * (as in Adam's first moment): a_i = β·a_{i−1} + (1 − β)·loss_i, smoothed_i = a_i / (1 − β^{i+1}).
 * The test stops early once the smoothed loss exceeds `divergeThreshold` × the best seen:
 * past that point the curve only says "too large".
 *
 * It changes the model's weights and the optimizer's state as it trains, so both are
 * saved first and put back afterwards: after the call the model and optimizer are exactly
 * as they were (the random generator behind dropout or shuffling has moved on, though).
 */
import { Tensor } from '../tensor/index.js';
import type { Module, StateDict } from '../nn/index.js';
import type { Optimizer } from './optimizer.js';

export interface LrFinderOptions {
  optimizer: Optimizer<{ lr: number }>;
  /** `(output, target) → scalar tensor`, or a loss module. */
  loss: ((output: Tensor, target: Tensor) => Tensor) | { forward(output: Tensor, target: Tensor): unknown };
  /** First learning rate (default 1e-7). */
  startLr?: number;
  /** Last learning rate (default 10). */
  endLr?: number;
  /** Mini-batches to train, cycling through the loader if it is shorter (default 100). */
  numIter?: number;
  /** β of the loss's moving average, in [0, 1) (default 0.98; 0 records raw losses). */
  smoothing?: number;
  /** Stop once the smoothed loss exceeds this multiple of the best so far (default 5). */
  divergeThreshold?: number;
}

export interface LrFinderResult {
  /** The learning rate of each mini-batch tried. */
  lrs: number[];
  /** The smoothed loss after each of those mini-batches. */
  losses: number[];
  /**
   * The learning rate where the smoothed loss falls fastest against log(lr), or null when
   * fewer than 3 points were recorded. See `suggestLr` for the rule.
   */
  suggestion: number | null;
  /** True if the test stopped before `numIter` because the loss blew up. */
  diverged: boolean;
}

/**
 * The steepest descent of a range-test curve: the point where the loss falls fastest
 * against log10(lr). The slope at point i is the least-squares slope of the points
 * i − k … i + k (cut at the ends), with k = max(1, round(n / 25)): about 4 points either
 * side for a 100-point test. A single central difference would follow the batch-to-batch
 * wiggle that survives smoothing; a window of a few points follows the trend. Like
 * torch-lr-finder it ignores the first 10 and last 5 points when there are at least 20
 * (the start is noise around a flat loss, and the moving average is still warming up;
 * the end is the blow-up). Returns null for fewer than 3 points.
 *
 * ```ts
 * suggestLr([1e-3, 1e-2, 1e-1, 1], [1.0, 0.9, 0.4, 3.0]);   // 0.01: the loss falls fastest around 1e-2
 * ```
 */
export function suggestLr(lrs: number[], losses: number[]): number | null {
  if (lrs.length !== losses.length) throw new RangeError(`suggestLr: got ${lrs.length} learning rates but ${losses.length} losses; they must pair up`);
  const n = lrs.length;
  if (n < 3) return null;
  const [from, to] = n >= 20 ? [10, n - 5] : [0, n];
  const k = Math.max(1, Math.round(n / 25));
  const x = lrs.map(Math.log10);
  let best = -1;
  let steepest = Infinity;
  for (let i = from; i < to; i++) {
    const lo = Math.max(i - k, 0);
    const hi = Math.min(i + k, n - 1);
    let mx = 0;
    let my = 0;
    for (let j = lo; j <= hi; j++) { mx += x[j]; my += losses[j]; }
    mx /= hi - lo + 1;
    my /= hi - lo + 1;
    let sxy = 0;
    let sxx = 0;
    for (let j = lo; j <= hi; j++) { sxy += (x[j] - mx) * (losses[j] - my); sxx += (x[j] - mx) ** 2; }
    const slope = sxy / sxx;
    if (slope < steepest) { steepest = slope; best = i; }
  }
  return best < 0 ? null : lrs[best];
}

function validate(o: LrFinderOptions, loader: Iterable<Tensor[]>): Required<Omit<LrFinderOptions, 'optimizer' | 'loss'>> {
  if (!o || !o.optimizer || !Array.isArray(o.optimizer.paramGroups)) throw new TypeError('lrFinder: optimizer is missing; pass the optimizer you will train with, e.g. new SGD(model.parameters())');
  if (typeof o.loss !== 'function' && typeof (o.loss as { forward?: unknown })?.forward !== 'function') throw new TypeError('lrFinder: loss is missing; pass a function (output, target) => tensor such as F.crossEntropy');
  if (!loader || typeof loader[Symbol.iterator] !== 'function') throw new TypeError('lrFinder: the data must be a DataLoader or an array of [input, target] batches');
  const r = { startLr: o.startLr ?? 1e-7, endLr: o.endLr ?? 10, numIter: o.numIter ?? 100, smoothing: o.smoothing ?? 0.98, divergeThreshold: o.divergeThreshold ?? 5 };
  if (!(r.startLr > 0)) throw new RangeError(`lrFinder: startLr must be a number > 0, got ${r.startLr}`);
  if (!(r.endLr > r.startLr)) throw new RangeError(`lrFinder: endLr must be greater than startLr (${r.startLr}), got ${r.endLr}`);
  if (!(Number.isInteger(r.numIter) && r.numIter >= 2)) throw new RangeError(`lrFinder: numIter must be an integer >= 2, got ${r.numIter}`);
  if (!(r.smoothing >= 0 && r.smoothing < 1)) throw new RangeError(`lrFinder: smoothing must be in [0, 1), got ${r.smoothing}`);
  if (!(r.divergeThreshold > 1)) throw new RangeError(`lrFinder: divergeThreshold must be a number > 1, got ${r.divergeThreshold}`);
  return r;
}

/**
 * Runs the learning-rate range test on `model` with batches `[input, target]` from
 * `loader`, then restores the model and optimizer.
 *
 * ```ts
 * import { randn, manualSeed } from 'descent/tensor';
 * import { Linear, F } from 'descent/nn';
 * import { SGD, lrFinder } from 'descent/optim';
 * manualSeed(0);
 * const X = randn([64, 3]);
 * const y = X.sum(1, true);
 * const model = new Linear(3, 1);
 * const batches = [0, 16, 32, 48].map((i) => [X.narrow(0, i, 16), y.narrow(0, i, 16)]);
 * const { suggestion } = lrFinder(model, batches, { optimizer: new SGD(model.parameters()), loss: F.mseLoss, numIter: 60 });
 * console.log(suggestion);   // about 0.24 here; the model and optimizer are as before the call
 * ```
 */
export function lrFinder(model: Module, loader: Iterable<Tensor[]>, options: LrFinderOptions): LrFinderResult {
  const { startLr, endLr, numIter, smoothing, divergeThreshold } = validate(options, loader);
  const { optimizer, loss } = options;
  const ratio = (endLr / startLr) ** (1 / (numIter - 1));

  // Save everything the test changes.
  const savedWeights: StateDict = Object.fromEntries(Object.entries(model.stateDict()).map(([k, t]) => [k, t.detach().clone()]));
  const savedOptimizer = optimizer.stateDict();   // learning rates and buffers, copied
  const modes = model.modules().map((m) => [m, m.training] as const);

  const lrs: number[] = [];
  const losses: number[] = [];
  let diverged = false;
  try {
    model.train();
    let avg = 0;
    let best = Infinity;
    let iterator = loader[Symbol.iterator]();
    for (let i = 0; i < numIter; i++) {
      let next = iterator.next();
      if (next.done) {
        iterator = loader[Symbol.iterator]();
        next = iterator.next();
        if (next.done) throw new RangeError('lrFinder: the loader produced no batches; it needs at least one');
      }
      const [x, y] = next.value;
      if (!(x instanceof Tensor) || !(y instanceof Tensor)) throw new TypeError('lrFinder: each batch must be [input, target] tensors, as a DataLoader over a TensorDataset(X, y) yields');
      // Every group gets the same rate: the test asks what one global rate should be.
      const lr = startLr * ratio ** i;
      for (const g of optimizer.paramGroups) g.options.lr = lr;
      optimizer.zeroGrad();
      const out = model.forward(x) as Tensor;
      const value = typeof loss === 'function' ? loss(out, y) : loss.forward(out, y) as Tensor;
      value.backward();
      optimizer.step();
      const raw = value.item();
      avg = smoothing * avg + (1 - smoothing) * raw;
      const smoothed = avg / (1 - smoothing ** (i + 1));
      lrs.push(lr);
      losses.push(smoothed);
      if (!Number.isFinite(smoothed) || (i > 0 && smoothed > divergeThreshold * best)) {
        diverged = true;
        break;
      }
      best = Math.min(best, smoothed);
    }
  } finally {
    model.loadStateDict(savedWeights);
    for (const [m, training] of modes) m.training = training;
    optimizer.loadStateDict(savedOptimizer);
    optimizer.zeroGrad();
  }
  // The blown-up last point would only add noise to the slope; leave it out of the suggestion.
  const usable = diverged ? lrs.length - 1 : lrs.length;
  return { lrs, losses, suggestion: suggestLr(lrs.slice(0, usable), losses.slice(0, usable)), diverged };
}
