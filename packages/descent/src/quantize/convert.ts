/**
 * Whole-model conversion: find the float layers, swap in int8 ones (in place, like
 * PyTorch's `inplace=True`; returns the same model).
 *
 * - `quantizeDynamic`: int8 weights now, activation ranges measured on each input at run
 *   time. Needs no data; suits layers whose cost is the weights (Linear, LSTM).
 * - `quantizeStatic` (post-training static quantization, Linear and Conv2d): runs a
 *   calibration set through the float model with an observer on every layer's input, then fixes each activation's scale
 *   and zero point, so inference does no range search.
 */
import { noGrad, type Tensor } from '../tensor/index.js';
import { Module } from '../nn/module.js';
import { Linear } from '../nn/layers/linear.js';
import { Conv2d } from '../nn/layers/conv.js';
import { QuantizedLinear } from './int8-linear.js';
import { QuantizedConv2d } from './int8-conv.js';
import { LSTM } from '../nn/layers/recurrent.js';
import { QuantizedLSTM } from './int8-lstm.js';
import { MinMaxObserver, MovingAverageMinMaxObserver, MseObserver, PercentileObserver } from './observers.js';
import type { QParams } from './qparams.js';

/** Replaces every child for which `make` returns a module; returns how many were replaced. */
function swap(model: Module, make: (child: Module, path: string) => Module | null): number {
  let count = 0;
  for (const [prefix, parent] of model.namedModules()) {
    for (const [name, child] of parent.namedChildren()) {
      const next = make(child, prefix ? `${prefix}.${name}` : name);
      if (next !== null) { (parent as unknown as Record<string, Module>)[name] = next; count++; }
    }
  }
  return count;
}

const isPlainLinear = (m: Module): m is Linear => m instanceof Linear && m.constructor === Linear;
const isPlainConv = (m: Module): m is Conv2d => m instanceof Conv2d && m.constructor === Conv2d && ((m.options as { groups?: number }).groups ?? 1) === 1;

/**
 * Dynamic quantization of every `Linear` and (one-direction) `LSTM` (PyTorch's
 * `torch.ao.quantization.quantize_dynamic`).
 *
 * ```ts
 * const model = new Sequential(new Linear(64, 32), new ReLU(), new Linear(32, 10));
 * quantizeDynamic(model);   // both Linear layers are now QuantizedLinear
 * ```
 */
export function quantizeDynamic<M extends Module>(model: M): M {
  if (!(model instanceof Module)) throw new TypeError('quantizeDynamic: model must be a descent/nn Module');
  if (isPlainLinear(model)) throw new TypeError('quantizeDynamic: wrap a single Linear in a container first (or use QuantizedLinear.from)');
  swap(model, (c) => (isPlainLinear(c) ? QuantizedLinear.from(c) : c instanceof LSTM && !c.bidirectional ? QuantizedLSTM.from(c) : null));
  return model;
}

export type CalibrationMethod = 'minmax' | 'movingAverage' | 'percentile' | 'mse';

export interface StaticOptions {
  /** How activation ranges are chosen from the calibration data (default 'minmax'). */
  method?: CalibrationMethod;
  /** For 'percentile': which percentile bounds the range (default 99.99). */
  percentile?: number;
}

function observerFor(method: CalibrationMethod, percentile: number | undefined): { observe(x: Tensor): Tensor; calculateQParams(): QParams } {
  const dtype = 'qint8' as const;
  switch (method) {
    case 'minmax': return new MinMaxObserver({ dtype });
    case 'movingAverage': return new MovingAverageMinMaxObserver({ dtype });
    case 'percentile': return new PercentileObserver({ dtype, percentile });
    case 'mse': return new MseObserver({ dtype });
    default: throw new RangeError(`quantizeStatic: method must be 'minmax', 'movingAverage', 'percentile' or 'mse', got ${String(method)}`);
  }
}

/**
 * Post-training static quantization of every `Linear` and `Conv2d` (groups = 1): calibrate,
 * then convert.
 *
 * ```ts
 * quantizeStatic(model, [xCalib1, xCalib2], { method: 'percentile', percentile: 99.9 });
 * model.forward(xTest);   // int8 matmuls with fixed activation scales
 * ```
 */
export function quantizeStatic<M extends Module>(model: M, calibration: readonly Tensor[], options: StaticOptions = {}): M {
  if (!(model instanceof Module)) throw new TypeError('quantizeStatic: model must be a descent/nn Module');
  if (!Array.isArray(calibration) || calibration.length === 0) throw new RangeError('quantizeStatic: pass at least one calibration batch (an array of input tensors)');
  const method = options.method ?? 'minmax';
  const observers = new Map<Module, ReturnType<typeof observerFor>>();
  const removers: (() => void)[] = [];
  for (const m of model.modules()) {
    if (!isPlainLinear(m) && !isPlainConv(m)) continue;
    const obs = observerFor(method, options.percentile);
    observers.set(m, obs);
    removers.push(m.registerForwardHook((_mod, inputs) => { obs.observe(inputs[0] as Tensor); }));
  }
  const wasTraining = model.training;
  model.eval();
  try {
    noGrad(() => { for (const x of calibration) model.forward(x); });
  } finally {
    for (const r of removers) r();
    model.train(wasTraining);
  }
  swap(model, (c) => {
    const obs = observers.get(c);
    if (obs === undefined) return null;
    const activation = obs.calculateQParams();
    return isPlainConv(c) ? QuantizedConv2d.from(c, { activation }) : QuantizedLinear.from(c as Linear, { activation });
  });
  return model;
}
