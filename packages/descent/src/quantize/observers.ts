/**
 * Observers watch float tensors flow through a model during calibration and turn what they
 * saw into a scale and zero point (torch.ao.quantization's observers, same names and
 * defaults):
 *
 * - `MinMaxObserver`: the running min and max of everything seen;
 * - `MovingAverageMinMaxObserver`: min and max of each batch, averaged exponentially
 *   (min ← min + c·(batchMin − min), c = 0.01), so one outlier batch moves the range little;
 * - `PerChannelMinMaxObserver`: min and max per slice along an axis (for weights);
 * - `PercentileObserver`: the p-th and (100−p)-th percentiles of everything seen instead
 *   of the extremes, which clips rare outliers (TensorRT's "percentile" calibration);
 * - `MseObserver`: the clipping range, searched on a grid of shrunken [min, max] ranges,
 *   whose quantize-dequantize round trip has the least squared error on the data seen.
 */
import type { Tensor } from '../tensor/index.js';
import { calculateQParams, flatValues, normalizeAxis, quantizeValue, resolveRange, splitAround, type QParams, type QParamsOptions } from './qparams.js';

const f = Math.fround;

function extremes(fn: string, x: Tensor): [number, number] {
  const v = flatValues(x);
  if (v.length === 0) throw new RangeError(`${fn}: cannot observe an empty tensor`);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const a = v[i];
    if (a !== a) throw new RangeError(`${fn}: the observed tensor contains NaN; calibrate on finite data`);
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  return [lo, hi];
}

/**
 * The running min and max of every tensor observed.
 *
 * ```ts
 * const obs = new MinMaxObserver({ dtype: 'quint8' });
 * obs.observe(tensor([-1, 0.5])); obs.observe(tensor([3]));
 * obs.calculateQParams();   // { scale: 4/255, zeroPoint: 64 }
 * ```
 */
export class MinMaxObserver {
  min = Infinity;
  max = -Infinity;
  constructor(readonly options: QParamsOptions = {}) {}

  observe(x: Tensor): Tensor {
    const [lo, hi] = extremes(this.constructor.name + '.observe', x);
    this.update(f(lo), f(hi));
    return x;
  }

  protected update(lo: number, hi: number): void {
    this.min = Math.min(this.min, lo);
    this.max = Math.max(this.max, hi);
  }

  calculateQParams(): QParams {
    if (this.min > this.max) throw new Error(`${this.constructor.name}.calculateQParams: nothing observed yet; call observe(x) on calibration data first`);
    return calculateQParams(this.min, this.max, this.options);
  }
}

/**
 * Exponential moving averages of each batch's min and max (first batch taken as is).
 *
 * ```ts
 * const obs = new MovingAverageMinMaxObserver({ averagingConstant: 0.1 });
 * obs.observe(tensor([-1, 1])); obs.observe(tensor([-1, 11]));
 * obs.max;   // 2
 * ```
 */
export class MovingAverageMinMaxObserver extends MinMaxObserver {
  readonly averagingConstant: number;
  constructor(options: QParamsOptions & { averagingConstant?: number } = {}) {
    super(options);
    this.averagingConstant = options.averagingConstant ?? 0.01;
    if (!(this.averagingConstant > 0 && this.averagingConstant <= 1)) {
      throw new RangeError(`MovingAverageMinMaxObserver: averagingConstant must be in (0, 1], got ${options.averagingConstant}`);
    }
  }

  protected override update(lo: number, hi: number): void {
    if (this.min > this.max) { this.min = lo; this.max = hi; return; }
    const c = f(this.averagingConstant);
    this.min = f(this.min + f(c * f(lo - this.min)));
    this.max = f(this.max + f(c * f(hi - this.max)));
  }
}

/**
 * Min and max per slice along `axis` (per-channel weight quantization).
 *
 * ```ts
 * const obs = new PerChannelMinMaxObserver({ axis: 0, scheme: 'symmetric' });
 * obs.observe(tensor([[0.1, -0.2], [2, 4]]));
 * obs.calculateQParams().scale;   // Float32Array [0.2/127.5, 4/127.5]
 * ```
 */
export class PerChannelMinMaxObserver {
  min: Float64Array | null = null;
  max: Float64Array | null = null;
  readonly axis: number;
  constructor(readonly options: QParamsOptions & { axis?: number } = {}) {
    this.axis = options.axis ?? 0;
  }

  observe(x: Tensor): Tensor {
    const a = normalizeAxis('PerChannelMinMaxObserver.observe', this.axis, x.ndim);
    const [outer, channels, inner] = splitAround(x.shape, a);
    if (this.min === null || this.max === null) {
      this.min = new Float64Array(channels).fill(Infinity);
      this.max = new Float64Array(channels).fill(-Infinity);
    } else if (this.min.length !== channels) {
      throw new RangeError(`PerChannelMinMaxObserver.observe: saw ${this.min.length} channels before, now ${channels} along axis ${a}`);
    }
    const v = flatValues(x);
    for (let o = 0, i = 0; o < outer; o++) {
      for (let c = 0; c < channels; c++) {
        for (let k = 0; k < inner; k++, i++) {
          const y = f(v[i]);
          if (y !== y) throw new RangeError('PerChannelMinMaxObserver.observe: the observed tensor contains NaN; calibrate on finite data');
          if (y < this.min[c]) this.min[c] = y;
          if (y > this.max[c]) this.max[c] = y;
        }
      }
    }
    return x;
  }

  calculateQParams(): { scale: Float32Array; zeroPoint: Int32Array } {
    if (this.min === null || this.max === null) throw new Error('PerChannelMinMaxObserver.calculateQParams: nothing observed yet; call observe(x) on calibration data first');
    const n = this.min.length, scale = new Float32Array(n), zeroPoint = new Int32Array(n);
    for (let c = 0; c < n; c++) {
      const p = calculateQParams(this.min[c], this.max[c], this.options);
      scale[c] = p.scale; zeroPoint[c] = p.zeroPoint;
    }
    return { scale, zeroPoint };
  }
}

/** Keeps every observed value (calibration sets are small) for the observers that need the distribution. */
abstract class SampleObserver {
  protected chunks: (Float32Array | Float64Array)[] = [];
  protected count = 0;
  constructor(readonly options: QParamsOptions) {}

  observe(x: Tensor): Tensor {
    extremes(this.constructor.name + '.observe', x); // checks for NaN and emptiness
    const v = flatValues(x);
    this.chunks.push(v.slice());
    this.count += v.length;
    return x;
  }

  protected sorted(fn: string): Float64Array {
    if (this.count === 0) throw new Error(`${fn}: nothing observed yet; call observe(x) on calibration data first`);
    const all = new Float64Array(this.count);
    let at = 0;
    for (const c of this.chunks) { all.set(c, at); at += c.length; }
    return all.sort();
  }

  abstract calculateQParams(): QParams;
}

/** The q-th percentile of sorted values, linear interpolation between order statistics (NumPy's default). */
function percentileOf(sorted: Float64Array, q: number): number {
  const pos = (q / 100) * (sorted.length - 1), lo = Math.floor(pos), frac = pos - lo;
  return lo + 1 < sorted.length ? sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/**
 * The range from the (100−p)-th to the p-th percentile of everything observed.
 *
 * ```ts
 * const obs = new PercentileObserver({ percentile: 99.9 });
 * obs.observe(randn([10000]));
 * obs.calculateQParams();   // a range of about ±3.1 instead of the extremes
 * ```
 */
export class PercentileObserver extends SampleObserver {
  readonly percentile: number;
  constructor(options: QParamsOptions & { percentile?: number } = {}) {
    super(options);
    this.percentile = options.percentile ?? 99.99;
    if (!(this.percentile >= 50 && this.percentile <= 100)) throw new RangeError(`PercentileObserver: percentile must be in [50, 100], got ${options.percentile}`);
  }

  /** The clipped range [low, high]. */
  range(): [number, number] {
    const s = this.sorted('PercentileObserver.range');
    return [percentileOf(s, 100 - this.percentile), percentileOf(s, this.percentile)];
  }

  calculateQParams(): QParams {
    const [lo, hi] = this.range();
    return calculateQParams(lo, hi, this.options);
  }
}

/**
 * The clipping range with the least quantization error: ranges [α·min, α·max] for α on a
 * grid from 1 down to 0.05 (`steps` values), keeping the one whose quantize-dequantize round
 * trip has the least mean squared error over the observed values. Clipping an outlier
 * costs its own error; a finer step helps every other value.
 *
 * ```ts
 * const obs = new MseObserver();
 * obs.observe(tensor([...bulk, 40]));   // one outlier
 * obs.calculateQParams();               // a range that clips it
 * ```
 */
export class MseObserver extends SampleObserver {
  readonly steps: number;
  constructor(options: QParamsOptions & { steps?: number } = {}) {
    super(options);
    this.steps = options.steps ?? 100;
    if (!Number.isInteger(this.steps) || this.steps < 1) throw new RangeError(`MseObserver: steps must be an integer >= 1, got ${options.steps}`);
  }

  /** The mean squared round-trip error of quantizing the observed values with `p`. */
  error(p: QParams): number {
    const [qmin, qmax] = resolveRange('MseObserver.error', this.options);
    let sum = 0;
    for (const c of this.chunks) {
      for (let i = 0; i < c.length; i++) {
        const d = (quantizeValue(c[i], p.scale, p.zeroPoint, qmin, qmax) - p.zeroPoint) * p.scale - c[i];
        sum += d * d;
      }
    }
    return sum / this.count;
  }

  calculateQParams(): QParams {
    const s = this.sorted('MseObserver.calculateQParams');
    const lo = s[0], hi = s[s.length - 1];
    let best = calculateQParams(lo, hi, this.options), bestErr = this.error(best);
    for (let i = 1; i < this.steps; i++) {
      const alpha = 1 - (0.95 * i) / this.steps;
      const p = calculateQParams(alpha * lo, alpha * hi, this.options);
      const e = this.error(p);
      if (e < bestErr) { best = p; bestErr = e; }
    }
    return best;
  }
}
