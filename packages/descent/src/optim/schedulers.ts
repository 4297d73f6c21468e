/**
 * Learning-rate schedules. Each scheduler sets `lr` on every parameter group of an
 * optimizer; call `step()` once per epoch (or per batch for OneCycle/warm-up), after
 * `optimizer.step()`, as in PyTorch. The formulas are PyTorch's closed forms
 * (torch.optim.lr_scheduler docs); tests compare the sequences with PyTorch's.
 *
 * ```ts
 * const sched = new CosineAnnealingLR(opt, { TMax: 50 });
 * for (let epoch = 0; epoch < 50; epoch++) { train(); sched.step(); }
 * ```
 */
import type { Optimizer } from './optimizer.js';

type AnyOptimizer = Optimizer<{ lr: number }>;

export abstract class LRScheduler {
  /** Steps taken so far (PyTorch's `last_epoch`). */
  lastEpoch = 0;
  readonly baseLrs: number[];

  constructor(readonly optimizer: AnyOptimizer) {
    this.baseLrs = optimizer.paramGroups.map((g) => g.options.lr);
    // Subclasses call apply() at the end of their constructors, once their options exist.
  }

  /** The learning rate of each group at step `lastEpoch`. */
  protected abstract lrAt(base: number, epoch: number, group: number): number;

  step(): void {
    this.lastEpoch++;
    this.apply();
  }

  protected apply(): void {
    this.optimizer.paramGroups.forEach((g, i) => { g.options.lr = this.lrAt(this.baseLrs[i], this.lastEpoch, i); });
  }

  /** The current learning rate of each parameter group. */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.options.lr);
  }
}

/** lr = base·γ^⌊epoch/stepSize⌋. */
export class StepLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, readonly options: { stepSize: number; gamma?: number }) {
    super(optimizer);
    if (!(Number.isInteger(options.stepSize) && options.stepSize > 0)) throw new RangeError(`StepLR: stepSize must be a positive integer, got ${options.stepSize}`);
    this.apply();
  }
  protected lrAt(base: number, epoch: number): number {
    return base * (this.options.gamma ?? 0.1) ** Math.floor(epoch / this.options.stepSize);
  }
}

/** lr = base·γ^(number of milestones ≤ epoch). */
export class MultiStepLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, readonly options: { milestones: number[]; gamma?: number }) {
    super(optimizer);
    this.apply();
  }
  protected lrAt(base: number, epoch: number): number {
    const passed = this.options.milestones.filter((m) => m <= epoch).length;
    return base * (this.options.gamma ?? 0.1) ** passed;
  }
}

/** lr = base·γ^epoch. */
export class ExponentialLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, readonly options: { gamma: number }) {
    super(optimizer);
    this.apply();
  }
  protected lrAt(base: number, epoch: number): number {
    return base * this.options.gamma ** epoch;
  }
}

/** lr = η_min + (base − η_min)·(1 + cos(π·epoch/T_max))/2 (Loshchilov & Hutter 2017, without restarts). */
export class CosineAnnealingLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, readonly options: { TMax: number; etaMin?: number }) {
    super(optimizer);
    this.apply();
  }
  protected lrAt(base: number, epoch: number): number {
    const etaMin = this.options.etaMin ?? 0;
    const TMax = this.options.TMax;
    return etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * epoch) / TMax))) / 2;
  }
}

/**
 * Linear warm-up (or decay): the factor goes from `startFactor` to `endFactor` over
 * `totalIters` steps, then stays: lr = base·(s + (e − s)·min(epoch, T)/T).
 */
export class LinearLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, readonly options: { startFactor?: number; endFactor?: number; totalIters?: number } = {}) {
    super(optimizer);
    this.apply();
  }
  protected lrAt(base: number, epoch: number): number {
    const s = this.options.startFactor ?? 1 / 3;
    const e = this.options.endFactor ?? 1;
    const T = this.options.totalIters ?? 5;
    return base * (s + ((e - s) * Math.min(epoch, T)) / T);
  }
}

/**
 * One-cycle (Smith & Topin 2019): from maxLr/divFactor up to maxLr over the first
 * pctStart of `totalSteps`, then down to maxLr/(divFactor·finalDivFactor), by cosine
 * (default) or linear annealing. Step it once per batch.
 */
export class OneCycleLR extends LRScheduler {
  constructor(optimizer: AnyOptimizer, readonly options: { maxLr: number; totalSteps: number; pctStart?: number; annealStrategy?: 'cos' | 'linear'; divFactor?: number; finalDivFactor?: number }) {
    super(optimizer);
    this.apply();
  }
  protected lrAt(_base: number, epoch: number): number {
    const o = this.options;
    const initial = o.maxLr / (o.divFactor ?? 25);
    const final = initial / (o.finalDivFactor ?? 1e4);
    const upEnd = (o.pctStart ?? 0.3) * o.totalSteps - 1;
    const downEnd = o.totalSteps - 1;
    const anneal = (from: number, to: number, pct: number) => (o.annealStrategy === 'linear'
      ? from + (to - from) * pct
      : to + ((from - to) * (1 + Math.cos(Math.PI * pct))) / 2);
    // Like PyTorch, one step past the end extrapolates the last phase; more is an error.
    if (epoch > o.totalSteps) throw new RangeError(`OneCycleLR: stepped ${epoch} times but totalSteps is ${o.totalSteps}; make totalSteps cover every step (epochs × batches per epoch)`);
    if (epoch <= upEnd) return anneal(initial, o.maxLr, epoch / upEnd);
    return anneal(o.maxLr, final, (epoch - upEnd) / (downEnd - upEnd));
  }
}

/**
 * Cuts the learning rate by `factor` when a watched metric has not improved for
 * `patience` epochs (PyTorch's ReduceLROnPlateau, relative threshold by default).
 * Call `step(metric)` once per epoch.
 */
export class ReduceLROnPlateau {
  private best: number;
  private badEpochs = 0;
  private cooldownLeft = 0;
  readonly options: Required<{ mode: 'min' | 'max'; factor: number; patience: number; threshold: number; thresholdMode: 'rel' | 'abs'; cooldown: number; minLr: number; eps: number }>;

  constructor(readonly optimizer: AnyOptimizer, options: Partial<ReduceLROnPlateau['options']> = {}) {
    this.options = { mode: 'min', factor: 0.1, patience: 10, threshold: 1e-4, thresholdMode: 'rel', cooldown: 0, minLr: 0, eps: 1e-8, ...options };
    if (!(this.options.factor < 1)) throw new RangeError(`ReduceLROnPlateau: factor must be < 1, got ${this.options.factor}`);
    this.best = this.options.mode === 'min' ? Infinity : -Infinity;
  }

  private improves(x: number): boolean {
    const { mode, threshold, thresholdMode } = this.options;
    if (mode === 'min') return thresholdMode === 'rel' ? x < this.best * (1 - threshold) : x < this.best - threshold;
    return thresholdMode === 'rel' ? x > this.best * (1 + threshold) : x > this.best + threshold;
  }

  step(metric: number): void {
    if (this.improves(metric)) { this.best = metric; this.badEpochs = 0; } else this.badEpochs++;
    if (this.cooldownLeft > 0) { this.cooldownLeft--; this.badEpochs = 0; }
    if (this.badEpochs > this.options.patience) {
      for (const g of this.optimizer.paramGroups) {
        const next = Math.max(g.options.lr * this.options.factor, this.options.minLr);
        if (g.options.lr - next > this.options.eps) g.options.lr = next;
      }
      this.cooldownLeft = this.options.cooldown;
      this.badEpochs = 0;
    }
  }

  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.options.lr);
  }
}
