/**
 * Simulated compression for searching settings: prune, then quantize weights and activations
 * at a chosen bit width, granularity and calibration method, all by fake quantization
 * (quantize-then-dequantize), so any bit width can be tried before a kernel exists for it.
 * The accuracy is the accuracy the integer model would have (same rounding, same clamping);
 * the speed is not — it runs on float kernels. Its size is computed for a real storage format:
 * per layer the cheaper of dense `bits`-bit codes and a sparse form (a 1-bit mask per weight
 * plus `bits` bits per surviving weight), one float32 scale per tensor or per output channel,
 * biases in float32.
 *
 * This is the search space of the "Optuna-driven quantization" study (lesson 41): tune
 * `bits`, `granularity`, `method` and `pruneAmount` with `descent/tune` against an accuracy
 * floor, two objectives (size and accuracy), and read the Pareto front.
 *
 * ```ts
 * const { model: small, bytes } = simulateCompression(copy, [xCalib], { bits: 4, granularity: 'perChannel', method: 'mse', pruneAmount: 0.5 });
 * small.forward(xTest); // what the 4-bit, half-pruned model would predict
 * ```
 */
import { noGrad, type Tensor } from '../tensor/index.js';
import { Module } from '../nn/module.js';
import { Linear } from '../nn/layers/linear.js';
import { linear } from '../nn/functional/activations.js';
import { MinMaxObserver, MseObserver, PerChannelMinMaxObserver, PercentileObserver } from './observers.js';
import { fakeQuantize } from './fake-quantize.js';
import { l1Unstructured, maskOf } from './prune.js';
import type { QParams } from './qparams.js';

export interface CompressionSettings {
  /** Bit width of weights and activations (signed, symmetric weights): 2 to 8. */
  bits: number;
  /** One weight scale per tensor, or per output channel (row of a Linear weight). */
  granularity: 'perTensor' | 'perChannel';
  /** How activation ranges are chosen on the calibration set. */
  method: 'minmax' | 'percentile' | 'mse';
  /** Fraction of each layer's weights zeroed by magnitude (0 to < 1). */
  pruneAmount: number;
  /** For `method: 'percentile'` (default 99.99). */
  percentile?: number;
}

/** A Linear whose input and weight pass through fixed fake quantizers. */
export class FakeQuantLinear extends Module {
  constructor(
    /** The weight after pruning and quantize-dequantize. */
    readonly weight: Tensor,
    readonly bias: Tensor | null,
    readonly activation: QParams,
    readonly quantMin: number,
    readonly quantMax: number,
  ) { super(); }

  forward(x: Tensor): Tensor {
    const xq = fakeQuantize(x, this.activation.scale, this.activation.zeroPoint, { quantMin: this.quantMin, quantMax: this.quantMax });
    return linear(xq, this.weight, this.bias);
  }
}

function check(s: CompressionSettings): void {
  const where = 'simulateCompression';
  if (!Number.isInteger(s.bits) || s.bits < 2 || s.bits > 8) throw new RangeError(`${where}: \`bits\` must be an integer from 2 to 8; got ${s.bits}.`);
  if (s.granularity !== 'perTensor' && s.granularity !== 'perChannel') throw new RangeError(`${where}: \`granularity\` must be 'perTensor' or 'perChannel'; got ${String(s.granularity)}.`);
  if (!['minmax', 'percentile', 'mse'].includes(s.method)) throw new RangeError(`${where}: \`method\` must be 'minmax', 'percentile' or 'mse'; got ${String(s.method)}.`);
  if (!(s.pruneAmount >= 0 && s.pruneAmount < 1)) throw new RangeError(`${where}: \`pruneAmount\` must be in [0, 1); got ${s.pruneAmount}.`);
}

/**
 * Prunes and fake-quantizes every plain `Linear` of `model` in place (replacing it with a
 * `FakeQuantLinear`) and returns the model with its compressed size in bytes. Pass a copy if
 * you need the float model again.
 *
 * ```ts
 * const { bytes } = simulateCompression(copy, calibration, { bits: 8, granularity: 'perChannel', method: 'minmax', pruneAmount: 0 });
 * ```
 */
export function simulateCompression<M extends Module>(model: M, calibration: readonly Tensor[], settings: CompressionSettings): { model: M; bytes: number } {
  if (!(model instanceof Module)) throw new TypeError('simulateCompression: model must be a descent/nn Module.');
  if (!Array.isArray(calibration) || calibration.length === 0) throw new RangeError('simulateCompression: pass at least one calibration batch (an array of input tensors).');
  check(settings);
  const qmax = 2 ** (settings.bits - 1) - 1, qmin = -qmax - 1;
  const range = { quantMin: qmin, quantMax: qmax, dtype: 'qint8' as const };
  const layers = [...model.modules()].filter((m): m is Linear => m instanceof Linear && m.constructor === Linear);
  if (layers.length === 0) throw new RangeError('simulateCompression: the model has no Linear layer to compress.');

  // 1. Magnitude pruning, layer by layer (torch.nn.utils.prune.l1_unstructured).
  if (settings.pruneAmount > 0) for (const l of layers) l1Unstructured(l, 'weight', settings.pruneAmount);

  // 2. Calibrate activation ranges on the pruned float model.
  const observers = new Map<Module, { observe(x: Tensor): Tensor; calculateQParams(): QParams }>();
  const removers: (() => void)[] = [];
  for (const l of layers) {
    const obs = settings.method === 'minmax' ? new MinMaxObserver(range)
      : settings.method === 'percentile' ? new PercentileObserver({ ...range, percentile: settings.percentile ?? 99.99 })
        : new MseObserver(range);
    observers.set(l, obs);
    removers.push(l.registerForwardHook((_m, inputs) => { obs.observe(inputs[0] as Tensor); }));
  }
  model.eval();
  try {
    noGrad(() => { for (const x of calibration) model.forward(x); });
  } finally {
    for (const r of removers) r();
  }

  // 3. Quantize weights (symmetric, per tensor or per row) and swap the layers.
  let bytes = 0;
  const replacement = new Map<Module, Module>();
  for (const l of layers) {
    const w = l.weight;
    const [out] = w.shape as [number, number];
    const wq = noGrad(() => {
      if (settings.granularity === 'perChannel') {
        const obs = new PerChannelMinMaxObserver({ ...range, axis: 0, scheme: 'symmetric' });
        obs.observe(w);
        const { scale, zeroPoint } = obs.calculateQParams();
        return fakeQuantize(w, scale, zeroPoint, { quantMin: qmin, quantMax: qmax, axis: 0 });
      }
      const obs = new MinMaxObserver({ ...range, scheme: 'symmetric' });
      obs.observe(w);
      const { scale, zeroPoint } = obs.calculateQParams();
      return fakeQuantize(w, scale, zeroPoint, { quantMin: qmin, quantMax: qmax });
    });
    const mask = maskOf(w);
    let nnz = 0;
    for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) nnz++;
    const dense = (w.size * settings.bits) / 8, sparse = w.size / 8 + (nnz * settings.bits) / 8;
    bytes += Math.ceil(Math.min(dense, sparse)) + 4 * (settings.granularity === 'perChannel' ? out : 1) + 8 /* activation scale, zero point */;
    if (l.bias !== null) bytes += 4 * l.bias.size;
    replacement.set(l, new FakeQuantLinear(wq, l.bias === null ? null : l.bias.detach(), (observers.get(l) as { calculateQParams(): QParams }).calculateQParams(), qmin, qmax));
  }
  for (const [, parent] of model.namedModules()) {
    for (const [name, child] of parent.namedChildren()) {
      const next = replacement.get(child);
      if (next !== undefined) (parent as unknown as Record<string, Module>)[name] = next;
    }
  }
  // Parameters of other layers (normalization and the like) stay float32.
  for (const p of model.parameters()) bytes += 4 * p.size;
  return { model, bytes };
}
