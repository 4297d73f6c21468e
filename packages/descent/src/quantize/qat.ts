/**
 * Quantization-aware training (QAT): train with the int8 rounding in the forward pass so the
 * weights adapt to it, then convert to real int8 layers.
 *
 * `prepareQat` swaps every `Linear` for a `QatLinear`, which fake-quantizes (fakeQuantize:
 * quantize-dequantize with the straight-through gradient)
 *
 * - its input, with a moving-average min-max observer updated in training mode (PyTorch's
 *   default QAT activation fake-quant), affine qint8;
 * - its weight, per output channel, symmetric qint8, with the range of the current weights
 *   at every step.
 *
 * `convertQat` turns each `QatLinear` into a `QuantizedLinear` with the observed activation
 * range, which then computes what training saw (up to float rounding order).
 */
import { noGrad, type Tensor } from '../tensor/index.js';
import { Module, type Parameter } from '../nn/module.js';
import { Linear } from '../nn/layers/linear.js';
import { linear } from '../nn/functional/activations.js';
import { fakeQuantize } from './fake-quantize.js';
import { MovingAverageMinMaxObserver, PerChannelMinMaxObserver } from './observers.js';
import { QuantizedLinear } from './int8-linear.js';

/**
 * A Linear layer that trains through int8 fake quantization of its input and weight.
 *
 * ```ts
 * const q = new QatLinear(new Linear(64, 10));
 * q.forward(x);   // float output, as int8 inference would compute it
 * ```
 */
export class QatLinear extends Module {
  readonly inputObserver = new MovingAverageMinMaxObserver({ dtype: 'qint8' });

  /** The float layer stays a child, so its parameters are the ones trained (listed once). */
  constructor(readonly float: Linear) {
    super();
  }

  get weight(): Parameter { return this.float.weight; }
  get bias(): Parameter | null { return this.float.bias; }

  forward(x: Tensor): Tensor {
    if (this.training || this.inputObserver.min > this.inputObserver.max) noGrad(() => this.inputObserver.observe(x));
    const a = this.inputObserver.calculateQParams();
    const xq = fakeQuantize(x, a.scale, a.zeroPoint, { quantMin: -128, quantMax: 127 });
    const obs = new PerChannelMinMaxObserver({ axis: 0, scheme: 'symmetric', dtype: 'qint8' });
    noGrad(() => obs.observe(this.weight));
    const w = obs.calculateQParams();
    const wq = fakeQuantize(this.weight, w.scale, w.zeroPoint, { axis: 0, quantMin: -128, quantMax: 127 });
    return linear(xq, wq, this.bias);
  }

  protected override extraRepr(): string {
    return `inFeatures=${this.float.inFeatures}, outFeatures=${this.float.outFeatures}`;
  }
}

function swap(model: Module, make: (child: Module) => Module | null): void {
  for (const [, parent] of model.namedModules()) {
    for (const [name, child] of parent.namedChildren()) {
      const next = make(child);
      if (next !== null) (parent as unknown as Record<string, Module>)[name] = next;
    }
  }
}

/**
 * Prepares a float model for quantization-aware training (in place; returns it).
 *
 * ```ts
 * prepareQat(model);       // Linear → QatLinear, same parameters
 * train(model);            // a few epochs of fine-tuning
 * convertQat(model);       // QatLinear → QuantizedLinear (int8)
 * ```
 */
export function prepareQat<M extends Module>(model: M): M {
  if (!(model instanceof Module)) throw new TypeError('prepareQat: model must be a descent/nn Module');
  swap(model, (c) => (c instanceof Linear && c.constructor === Linear ? new QatLinear(c) : null));
  return model;
}

/** Converts a QAT-trained model's `QatLinear` layers to int8 `QuantizedLinear` (in place; returns it). */
export function convertQat<M extends Module>(model: M): M {
  if (!(model instanceof Module)) throw new TypeError('convertQat: model must be a descent/nn Module');
  let found = 0;
  swap(model, (c) => {
    if (!(c instanceof QatLinear)) return null;
    found++;
    return QuantizedLinear.from(c.float, { activation: c.inputObserver.calculateQParams() });
  });
  if (found === 0) throw new Error('convertQat: no QatLinear layers found; call prepareQat(model) and train it first');
  return model;
}
