/**
 * Export of `descent/nn` modules to ONNX by walking the module tree with a sample input.
 *
 * Each known layer class has an exporter that writes its ONNX nodes; containers (`Sequential`)
 * recurse. The sample input is run through every module as the walk goes, so each exporter
 * sees concrete shapes (needed by e.g. AdaptiveAvgPool2d and Flatten), much like
 * `torch.onnx.export` traces with an example. A module class the walker does not know — a
 * residual block, say — gets an exporter with `registerOnnxExporter`.
 *
 * ```ts
 * const model = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3)).eval();
 * const bytes = exportOnnx(model, randn([2, 4]));   // Uint8Array: write it to model.onnx
 * ```
 */
import { Tensor, noGrad } from '../tensor/index.js';
import { Module } from '../nn/module.js';
import { Linear } from '../nn/layers/linear.js';
import { Sequential, Flatten, Identity } from '../nn/layers/container.js';
import { Dropout } from '../nn/layers/dropout.js';
import { LayerNorm } from '../nn/layers/layer-norm.js';
import { BatchNorm1d, BatchNorm2d } from '../nn/layers/batch-norm.js';
import { Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, type Pair } from '../nn/layers/conv.js';
import { Conv1d, MaxPool1d, AvgPool1d } from '../nn/layers/conv1d.js';
import { ReLU, LeakyReLU, ELU, GELU, SiLU, Sigmoid, Tanh, Softmax, LogSoftmax, Softplus, Hardtanh, Mish } from '../nn/layers/activation.js';
import { GraphBuilder, float32Of, DEFAULT_OPSET } from './graph-builder.js';
import { dequantized, type QdqSpec } from './qdq.js';
import { exportRecurrent, exportMultiheadAttention } from './export-nn-sequence.js';
import { LSTM, GRU } from '../nn/layers/recurrent.js';
import { MultiheadAttention } from '../nn/layers/attention.js';

/** What an exporter gets: the graph, the module's dotted path, and the export options. */
export interface ExportContext {
  g: GraphBuilder;
  path: string;
  qdq: QdqSpec;
  /** Exports a child module (for containers and custom blocks); returns its output value names. */
  emit(child: Module, inputs: Traced[], childName: string): Traced[];
}

/** A value in the graph: its ONNX name and the Descent tensor it holds for the sample input. */
export interface Traced { name: string; value: Tensor }

/** Writes the nodes of one module; returns the names of its outputs, in `forward`'s order. */
export type OnnxExporter<M extends Module = Module> = (module: M, inputs: Traced[], ctx: ExportContext) => string[];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModuleClass = abstract new (...args: any[]) => Module;
const exporters = new Map<AnyModuleClass, OnnxExporter>();

/**
 * Teaches `exportOnnx` a module class of your own. The exporter writes nodes with `ctx.g` and
 * can export children with `ctx.emit`.
 *
 * ```ts
 * class Residual extends Module { constructor(readonly body: Module) { super(); } forward(x: Tensor) { return x.add(this.body.forward(x) as Tensor); } }
 * registerOnnxExporter(Residual, (m, [x], ctx) => {
 *   const [y] = ctx.emit(m.body, [x], 'body');
 *   return ctx.g.node('Add', [x.name, y.name]);
 * });
 * ```
 */
export function registerOnnxExporter<M extends Module>(cls: abstract new (...args: never[]) => M, exporter: OnnxExporter<M>): void {
  exporters.set(cls as unknown as AnyModuleClass, exporter as OnnxExporter);
}

function exporterFor(m: Module): OnnxExporter | undefined {
  for (let proto = Object.getPrototypeOf(m); proto && proto !== Module.prototype; proto = Object.getPrototypeOf(proto)) {
    const found = exporters.get(proto.constructor as AnyModuleClass);
    if (found) return found;
  }
  return undefined;
}

/** A forward's result as a flat list of tensors: tuples and nested arrays flatten, nulls drop. */
function flatTensors(out: unknown): Tensor[] {
  if (out instanceof Tensor) return [out];
  if (Array.isArray(out)) return out.flatMap(flatTensors);
  return [];
}

const pairOf = (p: Pair | undefined, fallback: [number, number]): [number, number] => (p === undefined ? fallback : typeof p === 'number' ? [p, p] : p);

export interface ExportOnnxOptions {
  /** Graph input names (default 'input', or 'input0', 'input1', … for several). */
  inputNames?: string[];
  /** Graph output names (default 'output', 'output1', …). */
  outputNames?: string[];
  /** Axes of every input and output that may change size (default [0], the batch). */
  dynamicAxes?: number[];
  /** Operator set version of the default domain (default 17; at least 17). */
  opset?: number;
  /** Quantize-dequantize (QDQ) pairs for the listed layers, by dotted module path ('' for the model itself). */
  qdq?: QdqSpec;
}

/**
 * Exports a module to ONNX (IR 8, opset 17) and returns the file's bytes. `inputs` are
 * sample tensors with the shapes the model will see (the batch axis stays dynamic). The
 * model should be in `eval()` mode: dropout becomes the identity and batch norm uses its
 * running statistics, as ONNX inference does.
 */
export function exportOnnx(model: Module, inputs: Tensor | Tensor[], options: ExportOnnxOptions = {}): Uint8Array {
  if (!(model instanceof Module)) throw new TypeError('exportOnnx: expected a descent/nn Module as the first argument');
  const samples = Array.isArray(inputs) ? inputs : [inputs];
  if (samples.length === 0 || !samples.every((t) => t instanceof Tensor)) throw new TypeError('exportOnnx: expected a sample input Tensor (or an array of them) as the second argument');
  if (model.training) throw new Error('exportOnnx: the model is in training mode; call model.eval() first so dropout and batch norm export their inference behaviour');
  const opset = options.opset ?? DEFAULT_OPSET;
  if (!(Number.isInteger(opset) && opset >= 17)) throw new RangeError(`exportOnnx: opset must be an integer >= 17 (LayerNormalization needs 17), got ${opset}`);
  const dynamic = options.dynamicAxes ?? [0];
  const dims = (shape: readonly number[], prefix: string) => shape.map((d, i) => (dynamic.includes(i) ? `${prefix}_${i}` : d));
  const g = new GraphBuilder(opset);
  const qdq = options.qdq ?? {};
  const traced = samples.map((t, i) => ({ name: g.input(options.inputNames?.[i] ?? (samples.length === 1 ? 'input' : `input${i}`), dims(t.shape, `in${i}`)), value: t }));
  const outs = noGrad(() => emitModule(model, traced, '', g, qdq));
  outs.forEach((o, i) => g.output(o.name, options.outputNames?.[i] ?? (i === 0 ? 'output' : `output${i}`), dims(o.value.shape, `out${i}`)));
  for (const path of Object.keys(qdq)) {
    if (!g.nodes.some((n) => n.name.startsWith(`qdq:${path}:`))) throw new Error(`exportOnnx: qdq names the layer '${path}', which is not a Linear, Conv1d or Conv2d in this model (paths are as in model.namedModules())`);
  }
  return g.encode(model.constructor.name);
}

function emitModule(m: Module, inputs: Traced[], path: string, g: GraphBuilder, qdq: QdqSpec): Traced[] {
  const exporter = exporterFor(m);
  if (!exporter) {
    throw new Error(`exportOnnx: no ONNX exporter for ${m.constructor.name}${path ? ` (at '${path}')` : ''}; supported are Sequential, Linear, Conv1d/2d, pooling, batch/layer norm, activations, Flatten, Dropout, LSTM, GRU and MultiheadAttention — teach it yours with registerOnnxExporter`);
  }
  const ctx: ExportContext = {
    g,
    path,
    qdq,
    emit: (child, childInputs, childName) => emitModule(child, childInputs, path ? `${path}.${childName}` : childName, g, qdq),
  };
  const names = exporter(m, inputs, ctx);
  // One input to attention means self-attention: forward(x, x, x).
  const args = m instanceof MultiheadAttention && inputs.length === 1 ? [inputs[0], inputs[0], inputs[0]] : inputs;
  const values = flatTensors((m.forward as (...a: unknown[]) => unknown)(...args.map((t) => t.value)));
  if (names.length < values.length) throw new Error(`exportOnnx: the exporter for ${m.constructor.name} wrote ${names.length} outputs but forward returns ${values.length}`);
  return values.map((value, i) => ({ name: names[i], value }));
}

// ---------------------------------------------------------------- layer exporters

/** The weight as a graph value: a float initializer, or int8 + DequantizeLinear under QDQ. */
function weightValue(ctx: ExportContext, name: string, w: Tensor, axis: number): string {
  const spec = ctx.qdq[ctx.path]?.weight;
  if (!spec) return ctx.g.initializer(name, float32Of(w), [...w.shape]);
  return dequantized(ctx.g, name, float32Of(w), [...w.shape], spec, axis, `qdq:${ctx.path}:weight`);
}

/** The input after QuantizeLinear → DequantizeLinear when the layer's QDQ spec names one. */
function inputValue(ctx: ExportContext, x: string): string {
  const spec = ctx.qdq[ctx.path]?.input;
  if (!spec) return x;
  const params = qparamValues(ctx, spec, 'input');
  const [q] = ctx.g.node('QuantizeLinear', [x, ...params]);
  ctx.g.nodes[ctx.g.nodes.length - 1].name = ctx.g.fresh(`qdq:${ctx.path}:input_quantize`);
  return ctx.g.node('DequantizeLinear', [q, ...params])[0];
}

function qparamValues(ctx: ExportContext, spec: { scale: number | number[]; zeroPoint: number | number[]; dtype?: 'int8' | 'uint8' }, what: string): [string, string] {
  const s = typeof spec.scale === 'number' ? [spec.scale] : spec.scale;
  const z = typeof spec.zeroPoint === 'number' ? [spec.zeroPoint] : spec.zeroPoint;
  if (s.length !== 1 || z.length !== 1) throw new RangeError(`exportOnnx: the ${what} quantization of '${ctx.path}' must be per tensor (one scale and zero point)`);
  const scale = ctx.g.initializer(`${ctx.path}.${what}_scale`, Float32Array.from(s), []);
  const zp = spec.dtype === 'int8' ? ctx.g.initializer(`${ctx.path}.${what}_zero_point`, Int8Array.from(z), [], 3) : ctx.g.initializer(`${ctx.path}.${what}_zero_point`, Uint8Array.from(z), [], 2);
  return [scale, zp];
}

registerOnnxExporter(Sequential, (m, inputs, ctx) => {
  let cur = inputs;
  for (let i = 0; i < m.length; i++) cur = ctx.emit(m[i], cur, String(i));
  return cur.map((t) => t.name);
});

registerOnnxExporter(Linear, (m, [x], ctx) => {
  const p = ctx.path ? `${ctx.path}.` : '';
  const xin = inputValue(ctx, x.name);
  const w = weightValue(ctx, `${p}weight`, m.weight, 0);                  // (out, in)
  const [wt] = ctx.g.node('Transpose', [w], { perm: [1, 0] });
  const [y] = ctx.g.node('MatMul', [xin, wt]);
  if (!m.bias) return [y];
  return ctx.g.node('Add', [y, ctx.g.initializer(`${p}bias`, float32Of(m.bias), [...m.bias.shape])]);
});

function exportConv(m: Conv2d | Conv1d, x: Traced, ctx: ExportContext, k: number): string[] {
  const p = ctx.path ? `${ctx.path}.` : '';
  const o = m.options as { stride?: Pair; padding?: Pair; dilation?: Pair; groups?: number };
  const expand = (v: Pair | undefined, d: number): number[] => (v === undefined ? Array(k).fill(d) : typeof v === 'number' ? Array(k).fill(v) : [...v]);
  if (typeof o.padding === 'string') throw new Error(`exportOnnx: ${m.constructor.name} at '${ctx.path}' uses padding '${o.padding}'; give numeric padding to export`);
  const pads = expand(o.padding, 0);
  const inputs = [inputValue(ctx, x.name), weightValue(ctx, `${p}weight`, m.weight, 0)];
  if (m.bias) inputs.push(ctx.g.initializer(`${p}bias`, float32Of(m.bias), [...m.bias.shape]));
  return ctx.g.node('Conv', inputs, {
    kernel_shape: m.weight.shape.slice(2), strides: expand(o.stride, 1), pads: [...pads, ...pads], dilations: expand(o.dilation, 1), group: o.groups ?? 1,
  });
}
registerOnnxExporter(Conv2d, (m, [x], ctx) => exportConv(m, x, ctx, 2));
registerOnnxExporter(Conv1d, (m, [x], ctx) => exportConv(m, x, ctx, 1));

function exportPool(op: 'MaxPool' | 'AveragePool', x: string, ctx: ExportContext, kernel: number[], stride: number[], padding: number[]): string[] {
  const attrs: Record<string, number | number[]> = { kernel_shape: kernel, strides: stride, pads: [...padding, ...padding] };
  if (op === 'AveragePool') attrs.count_include_pad = 1;                 // PyTorch's default
  return ctx.g.node(op, [x], attrs);
}
registerOnnxExporter(MaxPool2d, (m, [x], ctx) => {
  const k = pairOf(m.kernelSize, [1, 1]);
  return exportPool('MaxPool', x.name, ctx, k, pairOf(m.stride, k), pairOf(m.padding, [0, 0]));
});
registerOnnxExporter(AvgPool2d, (m, [x], ctx) => {
  const k = pairOf(m.kernelSize, [1, 1]);
  return exportPool('AveragePool', x.name, ctx, k, pairOf(m.stride, k), pairOf(m.padding, [0, 0]));
});
registerOnnxExporter(MaxPool1d, (m, [x], ctx) => exportPool('MaxPool', x.name, ctx, [m.kernelSize], [m.stride ?? m.kernelSize], [m.padding]));
registerOnnxExporter(AvgPool1d, (m, [x], ctx) => exportPool('AveragePool', x.name, ctx, [m.kernelSize], [m.stride ?? m.kernelSize], [m.padding]));

registerOnnxExporter(AdaptiveAvgPool2d, (m, [x], ctx) => {
  const [oh, ow] = pairOf(m.outputSize, [1, 1]);
  if (oh === 1 && ow === 1) return ctx.g.node('GlobalAveragePool', [x.name]);
  const [, , H, W] = x.value.shape;
  // Equal bins only: then adaptive pooling is plain pooling with kernel = stride = H/oh.
  if (H % oh !== 0 || W % ow !== 0) {
    throw new Error(`exportOnnx: AdaptiveAvgPool2d at '${ctx.path}' maps ${H}×${W} to ${oh}×${ow}, which is not an even split; ONNX has no adaptive pooling, so use an input size divisible by the output size`);
  }
  return exportPool('AveragePool', x.name, ctx, [H / oh, W / ow], [H / oh, W / ow], [0, 0]);
});

function exportBatchNorm(m: BatchNorm1d | BatchNorm2d, x: Traced, ctx: ExportContext): string[] {
  const p = ctx.path ? `${ctx.path}.` : '';
  const C = m.numFeatures;
  const named = m as unknown as { runningMean?: Tensor; runningVar?: Tensor };
  if (!named.runningMean || !named.runningVar) throw new Error(`exportOnnx: ${m.constructor.name} at '${ctx.path}' tracks no running statistics (trackRunningStats: false), so its inference output depends on the batch; ONNX BatchNormalization needs them`);
  const ones = new Float32Array(C).fill(1), zeros = new Float32Array(C);
  return ctx.g.node('BatchNormalization', [
    x.name,
    ctx.g.initializer(`${p}weight`, m.weight ? float32Of(m.weight) : ones, [C]),
    ctx.g.initializer(`${p}bias`, m.bias ? float32Of(m.bias) : zeros, [C]),
    ctx.g.initializer(`${p}running_mean`, float32Of(named.runningMean), [C]),
    ctx.g.initializer(`${p}running_var`, float32Of(named.runningVar), [C]),
  ], { epsilon: { float: m.options.eps ?? 1e-5 } });
}
registerOnnxExporter(BatchNorm1d, (m, [x], ctx) => exportBatchNorm(m, x, ctx));
registerOnnxExporter(BatchNorm2d, (m, [x], ctx) => exportBatchNorm(m, x, ctx));

registerOnnxExporter(LayerNorm, (m, [x], ctx) => {
  const p = ctx.path ? `${ctx.path}.` : '';
  const shape = m.normalizedShape;
  const n = shape.reduce((a, b) => a * b, 1);
  const inputs = [x.name, ctx.g.initializer(`${p}weight`, m.weight ? float32Of(m.weight) : new Float32Array(n).fill(1), shape)];
  if (m.bias) inputs.push(ctx.g.initializer(`${p}bias`, float32Of(m.bias), shape));
  return ctx.g.node('LayerNormalization', inputs, { axis: -shape.length, epsilon: { float: m.options.eps ?? 1e-5 } });
});

const identity: OnnxExporter = (_m, [x], ctx) => ctx.g.node('Identity', [x.name]);
registerOnnxExporter(Dropout, identity);
registerOnnxExporter(Identity, identity);

registerOnnxExporter(Flatten, (m, [x], ctx) => {
  const r = x.value.ndim;
  const start = m.startAxis < 0 ? m.startAxis + r : m.startAxis;
  const end = m.endAxis < 0 ? m.endAxis + r : m.endAxis;
  if (end === r - 1 && start > 0) return ctx.g.node('Flatten', [x.name], { axis: start });
  // Reshape with 0 ("copy this axis") before the flattened block keeps a dynamic batch.
  const out = x.value.flatten(start, end).shape;
  const shape = out.map((d, i) => (i < start ? 0 : i === start ? -1 : d));
  return ctx.g.node('Reshape', [x.name, ctx.g.int64s(`${ctx.path || 'flatten'}.shape`, shape)]);
});

// Activations
registerOnnxExporter(ReLU, (_m, [x], ctx) => ctx.g.node('Relu', [x.name]));
registerOnnxExporter(Tanh, (_m, [x], ctx) => ctx.g.node('Tanh', [x.name]));
registerOnnxExporter(Sigmoid, (_m, [x], ctx) => ctx.g.node('Sigmoid', [x.name]));
registerOnnxExporter(LeakyReLU, (m, [x], ctx) => ctx.g.node('LeakyRelu', [x.name], { alpha: { float: m.negativeSlope } }));
registerOnnxExporter(ELU, (m, [x], ctx) => ctx.g.node('Elu', [x.name], { alpha: { float: m.alpha } }));
registerOnnxExporter(Softmax, (m, [x], ctx) => ctx.g.node('Softmax', [x.name], { axis: m.axis }));
registerOnnxExporter(LogSoftmax, (m, [x], ctx) => ctx.g.node('LogSoftmax', [x.name], { axis: m.axis }));
registerOnnxExporter(Hardtanh, (m, [x], ctx) => ctx.g.node('Clip', [x.name, ctx.g.scalar('min', m.minVal), ctx.g.scalar('max', m.maxVal)]));
registerOnnxExporter(SiLU, (_m, [x], ctx) => ctx.g.node('Mul', [x.name, ctx.g.node('Sigmoid', [x.name])[0]]));
registerOnnxExporter(Mish, (_m, [x], ctx) => ctx.g.node('Mul', [x.name, ctx.g.node('Tanh', [ctx.g.node('Softplus', [x.name])[0]])[0]]));
registerOnnxExporter(Softplus, (m, [x], ctx) => {
  if (m.beta === 1) return ctx.g.node('Softplus', [x.name]);
  // softplus_β(x) = softplus(βx)/β; PyTorch's linear region above `threshold` differs by < e^−threshold.
  const [bx] = ctx.g.node('Mul', [x.name, ctx.g.scalar('beta', m.beta)]);
  return ctx.g.node('Div', [ctx.g.node('Softplus', [bx])[0], ctx.g.scalar('beta', m.beta)]);
});
registerOnnxExporter(GELU, (m, [x], ctx) => {
  const g = ctx.g;
  // Opset 17 has no Gelu (it arrived in 20): write the formula. Exact: x·Φ(x) = ½x(1 + erf(x/√2)).
  if (m.approximate === 'none') {
    const [e] = g.node('Erf', [g.node('Mul', [x.name, g.scalar('inv_sqrt2', Math.SQRT1_2)])[0]]);
    const [half] = g.node('Mul', [x.name, g.scalar('half', 0.5)]);
    return g.node('Mul', [half, g.node('Add', [e, g.scalar('one', 1)])[0]]);
  }
  // Tanh form (Hendrycks & Gimpel 2016): ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
  const [x3] = g.node('Mul', [g.node('Mul', [x.name, x.name])[0], x.name]);
  const [inner] = g.node('Add', [x.name, g.node('Mul', [x3, g.scalar('c', 0.044715)])[0]]);
  const [t] = g.node('Tanh', [g.node('Mul', [inner, g.scalar('k', Math.sqrt(2 / Math.PI))])[0]]);
  const [half] = g.node('Mul', [x.name, g.scalar('half', 0.5)]);
  return g.node('Mul', [half, g.node('Add', [t, g.scalar('one', 1)])[0]]);
});

registerOnnxExporter(LSTM, (m, inputs, ctx) => exportRecurrent(m, 'LSTM', inputs, ctx));
registerOnnxExporter(GRU, (m, inputs, ctx) => exportRecurrent(m, 'GRU', inputs, ctx));
registerOnnxExporter(MultiheadAttention, (m, inputs, ctx) => exportMultiheadAttention(m, inputs, ctx));
