/**
 * The optimizers, each update written as the paper or PyTorch's documentation states it
 * (the pseudo-code in torch.optim's docs); parameter trajectories are tested step by step
 * against PyTorch.
 */
import { zerosLike, type Tensor } from '../tensor/index.js';
import { findKernel } from '../tensor/backend.js';
import { viewIsContiguous } from '../tensor/strided.js';
import type { AdamStepKernel, SgdStepKernel } from '../tensor/backends/js-optim.js';
import { Optimizer, type ParamsArg } from './optimizer.js';

type State = Record<string, Tensor | number>;

/**
 * The fused kernel for `op` when one is registered for p's dtype and every array it would
 * touch is a plain contiguous run (state buffers also at offset 0); else undefined, and the
 * update runs as the chain of ops written below, which is its definition.
 */
function fusedKernel<K>(op: string, p: Tensor, grad: Tensor, state: readonly (Tensor | undefined)[]): K | undefined {
  if (grad.dtype !== p.dtype || grad.size !== p.size || !viewIsContiguous(p) || !viewIsContiguous(grad)) return undefined;
  if (state.some((t) => t !== undefined && (t.dtype !== p.dtype || t.size !== p.size || t.offset !== 0 || !viewIsContiguous(t)))) return undefined;
  return findKernel<K>(op, p.dtype);
}

export interface SGDOptions { lr: number; momentum: number; dampening: number; weightDecay: number; nesterov: boolean; maximize: boolean }

/**
 * Stochastic gradient descent with optional momentum (Polyak), Nesterov momentum
 * (Sutskever et al. 2013) and L2 weight decay:
 *   g ← g + λ·θ;  b ← μ·b + (1 − τ)·g (b = g at the first step);  g ← g + μ·b (Nesterov) or b;  θ ← θ − η·g
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: ParamsArg<SGDOptions>, options: Partial<SGDOptions> = {}) {
    super(params, { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false }, 'SGD', options);
  }

  protected override validate(o: SGDOptions, name: string): void {
    super.validate(o, name);
    if (!(o.momentum >= 0)) throw new RangeError(`SGD: momentum must be >= 0, got ${o.momentum}`);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) throw new RangeError('SGD: Nesterov momentum needs momentum > 0 and dampening = 0');
  }

  protected update(p: Tensor, grad: Tensor, s: State, o: SGDOptions): void {
    // Fast path: the same step as one loop over p (tensor/backends/js-optim.ts).
    const buffer = s.momentumBuffer as Tensor | undefined;
    const fused = fusedKernel<SgdStepKernel>('sgdStep', p, grad, [buffer]);
    if (fused) {
      const buf = o.momentum === 0 ? null : buffer ?? (s.momentumBuffer = zerosLike(p));
      fused(p.data, p.offset, grad.data, grad.offset, buf?.data ?? null, p.size, { ...o, first: buffer === undefined });
      return;
    }
    let g = o.maximize ? grad.neg() : grad;
    if (o.weightDecay !== 0) g = g.add(p.mul(o.weightDecay));
    if (o.momentum !== 0) {
      let buf = s.momentumBuffer as Tensor | undefined;
      if (buf === undefined) buf = s.momentumBuffer = g.clone();
      else buf.mul_(o.momentum).add_(g.mul(1 - o.dampening));
      g = o.nesterov ? g.add(buf.mul(o.momentum)) : buf;
    }
    p.sub_(g.mul(o.lr));
  }
}

export interface AdagradOptions { lr: number; lrDecay: number; weightDecay: number; initialAccumulatorValue: number; eps: number }

/** Adagrad (Duchi et al. 2011): per-coordinate steps η/(√Σg² + ε), with η decayed as η/(1 + (t − 1)·decay). */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: ParamsArg<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    super(params, { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10 }, 'Adagrad', options);
  }

  protected update(p: Tensor, grad: Tensor, s: State, o: AdagradOptions): void {
    const t = ((s.step as number | undefined) ?? 0) + 1;
    s.step = t;
    let g = grad;
    if (o.weightDecay !== 0) g = g.add(p.mul(o.weightDecay));
    const sum = (s.sum as Tensor | undefined) ?? (s.sum = zerosLike(p).add(o.initialAccumulatorValue));
    sum.add_(g.square());
    const clr = o.lr / (1 + (t - 1) * o.lrDecay);
    p.sub_(g.div(sum.sqrt().add(o.eps)).mul(clr));
  }
}

export interface RMSpropOptions { lr: number; alpha: number; eps: number; weightDecay: number; momentum: number; centered: boolean }

/**
 * RMSprop (Hinton, Coursera lecture 6e): v ← α·v + (1 − α)·g², θ ← θ − η·g/(√v + ε);
 * `centered` subtracts the squared running mean of g from v; `momentum` accumulates the
 * scaled step.
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: ParamsArg<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    super(params, { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false }, 'RMSprop', options);
  }

  protected update(p: Tensor, grad: Tensor, s: State, o: RMSpropOptions): void {
    let g = grad;
    if (o.weightDecay !== 0) g = g.add(p.mul(o.weightDecay));
    const sq = (s.squareAvg as Tensor | undefined) ?? (s.squareAvg = zerosLike(p));
    sq.mul_(o.alpha).add_(g.square().mul(1 - o.alpha));
    let avg: Tensor;
    if (o.centered) {
      const ga = (s.gradAvg as Tensor | undefined) ?? (s.gradAvg = zerosLike(p));
      ga.mul_(o.alpha).add_(g.mul(1 - o.alpha));
      avg = sq.sub(ga.square()).sqrt().add(o.eps);
    } else {
      avg = sq.sqrt().add(o.eps);
    }
    if (o.momentum > 0) {
      const buf = (s.momentumBuffer as Tensor | undefined) ?? (s.momentumBuffer = zerosLike(p));
      buf.mul_(o.momentum).add_(g.div(avg));
      p.sub_(buf.mul(o.lr));
    } else {
      p.sub_(g.div(avg).mul(o.lr));
    }
  }
}

export interface AdamOptions { lr: number; betas: [number, number]; eps: number; weightDecay: number; amsgrad: boolean }

/**
 * Adam (Kingma & Ba 2015) with bias correction, and AMSGrad (Reddi et al. 2018), which
 * uses the running maximum of v:
 *   m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  θ ← θ − η·(m/(1 − β₁ᵗ)) / (√(v/(1 − β₂ᵗ)) + ε)
 * Weight decay here is L2 added to g; AdamW decouples it.
 */
export class Adam extends Optimizer<AdamOptions> {
  protected readonly decoupled: boolean = false;

  constructor(params: ParamsArg<AdamOptions>, options: Partial<AdamOptions> = {}, name = 'Adam', defaults: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, ...defaults }, name, options);
  }

  protected override validate(o: AdamOptions, name: string): void {
    super.validate(o, name);
    const [b1, b2] = o.betas;
    if (!(b1 >= 0 && b1 < 1) || !(b2 >= 0 && b2 < 1)) throw new RangeError(`${name}: betas must be in [0, 1), got [${b1}, ${b2}]`);
    if (!(o.eps >= 0)) throw new RangeError(`${name}: eps must be >= 0, got ${o.eps}`);
  }

  protected update(p: Tensor, grad: Tensor, s: State, o: AdamOptions): void {
    const [b1, b2] = o.betas;
    const t = ((s.step as number | undefined) ?? 0) + 1;
    s.step = t;
    // Fast path: the same step as one loop over p (tensor/backends/js-optim.ts).
    const fused = fusedKernel<AdamStepKernel>('adamStep', p, grad, [s.expAvg, s.expAvgSq, s.maxExpAvgSq] as (Tensor | undefined)[]);
    if (fused) {
      const m = (s.expAvg as Tensor | undefined) ?? (s.expAvg = zerosLike(p));
      const v = (s.expAvgSq as Tensor | undefined) ?? (s.expAvgSq = zerosLike(p));
      const vMax = o.amsgrad ? (s.maxExpAvgSq as Tensor | undefined) ?? (s.maxExpAvgSq = zerosLike(p)) : null;
      fused(p.data, p.offset, grad.data, grad.offset, m.data, v.data, vMax?.data ?? null, p.size, {
        lr: o.lr, beta1: b1, beta2: b2, eps: o.eps, weightDecay: o.weightDecay, decoupled: this.decoupled, bc1: 1 - b1 ** t, bc2: 1 - b2 ** t,
      });
      return;
    }
    let g = grad;
    if (o.weightDecay !== 0) {
      if (this.decoupled) p.mul_(1 - o.lr * o.weightDecay);
      else g = g.add(p.mul(o.weightDecay));
    }
    const m = (s.expAvg as Tensor | undefined) ?? (s.expAvg = zerosLike(p));
    const v = (s.expAvgSq as Tensor | undefined) ?? (s.expAvgSq = zerosLike(p));
    m.mul_(b1).add_(g.mul(1 - b1));
    v.mul_(b2).add_(g.square().mul(1 - b2));
    const bc1 = 1 - b1 ** t;
    const bc2 = 1 - b2 ** t;
    let vUse = v;
    if (o.amsgrad) {
      const vMax = (s.maxExpAvgSq as Tensor | undefined) ?? (s.maxExpAvgSq = zerosLike(p));
      vMax.copy_(vMax.maximum(v));
      vUse = vMax;
    }
    const denom = vUse.sqrt().div(Math.sqrt(bc2)).add(o.eps);
    p.sub_(m.div(denom).mul(o.lr / bc1));
  }
}

/**
 * AdamW (Loshchilov & Hutter 2019): Adam with weight decay applied to the weights directly,
 * θ ← θ·(1 − η·λ), instead of through the gradient. Default λ = 0.01, as in PyTorch.
 */
export class AdamW extends Adam {
  protected override readonly decoupled = true;

  constructor(params: ParamsArg<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, options, 'AdamW', { weightDecay: 1e-2 });
  }
}
