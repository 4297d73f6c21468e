/**
 * Fused optimizer updates: one loop over a parameter instead of the chain of tensor ops
 * that `optim/algorithms.ts` writes out (Adam's update is ten ops, each a pass over the
 * parameter and a fresh allocation). The chain stays the definition; the optimizer calls
 * a kernel only when one is registered for the parameter's dtype, and
 * test/optim/fused-steps.test.ts checks the kernels against it.
 *
 * Each loop performs the chain's arithmetic in the chain's order, element by element, so
 * in float64 it gives the same numbers bit for bit. In float32 the chain rounds to float32
 * after every op while the loop keeps double intermediates and rounds once, on storing:
 * the results agree to a few float32 ulps (and are, if anything, more accurate).
 *
 * Arrays are contiguous runs of `n` values starting at the given offsets; `m`, `v`, `vMax`
 * and `buf` are the optimizer's own state buffers (offset 0, as `zerosLike` makes them).
 */
import type { Kernel } from '../backend.js';
import type { TypedArray } from '../dtype.js';

/** Adam's hyper-parameters for one step t, with its bias corrections bc1 = 1 − β₁ᵗ, bc2 = 1 − β₂ᵗ. */
export interface AdamStepArgs {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** AdamW: decay the weights directly instead of adding λθ to the gradient. */
  decoupled: boolean;
  bc1: number;
  bc2: number;
}

/**
 * One Adam/AdamW step over p (with vMax, AMSGrad):
 *   m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  θ ← θ − (η/bc1)·m / (√v̂ / √bc2 + ε)
 */
export type AdamStepKernel = (
  p: TypedArray, pOff: number, g: TypedArray, gOff: number,
  m: TypedArray, v: TypedArray, vMax: TypedArray | null, n: number, a: AdamStepArgs,
) => void;

/** SGD's hyper-parameters; `first` marks the step that creates the momentum buffer (b = g). */
export interface SgdStepArgs {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
  first: boolean;
}

/** One SGD step over p, with the momentum buffer `buf` (null without momentum). */
export type SgdStepKernel = (p: TypedArray, pOff: number, g: TypedArray, gOff: number, buf: TypedArray | null, n: number, a: SgdStepArgs) => void;

/** The loop `Adam.update` replaces its ops with. */
export const adamStep: AdamStepKernel = (p, pOff, g, gOff, m, v, vMax, n, a) => {
  const { lr, beta1, beta2, eps, weightDecay, decoupled, bc1, bc2 } = a;
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  const decay = decoupled ? 1 - lr * weightDecay : 1;
  const l2 = decoupled ? 0 : weightDecay;
  const sqrtBc2 = Math.sqrt(bc2);
  const stepSize = lr / bc1;
  for (let i = 0; i < n; i++) {
    let pi = p[pOff + i];
    let gi = g[gOff + i];
    if (weightDecay !== 0) {
      if (decoupled) pi = pi * decay;
      else gi = gi + pi * l2;
    }
    const mi = m[i] * beta1 + gi * c1;
    const vi = v[i] * beta2 + gi * gi * c2;
    m[i] = mi;
    v[i] = vi;
    let vUse = vi;
    if (vMax !== null) vUse = vMax[i] = Math.max(vMax[i], vi);
    p[pOff + i] = pi - (mi / (Math.sqrt(vUse) / sqrtBc2 + eps)) * stepSize;
  }
};

/** The loop `SGD.update` replaces its ops with. */
export const sgdStep: SgdStepKernel = (p, pOff, g, gOff, buf, n, a) => {
  const { lr, momentum, dampening, weightDecay, nesterov, maximize, first } = a;
  const keep = 1 - dampening;
  for (let i = 0; i < n; i++) {
    const pi = p[pOff + i];
    let gi = maximize ? -g[gOff + i] : g[gOff + i];
    if (weightDecay !== 0) gi = gi + pi * weightDecay;
    if (buf !== null) {
      const b = first ? gi : buf[i] * momentum + gi * keep;
      buf[i] = b;
      gi = nesterov ? gi + b * momentum : b;
    }
    p[pOff + i] = pi - gi * lr;
  }
};

const FLOATS = ['float32', 'float64'] as const;

export const jsOptimKernels: Kernel[] = [
  { op: 'adamStep', backend: 'js-optim', dtypes: FLOATS, priority: 1, fn: adamStep },
  { op: 'sgdStep', backend: 'js-optim', dtypes: FLOATS, priority: 1, fn: sgdStep },
];
