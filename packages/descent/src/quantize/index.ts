/**
 * `descent/quantize`: making models smaller and faster. Affine int8 quantization with
 * PyTorch's scales and zero points, calibration observers, fake quantization with the
 * straight-through estimator for quantization-aware training.
 *
 * ```ts
 * import { MinMaxObserver, quantizePerTensor, dequantize } from 'descent/quantize';
 * const obs = new MinMaxObserver({ dtype: 'qint8' });
 * obs.observe(x);
 * const { scale, zeroPoint } = obs.calculateQParams();
 * const q = quantizePerTensor(x, scale, zeroPoint, 'qint8');   // Int8Array values
 * dequantize(q);                                                // ≈ x
 * ```
 */
export {
  calculateQParams, quantRange, quantizePerTensor, quantizePerChannel, dequantize, roundHalfEven, SCALE_EPS,
  type QDType, type QScheme, type QParams, type QParamsOptions, type QRangeOptions, type QuantizedTensor,
} from './qparams.js';
export { MinMaxObserver, MovingAverageMinMaxObserver, PerChannelMinMaxObserver, PercentileObserver, MseObserver } from './observers.js';
export { fakeQuantize, type FakeQuantizeOptions } from './fake-quantize.js';
export { QuantizedLinear, qlinearReference, type QuantizedLinearOptions } from './int8-linear.js';
export { QuantizedConv2d, qconvReference } from './int8-conv.js';
export { QuantizedLSTM } from './int8-lstm.js';
export { quantizeDynamic, quantizeStatic, type CalibrationMethod, type StaticOptions } from './convert.js';
export { QatLinear, prepareQat, convertQat } from './qat.js';
export { l1Unstructured, lnStructured, reapplyMasks, maskOf, sparsity } from './prune.js';
export { distillationLoss, type DistillationOptions } from './distill.js';
export { simulateCompression, FakeQuantLinear, type CompressionSettings } from './simulate.js';
