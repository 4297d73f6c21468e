/**
 * Holt–Winters exponential smoothing, as statsmodels 0.13's `ExponentialSmoothing`,
 * `Holt` and `SimpleExpSmoothing` (Hyndman & Athanasopoulos, Forecasting: Principles and
 * Practice, §7; the error-correction form of statsmodels' smoothers). With level l, trend
 * b (damped by φ), season s of period m, and "∘" + or × for the chosen components:
 *
 *   ŷ_t = (l_{t−1} ∘ φb_{t−1}) ∘ s_{t−m}
 *   l_t = α (y_t ⊘ s_{t−m}) + (1 − α)(l_{t−1} ∘ φb_{t−1})
 *   b_t = β (l_t ⊖ l_{t−1}) + (1 − β) φb_{t−1}
 *   s_t = γ (y_t ⊘ (l_{t−1} ∘ φb_{t−1})) + (1 − γ) s_{t−m}
 *
 * `fit` minimizes the sum of squared one-step errors over α ∈ (0, 1), β ≤ α, γ ≤ 1 − α,
 * φ ∈ [0.8, 0.995] (statsmodels' bounds) and, unless `initializationMethod: 'known'`,
 * the initial states too, starting from `initialValues()` (as statsmodels 0.13 does for
 * both 'estimated' and 'heuristic'): a grid over the smoothing parameters, a simplex
 * search, BFGS.
 */
import { bfgs } from '../stats/optimize/bfgs.js';
import { nelderMead } from '../stats/optimize/nelder-mead.js';
import { series } from './series.js';
import { initializationHeuristic, initializationSimple, type Component, type InitialValues } from './smoothing-init.js';

export interface ExponentialSmoothingOptions {
  trend?: Component;
  damped?: boolean;
  seasonal?: Component;
  seasonalPeriods?: number;
  initializationMethod?: 'estimated' | 'heuristic' | 'known';
  initialLevel?: number;
  initialTrend?: number;
  initialSeasonal?: number[];
}

export interface SmoothingParams {
  smoothingLevel: number;
  smoothingTrend: number | null;
  smoothingSeasonal: number | null;
  dampingTrend: number | null;
  initialLevel: number;
  initialTrend: number | null;
  initialSeasonal: number[] | null;
}

export interface FitOptions {
  smoothingLevel?: number;
  smoothingTrend?: number;
  smoothingSeasonal?: number;
  dampingTrend?: number;
  /** false: use the given (or default) values without estimating anything. */
  optimized?: boolean;
}

export interface SmoothingResult {
  params: SmoothingParams;
  fittedvalues: number[];
  resid: number[];
  sse: number;
  aic: number;
  aicc: number;
  bic: number;
  /** The states after each observation. */
  level: number[];
  trend: number[] | null;
  season: number[] | null;
  /** h-step forecasts from the end of the sample (the textbook formula at every horizon). */
  forecast(steps?: number): number[];
}

const LOWER = Math.sqrt(Number.EPSILON);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export class ExponentialSmoothing {
  readonly endog: Float64Array;
  readonly trend: Component;
  readonly damped: boolean;
  readonly seasonal: Component;
  readonly seasonalPeriods: number;
  readonly initializationMethod: 'estimated' | 'heuristic' | 'known';
  private readonly known: Partial<InitialValues>;

  constructor(endog: ArrayLike<number>, options: ExponentialSmoothingOptions = {}) {
    const { trend = null, damped = false, seasonal = null, initializationMethod = 'estimated' } = options;
    for (const [name, v] of [['trend', trend], ['seasonal', seasonal]] as const) {
      if (v !== null && v !== 'add' && v !== 'mul') throw new RangeError(`ExponentialSmoothing: ${name} must be 'add', 'mul' or null, got '${v}'`);
    }
    if (damped && !trend) throw new RangeError('ExponentialSmoothing: damped needs a trend');
    const m = seasonal ? options.seasonalPeriods : 1;
    if (seasonal && (!Number.isInteger(m) || (m as number) < 2)) throw new RangeError(`ExponentialSmoothing: seasonalPeriods must be an integer >= 2 with a seasonal component, got ${m}`);
    if (!['estimated', 'heuristic', 'known'].includes(initializationMethod)) throw new RangeError(`ExponentialSmoothing: initializationMethod must be 'estimated', 'heuristic' or 'known', got '${initializationMethod}'`);
    this.endog = series('ExponentialSmoothing', endog, 3, 'endog');
    if ((trend === 'mul' || seasonal === 'mul') && this.endog.some((v) => v <= 0)) throw new RangeError('ExponentialSmoothing: multiplicative components need strictly positive data');
    this.trend = trend;
    this.damped = damped;
    this.seasonal = seasonal;
    this.seasonalPeriods = m as number;
    this.initializationMethod = initializationMethod;
    this.known = { initialLevel: options.initialLevel, initialTrend: options.initialTrend ?? null, initialSeasonal: options.initialSeasonal ?? null };
    if (initializationMethod === 'known') {
      if (options.initialLevel === undefined || (trend && options.initialTrend === undefined) || (seasonal && options.initialSeasonal?.length !== m)) {
        throw new RangeError('ExponentialSmoothing: initializationMethod known needs initialLevel, and initialTrend / initialSeasonal (one per period) for the components present');
      }
    }
  }

  /** The initial states of the chosen method (the starting point when 'estimated'). */
  initialValues(): InitialValues {
    if (this.initializationMethod === 'known') return this.known as InitialValues;
    const m = this.seasonal ? this.seasonalPeriods : 0;
    const simple = this.initializationMethod === 'estimated' && this.endog.length < 10 + 2 * Math.floor(m / 2);
    return (simple ? initializationSimple : initializationHeuristic)(this.endog, this.trend, this.seasonal, this.seasonalPeriods);
  }

  /** Runs the recursions for given parameters (statsmodels' `fit(optimized=False)` result). */
  smooth(p: SmoothingParams): SmoothingResult {
    const y = this.endog;
    const n = y.length;
    const m = this.seasonalPeriods;
    const { smoothingLevel: a } = p;
    const b = p.smoothingTrend ?? 0;
    const g = p.smoothingSeasonal ?? 0;
    const phi = this.damped ? (p.dampingTrend ?? 1) : 1;
    const mulT = this.trend === 'mul';
    const mulS = this.seasonal === 'mul';
    const level = new Array<number>(n + 1);
    const trend = new Array<number>(n + 1);
    const season = new Array<number>(n + m);
    level[0] = p.initialLevel;
    trend[0] = this.trend ? (p.initialTrend as number) : mulT ? 1 : 0;
    for (let j = 0; j < m; j++) season[j] = this.seasonal ? (p.initialSeasonal as number[])[j] : mulS ? 1 : 0;
    const fitted = new Array<number>(n);
    for (let t = 0; t < n; t++) {
      const l = level[t];
      const tr = this.trend ? (mulT ? trend[t] ** phi : phi * trend[t]) : mulT ? 1 : 0;
      const base = mulT ? l * tr : l + tr;
      const s = this.seasonal ? season[t] : mulS ? 1 : 0;
      fitted[t] = this.seasonal ? (mulS ? base * s : base + s) : base;
      const deseason = this.seasonal ? (mulS ? y[t] / s : y[t] - s) : y[t];
      level[t + 1] = a * deseason + (1 - a) * base;
      if (this.trend) trend[t + 1] = mulT ? b * (level[t + 1] / l) + (1 - b) * tr : b * (level[t + 1] - l) + (1 - b) * tr;
      if (this.seasonal) season[t + m] = g * (mulS ? y[t] / base : y[t] - base) + (1 - g) * s;
    }
    const resid = fitted.map((f, t) => y[t] - f);
    const sse = resid.reduce((acc, r) => acc + r * r, 0);
    const k = (this.seasonal ? m : 0) + 2 * (this.trend ? 1 : 0) + 2 + (this.damped ? 1 : 0);
    const aic = n * Math.log(sse / n) + 2 * k;
    const lastLevel = level[n];
    const lastTrend = trend[n];
    const forecast = (steps = 1) => {
      if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`forecast: steps must be a positive integer, got ${steps}`);
      const out: number[] = [];
      let damp = 0;
      for (let h = 1; h <= steps; h++) {
        damp += phi ** h;
        const base = this.trend ? (mulT ? lastLevel * lastTrend ** damp : lastLevel + damp * lastTrend) : lastLevel;
        // the season h steps ahead is the latest estimate for that position in the cycle
        const s = this.seasonal ? season[n + ((h - 1) % m)] : 0;
        out.push(this.seasonal ? (mulS ? base * s : base + s) : base);
      }
      return out;
    };
    return {
      params: { ...p },
      fittedvalues: fitted,
      resid,
      sse,
      aic,
      aicc: aic + (n - k - 3 > 0 ? (2 * (k + 2) * (k + 3)) / (n - k - 3) : Infinity),
      bic: n * Math.log(sse / n) + k * Math.log(n),
      level: level.slice(1),
      trend: this.trend ? trend.slice(1) : null,
      season: this.seasonal ? season.slice(m) : null,
      forecast,
    };
  }

  fit(options: FitOptions = {}): SmoothingResult {
    const { optimized = true } = options;
    const init = this.initialValues();
    const m = this.seasonalPeriods;
    const fixedA = options.smoothingLevel;
    const fixedB = options.smoothingTrend;
    const fixedG = options.smoothingSeasonal;
    const fixedPhi = options.dampingTrend;
    const base: SmoothingParams = {
      smoothingLevel: fixedA ?? 0.5 / Math.max(this.seasonal ? m : 1, 1),
      smoothingTrend: this.trend ? (fixedB ?? 0.1 * (fixedA ?? 0.5 / Math.max(this.seasonal ? m : 1, 1))) : null,
      smoothingSeasonal: this.seasonal ? (fixedG ?? 0.05 * (1 - (fixedA ?? 0.5 / m))) : null,
      dampingTrend: this.damped ? (fixedPhi ?? 0.99) : null,
      initialLevel: init.initialLevel,
      initialTrend: this.trend ? init.initialTrend : null,
      initialSeasonal: this.seasonal ? init.initialSeasonal : null,
    };
    if (!optimized) return this.smooth(base);
    // statsmodels 0.13 re-estimates the initial states in fit() for 'heuristic' too (the
    // heuristic values are only the starting point); 'known' states stay fixed
    const estimateInit = this.initializationMethod !== 'known';
    const scale = Math.max(...Array.from(this.endog, Math.abs)) || 1;
    // unconstrained coordinates → parameters (β ≤ α and γ ≤ 1 − α, as statsmodels)
    const decode = (z: number[]): SmoothingParams => {
      let i = 0;
      const a = fixedA ?? LOWER + (1 - 2 * LOWER) * sigmoid(z[i++]);
      const p: SmoothingParams = { ...base, smoothingLevel: a };
      if (this.trend) p.smoothingTrend = fixedB ?? a * sigmoid(z[i++]);
      if (this.seasonal) p.smoothingSeasonal = fixedG ?? (1 - a) * sigmoid(z[i++]);
      if (this.damped) p.dampingTrend = fixedPhi ?? 0.8 + 0.195 * sigmoid(z[i++]);
      if (estimateInit) {
        p.initialLevel = base.initialLevel + scale * z[i++];
        if (this.trend) p.initialTrend = (base.initialTrend as number) + (this.trend === 'mul' ? 1 : scale) * z[i++] * 0.1;
        if (this.seasonal) p.initialSeasonal = (base.initialSeasonal as number[]).map((s) => s + (this.seasonal === 'mul' ? 1 : scale) * z[i++] * 0.1);
      }
      return p;
    };
    const sse = (z: number[]) => {
      const r = this.smooth(decode(z)).sse;
      return Number.isFinite(r) ? r : Infinity;
    };
    // a coarse grid over the smoothing parameters picks the starting point
    const nInit = estimateInit ? 1 + (this.trend ? 1 : 0) + (this.seasonal ? m : 0) : 0;
    const grid = [-2.2, -1, 0, 1, 2.2];
    const dims = [fixedA === undefined, this.trend && fixedB === undefined, this.seasonal && fixedG === undefined, this.damped && fixedPhi === undefined].filter(Boolean).length;
    let best: number[] = new Array<number>(dims + nInit).fill(0);
    let bestSse = Infinity;
    const total = grid.length ** dims;
    for (let c = 0; c < total; c++) {
      const z = new Array<number>(dims + nInit).fill(0);
      for (let d = 0, r = c; d < dims; d++, r = Math.floor(r / grid.length)) z[d] = grid[r % grid.length];
      const v = sse(z);
      if (v < bestSse) {
        bestSse = v;
        best = z;
      }
    }
    const rough = nelderMead(sse, best, { xatol: 1e-4, fatol: 1e-10, maxIter: 300 * best.length });
    let opt = bfgs(sse, rough.x, { gtol: 1e-9 * Math.max(1, rough.fun) });
    if (rough.fun < opt.fun) opt = { ...opt, x: rough.x, fun: rough.fun };
    const polish = nelderMead(sse, opt.x, { xatol: 1e-10, fatol: 1e-15, maxIter: 200 * best.length });
    return this.smooth(decode(polish.fun < opt.fun ? polish.x : opt.x));
  }
}

/**
 * Simple exponential smoothing (level only), statsmodels' `SimpleExpSmoothing`.
 *
 * ```ts
 * new SimpleExpSmoothing(loadNile().values).fit().forecast(3);
 * ```
 */
export class SimpleExpSmoothing extends ExponentialSmoothing {
  constructor(endog: ArrayLike<number>, options: Pick<ExponentialSmoothingOptions, 'initializationMethod' | 'initialLevel'> = {}) {
    super(endog, { ...options, trend: null, seasonal: null });
  }
}

/**
 * Holt's linear trend method, optionally damped or exponential (multiplicative trend),
 * statsmodels' `Holt`.
 *
 * ```ts
 * new Holt(series, { damped: true }).fit().params.dampingTrend;
 * ```
 */
export class Holt extends ExponentialSmoothing {
  constructor(
    endog: ArrayLike<number>,
    options: { exponential?: boolean; damped?: boolean } & Pick<ExponentialSmoothingOptions, 'initializationMethod' | 'initialLevel' | 'initialTrend'> = {},
  ) {
    const { exponential = false, ...rest } = options;
    super(endog, { ...rest, trend: exponential ? 'mul' : 'add', seasonal: null });
  }
}
