/**
 * Pruning: setting weights to zero and keeping them there while the rest fine-tunes
 * (torch.nn.utils.prune's rules and names, camelCase).
 *
 * - `l1Unstructured`: zero the `amount` of entries with the smallest |w| anywhere in the
 *   tensor (magnitude pruning, Han et al. 2015). Sparse, so it shrinks the model only in a
 *   sparse format, but loses little accuracy.
 * - `lnStructured`: zero whole slices along `dim` (rows of a Linear weight = output
 *   neurons; dim 0 of a Conv2d weight = filters) with the smallest Ln norm. Coarser, but a
 *   zeroed neuron can be removed outright, shrinking the dense model.
 *
 * `amount` is a fraction in [0, 1] (rounded half to even, like Python's round, to a count)
 * or a whole count. Pruning again prunes `amount` of the entries (or slices) still left, as
 * PyTorch's PruningContainer does. The mask is kept per parameter; call `reapplyMasks(model)`
 * after each optimizer step while fine-tuning so pruned weights stay zero.
 */
import { noGrad, tensor, type Tensor } from '../tensor/index.js';
import type { Module, Parameter } from '../nn/module.js';
import { flatValues, normalizeAxis, roundHalfEven, splitAround } from './qparams.js';

const masks = new WeakMap<Tensor, Float32Array>();

function parameterOf(fn: string, module: Module, name: string): Parameter {
  const p = (module as unknown as Record<string, unknown>)[name];
  if (p === null || typeof p !== 'object' || !('shape' in p)) throw new RangeError(`${fn}: the module has no parameter named '${name}'`);
  return p as Parameter;
}

function countOf(fn: string, amount: number, n: number): number {
  if (Number.isInteger(amount) && amount > 1) {
    if (amount > n) throw new RangeError(`${fn}: amount ${amount} is more than the ${n} units left to prune`);
    return amount;
  }
  if (!(amount >= 0 && amount <= 1)) throw new RangeError(`${fn}: amount must be a fraction in [0, 1] or a whole count, got ${amount}`);
  return roundHalfEven(amount * n);
}

function apply(p: Parameter, mask: Float32Array): void {
  masks.set(p, mask);
  noGrad(() => p.mul_(tensor(mask, { shape: [...p.shape], dtype: p.dtype })));
}

/** The current 0/1 mask of a pruned parameter (all ones if it was never pruned). */
export function maskOf(p: Tensor): Float32Array {
  return masks.get(p) ?? new Float32Array(p.size).fill(1);
}

/**
 * Zeroes the `amount` smallest-magnitude entries of `module[name]` still unpruned.
 *
 * ```ts
 * l1Unstructured(fc, 'weight', 0.5);   // half of fc.weight is now 0
 * ```
 */
export function l1Unstructured(module: Module, name: string, amount: number): Float32Array {
  const p = parameterOf('l1Unstructured', module, name);
  const w = flatValues(p), old = maskOf(p);
  const alive: number[] = [];
  for (let i = 0; i < w.length; i++) if (old[i] !== 0) alive.push(i);
  const k = countOf('l1Unstructured', amount, alive.length);
  alive.sort((a, b) => Math.abs(w[a]) - Math.abs(w[b]) || a - b);
  const mask = old.slice();
  for (let j = 0; j < k; j++) mask[alive[j]] = 0;
  apply(p, mask);
  return mask;
}

/**
 * Zeroes the `amount` slices along `dim` of `module[name]` with the smallest Ln norm (n = 1,
 * 2, … or Infinity), among slices not already pruned.
 *
 * ```ts
 * lnStructured(fc, 'weight', 0.25, 2, 0);   // a quarter of fc's output neurons removed
 * ```
 */
export function lnStructured(module: Module, name: string, amount: number, n: number, dim: number): Float32Array {
  const p = parameterOf('lnStructured', module, name);
  if (!(n > 0)) throw new RangeError(`lnStructured: n must be a norm order > 0 (1, 2, …, Infinity), got ${n}`);
  const d = normalizeAxis('lnStructured', dim, p.ndim);
  const [outer, channels, inner] = splitAround(p.shape, d);
  const w = flatValues(p), old = maskOf(p);
  const norms = new Float64Array(channels), anyAlive = new Uint8Array(channels);
  for (let o = 0, i = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      for (let k = 0; k < inner; k++, i++) {
        const a = Math.abs(w[i]);
        norms[c] = n === Infinity ? Math.max(norms[c], a) : norms[c] + a ** n;
        if (old[i] !== 0) anyAlive[c] = 1;
      }
    }
  }
  const alive: number[] = [];
  for (let c = 0; c < channels; c++) if (anyAlive[c]) alive.push(c);
  const kPrune = countOf('lnStructured', amount, alive.length);
  alive.sort((a, b) => norms[a] - norms[b] || a - b);
  const dead = new Uint8Array(channels);
  for (let j = 0; j < kPrune; j++) dead[alive[j]] = 1;
  const mask = old.slice();
  for (let o = 0, i = 0; o < outer; o++) for (let c = 0; c < channels; c++) for (let k = 0; k < inner; k++, i++) if (dead[c]) mask[i] = 0;
  apply(p, mask);
  return mask;
}

/**
 * Multiplies every pruned parameter of `model` by its mask again; call after each optimizer
 * step during fine-tuning (the step moves pruned weights away from zero).
 *
 * ```ts
 * opt.step(); reapplyMasks(model);
 * ```
 */
export function reapplyMasks(model: Module): void {
  for (const p of model.parameters()) {
    const m = masks.get(p);
    if (m) noGrad(() => p.mul_(tensor(m, { shape: [...p.shape], dtype: p.dtype })));
  }
}

/** The fraction of `model`'s parameter entries that are exactly zero. */
export function sparsity(model: Module): number {
  let zero = 0, total = 0;
  for (const p of model.parameters()) {
    const v = flatValues(p);
    for (let i = 0; i < v.length; i++) if (v[i] === 0) zero++;
    total += v.length;
  }
  return total === 0 ? 0 : zero / total;
}
