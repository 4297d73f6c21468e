/**
 * ONNX operators as Descent tensor ops, for `importOnnx`. Each entry follows the operator's
 * definition at onnx.ai/onnx/operators (opset 17) for the attributes the exporters write;
 * settings Descent has no equivalent for (asymmetric pads, ceil_mode, …) raise a named error.
 */
import { Tensor, tensor, concat } from '../tensor/index.js';
import type { LSTM, GRU } from '../nn/layers/recurrent.js';
import { conv2d, maxPool2d, avgPool2d } from '../nn/layers/conv.js';
import { conv1d, maxPool1d, avgPool1d } from '../nn/layers/conv1d.js';
import { layerNorm } from '../nn/layers/layer-norm.js';
import { leakyRelu, elu, softplus } from '../nn/functional/activations.js';
import { DataType, type AttributeProto, type NodeProto, type TensorProto } from './proto.js';
import { roundHalfEven } from './qdq.js';

export interface OpContext {
  node: NodeProto;
  attr(name: string): AttributeProto | undefined;
  /** The ONNX data type of input `i` when it is an initializer. */
  inputType(i: number): number | undefined;
  /** The Descent layer built for an LSTM/GRU node. */
  recurrent?: LSTM | GRU;
}

type Op = (inputs: (Tensor | null)[], ctx: OpContext) => (Tensor | null)[];

/** A Descent tensor of an ONNX tensor's values (int64 as float64: shapes, axes, labels). */
export function tensorOf(t: TensorProto): Tensor {
  const v = t.values;
  if (Array.isArray(v)) throw new Error(`importOnnx: string tensor '${t.name}' cannot become a Descent tensor (string class labels are not supported on import)`);
  const data = v instanceof BigInt64Array ? Float64Array.from(v, Number) : v instanceof Float64Array || v instanceof Float32Array || v instanceof Int32Array ? v : Float32Array.from(v);
  const dtype = data instanceof Float64Array ? 'float64' : data instanceof Int32Array ? 'int32' : 'float32';
  return tensor(data, { dtype }).reshape(t.dims);
}

const numbers = (t: Tensor): number[] => Array.from(t.contiguous().toTypedArray() as ArrayLike<number>);
const axisOf = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);

/** The ONNX Reshape target: 0 copies the input's axis, −1 takes what is left. */
function reshapeTarget(x: Tensor, spec: number[]): number[] {
  const shape = spec.map((d, i) => (d === 0 ? x.shape[i] : d));
  const known = shape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  return shape.map((d) => (d === -1 ? x.size / known : d));
}

/** Symmetric pads only: ONNX lists [begin…, end…]. */
function symmetricPads(ctx: OpContext, k: number): number[] {
  const pads = ctx.attr('pads')?.ints ?? new Array(2 * k).fill(0);
  const begin = pads.slice(0, k), end = pads.slice(k);
  if (begin.some((p, i) => p !== end[i])) throw new Error(`importOnnx: ${ctx.node.opType} node ${ctx.node.name} has asymmetric pads [${pads.join(', ')}]; Descent pads both sides equally`);
  if (ctx.attr('auto_pad')?.s && ctx.attr('auto_pad')!.s !== 'NOTSET') throw new Error(`importOnnx: ${ctx.node.opType} with auto_pad is not supported; give explicit pads`);
  return begin;
}

function pool(kind: 'max' | 'avg'): Op {
  return ([x], ctx) => {
    const k = ctx.attr('kernel_shape')!.ints!;
    const s = ctx.attr('strides')?.ints ?? k.map(() => 1);
    const p = symmetricPads(ctx, k.length);
    if (ctx.attr('ceil_mode')?.i) throw new Error('importOnnx: pooling with ceil_mode=1 is not supported');
    if ((ctx.attr('dilations')?.ints ?? []).some((d) => d !== 1)) throw new Error('importOnnx: dilated pooling is not supported');
    if (kind === 'avg' && p.some((v) => v > 0) && !ctx.attr('count_include_pad')?.i) throw new Error('importOnnx: AveragePool with padding and count_include_pad=0 is not supported (Descent counts the padding, as PyTorch does by default)');
    if (k.length === 1) return [kind === 'max' ? maxPool1d(x!, k[0], s[0], p[0]) : avgPool1d(x!, k[0], s[0], p[0])];
    const pair = (v: number[]): [number, number] => [v[0], v[1]];
    return [kind === 'max' ? maxPool2d(x!, pair(k), pair(s), pair(p)) : avgPool2d(x!, pair(k), pair(s), pair(p))];
  };
}

/** Scale / zero point shaped to broadcast along `axis` of x (per channel) or as scalars. */
function perAxis(t: Tensor, x: Tensor, axis: number): Tensor {
  if (t.size === 1) return t.reshape([]);
  return t.reshape(x.shape.map((d, i) => (i === axisOf(axis, x.ndim) ? d : 1)));
}

/** Evaluates an ai.onnx.ml TreeEnsembleRegressor (BRANCH_LEQ splits, SUM/AVERAGE aggregation). */
function treeEnsembleRegressor([x]: (Tensor | null)[], ctx: OpContext): Tensor[] {
  return [treeScores(x!, ctx, 'target', ctx.attr('n_targets')?.i ?? 1)];
}

/** TreeEnsembleClassifier: the summed class weights, and the label with the largest score (integer labels only). */
function treeEnsembleClassifier([x]: (Tensor | null)[], ctx: OpContext): Tensor[] {
  const labels = ctx.attr('classlabels_int64s')?.ints;
  if (!labels) throw new Error('importOnnx: TreeEnsembleClassifier with string class labels is not supported (Descent tensors hold numbers)');
  const scores = treeScores(x!, ctx, 'class', labels.length);
  const idx = numbers(scores.argmax(1));
  return [tensor(Float64Array.from(idx, (i) => labels[i])), scores];
}

function treeScores(x: Tensor, ctx: OpContext, prefix: 'target' | 'class', K: number): Tensor {
  const ints = (n: string) => ctx.attr(n)?.ints ?? [];
  const floats = (n: string) => ctx.attr(n)?.floats ?? [];
  const treeIds = ints('nodes_treeids'), nodeIds = ints('nodes_nodeids'), feats = ints('nodes_featureids'), vals = floats('nodes_values');
  const modes = ctx.attr('nodes_modes')?.strings ?? [], trueIds = ints('nodes_truenodeids'), falseIds = ints('nodes_falsenodeids');
  const agg = ctx.attr('aggregate_function')?.s ?? 'SUM', base = floats('base_values');
  if (!['SUM', 'AVERAGE'].includes(agg) || (ctx.attr('post_transform')?.s ?? 'NONE') !== 'NONE') throw new Error(`importOnnx: ${ctx.node.opType} with aggregate_function ${agg} / post_transform ${ctx.attr('post_transform')?.s} is not supported`);
  const index = new Map<string, number>();
  treeIds.forEach((t, i) => index.set(`${t}:${nodeIds[i]}`, i));
  const leafTargets = new Map<number, [number, number][]>();
  const tt = ints(`${prefix}_treeids`), tn = ints(`${prefix}_nodeids`), tk = ints(`${prefix}_ids`), tw = floats(`${prefix}_weights`);
  tt.forEach((t, j) => {
    const i = index.get(`${t}:${tn[j]}`)!;
    if (!leafTargets.has(i)) leafTargets.set(i, []);
    leafTargets.get(i)!.push([tk[j], tw[j]]);
  });
  const roots = [...new Set(treeIds)].map((t) => index.get(`${t}:0`)!);
  const X = Float32Array.from(numbers(x));
  const [N, p] = x.shape;
  const out = new Float32Array(N * K);
  for (let r = 0; r < N; r++) {
    for (const root of roots) {
      let i = root;
      while (modes[i] !== 'LEAF') {
        if (modes[i] !== 'BRANCH_LEQ') throw new Error(`importOnnx: tree node mode ${modes[i]} is not supported (BRANCH_LEQ and LEAF are)`);
        i = index.get(`${treeIds[i]}:${X[r * p + feats[i]] <= vals[i] ? trueIds[i] : falseIds[i]}`)!;
      }
      for (const [k, w] of leafTargets.get(i) ?? []) out[r * K + k] += w;
    }
    for (let k = 0; k < K; k++) out[r * K + k] = (agg === 'AVERAGE' ? out[r * K + k] / roots.length : out[r * K + k]) + (base[k] ?? 0);
  }
  return tensor(out).reshape([N, K]);
}

export const OPS: Record<string, Op> = {
  Identity: ([x]) => [x],
  Constant: (_, ctx) => {
    const t = ctx.attr('value')?.t;
    if (!t) throw new Error(`importOnnx: Constant node ${ctx.node.name} has no tensor 'value' (value_float(s)/value_int(s) are not supported)`);
    return [tensorOf(t)];
  },
  // Shapes and indices travel as float64 tensors (Descent has no int64).
  Shape: ([x]) => [tensor(Float64Array.from(x!.shape))],
  ConstantOfShape: ([shape], ctx) => {
    const t = ctx.attr('value')?.t;
    const v = t ? Number((t.values as ArrayLike<number | bigint>)[0]) : 0;
    return [tensor(new Float32Array(numbers(shape!).reduce((a, b) => a * b, 1)).fill(v)).reshape(numbers(shape!))];
  },
  Unsqueeze: ([x, axes]) => {
    const shape = [...x!.shape];
    const rank = shape.length + axes!.size;
    for (const a of numbers(axes!).map((v) => axisOf(v, rank)).sort((a, b) => a - b)) shape.splice(a, 0, 1);
    return [x!.reshape(shape)];
  },
  Squeeze: ([x, axes]) => {
    const drop = axes ? numbers(axes).map((v) => axisOf(v, x!.ndim)) : x!.shape.map((d, i) => (d === 1 ? i : -1));
    return [x!.reshape(x!.shape.filter((_, i) => !drop.includes(i)))];
  },
  Gemm: ([a, b, c], ctx) => {
    // Y = α·A'·B' + β·C, with A' = Aᵀ if transA, B' = Bᵀ if transB.
    const A = ctx.attr('transA')?.i ? a!.transpose(0, 1) : a!;
    const B = ctx.attr('transB')?.i ? b!.transpose(0, 1) : b!;
    const alpha = ctx.attr('alpha')?.f ?? 1, beta = ctx.attr('beta')?.f ?? 1;
    let y = A.matmul(B);
    if (alpha !== 1) y = y.mul(alpha);
    return [c ? y.add(beta === 1 ? c : c.mul(beta)) : y];
  },
  MatMul: ([a, b]) => [a!.matmul(b!)],
  Add: ([a, b]) => [a!.add(b!)],
  Sub: ([a, b]) => [a!.sub(b!)],
  Mul: ([a, b]) => [a!.mul(b!)],
  Div: ([a, b]) => [a!.div(b!)],
  Transpose: ([x], ctx) => [x!.permute(ctx.attr('perm')?.ints ?? x!.shape.map((_, i) => x!.ndim - 1 - i))],
  Reshape: ([x, s]) => [x!.reshape(reshapeTarget(x!, numbers(s!)))],
  Flatten: ([x], ctx) => {
    const axis = axisOf(ctx.attr('axis')?.i ?? 1, x!.ndim);
    const lead = x!.shape.slice(0, axis).reduce((a, b) => a * b, 1);
    return [x!.reshape([lead, x!.size / lead])];
  },
  Concat: (xs, ctx) => [concat(xs as Tensor[], ctx.attr('axis')!.i!)],
  Conv: ([x, w, b], ctx) => {
    const k = w!.ndim - 2;
    const pads = symmetricPads(ctx, k);
    const strides = ctx.attr('strides')?.ints ?? new Array(k).fill(1);
    const dilations = ctx.attr('dilations')?.ints ?? new Array(k).fill(1);
    const groups = ctx.attr('group')?.i ?? 1;
    if (k === 1) return [conv1d(x!, w!, b, { stride: strides[0], padding: pads[0], dilation: dilations[0], groups })];
    if (k !== 2) throw new Error(`importOnnx: Conv with a ${k}-D kernel is not supported (1-D and 2-D are)`);
    return [conv2d(x!, w!, b, { stride: [strides[0], strides[1]], padding: [pads[0], pads[1]], dilation: [dilations[0], dilations[1]], groups })];
  },
  MaxPool: pool('max'),
  AveragePool: pool('avg'),
  GlobalAveragePool: ([x]) => [x!.mean(x!.shape.map((_, i) => i).slice(2), true)],
  BatchNormalization: ([x, scale, b, mean, variance], ctx) => {
    const shape = x!.shape.map((d, i) => (i === 1 ? d : 1));
    const eps = ctx.attr('epsilon')?.f ?? 1e-5;
    const y = x!.sub(mean!.reshape(shape)).div(variance!.reshape(shape).add(eps).sqrt());
    return [y.mul(scale!.reshape(shape)).add(b!.reshape(shape))];
  },
  LayerNormalization: ([x, scale, b], ctx) => {
    const axis = axisOf(ctx.attr('axis')?.i ?? -1, x!.ndim);
    return [layerNorm(x!, x!.shape.slice(axis), scale, b, ctx.attr('epsilon')?.f ?? 1e-5)];
  },
  Relu: ([x]) => [x!.relu()],
  Tanh: ([x]) => [x!.tanh()],
  Sigmoid: ([x]) => [x!.sigmoid()],
  Erf: ([x]) => [x!.erf()],
  LeakyRelu: ([x], ctx) => [leakyRelu(x!, ctx.attr('alpha')?.f ?? 0.01)],
  Elu: ([x], ctx) => [elu(x!, ctx.attr('alpha')?.f ?? 1)],
  Softplus: ([x]) => [softplus(x!, 1, Infinity)],
  Softmax: ([x], ctx) => [x!.softmax(ctx.attr('axis')?.i ?? -1)],
  LogSoftmax: ([x], ctx) => [x!.logSoftmax(ctx.attr('axis')?.i ?? -1)],
  Clip: ([x, lo, hi]) => [x!.clip(lo ? lo.item() : null, hi ? hi.item() : null)],
  ReduceMean: ([x, axes], ctx) => [x!.mean(axes ? numbers(axes) : ctx.attr('axes')!.ints!, (ctx.attr('keepdims')?.i ?? 1) === 1)],
  ReduceSum: ([x, axes], ctx) => [x!.sum(axes ? numbers(axes) : undefined, (ctx.attr('keepdims')?.i ?? 1) === 1)],
  ArgMax: ([x], ctx) => [x!.argmax(ctx.attr('axis')?.i ?? 0, (ctx.attr('keepdims')?.i ?? 1) === 1)],
  Gather: ([data, idx], ctx) => {
    const axis = axisOf(ctx.attr('axis')?.i ?? 0, data!.ndim);
    if (idx!.ndim === 0) return [data!.select(axis, axisOf(idx!.item(), data!.shape[axis]))];
    if (idx!.ndim !== 1) throw new Error('importOnnx: Gather with indices of rank other than 1 is not supported');
    return [data!.indexSelect(axis, idx!.astype('int32'))];
  },
  QuantizeLinear: ([x, scale, zp], ctx) => {
    // Integer-valued floats: q = clamp(round_half_even(x / s) + z); the range comes from the zero point's type (uint8 unless int8).
    const axis = ctx.attr('axis')?.i ?? 1;
    const [lo, hi] = ctx.inputType(2) === DataType.INT8 ? [-128, 127] : [0, 255];
    const scaled = numbers(x!.div(perAxis(scale!, x!, axis)));
    const z = zp ? numbers(perAxis(zp.astype('float32'), x!, axis).add(x!.detach().mul(0))) : null;   // broadcast to x's shape
    return [tensor(Float32Array.from(scaled, (v, i) => Math.min(hi, Math.max(lo, roundHalfEven(v) + (z ? z[i] : 0))))).reshape(x!.shape)];
  },
  DequantizeLinear: ([q, scale, zp], ctx) => {
    const axis = ctx.attr('axis')?.i ?? 1;
    const x = q!.astype('float32');
    const centered = zp ? x.sub(perAxis(zp.astype('float32'), x, axis)) : x;
    return [centered.mul(perAxis(scale!, x, axis))];
  },
  LSTM: ([x, , , , , h0, c0], ctx) => recurrentOutputs(ctx, x!, h0, c0),
  GRU: ([x, , , , , h0], ctx) => recurrentOutputs(ctx, x!, h0, null),
  TreeEnsembleRegressor: treeEnsembleRegressor,
  TreeEnsembleClassifier: treeEnsembleClassifier,
};

/** Runs the node's Descent LSTM/GRU on X (L, N, I); returns Y (L, D, N, H), Y_h and Y_c. */
function recurrentOutputs(ctx: OpContext, x: Tensor, h0: Tensor | null | undefined, c0: Tensor | null | undefined): Tensor[] {
  const rnn = ctx.recurrent!;
  const [L, N] = x.shape;
  const H = rnn.hiddenSize, D = rnn.bidirectional ? 2 : 1;
  const toY = (out: Tensor) => out.reshape([L, N, D, H]).permute([0, 2, 1, 3]);
  if (ctx.node.opType === 'LSTM') {
    const state: [Tensor, Tensor] | undefined = h0 || c0 ? [h0 ?? tensor(new Float32Array(D * N * H)).reshape([D, N, H]), c0 ?? tensor(new Float32Array(D * N * H)).reshape([D, N, H])] : undefined;
    const [out, [h, c]] = (rnn as LSTM).forward(x, state);
    return [toY(out), h, c];
  }
  const [out, h] = (rnn as GRU).forward(x, h0 ?? undefined);
  return [toY(out), h];
}
